// Simple image work with the standard library: PPM/PGM pixels, PNG headers, writing a PNG.
import type { EvalTask } from "@/lib/eval/task";
import { answerHas, fail, files, isFailure, near, ok, py, rng } from "./helpers";
import { decodePng, decodePnm, encodePng, encodePpm, pngInfo, type Pixmap } from "./image-codecs";

function photo(): Pixmap {
  const r = rng(2525);
  const width = 40,
    height = 30;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.min(255, Math.round((x / width) * 200 + r.int(0, 55)));
      data[i + 1] = Math.min(255, Math.round((y / height) * 180 + r.int(0, 60)));
      data[i + 2] = (x * y + r.int(0, 30)) % 256;
    }
  }
  return { width, height, data, channels: 3 };
}

const input = (i: { inputs: ReadonlyMap<string, Uint8Array> }, p: string) => i.inputs.get(p)!;
const output = (i: { outputs: ReadonlyMap<string, Uint8Array> }, p: string) =>
  i.outputs.get(p) ?? fail(`${p} was not written (outputs: ${[...i.outputs.keys()].join(", ") || "none"})`);

const ppmMean: EvalTask = {
  id: "image-ppm-mean-color",
  category: "image",
  packages: [],
  prompt:
    "The data is at ./data/photo.ppm, a binary PPM (P6) image. Without any imaging library, compute the mean red, green and blue values over all pixels (2 decimals), save " +
    '{"r": …, "g": …, "b": …} to ./output/mean_rgb.json, and tell me the image size and the mean red value.',
  files: () => files({ "data/photo.ppm": encodePpm(photo()) }),
  reference: py`import json, os
import re
data = open("data/photo.ppm", "rb").read()
m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
w, h = int(m.group(1)), int(m.group(2))
px = data[m.end(): m.end() + w * h * 3]
n = w * h
mean = {c: round(sum(px[i::3]) / n, 2) for i, c in enumerate("rgb")}
os.makedirs("output", exist_ok=True)
json.dump(mean, open("output/mean_rgb.json", "w"))
print(f"{w}x{h}, mean red {mean['r']}")`,
  check(i) {
    const p = decodePnm(input(i, "data/photo.ppm"));
    const sums = [0, 0, 0];
    for (let k = 0; k < p.data.length; k++) sums[k % 3]! += p.data[k]!;
    const n = p.width * p.height;
    const out = output(i, "output/mean_rgb.json");
    if (isFailure(out)) return out;
    const got = JSON.parse(new TextDecoder().decode(out)) as Record<string, number>;
    for (const [k, c] of ["r", "g", "b"].entries())
      if (!near(Number(got[c]), sums[k]! / n, 0.006))
        return fail(`${c}: expected ${(sums[k]! / n).toFixed(2)}, got ${got[c]}`);
    return answerHas(i, Math.round((sums[0]! / n) * 100) / 100, 0.006) ?? ok("mean colour correct");
  },
};

const luma = (r: number, g: number, b: number) => Math.round(0.299 * r + 0.587 * g + 0.114 * b);

const ppmToPgm: EvalTask = {
  id: "image-ppm-to-grayscale",
  category: "image",
  packages: [],
  prompt:
    "The data is at ./data/photo.ppm (binary PPM, P6). Convert it to grayscale with gray = round(0.299·R + 0.587·G + 0.114·B) and save it as a binary PGM (P5, maxval 255) " +
    "at ./output/gray.pgm, using only the standard library. What is the mean gray level (2 decimals)?",
  files: () => files({ "data/photo.ppm": encodePpm(photo()) }),
  reference: py`import os
import re
data = open("data/photo.ppm", "rb").read()
m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
w, h = int(m.group(1)), int(m.group(2))
px = data[m.end(): m.end() + w * h * 3]
gray = bytes(round(0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2]) for i in range(0, len(px), 3))
os.makedirs("output", exist_ok=True)
with open("output/gray.pgm", "wb") as f:
    f.write(b"P5\n%d %d\n255\n" % (w, h) + gray)
print(round(sum(gray) / len(gray), 2))`,
  check(i) {
    const p = decodePnm(input(i, "data/photo.ppm"));
    const out = output(i, "output/gray.pgm");
    if (isFailure(out)) return out;
    let g: Pixmap;
    try {
      g = decodePnm(out);
    } catch (e) {
      return fail(`gray.pgm: ${(e as Error).message}`);
    }
    if (g.channels !== 1 || g.width !== p.width || g.height !== p.height)
      return fail(
        `gray.pgm is ${g.channels === 1 ? "P5" : "P6"} ${g.width}x${g.height}, expected P5 ${p.width}x${p.height}`,
      );
    let sum = 0;
    for (let k = 0; k < g.data.length; k++) {
      const want = luma(p.data[k * 3]!, p.data[k * 3 + 1]!, p.data[k * 3 + 2]!);
      sum += want;
      if (Math.abs(g.data[k]! - want) > 1) return fail(`pixel ${k}: gray ${g.data[k]}, expected ${want}`);
    }
    return answerHas(i, Math.round((sum / g.data.length) * 100) / 100, 0.02) ?? ok("grayscale correct");
  },
};

function icon(): Uint8Array {
  const width = 37,
    height = 23;
  const data = new Uint8Array(width * height * 3);
  for (let k = 0; k < width * height; k++) data.set([(k * 7) % 256, (k * 13) % 256, 90], k * 3);
  return encodePng({ width, height, data, channels: 3 });
}

const pngHeader: EvalTask = {
  id: "image-png-header",
  category: "image",
  packages: [],
  prompt:
    'The data is at ./data/icon.png. Read its PNG header (IHDR chunk) with the standard library only, save {"width", "height", "bit_depth", "color_type"} to ' +
    "./output/png_info.json, and tell me the dimensions as WIDTHxHEIGHT.",
  files: () => files({ "data/icon.png": icon() }),
  reference: py`import json, os, struct
data = open("data/icon.png", "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
w, h, depth, ctype = struct.unpack(">IIBB", data[16:26])
os.makedirs("output", exist_ok=True)
json.dump({"width": w, "height": h, "bit_depth": depth, "color_type": ctype}, open("output/png_info.json", "w"))
print(f"{w}x{h}")`,
  check(i) {
    const want = pngInfo(input(i, "data/icon.png"));
    const out = output(i, "output/png_info.json");
    if (isFailure(out)) return out;
    const got = JSON.parse(new TextDecoder().decode(out)) as Record<string, number>;
    if (
      got.width !== want.width ||
      got.height !== want.height ||
      got.bit_depth !== want.bitDepth ||
      got.color_type !== want.colorType
    )
      return fail(`png_info.json ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    return new RegExp(`${want.width}\\s*[x×]\\s*${want.height}`).test(i.finalText)
      ? ok("header read")
      : fail(`the final answer does not say ${want.width}x${want.height}`);
  },
};

const checkerboard: EvalTask = {
  id: "image-write-png-checkerboard",
  category: "image",
  packages: [],
  prompt:
    "Create a 64×64 RGB PNG at ./output/checkerboard.png using only the standard library (zlib and struct): an 8×8 checkerboard of 8-pixel squares, the top-left square pure red " +
    "(255,0,0) and the squares next to it pure blue (0,0,255). Tell me the file size in bytes.",
  files: () => new Map(),
  reference: py`import os, struct, zlib
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
rows = b""
for y in range(64):
    rows += b"\x00" + b"".join(bytes((255, 0, 0) if (x // 8 + y // 8) % 2 == 0 else (0, 0, 255)) for x in range(64))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
os.makedirs("output", exist_ok=True)
open("output/checkerboard.png", "wb").write(png)
print(len(png))`,
  check(i) {
    const out = output(i, "output/checkerboard.png");
    if (isFailure(out)) return out;
    let p: Pixmap;
    try {
      p = decodePng(out);
    } catch (e) {
      return fail(`checkerboard.png: ${(e as Error).message}`);
    }
    if (p.width !== 64 || p.height !== 64) return fail(`size ${p.width}x${p.height}, expected 64x64`);
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 64; x++) {
        const want = ((x >> 3) + (y >> 3)) % 2 === 0 ? [255, 0, 0] : [0, 0, 255];
        const k = (y * 64 + x) * 3;
        if (p.data[k] !== want[0] || p.data[k + 1] !== want[1] || p.data[k + 2] !== want[2])
          return fail(`pixel (${x},${y}) is ${[...p.data.subarray(k, k + 3)]}, expected ${want}`);
      }
    }
    return answerHas(i, out.length) ?? ok("checkerboard correct");
  },
};

const flip: EvalTask = {
  id: "image-ppm-flip",
  category: "image",
  packages: [],
  prompt:
    "The data is at ./data/photo.ppm (binary PPM, P6). Mirror it horizontally (left ↔ right) and save the result as a binary PPM at ./output/flipped.ppm. What are the RGB values of the top-left pixel of the result?",
  files: () => files({ "data/photo.ppm": encodePpm(photo()) }),
  reference: py`import os
import re
data = open("data/photo.ppm", "rb").read()
m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
w, h = int(m.group(1)), int(m.group(2))
px = data[m.end(): m.end() + w * h * 3]
out = bytearray()
for y in range(h):
    row = px[y * w * 3:(y + 1) * w * 3]
    for x in range(w - 1, -1, -1):
        out += row[x * 3:x * 3 + 3]
os.makedirs("output", exist_ok=True)
open("output/flipped.ppm", "wb").write(b"P6\n%d %d\n255\n" % (w, h) + bytes(out))
print(tuple(out[:3]))`,
  check(i) {
    const p = decodePnm(input(i, "data/photo.ppm"));
    const out = output(i, "output/flipped.ppm");
    if (isFailure(out)) return out;
    let f: Pixmap;
    try {
      f = decodePnm(out);
    } catch (e) {
      return fail(`flipped.ppm: ${(e as Error).message}`);
    }
    if (f.width !== p.width || f.height !== p.height || f.channels !== 3)
      return fail(`flipped.ppm is ${f.width}x${f.height}`);
    for (let y = 0; y < p.height; y++) {
      for (let x = 0; x < p.width; x++) {
        const a = (y * p.width + x) * 3;
        const b = (y * p.width + (p.width - 1 - x)) * 3;
        if (f.data[a] !== p.data[b] || f.data[a + 1] !== p.data[b + 1] || f.data[a + 2] !== p.data[b + 2])
          return fail(`pixel (${x},${y}) is not the mirror of (${p.width - 1 - x},${y})`);
      }
    }
    const tl = [...f.data.subarray(0, 3)];
    return tl.every((v) => new RegExp(`(^|\\D)${v}(\\D|$)`).test(i.finalText))
      ? ok("mirrored")
      : fail(`the final answer does not give the top-left pixel ${tl.join(", ")}`);
  },
};

export const IMAGE_TASKS = [ppmMean, ppmToPgm, pngHeader, checkerboard, flip];

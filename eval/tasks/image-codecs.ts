// Just enough PPM/PGM and PNG to make image inputs and check image outputs without a library.
import { deflateSync, inflateSync } from "node:zlib";

export interface Pixmap {
  width: number;
  height: number;
  /** RGB, row-major, 3 bytes per pixel (1 for grayscale). */
  data: Uint8Array;
  channels: 1 | 3;
}

export function encodePpm(p: Pixmap): Uint8Array {
  const header = new TextEncoder().encode(`${p.channels === 3 ? "P6" : "P5"}\n${p.width} ${p.height}\n255\n`);
  const out = new Uint8Array(header.length + p.data.length);
  out.set(header);
  out.set(p.data, header.length);
  return out;
}

/** Binary P5/P6 with maxval 255; comments allowed in the header. */
export function decodePnm(bytes: Uint8Array): Pixmap {
  let pos = 0;
  const token = () => {
    for (;;) {
      while (pos < bytes.length && /\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
      if (bytes[pos] === 35) while (pos < bytes.length && bytes[pos] !== 10) pos++;
      else break;
    }
    const start = pos;
    while (pos < bytes.length && !/\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
    return new TextDecoder().decode(bytes.subarray(start, pos));
  };
  const magic = token();
  if (magic !== "P6" && magic !== "P5")
    throw new Error(`not a binary PPM/PGM (magic ${JSON.stringify(magic.slice(0, 4))})`);
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  if (max !== 255) throw new Error(`maxval ${max}, expected 255`);
  pos++; // the single whitespace after maxval
  const channels = magic === "P6" ? 3 : 1;
  const data = bytes.subarray(pos, pos + width * height * channels);
  if (data.length !== width * height * channels)
    throw new Error(`pixel data is ${data.length} bytes, expected ${width * height * channels}`);
  return { width, height, data, channels };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** 8-bit RGB (color type 2) or grayscale (0), filter 0 on every row. */
export function encodePng(p: Pixmap): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, p.width);
  v.setUint32(4, p.height);
  ihdr.set([8, p.channels === 3 ? 2 : 0, 0, 0, 0], 8);
  const stride = p.width * p.channels;
  const raw = new Uint8Array((stride + 1) * p.height);
  for (let y = 0; y < p.height; y++) raw.set(p.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const parts = [
    new Uint8Array(SIGNATURE),
    chunk("IHDR", ihdr),
    chunk("IDAT", new Uint8Array(deflateSync(raw))),
    chunk("IEND", new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
}

export function pngInfo(bytes: Uint8Array): PngInfo {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error("not a PNG (bad signature)");
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (new TextDecoder().decode(bytes.subarray(12, 16)) !== "IHDR") throw new Error("PNG without IHDR first");
  return { width: v.getUint32(16), height: v.getUint32(20), bitDepth: bytes[24]!, colorType: bytes[25]! };
}

/** Decodes 8-bit, non-interlaced grayscale/RGB/RGBA PNGs (all five filters) to RGB. */
export function decodePng(bytes: Uint8Array): Pixmap {
  const info = pngInfo(bytes);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (info.bitDepth !== 8) throw new Error(`bit depth ${info.bitDepth} is not supported by the checker`);
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[info.colorType];
  if (!channels) throw new Error(`color type ${info.colorType} is not supported by the checker`);
  if (bytes[28] !== 0) throw new Error("interlaced PNGs are not supported by the checker");
  const idat: Uint8Array[] = [];
  for (let pos = 8; pos < bytes.length; ) {
    const len = v.getUint32(pos);
    const type = new TextDecoder().decode(bytes.subarray(pos + 4, pos + 8));
    if (type === "IDAT") idat.push(bytes.subarray(pos + 8, pos + 8 + len));
    if (type === "IEND") break;
    pos += 12 + len;
  }
  const raw = new Uint8Array(inflateSync(Buffer.concat(idat)));
  const stride = info.width * channels;
  const px = new Uint8Array(stride * info.height);
  for (let y = 0; y < info.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[y * stride + x - channels]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a),
          pb = Math.abs(p - b),
          pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + x] = (line[x]! + pred) & 0xff;
    }
  }
  const rgb = new Uint8Array(info.width * info.height * 3);
  for (let i = 0; i < info.width * info.height; i++) {
    if (channels <= 2) rgb.fill(px[i * channels]!, i * 3, i * 3 + 3);
    else rgb.set(px.subarray(i * channels, i * channels + 3), i * 3);
  }
  return { width: info.width, height: info.height, data: rgb, channels: 3 };
}

// The notebook the share benchmark serves: 50 cells like a real analysis — code, printed text,
// HTML tables, markdown — 10 of them with a figure (a real PNG of matplotlib's usual size).
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 640×480 plot-like PNG (axes, a noisy line): ~20–40 KB, like a matplotlib figure. */
export function figurePng(seed: number): string {
  const w = 640;
  const h = 480;
  const raw = Buffer.alloc((w * 3 + 1) * h, 255);
  let s = seed * 7919 + 1;
  const rnd = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const ys = Array.from({ length: w }, (_, x) =>
    Math.round(h / 2 + Math.sin((x + seed * 30) / 40) * 120 + (rnd() - 0.5) * 40),
  );
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < w; x++) {
      const i = row + 1 + x * 3;
      const axis = x === 60 || y === h - 50;
      const line = Math.abs(ys[x]! - y) <= 1;
      const dot = rnd() < 0.02;
      if (axis || line) raw[i] = raw[i + 1] = raw[i + 2] = line ? 40 : 0;
      else if (dot) raw.set([31, 119, 180], i);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return png.toString("base64");
}

export interface BenchCell {
  kind: "code" | "markdown";
  source: string;
  outputs: unknown[];
}

export function benchCells(count = 50, figures = 10): BenchCell[] {
  const every = Math.floor(count / figures);
  let placed = 0;
  return Array.from({ length: count }, (_, i): BenchCell => {
    if (i % 7 === 3)
      return {
        kind: "markdown",
        source: `## Step ${i}\n\nWe look at **sales** by region and compare with [last year](https://example.com).`,
        outputs: [],
      };
    const source = `import statistics\nvalues = [x * ${i} for x in range(100)]\nmean = statistics.mean(values)\nprint(f"mean={mean:.2f}")\nfor region in ["north", "south", "east"]:\n    print(region, len(region) * ${i})\nvalues[:5]`;
    const outputs: unknown[] = [
      {
        output_type: "stream",
        name: "stdout",
        text: `mean=${(49.5 * i).toFixed(2)}\nnorth ${5 * i}\nsouth ${5 * i}\neast ${4 * i}\n`,
      },
      {
        output_type: "execute_result",
        execution_count: i + 1,
        data: {
          "text/plain": `[0, ${i}, ${2 * i}, ${3 * i}, ${4 * i}]`,
          "text/html": `<table><tr><th>a</th><th>b</th></tr>${"<tr><td>1</td><td>2</td></tr>".repeat(10)}</table>`,
        },
        metadata: {},
      },
    ];
    // One figure every `every` cells, on the next code cell when that slot is markdown.
    if (placed < figures && i >= placed * every) {
      placed++;
      outputs.push({
        output_type: "display_data",
        data: { "image/png": figurePng(i), "text/plain": "<Figure size 640x480 with 1 Axes>" },
        metadata: {},
      });
    }
    return { kind: "code", source, outputs };
  });
}

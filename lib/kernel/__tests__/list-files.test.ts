// The worker's listFiles walk over the real Emscripten filesystem (Pyodide booted in Node):
// files Python writes under output/ are found with their size, and a rewrite moves the mtime.
import { loadPyodide, type PyodideAPI } from "pyodide";
import { beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../worker/list-files";

let py: PyodideAPI;
beforeAll(async () => {
  py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
}, 60_000);

const cwd = () => py.FS.cwd() as string;

describe("listFiles (worker)", () => {
  it("lists regular files recursively under the name asked for; a missing folder is empty", async () => {
    expect(listFiles(py.FS, `${cwd()}/output`, "output")).toEqual([]);
    py.runPython(`
import os
os.makedirs("output/sub", exist_ok=True)
open("output/summary.csv", "w").write("a,b\\n1,2\\n")
open("output/sub/chart.png", "wb").write(b"\\x89PNG" + bytes(10))
os.symlink("/etc", "output/link")
`);
    const files = listFiles(py.FS, `${cwd()}/output`, "output");
    expect(files.map((f) => [f.path, f.size])).toEqual([
      ["output/sub/chart.png", 14],
      ["output/summary.csv", 8],
    ]);
    expect(files.every((f) => f.mtimeMs > 0)).toBe(true);
  });

  it("a rewrite of the same size moves the mtime", async () => {
    const before = listFiles(py.FS, `${cwd()}/output`, "output").find((f) => f.path === "output/summary.csv")!;
    await new Promise((r) => setTimeout(r, 5));
    py.runPython(`open("output/summary.csv", "w").write("c,d\\n3,4\\n")`);
    const after = listFiles(py.FS, `${cwd()}/output`, "output").find((f) => f.path === "output/summary.csv")!;
    expect(after.size).toBe(before.size);
    expect(after.mtimeMs).toBeGreaterThan(before.mtimeMs);
  });
});

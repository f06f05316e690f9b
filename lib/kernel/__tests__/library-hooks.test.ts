// packages.py in the real interpreter (Pyodide in Node): imports of packages that failed to
// load raise with the reason, and matplotlib figures show inline. matplotlib cannot be loaded
// here, so the test writes a small stand-in `matplotlib.pyplot` with the API the hook uses.
import { loadPyodide, type PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import { beforeAll, describe, expect, it } from "vitest";
import { installRunner } from "../worker/install-runner";
import { cellRunner, plainText as plainOf, runnerModules as modules } from "./cell-runner";

let py: PyodideAPI;
let cells: ReturnType<typeof cellRunner>;
let packages: { set_unavailable(reasons: PyProxy): void };
const run = (code: string) => cells.run(code);

function setUnavailable(reasons: Record<string, string>) {
  const proxy = py.toPy(reasons) as PyProxy;
  packages.set_unavailable(proxy);
  proxy.destroy();
}

const FAKE_PYPLOT = `
import base64
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
_figures = {}
class Figure:
    def __init__(self, num):
        self.num = num
    def savefig(self, buf, format=None, **kwargs):
        assert format == "png"
        buf.write(PNG)
    def __repr__(self):
        return "<Figure %d>" % self.num
def figure(num=None):
    num = num if num is not None else max(_figures, default=0) + 1
    return _figures.setdefault(num, Figure(num))
def get_fignums():
    return sorted(_figures)
def close(which):
    assert which == "all"
    _figures.clear()
def plot(*args):
    figure()
    return ["<line>"]
def show(*args, **kwargs):
    raise AssertionError("the inline show replaces this one")
`;

beforeAll(async () => {
  py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  installRunner(py, modules);
  cells = cellRunner(py);
  packages = py.pyimport("_pylot_packages") as unknown as typeof packages;
  py.FS.mkdirTree("/tmp/fakelibs/matplotlib");
  py.FS.writeFile("/tmp/fakelibs/matplotlib/__init__.py", "");
  py.FS.writeFile("/tmp/fakelibs/matplotlib/pyplot.py", FAKE_PYPLOT);
}, 60_000);

describe("packages that could not be loaded", () => {
  it("raise ModuleNotFoundError with the reason at the user's import, catchable, with no frames of ours", async () => {
    setUnavailable({ demo_pkg: "package 'demo-pkg' could not be loaded from https://index/: no data for 3 s" });
    const r = await run("import demo_pkg.sub");
    expect(r.status).toBe("error");
    const err = r.outputs.at(-1)!;
    expect(err).toMatchObject({
      ename: "ModuleNotFoundError",
      evalue: "No module named 'demo_pkg': package 'demo-pkg' could not be loaded from https://index/: no data for 3 s",
    });
    const tb = err.output_type === "error" ? err.traceback : [];
    expect(tb.filter((l) => l.startsWith("  File "))).toEqual([`  File "<cell-${r.n}>", line 1, in <module>`]);
    expect(tb.join("\n")).not.toContain("pylot");

    const caught = await run(
      "try:\n    import demo_pkg\nexcept ImportError as e:\n    print(type(e).__name__, e.name)",
    );
    expect(caught.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "ModuleNotFoundError demo_pkg\n" }]);

    setUnavailable({}); // the next cell's load decides again
    expect((await run("import demo_pkg")).outputs.at(-1)).toMatchObject({ evalue: "No module named 'demo_pkg'" });
  });
});

describe("matplotlib inline", () => {
  it("selects Agg and imports nothing until the user does", async () => {
    const r = await run("import os, sys\nprint(os.environ['MPLBACKEND'], 'matplotlib' in sys.modules)");
    expect(r.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "agg False\n" }]);
  });

  it("shows figures left open at the end of the cell as PNG, after the result, and closes them", async () => {
    const r = await run(
      "import sys\nsys.path.insert(0, '/tmp/fakelibs')\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])",
    );
    expect(r.status).toBe("ok");
    expect(r.outputs.map((o) => o.output_type)).toEqual(["execute_result", "display_data"]);
    expect(r.outputs[1]).toMatchObject({
      data: { "image/png": expect.stringMatching(/^iVBORw0KGgo/), "text/plain": "<Figure 1>" },
    });
    expect(plainOf((await run("plt.get_fignums()")).outputs[0])).toBe("[]");
  });

  it("plt.show() shows the figures where it is called; two figures give two images", async () => {
    const r = await run("plt.figure()\nplt.figure()\nplt.show()\nprint('after')");
    expect(
      r.outputs.map((o) => (o.output_type === "display_data" ? String(o.data["text/plain"]) : o.output_type)),
    ).toEqual(["<Figure 1>", "<Figure 2>", "stream"]);
  });

  it("still shows a figure when the cell then fails, before the error", async () => {
    const r = await run("plt.figure()\n1/0");
    expect(r.outputs.map((o) => o.output_type)).toEqual(["display_data", "error"]);
  });

  it("a failing savefig is a warning, not a lost cell", async () => {
    const r = await run("f = plt.figure()\nf.savefig = lambda *a, **k: 1/0\n'done'");
    expect(r.status).toBe("ok");
    const text = r.outputs.map((o) =>
      o.output_type === "stream"
        ? o.text
        : o.output_type === "execute_result"
          ? String(o.data["text/plain"])
          : o.output_type,
    );
    expect(text).toContain("'done'");
    expect(text.join("")).toContain("_repr_png_() failed: ZeroDivisionError");
    await run("plt.close('all')");
  });
});

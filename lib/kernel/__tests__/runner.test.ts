// The Python runner (worker/runner.py, worker/display.py) in the real interpreter: Pyodide
// from node_modules, booted in Node. Slow to start, so one interpreter serves
// the whole file; cells use distinct names where state could leak between tests.
import { loadPyodide, type PyodideAPI } from "pyodide";
import { beforeAll, describe, expect, it } from "vitest";
import { installRunner } from "../worker/install-runner";
import { cellRunner, plainText as plain, runnerModules as modules } from "./cell-runner";

let py: PyodideAPI;
let cells: ReturnType<typeof cellRunner>;
const run = (code: string) => cells.run(code);

beforeAll(async () => {
  py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  expect(installRunner(py, modules)).toBe("installed");
  cells = cellRunner(py);
}, 60_000);

describe("results like IPython", () => {
  it("shows the value of a last expression as execute_result with the execution count", async () => {
    const r = await run("1+1");
    expect(r.status).toBe("ok");
    expect(r.outputs).toEqual([
      { output_type: "execute_result", execution_count: r.n, data: { "text/plain": "2" }, metadata: {} },
    ]);
  });

  it("shares one namespace across cells, and it is __main__", async () => {
    await run("shared_value = 41\nimport dataclasses\n@dataclasses.dataclass\nclass Point:\n    x: int");
    expect(plain((await run("shared_value + 1, __name__, Point(3)")).outputs[0])).toBe("(42, '__main__', Point(x=3))");
  });

  it("hides the result after a trailing semicolon, and None, and non-expression last statements", async () => {
    expect((await run("1+1;")).outputs).toEqual([]);
    expect((await run("1+1;  # comment")).outputs).toEqual([]);
    expect((await run("None")).outputs).toEqual([]);
    expect((await run("y_assign = 3")).outputs).toEqual([]);
    expect(plain((await run("'a;'")).outputs[0])).toBe("'a;'");
  });

  it("stores the last result in _", async () => {
    await run("6 * 7");
    expect(plain((await run("_")).outputs[0])).toBe("42");
  });

  it("starts with a clean user namespace", async () => {
    expect(plain((await run("sorted(k for k in dir() if k.startswith('_pyodide'))")).outputs[0])).toBe("[]");
  });
});

describe("errors", () => {
  it("gives tracebacks of the user's cell frames only, one line per entry", async () => {
    const r = await run("def f(x):\n    return 1 / x\n\nf(0)");
    expect(r.status).toBe("error");
    const err = r.outputs.at(-1)!;
    expect(err).toMatchObject({ output_type: "error", ename: "ZeroDivisionError", evalue: "division by zero" });
    const tb = err.output_type === "error" ? err.traceback : [];
    expect(tb[0]).toBe("Traceback (most recent call last):");
    expect(tb).toContain(`  File "<cell-${r.n}>", line 4, in <module>`);
    expect(tb).toContain(`  File "<cell-${r.n}>", line 2, in f`);
    expect(tb).toContain("    return 1 / x");
    expect(tb.at(-1)).toBe("ZeroDivisionError: division by zero");
    expect(tb.join("\n")).not.toMatch(/pylot|_base\.py/);
  });

  it("reports syntax errors with the cell name and caret, no traceback header", async () => {
    const r = await run("x = (1 +");
    const err = r.outputs[0]!;
    expect(err).toMatchObject({ output_type: "error", ename: "SyntaxError" });
    if (err.output_type !== "error") throw new Error("expected an error");
    expect(err.traceback[0]).toBe(`  File "<cell-${r.n}>", line 1`);
    expect(err.traceback.at(-1)).toMatch(/^SyntaxError: /);
  });

  it("keeps chained exceptions and hides runner frames in repr() failures", async () => {
    const chained = await run("try:\n    {}['k']\nexcept KeyError as e:\n    raise ValueError('bad') from e");
    const text = chained.outputs[0]!.output_type === "error" ? chained.outputs[0]!.traceback.join("\n") : "";
    expect(text).toMatch(
      /KeyError: 'k'\n\nThe above exception was the direct cause of the following exception:\n\nTraceback/,
    );
    const repr = await run("class BadRepr:\n    def __repr__(self):\n        raise RuntimeError('no repr')\nBadRepr()");
    expect(repr.status).toBe("error");
    const tb = repr.outputs[0]!.output_type === "error" ? repr.outputs[0]!.traceback.join("\n") : "";
    expect(tb).toContain("in __repr__");
    expect(tb).not.toContain("pylot");
  });

  it("maps KeyboardInterrupt to status interrupted and SystemExit to an error", async () => {
    const k = await run("raise KeyboardInterrupt");
    expect(k.status).toBe("interrupted");
    expect(k.outputs[0]).toMatchObject({ ename: "KeyboardInterrupt" });
    expect(await run("import sys\nsys.exit(2)")).toMatchObject({
      status: "error",
      outputs: [{ ename: "SystemExit", evalue: "2" }],
    });
  });

  it("points a bad print() at the user's line, not at our sys.stdout", async () => {
    const r = await run("import sys\nsys.stdout.write(b'bytes')");
    expect(r.outputs[0]).toMatchObject({ ename: "TypeError", evalue: "write() argument must be str, not bytes" });
    const tb = r.outputs[0]!.output_type === "error" ? r.outputs[0]!.traceback : [];
    expect(tb.filter((l) => l.startsWith("  File "))).toEqual([`  File "<cell-${r.n}>", line 2, in <module>`]);
  });

  it("makes input() fail with a clear message", async () => {
    const r = await run("input('name? ')");
    expect(r.outputs[0]).toMatchObject({
      ename: "StdinNotImplementedError",
      evalue: expect.stringContaining("input() is not supported"),
    });
    const tb = r.outputs[0]!.output_type === "error" ? r.outputs[0]!.traceback : [];
    expect(tb.at(-1)).toMatch(/^StdinNotImplementedError: /);
  });
});

describe("streams", () => {
  it("captures stdout and stderr in order, merging chunks of one stream", async () => {
    const r = await run("import sys\nprint('a')\nprint('b')\nprint('oops', file=sys.stderr)\nprint('c')");
    const merged = r.outputs.reduce<{ name: string; text: string }[]>((acc, o) => {
      if (o.output_type !== "stream") return acc;
      const last = acc.at(-1);
      if (last?.name === o.name) last.text += o.text;
      else acc.push({ name: o.name, text: o.text });
      return acc;
    }, []);
    expect(merged).toEqual([
      { name: "stdout", text: "a\nb\n" },
      { name: "stderr", text: "oops\n" },
      { name: "stdout", text: "c\n" },
    ]);
  });

  it("batches a flood of prints into few messages, losing nothing", async () => {
    const r = await run("for i in range(100000):\n    print(i)");
    const text = r.outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("");
    expect(text).toBe(Array.from({ length: 100_000 }, (_, i) => `${i}\n`).join(""));
    expect(r.batches).toBeGreaterThan(1);
    expect(r.batches).toBeLessThan(200); // ~590 KB in 64 KB / 16 ms batches, not 100 000
  });

  it("sends the first line of a cell at once (before a long computation)", async () => {
    let firstBatchAt = -1;
    const r = await run(
      "print('started')\nimport time\nt = time.monotonic()\nwhile time.monotonic() - t < 0.2: pass\nprint('done')",
    );
    firstBatchAt = r.batches;
    expect(firstBatchAt).toBe(2);
    expect(r.outputs[0]).toMatchObject({ text: "started\n" });
  });

  it("supports sys.stdout.buffer and flush()", async () => {
    const r = await run("import sys\nsys.stdout.buffer.write('é\\n'.encode())\nsys.stdout.flush()");
    expect(r.outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("")).toBe("é\n");
  });
});

describe("rich display", () => {
  it("builds MIME bundles from _repr_*_ methods, with base64 images and JSON", async () => {
    const r = await run(
      [
        "class Rich:",
        "    def _repr_html_(self): return '<b>rich</b>'",
        "    def _repr_markdown_(self): return '**rich**'",
        "    def _repr_svg_(self): return '<svg/>'",
        "    def _repr_png_(self): return b'\\x89PNG'",
        "    def _repr_jpeg_(self): return b'\\xff\\xd8'",
        "    def _repr_json_(self): return {'a': [1, 2]}",
        "    def __repr__(self): return 'Rich()'",
        "Rich()",
      ].join("\n"),
    );
    expect(r.outputs[0]).toMatchObject({
      output_type: "execute_result",
      data: {
        "text/plain": "Rich()",
        "text/html": "<b>rich</b>",
        "text/markdown": "**rich**",
        "image/svg+xml": "<svg/>",
        "image/png": "iVBORw==",
        "image/jpeg": "/9g=",
        "application/json": { a: [1, 2] },
      },
    });
  });

  it("display() emits display_data for each object; classes get only text/plain", async () => {
    const r = await run("class H:\n    def _repr_html_(self): return '<i>h</i>'\ndisplay(H(), 'text', H)\nNone");
    expect(r.outputs.map((o) => o.output_type)).toEqual(["display_data", "display_data", "display_data"]);
    expect(r.outputs[0]).toMatchObject({ data: { "text/html": "<i>h</i>" } });
    expect(plain(r.outputs[1])).toBe("'text'");
    expect(Object.keys((r.outputs[2] as { data: object }).data)).toEqual(["text/plain"]);
  });

  it("honours _repr_mimebundle_ and display(raw=True)", async () => {
    const r = await run(
      "class B:\n    def _repr_mimebundle_(self, include=None, exclude=None):\n        return {'text/plain': 'B!', 'application/vnd.custom+json': {'k': 1}}\n" +
        "display(B())\ndisplay({'text/html': '<p>raw</p>'}, raw=True)",
    );
    expect(r.outputs[0]).toMatchObject({ data: { "text/plain": "B!", "application/vnd.custom+json": { k: 1 } } });
    expect(r.outputs[1]).toMatchObject({ data: { "text/html": "<p>raw</p>" } });
  });

  it("drops a failing or non-JSON _repr_ with a warning on stderr instead of failing the cell", async () => {
    const r = await run(
      "class Flaky:\n    def _repr_html_(self): raise ValueError('nope')\n    def _repr_json_(self): return float('nan')\n    def __repr__(self): return 'Flaky()'\nFlaky()",
    );
    expect(r.status).toBe("ok");
    const stderr = r.outputs
      .filter((o) => o.output_type === "stream")
      .map((o) => (o as { text: string }).text)
      .join("");
    expect(stderr).toContain("Flaky._repr_html_() failed: ValueError: nope");
    expect(stderr).toContain("application/json output is not JSON");
    expect(r.outputs.at(-1)).toMatchObject({ data: { "text/plain": "Flaky()" } });
    expect(Object.keys((r.outputs.at(-1) as { data: object }).data)).toEqual(["text/plain"]);
  });

  it("does not call _repr_*_ on objects that claim every attribute", async () => {
    const r = await run(
      "class Anything:\n    def __getattr__(self, name): return lambda: 'x'\n    def __repr__(self): return 'Anything()'\nAnything()",
    );
    expect((r.outputs[0] as { data: object }).data).toEqual({ "text/plain": "Anything()" });
  });
});

describe("top-level await and installation", () => {
  it("runs cells with top-level await (the runner returns a coroutine to await)", async () => {
    const r = await run("import asyncio\nawait asyncio.sleep(0)\nprint('after')\n'awaited'");
    expect(r.status).toBe("ok");
    expect(r.outputs.map((o) => o.output_type)).toEqual(["stream", "execute_result"]);
    expect(plain(r.outputs[1])).toBe("'awaited'");
  });

  it("shows a coroutine object that is the value, rather than awaiting it", async () => {
    const r = await run("import asyncio\nasync def later():\n    return 1\nawait asyncio.sleep(0)\nlater()");
    expect(plain(r.outputs[0])).toMatch(/^<coroutine object later/);
    await run("import gc, warnings\nwarnings.simplefilter('ignore')\n_ = None\ngc.collect();");
  });

  it("reinstalls only when the sources change", () => {
    expect(installRunner(py, modules)).toBe("present");
    const changed = modules.map((m) => (m.name === "_pylot_runner" ? { ...m, source: `${m.source}\n# changed\n` } : m));
    expect(installRunner(py, changed)).toBe("installed");
    cells.attach();
  });
});

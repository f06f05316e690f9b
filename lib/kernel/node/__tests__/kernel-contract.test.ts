// The contract every kernel keeps (worker-kernel.ts + worker-core.ts), pinned on the Node
// transport with real Pyodide in a real worker_thread; the browser transport runs the same code
// (e2e/notebook.spec.ts, e2e/files.spec.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_C_STACK_BYTES } from "@/lib/kernel/worker/c-stack-sizes";
import type { Output } from "@/lib/notebook/outputs";
import { NodeKernel } from "../node-kernel";

let k: NodeKernel;
beforeAll(async () => {
  k = await NodeKernel.start({ interruptGraceMs: 1500 });
}, 60_000);
afterAll(() => k?.dispose());

/**
 * Runs code and resolves once it printed something, or `settleMs` later: the output arrives while
 * print() itself is still returning, so a test whose interrupt must land in the call that follows
 * the print (and not in the print) lets that call begin first.
 */
function runUntilPrinted(code: string, settleMs = 0) {
  let printed!: () => void;
  const started = new Promise<void>((resolve) => (printed = resolve)).then(
    () => new Promise<void>((resolve) => setTimeout(resolve, settleMs)),
  );
  const result = k.run(code, { onOutput: () => printed() });
  return { result, started };
}

const text = (outputs: Output[]) => outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("");

describe("kernel contract", () => {
  it("restart ends the running cell and cancels the queued ones", async () => {
    await k.run("x = 1");
    const running = k.run("while True:\n    pass");
    const queued = k.run("print('queued ran')");
    const started = new Promise<void>((resolve) => k.onStatus((s) => s.state === "busy" && resolve()));
    if (k.status().state !== "busy") await started;
    await k.restart();
    expect(await running).toMatchObject({
      status: "interrupted",
      outputs: [{ output_type: "error", ename: "KernelRestarted" }],
    });
    expect(await queued).toEqual({ status: "cancelled", executionCount: null, outputs: [], durationMs: 0 });
    const after = await k.run("print('x' in globals())");
    expect(after).toMatchObject({ status: "ok", executionCount: 1 });
    expect(text(after.outputs)).toBe("False\n");
  }, 60_000);

  it("interrupt ends time.sleep with a KeyboardInterrupt and keeps the variables (no restart)", async () => {
    const boots = k.boots;
    await k.run("kept = 41");
    const sleeping = runUntilPrinted("import time\nprint('sleeping', flush=True)\ntime.sleep(30)\nprint('woke')");
    await sleeping.started;
    expect(await k.interrupt({ restartIfStuck: false })).toBe("stopped");
    const r = await sleeping.result;
    expect(r.status).toBe("interrupted");
    expect(text(r.outputs)).toBe("sleeping\n");
    expect(r.outputs.at(-1)).toMatchObject({ output_type: "error", ename: "KeyboardInterrupt" });
    expect(k.boots).toBe(boots);
    const after = await k.run("print(kept + 1)");
    expect(text(after.outputs)).toBe("42\n");
    // The wrapper still sleeps, and keeps the original's errors.
    const checks = await k.run(
      "import time\nt = time.monotonic(); time.sleep(0.05); print(time.monotonic() - t >= 0.04)\ntry:\n    time.sleep(-1)\nexcept ValueError as e:\n    print('ValueError')\ntry:\n    time.sleep('1')\nexcept TypeError:\n    print('TypeError')",
    );
    expect(text(checks.outputs)).toBe("True\nValueError\nTypeError\n");
  }, 60_000);

  it("interrupt ends an awaiting cell (asyncio.sleep, a never-resolving future or promise) in place, variables kept", async () => {
    const boots = k.boots;
    await k.run("kept_async = 41");
    // asyncio's own waits, and a JS promise that never settles.
    const waits = [
      "await asyncio.sleep(30)",
      "await asyncio.Future()",
      "await __import__('js').Promise.new(lambda resolve, reject: None)",
    ];
    for (const wait of waits) {
      const awaiting = runUntilPrinted(`import asyncio\nprint('waiting', flush=True)\n${wait}\nprint('woke')`, 100);
      await awaiting.started;
      expect(await k.interrupt({ restartIfStuck: false })).toBe("stopped");
      const r = await awaiting.result;
      expect(r.status).toBe("interrupted");
      expect(text(r.outputs)).toBe("waiting\n");
      // The same error as an interrupted time.sleep: KeyboardInterrupt at the cell's line, no CancelledError.
      const error = r.outputs.at(-1);
      expect(error).toMatchObject({ output_type: "error", ename: "KeyboardInterrupt" });
      const traceback = error?.output_type === "error" ? error.traceback.join("\n") : "";
      expect(traceback).toContain(`File "<cell-${r.executionCount}>", line 3`);
      expect(traceback).not.toContain("CancelledError");
      expect(traceback).not.toContain("pylot-");
    }
    expect(k.boots).toBe(boots);
    const after = await k.run("print(kept_async + 1)");
    expect(text(after.outputs)).toBe("42\n");
    // A cancellation the cell makes itself stays its own CancelledError; the kernel still awaits fine.
    const own = await k.run("import asyncio\nt = asyncio.ensure_future(asyncio.sleep(5))\nt.cancel()\nawait t");
    expect(own.outputs.at(-1)).toMatchObject({ output_type: "error", ename: "CancelledError" });
    const awaited = await k.run("import asyncio\nawait asyncio.sleep(0.01)\n'slept'");
    expect(awaited.outputs.at(-1)).toMatchObject({ output_type: "execute_result", data: { "text/plain": "'slept'" } });
  }, 60_000);

  it("an awaiting cell's interrupt holds while the page keeps signalling SIGINT as the cancellation unwinds", async () => {
    // The page re-signals every 250 ms until the run ends; under load one lands while the cancelled
    // task ends inside the event loop's code. Signalling nonstop makes that certain: it crashed the
    // worker before Python stopped reading the cell there.
    const cell = (k as unknown as { interruptCell: Int32Array }).interruptCell;
    const boots = k.boots;
    for (let i = 0; i < 5; i++) {
      let ended = false;
      const awaiting = runUntilPrinted("import asyncio\nprint('waiting', flush=True)\nawait asyncio.sleep(30)", 50);
      void awaiting.result.then(() => (ended = true));
      await awaiting.started;
      const storm = setInterval(() => !ended && Atomics.store(cell, 0, 2), 0);
      try {
        expect(await k.interrupt({ restartIfStuck: false })).toBe("stopped");
      } finally {
        clearInterval(storm);
      }
      const r = await awaiting.result;
      expect(r.status).toBe("interrupted");
      expect(text(r.outputs)).toBe("waiting\n");
      expect(r.outputs.at(-1)).toMatchObject({ output_type: "error", ename: "KeyboardInterrupt" });
    }
    expect(k.boots).toBe(boots);
    expect((await k.run("1 + 1")).status).toBe("ok");
  }, 60_000);

  it("a callback that raises after its cell ended is the person's error, not a crash", async () => {
    const boots = k.boots;
    await k.run("kept_cb = 7");
    // A plain lambda is a borrowed proxy, destroyed when setTimeout returns: calling it later fails.
    // A once-callable runs, and raises.
    await k.run("import js\njs.setTimeout(lambda: print('never'), 20)");
    await k.run(
      "import js\nfrom pyodide.ffi import create_once_callable\njs.setTimeout(create_once_callable(lambda: 1/0), 20)",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const next = await k.run("print(kept_cb)");
    expect(k.boots).toBe(boots);
    expect(next.status).toBe("ok");
    const stderr = next.outputs.filter((o) => o.output_type === "stream" && o.name === "stderr");
    const shown = stderr.map((o) => (o.output_type === "stream" ? o.text : "")).join("");
    expect(shown).toContain("Exception in a callback, after its cell ended");
    expect(shown).toContain("borrowed proxy was automatically destroyed");
    expect(shown).toContain("ZeroDivisionError");
    expect(text(next.outputs.filter((o) => o.output_type === "stream" && o.name === "stdout"))).toBe("7\n");
  }, 60_000);

  it("an awaiting cell that swallows the cancellation and then loops is still stopped, in place", async () => {
    const boots = k.boots;
    const stubborn = runUntilPrinted(
      "import asyncio\nprint('waiting', flush=True)\ntry:\n    await asyncio.sleep(30)\nexcept BaseException:\n    pass\nwhile True:\n    pass",
      100,
    );
    await stubborn.started;
    expect(await k.interrupt({ restartIfStuck: false })).toBe("stopped");
    expect(await stubborn.result).toMatchObject({ status: "interrupted" });
    expect(k.boots).toBe(boots);
  }, 60_000);

  it("names the variables the person defined: not modules, imports, _-names or our helpers", async () => {
    await k.restart();
    expect(await k.userVariables()).toEqual({ names: [], count: 0 });
    await k.run(
      "import os, json as j\nfrom math import sqrt\nfrom collections import OrderedDict\nprint('hi')\n_hidden = 1\n1 + 1",
    );
    expect(await k.userVariables()).toEqual({ names: [], count: 0 });
    await k.run("df = [1, 2]\ndef model(x):\n    return x\nclass Thing:\n    pass\nroot = sqrt(4)");
    expect(await k.userVariables()).toEqual({ names: ["df", "model", "Thing", "root"], count: 4 });
    await k.run("for i in range(30):\n    globals()[f'v{i}'] = i");
    const many = await k.userVariables();
    expect(many?.count).toBe(35); // four, the loop's i and v0…v29
    expect(many?.names.slice(0, 5)).toEqual(["df", "model", "Thing", "root", "i"]);
    expect(many?.names.length).toBeLessThan(many!.count);
    // Busy: the kernel cannot tell, so it says so at once instead of waiting behind the cell.
    const running = runUntilPrinted("import time\nprint('busy', flush=True)\ntime.sleep(30)");
    await running.started;
    expect(await k.userVariables()).toBeNull();
    await k.interrupt();
    await running.result;
  }, 60_000);

  it("interrupt cancels every queued run, not only the running one", async () => {
    const boots = k.boots;
    const running = runUntilPrinted("print('looping', flush=True)\nwhile True:\n    pass");
    const queued = [k.run("print('queued 1')"), k.run("print('queued 2')")];
    await running.started;
    expect(await k.interrupt()).toBe("stopped");
    expect((await running.result).status).toBe("interrupted");
    for (const q of queued)
      expect(await q).toEqual({ status: "cancelled", executionCount: null, outputs: [], durationMs: 0 });
    expect(k.boots).toBe(boots);
    const next = await k.run("print('next')");
    expect(text(next.outputs)).toBe("next\n");
  }, 60_000);

  it("an aborted signal cancels its run while queued; a started run is not affected", async () => {
    const stop = new AbortController();
    const first = runUntilPrinted("import time\nprint('first', flush=True)\ntime.sleep(0.3)\nprint('done')");
    const second = k.run("print('second')", { signal: stop.signal });
    await first.started;
    stop.abort();
    expect(await second).toMatchObject({ status: "cancelled", outputs: [] });
    expect(text((await first.result).outputs)).toBe("first\ndone\n");
    const late = new AbortController();
    late.abort();
    expect(await k.run("print('never')", { signal: late.signal })).toMatchObject({ status: "cancelled" });
  }, 60_000);

  it("a run stuck in C code is left running when the caller asks first (restartIfStuck: false)", async () => {
    const boots = k.boots;
    await k.run("kept = 1");
    const stuck = runUntilPrinted("print('summing', flush=True)\nsum(range(10**12))", 100);
    await stuck.started;
    expect(await k.interrupt({ restartIfStuck: false })).toBe("still-running");
    expect(k.status().state).toBe("busy");
    expect(k.boots).toBe(boots);
    await k.restart();
    expect(await stuck.result).toMatchObject({
      status: "interrupted",
      outputs: [expect.anything(), expect.objectContaining({ ename: "KernelRestarted" })],
    });
  }, 60_000);

  it("an exception escaping the runner becomes the cell's error output, and the kernel keeps working", async () => {
    const boots = k.boots;
    // The runner itself raises once (as an interrupt landing between statements would).
    await k.run(
      "import _pylot_runner as r\norig = r.run_cell\ndef boom(*a):\n    r.run_cell = orig\n    raise RuntimeError('escaped')\nr.run_cell = boom",
    );
    const escaped = await k.run("print('never')");
    expect(escaped.status).toBe("error");
    expect(escaped.outputs).toEqual([
      expect.objectContaining({
        output_type: "error",
        ename: "InternalError",
        evalue: expect.stringContaining("escaped"),
      }),
    ]);
    const next = await k.run("print('fine')");
    expect(next.status).toBe("ok");
    expect(text(next.outputs)).toBe("fine\n");
    expect(k.boots).toBe(boots);
  }, 60_000);

  it("names a missing file the same way for every file operation", async () => {
    await expect(k.readFile("data/missing.csv")).rejects.toThrow(
      "readFile data/missing.csv: no such file or directory",
    );
    await expect(k.writeFile("data", new Uint8Array([1]))).resolves.toBeUndefined();
    await expect(k.writeFile("data/x.csv", new Uint8Array([1]))).rejects.toThrow(
      "writeFile data/x.csv: a parent is not a directory",
    );
    await k.deleteFile("data");
  });

  it("deep recursion in C code is a RecursionError in the cell, with what it printed before", async () => {
    const boots = k.boots;
    const r = await k.run(
      "import json\nfor i in range(5):\n    print('line', i)\njson.loads('[' * 100_000 + ']' * 100_000)",
    );
    expect(r.status).toBe("error");
    expect(text(r.outputs)).toBe("line 0\nline 1\nline 2\nline 3\nline 4\n");
    expect(r.outputs.at(-1)).toMatchObject({ output_type: "error", ename: "RecursionError" });
    // The same for a file, and everyday nesting still decodes.
    await k.writeFile("deep.json", new TextEncoder().encode(`${"[".repeat(100_000)}${"]".repeat(100_000)}`));
    const file = await k.run(
      "import json\ntry:\n    json.load(open('deep.json'))\nexcept RecursionError:\n    print('recursion')\nlen(json.dumps(json.loads('[' * 1000 + ']' * 1000)))",
    );
    expect(text(file.outputs)).toBe("recursion\n");
    expect(file.outputs.at(-1)).toMatchObject({ output_type: "execute_result", data: { "text/plain": "2000" } });
    expect(k.boots).toBe(boots);
  }, 60_000);

  it("the C stack limit leaves the compiler room for ordinary imports (datetime.strptime, re, email)", async () => {
    const r = await k.run(
      "from datetime import datetime\nimport re, email.utils, csv\nprint(datetime.strptime('March 5, 2024', '%B %d, %Y').date())",
    );
    expect(r.status).toBe("ok");
    expect(text(r.outputs)).toBe("2024-03-05\n");
  });

  it("running code has the narrow C stack, compiling the wide one, and the switch stays out of tracebacks", async () => {
    // repr of deep data reports how much C stack it had: the narrow limit (stack-limit.ts).
    const deep = await k.run("l = []\nfor _ in range(100_000): l = [l]\nrepr(l)");
    expect(deep.outputs.at(-1)).toMatchObject({ output_type: "error", ename: "RecursionError" });
    const used = Number(/Stack overflow \(used (\d+) kB\)/.exec(JSON.stringify(deep.outputs))?.[1]);
    expect(used).toBeGreaterThan(0);
    expect(used * 1024).toBeLessThanOrEqual(RUN_C_STACK_BYTES);
    // A user's compile() is the real one, with its keywords, errors and a traceback of their own.
    const own = await k.run(
      "code = compile(source='x = 41\\nx += 1', filename='mine.py', mode='exec', dont_inherit=True)\nexec(code)\nprint(x, compile.__wrapped__ is not None)\ncompile('x =', 'bad.py', 'exec')",
    );
    expect(text(own.outputs)).toBe("42 True\n");
    const error = JSON.stringify(own.outputs.at(-1));
    expect(error).toContain("SyntaxError");
    expect(error).toContain("bad.py");
    expect(error).not.toContain("pylot-");
  });

  it("a fatal interpreter error restarts Python, tells the cell, and the next cell runs", async () => {
    const boots = k.boots;
    // A read outside wasm memory: a segfault in C code, fatal for Pyodide.
    const r = await k.run("import ctypes\nprint('before')\nctypes.string_at(2**32 - 16, 64)");
    expect(r.status).toBe("error");
    expect(text(r.outputs)).toMatch(/^before\n/); // then Pyodide's dump of the Python stack
    expect(r.outputs.at(-1)).toMatchObject({
      output_type: "error",
      ename: "KernelCrashed",
      evalue: expect.stringContaining("variables and imports are gone"),
    });
    expect(k.boots).toBe(boots + 1);
    const next = await k.run("print('alive')");
    expect(next).toMatchObject({ status: "ok", executionCount: 1 });
    expect(text(next.outputs)).toBe("alive\n");
  }, 60_000);
});

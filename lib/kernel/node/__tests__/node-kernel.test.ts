// NodeKernel against real Pyodide in a real worker_thread: the same nbformat outputs as the
// browser kernel, files in and out, reset between tasks, timeouts and the interrupt fallback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeKernel } from "../node-kernel";

let k: NodeKernel;
beforeAll(async () => {
  k = await NodeKernel.start({ interruptGraceMs: 1500 });
}, 60_000);
afterAll(() => k?.dispose());

const text = (outputs: { output_type: string; text?: string }[]) =>
  outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("");

describe("NodeKernel", () => {
  it("boots from the snapshot and runs cells with IPython-like outputs", async () => {
    expect(k.bootInfo?.boot).toBe(k.bootInfo?.snapshotError ? "normal" : "snapshot");
    const r = await k.run("x = 20\nprint('hi')\nx * 2 + 2");
    expect(r.status).toBe("ok");
    expect(r.executionCount).toBe(1);
    expect(r.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "hi\n" },
      { output_type: "execute_result", execution_count: 1, data: { "text/plain": "42" }, metadata: {} },
    ]);
    const err = await k.run("1/0");
    expect(err.status).toBe("error");
    expect(err.outputs[0]).toMatchObject({ output_type: "error", ename: "ZeroDivisionError" });
  });

  it("keeps the parent's environment (API keys) out of reach of Python", async () => {
    process.env.PYLOT_TEST_SECRET_FOR_KERNEL = "s3cret";
    const k2 = await NodeKernel.start();
    try {
      const r = await k2.run(
        "import js, os\nkeys = js.Object.keys(js.process.env).to_py()\nprint(len(keys), 'PYLOT_TEST_SECRET_FOR_KERNEL' in keys, os.environ.get('PYLOT_TEST_SECRET_FOR_KERNEL'))",
      );
      expect(r.status).toBe("ok");
      expect(text(r.outputs)).toBe("0 False None\n");
    } finally {
      k2.dispose();
      delete process.env.PYLOT_TEST_SECRET_FOR_KERNEL;
    }
  }, 60_000);

  it("writes input files, lists and reads what the code wrote, then resets to a clean state", async () => {
    await k.writeFile("data/in.csv", new TextEncoder().encode("a,b\n1,2\n"));
    const r = await k.run(
      "import os, csv\nos.makedirs('output/sub', exist_ok=True)\nrows = list(csv.reader(open('data/in.csv')))\nopen('output/sub/out.txt','w').write(str(len(rows)))\nsecret = 1",
    );
    expect(r.status).toBe("ok");
    expect(await k.listFiles("output")).toEqual([{ path: "output/sub/out.txt", size: 1, mtimeMs: expect.any(Number) }]);
    expect(new TextDecoder().decode(await k.readFile("output/sub/out.txt"))).toBe("2");
    await expect(k.readFile("output/missing.txt")).rejects.toThrow(/no such file/);

    await k.reset();
    expect(await k.listFiles("output")).toEqual([]);
    expect(await k.listFiles("data")).toEqual([]);
    const after = await k.run(
      "print(sorted(k for k in globals() if not k.startswith('__')), __import__('os').listdir('.'))",
    );
    expect(after.executionCount).toBe(1);
    expect(text(after.outputs)).toBe("[] []\n");
  });

  it("interrupts a cell that runs past its timeout and says so", async () => {
    const r = await k.run("while True:\n    pass", { timeoutMs: 300 });
    expect(r.status).toBe("interrupted");
    expect(r.outputs.some((o) => o.output_type === "error" && o.ename === "KeyboardInterrupt")).toBe(true);
    expect(text(r.outputs)).toContain("ran longer than 0 s");
    expect((await k.run("print('still here')")).status).toBe("ok");
  });

  it("replaces the interpreter when a cell ignores the interrupt", async () => {
    const boots = k.boots;
    // A blocking JS call never reaches a bytecode boundary, so SIGINT cannot land.
    const r = await k.run("import js\njs.Atomics.wait(js.Int32Array.new(js.SharedArrayBuffer.new(4)), 0, 0)", {
      timeoutMs: 300,
    });
    expect(r.status).toBe("interrupted");
    expect(text(r.outputs)).toContain("Python was restarted");
    expect(k.boots).toBe(boots + 1);
    const next = await k.run("print(1 + 1)");
    expect(next).toMatchObject({ status: "ok", executionCount: 1 });
  }, 60_000);

  it("boots a new interpreter at once when the worker died, and says so in the run", async () => {
    const boots = k.boots;
    // Ends the worker thread from inside, as a crash would.
    const r = await k.run("import js\njs.process.exit(3)");
    expect(r.status).toBe("error");
    expect(r.outputs.at(-1)).toMatchObject({
      output_type: "error",
      ename: "KernelCrashed",
      evalue: expect.stringMatching(/exited \(code 3\).*restarted: its variables and imports are gone/),
    });
    expect(k.boots).toBe(boots + 1);
    expect(k.status()).toEqual({ state: "starting", progress: "Python crashed: restarting…" });
    const next = await k.run("print('back')");
    expect(next).toMatchObject({
      status: "ok",
      executionCount: 1,
      outputs: [{ output_type: "stream", text: "back\n" }],
    });
  }, 60_000);
});

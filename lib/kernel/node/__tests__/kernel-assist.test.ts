// Completion and help from the running interpreter (worker/complete.py) through the real kernel
// client and worker core, with real Pyodide in a worker_thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeLine, dottedNameAt, inspectName } from "@/lib/kernel/kernel-assist";
import { NodeKernel } from "../node-kernel";

let k: NodeKernel;
beforeAll(async () => {
  k = await NodeKernel.start({ interruptGraceMs: 1500 });
  const r = await k.run(
    "import os\nsales = {'north': 1, 'south': 2, 3: 'not a str'}\nmy_total = 42\ndef area(width, height=2):\n    'The area of a rectangle.'\n    return width * height",
  );
  expect(r.status).toBe("ok");
}, 60_000);
afterAll(() => k?.dispose());

const labels = async (line: string) => {
  const answer = await completeLine(k, line);
  if (answer.status !== "ok") throw new Error(`busy for ${line}`);
  return answer.value;
};

describe("kernel completion", () => {
  it("completes a module's attributes from the live object, not from words", async () => {
    const { replace, items } = await labels("x = os.pa");
    expect(replace).toBe(2);
    expect(items).toContainEqual({ label: "path", kind: "module" });
    expect(items).toContainEqual({ label: "pardir", kind: "variable" });
    expect(items.every((i) => i.label.startsWith("pa"))).toBe(true);
  });

  it("offers a mapping's string keys inside brackets", async () => {
    expect(await labels("sales['")).toEqual({
      replace: 0,
      items: [
        { label: "north", kind: "key" },
        { label: "south", kind: "key" },
      ],
    });
    expect((await labels('print(sales["so')).items).toEqual([{ label: "south", kind: "key" }]);
  });

  it("offers user variables, functions, builtins and keywords", async () => {
    expect((await labels("my_t")).items).toEqual([{ label: "my_total", kind: "variable" }]);
    expect((await labels("are")).items).toContainEqual({ label: "area", kind: "function" });
    expect((await labels("pri")).items).toContainEqual({ label: "print", kind: "function" });
    expect((await labels("whil")).items).toContainEqual({ label: "while", kind: "keyword" });
    expect((await labels("nothing_here.")).items).toEqual([]);
    expect((await labels("1.")).items).toEqual([]);
  });

  it("shows a signature and docstring on hover", async () => {
    expect(await inspectName(k, "area")).toEqual({
      status: "ok",
      value: { signature: "area(width, height=2)", type: "function", doc: "The area of a rectangle." },
    });
    expect(await inspectName(k, "undefined_name")).toEqual({ status: "ok", value: null });
  });

  it("answers busy at once while a cell runs, and completes again after it", async () => {
    const running = k.run("import time\ntime.sleep(0.5)\nlate_name = 1");
    expect(await completeLine(k, "os.pa")).toEqual({ status: "busy" });
    expect(await inspectName(k, "os")).toEqual({ status: "busy" });
    expect((await running).status).toBe("ok");
    expect((await labels("late_")).items).toEqual([{ label: "late_name", kind: "variable" }]);
  });
});

describe("dottedNameAt", () => {
  it("finds the dotted name under the cursor", () => {
    expect(dottedNameAt("x = os.path.join(a)", 9)).toBe("os.path");
    expect(dottedNameAt("x = os.path.join(a)", 13)).toBe("os.path.join");
    expect(dottedNameAt("print(1)", 2)).toBe("print");
    expect(dottedNameAt("  ", 1)).toBeNull();
  });
});

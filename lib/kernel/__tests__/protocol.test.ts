import { describe, expect, it } from "vitest";
import { assertNever, parseWorkerMessage, PROTOCOL_VERSION, type WorkerMessage } from "../protocol";

const ready = {
  type: "ready",
  id: 1,
  protocolVersion: PROTOCOL_VERSION,
  boot: "snapshot",
  snapshotError: null,
  bootMs: 420,
  pythonVersion: "3.14.2",
  pyodideVersion: "314.0.7",
};

describe("parseWorkerMessage", () => {
  it("accepts every message the worker sends", () => {
    const valid: unknown[] = [
      { type: "progress", id: 1, message: "Loading Python…" },
      ready,
      { ...ready, boot: "normal", snapshotError: "snapshot not available (HTTP 404)" },
      { type: "output", id: 2, outputs: [{ output_type: "stream", name: "stdout", text: "hi\n" }] },
      { type: "runDone", id: 2, status: "interrupted", durationMs: 12.5 },
      { type: "reply", id: 3, data: new Uint8Array([1, 2]) },
      { type: "reply", id: 4, data: null },
      { type: "error", id: 5, message: "no such file or directory" },
      { type: "variables", id: 6, names: ["df", "model"], count: 2 },
      { type: "fatal", message: "boom" },
    ];
    for (const data of valid) expect(parseWorkerMessage(data)).toMatchObject({ ok: true, message: data });
  });

  it("fills nbformat defaults in outputs (metadata of rich outputs)", () => {
    const parsed = parseWorkerMessage({
      type: "output",
      id: 2,
      outputs: [{ output_type: "execute_result", execution_count: 1, data: { "text/plain": "2" } }],
    });
    expect(parsed.ok && parsed.message.type === "output" && parsed.message.outputs[0]).toEqual({
      output_type: "execute_result",
      execution_count: 1,
      data: { "text/plain": "2" },
      metadata: {},
    });
  });

  it("rejects malformed messages with a message naming the type and the field", () => {
    const cases: [unknown, RegExp][] = [
      [{ type: "nonsense", id: 1 }, /invalid worker message \(nonsense\)/],
      [{ type: "runDone", id: 1, status: "cancelled", durationMs: 1 }, /\(runDone\) at status/],
      [{ type: "output", id: 1, outputs: [{ output_type: "stream", name: "stdin", text: "" }] }, /at outputs\.0\.name/],
      [{ type: "reply", id: 1, data: [1, 2, 3] }, /\(reply\) at data/],
      [{ type: "progress", message: "no id" }, /\(progress\) at id/],
      [{ type: "ready", id: -1 }, /\(ready\)/],
      [{ type: "variables", id: 1, names: ["df", 3], count: 2 }, /\(variables\) at names\.1/],
      ["just a string", /invalid worker message \(string\)/],
      [null, /invalid worker message \(object\)/],
    ];
    for (const [data, error] of cases) {
      const parsed = parseWorkerMessage(data);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(error);
    }
  });
});

describe("assertNever", () => {
  it("throws on a value the types said could not exist", () => {
    const message = { type: "surprise" } as unknown as never;
    expect(() => assertNever(message, "worker message")).toThrow('unexpected worker message: {"type":"surprise"}');
  });

  it("makes switches over WorkerMessage exhaustive (compile-time check)", () => {
    const kind = (m: WorkerMessage): string => {
      switch (m.type) {
        case "progress":
        case "ready":
        case "packageProgress":
        case "output":
        case "runDone":
        case "reply":
        case "fileList":
        case "assist":
        case "variables":
        case "error":
        case "fatal":
          return m.type;
        default:
          return assertNever(m);
      }
    };
    expect(kind({ type: "fatal", message: "x" })).toBe("fatal");
  });
});

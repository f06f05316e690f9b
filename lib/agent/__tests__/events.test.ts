import { describe, expect, it } from "vitest";
import { decodeEvents, encodeEvent, type AgentEvent } from "../events";
import { PartialCodeDecoder } from "../partial-code";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(enc.encode(ch));
      c.close();
    },
  });
}

describe("NDJSON event codec", () => {
  it("round-trips events split at arbitrary byte boundaries", async () => {
    const events: AgentEvent[] = [
      { type: "step_start", step: 1 },
      { type: "text_delta", text: 'héllo\n"quoted"' },
      { type: "code_delta", cellId: "c1", delta: "print(1)" },
    ];
    const wire = events.map(encodeEvent).join("");
    const chunks = wire.match(/.{1,7}/gs)!;
    const got: AgentEvent[] = [];
    for await (const e of decodeEvents(streamOf(chunks))) got.push(e);
    expect(got).toEqual(events);
  });
  it("rejects an unknown event rather than skipping it", async () => {
    const it = decodeEvents(streamOf(['{"type":"bogus"}\n']));
    await expect(it.next()).rejects.toThrow();
  });
});

describe("PartialCodeDecoder", () => {
  it("decodes code streamed as partial JSON, escapes split across chunks", () => {
    const input = JSON.stringify({ code: 'print("a\\tb")\nfor i in range(3):\n    x = "é\u2603"' });
    for (const size of [1, 2, 3, 5, 20]) {
      const d = new PartialCodeDecoder();
      let code = "";
      for (let i = 0; i < input.length; i += size) code += d.push(input.slice(i, i + size));
      expect(code).toBe(JSON.parse(input).code);
    }
  });
  it("ignores what follows the code string", () => {
    const d = new PartialCodeDecoder();
    expect(d.push('{"code": "x=1", "other": "y"}')).toBe("x=1");
  });
});

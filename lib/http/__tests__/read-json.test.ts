import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppError } from "../app-error";
import { readJson } from "../read-json";

const schema = z.object({ name: z.string() }).strict();
const req = (body: string | ReadableStream, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected a failure");
}

describe("readJson", () => {
  it("parses and validates", async () => {
    expect(await readJson(req('{"name":"a"}'), schema)).toEqual({ name: "a" });
  });
  it("refuses malformed JSON, the wrong type, unknown keys", async () => {
    expect((await failure(readJson(req("{"), schema))).status).toBe(400);
    expect((await failure(readJson(req('{"name":1}'), schema))).message).toMatch(/at "name"/);
    expect((await failure(readJson(req('{"name":"a","x":1}'), schema))).status).toBe(400);
    expect((await failure(readJson(req("{}", { "content-type": "text/plain" }), schema))).status).toBe(415);
  });
  it("stops reading a body past the limit even without a content-length", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        if (pulled > 1000) controller.close();
      },
    });
    const err = await failure(readJson(req(stream), schema, 256 * 1024));
    expect(err.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });
});

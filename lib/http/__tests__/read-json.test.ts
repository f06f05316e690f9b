import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppError } from "../app-error";
import { readJson, readText } from "../read-json";

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

describe("JSON depth limit", () => {
  const nested = (n: number) => `{"name":"a","x":${"[".repeat(n)}${"]".repeat(n)}}`;
  it("refuses a body nested 5,000 levels deep with a 400, before parsing", async () => {
    const err = await failure(readJson(req(nested(5000)), z.unknown()));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/nested more than 256 levels/);
  });
  it("accepts nesting up to the limit, and ignores brackets inside strings", async () => {
    expect(await readJson(req(nested(255)), z.unknown())).toMatchObject({ name: "a" });
    const inString = JSON.stringify({ name: `${"[".repeat(5000)}\\"{` });
    expect(await readJson(req(inString), schema)).toEqual({ name: `${"[".repeat(5000)}\\"{` });
  });
  it("applies to readText bodies (.ipynb import) too", async () => {
    expect((await failure(readText(req(nested(1000))))).status).toBe(400);
  });
});

// The agent and the notebook's files, on the server: the first request's context lists the files
// with the head of textual ones; an observation names the output files its cell saved and
// attaches saved images, but only files that really are in this run's notebook.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as file from "@/app/api/notebooks/[id]/files/[...path]/route";
import { csrfHeaderFrom, ctx } from "@/app/api/notebooks/__tests__/request";
import type { FakeAnthropic } from "@/e2e/fake-anthropic/server";
import {
  createNotebook,
  newOwner,
  nonce,
  observeRequest,
  readEvents,
  requestsWith,
  runEndOf,
  runOf,
  startRun,
  useFakeAnthropic,
} from "./agent-harness";

let fake: FakeAnthropic;
const fakeServer = useFakeAnthropic();
beforeAll(() => {
  fake = fakeServer();
});

async function put(cookie: string, id: string, path: string, body: Uint8Array | string) {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const req = new NextRequest(new URL(`/api/notebooks/${id}/files/${path}?replace=1`, "http://localhost:3000"), {
    method: "PUT",
    headers: { cookie, "x-pylot-csrf": csrfHeaderFrom(cookie) ?? "", "content-type": "application/octet-stream" },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  const res = await file.PUT(req, ctx({ id, path: path.split("/") }));
  expect(res.status).toBeLessThan(300);
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe("agent and files", () => {
  it("context lists files with heads; the observation names saved output files and attaches images", async () => {
    const { cookie } = newOwner();
    const other = newOwner();
    const nb = await createNotebook(cookie);
    const strangers = await createNotebook(other.cookie);
    await put(cookie, nb.id, "data/sales.csv", "region,sales\nnorth,10\nsouth,20\n");
    await put(other.cookie, strangers.id, "output/secret.png", PNG);
    const tag = nonce();
    const first = await startRun(cookie, nb.id, `[scenario:files] summarise ${tag}`);
    const call = first.find((e) => e.type === "tool_call")!;
    expect(call.type === "tool_call" && call.code).toContain('open("data/sales.csv"');

    // The browser ran the cell and saved what it wrote before posting the observation.
    await put(cookie, nb.id, "output/summary.csv", "rows,total\n2,30.0\n");
    await put(cookie, nb.id, "output/chart.png", PNG);
    const res = await observeRequest(cookie, runOf(first).id, {
      toolUseId: call.type === "tool_call" ? call.toolUseId : "",
      cellId: call.type === "tool_call" ? call.cellId : "",
      code: call.type === "tool_call" ? call.code : "",
      outputs: [{ output_type: "stream", name: "stdout", text: "rows=2 total=30.0\n" }],
      status: "ok",
      // Paths the cell did not save here: one missing, one in another owner's notebook.
      savedFiles: ["output/summary.csv", "output/chart.png", "output/missing.txt", "output/secret.png"],
    });
    const end = runEndOf(await readEvents(res));
    expect(end.finalText).toBe(
      "Context listed sales.csv: yes. Saved: output/chart.png output/summary.csv. Images: 1. Printed: rows=2 total=30.0.",
    );

    const sent = requestsWith(fake, tag);
    const context = JSON.stringify(sent[0]!.body);
    expect(context).toContain("- data/sales.csv (31 bytes, 31 B, text/csv)");
    expect(context).toContain("region,sales\\nnorth,10\\nsouth,20");
    const last = JSON.stringify(sent.at(-1)!.body);
    expect(last).toContain("Files this cell saved under output/");
    expect(last).toContain(`"data":"${Buffer.from(PNG).toString("base64")}"`);
    expect(last).not.toContain("secret.png");
    expect(last).not.toContain("missing.txt");
  });
});

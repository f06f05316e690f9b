// The request log tests assert on: one entry per API request, with what was sent (minus the
// credential), what the fake answered, and whether the client hung up early.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isValidKey, readApiKey } from "./validate";
import { newRequestId } from "./wire";
import type { RecordedRequest, RequestEventType } from "./types";

/** Lets the responder tell a cut it made itself from the client going away. */
export interface Tracking {
  record: RecordedRequest;
  clientGone: AbortSignal;
  event: (type: RequestEventType) => void;
  markServerCut: () => void;
}

function safeHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "x-api-key" || name === "authorization" || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

export class Recorder {
  private log: RecordedRequest[] = [];
  private seq = 0;

  constructor(
    private readonly expectedKey: string | undefined,
    private readonly onDone?: (r: RecordedRequest) => void,
  ) {}

  all(): RecordedRequest[] {
    return this.log;
  }

  clear() {
    this.log = [];
    this.seq = 0;
  }

  /**
   * Failed tries of this same step of this same conversation right before this request, i.e.
   * since its last success: 0 on a first try, 1 on the SDK's first retry… Counting only since the
   * last success keeps a scenario like rate-limit-then-ok failing first again when another test
   * sends the identical prompt later, without a reset in between.
   */
  attemptsBefore(record: RecordedRequest, messageCount: number): number {
    const sameStep = (r: RecordedRequest) =>
      r.seq < record.seq &&
      r.path === record.path &&
      r.conversation === record.conversation &&
      Array.isArray((r.body as { messages?: unknown } | null)?.messages) &&
      (r.body as { messages: unknown[] }).messages.length === messageCount;
    const succeeded = (r: RecordedRequest) =>
      r.status === 200 &&
      r.events.some((e) => e.type === "finished") &&
      !r.events.some((e) => e.type === "error-event-sent");
    let failures = 0;
    for (let i = this.log.length - 1; i >= 0; i--) {
      const r = this.log[i]!;
      if (!sameStep(r)) continue;
      if (succeeded(r)) break;
      failures++;
    }
    return failures;
  }

  start(req: IncomingMessage, res: ServerResponse): Tracking {
    const { key, scheme } = readApiKey(req.headers);
    const record: RecordedRequest = {
      seq: ++this.seq,
      requestId: newRequestId(),
      method: req.method ?? "GET",
      path: (req.url ?? "/").split("?")[0]!,
      receivedAt: Date.now(),
      finishedAt: null,
      headers: safeHeaders(req),
      apiKey: { present: key !== null, scheme, valid: isValidKey(key, this.expectedKey) },
      body: null,
      stream: false,
      scenario: null,
      conversation: null,
      step: null,
      model: null,
      family: null,
      thinking: null,
      droppedThinking: 0,
      status: null,
      closedEarly: false,
      events: [{ type: "received", at: Date.now() }],
    };
    this.log.push(record);
    const gone = new AbortController();
    let serverCut = false;
    const event = (type: RequestEventType) => record.events.push({ type, at: Date.now() });
    res.on("finish", () => {
      record.status = res.statusCode;
      record.finishedAt = Date.now();
      event("finished");
      this.onDone?.(record);
    });
    // 'close' also follows a normal finish; only a close before it means the client hung up.
    res.on("close", () => {
      if (res.writableFinished) return;
      record.status = res.headersSent ? res.statusCode : null;
      record.finishedAt = Date.now();
      if (!serverCut) {
        record.closedEarly = true;
        event("connection-closed");
        gone.abort();
      }
      this.onDone?.(record);
    });
    return { record, clientGone: gone.signal, event, markServerCut: () => (serverCut = true) };
  }
}

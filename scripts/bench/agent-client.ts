// Small HTTP helpers for the agent benchmark: owner cookies, JSON calls and an NDJSON stream
// reader on node:http (explicit keep-alive agent with no socket cap, so 1 000 streams can be open).
import http from "node:http";
import { ownerSession, sessionHeaders } from "./owner-session";

export const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256 });

export function ownerCookie(secret: string): string {
  return ownerSession(secret).cookie;
}

// biome-ignore lint/suspicious/noExplicitAny: bench scripts read loosely typed JSON replies
type LooseJson = any;

export async function callJson(
  base: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<LooseJson> {
  const res = await fetch(base + path, {
    method,
    headers: { ...sessionHeaders(cookie), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

export async function createNotebooks(
  base: string,
  cookies: string[],
  count: number,
  parallel = 16,
): Promise<{ id: string; cookie: string }[]> {
  const out: { id: string; cookie: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const cookie = cookies[i % cookies.length]!;
      const { notebook } = await callJson(base, cookie, "POST", "/api/notebooks", { title: `bench agent ${i}` });
      out[i] = { id: notebook.id as string, cookie };
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

export interface StreamResult {
  status: number;
  /** ms from request start to the first NDJSON line / first text_delta / end of stream. */
  firstLineMs: number;
  firstTextMs: number;
  totalMs: number;
  /** Arrival times (ms since start) of text_delta events. */
  textAt: number[];
  text: string;
  events: number;
  endStatus: string | null;
  error: string | null;
  /** Every event other than text deltas, parsed. */
  lines: Record<string, unknown>[];
}

/** POSTs and reads the NDJSON answer to its end, timing each line's arrival. */
export function postNdjson(base: string, path: string, cookie: string, body: unknown): Promise<StreamResult> {
  const url = new URL(path, base);
  const payload = JSON.stringify(body);
  const t0 = performance.now();
  const r: StreamResult = {
    status: 0,
    firstLineMs: NaN,
    firstTextMs: NaN,
    totalMs: NaN,
    textAt: [],
    text: "",
    events: 0,
    endStatus: null,
    error: null,
    lines: [],
  };
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          ...sessionHeaders(cookie),
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        r.status = res.statusCode ?? 0;
        res.setEncoding("utf8");
        let buf = "";
        res.on("data", (chunk: string) => {
          const now = performance.now() - t0;
          buf += chunk;
          for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (!line) continue;
            if (r.events++ === 0) r.firstLineMs = now;
            try {
              const ev = JSON.parse(line) as {
                type?: string;
                text?: string;
                run?: { status?: string };
                code?: string;
                message?: string;
              };
              if (ev.type !== "text_delta") r.lines.push(ev);
              if (ev.type === "text_delta") {
                if (r.textAt.length === 0) r.firstTextMs = now;
                r.textAt.push(now);
                r.text += ev.text ?? "";
              } else if (ev.type === "run_end") r.endStatus = ev.run?.status ?? null;
              else if (ev.type === "error") r.error = `${ev.code}: ${ev.message}`;
              else if (r.status !== 200 && ev.message) r.error = `${r.status}: ${ev.message}`;
            } catch {
              r.error = `bad line: ${line.slice(0, 200)}`;
            }
          }
        });
        res.on("end", () => {
          r.totalMs = performance.now() - t0;
          if (r.status !== 200 && !r.error) r.error = `HTTP ${r.status} ${buf.slice(0, 200)}`;
          resolve(r);
        });
        res.on("error", (err) => {
          r.error = `response: ${err.message}`;
          r.totalMs = performance.now() - t0;
          resolve(r);
        });
      },
    );
    req.on("error", (err) => {
      r.error = `request: ${err.message}`;
      r.totalMs = performance.now() - t0;
      resolve(r);
    });
    req.end(payload);
  });
}

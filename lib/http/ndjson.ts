// Streams events as NDJSON. The producer gets an AbortSignal that fires when the client goes away
// (the request's signal, or the response body being cancelled), so upstream work stops with it.
const encoder = new TextEncoder();

export function ndjsonResponse<T>(req: Request, produce: (signal: AbortSignal) => AsyncIterable<T>): Response {
  const abort = new AbortController();
  const onAbort = () => abort.abort("client disconnected");
  if (req.signal.aborted) onAbort();
  else req.signal.addEventListener("abort", onAbort, { once: true });
  let open = true;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // Not awaited: the response starts at once and events flow as they are produced.
      void (async () => {
        try {
          for await (const event of produce(abort.signal)) {
            if (!open) continue;
            try {
              controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
            } catch {
              open = false;
            }
          }
        } catch (err) {
          console.error(`[api] ${req.method} ${new URL(req.url).pathname}: event stream failed:`, err);
        } finally {
          req.signal.removeEventListener("abort", onAbort);
          if (open) {
            open = false;
            try {
              controller.close();
            } catch {
              // already closed by a cancel
            }
          }
        }
      })();
    },
    cancel() {
      open = false;
      onAbort();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      // no-transform: compression middleware (next start, proxies) would buffer the stream to gzip it.
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}

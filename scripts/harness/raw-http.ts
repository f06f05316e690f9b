// One HTTP request exactly as written: any method (fetch refuses TRACE), the path sent byte for
// byte (no URL normalisation of percent-escapes). A request that gets no answer within
// `hangAfterMs` is reported as a hang rather than failing the caller (a hang detector, not a timing).
import http from "node:http";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string; hangAfterMs?: number } = {},
): Promise<RawResponse | "hang"> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: hostname, port, method, path, headers: opts.headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", reject);
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve("hang");
    }, opts.hangAfterMs ?? 20_000);
    req.on("error", (err) => {
      // A server may answer (e.g. 413) and close before it has read the whole body: the answer counts.
      if (answered) return;
      clearTimeout(timer);
      reject(err);
    });
    req.end(opts.body);
  });
}

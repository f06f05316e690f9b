// A local stand-in for Have I Been Pwned's range API, in its wire format: for a 5-digit SHA-1 prefix,
// "SUFFIX:COUNT" lines, CRLF, with padding lines of count 0. Used by the e2e servers and the unit tests.
// Wire format last compared 2026-12-06: GET /range/<5 hex>, Add-Padding: true, 35 uppercase hex
// suffixes (HIBP API v3 as documented, and Better Auth 1.7.29's own client of it).
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export async function startRangeApi(
  breached: string[],
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const hashes = breached.map((p) => createHash("sha1").update(p).digest("hex").toUpperCase());
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.url} ${req.headers["add-padding"]}`);
    const prefix = /^\/range\/([0-9A-F]{5})$/.exec(req.url ?? "")?.[1];
    if (!prefix) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const lines = hashes.filter((h) => h.startsWith(prefix)).map((h) => `${h.slice(5)}:3861493`);
    lines.push(`0018A45C4D1DEF81644B54AB7F969B88D65:3`, `${"F".repeat(35)}:0`);
    res.end(lines.join("\r\n"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The lock file read at start-up: the index's, bounded by its stall limit; else Pyodide's bundled
// copy from our own origin, which a slow machine must not turn into a failed start-up (CI saw
// "Python failed to start: signal timed out" when both fetches shared the index's 3 s limit).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PackageLoader } from "../package-loader";

const TIMEOUT_MS = 150;
const LOCK = { info: { version: "test" }, packages: { demo: { name: "demo", imports: ["demo"] } } };
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/index/pyodide-lock.json") return; // a dead index: never answers
    if (req.url === "/pyodide/pyodide-lock.json") {
      // Our own origin, busy: slower than the index's stall limit.
      setTimeout(
        () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(LOCK)),
        TIMEOUT_MS * 3,
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  (globalThis as { location?: { href: string } }).location = { href: base };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("PackageLoader start-up lock file", () => {
  it("gives up on a dead index after its stall limit and waits for the bundled copy however slow", async () => {
    const loader = new PackageLoader(
      { baseURL: `${base}index/`, lockFileURL: `${base}index/pyodide-lock.json`, timeoutMs: TIMEOUT_MS },
      `${base}pyodide/pyodide-lock.json`,
    );
    const lock = await loader.bootOptions.lockFileContents;
    expect(lock).toEqual(LOCK);
    expect(loader.bootOptions.packageBaseUrl).toBe(`${base}index/`);
  });

  it("fails start-up only when the bundled copy itself is missing, naming the HTTP status", async () => {
    const loader = new PackageLoader(
      { baseURL: `${base}index/`, lockFileURL: `${base}index/pyodide-lock.json`, timeoutMs: TIMEOUT_MS },
      `${base}missing/pyodide-lock.json`,
    );
    await expect(loader.bootOptions.lockFileContents).rejects.toThrow("HTTP 404");
  });
});

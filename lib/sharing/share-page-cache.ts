// Rendered share pages, per process, keyed by token and tagged with the notebook version they were
// rendered from (lib/db/shared-notebooks.ts sharedNotebookVersion). The version is read from the
// database on every request, so several instances stay correct without talking to each other:
// a stale entry is simply never served. Bounded by bytes, least recently used out first.
// Concurrent requests for a version not rendered yet share one render.
import "server-only";
import { createHash } from "node:crypto";

export interface RenderedPage {
  version: string;
  etag: string;
  /** Its own ArrayBuffer (not Buffer's shared pool), handed to Response as it is. */
  body: Uint8Array<ArrayBuffer>;
}

export interface SharePageCache {
  get(token: string, version: string, render: () => Promise<string | null>): Promise<RenderedPage | null>;
  readonly bytes: number;
  readonly size: number;
}

export function createSharePageCache(maxBytes: number): SharePageCache {
  const entries = new Map<string, RenderedPage>(); // insertion order = recency
  const pending = new Map<string, Promise<RenderedPage | null>>();
  let bytes = 0;
  const sizeOf = (p: RenderedPage) => p.body.length;

  function store(token: string, page: RenderedPage) {
    const old = entries.get(token);
    if (old) {
      bytes -= sizeOf(old);
      entries.delete(token);
    }
    if (sizeOf(page) > maxBytes) return; // larger than the whole cache: serve it, keep nothing
    entries.set(token, page);
    bytes += sizeOf(page);
    for (const [key, entry] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(key);
      bytes -= sizeOf(entry);
    }
  }

  return {
    async get(token, version, render) {
      const hit = entries.get(token);
      if (hit?.version === version) {
        entries.delete(token);
        entries.set(token, hit);
        return hit;
      }
      const key = `${token}\n${version}`;
      let job = pending.get(key);
      if (!job) {
        job = (async () => {
          const html = await render();
          if (html === null) return null;
          const etag = `"${createHash("sha256").update(key).digest("base64url").slice(0, 27)}"`;
          const page: RenderedPage = { version, etag, body: new Uint8Array(Buffer.from(html, "utf8")) };
          store(token, page);
          return page;
        })().finally(() => pending.delete(key));
        pending.set(key, job);
      }
      return job;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
  };
}

const holder = globalThis as { __pylotSharePageCache?: SharePageCache };

/** The process's cache: PYLOT_SHARE_CACHE_MB (default 64) megabytes of rendered pages. */
export function sharePageCache(): SharePageCache {
  holder.__pylotSharePageCache ??= createSharePageCache(Number(process.env.PYLOT_SHARE_CACHE_MB ?? 64) * 1024 * 1024);
  return holder.__pylotSharePageCache;
}

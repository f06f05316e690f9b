// A shared notebook, read-only: static HTML rendered on the server once per notebook version and
// served from a per-process cache (no React, no Pyodide, no Monaco, no script). Every request
// still reads the token and the notebook's current version from the database in one query, so the
// page is always the current saved state and a revoked token is a 404 from the next request on.
// Shared routes skip proxy.ts: each applies the share-lookup rate limit first. A reader without an
// owner identity gets one here (as any first page view does), so "Make a copy" can file the copy.
import { NextResponse, type NextRequest } from "next/server";
import { findSharedNotebook } from "@/lib/db/shared-notebooks";
import { mayMintOwner } from "@/lib/identity/owner-mint-limit";
import { newOwnerCookieValue, OWNER_COOKIE, ownerCookieOptions } from "@/lib/identity/owner-cookie";
import { browserOwnerOf } from "@/lib/identity/request-owner";
import { sharedNotebookVersion } from "@/lib/db/share-version";
import { renderSharePage, SHARE_PAGE_DATES } from "@/components/share/share-page-html";
import { relativeTime } from "@/lib/time/relative-time";
import { loadTex } from "@/lib/notebook/render-math";
import { refuseOverShareLimit } from "@/lib/sharing/share-lookup-limit";
import { sharePageCache } from "@/lib/sharing/share-page-cache";
import { SHARE_PAGE_HEADERS, shareErrorPage, withShareErrors } from "@/lib/sharing/share-page-response";

type Context = { params: Promise<{ token: string }> };

export const dynamic = "force-dynamic";

export const GET = withShareErrors(async (req: NextRequest, context: Context): Promise<Response> => {
  const limited = refuseOverShareLimit(req);
  if (limited) return limited;
  const { token } = await context.params;
  const gone = () => shareErrorPage(404, "Not found", "This share link does not exist or was revoked.");
  // The version is read before the content, so a page is never filed under a newer version than it shows.
  const current = await sharedNotebookVersion(token);
  if (!current) return gone();
  // The page says "saved 3 min ago": a page is kept only while that phrase is still true.
  const now = new Date();
  const saved = relativeTime(current.updatedAt, now, SHARE_PAGE_DATES);
  const page = await sharePageCache().get(token, `${current.version}|${saved}`, async () => {
    const shared = await findSharedNotebook(token);
    if (!shared) return null;
    await loadTex();
    return renderSharePage(token, shared, now);
  });
  if (!page) return gone();
  const headers: Record<string, string> = {
    ...SHARE_PAGE_HEADERS,
    "content-type": "text/html; charset=utf-8",
    // Browsers may keep it but must ask again each time: an ETag match costs one query and a 304.
    "cache-control": "private, no-cache",
    etag: page.etag,
  };
  const notModified = matches(req.headers.get("if-none-match"), page.etag);
  // Compression (gzip for browsers that ask) is Next's: it drops a route's own Content-Encoding.
  const res = new NextResponse(notModified || req.method === "HEAD" ? null : page.body, {
    status: notModified ? 304 : 200,
    headers,
  });
  // Over the address's owner limit the reader still reads; "Make a copy" then asks them to come back.
  if (!browserOwnerOf(req) && mayMintOwner(req.headers))
    res.cookies.set(OWNER_COOKIE, newOwnerCookieValue().value, ownerCookieOptions);
  return res;
});

export const HEAD = GET;

function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*");
}

// Share links of a notebook, managed by its owner. Every query names the owner.
import "server-only";
import { randomUUID } from "node:crypto";
import { shareTokenFor } from "@/lib/sharing/share-token";
import { db } from "./client";

export interface ShareLinkSummary {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A link as its owner sees it in the list: with its token while it can be shown again (live, derived). */
export interface OwnedShareLink extends ShareLinkSummary {
  token: string | null;
}

const linkSelect = { id: true, createdAt: true, revokedAt: true } as const;

function toSummary(row: { id: string; createdAt: Date; revokedAt: Date | null }): ShareLinkSummary {
  return { id: row.id, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null };
}

/** Newest first; null when the notebook is not the owner's. */
export async function listOwnedShareLinks(ownerId: string, notebookId: string): Promise<OwnedShareLink[] | null> {
  const nb = await db.notebook.findFirst({
    where: { id: notebookId, ownerId },
    select: { shareLinks: { orderBy: { createdAt: "desc" }, select: { ...linkSelect, tokenHash: true } } },
  });
  return nb
    ? nb.shareLinks.map((row) => {
        const derived = shareTokenFor(row.id);
        const token = row.revokedAt === null && derived.tokenHash === row.tokenHash ? derived.token : null;
        return { ...toSummary(row), token };
      })
    : null;
}

/** Only the token's hash is kept (the token is derived again for the list). Null when not the owner's notebook. */
export async function createOwnedShareLink(
  ownerId: string,
  notebookId: string,
): Promise<{ link: ShareLinkSummary; token: string } | null> {
  const id = randomUUID();
  const { token, tokenHash } = shareTokenFor(id);
  // One statement: the insert happens only if the notebook belongs to the owner.
  const rows = await db.$queryRaw<{ id: string; createdAt: Date; revokedAt: Date | null }[]>`
    INSERT INTO "ShareLink" (id, "notebookId", "tokenHash")
    SELECT ${id}::uuid, n.id, ${tokenHash} FROM "Notebook" n
    WHERE n.id = ${notebookId}::uuid AND n."ownerId" = ${ownerId}::uuid
    RETURNING id, "createdAt", "revokedAt"`;
  const row = rows[0];
  return row ? { link: toSummary(row), token } : null;
}

/** Revoking is idempotent (the first revocation time is kept). False when not the owner's link. */
export async function revokeOwnedShareLink(
  ownerId: string,
  notebookId: string,
  linkId: string,
): Promise<ShareLinkSummary | null> {
  await db.shareLink.updateMany({
    where: { id: linkId, notebookId, revokedAt: null, notebook: { ownerId } },
    data: { revokedAt: new Date() },
  });
  const row = await db.shareLink.findFirst({
    where: { id: linkId, notebookId, notebook: { ownerId } },
    select: linkSelect,
  });
  return row ? toSummary(row) : null;
}

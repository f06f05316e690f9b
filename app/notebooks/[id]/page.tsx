import type { Metadata } from "next";
import { headers } from "next/headers";
import { cache } from "react";
import { notFound } from "next/navigation";
import { earlyEditingScript, editorsPaintedScript } from "@/components/code-editor/early-editing";
import { earlyKernelScript } from "@/components/notebook/early-kernel";
import { AccountMenu } from "@/components/account/account-menu";
import { NotebookView } from "@/components/notebook/notebook-view";
import { ReconnectingPage } from "@/components/outage/reconnecting-page";
import { listOwnedFiles } from "@/lib/db/files";
import { findOwnedNotebook } from "@/lib/db/notebooks";
import { visibleText } from "@/lib/text/visible-text";
import { isDatabaseUnavailable } from "@/lib/http/database-unavailable";
import { maxFileBytes } from "@/lib/files/max-file-bytes";
import { accountSummaryOf } from "@/lib/identity/account-summary";
import { pageIdentity, pageOwner } from "@/lib/identity/page-owner";
import { isUuid } from "@/lib/identity/uuid";
import { packageSourceFromEnv } from "@/lib/packages/config";

// One query per request for both the page and its <title>.
const ownedNotebook = cache(findOwnedNotebook);

/** The browser tab names the notebook from the first paint (the title field keeps it current on rename). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const owner = await pageOwner();
  try {
    const notebook = owner && isUuid(id) ? await ownedNotebook(owner, id.toLowerCase()) : null;
    return notebook ? { title: `${visibleText(notebook.title)} · Pylot` } : {};
  } catch (err) {
    // The page itself shows the reconnecting page; the tab keeps the default title.
    if (isDatabaseUnavailable(err)) return {};
    throw err;
  }
}

export default async function NotebookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const owner = await pageOwner();
  // Both queries check the owner; run them together (the file list has no bytes).
  let notebook: Awaited<ReturnType<typeof findOwnedNotebook>>;
  let files: Awaited<ReturnType<typeof listOwnedFiles>>;
  try {
    [notebook, files] =
      owner && isUuid(id)
        ? await Promise.all([ownedNotebook(owner, id.toLowerCase()), listOwnedFiles(owner, id.toLowerCase())])
        : [null, null];
  } catch (err) {
    if (isDatabaseUnavailable(err)) return <ReconnectingPage retryHref={`/notebooks/${encodeURIComponent(id)}`} />;
    throw err;
  }
  if (!notebook || !files) notFound();
  const packages = packageSourceFromEnv();
  // Signed in: the account menu, as on the list page. An anonymous owner gets no sign-in links in
  // this crowded header; the list page offers them.
  const account = accountSummaryOf(await pageIdentity());
  // The page CSP allows inline script only with this request's nonce (proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <>
      {/* Python boots while the page's JavaScript loads; the kernel adopts this worker. */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own inline script, allowed by its CSP nonce */}
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: earlyKernelScript(packages) + earlyEditingScript }} />
      <NotebookView
        initial={notebook}
        initialFiles={{ files, maxFileBytes: maxFileBytes() }}
        packages={packages}
        headerEnd={account && <AccountMenu account={account} compact />}
      />
      {/* The cells above are editable textareas from their first paint, before hydration. */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own inline script, allowed by its CSP nonce */}
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: editorsPaintedScript }} />
    </>
  );
}

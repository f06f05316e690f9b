import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { earlyKernelScript } from "@/components/notebook/early-kernel";
import { NotebookView } from "@/components/notebook/notebook-view";
import { findOwnedNotebook } from "@/lib/db/notebooks";
import { pageOwner } from "@/lib/identity/page-owner";
import { isUuid } from "@/lib/identity/uuid";

export default async function NotebookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const owner = await pageOwner();
  const notebook = owner && isUuid(id) ? await findOwnedNotebook(owner, id.toLowerCase()) : null;
  if (!notebook) notFound();
  // The page CSP allows inline script only with this request's nonce (proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <>
      {/* Python boots while the page's JavaScript loads; the kernel adopts this worker. */}
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: earlyKernelScript }} />
      <NotebookView initial={notebook} />
    </>
  );
}

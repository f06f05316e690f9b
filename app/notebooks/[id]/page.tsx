import { notFound } from "next/navigation";
import { earlyKernelScript } from "@/components/notebook/early-kernel";
import { NotebookView } from "@/components/notebook/notebook-view";
import { findOwnedNotebook } from "@/lib/db/notebooks";
import { pageOwner } from "@/lib/identity/page-owner";
import { isUuid } from "@/lib/identity/uuid";
import { packageSourceFromEnv } from "@/lib/packages/config";

export default async function NotebookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const owner = await pageOwner();
  const notebook = owner && isUuid(id) ? await findOwnedNotebook(owner, id.toLowerCase()) : null;
  if (!notebook) notFound();
  const packages = packageSourceFromEnv();
  return (
    <>
      {/* Python boots while the page's JavaScript loads; the kernel adopts this worker. */}
      <script dangerouslySetInnerHTML={{ __html: earlyKernelScript(packages) }} />
      <NotebookView initial={notebook} packages={packages} />
    </>
  );
}

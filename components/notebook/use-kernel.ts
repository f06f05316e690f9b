"use client";
// Starts the Python kernel once per notebook page, as early as possible: the first kernel of a
// page load adopts the worker the page's inline script started (early-kernel.ts), and is created
// when this module is evaluated (before hydration), not in an effect after it.
import { useEffect, useState } from "react";
import type { Kernel, KernelStatus } from "@/lib/kernel/kernel";
import { BrowserKernel } from "@/lib/kernel/browser-kernel";
import type { PackageSource } from "@/lib/kernel/protocol";
import { releaseMonaco } from "@/components/code-editor/code-editor";
import { setCompletionKernel } from "@/components/code-editor/kernel-completion";
import { pagePackageSource, takeEarlyWorker } from "./early-kernel";

function markReady(status: KernelStatus) {
  // Monaco loads once Python is up (or failed) so the two don't share the CPU during boot.
  if (status.state !== "starting") releaseMonaco();
  // Navigation → Python ready, read by the start-up benchmark.
  if (status.state === "ready" && performance.getEntriesByName("pylot:kernel-ready").length === 0) {
    performance.mark("pylot:kernel-ready");
  }
}

function createKernel(packages: PackageSource | null): BrowserKernel {
  const k = new BrowserKernel({ adopt: takeEarlyWorker(), packages });
  k.onStatus(markReady);
  setCompletionKernel(k);
  return k;
}

// On a full page load the inline script has run (and left the package source); after a
// client-side navigation it has not, and the kernel starts in the effect with the props.
const pageSource = pagePackageSource();
let preStarted: BrowserKernel | null = pageSource && typeof Worker !== "undefined" ? createKernel(pageSource) : null;

export function useKernel(packages: PackageSource): { kernel: Kernel | null; status: KernelStatus } {
  const [kernel, setKernel] = useState<Kernel | null>(null);
  const [status, setStatus] = useState<KernelStatus>({ state: "starting", progress: "Loading Python…" });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the package source is fixed for the page's life (server configuration)
  useEffect(() => {
    const k = preStarted ?? createKernel(packages);
    preStarted = null;
    setKernel(k);
    setStatus(k.status());
    const unsubscribe = k.onStatus(setStatus);
    return () => {
      unsubscribe();
      k.dispose();
    };
  }, []);

  return { kernel, status };
}

"use client";
// Starts the Python kernel once per notebook page, after first paint, so the notebook is
// editable while Pyodide loads.
import { useEffect, useState } from "react";
import type { Kernel, KernelStatus } from "@/lib/kernel/kernel";
import { BrowserKernel } from "@/lib/kernel/browser-kernel";

export function useKernel(): { kernel: Kernel | null; status: KernelStatus } {
  const [kernel, setKernel] = useState<Kernel | null>(null);
  const [status, setStatus] = useState<KernelStatus>({ state: "starting", progress: "Loading Python…" });

  useEffect(() => {
    const k = new BrowserKernel();
    setKernel(k);
    setStatus(k.status());
    const unsubscribe = k.onStatus((next) => {
      // Navigation → Python ready, read by the start-up benchmark.
      if (next.state === "ready" && performance.getEntriesByName("pylot:kernel-ready").length === 0) {
        performance.mark("pylot:kernel-ready");
      }
      setStatus(next);
    });
    return () => {
      unsubscribe();
      k.dispose();
    };
  }, []);

  return { kernel, status };
}

"use client";
// KaTeX loads when a view first shows math (render-math.ts loadTex); every view showing math then
// renders again with it. The server and the hydrating page both render math as its source.
import { useEffect, useSyncExternalStore } from "react";
import { loadTex, onTexLoaded, texLoaded } from "@/lib/notebook/render-math";

/** Whether KaTeX is loaded; loads it when `needed`. */
export function useTex(needed: boolean): boolean {
  const loaded = useSyncExternalStore(onTexLoaded, texLoaded, () => false);
  useEffect(() => {
    // A failed load leaves the math as source; the next view that needs it tries again.
    if (needed && !loaded) loadTex().catch((error: unknown) => console.warn("KaTeX did not load:", error));
  }, [needed, loaded]);
  return loaded;
}

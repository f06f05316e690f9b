"use client";
import { KATEX_STYLESHEET } from "@/lib/notebook/render-math";

/**
 * KaTeX's CSS (and, through it, its fonts) from our own origin. React 19 hoists the link into
 * <head> once however many views render it, and only pages that show math load it.
 */
export function KatexStylesheet() {
  return <link rel="stylesheet" href={KATEX_STYLESHEET} precedence="default" />;
}

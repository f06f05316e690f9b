// Names (file names, notebook titles) shown as they are. Code points that are invisible or that
// reorder the text around them — bidi controls, zero-width and other format characters, control
// characters, line/paragraph separators, spaces that pass for U+0020, lone surrogates — are
// written as [U+XXXX], the way Monaco marks them, so `invoice\u202efdp.exe.csv` cannot pass for
// "invoicevsc.exe.pdf". Only for display and suggested download names: stored values never change.

/**
 * Cc: controls (tab, newline, NUL, C1); Cf: format (bidi embeddings/overrides/isolates, zero-width
 * space/joiners, soft hyphen, BOM, tag characters…); Cs: lone surrogates (matched singly under /u);
 * Zl/Zp: U+2028/U+2029; the non-ASCII spaces; Hangul fillers, which render as nothing.
 */
const HIDDEN =
  /\p{Extended_Pictographic}\uFE0F?\u200D(?=\p{Extended_Pictographic})|[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u115F\u1160\u3164\uFFA0]/gu;

/** How one hidden code point is shown: `[U+202E]`. */
export function codePointLabel(codePoint: number): string {
  return `[U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}]`;
}

/** The text with every invisible or reordering code point shown as `[U+XXXX]`. */
export function visibleText(text: string): string {
  // An emoji ZWJ sequence (👩‍💻) is one picture, not a hidden character: its joiner is kept.
  return text.replace(HIDDEN, (match) =>
    match.length > 1 && match.endsWith("\u200D") ? match : codePointLabel(match.codePointAt(0)!),
  );
}

/** True when visibleText would change the text (a name worth a warning or a title attribute). */
export function hasHiddenCharacters(text: string): boolean {
  return visibleText(text) !== text;
}

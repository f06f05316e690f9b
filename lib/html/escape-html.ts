// Text → HTML element content or a quoted attribute value, for the few places that build HTML
// strings (the fallback cell editor, the share routes' error pages): the five characters HTML
// gives meaning to become numeric character references.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Where to go after signing in: only a path on this site (an absolute or protocol-relative URL
// would make the sign-in page an open redirect).
export function safeNextPath(value: string | string[] | undefined | null): string {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

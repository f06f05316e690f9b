/** The request's path and query, set by proxy.ts on the page's request, for coming back after signing in. */
export const PATH_HEADER = "x-pylot-path";

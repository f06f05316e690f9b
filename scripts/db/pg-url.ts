// Discrete connection parameters and the URL form of them. The migration adapter needs discrete
// parameters (a URL would override the shadow database's name), the app needs a URL.

export interface PgParams {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** From ?sslmode=: only verify-ca / verify-full check the certificate, as in libpq. */
  ssl?: { rejectUnauthorized: boolean };
}

export function parsePgUrl(url: string): PgParams {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database).");
  }
  if (u.protocol !== "postgresql:" && u.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must start with postgresql:// (got ${u.protocol}//).`);
  }
  // A socket directory can be given as ?host=/path (libpq style) instead of in the authority.
  const host = u.searchParams.get("host") ?? decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ""));
  return {
    host: host || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || "postgres",
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
    ...sslFrom(u.searchParams.get("sslmode")),
  };
}

function sslFrom(mode: string | null): Pick<PgParams, "ssl"> {
  if (!mode || mode === "disable" || mode === "allow" || mode === "prefer") return {};
  return { ssl: { rejectUnauthorized: mode === "verify-ca" || mode === "verify-full" } };
}

export function toPgUrl(p: PgParams): string {
  const auth = `${encodeURIComponent(p.user)}:${encodeURIComponent(p.password)}`;
  const ssl = p.ssl ? `?sslmode=${p.ssl.rejectUnauthorized ? "verify-full" : "require"}` : "";
  return `postgresql://${auth}@${p.host}:${p.port}/${encodeURIComponent(p.database)}${ssl}`;
}

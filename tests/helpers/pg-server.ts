import pg from "pg";

/**
 * The PostgreSQL server that tests needing real sessions run on: TEST_DATABASE_URL, or the local
 * server. Tests make their own scratch databases on it (urlFor names one) and drop them.
 */
export const SERVER = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** SERVER's URL with another database. */
export function urlFor(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `fn` on a fresh connection to `url`, closed afterwards whatever happens. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Null when the server answers; otherwise the reason a test skips, ending "set TEST_DATABASE_URL to run <what>". */
export async function serverUnavailable(what: string): Promise<string | null> {
  try {
    await withClient(SERVER, (c) => c.query("SELECT 1"));
    return null;
  } catch (error) {
    return `no PostgreSQL server at ${new URL(SERVER).host} (${(error as Error).message}); set TEST_DATABASE_URL to run ${what}`;
  }
}

import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

/**
 * A private PostgreSQL cluster for tests that must do what the shared server (127.0.0.1:5432) may not:
 * kill it, preload a library, archive its WAL, restore it. initdb into a folder of the test's own,
 * its own port, trust authentication; PostgreSQL refuses to run as root, so under root every binary
 * runs as the `postgres` OS user (runuser), otherwise as the current user.
 */
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

const BINARIES = ["initdb", "pg_ctl", "postgres", "pg_basebackup", "pg_dump", "pg_restore", "createdb"];

/** Null when the PostgreSQL binaries are installed; otherwise which one is missing (the reason to skip). */
export function missingPgBinaries(): string | null {
  const missing = BINARIES.filter((b) => !fs.existsSync(path.join(PG_BIN, b)));
  return missing.length ? `the PostgreSQL binaries ${missing.join(", ")} are not in ${PG_BIN} (set PG_BIN, or apt-get install postgresql)` : null;
}

const asRoot = process.getuid?.() === 0;

/** The command line that runs `file` as the cluster's owner. */
export function asOwner(file: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
}

/** Runs one of the PostgreSQL binaries as the cluster's owner and returns its output; throws with its stderr. */
export function pgRun(bin: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  const [file, argv] = asOwner(path.join(PG_BIN, bin), args);
  return execFileSync(file, argv, { encoding: "utf8", stdio: "pipe", ...options });
}

/** Makes `dir` (and its parents' last step) usable by the cluster's owner. */
export function ownDir(dir: string, mode = 0o755) {
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, mode);
  if (asRoot) execFileSync("chown", ["-R", "postgres", dir]);
}

export class PgCluster {
  /** A cluster whose data folder is `dataDir`, listening on 127.0.0.1:`port` and on a socket in `socketDir`. */
  constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly socketDir: string = path.dirname(dataDir),
  ) {}

  /** initdb (trust, superuser `postgres`, no fsync: a test cluster), then `conf` appended to postgresql.conf. */
  static init(dataDir: string, port: number, conf = ""): PgCluster {
    ownDir(path.dirname(dataDir));
    pgRun("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
    const cluster = new PgCluster(dataDir, port);
    if (conf) cluster.appendConf(conf);
    return cluster;
  }

  appendConf(text: string, file = "postgresql.conf") {
    fs.appendFileSync(path.join(this.dataDir, file), `\n${text}\n`);
  }

  get logFile(): string {
    return path.join(path.dirname(this.dataDir), `${path.basename(this.dataDir)}.log`);
  }

  url(database = "postgres"): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** libpq's variables that point psql, pg_dump, createdb … at this cluster. */
  get env(): NodeJS.ProcessEnv {
    return { ...process.env, PGHOST: "127.0.0.1", PGPORT: String(this.port), PGUSER: "postgres" };
  }

  /**
   * Starts the cluster and waits until it takes connections (after crash recovery, or when a
   * restored copy reaches a consistent state), without blocking the event loop. Throws with the
   * log's tail when it does not come up.
   */
  async start(timeoutSeconds = 60): Promise<void> {
    const [file, argv] = asOwner(path.join(PG_BIN, "pg_ctl"), [
      ...["-D", this.dataDir, "-l", this.logFile, "-w", "-t", String(timeoutSeconds)],
      ...["-o", `-p ${this.port} -k ${this.socketDir} -c listen_addresses=127.0.0.1`, "start"],
    ]);
    try {
      await promisify(execFile)(file, argv, { encoding: "utf8" });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- ${this.logFile} ---\n${this.logTail()}`);
    }
  }

  /** Stops the cluster if it runs (`immediate` is a crash stop); never throws. */
  stop(mode: "fast" | "immediate" = "fast") {
    try {
      pgRun("pg_ctl", ["-D", this.dataDir, "-m", mode, "-w", "stop"]);
    } catch {
      // not running
    }
  }

  postmasterPid(): number {
    return Number(fs.readFileSync(path.join(this.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  }

  logTail(lines = 30): string {
    try {
      return fs.readFileSync(this.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }
}

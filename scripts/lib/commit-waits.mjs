// What a commit waits for, measured beside a load test: PostgreSQL's backends waiting on the WAL's
// flush to disk, and the disk's own flush latency. A commit returns only once its WAL is on disk
// (synchronous_commit = on, which the app keeps: an acknowledged write must survive a crash), so a
// slow flush holds every commit behind it, whatever the request rate.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** Wait events of a backend held up by the WAL's write or flush (pg_stat_activity.wait_event). */
const WAL_WAITS = ["WALSync", "WALWrite", "WALInitSync", "WALInitWrite"];

/**
 * Samples, every `everyMs`, how many of the database's backends wait on the WAL. Returns `stop()`,
 * which resolves to the samples: [performance.now() of the sample, backends waiting on the WAL].
 */
export async function sampleWalWaits(databaseUrl, everyMs = 20) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const samples = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = performance.now();
      const { rows } = await client.query(
        "SELECT count(*) FILTER (WHERE wait_event = ANY($1))::int AS wal FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        [WAL_WAITS],
      );
      samples.push([at, rows[0].wal]);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return samples;
    },
  };
}

/**
 * The disk's flush latency: 8 KB written and fdatasync'd, one after another, for `seconds`, in a file
 * under `dir` (the same disk as the database's when PostgreSQL runs on this machine). Blocks the
 * caller's thread while it runs: call it when nothing else is measured.
 */
export function diskSyncLatency(dir, seconds = 10) {
  const file = path.join(dir, `lnv-fsync-probe-${process.pid}`);
  const fd = fs.openSync(file, "w");
  const block = Buffer.alloc(8192, 1);
  const times = [];
  try {
    const stopAt = performance.now() + seconds * 1000;
    while (performance.now() < stopAt) {
      const t0 = performance.now();
      fs.writeSync(fd, block, 0, block.length, (times.length % 128) * block.length);
      fs.fdatasyncSync(fd);
      times.push(performance.now() - t0);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return {
    seconds,
    syncs: times.length,
    p50: at(0.5),
    p99: at(0.99),
    max: times.at(-1),
    over60: times.filter((ms) => ms > 60).length,
  };
}

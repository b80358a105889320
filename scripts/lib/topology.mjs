// The production topology on one machine, on loopback: nginx (Debian's package) in front of N app
// instances (scripts/serve.mjs) on one PostgreSQL database. Used by `npm run topology`, the
// topology tests and the benchmarks. deploy/README.md describes the same setup for a real server.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** Headers the app sets on every response (lib/http/security-headers.ts); nginx repeats them on files it serves. */
const SECURITY_HEADERS = [
  "x-content-type-options",
  "referrer-policy",
  "x-frame-options",
  "permissions-policy",
  "cross-origin-opener-policy",
];

export class TopologyError extends Error {}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function nginxBinary() {
  for (const candidate of [process.env.NGINX_PATH, "/usr/sbin/nginx"])
    if (candidate && fs.existsSync(candidate)) return candidate;
  return null;
}

async function waitForHealth(url, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (!isAlive()) throw new TopologyError(`${url}: the process exited while starting`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(200);
  }
  throw new TopologyError(`${url} did not answer within ${timeoutMs / 1000} s (${last})`);
}

function renderNginxConfig(values) {
  const template = fs.readFileSync(path.join(root, "deploy/nginx.conf.template"), "utf8");
  return template.replace(/\$\{([A-Z_]+)\}/g, (_, name) => {
    if (!(name in values)) throw new TopologyError(`deploy/nginx.conf.template: no value for \${${name}}`);
    return String(values[name]);
  });
}

/** The headers nginx must add to files it serves itself, read from a running instance. */
async function appHeaders(instanceOrigin) {
  const page = await fetch(`${instanceOrigin}/api/health`);
  const staticHeaders = SECURITY_HEADERS.filter((h) => page.headers.get(h))
    .map((h) => `      add_header ${h} "${page.headers.get(h).replace(/"/g, '\\"')}" always;`)
    .join("\n");
  const labDir = path.join(root, "public/lab");
  const version = fs.existsSync(labDir)
    ? fs.readdirSync(labDir).find((d) => fs.statSync(path.join(labDir, d)).isDirectory())
    : null;
  let labCsp = "default-src 'none'";
  if (version) {
    const file = fs.readdirSync(path.join(labDir, version))[0];
    const res = await fetch(`${instanceOrigin}/lab/${version}/${file}`, { method: "HEAD" });
    labCsp = res.headers.get("content-security-policy") ?? labCsp;
  }
  return { staticHeaders, labCsp: labCsp.replace(/"/g, '\\"') };
}

/**
 * Starts the topology and returns a handle: { origin, instances: [{ port, origin }], kill(i, signal),
 * restarts, stop() }. Instances that exit are started again (after 300 ms) until stop() is called.
 * Options: instances (2), databaseUrl (required: PostgreSQL), port (nginx, 8080), firstAppPort (port + 1),
 * dir (working folder for logs, the nginx prefix and the outbox), freshSeconds (the page cache's
 * freshness window, 5), env (extra environment for the instances), node (the Node.js binary the instances run
 * on; default the one running this).
 */
export async function startTopology(options) {
  const nginx = nginxBinary();
  if (!nginx) throw new TopologyError("nginx is not installed: apt-get install -y nginx-light (or set NGINX_PATH)");
  if (!options.databaseUrl)
    throw new TopologyError("the topology needs a PostgreSQL database (DATABASE_URL): PGlite serves one process only");
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new TopologyError("no production build: run `npm run build` first");
  const count = options.instances ?? 2;
  const port = options.port ?? 8080;
  const firstAppPort = options.firstAppPort ?? port + 1;
  const dir = path.resolve(options.dir ?? path.join(root, "data", "topology"));
  const freshSeconds = options.freshSeconds ?? 5;
  const origin = `http://127.0.0.1:${port}`;
  fs.mkdirSync(path.join(dir, "nginx"), { recursive: true });
  // Started as root, nginx runs its workers as an unprivileged user, who must reach the cache folder.
  fs.chmodSync(dir, 0o755);
  const outbox = path.join(dir, "outbox");

  let stopping = false;
  const restarts = Array.from({ length: count }, () => 0);
  const instances = Array.from({ length: count }, (_, i) => ({
    index: i,
    port: firstAppPort + i,
    origin: `http://127.0.0.1:${firstAppPort + i}`,
    child: null,
  }));

  function launch(instance) {
    const log = fs.openSync(path.join(dir, `instance-${instance.index + 1}.log`), "a");
    const child = spawn(options.node ?? process.execPath, [path.join(root, "scripts/serve.mjs")], {
      cwd: root,
      detached: true, // its own process group, stopped as a group
      stdio: ["ignore", log, log],
      env: {
        ...process.env,
        ...options.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: options.databaseUrl,
        PORT: String(instance.port),
        HOSTNAME_BIND: "127.0.0.1",
        APP_URL: options.env?.APP_URL ?? origin,
        // nginx on this machine is the one proxy; its X-Forwarded-For names the client
        TRUSTED_PROXIES: "127.0.0.1",
        AUTH_SECRET: options.env?.AUTH_SECRET ?? process.env.AUTH_SECRET ?? "topology-secret-topology-secret-topology",
        OUTBOX_DIR: outbox,
        SMTP_URL: "",
      },
    });
    fs.closeSync(log);
    instance.child = child;
    child.on("exit", () => {
      if (stopping || instance.child !== child) return;
      restarts[instance.index]++;
      setTimeout(() => !stopping && launch(instance), 300);
    });
  }

  const stopGroup = async (child, timeoutMs = 5000) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    if (await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)])) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };

  let nginxChild = null;
  const stop = async () => {
    stopping = true;
    await Promise.all([stopGroup(nginxChild), ...instances.map((instance) => stopGroup(instance.child))]);
  };

  try {
    for (const instance of instances) launch(instance);
    await Promise.all(instances.map((instance) => waitForHealth(`${instance.origin}/api/health`, 120_000)));
    const { staticHeaders, labCsp } = await appHeaders(instances[0].origin);
    const conf = renderNginxConfig({
      WORKERS: options.nginxWorkers ?? 1,
      PREFIX: path.join(dir, "nginx"),
      ACCESS_LOG: options.accessLog ? path.join(dir, "nginx", "access.log") : "off",
      UPSTREAM_SERVERS: instances.map((i) => `    server 127.0.0.1:${i.port} max_fails=1 fail_timeout=2s;`).join("\n"),
      LISTEN: `127.0.0.1:${port}`,
      ROOT: root,
      STATIC_HEADERS: staticHeaders,
      LAB_CSP: labCsp,
      FRESH_SECONDS: freshSeconds,
    });
    const confFile = path.join(dir, "nginx", "nginx.conf");
    fs.writeFileSync(confFile, conf);
    const check = spawnSync(nginx, ["-t", "-q", "-p", path.join(dir, "nginx"), "-c", confFile], { encoding: "utf8" });
    if (check.status !== 0) throw new TopologyError(`nginx refused the configuration: ${check.stderr.trim()}`);
    nginxChild = spawn(nginx, ["-p", path.join(dir, "nginx"), "-c", confFile, "-g", "daemon off;"], {
      detached: true,
      stdio: "ignore",
    });
    await waitForHealth(`${origin}/api/health`, 15_000, () => nginxChild.exitCode === null);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    origin,
    dir,
    outbox,
    freshSeconds,
    instances: instances.map(({ index, port: p, origin: o }) => ({
      index,
      port: p,
      origin: o,
      pid: () => instances[index].child?.pid,
    })),
    restarts,
    /** Sends a signal to one instance's process group (SIGKILL to simulate a crash); it is restarted. */
    kill(index, signal = "SIGKILL") {
      const child = instances[index].child;
      if (child) process.kill(-child.pid, signal);
    },
    /** Waits until instance `index` answers its health check again. */
    waitForInstance: (index, timeoutMs = 60_000) => waitForHealth(`${instances[index].origin}/api/health`, timeoutMs),
    stop,
  };
}

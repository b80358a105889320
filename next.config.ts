import fs from "node:fs";
import path from "node:path";
import type { NextConfig } from "next";
import { LAB_WORKER_CSP, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";
import { currentLabVersion } from "./scripts/lib/lab-assets.mjs";

/**
 * Turbopack resolves files only under its root. A git worktree whose node_modules links to another
 * checkout needs a root above both; with an ordinary node_modules this is the project folder.
 */
function workspaceRoot(): string {
  const project = process.cwd();
  let modules: string;
  try {
    modules = fs.realpathSync(path.join(project, "node_modules"));
  } catch {
    return project;
  }
  let root = project;
  while (!modules.startsWith(root + path.sep) && path.dirname(root) !== root) root = path.dirname(root);
  return root;
}
const root = workspaceRoot();

/** The SQL lab's engine files: public/lab/<version>/, made before the build by scripts/lib/lab-assets.mjs. */
const labVersion = currentLabVersion(process.cwd()) ?? "";

const nextConfig: NextConfig = {
  // PGlite ships ~20 MB of .wasm/.data files: load them from node_modules at run time
  // instead of letting the bundler copy them into .next (STACK-NOTES.md).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  turbopack: { root },
  outputFileTracingRoot: root,
  // Inlined into the lab's client code: the versioned folder its workers are loaded from.
  env: { NEXT_PUBLIC_LAB_VERSION: labVersion },
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      // A new build of the engine files is a new folder, so a browser may keep these for good.
      {
        source: "/lab/:version/:file",
        headers: [
          { key: "Cache-Control", value: "public, max-age=31536000, immutable" },
          { key: "Content-Security-Policy", value: LAB_WORKER_CSP },
        ],
      },
      // The service worker script is checked for updates on every registration.
      {
        source: "/lab-sw.js",
        headers: [
          { key: "Cache-Control", value: "no-cache" },
          { key: "Content-Security-Policy", value: LAB_WORKER_CSP },
        ],
      },
    ];
  },
};

export default nextConfig;

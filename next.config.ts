import fs from "node:fs";
import path from "node:path";
import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

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

const nextConfig: NextConfig = {
  // PGlite ships ~20 MB of .wasm/.data files: load them from node_modules at run time
  // instead of letting the bundler copy them into .next (STACK-NOTES.md).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  turbopack: { root },
  outputFileTracingRoot: root,
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");

/** Model name -> table name, read from schema.prisma (honours @@map). */
export function schemaTables(): Map<string, string> {
  const schema = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  const tables = new Map<string, string>();
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, model, body] = match;
    const mapped = /@@map\("([^"]+)"\)/.exec(body!)?.[1];
    tables.set(model!, mapped ?? model!);
  }
  return tables;
}

export function migrationNames(dir = path.join(root, "prisma/migrations")): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function runNode(args: string[], env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runMigrate(command: string, env: Record<string, string | undefined>) {
  return runNode(["--experimental-wasm-modules", "--no-warnings", "scripts/migrate.mjs", command], env);
}

import fs from "node:fs";
import path from "node:path";

/**
 * Every API route on disk, read the way Next.js reads them: each route.ts under app/api, its URL
 * from the folders ([param] segments named), its methods from its exports. The hostile-input tests
 * walk this list, so a route added later is fuzzed without anyone remembering to list it.
 */
export type ApiRoute = { template: string; params: string[]; methods: string[] };

const METHOD_EXPORT = /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g;

export function apiRoutes(root: string, under = "app/api/v1"): ApiRoute[] {
  const found: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const methods = [...new Set([...source.matchAll(METHOD_EXPORT)].map((m) => m[1]!))];
        const template = "/" + path.relative(path.join(root, "app"), dir).split(path.sep).join("/");
        const params = [...template.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
        found.push({ template, params, methods });
      }
    }
  };
  walk(path.join(root, under));
  return found.sort((a, b) => a.template.localeCompare(b.template));
}

/** The URL of a route with its [param] segments filled in (values are percent-encoded unless raw). */
export function fillPath(route: ApiRoute, values: Record<string, string>, raw = false): string {
  return route.template.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = values[name] ?? "x";
    return raw ? value : encodeURIComponent(value);
  });
}

/** The field names our request schemas use (lib/schemas), so generated bodies reach the validators' branches. */
export function schemaFieldNames(root: string): string[] {
  const dir = path.join(root, "lib/schemas");
  const names = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    for (const m of fs.readFileSync(path.join(dir, file), "utf8").matchAll(/\b([a-zA-Z][a-zA-Z0-9]*)\s*:\s*(?:z\.|Z[A-Z]|uuid\()/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

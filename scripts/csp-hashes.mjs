// After `next build`: hashes every inline <script> of every prerendered page, so the
// Content-Security-Policy can allow exactly those scripts on static pages without a nonce (a nonce
// would make every page dynamic and different per visitor). proxy.ts reads .next/lnv-csp.json.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function writeCspManifest(root) {
  const appDir = path.join(root, ".next", "server", "app");
  const pages = {};
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) {
        const html = fs.readFileSync(full, "utf8");
        const hashes = new Set();
        for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
          hashes.add(`'sha256-${createHash("sha256").update(m[1]).digest("base64")}'`);
        }
        let route = "/" + path.relative(appDir, full).replace(/\.html$/, "").split(path.sep).join("/");
        if (route === "/index") route = "/";
        pages[route] = [...hashes];
      }
    }
  };
  walk(appDir);
  const manifest = { generatedAt: new Date().toISOString(), pages };
  fs.writeFileSync(path.join(root, ".next", "lnv-csp.json"), JSON.stringify(manifest));
  return Object.keys(pages).length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = writeCspManifest(path.resolve(import.meta.dirname, ".."));
  console.log(`CSP hashes for ${n} prerendered pages written to .next/lnv-csp.json`);
}

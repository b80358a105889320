import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
const pg = new PGlite();
await pg.exec(fs.readFileSync("content/postgresql/datasets/platform.sql", "utf8"));
const qs = fs.readFileSync(0, "utf8").split(/;\n/).filter(s => s.trim());
for (const q of qs) { try { const r = await pg.query(q); console.log("> " + q.trim().slice(0, 90)); for (const row of r.rows.slice(0, 12)) console.log("  " + JSON.stringify(row)); } catch (e) { console.log("> " + q.trim().slice(0,90) + "\n  ERR " + e.message); } }

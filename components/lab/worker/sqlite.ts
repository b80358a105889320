/**
 * The SQLite worker: the official SQLite Wasm build (@sqlite.org/sqlite-wasm, pinned) behind the
 * lab's adapter (lib/lab/engines/sqlite.ts). Built by scripts/lib/lab-assets.mjs into
 * /lab/<version>/sqlite-worker.js; sqlite3.wasm comes from the same folder through the lab cache.
 */
import sqlite3InitModule from "@sqlite.org/sqlite-wasm";
import { openSqlite } from "@/lib/lab/engines/sqlite";
import { serve } from "./serve";

type TInit = (module: {
  instantiateWasm: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => object;
  print: (text: string) => void;
  printErr: (text: string) => void;
}) => Promise<unknown>;

let sqlite3: unknown;

serve({
  files: ["sqlite3.wasm.gz"],
  async start(files, step) {
    step("compile");
    const wasm = await WebAssembly.compile(files["sqlite3.wasm"]!);
    step("start");
    sqlite3 = await (sqlite3InitModule as unknown as TInit)({
      // Emscripten's hook: instantiate the module compiled above instead of fetching sqlite3.wasm itself
      instantiateWasm(imports, done) {
        void WebAssembly.instantiate(wasm, imports).then((instance) => done(instance, wasm));
        return {};
      },
      print: () => undefined,
      // The build probes for OPFS storage, which the lab does not use (its databases live in memory).
      printErr: (text) => {
        if (!/OPFS/i.test(text)) console.warn(text);
      },
    });
  },
  async open(previous) {
    await previous?.close();
    return openSqlite({ sqlite3 });
  },
});

import type { Code, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/**
 * Two-session timelines (docs/CONTENT.md, "Timelines"): examples that need two connections at once,
 * written as a ```timeline fence and rendered as a two-column table (lib/content/timeline-html.ts).
 * lib/content/timelines.test.ts runs every timeline with two real connections and fails when an
 * output written here differs from what the engine returns, including which step waited.
 *
 *   ```timeline postgres           the engine: postgres (two connections to a PostgreSQL server)
 *   A: BEGIN;                      a step: the session (A or B) and one SQL statement;
 *   -> BEGIN                       what it shows: a command tag, a row ("999", "1 | Ada"), "(0 rows)"
 *   B: UPDATE products             or "ERROR: message"; a statement may go on over indented lines
 *        SET price_cents = 1099 WHERE id = 4;
 *   -> waits                       the step blocks: it waits for the other session
 *   A: COMMIT;
 *   -> COMMIT
 *   B -> UPDATE 1                  the waiting step of B finishes during this step, showing this
 *   -- a note                      a note on the step above, shown beside it (not checked)
 *   ```
 */
export const TIMELINE_ENGINES = ["postgres", "sqlite"] as const;
export type TTimelineEngine = (typeof TIMELINE_ENGINES)[number];
export type TSession = "A" | "B";

export type TTimelineStep = {
  session: TSession;
  sql: string;
  /** Output lines the step shows when it runs (empty while it waits). */
  output: string[];
  /** The step blocks until the other session releases what it waits for. */
  waits: boolean;
  /** Output of a waiting step of the other session that finishes during this step. */
  released: { session: TSession; output: string[] } | null;
  notes: string[];
  /** 1-based line of the step in the fence's text. */
  line: number;
};

export type TTimeline = { engine: TTimelineEngine; steps: TTimelineStep[] };

export class TimelineError extends Error {}

export function parseTimelineEngine(meta: string | null | undefined): TTimelineEngine {
  const words = (meta ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length !== 1 || !(TIMELINE_ENGINES as readonly string[]).includes(words[0]!)) {
    throw new TimelineError(`a timeline fence names its engine: \`\`\`timeline postgres or \`\`\`timeline sqlite (got "${words.join(" ")}")`);
  }
  return words[0] as TTimelineEngine;
}

const STEP = /^([AB]):\s*(.+)$/;
const OUTPUT = /^->\s?(.*)$/;
const RELEASED = /^([AB])\s+->\s?(.*)$/;

export function parseTimeline(text: string, meta: string | null | undefined): TTimeline {
  const engine = parseTimelineEngine(meta);
  const steps: TTimelineStep[] = [];
  const fail = (line: number, message: string): never => {
    throw new TimelineError(`line ${line}: ${message}`);
  };
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    const last = steps.at(-1);
    if (trimmed === "") return;
    let m: RegExpExecArray | null;
    if ((m = STEP.exec(raw))) {
      steps.push({ session: m[1] as TSession, sql: m[2]!.trim(), output: [], waits: false, released: null, notes: [], line });
      return;
    }
    if (!last) return fail(line, 'a timeline starts with a step such as "A: BEGIN;"');
    if ((m = OUTPUT.exec(trimmed))) {
      if (m[1] === "waits") {
        if (last.output.length > 0 || last.waits) fail(line, "a step that waits shows no output of its own");
        last.waits = true;
      } else {
        if (last.waits) fail(line, `a waiting step's output comes later, as "${last.session} -> …" under the step that releases it`);
        last.output.push(m[1]!);
      }
    } else if ((m = RELEASED.exec(trimmed))) {
      const session = m[1] as TSession;
      if (session === last.session) fail(line, `"${session} -> …" belongs under a step of the other session`);
      last.released ??= { session, output: [] };
      last.released.output.push(m[2]!);
    } else if (trimmed.startsWith("--")) {
      last.notes.push(trimmed.replace(/^--\s?/, ""));
    } else if (/^\s/.test(raw) && last.output.length === 0 && !last.waits && last.notes.length === 0) {
      last.sql += `\n${trimmed}`;
    } else {
      fail(line, `not a step ("A: …"), an output ("-> …"), a released output ("B -> …") or a note ("-- …"): ${trimmed}`);
    }
  });
  if (steps.length === 0) fail(1, "a timeline needs steps");
  checkWaits(steps, fail);
  return { engine, steps };
}

/** Each waiting step is released exactly once, later, by a step of the other session; a waiting session takes no steps meanwhile. */
function checkWaits(steps: TTimelineStep[], fail: (line: number, message: string) => never) {
  const waiting = new Map<TSession, TTimelineStep>();
  for (const step of steps) {
    if (waiting.has(step.session)) fail(step.line, `session ${step.session} is still waiting for its step on line ${waiting.get(step.session)!.line}`);
    if (step.output.length === 0 && !step.waits) fail(step.line, 'say what the step shows ("-> BEGIN", "-> 999") or that it waits ("-> waits")');
    if (step.released) {
      if (!waiting.has(step.released.session)) fail(step.line, `session ${step.released.session} has no waiting step to finish here`);
      waiting.delete(step.released.session);
    }
    if (step.waits) waiting.set(step.session, step);
  }
  for (const step of waiting.values()) fail(step.line, "this step waits but nothing releases it");
}

/** The output lines a timeline records for a result, so engines' results and lessons compare as text. */
export type TTimelineResult =
  | { kind: "rows"; rows: (string | null)[][] }
  | { kind: "command"; tag: string }
  | { kind: "error"; message: string };

export function formatTimelineResult(r: TTimelineResult): string[] {
  if (r.kind === "error") return [`ERROR: ${r.message}`];
  if (r.kind === "command") return [r.tag];
  if (r.rows.length === 0) return ["(0 rows)"];
  return r.rows.map((row) => row.map((c) => (c === null ? "NULL" : c)).join(" | "));
}

export type TTimelineBlock = { index: number; line: number; meta: string; text: string };

const parser = unified().use(remarkParse).use(remarkGfm);

/** Every ```timeline fence of a markdown body, in order (1-based line of the opening fence). */
export function timelineBlocks(markdown: string): TTimelineBlock[] {
  const blocks: TTimelineBlock[] = [];
  visit(parser.parse(markdown) as Root, "code", (node: Code) => {
    if (node.lang !== "timeline") return;
    blocks.push({ index: blocks.length + 1, line: node.position?.start.line ?? 0, meta: node.meta ?? "", text: node.value });
  });
  return blocks;
}

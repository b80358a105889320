import type { Element, ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { SKIP, visit } from "unist-util-visit";
import { fenceMeta, fencedCode } from "./fence-html";
import { parseTimeline, type TSession, type TTimeline, type TTimelineStep } from "./timeline";

/**
 * Renders each ```timeline fence (lib/content/timeline.ts) as a table: one row per step, a column
 * per session, the step's SQL and what it shows in its session's column. A waiting step says so,
 * and its output appears in its column on the row of the step that releases it. The table has a
 * caption and header cells for screen readers; on narrow screens app/globals.css stacks the rows
 * and shows a "Session A/B" label in each cell. Runs before Shiki, which highlights the SQL inside.
 * A timeline that does not parse stays a plain code block: lib/content/timelines.test.ts reports it.
 */
const ENGINE_NAMES = { postgres: "PostgreSQL", sqlite: "SQLite" } as const;
const SESSIONS: TSession[] = ["A", "B"];

const el = (tagName: string, className: string | null, children: ElementContent[], properties: Element["properties"] = {}): Element => ({
  type: "element",
  tagName,
  properties: className ? { className: className.split(" "), ...properties } : properties,
  children,
});
const text = (value: string): ElementContent => ({ type: "text", value });

function outputLines(lines: string[], className: string): Element {
  return el(
    "div",
    className,
    lines.map((line) => el("samp", line.startsWith("ERROR:") ? "timeline-error" : null, [text(line)])),
  );
}

function cell(step: TTimelineStep, session: TSession, other: TSession): Element {
  const who = el("span", "timeline-who", [text(`Session ${session}`)]);
  if (step.session === session) {
    const children: ElementContent[] = [who, el("pre", null, [el("code", "language-sql", [text(step.sql)])])];
    if (step.waits) children.push(el("p", "timeline-wait", [text(`Waits for session ${other}…`)]));
    else children.push(outputLines(step.output, "timeline-out"));
    for (const note of step.notes) children.push(el("p", "timeline-note", [text(note)]));
    return el("td", null, children, { dataSession: session });
  }
  if (step.released?.session === session) {
    return el("td", "timeline-released", [who, el("p", "timeline-note", [text("The waiting statement finishes:")]), outputLines(step.released.output, "timeline-out")], {
      dataSession: session,
    });
  }
  return el("td", "timeline-idle", [], { dataSession: session });
}

export function timelineTable(timeline: TTimeline): Element {
  const engine = ENGINE_NAMES[timeline.engine];
  const caption = el("caption", null, [text(`Timeline on ${engine}: two sessions, A and B, each step run in its own session, top to bottom`)]);
  const head = el("thead", null, [
    el("tr", null, [
      el("th", null, [text("Step")], { scope: "col" }),
      ...SESSIONS.map((s) => el("th", null, [text(`Session ${s}`)], { scope: "col" })),
    ]),
  ]);
  const body = el(
    "tbody",
    null,
    timeline.steps.map((step, i) =>
      el("tr", null, [el("th", null, [text(String(i + 1))], { scope: "row" }), cell(step, "A", "B"), cell(step, "B", "A")]),
    ),
  );
  return el("figure", "timeline", [el("table", null, [caption, head, body])], { dataEngine: timeline.engine });
}

export function rehypeTimelines() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      const code = fencedCode(node, "timeline");
      if (!code || !parent || index === undefined) return;
      let timeline: TTimeline;
      try {
        timeline = parseTimeline(toString(code).replace(/\n$/, ""), fenceMeta(code));
      } catch {
        return;
      }
      parent.children[index] = timelineTable(timeline);
      return SKIP;
    });
  };
}

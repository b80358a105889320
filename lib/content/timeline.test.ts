import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";
import { formatTimelineResult, parseTimeline, timelineBlocks } from "./timeline";

const LOCK = [
  "A: BEGIN;",
  "-> BEGIN",
  "A: UPDATE products SET price_cents = 1099 WHERE id = 4;",
  "-> UPDATE 1",
  "B: UPDATE products",
  "     SET price_cents = 1199 WHERE id = 4;",
  "-> waits",
  "-- B needs the row A changed",
  "A: ROLLBACK;",
  "-> ROLLBACK",
  "B -> UPDATE 1",
].join("\n");

describe("parseTimeline", () => {
  it("reads steps, outputs, a waiting step, its release and notes", () => {
    const t = parseTimeline(LOCK, "postgres");
    expect(t.engine).toBe("postgres");
    expect(t.steps).toEqual([
      { session: "A", sql: "BEGIN;", output: ["BEGIN"], waits: false, released: null, notes: [], line: 1 },
      { session: "A", sql: "UPDATE products SET price_cents = 1099 WHERE id = 4;", output: ["UPDATE 1"], waits: false, released: null, notes: [], line: 3 },
      { session: "B", sql: "UPDATE products\nSET price_cents = 1199 WHERE id = 4;", output: [], waits: true, released: null, notes: ["B needs the row A changed"], line: 5 },
      { session: "A", sql: "ROLLBACK;", output: ["ROLLBACK"], waits: false, released: { session: "B", output: ["UPDATE 1"] }, notes: [], line: 9 },
    ]);
  });

  it.each([
    ["", "postgres", /a timeline needs steps/],
    ["A: BEGIN;\n-> BEGIN", "mysql", /names its engine/],
    ["A: BEGIN;\n-> BEGIN", "", /names its engine/],
    ["-> BEGIN", "postgres", /line 1: a timeline starts with a step/],
    ["A: BEGIN;", "postgres", /line 1: say what the step shows/],
    ["A: BEGIN;\n-> BEGIN\nnonsense", "postgres", /line 3: not a step/],
    ["A: SELECT 1;\n-> waits\n-> 1", "postgres", /line 3: a waiting step's output comes later/],
    ["A: SELECT 1;\n-> waits", "postgres", /line 1: this step waits but nothing releases it/],
    ["A: SELECT 1;\n-> waits\nA: SELECT 2;\n-> 2", "postgres", /line 3: session A is still waiting/],
    ["A: SELECT 1;\n-> 1\nB -> 1", "postgres", /line 1: session B has no waiting step/],
    ["A: SELECT 1;\n-> 1\nA -> 1", "postgres", /line 3: "A -> …" belongs under a step of the other session/],
  ])("refuses %j (%s)", (text, meta, message) => {
    expect(() => parseTimeline(text, meta)).toThrow(message);
  });
});

describe("formatTimelineResult", () => {
  it("writes rows, an empty result, a command tag and an error as a lesson records them", () => {
    expect(formatTimelineResult({ kind: "rows", rows: [["999"]] })).toEqual(["999"]);
    expect(formatTimelineResult({ kind: "rows", rows: [["1", null], ["2", "x"]] })).toEqual(["1 | NULL", "2 | x"]);
    expect(formatTimelineResult({ kind: "rows", rows: [] })).toEqual(["(0 rows)"]);
    expect(formatTimelineResult({ kind: "command", tag: "UPDATE 1" })).toEqual(["UPDATE 1"]);
    expect(formatTimelineResult({ kind: "error", message: "database is locked" })).toEqual(["ERROR: database is locked"]);
  });
});

describe("timelines in lesson markdown", () => {
  const markdown = `Text.\n\n\`\`\`timeline postgres\n${LOCK}\n\`\`\`\n\n\`\`\`sql\nSELECT 1;\n\`\`\`\n`;

  it("finds the fences", () => {
    expect(timelineBlocks(markdown)).toEqual([{ index: 1, line: 3, meta: "postgres", text: LOCK }]);
  });

  it("renders a table with a caption, column and row headers, highlighted SQL, outputs, the wait and the release", async () => {
    const html = await renderMarkdown(markdown);
    expect(html).toContain('<figure class="timeline" data-engine="postgres"><table><caption>Timeline on PostgreSQL: two sessions, A and B');
    expect(html).toContain('<thead><tr><th scope="col">Step</th><th scope="col">Session A</th><th scope="col">Session B</th></tr></thead>');
    expect(html.match(/<th scope="row">\d<\/th>/g)).toEqual(['<th scope="row">1</th>', '<th scope="row">2</th>', '<th scope="row">3</th>', '<th scope="row">4</th>']);
    // SQL inside the cells is highlighted by Shiki like any other sql block
    expect(html.match(/<td data-session="[AB]"><span class="timeline-who">Session [AB]<\/span><pre class="shiki/g)).toHaveLength(4);
    expect(html).toContain('<p class="timeline-wait">Waits for session A…</p><p class="timeline-note">B needs the row A changed</p>');
    expect(html).toContain('<td class="timeline-released" data-session="B"><span class="timeline-who">Session B</span><p class="timeline-note">The waiting statement finishes:</p><div class="timeline-out"><samp>UPDATE 1</samp></div></td>');
    expect(html).toContain('<td class="timeline-idle" data-session="B"></td>');
    // the ordinary sql block after it is untouched
    expect(html.match(/<pre class="shiki/g)).toHaveLength(5);
  });

  it("leaves a timeline that does not parse as a plain block", async () => {
    const html = await renderMarkdown("```timeline postgres\nnot a step\n```\n");
    expect(html).not.toContain("<table>");
    expect(html).toContain("not a step");
  });
});

import { describe, expect, it } from "vitest";
import { splitSections } from "./sections";

const lines = (...xs: string[]) => xs.join("\n");

describe("splitSections", () => {
  it("puts text before the first heading in the lead", () => {
    const { lead, sections } = splitSections(lines("Intro line.", "", "More intro.", "", "## First", "", "Body."));
    expect(lead).toBe("Intro line.\n\nMore intro.");
    expect(sections).toEqual([{ id: "first", heading: "First", markdown: "Body." }]);
  });

  it("has an empty lead and no sections when the body is empty", () => {
    expect(splitSections("")).toEqual({ lead: "", sections: [] });
  });

  it("keeps everything in the lead when there is no `## ` heading", () => {
    const { lead, sections } = splitSections(lines("# Title", "Text.", "##NoSpace"));
    expect(sections).toEqual([]);
    expect(lead).toBe("# Title\nText.\n##NoSpace");
  });

  it("splits on each `## ` heading, in order", () => {
    const { sections } = splitSections(lines("## One", "a", "## Two", "b", "## Three", "c"));
    expect(sections.map((s) => [s.heading, s.markdown])).toEqual([
      ["One", "a"],
      ["Two", "b"],
      ["Three", "c"],
    ]);
  });

  it("does not treat `## ` inside a fenced code block as a heading", () => {
    const body = lines("## Query", "```sql", "## not a heading", "SELECT 1;", "```", "After.");
    const { sections } = splitSections(body);
    expect(sections).toHaveLength(1);
    expect(sections[0]!.markdown).toBe(lines("```sql", "## not a heading", "SELECT 1;", "```", "After."));
  });

  it("does not treat `## ` inside a ~~~ fence as a heading, and resumes after the fence closes", () => {
    const { sections } = splitSections(lines("## A", "~~~", "## inside", "~~~", "## B", "b"));
    expect(sections.map((s) => s.heading)).toEqual(["A", "B"]);
  });

  it("keeps a fence open until a closing fence at least as long", () => {
    const { sections } = splitSections(lines("## A", "````md", "```", "## inside", "```", "````", "## B"));
    expect(sections.map((s) => s.heading)).toEqual(["A", "B"]);
  });

  it("keeps `###` sub-headings inside the current section", () => {
    const { sections } = splitSections(lines("## Parent", "### Child", "text"));
    expect(sections).toEqual([{ id: "parent", heading: "Parent", markdown: "### Child\ntext" }]);
  });

  it("gives each section a slug id", () => {
    const { sections } = splitSections(lines("## Up and Down", "x", "## What's NULL?", "y"));
    expect(sections.map((s) => s.id)).toEqual(["up-and-down", "whats-null"]);
  });

  it("gives duplicate headings distinct ids", () => {
    const { sections } = splitSections(lines("## Recap", "a", "## Recap", "b", "## Recap", "c"));
    expect(sections.map((s) => s.id)).toEqual(["recap", "recap-1", "recap-2"]);
  });

  it("drops closing #s and trailing spaces from the heading", () => {
    const { sections } = splitSections("## Closed heading ##  ");
    expect(sections[0]).toMatchObject({ id: "closed-heading", heading: "Closed heading" });
  });

  it("trims blank lines around section markdown and the lead", () => {
    const { lead, sections } = splitSections(lines("", "  ", "Lead.", "", "", "## S", "", "", "Body.", "", ""));
    expect(lead).toBe("Lead.");
    expect(sections[0]!.markdown).toBe("Body.");
  });

  it("accepts Windows line endings", () => {
    const { lead, sections } = splitSections("Lead.\r\n## One\r\nBody.\r\n");
    expect(lead).toBe("Lead.");
    expect(sections).toEqual([{ id: "one", heading: "One", markdown: "Body." }]);
  });
});

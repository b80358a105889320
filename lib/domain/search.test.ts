import { describe, expect, it } from "vitest";
import { highlight, markdownToText, MAX_QUERY_LENGTH, queryTerms, search, type TSearchDoc, type TSnippetPart } from "./search";

const doc = (key: string, title: string, body = "", summary = ""): TSearchDoc => ({ key, title, summary, body });
const joined = (parts: TSnippetPart[]) => parts.map((p) => p.text).join("");
const marked = (parts: TSnippetPart[]) => parts.filter((p) => p.mark).map((p) => p.text);

const DOCS = [
  doc("inner-joins", "Inner joins", "An inner join keeps matching rows from both tables.", "Match rows across tables."),
  doc("outer-joins", "Outer joins", "A left join keeps every row of the left table.", "Keep unmatched rows."),
  doc("indexes", "Indexes", "An index speeds up lookups and joins on large tables.", "Faster reads."),
  doc("select-basics", "SELECT basics", "Pick columns from one table.", "Your first query."),
];

describe("search", () => {
  it("requires every term to match", () => {
    expect(search(DOCS, "join left").map((h) => h.key)).toEqual(["outer-joins"]);
    expect(search(DOCS, "join window")).toEqual([]);
  });

  it("ranks a title match above a body match", () => {
    const docs = [doc("body", "Reading plans", "The planner may choose a join here."), doc("title", "Joins", "Combining tables.")];
    expect(search(docs, "join").map((h) => h.key)).toEqual(["title", "body"]);
  });

  it("ranks a summary match above a body match", () => {
    const docs = [doc("body", "A", "mentions views once"), doc("summary", "B", "nothing", "about views")];
    expect(search(docs, "views").map((h) => h.key)).toEqual(["summary", "body"]);
  });

  it("matches a term as a word prefix", () => {
    expect(search([doc("j", "Joins")], "join")).toHaveLength(1);
    expect(search([doc("j", "Joins")], "joins")).toHaveLength(1);
  });

  it("does not match a term in the middle of a word", () => {
    expect(search([doc("a", "Rejoined tables")], "join")).toEqual([]);
  });

  it("is case-insensitive both ways", () => {
    expect(search([doc("s", "select basics")], "SELECT")).toHaveLength(1);
    expect(search([doc("s", "SELECT BASICS")], "select")).toHaveLength(1);
  });

  it("marks the matched words in the title and the body snippet", () => {
    const [hit] = search(DOCS, "inner join");
    expect(hit!.key).toBe("inner-joins");
    expect(marked(hit!.title)).toEqual(["Inner", "joins"]);
    expect(marked(hit!.snippet)).toEqual(["inner", "join"]);
    expect(joined(hit!.snippet)).toBe("An inner join keeps matching rows from both tables.");
  });

  it("falls back to the summary for the snippet when the body does not match", () => {
    const [hit] = search([doc("v", "Views", "Nothing relevant here.", "Saved views of queries.")], "views");
    expect(joined(hit!.snippet)).toBe("Saved views of queries.");
    expect(marked(hit!.snippet)).toEqual(["views"]);
  });

  it("cuts a long body into a snippet around the first match, with ellipses", () => {
    const filler = Array.from({ length: 100 }, (_, i) => `filler${i}`).join(" ");
    const [hit] = search([doc("long", "Long", `${filler} window functions ${filler}`)], "window");
    const text = joined(hit!.snippet);
    expect(text.startsWith("… ")).toBe(true);
    expect(text.endsWith(" …")).toBe(true);
    expect(text).toContain("window functions");
    expect(text.length).toBeLessThan(400);
    expect(marked(hit!.snippet)).toEqual(["window"]);
  });

  it("returns nothing for queries shorter than 2 characters or made only of punctuation", () => {
    expect(search(DOCS, "")).toEqual([]);
    expect(search(DOCS, "a")).toEqual([]);
    expect(search(DOCS, "   ")).toEqual([]);
    expect(search(DOCS, "?!.*(){}")).toEqual([]);
  });

  it("does not throw on regular expression metacharacters", () => {
    for (const q of ["a.*(", "join[", "(inner", "c++", "\\d+", "^$|"]) {
      expect(() => search(DOCS, q)).not.toThrow();
    }
    expect(search(DOCS, "(inner)").map((h) => h.key)).toEqual(["inner-joins"]);
  });

  it("truncates a very long query instead of failing", () => {
    const long = `join${" ".repeat(MAX_QUERY_LENGTH)}zzzz`;
    // "zzzz" lies beyond the limit, so only "join" is searched for.
    expect(search(DOCS, long).map((h) => h.key)).toContain("inner-joins");
    expect(() => search(DOCS, "select ".repeat(10_000))).not.toThrow();
    expect(search(DOCS, "select ".repeat(10_000)).map((h) => h.key)).toEqual(["select-basics"]);
  });

  it("respects the limit", () => {
    expect(search(DOCS, "tables", 2)).toHaveLength(2);
  });
});

describe("queryTerms", () => {
  it("lowercases, splits on punctuation, drops 1-character terms and duplicates", () => {
    expect(queryTerms("Inner-JOIN, a join; NULL")).toEqual(["inner", "join", "null"]);
  });

  it("keeps at most 8 terms", () => {
    expect(queryTerms("aa bb cc dd ee ff gg hh ii jj")).toHaveLength(8);
  });

  it("ignores text beyond the maximum query length", () => {
    expect(queryTerms(`${"x".repeat(MAX_QUERY_LENGTH)} join`)).toEqual(["x".repeat(MAX_QUERY_LENGTH)]);
  });
});

describe("highlight", () => {
  const inputs = [
    "Joins join JOINED rejoin; join.",
    "",
    "no match at all",
    "a.*( and a.*( again",
    "emoji 🎉 join 東京 join",
  ];

  it.each(inputs)("never drops or reorders text: %j", (text) => {
    for (const terms of [[], ["join"], ["join", "at"], ["a.*("]]) {
      expect(joined(highlight(text, terms))).toBe(text);
    }
  });

  it("marks every word that starts with a term, case-insensitively", () => {
    expect(marked(highlight("Joins join JOINED rejoin; join.", ["join"]))).toEqual(["Joins", "join", "JOINED", "join"]);
  });

  it("treats terms literally, not as patterns", () => {
    expect(marked(highlight("a.*( and abc", ["a.*("]))).toEqual(["a.*("]);
  });

  it("returns one unmarked part when there are no terms", () => {
    expect(highlight("text", [])).toEqual([{ text: "text", mark: false }]);
  });
});

describe("markdownToText", () => {
  it("drops markup but keeps words and code", () => {
    const md = "## Heading\n\nSome **bold** and `code` with a [link](https://x.test).\n\n```sql\nSELECT 1;\n```";
    expect(markdownToText(md)).toBe("Heading Some bold and code with a link. SELECT 1;");
  });
});

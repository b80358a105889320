/**
 * Splits SQL text into statements the way the engines read it, without parsing SQL: it only has to
 * know where a `;` ends a statement and where it does not. A `;` does not end a statement inside
 *
 *   '…' strings ('' is a quote)             E'…' strings with backslash escapes (PostgreSQL)
 *   "…" identifiers ("" is a quote)          `…` and […] identifiers (SQLite)
 *   $tag$ … $tag$ dollar quotes (PostgreSQL) -- comments to the end of the line
 *   /* … *\/ comments (nested on PostgreSQL, not on SQLite, as each engine's lexer does)
 *   a trigger body CREATE TRIGGER … BEGIN … END (SQLite), or BEGIN ATOMIC … END (PostgreSQL);
 *   inside one, CASE … END pairs are counted so `CASE … END;` does not end the body early.
 *
 * A statement starts at its first token (comments and blank lines before it belong to no
 * statement) and ends after its `;`, or after its last token when the text has no final `;`. Text
 * holding only comments and whitespace gives no statement. Offsets are UTF-16 code units, as
 * JavaScript strings count them. Pure: used in the browser (the lab) and in Node (the tests).
 */
export type TSqlDialect = "sqlite" | "postgres";
export type TStatementSpan = { text: string; start: number; end: number };

const isIdentStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

/** A dollar-quote opener at i ("$$" or "$tag$"), or null. */
function dollarTag(sql: string, i: number): string | null {
  if (sql[i] !== "$") return null;
  if (i > 0 && isIdentPart(sql[i - 1]!)) return null; // part of an identifier such as a$b
  let j = i + 1;
  if (sql[j] === "$") return "$$";
  if (j >= sql.length || !isIdentStart(sql[j]!)) return null; // $1 is a parameter, not a quote
  while (j < sql.length && /[A-Za-z0-9_\u0080-\uffff]/.test(sql[j]!)) j++;
  return sql[j] === "$" ? sql.slice(i, j + 1) : null;
}

/** Index just past the end of a /* comment starting at i (nested only on PostgreSQL); -1 if it never ends. */
function skipBlockComment(sql: string, i: number, nested: boolean): number {
  let depth = 1;
  let j = i + 2;
  while (j < sql.length) {
    if (nested && sql[j] === "/" && sql[j + 1] === "*") {
      depth++;
      j += 2;
    } else if (sql[j] === "*" && sql[j + 1] === "/") {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return -1;
}

/** Index just past a quoted run starting at i with `quote`, doubling the quote to escape it. */
function skipQuoted(sql: string, i: number, close: string, backslash: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    const c = sql[j]!;
    if (backslash && c === "\\") {
      j += 2;
      continue;
    }
    if (c === close) {
      if (sql[j + 1] === close && close !== "]") {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

/**
 * Tracks the words of the current statement that matter for trigger and BEGIN ATOMIC bodies: the
 * first few words decide whether the statement can hold a body at all.
 */
class BodyTracker {
  private words: string[] = [];
  /** >0 while inside a body; counts BEGIN/CASE … END pairs. */
  depth = 0;
  private canHaveBody = false;

  constructor(private readonly dialect: TSqlDialect) {}

  word(w: string) {
    const u = w.toUpperCase();
    if (this.words.length < 6) {
      this.words.push(u);
      const head = this.words.filter((x) => x !== "TEMP" && x !== "TEMPORARY" && x !== "OR" && x !== "REPLACE");
      if (this.dialect === "sqlite") this.canHaveBody = head[0] === "CREATE" && head[1] === "TRIGGER";
      else this.canHaveBody = head[0] === "CREATE" && (head[1] === "FUNCTION" || head[1] === "PROCEDURE");
    }
    if (!this.canHaveBody) return;
    if (this.depth === 0) {
      if (u === "BEGIN") this.depth = 1;
      return;
    }
    if (u === "CASE") this.depth++;
    else if (u === "END") this.depth--;
  }

  /** A PostgreSQL body must be BEGIN ATOMIC; a lone BEGIN inside a function header is not one. */
  afterWord(prev: string, w: string) {
    if (
      this.dialect === "postgres" &&
      this.canHaveBody &&
      prev.toUpperCase() === "BEGIN" &&
      this.depth === 1 &&
      w.toUpperCase() !== "ATOMIC"
    ) {
      this.depth = 0;
    }
  }

  reset() {
    this.words = [];
    this.depth = 0;
    this.canHaveBody = false;
  }
}

export function splitStatements(sql: string, dialect: TSqlDialect): TStatementSpan[] {
  const out: TStatementSpan[] = [];
  const pg = dialect === "postgres";
  const body = new BodyTracker(dialect);
  let start = -1; // first token of the current statement
  let lastTokenEnd = -1;
  let prevWord = "";
  const push = (end: number) => {
    if (start >= 0) out.push({ text: sql.slice(start, end), start, end });
    start = -1;
    lastTokenEnd = -1;
    prevWord = "";
    body.reset();
  };
  const token = (from: number, to: number) => {
    if (start < 0) start = from;
    lastTokenEnd = to;
  };

  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === "/" && next === "*") {
      const end = skipBlockComment(sql, i, pg);
      // an unterminated comment inside a statement goes to the engine, which decides what it means
      if (end < 0 && start >= 0) lastTokenEnd = sql.length;
      i = end < 0 ? sql.length : end;
    } else if (c === ";") {
      if (body.depth > 0) {
        token(i, i + 1);
        i++;
      } else {
        if (start >= 0) push(i + 1);
        i++;
      }
    } else if (c === "'") {
      const escaped = pg && i > 0 && /[eE]/.test(sql[i - 1]!) && (i < 2 || !isIdentPart(sql[i - 2]!));
      const end = skipQuoted(sql, i, "'", escaped);
      token(i, end);
      i = end;
    } else if (c === '"') {
      const end = skipQuoted(sql, i, '"', false);
      token(i, end);
      i = end;
    } else if (!pg && c === "`") {
      const end = skipQuoted(sql, i, "`", false);
      token(i, end);
      i = end;
    } else if (!pg && c === "[") {
      const end = skipQuoted(sql, i, "]", false);
      token(i, end);
      i = end;
    } else if (pg && c === "$" && dollarTag(sql, i)) {
      const tag = dollarTag(sql, i)!;
      const close = sql.indexOf(tag, i + tag.length);
      const end = close < 0 ? sql.length : close + tag.length;
      token(i, end);
      i = end;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < sql.length && isIdentPart(sql[j]!)) j++;
      const w = sql.slice(i, j);
      body.afterWord(prevWord, w);
      body.word(w);
      prevWord = w;
      token(i, j);
      i = j;
    } else {
      token(i, i + 1);
      i++;
    }
  }
  if (start >= 0) {
    // an unterminated quote or comment runs to the end of the text; trailing blanks are not part of it
    let end = lastTokenEnd;
    while (end > start && /\s/.test(sql[end - 1]!)) end--;
    push(end);
  }
  return out;
}

/** Objects whose name is more than one word, longest first so that "FOREIGN DATA WRAPPER" wins over "FOREIGN TABLE". */
const MULTI_WORD_OBJECTS = [
  ["FOREIGN", "DATA", "WRAPPER"],
  ["TEXT", "SEARCH", "CONFIGURATION"],
  ["TEXT", "SEARCH", "DICTIONARY"],
  ["TEXT", "SEARCH", "PARSER"],
  ["TEXT", "SEARCH", "TEMPLATE"],
  ["DEFAULT", "PRIVILEGES"],
  ["MATERIALIZED", "VIEW"],
  ["FOREIGN", "TABLE"],
  ["EVENT", "TRIGGER"],
  ["ACCESS", "METHOD"],
  ["USER", "MAPPING"],
  ["LARGE", "OBJECT"],
  ["OPERATOR", "CLASS"],
  ["OPERATOR", "FAMILY"],
];

/**
 * The command a statement runs, in the style of PostgreSQL's command tags ("CREATE TABLE",
 * "INSERT", "ROLLBACK"), read from its first words so both engines name a statement the same way.
 */
export function commandOf(statement: string): string {
  // strings, quoted names and comments cannot hold the command's words
  const bare = statement.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"/g, " ");
  const tokens = bare.match(/[A-Za-z_]+|[()]/g) ?? [];
  const words = tokens
    .filter((t) => t !== "(" && t !== ")")
    .slice(0, 6)
    .map((w) => w.toUpperCase());
  const [a = "", b = "", c = ""] = words;
  // words between the verb and the object that the command tag leaves out ("CREATE UNIQUE INDEX" is CREATE INDEX)
  const skip = new Set(["OR", "REPLACE", "TEMP", "TEMPORARY", "UNIQUE", "VIRTUAL", "UNLOGGED", "RECURSIVE", "CONSTRAINT", "IF"]);
  if (a === "CREATE" || a === "DROP" || a === "ALTER") {
    const rest = words.slice(1);
    const at = rest.findIndex((w) => !skip.has(w));
    if (at < 0) return a;
    // objects named by several words keep them all, as psql's command tag does ("ALTER DEFAULT PRIVILEGES")
    const phrase = MULTI_WORD_OBJECTS.find((p) => p.every((w, i) => rest[at + i] === w));
    return `${a} ${phrase ? phrase.join(" ") : rest[at]}`;
  }
  if (a === "ROLLBACK" || a === "END" || a === "ABORT") {
    if (b === "TO" || c === "TO") return "ROLLBACK TO SAVEPOINT";
    return a === "END" ? "COMMIT" : "ROLLBACK";
  }
  if (a === "START") return "BEGIN";
  if (a === "WITH") {
    // the statement's verb is the first one outside the common table expressions' parentheses
    let depth = 0;
    for (const t of tokens.slice(1)) {
      if (t === "(") depth++;
      else if (t === ")") depth--;
      else if (depth === 0 && /^(SELECT|INSERT|UPDATE|DELETE|MERGE|VALUES)$/i.test(t)) return t.toUpperCase();
    }
  }
  return a || "STATEMENT";
}

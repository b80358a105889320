import { splitStatements, type TSqlDialect } from "@/lib/domain/sql-statements";

/**
 * Engines count positions in their own units: SQLite in UTF-8 bytes, PostgreSQL in characters
 * (code points, 1-based). The lab counts in UTF-16 code units, as JavaScript strings and the editor do.
 */

/** A function from a UTF-8 byte offset of `sql` to its UTF-16 offset. */
export function toUtf16Offsets(sql: string): (byte: number) => number {
  const map: number[] = [];
  let byte = 0;
  for (let i = 0; i < sql.length;) {
    const cp = sql.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let b = 0; b < size; b++) map[byte + b] = i;
    byte += size;
    i += units;
  }
  map[byte] = sql.length;
  return (b) => map[Math.max(0, Math.min(b, byte))]!;
}

/** The UTF-16 offset of the n-th code point (0-based) of `text`. */
export function codePointToUtf16(text: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < text.length; k++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

/** The statement inside [from, to) of `sql` without the blanks and comments around it. */
export function trimStatement(
  sql: string,
  from: number,
  to: number,
  dialect: TSqlDialect = "sqlite",
): { start: number; end: number } {
  const span = splitStatements(sql.slice(from, to), dialect)[0];
  return span ? { start: from + span.start, end: from + span.end } : { start: from, end: to };
}

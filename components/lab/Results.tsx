"use client";

import type { TCell, TStatementResult } from "@/lib/lab/types";
import { changesLabel, formatMs, lineColumn, rowsLabel } from "./format";

/** Rows shown per result; the rest are counted, not drawn (a runaway SELECT could return millions). */
export const SHOWN_ROWS = 200;

/** A cell as text: React escapes it, so a value holding markup is shown, never rendered. */
export function Cell({ value }: { value: TCell }) {
  if (value === null) return <span className="lab-null">NULL</span>;
  if (typeof value === "boolean") return <>{value ? "true" : "false"}</>;
  return <>{String(value)}</>;
}

export function ResultTable({ columns, rows, caption, highlight }: { columns: string[]; rows: TCell[][]; caption: string; highlight?: "missing" | "extra" }) {
  const shown = rows.slice(0, SHOWN_ROWS);
  return (
    <div className="lab-table-wrap" role="group" aria-label={caption} tabIndex={0}>
      {/* The caption names the table for assistive technology; this line shows it without squeezing it to the table's width. */}
      <p className="lab-caption" aria-hidden="true">
        {caption}
      </p>
      <table className={`lab-table${highlight ? ` lab-table-${highlight}` : ""}`}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, r) => (
            <tr key={r}>
              {row.map((v, c) => (
                <td key={c}>
                  <Cell value={v} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length ? (
        <p className="lab-muted">
          Showing the first {SHOWN_ROWS} of {rows.length.toLocaleString("en")} rows.
        </p>
      ) : null}
    </div>
  );
}

type Props = {
  results: TStatementResult[];
  /** The text that was run, to say where an error is. */
  text: string;
  /** This engine refusing the example is the lesson's point (a `fails…` block, text unchanged). */
  expectedError: boolean;
  label: string;
};

/** One block per statement, in order: its grid, its "n rows affected", or its error. */
export function Results({ results, text, expectedError, label }: Props) {
  const many = results.length > 1;
  let firstError = true;
  return (
    <ol className="lab-results" aria-label={label}>
      {results.map((r, i) => {
        const head = many ? `Statement ${i + 1}` : "Result";
        const timing = formatMs(r.ms);
        return (
          <li key={i} className="lab-result">
            {many ? <pre className="lab-stmt">{r.sql.length > 200 ? `${r.sql.slice(0, 200)}…` : r.sql}</pre> : null}
            {r.kind === "rows" ? (
              <ResultTable columns={r.columns} rows={r.rows} caption={`${head}: ${rowsLabel(r.rows.length)}, ${timing}`} />
            ) : r.kind === "changes" ? (
              <p className="lab-changes">
                {head}: {changesLabel(r.command, r.rowsAffected)} <span className="lab-muted">({timing})</span>
              </p>
            ) : (
              (() => {
                const where = r.position === null ? null : lineColumn(text, r.position);
                const expected = expectedError && firstError;
                firstError = false;
                return (
                  <div className={expected ? "lab-error lab-error-expected" : "lab-error"}>
                    <p className="lab-error-title">
                      {expected ? "This is the error this example is about" : `${head}: error`}
                      {where ? ` (line ${where.line}, column ${where.column})` : ""}
                    </p>
                    <p className="lab-error-message">{r.message}</p>
                    {expected && many && i < results.length - 1 ? (
                      <p className="lab-muted">The statements after it still ran, one by one, as a client would send them.</p>
                    ) : null}
                  </div>
                );
              })()
            )}
          </li>
        );
      })}
    </ol>
  );
}

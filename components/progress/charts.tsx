import { useId } from "react";
import type { TActivityCell } from "@/lib/domain/progress-view";
import { TableHead } from "@/components/ui/TableHead";

/**
 * Small SVG charts without a chart library. Each is an image with a text summary (role="img" and
 * aria-labelledby a <title>) and the same data as a table for screen readers, visible or
 * visually hidden.
 */

type Bar = { label: string; value: number; max: number; text: string };

/** Horizontal bars, one row per item (e.g. progress per track). */
/** The chart's numbers as a table for screen readers (the SVG carries only a summary label). */
function DataTable({ caption, headings, rows }: { caption: string; headings: [string, string]; rows: [string, string | number][] }) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <TableHead columns={headings} />
      <tbody>
        {rows.map(([label, value], i) => (
          <tr key={`${label}-${i}`}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BarRows({ title, summary, rows, valueHeading }: { title: string; summary: string; rows: Bar[]; valueHeading: string }) {
  const id = useId();
  // Each row: the label in full on its own line (a track's title is often longer than a column
  // beside the bar could hold), the bar under it, the figure after the bar.
  const rowHeight = 46;
  const width = 400;
  const barWidth = width - 96;
  return (
    <figure>
      <svg
        role="img"
        aria-labelledby={`${id}-t`}
        viewBox={`0 0 ${width} ${rows.length * rowHeight}`}
        className="h-auto w-full max-w-lg"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-t`}>{`${title}: ${summary}`}</title>
        {rows.map((r, i) => {
          const w = r.max > 0 ? Math.round((r.value / r.max) * barWidth) : 0;
          const y = i * rowHeight;
          return (
            <g key={r.label}>
              <text x={0} y={y + 15} className="fill-[var(--fg)] text-[13px]">
                {r.label}
              </text>
              <rect x={0} y={y + 22} width={barWidth} height={16} rx={4} className="fill-[var(--bg-soft)] stroke-[var(--border)]" />
              <rect x={0} y={y + 22} width={w} height={16} rx={4} className="fill-brand-600 dark:fill-brand-300" />
              <text x={barWidth + 8} y={y + 35} className="fill-[var(--fg)] text-[13px] tabular-nums">
                {r.text}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable caption={title} headings={["Item", valueHeading]} rows={rows.map((r) => [r.label, r.text])} />
    </figure>
  );
}

/** Vertical columns with their counts (e.g. confidence ratings). */
export function Columns({ title, summary, columns }: { title: string; summary: string; columns: { label: string; value: number }[] }) {
  const id = useId();
  const colWidth = 96;
  const height = 150;
  const top = 20;
  const base = height - 34;
  const max = Math.max(1, ...columns.map((c) => c.value));
  return (
    <figure>
      <svg role="img" aria-labelledby={`${id}-t`} viewBox={`0 0 ${columns.length * colWidth} ${height}`} className="h-auto w-full max-w-xl">
        <title id={`${id}-t`}>{`${title}: ${summary}`}</title>
        <line x1={0} x2={columns.length * colWidth} y1={base} y2={base} className="stroke-[var(--border)]" />
        {columns.map((c, i) => {
          const h = Math.round((c.value / max) * (base - top));
          const x = i * colWidth + 18;
          return (
            <g key={c.label}>
              <rect x={x} y={base - h} width={colWidth - 36} height={h} rx={3} className="fill-brand-600 dark:fill-brand-300" />
              <text x={x + (colWidth - 36) / 2} y={base - h - 5} textAnchor="middle" className="fill-[var(--fg)] text-[13px] tabular-nums">
                {c.value}
              </text>
              <text x={i * colWidth + colWidth / 2} y={base + 18} textAnchor="middle" className="fill-[var(--fg-muted)] text-[11px]">
                {c.label}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable caption={title} headings={["Rating", "Lessons"]} rows={columns.map((c) => [c.label, c.value])} />
    </figure>
  );
}

const LEVEL_CLASS = [
  "fill-[var(--bg-soft)] stroke-[var(--border)]",
  "fill-brand-100 dark:fill-[#1d3a66]",
  "fill-brand-300 dark:fill-[#2f5ea8]",
  "fill-brand-500 dark:fill-[#5b8fe0]",
  "fill-brand-700 dark:fill-brand-200",
];

/** The activity calendar: one square per day, weeks as columns, darker for busier days. */
export function Heatmap({
  title,
  summary,
  weeks,
  months,
  perMonth,
}: {
  title: string;
  summary: string;
  weeks: TActivityCell[][];
  months: { label: string; week: number }[];
  perMonth: { month: string; label: string; count: number }[];
}) {
  const id = useId();
  const cell = 12;
  const gap = 3;
  const left = 26;
  const top = 16;
  const width = left + weeks.length * (cell + gap);
  const height = top + 7 * (cell + gap);
  return (
    <figure>
      {/* On a narrow screen the calendar scrolls sideways, starting at the most recent weeks. */}
      <div
        className="overflow-x-auto"
        tabIndex={0}
        role="region"
        aria-label="Activity calendar"
        ref={(el) => {
          if (el) el.scrollLeft = el.scrollWidth;
        }}
      >
        <svg role="img" aria-labelledby={`${id}-t`} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="max-w-none">
          <title id={`${id}-t`}>{`${title}: ${summary}`}</title>
          {months.map((m) => (
            <text key={`${m.label}-${m.week}`} x={left + m.week * (cell + gap)} y={10} className="fill-[var(--fg-muted)] text-[9px]">
              {m.label}
            </text>
          ))}
          {["Mon", "Wed", "Fri"].map((d, i) => (
            <text key={d} x={0} y={top + (1 + 2 * i) * (cell + gap) + 9} className="fill-[var(--fg-muted)] text-[9px]">
              {d}
            </text>
          ))}
          {weeks.map((week, w) =>
            week.map((c, d) => (
              <rect
                key={c.date}
                x={left + w * (cell + gap)}
                y={top + d * (cell + gap)}
                width={cell}
                height={cell}
                rx={2}
                className={LEVEL_CLASS[c.level]}
              >
                <title>{`${c.date}: ${c.count}`}</title>
              </rect>
            )),
          )}
        </svg>
      </div>
      <DataTable caption={`${title}, by month`} headings={["Month", "Changes"]} rows={perMonth.map((m) => [m.label, m.count])} />
    </figure>
  );
}

/** Confidence (x, 1 to 4) against the last quiz score (y, percent): one dot per lesson. */
export function Calibration({ title, summary, points }: { title: string; summary: string; points: { label: string; confidence: number; percent: number; warn: boolean }[] }) {
  const id = useId();
  const width = 380;
  const height = 200;
  const left = 40;
  const bottom = height - 30;
  const x = (c: number) => left + 35 + ((c - 1) / 3) * (width - left - 90);
  const y = (p: number) => bottom - (p / 100) * (bottom - 12);
  return (
    <svg role="img" aria-labelledby={`${id}-t`} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-md">
      <title id={`${id}-t`}>{`${title}: ${summary}`}</title>
      <line x1={left} x2={width - 10} y1={bottom} y2={bottom} className="stroke-[var(--border)]" />
      <line x1={left} x2={left} y1={8} y2={bottom} className="stroke-[var(--border)]" />
      {[0, 50, 100].map((p) => (
        <text key={p} x={left - 6} y={y(p) + 4} textAnchor="end" className="fill-[var(--fg-muted)] text-[10px]">
          {p}%
        </text>
      ))}
      {[1, 2, 3, 4].map((c) => (
        <text key={c} x={x(c)} y={bottom + 16} textAnchor="middle" className="fill-[var(--fg-muted)] text-[10px]">
          {["Not yet", "Notes", "Mostly", "Confident"][c - 1]}
        </text>
      ))}
      {points.map((p, i) => (
        <circle
          key={p.label}
          cx={x(p.confidence) + ((i % 3) - 1) * 7}
          cy={y(p.percent)}
          r={6}
          className={p.warn ? "fill-amber-500 stroke-amber-800" : "fill-brand-600 stroke-[var(--bg)] dark:fill-brand-300"}
        >
          <title>{p.label}</title>
        </circle>
      ))}
    </svg>
  );
}

/** A static progress bar; the label is what screen readers hear. */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      className="h-2 w-full overflow-hidden rounded-full bg-[var(--bg-soft)] ring-1 ring-[var(--border)]"
    >
      <div className="h-full rounded-full bg-brand-600 dark:bg-brand-300" style={{ width: `${value}%` }} />
    </div>
  );
}

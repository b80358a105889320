import { levelLabel } from "@/lib/format";

const STYLES: Record<string, string> = {
  beginner: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  intermediate: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  advanced: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200",
};

export function LevelBadge({ level }: { level: string }) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${STYLES[level] ?? ""}`}>
      {levelLabel(level)}
    </span>
  );
}

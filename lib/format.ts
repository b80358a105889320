/** "2026-05-28" -> "May 28, 2026" (UTC, so the same on every server and in every test). */
export function formatDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
}

export function levelLabel(level: string): string {
  return level.charAt(0).toUpperCase() + level.slice(1);
}

export function lessonHref(track: string, lesson: string, version?: string): string {
  return version ? `/tracks/${track}/${lesson}/v/${version}` : `/tracks/${track}/${lesson}`;
}

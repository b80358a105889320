import { linkButtonClass } from "./tokens";

type Props = {
  /** Names the navigation for screen readers, e.g. "Thread pages". */
  label: string;
  /** The page the data on screen is from, and how many there are. */
  page: number;
  pages: number;
  /** The page asked for (may be ahead of `page` while it loads). */
  requested: number;
  onPage: (page: number) => void;
  previous?: string;
  next?: string;
  className?: string;
};

/** "Previous page · Page 2 of 5 · Next page" under a paged list; nothing when there is one page. */
export function Pager({ label, page, pages, requested, onPage, previous = "Previous page", next = "Next page", className = "mt-3" }: Props) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className={`${className} flex items-center gap-3 text-sm`}>
      <button type="button" className={linkButtonClass} disabled={requested <= 1} onClick={() => onPage(requested - 1)}>
        {previous}
      </button>
      <span>
        Page {page} of {pages}
      </span>
      <button type="button" className={linkButtonClass} disabled={requested >= pages} onClick={() => onPage(requested + 1)}>
        {next}
      </button>
    </nav>
  );
}

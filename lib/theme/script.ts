/**
 * Runs in <head> before first paint so the page never flashes the wrong theme.
 * Stored choice: localStorage "theme" = "light" | "dark" | "system" (default system).
 * Kept as a constant string so the Content-Security-Policy can allow it by hash.
 */
export const THEME_STORAGE_KEY = "theme";

/**
 * localStorage "lnv-signed-in" = "1" while this browser was last seen signed in (set by fetchMe).
 * The script then marks <html> with `signed-in` before the first paint, so the header keeps a slot
 * for the notification bell and does not move when the bell arrives. Only a layout hint: nothing
 * is shown or allowed because of it.
 */
export const SIGNED_IN_HINT_KEY = "lnv-signed-in";

import { earlyPressScript } from "../lab/early-press";

export const themeScript = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");var d=t==="dark"||((t!=="light")&&window.matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.dataset.theme=t||"system";if(localStorage.getItem("${SIGNED_IN_HINT_KEY}")==="1")e.classList.add("signed-in");}catch(_){}})();`;

/** Everything the layout runs in <head>: the theme, then the lab's early-press keeper (lib/lab/early-press.ts). */
export const headScript = themeScript + earlyPressScript;

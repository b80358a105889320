/**
 * Runs in <head> before first paint so the page never flashes the wrong theme.
 * Stored choice: localStorage "theme" = "light" | "dark" | "system" (default system).
 * Kept as a constant string so the Content-Security-Policy can allow it by hash.
 */
export const THEME_STORAGE_KEY = "theme";

export const themeScript = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");var d=t==="dark"||((t!=="light")&&window.matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.dataset.theme=t||"system";}catch(_){}})();`;

/**
 * A Run or Edit press made before the lesson page's JavaScript has started is not lost: a few bytes
 * in <head> (part of the head script, allowed by the Content-Security-Policy by hash) keep the last
 * such press, and LabIsland answers it as soon as it listens. Without this, a press in the first
 * moment on a slow phone did nothing, and the reader had to press again.
 */
export const EARLY_PRESS_KEY = "__lnvLabPress";

/** Plain ES5, run before first paint: from the moment the lab listens (`data-lab-ready`) it does nothing. */
export const earlyPressScript = `document.addEventListener("click",function(v){var t=v.target,b=t&&t.closest&&t.closest("[data-lab-action]");if(b&&!document.documentElement.hasAttribute("data-lab-ready")){v.preventDefault();window.${EARLY_PRESS_KEY}=b;b.setAttribute("aria-busy","true")}},true);`;

/** The press kept by the head script, if any, and forgets it. */
export function takeEarlyPress(): HTMLElement | null {
  const store = window as unknown as Record<string, HTMLElement | undefined>;
  const button = store[EARLY_PRESS_KEY];
  delete store[EARLY_PRESS_KEY];
  button?.removeAttribute("aria-busy");
  return button?.isConnected ? button : null;
}

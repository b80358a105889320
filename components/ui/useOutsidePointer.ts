import { useEffect, type RefObject } from "react";

/** While `open`, a pointer press outside `box` closes it (menus and popovers; `setOpen` is the state setter). */
export function useOutsidePointer(open: boolean, box: RefObject<HTMLElement | null>, setOpen: (open: boolean) => void) {
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, box, setOpen]);
}

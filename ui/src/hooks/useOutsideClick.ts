import { useEffect, type RefObject } from "react";

/** While `open`, a mouse press outside `ref`'s element calls `close` (a drop-down menu's way). */
export function useOutsideClick(ref: RefObject<HTMLElement | null>, open: boolean, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onPress = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close();
    };
    document.addEventListener("mousedown", onPress);
    return () => document.removeEventListener("mousedown", onPress);
  }, [ref, open, close]);
}

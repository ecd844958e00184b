import { useCallback, useEffect, useRef, useState } from "react";
import { useOutsideClick } from "../../hooks/useOutsideClick";
import { AboutBox } from "./AboutBox";
import { UserGuide } from "./UserGuide";

/** The Help menu: the user guide (also F1) and the About box. */
export function HelpMenu({ light = false }: { light?: boolean }) {
  const [open, setOpen] = useState(false);
  const [showing, setShowing] = useState<"guide" | "about" | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const f1 = (e: KeyboardEvent) => {
      if (e.key === "F1") {
        e.preventDefault();
        setOpen(false);
        setShowing("guide");
      }
    };
    window.addEventListener("keydown", f1);
    return () => window.removeEventListener("keydown", f1);
  }, []);
  const closeMenu = useCallback(() => setOpen(false), []);
  useOutsideClick(ref, open, closeMenu);
  const show = (what: "guide" | "about") => () => {
    setOpen(false);
    setShowing(what);
  };
  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className={light ? "btn" : "btn btn-menu"}
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="help-menu"
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        Help ▾
      </button>
      {open ? (
        <div className="menu-pop" role="menu">
          <button type="button" role="menuitem" onClick={show("guide")} autoFocus data-testid="help-guide">
            User guide <span className="muted small">F1</span>
          </button>
          <button type="button" role="menuitem" onClick={show("about")} data-testid="help-about">
            About ClaimDesk
          </button>
        </div>
      ) : null}
      {showing === "guide" ? <UserGuide onClose={() => setShowing(null)} /> : null}
      {showing === "about" ? <AboutBox onClose={() => setShowing(null)} /> : null}
    </div>
  );
}

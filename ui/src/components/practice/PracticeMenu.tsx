import { useCallback, useRef, useState } from "react";
import { useOutsideClick } from "../../hooks/useOutsideClick";
import type { RecentFile } from "../../bindings/RecentFile";

interface Props {
  recent: RecentFile[];
  currentPath: string;
  onNew: () => void;
  onOpen: () => void;
  onOpenPath: (path: string) => void;
  onShow: () => void;
}

/** The practice menu in the title bar: New…, Open…, Recent files. */
export function PracticeMenu({ recent, currentPath, onNew, onOpen, onOpenPath, onShow }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const closeMenu = useCallback(() => setOpen(false), []);
  useOutsideClick(ref, open, closeMenu);
  const act = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };
  const others = recent.filter((r) => r.path !== currentPath);
  return (
    <div
      className="menu"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        className="btn btn-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="practice-menu"
        onClick={() => {
          if (!open) onShow();
          setOpen(!open);
        }}
      >
        Practice ▾
      </button>
      {open ? (
        <div className="menu-pop" role="menu">
          <button type="button" role="menuitem" onClick={act(onNew)} autoFocus>
            New practice file…
          </button>
          <button type="button" role="menuitem" onClick={act(onOpen)}>
            Open practice file…
          </button>
          <div className="menu-sep" />
          <div className="menu-head">Recent files</div>
          {others.length === 0 ? <div className="menu-empty">None</div> : null}
          {others.map((r) => (
            <button type="button" role="menuitem" key={r.path} onClick={act(() => onOpenPath(r.path))} title={r.path}>
              {r.practice_name}
              <span className="muted mono small">{r.path}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

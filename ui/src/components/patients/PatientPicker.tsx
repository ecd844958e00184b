import { useState } from "react";
import { usePatientSearch } from "../../hooks/usePatientSearch";
import { formatDate, formatName } from "../../lib/format";

interface Props {
  label: string;
  name: string;
  excludeId: number | null;
  onPick: (id: number, name: string) => void;
  error?: string | undefined;
}

/** Picks another patient of this practice by search (for guarantor or subscriber). */
export function PatientPicker({ label, name, excludeId, onPick, error }: Props) {
  const [query, setQuery] = useState("");
  const { results } = usePatientSearch(query, false, 8);
  const rows = results.filter((r) => r.id !== excludeId);
  const [sel, setSel] = useState(0);
  const pick = (i: number) => {
    const r = rows[i];
    if (r) onPick(r.id, formatName(r.last_name, r.first_name, r.middle_name));
  };
  return (
    <div className="picker">
      <label className="field w-lg">
        <span className="field-label">{label}</span>
        <input
          name={name}
          value={query}
          placeholder="Name, account, birth date…"
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setSel(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setSel((s) => Math.min(s + 1, rows.length - 1));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setSel((s) => Math.max(s - 1, 0));
            } else if (e.key === "Enter") {
              e.preventDefault();
              pick(sel);
            }
          }}
          autoComplete="off"
        />
        {error ? (
          <div className="field-error" data-testid={`error-${name}`} role="alert">
            {error}
          </div>
        ) : null}
      </label>
      {rows.length > 0 ? (
        <ul className="picker-list" role="listbox" aria-label={`${label} results`}>
          {rows.map((r, i) => (
            <li key={r.id} role="option" aria-selected={i === sel} className={i === sel ? "selected" : ""} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(i)}>
              <span className="mono">{r.account_number}</span> {formatName(r.last_name, r.first_name, r.middle_name)}{" "}
              <span className="muted">{formatDate(r.birth_date)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

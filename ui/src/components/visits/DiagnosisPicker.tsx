import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { CodeSetInfo } from "../../bindings/CodeSetInfo";
import type { Diagnosis } from "../../bindings/Diagnosis";
import { codesInfo, codesSearch, visitLimits } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import { pointerLetter } from "../../lib/visit";

export const DX_SEARCH_LIMIT = 25;
export const DX_DEBOUNCE_MS = 120;

interface Props {
  diagnoses: string[];
  /**
   * The new list; `order[newIndex] = oldIndex` (-1 for an added code) so the caller can keep
   * line pointers on the same codes.
   */
  onChange: (next: string[], order: number[]) => void;
  err: (field: string) => string | undefined;
}

/** Box 21: search ICD-10-CM as you type; Enter adds the highlighted billable code as the next letter. */
export function DiagnosisPicker({ diagnoses, onChange, err }: Props) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Diagnosis[]>([]);
  const [highlight, setHighlight] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [info, setInfo] = useState<CodeSetInfo | null>(null);
  // How many diagnoses a claim holds comes from the Rust side (until it answers, none is refused
  // here; the save checks again).
  const limits = useQuery({ queryKey: ["visit-limits"], queryFn: visitLimits });
  const maxDiagnoses = limits.data?.max_diagnoses ?? Number.POSITIVE_INFINITY;
  const [descriptions, setDescriptions] = useState<Record<string, string>>({});
  const seq = useRef(0);

  useEffect(() => {
    codesInfo().then(setInfo, () => setInfo(null));
  }, []);

  // Descriptions for codes that were loaded with the visit (or typed in a slot).
  useEffect(() => {
    const missing = diagnoses.filter((c) => c.trim() !== "" && descriptions[c.toUpperCase()] === undefined);
    if (missing.length === 0) return;
    let live = true;
    const t = setTimeout(() => {
      for (const code of missing) {
        codesSearch(code, 1).then(
          (rows) => {
            if (!live) return;
            const hit = rows.find((r) => r.code.toUpperCase() === code.toUpperCase());
            setDescriptions((d) => ({ ...d, [code.toUpperCase()]: hit ? (hit.billable ? hit.description : `${hit.description} (header — not billable)`) : "Unknown code" }));
          },
          () => undefined,
        );
      }
    }, DX_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [diagnoses, descriptions]);

  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (q === "") {
      setResults([]);
      return;
    }
    const t = setTimeout(() => {
      codesSearch(q, DX_SEARCH_LIMIT).then(
        (rows) => {
          if (mine !== seq.current) return;
          setResults(rows);
          // Start on the first billable code: Enter never lands on a header by itself.
          setHighlight(Math.max(0, rows.findIndex((r) => r.billable)));
          setSearchError(null);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setSearchError(toErrorReport(e).message);
        },
      );
    }, DX_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [query]);

  const identity = () => diagnoses.map((_, i) => i);

  const add = (d: Diagnosis) => {
    if (!d.billable) {
      setNote(`${d.code} is a header — pick a more specific code.`);
      return;
    }
    if (diagnoses.some((c) => c.toUpperCase() === d.code.toUpperCase())) {
      setNote(`${d.code} is already diagnosis ${pointerLetter(diagnoses.findIndex((c) => c.toUpperCase() === d.code.toUpperCase()) + 1)}.`);
      return;
    }
    if (diagnoses.length >= maxDiagnoses) {
      setNote(`A claim holds at most ${maxDiagnoses} diagnoses (A–L).`);
      return;
    }
    setDescriptions((x) => ({ ...x, [d.code.toUpperCase()]: d.description }));
    onChange([...diagnoses, d.code], [...identity(), -1]);
    setNote(null);
    setQuery("");
    setResults([]);
  };

  const move = (i: number, delta: -1 | 1) => {
    const j = i + delta;
    if (j < 0 || j >= diagnoses.length) return;
    const order = identity();
    [order[i], order[j]] = [order[j]!, order[i]!];
    onChange(
      order.map((k) => diagnoses[k]!),
      order,
    );
  };
  const remove = (i: number) => {
    const order = identity().filter((k) => k !== i);
    onChange(
      order.map((k) => diagnoses[k]!),
      order,
    );
  };
  const setSlot = (i: number, v: string) => onChange(diagnoses.map((c, k) => (k === i ? v.toUpperCase() : c)), identity());

  const listErr = err("diagnoses");

  return (
    <div className="dx-picker">
      <div className="picker">
        <label className="field w-xl">
          <span className="field-label">Add diagnosis (ICD-10-CM code or words)</span>
          <input
            name="dx-search"
            data-testid="dx-search"
            type="search"
            value={query}
            placeholder={diagnoses.length >= maxDiagnoses ? `${maxDiagnoses} diagnoses entered` : "e.g. M99.01 or low back pain"}
            autoComplete="off"
            spellCheck={false}
            role="combobox"
            aria-expanded={results.length > 0}
            aria-controls="dx-results"
            aria-invalid={listErr ? true : undefined}
            onChange={(e) => {
              setQuery(e.target.value);
              setNote(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                setHighlight((h) => Math.min(h + 1, results.length - 1));
              } else if (e.key === "ArrowUp") {
                e.preventDefault();
                setHighlight((h) => Math.max(h - 1, 0));
              } else if (e.key === "Enter" && !e.ctrlKey && !e.metaKey && !e.altKey) {
                e.preventDefault();
                const d = results[highlight];
                if (d) add(d);
              } else if (e.key === "Escape" && query) {
                e.preventDefault();
                e.stopPropagation();
                setQuery("");
              }
            }}
          />
        </label>
        {results.length > 0 ? (
          <ul className="picker-list dx-results" id="dx-results" role="listbox" data-testid="dx-results">
            {results.map((d, i) => (
              <li
                key={d.code}
                role="option"
                aria-selected={i === highlight}
                aria-disabled={!d.billable}
                className={`${i === highlight ? "selected" : ""} ${d.billable ? "" : "dx-header"}`}
                data-testid="dx-result"
                onMouseEnter={() => setHighlight(i)}
                onMouseDown={(e) => {
                  e.preventDefault();
                  add(d);
                }}
              >
                <span className="mono">{d.code}</span> {d.description}
                {!d.billable ? <span className="small"> — header — pick a more specific code</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {note ? (
          <div className="field-hint dx-note" data-testid="dx-note" role="status">
            {note}
          </div>
        ) : null}
        {searchError ? <div className="field-error">{searchError}</div> : null}
        {listErr ? (
          <div className="field-error" data-testid="error-diagnoses" role="alert">
            {listErr}
          </div>
        ) : null}
      </div>

      <table className="grid compact dx-list" data-testid="dx-list">
        <tbody>
          {diagnoses.map((code, i) => {
            const name = `diagnoses[${i}]`;
            const e = err(name);
            return (
              <tr key={i}>
                <td className="dx-letter">{pointerLetter(i + 1)}</td>
                <td className="field cell">
                  <input
                    name={name}
                    aria-label={`Diagnosis ${pointerLetter(i + 1)}`}
                    className="mono w-sm"
                    value={code}
                    maxLength={8}
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={e ? true : undefined}
                    onChange={(ev) => setSlot(i, ev.target.value)}
                  />
                  {e ? (
                    <div className="field-error" data-testid={`error-${name}`} role="alert">
                      {e}
                    </div>
                  ) : null}
                </td>
                <td className="dx-desc">{descriptions[code.toUpperCase()] ?? ""}</td>
                <td className="row-tools">
                  <button type="button" className="btn btn-small" aria-label={`Move ${pointerLetter(i + 1)} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                    ↑
                  </button>
                  <button type="button" className="btn btn-small" aria-label={`Move ${pointerLetter(i + 1)} down`} disabled={i === diagnoses.length - 1} onClick={() => move(i, 1)}>
                    ↓
                  </button>
                  <button type="button" className="btn btn-small btn-danger" aria-label={`Remove ${pointerLetter(i + 1)}`} onClick={() => remove(i)}>
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
          {diagnoses.length === 0 ? (
            <tr>
              <td className="empty" colSpan={4}>
                No diagnoses yet — search above and press Enter.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <div className="muted small" data-testid="code-set-info">
        {info ? `ICD-10-CM FY${info.year} (${info.source})` : ""}
      </div>
    </div>
  );
}

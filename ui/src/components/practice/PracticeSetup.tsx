import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { Practice } from "../../bindings/Practice";
import type { PracticeFileInfo } from "../../bindings/PracticeFileInfo";
import { useFormKeys } from "../../hooks/useFormKeys";
import { useSettled } from "../../hooks/useSettled";
import { practiceCreate, practiceSuggestPath } from "../../ipc/commands";
import { choosePracticeSaveAs } from "../../ipc/dialogs";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { blankPractice } from "../../lib/blank";
import { ErrorBanner } from "../common/Banner";
import { TextField } from "../common/fields";
import { PracticeFields, practiceErr } from "./PracticeFields";

interface Props {
  onCreated: (info: PracticeFileInfo) => void;
  onCancel?: () => void;
}

/** Guided setup of a new practice file: the billing provider's details, then where to save. */
export function PracticeSetup({ onCreated, onCancel }: Props) {
  const [practice, setPractice] = useState<Practice>(blankPractice);
  const [path, setPath] = useState("");
  const pathEdited = useRef(false);
  const [report, setReport] = useState<ErrorReport | null>(null);

  // Suggest a free file name in the app's data folder until the user picks one (once the
  // name has stopped changing; a failed suggestion leaves the field for the user).
  const name = useSettled(practice.name.trim(), 250);
  const suggested = useQuery({
    queryKey: keys.suggestedPath(name),
    queryFn: () => practiceSuggestPath(name),
    enabled: name !== "" && !pathEdited.current,
    // A file made since the last suggestion takes its name: ask again each time.
    staleTime: 0,
  });
  useEffect(() => {
    if (suggested.data !== undefined && !pathEdited.current) setPath(suggested.data);
  }, [suggested.data]);

  const createM = useMutation({
    mutationFn: () => practiceCreate(path.trim(), practice),
    onSuccess: (info) => {
      setReport(null);
      onCreated(info);
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const saving = createM.isPending;
  const create = () => {
    if (!saving) createM.mutate();
  };
  const browse = async () => {
    try {
      const picked = await choosePracticeSaveAs(path || undefined);
      if (picked) {
        pathEdited.current = true;
        setPath(picked.endsWith(".claimdesk") ? picked : `${picked}.claimdesk`);
      }
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };
  useFormKeys({ onSave: create, ...(onCancel ? { onCancel } : {}) });

  const err = practiceErr((f) => fieldError(report, f));
  return (
    <div className="screen setup-wizard" data-testid="practice-setup">
      <header className="screen-head">
        <h2>New practice file</h2>
      </header>
      <p className="muted">
        One practice file holds one practice: its providers, payers, patients and claims. These details print on every claim as the
        billing provider.
      </p>
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      <form
        className="form panel"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <PracticeFields value={practice} onChange={setPractice} err={err} autoFocus />
        <h4>Where to save the practice file</h4>
        <div className="row">
          <TextField
            className="w-xxl"
            label="Save as"
            name="path"
            value={path}
            onChange={(v) => {
              pathEdited.current = true;
              setPath(v);
            }}
            error={fieldError(report, "path")}
          />
          <div className="field-actions">
            <button type="button" className="btn" onClick={() => void browse()}>
              Browse…
            </button>
          </div>
        </div>
        <div className="form-foot">
          <button type="submit" className="btn btn-primary" disabled={saving} data-testid="create-practice">
            {saving ? "Creating…" : "Create practice file"}
          </button>
          {onCancel ? (
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}

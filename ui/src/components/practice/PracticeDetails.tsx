import { useState } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { Practice } from "../../bindings/Practice";
import type { PracticeFileInfo } from "../../bindings/PracticeFileInfo";
import { useFormKeys } from "../../hooks/useFormKeys";
import { practiceUpdate } from "../../ipc/commands";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { ErrorBanner, Notice } from "../common/Banner";
import { PracticeFields, practiceErr } from "./PracticeFields";
import { useCan } from "../../session/session";

interface Props {
  info: PracticeFileInfo;
  onSaved: (info: PracticeFileInfo) => void;
}

export function PracticeDetails({ info, onSaved }: Props) {
  const canSave = useCan("practice_update");
  const [practice, setPractice] = useState<Practice>(info.practice);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (saving) return;
    setSaving(true);
    try {
      const saved = await practiceUpdate(practice);
      setPractice(saved);
      setReport(null);
      setNotice("Practice details saved.");
      onSaved({ ...info, practice: saved });
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setSaving(false);
    }
  };
  useFormKeys({
    onSave: () => void save(),
    onCancel: () => {
      setPractice(info.practice);
      setReport(null);
    },
  });

  return (
    <form
      className="form panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      {notice ? <Notice>{notice}</Notice> : null}
      <PracticeFields
        value={practice}
        onChange={(p) => {
          setPractice(p);
          setNotice(null);
        }}
        err={practiceErr((f) => fieldError(report, f))}
      />
      <div className="form-foot">
        <button type="submit" className="btn btn-primary" disabled={saving || !canSave} data-testid="save-practice">
          {saving ? "Saving…" : "Save practice details"}
        </button>
        <span className="muted">File: {info.path}</span>
      </div>
    </form>
  );
}

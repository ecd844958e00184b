import { useEffect, useRef, useState } from "react";
import { DraftScope, useDraft } from "../../session/drafts";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { ColumnDef } from "@tanstack/react-table";
import type { ImportReport } from "../../bindings/ImportReport";
import type { PatientSummary } from "../../bindings/PatientSummary";
import { usePatientSearch } from "../../hooks/usePatientSearch";
import { patientsExport, patientsImport } from "../../ipc/commands";
import { chooseCsvExport, chooseCsvToImport } from "../../ipc/dialogs";
import { toErrorReport } from "../../ipc/errors";
import { formatDate, formatName, formatPhone } from "../../lib/format";
import { ErrorBanner, Notice } from "../common/Banner";
import { ImportReportView } from "../common/ImportReportView";
import { ChargeEntry } from "../visits/ChargeEntry";
import { DataTable } from "../common/DataTable";
import { PatientScreen, type PatientTab } from "./PatientScreen";
import { useCan } from "../../session/session";

const COLUMNS: ColumnDef<PatientSummary>[] = [
  { id: "account", header: "Account", meta: { className: "mono" }, cell: ({ row }) => row.original.account_number },
  {
    id: "name",
    header: "Name",
    cell: ({ row: { original: r } }) => (
      <>
        {formatName(r.last_name, r.first_name, r.middle_name)}
        {!r.active ? <span className="badge badge-inactive">inactive</span> : null}
      </>
    ),
  },
  { id: "birth", header: "Birth date", cell: ({ row }) => formatDate(row.original.birth_date) },
  { id: "phone", header: "Phone", cell: ({ row }) => formatPhone(row.original.phone) },
  { id: "payer", header: "Primary insurance", cell: ({ row }) => row.original.primary_payer },
  { id: "member", header: "Member ID", meta: { className: "mono" }, cell: ({ row }) => row.original.primary_member_id },
];

interface Props {
  /** Open this patient's screen straight away (from a claim: "Fix on the patient screen"). */
  initialPatientId?: number | undefined;
}

/** Patients: one search box, results as you type; opening a row shows the patient screen. */
export function PatientsScreen({ initialPatientId }: Props = {}) {
  const canSave = useCan("patient_save");
  const canImport = useCan("patients_import");
  const canExport = useCan("patients_export");
  // undefined = list, null = new patient, number = that patient.
  // Which patient or visit is open outlives a screen lock (drafts).
  const [open, setOpen] = useDraft<number | null | undefined>("open", initialPatientId);
  // The patient screen's section to open on: back from charge entry, the visits.
  const [openTab, setOpenTab] = useDraft<PatientTab | undefined>("open-tab", undefined);
  // The visit open in charge entry (visitId null = new visit).
  const [visit, setVisit] = useDraft<{ patientId: number; visitId: number | null } | null>("visit", null);
  const [query, setQuery] = useDraft("query", "");
  const [includeInactive, setIncludeInactive] = useState(false);
  const [selected, setSelected] = useState(0);
  const { results, loading, error, refresh } = usePatientSearch(query, includeInactive);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [importReport, setImportReport] = useState<ImportReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  useEffect(() => setSelected(0), [results]);
  useEffect(() => {
    tableRef.current?.querySelector<HTMLElement>("tr.selected")?.scrollIntoView?.({ block: "nearest" });
  }, [selected]);

  if (visit !== null) {
    return (
      <DraftScope name={`visit-${visit.patientId}-${visit.visitId ?? "new"}`}>
      <ChargeEntry
        patientId={visit.patientId}
        visitId={visit.visitId}
        onClose={() => {
          setOpen(visit.patientId);
          setOpenTab("visits");
          setVisit(null);
        }}
        onOpenPatient={(id) => {
          setOpen(id);
          setOpenTab(undefined);
          setVisit(null);
        }}
      />
      </DraftScope>
    );
  }

  if (open !== undefined) {
    return (
      <DraftScope name={`patient-${open ?? "new"}`}>
      <PatientScreen
        key={open ?? "new"}
        onOpenVisit={(visitId, patientId) => setVisit({ patientId, visitId })}
        patientId={open}
        initialTab={openTab}
        onClose={() => {
          setOpen(undefined);
          setOpenTab(undefined);
          refresh();
        }}
        onSaved={() => refresh()}
      />
      </DraftScope>
    );
  }

  const doImport = async () => {
    setReport(null);
    setNotice(null);
    try {
      const path = await chooseCsvToImport("Import patients");
      if (!path) return;
      setImportReport(await patientsImport(path));
      refresh();
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };
  const doExport = async () => {
    setReport(null);
    setNotice(null);
    try {
      const path = await chooseCsvExport("Export patients", "patients.csv");
      if (!path) return;
      const n = await patientsExport(path);
      setNotice(`Exported ${n} patient${n === 1 ? "" : "s"} to ${path}.`);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  return (
    <div className="screen" data-testid="patients-list">
      <header className="screen-head">
        <h2>Patients</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" data-testid="new-patient" onClick={() => setOpen(null)} disabled={!canSave}>
          New patient
        </button>
        <button type="button" className="btn" onClick={() => void doImport()} disabled={!canImport}>
          Import patients…
        </button>
        <button type="button" className="btn" onClick={() => void doExport()} disabled={!canExport}>
          Export patients…
        </button>
      </header>
      <div className="toolbar">
        <input
          ref={searchRef}
          className="search"
          type="search"
          data-testid="patient-search"
          aria-label="Search patients"
          placeholder="Name, account, birth date, phone or member ID"
          value={query}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setSelected((s) => Math.min(s + 1, results.length - 1));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setSelected((s) => Math.max(s - 1, 0));
            } else if (e.key === "Enter") {
              e.preventDefault();
              const r = results[selected] ?? results[0];
              if (r) setOpen(r.id);
            } else if (e.key === "Escape" && query) {
              e.preventDefault();
              setQuery("");
            }
          }}
        />
        <label className="check-inline">
          <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} /> Include inactive
        </label>
        <span className="muted">{loading ? "Searching…" : `${results.length}${results.length >= 100 ? "+" : ""} patient${results.length === 1 ? "" : "s"}`}</span>
      </div>
      <ErrorBanner report={error ?? report} onDismiss={() => setReport(null)} />
      {notice ? <Notice>{notice}</Notice> : null}
      {importReport ? <ImportReportView title="Patient import" report={importReport} onClose={() => setImportReport(null)} /> : null}
      <div ref={tableRef}>
        <DataTable
          data={results}
          columns={COLUMNS}
          getRowId={(r) => String(r.id)}
          className="selectable"
          rowTestId="patient-row"
          rowClassName={(r) => (r.active ? "" : "inactive")}
          selectedId={results[selected] ? String(results[selected].id) : null}
          onRowClick={(r) => setOpen(r.id)}
          onRowOpen={(r) => setOpen(r.id)}
          onRowHover={(r) => setSelected(results.indexOf(r))}
          empty={loading ? null : query ? "No patient matches." : "No patients yet — register one with New patient."}
        />
      </div>
    </div>
  );
}

import { useCallback, useEffect, useMemo, useState } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { newQueryClient } from "./ipc/query";
import type { ErrorReport } from "./bindings/ErrorReport";
import type { PracticeFileInfo } from "./bindings/PracticeFileInfo";
import type { RecentFile } from "./bindings/RecentFile";
import { ClaimsScreen } from "./components/claims/ClaimsScreen";
import { ErrorBanner } from "./components/common/Banner";
import { FeesScreen } from "./components/fees/FeesScreen";
import { PatientsScreen } from "./components/patients/PatientsScreen";
import { PlansScreen } from "./components/plans/PlansScreen";
import { PracticeMenu } from "./components/practice/PracticeMenu";
import { PracticeSetup } from "./components/practice/PracticeSetup";
import { RemittancesScreen } from "./components/remittances/RemittancesScreen";
import { ReportsScreen } from "./components/reports/ReportsScreen";
import { StartScreen } from "./components/practice/StartScreen";
import { StatementsScreen } from "./components/statements/StatementsScreen";
import { SetupScreen, type SetupTab } from "./components/setup/SetupScreen";
import { practiceCurrent, practiceOpen, practiceRecent } from "./ipc/commands";
import { choosePracticeToOpen } from "./ipc/dialogs";
import { toErrorReport } from "./ipc/errors";

type Screen = "patients" | "claims" | "remittances" | "statements" | "plans" | "reports" | "fees" | "setup";

const NAV: Array<{ id: Screen; label: string; testid: string }> = [
  { id: "patients", label: "Patients", testid: "nav-patients" },
  { id: "claims", label: "Claims", testid: "nav-claims" },
  { id: "remittances", label: "Remittances", testid: "nav-remittances" },
  { id: "statements", label: "Statements", testid: "nav-statements" },
  { id: "plans", label: "Payment plans", testid: "nav-plans" },
  { id: "reports", label: "Reports", testid: "nav-reports" },
  { id: "fees", label: "Fee schedule", testid: "nav-fees" },
  { id: "setup", label: "Practice setup", testid: "nav-setup" },
];

export function App() {
  // undefined while asking the Rust side; null = no practice file open.
  const [info, setInfo] = useState<PracticeFileInfo | null | undefined>(undefined);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const [creating, setCreating] = useState(false);
  const [screen, setScreen] = useState<Screen>("patients");
  const [error, setError] = useState<ErrorReport | null>(null);
  // A patient to open on the patients screen (from a claim); n remounts the screen.
  const [patientLink, setPatientLink] = useState<{ id: number | undefined; n: number }>({ id: undefined, n: 0 });
  // The setup tab to open on (a link from another screen); n remounts the screen.
  const [setupLink, setSetupLink] = useState<{ tab: SetupTab; n: number }>({ tab: "practice", n: 0 });

  // Each practice file has its own cache of screen data: nothing read from one file can show
  // for another after switching.
  const path = info?.path;
  const client = useMemo(() => (path === undefined ? null : newQueryClient()), [path]);

  const loadRecent = useCallback(() => {
    practiceRecent().then(setRecent, () => setRecent([]));
  }, []);

  useEffect(() => {
    practiceCurrent().then(
      (i) => setInfo(i),
      (e: unknown) => {
        setError(toErrorReport(e));
        setInfo(null);
      },
    );
    loadRecent();
  }, [loadRecent]);

  useEffect(() => {
    document.title = info ? `${info.practice.name} — ClaimDesk` : "ClaimDesk";
  }, [info]);

  const opened = (i: PracticeFileInfo) => {
    setInfo(i);
    setCreating(false);
    setError(null);
    setScreen("patients");
    loadRecent();
  };
  const openPath = async (path: string) => {
    try {
      opened(await practiceOpen(path));
    } catch (e) {
      setError(toErrorReport(e));
    }
  };
  const openDialog = async () => {
    try {
      const path = await choosePracticeToOpen();
      if (path) await openPath(path);
    } catch (e) {
      setError(toErrorReport(e));
    }
  };

  if (info === undefined) {
    return <div className="loading">Opening ClaimDesk…</div>;
  }

  if (creating || info === null) {
    return (
      <div className="app app-start">
        <ErrorBanner report={error} onDismiss={() => setError(null)} />
        {creating ? (
          <PracticeSetup onCreated={opened} onCancel={() => setCreating(false)} />
        ) : (
          <StartScreen recent={recent} onNew={() => setCreating(true)} onOpen={() => void openDialog()} onOpenPath={(p) => void openPath(p)} />
        )}
      </div>
    );
  }

  return (
    <div className="app">
      <header className="titlebar">
        <span className="brand">ClaimDesk</span>
        <span className="practice-name" data-testid="practice-name">
          {info.practice.name}
        </span>
        <span className="practice-path mono" title={info.path} data-testid="practice-path">
          {info.path}
        </span>
        <span className="spacer" />
        <PracticeMenu
          recent={recent}
          currentPath={info.path}
          onShow={loadRecent}
          onNew={() => setCreating(true)}
          onOpen={() => void openDialog()}
          onOpenPath={(p) => void openPath(p)}
        />
      </header>
      <nav className="sidenav" aria-label="Main">
        {NAV.map((n) => (
          <button
            key={n.id}
            type="button"
            className={screen === n.id ? "nav-item active" : "nav-item"}
            aria-current={screen === n.id ? "page" : undefined}
            data-testid={n.testid}
            onClick={() => {
              if (n.id === "patients") setPatientLink((l) => ({ id: undefined, n: l.n + 1 }));
              if (n.id === "setup") setSetupLink((l) => ({ tab: "practice", n: l.n + 1 }));
              setScreen(n.id);
            }}
          >
            {n.label}
          </button>
        ))}
        <div className="nav-foot muted small">{info.patient_count} patients</div>
      </nav>
      <main className="content" key={info.path}>
        <QueryClientProvider client={client ?? newQueryClient()}>
          <ErrorBanner report={error} onDismiss={() => setError(null)} />
          {screen === "patients" ? <PatientsScreen key={patientLink.n} initialPatientId={patientLink.id} /> : null}
          {screen === "claims" ? (
            <ClaimsScreen
              onOpenPatient={(id) => {
                setPatientLink((l) => ({ id, n: l.n + 1 }));
                setScreen("patients");
              }}
              onOpenClearinghouseSetup={() => {
                setSetupLink((l) => ({ tab: "electronic", n: l.n + 1 }));
                setScreen("setup");
              }}
            />
          ) : null}
          {screen === "remittances" ? <RemittancesScreen /> : null}
          {screen === "statements" ? <StatementsScreen /> : null}
          {screen === "plans" ? <PlansScreen /> : null}
          {screen === "reports" ? <ReportsScreen /> : null}
          {screen === "fees" ? <FeesScreen /> : null}
          {screen === "setup" ? <SetupScreen key={setupLink.n} info={info} onPracticeSaved={setInfo} initialTab={setupLink.tab} /> : null}
        </QueryClientProvider>
      </main>
    </div>
  );
}

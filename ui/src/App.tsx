import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { newQueryClient } from "./ipc/query";
import type { ErrorReport } from "./bindings/ErrorReport";
import type { PracticeFileInfo } from "./bindings/PracticeFileInfo";
import type { RecentFile } from "./bindings/RecentFile";
import { ClaimsScreen } from "./components/claims/ClaimsScreen";
import { ErrorBanner } from "./components/common/Banner";
import { FeesScreen } from "./components/fees/FeesScreen";
import { NearLimitScreen } from "./components/limits/NearLimitScreen";
import { PatientsScreen } from "./components/patients/PatientsScreen";
import { PlansScreen } from "./components/plans/PlansScreen";
import { PracticeMenu } from "./components/practice/PracticeMenu";
import { PracticeSetup } from "./components/practice/PracticeSetup";
import { RemittancesScreen } from "./components/remittances/RemittancesScreen";
import { ReportsScreen } from "./components/reports/ReportsScreen";
import { StartScreen } from "./components/practice/StartScreen";
import { StatementsScreen } from "./components/statements/StatementsScreen";
import { SetupScreen, type SetupTab } from "./components/setup/SetupScreen";
import { AuditScreen } from "./components/audit/AuditScreen";
import { SessionGate } from "./components/session/SessionGate";
import { UsersScreen } from "./components/users/UsersScreen";
import { BackupsScreen } from "./components/backups/BackupsScreen";
import { BackupStatusLine } from "./components/backups/BackupStatusLine";
import type { Action } from "./bindings/Action";
import { demoOpen, practiceCurrent, practiceOpen, practiceRecent } from "./ipc/commands";
import { listen } from "@tauri-apps/api/event";
import { HelpMenu } from "./components/help/HelpMenu";
import { clearDrafts, DraftScope } from "./session/drafts";
import { useSession } from "./session/session";
import { choosePracticeToOpen } from "./ipc/dialogs";
import { toErrorReport } from "./ipc/errors";

type Screen = "patients" | "limits" | "claims" | "remittances" | "statements" | "plans" | "reports" | "fees" | "setup" | "users" | "audit" | "backups";

/** The screens; `needs`: the entry shows when the role allows any of these actions. */
const NAV: Array<{ id: Screen; label: string; testid: string; needs: Action[] }> = [
  { id: "patients", label: "Patients", testid: "nav-patients", needs: ["patients_search"] },
  { id: "limits", label: "Visit limits", testid: "nav-limits", needs: ["visits_near_limit"] },
  { id: "claims", label: "Claims", testid: "nav-claims", needs: ["claims_list"] },
  { id: "remittances", label: "Remittances", testid: "nav-remittances", needs: ["era_post", "remittance_exceptions"] },
  { id: "statements", label: "Statements", testid: "nav-statements", needs: ["statements_run", "collections_worklist"] },
  { id: "plans", label: "Payment plans", testid: "nav-plans", needs: ["plans_list"] },
  { id: "reports", label: "Reports", testid: "nav-reports", needs: ["report_run"] },
  { id: "fees", label: "Fee schedule", testid: "nav-fees", needs: ["fee_save"] },
  { id: "setup", label: "Practice setup", testid: "nav-setup", needs: ["practice_update", "provider_save", "payer_save", "printer_save", "posting_rules_save", "clearinghouse_save"] },
  { id: "users", label: "Users", testid: "nav-users", needs: ["users_list"] },
  { id: "audit", label: "Audit", testid: "nav-audit", needs: ["audit_list"] },
  { id: "backups", label: "Backups", testid: "nav-backups", needs: ["backup_settings_get"] },
];

export function App() {
  // undefined while asking the Rust side; null = no practice file open.
  const [info, setInfo] = useState<PracticeFileInfo | null | undefined>(undefined);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const [creating, setCreating] = useState(false);
  const [makingDemo, setMakingDemo] = useState(false);
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
  const openDemo = async () => {
    setMakingDemo(true);
    try {
      opened(await demoOpen());
    } catch (e) {
      setError(toErrorReport(e));
    } finally {
      setMakingDemo(false);
    }
  };
  // A practice file double-clicked while ClaimDesk runs: the second start hands it over.
  const openRequested = useRef(openPath);
  openRequested.current = openPath;
  useEffect(() => {
    const unlisten = listen<string>("practice-file-requested", (e) => {
      if (e.payload !== path) void openRequested.current(e.payload);
    }).catch(() => () => undefined);
    return () => {
      void unlisten.then((f) => f());
    };
  }, [path]);
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
          <StartScreen
            recent={recent}
            onNew={() => setCreating(true)}
            onOpen={() => void openDialog()}
            onOpenPath={(p) => void openPath(p)}
            onDemo={() => void openDemo()}
            makingDemo={makingDemo}
          />
        )}
      </div>
    );
  }

  return (
    <QueryClientProvider client={client ?? newQueryClient()}>
      <SessionGate
        key={info.path}
        practiceName={info.practice.name}
        onOpenOther={() => void openDialog()}
        onLoggedIn={() => practiceCurrent().then((i) => i && setInfo(i), () => undefined)}
      >
        <Shell
          info={info}
          screen={screen}
          setScreen={setScreen}
          patientLink={patientLink}
          setPatientLink={setPatientLink}
          setupLink={setupLink}
          setSetupLink={setSetupLink}
          setInfo={setInfo}
          error={error}
          setError={setError}
          menu={
            <PracticeMenu
              recent={recent}
              currentPath={info.path}
              onShow={loadRecent}
              onNew={() => setCreating(true)}
              onOpen={() => void openDialog()}
              onOpenPath={(p) => void openPath(p)}
            />
          }
        />
      </SessionGate>
    </QueryClientProvider>
  );
}

interface ShellProps {
  info: PracticeFileInfo;
  screen: Screen;
  setScreen: (s: Screen) => void;
  patientLink: { id: number | undefined; n: number };
  setPatientLink: React.Dispatch<React.SetStateAction<{ id: number | undefined; n: number }>>;
  setupLink: { tab: SetupTab; n: number };
  setSetupLink: React.Dispatch<React.SetStateAction<{ tab: SetupTab; n: number }>>;
  setInfo: (i: PracticeFileInfo) => void;
  error: ErrorReport | null;
  setError: (e: ErrorReport | null) => void;
  menu: React.ReactNode;
}

/** The header, the navigation and the screen, for the logged-in user. */
function Shell({ info, screen, setScreen, patientLink, setPatientLink, setupLink, setSetupLink, setInfo, error, setError, menu }: ShellProps) {
  const api = useSession();
  const allowed = api?.session.allowed;
  const nav = NAV.filter((n) => allowed === undefined || n.needs.some((a) => allowed.includes(a)));
  // A screen the role cannot use is not shown (a link from another screen, or another user).
  const shown: Screen = nav.some((n) => n.id === screen) ? screen : (nav[0]?.id ?? "patients");
  const user = api?.session.user ?? null;
  // Each screen (and each fresh visit of it from the navigation) keeps its own unsaved drafts.
  const scope = `${shown}-${shown === "patients" ? patientLink.n : shown === "setup" ? setupLink.n : 0}`;
  return (
    <div className="app">
      <header className="titlebar">
        <span className="brand">ClaimDesk</span>
        <span className="practice-name" data-testid="practice-name">
          {info.practice.name}
        </span>
        {api?.session.demo ? (
          <span className="demo-badge" data-testid="demo-badge" title="Everything in this file is invented: its patients, claims and payments">
            Demo practice: invented data
          </span>
        ) : null}
        <span className="practice-path mono" title={info.path} data-testid="practice-path">
          {info.path}
        </span>
        <span className="spacer" />
        {user && api ? (
          <span className="session-menu" data-testid="session-menu">
            <span className="session-user" data-testid="session-user">
              {user.full_name} <span className="session-role">({user.role_label})</span>
            </span>
            <button type="button" className="btn btn-menu" onClick={api.lock} data-testid="session-lock" title="Lock the screen now (your password unlocks it)">
              Lock
            </button>
            <button type="button" className="btn btn-menu" onClick={api.logOut} data-testid="session-switch-user">
              Switch user
            </button>
            <button type="button" className="btn btn-menu" onClick={api.changePassword} data-testid="session-change-password">
              Change password
            </button>
          </span>
        ) : null}
        {menu}
        <HelpMenu />
      </header>
      <nav className="sidenav" aria-label="Main">
        {nav.map((n) => (
          <button
            key={n.id}
            type="button"
            className={shown === n.id ? "nav-item active" : "nav-item"}
            aria-current={shown === n.id ? "page" : undefined}
            data-testid={n.testid}
            onClick={() => {
              // Another screen (or this one afresh): the unsaved drafts of the last one go.
              clearDrafts();
              if (n.id === "patients") setPatientLink((l) => ({ id: undefined, n: l.n + 1 }));
              if (n.id === "setup") setSetupLink((l) => ({ tab: "practice", n: l.n + 1 }));
              setScreen(n.id);
            }}
          >
            {n.label}
          </button>
        ))}
        <div className="nav-foot muted small">
          {info.patient_count} patients
          <BackupStatusLine
            onOpen={
              nav.some((n) => n.id === "backups")
                ? () => {
                    clearDrafts();
                    setScreen("backups");
                  }
                : undefined
            }
          />
        </div>
      </nav>
      <main className="content" key={info.path}>
        <ErrorBanner report={error} onDismiss={() => setError(null)} />
        <DraftScope name={scope}>
          {shown === "patients" ? <PatientsScreen key={patientLink.n} initialPatientId={patientLink.id} /> : null}
          {shown === "limits" ? (
            <NearLimitScreen
              onOpenPatient={(id) => {
                clearDrafts();
                setPatientLink((l) => ({ id, n: l.n + 1 }));
                setScreen("patients");
              }}
            />
          ) : null}
          {shown === "claims" ? (
            <ClaimsScreen
              onOpenPatient={(id) => {
                clearDrafts();
                setPatientLink((l) => ({ id, n: l.n + 1 }));
                setScreen("patients");
              }}
              onOpenClearinghouseSetup={() => {
                setSetupLink((l) => ({ tab: "electronic", n: l.n + 1 }));
                setScreen("setup");
              }}
            />
          ) : null}
          {shown === "remittances" ? <RemittancesScreen /> : null}
          {shown === "statements" ? <StatementsScreen /> : null}
          {shown === "plans" ? <PlansScreen /> : null}
          {shown === "reports" ? <ReportsScreen /> : null}
          {shown === "fees" ? <FeesScreen /> : null}
          {shown === "setup" ? <SetupScreen key={setupLink.n} info={info} onPracticeSaved={setInfo} initialTab={setupLink.tab} /> : null}
          {shown === "users" ? <UsersScreen /> : null}
          {shown === "audit" ? <AuditScreen /> : null}
          {shown === "backups" ? <BackupsScreen /> : null}
        </DraftScope>
      </main>
    </div>
  );
}

//! The practice file: one SQLite database per practice, and every read and write of it.
//!
//! `Store` is the only code that reads or writes patient data: the desktop shell, the CLI,
//! the demo generator and the tests all go through it (and, for people's work, through the
//! one door in `claimdesk_jobs::door` in front of it); no other crate writes SQL. A file is
//! encrypted at rest (SQLCipher) once its first administrator exists: see `keys` and
//! `Store::encrypt_file`.
//!
//! Every write runs in one transaction (`Store::with_tx`): a refused record, a crash or
//! a power cut leaves the file as it was before the write began.

mod encryption;
mod error;
pub mod fee_csv;
mod file_check;
pub mod files;
mod fingerprint;
pub mod holder;
pub mod keys;
pub mod migrations;
pub mod page;
pub mod patient_csv;
mod queries;
pub mod recent;
mod rows;

/// The statement's own types live in core (the forms crate renders the same snapshot); named
/// here too for the store's callers.
pub use claimdesk_core::statements::{
    MessageLevel, StatementAccount, StatementActivity, StatementAging, StatementSnapshot,
};
/// Who acts and from where, shared with the app and the CLI (defined in the core crate).
pub use claimdesk_core::{Actor, Source};
pub use encryption::{encrypt_practice, open_connection, TableCounts};
pub use error::{ErrorKind, ErrorReport, Result, StoreError};
pub use files::{file_kind, keyring_path, FileKind};
pub use holder::{HolderInfo, PracticeLock, Program};
pub use keys::{DataKey, FailedLogin, Keyring, RecoveryKey, Secret};
pub use page::{Page, PageRequest, LIST_PAGE_MAX};
pub use queries::acknowledgements::{AckRejection, AckReport, ClaimAckInput};
pub use queries::audit::{
    AuditEntry, AuditFilter, AuditNote, AuditPage, Outcome as AuditOutcome, Record, AUDIT_PAGE_MAX,
};
pub use queries::backups::{BackupLogEntry, BackupSettings, NewBackupLog};
pub use queries::bulk::{BulkClaim, BulkCounts, BulkEntry, BulkLine, BulkPosting, BulkPostingKind, BulkVisit};
#[doc(hidden)]
pub use queries::care::{AbnView, CareEpisodeView};
pub use queries::claims::{
    ClaimPage, ClaimQuery, ClaimQueue, ClaimSummary, PayerClaimSettings, ScrubResult, StatusChange, CLAIM_PAGE_MAX,
};
pub use queries::clearinghouses::ControlNumbers;
pub use queries::collections::{CollectionsAccount, CollectionsFilter};
pub use queries::deposits::{Deposit, DepositInput, DepositPayment, PaymentSource};
pub use queries::discounts::PackageSale;
pub use queries::fee_schedule::{FeeFilter, FeeSchedule};
pub use queries::injury_cases::{CaseLedger, CaseLine, InjuryCaseSummary, Settlement, SettlementInput};
pub use queries::ledger::{AccountBalance, ClaimMoney, LedgerEntry, LedgerPage, LEDGER_PAGE_MAX};
pub use queries::patients::SearchOptions;
pub use queries::payments::{AppliedAmount, ApplyTo, PaymentInput, PaymentListed, PaymentMethod, PaymentReceipt};
pub use queries::plan_limits::{NearLimit, VisitInQuestion};
pub use queries::plans::{PlanFilter, PlanInput, PlanPreview, PlanRecordStatus, PlanView, VisitBalance};
pub use queries::printing::PrinterProfile;
pub use queries::remittances::{PostedClaim, PostingException, PostingReport, RemittanceInput};
pub use queries::reports::{
    AgingBy, AgingFilter, AgingReport, AgingRow, DateRange, DaySheet, DaySheetAmounts, DaySheetDay, DaySheetMethod,
    DaySheetUser, DenialPayer, DenialReason, DenialReport, DepositReconciliation, PlanLine, PlanStatusCount,
    PlansReport, ProductivityAmounts, ProductivityReport, ProductivityRow, UnderpaidLine, UnderpaidPayer,
    UnderpaidReport,
};
pub use queries::statements::{
    HeldReason, PracticeContact, RecordedRun, StatementCandidate, StatementFilter, StatementMailing, StatementSummary,
};
pub use queries::users::{actor_of, check_password, NewUser, SecuritySettings, User, PASSWORD_MIN_CHARS};
pub use queries::visits::{VisitPage, VisitSummary, VISIT_PAGE_MAX};

use chrono::NaiveDate;
use claimdesk_core::{Action, ActionKind, Practice};
use queries::audit::Outcome;
use rusqlite::{Connection, OpenFlags, Transaction};
use serde::Serialize;
use std::cell::RefCell;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// An open practice file.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    today: Option<NaiveDate>,
    /// Who is working: set by the one door for each action (`claimdesk_jobs::door`) and
    /// recorded on every posting.
    actor: Actor,
    /// The action the one door is doing: each transaction it commits writes its audit entry.
    action: Option<Action>,
    /// What the action's writes and looks noted for its audit entry (which record, the fields
    /// before and after); taken when the entry is written.
    notes: RefCell<Vec<AuditNote>>,
    /// The data key it was opened with (an encrypted file): backups and files opened beside
    /// it (`open_sibling`) use the same key.
    key: Option<DataKey>,
}

/// A write in progress. Everything done through one `Tx` commits together or not at all.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    today: NaiveDate,
    actor: Actor,
    notes: &'a RefCell<Vec<AuditNote>>,
    /// The door is doing an action: what the write notes goes into its audit entry.
    recording: bool,
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Tx<'_> {
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Who is doing this write (postings record their name).
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Notes what this write changed for the action's audit entry (the first note names the
    /// entry's record). The note is only made when the door is doing an action: the demo
    /// generator's and the store tests' writes record nothing and pay nothing for it.
    pub fn note(&self, note: impl FnOnce() -> AuditNote) {
        if self.recording {
            self.notes.borrow_mut().push(note());
        }
    }
}

/// The operator's name from the environment: USER (Unix) or USERNAME (Windows), else "".
pub fn os_user_name() -> String {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

/// The open practice file, as the title bar and the practice menu show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PracticeFileInfo {
    pub path: String,
    pub practice: Practice,
    pub schema_version: i64,
    pub patient_count: i64,
}

/// One row of an import's report: which row of the file, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RowProblem {
    /// 1-based line number in the file, counting the header as line 1.
    pub row: usize,
    pub field: String,
    pub message: String,
}

/// What an import did. When `rejected` is not empty nothing was imported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub imported: usize,
    pub unchanged: usize,
    pub rejected: Vec<RowProblem>,
}

pub(crate) fn now_utc() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Prepared statements kept per connection: every query the store runs fits.
const STATEMENT_CACHE: usize = 512;

/// Keys a connection (before anything else is read): SQLCipher's raw key, so its own slow
/// derivation does not run again on top of ours. SQLCipher's error log is switched off: a
/// wrong key is reported as our error, not as lines on the terminal.
pub(crate) fn apply_key(conn: &Connection, key: &DataKey) -> Result<()> {
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.execute_batch(&format!("PRAGMA key = {};", key.pragma_value().as_str()))?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<()> {
    // WAL keeps readers and the writer apart; FULL sync makes a committed posting survive a
    // power cut; foreign keys are off by default in SQLite and must be switched on per connection.
    // A 64 MiB page cache keeps a large posting (an 835 of thousands of claims) from spilling
    // to disk in the middle of its transaction.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;
         PRAGMA cache_size = -65536;
         PRAGMA temp_store = MEMORY;",
    )?;
    // rusqlite keeps 16 prepared statements by default; posting one claim alone uses about 30,
    // so the oldest were thrown away and parsed again for every claim of an 835.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // The query planner stability guarantee: a statement keeps the plan it was prepared with.
    // Without it SQLite checks a bound value against each partial index's WHERE clause
    // (`claims_scrubber_errors`, the open-balance indexes) and, when the value is bound again,
    // throws the prepared statement away and parses it anew: half of posting an 835 was spent
    // re-preparing cached statements. Our partial indexes are chosen by literal conditions.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// A connection to a file opened only to be read (a backup): no journal mode is set, so
/// nothing is written to it or beside it.
fn configure_read_only(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA query_only = ON; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

impl Store {
    /// Creates a new practice file at `path` with its practice record. Refuses to touch an
    /// existing file. The file appears complete or not at all (written under a temporary
    /// name, then renamed).
    pub fn create(path: &Path, practice: &Practice) -> Result<Store> {
        Self::create_at_version(path, practice, migrations::latest_version())
    }

    /// Creates a file with only the migrations up to `version` applied: what an older
    /// ClaimDesk would have made. For tests of upgrades; the file is left at that version.
    pub fn create_at_version(path: &Path, practice: &Practice, version: i64) -> Result<Store> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        let practice = practice.validated()?;
        let tmp = path.with_extension("creating");
        let _ = std::fs::remove_file(&tmp);
        {
            let mut conn = Connection::open(&tmp)?;
            conn.execute_batch("PRAGMA journal_mode = DELETE;")?;
            Self::initialize(&mut conn, version, &practice)?;
        }
        std::fs::rename(&tmp, path)?;
        Store::open_at_version(path, version)
    }

    /// Opens an existing unencrypted practice file, bringing an older one up to date. An
    /// encrypted one needs its key: [`Store::open_encrypted`].
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, None, migrations::latest_version())
    }

    /// Opens an encrypted practice file with its data key (unwrapped from the key file by a
    /// login: `Keyring::unlock`), bringing an older one up to date.
    pub fn open_encrypted(path: &Path, key: &DataKey) -> Result<Store> {
        Self::open_with(path, Some(key), migrations::latest_version())
    }

    /// Opens a file migrating only up to `version`: lets tests make files as an older
    /// ClaimDesk would have left them.
    pub fn open_at_version(path: &Path, version: i64) -> Result<Store> {
        Self::open_with(path, None, version)
    }

    fn open_with(path: &Path, key: Option<&DataKey>, version: i64) -> Result<Store> {
        // Refuses what cannot be a practice file before SQLite touches it (file_check.rs).
        file_check::looks_like_practice_file(path)?;
        if !path.is_file() {
            return Err(StoreError::NotFound(format!("practice file {}", path.display())));
        }
        if key.is_none() && file_kind(path)? == FileKind::Encrypted {
            return Err(StoreError::LoggedOut("This practice file is encrypted: log in to open it".into()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)?;
        if let Some(key) = key {
            apply_key(&conn, key)?;
        }
        // A file that is not SQLite at all (or a key that does not open it) fails on the first read.
        let is_ours = migrations::is_practice_file(&conn).map_err(|_| match key {
            Some(_) => StoreError::KeyFile("The key file's key does not open this practice file".into()),
            None => StoreError::NotAPracticeFile(path.to_path_buf()),
        })?;
        if !is_ours || !migrations::has_practice(&conn)? {
            return Err(StoreError::NotAPracticeFile(path.to_path_buf()));
        }
        configure(&conn)?;
        migrations::migrate_to(&mut conn, Some(path), version)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            today: None,
            actor: Actor::user(&os_user_name(), Source::App),
            action: None,
            notes: RefCell::default(),
            key: key.cloned(),
        })
    }

    /// A practice in memory: for tests and throwaway runs.
    pub fn open_in_memory(practice: &Practice) -> Result<Store> {
        let practice = practice.validated()?;
        let mut conn = Connection::open_in_memory()?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Self::initialize(&mut conn, migrations::latest_version(), &practice)?;
        Ok(Store {
            conn,
            path: None,
            today: None,
            actor: Actor::user(&os_user_name(), Source::App),
            action: None,
            notes: RefCell::default(),
            key: None,
        })
    }

    fn initialize(conn: &mut Connection, version: i64, practice: &Practice) -> Result<()> {
        conn.execute_batch(&format!("PRAGMA application_id = {};", migrations::APPLICATION_ID))?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        migrations::migrate_to(conn, None, version)?;
        let tx = conn.transaction()?;
        queries::practice::insert(&tx, practice)?;
        tx.commit()?;
        Ok(())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        migrations::applied_version(&self.conn)
    }

    /// Fixes "today" (for tests and reproducible demo data); otherwise the local date.
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = Some(today);
    }

    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Runs `f` with "today" fixed to `day`, then puts the store's own date back: for
    /// generating back-dated history (the demo's payments, plans and statement runs) through
    /// the ordinary `Store` methods.
    pub fn as_of<T>(&mut self, day: NaiveDate, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let saved = self.today.replace(day);
        let value = f(self);
        self.today = saved;
        value
    }

    /// Who is working: the one door sets it for each action; every write that does not name
    /// its actor (setup lists, settings) is done by this one. Until then it is the OS login.
    pub fn set_actor(&mut self, actor: &Actor) {
        self.actor = actor.clone();
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The action the one door is doing from now on (None: none; the store's own tests and
    /// the demo generator write without one, and leave no audit entries).
    pub fn set_action(&mut self, action: Option<Action>) {
        self.action = action;
        self.notes.borrow_mut().clear();
    }

    /// Notes a record the action looked at, printed or exported (its audit entry names it);
    /// made only when the door is doing an action.
    pub fn note(&self, note: impl FnOnce() -> AuditNote) {
        if self.action.is_some() {
            self.notes.borrow_mut().push(note());
        }
    }

    /// What the action noted so far, taken (the door writes a look's entry from it).
    pub fn take_notes(&self) -> Vec<AuditNote> {
        std::mem::take(&mut *self.notes.borrow_mut())
    }

    /// Runs `f` in one transaction: it commits when `f` returns Ok, and rolls back otherwise.
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let actor = self.actor.clone();
        self.with_tx_by(&actor, f)
    }

    /// Like `with_tx`, done by `actor` (who posts, from where) rather than the store's.
    pub fn with_tx_by<T>(&mut self, actor: &Actor, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let today = self.today();
        self.commit_tx(today, actor.clone(), f)
    }

    /// Opens a transaction for `actor` on `today`, runs `f`, writes the action's audit entry
    /// into it and commits (nothing commits when `f` fails).
    fn commit_tx<T>(&mut self, today: NaiveDate, actor: Actor, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let action = self.action;
        let tx = self.begin(today, actor)?;
        let value = f(&tx)?;
        Self::record_action(&tx, action)?;
        tx.tx.commit()?;
        Ok(value)
    }

    fn begin(&mut self, today: NaiveDate, actor: Actor) -> Result<Tx<'_>> {
        Ok(Tx { tx: self.conn.transaction()?, today, actor, notes: &self.notes, recording: self.action.is_some() })
    }

    /// Writes the audit entry of the door's write action into the transaction that does it, so
    /// the change and its record commit together: one entry, naming the first record noted,
    /// with every note's fields before and after.
    fn record_action(tx: &Tx, action: Option<Action>) -> Result<()> {
        let Some(action) = action.filter(|a| a.kind() == ActionKind::Write) else {
            return Ok(());
        };
        let notes = std::mem::take(&mut *tx.notes.borrow_mut());
        let note = queries::audit::merge(notes);
        queries::audit::append(tx, &tx.actor, action.name(), Outcome::Done, &note, chrono::Utc::now())?;
        Ok(())
    }

    /// Like `with_tx`, but the transaction's "today" (future-date and timely-filing checks,
    /// scrubbing) is `today` instead of the store's: for generating back-dated demo data
    /// without changing the open store's own date.
    pub fn with_tx_as_of<T>(&mut self, today: NaiveDate, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let actor = self.actor.clone();
        self.commit_tx(today, actor, f)
    }

    /// Runs `f` in a transaction that is always rolled back: a preview of a write, made by
    /// the very code that would do it.
    pub fn with_rollback<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let actor = self.actor.clone();
        self.with_rollback_by(&actor, f)
    }

    /// Like `with_rollback`, done by `actor`.
    pub fn with_rollback_by<T>(&mut self, actor: &Actor, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let today = self.today();
        let tx = self.begin(today, actor.clone())?;
        let value = f(&tx);
        // A preview changes nothing: what it noted is not the action's.
        tx.notes.borrow_mut().clear();
        tx.tx.rollback()?;
        value
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Hands `f` the text of every statement this store runs from now on (as prepared, with
    /// its `?` placeholders; a trigger's body shows as `-- TRIGGER name`), or stops with `None`.
    /// Only for the query-plan test, which EXPLAINs each of them.
    #[cfg(feature = "statement-trace")]
    pub fn trace_statements<F: FnMut(&str) + Send + 'static>(&mut self, f: Option<F>) -> Result<()> {
        use rusqlite::trace::{TraceEvent, TraceEventCodes};
        match f {
            Some(mut f) => self.conn.trace_v2(
                TraceEventCodes::SQLITE_TRACE_STMT,
                Some(move |event: TraceEvent<'_>| {
                    if let TraceEvent::Stmt(stmt, _) = event {
                        f(&stmt.sql());
                    }
                }),
            )?,
            None => self.conn.trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, None::<fn(TraceEvent<'_>)>)?,
        }
        Ok(())
    }

    /// What the practice menu shows about the open file.
    pub fn info(&self) -> Result<PracticeFileInfo> {
        Ok(PracticeFileInfo {
            path: self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
            practice: self.practice()?,
            schema_version: self.schema_version()?,
            patient_count: self.count_patients()?,
        })
    }

    /// Checks the file's integrity (SQLite's own check, foreign keys, and the audit trail's
    /// hash chain). Empty = healthy.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let fk = stmt.query_map([], |r| {
            Ok(format!("{} row {} breaks a reference", r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in fk {
            problems.push(row?);
        }
        if self.schema_version()? >= 13 {
            problems.extend(self.audit_chain_problem()?);
        }
        Ok(problems)
    }
}

//! The one door to a practice file. Every action of the desktop app (each Tauri command) and
//! of the command line (each subcommand) passes through `Door::act` (or `pass`, for the few
//! that touch no practice file) naming what it does (`Action`). The door knows who is doing it
//! (the user logged in to this file), asks the roles table whether they may
//! (`claimdesk_core::roles`), and has the audit trail record it: a change in the transaction
//! that makes it, a look at patient data right after, a refusal on its own.
//!
//! `tests/door.rs` reads the shell's command list and the CLI's subcommands and fails when
//! one of them does not come through here; `tests/roles.rs` tries every action with every role.

use claimdesk_core::{Action, ActionKind, Actor, Area, Practice, Source};
use claimdesk_store::{
    actor_of, os_user_name, AuditNote, AuditOutcome, NewUser, SecuritySettings, Store, StoreError, User,
};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use ts_rs::TS;

/// Who is logged in to the open file, and whether their screen is locked.
struct Session {
    user: User,
    actor: Actor,
    locked: bool,
    last_seen: Instant,
}

/// The logged-in user as the app shows them: who, their role, what they may do, and the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SessionInfo {
    /// No users yet: the file's first administrator must be created before anything else.
    pub needs_administrator: bool,
    /// The logged-in user (None: the login screen).
    pub user: Option<User>,
    pub locked: bool,
    /// The user must choose a new password (an administrator reset it) before working.
    pub must_change_password: bool,
    /// Every action the user's role allows: the app hides or disables the rest.
    pub allowed: Vec<Action>,
    /// Lock the screen after this many idle minutes.
    pub lock_after_minutes: u32,
    /// A demo practice (invented data): the login screen shows the demo logins.
    pub demo: bool,
}

/// One of the demo practice's logins, as its login screen shows them (invented, the same in
/// every demo file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DemoLogin {
    pub login: String,
    /// The role as the app shows it ("Front desk").
    pub role: String,
    pub password: String,
}

/// An open practice file, reachable only through [`Door::act`].
pub struct Door {
    store: Store,
    session: Option<Session>,
    /// The system's own work (the demo generator, tests of jobs): every action, no login.
    system: Option<Actor>,
    /// Where this door's work comes from (the app or the command line).
    source: Source,
}

/// Areas a locked or not-yet-logged-in session may still use.
fn before_login(action: Action) -> bool {
    matches!(action.area(), Area::PracticeFile | Area::FirstRun)
        || matches!(
            action,
            Action::SessionCurrent
                | Action::SessionLogIn
                | Action::SessionUnlock
                | Action::SessionLogOut
                | Action::RolesList
        )
}

impl Door {
    /// Opens an existing practice file (migrating it when it is from an older ClaimDesk). No
    /// one is logged in yet.
    pub fn open(path: &Path) -> Result<Door, StoreError> {
        Ok(Door { store: Store::open(path)?, session: None, system: None, source: Source::App })
    }

    /// Creates a new practice file with its practice record. Its first administrator is
    /// created next ([`Door::create_administrator`]).
    pub fn create(path: &Path, practice: &Practice) -> Result<Door, StoreError> {
        Ok(Door { store: Store::create(path, practice)?, session: None, system: None, source: Source::App })
    }

    /// A practice file another part of ClaimDesk made (the demo generator) behind the door,
    /// waiting for a login.
    pub fn from_store(store: Store) -> Door {
        Door { store, session: None, system: None, source: Source::App }
    }

    /// ClaimDesk's own work on a file (the demo generator's history, tests of the jobs): every
    /// action is the system's. Never for a person's work.
    pub fn as_system(mut store: Store, source: Source) -> Door {
        let actor = Actor::system(source);
        store.set_actor(&actor);
        Door { store, session: None, system: Some(actor), source }
    }

    /// Work through this door comes from `source` (the app unless the CLI says so).
    pub fn from_source(mut self, source: Source) -> Door {
        self.source = source;
        self
    }

    /// The logged-in user working now (None: nobody, or the screen is locked).
    pub fn actor(&self) -> Option<Actor> {
        match (&self.system, &self.session) {
            (Some(system), _) => Some(system.clone()),
            (None, Some(s)) if !s.locked => Some(s.actor.clone()),
            _ => None,
        }
    }

    /// The file's path (None for an in-memory practice in tests).
    pub fn path(&self) -> Option<PathBuf> {
        self.store.path().map(Path::to_path_buf)
    }

    /// Whether the file still needs its first administrator.
    pub fn needs_administrator(&self) -> Result<bool, StoreError> {
        Ok(!self.store.has_users()?)
    }

    /// Creates the file's first administrator (refused once it has users) and logs them in.
    pub fn create_administrator(&mut self, new: &NewUser, source: Source) -> Result<User, StoreError> {
        let user = self.store.create_first_administrator(new, source)?;
        self.start_session(user.clone(), source);
        Ok(user)
    }

    /// Logs `login` in (a wrong password is audited and slows the next tries).
    pub fn log_in(&mut self, login: &str, password: &str, source: Source) -> Result<User, StoreError> {
        if self.needs_administrator()? {
            return Err(StoreError::LoggedOut(
                "This practice file has no users yet: create its administrator first".into(),
            ));
        }
        let user = self.store.log_in(login, password, source, chrono::Utc::now())?;
        self.start_session(user.clone(), source);
        Ok(user)
    }

    fn start_session(&mut self, user: User, source: Source) {
        let actor = actor_of(&user, source);
        self.store.set_actor(&actor);
        self.session = Some(Session { user, actor, locked: false, last_seen: Instant::now() });
    }

    /// Ends the session (audited); the file stays open on the login screen.
    pub fn log_out(&mut self) -> Result<(), StoreError> {
        if let Some(s) = self.session.take() {
            self.store.audit_event(&s.actor, "log_out", AuditOutcome::Done, &AuditNote::default())?;
        }
        Ok(())
    }

    /// Locks the screen (audited): nothing passes until the password unlocks it.
    pub fn lock(&mut self, why: &str) -> Result<(), StoreError> {
        let Some(s) = self.session.as_mut().filter(|s| !s.locked) else {
            return Ok(());
        };
        s.locked = true;
        let actor = s.actor.clone();
        self.store.audit_event(&actor, "lock", AuditOutcome::Done, &AuditNote::default().with_note(why))?;
        Ok(())
    }

    /// Unlocks with the logged-in user's password (a wrong one is audited).
    pub fn unlock(&mut self, password: &str) -> Result<(), StoreError> {
        let Some(actor) = self.session.as_ref().map(|s| s.actor.clone()) else {
            return Err(StoreError::LoggedOut("Log in first".into()));
        };
        if !self.store.verify_password(&actor, password)? {
            self.store.audit_event(&actor, "unlock", AuditOutcome::Failed, &AuditNote::default())?;
            return Err(StoreError::invalid("password", "That password is not right"));
        }
        self.store.audit_event(&actor, "unlock", AuditOutcome::Done, &AuditNote::default())?;
        if let Some(s) = self.session.as_mut() {
            s.locked = false;
            s.last_seen = Instant::now();
        }
        Ok(())
    }

    /// The user is still at work (typing in a form sends no command): keeps the lock away.
    pub fn touch(&mut self) {
        if let Some(s) = self.session.as_mut().filter(|s| !s.locked) {
            s.last_seen = Instant::now();
        }
    }

    /// The session as the app shows it.
    pub fn session(&self) -> Result<SessionInfo, StoreError> {
        let settings = self.store.security_settings()?;
        let needs_administrator = self.needs_administrator()?;
        let demo = self.store.is_demo()?;
        Ok(match &self.session {
            Some(s) => SessionInfo {
                needs_administrator,
                user: Some(s.user.clone()),
                locked: s.locked,
                must_change_password: s.user.must_change_password,
                allowed: s.user.role.allowed(),
                lock_after_minutes: settings.lock_after_minutes,
                demo,
            },
            None => SessionInfo {
                needs_administrator,
                user: None,
                locked: false,
                must_change_password: false,
                allowed: Vec::new(),
                lock_after_minutes: settings.lock_after_minutes,
                demo,
            },
        })
    }

    /// The actor of the session (or the system), after the lock and idle checks.
    fn current_actor(&mut self, action: Action) -> Result<Actor, StoreError> {
        if let Some(system) = &self.system {
            return Ok(system.clone());
        }
        let lock_after = Duration::from_secs(u64::from(self.store.security_settings()?.lock_after_minutes) * 60);
        let Some(s) = self.session.as_mut() else {
            if before_login(action) {
                return Ok(Actor::user("", self.source));
            }
            return Err(StoreError::LoggedOut("Log in to this practice file first".into()));
        };
        if !s.locked && s.last_seen.elapsed() > lock_after {
            self.lock("idle")?;
        }
        let s = self.session.as_mut().expect("checked above");
        if s.locked && !before_login(action) {
            return Err(StoreError::LoggedOut("The screen is locked: enter your password to go on".into()));
        }
        if s.user.must_change_password && !matches!(action.area(), Area::Session | Area::PracticeFile) {
            return Err(StoreError::LoggedOut(
                "Choose a new password before going on (an administrator reset it)".into(),
            ));
        }
        s.last_seen = Instant::now();
        Ok(s.actor.clone())
    }

    /// Does `action` as the logged-in user, if their role allows it: `f` gets the practice file,
    /// with every write it makes attributed to them and recorded in the audit trail.
    pub fn act<T, E>(&mut self, action: Action, f: impl FnOnce(&mut Store, &Actor) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let actor = self.current_actor(action)?;
        if let Err(refusal) = admit(&actor, action) {
            self.store.audit_event(&actor, action.name(), AuditOutcome::Refused, &AuditNote::default())?;
            return Err(refusal.into());
        }
        self.store.set_actor(&actor);
        self.store.set_action(Some(action));
        let result = f(&mut self.store, &actor);
        let notes = self.store.take_notes();
        self.store.set_action(None);
        if result.is_ok() && action.kind() == ActionKind::Disclose {
            let note = notes.into_iter().next().unwrap_or_default();
            self.store.audit_event(&actor, action.name(), AuditOutcome::Done, &note)?;
        }
        result
    }

    /// A user changes their own password (also the forced change after a reset).
    pub fn change_password(&mut self, current: &str, new: &str) -> Result<User, StoreError> {
        let user = self.act(Action::PasswordChange, |s, actor| {
            let id = actor.user_id().ok_or_else(|| StoreError::LoggedOut("Log in first".into()))?;
            s.with_tx(|tx| tx.change_password(id, current, new))
        })?;
        if let Some(s) = self.session.as_mut() {
            s.user = user.clone();
        }
        Ok(user)
    }

    /// Restores `backup` over the open file (`backups::restore_open`: verified first, the
    /// replaced file kept aside, audited in both). The restored file's users and passwords are
    /// the backup's, so the session ends: whoever restored logs in again.
    pub fn restore(&mut self, backup: &Path) -> Result<crate::backups::RestoreReport, crate::JobError> {
        let report =
            self.act(Action::BackupRestore, |s, _| crate::backups::restore_open(s, backup, chrono::Utc::now()))?;
        self.session = None;
        Ok(report)
    }

    /// ClaimDesk's own backup of the open file (on closing the practice, and once a day while
    /// it is open): taken whoever is logged in, or nobody, when a backup folder is set;
    /// `only_if_due` skips it when the last verified backup is less than a day old. None: no
    /// folder set, or not due. A failed backup is logged in the file (the home screen shows it).
    pub fn automatic_backup(
        &mut self,
        only_if_due: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Option<crate::backups::BackupReport>, crate::JobError> {
        let now = chrono::Utc::now();
        if self.store.path().is_none() || self.store.backup_settings()?.folder.is_empty() {
            return Ok(None);
        }
        if only_if_due && !crate::backups::backup_due(&self.store, now)? {
            return Ok(None);
        }
        let folder = crate::backups::backup_folder(&self.store, None)?;
        let saved = self.store.actor().clone();
        self.store.set_actor(&Actor::system(self.source));
        let report = crate::backups::take_backup(&mut self.store, &folder, now, progress);
        self.store.set_actor(&saved);
        report.map(Some)
    }

    /// The security settings (idle lock), as the administrator saves them.
    pub fn save_security_settings(&mut self, settings: &SecuritySettings) -> Result<SecuritySettings, StoreError> {
        self.act(Action::SecuritySettingsSave, |s, _| s.with_tx(|tx| tx.save_security_settings(settings)))
    }
}

/// Does an action that touches no practice file (the recent-files list, a suggested path, a
/// fixed code list, opening a PDF) through the same door. `actor` is the logged-in user when
/// a file is open (None before anyone logs in: only choosing a file passes then).
pub fn pass<T, E>(actor: Option<&Actor>, action: Action, f: impl FnOnce() -> Result<T, E>) -> Result<T, E>
where
    E: From<StoreError>,
{
    match actor {
        Some(a) => admit(a, action)?,
        None if before_login(action) => {}
        None => return Err(StoreError::LoggedOut("Log in to a practice file first".into()).into()),
    }
    f()
}

/// The person at this computer, working from `source`, before they log in to a file: their
/// operating-system login names them in the demo generator's messages, never in the ledger.
pub fn operator(source: Source) -> Actor {
    Actor::user(&os_user_name(), source)
}

/// Whether `actor` may do `action`: the system may do anything; a person by their role.
fn admit(actor: &Actor, action: Action) -> Result<(), StoreError> {
    if actor.who == claimdesk_core::Who::System {
        return Ok(());
    }
    match actor.role() {
        Some(role) if role.may(action) => Ok(()),
        Some(role) => Err(StoreError::NotAllowed(format!(
            "A {} user may not do this ({}); ask an administrator",
            role.label().to_lowercase(),
            action.area().label().to_lowercase()
        ))),
        None if before_login(action) => Ok(()),
        None => Err(StoreError::LoggedOut("Log in to this practice file first".into())),
    }
}

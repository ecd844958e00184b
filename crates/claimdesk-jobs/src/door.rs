//! The one door to a practice file. Every action of the desktop app (each Tauri command) and
//! of the command line (each subcommand) passes through `Door::act` (or `pass`, for the few
//! that touch no practice file) naming what it does (`Action`). The door knows who is doing it
//! (the user logged in to this file), asks the roles table whether they may
//! (`claimdesk_core::roles`), and has the audit trail record it: a change in the transaction
//! that makes it, a look at patient data right after, a refusal on its own.
//!
//! The door is also where a practice file is held (`claimdesk_store::holder`): no two
//! programs change the same file at once. The app holds its file for as long as it is open
//! ([`Door::hold`]); the command line takes it only on its first change ([`Door::holding_as`]),
//! so looking things up and logging in never wait for the app.
//!
//! `tests/door.rs` reads the shell's command list and the CLI's subcommands and fails when
//! one of them does not come through here; `tests/roles.rs` tries every action with every role.

use claimdesk_core::Role;
use claimdesk_core::{Action, ActionKind, Actor, Area, Practice, Source};
use claimdesk_store::{
    actor_of, check_password, encrypt_practice, file_kind, os_user_name, AuditNote, AuditOutcome, FileKind, HolderInfo,
    Keyring, NewUser, PracticeFileInfo, PracticeLock, Program, RecoveryKey, Secret, SecuritySettings, Store,
    StoreError, User,
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
    /// The file is encrypted at rest (it becomes so when its first administrator logs in).
    pub encrypted: bool,
    /// The recovery key made when the file was encrypted is waiting to be printed: the app
    /// shows the recovery sheet before anything else.
    pub recovery_sheet_pending: bool,
    /// Active users who cannot log in to the encrypted file until an administrator sets them
    /// a new password (the file was encrypted when only the administrator's password was
    /// known). Listed for administrators only.
    pub users_without_key: Vec<String>,
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
    /// None while an encrypted file waits for a login: its key is still wrapped in the key
    /// file, and nothing of it can be read.
    store: Option<Store>,
    path: Option<PathBuf>,
    /// Made when the file was encrypted; kept until the administrator has printed it.
    new_recovery_key: Option<RecoveryKey>,
    session: Option<Session>,
    /// The system's own work (the demo generator, tests of jobs): every action, no login.
    system: Option<Actor>,
    /// Where this door's work comes from (the app or the command line).
    source: Source,
    /// This door's hold on the file: kept until the door is dropped.
    lock: Option<PracticeLock>,
    /// Who this door takes the file as on its first change, when it does not hold it yet.
    /// None: it takes no lock of its own accord (the app holds its file with `hold`; tests).
    holding_as: Option<Holding>,
}

/// How a door takes its file on its first change (the command line's way).
struct Holding {
    program: Program,
    wait: Option<Duration>,
    on_wait: WaitNotice,
}

/// Told once who holds the file, when a door waits for it (the CLI says so on stderr).
type WaitNotice = Box<dyn FnMut(Option<&HolderInfo>) + Send>;

/// Areas a locked or not-yet-logged-in session may still use.
fn before_login(action: Action) -> bool {
    matches!(action.area(), Area::PracticeFile | Area::FirstRun)
        || matches!(
            action,
            Action::SessionCurrent
                | Action::SessionLogIn
                | Action::SessionRecover
                | Action::SessionUnlock
                | Action::SessionLogOut
                | Action::RolesList
        )
}

impl Door {
    /// Opens an existing practice file (migrating it when it is from an older ClaimDesk). No
    /// one is logged in yet.
    ///
    /// An encrypted file stays closed until someone logs in (the login unwraps its key); an
    /// unencrypted one is encrypted when its administrator logs in. Anything else at `path`
    /// (another program's file, a folder) is refused and left as it was.
    pub fn open(path: &Path) -> Result<Door, StoreError> {
        let store = match file_kind(path)? {
            FileKind::Encrypted => {
                Keyring::load(path)?;
                None
            }
            FileKind::Plain => Some(Store::open(path)?),
            FileKind::NotPractice if !path.exists() => {
                return Err(StoreError::NotFound(format!("practice file {}", path.display())))
            }
            FileKind::NotPractice => return Err(StoreError::NotAPracticeFile(path.to_path_buf())),
        };
        Ok(Door::new(store, Some(path.to_path_buf()), Source::App))
    }

    /// Opens `path` held by `program` from the start (the app, for as long as the file is open
    /// in it): the hold is taken before anything reads or upgrades the file. Another program
    /// holding it is refused, named.
    pub fn open_held(path: &Path, program: Program) -> Result<Door, StoreError> {
        // A missing or foreign file is refused as such, before a lock file is made beside it.
        if matches!(file_kind(path)?, FileKind::NotPractice) {
            return Door::open(path);
        }
        let lock = PracticeLock::acquire(path, program, None, &mut |_| {})?;
        let mut door = Door::open(path)?;
        door.lock = Some(lock);
        Ok(door)
    }

    fn new(store: Option<Store>, path: Option<PathBuf>, source: Source) -> Door {
        Door { store, path, new_recovery_key: None, session: None, system: None, source, lock: None, holding_as: None }
    }

    /// Creates a new practice file with its practice record, held by the app from the start.
    /// Its first administrator is created next ([`Door::create_administrator`]).
    pub fn create(path: &Path, practice: &Practice) -> Result<Door, StoreError> {
        let mut door = Door::new(Some(Store::create(path, practice)?), Some(path.to_path_buf()), Source::App);
        door.hold(Program::App, None)?;
        Ok(door)
    }

    /// Holds the file now, as `program`, until the door is dropped: the app does this as soon
    /// as it opens a file. Another program holding it is refused (a `Conflict` naming it), or
    /// waited for up to `wait`.
    pub fn hold(&mut self, program: Program, wait: Option<Duration>) -> Result<(), StoreError> {
        self.hold_with(program, wait, &mut |_| {})
    }

    fn hold_with(
        &mut self,
        program: Program,
        wait: Option<Duration>,
        on_wait: &mut dyn FnMut(Option<&HolderInfo>),
    ) -> Result<(), StoreError> {
        // An in-memory practice has no file to share.
        let Some(path) = self.path.as_deref().filter(|_| self.lock.is_none()) else { return Ok(()) };
        self.lock = Some(PracticeLock::acquire(path, program, wait, on_wait)?);
        Ok(())
    }

    /// This door takes the file as `program` on its first change (waiting up to `wait` for
    /// another program to finish, telling `on_wait` once who that is), and keeps it until it is
    /// dropped: the command line's way, so its look-ups never wait for the app.
    pub fn holding_as(
        mut self,
        program: Program,
        wait: Option<Duration>,
        on_wait: impl FnMut(Option<&HolderInfo>) + Send + 'static,
    ) -> Door {
        self.holding_as = Some(Holding { program, wait, on_wait: Box::new(on_wait) });
        self
    }

    /// Who holds the file through this door (None: it does not hold it).
    pub fn held_as(&self) -> Option<&HolderInfo> {
        self.lock.as_ref().map(PracticeLock::holder)
    }

    /// Holds the file before a change, if this door takes it on its first change.
    fn hold_for_change(&mut self) -> Result<(), StoreError> {
        if self.lock.is_some() {
            return Ok(());
        }
        let Some(mut holding) = self.holding_as.take() else { return Ok(()) };
        let held = self.hold_with(holding.program.clone(), holding.wait, &mut *holding.on_wait);
        self.holding_as = Some(holding);
        held
    }

    /// A practice file another part of ClaimDesk made (the demo generator) behind the door,
    /// waiting for a login.
    pub fn from_store(store: Store) -> Door {
        let path = store.path().map(Path::to_path_buf);
        Door::new(Some(store), path, Source::App)
    }

    /// ClaimDesk's own work on a file (the demo generator's history, tests of the jobs): every
    /// action is the system's. Never for a person's work.
    pub fn as_system(mut store: Store, source: Source) -> Door {
        let actor = Actor::system(source);
        store.set_actor(&actor);
        let path = store.path().map(Path::to_path_buf);
        Door { system: Some(actor), ..Door::new(Some(store), path, source) }
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
        self.path.clone()
    }

    fn store(&self) -> Result<&Store, StoreError> {
        self.store.as_ref().ok_or_else(|| StoreError::LoggedOut("Log in to this practice file first".into()))
    }

    fn store_mut(&mut self) -> Result<&mut Store, StoreError> {
        self.store.as_mut().ok_or_else(|| StoreError::LoggedOut("Log in to this practice file first".into()))
    }

    /// The open file as the title bar shows it. An encrypted file nobody has logged in to
    /// shows only its file name: its practice record cannot be read yet.
    pub fn info(&mut self) -> Result<PracticeFileInfo, StoreError> {
        if self.store.is_some() {
            return self.act(Action::PracticeCurrent, |s, _| s.info());
        }
        let path = self.path.clone().unwrap_or_default();
        let name = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(PracticeFileInfo {
            path: path.display().to_string(),
            practice: Practice {
                name,
                billing_entity: claimdesk_core::BillingEntity::Group,
                npi: String::new(),
                tax_id: String::new(),
                tax_id_kind: claimdesk_core::TaxIdKind::Ein,
                taxonomy: String::new(),
                address: Default::default(),
                phone: String::new(),
                contact_name: String::new(),
                email: String::new(),
            },
            schema_version: 0,
            patient_count: 0,
        })
    }

    /// Whether the file still needs its first administrator.
    pub fn needs_administrator(&self) -> Result<bool, StoreError> {
        match &self.store {
            // An encrypted file has its administrator (and a key file naming who may log in).
            None => Ok(false),
            Some(store) => Ok(!store.has_users()?),
        }
    }

    /// Creates the file's first administrator (refused once it has users), encrypts the file
    /// (its recovery key waits to be printed: [`Door::take_recovery_key`]) and logs them in.
    pub fn create_administrator(&mut self, new: &NewUser, source: Source) -> Result<User, StoreError> {
        self.hold_for_change()?;
        let user = self.store_mut()?.create_first_administrator(new, source)?;
        self.encrypt(&[(user.login.as_str(), new.password.as_str())], false)?;
        self.start_session(user.clone(), source);
        Ok(user)
    }

    /// Logs `login` in (a wrong password is audited and slows the next tries). For an
    /// encrypted file the password first unwraps the file's key; an unencrypted file is
    /// encrypted when an administrator logs in.
    pub fn log_in(&mut self, login: &str, password: &str, source: Source) -> Result<User, StoreError> {
        let sealed = self.store.is_none();
        if sealed {
            self.unseal(login, password, source)?;
        } else if self.needs_administrator()? {
            return Err(StoreError::LoggedOut(
                "This practice file has no users yet: create its administrator first".into(),
            ));
        }
        let user = match self.store_mut()?.log_in(login, password, source, chrono::Utc::now()) {
            Ok(user) => user,
            Err(refused) => {
                if sealed {
                    // The key file took a password the file does not (a password change a crash
                    // interrupted): close again, forgetting the key.
                    self.store = None;
                }
                return Err(refused);
            }
        };
        if self.store()?.is_encrypted() {
            // The key file keeps only the wrapping this confirmed password opens.
            settle(self.store()?, login.trim(), password)?;
        } else if user.role == Role::Administrator && self.may_convert()? {
            self.encrypt(&[(user.login.as_str(), password)], false)?;
        }
        self.start_session(user.clone(), source);
        Ok(user)
    }

    /// Opens an encrypted file with the key `login`'s password unwraps. A wrong password is
    /// counted in the key file (slowing the next tries) and copied into the audit trail at the
    /// next login.
    fn unseal(&mut self, login: &str, password: &str, source: Source) -> Result<(), StoreError> {
        self.unseal_with(&Secret::Password { login, password }, source)
    }

    fn unseal_with(&mut self, secret: &Secret, source: Source) -> Result<(), StoreError> {
        let path = self.path.clone().ok_or_else(|| StoreError::NotFound("practice file".into()))?;
        let mut ring = Keyring::load(&path)?;
        let key = match ring.unlock(secret, chrono::Utc::now()) {
            Ok(key) => key,
            Err(refused) => {
                ring.save(&path)?;
                return Err(refused);
            }
        };
        let mut store = Store::open_encrypted(&path, &key)?;
        let failed_logins = ring.take_failed_logins();
        let mut changed = !failed_logins.is_empty();
        for failed in failed_logins {
            let note = AuditNote::default().with_note(format!("{} at {}", failed.why, failed.at));
            store.audit_event(&Actor::user(&failed.login, source), "log_in", AuditOutcome::Failed, &note)?;
        }
        if let Secret::Password { login, .. } = secret {
            changed |= ring.clear_failures(login);
        }
        // Written only when something changed: most logins leave the key file as it was.
        if changed {
            ring.save(&path)?;
        }
        self.store = Some(store);
        Ok(())
    }

    /// Whether this door may convert the file now (encrypting it rewrites the whole file): it
    /// holds it, or takes it at once. Logging in waits for nobody: when another program has the
    /// file, it stays unencrypted until an administrator's next login.
    fn may_convert(&mut self) -> Result<bool, StoreError> {
        if self.lock.is_some() || self.holding_as.is_none() {
            return Ok(true);
        }
        let program = self.holding_as.as_ref().map(|h| h.program.clone()).expect("checked above");
        match self.hold_with(program, None, &mut |_| {}) {
            Ok(()) => Ok(true),
            Err(StoreError::Conflict(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Encrypts the open unencrypted file: a new data key, wrapped for `passwords` and for a
    /// new recovery key, then the file converted in place and opened again with the key.
    fn encrypt(&mut self, passwords: &[(&str, &str)], demo: bool) -> Result<(), StoreError> {
        let Some(path) = self.path.clone() else { return Ok(()) };
        let (actor, today) = match &self.store {
            Some(s) => (s.actor().clone(), s.today()),
            None => return Ok(()),
        };
        // The file is converted closed: this door's connection goes first.
        self.store = None;
        let recovery = encrypt_practice(&path, passwords, demo)?;
        let mut store = Store::open_encrypted(&path, &recovery.1)?;
        store.set_actor(&actor);
        store.set_today(today);
        store.audit_event(&actor, "file_encrypt", AuditOutcome::Done, &AuditNote::default())?;
        self.store = Some(store);
        self.new_recovery_key = Some(recovery.0);
        Ok(())
    }

    /// The recovery key made when this file was encrypted, once (the app prints it on the
    /// recovery sheet; the CLI shows it). None after it was taken.
    pub fn take_recovery_key(&mut self) -> Option<RecoveryKey> {
        self.new_recovery_key.take()
    }

    /// The recovery key waiting to be printed, as printed (the recovery sheet screen shows it).
    pub fn pending_recovery_key(&self) -> Option<String> {
        self.new_recovery_key.as_ref().map(|k| k.display().to_string())
    }

    /// Opens an encrypted file with its recovery key (every administrator's password
    /// forgotten), sets `login`'s new password and logs them in.
    pub fn recover(
        &mut self,
        recovery_key: &str,
        login: &str,
        new_password: &str,
        source: Source,
    ) -> Result<User, StoreError> {
        let recovery = RecoveryKey::parse(recovery_key)?;
        if self.store.is_some() && !self.store()?.is_encrypted() {
            return Err(StoreError::invalid(
                "recovery_key",
                "This practice file is not encrypted: log in with a password",
            ));
        }
        check_password(login, new_password)?;
        self.hold_for_change()?;
        if self.store.is_none() {
            self.unseal_with(&Secret::Recovery(&recovery), source)?;
        }
        let store = self.store_mut()?;
        wrap_key_for(store, login, new_password)?;
        let user = store.with_tx(|tx| tx.recover_administrator(login, new_password))?;
        let actor = actor_of(&user, source);
        store.audit_event(&actor, "recover_with_key", AuditOutcome::Done, &AuditNote::default())?;
        settle(store, login.trim(), new_password)?;
        self.start_session(user.clone(), source);
        Ok(user)
    }

    fn start_session(&mut self, user: User, source: Source) {
        let actor = actor_of(&user, source);
        if let Some(store) = self.store.as_mut() {
            store.set_actor(&actor);
        }
        self.session = Some(Session { user, actor, locked: false, last_seen: Instant::now() });
    }

    /// Ends the session (audited); the file stays open on the login screen. An encrypted
    /// file closes: its key is forgotten until the next login.
    pub fn log_out(&mut self) -> Result<(), StoreError> {
        if let Some(s) = self.session.take() {
            self.store_mut()?.audit_event(&s.actor, "log_out", AuditOutcome::Done, &AuditNote::default())?;
        }
        if self.store.as_ref().is_some_and(Store::is_encrypted) {
            self.store = None;
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
        self.store_mut()?.audit_event(&actor, "lock", AuditOutcome::Done, &AuditNote::default().with_note(why))?;
        Ok(())
    }

    /// Unlocks with the logged-in user's password (a wrong one is audited).
    pub fn unlock(&mut self, password: &str) -> Result<(), StoreError> {
        let Some(actor) = self.session.as_ref().map(|s| s.actor.clone()) else {
            return Err(StoreError::LoggedOut("Log in first".into()));
        };
        let store = self.store_mut()?;
        if !store.verify_password(&actor, password)? {
            store.audit_event(&actor, "unlock", AuditOutcome::Failed, &AuditNote::default())?;
            return Err(StoreError::invalid("password", "That password is not right"));
        }
        store.audit_event(&actor, "unlock", AuditOutcome::Done, &AuditNote::default())?;
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
        let Some(store) = &self.store else {
            // An encrypted file before login: only what its key file says may show.
            let demo = match &self.path {
                Some(path) => Keyring::load(path)?.demo,
                None => false,
            };
            return Ok(SessionInfo {
                needs_administrator: false,
                user: None,
                locked: false,
                must_change_password: false,
                allowed: Vec::new(),
                lock_after_minutes: SecuritySettings::default().lock_after_minutes,
                demo,
                encrypted: true,
                recovery_sheet_pending: false,
                users_without_key: Vec::new(),
            });
        };
        let settings = store.security_settings()?;
        let needs_administrator = self.needs_administrator()?;
        let demo = store.is_demo()?;
        let encrypted = store.is_encrypted();
        let recovery_sheet_pending = self.new_recovery_key.is_some();
        let users_without_key = match &self.session {
            Some(s) if s.user.role == Role::Administrator => self.users_without_key()?,
            _ => Vec::new(),
        };
        Ok(match &self.session {
            Some(s) => SessionInfo {
                needs_administrator,
                user: Some(s.user.clone()),
                locked: s.locked,
                must_change_password: s.user.must_change_password,
                allowed: s.user.role.allowed(),
                lock_after_minutes: settings.lock_after_minutes,
                demo,
                encrypted,
                recovery_sheet_pending,
                users_without_key,
            },
            None => SessionInfo {
                needs_administrator,
                user: None,
                locked: false,
                must_change_password: false,
                allowed: Vec::new(),
                lock_after_minutes: settings.lock_after_minutes,
                demo,
                encrypted,
                recovery_sheet_pending,
                users_without_key,
            },
        })
    }

    /// Active users of an encrypted file that the key file has no wrapping for.
    fn users_without_key(&self) -> Result<Vec<String>, StoreError> {
        let (Some(store), Some(path)) = (&self.store, &self.path) else { return Ok(Vec::new()) };
        if !store.is_encrypted() {
            return Ok(Vec::new());
        }
        let wrapped = Keyring::load(path)?.logins();
        Ok(store.users()?.into_iter().filter(|u| u.active && !wrapped.contains(&u.login)).map(|u| u.login).collect())
    }

    /// The actor of the session (or the system), after the lock and idle checks.
    fn current_actor(&mut self, action: Action) -> Result<Actor, StoreError> {
        if let Some(system) = &self.system {
            return Ok(system.clone());
        }
        if self.session.is_none() {
            if before_login(action) {
                return Ok(Actor::user("", self.source));
            }
            return Err(StoreError::LoggedOut("Log in to this practice file first".into()));
        }
        let lock_after = Duration::from_secs(u64::from(self.store()?.security_settings()?.lock_after_minutes) * 60);
        let s = self.session.as_mut().expect("checked above");
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

    /// Whether the person working may do `action` now (a refusal is audited): for the
    /// session's own commands, which work on the door rather than on the file.
    pub fn admit(&mut self, action: Action) -> Result<Actor, StoreError> {
        let actor = self.current_actor(action)?;
        if let Err(refusal) = admit(&actor, action) {
            if let Some(store) = self.store.as_mut() {
                store.audit_event(&actor, action.name(), AuditOutcome::Refused, &AuditNote::default())?;
            }
            return Err(refusal);
        }
        Ok(actor)
    }

    /// Does `action` as the logged-in user, if their role allows it: `f` gets the practice file,
    /// with every write it makes attributed to them and recorded in the audit trail.
    pub fn act<T, E>(&mut self, action: Action, f: impl FnOnce(&mut Store, &Actor) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let actor = self.admit(action)?;
        if action.kind() == ActionKind::Write {
            self.hold_for_change()?;
        }
        let store = self.store_mut()?;
        store.set_actor(&actor);
        store.set_action(Some(action));
        let result = f(store, &actor);
        let notes = store.take_notes();
        store.set_action(None);
        if result.is_ok() && action.kind() == ActionKind::Disclose {
            let note = notes.into_iter().next().unwrap_or_default();
            store.audit_event(&actor, action.name(), AuditOutcome::Done, &note)?;
        }
        result
    }

    /// `act` for a changing action that only looks this time (a dry run, a setting shown):
    /// the roles are `action`'s, but the file is not taken, so it works while another program
    /// has it. `f` must change nothing.
    pub fn act_looking<T, E>(
        &mut self,
        action: Action,
        f: impl FnOnce(&mut Store, &Actor) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let holding = self.holding_as.take();
        let result = self.act(action, f);
        self.holding_as = holding;
        result
    }

    /// A user changes their own password (also the forced change after a reset).
    pub fn change_password(&mut self, current: &str, new: &str) -> Result<User, StoreError> {
        let user = self.act(Action::PasswordChange, |s, actor| {
            let id = actor.user_id().ok_or_else(|| StoreError::LoggedOut("Log in first".into()))?;
            let login = s.user(id)?.login;
            check_password(&login, new)?;
            wrap_key_for(s, &login, new)?;
            let user = s.with_tx(|tx| tx.change_password(id, current, new))?;
            settle(s, &login, new)?;
            Ok::<_, StoreError>(user)
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
        // An encrypted file nobody has logged in to cannot be read: nothing to back up yet.
        let Some(store) = self.store.as_mut() else { return Ok(None) };
        if store.path().is_none() || store.backup_settings()?.folder.is_empty() {
            return Ok(None);
        }
        if only_if_due && !crate::backups::backup_due(store, now)? {
            return Ok(None);
        }
        // The backup is logged in the file.
        self.hold_for_change()?;
        let Some(store) = self.store.as_mut() else { return Ok(None) };
        let folder = crate::backups::backup_folder(store, None)?;
        let saved = store.actor().clone();
        store.set_actor(&Actor::system(self.source));
        let report = crate::backups::take_backup(store, &folder, now, progress);
        store.set_actor(&saved);
        report.map(Some)
    }

    /// The security settings (idle lock), as the administrator saves them.
    pub fn save_security_settings(&mut self, settings: &SecuritySettings) -> Result<SecuritySettings, StoreError> {
        self.act(Action::SecuritySettingsSave, |s, _| s.with_tx(|tx| tx.save_security_settings(settings)))
    }
}

/// Adds a user (administrators only): the key file wraps the file's key for their password.
impl Door {
    pub fn add_user(&mut self, new: &NewUser) -> Result<User, StoreError> {
        self.act(Action::UserCreate, |s, _| {
            let user = s.with_tx(|tx| tx.create_user(new))?;
            wrap_key_for(s, &user.login, &new.password)?;
            Ok(user)
        })
    }

    /// An administrator sets a user's temporary password: wrapped first, so a crash between
    /// leaves a wrapping for whichever password the file holds.
    pub fn reset_password(&mut self, user_id: i64, temporary: &str) -> Result<User, StoreError> {
        self.act(Action::UserResetPassword, |s, _| {
            let login = s.user(user_id)?.login;
            check_password(&login, temporary)?;
            wrap_key_for(s, &login, temporary)?;
            let user = s.with_tx(|tx| tx.reset_password(user_id, temporary))?;
            settle(s, &login, temporary)?;
            Ok(user)
        })
    }

    /// Deactivates (or reactivates) a user. A deactivated user's wrapping leaves the key file;
    /// a reactivated one needs a new password from an administrator.
    pub fn set_user_active(&mut self, user_id: i64, active: bool) -> Result<User, StoreError> {
        self.act(Action::UserSetActive, |s, _| {
            let user = s.with_tx(|tx| tx.set_user_active(user_id, active))?;
            if let (false, Some(path)) = (active, s.path().filter(|_| s.is_encrypted())) {
                let mut ring = Keyring::load(path)?;
                ring.remove_login(&user.login);
                ring.save(path)?;
            }
            Ok(user)
        })
    }
}

/// Adds a wrapping of the open file's key for `login`'s `password` (an encrypted file only).
fn wrap_key_for(store: &Store, login: &str, password: &str) -> Result<(), StoreError> {
    let (Some(key), Some(path)) = (store.data_key(), store.path()) else { return Ok(()) };
    let mut ring = Keyring::load(path)?;
    ring.add_password(login, password, key)?;
    ring.save(path)
}

/// Drops `login`'s wrappings other than the one `password` opens.
fn settle(store: &Store, login: &str, password: &str) -> Result<(), StoreError> {
    let (Some(_), Some(path)) = (store.data_key(), store.path()) else { return Ok(()) };
    let mut ring = Keyring::load(path)?;
    if ring.keep_only(login, password) {
        ring.save(path)?;
    }
    Ok(())
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

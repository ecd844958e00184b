//! The app's state: the open practice file (behind the one door, which also holds who is
//! logged in), the recent-files list and where files live.
//!
//! Commands reach the practice file only through `act` (and the few that touch no file through
//! `pass`; logging in, locking and the first administrator through `session`), naming their
//! `Action`; `open_practice`/`create_practice` are the door's own ways in. There is no other
//! way to the `Store` here: `claimdesk-jobs/tests/door.rs` checks that every registered command
//! calls one of these.

use chrono::Local;
use claimdesk_core::{Action, Actor, Practice};
use claimdesk_demo::{create_demo, DemoOptions, Specialty};
use claimdesk_jobs::door::{self, Door, SessionInfo};
use claimdesk_store::recent::RecentFiles;
use claimdesk_store::{ErrorReport, PracticeLock, Program, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct AppState {
    door: Mutex<Option<Door>>,
    recent: Mutex<RecentFiles>,
    /// Where new practice files are suggested and the demo practice lives.
    pub data_dir: PathBuf,
    /// `CLAIMDESK_DB`: start on this file (created as a demo practice when missing).
    start_file: Option<PathBuf>,
    /// A practice file named on the command line: a double-click in the file manager starts
    /// `claimdesk-app FILE`.
    argument_file: Option<PathBuf>,
    /// Why the start file did not open, for the welcome screen to say once.
    start_problem: Mutex<Option<ErrorReport>>,
    /// `CLAIMDESK_START=demo`: start on the demo practice (the README's start command).
    start_on_demo: bool,
}

/// Patients in the demo practice.
const DEMO_PATIENTS: usize = 200;
const DEMO_SEED: u64 = 1;

impl AppState {
    pub fn from_environment() -> AppState {
        let dirs = directories::ProjectDirs::from("org", "ClaimDesk", "ClaimDesk");
        let (data_dir, config_dir) = match &dirs {
            Some(d) => (d.data_dir().to_path_buf(), d.config_dir().to_path_buf()),
            None => (PathBuf::from("."), PathBuf::from(".")),
        };
        AppState {
            door: Mutex::new(None),
            recent: Mutex::new(RecentFiles::load(&config_dir.join("recent.json"))),
            data_dir,
            start_file: std::env::var_os("CLAIMDESK_DB").map(PathBuf::from),
            argument_file: practice_file_argument(std::env::args_os().skip(1), None),
            start_on_demo: std::env::var("CLAIMDESK_START").is_ok_and(|v| v == "demo"),
            start_problem: Mutex::new(None),
        }
    }

    /// The demo practice's own file in the data folder: invented data, never mixed with a
    /// real practice's file.
    pub fn demo_path(&self) -> PathBuf {
        self.data_dir.join(DEMO_FILE_NAME)
    }

    /// The file to start on: the one named (`CLAIMDESK_DB` or on the command line), else the
    /// demo when asked for, else the file the user worked on last. With none of these (the very
    /// first start of an installed ClaimDesk) no file is open and the window shows the welcome
    /// screen. A file that cannot be opened leaves the app on that screen too, with the reason.
    pub fn open_initial_file(&self) {
        let recent = self.recent.lock().map(|r| r.list()).unwrap_or_default();
        let last = recent.iter().map(|r| PathBuf::from(&r.path)).find(|p| p.exists());
        let opened = if let Some(p) = &self.argument_file {
            self.open_practice(p)
        } else if let Some(p) = &self.start_file {
            // A missing CLAIMDESK_DB becomes a demo practice (how the tests start).
            if p.exists() {
                self.open_practice(p)
            } else {
                self.create_demo(p)
            }
        } else if self.start_on_demo {
            self.open_demo()
        } else if let Some(p) = last {
            self.open_practice(&p)
        } else {
            return;
        };
        if let Err(e) = opened {
            // The message names the file problem, never patient data.
            eprintln!("ClaimDesk: could not open the start file: {}", e.message);
            if let Ok(mut problem) = self.start_problem.lock() {
                *problem = Some(e);
            }
        }
    }

    /// Why the start file did not open (once: the welcome screen shows it, then it is gone).
    pub fn take_start_problem(&self) -> Option<ErrorReport> {
        self.start_problem.lock().ok().and_then(|mut p| p.take())
    }

    /// Opens the demo practice, making it first when it is not there yet.
    pub fn open_demo(&self) -> Result<(), ErrorReport> {
        let path = self.demo_path();
        if path.exists() {
            self.open_practice(&path)
        } else {
            self.create_demo(&path)
        }
    }

    fn create_demo(&self, path: &Path) -> Result<(), ErrorReport> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(StoreError::from)?;
        }
        let options = DemoOptions {
            specialty: Specialty::Physician,
            patients: DEMO_PATIENTS,
            seed: DEMO_SEED,
            today: Local::now().date_naive(),
        };
        // Held while it is made, so no other program makes or opens it half-made.
        let making = PracticeLock::acquire(path, Program::App, None, &mut |_| {})?;
        let (store, _) = create_demo(path, &options)?;
        // A remittance for the demo's waiting claims, to try the 835 import on.
        claimdesk_demo::write_sample_835(&store, path)?;
        drop(store);
        // Encrypted like a real practice file, with every demo login wrapped.
        claimdesk_demo::users::encrypt_demo_file(path)?;
        drop(making);
        // Making a practice is the app's biggest job: what it used goes back to the system.
        crate::memory::give_back();
        self.replace(Door::open_held(path, Program::App)?)
    }

    /// Opens `path` as the current practice file (closing the previous one), held for as long
    /// as it is open here: no other program changes it meanwhile (`claimdesk_store::holder`).
    pub fn open_practice(&self, path: &Path) -> Result<(), ErrorReport> {
        // Already open here (a recent file clicked, a double-click on it): opening it again
        // would only meet this window's own hold.
        if self.open_path().is_some_and(|open| same_file(&open, path)) {
            return Ok(());
        }
        let door = Door::open_held(path, Program::App)?;
        self.replace(door)
    }

    /// The open practice file's path.
    fn open_path(&self) -> Option<PathBuf> {
        self.door.lock().ok()?.as_ref()?.path()
    }

    /// Creates a practice file at `path` and makes it the current one.
    pub fn create_practice(&self, path: &Path, practice: &Practice) -> Result<(), ErrorReport> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(StoreError::from)?;
        }
        let door = Door::create(path, practice)?;
        self.replace(door)
    }

    /// Makes `door` the open practice file and puts it on top of the recent list. The file it
    /// replaces is closed (its automatic backup taken first).
    fn replace(&self, mut door: Door) -> Result<(), ErrorReport> {
        // An encrypted file shows its name once someone logs in; until then, its file name.
        let name = match door.act(Action::PracticeCurrent, |s, _| s.practice()) {
            Ok(practice) => practice.name,
            Err(_) => {
                door.path().and_then(|p| p.file_stem().map(|n| n.to_string_lossy().into_owned())).unwrap_or_default()
            }
        };
        if let Some(path) = door.path() {
            if let Ok(mut recent) = self.recent.lock() {
                // The recent list is a convenience: failing to save it must not block work.
                let _ = recent.touch(&path, &name);
            }
        }
        let mut guard = self.door.lock().map_err(|_| busy())?;
        if let Some(mut previous) = guard.take() {
            automatic_backup_of(&mut previous, false);
        }
        *guard = Some(door);
        Ok(())
    }

    /// Closes the open practice file (the app is exiting), taking its automatic backup first.
    pub fn close_practice(&self) {
        if let Ok(mut guard) = self.door.lock() {
            if let Some(mut door) = guard.take() {
                automatic_backup_of(&mut door, false);
            }
        }
    }

    /// ClaimDesk's own daily backup of the open file (when a folder is set and the last
    /// verified backup is a day old); whoever is logged in, or nobody.
    pub fn automatic_backup(&self, only_if_due: bool) {
        if let Ok(mut guard) = self.door.lock() {
            if let Some(door) = guard.as_mut() {
                automatic_backup_of(door, only_if_due);
            }
        }
    }

    pub fn recent(&self) -> Vec<claimdesk_store::recent::RecentFile> {
        self.recent.lock().map(|r| r.list()).unwrap_or_default()
    }

    /// Does `action` on the open practice file through the door, as the person working.
    pub fn act<T, E>(
        &self,
        action: Action,
        f: impl FnOnce(&mut Store, &Actor) -> Result<T, E>,
    ) -> Result<T, ErrorReport>
    where
        E: From<StoreError>,
        ErrorReport: From<E>,
    {
        let mut guard = self.door.lock().map_err(|_| busy())?;
        let door = guard.as_mut().ok_or_else(no_file)?;
        Ok(door.act(action, f)?)
    }

    /// Logging in and out, locking, the first administrator: `f` gets the door itself.
    pub fn session<T, E>(&self, action: Action, f: impl FnOnce(&mut Door) -> Result<T, E>) -> Result<T, ErrorReport>
    where
        ErrorReport: From<E>,
    {
        let mut guard = self.door.lock().map_err(|_| busy())?;
        let door = guard.as_mut().ok_or_else(no_file)?;
        // The door records each of these events itself; `admit` checks the action is one anyone
        // may do at this point (a locked screen still unlocks; an encrypted file still logs in).
        door.admit(action)?;
        Ok(f(door)?)
    }

    /// The session as the app shows it (no file open: nobody to log in).
    pub fn session_info(&self) -> Result<Option<SessionInfo>, ErrorReport> {
        let guard = self.door.lock().map_err(|_| busy())?;
        Ok(match guard.as_ref() {
            Some(door) => Some(door.session()?),
            None => None,
        })
    }

    /// Does an `action` that touches no practice file through the same door.
    pub fn pass<T, E>(&self, action: Action, f: impl FnOnce() -> Result<T, E>) -> Result<T, ErrorReport>
    where
        E: From<StoreError>,
        ErrorReport: From<E>,
    {
        let actor: Option<Actor> = self.door.lock().map_err(|_| busy())?.as_ref().and_then(Door::actor);
        Ok(door::pass(actor.as_ref(), action, f)?)
    }

    /// Where a file the user named goes. The app's working directory is wherever the desktop
    /// happened to start it, so a bare name or a relative path ("statements.pdf") lands in the
    /// user's Documents folder (their home folder when there is none), where they will look.
    pub fn output_path(&self, typed: &str) -> String {
        let base = directories::UserDirs::new()
            .map(|u| u.document_dir().map(Path::to_path_buf).unwrap_or_else(|| u.home_dir().to_path_buf()));
        claimdesk_jobs::output_path(typed, base.as_deref())
    }

    /// True when a practice file is open.
    pub fn is_open(&self) -> bool {
        self.door.lock().map(|s| s.is_some()).unwrap_or(false)
    }
}

/// The system's backup of `door`'s file: a failure is logged in the file (the home screen
/// shows it) and named here without patient data; it never stops the app.
fn automatic_backup_of(door: &mut Door, only_if_due: bool) {
    if let Err(e) = door.automatic_backup(only_if_due, &mut |_, _| {}) {
        eprintln!("ClaimDesk: the automatic backup failed: {}", ErrorReport::from(e).message);
    }
}

/// Whether two paths name the same file (a relative path, a symbolic link, another spelling).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The demo practice's file name: says what it is wherever the file is seen.
const DEMO_FILE_NAME: &str = "Demo practice (invented data).claimdesk";

/// The practice file among a program's arguments (the file manager passes the double-clicked
/// file's path; a second start passes its own arguments to the first): the first one that is
/// not an option, made absolute against `cwd` when relative.
pub fn practice_file_argument(
    args: impl IntoIterator<Item = std::ffi::OsString>,
    cwd: Option<&Path>,
) -> Option<PathBuf> {
    let arg = args.into_iter().find(|a| !a.to_string_lossy().starts_with('-'))?;
    let path = PathBuf::from(arg);
    Some(match cwd {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path,
    })
}

fn busy() -> ErrorReport {
    ErrorReport::from(StoreError::Conflict(
        "the practice file is busy after an earlier failure; restart ClaimDesk".into(),
    ))
}

fn no_file() -> ErrorReport {
    ErrorReport::from(StoreError::NotFound("an open practice file (open or create one from the practice menu)".into()))
}

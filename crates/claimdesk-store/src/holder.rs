//! Who is working on a practice file now, so that two programs (the desktop app and the
//! `claimdesk` command-line tool, or two of either) never write the same file at once.
//!
//! The lock is the operating system's own advisory lock on a sidecar file,
//! `Clinic.claimdesk.lock`: the system releases it when the program ends, a crash or a power
//! cut included, so a lock can never be left behind. The lock file itself stays beside the
//! practice file (removing it on release would let a third program lock a file the second is
//! about to open).
//!
//! Windows will not let another program read a locked file, so who holds the lock is written in
//! a second sidecar, `Clinic.claimdesk.holder`: which program, on which computer, as which
//! operating-system user, its process and since when. It names a command at most, never a
//! patient. It is written only once the lock is taken and removed on release; one a crash left
//! behind is only ever read while someone actually holds the lock, so a stale one blocks nothing.

use crate::files::{with_suffix, write_atomically};
use crate::{os_user_name, StoreError};
use chrono::{DateTime, Local, Utc};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often a waiting program tries the lock again: short enough that the wait ends soon after
/// the holder finishes, long enough to cost nothing.
const RETRY: Duration = Duration::from_millis(100);

/// A wait longer than this is as good as forever.
const LONGEST_WAIT: Duration = Duration::from_secs(366 * 24 * 60 * 60);

/// The sidecar the lock is taken on: `Clinic.claimdesk` -> `Clinic.claimdesk.lock`.
pub fn lock_path(practice: &Path) -> PathBuf {
    with_suffix(practice, ".lock")
}

/// The sidecar naming who holds the lock: `Clinic.claimdesk` -> `Clinic.claimdesk.holder`.
pub fn holder_path(practice: &Path) -> PathBuf {
    with_suffix(practice, ".holder")
}

/// Which ClaimDesk program holds (or asks for) a practice file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "program", rename_all = "snake_case")]
pub enum Program {
    /// The desktop app: it holds a file for as long as the file is open in it.
    App,
    /// The `claimdesk` tool, doing one command (its name only, as "payments post").
    CommandLine { command: String },
}

impl Program {
    pub fn command_line(command: &str) -> Program {
        Program::CommandLine { command: command.to_string() }
    }
}

impl std::fmt::Display for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Program::App => write!(f, "the ClaimDesk app"),
            Program::CommandLine { command } if command.is_empty() => write!(f, "the claimdesk command-line tool"),
            Program::CommandLine { command } => write!(f, "the claimdesk command-line tool ({command})"),
        }
    }
}

/// What the holder file says: enough for the person refused to find who to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolderInfo {
    #[serde(flatten)]
    pub program: Program,
    /// The computer's name (the file may be on a shared folder).
    pub computer: String,
    /// The operating-system user running the program (not a ClaimDesk login: a command line
    /// program may hold the file before anyone has logged in).
    pub user: String,
    pub process: u32,
    /// RFC 3339, UTC.
    pub since: DateTime<Utc>,
}

impl HolderInfo {
    /// This process, running `program`, from now.
    fn this_process(program: Program) -> HolderInfo {
        HolderInfo {
            program,
            computer: gethostname::gethostname().to_string_lossy().trim().to_string(),
            user: os_user_name(),
            process: std::process::id(),
            since: Utc::now(),
        }
    }

    fn computer_name(&self) -> &str {
        if self.computer.is_empty() {
            "an unnamed computer"
        } else {
            &self.computer
        }
    }
}

/// "the ClaimDesk app (user alice on FRONT-DESK, process 4242, since 2026-12-03 09:12)", in
/// this computer's local time.
impl std::fmt::Display for HolderInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let since = self.since.with_timezone(&Local).format("%Y-%m-%d %H:%M");
        write!(f, "{} (", self.program)?;
        if !self.user.is_empty() {
            write!(f, "user {} ", self.user)?;
        }
        write!(f, "on {}, process {}, since {since})", self.computer_name(), self.process)
    }
}

/// Who holds a file, as a refusal or a wait names them: what the holder file says, or, when
/// it cannot be read, "another ClaimDesk program".
pub fn held_by(holder: Option<&HolderInfo>) -> String {
    holder.map_or_else(|| "another ClaimDesk program".to_string(), HolderInfo::to_string)
}

/// A practice file held by this process: no other ClaimDesk program may write it until this
/// is dropped (or the process ends, however it ends).
#[derive(Debug)]
pub struct PracticeLock {
    /// Open for as long as the lock is held: the lock belongs to this handle.
    file: File,
    holder_path: PathBuf,
    me: HolderInfo,
}

impl PracticeLock {
    /// Takes the practice file at `practice` for `program`. When another program holds it and
    /// `wait` is given, `on_wait` is told once who that is and the lock is tried again until
    /// `wait` has passed; then (or at once without `wait`) a `Conflict` names the holder and
    /// what to do.
    pub fn acquire(
        practice: &Path,
        program: Program,
        wait: Option<Duration>,
        on_wait: &mut dyn FnMut(Option<&HolderInfo>),
    ) -> Result<PracticeLock, StoreError> {
        let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(lock_path(practice))?;
        let holder_path = holder_path(practice);
        // `--wait 99999999999` means "as long as it takes", not a clock overflow.
        let deadline = wait.filter(|w| !w.is_zero()).map(|w| Instant::now() + w.min(LONGEST_WAIT));
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(e.into()),
            }
            let now = Instant::now();
            let Some(deadline) = deadline.filter(|d| now < *d) else {
                return Err(refusal(practice, &program, read_holder(&holder_path).as_ref()));
            };
            if !told {
                on_wait(read_holder(&holder_path).as_ref());
                told = true;
            }
            std::thread::sleep(RETRY.min(deadline - now));
        }
        let me = HolderInfo::this_process(program);
        let json = serde_json::to_vec_pretty(&me).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        // Fails only where the lock file could be made but not a file beside it: the lock goes
        // with `file` as this returns.
        write_atomically(&holder_path, &json)?;
        Ok(PracticeLock { file, holder_path, me })
    }

    /// Who this lock says holds the file (this process).
    pub fn holder(&self) -> &HolderInfo {
        &self.me
    }
}

impl Drop for PracticeLock {
    fn drop(&mut self) {
        // Still holding the lock, so nobody else can be writing the holder file now; one that
        // is not ours (never written, or replaced by hand) is left alone.
        let ours =
            read_holder(&self.holder_path).is_some_and(|h| h.process == self.me.process && h.since == self.me.since);
        if ours {
            let _ = std::fs::remove_file(&self.holder_path);
        }
        // Closing the file releases the lock too; unlocking first says so.
        let _ = self.file.unlock();
    }
}

/// The holder file, if it can be read (a program may be between taking the lock and writing
/// it, or the file may have been damaged by hand).
fn read_holder(path: &Path) -> Option<HolderInfo> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Why `asking` may not have the file now, naming the file (not its folder), who holds it and
/// what to do.
fn refusal(practice: &Path, asking: &Program, holder: Option<&HolderInfo>) -> StoreError {
    let file = practice.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let advice = match holder {
        // The app holds a file for as long as it is open: waiting seldom helps.
        Some(h) if h.program == Program::App => format!("close it in ClaimDesk on {} first", h.computer_name()),
        _ => "try again when it is done".to_string(),
    };
    let wait = match asking {
        Program::CommandLine { .. } => ", or add --wait SECONDS",
        Program::App => "",
    };
    StoreError::Conflict(format!("{file} is in use by {}: {advice}{wait}", held_by(holder)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn practice() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Clinic.claimdesk");
        (dir, path)
    }

    fn take(path: &Path, program: Program) -> Result<PracticeLock, StoreError> {
        PracticeLock::acquire(path, program, None, &mut |_| panic!("no wait was asked for"))
    }

    fn conflict_message(result: Result<PracticeLock, StoreError>) -> String {
        match result {
            Err(StoreError::Conflict(m)) => m,
            Err(other) => panic!("expected a conflict, got {other}"),
            Ok(_) => panic!("expected a conflict, got the lock"),
        }
    }

    #[test]
    fn a_second_lock_on_the_same_file_is_refused_naming_the_holder() {
        let (_dir, path) = practice();
        let first = take(&path, Program::App).unwrap();
        let message = conflict_message(take(&path, Program::command_line("payments post")));
        let me = first.holder();
        assert!(message.starts_with("Clinic.claimdesk is in use by the ClaimDesk app ("), "{message}");
        assert!(!message.contains(&path.parent().unwrap().display().to_string()), "no folder: {message}");
        assert!(message.contains(&format!("process {}", std::process::id())), "{message}");
        assert!(message.contains(&format!("on {}", me.computer_name())), "{message}");
        assert!(message.contains(&format!("close it in ClaimDesk on {} first", me.computer_name())), "{message}");
        assert!(message.ends_with(", or add --wait SECONDS"), "{message}");
        if !me.user.is_empty() {
            assert!(message.contains(&format!("user {}", me.user)), "{message}");
        }
    }

    #[test]
    fn a_command_holding_the_file_is_named_with_its_command() {
        let (_dir, path) = practice();
        let _first = take(&path, Program::command_line("era post")).unwrap();
        let message = conflict_message(take(&path, Program::App));
        assert!(message.contains("the claimdesk command-line tool (era post)"), "{message}");
        assert!(message.ends_with(": try again when it is done"), "the app has no --wait: {message}");
    }

    #[test]
    fn the_holder_file_says_who_and_goes_with_the_lock() {
        let (_dir, path) = practice();
        let lock = take(&path, Program::App).unwrap();
        let written: HolderInfo = serde_json::from_slice(&std::fs::read(holder_path(&path)).unwrap()).unwrap();
        assert_eq!(&written, lock.holder());
        let text = std::fs::read_to_string(holder_path(&path)).unwrap();
        assert!(text.contains("\"program\": \"app\""), "{text}");
        drop(lock);
        assert!(!holder_path(&path).exists(), "removed on release");
        assert!(lock_path(&path).exists(), "the lock file stays: removing it would race the next program");
    }

    #[test]
    fn releasing_lets_the_next_one_in() {
        let (_dir, path) = practice();
        drop(take(&path, Program::App).unwrap());
        let next = take(&path, Program::command_line("check")).unwrap();
        assert_eq!(next.holder().program, Program::command_line("check"));
    }

    #[test]
    fn a_holder_file_left_by_a_crash_blocks_nothing() {
        let (_dir, path) = practice();
        let stale = HolderInfo { process: u32::MAX, ..HolderInfo::this_process(Program::App) };
        std::fs::write(holder_path(&path), serde_json::to_vec(&stale).unwrap()).unwrap();
        let lock = take(&path, Program::command_line("payments post")).unwrap();
        let written: HolderInfo = serde_json::from_slice(&std::fs::read(holder_path(&path)).unwrap()).unwrap();
        assert_eq!(written.process, std::process::id(), "replaced by the new holder");
        drop(lock);
    }

    #[test]
    fn a_holder_that_cannot_be_read_is_another_claimdesk_program() {
        let (_dir, path) = practice();
        let first = take(&path, Program::App).unwrap();
        std::fs::write(holder_path(&path), b"not json").unwrap();
        let message = conflict_message(take(&path, Program::command_line("payments post")));
        assert_eq!(
            message,
            "Clinic.claimdesk is in use by another ClaimDesk program: try again when it is done, or add --wait SECONDS"
        );
        drop(first);
        assert!(holder_path(&path).exists(), "not ours: left alone");
    }

    #[test]
    fn a_wait_ends_when_the_holder_lets_go() {
        let (_dir, path) = practice();
        let first = take(&path, Program::App).unwrap();
        let (told, heard) = mpsc::channel();
        let holder = std::thread::spawn(move || {
            // Let go only once the second one is waiting: never a fixed sleep.
            heard.recv().unwrap();
            drop(first);
        });
        let mut waited_for = Vec::new();
        let second = PracticeLock::acquire(
            &path,
            Program::command_line("payments post"),
            Some(Duration::from_secs(60)),
            &mut |h| {
                waited_for.push(held_by(h));
                told.send(()).unwrap();
            },
        )
        .unwrap();
        holder.join().unwrap();
        assert_eq!(waited_for.len(), 1, "told once: {waited_for:?}");
        assert!(waited_for[0].starts_with("the ClaimDesk app ("), "{waited_for:?}");
        assert_eq!(second.holder().program, Program::command_line("payments post"));
    }

    #[test]
    fn a_free_file_is_taken_at_once_however_long_the_wait() {
        let (_dir, path) = practice();
        let lock = PracticeLock::acquire(&path, Program::App, Some(Duration::from_secs(u64::MAX)), &mut |_| {
            panic!("nobody to wait for")
        })
        .unwrap();
        assert_eq!(lock.holder().program, Program::App);
    }

    #[test]
    fn a_wait_gives_up_at_its_deadline() {
        let (_dir, path) = practice();
        let _first = take(&path, Program::command_line("era post")).unwrap();
        let started = Instant::now();
        let mut told = 0;
        let result = PracticeLock::acquire(
            &path,
            Program::command_line("payments post"),
            Some(Duration::from_millis(300)),
            &mut |_| told += 1,
        );
        let message = conflict_message(result);
        assert!(started.elapsed() >= Duration::from_millis(300), "waited {:?}", started.elapsed());
        assert_eq!(told, 1);
        assert!(message.contains("the claimdesk command-line tool (era post)"), "{message}");
    }
}

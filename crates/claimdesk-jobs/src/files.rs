//! The one edge between ClaimDesk and the user's own files: CSV imports and exports, 835, 999
//! and 277CA files, PDFs and 837P files. The app and the CLI both come through here, so a file
//! is read and written the same way from either.
//!
//! Every file is written whole: into a temporary file in the target's folder, flushed to disk,
//! then renamed over the target (`std::fs::rename` replaces an existing file on Windows too,
//! within one volume, which the same folder guarantees). A failure at any point removes the
//! temporary file and leaves whatever was at the target untouched. The temporary file's name
//! is made of the process id and a counter, never of the target's name, which may hold a
//! patient's name ("smith-statement.pdf").

use crate::{JobError, Result};
use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What a biller can act on, rather than the operating system's wording alone.
fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "there is no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied (is the file open elsewhere, or read-only?)".to_string(),
        io::ErrorKind::IsADirectory => "that is a folder, not a file".to_string(),
        io::ErrorKind::InvalidData => "it is not a text file (not UTF-8)".to_string(),
        _ => e.to_string(),
    }
}

fn read_error(path: &Path, e: io::Error) -> JobError {
    JobError::Read { path: path.display().to_string(), reason: reason(&e) }
}

fn write_error(path: &Path, e: io::Error) -> JobError {
    JobError::Write { path: path.display().to_string(), source: io::Error::new(e.kind(), reason(&e)) }
}

/// Opens a file the user chose (a CSV to import), for reading.
pub fn open_user_file(path: &Path) -> Result<BufReader<File>> {
    let file = File::open(path).map_err(|e| read_error(path, e))?;
    match file.metadata() {
        Ok(m) if m.is_dir() => Err(read_error(path, io::Error::from(io::ErrorKind::IsADirectory))),
        _ => Ok(BufReader::new(file)),
    }
}

/// Reads a text file the user chose (an 835, 999 or 277CA), whole.
pub fn read_user_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| read_error(path, e))?;
    String::from_utf8(bytes).map_err(|_| read_error(path, io::Error::from(io::ErrorKind::InvalidData)))
}

/// The name a file is recorded under (a remittance's file name): the last part of the path.
pub fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Writes `bytes` to `path` whole, or leaves `path` as it was.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    write_whole(path, |out| out.write_all(bytes).map_err(|e| write_error(path, e)))
}

/// Writes the file at `path` through `write`, whole or not at all: `write` fills a temporary
/// file in the same folder, which replaces `path` only once everything is on disk. If `write`
/// or the disk fails, the temporary file is removed and `path` is left as it was.
pub fn write_whole<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    if path.as_os_str().is_empty() {
        return Err(JobError::Store(claimdesk_store::StoreError::invalid("out_path", "Choose where to save the file")));
    }
    let (tmp, file) = create_temp(path)?;
    let mut out = BufWriter::new(Sink::new(file));
    let result = write(&mut out).and_then(|value| {
        out.flush().map_err(|e| write_error(path, e))?;
        out.get_ref().file.sync_all().map_err(|e| write_error(path, e))?;
        Ok(value)
    });
    let disk_error = out.get_mut().failed.take();
    // Closed before it is renamed or removed (Windows refuses either on an open file). A
    // failed writer's unwritten buffer is dropped with it.
    let (_, _) = out.into_parts();
    let result = match (result, disk_error) {
        // The disk failed under a writer that reported its own error (the CSV writer's, the
        // store's): say which file and why in the disk's words.
        (Err(_), Some((kind, message))) => Err(write_error(path, io::Error::new(kind, message))),
        (result, _) => result,
    };
    match result {
        Ok(value) => match std::fs::rename(&tmp, path) {
            Ok(()) => Ok(value),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(write_error(path, e))
            }
        },
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Refuses, before any work is recorded, a `path` that [`write_whole`] could not write: a
/// folder, or a folder that is missing or read-only (a temporary file is made there and removed).
pub fn check_writable(path: &Path) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Err(JobError::Store(claimdesk_store::StoreError::invalid("out_path", "Choose where to save the file")));
    }
    if path.is_dir() {
        return Err(write_error(path, io::Error::from(io::ErrorKind::IsADirectory)));
    }
    let (tmp, file) = create_temp(path)?;
    drop(file);
    let _ = std::fs::remove_file(&tmp);
    Ok(())
}

/// A new, empty temporary file next to `path`: `.claimdesk-<process>-<n>.tmp`.
fn create_temp(path: &Path) -> Result<(PathBuf, File)> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let tmp = folder.join(format!(".claimdesk-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            // Left by a process with the same id that died before cleaning up.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(write_error(path, e)),
        }
    }
}

/// The temporary file, remembering the first error the disk gave (the writers above it, such
/// as the CSV writer's, may replace it with their own).
struct Sink {
    file: File,
    written: u64,
    fail_after: Option<u64>,
    failed: Option<(io::ErrorKind, String)>,
}

impl Sink {
    fn new(file: File) -> Sink {
        Sink { file, written: 0, fail_after: fault::limit(), failed: None }
    }

    fn note(&mut self, e: io::Error) -> io::Error {
        if self.failed.is_none() {
            self.failed = Some((e.kind(), e.to_string()));
        }
        e
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let buf = match self.fail_after {
            Some(limit) => {
                let room = limit.saturating_sub(self.written);
                if room == 0 && !buf.is_empty() {
                    return Err(self.note(io::Error::other("the disk refused to write (a failure injected by a test)")));
                }
                &buf[..buf.len().min(usize::try_from(room).unwrap_or(usize::MAX))]
            }
            None => buf,
        };
        match self.file.write(buf) {
            Ok(n) => {
                self.written += n as u64;
                Ok(n)
            }
            Err(e) => Err(self.note(e)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush().map_err(|e| self.note(e))
    }
}

/// Making writes fail on purpose, so tests can prove that a failure halfway leaves nothing
/// behind. Only with the `fault-injection` feature; without it no write ever fails on purpose.
#[cfg(feature = "fault-injection")]
pub mod fault {
    use std::cell::Cell;

    /// The environment variable the `claimdesk` binary reads (feature builds only): every file
    /// written fails after this many bytes.
    pub const ENV: &str = "CLAIMDESK_FAIL_WRITES_AFTER";

    thread_local! {
        static AFTER: Cell<Option<u64>> = const { Cell::new(None) };
    }

    /// Every file this thread writes from now on fails after `bytes` bytes (None: no failure).
    pub fn fail_writes_after(bytes: Option<u64>) {
        AFTER.with(|a| a.set(bytes));
    }

    pub(super) fn limit() -> Option<u64> {
        AFTER.with(|a| a.get()).or_else(|| std::env::var(ENV).ok()?.trim().parse().ok())
    }
}

#[cfg(not(feature = "fault-injection"))]
mod fault {
    pub(super) fn limit() -> Option<u64> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn writes_a_new_file_and_replaces_an_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_bytes(&path, b"first").unwrap();
        write_bytes(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(leftovers(dir.path()), vec!["out.csv"], "no temporary file is left");
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Smith John.csv");
        std::fs::write(&path, "old").unwrap();
        let err = write_whole(&path, |out| {
            out.write_all(b"half a file").unwrap();
            Err::<(), _>(JobError::Store(claimdesk_store::StoreError::Conflict("stopped".into())))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "stopped");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(leftovers(dir.path()), vec!["Smith John.csv"]);
    }

    #[test]
    fn reading_names_the_file_and_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("remit.835");
        let err = read_user_file(&missing).unwrap_err().to_string();
        assert!(err.contains("remit.835") && err.contains("no such file"), "{err}");
        let err = open_user_file(dir.path()).unwrap_err().to_string();
        assert!(err.contains("folder"), "{err}");
        let latin1 = dir.path().join("latin1.835");
        std::fs::write(&latin1, [b'I', b'S', b'A', 0xE9]).unwrap();
        let err = read_user_file(&latin1).unwrap_err().to_string();
        assert!(err.contains("latin1.835") && err.contains("not a text file"), "{err}");
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no such folder").join("x.pdf");
        let err = write_bytes(&path, b"x").unwrap_err().to_string();
        assert!(err.contains("x.pdf") && err.contains("no such file or folder"), "{err}");
        assert!(write_bytes(Path::new(""), b"x").is_err());
    }
}

//! The files a practice is made of, and what kind of file a path holds.
//!
//! A practice is its SQLite file plus, once encrypted, the key file beside it
//! (`Clinic.claimdesk.keys`): the practice's data key wrapped once for each user's password and
//! once for the recovery key. Backups, restores and the copies kept aside always carry the two
//! together; without the key file the practice cannot be opened.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The key file of the practice file at `db`: its name with ".keys" appended.
pub fn keyring_path(db: &Path) -> PathBuf {
    with_suffix(db, ".keys")
}

/// `path` with `suffix` appended to its file name (not replacing its extension):
/// `Clinic.claimdesk` + `-wal` -> `Clinic.claimdesk-wal`.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// What a path holds, found by reading its first bytes only (nothing is opened for writing,
/// nothing is created beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An unencrypted SQLite file: a ClaimDesk file from before encryption (or another
    /// program's database, which opening then refuses).
    Plain,
    /// Not readable as SQLite and with a ClaimDesk key file beside it.
    Encrypted,
    /// Anything else: a folder, a text file, an empty file, another program's file.
    NotPractice,
}

/// The first bytes of a plain SQLite database.
pub(crate) const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub fn file_kind(path: &Path) -> std::io::Result<FileKind> {
    if !path.is_file() {
        return Ok(FileKind::NotPractice);
    }
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path)?;
    let read = read_up_to(&mut file, &mut header)?;
    Ok(if read == 16 && &header == SQLITE_HEADER {
        FileKind::Plain
    } else if read == 16 && keyring_path(path).is_file() {
        FileKind::Encrypted
    } else {
        FileKind::NotPractice
    })
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut read = 0;
    while read < buf.len() {
        match file.read(&mut buf[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read)
}

/// Writes `bytes` to `target` so that a crash leaves either the old file or the new one,
/// never a half-written one: a temporary file beside it, flushed to disk, then renamed.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = with_suffix(target, ".writing");
    {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, target)?;
    sync_folder(target);
    Ok(())
}

/// Flushes a folder's entries (a rename) to disk where the system allows it (Unix); on
/// Windows the rename itself is durable once it returns.
pub fn sync_folder(file: &Path) {
    #[cfg(unix)]
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = file;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_file_sits_beside_the_practice_file() {
        assert_eq!(keyring_path(Path::new("/x/Clinic.claimdesk")), PathBuf::from("/x/Clinic.claimdesk.keys"));
        assert_eq!(keyring_path(Path::new("Clinic")), PathBuf::from("Clinic.keys"));
    }

    #[test]
    fn a_folder_an_empty_file_and_text_are_not_practice_files() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(file_kind(dir.path()).unwrap(), FileKind::NotPractice);
        let empty = dir.path().join("empty");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(file_kind(&empty).unwrap(), FileKind::NotPractice);
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, b"these are not the patients you are looking for").unwrap();
        assert_eq!(file_kind(&text).unwrap(), FileKind::NotPractice);
        std::fs::write(keyring_path(&text), b"{}").unwrap();
        assert_eq!(file_kind(&text).unwrap(), FileKind::Encrypted, "unreadable bytes with a key file beside them");
    }
}

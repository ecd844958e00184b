//! What can be told about a practice path before SQLite opens it, from its bytes alone.
//! Opening another program's database with SQLite is not harmless: a file in WAL mode gets
//! `-wal` and `-shm` files beside it, and closing it checkpoints (writes) it. So a path that
//! cannot be a practice file is refused here, read but never opened as a database: a folder, a
//! file that is not whole database pages (empty, a text file), or a plain SQLite database whose
//! header does not carry ClaimDesk's application id (`PRAGMA application_id`, set at create).
//! A file with no plain SQLite header and whole pages (an encrypted practice file) is left to
//! the opener.

use crate::error::{Result, StoreError};
use crate::files::SQLITE_HEADER;
use crate::migrations::APPLICATION_ID;
use std::io::Read;
use std::path::Path;

/// The smallest page SQLite writes; a database file is always whole pages.
const MIN_PAGE: u64 = 512;

/// Refuses a path that is missing (`NotFound`) or cannot be a practice file
/// (`NotAPracticeFile`), reading at most its first 100 bytes.
pub(crate) fn looks_like_practice_file(path: &Path) -> Result<()> {
    let not_ours = || StoreError::NotAPracticeFile(path.to_path_buf());
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NotFound(format!("practice file {}", path.display())))
        }
        Err(e) => return Err(e.into()),
    };
    if !meta.is_file() {
        return Err(not_ours());
    }
    let len = meta.len();
    if len < MIN_PAGE || !len.is_multiple_of(MIN_PAGE) {
        return Err(not_ours());
    }
    let mut header = [0u8; 100];
    std::fs::File::open(path)?.read_exact(&mut header)?;
    if header.starts_with(SQLITE_HEADER) {
        let app_id = i64::from(u32::from_be_bytes([header[68], header[69], header[70], header[71]]));
        if app_id != APPLICATION_ID {
            return Err(not_ours());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_empty_text_and_other_databases_are_refused_from_their_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let refused = |p: &Path| matches!(looks_like_practice_file(p), Err(StoreError::NotAPracticeFile(_)));
        assert!(refused(dir.path()), "a folder");
        let empty = dir.path().join("empty");
        std::fs::write(&empty, b"").unwrap();
        assert!(refused(&empty));
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database\n".repeat(100)).unwrap();
        assert!(refused(&text));
        let other = dir.path().join("other.sqlite");
        rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x);").unwrap();
        assert!(refused(&other));
        assert!(matches!(looks_like_practice_file(&dir.path().join("missing")), Err(StoreError::NotFound(_))));
        let ours = dir.path().join("ours");
        let conn = rusqlite::Connection::open(&ours).unwrap();
        conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}; CREATE TABLE t (x);")).unwrap();
        drop(conn);
        assert!(looks_like_practice_file(&ours).is_ok());
    }
}

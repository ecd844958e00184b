//! Turning an unencrypted practice file into an encrypted one, in place, without a moment
//! where neither exists.
//!
//! The encrypted copy is written beside the file (SQLCipher's `sqlcipher_export`), checked
//! (SQLite's integrity check, and the same number of rows in every table), flushed to disk;
//! then the key file is written, and only then is the copy renamed over the plain file (one
//! atomic rename). A crash before the rename leaves the plain file, which is converted again at
//! the next administrator login; after it, the encrypted file and its key file. The plain
//! copies a migration kept beside the file (`*.before-vN.claimdesk`) are removed after the
//! swap: they hold the same patients unencrypted.

use crate::error::{Result, StoreError};
use crate::files::{sync_folder, with_suffix as sibling, FileKind};
use crate::keys::{DataKey, Keyring, RecoveryKey};
use crate::queries::backups::table_counts;
use crate::{apply_key, file_kind, migrations, Store};
use std::path::Path;

/// Every table's row count by name: compared after a copy (conversion, backup, restore).
pub type TableCounts = std::collections::BTreeMap<String, i64>;

impl Store {
    /// Whether the open file is encrypted at rest.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Opens the practice file at `path` with `key` when it is encrypted (as a file put in
    /// place of this one by a restore is: its backup was taken with the same key), plainly
    /// when it is not.
    pub fn open_keyed(path: &Path, key: Option<&DataKey>) -> Result<Store> {
        match (key, file_kind(path)?) {
            (Some(key), FileKind::Encrypted) => Store::open_encrypted(path, key),
            _ => Store::open(path),
        }
    }

    /// The data key the file was opened with (None for an unencrypted file).
    pub fn data_key(&self) -> Option<&DataKey> {
        self.key.as_ref()
    }

    /// Encrypts the unencrypted practice file at `path` with `key`, writing `keyring` (which
    /// must wrap `key`) beside it. The file must not be open elsewhere in this process.
    pub fn encrypt_file(path: &Path, key: &DataKey, keyring: &Keyring) -> Result<()> {
        if file_kind(path)? != FileKind::Plain {
            return Err(StoreError::NotAPracticeFile(path.to_path_buf()));
        }
        let copy = sibling(path, ".encrypting");
        remove_if_there(&copy)?;
        let counts = {
            // Opened as it is: a migration it may need runs later, on the encrypted file.
            let plain = Store::open_at_version(path, 0)?;
            // Everything committed moves from the WAL into the file, so the export sees it all.
            plain.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
            let counts = plain.table_counts()?;
            export_encrypted(&plain, &copy, key)?;
            counts
        };
        verify_copy(&copy, key, &counts)?;
        keyring.save(path)?;
        // The plain file was closed above (its WAL emptied and removed): nothing of it may be
        // replayed onto the encrypted file.
        for leftover in [sibling(path, "-wal"), sibling(path, "-shm")] {
            remove_if_there(&leftover)?;
        }
        std::fs::rename(&copy, path)?;
        sync_folder(path);
        remove_plain_migration_copies(path)?;
        Ok(())
    }
}

/// Encrypts the closed, unencrypted practice file at `path`: a new data key wrapped for each
/// of `passwords` (login, password) and for a new recovery key. Returns the recovery key (to
/// print) and the data key.
pub fn encrypt_practice(path: &Path, passwords: &[(&str, &str)], demo: bool) -> Result<(RecoveryKey, DataKey)> {
    let key = DataKey::random();
    let recovery = RecoveryKey::random();
    let mut ring = Keyring::new(demo);
    for (login, password) in passwords {
        ring.add_password(login, password, &key)?;
    }
    ring.set_recovery(&recovery, &key)?;
    Store::encrypt_file(path, &key, &ring)?;
    Ok((recovery, key))
}

/// A bare SQLite connection to an encrypted file, keyed: what an insider holding the key (a
/// tool, a test playing someone with sqlite3) works with. ClaimDesk itself goes through `Store`.
#[doc(hidden)]
pub fn open_connection(path: &Path, key: &DataKey) -> Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    apply_key(&conn, key)?;
    Ok(conn)
}

fn export_encrypted(plain: &Store, copy: &Path, key: &DataKey) -> Result<()> {
    let conn = &plain.conn;
    // The practice file's connection may not create files: the copy starts as an empty one.
    std::fs::File::create(copy)?;
    conn.execute("ATTACH DATABASE ?1 AS encrypted KEY ''", [copy.to_string_lossy().as_ref()])?;
    let exported = (|| -> Result<()> {
        conn.execute_batch(&format!("PRAGMA encrypted.key = {};", key.pragma_value().as_str()))?;
        conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        // sqlcipher_export copies the schema and rows, not the header's marks.
        conn.execute_batch(&format!("PRAGMA encrypted.application_id = {};", migrations::APPLICATION_ID))?;
        Ok(())
    })();
    conn.execute_batch("DETACH DATABASE encrypted;")?;
    exported
}

/// Opens the encrypted copy on its own and checks it holds what the plain file held.
fn verify_copy(copy: &Path, key: &DataKey, expected: &TableCounts) -> Result<()> {
    let conn = rusqlite::Connection::open_with_flags(copy, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    apply_key(&conn, key)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let counts = table_counts(&conn)?;
    if check != "ok" || &counts != expected {
        drop(conn);
        let _ = std::fs::remove_file(copy);
        return Err(StoreError::Corrupt(
            "the encrypted copy did not match the practice file; nothing was changed".into(),
        ));
    }
    drop(conn);
    std::fs::File::open(copy)?.sync_all()?;
    Ok(())
}

fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// The copies `migrations` kept before upgrading (`Clinic.before-v12.claimdesk`): plain.
fn remove_plain_migration_copies(path: &Path) -> Result<()> {
    let (Some(dir), Some(stem)) = (path.parent(), path.file_stem()) else {
        return Ok(());
    };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let prefix = format!("{}.before-v", stem.to_string_lossy());
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && file_kind(&entry.path())? == FileKind::Plain {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

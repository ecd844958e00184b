//! Printing the recovery sheet of a newly encrypted practice file.

use claimdesk_forms::{recovery_sheet_pdf, RecoverySheet};
use claimdesk_store::{files::write_atomically, StoreError};
use std::path::Path;

/// Writes the recovery sheet PDF to `out` (a place the administrator chose: it holds the key).
pub fn write_recovery_sheet(out: &Path, practice_name: &str, db: &Path, recovery_key: &str) -> Result<(), StoreError> {
    let sheet = RecoverySheet {
        practice_name: practice_name.to_string(),
        file_name: db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        recovery_key: recovery_key.to_string(),
        made_at: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
    };
    write_atomically(out, &recovery_sheet_pdf(&sheet))?;
    Ok(())
}

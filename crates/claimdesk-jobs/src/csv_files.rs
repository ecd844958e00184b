//! CSV imports and exports of patients and the fee schedule, from and to the user's files. The
//! app's commands and the CLI call these same functions: a file is read through
//! `files::open_user_file` and written whole through `files::write_whole`, so a failed export
//! leaves no half-written file from either.

use crate::files::{open_user_file, write_whole};
use crate::Result;
use claimdesk_store::AuditNote;
use claimdesk_store::{ImportReport, Store};
use std::path::Path;

/// Imports patients from a CSV file (all rows or none; refused rows are in the report).
pub fn import_patients_csv(store: &mut Store, path: &Path) -> Result<ImportReport> {
    Ok(store.import_patients_csv(open_user_file(path)?)?)
}

/// Writes every patient to a CSV file, whole or not at all. Returns the rows written.
pub fn export_patients_csv(store: &Store, path: &Path) -> Result<usize> {
    let count = write_whole(path, |out| Ok(store.export_patients_csv(out)?))?;
    store.note(|| AuditNote::default().with_note(format!("{count} patients exported to CSV")));
    Ok(count)
}

/// Imports fee schedule entries from a CSV file (all rows or none).
pub fn import_fees_csv(store: &mut Store, path: &Path) -> Result<ImportReport> {
    Ok(store.import_fees_csv(open_user_file(path)?)?)
}

/// Writes the fee schedule to a CSV file, whole or not at all. Returns the rows written.
pub fn export_fees_csv(store: &Store, path: &Path) -> Result<usize> {
    write_whole(path, |out| Ok(store.export_fees_csv(out)?))
}

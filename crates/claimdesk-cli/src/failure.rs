//! Why a command did not do what was asked, and how that is told on stderr.

use crate::output;
use claimdesk_core::FieldError;
use claimdesk_store::{ErrorKind, ErrorReport, ImportReport, StoreError};

pub enum Failure {
    /// The store refused or failed; its error names the fields.
    Store(StoreError),
    /// An import with refused rows: nothing was imported.
    ImportRefused(ImportReport),
    /// A problem outside the store (a file that cannot be read, a missing practice file).
    Message(String),
    /// Details were already printed; this is the summary line.
    Reported(String),
    /// A printing job stopped (nothing was recorded).
    Job(claimdesk_jobs::JobError),
}

impl From<claimdesk_jobs::JobError> for Failure {
    fn from(e: claimdesk_jobs::JobError) -> Failure {
        match e {
            claimdesk_jobs::JobError::Store(s) => Failure::Store(s),
            other => Failure::Job(other),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure::Store(e)
    }
}

impl Failure {
    fn error_report(&self) -> ErrorReport {
        match self {
            Failure::Store(e) => ErrorReport::from(e),
            Failure::ImportRefused(report) => ErrorReport {
                kind: ErrorKind::Invalid,
                message: format!("{} problems in the file; nothing was imported", report.rejected.len()),
                fields: report
                    .rejected
                    .iter()
                    .map(|p| FieldError { field: format!("row {}: {}", p.row, p.field), message: p.message.clone() })
                    .collect(),
            },
            Failure::Message(m) | Failure::Reported(m) => {
                ErrorReport { kind: ErrorKind::File, message: m.clone(), fields: Vec::new() }
            }
            Failure::Job(e) => ErrorReport::from(e),
        }
    }

    /// Prints the failure on stderr: the store's error report as JSON with --json, else one
    /// line per refused field (`refused: address.zip: ...`).
    pub fn report(&self, json: bool) {
        if json {
            output::json_err(&self.error_report());
            return;
        }
        match self {
            Failure::Store(StoreError::Invalid(invalid)) => {
                for e in &invalid.0 {
                    errln!("refused: {}: {}", e.field, e.message);
                }
            }
            Failure::Store(StoreError::Conflict(m)) => errln!("refused: {m}"),
            Failure::Store(e @ StoreError::AlreadyExists(_)) => errln!("refused: {e}"),
            Failure::Store(e) => errln!("error: {e}"),
            Failure::ImportRefused(report) => {
                for p in &report.rejected {
                    let column = if p.field.is_empty() { String::new() } else { format!(", column {}", p.field) };
                    errln!("refused: row {}{column}: {}", p.row, p.message);
                }
                errln!(
                    "nothing was imported ({} problems); fix the rows and import the file again",
                    report.rejected.len()
                );
            }
            Failure::Message(m) => errln!("error: {m}"),
            Failure::Reported(m) => errln!("refused: {m}"),
            Failure::Job(e) => errln!("error: {e}"),
        }
    }
}

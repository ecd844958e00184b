//! Long jobs that join the practice file to the printed forms: they read claims through the
//! store, render them with the forms crate, write the file, and only then record what was
//! sent. The CLI and the desktop app call these same functions, so a batch printed from
//! either behaves the same way.

pub mod printing;

pub use printing::{print_calibration, print_claims, FormKind, PrintReport, PrintRequest};

use claimdesk_store::{ErrorKind, ErrorReport, StoreError};

/// Why a job stopped. Nothing was recorded in the practice file when a job fails.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Form(#[from] claimdesk_forms::FormError),
    #[error("could not write {path}: {source}")]
    Write { path: String, source: std::io::Error },
}

impl From<&JobError> for ErrorReport {
    fn from(e: &JobError) -> ErrorReport {
        match e {
            JobError::Store(s) => ErrorReport::from(s),
            JobError::Form(_) => ErrorReport { kind: ErrorKind::Conflict, message: e.to_string(), fields: Vec::new() },
            JobError::Write { .. } => ErrorReport { kind: ErrorKind::File, message: e.to_string(), fields: Vec::new() },
        }
    }
}

impl From<JobError> for ErrorReport {
    fn from(e: JobError) -> ErrorReport {
        ErrorReport::from(&e)
    }
}

pub type Result<T> = std::result::Result<T, JobError>;

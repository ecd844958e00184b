//! Long jobs that join the practice file to the printed forms and the 837P: they read claims
//! through the store, render them with the forms or X12 crate, write the file, and only then
//! record what was sent. The CLI and the desktop app call these same functions, so a batch
//! printed or exported from either behaves the same way.

pub mod about;
pub mod accounts;
pub mod acknowledgements;
pub mod audit;
pub mod backups;
pub mod csv_files;
pub mod door;
pub mod electronic;
pub mod files;
pub mod injury_cases;
pub mod medicare_care;
pub mod printing;
pub mod recovery;
pub mod remittance;
pub mod reports;
pub mod statements;

pub use accounts::{print_plan_agreement, print_receipt, PrintedPaper};
pub use acknowledgements::{import_acknowledgement, import_acknowledgement_file};
pub use claimdesk_store::AckReport;
pub use door::Door;
pub use electronic::{export_837, ExportReport, ExportRequest};
pub use files::{open_user_file, read_user_file, write_bytes, write_whole};
pub use injury_cases::{print_attorney_statement, print_lien_letter};
pub use medicare_care::print_abn;
pub use printing::{print_calibration, print_claims, FormKind, PrintReport, PrintRequest};
pub use remittance::{import_835, import_835_file, read_835};
pub use reports::{
    export_report, report_page, reports_catalog, run_report, ExportFormat, Report, ReportExport, ReportInfo,
    ReportKind, ReportPage, ReportParams,
};
pub use statements::{reprint_statement, run_statements, RunStatement, StatementRunReport, StatementRunRequest};

use claimdesk_store::{ErrorKind, ErrorReport, StoreError};

/// Why a job stopped. Nothing was recorded in the practice file when a job fails.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Form(#[from] claimdesk_forms::FormError),
    /// The 837P writer refused a claim or the clearinghouse settings (it names which).
    #[error("{0}")]
    X12(#[from] claimdesk_x12::X12Error),
    #[error("could not write {path}: {source}")]
    Write { path: String, source: std::io::Error },
    #[error("could not read {path}: {reason}")]
    Read { path: String, reason: String },
}

impl From<&JobError> for ErrorReport {
    fn from(e: &JobError) -> ErrorReport {
        match e {
            JobError::Store(s) => ErrorReport::from(s),
            JobError::Form(_) | JobError::X12(_) => {
                ErrorReport { kind: ErrorKind::Conflict, message: e.to_string(), fields: Vec::new() }
            }
            JobError::Write { .. } | JobError::Read { .. } => {
                ErrorReport { kind: ErrorKind::File, message: e.to_string(), fields: Vec::new() }
            }
        }
    }
}

impl From<JobError> for ErrorReport {
    fn from(e: JobError) -> ErrorReport {
        ErrorReport::from(&e)
    }
}

pub type Result<T> = std::result::Result<T, JobError>;

/// Where a file the user named is written. A desktop app's working directory is wherever the
/// desktop happened to start it, so a bare name or a relative path ("statements.pdf") goes
/// under `base` (the user's Documents folder); an absolute path, or no base, is used as typed.
pub fn output_path(typed: &str, base: Option<&std::path::Path>) -> String {
    let typed = typed.trim();
    let path = std::path::Path::new(typed);
    match base {
        Some(dir) if !typed.is_empty() && path.is_relative() => dir.join(path).display().to_string(),
        _ => typed.to_string(),
    }
}

#[cfg(test)]
mod output_path_tests {
    use super::output_path;
    use std::path::Path;

    #[test]
    fn relative_names_go_to_the_base_folder_and_absolute_paths_stay() {
        let docs = Some(Path::new("/home/b/Documents"));
        assert_eq!(output_path(" statements.pdf ", docs), "/home/b/Documents/statements.pdf");
        assert_eq!(output_path("Clients/acme.csv", docs), "/home/b/Documents/Clients/acme.csv");
        assert_eq!(output_path("/tmp/x.pdf", docs), "/tmp/x.pdf");
        assert_eq!(output_path("", docs), "", "empty stays empty: the job names the missing field");
        assert_eq!(output_path("x.pdf", None), "x.pdf");
    }
}

use claimdesk_core::Invalid;
use std::path::PathBuf;

/// Everything that can go wrong with a practice file, in words a biller can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Input refused; nothing was saved. Carries each field and its message.
    #[error("{0}")]
    Invalid(#[from] Invalid),
    #[error("{0} was not found")]
    NotFound(String),
    /// The change contradicts what is already on file (a duplicate, an overlap, history).
    #[error("{0}")]
    Conflict(String),
    #[error("{} already exists; choose another file name", .0.display())]
    AlreadyExists(PathBuf),
    #[error("{} is not a ClaimDesk practice file", .0.display())]
    NotAPracticeFile(PathBuf),
    #[error("this practice file was written by a newer ClaimDesk (data version {file}, this program knows {known}); update ClaimDesk to open it")]
    NewerFile { file: i64, known: i64 },
    #[error("migration {version} was changed after it was released (checksum differs); refusing to open")]
    MigrationChanged { version: i64 },
    #[error("the practice file could not be read or written: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("CSV error: {0}")]
    Csv(#[from] csv::Error),
    /// The person's role does not allow the action (or nobody has logged in).
    #[error("{0}")]
    NotAllowed(String),
    /// The session is locked or has ended: log in or unlock first.
    #[error("{0}")]
    LoggedOut(String),
    /// A row read back from the file breaks an invariant: loud, never a silent default.
    #[error("the practice file holds an unreadable value: {0}")]
    Corrupt(String),
    /// The key file beside an encrypted practice file is missing, damaged or altered, or its
    /// key does not open the file.
    #[error("{0}")]
    KeyFile(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    pub fn invalid(field: &str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid(Invalid::one(field, message))
    }

    /// Refuses one line of free text that is too long or holds control characters (the core's
    /// rule, `claimdesk_core::text`), naming `field`.
    pub fn check_text(field: &str, label: &str, value: &str, max: usize) -> Result<()> {
        let mut p = claimdesk_core::validation::Problems::new();
        claimdesk_core::text::single_line(field, label, value, max, &mut p);
        p.into_result().map_err(StoreError::Invalid)
    }
}

/// What kind of failure an `ErrorReport` describes, so a screen knows whether to show the
/// messages next to fields (`invalid`) or as a banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    Invalid,
    NotFound,
    Conflict,
    File,
    Failure,
    /// The role does not allow it.
    NotAllowed,
    /// Log in (or unlock) first.
    LoggedOut,
}

/// A `StoreError` as it crosses IPC and `--json`: a message a biller can act on and, for
/// refused input, every field with its own message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    pub message: String,
    pub fields: Vec<claimdesk_core::FieldError>,
}

impl From<&StoreError> for ErrorReport {
    fn from(e: &StoreError) -> ErrorReport {
        let kind = match e {
            StoreError::Invalid(_) => ErrorKind::Invalid,
            StoreError::NotFound(_) => ErrorKind::NotFound,
            StoreError::Conflict(_) => ErrorKind::Conflict,
            StoreError::AlreadyExists(_)
            | StoreError::NotAPracticeFile(_)
            | StoreError::NewerFile { .. }
            | StoreError::MigrationChanged { .. }
            | StoreError::Io(_)
            | StoreError::Csv(_)
            | StoreError::KeyFile(_) => ErrorKind::File,
            StoreError::Sqlite(_) | StoreError::Corrupt(_) => ErrorKind::Failure,
            StoreError::NotAllowed(_) => ErrorKind::NotAllowed,
            StoreError::LoggedOut(_) => ErrorKind::LoggedOut,
        };
        let fields = match e {
            StoreError::Invalid(Invalid(list)) => list.clone(),
            _ => Vec::new(),
        };
        ErrorReport { kind, message: e.to_string(), fields }
    }
}

impl From<StoreError> for ErrorReport {
    fn from(e: StoreError) -> ErrorReport {
        ErrorReport::from(&e)
    }
}

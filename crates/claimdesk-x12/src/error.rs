//! What can go wrong writing or reading X12, in words a biller (or a support person) can act on.

/// An X12 file that cannot be read, or a claim that cannot be written.
///
/// `at` is the 1-based position of the segment in the file (ISA = 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum X12Error {
    #[error("the file is empty")]
    Empty,
    #[error("not an X12 file: it does not start with an ISA segment")]
    NotX12,
    #[error("the ISA header is cut short ({0}); the file is truncated or not X12")]
    TruncatedIsa(String),
    #[error("the ISA header's separators are unusable: {0}")]
    WrongSeparators(String),
    #[error("the file is truncated: it ends inside segment {segment} (segment {at}) before the IEA trailer")]
    Truncated { segment: String, at: usize },
    #[error("wrong transaction version: GS08 is {found:?}, expected {expected} (segment {at})")]
    WrongVersion { found: String, expected: String, at: usize },
    #[error("wrong transaction set: ST01 is {found:?}, expected {expected} (segment {at})")]
    WrongTransaction { found: String, expected: String, at: usize },
    #[error(
        "not an acknowledgement: the file holds a {found} transaction set (ST01, segment {at}); \
         expected a 999 implementation acknowledgement or a 277CA claim acknowledgement"
    )]
    NotAnAcknowledgement { found: String, at: usize },
    #[error("missing required segment {segment} ({context}, at segment {at})")]
    MissingSegment { segment: String, context: String, at: usize },
    #[error("unexpected segment {segment} at segment {at}: {context}")]
    UnexpectedSegment { segment: String, context: String, at: usize },
    #[error("bad amount {value:?} in {element} (segment {at})")]
    BadAmount { element: String, value: String, at: usize },
    #[error("bad date {value:?} in {element} (segment {at}); expected CCYYMMDD")]
    BadDate { element: String, value: String, at: usize },
    #[error("bad number {value:?} in {element} (segment {at})")]
    BadNumber { element: String, value: String, at: usize },
    #[error("missing required element {element} (segment {at})")]
    MissingElement { element: String, at: usize },
    #[error("control count mismatch: {0}")]
    CountMismatch(String),
    /// A claim (or the envelope) cannot be written as given.
    #[error("claim {control_number}: {problem}")]
    InvalidClaim { control_number: String, problem: String },
    #[error("cannot write the interchange: {0}")]
    InvalidEnvelope(String),
}

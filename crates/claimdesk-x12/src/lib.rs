//! ClaimDesk X12 5010: the electronic claim out (837P, 005010X222A1) and the remittance in
//! (835, 005010X221A1), plus readers for the acknowledgements a clearinghouse returns
//! (999 and 277CA).
//!
//! Pure: data in, text out ([`write_837p`], and [`write_835`] for samples and tests); text in, typed data out ([`parse_835`],
//! [`parse_999`], [`parse_277ca`]). No files, no database.
//!
//! Reading uses a small tokenizer of our own ([`segments`]): separators are taken from the
//! ISA header (element separator at byte 3, repetition separator ISA11, component separator
//! ISA16, segment terminator right after ISA16), every element access is checked, and bad
//! input is an [`X12Error`] naming the segment and element, never a panic.

mod ack;
mod envelope;
mod error;
mod p837;
mod r835;
pub mod segments;
mod w835;

pub use ack::{
    parse_277ca, parse_999, parse_acknowledgement, Ack999, Acknowledgement, ClaimAck, ClaimAckReport, SetAck,
    VERSIONS_277CA, VERSIONS_999,
};
pub use envelope::{Envelope, Usage};
pub use error::X12Error;
pub use p837::{write_837p, ClaimToSend, PrimaryAdjudication, Receiver, Submitter, MAX_CLAIMS_PER_SET};
pub use r835::{balance_problems, parse_835, ClaimPayment, Remittance};
pub use w835::{write_835, RemitDetails};

/// GS08 of the 837P this crate writes.
pub const VERSION_837P: &str = "005010X222A1";
/// GS08 of the 835 this crate reads.
pub const VERSION_835: &str = "005010X221A1";
/// GS08 of the 999 (005010X231, without the addenda, is read too: [`VERSIONS_999`]).
pub const VERSION_999: &str = "005010X231A1";
/// GS08 of the 277CA.
pub const VERSION_277CA: &str = "005010X214";

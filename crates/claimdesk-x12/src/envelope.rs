//! The interchange (ISA/IEA) and functional group (GS/GE) headers, one type for every file
//! this crate writes: the 837P and the 835.

use chrono::NaiveDateTime;

/// ISA15.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    Production,
    Test,
}

/// The interchange and group headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// ISA06 / GS02: who sends the file (the practice or its clearinghouse for an 837P, the
    /// payer for an 835).
    pub sender_id: String,
    /// ISA05, e.g. ZZ.
    pub sender_qualifier: String,
    /// ISA08 / GS03: who receives it (for an 835, also REF*EV).
    pub receiver_id: String,
    /// ISA07.
    pub receiver_qualifier: String,
    /// ISA13 (and IEA02), 1..=999999999.
    pub interchange_control_number: u32,
    /// GS06 (and GE02), 1..=999999999.
    pub group_control_number: u32,
    /// ST02 of the 837P's first transaction set; later sets count up from it. The 835 writer
    /// writes one transaction set and takes its ST02 from the remittance, so it reads nothing here.
    pub first_transaction_set_number: u32,
    pub usage: Usage,
    /// ISA09/10 and GS04/05 (and the 835's DTM*405, production date).
    pub created: NaiveDateTime,
}

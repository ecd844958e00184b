//! ClaimDesk's domain: the records a billing office keeps and the rules they obey.
//!
//! Everything here is plain data and pure functions: no I/O, no SQL, no Tauri. The store
//! persists these types, the CLI and the desktop shell move them across their boundaries,
//! and every rule is tested next to where it is written.

pub mod actions;
pub mod actor;
pub mod address;
pub mod aging;
pub mod carc;
pub mod chiro_care;
pub mod claims;
pub mod clearinghouse;
pub mod code_label;
pub mod coding;
pub mod discounts;
pub mod fee_schedule;
pub mod icd10;
pub mod injury_cases;
pub mod money;
pub mod paper;
pub mod patients;
pub mod payment_plans;
pub mod place_of_service;
pub mod plan_limits;
pub mod posting;
pub mod practice;
pub mod providers;
pub mod roles;
pub mod scrubber;
pub mod statements;
pub mod text;
pub mod validation;
pub mod visits;

pub use actions::{Action, ActionKind};
pub use actor::{Actor, Login, Source, Who};
pub use address::Address;
pub use code_label::CodeLabel;
pub use fee_schedule::FeeEntry;
pub use money::Money;
pub use patients::{
    EligibilityCheck, EligibilityStatus, Patient, PatientSummary, Person, Policy, Relationship, Responsible, Sex,
};
pub use practice::{BillingEntity, Practice, TaxIdKind};
pub use providers::{Facility, Payer, PayerKind, Provider};
pub use roles::{Area, Role};
pub use validation::{FieldError, Invalid};

/// Replaces the standard panic message (which prints the panic's text, and that text may hold
/// a value from a patient's record) with one naming only where ClaimDesk stopped. The app and
/// the command line install it first thing. Work already saved is not affected: every write
/// commits whole or not at all.
pub fn install_private_panic_message(program: &'static str) {
    std::panic::set_hook(Box::new(move |info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "{program} stopped unexpectedly (internal error at {place}); what was saved before is kept. \
             Please report the place above; the details are left out because they may hold patient data."
        );
    }));
}

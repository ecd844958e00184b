//! A patient statement, one shape from gathering to paper: the store gathers it
//! (`statement_data`) and keeps it as JSON for reprints, the forms crate renders it. The
//! store's rules for who gets one and what it shows are in `claimdesk-store`'s
//! `queries/statements.rs`.

use crate::{Address, Money};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who a statement goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StatementAccount {
    /// A patient who is their own guarantor or another patient's guarantor.
    Patient { patient_id: i64 },
    /// A responsible party (not a patient) who is guarantor of one or more patients.
    Party { party_id: i64 },
}

/// How urgent a statement's message is, from the age of the oldest unpaid amount (counted from
/// the day it became the patient's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MessageLevel {
    Reminder,
    PastDue,
    FinalNotice,
}

impl MessageLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageLevel::Reminder => "reminder",
            MessageLevel::PastDue => "past_due",
            MessageLevel::FinalNotice => "final_notice",
        }
    }

    /// The wording printed on the statement.
    pub fn wording(self) -> &'static str {
        match self {
            MessageLevel::Reminder => {
                "This is your balance after insurance. Please pay the amount due by the due date. Thank you!"
            }
            MessageLevel::PastDue => {
                "PAST DUE: part of your balance is more than 60 days old. Please pay now, or call us to set up a payment plan."
            }
            MessageLevel::FinalNotice => {
                "FINAL NOTICE: your balance is more than 90 days past due. Please pay within 10 days or call us, or your account may be sent to a collection agency."
            }
        }
    }
}

/// Aging of the patient balance, from the day each amount became the patient's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatementAging {
    /// Became the patient's 0-30 days before the statement date.
    pub current: Money,
    pub days_31_60: Money,
    pub days_61_90: Money,
    pub over_90: Money,
}

impl StatementAging {
    pub fn total(&self) -> Money {
        self.current + self.days_31_60 + self.days_61_90 + self.over_90
    }
}

/// One line of account activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementActivity {
    pub date: NaiveDate,
    pub patient: String,
    /// "Office visit 99213", "Acme Health payment", "Contractual adjustment", "Moved to you: deductible".
    pub description: String,
    pub charges: Option<Money>,
    /// Payments and adjustments, shown positive.
    pub credits: Option<Money>,
    /// The line's insurance part is still open: shown, not demanded.
    pub insurance_pending: bool,
}

/// Everything one statement prints, as the store gathers it, as the forms crate renders it
/// and as the practice file keeps it for reprints (JSON in `statements.snapshot`: a field
/// added later needs `#[serde(default)]` so older snapshots still read). All figures are
/// given: the only money the renderer computes is the sum of the lines' charges and of their
/// credits for the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementSnapshot {
    pub account: StatementAccount,
    /// The patient whose account number the statement carries.
    pub account_patient_id: i64,
    pub practice_name: String,
    pub practice_address: Address,
    pub practice_phone: String,
    /// Where payments go (may be a lockbox / PO box).
    pub remit_to: Address,
    pub statement_date: NaiveDate,
    pub due_date: NaiveDate,
    /// The guarantor's account.
    pub account_number: String,
    pub guarantor_name: String,
    pub guarantor_address: Address,
    /// The patient balance as of the last statement (0 without one).
    pub previous_balance: Money,
    /// What was still pending with insurance on the last statement: the insurance payments,
    /// adjustments and "your share" moves since then settle it, so the summary adds up.
    #[serde(default)]
    pub previous_insurance_pending: Money,
    pub last_statement: Option<NaiveDate>,
    /// The newest ledger entry this statement saw (the next statement shows what came after).
    pub ledger_through: i64,
    pub lines: Vec<StatementActivity>,
    pub insurance_pending: Money,
    pub patient_balance: Money,
    /// What the stub asks for: the patient balance (0 for a credit), or the installment due
    /// when on a payment plan.
    pub amount_due_now: Money,
    /// The plan installment and its due date, when a payment plan is active.
    pub plan_installment: Option<(Money, NaiveDate)>,
    pub aging: StatementAging,
    pub message_level: MessageLevel,
    /// The wording of `message_level` as printed (kept: a reprint says what was sent).
    pub message: String,
    /// E.g. "Pay by phone ... We accept cash, check, card".
    pub payment_options: String,
}

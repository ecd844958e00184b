//! Synthetic patient documents (invented people, 555 phone numbers).

use super::date;
use claimdesk_core::statements::{
    MessageLevel, StatementAccount, StatementActivity, StatementAging, StatementSnapshot,
};
use claimdesk_core::{Address, Money};
use claimdesk_forms::{PlanAgreementData, ReceiptData};

pub fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

pub fn address(line1: &str, line2: &str, city: &str, state: &str, zip: &str) -> Address {
    Address { line1: line1.into(), line2: line2.into(), city: city.into(), state: state.into(), zip: zip.into() }
}

const DESCRIPTIONS: [(&str, Option<i64>, Option<i64>, bool); 6] = [
    ("Office visit 99213", Some(12500), None, true),
    ("Acme Health payment", None, Some(8000), false),
    ("Contractual adjustment", None, Some(2500), false),
    ("Moved to you: deductible", None, None, false),
    ("Spinal manipulation 98941", Some(6500), None, false),
    ("Patient payment - thank you", None, Some(2000), false),
];

/// Activity line `k`: November 2026, cycling through charges, payments and adjustments.
pub fn statement_line(k: usize) -> StatementActivity {
    let (description, charges, credits, pending) = DESCRIPTIONS[k % DESCRIPTIONS.len()];
    StatementActivity {
        date: date(2026, 10 + (k as u32 / 28) % 2, 1 + k as u32 % 28),
        patient: if k.is_multiple_of(3) { "Jordan Testperson".into() } else { "Casey Testperson".into() },
        description: description.into(),
        charges: charges.map(m),
        credits: credits.map(m),
        insurance_pending: pending,
    }
}

/// A statement for guarantor `seed` with `lines` activity lines, on a plan when `plan`.
pub fn statement(seed: usize, lines: usize, plan: bool) -> StatementSnapshot {
    StatementSnapshot {
        // What the store keeps beside what is printed; the renderer reads none of it.
        account: StatementAccount::Patient { patient_id: seed as i64 },
        account_patient_id: seed as i64,
        last_statement: Some(date(2026, 10, 27)),
        ledger_through: 0,
        message_level: MessageLevel::PastDue,
        practice_name: "Riverside Family Medicine".into(),
        practice_address: address("100 Main St", "Suite 200", "Austin", "TX", "787011234"),
        practice_phone: "5125550100".into(),
        remit_to: address("PO Box 9876", "", "Austin", "TX", "78767"),
        statement_date: date(2026, 11, 24),
        due_date: date(2026, 12, 15),
        account_number: format!("G{:06}", 1000 + seed),
        guarantor_name: "Morgan Q Testperson".into(),
        guarantor_address: address("42 Elm Street", "Apt 3B", "Round Rock", "TX", "786641234"),
        previous_balance: m(31_415),
        previous_insurance_pending: m(0),
        lines: (0..lines).map(statement_line).collect(),
        insurance_pending: m(12_500),
        patient_balance: m(48_762),
        amount_due_now: if plan { m(7_500) } else { m(48_762) },
        plan_installment: plan.then(|| (m(7_500), date(2026, 12, 15))),
        aging: StatementAging { current: m(10_111), days_31_60: m(20_222), days_61_90: m(3_033), over_90: m(15_396) },
        message: "PAST DUE: your account has a balance over 60 days old. Please pay the amount due now or call us to set up a payment plan.".into(),
        payment_options: "Pay by phone at (512) 555-0100, Monday-Friday 8-5, or mail the stub with your check. We accept cash, check, Visa, Mastercard and Discover.".into(),
    }
}

pub fn receipt() -> ReceiptData {
    ReceiptData {
        practice_name: "Riverside Family Medicine".into(),
        practice_address: address("100 Main St", "Suite 200", "Austin", "TX", "787011234"),
        practice_phone: "5125550100".into(),
        receipt_number: "R-000123".into(),
        date: date(2026, 11, 24),
        received_from: "Morgan Q Testperson".into(),
        patient: "Casey Testperson".into(),
        account_number: "G001000".into(),
        method: "Check 1234".into(),
        amount: m(15_000),
        applied_to: vec![
            ("Visit 10/02/2026 office visit 99213".into(), m(9_500)),
            ("Visit 10/16/2026 spinal manipulation 98941".into(), m(4_250)),
        ],
        unapplied: m(1_250),
        balance_after: m(33_762),
    }
}

pub fn plan_agreement(installments: u32) -> PlanAgreementData {
    let amounts: Vec<(u32, chrono::NaiveDate, Money)> = (1..=installments)
        .map(|n| {
            let month0 = 11 + n; // first due December 2026
            let (y, mo) = (2026 + (month0 - 1) as i32 / 12, (month0 - 1) % 12 + 1);
            let cents = if n == installments { 8_337 } else { 8_333 };
            (n, date(y, mo, 15), m(cents))
        })
        .collect();
    PlanAgreementData {
        practice_name: "Riverside Family Medicine".into(),
        practice_address: address("100 Main St", "Suite 200", "Austin", "TX", "787011234"),
        practice_phone: "5125550100".into(),
        guarantor_name: "Morgan Q Testperson".into(),
        guarantor_address: address("42 Elm Street", "Apt 3B", "Round Rock", "TX", "786641234"),
        account_number: "G001000".into(),
        plan_number: "PP-2026-0042".into(),
        version: 2,
        created: date(2026, 11, 24),
        financed: amounts.iter().map(|a| a.2).sum(),
        down_payment: m(10_000),
        installments: amounts,
        frequency: "Monthly".into(),
        grace_days: 10,
        terms: "This plan is interest-free: no interest or finance charge is added.\nPay each installment by its due date. An installment not paid within the grace period makes the plan delinquent; if it remains unpaid, the practice may cancel the plan and the remaining balance becomes due in full under our normal billing and collection policy.\nPay in person, by phone at (512) 555-0100, or by mail with the statement stub. New charges after the plan starts are not part of this plan unless it is amended.".into(),
    }
}

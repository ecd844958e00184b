//! Papers the desk hands a patient: a payment receipt and a payment plan agreement, gathered
//! from the practice file, rendered by the forms crate and written whole. They record
//! nothing, so printing one again gives the same paper.

use crate::{write_bytes, Result};
use claimdesk_core::payment_plans::PlanFrequency;
use claimdesk_core::Money;
use claimdesk_forms::{plan_agreement_pdf, receipt_pdf, PlanAgreementData, ReceiptData};
use claimdesk_store::{AuditNote, Record};
use claimdesk_store::{PaymentMethod, PaymentReceipt, PracticeContact, Store};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// A paper written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PrintedPaper {
    pub path: String,
    pub bytes: usize,
    /// "Receipt R000012" / "Plan PP00003 version 2".
    pub title: String,
}

fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim()).trim().to_string()
}

/// How the receipt names the payment method: "Cash", "Check 1234", "Card 4242".
pub fn method_words(method: PaymentMethod, reference: &str) -> String {
    let word = match method {
        PaymentMethod::Cash => "Cash",
        PaymentMethod::Check => "Check",
        PaymentMethod::Card => "Card",
        PaymentMethod::Agency => "Collection agency",
        PaymentMethod::Other => "Other",
    };
    let reference = reference.trim();
    if reference.is_empty() {
        word.to_string()
    } else {
        format!("{word} {reference}")
    }
}

/// The forms crate's receipt for a payment of the store.
pub fn receipt_data(store: &Store, receipt: &PaymentReceipt) -> Result<ReceiptData> {
    let practice = PracticeContact::from_practice(&store.practice()?);
    let account = store.get_patient(receipt.patient_id)?;
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut name_of = |id: i64| -> Result<String> {
        if let Some(n) = names.get(&id) {
            return Ok(n.clone());
        }
        let p = store.get_patient(id)?;
        let n = full_name(&p.first_name, &p.last_name);
        names.insert(id, n.clone());
        Ok(n)
    };
    let account_name = name_of(receipt.patient_id)?;
    let mut patients: Vec<String> = Vec::new();
    let mut applied_to = Vec::with_capacity(receipt.applied.len());
    for a in &receipt.applied {
        let who = name_of(a.patient_id)?;
        if !patients.contains(&who) {
            patients.push(who.clone());
        }
        applied_to.push((format!("{} {} - {}", a.service_date.format("%m/%d/%Y"), a.code, who), a.amount));
    }
    if patients.is_empty() {
        patients.push(account_name.clone());
    }
    Ok(ReceiptData {
        practice_name: practice.name,
        practice_address: practice.address,
        practice_phone: practice.phone,
        receipt_number: receipt.receipt_number.clone(),
        date: receipt.received_on,
        received_from: account_name,
        patient: patients.join(", "),
        account_number: account.account_number,
        method: method_words(receipt.method, &receipt.reference),
        amount: receipt.amount,
        applied_to,
        unapplied: receipt.unapplied,
        balance_after: receipt.balance_after.patient_due,
    })
}

/// Prints the receipt of a payment (rebuilt from the file, so it can be printed any time).
pub fn print_receipt(store: &Store, payment_id: i64, out_path: &str) -> Result<PrintedPaper> {
    let receipt = store.payment_receipt(payment_id)?;
    // Printing patient data is recorded (the door writes the entry when the action is one).
    store.note(|| {
        AuditNote::about(Record::new("payment", payment_id), Some(receipt.patient_id)).with_note("receipt printed")
    });
    let bytes = receipt_pdf(&receipt_data(store, &receipt)?);
    write_bytes(Path::new(out_path), &bytes)?;
    Ok(PrintedPaper {
        path: out_path.to_string(),
        bytes: bytes.len(),
        title: format!("Receipt {}", receipt.receipt_number),
    })
}

fn frequency_words(f: PlanFrequency) -> &'static str {
    match f {
        PlanFrequency::Weekly => "Weekly",
        PlanFrequency::EveryTwoWeeks => "Every 2 weeks",
        PlanFrequency::Monthly => "Monthly",
    }
}

/// The agreement's terms paragraphs.
fn agreement_terms(grace_days: i64, version: i64, down_payment: Money) -> String {
    let mut t = Vec::new();
    if version > 1 {
        t.push(format!(
            "This agreement (version {version}) replaces version {} of the same plan. Payments made under earlier versions remain credited to the account.",
            version - 1
        ));
    }
    if !down_payment.is_zero() {
        t.push(format!("A down payment of ${down_payment} is due when this agreement is signed."));
    }
    t.push("No interest or fees are charged on this plan.".to_string());
    t.push(
        "Each payment is applied to the oldest unpaid installment first; paying more than an installment pays the next ones early."
            .to_string(),
    );
    t.push(format!(
        "If an installment is still unpaid {grace_days} days after its due date, the plan is delinquent: the practice may end it, and the remaining balance then becomes due in full on the regular statements and may be sent to a collection agency."
    ));
    t.push(
        "Charges for visits after this agreement are not part of the plan unless the plan is amended in writing."
            .to_string(),
    );
    t.push(
        "You may pay at the front desk (cash, check or card) or mail a check with your account number. You may pay the remaining balance at any time."
            .to_string(),
    );
    t.join("\n")
}

/// The forms crate's agreement for a stored plan version.
pub fn plan_agreement_data(store: &Store, plan_id: i64) -> Result<PlanAgreementData> {
    let plan = store.plan(plan_id)?;
    let practice = PracticeContact::from_practice(&store.practice()?);
    let guarantor = store.get_patient(plan.patient_id)?;
    Ok(PlanAgreementData {
        practice_name: practice.name,
        practice_address: practice.address,
        practice_phone: practice.phone,
        guarantor_name: full_name(&guarantor.first_name, &guarantor.last_name),
        guarantor_address: guarantor.address,
        account_number: guarantor.account_number,
        plan_number: plan.plan_number.clone(),
        version: u32::try_from(plan.version).unwrap_or(u32::MAX),
        created: plan.created_on,
        financed: plan.terms.amount_to_finance(),
        down_payment: plan.terms.down_payment,
        installments: plan.schedule.iter().map(|i| (i.number, i.due, i.amount)).collect(),
        frequency: frequency_words(plan.terms.frequency).to_string(),
        grace_days: u32::try_from(plan.grace_days.max(0)).unwrap_or(u32::MAX),
        terms: agreement_terms(plan.grace_days, plan.version, plan.terms.down_payment),
    })
}

/// Prints a plan version's agreement with its schedule and signature lines.
pub fn print_plan_agreement(store: &Store, plan_id: i64, out_path: &str) -> Result<PrintedPaper> {
    let data = plan_agreement_data(store, plan_id)?;
    let patient = store.plan(plan_id)?.patient_id;
    store.note(|| AuditNote::about(Record::new("plan", plan_id), Some(patient)).with_note("agreement printed"));
    let bytes = plan_agreement_pdf(&data);
    write_bytes(Path::new(out_path), &bytes)?;
    Ok(PrintedPaper {
        path: out_path.to_string(),
        bytes: bytes.len(),
        title: format!("Plan {} version {}", data.plan_number, data.version),
    })
}

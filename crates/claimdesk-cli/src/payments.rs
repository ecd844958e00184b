//! `claimdesk payments post`: money from patients at the desk, through the store.

use crate::cli::{MethodArg, PaymentsCommand};
use crate::failure::Failure;
use crate::output;
use claimdesk_core::validation::parse_date;
use claimdesk_core::Money;
use claimdesk_store::{Actor, ApplyTo, PaymentInput, PaymentMethod, Store, StoreError};

/// The store's payment method for the one typed.
pub(crate) fn payment_method(method: MethodArg) -> PaymentMethod {
    match method {
        MethodArg::Cash => PaymentMethod::Cash,
        MethodArg::Check => PaymentMethod::Check,
        MethodArg::Card => PaymentMethod::Card,
        MethodArg::Agency => PaymentMethod::Agency,
        MethodArg::Other => PaymentMethod::Other,
    }
}

pub fn run(store: &mut Store, actor: &Actor, command: &PaymentsCommand, json: bool) -> Result<(), Failure> {
    let PaymentsCommand::Post { account, amount, method, reference, visits, copay, date, receipt: receipt_pdf } =
        command;
    let patient = store.get_patient_by_account(account)?;
    let amount = Money::parse(amount).map_err(|e| StoreError::invalid("amount", format!("Amount {amount:?} {e}")))?;
    let received_on = date
        .as_deref()
        .map(|d| parse_date("Date received", d).map_err(|m| StoreError::invalid("received_on", m)))
        .transpose()?;
    let apply = match (copay, visits.as_slice()) {
        (true, v) => ApplyTo::Copay { visit_id: v.first().copied() },
        (false, []) => ApplyTo::OldestFirst,
        (false, v) => ApplyTo::Visits { visit_ids: v.to_vec() },
    };
    let method = payment_method(*method);
    let input = PaymentInput {
        patient_id: patient.id.unwrap_or(0),
        received_on,
        method,
        reference: reference.clone(),
        amount,
        apply,
    };
    // A receipt path that cannot be written is refused before the money is posted.
    if let Some(path) = receipt_pdf {
        claimdesk_jobs::files::check_writable(path)?;
    }
    let receipt = store.post_patient_payment(&input, actor)?;
    // The payment is posted; a receipt that cannot be written is reported (exit 1) without
    // undoing it, and can be printed again from the payment.
    let printed = receipt_pdf
        .as_ref()
        .map(|path| claimdesk_jobs::print_receipt(store, receipt.payment_id, &path.display().to_string()))
        .transpose();
    if json {
        output::json(&receipt);
        printed?;
        return Ok(());
    }
    outln!(
        "Receipt {} — {} received {}",
        receipt.receipt_number,
        receipt.amount,
        receipt.received_on.format("%m/%d/%Y")
    );
    for a in &receipt.applied {
        outln!("  applied {} to {} on {}", a.amount, a.code, a.service_date.format("%m/%d/%Y"));
    }
    if !receipt.unapplied.is_zero() {
        outln!("  kept as a credit: {}", receipt.unapplied);
    }
    let b = receipt.balance_after;
    outln!("Account now: patient owes {}, insurance pending {}", b.patient_due, b.insurance_pending);
    if let Some(p) = printed? {
        outln!("Receipt printed to {} ({} bytes)", p.path, p.bytes);
    }
    Ok(())
}

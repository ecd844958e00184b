//! Patient accounts: payments at the desk, refunds of credits, reversing a posting.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::Money;
use claimdesk_store::{AccountBalance, PaymentInput, PaymentReceipt, Source};
use tauri::State;

#[tauri::command(async)]
pub fn payment_post(state: State<AppState>, payment: PaymentInput) -> CommandResult<PaymentReceipt> {
    state.with_store(|s| s.post_patient_payment(&payment, Source::App))
}

#[tauri::command(async)]
pub fn account_balance(state: State<AppState>, patient_id: i64) -> CommandResult<AccountBalance> {
    state.with_store(|s| s.account_balance(patient_id))
}

#[tauri::command(async)]
pub fn credit_refund(
    state: State<AppState>,
    patient_id: i64,
    amount: Money,
    reference: String,
    reason: String,
) -> CommandResult<AccountBalance> {
    state.with_store(|s| s.refund_credit(patient_id, amount, &reference, &reason, Source::App))
}

#[tauri::command(async)]
pub fn posting_reverse(state: State<AppState>, posting_id: i64, reason: String) -> CommandResult<usize> {
    state.with_store(|s| s.reverse_posting(posting_id, &reason, Source::App))
}

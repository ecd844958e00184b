//! Patient accounts: payments at the desk, refunds of credits, reversing a posting.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::Action;
use claimdesk_core::Money;
use claimdesk_jobs::PrintedPaper;
use claimdesk_store::{
    AccountBalance, CollectionsAccount, CollectionsFilter, Page, PageRequest, PaymentInput, PaymentListed,
    PaymentReceipt,
};
use tauri::State;

#[tauri::command(async)]
pub fn payment_post(state: State<AppState>, payment: PaymentInput) -> CommandResult<PaymentReceipt> {
    state.act(Action::PaymentPost, |s, actor| s.post_patient_payment(&payment, actor))
}

#[tauri::command(async)]
pub fn account_balance(state: State<AppState>, patient_id: i64) -> CommandResult<AccountBalance> {
    state.act(Action::AccountBalance, |s, _| s.account_balance(patient_id))
}

#[tauri::command(async)]
pub fn credit_refund(
    state: State<AppState>,
    patient_id: i64,
    amount: Money,
    reference: String,
    reason: String,
) -> CommandResult<AccountBalance> {
    state.act(Action::CreditRefund, |s, actor| s.refund_credit(patient_id, amount, &reference, &reason, actor))
}

#[tauri::command(async)]
pub fn posting_reverse(state: State<AppState>, posting_id: i64, reason: String) -> CommandResult<usize> {
    state.act(Action::PostingReverse, |s, actor| s.reverse_posting(posting_id, &reason, actor))
}

/// Prints a payment's receipt (rebuilt from the file) to a PDF.
#[tauri::command(async)]
pub fn receipt_print(state: State<AppState>, payment_id: i64, out_path: String) -> CommandResult<PrintedPaper> {
    let out_path = state.output_path(&out_path);
    state.act(Action::ReceiptPrint, |s, _| claimdesk_jobs::print_receipt(s, payment_id, &out_path))
}

#[tauri::command(async)]
pub fn account_payments(state: State<AppState>, patient_id: i64) -> CommandResult<Vec<PaymentListed>> {
    state.act(Action::AccountPayments, |s, _| s.account_payments(patient_id))
}

/// One page (at most `LIST_PAGE_MAX`) of the accounts past N days without a payment (and, when
/// asked, those sent to an agency), with how many there are.
#[tauri::command(async)]
pub fn collections_worklist(
    state: State<AppState>,
    filter: CollectionsFilter,
    page: PageRequest,
) -> CommandResult<Page<CollectionsAccount>> {
    state.act(Action::CollectionsWorklist, |s, _| s.collections_page(&filter, page))
}

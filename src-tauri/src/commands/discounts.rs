//! Prompt-pay discounts and prepaid care packages at the desk (the rules are
//! `claimdesk_core::discounts`; the ledger work is the store's).

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::discounts::{CarePackage, PackageStanding, PromptPayPolicy};
use claimdesk_core::Action;
use claimdesk_store::{PackageSale, PaymentMethod, PaymentReceipt};
use tauri::State;

#[tauri::command(async)]
pub fn prompt_pay_get(state: State<AppState>) -> CommandResult<PromptPayPolicy> {
    state.act(Action::PromptPayGet, |s, _| s.prompt_pay_policy())
}

#[tauri::command(async)]
pub fn prompt_pay_save(state: State<AppState>, policy: PromptPayPolicy) -> CommandResult<PromptPayPolicy> {
    state.act(Action::PromptPaySave, |s, actor| s.with_tx_by(actor, |tx| tx.save_prompt_pay_policy(&policy)))
}

/// What the patient owes on the visit, less the practice's prompt-pay discount, taken now.
#[tauri::command(async)]
pub fn payment_prompt_pay(
    state: State<AppState>,
    visit_id: i64,
    method: PaymentMethod,
    reference: String,
) -> CommandResult<PaymentReceipt> {
    state.act(Action::PaymentPromptPay, |s, actor| {
        s.with_tx_by(actor, |tx| tx.take_prompt_payment(visit_id, method, &reference, actor.source))
    })
}

#[tauri::command(async)]
pub fn packages_for_patient(state: State<AppState>, patient_id: i64) -> CommandResult<Vec<PackageStanding>> {
    state.act(Action::PackagesForPatient, |s, _| s.packages_for_patient(patient_id))
}

#[tauri::command(async)]
pub fn package_sell(
    state: State<AppState>,
    care_package: CarePackage,
    method: PaymentMethod,
    reference: String,
) -> CommandResult<PackageSale> {
    state.act(Action::PackageSell, |s, actor| {
        s.with_tx_by(actor, |tx| tx.sell_package(&care_package, method, &reference, actor.source))
            .map(|(standing, receipt)| PackageSale { standing, receipt })
    })
}

#[tauri::command(async)]
pub fn package_draw(state: State<AppState>, package_id: i64, visit_id: i64) -> CommandResult<PackageStanding> {
    state.act(Action::PackageDraw, |s, actor| {
        s.with_tx_by(actor, |tx| tx.draw_package_visit(package_id, visit_id, actor.source))
    })
}

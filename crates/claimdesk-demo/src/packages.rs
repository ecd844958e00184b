//! The chiropractic demo's cash care: the practice's prompt-pay discount (10% paid the same
//! day) and a self-pay patient on a prepaid 12-visit package with four visits drawn, so a new
//! user sees a package drawn down at once.

use chrono::{NaiveDate, TimeDelta};
use claimdesk_core::discounts::{CarePackage, PromptPayPolicy};
use claimdesk_core::{Money, Patient, Responsible, Source};
use claimdesk_store::{PaymentMethod, Result, StoreError, Tx};

/// Adds the policy and the package patient (a copy of a demo adult, self-pay); returns how many
/// patients it added.
pub fn add(tx: &Tx, today: NaiveDate, registered: &[Patient], rendering: i64) -> Result<usize> {
    tx.save_prompt_pay_policy(&PromptPayPolicy { percent: 10, within_days: 0 })?;
    let Some(template) = registered.iter().find(|p| matches!(p.guarantor, Responsible::Itself)) else { return Ok(0) };
    let mut p = template.clone();
    p.id = None;
    p.account_number = String::new();
    p.last_name = "PACKARD".into();
    p.first_name = "MARLO".into();
    p.middle_name = String::new();
    p.policies = Vec::new();
    let patient_id =
        tx.save_patient(&p)?.id.ok_or_else(|| StoreError::Corrupt("a saved patient without an id".into()))?;
    let package = CarePackage {
        id: None,
        patient_id,
        name: "12-visit adjustment package".into(),
        visits_included: 12,
        price: Money::from_cents(54000),
        purchased_on: Some(today - TimeDelta::days(30)),
        expires_on: Some(today + TimeDelta::days(335)),
        note: "Paid in full at the first visit".into(),
    };
    let (sold, _) = tx.sell_package(&package, PaymentMethod::Card, "4417", Source::Demo)?;
    let package_id = sold.package.id.ok_or_else(|| StoreError::Corrupt("a sold package without an id".into()))?;
    for days in [28, 21, 14, 7] {
        let visit = crate::visit_limits::save_adjustment(tx, patient_id, rendering, today - TimeDelta::days(days))?;
        tx.draw_package_visit(package_id, visit, Source::Demo)?;
    }
    Ok(1)
}

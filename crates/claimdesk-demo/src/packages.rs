//! The chiropractic demo's cash care: the practice's prompt-pay discount (10% paid the same
//! day) and a self-pay patient on a prepaid 12-visit package with four visits drawn, so a new
//! user sees a package drawn down at once.

use chrono::{NaiveDate, TimeDelta};
use claimdesk_core::discounts::{CarePackage, PromptPayPolicy};
use claimdesk_core::{Money, Patient, Responsible, Source};
use claimdesk_store::{PaymentMethod, Result, StoreError, Tx};

/// Adds the policy and the package patient (a demo patient without visits, whose insurance
/// ended 45 days ago: they now pay cash); returns the patient used, if the demo had one.
pub fn add(tx: &Tx, today: NaiveDate, registered: &[Patient], taken: &[i64], rendering: i64) -> Result<Option<i64>> {
    tx.save_prompt_pay_policy(&PromptPayPolicy { percent: 10, within_days: 0 })?;
    let ended = today - TimeDelta::days(45);
    let fits = |p: &Patient| {
        matches!(p.guarantor, Responsible::Itself)
            && p.policies.iter().all(|c| c.effective_from.is_some_and(|f| f <= ended))
    };
    let Some(found) = crate::visit_limits::pick(tx, registered, taken, fits)? else { return Ok(None) };
    let mut p = found.clone();
    p.last_name = "PACKARD".into();
    p.first_name = "MARLO".into();
    p.middle_name = String::new();
    for policy in p.policies.iter_mut() {
        policy.effective_to = Some(ended);
    }
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
    Ok(Some(patient_id))
}

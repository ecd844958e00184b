//! Bad input through the app's commands at the one door (`Door::act`, as the shell's commands
//! call it): each case is refused naming the field, or as not found, and the practice's
//! fingerprint is unchanged. The command-line cases are in `claimdesk-cli/tests/bad_input.rs`.

use chrono::NaiveDate;
use claimdesk_core::payment_plans::{PlanFrequency, PlanStatus, PlanTerms};
use claimdesk_core::{Action, Actor, Money, Role, Source};
use claimdesk_demo::users::DEMO_USERS;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::door::Door;
use claimdesk_store::{ApplyTo, DepositInput, FeeFilter, PaymentInput, PaymentMethod, PlanInput, Store, StoreError};

/// What a refusal must say.
enum Refusal {
    /// `StoreError::Invalid` with a problem whose field contains this.
    Field(&'static str),
    /// `StoreError::NotFound` whose text contains this.
    NotFound(&'static str),
}

type Attempt = Box<dyn Fn(&mut Store, &Actor) -> Result<(), StoreError>>;

struct Case {
    what: &'static str,
    action: Action,
    attempt: Attempt,
    refusal: Refusal,
}

fn case(
    what: &'static str,
    action: Action,
    refusal: Refusal,
    attempt: impl Fn(&mut Store, &Actor) -> Result<(), StoreError> + 'static,
) -> Case {
    Case { what, action, attempt: Box::new(attempt), refusal }
}

/// Ids the cases name, read from the demo practice.
#[derive(Clone, Copy)]
struct Ids {
    /// A guarantor's own patient record with visits.
    account: i64,
    own_visit: i64,
    /// A visit outside that account.
    other_visit: i64,
}

const MISSING: i64 = 99_999_999;

fn long() -> String {
    "x".repeat(100_000)
}

fn cases(ids: Ids) -> Vec<Case> {
    use Refusal::*;
    let payment = move |apply: ApplyTo| PaymentInput {
        patient_id: ids.account,
        received_on: None,
        method: PaymentMethod::Cash,
        reference: String::new(),
        amount: Money::from_cents(500),
        apply,
    };
    let terms = || PlanTerms {
        financed: Money::from_cents(100),
        down_payment: Money::ZERO,
        installments: Some(1),
        installment_amount: None,
        frequency: PlanFrequency::Monthly,
        first_due: NaiveDate::from_ymd_opt(2099, 1, 15),
    };
    vec![
        case("patient name with an escape sequence", Action::PatientSave, Field("last_name"), move |s, a| {
            let mut p = s.get_patient(ids.account)?;
            p.last_name = "Doe\u{1b}[2J".into();
            s.save_patient(&p, a).map(drop)
        }),
        case("patient suffix of 100,000 characters", Action::PatientSave, Field("suffix"), move |s, a| {
            let mut p = s.get_patient(ids.account)?;
            p.suffix = long();
            s.save_patient(&p, a).map(drop)
        }),
        case("patient street with a line break", Action::PatientSave, Field("address.line1"), move |s, a| {
            let mut p = s.get_patient(ids.account)?;
            p.address.line1 = "1 Main St\nApt 2".into();
            s.save_patient(&p, a).map(drop)
        }),
        case("provider credentials of 100,000 characters", Action::ProviderSave, Field("credentials"), |s, _| {
            let mut p = s.list_providers()?.remove(0);
            p.credentials = long();
            s.save_provider(&p).map(drop)
        }),
        case("provider license with a tab", Action::ProviderSave, Field("license_number"), |s, _| {
            let mut p = s.list_providers()?.remove(0);
            p.license_number = "TX\t123".into();
            s.save_provider(&p).map(drop)
        }),
        case("facility name of 61 characters", Action::FacilitySave, Field("name"), |s, _| {
            let mut f = s.list_facilities()?.remove(0);
            f.name = "F".repeat(61);
            s.save_facility(&f).map(drop)
        }),
        case("payer name with an escape", Action::PayerSave, Field("name"), |s, _| {
            let mut p = s.list_payers()?.remove(0);
            p.name = "Payer\u{1b}".into();
            s.save_payer(&p).map(drop)
        }),
        case("practice contact of 100,000 characters", Action::PracticeUpdate, Field("contact_name"), |s, _| {
            let mut p = s.practice()?;
            p.contact_name = long();
            s.update_practice(&p).map(drop)
        }),
        case("fee description of 81 characters", Action::FeeSave, Field("description"), |s, _| {
            let mut f = s.list_fees(&FeeFilter::default())?.remove(0);
            f.description = "D".repeat(81);
            s.save_fee(&f).map(drop)
        }),
        case("prior authorization wider than box 23", Action::VisitSave, Field("prior_authorization"), move |s, a| {
            let mut v = s.get_visit(ids.own_visit)?;
            v.prior_authorization = "A".repeat(30);
            s.save_visit(&v, a).map(drop)
        }),
        case("box 19 text with a NUL", Action::VisitSave, Field("additional_info"), move |s, a| {
            let mut v = s.get_visit(ids.own_visit)?;
            v.additional_info = "see\0notes".into();
            s.save_visit(&v, a).map(drop)
        }),
        case("copay for a visit that does not exist", Action::PaymentPost, Field("apply.visit_id"), move |s, a| {
            s.post_patient_payment(&payment(ApplyTo::Copay { visit_id: Some(MISSING) }), a).map(drop)
        }),
        case("payment to another account's visit", Action::PaymentPost, Field("apply.visit_ids"), move |s, a| {
            s.post_patient_payment(&payment(ApplyTo::Visits { visit_ids: vec![ids.other_visit] }), a).map(drop)
        }),
        case("payment to no visits", Action::PaymentPost, Field("apply.visit_ids"), move |s, a| {
            s.post_patient_payment(&payment(ApplyTo::Visits { visit_ids: vec![] }), a).map(drop)
        }),
        case("refund on a patient who does not exist", Action::CreditRefund, NotFound("patient"), |s, a| {
            s.refund_credit(MISSING, Money::from_cents(100), "", "overpaid", a).map(drop)
        }),
        case("reversal of a posting that does not exist", Action::PostingReverse, NotFound("posting"), |s, a| {
            s.reverse_posting(MISSING, "wrong account", a).map(drop)
        }),
        case(
            "deposit of a payment that does not exist",
            Action::DepositCreate,
            Field("patient_payment_ids[0]"),
            |s, _| {
                let input = DepositInput {
                    deposit_date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
                    bank_reference: String::new(),
                    slip_amount: None,
                    memo: String::new(),
                    patient_payment_ids: vec![MISSING],
                    remittance_ids: vec![],
                };
                s.create_deposit(&input).map(drop)
            },
        ),
        case("plan over another account's visit", Action::PlanCreate, Field("visit_ids"), move |s, _| {
            let input =
                PlanInput { patient_id: ids.account, terms: terms(), grace_days: 10, visit_ids: vec![ids.other_visit] };
            s.create_plan(&input).map(drop)
        }),
        case("end a plan that does not exist", Action::PlanEnd, NotFound("lan"), |s, _| {
            s.end_plan(MISSING, PlanStatus::Cancelled, "moved").map(drop)
        }),
        case("amend a plan that does not exist", Action::PlanAmend, NotFound("lan"), move |s, _| {
            s.amend_plan(MISSING, &terms()).map(drop)
        }),
        case("hold statements of a patient who does not exist", Action::StatementHold, NotFound("patient"), |s, _| {
            s.set_statement_hold(MISSING, "disputed")
        }),
        case("hold reason with an escape", Action::StatementHold, Field("reason"), move |s, _| {
            s.set_statement_hold(ids.account, "\u{1b}]0;title\u{7}")
        }),
        case(
            "send to collections a patient who does not exist",
            Action::CollectionsSend,
            NotFound("patient"),
            |s, _| s.send_to_collections(MISSING, "Acme Collections"),
        ),
        case("claim for a visit that does not exist", Action::ClaimCreate, NotFound("visit"), |s, a| {
            s.create_claim(MISSING, 1, a).map(drop)
        }),
        case("visit for a patient who does not exist", Action::VisitSave, Field("patient_id"), move |s, a| {
            let mut v = s.get_visit(ids.own_visit)?;
            (v.id, v.patient_id) = (None, MISSING);
            s.save_visit(&v, a).map(drop)
        }),
        case(
            "visit by a provider who does not exist",
            Action::VisitSave,
            Field("rendering_provider_id"),
            move |s, a| {
                let mut v = s.get_visit(ids.own_visit)?;
                (v.id, v.rendering_provider_id) = (None, MISSING);
                s.save_visit(&v, a).map(drop)
            },
        ),
        case("visit referred by nobody on file", Action::VisitSave, Field("referring_provider_id"), move |s, a| {
            let mut v = s.get_visit(ids.own_visit)?;
            (v.id, v.referring_provider_id) = (None, Some(MISSING));
            s.save_visit(&v, a).map(drop)
        }),
        case("visit at a facility that does not exist", Action::VisitSave, Field("facility_id"), move |s, a| {
            let mut v = s.get_visit(ids.own_visit)?;
            (v.id, v.facility_id) = (None, Some(MISSING));
            s.save_visit(&v, a).map(drop)
        }),
        case("edit a visit that does not exist", Action::VisitSave, NotFound("visit"), move |s, a| {
            let mut v = s.get_visit(ids.own_visit)?;
            v.id = Some(MISSING);
            s.save_visit(&v, a).map(drop)
        }),
        case("edit a patient who does not exist", Action::PatientSave, NotFound("patient"), move |s, a| {
            let mut p = s.get_patient(ids.account)?;
            p.id = Some(MISSING);
            s.save_patient(&p, a).map(drop)
        }),
        case("guarantor who does not exist", Action::PatientSave, Field("guarantor"), move |s, a| {
            let mut p = s.get_patient(ids.account)?;
            p.guarantor = claimdesk_core::Responsible::Patient { patient_id: MISSING, name: String::new() };
            p.guarantor_relationship = claimdesk_core::Relationship::Child;
            s.save_patient(&p, a).map(drop)
        }),
        case("policy with a payer that does not exist", Action::PatientSave, Field("payer_id"), move |s, a| {
            let mut p = s.get_patient(ids.account)?;
            let Some(policy) = p.policies.first_mut() else { return Err(StoreError::NotFound("a policy".into())) };
            policy.payer_id = MISSING;
            s.save_patient(&p, a).map(drop)
        }),
        case("deactivate a patient who does not exist", Action::PatientSetActive, NotFound("patient"), |s, _| {
            s.set_patient_active(MISSING, false, "moved").map(drop)
        }),
        case("inactive reason with an escape", Action::PatientSetActive, Field("inactive_reason"), move |s, _| {
            s.set_patient_active(ids.account, false, "moved\u{1b}[2J").map(drop)
        }),
        case(
            "claim settings of a payer that does not exist",
            Action::PayerClaimSettingsSave,
            NotFound("payer"),
            |s, _| s.save_payer_claim_settings(MISSING, &claimdesk_store::PayerClaimSettings::default()),
        ),
        case("signature text with a tab", Action::PayerClaimSettingsSave, Field("signature_on_file_text"), |s, _| {
            let payer = s.list_payers()?.remove(0).id.unwrap_or(0);
            let settings = claimdesk_store::PayerClaimSettings {
                signature_on_file_text: "SIGNATURE\tON FILE".into(),
                ..Default::default()
            };
            s.save_payer_claim_settings(payer, &settings)
        }),
        case(
            "acknowledge a warning of a claim that does not exist",
            Action::ClaimAcknowledge,
            NotFound("claim"),
            |s, _| s.acknowledge_warning(MISSING, "PATIENT_ADDRESS", "patient.address"),
        ),
        case("status of a claim that does not exist", Action::ClaimSetStatus, NotFound("claim"), |s, a| {
            s.set_claim_status(MISSING, claimdesk_core::claims::ClaimStatus::Accepted, "", a)
        }),
    ]
}

#[test]
fn bad_input_at_the_door_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.claimdesk");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let options = DemoOptions { specialty: Specialty::Physician, patients: 12, seed: 5, today };
    create_demo_with(&path, &options, &DemoActivity { visits: 20 }).unwrap();
    let mut door = Door::open(&path).unwrap();
    let &(login, _, _, password) = DEMO_USERS.iter().find(|u| u.2 == Role::Administrator).unwrap();
    door.log_in(login, password, Source::App).unwrap();

    let ids = door
        .act(Action::PracticeCheck, |s, _| -> Result<Ids, StoreError> {
            let visits = |id: i64| s.list_visits_for_patient(id);
            let mut account = None;
            for id in 1..200 {
                let Ok(p) = s.get_patient(id) else { continue };
                let own = matches!(p.guarantor, claimdesk_core::Responsible::Itself);
                if let (true, Some(v)) = (own, visits(id)?.first()) {
                    account = Some((id, v.id));
                    break;
                }
            }
            let (account, own_visit) = account.expect("a guarantor with a visit");
            let mut other_visit = None;
            for id in (1..200).filter(|&id| id != account) {
                let Ok(p) = s.get_patient(id) else { continue };
                let in_account = matches!(p.guarantor, claimdesk_core::Responsible::Patient { patient_id, .. } if patient_id == account);
                if let (false, Some(v)) = (in_account, visits(id)?.first()) {
                    other_visit = Some(v.id);
                    break;
                }
            }
            Ok(Ids { account, own_visit, other_visit: other_visit.expect("a visit on another account") })
        })
        .unwrap();

    let fingerprint = |door: &mut Door| door.act(Action::PracticeCheck, |s, _| s.fingerprint()).unwrap();
    let before = fingerprint(&mut door);
    let cases = cases(ids);
    let mut failures = Vec::new();
    for c in &cases {
        let result = door.act(c.action, |s, a| (c.attempt)(s, a));
        match (&c.refusal, result) {
            (Refusal::Field(field), Err(StoreError::Invalid(inv))) if inv.0.iter().any(|e| e.field.contains(field)) => {
            }
            (Refusal::NotFound(what), Err(StoreError::NotFound(text))) if text.contains(what) => {}
            (_, other) => failures.push(format!("{}: {:?}", c.what, other.map_err(|e| e.to_string()))),
        }
        if fingerprint(&mut door) != before {
            failures.push(format!("{}: the practice changed", c.what));
            break;
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

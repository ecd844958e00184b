//! Shared fixtures for the store's tests: a valid practice, payer and patient.
#![allow(dead_code)]

use chrono::NaiveDate;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::payment_plans::{PlanFrequency, PlanTerms};
use claimdesk_core::posting::{CasAdjustment, ClaimAdjudication, LineAdjudication};
use claimdesk_core::*;
use claimdesk_store::Actor;
use claimdesk_store::{ApplyTo, ClaimSummary, PaymentInput, PaymentMethod, PlanInput, Source, Store, StoreError};
use rusqlite::Connection;
use std::path::Path;

pub fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn today() -> NaiveDate {
    d(2026, 11, 23)
}

pub fn address(line1: &str, city: &str, state: &str, zip: &str) -> Address {
    Address { line1: line1.into(), line2: String::new(), city: city.into(), state: state.into(), zip: zip.into() }
}

pub fn practice(name: &str) -> Practice {
    Practice {
        name: name.into(),
        billing_entity: BillingEntity::Group,
        npi: "1245319599".into(),
        tax_id: "74-1234567".into(),
        tax_id_kind: TaxIdKind::Ein,
        taxonomy: "207Q00000X".into(),
        address: address("100 Main St", "Austin", "TX", "78701-2345"),
        phone: "512-555-0100".into(),
        contact_name: String::new(),
        email: String::new(),
    }
}

pub fn payer(name: &str, payer_id: &str, kind: PayerKind) -> Payer {
    Payer {
        id: None,
        name: name.into(),
        kind,
        payer_id: payer_id.into(),
        address: address("PO Box 1000", "Dallas", "TX", "75201"),
        phone: String::new(),
        claim_filing_indicator: kind.default_filing_indicator().into(),
        timely_filing_days: 90,
        accept_assignment: true,
        active: true,
        coba_id: String::new(),
    }
}

pub fn policy(payer_id: i64, member_id: &str) -> Policy {
    Policy {
        id: None,
        payer_id,
        payer_name: String::new(),
        member_id: member_id.into(),
        group_number: "GRP-1".into(),
        group_name: "Acme Corp".into(),
        subscriber: Responsible::Itself,
        relationship: Relationship::Itself,
        effective_from: Some(d(2025, 1, 1)),
        effective_to: None,
        copay: Money::from_cents(2500),
        eligibility: vec![],
        msp_type: String::new(),
        limits: Default::default(),
    }
}

pub fn patient(last: &str, first: &str, birth: NaiveDate) -> Patient {
    Patient {
        id: None,
        account_number: String::new(),
        last_name: last.into(),
        first_name: first.into(),
        middle_name: String::new(),
        suffix: String::new(),
        birth_date: Some(birth),
        sex: Sex::F,
        address: address("12 Oak St", "Austin", "TX", "78702-1234"),
        home_phone: "(512) 555-0111".into(),
        cell_phone: String::new(),
        email: String::new(),
        guarantor: Responsible::Itself,
        guarantor_relationship: Relationship::Itself,
        policies: vec![],
        active: true,
        inactive_reason: String::new(),
    }
}

pub fn person(last: &str, first: &str, birth: Option<NaiveDate>) -> Person {
    Person {
        id: None,
        last_name: last.into(),
        first_name: first.into(),
        middle_name: String::new(),
        birth_date: birth,
        sex: Sex::M,
        address: Address::default(),
        phone: String::new(),
    }
}

/// A store on a real file in `dir`, with one commercial payer; returns it and the payer id.
pub fn store_with_payer(dir: &Path, file: &str) -> (Store, i64) {
    let mut store = Store::create(&dir.join(file), &practice("Riverside Family Medicine")).unwrap();
    store.set_today(today());
    let payer = store.save_payer(&payer("Acme Health", "ACME1", PayerKind::Commercial)).unwrap();
    (store, payer.id.unwrap())
}

/// Every row of every table, as text, read through a separate connection: what the file
/// holds, independent of how the store reads it.
pub fn dump(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    let mut tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'patient_search_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut out = String::new();
    for table in tables {
        // Rows are sorted as text: WITHOUT ROWID tables have no rowid to order by.
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..cols {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .unwrap();
        let mut rows: Vec<String> = rows.map(|r| r.unwrap()).collect();
        rows.sort();
        out.push_str(&format!("== {table}\n"));
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

pub fn provider(last: &str, npi: &str) -> Provider {
    Provider {
        id: None,
        last_name: last.into(),
        first_name: "Ana".into(),
        middle_name: String::new(),
        credentials: "MD".into(),
        npi: npi.into(),
        taxonomy: "207Q00000X".into(),
        license_number: String::new(),
        is_rendering: true,
        is_referring: true,
        active: true,
    }
}

pub fn service_line(code: &str, cents: i64, pointers: &[u8], day: NaiveDate) -> claimdesk_core::visits::ServiceLine {
    claimdesk_core::visits::ServiceLine {
        id: None,
        service_from: Some(day),
        service_to: None,
        code: code.into(),
        modifiers: vec![],
        pointers: pointers.to_vec(),
        units: 1,
        charge: Money::from_cents(cents),
        charge_override_reason: String::new(),
        supplemental: String::new(),
        emergency: false,
    }
}

/// A visit for `patient_id` seen by `provider_id` on `day`: strep throat and hypertension,
/// an office visit and a rapid strep test.
pub fn visit(patient_id: i64, provider_id: i64, day: NaiveDate) -> claimdesk_core::visits::Visit {
    claimdesk_core::visits::Visit {
        id: None,
        patient_id,
        service_date: Some(day),
        rendering_provider_id: provider_id,
        referring_provider_id: None,
        facility_id: None,
        place_of_service: "11".into(),
        diagnoses: vec!["j02.0".into(), "I10".into()],
        lines: vec![service_line("99213", 12500, &[1, 2], day), service_line("87880", 3000, &[1], day)],
        conditions: Default::default(),
        onset_date: None,
        initial_treatment_date: None,
        last_xray_date: None,
        prior_authorization: String::new(),
        additional_info: String::new(),
        abn_on_file: false,
        episode_id: None,
        injury_case_id: None,
        epsdt: None,
    }
}

/// Bills a one-line 125.00 office visit (99213) of `patient_id` seen by `provider_id` on `day`:
/// the claim made ready and sent on paper in the batch file `batch`. Returns the visit id and the claim.
pub fn send_visit(
    store: &mut Store,
    patient_id: i64,
    provider_id: i64,
    day: NaiveDate,
    batch: &str,
) -> (i64, ClaimSummary) {
    let mut v = visit(patient_id, provider_id, day);
    v.lines.truncate(1);
    let visit_id = store.save_visit(&v, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    let claim = store.create_claim(visit_id, 1, &Actor::user("tester", Source::App)).unwrap();
    store.set_claim_status(claim.id, ClaimStatus::Ready, "", &Actor::user("tester", Source::App)).unwrap();
    store.mark_submitted(&[claim.id], "paper", batch, &Actor::user("tester", Source::App)).unwrap();
    (visit_id, claim)
}

/// A practice file with an insured patient and a sent claim for a 125.00 visit on 11/02/2026.
pub struct Billed {
    pub store: Store,
    pub patient: i64,
    pub visit: i64,
    pub claim: i64,
    pub control: String,
}

/// [`Billed`], on the file `file` in `dir`.
pub fn billed(dir: &Path, file: &str) -> Billed {
    let (mut store, payer_id) = store_with_payer(dir, file);
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let mut p = patient("Doe", "Jane", d(1980, 5, 17));
    p.policies.push(policy(payer_id, "XYZ123"));
    let patient = store.save_patient(&p, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    let (visit, claim) = send_visit(&mut store, patient, provider, d(2026, 11, 2), "b.pdf");
    Billed { store, patient, visit, claim: claim.id, control: claim.control_number }
}

/// A practice file whose patient owes 100.00 on a visit of 11/02/2026 (the payer denied it on
/// 11/15: 25.00 written off, 100.00 patient responsibility). Returns the store, the patient id
/// and the visit id.
pub fn owing(dir: &Path, file: &str) -> (Store, i64, i64) {
    let Billed { mut store, patient, visit, control, .. } = billed(dir, file);
    store.post_eob(&denied(&control), d(2026, 11, 15), &Actor::user("tester", Source::App)).unwrap();
    assert_eq!(store.account_balance(patient).unwrap().patient_due, m(10000));
    (store, patient, visit)
}

/// The payer's answer to a 125.00 claim for 99213 on 11/02/2026: it paid `paid`, wrote off `co`
/// (CO-45) and left `pr` to the patient (PR-`reason`); adjustments of zero are left out.
pub fn eob(control: &str, paid: i64, co: i64, pr: i64, reason: &str) -> ClaimAdjudication {
    let cas = |group: &str, reason: &str, cents| CasAdjustment {
        group: group.into(),
        reason: reason.into(),
        amount: m(cents),
        quantity: None,
    };
    ClaimAdjudication {
        control_number: control.into(),
        status_code: "1".into(),
        charge: m(12500),
        paid: m(paid),
        patient_responsibility: m(pr),
        payer_claim_number: "ICN1".into(),
        adjustments: vec![],
        remarks: vec![],
        crossover_payer: None,
        lines: vec![LineAdjudication {
            procedure: "99213".into(),
            modifiers: vec![],
            submitted_procedure: None,
            service_date: Some(d(2026, 11, 2)),
            line_control_number: None,
            charge: m(12500),
            paid: m(paid),
            units: Some(1),
            allowed: None,
            adjustments: vec![cas("CO", "45", co), cas("PR", reason, pr)]
                .into_iter()
                .filter(|a| !a.amount.is_zero())
                .collect(),
            remarks: vec![],
        }],
    }
}

/// The payer paid nothing: 25.00 written off, 100.00 deductible left to the patient.
pub fn denied(control: &str) -> ClaimAdjudication {
    eob(control, 0, 2500, 10000, "1")
}

/// The patient pays `cents` on `on` (the store's today set to that day), applied oldest first;
/// a check carries the number 1042. Returns the payment id.
pub fn pay(store: &mut Store, patient_id: i64, cents: i64, on: NaiveDate, method: PaymentMethod) -> i64 {
    store.set_today(on);
    let p = PaymentInput {
        patient_id,
        received_on: Some(on),
        method,
        reference: if method == PaymentMethod::Check { "1042".into() } else { String::new() },
        amount: m(cents),
        apply: ApplyTo::OldestFirst,
    };
    store.post_patient_payment(&p, &Actor::user("tester", Source::App)).unwrap().payment_id
}

/// 100.00 with 10.00 down, three monthly installments of 30.00 from 12/01/2026.
pub fn terms() -> PlanTerms {
    PlanTerms {
        financed: m(10000),
        down_payment: m(1000),
        installments: Some(3),
        installment_amount: None,
        frequency: PlanFrequency::Monthly,
        first_due: Some(d(2026, 12, 1)),
    }
}

/// A plan on [`terms`] for `patient_id`, 10 grace days, not tied to visits.
pub fn input(patient_id: i64) -> PlanInput {
    PlanInput { patient_id, terms: terms(), grace_days: 10, visit_ids: vec![] }
}

/// The fields a refusal names; panics on any other error.
pub fn fields(e: StoreError) -> Vec<String> {
    match e {
        StoreError::Invalid(Invalid(f)) => f.into_iter().map(|f| f.field).collect(),
        other => panic!("expected a refusal, got {other}"),
    }
}

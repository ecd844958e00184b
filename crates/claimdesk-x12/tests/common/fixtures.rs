//! Synthetic claims (no real people: names, NPIs and IDs are made up).
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use claimdesk_core::claims::{ClaimData, ClaimStatus, Frequency};
use claimdesk_core::patients::{Patient, Person, Policy, Relationship, Responsible, Sex};
use claimdesk_core::practice::{BillingEntity, Practice, TaxIdKind};
use claimdesk_core::providers::{Facility, Payer, PayerKind, Provider};
use claimdesk_core::visits::{Conditions, ServiceLine, Visit};
use claimdesk_core::{Address, Money};
use claimdesk_x12::{Envelope, Receiver, Submitter, Usage};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid fixture date")
}

pub fn money(text: &str) -> Money {
    Money::parse(text).expect("fixture amount")
}

pub fn address(line1: &str, city: &str, state: &str, zip: &str) -> Address {
    Address { line1: line1.into(), line2: String::new(), city: city.into(), state: state.into(), zip: zip.into() }
}

pub fn practice() -> Practice {
    Practice {
        name: "Riverside Family Medicine".into(),
        billing_entity: BillingEntity::Group,
        npi: "1245319599".into(),
        tax_id: "741234567".into(),
        tax_id_kind: TaxIdKind::Ein,
        taxonomy: "207Q00000X".into(),
        address: address("100 Main St", "Austin", "TX", "787011234"),
        phone: "5125550100".into(),
        contact_name: "Billing Office".into(),
        email: String::new(),
    }
}

pub fn payer(name: &str, payer_id: &str, kind: PayerKind) -> Payer {
    Payer {
        id: Some(1),
        name: name.into(),
        kind,
        payer_id: payer_id.into(),
        address: address("PO Box 1000", "Dallas", "TX", "75201"),
        phone: String::new(),
        claim_filing_indicator: kind.default_filing_indicator().into(),
        timely_filing_days: 365,
        accept_assignment: true,
        active: true,
        coba_id: String::new(),
    }
}

pub fn provider(last: &str, first: &str, npi: &str, taxonomy: &str) -> Provider {
    Provider {
        id: Some(7),
        last_name: last.into(),
        first_name: first.into(),
        middle_name: String::new(),
        credentials: "MD".into(),
        npi: npi.into(),
        taxonomy: taxonomy.into(),
        license_number: String::new(),
        is_rendering: true,
        is_referring: true,
        active: true,
    }
}

pub fn patient() -> Patient {
    Patient {
        id: Some(1),
        account_number: "A0001".into(),
        last_name: "Doe".into(),
        first_name: "Jane".into(),
        middle_name: "Q".into(),
        suffix: String::new(),
        birth_date: Some(date(1980, 4, 12)),
        sex: Sex::F,
        address: address("12 Oak Ave", "Austin", "TX", "78702"),
        home_phone: String::new(),
        cell_phone: String::new(),
        email: String::new(),
        guarantor: Responsible::Itself,
        guarantor_relationship: Relationship::Itself,
        policies: Vec::new(),
        active: true,
        inactive_reason: String::new(),
    }
}

pub fn person_from(p: &Patient) -> Person {
    Person {
        id: None,
        last_name: p.last_name.clone(),
        first_name: p.first_name.clone(),
        middle_name: p.middle_name.clone(),
        birth_date: p.birth_date,
        sex: p.sex,
        address: p.address.clone(),
        phone: String::new(),
    }
}

pub fn policy(member_id: &str, relationship: Relationship) -> Policy {
    Policy {
        id: Some(1),
        payer_id: 1,
        payer_name: String::new(),
        member_id: member_id.into(),
        group_number: "GRP100".into(),
        group_name: String::new(),
        subscriber: Responsible::Itself,
        relationship,
        effective_from: None,
        effective_to: None,
        copay: Money::ZERO,
        eligibility: Vec::new(),
        msp_type: String::new(),
        limits: Default::default(),
    }
}

pub fn line(code: &str, charge: &str, pointers: &[u8]) -> ServiceLine {
    ServiceLine {
        id: None,
        service_from: Some(date(2024, 3, 4)),
        service_to: None,
        code: code.into(),
        modifiers: Vec::new(),
        pointers: pointers.to_vec(),
        units: 1,
        charge: money(charge),
        charge_override_reason: String::new(),
        supplemental: String::new(),
        emergency: false,
    }
}

/// A plain office visit: patient is the subscriber, one line, rendering = billing NPI.
pub fn claim(control_number: &str) -> ClaimData {
    let patient = patient();
    let lines = vec![line("99213", "125.00", &[1, 2])];
    let visit = Visit {
        id: Some(1),
        patient_id: 1,
        service_date: Some(date(2024, 3, 4)),
        rendering_provider_id: 7,
        referring_provider_id: None,
        facility_id: None,
        place_of_service: "11".into(),
        diagnoses: vec!["J02.9".into(), "R50.9".into()],
        lines,
        conditions: Conditions::default(),
        onset_date: None,
        initial_treatment_date: None,
        last_xray_date: None,
        prior_authorization: String::new(),
        additional_info: String::new(),
        abn_on_file: false,
        episode_id: None,
        injury_case_id: None,
        epsdt: None,
    };
    let mut c = ClaimData {
        claim_id: Some(1),
        control_number: control_number.into(),
        status: ClaimStatus::Ready,
        frequency: Frequency::Original,
        original_reference: String::new(),
        payer_rank: 1,
        accept_assignment: true,
        total_charge: Money::ZERO,
        practice: practice(),
        payer: payer("Acme Health Plan", "ACME1", PayerKind::Commercial),
        policy: policy("XYZ123456", Relationship::Itself),
        subscriber: person_from(&patient),
        form_rules: Default::default(),
        limits: Default::default(),
        care: None,
        property_casualty_claim_number: String::new(),
        other_coverage: None,
        patient,
        rendering: provider("Smith", "John", "1245319599", "207Q00000X"),
        referring: None,
        facility: None,
        visit,
    };
    fix_total(&mut c);
    c
}

/// Recomputes the recorded total from the lines.
pub fn fix_total(c: &mut ClaimData) {
    c.total_charge = c.lines_total();
}

pub fn envelope() -> Envelope {
    Envelope {
        sender_id: "CLAIMDESK01".into(),
        sender_qualifier: "ZZ".into(),
        receiver_id: "CLEARHOUSE".into(),
        receiver_qualifier: "ZZ".into(),
        interchange_control_number: 4711,
        group_control_number: 815,
        first_transaction_set_number: 1,
        usage: Usage::Test,
        created: NaiveDateTime::new(date(2024, 3, 10), chrono::NaiveTime::from_hms_opt(14, 30, 0).expect("time")),
    }
}

pub fn submitter() -> Submitter {
    Submitter {
        name: "Riverside Family Medicine".into(),
        id: "ETIN0001".into(),
        contact_name: "Pat Biller".into(),
        contact_phone: "(512) 555-0100".into(),
    }
}

pub fn receiver() -> Receiver {
    Receiver { name: "Clear House Inc".into(), id: "CLEARHOUSE".into() }
}

pub fn facility() -> Facility {
    Facility {
        id: Some(3),
        name: "Riverside Surgery Center".into(),
        npi: "1093817373".into(),
        address: address("500 River Rd", "Austin", "TX", "787031111"),
        place_of_service: "24".into(),
        active: true,
    }
}

//! Synthetic claims for the tests and the benchmark (no real people: invented names, NPIs
//! that pass the check-digit rule, 555 phone numbers).
#![allow(dead_code)]

pub mod documents;
pub mod poppler;

use chrono::NaiveDate;
use claimdesk_core::claims::{ClaimData, ClaimStatus, Frequency, OtherCoverage};
use claimdesk_core::visits::{Conditions, ServiceLine, Visit};
use claimdesk_core::{
    Address, BillingEntity, Facility, Money, Patient, Payer, PayerKind, Person, Policy, Practice, Provider,
    Relationship, Responsible, Sex, TaxIdKind,
};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn address(line1: &str, city: &str, state: &str, zip: &str) -> Address {
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
        contact_name: String::new(),
        email: String::new(),
    }
}

pub fn payer(kind: PayerKind) -> Payer {
    Payer {
        id: Some(1),
        name: "Lone Star Health Plan".into(),
        kind,
        payer_id: "LSHP1".into(),
        address: address("PO Box 4000", "Dallas", "TX", "75201"),
        phone: "8005550199".into(),
        claim_filing_indicator: kind.default_filing_indicator().into(),
        timely_filing_days: 365,
        accept_assignment: true,
        active: true,
        coba_id: String::new(),
    }
}

pub fn provider(first: &str, middle: &str, last: &str, credentials: &str, npi: &str) -> Provider {
    Provider {
        id: Some(1),
        last_name: last.into(),
        first_name: first.into(),
        middle_name: middle.into(),
        credentials: credentials.into(),
        npi: npi.into(),
        taxonomy: "207Q00000X".into(),
        license_number: String::new(),
        is_rendering: true,
        is_referring: true,
        active: true,
    }
}

const LAST_NAMES: [&str; 8] =
    ["Testperson", "Sampleton", "Fakename", "Demoer", "Mockwell", "Placeholt", "Fictor", "Nobody"];
const FIRST_NAMES: [&str; 6] = ["Alex", "Jordan", "Casey", "Riley", "Morgan", "Quinn"];
const CODES: [(&str, i64); 6] =
    [("99213", 12500), ("98941", 6500), ("97110", 4200), ("97140", 3900), ("72100", 8800), ("99203", 17000)];

/// Line `k` (0-based) of a synthetic claim: dates March 2026, codes and charges cycling.
pub fn line(k: usize) -> ServiceLine {
    let (code, cents) = CODES[k % CODES.len()];
    let day = 2 + (k as u32 % 25);
    ServiceLine {
        id: Some(k as i64 + 1),
        service_from: Some(date(2026, 3, day)),
        service_to: Some(date(2026, 3, day)),
        code: code.into(),
        modifiers: if k % 2 == 1 { vec!["GP".into(), "59".into()] } else { vec!["25".into()] },
        pointers: vec![1, 1 + (k as u8 % 3)],
        units: 1 + (k as u32 % 3),
        charge: Money::from_cents(cents),
        charge_override_reason: String::new(),
        supplemental: if k == 0 { "N412345678901 UN1".into() } else { String::new() },
        emergency: false,
    }
}

/// A complete claim with `lines` service lines; `seed` varies the names and numbers.
pub fn claim_with(seed: usize, lines: usize) -> ClaimData {
    let last = LAST_NAMES[seed % LAST_NAMES.len()];
    let first = FIRST_NAMES[seed % FIRST_NAMES.len()];
    let patient_address = address("42 Elm Street Apt 3", "Round Rock", "TX", "78664");
    let lines: Vec<ServiceLine> = (0..lines).map(line).collect();
    let total: Money = lines.iter().map(|l| l.charge).sum();
    let subscriber = Person {
        id: None,
        last_name: last.into(),
        first_name: first.into(),
        middle_name: "Lee".into(),
        birth_date: Some(date(1980, 3, 7)),
        sex: Sex::F,
        address: Address::default(),
        phone: String::new(),
    };
    let policy = Policy {
        id: Some(1),
        payer_id: 1,
        payer_name: "Lone Star Health Plan".into(),
        member_id: format!("XZW{:09}", 100_000 + seed),
        group_number: "GRP7788".into(),
        group_name: "Acme Widgets".into(),
        subscriber: Responsible::Itself,
        relationship: Relationship::Itself,
        effective_from: Some(date(2025, 1, 1)),
        effective_to: None,
        copay: Money::from_cents(2000),
        eligibility: Vec::new(),
        msp_type: String::new(),
        limits: Default::default(),
    };
    let other_payer = Payer { name: "Secondary Mutual".into(), ..payer(PayerKind::Commercial) };
    let other_subscriber = Person {
        last_name: "Spouseman".into(),
        first_name: "Terry".into(),
        middle_name: String::new(),
        birth_date: Some(date(1979, 11, 30)),
        sex: Sex::M,
        ..subscriber.clone()
    };
    ClaimData {
        claim_id: Some(seed as i64 + 1),
        control_number: format!("CD{:08}", seed + 1),
        status: ClaimStatus::Ready,
        frequency: Frequency::Original,
        original_reference: String::new(),
        payer_rank: 1,
        accept_assignment: true,
        total_charge: total,
        practice: practice(),
        payer: payer(PayerKind::GroupHealth),
        policy: policy.clone(),
        subscriber,
        form_rules: Default::default(),
        limits: Default::default(),
        care: None,
        property_casualty_claim_number: String::new(),
        other_coverage: Some(OtherCoverage {
            payer: other_payer,
            policy: Policy { member_id: "SEC445566".into(), ..policy },
            subscriber: other_subscriber,
        }),
        patient: Patient {
            id: Some(seed as i64 + 1),
            account_number: format!("A{:06}", seed + 1),
            last_name: last.into(),
            first_name: first.into(),
            middle_name: "Lee".into(),
            suffix: String::new(),
            birth_date: Some(date(1980, 3, 7)),
            sex: Sex::F,
            address: patient_address,
            home_phone: "5125550142".into(),
            cell_phone: String::new(),
            email: String::new(),
            guarantor: Responsible::Itself,
            guarantor_relationship: Relationship::Itself,
            policies: Vec::new(),
            active: true,
            inactive_reason: String::new(),
        },
        rendering: provider("Dana", "Marie", "Healwell", "DC", "1234567893"),
        referring: Some(provider("Robin", "", "Refersmith", "MD", "1679576722")),
        facility: Some(Facility {
            id: Some(1),
            name: "Riverside Clinic North".into(),
            npi: "1104025327".into(),
            address: address("2200 North Loop", "Austin", "TX", "78756"),
            place_of_service: "11".into(),
            active: true,
        }),
        visit: Visit {
            id: Some(1),
            patient_id: seed as i64 + 1,
            service_date: Some(date(2026, 3, 2)),
            rendering_provider_id: 1,
            referring_provider_id: Some(2),
            facility_id: Some(1),
            place_of_service: "11".into(),
            diagnoses: vec!["M99.03".into(), "M54.50".into(), "S13.4XXA".into()],
            lines,
            conditions: Conditions {
                employment: false,
                auto_accident: true,
                auto_accident_state: "TX".into(),
                other_accident: false,
                accident_date: Some(date(2026, 2, 20)),
            },
            onset_date: Some(date(2026, 2, 20)),
            initial_treatment_date: Some(date(2026, 2, 23)),
            last_xray_date: None,
            prior_authorization: "PA998877".into(),
            additional_info: String::new(),
            abn_on_file: false,
            episode_id: None,
            injury_case_id: None,
            epsdt: None,
        },
    }
}

pub fn claim(lines: usize) -> ClaimData {
    claim_with(0, lines)
}

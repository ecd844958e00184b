//! Every scrubber rule: a claim that breaks it and one that passes.

use chrono::NaiveDate;
use claimdesk_core::claims::{ClaimData, ClaimStatus, Frequency, OtherCoverage};
use claimdesk_core::icd10::CodeSet;
use claimdesk_core::scrubber::{self, Context, RuleOverride, Severity, RULES};
use claimdesk_core::visits::{Conditions, ServiceLine, Visit};
use claimdesk_core::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn addr(line1: &str) -> Address {
    Address {
        line1: line1.into(),
        line2: String::new(),
        city: "Austin".into(),
        state: "TX".into(),
        zip: "78701-2345".into(),
    }
}

fn line(code: &str, cents: i64, pointers: &[u8]) -> ServiceLine {
    ServiceLine {
        id: None,
        service_from: Some(d(2026, 11, 2)),
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

/// A commercial office-visit claim that passes every rule.
fn clean() -> ClaimData {
    let payer = Payer {
        id: Some(1),
        name: "Acme Health".into(),
        kind: PayerKind::Commercial,
        payer_id: "ACME1".into(),
        address: addr("PO Box 1"),
        phone: String::new(),
        claim_filing_indicator: "CI".into(),
        timely_filing_days: 90,
        accept_assignment: true,
        active: true,
        coba_id: String::new(),
    };
    let patient = Patient {
        id: Some(1),
        account_number: "1001".into(),
        last_name: "Doe".into(),
        first_name: "Jane".into(),
        middle_name: String::new(),
        suffix: String::new(),
        birth_date: Some(d(1980, 5, 17)),
        sex: Sex::F,
        address: addr("12 Oak St"),
        home_phone: "5125550111".into(),
        cell_phone: String::new(),
        email: String::new(),
        guarantor: Responsible::Itself,
        guarantor_relationship: Relationship::Itself,
        policies: vec![],
        active: true,
        inactive_reason: String::new(),
    };
    let policy = Policy {
        id: Some(1),
        payer_id: 1,
        payer_name: "Acme Health".into(),
        member_id: "XYZ123".into(),
        group_number: "G1".into(),
        group_name: String::new(),
        subscriber: Responsible::Itself,
        relationship: Relationship::Itself,
        effective_from: Some(d(2025, 1, 1)),
        effective_to: None,
        copay: Money::ZERO,
        eligibility: vec![],
        msp_type: String::new(),
    };
    let subscriber = Person {
        id: None,
        last_name: "Doe".into(),
        first_name: "Jane".into(),
        middle_name: String::new(),
        birth_date: Some(d(1980, 5, 17)),
        sex: Sex::F,
        address: addr("12 Oak St"),
        phone: String::new(),
    };
    let rendering = Provider {
        id: Some(1),
        last_name: "Nguyen".into(),
        first_name: "Ana".into(),
        middle_name: String::new(),
        credentials: "MD".into(),
        npi: "1679576722".into(),
        taxonomy: "207Q00000X".into(),
        license_number: String::new(),
        is_rendering: true,
        is_referring: false,
        active: true,
    };
    let visit = Visit {
        id: Some(1),
        patient_id: 1,
        service_date: Some(d(2026, 11, 2)),
        rendering_provider_id: 1,
        referring_provider_id: None,
        facility_id: None,
        place_of_service: "11".into(),
        diagnoses: vec!["J02.0".into(), "I10".into()],
        lines: vec![line("99213", 12500, &[1, 2]), line("87880", 3000, &[1])],
        conditions: Conditions::default(),
        onset_date: None,
        initial_treatment_date: None,
        last_xray_date: None,
        prior_authorization: String::new(),
        additional_info: String::new(),
        abn_on_file: false,
        epsdt: None,
    };
    ClaimData {
        claim_id: Some(1),
        control_number: "C1001".into(),
        status: ClaimStatus::Draft,
        frequency: Frequency::Original,
        original_reference: String::new(),
        payer_rank: 1,
        accept_assignment: true,
        total_charge: Money::from_cents(15500),
        practice: Practice {
            name: "Riverside Family Medicine".into(),
            billing_entity: BillingEntity::Group,
            npi: "1245319599".into(),
            tax_id: "741234567".into(),
            tax_id_kind: TaxIdKind::Ein,
            taxonomy: "207Q00000X".into(),
            address: addr("100 Main St"),
            phone: "5125550100".into(),
            contact_name: String::new(),
            email: String::new(),
        },
        payer,
        policy,
        subscriber,
        form_rules: Default::default(),
        other_coverage: None,
        patient,
        rendering,
        referring: None,
        facility: None,
        visit,
    }
}

/// A Medicare chiropractic claim that passes every rule.
fn clean_chiro() -> ClaimData {
    let mut c = clean();
    c.payer.kind = PayerKind::Medicare;
    c.payer.claim_filing_indicator = "MB".into();
    c.rendering.taxonomy = "111N00000X".into();
    c.rendering.credentials = "DC".into();
    c.visit.diagnoses = vec!["M99.03".into(), "M54.50".into()];
    let mut cmt = line("98940", 4500, &[1, 2]);
    cmt.modifiers = vec!["AT".into()];
    c.visit.lines = vec![cmt];
    c.visit.initial_treatment_date = Some(d(2026, 10, 15));
    c.total_charge = Money::from_cents(4500);
    c
}

fn ctx(codes: &CodeSet) -> Context<'_> {
    Context { today: d(2026, 11, 23), codes, timely_filing_warning_days: 14 }
}

fn rules_hit(c: &ClaimData) -> Vec<String> {
    let codes = CodeSet::bundled();
    scrubber::scrub(c, &ctx(codes), &[]).into_iter().map(|f| f.rule).collect()
}

/// (rule, base claim, how to break it, the field it must point at)
type Case = (&'static str, fn() -> ClaimData, fn(&mut ClaimData), &'static str);

const CASES: &[Case] = &[
    ("BILLING_NPI", clean, |c| c.practice.npi = "1245319598".into(), "practice.npi"),
    ("BILLING_TAX_ID", clean, |c| c.practice.tax_id = "12345".into(), "practice.tax_id"),
    ("BILLING_TAXONOMY", clean, |c| c.practice.taxonomy = "207Q".into(), "practice.taxonomy"),
    ("BILLING_PO_BOX", clean, |c| c.practice.address.line1 = "PO Box 77".into(), "practice.address.line1"),
    ("BILLING_ZIP_PLUS_4", clean, |c| c.practice.address.zip = "78701".into(), "practice.address.zip"),
    (
        "FACILITY_ZIP_PLUS_4",
        clean,
        |c| {
            c.facility = Some(Facility {
                id: Some(1),
                name: "North".into(),
                npi: String::new(),
                address: Address { zip: "78701".into(), ..addr("1 North St") },
                place_of_service: "11".into(),
                active: true,
            })
        },
        "facility_id",
    ),
    ("MEDICARE_SECONDARY_PAYER_TYPE", clean_chiro, |c| c.payer_rank = 2, "policy.msp_type"),
    (
        "MEDIGAP_COBA_ID",
        clean_chiro,
        |c| {
            let mut gap = c.payer.clone();
            gap.kind = PayerKind::Medigap;
            gap.name = "Heartland Medicare Supplement".into();
            c.other_coverage =
                Some(OtherCoverage { payer: gap, policy: c.policy.clone(), subscriber: c.subscriber.clone() });
        },
        "other_coverage.payer.coba_id",
    ),
    (
        "EPSDT_INDICATOR",
        clean,
        |c| {
            c.payer.kind = PayerKind::Medicaid;
            c.patient.birth_date = Some(d(2022, 4, 9));
            c.visit.lines[0].code = "99392".into();
        },
        "epsdt",
    ),
    (
        "BOX_TEXT_TOO_LONG",
        clean,
        |c| c.practice.name = "Greater Northwest Regional Orthopaedic and Spine Associates".into(),
        "practice.name",
    ),
    ("GROUP_NPI_IS_RENDERING", clean, |c| c.rendering.npi = c.practice.npi.clone(), "practice.npi"),
    ("RENDERING_NPI", clean, |c| c.rendering.npi = "1679576723".into(), "rendering_provider_id"),
    ("RENDERING_TAXONOMY", clean, |c| c.rendering.taxonomy.clear(), "rendering_provider_id"),
    (
        "REFERRING_NPI",
        clean,
        |c| {
            let mut r = c.rendering.clone();
            r.npi = "1111111111".into();
            c.referring = Some(r);
        },
        "referring_provider_id",
    ),
    (
        "FACILITY_NPI",
        clean,
        |c| {
            c.facility = Some(Facility {
                id: Some(1),
                name: "North".into(),
                npi: "1234567890".into(),
                address: addr("1 North St"),
                place_of_service: "11".into(),
                active: true,
            })
        },
        "facility_id",
    ),
    ("INSURED_ID", clean, |c| c.policy.member_id.clear(), "policy.member_id"),
    ("PATIENT_BIRTH_DATE", clean, |c| c.patient.birth_date = None, "patient.birth_date"),
    ("PATIENT_SEX_UNKNOWN", clean, |c| c.patient.sex = Sex::U, "patient.sex"),
    ("PATIENT_ADDRESS", clean, |c| c.patient.address.city.clear(), "patient.address"),
    (
        "INSURED_DETAILS",
        clean,
        |c| {
            c.policy.relationship = Relationship::Child;
            c.subscriber.birth_date = None;
        },
        "policy.subscriber",
    ),
    ("MEDICARE_RELATIONSHIP", clean_chiro, |c| c.policy.relationship = Relationship::Spouse, "policy.relationship"),
    ("PAYER_ADDRESS", clean, |c| c.payer.address.line1.clear(), "payer.address"),
    ("SECONDARY_WITHOUT_PRIMARY", clean, |c| c.payer_rank = 2, "policy"),
    (
        "NO_DIAGNOSIS",
        clean,
        |c| {
            c.visit.diagnoses.clear();
            for l in &mut c.visit.lines {
                l.pointers.clear();
            }
        },
        "diagnoses",
    ),
    (
        "TOO_MANY_DIAGNOSES",
        clean,
        |c| {
            c.visit.diagnoses = [
                "J02.0", "I10", "E11.9", "E78.5", "R05.9", "R50.9", "J06.9", "M54.50", "Z00.00", "K21.9", "F41.1",
                "G43.909", "N39.0",
            ]
            .map(String::from)
            .to_vec();
        },
        "diagnoses",
    ),
    ("DIAGNOSIS_UNKNOWN", clean, |c| c.visit.diagnoses[1] = "X99.999".into(), "diagnoses[1]"),
    ("DIAGNOSIS_NOT_BILLABLE", clean, |c| c.visit.diagnoses[0] = "J02".into(), "diagnoses[0]"),
    ("DIAGNOSIS_DUPLICATE", clean, |c| c.visit.diagnoses[1] = "j020".into(), "diagnoses[1]"),
    ("DIAGNOSIS_UNUSED", clean, |c| c.visit.diagnoses.push("E11.9".into()), "diagnoses[2]"),
    (
        "NO_LINES",
        clean,
        |c| {
            c.visit.lines.clear();
            c.total_charge = Money::ZERO;
        },
        "lines",
    ),
    ("POINTER_MISSING", clean, |c| c.visit.lines[1].pointers.clear(), "lines[1].pointers"),
    ("POINTER_BEYOND_DIAGNOSES", clean, |c| c.visit.lines[1].pointers = vec![1, 3], "lines[1].pointers"),
    (
        "TOO_MANY_POINTERS",
        clean,
        |c| {
            c.visit.diagnoses = ["J02.0", "I10", "E11.9", "E78.5", "R05.9"].map(String::from).to_vec();
            c.visit.lines[0].pointers = vec![1, 2, 3, 4, 5];
        },
        "lines[0].pointers",
    ),
    ("POINTER_REPEATED", clean, |c| c.visit.lines[0].pointers = vec![1, 2, 1], "lines[0].pointers"),
    ("PROCEDURE_CODE", clean, |c| c.visit.lines[1].code = "8788".into(), "lines[1].code"),
    ("MODIFIER_SHAPE", clean, |c| c.visit.lines[0].modifiers = vec!["2".into()], "lines[0].modifiers"),
    ("UNITS", clean, |c| c.visit.lines[0].units = 0, "lines[0].units"),
    (
        "CHARGE",
        clean,
        |c| {
            c.visit.lines[1].charge = Money::ZERO;
            c.total_charge = Money::from_cents(12500);
        },
        "lines[1].charge",
    ),
    ("PLACE_OF_SERVICE", clean, |c| c.visit.place_of_service = "98".into(), "place_of_service"),
    (
        "DUPLICATE_LINE",
        clean,
        |c| {
            c.visit.lines[1] = c.visit.lines[0].clone();
            c.total_charge = Money::from_cents(25000);
        },
        "lines[1].code",
    ),
    ("LINE_DATES", clean, |c| c.visit.lines[0].service_to = Some(d(2026, 11, 1)), "lines[0].service_from"),
    ("SERVICE_IN_FUTURE", clean, |c| c.visit.lines[0].service_from = Some(d(2026, 12, 1)), "lines[0].service_from"),
    ("SERVICE_BEFORE_BIRTH", clean, |c| c.patient.birth_date = Some(d(2026, 11, 10)), "lines[0].service_from"),
    ("OUTSIDE_POLICY_DATES", clean, |c| c.policy.effective_to = Some(d(2026, 10, 31)), "lines[0].service_from"),
    ("TIMELY_FILING", clean, |c| c.payer.timely_filing_days = 20, "lines[0].service_from"),
    ("TIMELY_FILING_SOON", clean, |c| c.payer.timely_filing_days = 30, "lines[0].service_from"),
    ("TOTAL_MATCHES_LINES", clean, |c| c.total_charge = Money::from_cents(15000), "lines"),
    ("CORRECTION_NEEDS_ORIGINAL", clean, |c| c.frequency = Frequency::Replacement, "original_reference"),
    (
        "AUTO_ACCIDENT_STATE",
        clean,
        |c| {
            c.visit.conditions.auto_accident = true;
            c.visit.conditions.accident_date = Some(d(2026, 11, 1));
        },
        "conditions.auto_accident_state",
    ),
    ("ACCIDENT_DATE", clean, |c| c.visit.conditions.employment = true, "conditions.accident_date"),
    ("PRIOR_AUTH_FORMAT", clean, |c| c.visit.prior_authorization = "AUTH#12".into(), "prior_authorization"),
    ("CHIRO_MEDICARE_AT_MODIFIER", clean_chiro, |c| c.visit.lines[0].modifiers.clear(), "lines[0].modifiers"),
    (
        "CHIRO_MEDICARE_GA_NEEDS_ABN",
        clean_chiro,
        |c| c.visit.lines[0].modifiers = vec!["GA".into()],
        "lines[0].modifiers",
    ),
    ("CHIRO_MEDICARE_SUBLUXATION", clean_chiro, |c| c.visit.diagnoses.swap(0, 1), "diagnoses[0]"),
    (
        "CHIRO_MEDICARE_INITIAL_TREATMENT",
        clean_chiro,
        |c| c.visit.initial_treatment_date = None,
        "initial_treatment_date",
    ),
    (
        "CHIRO_MEDICARE_NOT_COVERED",
        clean_chiro,
        |c| {
            c.visit.lines.push(line("72100", 6000, &[1]));
            c.total_charge = Money::from_cents(10500);
        },
        "lines[1].code",
    ),
];

#[test]
fn the_clean_claims_pass_every_rule() {
    assert_eq!(rules_hit(&clean()), Vec::<String>::new());
    assert_eq!(rules_hit(&clean_chiro()), Vec::<String>::new());
}

#[test]
fn every_rule_catches_the_claim_that_breaks_it() {
    for (rule, base, breaks, field) in CASES {
        let mut c = base();
        assert!(!rules_hit(&c).contains(&rule.to_string()), "{rule} fires on its clean claim");
        breaks(&mut c);
        let codes = CodeSet::bundled();
        let findings = scrubber::scrub(&c, &ctx(codes), &[]);
        let f =
            findings.iter().find(|f| f.rule == *rule).unwrap_or_else(|| panic!("{rule} did not fire: {findings:#?}"));
        assert_eq!(f.field, *field, "{rule}");
        assert!(!f.message.is_empty() && !f.box_id.is_empty());
    }
}

#[test]
fn every_rule_has_a_case_and_there_are_at_least_thirty() {
    assert!(RULES.len() >= 30, "{} rules", RULES.len());
    for rule in RULES {
        assert!(CASES.iter().any(|(code, ..)| *code == rule.code), "rule {} has no test case", rule.code);
    }
}

#[test]
fn errors_block_and_overrides_relax_or_turn_off() {
    let codes = CodeSet::bundled();
    let mut c = clean_chiro();
    c.visit.lines[0].modifiers.clear();
    let findings = scrubber::scrub(&c, &ctx(codes), &[]);
    assert!(!scrubber::is_clean(&findings));
    let relaxed = [RuleOverride { rule: "CHIRO_MEDICARE_AT_MODIFIER".into(), severity: Some(Severity::Warning) }];
    let findings = scrubber::scrub(&c, &ctx(codes), &relaxed);
    assert!(scrubber::is_clean(&findings));
    assert_eq!(findings[0].severity, Severity::Warning);
    let off = [RuleOverride { rule: "CHIRO_MEDICARE_AT_MODIFIER".into(), severity: None }];
    assert!(scrubber::scrub(&c, &ctx(codes), &off).is_empty());
}

#[test]
fn secondary_claim_with_primary_on_file_passes() {
    let mut c = clean();
    c.payer_rank = 2;
    c.other_coverage =
        Some(OtherCoverage { payer: c.payer.clone(), policy: c.policy.clone(), subscriber: c.subscriber.clone() });
    assert!(!rules_hit(&c).contains(&"SECONDARY_WITHOUT_PRIMARY".to_string()));
}

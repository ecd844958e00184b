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
        limits: Default::default(),
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
        episode_id: None,
        injury_case_id: None,
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
        limits: Default::default(),
        care: None,
        property_casualty_claim_number: String::new(),
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

/// A claim to an auto carrier for an accident in Texas: passes.
fn auto_claim() -> ClaimData {
    let mut c = clean();
    c.payer.kind = PayerKind::Auto;
    c.property_casualty_claim_number = "PC-1".into();
    c.visit.conditions.auto_accident = true;
    c.visit.conditions.auto_accident_state = "TX".into();
    c.visit.conditions.accident_date = Some(d(2026, 10, 30));
    c
}

#[test]
fn a_workers_comp_claim_needs_the_employment_question() {
    let mut c = auto_claim();
    c.payer.kind = PayerKind::WorkersComp;
    assert!(rules_hit(&c).contains(&"INJURY_ACCIDENT_INDICATOR".to_string()));
    c.visit.conditions.auto_accident = false;
    c.visit.conditions.employment = true;
    assert!(!rules_hit(&c).contains(&"INJURY_ACCIDENT_INDICATOR".to_string()));
}

/// A claim under an authorization with visits left: its last one.
fn authorized() -> ClaimData {
    let mut c = clean();
    c.visit.prior_authorization = "AUTH1".into();
    c.limits.authorization =
        plan_limits::AuthorizationStanding::Covered { number: "AUTH1".into(), visit_number: 6, allowed: 6 };
    c
}

/// A claim for the plan year's last allowed visit: passes (charge entry warned already).
fn near_plan_limit() -> ClaimData {
    let mut c = clean();
    let year = plan_limits::PlanYear { starts: d(2026, 1, 1), ends: d(2026, 12, 31) };
    c.limits.plan_year = Some(plan_limits::VisitAllowance::plan_year("Acme", year, 12, 12));
    c
}

/// A Medicare chiropractic visit on maintenance care (the episode reached maximum improvement
/// on 2026-09-01) with a valid ABN listing 98940, billed with GA: passes every rule.
fn maintenance_chiro() -> ClaimData {
    use claimdesk_core::chiro_care::{Abn, AbnOption, AbnService, CareFacts};
    let mut c = clean_chiro();
    c.visit.lines[0].modifiers = vec!["GA".into()];
    c.visit.abn_on_file = true;
    c.care = Some(CareFacts {
        episode_id: 1,
        subluxation: "M99.03".into(),
        initiation_date: Some(d(2026, 6, 1)),
        maintenance_from: Some(d(2026, 9, 1)),
        abns: vec![Abn {
            id: Some(1),
            patient_id: 1,
            signed_on: Some(d(2026, 8, 28)),
            option: Some(AbnOption::BillMedicare),
            reason: "Maintenance care".into(),
            services: vec![AbnService {
                code: "98940".into(),
                description: "Spinal manipulation".into(),
                estimated_cost: Money::from_cents(4500),
            }],
            additional_info: String::new(),
        }],
    });
    c
}

/// `clean_chiro` linked to an episode still in active care (AT).
fn active_chiro() -> ClaimData {
    let mut c = maintenance_chiro();
    c.visit.lines[0].modifiers = vec!["AT".into()];
    if let Some(care) = c.care.as_mut() {
        care.maintenance_from = None;
        care.abns.clear();
    }
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
    (
        "AUTHORIZATION_MISSING",
        clean,
        |c| c.limits.authorization = plan_limits::AuthorizationStanding::Missing,
        "policy.limits.authorizations",
    ),
    (
        "AUTHORIZATION_EXPIRED",
        clean,
        |c| {
            c.limits.authorization =
                plan_limits::AuthorizationStanding::Expired { number: "AUTH1".into(), ended: d(2026, 10, 31) }
        },
        "policy.limits.authorizations",
    ),
    (
        "AUTHORIZATION_USED_UP",
        authorized,
        |c| {
            c.limits.authorization =
                plan_limits::AuthorizationStanding::UsedUp { number: "AUTH1".into(), visit_number: 7, allowed: 6 }
        },
        "policy.limits.authorizations",
    ),
    (
        "PLAN_YEAR_VISITS_EXCEEDED",
        near_plan_limit,
        |c| {
            let year = plan_limits::PlanYear { starts: d(2026, 1, 1), ends: d(2026, 12, 31) };
            c.limits.plan_year = Some(plan_limits::VisitAllowance::plan_year("Acme", year, 12, 13));
        },
        "policy.limits.visits_per_plan_year",
    ),
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
            gap.name = "Heartland Medigap Plan".into();
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
    ("INJURY_ACCIDENT_INDICATOR", auto_claim, |c| c.visit.conditions.auto_accident = false, "conditions.auto_accident"),
    ("PRIOR_AUTH_FORMAT", clean, |c| c.visit.prior_authorization = "AUTH#12".into(), "prior_authorization"),
    // coding edits
    ("CMT_REGIONS_NOT_SUPPORTED", clean_chiro, |c| c.visit.lines[0].code = "98941".into(), "lines[0].code"),
    (
        "CMT_REGIONS_UNDERCODED",
        clean_chiro,
        |c| c.visit.diagnoses = ["M99.03", "M54.50", "M99.01", "M99.02"].map(String::from).to_vec(),
        "lines[0].code",
    ),
    (
        "CMT_EXTRASPINAL_DIAGNOSIS",
        clean_chiro,
        |c| {
            let mut extremity = line("98943", 3500, &[1]);
            extremity.modifiers = vec!["GY".into()];
            c.visit.lines.push(extremity);
            c.total_charge = Money::from_cents(8000);
        },
        "lines[1].code",
    ),
    ("PREVENTIVE_AGE_BAND", clean, |c| c.visit.lines[0].code = "99395".into(), "lines[0].code"),
    (
        "MEDICARE_ROUTINE_PHYSICAL",
        clean,
        |c| {
            c.payer.kind = PayerKind::Medicare;
            c.visit.lines[0].code = "99396".into();
        },
        "lines[0].modifiers",
    ),
    ("IMMUNIZATION_COUNSELING_AGE", clean, |c| c.visit.lines[1].code = "90460".into(), "lines[1].code"),
    ("PROCEDURE_SEX", clean, |c| c.visit.lines[1].code = "G0103".into(), "lines[1].code"),
    ("DIAGNOSIS_SEX", clean, |c| c.visit.diagnoses[1] = "N40.0".into(), "diagnoses[1]"),
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
    (
        "CHIRO_MEDICARE_AT_ON_MAINTENANCE",
        maintenance_chiro,
        |c| c.visit.lines[0].modifiers = vec!["AT".into()],
        "lines[0].modifiers",
    ),
    (
        "CHIRO_MEDICARE_MAINTENANCE_GA_GZ",
        maintenance_chiro,
        |c| c.visit.lines[0].modifiers.clear(),
        "lines[0].modifiers",
    ),
    (
        "CHIRO_MEDICARE_THERAPY_GP",
        clean_chiro,
        |c| {
            let mut therapy = line("97140", 3000, &[1]);
            therapy.modifiers = vec!["GY".into()];
            c.visit.lines.push(therapy);
            c.total_charge = Money::from_cents(7500);
        },
        "lines[1].modifiers",
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

// --- coding edits ---

/// A commercial chiropractic claim: the subluxations given, then low back pain, and one
/// manipulation line pointing at the first four diagnoses.
fn chiro_claim(subluxations: &[&str], code: &str) -> ClaimData {
    let mut c = clean_chiro();
    c.payer.kind = PayerKind::Commercial;
    c.payer.claim_filing_indicator = "CI".into();
    c.visit.diagnoses = subluxations.iter().chain(&["M54.50"]).map(|d| d.to_string()).collect();
    let pointers: Vec<u8> = (1..=c.visit.diagnoses.len().min(4) as u8).collect();
    c.visit.lines = vec![line(code, 4500, &pointers)];
    c
}

fn severity_of(c: &ClaimData, rule: &str) -> Option<Severity> {
    let codes = CodeSet::bundled();
    scrubber::scrub(c, &ctx(codes), &[]).into_iter().find(|f| f.rule == rule).map(|f| f.severity)
}

#[test]
fn spinal_manipulation_level_follows_the_subluxation_regions_for_every_payer() {
    let regions = ["M99.01", "M99.02", "M99.03", "M99.04", "M99.05"];
    // (code, regions it is for) per the CPT descriptors, written out here on purpose.
    for (code, from, to) in [("98940", 1, 2), ("98941", 3, 4), ("98942", 5, 5)] {
        for n in 0..=5 {
            let c = chiro_claim(&regions[..n], code);
            let over = severity_of(&c, "CMT_REGIONS_NOT_SUPPORTED");
            let under = severity_of(&c, "CMT_REGIONS_UNDERCODED");
            assert_eq!(over, (n < from).then_some(Severity::Error), "{code} with {n} regions");
            assert_eq!(under, (n > to).then_some(Severity::Warning), "{code} with {n} regions");
        }
    }
    // The demo's old claim: 98941 for two regions is overcoded; the finding names 98940.
    let c = chiro_claim(&["M99.03", "M99.02"], "98941");
    let codes = CodeSet::bundled();
    let f = scrubber::scrub(&c, &ctx(codes), &[]).into_iter().find(|f| f.rule == "CMT_REGIONS_NOT_SUPPORTED").unwrap();
    assert!(f.message.contains("bill 98940"), "{}", f.message);
    // Extraspinal subluxations and a region typed twice do not add spinal regions.
    let c = chiro_claim(&["M99.03", "m9903", "M99.06", "M99.07"], "98941");
    assert!(rules_hit(&c).contains(&"CMT_REGIONS_NOT_SUPPORTED".to_string()));
    // Medicare is held to the same count.
    let mut c = clean_chiro();
    c.visit.diagnoses = ["M99.01", "M99.02", "M99.03", "M54.50"].map(String::from).to_vec();
    c.visit.lines[0].code = "98941".into();
    c.visit.lines[0].pointers = vec![1, 2, 3, 4];
    assert_eq!(rules_hit(&c), Vec::<String>::new());
    c.visit.diagnoses[2] = "M54.2".into();
    assert_eq!(rules_hit(&c), vec!["CMT_REGIONS_NOT_SUPPORTED".to_string()]);
}

#[test]
fn extraspinal_manipulation_needs_an_extraspinal_subluxation() {
    let c = chiro_claim(&["M99.07"], "98943");
    assert_eq!(rules_hit(&c), Vec::<String>::new());
    let c = chiro_claim(&["M99.03"], "98943");
    assert_eq!(severity_of(&c, "CMT_EXTRASPINAL_DIAGNOSIS"), Some(Severity::Warning));
    // Medicare does not pay 98943: the existing chiropractic rule asks for GY or GA, and no
    // coding edit repeats it.
    let mut c = clean_chiro();
    c.visit.diagnoses.push("M99.06".into());
    c.visit.lines.push(line("98943", 3500, &[3]));
    c.total_charge = Money::from_cents(8000);
    assert_eq!(rules_hit(&c), vec!["CHIRO_MEDICARE_NOT_COVERED".to_string()]);
    c.visit.lines[1].modifiers = vec!["GY".into()];
    assert_eq!(rules_hit(&c), Vec::<String>::new());
}

/// `clean()` billed with one preventive code, for a patient born on `born`; seen 2026-11-02.
fn preventive(code: &str, born: NaiveDate) -> ClaimData {
    let mut c = clean();
    c.patient.birth_date = Some(born);
    c.subscriber.birth_date = Some(born);
    c.visit.diagnoses = vec!["Z00.00".into()];
    c.visit.lines = vec![line(code, 25000, &[1])];
    c.total_charge = Money::from_cents(25000);
    c
}

#[test]
fn preventive_codes_follow_the_age_on_the_date_of_service() {
    let seen = d(2026, 11, 2);
    let turns = |age: i32| d(2026 - age, 11, 2); // birthday on the date of service
    let day_after = |date: NaiveDate| date.succ_opt().unwrap(); // a day short of that age
                                                                // (code, born, fits)
    let cases = [
        ("99381", d(2026, 6, 1), true),
        ("99391", day_after(turns(1)), true),
        ("99391", turns(1), false),
        ("99392", turns(1), true),
        ("99382", day_after(turns(5)), true),
        ("99393", turns(5), true),
        ("99383", turns(12), false),
        ("99394", turns(12), true),
        ("99384", day_after(turns(18)), true),
        ("99394", turns(18), false),
        ("99385", turns(18), true),
        ("99395", day_after(turns(40)), true),
        ("99386", turns(40), true),
        ("99396", day_after(turns(65)), true),
        ("99396", turns(65), false),
        ("99387", turns(65), true),
        ("99397", turns(90), true),
        ("99397", turns(46), false),
    ];
    for (code, born, fits) in cases {
        let c = preventive(code, born);
        assert_eq!(c.visit.lines[0].service_from, Some(seen));
        let hit = severity_of(&c, "PREVENTIVE_AGE_BAND");
        assert_eq!(hit, (!fits).then_some(Severity::Error), "{code} for a patient born {born}");
    }
    // The finding says which code fits.
    let c = preventive("99393", turns(14));
    let codes = CodeSet::bundled();
    let f = scrubber::scrub(&c, &ctx(codes), &[]).into_iter().find(|f| f.rule == "PREVENTIVE_AGE_BAND").unwrap();
    assert!(f.message.contains("was 14") && f.message.contains("99394"), "{}", f.message);
    // No birth date: PATIENT_BIRTH_DATE says so; the age band is not guessed.
    let mut c = preventive("99393", turns(14));
    c.patient.birth_date = None;
    assert!(!rules_hit(&c).contains(&"PREVENTIVE_AGE_BAND".to_string()));
}

#[test]
fn medicare_routine_physical_warns_unless_gy() {
    let mut c = preventive("99397", d(1955, 3, 9));
    assert_eq!(rules_hit(&c), Vec::<String>::new(), "a commercial payer may cover it");
    c.payer.kind = PayerKind::Medicare;
    c.payer.claim_filing_indicator = "MB".into();
    assert_eq!(severity_of(&c, "MEDICARE_ROUTINE_PHYSICAL"), Some(Severity::Warning));
    c.visit.lines[0].modifiers = vec!["GY".into()];
    assert_eq!(rules_hit(&c), Vec::<String>::new());
    c.visit.lines[0] = line("G0439", 19000, &[1]);
    c.total_charge = Money::from_cents(19000);
    assert_eq!(rules_hit(&c), Vec::<String>::new(), "the annual wellness visit is Medicare's");
}

#[test]
fn immunization_with_counseling_is_for_patients_through_18() {
    let mut c = clean();
    c.visit.diagnoses = vec!["Z23".into()];
    c.visit.lines = vec![line("90686", 4500, &[1]), line("90460", 3500, &[1])];
    c.total_charge = Money::from_cents(8000);
    c.patient.birth_date = Some(d(2007, 11, 3)); // 18, a day short of 19
    assert_eq!(rules_hit(&c), Vec::<String>::new());
    c.patient.birth_date = Some(d(2007, 11, 2)); // 19 on the date of service
    assert_eq!(severity_of(&c, "IMMUNIZATION_COUNSELING_AGE"), Some(Severity::Error));
    c.visit.lines[1].code = "90471".into();
    assert_eq!(rules_hit(&c), Vec::<String>::new());
}

#[test]
fn sex_specific_codes_pass_for_their_sex_or_with_kx() {
    // Procedures: prostate screening for a man passes, for a woman fails unless KX.
    let mut c = clean();
    c.visit.lines[1].code = "G0102".into();
    c.patient.sex = Sex::M;
    assert_eq!(rules_hit(&c), Vec::<String>::new());
    c.patient.sex = Sex::F;
    assert_eq!(severity_of(&c, "PROCEDURE_SEX"), Some(Severity::Error));
    c.visit.lines[1].modifiers = vec!["KX".into()];
    assert_eq!(rules_hit(&c), Vec::<String>::new());
    let mut c = clean();
    c.visit.lines[1].code = "Q0091".into();
    assert_eq!(rules_hit(&c), Vec::<String>::new());
    c.patient.sex = Sex::M;
    assert_eq!(rules_hit(&c), vec!["PROCEDURE_SEX".to_string()]);
    c.patient.sex = Sex::U;
    assert_eq!(rules_hit(&c), vec!["PATIENT_SEX_UNKNOWN".to_string()], "unknown sex is its own warning");
    // Diagnoses: a pregnancy code for a woman passes, for a man fails unless a line that
    // points to it carries KX.
    let mut c = clean();
    c.visit.diagnoses[1] = "O09.90".into();
    assert_eq!(rules_hit(&c), Vec::<String>::new());
    c.patient.sex = Sex::M;
    assert_eq!(severity_of(&c, "DIAGNOSIS_SEX"), Some(Severity::Error));
    c.visit.lines[1].modifiers = vec!["KX".into()]; // line 2 points to A only
    assert!(rules_hit(&c).contains(&"DIAGNOSIS_SEX".to_string()));
    c.visit.lines[0].modifiers = vec!["KX".into()]; // line 1 points to B
    assert!(!rules_hit(&c).contains(&"DIAGNOSIS_SEX".to_string()));
    let mut c = clean();
    c.visit.diagnoses[1] = "N94.6".into();
    c.patient.sex = Sex::M;
    assert_eq!(rules_hit(&c), vec!["DIAGNOSIS_SEX".to_string()]);
    c.patient.sex = Sex::F;
    c.visit.diagnoses[1] = "N40.0".into();
    assert_eq!(rules_hit(&c), vec!["DIAGNOSIS_SEX".to_string()]);
}

#[test]
fn active_care_takes_at_and_only_at() {
    assert_eq!(rules_hit(&active_chiro()), Vec::<String>::new());
    let mut c = active_chiro();
    c.visit.lines[0].modifiers = vec!["AT".into(), "GA".into()];
    assert_eq!(
        rules_hit(&c),
        vec!["CHIRO_MEDICARE_AT_MODIFIER".to_string(), "CHIRO_MEDICARE_GA_NEEDS_ABN".to_string()]
    );
    c.visit.lines[0].modifiers.clear();
    assert_eq!(rules_hit(&c), vec!["CHIRO_MEDICARE_AT_MODIFIER".to_string()]);
}

#[test]
fn maintenance_care_takes_ga_with_a_valid_abn_and_gz_without() {
    // GA with the ABN valid on the date of service and listing the code: clean.
    assert_eq!(rules_hit(&maintenance_chiro()), Vec::<String>::new());
    // GZ, no ABN at all: clean.
    let mut c = maintenance_chiro();
    c.visit.lines[0].modifiers = vec!["GZ".into()];
    c.care.as_mut().unwrap().abns.clear();
    c.visit.abn_on_file = false;
    assert_eq!(rules_hit(&c), Vec::<String>::new());
    // GA without an ABN.
    c.visit.lines[0].modifiers = vec!["GA".into()];
    assert_eq!(rules_hit(&c), vec!["CHIRO_MEDICARE_GA_NEEDS_ABN".to_string()]);
    // GA and GZ together.
    let mut c = maintenance_chiro();
    c.visit.lines[0].modifiers = vec!["GA".into(), "GZ".into()];
    assert_eq!(rules_hit(&c), vec!["CHIRO_MEDICARE_MAINTENANCE_GA_GZ".to_string()]);
}

#[test]
fn an_expired_abn_or_one_not_listing_the_service_is_no_abn() {
    let codes = CodeSet::bundled();
    // Signed 2025-08-28: valid through 2026-08-27, the visit is 2026-11-02.
    let mut c = maintenance_chiro();
    c.care.as_mut().unwrap().abns[0].signed_on = Some(d(2025, 8, 28));
    let f = scrubber::scrub(&c, &ctx(codes), &[]);
    let ga = f.iter().find(|f| f.rule == "CHIRO_MEDICARE_GA_NEEDS_ABN").expect("expired ABN");
    assert!(ga.message.contains("expired 08/27/2026"), "{}", ga.message);
    // The visit's own "ABN on file" box does not override the episode's ABNs.
    assert!(c.visit.abn_on_file);
    // Signed after the visit.
    c.care.as_mut().unwrap().abns[0].signed_on = Some(d(2026, 11, 3));
    assert_eq!(rules_hit(&c), vec!["CHIRO_MEDICARE_GA_NEEDS_ABN".to_string()]);
    // Valid, but for another service.
    let mut c = maintenance_chiro();
    c.visit.lines[0].code = "98941".into();
    c.visit.diagnoses = vec!["M99.03".into(), "M99.02".into(), "M99.01".into()];
    c.visit.lines[0].pointers = vec![1, 2, 3];
    let f = scrubber::scrub(&c, &ctx(codes), &[]);
    let ga = f.iter().find(|f| f.rule == "CHIRO_MEDICARE_GA_NEEDS_ABN").expect("98941 not listed");
    assert!(ga.message.contains("does not list 98941"), "{}", ga.message);
}

#[test]
fn therapies_by_a_chiropractor_take_gp_and_gy() {
    let mut c = clean_chiro();
    let mut therapy = line("97140", 3000, &[1]);
    therapy.modifiers = vec!["GP".into(), "GY".into()];
    c.visit.lines.push(therapy);
    c.total_charge = Money::from_cents(7500);
    assert_eq!(rules_hit(&c), Vec::<String>::new());
    c.visit.lines[1].modifiers = vec!["GP".into()];
    assert_eq!(rules_hit(&c), vec!["CHIRO_MEDICARE_NOT_COVERED".to_string()]);
    c.visit.lines[1].modifiers.clear();
    let mut hit = rules_hit(&c);
    hit.sort();
    assert_eq!(hit, vec!["CHIRO_MEDICARE_NOT_COVERED".to_string(), "CHIRO_MEDICARE_THERAPY_GP".to_string()]);
    // An exam by the chiropractor: GY.
    let mut c = clean_chiro();
    let mut exam = line("99203", 9000, &[1]);
    exam.modifiers = vec!["GY".into()];
    c.visit.lines.push(exam);
    c.total_charge = Money::from_cents(13500);
    assert_eq!(rules_hit(&c), Vec::<String>::new());
}

#[test]
fn the_suggested_modifiers_pass_the_scrubber() {
    use claimdesk_core::chiro_care::{suggest_modifiers, CarePhase};
    for (base, phase, abn) in [
        (active_chiro as fn() -> ClaimData, CarePhase::Active, false),
        (maintenance_chiro, CarePhase::Maintenance, true),
    ] {
        let mut c = base();
        c.visit.lines.push(line("97140", 3000, &[1]));
        c.visit.lines.push(line("99203", 9000, &[1]));
        c.total_charge = Money::from_cents(16500);
        for l in c.visit.lines.iter_mut() {
            let s = suggest_modifiers(&l.code, true, true, phase, abn).unwrap();
            l.modifiers = s.applied_to(&[]);
        }
        assert_eq!(rules_hit(&c), Vec::<String>::new(), "{phase:?}");
    }
}

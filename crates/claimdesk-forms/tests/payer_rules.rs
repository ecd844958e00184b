//! The paper claim as payers read it: Medicare's item-by-item instructions (Pub. 100-04
//! ch. 26) against NUCC's, box contents that fit their boxes, read back from the printed PDF
//! box by box with `pdftotext -bbox` (red form and plain-paper full form alike).

mod common;

use claimdesk_core::claims::{ClaimData, OtherCoverage};
use claimdesk_core::icd10::CodeSet;
use claimdesk_core::paper::{self, widths, FormRules};
use claimdesk_core::scrubber::{self, Context};
use claimdesk_core::visits::EpsdtReferral;
use claimdesk_core::{Money, PayerKind, Person, Relationship, Sex};
use claimdesk_forms::grid::Grid;
use claimdesk_forms::{print_claims, FormMode, PaperSettings, PrintJob, PrintOptions, PrinterOffsets};
use common::poppler::{words, Word};
use common::{claim, date, payer};

const CELL_W: f32 = 7.2;
const CELL_H: f32 = 12.0;

/// The words of page 1 of a printed claim, in both renderings.
struct Printed(Vec<Word>);

fn printed(c: &ClaimData, mode: FormMode, amount_paid: Option<Money>) -> Printed {
    let job = PrintJob { claim: c, paper: PaperSettings::default(), amount_paid };
    let options = PrintOptions { mode, offsets: PrinterOffsets::default(), print_date: date(2026, 3, 20) };
    let pdf = print_claims(&[job], &options, &mut |_, _| {}).expect("the claim prints");
    Printed(words(&pdf).into_iter().next().expect("a page"))
}

/// Both renderings of the claim: the red form (data only) and the full form (form drawn).
fn both(c: &ClaimData) -> [Printed; 2] {
    [printed(c, FormMode::RedForm, None), printed(c, FormMode::FullForm, None)]
}

impl Printed {
    /// The data words inside a grid field's cell (its row, from its column for its width),
    /// in reading order. Form labels of the full form are small type (under 8 pt) and left out.
    fn text(&self, box_id: &str, description: &str) -> String {
        let cell = Grid::cms1500().find(box_id, description).unwrap_or_else(|| panic!("{box_id} {description}"));
        let left = 24.0 + f32::from(cell.col - 1) * CELL_W - CELL_W / 2.0;
        let right = 24.0 + f32::from(cell.col - 1 + cell.width) * CELL_W;
        let y_mid = 20.0 + f32::from(cell.row - 1) * CELL_H + CELL_H / 2.0;
        let mut found: Vec<&Word> = self
            .0
            .iter()
            .filter(|w| w.y_max - w.y_min > 8.0)
            .filter(|w| ((w.y_min + w.y_max) / 2.0 - y_mid).abs() <= CELL_H / 2.0)
            .filter(|w| w.x_min >= left && w.x_max <= right + CELL_W / 2.0)
            .collect();
        found.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
        found.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    fn blank(&self, box_id: &str, description: &str) -> bool {
        self.text(box_id, description).is_empty()
    }
}

/// A Medicare Part B claim: the payer follows Medicare's instructions, the patient is the
/// beneficiary, a retiree plan (not a Medigap) pays after Medicare, services in the office.
fn medicare_primary() -> ClaimData {
    let mut c = claim(2);
    c.payer = claimdesk_core::Payer { name: "Medicare Part B".into(), ..payer(PayerKind::Medicare) };
    c.form_rules = FormRules::Medicare;
    c.policy.group_number.clear();
    c.policy.member_id = "1EG4TE5MK72".into();
    c.facility = None;
    c.referring = None;
    c.visit.facility_id = None;
    if let Some(o) = c.other_coverage.as_mut() {
        o.payer.kind = PayerKind::Commercial;
        o.payer.name = "Retiree Health Plan".into();
    }
    c
}

fn medigap(mut c: ClaimData, coba_id: &str) -> ClaimData {
    let gap = claimdesk_core::Payer {
        name: "Heartland Medigap Plan".into(),
        coba_id: coba_id.into(),
        ..payer(PayerKind::Medigap)
    };
    let policy =
        claimdesk_core::Policy { member_id: "HMS123456789".into(), group_number: String::new(), ..c.policy.clone() };
    c.other_coverage = Some(OtherCoverage { payer: gap, policy, subscriber: c.subscriber.clone() });
    c
}

/// Medicare pays second behind the spouse's employer plan (working aged).
fn medicare_secondary() -> ClaimData {
    let mut c = medicare_primary();
    c.payer_rank = 2;
    c.policy.msp_type = "12".into();
    let spouse = Person {
        id: Some(9),
        last_name: "Spouseman".into(),
        first_name: "Terry".into(),
        middle_name: String::new(),
        birth_date: Some(date(1958, 11, 30)),
        sex: Sex::M,
        address: Default::default(),
        phone: String::new(),
    };
    let employer = claimdesk_core::Payer { name: "Bluebonnet BCBS Plan".into(), ..payer(PayerKind::Bcbs) };
    let policy = claimdesk_core::Policy {
        member_id: "ZBB900112233".into(),
        group_number: "GRP4455".into(),
        relationship: Relationship::Spouse,
        ..c.policy.clone()
    };
    c.other_coverage = Some(OtherCoverage { payer: employer, policy, subscriber: spouse });
    c
}

#[test]
fn medicare_primary_says_none_in_item_11_and_leaves_the_insured_items_blank() {
    for p in both(&medicare_primary()) {
        assert_eq!(p.text("11", "insured policy group"), "NONE");
        for (b, d) in [
            ("4", "insured name"),
            ("7", "insured street"),
            ("7", "insured city"),
            ("11a", "insured DOB MM"),
            ("11c", "insurance plan"),
            ("6", "relationship self X"),
            ("11d", "another health benefit plan YES X"),
            ("11d", "another health benefit plan NO X"),
        ] {
            assert!(p.blank(b, d), "Medicare leaves {b} {d} blank: {:?}", p.text(b, d));
        }
        // Item 9 is for a Medigap only: the retiree plan is not named there.
        for (b, d) in [("9", "other insured name"), ("9a", "other insured policy"), ("9d", "other insured plan")] {
            assert!(p.blank(b, d), "{b}: {:?}", p.text(b, d));
        }
        // Item 13 authorizes Medigap payment: nothing to authorize here.
        assert!(p.blank("13", "insured signature"));
    }
}

#[test]
fn nucc_payers_keep_the_insured_and_the_other_plan() {
    let mut c = medicare_primary();
    c.form_rules = FormRules::Nucc;
    for p in both(&c) {
        assert_eq!(p.text("4", "insured name"), "TESTPERSON, ALEX L");
        assert_eq!(p.text("11d", "another health benefit plan YES X"), "X");
        assert_eq!(p.text("9d", "other insured plan"), "RETIREE HEALTH PLAN");
        assert_eq!(p.text("13", "insured signature"), "SIGNATURE ON FILE");
    }
}

#[test]
fn a_medigap_goes_in_item_9_with_its_prefix_and_coba_id() {
    for p in both(&medigap(medicare_primary(), "55817")) {
        assert_eq!(p.text("9", "other insured name"), "SAME");
        assert_eq!(p.text("9a", "other insured policy"), "MEDIGAP HMS123456789");
        assert_eq!(p.text("9d", "other insured plan"), "55817");
        assert_eq!(p.text("13", "insured signature"), "SIGNATURE ON FILE");
        assert_eq!(p.text("11", "insured policy group"), "NONE");
    }
    // Without a COBA ID the plan's name goes in 9d (and the scrubber warns).
    let p = printed(&medigap(medicare_primary(), ""), FormMode::RedForm, None);
    assert_eq!(p.text("9d", "other insured plan"), "HEARTLAND MEDIGAP PLAN");
}

#[test]
fn medicare_secondary_names_the_primary_in_items_4_6_7_and_11() {
    let c = medicare_secondary();
    for p in both(&c) {
        assert_eq!(p.text("11", "insured policy group"), "GRP4455");
        assert_eq!(p.text("11c", "insurance plan"), "BLUEBONNET BCBS PLAN");
        assert_eq!(p.text("4", "insured name"), "SPOUSEMAN, TERRY");
        assert_eq!(p.text("6", "relationship spouse X"), "X");
        assert_eq!(p.text("7", "insured street"), "SAME");
        assert_eq!(p.text("11a", "insured DOB MM"), "11");
        assert_eq!(p.text("11a", "insured DOB CCYY"), "1958");
        assert!(p.blank("9", "other insured name"), "the primary is not a Medigap");
        assert!(p.blank("11d", "another health benefit plan YES X"));
    }
    // The patient is the primary plan's insured: SAME in 4 and 7, no 11a.
    let mut own = c.clone();
    if let Some(o) = own.other_coverage.as_mut() {
        o.policy.relationship = Relationship::Itself;
    }
    let p = printed(&own, FormMode::RedForm, None);
    assert_eq!(p.text("4", "insured name"), "SAME");
    assert_eq!(p.text("6", "relationship self X"), "X");
    assert!(p.blank("11a", "insured DOB MM"));
}

#[test]
fn item_29_prints_the_amount_the_caller_says_was_paid() {
    let p = printed(&medicare_secondary(), FormMode::RedForm, Some(Money::from_cents(2000)));
    assert_eq!(p.text("29", "amount paid"), "20 00");
    let p = printed(&medicare_secondary(), FormMode::RedForm, None);
    assert!(p.blank("29", "amount paid"));
}

#[test]
fn medicare_wants_the_service_location_in_32_even_at_the_office_but_not_at_home() {
    let office = medicare_primary();
    for p in both(&office) {
        assert_eq!(p.text("32", "service facility name"), "RIVERSIDE FAMILY MEDICINE");
        assert_eq!(p.text("32", "service facility street"), "100 MAIN ST");
        assert_eq!(p.text("32", "service facility city"), "AUSTIN TX 787011234");
        assert!(p.blank("32a", "service facility NPI"), "the office's NPI is already in 33a");
    }
    let mut home = office.clone();
    home.visit.place_of_service = "12".into();
    assert!(printed(&home, FormMode::RedForm, None).blank("32", "service facility name"));
    // NUCC: 32 only names a facility the visit was at.
    let mut nucc = office;
    nucc.form_rules = FormRules::Nucc;
    assert!(printed(&nucc, FormMode::RedForm, None).blank("32", "service facility name"));
}

#[test]
fn medicare_in_office_lab_tests_name_the_performing_physician_as_ordering() {
    let mut c = medicare_primary();
    c.visit.lines[1].code = "80053".into();
    for p in both(&c) {
        assert_eq!(p.text("17", "referring provider qualifier"), "DK");
        assert_eq!(p.text("17", "referring provider name"), "DANA M HEALWELL DC");
        assert_eq!(p.text("17b", "referring provider NPI"), c.rendering.npi);
    }
    // No lab or imaging: nothing ordered, nobody referred, 17 stays blank.
    let mut plain = medicare_primary();
    plain.visit.lines[1].code = "97110".into();
    assert!(printed(&plain, FormMode::RedForm, None).blank("17", "referring provider qualifier"));
    // NUCC: a referring provider is DN.
    let nucc = claim(2);
    assert_eq!(printed(&nucc, FormMode::RedForm, None).text("17", "referring provider qualifier"), "DN");
}

#[test]
fn medicare_chiropractic_puts_the_initiation_of_treatment_in_14_without_a_qualifier() {
    let mut c = medicare_primary();
    c.visit.onset_date = Some(date(2026, 1, 10));
    c.visit.initial_treatment_date = Some(date(2026, 2, 23));
    c.visit.last_xray_date = Some(date(2026, 2, 24));
    for p in both(&c) {
        assert_eq!(p.text("14", "date of current illness MM"), "02");
        assert_eq!(p.text("14", "date of current illness DD"), "23");
        assert_eq!(p.text("14", "date of current illness YY"), "26");
        assert!(p.blank("14", "qualifier"), "Medicare uses no qualifier in 14: {:?}", p.text("14", "qualifier"));
        assert!(p.blank("15", "other date qualifier"));
        assert!(p.blank("15", "other date MM"));
        // The x-ray date goes in item 19, six digits like 14 and 24A.
        assert_eq!(p.text("19", "additional claim information"), "022426");
        assert_eq!(p.text("24A-line1", "from YY"), "26");
    }
    // Other payers keep onset (431) in 14 and initial treatment (454) in 15.
    let mut nucc = c;
    nucc.form_rules = FormRules::Nucc;
    let p = printed(&nucc, FormMode::RedForm, None);
    assert_eq!(p.text("14", "qualifier"), "431");
    assert_eq!(p.text("14", "date of current illness DD"), "10");
    assert_eq!(p.text("15", "other date qualifier"), "454");
    assert_eq!(p.text("15", "other date DD"), "23");
    assert_eq!(p.text("15", "other date YY"), "26");
}

#[test]
fn a_medicaid_epsdt_screening_carries_its_referral_code_in_24h() {
    let mut c = claim(2);
    c.payer = claimdesk_core::Payer { name: "Texas Medicaid".into(), ..payer(PayerKind::Medicaid) };
    c.visit.epsdt = Some(EpsdtReferral::NoReferral);
    for p in both(&c) {
        assert_eq!(p.text("24H-line1-shaded", "EPSDT referral code"), "NU");
        assert_eq!(p.text("24H-line2-shaded", "EPSDT referral code"), "NU");
    }
    c.visit.epsdt = Some(EpsdtReferral::NewServices);
    assert_eq!(printed(&c, FormMode::RedForm, None).text("24H-line1-shaded", "EPSDT referral code"), "ST");
    c.visit.epsdt = None;
    assert!(printed(&c, FormMode::RedForm, None).blank("24H-line1-shaded", "EPSDT referral code"));
}

#[test]
fn long_names_and_addresses_are_shortened_the_standard_way_not_cut() {
    let mut c = claim(2);
    c.practice.address.line1 = "1200 West Riverside Drive".into();
    c.practice.address.line2 = "Suite 210".into();
    c.rendering.first_name = "Marco".into();
    c.rendering.middle_name = "Rafael".into();
    c.rendering.last_name = "Castellanos".into();
    c.rendering.credentials = "D.C.".into();
    c.practice.phone = "(512) 555-0100".into();
    for p in both(&c) {
        assert_eq!(p.text("33", "billing provider street"), "1200 W RIVERSIDE DR STE 210");
        assert_eq!(p.text("31", "physician signature"), "MARCO CASTELLANOS DC");
        // NUCC 33: the number with no hyphen or space inside it.
        assert_eq!(p.text("33", "billing provider phone area"), "512");
        assert_eq!(p.text("33", "billing provider phone number"), "5550100");
    }
    let codes = CodeSet::bundled();
    let ctx = Context { today: date(2026, 3, 20), codes, timely_filing_warning_days: 14 };
    assert!(scrubber::scrub(&c, &ctx, &[]).iter().all(|f| f.rule != "BOX_TEXT_TOO_LONG"));
}

/// Every name and address box, fed the longest value its field can hold: it prints whole
/// (shortened at most), or the scrubber warns naming that box and the form shows the cut
/// text inside the box.
#[test]
fn the_longest_value_each_box_can_receive_fits_or_the_scrubber_warns() {
    let long = "Abcdefghij Klmnopqrst Uvwxyzabcd Efghijklmn Opqrstuvwx Yzabcdefgh"; // 65 characters
    type Setter = fn(&mut ClaimData, &str);
    let boxes: &[(&str, &str, usize, Setter)] = &[
        ("2", "patient name", widths::PATIENT_NAME, |c, v| c.patient.last_name = v.into()),
        ("5", "patient street", widths::PATIENT_STREET, |c, v| c.patient.address.line1 = v.into()),
        ("5", "patient city", widths::PATIENT_CITY, |c, v| c.patient.address.city = v.into()),
        ("9d", "other insured plan", widths::OTHER_INSURED, |c, v| {
            if let Some(o) = c.other_coverage.as_mut() {
                o.payer.name = v.into();
            }
        }),
        ("11c", "insurance plan", widths::INSURED_POLICY, |c, v| c.payer.name = v.into()),
        ("17", "referring provider name", widths::REFERRING_NAME, |c, v| {
            if let Some(r) = c.referring.as_mut() {
                r.last_name = v.into();
            }
        }),
        ("23", "prior authorization", widths::PRIOR_AUTHORIZATION, |c, v| {
            c.visit.prior_authorization = v.replace(' ', "")
        }),
        ("31", "physician signature", widths::PHYSICIAN_SIGNATURE, |c, v| c.rendering.last_name = v.into()),
        ("32", "service facility name", widths::SERVICE_FACILITY, |c, v| {
            if let Some(f) = c.facility.as_mut() {
                f.name = v.into();
            }
        }),
        ("32", "service facility street", widths::SERVICE_FACILITY, |c, v| {
            if let Some(f) = c.facility.as_mut() {
                f.address.line1 = v.into();
            }
        }),
        ("33", "billing provider name", widths::BILLING_PROVIDER, |c, v| c.practice.name = v.into()),
        ("33", "billing provider street", widths::BILLING_PROVIDER, |c, v| c.practice.address.line1 = v.into()),
        ("33", "billing provider city", widths::BILLING_PROVIDER, |c, v| c.practice.address.city = v.into()),
    ];
    let codes = CodeSet::bundled();
    let ctx = Context { today: date(2026, 3, 20), codes, timely_filing_warning_days: 14 };
    for (box_id, description, width, set) in boxes {
        // The grid gives the box the width measured on the form.
        let cell = Grid::cms1500().find(box_id, description).unwrap();
        assert_eq!(usize::from(cell.width), *width, "{box_id} {description}: grid and paper::widths agree");
        let mut c = claim(2);
        set(&mut c, long);
        let shown = printed(&c, FormMode::RedForm, None).text(box_id, description);
        assert!(!shown.is_empty() && shown.len() <= *width, "{box_id} {description}: {shown:?}");
        let warned = scrubber::scrub(&c, &ctx, &[])
            .into_iter()
            .filter(|f| f.rule == "BOX_TEXT_TOO_LONG")
            .any(|f| f.message.starts_with(&format!("Box {box_id}:")));
        assert!(warned, "{box_id} {description}: a value cut to {shown:?} must be warned about");
    }
    // And the overflow list the scrubber uses is empty for the everyday claim.
    assert!(paper::overflowing_boxes(&claim(2)).is_empty());
}

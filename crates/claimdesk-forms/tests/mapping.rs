//! ClaimData -> box text, checked on the placed items (no PDF tools needed), and the claims
//! the form refuses.

mod common;

use claimdesk_core::claims::Frequency;
use claimdesk_core::{Money, TaxIdKind};
use claimdesk_forms::cms1500::{form_pages, FormPage};
use claimdesk_forms::{
    pages_for, print_claims, FormError, FormMode, PaperSettings, PrintJob, PrintOptions, PrinterOffsets,
};
use common::{claim, date};

fn page1(c: &claimdesk_core::claims::ClaimData) -> FormPage {
    form_pages(c, &PaperSettings::default(), None, date(2026, 3, 20)).expect("printable").remove(0)
}

fn options() -> PrintOptions {
    PrintOptions { mode: FormMode::RedForm, offsets: PrinterOffsets::default(), print_date: date(2026, 3, 20) }
}

fn print_one(c: &claimdesk_core::claims::ClaimData, options: &PrintOptions) -> Result<Vec<u8>, FormError> {
    print_claims(&[PrintJob { claim: c, paper: PaperSettings::default(), amount_paid: None }], options, &mut |_, _| {})
}

#[test]
fn pages_per_six_lines() {
    for (lines, pages) in [(0, 1), (1, 1), (6, 1), (7, 2), (12, 2), (13, 3)] {
        assert_eq!(pages_for(&claim(lines)), pages, "{lines} lines");
    }
}

#[test]
fn corrected_and_void_claims_fill_box_22() {
    let mut c = claim(1);
    assert_eq!(page1(&c).text("22 "), None, "an original claim leaves box 22 blank");
    c.frequency = Frequency::Replacement;
    c.original_reference = "payer-claim-123".into();
    let p = page1(&c);
    assert_eq!(p.text("22 resubmission code"), Some("7"));
    assert_eq!(p.text("22 original ref"), Some("PAYER-CLAIM-123"));
    c.frequency = Frequency::Void;
    assert_eq!(page1(&c).text("22 resubmission code"), Some("8"));
}

#[test]
fn optional_parties_leave_their_boxes_blank() {
    let mut c = claim(1);
    c.referring = None;
    c.facility = None;
    c.other_coverage = None;
    let p = page1(&c);
    assert_eq!(p.text("17 "), None);
    assert_eq!(p.text("17b "), None);
    assert_eq!(p.text("32 "), None);
    assert_eq!(p.text("9 "), None);
    assert_eq!(p.text("11d another health benefit plan NO X"), Some("X"));
    assert_eq!(p.text("11d another health benefit plan YES X"), None);
}

#[test]
fn dates_of_boxes_14_and_15() {
    let mut c = claim(1);
    c.visit.onset_date = None;
    c.visit.initial_treatment_date = None;
    c.visit.last_xray_date = Some(date(2026, 1, 5));
    let p = page1(&c);
    // No onset date: the accident date is the date of the injury.
    assert_eq!(p.text("14 date of current illness MM"), Some("02"));
    assert_eq!(p.text("14 date of current illness DD"), Some("20"));
    assert_eq!(p.text("14 qualifier"), Some("431"));
    assert_eq!(p.text("15 other date qualifier"), Some("455"));
    // Six digits, like 24A (one date format for 14-19 and 24A).
    assert_eq!(p.text("14 date of current illness YY"), Some("26"));
    assert_eq!(p.text("15 other date YY"), Some("26"));
}

#[test]
fn text_is_upper_case_and_fits_its_box() {
    let mut c = claim(1);
    c.patient.last_name = "Vanderberg-Montgomery-Smythe".into();
    c.patient.first_name = "Alexandria".into();
    c.patient.suffix = "Jr.".into();
    c.practice.tax_id_kind = TaxIdKind::Ssn;
    c.visit.lines[0].emergency = true;
    let p = page1(&c);
    let name = p.text("2 patient name").unwrap();
    assert_eq!(name, "VANDERBERG-MONTGOMERY-SMYTHE");
    assert!(name.len() <= 28);
    assert_eq!(p.text("25 SSN X"), Some("X"));
    assert_eq!(p.text("25 EIN X"), None);
    assert_eq!(p.text("24C-line1 EMG"), Some("Y"));
    assert_eq!(p.text("21 diagnosis C"), Some("S134XXA"));
}

#[test]
fn continued_only_before_the_last_page() {
    let c = claim(13);
    let paper = PaperSettings { continued_in_box_28: true, signature_on_file_text: "SOF".into() };
    let pages = form_pages(&c, &paper, None, date(2026, 3, 20)).unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].text("28 "), Some("CONTINUED"));
    assert_eq!(pages[1].text("28 "), Some("CONTINUED"));
    assert_eq!(pages[2].text("28 "), Some("  125 00"));
    assert_eq!(pages[2].text("12 patient signature"), Some("SOF"));
    assert_eq!(pages[2].text("24D-line2"), None, "line 13 is alone on page 3");
}

#[test]
fn box_29_carries_what_other_payers_paid_on_the_last_form_only() {
    assert_eq!(page1(&claim(1)).text("29 "), None, "blank unless another payer paid");
    let paid = Money::from_cents(8_432);
    let pages = form_pages(&claim(7), &PaperSettings::default(), Some(paid), date(2026, 3, 20)).unwrap();
    assert_eq!(pages[0].text("29 "), None);
    assert_eq!(pages[1].text("29 "), Some("   84 32"));
    let too_big =
        form_pages(&claim(1), &PaperSettings::default(), Some(Money::from_cents(1_000_000_000)), date(2026, 3, 20));
    assert!(matches!(too_big, Err(FormError::AmountDoesNotFit { .. })));
}

#[test]
fn refuses_what_the_form_cannot_carry() {
    let o = options();
    let mut c = claim(0);
    assert!(matches!(print_one(&c, &o), Err(FormError::NoServiceLines { .. })));

    c = claim(1);
    c.visit.diagnoses = (0..13).map(|i| format!("M54.{i}")).collect();
    assert!(matches!(print_one(&c, &o), Err(FormError::TooManyDiagnoses { count: 13, .. })));

    c = claim(1);
    c.visit.lines[0].pointers = vec![1, 4];
    let err = print_one(&c, &o).unwrap_err();
    assert_eq!(err, FormError::BadPointer { control_number: "CD00000001".into(), line: 1, pointer: 4 });
    assert!(err.to_string().starts_with("Claim CD00000001: line 1"));

    c = claim(1);
    c.visit.lines[0].charge = Money::from_cents(10_000_000);
    c.total_charge = c.lines_total();
    assert!(matches!(print_one(&c, &o), Err(FormError::AmountDoesNotFit { .. })));

    c = claim(2);
    c.total_charge = Money::from_cents(1);
    assert!(matches!(print_one(&c, &o), Err(FormError::TotalMismatch { .. })));

    c = claim(1);
    for offsets in [PrinterOffsets { left_pt: f32::NAN, top_pt: 0.0 }, PrinterOffsets { left_pt: 0.0, top_pt: -80.0 }] {
        let bad = PrintOptions { offsets, ..options() };
        assert!(matches!(print_one(&c, &bad), Err(FormError::InvalidOffsets { .. })));
    }
    assert_eq!(print_claims(&[], &o, &mut |_, _| {}), Err(FormError::NothingToPrint));
}

#[test]
fn carrier_block_uses_two_address_lines_when_there_are_two() {
    let mut c = claim(1);
    c.payer.address.line1 = "Attn: Claims Dept.".into();
    c.payer.address.line2 = "PO Box 4000".into();
    let p = page1(&c);
    assert_eq!(p.text("carrier payer name"), Some("LONE STAR HEALTH PLAN"));
    assert_eq!(p.text("carrier payer attention"), Some("ATTN CLAIMS DEPT"));
    assert_eq!(p.text("carrier payer street"), Some("PO BOX 4000"));
    assert_eq!(p.text("carrier payer city"), Some("DALLAS TX 75201"));
}

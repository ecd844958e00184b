//! The Advance Beneficiary Notice (CMS-R-131) checked through poppler: every blank where the
//! form has it, the chosen option checked, the edition line.

mod common;

use claimdesk_core::chiro_care::{AbnOption, AbnService, MAINTENANCE_REASON, MAX_ABN_SERVICES};
use claimdesk_core::{Address, Money};
use claimdesk_forms::abn::{abn_pdf, AbnData, ABN_EDITION, ABN_OMB};
use common::poppler::{layout_pages, layout_text, save_artifact, words, Word};

fn abn(services: usize, option: Option<AbnOption>) -> AbnData {
    let list = [
        ("98941", "Spinal manipulation, 3-4 regions, maintenance care", 4800),
        ("98940", "Spinal manipulation, 1-2 regions, maintenance care", 3900),
        ("97140", "Manual therapy, each 15 minutes", 3500),
    ];
    AbnData {
        practice_name: "Spine & Wellness Chiropractic".into(),
        practice_address: Address {
            line1: "200 Main St".into(),
            line2: String::new(),
            city: "Austin".into(),
            state: "TX".into(),
            zip: "787011234".into(),
        },
        practice_phone: "5125550142".into(),
        patient_name: "Harold Q Testperson".into(),
        identification_number: "A000417".into(),
        services: (0..services)
            .map(|i| {
                let (code, what, cents) = list[i % list.len()];
                AbnService { code: code.into(), description: what.into(), estimated_cost: Money::from_cents(cents) }
            })
            .collect(),
        reason: MAINTENANCE_REASON.into(),
        option,
        additional_info: "Valid for one year of maintenance visits.".into(),
        signed_on: option.map(|_| chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()),
    }
}

fn find<'a>(words: &'a [Word], text: &str) -> &'a Word {
    words.iter().find(|w| w.text == text).unwrap_or_else(|| panic!("{text:?} not on the page"))
}

#[test]
fn the_abn_carries_every_blank_in_the_forms_order() {
    let a = abn(2, Some(AbnOption::BillMedicare));
    let pdf = abn_pdf(&a);
    let text = layout_text(&pdf);
    for needle in [
        "A. Notifier:",
        "Spine & Wellness Chiropractic",
        "200 Main St",
        "Austin, TX 78701-1234",
        "(512) 555-0142",
        "B. Patient Name:",
        "Harold Q Testperson",
        "C. Identification Number:",
        "A000417",
        "Advance Beneficiary Notice of Non-coverage (ABN)",
        "NOTE: If Medicare doesn't pay for D. Services below, you may have to pay.",
        "D. Services",
        "E. Reason Medicare May Not Pay:",
        "F. Estimated Cost",
        "(98941)",
        "$48.00",
        "$39.00",
        "Medicare does not pay for chiropractic",
        "G. OPTIONS:",
        "OPTION 1. I want the D. Services listed above.",
        "OPTION 2. I want the D. Services listed above, but do not bill Medicare.",
        "OPTION 3. I don't want the D. Services listed above.",
        "H. Additional Information:",
        "Valid for one year of maintenance visits.",
        "1-800-MEDICARE",
        "I. Signature:",
        "J. Date:",
        "03/15/2026",
        "Form CMS-R-131 (Exp. 01/2026)",
        "OMB Approval No. 0938-0566",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    assert_eq!(format!("{ABN_EDITION} {ABN_OMB}"), "Form CMS-R-131 (Exp. 01/2026) OMB Approval No. 0938-0566");
    assert!(!text.contains("1EG4"), "never the Medicare number");
    assert_eq!(layout_pages(&pdf).len(), 1);
    assert_eq!(pdf, abn_pdf(&a), "a reprint gives the same bytes");

    // Where things are: A above B/C above the title above D/E/F; the costs in column F right of
    // the reasons; the X in option 1's box; the signature line above the edition at the foot.
    let page = &words(&pdf)[0];
    let notifier = find(page, "Notifier:");
    let patient = find(page, "Harold");
    let id = find(page, "A000417");
    let title = find(page, "Advance");
    let cost = find(page, "$48.00");
    let reason_head = find(page, "Reason");
    let option1 = find(page, "OPTION");
    let x = page.iter().find(|w| w.text == "X").expect("the chosen option is checked");
    let signature = find(page, "Signature:");
    let edition = find(page, "CMS-R-131");
    assert!(notifier.y_min < patient.y_min && patient.y_min < title.y_min);
    assert!((patient.y_min - id.y_min).abs() < 2.0 && id.x_min > 350.0, "C on B's line, to the right");
    assert!(cost.x_min > reason_head.x_max && cost.y_min > reason_head.y_min);
    assert!((x.y_min - option1.y_min).abs() < 4.0 && x.x_max < option1.x_min, "X in option 1's box");
    assert!(signature.y_max < 690.0 && edition.y_min > 740.0, "signature {signature:?}, edition {edition:?}");
    save_artifact(&pdf, "abn");
}

#[test]
fn an_unsigned_abn_leaves_the_options_and_date_blank_and_a_full_one_fits_the_page() {
    let blank = abn(1, None);
    let page = &words(&abn_pdf(&blank))[0];
    assert!(!page.iter().any(|w| w.text == "X"), "the beneficiary checks the box");
    assert!(!page.iter().any(|w| w.text == "03/15/2026"));

    let full = abn(MAX_ABN_SERVICES, Some(AbnOption::DoNotBill));
    let pdf = abn_pdf(&full);
    assert_eq!(layout_pages(&pdf).len(), 1);
    let page = &words(&pdf)[0];
    let x = page.iter().find(|w| w.text == "X").expect("option 2 checked");
    let options: Vec<&Word> = page.iter().filter(|w| w.text == "OPTION").collect();
    assert!((x.y_min - options[1].y_min).abs() < 4.0, "X beside option 2");
    save_artifact(&pdf, "abn_full");
    let signature = find(page, "Signature:");
    let foot = find(page, "discriminate");
    assert!(signature.y_max < foot.y_min, "six services still leave room for the signature");
}

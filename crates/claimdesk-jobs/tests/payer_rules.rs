//! The demo practices as a billing auditor reads them: every Medicare claim follows Medicare's
//! item-by-item paper instructions (Pub. 100-04 ch. 26), every claim scrubs without a box cut
//! short, and Medicare-secondary and EPSDT claims go out electronically the way the 837P guide
//! places them, validated by pyx12.

#[path = "../../claimdesk-x12/tests/common/pyx12.rs"]
mod pyx12;

use claimdesk_core::claims::ClaimData;
use claimdesk_core::icd10::CodeSet;
use claimdesk_core::paper::FormRules;
use claimdesk_core::scrubber::{self, Context};
use claimdesk_core::PayerKind;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_forms::cms1500::{form_pages, FormPage};
use claimdesk_forms::PaperSettings;
use claimdesk_jobs::{export_837, print_claims, ExportRequest, FormKind, PrintRequest};
use claimdesk_store::Actor;
use claimdesk_store::{ClaimQueue, Source, Store};
use std::path::Path;

fn demo(dir: &Path, specialty: Specialty, patients: usize, visits: usize) -> Store {
    let today = chrono::Local::now().date_naive();
    let options = DemoOptions { specialty, patients, seed: 7, today };
    let path = dir.join(format!("{specialty:?}.claimdesk"));
    let (mut store, _) = create_demo_with(&path, &options, &DemoActivity { visits }).unwrap();
    store.set_today(today);
    store
}

fn all_claims(store: &Store) -> Vec<ClaimData> {
    store.list_claims(&ClaimQueue::All).unwrap().iter().map(|c| store.claim_data(c.id).unwrap()).collect()
}

/// The first form of a claim; None for a claim the form refuses (the demo spoils a few on
/// purpose: they wait in the scrubber's errors queue and never print).
fn first_page(c: &ClaimData) -> Option<FormPage> {
    let pages = form_pages(c, &PaperSettings::default(), None, chrono::Local::now().date_naive()).ok()?;
    pages.into_iter().next()
}

/// Items 4, 6, 7, 9, 11, 11a-d, 13, 14, 15, 17 and 32 of one Medicare claim, as ch. 26 asks.
fn check_medicare_claim(c: &ClaimData) {
    let Some(p) = first_page(c) else { return };
    let control = &c.control_number;
    let rank_1 = c.payer_rank == 1;
    let item_11 = p.text("11 insured policy group").unwrap_or_default();
    if rank_1 {
        assert_eq!(item_11, "NONE", "{control}: item 11 says NONE when nothing is primary to Medicare");
        for field in ["4 ", "6 ", "7 ", "11a ", "11c "] {
            assert!(p.text(field).is_none(), "{control}: item {field} stays blank: {:?}", p.text(field));
        }
    } else {
        let primary = c.other_coverage.as_ref().expect("a Medicare-secondary claim names the primary");
        let expected = if primary.policy.group_number.is_empty() {
            &primary.policy.member_id
        } else {
            &primary.policy.group_number
        };
        assert_eq!(&item_11, expected, "{control}: item 11 is the primary's policy or group number");
        assert!(p.text("11c insurance plan").is_some_and(|t| t != "MEDICARE PART B (DEMO)"));
        assert!(p.text("4 insured name").is_some(), "{control}: item 4 names the primary's insured");
    }
    assert!(p.text("11d ").is_none(), "{control}: Medicare leaves 11d blank");
    // Item 9: a Medigap only, with its prefix.
    match c.other_coverage.as_ref().filter(|o| rank_1 && o.payer.kind == PayerKind::Medigap) {
        Some(_) => {
            assert!(p.text("9a ").is_some_and(|t| t.starts_with("MEDIGAP ") || t.starts_with("MG ")), "{control}");
            assert!(p.text("13 ").is_some(), "{control}: 13 authorizes the Medigap payment");
        }
        None => {
            assert!(p.text("9 ").is_none() && p.text("9a ").is_none() && p.text("9d ").is_none(), "{control}: item 9");
            assert!(p.text("13 ").is_none(), "{control}: no Medigap, nothing in 13");
        }
    }
    // Item 32: the service location for every place of service but home.
    assert_eq!(
        p.text("32 service facility name").is_some(),
        c.visit.place_of_service != "12",
        "{control}: item 32 at place of service {}",
        c.visit.place_of_service
    );
    // Items 14 and 15: no qualifier, nothing in 15; chiropractic: the initiation of treatment.
    assert!(p.text("14 qualifier").is_none() && p.text("15 ").is_none(), "{control}: 14/15");
    if let Some(start) = c.visit.initial_treatment_date {
        assert_eq!(p.text("14 date of current illness DD"), Some(format!("{}", start.format("%d")).as_str()));
        assert_eq!(p.text("14 date of current illness YY"), Some(format!("{}", start.format("%y")).as_str()));
    }
    // Item 17: ordered laboratory and radiology name the ordering physician (DK).
    let ordered = c.visit.lines.iter().any(|l| ("70010"..="89398").contains(&l.code.as_str()) && l.code.len() == 5);
    if ordered {
        assert_eq!(p.text("17 referring provider qualifier"), Some("DK"), "{control}: item 17 for a lab test");
        assert!(p.text("17b ").is_some());
    }
}

#[test]
fn every_medicare_claim_in_both_demos_follows_medicares_paper_instructions() {
    let dir = tempfile::tempdir().unwrap();
    let physician = demo(dir.path(), Specialty::Physician, 400, 900);
    let chiro = demo(dir.path(), Specialty::Chiro, 150, 400);
    let (mut primary, mut secondary, mut medigap, mut lab, mut chiro_claims, mut epsdt) = (0, 0, 0, 0, 0, 0);
    for store in [&physician, &chiro] {
        for c in all_claims(store) {
            if c.visit.epsdt.is_some() {
                assert_eq!(c.payer.kind, PayerKind::Medicaid, "{}", c.control_number);
                epsdt += 1;
            }
            if c.payer.kind != PayerKind::Medicare {
                assert_eq!(c.form_rules, FormRules::Nucc);
                continue;
            }
            assert_eq!(c.form_rules, FormRules::Medicare, "Medicare payers follow Medicare's instructions");
            check_medicare_claim(&c);
            if c.payer_rank == 1 {
                primary += 1;
            } else {
                secondary += 1;
                assert!(!c.policy.msp_type.is_empty(), "{}: the MSP type is on file", c.control_number);
            }
            medigap += usize::from(c.other_coverage.as_ref().is_some_and(|o| o.payer.kind == PayerKind::Medigap));
            lab += usize::from(c.visit.lines.iter().any(|l| l.code == "80053"));
            chiro_claims += usize::from(c.visit.initial_treatment_date.is_some());
        }
    }
    for (what, n) in [
        ("Medicare primary", primary),
        ("Medicare secondary", secondary),
        ("Medigap", medigap),
        ("in-office lab", lab),
        ("chiropractic", chiro_claims),
        ("Medicaid EPSDT", epsdt),
    ] {
        assert!(n > 0, "the demos hold {what} claims to check");
    }
}

#[test]
fn no_demo_claim_has_a_box_cut_short_or_a_five_digit_billing_zip() {
    let dir = tempfile::tempdir().unwrap();
    for specialty in [Specialty::Physician, Specialty::Chiro] {
        let store = demo(dir.path(), specialty, 120, 250);
        let codes = CodeSet::bundled();
        let ctx = Context { today: store.today(), codes, timely_filing_warning_days: 14 };
        for c in all_claims(&store) {
            let result = scrubber::scrub(&c, &ctx, &[]);
            for rule in
                ["BOX_TEXT_TOO_LONG", "BILLING_ZIP_PLUS_4", "FACILITY_ZIP_PLUS_4", "MEDICARE_SECONDARY_PAYER_TYPE"]
            {
                assert!(
                    !result.iter().any(|f| f.rule == rule),
                    "{specialty:?} claim {}: {rule}: {result:?}",
                    c.control_number
                );
            }
        }
    }
}

#[test]
fn medicare_secondary_and_epsdt_claims_export_as_the_guide_places_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), Specialty::Physician, 400, 900);
    let claims = all_claims(&store);
    let medicare_secondary = claims
        .iter()
        .filter(|c| c.payer.kind == PayerKind::Medicare && c.payer_rank == 2)
        .find(|c| store.prior_payment(c.claim_id.unwrap()).unwrap().is_some())
        .expect("a Medicare-secondary claim whose primary has paid");
    let epsdt = claims.iter().find(|c| c.visit.epsdt.is_some()).expect("an EPSDT claim");
    let ids = vec![medicare_secondary.claim_id.unwrap(), epsdt.claim_id.unwrap()];
    let out = dir.path().join("rules.837");
    let request = ExportRequest {
        claim_ids: ids,
        out_path: out.display().to_string(),
        clearinghouse_id: None,
        mark_submitted: false,
    };
    export_837(&mut store, &request, &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    pyx12::validate("jobs-payer-rules.837", &text, "837/005010X222A1").unwrap();
    let segments: Vec<&str> = text.lines().map(|l| l.trim_end_matches('~')).collect();
    let sbr: Vec<&&str> = segments.iter().filter(|s| s.starts_with("SBR*S*") && s.ends_with("*MB")).collect();
    assert!(sbr.iter().any(|s| s.split('*').nth(5) == Some("12")), "2000B SBR05 = 12 (working aged): {sbr:?}");
    let crc = if epsdt.visit.epsdt.unwrap().referral_given() { "CRC*ZZ*Y*" } else { "CRC*ZZ*N*NU" };
    assert!(segments.iter().any(|s| s.starts_with(crc)), "{crc}");
    // Both N4s of the billing provider (2010AA) carry nine digits.
    let billing_n4 = segments.iter().skip_while(|s| !s.starts_with("NM1*85*")).nth(2).unwrap();
    assert_eq!(billing_n4.rsplit('*').next().map(str::len), Some(9), "{billing_n4}");
}

#[test]
fn a_medicare_claim_prints_none_in_item_11_on_the_red_form() {
    // The printed PDF carries what `form_pages` laid out (checked box by box in the forms
    // crate); here one demo Medicare claim goes through the real print job.
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), Specialty::Chiro, 120, 250);
    let c = all_claims(&store)
        .into_iter()
        .find(|c| c.payer.kind == PayerKind::Medicare && c.payer_rank == 1)
        .expect("a Medicare claim");
    let out = dir.path().join("medicare.pdf");
    let request = PrintRequest {
        claim_ids: vec![c.claim_id.unwrap()],
        out_path: out.display().to_string(),
        form: FormKind::Red,
        mark_submitted: false,
        printer: None,
    };
    print_claims(&mut store, &request, &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap();
    let text = std::process::Command::new("pdftotext").arg("-layout").arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("NONE"), "{text}");
    assert!(!text.contains(" 454 "), "no qualifier 454 on a Medicare chiropractic claim");
}

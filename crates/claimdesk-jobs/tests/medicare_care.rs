//! The ABN (CMS-R-131) printed from the chiropractic demo, whose maintenance-care patient
//! signed one, checked by the text pdftotext reads back; box 14 of that patient's claims is
//! the episode's initiation date.

use chrono::NaiveDate;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::{print_abn, JobError};
use claimdesk_store::{ClaimQueue, Store};
use std::path::Path;
use std::process::Command;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn demo(dir: &Path) -> Store {
    let options = DemoOptions { specialty: Specialty::Chiro, patients: 120, seed: 7, today: today() };
    let (mut store, _) = create_demo_with(&dir.join("c.claimdesk"), &options, &DemoActivity { visits: 120 }).unwrap();
    store.set_today(today());
    store
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn squeeze(text: &str) -> String {
    text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_demo_maintenance_patients_abn_prints_with_the_practice_patient_services_and_option() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    // The patient whose claims carry GA: the one with the signed ABN.
    let mut abn = None;
    for c in store.list_claims(&ClaimQueue::All).unwrap() {
        let data = store.claim_data(c.id).unwrap();
        let Some(care) = &data.care else { continue };
        // Box 14 / DTP*454: the episode's initiation date, through the visit. Medicare's box
        // 14 for chiropractic is the initiation of the course of treatment, MM DD YY, no
        // qualifier (Pub. 100-04 ch. 26 item 14).
        assert_eq!(data.visit.initial_treatment_date, care.initiation_date);
        let started = care.initiation_date.unwrap();
        let page = &claimdesk_forms::cms1500::form_pages(&data, &Default::default(), None, today()).unwrap()[0];
        assert_eq!(page.text("14 date of current illness MM"), Some(started.format("%m").to_string().as_str()));
        assert_eq!(page.text("14 date of current illness DD"), Some(started.format("%d").to_string().as_str()));
        assert_eq!(page.text("14 date of current illness YY"), Some(started.format("%y").to_string().as_str()));
        assert_eq!(page.text("14 qualifier"), None);
        if data.visit.lines[0].modifiers == ["GA"] {
            abn = store.abns_for_patient(data.patient.id.unwrap(), today()).unwrap().into_iter().next();
        }
    }
    let abn = abn.expect("the demo has a maintenance patient with a signed ABN");
    let patient = store.get_patient(abn.abn.patient_id).unwrap();
    let out = dir.path().join("abn.pdf");
    let printed = print_abn(&store, abn.abn.id.unwrap(), &out.display().to_string()).unwrap();
    assert_eq!(printed.bytes as u64, std::fs::metadata(&out).unwrap().len());
    let text = squeeze(&pdf_text(&out));
    let practice = store.practice().unwrap();
    let signed = abn.abn.signed_on.unwrap().format("%m/%d/%Y").to_string();
    for needle in [
        practice.name.as_str(),
        "Advance Beneficiary Notice of Non-coverage (ABN)",
        &patient.first_name,
        &patient.last_name,
        &patient.account_number,
        &format!("({})", abn.abn.services[0].code),
        &format!("${}", abn.abn.services[0].estimated_cost),
        "OPTION 1.",
        &signed,
        "Form CMS-R-131 (Exp. 01/2026)",
        "OMB Approval No. 0938-0566",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    let member = &patient.policies[0].member_id;
    assert!(!text.contains(member.as_str()), "blank C is the account number, never the Medicare number");
    assert!(abn.status_label.starts_with("valid until"), "{}", abn.status_label);

    // An unknown ABN writes nothing.
    let none = dir.path().join("none.pdf");
    assert!(matches!(print_abn(&store, 999_999, &none.display().to_string()), Err(JobError::Store(_))));
    assert!(!none.exists());
}

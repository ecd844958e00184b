//! Every file ClaimDesk writes is written whole: an export whose disk fails halfway (a write
//! error injected after N bytes, `files::fault`) leaves no file at the target and no temporary
//! file beside it, and a file already there is left exactly as it was. These are the functions
//! the app's commands call (`patients_export`, `fees_export`, `report_export`).

use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::files::fault::fail_writes_after;
use claimdesk_jobs::{csv_files, export_report, ExportFormat, JobError, ReportKind, ReportParams};
use claimdesk_store::Store;
use std::path::Path;

fn demo(dir: &Path) -> Store {
    let today = chrono::Local::now().date_naive();
    let options = DemoOptions { specialty: Specialty::Physician, patients: 40, seed: 3, today };
    let (mut store, _) = create_demo_with(&dir.join("p.claimdesk"), &options, &DemoActivity { visits: 60 }).unwrap();
    store.set_today(today);
    store
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

type Export = fn(&Store, &Path) -> Result<u64, JobError>;

const EXPORTS: &[(&str, Export)] = &[
    ("patients.csv", |s, p| csv_files::export_patients_csv(s, p).map(|n| n as u64)),
    ("fees.csv", |s, p| csv_files::export_fees_csv(s, p).map(|n| n as u64)),
    ("aging.csv", |s, p| export_report(s, &ReportParams::new(ReportKind::Aging), ExportFormat::Csv, p).map(|r| r.rows)),
    ("underpaid.pdf", |s, p| {
        export_report(s, &ReportParams::new(ReportKind::Underpaid), ExportFormat::Pdf, p).map(|r| r.rows)
    }),
];

#[test]
fn an_export_that_fails_halfway_leaves_no_file_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();

    for (name, export) in EXPORTS {
        let target = out.join(name);
        // The whole file, to know how big it is and that the export works at all.
        export(&store, &target).unwrap_or_else(|e| panic!("{name}: {e}"));
        let whole = std::fs::read(&target).unwrap();
        assert!(whole.len() > 300, "{name} is big enough to fail halfway ({} bytes)", whole.len());
        std::fs::remove_file(&target).unwrap();

        // No file there yet: the failure leaves none, and no temporary file.
        fail_writes_after(Some(200));
        let err = export(&store, &target).expect_err(name);
        fail_writes_after(None);
        let message = err.to_string();
        assert!(message.contains(name) && message.contains("injected"), "{name}: {message}");
        assert!(names(&out).is_empty(), "{name}: {:?} left behind", names(&out));

        // An older file there: left byte for byte.
        std::fs::write(&target, b"the export of last month").unwrap();
        fail_writes_after(Some(200));
        assert!(export(&store, &target).is_err(), "{name}");
        fail_writes_after(None);
        assert_eq!(std::fs::read(&target).unwrap(), b"the export of last month", "{name}");
        assert_eq!(names(&out), vec![name.to_string()], "{name}: only the old file");

        // And without the failure the old file is replaced whole.
        export(&store, &target).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), whole, "{name}");
        std::fs::remove_file(&target).unwrap();
    }
}

#[test]
fn imports_name_the_file_they_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let missing = dir.path().join("new patients.csv");
    let err = csv_files::import_patients_csv(&mut store, &missing).unwrap_err().to_string();
    assert!(err.contains("new patients.csv") && err.contains("no such file"), "{err}");
    let err = csv_files::import_fees_csv(&mut store, dir.path()).unwrap_err().to_string();
    assert!(err.contains("folder"), "{err}");
    let err = claimdesk_jobs::import_835_file(
        &mut store,
        &dir.path().join("remit.835"),
        true,
        &claimdesk_store::Actor::user("tester", claimdesk_store::Source::App),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("remit.835"), "{err}");
}

#[test]
fn a_round_trip_through_the_files_imports_what_was_exported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let fees = dir.path().join("fees.csv");
    let written = csv_files::export_fees_csv(&store, &fees).unwrap();
    assert!(written > 0);
    let report = csv_files::import_fees_csv(&mut store, &fees).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.imported + report.unchanged, written);
}

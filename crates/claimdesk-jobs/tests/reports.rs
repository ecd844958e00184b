//! Reports exported from a demo practice file: CSV parsed back with the csv crate, PDFs read
//! back with pdftotext, files written whole or not at all; and a big aging report on bulk
//! history whose totals are the ledger's balances.

use chrono::NaiveDate;
use claimdesk_core::Money;
use claimdesk_demo::bulk::{create_bulk_practice, BulkOptions};
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::reports::{report_csv, report_document, ReportCell, REPORTS};
use claimdesk_jobs::{
    export_report, report_page, reports_catalog, run_report, ExportFormat, JobError, Report, ReportKind, ReportParams,
};
use claimdesk_store::{AgingBy, AgingFilter, Store};
use std::path::Path;
use std::process::Command;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn demo(dir: &Path) -> Store {
    let options = DemoOptions { specialty: Specialty::Physician, patients: 120, seed: 8, today: today() };
    let (mut store, _) = create_demo_with(&dir.join("p.claimdesk"), &options, &DemoActivity { visits: 200 }).unwrap();
    store.set_today(today());
    store
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn money(text: &str) -> Money {
    Money::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

#[test]
fn the_aging_csv_and_pdf_carry_the_report_s_rows_and_totals() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let params = ReportParams { by: Some(AgingBy::Payer), ..ReportParams::new(ReportKind::Aging) };
    let Report::Aging(aging) = run_report(&store, &params).unwrap() else { panic!("an aging report") };
    assert!(!aging.rows.is_empty());

    let csv_path = dir.path().join("aging.csv");
    let done = export_report(&store, &params, ExportFormat::Csv, &csv_path).unwrap();
    assert_eq!(done.rows, aging.rows.len() as u64);
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, ["Payer", "Account", "Current", "31-60", "61-90", "91-120", "Over 120", "Total"]);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), aging.rows.len() + 1, "rows and the totals row");
    for (record, row) in records.iter().zip(&aging.rows) {
        assert_eq!(&record[0], row.name.as_str());
        assert_eq!(money(&record[7]), row.total);
        assert_eq!(
            money(&record[2]) + money(&record[3]) + money(&record[4]) + money(&record[5]) + money(&record[6]),
            row.total
        );
    }
    let totals = records.last().unwrap();
    assert_eq!((&totals[0], money(&totals[7])), ("Total", aging.total));

    let pdf_path = dir.path().join("aging.pdf");
    export_report(&store, &params, ExportFormat::Pdf, &pdf_path).unwrap();
    let text = pdf_text(&pdf_path);
    assert!(text.contains("AR aging by payer"));
    assert!(text.contains(&format!("${}", aging.total)), "{text}");
    assert!(text.contains(&aging.rows[0].name));
    assert!(text.contains("Page 1 of 1"));
    let again = dir.path().join("again.pdf");
    export_report(&store, &params, ExportFormat::Pdf, &again).unwrap();
    assert_eq!(std::fs::read(&pdf_path).unwrap(), std::fs::read(&again).unwrap(), "same report, same bytes");
}

#[test]
fn a_report_that_cannot_be_written_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let out = dir.path().join("missing-folder").join("day.csv");
    let params = ReportParams::new(ReportKind::DaySheet);
    assert!(matches!(export_report(&store, &params, ExportFormat::Csv, &out), Err(JobError::Write { .. })));
    assert!(!out.exists());
}

/// Every row of the table of reports runs through what the app's `report_run` calls, on a
/// demo practice: its page has the document's tables (cells as wide as the columns, money as
/// money), and it exports to CSV (plain decimals, read back) and to PDF (its title read back).
#[test]
fn every_report_in_the_catalog_runs_and_exports_to_csv_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let from = today() - chrono::TimeDelta::days(365);
    let catalog = reports_catalog();
    assert_eq!(catalog.len(), REPORTS.len());
    let mut money_cells = 0;
    for info in &catalog {
        assert_eq!(info.kind.title(), info.title);
        let params = ReportParams { from: Some(from), ..ReportParams::new(info.kind) };
        let page = report_page(&store, &params).unwrap_or_else(|e| panic!("{}: {e}", info.title));
        assert_eq!(page.kind, info.kind);
        let report = run_report(&store, &params).unwrap();
        let doc = report_document(&report, "Riverside Family Medicine", today());
        assert_eq!(page.title, doc.title);
        assert_eq!(page.tables.len(), doc.sections.len(), "{}", info.title);
        for (table, section) in page.tables.iter().zip(&doc.sections) {
            assert_eq!(table.columns.len(), section.columns.len());
            assert_eq!(table.rows.len(), section.rows.len(), "{} {}", info.title, section.heading);
            for row in table.rows.iter().chain(&table.totals) {
                assert_eq!(row.len(), table.columns.len(), "{} {}", info.title, table.heading);
                money_cells += row.iter().filter(|c| matches!(c, ReportCell::Money(_))).count();
            }
        }

        let csv_path = dir.path().join(format!("{:?}.csv", info.kind));
        let done = export_report(&store, &params, ExportFormat::Csv, &csv_path).unwrap();
        assert_eq!(done.rows, doc.sections.iter().map(|s| s.rows.len() as u64).sum::<u64>());
        let csv = std::fs::read_to_string(&csv_path).unwrap();
        assert_eq!(csv.as_bytes(), report_csv(&doc).unwrap().as_slice(), "{}", info.title);
        assert!(!csv.contains('$'), "money is a plain decimal in CSV");
        let records = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(&csv_path).unwrap();
        assert!(records.into_records().all(|r| r.is_ok()), "{}: the CSV reads back", info.title);

        let pdf_path = dir.path().join(format!("{:?}.pdf", info.kind));
        export_report(&store, &params, ExportFormat::Pdf, &pdf_path).unwrap();
        assert!(pdf_text(&pdf_path).contains(&doc.title), "{}: the PDF carries its title", info.title);
    }
    assert!(money_cells > 50, "money travels as money cells: {money_cells}");
}

#[test]
fn a_range_that_ends_before_it_starts_is_refused_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path());
    let params = ReportParams {
        from: Some(today()),
        to: Some(today() - chrono::TimeDelta::days(1)),
        ..ReportParams::new(ReportKind::Denials)
    };
    let err = report_page(&store, &params).unwrap_err();
    let report = claimdesk_store::ErrorReport::from(&err);
    assert_eq!(report.fields.len(), 1, "{report:?}");
    assert_eq!(report.fields[0].field, "to");
    // A report without a range ignores the dates.
    assert!(report_page(&store, &ReportParams { kind: ReportKind::Plans, ..params }).is_ok());
}

#[test]
fn aging_over_bulk_history_adds_up_to_the_ledger_on_any_day() {
    let dir = tempfile::tempdir().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let options = BulkOptions { patients: 150, service_lines: 6_000, days: 500, seed: 2, today: day };
    let (store, summary) = create_bulk_practice(&dir.path().join("b.claimdesk"), &options).unwrap();
    for as_of in [day, day - chrono::TimeDelta::days(45), day - chrono::TimeDelta::days(200)] {
        let mut insurance = Money::ZERO;
        let mut patient = Money::ZERO;
        for id in 1..=summary.patients as i64 {
            for e in store.ledger_for_patient(id).unwrap().iter().filter(|e| e.entry_date <= as_of) {
                match e.bucket {
                    claimdesk_core::posting::Bucket::Insurance => insurance = insurance + e.amount,
                    claimdesk_core::posting::Bucket::Patient => patient = patient + e.amount,
                }
            }
        }
        let by_payer = store.report_aging(&AgingFilter { as_of, by: AgingBy::Payer }).unwrap();
        let by_guarantor = store.report_aging(&AgingFilter { as_of, by: AgingBy::Guarantor }).unwrap();
        assert_eq!((by_payer.total, by_guarantor.total), (insurance, patient), "as of {as_of}");
        assert!(by_payer.totals.over_120 > Money::ZERO || as_of < day, "old insurance balances exist");
        for r in by_payer.rows.iter().chain(&by_guarantor.rows) {
            assert_eq!(r.aging.total(), r.total);
        }
    }
}

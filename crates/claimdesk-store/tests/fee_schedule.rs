//! The fee schedule: dated standard and payer fees, overlaps, CSV import and export.

mod common;
use common::*;

use claimdesk_core::{FeeEntry, Money, PayerKind};
use claimdesk_store::{FeeFilter, FeeSchedule, StoreError};

fn fee(
    payer_id: Option<i64>,
    code: &str,
    cents: i64,
    from: chrono::NaiveDate,
    to: Option<chrono::NaiveDate>,
) -> FeeEntry {
    FeeEntry {
        id: None,
        payer_id,
        schedule_name: String::new(),
        code: code.into(),
        modifier: String::new(),
        description: String::new(),
        amount: Money::from_cents(cents),
        effective_from: Some(from),
        effective_to: to,
    }
}

#[test]
fn the_fee_in_force_on_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, acme) = store_with_payer(dir.path(), "f.claimdesk");
    store.save_fee(&fee(None, "99213", 12000, d(2025, 1, 1), None)).unwrap();
    // A new fee year closes last year's open entry the day before.
    store.save_fee(&fee(None, "99213", 12500, d(2026, 1, 1), None)).unwrap();
    store.save_fee(&fee(Some(acme), "99213", 9850, d(2026, 1, 1), None)).unwrap();
    let mut mod26 = fee(None, "93000", 4000, d(2026, 1, 1), None);
    mod26.modifier = "26".into();
    store.save_fee(&mod26).unwrap();
    store.save_fee(&fee(None, "93000", 9000, d(2026, 1, 1), None)).unwrap();

    let cents = |payer: Option<i64>, code: &str, m: &str, day| {
        store.fee_for(payer, code, m, day).unwrap().map(|e| e.amount.cents())
    };
    assert_eq!(cents(None, "99213", "", d(2025, 12, 31)), Some(12000));
    assert_eq!(cents(None, "99213", "", d(2026, 1, 1)), Some(12500));
    assert_eq!(cents(None, "99213", "", d(2024, 6, 1)), None);
    assert_eq!(cents(Some(acme), "99213", "", d(2026, 3, 1)), Some(9850));
    assert_eq!(cents(None, "93000", "26", d(2026, 3, 1)), Some(4000));
    assert_eq!(cents(None, "93000", "59", d(2026, 3, 1)), Some(9000), "falls back to the plain code");

    let standard = store.list_fees(&FeeFilter { schedule: FeeSchedule::Standard, code_prefix: "992".into() }).unwrap();
    assert_eq!(standard.len(), 2);
    assert_eq!(standard[0].effective_to, Some(d(2025, 12, 31)));
    let acme_list = store
        .list_fees(&FeeFilter { schedule: FeeSchedule::Payer { payer_id: acme }, code_prefix: String::new() })
        .unwrap();
    assert_eq!(acme_list.len(), 1);
    assert_eq!(acme_list[0].schedule_name, "Acme Health");
}

#[test]
fn overlapping_dates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "f.claimdesk");
    store.save_fee(&fee(None, "99213", 12000, d(2025, 1, 1), Some(d(2025, 12, 31)))).unwrap();
    let err = store.save_fee(&fee(None, "99213", 13000, d(2025, 6, 1), None)).unwrap_err();
    match err {
        StoreError::Invalid(inv) => {
            assert_eq!(inv.0[0].field, "effective_from");
            assert!(inv.0[0].message.contains("01/01/2025 to 12/31/2025"), "{}", inv.0[0].message);
        }
        other => panic!("{other}"),
    }
}

const GOOD_CSV: &str = "schedule,code,modifier,description,amount,effective_from,effective_to
standard,99213,,Office visit est. (user's words),125.00,2026-01-01,
standard,93000,26,,40,01/01/2026,
ACME1,99213,,,98.50,2026-01-01,12/31/2026
Acme Health,99214,,,140.25,2026-01-01,
";

#[test]
fn csv_import_then_export_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "f.claimdesk");
    let report = store.import_fees_csv(GOOD_CSV.as_bytes()).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.imported, 4);

    // Importing the same file again changes nothing.
    let again = store.import_fees_csv(GOOD_CSV.as_bytes()).unwrap();
    assert_eq!((again.imported, again.unchanged), (0, 4));

    let mut out = Vec::new();
    assert_eq!(store.export_fees_csv(&mut out).unwrap(), 4);
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("schedule,code,modifier,description,amount,effective_from,effective_to\n"));
    assert!(text.contains("standard,93000,26,,40.00,2026-01-01,\n"), "{text}");
    assert!(text.contains("ACME1,99213,,,98.50,2026-01-01,2026-12-31\n"), "{text}");

    // The export imports into a fresh practice file with the same payer to the same schedule.
    let (mut other, _) = store_with_payer(dir.path(), "g.claimdesk");
    let report = other.import_fees_csv(text.as_bytes()).unwrap();
    assert_eq!(report.imported, 4);
    assert_eq!(other.list_fees(&FeeFilter::default()).unwrap().len(), 4);
}

#[test]
fn one_bad_row_refuses_the_whole_file_with_a_row_by_row_report() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "f.claimdesk");
    store.save_payer(&payer("Other", "OTH01", PayerKind::Commercial)).unwrap();
    let before = dump(store.path().unwrap());
    let csv = "Code,Amount,Effective From,Payer,Modifier
99213,125.00,2026-01-01,,
9921,125.00,2026-01-01,,
99214,12.345,2026-01-01,,
99215,200,2026-02-30,,
99213,100,2026-01-01,NOPE,
99203,150,2026-01-01,,X
99213,125.00,2026-01-01,,
";
    let report = store.import_fees_csv(csv.as_bytes()).unwrap();
    assert_eq!(report.imported, 0);
    let got: Vec<(usize, &str)> = report.rejected.iter().map(|p| (p.row, p.field.as_str())).collect();
    assert_eq!(
        got,
        [(3, "code"), (4, "amount"), (5, "effective_from"), (6, "schedule"), (7, "modifier"), (8, "code")],
        "{:#?}",
        report.rejected
    );
    assert!(report.rejected[5].message.contains("row 2"));
    assert_eq!(dump(store.path().unwrap()), before, "nothing partly imported");
}

#[test]
fn an_overlap_found_while_saving_also_refuses_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "f.claimdesk");
    store.save_fee(&fee(None, "99213", 12000, d(2026, 1, 1), Some(d(2026, 12, 31)))).unwrap();
    let before = dump(store.path().unwrap());
    let csv = "code,amount,effective_from\n99212,80,2026-01-01\n99213,130,2026-06-01\n";
    let report = store.import_fees_csv(csv.as_bytes()).unwrap();
    assert_eq!(report.rejected.len(), 1);
    assert_eq!((report.rejected[0].row, report.rejected[0].field.as_str()), (3, "effective_from"));
    assert_eq!(report.imported, 0);
    assert_eq!(dump(store.path().unwrap()), before);
}

#[test]
fn a_header_without_required_columns_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "f.claimdesk");
    let report = store.import_fees_csv("procedure,price\n99213,1\n".as_bytes()).unwrap();
    let fields: Vec<&str> = report.rejected.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["code", "amount", "effective_from"]);
}

//! Patient CSV import (from another program) and export.

mod common;
use common::*;

use claimdesk_store::SearchOptions;

const HEADER: &str = "account_number,last_name,first_name,middle_name,birth_date,sex,address_line1,address_line2,city,state,zip,home_phone,cell_phone,email,primary_payer,primary_member_id,primary_group_number,primary_effective_from,primary_copay";

#[test]
fn import_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "p.claimdesk");
    let csv = format!(
        "{HEADER}
A-77,Lee,Min,,03/04/1972,F,1 Elm St,,Austin,TX,78701,5125550101,,,ACME1,M100200,G1,2024-01-01,20
,Patel,Raj,K,1990-12-01,M,2 Elm St,Apt 3,Round Rock,TX,78664-1234,,737-555-0102,raj@example.com,,,,,
"
    );
    let report = store.import_patients_csv(csv.as_bytes()).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.imported, 2);
    let lee = store.get_patient_by_account("A-77").unwrap();
    assert_eq!(lee.policies[0].member_id, "M100200");
    assert_eq!(lee.policies[0].copay.to_string(), "20.00");
    assert_eq!(store.search_patients("patel", &SearchOptions::default()).unwrap()[0].account_number, "1001");

    let mut out = Vec::new();
    assert_eq!(store.export_patients_csv(&mut out).unwrap(), 2);
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains(
            "A-77,Lee,Min,,1972-03-04,F,1 Elm St,,Austin,TX,78701,5125550101,,,ACME1,M100200,G1,2024-01-01,20.00"
        ),
        "{text}"
    );

    let (mut other, _) = store_with_payer(dir.path(), "q.claimdesk");
    assert_eq!(other.import_patients_csv(text.as_bytes()).unwrap().imported, 2);
}

#[test]
fn bad_rows_refuse_the_file_and_name_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "p.claimdesk");
    let before = dump(store.path().unwrap());
    let csv = format!(
        "{HEADER}
,Good,Row,,03/04/1972,F,1 Elm St,,Austin,TX,78701,,,,,,,,
,Bad,Zip,,03/04/1972,F,1 Elm St,,Austin,TX,787,,,,,,,,
,Bad,Payer,,03/04/1972,F,1 Elm St,,Austin,TX,78701,,,,NOPE,M1,,2024-01-01,
,Future,Born,,01/01/2099,X,1 Elm St,,Austin,TX,78701,,,,,,,,
"
    );
    let report = store.import_patients_csv(csv.as_bytes()).unwrap();
    let got: Vec<(usize, &str)> = report.rejected.iter().map(|p| (p.row, p.field.as_str())).collect();
    assert_eq!(got, [(3, "zip"), (4, "primary_payer"), (5, "sex"), (5, "birth_date")], "{:#?}", report.rejected);
    assert_eq!(report.imported, 0);
    assert_eq!(dump(store.path().unwrap()), before);
}

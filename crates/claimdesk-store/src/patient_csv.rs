//! Patient CSV import (bringing a practice over from another program) and export.
//!
//! Columns (header required, any order): account_number (optional: kept if given, else
//! generated), last_name, first_name, middle_name, birth_date, sex, address_line1,
//! address_line2, city, state, zip, home_phone, cell_phone, email, and for the primary
//! policy (all blank = no insurance) primary_payer (payer ID or name), primary_member_id,
//! primary_group_number, primary_effective_from, primary_copay. The patient is their own
//! guarantor and subscriber; other arrangements are entered on the patient screen.
//! All or nothing, like the fee schedule import.

use crate::error::{Result, StoreError};
use crate::fee_csv::{cell, header_index, missing_columns, unreadable, Lines};
use crate::queries::payers;
use crate::{ImportReport, RowProblem, Store};
use chrono::NaiveDate;
use claimdesk_core::validation::parse_date;
use claimdesk_core::{Address, Money, Patient, Policy, Relationship, Responsible, Sex};
use std::io::{Read, Write};

pub const HEADER: [&str; 19] = [
    "account_number",
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "sex",
    "address_line1",
    "address_line2",
    "city",
    "state",
    "zip",
    "home_phone",
    "cell_phone",
    "email",
    "primary_payer",
    "primary_member_id",
    "primary_group_number",
    "primary_effective_from",
    "primary_copay",
];

type Index = std::collections::HashMap<String, usize>;

fn parse_row(
    payer: &mut impl FnMut(&str) -> Option<i64>,
    r: &csv::StringRecord,
    ix: &Index,
    row: usize,
) -> (Patient, Vec<RowProblem>) {
    let mut problems = Vec::new();
    let get = |name: &str| cell(r, ix, name).to_string();
    let mut problem = |field: &str, message: String| problems.push(RowProblem { row, field: field.into(), message });
    let birth_date = parse_date("Birth date", &get("birth_date")).map_err(|m| problem("birth_date", m)).ok();
    let sex = Sex::parse(&get("sex")).unwrap_or_else(|| {
        problem("sex", format!("Sex {:?} must be F, M or U", get("sex")));
        Sex::U
    });
    let payer_key = get("primary_payer");
    let mut policies = Vec::new();
    if !payer_key.is_empty() || !get("primary_member_id").is_empty() {
        let payer_id = match payer(&payer_key) {
            Some(id) => id,
            None => {
                problem("primary_payer", format!("No payer has the ID or name {payer_key:?}"));
                0
            }
        };
        let effective_from = parse_date("Effective date", &get("primary_effective_from"))
            .map_err(|m| problem("primary_effective_from", m))
            .ok();
        let copay_text = get("primary_copay");
        let copay = if copay_text.is_empty() {
            Money::ZERO
        } else {
            Money::parse(&copay_text).unwrap_or_else(|e| {
                problem("primary_copay", format!("Copay {copay_text:?} {e}"));
                Money::ZERO
            })
        };
        policies.push(Policy {
            id: None,
            payer_id,
            payer_name: String::new(),
            member_id: get("primary_member_id"),
            group_number: get("primary_group_number"),
            group_name: String::new(),
            subscriber: Responsible::Itself,
            relationship: Relationship::Itself,
            effective_from,
            effective_to: None,
            copay,
            eligibility: Vec::new(),
            msp_type: String::new(),
            limits: Default::default(),
        });
    }
    let patient = Patient {
        id: None,
        account_number: get("account_number"),
        last_name: get("last_name"),
        first_name: get("first_name"),
        middle_name: get("middle_name"),
        suffix: String::new(),
        birth_date,
        sex,
        address: Address {
            line1: get("address_line1"),
            line2: get("address_line2"),
            city: get("city"),
            state: get("state"),
            zip: get("zip"),
        },
        home_phone: get("home_phone"),
        cell_phone: get("cell_phone"),
        email: get("email"),
        guarantor: Responsible::Itself,
        guarantor_relationship: Relationship::Itself,
        policies,
        active: true,
        inactive_reason: String::new(),
    };
    (patient, problems)
}

/// The CSV column a validation field path belongs to.
fn column_for(field: &str) -> String {
    let f = field.replace("address.line", "address_line").replace("address.", "");
    match f.strip_prefix("policies[0].") {
        Some(rest) => format!("primary_{}", rest.replace("payer_id", "payer")),
        None => f,
    }
}

/// A patient CSV read and checked, before anything is saved: each patient with the line it
/// starts on, and every refused row's problems (when there are any, nothing is saved).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PatientRows {
    pub patients: Vec<(usize, Patient)>,
    pub rejected: Vec<RowProblem>,
}

/// Reads a patient CSV and checks every row as saving it would (`Patient::validated` on
/// `today`) without a practice file: `payer` finds the payer a policy names by its ID or name
/// (the import asks the store). What the import saves, and what the fuzz target `patient_csv`
/// feeds bytes to.
pub fn read_patients_csv(
    mut input: impl Read,
    today: NaiveDate,
    mut payer: impl FnMut(&str) -> Option<i64>,
) -> Result<PatientRows> {
    let mut data = Vec::new();
    input.read_to_end(&mut data)?;
    let mut lines = Lines::new(&data);
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(&data[..]);
    let headers = reader.headers()?;
    let header_line = lines.of(headers.position());
    let index = header_index(headers, &[("dob", "birth_date"), ("account", "account_number")]);
    let mut out = PatientRows { rejected: missing_columns(&index, &HEADER[1..11], header_line), ..Default::default() };
    if !out.rejected.is_empty() {
        return Ok(out);
    }
    for record in reader.records() {
        match record {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => {}
            Ok(r) => {
                let row = lines.of(r.position());
                let (patient, mut problems) = parse_row(&mut payer, &r, &index, row);
                // Every problem of the row, so one pass fixes it.
                if let Err(invalid) = patient.validated(today) {
                    for f in invalid.0 {
                        let field = column_for(&f.field);
                        if !problems.iter().any(|p| p.field == field) {
                            problems.push(RowProblem { row, field, message: f.message });
                        }
                    }
                }
                if problems.is_empty() {
                    out.patients.push((row, patient));
                } else {
                    out.rejected.extend(problems);
                }
            }
            Err(e) => out.rejected.push(unreadable(&e, &index, &mut lines)),
        }
    }
    Ok(out)
}

impl Store {
    pub fn import_patients_csv(&mut self, input: impl Read) -> Result<ImportReport> {
        let conn = self.conn();
        let today = self.today();
        let PatientRows { patients: rows, rejected } =
            read_patients_csv(input, today, |key| payers::find(conn, key).ok().flatten().and_then(|p| p.id))?;
        let mut report = ImportReport { rejected, ..Default::default() };
        let outcome = self.with_tx(|tx| {
            for (row, patient) in &rows {
                match tx.save_patient(patient) {
                    Ok(_) => report.imported += 1,
                    Err(StoreError::Invalid(inv)) => report.rejected.extend(inv.0.into_iter().map(|f| RowProblem {
                        row: *row,
                        field: column_for(&f.field),
                        message: f.message,
                    })),
                    Err(other) => return Err(other),
                }
            }
            if report.rejected.is_empty() {
                Ok(())
            } else {
                Err(StoreError::Conflict("import refused".into()))
            }
        });
        match outcome {
            Ok(()) => Ok(report),
            Err(StoreError::Conflict(_)) if !report.rejected.is_empty() => {
                report.imported = 0;
                report.rejected.sort_by_key(|p| p.row);
                Ok(report)
            }
            Err(e) => Err(e),
        }
    }

    /// Every patient, active and inactive, with their primary policy.
    pub fn export_patients_csv(&self, output: impl Write) -> Result<usize> {
        let mut writer = csv::Writer::from_writer(output);
        writer.write_record(HEADER)?;
        let mut count = 0;
        let mut stmt = self.conn().prepare("SELECT id FROM patients ORDER BY account_number")?;
        let all: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for id in all {
            let p = self.get_patient(id)?;
            let primary = p.policies.first();
            let payer_key = match primary {
                Some(pol) => {
                    let payer = self.get_payer(pol.payer_id)?;
                    if payer.payer_id.is_empty() {
                        payer.name
                    } else {
                        payer.payer_id
                    }
                }
                None => String::new(),
            };
            writer.write_record([
                p.account_number.clone(),
                p.last_name.clone(),
                p.first_name.clone(),
                p.middle_name.clone(),
                p.birth_date.map(|d| d.to_string()).unwrap_or_default(),
                p.sex.as_str().to_string(),
                p.address.line1.clone(),
                p.address.line2.clone(),
                p.address.city.clone(),
                p.address.state.clone(),
                p.address.zip.clone(),
                p.home_phone.clone(),
                p.cell_phone.clone(),
                p.email.clone(),
                payer_key,
                primary.map(|x| x.member_id.clone()).unwrap_or_default(),
                primary.map(|x| x.group_number.clone()).unwrap_or_default(),
                primary.and_then(|x| x.effective_from).map(|d| d.to_string()).unwrap_or_default(),
                primary.map(|x| x.copay.to_string()).unwrap_or_default(),
            ])?;
            count += 1;
        }
        writer.flush()?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "last_name,first_name,middle_name,birth_date,sex,address_line1,address_line2,city,state,zip";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    }

    #[test]
    fn rows_are_named_by_the_line_they_start_on() {
        let csv = format!(
            "{HEAD}\n\nLee,Min,,03/04/1972,F,\"1 Elm St\nBack door\",,Austin,TX,78701\nRoe,Rick,,03/04/1972,F,1 Elm St,,Austin,TX,787\n"
        );
        let rows = read_patients_csv(csv.as_bytes(), today(), |_| None).unwrap();
        // A line break is not allowed in an address line (the text rule), and the row after it
        // is still named by the line it starts on.
        assert!(rows.patients.is_empty());
        let got: Vec<(usize, &str)> = rows.rejected.iter().map(|p| (p.row, p.field.as_str())).collect();
        assert_eq!(got, [(3, "address_line1"), (5, "zip")], "{:#?}", rows.rejected);
    }

    #[test]
    fn a_copay_too_large_to_count_in_cents_is_refused() {
        let csv = format!(
            "{HEAD},primary_payer,primary_member_id,primary_copay\n\
             Lee,Min,,03/04/1972,F,1 Elm St,,Austin,TX,78701,ACME1,M1,1000000000000000000000000000\n"
        );
        let rows = read_patients_csv(csv.as_bytes(), today(), |_| Some(1)).unwrap();
        let got: Vec<(usize, &str)> = rows.rejected.iter().map(|p| (p.row, p.field.as_str())).collect();
        assert!(got.contains(&(2, "primary_copay")), "{:#?}", rows.rejected);
    }

    #[test]
    fn a_row_that_is_not_utf8_names_its_line_and_column() {
        let mut csv = format!("{HEAD}\nLee,Min,,03/04/1972,F,1 Elm St,,Austin,TX,78701\nMu").into_bytes();
        csv.extend_from_slice(b"\xf1oz,Ana,,03/04/1972,F,1 Elm St,,Austin,TX,78701\n");
        let rows = read_patients_csv(&csv[..], today(), |_| None).unwrap();
        let got: Vec<(usize, &str)> = rows.rejected.iter().map(|p| (p.row, p.field.as_str())).collect();
        assert_eq!(got, [(3, "last_name")], "{:#?}", rows.rejected);
    }
}

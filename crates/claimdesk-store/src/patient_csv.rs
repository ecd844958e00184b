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
use crate::fee_csv::{cell, header_index, missing_columns};
use crate::queries::payers;
use crate::{ImportReport, RowProblem, Store};
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

fn parse_row(store: &Store, r: &csv::StringRecord, ix: &Index, row: usize) -> (Patient, Vec<RowProblem>) {
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
        let payer_id = match payers::find(store.conn(), &payer_key) {
            Ok(Some(p)) => p.id.unwrap_or(0),
            _ => {
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

impl Store {
    pub fn import_patients_csv(&mut self, input: impl Read) -> Result<ImportReport> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(input);
        let index = header_index(reader.headers()?, &[("dob", "birth_date"), ("account", "account_number")]);
        let mut report = ImportReport { rejected: missing_columns(&index, &HEADER[1..11]), ..Default::default() };
        if !report.rejected.is_empty() {
            return Ok(report);
        }
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let row = i + 2;
            match record {
                Ok(r) if r.iter().all(|c| c.trim().is_empty()) => {}
                Ok(r) => {
                    let (patient, mut problems) = parse_row(self, &r, &index, row);
                    if !problems.is_empty() {
                        // Report the row's other problems too, so one pass fixes the row.
                        if let Err(invalid) = patient.validated(self.today()) {
                            for f in invalid.0 {
                                let field = column_for(&f.field);
                                if !problems.iter().any(|p| p.field == field) {
                                    problems.push(RowProblem { row, field, message: f.message });
                                }
                            }
                        }
                    }
                    if problems.is_empty() {
                        rows.push((row, patient));
                    } else {
                        report.rejected.extend(problems);
                    }
                }
                Err(e) => report.rejected.push(RowProblem {
                    row,
                    field: String::new(),
                    message: format!("Unreadable row: {e}"),
                }),
            }
        }
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

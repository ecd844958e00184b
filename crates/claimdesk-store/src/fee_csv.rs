//! Fee schedule CSV import and export.
//!
//! Columns (header required, any order, case-insensitive):
//! `schedule` (blank or "standard" for the practice's charge, else the payer's ID or name;
//! `payer` is accepted as a synonym), `code`, `modifier`, `description`, `amount`,
//! `effective_from`, `effective_to`. Dates as YYYY-MM-DD or MM/DD/YYYY.
//!
//! An import is all or nothing: every row is checked first, and if any row is refused the
//! report lists each refused row with the field and the reason, and nothing is saved.

use crate::error::{Result, StoreError};
use crate::queries::payers;
use crate::{ImportReport, RowProblem, Store};
use claimdesk_core::validation::parse_date;
use claimdesk_core::{FeeEntry, Money};
use std::collections::HashMap;
use std::io::{Read, Write};

pub const HEADER: [&str; 7] =
    ["schedule", "code", "modifier", "description", "amount", "effective_from", "effective_to"];

/// Maps header names to column positions; accepts synonyms.
pub(crate) fn header_index(headers: &csv::StringRecord, synonyms: &[(&str, &str)]) -> HashMap<String, usize> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase().replace(' ', "_");
            let name = synonyms.iter().find(|(alias, _)| *alias == h).map(|(_, n)| n.to_string()).unwrap_or(h);
            (name, i)
        })
        .collect()
}

pub(crate) fn missing_columns(index: &HashMap<String, usize>, required: &[&str]) -> Vec<RowProblem> {
    required
        .iter()
        .filter(|c| !index.contains_key(**c))
        .map(|c| RowProblem { row: 1, field: c.to_string(), message: format!("The header has no {c:?} column") })
        .collect()
}

pub(crate) fn cell<'r>(record: &'r csv::StringRecord, index: &HashMap<String, usize>, name: &str) -> &'r str {
    index.get(name).and_then(|&i| record.get(i)).unwrap_or("").trim()
}

fn parse_row(
    store: &Store,
    record: &csv::StringRecord,
    index: &HashMap<String, usize>,
    row: usize,
) -> std::result::Result<FeeEntry, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let mut problem = |field: &str, message: String| problems.push(RowProblem { row, field: field.into(), message });
    let schedule = cell(record, index, "schedule");
    let payer_id = if schedule.is_empty() || schedule.eq_ignore_ascii_case("standard") {
        None
    } else {
        match payers::find(store.conn(), schedule) {
            Ok(Some(p)) => p.id,
            _ => {
                problem("schedule", format!("No payer has the ID or name {schedule:?}"));
                None
            }
        }
    };
    let amount = match Money::parse(cell(record, index, "amount")) {
        Ok(m) => m,
        Err(e) => {
            problem("amount", format!("Amount {:?} {e}", cell(record, index, "amount")));
            Money::ZERO
        }
    };
    let from = parse_date("Effective date", cell(record, index, "effective_from"))
        .map_err(|m| problem("effective_from", m))
        .ok();
    let to_text = cell(record, index, "effective_to");
    let to = if to_text.is_empty() {
        None
    } else {
        parse_date("End date", to_text).map_err(|m| problem("effective_to", m)).ok()
    };
    let entry = FeeEntry {
        id: None,
        payer_id,
        schedule_name: String::new(),
        code: cell(record, index, "code").to_string(),
        modifier: cell(record, index, "modifier").to_string(),
        description: cell(record, index, "description").to_string(),
        amount,
        effective_from: from,
        effective_to: to,
    };
    if problems.is_empty() {
        if let Err(invalid) = entry.validated() {
            problems.extend(invalid.0.into_iter().map(|e| RowProblem { row, field: e.field, message: e.message }));
        }
    }
    if problems.is_empty() {
        Ok(entry.validated().expect("checked just above"))
    } else {
        Err(problems)
    }
}

impl Store {
    pub fn import_fees_csv(&mut self, input: impl Read) -> Result<ImportReport> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(input);
        let index = header_index(reader.headers()?, &[("payer", "schedule"), ("fee", "amount"), ("charge", "amount")]);
        let mut report = ImportReport {
            rejected: missing_columns(&index, &["code", "amount", "effective_from"]),
            ..Default::default()
        };
        if !report.rejected.is_empty() {
            return Ok(report);
        }
        let mut entries = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let row = i + 2;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    report.rejected.push(RowProblem {
                        row,
                        field: String::new(),
                        message: format!("Unreadable row: {e}"),
                    });
                    continue;
                }
            };
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            match parse_row(self, &record, &index, row) {
                Ok(entry) => entries.push((row, entry)),
                Err(problems) => report.rejected.extend(problems),
            }
        }
        for (i, (row, e)) in entries.iter().enumerate() {
            let twin = entries[..i].iter().find(|(_, o)| {
                o.payer_id == e.payer_id
                    && o.code == e.code
                    && o.modifier == e.modifier
                    && o.effective_from == e.effective_from
            });
            if let Some((first, _)) = twin {
                report.rejected.push(RowProblem {
                    row: *row,
                    field: "code".into(),
                    message: format!("Same schedule, code, modifier and date as row {first}"),
                });
            }
        }
        if !report.rejected.is_empty() {
            return Ok(report);
        }
        let outcome = self.with_tx(|tx| {
            for (row, e) in &entries {
                let existing = tx.fee_starting(e)?;
                let same = existing.as_ref().is_some_and(|x| {
                    x.amount == e.amount && x.effective_to == e.effective_to && x.description == e.description
                });
                if same {
                    report.unchanged += 1;
                    continue;
                }
                let to_save = FeeEntry { id: existing.and_then(|x| x.id), ..e.clone() };
                match tx.save_fee(&to_save) {
                    Ok(_) => report.imported += 1,
                    Err(StoreError::Invalid(inv)) => report.rejected.extend(inv.0.into_iter().map(|f| RowProblem {
                        row: *row,
                        field: f.field,
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
                report.unchanged = 0;
                Ok(report)
            }
            Err(e) => Err(e),
        }
    }

    /// Writes every entry of every schedule; returns the number of rows written.
    pub fn export_fees_csv(&self, output: impl Write) -> Result<usize> {
        let payer_keys: HashMap<i64, String> = self
            .list_payers()?
            .into_iter()
            .filter_map(|p| Some((p.id?, if p.payer_id.is_empty() { p.name } else { p.payer_id })))
            .collect();
        let mut writer = csv::Writer::from_writer(output);
        writer.write_record(HEADER)?;
        let entries = self.list_fees(&Default::default())?;
        for e in &entries {
            let schedule = e.payer_id.and_then(|id| payer_keys.get(&id).cloned()).unwrap_or_else(|| "standard".into());
            writer.write_record([
                schedule,
                e.code.clone(),
                e.modifier.clone(),
                e.description.clone(),
                e.amount.to_string(),
                e.effective_from.map(|d| d.to_string()).unwrap_or_default(),
                e.effective_to.map(|d| d.to_string()).unwrap_or_default(),
            ])?;
        }
        writer.flush()?;
        Ok(entries.len())
    }
}

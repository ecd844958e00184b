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

pub(crate) fn missing_columns(index: &HashMap<String, usize>, required: &[&str], row: usize) -> Vec<RowProblem> {
    required
        .iter()
        .filter(|c| !index.contains_key(**c))
        .map(|c| RowProblem { row, field: c.to_string(), message: format!("The header has no {c:?} column") })
        .collect()
}

pub(crate) fn cell<'r>(record: &'r csv::StringRecord, index: &HashMap<String, usize>, name: &str) -> &'r str {
    index.get(name).and_then(|&i| record.get(i)).unwrap_or("").trim()
}

/// Finds the line of the file (1-based) a record starts on from its byte offset. The CSV
/// reader's own line number counts the blank lines it skips before a record as the record's,
/// and its record count leaves out those lines and counts a quoted line break as none.
/// Records come in order, so the file is walked once. A line ends at `\n`, `\r\n` or `\r`.
pub(crate) struct Lines<'a> {
    data: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Lines { data, at: 0, line: 1 }
    }

    pub(crate) fn of(&mut self, position: Option<&csv::Position>) -> usize {
        let Some(byte) = position.and_then(|p| usize::try_from(p.byte()).ok()) else { return self.line };
        let mut start = byte.min(self.data.len());
        while matches!(self.data.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start < self.at {
            (self.at, self.line) = (0, 1);
        }
        for i in self.at..start {
            let ends = match self.data[i] {
                b'\n' => true,
                b'\r' => self.data.get(i + 1) != Some(&b'\n'),
                _ => false,
            };
            self.line += usize::from(ends);
        }
        self.at = start;
        self.line
    }
}

/// A row the CSV reader could not read (text that is not UTF-8), naming its line and the
/// column where the reader stopped (by its header, or by its number when the header leaves it unnamed).
pub(crate) fn unreadable(e: &csv::Error, index: &HashMap<String, usize>, lines: &mut Lines) -> RowProblem {
    let row = lines.of(e.position());
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => {
            let n = err.field();
            let field = index
                .iter()
                .find(|(name, &i)| i == n && !name.is_empty())
                .map(|(name, _)| name.clone())
                .unwrap_or_else(|| (n + 1).to_string());
            let message =
                format!("Unreadable row: column {} is not UTF-8 text (save the file as \"CSV UTF-8\")", n + 1);
            RowProblem { row, field, message }
        }
        // Not reached from bytes in memory with flexible rows: UTF-8 is the one way a row fails.
        _ => RowProblem { row, field: String::new(), message: format!("Unreadable row: {e}") },
    }
}

fn parse_row(
    payer: &mut impl FnMut(&str) -> Option<i64>,
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
        match payer(schedule) {
            Some(id) => Some(id),
            None => {
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

/// A fee schedule CSV read and checked, before anything is saved: each entry with the line
/// it starts on, and every refused row's problems (when there are any, nothing is saved).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeeRows {
    pub entries: Vec<(usize, FeeEntry)>,
    pub rejected: Vec<RowProblem>,
}

/// Reads a fee schedule CSV and checks every row without a practice file: `payer` finds the
/// payer a schedule names by its ID or name (the import asks the store). What the import
/// saves, and what the fuzz target `fee_csv` feeds bytes to.
pub fn read_fees_csv(mut input: impl Read, mut payer: impl FnMut(&str) -> Option<i64>) -> Result<FeeRows> {
    let mut data = Vec::new();
    input.read_to_end(&mut data)?;
    let mut lines = Lines::new(&data);
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(&data[..]);
    let headers = reader.headers()?;
    let header_line = lines.of(headers.position());
    let index = header_index(headers, &[("payer", "schedule"), ("fee", "amount"), ("charge", "amount")]);
    let mut out = FeeRows {
        rejected: missing_columns(&index, &["code", "amount", "effective_from"], header_line),
        ..Default::default()
    };
    if !out.rejected.is_empty() {
        return Ok(out);
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.rejected.push(unreadable(&e, &index, &mut lines));
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row = lines.of(record.position());
        match parse_row(&mut payer, &record, &index, row) {
            Ok(entry) => out.entries.push((row, entry)),
            Err(problems) => out.rejected.extend(problems),
        }
    }
    for (i, (row, e)) in out.entries.iter().enumerate() {
        let twin = out.entries[..i].iter().find(|(_, o)| {
            o.payer_id == e.payer_id
                && o.code == e.code
                && o.modifier == e.modifier
                && o.effective_from == e.effective_from
        });
        if let Some((first, _)) = twin {
            out.rejected.push(RowProblem {
                row: *row,
                field: "code".into(),
                message: format!("Same schedule, code, modifier and date as row {first}"),
            });
        }
    }
    Ok(out)
}

impl Store {
    pub fn import_fees_csv(&mut self, input: impl Read) -> Result<ImportReport> {
        let conn = self.conn();
        let FeeRows { entries, rejected } =
            read_fees_csv(input, |key| payers::find(conn, key).ok().flatten().and_then(|p| p.id))?;
        let mut report = ImportReport { rejected, ..Default::default() };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn no_payers(_: &str) -> Option<i64> {
        None
    }

    fn refused(rows: &FeeRows) -> Vec<(usize, &str)> {
        rows.rejected.iter().map(|p| (p.row, p.field.as_str())).collect()
    }

    #[test]
    fn rows_are_named_by_the_line_they_start_on() {
        // A blank line (skipped) and a quoted line break: the record count is not the line.
        let csv = "code,amount,effective_from\n\n99213,125,2026-01-01\n\"9921\n\",1,2026-01-01\n99214,-1,2026-01-01\n";
        let rows = read_fees_csv(csv.as_bytes(), no_payers).unwrap();
        assert_eq!(rows.entries.iter().map(|(row, _)| *row).collect::<Vec<_>>(), [3]);
        assert_eq!(refused(&rows), [(4, "code"), (6, "amount")], "{:#?}", rows.rejected);
    }

    #[test]
    fn a_row_that_is_not_utf8_names_its_line_and_column() {
        let csv = b"code,amount,effective_from\n\n99213,12\xff5,2026-01-01\n";
        let rows = read_fees_csv(&csv[..], no_payers).unwrap();
        assert_eq!(refused(&rows), [(3, "amount")], "{:#?}", rows.rejected);
        assert!(rows.rejected[0].message.starts_with("Unreadable row"), "{}", rows.rejected[0].message);
    }

    #[test]
    fn an_amount_too_large_to_count_in_cents_is_refused() {
        // Found by the fuzz target fee_csv: 28 digits overflowed the decimal type and panicked.
        let csv = "code,amount,effective_from\n99213,1277777777777777777777777775.00,2026-01-01\n";
        let rows = read_fees_csv(csv.as_bytes(), no_payers).unwrap();
        assert_eq!(refused(&rows), [(2, "amount")], "{:#?}", rows.rejected);
    }

    #[test]
    fn a_column_without_a_header_is_named_by_its_number() {
        // Found by the fuzz target fee_csv: the row's problem named no field.
        let csv = b"code,amount,effective_from,\n99213,125,2026-01-01,n\xf1\n";
        let rows = read_fees_csv(&csv[..], no_payers).unwrap();
        assert_eq!(refused(&rows), [(2, "4")], "{:#?}", rows.rejected);
        assert!(rows.rejected[0].message.contains("column 4 is not UTF-8"), "{}", rows.rejected[0].message);
    }

    #[test]
    fn the_same_fee_twice_names_the_first_line() {
        let csv = "code,amount,effective_from\n99213,125,2026-01-01\n\n99213,130,2026-01-01\n";
        let rows = read_fees_csv(csv.as_bytes(), no_payers).unwrap();
        assert_eq!(refused(&rows), [(4, "code")]);
        assert!(rows.rejected[0].message.ends_with("row 2"), "{}", rows.rejected[0].message);
    }
}

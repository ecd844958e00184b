//! The fee schedule: standard charges and payer allowed amounts, each with effective dates.

use crate::error::{Result, StoreError};
use crate::page::{Page, PageRequest};
use crate::{rows, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::validation::us_date;
use claimdesk_core::FeeEntry;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which schedule to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum FeeSchedule {
    All,
    /// The practice's own charges.
    Standard,
    /// One payer's contracted allowed amounts.
    Payer {
        payer_id: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FeeFilter {
    pub schedule: FeeSchedule,
    #[serde(default)]
    pub code_prefix: String,
}

impl Default for FeeFilter {
    fn default() -> Self {
        FeeFilter { schedule: FeeSchedule::All, code_prefix: String::new() }
    }
}

const COLUMNS: &str = "f.id, f.payer_id, coalesce(y.name, 'Standard fee'), f.code, f.modifier, f.description,
    f.amount_cents, f.effective_from, f.effective_to";
const FROM: &str = "FROM fee_schedule f LEFT JOIN payers y ON y.id = f.payer_id";

fn from_row(r: &Row) -> rusqlite::Result<FeeEntry> {
    Ok(FeeEntry {
        id: Some(r.get(0)?),
        payer_id: r.get(1)?,
        schedule_name: r.get(2)?,
        code: r.get(3)?,
        modifier: r.get(4)?,
        description: r.get(5)?,
        amount: rows::money(r, 6)?,
        effective_from: Some(r.get(7)?),
        effective_to: r.get(8)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<FeeEntry> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE f.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("fee schedule entry {id}")))
}

/// Entries with the same schedule, code and modifier as `e` (its siblings in time).
fn same_key(conn: &Connection, e: &FeeEntry) -> Result<Vec<FeeEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE f.payer_id IS ?1 AND f.code = ?2 AND f.modifier = ?3 ORDER BY f.effective_from"
    ))?;
    let list =
        stmt.query_map(params![e.payer_id, e.code, e.modifier], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(list)
}

fn period(e: &FeeEntry) -> String {
    let from = e.effective_from.map(us_date).unwrap_or_default();
    match e.effective_to {
        Some(to) => format!("{from} to {}", us_date(to)),
        None => format!("{from} onward"),
    }
}

/// See `Store::fee_for`.
pub(crate) fn fee_on(
    conn: &Connection,
    payer_id: Option<i64>,
    code: &str,
    modifier: &str,
    day: NaiveDate,
) -> Result<Option<FeeEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE f.payer_id IS ?1 AND f.code = ?2 AND f.modifier IN (?3, '')
         AND f.effective_from <= ?4 AND (f.effective_to IS NULL OR f.effective_to >= ?4)
         ORDER BY f.modifier = ?3 DESC LIMIT 1"
    ))?;
    Ok(stmt.query_row(params![payer_id, code, modifier, day], from_row).optional()?)
}

/// The WHERE clause of a fee list: `?1` the code prefix (`LIKE`), `?2` which schedule, `?3` the payer.
const FEE_FILTER: &str = "WHERE f.code LIKE ?1
               AND CASE ?2 WHEN 'standard' THEN f.payer_id IS NULL WHEN 'payer' THEN f.payer_id = ?3 ELSE 1 END";
const FEE_ORDER: &str = "ORDER BY f.payer_id IS NOT NULL, y.name, f.code, f.modifier, f.effective_from";

fn fee_params(filter: &FeeFilter) -> (String, &'static str, Option<i64>) {
    let prefix = format!("{}%", filter.code_prefix.trim().to_ascii_uppercase());
    match filter.schedule {
        FeeSchedule::All => (prefix, "all", None),
        FeeSchedule::Standard => (prefix, "standard", None),
        FeeSchedule::Payer { payer_id } => (prefix, "payer", Some(payer_id)),
    }
}

impl Store {
    /// Every entry matching the filter: for the CSV export and batch work. The fee schedule
    /// screen asks for a page (`fees_page`).
    pub fn list_fees(&self, filter: &FeeFilter) -> Result<Vec<FeeEntry>> {
        let (prefix, which, payer) = fee_params(filter);
        let mut stmt = self.conn().prepare_cached(&format!("SELECT {COLUMNS} {FROM} {FEE_FILTER} {FEE_ORDER}"))?;
        let list = stmt.query_map(params![prefix, which, payer], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// One page of the fee schedule screen's list (at most `LIST_PAGE_MAX` entries) and how
    /// many entries match the filter in all.
    pub fn fees_page(&self, filter: &FeeFilter, at: PageRequest) -> Result<Page<FeeEntry>> {
        let (prefix, which, payer) = fee_params(filter);
        let total: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM fee_schedule f {FEE_FILTER}"))?
            .query_row(params![prefix, which, payer], |r| r.get(0))?;
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} {FROM} {FEE_FILTER} {FEE_ORDER} LIMIT ?4 OFFSET ?5"))?;
        let rows = stmt
            .query_map(params![prefix, which, payer, at.size(), at.offset], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Page::read(rows, total, at)
    }

    pub fn save_fee(&mut self, entry: &FeeEntry) -> Result<FeeEntry> {
        self.with_tx(|tx| tx.save_fee(entry))
    }

    /// The fee in force on `day` for a code and modifier in one schedule (None = standard).
    /// Falls back from the modifier-specific fee to the code's plain fee.
    pub fn fee_for(
        &self,
        payer_id: Option<i64>,
        code: &str,
        modifier: &str,
        day: NaiveDate,
    ) -> Result<Option<FeeEntry>> {
        fee_on(self.conn(), payer_id, code, modifier, day)
    }
}

impl Tx<'_> {
    /// `Store::fee_for` inside a transaction (sees what the transaction saved so far).
    pub fn fee_for(
        &self,
        payer_id: Option<i64>,
        code: &str,
        modifier: &str,
        day: NaiveDate,
    ) -> Result<Option<FeeEntry>> {
        fee_on(self, payer_id, code, modifier, day)
    }

    /// Saves one entry. A new entry that starts after an open-ended one for the same code
    /// closes that one the day before (a new fee year); any other overlap is refused.
    pub fn save_fee(&self, entry: &FeeEntry) -> Result<FeeEntry> {
        let e = entry.validated()?;
        if let Some(payer_id) = e.payer_id {
            if super::payers::get(self, payer_id).is_err() {
                return Err(StoreError::invalid(
                    "payer_id",
                    "Choose a payer from the list, or the standard fee schedule",
                ));
            }
        }
        let start = e.effective_from.expect("validated");
        for other in same_key(self, &e)?.into_iter().filter(|o| o.id != e.id) {
            let other_start = other.effective_from.expect("read from a row");
            if e.id.is_none() && other.effective_to.is_none() && other_start < start {
                let day_before = start.pred_opt().expect("dates are far from the minimum");
                self.prepare_cached("UPDATE fee_schedule SET effective_to = ?1 WHERE id = ?2")?
                    .execute(params![day_before, other.id])?;
                continue;
            }
            if e.overlaps(&other) {
                return Err(StoreError::invalid(
                    "effective_from",
                    format!("Overlaps the {} fee for {} in force {}", other.schedule_name, other.code, period(&other)),
                ));
            }
        }
        let id = match e.id {
            None => {
                self.prepare_cached("INSERT INTO fee_schedule (payer_id, code, modifier, description, amount_cents, effective_from, effective_to)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(
                    params![e.payer_id, e.code, e.modifier, e.description, e.amount.cents(), e.effective_from, e.effective_to],
                )?;
                self.last_insert_rowid()
            }
            Some(id) => {
                get(self, id)?;
                self.prepare_cached("UPDATE fee_schedule SET payer_id = ?1, code = ?2, modifier = ?3, description = ?4, amount_cents = ?5,
                     effective_from = ?6, effective_to = ?7 WHERE id = ?8")?.execute(
                    params![e.payer_id, e.code, e.modifier, e.description, e.amount.cents(), e.effective_from, e.effective_to, id],
                )?;
                id
            }
        };
        get(self, id)
    }

    /// The entry with the same schedule, code, modifier and start date, if any (imports
    /// update that one instead of adding a twin).
    pub(crate) fn fee_starting(&self, e: &FeeEntry) -> Result<Option<FeeEntry>> {
        Ok(same_key(self, e)?.into_iter().find(|o| o.effective_from == e.effective_from))
    }
}

//! Clearinghouse settings and the X12 control numbers of the 837P files sent to them.

use crate::error::{Result, StoreError};
use crate::{rows, Store, Tx};
use claimdesk_core::clearinghouse::Clearinghouse;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, name, submitter_name, submitter_id, contact_name, contact_phone, receiver_name, receiver_id,
    sender_qualifier, sender_id, receiver_qualifier, interchange_receiver_id, production, is_default";

fn from_row(r: &Row) -> rusqlite::Result<Clearinghouse> {
    Ok(Clearinghouse {
        id: Some(r.get(0)?),
        name: r.get(1)?,
        submitter_name: r.get(2)?,
        submitter_id: r.get(3)?,
        contact_name: r.get(4)?,
        contact_phone: r.get(5)?,
        receiver_name: r.get(6)?,
        receiver_id: r.get(7)?,
        sender_qualifier: r.get(8)?,
        sender_id: r.get(9)?,
        receiver_qualifier: r.get(10)?,
        interchange_receiver_id: r.get(11)?,
        production: rows::flag(r, 12)?,
        is_default: rows::flag(r, 13)?,
    })
}

/// The control numbers of one 837P interchange: ISA13, GS06 and the first ST02.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlNumbers {
    pub interchange: u32,
    pub group: u32,
    pub first_transaction_set: u32,
}

fn take(conn: &Connection, sequence: &str, count: i64) -> Result<u32> {
    let n: i64 = conn
        .prepare_cached("UPDATE sequences SET next_value = next_value + ?2 WHERE name = ?1 RETURNING next_value - ?2")?
        .query_row(params![sequence, count], |r| r.get(0))?;
    // ISA13 is nine digits; a file would need a billion batches to get there.
    u32::try_from(n)
        .ok()
        .filter(|v| *v <= 999_999_999)
        .ok_or_else(|| StoreError::Conflict(format!("the {sequence} sequence is exhausted; start a new practice file")))
}

impl Store {
    pub fn list_clearinghouses(&self) -> Result<Vec<Clearinghouse>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM clearinghouses ORDER BY is_default DESC, name"))?;
        let list = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// The clearinghouse with `id`, or the default one when `id` is None.
    pub fn clearinghouse(&self, id: Option<i64>) -> Result<Clearinghouse> {
        let found = match id {
            Some(id) => self
                .conn()
                .prepare_cached(&format!("SELECT {COLUMNS} FROM clearinghouses WHERE id = ?1"))?
                .query_row([id], from_row)
                .optional()?,
            None => self
                .conn()
                .prepare_cached(&format!("SELECT {COLUMNS} FROM clearinghouses ORDER BY is_default DESC, id LIMIT 1"))?
                .query_row([], from_row)
                .optional()?,
        };
        found.ok_or_else(|| {
            StoreError::NotFound("a clearinghouse (set one up under Practice setup > Electronic claims)".into())
        })
    }

    /// Creates or updates a clearinghouse (`id` None = new); a default one takes the default
    /// from any other.
    pub fn save_clearinghouse(&mut self, clearinghouse: &Clearinghouse) -> Result<Clearinghouse> {
        let id = self.with_tx(|tx| tx.save_clearinghouse(clearinghouse))?;
        self.clearinghouse(Some(id))
    }

    /// Takes the next ISA13/GS06 and `transaction_sets` ST02 numbers. They are committed at
    /// once, before the file is written, so a number is never used twice even if writing fails.
    pub fn reserve_control_numbers(&mut self, transaction_sets: u32) -> Result<ControlNumbers> {
        self.with_tx(|tx| {
            Ok(ControlNumbers {
                interchange: take(tx, "interchange_control_number", 1)?,
                group: take(tx, "group_control_number", 1)?,
                first_transaction_set: take(tx, "transaction_set_number", i64::from(transaction_sets.max(1)))?,
            })
        })
    }

    /// The line control numbers (REF*6R) of a claim, in line order.
    pub fn line_control_numbers(&self, claim_id: i64) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT line_control_number FROM claim_lines WHERE claim_id = ?1 ORDER BY line_number")?;
        let list = stmt.query_map([claim_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(list)
    }
}

impl Tx<'_> {
    /// Saves a clearinghouse inside a larger transaction; returns its id.
    pub fn save_clearinghouse(&self, clearinghouse: &Clearinghouse) -> Result<i64> {
        let c = clearinghouse.validated()?;
        let tx = self;
        if c.is_default {
            tx.execute("UPDATE clearinghouses SET is_default = 0", [])?;
        }
        let values = params![
            c.name,
            c.submitter_name,
            c.submitter_id,
            c.contact_name,
            c.contact_phone,
            c.receiver_name,
            c.receiver_id,
            c.sender_qualifier,
            c.sender_id,
            c.receiver_qualifier,
            c.interchange_receiver_id,
            c.production,
            c.is_default
        ];
        match c.id {
            None => {
                tx.execute(
                    "INSERT INTO clearinghouses (name, submitter_name, submitter_id, contact_name, contact_phone,
                         receiver_name, receiver_id, sender_qualifier, sender_id, receiver_qualifier,
                         interchange_receiver_id, production, is_default)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    values,
                )?;
                Ok(tx.last_insert_rowid())
            }
            Some(id) => {
                let changed = tx.execute(
                        "UPDATE clearinghouses SET name = ?1, submitter_name = ?2, submitter_id = ?3, contact_name = ?4,
                         contact_phone = ?5, receiver_name = ?6, receiver_id = ?7, sender_qualifier = ?8, sender_id = ?9,
                         receiver_qualifier = ?10, interchange_receiver_id = ?11, production = ?12, is_default = ?13
                         WHERE id = ?14",
                        params![
                            c.name, c.submitter_name, c.submitter_id, c.contact_name, c.contact_phone, c.receiver_name,
                            c.receiver_id, c.sender_qualifier, c.sender_id, c.receiver_qualifier,
                            c.interchange_receiver_id, c.production, c.is_default, id
                        ],
                    )?;
                if changed == 0 {
                    return Err(StoreError::NotFound(format!("clearinghouse {id}")));
                }
                Ok(id)
            }
        }
    }

    /// Notes which interchange, functional group and clearinghouse carried an electronic batch.
    pub fn record_interchange(
        &self,
        batch_id: i64,
        numbers: ControlNumbers,
        clearinghouse_id: Option<i64>,
    ) -> Result<()> {
        self.execute(
            "UPDATE claim_batches SET interchange_control_number = ?1, group_control_number = ?2, clearinghouse_id = ?3
             WHERE id = ?4",
            params![numbers.interchange, numbers.group, clearinghouse_id, batch_id],
        )?;
        Ok(())
    }
}

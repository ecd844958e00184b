use crate::error::{Result, StoreError};
use crate::{rows, Store, Tx};
use claimdesk_core::Payer;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, name, kind, payer_id, address_line1, address_line2, city, state, zip, phone,
    claim_filing_indicator, timely_filing_days, accept_assignment, active, coba_id";

fn from_row(r: &Row) -> rusqlite::Result<Payer> {
    Ok(Payer {
        id: Some(r.get(0)?),
        name: r.get(1)?,
        kind: rows::payer_kind(r, 2)?,
        payer_id: r.get(3)?,
        address: rows::address(r, 4)?,
        phone: r.get(9)?,
        claim_filing_indicator: r.get(10)?,
        timely_filing_days: r.get(11)?,
        accept_assignment: rows::flag(r, 12)?,
        active: rows::flag(r, 13)?,
        coba_id: r.get(14)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Payer> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM payers WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("payer {id}")))
}

/// Finds a payer by its electronic payer ID or its exact name (case-insensitive), as
/// imports refer to payers.
pub(crate) fn find(conn: &Connection, key: &str) -> Result<Option<Payer>> {
    let key = key.trim();
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM payers WHERE (payer_id <> '' AND payer_id = upper(?1)) OR name = ?1 COLLATE NOCASE
                 ORDER BY active DESC, id LIMIT 1"
        ))?
        .query_row([key], from_row)
        .optional()?)
}

impl Store {
    pub fn list_payers(&self) -> Result<Vec<Payer>> {
        let mut stmt = self.conn().prepare(&format!("SELECT {COLUMNS} FROM payers ORDER BY active DESC, name"))?;
        let list = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    pub fn get_payer(&self, id: i64) -> Result<Payer> {
        get(self.conn(), id)
    }

    /// The payer with this electronic payer ID or exact name (case-insensitive), as a
    /// biller types it on the command line or in an import file.
    pub fn find_payer(&self, key: &str) -> Result<Option<Payer>> {
        find(self.conn(), key)
    }

    pub fn save_payer(&mut self, payer: &Payer) -> Result<Payer> {
        self.with_tx(|tx| tx.save_payer(payer))
    }
}

impl Tx<'_> {
    pub fn save_payer(&self, payer: &Payer) -> Result<Payer> {
        let p = payer.validated()?;
        let a = &p.address;
        let id = match p.id {
            None => {
                self.prepare_cached(
                    "INSERT INTO payers (name, kind, payer_id, address_line1, address_line2, city, state, zip, phone,
                     claim_filing_indicator, timely_filing_days, accept_assignment, active, coba_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                )?
                .execute(params![
                    p.name,
                    p.kind.as_str(),
                    p.payer_id,
                    a.line1,
                    a.line2,
                    a.city,
                    a.state,
                    a.zip,
                    p.phone,
                    p.claim_filing_indicator,
                    p.timely_filing_days,
                    p.accept_assignment,
                    p.active,
                    p.coba_id
                ])?;
                self.last_insert_rowid()
            }
            Some(id) => {
                get(self, id)?;
                self.prepare_cached("UPDATE payers SET name = ?1, kind = ?2, payer_id = ?3, address_line1 = ?4, address_line2 = ?5, city = ?6,
                     state = ?7, zip = ?8, phone = ?9, claim_filing_indicator = ?10, timely_filing_days = ?11,
                     accept_assignment = ?12, active = ?13, coba_id = ?14 WHERE id = ?15")?.execute(
                    params![
                        p.name, p.kind.as_str(), p.payer_id, a.line1, a.line2, a.city, a.state, a.zip, p.phone,
                        p.claim_filing_indicator, p.timely_filing_days, p.accept_assignment, p.active, p.coba_id, id
                    ],
                )?;
                id
            }
        };
        get(self, id)
    }
}

use crate::error::{Result, StoreError};
use crate::{rows, Store, Tx};
use claimdesk_core::Provider;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, last_name, first_name, middle_name, credentials, npi, taxonomy, license_number, is_rendering, is_referring, active";

fn from_row(r: &Row) -> rusqlite::Result<Provider> {
    Ok(Provider {
        id: Some(r.get(0)?),
        last_name: r.get(1)?,
        first_name: r.get(2)?,
        middle_name: r.get(3)?,
        credentials: r.get(4)?,
        npi: r.get(5)?,
        taxonomy: r.get(6)?,
        license_number: r.get(7)?,
        is_rendering: rows::flag(r, 8)?,
        is_referring: rows::flag(r, 9)?,
        active: rows::flag(r, 10)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Provider> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM providers WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("provider {id}")))
}

impl Store {
    /// Active providers first, then by name.
    pub fn list_providers(&self) -> Result<Vec<Provider>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM providers ORDER BY active DESC, last_name, first_name"))?;
        let list = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    pub fn get_provider(&self, id: i64) -> Result<Provider> {
        get(self.conn(), id)
    }

    pub fn save_provider(&mut self, provider: &Provider) -> Result<Provider> {
        self.with_tx(|tx| tx.save_provider(provider))
    }
}

impl Tx<'_> {
    pub fn save_provider(&self, provider: &Provider) -> Result<Provider> {
        let p = provider.validated()?;
        let clash: Option<i64> = self
            .prepare_cached("SELECT id FROM providers WHERE npi = ?1")?
            .query_row([&p.npi], |r| r.get(0))
            .optional()?;
        if clash.is_some() && clash != p.id {
            return Err(StoreError::invalid("npi", format!("Another provider already has NPI {}", p.npi)));
        }
        let values = params![
            p.last_name,
            p.first_name,
            p.middle_name,
            p.credentials,
            p.npi,
            p.taxonomy,
            p.license_number,
            p.is_rendering,
            p.is_referring,
            p.active
        ];
        let id = match p.id {
            None => {
                self.prepare_cached("INSERT INTO providers (last_name, first_name, middle_name, credentials, npi, taxonomy, license_number,
                     is_rendering, is_referring, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?.execute(
                    values,
                )?;
                self.last_insert_rowid()
            }
            Some(id) => {
                get(self, id)?;
                self.prepare_cached("UPDATE providers SET last_name = ?1, first_name = ?2, middle_name = ?3, credentials = ?4, npi = ?5,
                     taxonomy = ?6, license_number = ?7, is_rendering = ?8, is_referring = ?9, active = ?10 WHERE id = ?11")?.execute(
                    params![
                        p.last_name, p.first_name, p.middle_name, p.credentials, p.npi, p.taxonomy, p.license_number,
                        p.is_rendering, p.is_referring, p.active, id
                    ],
                )?;
                id
            }
        };
        get(self, id)
    }
}

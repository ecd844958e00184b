use crate::error::{Result, StoreError};
use crate::{rows, Store, Tx};
use claimdesk_core::Facility;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, name, npi, address_line1, address_line2, city, state, zip, place_of_service, active";

fn from_row(r: &Row) -> rusqlite::Result<Facility> {
    Ok(Facility {
        id: Some(r.get(0)?),
        name: r.get(1)?,
        npi: r.get(2)?,
        address: rows::address(r, 3)?,
        place_of_service: r.get(8)?,
        active: rows::flag(r, 9)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Facility> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM facilities WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("service facility {id}")))
}

impl Store {
    pub fn list_facilities(&self) -> Result<Vec<Facility>> {
        let mut stmt = self.conn().prepare(&format!("SELECT {COLUMNS} FROM facilities ORDER BY active DESC, name"))?;
        let list = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    pub fn save_facility(&mut self, facility: &Facility) -> Result<Facility> {
        self.with_tx(|tx| tx.save_facility(facility))
    }
}

impl Tx<'_> {
    pub fn save_facility(&self, facility: &Facility) -> Result<Facility> {
        let f = facility.validated()?;
        let a = &f.address;
        let id = match f.id {
            None => {
                self.prepare_cached("INSERT INTO facilities (name, npi, address_line1, address_line2, city, state, zip, place_of_service, active)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?.execute(
                    params![f.name, f.npi, a.line1, a.line2, a.city, a.state, a.zip, f.place_of_service, f.active],
                )?;
                self.last_insert_rowid()
            }
            Some(id) => {
                get(self, id)?;
                self.prepare_cached("UPDATE facilities SET name = ?1, npi = ?2, address_line1 = ?3, address_line2 = ?4, city = ?5, state = ?6,
                     zip = ?7, place_of_service = ?8, active = ?9 WHERE id = ?10")?.execute(
                    params![f.name, f.npi, a.line1, a.line2, a.city, a.state, a.zip, f.place_of_service, f.active, id],
                )?;
                id
            }
        };
        get(self, id)
    }
}

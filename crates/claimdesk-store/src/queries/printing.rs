//! Printer alignment for the pre-printed red CMS-1500: every printer feeds paper a little
//! differently, so each keeps its own left/top offsets, measured with the calibration page.

use crate::error::{Result, StoreError};
use crate::{rows, Store};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The largest correction accepted: an inch either way. More means the paper is loaded wrong.
const MAX_OFFSET_PT: f32 = 72.0;

/// A printer's offsets in points (1/72 inch): positive moves the print right / down.
/// Geometry, not money: plain floating point is right here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrinterProfile {
    pub name: String,
    pub offset_left_pt: f32,
    pub offset_top_pt: f32,
    pub is_default: bool,
}

impl Default for PrinterProfile {
    fn default() -> Self {
        PrinterProfile { name: "Default printer".into(), offset_left_pt: 0.0, offset_top_pt: 0.0, is_default: true }
    }
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<PrinterProfile> {
    Ok(PrinterProfile {
        name: r.get(0)?,
        offset_left_pt: r.get::<_, f64>(1)? as f32,
        offset_top_pt: r.get::<_, f64>(2)? as f32,
        is_default: rows::flag(r, 3)?,
    })
}

impl Store {
    pub fn printer_profiles(&self) -> Result<Vec<PrinterProfile>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT name, offset_left_pt, offset_top_pt, is_default FROM printer_profiles ORDER BY is_default DESC, name",
        )?;
        let list = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// The profile marked default, or zero offsets when none was saved yet.
    pub fn default_printer_profile(&self) -> Result<PrinterProfile> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT name, offset_left_pt, offset_top_pt, is_default FROM printer_profiles WHERE is_default = 1",
            )?
            .query_row([], from_row)
            .optional()?
            .unwrap_or_default())
    }

    /// Saves a printer's offsets; a profile saved as default becomes the only default.
    pub fn save_printer_profile(&mut self, profile: &PrinterProfile) -> Result<PrinterProfile> {
        let name = profile.name.trim().to_string();
        let mut problems = Vec::new();
        if name.is_empty() {
            problems.push(("name", "Printer name is required".to_string()));
        }
        for (field, value) in [("offset_left_pt", profile.offset_left_pt), ("offset_top_pt", profile.offset_top_pt)] {
            if !value.is_finite() || value.abs() > MAX_OFFSET_PT {
                problems.push((field, format!("Offset must be between -{MAX_OFFSET_PT} and {MAX_OFFSET_PT} points")));
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(claimdesk_core::Invalid(
                problems
                    .into_iter()
                    .map(|(field, message)| claimdesk_core::FieldError { field: field.into(), message })
                    .collect(),
            )));
        }
        self.with_tx(|tx| {
            if profile.is_default {
                tx.execute("UPDATE printer_profiles SET is_default = 0", [])?;
            }
            tx.execute(
                "INSERT INTO printer_profiles (name, offset_left_pt, offset_top_pt, is_default) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (name) DO UPDATE SET offset_left_pt = ?2, offset_top_pt = ?3, is_default = ?4",
                params![name, f64::from(profile.offset_left_pt), f64::from(profile.offset_top_pt), profile.is_default],
            )?;
            Ok(())
        })?;
        Ok(PrinterProfile { name, ..profile.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let practice = claimdesk_core::Practice {
            name: "Test".into(),
            billing_entity: claimdesk_core::BillingEntity::Group,
            npi: "1245319599".into(),
            tax_id: "741234567".into(),
            tax_id_kind: claimdesk_core::TaxIdKind::Ein,
            taxonomy: "207Q00000X".into(),
            address: claimdesk_core::Address {
                line1: "1 Main St".into(),
                line2: String::new(),
                city: "Austin".into(),
                state: "TX".into(),
                zip: "78701-2345".into(),
            },
            phone: "5125550100".into(),
            contact_name: String::new(),
            email: String::new(),
        };
        Store::open_in_memory(&practice).unwrap()
    }

    #[test]
    fn offsets_are_kept_per_printer_with_one_default() {
        let mut s = store();
        assert_eq!(s.default_printer_profile().unwrap().offset_left_pt, 0.0);
        s.save_printer_profile(&PrinterProfile {
            name: "Front desk".into(),
            offset_left_pt: 4.5,
            offset_top_pt: -3.0,
            is_default: true,
        })
        .unwrap();
        s.save_printer_profile(&PrinterProfile {
            name: "Back office".into(),
            offset_left_pt: 1.0,
            offset_top_pt: 0.0,
            is_default: true,
        })
        .unwrap();
        assert_eq!(s.default_printer_profile().unwrap().name, "Back office");
        assert_eq!(s.printer_profiles().unwrap().len(), 2);
        let bad =
            PrinterProfile { name: " ".into(), offset_left_pt: 100.0, offset_top_pt: f32::NAN, is_default: false };
        match s.save_printer_profile(&bad) {
            Err(StoreError::Invalid(inv)) => assert_eq!(inv.0.len(), 3),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}

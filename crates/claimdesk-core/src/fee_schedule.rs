//! The fee schedule: what the practice charges for a code (standard fee) and what each
//! payer has contracted to allow, both dated so last year's claims keep last year's fees.
//! CPT descriptions are the AMA's: ClaimDesk ships none, users type or import their own.

use crate::money::Money;
use crate::text::{self, max};
use crate::validation::{self, Invalid, Problems};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FeeEntry {
    pub id: Option<i64>,
    /// `None`: the practice's standard charge. `Some`: that payer's contracted allowed amount.
    pub payer_id: Option<i64>,
    /// Filled in when read back: "Standard fee" or the payer's name.
    #[serde(default)]
    pub schedule_name: String,
    pub code: String,
    /// Blank, or one modifier that changes the fee (26, TC, 50 ...).
    #[serde(default)]
    pub modifier: String,
    #[serde(default)]
    pub description: String,
    pub amount: Money,
    pub effective_from: Option<NaiveDate>,
    pub effective_to: Option<NaiveDate>,
}

impl FeeEntry {
    pub fn validated(&self) -> Result<FeeEntry, Invalid> {
        let mut p = Problems::new();
        let code = p.check("code", validation::procedure_code("Procedure code", &self.code)).unwrap_or_default();
        let modifier = p.check("modifier", validation::modifier("Modifier", &self.modifier)).unwrap_or_default();
        if self.amount.is_negative() || self.amount.is_zero() {
            p.add("amount", "Amount must be more than 0.00");
        }
        match self.effective_from {
            None => p.add("effective_from", "Effective date is required"),
            Some(start) => {
                p.check("effective_to", validation::date_range("End date", start, self.effective_to));
            }
        }
        let description = text::single_line("description", "Description", &self.description, max::DESCRIPTION, &mut p);
        p.into_result()?;
        Ok(FeeEntry { code, modifier, description, ..self.clone() })
    }

    /// The charge for `units` units at this fee.
    pub fn charge_for(&self, units: u32) -> Money {
        self.amount.times(units)
    }

    /// True when this entry's dates include `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.effective_from.is_some_and(|s| s <= day) && self.effective_to.is_none_or(|e| day <= e)
    }

    /// True when the two entries' date ranges share at least one day.
    pub fn overlaps(&self, other: &FeeEntry) -> bool {
        let (Some(a0), Some(b0)) = (self.effective_from, other.effective_from) else { return false };
        let a1 = self.effective_to.unwrap_or(NaiveDate::MAX);
        let b1 = other.effective_to.unwrap_or(NaiveDate::MAX);
        a0 <= b1 && b0 <= a1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn entry(from: NaiveDate, to: Option<NaiveDate>) -> FeeEntry {
        FeeEntry {
            id: None,
            payer_id: None,
            schedule_name: String::new(),
            code: "99213".into(),
            modifier: String::new(),
            description: "Office visit, established".into(),
            amount: Money::from_cents(12500),
            effective_from: Some(from),
            effective_to: to,
        }
    }

    #[test]
    fn validation_names_fields() {
        assert!(entry(d(2025, 1, 1), None).validated().is_ok());
        let mut bad = entry(d(2025, 1, 1), Some(d(2024, 1, 1)));
        bad.code = "9921".into();
        bad.modifier = "X".into();
        bad.amount = Money::ZERO;
        let fields: Vec<String> = bad.validated().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["code", "modifier", "amount", "effective_to"]);
    }

    #[test]
    fn date_coverage_and_overlap() {
        let y2025 = entry(d(2025, 1, 1), Some(d(2025, 12, 31)));
        let y2026 = entry(d(2026, 1, 1), None);
        assert!(y2025.covers(d(2025, 6, 1)));
        assert!(!y2025.covers(d(2026, 1, 1)));
        assert!(y2026.covers(d(2030, 1, 1)));
        assert!(!y2025.overlaps(&y2026));
        assert!(entry(d(2025, 12, 31), None).overlaps(&y2025));
    }
}

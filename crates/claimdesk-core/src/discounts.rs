//! Prompt-pay discounts and prepaid care packages: how a cash patient pays less without a
//! second fee schedule.
//!
//! Every visit is charged at the practice's one usual fee. Charging cash patients from a
//! lower fee schedule makes that lower price the practice's "usual and customary" charge in
//! the eyes of most state insurance laws and payer contracts (and Medicare's "substantially in
//! excess" rule, 42 CFR 1001.701), so the lower price is reached the way auditors expect: the
//! full fee, then an adjustment with its reason ("Prompt-pay discount 10%", "Prepaid care
//! package"). Reports then show the practice's real fees and how much was discounted.

use crate::money::Money;
use crate::text::{self, max};
use crate::validation::{self, Problems};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The largest prompt-pay discount ClaimDesk takes (a typing slip beyond it).
pub const MOST_PROMPT_PAY_PERCENT: u32 = 50;

/// The practice's prompt-pay discount: this percent off what the patient owes on a visit
/// when it is paid in full within `within_days` of the date of service (0: the same day).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PromptPayPolicy {
    /// 0 = the practice offers none.
    pub percent: u32,
    pub within_days: u32,
}

impl PromptPayPolicy {
    pub fn validated(&self) -> Result<PromptPayPolicy, crate::validation::Invalid> {
        let mut p = Problems::new();
        if self.percent > MOST_PROMPT_PAY_PERCENT {
            p.add("percent", format!("The prompt-pay discount must be at most {MOST_PROMPT_PAY_PERCENT}%"));
        }
        if self.within_days > 60 {
            p.add("within_days", "Paid within must be at most 60 days of the visit");
        }
        p.into_result().map(|()| *self)
    }

    /// Whether a payment on `paid_on` for a visit of `service_date` earns the discount.
    pub fn applies(&self, service_date: NaiveDate, paid_on: NaiveDate) -> bool {
        let days = (paid_on - service_date).num_days();
        self.percent > 0 && (0..=i64::from(self.within_days)).contains(&days)
    }

    /// The discount on `owed`: the percent of it, rounded to the cent (half away from zero).
    pub fn discount_on(&self, owed: Money) -> Money {
        if owed.is_negative() || owed.is_zero() {
            return Money::ZERO;
        }
        // Whole cents: (cents × percent + 50) / 100 rounds half up for a positive amount.
        Money::from_cents((owed.cents() * i64::from(self.percent) + 50) / 100)
    }
}

/// Spreads `amount` over lines in proportion to `shares` (each line's open balance), to the
/// cent: the cents left by rounding down go to the largest remainders, so the pieces add up
/// to `amount` exactly and no line gets more than its share rounded up.
pub fn split_over(amount: Money, shares: &[Money]) -> Vec<Money> {
    let total: i64 = shares.iter().map(|s| s.cents().max(0)).sum();
    if total == 0 || amount.is_zero() {
        return vec![Money::ZERO; shares.len()];
    }
    let want = amount.cents();
    let mut pieces: Vec<(usize, i64, i64)> = shares
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let exact = i128::from(want) * i128::from(s.cents().max(0));
            let floor = (exact / i128::from(total)) as i64;
            let remainder = (exact % i128::from(total)) as i64;
            (i, floor, remainder)
        })
        .collect();
    let mut left = want - pieces.iter().map(|p| p.1).sum::<i64>();
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(pieces[i].2), i));
    for i in order {
        if left == 0 {
            break;
        }
        pieces[i].1 += 1;
        left -= 1;
    }
    pieces.into_iter().map(|(_, cents, _)| Money::from_cents(cents)).collect()
}

/// A prepaid care package: the patient paid `price` up front for `visits_included` visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CarePackage {
    pub id: Option<i64>,
    pub patient_id: i64,
    /// What the office calls it: "12-visit adjustment package".
    pub name: String,
    pub visits_included: u32,
    pub price: Money,
    pub purchased_on: Option<NaiveDate>,
    /// Blank: it does not expire.
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

/// Most visits one package holds.
const MOST_PACKAGE_VISITS: u32 = 200;

impl CarePackage {
    pub fn validated(&self, today: NaiveDate) -> Result<CarePackage, crate::validation::Invalid> {
        let mut p = Problems::new();
        let name = text::single_line("name", "Package name", &self.name, max::NOTE, &mut p);
        if name.is_empty() {
            p.add("name", "Name the package (e.g. 12-visit adjustment package)");
        }
        if self.visits_included == 0 || self.visits_included > MOST_PACKAGE_VISITS {
            p.add("visits_included", format!("Visits in the package must be between 1 and {MOST_PACKAGE_VISITS}"));
        }
        if self.price.is_negative() || self.price.is_zero() {
            p.add("price", "Enter what the patient paid for the package");
        }
        match self.purchased_on {
            None => p.add("purchased_on", "Enter the day the package was bought"),
            Some(d) if d > today => p.add("purchased_on", "The purchase date cannot be in the future"),
            Some(d) => {
                p.check("expires_on", validation::date_range("The expiry date", d, self.expires_on));
            }
        }
        let note = text::lines("note", "Package note", &self.note, max::NOTE, &mut p);
        p.into_result().map(|()| CarePackage { name, note, ..self.clone() })
    }

    /// What the `n`th visit (1-based) draws from the prepayment: the price divided evenly,
    /// the last visit taking the cents left over, so the visits add up to the price.
    pub fn visit_value(&self, n: u32) -> Money {
        let visits = i64::from(self.visits_included.max(1));
        let each = self.price.cents() / visits;
        if n >= self.visits_included {
            Money::from_cents(self.price.cents() - each * (visits - 1))
        } else {
            Money::from_cents(each)
        }
    }

    /// Whether a visit on `day` may draw on the package.
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.purchased_on.is_some_and(|p| p <= day) && self.expires_on.is_none_or(|e| day <= e)
    }
}

/// A package with how much of it was used, as the patient screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackageStanding {
    pub package: CarePackage,
    pub visits_used: u32,
    pub visits_left: u32,
    /// What the visits left are worth (the unused prepayment).
    pub value_left: Money,
    /// "5 of 12 visits used, 7 left".
    pub message: String,
}

impl PackageStanding {
    /// `value_used`: what the visits drawn took from the prepayment (a visit whose full fee was
    /// below its share took only its fee).
    pub fn of(package: CarePackage, visits_used: u32, value_used: Money) -> PackageStanding {
        let visits_left = package.visits_included.saturating_sub(visits_used);
        let value_left = package.price - value_used;
        let message = format!("{visits_used} of {} visits used, {visits_left} left", package.visits_included);
        PackageStanding { package, visits_used, visits_left, value_left, message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    fn d(y: i32, mo: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, mo, day).unwrap()
    }

    #[test]
    fn the_prompt_pay_discount_is_a_rounded_percent_of_what_is_owed_when_paid_in_time() {
        let policy = PromptPayPolicy { percent: 10, within_days: 0 };
        assert_eq!(policy.discount_on(m(6500)), m(650));
        assert_eq!(policy.discount_on(m(4505)), m(451), "450.5 cents rounds half away from zero");
        assert_eq!(policy.discount_on(m(4504)), m(450));
        assert_eq!(policy.discount_on(m(-100)), Money::ZERO);
        assert!(policy.applies(d(2027, 1, 5), d(2027, 1, 5)));
        assert!(!policy.applies(d(2027, 1, 5), d(2027, 1, 6)), "same day only");
        assert!(!policy.applies(d(2027, 1, 5), d(2027, 1, 4)), "not before the visit");
        let week = PromptPayPolicy { percent: 15, within_days: 7 };
        assert!(week.applies(d(2027, 1, 5), d(2027, 1, 12)));
        assert!(!PromptPayPolicy::default().applies(d(2027, 1, 5), d(2027, 1, 5)), "none offered");
        assert!(PromptPayPolicy { percent: 60, within_days: 0 }.validated().is_err());
    }

    #[test]
    fn a_split_adds_up_to_the_amount_exactly() {
        assert_eq!(split_over(m(1000), &[m(4500), m(2000)]), [m(692), m(308)]);
        assert_eq!(split_over(m(100), &[m(1), m(1), m(1)]), [m(34), m(33), m(33)]);
        assert_eq!(split_over(m(0), &[m(1)]), [m(0)]);
        let pieces = split_over(m(1999), &[m(333), m(777), m(111), m(5)]);
        assert_eq!(pieces.iter().map(|p| p.cents()).sum::<i64>(), 1999);
    }

    #[test]
    fn package_visits_add_up_to_the_price() {
        let p = CarePackage {
            id: None,
            patient_id: 1,
            name: "12-visit adjustment package".into(),
            visits_included: 12,
            price: m(60001),
            purchased_on: Some(d(2027, 1, 2)),
            expires_on: Some(d(2027, 12, 31)),
            note: String::new(),
        };
        assert_eq!(p.visit_value(1), m(5000));
        assert_eq!(p.visit_value(12), m(5001));
        assert_eq!((1..=12).map(|n| p.visit_value(n).cents()).sum::<i64>(), 60001);
        let used: i64 = (1..=5).map(|n| p.visit_value(n).cents()).sum();
        let standing = PackageStanding::of(p.clone(), 5, m(used));
        assert_eq!(standing.message, "5 of 12 visits used, 7 left");
        assert_eq!(standing.value_left, m(35001));
        assert!(p.open_on(d(2027, 6, 1)) && !p.open_on(d(2028, 1, 1)) && !p.open_on(d(2027, 1, 1)));
        let bad = CarePackage { name: " ".into(), visits_included: 0, price: m(0), purchased_on: None, ..p };
        let fields: Vec<String> = bad.validated(d(2027, 1, 5)).unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "visits_included", "price", "purchased_on"]);
    }
}

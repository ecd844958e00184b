//! Aging a balance: how old the money owed is, in the buckets billers use (current, 31-60,
//! 61-90, 91-120, over 120 days).
//!
//! One rule for statements and reports: positive amounts age by their date; credits (negative
//! amounts, unapplied payments) come off the oldest first; a credit balance is all current.
//! Statements print four columns (over 90 = 91-120 + over 120).
//!
//! Two clocks. The AR aging report ages every open amount from its **date of service**, as
//! practices expect. What the **patient** is asked to pay (statements, their dunning message,
//! final-notice runs, the collections worklist) ages from the day it **became the patient's**:
//! the date of the ledger entry that moved it into the patient bucket (the adjudication that
//! set their share, or the charge itself for a self-pay visit). A share set by insurance
//! yesterday on a visit of four months ago is a day old to the patient, so the first statement
//! asking for it is a reminder and later ones climb (past due after 60 days, final notice after
//! 90). [`patient_due_pieces`] dates a line's open patient balance that way.

use crate::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An age bucket, youngest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AgeBucket {
    /// 0-30 days.
    Current,
    Days31To60,
    Days61To90,
    Days91To120,
    Over120,
}

impl AgeBucket {
    pub const ALL: [AgeBucket; 5] =
        [AgeBucket::Current, AgeBucket::Days31To60, AgeBucket::Days61To90, AgeBucket::Days91To120, AgeBucket::Over120];

    /// The bucket of an amount this many days old (a future date of service is current).
    pub fn of_days(days: i64) -> AgeBucket {
        match days {
            ..=30 => AgeBucket::Current,
            31..=60 => AgeBucket::Days31To60,
            61..=90 => AgeBucket::Days61To90,
            91..=120 => AgeBucket::Days91To120,
            _ => AgeBucket::Over120,
        }
    }

    /// The bucket of an amount dated `date`, seen on `as_of`.
    pub fn of_date(date: NaiveDate, as_of: NaiveDate) -> AgeBucket {
        AgeBucket::of_days((as_of - date).num_days())
    }

    /// 0 (current) to 4 (over 120).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The column heading billers read.
    pub fn label(self) -> &'static str {
        match self {
            AgeBucket::Current => "Current",
            AgeBucket::Days31To60 => "31-60",
            AgeBucket::Days61To90 => "61-90",
            AgeBucket::Days91To120 => "91-120",
            AgeBucket::Over120 => "Over 120",
        }
    }

    /// The oldest day of service (inclusive) that still falls in this bucket on `as_of`,
    /// and the youngest: for SQL that buckets by comparing dates.
    pub fn date_range(self, as_of: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let days = |n: i64| as_of - chrono::TimeDelta::days(n);
        match self {
            AgeBucket::Current => (Some(days(30)), None),
            AgeBucket::Days31To60 => (Some(days(60)), Some(days(31))),
            AgeBucket::Days61To90 => (Some(days(90)), Some(days(61))),
            AgeBucket::Days91To120 => (Some(days(120)), Some(days(91))),
            AgeBucket::Over120 => (None, Some(days(121))),
        }
    }
}

/// A balance split by age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Aging {
    pub current: Money,
    pub days_31_60: Money,
    pub days_61_90: Money,
    pub days_91_120: Money,
    pub over_120: Money,
}

impl Aging {
    pub fn from_cents(buckets: [i64; 5]) -> Aging {
        Aging {
            current: Money::from_cents(buckets[0]),
            days_31_60: Money::from_cents(buckets[1]),
            days_61_90: Money::from_cents(buckets[2]),
            days_91_120: Money::from_cents(buckets[3]),
            over_120: Money::from_cents(buckets[4]),
        }
    }

    pub fn get(&self, bucket: AgeBucket) -> Money {
        match bucket {
            AgeBucket::Current => self.current,
            AgeBucket::Days31To60 => self.days_31_60,
            AgeBucket::Days61To90 => self.days_61_90,
            AgeBucket::Days91To120 => self.days_91_120,
            AgeBucket::Over120 => self.over_120,
        }
    }

    pub fn total(&self) -> Money {
        AgeBucket::ALL.iter().map(|b| self.get(*b)).sum()
    }

    /// Over 90 days (91-120 and over 120): the statements' last column.
    pub fn over_90(&self) -> Money {
        self.days_91_120 + self.over_120
    }

    /// Bucket by bucket sum.
    pub fn plus(&self, other: &Aging) -> Aging {
        Aging {
            current: self.current + other.current,
            days_31_60: self.days_31_60 + other.days_31_60,
            days_61_90: self.days_61_90 + other.days_61_90,
            days_91_120: self.days_91_120 + other.days_91_120,
            over_120: self.over_120 + other.over_120,
        }
    }
}

/// Ages a balance given as what is owed per bucket and the credits: `owed[b]` the positive
/// amounts (cents) whose date of service falls in bucket `b`, `credit` the negative amounts
/// and unapplied payments (<= 0), `unapplied_debit` positive amounts tied to no date of
/// service (a refund of a credit: current). Credits come off the oldest first; a balance that
/// is not positive is all current. The buckets always sum to the balance.
pub fn age_buckets(owed: [i64; 5], credit: i64, unapplied_debit: i64) -> Aging {
    let total = owed.iter().sum::<i64>() + credit + unapplied_debit;
    if total <= 0 {
        return Aging { current: Money::from_cents(total), ..Aging::default() };
    }
    let mut left = -credit.min(0);
    let mut buckets = owed;
    for b in buckets.iter_mut().rev() {
        let used = left.min((*b).max(0));
        *b -= used;
        left -= used;
    }
    let debit = unapplied_debit.max(0) - left;
    buckets[0] += debit;
    Aging::from_cents(buckets)
}

/// Ages a balance from its amounts per date of service (`(date, cents)`, several per date
/// allowed) and an amount tied to no date (`unapplied`: a credit when negative). Returns the
/// aging and the age in days of the oldest amount still unpaid (None when nothing is owed).
pub fn age_balance(as_of: NaiveDate, dated: &[(NaiveDate, i64)], unapplied: i64) -> (Aging, Option<i64>) {
    let mut owed = [0i64; 5];
    let mut credit = unapplied.min(0);
    for (date, cents) in dated {
        if *cents > 0 {
            owed[AgeBucket::of_date(*date, as_of).index()] += cents;
        } else {
            credit += cents;
        }
    }
    let aging = age_buckets(owed, credit, unapplied.max(0));
    if aging.total() <= Money::ZERO {
        return (aging, None);
    }
    // The oldest amount left unpaid once credits came off the oldest first.
    let mut positives: Vec<(i64, i64)> =
        dated.iter().filter(|(_, c)| *c > 0).map(|(d, c)| ((as_of - *d).num_days().max(0), *c)).collect();
    positives.sort_by_key(|p| std::cmp::Reverse(p.0));
    let mut left = -credit;
    let mut oldest = None;
    for (age, cents) in positives {
        let used = left.min(cents);
        left -= used;
        if cents > used {
            oldest = Some(age);
            break;
        }
    }
    (aging, oldest.or(Some(0)))
}

/// Dates one service line's open patient balance by when it became the patient's.
///
/// `open` is the line's balance in the patient bucket (cents); `moved_in` the amounts that
/// moved into that bucket, each with its entry date (the adjudication's transfer, a self-pay
/// charge; not reversals, and not entries that were reversed). Payments and credits on a line
/// come off its oldest amounts first, so what is still open is the newest amounts moved in:
/// the pieces returned (date, cents) are taken newest first and sum to `open`. Should the
/// amounts moved in fall short of the balance, the rest dates from `fallback` (the date of
/// service, the oldest date the line can have). A credit (`open` < 0) is one piece dated
/// `fallback`; it comes off the oldest amounts when the account is aged.
pub fn patient_due_pieces(open: i64, moved_in: &[(NaiveDate, i64)], fallback: NaiveDate) -> Vec<(NaiveDate, i64)> {
    if open <= 0 {
        return if open == 0 { Vec::new() } else { vec![(fallback, open)] };
    }
    let mut newest_first: Vec<(NaiveDate, i64)> = moved_in.iter().copied().filter(|(_, c)| *c > 0).collect();
    newest_first.sort_by_key(|(date, _)| std::cmp::Reverse(*date));
    let mut left = open;
    let mut pieces = Vec::new();
    for (date, cents) in newest_first {
        if left == 0 {
            break;
        }
        let take = cents.min(left);
        pieces.push((date, take));
        left -= take;
    }
    if left > 0 {
        pieces.push((fallback, left));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bucket_edges() {
        let cases = [(0, 0), (30, 0), (31, 1), (60, 1), (61, 2), (90, 2), (91, 3), (120, 3), (121, 4), (-5, 0)];
        for (days, index) in cases {
            assert_eq!(AgeBucket::of_days(days).index(), index, "{days} days");
        }
        let on = d(2026, 11, 23);
        for b in AgeBucket::ALL {
            let (oldest, youngest) = b.date_range(on);
            if let Some(o) = oldest {
                assert_eq!(AgeBucket::of_date(o, on), b);
                assert_ne!(AgeBucket::of_date(o - chrono::TimeDelta::days(1), on), b);
            }
            if let Some(y) = youngest {
                assert_eq!(AgeBucket::of_date(y, on), b);
                assert_ne!(AgeBucket::of_date(y + chrono::TimeDelta::days(1), on), b);
            }
        }
    }

    #[test]
    fn credits_come_off_the_oldest_and_the_buckets_sum_to_the_balance() {
        let on = d(2026, 11, 23);
        let lines = [(d(2026, 7, 1), 5000), (d(2026, 9, 10), 3000), (d(2026, 11, 1), 2000), (d(2026, 10, 1), -1000)];
        let (aging, oldest) = age_balance(on, &lines, -4500);
        assert_eq!(aging.total(), Money::from_cents(4500));
        assert_eq!(aging.over_90(), Money::ZERO);
        assert_eq!(aging.days_61_90, Money::from_cents(2500));
        assert_eq!(aging.current, Money::from_cents(2000));
        assert_eq!(oldest, Some((on - d(2026, 9, 10)).num_days()));
    }

    #[test]
    fn a_credit_balance_is_all_current() {
        let on = d(2026, 11, 23);
        let (aging, oldest) = age_balance(on, &[(d(2026, 1, 1), 1000)], -1500);
        assert_eq!(aging, Aging { current: Money::from_cents(-500), ..Default::default() });
        assert_eq!(oldest, None);
    }

    #[test]
    fn an_unapplied_debit_is_current_after_credits() {
        let aging = age_buckets([0, 0, 0, 0, 700], -200, 300);
        assert_eq!(aging, Aging::from_cents([300, 0, 0, 0, 500]));
        let aging = age_buckets([0, 0, 0, 0, 700], -900, 300);
        assert_eq!(aging, Aging::from_cents([100, 0, 0, 0, 0]));
    }

    #[test]
    fn a_share_set_yesterday_is_a_day_old_whatever_the_date_of_service() {
        let on = d(2026, 11, 23);
        let service = d(2026, 7, 1);
        let pieces = patient_due_pieces(4000, &[(d(2026, 11, 22), 4000)], service);
        assert_eq!(pieces, [(d(2026, 11, 22), 4000)]);
        let (aging, oldest) = age_balance(on, &pieces, 0);
        assert_eq!(aging.current, Money::from_cents(4000));
        assert_eq!(oldest, Some(1));
    }

    #[test]
    fn what_is_open_is_the_newest_amount_moved_to_the_patient() {
        let service = d(2026, 6, 1);
        // 50.00 deductible set on 07/01 and paid; the payer reprocessed and moved 30.00 more on 09/15.
        let moved = [(d(2026, 7, 1), 5000), (d(2026, 9, 15), 3000)];
        assert_eq!(patient_due_pieces(3000, &moved, service), [(d(2026, 9, 15), 3000)]);
        // Part of the older amount still open: it keeps its own date.
        assert_eq!(patient_due_pieces(4500, &moved, service), [(d(2026, 9, 15), 3000), (d(2026, 7, 1), 1500)]);
        // More open than moved in (should not happen): the rest dates from the date of service.
        assert_eq!(
            patient_due_pieces(9000, &moved, service),
            [(d(2026, 9, 15), 3000), (d(2026, 7, 1), 5000), (service, 1000)]
        );
        assert_eq!(patient_due_pieces(0, &moved, service), []);
        assert_eq!(patient_due_pieces(-700, &moved, service), [(service, -700)]);
    }

    #[test]
    fn bucket_sums_age_like_lines() {
        // Ageing lines one by one or their bucket sums gives the same columns.
        let on = d(2026, 11, 23);
        let lines: Vec<(NaiveDate, i64)> = (0..40)
            .map(|i| (on - chrono::TimeDelta::days(i * 7), if i % 5 == 3 { -(i * 37) } else { i * 101 + 13 }))
            .collect();
        for unapplied in [-20_000, -500, 0, 250] {
            let (aging, _) = age_balance(on, &lines, unapplied);
            let total: i64 = lines.iter().map(|l| l.1).sum::<i64>() + unapplied;
            assert_eq!(aging.total(), Money::from_cents(total));
        }
    }
}

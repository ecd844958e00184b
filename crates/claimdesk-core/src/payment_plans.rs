//! Payment plans: a guarantor pays a chosen balance in installments instead of all at once.
//!
//! Three pure pieces, all in whole cents (no floats anywhere):
//! - [`PlanTerms::validated`] and [`schedule`]: what the biller typed, checked field by field,
//!   turned into dated installments that sum exactly to the amount financed.
//! - [`plan_state`]: given the schedule, the payments received and today, how the plan stands
//!   (which installments are paid, what is due now, whether it is delinquent or completed).
//! - [`amend`] and [`installment_due_on_statement`]: a new plan version over what is still
//!   unpaid, and what a statement asks for while the plan runs.
//!
//! The store persists terms, schedules, payments and the office's decision to cancel or
//! default a plan; everything else is derived here.

use crate::money::Money;
use crate::validation::{us_date, FieldError, Invalid, Problems};
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most installments a plan may have (ten years of monthly payments).
pub const MAX_INSTALLMENTS: u32 = 120;

/// How often an installment falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanFrequency {
    Weekly,
    EveryTwoWeeks,
    Monthly,
}

impl PlanFrequency {
    /// The due date of the installment at `index` (0 = the first), always counted from the
    /// first due date, never from the previous installment: weekly +7 days each, every two
    /// weeks +14 days each, monthly the first due date's day of the month, clamped to the
    /// month's last day (Jan 31 -> Feb 28 or 29 -> Mar 31 -> Apr 30). `None` only past the
    /// end of the calendar.
    pub fn due_date(self, first_due: NaiveDate, index: u32) -> Option<NaiveDate> {
        match self {
            PlanFrequency::Weekly => first_due.checked_add_days(Days::new(7 * u64::from(index))),
            PlanFrequency::EveryTwoWeeks => first_due.checked_add_days(Days::new(14 * u64::from(index))),
            // chrono clamps to the last day of the target month; counting from `first_due`
            // every time keeps Mar 31 after a clamped Feb 29.
            PlanFrequency::Monthly => first_due.checked_add_months(Months::new(index)),
        }
    }
}

/// What the biller agreed with the guarantor. Exactly one of `installments` (how many) and
/// `installment_amount` (how much each) is given; the other is worked out by [`schedule`].
/// Interest-free: the installments add up to `financed - down_payment`, no more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanTerms {
    /// The balance the plan covers (selected visits or the whole patient balance), before
    /// the down payment.
    pub financed: Money,
    /// Paid when the plan is signed; not an installment. Zero when there is none.
    pub down_payment: Money,
    #[serde(default)]
    pub installments: Option<u32>,
    #[serde(default)]
    pub installment_amount: Option<Money>,
    pub frequency: PlanFrequency,
    #[serde(default)]
    pub first_due: Option<NaiveDate>,
}

/// One scheduled payment of a plan. `number` counts from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Installment {
    pub number: u32,
    pub due: NaiveDate,
    pub amount: Money,
}

fn dollars(m: Money) -> String {
    format!("${m}")
}

/// Whole cents of `total` split into `count` installments: `floor(total / count)` each and
/// the remainder on the last, so the pieces sum exactly to `total`.
fn split_by_count(total: i64, count: u32) -> Vec<i64> {
    let n = i64::from(count);
    let base = total / n;
    let mut cents = vec![base; count as usize];
    if let Some(last) = cents.last_mut() {
        *last += total - base * n;
    }
    cents
}

/// Whole cents of `total` in installments of `each`: as many full ones as fit, then the
/// remainder as a smaller last one (none when `each` divides `total`, so never a zero).
fn split_by_amount(total: i64, each: i64) -> Vec<i64> {
    let mut cents = vec![each; (total / each) as usize];
    if total % each != 0 {
        cents.push(total % each);
    }
    cents
}

/// How many installments of `each` cents it takes to pay `total` cents.
fn count_for_amount(total: i64, each: i64) -> i64 {
    total / each + i64::from(total % each != 0)
}

impl PlanTerms {
    /// What the installments pay: the amount covered less the down payment.
    pub fn amount_to_finance(&self) -> Money {
        self.financed - self.down_payment
    }

    /// Checks the terms and returns them unchanged when they make a plan, or every problem
    /// with the field it is about:
    /// - `financed`: more than $0.00.
    /// - `down_payment`: not negative and less than `financed` (a down payment of the whole
    ///   balance leaves nothing to put on a plan).
    /// - exactly one of `installments` / `installment_amount`;
    ///   `installments` 1 to [`MAX_INSTALLMENTS`], and no more than the cents to be paid (every
    ///   installment is at least $0.01); `installment_amount` more than $0.00, no more than the
    ///   amount to finance, and large enough that the plan ends within [`MAX_INSTALLMENTS`].
    /// - `first_due`: required.
    pub fn validated(&self) -> Result<PlanTerms, Invalid> {
        let mut p = Problems::new();
        let financed_ok = !self.financed.is_negative() && !self.financed.is_zero();
        if !financed_ok {
            p.add("financed", "Amount covered by the plan must be more than $0.00");
        }
        let down_ok = if self.down_payment.is_negative() {
            p.add("down_payment", "Down payment cannot be negative");
            false
        } else if financed_ok && self.down_payment >= self.financed {
            p.add(
                "down_payment",
                format!(
                    "Down payment {} must be less than the {} the plan covers; nothing would be left to pay in installments",
                    dollars(self.down_payment),
                    dollars(self.financed)
                ),
            );
            false
        } else {
            true
        };
        let to_finance = (financed_ok && down_ok).then(|| self.amount_to_finance().cents());

        match (self.installments, self.installment_amount) {
            (None, None) => p.add("installments", "Enter the number of installments or the installment amount"),
            (Some(_), Some(_)) => {
                p.add("installment_amount", "Enter the number of installments or the installment amount, not both")
            }
            (Some(n), None) => {
                if n == 0 || n > MAX_INSTALLMENTS {
                    p.add("installments", format!("Number of installments must be between 1 and {MAX_INSTALLMENTS}"));
                } else if let Some(total) = to_finance.filter(|t| i64::from(n) > *t) {
                    p.add(
                        "installments",
                        format!(
                            "{} cannot be split into {n} installments of at least $0.01",
                            dollars(Money::from_cents(total))
                        ),
                    );
                }
            }
            (None, Some(each)) => {
                if each.is_negative() || each.is_zero() {
                    p.add("installment_amount", "Installment amount must be more than $0.00");
                } else if let Some(total) = to_finance {
                    if each.cents() > total {
                        p.add(
                            "installment_amount",
                            format!(
                                "Installment amount {} is more than the {} left to pay after the down payment",
                                dollars(each),
                                dollars(Money::from_cents(total))
                            ),
                        );
                    } else {
                        let count = count_for_amount(total, each.cents());
                        if count > i64::from(MAX_INSTALLMENTS) {
                            let least = count_for_amount(total, i64::from(MAX_INSTALLMENTS));
                            p.add(
                                "installment_amount",
                                format!(
                                    "At {} an installment the plan would run {count} installments; the most is \
                                     {MAX_INSTALLMENTS}, so each installment must be at least {}",
                                    dollars(each),
                                    dollars(Money::from_cents(least))
                                ),
                            );
                        }
                    }
                }
            }
        }

        match self.first_due {
            None => p.add("first_due", "First due date is required"),
            Some(first) => {
                if self.frequency.due_date(first, MAX_INSTALLMENTS - 1).is_none() {
                    p.add("first_due", format!("First due date {} is too far in the future", us_date(first)));
                }
            }
        }

        p.into_result().map(|()| self.clone())
    }
}

/// The installments of a plan, numbered from 1, in due-date order.
///
/// - By count: each installment is the amount to finance divided by the count, rounded DOWN
///   to the cent; the cents left over go on the LAST installment ($100.00 in 3 = 33.33,
///   33.33, 33.34).
/// - By amount: as many installments of that amount as fit, then the remainder as a smaller
///   last one ($1,000.00 at $300.00 = 300, 300, 300, 100); never a $0.00 installment.
/// - Dates: see [`PlanFrequency::due_date`].
///
/// The installments always sum exactly to `financed - down_payment`.
pub fn schedule(terms: &PlanTerms) -> Result<Vec<Installment>, Invalid> {
    let terms = terms.validated()?;
    let total = terms.amount_to_finance().cents();
    let cents = match (terms.installments, terms.installment_amount) {
        (Some(count), None) => split_by_count(total, count),
        (None, Some(each)) => split_by_amount(total, each.cents()),
        _ => unreachable!("validated terms have exactly one of installments and installment_amount"),
    };
    let first = terms.first_due.expect("validated terms have a first due date");
    let mut out = Vec::with_capacity(cents.len());
    for (index, amount) in (0u32..).zip(cents) {
        let due = terms.frequency.due_date(first, index).ok_or_else(|| {
            Invalid::one("first_due", format!("First due date {} is too far in the future", us_date(first)))
        })?;
        out.push(Installment { number: index + 1, due, amount: Money::from_cents(amount) });
    }
    Ok(out)
}

/// Where a plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanStatus {
    /// Running, nothing unpaid past the grace period.
    Active,
    /// An installment is unpaid more than the grace period after its due date.
    Delinquent,
    /// Every installment is paid.
    Completed,
    /// The office ended the plan by agreement.
    Cancelled,
    /// The office ended the plan because the guarantor stopped paying.
    Defaulted,
}

/// A payment toward the installments (the down payment is not one of these). A negative
/// amount undoes an earlier payment (a returned check).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanPayment {
    pub date: NaiveDate,
    pub amount: Money,
}

/// One installment with what has been paid on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InstallmentState {
    pub number: u32,
    pub due: NaiveDate,
    pub amount: Money,
    pub paid: Money,
    pub remaining: Money,
    /// The date of the payment that finished paying this installment (and kept it paid).
    pub paid_off_on: Option<NaiveDate>,
}

/// How a plan stands on a given day. See [`plan_state`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanState {
    pub status: PlanStatus,
    pub installments: Vec<InstallmentState>,
    /// Paid toward the installments (never more than the schedule's total; see `overpaid`).
    /// `paid_total + remaining_balance` is always the schedule's total.
    pub paid_total: Money,
    /// What is still unpaid on the schedule. When the plan is cancelled or defaulted this is
    /// the balance that goes back to normal statements and collections.
    pub remaining_balance: Money,
    /// Paid beyond the whole plan: a credit on the guarantor's account.
    pub overpaid: Money,
    /// The sum of what remains on installments due on or before `today`.
    pub amount_due_now: Money,
    /// The oldest installment not fully paid, with `amount` = what is still owed on it
    /// (less than the scheduled amount when it is partly paid).
    pub next_due: Option<Installment>,
    /// Days since the due date of the oldest installment unpaid past the grace period;
    /// 0 unless the plan is delinquent.
    pub days_late: i64,
}

/// How a plan stands on `today`.
///
/// - Payments are taken in date order (same-day payments in the order given) and applied to
///   the oldest unpaid installment first; what is left over moves forward to the next ones.
///   Anything beyond the whole schedule is `overpaid`, a credit. A negative payment takes
///   money back off the newest paid installments (their `paid_off_on` clears). A net total
///   below zero counts as nothing paid.
/// - `grace_days` (negative counts as 0): an installment unpaid MORE than this many days
///   after its due date makes the plan `Delinquent`; `days_late` is the lateness of the
///   oldest such installment, counted from its due date. Within the grace period the plan
///   stays `Active` (with `amount_due_now` showing what is owed).
/// - Everything paid: `Completed`.
/// - `ended`: the store records when the office cancels a plan or declares it defaulted;
///   pass `Some(Cancelled)` or `Some(Defaulted)` and that is the status, whatever was paid.
///   Other values are ignored (those statuses are derived, not decided). An ended plan asks
///   for nothing more: `amount_due_now` is zero, `next_due` is `None`, `days_late` is 0, and
///   its `remaining_balance` goes back to the guarantor's normal statements and collections.
///
/// `schedule` is a plan's installments as [`schedule`] made them (numbered, in date order).
pub fn plan_state(
    schedule: &[Installment],
    payments: &[PlanPayment],
    today: NaiveDate,
    grace_days: i64,
    ended: Option<PlanStatus>,
) -> PlanState {
    let grace = grace_days.max(0);
    let ended = ended.filter(|s| matches!(s, PlanStatus::Cancelled | PlanStatus::Defaulted));

    // Cumulative schedule total through each installment: installment j is paid off once
    // the running total of payments reaches thresholds[j].
    let thresholds: Vec<i64> = schedule
        .iter()
        .scan(0i64, |run, i| {
            *run += i.amount.cents();
            Some(*run)
        })
        .collect();
    let total = thresholds.last().copied().unwrap_or(0);

    let mut ordered: Vec<&PlanPayment> = payments.iter().collect();
    ordered.sort_by_key(|p| p.date);
    let mut paid_off_on: Vec<Option<NaiveDate>> = vec![None; schedule.len()];
    let mut received = 0i64;
    for payment in ordered {
        received += payment.amount.cents();
        for (when, threshold) in paid_off_on.iter_mut().zip(&thresholds) {
            if received >= *threshold {
                when.get_or_insert(payment.date);
            } else {
                *when = None;
            }
        }
    }
    let applied = received.clamp(0, total);
    let overpaid = (received - total).max(0);

    let mut before = 0i64;
    let installments: Vec<InstallmentState> = schedule
        .iter()
        .zip(paid_off_on)
        .map(|(i, paid_off_on)| {
            let amount = i.amount.cents();
            let paid = (applied - before).clamp(0, amount.max(0));
            before += amount;
            InstallmentState {
                number: i.number,
                due: i.due,
                amount: i.amount,
                paid: Money::from_cents(paid),
                remaining: Money::from_cents(amount - paid),
                paid_off_on: paid_off_on.filter(|_| paid == amount),
            }
        })
        .collect();

    let unpaid = || installments.iter().filter(|s| !s.remaining.is_zero());
    let days_late = unpaid().map(|s| (today - s.due).num_days()).filter(|late| *late > grace).max().unwrap_or(0);
    let remaining_balance = Money::from_cents(total - applied);
    let status = match ended {
        Some(decided) => decided,
        None if remaining_balance.is_zero() => PlanStatus::Completed,
        None if days_late > 0 => PlanStatus::Delinquent,
        None => PlanStatus::Active,
    };
    let live = ended.is_none();
    let amount_due_now =
        if live { unpaid().filter(|s| s.due <= today).map(|s| s.remaining).sum() } else { Money::ZERO };
    let next_due =
        unpaid().next().filter(|_| live).map(|s| Installment { number: s.number, due: s.due, amount: s.remaining });

    PlanState {
        status,
        installments,
        paid_total: Money::from_cents(applied),
        remaining_balance,
        overpaid: Money::from_cents(overpaid),
        amount_due_now,
        next_due,
        days_late: if live { days_late } else { 0 },
    }
}

/// What a statement should ask the guarantor to pay toward the plan, instead of the whole
/// balance. `state` must be [`plan_state`] as of the statement date `today`.
///
/// - Completed, cancelled or defaulted: $0.00 from the plan (a cancelled or defaulted
///   plan's remaining balance is billed on the normal statement instead).
/// - Anything due on or before `today` (overdue or due today): `amount_due_now`.
/// - Otherwise, when the next installment falls due within `within_days` after `today` (the
///   statement cycle, e.g. 30): what is still owed on it.
/// - Otherwise $0.00: nothing falls due before the next statement.
pub fn installment_due_on_statement(state: &PlanState, today: NaiveDate, within_days: i64) -> Money {
    match state.status {
        PlanStatus::Completed | PlanStatus::Cancelled | PlanStatus::Defaulted => Money::ZERO,
        PlanStatus::Active | PlanStatus::Delinquent => {
            if !state.amount_due_now.is_zero() {
                state.amount_due_now
            } else {
                state
                    .next_due
                    .filter(|next| (next.due - today).num_days() <= within_days)
                    .map_or(Money::ZERO, |next| next.amount)
            }
        }
    }
}

/// The schedule of a new version of a running plan (the store keeps the old version and its
/// payments as history; the new version starts with no payments).
///
/// The rule: `new_terms.financed` is everything the new version covers, which is the
/// previous version's `remaining_balance` plus any balance being added (charges since the
/// plan started that the guarantor agrees to put on it). So it may not be less than the
/// previous `remaining_balance`: a plan is never amended down silently; reduce the balance
/// with an adjustment first, then amend. The added balance is
/// `new_terms.financed - previous.remaining_balance`. A down payment on the new terms is
/// money paid when the amendment is signed. Only an active or delinquent plan can be
/// amended: a completed plan is done (start a new plan), and a cancelled or defaulted plan's
/// balance has gone back to normal statements.
///
/// Every problem is reported at once: the new terms' own field errors as in
/// [`PlanTerms::validated`], plus `financed` when it is below what remains unpaid.
pub fn amend(previous: &PlanState, new_terms: &PlanTerms) -> Result<Vec<Installment>, Invalid> {
    let refused = match previous.status {
        PlanStatus::Completed => Some("This plan is paid off; start a new plan for a new balance"),
        PlanStatus::Cancelled => Some("This plan was cancelled; start a new plan instead of amending it"),
        PlanStatus::Defaulted => Some("This plan was defaulted; start a new plan instead of amending it"),
        PlanStatus::Active | PlanStatus::Delinquent => None,
    };
    if let Some(message) = refused {
        return Err(Invalid::one("status", message));
    }
    let mut errors = match new_terms.validated() {
        Ok(_) => Vec::new(),
        Err(Invalid(errors)) => errors,
    };
    if new_terms.financed < previous.remaining_balance && !errors.iter().any(|e| e.field == "financed") {
        errors.insert(
            0,
            FieldError {
                field: "financed".into(),
                message: format!(
                    "The amended plan covers {} but {} is still unpaid on the current plan; it must cover at least that",
                    dollars(new_terms.financed),
                    dollars(previous.remaining_balance)
                ),
            },
        );
    }
    if !errors.is_empty() {
        return Err(Invalid(errors));
    }
    schedule(new_terms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn c(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    fn by_count(financed: i64, down: i64, n: u32, frequency: PlanFrequency, first: NaiveDate) -> PlanTerms {
        PlanTerms {
            financed: c(financed),
            down_payment: c(down),
            installments: Some(n),
            installment_amount: None,
            frequency,
            first_due: Some(first),
        }
    }

    fn by_amount(financed: i64, down: i64, each: i64, frequency: PlanFrequency, first: NaiveDate) -> PlanTerms {
        PlanTerms {
            installments: None,
            installment_amount: Some(c(each)),
            ..by_count(financed, down, 1, frequency, first)
        }
    }

    fn dues(s: &[Installment]) -> Vec<NaiveDate> {
        s.iter().map(|i| i.due).collect()
    }

    fn amounts(s: &[Installment]) -> Vec<i64> {
        s.iter().map(|i| i.amount.cents()).collect()
    }

    fn fields(e: &Invalid) -> Vec<&str> {
        e.0.iter().map(|f| f.field.as_str()).collect()
    }

    fn monthly(first: NaiveDate, n: u32) -> Vec<NaiveDate> {
        dues(&schedule(&by_count(100 * i64::from(n), 0, n, PlanFrequency::Monthly, first)).unwrap())
    }

    fn pay(date: NaiveDate, cents: i64) -> PlanPayment {
        PlanPayment { date, amount: c(cents) }
    }

    // ---- dates ----

    #[test]
    fn monthly_jan_31_clamps_in_a_common_year_and_returns_to_the_31st() {
        assert_eq!(
            monthly(d(2027, 1, 31), 6),
            vec![d(2027, 1, 31), d(2027, 2, 28), d(2027, 3, 31), d(2027, 4, 30), d(2027, 5, 31), d(2027, 6, 30)]
        );
    }

    #[test]
    fn monthly_jan_31_in_a_leap_year_falls_on_feb_29() {
        assert_eq!(monthly(d(2028, 1, 31), 4), vec![d(2028, 1, 31), d(2028, 2, 29), d(2028, 3, 31), d(2028, 4, 30)]);
    }

    #[test]
    fn monthly_jan_30_and_29_across_february() {
        assert_eq!(monthly(d(2027, 1, 30), 3), vec![d(2027, 1, 30), d(2027, 2, 28), d(2027, 3, 30)]);
        assert_eq!(monthly(d(2028, 1, 30), 3), vec![d(2028, 1, 30), d(2028, 2, 29), d(2028, 3, 30)]);
        assert_eq!(monthly(d(2027, 1, 29), 3), vec![d(2027, 1, 29), d(2027, 2, 28), d(2027, 3, 29)]);
        assert_eq!(monthly(d(2028, 1, 29), 3), vec![d(2028, 1, 29), d(2028, 2, 29), d(2028, 3, 29)]);
    }

    #[test]
    fn monthly_crosses_the_year_and_centuries_rule() {
        assert_eq!(monthly(d(2027, 12, 31), 3), vec![d(2027, 12, 31), d(2028, 1, 31), d(2028, 2, 29)]);
        // 2100 is not a leap year.
        assert_eq!(monthly(d(2100, 1, 31), 2), vec![d(2100, 1, 31), d(2100, 2, 28)]);
        // A plan starting on Feb 29 stays on the 29th.
        assert_eq!(monthly(d(2028, 2, 29), 3), vec![d(2028, 2, 29), d(2028, 3, 29), d(2028, 4, 29)]);
    }

    #[test]
    fn weekly_and_every_two_weeks_add_days() {
        let weekly = schedule(&by_count(300, 0, 3, PlanFrequency::Weekly, d(2028, 2, 22))).unwrap();
        assert_eq!(dues(&weekly), vec![d(2028, 2, 22), d(2028, 2, 29), d(2028, 3, 7)]);
        let biweekly = schedule(&by_count(300, 0, 3, PlanFrequency::EveryTwoWeeks, d(2027, 12, 24))).unwrap();
        assert_eq!(dues(&biweekly), vec![d(2027, 12, 24), d(2028, 1, 7), d(2028, 1, 21)]);
    }

    // ---- amounts ----

    #[test]
    fn by_count_rounds_down_and_puts_the_remainder_on_the_last() {
        let s = schedule(&by_count(10_000, 0, 3, PlanFrequency::Monthly, d(2027, 1, 15))).unwrap();
        assert_eq!(amounts(&s), vec![3333, 3333, 3334]);
        assert_eq!(s.iter().map(|i| i.number).collect::<Vec<_>>(), vec![1, 2, 3]);
        let s = schedule(&by_count(100_000, 0, 7, PlanFrequency::Monthly, d(2027, 1, 15))).unwrap();
        assert_eq!(amounts(&s), vec![14285, 14285, 14285, 14285, 14285, 14285, 14290]);
        assert_eq!(s.iter().map(|i| i.amount).sum::<Money>(), c(100_000));
    }

    #[test]
    fn by_count_takes_off_the_down_payment() {
        let s = schedule(&by_count(100_000, 10_000, 4, PlanFrequency::Monthly, d(2027, 1, 15))).unwrap();
        assert_eq!(amounts(&s), vec![22_500; 4]);
        let one = schedule(&by_count(12_345, 45, 1, PlanFrequency::Weekly, d(2027, 1, 15))).unwrap();
        assert_eq!(amounts(&one), vec![12_300]);
    }

    #[test]
    fn by_count_of_exactly_the_cents_is_a_cent_each() {
        let s = schedule(&by_count(5, 0, 5, PlanFrequency::Weekly, d(2027, 1, 1))).unwrap();
        assert_eq!(amounts(&s), vec![1; 5]);
    }

    #[test]
    fn by_amount_fits_full_installments_then_the_remainder() {
        let s = schedule(&by_amount(100_000, 0, 30_000, PlanFrequency::Monthly, d(2027, 1, 31))).unwrap();
        assert_eq!(amounts(&s), vec![30_000, 30_000, 30_000, 10_000]);
        assert_eq!(dues(&s), vec![d(2027, 1, 31), d(2027, 2, 28), d(2027, 3, 31), d(2027, 4, 30)]);
        // Divides evenly: no $0.00 installment at the end.
        let s = schedule(&by_amount(100_000, 10_000, 30_000, PlanFrequency::Weekly, d(2027, 1, 1))).unwrap();
        assert_eq!(amounts(&s), vec![30_000; 3]);
        // The whole amount at once.
        let s = schedule(&by_amount(5_000, 0, 5_000, PlanFrequency::Weekly, d(2027, 1, 1))).unwrap();
        assert_eq!(amounts(&s), vec![5_000]);
        // A one-cent remainder is still an installment.
        let s = schedule(&by_amount(10_001, 0, 5_000, PlanFrequency::Weekly, d(2027, 1, 1))).unwrap();
        assert_eq!(amounts(&s), vec![5_000, 5_000, 1]);
    }

    // ---- validation ----

    fn only_error(terms: &PlanTerms) -> FieldError {
        let e = terms.validated().unwrap_err();
        assert_eq!(e.0.len(), 1, "{e}");
        assert_eq!(schedule(terms).unwrap_err(), e, "schedule refuses what validated refuses");
        e.0[0].clone()
    }

    fn good() -> PlanTerms {
        by_count(100_000, 10_000, 6, PlanFrequency::Monthly, d(2027, 1, 15))
    }

    #[test]
    fn valid_terms_come_back_unchanged() {
        assert_eq!(good().validated(), Ok(good()));
    }

    #[test]
    fn financed_must_be_more_than_zero() {
        for cents in [0, -100] {
            let e = only_error(&PlanTerms { financed: c(cents), down_payment: c(0), ..good() });
            assert_eq!(e.field, "financed");
            assert!(e.message.contains("more than $0.00"), "{}", e.message);
        }
    }

    #[test]
    fn down_payment_must_be_zero_up_to_less_than_financed() {
        let e = only_error(&PlanTerms { down_payment: c(-1), ..good() });
        assert_eq!(e.field, "down_payment");
        assert!(e.message.contains("negative"));
        let e = only_error(&PlanTerms { down_payment: c(100_000), ..good() });
        assert_eq!(e.field, "down_payment");
        assert!(e.message.contains("$1000.00"), "{}", e.message);
        assert!(only_error(&PlanTerms { down_payment: c(100_001), ..good() }).field == "down_payment");
        assert!(PlanTerms { down_payment: c(0), ..good() }.validated().is_ok());
        assert!(PlanTerms { down_payment: c(99_994), ..good() }.validated().is_ok());
    }

    #[test]
    fn exactly_one_of_count_and_amount() {
        let e = only_error(&PlanTerms { installments: None, installment_amount: None, ..good() });
        assert_eq!(e.field, "installments");
        assert!(e.message.contains("number of installments or the installment amount"));
        let e = only_error(&PlanTerms { installment_amount: Some(c(100)), ..good() });
        assert_eq!(e.field, "installment_amount");
        assert!(e.message.contains("not both"));
    }

    #[test]
    fn installment_count_between_1_and_120() {
        for n in [0, 121, 1000] {
            let e = only_error(&PlanTerms { installments: Some(n), ..good() });
            assert_eq!(e.field, "installments");
            assert!(e.message.contains("between 1 and 120"), "{}", e.message);
        }
        assert!(PlanTerms { installments: Some(1), ..good() }.validated().is_ok());
        assert!(PlanTerms { installments: Some(120), ..good() }.validated().is_ok());
    }

    #[test]
    fn installment_count_cannot_exceed_the_cents() {
        let e = only_error(&by_count(10, 5, 6, PlanFrequency::Weekly, d(2027, 1, 1)));
        assert_eq!(e.field, "installments");
        assert!(e.message.contains("$0.05 cannot be split into 6"), "{}", e.message);
    }

    #[test]
    fn installment_amount_rules() {
        for each in [0, -500] {
            let e = only_error(&PlanTerms { installments: None, installment_amount: Some(c(each)), ..good() });
            assert_eq!(e.field, "installment_amount");
            assert!(e.message.contains("more than $0.00"));
        }
        let e = only_error(&PlanTerms { installments: None, installment_amount: Some(c(90_001)), ..good() });
        assert_eq!(e.field, "installment_amount");
        assert!(e.message.contains("more than the $900.00 left to pay"), "{}", e.message);
        // $900.00 at $7.00 would take 129 installments.
        let e = only_error(&PlanTerms { installments: None, installment_amount: Some(c(700)), ..good() });
        assert_eq!(e.field, "installment_amount");
        assert!(e.message.contains("129 installments") && e.message.contains("at least $7.50"), "{}", e.message);
        assert!(PlanTerms { installments: None, installment_amount: Some(c(750)), ..good() }.validated().is_ok());
    }

    #[test]
    fn first_due_is_required() {
        let e = only_error(&PlanTerms { first_due: None, ..good() });
        assert_eq!(e.field, "first_due");
        assert_eq!(e.message, "First due date is required");
        let far = PlanTerms { first_due: Some(NaiveDate::MAX), ..good() };
        assert_eq!(only_error(&far).field, "first_due");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let terms = PlanTerms {
            financed: c(0),
            down_payment: c(-1),
            installments: Some(0),
            installment_amount: None,
            frequency: PlanFrequency::Weekly,
            first_due: None,
        };
        let e = terms.validated().unwrap_err();
        assert_eq!(fields(&e), vec!["financed", "down_payment", "installments", "first_due"]);
    }

    #[test]
    fn wire_format_is_snake_case() {
        assert_eq!(serde_json::to_string(&PlanFrequency::EveryTwoWeeks).unwrap(), "\"every_two_weeks\"");
        assert_eq!(serde_json::to_string(&PlanStatus::Delinquent).unwrap(), "\"delinquent\"");
        let json = serde_json::to_string(&good()).unwrap();
        assert!(json.contains("\"financed\":\"1000.00\"") && json.contains("\"first_due\":\"2027-01-15\""), "{json}");
        assert_eq!(serde_json::from_str::<PlanTerms>(&json).unwrap(), good());
        let typed = r#"{"financed":"500","down_payment":"0","installment_amount":"100","frequency":"monthly"}"#;
        let terms: PlanTerms = serde_json::from_str(typed).unwrap();
        assert_eq!((terms.installments, terms.first_due), (None, None));
    }

    // ---- lifecycle ----

    /// $300.00 in three monthly installments of $100.00 due Jan 15, Feb 15, Mar 15 2027.
    fn three_hundred() -> Vec<Installment> {
        schedule(&by_count(30_000, 0, 3, PlanFrequency::Monthly, d(2027, 1, 15))).unwrap()
    }

    #[test]
    fn nothing_paid_before_the_first_due_date_is_active() {
        let st = plan_state(&three_hundred(), &[], d(2027, 1, 10), 10, None);
        assert_eq!(st.status, PlanStatus::Active);
        assert_eq!((st.paid_total, st.remaining_balance, st.amount_due_now), (c(0), c(30_000), c(0)));
        assert_eq!(st.next_due, Some(Installment { number: 1, due: d(2027, 1, 15), amount: c(10_000) }));
        assert_eq!(st.days_late, 0);
    }

    #[test]
    fn on_time_payments() {
        let payments = [pay(d(2027, 1, 14), 10_000), pay(d(2027, 2, 15), 10_000)];
        let st = plan_state(&three_hundred(), &payments, d(2027, 2, 20), 10, None);
        assert_eq!(st.status, PlanStatus::Active);
        assert_eq!(st.installments[0].paid_off_on, Some(d(2027, 1, 14)));
        assert_eq!(st.installments[1].paid_off_on, Some(d(2027, 2, 15)));
        assert_eq!(st.installments[2].paid_off_on, None);
        assert_eq!((st.paid_total, st.remaining_balance, st.overpaid), (c(20_000), c(10_000), c(0)));
        assert_eq!(st.amount_due_now, c(0));
        assert_eq!(st.next_due, Some(Installment { number: 3, due: d(2027, 3, 15), amount: c(10_000) }));
        assert_eq!(st.days_late, 0);
    }

    #[test]
    fn late_within_grace_stays_active_but_shows_the_amount_due() {
        let payments = [pay(d(2027, 1, 15), 10_000)];
        // Feb 15 unpaid; Feb 25 is exactly 10 days after: still within a 10-day grace.
        let st = plan_state(&three_hundred(), &payments, d(2027, 2, 25), 10, None);
        assert_eq!(st.status, PlanStatus::Active);
        assert_eq!(st.amount_due_now, c(10_000));
        assert_eq!(st.days_late, 0);
        assert_eq!(st.next_due.map(|n| n.number), Some(2));
    }

    #[test]
    fn unpaid_past_grace_is_delinquent_counted_from_the_oldest() {
        let payments = [pay(d(2027, 1, 15), 10_000)];
        let st = plan_state(&three_hundred(), &payments, d(2027, 2, 26), 10, None);
        assert_eq!(st.status, PlanStatus::Delinquent);
        assert_eq!(st.days_late, 11);
        // Nothing paid at all: the Jan 15 installment is the oldest.
        let st = plan_state(&three_hundred(), &[], d(2027, 3, 20), 10, None);
        assert_eq!(st.status, PlanStatus::Delinquent);
        assert_eq!(st.days_late, 64);
        assert_eq!(st.amount_due_now, c(30_000));
        // A partial payment does not cure an installment.
        let partial = [pay(d(2027, 1, 15), 10_000), pay(d(2027, 2, 15), 5_000)];
        let st = plan_state(&three_hundred(), &partial, d(2027, 3, 1), 10, None);
        assert_eq!(st.status, PlanStatus::Delinquent);
        assert_eq!(st.days_late, 14);
        assert_eq!((st.installments[1].paid, st.installments[1].remaining), (c(5_000), c(5_000)));
        assert_eq!(st.next_due, Some(Installment { number: 2, due: d(2027, 2, 15), amount: c(5_000) }));
        // Zero grace: one day late is delinquent; a negative grace counts as zero.
        assert_eq!(plan_state(&three_hundred(), &[], d(2027, 1, 16), 0, None).days_late, 1);
        assert_eq!(plan_state(&three_hundred(), &[], d(2027, 1, 15), -5, None).status, PlanStatus::Active);
    }

    #[test]
    fn catching_up_cures_delinquency() {
        let payments = [pay(d(2027, 3, 1), 20_000)];
        let st = plan_state(&three_hundred(), &payments, d(2027, 3, 2), 10, None);
        assert_eq!(st.status, PlanStatus::Active);
        assert_eq!(st.installments[0].paid_off_on, Some(d(2027, 3, 1)));
    }

    #[test]
    fn overpayment_moves_forward_to_the_next_installments() {
        let st = plan_state(&three_hundred(), &[pay(d(2027, 1, 10), 25_000)], d(2027, 1, 20), 10, None);
        assert_eq!(st.status, PlanStatus::Active);
        let paid: Vec<i64> = st.installments.iter().map(|i| i.paid.cents()).collect();
        assert_eq!(paid, vec![10_000, 10_000, 5_000]);
        assert_eq!(st.installments[1].paid_off_on, Some(d(2027, 1, 10)));
        assert_eq!(st.installments[2].paid_off_on, None);
        assert_eq!(st.next_due, Some(Installment { number: 3, due: d(2027, 3, 15), amount: c(5_000) }));
        assert_eq!(st.remaining_balance, c(5_000));
    }

    #[test]
    fn paid_in_full_is_completed_and_the_excess_is_a_credit() {
        let payments = [pay(d(2027, 1, 15), 10_000), pay(d(2027, 2, 1), 25_000)];
        let st = plan_state(&three_hundred(), &payments, d(2027, 2, 2), 10, None);
        assert_eq!(st.status, PlanStatus::Completed);
        assert_eq!((st.paid_total, st.remaining_balance, st.overpaid), (c(30_000), c(0), c(5_000)));
        assert_eq!((st.amount_due_now, st.next_due, st.days_late), (c(0), None, 0));
        assert!(st.installments.iter().all(|i| i.remaining.is_zero() && i.paid_off_on.is_some()));
        // Completed long after the last due date is still completed.
        let exact = [pay(d(2027, 6, 1), 30_000)];
        assert_eq!(plan_state(&three_hundred(), &exact, d(2028, 1, 1), 10, None).status, PlanStatus::Completed);
    }

    #[test]
    fn payments_apply_in_date_order_and_returned_checks_reopen() {
        // Given out of order: the Jan 10 payment paid installment 1.
        let payments = [pay(d(2027, 2, 10), 10_000), pay(d(2027, 1, 10), 10_000)];
        let st = plan_state(&three_hundred(), &payments, d(2027, 2, 11), 10, None);
        assert_eq!(st.installments[0].paid_off_on, Some(d(2027, 1, 10)));
        assert_eq!(st.installments[1].paid_off_on, Some(d(2027, 2, 10)));
        // The Feb 10 check bounced on Feb 20: installment 2 is open again.
        let bounced = [payments[0], payments[1], pay(d(2027, 2, 20), -10_000)];
        let st = plan_state(&three_hundred(), &bounced, d(2027, 3, 1), 10, None);
        assert_eq!(st.installments[1].paid_off_on, None);
        assert_eq!(st.installments[1].remaining, c(10_000));
        assert_eq!(st.status, PlanStatus::Delinquent);
        // More taken back than was paid counts as nothing paid.
        let st = plan_state(&three_hundred(), &[pay(d(2027, 1, 1), -500)], d(2027, 1, 2), 10, None);
        assert_eq!((st.paid_total, st.remaining_balance, st.overpaid), (c(0), c(30_000), c(0)));
    }

    #[test]
    fn cancelled_plan_stops_asking_and_keeps_its_balance() {
        let payments = [pay(d(2027, 1, 15), 10_000)];
        let st = plan_state(&three_hundred(), &payments, d(2027, 3, 20), 10, Some(PlanStatus::Cancelled));
        assert_eq!(st.status, PlanStatus::Cancelled);
        assert_eq!(st.remaining_balance, c(20_000));
        assert_eq!((st.amount_due_now, st.next_due, st.days_late), (c(0), None, 0));
        assert_eq!(installment_due_on_statement(&st, d(2027, 3, 20), 30), c(0));
    }

    #[test]
    fn defaulted_plan_stops_asking_and_keeps_its_balance() {
        let st = plan_state(&three_hundred(), &[], d(2027, 4, 30), 10, Some(PlanStatus::Defaulted));
        assert_eq!(st.status, PlanStatus::Defaulted);
        assert_eq!(st.remaining_balance, c(30_000));
        assert_eq!(st.installments[0].remaining, c(10_000));
        assert_eq!((st.amount_due_now, st.next_due, st.days_late), (c(0), None, 0));
        assert_eq!(installment_due_on_statement(&st, d(2027, 4, 30), 30), c(0));
    }

    #[test]
    fn only_cancelled_or_defaulted_can_be_decided() {
        let st = plan_state(&three_hundred(), &[], d(2027, 1, 1), 10, Some(PlanStatus::Completed));
        assert_eq!(st.status, PlanStatus::Active);
        let st = plan_state(&three_hundred(), &[], d(2027, 3, 1), 10, Some(PlanStatus::Active));
        assert_eq!(st.status, PlanStatus::Delinquent);
    }

    #[test]
    fn statement_asks_for_the_installment_not_the_balance() {
        let s = three_hundred();
        // Overdue: everything due now.
        let st = plan_state(&s, &[], d(2027, 2, 16), 10, None);
        assert_eq!(installment_due_on_statement(&st, d(2027, 2, 16), 30), c(20_000));
        // Due today counts as due now.
        let st = plan_state(&s, &[pay(d(2027, 1, 15), 10_000)], d(2027, 2, 15), 10, None);
        assert_eq!(installment_due_on_statement(&st, d(2027, 2, 15), 30), c(10_000));
        // Nothing due; the next installment falls within the cycle.
        let paid = [pay(d(2027, 1, 15), 12_500)];
        let st = plan_state(&s, &paid, d(2027, 1, 20), 10, None);
        assert_eq!(installment_due_on_statement(&st, d(2027, 1, 20), 30), c(7_500));
        assert_eq!(installment_due_on_statement(&st, d(2027, 1, 20), 26), c(7_500));
        // ... or beyond it.
        assert_eq!(installment_due_on_statement(&st, d(2027, 1, 20), 25), c(0));
        // Paid off.
        let st = plan_state(&s, &[pay(d(2027, 1, 15), 30_000)], d(2027, 1, 20), 10, None);
        assert_eq!(installment_due_on_statement(&st, d(2027, 1, 20), 30), c(0));
    }

    #[test]
    fn amending_covers_the_unpaid_balance_plus_new_charges() {
        let before = plan_state(&three_hundred(), &[pay(d(2027, 1, 15), 10_000)], d(2027, 2, 1), 10, None);
        assert_eq!(before.remaining_balance, c(20_000));
        // $150.00 of new charges added, $50.00 down, the rest over 4 months.
        let terms = by_count(35_000, 5_000, 4, PlanFrequency::Monthly, d(2027, 2, 28));
        let s = amend(&before, &terms).unwrap();
        assert_eq!(amounts(&s), vec![7_500; 4]);
        assert_eq!(dues(&s), vec![d(2027, 2, 28), d(2027, 3, 28), d(2027, 4, 28), d(2027, 5, 28)]);
        // Re-spreading the same balance is fine too, and works from a delinquent plan.
        let late = plan_state(&three_hundred(), &[], d(2027, 3, 1), 10, None);
        assert_eq!(late.status, PlanStatus::Delinquent);
        let s = amend(&late, &by_amount(30_000, 0, 5_000, PlanFrequency::EveryTwoWeeks, d(2027, 3, 5))).unwrap();
        assert_eq!(amounts(&s), vec![5_000; 6]);
    }

    #[test]
    fn amending_refuses_less_than_what_remains() {
        let before = plan_state(&three_hundred(), &[pay(d(2027, 1, 15), 10_000)], d(2027, 2, 1), 10, None);
        let e = amend(&before, &by_count(19_999, 0, 4, PlanFrequency::Monthly, d(2027, 3, 1))).unwrap_err();
        assert_eq!(fields(&e), vec!["financed"]);
        assert!(e.0[0].message.contains("$200.00 is still unpaid"), "{}", e.0[0].message);
        // Together with the new terms' own problems.
        let bad = PlanTerms { first_due: None, ..by_count(10_000, 0, 4, PlanFrequency::Monthly, d(2027, 3, 1)) };
        assert_eq!(fields(&amend(&before, &bad).unwrap_err()), vec!["financed", "first_due"]);
    }

    #[test]
    fn only_running_plans_can_be_amended() {
        let terms = by_count(30_000, 0, 3, PlanFrequency::Monthly, d(2027, 3, 1));
        let done = plan_state(&three_hundred(), &[pay(d(2027, 1, 1), 30_000)], d(2027, 1, 2), 10, None);
        let cancelled = plan_state(&three_hundred(), &[], d(2027, 1, 2), 10, Some(PlanStatus::Cancelled));
        let defaulted = plan_state(&three_hundred(), &[], d(2027, 1, 2), 10, Some(PlanStatus::Defaulted));
        for st in [done, cancelled, defaulted] {
            let e = amend(&st, &terms).unwrap_err();
            assert_eq!(fields(&e), vec!["status"], "{:?}", st.status);
        }
    }

    // ---- properties ----

    fn any_frequency() -> impl Strategy<Value = PlanFrequency> {
        prop_oneof![Just(PlanFrequency::Weekly), Just(PlanFrequency::EveryTwoWeeks), Just(PlanFrequency::Monthly)]
    }

    /// Any date 2020-2035, with the 29th-31st (clamped into short months) drawn often.
    fn any_start() -> impl Strategy<Value = NaiveDate> {
        (2020i32..=2035, 1u32..=12, prop_oneof![1u32..=28, 29u32..=31]).prop_map(|(y, m, day)| {
            (0..4).find_map(|back| NaiveDate::from_ymd_opt(y, m, day - back)).expect("some day 28-31 exists")
        })
    }

    /// Valid-or-explainable terms: financed 1..=10,000,000 cents, down payment up to
    /// financed, by count 1..=120 or by an amount up to what is financed.
    fn any_terms() -> impl Strategy<Value = PlanTerms> {
        (1i64..=10_000_000, any::<u64>(), prop_oneof![(1u32..=120).prop_map(Ok), any::<u64>().prop_map(Err)])
            .prop_flat_map(|(financed, down_seed, mode)| {
                // Mostly no or a small down payment, sometimes all of it.
                let down = match down_seed % 4 {
                    0 => 0,
                    1 => financed,
                    _ => (down_seed / 4) as i64 % (financed + 1),
                };
                (Just(financed), Just(down), Just(mode), any_frequency(), any_start())
            })
            .prop_map(|(financed, down, mode, frequency, first)| {
                let to_finance = (financed - down).max(1);
                match mode {
                    Ok(n) => by_count(financed, down, n, frequency, first),
                    // Amounts from the smallest that fits 120 installments up to everything.
                    Err(seed) => {
                        let least = count_for_amount(to_finance, 120);
                        let each = least + (seed % (to_finance - least + 1) as u64) as i64;
                        by_amount(financed, down, each, frequency, first)
                    }
                }
            })
    }

    fn days_in_month(date: NaiveDate) -> u32 {
        use chrono::Datelike;
        (28..=31).rev().find(|day| date.with_day(*day).is_some()).unwrap()
    }

    proptest! {
        #[test]
        fn schedules_sum_exactly_and_are_well_formed(terms in any_terms()) {
            let to_finance = terms.amount_to_finance().cents();
            match schedule(&terms) {
                Err(e) => {
                    // The only refusals these terms can earn, each on its own field.
                    if terms.down_payment == terms.financed {
                        prop_assert_eq!(fields(&e), vec!["down_payment"]);
                    } else {
                        prop_assert!(i64::from(terms.installments.unwrap_or(0)) > to_finance, "{}", e);
                        prop_assert_eq!(fields(&e), vec!["installments"]);
                    }
                }
                Ok(s) => {
                    prop_assert!(!s.is_empty() && s.len() <= 120);
                    prop_assert_eq!(s.iter().map(|i| i.amount.cents()).sum::<i64>(), to_finance);
                    prop_assert!(s.iter().all(|i| i.amount.cents() > 0));
                    prop_assert!(s.iter().zip(1u32..).all(|(i, n)| i.number == n));
                    prop_assert_eq!(s[0].due, terms.first_due.unwrap());
                    prop_assert!(s.windows(2).all(|w| w[0].due < w[1].due));
                    let last = s[s.len() - 1].amount.cents();
                    let rest = &s[..s.len() - 1];
                    match (terms.installments, terms.installment_amount) {
                        (Some(n), None) => {
                            prop_assert_eq!(s.len(), n as usize);
                            let base = s[0].amount.cents();
                            prop_assert_eq!(base, to_finance / i64::from(n));
                            prop_assert!(rest.iter().all(|i| i.amount.cents() == base));
                            prop_assert!(last >= base && last - base < i64::from(n));
                        }
                        (None, Some(each)) => {
                            prop_assert!(rest.iter().all(|i| i.amount == each));
                            prop_assert!(last <= each.cents());
                        }
                        _ => prop_assert!(false, "terms have exactly one mode"),
                    }
                    if terms.frequency == PlanFrequency::Monthly {
                        use chrono::Datelike;
                        let day = terms.first_due.unwrap().day();
                        for i in &s {
                            prop_assert_eq!(i.due.day(), day.min(days_in_month(i.due)));
                        }
                    }
                }
            }
        }

        #[test]
        fn plan_state_accounts_for_every_cent(
            terms in any_terms(),
            raw in proptest::collection::vec((0i64..1500, -20_000i64..=2_000_000), 0..12),
            today_offset in -30i64..1500,
            grace in -3i64..40,
        ) {
            let Ok(s) = schedule(&terms) else { return Ok(()) };
            let total: i64 = s.iter().map(|i| i.amount.cents()).sum();
            let start = s[0].due;
            let payments: Vec<PlanPayment> =
                raw.iter().map(|(off, cents)| pay(start + chrono::Duration::days(*off), *cents)).collect();
            let today = start + chrono::Duration::days(today_offset);
            let st = plan_state(&s, &payments, today, grace, None);

            prop_assert_eq!(st.paid_total.cents() + st.remaining_balance.cents(), total);
            prop_assert_eq!(st.installments.iter().map(|i| i.paid).sum::<Money>(), st.paid_total);
            prop_assert_eq!(st.installments.iter().map(|i| i.remaining).sum::<Money>(), st.remaining_balance);
            for i in &st.installments {
                prop_assert!(!i.paid.is_negative() && !i.remaining.is_negative());
                prop_assert_eq!(i.paid + i.remaining, i.amount);
                prop_assert_eq!(i.paid_off_on.is_some(), i.remaining.is_zero());
            }
            let received: i64 = payments.iter().map(|p| p.amount.cents()).sum();
            if received >= 0 {
                prop_assert_eq!(st.paid_total.cents() + st.overpaid.cents(), received);
            }
            prop_assert!(st.overpaid.is_zero() || st.remaining_balance.is_zero());
            prop_assert!(st.amount_due_now <= st.remaining_balance && !st.amount_due_now.is_negative());
            prop_assert_eq!(st.status == PlanStatus::Completed, st.remaining_balance.is_zero());
            prop_assert_eq!(st.status == PlanStatus::Delinquent, st.days_late > 0);
            prop_assert!(st.days_late == 0 || st.days_late > grace.max(0));
            prop_assert_eq!(st.next_due.is_none(), st.remaining_balance.is_zero());
            let asked = installment_due_on_statement(&st, today, 30);
            prop_assert!(asked <= st.remaining_balance);

            for ended in [PlanStatus::Cancelled, PlanStatus::Defaulted] {
                let e = plan_state(&s, &payments, today, grace, Some(ended));
                prop_assert_eq!(e.status, ended);
                prop_assert_eq!(e.remaining_balance, st.remaining_balance);
                prop_assert_eq!(installment_due_on_statement(&e, today, 30), Money::ZERO);
            }
        }
    }
}

//! Visit limits and prior authorizations: what a policy allows and how much of it is used.
//!
//! Chiropractic and therapy benefits are counted in visits: "12 visits per plan year", or an
//! authorization the plan issued for "6 visits of 98940/97110 between 01/05 and 03/31".
//! ClaimDesk never asks how many were used: it counts the visits entered (a voided visit gives
//! its count back), and charge entry, the scrubber and the worklist all read the same counts.
//!
//! The rules here are pure: the store gathers the visits and calls them.

use crate::text::{self, max};
use crate::validation::{self, Problems};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Charge entry and the worklist warn when this many visits or fewer are left.
pub const FEW_VISITS_LEFT: i64 = 2;

/// What a policy allows beyond coverage dates: a yearly visit maximum and authorizations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanLimits {
    /// The plan's visit maximum per plan year (blank: none).
    #[serde(default)]
    pub visits_per_plan_year: Option<u32>,
    /// The first day of a plan year (any year: plan years repeat from its month and day).
    #[serde(default)]
    pub plan_year_start: Option<NaiveDate>,
    /// The plan pays these visits only under a prior authorization (the scrubber holds a
    /// claim without a valid one).
    #[serde(default)]
    pub authorization_required: bool,
    #[serde(default)]
    pub authorizations: Vec<Authorization>,
}

/// A prior authorization the plan issued (box 23, 837P 2300 REF*G1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Authorization {
    pub id: Option<i64>,
    /// The payer's authorization number, printed in box 23 and sent in REF*G1.
    pub number: String,
    pub visits_authorized: u32,
    pub starts: Option<NaiveDate>,
    pub ends: Option<NaiveDate>,
    /// The procedure codes it covers; none listed means every service of the visit.
    #[serde(default)]
    pub codes: Vec<String>,
    #[serde(default)]
    pub note: String,
}

/// Most visits one authorization or plan year can allow (a typing slip beyond it).
const MOST_VISITS: u32 = 999;

impl PlanLimits {
    pub fn has_any(&self) -> bool {
        self.visits_per_plan_year.is_some() || self.authorization_required || !self.authorizations.is_empty()
    }

    /// Checks the limits as part of a policy (fields relative to the policy).
    pub fn validated(&self, p: &mut Problems) -> PlanLimits {
        match (self.visits_per_plan_year, self.plan_year_start) {
            (Some(0), _) => p.add(
                "limits.visits_per_plan_year",
                "Visits per plan year must be at least 1 (leave it blank for no limit)",
            ),
            (Some(n), _) if n > MOST_VISITS => {
                p.add("limits.visits_per_plan_year", format!("Visits per plan year must be at most {MOST_VISITS}"))
            }
            (Some(_), None) => p.add("limits.plan_year_start", "Enter the date the plan year starts (e.g. 01/01/2027)"),
            _ => {}
        }
        let mut authorizations = Vec::new();
        for (i, a) in self.authorizations.iter().enumerate() {
            let mut inner = Problems::new();
            let a = a.validated(&mut inner);
            p.nest(&format!("limits.authorizations[{i}]"), inner);
            if authorizations.iter().any(|b: &Authorization| b.number == a.number) {
                p.add(format!("limits.authorizations[{i}].number"), "The same authorization number is entered twice");
            }
            authorizations.push(a);
        }
        PlanLimits {
            visits_per_plan_year: self.visits_per_plan_year,
            plan_year_start: self.plan_year_start.filter(|_| self.visits_per_plan_year.is_some()),
            authorization_required: self.authorization_required,
            authorizations,
        }
    }

    /// The plan year that holds `day`: from the start's month and day in that year (or the
    /// year before), up to the day before the next start.
    pub fn plan_year(&self, day: NaiveDate) -> Option<PlanYear> {
        let anchor = self.plan_year_start?;
        self.visits_per_plan_year?;
        let start_in = |year: i32| anniversary(anchor, year);
        let mut start = start_in(day.year());
        if start > day {
            start = start_in(day.year() - 1);
        }
        let next = start_in(start.year() + 1);
        Some(PlanYear { starts: start, ends: next.pred_opt().expect("a day before a plan year start") })
    }
}

/// The month and day of `anchor` in `year`; 02/29 falls on 02/28 in other years.
fn anniversary(anchor: NaiveDate, year: i32) -> NaiveDate {
    anchor
        .with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, anchor.month(), 28))
        .expect("every month has a 28th")
}

/// One plan year, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanYear {
    pub starts: NaiveDate,
    pub ends: NaiveDate,
}

impl Authorization {
    fn validated(&self, p: &mut Problems) -> Authorization {
        let number = text::single_line("number", "Authorization number", &self.number, max::PRIOR_AUTHORIZATION, p)
            .to_ascii_uppercase();
        if number.is_empty() {
            p.add("number", "Enter the authorization number the plan gave");
        }
        if self.visits_authorized == 0 || self.visits_authorized > MOST_VISITS {
            p.add("visits_authorized", format!("Visits authorized must be between 1 and {MOST_VISITS}"));
        }
        match (self.starts, self.ends) {
            (None, _) => p.add("starts", "Enter the first day the authorization covers"),
            (_, None) => p.add("ends", "Enter the last day the authorization covers"),
            (Some(s), end) => {
                p.check("ends", validation::date_range("The end date", s, end));
            }
        }
        let mut codes = Vec::new();
        for (i, c) in self.codes.iter().enumerate().filter(|(_, c)| !c.trim().is_empty()) {
            if let Some(code) = p.check(&format!("codes[{i}]"), validation::procedure_code("Covered code", c)) {
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
        }
        let note = text::lines("note", "Authorization note", &self.note, max::NOTE, p);
        Authorization {
            id: self.id,
            number,
            visits_authorized: self.visits_authorized,
            starts: self.starts,
            ends: self.ends,
            codes,
            note,
        }
    }

    /// True when the authorization's dates hold `day`.
    pub fn in_dates(&self, day: NaiveDate) -> bool {
        self.starts.is_some_and(|s| s <= day) && self.ends.is_some_and(|e| day <= e)
    }

    /// True when it covers a visit of these procedure codes: no codes listed covers any
    /// visit; otherwise one of the visit's codes must be listed.
    pub fn covers_codes(&self, codes: &[String]) -> bool {
        self.codes.is_empty() || codes.iter().any(|c| self.codes.iter().any(|a| a.eq_ignore_ascii_case(c.trim())))
    }
}

/// An authorization with how many visits were linked to it before the visit in question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationInUse {
    pub authorization: Authorization,
    /// Visits entered under it before this one (by date of service).
    pub used_before: u32,
}

/// Which authorization a visit goes under: among those whose dates and codes cover it, the
/// first with a visit left, ending soonest (use the one that expires first); when every one
/// is used up, the soonest-ending anyway, so the scrubber can say it is used up.
pub fn choose_authorization<'a>(
    candidates: &'a [AuthorizationInUse],
    day: NaiveDate,
    codes: &[String],
) -> Option<&'a AuthorizationInUse> {
    let mut covering: Vec<&AuthorizationInUse> =
        candidates.iter().filter(|a| a.authorization.in_dates(day) && a.authorization.covers_codes(codes)).collect();
    covering.sort_by_key(|a| (a.authorization.ends, a.authorization.starts, a.authorization.id));
    covering.iter().find(|a| a.used_before < a.authorization.visits_authorized).or(covering.first()).copied()
}

/// What charge entry shows about one limit, counting the visit being entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VisitAllowance {
    /// The plan (payer) the limit belongs to.
    pub payer_name: String,
    /// `Some` for an authorization, `None` for the plan-year maximum.
    pub authorization_number: Option<String>,
    /// Visits counted, this one included.
    pub used: u32,
    pub allowed: u32,
    /// Visits left after this one (negative: beyond the limit).
    pub left: i64,
    /// The last day of the plan year or authorization.
    pub ends: NaiveDate,
    /// At or below `FEW_VISITS_LEFT` left, or beyond the limit.
    pub warning: bool,
    /// What the biller reads: "7 of 12 visits left this plan year".
    pub message: String,
}

impl VisitAllowance {
    /// The plan-year maximum with `used` visits counted (this one included).
    pub fn plan_year(payer_name: &str, year: PlanYear, allowed: u32, used: u32) -> VisitAllowance {
        let left = allowed as i64 - used as i64;
        let message = if left >= 0 {
            format!("{left} of {allowed} visits left this plan year (ends {})", validation::us_date(year.ends))
        } else {
            format!(
                "Over the plan's {allowed} visits this plan year: this is visit {used} (the plan may deny it; the plan year ends {})",
                validation::us_date(year.ends)
            )
        };
        VisitAllowance {
            payer_name: payer_name.into(),
            authorization_number: None,
            used,
            allowed,
            left,
            ends: year.ends,
            warning: left <= FEW_VISITS_LEFT,
            message,
        }
    }

    /// An authorization with `used` visits under it (this one included).
    pub fn authorization(payer_name: &str, a: &Authorization, used: u32) -> VisitAllowance {
        let allowed = a.visits_authorized;
        let left = allowed as i64 - used as i64;
        let ends = a.ends.expect("a saved authorization has an end date");
        let end_text = ends.format("%m/%d").to_string();
        let message = if left >= 0 {
            format!("Authorization {} {used} of {allowed} used, ends {end_text}", a.number)
        } else {
            format!("Authorization {} is used up: this would be visit {used} of {allowed}", a.number)
        };
        VisitAllowance {
            payer_name: payer_name.into(),
            authorization_number: Some(a.number.clone()),
            used,
            allowed,
            left,
            ends,
            warning: left <= FEW_VISITS_LEFT,
            message,
        }
    }
}

/// Where a claim's visit stands with the authorization its policy requires: what the store
/// finds when it gathers the claim, and what the scrubber's authorization rules read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "standing")]
#[ts(export)]
pub enum AuthorizationStanding {
    /// The policy asks for none and the visit has none.
    #[default]
    NotNeeded,
    /// Under an authorization with room: this is visit `visit_number` of `allowed`.
    Covered { number: String, visit_number: u32, allowed: u32 },
    /// Under an authorization whose visits were all used before this one.
    UsedUp { number: String, visit_number: u32, allowed: u32 },
    /// Required, and the latest authorization on file ended before the date of service.
    Expired { number: String, ended: NaiveDate },
    /// Required, and none on file covers the date of service (or its services).
    Missing,
}

/// What a claim's visit uses of the limits of the policy it bills (`ClaimData::limits`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimLimits {
    pub authorization: AuthorizationStanding,
    /// The plan-year count with this visit in it, when the policy has a maximum.
    pub plan_year: Option<VisitAllowance>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn auth(id: i64, number: &str, visits: u32, starts: NaiveDate, ends: NaiveDate) -> Authorization {
        Authorization {
            id: Some(id),
            number: number.into(),
            visits_authorized: visits,
            starts: Some(starts),
            ends: Some(ends),
            codes: vec![],
            note: String::new(),
        }
    }

    fn limits(visits: u32, start: NaiveDate) -> PlanLimits {
        PlanLimits { visits_per_plan_year: Some(visits), plan_year_start: Some(start), ..PlanLimits::default() }
    }

    #[test]
    fn a_plan_year_runs_from_the_start_day_to_the_day_before_the_next() {
        let l = limits(12, d(2020, 7, 1));
        assert_eq!(l.plan_year(d(2027, 3, 15)), Some(PlanYear { starts: d(2026, 7, 1), ends: d(2027, 6, 30) }));
        assert_eq!(l.plan_year(d(2027, 7, 1)), Some(PlanYear { starts: d(2027, 7, 1), ends: d(2028, 6, 30) }));
        assert_eq!(l.plan_year(d(2027, 6, 30)).unwrap().starts, d(2026, 7, 1));
        // A calendar-year plan.
        let cal = limits(20, d(2026, 1, 1));
        assert_eq!(cal.plan_year(d(2026, 12, 31)), Some(PlanYear { starts: d(2026, 1, 1), ends: d(2026, 12, 31) }));
        // 02/29 starts fall on 02/28 in common years.
        let leap = limits(5, d(2024, 2, 29));
        assert_eq!(leap.plan_year(d(2025, 3, 1)).unwrap().starts, d(2025, 2, 28));
        // No maximum, no plan year.
        assert_eq!(PlanLimits::default().plan_year(d(2027, 1, 1)), None);
    }

    #[test]
    fn limits_name_each_bad_field() {
        let bad = PlanLimits {
            visits_per_plan_year: Some(12),
            plan_year_start: None,
            authorization_required: true,
            authorizations: vec![
                Authorization {
                    id: None,
                    number: " ".into(),
                    visits_authorized: 0,
                    starts: Some(d(2027, 3, 1)),
                    ends: Some(d(2027, 2, 1)),
                    codes: vec!["9894".into()],
                    note: String::new(),
                },
                auth(0, "A1", 6, d(2027, 1, 1), d(2027, 3, 31)),
                auth(0, "a1", 6, d(2027, 1, 1), d(2027, 3, 31)),
            ],
        };
        let mut p = Problems::new();
        bad.validated(&mut p);
        let fields: Vec<String> = p.into_result().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "limits.plan_year_start",
                "limits.authorizations[0].number",
                "limits.authorizations[0].visits_authorized",
                "limits.authorizations[0].ends",
                "limits.authorizations[0].codes[0]",
                "limits.authorizations[2].number",
            ]
        );
    }

    #[test]
    fn the_authorization_with_room_that_ends_first_is_used() {
        let day = d(2027, 2, 10);
        let early =
            AuthorizationInUse { authorization: auth(1, "EARLY", 6, d(2027, 1, 1), d(2027, 2, 28)), used_before: 6 };
        let later =
            AuthorizationInUse { authorization: auth(2, "LATER", 6, d(2027, 2, 1), d(2027, 4, 30)), used_before: 1 };
        let past =
            AuthorizationInUse { authorization: auth(3, "PAST", 6, d(2026, 1, 1), d(2026, 12, 31)), used_before: 0 };
        let list = [past.clone(), later.clone(), early.clone()];
        // EARLY is used up, so LATER takes the visit.
        assert_eq!(choose_authorization(&list, day, &[]).unwrap().authorization.number, "LATER");
        // With EARLY still open it goes first.
        let open = AuthorizationInUse { used_before: 2, ..early.clone() };
        assert_eq!(choose_authorization(&[later.clone(), open], day, &[]).unwrap().authorization.number, "EARLY");
        // All used up: the soonest-ending still holds it, so the scrubber can say so.
        let full = AuthorizationInUse { used_before: 6, ..later };
        assert_eq!(choose_authorization(&[full, early], day, &[]).unwrap().authorization.number, "EARLY");
        // Outside every date range: none.
        assert_eq!(choose_authorization(&[past], day, &[]), None);
    }

    #[test]
    fn an_authorization_for_codes_covers_only_visits_with_one_of_them() {
        let mut a = auth(1, "PT1", 6, d(2027, 1, 1), d(2027, 3, 31));
        a.codes = vec!["97110".into(), "97140".into()];
        let list = [AuthorizationInUse { authorization: a, used_before: 0 }];
        assert!(choose_authorization(&list, d(2027, 1, 5), &["98940".into()]).is_none());
        assert!(choose_authorization(&list, d(2027, 1, 5), &["98940".into(), "97110".into()]).is_some());
    }

    #[test]
    fn charge_entry_reads_visits_left_and_warns_near_the_end() {
        let year = PlanYear { starts: d(2027, 1, 1), ends: d(2027, 12, 31) };
        let a = VisitAllowance::plan_year("Acme Health", year, 12, 5);
        assert_eq!(a.message, "7 of 12 visits left this plan year (ends 12/31/2027)");
        assert!(!a.warning);
        assert!(VisitAllowance::plan_year("Acme Health", year, 12, 10).warning);
        let over = VisitAllowance::plan_year("Acme Health", year, 12, 13);
        assert_eq!(over.left, -1);
        assert!(over.warning && over.message.starts_with("Over the plan's 12 visits"));

        let auth = auth(1, "AUTH77", 6, d(2027, 1, 1), d(2027, 3, 31));
        let u = VisitAllowance::authorization("Acme Health", &auth, 2);
        assert_eq!(u.message, "Authorization AUTH77 2 of 6 used, ends 03/31");
        assert!(!u.warning);
        assert!(VisitAllowance::authorization("Acme Health", &auth, 4).warning);
        assert!(VisitAllowance::authorization("Acme Health", &auth, 7).message.contains("used up"));
    }
}

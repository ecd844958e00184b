//! Visit limits and prior authorizations in the practice file: the authorizations kept with
//! each policy, which one a visit goes under, and the counts charge entry, the scrubber and
//! the worklist show. Counts are always taken from the visits entered (`visits_by_patient`,
//! `visits_by_authorization`), never stored.

use super::patients;
use crate::error::Result;
use crate::page::{Page, PageRequest};
use crate::{Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::plan_limits::{
    self, choose_authorization, Authorization, AuthorizationInUse, AuthorizationStanding, VisitAllowance,
};
use claimdesk_core::{FieldError, Invalid, Policy};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A policy's authorizations still on it, oldest first.
pub(crate) fn authorizations(conn: &Connection, policy_id: i64) -> Result<Vec<Authorization>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, visits_authorized, starts, ends, codes, note FROM authorizations
         WHERE policy_id = ?1 AND removed = 0 ORDER BY starts, id",
    )?;
    let list = stmt
        .query_map([policy_id], |r| {
            let codes: String = r.get(5)?;
            Ok(Authorization {
                id: Some(r.get(0)?),
                number: r.get(1)?,
                visits_authorized: r.get(2)?,
                starts: Some(r.get(3)?),
                ends: Some(r.get(4)?),
                codes: codes.split(',').filter(|c| !c.is_empty()).map(String::from).collect(),
                note: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(list)
}

/// Saves a policy's authorizations as listed: new ones added, listed ones updated, the rest
/// taken off (kept, since visits went under them). An id of another policy is refused.
pub(crate) fn save_authorizations(tx: &Tx, policy_id: i64, list: &[Authorization]) -> Result<()> {
    let kept: Vec<i64> = list.iter().filter_map(|a| a.id).collect();
    for id in &kept {
        let owner: Option<i64> = tx
            .prepare_cached("SELECT policy_id FROM authorizations WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if owner != Some(policy_id) {
            return Err(Invalid(vec![FieldError {
                field: "limits.authorizations".into(),
                message: format!("Authorization {id} is not one of this policy's"),
            }])
            .into());
        }
    }
    let current: Vec<i64> = tx
        .prepare_cached("SELECT id FROM authorizations WHERE policy_id = ?1 AND removed = 0")?
        .query_map([policy_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for gone in current.iter().filter(|id| !kept.contains(id)) {
        tx.prepare_cached("UPDATE authorizations SET removed = 1 WHERE id = ?1")?.execute([gone])?;
    }
    for a in list {
        let codes = a.codes.join(",");
        match a.id {
            Some(id) => tx
                .prepare_cached(
                    "UPDATE authorizations SET number = ?1, visits_authorized = ?2, starts = ?3, ends = ?4, codes = ?5,
                     note = ?6, removed = 0 WHERE id = ?7",
                )?
                .execute(params![a.number, a.visits_authorized, a.starts, a.ends, codes, a.note, id])?,
            None => tx
                .prepare_cached(
                    "INSERT INTO authorizations (policy_id, number, visits_authorized, starts, ends, codes, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![policy_id, a.number, a.visits_authorized, a.starts, a.ends, codes, a.note])?,
        };
    }
    Ok(())
}

/// A visit as the limits see it: whose, when, and which procedures (charge entry asks about a
/// visit before it is saved, so this is not read from the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VisitInQuestion {
    pub patient_id: i64,
    /// The visit being edited; none for a new one.
    #[serde(default)]
    pub visit_id: Option<i64>,
    pub service_date: NaiveDate,
    /// Its procedure codes (an authorization for some codes covers only visits with one).
    #[serde(default)]
    pub codes: Vec<String>,
    /// The injury case it belongs to, if any: a case billed to an auto or workers' comp
    /// carrier (or held for an attorney) uses none of the health plan's visits.
    #[serde(default)]
    #[ts(optional)]
    pub injury_case_id: Option<i64>,
}

/// Visits of an injury case billed to its carrier, or held until the attorney's settlement,
/// are not the health plan's: they count against none of its limits.
const OUTSIDE_THE_PLAN: &str = "EXISTS (SELECT 1 FROM injury_cases c WHERE c.id = visits.injury_case_id
    AND (c.carrier_payer_id IS NOT NULL OR c.hold_billing = 1))";

fn outside_the_plan(conn: &Connection, case_id: Option<i64>) -> Result<bool> {
    let Some(id) = case_id else { return Ok(false) };
    Ok(conn
        .prepare_cached("SELECT carrier_payer_id IS NOT NULL OR hold_billing = 1 FROM injury_cases WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, bool>(0))
        .optional()?
        .unwrap_or(false))
}

/// The patient's visits in a plan year that count against it: every visit not voided, the
/// one in question left out (it is counted once by the caller).
fn visits_counted(conn: &Connection, q: &VisitInQuestion, from: NaiveDate, to: NaiveDate) -> Result<u32> {
    let n: u32 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM visits WHERE patient_id = ?1 AND service_date BETWEEN ?2 AND ?3
             AND voided_at IS NULL AND id IS NOT ?4 AND NOT {OUTSIDE_THE_PLAN}"
        ))?
        .query_row(params![q.patient_id, from, to, q.visit_id], |r| r.get(0))?;
    Ok(n)
}

/// Visits that went under an authorization before the one in question: earlier dates, and
/// on the same day those entered before it (a new visit comes after every saved one).
fn used_before(conn: &Connection, authorization_id: i64, q: &VisitInQuestion) -> Result<u32> {
    let n: u32 = conn
        .prepare_cached(
            "SELECT count(*) FROM visits WHERE authorization_id = ?1 AND voided_at IS NULL AND id IS NOT ?3
             AND (service_date < ?2 OR (service_date = ?2 AND (?3 IS NULL OR id < ?3)))",
        )?
        .query_row(params![authorization_id, q.service_date, q.visit_id], |r| r.get(0))?;
    Ok(n)
}

/// The policies covering the visit's day, in billing order.
fn policies_on(conn: &Connection, q: &VisitInQuestion) -> Result<Vec<Policy>> {
    let all = patients::policies_of(conn, q.patient_id)?;
    Ok(all
        .into_iter()
        .filter(|p| {
            p.effective_from.is_none_or(|f| f <= q.service_date) && p.effective_to.is_none_or(|t| q.service_date <= t)
        })
        .collect())
}

/// What the visit would use of each limit, and the authorization it goes under (the first
/// policy's that covers it: box 23 holds one number).
struct Reckoning {
    allowances: Vec<VisitAllowance>,
    authorization: Option<(i64, String)>,
}

/// `count_this`: the visit in question is counted (charge entry); without it the counts are
/// what is used before it (the worklist's "as of today").
fn reckon(conn: &Connection, q: &VisitInQuestion, count_this: bool) -> Result<Reckoning> {
    let this = u32::from(count_this);
    let mut allowances = Vec::new();
    let mut chosen = None;
    if outside_the_plan(conn, q.injury_case_id)? {
        return Ok(Reckoning { allowances, authorization: None });
    }
    for policy in policies_on(conn, q)? {
        let payer = policy.payer_name.as_str();
        if let (Some(year), Some(allowed)) =
            (policy.limits.plan_year(q.service_date), policy.limits.visits_per_plan_year)
        {
            let used = visits_counted(conn, q, year.starts, year.ends)? + this;
            allowances.push(VisitAllowance::plan_year(payer, year, allowed, used));
        }
        let mut candidates = Vec::new();
        for a in &policy.limits.authorizations {
            let id = a.id.expect("read from the file");
            candidates.push(AuthorizationInUse { authorization: a.clone(), used_before: used_before(conn, id, q)? });
        }
        if let Some(a) = choose_authorization(&candidates, q.service_date, &q.codes) {
            allowances.push(VisitAllowance::authorization(payer, &a.authorization, a.used_before + this));
            if chosen.is_none() {
                chosen = Some((a.authorization.id.expect("read from the file"), a.authorization.number.clone()));
            }
        }
    }
    Ok(Reckoning { allowances, authorization: chosen })
}

/// The visit's procedure codes as saved.
fn saved_codes(conn: &Connection, visit_id: i64) -> Result<Vec<String>> {
    let codes = conn
        .prepare_cached("SELECT code FROM service_lines WHERE visit_id = ?1 AND removed = 0 ORDER BY position")?
        .query_map([visit_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(codes)
}

fn saved_visit(conn: &Connection, visit_id: i64) -> Result<(VisitInQuestion, Option<i64>, String)> {
    type Row = (i64, NaiveDate, Option<i64>, String, Option<i64>);
    let (patient_id, service_date, linked, typed, injury_case_id): Row = conn
        .prepare_cached(
            "SELECT patient_id, service_date, authorization_id, prior_authorization, injury_case_id
             FROM visits WHERE id = ?1",
        )?
        .query_row([visit_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    let codes = saved_codes(conn, visit_id)?;
    let q = VisitInQuestion { patient_id, visit_id: Some(visit_id), service_date, codes, injury_case_id };
    Ok((q, linked, typed))
}

/// Puts a saved visit under the authorization that covers it and writes that number in box
/// 23 (837P REF*G1) by itself; a visit no authorization covers loses a number it was given
/// this way (one typed by hand stays). Returns whether anything changed.
pub(crate) fn link_authorization(tx: &Tx, visit_id: i64) -> Result<bool> {
    let (q, linked, typed) = saved_visit(tx, visit_id)?;
    let voided: bool = tx
        .prepare_cached("SELECT voided_at IS NOT NULL FROM visits WHERE id = ?1")?
        .query_row([visit_id], |r| r.get(0))?;
    let chosen = if voided { None } else { reckon(tx, &q, true)?.authorization };
    let (id, number) = match chosen {
        Some((id, number)) => (Some(id), number),
        None => {
            let given: Option<String> = match linked {
                Some(old) => tx
                    .prepare_cached("SELECT number FROM authorizations WHERE id = ?1")?
                    .query_row([old], |r| r.get(0))
                    .optional()?,
                None => None,
            };
            (None, if given.as_deref() == Some(typed.as_str()) { String::new() } else { typed.clone() })
        }
    };
    if id == linked && number == typed {
        return Ok(false);
    }
    tx.prepare_cached("UPDATE visits SET authorization_id = ?1, prior_authorization = ?2 WHERE id = ?3")?
        .execute(params![id, number, visit_id])?;
    Ok(true)
}

/// After a patient's authorizations change: puts the visits they could cover that can still be
/// changed (no claim sent) under the right one again, refreshing their open claims.
pub(crate) fn relink_patient_visits(tx: &Tx, patient_id: i64) -> Result<()> {
    let range: (Option<NaiveDate>, Option<NaiveDate>) = tx
        .prepare_cached(
            "SELECT min(a.starts), max(a.ends) FROM policies p JOIN authorizations a ON a.policy_id = p.id
             WHERE p.patient_id = ?1 AND p.removed = 0",
        )?
        .query_row([patient_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (Some(from), Some(to)) = range else { return Ok(()) };
    let visits: Vec<i64> = tx
        .prepare_cached(
            "SELECT v.id FROM visits v WHERE v.patient_id = ?1 AND v.service_date BETWEEN ?2 AND ?3
             AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.visit_id = v.id
                             AND c.status NOT IN ('draft', 'ready', 'rejected'))
             ORDER BY v.service_date, v.id",
        )?
        .query_map(params![patient_id, from, to], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for id in visits {
        if link_authorization(tx, id)? {
            super::claims::refresh_open_claims(tx, id)?;
        }
    }
    Ok(())
}

/// Where a claim's visit stands with the authorizations of the policy it bills, and its
/// plan-year count: what the scrubber's limit rules read.
pub(crate) fn claim_limits(conn: &Connection, policy: &Policy, visit_id: i64) -> Result<plan_limits::ClaimLimits> {
    let (q, linked, _) = saved_visit(conn, visit_id)?;
    let plan_year = match (policy.limits.plan_year(q.service_date), policy.limits.visits_per_plan_year) {
        (Some(year), Some(allowed)) => {
            let used = visits_counted(conn, &q, year.starts, year.ends)? + 1;
            Some(VisitAllowance::plan_year(&policy.payer_name, year, allowed, used))
        }
        _ => None,
    };
    let mine = linked.and_then(|id| policy.limits.authorizations.iter().find(|a| a.id == Some(id)));
    let authorization = match mine {
        Some(a) if a.in_dates(q.service_date) => {
            let visit_number = used_before(conn, a.id.expect("saved"), &q)? + 1;
            if visit_number <= a.visits_authorized {
                AuthorizationStanding::Covered { number: a.number.clone(), visit_number, allowed: a.visits_authorized }
            } else {
                AuthorizationStanding::UsedUp { number: a.number.clone(), visit_number, allowed: a.visits_authorized }
            }
        }
        _ if !policy.limits.authorization_required => AuthorizationStanding::NotNeeded,
        _ => policy
            .limits
            .authorizations
            .iter()
            .filter(|a| a.ends.is_some_and(|e| e < q.service_date))
            .max_by_key(|a| a.ends)
            .map(|a| AuthorizationStanding::Expired { number: a.number.clone(), ended: a.ends.expect("filtered") })
            .unwrap_or(AuthorizationStanding::Missing),
    };
    Ok(plan_limits::ClaimLimits { authorization, plan_year })
}

/// One row of the worklist of patients near their limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NearLimit {
    pub patient_id: i64,
    pub account_number: String,
    pub patient_name: String,
    pub allowance: VisitAllowance,
}

impl Tx<'_> {
    /// How many visits a patient has (voided ones included): the demo's showcase takes
    /// patients without any.
    pub fn patient_visit_count(&self, patient_id: i64) -> Result<i64> {
        Ok(self
            .prepare_cached("SELECT count(*) FROM visits WHERE patient_id = ?1")?
            .query_row([patient_id], |r| r.get(0))?)
    }

    /// `Store::visit_allowances` inside a transaction (what was written so far counts).
    pub fn visit_allowances(&self, q: &VisitInQuestion) -> Result<Vec<VisitAllowance>> {
        Ok(reckon(self, q, true)?.allowances)
    }
}

impl Store {
    /// What a visit being entered uses of each limit of the patient's policies, counting it:
    /// "7 of 12 visits left this plan year", "Authorization A1 2 of 6 used, ends 03/31".
    pub fn visit_allowances(&self, q: &VisitInQuestion) -> Result<Vec<VisitAllowance>> {
        patients::patient_name(self.conn(), q.patient_id)?
            .ok_or_else(|| crate::StoreError::NotFound(format!("patient {}", q.patient_id)))?;
        Ok(reckon(self.conn(), q, true)?.allowances)
    }

    /// Patients whose plan-year visits or running authorization have `FEW_VISITS_LEFT` or fewer
    /// left as of `today` (or none), or whose authorization ends within two weeks; fewest left
    /// first. Reads only policies with a limit (`policies_with_limits`) and running
    /// authorizations (`authorizations_running`).
    pub fn near_limit_worklist(&self, today: NaiveDate, at: PageRequest) -> Result<Page<NearLimit>> {
        let conn = self.conn();
        let mut patients_to_check: Vec<i64> = conn
            .prepare_cached(
                "SELECT patient_id FROM policies WHERE removed = 0
                 AND (visits_per_plan_year IS NOT NULL OR authorization_required = 1)",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let running: Vec<i64> = conn
            .prepare_cached(
                "SELECT p.patient_id FROM authorizations a JOIN policies p ON p.id = a.policy_id
                 WHERE a.removed = 0 AND a.ends >= ?1 AND p.removed = 0",
            )?
            .query_map([today], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        patients_to_check.extend(running);
        patients_to_check.sort_unstable();
        patients_to_check.dedup();
        let soon = today + chrono::Days::new(14);
        let mut rows = Vec::new();
        for patient_id in patients_to_check {
            let (account_number, patient_name) = patients::account_and_name(conn, patient_id)?;
            // As of today, a visit today would be the next one: what is left before it.
            let q = VisitInQuestion {
                patient_id,
                visit_id: None,
                service_date: today,
                codes: Vec::new(),
                injury_case_id: None,
            };
            for allowance in reckon(conn, &q, false)?.allowances {
                let ending = allowance.authorization_number.is_some() && allowance.ends <= soon;
                if allowance.warning || ending {
                    rows.push(NearLimit {
                        patient_id,
                        account_number: account_number.clone(),
                        patient_name: patient_name.clone(),
                        allowance,
                    });
                }
            }
        }
        rows.sort_by(|a, b| {
            (a.allowance.left, a.allowance.ends, &a.patient_name).cmp(&(
                b.allowance.left,
                b.allowance.ends,
                &b.patient_name,
            ))
        });
        Page::of(rows, at)
    }
}

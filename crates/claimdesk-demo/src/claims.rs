//! Visits and claims for the demo practice: charge entry over the last months, claims built
//! and scrubbed, and claims moved along their lifecycle so every status and work queue has
//! something in it.
//!
//! Everything goes through the store's own writes (`save_visit`, `create_claim`,
//! `scrub_claim`, `mark_submitted`, `set_claim_status`, `create_correction`,
//! `post_remittance`), so the demo holds nothing the app could not have made. The payers'
//! answers (paid, partly paid, denied) are remittances posted through the posting engine
//! (`remits.rs`), one per payer and 20 claims; posting a primary with patient responsibility
//! for a patient with a second policy builds the secondary claim, as it does in the app. A few visits are saved with problems on
//! purpose (a category code as a diagnosis, a pointer to no diagnosis, a Medicare spinal
//! manipulation without AT) so the scrubber's error queue is not empty.

use crate::remits::{self, Answer, Facts, Payers};
use crate::setup::DemoPayer;
use crate::Specialty;
use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use claimdesk_core::claims::{ClaimStatus, Frequency};
use claimdesk_core::coding;
use claimdesk_core::posting::ClaimAdjudication;
use claimdesk_core::visits::{Conditions, EpsdtReferral, ServiceLine, Visit};
use claimdesk_core::{Money, Patient, PayerKind};
use claimdesk_store::{Result, Source, StoreError, Tx};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// How far back charge entry goes.
const HISTORY_DAYS: i64 = 150;
/// Visits are kept this many days inside the payer's timely-filing limit (mostly).
const FILING_MARGIN_DAYS: i64 = 21;
/// Percent of visits saved with a mistake the scrubber stops.
const MISTAKE_PERCENT: u32 = 6;
/// Percent of visits dated past the payer's filing limit (when the history reaches it).
const LATE_PERCENT: u32 = 2;

/// Every diagnosis the demo enters (before any deliberate mistake).
#[cfg(test)]
pub const DIAGNOSES: [&str; 20] = [
    "I10", "E11.9", "E78.5", "J02.0", "J06.9", "R05.9", "M54.50", "M54.2", "K21.9", "F41.1", "N39.0", "Z00.00",
    "Z00.129", "Z23", "R07.9", "M99.01", "M99.02", "M99.03", "E11.9", "I10",
];

/// What the demo's charge entry and billing produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Billed {
    pub visits: usize,
    pub claims: usize,
    pub unbilled: usize,
}

/// A primary claim that scrubbed clean, with what its answers need.
struct Sent {
    claim: i64,
    date: NaiveDate,
}

/// A claim the payer answered, waiting for its remittance to be posted.
struct Pending<'s> {
    sent: &'s Sent,
    facts: Facts,
    adjudication: ClaimAdjudication,
    date: NaiveDate,
    /// Steps after the answer (an appeal, closing).
    then: &'static [ClaimStatus],
}

/// One planned service line: code, modifiers, pointers (1-based), units.
type LinePlan = (&'static str, Vec<&'static str>, Vec<u8>, u32);

/// A visit before it is saved.
struct Plan {
    patient: usize,
    date: NaiveDate,
    diagnoses: Vec<String>,
    lines: Vec<LinePlan>,
    initial_treatment: Option<NaiveDate>,
    last_xray: Option<NaiveDate>,
    conditions: Conditions,
    onset: Option<NaiveDate>,
}

pub struct Biller<'a> {
    rng: &'a mut ChaCha8Rng,
    specialty: Specialty,
    today: NaiveDate,
    payers: &'a [DemoPayer],
    patients: &'a [Patient],
    rendering: &'a [i64],
}

fn age_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let had_birthday = (day.month(), day.day()) >= (birth.month(), birth.day());
    day.year() - birth.year() - i32::from(!had_birthday)
}

/// Saturday and Sunday visits move to the Friday before: the office is closed.
fn weekday(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d - TimeDelta::days(1),
        Weekday::Sun => d - TimeDelta::days(2),
        _ => d,
    }
}

impl<'a> Biller<'a> {
    pub fn new(
        rng: &'a mut ChaCha8Rng,
        specialty: Specialty,
        today: NaiveDate,
        payers: &'a [DemoPayer],
        patients: &'a [Patient],
        rendering: &'a [i64],
    ) -> Self {
        Biller { rng, specialty, today, payers, patients, rendering }
    }

    fn percent(&mut self, p: u32) -> bool {
        self.rng.gen_range(0..100) < p
    }

    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.rng.gen_range(0..list.len())]
    }

    fn payer(&self, patient: &Patient) -> Option<&'a DemoPayer> {
        let policy = patient.policies.first()?;
        self.payers.iter().find(|p| p.id == policy.payer_id)
    }

    /// The days a visit of this patient may fall on: inside the history, the primary
    /// policy's dates and (unless `late`) the payer's filing limit. None if there are none.
    fn window(&self, patient: &Patient, late: bool) -> Option<(NaiveDate, NaiveDate)> {
        let policy = patient.policies.first()?;
        let payer = self.payer(patient)?;
        let newest = self.today - TimeDelta::days(1);
        let mut oldest = self.today - TimeDelta::days(HISTORY_DAYS);
        let limit = payer.timely_filing_days;
        let (mut from, mut to) = (oldest, newest);
        if late {
            if limit + 5 > HISTORY_DAYS {
                return None;
            }
            to = self.today - TimeDelta::days(limit + 5);
        } else {
            oldest = oldest.max(self.today - TimeDelta::days(limit - FILING_MARGIN_DAYS));
            from = oldest;
        }
        if let Some(start) = policy.effective_from {
            from = from.max(start);
        }
        if let Some(end) = policy.effective_to {
            to = to.min(end);
        }
        (from <= to).then_some((from, to))
    }

    fn day_in(&mut self, (from, to): (NaiveDate, NaiveDate)) -> NaiveDate {
        let span = (to - from).num_days();
        let d = from + TimeDelta::days(self.rng.gen_range(0..=span));
        let moved = weekday(d);
        if moved < from {
            d
        } else {
            moved
        }
    }

    /// Injury claims (workers' comp, auto) carry the accident questions and date.
    fn conditions(&mut self, patient: &Patient, date: NaiveDate) -> (Conditions, Option<NaiveDate>) {
        let kind = self.payer(patient).map(|p| p.kind);
        let injured = date - TimeDelta::days(self.rng.gen_range(3..40));
        match kind {
            Some(PayerKind::WorkersComp) => {
                (Conditions { employment: true, accident_date: Some(injured), ..Conditions::default() }, Some(injured))
            }
            Some(PayerKind::Auto) => (
                Conditions {
                    auto_accident: true,
                    auto_accident_state: "TX".into(),
                    accident_date: Some(injured),
                    ..Conditions::default()
                },
                Some(injured),
            ),
            _ => (Conditions::default(), None),
        }
    }

    /// The visits to save, oldest first.
    fn plans(&mut self, wanted: usize) -> Vec<Plan> {
        let insured: Vec<usize> = (0..self.patients.len())
            .filter(|&i| self.patients[i].active && !self.patients[i].policies.is_empty())
            .filter(|&i| self.window(&self.patients[i], false).is_some())
            .collect();
        let mut plans = Vec::with_capacity(wanted);
        if insured.is_empty() {
            return plans;
        }
        while plans.len() < wanted {
            let who = self.pick(&insured);
            match self.specialty {
                Specialty::Physician => {
                    if let Some(plan) = self.office_visit(who) {
                        plans.push(plan);
                    }
                }
                Specialty::Chiro => {
                    let room = wanted - plans.len();
                    plans.extend(self.course_of_care(who, room));
                }
            }
        }
        plans.sort_by_key(|p| p.date);
        plans
    }

    fn office_visit(&mut self, who: usize) -> Option<Plan> {
        let patient = &self.patients[who];
        let late = self.percent(LATE_PERCENT);
        let window = self.window(patient, late).or_else(|| self.window(patient, false))?;
        let date = self.day_in(window);
        let age = patient.birth_date.map_or(40, |b| age_on(b, date));
        let medicare = self.payer(patient).is_some_and(|p| p.kind == PayerKind::Medicare);
        // Medicare behind another plan would get the yearly checkup's balance, and Medicare
        // does not pay routine physicals: those patients come for their conditions instead.
        let medicare_later = patient
            .policies
            .iter()
            .skip(1)
            .any(|pol| self.payers.iter().any(|p| p.id == pol.payer_id && p.kind == PayerKind::Medicare));
        let injury = self.payer(patient).is_some_and(|p| matches!(p.kind, PayerKind::WorkersComp | PayerKind::Auto));
        let em = self.pick(&["99212", "99213", "99213", "99213", "99214", "99214", "99215"]);
        let (dx, lines): (Vec<&str>, Vec<LinePlan>) = if injury {
            let dx = if self.percent(50) { vec!["M54.50"] } else { vec!["M54.2", "M54.50"] };
            let pointers = (1..=dx.len() as u8).collect();
            (dx, vec![(em, vec![], pointers, 1)])
        } else if age < 18 {
            match self.rng.gen_range(0..10) {
                0..=3 => {
                    let code = coding::preventive_code(u32::try_from(age).unwrap_or(0), true);
                    (
                        vec!["Z00.129", "Z23"],
                        vec![(code, vec![], vec![1], 1), ("90686", vec![], vec![2], 1), ("90471", vec![], vec![2], 1)],
                    )
                }
                4..=6 => (vec!["J02.0"], vec![("99213", vec![], vec![1], 1), ("87880", vec![], vec![1], 1)]),
                _ => (vec!["J06.9", "R05.9"], vec![(em.min("99213"), vec![], vec![1, 2], 1)]),
            }
        } else {
            let roll = self.rng.gen_range(0..14);
            match if roll == 13 && medicare_later { 0 } else { roll } {
                0 | 1 => (
                    vec!["I10", "E78.5"],
                    vec![(em, vec![], vec![1, 2], 1), ("36415", vec![], vec![2], 1), ("80053", vec![], vec![2], 1)],
                ),
                2 | 3 => (
                    vec!["E11.9", "I10"],
                    vec![
                        (em.max("99213"), vec![], vec![1, 2], 1),
                        ("36415", vec![], vec![1], 1),
                        ("80053", vec![], vec![1], 1),
                    ],
                ),
                4 => (vec!["J02.0"], vec![("99213", vec![], vec![1], 1), ("87880", vec![], vec![1], 1)]),
                5 | 6 => (vec!["J06.9", "R05.9"], vec![(em.min("99213"), vec![], vec![1, 2], 1)]),
                7 => (vec!["M54.50"], vec![(em, vec![], vec![1], 1)]),
                8 => (vec!["K21.9"], vec![(em, vec![], vec![1], 1)]),
                9 => (vec!["F41.1"], vec![(em.max("99213"), vec![], vec![1], 1)]),
                10 => (vec!["N39.0"], vec![("99213", vec![], vec![1], 1), ("81002", vec![], vec![1], 1)]),
                11 => (
                    vec!["I10", "Z23"],
                    vec![
                        ("99213", vec!["25"], vec![1], 1),
                        ("90686", vec![], vec![2], 1),
                        ("90471", vec![], vec![2], 1),
                    ],
                ),
                12 => (vec!["I10", "R07.9"], vec![("99214", vec!["25"], vec![2, 1], 1), ("93000", vec![], vec![2], 1)]),
                _ => {
                    let exam =
                        if medicare { "G0439" } else { coding::preventive_code(u32::try_from(age).unwrap_or(0), true) };
                    (
                        vec!["Z00.00", "E78.5"],
                        vec![(exam, vec![], vec![1], 1), ("36415", vec![], vec![2], 1), ("85025", vec![], vec![1], 1)],
                    )
                }
            }
        };
        let (conditions, onset) = self.conditions(&self.patients[who], date);
        Some(Plan {
            patient: who,
            date,
            diagnoses: dx.into_iter().map(String::from).collect(),
            lines,
            initial_treatment: None,
            last_xray: None,
            conditions,
            onset,
        })
    }

    /// A chiropractic course of care: a first visit, then adjustments a few days apart.
    fn course_of_care(&mut self, who: usize, room: usize) -> Vec<Plan> {
        let patient = &self.patients[who];
        let Some((from, to)) = self.window(patient, false) else { return Vec::new() };
        let start = self.day_in((from, to));
        let medicare = self.payer(patient).is_some_and(|p| p.kind == PayerKind::Medicare);
        let (conditions, onset) = self.conditions(&self.patients[who], start);
        let regions = self.rng.gen_range(0..4);
        let dx: Vec<&str> = match regions {
            0 => vec!["M99.03", "M54.50"],
            1 => vec!["M99.01", "M54.2"],
            2 => vec!["M99.03", "M99.02", "M54.50"],
            _ => vec!["M99.01", "M99.02", "M99.03", "M54.2"],
        };
        let subluxations = dx.iter().filter(|d| d.starts_with("M99")).count() as u8;
        // The level follows the regions diagnosed: 1-2 -> 98940, 3-4 -> 98941, 5 -> 98942.
        let cmt = coding::cmt_code_for_regions(coding::spinal_regions(&dx)).unwrap_or("98940");
        let all: Vec<u8> = (1..=dx.len().min(4) as u8).collect();
        let visits = self.rng.gen_range(3..=8).min(room);
        let mut plans = Vec::new();
        let mut day = start;
        let mut xray = None;
        for n in 0..visits {
            if day > to {
                break;
            }
            let mut lines: Vec<LinePlan> = Vec::new();
            let cmt_mods = if medicare { vec!["AT"] } else { vec![] };
            if n == 0 {
                if medicare {
                    // Medicare does not pay a chiropractor's x-ray or exam: GY, the patient pays.
                    lines.push(("72100", vec!["GY"], vec![1], 1));
                    xray = Some(day);
                } else {
                    lines.push(("99203", vec!["25"], all.clone(), 1));
                }
            }
            lines.push((cmt, cmt_mods, all.clone(), 1));
            if self.percent(35) {
                let therapy_dx = vec![subluxations + 1];
                let mods = if medicare { vec!["GP", "GY"] } else { vec!["GP", "59"] };
                lines.push(("97140", mods, therapy_dx, self.rng.gen_range(1..=2)));
            }
            plans.push(Plan {
                patient: who,
                date: day,
                diagnoses: dx.iter().map(|d| d.to_string()).collect(),
                lines,
                initial_treatment: Some(start),
                last_xray: xray.filter(|x| *x < day),
                conditions: conditions.clone(),
                onset,
            });
            day = weekday(day + TimeDelta::days(self.rng.gen_range(3..=9)));
        }
        plans
    }

    /// Saves a plan as a visit; `mistake` spoils it the way billers do.
    fn save(&mut self, tx: &Tx, plan: &Plan, mistake: bool) -> Result<i64> {
        let patient = &self.patients[plan.patient];
        let mut diagnoses = plan.diagnoses.clone();
        let mut lines = Vec::with_capacity(plan.lines.len());
        for (code, modifiers, pointers, units) in &plan.lines {
            let modifier = modifiers.first().copied().unwrap_or("");
            let fee = tx.fee_for(None, code, modifier, plan.date)?.ok_or_else(|| {
                StoreError::Corrupt(format!("the demo fee schedule has no fee for {code} on {}", plan.date))
            })?;
            lines.push(ServiceLine {
                id: None,
                service_from: Some(plan.date),
                service_to: None,
                code: (*code).into(),
                modifiers: modifiers.iter().map(|m| m.to_string()).collect(),
                pointers: pointers.clone(),
                units: *units,
                charge: Money::from_cents(fee.amount.cents() * i64::from(*units)),
                charge_override_reason: String::new(),
                supplemental: String::new(),
                emergency: false,
            });
        }
        if mistake {
            let medicare = self.payer(patient).is_some_and(|p| p.kind == PayerKind::Medicare);
            let header = self.percent(50);
            match self.specialty {
                // Spinal manipulation for a Medicare patient without AT.
                Specialty::Chiro if medicare => {
                    for l in lines.iter_mut().filter(|l| l.code.starts_with("9894")) {
                        l.modifiers.retain(|m| m != "AT");
                    }
                }
                // A category (header) code instead of the billable code under it.
                _ if header && diagnoses[0].contains('.') => {
                    let header = diagnoses[0].split('.').next().unwrap_or_default().to_string();
                    diagnoses[0] = header;
                }
                // A pointer to a diagnosis that is not there.
                _ => {
                    let past = diagnoses.len() as u8 + 1;
                    if let Some(last) = lines.last_mut() {
                        last.pointers = vec![past];
                    }
                }
            }
        }
        // A Medicaid well-child checkup is an EPSDT screening; most need no referral.
        let medicaid = self.payer(patient).is_some_and(|p| p.kind == PayerKind::Medicaid);
        let checkup = lines.iter().any(|l| coding::preventive_ages(&l.code).is_some());
        let young = patient.birth_date.is_some_and(|b| age_on(b, plan.date) < 21);
        let epsdt = (medicaid && checkup && young).then(|| {
            if self.percent(20) {
                EpsdtReferral::NewServices
            } else {
                EpsdtReferral::NoReferral
            }
        });
        let visit = Visit {
            id: None,
            patient_id: patient.id.unwrap_or_default(),
            service_date: Some(plan.date),
            rendering_provider_id: self.rendering[plan.patient % self.rendering.len()],
            referring_provider_id: None,
            facility_id: None,
            place_of_service: "11".into(),
            diagnoses,
            lines,
            conditions: plan.conditions.clone(),
            onset_date: plan.onset,
            initial_treatment_date: plan.initial_treatment,
            last_xray_date: plan.last_xray,
            prior_authorization: String::new(),
            additional_info: String::new(),
            abn_on_file: false,
            episode_id: None,
            injury_case_id: None,
            epsdt,
        };
        let saved = tx.save_visit(&visit)?;
        saved.id.ok_or_else(|| StoreError::Corrupt("a saved visit without an id".into()))
    }

    /// Saves `wanted` visits, bills all but the newest few and moves the claims along.
    pub fn run(mut self, tx: &Tx, wanted: usize) -> Result<Billed> {
        if self.rendering.is_empty() {
            return Ok(Billed::default());
        }
        let plans = self.plans(wanted);
        // The newest visits wait in the unbilled queue (about 20 of 300).
        let unbilled = if plans.is_empty() { 0 } else { (plans.len() / 15).max(1) };
        let billed_count = plans.len() - unbilled;
        let mut visits = Vec::with_capacity(plans.len());
        let mut must_spoil = 2;
        for (i, plan) in plans.iter().enumerate() {
            let medicare = self.payer(&self.patients[plan.patient]).is_some_and(|p| p.kind == PayerKind::Medicare);
            let can_spoil = i < billed_count && (self.specialty == Specialty::Physician || medicare);
            // Spoil at least two billed visits, then about MISTAKE_PERCENT of them.
            let spoil = can_spoil && (self.percent(MISTAKE_PERCENT) || (must_spoil > 0 && i >= billed_count / 2));
            if spoil {
                must_spoil -= 1;
            }
            visits.push((self.save(tx, plan, spoil)?, plan.patient, plan.date));
        }
        let mut claims = 0;
        let mut ready = Vec::new();
        for &(visit_id, _, date) in &visits[..billed_count] {
            let claim = tx.create_claim(visit_id, 1, Source::Demo)?;
            claims += 1;
            if tx.scrub_claim(claim, Source::Demo)?.status == ClaimStatus::Ready {
                ready.push(Sent { claim, date });
            }
        }
        claims += self.lifecycle(tx, &ready)?;
        Ok(Billed { visits: visits.len(), claims, unbilled })
    }

    /// Moves a claim along `steps` by hand, with the note a biller would write.
    fn set_path(&self, tx: &Tx, claim: i64, steps: &[ClaimStatus]) -> Result<()> {
        use ClaimStatus::*;
        for &next in steps {
            let note = match next {
                Paid => "paid per remittance",
                PartiallyPaid => "paid in part per remittance",
                Denied => "denied: see remittance remarks",
                Appealed => "appeal sent with records",
                Closed => "balance settled",
                Rejected => "rejected by the clearinghouse",
                _ => "acknowledged by the payer",
            };
            tx.set_claim_status(claim, next, note, Source::Demo)?;
        }
        Ok(())
    }

    /// Sends the older ready claims in batches and gives them the payers' answers. Returns
    /// how many claims it added (corrections, secondaries).
    fn lifecycle(&mut self, tx: &Tx, ready: &[Sent]) -> Result<usize> {
        use ClaimStatus::*;
        // The newest ~15% stay ready to send.
        let keep = (ready.len() * 15 / 100).max(1).min(ready.len());
        let sent = &ready[..ready.len() - keep];
        for (k, batch) in sent.chunks(15).enumerate() {
            let ids: Vec<i64> = batch.iter().map(|c| c.claim).collect();
            let (method, file) = if k % 3 == 2 {
                ("electronic", format!("demo-837p-{:03}.txt", k + 1))
            } else {
                ("paper", format!("demo-paper-{:03}.pdf", k + 1))
            };
            tx.mark_submitted(&ids, method, &file, Source::Demo)?;
        }
        // The answers: older claims are further along. The first few get one outcome each
        // so every status is on show even in a small demo.
        const FIXED: [&[ClaimStatus]; 8] =
            [&[Paid], &[PartiallyPaid], &[Denied], &[Denied, Appealed], &[Paid, Closed], &[Rejected], &[Accepted], &[]];
        let mut paid = Vec::new();
        let mut answered: BTreeMap<i64, Vec<Pending>> = BTreeMap::new();
        let mut payers = Payers::new();
        let half = sent.len() / 2;
        for (i, sent) in sent.iter().enumerate() {
            let claim = sent.claim;
            let path: &'static [ClaimStatus] = if let Some(fixed) = FIXED.get(i) {
                fixed
            } else {
                let roll = self.rng.gen_range(0..100);
                if i < half {
                    match roll {
                        0..=44 => &[Paid],
                        45..=56 => &[PartiallyPaid],
                        57..=64 => &[Denied],
                        65..=69 => &[Denied, Appealed],
                        70..=79 => &[Paid, Closed],
                        80..=85 => &[Rejected],
                        86..=92 => &[Accepted, Paid],
                        _ => &[],
                    }
                } else {
                    match roll {
                        0..=39 => &[],
                        40..=69 => &[Accepted],
                        70..=77 => &[Rejected],
                        78..=94 => &[Paid],
                        _ => &[PartiallyPaid],
                    }
                }
            };
            // The payer's answer (paid, partly paid, denied) comes as a remittance and is
            // posted through the posting engine; the steps around it are set by hand.
            let answer_at = path.iter().position(|s| matches!(s, Paid | PartiallyPaid | Denied));
            let mut by_hand = path;
            if let Some(k) = answer_at {
                let facts = Facts::gather(tx.claim_data(claim)?, tx.claim_billed_lines(claim)?, |p, c, m, d| {
                    tx.fee_for(p, c, m, d)
                })?;
                let answer = match path[k] {
                    Paid => Some(Answer::Paid),
                    Denied => Some(Answer::Denied),
                    // A one-line claim cannot be paid in part line by line: set by hand.
                    _ if facts.multi_line() => Some(Answer::PartlyPaid),
                    _ => None,
                };
                if let Some(answer) = answer {
                    self.set_path(tx, claim, &path[..k])?;
                    let adjudication = payers.adjudicate(self.rng, &facts, answer);
                    let date = remits::answer_date(self.rng, sent.date, self.today);
                    let payer = facts.claim.payer.id.unwrap_or_default();
                    answered.entry(payer).or_default().push(Pending {
                        sent,
                        facts,
                        adjudication,
                        date,
                        then: &path[k + 1..],
                    });
                    by_hand = &[];
                }
            }
            self.set_path(tx, claim, by_hand)?;
            if matches!(by_hand.last(), Some(Paid | PartiallyPaid)) {
                paid.push(sent);
            }
        }
        let mut added = 0;
        // One remittance per payer, week and 20 claims, dated when its newest claim was
        // answered (payers pay weekly: the patient's share is set weeks, not months, after the
        // visit, and statements age it from then); the first one that pays carries interest
        // for late payment (PLB L6).
        let mut interest = true;
        let mut traces = 0;
        let mut after = Vec::new();
        for (payer, mut list) in answered {
            list.sort_by_key(|p| p.date);
            let week = |p: &Pending| p.date - TimeDelta::days(i64::from(p.date.weekday().num_days_from_monday()));
            for weekly in list.chunk_by(|a, b| week(a) == week(b)) {
                for chunk in weekly.chunks(20) {
                    traces += 1;
                    let trace = format!("{}{payer:02}{traces:05}", self.today.format("%y"));
                    let claims: Vec<(&Facts, ClaimAdjudication)> =
                        chunk.iter().map(|p| (&p.facts, p.adjudication.clone())).collect();
                    let pays = claims.iter().any(|(_, a)| !a.paid.is_zero());
                    let plb = (interest && pays).then(|| Money::from_cents(self.rng.gen_range(150..900)));
                    interest &= plb.is_none();
                    let date = chunk.iter().map(|p| p.date).max().unwrap_or(self.today);
                    let file = format!("demo-era-{traces:03}.835");
                    let input = remits::remittance(&claims, trace, date, plb, &file);
                    let report = tx.post_remittance(&input, Source::Demo)?;
                    if let Some(e) = report.exceptions.first() {
                        return Err(StoreError::Corrupt(format!(
                            "the demo's remittance for claim {} did not post: {}",
                            e.control_number, e.reason
                        )));
                    }
                    added += report.claims.iter().filter(|c| c.secondary_claim.is_some()).count();
                    for (p, posted) in chunk.iter().zip(&report.claims) {
                        after.push((p.sent, posted.status_after, p.then));
                    }
                }
            }
        }
        // The steps after the answer (an appeal, a closed claim), in the order claims went out.
        after.sort_by_key(|(s, _, _)| s.claim);
        for (sent, status, then) in after {
            self.set_path(tx, sent.claim, then)?;
            if matches!(then.last().copied().unwrap_or(status), Paid | PartiallyPaid) {
                paid.push(sent);
            }
        }
        paid.sort_by_key(|s| s.claim);
        // One corrected claim: the first paid claim was billed again with a fix.
        if let Some(first) = paid.first() {
            let icn = format!("{}{:011}", self.today.format("%y"), self.rng.gen_range(0..100_000_000_000u64));
            let corrected = tx.create_correction(first.claim, Frequency::Replacement, &icn, Source::Demo)?;
            tx.scrub_claim(corrected, Source::Demo)?;
            added += 1;
        }
        Ok(added)
    }
}

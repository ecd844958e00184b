//! Posting remittances (835 files) and paper EOBs through the one posting engine
//! (`claimdesk_core::posting`), in one transaction per remittance.
//!
//! A preview runs exactly the same code in a transaction that is rolled back, so what the
//! biller sees before posting is what will post. The same payer + trace number never posts
//! twice. Claims that cannot be matched or do not balance go to the exceptions list with the
//! reason; everything else posts.

use super::audit::{AuditNote, Record};
use crate::error::{Result, StoreError};
use crate::page::{Page, PageRequest};
use crate::queries::claims::{change_status, ClaimLineInfo};
use crate::queries::ledger::{insert_entry, new_posting, NewEntry};
use crate::{now_utc, Actor, Source, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::posting::{self, ClaimAdjudication, PriorLinePayment, PriorPayment, ProviderAdjustment};
use claimdesk_core::Money;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One remittance (one payment from one payer) to post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemittanceInput {
    /// The payer's identifier in the file (REF*2U / TRN03) or, failing that, its name.
    pub payer_key: String,
    pub payer_name: String,
    /// TRN02: the check or EFT number.
    pub trace_number: String,
    pub payment_method: String,
    pub total_paid: Money,
    pub payment_date: NaiveDate,
    pub file_name: String,
    pub claims: Vec<ClaimAdjudication>,
    pub provider_adjustments: Vec<ProviderAdjustment>,
}

/// What posting did to one claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PostedClaim {
    pub claim_id: i64,
    pub control_number: String,
    pub patient_name: String,
    pub status_before: ClaimStatus,
    pub status_after: ClaimStatus,
    pub charge: Money,
    pub paid: Money,
    pub contractual: Money,
    pub patient_responsibility: Money,
    /// Lines paid below the payer's contracted allowed amount.
    pub underpaid_lines: usize,
    pub crossover: bool,
    /// Lines found without the payer echoing our line control number.
    pub lines_matched_loosely: usize,
    /// The secondary claim built because a balance remains for the next payer.
    pub secondary_claim: Option<String>,
}

/// A claim payment that could not post, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PostingException {
    pub control_number: String,
    pub patient_name: String,
    pub paid: Money,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PostingReport {
    /// None for a preview.
    pub remittance_id: Option<i64>,
    pub preview: bool,
    pub payer_name: String,
    pub trace_number: String,
    pub total_paid: Money,
    pub claims: Vec<PostedClaim>,
    pub exceptions: Vec<PostingException>,
    pub provider_adjustments: Money,
}

fn payer_for(tx: &Tx, key: &str, name: &str) -> Result<Option<i64>> {
    for k in [key, name] {
        if let Some(p) = super::payers::find(tx, k)? {
            return Ok(p.id);
        }
    }
    Ok(None)
}

/// Everything posting needs to know about the claim an adjudication names.
struct Target {
    claim_id: i64,
    patient_id: i64,
    visit_id: i64,
    payer_id: i64,
    rank: u8,
    status: ClaimStatus,
    patient_name: String,
    /// A policy of the next rank covers the date of service.
    next_payer: bool,
}

fn target(tx: &Tx, control_number: &str) -> Result<Option<Target>> {
    let row = tx
        .prepare_cached("SELECT c.id, v.patient_id, c.visit_id, c.payer_id, c.payer_rank, c.status, p.last_name || ', ' || p.first_name,
                    EXISTS (SELECT 1 FROM policies o WHERE o.patient_id = v.patient_id AND o.removed = 0
                            AND o.priority = c.payer_rank + 1 AND o.effective_from <= v.service_date
                            AND (o.effective_to IS NULL OR o.effective_to >= v.service_date))
             FROM claims c JOIN visits v ON v.id = c.visit_id JOIN patients p ON p.id = v.patient_id
             WHERE c.control_number = ?1")?.query_row([control_number.trim()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    crate::rows::flag(r, 7)?,
                ))
            },
        )
        .optional()?;
    let Some((claim_id, patient_id, visit_id, payer_id, rank, status, patient_name, next_payer)) = row else {
        return Ok(None);
    };
    let status = ClaimStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("claim status {status:?}")))?;
    Ok(Some(Target { claim_id, patient_id, visit_id, payer_id, rank: rank as u8, status, patient_name, next_payer }))
}

impl Store {
    /// Posts the remittances of one 835 file in one transaction, or with `preview` shows
    /// exactly what posting would do (the same code, rolled back) and changes nothing.
    pub fn post_remittances(
        &mut self,
        inputs: &[RemittanceInput],
        actor: &Actor,
        preview: bool,
    ) -> Result<Vec<PostingReport>> {
        let post =
            |tx: &Tx| inputs.iter().map(|input| tx.post_remittance(input, actor.source)).collect::<Result<Vec<_>>>();
        if !preview {
            return self.with_tx_by(actor, post);
        }
        let mut reports = self.with_rollback_by(actor, post)?;
        for r in &mut reports {
            r.remittance_id = None;
            r.preview = true;
        }
        Ok(reports)
    }

    /// Posts a paper EOB for one claim, keyed by hand: the same engine as an 835.
    pub fn post_eob(
        &mut self,
        adjudication: &ClaimAdjudication,
        paid_date: NaiveDate,
        actor: &Actor,
    ) -> Result<PostedClaim> {
        self.with_tx_by(actor, |tx| {
            let posting_id = new_posting(tx, "eob", actor.source.as_str(), "paper EOB")?;
            let t = target(tx, &adjudication.control_number)?
                .ok_or_else(|| StoreError::NotFound(format!("claim {}", adjudication.control_number.trim())))?;
            tx.note(|| {
                AuditNote::about(Record::new("claim", t.claim_id), Some(t.patient_id))
                    .with_note(format!("paper EOB, paid {}", adjudication.paid))
            });
            if t.status.is_sent() && !t.status.takes_paper_eob() {
                return Err(StoreError::Conflict(format!(
                    "Claim {} is {}: it takes no more paper EOBs (a payer taking money back sends an 835 reversal)",
                    adjudication.control_number.trim(),
                    t.status.label()
                )));
            }
            tx.post_claim(posting_id, None, &t, adjudication, paid_date, actor.source)?.map_err(|reasons| {
                StoreError::invalid("lines", format!("The EOB cannot be posted: {}", reasons.join("; ")))
            })
        })
    }

    /// Exceptions of past imports that nobody resolved yet, oldest first: every one, for
    /// batch work and tests. The remittances screen asks for a page (`remittance_exceptions_page`).
    pub fn list_remittance_exceptions(&self) -> Result<Vec<PostingException>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT control_number, patient_name, paid_cents, reason FROM remittance_exceptions
             WHERE resolved_at IS NULL ORDER BY id",
        )?;
        let list = stmt.query_map([], exception)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// One page of the unresolved exceptions (at most `LIST_PAGE_MAX`), oldest first, and how
    /// many there are in all.
    pub fn remittance_exceptions_page(&self, at: PageRequest) -> Result<Page<PostingException>> {
        let total: i64 = self
            .conn()
            .prepare_cached("SELECT count(*) FROM remittance_exceptions WHERE resolved_at IS NULL")?
            .query_row([], |r| r.get(0))?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT control_number, patient_name, paid_cents, reason FROM remittance_exceptions
             WHERE resolved_at IS NULL ORDER BY id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![at.size(), at.offset], exception)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Page::read(rows, total, at)
    }
}

fn exception(r: &rusqlite::Row) -> rusqlite::Result<PostingException> {
    Ok(PostingException {
        control_number: r.get(0)?,
        patient_name: r.get(1)?,
        paid: crate::rows::money(r, 2)?,
        reason: r.get(3)?,
    })
}

impl Tx<'_> {
    pub fn post_remittance(&self, input: &RemittanceInput, source: Source) -> Result<PostingReport> {
        let key = if input.payer_key.trim().is_empty() { input.payer_name.trim() } else { input.payer_key.trim() };
        let trace = input.trace_number.trim();
        if trace.is_empty() {
            return Err(StoreError::invalid("trace_number", "The remittance has no check or EFT trace number (TRN02)"));
        }
        let earlier: Option<String> = self
            .prepare_cached("SELECT imported_at FROM remittances WHERE payer_key = ?1 AND trace_number = ?2")?
            .query_row(params![key, trace], |r| r.get(0))
            .optional()?;
        if let Some(when) = earlier {
            return Err(StoreError::Conflict(format!(
                "This remittance ({} trace number {trace}) was already posted on {}; nothing was posted again",
                input.payer_name,
                &when[..10.min(when.len())]
            )));
        }
        let plb: Money = input.provider_adjustments.iter().map(|a| a.amount).sum();
        let claims_paid: Money = input.claims.iter().map(|c| c.paid).sum();
        if claims_paid - plb != input.total_paid {
            return Err(StoreError::Conflict(format!(
                "The remittance does not balance: the payment is {} but its claims pay {claims_paid} less provider \
                 adjustments {plb}; nothing was posted",
                input.total_paid
            )));
        }
        let payer_id = payer_for(self, key, &input.payer_name)?;
        let posting_id = new_posting(self, "remittance", source.as_str(), &format!("{} {trace}", input.payer_name))?;
        self.note(|| {
            AuditNote::about(Record::new("posting", posting_id), None).with_note(format!(
                "remittance trace {trace}, {} claims, paid {}",
                input.claims.len(),
                input.total_paid
            ))
        });
        self.prepare_cached(
            "INSERT INTO remittances (payer_id, payer_key, payer_name, trace_number, payment_method, paid_cents,
             payment_date, file_name, posting_id, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            payer_id,
            key,
            input.payer_name,
            trace,
            input.payment_method,
            input.total_paid.cents(),
            input.payment_date,
            input.file_name,
            posting_id,
            now_utc()
        ])?;
        let remittance_id = self.last_insert_rowid();
        let mut report = PostingReport {
            remittance_id: Some(remittance_id),
            preview: false,
            payer_name: input.payer_name.clone(),
            trace_number: trace.to_string(),
            total_paid: input.total_paid,
            claims: Vec::new(),
            exceptions: Vec::new(),
            provider_adjustments: plb,
        };
        for adjudication in &input.claims {
            let outcome = match target(self, &adjudication.control_number)? {
                None => Err(vec![format!("no claim has control number {}", adjudication.control_number.trim())]),
                Some(t) if payer_id.is_some_and(|p| p != t.payer_id) => {
                    Err(vec![format!("claim {} was billed to another payer", adjudication.control_number.trim())])
                }
                Some(t) => {
                    self.post_claim(posting_id, Some(remittance_id), &t, adjudication, input.payment_date, source)?
                }
            };
            match outcome {
                Ok(posted) => report.claims.push(posted),
                Err(reasons) => {
                    let exception = PostingException {
                        control_number: adjudication.control_number.trim().to_string(),
                        patient_name: target(self, &adjudication.control_number)?
                            .map(|t| t.patient_name)
                            .unwrap_or_default(),
                        paid: adjudication.paid,
                        reason: reasons.join("; "),
                    };
                    self.prepare_cached("INSERT INTO remittance_exceptions (remittance_id, control_number, patient_name, paid_cents, reason)
                         VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(
                        params![
                            remittance_id,
                            exception.control_number,
                            exception.patient_name,
                            exception.paid.cents(),
                            exception.reason
                        ],
                    )?;
                    report.exceptions.push(exception);
                }
            }
        }
        for a in &input.provider_adjustments {
            self.prepare_cached("INSERT INTO provider_adjustments (remittance_id, reason, reference, amount_cents) VALUES (?1, ?2, ?3, ?4)")?.execute(
                params![remittance_id, a.reason, a.reference, a.amount.cents()],
            )?;
        }
        Ok(report)
    }

    /// Posts one claim adjudication; `Ok(Err(reasons))` when it goes to the exceptions list.
    fn post_claim(
        &self,
        posting_id: i64,
        remittance_id: Option<i64>,
        t: &Target,
        a: &ClaimAdjudication,
        paid_date: NaiveDate,
        source: Source,
    ) -> Result<std::result::Result<PostedClaim, Vec<String>>> {
        if !t.status.is_sent() && t.status != ClaimStatus::Rejected {
            return Ok(Err(vec![format!("claim {} was never sent ({})", a.control_number.trim(), t.status.label())]));
        }
        let lines: Vec<ClaimLineInfo> = super::claims::billed_lines(self, t.claim_id)?;
        let billed: Vec<posting::BilledLine> = lines.iter().map(|l| l.billed.clone()).collect();
        // With another policy in line, the patient's share waits for that payer, whether we
        // bill it or the payer crossed the claim over to it.
        let has_next_payer = t.next_payer;
        let rules = super::practice::posting_rules(self)?;
        let plan = match posting::plan_claim(&billed, a, has_next_payer, rules) {
            Ok(plan) => plan,
            Err(reasons) => return Ok(Err(reasons)),
        };
        if plan.status != t.status && !t.status.can_become(plan.status) {
            return Ok(Err(vec![format!(
                "claim {} is {}; a payment that makes it {} needs a look first",
                a.control_number.trim(),
                t.status.label(),
                plan.status.label()
            )]));
        }
        for e in &plan.entries {
            let line = &lines[e.line];
            insert_entry(
                self,
                posting_id,
                &NewEntry {
                    patient_id: t.patient_id,
                    visit_id: Some(t.visit_id),
                    service_line_id: Some(line.billed.service_line_id),
                    claim_id: Some(t.claim_id),
                    payer_id: Some(t.payer_id),
                    kind: e.kind.as_str(),
                    bucket: e.bucket.as_str(),
                    amount: e.amount,
                    entry_date: Some(paid_date),
                    group_code: e.group_code.clone(),
                    reason_code: e.reason_code.clone(),
                    responsibility: e.responsibility.clone(),
                    ..NewEntry::default()
                },
            )?;
        }
        let underpaid_lines = self.record_adjudication(posting_id, remittance_id, t, a, &plan, &lines, paid_date)?;
        if !a.payer_claim_number.trim().is_empty() {
            self.prepare_cached("UPDATE claims SET payer_claim_number = ?1 WHERE id = ?2")?
                .execute(params![a.payer_claim_number.trim(), t.claim_id])?;
        }
        if plan.status != t.status {
            change_status(self, t.claim_id, t.status, plan.status, source, &format!("payer status {}", a.status_code))?;
        }
        let secondary_claim = if has_next_payer
            && !a.is_crossover()
            && matches!(plan.status, ClaimStatus::Paid | ClaimStatus::PartiallyPaid)
            && !plan.patient_responsibility.is_zero()
        {
            self.bill_next_payer(t, source)?
        } else {
            None
        };
        Ok(Ok(PostedClaim {
            claim_id: t.claim_id,
            control_number: a.control_number.trim().to_string(),
            patient_name: t.patient_name.clone(),
            status_before: t.status,
            status_after: plan.status,
            charge: a.charge,
            paid: plan.paid,
            contractual: plan.contractual,
            patient_responsibility: plan.patient_responsibility,
            underpaid_lines,
            crossover: a.is_crossover(),
            lines_matched_loosely: plan.matches.iter().filter(|(_, m)| *m != posting::LineMatch::ControlNumber).count(),
            secondary_claim,
        }))
    }

    /// Keeps the payer's decision with the claim (for the secondary's 837P and denial work).
    /// Returns how many lines were paid below the contracted allowed amount.
    #[allow(clippy::too_many_arguments)]
    fn record_adjudication(
        &self,
        posting_id: i64,
        remittance_id: Option<i64>,
        t: &Target,
        a: &ClaimAdjudication,
        plan: &posting::ClaimPlan,
        lines: &[ClaimLineInfo],
        paid_date: NaiveDate,
    ) -> Result<usize> {
        self.prepare_cached("INSERT INTO claim_adjudications (posting_id, remittance_id, claim_id, status_code, charge_cents, paid_cents,
             patient_responsibility_cents, payer_claim_number, crossover_payer, remark_codes, paid_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")?.execute(
            params![
                posting_id,
                remittance_id,
                t.claim_id,
                a.status_code,
                a.charge.cents(),
                a.paid.cents(),
                a.patient_responsibility.cents(),
                a.payer_claim_number.trim(),
                a.crossover_payer.clone().unwrap_or_default(),
                a.remarks.join(","),
                paid_date
            ],
        )?;
        let adjudication_id = self.last_insert_rowid();
        for c in &a.adjustments {
            self.prepare_cached("INSERT INTO adjudication_adjustments (claim_adjudication_id, line_adjudication_id, group_code, reason_code,
                 amount_cents, quantity) VALUES (?1, NULL, ?2, ?3, ?4, ?5)")?.execute(
                params![adjudication_id, c.group, c.reason, c.amount.cents(), c.quantity],
            )?;
        }
        let mut underpaid_lines = 0;
        for (l, (billed_index, matched_by)) in a.lines.iter().zip(&plan.matches) {
            let line = &lines[*billed_index];
            let responsibility: Money = l.adjustments.iter().filter(|c| c.group == "PR").map(|c| c.amount).sum();
            let contracted = super::fee_schedule::fee_on(
                self,
                Some(t.payer_id),
                &line.billed.code,
                line.billed.modifiers.first().map(String::as_str).unwrap_or(""),
                line.billed.service_date,
            )?
            .map(|f| f.charge_for(line.units));
            let underpaid = match contracted {
                Some(allowed) if !a.is_denial() && !a.is_reversal() && l.paid + responsibility < allowed => {
                    allowed - (l.paid + responsibility)
                }
                _ => Money::ZERO,
            };
            if !underpaid.is_zero() {
                underpaid_lines += 1;
            }
            self.prepare_cached("INSERT INTO line_adjudications (claim_adjudication_id, claim_line_id, matched_by, procedure, modifiers,
                 units, charge_cents, paid_cents, allowed_cents, underpaid_cents, remark_codes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")?.execute(
                params![
                    adjudication_id,
                    line.billed.claim_line_id,
                    format!("{matched_by:?}"),
                    l.procedure,
                    l.modifiers.join(","),
                    l.units,
                    l.charge.cents(),
                    l.paid.cents(),
                    l.allowed.map(|m| m.cents()),
                    underpaid.cents(),
                    l.remarks.join(",")
                ],
            )?;
            let line_adjudication_id = self.last_insert_rowid();
            for c in &l.adjustments {
                self.prepare_cached(
                    "INSERT INTO adjudication_adjustments (claim_adjudication_id, line_adjudication_id, group_code,
                     reason_code, amount_cents, quantity) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    adjudication_id,
                    line_adjudication_id,
                    c.group,
                    c.reason,
                    c.amount.cents(),
                    c.quantity
                ])?;
            }
        }
        Ok(underpaid_lines)
    }

    /// Builds and scrubs the claim to the next payer in line, unless one exists already.
    fn bill_next_payer(&self, t: &Target, source: Source) -> Result<Option<String>> {
        let next = t.rank + 1;
        let exists: Option<String> = self
            .prepare_cached(
                "SELECT control_number FROM claims WHERE visit_id = ?1 AND payer_rank = ?2 AND status <> 'closed'",
            )?
            .query_row(params![t.visit_id, next], |r| r.get(0))
            .optional()?;
        if exists.is_some() {
            return Ok(None);
        }
        let id = self.create_claim(t.visit_id, next, source)?;
        self.scrub_claim(id, source)?;
        Ok(Some(self.prepare_cached("SELECT control_number FROM claims WHERE id = ?1")?.query_row([id], |r| r.get(0))?))
    }
}

/// Adds adjustments up by group and reason; what nets to zero (a reversed one) drops out.
fn net(adjustments: impl Iterator<Item = (String, String, i64)>) -> Vec<posting::CasAdjustment> {
    let mut sums: Vec<(String, String, i64)> = Vec::new();
    for (group, reason, cents) in adjustments {
        match sums.iter_mut().find(|(g, r, _)| *g == group && *r == reason) {
            Some(s) => s.2 += cents,
            None => sums.push((group, reason, cents)),
        }
    }
    sums.into_iter()
        .filter(|(_, _, c)| *c != 0)
        .map(|(group, reason, cents)| posting::CasAdjustment {
            group,
            reason,
            amount: Money::from_cents(cents),
            quantity: None,
        })
        .collect()
}

impl Store {
    /// The previous payer's adjudication of the same visit, for a claim of rank 2 or 3.
    /// None when that payer's payment has not been posted yet.
    pub fn prior_payment(&self, claim_id: i64) -> Result<Option<PriorPayment>> {
        let conn = self.conn();
        let (visit_id, rank): (i64, i64) = conn
            .prepare_cached("SELECT visit_id, payer_rank FROM claims WHERE id = ?1")?
            .query_row([claim_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let prior: Option<i64> = conn
            .prepare_cached("SELECT id FROM claims WHERE visit_id = ?1 AND payer_rank = ?2 ORDER BY frequency = '1' DESC, id DESC LIMIT 1")?.query_row(params![visit_id, rank - 1],
                |r| r.get(0),
            )
            .optional()?;
        let Some(prior) = prior.filter(|_| rank > 1) else { return Ok(None) };
        let (count, paid, last): (i64, i64, Option<NaiveDate>) = conn.prepare_cached("SELECT count(*), coalesce(sum(paid_cents), 0), max(paid_date) FROM claim_adjudications WHERE claim_id = ?1")?.query_row(
            [prior],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let Some(paid_date) = last.filter(|_| count > 0) else { return Ok(None) };
        let claim_adjustments = net(conn
            .prepare_cached(
                "SELECT a.group_code, a.reason_code, a.amount_cents FROM adjudication_adjustments a
                 JOIN claim_adjudications c ON c.id = a.claim_adjudication_id
                 WHERE c.claim_id = ?1 AND a.line_adjudication_id IS NULL ORDER BY a.id",
            )?
            .query_map([prior], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter());
        // This claim's lines, and for each the prior claim's line for the same service line.
        let ours: Vec<(i64, i64, i64)> = conn
            .prepare_cached(
                "SELECT mine.line_number, theirs.id, s.units FROM claim_lines mine
                 JOIN claim_lines theirs ON theirs.service_line_id = mine.service_line_id AND theirs.claim_id = ?2
                 JOIN service_lines s ON s.id = mine.service_line_id
                 WHERE mine.claim_id = ?1 ORDER BY mine.line_number",
            )?
            .query_map(params![claim_id, prior], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut lines = Vec::new();
        for (line_number, prior_line, units) in ours {
            let (procedure, modifiers, line_paid): (Option<String>, Option<String>, i64) = conn
                .prepare_cached(
                    "SELECT max(procedure), max(modifiers), coalesce(sum(paid_cents), 0) FROM line_adjudications
                 WHERE claim_line_id = ?1",
                )?
                .query_row([prior_line], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let Some(procedure) = procedure else { continue };
            let adjustments = net(
                conn.prepare_cached(
                    "SELECT a.group_code, a.reason_code, a.amount_cents FROM adjudication_adjustments a
                     JOIN line_adjudications l ON l.id = a.line_adjudication_id WHERE l.claim_line_id = ?1 ORDER BY a.id",
                )?
                .query_map([prior_line], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter(),
            );
            lines.push(PriorLinePayment {
                line_number: usize::try_from(line_number).map_err(|_| StoreError::Corrupt("line number".into()))?,
                procedure,
                modifiers: modifiers
                    .unwrap_or_default()
                    .split(',')
                    .filter(|m| !m.is_empty())
                    .map(str::to_string)
                    .collect(),
                units: u32::try_from(units).map_err(|_| StoreError::Corrupt("units".into()))?,
                paid: Money::from_cents(line_paid),
                adjustments,
            });
        }
        Ok(Some(PriorPayment { paid_date, claim_paid: Money::from_cents(paid), claim_adjustments, lines }))
    }
}

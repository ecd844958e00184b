//! The payers' answers: realistic adjudications of demo claims (allowed = the payer's
//! contracted fee, CO 45 for the difference, deductible, 20% coinsurance or the policy's
//! copay as patient responsibility, denials with their remark codes, a line denied as
//! bundled), posted through the real posting engine, and written as 835 files for the user.

use chrono::{Datelike, NaiveDate, TimeDelta};
use claimdesk_core::claims::ClaimData;
use claimdesk_core::posting::{BilledLine, CasAdjustment, ClaimAdjudication, LineAdjudication, ProviderAdjustment};
use claimdesk_core::{FeeEntry, Money, PayerKind};
use claimdesk_store::{RemittanceInput, Result};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

/// How the payer answers a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    Paid,
    /// Every line paid but the last, denied as bundled into another service (CO 97).
    PartlyPaid,
    /// The whole claim denied (CLP02 4).
    Denied,
}

/// A claim as the payer sees it, with the contracted fee of each line.
pub(crate) struct Facts {
    pub claim: ClaimData,
    /// Billed line, units, the payer's allowed amount (fee × units) when it has one.
    pub lines: Vec<(BilledLine, u32, Option<Money>)>,
}

impl Facts {
    /// Gathers a claim's facts; `fee` looks a fee up as `Store::fee_for` / `Tx::fee_for` do.
    pub fn gather(
        claim: ClaimData,
        billed: Vec<(BilledLine, u32)>,
        mut fee: impl FnMut(Option<i64>, &str, &str, NaiveDate) -> Result<Option<FeeEntry>>,
    ) -> Result<Facts> {
        let payer = claim.payer.id;
        let mut lines = Vec::with_capacity(billed.len());
        for (b, units) in billed {
            let modifier = b.modifiers.first().cloned().unwrap_or_default();
            let allowed = fee(payer, &b.code, &modifier, b.service_date)?.map(|f| f.charge_for(units));
            lines.push((b, units, allowed));
        }
        Ok(Facts { claim, lines })
    }

    pub fn multi_line(&self) -> bool {
        self.lines.len() >= 2
    }
}

fn cas(group: &str, reason: &str, amount: Money) -> CasAdjustment {
    CasAdjustment { group: group.into(), reason: reason.into(), amount, quantity: None }
}

/// 20% of an amount, to the cent (half a cent rounds up).
fn fifth(m: Money) -> Money {
    Money::from_cents((m.cents() * 20 + 50) / 100)
}

/// Adjudicates claims the way payers do, remembering what is left of each patient's deductible.
pub(crate) struct Payers {
    deductible_left: HashMap<(i64, i64), Money>,
    denials: usize,
}

impl Payers {
    pub fn new() -> Payers {
        Payers { deductible_left: HashMap::new(), denials: 0 }
    }

    /// What is left of this patient's deductible with this payer, decided on first sight:
    /// the whole deductible early in the year, later in the year mostly met already.
    fn deductible(&mut self, rng: &mut ChaCha8Rng, f: &Facts, date: NaiveDate) -> &mut Money {
        let key = (f.claim.patient.id.unwrap_or_default(), f.claim.payer.id.unwrap_or_default());
        let kind = f.claim.payer.kind;
        self.deductible_left.entry(key).or_insert_with(|| {
            let full = match kind {
                PayerKind::Medicare => 257 * 100,
                PayerKind::Medicaid | PayerKind::WorkersComp | PayerKind::Auto => 0,
                _ => 500 * 100,
            };
            let cents = if date.month() <= 3 {
                full
            } else if rng.gen_range(0..100) < 25 {
                full.min(rng.gen_range(5..=30) * 1000)
            } else {
                0
            };
            Money::from_cents(cents)
        })
    }

    /// The payer's answer to one claim, balanced line by line and for the claim.
    pub fn adjudicate(&mut self, rng: &mut ChaCha8Rng, f: &Facts, answer: Answer) -> ClaimAdjudication {
        let c = &f.claim;
        let kind = c.payer.kind;
        let icn = format!(
            "{}{:011}",
            c.visit.service_date.map_or(26, |d| d.year() % 100),
            rng.gen_range(0..100_000_000_000u64)
        );
        let mut remarks = Vec::new();
        let mut lines = Vec::with_capacity(f.lines.len());
        let denial = if answer == Answer::Denied {
            self.denials += 1;
            Some(self.denials % 3)
        } else {
            None
        };
        let mut copay_left = if matches!(kind, PayerKind::Medicare | PayerKind::WorkersComp | PayerKind::Auto) {
            Money::ZERO
        } else {
            c.policy.copay
        };
        let last = f.lines.len().saturating_sub(1);
        for (i, (b, units, allowed)) in f.lines.iter().enumerate() {
            let mut l = LineAdjudication {
                procedure: b.code.clone(),
                modifiers: b.modifiers.clone(),
                submitted_procedure: None,
                service_date: Some(b.service_date),
                line_control_number: Some(b.line_control_number.clone()).filter(|s| !s.is_empty()),
                charge: b.charge,
                paid: Money::ZERO,
                units: Some(*units),
                allowed: None,
                adjustments: Vec::new(),
                remarks: Vec::new(),
            };
            if let Some(which) = denial {
                // CO 16 (information missing), CO 50 (not medically necessary), CO 29 (filed late).
                let (reason, claim_remark, line_remark) = match which {
                    1 => ("16", "MA130", "M51"),
                    2 => ("50", "N115", "N386"),
                    _ => ("29", "N211", "N211"),
                };
                l.adjustments.push(cas("CO", reason, b.charge));
                l.remarks.push(line_remark.into());
                if i == 0 {
                    remarks.push(claim_remark.to_string());
                }
                lines.push(l);
                continue;
            }
            if answer == Answer::PartlyPaid && i == last && f.multi_line() {
                // Bundled into the visit: not paid, not the patient's to pay.
                l.adjustments.push(cas("CO", "97", b.charge));
                l.remarks.push("M15".into());
                lines.push(l);
                continue;
            }
            // No contracted fee: the payer allows 80% of the charge.
            let allowed = allowed.unwrap_or(Money::from_cents(b.charge.cents() * 80 / 100)).min(b.charge);
            l.allowed = Some(allowed);
            if b.charge > allowed {
                l.adjustments.push(cas("CO", "45", b.charge - allowed));
            }
            let mut left = allowed;
            let copay = copay_left.min(left);
            if !copay.is_zero() {
                copay_left = Money::ZERO;
                left = left - copay;
            }
            let deductible_left = self.deductible(rng, f, b.service_date);
            let deductible = (*deductible_left).min(left);
            *deductible_left = *deductible_left - deductible;
            left = left - deductible;
            // A copay plan pays the rest of a visit in full; otherwise 20% coinsurance.
            let coinsurance =
                if copay.is_zero() && !matches!(kind, PayerKind::WorkersComp | PayerKind::Auto | PayerKind::Medicaid) {
                    fifth(left)
                } else {
                    Money::ZERO
                };
            left = left - coinsurance;
            for (reason, amount) in [("1", deductible), ("2", coinsurance), ("3", copay)] {
                if !amount.is_zero() {
                    l.adjustments.push(cas("PR", reason, amount));
                }
            }
            l.paid = left;
            lines.push(l);
        }
        let charge: Money = lines.iter().map(|l| l.charge).sum();
        let paid: Money = lines.iter().map(|l| l.paid).sum();
        let responsibility: Money =
            lines.iter().flat_map(|l| &l.adjustments).filter(|a| a.group == "PR").map(|a| a.amount).sum();
        ClaimAdjudication {
            control_number: c.control_number.clone(),
            status_code: if answer == Answer::Denied { "4".into() } else { c.payer_rank.to_string() },
            charge,
            paid,
            patient_responsibility: responsibility,
            payer_claim_number: icn,
            adjustments: Vec::new(),
            remarks,
            crossover_payer: None,
            lines,
        }
    }
}

/// One payment from one payer, with a trace number and (optionally) interest.
pub(crate) fn remittance(
    claims: &[(&Facts, ClaimAdjudication)],
    trace: String,
    payment_date: NaiveDate,
    interest: Option<Money>,
    file_name: &str,
) -> RemittanceInput {
    let payer = &claims[0].0.claim.payer;
    let provider_adjustments: Vec<ProviderAdjustment> = interest
        .map(|i| ProviderAdjustment { reason: "L6".into(), reference: format!("INT{trace}"), amount: -i })
        .into_iter()
        .collect();
    let plb: Money = provider_adjustments.iter().map(|p| p.amount).sum();
    let paid: Money = claims.iter().map(|(_, a)| a.paid).sum();
    RemittanceInput {
        payer_key: payer.payer_id.clone(),
        payer_name: payer.name.clone(),
        trace_number: trace,
        payment_method: if paid.is_zero() { "NON".into() } else { "ACH".into() },
        total_paid: paid - plb,
        payment_date,
        file_name: file_name.into(),
        claims: claims.iter().map(|(_, a)| a.clone()).collect(),
        provider_adjustments,
    }
}

/// When the payer answers: a few weeks after the visit, never after `today`.
pub(crate) fn answer_date(rng: &mut ChaCha8Rng, service: NaiveDate, today: NaiveDate) -> NaiveDate {
    (service + TimeDelta::days(rng.gen_range(14..=30))).min(today).max(service)
}

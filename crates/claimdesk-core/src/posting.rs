//! Posting a payer's adjudication of a claim: what the payer said (from an 835 or a paper EOB,
//! in the same shape) turned into ledger entries, line by line.
//!
//! This is the one posting engine: an 835 import and a hand-keyed EOB both come through
//! `plan_claim`, so they follow the same rules and produce the same entries.
//!
//! Money moves between two buckets of each service line: what insurance is expected to pay
//! (`Insurance`) and what the patient owes (`Patient`). A charge starts in one of them; a
//! payment or a write-off takes it out; patient responsibility moves it across.

use crate::claims::ClaimStatus;
use crate::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One CAS adjustment: group (CO contractual, PR patient responsibility, OA other, PI payer
/// initiated), reason (CARC) and amount. A negative amount undoes an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CasAdjustment {
    pub group: String,
    pub reason: String,
    pub amount: Money,
    pub quantity: Option<u32>,
}

/// How the payer adjudicated one service line (SVC loop, or a line of a paper EOB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LineAdjudication {
    pub procedure: String,
    #[serde(default)]
    pub modifiers: Vec<String>,
    /// The code as submitted when the payer changed it (SVC06).
    #[serde(default)]
    pub submitted_procedure: Option<String>,
    pub service_date: Option<NaiveDate>,
    /// REF*6R, echoed from the 837P: the surest way back to the line.
    #[serde(default)]
    pub line_control_number: Option<String>,
    pub charge: Money,
    pub paid: Money,
    pub units: Option<u32>,
    pub allowed: Option<Money>,
    #[serde(default)]
    pub adjustments: Vec<CasAdjustment>,
    #[serde(default)]
    pub remarks: Vec<String>,
}

/// How the payer adjudicated one claim (CLP loop, or a paper EOB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimAdjudication {
    /// CLP01 = the claim's control number (CLM01).
    pub control_number: String,
    /// CLP02: 1-3 processed, 4 denied, 19-21 processed and forwarded, 22 reversal.
    pub status_code: String,
    pub charge: Money,
    pub paid: Money,
    pub patient_responsibility: Money,
    #[serde(default)]
    pub payer_claim_number: String,
    /// Claim-level CAS.
    #[serde(default)]
    pub adjustments: Vec<CasAdjustment>,
    #[serde(default)]
    pub remarks: Vec<String>,
    /// Set when the payer forwarded the claim to the next payer itself (crossover).
    #[serde(default)]
    pub crossover_payer: Option<String>,
    pub lines: Vec<LineAdjudication>,
}

impl ClaimAdjudication {
    pub fn is_denial(&self) -> bool {
        self.status_code == "4"
    }

    pub fn is_reversal(&self) -> bool {
        self.status_code == "22"
    }

    /// 19-21: processed and forwarded to the next payer, who will pay without our claim.
    pub fn is_crossover(&self) -> bool {
        matches!(self.status_code.as_str(), "19" | "20" | "21") || self.crossover_payer.is_some()
    }
}

/// A provider-level adjustment of a payment (an 835's PLB): interest, overpayment recovery,
/// forward balance ... A positive amount reduces the payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProviderAdjustment {
    /// PLB03-1 etc.: WO overpayment recovery, L6 interest, FB forward balance ...
    pub reason: String,
    /// PLB03-2 etc.
    pub reference: String,
    pub amount: Money,
}

/// What the payer before this one paid on a claim, net of reversals, as the ledger keeps it:
/// a secondary claim's coordination of benefits (837P loops 2320 and 2430, box 29 on paper).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PriorPayment {
    pub paid_date: NaiveDate,
    pub claim_paid: Money,
    pub claim_adjustments: Vec<CasAdjustment>,
    pub lines: Vec<PriorLinePayment>,
}

/// What the payer before this one paid on one line (loop 2430).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PriorLinePayment {
    /// The line's number on THIS claim (1-based).
    pub line_number: usize,
    pub procedure: String,
    pub modifiers: Vec<String>,
    pub units: u32,
    pub paid: Money,
    pub adjustments: Vec<CasAdjustment>,
}

/// A line as it was billed on the claim, to match payments against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilledLine {
    pub claim_line_id: i64,
    pub service_line_id: i64,
    pub line_control_number: String,
    pub code: String,
    pub modifiers: Vec<String>,
    pub service_date: NaiveDate,
    pub charge: Money,
}

/// How a paid line found its billed line: the payer's echo of our line control number is
/// certain; the fallbacks cover payers that drop or change modifiers or codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LineMatch {
    ControlNumber,
    CodeModifiersDateCharge,
    CodeDateCharge,
    SubmittedCode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Bucket {
    Insurance,
    Patient,
}

impl Bucket {
    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Insurance => "insurance",
            Bucket::Patient => "patient",
        }
    }

    /// The bucket named by [`Bucket::as_str`].
    pub fn parse(text: &str) -> Option<Bucket> {
        [Bucket::Insurance, Bucket::Patient].into_iter().find(|b| b.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EntryKind {
    Charge,
    InsurancePayment,
    Adjustment,
    Transfer,
    PatientPayment,
    Refund,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Charge => "charge",
            EntryKind::InsurancePayment => "insurance_payment",
            EntryKind::Adjustment => "adjustment",
            EntryKind::Transfer => "transfer",
            EntryKind::PatientPayment => "patient_payment",
            EntryKind::Refund => "refund",
        }
    }

    /// The kind named by [`EntryKind::as_str`].
    pub fn parse(text: &str) -> Option<EntryKind> {
        use EntryKind::*;
        [Charge, InsurancePayment, Adjustment, Transfer, PatientPayment, Refund]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// Which part of the patient's share a PR adjustment is (kept apart on statements).
pub fn responsibility_of(reason: &str) -> &'static str {
    match reason {
        "1" => "deductible",
        "2" => "coinsurance",
        "3" => "copay",
        _ => "other",
    }
}

/// One ledger entry to write, for the billed line at `line` (index into the billed lines).
/// A positive amount increases what is owed in its bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedEntry {
    pub line: usize,
    pub kind: EntryKind,
    pub bucket: Bucket,
    pub amount: Money,
    pub group_code: String,
    pub reason_code: String,
    pub responsibility: String,
}

/// The practice's choices for adjustments other than CO and PR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PostingRules {
    /// OA (other adjustment): write it off (true) or leave it pending for follow-up.
    pub write_off_oa: bool,
    /// PI (payer initiated): write it off or leave it pending.
    pub write_off_pi: bool,
}

impl Default for PostingRules {
    fn default() -> Self {
        PostingRules { write_off_oa: true, write_off_pi: false }
    }
}

/// What posting one claim adjudication does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimPlan {
    /// For each adjudicated line, the billed line it matched and how.
    pub matches: Vec<(usize, LineMatch)>,
    pub entries: Vec<PlannedEntry>,
    pub status: ClaimStatus,
    /// Patient responsibility the payer assigned, moved to the patient or left for the next payer.
    pub patient_responsibility: Money,
    pub contractual: Money,
    pub paid: Money,
}

/// Why a claim adjudication cannot be posted as it is (it goes to the exceptions list).
pub type Exception = String;

fn same_modifiers(a: &[String], b: &[String]) -> bool {
    let clean = |v: &[String]| -> Vec<String> {
        let mut v: Vec<String> = v.iter().map(|m| m.trim().to_ascii_uppercase()).filter(|m| !m.is_empty()).collect();
        v.sort();
        v
    };
    clean(a) == clean(b)
}

/// Finds the billed line an adjudicated line pays, skipping lines already matched.
pub fn match_line(billed: &[BilledLine], paid: &LineAdjudication, taken: &[usize]) -> Option<(usize, LineMatch)> {
    let free = |i: &usize| !taken.contains(i);
    if let Some(lcn) = paid.line_control_number.as_deref().filter(|l| !l.is_empty()) {
        if let Some(i) = (0..billed.len()).filter(free).find(|&i| billed[i].line_control_number == lcn) {
            return Some((i, LineMatch::ControlNumber));
        }
    }
    let date_ok = |b: &BilledLine| paid.service_date.is_none_or(|d| d == b.service_date);
    let by = |code: &str, check_modifiers: bool| {
        (0..billed.len()).filter(free).find(|&i| {
            let b = &billed[i];
            b.code == code
                && date_ok(b)
                // A reversal repeats the charge with a minus sign.
                && (b.charge == paid.charge || b.charge == -paid.charge)
                && (!check_modifiers || same_modifiers(&b.modifiers, &paid.modifiers))
        })
    };
    if let Some(i) = by(&paid.procedure, true) {
        return Some((i, LineMatch::CodeModifiersDateCharge));
    }
    if let Some(i) = by(&paid.procedure, false) {
        return Some((i, LineMatch::CodeDateCharge));
    }
    let submitted = paid.submitted_procedure.as_deref()?;
    by(submitted, false).map(|i| (i, LineMatch::SubmittedCode))
}

fn sum(adjustments: &[CasAdjustment]) -> Money {
    adjustments.iter().map(|a| a.amount).sum()
}

/// Checks the payer's arithmetic: per line, charge - paid = its adjustments; per claim,
/// charge - paid = all adjustments (claim and lines).
pub fn balance_problems(c: &ClaimAdjudication) -> Vec<Exception> {
    let mut problems = Vec::new();
    for (i, l) in c.lines.iter().enumerate() {
        let adjusted = sum(&l.adjustments);
        if l.charge - l.paid != adjusted {
            problems.push(format!(
                "line {} ({}): charge {} - paid {} is not its adjustments {}",
                i + 1,
                l.procedure,
                l.charge,
                l.paid,
                adjusted
            ));
        }
    }
    let all: Money = sum(&c.adjustments) + c.lines.iter().map(|l| sum(&l.adjustments)).sum::<Money>();
    if c.charge - c.paid != all {
        problems.push(format!("claim: charge {} - paid {} is not its adjustments {}", c.charge, c.paid, all));
    }
    problems
}

/// Plans the ledger entries for one claim adjudication. `has_next_payer`: a further policy
/// will be billed (so patient responsibility waits for it instead of going to the patient).
pub fn plan_claim(
    billed: &[BilledLine],
    adjudication: &ClaimAdjudication,
    has_next_payer: bool,
    rules: PostingRules,
) -> Result<ClaimPlan, Vec<Exception>> {
    let mut exceptions = balance_problems(adjudication);
    let mut matches: Vec<(usize, LineMatch)> = Vec::new();
    for l in &adjudication.lines {
        let taken: Vec<usize> = matches.iter().map(|(i, _)| *i).collect();
        match match_line(billed, l, &taken) {
            Some(m) => matches.push(m),
            None => exceptions.push(format!(
                "line {} {} {} for {} matches no line of the claim",
                l.procedure,
                l.modifiers.join(","),
                l.service_date.map(|d| d.format("%m/%d/%Y").to_string()).unwrap_or_default(),
                l.charge
            )),
        }
    }
    if adjudication.lines.is_empty() && !billed.is_empty() && !adjudication.is_denial() {
        exceptions.push("the payment has no service lines to post against".into());
    }
    if !exceptions.is_empty() {
        return Err(exceptions);
    }

    let mut entries = Vec::new();
    let mut patient_responsibility = Money::ZERO;
    let mut contractual = Money::ZERO;
    // A denial posts no money: the claim goes to the denial queue to be worked or appealed.
    let posts_money = !adjudication.is_denial() || !adjudication.paid.is_zero();
    let claim_level = adjudication.adjustments.iter().map(|a| (matches.first().map(|m| m.0).unwrap_or(0), a));
    let line_level = adjudication
        .lines
        .iter()
        .zip(&matches)
        .flat_map(|(l, (billed_line, _))| l.adjustments.iter().map(move |a| (*billed_line, a)));
    if posts_money {
        for (l, (billed_line, _)) in adjudication.lines.iter().zip(&matches) {
            if !l.paid.is_zero() {
                entries.push(PlannedEntry {
                    line: *billed_line,
                    kind: EntryKind::InsurancePayment,
                    bucket: Bucket::Insurance,
                    amount: -l.paid,
                    group_code: String::new(),
                    reason_code: String::new(),
                    responsibility: String::new(),
                });
            }
        }
        for (line, a) in claim_level.chain(line_level) {
            let entry = |kind, bucket, amount| PlannedEntry {
                line,
                kind,
                bucket,
                amount,
                group_code: a.group.clone(),
                reason_code: a.reason.clone(),
                responsibility: String::new(),
            };
            match a.group.as_str() {
                "PR" => {
                    patient_responsibility = patient_responsibility + a.amount;
                    if !has_next_payer {
                        let why = responsibility_of(&a.reason).to_string();
                        entries.push(PlannedEntry {
                            responsibility: why.clone(),
                            ..entry(EntryKind::Transfer, Bucket::Insurance, -a.amount)
                        });
                        entries.push(PlannedEntry {
                            responsibility: why,
                            ..entry(EntryKind::Transfer, Bucket::Patient, a.amount)
                        });
                    }
                }
                "CO" => {
                    contractual = contractual + a.amount;
                    entries.push(entry(EntryKind::Adjustment, Bucket::Insurance, -a.amount));
                }
                "OA" if rules.write_off_oa => entries.push(entry(EntryKind::Adjustment, Bucket::Insurance, -a.amount)),
                "PI" if rules.write_off_pi => entries.push(entry(EntryKind::Adjustment, Bucket::Insurance, -a.amount)),
                // Left pending: the balance stays with insurance for the biller to follow up.
                _ => {}
            }
        }
    }
    Ok(ClaimPlan {
        status: status_after(adjudication),
        matches,
        entries,
        patient_responsibility,
        contractual,
        paid: adjudication.paid,
    })
}

/// Where the claim stands after this adjudication.
pub fn status_after(c: &ClaimAdjudication) -> ClaimStatus {
    if c.is_reversal() {
        // The payer took its decision back; a corrected adjudication usually follows.
        return ClaimStatus::Accepted;
    }
    if c.is_denial() {
        return ClaimStatus::Denied;
    }
    let line_denied = c.lines.iter().any(|l| l.paid.is_zero() && !l.adjustments.iter().any(|a| a.group == "PR"));
    if c.paid.is_zero() && c.patient_responsibility.is_zero() && line_denied {
        ClaimStatus::Denied
    } else if line_denied && !c.lines.is_empty() {
        ClaimStatus::PartiallyPaid
    } else {
        ClaimStatus::Paid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, day).unwrap()
    }

    fn m(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    fn billed() -> Vec<BilledLine> {
        vec![
            BilledLine {
                claim_line_id: 1,
                service_line_id: 11,
                line_control_number: "0000001-1".into(),
                code: "99213".into(),
                modifiers: vec!["25".into()],
                service_date: d(1),
                charge: m(12500),
            },
            BilledLine {
                claim_line_id: 2,
                service_line_id: 12,
                line_control_number: "0000001-2".into(),
                code: "87880".into(),
                modifiers: vec![],
                service_date: d(1),
                charge: m(3000),
            },
        ]
    }

    fn cas(group: &str, reason: &str, cents: i64) -> CasAdjustment {
        CasAdjustment { group: group.into(), reason: reason.into(), amount: m(cents), quantity: None }
    }

    fn line(
        code: &str,
        mods: &[&str],
        lcn: Option<&str>,
        charge: i64,
        paid: i64,
        adj: Vec<CasAdjustment>,
    ) -> LineAdjudication {
        LineAdjudication {
            procedure: code.into(),
            modifiers: mods.iter().map(|s| s.to_string()).collect(),
            submitted_procedure: None,
            service_date: Some(d(1)),
            line_control_number: lcn.map(str::to_string),
            charge: m(charge),
            paid: m(paid),
            units: Some(1),
            allowed: None,
            adjustments: adj,
            remarks: vec![],
        }
    }

    fn claim(status: &str, lines: Vec<LineAdjudication>) -> ClaimAdjudication {
        let charge = lines.iter().map(|l| l.charge).sum();
        let paid = lines.iter().map(|l| l.paid).sum();
        let pr = lines.iter().flat_map(|l| &l.adjustments).filter(|a| a.group == "PR").map(|a| a.amount).sum();
        ClaimAdjudication {
            control_number: "0000001".into(),
            status_code: status.into(),
            charge,
            paid,
            patient_responsibility: pr,
            payer_claim_number: "ICN1".into(),
            adjustments: vec![],
            remarks: vec![],
            crossover_payer: None,
            lines,
        }
    }

    #[test]
    fn kinds_and_buckets_read_back_from_their_names() {
        use EntryKind::*;
        for k in [Charge, InsurancePayment, Adjustment, Transfer, PatientPayment, Refund] {
            assert_eq!(EntryKind::parse(k.as_str()), Some(k));
        }
        for b in [Bucket::Insurance, Bucket::Patient] {
            assert_eq!(Bucket::parse(b.as_str()), Some(b));
        }
        assert_eq!(EntryKind::parse("Charge"), None);
        assert_eq!(Bucket::parse(""), None);
    }

    #[test]
    fn paid_claim_posts_payment_write_off_and_patient_share() {
        let c = claim(
            "1",
            vec![
                line(
                    "99213",
                    &["25"],
                    Some("0000001-1"),
                    12500,
                    8000,
                    vec![cas("CO", "45", 2500), cas("PR", "2", 2000)],
                ),
                line("87880", &[], Some("0000001-2"), 3000, 2000, vec![cas("CO", "45", 1000)]),
            ],
        );
        let plan = plan_claim(&billed(), &c, false, PostingRules::default()).unwrap();
        assert_eq!(plan.status, ClaimStatus::Paid);
        let insurance: Money = plan.entries.iter().filter(|e| e.bucket == Bucket::Insurance).map(|e| e.amount).sum();
        let patient: Money = plan.entries.iter().filter(|e| e.bucket == Bucket::Patient).map(|e| e.amount).sum();
        // Everything billed (155.00) leaves insurance; 20.00 coinsurance lands on the patient.
        assert_eq!(insurance, m(-15500));
        assert_eq!(patient, m(2000));
        assert!(plan.entries.iter().any(|e| e.responsibility == "coinsurance"));
    }

    #[test]
    fn patient_share_waits_for_the_secondary() {
        let c = claim("1", vec![line("99213", &["25"], None, 12500, 10000, vec![cas("PR", "1", 2500)])]);
        let plan = plan_claim(&billed(), &c, true, PostingRules::default()).unwrap();
        assert!(plan.entries.iter().all(|e| e.bucket == Bucket::Insurance));
        assert_eq!(plan.patient_responsibility, m(2500));
    }

    #[test]
    fn a_payer_that_drops_a_modifier_still_finds_the_line() {
        let c = claim("1", vec![line("99213", &[], None, 12500, 12500, vec![])]);
        let plan = plan_claim(&billed(), &c, false, PostingRules::default()).unwrap();
        assert_eq!(plan.matches, [(0, LineMatch::CodeDateCharge)]);
    }

    #[test]
    fn denial_posts_nothing_and_unbalanced_or_unknown_lines_are_exceptions() {
        let denied = claim("4", vec![line("87880", &[], None, 3000, 0, vec![cas("CO", "16", 3000)])]);
        let plan = plan_claim(&billed(), &denied, false, PostingRules::default()).unwrap();
        assert!(plan.entries.is_empty());
        assert_eq!(plan.status, ClaimStatus::Denied);

        let mut unbalanced = claim("1", vec![line("87880", &[], None, 3000, 2000, vec![cas("CO", "45", 500)])]);
        unbalanced.paid = m(2000);
        assert!(plan_claim(&billed(), &unbalanced, false, PostingRules::default()).is_err());

        let unknown = claim("1", vec![line("99999", &[], None, 5000, 5000, vec![])]);
        let problems = plan_claim(&billed(), &unknown, false, PostingRules::default()).unwrap_err();
        assert!(problems[0].contains("matches no line"), "{problems:?}");
    }

    #[test]
    fn reversal_undoes_with_negative_amounts() {
        let mut c = claim("22", vec![line("87880", &[], None, -3000, -2000, vec![cas("CO", "45", -1000)])]);
        c.patient_responsibility = Money::ZERO;
        let plan = plan_claim(&billed(), &c, false, PostingRules::default()).unwrap();
        let total: Money = plan.entries.iter().map(|e| e.amount).sum();
        assert_eq!(total, m(3000), "payment and write-off both come back to insurance");
        assert_eq!(plan.status, ClaimStatus::Accepted);
    }
}

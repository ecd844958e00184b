//! The 835 reader (005010X221A1): remittance text in, payments out, plus the balancing
//! checks that must pass before anything posts.

use crate::error::X12Error;
use crate::segments::{tokenize, Segment};
use chrono::NaiveDate;
use claimdesk_core::posting::{CasAdjustment, ClaimAdjudication, LineAdjudication, ProviderAdjustment};
use claimdesk_core::Money;
use rust_decimal::Decimal;
use std::str::FromStr;

/// One 835 transaction set: one payment (or notice) from one payer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remittance {
    /// ST02.
    pub transaction_set_control_number: String,
    /// N1*PR N102.
    pub payer_name: String,
    /// 1000A REF*2U when present, else TRN03.
    pub payer_id: String,
    /// N1*PE N104 when N103 = XX.
    pub payee_npi: String,
    /// N1*PE N104 when N103 = FI.
    pub payee_tax_id: String,
    /// TRN02: the check or EFT trace number (with the payer, the 835's identity).
    pub check_or_eft_number: String,
    /// BPR01: I payment and remittance, H notification only, ...
    pub transaction_handling: String,
    /// BPR04: ACH, BOP, CHK, FWT, NON.
    pub payment_method: String,
    /// BPR02.
    pub total_paid: Money,
    /// BPR16.
    pub payment_date: NaiveDate,
    pub claims: Vec<ClaimPayment>,
    /// PLB.
    pub provider_adjustments: Vec<ProviderAdjustment>,
}

/// One CLP loop (2100): the payer's adjudication in the posting engine's own shape (what a
/// paper EOB is keyed into too), with the patient as the 835 names them.
///
/// In `adjudication`: CLP01-05 and CLP07 (the payer's ICN), claim-level CAS, MOA03-07 remark
/// codes, NM1*TT (forwarded to that payer), and per SVC loop (2110): SVC01 (as adjudicated),
/// SVC02, SVC03, SVC05 when a whole number, SVC06-2 (the code as submitted, when the payer
/// changed it), DTM*472 or DTM*150, REF*6R, CAS, LQ*HE remark codes and AMT*B6 (allowed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimPayment {
    pub adjudication: ClaimAdjudication,
    /// NM1*QC "LAST, FIRST".
    pub patient_name: String,
    /// NM1*IL NM109, else NM1*QC NM109.
    pub member_id: String,
}

/// An X12 decimal (`R` type): optional minus, digits, optional point and digits.
pub(crate) fn amount(seg: &Segment, n: usize) -> Result<Money, X12Error> {
    let v = seg.el(n);
    let bad = || X12Error::BadAmount { element: seg.name(n), value: v.to_string(), at: seg.position };
    let body = v.strip_prefix('-').unwrap_or(v);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if body.is_empty()
        || (int.is_empty() && frac.is_empty())
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || body.len() > 18
    {
        return Err(bad());
    }
    Money::parse(v).map_err(|_| bad())
}

fn amount_or_zero(seg: &Segment, n: usize) -> Result<Money, X12Error> {
    if seg.el(n).is_empty() {
        Ok(Money::ZERO)
    } else {
        amount(seg, n)
    }
}

fn required_amount(seg: &Segment, n: usize) -> Result<Money, X12Error> {
    if seg.el(n).is_empty() {
        return Err(X12Error::MissingElement { element: seg.name(n), at: seg.position });
    }
    amount(seg, n)
}

pub(crate) fn date(seg: &Segment, n: usize) -> Result<NaiveDate, X12Error> {
    let v = seg.el(n);
    let bad = || X12Error::BadDate { element: seg.name(n), value: v.to_string(), at: seg.position };
    if v.len() != 8 || !v.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    NaiveDate::parse_from_str(v, "%Y%m%d").map_err(|_| bad())
}

/// A whole quantity such as `1` or `1.00`; `None` for a fraction; error when not a number.
fn whole(seg: &Segment, n: usize) -> Result<Option<u32>, X12Error> {
    let v = seg.el(n);
    if v.is_empty() {
        return Ok(None);
    }
    let bad = || X12Error::BadNumber { element: seg.name(n), value: v.to_string(), at: seg.position };
    if v.len() > 20 || !v.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') {
        return Err(bad());
    }
    let d = Decimal::from_str(v).map_err(|_| bad())?;
    if d.fract().is_zero() {
        Ok(u32::try_from(d.trunc().mantissa() / 10i128.pow(d.trunc().scale())).ok())
    } else {
        Ok(None)
    }
}

/// CAS: group, then up to six (reason, amount, quantity) triples.
fn cas(seg: &Segment) -> Result<Vec<CasAdjustment>, X12Error> {
    let group = seg.el(1).to_string();
    if group.is_empty() {
        return Err(X12Error::MissingElement { element: "CAS01".into(), at: seg.position });
    }
    let mut out = Vec::new();
    for k in 0..6 {
        let r = 2 + 3 * k;
        let reason = seg.el(r);
        if reason.is_empty() {
            if !seg.el(r + 1).is_empty() {
                return Err(X12Error::MissingElement { element: seg.name(r), at: seg.position });
            }
            continue;
        }
        let amount = required_amount(seg, r + 1)?;
        let quantity = whole(seg, r + 2)?;
        out.push(CasAdjustment { group: group.clone(), reason: reason.to_string(), amount, quantity });
    }
    if out.is_empty() {
        return Err(X12Error::MissingElement { element: "CAS02".into(), at: seg.position });
    }
    Ok(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Where {
    Header,
    Payer,
    Payee,
    Claim,
    Line,
    Footer,
}

/// Reads every 835 transaction set in the interchange, in order.
///
/// Refuses (with the segment named) a file that is not X12, has a damaged ISA, is not
/// 005010X221A1, lacks a required segment (BPR, TRN, N1*PR, N1*PE, CLP's NM1*QC, SE, GE,
/// IEA), has SE/GE/IEA counts that do not match, or carries an amount or date that does
/// not parse. Never panics.
pub fn parse_835(text: &str) -> Result<Vec<Remittance>, X12Error> {
    let x = tokenize(text)?;
    let segs = &x.segments;
    let mut out = Vec::new();
    let mut i = 1; // segs[0] is ISA
    let mut groups = 0usize;
    let isa13 = segs.first().map(|s| s.el(13)).unwrap_or("");
    loop {
        let Some(seg) = segs.get(i) else {
            let at = segs.last().map_or(1, |s| s.position + 1);
            return Err(X12Error::MissingSegment {
                segment: "IEA".into(),
                context: "the file ends before the interchange trailer; truncated?".into(),
                at,
            });
        };
        match seg.id {
            "GS" => {
                groups += 1;
                let gs08 = seg.el(8);
                if gs08 != crate::VERSION_835 {
                    return Err(X12Error::WrongVersion {
                        found: gs08.to_string(),
                        expected: crate::VERSION_835.into(),
                        at: seg.position,
                    });
                }
                let gs06 = seg.el(6);
                i += 1;
                let mut sets = 0usize;
                loop {
                    let Some(s) = segs.get(i) else {
                        let at = segs.last().map_or(1, |s| s.position + 1);
                        return Err(X12Error::MissingSegment {
                            segment: "GE".into(),
                            context: "the file ends inside a functional group; truncated?".into(),
                            at,
                        });
                    };
                    match s.id {
                        "ST" => {
                            let (remit, next) = parse_set(segs, i)?;
                            out.push(remit);
                            sets += 1;
                            i = next;
                        }
                        "GE" => {
                            if s.el(1) != sets.to_string() {
                                return Err(X12Error::CountMismatch(format!(
                                    "GE01 says {} transaction sets, the group has {sets} (segment {})",
                                    s.el(1),
                                    s.position
                                )));
                            }
                            if s.el(2) != gs06 {
                                return Err(X12Error::CountMismatch(format!(
                                    "GE02 {:?} does not match GS06 {gs06:?} (segment {})",
                                    s.el(2),
                                    s.position
                                )));
                            }
                            i += 1;
                            break;
                        }
                        other => {
                            return Err(X12Error::UnexpectedSegment {
                                segment: other.into(),
                                context: "expected ST or GE".into(),
                                at: s.position,
                            });
                        }
                    }
                }
            }
            "IEA" => {
                if seg.el(1) != groups.to_string() {
                    return Err(X12Error::CountMismatch(format!(
                        "IEA01 says {} groups, the interchange has {groups} (segment {})",
                        seg.el(1),
                        seg.position
                    )));
                }
                if seg.el(2) != isa13 {
                    return Err(X12Error::CountMismatch(format!(
                        "IEA02 {:?} does not match ISA13 {isa13:?} (segment {})",
                        seg.el(2),
                        seg.position
                    )));
                }
                break;
            }
            "TA1" => i += 1,
            other => {
                return Err(X12Error::UnexpectedSegment {
                    segment: other.into(),
                    context: "expected GS or IEA".into(),
                    at: seg.position,
                });
            }
        }
    }
    if groups == 0 {
        return Err(X12Error::MissingSegment {
            segment: "GS".into(),
            context: "the interchange holds no functional group".into(),
            at: 2,
        });
    }
    Ok(out)
}

fn parse_set(segs: &[Segment], start: usize) -> Result<(Remittance, usize), X12Error> {
    let st = &segs[start.min(segs.len().saturating_sub(1))];
    if st.el(1) != "835" {
        return Err(X12Error::WrongTransaction { found: st.el(1).into(), expected: "835".into(), at: st.position });
    }
    let st02 = st.el(2).to_string();
    let missing = |segment: &str, context: &str, at: usize| X12Error::MissingSegment {
        segment: segment.into(),
        context: context.into(),
        at,
    };
    let bpr = match segs.get(start + 1) {
        Some(s) if s.id == "BPR" => s,
        Some(s) => return Err(missing("BPR", "must follow ST", s.position)),
        None => return Err(missing("BPR", "must follow ST", st.position + 1)),
    };
    let mut remit = Remittance {
        transaction_set_control_number: st02.clone(),
        payer_name: String::new(),
        payer_id: String::new(),
        payee_npi: String::new(),
        payee_tax_id: String::new(),
        check_or_eft_number: String::new(),
        transaction_handling: bpr.el(1).to_string(),
        payment_method: bpr.el(4).to_string(),
        total_paid: required_amount(bpr, 2)?,
        payment_date: date(bpr, 16)?,
        claims: Vec::new(),
        provider_adjustments: Vec::new(),
    };
    let mut trn_seen = false;
    let mut payer_seen = false;
    let mut payee_seen = false;
    let mut payer_ref_id: Option<String> = None;
    let mut trn03 = String::new();
    let mut place = Where::Header;
    let mut i = start + 2;
    let mut insured_id: Option<String> = None;
    loop {
        let Some(seg) = segs.get(i) else {
            let at = segs.last().map_or(1, |s| s.position + 1);
            return Err(missing("SE", "the file ends inside the 835; truncated?", at));
        };
        match seg.id {
            "TRN" => {
                trn_seen = true;
                remit.check_or_eft_number = seg.el(2).to_string();
                trn03 = seg.el(3).to_string();
            }
            "N1" if seg.el(1) == "PR" => {
                payer_seen = true;
                place = Where::Payer;
                remit.payer_name = seg.el(2).to_string();
            }
            "N1" if seg.el(1) == "PE" => {
                payee_seen = true;
                place = Where::Payee;
                match seg.el(3) {
                    "XX" => remit.payee_npi = seg.el(4).to_string(),
                    "FI" => remit.payee_tax_id = seg.el(4).to_string(),
                    _ => {}
                }
            }
            "REF" if place == Where::Payer && seg.el(1) == "2U" => payer_ref_id = Some(seg.el(2).to_string()),
            "REF" if place == Where::Payee && seg.el(1) == "TJ" && remit.payee_tax_id.is_empty() => {
                remit.payee_tax_id = seg.el(2).to_string();
            }
            "LX" => {
                if !payer_seen {
                    return Err(missing(
                        "N1*PR",
                        "payer identification (1000A) must come before the claims",
                        seg.position,
                    ));
                }
                if !payee_seen {
                    return Err(missing(
                        "N1*PE",
                        "payee identification (1000B) must come before the claims",
                        seg.position,
                    ));
                }
                place = Where::Header;
            }
            "CLP" => {
                if !payer_seen || !payee_seen {
                    let which = if payer_seen { "N1*PE" } else { "N1*PR" };
                    return Err(missing(
                        which,
                        "payer and payee identification must come before the claims",
                        seg.position,
                    ));
                }
                finish_claim(&mut remit, &mut insured_id);
                place = Where::Claim;
                if seg.el(1).is_empty() {
                    return Err(X12Error::MissingElement { element: "CLP01".into(), at: seg.position });
                }
                if seg.el(2).is_empty() {
                    return Err(X12Error::MissingElement { element: "CLP02".into(), at: seg.position });
                }
                remit.claims.push(ClaimPayment {
                    adjudication: ClaimAdjudication {
                        control_number: seg.el(1).to_string(),
                        status_code: seg.el(2).to_string(),
                        charge: required_amount(seg, 3)?,
                        paid: required_amount(seg, 4)?,
                        patient_responsibility: amount_or_zero(seg, 5)?,
                        payer_claim_number: seg.el(7).to_string(),
                        adjustments: Vec::new(),
                        remarks: Vec::new(),
                        crossover_payer: None,
                        lines: Vec::new(),
                    },
                    patient_name: String::new(),
                    member_id: String::new(),
                });
                // NM1*QC is required in every claim: look ahead within this claim.
                let has_qc = segs[i + 1..]
                    .iter()
                    .take_while(|s| !matches!(s.id, "CLP" | "SVC" | "SE" | "PLB" | "LX"))
                    .any(|s| s.id == "NM1" && s.el(1) == "QC");
                if !has_qc {
                    return Err(missing("NM1*QC", &format!("patient name of claim {}", seg.el(1)), seg.position + 1));
                }
            }
            "CAS" if place == Where::Claim => {
                let adj = cas(seg)?;
                if let Some(c) = remit.claims.last_mut() {
                    c.adjudication.adjustments.extend(adj);
                }
            }
            "CAS" if place == Where::Line => {
                let adj = cas(seg)?;
                if let Some(l) = remit.claims.last_mut().and_then(|c| c.adjudication.lines.last_mut()) {
                    l.adjustments.extend(adj);
                }
            }
            "NM1" if place == Where::Claim => {
                if let Some(c) = remit.claims.last_mut() {
                    match seg.el(1) {
                        "QC" => {
                            c.patient_name = if seg.el(4).is_empty() {
                                seg.el(3).to_string()
                            } else {
                                format!("{}, {}", seg.el(3), seg.el(4))
                            };
                            if c.member_id.is_empty() {
                                c.member_id = seg.el(9).to_string();
                            }
                        }
                        "IL" if !seg.el(9).is_empty() => insured_id = Some(seg.el(9).to_string()),
                        "TT" => c.adjudication.crossover_payer = Some(seg.el(3).to_string()),
                        _ => {}
                    }
                }
            }
            "MOA" if place == Where::Claim => {
                if let Some(c) = remit.claims.last_mut() {
                    for n in 3..=7 {
                        if !seg.el(n).is_empty() {
                            c.adjudication.remarks.push(seg.el(n).to_string());
                        }
                    }
                }
            }
            "SVC" if matches!(place, Where::Claim | Where::Line) => {
                place = Where::Line;
                let parts = seg.components(1);
                let procedure = parts.get(1).copied().unwrap_or("");
                if procedure.is_empty() {
                    return Err(X12Error::MissingElement { element: "SVC01-2".into(), at: seg.position });
                }
                let modifiers: Vec<String> =
                    parts.iter().skip(2).take(4).filter(|m| !m.is_empty()).map(|m| m.to_string()).collect();
                let submitted = seg.comp(6, 2);
                let line = LineAdjudication {
                    procedure: procedure.to_string(),
                    modifiers,
                    charge: required_amount(seg, 2)?,
                    paid: required_amount(seg, 3)?,
                    units: whole(seg, 5)?,
                    submitted_procedure: (!submitted.is_empty()).then(|| submitted.to_string()),
                    service_date: None,
                    line_control_number: None,
                    adjustments: Vec::new(),
                    remarks: Vec::new(),
                    allowed: None,
                };
                if let Some(c) = remit.claims.last_mut() {
                    c.adjudication.lines.push(line);
                }
            }
            "DTM" if place == Where::Line => {
                if matches!(seg.el(1), "472" | "150") {
                    let d = date(seg, 2)?;
                    if let Some(l) = remit.claims.last_mut().and_then(|c| c.adjudication.lines.last_mut()) {
                        l.service_date = Some(d);
                    }
                }
            }
            "REF" if place == Where::Line && seg.el(1) == "6R" => {
                if let Some(l) = remit.claims.last_mut().and_then(|c| c.adjudication.lines.last_mut()) {
                    l.line_control_number = Some(seg.el(2).to_string());
                }
            }
            "AMT" if place == Where::Line && seg.el(1) == "B6" => {
                let a = required_amount(seg, 2)?;
                if let Some(l) = remit.claims.last_mut().and_then(|c| c.adjudication.lines.last_mut()) {
                    l.allowed = Some(a);
                }
            }
            "LQ" if place == Where::Line && seg.el(1) == "HE" => {
                if let Some(l) = remit.claims.last_mut().and_then(|c| c.adjudication.lines.last_mut()) {
                    if !seg.el(2).is_empty() {
                        l.remarks.push(seg.el(2).to_string());
                    }
                }
            }
            "PLB" => {
                finish_claim(&mut remit, &mut insured_id);
                place = Where::Footer;
                for k in 0..6 {
                    let r = 3 + 2 * k;
                    if seg.el(r).is_empty() {
                        if !seg.el(r + 1).is_empty() {
                            return Err(X12Error::MissingElement { element: seg.name(r), at: seg.position });
                        }
                        continue;
                    }
                    remit.provider_adjustments.push(ProviderAdjustment {
                        reason: seg.comp(r, 1).to_string(),
                        reference: seg.comp(r, 2).to_string(),
                        amount: required_amount(seg, r + 1)?,
                    });
                }
            }
            "SE" => {
                finish_claim(&mut remit, &mut insured_id);
                let counted = seg.position - st.position + 1;
                if seg.el(1) != counted.to_string() {
                    return Err(X12Error::CountMismatch(format!(
                        "SE01 says {} segments, the transaction set has {counted} (segment {})",
                        seg.el(1),
                        seg.position
                    )));
                }
                if seg.el(2) != st02 {
                    return Err(X12Error::CountMismatch(format!(
                        "SE02 {:?} does not match ST02 {st02:?} (segment {})",
                        seg.el(2),
                        seg.position
                    )));
                }
                if !trn_seen {
                    return Err(missing("TRN", "reassociation trace number (check/EFT number)", st.position + 2));
                }
                if !payer_seen {
                    return Err(missing("N1*PR", "payer identification (1000A)", seg.position));
                }
                if !payee_seen {
                    return Err(missing("N1*PE", "payee identification (1000B)", seg.position));
                }
                remit.payer_id = payer_ref_id.unwrap_or(trn03);
                return Ok((remit, i + 1));
            }
            "ST" | "GE" | "IEA" | "GS" | "ISA" => {
                return Err(missing("SE", &format!("{} found before the 835's SE", seg.id), seg.position));
            }
            _ => {}
        }
        i += 1;
    }
}

fn finish_claim(remit: &mut Remittance, insured_id: &mut Option<String>) {
    if let (Some(c), Some(id)) = (remit.claims.last_mut(), insured_id.take()) {
        c.member_id = id;
    }
}

/// The balancing checks to pass before posting; empty when the remittance balances.
///
/// Per line: SVC02 - SVC03 = sum of the line's CAS. Per claim: CLP03 - CLP04 = sum of every
/// CAS of the claim (claim and line level). Per payment: BPR02 = sum of CLP04 - sum of PLB.
pub fn balance_problems(r: &Remittance) -> Vec<String> {
    let mut problems = Vec::new();
    for c in r.claims.iter().map(|c| &c.adjudication) {
        let mut all_cas = c.adjustments.iter().map(|a| a.amount).sum::<Money>();
        for (i, l) in c.lines.iter().enumerate() {
            let cas: Money = l.adjustments.iter().map(|a| a.amount).sum();
            all_cas = all_cas + cas;
            let expected = l.charge - l.paid;
            if expected != cas {
                problems.push(format!(
                    "claim {} line {} ({}): charge {} - paid {} = {} but its adjustments total {}",
                    c.control_number,
                    i + 1,
                    l.procedure,
                    l.charge,
                    l.paid,
                    expected,
                    cas
                ));
            }
        }
        let expected = c.charge - c.paid;
        if expected != all_cas {
            problems.push(format!(
                "claim {}: charge {} - paid {} = {} but its adjustments (claim and lines) total {}",
                c.control_number, c.charge, c.paid, expected, all_cas
            ));
        }
    }
    let paid: Money = r.claims.iter().map(|c| c.adjudication.paid).sum();
    let plb: Money = r.provider_adjustments.iter().map(|p| p.amount).sum();
    let expected = paid - plb;
    if expected != r.total_paid {
        problems.push(format!(
            "payment {}: BPR02 is {} but claims paid {} - provider adjustments {} = {}",
            r.check_or_eft_number, r.total_paid, paid, plb, expected
        ));
    }
    problems
}

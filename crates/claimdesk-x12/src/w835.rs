//! The 835 writer (005010X221A1): one [`Remittance`] out as an interchange, for the demo's
//! sample files, benchmarks and tests. What [`crate::parse_835`] keeps of the result is the
//! remittance given (round trip); the rest comes from the [`Envelope`] (ISA/GS) and the
//! [`RemitDetails`] (payer address and contact, payee name, CLP06), or is made up (the PLB
//! fiscal date, bank accounts).

use crate::envelope::{Envelope, Usage};
use crate::error::X12Error;
use crate::r835::{ClaimPayment, Remittance};
use chrono::{Datelike, NaiveDate};
use claimdesk_core::posting::{CasAdjustment, LineAdjudication};
use claimdesk_core::{Address, Money};
use std::fmt::Write as _;

const ELEMENT: char = '*';
const COMPONENT: char = ':';
const REPETITION: char = '^';
const TERMINATOR: &str = "~\n";

/// What an 835 says that the [`Remittance`] does not keep: more about the payer and the
/// payee, and the claims' filing indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemitDetails {
    /// TRN03: "1" followed by the payer's 9-digit tax ID (10 characters).
    pub payer_trn_id: String,
    /// 1000A N3/N4.
    pub payer_address: Address,
    /// 1000A PER*BL telephone (the payer's technical contact).
    pub payer_phone: String,
    /// 1000B N102.
    pub payee_name: String,
    /// CLP06 (12 PPO, MB Medicare Part B, MC Medicaid, WC workers' comp, ...).
    pub claim_filing_indicator: String,
}

/// Element text: separators and control characters become spaces (case is kept).
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() || matches!(c, ELEMENT | COMPONENT | REPETITION | '~') { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

fn d8(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// An X12 amount: `125.00`, `-25.00`, `0`.
fn amt(m: Money) -> String {
    if m.is_zero() {
        "0".into()
    } else {
        m.to_string()
    }
}

struct Writer {
    out: String,
    count: usize,
}

impl Writer {
    /// Elements already formatted; trailing empty elements are dropped (no `*~`).
    fn seg<S: AsRef<str>>(&mut self, id: &str, elements: &[S]) {
        let last = elements.iter().rposition(|e| !e.as_ref().is_empty()).map_or(0, |i| i + 1);
        self.out.push_str(id);
        for e in &elements[..last] {
            self.out.push(ELEMENT);
            self.out.push_str(e.as_ref());
        }
        self.out.push_str(TERMINATOR);
        self.count += 1;
    }
}

fn invalid_claim(c: &ClaimPayment, problem: impl Into<String>) -> X12Error {
    X12Error::InvalidClaim { control_number: c.adjudication.control_number.clone(), problem: problem.into() }
}

fn check(e: &Envelope, d: &RemitDetails, r: &Remittance) -> Result<(), X12Error> {
    let bad = |m: &str| Err(X12Error::InvalidEnvelope(m.to_string()));
    for (name, v) in [("sender ID (ISA06)", &e.sender_id), ("receiver ID (ISA08)", &e.receiver_id)] {
        let t = clean(v);
        if t.is_empty() || t.len() > 15 {
            return Err(X12Error::InvalidEnvelope(format!("{name} must be 1 to 15 characters")));
        }
    }
    if clean(&e.sender_qualifier).len() != 2 || clean(&e.receiver_qualifier).len() != 2 {
        return bad("ISA05 and ISA07 qualifiers must be 2 characters, e.g. ZZ");
    }
    if !(1..=999_999_999).contains(&e.interchange_control_number)
        || !(1..=999_999_999).contains(&e.group_control_number)
    {
        return bad("control numbers must be 1 to 999999999");
    }
    if d.payer_trn_id.len() != 10 || !d.payer_trn_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return bad("TRN03 must be 10 characters: 1 and the payer's 9-digit tax ID");
    }
    if clean(&d.payer_address.line1).is_empty() || clean(&d.payer_address.city).is_empty() {
        return bad("the payer needs an address (N3/N4)");
    }
    if clean(&d.payee_name).is_empty() {
        return bad("the payee needs a name (N1*PE)");
    }
    if clean(&d.claim_filing_indicator).is_empty() {
        return bad("the claim filing indicator (CLP06) is required");
    }
    if clean(&r.transaction_set_control_number).len() < 4 || clean(&r.transaction_set_control_number).len() > 9 {
        return bad("the transaction set control number (ST02) must be 4 to 9 characters");
    }
    if clean(&r.payer_name).is_empty() || clean(&r.payer_id).is_empty() {
        return bad("the remittance needs a payer name and payer ID (N1*PR, REF*2U)");
    }
    if clean(&r.payee_npi).is_empty() && clean(&r.payee_tax_id).is_empty() {
        return bad("the payee needs an NPI or a tax ID (N1*PE)");
    }
    if clean(&r.check_or_eft_number).is_empty() {
        return bad("the check or EFT trace number (TRN02) is required");
    }
    if r.transaction_handling.is_empty() || r.payment_method.is_empty() {
        return bad("BPR01 (handling) and BPR04 (payment method) are required");
    }
    for c in &r.claims {
        let a = &c.adjudication;
        if clean(&a.control_number).is_empty() || a.status_code.is_empty() {
            return Err(invalid_claim(c, "CLP01 and CLP02 are required"));
        }
        if a.remarks.len() > 5 {
            return Err(invalid_claim(c, "at most 5 claim remark codes fit in MOA"));
        }
        if c.patient_name.trim().is_empty() {
            return Err(invalid_claim(c, "the patient name (NM1*QC) is required"));
        }
        for l in &a.lines {
            if clean(&l.procedure).is_empty() {
                return Err(invalid_claim(c, "a service line without a procedure code (SVC01-2)"));
            }
            if l.modifiers.len() > 4 {
                return Err(invalid_claim(c, format!("line {}: at most 4 modifiers", l.procedure)));
            }
        }
    }
    Ok(())
}

/// CAS segments: one per run of the same group, up to six (reason, amount, quantity) triples
/// each, keeping the order of `list`.
fn cas(w: &mut Writer, list: &[CasAdjustment]) {
    let mut i = 0;
    while i < list.len() {
        let group = &list[i].group;
        let run = list[i..].iter().take_while(|a| &a.group == group).count().min(6);
        let mut el = vec![clean(group)];
        for a in &list[i..i + run] {
            el.push(clean(&a.reason));
            el.push(amt(a.amount));
            el.push(a.quantity.map(|q| q.to_string()).unwrap_or_default());
        }
        w.seg("CAS", &el);
        i += run;
    }
}

fn procedure(code: &str, modifiers: &[String]) -> String {
    let mut s = format!("HC{COMPONENT}{}", clean(code));
    for m in modifiers {
        s.push(COMPONENT);
        s.push_str(&clean(m));
    }
    s
}

fn line(w: &mut Writer, l: &LineAdjudication) {
    let units = l.units.map(|u| u.to_string()).unwrap_or_default();
    let submitted = l.submitted_procedure.as_deref().map(|p| procedure(p, &[])).unwrap_or_default();
    w.seg("SVC", &[procedure(&l.procedure, &l.modifiers), amt(l.charge), amt(l.paid), String::new(), units, submitted]);
    if let Some(d) = l.service_date {
        w.seg("DTM", &["472".to_string(), d8(d)]);
    }
    cas(w, &l.adjustments);
    if let Some(lcn) = l.line_control_number.as_deref().filter(|s| !s.is_empty()) {
        w.seg("REF", &["6R", &clean(lcn)]);
    }
    if let Some(a) = l.allowed {
        w.seg("AMT", &["B6".to_string(), amt(a)]);
    }
    for r in &l.remarks {
        w.seg("LQ", &["HE", &clean(r)]);
    }
}

fn claim(w: &mut Writer, payment: &ClaimPayment, filing: &str) {
    let c = &payment.adjudication;
    w.seg(
        "CLP",
        &[
            clean(&c.control_number),
            clean(&c.status_code),
            amt(c.charge),
            amt(c.paid),
            amt(c.patient_responsibility),
            clean(filing),
            clean(&c.payer_claim_number),
            "11".into(),
            "1".into(),
        ],
    );
    cas(w, &c.adjustments);
    let (last, first) = payment.patient_name.split_once(", ").unwrap_or((&payment.patient_name, ""));
    let member = clean(&payment.member_id);
    let qualifier = if member.is_empty() { "" } else { "MI" };
    w.seg("NM1", &["QC", "1", &clean(last), &clean(first), "", "", "", qualifier, &member]);
    if let Some(next) = &c.crossover_payer {
        // NM109 is required; the remittance keeps only the name, so the id is made from it.
        let id: String = next.chars().filter(|c| c.is_ascii_alphanumeric()).take(80).collect::<String>().to_uppercase();
        w.seg("NM1", &["TT", "2", &clean(next), "", "", "", "", "PI", &id]);
    }
    if !c.remarks.is_empty() {
        let mut el = vec![String::new(), String::new()];
        el.extend(c.remarks.iter().map(|r| clean(r)));
        w.seg("MOA", &el);
    }
    for l in &c.lines {
        line(w, l);
    }
}

/// Writes one remittance as a 005010X221A1 interchange (one group, one transaction set).
///
/// Refuses (with the field named) an envelope or remittance that would not make a valid 835:
/// missing trace number, payer or payee identification, patient names, procedure codes, or
/// more remark codes or modifiers than the segments hold. Separators inside text become spaces.
pub fn write_835(envelope: &Envelope, details: &RemitDetails, remittance: &Remittance) -> Result<String, X12Error> {
    check(envelope, details, remittance)?;
    let e = envelope;
    let d = details;
    let r = remittance;
    let mut w = Writer { out: String::with_capacity(512 + r.claims.len() * 600), count: 0 };
    let isa13 = format!("{:09}", e.interchange_control_number);
    let usage = match e.usage {
        Usage::Production => "P",
        Usage::Test => "T",
    };
    w.seg(
        "ISA",
        &[
            "00".to_string(),
            " ".repeat(10),
            "00".to_string(),
            " ".repeat(10),
            clean(&e.sender_qualifier),
            format!("{:<15}", clean(&e.sender_id)),
            clean(&e.receiver_qualifier),
            format!("{:<15}", clean(&e.receiver_id)),
            e.created.format("%y%m%d").to_string(),
            e.created.format("%H%M").to_string(),
            REPETITION.to_string(),
            "00501".to_string(),
            isa13.clone(),
            "0".to_string(),
            usage.to_string(),
            COMPONENT.to_string(),
        ],
    );
    let date8 = e.created.format("%Y%m%d").to_string();
    let time = e.created.format("%H%M").to_string();
    let gs06 = e.group_control_number.to_string();
    w.seg("GS", &["HP", &clean(&e.sender_id), &clean(&e.receiver_id), &date8, &time, &gs06, "X", crate::VERSION_835]);
    w.count = 0;
    let st02 = clean(&r.transaction_set_control_number);
    w.seg("ST", &["835", &st02]);
    let credit = if r.total_paid.is_negative() { "D" } else { "C" };
    let mut bpr = vec![clean(&r.transaction_handling), amt(r.total_paid), credit.into(), clean(&r.payment_method)];
    if r.payment_method == "ACH" {
        // Sender and receiver bank accounts (made up: the writer serves samples and tests).
        for v in
            ["CCP", "01", "111000025", "DA", "0000000001", &d.payer_trn_id, "", "01", "111000025", "DA", "0000000002"]
        {
            bpr.push(v.to_string());
        }
    } else {
        bpr.resize(15, String::new());
    }
    bpr.push(d8(r.payment_date));
    w.seg("BPR", &bpr);
    w.seg("TRN", &["1", &clean(&r.check_or_eft_number), &clean(&d.payer_trn_id)]);
    w.seg("REF", &["EV", &clean(&e.receiver_id)]);
    w.seg("DTM", &["405", &date8]);
    w.seg("N1", &["PR", &clean(&r.payer_name)]);
    let a = &d.payer_address;
    w.seg("N3", &[clean(&a.line1), clean(&a.line2)]);
    w.seg("N4", &[clean(&a.city), clean(&a.state), clean(&a.zip)]);
    w.seg("REF", &["2U", &clean(&r.payer_id)]);
    let phone: String = d.payer_phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if phone.is_empty() {
        w.seg("PER", &["BL", "EDI SUPPORT", "EM", "edi@example.com"]);
    } else {
        w.seg("PER", &["BL", "EDI SUPPORT", "TE", &phone]);
    }
    let (npi, tax) = (clean(&r.payee_npi), clean(&r.payee_tax_id));
    if npi.is_empty() {
        w.seg("N1", &["PE", &clean(&d.payee_name), "FI", &tax]);
    } else {
        w.seg("N1", &["PE", &clean(&d.payee_name), "XX", &npi]);
        if !tax.is_empty() {
            w.seg("REF", &["TJ", &tax]);
        }
    }
    if !r.claims.is_empty() {
        w.seg("LX", &["1"]);
        for c in &r.claims {
            claim(&mut w, c, &d.claim_filing_indicator);
        }
    }
    if !r.provider_adjustments.is_empty() {
        let provider = if npi.is_empty() { tax } else { npi };
        let fiscal = NaiveDate::from_ymd_opt(r.payment_date.year(), 12, 31).map(d8).unwrap_or_default();
        for chunk in r.provider_adjustments.chunks(6) {
            let mut el = vec![provider.clone(), fiscal.clone()];
            for p in chunk {
                let reference = clean(&p.reference);
                let code = if reference.is_empty() {
                    clean(&p.reason)
                } else {
                    format!("{}{COMPONENT}{reference}", clean(&p.reason))
                };
                el.push(code);
                el.push(amt(p.amount));
            }
            w.seg("PLB", &el);
        }
    }
    let count = w.count + 1;
    let _ = write!(w.out, "SE{ELEMENT}{count}{ELEMENT}{st02}{TERMINATOR}");
    let _ = write!(w.out, "GE{ELEMENT}1{ELEMENT}{gs06}{TERMINATOR}");
    let _ = write!(w.out, "IEA{ELEMENT}1{ELEMENT}{isa13}{TERMINATOR}");
    Ok(w.out)
}

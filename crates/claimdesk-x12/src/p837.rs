//! The 837P writer (005010X222A1): claims in, one interchange out.
//!
//! Layout: one ISA/GS; one ST per billing provider (claims are grouped by the practice's NPI
//! and tax ID, first appearance first), numbered from `first_transaction_set_number`; in
//! each ST one 2000A billing provider HL, then per claim a 2000B subscriber HL (and a 2000C
//! patient HL when the patient is not the subscriber) holding the 2300 claim.

use crate::envelope::{Envelope, Usage};
use crate::error::X12Error;
use chrono::NaiveDate;
use claimdesk_core::address::Address;
use claimdesk_core::claims::{ClaimData, OtherCoverage};
use claimdesk_core::patients::{Person, Policy, Relationship};
use claimdesk_core::posting::{CasAdjustment, PriorPayment};
use claimdesk_core::practice::{BillingEntity, TaxIdKind};
use claimdesk_core::providers::{Payer, PayerKind, Provider};
use claimdesk_core::Money;

const ELEMENT: char = '*';
const COMPONENT: char = ':';
const REPETITION: char = '^';
const TERMINATOR: &str = "~\n";
/// The 837P implementation guide recommends at most 5,000 claims per transaction set.
pub const MAX_CLAIMS_PER_SET: usize = 5000;

/// Who sends the file (loop 1000A): the practice or its billing service, as enrolled with
/// the clearinghouse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitter {
    pub name: String,
    /// ETIN / submitter ID assigned by the receiver.
    pub id: String,
    pub contact_name: String,
    pub contact_phone: String,
}

/// Who receives the file (loop 1000B): the clearinghouse or payer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receiver {
    pub name: String,
    pub id: String,
}

/// For a secondary (or tertiary) claim: the earlier payer and what it paid (loops
/// 2320/2330A/2330B/2430; each 2430 is dated with the payment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrimaryAdjudication {
    pub payer: Payer,
    pub policy: Policy,
    pub subscriber: Person,
    pub payment: PriorPayment,
}

/// One claim to put in the file.
#[derive(Debug, Clone)]
pub struct ClaimToSend<'a> {
    pub claim: &'a ClaimData,
    /// REF*6R per line, in line order; empty = none sent. When given, one per line.
    pub line_control_numbers: Vec<String>,
    pub primary: Option<PrimaryAdjudication>,
    /// What the patient has paid on these services (2300 AMT*F5 when more than zero).
    pub patient_paid: Money,
}

/// Element text as X12 wants it: upper case, no separators, no control characters, single spaces.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        let c = if c.is_control() || matches!(c, ELEMENT | COMPONENT | REPETITION | '~') { ' ' } else { c };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        // X12 basic/extended character set: keep ASCII; anything else becomes a space-free '?'-less drop.
        if c.is_ascii() {
            out.push(c.to_ascii_uppercase());
        }
    }
    out
}

fn digits(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_digit()).collect()
}

fn d8(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// Writes segments and counts them per transaction set.
struct Writer {
    out: String,
    count: usize,
}

impl Writer {
    /// Elements are cleaned; trailing empty elements are dropped (no `*~`).
    fn seg(&mut self, id: &str, elements: &[&str]) {
        let cleaned: Vec<String> = elements.iter().map(|e| clean(e)).collect();
        self.raw(id, &cleaned);
    }

    /// Elements already formatted (composites with their `:`); still trimmed of trailing empties.
    fn raw<S: AsRef<str>>(&mut self, id: &str, elements: &[S]) {
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

/// Joins cleaned components with `:`, dropping trailing empty ones.
fn composite(parts: &[&str]) -> String {
    let cleaned: Vec<String> = parts.iter().map(|p| clean(p)).collect();
    let last = cleaned.iter().rposition(|p| !p.is_empty()).map_or(0, |i| i + 1);
    cleaned[..last].join(&COMPONENT.to_string())
}

fn invalid(claim: &ClaimData, problem: impl Into<String>) -> X12Error {
    let control_number = if claim.control_number.trim().is_empty() {
        format!("(no control number, patient {} {})", claim.patient.first_name, claim.patient.last_name)
    } else {
        claim.control_number.trim().to_string()
    };
    X12Error::InvalidClaim { control_number, problem: problem.into() }
}

fn rank_code(rank: u8) -> Option<&'static str> {
    match rank {
        1 => Some("P"),
        2 => Some("S"),
        3 => Some("T"),
        _ => None,
    }
}

/// SBR02 / PAT01 individual relationship code.
fn relationship_code(r: Relationship) -> &'static str {
    match r {
        Relationship::Itself => "18",
        Relationship::Spouse => "01",
        Relationship::Child => "19",
        Relationship::Other => "G8",
    }
}

fn write_address(w: &mut Writer, a: &Address) {
    w.seg("N3", &[&a.line1, &a.line2]);
    w.seg("N4", &[&a.city, &a.state, &digits(&a.zip)]);
}

fn person_nm1(w: &mut Writer, code: &str, last: &str, first: &str, middle: &str, qual: &str, id: &str) {
    let (q, i) = if id.trim().is_empty() { ("", "") } else { (qual, id) };
    w.seg("NM1", &[code, "1", last, first, middle, "", "", q, i]);
}

fn org_nm1(w: &mut Writer, code: &str, name: &str, qual: &str, id: &str) {
    let (q, i) = if id.trim().is_empty() { ("", "") } else { (qual, id) };
    w.seg("NM1", &[code, "2", name, "", "", "", "", q, i]);
}

fn write_cas(w: &mut Writer, adjustments: &[CasAdjustment]) {
    // One CAS per group code, in first-seen order, up to 6 (reason, amount, quantity) triples each.
    let mut groups: Vec<&str> = Vec::new();
    for a in adjustments {
        if !groups.contains(&a.group.as_str()) {
            groups.push(&a.group);
        }
    }
    for g in groups {
        let items: Vec<&CasAdjustment> = adjustments.iter().filter(|a| a.group == g).collect();
        for chunk in items.chunks(6) {
            let mut els: Vec<String> = vec![clean(g)];
            for a in chunk {
                els.push(clean(&a.reason));
                els.push(a.amount.to_string());
                els.push(a.quantity.map(|q| q.to_string()).unwrap_or_default());
            }
            w.raw("CAS", &els);
        }
    }
}

fn check_adjustments(claim: &ClaimData, adjustments: &[CasAdjustment], where_: &str) -> Result<(), X12Error> {
    for a in adjustments {
        let g = a.group.trim().to_ascii_uppercase();
        if !matches!(g.as_str(), "CO" | "PR" | "OA" | "PI" | "CR") {
            return Err(invalid(claim, format!("{where_}: adjustment group {:?} is not CO, PR, OA or PI", a.group)));
        }
        if a.reason.trim().is_empty() {
            return Err(invalid(claim, format!("{where_}: an adjustment has no reason code")));
        }
    }
    Ok(())
}

/// Checks what the 837P needs from one claim; returns nothing or the first problem.
fn validate(c: &ClaimToSend) -> Result<(), X12Error> {
    let claim = c.claim;
    if claim.control_number.trim().is_empty() {
        return Err(invalid(claim, "the claim has no control number (CLM01)"));
    }
    if clean(&claim.control_number).len() > 20 {
        return Err(invalid(claim, "the control number is longer than 20 characters (CLM01)"));
    }
    if claim.visit.lines.is_empty() {
        return Err(invalid(claim, "the claim has no service lines"));
    }
    if claim.visit.lines.len() > 50 {
        return Err(invalid(claim, "the claim has more than 50 service lines (split it)"));
    }
    if rank_code(claim.payer_rank).is_none() {
        return Err(invalid(claim, format!("payer rank {} is not 1, 2 or 3", claim.payer_rank)));
    }
    if claim.payer.payer_id.trim().is_empty() {
        return Err(invalid(claim, format!("payer {:?} has no electronic payer ID", claim.payer.name)));
    }
    if claim.policy.member_id.trim().is_empty() {
        return Err(invalid(claim, "the policy has no member ID"));
    }
    if claim.practice.npi.trim().is_empty() || claim.practice.tax_id.trim().is_empty() {
        return Err(invalid(claim, "the billing provider needs an NPI and a tax ID"));
    }
    let dx = claim.visit.diagnoses.len();
    if dx == 0 {
        return Err(invalid(claim, "the claim has no diagnosis (HI)"));
    }
    if dx > 12 {
        return Err(invalid(claim, "the claim has more than 12 diagnoses"));
    }
    let pos = claim.visit.place_of_service.trim();
    if pos.len() != 2 || !pos.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid(claim, format!("place of service {pos:?} is not a 2-digit code")));
    }
    if matches!(claim.frequency.code(), "7" | "8") && claim.original_reference.trim().is_empty() {
        return Err(invalid(claim, "a replacement or void needs the payer's original claim number (REF*F8)"));
    }
    if claim.relationship() != Relationship::Itself && claim.patient.birth_date.is_none() {
        return Err(invalid(claim, "the patient's birth date is required (2010CA DMG)"));
    }
    let lines_total = claim.lines_total();
    if lines_total != claim.total_charge {
        return Err(invalid(
            claim,
            format!("the claim total {} does not equal the sum of its lines {}", claim.total_charge, lines_total),
        ));
    }
    if !c.line_control_numbers.is_empty() && c.line_control_numbers.len() != claim.visit.lines.len() {
        return Err(invalid(
            claim,
            format!(
                "{} line control numbers given for {} lines",
                c.line_control_numbers.len(),
                claim.visit.lines.len()
            ),
        ));
    }
    for (i, l) in claim.visit.lines.iter().enumerate() {
        let n = i + 1;
        if l.code.trim().is_empty() {
            return Err(invalid(claim, format!("line {n} has no procedure code")));
        }
        if l.modifiers.iter().filter(|m| !m.trim().is_empty()).count() > 4 {
            return Err(invalid(claim, format!("line {n} has more than 4 modifiers")));
        }
        if l.pointers.is_empty() || l.pointers.len() > 4 {
            return Err(invalid(claim, format!("line {n} needs 1 to 4 diagnosis pointers")));
        }
        if let Some(p) = l.pointers.iter().find(|&&p| p == 0 || usize::from(p) > dx) {
            return Err(invalid(claim, format!("line {n} points to diagnosis {p}, but the claim has {dx}")));
        }
        if l.units == 0 {
            return Err(invalid(claim, format!("line {n} has 0 units")));
        }
        if l.charge.is_negative() {
            return Err(invalid(claim, format!("line {n} has a negative charge")));
        }
        if l.service_from.or(claim.visit.service_date).is_none() {
            return Err(invalid(claim, format!("line {n} has no date of service")));
        }
    }
    if let Some(p) = &c.primary {
        if claim.payer_rank < 2 {
            return Err(invalid(claim, "prior payer adjudication was given for a primary claim"));
        }
        if p.payer.payer_id.trim().is_empty() {
            return Err(invalid(claim, format!("prior payer {:?} has no payer ID", p.payer.name)));
        }
        if p.policy.member_id.trim().is_empty() {
            return Err(invalid(claim, "the prior payer's policy has no member ID"));
        }
        check_adjustments(claim, &p.payment.claim_adjustments, "prior payer claim adjustments")?;
        for la in &p.payment.lines {
            if la.line_number == 0 || la.line_number > claim.visit.lines.len() {
                return Err(invalid(claim, format!("prior payer adjudication names line {}", la.line_number)));
            }
            check_adjustments(claim, &la.adjustments, &format!("prior payer line {}", la.line_number))?;
        }
    }
    Ok(())
}

fn check_envelope(e: &Envelope, s: &Submitter, r: &Receiver) -> Result<(), X12Error> {
    let bad = |m: String| Err(X12Error::InvalidEnvelope(m));
    for (name, v) in [("sender ID (ISA06)", &e.sender_id), ("receiver ID (ISA08)", &e.receiver_id)] {
        let t = clean(v);
        if t.is_empty() || t.len() > 15 {
            return bad(format!("{name} must be 1 to 15 characters"));
        }
    }
    for (name, v) in
        [("sender qualifier (ISA05)", &e.sender_qualifier), ("receiver qualifier (ISA07)", &e.receiver_qualifier)]
    {
        if clean(v).len() != 2 {
            return bad(format!("{name} must be 2 characters, e.g. ZZ"));
        }
    }
    if e.interchange_control_number == 0 || e.interchange_control_number > 999_999_999 {
        return bad("interchange control number must be 1 to 999999999".into());
    }
    if e.group_control_number == 0 || e.group_control_number > 999_999_999 {
        return bad("group control number must be 1 to 999999999".into());
    }
    if e.first_transaction_set_number == 0 {
        return bad("transaction set numbers start at 1".into());
    }
    if clean(&s.name).is_empty() || clean(&s.id).is_empty() {
        return bad("the submitter needs a name and an ID (ETIN)".into());
    }
    if digits(&s.contact_phone).len() < 10 {
        return bad("the submitter contact needs a 10-digit phone number".into());
    }
    if clean(&r.name).is_empty() || clean(&r.id).is_empty() {
        return bad("the receiver needs a name and an ID".into());
    }
    Ok(())
}

/// Writes one 837P interchange holding `claims`.
///
/// Every claim is checked first; the first problem is returned naming the claim, and nothing
/// is written.
pub fn write_837p(
    envelope: &Envelope,
    submitter: &Submitter,
    receiver: &Receiver,
    claims: &[ClaimToSend],
) -> Result<String, X12Error> {
    check_envelope(envelope, submitter, receiver)?;
    if claims.is_empty() {
        return Err(X12Error::InvalidEnvelope("no claims to send".into()));
    }
    for c in claims {
        validate(c)?;
    }
    // Group claims by billing provider, keeping first-appearance order; a group larger than
    // the implementation guide's recommended 5,000 claims per transaction set is split.
    let mut by_provider: Vec<(String, Vec<&ClaimToSend>)> = Vec::new();
    for c in claims {
        let key = format!("{}|{}", digits(&c.claim.practice.npi), digits(&c.claim.practice.tax_id));
        match by_provider.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(c),
            None => by_provider.push((key, vec![c])),
        }
    }
    let groups: Vec<(String, Vec<&ClaimToSend>)> = by_provider
        .into_iter()
        .flat_map(|(k, v)| v.chunks(MAX_CLAIMS_PER_SET).map(|ch| (k.clone(), ch.to_vec())).collect::<Vec<_>>())
        .collect();

    let e = envelope;
    let mut w = Writer { out: String::with_capacity(claims.len() * 1200 + 512), count: 0 };
    let date6 = e.created.format("%y%m%d").to_string();
    let date8 = e.created.format("%Y%m%d").to_string();
    let time = e.created.format("%H%M").to_string();
    let isa13 = format!("{:09}", e.interchange_control_number);
    let isa = [
        "00".to_string(),
        " ".repeat(10),
        "00".to_string(),
        " ".repeat(10),
        clean(&e.sender_qualifier),
        format!("{:<15}", clean(&e.sender_id)),
        clean(&e.receiver_qualifier),
        format!("{:<15}", clean(&e.receiver_id)),
        date6,
        time.clone(),
        REPETITION.to_string(),
        "00501".to_string(),
        isa13.clone(),
        "0".to_string(),
        match e.usage {
            Usage::Production => "P",
            Usage::Test => "T",
        }
        .to_string(),
        COMPONENT.to_string(),
    ];
    w.raw("ISA", &isa);
    let gs06 = e.group_control_number.to_string();
    w.seg("GS", &["HC", &e.sender_id, &e.receiver_id, &date8, &time, &gs06, "X", crate::VERSION_837P]);

    let mut st_number = e.first_transaction_set_number;
    for (_, group) in &groups {
        let st02 = format!("{st_number:04}");
        w.count = 0;
        w.seg("ST", &["837", &st02, crate::VERSION_837P]);
        let bht03 = format!("{}{}", e.interchange_control_number, st02);
        w.seg("BHT", &["0019", "00", &bht03, &date8, &time, "CH"]);
        org_nm1(&mut w, "41", &submitter.name, "46", &submitter.id);
        w.seg("PER", &["IC", &submitter.contact_name, "TE", &digits(&submitter.contact_phone)]);
        org_nm1(&mut w, "40", &receiver.name, "46", &receiver.id);

        let first = group[0].claim;
        let mut hl = 1usize;
        write_billing_provider(&mut w, first);
        for c in group {
            hl = write_claim(&mut w, c, hl)?;
        }
        let se01 = (w.count + 1).to_string();
        w.seg("SE", &[&se01, &st02]);
        st_number = st_number.wrapping_add(1);
    }
    let ge01 = groups.len().to_string();
    w.seg("GE", &[&ge01, &gs06]);
    w.raw("IEA", &["1", &isa13]);
    Ok(w.out)
}

fn write_billing_provider(w: &mut Writer, claim: &ClaimData) {
    let p = &claim.practice;
    w.seg("HL", &["1", "", "20", "1"]);
    if !p.taxonomy.trim().is_empty() {
        w.seg("PRV", &["BI", "PXC", &p.taxonomy]);
    }
    match p.billing_entity {
        BillingEntity::Group => org_nm1(w, "85", &p.name, "XX", &digits(&p.npi)),
        BillingEntity::Individual => {
            let (last, first) = individual_name(claim);
            person_nm1(w, "85", &last, &first, "", "XX", &digits(&p.npi));
        }
    }
    write_address(w, &p.address);
    let kind = match p.tax_id_kind {
        TaxIdKind::Ein => "EI",
        TaxIdKind::Ssn => "SY",
    };
    w.seg("REF", &[kind, &digits(&p.tax_id)]);
    let phone = digits(&p.phone);
    if phone.len() >= 10 {
        let name = if p.contact_name.trim().is_empty() { &p.name } else { &p.contact_name };
        w.seg("PER", &["IC", name, "TE", &phone]);
    }
}

/// An individual billing provider's last and first name: the rendering provider's when it
/// is the same NPI, else the practice name read as "LAST, FIRST" or "First Last".
fn individual_name(claim: &ClaimData) -> (String, String) {
    let p = &claim.practice;
    if digits(&claim.rendering.npi) == digits(&p.npi) {
        return (claim.rendering.last_name.clone(), claim.rendering.first_name.clone());
    }
    let name = p.name.trim();
    if let Some((last, first)) = name.split_once(',') {
        return (last.trim().to_string(), first.trim().to_string());
    }
    match name.rsplit_once(' ') {
        Some((first, last)) => (last.to_string(), first.to_string()),
        None => (name.to_string(), String::new()),
    }
}

fn write_claim(w: &mut Writer, c: &ClaimToSend, mut hl: usize) -> Result<usize, X12Error> {
    let claim = c.claim;
    let is_self = claim.relationship() == Relationship::Itself;
    let patient = &claim.patient;

    // 2000B subscriber.
    hl += 1;
    let sub_hl = hl.to_string();
    w.seg("HL", &[&sub_hl, "1", "22", if is_self { "0" } else { "1" }]);
    let rank = rank_code(claim.payer_rank).unwrap_or("P");
    let group_name = if claim.policy.group_number.trim().is_empty() { claim.policy.group_name.as_str() } else { "" };
    w.seg(
        "SBR",
        &[
            rank,
            if is_self { "18" } else { "" },
            &claim.policy.group_number,
            group_name,
            medicare_secondary_type(rank, &claim.payer, &claim.policy),
            "",
            "",
            "",
            &claim.payer.claim_filing_indicator,
        ],
    );
    // 2010BA subscriber name.
    let s = &claim.subscriber;
    if is_self {
        person_nm1(
            w,
            "IL",
            &patient.last_name,
            &patient.first_name,
            &patient.middle_name,
            "MI",
            &claim.policy.member_id,
        );
        write_address(w, &patient.address);
        if let Some(b) = patient.birth_date {
            w.seg("DMG", &["D8", &d8(b), patient.sex.as_str()]);
        }
        // 2010BA REF*Y4 (005010X222A1): "required when the services included in this claim
        // are to be considered as part of a property and casualty claim", here when the
        // patient is the subscriber (no 2000C loop).
        write_property_casualty_claim_number(w, claim);
    } else {
        person_nm1(w, "IL", &s.last_name, &s.first_name, &s.middle_name, "MI", &claim.policy.member_id);
        let addr = if s.address.is_blank() { &patient.address } else { &s.address };
        write_address(w, addr);
    }
    // 2010BB payer.
    org_nm1(w, "PR", &claim.payer.name, "PI", &claim.payer.payer_id);

    // 2000C patient.
    if !is_self {
        hl += 1;
        let pat_hl = hl.to_string();
        w.seg("HL", &[&pat_hl, &sub_hl, "23", "0"]);
        w.seg("PAT", &[relationship_code(claim.relationship())]);
        person_nm1(w, "QC", &patient.last_name, &patient.first_name, &patient.middle_name, "", "");
        write_address(w, &patient.address);
        if let Some(b) = patient.birth_date {
            w.seg("DMG", &["D8", &d8(b), patient.sex.as_str()]);
        }
        // 2010CA REF*Y4 (005010X222A1): the property and casualty claim number when the
        // patient is not the subscriber.
        write_property_casualty_claim_number(w, claim);
    }

    write_2300(w, c);
    Ok(hl)
}

/// REF*Y4 Property and Casualty Claim Number (2010BA after DMG, or 2010CA after DMG): the
/// auto or workers' compensation carrier's claim number of the visit's injury case.
fn write_property_casualty_claim_number(w: &mut Writer, claim: &ClaimData) {
    let number = clean(&claim.property_casualty_claim_number);
    if !number.is_empty() {
        w.seg("REF", &["Y4", &number]);
    }
}

fn write_2300(w: &mut Writer, c: &ClaimToSend) {
    let claim = c.claim;
    let visit = &claim.visit;
    let cond = &visit.conditions;

    let clm05 = composite(&[&visit.place_of_service, "B", claim.frequency.code()]);
    let mut causes: Vec<String> = Vec::new();
    if cond.employment {
        causes.push("EM".into());
    }
    if cond.auto_accident {
        causes.push("AA".into());
    }
    if cond.other_accident {
        causes.push("OA".into());
    }
    let clm11 = if causes.is_empty() {
        String::new()
    } else {
        let state = if cond.auto_accident { clean(&cond.auto_accident_state) } else { String::new() };
        let c1 = causes.first().cloned().unwrap_or_default();
        let c2 = causes.get(1).cloned().unwrap_or_default();
        let c3 = causes.get(2).cloned().unwrap_or_default();
        composite(&[&c1, &c2, &c3, &state])
    };
    let els: Vec<String> = vec![
        clean(&claim.control_number),
        claim.total_charge.to_string(),
        String::new(),
        String::new(),
        clm05,
        "Y".into(),
        if claim.accept_assignment { "A" } else { "C" }.into(),
        "Y".into(),
        "Y".into(),
        String::new(),
        clm11,
    ];
    w.raw("CLM", &els);
    if let Some(d) = visit.onset_date {
        w.seg("DTP", &["431", "D8", &d8(d)]);
    }
    if let Some(d) = visit.initial_treatment_date {
        w.seg("DTP", &["454", "D8", &d8(d)]);
    }
    if cond.auto_accident || cond.other_accident || cond.employment {
        if let Some(d) = cond.accident_date {
            w.seg("DTP", &["439", "D8", &d8(d)]);
        }
    }
    if let Some(d) = visit.last_xray_date {
        w.seg("DTP", &["455", "D8", &d8(d)]);
    }
    // 2300 AMT*F5 patient amount paid: "required when the patient has paid any amount
    // towards the claim" (Medicare item 29's electronic equivalent).
    if c.patient_paid > Money::ZERO {
        w.raw("AMT", &["F5".to_string(), c.patient_paid.to_string()]);
    }
    if !visit.prior_authorization.trim().is_empty() {
        w.seg("REF", &["G1", &visit.prior_authorization]);
    }
    if matches!(claim.frequency.code(), "7" | "8") {
        w.seg("REF", &["F8", &claim.original_reference]);
    }
    let note = clean(&visit.additional_info);
    if !note.is_empty() {
        let note: String = note.chars().take(80).collect();
        w.seg("NTE", &["ADD", &note]);
    }
    // 2300 CRC*ZZ EPSDT referral: "required on EPSDT claims when the screening service is
    // being billed": CRC02 Y when a referral was given (AV, S2, ST in CRC03), N with NU.
    if let Some(epsdt) = visit.epsdt {
        w.seg("CRC", &["ZZ", if epsdt.referral_given() { "Y" } else { "N" }, epsdt.code()]);
    }
    let hi: Vec<String> = visit
        .diagnoses
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let code: String = clean(d).chars().filter(|c| *c != '.' && *c != ' ').collect();
            composite(&[if i == 0 { "ABK" } else { "ABF" }, &code])
        })
        .collect();
    w.raw("HI", &hi);

    // 2310A referring.
    if let Some(r) = &claim.referring {
        person_nm1(w, "DN", &r.last_name, &r.first_name, &r.middle_name, "XX", &digits(&r.npi));
    }
    // 2310B rendering, when not the billing provider.
    let rendering_is_billing = digits(&claim.rendering.npi) == digits(&claim.practice.npi);
    if !rendering_is_billing {
        write_rendering(w, &claim.rendering);
    }
    // 2310C service facility.
    if let Some(f) = &claim.facility {
        org_nm1(w, "77", &f.name, "XX", &digits(&f.npi));
        write_address(w, &f.address);
    }
    // 2320/2330A/2330B: the prior payer's adjudication on a secondary claim, or on a primary
    // claim the other coverage the patient has (required when other payers are known, so the
    // payer can coordinate benefits instead of pending the claim to ask).
    if let Some(p) = &c.primary {
        write_2320(w, claim, p);
    } else if let Some(other) = claim.other_coverage.as_ref().filter(|_| claim.payer_rank == 1) {
        write_other_coverage(w, claim, other);
    }
    // 2400 lines.
    for (i, l) in visit.lines.iter().enumerate() {
        let n = i + 1;
        w.seg("LX", &[&n.to_string()]);
        let mut sv101: Vec<&str> = vec!["HC", &l.code];
        sv101.extend(l.modifiers.iter().map(|m| m.as_str()).filter(|m| !m.trim().is_empty()));
        let pointers: Vec<String> = l.pointers.iter().map(|p| p.to_string()).collect();
        let pointer_refs: Vec<&str> = pointers.iter().map(|s| s.as_str()).collect();
        let els: Vec<String> = vec![
            composite(&sv101),
            l.charge.to_string(),
            "UN".into(),
            l.units.to_string(),
            String::new(),
            String::new(),
            composite(&pointer_refs),
            String::new(),
            if l.emergency { "Y".into() } else { String::new() },
            String::new(),
            // SV111 EPSDT indicator: "required when the service is EPSDT".
            if visit.epsdt.is_some() { "Y".into() } else { String::new() },
        ];
        w.raw("SV1", &els);
        let from = l.service_from.or(visit.service_date).unwrap_or_default();
        match l.service_to.filter(|t| *t != from) {
            Some(to) => w.seg("DTP", &["472", "RD8", &format!("{}-{}", d8(from), d8(to))]),
            None => w.seg("DTP", &["472", "D8", &d8(from)]),
        }
        if let Some(lcn) = c.line_control_numbers.get(i).filter(|s| !s.trim().is_empty()) {
            w.seg("REF", &["6R", lcn]);
        }
        if let Some(p) = &c.primary {
            for la in p.payment.lines.iter().filter(|la| la.line_number == n) {
                let mut proc_parts: Vec<&str> = vec!["HC", &la.procedure];
                proc_parts.extend(la.modifiers.iter().map(|m| m.as_str()).filter(|m| !m.trim().is_empty()));
                let els: Vec<String> = vec![
                    clean(&p.payer.payer_id),
                    la.paid.to_string(),
                    composite(&proc_parts),
                    String::new(),
                    la.units.to_string(),
                ];
                w.raw("SVD", &els);
                write_cas(w, &la.adjustments);
                w.seg("DTP", &["573", "D8", &d8(p.payment.paid_date)]);
            }
        }
    }
}

fn write_rendering(w: &mut Writer, r: &Provider) {
    person_nm1(w, "82", &r.last_name, &r.first_name, &r.middle_name, "XX", &digits(&r.npi));
    if !r.taxonomy.trim().is_empty() {
        w.seg("PRV", &["PE", "PXC", &r.taxonomy]);
    }
}

fn write_2320(w: &mut Writer, claim: &ClaimData, p: &PrimaryAdjudication) {
    // The prior payer's rank: one above this claim's (a secondary claim's prior payer is primary).
    let prior_rank = rank_code(claim.payer_rank.saturating_sub(1).max(1)).unwrap_or("P");
    other_sbr(w, prior_rank, &p.policy, &p.payer);
    write_cas(w, &p.payment.claim_adjustments);
    w.raw("AMT", &["D".to_string(), p.payment.claim_paid.to_string()]);
    w.seg("OI", &["", "", "Y", "P", "", "Y"]);
    other_subscriber_and_payer(w, claim, &p.policy, &p.subscriber, &p.payer);
    if p.payment.lines.is_empty() {
        w.seg("DTP", &["573", "D8", &d8(p.payment.paid_date)]);
    }
}

/// 2320 on a primary claim: the coverage next in line, not adjudicated yet (no AMT, CAS or
/// adjudication date).
fn write_other_coverage(w: &mut Writer, claim: &ClaimData, other: &OtherCoverage) {
    let next_rank = rank_code(claim.payer_rank.saturating_add(1)).unwrap_or("S");
    other_sbr(w, next_rank, &other.policy, &other.payer);
    w.seg("OI", &["", "", "Y", "P", "", "Y"]);
    other_subscriber_and_payer(w, claim, &other.policy, &other.subscriber, &other.payer);
}

/// SBR05, the insurance type code: 2000B and 2320 "required when the payer is Medicare and
/// Medicare is not the primary payer" (005010X222A1), taken from the Medicare policy's
/// secondary payer type (12 working aged, 43 disabled large group plan ...).
fn medicare_secondary_type<'p>(rank: &str, payer: &Payer, policy: &'p Policy) -> &'p str {
    if payer.kind == PayerKind::Medicare && rank != "P" {
        policy.msp_type.as_str()
    } else {
        ""
    }
}

/// 2320 SBR: the other policy's rank, relationship, group, Medicare secondary payer type and
/// claim filing indicator.
fn other_sbr(w: &mut Writer, rank: &str, policy: &Policy, payer: &Payer) {
    let group_name = if policy.group_number.trim().is_empty() { policy.group_name.as_str() } else { "" };
    w.seg(
        "SBR",
        &[
            rank,
            relationship_code(policy.relationship),
            &policy.group_number,
            group_name,
            medicare_secondary_type(rank, payer, policy),
            "",
            "",
            "",
            &payer.claim_filing_indicator,
        ],
    );
}

/// 2330A other subscriber and 2330B other payer.
fn other_subscriber_and_payer(w: &mut Writer, claim: &ClaimData, policy: &Policy, s: &Person, payer: &Payer) {
    let (last, first, middle) = if policy.relationship == Relationship::Itself && s.last_name.trim().is_empty() {
        (&claim.patient.last_name, &claim.patient.first_name, &claim.patient.middle_name)
    } else {
        (&s.last_name, &s.first_name, &s.middle_name)
    };
    person_nm1(w, "IL", last, first, middle, "MI", &policy.member_id);
    if !s.address.is_blank() {
        write_address(w, &s.address);
    }
    org_nm1(w, "PR", &payer.name, "PI", &payer.payer_id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_removes_separators_and_upper_cases() {
        assert_eq!(clean("  o'brien*jr:~^x  "), "O'BRIEN JR X");
        assert_eq!(clean("a\n\tb"), "A B");
        assert_eq!(composite(&["HC", "99213", "", ""]), "HC:99213");
        assert_eq!(composite(&["11", "B", "1"]), "11:B:1");
    }

    #[test]
    fn trailing_empty_elements_are_dropped() {
        let mut w = Writer { out: String::new(), count: 0 };
        w.seg("NM1", &["IL", "1", "DOE", "", "", "", "", "", ""]);
        assert_eq!(w.out, "NM1*IL*1*DOE~\n");
        assert_eq!(w.count, 1);
    }
}

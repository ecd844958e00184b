//! `visits add`: charge entry from the command line, optionally billed at once.

use crate::claims::print_findings;
use crate::cli::{AddVisitArgs, VisitsCommand};
use crate::failure::Failure;
use crate::output;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::validation::{modifier, parse_date, procedure_code, us_date};
use claimdesk_core::visits::{parse_pointer, EpsdtReferral, ServiceLine, Visit, MAX_MODIFIERS, MAX_POINTERS};
use claimdesk_core::{FieldError, Invalid, Money};
use claimdesk_store::{
    Actor, ClaimSummary, PageRequest, ScrubResult, Store, StoreError, VisitInQuestion, LIST_PAGE_MAX,
};
use serde::Serialize;

pub fn run(store: &mut Store, actor: &Actor, command: &VisitsCommand, json: bool) -> Result<(), Failure> {
    match command {
        VisitsCommand::Add(args) => add(store, actor, args, json),
        VisitsCommand::Void { visit, reason } => void(store, actor, *visit, reason, json),
        VisitsCommand::NearLimit { date } => near_limit(store, date.as_deref(), json),
    }
}

fn void(store: &mut Store, actor: &Actor, visit_id: i64, reason: &str, json: bool) -> Result<(), Failure> {
    store.with_tx_by(actor, |tx| tx.void_visit(visit_id, reason))?;
    if json {
        output::json(&serde_json::json!({ "voided": visit_id }));
    } else {
        outln!("Voided visit {visit_id}: its charges are reversed and it no longer counts against visit limits");
    }
    Ok(())
}

fn near_limit(store: &Store, date: Option<&str>, json: bool) -> Result<(), Failure> {
    let day = match date {
        Some(text) => parse_date("Date", text).map_err(|m| StoreError::invalid("date", m))?,
        None => store.today(),
    };
    let page = store.near_limit_worklist(day, PageRequest::new(0, LIST_PAGE_MAX))?;
    if json {
        output::json(&page);
        return Ok(());
    }
    if page.rows.is_empty() {
        outln!("No patient is near a visit limit or the end of an authorization on {}", us_date(day));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = page
        .rows
        .iter()
        .map(|r| {
            vec![
                r.account_number.clone(),
                r.patient_name.clone(),
                r.allowance.payer_name.clone(),
                r.allowance.message.clone(),
            ]
        })
        .collect();
    outln!("{}", output::table(&["Account", "Patient", "Plan", "Limit"], &rows).trim_end());
    Ok(())
}

/// Problems with what was typed, under the field paths the store uses (`lines[0].pointers`).
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), message: message.into() });
    }
}

/// Reads one `--line CODE[:MODIFIERS][:POINTERS][:UNITS][:CHARGE]`. The charge is None when
/// left out (the standard fee applies).
fn parse_line(i: usize, text: &str, p: &mut Problems) -> (ServiceLine, Option<Money>) {
    let field = |name: &str| format!("lines[{i}].{name}");
    let n = i + 1;
    let parts: Vec<&str> = text.split(':').map(str::trim).collect();
    if parts.len() > 5 {
        p.add(
            field("code"),
            format!("Line {n}: {text:?} has more than 5 parts (CODE:MODIFIERS:POINTERS:UNITS:CHARGE)"),
        );
    }
    let part = |k: usize| parts.get(k).copied().filter(|s| !s.is_empty() && *s != "-");
    let code = procedure_code(&format!("Line {n}: procedure code"), parts[0])
        .map_err(|m| p.add(field("code"), m))
        .unwrap_or_default();
    let mut modifiers = Vec::new();
    if let Some(list) = part(1) {
        for m in list.split(',').map(str::trim).filter(|m| !m.is_empty()) {
            match modifier(&format!("Line {n}: modifier"), m) {
                Ok(m) => modifiers.push(m),
                Err(e) => p.add(field("modifiers"), e),
            }
        }
        if modifiers.len() > MAX_MODIFIERS {
            p.add(field("modifiers"), format!("Line {n}: at most {MAX_MODIFIERS} modifiers"));
        }
    }
    let mut pointers = Vec::new();
    for c in part(2).unwrap_or("A").chars().filter(|c| !matches!(c, ',' | ' ')) {
        match parse_pointer(c) {
            Some(x) => pointers.push(x),
            None => p.add(field("pointers"), format!("Line {n}: pointer {c:?} is not a diagnosis letter A-L")),
        }
    }
    if pointers.len() > MAX_POINTERS {
        p.add(field("pointers"), format!("Line {n}: at most {MAX_POINTERS} pointers"));
    }
    let units = match part(3) {
        None => 1,
        Some(u) => u.parse::<u32>().ok().filter(|u| *u > 0).unwrap_or_else(|| {
            p.add(field("units"), format!("Line {n}: units {u:?} must be a whole number of at least 1"));
            1
        }),
    };
    let charge = part(4)
        .and_then(|c| Money::parse(c).map_err(|e| p.add(field("charge"), format!("Line {n}: charge {c:?} {e}"))).ok());
    let line = ServiceLine {
        id: None,
        service_from: None,
        service_to: None,
        code,
        modifiers,
        pointers,
        units,
        charge: Money::ZERO,
        charge_override_reason: String::new(),
        supplemental: String::new(),
        emergency: false,
    };
    (line, charge)
}

/// The provider with this NPI in the given role, or a problem under `field`.
fn provider_id(store: &Store, npi: &str, rendering: bool, field: &str, p: &mut Problems) -> Result<i64, Failure> {
    let npi = npi.trim();
    let found = store
        .list_providers()?
        .into_iter()
        .find(|x| x.npi == npi && if rendering { x.is_rendering } else { x.is_referring });
    match found.and_then(|x| x.id) {
        Some(id) => Ok(id),
        None => {
            let role = if rendering { "rendering" } else { "referring" };
            p.add(field, format!("No {role} provider has NPI {npi:?}"));
            Ok(0)
        }
    }
}

/// The visit as typed, with standard fees filled in.
fn visit_from(store: &Store, args: &AddVisitArgs) -> Result<Visit, Failure> {
    let mut p = Problems::default();
    let patient_id = match store.get_patient_by_account(&args.account) {
        Ok(patient) => patient.id.unwrap_or_default(),
        Err(StoreError::NotFound(_)) => {
            p.add("patient_id", format!("No patient has account number {:?}", args.account.trim()));
            0
        }
        Err(e) => return Err(e.into()),
    };
    let date = parse_date("Date of service", &args.date).map_err(|m| p.add("service_date", m)).ok();
    let rendering = provider_id(store, &args.provider, true, "rendering_provider_id", &mut p)?;
    let referring = match &args.referring {
        Some(npi) => Some(provider_id(store, npi, false, "referring_provider_id", &mut p)?),
        None => None,
    };
    let mut lines = Vec::with_capacity(args.lines.len());
    for (i, text) in args.lines.iter().enumerate() {
        let (mut line, charge) = parse_line(i, text, &mut p);
        line.service_from = date;
        line.charge = match (charge, date) {
            (Some(c), _) => c,
            (None, Some(day)) if !line.code.is_empty() => {
                let modifier = line.modifiers.first().map(String::as_str).unwrap_or("");
                match store.fee_for(None, &line.code, modifier, day)? {
                    Some(fee) => fee.amount.times(line.units),
                    None => {
                        p.add(
                            format!("lines[{i}].charge"),
                            format!(
                                "Line {}: no standard fee for {} on {}; type the charge",
                                i + 1,
                                line.code,
                                us_date(day)
                            ),
                        );
                        Money::ZERO
                    }
                }
            }
            (None, _) => Money::ZERO,
        };
        if charge.is_some() {
            line.charge_override_reason = args.charge_reason.trim().to_string();
        }
        lines.push(line);
    }
    let visit = Visit {
        id: None,
        patient_id,
        service_date: date,
        rendering_provider_id: rendering,
        referring_provider_id: referring,
        facility_id: None,
        place_of_service: args.pos.clone(),
        diagnoses: args.dx.iter().map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect(),
        lines,
        conditions: Default::default(),
        onset_date: None,
        initial_treatment_date: None,
        last_xray_date: None,
        prior_authorization: String::new(),
        additional_info: String::new(),
        abn_on_file: false,
        episode_id: None,
        injury_case_id: args.case,
        epsdt: match args.epsdt.as_deref() {
            None => None,
            Some(code) => {
                let referral = EpsdtReferral::parse(code);
                if referral.is_none() {
                    p.add("epsdt", format!("EPSDT referral code {code:?} must be NU, AV, S2 or ST"));
                }
                referral
            }
        },
    };
    if !p.0.is_empty() {
        // Everything wrong at once: what could not be read, and the record's other problems.
        let mut fields = p.0;
        if let Err(Invalid(more)) = visit.validated() {
            fields.extend(more.into_iter().filter(|m| !fields.iter().any(|f| f.field == m.field)).collect::<Vec<_>>());
        }
        return Err(StoreError::Invalid(Invalid(fields)).into());
    }
    Ok(visit)
}

#[derive(Serialize)]
struct VisitAdded {
    visit: Visit,
    claim: Option<ClaimSummary>,
    scrub: Option<ScrubResult>,
}

fn add(store: &mut Store, actor: &Actor, args: &AddVisitArgs, json: bool) -> Result<(), Failure> {
    let visit = visit_from(store, args)?;
    let (saved, billed) = store.with_tx_by(actor, |tx| {
        let saved = tx.save_visit(&visit)?;
        let billed = if args.bill {
            let visit_id = saved.id.ok_or_else(|| StoreError::Corrupt("a saved visit without an id".into()))?;
            let claim = tx.create_claim(visit_id, 1, actor.source)?;
            Some((claim, tx.scrub_claim(claim, actor.source)?))
        } else {
            None
        };
        Ok((saved, billed))
    })?;
    let (claim, scrub) = match billed {
        Some((id, scrub)) => (Some(store.claim_summary(id)?), Some(scrub)),
        None => (None, None),
    };
    if json {
        output::json(&VisitAdded { visit: saved, claim, scrub });
        return Ok(());
    }
    outln!(
        "Saved visit {} on {}: {} line(s), total {}",
        saved.id.unwrap_or_default(),
        saved.service_date.map(us_date).unwrap_or_default(),
        saved.lines.len(),
        saved.total_charge()
    );
    // What the visit used of the plan's limits, as charge entry shows it.
    let q = VisitInQuestion {
        patient_id: saved.patient_id,
        visit_id: saved.id,
        service_date: saved.service_date.unwrap_or_else(|| store.today()),
        codes: saved.lines.iter().map(|l| l.code.clone()).collect(),
        injury_case_id: saved.injury_case_id,
    };
    for a in store.visit_allowances(&q)? {
        outln!("{}{}", if a.warning { "Warning: " } else { "" }, a.message);
    }
    if let (Some(claim), Some(scrub)) = (claim, scrub) {
        let verdict = if claim.status == ClaimStatus::Ready { "ready to send" } else { claim.status.label() };
        outln!("Claim {} (id {}) to {}: {verdict}", claim.control_number, claim.id, claim.payer);
        print_findings(&scrub.findings);
    }
    Ok(())
}

//! `claims list|scrub|print|calibration|export-837`.

use crate::cli::{CalibrationArgs, ClaimsCommand, ExportArgs, FormArg, ListClaimsArgs, PrintArgs, QueueArg, ScrubArgs};
use crate::failure::Failure;
use crate::output;
use crate::progress::Progress;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::scrubber::{Finding, Severity};
use claimdesk_core::validation::{parse_date, us_date};
use claimdesk_core::Money;
use claimdesk_jobs::{ExportRequest, FormKind, PrintRequest};
use claimdesk_store::{Actor, ClaimQuery, ClaimQueue, ClaimSummary, ScrubResult, Store, StoreError, CLAIM_PAGE_MAX};
use serde::Serialize;

pub fn run(store: &mut Store, actor: &Actor, command: &ClaimsCommand, json: bool) -> Result<(), Failure> {
    match command {
        ClaimsCommand::Ack { file } => acknowledgement(store, actor, file, json),
        ClaimsCommand::List(args) => list(store, args, json),
        ClaimsCommand::Scrub(args) => scrub(store, actor, args, json),
        ClaimsCommand::Print(args) => print(store, actor, args, json),
        ClaimsCommand::Calibration(args) => calibration(store, args, json),
        ClaimsCommand::Export837(args) => export_837(store, actor, args, json),
    }
}

/// What a claim has brought in and what is left on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Balances {
    pub insurance_paid: Money,
    pub patient_responsibility: Money,
    pub adjustments: Money,
    pub balance: Money,
}

/// A claim's money columns, from its ledger postings (the store sums them).
pub fn balances(store: &Store, claim: &ClaimSummary) -> Result<Balances, Failure> {
    let money = store.claim_money(claim.id)?;
    Ok(Balances {
        insurance_paid: money.insurance_paid,
        patient_responsibility: money.patient_responsibility,
        adjustments: money.adjustments,
        balance: money.balance,
    })
}

#[derive(Serialize)]
struct ClaimRow {
    #[serde(flatten)]
    claim: ClaimSummary,
    #[serde(flatten)]
    balances: Balances,
}

#[derive(Serialize)]
struct ClaimList {
    claims: Vec<ClaimRow>,
    /// Every claim matching the filters (more than `claims` holds when a page was asked for).
    total: u32,
}

/// One page size when --page is given without --limit.
const DEFAULT_PAGE: u32 = 50;

/// The payer named by id or by (the first letters of) its name; refused when none or several match.
fn payer_id(store: &Store, wanted: &str) -> Result<i64, Failure> {
    let payers = store.list_payers()?;
    let wanted = wanted.trim();
    if let Ok(id) = wanted.parse::<i64>() {
        if payers.iter().any(|p| p.id == Some(id)) {
            return Ok(id);
        }
    }
    let lower = wanted.to_lowercase();
    let exact: Vec<_> = payers.iter().filter(|p| p.name.to_lowercase() == lower).collect();
    let matching: Vec<_> = if exact.is_empty() {
        payers.iter().filter(|p| p.name.to_lowercase().starts_with(&lower)).collect()
    } else {
        exact
    };
    match matching.as_slice() {
        [one] => one.id.ok_or_else(|| Failure::Store(StoreError::Corrupt("a saved payer without an id".into()))),
        [] => Err(StoreError::invalid("payer", format!("No payer is named {wanted:?}; see `payers list`")).into()),
        many => {
            let names: Vec<&str> = many.iter().map(|p| p.name.as_str()).collect();
            Err(StoreError::invalid("payer", format!("{wanted:?} names several payers: {}", names.join(", "))).into())
        }
    }
}

fn date(field: &str, label: &str, text: Option<&str>) -> Result<Option<chrono::NaiveDate>, Failure> {
    text.map(|t| parse_date(label, t).map_err(|m| Failure::Store(StoreError::invalid(field, m)))).transpose()
}

/// The claims asked for, newest first: one page with --limit/--page, else every page.
fn matching_claims(store: &Store, args: &ListClaimsArgs) -> Result<(Vec<ClaimSummary>, u32), Failure> {
    let mut query = ClaimQuery {
        queue: queue(args),
        text: args.search.clone().unwrap_or_default(),
        payer_id: args.payer.as_deref().map(|p| payer_id(store, p)).transpose()?,
        from: date("from", "From date", args.from.as_deref())?,
        to: date("to", "To date", args.to.as_deref())?,
        offset: 0,
        limit: CLAIM_PAGE_MAX,
    };
    if args.limit.is_some() || args.page > 1 {
        let limit = args.limit.unwrap_or(DEFAULT_PAGE);
        if limit == 0 || limit > CLAIM_PAGE_MAX {
            return Err(StoreError::invalid("limit", format!("A page holds 1 to {CLAIM_PAGE_MAX} claims")).into());
        }
        query.limit = limit;
        query.offset = (args.page - 1).saturating_mul(limit);
        let page = store.claims_page(&query)?;
        return Ok((page.rows, page.total));
    }
    // Every matching claim, a page at a time as the app reads them.
    let mut all = Vec::new();
    loop {
        let page = store.claims_page(&query)?;
        let done = page.rows.len() < CLAIM_PAGE_MAX as usize;
        all.extend(page.rows);
        if done || all.len() >= page.total as usize {
            return Ok((all, page.total));
        }
        query.offset += CLAIM_PAGE_MAX;
    }
}

fn queue(args: &ListClaimsArgs) -> ClaimQueue {
    match (args.status, args.queue) {
        (Some(status), _) => ClaimQueue::Status { status },
        (None, Some(QueueArg::Ready)) => ClaimQueue::Ready,
        (None, Some(QueueArg::Errors)) => ClaimQueue::ScrubberErrors,
        (None, Some(QueueArg::NoResponse)) => ClaimQueue::NoResponse { days: args.days },
        (None, None) => ClaimQueue::All,
    }
}

fn scrub_column(c: &ClaimSummary) -> String {
    match (c.scrub_errors, c.scrub_warnings) {
        (None, _) => "not scrubbed".into(),
        (Some(0), Some(0) | None) => "clean".into(),
        (Some(e), w) => {
            let w = w.unwrap_or(0);
            match (e, w) {
                (0, w) => format!("{w} warning(s)"),
                (e, 0) => format!("{e} error(s)"),
                (e, w) => format!("{e} error(s), {w} warning(s)"),
            }
        }
    }
}

fn list(store: &Store, args: &ListClaimsArgs, json: bool) -> Result<(), Failure> {
    let (claims, total) = matching_claims(store, args)?;
    if json {
        let claims = claims
            .into_iter()
            .map(|claim| Ok(ClaimRow { balances: balances(store, &claim)?, claim }))
            .collect::<Result<Vec<_>, Failure>>()?;
        output::json(&ClaimList { claims, total });
        return Ok(());
    }
    if claims.is_empty() {
        outln!("No claims");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = claims
        .iter()
        .map(|c| -> Result<Vec<String>, Failure> {
            let rank = match c.payer_rank {
                1 => "",
                2 => " (2nd)",
                _ => " (3rd)",
            };
            Ok(vec![
                c.id.to_string(),
                c.control_number.clone(),
                c.account_number.clone(),
                c.patient_name.clone(),
                format!("{}{rank}", c.payer),
                us_date(c.service_date),
                c.status.as_str().to_string(),
                c.charge.to_string(),
                balances(store, c)?.balance.to_string(),
                scrub_column(c),
            ])
        })
        .collect::<Result<_, _>>()?;
    let header = ["ID", "CLAIM", "ACCOUNT", "PATIENT", "PAYER", "DOS", "STATUS", "CHARGE", "BALANCE", "SCRUB"];
    out!("{}", output::table(&header, &rows));
    if claims.len() < total as usize {
        let first = (args.page - 1) * args.limit.unwrap_or(DEFAULT_PAGE) + 1;
        let last = first + claims.len() as u32 - 1;
        let more = if last < total { format!(" (--page {} for more)", args.page + 1) } else { String::new() };
        outln!("\nclaims {first}-{last} of {total}, newest first{more}");
    } else {
        outln!("\n{} claim(s)", claims.len());
    }
    Ok(())
}

/// The scrubber's findings, one per line: severity, box, field, rule and what to do.
pub fn print_findings(findings: &[Finding]) {
    if findings.is_empty() {
        outln!("  no problems found");
    }
    for f in findings {
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        outln!("  {severity:<8} box {:<6} {:<28} {} [{}]", f.box_id, f.field, f.message, f.rule);
    }
}

#[derive(Serialize)]
struct Scrubbed {
    control_number: String,
    #[serde(flatten)]
    result: ScrubResult,
}

#[derive(Serialize)]
struct ScrubReport {
    results: Vec<Scrubbed>,
    errors: usize,
    warnings: usize,
}

fn scrub(store: &mut Store, actor: &Actor, args: &ScrubArgs, json: bool) -> Result<(), Failure> {
    let mut ids = args.ids.clone();
    if args.all_drafts {
        ids.extend(store.list_claims(&ClaimQueue::Status { status: ClaimStatus::Draft })?.into_iter().map(|c| c.id));
    }
    ids.dedup();
    // Look every claim up first, so an unknown id refuses before anything is scrubbed.
    let controls: Vec<String> =
        ids.iter().map(|&id| store.claim_summary(id).map(|c| c.control_number)).collect::<Result<_, _>>()?;
    let mut results = Vec::with_capacity(ids.len());
    for (&id, control_number) in ids.iter().zip(controls) {
        let result = store.scrub_claim(id, actor)?;
        results.push(Scrubbed { control_number, result });
    }
    let count = |s: Severity| results.iter().flat_map(|r| &r.result.findings).filter(|f| f.severity == s).count();
    let report = ScrubReport { errors: count(Severity::Error), warnings: count(Severity::Warning), results };
    if json {
        output::json(&report);
    } else {
        for r in &report.results {
            outln!("Claim {} (id {}): {}", r.control_number, r.result.claim_id, r.result.status.label());
            print_findings(&r.result.findings);
        }
        outln!(
            "\n{} claim(s) scrubbed: {} error(s), {} warning(s)",
            report.results.len(),
            report.errors,
            report.warnings
        );
    }
    let with_errors =
        report.results.iter().filter(|r| r.result.findings.iter().any(|f| f.severity == Severity::Error)).count();
    if args.strict && with_errors > 0 {
        return Err(Failure::Reported(format!("{with_errors} claim(s) still have scrubber errors")));
    }
    Ok(())
}

fn form(arg: FormArg) -> FormKind {
    match arg {
        FormArg::Red => FormKind::Red,
        FormArg::Full => FormKind::Full,
    }
}

fn print(store: &mut Store, actor: &Actor, args: &PrintArgs, json: bool) -> Result<(), Failure> {
    let mut ids = args.ids.clone();
    if args.ready {
        ids.extend(store.list_claims(&ClaimQueue::Ready)?.into_iter().map(|c| c.id));
    }
    if ids.is_empty() {
        if json {
            output::json(&serde_json::json!({ "path": null, "claims": 0, "pages": 0, "bytes": 0, "batch_id": null }));
        } else {
            outln!("No claims are ready to send; nothing was printed");
        }
        return Ok(());
    }
    let request = PrintRequest {
        claim_ids: ids,
        form: form(args.form),
        out_path: args.out.display().to_string(),
        mark_submitted: !args.reprint,
        printer: args.printer.clone(),
    };
    let mut bar = Progress::new("printing claims");
    let mut progress = |done: usize, total: usize| bar.update(done, total);
    let report = claimdesk_jobs::print_claims(store, &request, actor, &mut progress)?;
    drop(bar);
    if json {
        output::json(&report);
        return Ok(());
    }
    outln!(
        "Printed {} claim(s) on {} page(s) to {} ({} bytes)",
        report.claims,
        report.pages,
        report.path,
        report.bytes
    );
    match report.batch_id {
        Some(batch) => outln!("Marked submitted as batch {batch}"),
        None => outln!("Reprint: nothing was recorded"),
    }
    Ok(())
}

#[derive(Serialize)]
struct CalibrationPage {
    path: String,
    bytes: usize,
}

fn calibration(store: &Store, args: &CalibrationArgs, json: bool) -> Result<(), Failure> {
    let path = args.out.display().to_string();
    let bytes = claimdesk_jobs::print_calibration(store, form(args.form), args.printer.as_deref(), &path)?;
    if json {
        output::json(&CalibrationPage { path, bytes });
    } else {
        outln!("Wrote the calibration page to {path} ({bytes} bytes)");
        outln!("Print it at 100% (no scaling) on a pre-printed form and measure how far the X marks are off");
    }
    Ok(())
}

fn export_837(store: &mut Store, actor: &Actor, args: &ExportArgs, json: bool) -> Result<(), Failure> {
    let mut ids = args.ids.clone();
    let mut left_out: Vec<ClaimSummary> = Vec::new();
    if args.ready {
        // A secondary can go once the primary's payment is posted (its COB data exists).
        for c in store.list_claims(&ClaimQueue::Ready)? {
            if c.payer_rank == 1 || store.prior_payment(c.id)?.is_some() {
                ids.push(c.id);
            } else {
                left_out.push(c);
            }
        }
    }
    if !json {
        for c in &left_out {
            errln!(
                "left out: claim {} (id {}) is a secondary claim whose primary payment is not posted yet",
                c.control_number,
                c.id
            );
        }
    }
    if ids.is_empty() {
        if json {
            output::json(&serde_json::json!({
                "path": null, "claims": 0, "transaction_sets": 0, "interchange_control_number": null,
                "bytes": 0, "batch_id": null
            }));
        } else {
            outln!("No claims are ready to send; nothing was written");
        }
        return Ok(());
    }
    let request = ExportRequest {
        claim_ids: ids,
        clearinghouse_id: args.clearinghouse,
        out_path: args.out.display().to_string(),
        mark_submitted: !args.resend,
    };
    let mut bar = Progress::new("reading claims");
    let mut progress = |done: usize, total: usize| bar.update(done, total);
    let report = claimdesk_jobs::export_837(store, &request, actor, &mut progress).map_err(|e| match e {
        claimdesk_jobs::JobError::Store(StoreError::NotFound(m)) if m.starts_with("a clearinghouse") => {
            Failure::Store(StoreError::NotFound(
                "a clearinghouse (set one up with `claimdesk clearinghouse set`, or in the app under Practice \
                 setup > Electronic claims)"
                    .into(),
            ))
        }
        e => Failure::from(e),
    })?;
    drop(bar);
    if json {
        output::json(&report);
        return Ok(());
    }
    outln!(
        "Wrote {} claim(s) in {} transaction set(s) to {} ({} bytes), interchange control number {:09}",
        report.claims,
        report.transaction_sets,
        report.path,
        report.bytes,
        report.interchange_control_number
    );
    match report.batch_id {
        Some(batch) => outln!("Marked submitted as batch {batch}"),
        None => outln!("Resend: no claim status changed"),
    }
    Ok(())
}

fn acknowledgement(store: &mut Store, actor: &Actor, file: &std::path::Path, json: bool) -> Result<(), Failure> {
    let report = claimdesk_jobs::import_acknowledgement_file(store, file, actor)?;
    if json {
        output::json(&report);
        return Ok(());
    }
    outln!("{}: {} accepted, {} rejected", report.kind, report.accepted.len(), report.rejected.len());
    for r in &report.rejected {
        outln!("REJECTED {}: {}", r.control_number, r.reasons);
    }
    for u in &report.unknown {
        outln!("UNKNOWN {u}: matches nothing on file");
    }
    Ok(())
}

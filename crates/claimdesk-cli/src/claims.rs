//! `claims list|scrub|print|calibration|export-837`.

use crate::cli::{CalibrationArgs, ClaimsCommand, ExportArgs, FormArg, ListClaimsArgs, PrintArgs, QueueArg, ScrubArgs};
use crate::failure::Failure;
use crate::output;
use crate::progress::Progress;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::scrubber::{Finding, Severity};
use claimdesk_core::validation::us_date;
use claimdesk_core::Money;
use claimdesk_jobs::{ExportRequest, FormKind, PrintRequest};
use claimdesk_store::{Actor, ClaimQueue, ClaimSummary, ScrubResult, Store, StoreError};
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
    let claims = store.list_claims(&queue(args))?;
    if json {
        let claims = claims
            .into_iter()
            .map(|claim| Ok(ClaimRow { balances: balances(store, &claim)?, claim }))
            .collect::<Result<Vec<_>, Failure>>()?;
        output::json(&ClaimList { claims });
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
    outln!("\n{} claim(s)", claims.len());
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

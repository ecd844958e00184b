//! Patient statement runs: one statement per guarantor with a patient balance, in one PDF.
//!
//! The run gathers every candidate's statement through the store, renders them with the forms
//! crate, writes the PDF whole (temporary file, then rename), and only then records the run and
//! each statement's snapshot in one transaction. A reprint renders the recorded snapshot, so
//! it prints exactly what was sent; it records nothing. An account that cannot be mailed a
//! statement (no complete address) is held out: listed in the report with the reason, nothing
//! printed or recorded for it, so the next run picks it up once the address is added.

use crate::{write_bytes, Result};
use chrono::NaiveDate;
use claimdesk_core::Money;
use claimdesk_store::{
    Actor, HeldReason, MessageLevel, Page, PageRequest, PracticeContact, StatementAccount, StatementCandidate,
    StatementFilter, Store,
};
use claimdesk_store::{AuditNote, Record};
use serde::Serialize;
use std::path::Path;
use std::time::{Duration, Instant};

/// What to run and where to write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StatementRunRequest {
    pub filter: StatementFilter,
    pub out_path: String,
    /// Replaces the default payment options text (phone, cash/check/card) when set.
    pub payment_options: Option<String>,
    /// Where payments go when not the practice's address (a lockbox).
    pub remit_to: Option<claimdesk_core::Address>,
    /// Payment due this many days after the statement date (default 21).
    pub due_in_days: Option<i64>,
}

impl StatementRunRequest {
    /// A run dated `statement_date` with the usual defaults: minimum 5.00, 28 days since the
    /// last statement, no holds, no accounts in collections.
    pub fn new(statement_date: NaiveDate, out_path: impl Into<String>) -> StatementRunRequest {
        StatementRunRequest {
            filter: StatementFilter {
                statement_date,
                min_balance: Money::from_cents(500),
                days_since_last: 28,
                include_holds: false,
                include_collections: false,
                final_notice_only: false,
            },
            out_path: out_path.into(),
            payment_options: None,
            remit_to: None,
            due_in_days: None,
        }
    }
}

/// One statement of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RunStatement {
    /// The recorded statement (for a reprint).
    pub statement_id: i64,
    pub account: StatementAccount,
    pub account_number: String,
    pub name: String,
    pub amount_due: Money,
    pub insurance_pending: Money,
    pub message_level: MessageLevel,
}

/// Where the time went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RunTimings {
    #[ts(type = "{ secs: number, nanos: number }")]
    pub gather: Duration,
    #[ts(type = "{ secs: number, nanos: number }")]
    pub render: Duration,
    #[ts(type = "{ secs: number, nanos: number }")]
    pub write: Duration,
    #[ts(type = "{ secs: number, nanos: number }")]
    pub record: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StatementRunReport {
    pub run_id: i64,
    pub path: String,
    pub statements: Vec<RunStatement>,
    pub pages: usize,
    pub bytes: usize,
    pub total_due: Money,
    /// Accounts the filter picked that got no statement, each with `held_out` saying why.
    pub held: Vec<StatementCandidate>,
    pub timings: RunTimings,
}

/// The practice's contact block for statements, with the request's options applied.
pub fn practice_contact(store: &Store, request: &StatementRunRequest) -> Result<PracticeContact> {
    let mut contact = PracticeContact::from_practice(&store.practice()?);
    if let Some(options) = &request.payment_options {
        contact.payment_options = options.clone();
    }
    if let Some(remit_to) = &request.remit_to {
        contact.remit_to = remit_to.clone();
    }
    if let Some(days) = request.due_in_days {
        contact.due_in_days = days;
    }
    Ok(contact)
}

/// Who would get a statement (a dry run): writes and records nothing. One page of them (at
/// most `LIST_PAGE_MAX`) with how many there are in all; the run itself (`run_statements`)
/// goes through every account.
pub fn statement_candidates(
    store: &Store,
    filter: &StatementFilter,
    at: PageRequest,
) -> Result<Page<StatementCandidate>> {
    Ok(store.statement_candidates_page(filter, at)?)
}

/// Counts the page objects of a PDF written by the forms crate.
fn count_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1).filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's').count()
}

/// Runs statements for every candidate of `request.filter`; refused (nothing written or
/// recorded) when there is none. `progress(done, total)` follows
/// the gathering and then the rendering (each reported over the same total).
pub fn run_statements(
    store: &mut Store,
    request: &StatementRunRequest,
    actor: &Actor,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<StatementRunReport> {
    let started = Instant::now();
    let contact = practice_contact(store, request)?;
    let (candidates, held): (Vec<StatementCandidate>, Vec<StatementCandidate>) =
        store.statement_candidates(&request.filter)?.into_iter().partition(|c| c.held_out.is_none());
    if candidates.is_empty() {
        let message = if held.is_empty() {
            "No account needs a statement (balance, holds, collections or a recent statement): nothing was written"
                .to_string()
        } else {
            let mut reasons: Vec<&str> = held.iter().filter_map(|c| c.held_out.map(HeldReason::message)).collect();
            reasons.sort_unstable();
            reasons.dedup();
            format!(
                "No statement can be mailed: {} account{} held out ({}). Nothing was written",
                held.len(),
                if held.len() == 1 { "" } else { "s" },
                reasons.join("; ")
            )
        };
        return Err(claimdesk_store::StoreError::Conflict(message).into());
    }
    let mut snapshots = Vec::with_capacity(candidates.len());
    for c in &candidates {
        snapshots.push(store.statement_data(c.account, request.filter.statement_date, &contact)?);
    }
    let gather = started.elapsed();

    let started = Instant::now();
    let bytes = claimdesk_forms::statements_pdf(&snapshots, progress);
    let render = started.elapsed();

    let started = Instant::now();
    let path = Path::new(&request.out_path);
    write_bytes(path, &bytes)?;
    let write = started.elapsed();

    let started = Instant::now();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let recorded = store.with_tx_by(actor, |tx| tx.record_statement_run(&request.filter, &name, &snapshots))?;
    let record = started.elapsed();

    let statements = candidates
        .iter()
        .zip(&snapshots)
        .zip(&recorded.statement_ids)
        .map(|((c, s), id)| RunStatement {
            statement_id: *id,
            account: c.account,
            account_number: s.account_number.clone(),
            name: c.name.clone(),
            amount_due: s.amount_due_now,
            insurance_pending: s.insurance_pending,
            message_level: s.message_level,
        })
        .collect();
    Ok(StatementRunReport {
        run_id: recorded.run_id,
        path: request.out_path.clone(),
        statements,
        pages: count_pages(&bytes),
        bytes: bytes.len(),
        total_due: snapshots.iter().map(|s| s.amount_due_now).sum(),
        held,
        timings: RunTimings { gather, render, write, record },
    })
}

/// Renders a recorded statement again, exactly as it was sent. Records nothing.
/// Returns the number of bytes written.
pub fn reprint_statement(store: &Store, statement_id: i64, out_path: &str) -> Result<usize> {
    let snapshot = store.statement_snapshot(statement_id)?;
    store.note(|| {
        AuditNote::about(Record::new("statement", statement_id), Some(snapshot.account_patient_id))
            .with_note("statement reprinted")
    });
    let bytes = claimdesk_forms::statements_pdf(std::slice::from_ref(&snapshot), &mut |_, _| {});
    write_bytes(Path::new(out_path), &bytes)?;
    Ok(bytes.len())
}

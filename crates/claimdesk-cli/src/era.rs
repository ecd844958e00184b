//! `claimdesk era import`: 835 remittances through the posting engine.

use crate::cli::EraCommand;
use crate::failure::Failure;
use crate::output;
use claimdesk_store::{Actor, PostingReport, Store};

pub fn run(store: &mut Store, actor: &Actor, command: &EraCommand, json: bool) -> Result<(), Failure> {
    match command {
        EraCommand::Import { file, dry_run } => {
            let reports = claimdesk_jobs::import_835_file(store, file, *dry_run, actor)?;
            if json {
                output::json(&serde_json::json!({ "remittances": reports }));
            } else {
                reports.iter().for_each(print_report);
            }
            Ok(())
        }
    }
}

fn print_report(r: &PostingReport) {
    let verb = if r.preview { "Would post" } else { "Posted" };
    outln!("{verb} {} trace {}: payment {}", r.payer_name, r.trace_number, r.total_paid);
    let rows: Vec<Vec<String>> = r
        .claims
        .iter()
        .map(|c| {
            vec![
                c.control_number.clone(),
                c.patient_name.clone(),
                format!("{} -> {}", c.status_before.as_str(), c.status_after.as_str()),
                c.charge.to_string(),
                c.paid.to_string(),
                c.contractual.to_string(),
                c.patient_responsibility.to_string(),
                match (&c.secondary_claim, c.crossover, c.underpaid_lines) {
                    (Some(s), _, _) => format!("secondary claim {s} built"),
                    (None, true, _) => "crossed over to the next payer".into(),
                    (None, false, n) if n > 0 => format!("{n} line(s) underpaid"),
                    _ => String::new(),
                },
            ]
        })
        .collect();
    let header = ["CLAIM", "PATIENT", "STATUS", "CHARGE", "PAID", "CONTRACTUAL", "PATIENT SHARE", "NOTE"];
    out!("{}", output::table(&header, &rows));
    if !r.provider_adjustments.is_zero() {
        outln!("Provider-level adjustments (PLB): {}", r.provider_adjustments);
    }
    for e in &r.exceptions {
        outln!("EXCEPTION {} {} paid {}: {}", e.control_number, e.patient_name, e.paid, e.reason);
    }
}

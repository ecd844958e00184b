//! 1,000 synthetic claims (1-6 lines each) into one PDF, red-form and full-form mode.
//! Run: `cargo bench -p claimdesk-forms`. Target: < 3 s each in release.

#[path = "../tests/common/mod.rs"]
mod common;

use claimdesk_forms::{print_claims, FormMode, PaperSettings, PrintJob, PrintOptions, PrinterOffsets};
use std::time::Instant;

const CLAIMS: usize = 1_000;

fn main() {
    let claims: Vec<_> = (0..CLAIMS).map(|i| common::claim_with(i, 1 + i % 6)).collect();
    let jobs: Vec<PrintJob> =
        claims.iter().map(|c| PrintJob { claim: c, paper: PaperSettings::default(), amount_paid: None }).collect();
    let lines: usize = claims.iter().map(|c| c.visit.lines.len()).sum();
    println!("{CLAIMS} claims, {lines} service lines");
    for mode in [FormMode::RedForm, FormMode::FullForm] {
        let options = PrintOptions { mode, offsets: PrinterOffsets::default(), print_date: common::date(2026, 3, 20) };
        let start = Instant::now();
        let pdf = print_claims(&jobs, &options, &mut |_, _| {}).expect("synthetic claims print");
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "{mode:?}: {seconds:.3} s, {} bytes ({:.1} KiB per claim)",
            pdf.len(),
            pdf.len() as f64 / 1024.0 / CLAIMS as f64
        );
    }
}

//! 10,000 one-page patient statements (8 activity lines each) into one PDF.
//! Run: `cargo bench -p claimdesk-forms --bench statements`. Target: a few seconds in release
//! (the whole statement run, data gathering included, must stay under 20 s).

#[path = "../tests/common/mod.rs"]
mod common;

use claimdesk_forms::statements_pdf;
use std::time::Instant;

const STATEMENTS: usize = 10_000;

fn main() {
    let start = Instant::now();
    let statements: Vec<_> = (0..STATEMENTS).map(|i| common::documents::statement(i, 8, i % 5 == 0)).collect();
    let build = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut last = 0;
    let pdf = statements_pdf(&statements, &mut |done, _| last = done);
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(last, STATEMENTS);
    println!("{STATEMENTS} statements (test data built in {build:.3} s)");
    println!(
        "render: {seconds:.3} s ({:.3} ms per statement), {} bytes ({:.1} MiB, {:.2} KiB per statement)",
        seconds * 1000.0 / STATEMENTS as f64,
        pdf.len(),
        pdf.len() as f64 / 1024.0 / 1024.0,
        pdf.len() as f64 / 1024.0 / STATEMENTS as f64,
    );
    // `STATEMENTS_PDF=/tmp/statements.pdf` keeps the file (e.g. for `pdfinfo`).
    if let Some(path) = std::env::var_os("STATEMENTS_PDF") {
        std::fs::write(path, &pdf).expect("write the PDF");
    }
}

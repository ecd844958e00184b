//! `cargo bench -p claimdesk-x12`: write 10,000 claims as an 837P and parse an 835 with
//! 10,000 claims. Prints seconds (best and median of several runs). When the pyx12 venv of
//! the tests exists (`<target>/pyx12-venv`), pyx12 then validates the same 837P and reads
//! the same 835 in the same run, once each, and the ratios are printed; without the venv
//! that part is skipped with a note (run `cargo test -p claimdesk-x12` once to make it).

#[path = "../tests/common/fixtures.rs"]
mod fixtures;
#[allow(dead_code)]
#[path = "../tests/common/pyx12.rs"]
mod pyx12;

use claimdesk_core::claims::ClaimData;
use claimdesk_x12::{balance_problems, parse_835, write_837p, ClaimToSend};
use fixtures::*;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

const CLAIMS: usize = 10_000;
const RUNS: usize = 7;

fn claims() -> Vec<ClaimData> {
    (0..CLAIMS)
        .map(|i| {
            let mut c = claim(&format!("BENCH{i:06}"));
            c.patient.first_name = format!("Pat{}", i % 997);
            c.visit.lines = vec![line("99213", "125.00", &[1, 2]), line("36415", &format!("{}.50", 10 + i % 50), &[2])];
            if i % 3 == 0 {
                c.rendering.npi = "1932102084".into();
            }
            fix_total(&mut c);
            c
        })
        .collect()
}

/// A balanced 835 with `n` claims of two lines each.
fn remittance(n: usize) -> String {
    let mut body = String::with_capacity(n * 400);
    let mut paid_total: i64 = 0;
    let mut segs = 0usize;
    let mut seg = |body: &mut String, s: String| {
        body.push_str(&s);
        body.push_str("~\n");
        segs += 1;
    };
    seg(&mut body, "ST*835*0001".into());
    let header_at = body.len();
    seg(&mut body, "TRN*1*EFT000123*1741234567".into());
    for s in [
        "N1*PR*ACME HEALTH PLAN",
        "N3*PO BOX 1000",
        "N4*DALLAS*TX*75201",
        "REF*2U*ACME1",
        "PER*BL*EDI*TE*8005550199",
        "N1*PE*RIVERSIDE FAMILY MEDICINE*XX*1245319599",
        "LX*1",
    ] {
        seg(&mut body, s.into());
    }
    for i in 0..n {
        let c2 = 1000 + (i % 50) as i64 * 100; // cents
        let p2 = c2 / 2;
        let (c1, p1) = (12500i64, 9000i64);
        let cents = |v: i64| format!("{}.{:02}", v / 100, v % 100);
        paid_total += p1 + p2;
        seg(
            &mut body,
            format!("CLP*BENCH{i:06}*1*{}*{}*{}*12*ICN{i:08}*11*1", cents(c1 + c2), cents(p1 + p2), cents(1000)),
        );
        seg(&mut body, format!("NM1*QC*1*DOE*PAT{}****MI*M{i:07}", i % 997));
        seg(&mut body, format!("SVC*HC:99213*{}*{}**1", cents(c1), cents(p1)));
        seg(&mut body, "DTM*472*20240304".into());
        seg(&mut body, format!("CAS*CO*45*{}", cents(c1 - p1 - 1000)));
        seg(&mut body, "CAS*PR*3*10.00".into());
        seg(&mut body, format!("REF*6R*L{i}-1"));
        seg(&mut body, format!("AMT*B6*{}", cents(p1 + 1000)));
        seg(&mut body, format!("SVC*HC:36415*{}*{}**1", cents(c2), cents(p2)));
        seg(&mut body, "DTM*472*20240304".into());
        seg(&mut body, format!("CAS*CO*45*{}", cents(c2 - p2)));
        seg(&mut body, format!("REF*6R*L{i}-2"));
    }
    let bpr = format!("BPR*I*{}.{:02}*C*CHK************20240325~\n", paid_total / 100, paid_total % 100);
    body.insert_str(header_at, &bpr);
    segs += 1;
    let _ = writeln!(body, "SE*{}*0001~", segs + 1);
    format!(
        "ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*CLAIMDESK01    *240325*0900*^*00501*000000321*0*T*:~\n\
         GS*HP*ACMEPAYER*CLAIMDESK01*20240325*0900*321*X*005010X221A1~\n{body}GE*1*321~\nIEA*1*000000321~\n"
    )
}

fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[RUNS / 2])
}

fn main() {
    let data = claims();
    let to_send: Vec<ClaimToSend> = data
        .iter()
        .map(|c| ClaimToSend {
            claim: c,
            line_control_numbers: vec![],
            primary: None,
            patient_paid: claimdesk_core::Money::ZERO,
        })
        .collect();
    let (best, median) = time(|| write_837p(&envelope(), &submitter(), &receiver(), &to_send).expect("write"));
    let write_best = best;
    let text = write_837p(&envelope(), &submitter(), &receiver(), &to_send).expect("write");
    let path = std::env::temp_dir().join("claimdesk-x12-bench-10000.837");
    std::fs::write(&path, &text).expect("save 837P");
    println!(
        "write_837p: {CLAIMS} claims ({} bytes, {} segments): best {:.4} s, median {:.4} s  [saved to {}]",
        text.len(),
        text.matches('~').count(),
        best.as_secs_f64(),
        median.as_secs_f64(),
        path.display()
    );

    let remit = remittance(CLAIMS);
    let parsed = parse_835(&remit).expect("parse generated 835");
    assert_eq!(parsed[0].claims.len(), CLAIMS);
    assert!(balance_problems(&parsed[0]).is_empty(), "generated 835 balances");
    let (best, median) = time(|| parse_835(&remit).expect("parse"));
    let parse_best = best;
    println!(
        "parse_835: {CLAIMS} claims ({} bytes): best {:.4} s, median {:.4} s",
        remit.len(),
        best.as_secs_f64(),
        median.as_secs_f64()
    );
    let (best, median) = time(|| balance_problems(&parsed[0]));
    println!(
        "balance_problems: {CLAIMS} claims: best {:.4} s, median {:.4} s",
        best.as_secs_f64(),
        median.as_secs_f64()
    );
    let path = std::env::temp_dir().join("claimdesk-x12-bench-10000.835");
    std::fs::write(&path, &remit).expect("save 835");

    // pyx12 on the same two files, in the same run.
    let venv = pyx12::target_dir().join("pyx12-venv/bin/python");
    if !venv.exists() {
        println!(
            "pyx12: skipped, no venv at {} (run `cargo test -p claimdesk-x12` once to install it)",
            venv.display()
        );
        return;
    }
    for (name, body, want, ours, what) in [
        ("bench-10000.837", &text, "837/005010X222A1", write_best, "validating the 837P"),
        ("bench-10000.835", &remit, "835/005010X221A1", parse_best, "reading the 835"),
    ] {
        let start = Instant::now();
        let verdict = pyx12::validate(name, body, want);
        let took = start.elapsed();
        println!(
            "pyx12 4.0.0 {what} ({CLAIMS} claims, one run): {:.2} s, {}; ClaimDesk {:.4} s, {:.0}x faster",
            took.as_secs_f64(),
            match &verdict {
                Ok(()) => "valid".to_string(),
                Err(e) => format!("NOT valid: {}", e.lines().take(3).collect::<Vec<_>>().join(" | ")),
            },
            ours.as_secs_f64(),
            took.as_secs_f64() / ours.as_secs_f64()
        );
    }
}

//! 835 parsing: our own fixtures (both accepted by pyx12), balancing, and bad files.

mod common;

use claimdesk_core::Money;
use claimdesk_x12::{balance_problems, parse_835, X12Error};
use common::fixtures::{date, money};
use common::pyx12;

const MIXED: &str = include_str!("fixtures/835_mixed.txt");
const NOTICE: &str = include_str!("fixtures/835_notice_pipe.txt");

#[test]
fn fixtures_pass_pyx12() {
    pyx12::validate("835_mixed.txt", MIXED, "835/005010X221A1").expect("pyx12 accepts 835_mixed");
    pyx12::validate("835_notice_pipe.txt", NOTICE, "835/005010X221A1").expect("pyx12 accepts 835_notice_pipe");
}

#[test]
fn parses_the_mixed_remittance() {
    let rs = parse_835(MIXED).expect("parse");
    assert_eq!(rs.len(), 1);
    let r = &rs[0];
    assert_eq!(r.transaction_set_control_number, "0001");
    assert_eq!(r.payer_name, "ACME HEALTH PLAN");
    assert_eq!(r.payer_id, "ACME1", "REF*2U wins over TRN03");
    assert_eq!(r.payee_npi, "1245319599");
    assert_eq!(r.payee_tax_id, "741234567");
    assert_eq!(r.check_or_eft_number, "CHK100200");
    assert_eq!(r.transaction_handling, "I");
    assert_eq!(r.payment_method, "CHK");
    assert_eq!(r.total_paid, money("245.25"));
    assert_eq!(r.payment_date, date(2024, 3, 25));
    assert_eq!(r.claims.len(), 6);

    // Paid.
    let payment = &r.claims[0];
    let c = &payment.adjudication;
    assert_eq!((c.control_number.as_str(), c.status_code.as_str()), ("CLM0001", "1"));
    assert_eq!((c.charge, c.paid, c.patient_responsibility), (money("125.00"), money("100.00"), Money::ZERO));
    assert_eq!(c.payer_claim_number, "ICN0001");
    assert_eq!(payment.patient_name, "DOE, JANE");
    assert_eq!(payment.member_id, "XYZ123456");
    let l = &c.lines[0];
    assert_eq!((l.procedure.as_str(), l.units), ("99213", Some(1)));
    assert_eq!(l.service_date, Some(date(2024, 3, 4)));
    assert_eq!(l.line_control_number.as_deref(), Some("L-1-1"));
    assert_eq!(l.allowed, Some(money("100.00")));
    assert_eq!(l.adjustments.len(), 1);
    assert_eq!((l.adjustments[0].group.as_str(), l.adjustments[0].reason.as_str()), ("CO", "45"));
    assert_eq!(l.adjustments[0].amount, money("25.00"));

    // Partly paid, patient responsibility, several triples in one CAS, remarks, insured id.
    let payment = &r.claims[1];
    let c = &payment.adjudication;
    assert_eq!(c.patient_responsibility, money("40.00"));
    assert_eq!(payment.member_id, "XYZ777", "NM1*IL member id wins over NM1*QC");
    assert_eq!(c.remarks, ["MA01"]);
    assert_eq!(c.lines.len(), 2);
    assert_eq!(c.lines[0].modifiers, ["25"]);
    let pr: Vec<(String, Money, Option<u32>)> = c.lines[0]
        .adjustments
        .iter()
        .filter(|a| a.group == "PR")
        .map(|a| (a.reason.clone(), a.amount, a.quantity))
        .collect();
    assert_eq!(pr, vec![("2".to_string(), money("25.00"), Some(1)), ("3".to_string(), money("5.00"), None)]);
    assert_eq!(c.lines[0].remarks, ["N130"]);

    // Denied.
    let c = &r.claims[2].adjudication;
    assert_eq!(c.status_code, "4");
    assert_eq!(c.paid, Money::ZERO);
    assert_eq!(c.lines[0].adjustments[0].reason, "16");
    assert_eq!(c.lines[0].remarks, ["M51", "N290"]);

    // Reversal, then the corrected claim.
    let c = &r.claims[3].adjudication;
    assert_eq!(c.status_code, "22");
    assert_eq!((c.charge, c.paid), (money("-125.00"), money("-100.00")));
    assert_eq!(c.lines[0].units, None, "negative units are not a count");
    assert_eq!(c.lines[0].adjustments[0].amount, money("-25.00"));
    assert_eq!(r.claims[4].adjudication.payer_claim_number, "ICN0004");

    // Crossover with a changed code.
    let c = &r.claims[5].adjudication;
    assert_eq!(c.status_code, "19");
    assert_eq!(c.crossover_payer.as_deref(), Some("SECOND MUTUAL"));
    assert_eq!(c.lines[0].submitted_procedure.as_deref(), Some("99204"));

    // PLB: interest (negative: adds to the payment) and an overpayment recovery.
    assert_eq!(r.provider_adjustments.len(), 2);
    assert_eq!(
        (r.provider_adjustments[0].reason.as_str(), r.provider_adjustments[0].reference.as_str()),
        ("L6", "INT001")
    );
    assert_eq!(r.provider_adjustments[0].amount, money("-5.25"));
    assert_eq!(r.provider_adjustments[1].reason, "WO");
    assert_eq!(r.provider_adjustments[1].amount, money("40.00"));

    assert_eq!(balance_problems(r), Vec::<String>::new());
}

#[test]
fn parses_another_dialect_notice_only() {
    let rs = parse_835(NOTICE).expect("parse");
    let r = &rs[0];
    assert_eq!(r.transaction_handling, "H");
    assert_eq!(r.payment_method, "NON");
    assert_eq!(r.total_paid, Money::ZERO);
    assert_eq!(r.payer_id, "1999999999", "TRN03 when there is no REF*2U");
    assert_eq!(r.payee_npi, "");
    assert_eq!(r.payee_tax_id, "759876543");
    let payment = &r.claims[0];
    let c = &payment.adjudication;
    assert_eq!(c.status_code, "4");
    assert_eq!(payment.patient_name, "PARK, MIN");
    assert_eq!(payment.member_id, "P0042");
    assert_eq!(c.lines.len(), 2);
    assert_eq!(c.lines[0].units, Some(8));
    assert_eq!(c.lines[1].service_date, Some(date(2024, 3, 11)));
    assert_eq!(c.lines[1].adjustments[0].group, "OA");
    assert!(balance_problems(r).is_empty(), "{:?}", balance_problems(r));
}

#[test]
fn balancing_catches_an_unbalanced_file() {
    let text = MIXED.replace("BPR*I*245.25*", "BPR*I*250.00*").replacen("CAS*CO*45*50.00~", "CAS*CO*45*45.00~", 1);
    let r = &parse_835(&text).expect("still parses")[0];
    let problems = balance_problems(r);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("claim CLM0002 line 1 (99214)") && problems[0].contains("80.00"), "{}", problems[0]);
    assert!(problems[1].contains("claim CLM0002:") && problems[1].contains("85.00"), "{}", problems[1]);
    assert!(problems[2].contains("BPR02 is 250.00") && problems[2].contains("245.25"), "{}", problems[2]);
}

#[test]
fn several_transaction_sets() {
    // Two 835s in one group: the second a copy with its own ST02.
    let start = MIXED.find("ST*835").unwrap();
    let end = MIXED.find("GE*1").unwrap();
    let set = &MIXED[start..end];
    let second = set.replace("ST*835*0001", "ST*835*0002").replace("SE*67*0001", "SE*67*0002");
    assert!(second.contains("SE*67*0002"), "fixture SE01 changed?");
    let text = format!("{}{set}{second}GE*2*321~\nIEA*1*000000321~\n", &MIXED[..start]);
    let rs = parse_835(&text).expect("parse");
    assert_eq!(rs.len(), 2);
    assert_eq!(rs[1].transaction_set_control_number, "0002");
}

fn err(text: &str) -> X12Error {
    parse_835(text).expect_err("must be refused")
}

#[test]
fn bad_files_are_refused_with_clear_errors() {
    assert_eq!(err(""), X12Error::Empty);
    assert_eq!(err("   \r\n"), X12Error::Empty);
    assert_eq!(err("Dear provider, please find your payment attached."), X12Error::NotX12);
    assert_eq!(err("<?xml version=\"1.0\"?><remit/>"), X12Error::NotX12);

    // Truncated: cut inside the ISA, and cut in the middle of the claims.
    assert!(matches!(err(&MIXED[..60]), X12Error::TruncatedIsa(_)));
    let cut = &MIXED[..MIXED.len() / 2];
    let e = err(cut);
    assert!(matches!(&e, X12Error::Truncated { .. }), "{e:?}");
    assert!(e.to_string().contains("truncated"), "{e}");
    // Cut at a segment boundary inside the claims.
    let cut = &MIXED[..MIXED.find("CLP*CLM0003").unwrap()];
    let e = err(cut);
    assert!(matches!(&e, X12Error::MissingSegment { segment, .. } if segment == "SE"), "{e:?}");
    assert!(e.to_string().contains("truncated"), "{e}");
    // A missing final terminator after IEA is tolerated.
    assert!(parse_835(MIXED.trim_end().trim_end_matches('~')).is_ok());
    // Cut after SE: the trailers are missing.
    let e = err(&MIXED[..MIXED.find("GE*1").unwrap()]);
    assert!(matches!(&e, X12Error::MissingSegment { segment, .. } if segment == "GE"), "{e:?}");

    // Wrong separators: ISA16 equal to the element separator; terminator a letter.
    assert!(matches!(err(&MIXED.replacen("*:~", "**~", 1)), X12Error::WrongSeparators(_)));
    assert!(matches!(err(&MIXED.replacen("*:~\n", "*:G", 1)), X12Error::WrongSeparators(_)));
    // A file whose segments use another terminator than the ISA declares.
    let e = err(&MIXED.replace("~\nGS", "!GS"));
    assert!(matches!(e, X12Error::UnexpectedSegment { .. } | X12Error::WrongSeparators(_)), "{e:?}");

    // Wrong version: a 4010 835 and our own 837P.
    let e = err(&MIXED.replace("005010X221A1", "004010X091A1"));
    assert!(matches!(&e, X12Error::WrongVersion { found, .. } if found == "004010X091A1"), "{e:?}");
    assert!(e.to_string().contains("005010X221A1"));
    let e837 = err(include_str!("fixtures/837_small.txt"));
    assert!(matches!(&e837, X12Error::WrongVersion { found, .. } if found == "005010X222A1"), "{e837:?}");

    // Missing required segments, named with their position.
    let e = err(&MIXED.replace("BPR*I*245.25*C*CHK************20240325~\n", ""));
    assert!(matches!(&e, X12Error::MissingSegment { segment, at: 4, .. } if segment == "BPR"), "{e:?}");
    let e = err(&MIXED.replace("TRN*1*CHK100200*1741234567~\n", "").replace("SE*67*", "SE*66*"));
    assert!(matches!(&e, X12Error::MissingSegment { segment, .. } if segment == "TRN"), "{e:?}");
    let e = err(&MIXED.replace("N1*PE*RIVERSIDE FAMILY MEDICINE*XX*1245319599~\n", "").replace("SE*67*", "SE*66*"));
    assert!(matches!(&e, X12Error::MissingSegment { segment, .. } if segment == "N1*PE"), "{e:?}");
    let e = err(&MIXED.replace("NM1*QC*1*ROE*RICK****MI*M3000~\n", "").replace("SE*67*", "SE*66*"));
    assert!(matches!(&e, X12Error::MissingSegment { segment, .. } if segment == "NM1*QC"), "{e:?}");

    // Bad amounts and dates, naming segment and element.
    let e = err(&MIXED.replace("CLP*CLM0003*4*95.00*0*", "CLP*CLM0003*4*95.00*1,5*"));
    assert!(matches!(&e, X12Error::BadAmount { element, value, .. } if element == "CLP04" && value == "1,5"), "{e:?}");
    let e = err(&MIXED.replace("CAS*CO*16*95.00", "CAS*CO*16*95.001"));
    assert!(matches!(&e, X12Error::BadAmount { element, .. } if element == "CAS03"), "{e:?}");
    let e = err(&MIXED.replace("*20240325~", "*20241340~"));
    assert!(matches!(&e, X12Error::BadDate { element, .. } if element == "BPR16"), "{e:?}");
    assert!(e.to_string().contains("20241340"));
    let e = err(&MIXED.replace("DTM*472*20240305", "DTM*472*2024-03-05"));
    assert!(matches!(&e, X12Error::BadDate { element, .. } if element == "DTM02"), "{e:?}");

    // Control counts.
    assert!(matches!(err(&MIXED.replace("SE*67*", "SE*60*")), X12Error::CountMismatch(_)));
    assert!(matches!(err(&MIXED.replace("GE*1*321", "GE*2*321")), X12Error::CountMismatch(_)));
    assert!(matches!(err(&MIXED.replace("IEA*1*000000321", "IEA*1*000000999")), X12Error::CountMismatch(_)));
}

/// The public samples in ../shared are not part of the project; point X12_SAMPLE_DIR at a
/// directory of 835 files to parse them too (skipped otherwise).
#[test]
fn optional_external_samples() {
    let Some(dir) = std::env::var_os("X12_SAMPLE_DIR") else {
        eprintln!("X12_SAMPLE_DIR not set: skipped");
        return;
    };
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("read X12_SAMPLE_DIR") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read sample");
        if !text.contains("005010X221A1") {
            continue;
        }
        let rs = parse_835(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for r in &rs {
            eprintln!("{}: {} claims, balance problems: {:?}", path.display(), r.claims.len(), balance_problems(r));
        }
        n += 1;
    }
    eprintln!("parsed {n} external 835 sample(s)");
}

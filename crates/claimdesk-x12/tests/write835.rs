//! The 835 writer: what `parse_835` reads back is what was written, and pyx12 accepts it.

mod common;

use claimdesk_core::posting::{CasAdjustment, ClaimAdjudication, LineAdjudication, ProviderAdjustment};
use claimdesk_core::{Address, Money};
use claimdesk_x12::{
    balance_problems, parse_835, write_835, ClaimPayment, Envelope, RemitDetails, Remittance, Usage, X12Error,
};
use common::fixtures::{date, money};
use common::pyx12;
use proptest::prelude::*;

fn envelope() -> Envelope {
    Envelope {
        sender_id: "ACMEPAYER".into(),
        sender_qualifier: "ZZ".into(),
        receiver_id: "CLAIMDESK01".into(),
        receiver_qualifier: "ZZ".into(),
        interchange_control_number: 4321,
        group_control_number: 77,
        first_transaction_set_number: 1,
        usage: Usage::Test,
        created: date(2026, 11, 20).and_hms_opt(9, 30, 0).unwrap(),
    }
}

fn details() -> RemitDetails {
    RemitDetails {
        payer_trn_id: "1741234567".into(),
        payer_address: Address {
            line1: "PO Box 1000".into(),
            line2: String::new(),
            city: "Dallas".into(),
            state: "TX".into(),
            zip: "75201".into(),
        },
        payer_phone: "8005550199".into(),
        payee_name: "Riverside Family Medicine".into(),
        claim_filing_indicator: "12".into(),
    }
}

fn adj(group: &str, reason: &str, amount: &str, quantity: Option<u32>) -> CasAdjustment {
    CasAdjustment { group: group.into(), reason: reason.into(), amount: money(amount), quantity }
}

fn line(procedure: &str, charge: &str, paid: &str, adjustments: Vec<CasAdjustment>) -> LineAdjudication {
    LineAdjudication {
        procedure: procedure.into(),
        modifiers: vec![],
        charge: money(charge),
        paid: money(paid),
        units: Some(1),
        submitted_procedure: None,
        service_date: Some(date(2026, 10, 5)),
        line_control_number: Some(format!("{procedure}-1")),
        adjustments,
        remarks: vec![],
        allowed: Some(money(paid)),
    }
}

fn claim(
    control: &str,
    status: &str,
    charge: &str,
    paid: &str,
    pr: &str,
    lines: Vec<LineAdjudication>,
) -> ClaimPayment {
    ClaimPayment {
        adjudication: ClaimAdjudication {
            control_number: control.into(),
            status_code: status.into(),
            charge: money(charge),
            paid: money(paid),
            patient_responsibility: money(pr),
            payer_claim_number: format!("ICN{control}"),
            adjustments: vec![],
            remarks: vec![],
            crossover_payer: None,
            lines,
        },
        patient_name: "Doe, Jane".into(),
        member_id: "XYZ123".into(),
    }
}

/// Every kind of claim the reader keeps: paid with deductible/coinsurance/copay, seven
/// adjustments of one group (two CAS segments), a denial with remarks, a reversal, a crossover
/// with a changed code, fractional units, no member id, and PLB interest and a recovery.
fn sample() -> Remittance {
    let mut paid = claim(
        "0000001",
        "1",
        "200.00",
        "88.00",
        "52.00",
        vec![
            line("99214", "180.00", "80.00", vec![adj("CO", "45", "50.00", None), adj("PR", "1", "50.00", Some(1))]),
            line("36415", "20.00", "8.00", vec![adj("CO", "45", "10.00", None), adj("PR", "2", "2.00", None)]),
        ],
    );
    paid.adjudication.lines[0].modifiers = vec!["25".into(), "59".into()];
    paid.adjudication.lines[0].allowed = Some(money("130.00"));
    paid.adjudication.lines[1].remarks = vec!["N130".into()];
    let mut many = claim(
        "0000002",
        "1",
        "70.00",
        "0",
        "0",
        vec![line(
            "99212",
            "70.00",
            "0",
            ["1", "2", "3", "4", "5", "6", "7"].iter().map(|r| adj("OA", r, "10.00", None)).collect(),
        )],
    );
    many.adjudication.lines[0].units = None;
    many.adjudication.lines[0].allowed = None;
    many.adjudication.lines[0].service_date = None;
    many.adjudication.lines[0].line_control_number = None;
    let mut denied = claim(
        "0000003",
        "4",
        "95.00",
        "0",
        "0",
        vec![line("99213", "95.00", "0", vec![adj("CO", "16", "95.00", None)])],
    );
    denied.adjudication.remarks = vec!["MA130".into(), "N290".into()];
    denied.adjudication.lines[0].remarks = vec!["M51".into()];
    denied.adjudication.lines[0].allowed = None;
    denied.member_id = String::new();
    let mut reversal = claim(
        "0000001",
        "22",
        "-200.00",
        "-88.00",
        "-52.00",
        vec![line("99214", "-200.00", "-88.00", vec![adj("CO", "45", "-60.00", None), adj("PR", "1", "-52.00", None)])],
    );
    reversal.adjudication.lines[0].units = None;
    reversal.adjudication.lines[0].allowed = None;
    let mut crossover = claim(
        "0000004",
        "19",
        "150.00",
        "80.00",
        "20.00",
        vec![line("99203", "150.00", "80.00", vec![adj("CO", "45", "50.00", None), adj("PR", "3", "20.00", None)])],
    );
    crossover.adjudication.crossover_payer = Some("Second Mutual".into());
    crossover.adjudication.lines[0].submitted_procedure = Some("99204".into());
    crossover.adjudication.adjustments = vec![];
    crossover.patient_name = "Prince".into();
    let mut claim_level = claim("0000005", "2", "50.00", "40.00", "0", vec![line("97140", "50.00", "45.00", vec![])]);
    claim_level.adjudication.lines[0].units = Some(2);
    claim_level.adjudication.lines[0].adjustments = vec![adj("CO", "45", "5.00", None)];
    claim_level.adjudication.adjustments = vec![adj("OA", "23", "5.00", None)];
    let claims = vec![paid, many, denied, reversal, crossover, claim_level];
    let plb = vec![
        ProviderAdjustment { reason: "L6".into(), reference: "INT0001".into(), amount: money("-3.25") },
        ProviderAdjustment { reason: "WO".into(), reference: "ICN99".into(), amount: money("10.00") },
    ];
    let paid: Money = claims.iter().map(|c| c.adjudication.paid).sum();
    let adjustments: Money = plb.iter().map(|p| p.amount).sum();
    Remittance {
        transaction_set_control_number: "0001".into(),
        payer_name: "Acme Health Plan".into(),
        payer_id: "ACME1".into(),
        payee_npi: "1245319599".into(),
        payee_tax_id: "741234567".into(),
        check_or_eft_number: "EFT20261120".into(),
        transaction_handling: "I".into(),
        payment_method: "ACH".into(),
        total_paid: paid - adjustments,
        payment_date: date(2026, 11, 20),
        claims,
        provider_adjustments: plb,
    }
}

#[test]
fn round_trip_keeps_everything_the_reader_keeps() {
    let r = sample();
    assert!(balance_problems(&r).is_empty(), "{:?}", balance_problems(&r));
    let text = write_835(&envelope(), &details(), &r).expect("write");
    assert!(text.contains("CAS*OA*1*10.00**2*10.00**3*10.00**4*10.00**5*10.00**6*10.00~\nCAS*OA*7*10.00~"), "{text}");
    assert!(text.contains("PLB*1245319599*20261231*L6:INT0001*-3.25*WO:ICN99*10.00~"), "{text}");
    assert!(text.contains("NM1*TT*2*Second Mutual*****PI*SECONDMUTUAL~"));
    assert!(text.starts_with(
        "ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*CLAIMDESK01    *261120*0930*^*00501*000004321*0*T*:~\n"
    ));
    assert_eq!(parse_835(&text).expect("parse"), vec![r]);
}

#[test]
fn other_payment_methods_round_trip() {
    for (handling, method, npi) in [("I", "CHK", "1245319599"), ("H", "NON", "")] {
        let mut r = sample();
        r.transaction_handling = handling.into();
        r.payment_method = method.into();
        r.payee_npi = npi.into();
        if handling == "H" {
            r.claims.retain(|c| c.adjudication.paid.is_zero());
            r.provider_adjustments.clear();
            r.total_paid = Money::ZERO;
        }
        let text = write_835(&envelope(), &details(), &r).expect("write");
        assert_eq!(parse_835(&text).expect("parse"), vec![r], "{text}");
    }
}

#[test]
fn written_835s_pass_pyx12() {
    let r = sample();
    let text = write_835(&envelope(), &details(), &r).expect("write");
    pyx12::validate("written_835_ach.txt", &text, "835/005010X221A1").expect("pyx12 accepts the ACH 835");
    let mut r = sample();
    r.payment_method = "CHK".into();
    r.payee_npi = String::new();
    let text = write_835(&envelope(), &details(), &r).expect("write");
    pyx12::validate("written_835_chk.txt", &text, "835/005010X221A1").expect("pyx12 accepts the check 835");
}

#[test]
fn refuses_what_would_not_be_an_835() {
    let mut r = sample();
    r.check_or_eft_number = " ".into();
    assert!(matches!(write_835(&envelope(), &details(), &r), Err(X12Error::InvalidEnvelope(m)) if m.contains("TRN02")));
    let mut d = details();
    d.payer_trn_id = "123".into();
    assert!(matches!(write_835(&envelope(), &d, &sample()), Err(X12Error::InvalidEnvelope(m)) if m.contains("TRN03")));
    let mut r = sample();
    r.claims[0].adjudication.remarks = vec!["M1".into(); 6];
    assert!(
        matches!(write_835(&envelope(), &details(), &r), Err(X12Error::InvalidClaim { control_number, .. }) if control_number == "0000001")
    );
    // Separators inside text never break the file.
    let mut r = sample();
    r.payer_name = "Acme*Health~Plan".into();
    let back = parse_835(&write_835(&envelope(), &details(), &r).unwrap()).unwrap();
    assert_eq!(back[0].payer_name, "Acme Health Plan");
}

fn cents() -> impl Strategy<Value = Money> {
    (0i64..100_000).prop_map(Money::from_cents)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Random balanced claims survive the round trip.
    #[test]
    fn random_remittances_round_trip(lines in prop::collection::vec((cents(), cents(), cents(), 1u32..5, 0usize..9), 1..12)) {
        let mut claims = Vec::new();
        for (i, chunk) in lines.chunks(3).enumerate() {
            let mut ls = Vec::new();
            for (charge, paid, pr, units, ncas) in chunk {
                let charge = *charge + *paid + *pr;
                let mut adjustments = vec![adj("PR", "2", "0", None)];
                adjustments[0].amount = *pr;
                let rest = charge - *paid - *pr;
                for k in 0..*ncas {
                    let share = if k + 1 == *ncas { rest - Money::from_cents(rest.cents() / *ncas as i64 * (*ncas as i64 - 1)) } else { Money::from_cents(rest.cents() / *ncas as i64) };
                    adjustments.push(CasAdjustment { group: "CO".into(), reason: format!("{}", 45 + k), amount: share, quantity: Some(k as u32) });
                }
                ls.push(LineAdjudication { units: Some(*units), allowed: Some(*paid + *pr), charge, paid: *paid, adjustments, ..line("99213", "0", "0", vec![]) });
            }
            let charge = ls.iter().map(|l| l.charge).sum();
            let paid = ls.iter().map(|l| l.paid).sum();
            let mut c = claim(&format!("C{i:06}"), "1", "0", "0", "0", ls);
            c.adjudication.charge = charge;
            c.adjudication.paid = paid;
            claims.push(c);
        }
        let mut r = sample();
        r.total_paid = claims.iter().map(|c| c.adjudication.paid).sum();
        r.claims = claims;
        r.provider_adjustments.clear();
        let text = write_835(&envelope(), &details(), &r).unwrap();
        prop_assert_eq!(parse_835(&text).unwrap(), vec![r]);
    }
}

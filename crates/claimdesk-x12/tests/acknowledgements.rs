//! Acknowledgements as clearinghouses really send them: pyx12 4.0.0 writes the 999 for 837P
//! files from this crate's writer (under GS08 005010X231, as many clearinghouses do), and the
//! readers take it, and its 005010X231A1 variant, by its transaction set.

mod common;

use claimdesk_core::claims::ClaimData;
use claimdesk_core::Money;
use claimdesk_x12::segments::tokenize;
use claimdesk_x12::{
    parse_277ca, parse_999, parse_acknowledgement, write_837p, Acknowledgement, ClaimToSend, X12Error,
};
use common::fixtures::*;
use common::pyx12;

fn send(c: &ClaimData) -> ClaimToSend<'_> {
    ClaimToSend { claim: c, line_control_numbers: Vec::new(), primary: None, patient_paid: Money::ZERO }
}

/// An 837P of two claims from the crate's writer, and its ST02s.
fn an_837p() -> (String, Vec<String>) {
    let (a, b) = (claim("CLM0001"), claim("CLM0002"));
    let text = write_837p(&envelope(), &submitter(), &receiver(), &[send(&a), send(&b)]).expect("write 837P");
    let x = tokenize(&text).expect("our own output tokenizes");
    let sets = x.segments.iter().filter(|s| s.id == "ST").map(|s| s.el(2).to_string()).collect();
    (text, sets)
}

fn gs08(text: &str) -> String {
    let x = tokenize(text).expect("pyx12's 999 tokenizes");
    x.segments.iter().find(|s| s.id == "GS").expect("GS").el(8).to_string()
}

#[test]
fn the_999_pyx12_writes_for_our_837p_is_read_as_accepted() {
    let (text, sets) = an_837p();
    let ack = pyx12::acknowledge("ack-accepted.837", &text);
    assert_eq!(gs08(&ack), "005010X231", "pyx12 writes the 999 under the base version:\n{ack}");

    let groups = parse_999(&ack).unwrap_or_else(|e| panic!("{e}\n{ack}"));
    assert_eq!(groups.len(), 1);
    let g = &groups[0];
    assert_eq!(g.functional_id, "HC", "an 837 group was acknowledged");
    assert_eq!(g.group_control_number, envelope().group_control_number.to_string(), "AK102 = our GS06");
    assert_eq!(g.group_status, "A");
    let acked: Vec<&str> = g.sets.iter().map(|s| s.control_number.as_str()).collect();
    assert_eq!(acked, sets, "every ST of the 837P is acknowledged by its ST02");
    for s in &g.sets {
        assert_eq!(s.set_id, "837");
        assert!(s.accepted() && s.errors.is_empty(), "{s:?}");
    }
    assert_eq!(parse_acknowledgement(&ack), Ok(Acknowledgement::Implementation(groups.clone())));

    // The same 999 under the addenda's version reads the same.
    let a1 = ack.replace("*005010X231~", "*005010X231A1~");
    assert_eq!(gs08(&a1), "005010X231A1");
    assert_eq!(parse_999(&a1), Ok(groups));
}

#[test]
fn the_999_pyx12_writes_for_a_broken_837p_names_the_error() {
    let (text, sets) = an_837p();
    // An individual relationship code that does not exist (SBR02 "99").
    let broken = text.replacen("SBR*P*18*", "SBR*P*99*", 1);
    assert_ne!(broken, text);
    let ack = pyx12::acknowledge("ack-rejected.837", &broken);
    let groups = parse_999(&ack).unwrap_or_else(|e| panic!("{e}\n{ack}"));
    let g = &groups[0];
    assert_ne!(g.group_status, "A", "{ack}");
    let first = g.sets.iter().find(|s| s.control_number == sets[0]).expect("the broken set is acknowledged");
    assert!(!first.accepted(), "{first:?}");
    let errors = first.errors.join("\n");
    assert!(errors.contains("segment SBR") && errors.contains("\"99\""), "{errors}");
}

#[test]
fn each_reader_refuses_the_other_and_anything_else_by_its_transaction_set() {
    let (text, _) = an_837p();
    let ack = pyx12::acknowledge("ack-kinds.837", &text);
    assert!(matches!(parse_277ca(&ack), Err(X12Error::WrongTransaction { found, .. }) if found == "999"));
    let e = parse_acknowledgement(&text).unwrap_err();
    assert!(matches!(&e, X12Error::NotAnAcknowledgement { found, .. } if found == "837"), "{e:?}");
    assert!(e.to_string().contains("not an acknowledgement"), "{e}");
}

//! The one door (issue 11): every command the desktop shell registers reaches the practice
//! file only through `AppState::act` (or `pass` for the few that touch no file, or the door's
//! own open/create), naming an `Action`; and what passes the door is done by its actor.

mod shell;

use chrono::NaiveDate;
use claimdesk_core::{Action, Money, Source};
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::door::Door;
use claimdesk_store::{ApplyTo, PaymentInput, PaymentMethod, StoreError};

use shell::{actions_named, DOOR_OPENINGS};

fn variant(a: Action) -> String {
    format!("{a:?}")
}

#[test]
fn every_registered_command_goes_through_the_door() {
    let commands = shell::commands();
    assert!(commands.len() >= 90, "the shell registers {} commands", commands.len());
    let mut problems = Vec::new();
    for command in &commands {
        let block = &command.function.block;
        let body = quote::quote!(#block).to_string();
        let named = actions_named(&body);
        let opens = DOOR_OPENINGS.iter().any(|o| body.contains(o));
        if named.is_empty() && !opens {
            problems.push(format!("commands::{}::{} does not pass the door", command.module, command.name()));
        }
        for v in named {
            if !Action::ALL.iter().any(|&a| variant(a) == v) {
                problems.push(format!(
                    "commands::{}::{} names Action::{v}, which does not exist",
                    command.module,
                    command.name()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_app_state_hands_out_no_practice_file_but_through_the_door() {
    let methods = shell::app_state_methods();
    assert!(methods.iter().any(|(n, _)| n == "act"), "AppState::act is the door");
    for (name, signature) in &methods {
        if signature.split_whitespace().any(|token| token == "Store" || token == "Door") {
            assert!(
                name == "act" || name == "session",
                "AppState::{name} reaches the practice file without naming an action: {signature}"
            );
        }
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn what_passes_the_door_is_done_by_its_actor() {
    let dir = tempfile::tempdir().unwrap();
    let options = DemoOptions { specialty: Specialty::Physician, patients: 12, seed: 9, today: today() };
    let (store, _) =
        create_demo_with(&dir.path().join("door.claimdesk"), &options, &DemoActivity { visits: 20 }).unwrap();
    let mut door = Door::from_store(store);
    door.log_in("frontdesk", "demo-front-2026", Source::App).unwrap();
    let patient = door.act(Action::PatientsSearch, |s, _| s.search_patients("", &Default::default())).unwrap()[0].id;
    let payment = PaymentInput {
        patient_id: patient,
        received_on: Some(today()),
        method: PaymentMethod::Cash,
        reference: String::new(),
        amount: Money::from_cents(1500),
        apply: ApplyTo::OldestFirst,
    };
    let receipt = door.act(Action::PaymentPost, |s, actor| s.post_patient_payment(&payment, actor)).unwrap();
    door.log_out().unwrap();
    door.log_in("biller", "demo-billing-2026", Source::Cli).unwrap();
    door.act(Action::PostingReverse, |s, actor| s.reverse_posting(receipt.posting_id, "wrong account", actor)).unwrap();
    let ledger = door.act(Action::PatientLedger, |s, _| s.ledger_for_patient(patient)).unwrap();
    let taken = ledger
        .iter()
        .find(|e| e.kind == claimdesk_core::posting::EntryKind::PatientPayment && e.reversal_of.is_none())
        .expect("the payment");
    assert_eq!(taken.posted_by, "frontdesk");
    let reversed = ledger.iter().find(|e| e.reversal_of == Some(taken.id)).expect("its reversal");
    assert_eq!(reversed.posted_by, "biller");
    // A refusal inside the door changes nothing and comes back as the store's error.
    let refused: Result<usize, StoreError> =
        door.act(Action::PostingReverse, |s, actor| s.reverse_posting(receipt.posting_id, " ", actor));
    assert!(refused.is_err());
}

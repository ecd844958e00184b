//! Two programs never change the same practice file at once: a door that holds the file (the
//! app) keeps a second door (the command line) from changing it, but not from looking things
//! up or logging in; letting go lets the second one in.

use chrono::{NaiveDate, Utc};
use claimdesk_core::{Action, Money, Role, Source};
use claimdesk_demo::users::DEMO_USERS;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::door::Door;
use claimdesk_store::{ApplyTo, PaymentInput, PaymentMethod, Program, StoreError};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("Clinic.claimdesk");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let options = DemoOptions { specialty: Specialty::Physician, patients: 8, seed: 7, today };
    drop(create_demo_with(&path, &options, &DemoActivity { visits: 4 }).unwrap());
    claimdesk_demo::users::encrypt_demo_file(&path).unwrap();
    path
}

fn biller() -> (&'static str, &'static str) {
    let &(login, _, _, password) = DEMO_USERS.iter().find(|u| u.2 == Role::Biller).unwrap();
    (login, password)
}

/// The app's door: logged in as the biller, holding the file.
fn app(path: &Path) -> Door {
    let mut door = Door::open(path).unwrap();
    door.hold(Program::App, None).unwrap();
    let (login, password) = biller();
    door.log_in(login, password, Source::App).unwrap();
    door
}

/// A command line door, logged in (which needs no hold), taking the file on its first change.
fn command_line(
    path: &Path,
    wait: Option<Duration>,
    on_wait: impl FnMut(Option<&claimdesk_store::HolderInfo>) + Send + 'static,
) -> Door {
    let mut door = Door::open(path).unwrap().from_source(Source::Cli).holding_as(
        Program::command_line("payments post"),
        wait,
        on_wait,
    );
    let (login, password) = biller();
    door.log_in(login, password, Source::Cli).unwrap();
    door
}

fn post_payment(door: &mut Door) -> Result<(), StoreError> {
    let patient = door.act(Action::PatientsSearch, |s, _| s.search_patients("", &Default::default()))?[0].id;
    let payment = PaymentInput {
        patient_id: patient,
        received_on: Some(Utc::now().date_naive()),
        method: PaymentMethod::Cash,
        reference: String::new(),
        amount: Money::from_cents(1500),
        apply: ApplyTo::OldestFirst,
    };
    door.act(Action::PaymentPost, |s, actor| s.post_patient_payment(&payment, actor)).map(|_| ())
}

fn fingerprint(door: &mut Door) -> String {
    door.act(Action::PatientsSearch, |s, _| s.fingerprint()).unwrap()
}

#[test]
fn a_file_the_app_holds_is_looked_up_but_not_changed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let app = app(&path);
    let mut cli = command_line(&path, None, |_| panic!("no wait was asked for"));

    let before = fingerprint(&mut cli);
    assert!(cli.held_as().is_none(), "looking things up takes nothing");
    let refused = post_payment(&mut cli).unwrap_err();
    let StoreError::Conflict(message) = &refused else { panic!("expected a conflict, got {refused}") };
    assert!(message.starts_with("Clinic.claimdesk is in use by the ClaimDesk app ("), "{message}");
    assert!(message.contains(&format!("process {}", std::process::id())), "{message}");
    let computer = &app.held_as().unwrap().computer;
    assert!(message.contains(&format!("close it in ClaimDesk on {computer} first")), "{message}");
    assert_eq!(fingerprint(&mut cli), before, "the file is unchanged");
    assert!(cli.act(Action::PatientsSearch, |s, _| s.search_patients("", &Default::default())).is_ok());
    // A changing action that only looks this time (a dry run) takes nothing either.
    assert_eq!(cli.act_looking(Action::PaymentPost, |s, _| s.fingerprint()).unwrap(), before);
    assert!(cli.held_as().is_none());

    drop(app);
    post_payment(&mut cli).unwrap();
    assert_ne!(fingerprint(&mut cli), before);
    assert_eq!(cli.held_as().unwrap().program, Program::command_line("payments post"), "kept until dropped");

    // Now the command line has it, and the app is the one refused.
    let mut app = Door::open(&path).unwrap();
    let refused = app.hold(Program::App, None).unwrap_err();
    assert!(refused.to_string().contains("the claimdesk command-line tool (payments post)"), "{refused}");
    drop(cli);
    app.hold(Program::App, None).unwrap();
}

#[test]
fn the_command_line_waits_for_the_app_when_asked_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let app = app(&path);
    let (told, heard) = mpsc::channel();
    let closing = std::thread::spawn(move || {
        // The app closes the file only once the command line is waiting: never a fixed sleep.
        let who: String = heard.recv().unwrap();
        drop(app);
        who
    });
    let mut cli = command_line(&path, Some(Duration::from_secs(60)), move |holder| {
        told.send(claimdesk_store::holder::held_by(holder)).unwrap();
    });
    let before = fingerprint(&mut cli);
    post_payment(&mut cli).unwrap();
    let who = closing.join().unwrap();
    assert!(who.starts_with("the ClaimDesk app ("), "{who}");
    assert_ne!(fingerprint(&mut cli), before);
}

#[test]
fn a_new_file_is_held_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("New.claimdesk");
    let created = Door::create(&path, &claimdesk_demo::demo_practice(Specialty::Physician)).unwrap();
    assert_eq!(created.held_as().unwrap().program, Program::App);
    let refused = Door::open(&path).unwrap().hold(Program::command_line("check"), None).unwrap_err();
    assert!(matches!(refused, StoreError::Conflict(_)), "{refused}");
}

#[test]
fn an_administrator_logging_in_leaves_a_file_someone_else_holds_unencrypted_until_later() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Old.claimdesk");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let options = DemoOptions { specialty: Specialty::Physician, patients: 4, seed: 3, today };
    drop(create_demo_with(&path, &options, &DemoActivity { visits: 0 }).unwrap());
    let mut app = Door::open(&path).unwrap();
    app.hold(Program::App, None).unwrap();
    let &(login, _, _, password) = DEMO_USERS.iter().find(|u| u.2 == Role::Administrator).unwrap();

    // Encrypting rewrites the whole file: never under the app's feet, and the login still works.
    let mut cli = Door::open(&path).unwrap().holding_as(Program::command_line("check"), None, |_| {});
    cli.log_in(login, password, Source::Cli).unwrap();
    assert!(!cli.session().unwrap().encrypted);
    assert_eq!(claimdesk_store::file_kind(&path).unwrap(), claimdesk_store::FileKind::Plain);
    drop(cli);

    drop(app);
    let mut cli = Door::open(&path).unwrap().holding_as(Program::command_line("check"), None, |_| {});
    cli.log_in(login, password, Source::Cli).unwrap();
    assert!(cli.session().unwrap().encrypted, "the next login encrypts it");
    assert!(cli.take_recovery_key().is_some());
}

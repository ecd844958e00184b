//! Who may do what, and what the audit trail keeps (issue 12). The role matrix is generated
//! from the shell's registered commands and the roles table: every command's action, tried by
//! a user of each role at the one door, passes exactly when the table says so, and every
//! refusal is audited. Every write leaves one audit entry naming its user and record.

mod shell;

use chrono::{Duration, NaiveDate, Utc};
use claimdesk_core::{Action, Role, Source};
use claimdesk_demo::users::DEMO_USERS;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::door::Door;
use claimdesk_store::{
    ApplyTo, AuditEntry, AuditFilter, AuditOutcome, Keyring, NewUser, PaymentInput, PaymentMethod, Secret,
    SecuritySettings, Store, StoreError,
};
use std::path::{Path, PathBuf};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("roles.claimdesk");
    let options = DemoOptions { specialty: Specialty::Physician, patients: 10, seed: 4, today: today() };
    drop(create_demo_with(&path, &options, &DemoActivity { visits: 12 }).unwrap());
    // Encrypted as `claimdesk demo` leaves it, with every demo login wrapped.
    claimdesk_demo::users::encrypt_demo_file(&path).unwrap();
    path
}

/// The file itself, opened with its key (unwrapped with the administrator's password; no
/// login is recorded).
fn open_store(path: &Path) -> Store {
    let (login, password) = demo_user(Role::Administrator);
    let key = Keyring::load(path).unwrap().unlock(&Secret::Password { login, password }, Utc::now()).unwrap();
    Store::open_encrypted(path, &key).unwrap()
}

/// The demo user of `role`: (login, password).
fn demo_user(role: Role) -> (&'static str, &'static str) {
    let &(login, _, _, password) = DEMO_USERS.iter().find(|u| u.2 == role).expect("a demo user per role");
    (login, password)
}

fn logged_in(path: &Path, role: Role) -> Door {
    let mut door = Door::open(path).unwrap();
    let (login, password) = demo_user(role);
    door.log_in(login, password, Source::App).unwrap();
    door
}

/// The newest audit entry.
fn last_entry(path: &Path) -> AuditEntry {
    let store = open_store(path);
    store.audit_page(&AuditFilter { limit: Some(1), ..AuditFilter::default() }).unwrap().entries.remove(0)
}

fn audit_count(path: &Path) -> i64 {
    open_store(path).audit_count().unwrap()
}

#[test]
fn every_command_and_every_role_as_the_roles_table_says() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let commands = shell::commands();
    let mut tried = 0;
    let mut problems = Vec::new();
    for &role in Role::ALL {
        let mut door = logged_in(&path, role);
        for command in &commands {
            for variant in shell::actions_named(&shell::body_of(command)) {
                let action = *Action::ALL
                    .iter()
                    .find(|a| format!("{a:?}") == variant)
                    .unwrap_or_else(|| panic!("{} names Action::{variant}", command.name()));
                // Logging out would end this door's session; it is open to all (checked below).
                if action == Action::SessionLogOut {
                    continue;
                }
                tried += 1;
                let before = audit_count(&path);
                let result = door.act(action, |_, _| Ok::<_, StoreError>(()));
                let allowed = role.may(action);
                match (&result, allowed) {
                    (Ok(()), true) => {}
                    (Err(StoreError::NotAllowed(_)), false) => {
                        let entry = last_entry(&path);
                        if audit_count(&path) != before + 1
                            || entry.action != action.name()
                            || entry.outcome != AuditOutcome::Refused
                            || entry.user_name != demo_user(role).0
                        {
                            problems.push(format!("{role:?} refused {} without its audit entry", command.name()));
                        }
                    }
                    (other, _) => problems.push(format!(
                        "{role:?} {}: {:?}, the roles table says {}",
                        command.name(),
                        other.as_ref().err(),
                        if allowed { "allowed" } else { "refused" }
                    )),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every role tried every command (one action each at least).
    assert!(tried >= Role::ALL.len() * commands.len() - Role::ALL.len(), "tried {tried}");
    println!("role matrix: {} commands x {} roles = {tried} checks", commands.len(), Role::ALL.len());
}

#[test]
fn the_roles_table_in_the_readme_is_the_one_the_door_checks() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    let table = claimdesk_core::roles::roles_table_markdown();
    assert!(readme.contains(&table), "README.md's roles table differs; it must read:\n{table}");
}

#[test]
fn nobody_passes_before_logging_in_and_a_locked_screen_stops_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut door = Door::open(&path).unwrap();
    let refused = door.act(Action::PatientsSearch, |s, _| s.search_patients("", &Default::default()));
    assert!(matches!(refused, Err(StoreError::LoggedOut(_))), "{refused:?}");
    let (login, password) = demo_user(Role::FrontDesk);
    door.log_in(login, password, Source::App).unwrap();
    door.act(Action::PatientsSearch, |s, _| s.search_patients("", &Default::default())).unwrap();

    door.lock("locked by the user").unwrap();
    let refused = door.act(Action::PatientsSearch, |s, _| s.search_patients("", &Default::default()));
    assert!(matches!(refused, Err(StoreError::LoggedOut(_))), "{refused:?}");
    assert!(door.unlock("not the password").is_err());
    assert_eq!((last_entry(&path).action, last_entry(&path).outcome), ("unlock".to_string(), AuditOutcome::Failed));
    door.unlock(password).unwrap();
    door.act(Action::PatientsSearch, |s, _| s.search_patients("", &Default::default())).unwrap();
    let events: Vec<(String, AuditOutcome)> = open_store(&path)
        .audit_page(&AuditFilter::default())
        .unwrap()
        .entries
        .into_iter()
        .filter(|e| e.user_name == login)
        .map(|e| (e.action, e.outcome))
        .collect();
    for expected in [
        ("log_in".to_string(), AuditOutcome::Done),
        ("lock".to_string(), AuditOutcome::Done),
        ("unlock".to_string(), AuditOutcome::Failed),
        ("unlock".to_string(), AuditOutcome::Done),
    ] {
        assert!(events.contains(&expected), "{expected:?} in {events:?}");
    }
}

#[test]
fn each_write_leaves_one_entry_naming_its_user_and_record_and_a_look_at_a_patient_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut door = logged_in(&path, Role::Biller);
    let patient = door.act(Action::PatientsSearch, |s, _| s.search_patients("", &Default::default())).unwrap()[0].id;

    // Looking at a patient's record.
    let before = audit_count(&path);
    let mut record = door.act(Action::PatientGet, |s, _| s.view_patient(patient)).unwrap();
    let e = last_entry(&path);
    assert_eq!(audit_count(&path), before + 1);
    assert_eq!(
        (e.action.as_str(), e.record_kind.as_str(), e.record_id, e.patient_id),
        ("patient_get", "patient", Some(patient), Some(patient))
    );
    assert_eq!(e.user_name, "biller");
    // A search is not a look at a record.
    door.act(Action::PatientsSearch, |s, _| s.search_patients("a", &Default::default())).unwrap();
    assert_eq!(audit_count(&path), before + 1);

    // A change keeps the fields before and after.
    let old_phone = record.home_phone.clone();
    record.home_phone = "5125550199".into();
    door.act(Action::PatientSave, |s, actor| s.save_patient(&record, actor)).unwrap();
    let e = last_entry(&path);
    assert_eq!(audit_count(&path), before + 2);
    assert_eq!((e.action.as_str(), e.record_kind.as_str(), e.record_id), ("patient_save", "patient", Some(patient)));
    let detail: serde_json::Value = serde_json::from_str(&e.detail).unwrap();
    assert_eq!(detail["changed"]["home_phone"], serde_json::json!([old_phone, "5125550199"]), "{}", e.detail);

    // A payment and its reversal, each one entry with its record.
    let payment = PaymentInput {
        patient_id: patient,
        received_on: Some(Utc::now().date_naive()),
        method: PaymentMethod::Cash,
        reference: String::new(),
        amount: claimdesk_core::Money::from_cents(2500),
        apply: ApplyTo::OldestFirst,
    };
    let receipt = door.act(Action::PaymentPost, |s, actor| s.post_patient_payment(&payment, actor)).unwrap();
    let e = last_entry(&path);
    assert_eq!(audit_count(&path), before + 3);
    assert_eq!((e.action.as_str(), e.record_kind.as_str(), e.patient_id), ("payment_post", "payment", Some(patient)));
    door.act(Action::PostingReverse, |s, actor| s.reverse_posting(receipt.posting_id, "wrong account", actor)).unwrap();
    let e = last_entry(&path);
    assert_eq!(audit_count(&path), before + 4);
    assert_eq!(
        (e.action.as_str(), e.record_kind.as_str(), e.record_id),
        ("posting_reverse", "posting", Some(receipt.posting_id))
    );

    // A refused write changes nothing and leaves no "done" entry.
    let refused = door.act(Action::PostingReverse, |s, actor| s.reverse_posting(receipt.posting_id, "again", actor));
    assert!(refused.is_err());
    assert_eq!(audit_count(&path), before + 4);

    // Settings, as the administrator.
    let mut admin = logged_in(&path, Role::Administrator);
    let before = audit_count(&path);
    admin.save_security_settings(&SecuritySettings { lock_after_minutes: 15 }).unwrap();
    let e = last_entry(&path);
    assert_eq!(audit_count(&path), before + 1);
    assert_eq!(
        (e.action.as_str(), e.record_kind.as_str(), e.user_name.as_str()),
        ("security_settings_save", "setting", "admin")
    );
    assert!(e.detail.contains(r#""lock_after_minutes":[10,15]"#), "{}", e.detail);

    // The chain holds after all of it.
    assert_eq!(open_store(&path).audit_chain_problem().unwrap(), None);
}

#[test]
fn logins_slow_down_after_five_failures_and_every_failure_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = open_store(&path);
    let (login, password) = demo_user(Role::Biller);
    let start = Utc::now();
    for i in 0..5 {
        let e = store.log_in(login, "wrong password here", Source::App, start + Duration::seconds(i)).unwrap_err();
        assert!(e.to_string().contains("do not match"), "{e}");
    }
    // The sixth try, even with the right password, must wait.
    let e = store.log_in(login, password, Source::App, start + Duration::seconds(5)).unwrap_err();
    assert!(e.to_string().contains("try again in"), "{e}");
    // After the wait it goes.
    store.log_in(login, password, Source::App, start + Duration::seconds(30)).unwrap();
    let failed = store
        .audit_page(&AuditFilter { action: Some("log_in".into()), ..AuditFilter::default() })
        .unwrap()
        .entries
        .iter()
        .filter(|e| e.user_name == login && e.outcome == AuditOutcome::Failed)
        .count();
    assert_eq!(failed, 5);
    // An unknown login fails the same way, and is audited under the name typed.
    let e = store.log_in("nobody", "whatever whatever", Source::Cli, Utc::now()).unwrap_err();
    assert!(e.to_string().contains("do not match"), "{e}");
    assert_eq!(last_entry_of(&store).user_name, "nobody");
}

fn last_entry_of(store: &Store) -> AuditEntry {
    store.audit_page(&AuditFilter { limit: Some(1), ..AuditFilter::default() }).unwrap().entries.remove(0)
}

#[test]
fn a_reset_forces_a_new_password_and_a_deactivated_user_cannot_log_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut admin = logged_in(&path, Role::Administrator);
    let desk =
        admin.act(Action::UsersList, |s, _| s.users()).unwrap().into_iter().find(|u| u.login == "frontdesk").unwrap();
    admin.reset_password(desk.id, "temporary pass 42").unwrap();

    let mut door = Door::open(&path).unwrap();
    assert!(door.log_in("frontdesk", "demo-front-2026", Source::App).is_err(), "the old password is gone");
    door.log_in("frontdesk", "temporary pass 42", Source::App).unwrap();
    assert!(door.session().unwrap().must_change_password);
    let refused = door.act(Action::PatientsSearch, |s, _| s.search_patients("", &Default::default()));
    assert!(matches!(refused, Err(StoreError::LoggedOut(_))), "{refused:?}");
    assert!(door.change_password("temporary pass 42", "short").is_err(), "a weak password is refused");
    door.change_password("temporary pass 42", "new desk phrase 2026").unwrap();
    assert!(!door.session().unwrap().must_change_password);
    door.act(Action::PatientsSearch, |s, _| s.search_patients("", &Default::default())).unwrap();

    // Deactivated: refused at login, kept on file (the audit trail names them).
    // Their wrapping of the file's key leaves the key file: their password opens nothing.
    admin.set_user_active(desk.id, false).unwrap();
    let e = Door::open(&path).unwrap().log_in("frontdesk", "new desk phrase 2026", Source::App).unwrap_err();
    assert!(e.to_string().contains("do not match"), "{e:?}");
    assert!(!Keyring::load(&path).unwrap().logins().contains(&"frontdesk".to_string()));
    assert!(admin
        .act(Action::UsersList, |s, _| s.users())
        .unwrap()
        .iter()
        .any(|u| u.login == "frontdesk" && !u.active));
    // The last administrator stays.
    let me = admin.session().unwrap().user.unwrap();
    assert!(admin.set_user_active(me.id, false).is_err());
}

#[test]
fn a_file_without_users_asks_for_its_administrator_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.claimdesk");
    let mut door = Door::create(&path, &claimdesk_demo::demo_practice(Specialty::Physician)).unwrap();
    assert!(door.needs_administrator().unwrap());
    assert!(door.log_in("admin", "anything at all", Source::App).is_err());
    let new = NewUser {
        login: "owner".into(),
        full_name: "Olive Owner".into(),
        role: Role::Administrator,
        password: "short".into(),
    };
    assert!(door.create_administrator(&new, Source::App).is_err(), "a short password is refused");
    let new = NewUser { password: "olive tree morning light".into(), ..new };
    door.create_administrator(&new, Source::App).unwrap();
    door.act(Action::UsersList, |s, _| s.users()).unwrap();
    // Creating the administrator encrypted the file; its recovery key waits to be printed.
    let session = door.session().unwrap();
    assert!(session.encrypted && session.recovery_sheet_pending, "{session:?}");
    assert!(door.take_recovery_key().is_some());
    assert!(!door.session().unwrap().recovery_sheet_pending);
    let again = Door::open(&path).unwrap().create_administrator(&new, Source::App);
    assert!(again.is_err(), "only once");
    // Passwords are kept only as argon2id hashes.
    let key = Keyring::load(&path)
        .unwrap()
        .unlock(&Secret::Password { login: "owner", password: "olive tree morning light" }, Utc::now())
        .unwrap();
    let conn = claimdesk_store::open_connection(&path, &key).unwrap();
    let hash: String =
        conn.query_row("SELECT password_hash FROM users WHERE login = 'owner'", [], |r| r.get(0)).unwrap();
    assert!(hash.starts_with("$argon2id$") && !hash.contains("olive"), "{hash}");
    let audit: String = conn.query_row("SELECT group_concat(detail, ' ') FROM audit_log", [], |r| r.get(0)).unwrap();
    assert!(!audit.contains("olive tree") && !audit.contains("argon2"), "no password in the audit trail");
}

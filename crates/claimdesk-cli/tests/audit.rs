//! The command line logs in like the app, is refused what the user's role may not do, and
//! `check` finds an audit trail someone edited with sqlite3 (issue 12).

mod common;
use common::*;

use claimdesk_core::Role;
use claimdesk_jobs::door::Door;
use std::path::Path;
use std::process::Command;

const DESK: (&str, &str) = ("frontdesk", "demo-front-2026");
const AUDITOR: (&str, &str) = ("auditor", "demo-reading-2026");

fn without_login(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .env_remove("CLAIMDESK_DB")
        .env_remove("CLAIMDESK_USER")
        .env_remove("CLAIMDESK_PASSWORD")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn the_cli_needs_a_login_and_a_right_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 10, 3);
    let out = without_login(&db, &["patients", "search", "a"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("--user"), "{}", stderr(&out));

    let out = claimdesk_as(("admin", "not the password"), &db, &["patients", "search", "a"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("do not match"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("not the password"), "the password is never echoed");

    // From a file.
    let file = dir.path().join("pw");
    std::fs::write(&file, "demo-office-2026\n").unwrap();
    let out = without_login(&db, &["--user", "admin", "--password-file", file.to_str().unwrap(), "check"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    // A file made before logins asks for its administrator first.
    let old = dir.path().join("old.claimdesk");
    drop(Door::create(&old, &claimdesk_demo::demo_practice(claimdesk_demo::Specialty::Physician)).unwrap());
    let out = claimdesk(&old, &["check"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("admin-create"), "{}", stderr(&out));
    let out = claimdesk_as(
        ("owner", "olive tree morning light"),
        &old,
        &["admin-create", "--login", "owner", "--name", "Olive Owner"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    ok(claimdesk_as(("owner", "olive tree morning light"), &old, &["check"]));
}

#[test]
fn each_role_is_refused_what_the_roles_table_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 10, 3);
    let out = dir.path().join("all.csv");
    // Front desk: no export of all patients, no practice reports; a search is fine.
    let refused = claimdesk_as(DESK, &db, &["patients", "export", out.to_str().unwrap()]);
    assert_eq!(code(&refused), 1);
    assert!(stderr(&refused).contains("may not"), "{}", stderr(&refused));
    assert!(!out.exists());
    assert_eq!(code(&claimdesk_as(DESK, &db, &["reports", "aging"])), 1);
    ok(claimdesk_as(DESK, &db, &["patients", "search", "a"]));
    // Read-only: reports, and nothing that writes.
    ok(claimdesk_as(AUDITOR, &db, &["reports", "aging"]));
    let refused = claimdesk_as(AUDITOR, &db, &["posting-rules", "--write-off-oa", "yes"]);
    assert_eq!(code(&refused), 1, "{}", stderr(&refused));
    // Only administrators read the audit trail, and it names the refusals.
    assert_eq!(code(&claimdesk_as(("biller", "demo-billing-2026"), &db, &["audit", "list"])), 1);
    let list = ok_json(claimdesk(&db, &["--json", "audit", "list", "--user", "frontdesk"]));
    let actions: Vec<(&str, &str)> = list["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["outcome"].as_str().unwrap()))
        .collect();
    assert!(actions.contains(&("patients_export", "refused")), "{actions:?}");
    assert!(actions.contains(&("log_in", "done")), "{actions:?}");
    assert!(list["entries"].as_array().unwrap().iter().all(|e| e["user_name"] == "frontdesk"));
    // As CSV, by kind.
    let csv = stdout(&ok(claimdesk(&db, &["audit", "list", "--kind", "patients_export", "--csv"])));
    assert!(csv.starts_with("Entry,When (UTC),User"), "{csv}");
    assert!(csv.contains("frontdesk") && csv.contains("refused"), "{csv}");
}

#[test]
fn every_subcommand_and_every_role_pass_the_door_as_the_roles_table_says() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 5, 3);
    let mut checks = 0;
    for &role in Role::ALL {
        let &(login, _, _, password) = claimdesk_demo::users::DEMO_USERS.iter().find(|u| u.2 == role).unwrap();
        let mut door = Door::open(&db).unwrap();
        door.log_in(login, password, claimdesk_core::Source::Cli).unwrap();
        for &(path, action) in claimdesk_cli::actions::SUBCOMMANDS {
            // `demo` makes a new file and `admin-create` works before any login: neither opens a session.
            if matches!(path, "demo" | "admin-create") {
                continue;
            }
            let passed = door.act(action, |_, _| Ok::<_, claimdesk_store::StoreError>(())).is_ok();
            assert_eq!(passed, role.may(action), "{role:?} `claimdesk {path}`");
            checks += 1;
        }
    }
    println!("CLI role matrix: {checks} checks");
}

#[test]
fn check_names_the_audit_entry_edited_or_deleted_with_sqlite3() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 10, 3);
    // A few entries: logins and a look at a patient.
    let account = ok_json(claimdesk(&db, &["--json", "patients", "search", "a"]))["results"][0]["account_number"]
        .as_str()
        .unwrap()
        .to_string();
    ok(claimdesk(&db, &["patients", "show", &account]));
    ok(claimdesk(&db, &["check"]));

    let conn = insider_connection(&db);
    // The program refuses to change an entry...
    assert!(conn.execute("UPDATE audit_log SET user_name = 'someone' WHERE id = 2", []).is_err());
    // ...but sqlite3 can drop the guard; the chain still tells.
    conn.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
    conn.execute("UPDATE audit_log SET user_name = 'someone' WHERE id = 2", []).unwrap();
    let out = claimdesk(&db, &["check"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("entry 2 was altered"), "{}", stderr(&out));

    let copy = dir.path().join("q.claimdesk");
    let db2 = demo(dir.path(), "q0.claimdesk", 10, 3);
    move_practice(&db2, &copy);
    ok(claimdesk(&copy, &["patients", "show", &account]));
    let conn = insider_connection(&copy);
    conn.execute_batch("DROP TRIGGER audit_log_no_delete;").unwrap();
    conn.execute("DELETE FROM audit_log WHERE id = 2", []).unwrap();
    let out = claimdesk(&copy, &["check"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("entry 2 is missing"), "{}", stderr(&out));
}

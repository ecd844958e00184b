//! Files the real `claimdesk` binary writes are written whole: with the disk made to fail
//! halfway (CLAIMDESK_FAIL_WRITES_AFTER, read by test builds only), an export leaves no file and
//! no temporary file at the target, and a file already there is left exactly as it was.

mod common;
use common::*;

use std::path::Path;
use std::process::{Command, Output};

fn failing(db: &Path, after: u64, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .env_remove("CLAIMDESK_DB")
        .env("CLAIMDESK_FAIL_WRITES_AFTER", after.to_string())
        .env("CLAIMDESK_USER", ADMIN.0)
        .env("CLAIMDESK_PASSWORD", ADMIN.1)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the claimdesk binary runs")
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn an_export_that_fails_halfway_leaves_no_file_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 30, 5);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();

    let exports: [(&str, Vec<&str>); 3] = [
        ("patients.csv", vec!["patients", "export"]),
        ("fees.csv", vec!["fees", "export"]),
        ("aging.pdf", vec!["reports", "aging", "--pdf"]),
    ];
    for (name, command) in exports {
        let target = out.join(name);
        let target_text = target.to_str().unwrap();
        let args: Vec<&str> = command.iter().copied().chain([target_text]).collect();

        ok(claimdesk(&db, &args));
        let whole = std::fs::read(&target).unwrap();
        assert!(whole.len() > 300, "{name}: {} bytes", whole.len());
        std::fs::remove_file(&target).unwrap();

        let failed = failing(&db, 200, &args);
        assert_eq!(code(&failed), 1, "{name}: {}", stderr(&failed));
        let message = stderr(&failed);
        assert!(message.contains(name) && message.contains("injected"), "{name}: {message}");
        assert!(names(&out).is_empty(), "{name}: {:?} left behind", names(&out));

        std::fs::write(&target, b"the export of last month").unwrap();
        assert_eq!(code(&failing(&db, 200, &args)), 1, "{name}");
        assert_eq!(std::fs::read(&target).unwrap(), b"the export of last month", "{name}");
        assert_eq!(names(&out), vec![name.to_string()], "{name}: only the old file");

        // Without the failure the old file is replaced by the whole export.
        ok(claimdesk(&db, &args));
        assert_eq!(std::fs::read(&target).unwrap(), whole, "{name}");
        std::fs::remove_file(&target).unwrap();
    }
}

//! Encryption at rest: a converted practice file holds no readable text, opens only with its
//! data key, and the key file wraps that key per password.

mod common;

use claimdesk_store::{file_kind, keyring_path, DataKey, FileKind, Keyring, Secret, Store};
use std::path::Path;

fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

fn encrypted_clinic(dir: &Path) -> (std::path::PathBuf, DataKey) {
    let path = dir.join("clinic.claimdesk");
    drop(Store::create(&path, &common::practice("Zebediah Test Clinic")).unwrap());
    let key = DataKey::random();
    let mut ring = Keyring::new(false);
    ring.add_password("admin", "a long enough password", &key).unwrap();
    Store::encrypt_file(&path, &key, &ring).unwrap();
    (path, key)
}

#[test]
fn a_converted_file_opens_only_with_its_key_and_holds_no_readable_text() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key) = encrypted_clinic(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    assert!(!contains(&bytes, b"Zebediah"), "the practice name is readable");
    assert!(!contains(&bytes, b"CREATE TABLE"), "the schema is readable");
    assert!(!contains(&bytes, b"SQLite format 3"), "the header is readable");
    assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
    assert!(Store::open(&path).is_err());
    let wrong = Store::open_encrypted(&path, &DataKey::random()).err().expect("a wrong key opens nothing");
    assert!(wrong.to_string().contains("does not open"), "{wrong}");
    let store = Store::open_encrypted(&path, &key).unwrap();
    assert_eq!(store.practice().unwrap().name, "Zebediah Test Clinic");
    assert!(store.check().unwrap().is_empty());
    assert!(store.is_encrypted());
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".encrypting")), "{names:?}");
}

#[test]
fn the_key_file_opens_the_file_with_the_password_and_a_write_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = encrypted_clinic(dir.path());
    let mut ring = Keyring::load(&path).unwrap();
    let key = ring
        .unlock(&Secret::Password { login: "admin", password: "a long enough password" }, chrono::Utc::now())
        .unwrap();
    {
        let mut store = Store::open_encrypted(&path, &key).unwrap();
        store.save_payer(&common::payer("Zebediah Mutual", "ZM001", claimdesk_core::PayerKind::Commercial)).unwrap();
    }
    let store = Store::open_encrypted(&path, &key).unwrap();
    assert_eq!(store.list_payers().unwrap().len(), 1);
    assert!(keyring_path(&path).is_file());
}

#[test]
fn converting_twice_or_a_foreign_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key) = encrypted_clinic(dir.path());
    let ring = Keyring::new(false);
    assert!(Store::encrypt_file(&path, &key, &ring).is_err());
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a practice").unwrap();
    assert!(Store::encrypt_file(&text, &key, &ring).is_err());
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "not a practice");
}

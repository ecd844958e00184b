//! Bad input through the real `claimdesk` binary: every case is refused (exit 1, stderr naming
//! the field or the record) and the practice is unchanged, or accepted and stored exactly as
//! typed. "Unchanged" is the practice's logical fingerprint (`check --json`: its records, not
//! the audit trail or the users, which a login changes; not the file's bytes).
//!
//! The cases are tables; a new bad input is one row.

mod common;
use common::*;

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// What must happen to a case.
enum Then {
    /// Exit 1, stderr holds every one of these, the practice is unchanged.
    Refused(Vec<&'static str>),
    /// Exit 0 and the practice is unchanged (a search, a read).
    Harmless,
}

struct Case {
    what: &'static str,
    args: Vec<String>,
    then: Then,
}

fn refused(what: &'static str, args: &[&str], needles: &[&'static str]) -> Case {
    Case { what, args: args.iter().map(|a| a.to_string()).collect(), then: Then::Refused(needles.to_vec()) }
}

fn harmless(what: &'static str, args: &[&str]) -> Case {
    Case { what, args: args.iter().map(|a| a.to_string()).collect(), then: Then::Harmless }
}

/// The arguments `base` with `extra`'s flags (pairs of flag and value, or a lone flag that
/// takes none): a flag already in `base` gets the new value.
fn with(base: &[&str], extra: &[&str]) -> Vec<String> {
    let mut a: Vec<String> = base.iter().map(|s| s.to_string()).collect();
    let mut rest = extra.iter().peekable();
    while let Some(flag) = rest.next() {
        // `--amount=-5.00` (a value that starts with a dash) replaces `--amount 20.00`.
        if let Some((name, _)) = flag.split_once('=') {
            if let Some(i) = a.iter().position(|x| x == name) {
                a.drain(i..i + 2);
            }
            a.push(flag.to_string());
            continue;
        }
        let value = rest.next_if(|v| !v.starts_with("--"));
        match (a.iter().position(|x| x == flag), value) {
            (Some(i), Some(v)) => a[i + 1] = v.to_string(),
            (_, v) => {
                a.push(flag.to_string());
                a.extend(v.map(|v| v.to_string()));
            }
        }
    }
    a
}

fn fingerprint(db: &Path) -> String {
    ok_json(claimdesk(db, &["--json", "check"]))["fingerprint"].as_str().expect("check --json has a fingerprint").into()
}

/// The demo file read with SQL, only to find the ids the cases name. Once demo files are
/// encrypted (SQLCipher), this is `common::insider_connection(db)`.
fn read_directly(db: &Path) -> Connection {
    // The demo file is encrypted: read it as an insider with its key would.
    insider_connection(db)
}

/// What the cases need to know about the demo practice.
struct Fixture {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    db: PathBuf,
    /// An account whose guarantor is the patient.
    account: String,
    /// A visit of that account.
    own_visit: String,
    /// A visit of a patient outside that account.
    other_visit: String,
    npi: String,
    payer: String,
    /// A recent past date of service, MM/DD/YYYY.
    date: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "bad.claimdesk", 30, 7);
    let conn = read_directly(&db);
    let one = |sql: &str| -> String {
        conn.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => panic!("unexpected {other:?}"),
            })
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    };
    let patient = one("SELECT p.id FROM patients p WHERE p.guarantor_patient_id IS NULL
           AND EXISTS (SELECT 1 FROM visits v WHERE v.patient_id = p.id) ORDER BY p.id LIMIT 1");
    let account = one(&format!("SELECT account_number FROM patients WHERE id = {patient}"));
    let own_visit = one(&format!("SELECT id FROM visits WHERE patient_id = {patient} ORDER BY id LIMIT 1"));
    let other_visit = one(&format!(
        "SELECT v.id FROM visits v JOIN patients p ON p.id = v.patient_id
         WHERE p.id <> {patient} AND coalesce(p.guarantor_patient_id, 0) <> {patient} ORDER BY v.id LIMIT 1"
    ));
    let npi = one("SELECT npi FROM providers WHERE is_rendering = 1 ORDER BY id LIMIT 1");
    let payer = one("SELECT payer_id FROM payers WHERE payer_id <> '' ORDER BY id LIMIT 1");
    drop(conn);
    let date = (chrono::Local::now().date_naive() - chrono::Days::new(7)).format("%m/%d/%Y").to_string();
    let path = dir.path().to_path_buf();
    Fixture { _dir: dir, dir: path, db, account, own_visit, other_visit, npi, payer, date }
}

/// Files the import and output cases name.
struct Files {
    text: String,
    empty: String,
    binary: String,
    csv_as_835: String,
    patients_bad_rows: String,
    patients_control: String,
    fees_bad_amount: String,
    fees_sub_cent: String,
    missing: String,
    missing_folder_out: String,
    folder: String,
}

fn files(dir: &Path) -> Files {
    let put = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    };
    let header = claimdesk_store::patient_csv::HEADER.join(",");
    let row = |last: &str| {
        let mut cells = vec![String::new(); claimdesk_store::patient_csv::HEADER.len()];
        cells[1] = last.to_string();
        cells[2] = "Ann".into();
        cells[4] = "01/02/1980".into();
        cells[5] = "F".into();
        cells.join(",")
    };
    let fees_header = claimdesk_store::fee_csv::HEADER.join(",");
    Files {
        text: put("notes.txt", "this is a note, not an import file\n".repeat(20).as_bytes()),
        empty: put("empty.csv", b""),
        binary: put("picture.png", &[0x89, b'P', b'N', b'G', 0, 0xff, 0xfe, 1, 2, 3, 0, 0x1b, 0x9b]),
        csv_as_835: put("remit.835", b"last_name,first_name\nDoe,Jane\n"),
        patients_bad_rows: put(
            "patients.csv",
            format!("{header}\n{}\n{}\n", row("Ok"), row(&"X".repeat(100_000))).as_bytes(),
        ),
        patients_control: put("patients-esc.csv", format!("{header}\n{}\n", row("Evil\u{1b}[2J")).as_bytes()),
        fees_bad_amount: put(
            "fees.csv",
            format!("{fees_header}\nstandard,99213,,Office visit,-5.00,01/01/2026,\n").as_bytes(),
        ),
        fees_sub_cent: put(
            "fees2.csv",
            format!("{fees_header}\nstandard,99213,,Office visit,10.001,01/01/2026,\n").as_bytes(),
        ),
        missing: dir.join("no-such-file.835").display().to_string(),
        missing_folder_out: dir.join("no-such-folder").join("out.pdf").display().to_string(),
        folder: dir.display().to_string(),
    }
}

fn cases(f: &Fixture, files: &Files) -> Vec<Case> {
    let long = "x".repeat(100_000);
    let long = long.as_str();
    let (acct, npi, date, payer) = (f.account.as_str(), f.npi.as_str(), f.date.as_str(), f.payer.as_str());
    let patient = |extra: &[&str]| {
        with(&["patients", "add", "--last", "Doe", "--first", "Jane", "--dob", "01/02/1980", "--sex", "F"], extra)
    };
    let pay = |extra: &[&str]| with(&["payments", "post", "--account", acct, "--method", "cash"], extra);
    let plan = |extra: &[&str]| {
        let base = ["plans", "create", "--account", acct, "--amount", "20.00", "--installments", "2"];
        with(&[&base[..], &["--frequency", "monthly", "--first-due", "01/15/2099"]].concat(), extra)
    };
    let visit = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = ["visits", "add", "--account", acct, "--provider", npi, "--dx", "J02.0"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        if !extra.contains(&"--date") {
            a.extend(["--date".to_string(), date.to_string()]);
        }
        if !extra.contains(&"--line") {
            a.extend(["--line".to_string(), "99213".to_string()]);
        }
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let owned = |what: &'static str, args: Vec<String>, needles: &[&'static str]| Case {
        what,
        args,
        then: Then::Refused(needles.to_vec()),
    };
    let with_payer = |more: &[&str]| {
        let mut a = vec!["--payer", payer, "--member-id", "M123"];
        a.extend_from_slice(more);
        patient(&a)
    };
    let esc = "Jane\u{1b}[31m";
    let bell = "Ja\u{7}ne";
    let tab = "Ja\tne";
    let newline = "Ja\nne";
    let del = "Ja\u{7f}ne";
    let c1 = "Ja\u{9b}ne";

    vec![
        // Dates: malformed, impossible, future, absurd.
        owned("impossible birth date", patient(&["--dob", "2026-02-30"]), &["birth_date"]),
        owned("impossible birth date, US form", patient(&["--dob", "02/30/1980"]), &["birth_date"]),
        owned("month 13", patient(&["--dob", "13/01/1980"]), &["birth_date"]),
        owned("birth date in words", patient(&["--dob", "yesterday"]), &["birth_date"]),
        owned("birth date in the future", patient(&["--dob", "01/01/2999"]), &["birth_date"]),
        owned("birth date in 1800", patient(&["--dob", "01/01/1800"]), &["birth_date"]),
        owned("SQL in a birth date", patient(&["--dob", "1980-01-01'; DROP TABLE patients;--"]), &["birth_date"]),
        owned("impossible policy start", with_payer(&["--effective-from", "2026-02-30"]), &["effective_from"]),
        owned("impossible date of service", visit(&["--date", "2026-02-30"]), &["service_date"]),
        owned("date of service 00/00/0000", visit(&["--date", "00/00/0000"]), &["service_date"]),
        owned("impossible date received", pay(&["--amount", "5", "--date", "2026-02-30"]), &["received_on"]),
        owned("payment dated in the future", pay(&["--amount", "5", "--date", "12/31/2999"]), &["received_on"]),
        refused("impossible claims list date", &["claims", "list", "--from", "2026-02-30"], &["from"]),
        refused(
            "impossible statement date",
            &["statements", "run", "--dry-run", "--date", "2026-02-30"],
            &["statement_date"],
        ),
        // Huge strings.
        owned("100,000-character last name", patient(&["--last", long]), &["last_name", "at most 60"]),
        owned("100,000-character first name", patient(&["--first", long]), &["first_name", "at most 35"]),
        owned("100,000-character middle name", patient(&["--middle", long]), &["middle_name"]),
        owned("61-character last name", patient(&["--last", &"L".repeat(61)]), &["last_name", "at most 60"]),
        owned(
            "100,000-character street",
            patient(&["--address1", long, "--city", "Austin", "--state", "TX", "--zip", "78701"]),
            &["address.line1", "at most 55"],
        ),
        owned(
            "31-character city",
            patient(&["--address1", "1 Main St", "--city", &"C".repeat(31), "--state", "TX", "--zip", "78701"]),
            &["address.city", "at most 30"],
        ),
        owned("100,000-character e-mail", patient(&["--email", long]), &["email"]),
        owned("100,000-character member ID", with_payer(&["--member-id", long]), &["member_id"]),
        owned("100,000-character payment reference", pay(&["--amount", "5", "--reference", long]), &["reference"]),
        owned(
            "100,000-character charge reason",
            visit(&["--line", "99213::::1.00", "--charge-reason", long]),
            &["charge_override_reason"],
        ),
        refused("100,000-character hold reason", &["patients", "hold", acct, "--reason", long], &["reason"]),
        refused("100,000-character agency", &["collections", "send", acct, "--agency", long], &["agency"]),
        refused("100,000-character account number", &["patients", "show", long], &["was not found"]),
        // Control and escape characters.
        owned("escape sequence in a last name", patient(&["--last", esc]), &["last_name", "escape"]),
        owned("bell in a first name", patient(&["--first", bell]), &["first_name", "control character"]),
        owned("tab in a first name", patient(&["--first", tab]), &["first_name", "tab"]),
        owned("line break in a last name", patient(&["--last", newline]), &["last_name", "line break"]),
        owned("DEL in a middle name", patient(&["--middle", del]), &["middle_name"]),
        owned("C1 control (CSI) in a last name", patient(&["--last", c1]), &["last_name"]),
        owned(
            "escape in a city",
            patient(&["--address1", "1 Main St", "--city", esc, "--state", "TX", "--zip", "78701"]),
            &["address.city"],
        ),
        owned("escape in a payment reference", pay(&["--amount", "5", "--reference", esc]), &["reference"]),
        refused("escape in a hold reason", &["patients", "hold", acct, "--reason", esc], &["reason", "escape"]),
        refused("tab in an agency", &["collections", "send", acct, "--agency", tab], &["agency", "tab"]),
        refused(
            "line break in a plan's end reason",
            &["plans", "end", "1", "--cancelled", "--reason", newline],
            &["reason"],
        ),
        // SQL metacharacters where they are not allowed.
        owned("SQL in a member ID", with_payer(&["--member-id", "';DROP TABLE patients;--"]), &["member_id"]),
        owned(
            "SQL in a state",
            patient(&["--address1", "1 Main", "--city", "Austin", "--state", "T'", "--zip", "78701"]),
            &["address.state"],
        ),
        owned("SQL as a payer", with_payer(&["--payer", "' OR 1=1 --"]), &["payer"]),
        refused("SQL as an account", &["patients", "show", "1001' OR '1'='1"], &["was not found"]),
        // Amounts: negative, zero, sub-cent, huge, not numbers.
        owned("negative payment", pay(&["--amount=-5.00"]), &["amount"]),
        owned("zero payment", pay(&["--amount", "0"]), &["amount"]),
        owned("sub-cent payment", pay(&["--amount", "0.001"]), &["amount"]),
        owned("huge payment", pay(&["--amount", "1000000000000000"]), &["amount"]),
        owned("1e15 payment", pay(&["--amount", "1e15"]), &["amount"]),
        owned("payment in words", pay(&["--amount", "ten dollars"]), &["amount"]),
        owned("NaN payment", pay(&["--amount", "NaN"]), &["amount"]),
        owned("negative copay", with_payer(&["--copay=-25"]), &["copay"]),
        owned("sub-cent copay", with_payer(&["--copay", "0.001"]), &["copay"]),
        owned("negative charge", visit(&["--line", "99213::::-5.00"]), &["charge"]),
        owned("sub-cent charge", visit(&["--line", "99213::::10.001"]), &["charge"]),
        owned("huge charge", visit(&["--line", "99213::::1000000000000000"]), &["charge"]),
        owned("zero units", visit(&["--line", "99213:::0"]), &["units"]),
        owned("pointer past L", visit(&["--line", "99213::Z"]), &["pointers"]),
        owned("check without its number", pay(&["--amount", "5", "--method", "check"]), &["reference"]),
        owned(
            "a whole card number",
            pay(&["--amount", "5", "--method", "card", "--reference", "4111111111111111"]),
            &["reference"],
        ),
        owned("negative plan amount", plan(&["--amount=-20.00"]), &["financed"]),
        owned("sub-cent plan amount", plan(&["--amount", "20.001"]), &["financed"]),
        owned("zero plan amount", plan(&["--amount", "0"]), &["financed"]),
        owned("impossible first due date", plan(&["--first-due", "02/30/2099"]), &["first_due"]),
        refused(
            "minimum balance in words",
            &["statements", "run", "--dry-run", "--min-balance", "abc"],
            &["min_balance"],
        ),
        // Records that do not exist, or belong to another account.
        owned(
            "payment to a visit that does not exist",
            pay(&["--amount", "5", "--visit", "99999999"]),
            &["apply.visit_ids", "99999999"],
        ),
        owned(
            "copay for a visit that does not exist",
            pay(&["--amount", "5", "--copay", "--visit", "99999999"]),
            &["apply.visit_id"],
        ),
        owned(
            "payment to another account's visit",
            pay(&["--amount", "5", "--visit", &f.other_visit]),
            &["apply.visit_ids", "not on this account"],
        ),
        owned(
            "payment to its own visit and another account's",
            pay(&["--amount", "5", "--visit", &f.own_visit, "--visit", &f.other_visit]),
            &["apply.visit_ids"],
        ),
        refused(
            "payment on an account that does not exist",
            &["payments", "post", "--account", "99999999", "--amount", "5", "--method", "cash"],
            &["account 99999999", "not found"],
        ),
        owned(
            "plan over another account's visit",
            plan(&["--amount", "1.00", "--visit", &f.other_visit]),
            &["visit_ids", "not on this account"],
        ),
        refused(
            "visit for an account that does not exist",
            &[
                "visits",
                "add",
                "--account",
                "99999999",
                "--date",
                date,
                "--provider",
                npi,
                "--dx",
                "J02.0",
                "--line",
                "99213",
            ],
            &["patient_id", "99999999"],
        ),
        owned("visit by a provider that does not exist", visit(&["--referring", "1234567893"]), &["referring"]),
        owned(
            "rendering NPI 0000000000",
            {
                let mut a = visit(&[]);
                let i = a.iter().position(|x| x == "--provider").unwrap();
                a[i + 1] = "0000000000".into();
                a
            },
            &["rendering_provider_id"],
        ),
        owned(
            "diagnosis that is not a code",
            visit(&["--line", "99213"]).into_iter().map(|a| if a == "J02.0" { "NOTACODE".into() } else { a }).collect(),
            &["diagnoses[0]"],
        ),
        refused(
            "scrub a claim that does not exist",
            &["claims", "scrub", "99999999"],
            &["claim 99999999", "not found"],
        ),
        refused(
            "export a claim that does not exist",
            &["claims", "export-837", "99999999", "--out", &files.missing_folder_out],
            &["claim 99999999"],
        ),
        refused(
            "print a claim that does not exist",
            &["claims", "print", "99999999", "--form", "full", "--out", "x.pdf"],
            &["claim 99999999"],
        ),
        refused(
            "reprint a statement that does not exist",
            &["statements", "reprint", "99999999", "--out", "x.pdf"],
            &["statement 99999999"],
        ),
        refused("show a plan that does not exist", &["plans", "show", "99999999"], &["plan 99999999", "not found"]),
        refused(
            "end a plan that does not exist",
            &["plans", "end", "99999999", "--cancelled", "--reason", "x"],
            &["plan 99999999"],
        ),
        refused(
            "agreement of a plan that does not exist",
            &["plans", "agreement", "99999999", "--out", "x.pdf"],
            &["plan 99999999"],
        ),
        refused(
            "hold an account that does not exist",
            &["patients", "hold", "99999999", "--reason", "x"],
            &["account 99999999"],
        ),
        refused(
            "send an account that does not exist",
            &["collections", "send", "99999999", "--agency", "X"],
            &["account 99999999"],
        ),
        refused("recall an account that does not exist", &["collections", "recall", "99999999"], &["account 99999999"]),
        refused("deactivate a user who does not exist", &["users", "deactivate", "nobody"], &["nobody", "not found"]),
        refused(
            "show a clearinghouse that does not exist",
            &["clearinghouse", "show", "--id", "99999999"],
            &["clearinghouse 99999999"],
        ),
        // Wrong file types and missing files for imports.
        refused("835 import of a text file", &["era", "import", &files.text], &["not an X12 file"]),
        refused("835 import of an empty file", &["era", "import", &files.empty], &["empty"]),
        refused("835 import of a CSV", &["era", "import", &files.csv_as_835], &["not an X12 file"]),
        refused("835 import of a picture", &["era", "import", &files.binary], &["could not read", "not a text file"]),
        refused("835 import of a folder", &["era", "import", &files.folder], &["could not read"]),
        refused("835 import of a missing file", &["era", "import", &files.missing], &["no such file"]),
        refused("999 of a text file", &["claims", "ack", &files.text], &["not an X12 file"]),
        refused(
            "patient import of a text file",
            &["patients", "import", &files.text],
            &["last_name", "nothing was imported"],
        ),
        refused("patient import of a picture", &["patients", "import", &files.binary], &["UTF-8"]),
        refused(
            "patient import with a 100,000-character name",
            &["patients", "import", &files.patients_bad_rows],
            &["row 3", "last_name"],
        ),
        refused(
            "patient import with an escape sequence",
            &["patients", "import", &files.patients_control],
            &["row 2", "last_name"],
        ),
        refused("fee import with a negative amount", &["fees", "import", &files.fees_bad_amount], &["row 2", "amount"]),
        refused("fee import with a sub-cent amount", &["fees", "import", &files.fees_sub_cent], &["row 2", "amount"]),
        refused("fee import of an empty file", &["fees", "import", &files.empty], &["nothing was imported"]),
        // Output paths that cannot be written.
        refused(
            "patient export into a missing folder",
            &["patients", "export", &files.missing_folder_out],
            &["could not write"],
        ),
        refused("fee export onto a folder", &["fees", "export", &files.folder], &["could not write", "folder"]),
        refused(
            "837P export of the ready claims into a missing folder",
            &["claims", "export-837", "--ready", "--out", &files.missing_folder_out],
            &["could not write"],
        ),
        owned(
            "payment with its receipt into a missing folder",
            pay(&["--amount", "5", "--receipt", &files.missing_folder_out]),
            &["could not write"],
        ),
        refused(
            "paper claims into a missing folder",
            &["claims", "print", "--ready", "--form", "red", "--out", &files.missing_folder_out],
            &["could not write"],
        ),
        refused(
            "paper claims onto a folder",
            &["claims", "print", "--ready", "--form", "full", "--out", &files.folder],
            &["could not write"],
        ),
        refused(
            "statement run into a missing folder",
            &["statements", "run", "--out", &files.missing_folder_out],
            &["could not write"],
        ),
        refused(
            "report PDF into a missing folder",
            &["reports", "aging", "--pdf", &files.missing_folder_out],
            &["could not write"],
        ),
        // Search text with SQL and FTS5 syntax: no error, nothing changed.
        harmless("search for a quote", &["patients", "search", "'"]),
        harmless("search for a double quote", &["patients", "search", "\""]),
        harmless("search for a star", &["patients", "search", "*"]),
        harmless("search for NEAR(", &["patients", "search", "NEAR("]),
        harmless("search for --", &["patients", "search", "--", "--"]),
        harmless("search for ;DROP TABLE", &["patients", "search", ";DROP TABLE patients;"]),
        harmless("search for FTS operators", &["patients", "search", "AND OR NOT ^ : ( )"]),
        harmless("search for a column filter", &["patients", "search", "last_name:smith"]),
        harmless("search for 100,000 characters", &["patients", "search", long]),
        harmless("search for an escape sequence", &["patients", "search", esc]),
        harmless("claims list for SQL text", &["claims", "list", "--search", "' OR 1=1 --"]),
    ]
}

#[test]
fn bad_input_is_refused_naming_the_field_and_changes_nothing() {
    let f = fixture();
    let files = files(&f.dir);
    let cases = cases(&f, &files);
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let before = fingerprint(&f.db);
    let mut failures = Vec::new();
    for case in &cases {
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let out = claimdesk(&f.db, &args);
        let (code, err) = (out.status.code(), stderr(&out));
        let short: String = err.chars().take(300).collect();
        match &case.then {
            Then::Refused(needles) => {
                if code != Some(1) {
                    failures.push(format!("{}: exit {code:?}, expected 1; stderr: {short}", case.what));
                }
                for needle in needles {
                    if !err.contains(needle) {
                        failures.push(format!("{}: stderr does not name {needle:?}: {short}", case.what));
                    }
                }
            }
            Then::Harmless => {
                if code != Some(0) {
                    failures.push(format!("{}: exit {code:?}, expected 0; stderr: {short}", case.what));
                }
            }
        }
        if fingerprint(&f.db) != before {
            failures.push(format!("{}: the practice changed", case.what));
            break;
        }
    }
    assert!(!f.dir.join("no-such-folder").exists(), "no output folder was made");
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// Names that look like SQL or FTS syntax are kept exactly as typed and found again.
#[test]
fn unusual_but_valid_input_is_stored_exactly_as_typed() {
    let f = fixture();
    let names: [(&str, &str, &str); 4] = [
        ("O'Brien", "Siobhán", "Mc'Q"),
        ("Smith-Jones", "Ann-Marie", "de la"),
        ("NEAR", "And", "Or"),
        (&"L".repeat(60), &"F".repeat(35), &"M".repeat(25)),
    ];
    for (last, first, middle) in names {
        let added = ok_json(claimdesk(
            &f.db,
            &[
                "--json",
                "patients",
                "add",
                "--last",
                last,
                "--first",
                first,
                "--middle",
                middle,
                "--dob",
                "03/04/1975",
                "--sex",
                "U",
            ],
        ));
        let account = added["account_number"].as_str().expect("an account number").to_string();
        let shown = ok_json(claimdesk(&f.db, &["--json", "patients", "show", &account]));
        let p = if shown["patient"].is_object() { &shown["patient"] } else { &shown };
        assert_eq!((p["last_name"].as_str(), p["first_name"].as_str()), (Some(last), Some(first)));
        assert_eq!(p["middle_name"].as_str(), Some(middle));
        let found = stdout(&ok(claimdesk(&f.db, &["patients", "search", last])));
        assert!(found.contains(&account), "{last} is found by its own name: {found}");
    }
    // The smallest payment there is, kept to the cent.
    let receipt = ok_json(claimdesk(
        &f.db,
        &["--json", "payments", "post", "--account", &f.account, "--amount", "0.01", "--method", "cash"],
    ));
    assert_eq!(receipt["amount"], "0.01");
    assert!(ok_json(claimdesk(&f.db, &["--json", "check"]))["ok"].as_bool().unwrap());
}

/// A `--db` path that is not a practice file is refused and left byte for byte as it was,
/// with nothing made beside it.
#[test]
fn a_path_that_is_not_a_practice_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("notes.txt"), "Dear patient,\nthis is a letter, not a practice.\n".repeat(50)).unwrap();
    std::fs::write(d.join("empty.claimdesk"), b"").unwrap();
    std::fs::write(d.join("page.claimdesk"), vec![0u8; 4096]).unwrap();
    std::fs::create_dir(d.join("folder.claimdesk")).unwrap();
    // Another program's SQLite files, even with a table named like ours; one in WAL mode,
    // which SQLite would give -wal and -shm files and checkpoint on closing.
    for (name, wal) in [("other.sqlite", false), ("other-wal.sqlite", true)] {
        let conn = Connection::open(d.join(name)).unwrap();
        if wal {
            conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        }
        conn.execute_batch("CREATE TABLE practice (name TEXT); INSERT INTO practice VALUES ('not ours');").unwrap();
    }
    let listing = |d: &Path| {
        let mut names: Vec<String> =
            std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    let cases: [(&str, &[&str], &str); 9] = [
        ("notes.txt", &["patients", "search", "smith"], "not a ClaimDesk practice file"),
        ("empty.claimdesk", &["patients", "search", "smith"], "not a ClaimDesk practice file"),
        ("page.claimdesk", &["patients", "search", "smith"], "not a ClaimDesk practice file"),
        ("folder.claimdesk", &["patients", "search", "smith"], "not a ClaimDesk practice file"),
        ("other.sqlite", &["patients", "search", "smith"], "not a ClaimDesk practice file"),
        ("other-wal.sqlite", &["check"], "not a ClaimDesk practice file"),
        (
            "other-wal.sqlite",
            &["payments", "post", "--account", "1", "--amount", "5", "--method", "cash"],
            "not a ClaimDesk",
        ),
        ("missing.claimdesk", &["patients", "search", "smith"], "does not exist"),
        ("notes.txt", &["demo", "--patients", "5"], "notes.txt"),
    ];
    for (name, args, needle) in cases {
        let path = d.join(name);
        let bytes = std::fs::read(&path).ok();
        let before = listing(d);
        let out = claimdesk(&path, args);
        assert_eq!(code(&out), 1, "{name} {args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{name} {args:?}: {}", stderr(&out));
        assert_eq!(std::fs::read(&path).ok(), bytes, "{name} is byte for byte as it was");
        assert_eq!(listing(d), before, "{name}: nothing made beside it (-wal, -shm, -journal)");
    }
    assert!(!d.join("missing.claimdesk").exists(), "a missing practice is not created by a command");
}

//! Exporting 837P files from a demo practice file: the file passes pyx12, carries the claims'
//! control numbers and reserved (never reused) envelope numbers, is written before anything
//! is recorded, and a refused batch leaves no file and no change.

// The one pyx12 helper, kept with the X12 crate's tests.
#[path = "../../claimdesk-x12/tests/common/pyx12.rs"]
mod pyx12;

use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::clearinghouse::Clearinghouse;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::{export_837, ExportReport, ExportRequest, JobError};
use claimdesk_store::Actor;
use claimdesk_store::{ClaimQueue, Source, Store, StoreError};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

const WANT: &str = "837/005010X222A1";

fn demo(dir: &Path) -> (Store, PathBuf) {
    let today = chrono::Local::now().date_naive();
    let options = DemoOptions { specialty: Specialty::Physician, patients: 60, seed: 12, today };
    let path = dir.join("p.claimdesk");
    let (mut store, _) = create_demo_with(&path, &options, &DemoActivity { visits: 200 }).unwrap();
    store.set_today(today);
    (store, path)
}

/// The clearinghouse these tests send to (made the default, over the demo's own).
fn test_clearinghouse(production: bool) -> Clearinghouse {
    Clearinghouse {
        id: None,
        name: "Test Clearinghouse".into(),
        submitter_name: "Riverside Family Medicine".into(),
        submitter_id: "TST0042".into(),
        contact_name: "Dana Whitfield".into(),
        contact_phone: "512-555-0100".into(),
        receiver_name: "Test Clearinghouse Inc".into(),
        receiver_id: "TESTCH01".into(),
        sender_qualifier: "ZZ".into(),
        sender_id: "TST0042".into(),
        receiver_qualifier: "ZZ".into(),
        interchange_receiver_id: "TESTCHISA".into(),
        production,
        is_default: true,
    }
}

fn ready_primary(store: &Store, n: usize) -> Vec<i64> {
    let ids: Vec<i64> = store
        .list_claims(&ClaimQueue::Ready)
        .unwrap()
        .into_iter()
        .filter(|c| c.payer_rank == 1)
        .take(n)
        .map(|c| c.id)
        .collect();
    assert_eq!(ids.len(), n, "the demo has {n} ready primary claims");
    ids
}

fn request(ids: Vec<i64>, out: &Path, send: bool) -> ExportRequest {
    ExportRequest { claim_ids: ids, clearinghouse_id: None, out_path: out.display().to_string(), mark_submitted: send }
}

/// Every claim's status and submission time, to compare before and after.
fn statuses(store: &Store) -> Vec<(i64, ClaimStatus, Option<String>)> {
    store.list_claims(&ClaimQueue::All).unwrap().into_iter().map(|c| (c.id, c.status, c.submitted_at)).collect()
}

/// The next values of the control-number sequences: (interchange, group, transaction set).
fn sequences(db: &Path) -> (u32, u32, u32) {
    let conn = Connection::open(db).unwrap();
    let next = |name: &str| -> u32 {
        conn.query_row("SELECT next_value FROM sequences WHERE name = ?1", [name], |r| r.get(0)).unwrap()
    };
    (next("interchange_control_number"), next("group_control_number"), next("transaction_set_number"))
}

/// (method, file name, claim count, ISA13, clearinghouse id) of a batch.
fn batch(db: &Path, id: i64) -> (String, String, i64, Option<u32>, Option<i64>) {
    let conn = Connection::open(db).unwrap();
    conn.query_row(
        "SELECT method, file_name, claim_count, interchange_control_number, clearinghouse_id FROM claim_batches
         WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
    .unwrap()
}

fn batch_count(db: &Path) -> i64 {
    Connection::open(db).unwrap().query_row("SELECT count(*) FROM claim_batches", [], |r| r.get(0)).unwrap()
}

/// The file's segments, each as its elements (the segment ID first).
fn segments(text: &str) -> Vec<Vec<String>> {
    text.lines().map(|l| l.trim_end_matches('~').split('*').map(str::to_string).collect::<Vec<String>>()).collect()
}

fn elements<'a>(segs: &'a [Vec<String>], id: &str, n: usize) -> Vec<&'a str> {
    segs.iter().filter(|s| s[0] == id).map(|s| s.get(n).map_or("", String::as_str)).collect()
}

/// (ISA13 as a number, GS06, ST02s) of a file.
fn control_numbers(text: &str) -> (u32, u32, Vec<u32>) {
    let segs = segments(text);
    let isa13 = elements(&segs, "ISA", 13)[0].parse().unwrap();
    let gs06 = elements(&segs, "GS", 6)[0].parse().unwrap();
    let st02 = elements(&segs, "ST", 2).iter().map(|s| s.parse().unwrap()).collect();
    (isa13, gs06, st02)
}

fn export(store: &mut Store, req: &ExportRequest) -> (ExportReport, String) {
    let report = export_837(store, req, &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap();
    let text = std::fs::read_to_string(&req.out_path).unwrap();
    (report, text)
}

#[test]
fn ready_claims_export_to_a_valid_837p_and_are_submitted_as_one_batch() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = demo(dir.path());
    let ch = store.save_clearinghouse(&test_clearinghouse(false)).unwrap();
    let ids = ready_primary(&store, 8);
    let before = sequences(&db);
    let out = dir.path().join("batch-1.837");
    let mut seen = Vec::new();
    let report =
        export_837(&mut store, &request(ids.clone(), &out, true), &Actor::user("tester", Source::Cli), &mut |d, t| {
            seen.push((d, t))
        })
        .unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    pyx12::validate("jobs-ready-batch.837", &text, WANT).unwrap();

    assert_eq!(report.claims, 8);
    assert_eq!(report.bytes, text.len());
    assert_eq!(report.path, out.display().to_string());
    assert_eq!(seen.last(), Some(&(8, 8)), "progress reaches the end");
    let temporary = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(temporary, 0, "no temporary file is left");

    // The envelope: the clearinghouse's addressing, test mode, and the reserved numbers.
    let segs = segments(&text);
    let isa = &segs[0];
    assert_eq!((isa[5].as_str(), isa[6].trim(), isa[7].as_str(), isa[8].trim()), ("ZZ", "TST0042", "ZZ", "TESTCHISA"));
    assert_eq!(isa[15], "T", "ISA15 test mode for a clearinghouse not in production");
    let (isa13, gs06, st02) = control_numbers(&text);
    let after = sequences(&db);
    assert_eq!(isa13, before.0);
    assert_eq!(report.interchange_control_number, isa13);
    assert_eq!(gs06, before.1);
    assert_eq!(after.0, before.0 + 1);
    assert_eq!(after.1, before.1 + 1);
    let reserved: Vec<u32> = (before.2..after.2).collect();
    assert_eq!(st02, reserved, "the ST02s are exactly the reserved numbers");
    assert_eq!(report.transaction_sets, st02.len());
    assert_eq!(report.transaction_sets, 1, "one billing provider, one transaction set");
    assert_eq!(elements(&segs, "NM1", 9).first().copied(), Some("TST0042"), "1000A submitter ID");

    // CLM01 = the claims' control numbers; REF*6R = their line control numbers, in order.
    let controls: Vec<String> = ids.iter().map(|&id| store.claim_summary(id).unwrap().control_number).collect();
    assert_eq!(elements(&segs, "CLM", 1), controls);
    let lines: Vec<String> = ids.iter().flat_map(|&id| store.line_control_numbers(id).unwrap()).collect();
    let ref6r: Vec<&str> = segs.iter().filter(|s| s[0] == "REF" && s[1] == "6R").map(|s| s[2].as_str()).collect();
    assert_eq!(ref6r, lines);
    assert!(!lines.is_empty());

    // One batch, tied to the interchange and the clearinghouse.
    let batch_id = report.batch_id.expect("a batch was recorded");
    assert_eq!(batch(&db, batch_id), ("electronic".into(), "batch-1.837".into(), 8, Some(isa13), ch.id));
    for id in &ids {
        let summary = store.claim_summary(*id).unwrap();
        assert_eq!(summary.status, ClaimStatus::Submitted);
        assert!(summary.submitted_at.is_some());
        let last = store.claim_history(*id).unwrap().pop().unwrap();
        assert_eq!(last.to_status, ClaimStatus::Submitted);
        assert!(last.note.contains(&format!("batch {batch_id} (electronic)")), "{}", last.note);
        assert_eq!(last.source, "cli");
    }
}

#[test]
fn exports_never_share_control_numbers_and_a_re_export_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = demo(dir.path());
    // The demo's own clearinghouse (test mode), then one in production.
    let ids = ready_primary(&store, 6);
    let (first, a) = export(&mut store, &request(ids[..3].to_vec(), &dir.path().join("a.837"), true));
    pyx12::validate("jobs-a.837", &a, WANT).unwrap();
    assert!(a.contains("*ZZ*RFM0001        *ZZ*DEMOCH         *"), "the demo clearinghouse's ISA addressing");

    // A re-export of the claims just sent: allowed, fresh numbers, nothing recorded.
    let statuses_before = statuses(&store);
    let history_before = store.claim_history(ids[0]).unwrap();
    let batches_before = batch_count(&db);
    let (again, b) = export(&mut store, &request(ids[..3].to_vec(), &dir.path().join("b.837"), false));
    pyx12::validate("jobs-b.837", &b, WANT).unwrap();
    assert_eq!(again.batch_id, None);
    assert_eq!(statuses(&store), statuses_before);
    assert_eq!(store.claim_history(ids[0]).unwrap(), history_before);
    assert_eq!(batch_count(&db), batches_before);

    let prod = store.save_clearinghouse(&test_clearinghouse(true)).unwrap();
    let mut req = request(ids[3..].to_vec(), &dir.path().join("c.837"), true);
    req.clearinghouse_id = prod.id;
    let (third, c) = export(&mut store, &req);
    pyx12::validate("jobs-c.837", &c, WANT).unwrap();
    assert_eq!(segments(&c)[0][15], "P", "ISA15 production");
    assert!(third.batch_id.is_some() && third.batch_id != first.batch_id);

    let numbers: Vec<(u32, u32, Vec<u32>)> = [&a, &b, &c].iter().map(|t| control_numbers(t)).collect();
    let isa13: Vec<u32> = numbers.iter().map(|n| n.0).collect();
    let gs06: Vec<u32> = numbers.iter().map(|n| n.1).collect();
    let st02: Vec<u32> = numbers.iter().flat_map(|n| n.2.clone()).collect();
    for list in [&isa13, &gs06, &st02] {
        let mut unique = list.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), list.len(), "numbers repeat: {list:?}");
    }
    assert_eq!(
        isa13,
        [first.interchange_control_number, again.interchange_control_number, third.interchange_control_number]
    );
}

#[test]
fn a_batch_with_one_claim_that_is_not_ready_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = demo(dir.path());
    let mut ids = ready_primary(&store, 3);
    let draft = store.list_claims(&ClaimQueue::ScrubberErrors).unwrap()[0].clone();
    ids.insert(1, draft.id);
    let before = (statuses(&store), sequences(&db), batch_count(&db));
    let out = dir.path().join("refused.837");
    let err = export_837(&mut store, &request(ids, &out, true), &Actor::user("tester", Source::Cli), &mut |_, _| {})
        .unwrap_err();
    assert!(matches!(err, JobError::Store(StoreError::Conflict(_))), "{err:?}");
    assert!(err.to_string().contains(&format!("Claim {} is", draft.control_number)), "{err}");
    assert!(err.to_string().contains("not ready to send"), "{err}");
    assert!(!out.exists(), "no file");
    assert_eq!((statuses(&store), sequences(&db), batch_count(&db)), before, "no change, no number used");
}

#[test]
fn secondary_claims_are_refused_until_the_primary_payment_is_posted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = demo(dir.path());
    // The demo's secondaries were built by posting their primaries' remittances: bill the
    // second policy of a patient whose primary claim is still waiting for its payment.
    let all = store.list_claims(&ClaimQueue::All).unwrap();
    let waiting = all
        .iter()
        .filter(|c| c.payer_rank == 1 && matches!(c.status, ClaimStatus::Submitted | ClaimStatus::Accepted))
        .find(|c| store.get_patient(c.patient_id).unwrap().policies.len() >= 2)
        .expect("a waiting primary claim of a patient with a second policy");
    let id = store.create_claim(waiting.visit_id, 2, &Actor::user("tester", Source::Cli)).unwrap().id;
    store.scrub_claim(id, &Actor::user("tester", Source::Cli)).unwrap();
    let secondary = store.claim_summary(id).unwrap();
    assert!(store.prior_payment(secondary.id).unwrap().is_none());
    let mut ids = ready_primary(&store, 2);
    ids.push(secondary.id);
    let before = sequences(&db);
    let out = dir.path().join("secondary.837");
    for send in [true, false] {
        let err = export_837(
            &mut store,
            &request(ids.clone(), &out, send),
            &Actor::user("tester", Source::Cli),
            &mut |_, _| {},
        )
        .unwrap_err();
        let text = err.to_string();
        if send && secondary.status != ClaimStatus::Ready {
            assert!(text.contains("not ready to send"), "{text}");
            continue;
        }
        assert!(text.contains(&secondary.control_number), "{text}");
        assert!(text.contains("payment is not posted yet"), "{text}");
        assert!(!out.exists());
    }
    assert_eq!(sequences(&db), before);
}

#[test]
fn a_payer_without_a_payer_id_is_refused_naming_the_claim_and_the_payer() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = demo(dir.path());
    let ids = ready_primary(&store, 3);
    let mut payer = store.claim_data(ids[2]).unwrap().payer;
    // The first claim of the batch billed to that payer is the one named.
    let claim = ids.iter().map(|&id| store.claim_data(id).unwrap()).find(|c| c.payer.id == payer.id).unwrap();
    payer.payer_id = String::new();
    store.save_payer(&payer).unwrap();
    let before = (statuses(&store), sequences(&db));
    let out = dir.path().join("no-payer-id.837");
    let err = export_837(&mut store, &request(ids, &out, true), &Actor::user("tester", Source::Cli), &mut |_, _| {})
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains(&claim.control_number), "{text}");
    assert!(text.contains(&payer.name), "{text}");
    assert!(text.contains("no electronic payer ID"), "{text}");
    assert!(!out.exists());
    assert_eq!((statuses(&store), sequences(&db)), before);
}

#[test]
fn without_a_clearinghouse_the_export_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = demo(dir.path());
    let ids = ready_primary(&store, 2);
    let out = dir.path().join("nowhere.837");

    let mut req = request(ids.clone(), &out, true);
    req.clearinghouse_id = Some(9999);
    let err = export_837(&mut store, &req, &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap_err();
    assert!(matches!(err, JobError::Store(StoreError::NotFound(_))), "{err:?}");
    assert_eq!(err.to_string(), "clearinghouse 9999 was not found");

    Connection::open(&db).unwrap().execute("DELETE FROM clearinghouses", []).unwrap();
    let before = (statuses(&store), sequences(&db));
    let err = export_837(&mut store, &request(ids, &out, true), &Actor::user("tester", Source::Cli), &mut |_, _| {})
        .unwrap_err();
    assert!(matches!(err, JobError::Store(StoreError::NotFound(_))), "{err:?}");
    assert!(err.to_string().contains("clearinghouse"), "{err}");
    assert!(err.to_string().contains("Electronic claims"), "says where to set one up: {err}");
    assert!(!out.exists());
    assert_eq!((statuses(&store), sequences(&db)), before);
}

#[test]
fn an_unwritable_output_path_is_refused_before_numbers_are_reserved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = demo(dir.path());
    let ids = ready_primary(&store, 2);
    let before = (statuses(&store), batch_count(&db));
    let seq = sequences(&db);
    let out = dir.path().join("no-such-folder").join("batch.837");
    let err =
        export_837(&mut store, &request(ids.clone(), &out, true), &Actor::user("tester", Source::Cli), &mut |_, _| {})
            .unwrap_err();
    assert!(matches!(err, JobError::Write { .. }), "{err:?}");
    assert_eq!((statuses(&store), batch_count(&db)), before, "nothing marked submitted");
    assert_eq!(sequences(&db), seq, "no control number is taken for a path that cannot be written");

    let (next, text) = export(&mut store, &request(ids, &dir.path().join("ok.837"), true));
    assert_eq!(next.interchange_control_number, seq.0, "the number no export took");
    assert_eq!(control_numbers(&text).0, seq.0);
}

#[test]
fn a_write_that_fails_halfway_records_nothing_but_burns_its_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = demo(dir.path());
    let ids = ready_primary(&store, 2);
    let before = (statuses(&store), batch_count(&db));
    let seq = sequences(&db);
    let out = dir.path().join("batch.837");
    claimdesk_jobs::files::fault::fail_writes_after(Some(100));
    let err =
        export_837(&mut store, &request(ids.clone(), &out, true), &Actor::user("tester", Source::Cli), &mut |_, _| {})
            .unwrap_err();
    claimdesk_jobs::files::fault::fail_writes_after(None);
    assert!(matches!(err, JobError::Write { .. }), "{err:?}");
    assert!(!out.exists());
    assert_eq!((statuses(&store), batch_count(&db)), before, "nothing marked submitted");
    assert_eq!(sequences(&db).0, seq.0 + 1, "the reserved interchange number is not used again");

    let (next, text) = export(&mut store, &request(ids, &out, true));
    assert_eq!(next.interchange_control_number, seq.0 + 1);
    assert_eq!(control_numbers(&text).0, seq.0 + 1);
}

#[test]
fn an_empty_batch_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = demo(dir.path());
    let out = dir.path().join("empty.837");
    let err =
        export_837(&mut store, &request(Vec::new(), &out, true), &Actor::user("tester", Source::Cli), &mut |_, _| {})
            .unwrap_err();
    assert!(matches!(err, JobError::Store(StoreError::Invalid(_))), "{err:?}");
    assert!(!out.exists());
}

#[test]
fn the_999s_pyx12_writes_for_our_837p_files_are_applied() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = demo(dir.path());
    store.save_clearinghouse(&test_clearinghouse(false)).unwrap();
    let ids = ready_primary(&store, 6);
    let (good, bad) = ids.split_at(3);

    // A clean file: pyx12's 999 (GS08 005010X231) accepts the batch; the claims stay submitted.
    let (sent, text) = export(&mut store, &request(good.to_vec(), &dir.path().join("good.837"), true));
    let ack = pyx12::acknowledge("jobs-ack-good.837", &text);
    assert!(ack.contains("*005010X231~"), "{ack}");
    let report =
        claimdesk_jobs::import_acknowledgement(&mut store, &ack, &Actor::user("tester", Source::Import)).unwrap();
    assert_eq!((report.kind.as_str(), report.accepted.len(), report.rejected.len()), ("999", 3, 0), "{report:?}");
    assert!(report.unknown.is_empty(), "{report:?}");
    let status = |store: &Store, id: i64| statuses(store).into_iter().find(|c| c.0 == id).unwrap().1;
    assert!(good.iter().all(|&id| status(&store, id) == ClaimStatus::Submitted));

    // A file spoiled on the way (a relationship code that does not exist): pyx12 rejects it,
    // and its 999, under either version, sends the claims back as rejected with the reason.
    let (_, text) = export(&mut store, &request(bad.to_vec(), &dir.path().join("bad.837"), true));
    let spoiled = text.replacen("SBR*P*18*", "SBR*P*99*", 1);
    assert_ne!(spoiled, text, "the file has a subscriber who is the patient");
    let ack = pyx12::acknowledge("jobs-ack-bad.837", &spoiled).replace("*005010X231~", "*005010X231A1~");
    let report =
        claimdesk_jobs::import_acknowledgement(&mut store, &ack, &Actor::user("tester", Source::Import)).unwrap();
    assert_eq!((report.accepted.len(), report.rejected.len()), (0, 3), "{report:?}");
    assert!(report.rejected[0].reasons.contains("SBR"), "{report:?}");
    assert!(bad.iter().all(|&id| status(&store, id) == ClaimStatus::Rejected));
    assert!(sent.batch_id.is_some());

    // The 837P itself is no acknowledgement, and nothing changes.
    let before = statuses(&store);
    let e =
        claimdesk_jobs::import_acknowledgement(&mut store, &text, &Actor::user("tester", Source::Import)).unwrap_err();
    assert!(e.to_string().contains("not an acknowledgement"), "{e}");
    assert_eq!(statuses(&store), before);
}

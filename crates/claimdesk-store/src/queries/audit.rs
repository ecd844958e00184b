//! The audit trail (migration 13): who did what, when, from where, to which record, with the
//! fields before and after a change. Append-only (triggers refuse UPDATE and DELETE) and
//! hash-chained: each entry's hash covers its fields and the previous entry's hash, so
//! `Store::check` names the first entry that was changed, inserted or deleted.
//!
//! Entries are written in the transaction of the change they record (`Store::with_tx` does
//! it for the action the one door set), so a change and its record commit together or not at
//! all. Looking at a patient, printing and exporting are recorded by the door after they are
//! done; logins, locks and failed logins by the session code.

use super::super::{Result, Store, StoreError, Tx};
use chrono::{DateTime, NaiveDate, Utc};
use claimdesk_core::Actor;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// The hash the first entry chains to.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The most entries one request for the audit trail returns.
pub const AUDIT_PAGE_MAX: u32 = 500;

/// A record an entry is about: its kind ("patient", "claim", ...) and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub kind: &'static str,
    pub id: i64,
}

impl Record {
    pub fn new(kind: &'static str, id: i64) -> Record {
        Record { kind, id }
    }
}

/// What a write or a look noted for its audit entry: which record, whose account, and the
/// record before and after (as JSON; the entry keeps only the fields that changed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditNote {
    pub record: Option<Record>,
    pub patient_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    /// A short fact of the event (a count, a file name without patient data).
    pub note: Option<String>,
}

impl AuditNote {
    /// A record looked at, printed or exported.
    pub fn about(record: Record, patient_id: Option<i64>) -> AuditNote {
        AuditNote { record: Some(record), patient_id, ..AuditNote::default() }
    }

    /// A record changed (`before` None: created).
    pub fn change<T: Serialize>(record: Record, patient_id: Option<i64>, before: Option<&T>, after: &T) -> AuditNote {
        AuditNote {
            record: Some(record),
            patient_id,
            before: before.map(to_json),
            after: Some(to_json(after)),
            note: None,
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> AuditNote {
        self.note = Some(note.into());
        self
    }
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// How an action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    Done,
    /// The role did not allow it, or nobody was logged in.
    Refused,
    /// Tried and failed (a wrong password).
    Failed,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Refused => "refused",
            Outcome::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Option<Outcome> {
        [Outcome::Done, Outcome::Refused, Outcome::Failed].into_iter().find(|o| o.as_str() == text)
    }
}

/// One entry of the audit trail as the Audit screen and `claimdesk audit list` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub id: i64,
    /// UTC, ISO 8601.
    pub at: String,
    pub user_id: Option<i64>,
    pub user_name: String,
    pub source: String,
    pub action: String,
    pub outcome: Outcome,
    pub record_kind: String,
    pub record_id: Option<i64>,
    pub patient_id: Option<i64>,
    /// JSON: `{"changed": {field: [before, after]}}`, `{"created": {...}}`, `{"note": ...}`.
    pub detail: String,
}

/// The Audit screen's filters; every one optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[ts(export)]
pub struct AuditFilter {
    pub user_id: Option<i64>,
    pub patient_id: Option<i64>,
    /// An action name (`patient_save`) or session event (`log_in_failed`).
    pub action: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Continue after (older than) this entry id.
    pub before_id: Option<i64>,
    pub limit: Option<u32>,
}

/// One page of the audit trail, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// True when older entries match too (ask again with `before_id`).
    pub more: bool,
}

/// One note from all an action's notes: the first record named (and its account), with each
/// note's before and after (the first change's fields at the top, the others' under their
/// record) and every note's text.
pub(crate) fn merge(notes: Vec<AuditNote>) -> AuditNote {
    let mut iter = notes.into_iter();
    let Some(mut first) = iter.next() else {
        return AuditNote::default();
    };
    let rest: Vec<AuditNote> = iter.collect();
    if first.record.is_none() {
        first.record = rest.iter().find_map(|n| n.record);
    }
    if first.patient_id.is_none() {
        first.patient_id = rest.iter().find_map(|n| n.patient_id);
    }
    let texts: Vec<String> = first.note.iter().cloned().chain(rest.iter().filter_map(|n| n.note.clone())).collect();
    if !texts.is_empty() {
        first.note = Some(texts.join("; "));
    }
    if !rest.is_empty() {
        let more: Vec<String> = rest.iter().filter_map(|n| n.record).map(|r| format!("{} {}", r.kind, r.id)).collect();
        if !more.is_empty() {
            let also = format!("also {}", more.join(", "));
            first.note = Some(first.note.map(|n| format!("{n}; {also}")).unwrap_or(also));
        }
    }
    first
}

/// Writes one entry at the end of the chain, in the caller's transaction.
pub(crate) fn append(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    outcome: Outcome,
    note: &AuditNote,
    at: DateTime<Utc>,
) -> Result<i64> {
    let (prev_id, prev_hash): (i64, String) = conn
        // The newest entry by its id (max(rowid) is read from the end of the table's b-tree).
        .prepare_cached("SELECT id, hash FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_string()));
    let entry = AuditEntry {
        id: prev_id + 1,
        at: at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        user_id: actor.user_id(),
        user_name: actor.name().to_string(),
        source: actor.source.as_str().to_string(),
        action: action.to_string(),
        outcome,
        record_kind: note.record.map(|r| r.kind.to_string()).unwrap_or_default(),
        record_id: note.record.map(|r| r.id),
        patient_id: note.patient_id,
        detail: detail_of(note),
    };
    let hash = chain_hash(&prev_hash, &entry);
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, user_id, user_name, source, action, outcome, record_kind, record_id,
                                patient_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        entry.id,
        entry.at,
        entry.user_id,
        entry.user_name,
        entry.source,
        entry.action,
        outcome.as_str(),
        entry.record_kind,
        entry.record_id,
        entry.patient_id,
        entry.detail,
        prev_hash,
        hash
    ])?;
    Ok(entry.id)
}

/// The entry's hash: SHA-256 over the previous hash and every field, each on its own line.
fn chain_hash(prev_hash: &str, e: &AuditEntry) -> String {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let text = [
        prev_hash.to_string(),
        e.id.to_string(),
        e.at.clone(),
        opt(e.user_id),
        e.user_name.clone(),
        e.source.clone(),
        e.action.clone(),
        e.outcome.as_str().to_string(),
        e.record_kind.clone(),
        opt(e.record_id),
        opt(e.patient_id),
        e.detail.clone(),
    ]
    .join("\n");
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The entry's detail: the fields that changed with their values before and after, the whole
/// record when it was created, and the note.
fn detail_of(note: &AuditNote) -> String {
    let mut detail = Map::new();
    match (&note.before, &note.after) {
        (Some(before), Some(after)) => {
            let mut changed = Map::new();
            diff("", before, after, &mut changed);
            detail.insert("changed".into(), Value::Object(changed));
        }
        (None, Some(after)) => {
            detail.insert("created".into(), after.clone());
        }
        _ => {}
    }
    if let Some(n) = &note.note {
        detail.insert("note".into(), Value::String(n.clone()));
    }
    if detail.is_empty() {
        String::new()
    } else {
        Value::Object(detail).to_string()
    }
}

/// Every leaf that differs between `before` and `after`, by its dotted path.
fn diff(path: &str, before: &Value, after: &Value, out: &mut Map<String, Value>) {
    let join = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            for (key, av) in a {
                diff(&join(key), b.get(key).unwrap_or(&Value::Null), av, out);
            }
            for (key, bv) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                diff(&join(key), bv, &Value::Null, out);
            }
        }
        (b, a) if b != a => {
            out.insert(path.to_string(), Value::Array(vec![b.clone(), a.clone()]));
        }
        _ => {}
    }
}

const ENTRY_COLUMNS: &str = "SELECT id, at, user_id, user_name, source, action, outcome, record_kind, record_id,
                                    patient_id, detail FROM audit_log";

fn entry(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    let outcome: String = r.get(6)?;
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        user_id: r.get(2)?,
        user_name: r.get(3)?,
        source: r.get(4)?,
        action: r.get(5)?,
        outcome: Outcome::parse(&outcome).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, "audit outcome".into())
        })?,
        record_kind: r.get(7)?,
        record_id: r.get(8)?,
        patient_id: r.get(9)?,
        detail: r.get(10)?,
    })
}

impl Tx<'_> {
    /// Records an event in this transaction (a login, a lock): commits with it.
    pub fn audit(&self, action: &str, outcome: Outcome, note: &AuditNote) -> Result<i64> {
        append(self, self.actor(), action, outcome, note, Utc::now())
    }
}

impl Store {
    /// Records an event that changes nothing else (a look, a print, a refusal) in its own
    /// transaction, by `actor`.
    pub fn audit_event(&mut self, actor: &Actor, action: &str, outcome: Outcome, note: &AuditNote) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let id = append(&tx, actor, action, outcome, note, Utc::now())?;
        tx.commit()?;
        Ok(id)
    }

    /// One page of the audit trail, newest first, narrowed by `filter`. Each filter walks its
    /// own index (user, patient, action, time) in id order and stops at the page.
    pub fn audit_page(&self, filter: &AuditFilter) -> Result<AuditPage> {
        let limit = filter.limit.unwrap_or(AUDIT_PAGE_MAX).clamp(1, AUDIT_PAGE_MAX);
        let before = filter.before_id.unwrap_or(i64::MAX);
        let from = filter.from.map(|d| format!("{d}T00:00:00"));
        let to = filter.to.map(|d| format!("{d}T99"));
        if let (Some(f), Some(t)) = (&filter.from, &filter.to) {
            if f > t {
                return Err(StoreError::invalid("from", "The first day comes after the last"));
            }
        }
        // The most selective filter leads (its index is walked); the others are checked on the
        // rows it finds.
        let lead = if filter.patient_id.is_some() {
            "INDEXED BY audit_by_patient WHERE patient_id = ?1"
        } else if filter.user_id.is_some() {
            "INDEXED BY audit_by_user WHERE user_id = ?2"
        } else if filter.action.is_some() {
            "INDEXED BY audit_by_action WHERE action = ?3"
        } else if filter.from.is_some() || filter.to.is_some() {
            "INDEXED BY audit_by_time WHERE at >= coalesce(?4, '') AND at <= coalesce(?5, '9999')"
        } else {
            "WHERE 1"
        };
        let sql = format!(
            "{ENTRY_COLUMNS} {lead}
               AND id < ?6
               AND (?1 IS NULL OR patient_id = ?1) AND (?2 IS NULL OR user_id = ?2)
               AND (?3 IS NULL OR action = ?3)
               AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at <= ?5)
             ORDER BY id DESC LIMIT ?7"
        );
        let mut entries = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(params![filter.patient_id, filter.user_id, filter.action, from, to, before, limit + 1], entry)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let more = entries.len() > limit as usize;
        entries.truncate(limit as usize);
        Ok(AuditPage { entries, more })
    }

    /// The first break in the audit chain, in words (None: every entry is as written, in
    /// order, none missing). Walks the trail once, in id order.
    pub fn audit_chain_problem(&self) -> Result<Option<String>> {
        let mut stmt = self.conn().prepare(&format!("{ENTRY_COLUMNS_WITH_HASHES} ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        let (mut expected_id, mut prev_hash) = (1_i64, GENESIS.to_string());
        while let Some(r) = rows.next()? {
            let e = entry(r)?;
            let (stored_prev, stored_hash): (String, String) = (r.get(11)?, r.get(12)?);
            if e.id != expected_id {
                return Ok(Some(format!(
                    "audit trail: entry {expected_id} is missing (deleted), found entry {} after entry {}",
                    e.id,
                    expected_id - 1
                )));
            }
            if stored_prev != prev_hash {
                return Ok(Some(format!(
                    "audit trail: entry {} does not follow entry {} (an entry was inserted, deleted or changed)",
                    e.id,
                    e.id - 1
                )));
            }
            if chain_hash(&prev_hash, &e) != stored_hash {
                return Ok(Some(format!("audit trail: entry {} was altered after it was written", e.id)));
            }
            prev_hash = stored_hash;
            expected_id += 1;
        }
        Ok(None)
    }

    /// How many entries the audit trail holds.
    pub fn audit_count(&self) -> Result<i64> {
        Ok(self.conn().prepare_cached("SELECT coalesce(max(id), 0) FROM audit_log")?.query_row([], |r| r.get(0))?)
    }
}

const ENTRY_COLUMNS_WITH_HASHES: &str = "SELECT id, at, user_id, user_name, source, action, outcome, record_kind,
                                                record_id, patient_id, detail, prev_hash, hash FROM audit_log";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_change_keeps_only_the_fields_that_differ() {
        let note = AuditNote {
            before: Some(json!({"name": {"last": "Doe", "first": "Ann"}, "phone": "555"})),
            after: Some(json!({"name": {"last": "Roe", "first": "Ann"}, "phone": "555"})),
            ..AuditNote::default()
        };
        assert_eq!(detail_of(&note), r#"{"changed":{"name.last":["Doe","Roe"]}}"#);
    }

    #[test]
    fn the_hash_covers_every_field_and_the_previous_hash() {
        let e = AuditEntry {
            id: 1,
            at: "2026-12-01T10:00:00.000Z".into(),
            user_id: Some(1),
            user_name: "admin".into(),
            source: "app".into(),
            action: "patient_save".into(),
            outcome: Outcome::Done,
            record_kind: "patient".into(),
            record_id: Some(7),
            patient_id: Some(7),
            detail: String::new(),
        };
        let h = chain_hash(GENESIS, &e);
        assert_ne!(h, chain_hash("1", &e));
        assert_ne!(h, chain_hash(GENESIS, &AuditEntry { record_id: Some(8), ..e.clone() }));
        assert_ne!(h, chain_hash(GENESIS, &AuditEntry { outcome: Outcome::Refused, ..e.clone() }));
    }
}

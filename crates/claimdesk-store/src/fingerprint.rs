//! A logical fingerprint of a practice file's records: what tests compare to show that a
//! refused command changed nothing. It reads rows, not file bytes (an encrypted file's bytes
//! change on every write), and leaves out what merely using the file changes: the audit trail
//! and the users table (logins, failed logins, throttling).

use crate::error::Result;
use crate::Store;
use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

/// Tables that change when someone only logs in or is refused: not part of the fingerprint.
const LEFT_OUT: [&str; 2] = ["audit_log", "users"];

impl Store {
    /// SHA-256 (hex) over every table's rows (rowid order, or primary key order for a table
    /// without rowid), each value with its type, except `audit_log` and `users`. Two files with
    /// the same records have the same fingerprint; any stored change of a record changes it.
    pub fn fingerprint(&self) -> Result<String> {
        let conn = self.conn();
        let tables: Vec<(String, String)> = conn
            .prepare(
                "SELECT name, coalesce(sql, '') FROM sqlite_schema
                 WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut hash = Sha256::new();
        for (name, sql) in tables {
            let upper = sql.to_ascii_uppercase();
            // A virtual table (the FTS index) is read through its shadow tables, listed too.
            if LEFT_OUT.contains(&name.as_str()) || upper.starts_with("CREATE VIRTUAL") {
                continue;
            }
            let order = if upper.contains("WITHOUT ROWID") { "" } else { " ORDER BY rowid" };
            let quoted = name.replace('"', "\"\"");
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{quoted}\"{order}"))?;
            let columns = stmt.column_count();
            hash.update(b"T");
            hash.update((name.len() as u64).to_le_bytes());
            hash.update(name.as_bytes());
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                hash.update(b"R");
                for i in 0..columns {
                    match row.get_ref(i)? {
                        ValueRef::Null => hash.update(b"N"),
                        ValueRef::Integer(v) => {
                            hash.update(b"I");
                            hash.update(v.to_le_bytes());
                        }
                        ValueRef::Real(v) => {
                            hash.update(b"F");
                            hash.update(v.to_bits().to_le_bytes());
                        }
                        ValueRef::Text(v) | ValueRef::Blob(v) => {
                            hash.update(if matches!(row.get_ref(i)?, ValueRef::Text(_)) { b"S" } else { b"B" });
                            hash.update((v.len() as u64).to_le_bytes());
                            hash.update(v);
                        }
                    }
                }
            }
        }
        Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }
}

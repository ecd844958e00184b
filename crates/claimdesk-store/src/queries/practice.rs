use super::audit::{AuditNote, Record};
use crate::error::Result;
use crate::{now_utc, rows, Store};
use claimdesk_core::posting::PostingRules;
use claimdesk_core::{BillingEntity, Practice, TaxIdKind};
use rusqlite::Connection;

fn entity_str(e: BillingEntity) -> &'static str {
    match e {
        BillingEntity::Group => "group",
        BillingEntity::Individual => "individual",
    }
}

fn tax_kind_str(k: TaxIdKind) -> &'static str {
    match k {
        TaxIdKind::Ein => "ein",
        TaxIdKind::Ssn => "ssn",
    }
}

const COLUMNS: &str = "name, billing_entity, npi, tax_id, tax_id_kind, taxonomy, address_line1, address_line2, city, state, zip, phone, contact_name, email";

pub(crate) fn insert(conn: &Connection, p: &Practice) -> Result<()> {
    let now = now_utc();
    conn.execute(
        &format!("INSERT INTO practice (id, {COLUMNS}, created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)"),
        rusqlite::params![
            p.name, entity_str(p.billing_entity), p.npi, p.tax_id, tax_kind_str(p.tax_id_kind), p.taxonomy,
            p.address.line1, p.address.line2, p.address.city, p.address.state, p.address.zip, p.phone, p.contact_name, p.email, now
        ],
    )?;
    Ok(())
}

pub(crate) fn get(conn: &Connection) -> Result<Practice> {
    Ok(conn.prepare_cached(&format!("SELECT {COLUMNS} FROM practice WHERE id = 1"))?.query_row([], |r| {
        let entity: String = r.get(1)?;
        let kind: String = r.get(4)?;
        Ok(Practice {
            name: r.get(0)?,
            billing_entity: if entity == "individual" { BillingEntity::Individual } else { BillingEntity::Group },
            npi: r.get(2)?,
            tax_id: r.get(3)?,
            tax_id_kind: if kind == "ssn" { TaxIdKind::Ssn } else { TaxIdKind::Ein },
            taxonomy: r.get(5)?,
            address: rows::address(r, 6)?,
            phone: r.get(11)?,
            contact_name: r.get(12)?,
            email: r.get(13)?,
        })
    })?)
}

impl Store {
    pub fn practice(&self) -> Result<Practice> {
        get(self.conn())
    }

    pub fn update_practice(&mut self, practice: &Practice) -> Result<Practice> {
        let p = practice.validated()?;
        self.with_tx(|tx| {
            let before = get(tx)?;
            tx.prepare_cached("UPDATE practice SET name = ?1, billing_entity = ?2, npi = ?3, tax_id = ?4, tax_id_kind = ?5, taxonomy = ?6,
                 address_line1 = ?7, address_line2 = ?8, city = ?9, state = ?10, zip = ?11, phone = ?12, contact_name = ?13,
                 email = ?14, updated_at = ?15 WHERE id = 1")?.execute(
                rusqlite::params![
                    p.name, entity_str(p.billing_entity), p.npi, p.tax_id, tax_kind_str(p.tax_id_kind), p.taxonomy,
                    p.address.line1, p.address.line2, p.address.city, p.address.state, p.address.zip, p.phone,
                    p.contact_name, p.email, now_utc()
                ],
            )?;
            let after = get(tx)?;
            tx.note(|| AuditNote::change(Record::new("setting", 1), None, Some(&before), &after).with_note("practice"));
            Ok(after)
        })
    }
}

/// The practice's posting rules for OA and PI adjustments (migration 8).
pub(crate) fn posting_rules(conn: &Connection) -> Result<PostingRules> {
    Ok(conn
        .prepare_cached("SELECT write_off_oa, write_off_pi FROM posting_rules WHERE id = 1")?
        .query_row([], |r| Ok(PostingRules { write_off_oa: r.get(0)?, write_off_pi: r.get(1)? }))?)
}

impl Store {
    /// Whether OA and PI adjustments on remittances and EOBs are written off or left pending
    /// with insurance for follow-up.
    pub fn posting_rules(&self) -> Result<PostingRules> {
        posting_rules(self.conn())
    }

    /// Changes the posting rules; what was posted before stays as it was posted.
    pub fn save_posting_rules(&mut self, rules: &PostingRules) -> Result<PostingRules> {
        self.with_tx(|tx| {
            let before = posting_rules(tx)?;
            tx.note(|| {
                AuditNote::change(Record::new("setting", 1), None, Some(&before), rules).with_note("posting rules")
            });
            tx.prepare_cached(
                "UPDATE posting_rules SET write_off_oa = ?1, write_off_pi = ?2, updated_at = ?3 WHERE id = 1",
            )?
            .execute(rusqlite::params![rules.write_off_oa, rules.write_off_pi, now_utc()])?;
            Ok(())
        })?;
        self.posting_rules()
    }
}

//! Reading typed values back out of rows. A value that does not parse is an error, never a
//! silent default (a corrupt row must be noticed, not billed).

use claimdesk_core::{Address, Money, PayerKind, Relationship, Sex};
use rusqlite::types::{FromSqlError, Type};
use rusqlite::Row;

fn bad(idx: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, format!("{what} {value:?}").into())
}

pub fn money(row: &Row, idx: usize) -> rusqlite::Result<Money> {
    Ok(Money::from_cents(row.get::<_, i64>(idx)?))
}

pub fn flag(row: &Row, idx: usize) -> rusqlite::Result<bool> {
    match row.get::<_, i64>(idx)? {
        0 => Ok(false),
        1 => Ok(true),
        other => Err(rusqlite::Error::FromSqlConversionFailure(
            idx,
            Type::Integer,
            Box::new(FromSqlError::OutOfRange(other)),
        )),
    }
}

pub fn sex(row: &Row, idx: usize) -> rusqlite::Result<Sex> {
    let s: String = row.get(idx)?;
    Sex::parse(&s).ok_or_else(|| bad(idx, "sex", &s))
}

pub fn relationship(row: &Row, idx: usize) -> rusqlite::Result<Relationship> {
    let s: String = row.get(idx)?;
    Relationship::parse(&s).ok_or_else(|| bad(idx, "relationship", &s))
}

pub fn payer_kind(row: &Row, idx: usize) -> rusqlite::Result<PayerKind> {
    let s: String = row.get(idx)?;
    PayerKind::parse(&s).ok_or_else(|| bad(idx, "payer kind", &s))
}

/// Five columns in the order line1, line2, city, state, zip starting at `idx`.
pub fn address(row: &Row, idx: usize) -> rusqlite::Result<Address> {
    Ok(Address {
        line1: row.get(idx)?,
        line2: row.get(idx + 1)?,
        city: row.get(idx + 2)?,
        state: row.get(idx + 3)?,
        zip: row.get(idx + 4)?,
    })
}

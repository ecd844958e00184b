//! Money: exact amounts in dollars and cents.
//!
//! Billing is correct to the cent or it is wrong. `Money` wraps `rust_decimal::Decimal`
//! and only ever holds whole cents: every constructor either produces an amount with at
//! most two decimal places or refuses. SQLite stores the same value as INTEGER cents
//! (`Money::cents` / `Money::from_cents`), and it crosses IPC and `--json` as a decimal
//! string such as `"125.00"`. There is no `f64` anywhere on this path.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, Neg, Sub};
use std::str::FromStr;
use ts_rs::TS;

/// An amount of US dollars with exactly two decimal places.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, TS)]
#[ts(export, type = "string")]
pub struct Money(Decimal);

/// Why a text could not be read as money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("is not an amount (use digits, e.g. 125.00)")]
    NotANumber,
    #[error("has more than two decimal places")]
    FractionOfCent,
    #[error("is too large")]
    TooLarge,
}

/// The largest amount ClaimDesk accepts anywhere: $99,999,999.99 (fits the 837P and the form).
const MAX_CENTS: i64 = 9_999_999_999;

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// The one way arithmetic makes a `Money`: a zero result is plain zero. `Decimal` keeps the
    /// sign of a negated zero, which would print as `-0.00` (a statement's "Payments and
    /// adjustments" with nothing paid showed `$-0.00`).
    fn exact(value: Decimal) -> Money {
        if value.is_zero() {
            Money::ZERO
        } else {
            Money(value)
        }
    }

    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// Whole cents. Exact because every `Money` holds at most two decimal places.
    pub fn cents(self) -> i64 {
        let scaled = self.0 * Decimal::ONE_HUNDRED;
        // `normalize` drops trailing zeros; the mantissa is then the integer value.
        i64::try_from(scaled.normalize()).expect("Money always holds whole cents within range")
    }

    /// Reads what a person typed: `125`, `125.5`, `125.50`, `$1,250.00`, `-3.10`.
    /// Refuses fractions of a cent rather than rounding them away silently.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let cleaned: String = text.trim().chars().filter(|c| !matches!(c, '$' | ',' | ' ')).collect();
        if cleaned.is_empty() || cleaned.contains(['e', 'E']) {
            return Err(MoneyError::NotANumber);
        }
        let value = Decimal::from_str(&cleaned).map_err(|_| MoneyError::NotANumber)?;
        if value.normalize().scale() > 2 {
            return Err(MoneyError::FractionOfCent);
        }
        // Checked: a number above about 7.9e26 overflows `Decimal` when scaled to cents
        // (a fee CSV's amount of 28 digits panicked the import; found by the fuzz target fee_csv).
        let Some(cents) = value.round_dp(2).checked_mul(Decimal::ONE_HUNDRED) else {
            return Err(MoneyError::TooLarge);
        };
        match i64::try_from(cents.normalize()) {
            Ok(c) if c.abs() <= MAX_CENTS => Ok(Money::from_cents(c)),
            _ => Err(MoneyError::TooLarge),
        }
    }

    /// This amount `n` times over: a unit fee times the units billed.
    pub fn times(self, n: u32) -> Money {
        Money::exact(self.0 * Decimal::from(n))
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }
}

impl fmt::Display for Money {
    /// Always two decimals, no currency sign, no thousands separator: `1250.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({self})")
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse(s)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money::exact(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money::exact(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money::exact(-self.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Money::parse(&text).map_err(|e| serde::de::Error::custom(format!("amount {text:?} {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_billers_type() {
        assert_eq!(Money::parse("125").unwrap().cents(), 12500);
        assert_eq!(Money::parse("125.5").unwrap().cents(), 12550);
        assert_eq!(Money::parse(" $1,250.05 ").unwrap().cents(), 125005);
        assert_eq!(Money::parse("-3.10").unwrap().cents(), -310);
        assert_eq!(Money::parse("0").unwrap(), Money::ZERO);
        assert_eq!(Money::parse("12.500").unwrap().cents(), 1250);
    }

    #[test]
    fn refuses_what_is_not_money() {
        assert_eq!(Money::parse(""), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("abc"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1e3"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("12.345"), Err(MoneyError::FractionOfCent));
        assert_eq!(Money::parse("100000000.00"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn refuses_numbers_too_large_to_count_in_cents() {
        // The fuzz target fee_csv's crash: 28 digits in a fee's amount overflowed `Decimal`.
        for text in [
            "1277777777777777777777777775.00",
            "1000000000000000000000000000",
            "-79228162514264337593543950335",
            "$79,228,162,514,264,337,593,543,950,335",
        ] {
            assert_eq!(Money::parse(text), Err(MoneyError::TooLarge), "{text}");
        }
        // Beyond what `Decimal` holds at all, it is not a number it can read.
        assert_eq!(Money::parse("127777777777777777777777777775.00"), Err(MoneyError::NotANumber));
    }

    #[test]
    fn displays_two_decimals_and_round_trips_cents() {
        for cents in [0, 1, 10, 99, 100, 12345, -250, 9_999_999_999] {
            let m = Money::from_cents(cents);
            assert_eq!(m.cents(), cents);
            assert_eq!(Money::parse(&m.to_string()).unwrap(), m);
        }
        assert_eq!(Money::from_cents(5).to_string(), "0.05");
        assert_eq!(Money::from_cents(-5).to_string(), "-0.05");
    }

    #[test]
    fn arithmetic_is_exact() {
        let tenth = Money::parse("0.10").unwrap();
        let total: Money = std::iter::repeat_n(tenth, 3).sum();
        assert_eq!(total, Money::parse("0.30").unwrap());
        assert_eq!((total - tenth).cents(), 20);
        assert!((-tenth).is_negative());
        assert_eq!(Money::parse("12.35").unwrap().times(3), Money::parse("37.05").unwrap());
    }

    #[test]
    fn zero_is_never_negative() {
        // Negating nothing paid is still nothing: no "-0.00" on a statement or across IPC.
        for zero in [
            -Money::ZERO,
            -Money::from_cents(0),
            Money::from_cents(-5) + Money::from_cents(5),
            Money::ZERO - Money::ZERO,
            Money::from_cents(-5).times(0),
        ] {
            assert_eq!(zero.to_string(), "0.00");
            assert!(!zero.decimal().is_sign_negative());
            assert_eq!(serde_json::to_string(&zero).unwrap(), "\"0.00\"");
        }
        assert_eq!((-Money::from_cents(5)).to_string(), "-0.05");
    }

    #[test]
    fn serializes_as_decimal_string() {
        let m = Money::from_cents(12500);
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"125.00\"");
        let back: Money = serde_json::from_str("\"125.00\"").unwrap();
        assert_eq!(back, m);
        assert!(serde_json::from_str::<Money>("\"1.234\"").is_err());
    }
}

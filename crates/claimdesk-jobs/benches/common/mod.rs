//! What the benchmarks share: sizes from the environment and the office's working days.
#![allow(dead_code)] // each benchmark uses what it needs

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

/// A size from the environment (`BENCH_PATIENTS=3000`), or the default.
pub fn env_size(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The weekday on or before `d`: the office is closed at weekends.
pub fn weekday(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d - TimeDelta::days(1),
        Weekday::Sun => d - TimeDelta::days(2),
        _ => d,
    }
}

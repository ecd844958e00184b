//! The demo fee schedule: the practice's standard charges and each payer's contracted
//! allowed amounts, for last year and this year (a new fee year starts every January 1).
//!
//! Descriptions are our own plain words, not the AMA's CPT descriptors.

use crate::setup::DemoPayer;
use crate::Specialty;
use chrono::{Datelike, NaiveDate};
use claimdesk_core::{FeeEntry, Money};
use claimdesk_store::{Result, StoreError, Tx};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// (code, description, last year's standard fee in whole dollars)
type Fee = (&'static str, &'static str, i64);

const PHYSICIAN_FEES: [Fee; 30] = [
    ("99202", "Office visit, new patient, short", 120),
    ("99203", "Office visit, new patient, low complexity", 175),
    ("99204", "Office visit, new patient, moderate complexity", 260),
    ("99205", "Office visit, new patient, high complexity", 340),
    ("99211", "Nurse visit, established patient", 45),
    ("99212", "Office visit, established, short", 90),
    ("99213", "Office visit, established, low complexity", 135),
    ("99214", "Office visit, established, moderate complexity", 195),
    ("99215", "Office visit, established, high complexity", 270),
    ("99391", "Well-baby checkup, under 1 year", 195),
    ("99392", "Well-child checkup, ages 1 to 4", 190),
    ("99393", "Well-child checkup, ages 5 to 11", 185),
    ("99394", "Well-child checkup, ages 12 to 17", 200),
    ("99395", "Yearly checkup, ages 18 to 39", 230),
    ("99396", "Yearly checkup, ages 40 to 64", 250),
    ("99397", "Yearly checkup, 65 and over", 270),
    ("36415", "Blood draw from a vein", 25),
    ("81002", "Urine dipstick test, no scope", 15),
    ("85025", "Complete blood count", 40),
    ("80053", "Blood chemistry panel, comprehensive", 60),
    ("87880", "Rapid strep test", 35),
    ("93000", "Heart tracing (ECG) with reading", 75),
    ("90471", "Giving a vaccine by injection, first", 35),
    ("90686", "Flu vaccine, preservative-free", 45),
    ("20610", "Injection into a large joint", 150),
    ("11102", "Skin biopsy, first spot", 160),
    ("17110", "Wart removal, up to 14", 140),
    ("J1030", "Steroid injection drug, 40 mg", 18),
    ("G0438", "Medicare wellness visit, first", 280),
    ("G0439", "Medicare wellness visit, yearly", 190),
];

const CHIRO_FEES: [Fee; 16] = [
    ("98940", "Spinal adjustment, 1 to 2 regions", 65),
    ("98941", "Spinal adjustment, 3 to 4 regions", 80),
    ("98942", "Spinal adjustment, 5 regions", 95),
    ("98943", "Adjustment away from the spine", 45),
    ("97140", "Hands-on therapy, each 15 min", 55),
    ("97110", "Therapeutic exercise, each 15 min", 55),
    ("97112", "Balance and coordination training, each 15 min", 60),
    ("97012", "Mechanical traction", 35),
    ("97014", "Electrical stimulation, unattended", 30),
    ("G0283", "Electrical stimulation, unattended (Medicare)", 30),
    ("97035", "Ultrasound therapy, each 15 min", 35),
    ("99202", "Office visit, new patient, short", 120),
    ("99203", "Office visit, new patient, low complexity", 175),
    ("99204", "Office visit, new patient, moderate complexity", 260),
    ("72100", "X-ray, lower back, 2 or 3 views", 95),
    ("72040", "X-ray, neck, 2 or 3 views", 90),
];

fn january_first(year: i32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| StoreError::invalid("today", format!("year {year} is out of range")))
}

/// This year's standard fee: last year's raised about 4%, to whole dollars.
fn raised(dollars: i64) -> i64 {
    (dollars * 104 + 50) / 100
}

/// `percent` of an amount in cents, rounded to the cent (integers only: this is money).
fn percent_of(cents: i64, percent: i64) -> Money {
    Money::from_cents((cents * percent + 50) / 100)
}

fn entry(payer_id: Option<i64>, fee: &Fee, amount: Money, from: NaiveDate) -> FeeEntry {
    FeeEntry {
        id: None,
        payer_id,
        schedule_name: String::new(),
        code: fee.0.into(),
        modifier: String::new(),
        description: fee.1.into(),
        amount,
        effective_from: Some(from),
        effective_to: None,
    }
}

/// Saves both fee years. Last year's entries are saved first and left open-ended; saving
/// this year's then closes them on December 31, as a biller entering a new fee year would.
pub fn save_fee_schedule(
    tx: &Tx,
    rng: &mut ChaCha8Rng,
    specialty: Specialty,
    payers: &[DemoPayer],
    today: NaiveDate,
) -> Result<usize> {
    let fees: &[Fee] = match specialty {
        Specialty::Physician => &PHYSICIAN_FEES,
        Specialty::Chiro => &CHIRO_FEES,
    };
    let last_year = january_first(today.year() - 1)?;
    let this_year = january_first(today.year())?;
    // Each payer has contracted its own share (55-85%) of the standard fee.
    let shares: Vec<i64> = payers.iter().map(|_| rng.gen_range(55..=85)).collect();
    let mut saved = 0;
    for (from, yearly) in [(last_year, false), (this_year, true)] {
        for fee in fees {
            let dollars = if yearly { raised(fee.2) } else { fee.2 };
            let standard = dollars * 100;
            tx.save_fee(&entry(None, fee, Money::from_cents(standard), from))?;
            saved += 1;
            for (payer, share) in payers.iter().zip(&shares) {
                // A little spread per code, as real contracts are negotiated line by line.
                let percent = (share + rng.gen_range(-3..=3)).clamp(50, 90);
                tx.save_fee(&entry(Some(payer.id), fee, percent_of(standard, percent), from))?;
                saved += 1;
            }
        }
    }
    Ok(saved)
}

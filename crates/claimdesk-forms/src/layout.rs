//! Shared helpers for the patient-facing documents (statements, receipts, plan agreements):
//! text widths from the base-14 font metrics, wrapping, money and date text, and a few drawing
//! shortcuts on top of [`pdf::PageOps`]. Coordinates are points from the top-left corner.

use crate::pdf::{self, PageOps};
use chrono::{Datelike, NaiveDate};
use claimdesk_core::{Address, Money};
use printpdf::{BuiltinFont, PaintMode};

pub const INCH: f32 = 72.0;
pub const PAGE_W: f32 = crate::grid::PAGE_WIDTH_PT;
/// Left and right margins of the body (0.5 in).
pub const MARGIN: f32 = 36.0;
pub const RIGHT: f32 = PAGE_W - MARGIN;

pub const REGULAR: BuiltinFont = BuiltinFont::Helvetica;
pub const BOLD: BuiltinFont = BuiltinFont::HelveticaBold;
pub const ITALIC: BuiltinFont = BuiltinFont::HelveticaOblique;

/// Advance widths (1/1000 em) of ASCII 32..=126 in Helvetica, from the Adobe AFM (the URW
/// Nimbus Sans metrics are identical).
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 222, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];
/// The same for Helvetica-Bold.
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 278, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 278, 556, 611, 556, 611,
    556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
    280, 389, 584,
];

/// Width of `text` in points. Characters outside ASCII count as a full em (conservative).
pub fn text_width(font: BuiltinFont, size: f32, text: &str) -> f32 {
    let table = match font {
        BuiltinFont::HelveticaBold | BuiltinFont::HelveticaBoldOblique => &HELVETICA_BOLD,
        BuiltinFont::Courier
        | BuiltinFont::CourierBold
        | BuiltinFont::CourierOblique
        | BuiltinFont::CourierBoldOblique => return text.chars().count() as f32 * 0.6 * size,
        _ => &HELVETICA,
    };
    let units: u32 = text
        .chars()
        .map(|c| match c as u32 {
            32..=126 => u32::from(table[c as usize - 32]),
            _ => 1000,
        })
        .sum();
    units as f32 * size / 1000.0
}

/// `text` cut (with "...") to fit `width` points.
pub fn fit(font: BuiltinFont, size: f32, width: f32, text: &str) -> String {
    let text = text.trim();
    if text_width(font, size, text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if text_width(font, size, &out) + text_width(font, size, "...") > width {
            out.pop();
            break;
        }
    }
    format!("{}...", out.trim_end())
}

/// Splits `text` into lines no wider than `width` (explicit newlines start new paragraphs);
/// a word longer than the line is cut.
pub fn wrap(font: BuiltinFont, size: f32, width: f32, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if text_width(font, size, &candidate) <= width {
                line = candidate;
            } else {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                line = fit(font, size, width, word);
            }
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// `$125.00`, `-$5.00` (no thousands separator, as [`Money`]'s own text).
pub fn money(m: Money) -> String {
    if m.is_negative() {
        format!("-${}", -m)
    } else {
        format!("${m}")
    }
}

/// `12/15/2026`.
pub fn date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.month(), d.day(), d.year())
}

/// The lines of a mailing address: street, second line when present, `City, ST 78701-1234`.
pub fn address_lines(a: &Address) -> Vec<String> {
    let mut lines = vec![a.line1.trim().to_string()];
    if !a.line2.trim().is_empty() {
        lines.push(a.line2.trim().to_string());
    }
    lines.push(format!("{}, {} {}", a.city.trim(), a.state.trim(), a.zip_display()).trim().to_string());
    lines.retain(|l| !l.is_empty() && l != ",");
    lines
}

/// `(512) 555-0100` for ten digits, otherwise as typed.
pub fn phone(p: &str) -> String {
    let digits: String = p.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 10 {
        format!("({}) {}-{}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        p.trim().to_string()
    }
}

/// Drawing shortcuts used by all the patient documents.
pub trait Draw {
    fn left(&mut self, font: BuiltinFont, size: f32, x: f32, baseline: f32, text: &str);
    fn right(&mut self, font: BuiltinFont, size: f32, x_right: f32, baseline: f32, text: &str);
    fn center(&mut self, font: BuiltinFont, size: f32, x_center: f32, baseline: f32, text: &str);
    fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32);
    fn boxed(&mut self, x: f32, y: f32, w: f32, h: f32, thickness: f32);
    fn shade(&mut self, x: f32, y: f32, w: f32, h: f32);
}

impl Draw for PageOps {
    fn left(&mut self, font: BuiltinFont, size: f32, x: f32, baseline: f32, text: &str) {
        if !text.is_empty() {
            self.text(font, size, x, baseline, text);
        }
    }

    fn right(&mut self, font: BuiltinFont, size: f32, x_right: f32, baseline: f32, text: &str) {
        self.left(font, size, x_right - text_width(font, size, text), baseline, text);
    }

    fn center(&mut self, font: BuiltinFont, size: f32, x_center: f32, baseline: f32, text: &str) {
        self.left(font, size, x_center - text_width(font, size, text) / 2.0, baseline, text);
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        self.stroke(pdf::BLACK, thickness);
        self.line((x1, y), (x2, y));
    }

    fn boxed(&mut self, x: f32, y: f32, w: f32, h: f32, thickness: f32) {
        self.stroke(pdf::BLACK, thickness);
        self.rect(x, y, w, h, PaintMode::Stroke);
    }

    fn shade(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.fill_color(pdf::LIGHT_GRAY);
        self.rect(x, y, w, h, PaintMode::Fill);
        self.fill_color(pdf::BLACK);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_wrapping() {
        // Helvetica digits are 556 units: "100.00" = 5 * 556 + 278.
        assert!((text_width(REGULAR, 10.0, "100.00") - 30.58).abs() < 0.01);
        assert_eq!(wrap(REGULAR, 10.0, 60.0, "aaa bbb ccc ddd eee"), vec!["aaa bbb ccc", "ddd eee"]);
        assert_eq!(money(Money::from_cents(-500)), "-$5.00");
        assert_eq!(phone("5125550100"), "(512) 555-0100");
    }
}

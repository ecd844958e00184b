//! Practice reports as PDF: a generic tabular report on US Letter. Title, practice name and
//! the report's parameters on every page; one or more sections, each with column headings,
//! rows and an optional totals row; a section that does not fit continues on the next page
//! with its headings repeated; "Page i of n" at the foot. Deterministic like every PDF here.

use crate::layout::{date, fit, money, text_width, Draw, BOLD, ITALIC, MARGIN, REGULAR, RIGHT};
use crate::pdf::{self, PageOps};
use chrono::NaiveDate;
use claimdesk_core::Money;

/// One cell. Money and counts are right-aligned; money prints as `$1250.00`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Money(Money),
    Count(i64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// As printed on the PDF.
    pub fn printed(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Money(m) => money(*m),
            Cell::Count(n) => n.to_string(),
            Cell::Date(d) => date(*d),
            Cell::Empty => String::new(),
        }
    }
}

/// A column: its heading and its share of the page width (relative weight).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub heading: String,
    pub weight: f32,
    /// Right-align the heading and the cells (money and count columns).
    pub numeric: bool,
}

impl Column {
    pub fn text(heading: &str, weight: f32) -> Column {
        Column { heading: heading.into(), weight, numeric: false }
    }

    pub fn number(heading: &str, weight: f32) -> Column {
        Column { heading: heading.into(), weight, numeric: true }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Printed above the table ("" for none).
    pub heading: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub totals: Option<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportDocument {
    pub title: String,
    pub practice_name: String,
    /// "As of 11/23/2026, by payer", "From 11/01/2026 to 11/30/2026".
    pub parameters: String,
    /// Printed in the footer ("Printed 11/23/2026").
    pub printed_on: NaiveDate,
    pub sections: Vec<Section>,
}

const TOP: f32 = 40.0;
const BODY_TOP: f32 = 96.0;
const BOTTOM: f32 = 742.0;
const FOOTER: f32 = 768.0;
const ROW_H: f32 = 12.0;
const HEAD_H: f32 = 14.0;
const SIZE: f32 = 8.0;
const PAD: f32 = 3.0;

fn page_header(p: &mut PageOps, doc: &ReportDocument) {
    p.fill_color(pdf::BLACK);
    p.left(BOLD, 14.0, MARGIN, TOP + 6.0, &fit(BOLD, 14.0, RIGHT - MARGIN - 200.0, &doc.title));
    p.right(BOLD, 10.0, RIGHT, TOP + 6.0, &fit(BOLD, 10.0, 200.0, &doc.practice_name));
    p.left(ITALIC, 9.0, MARGIN, TOP + 24.0, &fit(ITALIC, 9.0, RIGHT - MARGIN, &doc.parameters));
    p.hline(MARGIN, RIGHT, TOP + 32.0, 1.0);
}

/// The left edge and width of each column.
fn column_spans(columns: &[Column]) -> Vec<(f32, f32)> {
    let total: f32 = columns.iter().map(|c| c.weight.max(0.1)).sum();
    let mut x = MARGIN;
    columns
        .iter()
        .map(|c| {
            let w = (RIGHT - MARGIN) * c.weight.max(0.1) / total;
            let span = (x, w);
            x += w;
            span
        })
        .collect()
}

fn cells(p: &mut PageOps, columns: &[Column], spans: &[(f32, f32)], y: f32, row: &[String], bold: bool) {
    let font = if bold { BOLD } else { REGULAR };
    for ((c, (x, w)), text) in columns.iter().zip(spans).zip(row) {
        let text = fit(font, SIZE, w - 2.0 * PAD, text);
        if c.numeric {
            p.right(font, SIZE, x + w - PAD, y, &text);
        } else {
            p.left(font, SIZE, x + PAD, y, &text);
        }
    }
}

fn column_headings(p: &mut PageOps, s: &Section, spans: &[(f32, f32)], y: f32) {
    p.shade(MARGIN, y, RIGHT - MARGIN, HEAD_H);
    let headings: Vec<String> = s.columns.iter().map(|c| c.heading.clone()).collect();
    cells(p, &s.columns, spans, y + 10.0, &headings, true);
}

/// The report as PDF bytes.
pub fn report_pdf(doc: &ReportDocument) -> Vec<u8> {
    pdf::save(&doc.title, pages(doc).into_iter().map(PageOps::into_page).collect())
}

fn pages(doc: &ReportDocument) -> Vec<PageOps> {
    let mut pages: Vec<PageOps> = Vec::new();
    let new_page = |pages: &mut Vec<PageOps>| {
        let mut p = PageOps::new();
        page_header(&mut p, doc);
        pages.push(p);
        BODY_TOP
    };
    let mut y = new_page(&mut pages);
    for s in &doc.sections {
        let spans = column_spans(&s.columns);
        // A section starts on a new page unless its heading, headings and a few rows fit.
        if y + 20.0 + HEAD_H + 3.0 * ROW_H > BOTTOM {
            y = new_page(&mut pages);
        }
        let p = pages.last_mut().expect("a page");
        if !s.heading.is_empty() {
            p.left(BOLD, 10.0, MARGIN, y + 10.0, &s.heading);
            y += 16.0;
        }
        column_headings(p, s, &spans, y);
        y += HEAD_H + 1.0;
        if s.rows.is_empty() {
            p.left(ITALIC, SIZE, MARGIN + PAD, y + 9.0, "Nothing to report.");
            y += ROW_H;
        }
        for row in &s.rows {
            if y + ROW_H > BOTTOM {
                y = new_page(&mut pages);
                let p = pages.last_mut().expect("a page");
                let continued = if s.heading.is_empty() { String::new() } else { format!("{} (continued)", s.heading) };
                if !continued.is_empty() {
                    p.left(BOLD, 10.0, MARGIN, y + 10.0, &continued);
                    y += 16.0;
                }
                column_headings(p, s, &spans, y);
                y += HEAD_H + 1.0;
            }
            let p = pages.last_mut().expect("a page");
            let text: Vec<String> = row.iter().map(Cell::printed).collect();
            cells(p, &s.columns, &spans, y + 9.0, &text, false);
            y += ROW_H;
        }
        if let Some(totals) = &s.totals {
            if y + ROW_H + 2.0 > BOTTOM {
                y = new_page(&mut pages);
            }
            let p = pages.last_mut().expect("a page");
            p.hline(MARGIN, RIGHT, y + 1.0, 0.75);
            let text: Vec<String> = totals.iter().map(Cell::printed).collect();
            cells(p, &s.columns, &spans, y + 11.0, &text, true);
            y += ROW_H + 2.0;
        }
        y += 14.0;
    }
    let n = pages.len();
    for (i, p) in pages.iter_mut().enumerate() {
        p.fill_color(pdf::BLACK);
        p.hline(MARGIN, RIGHT, FOOTER - 10.0, 0.5);
        p.left(REGULAR, 8.0, MARGIN, FOOTER, &format!("Printed {}", date(doc.printed_on)));
        let label = format!("Page {} of {n}", i + 1);
        p.right(REGULAR, 8.0, RIGHT, FOOTER, &label);
        debug_assert!(text_width(REGULAR, 8.0, &label) < 100.0);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(rows: usize) -> ReportDocument {
        ReportDocument {
            title: "AR aging by payer".into(),
            practice_name: "Riverside Family Medicine".into(),
            parameters: "As of 11/23/2026".into(),
            printed_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            sections: vec![Section {
                heading: "Payers".into(),
                columns: vec![Column::text("Payer", 3.0), Column::number("Current", 1.0), Column::number("Lines", 1.0)],
                rows: (0..rows)
                    .map(|i| {
                        vec![
                            Cell::text(format!("Payer {i}")),
                            Cell::Money(Money::from_cents(i as i64 * 101)),
                            Cell::Count(i as i64),
                        ]
                    })
                    .collect(),
                totals: Some(vec![Cell::text("Total"), Cell::Money(Money::from_cents(12345)), Cell::Empty]),
            }],
        }
    }

    #[test]
    fn the_same_report_gives_the_same_bytes_and_long_ones_take_more_pages() {
        let short = report_pdf(&doc(3));
        assert_eq!(short, report_pdf(&doc(3)));
        assert!(short.starts_with(b"%PDF"));
        let long = report_pdf(&doc(200));
        assert!(long.len() > short.len());
        assert_eq!(pages(&doc(3)).len(), 1);
        assert_eq!(pages(&doc(200)).len(), 4, "about 51 rows a page");
        assert_eq!(Cell::Money(Money::from_cents(-500)).printed(), "-$5.00");
    }
}

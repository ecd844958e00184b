//! End-to-end checks of the printed PDF with poppler-utils: `pdftotext -bbox` tells where each
//! word landed (points from the top-left corner), `pdftoppm` renders pages to pixels.
//! Positions are checked against the grid formula of `cms1500_notes.md`, computed here:
//! x = 24 + (col - 1) * 7.2 + left offset, line top = 20 + (row - 1) * 12 + top offset.

mod common;

use claimdesk_core::claims::ClaimData;
use claimdesk_core::PayerKind;
use claimdesk_forms::grid::Grid;
use claimdesk_forms::{
    calibration_page, pages_for, print_claims, FormMode, PaperSettings, PrintJob, PrintOptions, PrinterOffsets,
};
use common::{claim, date};
use std::path::{Path, PathBuf};
use std::process::Command;

const CELL_W: f32 = 7.2;
const CELL_H: f32 = 12.0;

#[derive(Debug)]
struct Word {
    text: String,
    x_min: f32,
    y_min: f32,
    y_max: f32,
}

impl Word {
    fn y_mid(&self) -> f32 {
        (self.y_min + self.y_max) / 2.0
    }
}

/// The words of each page, as `pdftotext -bbox` places them.
struct Pages(Vec<Vec<Word>>);

fn options(mode: FormMode, offsets: PrinterOffsets) -> PrintOptions {
    PrintOptions { mode, offsets, print_date: date(2026, 3, 20) }
}

fn print(claims: &[&ClaimData], paper: PaperSettings, options: &PrintOptions) -> Vec<u8> {
    let jobs: Vec<PrintJob> =
        claims.iter().map(|c| PrintJob { claim: c, paper: paper.clone(), amount_paid: None }).collect();
    print_claims(&jobs, options, &mut |_, _| {}).expect("claims print")
}

fn tool(name: &str) -> Command {
    let probe = Command::new(name).arg("-v").output();
    assert!(probe.is_ok(), "`{name}` was not found: these tests need poppler-utils (apt-get install poppler-utils)");
    Command::new(name)
}

fn write_pdf(dir: &Path, name: &str, pdf: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, pdf).expect("write pdf");
    path
}

fn attr(tag: &str, name: &str) -> f32 {
    let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
    let end = start + tag[start..].find('"').expect("closing quote");
    tag[start..end].parse().expect("number")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn words(pdf: &[u8]) -> Pages {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_pdf(dir.path(), "claims.pdf", pdf);
    let out = dir.path().join("claims.html");
    let status = tool("pdftotext").arg("-bbox").arg(&path).arg(&out).status().expect("run pdftotext");
    assert!(status.success(), "pdftotext failed on the generated PDF");
    let html = std::fs::read_to_string(&out).expect("read pdftotext output");
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut list = Vec::new();
        for chunk in page.split("<word ").skip(1) {
            let (tag, rest) = chunk.split_once('>').expect("word tag");
            let text = rest.split("</word>").next().unwrap_or_default();
            list.push(Word {
                text: unescape(text),
                x_min: attr(tag, "xMin"),
                y_min: attr(tag, "yMin"),
                y_max: attr(tag, "yMax"),
            });
        }
        pages.push(list);
    }
    Pages(pages)
}

impl Pages {
    /// Asserts that `expected`, laid out from the first character of grid field
    /// (`box_id`, `description`) — leading spaces are part of the layout, as for amounts —
    /// is printed there on page `page` (1-based): every word of it within half a cell of
    /// where the grid and the offsets put it.
    fn check_page(&self, page: usize, box_id: &str, description: &str, expected: &str, offsets: PrinterOffsets) {
        let cell = Grid::cms1500().find(box_id, description).unwrap_or_else(|| panic!("{box_id} {description}"));
        let x0 = 24.0 + f32::from(cell.col - 1) * CELL_W + offsets.left_pt;
        let y_mid = 20.0 + f32::from(cell.row - 1) * CELL_H + offsets.top_pt + CELL_H / 2.0;
        let words = &self.0[page - 1];
        let mut start = 0;
        for token in expected.split(' ') {
            if !token.is_empty() {
                let x = x0 + start as f32 * CELL_W;
                let found = words.iter().any(|w| {
                    w.text == token && (w.x_min - x).abs() <= CELL_W / 2.0 && (w.y_mid() - y_mid).abs() <= CELL_H / 2.0
                });
                if !found {
                    let near: Vec<String> = words
                        .iter()
                        .filter(|w| (w.y_mid() - y_mid).abs() <= CELL_H * 1.5)
                        .map(|w| format!("{:?}@({:.1},{:.1})", w.text, w.x_min, w.y_mid()))
                        .collect();
                    panic!(
                        "page {page} box {box_id} {description:?}: {token:?} not at ({x:.1}, {y_mid:.1}); nearby: {near:?}"
                    );
                }
            }
            start += token.len() + 1;
        }
    }

    fn check(&self, box_id: &str, description: &str, expected: &str, offsets: PrinterOffsets) {
        self.check_page(1, box_id, description, expected, offsets);
    }

    /// No word on `page` in the line of grid row `row`.
    fn row_is_empty(&self, page: usize, row: u16) -> bool {
        let y_mid = 20.0 + f32::from(row - 1) * CELL_H + CELL_H / 2.0;
        !self.0[page - 1].iter().any(|w| (w.y_mid() - y_mid).abs() < CELL_H / 2.0)
    }

    fn has_word(&self, page: usize, text: &str) -> bool {
        self.0[page - 1].iter().any(|w| w.text == text)
    }
}

/// The representative boxes of a six-line claim from `common::claim`.
fn check_representative_boxes(pages: &Pages, o: PrinterOffsets) {
    pages.check("carrier", "payer name", "LONE STAR HEALTH PLAN", o);
    pages.check("carrier", "payer street", "PO BOX 4000", o);
    pages.check("carrier", "payer city", "DALLAS TX 75201", o);
    pages.check("1", "Group Health Plan X", "X", o);
    pages.check("1a", "insured's ID", "XZW000100000", o);
    pages.check("2", "patient name", "TESTPERSON, ALEX L", o);
    pages.check("3", "patient birth date MM", "03 07 1980", o);
    pages.check("3", "patient sex F X", "X", o);
    pages.check("4", "insured name", "TESTPERSON, ALEX L", o);
    pages.check("5", "patient street", "42 ELM STREET APT 3", o);
    pages.check("5", "patient city", "ROUND ROCK", o);
    pages.check("5", "patient state", "TX", o);
    pages.check("5", "patient ZIP", "78664", o);
    pages.check("5", "patient phone area code", "512 5550142", o);
    pages.check("6", "relationship self X", "X", o);
    pages.check("9", "other insured name", "SPOUSEMAN, TERRY", o);
    pages.check("10b", "auto accident YES X", "X", o);
    pages.check("10b", "auto accident state", "TX", o);
    pages.check("11", "insured policy group", "GRP7788", o);
    pages.check("11d", "another health benefit plan YES X", "X", o);
    pages.check("12", "patient signature", "SIGNATURE ON FILE", o);
    pages.check("14", "date of current illness MM", "02 20 26      431", o);
    pages.check("15", "other date qualifier", "454   02 23 26", o);
    pages.check("17", "referring provider qualifier", "DN ROBIN REFERSMITH MD", o);
    pages.check("17b", "referring provider NPI", "1679576722", o);
    pages.check("21", "ICD indicator", "0", o);
    pages.check("21", "diagnosis A", "M9903        M5450        S134XXA", o);
    pages.check("23", "prior authorization", "PA998877", o);
    pages.check("24-line1-shaded", "supplemental", "N412345678901 UN1", o);
    pages.check("24A-line1", "from MM", "03 02 26 03 02 26 11", o);
    pages.check("24D-line1", "CPT", "99213   25          AA", o);
    pages.check("24F-line1", "charges", "  125 00 1", o);
    pages.check("24J-line1", "rendering provider NPI", "1234567893", o);
    pages.check("24A-line6", "from MM", "03 07 26 03 07 26 11", o);
    pages.check("24D-line6", "CPT", "99203   GP 59       AC", o);
    pages.check("24F-line6", "charges", "  170 00 3", o);
    pages.check("24J-line6", "rendering provider NPI", "1234567893", o);
    pages.check("25", "federal tax ID", "741234567         X", o);
    pages.check("26", "patient account", "A000001", o);
    pages.check("27", "accept assignment YES X", "X", o);
    pages.check("28", "total charge", "  529 00", o);
    pages.check("31", "physician signature", "DANA M HEALWELL DC", o);
    pages.check("31", "date signed", "03 20 2026", o);
    pages.check("32", "service facility name", "RIVERSIDE CLINIC NORTH", o);
    pages.check("32a", "service facility NPI", "1104025327", o);
    // NUCC 33: no hyphen or space inside the number; the 9-digit ZIP without its hyphen.
    pages.check("33", "billing provider phone area code", "512 5550100", o);
    pages.check("33", "billing provider name", "RIVERSIDE FAMILY MEDICINE", o);
    pages.check("33", "billing provider street", "100 MAIN ST", o);
    pages.check("33", "billing provider city", "AUSTIN TX 787011234", o);
    pages.check("33a", "billing provider NPI", "1245319599", o);
}

#[test]
fn red_form_boxes_land_in_their_cells() {
    let c = claim(6);
    let o = PrinterOffsets::default();
    let pdf = print(&[&c], PaperSettings::default(), &options(FormMode::RedForm, o));
    assert!(pdf.starts_with(b"%PDF-"));
    let pages = words(&pdf);
    assert_eq!(pages.0.len(), 1);
    check_representative_boxes(&pages, o);
    // Nothing of the drawn form on a red-form print.
    assert!(!pages.has_word(1, "INSURANCE"));
    save_artifact(&pdf, "cms1500-red-form");
}

#[test]
fn offsets_move_everything() {
    let c = claim(6);
    let o = PrinterOffsets { left_pt: 9.0, top_pt: -6.0 };
    let pages = words(&print(&[&c], PaperSettings::default(), &options(FormMode::RedForm, o)));
    check_representative_boxes(&pages, o);
    // Exactly by the offsets, compared with a print without them.
    let plain = words(&print(&[&c], PaperSettings::default(), &options(FormMode::RedForm, PrinterOffsets::default())));
    let find = |p: &Pages, text: &str| p.0[0].iter().find(|w| w.text == text).map(|w| (w.x_min, w.y_min)).unwrap();
    for text in ["XZW000100000", "PA998877", "1245319599"] {
        let ((x0, y0), (x1, y1)) = (find(&plain, text), find(&pages, text));
        assert!(
            (x1 - x0 - 9.0).abs() < 0.01 && (y1 - y0 + 6.0).abs() < 0.01,
            "{text} moved by ({}, {})",
            x1 - x0,
            y1 - y0
        );
    }
}

#[test]
fn nine_lines_take_two_forms_with_a_total_each() {
    let c = claim(9);
    assert_eq!(pages_for(&c), 2);
    let o = PrinterOffsets::default();
    let pages = words(&print(&[&c], PaperSettings::default(), &options(FormMode::RedForm, o)));
    assert_eq!(pages.0.len(), 2);
    // Page 1: lines 1-6, total 125+65+42+39+88+170 = 529.
    pages.check_page(1, "24D-line6", "CPT", "99203", o);
    pages.check_page(1, "28", "total charge", "  529 00", o);
    // Page 2: lines 7-9 in rows 1-3 of the line block (codes cycle: 99213, 98941, 97110),
    // rows 4-6 empty, its own total 125+65+42 = 232, and the header again.
    pages.check_page(2, "24D-line1", "CPT", "99213", o);
    pages.check_page(2, "24A-line1", "from MM", "03 08 26", o);
    pages.check_page(2, "24D-line2", "CPT", "98941", o);
    pages.check_page(2, "24D-line3", "CPT", "97110", o);
    pages.check_page(2, "24F-line3", "charges", "   42 00", o);
    for row in [49, 50, 51, 52, 53, 54] {
        assert!(pages.row_is_empty(2, row), "row {row} of page 2 should be empty");
    }
    pages.check_page(2, "28", "total charge", "  232 00", o);
    pages.check_page(2, "2", "patient name", "TESTPERSON, ALEX L", o);
    pages.check_page(2, "33a", "billing provider NPI", "1245319599", o);

    let paper = PaperSettings { continued_in_box_28: true, ..PaperSettings::default() };
    let pages = words(&print(&[&c], paper, &options(FormMode::RedForm, o)));
    pages.check_page(1, "28", "total charge", "CONTINUED", o);
    pages.check_page(2, "28", "total charge", "  232 00", o);
}

#[test]
fn several_claims_print_in_order_with_progress() {
    let (a, b) = (common::claim_with(0, 2), common::claim_with(1, 8));
    let jobs = [
        PrintJob { claim: &a, paper: PaperSettings::default(), amount_paid: None },
        PrintJob { claim: &b, paper: PaperSettings::default(), amount_paid: None },
    ];
    let mut seen = Vec::new();
    let pdf = print_claims(&jobs, &options(FormMode::RedForm, PrinterOffsets::default()), &mut |done, total| {
        seen.push((done, total))
    })
    .expect("prints");
    assert_eq!(seen, [(1, 2), (2, 2)]);
    let pages = words(&pdf);
    assert_eq!(pages.0.len(), 3);
    let o = PrinterOffsets::default();
    pages.check_page(1, "26", "patient account", "A000001", o);
    pages.check_page(2, "26", "patient account", "A000002", o);
    pages.check_page(3, "2", "patient name", "SAMPLETON, JORDAN L", o);
}

/// Renders page 1 with `pdftoppm -r 50 -gray` (a PGM, read without an image library).
fn gray_pixels(pdf: &[u8]) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_pdf(dir.path(), "page.pdf", pdf);
    let out =
        tool("pdftoppm").args(["-r", "50", "-gray", "-f", "1", "-l", "1"]).arg(&path).output().expect("run pdftoppm");
    assert!(out.status.success(), "pdftoppm failed");
    let data = out.stdout;
    // Header: "P5\n<width> <height>\n255\n".
    let mut fields = Vec::new();
    let mut pos = 0;
    while fields.len() < 4 {
        while data[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while !data[pos].is_ascii_whitespace() {
            pos += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..pos]).to_string());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = data[pos + 1..].to_vec();
    assert_eq!(pixels.len(), w * h);
    (w, h, pixels)
}

fn dark_pixels(pixels: &[u8]) -> usize {
    pixels.iter().filter(|&&p| p < 160).count()
}

#[test]
fn full_form_draws_the_form_under_the_data() {
    let c = claim(6);
    let o = PrinterOffsets::default();
    let pdf = print(&[&c], PaperSettings::default(), &options(FormMode::FullForm, o));
    let pages = words(&pdf);
    // The data is where it is on a red form.
    check_representative_boxes(&pages, o);
    // The form's labels are there.
    for label in
        ["HEALTH", "INSURANCE", "CLAIM", "FORM", "PATIENT'S", "INSURED'S", "TOTAL", "CHARGE", "MEDICARE", "NPI"]
    {
        assert!(pages.has_word(1, label), "full form lacks the label {label:?}");
    }

    let (w, h, full) = gray_pixels(&pdf);
    assert_eq!((w, h), (425, 550), "US Letter at 50 dpi");
    let red = gray_pixels(&print(&[&c], PaperSettings::default(), &options(FormMode::RedForm, o))).2;
    assert!(dark_pixels(&full) > dark_pixels(&red) + 5_000, "the drawn form adds ink");
    // The outer frame's left edge: x = 24 - 2.4 = 21.6 pt = 15 px; from row 7 (92 pt) to row
    // 62 (752 pt), i.e. pixel rows 64..522. Dark in full-form mode, white on red-form prints.
    let column_dark = |pixels: &[u8], x: usize| (100..500).filter(|&y| pixels[y * w + x] < 160).count();
    let frame = (14..=16).map(|x| column_dark(&full, x)).max().unwrap();
    assert!(frame > 380, "frame line at the left edge: {frame} dark pixels of 400");
    assert_eq!((14..=16).map(|x| column_dark(&red, x)).max().unwrap(), 0);
    save_artifact(&pdf, "cms1500-full-form");
}

#[test]
fn calibration_page_prints_marks_and_instructions() {
    let o = PrinterOffsets { left_pt: -3.0, top_pt: 4.5 };
    let pdf = calibration_page(&options(FormMode::RedForm, o));
    let pages = words(&pdf);
    assert_eq!(pages.0.len(), 1);
    assert!(pages.has_word(1, "ALIGNMENT"));
    assert!(pages.has_word(1, "+4.5"), "the page states the offsets it was printed with");
    pages.check("1a", "insured's ID", &"X".repeat(17), o);
    pages.check("1", "Medicare X", "X", o);
    pages.check("24J-line6", "rendering provider NPI", "XXXXXXXXXX", o);
    pages.check("28", "total charge", "XXXXXXXX", o);
    assert!(dark_pixels(&gray_pixels(&pdf).2) > 500);

    let full = calibration_page(&options(FormMode::FullForm, PrinterOffsets::default()));
    let pages = words(&full);
    assert!(pages.has_word(1, "INSURANCE"));
    pages.check("33a", "billing provider NPI", "XXXXXXXXXX", PrinterOffsets::default());
    save_artifact(&full, "cms1500-calibration-full-form");
    save_artifact(&pdf, "cms1500-calibration");
}

#[test]
fn box_1_follows_the_payer_kind() {
    let o = PrinterOffsets::default();
    for (kind, box_description) in [
        (PayerKind::Medicare, "Medicare X"),
        (PayerKind::Medicaid, "Medicaid X"),
        (PayerKind::Tricare, "TRICARE X"),
        (PayerKind::Champva, "CHAMPVA X"),
        (PayerKind::Bcbs, "Group Health Plan X"),
        (PayerKind::WorkersComp, "Other X"),
    ] {
        let mut c = claim(1);
        c.payer.kind = kind;
        let pages = words(&print(&[&c], PaperSettings::default(), &options(FormMode::RedForm, o)));
        pages.check("1", box_description, "X", o);
    }
}

/// Page 1 as a PNG in `test-artifacts/` at the workspace root, for people to look at.
fn save_artifact(pdf: &[u8], name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-artifacts");
    std::fs::create_dir_all(&dir).expect("create test-artifacts");
    let pdf_path = write_pdf(&dir, &format!("{name}.pdf"), pdf);
    let status = tool("pdftoppm")
        .args(["-r", "100", "-png", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&pdf_path)
        .arg(dir.join(name))
        .status()
        .expect("run pdftoppm");
    assert!(status.success(), "pdftoppm -png failed");
}

//! The alignment page: test prints at known cells of the grid, crosshairs at check-box
//! centres, and instructions telling the user how to measure and enter printer offsets.

use crate::cms1500::Placed;
use crate::grid::{Grid, CELL_HEIGHT_PT, CELL_WIDTH_PT};
use crate::pdf::{self, PageOps};
use crate::{background_ops, write_data, PrintOptions, PrinterOffsets};
use printpdf::BuiltinFont;

/// Fields filled with `X` across their full width: the user sees where each field starts
/// and ends against the pre-printed boxes.
const FILLED: &[(&str, &str)] = &[
    ("carrier", "payer name"),
    ("1a", "insured's ID"),
    ("2", "patient name"),
    ("4", "insured name"),
    ("3", "patient birth date MM"),
    ("3", "patient birth date DD"),
    ("3", "patient birth date CCYY"),
    ("21", "diagnosis A"),
    ("21", "diagnosis D"),
    ("24A-line1", "from MM"),
    ("24A-line1", "from DD"),
    ("24A-line1", "from YY"),
    ("24D-line1", "CPT"),
    ("24F-line1", "charges"),
    ("24J-line1", "rendering provider NPI"),
    ("24A-line6", "from MM"),
    ("24D-line6", "CPT"),
    ("24J-line6", "rendering provider NPI"),
    ("28", "total charge"),
    ("31", "physician signature"),
    ("33", "billing provider name"),
    ("33a", "billing provider NPI"),
];

/// Check boxes that get an `X` and a crosshair on their centre.
const CHECKED: &[(&str, &str)] = &[
    ("1", "Medicare X"),
    ("1", "Other X"),
    ("3", "patient sex M X"),
    ("6", "relationship self X"),
    ("11a", "insured sex F X"),
    ("27", "accept assignment YES X"),
];

/// The alignment page as a one-page PDF, drawn with the given offsets (out-of-range offsets
/// are clamped to one inch) and, in full-form mode, over the drawn form.
pub fn calibration_page(options: &PrintOptions) -> Vec<u8> {
    let clamp = |v: f32| if v.is_finite() { v.clamp(-PrinterOffsets::MAX_PT, PrinterOffsets::MAX_PT) } else { 0.0 };
    let offsets = PrinterOffsets { left_pt: clamp(options.offsets.left_pt), top_pt: clamp(options.offsets.top_pt) };
    let options = PrintOptions { offsets, ..options.clone() };
    let grid = Grid::cms1500();

    let mut items = Vec::new();
    for &(box_id, description) in FILLED.iter().chain(CHECKED) {
        let cell = grid.cell(box_id, description);
        let text = "X".repeat(usize::from(cell.width));
        items.push(Placed { field: format!("{box_id} {description}"), cell, text });
    }

    let mut page = PageOps::new();
    page.extend(&background_ops(&options));
    page.stroke(pdf::BLACK, 0.4);
    for &(box_id, description) in CHECKED {
        let cell = grid.cell(box_id, description);
        let cx = cell.left_pt() + CELL_WIDTH_PT / 2.0 + offsets.left_pt;
        let cy = cell.top_pt() + CELL_HEIGHT_PT / 2.0 + offsets.top_pt;
        page.line((cx - 9.0, cy), (cx + 9.0, cy));
        page.line((cx, cy - 9.0), (cx, cy + 9.0));
    }
    page.fill_color(pdf::BLACK);
    write_data(&mut page, &items, offsets);
    for (i, line) in instructions(offsets).iter().enumerate() {
        let font = if i == 0 { BuiltinFont::HelveticaBold } else { BuiltinFont::Helvetica };
        page.text(font, 6.0, 24.0 + offsets.left_pt.min(0.0), 12.0 + 7.0 * i as f32, line);
    }
    pdf::save("CMS-1500 alignment page", vec![page.into_page()])
}

fn instructions(offsets: PrinterOffsets) -> Vec<String> {
    vec![
        "CLAIMDESK ALIGNMENT PAGE: print on a blank red CMS-1500 (02/12) form at 100% size (turn off 'fit to page')."
            .into(),
        "Every X must sit inside its check box and every row of X's inside its box; each + marks a check box centre."
            .into(),
        "Print too far RIGHT: make the left offset smaller (negative moves left). Too far LEFT: make it larger.".into(),
        "Print too LOW: make the top offset smaller (negative moves up). Too HIGH: make it larger.".into(),
        "Measure with a ruler: 1 mm = 2.83 pt, 1/10 inch = 7.2 pt (one character), 1/6 inch = 12 pt (one line).".into(),
        "Enter the offsets in the printer settings, print this page again, repeat until every mark is in its box."
            .into(),
        format!(
            "This page was printed with: left offset {:+.1} pt, top offset {:+.1} pt.",
            offsets.left_pt, offsets.top_pt
        ),
    ]
}

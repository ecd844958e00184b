//! The CMS-1500 (02/12) form itself, drawn for plain paper: box outlines, box numbers and
//! short labels in small red Helvetica, check boxes and the shaded supplemental rows of box 24.
//!
//! Everything is laid out on the same character grid as the data (see [`crate::grid`]), so the
//! data always lands in its box. It is a faithful-enough likeness for review, archive and
//! payers that accept plain-paper claims, not a copy of the official red form (which must be
//! bought printed in OCR red ink for scanning payers).

use crate::grid::{Grid, CELL_HEIGHT_PT, CELL_WIDTH_PT, GRID_LEFT_PT, GRID_TOP_PT};
use crate::pdf::{PageOps, FORM_RED, FORM_SHADE};
use printpdf::{BuiltinFont, Op, PaintMode};

const LABEL_PT: f32 = 5.0;
/// Box edges sit a third of a cell left of the first data column, so data never touches them.
const EDGE_INSET_PT: f32 = 2.4;

/// A box: first and last row, first and last column (1-based grid cells), label lines.
struct FormBox {
    rows: (u16, u16),
    cols: (u16, u16),
    label: &'static [&'static str],
}

const fn b(rows: (u16, u16), cols: (u16, u16), label: &'static [&'static str]) -> FormBox {
    FormBox { rows, cols, label }
}

const LAST_COL: u16 = 79;

const BOXES: &[FormBox] = &[
    b((7, 8), (1, 49), &[]),
    b((7, 8), (50, LAST_COL), &["1a. INSURED'S I.D. NUMBER (For Program in Item 1)"]),
    b((9, 10), (1, 29), &["2. PATIENT'S NAME (Last Name, First Name, Middle Initial)"]),
    b((9, 10), (30, 49), &["3. PATIENT'S BIRTH DATE"]),
    b((9, 10), (50, LAST_COL), &["4. INSURED'S NAME (Last Name, First Name, Middle Initial)"]),
    b((11, 12), (1, 29), &["5. PATIENT'S ADDRESS (No., Street)"]),
    b((13, 14), (1, 24), &["CITY"]),
    b((13, 14), (25, 29), &["STATE"]),
    b((15, 16), (1, 13), &["ZIP CODE"]),
    b((15, 16), (14, 29), &["TELEPHONE (Include Area Code)"]),
    b((11, 12), (30, 49), &["6. PATIENT RELATIONSHIP TO INSURED"]),
    b((13, 16), (30, 49), &["8. RESERVED FOR NUCC USE"]),
    b((11, 12), (50, LAST_COL), &["7. INSURED'S ADDRESS (No., Street)"]),
    b((13, 14), (50, 72), &["CITY"]),
    b((13, 14), (73, LAST_COL), &["STATE"]),
    b((15, 16), (50, 63), &["ZIP CODE"]),
    b((15, 16), (64, LAST_COL), &["TELEPHONE (Include Area Code)"]),
    b((17, 18), (1, 29), &["9. OTHER INSURED'S NAME (Last Name, First Name, Middle Initial)"]),
    b((19, 20), (1, 29), &["a. OTHER INSURED'S POLICY OR GROUP NUMBER"]),
    b((21, 22), (1, 29), &["b. RESERVED FOR NUCC USE"]),
    b((23, 24), (1, 29), &["c. RESERVED FOR NUCC USE"]),
    b((25, 26), (1, 29), &["d. INSURANCE PLAN NAME OR PROGRAM NAME"]),
    b((17, 18), (30, 49), &["10. IS PATIENT'S CONDITION RELATED TO:"]),
    b((19, 20), (30, 49), &["a. EMPLOYMENT? (Current or Previous)"]),
    b((21, 22), (30, 49), &["b. AUTO ACCIDENT?"]),
    b((23, 24), (30, 49), &["c. OTHER ACCIDENT?"]),
    b((25, 26), (30, 49), &["10d. CLAIM CODES (Designated by NUCC)"]),
    b((17, 18), (50, LAST_COL), &["11. INSURED'S POLICY GROUP OR FECA NUMBER"]),
    b((19, 20), (50, LAST_COL), &["a. INSURED'S DATE OF BIRTH"]),
    b((21, 22), (50, LAST_COL), &["b. OTHER CLAIM ID (Designated by NUCC)"]),
    b((23, 24), (50, LAST_COL), &["c. INSURANCE PLAN NAME OR PROGRAM NAME"]),
    b((25, 26), (50, LAST_COL), &["d. IS THERE ANOTHER HEALTH BENEFIT PLAN?"]),
    b(
        (27, 30),
        (1, 49),
        &[
            "READ BACK OF FORM BEFORE COMPLETING & SIGNING THIS FORM.",
            "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE I authorize the release of any medical or other information",
        ],
    ),
    b((27, 30), (50, LAST_COL), &["", "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE I authorize", "payment of medical benefits to the undersigned physician or supplier."]),
    b((31, 32), (1, 29), &["14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)"]),
    b((31, 32), (30, 49), &["15. OTHER DATE"]),
    b((31, 32), (50, LAST_COL), &["16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION"]),
    b((33, 34), (1, 28), &["17. NAME OF REFERRING PROVIDER OR OTHER SOURCE"]),
    b((33, 33), (29, 49), &[]),
    b((34, 34), (29, 49), &[]),
    b((33, 34), (50, LAST_COL), &["18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES"]),
    b((35, 36), (1, 49), &["19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)"]),
    b((35, 36), (50, LAST_COL), &["20. OUTSIDE LAB?"]),
    b((37, 40), (1, 49), &["21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY Relate A-L to service line below (24E)"]),
    b((37, 38), (50, LAST_COL), &["22. RESUBMISSION CODE"]),
    b((39, 40), (50, LAST_COL), &["23. PRIOR AUTHORIZATION NUMBER"]),
    b((41, 54), (1, LAST_COL), &[]),
    b((55, 56), (1, 21), &["25. FEDERAL TAX I.D. NUMBER"]),
    b((55, 56), (22, 36), &["26. PATIENT'S ACCOUNT NO."]),
    b((55, 56), (37, 49), &["27. ACCEPT ASSIGNMENT?"]),
    b((55, 56), (50, 60), &["28. TOTAL CHARGE"]),
    b((55, 56), (61, 70), &["29. AMOUNT PAID"]),
    b((55, 56), (71, LAST_COL), &["30. Rsvd for NUCC Use"]),
    b((57, 62), (1, 21), &["31. SIGNATURE OF PHYSICIAN OR SUPPLIER", "INCLUDING DEGREES OR CREDENTIALS"]),
    b((57, 60), (22, 49), &["32. SERVICE FACILITY LOCATION INFORMATION"]),
    b((61, 62), (22, 49), &[]),
    b((57, 60), (50, LAST_COL), &["33. BILLING PROVIDER INFO & PH #"]),
    b((61, 62), (50, LAST_COL), &[]),
];

/// A small label: grid row and column, baseline below the top of the row, font size.
struct Label {
    row: u16,
    col: u16,
    baseline: f32,
    size: f32,
    text: &'static str,
}

/// A label in the upper half of a row (where box labels go), in the normal size.
const fn l(row: u16, col: u16, text: &'static str) -> Label {
    Label { row, col, baseline: 5.5, size: LABEL_PT, text }
}

/// A label in the lower half of a row.
const fn l2(row: u16, col: u16, text: &'static str) -> Label {
    Label { row, col, baseline: 10.5, size: LABEL_PT, text }
}

/// A label in a narrow column (box 24 headings).
const fn small(row: u16, col: u16, lower: bool, text: &'static str) -> Label {
    Label { row, col, baseline: if lower { 10.5 } else { 5.5 }, size: 4.0, text }
}

/// Labels inside split boxes and the box 24 headings. Check boxes label themselves (see
/// [`check_box_label`]).
const LABELS: &[Label] = &[
    l(7, 1, "1.   MEDICARE"),
    l(7, 8, "MEDICAID"),
    l(7, 15, "TRICARE"),
    l(7, 24, "CHAMPVA"),
    l(7, 31, "GROUP HEALTH PLAN"),
    l(7, 39, "FECA BLK LUNG"),
    l(7, 45, "OTHER"),
    l(9, 42, "SEX"),
    l(19, 68, "SEX"),
    l(21, 44, "PLACE (State)"),
    l(35, 62, "$ CHARGES"),
    l(37, 62, "ORIGINAL REF. NO."),
    l(55, 16, "SSN"),
    l(55, 19, "EIN"),
    l(29, 1, "SIGNED"),
    l(29, 33, "DATE"),
    l(29, 50, "SIGNED"),
    l(32, 13, "QUAL."),
    l(32, 28, "QUAL."),
    l(33, 29, "17a."),
    l(34, 29, "17b.  NPI"),
    l(37, 37, "ICD Ind."),
    l2(38, 1, "A."),
    l2(38, 14, "B."),
    l2(38, 27, "C."),
    l2(38, 40, "D."),
    l2(39, 1, "E."),
    l2(39, 14, "F."),
    l2(39, 27, "G."),
    l2(39, 40, "H."),
    l2(40, 1, "I."),
    l2(40, 14, "J."),
    l2(40, 27, "K."),
    l2(40, 40, "L."),
    l(41, 1, "24. A.   DATE(S) OF SERVICE"),
    l(42, 1, "From"),
    l(42, 10, "To"),
    small(42, 1, true, "MM"),
    small(42, 4, true, "DD"),
    small(42, 7, true, "YY"),
    small(42, 10, true, "MM"),
    small(42, 13, true, "DD"),
    small(42, 16, true, "YY"),
    small(41, 19, false, "B."),
    small(41, 19, true, "PLACE OF"),
    small(42, 19, false, "SERVICE"),
    small(41, 22, false, "C."),
    small(42, 22, false, "EMG"),
    l(41, 24, "D. PROCEDURES, SERVICES, OR SUPPLIES"),
    l2(41, 24, "(Explain Unusual Circumstances)"),
    l(42, 25, "CPT/HCPCS"),
    l(42, 33, "MODIFIER"),
    small(41, 45, false, "E."),
    small(41, 45, true, "DIAGNOSIS"),
    small(42, 45, false, "POINTER"),
    l(41, 50, "F."),
    l(42, 50, "$ CHARGES"),
    small(41, 59, false, "G."),
    small(41, 59, true, "DAYS OR"),
    small(42, 59, false, "UNITS"),
    small(41, 63, false, "H."),
    small(41, 63, true, "EPSDT"),
    small(42, 63, false, "Family"),
    small(42, 63, true, "Plan"),
    small(41, 65, false, "I."),
    small(41, 65, true, "ID."),
    small(42, 65, false, "QUAL."),
    l(41, 68, "J."),
    l2(41, 68, "RENDERING"),
    l(42, 68, "PROVIDER ID. #"),
    l(61, 1, "DATE"),
    l2(62, 22, "a. NPI"),
    l2(62, 35, "b."),
    l2(62, 50, "a. NPI"),
    l2(62, 63, "b."),
];

/// The word printed beside a check box: the grid description's word before " X"
/// (`relationship spouse X` -> `Spouse`, `employment YES X` -> `YES`). Box 1 and box 25 are
/// labelled above their boxes instead.
fn check_box_label(box_id: &str, description: &str) -> Option<String> {
    if matches!(box_id, "1" | "25") {
        return None;
    }
    let word = description.strip_suffix(" X")?.rsplit(' ').next()?;
    let mut chars = word.chars();
    let first = chars.next()?;
    Some(first.to_ascii_uppercase().to_string() + chars.as_str())
}

/// Columns of box 24 that are divided by vertical lines on the service rows.
const LINE_COLUMNS: &[u16] = &[10, 19, 22, 24, 45, 50, 59, 63, 65, 68];

fn col_edge(col: u16) -> f32 {
    GRID_LEFT_PT + f32::from(col - 1) * CELL_WIDTH_PT - EDGE_INSET_PT
}

fn row_edge(row: u16) -> f32 {
    GRID_TOP_PT + f32::from(row - 1) * CELL_HEIGHT_PT
}

/// The drawn form, with everything moved by (dx, dy) points, as page ops to put under data.
pub fn form_ops(dx: f32, dy: f32) -> Vec<Op> {
    let x = |col: u16| col_edge(col) + dx;
    let y = |row: u16| row_edge(row) + dy;
    let mut page = PageOps::new();

    // Shaded supplemental rows of box 24 first, so lines and text go over them.
    page.fill_color(FORM_SHADE);
    for n in 0..6u16 {
        let row = 43 + 2 * n;
        page.rect(x(1), y(row), x(LAST_COL + 1) - x(1), CELL_HEIGHT_PT, PaintMode::Fill);
    }
    page.rect(x(29), y(33), x(50) - x(29), CELL_HEIGHT_PT, PaintMode::Fill);

    page.stroke(FORM_RED, 0.5);
    for bx in BOXES {
        let (top, bottom) = (y(bx.rows.0), y(bx.rows.1 + 1));
        let (left, right) = (x(bx.cols.0), x(bx.cols.1 + 1));
        page.rect(left, top, right - left, bottom - top, PaintMode::Stroke);
    }
    // Box 24: heading rule, one rule per line, column dividers on the service rows.
    for n in 0..6u16 {
        let row = 43 + 2 * n;
        page.line((x(1), y(row)), (x(LAST_COL + 1), y(row)));
        for &col in LINE_COLUMNS {
            page.line((x(col), y(row + 1)), (x(col), y(row + 2)));
        }
        page.line((x(65), y(row)), (x(65), y(row + 1)));
        page.line((x(68), y(row)), (x(68), y(row + 1)));
    }
    for &col in LINE_COLUMNS {
        page.line((x(col), y(41)), (x(col), y(43)));
    }
    // Check boxes: every one-character "... X" cell of the grid.
    let check_boxes: Vec<_> = Grid::cms1500()
        .entries()
        .iter()
        .filter_map(|e| e.cell.filter(|c| c.width == 1 && e.description.ends_with(" X")).map(|c| (e, c)))
        .collect();
    for (_, cell) in &check_boxes {
        let left = cell.left_pt() + dx - 0.6;
        let top = cell.top_pt() + dy + 1.5;
        page.rect(left, top, CELL_WIDTH_PT + 1.2, CELL_HEIGHT_PT - 3.0, PaintMode::Stroke);
    }
    // Outer frame, heavier.
    page.stroke(FORM_RED, 1.2);
    page.rect(x(1), y(7), x(LAST_COL + 1) - x(1), y(63) - y(7), PaintMode::Stroke);

    // Text: title, box labels, small labels, line numbers.
    page.fill_color(FORM_RED);
    page.text(BuiltinFont::HelveticaBold, 13.0, x(1) + 1.0, y(6) + 8.0, "HEALTH INSURANCE CLAIM FORM");
    page.text(
        BuiltinFont::Helvetica,
        LABEL_PT,
        x(1) + 1.0,
        y(5) + 8.0,
        "APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12",
    );
    page.text(BuiltinFont::Helvetica, LABEL_PT, x(41), y(1) + 8.0, "CARRIER: payer name and address");
    for bx in BOXES {
        for (i, line) in bx.label.iter().enumerate() {
            if !line.is_empty() {
                let baseline = y(bx.rows.0) + 5.5 + 5.5 * i as f32;
                page.text(BuiltinFont::Helvetica, LABEL_PT, x(bx.cols.0) + 1.5, baseline, line);
            }
        }
    }
    for label in LABELS {
        page.text(BuiltinFont::Helvetica, label.size, x(label.col) + 1.5, y(label.row) + label.baseline, label.text);
    }
    for (entry, cell) in &check_boxes {
        if let Some(text) = check_box_label(&entry.box_id, &entry.description) {
            let left = cell.left_pt() + dx + CELL_WIDTH_PT + 1.5;
            page.text(BuiltinFont::Helvetica, LABEL_PT, left, cell.top_pt() + dy + 8.5, &text);
        }
    }
    for n in 0..6u16 {
        let row = 44 + 2 * n;
        page.text(BuiltinFont::HelveticaBold, 8.0, x(1) - 7.0, y(row) + 9.0, &(n + 1).to_string());
        page.text(BuiltinFont::Helvetica, LABEL_PT, x(65) + 1.5, y(row) + 9.0, "NPI");
    }
    page.text(
        BuiltinFont::Helvetica,
        LABEL_PT,
        x(1) + 1.0,
        y(63) + 7.0,
        "NUCC Instruction Manual available at: www.nucc.org     PLEASE PRINT OR TYPE     \
         FORM 1500 (02-12) drawn by ClaimDesk for plain paper",
    );
    page.into_ops()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_boxes_label_themselves() {
        assert_eq!(check_box_label("6", "relationship spouse X").as_deref(), Some("Spouse"));
        assert_eq!(check_box_label("10a", "employment YES X").as_deref(), Some("YES"));
        assert_eq!(check_box_label("3", "patient sex F X").as_deref(), Some("F"));
        assert_eq!(check_box_label("1", "Medicare X"), None);
    }
}

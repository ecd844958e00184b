//! The CMS-1500 (02/12) print grid: where each box's data goes, in character cells.
//!
//! The grid comes from `assets/cms1500_grid.csv` (embedded at compile time; see
//! `assets/README.md` for its sources). Rows and columns are 1-based cells of a 10 characters
//! per inch, 6 lines per inch grid: Courier 12 pt, 7.2 pt per character, 12 pt per line.
//! Cell (1, 1) starts [`GRID_LEFT_PT`] from the left and [`GRID_TOP_PT`] from the top edge of
//! a US Letter page (OpenEMR's effective margins); printer offsets move everything on top.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Width of one character cell: 10 characters per inch.
pub const CELL_WIDTH_PT: f32 = 7.2;
/// Height of one line: 6 lines per inch.
pub const CELL_HEIGHT_PT: f32 = 12.0;
/// Left edge of column 1, from the left edge of the paper.
pub const GRID_LEFT_PT: f32 = 24.0;
/// Top edge of row 1, from the top edge of the paper.
pub const GRID_TOP_PT: f32 = 20.0;
/// US Letter.
pub const PAGE_WIDTH_PT: f32 = 612.0;
pub const PAGE_HEIGHT_PT: f32 = 792.0;
/// Data font size (Courier 12 pt = 10 cpi).
pub const DATA_FONT_PT: f32 = 12.0;
/// Where the baseline sits below the top of its 12-pt line: the glyphs (ascent 7.5 pt,
/// descent 1.9 pt for Courier 12) then sit inside their own line, clear of the next one.
pub const BASELINE_BELOW_CELL_TOP_PT: f32 = 9.0;

const GRID_CSV: &str = include_str!("../assets/cms1500_grid.csv");

/// A place on the form: the first cell of a field and how many characters fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub row: u16,
    pub col: u16,
    pub width: u16,
}

impl Cell {
    /// The left edge of the cell, from the left edge of the paper, before printer offsets.
    pub fn left_pt(self) -> f32 {
        GRID_LEFT_PT + f32::from(self.col - 1) * CELL_WIDTH_PT
    }

    /// The top edge of the cell's line, from the top edge of the paper, before printer offsets.
    pub fn top_pt(self) -> f32 {
        GRID_TOP_PT + f32::from(self.row - 1) * CELL_HEIGHT_PT
    }
}

/// One row of the grid file. Boxes the 02/12 form reserves (8, 9b, 9c, 30) have no cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridEntry {
    pub box_id: String,
    pub description: String,
    pub cell: Option<Cell>,
}

/// The parsed grid, looked up by box and description.
#[derive(Debug)]
pub struct Grid {
    entries: Vec<GridEntry>,
    by_box: HashMap<String, Vec<usize>>,
}

impl Grid {
    /// The CMS-1500 grid embedded in this crate, parsed once.
    pub fn cms1500() -> &'static Grid {
        static GRID: OnceLock<Grid> = OnceLock::new();
        // The CSV is a compile-time constant; the crate's tests parse it, so this cannot fail
        // for a user.
        GRID.get_or_init(|| Grid::parse(GRID_CSV).expect("embedded cms1500_grid.csv is well formed"))
    }

    pub fn parse(csv: &str) -> Result<Grid, String> {
        let mut lines = csv.lines().filter(|l| !l.trim().is_empty());
        let header = lines.next().ok_or("empty grid file")?;
        if !header.starts_with("box,description,row,col,width") {
            return Err(format!("unexpected grid header {header:?}"));
        }
        let mut entries = Vec::new();
        for (n, line) in lines.enumerate() {
            let fields = split_csv_line(line);
            let [box_id, description, row, col, width, ..] = fields.as_slice() else {
                return Err(format!("grid line {}: expected at least 5 fields: {line:?}", n + 2));
            };
            let number = |s: &str| -> Result<Option<u16>, String> {
                if s.trim().is_empty() {
                    Ok(None)
                } else {
                    s.trim().parse().map(Some).map_err(|_| format!("grid line {}: {s:?} is not a number", n + 2))
                }
            };
            let cell = match (number(row)?, number(col)?, number(width)?) {
                (Some(row), Some(col), Some(width)) if row > 0 && col > 0 => Some(Cell { row, col, width }),
                (_, None, None) => None,
                _ => return Err(format!("grid line {}: incomplete cell: {line:?}", n + 2)),
            };
            entries.push(GridEntry { box_id: box_id.clone(), description: description.clone(), cell });
        }
        let mut by_box: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_box.entry(e.box_id.clone()).or_default().push(i);
        }
        Ok(Grid { entries, by_box })
    }

    pub fn entries(&self) -> &[GridEntry] {
        &self.entries
    }

    /// The cell of `box_id` whose description starts with `description` (case-insensitive).
    pub fn find(&self, box_id: &str, description: &str) -> Option<Cell> {
        let wanted = description.to_ascii_lowercase();
        self.by_box.get(box_id)?.iter().map(|&i| &self.entries[i]).find_map(|e| {
            if e.description.to_ascii_lowercase().starts_with(&wanted) {
                e.cell
            } else {
                None
            }
        })
    }

    /// Like [`Grid::find`] for the fields this crate prints: all of them are in the embedded
    /// grid (a unit test checks every one), so a miss is a programming error.
    pub fn cell(&self, box_id: &str, description: &str) -> Cell {
        self.find(box_id, description)
            .unwrap_or_else(|| panic!("box {box_id} {description:?} is not in the CMS-1500 grid"))
    }
}

/// Splits one CSV line with RFC 4180 quoting (the grid has no line breaks inside fields).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_grid_parses() {
        let grid = Grid::cms1500();
        assert!(grid.entries().len() > 200);
        assert_eq!(grid.cell("1a", "insured's ID"), Cell { row: 8, col: 50, width: 17 });
        assert_eq!(grid.cell("24D-line1", "modifiers"), Cell { row: 44, col: 33, width: 12 });
        assert_eq!(grid.cell("carrier", "payer city"), Cell { row: 5, col: 41, width: 31 });
        assert_eq!(grid.find("8", "reserved"), None);
        assert_eq!(grid.find("99", "nothing"), None);
    }

    #[test]
    fn csv_quotes() {
        assert_eq!(split_csv_line(r#"a,"b, c",3,"say ""hi""""#), ["a", "b, c", "3", r#"say "hi""#]);
    }

    #[test]
    fn cell_geometry() {
        let c = Cell { row: 10, col: 31, width: 2 };
        assert!((c.left_pt() - 240.0).abs() < 1e-3);
        assert!((c.top_pt() - 128.0).abs() < 1e-3);
    }
}

//! What both CSV targets check of a reader's refused rows.

use claimdesk_store::RowProblem;

/// The file's lines as the reader numbers them: a line ends at `\n`, `\r\n` or `\r`.
pub fn lines(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'\n' => {
                out.push(&data[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&data[start..i]);
                if data.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&data[start..]);
    out
}

fn blank(line: &[u8]) -> bool {
    line.iter().all(|b| b.is_ascii_whitespace())
}

/// A refused row names a field and a line of the file that holds something: the header (the
/// first line that is not empty: the reader skips empty lines) or a line with more than
/// spaces (a row of blank cells is skipped), so it never points at the wrong row.
pub fn check_problem(p: &RowProblem, lines: &[&[u8]]) {
    assert!(!p.field.trim().is_empty(), "a refused row without a field: {p:?}");
    assert!(!p.message.trim().is_empty(), "a refused row without a message: {p:?}");
    assert!(p.row >= 1 && p.row <= lines.len(), "row {} outside the file's {} lines: {p:?}", p.row, lines.len());
    let Some(header) = lines.iter().position(|l| !l.is_empty()) else { return };
    let line = lines[p.row - 1];
    if p.row == header + 1 {
        assert!(!line.is_empty(), "row {} names an empty line: {p:?}", p.row);
    } else {
        assert!(p.row > header + 1, "row {} is above the header (line {}): {p:?}", p.row, header + 1);
        assert!(!blank(line), "row {} names a blank line: {p:?}", p.row);
    }
}

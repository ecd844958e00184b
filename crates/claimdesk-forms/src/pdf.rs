//! A thin layer over printpdf's op list: coordinates in points measured from the top-left
//! corner of a US Letter page (as on the paper, and as `pdftotext -bbox` reports them), the
//! PDF base-14 fonts only (nothing embedded: small files, exact metrics).

use crate::grid::{PAGE_HEIGHT_PT, PAGE_WIDTH_PT};
use printpdf::{
    BuiltinFont, Color, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

/// Black, for claim data (NUCC: black ink only).
pub const BLACK: Color = Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None });
/// The drawn form's "red OCR ink".
pub const FORM_RED: Color = Color::Rgb(Rgb { r: 0.80, g: 0.12, b: 0.12, icc_profile: None });
/// The shaded supplemental rows of box 24.
pub const FORM_SHADE: Color = Color::Rgb(Rgb { r: 1.0, g: 0.90, b: 0.90, icc_profile: None });

/// Light gray, for shaded headings and boxes on patient documents.
pub const LIGHT_GRAY: Color = Color::Rgb(Rgb { r: 0.90, g: 0.90, b: 0.90, icc_profile: None });
/// Mid gray, for rules and small print.
pub const MID_GRAY: Color = Color::Rgb(Rgb { r: 0.45, g: 0.45, b: 0.45, icc_profile: None });

/// The ops of one page under construction.
#[derive(Default)]
pub struct PageOps {
    ops: Vec<Op>,
    in_text: bool,
    font: Option<(BuiltinFont, f32)>,
}

impl PageOps {
    pub fn new() -> PageOps {
        PageOps::default()
    }

    /// Writes `text` with its baseline `baseline_from_top` below the top edge of the paper.
    pub fn text(&mut self, font: BuiltinFont, size: f32, x: f32, baseline_from_top: f32, text: &str) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        if self.font != Some((font, size)) {
            self.ops.push(Op::SetFont { font: PdfFontHandle::Builtin(font), size: Pt(size) });
            self.font = Some((font, size));
        }
        self.ops
            .push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(PAGE_HEIGHT_PT - baseline_from_top)) });
        self.ops.push(Op::ShowText { items: vec![TextItem::Text(text.to_string())] });
    }

    pub fn fill_color(&mut self, color: Color) {
        self.ops.push(Op::SetFillColor { col: color });
    }

    pub fn stroke(&mut self, color: Color, thickness: f32) {
        self.end_text();
        self.ops.push(Op::SetOutlineColor { col: color });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
    }

    /// A straight line between two points (from the top-left corner).
    pub fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32)) {
        self.end_text();
        let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(PAGE_HEIGHT_PT - y) }, bezier: false };
        self.ops.push(Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } });
    }

    /// A rectangle with its top-left corner at (x, y from the top), outlined or filled.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, mode: PaintMode) {
        self.end_text();
        let mut r = Rect::from_xywh(Pt(x), Pt(PAGE_HEIGHT_PT - y - height), Pt(width), Pt(height));
        r.mode = Some(mode);
        self.ops.push(Op::DrawRectangle { rectangle: r });
    }

    /// Dashed strokes from now on (`on`, `off` lengths in points); `None` for solid lines.
    pub fn dash(&mut self, pattern: Option<(f32, f32)>) {
        self.end_text();
        let dash = match pattern {
            Some((on, off)) => LineDashPattern::new(0.0, &[on, off]),
            None => LineDashPattern::solid(),
        };
        self.ops.push(Op::SetLineDashPattern { dash });
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
            self.font = None;
        }
    }

    /// Appends another page's ops (e.g. the drawn form under the data).
    pub fn extend(&mut self, other: &[Op]) {
        self.end_text();
        self.ops.extend_from_slice(other);
    }

    pub fn into_ops(mut self) -> Vec<Op> {
        self.end_text();
        self.ops
    }

    pub fn into_page(self) -> PdfPage {
        let mut page = PdfPage::new(Pt(PAGE_WIDTH_PT).into(), Pt(PAGE_HEIGHT_PT).into(), self.into_ops());
        // Exactly 612 x 792 pt (the mm round trip is not exact).
        let letter = Rect::from_wh(Pt(PAGE_WIDTH_PT), Pt(PAGE_HEIGHT_PT));
        page.media_box = letter.clone();
        page.trim_box = letter.clone();
        page.crop_box = letter;
        page
    }
}

/// The finished document's bytes. Deterministic: the same pages give the same bytes (a
/// reprint equals the original). printpdf leaves the creation date at the Unix epoch but
/// writes a random trailer `/ID`; [`stable_id`] replaces it with one derived from the content.
pub fn save(title: &str, pages: Vec<PdfPage>) -> Vec<u8> {
    let mut warnings = Vec::new();
    let mut bytes = PdfDocument::new(title).with_pages(pages).save(&PdfSaveOptions::default(), &mut warnings);
    stable_id(&mut bytes);
    bytes
}

/// Overwrites the two 32-character strings of the trailer's `/ID [(...) (...)]` in place (same
/// length, so the cross-reference offsets stay right) with a hash of everything before the
/// trailer. Leaves the bytes alone when the trailer does not look as expected.
fn stable_id(bytes: &mut [u8]) {
    let Some(trailer) = rfind(bytes, b"trailer") else { return };
    let Some(id_at) = find(&bytes[trailer..], b"/ID").map(|i| trailer + i) else { return };
    let hash_a = fnv1a(&bytes[..trailer], 0xcbf2_9ce4_8422_2325);
    let hash_b = fnv1a(&bytes[..trailer], 0x84222325_cbf29ce4);
    let digits = format!("{hash_a:016x}{hash_b:016x}");
    let mut strings = 0;
    let mut i = id_at;
    while strings < 2 && i < bytes.len() {
        if bytes[i] == b'(' {
            let start = i + 1;
            let Some(len) = bytes[start..].iter().position(|&b| b == b')') else { return };
            if len != 32 {
                return;
            }
            bytes[start..start + 32].copy_from_slice(digits.as_bytes());
            strings += 1;
            i = start + len;
        }
        i += 1;
    }
}

fn fnv1a(data: &[u8], seed: u64) -> u64 {
    data.iter().fold(seed, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

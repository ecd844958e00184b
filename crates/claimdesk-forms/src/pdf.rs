//! A thin layer over printpdf's op list: coordinates in points measured from the top-left
//! corner of a US Letter page (as on the paper, and as `pdftotext -bbox` reports them), the
//! PDF base-14 fonts only (nothing embedded: small files, exact metrics).

use crate::grid::{PAGE_HEIGHT_PT, PAGE_WIDTH_PT};
use printpdf::{
    BuiltinFont, Color, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rect, Rgb, TextItem, TextMatrix,
};

/// Black, for claim data (NUCC: black ink only).
pub const BLACK: Color = Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None });
/// The drawn form's "red OCR ink".
pub const FORM_RED: Color = Color::Rgb(Rgb { r: 0.80, g: 0.12, b: 0.12, icc_profile: None });
/// The shaded supplemental rows of box 24.
pub const FORM_SHADE: Color = Color::Rgb(Rgb { r: 1.0, g: 0.90, b: 0.90, icc_profile: None });

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

/// The finished document's bytes.
pub fn save(title: &str, pages: Vec<PdfPage>) -> Vec<u8> {
    let mut warnings = Vec::new();
    PdfDocument::new(title).with_pages(pages).save(&PdfSaveOptions::default(), &mut warnings)
}

//! poppler-utils helpers for the patient-document tests: `pdftotext -layout` for the text,
//! `pdftotext -bbox` for where each word landed (points from the top-left corner),
//! `pdftoppm` for PNGs to look at.

use std::path::Path;
use std::process::Command;

#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
}

fn tool(name: &str) -> Command {
    let probe = Command::new(name).arg("-v").output();
    assert!(probe.is_ok(), "`{name}` was not found: these tests need poppler-utils (apt-get install poppler-utils)");
    Command::new(name)
}

/// The text of each page (`pdftotext -layout`, pages split on form feeds).
pub fn layout_pages(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = tool("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("run pdftotext");
    assert!(out.status.success(), "pdftotext failed on the generated PDF");
    let text = String::from_utf8(out.stdout).expect("utf-8 text");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

pub fn layout_text(pdf: &[u8]) -> String {
    layout_pages(pdf).join("\n")
}

fn attr(tag: &str, name: &str) -> f32 {
    let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
    let end = start + tag[start..].find('"').expect("closing quote");
    tag[start..end].parse().expect("number")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The words of each page with their boxes.
pub fn words(pdf: &[u8]) -> Vec<Vec<Word>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = dir.path().join("doc.html");
    let status = tool("pdftotext").arg("-bbox").arg(&path).arg(&out).status().expect("run pdftotext");
    assert!(status.success(), "pdftotext -bbox failed");
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
                x_max: attr(tag, "xMax"),
                y_max: attr(tag, "yMax"),
            });
        }
        pages.push(list);
    }
    pages
}

/// Page 1 as a PNG (`pdftoppm -r 60`) and the PDF itself in `test-artifacts/` at the
/// workspace root, for people to look at.
pub fn save_artifact(pdf: &[u8], name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-artifacts");
    std::fs::create_dir_all(&dir).expect("create test-artifacts");
    let pdf_path = dir.join(format!("{name}.pdf"));
    std::fs::write(&pdf_path, pdf).expect("write pdf");
    let status = tool("pdftoppm")
        .args(["-r", "60", "-png", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&pdf_path)
        .arg(dir.join(name))
        .status()
        .expect("run pdftoppm");
    assert!(status.success(), "pdftoppm -png failed");
}

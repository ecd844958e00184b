//! ICD-10-CM diagnosis codes, offline.
//!
//! The code set ships as `assets/icd10cm/icd10cm-<year>.tsv.gz` (built from the CDC tabular
//! by `assets/icd10cm/build_icd10cm.py`), embedded in the program. A newer year can be
//! loaded from a file of the same format with `CodeSet::from_gzip`. Header codes
//! (categories such as `J02`) are listed so billers can browse, but only billable leaf codes
//! (`J02.0`) may go on a claim.

use flate2::read::GzDecoder;
use serde::Serialize;
use std::io::Read;
use std::sync::OnceLock;
use ts_rs::TS;

const BUNDLED: &[u8] = include_bytes!("../../../assets/icd10cm/icd10cm-2026.tsv.gz");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Diagnosis {
    /// With its dot, as printed in box 21: `M99.01`.
    pub code: String,
    /// True for a leaf code that may be billed; false for a category/header.
    pub billable: bool,
    pub description: String,
}

/// Which code set is loaded, for the lookup screen's footer ("ICD-10-CM FY2026, CDC").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CodeSetInfo {
    pub year: String,
    pub release: String,
    pub source: String,
    pub billable_count: usize,
    pub total_count: usize,
}

/// One year's ICD-10-CM codes, sorted by code.
#[derive(Debug, Clone)]
pub struct CodeSet {
    pub year: String,
    pub release: String,
    pub source: String,
    codes: Vec<Diagnosis>,
    /// Lower-case descriptions, parallel to `codes`, for word search.
    folded: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CodeSetError {
    #[error("the code set file is not gzip'd UTF-8 text: {0}")]
    Unreadable(String),
    #[error("line {0} of the code set is not CODE<TAB>0|1<TAB>DESCRIPTION")]
    BadLine(usize),
    #[error("the code set names no year")]
    NoYear,
}

/// Codes as people type them: `j020`, `J02.0`, ` m99.01 ` -> `J02.0`, `M99.01`.
pub fn normalize_code(text: &str) -> String {
    let squashed: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    if squashed.len() > 3 {
        format!("{}.{}", &squashed[..3], &squashed[3..])
    } else {
        squashed
    }
}

/// The shape of an ICD-10-CM code: a letter, then two letters or digits (usually a digit
/// second, but FY2026 added categories such as QA0), then up to four more after the dot.
pub fn looks_like_code(code: &str) -> bool {
    let b = code.as_bytes();
    let head =
        b.len() >= 3 && b[0].is_ascii_uppercase() && b[1].is_ascii_alphanumeric() && b[2].is_ascii_alphanumeric();
    let tail_ok = match code.get(3..) {
        None | Some("") => true,
        Some(rest) => {
            rest.starts_with('.')
                && (2..=5).contains(&rest.len())
                && rest[1..].bytes().all(|c| c.is_ascii_alphanumeric())
        }
    };
    head && tail_ok
}

impl CodeSet {
    /// The code set bundled with this build, parsed once.
    pub fn bundled() -> &'static CodeSet {
        static SET: OnceLock<CodeSet> = OnceLock::new();
        SET.get_or_init(|| CodeSet::from_gzip(BUNDLED).expect("the bundled ICD-10-CM asset is valid (tested)"))
    }

    pub fn from_gzip(bytes: &[u8]) -> Result<CodeSet, CodeSetError> {
        let mut text = String::new();
        GzDecoder::new(bytes).read_to_string(&mut text).map_err(|e| CodeSetError::Unreadable(e.to_string()))?;
        CodeSet::parse(&text)
    }

    pub fn parse(text: &str) -> Result<CodeSet, CodeSetError> {
        let mut set = CodeSet {
            year: String::new(),
            release: String::new(),
            source: String::new(),
            codes: Vec::new(),
            folded: Vec::new(),
        };
        for (i, line) in text.lines().enumerate() {
            if let Some(meta) = line.strip_prefix('#') {
                if let Some((key, value)) = meta.trim().split_once(": ") {
                    match key {
                        "year" => set.year = value.to_string(),
                        "release" => set.release = value.to_string(),
                        "source" => set.source = value.to_string(),
                        _ => {}
                    }
                }
                continue;
            }
            if line.is_empty() {
                continue;
            }
            let mut parts = line.splitn(3, '\t');
            let (Some(code), Some(flag), Some(description)) = (parts.next(), parts.next(), parts.next()) else {
                return Err(CodeSetError::BadLine(i + 1));
            };
            if !looks_like_code(code) || !matches!(flag, "0" | "1") {
                return Err(CodeSetError::BadLine(i + 1));
            }
            set.folded.push(description.to_lowercase());
            set.codes.push(Diagnosis {
                code: code.to_string(),
                billable: flag == "1",
                description: description.to_string(),
            });
        }
        if set.year.is_empty() {
            return Err(CodeSetError::NoYear);
        }
        let mut order: Vec<usize> = (0..set.codes.len()).collect();
        order.sort_by(|&a, &b| set.codes[a].code.cmp(&set.codes[b].code));
        set.codes = order.iter().map(|&i| set.codes[i].clone()).collect();
        set.folded = order.iter().map(|&i| set.folded[i].clone()).collect();
        Ok(set)
    }

    pub fn info(&self) -> CodeSetInfo {
        CodeSetInfo {
            year: self.year.clone(),
            release: self.release.clone(),
            source: self.source.clone(),
            billable_count: self.billable_count(),
            total_count: self.len(),
        }
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    pub fn billable_count(&self) -> usize {
        self.codes.iter().filter(|c| c.billable).count()
    }

    /// The entry for a code typed with or without its dot.
    pub fn get(&self, code: &str) -> Option<&Diagnosis> {
        let code = normalize_code(code);
        self.codes.binary_search_by(|d| d.code.as_str().cmp(&code)).ok().map(|i| &self.codes[i])
    }

    /// Codes starting with what was typed (when it looks like the start of a code), else
    /// codes whose description contains every typed word. Billable codes first, then by code.
    pub fn search(&self, typed: &str, limit: usize) -> Vec<&Diagnosis> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Vec::new();
        }
        let prefix = normalize_code(typed);
        // "m99", "J02.0", "qa0" are code prefixes; plain words are not (a code has a digit early).
        let code_like = typed.len() <= 8
            && !typed.contains(' ')
            && prefix.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
            && prefix.bytes().take(3).skip(1).any(|c| c.is_ascii_digit());
        let mut found: Vec<&Diagnosis> = if code_like {
            let start = self.codes.partition_point(|d| d.code.as_str() < prefix.as_str());
            self.codes[start..].iter().take_while(|d| d.code.starts_with(&prefix)).collect()
        } else {
            let words: Vec<String> = typed.to_lowercase().split_whitespace().map(str::to_string).collect();
            self.folded
                .iter()
                .enumerate()
                .filter(|(_, text)| words.iter().all(|w| text.contains(w.as_str())))
                .map(|(i, _)| &self.codes[i])
                .collect()
        };
        found.sort_by_key(|d| (!d.billable, d.code.len(), d.code.clone()));
        found.truncate(limit);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_set_is_fy2026_with_its_billable_leaves() {
        let set = CodeSet::bundled();
        assert_eq!(set.year, "2026");
        assert!(set.source.contains("CDC"));
        // 74,719 distinct billable codes (the wheel's own count of 74,736 lists five
        // one-code blocks twice and a dozen ranged blocks as leaves).
        assert_eq!(set.billable_count(), 74_719);
        assert!(set.len() > 98_000);
    }

    #[test]
    fn lookup_by_code_with_or_without_dot() {
        let set = CodeSet::bundled();
        assert_eq!(set.get("J02.0").unwrap().description, "Streptococcal pharyngitis");
        assert!(set.get("j020").unwrap().billable);
        assert!(!set.get("J02").unwrap().billable, "a category is a header, not billable");
        assert!(set.get("M99.01").unwrap().billable);
        assert!(set.get("S72.001A").unwrap().billable, "7th-character codes are there");
        assert!(set.get("B20").unwrap().billable, "a billable 3-character code");
        assert!(set.get("U07.1").is_some());
        assert!(set.get("ZZZ.999").is_none());
    }

    #[test]
    fn search_by_code_prefix_or_words() {
        let set = CodeSet::bundled();
        let by_code: Vec<&str> = set.search("m99.0", 20).iter().map(|d| d.code.as_str()).collect();
        assert!(by_code.contains(&"M99.01") && by_code.contains(&"M99.03"), "{by_code:?}");
        let by_words = set.search("streptococcal pharyngitis", 10);
        assert_eq!(by_words[0].code, "J02.0");
        let lumbar = set.search("segmental somatic dysfunction lumbar", 10);
        assert_eq!(lumbar[0].code, "M99.03");
        assert!(set.search("  ", 10).is_empty());
    }

    #[test]
    fn code_shapes() {
        assert_eq!(normalize_code(" m99.01 "), "M99.01");
        assert_eq!(normalize_code("i10"), "I10");
        for good in ["I10", "J02.0", "S72.001A", "M99.01", "D75.A"] {
            assert!(looks_like_code(good), "{good}");
        }
        assert!(looks_like_code("QA0.0"), "FY2026 added letter-second categories");
        for bad in ["10", "J0", "J02.", "J02.00000", "1J2.0"] {
            assert!(!looks_like_code(bad), "{bad}");
        }
    }

    #[test]
    fn a_file_without_a_year_or_with_a_bad_line_is_refused() {
        assert!(matches!(CodeSet::parse("A00\t0\tCholera\n"), Err(CodeSetError::NoYear)));
        assert!(matches!(CodeSet::parse("# year: 2027\nA00\tx\tCholera\n"), Err(CodeSetError::BadLine(2))));
        let ok = CodeSet::parse("# year: 2027\nA00\t0\tCholera\nA00.0\t1\tCholera due to V.c.\n").unwrap();
        assert_eq!(ok.billable_count(), 1);
    }
}

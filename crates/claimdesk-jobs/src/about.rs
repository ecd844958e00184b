//! What the About box shows: the version, when this build was made, where practice files live,
//! and the notices for what ships inside ClaimDesk under other people's licences.

use claimdesk_core::icd10::CodeSet;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// The About box.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AboutInfo {
    /// The workspace version (`Cargo.toml`), the same as `claimdesk --version`.
    pub version: String,
    /// The day this program was built (UTC, `YYYY-MM-DD`): for a package, the day of the commit
    /// it was built from (`SOURCE_DATE_EPOCH`, so the same source builds the same program).
    pub build_date: String,
    /// Where new practice files and the demo practice go by default.
    pub data_folder: String,
    /// The third-party notices: every package inside with its version, licence and the names of
    /// its licence files (whose texts are in `notices_file`), when the file was installed
    /// beside the program; else what every build carries (the code set, the fonts).
    pub notices: String,
    /// The installed notices file, when there is one.
    pub notices_file: Option<String>,
}

/// The About box of this build. `notices_file`: the packaged THIRD-PARTY-NOTICES.txt (it lists
/// every Rust crate and npm package inside with its licence text; `scripts/notices.py` makes it
/// when the package is built).
pub fn about(version: &str, build_date: &str, data_folder: &Path, notices_file: Option<&Path>) -> AboutInfo {
    let installed = notices_file.and_then(|p| std::fs::read_to_string(p).ok().map(|text| (p, text)));
    let (notices, notices_file) = match installed {
        Some((path, text)) => (notices_index(&text), Some(path.display().to_string())),
        None => (built_in_notices(), None),
    };
    AboutInfo {
        version: version.to_string(),
        build_date: build_date.to_string(),
        data_folder: data_folder.display().to_string(),
        notices,
        notices_file,
    }
}

/// The notices without the licence texts themselves: every entry's name, version, licence,
/// repository and the names of its licence files. The whole file (3.7 MB, 70,000 lines of
/// mostly the same few licences) is for reading in a text viewer; laid out in the About box it
/// cost the window's process tens of megabytes.
pub fn notices_index(full: &str) -> String {
    let mut out = String::with_capacity(full.len() / 16);
    let mut in_text = false;
    let mut files: Vec<&str> = Vec::new();
    let flush = |out: &mut String, files: &mut Vec<&str>| {
        if !files.is_empty() {
            out.push_str(&format!("  Licence texts: {} (in the full notices file)\n", files.join(", ")));
            files.clear();
        }
    };
    for line in full.lines() {
        let rule = line.len() >= 20 && (line.chars().all(|c| c == '-') || line.chars().all(|c| c == '='));
        if let Some(name) = line.strip_prefix("--- ").and_then(|l| l.strip_suffix(" ---")) {
            files.push(name);
            in_text = true;
        } else if rule {
            flush(&mut out, &mut files);
            in_text = false;
            out.push_str(line);
            out.push('\n');
        } else if !in_text {
            out.push_str(line);
            out.push('\n');
        }
    }
    flush(&mut out, &mut files);
    out
}

/// What every build says even without the packaged file: the data that ships inside the
/// program itself, and where the full list of libraries comes from.
pub fn built_in_notices() -> String {
    let codes = CodeSet::bundled().info();
    format!(
        "ICD-10-CM FY{year} ({release}): {source}. Public domain, from the U.S. National Center for \
         Health Statistics (CDC/NCHS); the extract was built with the simple-icd-10-cm package (MIT).\n\n\
         Fonts: no font ships with ClaimDesk. Printed forms and statements use the PDF standard \
         Helvetica and Courier (drawn by the PDF reader's own fonts); the window uses the system's fonts.\n\n\
         No CPT codes or descriptions ship with ClaimDesk (they belong to the American Medical \
         Association): the fee schedule's descriptions are the practice's own.\n\n\
         Rust crates and npm packages: every library inside the installed program is listed with \
         its licence text in THIRD-PARTY-NOTICES.txt, installed with the package (made by \
         scripts/notices.py). This build was not installed from a package, so the file is not here.\n",
        year = codes.year,
        release = codes.release,
        source = codes.source,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_installed_notices_file_is_shown_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("THIRD-PARTY-NOTICES.txt");
        std::fs::write(&file, NOTICES).unwrap();
        let info = about("1.2.3", "2026-12-03", dir.path(), Some(&file));
        assert_eq!(info.notices, notices_index(NOTICES));
        assert_eq!(info.notices_file.as_deref(), Some(file.display().to_string().as_str()));
        assert_eq!(info.version, "1.2.3");
    }

    const NOTICES: &str = "ClaimDesk third-party notices\n\
        ==============================\n\
        ----------------------------------------\n\
        rusqlite 0.41.1\n  Licence: MIT\n  Repository: https://github.com/rusqlite/rusqlite\n\n\
        --- LICENSE ---\n\nCopyright (c) 2014 The rusqlite developers\nPermission is hereby granted\n\n\
        ----------------------------------------\n\
        tauri 2.12.5\n  Licence: Apache-2.0 OR MIT\n\n\
        --- LICENSE_APACHE-2.0 ---\nApache License\n--- LICENSE_MIT ---\nMIT License\n\n\
        ========================================\n\
        4. Fonts\n\
        ========================================\n\
        Nothing font-related is shipped.\n";

    #[test]
    fn the_index_names_every_package_and_its_licence_files_without_their_texts() {
        let index = notices_index(NOTICES);
        assert!(index.contains("rusqlite 0.41.1\n  Licence: MIT\n"), "{index}");
        assert!(index.contains("  Licence texts: LICENSE (in the full notices file)\n"), "{index}");
        assert!(index.contains("  Licence texts: LICENSE_APACHE-2.0, LICENSE_MIT (in the full"), "{index}");
        assert!(index.contains("4. Fonts\n") && index.contains("Nothing font-related is shipped."), "{index}");
        assert!(!index.contains("Permission is hereby granted"), "{index}");
        assert!(!index.contains("Apache License"), "{index}");
    }

    #[test]
    fn without_the_file_the_code_set_and_fonts_are_still_named() {
        let dir = tempfile::tempdir().unwrap();
        let info = about("1.2.3", "2026-12-03", dir.path(), Some(&dir.path().join("missing.txt")));
        assert!(info.notices_file.is_none());
        assert!(info.notices.contains("ICD-10-CM FY"), "{}", info.notices);
        assert!(info.notices.contains("Fonts"), "{}", info.notices);
    }
}

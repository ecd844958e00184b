//! The recent practice files list (like an accounting program's recent company files).
//! Kept in the user's settings folder, never inside a practice file, so nothing of one
//! client's file leaks into another's.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

const KEEP: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecentFile {
    pub path: String,
    pub practice_name: String,
    /// UTC, ISO 8601.
    pub opened_at: String,
}

#[derive(Debug, Clone, Default)]
pub struct RecentFiles {
    settings_file: PathBuf,
    files: Vec<RecentFile>,
}

impl RecentFiles {
    /// Reads the list; a missing or unreadable settings file gives an empty list (the list
    /// is a convenience, never data).
    pub fn load(settings_file: &Path) -> RecentFiles {
        let files = std::fs::read_to_string(settings_file)
            .ok()
            .and_then(|text| serde_json::from_str::<Vec<RecentFile>>(&text).ok())
            .unwrap_or_default();
        RecentFiles { settings_file: settings_file.to_path_buf(), files }
    }

    /// Most recent first; files that no longer exist are left out.
    pub fn list(&self) -> Vec<RecentFile> {
        self.files.iter().filter(|f| Path::new(&f.path).exists()).cloned().collect()
    }

    /// Puts `path` at the top and saves the list (written to a temporary file, then renamed).
    pub fn touch(&mut self, path: &Path, practice_name: &str) -> std::io::Result<()> {
        let path_text =
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).to_string_lossy().into_owned();
        self.files.retain(|f| f.path != path_text);
        self.files.insert(
            0,
            RecentFile { path: path_text, practice_name: practice_name.to_string(), opened_at: crate::now_utc() },
        );
        self.files.truncate(KEEP);
        if let Some(dir) = self.settings_file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.settings_file.with_extension("tmp");
        std::fs::write(&tmp, serde_json::to_string_pretty(&self.files).map_err(std::io::Error::other)?)?;
        std::fs::rename(tmp, &self.settings_file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_recent_first_without_duplicates_or_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let settings = dir.path().join("conf/recent.json");
        let a = dir.path().join("a.claimdesk");
        let b = dir.path().join("b.claimdesk");
        std::fs::write(&a, "").unwrap();
        std::fs::write(&b, "").unwrap();
        let mut recent = RecentFiles::load(&settings);
        recent.touch(&a, "Alpha").unwrap();
        recent.touch(&b, "Beta").unwrap();
        recent.touch(&a, "Alpha").unwrap();
        let names: Vec<String> = RecentFiles::load(&settings).list().into_iter().map(|f| f.practice_name).collect();
        assert_eq!(names, ["Alpha", "Beta"]);
        std::fs::remove_file(&b).unwrap();
        assert_eq!(RecentFiles::load(&settings).list().len(), 1);
    }
}

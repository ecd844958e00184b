//! Files that belong with a practice file. A practice is its SQLite file plus, when present,
//! a companion beside it holding the wrapped data keys (`<file>.keys`); whatever copies a
//! practice (a backup, a restore, the set kept aside before a restore) carries both together.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The companion file of the wrapped data keys: the practice file's path with ".keys"
/// appended to its name (`Clinic.claimdesk` -> `Clinic.claimdesk.keys`).
pub fn keyring_path(db: &Path) -> PathBuf {
    with_suffix(db, ".keys")
}

/// `path` with `suffix` appended to its file name (not replacing its extension).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keyring_sits_beside_the_file_under_its_name() {
        assert_eq!(keyring_path(Path::new("/x/Clinic.claimdesk")), PathBuf::from("/x/Clinic.claimdesk.keys"));
        assert_eq!(keyring_path(Path::new("Clinic")), PathBuf::from("Clinic.keys"));
    }
}

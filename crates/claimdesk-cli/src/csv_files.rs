//! Reading and writing the CSV files that imports and exports name.

use crate::failure::Failure;
use claimdesk_store::StoreError;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

pub fn open(path: &Path) -> Result<BufReader<File>, Failure> {
    File::open(path).map(BufReader::new).map_err(|e| Failure::Message(format!("cannot read {}: {e}", path.display())))
}

/// Writes through `write` into a temporary file next to `path`, then puts it in place: a
/// failed export never leaves a half-written file where the old one was.
pub fn write(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<usize, StoreError>,
) -> Result<usize, Failure> {
    let cannot = |e: std::io::Error| Failure::Message(format!("cannot write {}: {e}", path.display()));
    let mut tmp_name = path.as_os_str().to_owned();
    tmp_name.push(".partial");
    let tmp = std::path::PathBuf::from(tmp_name);
    let result = (|| {
        let mut out = BufWriter::new(File::create(&tmp).map_err(cannot)?);
        let rows = write(&mut out)?;
        out.flush().map_err(cannot)?;
        std::fs::rename(&tmp, path).map_err(cannot)?;
        Ok(rows)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

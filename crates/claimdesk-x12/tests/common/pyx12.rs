//! pyx12 4.0.0 (BSD, an independent X12 validator) as a test oracle.
//!
//! Installed once per checkout into `<target dir>/pyx12-venv`:
//!   python3 -m venv <target>/pyx12-venv
//!   <target>/pyx12-venv/bin/pip install --quiet --disable-pip-version-check pyx12==4.0.0
//! then each file is checked with `pyx12.x12n_document.x12n_document()` (what the `x12valid`
//! script calls; `x12valid` itself always exits 1 in 4.0.0 and writes a 999 next to the
//! file, so its exit status cannot be used). Pass = the function returns True and its JSON
//! error tree holds no errors; for 837P files the interchange must also hold an ST*837 under
//! GS08 005010X222A1. `acknowledge` has pyx12 write the 999 a clearinghouse running it would
//! send back.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const SCRIPT: &str = r#"
import io, json, logging, sys
import pyx12, pyx12.errors, pyx12.params, pyx12.x12n_document
src, want = sys.argv[1], sys.argv[2]
log = logging.getLogger("pyx12")
h = logging.StreamHandler(sys.stderr)
h.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
log.addHandler(h)
log.setLevel(logging.ERROR)
seen = []
def cb(seg, src_rdr, node, valid):
    sid = seg.get_seg_id()
    if sid == "GS":
        cb.gs08 = seg.get_value("GS08")
    elif sid == "ST":
        seen.append((seg.get_value("ST01"), getattr(cb, "gs08", None)))
fd_json = io.StringIO()
try:
    ok = pyx12.x12n_document.x12n_document(param=pyx12.params.params(), src_file=src, fd_997=None,
        fd_html=None, fd_xmldoc=None, fd_json=fd_json, callback=cb)
except Exception as e:
    print(f"FAIL pyx12 raised {type(e).__name__}: {e}", file=sys.stderr)
    sys.exit(1)
def count(o):
    n = 0
    if isinstance(o, dict):
        n += len(o.get("errors", []) or [])
        for v in o.values():
            if isinstance(v, (list, dict)):
                n += count(v)
    elif isinstance(o, list):
        for v in o:
            n += count(v)
    return n
try:
    nerr = count(json.loads(fd_json.getvalue() or "{}"))
except ValueError:
    nerr = -1
if not ok or nerr != 0:
    print(f"FAIL ok={ok} errors={nerr}", file=sys.stderr)
    sys.exit(1)
if want and not any(st == want.split("/")[0] and gs == want.split("/")[1] for st, gs in seen):
    print(f"FAIL no {want} in {seen}", file=sys.stderr)
    sys.exit(3)
print(f"OK {seen} pyx12 {pyx12.__version__}", file=sys.stderr)
"#;

/// The cargo target directory this test binary was built into.
pub fn target_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CARGO_TARGET_DIR") {
        let p = PathBuf::from(d);
        if p.is_absolute() {
            return p;
        }
    }
    // <target>/<profile>/deps/<test binary>
    let exe = std::env::current_exe().expect("test binary path");
    exe.ancestors().nth(3).map(Path::to_path_buf).expect("target dir above the test binary")
}

fn python() -> &'static PathBuf {
    static PY: OnceLock<PathBuf> = OnceLock::new();
    PY.get_or_init(|| {
        let venv = target_dir().join("pyx12-venv");
        let py = venv.join("bin/python");
        let ready = |py: &Path| {
            Command::new(py).args(["-c", "import pyx12.x12n_document"]).output().is_ok_and(|o| o.status.success())
        };
        if !ready(&py) {
            if !py.exists() {
                let st =
                    Command::new("python3").arg("-m").arg("venv").arg(&venv).status().expect("run python3 -m venv");
                assert!(st.success(), "python3 -m venv {} failed", venv.display());
            }
            let st = Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check", "pyx12==4.0.0"])
                .status()
                .expect("run pip");
            assert!(st.success(), "pip install pyx12==4.0.0 into {} failed (network?)", venv.display());
            assert!(ready(&py), "pyx12 still not importable from {}", venv.display());
        }
        py
    })
}

/// Writes `text` as the script `name` (one file per process, so concurrently running test
/// binaries never share a half-written script).
fn script_file(name: &str, text: &str) -> PathBuf {
    let dir = target_dir().join("x12-test-out");
    std::fs::create_dir_all(&dir).expect("create test output dir");
    let path = dir.join(format!("{name}_{}.py", std::process::id()));
    std::fs::write(&path, text).expect("write pyx12 script");
    path
}

fn script() -> &'static PathBuf {
    static SCRIPT_PATH: OnceLock<PathBuf> = OnceLock::new();
    SCRIPT_PATH.get_or_init(|| script_file("pyx12_validate", SCRIPT))
}

/// Has pyx12 write the 999 it sends back for a 005010 file (what `x12valid` writes next to
/// the file): `x12n_document(..., fd_997=...)`, which writes a 999 for 005010 input.
const ACK_SCRIPT: &str = r#"
import io, logging, sys
import pyx12, pyx12.params, pyx12.x12n_document
logging.getLogger("pyx12").setLevel(logging.CRITICAL)
fd_999 = io.StringIO()
pyx12.x12n_document.x12n_document(param=pyx12.params.params(), src_file=sys.argv[1], fd_997=fd_999,
    fd_html=None, fd_xmldoc=None)
if not fd_999.getvalue():
    print("FAIL pyx12 wrote no 999", file=sys.stderr)
    sys.exit(1)
sys.stdout.write(fd_999.getvalue())
"#;

/// The 999 pyx12 writes for `text` (saved as `name`), whether pyx12 accepts the file or not.
#[allow(dead_code)] // not every test binary that shares this helper reads acknowledgements
pub fn acknowledge(name: &str, text: &str) -> String {
    static ACK_SCRIPT_PATH: OnceLock<PathBuf> = OnceLock::new();
    let script = ACK_SCRIPT_PATH.get_or_init(|| script_file("pyx12_acknowledge", ACK_SCRIPT));
    let dir = target_dir().join("x12-test-out");
    std::fs::create_dir_all(&dir).expect("create test output dir");
    let file = dir.join(name);
    std::fs::write(&file, text).expect("write x12 file");
    let out = Command::new(python()).arg(script).arg(&file).output().expect("run pyx12");
    assert!(
        out.status.success(),
        "pyx12 wrote no 999 for {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pyx12 writes ASCII")
}

/// Validates `text` with pyx12; `want` is e.g. "837/005010X222A1" (or "" for any transaction).
/// Returns pyx12's messages on failure.
pub fn validate(name: &str, text: &str, want: &str) -> Result<(), String> {
    let dir = target_dir().join("x12-test-out");
    std::fs::create_dir_all(&dir).expect("create test output dir");
    let file = dir.join(name);
    std::fs::write(&file, text).expect("write x12 file");
    let out = Command::new(python()).arg(script()).arg(&file).arg(want).output().expect("run pyx12");
    let msg = String::from_utf8_lossy(&out.stderr).to_string();
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{}: {msg}", file.display()))
    }
}

//! Stable-toolchain smoke fuzzing (cargo-fuzz needs nightly; see fuzz/): random bytes, X12-ish
//! text and mutated valid 835s go through every reader; none may panic.

use claimdesk_x12::{balance_problems, parse_277ca, parse_835, parse_999};
use proptest::prelude::*;

const MIXED: &str = include_str!("fixtures/835_mixed.txt");
const NOTICE: &str = include_str!("fixtures/835_notice_pipe.txt");

fn feed(text: &str) {
    if let Ok(rs) = parse_835(text) {
        for r in &rs {
            let _ = balance_problems(r);
        }
    }
    let _ = parse_999(text);
    let _ = parse_277ca(text);
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the byte at (position fraction) with a byte.
    Set(f64, u8),
    /// Delete a run of bytes.
    Delete(f64, usize),
    /// Insert text (often separators or digits).
    Insert(f64, String),
    /// Truncate.
    Cut(f64),
    /// Duplicate a slice.
    Dup(f64, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let pos = 0.0f64..1.0;
    prop_oneof![
        (pos.clone(), any::<u8>()).prop_map(|(p, b)| Mutation::Set(p, b)),
        (pos.clone(), 1usize..40).prop_map(|(p, n)| Mutation::Delete(p, n)),
        (pos.clone(), "[*:~^|>\\n0-9A-Z.\\-]{1,12}").prop_map(|(p, s)| Mutation::Insert(p, s)),
        pos.clone().prop_map(Mutation::Cut),
        (pos, 1usize..200).prop_map(|(p, n)| Mutation::Dup(p, n)),
    ]
}

fn apply(base: &str, muts: &[Mutation]) -> String {
    let mut b = base.as_bytes().to_vec();
    for m in muts {
        let at = |p: f64, len: usize| ((p * len as f64) as usize).min(len);
        match m {
            Mutation::Set(p, byte) => {
                if !b.is_empty() {
                    let i = at(*p, b.len() - 1);
                    b[i] = *byte;
                }
            }
            Mutation::Delete(p, n) => {
                let i = at(*p, b.len());
                let j = (i + n).min(b.len());
                b.drain(i..j);
            }
            Mutation::Insert(p, s) => {
                let i = at(*p, b.len());
                b.splice(i..i, s.bytes());
            }
            Mutation::Cut(p) => {
                let i = at(*p, b.len());
                b.truncate(i);
            }
            Mutation::Dup(p, n) => {
                let i = at(*p, b.len());
                let j = (i + n).min(b.len());
                let slice = b[i..j].to_vec();
                b.splice(j..j, slice);
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 700, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        feed(&String::from_utf8_lossy(&bytes));
        let mut with_isa = b"ISA*".to_vec();
        with_isa.extend_from_slice(&bytes);
        feed(&String::from_utf8_lossy(&with_isa));
    }

    #[test]
    fn x12ish_text_never_panics(text in "(ISA\\*)?[A-Z0-9*:~^ \\n.\\-]{0,300}") {
        feed(&text);
    }

    #[test]
    fn mutated_835s_never_panic(muts in proptest::collection::vec(mutation(), 1..6), which in any::<bool>()) {
        let base = if which { MIXED } else { NOTICE };
        feed(&apply(base, &muts));
    }
}

#[test]
fn every_prefix_never_panics() {
    // Deterministic: every truncation point of both fixtures (about 3,500 inputs).
    for base in [MIXED, NOTICE] {
        for (i, _) in base.char_indices() {
            let _ = parse_835(&base[..i]);
        }
    }
}

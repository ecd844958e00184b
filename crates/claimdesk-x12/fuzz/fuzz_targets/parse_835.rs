//! `cargo +nightly fuzz run parse_835` (from crates/claimdesk-x12): the parser must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(remits) = claimdesk_x12::parse_835(&text) {
        for r in &remits {
            let _ = claimdesk_x12::balance_problems(r);
        }
    }
    let _ = claimdesk_x12::parse_999(&text);
    let _ = claimdesk_x12::parse_277ca(&text);
});

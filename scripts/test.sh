#!/usr/bin/env bash
# Sets up everything on a fresh Debian/Ubuntu machine and runs every test: formatting and
# lints, Rust unit/store/CLI tests, generated TypeScript types up to date, UI tests, and
# the end-to-end test of the real app under Xvfb. `.ci/run` runs exactly this.
source "$(dirname "$0")/lib.sh"
started=$(date +%s)

install_system_packages
check_toolchains
install_ui_packages

say "Rust formatting"
cargo fmt --all --check

say "Rust tests (core, store, demo, CLI)"
mkdir -p target
cargo test --workspace --exclude claimdesk-app 2>&1 | tee target/rust-tests.log
grep -E "^test result:" target/rust-tests.log | awk '{p+=$4; f+=$6} END {printf "rust: %d passed, %d failed\n", p, f}'

say "Generated TypeScript types are up to date"
if [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
    git status --porcelain -- ui/src/bindings
    echo "ui/src/bindings is stale: run 'cargo test' and commit the regenerated files." >&2
    exit 1
fi

say "UI type check and unit tests"
npm --prefix ui run typecheck
npm --prefix ui test

build_ui
build_app

say "Lints (clippy, warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

say "Fuzzing every reader of outside input, 15 s each (cargo-fuzz; libFuzzer: 835, 999, 277CA, patient and fee CSV)"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
# Every target in crates/*/fuzz, one after the other; fails on a crash (scripts/fuzz.sh).
bash scripts/fuzz.sh 15

say "End-to-end test of the real app (tauri-driver + WebKitWebDriver under Xvfb)"
bash tests/e2e/run.sh

say "The Debian package: built (release), inspected, installed, driven from its welcome screen, removed"
bash scripts/package.sh
bash tests/package/run.sh

say "All tests passed in $(( $(date +%s) - started )) s"

#!/usr/bin/env bash
# Runs every cargo-fuzz target (each crates/*/fuzz crate, as `cargo fuzz list` names them) for
# SECONDS each, one after the other, starting from its committed seeds (fuzz/seeds/<target>,
# which include the inputs of crashes found and fixed) and the local corpus (fuzz/corpus/<target>,
# not committed). Prints the executions of each target; exits non-zero when any target finds a
# crash, a timeout or a leak, after printing the input's path and the end of its report.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 300 fee_csv
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

seconds="${1:-15}"
shift || true
only=("$@")
# cargo-fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP lets the stable toolchain take them.
export RUSTC_BOOTSTRAP=1
logs="$ROOT/target/fuzz-logs"
mkdir -p "$logs"

failed=()
summary=()
for manifest in crates/*/fuzz/Cargo.toml; do
    crate_dir="$(dirname "$(dirname "$manifest")")"
    (cd "$crate_dir" && cargo fuzz build >"$logs/build-$(basename "$crate_dir").log" 2>&1) || {
        tail -n 30 "$logs/build-$(basename "$crate_dir").log" >&2
        echo "cargo fuzz build failed in $crate_dir" >&2
        exit 1
    }
    for target in $(cd "$crate_dir" && cargo fuzz list); do
        if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $target "* ]]; then continue; fi
        mkdir -p "$crate_dir/fuzz/corpus/$target" "$crate_dir/fuzz/seeds/$target"
        log="$logs/$target.log"
        status=0
        (cd "$crate_dir" && cargo fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
            -max_total_time="$seconds" -timeout=20 -print_final_stats=1 >"$log" 2>&1) || status=$?
        execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1 || true)"
        cov="$(grep -oE '#[0-9]+[[:space:]]+DONE[[:space:]]+cov: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n 1 || true)"
        name="$(basename "$crate_dir" | sed 's/claimdesk-//')"
        line="$(printf '%-12s %-13s %10s executions in %s s, coverage %s' "$name" "$target" "${execs:-?}" "$seconds" "${cov:-?}")"
        if [ "$status" -ne 0 ]; then
            line="$(printf '%-12s %-13s %10s executions, then FOUND A CRASH (exit %s)' "$name" "$target" "${execs:-?}" "$status")"
            failed+=("$target")
            echo "--- $target: end of libFuzzer's report ($log)" >&2
            grep -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written|artifact_prefix' "$log" | head -n 20 >&2 || true
            tail -n 25 "$log" >&2
        fi
        echo "$line"
        summary+=("$line")
    done
done

echo
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "Fuzzing found crashes in: ${failed[*]} (inputs under crates/*/fuzz/artifacts/; minimize with" \
        "'cargo fuzz tmin TARGET INPUT', fix, and commit the input to fuzz/seeds/TARGET/)" >&2
    exit 1
fi

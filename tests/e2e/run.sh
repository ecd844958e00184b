#!/usr/bin/env bash
# End-to-end tests of the real ClaimDesk app: the debug build driven by tauri-driver and
# WebKitWebDriver under Xvfb, on a fresh demo practice in a throwaway folder.
# Expects the app (target/debug/claimdesk-app) and the CLI (target/debug/claimdesk) built.
# With arguments, runs only those spec files (paths relative to tests/e2e, e.g. specs/accounts.test.js).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

export CLAIMDESK_APP="$ROOT/target/debug/claimdesk-app"
export CLAIMDESK_CLI="$ROOT/target/debug/claimdesk"
for bin in "$CLAIMDESK_APP" "$CLAIMDESK_CLI"; do
    [ -x "$bin" ] || { echo "missing $bin: build the app and the CLI first (scripts/test.sh does)" >&2; exit 1; }
done
if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "==> Installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked
fi
npm --prefix tests/e2e install --no-audit --no-fund --loglevel=error

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The app keeps its recent-files list and data folder under XDG dirs: point them at the
# throwaway folder so the test neither reads nor changes the user's own files.
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
# The demo practice, made by the CLI as a user would, with the sample 835 written beside it.
export CLAIMDESK_DB="$work/e2e-demo.claimdesk"
"$CLAIMDESK_CLI" --db "$CLAIMDESK_DB" demo >/dev/null
export CLAIMDESK_SAMPLE_835="$work/e2e-demo-sample.835"
export CLAIMDESK_ARTIFACTS="$ROOT/test-artifacts"
# The app turns WebKit's compositing off on Linux (idle CPU under software GL); with it off,
# WebKitWebDriver's screenshots hung at times in this suite, which takes many. Keep it on here;
# tests/package/run.sh drives the installed app with the default.
export CLAIMDESK_KEEP_COMPOSITING=1
if [ $# -gt 0 ]; then
    (cd tests/e2e && xvfb-run -a -s "-screen 0 1440x900x24" node --test --test-concurrency=1 --test-force-exit "$@")
else
    xvfb-run -a -s "-screen 0 1440x900x24" npm --prefix tests/e2e test
fi

#!/usr/bin/env bash
# Builds the Debian package: a release build of the app with the UI embedded, the `claimdesk`
# command-line tool, the icons, the menu entry, the .claimdesk file type and the third-party
# notices, in target/package/claimdesk_<version>_amd64.deb. Install it with
#   sudo apt install ./target/package/claimdesk_<version>_amd64.deb
# Tauri's own bundler makes the package (src-tauri/tauri.conf.json, with the overlays
# tauri.package.json for every installer and tauri.deb.json for Debian's).
source "$(dirname "$0")/lib.sh"

install_system_packages
check_toolchains
install_ui_packages

version=$(cargo metadata --format-version 1 --no-deps --locked | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "claimdesk-app"))')
out="$ROOT/target/package"
# The installed programs carry no symbol tables (half their size; a panic prints no text anyway).
export CARGO_PROFILE_RELEASE_STRIP=symbols
mkdir -p "$out"
# The About box's build date: the day of the commit built (the reproducible-builds convention,
# src-tauri/build.rs). The same commit gives the same value, so nothing is rebuilt for it.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}"

say "Release build of the claimdesk command-line tool"
cargo build --release --locked -p claimdesk-cli

say "Third-party notices (every crate and npm package inside, with its licence)"
python3 scripts/notices.py "$out/THIRD-PARTY-NOTICES.txt"

say "Release build of the app (UI embedded) and the Debian package, by Tauri's bundler"
rm -f "$ROOT"/target/release/bundle/deb/*.deb
# Tauri's CLI looks for the front end's package.json below the current folder and would take
# tests/e2e's: name the folders (tauri.conf.json's build command runs in the front end's).
export TAURI_FRONTEND_PATH="$ROOT/ui" TAURI_APP_PATH="$ROOT/src-tauri"
ui/node_modules/.bin/tauri build --bundles deb --ci \
    --config src-tauri/tauri.package.json --config src-tauri/tauri.deb.json

deb="$out/claimdesk_${version}_amd64.deb"
cp "$ROOT/target/release/bundle/deb/claimdesk_${version}_amd64.deb" "$deb"
say "Package: $deb ($(du -h "$deb" | cut -f1); installed $(dpkg-deb -f "$deb" Installed-Size) KiB)"

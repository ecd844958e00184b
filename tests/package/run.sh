#!/usr/bin/env bash
# The Debian package, tested as an office would meet it (scripts/test.sh runs this after
# scripts/package.sh): its contents and metadata inspected with dpkg-deb; installed with apt;
# the installed command-line tool, menu entry and file type checked; the installed app driven
# under Xvfb from its welcome screen into the demo practice (tests/e2e/installed); then the
# package removed, and every practice file and backup still where it was.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
source scripts/lib.sh
export PATH="$HOME/.cargo/bin:$PATH"

version=$(cargo metadata --format-version 1 --no-deps --locked | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "claimdesk-app"))')
deb="$ROOT/target/package/claimdesk_${version}_amd64.deb"
[ -f "$deb" ] || { echo "missing $deb: run bash scripts/package.sh first" >&2; exit 1; }
fail() { echo "package test: $*" >&2; exit 1; }

say "The package's metadata (dpkg-deb --info)"
info=$(dpkg-deb --info "$deb")
echo "$info" | sed -n '/Package:/,$p'
[ "$(dpkg-deb -f "$deb" Package)" = claimdesk ] || fail "the package is not named claimdesk"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the package's version is not the workspace's $version"
dpkg-deb -f "$deb" Depends | grep -q libwebkit2gtk-4.1 || fail "the package does not depend on WebKitGTK"

say "The package's contents (dpkg-deb --contents)"
contents=$(dpkg-deb --contents "$deb" | awk '{print $NF}' | sed -E 's|^\.?/?|/|')
need() { echo "$contents" | grep -qx "$1" || fail "the package has no $1"; echo "  $1"; }
need /usr/bin/claimdesk-app
need /usr/bin/claimdesk
need /usr/share/applications/claimdesk.desktop
need /usr/share/mime/packages/claimdesk.xml
need /usr/share/doc/claimdesk/THIRD-PARTY-NOTICES.txt
need /usr/lib/claimdesk/THIRD-PARTY-NOTICES.txt
# The icon in the sizes desktops ask for (freedesktop hicolor theme).
for size in 16 24 32 48 64 128 256 512; do
    need "/usr/share/icons/hicolor/${size}x${size}/apps/claimdesk-app.png"
done

say "Installing it (apt install ./$(basename "$deb"))"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
trap 'as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq claimdesk >/dev/null 2>&1 || true' EXIT
[ "$(command -v claimdesk)" = /usr/bin/claimdesk ] || fail "claimdesk is not on the PATH"
claimdesk --version | tee /dev/stderr | grep -qx "claimdesk $version" || fail "claimdesk --version does not say $version"
desktop-file-validate /usr/share/applications/claimdesk.desktop || fail "the menu entry does not validate"
grep -q '^MimeType=application/x-claimdesk;' /usr/share/applications/claimdesk.desktop || fail "the menu entry does not open .claimdesk files"

work="$(mktemp -d)"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"

say "Double-click: a .claimdesk file is a ClaimDesk practice file, opened by ClaimDesk"
touch "$work/Some client.claimdesk"
kind=$(xdg-mime query filetype "$work/Some client.claimdesk")
[ "$kind" = application/x-claimdesk ] || fail "a .claimdesk file is $kind, not application/x-claimdesk"
opener=$(xdg-mime query default application/x-claimdesk)
[ "$opener" = claimdesk.desktop ] || fail "application/x-claimdesk opens with '$opener', not claimdesk.desktop"
echo "  $kind opens with $opener"
rm "$work/Some client.claimdesk"

say "The installed app under Xvfb: welcome screen, Help and About, the demo practice, one instance"
if ! command -v tauri-driver >/dev/null 2>&1; then cargo install tauri-driver --version '^2' --locked; fi
npm --prefix tests/e2e install --no-audit --no-fund --loglevel=error
export CLAIMDESK_APP=/usr/bin/claimdesk-app CLAIMDESK_CLI=/usr/bin/claimdesk CLAIMDESK_EXPECT_VERSION="$version"
export CLAIMDESK_ARTIFACTS="$ROOT/test-artifacts" CLAIMDESK_DRIVER_PORT="${CLAIMDESK_DRIVER_PORT:-4544}"
unset CLAIMDESK_DB CLAIMDESK_START
# A D-Bus session of its own: the single-instance plugin finds the running app through it.
(cd tests/e2e && dbus-run-session --config-file="$ROOT/tests/package/dbus-session.conf" -- xvfb-run -a -s "-screen 0 1440x900x24" \
    node --test --test-concurrency=1 --test-force-exit --test-timeout=600000 installed/)

say "Double-click: the file manager's way (xdg-open) starts ClaimDesk on the practice file"
client="$work/Some client.claimdesk"
claimdesk --db "$client" demo --patients 5 --seed 3 >/dev/null
# xdg-open runs the menu entry's Exec line with the file; the app, once it has the file open,
# holds it: its holder file names the ClaimDesk app. Waits for that state, then ends the app.
xvfb-run -a sh -c '
    xdg-open "$1" >/dev/null 2>&1 &
    held=1
    for _ in $(seq 1 600); do
        if grep -Eq "\"program\": ?\"app\"" "$1.holder" 2>/dev/null; then held=0; break; fi
        sleep 0.2
    done
    pkill -x claimdesk-app || true
    wait
    exit $held' _ "$client" || fail "xdg-open did not start ClaimDesk on the practice file"
echo "  xdg-open started ClaimDesk holding $(basename "$client")"

say "A backup of the demo practice, then removing the package"
export CLAIMDESK_PASSWORD=demo-office-2026
demo="$XDG_DATA_HOME/claimdesk/Demo practice (invented data).claimdesk"
mkdir -p "$work/backups"
claimdesk --db "$demo" --user admin backup --to "$work/backups" >/dev/null
before=$(cd "$work" && find . -type f \( -name '*.claimdesk*' -o -path './backups/*' \) -print0 | sort -z | xargs -0 sha256sum)
[ -n "$before" ] || fail "no practice file or backup to watch"
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq claimdesk >/dev/null
trap - EXIT
[ ! -e /usr/bin/claimdesk-app ] || fail "the app is still installed"
after=$(cd "$work" && find . -type f \( -name '*.claimdesk*' -o -path './backups/*' \) -print0 | sort -z | xargs -0 sha256sum)
[ "$before" = "$after" ] || fail "removing the package changed practice files or backups"
echo "$after" | sed 's/^/  kept: /'
rm -rf "$work"
say "Package test passed: $(du -h "$deb" | cut -f1) package, $(dpkg-deb -f "$deb" Installed-Size) KiB installed"

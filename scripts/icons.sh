#!/usr/bin/env bash
# Regenerates the application icons in src-tauri/icons/ from src-tauri/icons/icon.svg with
# Tauri's own `tauri icon` (the UI's dev dependency @tauri-apps/cli).
#   bash scripts/icons.sh
# Needs rsvg-convert (apt-get install librsvg2-bin) and `npm --prefix ui install` done.
# Keeps only what the desktop bundlers use: PNGs for Linux (hicolor 16..512 and 128x128@2x),
# icon.ico (Windows), icon.icns (macOS); drops Tauri's Android, iOS and Windows Store logos.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
icons="$root/src-tauri/icons"
command -v rsvg-convert >/dev/null || { echo "icons.sh: rsvg-convert is missing: apt-get install librsvg2-bin" >&2; exit 1; }
[ -x "$root/ui/node_modules/.bin/tauri" ] || { echo "icons.sh: run npm --prefix ui install first" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rsvg-convert -w 1024 -h 1024 "$icons/icon.svg" -o "$work/icon-1024.png"
cd "$root/ui"
# 1. The default set: 32x32, 64x64, 128x128, 128x128@2x, icon.png (512), icon.ico, icon.icns (+ mobile/Store).
npx tauri icon "$work/icon-1024.png" --output "$work/default" >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
# 2. The other hicolor sizes (with -p, tauri icon makes only NxN.png files).
npx tauri icon "$work/icon-1024.png" --output "$work/extra" -p 16 -p 24 -p 48 -p 256 >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }

for f in 32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png icon.ico icon.icns; do
  cp "$work/default/$f" "$icons/$f"
done
for f in 16x16.png 24x24.png 48x48.png 256x256.png; do
  cp "$work/extra/$f" "$icons/$f"
done
ls -1 "$icons"

#!/usr/bin/env bash
# Sets up everything ClaimDesk needs on a fresh Debian/Ubuntu machine and starts the app on
# the demo practice (a physician office with ~200 synthetic patients, created on first start).
source "$(dirname "$0")/lib.sh"

install_system_packages
check_toolchains
install_ui_packages
build_ui
build_app

say "Starting ClaimDesk on the demo practice"
# Straight to the demo practice (made on the first start in the data folder); an installed
# ClaimDesk opens on its welcome screen instead, and CLAIMDESK_DB=FILE starts on that file.
CLAIMDESK_START=demo exec "$ROOT/target/debug/claimdesk-app"

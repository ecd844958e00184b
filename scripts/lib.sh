# Shared setup steps for scripts/start.sh and scripts/test.sh. Idempotent: each step checks
# before it installs, and says what it is doing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\n==> %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian/Ubuntu packages: Tauri's WebKitGTK build deps, Xvfb + WebKitWebDriver for the
# end-to-end test, poppler-utils for PDF checks, libssl-dev for SQLCipher's crypto (on Linux it
# links the system OpenSSL), sqlite3 and binutils (strings) to look at encrypted files as an outsider;
# for the installed package's test: a D-Bus session (single instance), xdg-mime and the menu entry tools.
APT_PACKAGES=(build-essential pkg-config curl libwebkit2gtk-4.1-dev libxdo-dev libssl-dev librsvg2-dev
    xvfb xauth webkit2gtk-driver poppler-utils python3 python3-venv sqlite3 binutils
    dbus xdg-utils desktop-file-utils shared-mime-info)

install_system_packages() {
    local missing=()
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
    if [ ${#missing[@]} -eq 0 ]; then
        say "System packages: all present"
        return
    fi
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

check_toolchains() {
    if ! command -v cargo >/dev/null 2>&1; then
        echo "Rust is not installed. Install it from rustup (https://rustup.rs), then run this again." >&2
        exit 1
    fi
    local node_major
    node_major=$(node -p 'process.versions.node.split(".")[0]')
    if [ "$node_major" -lt 20 ]; then
        echo "Node.js 20 or newer is needed for the UI build (found $(node --version))." >&2
        exit 1
    fi
}

install_ui_packages() {
    say "UI packages (npm install in ui/)"
    npm --prefix ui install --no-audit --no-fund --loglevel=error
}

build_ui() {
    say "Building the UI (ui/dist)"
    npm --prefix ui run build
}

build_app() {
    say "Building the desktop app (debug, UI embedded) and the claimdesk CLI"
    cargo build -p claimdesk-app --features custom-protocol
    cargo build -p claimdesk-cli
}

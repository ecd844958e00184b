#!/usr/bin/env python3
"""Writes THIRD-PARTY-NOTICES.txt: everything that ships inside the ClaimDesk package, under its licence.

Usage (from anywhere in the repository):
    python3 scripts/notices.py target/package/THIRD-PARTY-NOTICES.txt
    python3 scripts/notices.py --target x86_64-pc-windows-msvc OUT   (the Windows build's list)

What it lists:
  - Rust crates reachable from claimdesk-app and claimdesk-cli through normal (not dev, not
    build) dependencies on the target (x86_64-unknown-linux-gnu unless --target says another),
    from `cargo metadata --locked`; the workspace's own crates (claimdesk-*) are left out.
    Build-time crates whose C sources are compiled into the program are added: sqlcipher-src
    (SQLCipher, SQLite, libtomcrypt), and on Windows openssl-src (OpenSSL, built in there).
  - npm packages bundled into ui/dist: the packages reachable from ui/package.json
    "dependencies" through their "dependencies" (and installed "optionalDependencies"),
    read from ui/node_modules (run `npm --prefix ui install` first).
  - The ICD-10-CM code set (assets/icd10cm/), fonts (none shipped) and the system libraries
    the program uses but the package does not carry.

Standard library only. Offline once cargo has the crate sources (`cargo fetch --locked`).
Exits 1 with a message when a package has neither a licence expression nor a licence file.
"""
import datetime
import gzip
import json
import os
import re
import subprocess
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_TARGET = "x86_64-unknown-linux-gnu"
ROOTS = ("claimdesk-app", "claimdesk-cli")
# Licence files: LICENSE*, LICENCE*, COPYING*, NOTICE*, UNLICENSE* in any case
# (LICENSE-MIT, LICENSE_APACHE-2.0, license.md, COPYING.LESSER, ...).
LICENCE_NAME = re.compile(r"^(licen[cs]e|copying|notice|unlicense)", re.IGNORECASE)
# Build dependencies are not shipped, except these, whose C sources are compiled into the
# program; value: folders inside the crate that hold the bundled sources' own licences.
COMPILED_IN_BUILD_DEPS = {"sqlcipher-src": ["sqlcipher"]}
# On Windows SQLCipher links the OpenSSL that openssl-src builds (claimdesk-store's
# bundled-sqlcipher-vendored-openssl for cfg(windows)); elsewhere the system's crypto is used.
COMPILED_IN_ON_WINDOWS = {"openssl-src": ["openssl"]}
RULE = "=" * 78
THIN = "-" * 78


def fail(msg: str) -> None:
    print(f"notices.py: {msg}", file=sys.stderr)
    sys.exit(1)


def read_text(path: str) -> str:
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").strip("\n")


def licence_files(folder: str, extra_dirs=()) -> list[str]:
    """Licence files directly in folder (and inside a LICENSES/ folder), sorted by name."""
    found = []
    for sub in ("", *extra_dirs):
        d = os.path.join(folder, sub)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d), key=str.lower):
            path = os.path.join(d, name)
            if not LICENCE_NAME.match(name):
                continue
            if os.path.isfile(path):
                found.append(path)
            elif os.path.isdir(path):  # LICENSES/MIT.txt, ...
                found += [os.path.join(path, n) for n in sorted(os.listdir(path)) if os.path.isfile(os.path.join(path, n))]
    return found


def texts_block(files: list[str], base: str) -> list[str]:
    out = []
    for path in files:
        out += ["", f"--- {os.path.relpath(path, base)} ---", "", read_text(path)]
    return out


# ---------------------------------------------------------------------------------------------
# Rust crates


def cargo_metadata(target: str = DEFAULT_TARGET) -> dict:
    cmd = ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target]
    try:
        res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    except FileNotFoundError:
        fail("cargo is not on the PATH")
    if res.returncode != 0:
        fail("`" + " ".join(cmd) + "` failed (run `cargo fetch --locked` once, online):\n" + res.stderr.strip())
    return json.loads(res.stdout)


def rust_crates(meta: dict, target: str = DEFAULT_TARGET) -> list[dict]:
    compiled_in = dict(COMPILED_IN_BUILD_DEPS)
    if "windows" in target:
        compiled_in.update(COMPILED_IN_ON_WINDOWS)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    roots = [i for i, p in packages.items() if p["name"] in ROOTS and i in meta["workspace_members"]]
    if len(roots) != len(ROOTS):
        fail(f"cargo metadata does not list {' and '.join(ROOTS)} as workspace members")
    shipped, extra, stack = set(), set(), list(roots)
    while stack:
        pid = stack.pop()
        if pid in shipped:
            continue
        shipped.add(pid)
        for dep in nodes[pid]["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            if None in kinds:
                stack.append(dep["pkg"])
            elif "build" in kinds and packages[dep["pkg"]]["name"] in compiled_in:
                extra.add(dep["pkg"])
    crates = []
    for pid in shipped | extra:
        p = packages[pid]
        if pid in meta["workspace_members"] or p["name"].startswith("claimdesk-"):
            continue
        folder = os.path.dirname(p["manifest_path"])
        files = []
        if p.get("license_file"):
            lf = os.path.join(folder, p["license_file"])
            if not os.path.isfile(lf):
                fail(f"crate {p['name']} {p['version']}: its license_file {p['license_file']} is missing in {folder}")
            files.append(lf)
        if not os.path.isdir(folder):
            fail(f"crate {p['name']} {p['version']}: sources missing in {folder} (run `cargo fetch --locked`)")
        for f in licence_files(folder, compiled_in.get(p["name"], ())):
            if os.path.realpath(f) not in {os.path.realpath(x) for x in files}:
                files.append(f)
        if not p.get("license") and not files:
            fail(f"crate {p['name']} {p['version']} has no licence: no `license` expression and no licence file in {folder}")
        crates.append(
            {
                "name": p["name"],
                "version": p["version"],
                "license": p.get("license") or "",
                "repository": p.get("repository") or p.get("homepage") or "",
                "folder": folder,
                "files": files,
                "compiled_in": pid in extra and pid not in shipped,
            }
        )
    crates.sort(key=lambda c: (c["name"].lower(), version_key(c["version"])))
    return crates


def version_key(v: str):
    return [int(x) if x.isdigit() else x for x in re.split(r"[.+-]", v)]


# ---------------------------------------------------------------------------------------------
# npm packages


def npm_packages() -> list[dict]:
    ui = os.path.join(ROOT, "ui")
    with open(os.path.join(ui, "package.json"), encoding="utf-8") as f:
        top = json.load(f)
    if not os.path.isdir(os.path.join(ui, "node_modules")):
        fail("ui/node_modules is missing: run `npm --prefix ui install --no-audit --no-fund` first")

    def resolve(name: str, from_dir: str) -> str | None:
        # Node's lookup: from_dir/node_modules/name, then each parent's, up to ui/.
        d = from_dir
        while True:
            cand = os.path.join(d, "node_modules", name)
            if os.path.isfile(os.path.join(cand, "package.json")):
                return cand
            if os.path.samefile(d, ui) or os.path.dirname(d) == d:
                return None
            d = os.path.dirname(d)

    seen: dict[str, dict] = {}
    stack = [(name, ui, False) for name in top.get("dependencies", {})]
    while stack:
        name, from_dir, optional = stack.pop()
        folder = resolve(name, from_dir)
        if folder is None:
            if optional:
                continue  # an optional dependency for another platform
            fail(f"npm package {name} (needed from {os.path.relpath(from_dir, ROOT)}) is not installed: run `npm --prefix ui install`")
        real = os.path.realpath(folder)
        if real in seen:
            continue
        with open(os.path.join(folder, "package.json"), encoding="utf-8") as f:
            pj = json.load(f)
        lic = pj.get("license") or ""
        if isinstance(lic, dict):
            lic = lic.get("type", "")
        if not lic and isinstance(pj.get("licenses"), list):
            lic = " OR ".join(x.get("type", "") if isinstance(x, dict) else str(x) for x in pj["licenses"])
        files = licence_files(folder)
        if not lic and not files:
            fail(f"npm package {pj.get('name', name)} {pj.get('version', '')} has no licence: no \"license\" in its package.json and no licence file in {folder}")
        repo = pj.get("repository") or pj.get("homepage") or ""
        if isinstance(repo, dict):
            repo = repo.get("url", "")
        repo = re.sub(r"^git\+", "", repo)
        seen[real] = {
            "name": pj.get("name", name),
            "version": pj.get("version", ""),
            "license": lic,
            "repository": repo,
            "folder": folder,
            "files": files,
        }
        for dep in pj.get("dependencies", {}):
            stack.append((dep, folder, False))
        for dep in pj.get("optionalDependencies", {}):
            stack.append((dep, folder, True))
    return sorted(seen.values(), key=lambda p: (p["name"], version_key(p["version"])))


# ---------------------------------------------------------------------------------------------
# ICD-10-CM, fonts, system libraries


def icd10cm_section() -> list[str]:
    folder = os.path.join(ROOT, "assets", "icd10cm")
    sets = sorted(n for n in os.listdir(folder) if re.fullmatch(r"icd10cm-\d{4}\.tsv\.gz", n))
    if not sets:
        fail("assets/icd10cm/ holds no icd10cm-YEAR.tsv.gz")
    out = []
    for name in sets:
        header, codes = [], 0
        with gzip.open(os.path.join(folder, name), "rt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    header.append(line[1:].strip())
                else:
                    codes += 1
        meta = dict(h.split(": ", 1) for h in header if ": " in h)
        out += [
            f"ICD-10-CM code set, fiscal year {meta.get('year', '?')} ({meta.get('release', 'release not recorded')})",
            f"  File: assets/icd10cm/{name}, {codes} codes, built into the program (claimdesk-core).",
            f"  Source: {meta.get('source', 'not recorded')}.",
            "  ICD-10-CM is the US government's (CDC National Center for Health Statistics)",
            "  clinical modification of ICD-10, in the public domain. ICD-10 itself is copyrighted by",
            "  the World Health Organization, which authorized this adaptation for US government purposes.",
            "  The extract was made with assets/icd10cm/build_icd10cm.py from the data/ folder of the",
            "  simple-icd-10-cm Python wheel, whose licence follows.",
        ]
    lic = os.path.join(folder, "LICENSE-simple-icd-10-cm.txt")
    if not os.path.isfile(lic):
        fail("assets/icd10cm/LICENSE-simple-icd-10-cm.txt is missing")
    out += texts_block([lic], ROOT)
    return out


FONTS = [
    "Nothing font-related is shipped.",
    "",
    "PDFs (claim forms, statements, receipts, reports) name the PDF standard (base-14) fonts",
    "Helvetica, Helvetica-Bold, Helvetica-Oblique and Courier without embedding them: the PDF",
    "reader draws them with its own fonts. The application's screens use the system's fonts",
    "(system-ui and the usual sans-serif fallbacks).",
]

SYSTEM_LIBRARIES_LINUX = [
    "The program uses these libraries of the system it runs on; apt installs them from",
    "Debian/Ubuntu under their own licences, and they are not part of the ClaimDesk package:",
    "WebKitGTK (libwebkit2gtk-4.1), GTK 3, GLib, Cairo, Pango, GDK-Pixbuf, ATK, libsoup 3,",
    "libayatana-appindicator (tray, when present), D-Bus, OpenSSL libcrypto (SQLCipher's",
    "encryption on Linux) and the C library.",
]

SYSTEM_LIBRARIES_WINDOWS = [
    "The program uses these parts of Windows, under Microsoft's licences; they are not part of",
    "the ClaimDesk installer: the Microsoft Edge WebView2 Runtime (already part of Windows 11 and",
    "an up-to-date Windows 10; the installer may download Microsoft's own installer for it),",
    "the Windows system libraries and the Microsoft Visual C++ runtime.",
]

SYSTEM_LIBRARIES_MACOS = [
    "The program uses these parts of macOS, under Apple's licences; they are not part of the",
    "ClaimDesk application: WebKit (WKWebView), the Security framework (CommonCrypto, SQLCipher's",
    "encryption on macOS) and the other system frameworks.",
]


def system_libraries(target: str) -> list[str]:
    if "windows" in target:
        return SYSTEM_LIBRARIES_WINDOWS
    if "apple" in target:
        return SYSTEM_LIBRARIES_MACOS
    return SYSTEM_LIBRARIES_LINUX


# ---------------------------------------------------------------------------------------------


def entry(p: dict, kind: str) -> list[str]:
    out = [THIN, f"{p['name']} {p['version']}", f"  Licence: {p['license'] or '(no expression; see the licence text)'}"]
    if p["repository"]:
        out.append(f"  Repository: {p['repository']}")
    if p.get("compiled_in"):
        out.append("  A build-time crate: the C sources it carries are compiled into the program.")
    if p["files"]:
        out += texts_block(p["files"], p["folder"])
    else:
        out += ["", f"  The {kind} has no licence file. It is licensed under the SPDX expression", f"  {p['license']}; the standard text of that licence applies."]
    out.append("")
    return out


def usage() -> None:
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    sys.exit(2)


def main() -> None:
    args, target = sys.argv[1:], DEFAULT_TARGET
    if len(args) == 3 and args[0] == "--target":
        target, args = args[1], args[2:]
    if len(args) != 1 or args[0].startswith("-"):
        usage()
    out_path = args[0]
    with open(os.path.join(ROOT, "Cargo.toml"), "rb") as f:
        ws = tomllib.load(f)["workspace"]["package"]
    crates = rust_crates(cargo_metadata(target), target)
    npm = npm_packages()
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")

    lines = [
        "ClaimDesk third-party notices",
        RULE,
        f"ClaimDesk {ws['version']} (licence: {ws.get('license', 'see the package')})",
        f"Generated {date} by scripts/notices.py for {target}",
        f"{len(crates)} Rust crates, {len(npm)} npm packages, the ICD-10-CM code set.",
        "",
        "ClaimDesk is built from the software listed here. Each entry gives the package's",
        "name, version, licence expression (SPDX), repository and the licence files it carries.",
        "",
        "Contents",
        "  1. Rust crates (the claimdesk-app desktop program and the claimdesk command)",
        "  2. npm packages (the application's screens)",
        "  3. ICD-10-CM code set",
        "  4. Fonts",
        "  5. System libraries (used, not shipped)",
        "",
        RULE,
        f"1. Rust crates ({len(crates)})",
        RULE,
        "",
    ]
    for c in crates:
        lines += entry(c, "crate")
    lines += ["", RULE, f"2. npm packages ({len(npm)})", RULE, ""]
    for p in npm:
        lines += entry(p, "package")
    lines += ["", RULE, "3. ICD-10-CM code set", RULE, ""] + icd10cm_section()
    lines += ["", "", RULE, "4. Fonts", RULE, ""] + FONTS
    lines += ["", "", RULE, "5. System libraries (used, not shipped)", RULE, ""] + system_libraries(target) + [""]

    text = "\n".join(lines)
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, out_path)
    print(f"{out_path}: {len(crates)} Rust crates, {len(npm)} npm packages, {len(text.encode()) // 1024} KiB")


if __name__ == "__main__":
    main()

//! Reads the desktop shell's commands as Rust source: the list `generate_handler!` registers
//! in `src-tauri/src/lib.rs` and each command's function in `src-tauri/src/commands/`. The
//! shell needs WebKitGTK to build, so `cargo test` reads it instead of compiling it. Each test
//! file uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn shell_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/src")
}

/// One registered Tauri command: its module under `commands/` and its function.
pub struct ShellCommand {
    pub module: String,
    pub function: syn::ItemFn,
}

impl ShellCommand {
    pub fn name(&self) -> String {
        self.function.sig.ident.to_string()
    }
}

fn parse(path: &Path) -> syn::File {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The paths inside `generate_handler![...]`, as `(module, function)`.
fn registered() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(shell_dir().join("lib.rs")).expect("src-tauri/src/lib.rs");
    let start = text.find("generate_handler![").expect("the shell registers its commands with generate_handler!");
    let list = &text[start + "generate_handler![".len()..];
    let list = &list[..list.find(']').expect("generate_handler![ ... ]")];
    list.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let parts: Vec<&str> = p.split("::").collect();
            assert!(
                parts.len() == 3 && parts[0] == "commands",
                "{p}: commands are registered as commands::<module>::<function>"
            );
            (parts[1].to_string(), parts[2].to_string())
        })
        .collect()
}

/// Every registered command with its function, in registration order.
pub fn commands() -> Vec<ShellCommand> {
    registered()
        .into_iter()
        .map(|(module, name)| {
            let file = parse(&shell_dir().join("commands").join(format!("{module}.rs")));
            let function = file
                .items
                .into_iter()
                .find_map(|item| match item {
                    syn::Item::Fn(f) if f.sig.ident == name => Some(f),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("commands::{module}::{name} is registered but not found"));
            ShellCommand { module, function }
        })
        .collect()
}

/// Every `pub fn` of `impl AppState` in `state.rs`: (name, signature as text).
pub fn app_state_methods() -> Vec<(String, String)> {
    let file = parse(&shell_dir().join("state.rs"));
    let mut out = Vec::new();
    for item in file.items {
        let syn::Item::Impl(imp) = item else { continue };
        let ty = &imp.self_ty;
        if quote::quote!(#ty).to_string() != "AppState" {
            continue;
        }
        for item in imp.items {
            if let syn::ImplItem::Fn(f) = item {
                if matches!(f.vis, syn::Visibility::Public(_)) {
                    let sig = &f.sig;
                    out.push((sig.ident.to_string(), quote::quote!(#sig).to_string()));
                }
            }
        }
    }
    out
}

/// The door methods of `AppState`: each names its action, or is the door's own way in.
pub const DOOR_CALLS: &[&str] = &["state . act (Action :: ", "state . pass (Action :: ", "state . session (Action :: "];
pub const DOOR_OPENINGS: &[&str] = &["state . open_practice (", "state . create_practice ("];

/// The variant each `state.act(Action::X` / `state.pass(Action::X` / `state.session(Action::X`
/// in `body` names.
pub fn actions_named(body: &str) -> Vec<String> {
    let mut found = Vec::new();
    for call in DOOR_CALLS {
        let mut rest = body;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            found.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    found
}

/// A command's body as tokens (what `actions_named` reads).
pub fn body_of(command: &ShellCommand) -> String {
    let block = &command.function.block;
    quote::quote!(#block).to_string()
}

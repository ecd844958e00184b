//! Generates the UI's typed wrapper for every desktop command (`ui/src/bindings/commands.ts`)
//! from the commands the shell registers, as ts-rs does for the wire types: the names, the
//! argument keys and types, and the result type come from the Rust functions, so the TypeScript
//! compiler checks each call against the command as it is. A command registered in Rust has
//! its wrapper; a call to a command that does not exist does not type-check. `scripts/test.sh`
//! fails when the committed file is stale, like the other bindings.

mod shell;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use syn::{FnArg, GenericArgument, PathArguments, ReturnType, Type};

/// Arguments Tauri supplies itself, not the caller.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow"];

/// Words a strict-mode TypeScript module cannot use as a parameter name.
const JS_RESERVED: &str = "break case catch class const continue debugger default delete do else enum export extends \
    false finally for function if implements import in instanceof interface let new null package private protected \
    public return static super switch this throw true try typeof var void while with yield await";

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn generic(args: &PathArguments, n: usize) -> &Type {
    match args {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .nth(n)
            .expect("a type argument"),
        _ => panic!("a generic type without arguments"),
    }
}

/// The TypeScript type of a Rust wire type, collecting the generated types it names.
fn ts(ty: &Type, imports: &mut BTreeSet<String>) -> String {
    match ty {
        Type::Reference(r) => ts(&r.elem, imports),
        Type::Tuple(t) if t.elems.is_empty() => "null".into(),
        Type::Path(p) => {
            let last = p.path.segments.last().expect("a type name");
            let name = last.ident.to_string();
            match name.as_str() {
                "String" | "str" | "PathBuf" | "NaiveDate" => "string".into(),
                "bool" => "boolean".into(),
                "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => "number".into(),
                "Option" => format!("{} | null", ts(generic(&last.arguments, 0), imports)),
                "Vec" => format!("Array<{}>", ts(generic(&last.arguments, 0), imports)),
                "CommandResult" | "Result" => ts(generic(&last.arguments, 0), imports),
                _ => {
                    imports.insert(name.clone());
                    // A generic wire type (`Page<FeeEntry>`): ts-rs exports it generic too.
                    match &last.arguments {
                        PathArguments::AngleBracketed(a) => {
                            let args: Vec<String> = a
                                .args
                                .iter()
                                .filter_map(|g| match g {
                                    GenericArgument::Type(t) => Some(ts(t, imports)),
                                    _ => None,
                                })
                                .collect();
                            format!("{name}<{}>", args.join(", "))
                        }
                        _ => name,
                    }
                }
            }
        }
        other => panic!("no TypeScript for {}", quote::quote!(#other)),
    }
}

fn is_injected(ty: &Type) -> bool {
    let ty = match ty {
        Type::Reference(r) => &*r.elem,
        t => t,
    };
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| INJECTED.contains(&s.ident.to_string().as_str())))
}

/// The first line of the command's doc comment, for the wrapper's.
fn doc(f: &syn::ItemFn) -> Vec<String> {
    f.attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn generate() -> String {
    let mut imports = BTreeSet::new();
    let mut body = String::new();
    for command in shell::commands() {
        let f = &command.function;
        let name = command.name();
        let mut params = Vec::new();
        let mut keys = Vec::new();
        for input in &f.sig.inputs {
            let FnArg::Typed(arg) = input else { continue };
            if is_injected(&arg.ty) {
                continue;
            }
            let syn::Pat::Ident(ident) = &*arg.pat else { panic!("{name}: an argument without a plain name") };
            let key = camel(&ident.ident.to_string());
            // The wrapper's parameter is a JavaScript name: a keyword (`case`, `package`) does
            // not compile in the UI's strict-mode modules.
            assert!(
                !JS_RESERVED.split_whitespace().any(|word| word == key),
                "{name}: the argument `{key}` is a JavaScript reserved word; name it after what it is (`injury_case`)"
            );
            params.push(format!("{key}: {}", ts(&arg.ty, &mut imports)));
            keys.push(key);
        }
        let result = match &f.sig.output {
            ReturnType::Default => "null".to_string(),
            ReturnType::Type(_, ty) => ts(ty, &mut imports),
        };
        let lines = doc(f);
        if !lines.is_empty() {
            let _ = writeln!(body, "/** {} */", lines.join(" ").replace("*/", "* /"));
        }
        let args = if keys.is_empty() { String::new() } else { format!(", {{ {} }}", keys.join(", ")) };
        let _ = writeln!(
            body,
            "export const {} = ({}): Promise<{result}> => call(\"{name}\"{args});",
            camel(&name),
            params.join(", ")
        );
    }
    let mut out = String::from(
        "// Generated from the desktop shell's commands by crates/claimdesk-jobs/tests/command_bindings.rs.\n\
         // Do not edit: change the command in src-tauri/src/commands/ and run `cargo test`.\n",
    );
    out.push_str("import { call } from \"../ipc/call\";\n");
    for t in &imports {
        let _ = writeln!(out, "import type {{ {t} }} from \"./{t}\";");
    }
    out.push('\n');
    out.push_str(&body);
    out
}

#[test]
fn every_command_has_its_generated_typescript_wrapper() {
    let text = generate();
    let bindings = shell::shell_dir().join("../../ui/src/bindings");
    // Every type a wrapper names is a generated wire type.
    for line in text.lines().filter(|l| l.starts_with("import type")) {
        let name = line.split('"').nth(1).unwrap().trim_start_matches("./");
        assert!(
            bindings.join(format!("{name}.ts")).exists(),
            "a command uses {name}, which has no generated binding (derive ts_rs::TS with #[ts(export)])"
        );
    }
    let target = bindings.join("commands.ts");
    if std::fs::read_to_string(&target).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&target, &text).unwrap();
    }
    assert!(text.contains(
        "export const patientSave = (patient: Patient): Promise<Patient> => call(\"patient_save\", { patient });"
    ));
}

#[test]
fn only_the_generated_wrappers_call_the_shell() {
    // The UI reaches the shell through `call` in ui/src/ipc/call.ts, used only by the generated
    // wrappers: a hand-written `invoke` could name a command that does not exist.
    let ui = shell::shell_dir().join("../../ui/src");
    let mut offenders = Vec::new();
    let mut stack = vec![ui.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !(name.ends_with(".ts") || name.ends_with(".tsx")) || name.contains(".test.") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let rel = path.strip_prefix(&ui).unwrap().display().to_string();
            let calls_invoke = text.contains("invoke(") || text.contains("invoke<");
            let calls_call = text.contains("call(\"") || text.contains("call<");
            let defines_call = rel == "ipc/call.ts";
            if (calls_invoke && !defines_call) || (calls_call && !defines_call && rel != "bindings/commands.ts") {
                offenders.push(rel);
            }
        }
    }
    assert!(offenders.is_empty(), "these call the shell without the generated wrappers: {offenders:?}");
}

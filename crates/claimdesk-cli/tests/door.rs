//! The one door (issue 11): every subcommand of `claimdesk` reaches the practice file only
//! through `claimdesk_jobs::door` with its action. The dispatch looks each subcommand up in
//! `claimdesk_cli::actions::SUBCOMMANDS` before running it; these tests walk clap's own tree
//! of subcommands so a new one without its action fails here.

use claimdesk_cli::actions::{action_of, subcommand_path, SUBCOMMANDS};
use claimdesk_cli::cli::Cli;
use clap::CommandFactory;

/// Every runnable subcommand's path ("patients add"), from clap's tree.
fn leaves(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
    let subs: Vec<_> = cmd.get_subcommands().filter(|s| s.get_name() != "help").collect();
    if subs.is_empty() {
        out.push(prefix.to_string());
        return;
    }
    for sub in subs {
        let path = if prefix.is_empty() { sub.get_name().to_string() } else { format!("{prefix} {}", sub.get_name()) };
        leaves(sub, &path, out);
    }
}

fn all_subcommands() -> Vec<String> {
    let mut out = Vec::new();
    leaves(&Cli::command(), "", &mut out);
    out
}

#[test]
fn every_subcommand_names_its_action_at_the_door() {
    let subcommands = all_subcommands();
    assert!(subcommands.len() >= 40, "clap's tree lists {} subcommands", subcommands.len());
    let missing: Vec<_> = subcommands.iter().filter(|p| action_of(p).is_none()).collect();
    assert!(missing.is_empty(), "subcommands without an action in actions::SUBCOMMANDS: {missing:?}");
}

#[test]
fn the_table_names_only_subcommands_that_exist_once() {
    let subcommands = all_subcommands();
    let mut seen = std::collections::HashSet::new();
    for (path, _) in SUBCOMMANDS {
        assert!(
            subcommands.iter().any(|p| p == path),
            "actions::SUBCOMMANDS names `{path}`, which is not a subcommand"
        );
        assert!(seen.insert(path), "`{path}` is listed twice");
    }
}

#[test]
fn the_dispatch_reads_the_path_clap_parsed() {
    let matches = Cli::command()
        .try_get_matches_from(["claimdesk", "--db", "x.claimdesk", "patients", "show", "A1"])
        .expect("parses");
    assert_eq!(subcommand_path(&matches), "patients show");
    assert_eq!(action_of("patients show"), Some(claimdesk_core::Action::PatientGet));
}

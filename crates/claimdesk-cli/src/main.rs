//! `claimdesk`: the command-line tool (everything is in the library: `claimdesk_cli::main`).

fn main() -> std::process::ExitCode {
    claimdesk_cli::main()
}

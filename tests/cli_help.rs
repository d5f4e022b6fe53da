//! Issue #9: `--help` explains every argument of every command, and README's promise
//! holds: a test walks clap's whole command tree.

use clap::CommandFactory;
use creditdesk::cli::Cli;

/// Every argument (positional or option) of `cmd` and its subcommands with no help
/// text, as `command path: argument`; and every subcommand with no description.
fn undocumented(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if matches!(id, "help" | "version") {
            continue;
        }
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        if help.trim().is_empty() {
            out.push(format!("{path}: argument {id}"));
        }
    }
    for sub in cmd.get_subcommands() {
        let sub_path = format!("{path} {}", sub.get_name());
        if sub.get_name() != "help" && sub.get_about().is_none_or(|a| a.to_string().trim().is_empty()) {
            out.push(format!("{sub_path}: no description"));
        }
        undocumented(sub, &sub_path, out);
    }
}

#[test]
fn every_argument_of_every_command_has_a_line_of_help() {
    let mut missing = Vec::new();
    undocumented(&Cli::command(), "creditdesk", &mut missing);
    assert!(missing.is_empty(), "without help:\n{}", missing.join("\n"));
}

#[test]
fn the_arguments_the_issue_named_explain_themselves() {
    let bin = env!("CARGO_BIN_EXE_creditdesk");
    let help = |args: &[&str]| {
        let out = std::process::Command::new(bin).args(args).arg("--help").output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let check_return = help(&["check", "return"]);
    assert!(check_return.contains("<PAYMENT_REF>  The returned payment's reference"), "{check_return}");
    let record = help(&["payment", "record"]);
    assert!(record.contains("<ACCOUNT>  The paying account's number"), "{record}");
    assert!(record.contains("--date <DATE>") && record.contains("Day received"), "{record}");
    let register = help(&["account", "register"]);
    for option in ["--contact", "--phone", "--email", "--address"] {
        let line = register.lines().find(|l| l.trim_start().starts_with(option)).unwrap_or_default();
        assert!(line.split_once('>').is_some_and(|(_, h)| !h.trim().is_empty()), "{option}: {register}");
    }
    assert!(help(&["aging"]).contains("Output: table (for people), csv, or json"), "--format explains itself");
}

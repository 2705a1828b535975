//! `leverage check`: every problem in the vault, and a one-line summary.

use std::process::ExitCode;

use leverage::parse::Kind;

use crate::cli::CheckArgs;

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let options = leverage::Options {
        as_of: args.as_of.as_of,
        ..leverage::Options::default()
    };
    let compiled = leverage::compile(&args.vault.vault, &options)?;
    compiled.print_diagnostics()?;
    let notes = &compiled.journal.notes;
    let count = |kind| notes.iter().filter(|note| note.kind == kind).count();
    let errors = compiled
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .count();
    let warnings = compiled.diagnostics().len() - errors;
    let allowed: Vec<String> = compiled
        .journal
        .allowed
        .iter()
        .map(|(code, count)| format!("{count} {code}"))
        .collect();
    let allowed = if allowed.is_empty() {
        String::new()
    } else {
        format!(" ({} allowed)", allowed.join(", "))
    };
    eprintln!(
        "checked {} ({} daily, {}, {}): {}, {}, {}{allowed}",
        plural(notes.len(), "note"),
        count(Kind::Daily),
        plural(count(Kind::Outcome), "outcome"),
        plural(count(Kind::Page), "page"),
        plural(compiled.journal.activities.len(), "activity"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    );
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub fn plural(count: usize, noun: &str) -> String {
    match (count, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{count} {stem}ies"),
        (_, None) => format!("{count} {noun}s"),
    }
}

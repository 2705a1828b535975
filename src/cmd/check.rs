//! `leverage check`: the problems of the vault grouped so a person reads them,
//! a summary by code, and what was read (SPEC 9 (v2)).

use std::fmt::Write as _;
use std::process::ExitCode;

use leverage::Compiled;
use leverage::coverage::Coverage;
use leverage::diagnostic;
use leverage::parse::Kind;

use crate::cli::CheckArgs;

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let compiled = leverage::compile(
        &args.vault.vault,
        &leverage::Options {
            as_of: args.as_of.as_of,
            output: None,
        },
    )?;
    compiled.print_diagnostics(args.verbose)?;
    eprint!("{}", summary(&compiled));
    let coverage = Coverage::of(&compiled.journal, &compiled.config);
    eprint!(
        "{}",
        coverage.render(&args.vault.vault.display().to_string(), true)
    );
    let (errors, warnings) = compiled.counts();
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The counts by code (errors, warnings, allowed), then one line of totals.
pub fn summary(compiled: &Compiled) -> String {
    let mut out = String::new();
    let rows = diagnostic::by_code(compiled.diagnostics());
    let allowed = &compiled.journal.allowed;
    if !rows.is_empty() || !allowed.is_empty() {
        let width = rows
            .iter()
            .map(|row| row.0.len())
            .chain(allowed.keys().map(|code| code.len()))
            .max()
            .unwrap_or(0);
        for (code, errors, warnings) in &rows {
            let mut counts = Vec::new();
            if *errors > 0 {
                counts.push(plural(*errors, "error"));
            }
            if *warnings > 0 {
                counts.push(plural(*warnings, "warning"));
            }
            let _ = writeln!(out, "  {code:<width$}  {}", counts.join(", "));
        }
        for (code, count) in allowed {
            let _ = writeln!(out, "  {code:<width$}  {count} allowed");
        }
    }
    let notes = &compiled.journal.notes;
    let count = |kind| notes.iter().filter(|note| note.kind == kind).count();
    let (errors, warnings) = compiled.counts();
    let allowed_total: usize = allowed.values().sum();
    let allowed = if allowed_total > 0 {
        format!(" ({allowed_total} allowed)")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "checked {} ({} daily, {}, {}): {}, {}, {}{allowed}",
        plural(notes.len(), "note"),
        count(Kind::Daily),
        plural(count(Kind::Outcome), "outcome"),
        plural(count(Kind::Page), "page"),
        plural(compiled.journal.activities.len(), "activity"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    );
    out
}

pub fn plural(count: usize, noun: &str) -> String {
    match (count, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{count} {stem}ies"),
        (_, None) => format!("{count} {noun}s"),
    }
}

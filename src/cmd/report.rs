//! `leverage report`: the figures in the terminal, one column per period.

use std::io::Write;
use std::process::ExitCode;

use leverage::terminal;

use crate::cli::{ReportArgs, ReportFormat};

pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let (compiled, report) = super::compile_report(&args.vault.vault, args.as_of.as_of)?;
    let table = match args.format {
        ReportFormat::Markdown => terminal::markdown(
            &report,
            &compiled.config,
            args.period,
            usize::from(args.last),
        ),
        ReportFormat::Text => terminal::render(
            &report,
            &compiled.config,
            args.period,
            usize::from(args.last),
        ),
    };
    anstream::stdout().lock().write_all(table.as_bytes())?;
    if report.errors() > 0 {
        eprintln!(
            "{} in the vault: run `leverage check` to see them",
            super::check::plural(report.errors(), "error")
        );
    }
    Ok(ExitCode::SUCCESS)
}

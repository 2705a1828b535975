//! `leverage export`: the report on standard output, diagnostics included in it.

use std::io::Write;
use std::process::ExitCode;

use leverage::export;
use leverage::report::Report;

use crate::cli::{ExportArgs, ExportFormat};

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let compiled = leverage::compile(
        &args.vault.vault,
        &leverage::Options {
            as_of: args.as_of.as_of,
            output: None,
        },
    )?;
    let report = Report::build(&compiled.journal, &compiled.config);
    let text = match args.format {
        ExportFormat::Json => export::json(&report),
        ExportFormat::Csv => export::csv(&report),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

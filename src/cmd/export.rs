//! `leverage export`: the report on standard output, diagnostics included in it.

use std::io::Write;
use std::process::ExitCode;

use leverage::export;

use crate::cli::{ExportArgs, ExportFormat};

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let (_, report) = super::compile_report(&args.vault.vault, args.as_of.as_of)?;
    let text = match args.format {
        ExportFormat::Json => export::json(&report),
        ExportFormat::Csv => export::csv(&report),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

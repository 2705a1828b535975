//! One module per subcommand.

mod build;
mod check;
mod completions;
mod explain;
mod export;
mod init;
mod new;
mod opportunities;
mod report;
#[cfg(feature = "serve")]
mod serve;
mod tags;
#[cfg(feature = "watch")]
mod watch;

use std::path::Path;
use std::process::ExitCode;

use jiff::civil::Date;
use leverage::Compiled;
use leverage::report::Report;

use crate::cli::Command;

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Init(args) => init::run(&args),
        Command::New(args) => new::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Opportunities(args) => opportunities::run(&args),
        Command::Tags(args) => tags::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man => completions::man(),
        #[cfg(feature = "watch")]
        Command::Watch(args) => watch::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
    }
}

/// Compiles the vault and builds its report, for the commands that print figures.
fn compile_report(vault: &Path, as_of: Option<Date>) -> anyhow::Result<(Compiled, Report)> {
    let compiled = leverage::compile(
        vault,
        &leverage::Options {
            as_of,
            output: None,
        },
    )?;
    let report = Report::build(&compiled.journal, &compiled.config);
    Ok((compiled, report))
}

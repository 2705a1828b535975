//! One module per subcommand.

mod build;
mod check;
mod export;
mod report;

use std::process::ExitCode;

use crate::cli::Command;

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Report(args) => report::run(&args),
    }
}

//! `leverage build`: compile the vault and write the site.

use std::process::ExitCode;

use leverage::Options;
use leverage::build::{Build, Session};

use super::check::plural;
use crate::cli::BuildArgs;

pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let options = Options {
        as_of: args.as_of.as_of,
        output: args.output.clone(),
    };
    // Refuses an unusable output folder before anything is read or touched.
    let mut session = Session::open_once(&args.vault.vault, &options)?;
    let build = session.build()?;
    build.compiled.print_diagnostics(false)?;
    eprintln!("{}", summary(&build));
    eprint!(
        "{}",
        build
            .coverage
            .render(&args.vault.vault.display().to_string(), false)
    );
    Ok(if args.strict && build.compiled.counts().0 > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// One line: what was read, what was written, the problems and the time.
pub fn summary(build: &Build) -> String {
    let (errors, warnings) = build.compiled.counts();
    format!(
        "built {} from {} and {} ({} written, {} unchanged, {} removed), {}, {} in {:.2}s → {}",
        plural(build.pages, "page"),
        plural(build.compiled.journal.notes.len(), "note"),
        plural(build.compiled.journal.activities.len(), "activity"),
        build.written.written,
        build.written.unchanged,
        build.written.removed,
        plural(errors, "error"),
        plural(warnings, "warning"),
        build.elapsed.as_secs_f64(),
        build.compiled.output.display(),
    )
}

//! `leverage build`: compile the vault and write the site.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use leverage::render::{self, Templates};
use leverage::report::Report;
use leverage::write::Output;
use leverage::{Options, export};

use super::check::plural;
use crate::cli::BuildArgs;

pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let options = Options {
        as_of: args.as_of.as_of,
        output: args.output.clone(),
    };
    let mut compiled = leverage::compile(&args.vault.vault, &options)?;
    // Refuse an unusable output folder before anything is rendered or touched.
    let mut output = Output::open(&compiled.vault, &compiled.output)?;
    let (templates, problems) = Templates::load(&compiled.vault, &compiled.config);
    compiled.journal.diagnostics.extend(problems);
    let report = Report::build(&compiled.journal, &compiled.config);
    let json = export::json(&report);
    let csv = export::csv(&report);
    let pages = render::render(
        &compiled.journal,
        &compiled.config,
        &report,
        &compiled.sources,
        &templates,
        &[("data/export.json", &json), ("data/activities.csv", &csv)],
    )
    .context("a template failed to render")?;
    let written = output
        .write(&pages)
        .with_context(|| format!("cannot write the site to `{}`", compiled.output.display()))?;
    compiled.print_diagnostics()?;
    let errors = report.errors();
    eprintln!(
        "built {} from {} and {} ({} written, {} unchanged, {} removed), {}, {} in {:.2}s → {}",
        plural(pages.len(), "page"),
        plural(compiled.journal.notes.len(), "note"),
        plural(compiled.journal.activities.len(), "activity").replace("activitys", "activities"),
        written.written,
        written.unchanged,
        written.removed,
        plural(errors, "error"),
        plural(report.warnings(), "warning"),
        started.elapsed().as_secs_f64(),
        compiled.output.display(),
    );
    Ok(if args.strict && errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

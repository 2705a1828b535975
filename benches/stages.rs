//! Stage benchmarks: each stage of the pipeline on its own, on generated
//! vaults of 1 and 10 years (`cargo bench --bench stages`; add `-- parse` to
//! run one stage). The vaults are generated into a temporary folder once per
//! run; every stage's input is computed once, outside the timings.

#[path = "../examples/gen_vault/generator.rs"]
mod generator;

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use rayon::prelude::*;

use leverage::config::Config;
use leverage::export;
use leverage::parse::{self, Note};
use leverage::render::{self, Page, Templates};
use leverage::report::Report;
use leverage::resolve;
use leverage::scan::{self, Source};
use leverage::write::Output;

const YEARS: [u32; 2] = [1, 10];

fn main() {
    divan::main();
}

/// A generated vault and the output of every stage, computed once.
struct Fixture {
    _dir: tempfile::TempDir,
    vault: PathBuf,
    output: PathBuf,
    config: Config,
    sources: Vec<Source>,
    notes: Vec<Note>,
    report: Report,
    templates: Templates,
    json: String,
    csv: String,
    pages: Vec<Page>,
}

fn fixture(years: u32) -> &'static Fixture {
    static ONE: OnceLock<Fixture> = OnceLock::new();
    static TEN: OnceLock<Fixture> = OnceLock::new();
    let cell = match years {
        1 => &ONE,
        10 => &TEN,
        _ => unreachable!("only 1 and 10 years are benchmarked"),
    };
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let vault = dir.path().join("vault");
        generator::generate(&vault, years).expect("the vault is written");
        let output = dir.path().join("site");
        let config = Config::default();
        let (sources, _) = scan::scan(&vault, &config, &output);
        let notes: Vec<Note> = sources.iter().map(|s| parse::note(s, &config)).collect();
        let journal = resolve::resolve(notes.clone(), &config, None);
        let report = Report::for_site(&journal, &config, &sources);
        let templates = Templates::built_in();
        let json = export::json(&report);
        let csv = export::csv(&report);
        let pages = render::render(
            &config,
            &report,
            &sources,
            &templates,
            &[("data/export.json", &json), ("data/activities.csv", &csv)],
        )
        .expect("the built-in templates render");
        Fixture {
            _dir: dir,
            vault,
            output,
            config,
            sources,
            notes,
            report,
            templates,
            json,
            csv,
            pages,
        }
    })
}

/// Walk the vault and read every note.
#[divan::bench(args = YEARS, sample_count = 20)]
fn scan(bencher: Bencher, years: u32) {
    let f = fixture(years);
    bencher.bench(|| scan::scan(black_box(&f.vault), &f.config, &f.output));
}

/// Parse every note, in parallel as `compile` does.
#[divan::bench(args = YEARS, sample_count = 20)]
fn parse(bencher: Bencher, years: u32) {
    let f = fixture(years);
    bencher.bench(|| {
        black_box(&f.sources)
            .par_iter()
            .map(|source| parse::note(source, &f.config))
            .collect::<Vec<Note>>()
    });
}

/// Resolve links into the journal, score every period, build the report.
#[divan::bench(args = YEARS, sample_count = 20)]
fn report(bencher: Bencher, years: u32) {
    let f = fixture(years);
    bencher
        .with_inputs(|| f.notes.clone())
        .bench_values(|notes| {
            let journal = resolve::resolve(notes, &f.config, None);
            let report = Report::build(&journal, &f.config);
            (journal, report)
        });
}

/// The JSON export document (`leverage export`, and `data/export.json` of the site).
#[divan::bench(args = YEARS, sample_count = 20)]
fn export_json(bencher: Bencher, years: u32) {
    let f = fixture(years);
    bencher.bench(|| export::json(black_box(&f.report)));
}

/// Every page of the site, in memory.
#[divan::bench(args = YEARS, sample_count = 10)]
fn render(bencher: Bencher, years: u32) {
    let f = fixture(years);
    bencher.bench(|| {
        render::render(
            &f.config,
            &f.report,
            &f.sources,
            &f.templates,
            &[
                ("data/export.json", &f.json),
                ("data/activities.csv", &f.csv),
            ],
        )
        .expect("the built-in templates render")
    });
}

/// Writing every page into a new output folder (a first build).
#[divan::bench(args = YEARS, sample_count = 10)]
fn write_new(bencher: Bencher, years: u32) {
    let f = fixture(years);
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir_in(f.vault.parent().expect("a parent")).expect("a folder");
            let output = Output::open(&f.vault, &dir.path().join("site")).expect("usable");
            (dir, output)
        })
        .bench_values(|(dir, mut output)| {
            output.write(&f.pages).expect("written");
            // Returned, so that removing the folder is not timed.
            dir
        });
}

/// Writing every page over an identical site (a rebuild where nothing changed).
#[divan::bench(args = YEARS, sample_count = 10)]
fn write_unchanged(bencher: Bencher, years: u32) {
    let f = fixture(years);
    let dir = tempfile::tempdir_in(f.vault.parent().expect("a parent")).expect("a folder");
    let site = dir.path().join("site");
    Output::open(&f.vault, &site)
        .expect("usable")
        .write(&f.pages)
        .expect("written");
    bencher
        .with_inputs(|| Output::open(&f.vault, &site).expect("usable"))
        .bench_values(|mut output| output.write(&f.pages).expect("written"));
}

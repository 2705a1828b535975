//! The floor for whole-process benchmarks: walk a vault, read every byte of
//! every `*.md` file and parse it with pulldown-cmark alone, in parallel as
//! `leverage` does, with the same Markdown options; nothing else.
//! `cargo run --release --example floor -- VAULT` prints notes, bytes, events.

use std::path::PathBuf;
use std::process::ExitCode;

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let Some(vault) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: floor VAULT");
        return ExitCode::from(2);
    };
    let paths: Vec<PathBuf> = WalkDir::new(&vault)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        })
        .filter_map(Result::ok)
        .filter(|entry| {
            entry.file_type().is_file()
                && entry
                    .path()
                    .extension()
                    .is_some_and(|extension| extension.eq_ignore_ascii_case("md"))
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    let options = Options::ENABLE_WIKILINKS
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES;
    let (bytes, events) = paths
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            (text.len(), Parser::new_ext(&text, options).count())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("{} notes, {bytes} bytes, {events} events", paths.len());
    ExitCode::SUCCESS
}

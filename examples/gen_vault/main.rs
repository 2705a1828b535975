//! Writes a deterministic, realistic vault for benchmarks:
//! `cargo run --release --example gen_vault -- DIR --years N`.
//!
//! Daily notes `daily/YYYY-MM-DD.md` for every day of N years (365 days each)
//! ending on 2026-11-13, 60 outcome notes in `outcomes/`, 20 pages in `pages/`.
//! The same N always gives the same bytes.

#[path = "generator.rs"]
mod generator;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut years: u32 = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--years" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => years = n,
                _ => return usage("--years needs a whole number of years, at least 1"),
            },
            "-h" | "--help" => {
                println!("usage: gen_vault DIR [--years N]");
                return ExitCode::SUCCESS;
            }
            other if dir.is_none() && !other.starts_with('-') => dir = Some(other.into()),
            other => return usage(&format!("unexpected argument `{other}`")),
        }
    }
    let Some(dir) = dir else {
        return usage("the folder to write the vault into is missing");
    };
    if dir.exists() && std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()) {
        return usage(&format!(
            "`{}` exists and is not empty; give a new folder",
            dir.display()
        ));
    }
    match generator::generate(&dir, years) {
        Ok(stats) => {
            eprintln!(
                "wrote {} notes ({} daily), {:.1} MB, to {}",
                stats.notes,
                stats.daily,
                stats.bytes as f64 / 1e6,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write the vault: {error}");
            ExitCode::from(2)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\nusage: gen_vault DIR [--years N]");
    ExitCode::from(2)
}

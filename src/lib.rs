//! `leverage` compiles a vault of Markdown daily notes into leverage reports.
//!
//! The pipeline, one module per stage, data flowing forward only:
//! [`scan`] (files → sources) → [`parse`] (a source → a note) → [`resolve`]
//! (notes → the journal) → [`score`] (figures of any set of activities) →
//! [`report`] (plain data for the JSON export, the terminal and the site).

pub mod build;
pub mod category;
pub mod compare;
pub mod config;
pub mod coverage;
pub mod diagnostic;
pub mod export;
pub mod format;
pub mod html;
pub mod logseq;
pub mod opportunity;
pub mod parse;
pub mod period;
pub mod reading;
pub mod render;
pub mod report;
pub mod resolve;
pub mod review;
pub mod scan;
pub mod score;
#[cfg(feature = "serve")]
pub mod serve;
pub mod tag;
pub mod terminal;
pub mod view;
#[cfg(feature = "watch")]
pub mod watch;
pub mod write;
mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use jiff::civil::Date;

use config::Config;
use diagnostic::{Diagnostic, Printer};
use resolve::Journal;
use scan::Source;

/// What a run is asked for, beyond the vault.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// SPEC 3 `--as-of`.
    pub as_of: Option<Date>,
    /// The output folder, when not the config's (relative to the working folder).
    pub output: Option<PathBuf>,
}

/// A vault, compiled: its config, the notes as read, and the journal.
pub struct Compiled {
    /// The vault's folder, absolute.
    pub vault: PathBuf,
    /// The output folder, absolute; never read as notes.
    pub output: PathBuf,
    pub config: Config,
    /// The text of `leverage.yaml`, when there is one (for printing diagnostics).
    pub config_text: Option<String>,
    pub sources: Vec<Source>,
    pub journal: Journal,
}

/// Runs the pipeline up to the journal. `Err` only when the tool cannot run
/// (no such vault); every problem in the notes is a diagnostic in the journal.
pub fn compile(vault: &Path, options: &Options) -> anyhow::Result<Compiled> {
    Ok(build::Session::new(vault, options)?.compile())
}

impl Compiled {
    /// Prints the diagnostics, sorted, compiler-style on standard error:
    /// every error, the first three warnings of each code and a count line
    /// for the rest, or everything when `verbose` (SPEC 9 (v2)).
    pub fn print_diagnostics(&self, verbose: bool) -> std::io::Result<()> {
        use std::io::Write;
        let texts: HashMap<&str, &str> = self
            .sources
            .iter()
            .map(|source| (source.path.as_str(), source.text.as_str()))
            .chain(
                self.config_text
                    .as_deref()
                    .map(|text| (config::FILE_NAME, text)),
            )
            .collect();
        let printer = Printer::for_stderr();
        let mut stderr = std::io::stderr().lock();
        let sorted = report::sorted_diagnostics(&self.journal.diagnostics);
        let (full, left_out) = diagnostic::grouped(&sorted, verbose);
        for diagnostic in full {
            let source = texts.get(diagnostic.path.as_str()).copied();
            writeln!(stderr, "{}\n", printer.render(diagnostic, source))?;
        }
        for (code, more) in &left_out {
            let noun = if *more == 1 { "warning" } else { "warnings" };
            writeln!(stderr, "… and {more} more {code} {noun}")?;
        }
        if !left_out.is_empty() {
            writeln!(stderr, "(`leverage check --verbose` prints them all)\n")?;
        }
        Ok(())
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.journal.diagnostics
    }

    /// How many errors and how many warnings were reported.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.diagnostics().iter().filter(|d| d.is_error()).count();
        (errors, self.diagnostics().len() - errors)
    }
}

/// SPEC 3 (v2): the as-of date ("today"): `--as-of`, else the config's
/// `as_of`, else `SOURCE_DATE_EPOCH` (seconds since 1970, as a UTC date),
/// else the machine's local date. The one place that reads the clock.
pub fn as_of(flag: Option<Date>, config: &Config) -> Date {
    flag.or(config.as_of)
        .or_else(|| source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()))
        .unwrap_or_else(|| jiff::Zoned::now().date())
}

/// The UTC date of a `SOURCE_DATE_EPOCH` value; `None` when unset or not a
/// number of seconds (then the clock decides, as reproducible-builds tools do).
fn source_date_epoch(value: Option<&str>) -> Option<Date> {
    let seconds: i64 = value?.trim().parse().ok()?;
    let timestamp = jiff::Timestamp::from_second(seconds).ok()?;
    Some(timestamp.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// Reads a `--as-of` date.
pub fn parse_date(text: &str) -> anyhow::Result<Date> {
    text.parse::<Date>()
        .with_context(|| format!("`{text}` is not a date; write it YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn as_of_is_the_flag_then_the_config_then_source_date_epoch() {
        // SPEC 3 (v2) the as-of date. (The clock is the last resort, so every
        // case here is pinned.)
        let (config, _) = Config::parse("as_of: 2026-11-13\n");
        let flag = Some(date(2026, 11, 20));
        assert_eq!(as_of(flag, &config), date(2026, 11, 20));
        assert_eq!(as_of(None, &config), date(2026, 11, 13));
        // 1_795_000_000 s is 2026-11-18T11:06:40Z.
        assert_eq!(
            source_date_epoch(Some("1795000000")),
            Some(date(2026, 11, 18))
        );
        assert_eq!(source_date_epoch(Some("soon")), None);
        assert_eq!(source_date_epoch(None), None);
    }
}

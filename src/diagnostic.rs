//! Problems in the user's files, as data: every stage returns its values plus a
//! list of these, so one run reports every problem and one bad note never
//! stops the rest (SPEC section 9).

use std::cell::Cell;
use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

mod examples;
mod print;
#[cfg(test)]
mod tests;

pub use examples::{codes, examples};
pub use print::{Printer, printable};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem at `path:line:column` (1-based; column in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Vault-relative path with `/` separators.
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    /// Boxed: diagnostics travel in `Result`s, and are rare.
    pub kind: Box<Kind>,
    /// A hint for this place that says more than the kind's own.
    pub context: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &str, (line, column): (u32, u32), kind: Kind) -> Self {
        Self::new(Severity::Error, path, (line, column), kind)
    }

    pub fn warning(path: &str, (line, column): (u32, u32), kind: Kind) -> Self {
        Self::new(Severity::Warning, path, (line, column), kind)
    }

    pub fn new(severity: Severity, path: &str, (line, column): (u32, u32), kind: Kind) -> Self {
        Diagnostic {
            path: path.to_owned(),
            line,
            column,
            severity,
            kind: Box::new(kind),
            context: None,
        }
    }

    /// Replaces the kind's hint with one that knows this place.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.context = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    pub fn hint(&self) -> Option<String> {
        self.context.clone().or_else(|| self.kind.hint())
    }
}

impl fmt::Display for Diagnostic {
    /// The one-line form: `path:line:column: severity[code]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.path,
            self.line,
            self.column,
            self.severity,
            self.code(),
            self.kind
        )
    }
}

/// What went wrong: one variant per kind of problem, each with a stable
/// kebab-case code (SPEC 9). The wording of every message and hint lives here,
/// in one place; `docs/diagnostics.md` lists every code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    // ------------------------------------------------------------ files
    /// A file that could not be read.
    Unreadable {
        error: String,
    },
    NotUtf8,
    SymlinkLoop {
        target: String,
    },
    /// A sync tool's copy of a note (SPEC 1), skipped.
    SyncCopy {
        original: String,
    },
    /// A note over the config's `max_note_size`, skipped.
    NoteTooLarge {
        size: u64,
        limit: u64,
    },
    /// The file opened is not the one the walk found: it was replaced (by a
    /// link to elsewhere, say) between the walk and the read; skipped.
    NoteReplaced,
    /// A tag written with zero-width characters or in another Unicode
    /// normalisation form than NFC: counted as its normal form.
    TagNormalised {
        written: String,
        tag: String,
    },
    /// Two pages of the site would be the same path, or a page a folder of
    /// another's: this one is not written.
    PageNameClash {
        page: String,
        other: String,
    },
    // ------------------------------------------------------------ front-matter
    InvalidYaml {
        detail: String,
        config: bool,
    },
    /// Front-matter (or the config) that parses, but not as a mapping.
    NotAMapping {
        found: &'static str,
        config: bool,
    },
    UnclosedFrontMatter,
    /// A front-matter key of the wrong type.
    WrongType {
        key: String,
        expected: &'static str,
        found: String,
    },
    UnknownStatus {
        found: String,
    },
    InvalidCheckin {
        index: usize,
    },
    // ------------------------------------------------------------ dates
    ImpossibleDate {
        date: String,
        in_file_name: bool,
    },
    DateMismatch {
        front: Date,
        named: Date,
    },
    DuplicateDay {
        first: String,
        date: Date,
    },
    /// A note in a journal folder that no date makes a daily note (SPEC 3).
    UndatedJournal,
    /// An item marked done in a note dated after the as-of date (SPEC 3).
    FutureDone {
        date: Date,
        as_of: Date,
    },
    // ------------------------------------------------------------ links and outcomes
    UnresolvedLink {
        target: String,
        /// SPEC 4 (v2): the closest existing name, when one is close.
        suggestion: Option<String>,
    },
    AmbiguousLink {
        target: String,
        matches: usize,
        chosen: String,
    },
    LinkOutsideVault {
        target: String,
    },
    IdCollision {
        id: String,
        other: String,
    },
    ValueWithoutOutcome,
    ValueSeveralOutcomes {
        outcomes: usize,
    },
    // ------------------------------------------------------------ items
    UnknownCategory {
        name: String,
        known: Vec<String>,
    },
    NotANumber {
        key: String,
        found: String,
    },
    NoDuration {
        key: String,
    },
    InvalidSaves {
        problem: String,
    },
    InvalidClock {
        clock: String,
    },
    /// A single duration over a day (or, for `saves::`, over its period).
    LongDuration {
        hours: String,
        period: String,
    },
    TooLarge,
    /// SPEC 4 (v2): an unindented line joined to an item's paragraph that
    /// holds a tag or a duration.
    LazyContinuation,
    /// SPEC 4 (v2): a Logseq clock entry started on another day than its note's.
    ClockOtherDay {
        started: Date,
        note: Date,
    },
    /// SPEC 4 (v2): a Logseq clock entry over 12 hours, left running.
    LongClock {
        hours: String,
    },
    /// SPEC 4 (v2): a day whose done minutes add up to more than 24 hours.
    DayOver24h {
        hours: String,
    },
    // ------------------------------------------------------------ config
    UnknownKey {
        key: String,
        known: Vec<&'static str>,
        suggestion: Option<&'static str>,
    },
    /// A config value that cannot be used; the default stands.
    InvalidValue {
        key: String,
        problem: String,
    },
    /// Config values that disagree with each other.
    InconsistentConfig {
        problem: String,
    },
    /// A code in `allow:` that no diagnostic has.
    UnknownCode {
        code: String,
        suggestion: Option<&'static str>,
    },
    // ------------------------------------------------------------ templates
    MissingTemplates {
        folder: String,
    },
    TemplateError {
        detail: String,
    },
}

impl Kind {
    /// The stable code, as printed in `severity[code]` and listed in the docs.
    pub fn code(&self) -> &'static str {
        match self {
            Kind::Unreadable { .. } => "unreadable",
            Kind::NotUtf8 => "not-utf8",
            Kind::SymlinkLoop { .. } => "symlink-loop",
            Kind::SyncCopy { .. } => "sync-copy",
            Kind::NoteTooLarge { .. } => "note-too-large",
            Kind::NoteReplaced => "note-replaced",
            Kind::TagNormalised { .. } => "tag-normalised",
            Kind::PageNameClash { .. } => "page-name-clash",
            Kind::InvalidYaml { .. } | Kind::NotAMapping { .. } => "invalid-yaml",
            Kind::UnclosedFrontMatter => "unclosed-front-matter",
            Kind::WrongType { .. }
            | Kind::UnknownStatus { .. }
            | Kind::InvalidCheckin { .. }
            | Kind::InvalidValue { .. } => "invalid-value",
            Kind::ImpossibleDate { .. } => "impossible-date",
            Kind::DateMismatch { .. } => "date-mismatch",
            Kind::DuplicateDay { .. } => "duplicate-day",
            Kind::UndatedJournal => "undated-journal",
            Kind::FutureDone { .. } => "future-done",
            Kind::UnresolvedLink { .. } => "unresolved-link",
            Kind::AmbiguousLink { .. } => "ambiguous-link",
            Kind::LinkOutsideVault { .. } => "link-outside-vault",
            Kind::IdCollision { .. } => "id-collision",
            Kind::ValueWithoutOutcome => "value-without-outcome",
            Kind::ValueSeveralOutcomes { .. } => "value-several-outcomes",
            Kind::UnknownCategory { .. } => "unknown-category",
            Kind::NotANumber { .. } | Kind::NoDuration { .. } | Kind::InvalidSaves { .. } => {
                "invalid-field"
            }
            Kind::InvalidClock { .. } => "invalid-clock",
            Kind::LongDuration { .. } | Kind::TooLarge | Kind::LongClock { .. } => "long-duration",
            Kind::LazyContinuation => "lazy-continuation",
            Kind::ClockOtherDay { .. } => "clock-other-day",
            Kind::DayOver24h { .. } => "day-over-24h",
            Kind::UnknownKey { .. } => "unknown-key",
            Kind::InconsistentConfig { .. } => "inconsistent-config",
            Kind::UnknownCode { .. } => "unknown-code",
            Kind::MissingTemplates { .. } | Kind::TemplateError { .. } => "template-error",
        }
    }

    /// What to do about it, when a hint helps.
    pub fn hint(&self) -> Option<String> {
        let text = match self {
            Kind::InvalidYaml { config: false, .. } => {
                "the note is still read, without its front-matter"
            }
            Kind::InvalidYaml { config: true, .. } | Kind::NotAMapping { config: true, .. } => {
                "every key keeps its default until the file parses"
            }
            Kind::NotAMapping { config: false, .. } => {
                "write one `key: value` per line, e.g. `date: 2026-11-02`"
            }
            Kind::UnclosedFrontMatter => {
                "end it with a line `---`; the whole file is read as Markdown meanwhile"
            }
            Kind::WrongType { key, .. } => match key.as_str() {
                "date" | "due" => "dates are written YYYY-MM-DD, e.g. 2026-11-02",
                "baseline" | "target" => {
                    "write the metric's value alone, e.g. `target: 12` (the unit goes in `unit:`)"
                }
                "checkins" => "write one `- {date: 2026-11-02, value: 3}` per line",
                _ => return None,
            },
            Kind::UnknownStatus { .. } => {
                "status is `active`, `achieved` or `dropped`; `active` is used"
            }
            Kind::InvalidCheckin { .. } => {
                "e.g. `- {date: 2026-11-02, value: 3, note: first referral}`"
            }
            Kind::ImpossibleDate {
                in_file_name: true, ..
            } => "the note is read as a page, not a daily note",
            Kind::ImpossibleDate {
                in_file_name: false,
                ..
            } => "dates are written YYYY-MM-DD, e.g. 2026-11-02",
            Kind::DateMismatch { .. } => "the front-matter date is used",
            Kind::DuplicateDay { .. } => "both count; merge them if that is not what you meant",
            Kind::FutureDone { .. } => {
                "it counts once the day has come: mark it done on that day, or use `--as-of`"
            }
            Kind::UndatedJournal => {
                "name it by its date (2026-11-02.md) or add `date: 2026-11-02` to its front-matter; meanwhile it is read as a page"
            }
            Kind::UnresolvedLink {
                suggestion: Some(name),
                ..
            } => return Some(format!("did you mean `[[{name}]]`?")),
            Kind::UnresolvedLink { .. } => {
                "create the note, or check the spelling (file name, title or alias)"
            }
            Kind::LinkOutsideVault { .. } => "links are read only between notes of this vault",
            Kind::IdCollision { .. } => {
                "rename one of the notes; this one is reported under a numbered id"
            }
            Kind::ValueWithoutOutcome | Kind::ValueSeveralOutcomes { .. } => {
                "link the outcome whose metric this is, e.g. `[[Referral Pipeline]] [value:: 3]`"
            }
            Kind::UnknownCategory { known, .. } => {
                return Some(format!(
                    "categories: {}; the tags decide meanwhile",
                    known.join(", ")
                ));
            }
            Kind::NotANumber { .. } => "a check-in is the metric's value alone, e.g. `value:: 12`",
            Kind::NoDuration { .. } => {
                "write it like `time:: 1h30m`, `time:: 90m` or `time:: 09:00-10:30`"
            }
            Kind::InvalidSaves { .. } => {
                "write it like `saves:: 2h/week` (day, week, month, quarter or year)"
            }
            Kind::InvalidClock { .. } => "hours go from 0 to 23, minutes from 00 to 59",
            Kind::LongDuration { .. } => {
                "one activity lasts at most 24 hours: split longer work over the days it took"
            }
            Kind::LazyContinuation => "indent the line to keep it in the item without this warning",
            Kind::ClockOtherDay { .. } => {
                "clock the time in that day's journal, or write `time::` on the block"
            }
            Kind::LongClock { .. } => {
                "a clock left running: correct the entry, or write `time::` on the block"
            }
            Kind::DayOver24h { .. } => {
                "`leverage explain` shows how each item's minutes were read; `[time:: 0m]` corrects one"
            }
            Kind::TooLarge => {
                "write the time the activity took, at most 24 hours, like `90m` or `1.5h`"
            }
            Kind::UnknownKey {
                suggestion: Some(known),
                ..
            }
            | Kind::UnknownCode {
                suggestion: Some(known),
                ..
            } => return Some(format!("did you mean `{known}`?")),
            Kind::UnknownKey { known, .. } => {
                return Some(format!("known keys: {}", known.join(", ")));
            }
            Kind::UnknownCode { .. } => "docs/diagnostics.md lists every code",
            Kind::InvalidValue { .. } => "the default is used instead",
            Kind::NotUtf8 => "save the file as UTF-8 in your editor",
            Kind::SymlinkLoop { .. } => {
                "remove the link, or set `follow_links: false` in leverage.yaml"
            }
            Kind::SyncCopy { .. } => {
                "merge what the copy holds into the original, then delete the copy"
            }
            Kind::NoteTooLarge { .. } => {
                "split the note, move it out of the vault, or raise `max_note_size` in leverage.yaml"
            }
            Kind::NoteReplaced => "run the command again once the vault is quiet",
            Kind::TagNormalised { .. } => {
                "retype the tag: it holds invisible characters or another Unicode form"
            }
            Kind::PageNameClash { .. } => "rename the note or the folder",
            Kind::Unreadable { .. }
            | Kind::AmbiguousLink { .. }
            | Kind::InconsistentConfig { .. }
            | Kind::MissingTemplates { .. }
            | Kind::TemplateError { .. } => return None,
        };
        Some(text.to_owned())
    }
}

/// How many warnings of one code `check` prints in full (SPEC 9 (v2)).
pub const WARNINGS_IN_FULL: usize = 3;

/// SPEC 9 (v2) "a person reads it": of sorted diagnostics, those printed in
/// full (every error; the first three warnings of each code, or all when
/// `verbose`), and per code, in order of first appearance, how many
/// warnings were left out.
pub fn grouped(
    sorted: &[Diagnostic],
    verbose: bool,
) -> (Vec<&Diagnostic>, Vec<(&'static str, usize)>) {
    let mut shown_of_code: std::collections::HashMap<&'static str, usize> =
        std::collections::HashMap::new();
    let mut left_out: Vec<(&'static str, usize)> = Vec::new();
    let mut full = Vec::new();
    for diagnostic in sorted {
        let code = diagnostic.code();
        let shown = shown_of_code.entry(code).or_default();
        if verbose || diagnostic.is_error() || *shown < WARNINGS_IN_FULL {
            *shown += usize::from(!diagnostic.is_error());
            full.push(diagnostic);
        } else if let Some(entry) = left_out.iter_mut().find(|(c, _)| *c == code) {
            entry.1 += 1;
        } else {
            left_out.push((code, 1));
        }
    }
    (full, left_out)
}

/// Errors and warnings per code, most first (then by code).
pub fn by_code(diagnostics: &[Diagnostic]) -> Vec<(&'static str, usize, usize)> {
    let mut counts: std::collections::BTreeMap<&'static str, (usize, usize)> =
        std::collections::BTreeMap::new();
    for diagnostic in diagnostics {
        let entry = counts.entry(diagnostic.code()).or_default();
        if diagnostic.is_error() {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    let mut rows: Vec<(&'static str, usize, usize)> = counts
        .into_iter()
        .map(|(code, (errors, warnings))| (code, errors, warnings))
        .collect();
    rows.sort_by(|a, b| (b.1 + b.2).cmp(&(a.1 + a.2)).then(a.0.cmp(b.0)));
    rows
}

/// The diagnostics as every output reports them: each problem once, in
/// SPEC 8's order, and (SPEC 9 (v2) `allow:`) without those whose code is
/// allowed, counted by code instead (the summary still says so). Printing,
/// counting and the export then agree on one list.
pub fn settle(
    diagnostics: &mut Vec<Diagnostic>,
    allow: &[String],
    allowed: &mut std::collections::BTreeMap<&'static str, usize>,
) {
    diagnostics.sort();
    diagnostics.dedup();
    if allow.is_empty() {
        return;
    }
    diagnostics.retain(|diagnostic| {
        let code = diagnostic.code();
        let silenced = allow.iter().any(|allowed| allowed == code);
        if silenced {
            *allowed.entry(code).or_default() += 1;
        }
        !silenced
    });
}

impl fmt::Display for Kind {
    /// The message: lower case, no final period.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Unreadable { error } => write!(f, "cannot read: {error}"),
            Kind::NotUtf8 => f.write_str("the note is not valid UTF-8 and is skipped"),
            Kind::SymlinkLoop { target } => {
                write!(f, "symbolic link loop back to `{target}`, not followed")
            }
            Kind::SyncCopy { original } => {
                write!(f, "a sync tool's copy of {original}, not read")
            }
            Kind::NoteTooLarge { size, limit } => write!(
                f,
                "the note is {size} bytes, over the {limit}-byte `max_note_size`, and is skipped"
            ),
            Kind::NoteReplaced => f.write_str(
                "the note was replaced while it was read (by a link or another file) and is skipped",
            ),
            Kind::TagNormalised { written, tag } => write!(
                f,
                "tag `{}` holds invisible characters or another Unicode form: read as #{tag}",
                written
                    .chars()
                    .map(|c| if c.is_alphanumeric() || "/-_".contains(c) {
                        c.to_string()
                    } else {
                        c.escape_unicode().to_string()
                    })
                    .collect::<String>()
            ),
            Kind::PageNameClash { page, other } => write!(
                f,
                "the page `{page}` clashes with `{other}` in the site and is not written"
            ),
            Kind::InvalidYaml {
                detail,
                config: false,
            } => write!(f, "invalid YAML in front-matter: {detail}"),
            Kind::InvalidYaml {
                detail,
                config: true,
            } => write!(f, "invalid YAML: {detail}"),
            Kind::NotAMapping {
                found,
                config: false,
            } => write!(f, "front-matter must be a mapping of keys, found {found}"),
            Kind::NotAMapping {
                found,
                config: true,
            } => write!(f, "the config must be a mapping of keys, found {found}"),
            Kind::UnclosedFrontMatter => {
                f.write_str("front-matter opened with `---` is never closed")
            }
            Kind::WrongType {
                key,
                expected,
                found,
            } => write!(f, "`{key}` must be {expected}, found {found}"),
            Kind::UnknownStatus { found } => write!(f, "unknown outcome status {found}"),
            Kind::InvalidCheckin { index } => write!(
                f,
                "check-in {index} needs a `date` (YYYY-MM-DD) and a numeric `value`"
            ),
            Kind::ImpossibleDate { date, in_file_name } => {
                write!(f, "impossible date {date}")?;
                if *in_file_name {
                    f.write_str(" in the file name")?;
                }
                Ok(())
            }
            Kind::DateMismatch { front, named } => {
                write!(
                    f,
                    "front-matter date {front} differs from the file name's {named}"
                )
            }
            Kind::DuplicateDay { first, date } => {
                write!(f, "{first} is also the daily note of {date}")
            }
            Kind::UndatedJournal => {
                f.write_str("a note in a journal folder without a date is not a daily note")
            }
            Kind::FutureDone { date, as_of } => write!(
                f,
                "marked done on {date}, after the as-of date {as_of}: not counted"
            ),
            Kind::UnresolvedLink { target, .. } => {
                write!(f, "link to `{target}` does not resolve to any note")
            }
            Kind::AmbiguousLink {
                target,
                matches,
                chosen,
            } => write!(
                f,
                "link `{target}` matches {matches} notes; {chosen} is used"
            ),
            Kind::LinkOutsideVault { target } => {
                write!(f, "link `{target}` points outside the vault")
            }
            Kind::IdCollision { id, other } => {
                write!(f, "outcome id `{id}` is already taken by {other}")
            }
            Kind::ValueWithoutOutcome => {
                f.write_str("`value::` needs exactly one linked outcome, this item links none")
            }
            Kind::ValueSeveralOutcomes { outcomes } => write!(
                f,
                "`value::` needs exactly one linked outcome, this item links {outcomes}"
            ),
            Kind::UnknownCategory { name, .. } => write!(f, "unknown category `{name}`"),
            Kind::NotANumber { key, found } => {
                write!(f, "`{key}::` must be a number, found `{found}`")
            }
            Kind::NoDuration { key } => write!(f, "`{key}::` holds no duration"),
            Kind::InvalidSaves { problem } => f.write_str(problem),
            Kind::InvalidClock { clock } => write!(f, "invalid clock time {clock}"),
            Kind::LongDuration { hours, period } => {
                write!(f, "duration of {hours} hours is longer than a {period}")
            }
            Kind::TooLarge => f.write_str("duration is too large"),
            Kind::LazyContinuation => f.write_str(
                "this line continues the item above; start it with `- ` to make it an activity of its own",
            ),
            Kind::ClockOtherDay { started, note } => write!(
                f,
                "clock entry started on {started}, not on this note's day {note}: not counted"
            ),
            Kind::LongClock { hours } => {
                write!(f, "clock entry of {hours} hours is longer than 12 hours: not counted")
            }
            Kind::DayOver24h { hours } => {
                write!(f, "the done activities of this day add up to {hours} hours, more than 24")
            }
            Kind::UnknownKey { key, .. } => write!(f, "unknown config key `{key}`"),
            Kind::UnknownCode { code, .. } => {
                write!(f, "`allow` names an unknown diagnostic code `{code}`")
            }
            Kind::InvalidValue { problem, .. } | Kind::InconsistentConfig { problem } => {
                f.write_str(problem)
            }
            Kind::MissingTemplates { folder } => {
                write!(f, "`templates` folder {folder} does not exist")
            }
            Kind::TemplateError { detail } => write!(f, "template does not compile: {detail}"),
        }
    }
}

/// Maps byte offsets of one text to 1-based lines and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last position found, as (byte offset, 0-based column). Offsets are
    /// mostly asked for in order, so a column is counted on from there: on a
    /// 1 MB line with 100,000 links, counting from the line start each time
    /// is quadratic.
    last: Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            last: Cell::new((0, 0)),
        }
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let (last_offset, last_column) = self.last.get();
        let (from, counted) = if (start..=offset).contains(&last_offset) {
            (last_offset, last_column)
        } else {
            (start, 0)
        };
        let column = match self.text.get(from..offset) {
            Some(before) => {
                let column = counted + before.chars().count();
                self.last.set((offset, column));
                column
            }
            None => 0,
        };
        (line as u32 + 1, column as u32 + 1)
    }
}

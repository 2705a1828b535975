//! Problems in the user's files, as data: every stage returns its values plus a
//! list of these, so one run reports every problem and one bad note never
//! stops the rest (SPEC section 9).

use std::cell::Cell;
use std::fmt;
use std::io::IsTerminal;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use jiff::civil::Date;
use serde::Serialize;

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

/// One example of every kind of problem, as `check` prints it: the test
/// `docs_list_every_code` asks `docs/diagnostics.md` to hold each printed line.
///
/// Adding a variant to [`Kind`]? The `match` at the end has no wildcard, so
/// this stops compiling until the new variant has an example here; then the
/// docs test names the line to add to `docs/diagnostics.md`.
pub fn examples() -> Vec<Diagnostic> {
    let date = |text: &str| text.parse::<Date>().expect("a valid example date");
    let daily = "daily/2026-11-02.md";
    let outcome = "outcomes/Referral Pipeline.md";
    let config = "leverage.yaml";
    let all = vec![
        Diagnostic::error(
            daily,
            (1, 1),
            Kind::Unreadable {
                error: "Permission denied (os error 13)".into(),
            },
        ),
        Diagnostic::warning("daily/2026-11-03.md", (1, 1), Kind::NotUtf8),
        Diagnostic::warning(
            "archive/loop",
            (1, 1),
            Kind::SymlinkLoop {
                target: "archive".into(),
            },
        ),
        Diagnostic::warning(
            "daily/2026-11-02.sync-conflict-20261102-101010-ABCDEF.md",
            (1, 1),
            Kind::SyncCopy {
                original: daily.into(),
            },
        ),
        Diagnostic::error(
            daily,
            (2, 8),
            Kind::InvalidYaml {
                detail: "did not find expected ',' or ']'".into(),
                config: false,
            },
        ),
        Diagnostic::error(
            daily,
            (2, 1),
            Kind::NotAMapping {
                found: "a list",
                config: false,
            },
        ),
        Diagnostic::error(daily, (1, 1), Kind::UnclosedFrontMatter),
        Diagnostic::error(
            outcome,
            (3, 9),
            Kind::WrongType {
                key: "target".into(),
                expected: "a number",
                found: "`lots`".into(),
            },
        ),
        Diagnostic::warning(
            outcome,
            (2, 9),
            Kind::UnknownStatus {
                found: "`maybe`".into(),
            },
        ),
        Diagnostic::error(outcome, (6, 5), Kind::InvalidCheckin { index: 2 }),
        Diagnostic::error(
            "daily/2026-02-30.md",
            (1, 1),
            Kind::ImpossibleDate {
                date: "2026-02-30".into(),
                in_file_name: true,
            },
        ),
        Diagnostic::warning(
            daily,
            (2, 7),
            Kind::DateMismatch {
                front: date("2026-11-03"),
                named: date("2026-11-02"),
            },
        ),
        Diagnostic::warning(
            "journal/2026-11-02.md",
            (1, 1),
            Kind::DuplicateDay {
                first: daily.into(),
                date: date("2026-11-02"),
            },
        ),
        Diagnostic::warning("journals/Ideas.md", (1, 1), Kind::UndatedJournal),
        Diagnostic::warning(
            "daily/2026-11-23.md",
            (3, 1),
            Kind::FutureDone {
                date: date("2026-11-23"),
                as_of: date("2026-11-20"),
            },
        ),
        Diagnostic::warning(
            daily,
            (4, 14),
            Kind::UnresolvedLink {
                target: "Referal Pipeline".into(),
                suggestion: Some("Referral Pipeline".into()),
            },
        ),
        Diagnostic::warning(
            daily,
            (4, 14),
            Kind::AmbiguousLink {
                target: "Plan".into(),
                matches: 2,
                chosen: "Plan.md".into(),
            },
        ),
        Diagnostic::warning(
            daily,
            (4, 14),
            Kind::LinkOutsideVault {
                target: "../../etc/passwd".into(),
            },
        ),
        Diagnostic::warning(
            "outcomes/referral_pipeline.md",
            (1, 1),
            Kind::IdCollision {
                id: "outcomes/referral-pipeline".into(),
                other: outcome.into(),
            },
        ),
        Diagnostic::warning(daily, (5, 24), Kind::ValueWithoutOutcome),
        Diagnostic::warning(daily, (5, 48), Kind::ValueSeveralOutcomes { outcomes: 2 }),
        Diagnostic::warning(
            daily,
            (6, 21),
            Kind::UnknownCategory {
                name: "deep work".into(),
                known: vec!["coordination".into(), "execution".into()],
            },
        ),
        Diagnostic::warning(
            daily,
            (5, 38),
            Kind::NotANumber {
                key: "value".into(),
                found: "three".into(),
            },
        ),
        Diagnostic::warning(daily, (7, 12), Kind::NoDuration { key: "time".into() }),
        Diagnostic::warning(
            daily,
            (8, 20),
            Kind::InvalidSaves {
                problem: "`saves::` needs a duration per period, like `2h/week`".into(),
            },
        ),
        Diagnostic::warning(
            daily,
            (9, 3),
            Kind::InvalidClock {
                clock: "25:00".into(),
            },
        ),
        Diagnostic::warning(
            daily,
            (10, 12),
            Kind::LongDuration {
                hours: "30".into(),
                period: "day".into(),
            },
        ),
        Diagnostic::warning(daily, (10, 12), Kind::TooLarge),
        Diagnostic::warning(daily, (6, 1), Kind::LazyContinuation),
        Diagnostic::warning(
            daily,
            (7, 3),
            Kind::ClockOtherDay {
                started: date("2026-11-01"),
                note: date("2026-11-02"),
            },
        ),
        Diagnostic::warning(
            daily,
            (7, 3),
            Kind::LongClock {
                hours: "14.5".into(),
            },
        ),
        Diagnostic::warning(
            daily,
            (1, 1),
            Kind::DayOver24h {
                hours: "26.5".into(),
            },
        ),
        Diagnostic::warning(
            config,
            (2, 1),
            Kind::UnknownKey {
                key: "titel".into(),
                known: vec!["title"],
                suggestion: Some("title"),
            },
        ),
        Diagnostic::error(
            config,
            (3, 18),
            Kind::InvalidValue {
                key: "unlinked_factor".into(),
                problem: "`unlinked_factor` must be between 0 and 1, found 2".into(),
            },
        ),
        Diagnostic::warning(
            config,
            (5, 1),
            Kind::InconsistentConfig {
                problem: "the shares of `targets` add up to 0.90, not 1".into(),
            },
        ),
        Diagnostic::warning(
            config,
            (7, 8),
            Kind::UnknownCode {
                code: "unresolved-links".into(),
                suggestion: Some("unresolved-link"),
            },
        ),
        Diagnostic::error(
            config,
            (1, 1),
            Kind::MissingTemplates {
                folder: "my-templates".into(),
            },
        ),
        Diagnostic::error(
            "my-templates/day.html",
            (1, 1),
            Kind::TemplateError {
                detail: "unexpected `}}`".into(),
            },
        ),
        Diagnostic::error(
            "pages/dump.md",
            (1, 1),
            Kind::NoteTooLarge {
                size: 209_715_200,
                limit: 10_000_000,
            },
        ),
        Diagnostic::error(daily, (1, 1), Kind::NoteReplaced),
        Diagnostic::warning(
            daily,
            (1, 5),
            Kind::TagNormalised {
                written: "ad\u{200d}min".into(),
                tag: "admin".into(),
            },
        ),
        Diagnostic::error(
            "a.md",
            (1, 1),
            Kind::PageNameClash {
                page: "notes/a.html".into(),
                other: "notes/a.html/b.html".into(),
            },
        ),
    ];
    for example in &all {
        // No wildcard: a new variant needs an example above (see the doc comment).
        match *example.kind {
            Kind::Unreadable { .. }
            | Kind::NotUtf8
            | Kind::SymlinkLoop { .. }
            | Kind::SyncCopy { .. }
            | Kind::NoteTooLarge { .. }
            | Kind::NoteReplaced
            | Kind::TagNormalised { .. }
            | Kind::PageNameClash { .. }
            | Kind::InvalidYaml { .. }
            | Kind::NotAMapping { .. }
            | Kind::UnclosedFrontMatter
            | Kind::WrongType { .. }
            | Kind::UnknownStatus { .. }
            | Kind::InvalidCheckin { .. }
            | Kind::ImpossibleDate { .. }
            | Kind::DateMismatch { .. }
            | Kind::DuplicateDay { .. }
            | Kind::UndatedJournal
            | Kind::FutureDone { .. }
            | Kind::UnresolvedLink { .. }
            | Kind::AmbiguousLink { .. }
            | Kind::LinkOutsideVault { .. }
            | Kind::IdCollision { .. }
            | Kind::ValueWithoutOutcome
            | Kind::ValueSeveralOutcomes { .. }
            | Kind::UnknownCategory { .. }
            | Kind::NotANumber { .. }
            | Kind::NoDuration { .. }
            | Kind::InvalidSaves { .. }
            | Kind::InvalidClock { .. }
            | Kind::LongDuration { .. }
            | Kind::TooLarge
            | Kind::LazyContinuation
            | Kind::ClockOtherDay { .. }
            | Kind::LongClock { .. }
            | Kind::DayOver24h { .. }
            | Kind::UnknownKey { .. }
            | Kind::InvalidValue { .. }
            | Kind::InconsistentConfig { .. }
            | Kind::UnknownCode { .. }
            | Kind::MissingTemplates { .. }
            | Kind::TemplateError { .. } => {}
        }
    }
    all
}

/// Every code a diagnostic can have, sorted.
pub fn codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = examples().iter().map(Diagnostic::code).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
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

/// SPEC 9 (v2) `allow:`: takes the diagnostics whose code is allowed out of
/// every output, and counts them by code (the summary still says so).
pub fn silence(
    diagnostics: &mut Vec<Diagnostic>,
    allow: &[String],
    allowed: &mut std::collections::BTreeMap<&'static str, usize>,
) {
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

/// Text from a note made safe to print on a terminal, the way `check` shows it
/// (annotate-snippets draws control characters as their Unicode pictures):
/// ESC, BEL and the other C0 controls become `␛`, `␇`…, DEL `␡`, and the C1
/// controls (0x80–0x9F, which some terminals read as escapes) `�`. Line
/// feeds and tabs stay. Every command that prints a note's text or a file's
/// name goes through this, so no note can retitle the window or clear the screen.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// How diagnostics are printed on standard error.
pub struct Printer {
    renderer: Renderer,
}

impl Printer {
    /// Colour only on a terminal, and never with `NO_COLOR` set.
    pub fn for_stderr() -> Self {
        let colour = std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
        Printer {
            renderer: if colour {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
        }
    }

    /// A compiler-style report: the one-line form, the source line with a caret,
    /// and the hint. `source` is the whole file the diagnostic points into, when known.
    pub fn render(&self, diagnostic: &Diagnostic, source: Option<&str>) -> String {
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.no_name().primary_title(diagnostic.to_string());
        let group = match source.and_then(|text| source_line(text, diagnostic)) {
            Some((line_text, column)) => {
                let width = line_text[column..].chars().next().map_or(0, char::len_utf8);
                title.element(
                    Snippet::source(line_text)
                        .line_start(diagnostic.line as usize)
                        .annotation(AnnotationKind::Primary.span(column..column + width)),
                )
            }
            None => Group::with_title(title),
        };
        let mut report = vec![group];
        if let Some(hint) = diagnostic.hint() {
            report.push(Group::with_title(
                Level::HELP.with_name("hint").secondary_title(hint),
            ));
        }
        self.renderer.render(&report)
    }
}

/// The diagnostic's line, and the byte offset of its column in that line.
fn source_line<'t>(text: &'t str, diagnostic: &Diagnostic) -> Option<(&'t str, usize)> {
    let line = text
        .lines()
        .nth((diagnostic.line as usize).checked_sub(1)?)?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    // Very long lines (a minified blob, a 1 MB line of tags) are not worth echoing.
    if line.len() > 400 {
        return None;
    }
    let column = line
        .char_indices()
        .nth((diagnostic.column as usize).saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    Some((line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 15 item 8: a note's escapes are drawn, never sent to the terminal.
    #[test]
    fn item_8_printable_draws_control_characters() {
        assert_eq!(printable("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(
            printable("a\u{1b}]0;pwned\u{7}b\u{1b}[2J\u{7f}\u{9b}c"),
            "a\u{241b}]0;pwned\u{2407}b\u{241b}[2J\u{2421}\u{fffd}c"
        );
        assert!(!printable("\r\u{8}").chars().any(char::is_control));
    }

    #[test]
    fn positions_are_one_based_in_characters() {
        let index = LineIndex::new("ab\ncé d\n");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(3), (2, 1));
        // "d" comes after "cé " (4 bytes, 3 characters).
        assert_eq!(index.position(7), (2, 4));
        assert_eq!(index.position(999), (3, 1));
    }

    #[test]
    fn positions_in_any_order_agree_with_counting_from_the_line_start() {
        let text = "é1 é2 é3\nx é y\n";
        let index = LineIndex::new(text);
        let fresh = |offset| LineIndex::new(text).position(offset);
        for offset in [9, 3, 0, 12, 13, 6, 6, 15, 11, 4, 2, 16] {
            assert_eq!(index.position(offset), fresh(offset), "offset {offset}");
        }
        // Inside a character: column 1, and the next answer is still right.
        assert_eq!(index.position(1), (1, 1));
        assert_eq!(index.position(3), (1, 3));
    }

    #[test]
    fn many_positions_on_one_long_line_stay_linear() {
        let text = "é ".repeat(200_000);
        let index = LineIndex::new(&text);
        let mut last = 0;
        for offset in (0..text.len()).step_by(3) {
            let (line, column) = index.position(offset);
            assert_eq!(line, 1);
            assert!(column > last);
            last = column;
        }
        assert_eq!(last, 2 * 200_000 - 1);
    }

    /// SPEC 9 (v2) codes: every code, with an example and what to do, in the docs.
    #[test]
    fn docs_list_every_code() {
        let docs =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md"))
                .expect("docs/diagnostics.md");
        let mut missing = Vec::new();
        for example in examples() {
            let heading = format!("## `{}`", example.code());
            if !docs.contains(&heading) {
                missing.push(format!("a section `{heading}`"));
            }
            let line = example.to_string();
            if !docs.contains(&line) {
                missing.push(format!("the example line `{line}`"));
            }
        }
        assert!(
            missing.is_empty(),
            "add to docs/diagnostics.md:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn allow_takes_a_code_out_and_counts_it() {
        let mut diagnostics = examples();
        let total = diagnostics.len();
        let mut allowed = std::collections::BTreeMap::new();
        silence(
            &mut diagnostics,
            &["invalid-value".to_owned()],
            &mut allowed,
        );
        assert_eq!(allowed["invalid-value"], 4);
        assert_eq!(diagnostics.len(), total - 4);
        assert!(diagnostics.iter().all(|d| d.code() != "invalid-value"));
    }

    #[test]
    fn one_line_form_is_compiler_like() {
        let d = Diagnostic::error(
            "daily/a.md",
            (2, 7),
            Kind::ImpossibleDate {
                date: "2026-02-30".into(),
                in_file_name: false,
            },
        );
        assert_eq!(
            d.to_string(),
            "daily/a.md:2:7: error[impossible-date]: impossible date 2026-02-30"
        );
    }

    #[test]
    fn rendering_shows_source_line_caret_and_hint() {
        let d = Diagnostic::warning("a.md", (2, 3), Kind::NoDuration { key: "time".into() })
            .with_hint("map it in leverage.yaml");
        let out = Printer {
            renderer: Renderer::plain(),
        }
        .render(&d, Some("first\n- #x 2h\n"));
        assert!(
            out.contains("a.md:2:3: warning[invalid-field]: `time::` holds no duration"),
            "{out}"
        );
        assert!(out.contains("2 | - #x 2h"), "{out}");
        assert!(out.contains('^'), "{out}");
        assert!(out.contains("hint: map it in leverage.yaml"), "{out}");
    }
}

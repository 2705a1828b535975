//! One example of every kind of problem (`examples`), which the docs test and
//! `codes` read.

use jiff::civil::Date;

use super::{Diagnostic, Kind};

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

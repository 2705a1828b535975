//! One note: front-matter, date, kind (SPEC sections 1 to 3), and for daily
//! notes their activities.

use std::sync::Arc;

use jiff::civil::Date;

use super::activity::{self, Item, Link, Skipped};
use super::front_matter::{self, FrontMatter};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind, Severity};
use crate::scan::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Daily,
    Outcome,
    Page,
}

#[derive(Debug, Clone)]
pub struct Note {
    pub path: String,
    pub front: FrontMatter,
    pub date: Option<Date>,
    pub kind: Kind,
    /// Byte offset of the Markdown body in the source text.
    pub body: usize,
    /// Activities, for daily notes. Shared (like the other lists of a
    /// note's items), so that `watch`'s cache of parsed notes hands a build
    /// its notes without copying every item.
    pub items: Arc<[Item]>,
    /// SPEC 5 (v2): done items with `value::` that are no activity.
    pub checkins: Arc<[Item]>,
    /// List items of a daily note that are no activity, and why (for `explain`).
    pub skipped: Arc<[Skipped]>,
    /// Links written in list items' own text.
    pub links: Arc<[Link]>,
    /// SPEC 4 (v2): the name the file stands for ([`decoded_name`]).
    pub name: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Note {
    /// The file name without its extension.
    pub fn stem(&self) -> &str {
        stem(&self.path)
    }

    /// `title:` (or Logseq's `title::`), else the decoded file name.
    pub fn title(&self) -> &str {
        self.front.title.as_deref().unwrap_or(&self.name)
    }
}

/// SPEC 4 (v2): the name a file stands for: percent-decoded (`Moa%20Party`
/// is `Moa Party`, `BMC%2FGarden` is `BMC/Garden`), Logseq's namespace
/// separator `___` read as `/`, and in a Logseq graph the legacy dotted
/// `BMC.Garden` too.
pub fn decoded_name(stem: &str, logseq: bool) -> String {
    let name = super::link::percent_decode(&stem.replace("___", "/"));
    if logseq { name.replace('.', "/") } else { name }
}

/// The file name of a vault path, without `.md`.
pub fn stem(path: &str) -> &str {
    strip_md(path.rsplit('/').next().unwrap_or(path))
}

/// A path without its `.md` extension (any case), if it has one.
pub fn strip_md(path: &str) -> &str {
    path.len()
        .checked_sub(3)
        .filter(|&end| path.is_char_boundary(end) && path[end..].eq_ignore_ascii_case(".md"))
        .map_or(path, |end| &path[..end])
}

/// Parses one note. Never fails: problems are in `Note::diagnostics`.
pub fn note(source: &Source, config: &Config) -> Note {
    let path = source.path.as_str();
    let text = source.text.as_str();
    let mut diagnostics = Vec::new();
    let split = front_matter::split(text);
    if split.unclosed {
        diagnostics.push(Diagnostic::error(
            path,
            (1, 1),
            DiagnosticKind::UnclosedFrontMatter,
        ));
    }
    let outcome_dir = config.in_outcome_dir(path);
    // YAML front-matter, else Logseq's page properties.
    let block = split
        .yaml
        .map(|block| (block, true))
        .or_else(|| front_matter::properties(text, split.body).map(|block| (block, false)));
    let front = match block {
        Some(((start, end), yaml)) => {
            let first_line = text[..start].matches('\n').count() as u32 + 1;
            let read = if yaml {
                front_matter::read
            } else {
                front_matter::read_properties
            };
            let (front, problems) = read(path, &text[start..end], first_line, outcome_dir);
            diagnostics.extend(problems);
            front
        }
        None => FrontMatter::default(),
    };

    let outcome = front.is_outcome || outcome_dir;
    let (kind, date) = kind_and_date(path, &front, outcome, config, &mut diagnostics);
    let extracted = if kind == Kind::Daily {
        activity::extract(path, text, split.body, activity::Context { date, config })
    } else {
        activity::Extracted::default()
    };
    diagnostics.extend(extracted.diagnostics);
    let name = decoded_name(stem(path), config.is_logseq());
    Note {
        name,
        path: path.to_owned(),
        front,
        date,
        kind,
        body: split.body,
        items: extracted.items.into(),
        checkins: extracted.checkins.into(),
        skipped: extracted.skipped.into(),
        links: extracted.links.into(),
        diagnostics,
    }
}

/// SPEC 3 (v2): which notes are daily notes, and their date. `diagnostics`
/// holds the front-matter's problems: in a page they become warnings.
fn kind_and_date(
    path: &str,
    front: &FrontMatter,
    outcome: bool,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Kind, Option<Date>) {
    if outcome {
        return (Kind::Outcome, None);
    }
    let journal = in_journal_folder(path, config);
    let (named, whole, period) = match name(stem(path), config) {
        // A weekly, monthly… note is a page, even in a journal folder.
        Name::Period => (None, false, true),
        Name::Dated(date, rest) => (Some(date), rest.is_empty() || rest.starts_with(' '), false),
        Name::Undated => (None, false, false),
    };
    let dated_front = front.date.is_some() || front.date_invalid;
    let daily = !period && (whole || (journal && (named.is_some() || dated_front)));
    if !daily {
        // SPEC 9 (v2): a page only serves link resolution, so what is wrong
        // with its front-matter or its date changes no figure.
        for diagnostic in diagnostics.iter_mut() {
            diagnostic.severity = Severity::Warning;
        }
        if period {
            return (Kind::Page, None);
        }
        if journal {
            diagnostics.push(Diagnostic::warning(
                path,
                (1, 1),
                DiagnosticKind::UndatedJournal,
            ));
        }
        if let Some(Err(date)) = named {
            let mut warning = impossible_in_name(path, date);
            warning.severity = Severity::Warning;
            diagnostics.push(warning);
        }
        return (Kind::Page, None);
    }
    let date = match (front.date, named) {
        (Some(own), Some(Ok(named))) => {
            if own != named {
                diagnostics.push(Diagnostic::warning(
                    path,
                    (front.date_line, 1),
                    DiagnosticKind::DateMismatch { front: own, named },
                ));
            }
            Some(own)
        }
        (own, Some(Err(date))) => {
            diagnostics.push(impossible_in_name(path, date));
            own
        }
        (own, Some(Ok(named))) => own.or(Some(named)),
        (own, None) => own,
    };
    // An impossible date with no other source: the note is a page.
    (
        if date.is_some() {
            Kind::Daily
        } else {
            Kind::Page
        },
        date,
    )
}

/// Whether a note's path alone makes it a daily note (SPEC 3 (v2)) or an
/// outcome note (its folder), before its text is read: for the severity of a
/// note that cannot be read (SPEC 1 `not-utf8`).
pub fn daily_or_outcome_by_path(path: &str, config: &Config) -> bool {
    if config.in_outcome_dir(path) {
        return true;
    }
    match name(stem(path), config) {
        Name::Dated(_, rest) => {
            rest.is_empty() || rest.starts_with(' ') || in_journal_folder(path, config)
        }
        Name::Period | Name::Undated => false,
    }
}

fn impossible_in_name(path: &str, date: String) -> Diagnostic {
    Diagnostic::error(
        path,
        (1, 1),
        DiagnosticKind::ImpossibleDate {
            date,
            in_file_name: true,
        },
    )
}

/// SPEC 3 (v2): a journal folder is the config's `daily_folder`, or any
/// folder named like one, at any depth, in any case.
pub fn in_journal_folder(path: &str, config: &Config) -> bool {
    const NAMES: [&str; 6] = [
        "journals",
        "journal",
        "daily",
        "dailies",
        "daily notes",
        "diary",
    ];
    let Some((folder, _)) = path.rsplit_once('/') else {
        return false;
    };
    let own = config.daily_folder.trim_matches('/');
    let under_own = !own.is_empty()
        && folder.len() >= own.len()
        && folder.is_char_boundary(own.len())
        && folder[..own.len()].eq_ignore_ascii_case(own)
        && matches!(folder.as_bytes().get(own.len()), None | Some(b'/'));
    under_own
        || folder
            .split('/')
            .any(|part| NAMES.iter().any(|name| part.eq_ignore_ascii_case(name)))
}

/// What a file name says about its note.
#[derive(Debug, PartialEq, Eq)]
enum Name<'a> {
    /// A period: `2026-W45`, `2026-11`, `2026-Q4`, `2026`, or a date whose
    /// first word after it is a period word (`2026-10-04 Weekly review`).
    Period,
    /// A name date, and what follows it in the name.
    Dated(Result<Date, String>, &'a str),
    Undated,
}

/// The period words of SPEC 3 (v2): a date followed by one of them names a
/// weekly, monthly… note, not a day.
const PERIOD_WORDS: [&str; 10] = [
    "week",
    "weekly",
    "wk",
    "month",
    "monthly",
    "quarter",
    "quarterly",
    "year",
    "yearly",
    "review",
];

fn name<'a>(stem: &'a str, config: &Config) -> Name<'a> {
    if let Some((date, rest)) = name_date(stem, config) {
        let word = rest
            .strip_prefix([' ', '-', '_'])
            .map(|after| {
                let end = after
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(after.len());
                after[..end].to_lowercase()
            })
            .unwrap_or_default();
        if PERIOD_WORDS.contains(&word.as_str()) {
            return Name::Period;
        }
        return Name::Dated(date, rest);
    }
    if is_period_id(stem) {
        Name::Period
    } else {
        Name::Undated
    }
}

/// `2026`, `2026-W45`, `2026-11`, `2026-Q4` (also `2026-F23`), alone or
/// followed by a space and more.
fn is_period_id(stem: &str) -> bool {
    let bytes = stem.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    if !(0..4).all(digit) {
        return false;
    }
    let end = match (bytes.get(4), bytes.get(5)) {
        (None | Some(b' '), _) => 4,
        (Some(b'-'), Some(b'W' | b'w' | b'F' | b'f')) if digit(6) && digit(7) => 8,
        (Some(b'-'), Some(b'Q' | b'q')) if matches!(bytes.get(6), Some(b'1'..=b'4')) => 7,
        (Some(b'-'), Some(_)) if digit(5) && digit(6) => 7,
        _ => return false,
    };
    matches!(bytes.get(end), None | Some(b' '))
}

/// SPEC 3 (v2): the name date, a date at the start of a file name in one of
/// the formats `YYYY-MM-DD`, `YYYY_MM_DD`, `YYYY.MM.DD`, `YYYYMMDD`, the
/// config's `daily_format` (its last path segment) or Logseq's
/// `:journal/file-name-format`; and the rest of the name after it.
pub fn name_date<'a>(stem: &'a str, config: &Config) -> Option<(Result<Date, String>, &'a str)> {
    let own = config.daily_format.rsplit('/').next();
    let logseq = config
        .logseq
        .as_ref()
        .and_then(|graph| graph.journal_format.as_deref());
    ["YYYY-MM-DD", "YYYY_MM_DD", "YYYY.MM.DD", "YYYYMMDD"]
        .into_iter()
        .chain(own)
        .chain(logseq)
        .find_map(|format| match_format(format, stem))
}

/// `stem` starts with `format` (`YYYY`, `MM`, `DD` stand for digits, every
/// other character for itself), not followed by another digit.
fn match_format<'a>(format: &str, stem: &'a str) -> Option<(Result<Date, String>, &'a str)> {
    let (mut year, mut month, mut day) = (None, None, None);
    let mut rest_format = format;
    let mut at = 0;
    while !rest_format.is_empty() {
        let field = [
            ("YYYY", 4, &mut year),
            ("MM", 2, &mut month),
            ("DD", 2, &mut day),
        ]
        .into_iter()
        .find(|(token, _, _)| rest_format.starts_with(token));
        if let Some((token, width, slot)) = field {
            let digits = stem.get(at..at + width)?;
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            *slot = Some(digits);
            at += width;
            rest_format = &rest_format[token.len()..];
        } else {
            let c = rest_format.chars().next()?;
            if !stem[at..].starts_with(c) {
                return None;
            }
            at += c.len_utf8();
            rest_format = &rest_format[c.len_utf8()..];
        }
    }
    let rest = &stem[at..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((front_matter::civil_date(year?, month?, day?), rest))
}

/// SPEC 3: a date at the start of a file name in one of the fixed formats,
/// followed by the end or a non-digit. `None` when the name does not start
/// with one; an error for an impossible date.
pub fn date_from_file_name(stem: &str) -> Option<Result<Date, String>> {
    name_date(stem, &Config::default()).map(|(date, _)| date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn parse(path: &str, text: &str) -> Note {
        note(
            &Source {
                path: path.into(),
                text: text.into(),
            },
            &Config::default(),
        )
    }

    #[test]
    fn file_name_dates_in_every_form() {
        for name in [
            "2026-11-02",
            "2026_11_02",
            "2026.11.02",
            "20261102",
            "2026-11-02 Monday",
            "20261102-notes",
        ] {
            assert_eq!(
                date_from_file_name(name),
                Some(Ok(date(2026, 11, 2))),
                "{name}"
            );
        }
        for name in [
            "2026-W45",
            "2026-11",
            "2026-11-023",
            "202611021",
            "notes 2026-11-02",
            "2026-11_02",
        ] {
            assert_eq!(date_from_file_name(name), None, "{name}");
        }
        assert!(matches!(date_from_file_name("2026-02-30"), Some(Err(_))));
    }

    #[test]
    fn kinds() {
        assert_eq!(parse("daily/2026-11-02.md", "").kind, Kind::Daily);
        assert_eq!(parse("outcomes/Revenue.md", "").kind, Kind::Outcome);
        assert_eq!(
            parse("x/2026-11-02.md", "---\ntype: outcome\n---\n").kind,
            Kind::Outcome
        );
        assert_eq!(parse("Reading list.md", "- #email 1h\n").kind, Kind::Page);
        // SPEC 3 (v2): a page's `date:` means "created", not a day.
        assert_eq!(
            parse("undated.md", "---\ndate: 2026-11-02\n---\n").kind,
            Kind::Page
        );
        assert_eq!(
            parse("Journal/undated.md", "---\ndate: 2026-11-02\n---\n").date,
            Some(date(2026, 11, 2))
        );
    }

    fn kind_of(path: &str, config: &Config) -> (Kind, Option<Date>, Vec<String>) {
        let note = note(
            &Source {
                path: path.into(),
                text: String::new(),
            },
            config,
        );
        let codes = note
            .diagnostics
            .iter()
            .map(|d| d.code().to_owned())
            .collect();
        (note.kind, note.date, codes)
    }

    #[test]
    fn which_notes_are_daily_notes() {
        // SPEC 3 (v2) which notes are daily notes.
        let config = Config::default();
        let day = Some(date(2026, 11, 2));
        for path in [
            "2026-11-02.md",
            "notes/2026-11-02.md",
            "2026_11_02.md",
            "2026.11.02.md",
            "20261102.md",
            "2026-11-02 Monday.md",
            // A journal folder, at any depth, in any case; a name date then suffices.
            "journals/2026_11_02.md",
            "Work/Daily Notes/2026-11-02-standup.md",
            "DIARY/2026/20261102_wk2.md",
            "dailies/2026-11-02_notes.md",
            "journal/2026-11-02.monday.md",
        ] {
            assert_eq!(kind_of(path, &config), (Kind::Daily, day, vec![]), "{path}");
        }
        assert_eq!(
            kind_of("notes/2026-11-07 Weekend in Rome.md", &config).0,
            Kind::Daily
        );
        // Dated names elsewhere, and period notes anywhere, are pages, silently.
        for path in [
            "posts/2015-05-04-some-title.md",
            "2023-06-25-weekly.md",
            "20211206_wk.md",
            "2026-11-02.backup.md",
            "daily/2026-W45.md",
            "journals/2026-11.md",
            "Daily/2026-Q4.md",
            "diary/2026.md",
            "daily/2026-10-04 Weekly review.md",
            "daily/2026-10-04_Monthly.md",
            "daily/2026-F23.md",
            "Reading list.md",
        ] {
            assert_eq!(kind_of(path, &config), (Kind::Page, None, vec![]), "{path}");
        }
        // Any other file in a journal folder without a date: a warning.
        assert_eq!(
            kind_of("journals/Ideas.md", &config),
            (Kind::Page, None, vec!["undated-journal".to_owned()])
        );
    }

    #[test]
    fn the_configs_daily_folder_and_format_and_logseqs_file_name_format() {
        // SPEC 3 (v2): `daily_folder`, `daily_format` and Logseq's
        // `:journal/file-name-format` name daily notes too.
        let (mut config, _) =
            Config::parse("daily_folder: Log/Days\ndaily_format: YYYY/MM/DD.MM.YYYY\n");
        assert_eq!(
            kind_of("Log/Days/2026/11/02.11.2026.md", &config).1,
            Some(date(2026, 11, 2))
        );
        assert_eq!(kind_of("Log/Days/notes.md", &config).2, ["undated-journal"]);
        assert_eq!(
            kind_of("Log/Dayz/notes.md", &config).2,
            Vec::<String>::new()
        );
        assert_eq!(kind_of("elsewhere/02.11.2026.md", &config).0, Kind::Daily);
        config.logseq = Some(crate::logseq::Logseq::from_edn(
            "{:journal/file-name-format \"dd-MM-yyyy\"}",
        ));
        assert_eq!(
            kind_of("journals/02-11-2026.md", &config).1,
            Some(date(2026, 11, 2))
        );
        assert_eq!(
            kind_of("journals/02-11-2026.md", &Config::default()).0,
            Kind::Page
        );
    }

    #[test]
    fn broken_front_matter_in_a_page_is_a_warning() {
        // SPEC 9 (v2) severity follows impact.
        for text in [
            "---\ndate: [oops\n---\n",
            "---\ntitle: x\n",
            "---\ndate: 2026-02-30\n---\n",
            "---\n\nA page that opens with a rule.\n\n---\nMore.\n",
        ] {
            let page = parse("Reading list.md", text);
            assert_eq!(page.kind, Kind::Page);
            assert!(!page.diagnostics.is_empty(), "{text:?}");
            assert!(page.diagnostics.iter().all(|d| !d.is_error()), "{text:?}");
            let day = parse("daily/2026-11-02.md", text);
            assert!(day.diagnostics.iter().any(Diagnostic::is_error), "{text:?}");
        }
        let page = parse("notes/2026-02-30-essay.md", "");
        assert_eq!(
            page.diagnostics[0].to_string(),
            "notes/2026-02-30-essay.md:1:1: warning[impossible-date]: impossible date 2026-02-30 in the file name"
        );
    }

    #[test]
    fn list_items_of_pages_and_outcomes_are_not_activities() {
        assert!(parse("outcomes/a.md", "- #email 1h\n").items.is_empty());
        assert_eq!(parse("daily/2026-11-02.md", "- #email 1h\n").items.len(), 1);
    }

    #[test]
    fn front_matter_date_wins_with_a_warning() {
        let note = parse("daily/2026-11-02.md", "---\ndate: 2026-11-03\n---\n");
        assert_eq!(note.date, Some(date(2026, 11, 3)));
        assert_eq!(
            note.diagnostics[0].to_string(),
            "daily/2026-11-02.md:2:1: warning[date-mismatch]: front-matter date 2026-11-03 differs from the file name's 2026-11-02"
        );
    }

    #[test]
    fn impossible_file_name_date_makes_a_page() {
        let note = parse("daily/2026-02-30.md", "- #email 1h\n");
        assert_eq!(note.kind, Kind::Page);
        assert_eq!(
            note.diagnostics[0].to_string(),
            "daily/2026-02-30.md:1:1: error[impossible-date]: impossible date 2026-02-30 in the file name"
        );
    }

    #[test]
    fn broken_front_matter_still_reads_the_body() {
        let note = parse(
            "daily/2026-11-02.md",
            "---\ndate: [oops\n---\n- #email 1h\n",
        );
        assert_eq!(note.date, Some(date(2026, 11, 2)));
        assert_eq!(note.items.len(), 1);
        assert!(note.diagnostics[0].is_error());
        let unclosed = parse("daily/2026-11-02.md", "---\ntitle: x\n- #email 1h\n");
        assert_eq!(unclosed.items.len(), 1);
        assert_eq!(
            unclosed.diagnostics[0].message(),
            "front-matter opened with `---` is never closed"
        );
    }

    #[test]
    fn bom_and_crlf_parse_like_the_plain_form() {
        let plain = parse(
            "daily/2026-11-02.md",
            "---\ntags: [a]\n---\n- #email 1h [[X]]\n  - #call 30m\n",
        );
        let odd = parse(
            "daily/2026-11-02.md",
            "\u{feff}---\r\ntags: [a]\r\n---\r\n- #email 1h [[X]]\r\n  - #call 30m\r\n",
        );
        assert_eq!(plain.front, odd.front);
        assert_eq!(plain.items, odd.items);
        assert!(odd.diagnostics.is_empty());
    }

    #[test]
    fn logseq_page_properties_are_read_when_there_is_no_yaml() {
        let page = parse(
            "pages/Acme Retainer.md",
            "type:: outcome\nalias:: Acme\ntarget:: 4000\n\n- DONE 1h #client\n",
        );
        assert_eq!(page.kind, Kind::Outcome);
        assert_eq!(page.front.aliases, ["Acme"]);
        assert_eq!(page.front.target, Some(4000.0));
        assert!(page.diagnostics.is_empty(), "{:?}", page.diagnostics);
        let yaml = parse("pages/X.md", "---\ntitle: X\n---\ntype:: outcome\n");
        assert_eq!((yaml.kind, yaml.title()), (Kind::Page, "X"));
        // A journal whose first block is an activity keeps it.
        let journal = parse("journals/2026_11_04.md", "- time:: 20m\n- alias:: y\n");
        assert_eq!(journal.kind, Kind::Daily);
        assert_eq!(journal.items.len(), 1);
    }

    #[test]
    fn an_unfilled_template_is_a_page_without_diagnostics() {
        let template = parse(
            "Templates/Daily.md",
            "---\ndate: {{date:YYYY-MM-DD}}\ntags: [daily]\n---\n# {{date}}\n- {{time}} #log 1h\n",
        );
        assert_eq!(template.kind, Kind::Page);
        assert!(
            template.diagnostics.is_empty(),
            "{:?}",
            template.diagnostics
        );
        assert!(template.items.is_empty());
    }

    #[test]
    fn stems() {
        assert_eq!(stem("a/b/Referral Pipeline.md"), "Referral Pipeline");
        assert_eq!(stem("X.MD"), "X");
        assert_eq!(stem("é"), "é");
    }

    #[test]
    fn decoded_names_of_files() {
        // SPEC 4 (v2): percent-decoding and Logseq's namespace encodings.
        assert_eq!(decoded_name("Moa%20Party", false), "Moa Party");
        assert_eq!(decoded_name("BMC%2FGarden", false), "BMC/Garden");
        assert_eq!(decoded_name("Client___Acme", false), "Client/Acme");
        assert_eq!(decoded_name("BMC.Garden", false), "BMC.Garden");
        assert_eq!(decoded_name("BMC.Garden", true), "BMC/Garden");
        assert_eq!(decoded_name("100%", false), "100%");
        let page = parse("pages/Runbooks___Pager Rotation.md", "");
        assert_eq!(page.title(), "Runbooks/Pager Rotation");
        let titled = parse("pages/Runbooks___Pager.md", "title:: On call\n");
        assert_eq!(titled.title(), "On call");
    }

    #[test]
    fn which_paths_alone_make_a_daily_or_outcome_note() {
        // SPEC 1: `not-utf8` is an error only for those.
        let config = Config::default();
        for path in [
            "daily/2026-11-02.md",
            "2026-11-02 Monday.md",
            "outcomes/Goal.md",
            "journals/2026_11_02_x.md",
        ] {
            assert!(daily_or_outcome_by_path(path, &config), "{path}");
        }
        for path in [
            "notes/Ideas.md",
            "posts/2015-05-04-title.md",
            "daily/2026-W45.md",
        ] {
            assert!(!daily_or_outcome_by_path(path, &config), "{path}");
        }
    }
}

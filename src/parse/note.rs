//! One note: front-matter, date, kind (SPEC sections 1 to 3), and for daily
//! notes their activities.

use jiff::civil::Date;

use super::activity::{self, Item, Link};
use super::front_matter::{self, FrontMatter};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind};
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
    /// Activities, for daily notes.
    pub items: Vec<Item>,
    /// Links written in activities' own text.
    pub links: Vec<Link>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Note {
    /// The file name without its extension.
    pub fn stem(&self) -> &str {
        stem(&self.path)
    }

    /// `title:` or the file name.
    pub fn title(&self) -> &str {
        self.front.title.as_deref().unwrap_or_else(|| self.stem())
    }
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

    let named = date_from_file_name(stem(path));
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
        (Some(own), _) => Some(own),
        (None, Some(Ok(named))) => Some(named),
        (None, Some(Err(date))) => {
            diagnostics.push(Diagnostic::error(
                path,
                (1, 1),
                DiagnosticKind::ImpossibleDate {
                    date,
                    in_file_name: true,
                },
            ));
            None
        }
        (None, None) => None,
    };

    let kind = if front.is_outcome || outcome_dir {
        Kind::Outcome
    } else if date.is_some() {
        Kind::Daily
    } else {
        Kind::Page
    };
    let extracted = if kind == Kind::Daily {
        activity::extract(path, text, split.body)
    } else {
        activity::Extracted::default()
    };
    diagnostics.extend(extracted.diagnostics);
    Note {
        path: path.to_owned(),
        front,
        date,
        kind,
        body: split.body,
        items: extracted.items,
        links: extracted.links,
        diagnostics,
    }
}

/// SPEC 3: a date at the start of a file name, `YYYY-MM-DD`, `YYYY_MM_DD`,
/// `YYYY.MM.DD` or `YYYYMMDD`, followed by the end or a non-digit.
/// `None` when the name does not start with one; an error for an impossible date.
pub fn date_from_file_name(stem: &str) -> Option<Result<Date, String>> {
    let bytes = stem.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let ends_at = |end: usize| bytes.get(end).is_none_or(|b| !b.is_ascii_digit());
    let separated = digits(0..4)
        && matches!(bytes.get(4), Some(b'-' | b'_' | b'.'))
        && bytes.get(7) == bytes.get(4)
        && digits(5..7)
        && digits(8..10)
        && ends_at(10);
    if separated {
        return Some(front_matter::civil_date(
            &stem[..4],
            &stem[5..7],
            &stem[8..10],
        ));
    }
    if digits(0..8) && ends_at(8) {
        return Some(front_matter::civil_date(
            &stem[..4],
            &stem[4..6],
            &stem[6..8],
        ));
    }
    None
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
        assert_eq!(
            parse("undated.md", "---\ndate: 2026-11-02\n---\n").kind,
            Kind::Daily
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
}

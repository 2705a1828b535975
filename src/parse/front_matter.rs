//! A note's YAML front-matter (SPEC section 2): split it off the body, and
//! read the keys the tool knows with their types checked. A broken block is a
//! diagnostic; the note is still read with what could be recovered.

use std::borrow::Cow;

use jiff::civil::Date;
use serde::Serialize;
use yaml_serde::{Mapping, Value};

use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind};
use crate::yaml;

mod reader;

use reader::Reader;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeStatus {
    #[default]
    Active,
    Achieved,
    Dropped,
}

/// SPEC 5 (v2): whether more (`up`) or less (`down`) of the metric is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

/// A dated metric value from an outcome's `checkins:` list.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinEntry {
    pub date: Date,
    pub value: f64,
    pub note: Option<String>,
    pub line: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub date: Option<Date>,
    /// The line of `date:`, for the warning when it disagrees with the file name.
    pub date_line: u32,
    /// `date:` holds something that is no date (an impossible one, a list):
    /// in a journal folder the note was still meant as a daily note.
    pub date_invalid: bool,
    /// `type: outcome`.
    pub is_outcome: bool,
    pub tags: Vec<String>,
    pub title: Option<String>,
    pub aliases: Vec<String>,
    pub status: OutcomeStatus,
    pub metric: Option<String>,
    pub unit: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub due: Option<Date>,
    /// `direction:`, when given; else it follows from target and baseline.
    pub direction: Option<Direction>,
    pub checkins: Vec<CheckinEntry>,
}

/// Where the YAML block and the body are in a note's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text between the fences, if the note has a closed block.
    pub yaml: Option<(usize, usize)>,
    /// Where the Markdown body starts.
    pub body: usize,
    /// The block opened with `---` but never closed.
    pub unclosed: bool,
}

/// SPEC 2: YAML between a first line `---` and the next line that is `---`
/// or `...`; a byte-order mark and CRLF line ends are tolerated.
pub fn split(text: &str) -> Split {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let plain = Split {
        yaml: None,
        body: start,
        unclosed: false,
    };
    let mut lines = lines_with_offsets(&text[start..]).map(|(offset, line)| (offset + start, line));
    if lines
        .next()
        .is_none_or(|(_, first)| fence(first) != Some(b'-'))
    {
        return plain;
    }
    let yaml_start = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    for (offset, line) in lines {
        if fence(line).is_some() {
            let body = text[offset..]
                .find('\n')
                .map_or(text.len(), |i| offset + i + 1);
            return Split {
                yaml: Some((yaml_start, offset)),
                body,
                unclosed: false,
            };
        }
    }
    Split {
        unclosed: true,
        ..plain
    }
}

/// `---` gives `-`, `...` gives `.`; trailing whitespace is allowed.
fn fence(line: &str) -> Option<u8> {
    match line.trim_end() {
        "---" => Some(b'-'),
        "..." => Some(b'.'),
        _ => None,
    }
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let at = offset;
        offset += line.len();
        (at, line)
    })
}

/// Reads the front-matter of `text` (whose block starts on line `first_line`).
/// The outcome keys (`status`, `metric`, …) are read only in an outcome note,
/// one with `type: outcome` or, when `outcome_dir`, any: elsewhere they are
/// anyone's keys (SPEC 2), like Obsidian's common `status: draft`.
///
/// A value holding an unfilled template placeholder (`{{date}}` of Obsidian's
/// templates, `<% tp.date.now() %>` of Templater) is read as empty, without a
/// diagnostic: a template is a page, not a broken note.
pub fn read(
    path: &str,
    yaml_text: &str,
    first_line: u32,
    outcome_dir: bool,
) -> (FrontMatter, Vec<Diagnostic>) {
    let yaml_text = &blank_placeholders(yaml_text);
    let mut reader = Reader {
        path,
        text: yaml_text,
        first_line,
        outcome_dir,
        diagnostics: Vec::new(),
    };
    let front = match yaml::parse(yaml_text) {
        Ok(Value::Mapping(map)) => reader.front_matter(&map),
        Ok(Value::Null) => FrontMatter::default(),
        Ok(other) => {
            reader.diagnostics.push(Diagnostic::error(
                path,
                (first_line, 1),
                DiagnosticKind::NotAMapping {
                    found: yaml::type_name(&other),
                    config: false,
                },
            ));
            FrontMatter::default()
        }
        Err(error) => {
            reader.diagnostics.push(Diagnostic::error(
                path,
                (first_line + error.line - 1, error.column),
                DiagnosticKind::InvalidYaml {
                    detail: error.message,
                    config: false,
                },
            ));
            FrontMatter::default()
        }
    };
    (front, reader.diagnostics)
}

/// `text` with every value that holds a template placeholder replaced by
/// spaces, so that lines and columns stay where they were.
fn blank_placeholders(text: &str) -> Cow<'_, str> {
    if !text.lines().any(has_placeholder) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let value_start = if has_placeholder(content) {
            let indent = content.len() - content.trim_start().len();
            if content[indent..].starts_with("- ") {
                Some(indent + 2)
            } else {
                content.find(": ").map(|colon| colon + 2)
            }
        } else {
            None
        };
        match value_start {
            Some(start) => {
                out.push_str(&content[..start]);
                out.extend(std::iter::repeat_n(' ', content[start..].chars().count()));
                out.push_str(&line[content.len()..]);
            }
            None => out.push_str(line),
        }
    }
    Cow::Owned(out)
}

/// What Obsidian's property editor makes of an unquoted `{{date}}`: YAML
/// reads it as a mapping, saved back as a key `"{ date }"` (or the text
/// `{ date }`).
fn mangled_placeholder(value: &Value) -> bool {
    let braced = |text: &str| {
        let text = text.trim();
        text.len() > 2 && text.starts_with('{') && text.ends_with('}')
    };
    match value {
        Value::String(text) => braced(text),
        Value::Mapping(map) => {
            !map.is_empty()
                && map.iter().all(|(key, value)| {
                    key.as_str().is_some_and(braced)
                        || matches!(key, Value::Mapping(_)) && value.is_null()
                })
        }
        _ => false,
    }
}

/// `{{…}}` or `<%…%>`.
fn has_placeholder(text: &str) -> bool {
    [("{{", "}}"), ("<%", "%>")].iter().any(|(open, close)| {
        text.find(open)
            .is_some_and(|at| text[at + open.len()..].contains(close))
    })
}

/// The keys read from Logseq page properties, and the front-matter key each
/// stands for. Not `date` (a Logseq page's `date::` is usually a link to a
/// journal, and journals are dated by their file name) nor `checkins`.
const PROPERTIES: [(&str, &str); 12] = [
    ("title", "title"),
    ("alias", "aliases"),
    ("aliases", "aliases"),
    ("tags", "tags"),
    ("type", "type"),
    ("status", "status"),
    ("metric", "metric"),
    ("unit", "unit"),
    ("baseline", "baseline"),
    ("target", "target"),
    ("due", "due"),
    ("direction", "direction"),
];

/// Logseq page properties: the `key:: value` lines that open a note (its
/// first block, written with or without `- `), where Logseq keeps what
/// Obsidian keeps in YAML. The byte range of those lines in `text`, from `start`.
pub fn properties(text: &str, start: usize) -> Option<(usize, usize)> {
    let mut end = start;
    for (offset, line) in lines_with_offsets(&text[start..]) {
        let content = line.trim();
        let content = if offset == 0 {
            content.strip_prefix("- ").unwrap_or(content)
        } else {
            content
        };
        if property(content).is_none() {
            break;
        }
        end = start + offset + line.len();
    }
    (end > start).then_some((start, end))
}

/// `key:: value` gives the key, lower-cased, and the value, trimmed.
fn property(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once("::")?;
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'));
    (is_key && (value.is_empty() || value.starts_with([' ', '\t'])))
        .then(|| (key.to_lowercase(), value.trim()))
}

/// Reads Logseq page properties (the lines `properties` found, starting on
/// line `first_line`) like front-matter (see [`read`]): the keys of
/// `PROPERTIES`, their values as text. `alias::` and `tags::` are lists separated by commas, where
/// `[[Page]]` is a name and a leading `#` is dropped.
pub fn read_properties(
    path: &str,
    text: &str,
    first_line: u32,
    outcome_dir: bool,
) -> (FrontMatter, Vec<Diagnostic>) {
    let mut map = Mapping::new();
    // The same lines as `key:  value`, so diagnostics find each value's column.
    let mut located = String::with_capacity(text.len());
    for line in text.lines() {
        located.push_str(&line.replacen("::", ": ", 1));
        located.push('\n');
        let content = line.trim();
        let content = content.strip_prefix("- ").unwrap_or(content);
        let Some((key, value)) = property(content) else {
            continue;
        };
        let Some(&(_, key)) = PROPERTIES.iter().find(|(name, _)| *name == key) else {
            continue;
        };
        let value = if matches!(key, "aliases" | "tags") {
            Value::Sequence(
                value
                    .split(',')
                    .map(|name| Value::String(name.trim().replace("[[", "").replace("]]", "")))
                    .collect(),
            )
        } else {
            Value::String(value.to_owned())
        };
        map.insert(Value::String(key.to_owned()), value);
    }
    let mut reader = Reader {
        path,
        text: &located,
        first_line,
        outcome_dir,
        diagnostics: Vec::new(),
    };
    let front = reader.front_matter(&map);
    (front, reader.diagnostics)
}

/// SPEC 3: `YYYY-MM-DD`, and a timestamp keeps its date part.
/// `None` when the text is not shaped like a date at all.
pub fn date_value(text: &str) -> Option<Result<Date, String>> {
    let text = text.trim();
    let head = text.get(..10)?;
    let rest = &text[10..];
    let bytes = head.as_bytes();
    let shaped = bytes[4] == b'-'
        && bytes[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| bytes[i].is_ascii_digit());
    if !shaped || !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    Some(civil_date(&head[..4], &head[5..7], &head[8..]))
}

/// A date from its digit fields, or the impossible date as written.
pub fn civil_date(year: &str, month: &str, day: &str) -> Result<Date, String> {
    let number = |digits: &str| digits.parse::<i16>().unwrap_or(0);
    let (y, m, d) = (number(year), number(month), number(day));
    i8::try_from(m)
        .ok()
        .zip(i8::try_from(d).ok())
        .and_then(|(m, d)| Date::new(y, m, d).ok())
        .ok_or_else(|| format!("{year}-{month}-{day}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn splits_front_matter_from_body() {
        let text = "---\ndate: 2026-11-02\n---\n# Day\n";
        let split = split(text);
        assert_eq!(
            split.yaml.map(|(a, b)| &text[a..b]),
            Some("date: 2026-11-02\n")
        );
        assert_eq!(&text[split.body..], "# Day\n");
    }

    #[test]
    fn dots_close_the_block_and_bom_and_crlf_parse_alike() {
        let text = "\u{feff}---\r\ntitle: x\r\n...\r\nbody";
        let split = split(text);
        assert_eq!(split.yaml.map(|(a, b)| &text[a..b]), Some("title: x\r\n"));
        assert_eq!(&text[split.body..], "body");
    }

    #[test]
    fn no_front_matter_and_unclosed_block() {
        assert_eq!(split("# x\n---\n").yaml, None);
        let unclosed = split("---\ndate: 2026-11-02\n# body\n");
        assert!(unclosed.unclosed);
        assert_eq!(unclosed.body, 0);
        assert!(split("---").unclosed);
        assert!(!split("").unclosed);
    }

    #[test]
    fn reads_known_keys() {
        let yaml = "date: 2026-11-02\ntype: outcome\ntags: [a, '#b']\naliases: Referrals, Intros\ntitle: T\nstatus: achieved\nbaseline: 1\ntarget: '5'\ndue: 2026-12-31T00:00:00\nother: kept\n";
        let (front, diagnostics) = read("o.md", yaml, 2, true);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(front.date, Some(date(2026, 11, 2)));
        assert!(front.is_outcome);
        assert_eq!(front.tags, ["a", "b"]);
        assert_eq!(front.aliases, ["Referrals", "Intros"]);
        assert_eq!(front.status, OutcomeStatus::Achieved);
        assert_eq!((front.baseline, front.target), (Some(1.0), Some(5.0)));
        assert_eq!(front.due, Some(date(2026, 12, 31)));
    }

    #[test]
    fn type_that_is_not_text_is_a_problem() {
        let (front, diagnostics) = read("n.md", "title: x\ntype: {kind: outcome}\n", 2, false);
        assert!(!front.is_outcome);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (3, 7));
        let (front, diagnostics) = read("n.md", "type: daily\n", 2, false);
        assert!(!front.is_outcome);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (front, _) = read("n.md", "type: Outcome\n", 2, false);
        assert!(front.is_outcome);
    }

    #[test]
    fn alias_is_read_like_aliases() {
        let (front, _) = read("n.md", "alias: [Priya, P. Shah]\n", 2, false);
        assert_eq!(front.aliases, ["Priya", "P. Shah"]);
    }

    #[test]
    fn tags_as_a_string_split_on_commas_and_spaces() {
        let (front, _) = read("n.md", "tags: \"#work, deep focus\"\n", 2, true);
        assert_eq!(front.tags, ["work", "deep", "focus"]);
    }

    #[test]
    fn invalid_yaml_is_reported_at_the_line_in_the_file() {
        let (front, diagnostics) = read("n.md", "date: 2026-11-02\ntags: [a\n", 2, true);
        assert_eq!(front, FrontMatter::default());
        assert!(diagnostics[0].line >= 3, "{:?}", diagnostics[0]);
        assert!(diagnostics[0].is_error());
    }

    #[test]
    fn wrong_types_are_located_and_the_rest_is_read() {
        let yaml = "title: ok\nbaseline: lots\ndate: [1]\ncheckins:\n  - {date: 2026-11-02, value: 3}\n  - {date: nope, value: 1}\n";
        let (front, diagnostics) = read("o.md", yaml, 2, true);
        assert_eq!(front.title.as_deref(), Some("ok"));
        let found: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "o.md:3:11: error[invalid-value]: `baseline` must be a number, found `lots`",
                "o.md:4:7: error[invalid-value]: `date` must be a date YYYY-MM-DD, found a list",
                "o.md:7:1: error[invalid-value]: check-in 2 needs a `date` (YYYY-MM-DD) and a numeric `value`",
            ]
        );
        assert_eq!(front.checkins.len(), 1);
        assert_eq!(front.checkins[0].line, 6);
    }

    #[test]
    fn template_placeholders_read_as_empty_without_a_diagnostic() {
        let yaml = "date: {{date}}\ncreated: {{date}} {{time}}\ntitle: \"{{title}}\"\ntags:\n  - daily\n  - {{tag}}\naliases: <% tp.file.title %>\ndue: 2026-12-31\n";
        let (front, diagnostics) = read("Templates/Daily.md", yaml, 2, false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(front.date, None);
        assert_eq!(front.title, None);
        assert_eq!(front.tags, ["daily"]);
        assert!(front.aliases.is_empty());
        // Where a placeholder is, columns are kept: a real error is still located.
        let (_, diagnostics) = read("t.md", "title: {{title}}\ndate: 2026-02-30\n", 2, false);
        assert_eq!(
            diagnostics[0].to_string(),
            "t.md:3:7: error[impossible-date]: impossible date 2026-02-30"
        );
        assert_eq!(blank_placeholders("a: 1\n"), "a: 1\n");
        assert_eq!(
            blank_placeholders("date: {{date}}\r\n- <%x%>\n"),
            "date:         \r\n-      \n"
        );
    }

    #[test]
    fn outcome_keys_are_read_only_in_outcome_notes() {
        let yaml = "status: draft\ndue: next week\ntarget: lots\ntitle: Essay\n";
        let (front, diagnostics) = read("Essay.md", yaml, 2, false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(front.title.as_deref(), Some("Essay"));
        assert_eq!((front.due, front.target), (None, None));
        let (_, diagnostics) = read("outcomes/Essay.md", yaml, 2, true);
        assert_eq!(diagnostics.len(), 3, "{diagnostics:?}");
        let typed = format!("type: Outcome\n{yaml}");
        let (front, diagnostics) = read("Essay.md", &typed, 2, false);
        assert!(front.is_outcome);
        assert_eq!(diagnostics.len(), 3, "{diagnostics:?}");
    }

    #[test]
    fn logseq_page_properties_open_the_note() {
        let text = "title:: Acme Retainer\nalias:: Acme, [[Acme portal]]\ntags:: client, [[deep work]], #retainer\ntype:: outcome\ntarget:: 4000\ncollapsed:: true\n\n- first block\n";
        let (start, end) = properties(text, 0).unwrap();
        assert_eq!((start, &text[end..]), (0, "\n- first block\n"));
        let (front, diagnostics) = read_properties("pages/Acme.md", &text[start..end], 1, false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(front.title.as_deref(), Some("Acme Retainer"));
        assert_eq!(front.aliases, ["Acme", "Acme portal"]);
        assert_eq!(front.tags, ["client", "deep work", "retainer"]);
        assert!(front.is_outcome);
        assert_eq!(front.target, Some(4000.0));
    }

    #[test]
    fn logseq_page_properties_in_a_first_block_and_what_they_are_not() {
        let text = "- alias:: Priya\n  tags:: person\n- DONE x\n";
        let (start, end) = properties(text, 0).unwrap();
        assert_eq!(&text[start..end], "- alias:: Priya\n  tags:: person\n");
        let (front, _) = read_properties("p.md", &text[start..end], 1, false);
        assert_eq!(front.aliases, ["Priya"]);
        assert_eq!(front.tags, ["person"]);
        for text in [
            "- DONE x\n  alias:: y\n",
            "# Title\nalias:: y\n",
            "[alias:: y]\n",
            "",
            "a key:: y\n",
            "alias::y\n",
        ] {
            assert_eq!(properties(text, 0), None, "{text:?}");
        }
        // `date::` and `checkins::` are not read from properties; a bad value is located.
        let (front, diagnostics) =
            read_properties("p.md", "date:: 2026-11-02\ntarget:: lots\n", 4, true);
        assert_eq!(front.date, None);
        assert_eq!(
            diagnostics[0].to_string(),
            "p.md:5:10: error[invalid-value]: `target` must be a number, found `lots`"
        );
    }

    #[test]
    fn impossible_dates_are_errors() {
        let (front, diagnostics) = read("n.md", "date: 2026-02-30\n", 2, true);
        assert_eq!(front.date, None);
        assert_eq!(diagnostics[0].message(), "impossible date 2026-02-30");
    }

    #[test]
    fn direction_from_yaml_and_from_logseq_page_properties() {
        // SPEC 5 (v2): `direction`, and the outcome keys as Logseq page properties.
        let (front, diagnostics) = read("o.md", "direction: Down\n", 2, true);
        assert_eq!(
            (front.direction, diagnostics.len()),
            (Some(Direction::Down), 0)
        );
        let (front, diagnostics) = read("o.md", "direction: sideways\n", 2, true);
        assert_eq!(front.direction, None);
        assert_eq!(diagnostics[0].code(), "invalid-value");
        let text = "type:: outcome\nmetric:: Lead time\nunit:: days\nbaseline:: 10\ntarget:: 2\ndue:: 2026-12-31\ndirection:: down\nstatus:: active\n";
        let (front, diagnostics) = read_properties("pages/Lead time.md", text, 1, false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(front.is_outcome);
        assert_eq!(front.metric.as_deref(), Some("Lead time"));
        assert_eq!(front.unit.as_deref(), Some("days"));
        assert_eq!((front.baseline, front.target), (Some(10.0), Some(2.0)));
        assert_eq!(front.due, Some(date(2026, 12, 31)));
        assert_eq!(front.direction, Some(Direction::Down));
    }

    #[test]
    fn mangled_template_placeholders_read_as_empty() {
        // SPEC 9 (v2): a key `"{ date }"` left by Obsidian's property editor.
        let yaml = "date:\n  \"{ date }\":\ntitle: \"{ title }\"\ntags: daily\n";
        let (front, diagnostics) = read("Templates/Daily.md", yaml, 2, false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!((front.date, front.title), (None, None));
        assert_eq!(front.tags, ["daily"]);
    }
}

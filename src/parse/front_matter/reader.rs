//! Typed front-matter values out of the YAML tree, each problem located at
//! its key.

use jiff::civil::Date;
use yaml_serde::{Mapping, Value};

use super::{CheckinEntry, Direction, FrontMatter, OutcomeStatus, date_value, mangled_placeholder};
use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind, Severity};
use crate::yaml;

pub(super) struct Reader<'a> {
    pub(super) path: &'a str,
    pub(super) text: &'a str,
    pub(super) first_line: u32,
    /// The note is in one of the config's `outcome_dirs`.
    pub(super) outcome_dir: bool,
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    pub(super) fn position(&self, key_path: &[&str]) -> (u32, u32) {
        yaml::key_position(self.text, key_path).map_or((self.first_line, 1), |(line, column)| {
            (self.first_line + line, column)
        })
    }

    pub(super) fn problem(&mut self, key: &str, kind: DiagnosticKind) {
        let diagnostic = Diagnostic::error(self.path, self.position(&[key]), kind);
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn wrong_type(
        &mut self,
        severity: Severity,
        key: &str,
        expected: &'static str,
        found: String,
    ) {
        let kind = DiagnosticKind::WrongType {
            key: key.to_owned(),
            expected,
            found,
        };
        let diagnostic = Diagnostic::new(severity, self.path, self.position(&[key]), kind);
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn front_matter(&mut self, map: &Mapping) -> FrontMatter {
        let mut front = FrontMatter::default();
        let outcome = self.outcome_dir
            || map
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("outcome"));
        for (key, value) in map {
            let Some(key) = key.as_str() else { continue };
            // SPEC 9 (v2): what Obsidian's property editor leaves of a
            // placeholder reads as empty.
            let value = if mangled_placeholder(value) {
                &Value::Null
            } else {
                value
            };
            match key {
                "date" => {
                    front.date = self.date(key, value);
                    front.date_line = self.position(&[key]).0;
                    front.date_invalid = front.date.is_none() && !value.is_null();
                }
                "type" => {
                    // Any text is fine (`type: daily`); a list or a map is a mistake.
                    front.is_outcome = self
                        .text(key, value)
                        .is_some_and(|t| t.eq_ignore_ascii_case("outcome"));
                }
                "tags" => front.tags = self.words(key, value, &[',', ' ']),
                // `alias` is Obsidian's older spelling, still honoured by it.
                "aliases" | "alias" => front.aliases = self.words(key, value, &[',']),
                "title" => front.title = self.text(key, value),
                _ if !outcome => {}
                "metric" => front.metric = self.text(key, value),
                "unit" => front.unit = self.text(key, value),
                "status" => front.status = self.status(value),
                "baseline" => front.baseline = self.number(key, value),
                "target" => front.target = self.number(key, value),
                "due" => front.due = self.date(key, value),
                "direction" => front.direction = self.direction(value),
                "checkins" => front.checkins = self.checkins(value),
                _ => {}
            }
        }
        front
    }

    pub(super) fn date(&mut self, key: &str, value: &Value) -> Option<Date> {
        if value.is_null() {
            return None;
        }
        let parsed = yaml::scalar_text(value).and_then(|text| date_value(&text));
        match parsed {
            Some(Ok(date)) => Some(date),
            Some(Err(date)) => {
                self.problem(
                    key,
                    DiagnosticKind::ImpossibleDate {
                        date,
                        in_file_name: false,
                    },
                );
                None
            }
            None => {
                self.wrong_type(Severity::Error, key, "a date YYYY-MM-DD", describe(value));
                None
            }
        }
    }

    pub(super) fn number(&mut self, key: &str, value: &Value) -> Option<f64> {
        if value.is_null() {
            return None;
        }
        let number = yaml::number(value);
        if number.is_none() {
            self.wrong_type(Severity::Error, key, "a number", describe(value));
        }
        number
    }

    pub(super) fn text(&mut self, key: &str, value: &Value) -> Option<String> {
        if value.is_null() {
            return None;
        }
        let text = yaml::scalar_text(value);
        if text.is_none() {
            self.wrong_type(
                Severity::Warning,
                key,
                "text",
                yaml::type_name(value).to_owned(),
            );
        }
        text
    }

    /// SPEC 2: a YAML list, or a string of words; a leading `#` is dropped.
    pub(super) fn words(&mut self, key: &str, value: &Value, separators: &[char]) -> Vec<String> {
        let texts: Vec<String> = match value {
            Value::Null => Vec::new(),
            Value::Sequence(items) => items.iter().filter_map(yaml::scalar_text).collect(),
            other => {
                if let Some(text) = yaml::scalar_text(other) {
                    text.split(separators).map(str::to_owned).collect()
                } else {
                    self.wrong_type(
                        Severity::Warning,
                        key,
                        "a list or a string",
                        yaml::type_name(other).to_owned(),
                    );
                    Vec::new()
                }
            }
        };
        texts
            .iter()
            .map(|word| word.trim().trim_start_matches('#').to_owned())
            .filter(|word| !word.is_empty())
            .collect()
    }

    pub(super) fn status(&mut self, value: &Value) -> OutcomeStatus {
        match value.as_str().map(str::to_lowercase).as_deref() {
            Some("achieved") => OutcomeStatus::Achieved,
            Some("dropped") => OutcomeStatus::Dropped,
            Some("active") => OutcomeStatus::Active,
            _ if value.is_null() => OutcomeStatus::Active,
            _ => {
                self.invalid_status(value);
                OutcomeStatus::Active
            }
        }
    }

    pub(super) fn direction(&mut self, value: &Value) -> Option<Direction> {
        match value
            .as_str()
            .map(|text| text.trim().to_lowercase())
            .as_deref()
        {
            Some("up") => Some(Direction::Up),
            Some("down") => Some(Direction::Down),
            _ if value.is_null() => None,
            _ => {
                self.wrong_type(
                    Severity::Warning,
                    "direction",
                    "`up` or `down`",
                    describe(value),
                );
                None
            }
        }
    }

    pub(super) fn invalid_status(&mut self, value: &Value) {
        let diagnostic = Diagnostic::warning(
            self.path,
            self.position(&["status"]),
            DiagnosticKind::UnknownStatus {
                found: describe(value),
            },
        );
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn checkins(&mut self, value: &Value) -> Vec<CheckinEntry> {
        let Value::Sequence(items) = value else {
            if !value.is_null() {
                self.wrong_type(
                    Severity::Error,
                    "checkins",
                    "a list",
                    yaml::type_name(value).to_owned(),
                );
            }
            return Vec::new();
        };
        let entry_lines =
            list_entry_lines(self.text, self.position(&["checkins"]).0 - self.first_line);
        let mut checkins = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let line = entry_lines
                .get(index)
                .map_or(self.position(&["checkins"]).0, |line| {
                    self.first_line + line
                });
            let date = item
                .get("date")
                .and_then(yaml::scalar_text)
                .and_then(|t| date_value(&t));
            let value = item.get("value").and_then(yaml::number);
            match (date, value) {
                (Some(Ok(date)), Some(value)) => checkins.push(CheckinEntry {
                    date,
                    value,
                    note: item.get("note").and_then(yaml::scalar_text),
                    line,
                }),
                _ => self.diagnostics.push(Diagnostic::error(
                    self.path,
                    (line, 1),
                    DiagnosticKind::InvalidCheckin { index: index + 1 },
                )),
            }
        }
        checkins
    }
}

/// The 0-based lines of the top-level `- ` entries of the list under the key on `key_line`.
pub(super) fn list_entry_lines(text: &str, key_line: u32) -> Vec<u32> {
    let mut lines = Vec::new();
    let mut entry_indent = None;
    for (number, line) in text.lines().enumerate().skip(key_line as usize + 1) {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if !content.starts_with('-') {
            if indent == 0 {
                break;
            }
            continue;
        }
        match entry_indent {
            None => entry_indent = Some(indent),
            Some(first) if indent < first => break,
            Some(first) if indent > first => continue,
            Some(_) => {}
        }
        lines.push(number as u32);
    }
    lines
}

pub(super) fn describe(value: &Value) -> String {
    match yaml::scalar_text(value) {
        Some(text) => format!("`{text}`"),
        None => yaml::type_name(value).to_owned(),
    }
}

//! Problems in the user's files, as data: every stage returns its values plus a
//! list of these, so one run reports every problem and one bad note never
//! stops the rest (SPEC section 9).

use std::cell::Cell;
use std::fmt;
use std::io::IsTerminal;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
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
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &str, (line, column): (u32, u32), message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, (line, column), message)
    }

    pub fn warning(path: &str, (line, column): (u32, u32), message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, (line, column), message)
    }

    fn new(
        severity: Severity,
        path: &str,
        (line, column): (u32, u32),
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.to_owned(),
            line,
            column,
            severity,
            message: message.into(),
            hint: None,
        }
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// The one-line form: `path:line:column: severity: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path, self.line, self.column, self.severity, self.message
        )
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
        if let Some(hint) = &diagnostic.hint {
            report.push(Group::with_title(
                Level::HELP.with_name("hint").secondary_title(hint.as_str()),
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

    #[test]
    fn one_line_form_is_compiler_like() {
        let d = Diagnostic::error("daily/a.md", (2, 7), "invalid date");
        assert_eq!(d.to_string(), "daily/a.md:2:7: error: invalid date");
    }

    #[test]
    fn rendering_shows_source_line_caret_and_hint() {
        let d =
            Diagnostic::warning("a.md", (2, 3), "unknown tag").with_hint("map it in leverage.yaml");
        let out = Printer {
            renderer: Renderer::plain(),
        }
        .render(&d, Some("first\n- #x 2h\n"));
        assert!(out.contains("a.md:2:3: warning: unknown tag"), "{out}");
        assert!(out.contains("2 | - #x 2h"), "{out}");
        assert!(out.contains('^'), "{out}");
        assert!(out.contains("hint: map it in leverage.yaml"), "{out}");
    }
}

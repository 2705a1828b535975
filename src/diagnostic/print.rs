//! How diagnostics and note text reach a terminal.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstream::ColorChoice;

use super::{Diagnostic, Severity};

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
    /// Colour as `anstream` decides for standard error: the choice `main`
    /// made once (`--color`), else `NO_COLOR`, `CLICOLOR_FORCE` and whether
    /// it is a terminal.
    pub fn for_stderr() -> Self {
        let colour = anstream::AutoStream::choice(&std::io::stderr()) != ColorChoice::Never;
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
    use crate::diagnostic::Kind;

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

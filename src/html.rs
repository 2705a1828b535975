//! HTML and SVG escaping, in one place for the site, its charts and the
//! server's own pages.

use std::borrow::Cow;

/// Escapes text for element content and quoted attribute values alike:
/// `&`, `<`, `>`, `"` and `'` by `pulldown-cmark-escape` (the escaper of the
/// Markdown renderer we already use), after dropping the control characters
/// (other than tab, newline and carriage return) and U+FFFE/U+FFFF that XML
/// does not allow at all, so the same text is safe inline in an SVG.
#[must_use]
pub fn escape(text: &str) -> String {
    let forbidden = |c: char| {
        c.is_control() && !matches!(c, '\t' | '\n' | '\r') || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    let allowed: Cow<'_, str> = if text.contains(forbidden) {
        text.chars()
            .filter(|&c| !forbidden(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, &allowed);
    out
}

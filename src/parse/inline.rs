//! Tokenizers for the text of one list item: tags, Dataview inline fields,
//! durations and clock ranges, `saves::` rates and check-in numbers (SPEC 4).
//!
//! The caller has already masked code spans and link texts as ASCII spaces of
//! the same byte length, so every offset returned here is a byte offset into
//! the item's source text. Whatever the input, nothing here panics or takes
//! more than linear (or n log n) time: list items are the user's free text.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::ops::Range;

/// A tag as written, lower-cased, without `#`, e.g. `a/b/c`; `at` is the byte offset of `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub at: usize,
    /// Where the tag as written ends (exclusive): `at..end` is `#` and its body.
    pub end: usize,
    /// The tag as written (lower-cased) when `name` is its normal form and
    /// differs from it (see [`normalise_tag`]): a warning.
    pub written: Option<String>,
}

/// Tags in order of appearance (SPEC 4 Tags).
///
/// A tag is `#` at the start of the text or after whitespace or `(`, then one or
/// more letters of any script (with their combining marks), digits, `_`, `-` or
/// `/`, with at least one character that is not a digit (`#123` is not a tag, in
/// any script's digits). Trailing `/` and `-` are not part of it (`#a/b/` is
/// `a/b`), nor are empty nested parts (`#/a` is `a`, `#a//b` is `a/b`), and
/// tags that are empty after that are skipped. `C#` and
/// `https://x.org/#frag` hold no tag, nor does anything else in a bare URL
/// (`https://x.org/a(#b)`): a URL runs from its `scheme://` to the next space.
#[must_use]
pub fn tags(text: &str) -> Vec<Tag> {
    let mut found = Vec::new();
    let mut prev = None;
    let mut in_url = false;
    // No tag character is `#`, so a tag's own body never starts another tag and
    // the scan needs no skipping to stay linear.
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            in_url = false;
        } else if c == ':'
            && text[at + 1..].starts_with("//")
            && prev.is_some_and(|p: char| p.is_ascii_alphanumeric())
        {
            in_url = true;
        }
        if c == '#' && !in_url && prev.is_none_or(|p: char| p.is_whitespace() || p == '(') {
            let body = &text[at + 1..];
            let len = body.find(|d| !is_tag_char(d)).unwrap_or(body.len());
            let name = body[..len].trim_end_matches(['/', '-']);
            let end = at + 1 + name.len();
            // No empty nested part: `#/a` is `a` and `#a//b` is `a/b`, not a
            // tag whose parent has no name, nor a second page for `a/b`.
            let name = if name.starts_with('/') || name.contains("//") {
                Cow::Owned(
                    name.split('/')
                        .filter(|part| !part.is_empty())
                        .collect::<Vec<_>>()
                        .join("/"),
                )
            } else {
                Cow::Borrowed(name)
            };
            let (name, written) = normalise_tag(name.to_lowercase());
            if name.chars().any(|d| !d.is_numeric()) {
                found.push(Tag {
                    name,
                    at,
                    end,
                    written,
                });
            }
        }
        prev = Some(c);
    }
    found
}

/// A tag in the form it is counted under, and the form written when that
/// differs: Unicode NFC (an `é` typed as `e` and a combining accent is the
/// `é` tag), without the invisible characters that make two tags look the
/// same (`#admin` and `#ad\u{200d}min`): zero-width space, word joiner, byte
/// order mark, soft hyphen, and the zero-width (non-)joiner in a tag whose
/// other characters are all ASCII (in Persian or Indic words it is part of
/// the spelling, and kept).
pub fn normalise_tag(name: String) -> (String, Option<String>) {
    use unicode_normalization::UnicodeNormalization as _;
    if name.is_ascii() {
        return (name, None);
    }
    let joiner = |c: char| matches!(c, '\u{200C}' | '\u{200D}');
    let latin = name.chars().all(|c| c.is_ascii() || joiner(c));
    let normal: String = name
        .chars()
        .filter(|&c| !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'))
        .filter(|&c| !(latin && joiner(c)))
        .nfc()
        .collect();
    if normal == name {
        (name, None)
    } else {
        (normal, Some(name))
    }
}

pub(super) fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '/') || is_word_mark(c)
}

/// Whether `c` belongs inside a word although `char::is_alphanumeric` says no:
/// a combining mark (a virama in `हिन्दी`, a Thai tone mark, a decomposed accent)
/// or a zero-width (non-)joiner, which Persian and Indic words contain.
pub(super) fn is_word_mark(c: char) -> bool {
    let c = u32::from(c);
    c >= 0x0300
        && (c == 0x200C
            || c == 0x200D
            || MARKS
                .binary_search_by(|&(lo, hi)| {
                    if hi < c {
                        Ordering::Less
                    } else if lo > c {
                        Ordering::Greater
                    } else {
                        Ordering::Equal
                    }
                })
                .is_ok())
}

/// The code points of general category Mn, Mc or Me (Unicode 14) that are not
/// `Alphabetic` or `Numeric`, so that `char::is_alphanumeric` rejects them. The
/// ranges are merged across alphanumeric and unassigned code points (which
/// change nothing), never across punctuation, symbols or spaces.
#[rustfmt::skip]
const MARKS: &[(u32, u32)] = &[
    (0x0300, 0x0362), (0x0483, 0x0489), (0x0591, 0x05AF), (0x0658, 0x0658), (0x06DF, 0x06E0),
    (0x06EA, 0x06EC), (0x0740, 0x07F3), (0x07FD, 0x07FD), (0x0818, 0x082D), (0x0859, 0x085B),
    (0x0898, 0x08E1), (0x08EA, 0x0954), (0x09BC, 0x09CD), (0x09FE, 0x0A4D), (0x0ABC, 0x0ACD),
    (0x0AFD, 0x0B55), (0x0BCD, 0x0BCD), (0x0C3C, 0x0C4D), (0x0CBC, 0x0D4D), (0x0DCA, 0x0DCA),
    (0x0E47, 0x0E4E), (0x0EBA, 0x0ECC), (0x0F18, 0x0F19), (0x0F35, 0x0F35), (0x0F37, 0x0F37),
    (0x0F39, 0x0F39), (0x0F3E, 0x0F84), (0x0F86, 0x0F87), (0x0FC6, 0x0FC6), (0x1037, 0x103A),
    (0x135D, 0x135F), (0x1714, 0x1734), (0x17B4, 0x17D3), (0x17DD, 0x17DD), (0x180B, 0x180D),
    (0x180F, 0x193B), (0x1A60, 0x1A7F), (0x1AB0, 0x1B44), (0x1B6B, 0x1B73), (0x1BAA, 0x1BF3),
    (0x1C37, 0x1C37), (0x1CD0, 0x1CD2), (0x1CD4, 0x1DFF), (0x20D0, 0x20F0), (0x2CEF, 0x2CF1),
    (0x2D7F, 0x2D7F), (0x302A, 0x302F), (0x3099, 0x309A), (0xA66F, 0xA672), (0xA67C, 0xA67D),
    (0xA6F0, 0xA6F1), (0xA806, 0xA806), (0xA82C, 0xA82C), (0xA8C4, 0xA8C4), (0xA8E0, 0xA8F1),
    (0xA92B, 0xA92D), (0xA953, 0xA953), (0xA9B3, 0xA9C0), (0xAABF, 0xAAC1), (0xAAF6, 0xAAF6),
    (0xABEC, 0xABED), (0xFE00, 0xFE0F), (0xFE20, 0xFE2F), (0x101FD, 0x102E0), (0x10A38, 0x10A3F),
    (0x10AE5, 0x10AE6), (0x10F46, 0x10F50), (0x10F82, 0x10F85), (0x11046, 0x11046),
    (0x11070, 0x110BA), (0x11133, 0x11134), (0x11173, 0x11173), (0x111C0, 0x111C0),
    (0x111C9, 0x111CC), (0x11235, 0x11236), (0x112E9, 0x11446), (0x1145E, 0x114C3),
    (0x115BF, 0x115C0), (0x1163F, 0x1163F), (0x116B6, 0x116B7), (0x1172B, 0x1172B),
    (0x11839, 0x1183A), (0x1193D, 0x11943), (0x119E0, 0x119E0), (0x11A33, 0x11A34),
    (0x11A47, 0x11A99), (0x11C3F, 0x11C3F), (0x11D42, 0x11D97), (0x16AF0, 0x16AF4),
    (0x16B30, 0x16B36), (0x16FE4, 0x16FE4), (0x1BC9D, 0x1BC9D), (0x1CF00, 0x1CF46),
    (0x1D165, 0x1D169), (0x1D16D, 0x1D172), (0x1D17B, 0x1D182), (0x1D185, 0x1D18B),
    (0x1D1AA, 0x1D1AD), (0x1D242, 0x1D244), (0x1DA00, 0x1DA36), (0x1DA3B, 0x1DA6C),
    (0x1DA75, 0x1DA75), (0x1DA84, 0x1DA84), (0x1DA9B, 0x1E136), (0x1E2AE, 0x1E2EF),
    (0x1E8D0, 0x1E94A), (0xE0100, 0xE01EF),
];

/// An inline field, Dataview style. `key` lower-cased and trimmed; `value` trimmed;
/// `span` covers the whole field including its brackets, `value_span` the value (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: String,
    pub value: String,
    pub span: Range<usize>,
    pub value_span: Range<usize>,
}

/// Inline fields in order of appearance (SPEC 4 Inline fields).
///
/// `[key:: value]` and `(key:: value)` anywhere in the text, or else `key:: value`
/// as the whole text. A key is one or more letters, digits, `_`, `-` or spaces,
/// not starting with a space, immediately followed by `::`. A bracketed value runs
/// to the matching closer, counting nested brackets of the same kind (so
/// `[time:: [[x]]]` works), and must be closed. Fields never nest: a field inside
/// another's value is part of that value.
///
/// As in Dataview, the whole-text form is only tried when the text holds no
/// bracketed field, so `time:: 2h (category:: admin)` has one field, `category`.
#[must_use]
pub fn fields(text: &str) -> Vec<Field> {
    let bracketed = bracketed_fields(text);
    if bracketed.is_empty() {
        whole_text_field(text).into_iter().collect()
    } else {
        bracketed
    }
}

fn bracketed_fields(text: &str) -> Vec<Field> {
    // Matching closers are found up front, in one pass per kind, because
    // searching forward from every opener is quadratic on `[a:: [a:: [a:: …`.
    let squares = matching_closers(text, b'[', b']');
    let parens = matching_closers(text, b'(', b')');
    let mut found: Vec<Field> = Vec::new();
    for (open, c) in text.char_indices() {
        if found.last().is_some_and(|f| open < f.span.end) {
            continue;
        }
        let pairs = match c {
            '[' => &squares,
            '(' => &parens,
            _ => continue,
        };
        let Some(key_len) = key_len(&text[open + 1..]) else {
            continue;
        };
        let Ok(found_at) = pairs.binary_search_by_key(&open, |&(o, _)| o) else {
            continue;
        };
        let close = pairs[found_at].1;
        let key_end = open + 1 + key_len;
        // Key characters include no closer, so `close` lies past the `::`.
        let Some(value_span) = trimmed(text, key_end + 2..close) else {
            continue;
        };
        found.push(Field {
            key: text[open + 1..key_end].trim().to_lowercase(),
            value: text[value_span.clone()].to_owned(),
            span: open..close + 1,
            value_span,
        });
    }
    found
}

fn whole_text_field(text: &str) -> Option<Field> {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    let key_len = key_len(text.get(start..end)?)?;
    let key_end = start + key_len;
    let value_span = trimmed(text, key_end + 2..end)?;
    Some(Field {
        key: text[start..key_end].trim().to_lowercase(),
        value: text[value_span.clone()].to_owned(),
        span: start..end,
        value_span,
    })
}

/// The byte length of the key that `s` starts with, when `::` follows it.
fn key_len(s: &str) -> Option<usize> {
    if s.starts_with(' ') {
        return None;
    }
    let len = s.find(|c| !is_key_char(c)).unwrap_or(s.len());
    (len > 0 && s[len..].starts_with("::")).then_some(len)
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | ' ') || is_word_mark(c)
}

/// `(opener, closer)` byte offsets of every matched pair, sorted by opener.
/// A closer matches the nearest unmatched opener before it, which is exactly the
/// closer that a forward scan counting nesting depth would stop at.
fn matching_closers(text: &str, open: u8, close: u8) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut stack = Vec::new();
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == open {
            stack.push(i);
        } else if b == close
            && let Some(o) = stack.pop()
        {
            pairs.push((o, i));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// `range` of `text` without surrounding whitespace; an all-blank range becomes
/// empty at its start. None when `range` is not a valid slice of `text`.
pub(super) fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let raw = text.get(range.clone())?;
    let rest = raw.trim_start();
    let start = range.start + (raw.len() - rest.len());
    Some(start..start + rest.trim_end().len())
}

/// A number for `value::` check-ins: an optional sign, digits and an optional
/// decimal part. Thousands separators are dropped (`1,234.5`, `1_000`); commas
/// must group by three, so `1,5` (a decimal comma) is no number. A trailing `%`
/// or unit word makes it no number either.
#[must_use]
pub fn number(value: &str) -> Option<f64> {
    let s = value.trim();
    let (sign, s) = match s.as_bytes().first() {
        Some(b'-') => ("-", &s[1..]),
        Some(b'+') => ("", &s[1..]),
        _ => ("", s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (s, None),
    };
    let mut clean = String::with_capacity(s.len() + 1);
    clean.push_str(sign);
    clean.push_str(&integer_digits(int)?);
    if let Some(frac) = frac {
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        clean.push('.');
        clean.push_str(frac);
    }
    clean.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The digits of an integer part written with optional `_` or `,` separators.
fn integer_digits(int: &str) -> Option<String> {
    if !int.contains(',') {
        return underscored_digits(int);
    }
    // Commas group by three only: `1,5` is a European 1.5, not 15.
    let mut groups = int.split(',');
    let first = groups.next().filter(|g| (1..=3).contains(&g.len()))?;
    let all_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let mut digits = String::from(first);
    for group in groups {
        if group.len() != 3 || !all_digits(group) {
            return None;
        }
        digits.push_str(group);
    }
    all_digits(first).then_some(digits)
}

/// Digits with `_` allowed only between two of them.
fn underscored_digits(s: &str) -> Option<String> {
    let ok = !s.is_empty()
        && !s.starts_with('_')
        && !s.ends_with('_')
        && !s.contains("__")
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    ok.then(|| s.replace('_', ""))
}

mod duration;
#[cfg(test)]
mod tests;

pub use duration::{Duration, DurationProblem, durations, field_minutes, saves};

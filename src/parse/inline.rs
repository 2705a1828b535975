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

use crate::diagnostic::Kind;

/// The longest single duration an activity may have, in minutes: one day.
const DAY_MINUTES: u64 = 24 * 60;

/// A tag as written, lower-cased, without `#`, e.g. `a/b/c`; `at` is the byte offset of `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub at: usize,
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
                found.push(Tag { name, at, written });
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

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '/') || is_word_mark(c)
}

/// Whether `c` belongs inside a word although `char::is_alphanumeric` says no:
/// a combining mark (a virama in `हिन्दी`, a Thai tone mark, a decomposed accent)
/// or a zero-width (non-)joiner, which Persian and Indic words contain.
fn is_word_mark(c: char) -> bool {
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
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let raw = text.get(range.clone())?;
    let rest = raw.trim_start();
    let start = range.start + (raw.len() - rest.len());
    Some(start..start + rest.trim_end().len())
}

/// A duration found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duration {
    pub minutes: u32,
    pub span: Range<usize>,
}

/// Something that looked like a duration but cannot be one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationProblem {
    pub span: Range<usize>,
    pub kind: Kind,
}

/// Every duration in an item's text, in order, and every problem (SPEC 4
/// Durations, v2). One grammar, all forms case-insensitive, a number may use
/// `.` or `,` as its decimal mark and follow a `~`:
///
/// - compact tokens (`90m`, `90min`, `90mins`, `2h`, `1,5h`, `2hr`, `2hrs`,
///   `1h30m`, `1h30`), standing alone: after the start, whitespace, `(`, `[`
///   or `~`; before the end, whitespace or one of `, . ; : ) ]` (a `.` before
///   a digit does not count). Anywhere in the text.
/// - spaced forms (`45 mins`, `1.5 hrs`, `1 hr 15 min`, `1 hour 30 minutes`),
///   only where prose rarely puts them: at the start (after tags, links and
///   punctuation), at the end (only tags, other durations and punctuation
///   after; fields and links are already masked), or as the whole content of
///   `( )` / `[ ]`. "a 2 hour drive" stays prose.
/// - clock ranges anywhere: `09:00-10:30`, `9:00 – 10:30`, `10:00 to 17:30`,
///   `9:00 AM - 10:30 AM`, `9am-10:30am`, `9:30-11am`; crossing midnight when
///   the end is before the start. `0800-0825` only at the start.
///
/// Estimates (`1-2 hours`, `6–8h`) count nothing, and nothing inside a word
/// or a bare URL is read. A single duration over 24 hours, or too large to
/// count, is a problem instead of a duration; so is an impossible clock time
/// in a range (`25:00-26:00`).
#[must_use]
pub fn durations(text: &str) -> (Vec<Duration>, Vec<DurationProblem>) {
    scan_durations(text, false)
}

/// The value of a `time::` / `duration::` field in minutes: every duration in it
/// added up (every form counts anywhere in a field), or a bare integer (`90`)
/// as minutes. None when the value holds no duration.
#[must_use]
pub fn field_minutes(value: &str) -> (Option<u32>, Vec<DurationProblem>) {
    let (found, mut problems) = scan_durations(value, true);
    if !found.is_empty() {
        let total = found
            .iter()
            .fold(0_u32, |sum, d| sum.saturating_add(d.minutes));
        return (Some(total), problems);
    }
    let Some(span) = trimmed(value, 0..value.len()) else {
        return (None, problems);
    };
    let bare = &value[span.clone()];
    if !bare.is_empty() && bare.bytes().all(|b| b.is_ascii_digit()) {
        match Amount::of(bare, "", 1, "").within(DAY_MINUTES) {
            Ok(minutes) => return (Some(minutes), problems),
            Err(excess) => problems.push(excess.problem(span)),
        }
    }
    (None, problems)
}

/// Where a duration form may stand to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Compact tokens and clock ranges.
    Anywhere,
    /// Spaced forms: the start, the end, or alone in brackets.
    Edge,
    /// `0800-0825`: the start only.
    Start,
}

/// One piece of an item's text, as far as durations care.
enum Piece {
    /// Prose: a word, a number, an estimate, a URL. Spaced forms next to it
    /// are not at an edge of the text.
    Word,
    /// What may stand between a duration and the edge of the text: tags and
    /// punctuation.
    Skip,
    Candidate {
        span: Range<usize>,
        rule: Rule,
        amount: Result<Amount, DurationProblem>,
    },
}

fn scan_durations(text: &str, anywhere: bool) -> (Vec<Duration>, Vec<DurationProblem>) {
    let mut pieces = Vec::new();
    let mut i = 0;
    // Every step consumes at least one character, and every look-ahead is
    // bounded by what the step then consumes, so the scan is linear.
    while let Some(c) = text[i..].chars().next() {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c == '#' && starts_token_or_hash(text, i) {
            let body = &text[i + 1..];
            let len = body.find(|d| !is_tag_char(d)).unwrap_or(body.len());
            pieces.push(Piece::Skip);
            i += 1 + len;
            continue;
        }
        if c.is_ascii_digit()
            && starts_token(text, i)
            && let Some((end, piece)) = duration_at(text, i)
        {
            pieces.push(piece);
            i = end;
            continue;
        }
        if is_word_char(c) {
            let mut end = i + text[i..]
                .find(|d| !is_word_char(d))
                .unwrap_or(text.len() - i);
            if text[end..].starts_with("://") {
                end += text[end..]
                    .find(char::is_whitespace)
                    .unwrap_or(text.len() - end);
            }
            pieces.push(Piece::Word);
            i = end;
            continue;
        }
        pieces.push(Piece::Skip);
        i += c.len_utf8();
    }

    // Whether only tags and punctuation come before each piece (the start:
    // not after another duration, so `9:00-10:00 (1 hour)` counts once), and
    // whether only those and durations come after it (the end).
    let mut clear_before = Vec::with_capacity(pieces.len());
    let mut clear = true;
    for piece in &pieces {
        clear_before.push(clear);
        clear &= matches!(piece, Piece::Skip);
    }
    let mut clear_after = vec![true; pieces.len()];
    let mut clear = true;
    for (k, piece) in pieces.iter().enumerate().rev() {
        clear_after[k] = clear;
        clear &= !matches!(piece, Piece::Word);
    }

    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (k, piece) in pieces.into_iter().enumerate() {
        let Piece::Candidate { span, rule, amount } = piece else {
            continue;
        };
        let counts = anywhere
            || match rule {
                Rule::Anywhere => true,
                Rule::Start => clear_before[k],
                Rule::Edge => clear_before[k] || clear_after[k] || bracketed(text, &span),
            };
        if !counts {
            continue;
        }
        match amount.map(|amount| amount.within(DAY_MINUTES)) {
            Ok(Ok(minutes)) => found.push(Duration { minutes, span }),
            Ok(Err(excess)) => problems.push(excess.problem(span)),
            Err(problem) => problems.push(problem),
        }
    }
    (found, problems)
}

/// Whether a `#` at `i` may open a tag (SPEC 4 Tags).
fn starts_token_or_hash(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|p| p.is_whitespace() || p == '(')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_word_mark(c)
}

/// Whether `span` is the whole content of `( )` or `[ ]` (blanks and `~` aside).
fn bracketed(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '\t', '~']);
    let after = text[span.end..].trim_start_matches([' ', '\t']);
    (before.ends_with('(') && after.starts_with(')'))
        || (before.ends_with('[') && after.starts_with(']'))
}

/// The duration form starting at byte `i` (an ASCII digit at a token start):
/// where it ends and what it is. None when no form starts there.
fn duration_at(text: &str, i: usize) -> Option<(usize, Piece)> {
    if let Some((end, amount)) = four_digit_range(text, i) {
        return Some((end, candidate(i..end, Rule::Start, amount)));
    }
    if let Some((end, amount)) = clock_range(text, i) {
        return Some((end, candidate(i..end, Rule::Anywhere, amount)));
    }
    if let Some(end) = estimate(text, i) {
        return Some((end, Piece::Word));
    }
    if let Some(token) = token(text, i) {
        return Some((
            token.end,
            candidate(i..token.end, Rule::Anywhere, Ok(token.amount)),
        ));
    }
    let (end, amount) = spaced(text, i)?;
    Some((end, candidate(i..end, Rule::Edge, Ok(amount))))
}

fn candidate(span: Range<usize>, rule: Rule, amount: Result<Amount, DurationProblem>) -> Piece {
    Piece::Candidate { span, rule, amount }
}

/// A number at `i`: digits, then optionally `.` or `,` and digits. Returns
/// (end, whole digits end, fraction range).
fn number_at(text: &str, i: usize) -> Option<(usize, usize, Range<usize>)> {
    let bytes = text.as_bytes();
    let int_end = skip_digits(bytes, i);
    if int_end == i {
        return None;
    }
    if matches!(bytes.get(int_end), Some(b'.' | b',')) {
        let frac_end = skip_digits(bytes, int_end + 1);
        if frac_end > int_end + 1 {
            return Some((frac_end, int_end, int_end + 1..frac_end));
        }
    }
    Some((int_end, int_end, int_end..int_end))
}

/// `1-2 hours`, `6–8h`: two numbers joined by a dash without spaces, then a
/// unit. Returns its end, so it is read as prose.
fn estimate(text: &str, i: usize) -> Option<usize> {
    let (end, ..) = number_at(text, i)?;
    let dash = ["-", "\u{2013}"]
        .into_iter()
        .find(|dash| text[end..].starts_with(dash))?;
    let second = end + dash.len();
    let (end, ..) = number_at(text, second)?;
    let unit_start = skip_blanks(text, end);
    let len = unit_word(&text[unit_start..])
        .map(|(len, _)| len)
        .or_else(|| (unit_start == end).then(|| unit_len(&text[end..], MINUTE_UNITS))?)?;
    Some(unit_start + len)
}

const MINUTE_UNITS: [&str; 3] = ["mins", "min", "m"];
const HOUR_UNITS: [&str; 3] = ["hrs", "hr", "h"];

/// Unit words of the spaced forms, longest first, with their minutes.
const SPACED_UNITS: [(&str, u64); 9] = [
    ("minutes", 1),
    ("minute", 1),
    ("hours", 60),
    ("hour", 60),
    ("mins", 1),
    ("min", 1),
    ("hrs", 60),
    ("hr", 60),
    ("h", 60),
];

/// The spaced unit word `rest` starts with (case-insensitive, not followed by
/// a letter or digit): its length and minutes per unit.
fn unit_word(rest: &str) -> Option<(usize, u64)> {
    SPACED_UNITS.iter().find_map(|&(unit, per)| {
        let head = rest.get(..unit.len())?;
        let after = rest[unit.len()..].chars().next();
        (head.eq_ignore_ascii_case(unit) && !after.is_some_and(is_word_char))
            .then_some((unit.len(), per))
    })
}

/// A spaced form at `i`: a number, blanks, a unit word; for hours, optionally
/// blanks, whole minutes, blanks and a minute unit (`1 hr 15 min`).
fn spaced(text: &str, i: usize) -> Option<(usize, Amount)> {
    let (number_end, int_end, fraction) = number_at(text, i)?;
    let unit_start = skip_blanks(text, number_end);
    if unit_start == number_end {
        return None;
    }
    let (len, per) = unit_word(&text[unit_start..])?;
    let mut end = unit_start + len;
    let whole = &text[i..int_end];
    let fraction = &text[fraction];
    if per == 1 {
        return Some((end, Amount::of(whole, fraction, 1, "")));
    }
    let mut minutes = "";
    let minutes_start = skip_blanks(text, end);
    let minutes_end = skip_digits(text.as_bytes(), minutes_start);
    if fraction.is_empty() && minutes_end > minutes_start && minutes_start > end {
        let unit_start = skip_blanks(text, minutes_end);
        if let Some((len, 1)) = unit_word(&text[unit_start..]) {
            minutes = &text[minutes_start..minutes_end];
            end = unit_start + len;
        } else if let Some(len) = unit_len(&text[minutes_end..], MINUTE_UNITS)
            && ends_token(text, minutes_end + len)
        {
            minutes = &text[minutes_start..minutes_end];
            end = minutes_end + len;
        }
    }
    Some((end, Amount::of(whole, fraction, 60, minutes)))
}

/// A `saves::` value, `DURATION/PERIOD` such as `2h/week`, `30m / day` or
/// `1h30m/month`, as `(minutes, per_days)`.
///
/// The duration is a single token as in [`durations`]; the period is day, week,
/// month, quarter or year (case-insensitive, an optional trailing `s`), meaning
/// 1, 7, 30, 91 or 365 days. A rate may not exceed the length of its period
/// (`30h/month` is fine, `30h/day` is not).
///
/// # Errors
///
/// A message saying what is wrong, when the value is not of that form.
pub fn saves(value: &str) -> Result<(u32, u32), Kind> {
    const EXAMPLE: &str = "like `2h/week`";
    let (duration, period) = match value.split_once('/') {
        Some((d, p)) if !d.trim().is_empty() && !p.trim().is_empty() => (d.trim(), p.trim()),
        _ => {
            return Err(invalid_saves(format!(
                "expected a duration per period, {EXAMPLE}, found `{}`",
                value.trim()
            )));
        }
    };
    let lower = period.to_lowercase();
    let name = lower.strip_suffix('s').unwrap_or(&lower);
    let per_days = match name {
        "day" => 1,
        "week" => 7,
        "month" => 30,
        "quarter" => 91,
        "year" => 365,
        _ => {
            return Err(invalid_saves(format!(
                "unknown period `{period}`, expected day, week, month, quarter or year"
            )));
        }
    };
    let token = duration
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit())
        .then(|| token(duration, 0))
        .flatten()
        .filter(|t| t.end == duration.len())
        .ok_or_else(|| invalid_saves(format!("`{duration}` is not a duration, {EXAMPLE}")))?;
    let minutes = token
        .amount
        .within(DAY_MINUTES * u64::from(per_days))
        .map_err(|excess| excess.kind(name))?;
    Ok((minutes, per_days))
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

/// A duration token before it is checked against a limit.
#[derive(Debug, Clone, Copy)]
enum Amount {
    Minutes(u64),
    TooLarge,
}

/// Why an [`Amount`] cannot be used.
#[derive(Debug, Clone, Copy)]
enum Excess {
    Longer(u64),
    TooLarge,
}

struct Token {
    end: usize,
    amount: Amount,
}

/// The compact token starting at `start` (an ASCII digit), if it stands alone
/// on its right. Units are matched longest first, case-insensitively; a
/// shorter unit could never stand alone where a longer one matched, as a
/// letter would follow it.
fn token(text: &str, start: usize) -> Option<Token> {
    let bytes = text.as_bytes();
    let (mut end, int_end, fraction) = number_at(text, start)?;
    let whole = &text[start..int_end];
    let fraction = &text[fraction];
    let amount = if let Some(len) = unit_len(&text[end..], MINUTE_UNITS) {
        end += len;
        Amount::of(whole, fraction, 1, "")
    } else if let Some(len) = unit_len(&text[end..], HOUR_UNITS) {
        end += len;
        let mut minutes = "";
        // `1h30` and `1h30m`, but not `1.5h30m`: minutes only follow whole hours.
        if fraction.is_empty() {
            let minutes_end = skip_digits(bytes, end);
            minutes = &text[end..minutes_end];
            end = minutes_end;
            if !minutes.is_empty() {
                end += unit_len(&text[end..], MINUTE_UNITS).unwrap_or(0);
            }
        }
        Amount::of(whole, fraction, 60, minutes)
    } else {
        return None;
    };
    ends_token(text, end).then_some(Token { end, amount })
}

fn unit_len(rest: &str, units: [&str; 3]) -> Option<usize> {
    units
        .iter()
        .find(|u| {
            rest.get(..u.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(u))
        })
        .map(|u| u.len())
}

fn skip_digits(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// Whether a token may start at byte `i` (a char boundary) of `text`.
fn starts_token(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '~'))
}

/// Whether a token ending at byte `end` (a char boundary) of `text` stands alone.
fn ends_token(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    match rest.next() {
        None => true,
        // `2h.5` and `1h30.5m` are garbled numbers, not `2h` and `1h30` ending a sentence.
        Some('.') => !rest.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) => c.is_whitespace() || matches!(c, ',' | ';' | ':' | ')' | ']'),
    }
}

impl Amount {
    /// `whole.fraction` units of `unit` minutes each, plus `minutes` minutes,
    /// all ASCII digits (`fraction` and `minutes` may be empty). Exact: the
    /// fraction is scaled digit by digit, so no float ever rounds it.
    fn of(whole: &str, fraction: &str, unit: u64, minutes: &str) -> Amount {
        parse_u64(whole)
            .and_then(|w| w.checked_mul(unit))
            .and_then(|m| m.checked_add(scaled_fraction(fraction, unit)?))
            .and_then(|m| m.checked_add(parse_u64(minutes)?))
            .map_or(Amount::TooLarge, Amount::Minutes)
    }

    fn within(self, limit: u64) -> Result<u32, Excess> {
        match self {
            Amount::Minutes(m) if m <= limit => u32::try_from(m).map_err(|_| Excess::TooLarge),
            Amount::Minutes(m) => Err(Excess::Longer(m)),
            Amount::TooLarge => Err(Excess::TooLarge),
        }
    }
}

/// `0.fraction × unit` rounded half up, where `fraction` is decimal digits.
fn scaled_fraction(fraction: &str, unit: u64) -> Option<u64> {
    // Multiplying from the last digit leaves the integer part in `carry` and the
    // first fractional digit of the product in `first`, which alone decides
    // rounding half up; `carry` never exceeds `unit`, so nothing overflows.
    let mut carry = 0;
    let mut first = 0;
    for b in fraction.bytes().rev() {
        let t = u64::from(char::from(b).to_digit(10)?) * unit + carry;
        first = t % 10;
        carry = t / 10;
    }
    Some(carry + u64::from(first >= 5))
}

/// ASCII digits as a number (the empty string is 0); None on overflow.
fn parse_u64(digits: &str) -> Option<u64> {
    digits.bytes().try_fold(0_u64, |n, b| {
        n.checked_mul(10)?
            .checked_add(u64::from(char::from(b).to_digit(10)?))
    })
}

impl Excess {
    fn kind(self, period: &str) -> Kind {
        match self {
            Excess::Longer(minutes) => Kind::LongDuration {
                hours: hours_text(minutes),
                period: period.to_owned(),
            },
            Excess::TooLarge => Kind::TooLarge,
        }
    }

    fn problem(self, span: Range<usize>) -> DurationProblem {
        DurationProblem {
            span,
            kind: self.kind("day"),
        }
    }
}

fn invalid_saves(problem: String) -> Kind {
    Kind::InvalidSaves { problem }
}

/// Minutes as hours with at most two decimals, rounded half up: `24.02`, `25`.
fn hours_text(minutes: u64) -> String {
    let hundredths = (u128::from(minutes) * 10 + 3) / 6;
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    match fraction {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// A time of day as written: `9:30`, `09:30`, `9am`, `9:30 PM`, or a bare
/// hour (`9`, which only a range with am/pm on its other side reads).
struct Clock {
    hours: u32,
    minutes: u32,
    /// `Some(true)` for pm.
    meridiem: Option<bool>,
    colon: bool,
    span: Range<usize>,
}

impl Clock {
    fn is_valid(&self) -> bool {
        let hours = match self.meridiem {
            Some(_) => (1..=12).contains(&self.hours),
            None => self.hours < 24,
        };
        hours && self.minutes < 60
    }

    /// The minute of the day, reading a bare hour up to 12 with `pm`.
    fn minute_of_day(&self, pm: Option<bool>) -> u32 {
        let hours = match pm {
            Some(pm) if (1..=12).contains(&self.hours) => self.hours % 12 + if pm { 12 } else { 0 },
            _ => self.hours,
        };
        hours * 60 + self.minutes
    }
}

/// `H`, `HH`, `H:MM` or `HH:MM` at byte `start` of `text`, then optionally
/// (after at most one space) `am`, `pm`, `a.m.` or `p.m.`, whatever its numbers.
fn clock(text: &str, start: usize) -> Option<Clock> {
    let bytes = text.as_bytes();
    let hours_end = skip_digits(bytes, start);
    if !(1..=2).contains(&(hours_end - start)) {
        return None;
    }
    let number = |range: Range<usize>| {
        text[range]
            .bytes()
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let mut end = hours_end;
    let mut minutes = 0;
    let colon = bytes.get(end) == Some(&b':');
    if colon {
        let minutes_end = skip_digits(bytes, end + 1);
        if minutes_end - end != 3 {
            return None;
        }
        minutes = number(end + 1..minutes_end);
        end = minutes_end;
    }
    let word_start = end + usize::from(bytes.get(end) == Some(&b' '));
    let meridiem = [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)]
        .into_iter()
        .find(|(word, _)| {
            text.get(word_start..word_start + word.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(word))
                && !text[word_start + word.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char)
        });
    if let Some((word, _)) = meridiem {
        end = word_start + word.len();
    }
    Some(Clock {
        hours: number(start..hours_end),
        minutes,
        meridiem: meridiem.map(|(_, pm)| pm),
        colon,
        span: start..end,
    })
}

/// A clock range at byte `i`: two clocks joined by `-`, `–` or ` to `, each
/// with a colon or am/pm (a bare hour may start a range ending in am/pm:
/// `9-10am`). A side without am/pm takes the other's, unless that would put
/// the end before the start (`11:30-1pm`). Its end, and its minutes or the
/// problem with its first impossible clock.
fn clock_range(text: &str, i: usize) -> Option<(usize, Result<Amount, DurationProblem>)> {
    let from = clock(text, i)?;
    let after = skip_blanks(text, from.span.end);
    let rest = &text[after..];
    let separator = if rest.starts_with('-') {
        1
    } else if rest.starts_with('\u{2013}') {
        '\u{2013}'.len_utf8()
    } else if after > from.span.end
        && rest
            .get(..3)
            .is_some_and(|to| to.eq_ignore_ascii_case("to "))
    {
        2
    } else {
        return None;
    };
    let to = clock(text, skip_blanks(text, after + separator))?;
    let spelled = |c: &Clock| c.colon || c.meridiem.is_some();
    if !spelled(&to) || !(spelled(&from) || to.meridiem.is_some()) || !ends_token(text, to.span.end)
    {
        return None;
    }
    let end = to.span.end;
    if let Some(bad) = [&from, &to].into_iter().find(|c| !c.is_valid()) {
        let problem = DurationProblem {
            span: bad.span.clone(),
            kind: Kind::InvalidClock {
                clock: text[bad.span.clone()].to_owned(),
            },
        };
        return Some((end, Err(problem)));
    }
    let (start, stop) = match (from.meridiem, to.meridiem) {
        (None, Some(pm)) => {
            let stop = to.minute_of_day(Some(pm));
            let start = from.minute_of_day(Some(pm));
            (
                if start > stop {
                    from.minute_of_day(Some(!pm))
                } else {
                    start
                },
                stop,
            )
        }
        (Some(pm), None) => {
            let start = from.minute_of_day(Some(pm));
            let stop = to.minute_of_day(Some(pm));
            (
                start,
                if stop < start {
                    to.minute_of_day(Some(!pm))
                } else {
                    stop
                },
            )
        }
        (from_pm, to_pm) => (from.minute_of_day(from_pm), to.minute_of_day(to_pm)),
    };
    // A range whose end is before its start crosses midnight.
    let minutes = (stop + 24 * 60 - start) % (24 * 60);
    Some((end, Ok(Amount::Minutes(u64::from(minutes)))))
}

/// `0800-0825`: four digits, a dash, four digits, as 24-hour clocks. None
/// when the numbers are no clock times (`1990-2000` is no range).
fn four_digit_range(text: &str, i: usize) -> Option<(usize, Result<Amount, DurationProblem>)> {
    let bytes = text.as_bytes();
    let four = |at: usize| {
        (skip_digits(bytes, at) == at + 4).then(|| {
            let n = text[at..at + 4]
                .bytes()
                .fold(0, |n, b| n * 10 + u32::from(b - b'0'));
            (n / 100, n % 100)
        })
    };
    let (from_h, from_m) = four(i)?;
    let after = skip_blanks(text, i + 4);
    let separator = ["-", "\u{2013}"]
        .into_iter()
        .find(|dash| text[after..].starts_with(dash))?;
    let second = skip_blanks(text, after + separator.len());
    let (to_h, to_m) = four(second)?;
    let end = second + 4;
    if from_h > 23 || to_h > 23 || from_m > 59 || to_m > 59 || !ends_token(text, end) {
        return None;
    }
    let minutes = (to_h * 60 + to_m + 24 * 60 - from_h * 60 - from_m) % (24 * 60);
    Some((end, Ok(Amount::Minutes(u64::from(minutes)))))
}

fn skip_blanks(text: &str, mut i: usize) -> usize {
    while matches!(text.as_bytes().get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tag_names(text: &str) -> Vec<String> {
        tags(text).into_iter().map(|t| t.name).collect()
    }

    fn minutes(text: &str) -> Vec<u32> {
        let (found, problems) = durations(text);
        assert!(problems.is_empty(), "{text:?}: {problems:?}");
        found.iter().map(|d| d.minutes).collect()
    }

    fn problems(text: &str) -> Vec<String> {
        let (found, problems) = durations(text);
        assert!(found.is_empty(), "{text:?}: {found:?}");
        problems.into_iter().map(|p| p.kind.to_string()).collect()
    }

    fn keys_values(text: &str) -> Vec<(String, String)> {
        fields(text).into_iter().map(|f| (f.key, f.value)).collect()
    }

    fn kv(key: &str, value: &str) -> (String, String) {
        (key.to_owned(), value.to_owned())
    }

    #[test]
    fn tag_at_start_after_space_and_after_paren() {
        assert_eq!(
            tags("#system built (#deal) and #a"),
            vec![
                Tag {
                    written: None,
                    name: "system".into(),
                    at: 0
                },
                Tag {
                    written: None,
                    name: "deal".into(),
                    at: 15
                },
                Tag {
                    written: None,
                    name: "a".into(),
                    at: 26
                },
            ]
        );
    }

    #[test]
    fn tag_needs_space_or_paren_before_it() {
        assert!(tags("learning C# today").is_empty());
        assert!(tags("see https://x.org/#frag").is_empty());
        assert!(tags("x[#tag]").is_empty());
        assert_eq!(tag_names("#a#b"), ["a"]);
    }

    #[test]
    fn nothing_in_a_bare_url_is_a_tag() {
        assert!(tags("https://x.org/a(#frag)").is_empty());
        assert!(tags("(see https://x.org/a_(#b)) ok").is_empty());
        assert_eq!(tag_names("https://x.org/(#a) #b (#c)"), ["b", "c"]);
        assert_eq!(tag_names("ratio 2:// (#a)"), ["a"]);
    }

    #[test]
    fn tag_needs_a_character_that_is_not_a_digit() {
        assert!(tags("issue #123").is_empty());
        assert!(tags("issue #١٢٣").is_empty());
        assert_eq!(tag_names("#123abc"), ["123abc"]);
        assert_eq!(tag_names("#2026-q4"), ["2026-q4"]);
        assert_eq!(tag_names("#_"), ["_"]);
    }

    // Issue 15 item 12: tags in NFC, without invisible characters.
    #[test]
    fn item_12_tags_are_normalised_with_the_written_form_kept() {
        let found = tags(
            "#ad\u{200d}min #admin #cafe\u{301} #caf\u{e9} #\u{645}\u{6cc}\u{200c}\u{631}\u{648}\u{645}",
        );
        let names: Vec<&str> = found.iter().map(|tag| tag.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "admin",
                "admin",
                "caf\u{e9}",
                "caf\u{e9}",
                "\u{645}\u{6cc}\u{200c}\u{631}\u{648}\u{645}"
            ]
        );
        assert_eq!(found[0].written.as_deref(), Some("ad\u{200d}min"));
        assert_eq!(found[1].written, None);
        assert_eq!(found[2].written.as_deref(), Some("cafe\u{301}"));
        assert_eq!(found[3].written, None);
        assert_eq!(found[4].written, None, "a Persian ZWNJ is spelling");
    }

    #[test]
    fn tag_is_lower_cased() {
        assert_eq!(tag_names("#Deal #SALES/Q4"), ["deal", "sales/q4"]);
    }

    #[test]
    fn nested_tags_lose_trailing_slashes_and_dashes() {
        assert_eq!(tag_names("#a/b/c"), ["a/b/c"]);
        assert_eq!(tag_names("#a/b/ #c- #d/-/"), ["a/b", "c", "d"]);
        assert!(tags("#/ #- #--/").is_empty());
    }

    #[test]
    fn nested_tags_have_no_empty_parts() {
        assert_eq!(
            tag_names("#/a #a//b #//a///b/ #a/-//b"),
            ["a", "a/b", "a/b", "a/-/b"]
        );
        assert!(tags("#// #/123").is_empty());
    }

    #[test]
    fn tag_ends_at_punctuation() {
        assert_eq!(tag_names("#tag. #tag, #tag; (#tag) #tag's"), ["tag"; 5]);
    }

    #[test]
    fn headings_and_bare_hashes_are_not_tags() {
        assert!(tags("# heading").is_empty());
        assert!(tags("##tag").is_empty());
        assert!(tags("#").is_empty());
    }

    #[test]
    fn tags_in_any_script() {
        assert_eq!(tag_names("#café"), ["café"]);
        assert_eq!(tag_names("#Café"), ["café"]);
        // Counted in NFC (issue 15 item 12): the decomposed `é` is the `é` tag.
        assert_eq!(tag_names("#cafe\u{301} x"), ["caf\u{e9}"]);
        assert_eq!(tag_names("#日本語"), ["日本語"]);
        assert_eq!(tag_names("#Проект"), ["проект"]);
        assert_eq!(tag_names("#हिन्दी"), ["हिन्दी"]);
        assert_eq!(tag_names("#ที่ทำงาน"), ["ที่ทำงาน"]);
        assert_eq!(tag_names("#می\u{200C}خواهم"), ["می\u{200C}خواهم"]);
        assert_eq!(tag_names("x\u{3000}#日本"), ["日本"]);
    }

    #[test]
    fn whole_text_field() {
        let field = fields("  Time:: 2h  ");
        assert_eq!(
            field,
            vec![Field {
                key: "time".into(),
                value: "2h".into(),
                span: 2..11,
                value_span: 9..11,
            }]
        );
    }

    #[test]
    fn whole_text_field_only_when_it_is_the_whole_text() {
        assert!(fields("met Bob, time:: 2h").is_empty());
        assert!(fields("see [[Note]] time:: 2h").is_empty());
        assert!(fields(" :: 2h").is_empty());
        assert_eq!(keys_values("time spent:: 2h"), [kv("time spent", "2h")]);
    }

    #[test]
    fn bracketed_fields_anywhere() {
        let found = fields("call [Time:: 90m] with (Category:: admin)");
        assert_eq!(
            found,
            vec![
                Field {
                    key: "time".into(),
                    value: "90m".into(),
                    span: 5..17,
                    value_span: 13..16,
                },
                Field {
                    key: "category".into(),
                    value: "admin".into(),
                    span: 23..41,
                    value_span: 35..40,
                },
            ]
        );
    }

    #[test]
    fn bracketed_value_counts_nested_brackets_of_its_kind() {
        assert_eq!(keys_values("[time:: [[x]]]"), [kv("time", "[[x]]")]);
        assert_eq!(keys_values("(value:: f(x)) y"), [kv("value", "f(x)")]);
        assert_eq!(keys_values("[note:: a (b] c)"), [kv("note", "a (b")]);
        assert_eq!(keys_values("[a:: x]]"), [kv("a", "x")]);
    }

    #[test]
    fn unclosed_bracket_is_no_field() {
        assert!(fields("[time:: 2h").is_empty());
        assert!(fields("did x (time:: 2h").is_empty());
        assert!(fields("[time:: [[x]]").is_empty());
        assert_eq!(keys_values("[a:: [b] (c:: d)"), [kv("c", "d")]);
    }

    #[test]
    fn key_rules() {
        assert_eq!(keys_values("[Time Spent :: 1h]"), [kv("time spent", "1h")]);
        assert_eq!(
            keys_values("[saves-per_week2:: x]"),
            [kv("saves-per_week2", "x")]
        );
        assert!(fields("[ time:: 1h]").is_empty());
        assert!(fields("[time: 1h]").is_empty());
        assert!(fields("[[Note]]").is_empty());
        assert_eq!(keys_values("[k::]"), [kv("k", "")]);
    }

    #[test]
    fn fields_do_not_nest_and_bracketed_ones_win() {
        assert_eq!(keys_values("[a:: (b:: c)]"), [kv("a", "(b:: c)")]);
        assert_eq!(
            keys_values("time:: 2h (category:: admin)"),
            [kv("category", "admin")]
        );
    }

    #[test]
    fn every_duration_form() {
        for (text, expected) in [
            ("90m", 90),
            ("90min", 90),
            ("90mins", 90),
            ("2h", 120),
            ("1.5h", 90),
            ("2hr", 120),
            ("2hrs", 120),
            ("1h30m", 90),
            ("1h30", 90),
            ("1h30min", 90),
            ("1h30mins", 90),
            ("1.5hrs", 90),
            ("0m", 0),
        ] {
            assert_eq!(minutes(text), [expected], "{text}");
        }
    }

    #[test]
    fn separate_tokens_add_up() {
        let found = minutes("wrote 1h 30m");
        assert_eq!(found, [60, 30]);
        assert_eq!(found.iter().sum::<u32>(), 90);
    }

    #[test]
    fn duration_spans() {
        let (found, _) = durations("spent 2h (1h30m) on it");
        let spans: Vec<_> = found.into_iter().map(|d| d.span).collect();
        assert_eq!(spans, [6..8, 10..15]);
    }

    #[test]
    fn duration_must_stand_alone() {
        for text in [
            "$2m", "2mo", "a2h", "2hours", "x-2h", "2h-3h", "1.5h30m", "2h.5", "2h/", "1h30x",
            "2.h", ".5h",
        ] {
            assert_eq!(minutes(text), [] as [u32; 0], "{text}");
        }
        for text in [
            "2h,",
            "(2h)",
            "[2h]",
            "2h.",
            "2h;",
            "2h:",
            "x 2h y",
            "2h\tx",
            "x\u{a0}2h",
            // SPEC 4 (v2): case-insensitive, `~`, decimal comma.
            "2H",
            "~2h",
            "(~2h)",
            "1,5h 30m",
        ] {
            assert_eq!(minutes(text).iter().sum::<u32>(), 120, "{text}");
        }
        assert_eq!(minutes("[90m]"), [90]);
    }

    #[test]
    fn fractions_of_a_minute_round_half_up() {
        assert_eq!(minutes("1.5h"), [90]);
        assert_eq!(minutes("0.5m"), [1]);
        assert_eq!(minutes("0.25m"), [0]);
        assert_eq!(minutes("1.01h"), [61]);
        assert_eq!(minutes("0.025h"), [2]);
        assert_eq!(minutes("0.0249h"), [1]);
        assert_eq!(minutes("0.008333333333333333334h"), [1]);
        assert_eq!(minutes("0.008333333333333333333h"), [0]);
    }

    #[test]
    fn more_than_a_day_is_a_problem() {
        assert_eq!(minutes("24h"), [1440]);
        assert_eq!(minutes("1440m"), [1440]);
        assert_eq!(
            problems("25h"),
            ["duration of 25 hours is longer than a day"]
        );
        assert_eq!(
            problems("1441m"),
            ["duration of 24.02 hours is longer than a day"]
        );
        assert_eq!(
            problems("24h30m"),
            ["duration of 24.5 hours is longer than a day"]
        );
        let (_, found) = durations("x 123456789012345678901234567890m");
        assert_eq!(
            found,
            vec![DurationProblem {
                span: 2..33,
                kind: Kind::TooLarge,
            }]
        );
        assert!(found[0].kind.hint().is_some());
        assert_eq!(problems("99999999999999999999h"), ["duration is too large"]);
        assert_eq!(minutes("000000000000000000000000000090m"), [90]);
    }

    #[test]
    fn leading_clock_range() {
        assert_eq!(minutes("09:00-10:30 standup"), [90]);
        assert_eq!(minutes("9:00\u{2013}10:30 standup"), [90]);
        assert_eq!(minutes("9:00 - 10:30"), [90]);
        assert_eq!(minutes("  9:00 -10:30: standup"), [90]);
        assert_eq!(minutes("9:00-9:00"), [0]);
        assert_eq!(minutes("09:00-10:30, prep 30m"), [90, 30]);
        let (found, _) = durations(" 9:00 - 10:30 x");
        assert_eq!(found[0].span, 1..13);
    }

    #[test]
    fn clock_range_crossing_midnight() {
        assert_eq!(minutes("23:30-00:15"), [45]);
        assert_eq!(minutes("22:00-1:00"), [180]);
    }

    #[test]
    fn impossible_clock_is_a_problem() {
        let (found, problems) = durations("25:00-26:00 x");
        assert!(found.is_empty());
        assert_eq!(
            problems,
            vec![DurationProblem {
                span: 0..5,
                kind: Kind::InvalidClock {
                    clock: "25:00".into()
                },
            }]
        );
        let (found, problems) = durations("9:00-9:75");
        assert!(found.is_empty());
        assert_eq!(problems[0].kind.to_string(), "invalid clock time 9:75");
        assert_eq!(problems[0].span, 5..9);
    }

    #[test]
    fn single_times_and_garbled_clocks_are_no_duration() {
        for text in [
            "9:00",
            "at 9am",
            "9:0-10:00",
            "100:00-101:00",
            "9-10",
            "Round 1 - 25",
            "x9:00-10:00",
        ] {
            assert_eq!(durations(text), (vec![], vec![]), "{text}");
        }
    }

    // SPEC 4 (v2) Durations: clock ranges anywhere, with am/pm and `to`.
    #[test]
    fn clock_ranges_anywhere() {
        for (text, expected) in [
            ("Sync with Ana 14:00-15:00", 60),
            ("standup 9:00 - 10:30", 90),
            ("Deep work (08:30-09:45)", 75),
            ("10:00 to 17:30 workshop", 450),
            ("9:00 AM - 10:30 AM call", 90),
            ("9am-10:30am", 90),
            ("9am - 10am", 60),
            ("9:30-11am", 90),
            ("11:30-1pm lunch", 90),
            ("9-10am", 60),
            ("10pm-1am", 180),
            ("9 a.m. - 5 p.m.", 480),
            ("09:00-10:30am", 90),
            ("5:30 to 6:30pm", 60),
            ("11:30AM to 2pm: Meeting", 150),
            ("9 to 10AM: Travel", 60),
            ("08:45-12:13 (3 hours and 28 minutes)(208)", 208),
            ("0800-0825 email", 25),
        ] {
            assert_eq!(minutes(text), [expected], "{text}");
        }
        assert_eq!(problems("x 25:00-26:00"), ["invalid clock time 25:00"]);
        assert_eq!(problems("x 13pm-2pm"), ["invalid clock time 13pm"]);
    }

    // SPEC 4 (v2): `0800-0825` only at the start; years are no clocks.
    #[test]
    fn four_digit_ranges_only_at_the_start() {
        assert_eq!(minutes("#email 0800-0825 inbox"), [25]);
        assert!(minutes("review 0800-0825").is_empty());
        assert!(minutes("1990-2000 retrospective").is_empty());
        assert_eq!(field_minutes("0800-0825"), (Some(25), vec![]));
    }

    // SPEC 4 (v2) Durations: spaced forms at the start, the end, or in brackets.
    #[test]
    fn spaced_forms_at_the_edges() {
        for (text, expected) in [
            ("45 mins standup", 45),
            ("#client 2 hours drafting", 120),
            ("drafting the proposal 1.5 hrs", 90),
            ("drafting 1 hr 15 min", 75),
            ("drafting 1 hour 30 minutes #client", 90),
            ("wrote the doc **(3 hours)** then stopped", 180),
            ("reviewed PRs [15 mins] and lunch", 15),
            ("reviewed (~1 hour) and lunch", 60),
            ("Round 1 - 25 min", 25),
            ("3 Hours: migration", 180),
            ("call with Bo, 30 minutes.", 30),
            ("2 h deep work", 120),
            ("one 1h 15 min", 75),
            ("1h 15 min drafting", 60),
        ] {
            assert_eq!(minutes(text).iter().sum::<u32>(), expected, "{text}");
        }
    }

    // SPEC 4 (v2): "every 2 hours" in prose stays prose.
    #[test]
    fn spaced_forms_in_prose_are_no_durations() {
        for text in [
            "stretch every 2 hours during the day",
            "a 2 hour drive to Lyon",
            "after 45 mins of waiting it worked",
            "meet (in 3 hours or so) again",
        ] {
            assert!(minutes(text).is_empty(), "{text}");
        }
    }

    // SPEC 4 (v2): estimates count nothing.
    #[test]
    fn estimates_are_no_durations() {
        for text in [
            "research 1-2 hours",
            "(6\u{2013}8 hours)",
            "1-2h refactor",
            "~1-2h",
            "1.5-2 hrs",
        ] {
            assert!(minutes(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn field_minutes_adds_durations_or_reads_a_bare_integer() {
        assert_eq!(field_minutes("2h"), (Some(120), vec![]));
        assert_eq!(field_minutes("1h 30m"), (Some(90), vec![]));
        assert_eq!(field_minutes(" 90 "), (Some(90), vec![]));
        assert_eq!(field_minutes("09:00-10:30"), (Some(90), vec![]));
        assert_eq!(field_minutes("0"), (Some(0), vec![]));
        assert_eq!(field_minutes("soon"), (None, vec![]));
        assert_eq!(field_minutes(""), (None, vec![]));
        // SPEC 4 (v2): one grammar for text and fields.
        assert_eq!(field_minutes("45 mins"), (Some(45), vec![]));
        assert_eq!(field_minutes("about 1 hr 15 min"), (Some(75), vec![]));
        assert_eq!(field_minutes("9am-10am"), (Some(60), vec![]));
    }

    #[test]
    fn field_minutes_problems() {
        let (total, problems) = field_minutes("30h");
        assert_eq!(total, None);
        assert_eq!(
            problems[0].kind.to_string(),
            "duration of 30 hours is longer than a day"
        );
        let (total, problems) = field_minutes(" 2000");
        assert_eq!(total, None);
        assert_eq!(problems[0].span, 1..5);
        let (total, problems) = field_minutes("25:00-26:00");
        assert_eq!((total, problems.len()), (None, 1));
    }

    #[test]
    fn saves_reads_duration_per_period() {
        assert_eq!(saves("2h/week"), Ok((120, 7)));
        assert_eq!(saves("30m / day"), Ok((30, 1)));
        assert_eq!(saves("1h30m/month"), Ok((90, 30)));
        assert_eq!(saves("1.5h/Quarter"), Ok((90, 91)));
        assert_eq!(saves(" 15min/years "), Ok((15, 365)));
        assert_eq!(saves("2h/WEEKS"), Ok((120, 7)));
        assert_eq!(saves("30h/month"), Ok((1800, 30)));
    }

    #[test]
    fn saves_errors() {
        for value in [
            "2h",
            "2h/fortnight",
            "2 hours/week",
            "2h 30m/week",
            "/week",
            "2h/",
            "x2h/week",
            "2h/s",
            "90/day",
        ] {
            assert!(saves(value).is_err(), "{value}");
        }
        assert_eq!(
            saves("30h/day").map_err(|kind| kind.to_string()),
            Err("duration of 30 hours is longer than a day".to_owned())
        );
        assert_eq!(
            saves("/week").map_err(|kind| kind.to_string()),
            Err("expected a duration per period, like `2h/week`, found `/week`".to_owned())
        );
        assert_eq!(
            saves("2 hours/week").map_err(|kind| kind.to_string()),
            Err("`2 hours` is not a duration, like `2h/week`".to_owned())
        );
        assert_eq!(
            saves("2h/fortnight").map_err(|kind| kind.to_string()),
            Err(
                "unknown period `fortnight`, expected day, week, month, quarter or year".to_owned()
            )
        );
    }

    #[test]
    fn numbers() {
        for (text, expected) in [
            ("42", 42.0),
            (" 7 ", 7.0),
            ("-3.5", -3.5),
            ("+2", 2.0),
            ("1,234.5", 1234.5),
            ("1,234,567", 1_234_567.0),
            ("1_000", 1000.0),
            ("0.25", 0.25),
        ] {
            assert_eq!(number(text), Some(expected), "{text}");
        }
        for text in [
            "", "-", "12%", "5 kg", "5kg", "1,5", "1,2345", "1234,567", "1.", ".5", "1__0", "_1",
            "1_", "1.2.3", "--1", "1e5", "inf", "NaN", "1,_234",
        ] {
            assert_eq!(number(text), None, "{text}");
        }
    }

    #[test]
    fn pathological_inputs_stay_linear() {
        // Each would take minutes if any scan restarted from every position.
        let n = 200_000;
        assert!(fields(&"[a:: ".repeat(n)).is_empty());
        assert!(fields(&"(a ".repeat(n)).is_empty());
        assert_eq!(fields(&"[a:: [".repeat(n)).len(), 0);
        assert!(tags(&"#1".repeat(n)).is_empty());
        assert!(durations(&" 1".repeat(n)).0.is_empty());
        assert!(durations(&"1.".repeat(n)).0.is_empty());
        assert_eq!(durations(&format!("{}m", "0".repeat(n))).0[0].minutes, 0);
        assert_eq!(number(&"1".repeat(n)), None);
    }

    fn on_boundaries(text: &str, span: &Range<usize>) -> bool {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    }

    fn check_everything(text: &str) {
        for tag in tags(text) {
            assert!(text.is_char_boundary(tag.at) && text[tag.at..].starts_with('#'));
            assert!(!tag.name.is_empty());
        }
        for field in fields(text) {
            assert!(on_boundaries(text, &field.span));
            assert!(on_boundaries(text, &field.value_span));
            assert!(field.span.start <= field.value_span.start);
            assert!(field.value_span.end <= field.span.end);
            assert_eq!(text[field.value_span.clone()], field.value);
        }
        let (found, problems) = durations(text);
        for span in found
            .iter()
            .map(|d| &d.span)
            .chain(problems.iter().map(|p| &p.span))
        {
            assert!(on_boundaries(text, span));
        }
        assert!(found.iter().all(|d| d.minutes <= 1440));
        let (_, problems) = field_minutes(text);
        assert!(problems.iter().all(|p| on_boundaries(text, &p.span)));
        if let Ok((minutes, per_days)) = saves(text) {
            assert!(u64::from(minutes) <= DAY_MINUTES * u64::from(per_days));
        }
        let _ = number(text);
    }

    proptest! {
        #[test]
        fn nothing_panics_and_spans_are_sound(text in any::<String>()) {
            check_everything(&text);
        }

        #[test]
        fn nothing_panics_on_near_misses(
            text in "[0-9hmrsin:.\u{2013}\\-\\[\\]()# a-zé日\u{94d}_,/%+]{0,40}"
        ) {
            check_everything(&text);
        }

        #[test]
        fn minutes_round_trip(n in 0_u32..=1440) {
            prop_assert_eq!(minutes(&format!("{n}m")), [n]);
            prop_assert_eq!(minutes(&format!("({n}min)")), [n]);
        }

        #[test]
        fn hours_and_minutes_round_trip(h in 0_u32..24, m in 0_u32..60) {
            prop_assert_eq!(minutes(&format!("x {h}h{m}m y")), [h * 60 + m]);
            prop_assert_eq!(minutes(&format!("{h}h{m}")), [h * 60 + m]);
            prop_assert_eq!(minutes(&format!("{h}.{m}h")), [
                // Exact decimal arithmetic: h.m hours, rounded half up.
                u32::try_from((u64::from(h) * 60 * 10_u64.pow(digits(m)) + u64::from(m) * 60
                    + 10_u64.pow(digits(m)) / 2) / 10_u64.pow(digits(m))).unwrap()
            ]);
        }

        #[test]
        fn clock_ranges_round_trip(from in 0_u32..1440, to in 0_u32..1440) {
            let text = format!("{}:{:02}-{:02}:{:02} x", from / 60, from % 60, to / 60, to % 60);
            prop_assert_eq!(minutes(&text), [(to + 1440 - from) % 1440]);
        }

        // SPEC 4 (v2): no duration is read inside a word or a bare URL.
        #[test]
        fn no_duration_inside_a_word_or_url(
            word in "[a-zA-Z_]{1,6}",
            h in 0_u32..24,
            m in 0_u32..60,
        ) {
            for text in [
                format!("{word}{h}h{m}m"),
                format!("{h}h{m}mx{word}"),
                format!("{word}{h}:{m:02}-{h}:{m:02}"),
                format!("{word}{h} hours"),
                format!("{h}-{m} hours"),
                format!("https://x.org/{h}h/{m}min?t={h}:{m:02}-{h}:{m:02}"),
                format!("see https://x.org/{word}/{m}m ok"),
            ] {
                prop_assert!(durations(&text).0.is_empty(), "{}", text);
            }
        }

        // SPEC 4 (v2): durations written in different forms add up.
        #[test]
        fn forms_add_up(
            h in 0_u32..5,
            m in 0_u32..60,
            spaced in 0_u32..300,
            from in 0_u32..1440,
            to in 0_u32..1440,
        ) {
            let range = (to + 1440 - from) % 1440;
            let text = format!(
                "{h}h{m}m review [{spaced} mins] sync {}:{:02} - {}:{:02} #x",
                from / 60, from % 60, to / 60, to % 60
            );
            prop_assert_eq!(minutes(&text).iter().sum::<u32>(), h * 60 + m + spaced + range);
            let text = format!("#x {h} hr {m} min on the spec {h}H{m}");
            prop_assert_eq!(minutes(&text).iter().sum::<u32>(), 2 * (h * 60 + m));
        }

        #[test]
        fn tags_round_trip(w in "\\p{L}[\\p{L}\\p{Nd}_]{0,12}") {
            prop_assert_eq!(tag_names(&format!("x #{w} y")), [normalise_tag(w.to_lowercase()).0]);
        }
    }

    fn digits(n: u32) -> u32 {
        n.checked_ilog10().unwrap_or(0) + 1
    }
}

//! SPEC 4 Durations (v2): every duration form, clock ranges and `saves::` rates.

use std::ops::Range;

use super::{is_tag_char, is_word_mark, trimmed};
use crate::diagnostic::Kind;

/// The longest single duration an activity may have, in minutes: one day.
pub(super) const DAY_MINUTES: u64 = 24 * 60;

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

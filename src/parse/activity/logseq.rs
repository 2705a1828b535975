//! SPEC 4 (v2) Logseq: its outline read as Logseq reads it, its markers and
//! its `:LOGBOOK:` clocks.

use std::borrow::Cow;

use super::reader::Reader;
use super::{Open, Status, is_rule};
use crate::diagnostic::Kind as DiagnosticKind;
use jiff::civil::Date;

/// SPEC 4 (v2) Outlines: a Logseq page's body rewritten so that `CommonMark`
/// reads each line that is blanks then `- ` as a block at its depth (a tab or
/// two spaces per level), never as indented code, and the other lines as the
/// content of the block above them. A block that is a rule (`- ---`) stays a
/// block. Returns the text, and for each line where its content starts: (offset
/// in the text, offset in the note); content is copied unchanged.
pub(super) fn logseq_outline(body: &str, base: usize) -> (Cow<'_, str>, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(body.len() + body.len() / 4);
    let mut map = Vec::new();
    let mut depth: Option<usize> = None;
    let mut fence = false;
    let mut offset = base;
    for line in body.split_inclusive('\n') {
        let content = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - content.len()];
        let stripped = content.trim_end();
        let is_block = !fence && (stripped == "-" || content.starts_with("- "));
        if is_block {
            let level = indent
                .chars()
                .map(|c| if c == '\t' { 2 } else { 1 })
                .sum::<usize>()
                / 2;
            // A block deeper than one below the block above is as deep as
            // it can be: CommonMark would read four more spaces as code.
            let level = level.min(depth.map_or(0, |above| above + 1));
            depth = Some(level);
            out.push_str(&"  ".repeat(level));
            let rest = stripped.get(2..).unwrap_or("");
            if is_rule(rest) {
                // `- ---` would be a thematic break, not a block.
                out.push_str("- \\");
                map.push((out.len(), offset + indent.len() + 2));
                out.push_str(&content[2..]);
                offset += line.len();
                continue;
            }
        } else if let Some(level) = depth.filter(|_| !stripped.is_empty()) {
            out.push_str(&"  ".repeat(level + 1));
        } else if !stripped.is_empty() {
            // A line before any block: the page's properties or a heading.
            depth = None;
            out.push_str(indent);
        }
        if !is_block && (stripped.starts_with("```") || stripped.starts_with("~~~")) {
            fence = !fence;
        }
        map.push((out.len(), offset + indent.len()));
        out.push_str(content);
        offset += line.len();
    }
    if map.first().is_none_or(|&(start, _)| start > 0) {
        map.insert(0, (0, base));
    }
    (Cow::Owned(out), map)
}

/// Whether the item's text is only a `:LOGBOOK:` drawer (a Logseq block
/// clocked and left empty): an empty item, whatever its clocks say.
pub(super) fn only_a_drawer(item: &Open) -> bool {
    let Some(begin) = item.scan.find(":LOGBOOK:") else {
        return false;
    };
    let end = item.scan[begin..]
        .find(":END:")
        .map_or(item.scan.len(), |end| begin + end + ":END:".len());
    item.links.is_empty()
        && item.scan[..begin].trim().is_empty()
        && item.scan[end..].trim().is_empty()
}

/// SPEC 4 Status: Logseq's markers, upper-case and followed by a space.
pub(super) const LOGSEQ_MARKERS: [(&str, Option<Status>); 9] = [
    ("DONE", Some(Status::Done)),
    ("TODO", Some(Status::Planned)),
    ("LATER", Some(Status::Planned)),
    ("NOW", Some(Status::Planned)),
    ("DOING", Some(Status::Planned)),
    ("WAITING", Some(Status::Planned)),
    // Older Logseq versions wrote `WAIT`.
    ("WAIT", Some(Status::Planned)),
    ("CANCELED", None),
    ("CANCELLED", None),
];

/// What an item's `:LOGBOOK:` drawer holds.
pub(super) struct Logbook {
    /// The counted entries' total, None when none counts.
    pub(super) minutes: Option<u32>,
    pub(super) entries: usize,
}

/// One `CLOCK: [2026-11-04 Wed 09:00:05]--[2026-11-04 Wed 10:30:00] =>  01:29:55`
/// line: the day it started, and its seconds (None while it runs).
pub(super) struct ClockEntry {
    pub(super) started: Date,
    pub(super) seconds: Option<u64>,
}

pub(super) fn clock_entry(line: &str) -> Option<ClockEntry> {
    let rest = line
        .strip_prefix("CLOCK:")?
        .trim_start()
        .strip_prefix('[')?;
    let started = rest.get(..10)?.parse::<Date>().ok()?;
    let Some((_, total)) = rest.split_once("=>") else {
        return Some(ClockEntry {
            started,
            seconds: None,
        });
    };
    let parts: Vec<u64> = total
        .trim()
        .split(':')
        .map(|part| part.parse().ok())
        .collect::<Option<_>>()?;
    let seconds = match parts[..] {
        [h, m, s] => h.saturating_mul(3600).saturating_add(m * 60 + s),
        [h, m] => h.saturating_mul(3600).saturating_add(m * 60),
        _ => return None,
    };
    Some(ClockEntry {
        started,
        seconds: Some(seconds),
    })
}

impl Reader<'_> {
    /// SPEC 4 (v2) Logseq clocks: the item's `:LOGBOOK:` drawer, blanked
    /// from its text; None without one. Counted entries add up in seconds.
    pub(super) fn logbook(&mut self, item: &mut Open) -> Option<Logbook> {
        let begin = item.scan.find(":LOGBOOK:")?;
        let end = item.scan[begin..]
            .find(":END:")
            .map_or(item.scan.len(), |end| begin + end + ":END:".len());
        let drawer = item.scan[begin..end].to_owned();
        item.blank(begin..end);
        let mut seconds = 0u64;
        let mut counted = 0;
        let mut offset = begin;
        for entry in drawer.split('\n') {
            let at = offset + (entry.len() - entry.trim_start().len());
            offset += entry.len() + 1;
            let Some(clock) = clock_entry(entry.trim()) else {
                continue;
            };
            let Some(duration) = clock.seconds else {
                continue; // Still running: a signal, no time.
            };
            if duration < 60 {
                continue; // A start/stop toggle.
            }
            if let Some(note) = self.context.date
                && clock.started != note
            {
                let kind = DiagnosticKind::ClockOtherDay {
                    started: clock.started,
                    note,
                };
                self.warn(item, at, kind);
                continue;
            }
            if duration > 12 * 3600 {
                let hours = format!("{:.1}", duration as f64 / 3600.0);
                let hours = hours.trim_end_matches(".0").to_owned();
                self.warn(item, at, DiagnosticKind::LongClock { hours });
                continue;
            }
            seconds += duration;
            counted += 1;
        }
        Some(Logbook {
            minutes: (counted > 0).then(|| u32::try_from((seconds + 30) / 60).unwrap_or(u32::MAX)),
            entries: counted,
        })
    }
}

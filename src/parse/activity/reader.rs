//! The reader of one note's list items: what each item is, its status,
//! tags, durations, fields and links.

use std::collections::HashSet;
use std::ops::Range;

use jiff::civil::Date;
use pulldown_cmark::LinkType;

use super::logseq::{LOGSEQ_MARKERS, Logbook, only_a_drawer};
use super::{
    Context, Extracted, Item, Located, Open, Saves, Shown, Skipped, Status, Target, Why, blanked,
    is_rule,
};
use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind, LineIndex};
use crate::parse::inline;
use crate::parse::link::{LinkRead, read_link};

/// One finished list item, for the links of details, which are only known
/// once the items nested under an activity have been read.
pub(super) struct Node {
    pub(super) parent: Option<usize>,
    pub(super) own_links: Vec<usize>,
    /// The activity whose detail it is.
    pub(super) detail_of: Option<usize>,
    /// Index into `items` (an activity) or `checkins` (a check-in only).
    pub(super) item: Option<usize>,
    pub(super) checkin: Option<usize>,
}

pub(super) struct Reader<'a> {
    pub(super) path: &'a str,
    pub(super) folder: &'a str,
    pub(super) text: &'a str,
    pub(super) lines: LineIndex<'a>,
    pub(super) context: Context<'a>,
    pub(super) nodes: Vec<Node>,
    pub(super) out: Extracted,
}

impl Reader<'_> {
    /// Reads an item's first block once it is complete, and records the item
    /// when it is an activity. `parent` is the enclosing item, already finished.
    pub(super) fn finish(&mut self, item: &mut Open, parent: Option<&Open>) {
        if item.finished {
            return;
        }
        item.finished = true;
        item.collecting = false;
        let line = self.lines.position(item.start).0;
        let node = self.nodes.len();
        item.node = node;
        let enclosing = parent.and_then(|parent| parent.activity);
        let parent_node = parent.map(|parent| parent.node);
        let inherited_tags = parent.map_or(&[][..], |parent| parent.all_tags.as_slice());

        // SPEC 4 (v2) Never activities: empty, or only an image, a file
        // embed, a quote, code or a rule. Not a detail either.
        let never = !item.content || is_rule(&item.scan) || only_a_drawer(item);
        if never {
            item.all_tags = inherited_tags.to_vec();
            item.activity = enclosing;
            self.nodes.push(Node {
                parent: parent_node,
                own_links: Vec::new(),
                detail_of: None,
                item: None,
                checkin: None,
            });
            self.out.skipped.push(Skipped {
                line,
                why: Why::Never,
            });
            return;
        }

        // SPEC 4 Status: checkbox, `[-]`, or a Logseq marker opening the text.
        let leading = item.scan.len() - item.scan.trim_start().len();
        let mut status = match item.checkbox {
            Some(false) => Some(Status::Planned),
            _ => Some(Status::Done),
        };
        let mut marker = false;
        if item.checkbox.is_none() {
            let rest = &item.scan[leading..];
            if rest.starts_with("[-]") {
                status = None;
            } else if let Some((word, marked)) = LOGSEQ_MARKERS.iter().find(|(word, _)| {
                rest.strip_prefix(word)
                    .is_some_and(|after| after.is_empty() || after.starts_with(char::is_whitespace))
            }) {
                status = *marked;
                marker = true;
                item.blank(leading..leading + word.len());
            }
        }
        // SPEC 4 (v2): the Obsidian Tasks plugin's dates.
        let mut done_on = None;
        for (range, mark, date) in tasks_dates(&item.scan) {
            item.blank(range);
            match mark {
                '✅' => {
                    status = Some(Status::Done);
                    done_on = Some(date);
                }
                '❌' => status = None,
                _ => {}
            }
        }
        // SPEC 4 (v2) Logseq clocks: the drawer is read, never shown.
        let logbook = self.logbook(item);

        // SPEC 4 Inline fields: bracketed anywhere, or `key:: value` as a whole line.
        let mut fields = Vec::new();
        let mut line_start = 0;
        for text_line in item.scan.split('\n') {
            fields.extend(inline::fields(text_line).into_iter().map(|mut field| {
                field.span = field.span.start + line_start..field.span.end + line_start;
                field.value_span =
                    field.value_span.start + line_start..field.value_span.end + line_start;
                field
            }));
            line_start += text_line.len() + 1;
        }
        let mut masked = item.scan.clone();
        for field in &fields {
            masked.replace_range(field.span.clone(), &" ".repeat(field.span.len()));
        }

        let mut tags: Vec<(usize, String)> = Vec::new();
        // What the site leaves out of the item's words (issue 14).
        let mut markup: Vec<Range<usize>> = fields.iter().map(|f| f.span.clone()).collect();
        for tag in inline::tags(&masked) {
            markup.push(tag.at..tag.end);
            if let Some(written) = tag.written {
                let kind = DiagnosticKind::TagNormalised {
                    written,
                    tag: tag.name.clone(),
                };
                self.warn(item, tag.at, kind);
            }
            tags.push((tag.at, tag.name));
        }
        // Fields never overlap: sorted by start, a binary search finds the one
        // that could hold a link (an item may hold 50,000 of each).
        let mut field_spans: Vec<_> = fields.iter().map(|field| field.span.clone()).collect();
        field_spans.sort_unstable_by_key(|span| span.start);
        let in_field = |offset: &usize| {
            let after = field_spans.partition_point(|span| span.start <= *offset);
            after > 0 && field_spans[after - 1].contains(offset)
        };
        tags.extend(
            item.bracket_tags
                .iter()
                .filter(|(offset, _)| !in_field(offset))
                .cloned(),
        );
        tags.sort_by_key(|(offset, _)| *offset);
        let written = inline::durations(&masked);
        markup.extend(written.0.iter().map(|d| d.span.clone()));
        self.lazy_lines(item, &masked, &tags, &written.0);
        let (minutes, timed_by) = self.minutes(item, &masked, &fields, written, logbook.as_ref());
        let own_links: Vec<usize> = item
            .links
            .iter()
            .filter(|(offset, _)| !in_field(offset))
            .map(|&(_, link)| link)
            .collect();
        let own_tags = unique(tags.into_iter().map(|(_, tag)| tag));
        let own_links = unique(own_links.into_iter());
        item.all_tags = unique(own_tags.iter().chain(inherited_tags).cloned());

        // SPEC 4 (v2) What is an activity: a signal of its own, or a place
        // in a list under an activity heading.
        let timed_field = fields
            .iter()
            .any(|field| field.key == "time" || field.key == "duration");
        let signal = !own_tags.is_empty()
            || minutes.is_some()
            || timed_field
            || item.checkbox.is_some()
            || marker
            || logbook.is_some();
        if item.heading {
            item.lists_activities = self.context.config.is_activity_heading(&item.plain);
        }
        // A Logseq heading block (`- ### [[Alex]] #meeting`) is a block like
        // any other: its signals count.
        let is_activity = signal || item.listed;
        let mut node_entry = Node {
            parent: parent_node,
            own_links: own_links.clone(),
            detail_of: None,
            item: None,
            checkin: None,
        };
        let mut record = Item {
            line,
            text: shown_text(&item.plain),
            status: status.unwrap_or(Status::Done),
            done_on,
            tags: item.all_tags.clone(),
            own_tags: own_tags.len(),
            minutes,
            timed_by,
            links: own_links,
            own_links: 0,
            detail_links: 0,
            category: None,
            words: crate::category::own_words(&masked),
            value: None,
            value_links: Vec::new(),
            saves: None,
            shown: shown(item, markup),
        };
        record.own_links = record.links.len();
        for field in &fields {
            self.field(item, field, &mut record);
        }
        if is_activity {
            item.activity = Some(node);
            match status {
                Some(_) => {
                    node_entry.item = Some(self.out.items.len());
                    self.out.items.push(record);
                }
                // A cancelled activity is still the activity of its details.
                None => self.out.skipped.push(Skipped {
                    line,
                    why: Why::Cancelled,
                }),
            }
        } else {
            item.activity = enclosing;
            // SPEC 4 (v2) Details: no signal of its own, under an activity.
            node_entry.detail_of = enclosing;
            let why = match enclosing {
                Some(activity) => Why::DetailOf(self.node_line(activity)),
                None if status.is_none() => Why::Cancelled,
                None => Why::NoSignal,
            };
            self.out.skipped.push(Skipped { line, why });
            // SPEC 5 (v2): a done item with `value::` is a check-in, activity or not.
            if status == Some(Status::Done) && record.value.is_some() {
                node_entry.checkin = Some(self.out.checkins.len());
                self.out.checkins.push(record);
            }
        }
        self.nodes.push(node_entry);
    }

    /// The line of the item of a node that is an activity.
    pub(super) fn node_line(&self, node: usize) -> u32 {
        match self.nodes[node].item {
            Some(item) => self.out.items[item].line,
            None => self
                .out
                .skipped
                .iter()
                .rev()
                .find(|skipped| skipped.why == Why::Cancelled)
                .map_or(0, |skipped| skipped.line),
        }
    }

    /// SPEC 4 (v2) Details and Inheritance: once every item is read, each
    /// activity's links are its own, then its details', then those of every
    /// item enclosing it (nearest first, each with its details' links).
    pub(super) fn links_of_details(&mut self) {
        let mut details: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        for node in &self.nodes {
            if let Some(activity) = node.detail_of {
                details[activity].extend(&node.own_links);
            }
        }
        let mut all: Vec<Vec<usize>> = Vec::with_capacity(self.nodes.len());
        for (index, node) in self.nodes.iter().enumerate() {
            let inherited = node.parent.map_or(&[][..], |parent| all[parent].as_slice());
            let links = unique(
                node.own_links
                    .iter()
                    .chain(&details[index])
                    .chain(inherited)
                    .copied(),
            );
            if let Some(item) = node.item {
                let item = &mut self.out.items[item];
                let own = unique(node.own_links.iter().copied()).len();
                item.own_links = own;
                item.detail_links =
                    unique(node.own_links.iter().chain(&details[index]).copied()).len() - own;
                if item.value.is_some() {
                    item.value_links = unique(node.own_links.iter().chain(inherited).copied());
                }
                item.links.clone_from(&links);
            }
            if let Some(checkin) = node.checkin {
                let item = &mut self.out.checkins[checkin];
                item.value_links = unique(node.own_links.iter().chain(inherited).copied());
                item.links.clone_from(&item.value_links);
            }
            all.push(links);
        }
    }

    /// SPEC 4 (v2) Lazy continuation: a line of the item's paragraph that
    /// starts a line of the note, unindented, and holds a tag or a duration.
    pub(super) fn lazy_lines(
        &mut self,
        item: &Open,
        masked: &str,
        tags: &[(usize, String)],
        durations: &[inline::Duration],
    ) {
        let mut line_start = 0;
        for text_line in masked.split('\n') {
            let start = line_start;
            line_start += text_line.len() + 1;
            if start == 0 {
                continue;
            }
            let end = start + text_line.len();
            let source = item.source_offset(start);
            let unindented = source == 0 || self.text.as_bytes().get(source - 1) == Some(&b'\n');
            let holds = tags.iter().any(|(at, _)| (start..end).contains(at))
                || durations
                    .iter()
                    .any(|duration| (start..end).contains(&duration.span.start));
            if unindented && holds && !text_line.trim().is_empty() {
                let position = self.lines.position(source);
                self.out.diagnostics.push(Diagnostic::warning(
                    self.path,
                    position,
                    DiagnosticKind::LazyContinuation,
                ));
            }
        }
    }

    /// SPEC 4 Durations (v2), which counts: a `time::`/`duration::` field
    /// alone; else the written durations added up; else the logbook's clocks.
    pub(super) fn minutes(
        &mut self,
        item: &Open,
        masked: &str,
        fields: &[inline::Field],
        written: (Vec<inline::Duration>, Vec<inline::DurationProblem>),
        logbook: Option<&Logbook>,
    ) -> (Option<u32>, Vec<String>) {
        let timed = fields
            .iter()
            .find(|field| field.key == "time" || field.key == "duration");
        let mut timed_by = Vec::new();
        let (minutes, problems, base) = if let Some(field) = timed {
            timed_by.push(format!("{}:: {}", field.key, field.value));
            let (minutes, problems) = inline::field_minutes(&field.value);
            if minutes.is_none() && problems.is_empty() {
                self.warn(
                    item,
                    field.value_span.start,
                    DiagnosticKind::NoDuration {
                        key: field.key.clone(),
                    },
                );
            }
            (minutes, problems, field.value_span.start)
        } else {
            let (durations, problems) = written;
            timed_by.extend(durations.iter().map(|d| masked[d.span.clone()].to_owned()));
            let total = durations
                .iter()
                .try_fold(0u32, |total, duration| total.checked_add(duration.minutes));
            let mut minutes = (!durations.is_empty()).then_some(total.unwrap_or(u32::MAX));
            if minutes.is_none()
                && let Some(Logbook {
                    minutes: Some(clocked),
                    entries,
                }) = logbook
            {
                minutes = Some(*clocked);
                timed_by.push(format!(
                    "{entries} logbook clock {}",
                    if *entries == 1 { "entry" } else { "entries" }
                ));
            }
            (minutes, problems, 0)
        };
        for problem in problems {
            self.warn(item, base + problem.span.start, problem.kind);
        }
        (minutes, timed_by)
    }

    pub(super) fn field(&mut self, item: &Open, field: &inline::Field, activity: &mut Item) {
        let (line, column) = self
            .lines
            .position(item.source_offset(field.value_span.start));
        match field.key.as_str() {
            "category" => {
                activity.category = Some(Located {
                    value: field.value.trim().to_lowercase(),
                    line,
                    column,
                });
            }
            "value" => match inline::number(&field.value) {
                Some(value) => {
                    activity.value = Some(Located {
                        value,
                        line,
                        column,
                    });
                }
                None => {
                    self.warn(
                        item,
                        field.value_span.start,
                        DiagnosticKind::NotANumber {
                            key: field.key.clone(),
                            found: field.value.clone(),
                        },
                    );
                }
            },
            "saves" => match inline::saves(&field.value) {
                Ok((minutes, per_days)) => activity.saves = Some(Saves { minutes, per_days }),
                Err(kind) => self.warn(item, field.value_span.start, kind),
            },
            _ => {}
        }
    }

    pub(super) fn warn(&mut self, item: &Open, offset: usize, kind: DiagnosticKind) {
        let position = self.lines.position(item.source_offset(offset));
        self.out
            .diagnostics
            .push(Diagnostic::warning(self.path, position, kind));
    }

    /// Records a link's target, warning when it leaves the vault.
    pub(super) fn link_target(
        &mut self,
        link_type: LinkType,
        destination: &str,
        at: usize,
    ) -> Option<Target> {
        match read_link(self.folder, link_type, destination) {
            LinkRead::Note(target) => Some(target),
            LinkRead::Outside => {
                let position = self.lines.position(at);
                self.out.diagnostics.push(Diagnostic::warning(
                    self.path,
                    position,
                    DiagnosticKind::LinkOutsideVault {
                        target: destination.to_owned(),
                    },
                ));
                None
            }
            LinkRead::External | LinkRead::Other => None,
        }
    }
}

/// SPEC 4 (v2): the Obsidian Tasks plugin's dated marks in an item's text, as
/// (span of mark and date, mark, date): `✅` done on, `❌` cancelled on; `📅`
/// `⏳` `🛫` `➕` (due, scheduled, start, created) are found only to be left out.
pub(super) fn tasks_dates(text: &str) -> Vec<(Range<usize>, char, Date)> {
    let mut found = Vec::new();
    for (at, mark) in text.char_indices() {
        if !['✅', '❌', '📅', '⏳', '🛫', '➕'].contains(&mark) {
            continue;
        }
        let mut end = at + mark.len_utf8();
        if text[end..].starts_with('\u{FE0F}') {
            end += '\u{FE0F}'.len_utf8();
        }
        end = text.len() - text[end..].trim_start_matches(' ').len();
        if let Some(date) = text
            .get(end..end + 10)
            .and_then(|date| date.parse::<Date>().ok())
        {
            found.push((at..end + 10, mark, date));
        }
    }
    found
}

pub(super) fn unique<T: Clone + Eq + std::hash::Hash>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = HashSet::new();
    items.filter(|item| seen.insert(item.clone())).collect()
}

/// The item's text with `markup` and its `#[[tags]]` blanked, and where
/// its other links' texts are (see [`Shown`]).
fn shown(item: &Open, mut markup: Vec<Range<usize>>) -> Shown {
    let mut links = Vec::new();
    for (range, link, tag) in &item.link_texts {
        let range = range.start..range.end.min(item.plain.len());
        if *tag {
            // The `#` before the link, and its text.
            markup.push(range.start.saturating_sub(1)..range.end);
        } else {
            links.push((range, *link));
        }
    }
    Shown {
        text: blanked(&item.plain, markup),
        links,
    }
}

/// An item's text as its app shows it, whitespace collapsed: without what
/// Logseq hides (its `id::` and `collapsed::` block properties, the
/// `:LOGBOOK:` drawer of clocked time) nor Obsidian's block ids (`^abc123`
/// ending a line).
pub(super) fn shown_text(text: &str) -> String {
    let mut words = Vec::new();
    let mut in_drawer = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if in_drawer {
            in_drawer = !trimmed.eq_ignore_ascii_case(":END:");
            continue;
        }
        if trimmed.eq_ignore_ascii_case(":LOGBOOK:") {
            in_drawer = true;
            continue;
        }
        // `collapse::true` is written by a calendar plugin beside `collapsed::`.
        let hidden = ["id::", "collapsed::", "collapse::"].iter().any(|key| {
            trimmed
                .get(..key.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(key))
        });
        if hidden {
            continue;
        }
        let mut line: Vec<&str> = trimmed.split_whitespace().collect();
        if line.len() > 1 && line.last().is_some_and(|last| is_block_id(last)) {
            line.pop();
        }
        words.extend(line);
    }
    words.join(" ")
}

/// Obsidian's block id: `^` then letters, digits and `-`.
pub(super) fn is_block_id(word: &str) -> bool {
    word.strip_prefix('^').is_some_and(|id| {
        !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

//! Activities (SPEC section 4): the list items of a daily note, read for
//! status, tags, durations, inline fields and links, with nested items
//! inheriting their ancestors' tags and links.
//!
//! Markdown structure comes from pulldown-cmark, so code spans, code blocks and
//! link targets are never read for tags; the item's own text is then handed to
//! the tokenizers in [`super::inline`] with those parts masked out.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use jiff::civil::Date;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::inline;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind, LineIndex};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Done,
    Planned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Planned => "planned",
        }
    }
}

/// A value read from an inline field, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saves {
    pub minutes: u32,
    pub per_days: u32,
}

/// A link as written, before it is resolved against the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `[[Target]]`: the name without `#heading`, `^block` or `|alias`.
    Wiki(String),
    /// `[text](path.md)`: a vault-relative path, already joined and normalised.
    Path(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: Target,
    pub line: u32,
    pub column: u32,
}

/// One activity (or, in [`Extracted::checkins`], one check-in item) as
/// written in a note.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub line: u32,
    pub text: String,
    pub status: Status,
    /// SPEC 4 (v2): the day an Obsidian Tasks `✅ YYYY-MM-DD` says it was done.
    pub done_on: Option<Date>,
    /// Own tags in order of appearance, then inherited ones; no repeats.
    pub tags: Vec<String>,
    /// How many of `tags` are the item's own.
    pub own_tags: usize,
    pub minutes: Option<u32>,
    /// What the minutes were read from: the duration tokens as written, the
    /// `time::`/`duration::` field, or the logbook's clocks.
    pub timed_by: Vec<String>,
    /// Indices into the note's links: own first, then its details', then
    /// inherited ones; no repeats.
    pub links: Vec<usize>,
    /// How many of `links` are the item's own.
    pub own_links: usize,
    /// How many of `links` (after the own ones) come from its details.
    pub detail_links: usize,
    pub category: Option<Located<String>>,
    /// The item's own words, for the category's keywords (SPEC 4 (v2)).
    pub words: String,
    pub value: Option<Located<f64>>,
    /// SPEC 5 (v2): the links a `value::` check-in counts: own and inherited,
    /// never those of the items nested under it.
    pub value_links: Vec<usize>,
    pub saves: Option<Saves>,
}

/// Why a list item of a daily note is no activity (for `explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// No tag, duration, field, task box, marker or clock of its own.
    NoSignal,
    /// A detail of the activity on that line.
    DetailOf(u32),
    /// Empty, or only an image, an embed of a file, a quote, code or a rule.
    Never,
    Cancelled,
}

/// A list item that is no activity, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skipped {
    pub line: u32,
    pub why: Why,
}

pub fn markdown_options() -> Options {
    Options::ENABLE_WIKILINKS
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
}

/// What reading a note's list items gives.
#[derive(Debug, Default)]
pub struct Extracted {
    pub items: Vec<Item>,
    /// SPEC 5 (v2): done items with `value::` that are no activity.
    pub checkins: Vec<Item>,
    /// The other list items, for `explain`.
    pub skipped: Vec<Skipped>,
    /// Every link written in an item's own text (inherited ones are shared).
    pub links: Vec<Link>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What the reader of one note needs to know beyond its text.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The note's date: Logseq clocks started on another day do not count.
    pub date: Option<Date>,
    pub config: &'a Config,
}

/// Reads the activities of the Markdown body that starts at byte `body` of `text`.
pub fn extract(path: &str, text: &str, body: usize, given: Context) -> Extracted {
    let mut reader = Reader {
        path,
        folder: path.rfind('/').map_or("", |slash| &path[..slash]),
        text,
        lines: LineIndex::new(text),
        context: given,
        nodes: Vec::new(),
        out: Extracted::default(),
    };
    // SPEC 4 (v2): in a Logseq graph the outline is read as Logseq reads it.
    let (markdown, map) = if given.config.is_logseq() {
        logseq_outline(&text[body..], body)
    } else {
        (Cow::Borrowed(&text[body..]), vec![(0, body)])
    };
    let source = |offset: usize| {
        let index = map.partition_point(|&(start, _)| start <= offset) - 1;
        let (start, original) = map[index];
        original + (offset - start)
    };
    let every_item = given.config.every_item_is_an_activity();
    let mut open: Vec<Open> = Vec::new();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut activity_heading: Option<HeadingLevel> = None;
    let mut link_depth = 0usize;
    for (event, range) in Parser::new_ext(&markdown, markdown_options()).into_offset_iter() {
        let at = source(range.start);
        match event {
            Event::Start(Tag::Item) => {
                // pulldown-cmark starts a tab-indented item (Logseq's, and
                // Obsidian's by default) at the end of the line before: the
                // item starts at its marker.
                let rest = &markdown[range.start..];
                let start = source(range.start + rest.len() - rest.trim_start().len());
                let listed = match open.last() {
                    None => every_item || activity_heading.is_some(),
                    Some(parent) => parent.lists_activities,
                };
                open.push(Open::new(start, listed));
            }
            Event::End(TagEnd::Item) => {
                if let Some(mut item) = open.pop() {
                    reader.finish(&mut item, open.last());
                }
            }
            Event::Start(Tag::Heading { level, .. }) if open.is_empty() => {
                heading = Some((level, String::new()));
            }
            Event::End(TagEnd::Heading(level)) if open.is_empty() => {
                // SPEC 4 (v2): an activity heading's lists run to the next
                // heading of the same or a higher level.
                let name = heading.take().map(|(_, name)| name).unwrap_or_default();
                if activity_heading.is_some_and(|scope| level <= scope) {
                    activity_heading = None;
                }
                if given.config.is_activity_heading(&name) {
                    activity_heading = Some(level);
                }
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => {
                if let Some(item) = open.last_mut() {
                    item.start_block(matches!(event, Event::Start(Tag::Heading { .. })));
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                if let Some((item, parents)) = open.split_last_mut()
                    && item.collecting
                {
                    reader.finish(item, parents.last());
                }
            }
            // Any other block inside an item ends its first paragraph.
            Event::Start(
                Tag::List(_)
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::HtmlBlock
                | Tag::FootnoteDefinition(_),
            )
            | Event::Rule
            | Event::DisplayMath(_) => {
                if let Some((item, parents)) = open.split_last_mut() {
                    reader.finish(item, parents.last());
                }
            }
            Event::Start(
                Tag::Link {
                    link_type,
                    ref dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    ref dest_url,
                    ..
                },
            ) => {
                link_depth += 1;
                let image = matches!(event, Event::Start(Tag::Image { .. }));
                if let Some(item) = open.last_mut().filter(|item| item.takes_inline()) {
                    let target = reader.link_target(link_type, dest_url, at);
                    // SPEC 4 (v2) Never activities: an image or an embed of a
                    // file is no content; an embed of a note is a link.
                    let file = |name: &str| {
                        name.rsplit_once('.').is_some_and(|(_, extension)| {
                            !extension.eq_ignore_ascii_case("md") && is_file_extension(extension)
                        })
                    };
                    item.content |= match &target {
                        Some(Target::Wiki(name)) => !(image && file(name)),
                        _ => !image,
                    };
                    if let Some(target) = target {
                        // SPEC 4 (v2): `#[[Multi Word]]` is a tag too.
                        if let (LinkType::WikiLink { .. }, Target::Wiki(name)) =
                            (link_type, &target)
                            && !image
                            && item.scan.ends_with('#')
                            && item.scan[..item.scan.len() - 1]
                                .chars()
                                .next_back()
                                .is_none_or(|c| c.is_whitespace() || c == '(')
                        {
                            item.bracket_tags
                                .push((item.scan.len() - 1, name.to_lowercase()));
                        }
                        let (line, column) = reader.lines.position(at);
                        item.links.push((item.scan.len(), reader.out.links.len()));
                        reader.out.links.push(Link {
                            target,
                            line,
                            column,
                        });
                    }
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => link_depth = link_depth.saturating_sub(1),
            Event::TaskListMarker(checked) => {
                if let Some(item) = open.last_mut() {
                    item.checkbox = Some(checked);
                }
            }
            Event::Text(content) => {
                if let Some((_, name)) = heading.as_mut() {
                    name.push_str(&content);
                }
                if let Some(item) = open.last_mut().filter(|item| item.takes_inline()) {
                    item.plain.push_str(&content);
                    if link_depth > 0 {
                        // Link texts are shown, but never read for tags or durations.
                        item.mask(content.len());
                    } else {
                        item.content |= !content.trim().is_empty();
                        item.segments.push((item.scan.len(), at));
                        item.scan.push_str(&content);
                    }
                }
            }
            Event::Code(content) | Event::InlineMath(content) => {
                if let Some(item) = open.last_mut().filter(|item| item.takes_inline()) {
                    item.content = true;
                    item.plain.push_str(&content);
                    item.mask(content.len());
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(item) = open.last_mut().filter(|item| item.takes_inline()) {
                    item.plain.push('\n');
                    item.scan.push('\n');
                }
            }
            _ => {}
        }
    }
    reader.links_of_details();
    reader.out
}

/// SPEC 4 (v2) Outlines: a Logseq page's body rewritten so that `CommonMark`
/// reads each line that is blanks then `- ` as a block at its depth (a tab or
/// two spaces per level), never as indented code, and the other lines as the
/// content of the block above them. A block that is a rule (`- ---`) stays a
/// block. Returns the text, and for each line where its content starts: (offset
/// in the text, offset in the note); content is copied unchanged.
fn logseq_outline(body: &str, base: usize) -> (Cow<'_, str>, Vec<(usize, usize)>) {
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
fn only_a_drawer(item: &Open) -> bool {
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

/// A thematic break: three or more `-`, `*` or `_` (the same one), spaces aside.
fn is_rule(text: &str) -> bool {
    let marks: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && ['-', '*', '_'].contains(&marks[0]) && marks.iter().all(|&c| c == marks[0])
}

/// A list item being read; its first block is collected, then it is finished.
// Each flag is a separate fact about the item as read so far.
#[allow(clippy::struct_excessive_bools)]
struct Open {
    start: usize,
    collecting: bool,
    finished: bool,
    checkbox: Option<bool>,
    /// SPEC 4 (v2): a top-level item under an activity heading.
    listed: bool,
    /// Its first block is an activity heading: its children are `listed`.
    lists_activities: bool,
    heading: bool,
    /// Whether its first block holds anything but images and file embeds.
    content: bool,
    /// The item's own text with code, link texts and breaks kept at known
    /// offsets: code and link texts as spaces, breaks as `\n`.
    scan: String,
    /// (offset in `scan`, byte offset in the note) where each text run starts.
    segments: Vec<(usize, usize)>,
    /// What is shown: `scan` with code and link texts, byte for byte aligned.
    plain: String,
    /// (offset in `scan`, index into the note's links).
    links: Vec<(usize, usize)>,
    /// (offset in `scan`, tag): `#[[Multi Word]]` tags.
    bracket_tags: Vec<(usize, String)>,
    /// After finishing: own then inherited tags, for nested items.
    all_tags: Vec<String>,
    /// After finishing: its node, and the node of the activity it is or is in.
    node: usize,
    activity: Option<usize>,
}

impl Open {
    fn new(start: usize, listed: bool) -> Self {
        Open {
            start,
            collecting: true,
            finished: false,
            checkbox: None,
            listed,
            lists_activities: false,
            heading: false,
            content: false,
            scan: String::new(),
            segments: Vec::new(),
            plain: String::new(),
            links: Vec::new(),
            bracket_tags: Vec::new(),
            all_tags: Vec::new(),
            node: 0,
            activity: None,
        }
    }

    fn start_block(&mut self, heading: bool) {
        if !self.scan.is_empty() || self.finished {
            self.collecting = false;
        } else {
            self.heading = heading;
        }
    }

    fn takes_inline(&self) -> bool {
        self.collecting && !self.finished
    }

    fn mask(&mut self, len: usize) {
        self.scan.extend(std::iter::repeat_n(' ', len));
    }

    /// Blanks `range` of the item's text: read by nothing, shown by nothing.
    fn blank(&mut self, range: Range<usize>) {
        let spaces = " ".repeat(range.len());
        self.scan.replace_range(range.clone(), &spaces);
        if self.plain.is_char_boundary(range.start) && self.plain.is_char_boundary(range.end) {
            self.plain.replace_range(range, &spaces);
        }
    }

    /// The byte offset in the note of an offset in `scan`.
    fn source_offset(&self, offset: usize) -> usize {
        let index = self.segments.partition_point(|&(start, _)| start <= offset);
        match index.checked_sub(1).map(|i| self.segments[i]) {
            Some((start, source)) => source + (offset - start),
            None => self.start,
        }
    }
}

/// SPEC 4 Status: Logseq's markers, upper-case and followed by a space.
const LOGSEQ_MARKERS: [(&str, Option<Status>); 9] = [
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

/// One finished list item, for the links of details, which are only known
/// once the items nested under an activity have been read.
struct Node {
    parent: Option<usize>,
    own_links: Vec<usize>,
    /// The activity whose detail it is.
    detail_of: Option<usize>,
    /// Index into `items` (an activity) or `checkins` (a check-in only).
    item: Option<usize>,
    checkin: Option<usize>,
}

struct Reader<'a> {
    path: &'a str,
    folder: &'a str,
    text: &'a str,
    lines: LineIndex<'a>,
    context: Context<'a>,
    nodes: Vec<Node>,
    out: Extracted,
}

impl Reader<'_> {
    /// Reads an item's first block once it is complete, and records the item
    /// when it is an activity. `parent` is the enclosing item, already finished.
    fn finish(&mut self, item: &mut Open, parent: Option<&Open>) {
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
        for tag in inline::tags(&masked) {
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
    fn node_line(&self, node: usize) -> u32 {
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
    fn links_of_details(&mut self) {
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
    fn lazy_lines(
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

    /// SPEC 4 (v2) Logseq clocks: the item's `:LOGBOOK:` drawer, blanked
    /// from its text; None without one. Counted entries add up in seconds.
    fn logbook(&mut self, item: &mut Open) -> Option<Logbook> {
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

    /// SPEC 4 Durations (v2), which counts: a `time::`/`duration::` field
    /// alone; else the written durations added up; else the logbook's clocks.
    fn minutes(
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

    fn field(&mut self, item: &Open, field: &inline::Field, activity: &mut Item) {
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

    fn warn(&mut self, item: &Open, offset: usize, kind: DiagnosticKind) {
        let position = self.lines.position(item.source_offset(offset));
        self.out
            .diagnostics
            .push(Diagnostic::warning(self.path, position, kind));
    }

    /// Records a link's target, warning when it leaves the vault.
    fn link_target(&mut self, link_type: LinkType, destination: &str, at: usize) -> Option<Target> {
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

/// What a link destination is, read from a note in `folder`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkRead {
    /// A note of the vault, by name or by path.
    Note(Target),
    /// A web or mail address.
    External,
    /// A relative path that climbs out of the vault, or an absolute one.
    Outside,
    /// Anything else: an attachment, an in-page anchor, another scheme.
    Other,
}

/// SPEC 4 Outcome links: wikilinks and embeds by name; Markdown links to
/// notes by path relative to the note's folder (`.md` optional, percent-decoded).
pub fn read_link(folder: &str, link_type: LinkType, destination: &str) -> LinkRead {
    if let LinkType::WikiLink { .. } = link_type {
        let name = destination
            .split(['#', '^', '|'])
            .next()
            .unwrap_or_default()
            .trim();
        return if name.is_empty() {
            LinkRead::Other
        } else {
            LinkRead::Note(Target::Wiki(name.to_owned()))
        };
    }
    if !matches!(
        link_type,
        LinkType::Inline | LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
    ) {
        return LinkRead::Other;
    }
    let lower = destination.to_ascii_lowercase();
    if ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
    {
        return LinkRead::External;
    }
    let destination = destination.split(['#', '?']).next().unwrap_or_default();
    let has_scheme = destination.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if destination.is_empty() || has_scheme {
        return LinkRead::Other;
    }
    let decoded = percent_decode(destination);
    let extension = decoded
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, extension)| extension);
    if extension.is_some_and(|extension| {
        !extension.eq_ignore_ascii_case("md") && is_file_extension(extension)
    }) {
        return LinkRead::Other;
    }
    join(folder, &decoded).map_or(LinkRead::Outside, |path| LinkRead::Note(Target::Path(path)))
}

/// Whether the text after a dot looks like a file extension (`png`), not a
/// sentence (`[[Mr. Smith]]`).
pub fn is_file_extension(extension: &str) -> bool {
    (1..=5).contains(&extension.len()) && extension.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Joins a relative link to a folder, resolving `.` and `..`; `None` when it
/// leaves the vault.
fn join(folder: &str, link: &str) -> Option<String> {
    if link.starts_with('/') || link.starts_with('\\') {
        return None;
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|part| !part.is_empty()).collect();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// `%20` and the like decoded; an invalid escape stays as written.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((high * 16 + low) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What an item's `:LOGBOOK:` drawer holds.
struct Logbook {
    /// The counted entries' total, None when none counts.
    minutes: Option<u32>,
    entries: usize,
}

/// One `CLOCK: [2026-11-04 Wed 09:00:05]--[2026-11-04 Wed 10:30:00] =>  01:29:55`
/// line: the day it started, and its seconds (None while it runs).
struct ClockEntry {
    started: Date,
    seconds: Option<u64>,
}

fn clock_entry(line: &str) -> Option<ClockEntry> {
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

/// SPEC 4 (v2): the Obsidian Tasks plugin's dated marks in an item's text, as
/// (span of mark and date, mark, date): `✅` done on, `❌` cancelled on; `📅`
/// `⏳` `🛫` `➕` (due, scheduled, start, created) are found only to be left out.
fn tasks_dates(text: &str) -> Vec<(Range<usize>, char, Date)> {
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

fn unique<T: Clone + Eq + std::hash::Hash>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = HashSet::new();
    items.filter(|item| seen.insert(item.clone())).collect()
}

/// An item's text as its app shows it, whitespace collapsed: without what
/// Logseq hides (its `id::` and `collapsed::` block properties, the
/// `:LOGBOOK:` drawer of clocked time) nor Obsidian's block ids (`^abc123`
/// ending a line).
fn shown_text(text: &str) -> String {
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
fn is_block_id(word: &str) -> bool {
    word.strip_prefix('^').is_some_and(|id| {
        !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    fn read(path: &str, text: &str, body: usize) -> Extracted {
        let config = Config::default();
        let date = "2026-11-04".parse().ok();
        extract(
            path,
            text,
            body,
            Context {
                date,
                config: &config,
            },
        )
    }

    fn items(body: &str) -> Vec<Item> {
        let extracted = read("daily/2026-11-02.md", body, 0);
        extracted.items
    }

    fn one(body: &str) -> Item {
        let mut all = items(body);
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }

    #[test]
    fn statuses() {
        let all = items(
            "- [ ] plan #email 1h\n- [x] did #email\n- [X] did too #email\n- plain #email\n- [-] dropped #email\n",
        );
        let statuses: Vec<_> = all.iter().map(|i| i.status).collect();
        assert_eq!(
            statuses,
            [Status::Planned, Status::Done, Status::Done, Status::Done]
        );
        assert_eq!(all[0].minutes, Some(60));
    }

    #[test]
    fn logseq_markers_set_status_and_leave_the_text() {
        let all = items(
            "- DONE shipped #client\n- TODO call #call\n- LATER x #email\n- NOW y #email\n- DOING z #email\n- CANCELED w #email\n- DONEish #email\n",
        );
        let read: Vec<_> = all.iter().map(|i| (i.status, i.text.as_str())).collect();
        assert_eq!(
            read,
            [
                (Status::Done, "shipped #client"),
                (Status::Planned, "call #call"),
                (Status::Planned, "x #email"),
                (Status::Planned, "y #email"),
                (Status::Planned, "z #email"),
                (Status::Done, "DONEish #email"),
            ]
        );
    }

    #[test]
    fn only_tagged_or_timed_list_items_are_activities() {
        let all = items(
            "#email 1h paragraph\n\n# Heading #email\n\n- plain item\n- 30m untagged\n- #tag untimed\n",
        );
        let texts: Vec<_> = all.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, ["30m untagged", "#tag untimed"]);
        assert_eq!(all[1].minutes, None);
    }

    #[test]
    fn nested_items_inherit_tags_and_links_after_their_own() {
        let all = items(
            "- #client [[Acme]] Acme redesign\n  - 2h wireframes #design\n    - 30m notes [[Spec]]\n  - #meeting 1h review\n",
        );
        assert_eq!(all.len(), 4);
        assert_eq!(all[1].tags, ["design", "client"]);
        assert_eq!(all[2].tags, ["design", "client"]);
        assert_eq!(all[3].tags, ["meeting", "client"]);
        let links = read("d.md", "- #client [[Acme]] x\n  - 2h [[Spec]]\n", 0);
        assert_eq!(links.items[1].links, [1, 0]);
        assert_eq!(links.links[0].target, Target::Wiki("Acme".into()));
        // The item's text is its own first paragraph only.
        assert_eq!(all[0].text, "#client Acme Acme redesign");
    }

    #[test]
    fn tab_indented_items_are_on_their_own_line() {
        let all = items("- a #x\n\t- b 1h\n\t- c\n\t\t- d 2h\n\n> - [ ] e #y\n");
        let lines: Vec<_> = all.iter().map(|i| (i.line, i.text.as_str())).collect();
        // SPEC 4 (v2): `c` has no signal of its own: a detail, no activity.
        assert_eq!(lines, [(1, "a #x"), (2, "b 1h"), (4, "d 2h"), (6, "e #y")]);
    }

    #[test]
    fn text_leaves_out_what_logseq_and_obsidian_hide() {
        let item = one(
            "- DONE review #review ^abc-123\n  id:: 65f1c2a4-1b2c\n  collapsed:: true\n  :LOGBOOK:\n  CLOCK: [2026-11-04 Wed 16:00:00]--[2026-11-04 Wed 16:40:00] =>  00:40:00\n  :END:\n  time:: 40m\n",
        );
        assert_eq!(item.text, "review #review time:: 40m");
        assert_eq!(item.minutes, Some(40));
        assert_eq!(one("- ^not-an-id #x\n").text, "^not-an-id #x");
        assert_eq!(one("- 2^x #x ^\n").text, "2^x #x ^");
    }

    #[test]
    fn tags_never_come_from_code_or_links() {
        let item = one("- `#code` [#linked](x.md) [[#Heading]] https://x.org/#frag #real 1h\n");
        assert_eq!(item.tags, ["real"]);
        let block = items("- #real\n\n  ```\n  #fenced 2h\n  ```\n");
        assert_eq!(block.len(), 1);
        assert_eq!(block[0].minutes, None);
    }

    #[test]
    fn durations_add_up_unless_a_time_field_says_otherwise() {
        assert_eq!(one("- 09:00-10:30 #call and 30m more\n").minutes, Some(120));
        assert_eq!(one("- #call 1h 30m\n").minutes, Some(90));
        assert_eq!(one("- #call 3h [time:: 45m]\n").minutes, Some(45));
        assert_eq!(one("- #call 3h (duration:: 1h)\n").minutes, Some(60));
        assert_eq!(one("- #call\n  time:: 2h\n").minutes, Some(120));
        assert_eq!(one("- time:: 20m\n").minutes, Some(20));
        assert_eq!(one("- 23:30-00:15 #ops\n").minutes, Some(45));
    }

    #[test]
    fn links_between_many_fields_stay_linear() {
        // Checking every link against every field took minutes on such a line.
        let mut text = String::from("- #x ");
        for i in 0..20_000 {
            write!(text, "[[n{i}]] [k{i}:: [[in{i}]]] ").unwrap();
        }
        let extracted = read("d.md", &text, 0);
        assert_eq!(extracted.items[0].links.len(), 20_000);
        let first = &extracted.links[extracted.items[0].links[0]];
        assert_eq!((first.line, first.column), (1, 6));
    }

    #[test]
    fn field_values_are_not_read_for_tags_links_or_durations() {
        let extracted = read(
            "d.md",
            "- #review 1h [note:: #nottag 2h [[Nowhere]]] [category:: strategy]\n",
            0,
        );
        let item = &extracted.items[0];
        assert_eq!(item.tags, ["review"]);
        assert_eq!(item.minutes, Some(60));
        assert!(item.links.is_empty());
        assert_eq!(
            item.category.as_ref().map(|c| c.value.as_str()),
            Some("strategy")
        );
    }

    #[test]
    fn value_and_saves_fields() {
        let item = one("- #system 2h built it [saves:: 2h/week] [value:: 3]\n");
        assert_eq!(
            item.saves,
            Some(Saves {
                minutes: 120,
                per_days: 7
            })
        );
        assert_eq!(item.value.as_ref().map(|v| v.value), Some(3.0));
        let extracted = read("d.md", "- #x [value:: lots] (saves:: sometimes)\n", 0);
        assert_eq!(
            extracted.diagnostics.len(),
            2,
            "{:?}",
            extracted.diagnostics
        );
        assert_eq!(
            extracted.diagnostics[0].to_string(),
            "d.md:1:15: warning[invalid-field]: `value::` must be a number, found `lots`"
        );
    }

    #[test]
    fn links_of_every_form() {
        let extracted = read(
            "daily/2026/d.md",
            "- #x [[A|alias]] [[B#Head]] ![[C]] [[folder/D]] [m](../../outcomes/Studio%20Revenue.md) [w](https://x.org) [p](pic.png) [[img.png]]\n",
            0,
        );
        let targets: Vec<_> = extracted.links.iter().map(|l| l.target.clone()).collect();
        assert_eq!(
            targets,
            [
                Target::Wiki("A".into()),
                Target::Wiki("B".into()),
                Target::Wiki("C".into()),
                Target::Wiki("folder/D".into()),
                Target::Path("outcomes/Studio Revenue.md".into()),
                Target::Wiki("img.png".into()),
            ]
        );
        assert_eq!(
            extracted.items[0].text,
            "#x alias B#Head C folder/D m w p img.png"
        );
        assert_eq!(
            (extracted.links[1].line, extracted.links[1].column),
            (1, 18)
        );
    }

    #[test]
    fn links_leaving_the_vault_are_warnings() {
        let extracted = read(
            "daily/d.md",
            "- #x [a](../../etc/passwd) [b](/etc/passwd)\n",
            0,
        );
        assert!(extracted.links.is_empty());
        assert_eq!(extracted.diagnostics.len(), 2);
        assert!(
            extracted.diagnostics[0]
                .message()
                .contains("outside the vault")
        );
    }

    #[test]
    fn lines_are_the_items_own() {
        let extracted = read(
            "d.md",
            "---\ndate: 2026-11-02\n---\n# Day\n\n- #a\n  - #b 1h\n",
            24,
        );
        let lines: Vec<_> = extracted.items.iter().map(|i| i.line).collect();
        assert_eq!(lines, [6, 7]);
    }

    #[test]
    fn deep_nesting_and_long_lines_are_fine() {
        let mut deep = String::new();
        for depth in 0..2000 {
            deep.push_str(&"  ".repeat(depth));
            let _ = writeln!(deep, "- #t{depth} 1m");
        }
        let all = items(&deep);
        assert!(!all.is_empty());
        let long = format!("- {}\n", "#tag ".repeat(200_000));
        assert_eq!(one(&long).tags, ["tag"]);
    }

    fn read_with(text: &str, config: &Config) -> Extracted {
        let date = "2026-11-04".parse().ok();
        extract("journals/2026_11_04.md", text, 0, Context { date, config })
    }

    fn lines(extracted: &Extracted) -> Vec<u32> {
        extracted.items.iter().map(|item| item.line).collect()
    }

    fn targets(extracted: &Extracted, item: &Item) -> Vec<String> {
        item.links
            .iter()
            .map(|&link| match &extracted.links[link].target {
                Target::Wiki(name) | Target::Path(name) => name.clone(),
            })
            .collect()
    }

    // SPEC 4 (v2) Details: talking points nested under an activity are one activity.
    #[test]
    fn details_are_part_of_the_activity_above() {
        let mut note = String::from("- [[Team]] week\n  - #1on1 with Lee 30m [[Lee]]\n");
        for point in 0..10 {
            let _ = writeln!(note, "    - talking point {point}");
        }
        note.push_str("    - hiring plan [[Team health]]\n      - deeper [[Deep]]\n");
        note.push_str("- a note to self\n  - nested under no activity [[Nowhere]]\n");
        let extracted = read("d.md", &note, 0);
        assert_eq!(lines(&extracted), [2]);
        let item = &extracted.items[0];
        // Own, then details' (in order), then inherited.
        assert_eq!(
            targets(&extracted, item),
            ["Lee", "Team health", "Deep", "Team"]
        );
        assert_eq!((item.own_links, item.detail_links), (1, 2));
        let why: Vec<_> = extracted.skipped.iter().map(|s| (s.line, s.why)).collect();
        assert_eq!(why[0], (1, Why::NoSignal));
        assert_eq!(why[1], (3, Why::DetailOf(2)));
        assert_eq!(why.last(), Some(&(16, Why::NoSignal)));
        // `[[Nowhere]]` is in no activity's links: it could change no figure.
        assert!(extracted.items.iter().all(|item| !item.links.contains(&4)));
    }

    // SPEC 4 (v2) Inheritance: an enclosing activity's links include its details'.
    #[test]
    fn nested_activities_inherit_the_details_links() {
        let extracted = read(
            "d.md",
            "- #review 1h\n  - context [[Goal]]\n  - #writing 30m notes\n",
            0,
        );
        assert_eq!(lines(&extracted), [1, 3]);
        assert_eq!(targets(&extracted, &extracted.items[1]), ["Goal"]);
        assert_eq!(extracted.items[1].tags, ["writing", "review"]);
    }

    // SPEC 4 (v2) What is an activity: every kind of signal of its own.
    #[test]
    fn signals_of_its_own() {
        let extracted = read(
            "d.md",
            "- parent\n  - #tag\n  - 20 mins\n  - x [time:: 1h]\n  - [ ] box\n  - LATER marker\n  - clocked\n    :LOGBOOK:\n    CLOCK: [2026-11-04 Wed 09:00:00]\n    :END:\n  - plain\n",
            0,
        );
        assert_eq!(lines(&extracted), [2, 3, 4, 5, 6, 7]);
    }

    // SPEC 4 (v2) What is an activity: lists under an activity heading.
    #[test]
    fn activity_headings() {
        let note = "# Monday\n- not listed\n## 📝 Work log:\n- wrote the spec [[Spec]]\n  - a detail\n### Morning\n- still listed\n## Notes\n- not listed either\n";
        let extracted = read("d.md", note, 0);
        assert_eq!(lines(&extracted), [4, 7]);
        let mut off = Config::default();
        off.activity_headings.clear();
        assert!(read_with(note, &off).items.is_empty());
        let mut every = Config::default();
        every.activity_headings = vec!["*".into()];
        assert_eq!(lines(&read_with(note, &every)), [2, 4, 7, 9]);
        // A Logseq heading block lists its children.
        let logseq = read("d.md", "- ## Done\n\t- shipped it\n\t\t- detail\n", 0);
        assert_eq!(lines(&logseq), [2]);
    }

    // SPEC 4 (v2) Never activities: empty, image, file embed, quote, code, rule.
    #[test]
    fn never_activities() {
        let mut every = Config::default();
        every.activity_headings = vec!["*".into()];
        let note = "- #trip\n  - ![](photo.png)\n  -\n  - ![[scan.pdf]]\n  - > quoted #x\n  - ```\n    code 2h\n    ```\n  - ***\n  - ![[Packing list]]\n";
        let extracted = read_with(note, &every);
        assert_eq!(lines(&extracted), [1]);
        let never = extracted
            .skipped
            .iter()
            .filter(|s| s.why == Why::Never)
            .count();
        assert_eq!(never, 6);
        // An embed of a note is a link, so a detail.
        assert_eq!(
            extracted.skipped.last().map(|s| s.why),
            Some(Why::DetailOf(1))
        );
        // The file embed's link counts for nothing.
        assert_eq!(targets(&extracted, &extracted.items[0]), ["Packing list"]);
    }

    // SPEC 4 (v2) Lazy continuation.
    #[test]
    fn lazy_continuation_is_a_warning() {
        let extracted = read(
            "d.md",
            "- #a first\nsecond 1h\n  indented #b\nthird line\n",
            0,
        );
        assert_eq!(extracted.items.len(), 1);
        assert_eq!(extracted.items[0].minutes, Some(60));
        let found: Vec<String> = extracted
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "d.md:2:1: warning[lazy-continuation]: this line continues the item above; start it with `- ` to make it an activity of its own"
            ]
        );
    }

    // SPEC 4 (v2) Status: upper-case markers followed by a space; WAITING planned.
    #[test]
    fn markers_are_upper_case_words() {
        let all = items(
            "- Now, the plan #x\n- WAITING for Bo #x\n- DONE: #x\n- done it #x\n- #### DONE morning block (9am to 9:30am)\n",
        );
        let read: Vec<_> = all.iter().map(|i| (i.status, i.text.as_str())).collect();
        assert_eq!(
            read,
            [
                (Status::Done, "Now, the plan #x"),
                (Status::Planned, "for Bo #x"),
                (Status::Done, "DONE: #x"),
                (Status::Done, "done it #x"),
                // A heading block is read like any block: marker and duration.
                (Status::Done, "morning block (9am to 9:30am)"),
            ]
        );
        assert_eq!(all[4].minutes, Some(30));
    }

    // SPEC 4 (v2) Status: the Obsidian Tasks plugin's dates.
    #[test]
    fn tasks_plugin_dates() {
        let all = items(
            "- [ ] write report 2 hours #writing 📅 2026-11-01 ✅ 2026-11-03\n- [ ] call #call ❌ 2026-11-02\n- [ ] plan #plan ⏳ 2026-11-09 🛫 2026-11-08 ➕ 2026-11-01\n",
        );
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].status, Status::Done);
        assert_eq!(all[0].done_on, "2026-11-03".parse().ok());
        assert_eq!(all[0].minutes, Some(120));
        assert_eq!(all[0].text, "write report 2 hours #writing");
        assert_eq!((all[1].status, all[1].done_on), (Status::Planned, None));
        assert_eq!(all[1].text, "plan #plan");
    }

    // SPEC 4 (v2) Tags: `#[[Multi Word]]` is a tag and a link.
    #[test]
    fn bracketed_tags_are_tags_and_links() {
        let extracted = read("d.md", "- met #[[Deep Work]] and x#[[Not]] #solo\n", 0);
        let item = &extracted.items[0];
        assert_eq!(item.tags, ["deep work", "solo"]);
        assert_eq!(targets(&extracted, item), ["Deep Work", "Not"]);
    }

    // SPEC 4 (v2) Outlines are read as outlines in a Logseq graph.
    #[test]
    fn logseq_outlines_are_never_code() {
        let mut config = Config::default();
        config.logseq = Some(crate::logseq::Logseq::default());
        let note = "title:: x\n## Standup\n\t\t- #sync 15m after a heading\n- ---\n\t- #ops 1h under a rule\n\t  time:: 2h\n- DONE #a\n  - #b 5m\n";
        let extracted = read_with(note, &config);
        let found: Vec<_> = extracted
            .items
            .iter()
            .map(|i| (i.line, i.minutes))
            .collect();
        assert_eq!(
            found,
            [(3, Some(15)), (5, Some(120)), (7, None), (8, Some(5))]
        );
        assert_eq!(extracted.items[3].tags, ["b", "a"]);
        // Outside a Logseq graph CommonMark rules: indented code.
        assert_eq!(lines(&read("d.md", note, 0)), [7, 8]);
    }

    // SPEC 4 (v2) Logseq clocks.
    #[test]
    fn logbook_clocks() {
        let block = |clocks: &str, extra: &str| {
            format!("- DONE write #writing{extra}\n  :LOGBOOK:\n{clocks}  :END:\n")
        };
        let clock =
            |from: &str, to: &str, total: &str| format!("  CLOCK: [{from}]--[{to}] =>  {total}\n");
        let mut clocks = clock(
            "2026-11-04 Wed 09:00:05",
            "2026-11-04 Wed 10:30:00",
            "01:29:55",
        );
        clocks += &clock(
            "2026-11-04 Wed 11:00:00",
            "2026-11-04 Wed 11:00:20",
            "00:00:20",
        );
        clocks += &clock(
            "2026-11-04 Wed 14:00:00",
            "2026-11-04 Wed 14:30:10",
            "00:30:10",
        );
        let extracted = read("d.md", &block(&clocks, ""), 0);
        // 5395 + 1810 seconds = 120.08 minutes; the 20 s toggle does not count.
        assert_eq!(extracted.items[0].minutes, Some(120));
        assert_eq!(extracted.items[0].text, "write #writing");
        assert!(extracted.diagnostics.is_empty());
        // Written durations win, then `time::`.
        assert_eq!(
            read("d.md", &block(&clocks, " 45m"), 0).items[0].minutes,
            Some(45)
        );
        let other = clock(
            "2026-11-03 Tue 23:00:00",
            "2026-11-04 Wed 00:30:00",
            "01:30:00",
        );
        let long = clock(
            "2026-11-04 Wed 08:00:00",
            "2026-11-04 Wed 22:30:00",
            "14:30:00",
        );
        let extracted = read("d.md", &block(&(other + &long), ""), 0);
        assert_eq!(extracted.items.len(), 1);
        assert_eq!(extracted.items[0].minutes, None);
        let codes: Vec<_> = extracted.diagnostics.iter().map(Diagnostic::code).collect();
        assert_eq!(codes, ["clock-other-day", "long-duration"]);
        // A block that is only a drawer is empty: no activity.
        let empty = read(
            "d.md",
            "- :LOGBOOK:\n  CLOCK: [2026-11-04 Wed 09:00:00]\n  :END:\n",
            0,
        );
        assert!(empty.items.is_empty());
        // A running clock is a signal with no time.
        let running = read(
            "d.md",
            "- NOW writing\n  :LOGBOOK:\n  CLOCK: [2026-11-04 Wed 09:00:00]\n  :END:\n  - detail\n",
            0,
        );
        assert_eq!(lines(&running), [1]);
        assert_eq!(running.items[0].minutes, None);
    }

    // SPEC 5 (v2): a done item with `value::` is a check-in, activity or not.
    #[test]
    fn checkins_need_no_tag() {
        let extracted = read(
            "d.md",
            "- Team NPS now [[Team health]] [value:: 42]\n  - because [[Other]]\n- [ ] later [[Team health]] [value:: 50]\n",
            0,
        );
        assert!(extracted.items.iter().all(|item| item.line == 3));
        assert_eq!(extracted.checkins.len(), 1);
        let checkin = &extracted.checkins[0];
        assert_eq!(checkin.value.as_ref().map(|v| v.value), Some(42.0));
        // Not the links of the items nested under it.
        let names: Vec<_> = checkin
            .value_links
            .iter()
            .map(|&l| extracted.links[l].target.clone())
            .collect();
        assert_eq!(names, [Target::Wiki("Team health".into())]);
    }

    proptest::proptest! {
        // SPEC 4 Tags and Durations: code spans are never read.
        #[test]
        fn durations_in_code_are_never_read(h in 0_u32..24, m in 0_u32..60) {
            let text = format!("- #x `{h}h{m}m` `{h}:00-{h}:30` `{h} hours` done\n");
            proptest::prop_assert_eq!(one(&text).minutes, None);
        }
    }
}

//! Activities (SPEC section 4): the list items of a daily note, read for
//! status, tags, durations, inline fields and links, with nested items
//! inheriting their ancestors' tags and links.
//!
//! Markdown structure comes from pulldown-cmark, so code spans, code blocks and
//! link targets are never read for tags; the item's own text is then handed to
//! the tokenizers in [`super::inline`] with those parts masked out.

use std::borrow::Cow;
use std::ops::Range;

use jiff::civil::Date;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::link::is_attachment;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, LineIndex};
use logseq::logseq_outline;
use reader::{Reader, shown_text};

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
    /// What the site shows as the item's words (issue 14).
    pub shown: Shown,
}

/// An item's text without its markup, for the site (issue 14): tags,
/// durations and clock ranges, inline fields and `#[[tags]]` blanked where
/// the tokenizers found them, so the text is what the person wrote around
/// them. Link texts stay until the links are resolved: those of outcome
/// links go (the site shows them in their column), the others are words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shown {
    /// The item's text with its markup as spaces, not yet collapsed.
    text: String,
    /// (range in `text`, index into the note's links) of each own link's text.
    links: Vec<(Range<usize>, usize)>,
}

impl Shown {
    /// The words, whitespace collapsed as in `text`, without the texts of
    /// the links `drop` says to leave out where they lead or end the item
    /// (`[[Launch]] 742 subscribers`, `draft #writing [[Launch]]`): a link
    /// inside the sentence is a word of it (`where [[A]] and [[B]] stand`).
    /// Linear in the text, whatever the number of links.
    pub fn words(&self, drop: impl Fn(usize) -> bool) -> String {
        let text = &self.text;
        let dropped: Vec<&Range<usize>> = self
            .links
            .iter()
            .filter(|(_, link)| drop(*link))
            .map(|(range, _)| range)
            .collect();
        let blank = |at: u8| at.is_ascii_whitespace();
        let bytes = text.as_bytes();
        let mut gone: Vec<Range<usize>> = Vec::new();
        // From the end: a link with only blanks (or links gone) after it goes.
        let mut words_end = text.trim_end().len();
        let mut last = dropped.len();
        while last > 0 && dropped[last - 1].end >= words_end {
            let range = dropped[last - 1];
            if ends_in_connective(&text[..range.start]) {
                // `onboarding via [[Launch]]`: the link ends the sentence.
                break;
            }
            last -= 1;
            gone.push(range.clone());
            words_end = range.start.min(words_end);
            while words_end > 0 && blank(bytes[words_end - 1]) {
                words_end -= 1;
            }
        }
        // From the start, among the links left.
        let mut words_start = text.len() - text.trim_start().len();
        for range in &dropped[..last] {
            if range.start > words_start {
                break;
            }
            gone.push((*range).clone());
            words_start = range.end.max(words_start);
            while words_start < bytes.len() && blank(bytes[words_start]) {
                words_start += 1;
            }
        }
        shown_text(&blanked(text, gone))
    }
}

/// Words that leave a sentence hanging when the link after them goes
/// (`Onboarding via [[Launch]]`): a link after one of them is a word of the
/// sentence, shown as well as in the outcome column. Only words that cannot
/// end a sentence: `for`, `on` or `with` can (`what I'm looking for
/// [[Pipeline]]`), so a link after them still goes.
const CONNECTIVES: &[&str] = &[
    "a", "an", "and", "into", "onto", "or", "per", "re", "the", "toward", "towards", "via", "->",
    "→",
];

/// Whether `before` (the text before a link) ends in a connective word.
fn ends_in_connective(before: &str) -> bool {
    let last = before.split_whitespace().next_back().unwrap_or("");
    CONNECTIVES
        .iter()
        .any(|word| word.eq_ignore_ascii_case(last))
}

/// `text` with every byte in `ranges` made a space, whole characters only
/// (a char a range only partly covers goes too), offsets kept. Linear in
/// the text and the number of ranges, however many there are.
fn blanked(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> String {
    let mut depth = vec![0i32; text.len() + 1];
    for range in ranges {
        let end = range.end.min(text.len());
        let start = range.start.min(end);
        depth[start] += 1;
        depth[end] -= 1;
    }
    let mut covered = 0;
    let mut at = 0;
    let mut out = String::with_capacity(text.len());
    for (offset, c) in text.char_indices() {
        let width = c.len_utf8();
        let mut hit = false;
        while at < offset + width {
            covered += depth[at];
            at += 1;
            hit |= covered > 0;
        }
        if hit {
            out.extend(std::iter::repeat_n(' ', width));
        } else {
            out.push(c);
        }
    }
    out
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
                    item.content |= match &target {
                        Some(Target::Wiki(name)) => !(image && is_attachment(name)),
                        _ => !image,
                    };
                    if let Some(target) = target {
                        let tags_before = item.bracket_tags.len();
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
                        item.link_texts.push((
                            item.scan.len()..usize::MAX,
                            reader.out.links.len(),
                            item.bracket_tags.len() > tags_before,
                        ));
                        reader.out.links.push(Link {
                            target,
                            line,
                            column,
                        });
                    }
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                link_depth = link_depth.saturating_sub(1);
                if let Some(item) = open.last_mut() {
                    let end = item.scan.len();
                    if let Some((range, ..)) = item
                        .link_texts
                        .iter_mut()
                        .rev()
                        .find(|(range, ..)| range.end == usize::MAX)
                    {
                        range.end = end;
                    }
                }
            }
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
    /// (range of the text in `scan`, index into the note's links, whether
    /// it is a `#[[tag]]`) of each link; the end is known at the link's end.
    link_texts: Vec<(Range<usize>, usize, bool)>,
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
            link_texts: Vec::new(),
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

mod logseq;
mod reader;
#[cfg(test)]
mod tests;

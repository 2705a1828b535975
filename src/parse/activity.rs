//! Activities (SPEC section 4): the list items of a daily note, read for
//! status, tags, durations, inline fields and links, with nested items
//! inheriting their ancestors' tags and links.
//!
//! Markdown structure comes from pulldown-cmark, so code spans, code blocks and
//! link targets are never read for tags; the item's own text is then handed to
//! the tokenizers in [`super::inline`] with those parts masked out.

use std::collections::HashSet;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::inline;
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

/// One activity as written in a note.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub line: u32,
    pub text: String,
    pub status: Status,
    /// Own tags in order of appearance, then inherited ones; no repeats.
    pub tags: Vec<String>,
    /// How many of `tags` are the item's own.
    pub own_tags: usize,
    pub minutes: Option<u32>,
    /// What the minutes were read from: the duration tokens as written, or the
    /// `time::`/`duration::` field.
    pub timed_by: Vec<String>,
    /// Indices into the note's links: own first, then inherited; no repeats.
    pub links: Vec<usize>,
    /// How many of `links` are the item's own.
    pub own_links: usize,
    pub category: Option<Located<String>>,
    /// The item's own words, for the category's keywords (SPEC 4 (v2)).
    pub words: String,
    pub value: Option<Located<f64>>,
    pub saves: Option<Saves>,
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
    /// Every link written in an item's own text (inherited ones are shared).
    pub links: Vec<Link>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the activities of the Markdown body that starts at byte `body` of `text`.
pub fn extract(path: &str, text: &str, body: usize) -> Extracted {
    let mut reader = Reader {
        path,
        folder: path.rfind('/').map_or("", |slash| &path[..slash]),
        lines: LineIndex::new(text),
        out: Extracted::default(),
    };
    let mut open: Vec<Open> = Vec::new();
    let events = Parser::new_ext(&text[body..], markdown_options()).into_offset_iter();
    let mut link_depth = 0usize;
    for (event, range) in events {
        let at = range.start + body;
        match event {
            Event::Start(Tag::Item) => {
                // pulldown-cmark starts a tab-indented item (Logseq's, and
                // Obsidian's by default) at the end of the line before: the
                // item starts at its marker.
                let rest = &text[at..];
                open.push(Open::new(at + rest.len() - rest.trim_start().len()));
            }
            Event::End(TagEnd::Item) => {
                if let Some(mut item) = open.pop() {
                    reader.finish(&mut item, open.last());
                }
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => {
                if let Some(item) = open.last_mut() {
                    item.start_block();
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
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                },
            ) => {
                link_depth += 1;
                if let Some(item) = open.last_mut().filter(|item| item.takes_inline())
                    && let Some(target) = reader.link_target(link_type, &dest_url, at)
                {
                    let (line, column) = reader.lines.position(at);
                    item.links.push((item.scan.len(), reader.out.links.len()));
                    reader.out.links.push(Link {
                        target,
                        line,
                        column,
                    });
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => link_depth = link_depth.saturating_sub(1),
            Event::TaskListMarker(checked) => {
                if let Some(item) = open.last_mut() {
                    item.checkbox = Some(checked);
                }
            }
            Event::Text(content) => {
                if let Some(item) = open.last_mut().filter(|item| item.takes_inline()) {
                    item.plain.push_str(&content);
                    if link_depth > 0 {
                        // Link texts are shown, but never read for tags or durations.
                        item.mask(content.len());
                    } else {
                        item.segments.push((item.scan.len(), at));
                        item.scan.push_str(&content);
                    }
                }
            }
            Event::Code(content) | Event::InlineMath(content) => {
                if let Some(item) = open.last_mut().filter(|item| item.takes_inline()) {
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
    reader.out
}

/// A list item being read; its first block is collected, then it is finished.
struct Open {
    start: usize,
    collecting: bool,
    finished: bool,
    checkbox: Option<bool>,
    /// The item's own text with code, link texts and breaks kept at known
    /// offsets: code and link texts as spaces, breaks as `\n`.
    scan: String,
    /// (offset in `scan`, byte offset in the note) where each text run starts.
    segments: Vec<(usize, usize)>,
    plain: String,
    /// (offset in `scan`, index into the note's links).
    links: Vec<(usize, usize)>,
    /// After finishing: own then inherited tags and links, for nested items.
    all_tags: Vec<String>,
    all_links: Vec<usize>,
}

impl Open {
    fn new(start: usize) -> Self {
        Open {
            start,
            collecting: true,
            finished: false,
            checkbox: None,
            scan: String::new(),
            segments: Vec::new(),
            plain: String::new(),
            links: Vec::new(),
            all_tags: Vec::new(),
            all_links: Vec::new(),
        }
    }

    fn start_block(&mut self) {
        if !self.scan.is_empty() || self.finished {
            self.collecting = false;
        }
    }

    fn takes_inline(&self) -> bool {
        self.collecting && !self.finished
    }

    fn mask(&mut self, len: usize) {
        self.scan.extend(std::iter::repeat_n(' ', len));
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

const LOGSEQ_MARKERS: [(&str, Option<Status>); 7] = [
    ("DONE", Some(Status::Done)),
    ("TODO", Some(Status::Planned)),
    ("LATER", Some(Status::Planned)),
    ("NOW", Some(Status::Planned)),
    ("DOING", Some(Status::Planned)),
    ("CANCELED", None),
    ("CANCELLED", None),
];

struct Reader<'a> {
    path: &'a str,
    folder: &'a str,
    lines: LineIndex<'a>,
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

        // SPEC 4 Status: checkbox, `[-]`, or a Logseq marker opening the text.
        let leading = item.scan.len() - item.scan.trim_start().len();
        let mut status = match item.checkbox {
            Some(false) => Some(Status::Planned),
            _ => Some(Status::Done),
        };
        let mut plain_skip = 0;
        if item.checkbox.is_none() {
            let rest = &item.scan[leading..];
            if rest.starts_with("[-]") {
                status = None;
            } else if let Some((marker, marked)) = LOGSEQ_MARKERS.iter().find(|(marker, _)| {
                rest.strip_prefix(marker)
                    .is_some_and(|after| after.is_empty() || after.starts_with(char::is_whitespace))
            }) {
                status = *marked;
                item.scan
                    .replace_range(leading..leading + marker.len(), &" ".repeat(marker.len()));
                plain_skip = item.plain.find(marker).map_or(0, |at| at + marker.len());
            }
        }

        // SPEC 4 Inline fields: bracketed anywhere, or `key:: value` as a whole line.
        let mut fields = Vec::new();
        let mut line_start = 0;
        for line in item.scan.split('\n') {
            fields.extend(inline::fields(line).into_iter().map(|mut field| {
                field.span = field.span.start + line_start..field.span.end + line_start;
                field.value_span =
                    field.value_span.start + line_start..field.value_span.end + line_start;
                field
            }));
            line_start += line.len() + 1;
        }
        let mut masked = item.scan.clone();
        for field in &fields {
            masked.replace_range(field.span.clone(), &" ".repeat(field.span.len()));
        }

        let own_tags: Vec<String> = inline::tags(&masked)
            .into_iter()
            .map(|tag| tag.name)
            .collect();
        let (minutes, timed_by) = self.minutes(item, &masked, &fields);
        // Fields never overlap: sorted by start, a binary search finds the one
        // that could hold a link (an item may hold 50,000 of each).
        let mut field_spans: Vec<_> = fields.iter().map(|field| field.span.clone()).collect();
        field_spans.sort_unstable_by_key(|span| span.start);
        let in_field = |offset: &usize| {
            let after = field_spans.partition_point(|span| span.start <= *offset);
            after > 0 && field_spans[after - 1].contains(offset)
        };
        let own_links: Vec<usize> = item
            .links
            .iter()
            .filter(|(offset, _)| !in_field(offset))
            .map(|&(_, link)| link)
            .collect();
        let (inherited_tags, inherited_links) = parent.map_or((&[][..], &[][..]), |parent| {
            (parent.all_tags.as_slice(), parent.all_links.as_slice())
        });
        let own_tags = unique(own_tags.into_iter());
        let own_links = unique(own_links.into_iter());
        item.all_tags = unique(own_tags.iter().chain(inherited_tags).cloned());
        item.all_links = unique(own_links.iter().chain(inherited_links).copied());

        let Some(status) = status else { return };
        if item.all_tags.is_empty() && minutes.is_none() {
            return;
        }
        let mut activity = Item {
            line: self.lines.position(item.start).0,
            text: shown_text(&item.plain[plain_skip..]),
            status,
            tags: item.all_tags.clone(),
            own_tags: own_tags.len(),
            minutes,
            timed_by,
            links: item.all_links.clone(),
            own_links: own_links.len(),
            category: None,
            words: crate::category::own_words(&masked),
            value: None,
            saves: None,
        };
        for field in &fields {
            self.field(item, field, &mut activity);
        }
        self.out.items.push(activity);
    }

    /// SPEC 4 Durations: all durations add up, unless `time::`/`duration::` says otherwise.
    fn minutes(
        &mut self,
        item: &Open,
        masked: &str,
        fields: &[inline::Field],
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
            let (durations, problems) = inline::durations(masked);
            timed_by.extend(durations.iter().map(|d| masked[d.span.clone()].to_owned()));
            let total = durations
                .iter()
                .try_fold(0u32, |total, duration| total.checked_add(duration.minutes));
            (
                (!durations.is_empty()).then_some(total.unwrap_or(u32::MAX)),
                problems,
                0,
            )
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

fn percent_decode(text: &str) -> String {
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
        let hidden = ["id::", "collapsed::"].iter().any(|key| {
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

    fn items(body: &str) -> Vec<Item> {
        let extracted = extract("daily/2026-11-02.md", body, 0);
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
        let links = extract("d.md", "- #client [[Acme]] x\n  - 2h [[Spec]]\n", 0);
        assert_eq!(links.items[1].links, [1, 0]);
        assert_eq!(links.links[0].target, Target::Wiki("Acme".into()));
        // The item's text is its own first paragraph only.
        assert_eq!(all[0].text, "#client Acme Acme redesign");
    }

    #[test]
    fn tab_indented_items_are_on_their_own_line() {
        let all = items("- a #x\n\t- b 1h\n\t- c\n\t\t- d 2h\n\n> - [ ] e #y\n");
        let lines: Vec<_> = all.iter().map(|i| (i.line, i.text.as_str())).collect();
        assert_eq!(
            lines,
            [(1, "a #x"), (2, "b 1h"), (3, "c"), (4, "d 2h"), (6, "e #y")]
        );
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
        let extracted = extract("d.md", &text, 0);
        assert_eq!(extracted.items[0].links.len(), 20_000);
        let first = &extracted.links[extracted.items[0].links[0]];
        assert_eq!((first.line, first.column), (1, 6));
    }

    #[test]
    fn field_values_are_not_read_for_tags_links_or_durations() {
        let extracted = extract(
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
        let extracted = extract("d.md", "- #x [value:: lots] (saves:: sometimes)\n", 0);
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
        let extracted = extract(
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
        let extracted = extract(
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
        let extracted = extract(
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
}

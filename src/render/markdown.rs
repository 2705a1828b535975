//! A note's Markdown body as safe HTML for the site: wikilinks and links to
//! notes point at the notes' pages, nothing loads from another host, and the
//! result is sanitised (SPEC section 10).

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd, html};

use crate::parse::activity::markdown_options;
use crate::parse::link::{LinkRead, read_link};
use crate::report::NoteRow;

use super::url;

/// What a link in a note becomes on the site.
enum Rewritten {
    /// A page of the site (site-relative path).
    Page(String),
    /// A link to another host, kept as a link.
    External,
    /// Nothing on the site to point at (an attachment, a missing note).
    Nowhere,
}

/// Renders the body of `note` (whose text is `text`) for a page `depth` folders
/// below the site's root; `notes` are the report's, whose pages the links
/// lead to: the `n`th link naming a note goes where `note.links[n]` says,
/// resolved once by the report. `shown` are the lines (sorted) of list items the page already shows as
/// activity rows: such an item is left out of the body when nothing is
/// nested under it (its details stay, with it), and a list left empty goes.
pub fn body_html(
    note: &NoteRow,
    text: &str,
    notes: &[NoteRow],
    depth: usize,
    shown: &[u32],
) -> String {
    let folder = note.path.rfind('/').map_or("", |slash| &note.path[..slash]);
    let root = url::root(depth);
    let mut targets = note.links.iter();
    let mut rewrite = |link_type: LinkType, destination: &str| -> Rewritten {
        match read_link(folder, link_type, destination) {
            LinkRead::Note(_) => match targets.next() {
                Some(&Some(found)) => notes[found]
                    .page
                    .clone()
                    .map_or(Rewritten::Nowhere, Rewritten::Page),
                _ => Rewritten::Nowhere,
            },
            LinkRead::External => Rewritten::External,
            LinkRead::Outside | LinkRead::Other => Rewritten::Nowhere,
        }
    };

    let body = &text[note.body..];
    // Line starts of the note, for the line of a list item.
    let first_line = text[..note.body].matches('\n').count() as u32 + 1;
    let breaks: Vec<usize> = body.match_indices('\n').map(|(at, _)| at).collect();
    let line_of = |offset: usize| first_line + breaks.partition_point(|&at| at < offset) as u32;
    // The lists and items open, with where their events start in `events`:
    // a shown item, or a list left with no item, is cut off at its end.
    let mut frames: Vec<Frame> = Vec::new();
    let mut events = Vec::new();
    // What closes each link or image we opened: a link's end, or a span's.
    let mut closers: Vec<Event> = Vec::new();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) if !shown.is_empty() => {
                if let Some(Frame {
                    kind: FrameKind::Item { nested, .. },
                    ..
                }) = frames.last_mut()
                {
                    *nested = true;
                }
                frames.push(Frame {
                    start: events.len(),
                    kind: FrameKind::List { kept: 0 },
                });
                events.push(event);
            }
            Event::Start(Tag::Item) if !shown.is_empty() => {
                // pulldown-cmark may start an item at the end of the line
                // before its marker.
                let rest = &body[range.start..];
                let marker = range.start + rest.len() - rest.trim_start().len();
                frames.push(Frame {
                    start: events.len(),
                    kind: FrameKind::Item {
                        shown: shown.binary_search(&line_of(marker)).is_ok(),
                        nested: false,
                    },
                });
                events.push(event);
            }
            Event::End(TagEnd::Item | TagEnd::List(_)) if !frames.is_empty() => {
                let frame = frames.pop().expect("not empty");
                events.push(event);
                let kept = match frame.kind {
                    FrameKind::Item { shown, nested } => !shown || nested,
                    FrameKind::List { kept } => kept > 0,
                };
                if !kept {
                    events.truncate(frame.start);
                } else if let Some(Frame {
                    kind: FrameKind::List { kept },
                    ..
                }) = frames.last_mut()
                {
                    *kept += 1;
                }
            }
            // Images become links too: a page never loads anything from where they point.
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                },
            ) => {
                let destination = match rewrite(link_type, &dest_url) {
                    Rewritten::Page(path) => {
                        // A row shows an outcome link in its column, and any
                        // other link only as words: an item linking a note
                        // stays in the body, the way to that note's page.
                        if !url::is_outcome(&path)
                            && let Some(Frame {
                                kind: FrameKind::Item { nested, .. },
                                ..
                            }) = frames.last_mut()
                        {
                            *nested = true;
                        }
                        Some(CowStr::from(format!("{root}{}", url::encode(&path))))
                    }
                    Rewritten::External => Some(dest_url),
                    Rewritten::Nowhere => None,
                };
                if let Some(dest_url) = destination {
                    events.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id,
                    }));
                    closers.push(Event::End(TagEnd::Link));
                } else {
                    events.push(Event::InlineHtml(CowStr::from(
                        "<span class=\"unresolved\">",
                    )));
                    closers.push(Event::InlineHtml(CowStr::from("</span>")));
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => events.extend(closers.pop()),
            Event::TaskListMarker(done) => events.push(Event::InlineHtml(CowStr::from(if done {
                "<span class=\"task done\" aria-label=\"done\">☑</span> "
            } else {
                "<span class=\"task\" aria-label=\"planned\">☐</span> "
            }))),
            other => events.push(other),
        }
    }
    let mut raw = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    sanitize(&raw)
}

/// A list or a list item of a note's body, open; `start` is where its
/// events begin.
struct Frame {
    start: usize,
    kind: FrameKind,
}

enum FrameKind {
    /// `kept`: how many of its items are kept.
    List { kept: usize },
    /// `shown`: an activity the page shows as a row; `nested`: something is
    /// nested under it, or it links a note (either keeps it).
    Item { shown: bool, nested: bool },
}

/// SPEC 10: raw HTML survives, but no scripts, frames, objects, event
/// handlers, `javascript:`/`data:` URLs, or anything loaded from elsewhere.
pub fn sanitize(html: &str) -> String {
    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .rm_tags(["img"])
            .add_tags(["span"])
            .add_allowed_classes("span", ["unresolved", "task", "done"])
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(Some("noopener noreferrer"));
        builder
    });
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitising_removes_every_way_to_run_code_or_load_elsewhere() {
        let dirty = r#"<p onclick="x()">hi</p><script>alert(1)</script><iframe src="https://evil"></iframe>
<object data="x"></object><a href="javascript:alert(1)">j</a><a href="data:text/html,x">d</a>
<img src="https://tracker/x.png" onerror="alert(1)"><em>kept</em>"#;
        let clean = sanitize(dirty);
        for banned in [
            "<script",
            "<iframe",
            "<object",
            "onclick",
            "onerror",
            "javascript:",
            "data:",
            "<img",
            "tracker",
        ] {
            assert!(!clean.contains(banned), "{banned} survived in {clean}");
        }
        assert!(clean.contains("<em>kept</em>"));
    }
}

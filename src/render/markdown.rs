//! A note's Markdown body as safe HTML for the site: wikilinks and links to
//! notes point at the notes' pages, nothing loads from another host, and the
//! result is sanitised (SPEC section 10).

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd, html};

use crate::parse::activity::markdown_options;
use crate::parse::link::{LinkRead, read_link};
use crate::parse::{Kind, Note};
use crate::resolve::{Journal, NoteIndex, Resolved};

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
/// below the site's root; `pages` holds the site page of every note of the journal.
pub fn body_html(
    note: &Note,
    text: &str,
    journal: &Journal,
    index: &NoteIndex,
    pages: &[Option<String>],
    depth: usize,
) -> String {
    let folder = note.path.rfind('/').map_or("", |slash| &note.path[..slash]);
    let root = url::root(depth);
    let rewrite = |link_type: LinkType, destination: &str| -> Rewritten {
        match read_link(folder, link_type, destination) {
            LinkRead::Note(target) => match index.resolve(&target, &journal.notes) {
                (Resolved::Note(found), _) => pages[found]
                    .clone()
                    .map_or(Rewritten::Nowhere, Rewritten::Page),
                _ => Rewritten::Nowhere,
            },
            LinkRead::External => Rewritten::External,
            LinkRead::Outside | LinkRead::Other => Rewritten::Nowhere,
        }
    };

    let mut events = Vec::new();
    // What closes each link or image we opened: a link's end, or a span's.
    let mut closers: Vec<Event> = Vec::new();
    for event in Parser::new_ext(&text[note.body..], markdown_options()) {
        match event {
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

/// The site page of every note: its day, its outcome page, or its page under `notes/`.
pub fn pages_of_notes(journal: &Journal) -> Vec<Option<String>> {
    let mut pages: Vec<Option<String>> = journal
        .notes
        .iter()
        .map(|note| match note.kind {
            Kind::Daily => note.date.map(url::day),
            Kind::Page => Some(url::note(&note.path)),
            Kind::Outcome => None,
        })
        .collect();
    for outcome in &journal.outcomes {
        pages[outcome.note] = Some(url::outcome(&outcome.id));
    }
    pages
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

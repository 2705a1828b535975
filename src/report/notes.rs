//! The notes as the views show them ([`NoteRow`]): what each is, its page
//! on the site, where the links of its body lead and what links to it. Not
//! exported (SPEC 8 lists no notes); the site reads them instead of the
//! journal.

use jiff::civil::Date;
use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;

use crate::parse::Kind;
use crate::parse::activity::markdown_options;
use crate::parse::link::{LinkRead, read_link};
use crate::render::url;
use crate::resolve::{Journal, Resolved};
use crate::scan::Source;

/// A note of the vault, in the journal's order (by path).
#[derive(Debug, Clone)]
pub struct NoteRow {
    pub path: String,
    pub title: String,
    pub kind: Kind,
    pub date: Option<Date>,
    /// Its front matter's tags.
    pub tags: Vec<String>,
    /// Byte offset of its Markdown body in its source text.
    pub body: usize,
    /// Its page on the site: its day, its outcome's page, or its page under
    /// `notes/` (a daily note without a date has none).
    pub page: Option<String>,
    /// Where each link of its body that names a note leads (an index into
    /// the notes, `None` when it names none), in the order the links are
    /// written: the site rewrites them by this, so a link is resolved once,
    /// by `NoteIndex`'s rule. Empty unless the report was built for the site.
    pub links: Vec<Option<usize>>,
    /// The notes whose body links to it, in path order, never itself.
    /// Empty unless the report was built for the site.
    pub backlinks: Vec<usize>,
}

/// The rows of every note, without their links.
pub(super) fn rows(journal: &Journal) -> Vec<NoteRow> {
    let mut rows: Vec<NoteRow> = journal
        .notes
        .iter()
        .map(|note| NoteRow {
            path: note.path.clone(),
            title: note.title().to_owned(),
            kind: note.kind,
            date: note.date,
            tags: note.front.tags.clone(),
            body: note.body,
            page: match note.kind {
                Kind::Daily => note.date.map(url::day),
                Kind::Page => Some(url::note(&note.path)),
                Kind::Outcome => None,
            },
            links: Vec::new(),
            backlinks: Vec::new(),
        })
        .collect();
    for outcome in &journal.outcomes {
        rows[outcome.note].page = Some(url::outcome(&outcome.id));
    }
    rows
}

/// Fills each row's `links` from its note's body (`sources` sorted by
/// path), every note in parallel, and then the `backlinks` from them: the
/// one pass over the notes' links that the site and the rebuild's reach share.
pub(super) fn link(rows: &mut [NoteRow], journal: &Journal, sources: &[Source]) {
    let links: Vec<Vec<Option<usize>>> = journal
        .notes
        .par_iter()
        .map(|note| {
            sources
                .binary_search_by(|s| s.path.as_str().cmp(&note.path))
                .map_or_else(
                    |_| Vec::new(),
                    |at| links_of(&note.path, &sources[at].text[note.body..], journal),
                )
        })
        .collect();
    for (from, targets) in links.iter().enumerate() {
        let mut to: Vec<usize> = targets
            .iter()
            .flatten()
            .copied()
            .filter(|&to| to != from)
            .collect();
        to.sort_unstable();
        to.dedup();
        for to in to {
            rows[to].backlinks.push(from);
        }
    }
    for (row, links) in rows.iter_mut().zip(links) {
        row.links = links;
    }
}

/// Where each link of `body` (of the note at `path`) that names a note
/// leads, in the order written: wikilinks, embeds and Markdown links alike,
/// in list items and prose.
fn links_of(path: &str, body: &str, journal: &Journal) -> Vec<Option<usize>> {
    // Most daily notes of a big vault link nothing: skip the parse (every
    // link that names a note is written with a `[`).
    if !body.contains('[') {
        return Vec::new();
    }
    let folder = path.rfind('/').map_or("", |slash| &path[..slash]);
    Parser::new_ext(body, markdown_options())
        .filter_map(|event| match event {
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
            ) => match read_link(folder, link_type, &dest_url) {
                LinkRead::Note(target) => {
                    Some(match journal.index.resolve(&target, &journal.notes).0 {
                        Resolved::Note(found) => Some(found),
                        _ => None,
                    })
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 14 item 4: what a note links to, for the backlinks.
    #[test]
    fn links_are_resolved_in_order_and_backlinks_are_each_once_without_itself() {
        let config = crate::config::Config::default();
        let files = [
            (
                "daily/2026-10-01.md",
                "- 1h #plan [[Goal]]\n\nMet [[Beta|the Beta team]], again [Beta](../pages/Beta.md), \
                 ![[Acme]] and [[Nowhere]]; <https://example.com>.\n",
            ),
            ("outcomes/Goal.md", "---\ntarget: 3\n---\n"),
            ("pages/Acme.md", "# Acme\n\nSee [[Acme]] and [[Beta]].\n"),
            ("pages/Beta.md", "# Beta\n"),
        ];
        let sources: Vec<Source> = files
            .iter()
            .map(|(path, text)| Source {
                path: (*path).to_owned(),
                text: (*text).to_owned(),
            })
            .collect();
        let notes = sources
            .iter()
            .map(|source| crate::parse::note(source, &config))
            .collect();
        let journal = crate::resolve::resolve(notes, &config, None);
        let mut rows = rows(&journal);
        link(&mut rows, &journal, &sources);
        let at = |path: &str| journal.notes.iter().position(|n| n.path == path).unwrap();
        // An item's link, a wikilink with an alias, a Markdown link, an
        // embed, a missing note, in the order written.
        assert_eq!(
            rows[at("daily/2026-10-01.md")].links,
            [
                Some(at("outcomes/Goal.md")),
                Some(at("pages/Beta.md")),
                Some(at("pages/Beta.md")),
                Some(at("pages/Acme.md")),
                None
            ]
        );
        // Each linking note once, in path order; a link to itself is no backlink.
        assert_eq!(
            rows[at("pages/Beta.md")].backlinks,
            [at("daily/2026-10-01.md"), at("pages/Acme.md")]
        );
        assert_eq!(
            rows[at("pages/Acme.md")].backlinks,
            [at("daily/2026-10-01.md")]
        );
        assert!(rows[at("daily/2026-10-01.md")].backlinks.is_empty());
        assert_eq!(
            rows[at("outcomes/Goal.md")].page.as_deref(),
            Some("outcomes/outcomes/goal.html")
        );
    }
}

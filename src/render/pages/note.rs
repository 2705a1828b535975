//! A page note (neither daily nor an outcome), rendered in full.

use serde::Serialize;
use tera::Context;

use super::{Link, href};
use crate::parse::Kind as NoteKind;
use crate::render::site::Site;
use crate::render::url;

impl Site<'_> {
    pub(crate) fn note(&self, index: usize) -> Context {
        let note = &self.report.notes[index];
        let depth = url::depth(&url::note(&note.path));
        page! {
            "page_title": note.title,
            "path": note.path,
            "tags": note.tags,
            "body": self.note_html(index, depth, &[]),
            "backlinks": self.backlinks_of(index, depth),
        }
    }
}

/// How many days and how many notes a page's backlinks list (the newest
/// days first; the rest are counted): a note linked from every day of ten
/// years would otherwise list 3,650 of them.
const BACKLINKS_SHOWN: usize = 50;

/// What links to a note: the daily notes (newest first) and the other notes
/// (in path order) whose items or body link to it.
#[derive(Serialize)]
pub(super) struct Backlinks {
    pub(super) days: Vec<Link>,
    pub(super) more_days: usize,
    pub(super) notes: Vec<Link>,
    pub(super) more_notes: usize,
}

impl Site<'_> {
    /// Issue 14 item 4: the backlinks of note `index`, found once for the
    /// whole site by the report ([`crate::report::NoteRow::backlinks`]).
    pub(super) fn backlinks_of(&self, index: usize, depth: usize) -> Backlinks {
        let link = |from: usize| {
            let note = &self.report.notes[from];
            let label = match (note.kind, note.date) {
                (NoteKind::Daily, Some(date)) => date.strftime("%a %-d %b %Y").to_string(),
                _ => note.title.clone(),
            };
            note.page.as_ref().map(|page| Link {
                label,
                href: href(depth, page),
            })
        };
        let notes = &self.report.notes;
        let (mut days, others): (Vec<usize>, Vec<usize>) = notes[index]
            .backlinks
            .iter()
            .partition(|&&from| notes[from].kind == NoteKind::Daily);
        // Newest first; a date's notes in path order.
        days.sort_by_key(|&from| std::cmp::Reverse(notes[from].date));
        Backlinks {
            more_days: days.len().saturating_sub(BACKLINKS_SHOWN),
            days: days
                .into_iter()
                .take(BACKLINKS_SHOWN)
                .filter_map(link)
                .collect(),
            more_notes: others.len().saturating_sub(BACKLINKS_SHOWN),
            notes: others
                .into_iter()
                .take(BACKLINKS_SHOWN)
                .filter_map(link)
                .collect(),
        }
    }
}

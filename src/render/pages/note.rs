//! A page note (neither daily nor an outcome), rendered in full.

use tera::Context;

use crate::render::site::Site;
use crate::render::url;

impl Site<'_> {
    pub(crate) fn note(&self, index: usize) -> Context {
        let note = &self.journal.notes[index];
        let depth = url::depth(&url::note(&note.path));
        page! {
            "page_title": note.title(),
            "path": note.path,
            "tags": note.front.tags,
            "body": self.note_html(index, depth),
        }
    }
}

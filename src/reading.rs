//! How one line of a note was read, for `leverage explain`: the [`Reading`]
//! of that line, a typed value built on demand from the journal by the same
//! rules that built it (the tags, timing and category the parser and the
//! category rule found, each link the item counts and what `NoteIndex`
//! resolves it to). No other view needs it, so the report does not carry it
//! for every activity of every build; the figures `explain` prints are the
//! activity's report row.

use crate::category::Rule;
use crate::diagnostic::Kind as DiagnosticKind;
use crate::parse::Kind;
use crate::parse::activity::{Target, Why};
use crate::resolve::{Journal, Resolved};

/// What one line of a note is.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// An activity (of `Report::activities`, or `upcoming`): how its item was read.
    Activity(Box<Item>),
    /// A list item of a daily note that is no activity but a `value::` check-in.
    Checkin(f64),
    /// A list item of a daily note that is no activity, and why.
    Skipped(Why),
    /// No list item of the daily note starts on the line: the lines where
    /// its activities start.
    NoItem(Vec<u32>),
    /// The note is a page or an outcome, whose list items are no activities.
    NotDaily,
}

/// How an activity's list item was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// How many of the row's tags are its own; the rest are inherited.
    pub own_tags: usize,
    /// What its minutes were read from, as written (`40m`, `08:30-11:00`,
    /// a `time::` field, the logbook's clocks).
    pub timed_by: Vec<String>,
    /// The rule that chose its category.
    pub rule: Rule,
    /// The links its outcomes come from: its own, then its details', then
    /// the inherited ones.
    pub links: Vec<Link>,
    /// The `value::` written on it.
    pub value: Option<f64>,
}

/// One link an activity counts, and what it resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub target: Target,
    pub whose: Whose,
    pub line: u32,
    pub column: u32,
    pub to: To,
}

/// Where a link an activity counts was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    Own,
    /// On a detail nested under the item.
    Detail,
    /// On an item above it.
    Inherited,
}

/// What a link resolved to (SPEC 4 Resolution).
#[derive(Debug, Clone, PartialEq)]
pub enum To {
    Note {
        path: String,
        /// The outcome id when the note is an outcome.
        outcome: Option<String>,
        /// Why this note, when several matched.
        ambiguity: Option<DiagnosticKind>,
    },
    Attachment,
    Missing,
}

/// The reading of `path:line`, or `None` when the vault has no note `path`.
pub fn read(journal: &Journal, path: &str, line: u32) -> Option<Reading> {
    let position = journal
        .notes
        .binary_search_by(|note| note.path.as_str().cmp(path))
        .ok()?;
    let note = &journal.notes[position];
    if note.kind != Kind::Daily {
        return Some(Reading::NotDaily);
    }
    let activity = journal
        .activities
        .iter()
        .chain(&journal.upcoming)
        .find(|a| a.note == position && a.line == line);
    let item = note.items.iter().find(|item| item.line == line);
    let (Some(activity), Some(item)) = (activity, item) else {
        // Issue 12 item 9: say why the line is no activity.
        let checkin = note.checkins.iter().find(|item| item.line == line);
        let skipped = note.skipped.iter().find(|skipped| skipped.line == line);
        return Some(match (checkin, skipped) {
            (Some(item), _) => Reading::Checkin(item.value.as_ref().map_or(0.0, |v| v.value)),
            (None, Some(skipped)) => Reading::Skipped(skipped.why),
            (None, None) => Reading::NoItem(note.items.iter().map(|item| item.line).collect()),
        });
    };
    let links = item
        .links
        .iter()
        .enumerate()
        .map(|(at, &link)| {
            let written = &note.links[link];
            let whose = if at < item.own_links {
                Whose::Own
            } else if at < item.own_links + item.detail_links {
                Whose::Detail
            } else {
                Whose::Inherited
            };
            let to = match journal.index.resolve(&written.target, &journal.notes) {
                (Resolved::Note(found), ambiguity) => To::Note {
                    path: journal.notes[found].path.clone(),
                    outcome: journal
                        .outcomes
                        .iter()
                        .find(|o| o.note == found)
                        .map(|o| o.id.clone()),
                    ambiguity,
                },
                (Resolved::Attachment, _) => To::Attachment,
                (Resolved::Missing, _) => To::Missing,
            };
            Link {
                target: written.target.clone(),
                whose,
                line: written.line,
                column: written.column,
                to,
            }
        })
        .collect();
    Some(Reading::Activity(Box::new(Item {
        own_tags: activity.own_tags,
        timed_by: item.timed_by.clone(),
        rule: activity.rule.clone(),
        links,
        value: activity.value.as_ref().map(|value| value.value),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::resolve::tests::journal;

    #[test]
    fn an_activitys_links_say_whose_they_are_and_where_they_lead() {
        let journal = journal(&[
            ("outcomes/Launch.md", "---\ntype: outcome\n---\n"),
            ("pages/Acme.md", ""),
            (
                "daily/2026-11-02.md",
                "- #client [[Acme]] Acme\n  - 1h call [[Launch]] #call\n    - notes on [[Nowhere]]\n",
            ),
        ]);
        let Some(Reading::Activity(item)) = read(&journal, "daily/2026-11-02.md", 2) else {
            panic!("line 2 is an activity");
        };
        assert_eq!(item.own_tags, 1);
        assert_eq!(item.timed_by, ["1h"]);
        let links: Vec<(Whose, &To)> = item.links.iter().map(|l| (l.whose, &l.to)).collect();
        assert_eq!(
            links,
            [
                (
                    Whose::Own,
                    &To::Note {
                        path: "outcomes/Launch.md".into(),
                        outcome: Some("outcomes/launch".into()),
                        ambiguity: None
                    }
                ),
                (Whose::Detail, &To::Missing),
                (
                    Whose::Inherited,
                    &To::Note {
                        path: "pages/Acme.md".into(),
                        outcome: None,
                        ambiguity: None
                    }
                ),
            ]
        );
    }

    #[test]
    fn other_lines_say_what_they_are() {
        let journal = journal(&[
            ("pages/Acme.md", "- 1h #client\n"),
            ("daily/2026-11-02.md", "- 1h #client\n  - a detail\n"),
        ]);
        assert_eq!(read(&journal, "nope.md", 1), None);
        assert_eq!(read(&journal, "pages/Acme.md", 1), Some(Reading::NotDaily));
        assert_eq!(
            read(&journal, "daily/2026-11-02.md", 2),
            Some(Reading::Skipped(Why::DetailOf(1)))
        );
        assert_eq!(
            read(&journal, "daily/2026-11-02.md", 3),
            Some(Reading::NoItem(vec![1]))
        );
    }
}

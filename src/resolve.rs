//! Parsed notes → the [`Journal`]: links resolved to notes by Obsidian's rules,
//! outcome ids given, categories chosen, check-ins gathered (SPEC sections 4
//! and 5). No file system here: notes in, plain data out.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::category::Rule;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind};
use crate::parse::activity::{Link, Located, Saves, Status, Target};
use crate::parse::front_matter::OutcomeStatus;
use crate::parse::{Kind, Note, strip_md};

mod index;

pub use index::{NoteIndex, Suggestions};

/// The vault, understood: every figure is computed from this.
#[derive(Debug)]
pub struct Journal {
    /// SPEC 3 (v2): the as-of date the commands give (`leverage::as_of`);
    /// a library caller that gives none gets the latest daily note's date,
    /// `None` without daily notes.
    pub as_of: Option<Date>,
    /// Every note, sorted by path.
    pub notes: Vec<Note>,
    /// Sorted by date, then file, then line; none after the as-of date.
    pub activities: Vec<Activity>,
    /// SPEC 3 (v2): the planned items dated after the as-of date, sorted like
    /// `activities`; they count toward nothing.
    pub upcoming: Vec<Activity>,
    /// Sorted by id.
    pub outcomes: Vec<Outcome>,
    /// Every problem of every stage so far, unsorted.
    pub diagnostics: Vec<Diagnostic>,
    /// SPEC 4 Resolution's lookup tables over `notes`, built once here: the
    /// site, the backlinks and `explain` resolve links through it.
    pub index: NoteIndex,
    /// SPEC 9 (v2) `allow:`: how many diagnostics of each allowed code were
    /// taken out of `diagnostics`.
    pub allowed: BTreeMap<&'static str, usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// Index of its note in `Journal::notes`.
    pub note: usize,
    pub file: String,
    pub line: u32,
    pub date: Date,
    pub text: String,
    /// What the site shows of `text`: the words without tags, durations,
    /// fields and the texts of outcome links (issue 14).
    pub words: String,
    pub status: Status,
    /// Own tags in order of appearance, then inherited ones; no repeats.
    pub tags: Vec<String>,
    /// How many of `tags` are the item's own (SPEC 6b groups by the first own tag).
    pub own_tags: usize,
    /// Index into `Config::categories`.
    pub category: usize,
    /// Which rule chose the category.
    pub rule: Rule,
    /// `None` when untimed.
    pub minutes: Option<u32>,
    /// Indices into `Journal::outcomes`, in order of first appearance.
    pub outcomes: Vec<usize>,
    pub saves: Option<Saves>,
    /// A `value::` check-in written on the item.
    pub value: Option<Located<f64>>,
}

impl Activity {
    pub fn is_done(&self) -> bool {
        self.status == Status::Done
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub id: String,
    /// Index of its note in `Journal::notes`.
    pub note: usize,
    pub title: String,
    pub status: OutcomeStatus,
    pub metric: Option<String>,
    pub unit: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub due: Option<Date>,
    /// SPEC 5 (v2) `direction:` as written; [`score::progress`] decides the default.
    pub direction: Option<crate::parse::front_matter::Direction>,
    /// Sorted by date; on a tie front-matter ones first, then in file order,
    /// so the last is the current value (SPEC 5).
    pub checkins: Vec<Checkin>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    pub date: Date,
    pub value: f64,
    /// `path:line` where it was written.
    pub source: String,
    pub note: Option<String>,
}

/// What a link resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// A note of the vault (index into `Journal::notes`).
    Note(usize),
    /// A file that is not a note (an image, a PDF): not ours to check.
    Attachment,
    Missing,
}

/// Builds the journal from parsed notes (in any order).
pub fn resolve(notes: Vec<Note>, config: &Config, as_of: Option<Date>) -> Journal {
    resolve_keeping(notes, config, as_of, None)
}

/// Each daily note's resolution (its activities, check-ins and link
/// problems), kept from one journal to the next by `watch`'s session, so
/// that a rebuild after a save resolves the saved note alone. A note's
/// resolution reads, beyond the note itself, only the config (one `Kept`
/// serves one config) and every note's place, path, kind, date and names
/// (the link index and the outcomes): while those are as they were
/// ([`Kept::context`]), a note that did not change resolves as it did.
#[derive(Default)]
pub struct Kept {
    context: u64,
    notes: HashMap<String, PerNote>,
}

impl Kept {
    /// Forgets what `path` resolved to: the note changed.
    pub fn forget(&mut self, path: &str) {
        self.notes.remove(path);
    }

    /// A digest of all that a note's resolution reads beyond the note and the config.
    fn context(notes: &[Note]) -> u64 {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = std::hash::DefaultHasher::new();
        for note in notes {
            (&note.path, note.kind, note.date, &note.name).hash(&mut hasher);
            (&note.front.title, &note.front.aliases).hash(&mut hasher);
        }
        hasher.finish()
    }
}

/// What resolving one daily note gives.
#[derive(Clone)]
struct PerNote {
    activities: Vec<Activity>,
    written: Vec<Written>,
    diagnostics: Vec<Diagnostic>,
}

/// [`resolve`], reusing the resolution of the daily notes `kept` holds
/// (and keeping the others' there), when given.
pub fn resolve_keeping(
    mut notes: Vec<Note>,
    config: &Config,
    as_of: Option<Date>,
    mut kept: Option<&mut Kept>,
) -> Journal {
    notes.sort_by(|a, b| a.path.cmp(&b.path));
    let mut diagnostics: Vec<Diagnostic> = notes
        .iter_mut()
        .flat_map(|note| std::mem::take(&mut note.diagnostics))
        .collect();
    let index = NoteIndex::new(&notes, config);
    let (mut outcomes, outcome_of_note) = outcomes(&notes, &mut diagnostics);

    if let Some(kept) = kept.as_deref_mut() {
        let context = Kept::context(&notes);
        if kept.context != context {
            *kept = Kept {
                context,
                notes: HashMap::new(),
            };
        }
    }
    let known = kept.as_deref().map(|kept| &kept.notes);
    // Each daily note's resolution, and whether it was made anew.
    let per_note: Vec<(PerNote, Option<&str>)> = notes
        .par_iter()
        .enumerate()
        .filter(|(_, note)| note.kind == Kind::Daily)
        .map(
            |(position, note)| match known.and_then(|known| known.get(&note.path)) {
                Some(resolved) => (resolved.clone(), None),
                None => (
                    activities(position, note, &notes, &index, &outcome_of_note, config),
                    Some(note.path.as_str()),
                ),
            },
        )
        .collect();
    if let Some(kept) = kept {
        for (resolved, fresh) in &per_note {
            if let Some(path) = fresh {
                kept.notes.insert((*path).to_owned(), resolved.clone());
            }
        }
    }
    let mut activities = Vec::new();
    let mut written = Vec::new();
    let mut suggestions = NoteIndex::suggestions(&notes);
    for (resolved, _) in per_note {
        activities.extend(resolved.activities);
        written.extend(resolved.written);
        for mut problem in resolved.diagnostics {
            if let DiagnosticKind::UnresolvedLink { target, suggestion } = problem.kind.as_mut() {
                *suggestion = suggestions.closest(target);
            }
            diagnostics.push(problem);
        }
    }
    activities.sort_by(|a, b| (a.date, &a.file, a.line).cmp(&(b.date, &b.file, b.line)));
    written.sort_by(|a, b| (a.date, &a.file, a.line).cmp(&(b.date, &b.file, b.line)));
    let as_of = as_of.or_else(|| {
        notes
            .iter()
            .filter(|n| n.kind == Kind::Daily)
            .filter_map(|n| n.date)
            .max()
    });
    let upcoming = as_of.map_or_else(Vec::new, |as_of| {
        split_upcoming(&mut activities, as_of, &mut diagnostics)
    });
    // SPEC 3 (v2): a check-in after the as-of date waits for its day.
    if let Some(as_of) = as_of {
        written.retain(|value| value.date <= as_of);
    }

    checkins_from_daily_notes(written, &mut outcomes, &mut diagnostics);
    days_over_24_hours(&activities, &notes, &mut diagnostics);
    for outcome in &mut outcomes {
        // Stable sort: front-matter check-ins come before daily ones and keep file order.
        outcome.checkins.sort_by_key(|checkin| checkin.date);
    }
    duplicate_days(&notes, &mut diagnostics);

    Journal {
        as_of,
        notes,
        activities,
        upcoming,
        outcomes,
        diagnostics,
        index,
        allowed: BTreeMap::new(),
    }
}

/// SPEC 3 (v2) notes after the as-of date: their items leave `activities`
/// (sorted, so they are its tail) and count toward nothing, check-ins
/// included; the planned ones are returned as upcoming; a done one is a
/// warning, since work cannot be done yet. An item is dated by its note, or
/// by the Obsidian Tasks `✅` date it carries.
fn split_upcoming(
    activities: &mut Vec<Activity>,
    as_of: Date,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Activity> {
    let first_future = activities.partition_point(|activity| activity.date <= as_of);
    let mut upcoming = Vec::new();
    for activity in activities.drain(first_future..) {
        match activity.status {
            Status::Planned => upcoming.push(activity),
            Status::Done => diagnostics.push(Diagnostic::warning(
                &activity.file,
                (activity.line, 1),
                DiagnosticKind::FutureDone {
                    date: activity.date,
                    as_of,
                },
            )),
        }
    }
    upcoming
}

/// SPEC 5: an outcome id is the path without `.md`, lower-cased, each run of
/// characters other than letters, digits and `/` made one `-`, trimmed of `-`.
pub fn outcome_id(path: &str) -> String {
    let stem = strip_md(path);
    let mut id = String::with_capacity(stem.len());
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '/' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_matches('-').to_owned()
}

/// Outcome notes in path order with unique ids; and the outcome of each note.
fn outcomes(
    notes: &[Note],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Outcome>, HashMap<usize, usize>) {
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut outcomes = Vec::new();
    for (position, note) in notes
        .iter()
        .enumerate()
        .filter(|(_, note)| note.kind == Kind::Outcome)
    {
        let base = outcome_id(&note.path);
        let mut id = base.clone();
        let mut suffix = 1;
        while let Some(&other) = taken.get(&id) {
            suffix += 1;
            id = format!("{base}-{suffix}");
            if suffix == 2 {
                diagnostics.push(Diagnostic::warning(
                    &note.path,
                    (1, 1),
                    DiagnosticKind::IdCollision {
                        id: base.clone(),
                        other: notes[other].path.clone(),
                    },
                ));
            }
        }
        taken.insert(id.clone(), position);
        let front = &note.front;
        let checkins = front
            .checkins
            .iter()
            .map(|entry| Checkin {
                date: entry.date,
                value: entry.value,
                source: format!("{}:{}", note.path, entry.line),
                note: entry.note.clone(),
            })
            .collect();
        outcomes.push(Outcome {
            id,
            note: position,
            title: note.title().to_owned(),
            status: front.status,
            metric: front.metric.clone(),
            unit: front.unit.clone(),
            baseline: front.baseline,
            target: front.target,
            due: front.due,
            direction: front.direction,
            checkins,
        });
    }
    outcomes.sort_by(|a, b| a.id.cmp(&b.id));
    let of_note = outcomes
        .iter()
        .enumerate()
        .map(|(index, outcome)| (outcome.note, index))
        .collect();
    (outcomes, of_note)
}

/// A `value::` written on a done list item of a daily note, with the
/// outcomes its links resolve to (SPEC 5).
#[derive(Clone)]
struct Written {
    date: Date,
    file: String,
    line: u32,
    text: String,
    value: Located<f64>,
    outcomes: Vec<usize>,
}

fn activities(
    position: usize,
    note: &Note,
    notes: &[Note],
    index: &NoteIndex,
    outcome_of_note: &HashMap<usize, usize>,
    config: &Config,
) -> PerNote {
    let mut diagnostics = Vec::new();
    let date = note.date.expect("daily notes have a date");
    // SPEC 4 (v2): a missing note warns only where it could change a figure:
    // on an activity, a detail, a check-in (or an item they inherit from).
    let mut counts = vec![false; note.links.len()];
    for item in note.items.iter().chain(note.checkins.iter()) {
        for &link in item.links.iter().chain(&item.value_links) {
            counts[link] = true;
        }
    }
    // Each link is resolved once, however many nested items inherit it.
    let outcome_of_link: Vec<Option<usize>> = note
        .links
        .iter()
        .zip(counts)
        .map(|(link, counts)| match index.resolve(&link.target, notes) {
            (Resolved::Note(target), ambiguity) => {
                if let Some(problem) = ambiguity {
                    diagnostics.push(link_warning(note, link, problem));
                }
                outcome_of_note.get(&target).copied()
            }
            (Resolved::Attachment, _) => None,
            (Resolved::Missing, _) => {
                if counts {
                    diagnostics.push(link_warning(
                        note,
                        link,
                        DiagnosticKind::UnresolvedLink {
                            target: link_name(&link.target).to_owned(),
                            suggestion: None,
                        },
                    ));
                }
                None
            }
        })
        .collect();
    let outcomes_of = |links: &[usize]| {
        let mut outcomes: Vec<usize> = Vec::new();
        for outcome in links.iter().filter_map(|&link| outcome_of_link[link]) {
            if !outcomes.contains(&outcome) {
                outcomes.push(outcome);
            }
        }
        outcomes
    };
    // SPEC 5 (v2): a check-in is any done item with `value::`, activity or not.
    let written = note
        .items
        .iter()
        .filter(|item| item.status == Status::Done)
        .chain(note.checkins.iter())
        .filter_map(|item| {
            Some(Written {
                date,
                file: note.path.clone(),
                line: item.line,
                text: item.text.clone(),
                value: item.value.clone()?,
                outcomes: outcomes_of(&item.value_links),
            })
        })
        .collect();
    let activities = note
        .items
        .iter()
        .map(|item| {
            let outcomes = outcomes_of(&item.links);
            let (category, rule) = category(item, config, note, &mut diagnostics);
            Activity {
                note: position,
                file: note.path.clone(),
                line: item.line,
                // SPEC 4 (v2): a Tasks `✅` date is the day the work was done.
                date: item.done_on.unwrap_or(date),
                text: item.text.clone(),
                words: item.shown.words(|link| outcome_of_link[link].is_some()),
                status: item.status,
                tags: item.tags.clone(),
                own_tags: item.own_tags,
                category,
                rule,
                minutes: item.minutes,
                outcomes,
                saves: item.saves,
                value: item.value.clone(),
            }
        })
        .collect();
    PerNote {
        activities,
        written,
        diagnostics,
    }
}

/// SPEC 4 Category (the rule is in [`crate::category`]); an unknown
/// `category::` name is a warning here, and the other rules decide.
fn category(
    item: &crate::parse::activity::Item,
    config: &Config,
    note: &Note,
    diagnostics: &mut Vec<Diagnostic>,
) -> (usize, Rule) {
    let field = item.category.as_ref().and_then(|field| {
        let index = config.category_index(&field.value);
        if index.is_none() {
            diagnostics.push(Diagnostic::warning(
                &note.path,
                (field.line, field.column),
                DiagnosticKind::UnknownCategory {
                    name: field.value.clone(),
                    known: config
                        .category_names()
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                },
            ));
        }
        index
    });
    crate::category::choose(config, field, &item.tags, &item.words)
}

fn link_name(target: &Target) -> &str {
    match target {
        Target::Wiki(name) | Target::Path(name) => name,
    }
}

fn link_warning(note: &Note, link: &Link, kind: DiagnosticKind) -> Diagnostic {
    Diagnostic::warning(&note.path, (link.line, link.column), kind)
}

/// SPEC 5: a done item linking exactly one outcome with `value:: NUMBER` is a check-in.
fn checkins_from_daily_notes(
    written: Vec<Written>,
    outcomes: &mut [Outcome],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for written in written {
        match written.outcomes.as_slice() {
            [outcome] => outcomes[*outcome].checkins.push(Checkin {
                date: written.date,
                value: written.value.value,
                source: format!("{}:{}", written.file, written.line),
                note: Some(written.text),
            }),
            linked => diagnostics.push(Diagnostic::warning(
                &written.file,
                (written.value.line, written.value.column),
                if linked.is_empty() {
                    DiagnosticKind::ValueWithoutOutcome
                } else {
                    DiagnosticKind::ValueSeveralOutcomes {
                        outcomes: linked.len(),
                    }
                },
            )),
        }
    }
}

/// SPEC 4 (v2): a day whose done minutes add up to more than 24 hours is a
/// warning at its daily note (the first, when several share the date).
fn days_over_24_hours(activities: &[Activity], notes: &[Note], diagnostics: &mut Vec<Diagnostic>) {
    let mut per_day: Vec<(Date, u64, usize)> = Vec::new();
    for activity in activities.iter().filter(|activity| activity.is_done()) {
        let minutes = u64::from(activity.minutes.unwrap_or(0));
        match per_day.last_mut() {
            Some((date, total, _)) if *date == activity.date => *total += minutes,
            _ => per_day.push((activity.date, minutes, activity.note)),
        }
    }
    for (date, minutes, first) in per_day {
        if minutes <= 24 * 60 {
            continue;
        }
        let note = notes
            .iter()
            .find(|note| note.kind == Kind::Daily && note.date == Some(date))
            .unwrap_or(&notes[first]);
        let tenths = (minutes * 10 + 30) / 60;
        let hours = if tenths % 10 == 0 {
            (tenths / 10).to_string()
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        };
        diagnostics.push(Diagnostic::warning(
            &note.path,
            (1, 1),
            DiagnosticKind::DayOver24h { hours },
        ));
    }
}

fn duplicate_days(notes: &[Note], diagnostics: &mut Vec<Diagnostic>) {
    let mut first_of_day: HashMap<Date, &str> = HashMap::new();
    for note in notes.iter().filter(|note| note.kind == Kind::Daily) {
        let date = note.date.expect("daily notes have a date");
        match first_of_day.entry(date) {
            Entry::Occupied(first) => diagnostics.push(Diagnostic::warning(
                &note.path,
                (1, 1),
                DiagnosticKind::DuplicateDay {
                    first: (*first.get()).to_owned(),
                    date,
                },
            )),
            Entry::Vacant(slot) => {
                slot.insert(&note.path);
            }
        }
    }
}
#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::parse::note;
    use crate::scan::Source;
    use jiff::civil::date;

    /// The journal of `files` (path, text), read with the default config.
    pub(crate) fn journal(files: &[(&str, &str)]) -> Journal {
        let config = Config::default();
        let notes = files
            .iter()
            .map(|(path, text)| {
                note(
                    &Source {
                        path: (*path).into(),
                        text: (*text).into(),
                    },
                    &config,
                )
            })
            .collect();
        resolve(notes, &config, None)
    }

    fn messages(journal: &Journal) -> Vec<String> {
        let mut all: Vec<_> = journal
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        all.sort();
        all
    }

    #[test]
    fn outcome_ids() {
        assert_eq!(
            outcome_id("outcomes/Referral Pipeline.md"),
            "outcomes/referral-pipeline"
        );
        assert_eq!(
            outcome_id("outcomes/Q4 — Revenue (studio).md"),
            "outcomes/q4-revenue-studio"
        );
        assert_eq!(outcome_id("Outcomes/Café Größe.md"), "outcomes/café-größe");
        assert_eq!(outcome_id("(x).md"), "x");
    }

    #[test]
    fn colliding_ids_get_numbered_in_path_order() {
        let journal = journal(&[
            ("outcomes/a b.md", ""),
            ("outcomes/a-b.md", ""),
            ("outcomes/A  B.md", ""),
        ]);
        let ids: Vec<_> = journal
            .outcomes
            .iter()
            .map(|o| (o.id.as_str(), journal.notes[o.note].path.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                ("outcomes/a-b", "outcomes/A  B.md"),
                ("outcomes/a-b-2", "outcomes/a b.md"),
                ("outcomes/a-b-3", "outcomes/a-b.md")
            ]
        );
        assert_eq!(messages(&journal).len(), 2);
    }

    #[test]
    fn links_resolve_paths_then_name_then_title_or_alias() {
        let journal = journal(&[
            (
                "outcomes/Referral Pipeline.md",
                "---\naliases: [Referrals]\n---\n",
            ),
            ("outcomes/Revenue.md", "---\ntitle: Studio revenue\n---\n"),
            ("outcomes/sub/Deep.md", ""),
            ("pages/Acme.md", ""),
            (
                "daily/2026-11-02.md",
                "- #deal [[referral pipeline]] 1h\n- #deal [[Referrals]] 1h\n- #deal [[Studio Revenue]] 1h\n- #deal [[outcomes/Revenue.md]] 1h\n- #deal [[sub/Deep]] 1h\n- #deal [[Acme]] [[Nowhere]] 1h\n- #deal [x](../outcomes/Referral%20Pipeline.md) ![[pic.png]] 1h\n",
            ),
        ]);
        let linked: Vec<Vec<&str>> = journal
            .activities
            .iter()
            .map(|a| {
                a.outcomes
                    .iter()
                    .map(|&o| journal.outcomes[o].id.as_str())
                    .collect()
            })
            .collect();
        assert_eq!(
            linked,
            [
                vec!["outcomes/referral-pipeline"],
                vec!["outcomes/referral-pipeline"],
                vec!["outcomes/revenue"],
                vec!["outcomes/revenue"],
                vec!["outcomes/sub/deep"],
                vec![],
                vec!["outcomes/referral-pipeline"],
            ]
        );
        assert_eq!(
            messages(&journal),
            [
                "daily/2026-11-02.md:6:18: warning[unresolved-link]: link to `Nowhere` does not resolve to any note"
            ]
        );
    }

    #[test]
    fn ambiguous_links_take_the_shortest_path_with_a_warning() {
        let journal = journal(&[
            ("outcomes/x/Goal.md", ""),
            ("outcomes/Goal.md", ""),
            ("daily/2026-11-02.md", "- #deal [[Goal]] 1h\n"),
        ]);
        assert_eq!(
            journal.outcomes[journal.activities[0].outcomes[0]].id,
            "outcomes/goal"
        );
        assert_eq!(
            messages(&journal),
            [
                "daily/2026-11-02.md:1:9: warning[ambiguous-link]: link `Goal` matches 2 notes; outcomes/Goal.md is used"
            ]
        );
    }

    #[test]
    fn categories_by_field_then_first_mapped_tag() {
        let journal = journal(&[(
            "daily/2026-11-02.md",
            "- #errand #email #system 1h\n- #email 1h [category:: strategy]\n- #errand 1h\n- #x 1h [category:: nope]\n- #client/acme\n  - #misc 1h\n",
        )]);
        let config = Config::default();
        let names: Vec<_> = journal
            .activities
            .iter()
            .map(|a| config.categories[a.category].name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "coordination",
                "strategy",
                "uncategorized",
                "uncategorized",
                "execution",
                "execution"
            ]
        );
        assert_eq!(
            messages(&journal),
            ["daily/2026-11-02.md:4:21: warning[unknown-category]: unknown category `nope`"]
        );
    }

    #[test]
    fn checkins_come_from_front_matter_and_value_fields() {
        let journal = journal(&[
            (
                "outcomes/Goal.md",
                "---\nbaseline: 1\ncheckins:\n  - {date: 2026-11-02, value: 2}\n---\n",
            ),
            ("outcomes/Other.md", ""),
            (
                "daily/2026-11-02.md",
                "- #deal [[Goal]] 1h [value:: 4]\n- #deal [[Goal]] [[Other]] [value:: 5]\n- #deal 1h (value:: 6)\n- [ ] #deal [[Goal]] [value:: 9]\n",
            ),
        ]);
        let goal = &journal.outcomes[0];
        let values: Vec<_> = goal
            .checkins
            .iter()
            .map(|c| (c.value, c.source.as_str()))
            .collect();
        assert_eq!(
            values,
            [(2.0, "outcomes/Goal.md:4"), (4.0, "daily/2026-11-02.md:1")]
        );
        assert_eq!(
            messages(&journal),
            [
                "daily/2026-11-02.md:2:37: warning[value-several-outcomes]: `value::` needs exactly one linked outcome, this item links 2",
                "daily/2026-11-02.md:3:21: warning[value-without-outcome]: `value::` needs exactly one linked outcome, this item links none",
            ]
        );
    }

    #[test]
    fn as_of_is_the_latest_daily_note_and_duplicates_warn() {
        let journal = journal(&[
            ("daily/2026-11-02.md", ""),
            ("journals/2026_11_02.md", ""),
            ("notes/2026-12-01 plan.md", "---\ntype: outcome\n---\n"),
        ]);
        assert_eq!(journal.as_of, Some(date(2026, 11, 2)));
        assert_eq!(
            messages(&journal),
            [
                "journals/2026_11_02.md:1:1: warning[duplicate-day]: daily/2026-11-02.md is also the daily note of 2026-11-02"
            ]
        );
    }

    #[test]
    fn unresolved_links_warn_only_where_they_could_change_a_figure() {
        // SPEC 4 (v2): on an activity, a detail or a check-in; not in prose,
        // not on an item that counts for nothing; with "did you mean".
        let journal = journal(&[
            ("outcomes/Referral Pipeline.md", ""),
            (
                "daily/2026-11-02.md",
                "Met [[Somebody]] today.\n\n- #deal 1h [[Referal Pipeline]]\n- Idea: [[Later Page]]\n",
            ),
        ]);
        let unresolved: Vec<_> = journal
            .diagnostics
            .iter()
            .map(|d| (d.line, d.hint()))
            .collect();
        assert_eq!(
            unresolved,
            [(3, Some("did you mean `[[Referral Pipeline]]`?".to_owned()))]
        );
    }
}

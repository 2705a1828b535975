//! Which pages a rebuild must render: what the last build rendered from
//! ([`Rendered`]), and where each note shows ([`Footprint`]).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash as _, Hasher as _};

use crate::Compiled;
use crate::parse::Kind;
use crate::period::{self, Period};
use crate::render::Templates;
use crate::render::url;
use crate::report::Report;
use crate::resolve::Journal;
use crate::score;
use jiff::civil::Date;

/// What a build rendered from: a hash of everything that pages other than
/// those of a note's own day, periods, tags and outcomes show (the note set
/// with titles and aliases, the outcomes, the ids of the periods and tags,
/// the problem counts, the config and the templates), and each note's
/// footprint. When a rebuild's hash is the same, a changed note can only
/// change the pages its old and new footprints reach; any other change
/// renders every page.
pub(super) struct Rendered {
    pub(super) global: u64,
    pub(super) footprints: HashMap<String, Footprint>,
}

/// Where a note shows: its kind and date, each of its activities, the pages
/// of the notes it links to (their backlinks list it) and its check-ins.
pub(super) struct Footprint {
    kind: Kind,
    date: Option<Date>,
    activities: Vec<Trace>,
    links: BTreeSet<String>,
    /// A hash of the check-ins written in the note, activities or not.
    checkins: u64,
}

/// An activity as the pages show it (a hash of everything a row, a chart
/// or a check-in takes from it), and the tag and outcome pages listing it.
#[derive(PartialEq)]
struct Trace {
    shown: u64,
    /// The archive pages listing it are of its year.
    year: i16,
    /// With their ancestors: `a/b` is listed on the page of `a` too.
    tags: BTreeSet<String>,
    outcomes: Vec<String>,
    /// Work on an outcome marked achieved or dropped: the quarter review
    /// places such an outcome in the quarter of its last sign, however far
    /// from this note's, so a change renders all.
    far: bool,
}

impl Rendered {
    pub(super) fn global(compiled: &Compiled, report: &Report, templates: &Templates) -> u64 {
        let mut hasher = DefaultHasher::new();
        let journal = &compiled.journal;
        (
            &compiled.config_text,
            templates.fingerprint(),
            journal.as_of,
        )
            .hash(&mut hasher);
        for note in &journal.notes {
            (
                &note.path,
                note.kind,
                note.date,
                note.title(),
                &note.front.aliases,
            )
                .hash(&mut hasher);
        }
        for outcome in &journal.outcomes {
            let numbers = [outcome.baseline, outcome.target].map(|n| n.map(f64::to_bits));
            (
                &outcome.id,
                outcome.note,
                &outcome.title,
                &outcome.metric,
                &outcome.unit,
            )
                .hash(&mut hasher);
            (numbers, outcome.due, outcome.status as u8).hash(&mut hasher);
        }
        for kind in period::Kind::ALL {
            for row in report.periods(kind) {
                row.id.hash(&mut hasher);
            }
        }
        for row in &report.tags {
            row.tag.hash(&mut hasher);
        }
        (report.diagnostics.len(), report.errors()).hash(&mut hasher);
        // The neglect rule waits for a 14-day log (every outcome's badge),
        // and a quarter's review shows each system's verification, which
        // any week of its target tag can change.
        report.log_start.hash(&mut hasher);
        for saves in report.activities.iter().filter_map(|a| a.saves.as_ref()) {
            if let Some(verified) = &saves.verified {
                (verified.status.as_str(), verified.before, verified.after).hash(&mut hasher);
            }
        }
        hasher.finish()
    }

    /// The pages that the changed notes can reach, or `None` for all of them.
    pub(super) fn reach(
        &self,
        changed: &[String],
        now: &HashMap<String, Footprint>,
    ) -> Option<HashSet<String>> {
        let mut pages: HashSet<String> = [url::INDEX, url::SYSTEMS, url::PROBLEMS, url::FORMULAS]
            .map(str::to_owned)
            .into();
        // The indexes list every period, outcome and tag with its figures.
        pages.extend(
            [
                period::Kind::Week,
                period::Kind::Month,
                period::Kind::Quarter,
            ]
            .map(url::periods),
        );
        pages.extend([url::OUTCOMES, url::TAGS].map(str::to_owned));
        for path in changed {
            let (old, new) = (self.footprints.get(path)?, now.get(path)?);
            // Outcome notes feed every page that shows an outcome.
            if old.kind == Kind::Outcome || new.kind == Kind::Outcome {
                return None;
            }
            // The activities on one side only: added, removed or shown otherwise.
            let mut gone: Vec<&Trace> = old.activities.iter().collect();
            let mut moved: Vec<&Trace> = Vec::new();
            for trace in &new.activities {
                match gone.iter().position(|old| old.shown == trace.shown) {
                    Some(at) => {
                        gone.swap_remove(at);
                    }
                    None => moved.push(trace),
                }
            }
            moved.extend(gone);
            // A check-in measures the shift of every period up to the next
            // one, however far: rare enough to render everything.
            if old.checkins != new.checkins || moved.iter().any(|trace| trace.far) {
                return None;
            }
            // The notes linked on one side only list it, or no longer do.
            pages.extend(old.links.symmetric_difference(&new.links).cloned());
            for trace in &moved {
                pages.extend(trace.tags.iter().map(|tag| url::tag(tag)));
                pages.extend(trace.outcomes.iter().map(|id| url::outcome(id)));
                let year = trace.year;
                pages.extend(trace.tags.iter().map(|tag| url::tag_archive(tag, year)));
                pages.extend(
                    trace
                        .outcomes
                        .iter()
                        .map(|id| url::outcome_archive(id, year)),
                );
            }
            let figures_changed = !moved.is_empty() || old.date != new.date;
            for footprint in [old, new] {
                if footprint.kind == Kind::Page {
                    pages.insert(url::note(path));
                }
                let Some(date) = footprint.date.filter(|_| footprint.kind == Kind::Daily) else {
                    continue;
                };
                // The day shows the note itself.
                pages.insert(url::day(date));
                if !figures_changed {
                    continue;
                }
                // The periods that hold the day's week or end within the 14
                // days of neglect after it, and the one after each (its cards
                // compare with the period before).
                let from = Period::containing(period::Kind::Week, date).start;
                let to = date
                    .checked_add(jiff::Span::new().days(score::NEGLECT_DAYS))
                    .ok()?;
                for kind in [
                    period::Kind::Week,
                    period::Kind::Fortnight,
                    period::Kind::Month,
                    period::Kind::Quarter,
                    period::Kind::Year,
                ] {
                    let mut period = Period::containing(kind, from);
                    loop {
                        pages.insert(url::period(period));
                        if period.start > to {
                            break;
                        }
                        period = period.next()?;
                    }
                }
            }
        }
        Some(pages)
    }
}

impl Footprint {
    /// Every note's footprint, or only those of the notes `only` names.
    /// `report` is [`Report::for_site`]'s: the links of its notes are those
    /// the pages show.
    pub(super) fn of(
        journal: &Journal,
        report: &Report,
        only: Option<&[String]>,
    ) -> HashMap<String, Footprint> {
        let wanted: Vec<bool> = match only {
            None => vec![true; journal.notes.len()],
            Some(paths) => {
                let paths: HashSet<&str> = paths.iter().map(String::as_str).collect();
                journal
                    .notes
                    .iter()
                    .map(|note| paths.contains(note.path.as_str()))
                    .collect()
            }
        };
        let mut footprints: Vec<Footprint> = journal
            .notes
            .iter()
            .map(|note| Footprint {
                kind: note.kind,
                date: note.date,
                activities: Vec::new(),
                links: BTreeSet::new(),
                checkins: 0,
            })
            .collect();
        for note in &report.notes {
            for &from in note.backlinks.iter().filter(|&&from| wanted[from]) {
                footprints[from].links.extend(note.page.clone());
            }
        }
        let mut checkins: Vec<DefaultHasher> = vec![DefaultHasher::new(); journal.notes.len()];
        for (o, outcome) in journal.outcomes.iter().enumerate() {
            for checkin in &outcome.checkins {
                // `path:line`: the note it was written in.
                let path = checkin.source.rsplit_once(':').map_or("", |(path, _)| path);
                if let Ok(at) = journal
                    .notes
                    .binary_search_by(|n| n.path.as_str().cmp(path))
                {
                    (o, checkin.date, checkin.value.to_bits(), &checkin.note)
                        .hash(&mut checkins[at]);
                }
            }
        }
        for (footprint, hasher) in footprints.iter_mut().zip(checkins) {
            footprint.checkins = hasher.finish();
        }
        for activity in journal.activities.iter().filter(|a| wanted[a.note]) {
            let outcomes: Vec<String> = activity
                .outcomes
                .iter()
                .map(|&o| journal.outcomes[o].id.clone())
                .collect();
            let mut hasher = DefaultHasher::new();
            (
                activity.line,
                activity.date,
                &activity.text,
                activity.status,
            )
                .hash(&mut hasher);
            (
                &activity.tags,
                activity.category,
                activity.minutes,
                &outcomes,
            )
                .hash(&mut hasher);
            let saves = activity.saves.map(|s| (s.minutes, s.per_days));
            let value = activity
                .value
                .as_ref()
                .map(|v| (v.value.to_bits(), v.line, v.column));
            (saves, value).hash(&mut hasher);
            let mut tags = BTreeSet::new();
            for tag in &activity.tags {
                for name in crate::tag::and_ancestors(tag) {
                    if !tags.insert(name.to_owned()) {
                        break;
                    }
                }
            }
            let far = activity.outcomes.iter().any(|&o| {
                journal.outcomes[o].status != crate::parse::front_matter::OutcomeStatus::Active
            });
            footprints[activity.note].activities.push(Trace {
                shown: hasher.finish(),
                year: activity.date.year(),
                tags,
                outcomes,
                far,
            });
        }
        journal
            .notes
            .iter()
            .zip(footprints)
            .zip(wanted)
            .filter(|(_, wanted)| *wanted)
            .map(|((note, footprint), _)| (note.path.clone(), footprint))
            .collect()
    }
}

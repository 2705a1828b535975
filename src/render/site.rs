//! The pages of the site (the URL table of the site issue), each built from
//! report data into a small template context, rendered in parallel.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use tera::Context;

use super::charts::{self as chart, Bar, Checkin, Series, Stack, slug};
use super::markdown::{body_html, pages_of_notes};
use super::templates::Templates;
use super::url;
use crate::config::{Config, Kind as CategoryKind};
use crate::parse::Kind as NoteKind;
use crate::period::{Kind, Period, days_between};
use crate::report::{ActivityRow, OutcomeRow, PeriodRow, Report, TagRow};
use crate::resolve::{Journal, NoteIndex};
use crate::scan::Source;
use crate::score;

/// A page's template context, written like `json!`'s objects: each value is
/// serialised straight into Tera's values, with no JSON tree in between.
macro_rules! page {
    ($($key:literal : $value:expr),* $(,)?) => {{
        let mut context = Context::new();
        $(context.insert($key, &$value);)*
        context
    }};
}

/// One file of the site: its path below the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything a page is built from, computed once and shared by all pages.
struct Site<'a> {
    journal: &'a Journal,
    config: &'a Config,
    report: &'a Report,
    sources: &'a [Source],
    index: NoteIndex,
    note_pages: Vec<Option<String>>,
    /// Outcome id → row in the report.
    outcome_rows: HashMap<&'a str, &'a OutcomeRow>,
    categories: Vec<CategoryView>,
    latest_week: Option<Period>,
    /// Outcome index → positions in `journal.activities` of the activities
    /// linking it, in date order: one pass here instead of one per page.
    linked: Vec<Vec<usize>>,
    /// Outcome index → dates of the done activities linking it, sorted.
    worked_on: Vec<Vec<Date>>,
    /// Date → the daily notes of that date (indices into `journal.notes`).
    daily_notes: HashMap<Date, Vec<usize>>,
    /// The tags that have a page: a set, since one activity may carry
    /// 200,000 tags, and the report have as many rows.
    tag_pages: HashSet<&'a str>,
    /// Tag → positions in `journal.activities` of the activities carrying it
    /// or a tag nested in it, in order: one pass here, not one per tag page.
    tag_activities: HashMap<&'a str, Vec<usize>>,
    /// Tag → its rows in the report, and the rows of the tags nested one
    /// level below it.
    tag_rows: HashMap<&'a str, &'a TagRow>,
    tag_children: HashMap<&'a str, Vec<&'a TagRow>>,
}

#[derive(Serialize, Clone)]
struct CategoryView {
    name: String,
    slug: String,
    kind: &'static str,
    target: String,
    reference: String,
}

/// What every page gets.
#[derive(Serialize)]
struct Common<'a> {
    root: String,
    title: &'a str,
    as_of: Option<&'a str>,
    problems: usize,
    errors: usize,
    nav: &'a str,
    week_href: Option<String>,
    month_href: Option<String>,
    categories: &'a [CategoryView],
}

/// A set of figures, formatted for reading.
#[derive(Serialize)]
struct FiguresView {
    hours: String,
    minutes: u64,
    compounding: Option<String>,
    alignment: Option<String>,
    index: Option<String>,
    off_target: Option<String>,
    planned_hours: String,
    untimed: u64,
    busy: bool,
    categories: Vec<ShareView>,
}

#[derive(Serialize)]
struct ShareView {
    name: String,
    slug: String,
    kind: &'static str,
    hours: String,
    share: String,
}

#[derive(Serialize)]
struct Link {
    label: String,
    href: String,
}

/// A tag of an activity: a link when the tag has a page (a tag carried only
/// by planned activities has none).
#[derive(Serialize)]
struct TagLink {
    label: String,
    href: Option<String>,
}

/// An activity's row shows at most this many tags and outcomes (the rest are
/// counted, and link to its day) and this many characters of its text. An
/// item is listed on the page of each of its tags and outcomes: a one-line
/// note carrying 200,000 tags would otherwise print its megabyte of text and
/// tags on 200,000 pages. The day page shows the note in full.
const TAGS_SHOWN: usize = 12;
const TEXT_SHOWN: usize = 300;

#[derive(Serialize)]
struct ActivityView {
    date: String,
    day_href: String,
    text: String,
    status: &'static str,
    tags: Vec<TagLink>,
    category: String,
    slug: String,
    kind: &'static str,
    duration: String,
    minutes: u32,
    outcomes: Vec<Link>,
    leverage_hours: String,
    source: String,
}

/// A headline figure with its change against a baseline.
#[derive(Serialize)]
struct Card {
    label: &'static str,
    value: String,
    delta: Option<String>,
    /// `up`, `down` or `flat`.
    direction: &'static str,
    /// Whether the change is for the better.
    good: bool,
}

/// Renders every page of the site, sorted by path.
pub fn render(
    journal: &Journal,
    config: &Config,
    report: &Report,
    sources: &[Source],
    templates: &Templates,
    data: &[(&str, &str)],
) -> Result<Vec<Page>, tera::Error> {
    let mut pages = render_each(
        journal,
        config,
        report,
        sources,
        templates,
        |_| None,
        Ok::<Page, tera::Error>,
    )?;
    for (path, text) in data {
        pages.push(Page {
            path: (*path).to_owned(),
            bytes: text.as_bytes().to_vec(),
        });
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

/// Renders the pages of the site (not the data files) in parallel, and hands
/// each to `emit` as soon as it is made, so that a caller can write it and
/// drop it: the whole site is never in memory at once. A page whose path
/// `keep` answers `Some` for is not rendered: what `keep` returned stands for
/// it (a rebuild that knows the page cannot have changed). Returns what `emit`
/// and `keep` returned, in no particular order.
pub fn render_each<T: Send, E: From<tera::Error> + Send>(
    journal: &Journal,
    config: &Config,
    report: &Report,
    sources: &[Source],
    templates: &Templates,
    keep: impl Fn(&str) -> Option<T> + Sync,
    emit: impl Fn(Page) -> Result<T, E> + Sync,
) -> Result<Vec<T>, E> {
    let site = Site::new(journal, config, report, sources);
    let mut jobs: Vec<Job> = vec![Job::Index, Job::Systems, Job::Problems];
    jobs.extend(report.days.iter().map(Job::Day));
    for kind in [Kind::Week, Kind::Month, Kind::Quarter, Kind::Year] {
        jobs.extend(
            report
                .periods(kind)
                .iter()
                .map(|row| Job::Period(kind, row)),
        );
    }
    jobs.extend(
        report
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, _)| Job::Outcome(i)),
    );
    jobs.extend(report.tags.iter().map(|row| Job::Tag(&row.tag)));
    jobs.extend(
        journal
            .notes
            .iter()
            .enumerate()
            .filter(|(_, note)| note.kind == NoteKind::Page)
            .map(|(i, _)| Job::Note(i)),
    );
    let mut made: Vec<T> = jobs
        .par_iter()
        .map(|job| {
            let path = site.path(job);
            match keep(&path) {
                Some(kept) => Ok(kept),
                None => emit(site.page(job, path, templates)?),
            }
        })
        .collect::<Result<_, E>>()?;
    made.push(emit(Page {
        path: "style.css".to_owned(),
        bytes: templates.style().as_bytes().to_vec(),
    })?);
    Ok(made)
}

enum Job<'a> {
    Index,
    Systems,
    Problems,
    Day(&'a PeriodRow),
    Period(Kind, &'a PeriodRow),
    Outcome(usize),
    Tag(&'a str),
    Note(usize),
}

impl<'a> Site<'a> {
    fn new(
        journal: &'a Journal,
        config: &'a Config,
        report: &'a Report,
        sources: &'a [Source],
    ) -> Self {
        let percent_of = |shares: &BTreeMap<String, f64>, name: &str| {
            percent(shares.get(name).copied().unwrap_or(0.0))
        };
        let mut linked = vec![Vec::new(); journal.outcomes.len()];
        let mut worked_on = vec![Vec::new(); journal.outcomes.len()];
        for (position, activity) in journal.activities.iter().enumerate() {
            for &outcome in &activity.outcomes {
                linked[outcome].push(position);
                if activity.is_done() {
                    worked_on[outcome].push(activity.date);
                }
            }
        }
        let mut tag_activities: HashMap<&str, Vec<usize>> = HashMap::new();
        for (position, activity) in journal.activities.iter().enumerate() {
            for tag in &activity.tags {
                // The tag and each of its ancestors (`a/b/c`, `a/b`, `a`).
                let ends = tag.match_indices('/').map(|(i, _)| i).chain([tag.len()]);
                for end in ends {
                    let positions = tag_activities.entry(&tag[..end]).or_default();
                    if positions.last() != Some(&position) {
                        positions.push(position);
                    }
                }
            }
        }
        let mut tag_children: HashMap<&str, Vec<&TagRow>> = HashMap::new();
        for row in &report.tags {
            if let Some(slash) = row.tag.rfind('/') {
                tag_children.entry(&row.tag[..slash]).or_default().push(row);
            }
        }
        let mut daily_notes: HashMap<Date, Vec<usize>> = HashMap::new();
        for (position, note) in journal.notes.iter().enumerate() {
            if let (NoteKind::Daily, Some(date)) = (note.kind, note.date) {
                daily_notes.entry(date).or_default().push(position);
            }
        }
        Site {
            journal,
            config,
            report,
            sources,
            index: NoteIndex::new(&journal.notes),
            note_pages: pages_of_notes(journal),
            tag_pages: report.tags.iter().map(|row| row.tag.as_str()).collect(),
            tag_activities,
            tag_rows: report
                .tags
                .iter()
                .map(|row| (row.tag.as_str(), row))
                .collect(),
            tag_children,
            outcome_rows: report
                .outcomes
                .iter()
                .map(|row| (row.id.as_str(), row))
                .collect(),
            categories: config
                .categories
                .iter()
                .map(|category| CategoryView {
                    name: category.name.clone(),
                    slug: slug(&category.name),
                    kind: category.kind.as_str(),
                    target: percent_of(&config.targets, &category.name),
                    reference: percent_of(&config.reference, &category.name),
                })
                .collect(),
            latest_week: journal.as_of.map(|day| Period::containing(Kind::Week, day)),
            linked,
            worked_on,
            daily_notes,
        }
    }

    /// Where a job's page goes, below the output folder.
    fn path(&self, job: &Job) -> String {
        match *job {
            Job::Index => "index.html".to_owned(),
            Job::Systems => "systems.html".to_owned(),
            Job::Problems => "problems.html".to_owned(),
            Job::Day(row) => url::day(row.id.parse().expect("day ids are dates")),
            Job::Period(kind, row) => url::period(period_of(kind, row)),
            Job::Outcome(index) => url::outcome(&self.report.outcomes[index].id),
            Job::Tag(tag) => url::tag(tag),
            Job::Note(index) => url::note(&self.journal.notes[index].path),
        }
    }

    fn page(&self, job: &Job, path: String, templates: &Templates) -> Result<Page, tera::Error> {
        let (template, context) = match *job {
            Job::Index => ("index.html", self.dashboard()),
            Job::Systems => ("systems.html", self.systems()),
            Job::Problems => ("problems.html", self.problems()),
            Job::Day(row) => {
                let date: Date = row.id.parse().expect("day ids are dates");
                ("day.html", self.day(date, row))
            }
            Job::Period(kind, row) => {
                let template = if kind == Kind::Week {
                    "week.html"
                } else {
                    "period.html"
                };
                (template, self.period(period_of(kind, row), row))
            }
            Job::Outcome(index) => ("outcome.html", self.outcome(index)),
            Job::Tag(tag) => ("tag.html", self.tag(tag)),
            Job::Note(index) => ("note.html", self.note(index)),
        };
        let depth = url::depth(&path);
        let mut context = context;
        context.insert("site", &self.common(depth, nav_of(job)));
        context.insert("root", &url::root(depth));
        let html = templates.render(template, &context)?;
        Ok(Page {
            path,
            bytes: html.into_bytes(),
        })
    }

    fn common(&self, depth: usize, nav: &'a str) -> Common<'_> {
        let root = url::root(depth);
        let as_of_period = |kind| {
            self.as_of_period(kind)
                .map(|period| format!("{root}{}", url::encode(&url::period(period))))
        };
        Common {
            root: root.clone(),
            title: &self.config.title,
            as_of: self.report.as_of.as_deref(),
            problems: self.report.diagnostics.len(),
            errors: self.report.errors(),
            nav,
            week_href: as_of_period(Kind::Week),
            month_href: as_of_period(Kind::Month),
            categories: &self.categories,
        }
    }

    /// The period of `kind` holding the as-of date, or when it has no page
    /// (an `--as-of` past the last note) the latest one before it that has.
    fn as_of_period(&self, kind: Kind) -> Option<Period> {
        let id = Period::containing(kind, self.journal.as_of?).to_string();
        let rows = self.report.periods(kind);
        let row = rows[..rows.partition_point(|row| row.id <= id)].last()?;
        let start: Date = row.start.as_deref()?.parse().ok()?;
        Some(Period::containing(kind, start))
    }

    /// Positions in `journal.activities` (and `report.activities`) dated within [start, end].
    fn range(&self, start: Date, end: Date) -> Range<usize> {
        let activities = &self.journal.activities;
        activities.partition_point(|a| a.date < start)
            ..activities.partition_point(|a| a.date <= end)
    }

    /// The figures of the activities dated within [start, end], as a row.
    fn figures_between(&self, start: Date, end: Date) -> PeriodRow {
        let activities = &self.journal.activities[self.range(start, end)];
        let mut row = PeriodRow::new(
            Period::containing(Kind::Week, start),
            &score::figures(activities, self.config),
            self.config,
        );
        row.busy = None;
        row
    }

    fn row(&self, period: Period) -> Option<&'a PeriodRow> {
        let rows = self.report.periods(period.kind);
        let id = period.to_string();
        rows.binary_search_by(|row| row.id.cmp(&id))
            .ok()
            .map(|i| &rows[i])
    }

    fn figures(&self, row: Option<&PeriodRow>) -> FiguresView {
        let empty = PeriodRow::new(
            Period::containing(Kind::Day, Date::constant(2000, 1, 1)),
            &score::figures(std::iter::empty(), self.config),
            self.config,
        );
        let row = row.unwrap_or(&empty);
        FiguresView {
            hours: hours(row.minutes),
            minutes: row.minutes,
            compounding: row.compounding_share.map(percent),
            alignment: row.alignment.map(percent),
            index: row.index.map(|i| format!("{i:.1}")),
            off_target: row.off_target.map(percent),
            planned_hours: hours(row.planned_minutes),
            untimed: row.untimed,
            busy: row.busy == Some(true),
            categories: self
                .config
                .categories
                .iter()
                .filter_map(|category| {
                    let minutes = *row.by_category.get(&category.name)?;
                    Some(ShareView {
                        name: category.name.clone(),
                        slug: slug(&category.name),
                        kind: category.kind.as_str(),
                        hours: hours(minutes),
                        share: percent(minutes as f64 / row.minutes.max(1) as f64),
                    })
                })
                .collect(),
        }
    }

    fn activities(
        &self,
        positions: impl Iterator<Item = usize>,
        depth: usize,
    ) -> Vec<ActivityView> {
        positions
            .map(|i| self.activity(&self.report.activities[i], depth))
            .collect()
    }

    fn activity(&self, row: &ActivityRow, depth: usize) -> ActivityView {
        let date: Date = row.date.parse().expect("activity dates are dates");
        let day_href = href(depth, &url::day(date));
        let more = |count: usize| format!("+{} more", count - TAGS_SHOWN);
        ActivityView {
            date: row.date.clone(),
            text: match row.text.char_indices().nth(TEXT_SHOWN) {
                Some((cut, _)) => format!("{}…", &row.text[..cut]),
                None => row.text.clone(),
            },
            status: row.status,
            tags: row
                .tags
                .iter()
                .take(TAGS_SHOWN)
                .map(|tag| TagLink {
                    label: format!("#{tag}"),
                    href: self
                        .tag_pages
                        .contains(tag.as_str())
                        .then(|| href(depth, &url::tag(tag))),
                })
                .chain((row.tags.len() > TAGS_SHOWN).then(|| TagLink {
                    label: more(row.tags.len()),
                    href: Some(day_href.clone()),
                }))
                .collect(),
            category: row.category.clone(),
            slug: slug(&row.category),
            kind: row.kind,
            duration: row.minutes.map(duration).unwrap_or_default(),
            minutes: row.minutes.unwrap_or(0),
            outcomes: row
                .outcomes
                .iter()
                .take(TAGS_SHOWN)
                .map(|id| self.outcome_link(id, depth))
                .chain((row.outcomes.len() > TAGS_SHOWN).then(|| Link {
                    label: more(row.outcomes.len()),
                    href: day_href.clone(),
                }))
                .collect(),
            leverage_hours: row
                .leverage_hours
                .map(|p| format!("{p:.2}"))
                .unwrap_or_default(),
            source: format!("{}:{}", row.file, row.line),
            day_href,
        }
    }

    fn outcome_link(&self, id: &str, depth: usize) -> Link {
        Link {
            label: self
                .outcome_rows
                .get(id)
                .map_or_else(|| id.to_owned(), |row| row.title.clone()),
            href: href(depth, &url::outcome(id)),
        }
    }

    fn period_link(&self, period: Option<Period>, depth: usize) -> Option<Link> {
        let period = period?;
        self.row(period)?;
        Some(Link {
            label: period.to_string(),
            href: href(depth, &url::period(period)),
        })
    }

    /// Stacked allocation rows: the target split, the typical split, then `rows`.
    fn allocation(
        &self,
        title: &str,
        rows: &[(String, Option<&PeriodRow>, Option<String>)],
    ) -> String {
        // Only the categories in play: a target, a typical share, or time logged.
        let shown: Vec<&crate::config::Category> = self
            .config
            .categories
            .iter()
            .filter(|c| {
                [&self.config.targets, &self.config.reference]
                    .iter()
                    .any(|shares| shares.get(&c.name).is_some_and(|s| *s > 0.0))
                    || rows
                        .iter()
                        .any(|(_, row, _)| row.is_some_and(|r| r.by_category.contains_key(&c.name)))
            })
            .collect();
        let split = |shares: &BTreeMap<String, f64>| -> Vec<(&str, f64)> {
            shown
                .iter()
                .map(|c| (c.name.as_str(), shares.get(&c.name).copied().unwrap_or(0.0)))
                .collect()
        };
        // The splits are drawn as the hours they would mean for the first measured row,
        // so every tooltip reads in hours.
        let scale = rows
            .first()
            .and_then(|(_, row, _)| *row)
            .map_or(1.0, |row| row.minutes as f64 / 60.0);
        let scaled = |shares: &BTreeMap<String, f64>| -> Vec<(&str, f64)> {
            split(shares)
                .into_iter()
                .map(|(name, share)| (name, share * scale))
                .collect()
        };
        let target = scaled(&self.config.targets);
        let typical = scaled(&self.config.reference);
        let measured: Vec<Vec<(&str, f64)>> = rows
            .iter()
            .map(|(_, row, _)| {
                shown
                    .iter()
                    .map(|c| {
                        let minutes = row
                            .and_then(|r| r.by_category.get(&c.name))
                            .copied()
                            .unwrap_or(0);
                        (c.name.as_str(), minutes as f64 / 60.0)
                    })
                    .collect()
            })
            .collect();
        let mut stacks = vec![
            Stack {
                label: "target",
                segments: &target,
                href: None,
            },
            Stack {
                label: "typical",
                segments: &typical,
                href: None,
            },
        ];
        for ((label, _, href), segments) in rows.iter().zip(&measured) {
            stacks.push(Stack {
                label,
                segments,
                href: href.as_deref(),
            });
        }
        chart::stacked_shares(title, &stacks)
    }

    fn dashboard(&self) -> Context {
        let Some(latest) = self.latest_week else {
            return page! { "empty": true, "page_title": "Dashboard" };
        };
        let mut weeks = vec![latest];
        while weeks.len() < 12 {
            let previous = weeks
                .last()
                .and_then(|w| w.previous())
                .expect("weeks before");
            weeks.push(previous);
        }
        weeks.reverse();
        // A young vault: start the window at its first week.
        if let Some(first) = self
            .report
            .weeks
            .first()
            .and_then(|row| row.start.as_deref())
            .and_then(|s| s.parse().ok())
        {
            weeks.retain(|week| week.end() >= first);
        }
        let current = self.row(latest);
        // A week still under way is compared with the same days of the weeks before.
        let as_of = self
            .journal
            .as_of
            .expect("a latest week means an as-of date");
        let days_in = i64::from(as_of.weekday().to_monday_zero_offset());
        let to_date = |week: Period| {
            let end = week
                .start
                .checked_add(jiff::Span::new().days(days_in))
                .unwrap_or(week.end());
            self.figures_between(week.start, end.min(week.end()))
        };
        let earlier = &weeks[weeks.len().saturating_sub(5)..weeks.len() - 1];
        let current_to_date = to_date(latest);
        let before_to_date: Vec<PeriodRow> = earlier
            .iter()
            .filter(|&&w| self.row(w).is_some())
            .map(|&w| to_date(w))
            .collect();
        let cards = Self::cards(
            Some(&current_to_date),
            &before_to_date.iter().collect::<Vec<_>>(),
        );
        let partial = days_in < 6;

        let labels: Vec<String> = weeks.iter().map(|w| short_week(*w)).collect();
        let rows: Vec<Option<&PeriodRow>> = weeks.iter().map(|&w| self.row(w)).collect();
        let trend = trend_chart(
            "Leverage index and compounding share, last 12 weeks",
            &labels,
            &rows,
        );
        let allocation_rows: Vec<(String, Option<&PeriodRow>, Option<String>)> = weeks
            .iter()
            .zip(&rows)
            .rev()
            .filter(|(_, row)| row.is_some())
            .map(|(week, row)| {
                (
                    short_week(*week),
                    *row,
                    Some(url::encode(&url::period(*week))),
                )
            })
            .collect();
        let allocation = self.allocation(
            "Time by category per week, against the target and typical splits",
            &allocation_rows,
        );

        let active: Vec<Value> = self
            .report
            .outcomes
            .iter()
            .filter(|o| o.status == crate::parse::front_matter::OutcomeStatus::Active)
            .map(|o| self.outcome_summary(o, 0))
            .collect();
        let neglected: Vec<Value> = self
            .report
            .outcomes
            .iter()
            .filter(|o| o.neglected)
            .map(|o| self.outcome_summary(o, 0))
            .collect();
        let window_start = weeks[0].start.to_string();
        let busy: Vec<Value> = self
            .report
            .days
            .iter()
            .filter(|d| d.busy == Some(true) && d.id >= window_start)
            .rev()
            .map(|d| {
                json!({
                    "date": d.id, "href": url::encode(&format!("days/{}.html", d.id)),
                    "hours": hours(d.minutes), "compounding": d.compounding_share.map(percent),
                })
            })
            .collect();
        page! {
            "page_title": "Dashboard",
            "week": latest.to_string(),
            "week_href": self.as_of_period(Kind::Week).map(|week| url::encode(&url::period(week))),
            "week_range": range_label(latest),
            "partial": partial.then(|| format!("{} to {}", latest.start.strftime("%a"), as_of.strftime("%a"))),
            "cards": cards,
            "figures": self.figures(current),
            "trend": trend,
            "allocation": allocation,
            "active": active,
            "neglected": neglected,
            "busy": busy,
        }
    }

    /// Headline cards: hours, compounding share, alignment, index, off-target,
    /// each against the average of `baseline` rows.
    fn cards(current: Option<&PeriodRow>, baseline: &[&PeriodRow]) -> Vec<Card> {
        let average = |get: &dyn Fn(&PeriodRow) -> Option<f64>| -> Option<f64> {
            let values: Vec<f64> = baseline.iter().filter_map(|r| get(r)).collect();
            (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
        };
        let card = |label: &'static str,
                    get: &dyn Fn(&PeriodRow) -> Option<f64>,
                    show: &dyn Fn(f64) -> String,
                    change: &dyn Fn(f64) -> String,
                    higher_is_better: bool| {
            let value = current.and_then(get);
            let base = average(get);
            let (delta, direction, good) = match (value, base) {
                (Some(v), Some(b)) => {
                    let d = v - b;
                    let direction = if d.abs() < 1e-9 {
                        "flat"
                    } else if d > 0.0 {
                        "up"
                    } else {
                        "down"
                    };
                    (Some(change(d)), direction, (d >= 0.0) == higher_is_better)
                }
                _ => (None, "flat", true),
            };
            Card {
                label,
                value: value.map_or_else(|| "–".to_owned(), show),
                delta,
                direction,
                good,
            }
        };
        let minutes = |r: &PeriodRow| Some(r.minutes as f64);
        let signed_points = |d: f64| format!("{:+.0} pts", d * 100.0);
        vec![
            card(
                "hours logged",
                &minutes,
                &|m| hours(m as u64),
                &|d| format!("{:+.1} h", d / 60.0),
                true,
            ),
            card(
                "compounding share",
                &|r| r.compounding_share,
                &percent,
                &signed_points,
                true,
            ),
            card(
                "alignment",
                &|r| r.alignment,
                &percent,
                &signed_points,
                true,
            ),
            card(
                "leverage index",
                &|r| r.index,
                &|i| format!("{i:.1}"),
                &|d| format!("{d:+.1}"),
                true,
            ),
            card(
                "off-target",
                &|r| r.off_target,
                &percent,
                &signed_points,
                false,
            ),
        ]
    }

    fn outcome_summary(&self, row: &OutcomeRow, depth: usize) -> Value {
        let outcome = self
            .journal
            .outcomes
            .iter()
            .find(|o| o.id == row.id)
            .expect("report outcomes come from the journal");
        json!({
            "title": row.title,
            "href": href(depth, &url::outcome(&row.id)),
            "metric": outcome.metric,
            "unit": outcome.unit,
            "current": row.current.map(number),
            "target": row.target.map(number),
            "progress": chart::progress(&format!("{}: progress toward target", row.title), row.progress),
            "leverage_per_hour": row.leverage_per_hour.map(|l| format!("{l:.2}")),
            "invested": hours(row.invested_minutes),
            "neglected": row.neglected,
            "status": row.status,
        })
    }

    fn day(&self, date: Date, row: &PeriodRow) -> Context {
        let depth = 1;
        let range = self.range(date, date);
        let done: Vec<usize> = range
            .clone()
            .filter(|&i| self.journal.activities[i].is_done())
            .collect();
        let planned: Vec<usize> = range
            .clone()
            .filter(|&i| !self.journal.activities[i].is_done())
            .collect();
        let notes: Vec<Value> = self
            .daily_notes
            .get(&date)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&i| json!({ "path": self.journal.notes[i].path, "html": self.note_html(i, depth) }))
            .collect();
        let neighbour = |step: i64| {
            let days = &self.report.days;
            let at = days.binary_search_by(|d| d.id.cmp(&row.id)).ok()?;
            let other = days.get(at.checked_add_signed(step as isize)?)?;
            Some(Link {
                label: other.id.clone(),
                href: format!("{}.html", other.id),
            })
        };
        page! {
            "page_title": format!("{} {}", date.strftime("%A"), date),
            "date": date.to_string(),
            "weekday": date.strftime("%A").to_string(),
            "figures": self.figures(Some(row)),
            "done": self.activities(done.into_iter(), depth),
            "planned": self.activities(planned.into_iter(), depth),
            "notes": notes,
            "previous": neighbour(-1),
            "next": neighbour(1),
            "week": self.period_link(Some(Period::containing(Kind::Week, date)), depth),
            "month": self.period_link(Some(Period::containing(Kind::Month, date)), depth),
        }
    }

    fn period(&self, period: Period, row: &PeriodRow) -> Context {
        let depth = 1;
        let range = self.range(period.start, period.end());
        let activities = &self.journal.activities;
        let previous_row = period.previous().and_then(|p| self.row(p));
        let cards = Self::cards(Some(row), previous_row.as_slice());

        // Top activities by leverage-hours.
        let mut top: Vec<usize> = range
            .clone()
            .filter(|&i| {
                score::leverage_hours(&activities[i], self.config).is_some_and(|p| p > 0.0)
            })
            .collect();
        top.sort_by(|&a, &b| {
            let p = |i: usize| score::leverage_hours(&activities[i], self.config).unwrap_or(0.0);
            p(b).total_cmp(&p(a)).then(a.cmp(&b))
        });
        top.truncate(5);

        // Time sinks: linear tags (those whose category is linear, or that map
        // to none), by the minutes of the done activities carrying them.
        let linear = |tag: &str| {
            let category = self
                .config
                .category_of_tag(tag)
                .unwrap_or_else(|| self.config.uncategorized());
            self.config.categories[category].kind == CategoryKind::Linear
        };
        let mut sinks: BTreeMap<&str, u64> = BTreeMap::new();
        for activity in activities[range.clone()].iter().filter(|a| a.is_done()) {
            for tag in activity.tags.iter().filter(|tag| linear(tag)) {
                *sinks.entry(tag).or_default() += u64::from(activity.minutes.unwrap_or(0));
            }
        }
        let mut sinks: Vec<(&str, u64)> = sinks.into_iter().filter(|(_, m)| *m > 0).collect();
        sinks.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        sinks.truncate(5);
        let sinks: Vec<Value> = sinks
            .iter()
            .map(|(tag, minutes)| json!({ "tag": format!("#{tag}"), "href": href(depth, &url::tag(tag)), "hours": hours(*minutes) }))
            .collect();

        // Outcomes touched, with hours and (for long periods) the shift within the period.
        let mut touched: BTreeMap<usize, u64> = BTreeMap::new();
        for activity in activities[range.clone()].iter().filter(|a| a.is_done()) {
            for &o in &activity.outcomes {
                *touched.entry(o).or_default() += u64::from(activity.minutes.unwrap_or(0));
            }
        }
        let mut touched: Vec<(usize, u64)> = touched.into_iter().collect();
        touched.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let touched: Vec<Value> = touched
            .iter()
            .map(|&(o, minutes)| {
                let outcome = &self.journal.outcomes[o];
                let within: Vec<f64> = outcome
                    .checkins
                    .iter()
                    .filter(|c| period.contains(c.date))
                    .map(|c| c.value)
                    .collect();
                let moved =
                    (within.len() >= 2).then(|| number(within[within.len() - 1] - within[0]));
                json!({
                    "title": outcome.title, "href": href(depth, &url::outcome(&outcome.id)),
                    "hours": hours(minutes), "checkins": within.len(), "moved": moved,
                    "current": within.last().copied().map(number), "unit": outcome.unit,
                })
            })
            .collect();

        let period_end = period.end().min(self.journal.as_of.unwrap_or(period.end()));
        let neglected: Vec<Value> = self
            .journal
            .outcomes
            .iter()
            .zip(&self.worked_on)
            .filter(|(outcome, dates)| {
                // Only the dates up to the period's end can count (the rule
                // itself is score's): found by binary search, not a scan.
                let end = dates.partition_point(|&date| date <= period.end());
                let start = dates[..end]
                    .partition_point(|&date| days_between(date, period_end) > score::NEGLECT_DAYS);
                score::is_neglected(outcome, dates[start..end].iter().copied(), Some(period_end))
            })
            .map(|(o, _)| o)
            .map(|o| json!({ "title": o.title, "href": href(depth, &url::outcome(&o.id)) }))
            .collect();

        let unlinked: Vec<usize> = range
            .clone()
            .filter(|&i| {
                let a = &activities[i];
                a.is_done()
                    && a.outcomes.is_empty()
                    && self.config.categories[a.category].kind == CategoryKind::Compounding
            })
            .collect();
        let planned: Vec<usize> = range
            .clone()
            .filter(|&i| !activities[i].is_done())
            .collect();

        // Per-day bars for a week; per-week rows for longer periods.
        let (bars, weekly, allocation) = if period.kind == Kind::Week {
            let days: Vec<(String, Option<&PeriodRow>, Date)> = (0..7)
                .filter_map(|offset| {
                    period
                        .start
                        .checked_add(jiff::Span::new().days(offset))
                        .ok()
                })
                .filter(|day| self.journal.as_of.is_none_or(|as_of| *day <= as_of))
                .map(|day| {
                    (
                        day.strftime("%a %d").to_string(),
                        self.row(Period::containing(Kind::Day, day)),
                        day,
                    )
                })
                .collect();
            let hrefs: Vec<Option<String>> = days
                .iter()
                .map(|(_, r, day)| {
                    r.map(|_| url::encode(&format!("{day}.html")))
                        .map(|h| format!("../days/{h}"))
                })
                .collect();
            let bars: Vec<Bar> = days
                .iter()
                .zip(&hrefs)
                .map(|((label, row, _), href)| Bar {
                    label,
                    value: row.map_or(0.0, |r| r.minutes as f64 / 60.0),
                    href: href.as_deref(),
                })
                .collect();
            let allocation = self.allocation(
                &format!("Time by category in {period}"),
                &[(short_week(period), Some(row), None)],
            );
            (
                chart::bars(&format!("Hours logged per day in {period}"), &bars, "h"),
                None,
                allocation,
            )
        } else {
            let mut weeks = Vec::new();
            let mut week = Period::containing(Kind::Week, period.start);
            while week.start <= period.end() {
                weeks.push(week);
                match week.next() {
                    Some(next) => week = next,
                    None => break,
                }
            }
            let labels: Vec<String> = weeks.iter().map(|w| short_week(*w)).collect();
            // Each week counted only for its days inside the period, so the weeks add up to it.
            let clipped: Vec<Option<PeriodRow>> = weeks
                .iter()
                .map(|&w| {
                    self.row(w).map(|_| {
                        self.figures_between(w.start.max(period.start), w.end().min(period.end()))
                    })
                })
                .collect();
            let rows: Vec<Option<&PeriodRow>> = clipped.iter().map(Option::as_ref).collect();
            let trend = trend_chart(
                &format!("Weekly leverage index and compounding share in {period}"),
                &labels,
                &rows,
            );
            let hrefs: Vec<Option<String>> = weeks
                .iter()
                .zip(&rows)
                .map(|(w, r)| r.map(|_| format!("../{}", url::encode(&url::period(*w)))))
                .collect();
            let bars: Vec<Bar> = labels
                .iter()
                .zip(&rows)
                .zip(&hrefs)
                .map(|((label, row), href)| Bar {
                    label,
                    value: row.map_or(0.0, |r| r.minutes as f64 / 60.0),
                    href: href.as_deref(),
                })
                .collect();
            let mut allocation_rows = vec![(period.kind.name().to_owned(), Some(row), None)];
            allocation_rows.extend(
                weeks
                    .iter()
                    .zip(&rows)
                    .zip(&hrefs)
                    .filter(|((_, r), _)| r.is_some())
                    .map(|((w, r), h)| (short_week(*w), *r, h.clone())),
            );
            let allocation = self.allocation(
                &format!("Time by category in {period}, and per week"),
                &allocation_rows,
            );
            (
                chart::bars(&format!("Hours logged per week in {period}"), &bars, "h"),
                Some(trend),
                allocation,
            )
        };

        page! {
            "page_title": format!("{} {period}", capitalize(period.kind.name())),
            "kind": period.kind.name(),
            "id": period.to_string(),
            "range": range_label(period),
            "cards": cards,
            "figures": self.figures(Some(row)),
            "allocation": allocation,
            "bars": bars,
            "trend": weekly,
            "top": self.activities(top.into_iter(), depth),
            "sinks": sinks,
            "touched": touched,
            "neglected": neglected,
            "unlinked": self.activities(unlinked.into_iter(), depth),
            "planned": self.activities(planned.into_iter(), depth),
            "planned_hours": hours(row.planned_minutes),
            "previous": self.period_link(period.previous(), depth),
            "next": self.period_link(period.next(), depth),
            "up": match period.kind {
                Kind::Week => self.period_link(Some(Period::containing(Kind::Month, period.start)), depth),
                Kind::Month => self.period_link(Some(Period::containing(Kind::Quarter, period.start)), depth),
                Kind::Quarter => self.period_link(Some(Period::containing(Kind::Year, period.start)), depth),
                _ => None,
            },
        }
    }

    fn outcome(&self, index: usize) -> Context {
        let row = &self.report.outcomes[index];
        let outcome = &self.journal.outcomes[index];
        let page = url::outcome(&row.id);
        let depth = url::depth(&page);
        let linked = &self.linked[index];
        // Cumulative hours invested up to each check-in.
        let mut cumulative = Vec::new();
        for checkin in &outcome.checkins {
            let minutes: u64 = linked
                .iter()
                .map(|&i| &self.journal.activities[i])
                .filter(|a| a.is_done() && a.date <= checkin.date)
                .map(|a| u64::from(a.minutes.unwrap_or(0)))
                .sum();
            cumulative.push(minutes as f64 / 60.0);
        }
        let dates: Vec<String> = outcome
            .checkins
            .iter()
            .map(|c| c.date.to_string())
            .collect();
        let points: Vec<Checkin> = outcome
            .checkins
            .iter()
            .zip(&dates)
            .map(|(c, d)| Checkin {
                date: d,
                value: c.value,
            })
            .collect();
        let hours_at: Vec<(&str, f64)> = dates
            .iter()
            .map(String::as_str)
            .zip(cumulative.iter().copied())
            .collect();
        let chart = (!points.is_empty()).then(|| {
            chart::checkins(
                &format!("{}: check-ins and cumulative hours invested", row.title),
                &points,
                &hours_at,
                row.target,
                outcome.unit.as_deref().unwrap_or(""),
            )
        });
        let checkins: Vec<Value> = outcome
            .checkins
            .iter()
            .zip(&cumulative)
            .map(|(c, h)| json!({ "date": c.date.to_string(), "value": number(c.value), "source": c.source, "note": c.note, "hours": hours((h * 60.0).round() as u64) }))
            .collect();
        page! {
            "page_title": row.title,
            "outcome": self.outcome_summary(row, depth),
            "id": row.id,
            "metric": outcome.metric,
            "unit": outcome.unit,
            "due": outcome.due.map(|d| d.to_string()),
            "baseline": row.baseline.map(number),
            "shift": row.shift.map(number),
            "progress_percent": row.progress.map(percent),
            "chart": chart,
            "checkins": checkins,
            "activities": self.activities(linked.iter().rev().copied(), depth),
            "body": self.note_html(outcome.note, depth),
            "path": self.journal.notes[outcome.note].path,
        }
    }

    fn tag(&self, tag: &str) -> Context {
        let page = url::tag(tag);
        let depth = url::depth(&page);
        let positions: &[usize] = self.tag_activities.get(tag).map_or(&[], Vec::as_slice);
        let mut per_week: BTreeMap<Period, u64> = BTreeMap::new();
        for &i in positions {
            let a = &self.journal.activities[i];
            if a.is_done() {
                *per_week
                    .entry(Period::containing(Kind::Week, a.date))
                    .or_default() += u64::from(a.minutes.unwrap_or(0));
            }
        }
        // Every week from the first use to the latest week, at most the last 52.
        let mut weeks = Vec::new();
        if let (Some((&first, _)), Some(last)) = (per_week.first_key_value(), self.latest_week) {
            let mut week = last;
            while week >= first && weeks.len() < 52 {
                weeks.push(week);
                match week.previous() {
                    Some(previous) => week = previous,
                    None => break,
                }
            }
            weeks.reverse();
        }
        let labels: Vec<String> = weeks.iter().map(|w| short_week(*w)).collect();
        let bars: Vec<Bar> = labels
            .iter()
            .zip(&weeks)
            .map(|(label, w)| Bar {
                label,
                value: per_week.get(w).copied().unwrap_or(0) as f64 / 60.0,
                href: None,
            })
            .collect();
        let children: Vec<Link> = self
            .tag_children
            .get(tag)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|row| Link {
                label: format!("#{}", row.tag),
                href: href(depth, &url::tag(&row.tag)),
            })
            .collect();
        let parent = tag.rfind('/').map(|slash| Link {
            label: format!("#{}", &tag[..slash]),
            href: href(depth, &url::tag(&tag[..slash])),
        });
        let totals = self.tag_rows.get(tag);
        let category = self
            .config
            .category_of_tag(tag)
            .map(|i| self.config.categories[i].name.clone());
        page! {
            "page_title": format!("#{tag}"),
            "tag": tag,
            "category": category,
            "hours": hours(totals.map_or(0, |t| t.minutes)),
            "count": totals.map_or(0, |t| t.activities),
            "chart": chart::bars(&format!("Hours per week tagged #{tag}"), &bars, "h"),
            "children": children,
            "parent": parent,
            "activities": self.activities(positions.iter().rev().copied(), depth),
        }
    }

    fn note(&self, index: usize) -> Context {
        let note = &self.journal.notes[index];
        let depth = url::depth(&url::note(&note.path));
        page! {
            "page_title": note.title(),
            "path": note.path,
            "tags": note.front.tags,
            "body": self.note_html(index, depth),
        }
    }

    fn systems(&self) -> Context {
        let systems: Vec<Value> = self
            .report
            .activities
            .iter()
            .enumerate()
            .filter_map(|(i, row)| {
                let saves = row.saves.as_ref()?;
                let activity = &self.journal.activities[i];
                if !activity.is_done() {
                    return None;
                }
                Some(json!({
                    "activity": self.activity(row, 0),
                    "rate": format!("{}/{}", duration(saves.minutes), period_name(saves.per_days)),
                    "accrued": hours(saves.accrued_minutes),
                    "accrued_minutes": saves.accrued_minutes,
                    "payback": saves.payback.map(|p| format!("{p:.1}×")),
                    "age_days": self.journal.as_of.map(|as_of| days_between(activity.date, as_of)),
                }))
            })
            .collect();
        let invested: u64 = self
            .report
            .activities
            .iter()
            .filter(|r| r.saves.is_some() && r.status == "done")
            .map(|r| u64::from(r.minutes.unwrap_or(0)))
            .sum();
        let reclaimed: u64 = self
            .report
            .activities
            .iter()
            .filter_map(|r| r.saves.as_ref())
            .map(|s| s.accrued_minutes)
            .sum();
        page! {
            "page_title": "Systems",
            "systems": systems,
            "invested": hours(invested),
            "reclaimed": hours(reclaimed),
            "ratio": (invested > 0).then(|| format!("{:.1}×", reclaimed as f64 / invested as f64)),
        }
    }

    fn problems(&self) -> Context {
        let problems: Vec<Value> = self
            .report
            .diagnostics
            .iter()
            .map(|d| {
                json!({
                    "place": format!("{}:{}:{}", d.file, d.line, d.column),
                    "severity": d.severity,
                    "message": d.message,
                    "code": d.code,
                    "hint": d.hint,
                })
            })
            .collect();
        page! { "page_title": "Problems", "problems": problems, "errors": self.report.errors(), "warnings": self.report.warnings() }
    }

    fn note_html(&self, index: usize, depth: usize) -> String {
        let note = &self.journal.notes[index];
        let Ok(at) = self
            .sources
            .binary_search_by(|s| s.path.as_str().cmp(&note.path))
        else {
            return String::new();
        };
        body_html(
            note,
            &self.sources[at].text,
            self.journal,
            &self.index,
            &self.note_pages,
            depth,
        )
    }
}

/// The weekly leverage index and compounding share (in %), one point per week.
fn trend_chart(title: &str, labels: &[String], rows: &[Option<&PeriodRow>]) -> String {
    let points = |value: &dyn Fn(&PeriodRow) -> Option<f64>| -> Vec<(&str, Option<f64>)> {
        labels
            .iter()
            .zip(rows)
            .map(|(label, row)| (label.as_str(), row.and_then(value)))
            .collect()
    };
    let index = points(&|row| row.index);
    let share = points(&|row| row.compounding_share.map(|share| share * 100.0));
    chart::lines(
        title,
        &[
            Series {
                name: "index",
                points: &index,
            },
            Series {
                name: "compounding share (%)",
                points: &share,
            },
        ],
        100.0,
        |v| format!("{v:.0}"),
    )
}

/// The period of a report row.
fn period_of(kind: Kind, row: &PeriodRow) -> Period {
    let start: Date = row
        .start
        .as_deref()
        .and_then(|s| s.parse().ok())
        .expect("periods have a start");
    Period::containing(kind, start)
}

fn href(depth: usize, path: &str) -> String {
    format!("{}{}", url::root(depth), url::encode(path))
}

fn nav_of(job: &Job) -> &'static str {
    match job {
        Job::Index => "dashboard",
        Job::Systems => "systems",
        Job::Problems => "problems",
        Job::Day(_) => "day",
        Job::Period(Kind::Week, _) => "week",
        Job::Period(Kind::Month, _) => "month",
        Job::Period(..) => "period",
        Job::Outcome(_) => "outcome",
        Job::Tag(_) => "tag",
        Job::Note(_) => "note",
    }
}

fn hours(minutes: u64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// `1h 30m`, `45m`, `2h`.
fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// A metric value: `12`, `0.35`, `1,234.5` stays readable.
fn number(value: f64) -> String {
    let rounded = crate::report::round(value, 2);
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

fn period_name(days: u32) -> String {
    match days {
        1 => "day".to_owned(),
        7 => "week".to_owned(),
        30 => "month".to_owned(),
        91 => "quarter".to_owned(),
        365 => "year".to_owned(),
        n => format!("{n} days"),
    }
}

fn short_week(week: Period) -> String {
    let id = week.to_string();
    id.split_once('-').map_or(id.clone(), |(_, w)| w.to_owned())
}

fn range_label(period: Period) -> String {
    format!(
        "{} – {}",
        period.start.strftime("%a %-d %b %Y"),
        period.end().strftime("%a %-d %b %Y")
    )
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(hours(90), "1.5");
        assert_eq!(hours(120), "2");
        assert_eq!(hours(100), "1.7");
        assert_eq!(duration(90), "1h 30m");
        assert_eq!(duration(45), "45m");
        assert_eq!(duration(120), "2h");
        assert_eq!(percent(0.346), "35 %");
        assert_eq!(number(5.0), "5");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(period_name(7), "week");
    }
}

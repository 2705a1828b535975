//! The site's driver: what every page is built from (`Site`, computed once
//! from the report: the site never reads the journal), the list of pages
//! (`Job`), their paths, and the parallel rendering. Each page kind's
//! context is built in its own module of [`super::pages`].

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use super::charts::slug;
use super::pages::archive::{archived, years as archive_years};
use super::templates::Templates;
use super::url;
use crate::config::Config;
use crate::parse::Kind as NoteKind;
use crate::period::{Kind, Period};
use crate::report::{PeriodRow, Report, TagRow};
use crate::scan::Source;
use crate::view::{self, Row};

/// One file of the site: its path below the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything a page is built from, computed once and shared by all pages.
pub(super) struct Site<'a> {
    pub(super) config: &'a Config,
    pub(super) report: &'a Report,
    /// The notes' text (sorted by path), for their bodies.
    pub(super) sources: &'a [Source],
    pub(super) categories: Vec<CategoryView>,
    pub(super) latest_week: Option<Period>,
    /// Outcome index → positions in `report.activities` of the activities
    /// linking it, in date order: one pass here instead of one per page.
    pub(super) linked: Vec<Vec<usize>>,
    /// Date → the daily notes of that date (indices into `report.notes`).
    pub(super) daily_notes: HashMap<Date, Vec<usize>>,
    /// The tags that have a page: a set, since one activity may carry
    /// 200,000 tags, and the report have as many rows.
    pub(super) tag_pages: HashSet<&'a str>,
    /// Tag → positions in `report.activities` of the activities carrying it
    /// or a tag nested in it, in order: one pass here, not one per tag page.
    pub(super) tag_activities: HashMap<&'a str, Vec<usize>>,
    /// Tag → its rows in the report, and the rows of the tags nested one
    /// level below it.
    pub(super) tag_rows: HashMap<&'a str, &'a TagRow>,
    /// Each activity's display row, built once: `rows[i]` is `report.activities[i]`.
    pub(super) rows: Vec<Row>,
    pub(super) tag_children: HashMap<&'a str, Vec<&'a TagRow>>,
}

#[derive(Serialize, Clone)]
pub(super) struct CategoryView {
    pub(super) name: String,
    pub(super) slug: String,
    pub(super) kind: &'static str,
    /// The target and typical shares, 0 to 1 (0 when the config has none).
    pub(super) target: f64,
    pub(super) reference: f64,
}

/// What every page gets.
#[derive(Serialize)]
pub(super) struct Common<'a> {
    pub(super) root: String,
    pub(super) title: &'a str,
    pub(super) as_of: Option<Date>,
    pub(super) problems: usize,
    pub(super) errors: usize,
    pub(super) nav: &'a str,
    pub(super) week_href: Option<String>,
    pub(super) month_href: Option<String>,
    pub(super) categories: &'a [CategoryView],
}

/// Renders every page of the site, sorted by path. `report` is
/// [`Report::for_site`]'s, `sources` the notes' text (sorted by path).
pub fn render(
    config: &Config,
    report: &Report,
    sources: &[Source],
    templates: &Templates,
    data: &[(&str, &str)],
) -> Result<Vec<Page>, tera::Error> {
    let mut pages = render_each(
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
    config: &Config,
    report: &Report,
    sources: &[Source],
    templates: &Templates,
    keep: impl Fn(&str) -> Option<T> + Sync,
    emit: impl Fn(Page) -> Result<T, E> + Sync,
) -> Result<Vec<T>, E> {
    let site = Site::new(config, report, sources);
    let mut jobs: Vec<Job> = vec![
        Job::Index,
        Job::Systems,
        Job::Problems,
        Job::Formulas,
        Job::Periods(Kind::Week),
        Job::Periods(Kind::Month),
        Job::Periods(Kind::Quarter),
        Job::Outcomes,
        Job::Tags,
    ];
    jobs.extend(report.days.iter().map(Job::Day));
    for kind in [
        Kind::Week,
        Kind::Fortnight,
        Kind::Month,
        Kind::Quarter,
        Kind::Year,
    ] {
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
    // The archives of the tags and outcomes with more activities than their page lists.
    for row in &report.tags {
        let positions = site.tag_activities.get(row.tag.as_str());
        if let Some(positions) = positions.filter(|p| archived(p)) {
            let years = archive_years(&site, positions);
            jobs.extend(
                years
                    .into_iter()
                    .map(|year| Job::TagArchive(&row.tag, year)),
            );
        }
    }
    for (index, positions) in site.linked.iter().enumerate() {
        if archived(positions) {
            let years = archive_years(&site, positions);
            jobs.extend(
                years
                    .into_iter()
                    .map(|year| Job::OutcomeArchive(index, year)),
            );
        }
    }
    jobs.extend(
        report
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

pub(super) enum Job<'a> {
    Index,
    Systems,
    Problems,
    /// How each figure is computed, with the config in force.
    Formulas,
    Day(&'a PeriodRow),
    Period(Kind, &'a PeriodRow),
    Outcome(usize),
    /// The index of every week, month or quarter.
    Periods(Kind),
    Outcomes,
    Tags,
    Tag(&'a str),
    TagArchive(&'a str, i16),
    OutcomeArchive(usize, i16),
    Note(usize),
}

impl<'a> Site<'a> {
    pub(super) fn new(config: &'a Config, report: &'a Report, sources: &'a [Source]) -> Self {
        let percent_of =
            |shares: &BTreeMap<String, f64>, name: &str| shares.get(name).copied().unwrap_or(0.0);
        let mut linked = vec![Vec::new(); report.outcomes.len()];
        for (position, activity) in report.activities.iter().enumerate() {
            for &outcome in &activity.linked {
                linked[outcome].push(position);
            }
        }
        let mut tag_activities: HashMap<&str, Vec<usize>> = HashMap::new();
        for (position, activity) in report.activities.iter().enumerate() {
            for tag in &activity.tags {
                // SPEC 8: a tag counts toward its ancestors (`a/b/c`, `a/b`, `a`).
                for name in crate::tag::and_ancestors(tag) {
                    let positions = tag_activities.entry(name).or_default();
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
        for (position, note) in report.notes.iter().enumerate() {
            if let (NoteKind::Daily, Some(date)) = (note.kind, note.date) {
                daily_notes.entry(date).or_default().push(position);
            }
        }
        let tag_pages: HashSet<&str> = report.tags.iter().map(|row| row.tag.as_str()).collect();
        Site {
            rows: view::rows(report, |tag| tag_pages.contains(tag)),
            config,
            report,
            sources,
            tag_pages,
            tag_activities,
            tag_rows: report
                .tags
                .iter()
                .map(|row| (row.tag.as_str(), row))
                .collect(),
            tag_children,
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
            latest_week: report.as_of.map(|day| Period::containing(Kind::Week, day)),
            linked,
            daily_notes,
        }
    }

    /// Where a job's page goes, below the output folder.
    fn path(&self, job: &Job) -> String {
        match *job {
            Job::Index => url::INDEX.to_owned(),
            Job::Systems => url::SYSTEMS.to_owned(),
            Job::Problems => url::PROBLEMS.to_owned(),
            Job::Formulas => url::FORMULAS.to_owned(),
            Job::Periods(kind) => url::periods(kind),
            Job::Outcomes => url::OUTCOMES.to_owned(),
            Job::Tags => url::TAGS.to_owned(),
            Job::Day(row) => url::day(row.id.start),
            Job::Period(_, row) => url::period(row.id),
            Job::Outcome(index) => url::outcome(&self.report.outcomes[index].id),
            Job::Tag(tag) => url::tag(tag),
            Job::TagArchive(tag, year) => url::tag_archive(tag, year),
            Job::OutcomeArchive(index, year) => {
                url::outcome_archive(&self.report.outcomes[index].id, year)
            }
            Job::Note(index) => url::note(&self.report.notes[index].path),
        }
    }

    fn page(&self, job: &Job, path: String, templates: &Templates) -> Result<Page, tera::Error> {
        let (template, context) = match *job {
            Job::Index => ("index.html", self.dashboard()),
            Job::Systems => ("systems.html", self.systems()),
            Job::Problems => ("problems.html", self.problems()),
            Job::Formulas => ("formulas.html", self.formulas()),
            Job::Periods(kind) => ("periods.html", self.period_list(kind)),
            Job::Outcomes => ("outcomes.html", self.outcome_list()),
            Job::Tags => ("tags.html", self.tag_list()),
            Job::Day(row) => ("day.html", self.day(row.id.start, row)),
            Job::Period(kind, row) => {
                let template = if kind == Kind::Week {
                    "week.html"
                } else {
                    "period.html"
                };
                (template, self.period(row.id, row))
            }
            Job::Outcome(index) => ("outcome.html", self.outcome(index)),
            Job::Tag(tag) => ("tag.html", self.tag(tag)),
            Job::TagArchive(tag, year) => ("archive.html", self.tag_archive(tag, year)),
            Job::OutcomeArchive(index, year) => ("archive.html", self.outcome_archive(index, year)),
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

    pub(super) fn common(&self, depth: usize, nav: &'a str) -> Common<'_> {
        let root = url::root(depth);
        let as_of_period = |kind| {
            self.as_of_period(kind)
                .map(|period| format!("{root}{}", url::encode(&url::period(period))))
        };
        Common {
            root: root.clone(),
            title: &self.config.title,
            as_of: self.report.as_of,
            problems: self.report.diagnostics.len(),
            errors: self.report.errors(),
            nav,
            week_href: as_of_period(Kind::Week),
            month_href: as_of_period(Kind::Month),
            categories: &self.categories,
        }
    }
}

fn nav_of(job: &Job) -> &'static str {
    match job {
        Job::Index => "dashboard",
        Job::Systems => "systems",
        Job::Problems => "problems",
        Job::Formulas => "formulas",
        Job::Day(_) => "day",
        Job::Period(Kind::Week, _) | Job::Periods(Kind::Week) => "weeks",
        Job::Period(Kind::Month, _) | Job::Periods(Kind::Month) => "months",
        Job::Period(Kind::Quarter, _) | Job::Periods(Kind::Quarter) => "quarters",
        Job::Period(..) | Job::Periods(_) => "period",
        Job::Outcome(_) | Job::OutcomeArchive(..) | Job::Outcomes => "outcomes",
        Job::Tag(_) | Job::TagArchive(..) | Job::Tags => "tags",
        Job::Note(_) => "note",
    }
}

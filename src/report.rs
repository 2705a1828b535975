//! The report: the journal's figures as plain, serialisable data (SPEC section
//! 8). The JSON export is exactly this document; the terminal report and the
//! site are views of it. Numbers are rounded here, at the edge.
//!
//! What the views show beyond the export (the notes, each outcome's unit,
//! the reviews of each period, the coverage) is here too, in fields marked
//! `#[serde(skip)]`: computed once, by the rules' own modules, so that no
//! view reads the journal.

mod notes;

pub use notes::NoteRow;

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Serialize, Serializer};

use crate::config::Config;
use crate::coverage::Coverage;
use crate::diagnostic::{Diagnostic, Severity};
use crate::opportunity::{self, Opportunity, Verification};
use crate::parse::activity::Status;
use crate::period::{Kind, Period};
use crate::resolve::{Activity, Journal};
use crate::review::{self, Moved, Standing};
use crate::scan::Source;
use crate::score::{self, Figures, Scored};

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub as_of: Option<Date>,
    pub activities: Vec<ActivityRow>,
    /// SPEC 3 and 8 (v2): planned items of notes after the as-of date.
    pub upcoming: Vec<ActivityRow>,
    pub outcomes: Vec<OutcomeRow>,
    pub days: Vec<PeriodRow>,
    pub weeks: Vec<PeriodRow>,
    /// SPEC 8 (v2): the same figures as weeks.
    pub fortnights: Vec<PeriodRow>,
    pub months: Vec<PeriodRow>,
    pub quarters: Vec<PeriodRow>,
    /// Not part of the export's contract; the site and the terminal use it.
    #[serde(skip)]
    pub years: Vec<PeriodRow>,
    pub tags: Vec<TagRow>,
    /// SPEC 6b recurring linear work.
    pub opportunities: Vec<Opportunity>,
    pub diagnostics: Vec<DiagnosticRow>,
    /// SPEC 6b's B: the build time each opportunity's payback assumes, which
    /// `opportunities` names. Not exported.
    #[serde(skip)]
    pub build_minutes: f64,
    /// For the site, not exported: every note, in the journal's order
    /// (empty unless built by [`Report::for_site`]).
    #[serde(skip)]
    pub notes: Vec<NoteRow>,
    /// For the site: SPEC 9 (v2) coverage, as `check` prints it (the
    /// default unless built by [`Report::for_site`]).
    #[serde(skip)]
    pub coverage: Coverage,
    /// For the views: SPEC 9 (v2) `allow:`, how many diagnostics of each
    /// allowed code were left out.
    #[serde(skip)]
    pub allowed: BTreeMap<&'static str, usize>,
    /// For the views: the first day of the log ([`score::log_start`]).
    #[serde(skip)]
    pub log_start: Option<Date>,
    /// For the views: the latest done, timed activity (its position in
    /// `activities`) and the rule that chose its category, the worked
    /// example of how leverage-hours are computed.
    #[serde(skip)]
    pub example: Option<(usize, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityRow {
    pub file: String,
    pub line: u32,
    pub date: Date,
    pub text: String,
    /// What the site shows: `text` without its markup (issue 14); not
    /// exported, since SPEC 8's `text` is the item's text.
    #[serde(skip)]
    pub words: String,
    pub status: &'static str,
    pub tags: Vec<String>,
    pub category: String,
    pub kind: &'static str,
    /// `null` when untimed.
    pub minutes: Option<u32>,
    pub outcomes: Vec<String>,
    /// `null` unless done and timed.
    #[serde(serialize_with = "two_places")]
    pub leverage_hours: Option<f64>,
    pub saves: Option<SavesRow>,
    /// For the views, not exported: its category's index in `Config::categories`.
    #[serde(skip)]
    pub category_index: usize,
    /// For the views: the indices in `Report::outcomes` of `outcomes`.
    #[serde(skip)]
    pub linked: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SavesRow {
    pub minutes: u32,
    pub per_days: u32,
    pub accrued_minutes: u64,
    #[serde(serialize_with = "four_places")]
    pub payback: Option<f64>,
    /// SPEC 6b: the claim against the log; `null` unless the activity is done.
    pub verified: Option<Verification>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeRow {
    pub id: String,
    pub title: String,
    pub status: crate::parse::front_matter::OutcomeStatus,
    /// SPEC 8 (v2).
    pub direction: crate::parse::front_matter::Direction,
    #[serde(serialize_with = "metric")]
    pub baseline: Option<f64>,
    #[serde(serialize_with = "metric")]
    pub target: Option<f64>,
    #[serde(serialize_with = "metric")]
    pub current: Option<f64>,
    pub checkins: Vec<CheckinRow>,
    pub invested_minutes: u64,
    #[serde(serialize_with = "metric")]
    pub shift: Option<f64>,
    #[serde(serialize_with = "four_places")]
    pub leverage_per_hour: Option<f64>,
    #[serde(serialize_with = "four_places")]
    pub progress: Option<f64>,
    pub neglected: bool,
    /// For the views, not exported: its note's index in `Report::notes`.
    #[serde(skip)]
    pub note: usize,
    #[serde(skip)]
    pub metric: Option<String>,
    #[serde(skip)]
    pub unit: Option<String>,
    #[serde(skip)]
    pub due: Option<Date>,
    /// For the views: the date its target was reached ([`review::target_reached`]).
    #[serde(skip)]
    pub reached: Option<Date>,
    /// For the views: the dates of the done activities linking it, sorted.
    #[serde(skip)]
    pub worked_on: Vec<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckinRow {
    pub date: Date,
    #[serde(serialize_with = "metric_value")]
    pub value: f64,
    pub source: String,
    /// For the views, not exported: the words written with it.
    #[serde(skip)]
    pub note: Option<String>,
}

/// A day, week, month, quarter or year and its figures.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodRow {
    /// Serialised as its id (`2026-W45`).
    pub id: Period,
    /// `None` for a day (SPEC 8: a day's row has no start and end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    pub minutes: u64,
    pub planned_minutes: u64,
    pub untimed: u64,
    /// Only categories with minutes.
    pub by_category: BTreeMap<String, u64>,
    #[serde(serialize_with = "four_places")]
    pub compounding_share: Option<f64>,
    #[serde(serialize_with = "four_places")]
    pub alignment: Option<f64>,
    #[serde(serialize_with = "two_places")]
    pub index: Option<f64>,
    #[serde(serialize_with = "four_places")]
    pub off_target: Option<f64>,
    /// Days only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub busy: Option<bool>,
    /// For the site, not exported (none for days, and none unless built by
    /// [`Report::for_site`]): the outcomes moved in the period ([`review::moved`]).
    #[serde(skip)]
    pub moved: Vec<Moved>,
    /// For the views (none for days): the outcomes (indices into
    /// `Report::outcomes`) neglected at the period's end, or at the as-of
    /// date while it is under way ([`review::neglected`]).
    #[serde(skip)]
    pub neglected: Vec<usize>,
    /// For the views (quarters only): the outcomes the quarter achieved,
    /// neglected and dropped ([`review::standings`]).
    #[serde(skip)]
    pub standings: Vec<(usize, Standing)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagRow {
    pub tag: String,
    pub minutes: u64,
    pub activities: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiagnosticRow {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    /// Shown on the site and the terminal; not part of the export.
    #[serde(skip)]
    pub hint: Option<String>,
}

impl Report {
    pub fn build(journal: &Journal, config: &Config) -> Report {
        let verified = opportunity::verify_all(journal, config);
        // The rows of activities and of periods are the bulk, and independent.
        let (activities, periods) = rayon::join(
            || {
                journal
                    .activities
                    .par_iter()
                    .zip(verified)
                    .map(|(a, verified)| ActivityRow::new(a, verified, journal, config))
                    .collect()
            },
            || PeriodRow::all(journal, config),
        );
        let [days, weeks, fortnights, months, quarters, years] = periods;
        let example = journal
            .activities
            .iter()
            .rposition(|a| a.is_done() && a.minutes.is_some_and(|m| m > 0))
            .map(|at| (at, journal.activities[at].rule.to_string()));
        Report {
            as_of: journal.as_of,
            activities,
            upcoming: journal
                .upcoming
                .iter()
                .map(|a| ActivityRow::new(a, None, journal, config))
                .collect(),
            outcomes: OutcomeRow::all(journal),
            days,
            weeks,
            fortnights,
            months,
            quarters,
            years,
            tags: TagRow::all(&journal.activities),
            opportunities: opportunity::opportunities(journal, config),
            diagnostics: sorted_diagnostics(&journal.diagnostics)
                .iter()
                .map(DiagnosticRow::new)
                .collect(),
            build_minutes: opportunity::build_minutes(journal),
            notes: Vec::new(),
            coverage: Coverage::default(),
            allowed: journal.allowed.clone(),
            log_start: score::log_start(journal),
            example,
        }
    }

    /// The site's report: [`Report::build`]'s, with what only the site
    /// shows (so that `export` and the terminal views do not pay for it):
    /// the notes, with where the links of each note's body lead and the
    /// backlinks of every note, read from the notes' `sources` (sorted by
    /// path); each period's reviews; the coverage.
    pub fn for_site(journal: &Journal, config: &Config, sources: &[Source]) -> Report {
        let mut report = Report::build(journal, config);
        let worked_on: Vec<Vec<Date>> = report
            .outcomes
            .iter_mut()
            .map(|o| std::mem::take(&mut o.worked_on))
            .collect();
        let log_start = report.log_start;
        let mut notes = notes::rows(journal);
        let ((), coverage) = rayon::join(
            || {
                notes::link(&mut notes, journal, sources);
                for rows in [
                    &mut report.weeks,
                    &mut report.fortnights,
                    &mut report.months,
                    &mut report.quarters,
                    &mut report.years,
                ] {
                    review_periods(rows, journal, &worked_on, log_start);
                }
            },
            || Coverage::of(journal, config),
        );
        for (outcome, dates) in report.outcomes.iter_mut().zip(worked_on) {
            outcome.worked_on = dates;
        }
        report.notes = notes;
        report.coverage = coverage;
        report
    }

    pub fn periods(&self, kind: Kind) -> &[PeriodRow] {
        match kind {
            Kind::Day => &self.days,
            Kind::Week => &self.weeks,
            Kind::Fortnight => &self.fortnights,
            Kind::Month => &self.months,
            Kind::Quarter => &self.quarters,
            Kind::Year => &self.years,
        }
    }

    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// SPEC 8: diagnostics by file, line, column (then severity and message, so
/// the order never depends on the order of work).
pub fn sorted_diagnostics(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut sorted = diagnostics.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
}

/// The reviews of each period of `rows` (weeks to years): the outcomes
/// moved, those neglected at its end, and for a quarter where each outcome
/// stands. `worked_on[i]` holds the sorted dates of the done activities
/// linking outcome `i`.
fn review_periods(
    rows: &mut [PeriodRow],
    journal: &Journal,
    worked_on: &[Vec<Date>],
    log_start: Option<Date>,
) {
    let activities = &journal.activities;
    rows.par_iter_mut().for_each(|row| {
        let period = row.id;
        let range = activities.partition_point(|a| a.date < period.start)
            ..activities.partition_point(|a| a.date <= period.end());
        row.moved = review::moved(journal, period, range);
        row.neglected = review::neglected(journal, period, worked_on, log_start);
        if period.kind == Kind::Quarter {
            row.standings = review::standings(journal, period, worked_on, log_start);
        }
    });
}

impl ActivityRow {
    /// Done, not planned.
    pub fn is_done(&self) -> bool {
        self.status == Status::Done.as_str()
    }

    fn new(
        activity: &Activity,
        verified: Option<Verification>,
        journal: &Journal,
        config: &Config,
    ) -> Self {
        let category = &config.categories[activity.category];
        ActivityRow {
            file: activity.file.clone(),
            line: activity.line,
            date: activity.date,
            text: activity.text.clone(),
            words: activity.words.clone(),
            status: activity.status.as_str(),
            tags: activity.tags.clone(),
            category: category.name.clone(),
            kind: category.kind.as_str(),
            minutes: activity.minutes,
            outcomes: activity
                .outcomes
                .iter()
                .map(|&o| journal.outcomes[o].id.clone())
                .collect(),
            leverage_hours: score::leverage_hours(activity, config),
            category_index: activity.category,
            linked: activity.outcomes.clone(),
            saves: activity.saves.map(|saves| {
                let accrued = if activity.is_done() {
                    score::accrued_minutes(saves, activity.date, journal.as_of)
                } else {
                    0
                };
                SavesRow {
                    minutes: saves.minutes,
                    per_days: saves.per_days,
                    accrued_minutes: accrued,
                    payback: score::payback(accrued, activity.minutes),
                    verified,
                }
            }),
        }
    }
}

impl OutcomeRow {
    fn all(journal: &Journal) -> Vec<OutcomeRow> {
        let invested = score::invested(
            journal.outcomes.len(),
            &journal.activities,
            0..journal.activities.len(),
        );
        let log_start = score::log_start(journal);
        journal
            .outcomes
            .iter()
            .enumerate()
            .map(|(index, outcome)| {
                let progress = score::progress(outcome, invested[index].minutes);
                OutcomeRow {
                    id: outcome.id.clone(),
                    title: outcome.title.clone(),
                    status: outcome.status,
                    direction: progress.direction,
                    baseline: Some(progress.baseline),
                    target: outcome.target,
                    current: progress.current,
                    checkins: outcome
                        .checkins
                        .iter()
                        .map(|checkin| CheckinRow {
                            date: checkin.date,
                            value: checkin.value,
                            source: checkin.source.clone(),
                            note: checkin.note.clone(),
                        })
                        .collect(),
                    invested_minutes: invested[index].minutes,
                    shift: progress.shift,
                    leverage_per_hour: progress.leverage_per_hour,
                    progress: progress.progress,
                    neglected: score::is_neglected(
                        outcome,
                        invested[index]
                            .activities
                            .iter()
                            .map(|&position| journal.activities[position].date),
                        journal.as_of,
                        log_start,
                    ),
                    note: outcome.note,
                    metric: outcome.metric.clone(),
                    unit: outcome.unit.clone(),
                    due: outcome.due,
                    reached: review::target_reached(outcome),
                    worked_on: invested[index]
                        .activities
                        .iter()
                        .map(|&position| journal.activities[position].date)
                        .collect(),
                }
            })
            .collect()
    }
}

impl PeriodRow {
    /// Rows for every period of each kind that holds a daily note, in kind order.
    fn all(journal: &Journal, config: &Config) -> [Vec<PeriodRow>; Kind::ALL.len()] {
        let dates = journal
            .notes
            .iter()
            .filter(|note| note.kind == crate::parse::Kind::Daily)
            .filter_map(|note| note.date);
        let mut groups: BTreeMap<Period, Vec<&Activity>> = BTreeMap::new();
        // SPEC 3: a period that starts after the as-of date is not reported.
        let started = |period: &Period| journal.as_of.is_none_or(|as_of| period.start <= as_of);
        for date in dates {
            for kind in Kind::ALL {
                let period = Period::containing(kind, date);
                if started(&period) {
                    groups.entry(period).or_default();
                }
            }
        }
        for activity in &journal.activities {
            for kind in Kind::ALL {
                groups
                    .entry(Period::containing(kind, activity.date))
                    .or_default()
                    .push(activity);
            }
        }
        let mut rows: [Vec<PeriodRow>; Kind::ALL.len()] = Default::default();
        for (period, activities) in groups {
            let figures = score::figures(activities, config);
            rows[period.kind as usize].push(PeriodRow::new(period, &figures, config));
        }
        rows
    }

    pub fn new(period: Period, figures: &Figures, config: &Config) -> Self {
        let day = period.kind == Kind::Day;
        PeriodRow {
            id: period,
            start: (!day).then_some(period.start),
            end: (!day).then(|| period.end()),
            minutes: figures.minutes,
            planned_minutes: figures.planned_minutes,
            untimed: figures.untimed,
            by_category: config
                .categories
                .iter()
                .zip(&figures.by_category)
                .filter(|(_, minutes)| **minutes > 0)
                .map(|(category, minutes)| (category.name.clone(), *minutes))
                .collect(),
            compounding_share: figures.compounding_share,
            alignment: figures.alignment,
            index: figures.index,
            off_target: figures.off_target,
            busy: day.then(|| score::is_busy(figures, config)),
            moved: Vec::new(),
            neglected: Vec::new(),
            standings: Vec::new(),
        }
    }
}

/// The report's rows are scored by the journal's rules (a range of them
/// figured for a view, [`score::figures`]).
impl Scored for ActivityRow {
    fn is_done(&self) -> bool {
        ActivityRow::is_done(self)
    }
    fn minutes(&self) -> Option<u32> {
        self.minutes
    }
    fn category(&self) -> usize {
        self.category_index
    }
    fn outcomes(&self) -> &[usize] {
        &self.linked
    }
}

impl TagRow {
    /// SPEC 8: every tag of a done activity, each also counted toward its ancestors.
    fn all(activities: &[Activity]) -> Vec<TagRow> {
        let mut totals: HashMap<&str, (u64, u64)> = HashMap::new();
        // A set, not a list: one item may carry 200,000 tags (and stay linear).
        let mut carried: HashSet<&str> = HashSet::new();
        for activity in activities.iter().filter(|a| a.is_done()) {
            carried.clear();
            for tag in &activity.tags {
                crate::tag::carry(tag, &mut carried);
            }
            for name in &carried {
                let total = totals.entry(name).or_default();
                total.0 += u64::from(activity.minutes.unwrap_or(0));
                total.1 += 1;
            }
        }
        let mut rows: Vec<TagRow> = totals
            .into_iter()
            .map(|(tag, (minutes, activities))| TagRow {
                tag: tag.to_owned(),
                minutes,
                activities,
            })
            .collect();
        rows.sort_by(|a, b| a.tag.cmp(&b.tag));
        rows
    }
}

impl DiagnosticRow {
    fn new(diagnostic: &Diagnostic) -> Self {
        DiagnosticRow {
            file: diagnostic.path.clone(),
            line: diagnostic.line,
            column: diagnostic.column,
            severity: diagnostic.severity,
            code: diagnostic.code(),
            message: diagnostic.message(),
            hint: diagnostic.hint(),
        }
    }
}

/// Rounds half away from zero to `places` decimals.
pub fn round(value: f64, places: i32) -> f64 {
    crate::format::round(value, places)
}

fn rounded<S: Serializer>(
    value: Option<f64>,
    places: i32,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value.filter(|x| x.is_finite()) {
        Some(x) => serializer.serialize_f64(round(x, places)),
        None => serializer.serialize_none(),
    }
}

#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)] // serde's calling convention
fn two_places<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    rounded(*value, 2, serializer)
}

#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)] // serde's calling convention
fn four_places<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    rounded(*value, 4, serializer)
}

/// A metric value as the user wrote it: `5`, not `5.0`; otherwise 4 decimals.
#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)] // serde's calling convention
fn metric<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value.filter(|x| x.is_finite()).map(|x| round(x, 4)) {
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => serializer.serialize_i64(x as i64),
        other => rounded(other, 4, serializer),
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's calling convention
fn metric_value<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    metric(&Some(*value), serializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn rounding_is_half_away_from_zero_and_never_negative_zero() {
        assert_eq!(round(0.123_45, 4), 0.1235);
        assert_eq!(round(2.005, 2), 2.01);
        assert_eq!(round(-0.000_01, 4).to_string(), "0");
    }

    fn journal(text: &str) -> Journal {
        let config = Config::default();
        let source = crate::scan::Source {
            path: "daily/2026-11-02.md".into(),
            text: text.into(),
        };
        crate::resolve::resolve(vec![crate::parse::note(&source, &config)], &config, None)
    }

    #[test]
    fn tag_rows_count_each_ancestor_once_per_activity() {
        let journal = journal("- #a/b #a/c #a 10m\n- #a/b/c 5m\n- [ ] #a/planned 1h\n");
        let rows = TagRow::all(&journal.activities);
        let rows: Vec<_> = rows
            .iter()
            .map(|r| (r.tag.as_str(), r.minutes, r.activities))
            .collect();
        assert_eq!(
            rows,
            [
                ("a", 15, 2),
                ("a/b", 15, 2),
                ("a/b/c", 5, 1),
                ("a/c", 10, 1)
            ]
        );
    }

    #[test]
    fn tag_rows_of_an_item_with_many_tags_stay_linear() {
        // Quadratic in the tags of one item, this took minutes.
        let mut text = String::new();
        for i in 0..50_000 {
            write!(text, "#t/{i} ").unwrap();
        }
        let journal = journal(&format!("- {text}1m\n"));
        let rows = TagRow::all(&journal.activities);
        assert_eq!(rows.len(), 50_001);
        assert_eq!((rows[0].tag.as_str(), rows[0].activities), ("t", 1));
    }

    // Issue 13: a view figures a range of the report's rows by SPEC 6's
    // rules, and gets what the journal's activities give.
    #[test]
    fn the_report_rows_score_as_the_journal_activities() {
        let config = Config::default();
        let journal = journal(
            "- 1h #deep-work plan\n- 30m #email inbox\n- 45m #outreach [[Goal]]\n- [ ] 2h #deep-work later\n- #email untimed\n",
        );
        let report = Report::build(&journal, &config);
        let from_rows = score::figures(&report.activities, &config);
        assert_eq!(from_rows, score::figures(&journal.activities, &config));
        assert_eq!(
            (
                from_rows.minutes,
                from_rows.planned_minutes,
                from_rows.untimed
            ),
            (135, 120, 1)
        );
        for (row, activity) in report.activities.iter().zip(&journal.activities) {
            assert_eq!(row.is_done(), activity.is_done());
            assert_eq!(
                score::leverage_hours(row, &config),
                score::leverage_hours(activity, &config)
            );
        }
    }

    #[test]
    fn metrics_print_as_written() {
        #[derive(Serialize)]
        struct M {
            #[serde(serialize_with = "metric")]
            a: Option<f64>,
            #[serde(serialize_with = "metric")]
            b: Option<f64>,
            #[serde(serialize_with = "metric")]
            c: Option<f64>,
        }
        let json = serde_json::to_string(&M {
            a: Some(5.0),
            b: Some(0.1 + 0.2),
            c: None,
        })
        .unwrap();
        assert_eq!(json, r#"{"a":5,"b":0.3,"c":null}"#);
    }
}

//! What several pages show: figures, activity rows, links, headline cards,
//! the allocation and trend charts. Figures reach the templates as numbers,
//! formatted there by the filters of `render/filters.rs`.
//! One module per page kind below; `site` drives them.

/// A page's template context, written like `json!`'s objects: each value is
/// serialised straight into Tera's values, with no JSON tree in between.
macro_rules! page {
    ($($key:literal : $value:expr),* $(,)?) => {{
        let mut context = Context::new();
        $(context.insert($key, &$value);)*
        context
    }};
}

pub(super) mod archive;
mod dashboard;
mod day;
mod formulas;
mod lists;
mod note;
mod outcome;
mod period;
mod problems;
mod review;
mod systems;
mod tag;

use std::collections::BTreeMap;
use std::ops::Range;

use jiff::civil::Date;
use serde::Serialize;
use serde_json::{Value, json};

use crate::period::{Kind, Period};
use crate::render::charts::{self as chart, Series, Stack, slug};
use crate::render::markdown::body_html;
use crate::render::site::Site;
use crate::render::url;
use crate::report::{ActivityRow, OutcomeRow, PeriodRow};
use crate::score;
use crate::view::Row;

/// A set of figures, as numbers: templates format them with the filters of
/// `render/filters.rs` (`minutes | hours`, `compounding | percent`).
#[derive(Serialize)]
pub(super) struct FiguresView {
    pub(super) minutes: u64,
    pub(super) compounding: Option<f64>,
    pub(super) alignment: Option<f64>,
    pub(super) index: Option<f64>,
    pub(super) off_target: Option<f64>,
    pub(super) planned_minutes: u64,
    pub(super) untimed: u64,
    pub(super) busy: bool,
    pub(super) categories: Vec<ShareView>,
}

#[derive(Serialize)]
pub(super) struct ShareView {
    pub(super) name: String,
    pub(super) slug: String,
    pub(super) kind: &'static str,
    pub(super) minutes: u64,
    /// Of the figures' minutes, 0 to 1.
    pub(super) share: f64,
}

#[derive(Serialize)]
pub(super) struct Link {
    pub(super) label: String,
    pub(super) href: String,
}

/// A headline figure with its change against a baseline.
#[derive(Serialize)]
pub(super) struct Card {
    pub(super) label: &'static str,
    /// The id of the section of `formulas.html` that says how it is computed.
    pub(super) formula: &'static str,
    /// How the template formats `value` and `change`: `minutes` (hours, a
    /// change in hours), `share` (%, a change in points) or `index`.
    pub(super) unit: &'static str,
    pub(super) value: Option<f64>,
    /// The change against the baseline, in the unit it is read in: hours,
    /// percentage points or index points.
    pub(super) change: Option<f64>,
    /// `up`, `down` or `flat`.
    pub(super) direction: &'static str,
    /// Whether the change is for the better.
    pub(super) good: bool,
    /// What the change is against (`Mon–Thu of 2026-W45`).
    pub(super) against: Option<String>,
}

/// The headline cards of a period against the one before, and the sentence
/// that says what they are compared with (or why they are not).
#[derive(Serialize)]
pub(super) struct Compared {
    pub(super) cards: Vec<Card>,
    pub(super) note: String,
}

/// The weekly leverage index and compounding share (in %), one point per week.
pub(super) fn trend_chart(title: &str, labels: &[String], rows: &[Option<&PeriodRow>]) -> String {
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

pub(super) fn href(depth: usize, path: &str) -> String {
    format!("{}{}", url::root(depth), url::encode(path))
}

pub(super) fn period_name(days: u32) -> String {
    match days {
        1 => "day".to_owned(),
        7 => "week".to_owned(),
        30 => "month".to_owned(),
        91 => "quarter".to_owned(),
        365 => "year".to_owned(),
        n => format!("{n} days"),
    }
}

pub(super) fn short_week(week: Period) -> String {
    let id = week.to_string();
    id.split_once('-').map_or(id.clone(), |(_, w)| w.to_owned())
}

pub(super) fn range_label(period: Period) -> String {
    format!(
        "{} – {}",
        period.start.strftime("%a %-d %b %Y"),
        period.end().strftime("%a %-d %b %Y")
    )
}

pub(super) fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

impl<'a> Site<'a> {
    /// The period of `kind` holding the as-of date, or when it has no page
    /// (an `--as-of` past the last note) the latest one before it that has.
    pub(super) fn as_of_period(&self, kind: Kind) -> Option<Period> {
        let id = Period::containing(kind, self.report.as_of?);
        let rows = self.report.periods(kind);
        Some(rows[..rows.partition_point(|row| row.id <= id)].last()?.id)
    }

    /// Positions in `report.activities` dated within [start, end].
    pub(super) fn range(&self, start: Date, end: Date) -> Range<usize> {
        let activities = &self.report.activities;
        activities.partition_point(|a| a.date < start)
            ..activities.partition_point(|a| a.date <= end)
    }

    /// The figures of the activities dated within [start, end], as a row.
    pub(super) fn figures_between(&self, start: Date, end: Date) -> PeriodRow {
        let activities = &self.report.activities[self.range(start, end)];
        let mut row = PeriodRow::new(
            Period::containing(Kind::Week, start),
            &score::figures(activities, self.config),
            self.config,
        );
        row.busy = None;
        row
    }

    /// Days within [start, end] with time logged.
    pub(super) fn logged_days(&self, start: Date, end: Date) -> u32 {
        let days = &self.report.days;
        let from = days.partition_point(|d| d.id.start < start);
        let to = days.partition_point(|d| d.id.start <= end);
        days[from..to.max(from)]
            .iter()
            .filter(|d| d.minutes > 0)
            .count() as u32
    }

    /// SPEC-silent fairness rule (issue 14, `compare`): the cards of `period`
    /// against the same elapsed days of the period before, or a sentence
    /// saying why there is no change to show. The dashboard and the period
    /// pages both come here, so they agree.
    pub(super) fn compared(&self, period: Period) -> Compared {
        use crate::compare::{Verdict, compare, verdict};
        let comparison = compare(period, self.report.as_of);
        let (start, end) = comparison.current;
        let current = self.figures_between(start, end);
        let logged = self.logged_days(start, end);
        let baseline = comparison.baseline.map(|(first, last)| {
            (
                self.figures_between(first, last),
                self.logged_days(first, last),
            )
        });
        let against = &comparison.against;
        let so_far = if comparison.partial {
            format!(
                "So far ({}–{}), ",
                start.strftime("%a %-d %b"),
                end.strftime("%a %-d %b")
            )
        } else {
            String::new()
        };
        let (base, note) = match baseline {
            None => (None, "Nothing before it to compare with.".to_owned()),
            Some((row, days)) => match verdict(logged, days) {
                Verdict::Change => (Some(row), format!("{so_far}changes against {against}.")),
                Verdict::NothingBefore => (
                    None,
                    format!("{so_far}no change shown: nothing was logged in {against}."),
                ),
                Verdict::TooFewDays { logged, baseline } => (
                    None,
                    format!(
                        "{so_far}no change shown: {logged} logged day{} against {baseline} in {against}, too few to compare.",
                        if logged == 1 { "" } else { "s" }
                    ),
                ),
            },
        };
        let note = capitalize(&note);
        let base: Vec<&PeriodRow> = base.iter().collect();
        let mut cards = Self::cards(Some(&current), &base);
        if !base.is_empty() {
            for card in &mut cards {
                card.against = card.change.map(|_| format!("vs {against}"));
            }
        }
        Compared { cards, note }
    }

    /// The rows a trend draws: a week with fewer than `TREND_MIN_DAYS`
    /// logged days is left out (its shares would be a 0 or 100 % spike).
    pub(super) fn trend_rows<'r>(
        &self,
        weeks: &[Period],
        within: Option<Period>,
        rows: &[Option<&'r PeriodRow>],
    ) -> Vec<Option<&'r PeriodRow>> {
        weeks
            .iter()
            .zip(rows)
            .map(|(week, row)| {
                // A week at the edge of a month counts only its days inside it.
                let (start, end) = within.map_or((week.start, week.end()), |p| {
                    (week.start.max(p.start), week.end().min(p.end()))
                });
                row.filter(|_| self.logged_days(start, end) >= crate::compare::TREND_MIN_DAYS)
            })
            .collect()
    }

    pub(super) fn row(&self, period: Period) -> Option<&'a PeriodRow> {
        let rows = self.report.periods(period.kind);
        rows.binary_search_by(|row| row.id.cmp(&period))
            .ok()
            .map(|i| &rows[i])
    }

    pub(super) fn figures(&self, row: Option<&PeriodRow>) -> FiguresView {
        let empty = PeriodRow::new(
            Period::containing(Kind::Day, Date::constant(2000, 1, 1)),
            &score::figures(std::iter::empty::<&ActivityRow>(), self.config),
            self.config,
        );
        let row = row.unwrap_or(&empty);
        FiguresView {
            minutes: row.minutes,
            compounding: row.compounding_share,
            alignment: row.alignment,
            index: row.index,
            off_target: row.off_target,
            planned_minutes: row.planned_minutes,
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
                        minutes,
                        share: minutes as f64 / row.minutes.max(1) as f64,
                    })
                })
                .collect(),
        }
    }

    /// The display rows of the activities at `positions` (in the report).
    pub(super) fn activities(&self, positions: impl Iterator<Item = usize>) -> Vec<&Row> {
        positions.map(|i| &self.rows[i]).collect()
    }

    /// The done activities at `positions` without a duration: listed with a
    /// hint to add one, since they count in no time figure (issue 14).
    pub(super) fn untimed(&self, positions: Range<usize>) -> Vec<&Row> {
        self.rows[positions]
            .iter()
            .filter(|row| row.status == "done" && row.minutes.is_none())
            .collect()
    }

    pub(super) fn period_link(&self, period: Option<Period>, depth: usize) -> Option<Link> {
        let period = period?;
        self.row(period)?;
        Some(Link {
            label: period.to_string(),
            href: href(depth, &url::period(period)),
        })
    }

    /// The periods enclosing `period` that have a page, smallest first: a
    /// week is in its fortnight and in the month, quarter and year of its Thursday (the ISO rule
    /// that gives a week its year), a month in its quarter and year.
    pub(super) fn within(&self, period: Period, depth: usize) -> Vec<Link> {
        let anchor = match period.kind {
            Kind::Week => period
                .start
                .checked_add(jiff::Span::new().days(3))
                .unwrap_or(period.start),
            _ => period.start,
        };
        [
            Kind::Week,
            Kind::Fortnight,
            Kind::Month,
            Kind::Quarter,
            Kind::Year,
        ]
        .into_iter()
        .filter(|&kind| kind > period.kind)
        .filter_map(|kind| self.period_link(Some(Period::containing(kind, anchor)), depth))
        .collect()
    }

    /// Stacked allocation rows: the target split, the typical split, then `rows`.
    pub(super) fn allocation(
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

    pub(super) fn outcome_summary(row: &OutcomeRow, depth: usize) -> Value {
        json!({
            "title": row.title,
            "href": href(depth, &url::outcome(&row.id)),
            "metric": row.metric,
            "unit": row.unit,
            "current": row.current,
            "target": row.target,
            // Issue 14: a target without a check-in is no missing target.
            "progress": chart::progress_or(
                &format!("{}: progress toward target", row.title),
                row.progress,
                if row.target.is_some() && row.current.is_none() { "no check-in yet" } else { "no target" },
            ),
            // Words, not a figure: "+0.5 signups per hour", "too few hours
            // (1.5 h)"; `per_hour.figure` is the signed figure alone.
            "leverage_per_hour": crate::format::per_hour(row.leverage_per_hour, row.invested_minutes, row.unit.as_deref(), row.direction),
            "per_hour": crate::format::per_hour_parts(row.leverage_per_hour, row.invested_minutes, row.unit.as_deref(), row.direction),
            "invested_minutes": row.invested_minutes,
            "neglected": row.neglected,
            "status": row.status,
        })
    }

    /// The body of note `index`; `shown` are the lines (sorted) of its
    /// activities that the page lists as rows (see [`body_html`]).
    pub(super) fn note_html(&self, index: usize, depth: usize, shown: &[u32]) -> String {
        let note = &self.report.notes[index];
        let Ok(at) = self
            .sources
            .binary_search_by(|s| s.path.as_str().cmp(&note.path))
        else {
            return String::new();
        };
        body_html(
            note,
            &self.sources[at].text,
            &self.report.notes,
            depth,
            shown,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_names() {
        assert_eq!(period_name(7), "week");
        assert_eq!(period_name(14), "14 days");
    }
}

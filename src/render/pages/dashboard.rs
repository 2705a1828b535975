//! The dashboard (`index.html`): the latest week against the weeks before,
//! the trend of the last 12 weeks, the outcomes in play and the busy days.

use serde_json::{Value, json};
use tera::Context;

use super::{Card, range_label, short_week, trend_chart};
use crate::period::Kind;
use crate::render::site::Site;
use crate::render::url;
use crate::report::PeriodRow;

/// How many upcoming planned items the dashboard lists (the export has all).
const UPCOMING_SHOWN: usize = 20;

impl Site<'_> {
    pub(crate) fn dashboard(&self) -> Context {
        let coverage = self.coverage();
        let Some(latest) = self.latest_week else {
            return page! { "empty": true, "page_title": "Dashboard", "coverage": coverage };
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
        if let Some(first) = self.report.weeks.first().and_then(|row| row.start) {
            weeks.retain(|week| week.end() >= first);
        }
        let current = self.row(latest);
        let compared = self.compared(latest);
        let labels: Vec<String> = weeks.iter().map(|w| short_week(*w)).collect();
        let rows: Vec<Option<&PeriodRow>> = weeks.iter().map(|&w| self.row(w)).collect();
        let trend = trend_chart(
            "Leverage index and compounding share, last 12 weeks",
            &labels,
            &self.trend_rows(&weeks, None, &rows),
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
            .map(|o| Self::outcome_summary(o, 0))
            .collect();
        let neglected: Vec<Value> = self
            .report
            .outcomes
            .iter()
            .filter(|o| o.neglected)
            .map(|o| Self::outcome_summary(o, 0))
            .collect();
        let window_start = weeks[0].start;
        let busy: Vec<Value> = self
            .report
            .days
            .iter()
            .filter(|d| d.busy == Some(true) && d.id.start >= window_start)
            .rev()
            .map(|d| {
                json!({
                    "date": d.id, "href": url::encode(&url::day(d.id.start)),
                    "minutes": d.minutes, "compounding": d.compounding_share,
                })
            })
            .collect();
        // SPEC 3 (v2): planned items of notes after the as-of date, shown as
        // upcoming and counted nowhere. Their days have no page yet.
        let upcoming: Vec<Value> = self
            .report
            .upcoming
            .iter()
            .take(UPCOMING_SHOWN)
            .map(|a| {
                json!({
                    "date": a.date, "text": a.words,
                    "minutes": a.minutes,
                })
            })
            .collect();
        page! {
            "page_title": "Dashboard",
            "upcoming": upcoming,
            "upcoming_more": self.report.upcoming.len().saturating_sub(UPCOMING_SHOWN),
            "week": latest.to_string(),
            "week_href": self.as_of_period(Kind::Week).map(|week| url::encode(&url::period(week))),
            "week_range": range_label(latest),
            "cards": compared.cards,
            "compared": compared.note,
            "figures": self.figures(current),
            "trend": trend,
            "allocation": allocation,
            "active": active,
            "neglected": neglected,
            "busy": busy,
            "opportunities": crate::render::compounding::card(&self.report.opportunities, |tag| self.tag_href(0, tag)),
            "coverage": coverage,
            "neglect_days": crate::score::NEGLECT_DAYS + 1,
        }
    }

    /// The coverage card (SPEC 9 (v2)): what was read, the same figures and
    /// advice as `check`.
    fn coverage(&self) -> Value {
        let coverage = &self.report.coverage;
        let share = |count: usize| coverage.share(count);
        json!({
            "notes": coverage.markdown_files,
            "daily": coverage.daily,
            "outcomes": coverage.outcomes,
            "pages": coverage.pages,
            "activities": coverage.activities,
            "done": coverage.done,
            "timed": coverage.timed,
            "timed_share": share(coverage.timed),
            "categorized": coverage.categorized,
            "categorized_share": share(coverage.categorized),
            "by_tag": coverage.by_tag,
            "by_keyword": coverage.by_keyword,
            "by_field": coverage.by_field,
            "linked": coverage.linked,
            "linked_share": share(coverage.linked),
            "advice": coverage.advice.iter().map(|advice| code_spans(advice)).collect::<Vec<_>>(),
            "yaml": coverage.yaml,
        })
    }

    /// Headline cards: hours, compounding share, alignment, index, off-target,
    /// each against the average of `baseline` rows.
    pub(super) fn cards(current: Option<&PeriodRow>, baseline: &[&PeriodRow]) -> Vec<Card> {
        let average = |get: &dyn Fn(&PeriodRow) -> Option<f64>| -> Option<f64> {
            let values: Vec<f64> = baseline.iter().filter_map(|r| get(r)).collect();
            (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
        };
        // Each card's figure and change are numbers; the template formats
        // them by `unit` with the filters of `render/filters.rs`.
        let card = |(label, formula, unit): (&'static str, &'static str, &'static str),
                    get: &dyn Fn(&PeriodRow) -> Option<f64>,
                    scale: f64,
                    higher_is_better: bool| {
            let value = current.and_then(get);
            let (change, direction, good) = match (value, average(get)) {
                (Some(v), Some(b)) => {
                    let d = v - b;
                    let direction = if d.abs() < 1e-9 {
                        "flat"
                    } else if d > 0.0 {
                        "up"
                    } else {
                        "down"
                    };
                    (Some(d * scale), direction, (d >= 0.0) == higher_is_better)
                }
                _ => (None, "flat", true),
            };
            Card {
                label,
                formula,
                unit,
                value,
                change,
                direction,
                good,
                against: None,
            }
        };
        vec![
            card(
                ("hours logged", "period", "minutes"),
                &|r| Some(r.minutes as f64),
                1.0 / 60.0,
                true,
            ),
            card(
                ("compounding share", "compounding-share", "share"),
                &|r| r.compounding_share,
                100.0,
                true,
            ),
            card(
                ("alignment", "alignment", "share"),
                &|r| r.alignment,
                100.0,
                true,
            ),
            card(
                ("leverage index", "index", "index"),
                &|r| r.index,
                1.0,
                true,
            ),
            card(
                ("off-target", "off-target", "share"),
                &|r| r.off_target,
                100.0,
                false,
            ),
        ]
    }
}

/// Plain text with `code` spans as HTML: escaped, then each pair of
/// backticks made a `<code>` element (the advice is written for a terminal).
fn code_spans(text: &str) -> String {
    let escaped = crate::render::charts::escape(text);
    let mut out = String::with_capacity(escaped.len());
    for (i, part) in escaped.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(part);
            out.push_str("</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

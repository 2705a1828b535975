//! The page of a week, month, quarter or year: figures against the period
//! before, allocation, top activities, time sinks and outcomes touched.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde_json::{Value, json};
use tera::Context;

use super::review::FED_SHOWN;
use super::{capitalize, href, range_label, short_week, trend_chart};
use crate::config::Kind as CategoryKind;
use crate::period::{Kind, Period, days_between};
use crate::render::charts::{self as chart, Bar, Stack};
use crate::render::site::Site;
use crate::render::url;
use crate::report::PeriodRow;

impl Site<'_> {
    pub(crate) fn period(&self, period: Period, row: &PeriodRow) -> Context {
        let depth = 1;
        let range = self.range(period.start, period.end());
        let activities = &self.report.activities;
        let compared = self.compared(period);

        // Top activities by leverage-hours.
        let mut top: Vec<usize> = range
            .clone()
            .filter(|&i| activities[i].leverage_hours.is_some_and(|p| p > 0.0))
            .collect();
        top.sort_by(|&a, &b| {
            let p = |i: usize| activities[i].leverage_hours.unwrap_or(0.0);
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
            .map(|(tag, minutes)| json!({ "tag": format!("#{tag}"), "href": href(depth, &url::tag(tag)), "minutes": minutes }))
            .collect();

        // Outcomes moved (issue 14 item 3), with the activities that fed
        // each on a month's page, the outputs-to-outcomes review.
        let fed = if period.kind == Kind::Month {
            FED_SHOWN
        } else {
            0
        };
        let touched = self.moved_views(row, depth, fed);

        let neglected: Vec<Value> = row
            .neglected
            .iter()
            .map(|&index| &self.report.outcomes[index])
            .map(|o| json!({ "title": o.title, "href": href(depth, &url::outcome(&o.id)) }))
            .collect();
        let strategy = (period.kind == Kind::Quarter).then(|| self.strategy(row, depth));

        // Only the weekly review lists activities beyond the top ones: a
        // month, quarter or year page summarises (issue 13), and listing a
        // year's planned work would make it as long as the year.
        let listed = if period.kind == Kind::Week {
            range.clone()
        } else {
            range.start..range.start
        };
        let unlinked: Vec<usize> = listed
            .clone()
            .filter(|&i| {
                let a = &activities[i];
                a.is_done()
                    && a.outcomes.is_empty()
                    && self.config.categories[a.category_index].kind == CategoryKind::Compounding
            })
            .collect();
        let planned: Vec<usize> = listed.filter(|&i| !activities[i].is_done()).collect();

        // Per-day bars for a week; per-week rows for longer periods.
        let (bars, weekly, allocation, span_note) = if period.kind == Kind::Week {
            let allocation = self.allocation(
                &format!("Time by category in {period}"),
                &[(short_week(period), Some(row), None)],
            );
            (self.per_day(period, true), None, allocation, None)
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
            // Issue 14: the charts use their width for the weeks with notes (a young
            // vault's year is not five weeks squeezed into 53), and say which.
            let all_weeks = weeks.len();
            let with_notes = |w: &Period| self.row(*w).is_some();
            if let (Some(first), Some(last)) = (
                weeks.iter().position(with_notes),
                weeks.iter().rposition(with_notes),
            ) {
                weeks = weeks[first..=last].to_vec();
            }
            let span_note = (weeks.len() < all_weeks)
                .then(|| match (weeks.first(), weeks.last()) {
                    (Some(a), Some(b)) if a != b => Some(format!(
                        "Weeks {} to {}, those of this {} with notes.",
                        short_week(*a),
                        short_week(*b),
                        period.kind.name()
                    )),
                    (Some(a), _) => Some(format!(
                        "Week {}, the only one of this {} with notes.",
                        short_week(*a),
                        period.kind.name()
                    )),
                    _ => None,
                })
                .flatten();
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
                &self.trend_rows(&weeks, Some(period), &rows),
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
            // A fortnight's two weeks say little as bars: its days do. Its
            // days split by category are on its two weeks' pages (linked from
            // its allocation): here one bar a day, a third of the bytes.
            let bars = if period.kind == Kind::Fortnight {
                self.per_day(period, false)
            } else {
                chart::bars(&format!("Hours logged per week in {period}"), &bars, "h")
            };
            (bars, Some(trend), allocation, span_note)
        };

        page! {
            "page_title": format!("{} {period}", capitalize(period.kind.name())),
            "kind": period.kind.name(),
            "id": period.to_string(),
            "range": range_label(period),
            "cards": compared.cards,
            "compared": compared.note,
            "figures": self.figures(Some(row)),
            "allocation": allocation,
            "bars": bars,
            "bars_heading": if matches!(period.kind, Kind::Week | Kind::Fortnight) { "Hours per day" } else { "Hours per week" },
            "trend": weekly,
            "span_note": span_note,
            "top": self.activities(top.into_iter()),
            "sinks": sinks,
            "touched": touched,
            "neglected": neglected,
            "strategy": strategy,
            "unlinked": self.activities(unlinked.into_iter()),
            "neglect_days": crate::score::NEGLECT_DAYS + 1,
            "unlinked_factor": self.config.unlinked_factor,
            "planned": self.activities(planned.into_iter()),
            "planned_minutes": row.planned_minutes,
            "untimed": self.untimed(range.clone()),
            "previous": self.period_link(period.previous(), depth),
            "next": self.period_link(period.next(), depth),
            "within": self.within(period, depth),
        }
    }

    /// Hours per day of a week or fortnight, stacked by category (in the
    /// config's order, the allocation chart's colours), up to the as-of date;
    /// a day with notes links to its page.
    /// Hours logged per day, stacked by category or as one bar a day.
    fn per_day(&self, period: Period, by_category: bool) -> String {
        let days: Vec<(String, Option<&PeriodRow>, Date)> =
            (0..=days_between(period.start, period.end()))
                .filter_map(|offset| {
                    period
                        .start
                        .checked_add(jiff::Span::new().days(offset))
                        .ok()
                })
                .filter(|day| self.report.as_of.is_none_or(|as_of| *day <= as_of))
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
                r.map(|_| format!("{}{}", url::root(1), url::encode(&url::day(*day))))
            })
            .collect();
        if !by_category {
            let bars: Vec<Bar> = days
                .iter()
                .zip(&hrefs)
                .map(|((label, row, _), href)| Bar {
                    label,
                    value: row.map_or(0.0, |r| r.minutes as f64 / 60.0),
                    href: href.as_deref(),
                })
                .collect();
            return chart::bars(&format!("Hours logged per day in {period}"), &bars, "h");
        }
        let segments: Vec<Vec<(&str, f64)>> = days
            .iter()
            .map(|(_, row, _)| {
                self.config
                    .categories
                    .iter()
                    .filter_map(|c| {
                        let minutes = (*row)?.by_category.get(&c.name)?;
                        Some((c.name.as_str(), *minutes as f64 / 60.0))
                    })
                    .collect()
            })
            .collect();
        let columns: Vec<Stack> = days
            .iter()
            .zip(&hrefs)
            .zip(&segments)
            .map(|(((label, _, _), href), segments)| Stack {
                label,
                segments,
                href: href.as_deref(),
            })
            .collect();
        chart::stacked_bars(
            &format!("Hours logged per day in {period}, by category"),
            &columns,
            "h",
        )
    }
}

//! Pages that summarise, and their archives: a tag or an outcome page lists
//! its latest activities and a table of its figures per year; when it has more
//! than [`LATEST`], each year of its activities gets an archive page, so that
//! no page lists a decade of work and no activity is listed on more pages
//! than it has tags and outcomes, plus its day. The CSV and JSON keep every
//! activity.

use serde::Serialize;
use tera::Context;

use super::Link;
use crate::render::charts::{self as chart, Bar};
use crate::render::site::Site;

/// How many activities a tag or outcome page lists, the latest first.
pub(crate) const LATEST: usize = 50;

/// One year of a tag's or outcome's activities.
#[derive(Serialize)]
pub(super) struct YearRow {
    year: i16,
    minutes: u64,
    done: usize,
    planned: usize,
    /// Its archive page, when the activities do not all fit on the page.
    href: Option<String>,
}

/// The years of the activities at `positions` (in date order), each once, in order.
pub(crate) fn years(site: &Site<'_>, positions: &[usize]) -> Vec<i16> {
    let mut years: Vec<i16> = positions
        .iter()
        .map(|&i| site.report.activities[i].date.year())
        .collect();
    years.dedup();
    years
}

/// Whether the activities at `positions` get archive pages.
pub(crate) fn archived(positions: &[usize]) -> bool {
    positions.len() > LATEST
}

impl Site<'_> {
    /// The positions (in date order) dated in `year`.
    pub(super) fn of_year<'p>(&self, positions: &'p [usize], year: i16) -> &'p [usize] {
        let activities = &self.report.activities;
        let start = positions.partition_point(|&i| activities[i].date.year() < year);
        let end = positions.partition_point(|&i| activities[i].date.year() <= year);
        &positions[start..end]
    }

    /// The figures per year of the activities at `positions`, latest year
    /// first, with the links to their archives (`archive` of the year) when
    /// they have them; and a chart of the hours per year.
    pub(super) fn by_year(
        &self,
        positions: &[usize],
        title: &str,
        archive: impl Fn(i16) -> String,
    ) -> (Vec<YearRow>, Option<String>) {
        let mut rows: Vec<YearRow> = Vec::new();
        let mut minutes: Vec<u64> = Vec::new();
        for year in years(self, positions) {
            let (mut done, mut planned, mut total) = (0, 0, 0_u64);
            for &i in self.of_year(positions, year) {
                let activity = &self.report.activities[i];
                if activity.is_done() {
                    done += 1;
                    total += u64::from(activity.minutes.unwrap_or(0));
                } else {
                    planned += 1;
                }
            }
            minutes.push(total);
            rows.push(YearRow {
                year,
                minutes: total,
                done,
                planned,
                href: archived(positions).then(|| archive(year)),
            });
        }
        let labels: Vec<String> = rows.iter().map(|row| row.year.to_string()).collect();
        let bars: Vec<Bar> = labels
            .iter()
            .zip(&minutes)
            .zip(&rows)
            .map(|((label, &m), row)| Bar {
                label,
                value: m as f64 / 60.0,
                href: row.href.as_deref(),
            })
            .collect();
        let chart = (bars.len() > 1).then(|| chart::bars(title, &bars, "h"));
        rows.reverse();
        (rows, chart)
    }

    /// The archive of one year of a tag's or outcome's activities: every one
    /// of them, in date order, on one short line each.
    pub(crate) fn archive(
        &self,
        title: &str,
        back: &Link,
        positions: &[usize],
        year: i16,
    ) -> Context {
        let positions = self.of_year(positions, year);
        page! {
            "page_title": title,
            "year": year,
            "back": back,
            "count": positions.len(),
            "activities": self.activities(positions.iter().copied()),
        }
    }
}

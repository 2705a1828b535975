//! An outcome's page: its check-ins against the hours invested, its hours per
//! year and the latest activities linking it; and the archive of each year
//! of them.

use serde_json::{Value, json};
use tera::Context;

use super::archive::{LATEST, archived};
use super::{Link, href};
use crate::render::charts::{self as chart, Checkin};
use crate::render::site::Site;
use crate::render::url;

impl Site<'_> {
    pub(crate) fn outcome(&self, index: usize) -> Context {
        let row = &self.report.outcomes[index];
        let page = url::outcome(&row.id);
        let depth = url::depth(&page);
        let linked = &self.linked[index];
        // Cumulative hours invested up to each check-in: the linked work in
        // date order with running totals, then one binary search per check-in
        // (not a pass over all the work per check-in).
        let mut done: Vec<(jiff::civil::Date, u64)> = linked
            .iter()
            .map(|&i| &self.report.activities[i])
            .filter(|a| a.is_done())
            .map(|a| (a.date, u64::from(a.minutes.unwrap_or(0))))
            .collect();
        done.sort_unstable_by_key(|&(date, _)| date);
        let mut running = 0;
        for (_, minutes) in &mut done {
            running += *minutes;
            *minutes = running;
        }
        let cumulative: Vec<f64> = row
            .checkins
            .iter()
            .map(|checkin| {
                let upto = done.partition_point(|&(date, _)| date <= checkin.date);
                let minutes = upto.checked_sub(1).map_or(0, |last| done[last].1);
                minutes as f64 / 60.0
            })
            .collect();
        let dates: Vec<String> = row.checkins.iter().map(|c| c.date.to_string()).collect();
        let points: Vec<Checkin> = row
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
                row.unit.as_deref().unwrap_or(""),
            )
        });
        let checkins: Vec<Value> = row
            .checkins
            .iter()
            .zip(&cumulative)
            .map(|(c, h)| json!({ "date": c.date.to_string(), "value": c.value, "source": c.source, "note": c.note, "minutes": (h * 60.0).round() as u64 }))
            .collect();
        let (years, years_chart) =
            self.by_year(linked, &format!("{}: hours per year", row.title), |year| {
                href(depth, &url::outcome_archive(&row.id, year))
            });
        page! {
            "page_title": row.title,
            "outcome": Self::outcome_summary(row, depth),
            "id": row.id,
            "metric": row.metric,
            "unit": row.unit,
            "due": row.due.map(|d| d.to_string()),
            "baseline": row.baseline,
            "shift": row.shift,
            "progress_share": row.progress,
            "chart": chart,
            "checkins": checkins,
            "years": years,
            "years_chart": years_chart,
            "archived": archived(linked),
            "total": linked.len(),
            "activities": self.activities(linked.iter().rev().take(LATEST).copied()),
            "body": self.note_html(row.note, depth, &[]),
            "backlinks": self.backlinks_of(row.note, depth),
            "path": self.report.notes[row.note].path,
        }
    }

    pub(crate) fn outcome_archive(&self, index: usize, year: i16) -> Context {
        let row = &self.report.outcomes[index];
        let depth = url::depth(&url::outcome_archive(&row.id, year));
        let back = Link {
            label: row.title.clone(),
            href: href(depth, &url::outcome(&row.id)),
        };
        let title = format!("{} in {year}", row.title);
        self.archive(&title, &back, &self.linked[index], year)
    }
}

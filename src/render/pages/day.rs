//! A day's page: its figures, its activities and its notes in full.

use jiff::civil::Date;
use serde_json::{Value, json};
use tera::Context;

use super::Link;
use crate::period::{Kind, Period};
use crate::render::site::Site;
use crate::render::url;
use crate::report::PeriodRow;

impl Site<'_> {
    pub(crate) fn day(&self, date: Date, row: &PeriodRow) -> Context {
        let depth = 1;
        let range = self.range(date, date);
        let done: Vec<usize> = range
            .clone()
            .filter(|&i| self.report.activities[i].is_done())
            .collect();
        let planned: Vec<usize> = range
            .clone()
            .filter(|&i| !self.report.activities[i].is_done())
            .collect();
        let notes: Vec<Value> = self
            .daily_notes
            .get(&date)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&i| {
                let path = &self.report.notes[i].path;
                // The note's items listed above as rows are not repeated in its body.
                let mut shown: Vec<u32> = self.report.activities[range.clone()]
                    .iter()
                    .filter(|a| a.file == *path)
                    .map(|a| a.line)
                    .collect();
                shown.sort_unstable();
                json!({ "path": path, "html": self.note_html(i, depth, &shown) })
            })
            .collect();
        let neighbour = |step: i64| {
            let days = &self.report.days;
            let at = days.binary_search_by(|d| d.id.cmp(&row.id)).ok()?;
            let other = days.get(at.checked_add_signed(step as isize)?)?;
            Some(Link {
                label: other.id.to_string(),
                href: url::encode(url::sibling(&url::day(other.id.start))),
            })
        };
        page! {
            "page_title": format!("{} {}", date.strftime("%A"), date),
            "date": date.to_string(),
            "weekday": date.strftime("%A").to_string(),
            "figures": self.figures(Some(row)),
            "done": self.activities(done.into_iter()),
            "planned": self.activities(planned.into_iter()),
            "untimed": self.untimed(range.clone()),
            "notes": notes,
            "previous": neighbour(-1),
            "next": neighbour(1),
            "within": self.within(Period::containing(Kind::Day, date), depth),
        }
    }
}

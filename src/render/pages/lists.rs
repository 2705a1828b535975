//! The index pages the menu opens: every week, month and quarter with its
//! key figures and a sparkline of its days, every outcome, every tag.

use serde::Serialize;
use tera::Context;

use super::{href, range_label};
use crate::period::{Kind, Period};
use crate::render::charts as chart;
use crate::render::site::Site;
use crate::render::url;

#[derive(Serialize)]
struct PeriodItem {
    id: String,
    href: String,
    range: String,
    /// The figures as numbers, formatted by the template's filters.
    minutes: u64,
    compounding: Option<f64>,
    alignment: Option<f64>,
    index: Option<f64>,
    spark: String,
}

#[derive(Serialize)]
struct TagItem {
    tag: String,
    href: String,
    minutes: u64,
    activities: u64,
}

impl Site<'_> {
    /// `weeks.html`, `months.html`, `quarters.html`: newest first.
    pub(crate) fn period_list(&self, kind: Kind) -> Context {
        let depth = url::depth(&url::periods(kind));
        let rows: Vec<PeriodItem> = self
            .report
            .periods(kind)
            .iter()
            .rev()
            .map(|row| {
                let period = row.id;
                let end = period.end().min(self.report.as_of.unwrap_or(period.end()));
                let days = self.daily_hours(period.start, end);
                PeriodItem {
                    id: row.id.to_string(),
                    href: href(depth, &url::period(period)),
                    range: range_label(period),
                    minutes: row.minutes,
                    compounding: row.compounding_share,
                    alignment: row.alignment,
                    index: row.index,
                    spark: chart::sparkline(&format!("Hours per day in {}", row.id), &days),
                }
            })
            .collect();
        let plural = kind.plural();
        page! {
            "page_title": super::capitalize(plural),
            "plural": plural,
            "kind": kind.name(),
            "rows": rows,
        }
    }

    /// Hours logged on each day of [start, end], in order (a day without notes is 0).
    fn daily_hours(&self, start: jiff::civil::Date, end: jiff::civil::Date) -> Vec<Option<f64>> {
        let mut values = Vec::new();
        let mut day = start;
        while day <= end {
            let minutes = self
                .row(Period::containing(Kind::Day, day))
                .map_or(0, |row| row.minutes);
            values.push(Some(minutes as f64 / 60.0));
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        values
    }

    /// `outcomes.html`: every outcome, active first, then by title.
    pub(crate) fn outcome_list(&self) -> Context {
        let depth = url::depth(url::OUTCOMES);
        let mut outcomes: Vec<_> = self.report.outcomes.iter().collect();
        outcomes.sort_by_key(|o| {
            (
                o.status != crate::parse::front_matter::OutcomeStatus::Active,
                o.title.to_lowercase(),
            )
        });
        let rows: Vec<_> = outcomes
            .into_iter()
            .map(|o| Self::outcome_summary(o, depth))
            .collect();
        page! { "page_title": "Outcomes", "outcomes": rows }
    }

    /// `tags.html`: every tag, by hours logged.
    pub(crate) fn tag_list(&self) -> Context {
        let depth = url::depth(url::TAGS);
        let mut tags: Vec<_> = self.report.tags.iter().collect();
        tags.sort_by(|a, b| b.minutes.cmp(&a.minutes).then(a.tag.cmp(&b.tag)));
        let rows: Vec<TagItem> = tags
            .into_iter()
            .map(|t| TagItem {
                tag: format!("#{}", t.tag),
                href: href(depth, &url::tag(&t.tag)),
                minutes: t.minutes,
                activities: t.activities,
            })
            .collect();
        page! { "page_title": "Tags", "tags": rows }
    }
}

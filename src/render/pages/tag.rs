//! A tag's page: hours per week and per year, the tags nested in it, its
//! latest activities; and the archive of each year of them.

use std::collections::BTreeMap;

use tera::Context;

use super::archive::{LATEST, archived};
use super::{Link, href, short_week};
use crate::period::{Kind, Period};
use crate::render::charts::{self as chart, Bar};
use crate::render::site::Site;
use crate::render::url;

impl Site<'_> {
    pub(crate) fn tag(&self, tag: &str) -> Context {
        let page = url::tag(tag);
        let depth = url::depth(&page);
        let positions: &[usize] = self.tag_activities.get(tag).map_or(&[], Vec::as_slice);
        let mut per_week: BTreeMap<Period, u64> = BTreeMap::new();
        for &i in positions {
            let a = &self.report.activities[i];
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
        let (years, years_chart) = self.by_year(
            positions,
            &format!("Hours per year tagged #{tag}"),
            |year| href(depth, &url::tag_archive(tag, year)),
        );
        page! {
            "page_title": format!("#{tag}"),
            "tag": tag,
            "category": category,
            "minutes": totals.map_or(0, |t| t.minutes),
            "count": totals.map_or(0, |t| t.activities),
            "chart": chart::bars(&format!("Hours per week tagged #{tag}"), &bars, "h"),
            "children": children,
            "parent": parent,
            "years": years,
            "years_chart": years_chart,
            "archived": archived(positions),
            "total": positions.len(),
            "activities": self.activities(positions.iter().rev().take(LATEST).copied()),
        }
    }

    pub(crate) fn tag_archive(&self, tag: &str, year: i16) -> Context {
        let depth = url::depth(&url::tag_archive(tag, year));
        let positions: &[usize] = self.tag_activities.get(tag).map_or(&[], Vec::as_slice);
        let back = Link {
            label: format!("#{tag}"),
            href: href(depth, &url::tag(tag)),
        };
        self.archive(&format!("#{tag} in {year}"), &back, positions, year)
    }
}

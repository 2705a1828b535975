//! The view model: what the views show of the report, typed and built once.
//!
//! An activity's display row ([`Row`]) is made once per activity for the
//! whole site and shared by its day, week, period, tag, outcome, archive and
//! systems pages. Dates are dates and figures numbers: templates format them
//! with the filters of `render/filters.rs`. Links are paths from the site's
//! root (already percent-encoded), so one row serves pages at every depth:
//! a template writes `{{ root }}{{ a.day }}`.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::render::charts::slug;
use crate::render::url;
use crate::report::{ActivityRow, Report};

/// A row shows at most this many tags and outcomes (the rest are counted,
/// and link to its day) and this many characters of its words. An item is
/// listed on the page of each of its tags and outcomes: a one-line note
/// carrying 200,000 tags would otherwise print its megabyte of text and tags
/// on 200,000 pages. The day page shows the note in full.
pub const TAGS_SHOWN: usize = 12;

pub const TEXT_SHOWN: usize = 300;

/// One activity as every page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub date: Date,
    /// Its day page, from the site's root.
    pub day: String,
    /// The item's words without tags, durations, fields, clock ranges and
    /// outcome links (issue 14: those are in their own columns), cut at
    /// [`TEXT_SHOWN`] characters.
    pub words: String,
    pub status: &'static str,
    pub tags: Vec<Chip>,
    pub category: String,
    /// The category's CSS name.
    pub slug: String,
    pub kind: &'static str,
    /// `None` when untimed.
    pub minutes: Option<u32>,
    pub outcomes: Vec<Chip>,
    pub leverage_hours: Option<f64>,
    /// `path:line` of the item in the vault.
    pub source: String,
}

/// A tag or an outcome of a row: a link (from the site's root) when it has
/// a page; a tag carried only by planned activities has none.
#[derive(Debug, Clone, Serialize)]
pub struct Chip {
    pub label: String,
    pub href: Option<String>,
}

/// The rows of the report's activities, in its order (`rows[i]` is
/// `report.activities[i]`). `has_page` says whether a tag has a page.
pub fn rows(report: &Report, has_page: impl Fn(&str) -> bool) -> Vec<Row> {
    let titles: HashMap<&str, &str> = report
        .outcomes
        .iter()
        .map(|o| (o.id.as_str(), o.title.as_str()))
        .collect();
    report
        .activities
        .iter()
        .map(|activity| row(activity, &has_page, &titles))
        .collect()
}

fn row(
    activity: &ActivityRow,
    has_page: &impl Fn(&str) -> bool,
    titles: &HashMap<&str, &str>,
) -> Row {
    let date = activity.date;
    let day = url::encode(&url::day(date));
    let more = |count: usize| Chip {
        label: format!("+{} more", count - TAGS_SHOWN),
        href: Some(day.clone()),
    };
    let tags = activity
        .tags
        .iter()
        .take(TAGS_SHOWN)
        .map(|tag| Chip {
            label: format!("#{tag}"),
            href: has_page(tag).then(|| url::encode(&url::tag(tag))),
        })
        .chain((activity.tags.len() > TAGS_SHOWN).then(|| more(activity.tags.len())))
        .collect();
    let outcomes = activity
        .outcomes
        .iter()
        .take(TAGS_SHOWN)
        .map(|id| Chip {
            label: titles
                .get(id.as_str())
                .map_or(id.as_str(), |t| t)
                .to_owned(),
            href: Some(url::encode(&url::outcome(id))),
        })
        .chain((activity.outcomes.len() > TAGS_SHOWN).then(|| more(activity.outcomes.len())))
        .collect();
    Row {
        date,
        words: match activity.words.char_indices().nth(TEXT_SHOWN) {
            Some((cut, _)) => format!("{}…", &activity.words[..cut]),
            None => activity.words.clone(),
        },
        status: activity.status,
        tags,
        category: activity.category.clone(),
        slug: slug(&activity.category),
        kind: activity.kind,
        minutes: activity.minutes,
        outcomes,
        leverage_hours: activity.leverage_hours,
        source: format!("{}:{}", activity.file, activity.line),
        day,
    }
}

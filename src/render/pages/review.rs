//! The cadence reviews on the period pages (DOMAIN.md): the outcomes moved in
//! a period, with the activities that fed each on a month's page (the
//! outputs-to-outcomes review), and the quarter's strategy review
//! (compounding share per month; outcomes achieved, neglected and dropped;
//! systems built and what they paid back). The figures are `crate::review`'s.

use serde::Serialize;

use super::{Link, href};
use crate::parse::front_matter::Direction;
use crate::period::{Kind, Period};
use crate::render::site::Site;
use crate::render::url;
use crate::report::PeriodRow;
use crate::review::Standing;
use crate::view::Row;

/// How many of the activities that fed an outcome a month's page lists
/// (the rest are counted, and are on the outcome's page).
pub(super) const FED_SHOWN: usize = 8;

/// An outcome moved in a period, for reading.
#[derive(Serialize)]
pub(super) struct MovedView {
    pub(super) title: String,
    pub(super) href: String,
    /// Minutes of the linked work in the period.
    pub(super) minutes: u64,
    /// The metric's movement (5.0, shown `+5 leads`), or none without two
    /// check-ins to compare.
    pub(super) shift: Option<f64>,
    /// Words, not a figure: `1.43 leads per hour over 3.5 h`, or `too few
    /// hours (1.5 h)`.
    pub(super) per_hour: Option<String>,
    pub(super) checkins: usize,
    /// The latest check-in's value (7.0, shown `7 leads`).
    pub(super) latest: Option<f64>,
    /// The metric's unit (`leads`), none when it has none.
    pub(super) unit: Option<String>,
    /// The first activities that fed it (a month's page only).
    pub(super) fed: Vec<Row>,
    /// How many more fed it.
    pub(super) more: usize,
}

/// The quarter's strategy review.
#[derive(Serialize)]
pub(super) struct StrategyView {
    pub(super) months: Vec<MonthView>,
    pub(super) achieved: Vec<Dated>,
    pub(super) neglected: Vec<Link>,
    pub(super) dropped: Vec<Dated>,
    pub(super) systems: Vec<SystemView>,
}

#[derive(Serialize)]
pub(super) struct MonthView {
    pub(super) label: String,
    pub(super) href: Option<String>,
    pub(super) minutes: u64,
    pub(super) compounding: Option<f64>,
    pub(super) alignment: Option<f64>,
}

#[derive(Serialize)]
pub(super) struct Dated {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) date: String,
    pub(super) day_href: Option<String>,
    /// Why it counts: "target reached" or "marked achieved".
    pub(super) how: &'static str,
}

#[derive(Serialize)]
pub(super) struct SystemView {
    pub(super) activity: Row,
    /// The claimed rate: `45m/week`.
    /// The claim: `saves_minutes` per `per` ("week", "30 days").
    pub(super) saves_minutes: u32,
    pub(super) per: String,
    /// Minutes it has given back by the as-of date (SPEC 6 accrual).
    pub(super) accrued_minutes: u64,
    pub(super) payback: Option<f64>,
    /// SPEC 6b, as a short phrase: "measured 1 h 24 min/week".
    pub(super) verified: Option<String>,
}

impl Site<'_> {
    /// Issue 14 item 3: every outcome with linked work or a check-in in the
    /// period, its shift there with its unit, the shift per hour and the
    /// hours behind it; and the first `fed` activities that fed it.
    pub(super) fn moved_views(&self, row: &PeriodRow, depth: usize, fed: usize) -> Vec<MovedView> {
        row.moved
            .iter()
            .map(|moved| {
                let outcome = &self.report.outcomes[moved.outcome];
                let unit = outcome.unit.as_deref();
                MovedView {
                    title: outcome.title.clone(),
                    href: href(depth, &url::outcome(&outcome.id)),
                    minutes: moved.minutes,
                    // The metric's own movement (a fall of a `down` outcome
                    // reads −5 days), as the terminal and outcome pages say it;
                    // the per-hour sentence says which way is progress.
                    shift: moved.shift.map(|shift| match moved.direction {
                        Direction::Up => shift,
                        Direction::Down => -shift,
                    }),
                    per_hour: crate::format::per_hour(
                        moved.per_hour,
                        moved.minutes,
                        unit,
                        moved.direction,
                    ),
                    checkins: moved.checkins,
                    latest: moved.latest,
                    unit: unit
                        .map(str::trim)
                        .filter(|u| !u.is_empty())
                        .map(str::to_owned),
                    fed: self
                        .activities(moved.fed.iter().take(fed).copied())
                        .into_iter()
                        .cloned()
                        .collect(),
                    more: moved.fed.len().saturating_sub(fed),
                }
            })
            .collect()
    }

    /// Issue 14 item 1: the strategy review of a quarter (`row`'s).
    pub(super) fn strategy(&self, row: &PeriodRow, depth: usize) -> StrategyView {
        let quarter = row.id;
        let months = (0..3)
            .filter_map(|offset| {
                let start = quarter
                    .start
                    .checked_add(jiff::Span::new().months(offset))
                    .ok()?;
                let month = Period::containing(Kind::Month, start);
                let row = self.row(month);
                Some(MonthView {
                    label: month.start.strftime("%B").to_string(),
                    href: row.map(|_| href(depth, &url::period(month))),
                    minutes: row.map_or(0, |r| r.minutes),
                    compounding: row.and_then(|r| r.compounding_share),
                    alignment: row.and_then(|r| r.alignment),
                })
            })
            .filter(|month| month.href.is_some())
            .collect();
        let (mut achieved, mut neglected, mut dropped) = (Vec::new(), Vec::new(), Vec::new());
        for &(index, standing) in &row.standings {
            let outcome = &self.report.outcomes[index];
            let link = Link {
                label: outcome.title.clone(),
                href: href(depth, &url::outcome(&outcome.id)),
            };
            let dated = |date: jiff::civil::Date, how| Dated {
                title: link.label.clone(),
                href: link.href.clone(),
                date: date.strftime("%-d %b").to_string(),
                day_href: self
                    .daily_notes
                    .contains_key(&date)
                    .then(|| href(depth, &url::day(date))),
                how,
            };
            match standing {
                Standing::Achieved(date) => {
                    let how = if outcome.reached == Some(date) {
                        "target reached"
                    } else {
                        "marked achieved"
                    };
                    achieved.push(dated(date, how));
                }
                Standing::Dropped(date) => dropped.push(dated(date, "last seen")),
                Standing::Neglected => neglected.push(link),
            }
        }
        // Systems built in the quarter (done `saves::` items) and what each
        // has paid back by the as-of date (SPEC 6 accrual, SPEC 6b verified).
        let range = self.range(quarter.start, quarter.end());
        let systems = range
            .filter(|&i| self.report.activities[i].is_done())
            .filter_map(|i| {
                let row = &self.report.activities[i];
                let saves = row.saves.as_ref()?;
                Some(SystemView {
                    activity: self.rows[i].clone(),
                    saves_minutes: saves.minutes,
                    per: super::period_name(saves.per_days),
                    accrued_minutes: saves.accrued_minutes,
                    payback: saves.payback,
                    verified: saves.verified.as_ref().map(|v| {
                        use crate::opportunity::{Status, spoken};
                        match (v.status, v.measured_minutes_per_week) {
                            (Status::Measured, Some(m)) => format!("measured {}/week", spoken(m)),
                            (Status::TooEarly, _) => "too early to measure".to_owned(),
                            _ => "unverifiable".to_owned(),
                        }
                    }),
                })
            })
            .collect();
        StrategyView {
            months,
            achieved,
            neglected,
            dropped,
            systems,
        }
    }
}

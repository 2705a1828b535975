//! The systems page, the compounding ledger: what each `saves::` item has
//! reclaimed as claimed, its payback, and its claim against the log (SPEC 6b).

use serde_json::{Value, json};
use tera::Context;

use super::{href, period_name};
use crate::period::days_between;
use crate::render::site::Site;
use crate::render::{compounding, url};

/// The systems page draws the before/after chart of this many systems, the
/// latest built: years of `saves::` items would otherwise make it a page of
/// hundreds of charts (1.7 MB at ten years). The table lists every one.
const CHARTS_SHOWN: usize = 24;

impl Site<'_> {
    pub(crate) fn systems(&self) -> Context {
        // Positions of the systems that can be drawn (done, with a target),
        // in date order: the last CHARTS_SHOWN get a chart.
        let drawable: Vec<usize> = self
            .report
            .activities
            .iter()
            .enumerate()
            .filter(|(_, row)| {
                // Only a done system is verified.
                row.saves
                    .as_ref()
                    .and_then(|saves| saves.verified.as_ref())
                    .is_some_and(|v| v.target.is_some())
            })
            .map(|(i, _)| i)
            .collect();
        let first_charted = drawable
            .len()
            .checked_sub(CHARTS_SHOWN)
            .map_or(0, |skip| drawable[skip]);
        let systems: Vec<Value> = self
            .report
            .activities
            .iter()
            .enumerate()
            .filter_map(|(i, row)| {
                let saves = row.saves.as_ref()?;
                if !row.is_done() {
                    return None;
                }
                Some(json!({
                    "activity": self.rows[i],
                    // The claim: `saves_minutes` per `per` ("week", "30 days").
                    "saves_minutes": saves.minutes,
                    "per": period_name(saves.per_days),
                    "accrued_minutes": saves.accrued_minutes,
                    "payback": saves.payback,
                    "age_days": self.report.as_of.map(|as_of| days_between(row.date, as_of)),
                    "verified": saves.verified.as_ref().map(|v| compounding::ledger(v, |tag| self.tag_href(0, tag), i >= first_charted)),
                }))
            })
            .collect();
        let invested: u64 = self
            .report
            .activities
            .iter()
            .filter(|r| r.saves.is_some() && r.status == "done")
            .map(|r| u64::from(r.minutes.unwrap_or(0)))
            .sum();
        let reclaimed: u64 = self
            .report
            .activities
            .iter()
            .filter_map(|r| r.saves.as_ref())
            .map(|s| s.accrued_minutes)
            .sum();
        page! {
            "page_title": "Systems",
            "systems": systems,
            "charted": drawable.len().min(CHARTS_SHOWN),
            "drawable": drawable.len(),
            "invested_minutes": invested,
            "reclaimed_minutes": reclaimed,
            "unverifiable": self
                .report
                .activities
                .iter()
                .filter_map(|row| row.saves.as_ref()?.verified.as_ref())
                .filter(|v| v.status == crate::opportunity::Status::Unverifiable)
                .count(),
            "ratio": (invested > 0).then(|| reclaimed as f64 / invested as f64),
        }
    }

    /// A tag's page from a page `depth` folders deep, when the site has one.
    pub(super) fn tag_href(&self, depth: usize, tag: &str) -> Option<String> {
        self.tag_pages
            .contains(tag)
            .then(|| href(depth, &url::tag(tag)))
    }
}

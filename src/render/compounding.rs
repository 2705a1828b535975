//! The site's view of SPEC 6b: the dashboard's "Opportunities" card and the
//! systems page's compounding ledger, with their two small inline SVG charts
//! (a bar strip of an opportunity's 12 weeks, and a system's weeks before and
//! after it). Plain data in, JSON for the templates and SVG strings out;
//! every string from a note is escaped here or by Tera.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::opportunity::{self, Opportunity, Status, Verification, WeekMinutes};
use crate::render::charts::escape;

/// How many opportunities the dashboard shows.
const ON_THE_DASHBOARD: usize = 3;

/// The dashboard card: the top three opportunities, each with its strip.
/// `tag_href` gives a tag's page, relative to the dashboard.
pub(crate) fn card(
    opportunities: &[Opportunity],
    tag_href: impl Fn(&str) -> Option<String>,
) -> Value {
    opportunities
        .iter()
        .take(ON_THE_DASHBOARD)
        .map(|o| {
            json!({
                "tag": format!("#{}", o.tag),
                "href": tag_href(&o.tag),
                // Words as the terminal says them ("1 h 24 min").
                "per_week": opportunity::spoken(o.minutes_per_week as i64),
                "weeks": o.weeks,
                "payback_weeks": o.payback_weeks,
                "strip": strip(&o.tag, &o.per_week),
            })
        })
        .collect()
}

/// The ledger's part of a system's row: claimed and measured side by side,
/// the sentence, and the before/after chart (none without a target).
pub(crate) fn ledger(
    verification: &Verification,
    tag_href: impl Fn(&str) -> Option<String>,
    with_chart: bool,
) -> Value {
    // Words, as `opportunities` and the sentence say them ("1 h 24 min/week").
    let per_week = |minutes: i64| format!("{}/week", opportunity::spoken(minutes));
    json!({
        "status": verification.status.as_str(),
        "status_label": match verification.status {
            Status::Measured => "measured",
            Status::TooEarly => "too early",
            Status::Unverifiable => "unverifiable",
        },
        "target": verification.target.as_ref().map(|t| format!("#{t}")),
        "target_href": verification.target.as_deref().and_then(tag_href),
        "claimed": per_week(verification.claimed_minutes_per_week as i64),
        "measured": verification.measured_minutes_per_week.map(per_week),
        "holds": verification
            .measured_minutes_per_week
            .map(|m| m >= verification.claimed_minutes_per_week as i64),
        "sentence": opportunity::sentence(verification),
        "chart": verification
            .target
            .as_ref()
            .filter(|_| with_chart)
            .map(|target| before_after(target, verification)),
    })
}

/// `W45` of `2026-W45`.
fn short(week: &WeekMinutes) -> String {
    let id = week.week.to_string();
    id.split_once('-').map_or(id.clone(), |(_, w)| w.to_owned())
}

fn hours(minutes: u64) -> String {
    opportunity::spoken(minutes as i64)
}

/// One decimal, no trailing `.0`: SVG coordinates that never vary by platform.
fn num(value: f64) -> String {
    let value = (value * 10.0).round() / 10.0;
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

fn open(kind: &str, (width, height): (f64, f64), title: &str, desc: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="viz viz-{kind}" role="img" viewBox="0 0 {} {}" width="100%" font-size="12"><title>{}</title><desc>{}</desc>"#,
        num(width),
        num(height),
        escape(title),
        escape(desc)
    )
}

fn bar(out: &mut String, class: &str, (x, y, w, h): (f64, f64, f64, f64), tip: &str) {
    let _ = write!(
        out,
        r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>"#,
        num(x),
        num(y),
        num(w),
        num(h.max(0.0)),
        escape(tip)
    );
}

/// An opportunity's minutes in each week of the window, as a strip of 12 bars
/// scaled to its busiest week.
fn strip(tag: &str, weeks: &[WeekMinutes]) -> String {
    const SLOT: f64 = 8.0;
    const HEIGHT: f64 = 24.0;
    let desc = weeks
        .iter()
        .map(|w| format!("{}: {}", w.week, hours(w.minutes)))
        .collect::<Vec<_>>()
        .join(", ");
    let title = format!("#{tag}, time per week over the last {} weeks", weeks.len());
    let width = SLOT * weeks.len() as f64;
    let mut out = open("strip", (width, HEIGHT), &title, &desc);
    let max = weeks.iter().map(|w| w.minutes).max().unwrap_or(0).max(1) as f64;
    let _ = write!(
        out,
        r#"<line class="axis" x1="0" y1="{h}" x2="{}" y2="{h}"/>"#,
        num(width),
        h = num(HEIGHT - 0.5)
    );
    for (i, week) in weeks.iter().enumerate() {
        let height = week.minutes as f64 / max * (HEIGHT - 2.0);
        bar(
            &mut out,
            "bar",
            (
                i as f64 * SLOT + 1.0,
                HEIGHT - 1.0 - height,
                SLOT - 2.0,
                height,
            ),
            &format!("{}: {}", week.week, hours(week.minutes)),
        );
    }
    out.push_str("</svg>");
    out
}

/// A system's target tag, week by week: the 8 weeks before its week, a gap
/// for the week it was built, the whole weeks after; the mean of each side
/// as a line, and the claim as a dashed line under the mean before.
///
/// 360 units wide like the other charts, so that its 12-unit text stays at
/// 11 px or more on a 390 px phone (issue 14); every other week is labelled.
fn before_after(target: &str, verification: &Verification) -> String {
    const WIDTH: f64 = 360.0;
    const HEIGHT: f64 = 170.0;
    const TOP: f64 = 20.0;
    const BOTTOM: f64 = 24.0;
    const LEFT: f64 = 4.0;
    const SLOTS: usize = opportunity::BEFORE_WEEKS + 1 + opportunity::AFTER_WEEKS;

    let before = &verification.before_weeks;
    let after = &verification.after_weeks;
    let list = |weeks: &[WeekMinutes]| {
        weeks
            .iter()
            .map(|w| format!("{} {}", w.week, hours(w.minutes)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let desc = format!(
        "Before: {}. After: {}. {}.",
        if before.is_empty() {
            "none".to_owned()
        } else {
            list(before)
        },
        if after.is_empty() {
            "none yet".to_owned()
        } else {
            list(after)
        },
        opportunity::sentence(verification)
    );
    let title = format!("#{target}, time per week before and after the system");
    let mut out = open("ledger", (WIDTH, HEIGHT), &title, &desc);
    let slot = (WIDTH - 2.0 * LEFT) / SLOTS as f64;
    let base = HEIGHT - BOTTOM;
    let claimed_level = verification
        .before
        .map(|b| b.saturating_sub(verification.claimed_minutes_per_week));
    let max = before
        .iter()
        .chain(after)
        .map(|w| w.minutes)
        .chain(verification.before)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let y = |minutes: u64| base - minutes as f64 / max * (base - TOP);
    let x = |index: usize| LEFT + slot * index as f64;
    let _ = write!(
        out,
        r#"<line class="axis" x1="{}" y1="{b}" x2="{}" y2="{b}"/>"#,
        num(LEFT),
        num(WIDTH - LEFT),
        b = num(base)
    );
    let mut draw = |weeks: &[WeekMinutes], first_slot: usize, class: &str| {
        for (i, week) in weeks.iter().enumerate() {
            let left = x(first_slot + i);
            bar(
                &mut out,
                class,
                (
                    left + slot * 0.15,
                    y(week.minutes),
                    slot * 0.7,
                    base - y(week.minutes),
                ),
                &format!("{}: {}", week.week, hours(week.minutes)),
            );
            // Slots of even index, counted from "built" in the middle:
            // neither two week labels nor a label and "built" touch.
            if (first_slot + i) % 2 == opportunity::BEFORE_WEEKS % 2 {
                let _ = write!(
                    out,
                    r#"<text class="label" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                    num(left + slot / 2.0),
                    num(base + 16.0),
                    escape(&short(week))
                );
            }
        }
    };
    draw(
        before,
        opportunity::BEFORE_WEEKS - before.len(),
        "bar before",
    );
    let after_start = opportunity::BEFORE_WEEKS + 1;
    draw(after, after_start, "bar after");
    // The week the system was built: in neither side.
    let built = x(opportunity::BEFORE_WEEKS) + slot / 2.0;
    let _ = write!(
        out,
        r#"<line class="reference" x1="{c}" y1="{}" x2="{c}" y2="{}"/><text class="label" x="{c}" y="{}" text-anchor="middle">built</text>"#,
        num(TOP - 4.0),
        num(base),
        num(base + 16.0),
        c = num(built)
    );
    // A label over its line (y - 4) or under it (y + 14), inside the plot.
    let label_y = |minutes: u64, under: bool| {
        if under {
            (y(minutes) + 14.0).min(base - 3.0)
        } else {
            (y(minutes) - 4.0).max(12.0)
        }
    };
    let level = |out: &mut String,
                 (from, to): (usize, usize),
                 minutes: u64,
                 under: bool,
                 label: &str| {
        let _ = write!(
            out,
            r#"<g class="target mean"><line x1="{}" y1="{y}" x2="{}" y2="{y}"/><text class="target" x="{}" y="{}">{}</text></g>"#,
            num(x(from)),
            num(x(to)),
            num(x(from) + 2.0),
            num(label_y(minutes, under)),
            escape(label),
            y = num(y(minutes))
        );
    };
    if let (Some(before_mean), Some(after_mean)) = (verification.before, verification.after) {
        level(
            &mut out,
            (0, opportunity::BEFORE_WEEKS),
            before_mean,
            false,
            &format!("mean {}", hours(before_mean)),
        );
        // After the system, the mean and the claimed level are labelled on
        // their outer sides (the higher line above, the lower below), so
        // the two labels never meet however close the lines are.
        let claimed_higher = claimed_level.is_some_and(|c| c > after_mean);
        level(
            &mut out,
            (after_start, after_start + after.len()),
            after_mean,
            claimed_higher,
            &format!("mean {}", hours(after_mean)),
        );
        if let Some(claimed) = claimed_level {
            let _ = write!(
                out,
                r#"<line class="reference claimed" x1="{}" y1="{y}" x2="{right}" y2="{y}"><title>{}</title></line><text class="label target" x="{}" y="{}" text-anchor="end">claimed</text>"#,
                num(x(after_start)),
                escape(&format!("what the claim would leave: {}", hours(claimed))),
                num(x(after_start + after.len()) - 2.0),
                num(label_y(claimed, !claimed_higher)),
                right = num(x(after_start + after.len())),
                y = num(y(claimed))
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::{Kind, Period};
    use jiff::civil::date;

    fn weeks(first: jiff::civil::Date, minutes: &[u64]) -> Vec<WeekMinutes> {
        let first = Period::containing(Kind::Week, first);
        minutes
            .iter()
            .scan(Some(first), |week, &minutes| {
                let this = (*week)?;
                *week = this.next();
                Some(WeekMinutes {
                    week: this,
                    minutes,
                })
            })
            .collect()
    }

    #[test]
    fn a_strip_draws_each_week_scaled_to_the_busiest() {
        let svg = strip("<b>", &weeks(date(2026, 9, 7), &[0, 60, 120]));
        assert!(
            svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" class="viz viz-strip""#)
        );
        assert!(svg.contains("<title>#&lt;b&gt;, time per week"), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 3);
        // 120 is the full height (22), 60 half of it, 0 nothing.
        assert!(
            svg.contains(r#"x="17" y="1" width="6" height="22""#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"x="9" y="12" width="6" height="11""#),
            "{svg}"
        );
        assert!(svg.contains("<title>2026-W38: 1 h</title>"), "{svg}");
    }

    #[test]
    fn the_ledger_chart_shows_both_sides_and_the_claim() {
        let verification = Verification {
            status: Status::Measured,
            target: Some("email".into()),
            claimed_minutes_per_week: 60,
            before_weeks: weeks(date(2026, 8, 10), &[135, 0, 135, 135, 135, 135, 135, 135]),
            after_weeks: weeks(date(2026, 10, 12), &[50; 7]),
            before: Some(118),
            after: Some(50),
            measured_minutes_per_week: Some(68),
        };
        let svg = before_after("email", &verification);
        assert_eq!(svg.matches(r#"class="bar before""#).count(), 8);
        assert_eq!(svg.matches(r#"class="bar after""#).count(), 7);
        assert!(svg.contains(">mean 1 h 58 min<"), "{svg}");
        assert!(svg.contains(">mean 50 min<"), "{svg}");
        assert!(svg.contains("what the claim would leave: 58 min"), "{svg}");
        assert!(svg.contains(">built<"), "{svg}");
        // Issue 14, phones: as wide as the other charts (12-unit text stays
        // over 11 px at 390 px), every other week labelled, and every label
        // inside the chart.
        assert!(svg.contains(r#"viewBox="0 0 360 170""#), "{svg}");
        assert_eq!(
            svg.matches(r#"<text class="label" x="#).count(),
            4 + 3 + 1,
            "{svg}"
        );
        for x in svg.split(r#" x=""#).skip(1) {
            let x: f64 = x[..x.find('"').unwrap()].parse().unwrap();
            assert!((0.0..=360.0).contains(&x), "{svg}");
        }
        // The claimed level (58 min) is over the mean after (50 min): its
        // label goes above its line, the mean's below, so they never meet.
        let claimed_y = |label: &str| -> f64 {
            let at = svg.find(label).unwrap();
            let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
            let y = &tag[tag.find(r#" y=""#).unwrap() + 4..];
            y[..y.find('"').unwrap()].parse().unwrap()
        };
        let line_y = |minutes: f64| 146.0 - minutes / 135.0 * 126.0;
        assert!(claimed_y(">claimed<") < line_y(58.0), "{svg}");
        assert!(claimed_y(">mean 50 min<") > line_y(50.0), "{svg}");
        let value = ledger(
            &verification,
            |tag| Some(crate::render::url::tag(tag)),
            true,
        );
        assert_eq!(value["holds"], true);
        assert_eq!(value["claimed"], "1 h/week");
        assert_eq!(value["measured"], "1 h 8 min/week");
    }
}

//! Check-ins of an outcome's metric over time, with the hours invested behind them.

use super::{
    Checkin, HUGE, WIDTH,
    scale::{
        finite, join_or_no_data, nice_ticks, num, or_zero, tick_labels, value_domain, with_unit,
    },
    svg::{
        Anchor, Frame, Mark, close, dot, empty, fit_anchor, hline, legend, open, rect, text,
        text_width, widest, y_grid,
    },
};
use crate::period::days_between;
use jiff::civil::Date;
use std::fmt::Write as _;

/// Step/line chart of check-in values over time with cumulative hours invested as bars behind it:
/// x = dates (ISO strings) on a time axis, left y = metric value, right y = hours,
/// a dashed horizontal `target` line when given, labelled.
///
/// The x axis runs from the first to the last date of either list, each
/// placed in proportion to its date (a month between two check-ins looks
/// longer than a day), with round date ticks (days, weeks or months, as
/// the span needs); a date that is not `YYYY-MM-DD` is left off the drawing
/// (it stays in the `<desc>`). The value holds from one check-in to the next (a step after each); the first
/// and last check-ins are labelled with `unit`. The left scale starts at zero
/// unless the values sit far above it, so that a real shift is not flattened.
#[must_use]
pub fn checkins(
    title: &str,
    checkins: &[Checkin<'_>],
    hours: &[(&str, f64)],
    target: Option<f64>,
    unit: &str,
) -> String {
    const HEIGHT: f64 = 240.0;
    const BOTTOM: f64 = 24.0;

    let mut points: Vec<(&str, f64)> = checkins
        .iter()
        .filter_map(|c| finite(c.value).map(|v| (c.date, v)))
        .collect();
    points.sort_by(|a, b| a.0.cmp(b.0));
    let hours: Vec<(&str, f64)> = hours.iter().map(|&(date, h)| (date, or_zero(h))).collect();
    let target = target.and_then(finite);
    let desc = checkins_desc(&points, &hours, target, unit);
    // Day numbers from the first date: the time axis.
    let parsed = |date: &str| date.parse::<Date>().ok();
    let points: Vec<(&str, f64)> = points
        .into_iter()
        .filter(|p| parsed(p.0).is_some())
        .collect();
    let hours: Vec<(&str, f64)> = hours
        .into_iter()
        .filter(|h| parsed(h.0).is_some())
        .collect();
    let Some((first, last)) = points
        .iter()
        .map(|p| p.0)
        .chain(hours.iter().map(|h| h.0))
        .filter_map(parsed)
        .fold(None, |span: Option<(Date, Date)>, d| {
            Some(span.map_or((d, d), |(a, b)| (a.min(d), b.max(d))))
        })
    else {
        return empty("checkins", title, &desc, "no check-ins yet");
    };
    let day_of = |date: &str| parsed(date).map_or(0, |d| days_between(first, d));
    let span_days = days_between(first, last);

    let (lo, hi) = value_domain(points.iter().map(|p| p.1).chain(target));
    let ticks = nice_ticks(lo, hi);
    let (lo, hi) = (ticks[0], ticks[ticks.len() - 1]);
    let value_labels = tick_labels(&ticks);
    let hours_max = hours.iter().fold(0.0_f64, |m, h| m.max(h.1.min(HUGE)));
    let hour_ticks = if hours_max > 0.0 {
        nice_ticks(0.0, hours_max)
    } else {
        Vec::new()
    };
    let hours_top = hour_ticks.last().copied().unwrap_or(1.0);
    let hour_labels: Vec<String> = tick_labels(&hour_ticks)
        .into_iter()
        .map(|t| format!("{t} h"))
        .collect();

    let mut items = vec![
        (
            Mark::Line("line series-0".to_owned()),
            "check-ins".to_owned(),
        ),
        (
            Mark::Swatch("bar hours".to_owned()),
            "hours invested (cumulative)".to_owned(),
        ),
    ];
    if !unit.is_empty() {
        items[0].1 = format!("check-ins ({unit})");
    }
    if target.is_some() {
        items.push((Mark::Line("target".to_owned()), "target".to_owned()));
    }
    let (legend_out, legend_h) = legend(&items);
    let frame = Frame {
        left: widest(value_labels.iter().map(String::as_str)) + 10.0,
        right: WIDTH - widest(hour_labels.iter().map(String::as_str)) - 10.0,
        top: legend_h + 14.0,
        bottom: HEIGHT - BOTTOM,
    };

    let mut out = open("checkins", WIDTH, HEIGHT, title, &desc);
    out.push_str(&legend_out);
    // Bars as wide as the closest two dates allow (2 to 12 units), and the
    // dates inset by half a bar, so the bars at either end stay inside.
    let mut days: Vec<i64> = hours.iter().map(|h| day_of(h.0)).collect();
    days.sort_unstable();
    days.dedup();
    let per_day = (frame.right - frame.left - 16.0) / span_days.max(1) as f64;
    let closest = days
        .windows(2)
        .map(|w| (w[1] - w[0]) as f64 * per_day)
        .fold(f64::INFINITY, f64::min);
    let bar_w = (closest * 0.7).clamp(2.0, 12.0);
    let inner = Frame {
        left: frame.left + bar_w / 2.0 + 2.0,
        right: frame.right - bar_w / 2.0 - 2.0,
        ..frame
    };
    let x_at = |day: i64| time_x(inner, day, span_days);
    let x_of = |date: &str| x_at(day_of(date));

    // Bars first, so the grid and the line are drawn over them.
    if !hour_ticks.is_empty() {
        let bars: Vec<(f64, f64, String)> = hours
            .iter()
            .map(|&(date, h)| {
                let tip = format!("{date}: {} invested", with_unit(h, "h"));
                (x_of(date), frame.y(h.clamp(0.0, HUGE), 0.0, hours_top), tip)
            })
            .collect();
        let axis: Vec<(f64, &str)> = hour_ticks
            .iter()
            .zip(&hour_labels)
            .map(|(&t, label)| (frame.y(t, 0.0, hours_top), label.as_str()))
            .collect();
        hour_bars(&mut out, frame, bar_w, &bars, &axis);
    }
    let rows: Vec<(f64, &str)> = ticks
        .iter()
        .zip(&value_labels)
        .map(|(&t, label)| (frame.y(t, lo, hi), label.as_str()))
        .collect();
    y_grid(&mut out, frame, &rows);
    date_ticks(&mut out, first, span_days, &x_at, frame.bottom + 16.0);

    if let Some(t) = target {
        let label = format!("target {}", with_unit(t, unit));
        target_line(&mut out, frame, frame.y(t, lo, hi), &label);
    }
    checkin_line(&mut out, frame, &points, (lo, hi), &x_of, unit);
    close(out)
}

/// The x of the day `day` of `span` days (0 = the first) in `frame`; a
/// single day sits in the middle.
pub(super) fn time_x(frame: Frame, day: i64, span: i64) -> f64 {
    if span <= 0 {
        return f64::midpoint(frame.left, frame.right);
    }
    frame.left + (frame.right - frame.left) * day.clamp(0, span) as f64 / span as f64
}

/// Date ticks under a time axis from `first` over `span` days: every day, 2
/// days, week (Mondays), 2 weeks, or month, 2, 3, 6 or 12 months (the 1st),
/// the finest step that gives at most six; labelled "9 Nov" for day steps,
/// "Nov" for month steps ("Jan 2027" at a new year, and the year on the
/// first). A label that would touch the one before is left out.
pub(super) fn date_ticks(
    out: &mut String,
    first: Date,
    span: i64,
    x_at: &dyn Fn(i64) -> f64,
    y: f64,
) {
    const MAX_TICKS: i64 = 6;
    let last = first
        .checked_add(jiff::Span::new().days(span))
        .unwrap_or(first);
    let mut ticks: Vec<(Date, String)> = Vec::new();
    if let Some(step) = [1, 2, 7, 14].into_iter().find(|s| span / s < MAX_TICKS) {
        // Weeks start on Mondays; days count from the first date.
        let mut day = if step >= 7 {
            let back = i64::from(first.weekday().to_monday_zero_offset());
            first
                .checked_add(jiff::Span::new().days((7 - back) % 7))
                .unwrap_or(first)
        } else {
            first
        };
        while day <= last {
            let label = format!("{} {}", day.day(), day.strftime("%b"));
            ticks.push((day, label));
            match day.checked_add(jiff::Span::new().days(step)) {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
    } else {
        let months = span / 30;
        let step = [1, 2, 3, 6, 12]
            .into_iter()
            .find(|s| months / s < MAX_TICKS)
            .unwrap_or(12);
        let mut month = first.first_of_month();
        if month < first {
            month = month
                .checked_add(jiff::Span::new().months(1))
                .unwrap_or(last);
        }
        while month <= last {
            if i64::from(month.month() - 1) % step == 0 {
                let label = if month.month() == 1 || ticks.is_empty() {
                    month.strftime("%b %Y").to_string()
                } else {
                    month.strftime("%b").to_string()
                };
                ticks.push((month, label));
            }
            match month.checked_add(jiff::Span::new().months(1)) {
                Ok(next) => month = next,
                Err(_) => break,
            }
        }
    }
    if ticks.is_empty() {
        ticks.push((first, first.strftime("%-d %b %Y").to_string()));
    }
    out.push_str(r#"<g class="label">"#);
    let mut right_of_last = f64::NEG_INFINITY;
    for (day, label) in ticks {
        let w = text_width(&label);
        let (x, anchor) = fit_anchor(x_at(days_between(first, day)), w, 0.0, WIDTH);
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        if left >= right_of_last + 8.0 {
            text(out, (x, y), "", anchor, &label);
            right_of_last = left + w;
        }
    }
    out.push_str("</g>");
}

/// A dashed target line across the frame at `y`, labelled at its right end.
pub(super) fn target_line(out: &mut String, frame: Frame, y: f64, label: &str) {
    out.push_str(r#"<g class="target">"#);
    hline(out, frame, y);
    out.push_str("</g>");
    let at = (frame.right - 2.0, y - 5.0);
    text(out, at, "label target", Anchor::End, label);
}

/// Hours bars (centre x, top y, tooltip) of width `w`, and their axis on the right.
pub(super) fn hour_bars(
    out: &mut String,
    frame: Frame,
    w: f64,
    bars: &[(f64, f64, String)],
    axis: &[(f64, &str)],
) {
    out.push_str(r#"<g class="bar hours">"#);
    for (x, top, tip) in bars {
        rect(
            out,
            "",
            (x - w / 2.0, *top, w, frame.bottom - top),
            Some(tip),
        );
    }
    out.push_str("</g>");
    out.push_str(r#"<g class="label hours">"#);
    for &(y, label) in axis {
        text(out, (frame.right + 6.0, y + 4.0), "", Anchor::Start, label);
    }
    out.push_str("</g>");
}

/// The step line of the check-ins, its dots, and labels on the first and last.
pub(super) fn checkin_line(
    out: &mut String,
    frame: Frame,
    points: &[(&str, f64)],
    (lo, hi): (f64, f64),
    x_of: &dyn Fn(&str) -> f64,
    unit: &str,
) {
    let Some(&(_, first_value)) = points.first() else {
        return;
    };
    let coords: Vec<(f64, f64)> = points
        .iter()
        .map(|&(date, v)| (x_of(date), frame.y(v, lo, hi)))
        .collect();
    if coords.len() > 1 {
        let mut d = format!("M{} {}", num(coords[0].0, 1), num(coords[0].1, 1));
        for &(x, y) in &coords[1..] {
            put!(d, "H{}V{}", num(x, 1), num(y, 1));
        }
        put!(out, r#"<path class="line series-0" fill="none" d="{d}"/>"#);
    }
    out.push_str(r#"<g class="dots series-0">"#);
    for (&(date, v), &point) in points.iter().zip(&coords) {
        let tip = format!("{date}: {}", with_unit(v, unit));
        dot(out, point, 3.0, Some(&tip));
    }
    out.push_str("</g>");
    let mut labelled = vec![(coords[0], first_value)];
    if let (true, Some(&(_, last_value)), Some(&last)) =
        (coords.len() > 1, points.last(), coords.last())
    {
        labelled.push((last, last_value));
    }
    for ((x, y), v) in labelled {
        let label = with_unit(v, unit);
        let (x, anchor) = fit_anchor(x, text_width(&label), frame.left, frame.right);
        text(out, (x, y - 8.0), "value series-0", anchor, &label);
    }
}

pub(super) fn checkins_desc(
    points: &[(&str, f64)],
    hours: &[(&str, f64)],
    target: Option<f64>,
    unit: &str,
) -> String {
    let mut parts = Vec::new();
    if !points.is_empty() {
        let list: Vec<String> = points
            .iter()
            .map(|(date, v)| format!("{date}: {}", with_unit(*v, unit)))
            .collect();
        parts.push(format!("Check-ins — {}", list.join(", ")));
    }
    if let Some(t) = target {
        parts.push(format!("Target — {}", with_unit(t, unit)));
    }
    if !hours.is_empty() {
        let list: Vec<String> = hours
            .iter()
            .map(|(date, h)| format!("{date}: {}", with_unit(*h, "h")))
            .collect();
        parts.push(format!("Hours invested (cumulative) — {}", list.join(", ")));
    }
    join_or_no_data(parts.into_iter(), ". ")
}

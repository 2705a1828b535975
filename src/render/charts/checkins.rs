//! Check-ins of an outcome's metric over time, with the hours invested behind them.

use super::{
    Checkin, HUGE, WIDTH,
    scale::{
        finite, join_or_no_data, nice_ticks, num, or_zero, tick_labels, value_domain, with_unit,
    },
    svg::{
        Anchor, Frame, Mark, close, dot, empty, fit_anchor, hline, legend, open, rect, text,
        text_width, widest, x_labels, y_grid,
    },
};
use std::fmt::Write as _;

/// Step/line chart of check-in values over time with cumulative hours invested as bars behind it:
/// x = dates (ISO strings, evenly spaced by index is fine), left y = metric value, right y = hours,
/// a dashed horizontal `target` line when given, labelled.
///
/// The x axis is every date of either list, sorted and evenly spaced. The
/// value holds from one check-in to the next (a step after each); the first
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
    let mut dates: Vec<&str> = points
        .iter()
        .map(|p| p.0)
        .chain(hours.iter().map(|h| h.0))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    if dates.is_empty() {
        return empty("checkins", title, &desc, "no check-ins yet");
    }

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
    let n = dates.len();
    // Dates are inset by half a bar, so the bars at either end stay inside.
    let bar_w = (frame.slot(n) * 0.6).min(24.0);
    let inner = Frame {
        left: frame.left + bar_w / 2.0 + 2.0,
        right: frame.right - bar_w / 2.0 - 2.0,
        ..frame
    };
    let x_of = |date: &str| inner.x(dates.binary_search(&date).unwrap_or(0), n);

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
    let xs: Vec<f64> = (0..n).map(|i| inner.x(i, n)).collect();
    x_labels(&mut out, &xs, &dates, inner.slot(n), frame.bottom + 16.0, 8);

    if let Some(t) = target {
        let label = format!("target {}", with_unit(t, unit));
        target_line(&mut out, frame, frame.y(t, lo, hi), &label);
    }
    checkin_line(&mut out, frame, &points, (lo, hi), &x_of, unit);
    close(out)
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

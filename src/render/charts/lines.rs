//! Line charts over weeks: the leverage index and the compounding share.

use super::{
    Series, WIDTH,
    scale::{finite, join_or_no_data},
    svg::{
        Anchor, Frame, Mark, close, dot, empty, legend, open, polyline, spread, text, widest,
        x_labels, y_grid,
    },
};
use std::fmt::Write as _;

/// Line chart with 1 or 2 series sharing the x labels (take them from the first series), y from 0 to `y_max`
/// (e.g. 100 for the index, 1.0 for shares) with 3-5 horizontal grid lines labelled with `y_format`
/// (a fn turning a value into a short label, e.g. |v| format!("{:.0} %", v*100.0)), a dot at every point,
/// the last point's value labelled, a legend naming each series (when 2). Gaps (None) break the line.
/// Thin x labels when there are many points (show at most ~12).
///
/// The grid has five lines (0, ¼, ½, ¾ and all of `y_max`); when a value
/// exceeds `y_max` the scale grows to it rather than clipping, and negative
/// values are drawn at 0. More than two series are drawn too (`series-2`, ...).
#[must_use]
pub fn lines(
    title: &str,
    series: &[Series<'_>],
    y_max: f64,
    y_format: fn(f64) -> String,
) -> String {
    const HEIGHT: f64 = 220.0;
    const BOTTOM: f64 = 24.0;

    let labels: Vec<&str> = series
        .first()
        .map(|s| s.points.iter().map(|p| p.0).collect())
        .unwrap_or_default();
    let n = labels.len();
    let values: Vec<Vec<Option<f64>>> = series
        .iter()
        .map(|s| {
            (0..n)
                .map(|i| s.points.get(i).and_then(|p| p.1).and_then(finite))
                .collect()
        })
        .collect();
    let desc = lines_desc(series, &labels, &values, y_format);
    if !values.iter().flatten().any(Option::is_some) {
        return empty("lines", title, &desc, "no data");
    }

    let top_value = scale_top(y_max, values.iter().flatten().flatten().copied());
    let ticks: Vec<(f64, String)> = (0..=4)
        .map(|k| {
            let v = top_value * f64::from(k) / 4.0;
            (v, y_format(v))
        })
        .collect();
    let lasts: Vec<Option<(usize, f64, String)>> = values
        .iter()
        .map(|vs| {
            let i = vs.iter().rposition(Option::is_some)?;
            let v = vs[i]?;
            Some((i, v, y_format(v)))
        })
        .collect();

    let legend_items: Vec<(Mark, &str)> = series
        .iter()
        .enumerate()
        .map(|(i, s)| (Mark::Line(format!("line series-{i}")), s.name))
        .collect();
    let (legend_out, legend_h) = if series.len() > 1 {
        legend(&legend_items)
    } else {
        (String::new(), 0.0)
    };
    let frame = Frame {
        left: widest(ticks.iter().map(|t| t.1.as_str())) + 10.0,
        right: WIDTH - widest(lasts.iter().flatten().map(|l| l.2.as_str())) - 12.0,
        top: legend_h + 10.0,
        bottom: HEIGHT - BOTTOM,
    };

    let mut out = open("lines", WIDTH, HEIGHT, title, &desc);
    out.push_str(&legend_out);
    let rows: Vec<(f64, &str)> = ticks
        .iter()
        .map(|(v, label)| (frame.y(*v, 0.0, top_value), label.as_str()))
        .collect();
    y_grid(&mut out, frame, &rows);
    let xs: Vec<f64> = (0..n).map(|i| frame.x(i, n)).collect();
    x_labels(
        &mut out,
        &xs,
        &labels,
        frame.slot(n),
        frame.bottom + 16.0,
        12,
    );

    let mut label_ys: Vec<Option<f64>> = lasts
        .iter()
        .map(|l| {
            l.as_ref()
                .map(|&(_, v, _)| frame.y(v, 0.0, top_value) + 4.0)
        })
        .collect();
    spread(&mut label_ys, 13.0);
    for (k, vs) in values.iter().enumerate() {
        let points: Vec<Option<(f64, f64, String)>> = vs
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.map(|v| {
                    let tip = format!("{}: {}", labels[i], y_format(v));
                    (xs[i], frame.y(v, 0.0, top_value), tip)
                })
            })
            .collect();
        let last = match (&lasts[k], label_ys[k]) {
            (Some((i, _, label)), Some(y)) => Some((xs[*i] + 6.0, y, label.as_str())),
            _ => None,
        };
        draw_series(&mut out, k, &points, last);
    }
    close(out)
}

/// The top of a scale from 0: `y_max`, or the largest value when it is larger
/// (or when `y_max` is not a positive number), and never 0.
pub(super) fn scale_top(y_max: f64, values: impl Iterator<Item = f64>) -> f64 {
    let data_max = values.fold(0.0_f64, f64::max);
    if y_max.is_finite() && y_max > 0.0 {
        y_max.max(data_max)
    } else if data_max > 0.0 {
        data_max
    } else {
        1.0
    }
}

/// Series `k`: its line, broken at gaps, a dot with a tooltip at every point
/// (x, y, tooltip), and its label (x, y, text) by the last point.
pub(super) fn draw_series(
    out: &mut String,
    k: usize,
    points: &[Option<(f64, f64, String)>],
    last: Option<(f64, f64, &str)>,
) {
    let line: Vec<Option<(f64, f64)>> = points
        .iter()
        .map(|p| p.as_ref().map(|&(x, y, _)| (x, y)))
        .collect();
    polyline(out, &format!("line series-{k}"), &line);
    put!(out, r#"<g class="dots series-{k}">"#);
    for (x, y, tip) in points.iter().flatten() {
        dot(out, (*x, *y), 2.5, Some(tip));
    }
    out.push_str("</g>");
    if let Some((x, y, label)) = last {
        let class = format!("value series-{k}");
        text(out, (x, y), &class, Anchor::Start, label);
    }
}

pub(super) fn lines_desc(
    series: &[Series<'_>],
    labels: &[&str],
    values: &[Vec<Option<f64>>],
    y_format: fn(f64) -> String,
) -> String {
    join_or_no_data(
        series.iter().zip(values).map(|(s, vs)| {
            let points: Vec<String> = labels
                .iter()
                .zip(vs)
                .map(|(label, v)| match v {
                    Some(v) => format!("{label}: {}", y_format(*v)),
                    None => format!("{label}: no data"),
                })
                .collect();
            let points = if points.is_empty() {
                "no data".to_owned()
            } else {
                points.join(", ")
            };
            if s.name.is_empty() {
                points
            } else {
                format!("{} — {points}", s.name)
            }
        }),
        ". ",
    )
}

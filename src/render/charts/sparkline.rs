//! Sparklines: a tiny line for a table cell.

use super::{
    HUGE,
    scale::{finite, join_or_no_data, num},
    svg::{Frame, close, dot, open, polyline},
};

/// A tiny inline line (no axes, ~100x24) for tables; None gaps break it; all-None or empty -> an empty svg with the title.
///
/// The line is scaled from the smallest to the largest value, and its last
/// point gets a dot. Non-finite values are gaps.
#[must_use]
pub fn sparkline(title: &str, values: &[Option<f64>]) -> String {
    const W: f64 = 100.0;
    const H: f64 = 24.0;
    const PAD: f64 = 2.5;

    let values: Vec<Option<f64>> = values
        .iter()
        .map(|v| v.and_then(finite).map(|v| v.clamp(-HUGE, HUGE)))
        .collect();
    let desc = join_or_no_data(
        values
            .iter()
            .map(|v| v.map_or_else(|| "no data".to_owned(), |v| num(v, 2))),
        ", ",
    );
    let mut out = open("spark", W, H, title, &desc);
    let present = values.iter().flatten();
    let lo = present.clone().fold(f64::INFINITY, |m, &v| m.min(v));
    let hi = present.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
    if lo > hi {
        return close(out);
    }
    let frame = Frame {
        left: PAD,
        right: W - PAD,
        top: PAD,
        bottom: H - PAD,
    };
    let n = values.len();
    let points: Vec<Option<(f64, f64)>> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.map(|v| {
                let y = if hi > lo { frame.y(v, lo, hi) } else { H / 2.0 };
                (frame.x(i, n), y)
            })
        })
        .collect();
    polyline(&mut out, "line series-0", &points);
    if let Some(&Some(last)) = points.iter().rev().find(|p| p.is_some()) {
        out.push_str(r#"<g class="dots series-0">"#);
        dot(&mut out, last, 2.0, None);
        out.push_str("</g>");
    }
    close(out)
}

//! Progress bars: an outcome's way to its target.

use super::{
    scale::{finite, num, percent},
    svg::{Anchor, close, open, text},
};
use std::fmt::Write as _;

/// A progress bar: fraction (may be < 0 or > 1: clamp the drawn fill to 0..=1 but print the real percentage,
/// e.g. "130 %"), None -> an empty track with "no target". Label text printed to its right.
///
/// A non-finite fraction counts as `None`; a fill past 100 % also gets the class `over`.
#[must_use]
pub fn progress(title: &str, fraction: Option<f64>) -> String {
    progress_or(title, fraction, "no target")
}

/// [`progress`] whose empty track reads `empty` (an outcome with a target but
/// no check-in yet has a progress of none, and no missing target).
#[must_use]
pub fn progress_or(title: &str, fraction: Option<f64>, empty: &str) -> String {
    const W: f64 = 300.0;
    const H: f64 = 20.0;
    const TRACK: f64 = 220.0;

    let fraction = fraction.and_then(finite);
    let label = fraction.map_or_else(|| empty.to_owned(), percent);
    let mut out = open("progress", W, H, title, &label);
    put!(
        out,
        r#"<rect class="track" x="0" y="5" width="{}" height="10" rx="5"/>"#,
        num(TRACK, 1)
    );
    if let Some(f) = fraction {
        let w = f.clamp(0.0, 1.0) * TRACK;
        if w > 0.0 {
            let class = if f > 1.0 { "fill over" } else { "fill" };
            put!(
                out,
                r#"<rect class="{class}" x="0" y="5" width="{}" height="10" rx="5"/>"#,
                num(w, 1)
            );
        }
    }
    let class = if fraction.is_some() {
        "value"
    } else {
        "label empty"
    };
    text(&mut out, (TRACK + 8.0, 14.5), class, Anchor::Start, &label);
    close(out)
}

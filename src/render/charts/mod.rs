//! Inline SVG charts for the report pages, drawn at build time (no JavaScript).
//!
//! Every chart is one `<svg class="viz viz-{kind}" role="img">` with a
//! `viewBox`, `width="100%"`, a `<title>` and a `<desc>` that gives the numbers
//! in words. Colours are the stylesheet's business: elements carry classes
//! (`cat cat-{slug}`, `series-0`, `axis`, `grid`, `label`, `value`, `target`,
//! `bar`, `track`, `fill`, ...) and no colour of their own, so dark mode and
//! print just work. Output is deterministic: coordinates are rounded to one
//! decimal, non-finite numbers count as zero or absent and are never printed,
//! and every string from the caller is escaped.

/// One bar: a label under it (e.g. "W45" or "Mon") and a value; `href` optionally wraps the bar in a relative link.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar<'a> {
    /// Printed under the bar.
    pub label: &'a str,
    /// The bar's height; non-finite counts as 0, and negative is drawn as 0.
    pub value: f64,
    /// A relative link; one with a scheme (`javascript:`, `https:`) or `//` is dropped.
    pub href: Option<&'a str>,
}

/// One stacked bar: label, and segments (category name, value) drawn in
/// order (left to right in a row of `stacked_shares`, bottom to top in a
/// column of `stacked_bars`); `href` as above.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stack<'a> {
    /// Printed left of the row, or under the column.
    pub label: &'a str,
    /// Category name and hours; non-finite or negative values count as 0.
    pub segments: &'a [(&'a str, f64)],
    /// A relative link around the row.
    pub href: Option<&'a str>,
}

/// A line series: name and points (x label, value or None for a gap).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Series<'a> {
    /// Named in the legend and the description.
    pub name: &'a str,
    /// X label and value; `None` (or a non-finite value) is a gap.
    pub points: &'a [(&'a str, Option<f64>)],
}

/// One check-in of an outcome's metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Checkin<'a> {
    /// ISO date, `YYYY-MM-DD`; dates sort as strings.
    pub date: &'a str,
    /// The metric's value; a non-finite value is left out.
    pub value: f64,
}

/// Width of the `viewBox` of the full-width charts, in user units. A 390 px
/// phone leaves a chart 347 px, where `FONT_SIZE` text draws at 11.6 px
/// (issue 14: chart text never under 11 px; at 380 units it was 10.96 px).
const WIDTH: f64 = 360.0;
const FONT_SIZE: f64 = 12.0;
/// A generous estimate of one character's advance at `FONT_SIZE` in a system
/// UI font: used to decide what fits, never to place text exactly.
const CHAR_W: f64 = 6.8;
/// Height of a chart that has nothing to draw but a note.
const EMPTY_HEIGHT: f64 = 40.0;
/// Values are clamped to this magnitude before any arithmetic on them, so that
/// spans and sums stay finite; printed values are never clamped.
const HUGE: f64 = 1e100;

/// `write!` into a `String`, which cannot fail.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

mod bars;
mod checkins;
mod lines;
mod progress;
mod scale;
mod sparkline;
mod stacked;
mod svg;
#[cfg(test)]
mod tests;

pub use bars::bars;
pub use checkins::checkins;
pub use lines::lines;
pub use progress::{progress, progress_or};
pub use sparkline::sparkline;
pub use stacked::{stacked_bars, stacked_shares};

/// XML-escape text (also used by the renderer): the one escaper, [`crate::html::escape`].
pub use crate::html::escape;

/// The class suffix of a category: ASCII lowercase, anything else but ASCII
/// letters and digits becomes `-` ("Deep Work" -> `deep-work`). The renderer
/// must use the same rule for `.swatch.cat-{slug}`.
pub(crate) fn slug(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if slug.is_empty() {
        "none".to_owned()
    } else {
        slug
    }
}

//! Vertical bars on a y-axis, with value labels where they fit: hours per
//! day or week, one colour (`bars`) or stacked by category (`stacked_bars`).

use super::{
    Bar, HUGE, WIDTH,
    scale::{count, join_or_no_data, nice_ticks, num, or_zero, tick_labels, with_unit},
    svg::{
        Anchor, Frame, close, close_link, empty, fit_anchor, label_step, open, open_link, rect,
        text, text_width, widest, y_grid,
    },
};
use std::collections::BTreeMap;

/// Vertical bars on a y-axis in `unit` (ticks "0 h", "2 h", ...), with each
/// bar's value printed above it where it fits. Zero bars still get a label.
///
/// Non-finite values count as 0; negative ones are printed but drawn as 0.
/// Every value stays in the `<desc>` and in each bar's tooltip; see
/// [`Column`] and `columns` for which value labels are printed.
#[must_use]
pub fn bars(title: &str, bars: &[Bar<'_>], unit: &str) -> String {
    let desc = join_or_no_data(
        bars.iter()
            .map(|bar| format!("{}: {}", bar.label, with_unit(or_zero(bar.value), unit))),
        ", ",
    );
    if bars.is_empty() {
        return empty("bars", title, &desc, "no data");
    }
    let columns: Vec<Column<'_>> = bars
        .iter()
        .map(|bar| {
            let value = or_zero(bar.value);
            Column {
                label: bar.label,
                href: bar.href,
                total: value,
                segments: vec![Segment {
                    class: "bar".to_owned(),
                    value: value.clamp(0.0, HUGE),
                    tip: format!("{}: {}", bar.label, with_unit(value, unit)),
                }],
            }
        })
        .collect();
    let mut out = open("bars", WIDTH, HEIGHT, title, &desc);
    draw_columns(&mut out, &columns, unit, 0.0);
    close(out)
}

/// Height of a column chart's plot and axes (a legend adds to it).
pub(super) const HEIGHT: f64 = 200.0;

/// One drawn column: its segments bottom to top, and the total printed over it.
pub(super) struct Column<'a> {
    pub(super) label: &'a str,
    pub(super) href: Option<&'a str>,
    /// Printed over the column (may be negative: printed, drawn as 0).
    pub(super) total: f64,
    /// Non-negative, finite heights with their class and tooltip.
    pub(super) segments: Vec<Segment>,
}

pub(super) struct Segment {
    pub(super) class: String,
    pub(super) value: f64,
    pub(super) tip: String,
}

/// Columns under a legend of height `top`: a y-axis with round ticks in
/// `unit`, the columns, their x labels (thinned from the right) and value labels.
///
/// Value labels print one decimal when that fits every column's width, else
/// whole numbers; then they are placed tallest-first (the last column before
/// all) and a label that would touch one already placed is left out, so
/// labels never overlap and a crowded chart labels its peaks.
pub(super) fn draw_columns(out: &mut String, columns: &[Column<'_>], unit: &str, top: f64) {
    const SIDE: f64 = 4.0;
    const BOTTOM: f64 = 24.0;
    const HEADROOM: f64 = 20.0;

    let n = columns.len();
    let heights: Vec<f64> = columns
        .iter()
        .map(|c| c.segments.iter().map(|s| s.value).sum::<f64>().min(HUGE))
        .collect();
    let max = heights.iter().copied().fold(0.0_f64, f64::max);
    let ticks = if max > 0.0 {
        nice_ticks(0.0, max)
    } else {
        vec![0.0, 1.0]
    };
    let scale_top = ticks.last().copied().unwrap_or(1.0).max(max);
    let tick_texts: Vec<String> = tick_labels(&ticks)
        .into_iter()
        .map(|t| with_unit_text(&t, unit))
        .collect();
    let frame = Frame {
        left: widest(tick_texts.iter().map(String::as_str)) + 10.0,
        right: WIDTH - SIDE,
        top: top + HEADROOM,
        bottom: top + HEIGHT - BOTTOM,
    };
    let rows: Vec<(f64, &str)> = ticks
        .iter()
        .zip(&tick_texts)
        .map(|(&t, label)| (frame.y(t, 0.0, scale_top), label.as_str()))
        .collect();
    y_grid(out, frame, &rows);

    let slot = (frame.right - frame.left) / count(n.max(1));
    let bar_w = (slot * 0.7).min(44.0);
    let centre = |i: usize| frame.left + slot * (count(i) + 0.5);
    let values = value_labels(columns, slot);
    let placed = place_labels(&heights, &values, &centre, frame.left);
    let step = label_step(n, slot, widest(columns.iter().map(|c| c.label)), usize::MAX);

    for (i, column) in columns.iter().enumerate() {
        let cx = centre(i);
        let link = open_link(out, column.href);
        let mut y = frame.bottom;
        for segment in &column.segments {
            let h = if scale_top > 0.0 {
                segment.value / scale_top * (frame.bottom - frame.top)
            } else {
                0.0
            };
            y -= h;
            rect(
                out,
                &segment.class,
                (cx - bar_w / 2.0, y, bar_w, h),
                Some(&segment.tip),
            );
        }
        if let Some(&(x, anchor)) = placed.get(&i) {
            text(out, (x, y - 5.0), "value", anchor, &values[i]);
        }
        if (n - 1 - i).is_multiple_of(step) {
            let (x, anchor) = fit_anchor(cx, text_width(column.label), 0.0, WIDTH);
            text(out, (x, frame.bottom + 16.0), "label", anchor, column.label);
        }
        close_link(out, link);
    }
}

/// "6 h", or "6" when `unit` is empty.
fn with_unit_text(value: &str, unit: &str) -> String {
    if unit.is_empty() {
        value.to_owned()
    } else {
        format!("{value} {unit}")
    }
}

/// Each column's value label, without the unit (the axis carries it): one
/// decimal when every such label fits its column's slot, else whole numbers
/// (a positive value under 0.5 keeps its decimal rather than print as 0).
pub(super) fn value_labels(columns: &[Column<'_>], slot: f64) -> Vec<String> {
    let one_decimal: Vec<String> = columns.iter().map(|c| num(c.total, 1)).collect();
    if widest(one_decimal.iter().map(String::as_str)) + 4.0 <= slot {
        return one_decimal;
    }
    columns
        .iter()
        .zip(one_decimal)
        .map(|(c, text)| {
            if c.total.abs() < 0.5 && c.total != 0.0 {
                text
            } else {
                num(c.total, 0)
            }
        })
        .collect()
}

/// Where each value label goes (by column): tallest first, the last column
/// before every other (bars of 0 after all the others), and a label is left out when it would come within a
/// few units of one already placed or leave the chart. Placed labels never
/// overlap horizontally, so the nearest placed label on either side is the
/// only one to check (a map by x keeps this O(n log n)).
pub(super) fn place_labels(
    heights: &[f64],
    labels: &[String],
    centre: &dyn Fn(usize) -> f64,
    left: f64,
) -> BTreeMap<usize, (f64, Anchor)> {
    const GAP: f64 = 4.0;
    let n = heights.len().min(labels.len());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        (heights[b] > 0.0)
            .cmp(&(heights[a] > 0.0))
            .then((b + 1 == n).cmp(&(a + 1 == n)))
            .then(heights[b].total_cmp(&heights[a]))
            .then(a.cmp(&b))
    });
    // Keyed by the label's left edge in tenths of a unit: (left, right).
    let mut taken: BTreeMap<i64, (f64, f64)> = BTreeMap::new();
    let mut placed = BTreeMap::new();
    for i in order {
        let w = text_width(&labels[i]);
        let (x, anchor) = fit_anchor(centre(i), w, left, WIDTH);
        let (from, to) = match anchor {
            Anchor::Start => (x, x + w),
            Anchor::Middle => (x - w / 2.0, x + w / 2.0),
            Anchor::End => (x - w, x),
        };
        #[allow(
            clippy::cast_possible_truncation,
            reason = "chart coordinates are a few hundred units"
        )]
        let key = (from * 10.0).round() as i64;
        let clear_before = taken
            .range(..=key)
            .next_back()
            .is_none_or(|(_, &(_, right))| right + GAP <= from);
        let clear_after = taken
            .range(key..)
            .next()
            .is_none_or(|(_, &(next_left, _))| to + GAP <= next_left);
        if clear_before && clear_after {
            taken.insert(key, (from, to));
            placed.insert(i, (x, anchor));
        }
    }
    // A "0" says a day or week had nothing only when every bar with
    // something is labelled; otherwise the zeros would read as the data.
    if (0..n).any(|i| heights[i] > 0.0 && !placed.contains_key(&i)) {
        placed.retain(|&i, _| heights[i] > 0.0);
    }
    placed
}

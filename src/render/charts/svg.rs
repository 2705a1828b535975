//! The SVG building blocks every chart draws with: the frame, text and its
//! layout (widths, fitting, anchors), rectangles, dots, lines, links and legends.

use super::{
    CHAR_W, EMPTY_HEIGHT, FONT_SIZE, WIDTH, escape,
    scale::{count, num, to_count},
};
use std::fmt::Write as _;

pub(super) fn text_width(s: &str) -> f64 {
    count(s.chars().count()) * CHAR_W
}

pub(super) fn widest<'a>(texts: impl Iterator<Item = &'a str>) -> f64 {
    texts.map(text_width).fold(0.0, f64::max)
}

/// `s`, cut with an ellipsis to fit `max_w`.
pub(super) fn fit(s: &str, max_w: f64) -> String {
    if text_width(s) <= max_w {
        return s.to_owned();
    }
    let keep = to_count(max_w / CHAR_W).saturating_sub(1);
    let mut cut: String = s.chars().take(keep).collect();
    cut.push('…');
    cut
}

/// Show every `step`-th x label (counting back from the last) so that labels
/// of `widest` width do not touch and at most `max_labels` are shown.
pub(super) fn label_step(n: usize, slot: f64, widest: f64, max_labels: usize) -> usize {
    let by_width = if slot > 0.0 {
        to_count(((widest + 8.0) / slot).ceil())
    } else {
        n
    };
    by_width.max(n.div_ceil(max_labels.max(1))).max(1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub(super) fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        }
    }
}

/// Centre a text of width `w` on `x`, unless it would cross `min` or `max`:
/// then align its edge there instead.
pub(super) fn fit_anchor(x: f64, w: f64, min: f64, max: f64) -> (f64, Anchor) {
    if x - w / 2.0 < min {
        (min + 1.0, Anchor::Start)
    } else if x + w / 2.0 > max {
        (max - 1.0, Anchor::End)
    } else {
        (x, Anchor::Middle)
    }
}

/// Push apart label positions that are closer than `gap` (for two series).
pub(super) fn spread(ys: &mut [Option<f64>], gap: f64) {
    if let [Some(a), Some(b)] = ys {
        let d = (*a - *b).abs();
        if d < gap {
            let shift = (gap - d) / 2.0;
            if *a <= *b {
                *a -= shift;
                *b += shift;
            } else {
                *a += shift;
                *b -= shift;
            }
        }
    }
}

/// The plot area of a chart with axes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) top: f64,
    pub(super) bottom: f64,
}

impl Frame {
    /// The `i`-th of `n` evenly spaced positions, edge to edge.
    pub(super) fn x(self, i: usize, n: usize) -> f64 {
        if n <= 1 {
            f64::midpoint(self.left, self.right)
        } else {
            self.left + (self.right - self.left) * count(i) / count(n - 1)
        }
    }

    pub(super) fn slot(self, n: usize) -> f64 {
        (self.right - self.left) / count(n.saturating_sub(1).max(1))
    }

    /// `v` on a scale from `lo` (bottom) to `hi` (top), clamped to the frame.
    pub(super) fn y(self, v: f64, lo: f64, hi: f64) -> f64 {
        let t = if hi > lo {
            (v.clamp(lo, hi) - lo) / (hi - lo)
        } else {
            0.0
        };
        let t = if t.is_finite() { t } else { 0.0 };
        self.bottom - t * (self.bottom - self.top)
    }
}

pub(super) fn open(kind: &str, width: f64, height: f64, title: &str, desc: &str) -> String {
    let mut out = String::with_capacity(4096);
    put!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="viz viz-{kind}" role="img" viewBox="0 0 {} {}" width="100%" font-size="{}"><title>{}</title><desc>{}</desc>"#,
        num(width, 1),
        num(height, 1),
        num(FONT_SIZE, 1),
        escape(title),
        escape(desc)
    );
    out
}

pub(super) fn close(mut out: String) -> String {
    out.push_str("</svg>");
    out
}

/// A chart with nothing to draw: its title, its description and a note.
pub(super) fn empty(kind: &str, title: &str, desc: &str, note: &str) -> String {
    let mut out = open(kind, WIDTH, EMPTY_HEIGHT, title, desc);
    text(
        &mut out,
        (WIDTH / 2.0, EMPTY_HEIGHT / 2.0 + 4.0),
        "label empty",
        Anchor::Middle,
        note,
    );
    close(out)
}

pub(super) fn text(
    out: &mut String,
    (x, y): (f64, f64),
    class: &str,
    anchor: Anchor,
    content: &str,
) {
    out.push_str("<text");
    if !class.is_empty() {
        put!(out, r#" class="{class}""#);
    }
    put!(
        out,
        r#" x="{}" y="{}"{}>{}</text>"#,
        num(x, 1),
        num(y, 1),
        anchor.attr(),
        escape(content)
    );
}

pub(super) fn rect(
    out: &mut String,
    class: &str,
    (x, y, w, h): (f64, f64, f64, f64),
    tip: Option<&str>,
) {
    out.push_str("<rect");
    if !class.is_empty() {
        put!(out, r#" class="{class}""#);
    }
    put!(
        out,
        r#" x="{}" y="{}" width="{}" height="{}""#,
        num(x, 1),
        num(y, 1),
        num(w.max(0.0), 1),
        num(h.max(0.0), 1)
    );
    match tip {
        Some(tip) => put!(out, "><title>{}</title></rect>", escape(tip)),
        None => out.push_str("/>"),
    }
}

pub(super) fn dot(out: &mut String, (x, y): (f64, f64), r: f64, tip: Option<&str>) {
    put!(
        out,
        r#"<circle cx="{}" cy="{}" r="{}""#,
        num(x, 1),
        num(y, 1),
        num(r, 1)
    );
    match tip {
        Some(tip) => put!(out, "><title>{}</title></circle>", escape(tip)),
        None => out.push_str("/>"),
    }
}

pub(super) fn hline(out: &mut String, frame: Frame, y: f64) {
    put!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
        num(frame.left, 1),
        num(y, 1),
        num(frame.right, 1),
        num(y, 1)
    );
}

/// One path through the points, broken at every gap; lone points between
/// gaps draw nothing here (their dots show them).
pub(super) fn polyline(out: &mut String, class: &str, points: &[Option<(f64, f64)>]) {
    let mut d = String::new();
    let mut run = 0;
    for point in points {
        if let Some((x, y)) = point {
            d.push(if run == 0 { 'M' } else { 'L' });
            put!(d, "{} {}", num(*x, 1), num(*y, 1));
            run += 1;
        } else {
            if run == 1 {
                // Drop the lone move-to: a path of one point draws nothing.
                let cut = d.rfind('M').unwrap_or(0);
                d.truncate(cut);
            }
            run = 0;
        }
    }
    if run == 1 {
        let cut = d.rfind('M').unwrap_or(0);
        d.truncate(cut);
    }
    if !d.is_empty() {
        put!(out, r#"<path class="{class}" fill="none" d="{d}"/>"#);
    }
}

/// X labels under the points at `xs`, thinned to fit (the last always shown),
/// the outermost kept inside the chart.
pub(super) fn x_labels(
    out: &mut String,
    xs: &[f64],
    labels: &[&str],
    slot: f64,
    y: f64,
    max_labels: usize,
) {
    let n = labels.len().min(xs.len());
    if n == 0 {
        return;
    }
    let step = label_step(n, slot, widest(labels.iter().copied()), max_labels);
    out.push_str(r#"<g class="label">"#);
    for (i, (&x, label)) in xs.iter().zip(labels).enumerate() {
        if (n - 1 - i).is_multiple_of(step) {
            let (x, anchor) = fit_anchor(x, text_width(label), 0.0, WIDTH);
            text(out, (x, y), "", anchor, label);
        }
    }
    out.push_str("</g>");
}

/// Open `<a href>` for a relative link; a link with a scheme or `//` (which
/// could be `javascript:` or leave the site) is dropped.
pub(super) fn open_link(out: &mut String, href: Option<&str>) -> bool {
    let Some(href) = href.filter(|h| is_relative(h)) else {
        return false;
    };
    put!(out, r#"<a href="{}">"#, escape(href));
    true
}

pub(super) fn close_link(out: &mut String, opened: bool) {
    if opened {
        out.push_str("</a>");
    }
}

pub(super) fn is_relative(href: &str) -> bool {
    let first_special = href.find([':', '/', '?', '#']);
    !href.trim().is_empty()
        && !href.starts_with("//")
        && !first_special.is_some_and(|i| href[i..].starts_with(':'))
}

/// What a legend item shows before its name.
pub(super) enum Mark {
    /// A small square with these classes.
    Swatch(String),
    /// A short line with these classes.
    Line(String),
}

/// Legend items left to right across the chart's top, wrapping; returns the
/// markup and the height it takes.
pub(super) fn legend<S: AsRef<str>>(items: &[(Mark, S)]) -> (String, f64) {
    const ROW: f64 = 18.0;
    let mut out = String::new();
    if items.is_empty() {
        return (out, 0.0);
    }
    out.push_str(r#"<g class="legend">"#);
    let (mut x, mut y) = (0.0, 0.0);
    for (mark, name) in items {
        let name = fit(name.as_ref(), WIDTH - 20.0);
        // Four usual categories fit on one row of `WIDTH`.
        let w = 16.0 + text_width(&name) + 10.0;
        if x > 0.0 && x + w > WIDTH {
            x = 0.0;
            y += ROW;
        }
        match mark {
            Mark::Swatch(class) => rect(&mut out, class, (x, y + 3.0, 10.0, 10.0), None),
            Mark::Line(class) => put!(
                out,
                r#"<line class="{class}" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
                num(x, 1),
                num(y + 8.0, 1),
                num(x + 12.0, 1),
                num(y + 8.0, 1)
            ),
        }
        text(
            &mut out,
            (x + 16.0, y + 12.0),
            "label",
            Anchor::Start,
            &name,
        );
        x += w;
    }
    out.push_str("</g>");
    (out, y + ROW)
}

/// Horizontal grid lines at the given heights, an axis line along the bottom
/// of the frame, and the labels right-aligned left of the frame.
pub(super) fn y_grid(out: &mut String, frame: Frame, rows: &[(f64, &str)]) {
    out.push_str(r#"<g class="grid">"#);
    for &(y, _) in rows {
        if (y - frame.bottom).abs() > 0.05 {
            hline(out, frame, y);
        }
    }
    out.push_str(r#"</g><g class="axis">"#);
    hline(out, frame, frame.bottom);
    out.push_str(r#"</g><g class="label" text-anchor="end">"#);
    for &(y, label) in rows {
        text(out, (frame.left - 6.0, y + 4.0), "", Anchor::Start, label);
    }
    out.push_str("</g>");
}

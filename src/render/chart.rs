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

use std::fmt::Write as _;

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

/// One stacked bar: label, and segments (category name, value) drawn in order; `href` as above.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stack<'a> {
    /// Printed left of the row.
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

/// Width of the `viewBox` of the full-width charts, in user units; with the
/// root `font-size` of 12 this reads as 12 px text when drawn 600 px wide.
const WIDTH: f64 = 600.0;
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

/// XML-escape text (also used by the renderer).
///
/// Escapes `&`, `<`, `>`, `"` and `'`, so the result is safe in element
/// content and in quoted attribute values alike, and drops control characters
/// (other than tab, newline and carriage return) and U+FFFE/U+FFFF, which XML
/// does not allow at all.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

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

/// Vertical bars with value labels above each (formatted by `unit`, e.g. "h" -> "12.5 h"). Zero bars still show their label.
///
/// Non-finite values count as 0; negative ones are printed but drawn as 0.
/// When the value labels do not fit over every bar, only the tallest and the
/// last bar are labelled (every value stays in the `<desc>` and in each bar's
/// tooltip), and x labels are thinned from the right.
#[must_use]
pub fn bars(title: &str, bars: &[Bar<'_>], unit: &str) -> String {
    const HEIGHT: f64 = 200.0;
    const TOP: f64 = 22.0;
    const BOTTOM: f64 = 24.0;
    const SIDE: f64 = 4.0;

    let values: Vec<f64> = bars.iter().map(|b| or_zero(b.value)).collect();
    let value_texts: Vec<String> = values.iter().map(|&v| with_unit(v, unit)).collect();
    let desc = join_or_no_data(
        bars.iter()
            .zip(&value_texts)
            .map(|(bar, value)| format!("{}: {value}", bar.label)),
        ", ",
    );
    if bars.is_empty() {
        return empty("bars", title, &desc, "no data");
    }
    let mut out = open("bars", WIDTH, HEIGHT, title, &desc);

    let n = bars.len();
    let slot = (WIDTH - 2.0 * SIDE) / count(n);
    let bar_w = (slot * 0.7).min(48.0);
    let base = HEIGHT - BOTTOM;
    let max = values.iter().fold(0.0_f64, |m, &v| m.max(v.min(HUGE)));
    let tallest = values.iter().position(|&v| v.min(HUGE) >= max).unwrap_or(0);
    let last = n - 1;
    let widest_value = widest(value_texts.iter().map(String::as_str));
    let every_value = widest_value + 4.0 <= slot;
    let tallest_too = every_value || count(last.abs_diff(tallest)) * slot >= widest_value + 4.0;
    let step = label_step(n, slot, widest(bars.iter().map(|b| b.label)), usize::MAX);

    put!(
        out,
        r#"<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
        num(SIDE, 1),
        num(base, 1),
        num(WIDTH - SIDE, 1),
        num(base, 1)
    );
    for (i, (bar, &value)) in bars.iter().zip(&values).enumerate() {
        let cx = SIDE + slot * (count(i) + 0.5);
        let height = if max > 0.0 {
            value.clamp(0.0, HUGE) / max * (base - TOP)
        } else {
            0.0
        };
        let link = open_link(&mut out, bar.href);
        let tip = format!("{}: {}", bar.label, value_texts[i]);
        rect(
            &mut out,
            "bar",
            (cx - bar_w / 2.0, base - height, bar_w, height),
            Some(&tip),
        );
        if every_value || i == last || (i == tallest && tallest_too) {
            let anchor = fit_anchor(cx, text_width(&value_texts[i]), 0.0, WIDTH);
            text(
                &mut out,
                (anchor.0, base - height - 5.0),
                "value",
                anchor.1,
                &value_texts[i],
            );
        }
        if (last - i).is_multiple_of(step) {
            let anchor = fit_anchor(cx, text_width(bar.label), 0.0, WIDTH);
            text(
                &mut out,
                (anchor.0, base + 16.0),
                "label",
                anchor.1,
                bar.label,
            );
        }
        close_link(&mut out, link);
    }
    close(out)
}

/// Horizontal 100 % stacked bars (one row per Stack, label on the left), for allocation of time across
/// categories; each segment's share of its row total is printed inside the segment when wide enough (>= 8 %),
/// and in the segment's `<title>` always (tooltip: "leverage: 34 % (5.5 h)"). A row whose total is 0 shows an
/// empty track and "no time logged". Rows are drawn in the given order (callers put "target" and "typical"
/// rows first, then weeks).
///
/// A legend above the rows names every category in order of first appearance.
/// Shares are rounded one by one, so a row's printed shares may add up to 99
/// or 101 %; a share below 0.5 % prints as "<1 %".
#[must_use]
pub fn stacked_shares(title: &str, rows: &[Stack<'_>]) -> String {
    const ROW_H: f64 = 22.0;
    const GAP: f64 = 8.0;
    const RIGHT: f64 = 4.0;

    let cleaned: Vec<Vec<(&str, f64)>> = rows
        .iter()
        .map(|row| {
            row.segments
                .iter()
                .map(|&(name, v)| (name, or_zero(v).clamp(0.0, HUGE)))
                .collect()
        })
        .collect();
    let shares: Vec<Vec<f64>> = cleaned.iter().map(|segs| shares_of(segs)).collect();
    let desc = stacked_desc(rows, &cleaned, &shares);
    if rows.is_empty() {
        return empty("stack", title, &desc, "no data");
    }

    let mut categories: Vec<&str> = Vec::new();
    for &(name, _) in cleaned.iter().flatten() {
        if !categories.contains(&name) {
            categories.push(name);
        }
    }
    let items: Vec<(Mark, &str)> = categories
        .iter()
        .map(|&name| (Mark::Swatch(format!("cat cat-{}", slug(name))), name))
        .collect();
    let (legend_out, legend_h) = legend(&items);

    let label_w = (widest(rows.iter().map(|r| r.label)) + 10.0).clamp(48.0, 160.0);
    let track_x = label_w;
    let track_w = WIDTH - RIGHT - track_x;
    let first_row = if legend_h > 0.0 { legend_h + 8.0 } else { 0.0 };
    let height = first_row + count(rows.len()) * (ROW_H + GAP) - GAP;

    let mut out = open("stack", WIDTH, height, title, &desc);
    out.push_str(&legend_out);
    for (i, row) in rows.iter().enumerate() {
        let y = first_row + count(i) * (ROW_H + GAP);
        let link = open_link(&mut out, row.href);
        text(
            &mut out,
            (label_w - 8.0, y + 15.0),
            "label",
            Anchor::End,
            &fit(row.label, label_w - 10.0),
        );
        let segments = &cleaned[i];
        if shares[i].is_empty() {
            rect(&mut out, "track", (track_x, y, track_w, ROW_H), None);
            text(
                &mut out,
                (track_x + 8.0, y + 15.0),
                "label empty",
                Anchor::Start,
                "no time logged",
            );
        } else {
            let mut x = track_x;
            for (&(name, hours), &share) in segments.iter().zip(&shares[i]) {
                if share <= 0.0 {
                    continue;
                }
                let w = share * track_w;
                let pct = percent(share);
                let tip = format!("{name}: {pct} ({})", with_unit(hours, "h"));
                let class = format!("cat cat-{}", slug(name));
                rect(&mut out, &class, (x, y, w, ROW_H), Some(&tip));
                if share >= 0.08 && text_width(&pct) + 4.0 <= w {
                    text(
                        &mut out,
                        (x + w / 2.0, y + 15.0),
                        "share",
                        Anchor::Middle,
                        &pct,
                    );
                }
                x += w;
            }
        }
        close_link(&mut out, link);
    }
    close(out)
}

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

/// A progress bar: fraction (may be < 0 or > 1: clamp the drawn fill to 0..=1 but print the real percentage,
/// e.g. "130 %"), None -> an empty track with "no target". Label text printed to its right.
///
/// A non-finite fraction counts as `None`; a fill past 100 % also gets the class `over`.
#[must_use]
pub fn progress(title: &str, fraction: Option<f64>) -> String {
    const W: f64 = 300.0;
    const H: f64 = 20.0;
    const TRACK: f64 = 220.0;

    let fraction = fraction.and_then(finite);
    let label = fraction.map_or_else(|| "no target".to_owned(), percent);
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

/// The top of a scale from 0: `y_max`, or the largest value when it is larger
/// (or when `y_max` is not a positive number), and never 0.
fn scale_top(y_max: f64, values: impl Iterator<Item = f64>) -> f64 {
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
fn draw_series(
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

/// A dashed target line across the frame at `y`, labelled at its right end.
fn target_line(out: &mut String, frame: Frame, y: f64, label: &str) {
    out.push_str(r#"<g class="target">"#);
    hline(out, frame, y);
    out.push_str("</g>");
    let at = (frame.right - 2.0, y - 5.0);
    text(out, at, "label target", Anchor::End, label);
}

/// Hours bars (centre x, top y, tooltip) of width `w`, and their axis on the right.
fn hour_bars(
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

/// Horizontal grid lines at the given heights, an axis line along the bottom
/// of the frame, and the labels right-aligned left of the frame.
fn y_grid(out: &mut String, frame: Frame, rows: &[(f64, &str)]) {
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

/// The step line of the check-ins, its dots, and labels on the first and last.
fn checkin_line(
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

// ---------------------------------------------------------------------------
// Descriptions

fn stacked_desc(rows: &[Stack<'_>], cleaned: &[Vec<(&str, f64)>], shares: &[Vec<f64>]) -> String {
    join_or_no_data(
        rows.iter()
            .zip(cleaned)
            .zip(shares)
            .map(|((row, segs), shares)| {
                if shares.is_empty() {
                    return format!("{}: no time logged", row.label);
                }
                let parts: Vec<String> = segs
                    .iter()
                    .zip(shares)
                    .filter(|(_, share)| **share > 0.0)
                    .map(|(&(name, hours), &share)| {
                        format!("{name} {} ({})", percent(share), with_unit(hours, "h"))
                    })
                    .collect();
                format!("{}: {}", row.label, parts.join(", "))
            }),
        "; ",
    )
}

fn lines_desc(
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

fn checkins_desc(
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

fn join_or_no_data(parts: impl Iterator<Item = String>, separator: &str) -> String {
    let parts: Vec<String> = parts.collect();
    if parts.is_empty() {
        "no data".to_owned()
    } else {
        parts.join(separator)
    }
}

// ---------------------------------------------------------------------------
// Numbers

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

fn or_zero(v: f64) -> f64 {
    finite(v).unwrap_or(0.0)
}

/// `v` with at most `decimals` decimals and no trailing zeros; never `-0`,
/// never `NaN` or `inf` (non-finite prints as 0).
fn num(v: f64, decimals: usize) -> String {
    let v = or_zero(v);
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        let len = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(len);
    }
    if s == "-0" { "0".to_owned() } else { s }
}

/// "12.5 h", or "12.5" when `unit` is empty.
fn with_unit(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        num(v, 1)
    } else {
        format!("{} {unit}", num(v, 1))
    }
}

/// A share as a whole percentage, rounded half away from zero: "34 %"; a
/// positive share too small to show as 1 % is "<1 %", not "0 %".
fn percent(share: f64) -> String {
    let p = or_zero(share) * 100.0;
    if p > 0.0 && p < 0.5 {
        "<1 %".to_owned()
    } else {
        format!("{} %", num(p.round(), 0))
    }
}

/// Each segment's share of the row total; empty when the total is 0.
fn shares_of(segments: &[(&str, f64)]) -> Vec<f64> {
    // Scale by the largest first, so that a sum of huge values stays finite.
    let max = segments.iter().fold(0.0_f64, |m, s| m.max(s.1));
    if max <= 0.0 {
        return Vec::new();
    }
    let total: f64 = segments.iter().map(|s| s.1 / max).sum();
    segments.iter().map(|s| s.1 / max / total).collect()
}

/// A padded range for the check-in values: from zero when zero is within one
/// span of the data (a count from 3 to 12), else just around the data (a
/// revenue from 10,000 to 12,000), so that a real shift is not flattened.
fn value_domain(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .map(|v| v.clamp(-HUGE, HUGE))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        return (0.0, 1.0);
    }
    let span = hi - lo;
    let pad = if span > 0.0 {
        span * 0.1
    } else if hi.abs() > 0.0 {
        hi.abs() * 0.1
    } else {
        1.0
    };
    let mut bottom = lo - pad;
    if lo >= 0.0 && (bottom < 0.0 || lo <= span) {
        bottom = 0.0;
    }
    (bottom, hi + pad)
}

/// Four or so round intervals covering `lo..=hi` (steps of 1, 2 or 5 × 10^k).
fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = hi - lo;
    if span.is_nan() || span <= 0.0 || span.is_infinite() {
        return vec![lo, lo + 1.0];
    }
    let raw = span / 4.0;
    let magnitude = 10_f64.powf(raw.log10().floor());
    let f = raw / magnitude;
    let step = magnitude
        * if f <= 1.0 {
            1.0
        } else if f <= 2.0 {
            2.0
        } else if f <= 5.0 {
            5.0
        } else {
            10.0
        };
    let first = (lo / step).floor();
    let intervals = to_count((hi / step).ceil() - first).clamp(1, 10);
    (0..=intervals).map(|k| (first + count(k)) * step).collect()
}

/// Labels for evenly spaced ticks, on one scale for the whole axis ("9.5k",
/// "10k", "10.5k"; "1.2M") and with as many decimals as the step needs.
fn tick_labels(ticks: &[f64]) -> Vec<String> {
    let largest = ticks.iter().fold(0.0_f64, |m, t| m.max(t.abs()));
    let (scale, suffix) = if largest >= 1e6 {
        (1e6, "M")
    } else if largest >= 1e4 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let step = match ticks {
        [a, b, ..] => (b - a) / scale,
        _ => 1.0,
    };
    let decimals = (0..9)
        .find(|&d| {
            let scaled = step * 10_f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
        })
        .map_or(9, |d| to_count(f64::from(d)));
    ticks
        .iter()
        .map(|&t| format!("{}{suffix}", num(t / scale, decimals)))
        .collect()
}

#[allow(
    clippy::cast_precision_loss,
    reason = "counts of bars and points are far below 2^52"
)]
fn count(n: usize) -> f64 {
    n as f64
}

/// A non-negative finite float as a count (rounded down), saturating.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the value is checked to be finite and clamped to 0..=1e9 first"
)]
fn to_count(x: f64) -> usize {
    if x.is_finite() {
        x.clamp(0.0, 1e9) as usize
    } else {
        0
    }
}

// ---------------------------------------------------------------------------
// Text layout

fn text_width(s: &str) -> f64 {
    count(s.chars().count()) * CHAR_W
}

fn widest<'a>(texts: impl Iterator<Item = &'a str>) -> f64 {
    texts.map(text_width).fold(0.0, f64::max)
}

/// `s`, cut with an ellipsis to fit `max_w`.
fn fit(s: &str, max_w: f64) -> String {
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
fn label_step(n: usize, slot: f64, widest: f64, max_labels: usize) -> usize {
    let by_width = if slot > 0.0 {
        to_count(((widest + 8.0) / slot).ceil())
    } else {
        n
    };
    by_width.max(n.div_ceil(max_labels.max(1))).max(1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        }
    }
}

/// Centre a text of width `w` on `x`, unless it would cross `min` or `max`:
/// then align its edge there instead.
fn fit_anchor(x: f64, w: f64, min: f64, max: f64) -> (f64, Anchor) {
    if x - w / 2.0 < min {
        (min + 1.0, Anchor::Start)
    } else if x + w / 2.0 > max {
        (max - 1.0, Anchor::End)
    } else {
        (x, Anchor::Middle)
    }
}

/// Push apart label positions that are closer than `gap` (for two series).
fn spread(ys: &mut [Option<f64>], gap: f64) {
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

// ---------------------------------------------------------------------------
// SVG pieces

/// The plot area of a chart with axes.
#[derive(Debug, Clone, Copy)]
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Frame {
    /// The `i`-th of `n` evenly spaced positions, edge to edge.
    fn x(self, i: usize, n: usize) -> f64 {
        if n <= 1 {
            f64::midpoint(self.left, self.right)
        } else {
            self.left + (self.right - self.left) * count(i) / count(n - 1)
        }
    }

    fn slot(self, n: usize) -> f64 {
        (self.right - self.left) / count(n.saturating_sub(1).max(1))
    }

    /// `v` on a scale from `lo` (bottom) to `hi` (top), clamped to the frame.
    fn y(self, v: f64, lo: f64, hi: f64) -> f64 {
        let t = if hi > lo {
            (v.clamp(lo, hi) - lo) / (hi - lo)
        } else {
            0.0
        };
        let t = if t.is_finite() { t } else { 0.0 };
        self.bottom - t * (self.bottom - self.top)
    }
}

fn open(kind: &str, width: f64, height: f64, title: &str, desc: &str) -> String {
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

fn close(mut out: String) -> String {
    out.push_str("</svg>");
    out
}

/// A chart with nothing to draw: its title, its description and a note.
fn empty(kind: &str, title: &str, desc: &str, note: &str) -> String {
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

fn text(out: &mut String, (x, y): (f64, f64), class: &str, anchor: Anchor, content: &str) {
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

fn rect(out: &mut String, class: &str, (x, y, w, h): (f64, f64, f64, f64), tip: Option<&str>) {
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

fn dot(out: &mut String, (x, y): (f64, f64), r: f64, tip: Option<&str>) {
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

fn hline(out: &mut String, frame: Frame, y: f64) {
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
fn polyline(out: &mut String, class: &str, points: &[Option<(f64, f64)>]) {
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
fn x_labels(out: &mut String, xs: &[f64], labels: &[&str], slot: f64, y: f64, max_labels: usize) {
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
fn open_link(out: &mut String, href: Option<&str>) -> bool {
    let Some(href) = href.filter(|h| is_relative(h)) else {
        return false;
    };
    put!(out, r#"<a href="{}">"#, escape(href));
    true
}

fn close_link(out: &mut String, opened: bool) {
    if opened {
        out.push_str("</a>");
    }
}

fn is_relative(href: &str) -> bool {
    let first_special = href.find([':', '/', '?', '#']);
    !href.trim().is_empty()
        && !href.starts_with("//")
        && !first_special.is_some_and(|i| href[i..].starts_with(':'))
}

/// What a legend item shows before its name.
enum Mark {
    /// A small square with these classes.
    Swatch(String),
    /// A short line with these classes.
    Line(String),
}

/// Legend items left to right across the chart's top, wrapping; returns the
/// markup and the height it takes.
fn legend<S: AsRef<str>>(items: &[(Mark, S)]) -> (String, f64) {
    const ROW: f64 = 18.0;
    let mut out = String::new();
    if items.is_empty() {
        return (out, 0.0);
    }
    out.push_str(r#"<g class="legend">"#);
    let (mut x, mut y) = (0.0, 0.0);
    for (mark, name) in items {
        let name = fit(name.as_ref(), WIDTH - 20.0);
        let w = 16.0 + text_width(&name) + 14.0;
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HOSTILE: &str = r#"<script>alert("x")</script> & 'q'"#;
    const ELEMENTS: [&str; 10] = [
        "svg", "title", "desc", "g", "a", "rect", "line", "path", "circle", "text",
    ];
    /// Attributes whose values the charts compute: only numbers and path commands.
    const NUMERIC: [&str; 16] = [
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "width",
        "height",
        "d",
        "viewBox",
        "font-size",
        "text-anchor",
    ];

    fn pct(v: f64) -> String {
        format!("{:.0} %", v * 100.0)
    }

    fn plain(v: f64) -> String {
        format!("{v:.0}")
    }

    /// A tiny well-formedness check: one `<svg>` root, tags balanced, only the
    /// elements the charts use, quoted attributes, no raw `<` or stray `&` in
    /// text or attributes, and computed attributes free of `NaN` and `inf`.
    fn check_xml(svg: &str) -> Result<(), String> {
        let mut stack: Vec<&str> = Vec::new();
        let mut roots = 0;
        let mut rest = svg;
        if !svg.starts_with("<svg ") {
            return Err("does not start with <svg".into());
        }
        while let Some(lt) = rest.find('<') {
            check_text(&rest[..lt])?;
            if stack.is_empty() && !rest[..lt].is_empty() {
                return Err("text outside the root".into());
            }
            let tail = &rest[lt + 1..];
            let end = tag_end(tail).ok_or("unclosed tag")?;
            let tag = &tail[..end];
            if let Some(name) = tag.strip_prefix('/') {
                match stack.pop() {
                    Some(open) if open == name => {}
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
            } else {
                let self_closing = tag.ends_with('/');
                let body = tag.strip_suffix('/').unwrap_or(tag);
                let name_end = body.find(' ').unwrap_or(body.len());
                let name = &body[..name_end];
                if !ELEMENTS.contains(&name) {
                    return Err(format!("unexpected element <{name}"));
                }
                check_attributes(&body[name_end..])?;
                if stack.is_empty() {
                    roots += 1;
                }
                if !self_closing {
                    stack.push(name);
                }
            }
            rest = &tail[end + 1..];
        }
        if !rest.is_empty() || !stack.is_empty() || roots != 1 {
            return Err(format!(
                "unbalanced: open {stack:?}, roots {roots}, tail {rest:?}"
            ));
        }
        Ok(())
    }

    fn tag_end(tail: &str) -> Option<usize> {
        let mut quoted = false;
        tail.char_indices().find_map(|(i, c)| match c {
            '"' => {
                quoted = !quoted;
                None
            }
            '>' if !quoted => Some(i),
            _ => None,
        })
    }

    fn check_text(text: &str) -> Result<(), String> {
        if text.contains('<') || text.contains('>') {
            return Err(format!("raw < or > in {text:?}"));
        }
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| entity.starts_with(e));
            if !ok {
                return Err(format!("stray & in {text:?}"));
            }
        }
        Ok(())
    }

    fn check_attributes(mut attrs: &str) -> Result<(), String> {
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() {
                return Ok(());
            }
            let eq = attrs
                .find("=\"")
                .ok_or(format!("bad attribute {attrs:?}"))?;
            let name = &attrs[..eq];
            let value_len = attrs[eq + 2..].find('"').ok_or("unterminated attribute")?;
            let value = &attrs[eq + 2..eq + 2 + value_len];
            check_text(value)?;
            let numeric_ok = |c: char| c.is_ascii_digit() || " .-%MLHV".contains(c);
            if NUMERIC.contains(&name) && name != "text-anchor" && !value.chars().all(numeric_ok) {
                return Err(format!("{name}={value:?}"));
            }
            attrs = &attrs[eq + 2 + value_len + 1..];
        }
    }

    fn assert_chart(svg: &str) {
        if let Err(e) = check_xml(svg) {
            panic!("{e}\n{svg}");
        }
        assert!(svg.contains(r#"role="img""#), "{svg}");
        assert!(svg.contains(r#"width="100%""#), "{svg}");
        assert!(svg.contains("viewBox=\"0 0 "), "{svg}");
        assert!(svg.contains("<title>") && svg.contains("<desc>"), "{svg}");
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    }

    /// Every chart, fed `label` everywhere text goes and `value` everywhere a number goes.
    fn every_chart(label: &str, value: f64) -> Vec<String> {
        let segments = [(label, value), ("execution", 2.0), (label, 1.0)];
        let points = [
            (label, Some(value)),
            ("b", None),
            (label, Some(1.0)),
            ("c", Some(value)),
        ];
        vec![
            bars(
                label,
                &[
                    Bar {
                        label,
                        value,
                        href: Some(label),
                    },
                    Bar {
                        label: "x",
                        value: 1.0,
                        href: None,
                    },
                ],
                label,
            ),
            stacked_shares(
                label,
                &[
                    Stack {
                        label,
                        segments: &segments,
                        href: Some(label),
                    },
                    Stack {
                        label,
                        segments: &[],
                        href: None,
                    },
                ],
            ),
            lines(
                label,
                &[
                    Series {
                        name: label,
                        points: &points,
                    },
                    Series {
                        name: label,
                        points: &points,
                    },
                ],
                value,
                plain,
            ),
            sparkline(label, &[Some(value), None, Some(1.0), Some(value)]),
            progress(label, Some(value)),
            checkins(
                label,
                &[
                    Checkin { date: label, value },
                    Checkin {
                        date: "2026-01-01",
                        value: 3.0,
                    },
                ],
                &[(label, value), ("2026-01-01", 2.0)],
                Some(value),
                label,
            ),
        ]
    }

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(
            escape(HOSTILE),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\td"), "abc\td");
        assert_eq!(escape("Stratégie ✓"), "Stratégie ✓");
    }

    #[test]
    fn hostile_labels_are_escaped_in_every_chart() {
        for svg in every_chart(HOSTILE, 3.0) {
            assert_chart(&svg);
            assert!(!svg.contains("<script"), "{svg}");
            assert!(svg.contains("&lt;script&gt;"), "{svg}");
        }
    }

    #[test]
    fn every_chart_is_well_formed_with_ordinary_input() {
        for svg in every_chart("2026-W45", 12.5) {
            assert_chart(&svg);
        }
    }

    #[test]
    fn empty_inputs_still_give_a_titled_chart() {
        let charts = [
            bars("Hours", &[], "h"),
            stacked_shares("Allocation", &[]),
            lines("Index", &[], 100.0, plain),
            lines(
                "Index",
                &[Series {
                    name: "index",
                    points: &[("W1", None)],
                }],
                100.0,
                plain,
            ),
            sparkline("Trend", &[]),
            sparkline("Trend", &[None, Some(f64::NAN)]),
            progress("Progress", None),
            checkins("Outcome", &[], &[], None, ""),
        ];
        for svg in &charts {
            assert_chart(svg);
        }
        assert!(charts[0].contains("no data"));
        assert!(!charts[4].contains("<path"));
        assert!(charts[7].contains("no check-ins yet"));
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(every_chart("W45", 7.25), every_chart("W45", 7.25));
    }

    #[test]
    fn bars_label_values_and_zero_bars() {
        let svg = bars(
            "Hours per week",
            &[
                Bar {
                    label: "W45",
                    value: 12.5,
                    href: Some("../2026-W45/"),
                },
                Bar {
                    label: "W46",
                    value: 0.0,
                    href: None,
                },
                Bar {
                    label: "W47",
                    value: 9.0,
                    href: None,
                },
            ],
            "h",
        );
        assert_chart(&svg);
        assert!(
            svg.contains("<desc>W45: 12.5 h, W46: 0 h, W47: 9 h</desc>"),
            "{svg}"
        );
        assert!(
            svg.contains(">12.5 h</text>") && svg.contains(">0 h</text>"),
            "{svg}"
        );
        assert!(svg.contains(">W46</text>"), "{svg}");
        assert!(svg.contains(r#"<a href="../2026-W45/">"#), "{svg}");
    }

    #[test]
    fn bars_thin_their_labels_when_crowded() {
        let labels: Vec<String> = (1..=52).map(|w| format!("2026-W{w:02}")).collect();
        let many: Vec<Bar<'_>> = labels
            .iter()
            .map(|label| Bar {
                label,
                value: 10.0,
                href: None,
            })
            .collect();
        let svg = bars("A year", &many, "h");
        assert_chart(&svg);
        assert!(
            svg.contains(">2026-W52</text>"),
            "the last label is always shown"
        );
        assert!(svg.matches("class=\"label\"").count() < 15, "{svg}");
        assert!(svg.matches("class=\"value\"").count() <= 2, "{svg}");
    }

    #[test]
    fn links_with_a_scheme_are_dropped() {
        for href in [
            "javascript:alert(1)",
            " javascript:x",
            "https://example.com",
            "//evil",
            "",
        ] {
            let svg = bars(
                "t",
                &[Bar {
                    label: "a",
                    value: 1.0,
                    href: Some(href),
                }],
                "",
            );
            assert!(!svg.contains("<a "), "{href}: {svg}");
        }
        let svg = bars(
            "t",
            &[Bar {
                label: "a",
                value: 1.0,
                href: Some("week/2026-W45.html#top"),
            }],
            "",
        );
        assert!(
            svg.contains(r#"<a href="week/2026-W45.html#top">"#),
            "{svg}"
        );
    }

    #[test]
    fn stacked_shares_prints_each_share() {
        let segments = [
            ("coordination", 3.0),
            ("execution", 3.0),
            ("Deep Work", 4.0),
        ];
        let svg = stacked_shares(
            "Allocation",
            &[Stack {
                label: "2026-W45",
                segments: &segments,
                href: None,
            }],
        );
        assert_chart(&svg);
        assert_eq!(svg.matches(r#"class="share""#).count(), 3, "{svg}");
        assert!(
            svg.contains(">30 %</text>") && svg.contains(">40 %</text>"),
            "{svg}"
        );
        assert!(
            svg.contains("<title>coordination: 30 % (3 h)</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("<title>Deep Work: 40 % (4 h)</title>"),
            "{svg}"
        );
        assert!(svg.contains(r#"class="cat cat-deep-work""#), "{svg}");
        assert!(svg.contains("<desc>2026-W45: coordination 30 % (3 h), execution 30 % (3 h), Deep Work 40 % (4 h)</desc>"), "{svg}");
    }

    #[test]
    fn stacked_shares_hides_narrow_labels_but_keeps_tooltips() {
        let segments = [("leverage", 5.5), ("strategy", 0.5), ("execution", 10.0)];
        let svg = stacked_shares(
            "Allocation",
            &[Stack {
                label: "W1",
                segments: &segments,
                href: None,
            }],
        );
        assert_eq!(svg.matches(r#"class="share""#).count(), 2, "{svg}");
        assert!(
            svg.contains("<title>leverage: 34 % (5.5 h)</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("<title>strategy: 3 % (0.5 h)</title>"),
            "{svg}"
        );
        let tiny = stacked_shares(
            "t",
            &[Stack {
                label: "W1",
                segments: &[("a", 0.001), ("b", 99.0)],
                href: None,
            }],
        );
        assert!(tiny.contains("<title>a: &lt;1 % (0 h)</title>"), "{tiny}");
    }

    #[test]
    fn stacked_shares_zero_total_row() {
        let zero = [
            ("coordination", 0.0),
            ("leverage", f64::NAN),
            ("strategy", -2.0),
        ];
        let full = [("leverage", 1.0)];
        let svg = stacked_shares(
            "Allocation",
            &[
                Stack {
                    label: "W1",
                    segments: &zero,
                    href: None,
                },
                Stack {
                    label: "W2",
                    segments: &full,
                    href: None,
                },
            ],
        );
        assert_chart(&svg);
        assert!(svg.contains(r#"<rect class="track""#), "{svg}");
        assert!(svg.contains(">no time logged</text>"), "{svg}");
        assert!(svg.contains(">100 %</text>"), "{svg}");
        assert!(
            svg.contains("W1: no time logged; W2: leverage 100 % (1 h)"),
            "{svg}"
        );
    }

    #[test]
    fn lines_break_at_gaps_and_label_the_last_point() {
        let points = [
            ("W1", Some(40.0)),
            ("W2", Some(50.0)),
            ("W3", None),
            ("W4", Some(55.0)),
            ("W5", Some(61.0)),
        ];
        let svg = lines(
            "Index",
            &[Series {
                name: "index",
                points: &points,
            }],
            100.0,
            plain,
        );
        assert_chart(&svg);
        let path = svg
            .split(r#"class="line series-0" fill="none" d=""#)
            .nth(1)
            .unwrap();
        let d = &path[..path.find('"').unwrap()];
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert_eq!(d.matches('L').count(), 2, "{d}");
        assert_eq!(svg.matches("<circle").count(), 4, "{svg}");
        assert!(
            svg.contains(r#"class="value series-0""#) && svg.contains(">61</text>"),
            "{svg}"
        );
        assert!(svg.contains("W3: no data"), "{svg}");
        assert!(!svg.contains("legend"), "one series needs no legend");
        for label in ["0", "25", "50", "75", "100"] {
            assert!(
                svg.contains(&format!(">{label}</text>")),
                "grid label {label}: {svg}"
            );
        }
    }

    #[test]
    fn lines_with_two_series_have_a_legend_and_thinned_labels() {
        let labels: Vec<String> = (1..=40).map(|w| format!("W{w}")).collect();
        let a: Vec<(&str, Option<f64>)> = labels.iter().map(|l| (l.as_str(), Some(0.3))).collect();
        let b: Vec<(&str, Option<f64>)> = labels.iter().map(|l| (l.as_str(), Some(0.31))).collect();
        let svg = lines(
            "Shares",
            &[
                Series {
                    name: "compounding",
                    points: &a,
                },
                Series {
                    name: "alignment",
                    points: &b,
                },
            ],
            1.0,
            pct,
        );
        assert_chart(&svg);
        assert!(
            svg.contains(r#"<g class="legend">"#) && svg.contains(">alignment</text>"),
            "{svg}"
        );
        let x_labels = svg.split(r#"<g class="label">"#).nth(1).unwrap();
        let x_labels = &x_labels[..x_labels.find("</g>").unwrap()];
        assert!(x_labels.matches("<text").count() <= 13, "{x_labels}");
        assert!(x_labels.contains(">W40</text>"), "{x_labels}");
        assert!(
            svg.contains(">31 %</text>") && svg.contains(">30 %</text>"),
            "{svg}"
        );
    }

    #[test]
    fn lines_grow_the_scale_rather_than_clip() {
        let points = [("a", Some(50.0)), ("b", Some(150.0))];
        let svg = lines(
            "t",
            &[Series {
                name: "s",
                points: &points,
            }],
            100.0,
            plain,
        );
        assert!(svg.contains(">150</text>"), "{svg}");
    }

    #[test]
    fn sparkline_breaks_at_gaps() {
        let svg = sparkline("Index", &[Some(1.0), Some(2.0), None, Some(3.0), Some(2.5)]);
        assert_chart(&svg);
        assert!(svg.contains(r#"viewBox="0 0 100 24""#), "{svg}");
        assert!(svg.contains("<desc>1, 2, no data, 3, 2.5</desc>"), "{svg}");
        let d = svg.split(" d=\"").nth(1).unwrap();
        assert_eq!(d[..d.find('"').unwrap()].matches('M').count(), 2, "{svg}");
        let flat = sparkline("Flat", &[Some(5.0), Some(5.0)]);
        assert_chart(&flat);
        assert!(flat.contains("<path"), "{flat}");
    }

    #[test]
    fn progress_clamps_the_fill_but_prints_the_real_percentage() {
        let over = progress("Target", Some(1.3));
        assert_chart(&over);
        assert!(over.contains(">130 %</text>"), "{over}");
        assert!(
            over.contains(r#"class="fill over" x="0" y="5" width="220""#),
            "{over}"
        );
        let under = progress("Target", Some(-0.2));
        assert!(
            under.contains(">-20 %</text>") && !under.contains("fill"),
            "{under}"
        );
        let half = progress("Target", Some(0.5));
        assert!(
            half.contains(r#"width="110""#) && half.contains(">50 %</text>"),
            "{half}"
        );
        for none in [progress("Target", None), progress("Target", Some(f64::NAN))] {
            assert_chart(&none);
            assert!(
                none.contains(">no target</text>") && !none.contains("fill"),
                "{none}"
            );
        }
    }

    #[test]
    fn checkins_draw_steps_bars_and_target() {
        let svg = checkins(
            "MRR",
            &[
                Checkin {
                    date: "2026-03-01",
                    value: 10_900.0,
                },
                Checkin {
                    date: "2026-01-01",
                    value: 10_200.0,
                },
            ],
            &[
                ("2026-01-01", 3.0),
                ("2026-02-01", 8.0),
                ("2026-03-01", 12.5),
            ],
            Some(12_000.0),
            "€",
        );
        assert_chart(&svg);
        assert!(
            svg.contains(r#"<g class="target">"#) && svg.contains(">target 12000 €</text>"),
            "{svg}"
        );
        assert!(
            svg.contains(">10200 €</text>") && svg.contains(">10900 €</text>"),
            "{svg}"
        );
        assert!(svg.contains(r#"<g class="bar hours">"#), "{svg}");
        let d = svg
            .split(r#"class="line series-0" fill="none" d=""#)
            .nth(1)
            .unwrap();
        let d = &d[..d.find('"').unwrap()];
        assert_eq!(
            (d.matches('H').count(), d.matches('V').count()),
            (1, 1),
            "a step: {d}"
        );
        assert!(
            svg.contains("<title>2026-02-01: 8 h invested</title>"),
            "{svg}"
        );
        assert!(svg.contains(
            "<desc>Check-ins — 2026-01-01: 10200 €, 2026-03-01: 10900 €. Target — 12000 €. \
             Hours invested (cumulative) — 2026-01-01: 3 h, 2026-02-01: 8 h, 2026-03-01: 12.5 h</desc>"
        ), "{svg}");
        // The axis labels share one scale.
        assert!(!svg.contains(">9000<"), "{svg}");
    }

    #[test]
    fn nan_and_infinity_are_never_printed() {
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            for svg in every_chart("W1", value) {
                assert_chart(&svg);
            }
        }
        let svg = bars(
            "t",
            &[Bar {
                label: "a",
                value: f64::NAN,
                href: None,
            }],
            "h",
        );
        assert!(svg.contains(">0 h</text>"), "{svg}");
    }

    #[test]
    fn numbers_are_formatted_compactly() {
        assert_eq!(num(9.0, 1), "9");
        assert_eq!(num(12.46, 1), "12.5");
        assert_eq!(num(-0.04, 1), "0");
        assert_eq!(num(f64::NAN, 1), "0");
        assert_eq!(percent(0.3), "30 %");
        assert_eq!(percent(0.125), "13 %");
        assert_eq!(percent(1.3), "130 %");
        assert_eq!(
            tick_labels(&[9_000.0, 10_000.0, 11_000.0]),
            ["9k", "10k", "11k"]
        );
        assert_eq!(tick_labels(&[0.0, 0.25, 0.5]), ["0", "0.25", "0.5"]);
        assert_eq!(slug("Deep Work!"), "deep-work-");
        assert_eq!(slug(""), "none");
    }

    fn hostile_text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(HOSTILE.to_owned()),
            "[<>&\"' a-zA-Z0-9/:-]{0,16}",
            any::<String>(),
        ]
    }

    fn any_value() -> impl Strategy<Value = f64> {
        prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(f64::MAX),
            Just(-f64::MAX),
            Just(0.0),
            -1e6..1e6_f64,
            any::<f64>(),
        ]
    }

    proptest! {
        #[test]
        fn no_input_breaks_a_chart(
            title in hostile_text(),
            unit in hostile_text(),
            items in prop::collection::vec((hostile_text(), any_value(), any::<bool>()), 0..8),
            y_max in any_value(),
        ) {
            let bar_list: Vec<Bar<'_>> = items
                .iter()
                .map(|(label, value, link)| Bar { label, value: *value, href: link.then_some(label.as_str()) })
                .collect();
            let segments: Vec<(&str, f64)> = items.iter().map(|(l, v, _)| (l.as_str(), *v)).collect();
            let rows: Vec<Stack<'_>> = items
                .iter()
                .enumerate()
                .map(|(i, (label, _, link))| Stack {
                    label,
                    segments: &segments[i..],
                    href: link.then_some(label.as_str()),
                })
                .collect();
            let points: Vec<(&str, Option<f64>)> = items
                .iter()
                .map(|(l, v, gap)| (l.as_str(), (!gap).then_some(*v)))
                .collect();
            let series = [Series { name: &title, points: &points }, Series { name: &unit, points: &points[points.len() / 2..] }];
            let values: Vec<Option<f64>> = points.iter().map(|p| p.1).collect();
            let check_list: Vec<Checkin<'_>> = items.iter().map(|(date, value, _)| Checkin { date, value: *value }).collect();
            let charts = [
                bars(&title, &bar_list, &unit),
                stacked_shares(&title, &rows),
                lines(&title, &series, y_max, plain),
                lines(&title, &series[..1], y_max, pct),
                sparkline(&title, &values),
                progress(&title, Some(y_max)),
                checkins(&title, &check_list, &segments, Some(y_max), &unit),
            ];
            for svg in &charts {
                prop_assert!(check_xml(svg).is_ok(), "{:?}\n{}", check_xml(svg), svg);
                prop_assert!(svg.contains("<title>") && svg.contains("<desc>"));
            }
        }
    }
}

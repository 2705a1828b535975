//! Horizontal 100 % stacked bars: the allocation of time across categories.

use super::{
    HUGE, Stack, WIDTH,
    bars::{Column, HEIGHT, Segment, draw_columns},
    scale::{count, join_or_no_data, or_zero, percent, with_unit},
    slug,
    svg::{
        Anchor, Mark, close, close_link, empty, fit, legend, open, open_link, rect, text,
        text_width, widest,
    },
};

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

    let (legend_out, legend_h) = category_legend(cleaned.iter().flatten().map(|&(name, _)| name));

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

/// The legend of a stacked chart: each category once, in order of first
/// appearance, with its colour swatch; and the legend's height.
fn category_legend<'a>(names: impl Iterator<Item = &'a str>) -> (String, f64) {
    let mut categories: Vec<&str> = Vec::new();
    for name in names {
        // A handful of categories: a linear scan beats a set here.
        if !categories.contains(&name) {
            categories.push(name);
        }
    }
    let items: Vec<(Mark, &str)> = categories
        .iter()
        .map(|&name| (Mark::Swatch(format!("cat cat-{}", slug(name))), name))
        .collect();
    legend(&items)
}

pub(super) fn stacked_desc(
    rows: &[Stack<'_>],
    cleaned: &[Vec<(&str, f64)>],
    shares: &[Vec<f64>],
) -> String {
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

/// Each segment's share of the row total; empty when the total is 0.
pub(super) fn shares_of(segments: &[(&str, f64)]) -> Vec<f64> {
    // Scale by the largest first, so that a sum of huge values stays finite.
    let max = segments.iter().fold(0.0_f64, |m, s| m.max(s.1));
    if max <= 0.0 {
        return Vec::new();
    }
    let total: f64 = segments.iter().map(|s| s.1 / max).sum();
    segments.iter().map(|s| s.1 / max / total).collect()
}

/// Vertical bars stacked by category (one column per Stack: hours per day),
/// on a y-axis in `unit`, the first segment at the bottom, each coloured by
/// its category's class (`cat cat-{slug}`, as in [`stacked_shares`]); the
/// column's total is printed over it where it fits, each segment's hours in
/// its tooltip, and a legend names the categories in order of first
/// appearance. Non-finite or negative segments count as 0.
#[must_use]
pub fn stacked_bars(title: &str, columns: &[Stack<'_>], unit: &str) -> String {
    let cleaned: Vec<Vec<(&str, f64)>> = columns
        .iter()
        .map(|column| {
            column
                .segments
                .iter()
                .map(|&(name, v)| (name, or_zero(v).clamp(0.0, HUGE)))
                .collect()
        })
        .collect();
    let totals: Vec<f64> = cleaned
        .iter()
        .map(|segments| segments.iter().map(|s| s.1).sum::<f64>().min(HUGE))
        .collect();
    let desc = join_or_no_data(
        columns
            .iter()
            .zip(&cleaned)
            .zip(&totals)
            .map(|((column, segments), &total)| {
                let parts: Vec<String> = segments
                    .iter()
                    .filter(|s| s.1 > 0.0)
                    .map(|&(name, v)| format!("{name} {}", with_unit(v, unit)))
                    .collect();
                if parts.is_empty() {
                    format!("{}: {}", column.label, with_unit(total, unit))
                } else {
                    format!(
                        "{}: {} ({})",
                        column.label,
                        with_unit(total, unit),
                        parts.join(", ")
                    )
                }
            }),
        "; ",
    );
    if columns.is_empty() {
        return empty("stacked-bars", title, &desc, "no data");
    }
    let (legend_out, legend_h) = category_legend(
        cleaned
            .iter()
            .flatten()
            .filter(|&&(_, v)| v > 0.0)
            .map(|&(name, _)| name),
    );
    let top = if legend_h > 0.0 { legend_h + 4.0 } else { 0.0 };
    let drawn: Vec<Column<'_>> = columns
        .iter()
        .zip(&cleaned)
        .zip(&totals)
        .map(|((column, segments), &total)| Column {
            label: column.label,
            href: column.href,
            total,
            segments: segments
                .iter()
                .filter(|s| s.1 > 0.0)
                .map(|&(name, value)| Segment {
                    class: format!("cat cat-{}", slug(name)),
                    value,
                    tip: format!("{} — {name}: {}", column.label, with_unit(value, unit)),
                })
                .collect(),
        })
        .collect();
    let mut out = open("stacked-bars", WIDTH, top + HEIGHT, title, &desc);
    out.push_str(&legend_out);
    draw_columns(&mut out, &drawn, unit, top);
    close(out)
}

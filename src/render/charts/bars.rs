//! Vertical bars with value labels: hours per day or week.

use super::{
    Bar, HUGE, WIDTH,
    scale::{count, join_or_no_data, num, or_zero, with_unit},
    svg::{
        close, close_link, empty, fit_anchor, label_step, open, open_link, rect, text, text_width,
        widest,
    },
};
use std::fmt::Write as _;

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

//! Numbers on a chart: finite values, rounding, units, percentages,
//! counts, and the ticks of an axis.

use super::HUGE;

pub(super) fn join_or_no_data(parts: impl Iterator<Item = String>, separator: &str) -> String {
    let parts: Vec<String> = parts.collect();
    if parts.is_empty() {
        "no data".to_owned()
    } else {
        parts.join(separator)
    }
}

pub(super) fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

pub(super) fn or_zero(v: f64) -> f64 {
    finite(v).unwrap_or(0.0)
}

/// `v` with at most `decimals` decimals and no trailing zeros; never `-0`,
/// never `NaN` or `inf` (non-finite prints as 0).
pub(super) fn num(v: f64, decimals: usize) -> String {
    crate::format::decimal(v, decimals)
}

/// "12.5 h", or "12.5" when `unit` is empty.
pub(super) fn with_unit(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        num(v, 1)
    } else {
        format!("{} {unit}", num(v, 1))
    }
}

/// A share as a whole percentage, rounded half away from zero: "34 %"; a
/// positive share too small to show as 1 % is "<1 %", not "0 %".
pub(super) fn percent(share: f64) -> String {
    let p = or_zero(share) * 100.0;
    if p > 0.0 && p < 0.5 {
        "<1 %".to_owned()
    } else {
        format!("{} %", num(p.round(), 0))
    }
}

#[allow(
    clippy::cast_precision_loss,
    reason = "counts of bars and points are far below 2^52"
)]
pub(super) fn count(n: usize) -> f64 {
    n as f64
}

/// A non-negative finite float as a count (rounded down), saturating.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the value is checked to be finite and clamped to 0..=1e9 first"
)]
pub(super) fn to_count(x: f64) -> usize {
    if x.is_finite() {
        x.clamp(0.0, 1e9) as usize
    } else {
        0
    }
}

/// A padded range for the check-in values: from zero when zero is within one
/// span of the data (a count from 3 to 12), else just around the data (a
/// revenue from 10,000 to 12,000), so that a real shift is not flattened.
pub(super) fn value_domain(values: impl Iterator<Item = f64>) -> (f64, f64) {
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
pub(super) fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
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
pub(super) fn tick_labels(ticks: &[f64]) -> Vec<String> {
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

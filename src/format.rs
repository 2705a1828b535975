//! Numbers as people read them, in one place: the terminal, the site and the
//! Markdown report round the same figure the same way (half away from zero,
//! SPEC 8), so 195 minutes is "3.3 h" everywhere.

/// `value` rounded half away from zero to `places` decimals; never `-0`.
pub fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    let rounded = (value * scale).round() / scale;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// Minutes as tenths of an hour, rounded half up in integers (no float on
/// the way: 195 minutes is 33 tenths).
pub fn tenths_of_hours(minutes: u64) -> u64 {
    (minutes * 10 + 30) / 60
}

/// Hours with one decimal, no trailing `.0`: "3.3", "3".
pub fn hours(minutes: u64) -> String {
    let tenths = tenths_of_hours(minutes);
    if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// Hours always with one decimal, for aligned columns: "3.3", "3.0".
pub fn hours_fixed(minutes: u64) -> String {
    let tenths = tenths_of_hours(minutes);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A number with at most `places` decimals, rounded half away from zero,
/// trailing zeros dropped: "3.25" → "3.3" at 1 place; never `-0`, `NaN`
/// prints as "0".
pub fn decimal(value: f64, places: usize) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let mut text = fixed(value, places);
    if text.contains('.') {
        let len = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(len);
    }
    if text == "-0" { "0".to_owned() } else { text }
}

/// A number with exactly `places` decimals, rounded half away from zero.
/// Written from the rounded integer of `value × 10^places` when it is exact
/// (every figure the site shows): `format!` of a float takes the slow exact
/// path for each of the site's hundred thousand numbers.
pub fn fixed(value: f64, places: usize) -> String {
    let scaled = (value * 10f64.powi(places as i32)).round();
    if scaled.is_nan() || scaled.abs() >= 1e15 {
        return format!("{:.places$}", round(value, places as i32));
    }
    let scaled = scaled as i64;
    let digits = scaled.unsigned_abs().to_string();
    let digits = format!("{digits:0>width$}", width = places + 1);
    let (whole, fraction) = digits.split_at(digits.len() - places);
    let sign = if scaled < 0 { "-" } else { "" };
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

use crate::parse::front_matter::Direction;

/// A duration as people write it: "1h 30m", "45m", "2h".
pub fn duration(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

/// A share (0.346) as a percentage with `places` decimals: "35 %".
pub fn percent(share: f64, places: usize) -> String {
    format!("{} %", fixed(share * 100.0, places))
}

/// A change with its sign, at most `places` decimals: "+1.5", "-0.3", and
/// "0" for what rounds to nothing.
pub fn signed(value: f64, places: usize) -> String {
    let text = decimal(value, places);
    if text == "0" || text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

/// Below this many invested minutes, a shift per hour says more about chance
/// than about the work: it is shown as "too few hours", never ranked.
pub const MIN_MINUTES_FOR_PER_HOUR: u64 = 120;

/// Realised leverage as a person reads it: the shift per hour with its unit
/// and the hours behind it ("0.85 subscribers per hour over 12.5 h"), or
/// "too few hours (1.5 h)" below two invested hours; `None` without a figure.
/// For a `direction: down` outcome (SPEC 5 v2) a positive shift is a fall,
/// and reads so: "1.43 days less per hour over 3.5 h".
pub fn per_hour(
    per_hour: Option<f64>,
    invested_minutes: u64,
    unit: Option<&str>,
    direction: Direction,
) -> Option<String> {
    let parts = per_hour_parts(per_hour, invested_minutes, unit, direction)?;
    Some(match parts.figure {
        Some(figure) => format!("{figure} {}", parts.words),
        None => parts.words,
    })
}

/// [`per_hour`] in the two parts a card shows: the figure ("0.85", none
/// below two invested hours) and the words after it ("subscribers per hour
/// over 12.5 h", or "too few hours (1.5 h)").
#[derive(Debug, PartialEq, serde::Serialize)]
pub struct PerHour {
    pub figure: Option<String>,
    pub words: String,
}

pub fn per_hour_parts(
    per_hour: Option<f64>,
    invested_minutes: u64,
    unit: Option<&str>,
    direction: Direction,
) -> Option<PerHour> {
    let value = per_hour?;
    if invested_minutes < MIN_MINUTES_FOR_PER_HOUR {
        return Some(PerHour {
            figure: None,
            words: format!("too few hours ({} h)", hours(invested_minutes)),
        });
    }
    let (value, way) = match direction {
        Direction::Up => (value, ""),
        Direction::Down if value < 0.0 => (-value, "more "),
        Direction::Down => (value, "less "),
    };
    let unit = unit
        .map(str::trim)
        .filter(|unit| !unit.is_empty())
        .map_or(String::new(), |unit| format!("{unit} "));
    Some(PerHour {
        figure: Some(decimal(value, 2)),
        words: format!("{unit}{way}per hour over {} h", hours(invested_minutes)),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        // The integer path writes what `format!` writes of the rounded value.
        #[test]
        fn fixed_writes_what_format_writes(value in -1e9f64..1e9, places in 0usize..4) {
            let slow = format!("{:.places$}", super::round(value, places as i32));
            prop_assert_eq!(super::fixed(value, places), slow);
        }
    }

    #[test]
    fn fixed_and_decimal_round_half_away_from_zero() {
        use super::{decimal, fixed};
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(-0.005, 2), "-0.01");
        assert_eq!(fixed(-0.004, 2), "0.00");
        assert_eq!(fixed(0.07, 2), "0.07");
        assert_eq!(decimal(3.25, 1), "3.3");
        assert_eq!(decimal(-0.04, 1), "0");
        assert_eq!(decimal(12.0, 2), "12");
        assert_eq!(decimal(f64::NAN, 2), "0");
        assert_eq!(fixed(1e300, 1).len(), 303);
    }

    #[test]
    fn per_hour_has_its_unit_and_hours_and_needs_two_hours() {
        use super::per_hour;
        use Direction::{Down, Up};
        assert_eq!(
            per_hour(Some(0.8512), 750, Some("subscribers"), Up).as_deref(),
            Some("0.85 subscribers per hour over 12.5 h")
        );
        assert_eq!(
            per_hour(Some(4.0), 90, Some("leads"), Up).as_deref(),
            Some("too few hours (1.5 h)")
        );
        assert_eq!(
            per_hour(Some(2.0), 120, None, Up).as_deref(),
            Some("2 per hour over 2 h")
        );
        assert_eq!(per_hour(None, 600, None, Up), None);
        // SPEC 5 (v2) direction: down: a fall is progress, and says so.
        assert_eq!(
            per_hour(Some(1.4286), 210, Some("days"), Down).as_deref(),
            Some("1.43 days less per hour over 3.5 h")
        );
        assert_eq!(
            per_hour(Some(-0.5), 240, Some("days"), Down).as_deref(),
            Some("0.5 days more per hour over 4 h")
        );
        // A card shows the figure big and the words under it.
        assert_eq!(
            super::per_hour_parts(Some(49.372), 528, Some("subscribers"), Up),
            Some(super::PerHour {
                figure: Some("49.37".into()),
                words: "subscribers per hour over 8.8 h".into()
            })
        );
        assert_eq!(
            super::per_hour_parts(Some(4.0), 90, None, Up).and_then(|p| p.figure),
            None
        );
    }

    use super::*;

    // Issue 12 item 9: one rounding for every view.
    #[test]
    fn half_rounds_up_everywhere() {
        assert_eq!(hours(195), "3.3");
        assert_eq!(hours_fixed(195), "3.3");
        assert_eq!(decimal(195.0 / 60.0, 1), "3.3");
        assert_eq!(fixed(195.0 / 60.0, 1), "3.3");
        assert_eq!(hours(180), "3");
        assert_eq!(hours_fixed(180), "3.0");
        assert_eq!(decimal(-0.01, 1), "0");
        assert_eq!(decimal(f64::NAN, 1), "0");
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(duration(90), "1h 30m");
        assert_eq!(percent(0.346, 0), "35 %");
        assert_eq!(signed(1.25, 1), "+1.3");
        assert_eq!(signed(-1.25, 1), "-1.3");
        assert_eq!(signed(0.04, 1), "0");
        // Every minute count agrees between the integer and the float paths.
        for minutes in 0..3000u64 {
            assert_eq!(
                hours(minutes),
                decimal(minutes as f64 / 60.0, 1),
                "{minutes}"
            );
        }
    }
}

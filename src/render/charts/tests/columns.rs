//! Bars and per-day stacked bars (the hours axis, stacking, value labels
//! where they fit) and the check-ins' time axis (issue 14, charts).

use super::super::{Bar, Checkin, Stack, bars, checkins, stacked_bars, svg};
use super::assert_chart;

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
    // The axis carries the unit; the labels over the bars are bare numbers.
    assert_eq!(values(&svg), ["12.5", "0", "9"], "{svg}");
    assert!(svg.contains(">W46</text>"), "{svg}");
    assert!(svg.contains(r#"<a href="../2026-W45/">"#), "{svg}");
}

/// The value labels of a chart, left to right as drawn.
pub(super) fn values(svg: &str) -> Vec<&str> {
    svg.split(r#"<text class="value""#)
        .skip(1)
        .map(|rest| {
            let text = &rest[rest.find('>').unwrap() + 1..];
            &text[..text.find('<').unwrap()]
        })
        .collect()
}

/// Every `<text>` with `class`: (left edge, right edge, content), from the
/// same estimate of widths the charts use.
fn extents<'a>(svg: &'a str, class: &str) -> Vec<(f64, f64, &'a str)> {
    svg.split(&format!(r#"<text class="{class}""#))
        .skip(1)
        .map(|rest| {
            let tag = &rest[..rest.find('>').unwrap()];
            let content = &rest[tag.len() + 1..rest.find('<').unwrap()];
            let x: f64 = attr(tag, "x").parse().unwrap();
            let w = svg::text_width(content);
            let (from, to) = if tag.contains(r#"text-anchor="middle""#) {
                (x - w / 2.0, x + w / 2.0)
            } else if tag.contains(r#"text-anchor="end""#) {
                (x - w, x)
            } else {
                (x, x + w)
            };
            (from, to, content)
        })
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let at = format!(" {tag}").find(&format!(" {name}=\"")).unwrap() + name.len() + 2;
    &tag[at..at + tag[at..].find('"').unwrap()]
}

fn never_overlap(labels: &[(f64, f64, &str)]) {
    let mut sorted = labels.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    for pair in sorted.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "overlapping labels: {pair:?}");
    }
    for &(from, to, text) in labels {
        assert!(from >= 0.0 && to <= 360.0, "{text} leaves the chart");
    }
}

#[test]
fn bars_thin_their_labels_when_crowded() {
    let labels: Vec<String> = (1..=52).map(|w| format!("2026-W{w:02}")).collect();
    let many: Vec<Bar<'_>> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| Bar {
            label,
            value: if i == 20 { 30.0 } else { 10.0 },
            href: None,
        })
        .collect();
    let svg = bars("A year", &many, "h");
    assert_chart(&svg);
    assert!(
        svg.contains(">2026-W52</text>"),
        "the last label is always shown"
    );
    assert!(svg.matches("<text class=\"label\"").count() < 15, "{svg}");
    // Value labels where they fit: the last and the tallest first, then
    // others as room allows, never two touching.
    let placed = extents(&svg, "value");
    never_overlap(&placed);
    assert!(placed.len() > 5 && placed.len() < 26, "{placed:?}");
    assert!(placed.iter().any(|p| p.2 == "30"), "the peak: {placed:?}");
    assert_eq!(values(&svg).last(), Some(&"10"), "{svg}");
}

// Issue 14, charts: "value labels where they fit". A quarter's 14 weekly
// bars label every week, in whole hours when one decimal would not fit.
#[test]
fn a_quarters_weekly_bars_all_get_a_value() {
    let labels: Vec<String> = (40..=53).map(|w| format!("W{w}")).collect();
    let weeks: Vec<Bar<'_>> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| Bar {
            label,
            value: 10.0 + f64::from(u8::try_from(i).unwrap()) * 1.35,
            href: None,
        })
        .collect();
    let svg = bars("A quarter", &weeks, "h");
    let placed = extents(&svg, "value");
    never_overlap(&placed);
    assert_eq!(placed.len(), 14, "{svg}");
    assert_eq!(values(&svg)[..3], ["10", "11", "13"], "{svg}");
    // Seven days have room for one decimal.
    let days: Vec<Bar<'_>> = weeks[..7].to_vec();
    assert_eq!(values(&bars("A week", &days, "h"))[..2], ["10", "11.4"]);
}

#[test]
fn a_label_that_does_not_fit_is_left_out() {
    // Two wide labels over neighbouring narrow bars: the taller wins.
    let bars_list = [
        Bar {
            label: "a",
            value: 1234.5,
            href: None,
        },
        Bar {
            label: "b",
            value: 2345.6,
            href: None,
        },
    ];
    let mut many = vec![bars_list[0]; 30];
    many[10] = bars_list[1];
    many[11] = bars_list[0];
    many[29] = bars_list[0];
    let svg = bars("Crowded", &many, "");
    let placed = extents(&svg, "value");
    never_overlap(&placed);
    assert!(placed.iter().any(|p| p.2 == "2346"), "{placed:?}");
    assert!(placed.len() < 30, "{placed:?}");
}

// Issue 14, charts: "per-day bars stacked by category, with a y-axis in hours".
#[test]
fn stacked_bars_stack_categories_bottom_up_on_an_hours_axis() {
    let monday = [("coordination", 1.0), ("execution", 3.0), ("leverage", 2.5)];
    let tuesday = [
        ("execution", 2.0),
        ("strategy", f64::NAN),
        ("leverage", 5.0),
    ];
    let svg = stacked_bars(
        "Per day",
        &[
            Stack {
                label: "Mon 09",
                segments: &monday,
                href: Some("../days/2026-11-09.html"),
            },
            Stack {
                label: "Tue 10",
                segments: &tuesday,
                href: None,
            },
            Stack {
                label: "Wed 11",
                segments: &[],
                href: None,
            },
        ],
        "h",
    );
    assert_chart(&svg);
    // The y-axis: round ticks in hours, from 0 past the tallest day (7 h).
    for tick in [">0 h<", ">2 h<", ">4 h<", ">6 h<", ">8 h<"] {
        assert!(svg.contains(tick), "{tick}: {svg}");
    }
    assert_eq!(values(&svg), ["6.5", "7", "0"], "{svg}");
    // Monday's segments in order, each on top of the one before, the first on
    // the axis, heights in proportion to the hours and adding up to the day.
    let column = svg
        .split(r#"<a href="../days/2026-11-09.html">"#)
        .nth(1)
        .unwrap();
    let column = &column[..column.find("</a>").unwrap()];
    let rects: Vec<(&str, f64, f64)> = column
        .split("<rect ")
        .skip(1)
        .map(|r| {
            let tag = &r[..r.find('>').unwrap()];
            (
                attr(tag, "class"),
                attr(tag, "y").parse().unwrap(),
                attr(tag, "height").parse().unwrap(),
            )
        })
        .collect();
    let classes: Vec<&str> = rects.iter().map(|r| r.0).collect();
    assert_eq!(
        classes,
        [
            "cat cat-coordination",
            "cat cat-execution",
            "cat cat-leverage"
        ]
    );
    let axis: f64 = svg
        .split(r#"<g class="axis"><line"#)
        .nth(1)
        .map(|l| attr(l, "y1").parse().unwrap())
        .unwrap();
    assert!((rects[0].1 + rects[0].2 - axis).abs() < 0.11, "{rects:?}");
    for pair in rects.windows(2) {
        assert!(
            (pair[1].1 + pair[1].2 - pair[0].1).abs() < 0.11,
            "{rects:?}"
        );
    }
    let per_hour = rects[0].2;
    assert!((rects[1].2 - 3.0 * per_hour).abs() < 0.2, "{rects:?}");
    let total: f64 = rects.iter().map(|r| r.2).sum();
    assert!((total - 6.5 * per_hour).abs() < 0.3, "{rects:?}");
    // Tooltips and the description give every category's hours.
    assert!(
        svg.contains("<title>Mon 09 — execution: 3 h</title>"),
        "{svg}"
    );
    assert!(
        svg.contains("Mon 09: 6.5 h (coordination 1 h, execution 3 h, leverage 2.5 h)"),
        "{svg}"
    );
    // The legend names the categories with time, in order of appearance.
    let legend = &svg[svg.find(r#"<g class="legend">"#).unwrap()..];
    let legend = &legend[..legend.find("</g>").unwrap()];
    assert!(!legend.contains("strategy"), "{legend}");
    assert!(
        legend.find("coordination") < legend.find("leverage"),
        "{legend}"
    );
}

// Issue 14, charts: "check-ins placed on a time axis": x in proportion to
// the date, whatever the number of check-ins between, with date ticks.
#[test]
fn checkins_sit_on_a_time_axis() {
    let svg = checkins(
        "Subscribers",
        &[
            Checkin {
                date: "2026-01-01",
                value: 100.0,
            },
            Checkin {
                date: "2026-01-02",
                value: 110.0,
            },
            Checkin {
                date: "2026-01-31",
                value: 200.0,
            },
        ],
        &[
            ("2026-01-01", 0.0),
            ("2026-01-02", 1.0),
            ("2026-01-31", 9.0),
        ],
        None,
        "",
    );
    assert_chart(&svg);
    let dots = &svg[svg.find(r#"<g class="dots series-0">"#).unwrap()..];
    let xs: Vec<f64> = dots
        .split("<circle cx=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(xs.len(), 3, "{svg}");
    let ratio = (xs[1] - xs[0]) / (xs[2] - xs[0]);
    assert!((ratio - 1.0 / 30.0).abs() < 0.005, "{xs:?}");
    // Weekly ticks on the Mondays of the span, labelled by day and month.
    for tick in [">5 Jan<", ">12 Jan<", ">19 Jan<", ">26 Jan<"] {
        assert!(svg.contains(tick), "{tick}: {svg}");
    }
    // A longer span is ticked by months, the year on the first.
    let long = checkins(
        "Revenue",
        &[
            Checkin {
                date: "2025-11-20",
                value: 1.0,
            },
            Checkin {
                date: "2026-04-02",
                value: 2.0,
            },
        ],
        &[],
        None,
        "",
    );
    for tick in [">Dec 2025<", ">Jan 2026<", ">Feb<", ">Apr<"] {
        assert!(long.contains(tick), "{tick}: {long}");
    }
}

#[test]
fn zeros_are_labelled_only_when_every_other_bar_is() {
    let labels: Vec<String> = (1..=40).map(|w| format!("W{w}")).collect();
    let crowded: Vec<Bar<'_>> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| Bar {
            label,
            value: if i < 20 { 0.0 } else { 10.0 + (i % 3) as f64 },
            href: None,
        })
        .collect();
    let svg = bars("Crowded", &crowded, "h");
    assert!(!values(&svg).contains(&"0"), "{svg}");
    assert!(!values(&svg).is_empty(), "{svg}");
    let roomy = &crowded[18..24];
    assert_eq!(
        values(&bars("Roomy", roomy, "h")),
        ["0", "0", "12", "10", "11", "12"]
    );
}

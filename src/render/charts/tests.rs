//! The charts' tests: well-formed, escaped, deterministic SVG for any input.

use super::scale::{num, percent, tick_labels};
use super::*;
use proptest::prelude::*;

mod columns;
use columns::values;

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

pub(super) fn assert_chart(svg: &str) {
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
        stacked_bars(
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
            label,
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
        stacked_bars("Per day", &[], "h"),
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
    assert!(!charts[5].contains("<path"));
    assert!(charts[8].contains("no check-ins yet"));
}

#[test]
fn output_is_deterministic() {
    assert_eq!(every_chart("W45", 7.25), every_chart("W45", 7.25));
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
    assert!(
        svg.contains(
            "<desc>Check-ins — 2026-01-01: 10200 €, 2026-03-01: 10900 €. Target — 12000 €. \
         Hours invested (cumulative) — 2026-01-01: 3 h, 2026-02-01: 8 h, 2026-03-01: 12.5 h</desc>"
        ),
        "{svg}"
    );
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
    assert_eq!(values(&svg), ["0"], "{svg}");
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
            stacked_bars(&title, &rows, &unit),
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

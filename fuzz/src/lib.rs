//! The bodies of the fuzz targets, shared by `fuzz_targets/*.rs` and by the
//! regression tests (`tests/it/fuzz_regressions.rs` includes this file), so a
//! crashing input is replayed through exactly the code that found it.
//!
//! Each function takes the fuzzer's bytes, skips what is not UTF-8 (the scan
//! turns such files into a diagnostic before any parsing), and panics when an
//! invariant breaks: a panic here is a bug, in the tool or in the invariant.

use leverage::config::Config;
use leverage::diagnostic::{Diagnostic, Printer};
use leverage::export;
use leverage::parse::{self, inline};
use leverage::render::markdown;
use leverage::report::Report;
use leverage::resolve::{self, Journal};
use leverage::scan::Source;

/// The paths a fuzzed text is parsed under: as a daily note, and as an outcome.
pub const DAILY: &str = "daily/2026-11-02.md";
pub const OUTCOME: &str = "outcomes/Goal.md";

fn source(path: &str, text: &str) -> Source {
    Source {
        path: path.to_owned(),
        text: text.to_owned(),
    }
}

/// Lines as an editor numbers them (a last line without `\n` counts).
fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

fn assert_line_within(line: u32, text: &str, what: &str) {
    assert!(
        line >= 1 && line as usize <= line_count(text),
        "{what} on line {line} of a {}-line text",
        line_count(text)
    );
}

fn text_of<'a>(sources: &'a [Source], path: &str) -> Option<&'a str> {
    sources
        .iter()
        .find(|s| s.path == path)
        .map(|s| s.text.as_str())
}

/// Every diagnostic about one of `sources` points at a line of it.
fn assert_diagnostics_within(diagnostics: &[Diagnostic], sources: &[Source]) {
    for diagnostic in diagnostics {
        assert!(diagnostic.column >= 1, "column 0: {diagnostic}");
        if let Some(text) = text_of(sources, &diagnostic.path) {
            assert_line_within(diagnostic.line, text, &diagnostic.to_string());
        }
    }
}

/// SPEC 6: categories partition the minutes of every period.
fn assert_partition(report: &Report) {
    for rows in [
        &report.days,
        &report.weeks,
        &report.months,
        &report.quarters,
        &report.years,
    ] {
        for row in rows {
            let sum: u64 = row.by_category.values().sum();
            assert_eq!(sum, row.minutes, "period {}", row.id);
        }
    }
}

/// Everything after parsing that a note's text can reach: the journal, the
/// report and its exports, the printed diagnostics and the rendered bodies.
fn downstream(journal: &Journal, sources: &[Source], config: &Config) {
    for activity in &journal.activities {
        let text = text_of(sources, &activity.file).expect("an activity's file is a source");
        assert_line_within(activity.line, text, "an activity");
    }
    assert_diagnostics_within(&journal.diagnostics, sources);
    let mut sorted = sources.to_vec();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let report = Report::for_site(journal, config, &sorted);
    assert_partition(&report);
    let json = export::json(&report);
    serde_json::from_str::<serde_json::Value>(&json).expect("the export is JSON");
    export::csv(&report);
    let printer = Printer::for_stderr();
    for diagnostic in &journal.diagnostics {
        printer.render(diagnostic, text_of(sources, &diagnostic.path));
    }
    for note in &report.notes {
        let text = text_of(sources, &note.path).expect("a note's file is a source");
        markdown::body_html(note, text, &report.notes, 2, &[]);
        // As a day page renders it: its activities' items left out.
        let mut shown: Vec<u32> = journal
            .activities
            .iter()
            .filter(|a| a.file == note.path)
            .map(|a| a.line)
            .collect();
        shown.sort_unstable();
        markdown::body_html(note, text, &report.notes, 1, &shown);
    }
}

/// Target `parse_note`: the bytes as a daily note and as an outcome note,
/// parsed (front-matter split and read, date, activities, inline fields), then
/// compiled and rendered.
pub fn parse_note(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = Config::default();
    let sources = [source(DAILY, text), source(OUTCOME, text)];
    let notes: Vec<parse::Note> = sources.iter().map(|s| parse::note(s, &config)).collect();
    for note in &notes {
        assert!(
            note.body <= text.len() && text.is_char_boundary(note.body),
            "body at {} of {} bytes",
            note.body,
            text.len()
        );
        for item in note.items.iter() {
            assert_line_within(item.line, text, "an item");
            assert!(item.own_tags <= item.tags.len());
            assert!(item.own_links <= item.links.len());
            assert!(item.links.iter().all(|&link| link < note.links.len()));
            // Each duration is at most a day (a longer one is a problem); an
            // item's durations add up (SPEC 4), so only their sum is bounded.
            let tokens = item.timed_by.len().max(1) as u32;
            assert!(
                item.minutes.is_none_or(|m| m <= 24 * 60 * tokens),
                "{item:?}"
            );
        }
        for link in note.links.iter() {
            assert_line_within(link.line, text, "a link");
        }
        assert_diagnostics_within(&note.diagnostics, &sources);
    }
    let journal = resolve::resolve(notes, &config, None);
    downstream(&journal, &sources, &config);
}

/// A small vault that touches every part of the config: default and custom
/// category tags, nested tags, an outcome, a check-in, a `saves::`.
const VAULT: [(&str, &str); 4] = [
    (
        "daily/2026-11-02.md",
        "- 1h #system/a/b [[Goal]] [saves:: 1h/week]\n- 30m #email\n- 2h #custom [category:: writing]\n- [ ] 1h #plan\n",
    ),
    (
        "daily/2026-11-09.md",
        "- 9h #code\n- 20m #x [[Goal]] [value:: 3]\n",
    ),
    (
        "outcomes/Goal.md",
        "---\ntarget: 10\ncheckins:\n  - {date: 2026-11-01, value: 1}\n---\n",
    ),
    ("notes/ignored/x.md", "- 1h #code\n"),
];

/// Target `config`: the bytes as `leverage.yaml`, then the small vault
/// compiled under whatever config came out.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (config, diagnostics) = Config::parse(text);
    assert_diagnostics_within(&diagnostics, &[source(leverage::config::FILE_NAME, text)]);
    assert!(
        config
            .categories
            .last()
            .is_some_and(|c| c.name == leverage::config::UNCATEGORIZED),
        "uncategorized is not the last category"
    );
    for category in &config.categories {
        assert!((0.0..=1.0).contains(&category.value), "{category:?}");
    }
    let sources: Vec<Source> = VAULT
        .iter()
        .filter(|(path, _)| !config.is_ignored(path, false))
        .map(|(path, text)| source(path, text))
        .collect();
    let notes = sources.iter().map(|s| parse::note(s, &config)).collect();
    let journal = resolve::resolve(notes, &config, None);
    for activity in &journal.activities {
        assert!(activity.category < config.categories.len());
    }
    downstream(&journal, &sources, &config);
}

/// Target `inline`: the tokenizers on the bytes as one item's text. Every span
/// they give must slice the text (on character boundaries).
pub fn inline(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for tag in inline::tags(text) {
        assert!(text[tag.at..].starts_with('#'), "{tag:?}");
        assert!(tag.name.split('/').all(|part| !part.is_empty()), "{tag:?}");
    }
    for field in inline::fields(text) {
        let whole = &text[field.span.clone()];
        let value = &text[field.value_span.clone()];
        assert!(
            field.span.start <= field.value_span.start && field.value_span.end <= field.span.end,
            "{field:?}"
        );
        assert_eq!(value.trim(), field.value, "{whole:?}");
        assert!(!field.key.is_empty(), "{field:?}");
    }
    let (found, problems) = inline::durations(text);
    for duration in &found {
        let _ = &text[duration.span.clone()];
        assert!(duration.minutes <= 24 * 60, "{duration:?}");
    }
    for problem in &problems {
        let _ = &text[problem.span.clone()];
    }
    let (minutes, problems) = inline::field_minutes(text);
    for problem in &problems {
        let _ = &text[problem.span.clone()];
    }
    // Several tokens add up; each is at most a day.
    assert!(minutes.is_none_or(|m| m as usize <= 24 * 60 * text.len()));
    if let Ok((minutes, per_days)) = inline::saves(text) {
        assert!([1, 7, 30, 91, 365].contains(&per_days), "{per_days}");
        assert!(minutes <= 24 * 60 * per_days, "{minutes}/{per_days}");
    }
    if let Some(number) = inline::number(text) {
        assert!(number.is_finite(), "{text:?} read as {number}");
    }
}

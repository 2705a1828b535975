//! Properties of whole notes, through the library (no process per case):
//! parsing never panics, activities stay inside their file, categories
//! partition the minutes of every period, and the order of files does not
//! matter (SPEC 4, 6, 10).

use leverage::config::Config;
use leverage::export;
use leverage::parse;
use leverage::report::Report;
use leverage::resolve::{self, Journal};
use leverage::scan::Source;
use proptest::prelude::*;

fn source(path: &str, text: &str) -> Source {
    Source {
        path: path.to_owned(),
        text: text.to_owned(),
    }
}

fn compile(sources: &[Source], config: &Config) -> Journal {
    let notes = sources.iter().map(|s| parse::note(s, config)).collect();
    resolve::resolve(notes, config, None)
}

/// Lines of `text` as an editor numbers them (a last line without `\n` counts).
fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

/// Every activity's line is a line of its file.
fn lines_are_inside(journal: &Journal, sources: &[Source]) -> Result<(), TestCaseError> {
    for a in &journal.activities {
        let source = sources.iter().find(|s| s.path == a.file).expect("its file");
        prop_assert!(
            a.line >= 1 && (a.line as usize) <= line_count(&source.text),
            "line {} of {} lines in {}",
            a.line,
            line_count(&source.text),
            a.file
        );
    }
    Ok(())
}

/// SPEC 6: each activity has one category, so `by_category` sums to `minutes`
/// in every period, and the day, week, month and quarter totals agree.
fn categories_partition(report: &Report) -> Result<(), TestCaseError> {
    let lists = [
        &report.days,
        &report.weeks,
        &report.months,
        &report.quarters,
    ];
    for rows in lists {
        for row in rows {
            let sum: u64 = row.by_category.values().sum();
            prop_assert_eq!(sum, row.minutes, "period {}", &row.id);
            prop_assert!(
                row.by_category.values().all(|&m| m > 0),
                "only categories with minutes"
            );
            for share in [row.compounding_share, row.alignment, row.off_target]
                .into_iter()
                .flatten()
            {
                prop_assert!((0.0..=1.0).contains(&share), "ratio {share} of {}", &row.id);
            }
            if let Some(index) = row.index {
                prop_assert!((0.0..=100.0).contains(&index), "index {index}");
            }
            prop_assert_eq!(row.compounding_share.is_none(), row.minutes == 0);
        }
    }
    let totals: Vec<u64> = lists
        .iter()
        .map(|rows| rows.iter().map(|r| r.minutes).sum())
        .collect();
    prop_assert!(totals.windows(2).all(|w| w[0] == w[1]), "{totals:?}");
    let done: u64 = report
        .activities
        .iter()
        .filter(|a| a.status == "done")
        .filter_map(|a| a.minutes)
        .map(u64::from)
        .sum();
    prop_assert_eq!(totals[0], done);
    Ok(())
}

/// One generated list item: indentation, status, words.
fn item() -> impl Strategy<Value = (usize, &'static str, Vec<&'static str>)> {
    let status = prop::sample::select(vec![
        "",
        "[ ] ",
        "[x] ",
        "[X] ",
        "[-] ",
        "DONE ",
        "TODO ",
        "LATER ",
        "NOW ",
        "DOING ",
        "CANCELED ",
        "CANCELLED ",
    ]);
    let word = prop::sample::select(vec![
        "#email",
        "#system",
        "#client/acme",
        "#a/b/c",
        "#review",
        "#x",
        "#Écriture",
        "#123",
        "30m",
        "1h",
        "1.5h",
        "1h30",
        "1h 30m",
        "2hrs",
        "90min",
        "(45m)",
        "09:00-10:30",
        "23:00-01:00",
        "(saves:: 1h/week)",
        "[saves:: 30m/month]",
        "[time:: 20m]",
        "(duration:: 1h)",
        "[category:: strategy]",
        "[category:: nope]",
        "[[Goal]]",
        "[[Other|alias]]",
        "![[Goal#Heading]]",
        "[g](../outcomes/Goal.md)",
        "[[Missing]]",
        "[value:: 3]",
        "`#code 5m`",
        "**bold**",
        "word",
        "$2m",
        "2mo",
        "#",
    ]);
    (0_usize..4, status, prop::collection::vec(word, 0..6))
}

/// A daily note of generated items; nesting never skips a level.
fn note_text() -> impl Strategy<Value = String> {
    prop::collection::vec(item(), 0..12).prop_map(|items| {
        let mut text = String::new();
        let mut depth = 0;
        for (i, (want, status, words)) in items.into_iter().enumerate() {
            depth = if i == 0 { 0 } else { want.min(depth + 1) };
            text.push_str(&"  ".repeat(depth));
            text.push_str("- ");
            text.push_str(status);
            text.push_str(&words.join(" "));
            text.push('\n');
        }
        text
    })
}

fn vault() -> impl Strategy<Value = Vec<Source>> {
    let dates = prop::sample::subsequence(
        vec![
            "2026-10-30",
            "2026-11-01",
            "2026-11-02",
            "2026-12-31",
            "2027-01-01",
            "2027-01-04",
        ],
        1..4,
    );
    (dates, prop::collection::vec(note_text(), 4)).prop_map(|(dates, texts)| {
        let mut sources = vec![
            source(
                "outcomes/Goal.md",
                "---\nbaseline: 0\ntarget: 10\ncheckins:\n  - {date: 2026-11-01, value: 2}\n---\n",
            ),
            source(
                "outcomes/Other.md",
                "- #email 30m is not an activity here\n",
            ),
        ];
        for (date, text) in dates.iter().zip(texts) {
            sources.push(source(&format!("daily/{date}.md"), &text));
        }
        sources
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Arbitrary text never panics the parser, and activities stay in the file.
    #[test]
    fn arbitrary_text_parses(text in any::<String>()) {
        let config = Config::default();
        let sources = [source("daily/2026-11-02.md", &text)];
        let journal = compile(&sources, &config);
        lines_are_inside(&journal, &sources)?;
        let report = Report::build(&journal, &config);
        categories_partition(&report)?;
    }

    /// Markdown-flavoured noise (the characters the grammar cares about).
    #[test]
    fn markdown_noise_parses(text in "([-*+#:>`|!()\\[\\]0-9a-zA-Zé /.\\t]|\\n|\\r\\n| {2}|---\\n|\u{feff}){0,300}") {
        let config = Config::default();
        let sources = [source("daily/2026-11-02.md", &text), source("outcomes/Goal.md", &text)];
        let journal = compile(&sources, &config);
        lines_are_inside(&journal, &sources)?;
        categories_partition(&Report::build(&journal, &config))?;
    }

    /// Generated vaults: sound lines and partitions, and the export does not
    /// depend on the order the files come in.
    #[test]
    fn generated_vaults(sources in vault(), rotate in 0_usize..8) {
        let config = Config::default();
        let journal = compile(&sources, &config);
        lines_are_inside(&journal, &sources)?;
        let report = Report::build(&journal, &config);
        categories_partition(&report)?;
        for a in &report.activities {
            prop_assert!(a.status == "done" || a.status == "planned", "{}", a.status);
            if a.status == "planned" {
                prop_assert!(a.leverage_hours.is_none());
            }
            if let Some(saves) = &a.saves {
                prop_assert!(saves.payback.is_none_or(|p| p >= 0.0));
            }
        }
        let json = export::json(&report);

        let mut shuffled = sources.clone();
        shuffled.reverse();
        let len = shuffled.len();
        shuffled.rotate_left(rotate % len);
        let other = Report::build(&compile(&shuffled, &config), &config);
        prop_assert_eq!(&json, &export::json(&other));
        prop_assert_eq!(export::csv(&report), export::csv(&other));
    }
}

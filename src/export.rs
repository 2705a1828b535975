//! `leverage export`: the report as JSON (SPEC section 8) or the activities as CSV.

use crate::report::Report;

/// The JSON document, pretty-printed, ending with a newline.
pub fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).expect("the report serialises");
    text.push('\n');
    text
}

/// The same document on one line, for the site's `data/export.json`: programs
/// read it, and indentation would be over half its bytes.
pub fn json_compact(report: &Report) -> String {
    let mut text = serde_json::to_string(report).expect("the report serialises");
    text.push('\n');
    text
}

/// One row per activity in the JSON's key order, with a header row; lists are
/// joined with spaces, and `saves` is spread over four columns.
pub fn csv(report: &Report) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "file",
        "line",
        "date",
        "text",
        "status",
        "tags",
        "category",
        "kind",
        "minutes",
        "outcomes",
        "leverage_hours",
        "saves_minutes",
        "saves_per_days",
        "accrued_minutes",
        "payback",
    ];
    writer.write_record(header).expect("writing to memory");
    let optional = |value: Option<String>| value.unwrap_or_default();
    for a in &report.activities {
        let saves = a.saves.as_ref();
        writer
            .write_record([
                cell(&a.file),
                a.line.to_string(),
                a.date.to_string(),
                cell(&a.text),
                a.status.to_owned(),
                cell(&a.tags.join(" ")),
                cell(&a.category),
                a.kind.to_owned(),
                optional(a.minutes.map(|m| m.to_string())),
                cell(&a.outcomes.join(" ")),
                optional(
                    a.leverage_hours
                        .map(|p| format!("{}", crate::report::round(p, 2))),
                ),
                optional(saves.map(|s| s.minutes.to_string())),
                optional(saves.map(|s| s.per_days.to_string())),
                optional(saves.map(|s| s.accrued_minutes.to_string())),
                optional(
                    saves
                        .and_then(|s| s.payback)
                        .map(|p| format!("{}", crate::report::round(p, 4))),
                ),
            ])
            .expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("flushing to memory"))
        .expect("CSV of UTF-8 strings")
}

/// A cell of the user's text, made inert for spreadsheets (CSV formula
/// injection, OWASP's advice): text starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return would be read as a formula by Excel, Calc or
/// Sheets (`=HYPERLINK(...)` opens a link), so it gets a leading `'`, which
/// spreadsheets show as text and do not display. Figures are ours and never
/// pass through here.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    // Issue 15 item 9: CSV formula injection.
    #[test]
    fn item_9_formula_cells_are_neutralised() {
        for text in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(super::cell(text), format!("'{text}"), "{text:?}");
        }
        for text in ["Answered email", "a=b", "", "#tag"] {
            assert_eq!(super::cell(text), text);
        }
    }
}

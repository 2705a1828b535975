use super::*;

#[test]
fn positions_are_one_based_in_characters() {
    let index = LineIndex::new("ab\ncé d\n");
    assert_eq!(index.position(0), (1, 1));
    assert_eq!(index.position(3), (2, 1));
    // "d" comes after "cé " (4 bytes, 3 characters).
    assert_eq!(index.position(7), (2, 4));
    assert_eq!(index.position(999), (3, 1));
}

#[test]
fn positions_in_any_order_agree_with_counting_from_the_line_start() {
    let text = "é1 é2 é3\nx é y\n";
    let index = LineIndex::new(text);
    let fresh = |offset| LineIndex::new(text).position(offset);
    for offset in [9, 3, 0, 12, 13, 6, 6, 15, 11, 4, 2, 16] {
        assert_eq!(index.position(offset), fresh(offset), "offset {offset}");
    }
    // Inside a character: column 1, and the next answer is still right.
    assert_eq!(index.position(1), (1, 1));
    assert_eq!(index.position(3), (1, 3));
}

#[test]
fn many_positions_on_one_long_line_stay_linear() {
    let text = "é ".repeat(200_000);
    let index = LineIndex::new(&text);
    let mut last = 0;
    for offset in (0..text.len()).step_by(3) {
        let (line, column) = index.position(offset);
        assert_eq!(line, 1);
        assert!(column > last);
        last = column;
    }
    assert_eq!(last, 2 * 200_000 - 1);
}

/// SPEC 9 (v2) codes: every code, with an example and what to do, in the docs.
#[test]
fn docs_list_every_code() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md"))
        .expect("docs/diagnostics.md");
    let mut missing = Vec::new();
    for example in examples() {
        let heading = format!("## `{}`", example.code());
        if !docs.contains(&heading) {
            missing.push(format!("a section `{heading}`"));
        }
        let line = example.to_string();
        if !docs.contains(&line) {
            missing.push(format!("the example line `{line}`"));
        }
    }
    assert!(
        missing.is_empty(),
        "add to docs/diagnostics.md:\n{}",
        missing.join("\n")
    );
}

#[test]
fn allow_takes_a_code_out_and_counts_it() {
    let mut diagnostics = examples();
    let total = diagnostics.len();
    let mut allowed = std::collections::BTreeMap::new();
    settle(
        &mut diagnostics,
        &["invalid-value".to_owned()],
        &mut allowed,
    );
    assert_eq!(allowed["invalid-value"], 4);
    assert_eq!(diagnostics.len(), total - 4);
    assert!(diagnostics.iter().all(|d| d.code() != "invalid-value"));
}

#[test]
fn one_line_form_is_compiler_like() {
    let d = Diagnostic::error(
        "daily/a.md",
        (2, 7),
        Kind::ImpossibleDate {
            date: "2026-02-30".into(),
            in_file_name: false,
        },
    );
    assert_eq!(
        d.to_string(),
        "daily/a.md:2:7: error[impossible-date]: impossible date 2026-02-30"
    );
}

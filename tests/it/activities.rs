//! Activities as people write them (SPEC 4 and 5, v2): an outliner's Logseq
//! journal (talking points nested under a 1:1, `CLOCK:` entries, a `- ---`
//! block, blocks after a heading) and an Obsidian work log (spaced durations,
//! am/pm ranges, a `## Log` heading, Tasks plugin dates). Each fixture
//! asserts exactly which items are activities and what they count.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::vault::{Vault, run_in};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn export(dir: &Path) -> Value {
    let run = run_in(
        dir,
        &["export", "--format", "json", "--as-of", "2026-11-30"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("the export is JSON")
}

/// (line, date, status, minutes, tags, category, outcomes) of every activity.
type Row = (
    u64,
    String,
    String,
    Option<u64>,
    Vec<String>,
    String,
    Vec<String>,
);

fn rows(doc: &Value) -> Vec<Row> {
    let strings = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect()
    };
    let mut rows: Vec<Row> = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["line"].as_u64().unwrap(),
                a["date"].as_str().unwrap().to_owned(),
                a["status"].as_str().unwrap().to_owned(),
                a["minutes"].as_u64(),
                strings(&a["tags"]),
                a["category"].as_str().unwrap().to_owned(),
                strings(&a["outcomes"]),
            )
        })
        .collect();
    rows.sort_by_key(|row| row.0);
    rows
}

fn row(
    line: u64,
    date: &str,
    status: &str,
    minutes: Option<u64>,
    tags: &[&str],
    category: &str,
    outcomes: &[&str],
) -> Row {
    let owned = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect();
    (
        line,
        date.to_owned(),
        status.to_owned(),
        minutes,
        owned(tags),
        category.to_owned(),
        owned(outcomes),
    )
}

fn codes(doc: &Value) -> Vec<(u64, String)> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn text(doc: &Value, line: u64) -> &str {
    doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["line"] == line)
        .and_then(|a| a["text"].as_str())
        .unwrap_or_else(|| panic!("no activity on line {line}"))
}

/// SPEC 4 (v2) Details, Outlines, Never activities, Logseq clocks, `#[[Multi
/// Word]]`, markers; SPEC 5 (v2) check-ins without a tag.
#[test]
fn an_outliners_logseq_journal() {
    let doc = export(&fixture("outliner"));
    let d = "2026-11-04";
    let team = "pages/team-health";
    assert_eq!(
        rows(&doc),
        [
            // A block right after a `#` heading line: a block, not indented code.
            row(2, d, "done", Some(30), &["1on1"], "coordination", &[]),
            // The 1:1 with its talking points is one activity; `[[Team Health]]`
            // in a detail (line 10) is its link. Lines 3, 7-13 are no activities.
            row(5, d, "done", Some(30), &["1on1"], "coordination", &[team]),
            // An action item of its own (a marker), clocked: 30 minutes,
            // inheriting the 1:1's tag and its details' link.
            row(
                14,
                d,
                "done",
                Some(30),
                &["writing", "1on1"],
                "leverage",
                &[team]
            ),
            // No tag: a spaced duration at the end; the keyword `fix`.
            row(18, d, "done", Some(60), &[], "execution", &[]),
            // 01:29:55 counted; a 20 s toggle and another day's entry not:
            // 5395 s → 89.9 → 90 minutes.
            row(19, d, "done", Some(90), &["review"], "strategy", &[]),
            // Its only clock ran 14 hours: an untimed activity.
            row(25, d, "done", None, &["ops"], "execution", &[]),
            // A clock still running: a signal, no time; NOW is planned.
            row(29, d, "planned", None, &["writing"], "leverage", &[]),
            // Under a `- ---` block: a block at depth 1, not indented code.
            row(34, d, "done", Some(15), &["sync"], "coordination", &[]),
            row(
                35,
                d,
                "done",
                Some(30),
                &["deep work"],
                "uncategorized",
                &[]
            ),
            // Prose durations stay prose: "every 2 hours", "a 2 hour drive".
            row(37, d, "done", None, &["health"], "uncategorized", &[]),
        ]
    );
    assert_eq!(text(&doc, 19), "Review onboarding doc #review");
    assert_eq!(text(&doc, 35), "Read about #Deep Work 30m");
    // `- Team NPS now [[Team Health]] [value:: 42]`: no activity, a check-in.
    let outcome = &doc["outcomes"][0];
    assert_eq!(outcome["id"], team);
    assert_eq!(
        outcome["checkins"],
        json!([{"date": d, "value": 42, "source": "journals/2026_11_04.md:36"}])
    );
    assert_eq!(outcome["invested_minutes"], 60);
    let problems = codes(&doc);
    assert!(
        problems.contains(&(23, "clock-other-day".to_owned())),
        "{problems:?}"
    );
    assert!(
        problems.contains(&(27, "long-duration".to_owned())),
        "{problems:?}"
    );
}

/// SPEC 4 (v2) activity headings, spaced durations, am/pm and `to` ranges,
/// estimates, Tasks `✅`/`❌`/`📅`, lazy continuation.
#[test]
fn an_obsidian_work_log() {
    let doc = export(&fixture("worklog"));
    let (d, revenue) = ("2026-11-05", "outcomes/studio-revenue");
    assert_eq!(
        rows(&doc),
        [
            // `## 🗒️ Log:`: every top-level item below it, to `## Notes`.
            row(7, d, "done", Some(60), &[], "coordination", &[]),
            row(8, d, "done", Some(90), &[], "uncategorized", &[revenue]),
            row(9, d, "done", Some(45), &["client"], "execution", &[]),
            row(10, d, "done", Some(90), &[], "uncategorized", &[]),
            row(11, d, "done", Some(60), &[], "coordination", &[]),
            // `Round 1 - 25 min`: spaces around the dash, no estimate.
            row(12, d, "done", Some(25), &[], "uncategorized", &[]),
            // `1-2 hours` is an estimate; the nested line is a detail.
            row(13, d, "done", None, &[], "strategy", &[revenue]),
            row(15, d, "done", Some(15), &[], "uncategorized", &[]),
            // `### Afternoon` is below `## Log`: still its list.
            row(18, d, "done", Some(75), &[], "execution", &[]),
            // "a 2 hour drive" mid-text stays prose.
            row(19, d, "done", None, &[], "uncategorized", &[]),
            // Tasks plugin: `📅` ignored and left out of the text.
            row(23, d, "planned", None, &["planning"], "strategy", &[]),
            // `✅ 2026-11-06`: done, and dated that day.
            row(
                24,
                "2026-11-06",
                "done",
                Some(120),
                &["writing"],
                "leverage",
                &[]
            ),
            // 30m plus the lazily continued line's 10m.
            row(26, d, "done", Some(40), &["email"], "coordination", &[]),
        ]
    );
    assert_eq!(text(&doc, 23), "Plan Q1 #planning");
    assert_eq!(text(&doc, 24), "Write the report #writing 2 hours");
    assert_eq!(codes(&doc), [(27, "lazy-continuation".to_owned())]);
    // The `✅` day is a day of the report, with no note of its own.
    let days: Vec<&str> = doc["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|day| day["id"].as_str().unwrap())
        .collect();
    assert!(days.contains(&"2026-11-06"), "{days:?}");
}

/// Issue 12 item 9: `explain` on a line that is no activity says why.
#[test]
fn explain_says_why_a_line_is_no_activity() {
    let dir = fixture("outliner");
    let why = |line: u32| {
        let place = format!("journals/2026_11_04.md:{line}");
        let run = run_in(&dir, &["explain", &place]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        run.stderr
    };
    assert!(
        why(7).contains("a detail of the activity on line 5"),
        "{}",
        why(7)
    );
    assert!(why(4).contains("has no tag, duration"), "{}", why(4));
    assert!(why(12).contains("only an image"), "{}", why(12));
    assert!(why(36).contains("a check-in: `value:: 42`"), "{}", why(36));
    let run = run_in(&dir, &["explain", "journals/2026_11_04.md:5"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("[[Team Health]] (from a detail nested under it"),
        "{}",
        run.stdout
    );
}

/// SPEC 4 (v2): a day whose done minutes pass 24 hours is a warning at its
/// note; `[time:: 0m]` corrects the item that made it.
#[test]
fn a_day_over_24_hours_is_a_warning() {
    let note = "- Museum 09:00-18:00 #trip\n- Park 08:00-20:00 #trip\n- Hotel 6h #trip\n";
    let vault = Vault::new().file("daily/2026-11-04.md", note);
    let doc = vault.export(&["--as-of", "2026-11-30"]);
    let problems = codes(&doc);
    assert_eq!(problems, [(1, "day-over-24h".to_owned())]);
    assert_eq!(
        doc["diagnostics"][0]["message"],
        "the done activities of this day add up to 27 hours, more than 24"
    );
    let fixed = Vault::new().file(
        "daily/2026-11-04.md",
        note.replace("#trip\n- Hotel", "#trip [time:: 0m]\n- Hotel"),
    );
    assert!(codes(&fixed.export(&["--as-of", "2026-11-30"])).is_empty());
}

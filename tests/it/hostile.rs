//! Hostile input (SPEC 2, 3, 9): every bad note gives a diagnostic with its
//! line, nothing panics, and the rest of the vault is still compiled. The
//! pathological sizes only have to finish: no test here measures time.

use std::fmt::Write as _;

use serde_json::Value;

use crate::vault::Vault;

const HEALTHY: &str = "daily/2026-11-10.md";

/// A vault holding `path` with `bytes`, and one healthy daily note.
fn vault_with(path: &str, bytes: impl AsRef<[u8]>) -> Vault {
    Vault::new()
        .file(HEALTHY, "- Healthy work #code 30m\n")
        .file(path, bytes)
}

/// Exports and checks the vault: neither may crash, and the healthy note must
/// still be compiled. Returns the export.
fn survives(vault: &Vault) -> Value {
    let check = vault.run(&["check"]);
    assert!(
        matches!(check.code, Some(0 | 1)),
        "check crashed ({:?}): {}",
        check.code,
        check.stderr
    );
    assert!(!check.stderr.contains("panicked"), "{}", check.stderr);
    exported(vault)
}

/// Exports the vault (without a `check` run, for the big inputs): it may not
/// crash, and the healthy note must still be compiled.
fn exported(vault: &Vault) -> Value {
    let doc = vault.export(&[]);
    let healthy = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file"] == HEALTHY)
        .unwrap_or_else(|| panic!("the healthy note is gone: {:#}", doc["activities"]));
    assert_eq!(healthy["minutes"], 30);
    doc
}

/// The diagnostics of `file` as `(line, severity)`.
fn problems(doc: &Value, file: &str) -> Vec<(u64, String)> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn activities<'a>(doc: &'a Value, file: &str) -> Vec<&'a Value> {
    doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["file"] == file)
        .collect()
}

/// SPEC 2: invalid YAML is an error at its line in the file; the note keeps
/// its date from the file name and its body is read.
#[test]
fn invalid_yaml() {
    let f = "daily/2026-11-02.md";
    let doc = survives(&vault_with(
        f,
        "---\ntitle: x\ntags: [a, b\n---\n- #x 10m\n",
    ));
    let problems = problems(&doc, f);
    assert_eq!(problems.len(), 1, "{problems:?}");
    // The list opens on line 3; the parser notices by the end of the block (line 4).
    assert!((3..=4).contains(&problems[0].0), "{problems:?}");
    assert_eq!(problems[0].1, "error");
    let acts = activities(&doc, f);
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0]["line"], 5);
    assert_eq!(acts[0]["date"], "2026-11-02");
}

/// SPEC 2: an unclosed front-matter block is an error and the file is body.
#[test]
fn unclosed_front_matter() {
    let f = "daily/2026-11-02.md";
    let doc = survives(&vault_with(f, "---\ntitle: open\n\n- #x 10m\n"));
    assert_eq!(problems(&doc, f), [(1, "error".to_owned())]);
    let acts = activities(&doc, f);
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0]["line"], 4);
}

/// SPEC 2: a file that is only `---` is an unclosed block, not a crash.
#[test]
fn file_that_is_only_a_rule() {
    for text in ["---", "---\n", "---\r\n"] {
        let f = "daily/2026-11-02.md";
        let doc = survives(&vault_with(f, text));
        assert_eq!(problems(&doc, f), [(1, "error".to_owned())], "{text:?}");
        assert!(activities(&doc, f).is_empty());
    }
}

/// An empty file is a daily note without activities and without problems.
#[test]
fn empty_file() {
    let f = "daily/2026-11-02.md";
    let doc = survives(&vault_with(f, ""));
    assert!(problems(&doc, f).is_empty());
    let day = doc["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "2026-11-02")
        .expect("an empty daily note is still a day");
    assert_eq!(day["minutes"], 0);
}

/// SPEC 1: a file that is not UTF-8 is an error (at the line of the bad
/// bytes) and is skipped.
#[test]
fn invalid_utf8() {
    let f = "daily/2026-11-02.md";
    let doc = survives(&vault_with(f, b"- #x 10m\nsecond \xff\xfe line\n- #x 5m\n"));
    assert_eq!(problems(&doc, f), [(2, "error".to_owned())]);
    assert!(activities(&doc, f).is_empty(), "the note is skipped");
}

/// NUL bytes are text like any other: no crash, the items still count.
#[test]
fn nul_bytes() {
    let f = "daily/2026-11-02.md";
    let doc = survives(&vault_with(f, "- #x 10m \0 nul\n- #y\0 5m\n\0\0\0\n"));
    let acts = activities(&doc, f);
    assert_eq!(acts.len(), 2);
    assert_eq!(acts[0]["minutes"], 10);
    assert_eq!(acts[1]["minutes"], 5);
}

/// SPEC 2: a byte-order mark and CRLF line ends parse exactly like the plain form.
#[test]
fn bom_and_crlf_parse_like_the_plain_form() {
    let notes = [
        (
            "daily/2026-11-02.md",
            "---\ndate: 2026-11-02\ntags: [daily]\n---\n# Monday\n\n- Built it #system 90m [[Goal]] (saves:: 1h/week)\n  - nested #email 15m\n- [ ] planned #code 1h\n- 09:00-10:30 call #call\n\n```\n- #notanactivity 5m\n```\n",
        ),
        (
            "outcomes/Goal.md",
            "---\nbaseline: 1\ntarget: 4\ncheckins:\n  - {date: 2026-11-01, value: 2}\n---\nBody\n",
        ),
        (
            "daily/2026-11-03.md",
            "- #x 10m [[Goal]] [value:: 3]\n- [[Nowhere]] 5m\n",
        ),
    ];
    let plain = notes
        .iter()
        .fold(Vault::new(), |vault, (path, text)| vault.file(path, text));
    let windows = notes.iter().fold(Vault::new(), |vault, (path, text)| {
        vault.file(path, format!("\u{feff}{}", text.replace('\n', "\r\n")))
    });
    let plain_doc = plain.export(&[]);
    let windows_doc = windows.export(&[]);
    assert_eq!(plain_doc, windows_doc);
    // And the plain form is what it should be: the front-matter was read.
    // Built it, nested, planned, call; then the two items of 2026-11-03.
    assert_eq!(plain_doc["activities"].as_array().unwrap().len(), 6);
    assert_eq!(plain_doc["outcomes"][0]["current"], 3);
    assert_eq!(plain_doc["diagnostics"].as_array().unwrap().len(), 1);
    // The check output (with its source lines) is identical too.
    assert_eq!(plain.run(&["check"]).stderr, windows.run(&["check"]).stderr);
}

/// SPEC 3: impossible dates are errors; the note is then a page.
#[test]
fn impossible_dates() {
    let vault = vault_with("daily/2026-02-30.md", "- #x 10m\n")
        .file("daily/2026-13-01.md", "- #x 10m\n")
        .file(
            "daily/Tuesday.md",
            "---\ntitle: t\ndate: 2026-04-31\n---\n- #x 10m\n",
        );
    let doc = survives(&vault);
    assert_eq!(
        problems(&doc, "daily/2026-02-30.md"),
        [(1, "error".to_owned())]
    );
    assert_eq!(
        problems(&doc, "daily/2026-13-01.md"),
        [(1, "error".to_owned())]
    );
    assert_eq!(
        problems(&doc, "daily/Tuesday.md"),
        [(3, "error".to_owned())]
    );
    assert_eq!(
        doc["activities"].as_array().unwrap().len(),
        1,
        "only the healthy note"
    );
}

/// SPEC 2: a wrong type for any key the tool reads is a diagnostic at that
/// key's line; the rest of the note is still used.
#[test]
fn wrong_types_for_every_front_matter_key() {
    let daily = "\
---
date: [2026, 11, 2]
type: {kind: daily}
tags: {a: b}
title: [a, list]
aliases: {x: 1}
---
- #x 10m
";
    let outcome = "\
---
type: outcome
status: [active]
metric: {a: 1}
unit: [steps]
baseline: lots
target: {n: 5}
due: someday
checkins: every week
---
";
    let checkins = "\
---
checkins:
  - {date: not-a-date, value: 3}
  - {date: 2026-11-01, value: many}
  - just text
  - {value: 4}
---
";
    let vault = vault_with("daily/2026-11-02.md", daily)
        .file("outcomes/Goal.md", outcome)
        .file("outcomes/Checkins.md", checkins);
    let doc = survives(&vault);
    let lines = |file| -> Vec<u64> {
        let mut lines: Vec<u64> = problems(&doc, file).into_iter().map(|(l, _)| l).collect();
        lines.dedup();
        lines
    };
    assert_eq!(lines("daily/2026-11-02.md"), [2, 3, 4, 5, 6]);
    // `type: outcome` is fine; every other key is wrong.
    assert_eq!(lines("outcomes/Goal.md"), [3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(lines("outcomes/Checkins.md"), [3, 4, 5, 6]);
    // The bad `date:` leaves the file name's date; the body is read.
    let acts = activities(&doc, "daily/2026-11-02.md");
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0]["date"], "2026-11-02");
    // Both outcomes exist, with no check-ins.
    for outcome in doc["outcomes"].as_array().unwrap() {
        assert_eq!(outcome["checkins"], serde_json::json!([]), "{outcome}");
    }
}

/// A 1 MB line holding 200,000 distinct tags completes.
#[test]
fn a_megabyte_line_of_tags() {
    let mut line = String::from("- ");
    for i in 0..200_000 {
        write!(line, "#t{i} ").unwrap();
    }
    line.push_str("30m\n");
    assert!(line.len() > 1_000_000);
    let f = "daily/2026-11-02.md";
    let doc = exported(&vault_with(f, &line));
    let acts = activities(&doc, f);
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0]["tags"].as_array().unwrap().len(), 200_000);
    assert_eq!(acts[0]["tags"][199_999], "t199999");
    assert_eq!(acts[0]["minutes"], 30);
}

/// A 1 MB line of 50,000 links between 50,000 inline fields completes; links
/// inside a field's value are not read (SPEC 4).
#[test]
fn a_megabyte_line_of_links_and_fields() {
    let mut line = String::from("- #x 1m");
    for i in 0..50_000 {
        write!(line, " [[Goal]] [k{i}:: [[Other]]]").unwrap();
    }
    line.push('\n');
    assert!(line.len() > 1_000_000);
    let f = "daily/2026-11-02.md";
    let vault = vault_with(f, &line)
        .file("outcomes/Goal.md", "")
        .file("outcomes/Other.md", "");
    let doc = exported(&vault);
    let acts = activities(&doc, f);
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0]["outcomes"], serde_json::json!(["outcomes/goal"]));
    assert_eq!(acts[0]["minutes"], 1);
}

/// A list nested 2000 deep completes, and every level is an activity that
/// inherits its ancestors' tag (SPEC 4).
#[test]
fn a_list_nested_2000_deep() {
    let mut text = String::from("- Root #deep 1m\n");
    for depth in 1..2000 {
        text.push_str(&"  ".repeat(depth));
        text.push_str("- level 1m\n");
    }
    let f = "daily/2026-11-02.md";
    let doc = survives(&vault_with(f, &text));
    let acts = activities(&doc, f);
    // Whatever the Markdown parser makes of the deepest levels, each line is
    // at most one activity, and the root and its first children are activities.
    assert!(acts.len() <= 2000);
    assert!(acts.len() >= 100, "{} activities", acts.len());
    for a in &acts {
        assert_eq!(a["minutes"], 1);
    }
    assert_eq!(acts[1]["tags"], serde_json::json!(["deep"]));
}

/// A YAML alias bomb ("billion laughs") in front-matter is refused, not expanded.
#[test]
fn yaml_alias_bomb() {
    let mut text = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        writeln!(text, "{}: &{} [{refs}]", pair[1], pair[1]).unwrap();
    }
    text.push_str("title: Bomb\n---\n- #x 10m\n");
    let f = "daily/2026-11-02.md";
    let doc = survives(&vault_with(f, &text));
    let problems = problems(&doc, f);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].1, "error");
    assert_eq!(activities(&doc, f).len(), 1, "the body is still read");
}

/// SPEC 1: a folder named `x.md` is not a note.
#[test]
fn folder_named_like_a_note() {
    let vault = vault_with("x.md/2026-11-02.md", "- #x 10m\n").dir("y.md");
    let doc = survives(&vault);
    assert!(
        doc["diagnostics"].as_array().unwrap().is_empty(),
        "{:#}",
        doc["diagnostics"]
    );
    // The note inside the folder is read like any other.
    assert_eq!(activities(&doc, "x.md/2026-11-02.md").len(), 1);
}

/// Links that climb out of the vault or are absolute never reach a file
/// outside it, even one that would be an outcome.
#[test]
fn links_escaping_the_vault() {
    // The vault is `vault/`; `Secret.md` next to it is an outcome note that no link may reach.
    let outer = Vault::new()
        .file("Secret.md", "---\ntype: outcome\n---\n")
        .file("vault/daily/2026-11-10.md", "- Healthy work #code 30m\n")
        .file(
            "vault/daily/2026-11-02.md",
            "- #x 10m [[../../etc/passwd]] [[../Secret]] [x](/etc/passwd) [s](../../Secret.md) [t](../../../../../../etc/passwd.md)\n",
        );
    let run = outer.run(&["export", "vault"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["outcomes"], serde_json::json!([]));
    let acts = activities(&doc, "daily/2026-11-02.md");
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0]["outcomes"], serde_json::json!([]));
    assert_eq!(acts[0]["minutes"], 10);
    // Each such link is reported, with its line.
    let problems = problems(&doc, "daily/2026-11-02.md");
    assert!(!problems.is_empty());
    assert!(
        problems
            .iter()
            .all(|(line, s)| *line == 1 && s == "warning"),
        "{problems:?}"
    );
}

/// Absurd durations are reported and do not count; nothing overflows.
#[test]
fn absurd_durations_and_clock_ranges() {
    let text = "\
- #x 123456789012345678901234567890m
- #x 40000000h 40000000h
- 25:00-26:00 #x
- #x 99999999999h
- 23:59-00:00 #x
";
    let f = "daily/2026-11-02.md";
    let doc = survives(&vault_with(f, text));
    let acts = activities(&doc, f);
    assert_eq!(acts.len(), 5);
    for a in &acts[..4] {
        assert!(a["minutes"].is_null(), "{a}");
    }
    assert_eq!(acts[4]["minutes"], 1);
    let lines: Vec<u64> = problems(&doc, f).into_iter().map(|(l, _)| l).collect();
    for line in 1..=4 {
        assert!(lines.contains(&line), "a problem on line {line}: {lines:?}");
    }
    assert!(!lines.contains(&5));
}

/// Many daily notes of long days: the period sums do not overflow.
#[test]
fn many_long_days() {
    let mut vault = Vault::new().file(HEALTHY, "- Healthy work #code 30m\n");
    for day in 1..=28 {
        vault = vault.file(
            &format!("daily/2026-02-{day:02}.md"),
            "- #x 23h 59m\n".repeat(50),
        );
    }
    let doc = survives(&vault);
    let month = doc["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "2026-02")
        .unwrap();
    // 28 days × 50 items × 1439 minutes.
    assert_eq!(month["minutes"], 28 * 50 * 1439);
}

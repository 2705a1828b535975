//! The hostile corpus (tests/fixtures/hostile/) as one vault: everything that
//! editors, sync tools, merges and teammates leave behind, at once. The files
//! whose bytes are odd (not UTF-8, NUL, BOM and CRLF, lone CR, huge, deep,
//! links) are written by [`corpus`] rather than committed, so no checkout can
//! change them. `hostile.rs` takes each case alone through `check` and
//! `export`; here they must all come through together, the site included:
//! no crash, a located diagnostic for every wrong input, everything else
//! compiled, and a site that stays in proportion to the notes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::vault::Vault;

/// The corpus, plus the generated files; `big` adds the megabyte line of
/// 200,000 tags and the list nested 2,000 deep.
fn corpus(big: bool) -> Vault {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut vault = Vault::new();
    for entry in walkdir::WalkDir::new(&fixture).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(&fixture).unwrap();
            vault = vault.file(relative.to_str().unwrap(), fs::read(entry.path()).unwrap());
        }
    }
    vault = vault
        .file("daily/2026-11-11.md", b"- 1h #code caf\xe9 not UTF-8\n")
        .file("daily/2026-11-12.md", b"- 30m #code a\0b NUL bytes\n\0\n")
        .file(
            "daily/2026-11-13.md",
            b"\xef\xbb\xbf---\r\ndate: 2026-11-13\r\ntags: [x]\r\n---\r\n- 45m #system BOM and CRLF\r\n",
        )
        // Found by fuzzing: YAML ends lines at a lone CR, an editor does not.
        .file(
            "daily/2026-11-14.md",
            b"---\ntitle: x\r\r\r\r\r\rtags: [a\n---\n- 10m #code lone carriage returns\n",
        )
        .dir("pages/x.md");
    if big {
        let mut line = String::from("- 30m");
        for i in 0..200_000 {
            write!(line, " #t{i}").unwrap();
        }
        line.push('\n');
        assert!(line.len() > 1_000_000);
        let mut deep = String::from("- Root #deep 1m\n");
        for depth in 1..2000 {
            deep.push_str(&"  ".repeat(depth));
            deep.push_str("- level 1m\n");
        }
        vault = vault
            .file("daily/2026-11-15.md", line)
            .file("daily/2026-11-16.md", deep);
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(".", vault.path().join("loop")).unwrap();
    vault
}

/// Lines of a file as an editor numbers them.
fn line_count(bytes: &[u8]) -> u64 {
    bytes.split(|&b| b == b'\n').count() as u64
}

/// Diagnostics by file, as (line, severity).
fn by_file(doc: &Value) -> BTreeMap<String, Vec<(u64, String)>> {
    let mut found: BTreeMap<String, Vec<(u64, String)>> = BTreeMap::new();
    for d in doc["diagnostics"].as_array().unwrap() {
        found
            .entry(d["file"].as_str().unwrap().to_owned())
            .or_default()
            .push((
                d["line"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_owned(),
            ));
    }
    found
}

fn minutes_of(doc: &Value, file: &str) -> Vec<Option<u64>> {
    doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["file"] == file)
        .map(|a| a["minutes"].as_u64())
        .collect()
}

#[test]
fn the_corpus_compiles_with_every_problem_located() {
    let vault = corpus(true);
    let check = vault.run(&["check"]);
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    assert!(!check.stderr.contains("panicked"), "{}", check.stderr);
    let doc = vault.export(&[]);
    let problems = by_file(&doc);

    // Every diagnostic points at a line of a file that exists.
    for (file, found) in &problems {
        let path = vault.path().join(file);
        let bytes = if path.is_file() {
            fs::read(&path).unwrap()
        } else {
            // A folder (the link loop) is reported at its first line.
            Vec::new()
        };
        for (line, _) in found {
            assert!(
                (1..=line_count(&bytes)).contains(line),
                "{file}:{line} is not a line of the file"
            );
        }
    }

    // Each wrong input is reported, where it is wrong.
    let has = |file: &str, line: Option<u64>, severity: &str| {
        problems.get(file).is_some_and(|found| {
            found
                .iter()
                .any(|(l, s)| s == severity && line.is_none_or(|line| *l == line))
        })
    };
    let expected: [(&str, Option<u64>, &str); 14] = [
        ("leverage.yaml", Some(3), "error"),
        ("leverage.yaml", Some(6), "error"),
        ("leverage.yaml", Some(12), "warning"),
        ("daily/2026-11-11.md", Some(1), "error"),
        ("daily/2026-11-14.md", None, "error"),
        ("daily/2026-02-30.md", Some(1), "error"),
        ("daily/2026-11-05.md", Some(1), "error"),
        ("daily/2026-11-06.md", Some(1), "error"),
        ("daily/2026-11-04.md", Some(2), "error"),
        ("daily/2026-11-08.md", Some(1), "warning"),
        ("daily/2026-11-08.md", Some(2), "warning"),
        ("daily/2026-11-08.md", Some(3), "warning"),
        // SPEC 9 (v2): broken front-matter in a page is a warning.
        ("pages/Alias bomb.md", None, "warning"),
        ("outcomes/a-b.md", None, "warning"),
    ];
    for (file, line, severity) in expected {
        assert!(
            has(file, line, severity),
            "no {severity} at {file}:{line:?}; {file} has {:?}",
            problems.get(file)
        );
    }
    #[cfg(unix)]
    assert!(has("loop", None, "error"), "{problems:#?}");
    assert!(
        problems.keys().any(|f| f.starts_with("daily/2026-11-02")),
        "two notes of one day: no warning"
    );
    // What is fine is not reported.
    for file in [
        "daily/2026-11-10.md",
        "daily/2026-11-07.md",
        "daily/2026-11-13.md",
        "daily/2026-11-12.md",
    ] {
        assert!(!problems.contains_key(file), "{file}: {:?}", problems[file]);
    }

    // The rest is compiled: the healthy note, the BOM and CRLF one, the
    // merge conflict's items, the big ones.
    assert_eq!(minutes_of(&doc, "daily/2026-11-10.md"), [Some(30)]);
    assert_eq!(minutes_of(&doc, "daily/2026-11-13.md"), [Some(45)]);
    assert_eq!(minutes_of(&doc, "daily/2026-11-12.md"), [Some(30)]);
    assert_eq!(
        minutes_of(&doc, "daily/2026-11-03.md"),
        [Some(30), Some(60), Some(120), Some(15)]
    );
    assert_eq!(minutes_of(&doc, "daily/2026-11-15.md"), [Some(30)]);
    assert!(minutes_of(&doc, "daily/2026-11-16.md").len() >= 100);
    // The note that is not UTF-8 is skipped, the impossible date is a page.
    assert!(minutes_of(&doc, "daily/2026-11-11.md").is_empty());
    assert!(minutes_of(&doc, "daily/2026-02-30.md").is_empty());
}

#[test]
fn the_corpus_builds_a_site() {
    let vault = corpus(false);
    let out = tempfile::tempdir().unwrap();
    let run = vault.run(&["build", ".", "-o", out.path().to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let problems = fs::read_to_string(out.path().join("problems.html")).unwrap();
    for file in [
        "leverage.yaml",
        "daily/2026-11-11.md",
        "daily/2026-11-04.md",
        "pages/Alias bomb.md",
    ] {
        assert!(
            problems.contains(file),
            "{file} is not on the problems page"
        );
    }
    assert!(out.path().join("days/2026-11-13.html").is_file());
    assert!(out.path().join("tags/日本語.html").is_file());
}

/// A line of 5,000 tags gives 5,000 tag pages, each listing the item: each
/// page stays small (the item's row shows a dozen tags and the start of its
/// text), so the site grows with the notes, not with their square.
#[test]
fn a_line_of_many_tags_gives_a_site_in_proportion() {
    let mut line = String::from("- 30m");
    for i in 0..5_000 {
        write!(line, " #t{i}").unwrap();
    }
    line.push('\n');
    let vault = Vault::new().file("daily/2026-11-02.md", &line);
    let out = tempfile::tempdir().unwrap();
    let run = vault.run(&["build", ".", "-o", out.path().to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let mut pages = 0;
    let mut largest = 0;
    for entry in fs::read_dir(out.path().join("tags")).unwrap() {
        let size = entry.unwrap().metadata().unwrap().len();
        pages += 1;
        largest = largest.max(size);
    }
    assert_eq!(pages, 5_000);
    // The note itself is 35 KB; a page that printed the whole item would be larger.
    assert!(largest < 8_000, "a tag page of {largest} bytes");
    let tag = fs::read_to_string(out.path().join("tags/t4999.html")).unwrap();
    assert!(tag.contains("+4988 more"), "{tag}");
    assert!(tag.contains("href=\"../days/2026-11-02.html\""));
}

/// `#/x` and `#a//b` are `x` and `a/b`: no tag page without a name (a
/// hidden `tags/.html`), and no two tags writing the same page.
#[test]
fn tags_with_empty_parts_are_the_plain_tags() {
    let vault = Vault::new().file(
        "daily/2026-11-02.md",
        "- 1h #/x\n- 1h #x\n- 1h #a//b\n- 1h #a/b\n",
    );
    let doc = vault.export(&[]);
    let tags: Vec<(&str, u64)> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["tag"].as_str().unwrap(), t["minutes"].as_u64().unwrap()))
        .collect();
    assert_eq!(tags, [("a", 120), ("a/b", 120), ("x", 120)]);
    let out = tempfile::tempdir().unwrap();
    let run = vault.run(&["build", ".", "-o", out.path().to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let marker = fs::read_to_string(out.path().join(".leverage-site")).unwrap();
    let pages: Vec<&str> = marker
        .lines()
        .filter(|l| l.starts_with("tags/"))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(pages, ["tags/a.html", "tags/a/b.html", "tags/x.html"]);
}

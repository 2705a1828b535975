//! SPEC 10: every string from the vault that a page prints is escaped. Here
//! every such string at once is hostile: note titles, aliases, metric, unit,
//! check-in notes, activity text, link targets that do not resolve (quoted in
//! the problems page), file and folder names, category names and the title in
//! `leverage.yaml`. Each carries a numbered payload that would be markup, an
//! event handler and a quote breaking out of an attribute; no page may hold
//! any of it raw, and each must show up escaped (so the test sees it was
//! printed). `site.rs` checks the sanitising of note bodies and the link
//! rewriting; this module the escaping of everything around them, and tags in
//! every script.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use tempfile::TempDir;

use crate::vault::{Vault, run_in};

/// A string that is markup, an event handler, and both kinds of quote
/// leaving an attribute, numbered so a survivor is easy to trace. No `/`, so
/// it can be a file or folder name too.
fn payload(n: u32) -> String {
    format!(
        "<x-p{n} onmouseover=alert({n})>\" onmouseover=alert({n}) x=\"' onmouseover=alert({n}) y='&amp;"
    )
}

/// The payload inside a YAML double-quoted string.
fn yaml(n: u32) -> String {
    format!("\"{}\"", payload(n).replace('"', "\\\""))
}

/// Builds `vault` into a new folder; the build must succeed.
fn build(vault: &Path) -> TempDir {
    let out = tempfile::tempdir().unwrap();
    let run = run_in(vault, &["build", ".", "-o", out.path().to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "build failed: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    out
}

/// Every page of a site (HTML and SVG), by site path.
fn pages(site: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "html" || x == "svg")
        })
        .map(|e| {
            let path = e.path().strip_prefix(site).unwrap();
            (
                path.to_string_lossy().into_owned(),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The attribute names of every tag of `html`, quoted values skipped the way
/// a browser skips them.
fn attribute_names(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' || !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        // The tag name.
        i += 1;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
            i += 1;
        }
        // Attributes up to the closing `>`.
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let start = i;
            while i < bytes.len() && !b" \t\n\r=>/".contains(&bytes[i]) {
                i += 1;
            }
            names.push(html[start..i].to_ascii_lowercase());
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        i += 1;
                        while i < bytes.len() && bytes[i] != quote {
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => {
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                    }
                }
            }
        }
    }
    names
}

/// The payload's start as a page shows it, escaped (Tera and the charts
/// both write `&lt;`).
fn shown(n: u32) -> String {
    format!("&lt;x-p{n} onmouseover=alert({n})&gt;")
}

/// Where each payload comes from, and a page that must print it. (In
/// activity text, raw HTML is Markdown and is dropped from the plain text, so
/// the payload is in a code span there, which keeps it as text.)
fn hostile_vault() -> (Vault, Vec<(u32, &'static str, String)>) {
    let folder = payload(30);
    let outcome_folder = format!("outcomes/{}", payload(31));
    let named = payload(32);
    let config = format!(
        "title: {title}\n\
         categories:\n  \
           {cat}:\n    kind: compounding\n    value: 1\n    tags: [system]\n  \
           {lin}:\n    kind: linear\n    value: 0\n    tags: [email]\n\
         targets:\n  {cat}: 0.5\n  {lin}: 0.5\n\
         reference:\n  {cat}: 0.1\n  {lin}: 0.9\n",
        title = yaml(1),
        cat = yaml(2),
        lin = yaml(3),
    );
    let outcome = format!(
        "---\ntitle: {}\naliases: [{}]\nmetric: {}\nunit: {}\ntarget: 10\ncheckins:\n  - {{date: 2026-11-01, value: 1, note: {}}}\n---\nThe goal.\n",
        yaml(10),
        yaml(11),
        yaml(12),
        yaml(13),
        yaml(14)
    );
    let alias = payload(11);
    let day = format!(
        "- 2h #system shipped [[{alias}]] early [value:: 3]\n\
         - 1h #system `{text}`\n\
         - 30m #email [[{missing}]] answered\n\
         - 1h #system [[{named}]] [[{folder}/Deep]] [[Folder goal]]\n",
        text = payload(20),
        missing = payload(21),
    );
    let vault = Vault::new()
        .file("leverage.yaml", config)
        .file("outcomes/Goal.md", outcome)
        .file("daily/2026-11-02.md", day)
        .file(&format!("pages/{named}.md"), "A page named in markup.\n")
        .file(
            &format!("{folder}/Deep.md"),
            "A page in a folder named in markup.\n",
        )
        .file(
            &format!("{outcome_folder}/Folder goal.md"),
            "---\ntype: outcome\n---\n",
        )
        .file(
            &format!("daily/2026-11-03 {}.md", payload(33)),
            "- 1h #system a dated note named in markup\n",
        )
        .file(
            "pages/Titled.md",
            format!(
                "---\ntitle: {}\ntags: [{}]\n---\nbody\n",
                yaml(40),
                yaml(41)
            ),
        );
    let expect = vec![
        (1, "the config title", "index.html".to_owned()),
        (2, "a compounding category", "index.html".to_owned()),
        (3, "a linear category", "days/2026-11-02.html".to_owned()),
        (
            10,
            "an outcome title",
            "outcomes/outcomes/goal.html".to_owned(),
        ),
        (
            11,
            "an alias, as a link's text",
            "days/2026-11-02.html".to_owned(),
        ),
        (12, "a metric", "outcomes/outcomes/goal.html".to_owned()),
        (13, "a unit", "outcomes/outcomes/goal.html".to_owned()),
        (
            14,
            "a check-in note",
            "outcomes/outcomes/goal.html".to_owned(),
        ),
        (20, "activity text", "days/2026-11-02.html".to_owned()),
        (21, "an unresolved link", "problems.html".to_owned()),
        (30, "a folder name", format!("notes/{folder}/Deep.html")),
        (32, "a file name", format!("notes/pages/{named}.html")),
        (
            33,
            "a daily note's file name",
            "days/2026-11-03.html".to_owned(),
        ),
        (40, "a page title", "notes/pages/Titled.html".to_owned()),
        (
            41,
            "a front-matter tag",
            "notes/pages/Titled.html".to_owned(),
        ),
    ];
    (vault, expect)
}

#[test]
fn every_string_a_template_prints_is_escaped() {
    let (vault, expect) = hostile_vault();
    let site = build(vault.path());
    let pages = pages(site.path());
    assert!(pages.len() > 10, "{:?}", pages.keys());

    // Nothing raw, anywhere: no payload element, no handler attribute.
    let mut found = Vec::new();
    for (page, html) in &pages {
        let lower = html.to_ascii_lowercase();
        if let Some(at) = lower.find("<x-p") {
            found.push(format!(
                "{page}: raw payload: {}",
                &html[at..(at + 40).min(html.len())]
            ));
        }
        for name in attribute_names(html) {
            if name.starts_with("on") || name.starts_with("x-p") {
                found.push(format!("{page}: attribute `{name}` from a payload"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));

    // Each payload was printed, escaped, where it belongs.
    for (n, what, page) in expect {
        let html = pages
            .get(&page)
            .unwrap_or_else(|| panic!("no page {page} for {what}: {:?}", pages.keys()));
        assert!(
            html.contains(&shown(n)),
            "{what} (payload {n}) is not shown escaped in {page}"
        );
    }
    // The category names are in the charts too (escaped by the SVG writer).
    let index = &pages["index.html"];
    let svg_start = index.find("<svg").expect("the dashboard has charts");
    assert!(
        index[svg_start..].contains(&shown(2)),
        "no category name in the dashboard's charts"
    );
}

#[test]
fn pages_with_hostile_names_link_to_each_other() {
    let (vault, _) = hostile_vault();
    let site = build(vault.path());
    let pages = pages(site.path());
    // Every relative link of every page points at a page that exists.
    let mut checked = 0;
    for (page, html) in &pages {
        let folder = Path::new(page).parent().unwrap();
        for href in html.split("href=\"").skip(1) {
            let href = &href[..href.find('"').unwrap()];
            if href.starts_with('#') || href.contains("://") {
                continue;
            }
            let decoded = percent_decode(href.split('#').next().unwrap());
            let mut target = site.path().join(folder);
            for part in decoded.split('/') {
                match part {
                    ".." => assert!(
                        target.pop() && target.starts_with(site.path()),
                        "{page}: {href}"
                    ),
                    "" | "." => {}
                    part => target.push(part),
                }
            }
            assert!(target.is_file(), "{href} from {page} points nowhere");
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} links");
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("a UTF-8 path")
}

/// Tags in many scripts, with combining marks, and beside emoji: each one's
/// page exists, is linked from the day, and shows the tag as written.
#[test]
fn tags_in_every_script_and_beside_emoji() {
    let tags = [
        "日本語",
        "中文/子",
        "العربية",
        "עברית",
        "русский",
        "ελληνικά",
        "हिन्दी",
        "தமிழ்",
        "한국어",
        "ไทย",
        "ქართული",
        "հայերեն",
        "amharic-ኢትዮጵያ",
        "ünïcödé",
        "café",
        "ǅemal",
        "ℌilbert",
    ];
    let mut text = String::new();
    for tag in tags {
        writeln!(text, "- 10m #{tag} work").unwrap();
    }
    // Emoji are not letters: a tag stops before one, and `#🚀` is no tag.
    text.push_str("- 10m #launch🚀 ship it\n- 10m #🚀 liftoff #system\n- 10m #👩‍💻dev\n");
    let vault = Vault::new().file("daily/2026-11-02.md", &text);
    let doc = vault.export(&[]);
    let exported: Vec<&str> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap())
        .collect();
    for tag in tags {
        let lower = tag.to_lowercase();
        assert!(exported.contains(&lower.as_str()), "{tag}: {exported:?}");
    }
    assert!(exported.contains(&"launch"), "{exported:?}");
    assert!(
        !exported
            .iter()
            .any(|t| t.contains('🚀') || t.contains("dev")),
        "{exported:?}"
    );

    let site = build(vault.path());
    let day = fs::read_to_string(site.path().join("days/2026-11-02.html")).unwrap();
    for tag in tags {
        let lower = tag.to_lowercase();
        let page = site.path().join(format!("tags/{lower}.html"));
        assert!(page.is_file(), "no page for #{tag}");
        let html = fs::read_to_string(&page).unwrap();
        assert!(html.contains(&format!("#{lower}")), "#{tag} not shown");
        let encoded: String = format!("tags/{lower}.html")
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        assert!(day.contains(&encoded), "the day does not link #{tag}");
    }
    assert!(day.contains("🚀") && day.contains("👩‍💻"), "emoji lost");
}

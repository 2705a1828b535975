//! SPEC section 10, held against the site `leverage build` writes: snapshots
//! of the key pages, links, sanitising, determinism and the output folder's
//! safety. A real browser opening the pages is in `browser`.
//!
//! The example vault is always built `--as-of 2026-11-13` into a temporary
//! folder, never into its own `_site`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::vault::{Run, Vault, example_vault, run_in};

const AS_OF: &str = "2026-11-13";

// ---------------------------------------------------------------- helpers

/// `leverage build VAULT -o OUT --as-of 2026-11-13 EXTRA…`, run from `VAULT`'s parent.
fn build(vault: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "build",
        vault.to_str().expect("a UTF-8 vault path"),
        "-o",
        out.to_str().expect("a UTF-8 output path"),
        "--as-of",
        AS_OF,
    ];
    args.extend_from_slice(extra);
    run_in(vault.parent().unwrap_or(vault), &args)
}

/// Builds `vault` into a new temporary folder; panics unless it exits 0.
pub(crate) fn built(vault: &Path) -> TempDir {
    let out = tempfile::tempdir().expect("a temporary folder");
    let run = build(vault, out.path(), &[]);
    assert_eq!(run.code, Some(0), "build failed: {}", run.stderr);
    out
}

fn read(site: &Path, page: &str) -> String {
    fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("reading {page}: {e}"))
}

/// One entry of a folder tree: what a byte-for-byte comparison looks at.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    Folder,
    File(Vec<u8>),
    Link(PathBuf),
}

/// Every entry below `root` (not following links), by relative path.
fn tree(root: &Path) -> BTreeMap<String, Entry> {
    walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .map(|entry| {
            let entry = entry.expect("walking a tree");
            let relative = entry
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let kind = entry.file_type();
            let value = if kind.is_symlink() {
                Entry::Link(fs::read_link(entry.path()).unwrap())
            } else if kind.is_dir() {
                Entry::Folder
            } else {
                Entry::File(fs::read(entry.path()).unwrap())
            };
            (relative, value)
        })
        // The stat file holds times and inodes: never the same in two folders.
        .filter(|(relative, _)| relative != ".leverage-stats")
        .collect()
}

/// Where two trees differ, for a readable failure.
fn tree_difference(a: &BTreeMap<String, Entry>, b: &BTreeMap<String, Entry>) -> Vec<String> {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|key| a.get(*key) != b.get(*key))
        .map(|key| match (a.contains_key(key), b.contains_key(key)) {
            (true, false) => format!("only in the first: {key}"),
            (false, true) => format!("only in the second: {key}"),
            _ => format!("differs: {key}"),
        })
        .collect()
}

/// The `.html` pages of a site, by site-relative path.
fn pages(site: &Path) -> BTreeMap<String, String> {
    tree(site)
        .into_iter()
        .filter(|(path, _)| path.to_ascii_lowercase().ends_with(".html"))
        .map(|(path, entry)| match entry {
            Entry::File(bytes) => (path, String::from_utf8(bytes).expect("pages are UTF-8")),
            other => panic!("{path} is not a file: {other:?}"),
        })
        .collect()
}

/// Copies the example vault's notes and config (not its `_site`) into `to`,
/// file by file in the given order of paths.
fn copy_example(to: &Path, reverse: bool) {
    let from = example_vault();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&from)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| e.file_name() != "_site")
        .map(|e| e.expect("walking the example vault"))
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&from).unwrap().to_owned())
        .collect();
    files.sort();
    if reverse {
        files.reverse();
    }
    for file in files {
        let target = to.join(&file);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(&target, fs::read(from.join(&file)).unwrap()).unwrap();
    }
}

/// A start or end tag of a page, with its attributes (entities decoded).
#[derive(Debug)]
pub(crate) struct Tag {
    pub(crate) name: String,
    /// `</name>`.
    pub(crate) closing: bool,
    attributes: Vec<(String, String)>,
}

impl Tag {
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The tags of an HTML page. Text on the site is escaped, so every `<` starts
/// a tag (or a comment or the doctype): a small scanner is enough, and it sees
/// exactly what a browser would take for markup.
pub(crate) fn tags(html: &str) -> Vec<Tag> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let closing = rest.starts_with('/');
        let body = rest.strip_prefix('/').unwrap_or(rest);
        let name_end = body
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(body.len());
        let name = body[..name_end].to_ascii_lowercase();
        let mut s = &body[name_end..];
        let mut attributes = Vec::new();
        loop {
            s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if s.is_empty() || s.starts_with('>') {
                break;
            }
            let end = s
                .find(|c: char| c.is_ascii_whitespace() || "=>/".contains(c))
                .unwrap_or(s.len())
                .max(1);
            let attribute = s[..end].to_ascii_lowercase();
            s = &s[end..];
            let after = s.trim_start();
            let value = if let Some(value) = after.strip_prefix('=') {
                let value = value.trim_start();
                if let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') {
                    let inner = &value[1..];
                    let close = inner.find(quote).unwrap_or(inner.len());
                    s = inner.get(close + 1..).unwrap_or("");
                    &inner[..close]
                } else {
                    let close = value
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(value.len());
                    s = &value[close..];
                    &value[..close]
                }
            } else {
                s = after;
                ""
            };
            attributes.push((attribute, decode_entities(value)));
        }
        rest = s.strip_prefix('>').unwrap_or(s);
        found.push(Tag {
            name,
            closing,
            attributes,
        });
    }
    found
}

/// The character references a sanitiser or a template may write.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &rest[semi + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
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
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("percent-decoded URLs are UTF-8")
}

/// `http:`, `mailto:`, `javascript:` … but not a relative path.
fn scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let valid = scheme.chars().next()?.is_ascii_alphabetic()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (valid && !scheme.contains('/')).then(|| scheme.to_ascii_lowercase())
}

/// The site page a relative URL on `page` points at, or why it cannot.
fn resolve(page: &str, url: &str) -> Result<String, String> {
    let path = url.split(['#', '?']).next().unwrap_or_default();
    if path.starts_with('/') {
        return Err(format!(
            "`{url}` is absolute: it breaks from file:// and sub-paths"
        ));
    }
    let mut parts: Vec<String> = page.split('/').map(str::to_owned).collect();
    parts.pop();
    for part in percent_decode(path).split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{url}` climbs above the site's root"));
                }
            }
            other => parts.push(other.to_owned()),
        }
    }
    Ok(parts.join("/"))
}

/// Every `href` and `src` of every page: relative ones must point at a file
/// of the site; nothing may load from another host.
fn check_links(site: &Path) -> usize {
    let files = tree(site);
    let mut problems = Vec::new();
    let mut checked = 0;
    for (page, html) in pages(site) {
        for tag in tags(&html) {
            for (attribute, url) in &tag.attributes {
                if attribute != "href" && attribute != "src" {
                    continue;
                }
                if url.starts_with('#') {
                    continue;
                }
                match scheme(url).as_deref() {
                    Some("http" | "https" | "mailto") if tag.name == "a" => continue,
                    Some(other) => {
                        problems.push(format!(
                            "{page}: <{} {attribute}=\"{url}\"> ({other}:)",
                            tag.name
                        ));
                        continue;
                    }
                    None if url.starts_with("//") => {
                        problems.push(format!("{page}: `{url}` loads from another host"));
                        continue;
                    }
                    None => {}
                }
                checked += 1;
                match resolve(&page, url) {
                    Ok(target) if matches!(files.get(&target), Some(Entry::File(_))) => {}
                    Ok(target) => {
                        problems.push(format!("{page}: `{url}` → {target}: no such file"));
                    }
                    Err(why) => problems.push(format!("{page}: {why}")),
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
    checked
}

/// Everything a page must not carry, whatever the notes said (SPEC 10).
fn unsafe_markup(page: &str, html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for banned in [
        "<script", "<iframe", "<object", "<embed", "<frame", "<applet", "<base", "<form", "<style",
    ] {
        if lower.contains(banned) {
            found.push(format!("{page}: contains `{banned}`"));
        }
    }
    for tag in tags(html) {
        if tag.name == "meta" && tag.get("http-equiv").is_some() {
            found.push(format!("{page}: <meta http-equiv>"));
        }
        if tag.name == "link"
            && !(tag.get("rel") == Some("stylesheet")
                && tag
                    .get("href")
                    .is_some_and(|h| scheme(h).is_none() && h.ends_with("style.css")))
        {
            found.push(format!("{page}: {tag:?}"));
        }
        for (attribute, value) in &tag.attributes {
            if attribute.starts_with("on") || attribute == "style" || attribute == "srcdoc" {
                found.push(format!("{page}: <{} {attribute}=\"{value}\">", tag.name));
            }
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "data:", "vbscript:"] {
                if squeezed.contains(scheme) {
                    found.push(format!("{page}: <{} {attribute}=\"{value}\">", tag.name));
                }
            }
            if attribute == "src" && scheme(value).is_some() {
                found.push(format!(
                    "{page}: <{} src=\"{value}\"> loads from elsewhere",
                    tag.name
                ));
            }
        }
    }
    found
}

/// What Tera's autoescape makes of a string without `'`.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

// ---------------------------------------------------------------- 1. snapshots

fn snapshot_of(page: &str) -> String {
    let site = built(&example_vault());
    read(site.path(), page)
}

#[test]
fn snapshot_dashboard() {
    insta::assert_snapshot!("index", snapshot_of("index.html"));
}

#[test]
fn snapshot_weekly_review() {
    insta::assert_snapshot!("week_2026_w46", snapshot_of("weeks/2026-W46.html"));
}

#[test]
fn snapshot_day() {
    insta::assert_snapshot!("day_2026_10_01", snapshot_of("days/2026-10-01.html"));
}

#[test]
fn snapshot_outcome() {
    insta::assert_snapshot!(
        "outcome_newsletter_growth",
        snapshot_of("outcomes/outcomes/newsletter-growth.html")
    );
}

#[test]
fn snapshot_systems() {
    insta::assert_snapshot!("systems", snapshot_of("systems.html"));
}

// ---------------------------------------------------------------- 2. links

#[test]
fn every_relative_link_of_the_example_site_resolves() {
    let site = built(&example_vault());
    let checked = check_links(site.path());
    // 107 pages, each with a dozen navigation links at least.
    assert!(checked > 1000, "only {checked} links checked");
}

// Issue 14, navigation: the menu opens an index of every week, month,
// quarter, outcome and tag; each lists every page of its kind (so the link
// checker above walks them too), and every period page has its neighbours
// and the periods around it at the top.
#[test]
fn the_index_pages_list_every_period_outcome_and_tag() {
    let site = built(&example_vault());
    let all = pages(site.path());
    let index = &all["index.html"];
    for (list, folder) in [
        ("weeks.html", "weeks/"),
        ("months.html", "months/"),
        ("quarters.html", "quarters/"),
        ("outcomes.html", "outcomes/"),
        ("tags.html", "tags/"),
    ] {
        assert!(
            index.contains(&format!("href=\"{list}\"")),
            "menu lacks {list}"
        );
        let linked: BTreeSet<String> = tags(&all[list])
            .iter()
            .filter_map(|tag| tag.get("href"))
            .filter_map(|url| resolve(list, url).ok())
            .collect();
        let expected: Vec<&String> = all.keys().filter(|page| page.starts_with(folder)).collect();
        assert!(!expected.is_empty(), "{folder}");
        let missing: Vec<&&String> = expected.iter().filter(|p| !linked.contains(**p)).collect();
        assert!(missing.is_empty(), "{list} misses {missing:?}");
    }
    // Each week row carries a sparkline of its days.
    assert!(all["weeks.html"].contains("Hours per day in 2026-W45"));
    // Neighbours and the enclosing periods come before the title.
    let week = &all["weeks/2026-W45.html"];
    let top = &week[..week.find("<h1>").expect("a title")];
    for link in [
        "2026-W44.html",
        "2026-W46.html",
        "months/2026-11.html",
        "quarters/2026-Q4.html",
        "years/2026.html",
    ] {
        assert!(top.contains(link), "{link} not at the top");
    }
}

#[test]
fn every_page_of_the_example_site_is_reachable_from_the_dashboard() {
    let site = built(&example_vault());
    let all = pages(site.path());
    let mut seen = BTreeSet::from(["index.html".to_owned()]);
    let mut queue = VecDeque::from(["index.html".to_owned()]);
    while let Some(page) = queue.pop_front() {
        for tag in tags(&all[&page]) {
            let Some(url) = tag.get("href") else { continue };
            if scheme(url).is_some() || url.starts_with('#') {
                continue;
            }
            if let Ok(target) = resolve(&page, url)
                && all.contains_key(&target)
                && seen.insert(target.clone())
            {
                queue.push_back(target);
            }
        }
    }
    let unreachable: Vec<&String> = all.keys().filter(|p| !seen.contains(*p)).collect();
    assert!(unreachable.is_empty(), "no way to reach {unreachable:?}");
}

#[test]
fn no_page_of_the_example_site_loads_anything_from_another_host() {
    let site = built(&example_vault());
    let pages = pages(site.path());
    assert!(pages.len() > 100, "{} pages", pages.len());
    for (page, html) in &pages {
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{page} has a script");
        assert!(!lower.contains("src=\"http"), "{page} loads from elsewhere");
        assert!(!lower.contains("@import"), "{page} imports a style");
        for tag in tags(html).iter().filter(|t| t.name == "link") {
            let href = tag.get("href").unwrap_or_default();
            assert!(
                scheme(href).is_none() && !href.starts_with("//"),
                "{page}: {tag:?}"
            );
        }
        assert_eq!(unsafe_markup(page, html), Vec::<String>::new());
    }
    let css = read(site.path(), "style.css");
    assert!(
        !css.contains("url(") && !css.contains("@import"),
        "the stylesheet loads something"
    );
}

// ---------------------------------------------------------------- 3. sanitising

/// The hostile fixture vault, plus notes whose file names are hostile.
fn hostile_vault() -> Vault {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/hostile");
    let mut vault = Vault::new();
    for entry in walkdir::WalkDir::new(&fixture).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(&fixture).unwrap();
            vault = vault.file(relative.to_str().unwrap(), fs::read(entry.path()).unwrap());
        }
    }
    vault
        // A dated file name with markup: the day page prints the file name.
        .file(
            "daily/2026-11-03 <img src=x onerror=alert(62)>.md",
            "- 1h #admin <script>alert(60)</script>\n\n<img src=x onerror=alert(61)>\n",
        )
        // A page and an outcome whose titles come from their file names.
        .file("pages/<i onmouseover=alert(63)>hi.md", "A page named in HTML. [[Payloads]]\n")
        .file("outcomes/\"><svg onload=alert(64)>.md", "---\ntype: outcome\n---\nno title\n")
        // `/` is a folder: this is `pages/<b>x<` / `b>.md`.
        .file("pages/<b>x</b>.md", "bold\n")
        .file(
            "daily/2026-11-04.md",
            "- 30m #system [[<i onmouseover=alert(63)>hi]] [[\"><svg onload=alert(64)>]] [[<b>x</b>]]\n",
        )
}

#[test]
fn no_page_built_from_hostile_notes_can_run_code_or_load_from_elsewhere() {
    let vault = hostile_vault();
    let site = built(vault.path());
    let pages = pages(site.path());
    // The notes' own pages are there, so their bodies were rendered and cleaned.
    for page in [
        "days/2026-11-02.html",
        "days/2026-11-03.html",
        "outcomes/outcomes/hostile-outcome.html",
        "notes/pages/Payloads.html",
        "notes/pages/<i onmouseover=alert(63)>hi.html",
        "notes/pages/<b>x</b>.html",
    ] {
        assert!(pages.contains_key(page), "no {page} in {:?}", pages.keys());
    }
    let found: Vec<String> = pages
        .iter()
        .flat_map(|(page, html)| unsafe_markup(page, html))
        .collect();
    assert!(
        found.is_empty(),
        "unsafe markup survived:\n{}",
        found.join("\n")
    );
    // What is harmless survives: the text around the payloads, and the link
    // to another host as a plain link.
    let day = &pages["days/2026-11-02.html"];
    assert!(day.contains("<p>styled</p>"), "{day}");
    assert!(day.contains(
        r#"<a href="https://evil.example/32.png" rel="noopener noreferrer">tracker</a>"#
    ));
}

#[test]
fn links_between_notes_with_hostile_names_resolve() {
    let vault = hostile_vault();
    let site = built(vault.path());
    let day = read(site.path(), "days/2026-11-04.html");
    // The wikilinks point at the pages, percent-encoded.
    assert!(
        day.contains(r#"href="../notes/pages/%3Ci%20onmouseover%3Dalert%2863%29%3Ehi.html""#),
        "{day}"
    );
    assert!(
        day.contains(r#"href="../notes/pages/%3Cb%3Ex%3C/b%3E.html""#),
        "{day}"
    );
    assert!(
        day.contains(r#"href="../outcomes/outcomes/-svg-onload-alert-64.html""#),
        "{day}"
    );
    check_links(site.path());
}

#[test]
fn hostile_strings_from_notes_are_shown_escaped() {
    let vault = hostile_vault();
    let site = built(vault.path());
    let site = site.path();
    let all = pages(site);
    // The config's title, on every page.
    let title = escaped("Studio</title><script>alert(1)</script>");
    for (page, html) in &all {
        assert!(html.contains(&format!("{title}</title>")), "{page}: {html}");
    }
    // An outcome's title, metric, unit and check-in note.
    let outcome = read(site, "outcomes/outcomes/hostile-outcome.html");
    for text in [
        "\"><script>alert(40)</script>",
        "<img src=x onerror=alert(41)>",
        "<script>alert(42)</script>",
        "<iframe src=javascript:alert(43)>",
    ] {
        assert!(
            outcome.contains(&escaped(text)),
            "{text} not escaped in {outcome}"
        );
    }
    // The outcome's title wherever it is linked from, and in its charts.
    let day = read(site, "days/2026-11-02.html");
    assert!(day.contains(&format!(
        ">{}</a>",
        escaped("\"><script>alert(40)</script>")
    )));
    assert!(outcome.contains(&format!(
        "<title>{}: progress",
        escaped("\"><script>alert(40)</script>")
    )));
    // Activity text: the Markdown is read, the rest is text; its words are
    // shown without the tag, the duration and the outcome link (issue 14).
    assert!(
        day.contains("<td>x and Tom &amp; Jerry &lt;3 &quot;quotes&quot;</td>"),
        "{day}"
    );
    // A page's title and front-matter tags.
    let payloads = read(site, "notes/pages/Payloads.html");
    assert!(payloads.contains(&format!(
        "<h1>{}</h1>",
        escaped("<script>alert(50)</script>")
    )));
    assert!(payloads.contains(&format!(
        "#{}</span>",
        escaped("\"><script>alert(51)</script>")
    )));
    assert!(payloads.contains(&format!("#{}</span>", escaped("<b>bold</b>"))));
    // File names: a daily note's, and titles taken from file names.
    let named = read(site, "days/2026-11-03.html");
    assert!(
        named.contains(&escaped(
            "daily/2026-11-03 <img src=x onerror=alert(62)>.md"
        )),
        "{named}"
    );
    let page = read(site, "notes/pages/<i onmouseover=alert(63)>hi.html");
    assert!(
        page.contains(&format!(
            "<h1>{}</h1>",
            escaped("<i onmouseover=alert(63)>hi")
        )),
        "{page}"
    );
    let outcome = read(site, "outcomes/outcomes/-svg-onload-alert-64.html");
    assert!(
        outcome.contains(&format!("<h1>{} ", escaped("\"><svg onload=alert(64)>"))),
        "{outcome}"
    );
}

#[test]
fn a_hash_before_markup_is_not_a_tag() {
    let vault = hostile_vault();
    let site = built(vault.path());
    let tags: BTreeSet<String> = tree(&site.path().join("tags")).into_keys().collect();
    let expected: BTreeSet<String> = [
        "admin", "email", "planning", "research", "review", "system", "writing",
    ]
    .iter()
    .map(|t| format!("{t}.html"))
    .collect();
    assert_eq!(tags, expected);
    let day = read(site.path(), "days/2026-11-02.html");
    assert!(
        day.contains("<td>the string # is text, not a tag</td>"),
        "{day}"
    );
}

// ---------------------------------------------------------------- 4. determinism

#[test]
fn two_builds_of_the_same_vault_give_the_same_bytes() {
    let first = built(&example_vault());
    let second = built(&example_vault());
    let (a, b) = (tree(first.path()), tree(second.path()));
    assert!(a.len() > 100);
    assert_eq!(tree_difference(&a, &b), Vec::<String>::new());
}

#[test]
fn the_order_files_were_written_in_and_the_vault_folder_name_do_not_matter() {
    let top = tempfile::tempdir().unwrap();
    let copy = top.path().join("Another name for the vault");
    copy_example(&copy, true);
    let reference = built(&example_vault());
    let from_copy = built(&copy);
    assert_eq!(
        tree_difference(&tree(reference.path()), &tree(from_copy.path())),
        Vec::<String>::new()
    );
}

#[test]
fn a_second_build_writes_nothing() {
    let site = tempfile::tempdir().unwrap();
    let first = build(&example_vault(), site.path(), &[]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let before = tree(site.path());
    let second = build(&example_vault(), site.path(), &[]);
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert!(second.stderr.contains("(0 written, "), "{}", second.stderr);
    assert!(second.stderr.contains(", 0 removed)"), "{}", second.stderr);
    assert_eq!(
        tree_difference(&before, &tree(site.path())),
        Vec::<String>::new()
    );
}

/// Issue 13, rebuilds across processes: the marker records what the site was
/// made from; a build in a new process over the same vault keeps every page,
/// one after an edit equals a fresh build, and a marker whose record is
/// garbled or of another version is only a reason to render everything.
#[test]
fn a_new_process_over_an_unchanged_vault_keeps_the_site_and_an_edit_equals_a_fresh_build() {
    let vault = Vault::new()
        .file(
            "daily/2026-11-02.md",
            "- 1h #email inbox\n- 2h #writing essay\n",
        )
        .file("daily/2026-11-03.md", "- 30m #email inbox\n");
    let site = tempfile::tempdir().unwrap();
    assert_eq!(build(vault.path(), site.path(), &[]).code, Some(0));
    let marker = read(site.path(), ".leverage-site");
    assert!(
        marker
            .lines()
            .nth(1)
            .is_some_and(|line| line.starts_with("# input v1 ")),
        "{marker}"
    );
    let before = tree(site.path());
    let again = build(vault.path(), site.path(), &[]);
    assert!(again.stderr.contains("(0 written, "), "{}", again.stderr);
    assert_eq!(
        tree_difference(&before, &tree(site.path())),
        Vec::<String>::new()
    );

    // Garbled: still a site of ours, rendered again in full, and recorded anew.
    fs::write(
        site.path().join(".leverage-site"),
        marker.replacen("# input v1 ", "# input v1 zz", 1),
    )
    .unwrap();
    let garbled = build(vault.path(), site.path(), &[]);
    assert_eq!(garbled.code, Some(0), "{}", garbled.stderr);
    assert_eq!(read(site.path(), ".leverage-site"), marker);

    fs::write(
        vault.path().join("daily/2026-11-03.md"),
        "- 45m #email inbox zero\n",
    )
    .unwrap();
    assert_eq!(build(vault.path(), site.path(), &[]).code, Some(0));
    let fresh = tempfile::tempdir().unwrap();
    assert_eq!(build(vault.path(), fresh.path(), &[]).code, Some(0));
    assert_eq!(
        tree_difference(&tree(site.path()), &tree(fresh.path())),
        Vec::<String>::new()
    );
}

#[test]
fn deleting_a_note_removes_exactly_its_page_and_keeps_the_users_files() {
    let top = tempfile::tempdir().unwrap();
    let vault = top.path().join("vault");
    let site = top.path().join("site");
    copy_example(&vault, false);
    let first = build(&vault, &site, &[]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    fs::write(site.join("README.txt"), "my notes about the site").unwrap();
    fs::write(site.join("days/keep.txt"), "mine too").unwrap();
    let before: BTreeSet<String> = tree(&site).into_keys().collect();

    fs::remove_file(vault.join("daily/2026-10-22.md")).unwrap();
    let second = build(&vault, &site, &[]);
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert!(second.stderr.contains(", 1 removed)"), "{}", second.stderr);
    let after = tree(&site);
    let gone: Vec<&String> = before.iter().filter(|p| !after.contains_key(*p)).collect();
    assert_eq!(gone, ["days/2026-10-22.html"]);
    let new: Vec<&String> = after.keys().filter(|p| !before.contains(*p)).collect();
    assert!(new.is_empty(), "new files: {new:?}");
    assert_eq!(
        after["README.txt"],
        Entry::File(b"my notes about the site".to_vec())
    );
    assert_eq!(after["days/keep.txt"], Entry::File(b"mine too".to_vec()));
    // The neighbours no longer link to it.
    let day = read(&site, "days/2026-10-23.html");
    assert!(
        day.contains(r#"href="2026-10-20.html" rel="prev""#),
        "{day}"
    );
}

// ---------------------------------------------------------------- 5. output folder

/// A small vault in `top/vault`, next to a file of the user's in `top`.
fn vault_in_a_folder() -> (TempDir, PathBuf) {
    let top = tempfile::tempdir().unwrap();
    let vault = top.path().join("vault");
    fs::create_dir_all(vault.join("daily")).unwrap();
    fs::write(vault.join("daily/2026-11-02.md"), "- 1h #email inbox\n").unwrap();
    fs::write(top.path().join("todo.txt"), "the user's").unwrap();
    (top, vault)
}

/// Runs a build that must be refused: exit 2, `message` on stderr, and
/// nothing below `watched` changed.
fn assert_refused(vault: &Path, out: &Path, watched: &Path, message: &str) {
    let before = tree(watched);
    let run = build(vault, out, &[]);
    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains(message),
        "expected `{message}` in: {}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(
        tree_difference(&before, &tree(watched)),
        Vec::<String>::new()
    );
}

#[test]
fn refuses_the_vault_itself_as_output() {
    let (top, vault) = vault_in_a_folder();
    assert_refused(&vault, &vault, top.path(), "is the vault itself");
    // Also written another way: `.` from inside the vault.
    let before = tree(top.path());
    let run = run_in(&vault, &["build", ".", "-o", ".", "--as-of", AS_OF]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("is the vault itself"), "{}", run.stderr);
    assert_eq!(
        tree_difference(&before, &tree(top.path())),
        Vec::<String>::new()
    );
}

#[test]
fn refuses_a_folder_that_contains_the_vault() {
    let (top, vault) = vault_in_a_folder();
    assert_refused(&vault, top.path(), top.path(), "contains the vault");
    let before = tree(top.path());
    let run = run_in(&vault, &["build", ".", "-o", "..", "--as-of", AS_OF]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("contains the vault"), "{}", run.stderr);
    assert_eq!(
        tree_difference(&before, &tree(top.path())),
        Vec::<String>::new()
    );
}

#[cfg(unix)]
#[test]
fn refuses_a_link_to_the_vault() {
    let (top, vault) = vault_in_a_folder();
    let link = top.path().join("site");
    std::os::unix::fs::symlink(&vault, &link).unwrap();
    assert_refused(&vault, &link, top.path(), "is the vault itself");
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_make() {
    let (top, vault) = vault_in_a_folder();
    let docs = top.path().join("docs");
    fs::create_dir_all(docs.join("img")).unwrap();
    fs::write(docs.join("index.html"), "<p>my own site</p>").unwrap();
    fs::write(docs.join("img/logo.svg"), "<svg/>").unwrap();
    assert_refused(
        &vault,
        &docs,
        top.path(),
        "not empty and was not made by leverage",
    );
}

#[test]
fn refuses_an_output_that_is_a_file() {
    let (top, vault) = vault_in_a_folder();
    let file = top.path().join("site.html");
    fs::write(&file, "not a folder").unwrap();
    assert_refused(&vault, &file, top.path(), "is not a folder");
}

#[test]
fn an_empty_folder_is_fine_and_becomes_ours() {
    let (top, vault) = vault_in_a_folder();
    let out = top.path().join("empty");
    fs::create_dir_all(&out).unwrap();
    let run = build(&vault, &out, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(out.join(".leverage-site").is_file());
    assert!(out.join("days/2026-11-02.html").is_file());
}

#[test]
fn strict_fails_on_errors_but_still_writes_the_site() {
    let vault = Vault::new()
        .file("daily/2026-11-02.md", "- 1h #email inbox\n")
        .file(
            "daily/2026-11-03.md",
            "---\ntitle: a: b\n---\n- 2h #system macro\n",
        );
    let out = tempfile::tempdir().unwrap();
    let strict = build(vault.path(), out.path(), &["--strict"]);
    assert_eq!(strict.code, Some(1), "{}", strict.stderr);
    assert!(
        strict.stderr.contains("daily/2026-11-03.md:2:"),
        "{}",
        strict.stderr
    );
    assert!(strict.stderr.contains("1 error"), "{}", strict.stderr);
    let problems = read(out.path(), "problems.html");
    assert!(problems.contains("daily/2026-11-03.md:2:"), "{problems}");
    // The rest of the vault is on the site, the bad note too (dated by its name).
    assert!(out.path().join("days/2026-11-02.html").is_file());
    assert!(out.path().join("days/2026-11-03.html").is_file());
    let index = read(out.path(), "index.html");
    assert!(index.contains("1 error in the notes"), "{index}");
    // Without --strict the same vault builds with exit 0.
    let lenient = build(vault.path(), out.path(), &[]);
    assert_eq!(lenient.code, Some(0), "{}", lenient.stderr);
}

#[test]
fn strict_passes_without_errors() {
    let vault = Vault::new().file("daily/2026-11-02.md", "- 1h #email inbox\n");
    let out = tempfile::tempdir().unwrap();
    let run = build(vault.path(), out.path(), &["--strict"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("0 errors"), "{}", run.stderr);
    assert!(out.path().join("index.html").is_file());
}

// ---------------------------------------------------------------- fair comparisons

/// The text of each card's change and what it is against, in page order.
fn deltas(html: &str) -> Vec<String> {
    html.split("<div class=\"delta ")
        .skip(1)
        .map(|rest| {
            let text = |s: &str| {
                s.split_once('>')
                    .map_or("", |(_, t)| t.split('<').next().unwrap_or(""))
                    .to_owned()
            };
            let against = rest
                .split_once("<div class=\"against\">")
                .map(|(_, a)| a.split('<').next().unwrap_or("").to_owned())
                .unwrap_or_default();
            format!("{} {against}", text(rest))
        })
        .collect()
}

// Issue 14, fair comparisons: a week under way against the same days of the
// week before, named; the dashboard and the week page show the same change.
#[test]
fn a_week_under_way_is_compared_with_the_same_days_and_the_dashboard_agrees() {
    let site = built(&example_vault());
    let index = read(site.path(), "index.html");
    let week = read(site.path(), "weeks/2026-W46.html");
    assert!(
        index.contains("changes against Mon–Fri of 2026-W45"),
        "{index}"
    );
    let (on_index, on_week) = (deltas(&index), deltas(&week));
    assert_eq!(on_index.len(), 5, "{on_index:?}");
    assert_eq!(on_index, on_week);
    assert!(
        on_index
            .iter()
            .all(|d| d.ends_with("vs Mon–Fri of 2026-W45")),
        "{on_index:?}"
    );
}

// Issue 14: too few logged days, or none before, say so instead of a change.
#[test]
fn a_one_day_week_or_an_empty_week_before_shows_no_change() {
    let vault = Vault::new()
        .file("daily/2026-11-02.md", "- 2h #email inbox\n")
        .file("daily/2026-11-03.md", "- 2h #email inbox\n")
        .file("daily/2026-11-04.md", "- 2h #email inbox\n")
        .file("daily/2026-11-05.md", "- 2h #email inbox\n")
        .file("daily/2026-11-09.md", "- 6h #system macros\n");
    let out = tempfile::tempdir().unwrap();
    let run = run_in(
        vault.path(),
        &[
            "build",
            ".",
            "-o",
            out.path().to_str().unwrap(),
            "--as-of",
            "2026-11-12",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // W46 so far has one logged day against four in Mon–Thu of W45.
    let week = read(out.path(), "weeks/2026-W46.html");
    assert!(
        week.contains("no change shown: 1 logged day against 4 in Mon–Thu of 2026-W45"),
        "{week}"
    );
    assert!(deltas(&week).is_empty(), "{week}");
    assert_eq!(deltas(&read(out.path(), "index.html")), deltas(&week));
    // W45, the first week: nothing before it.
    let first = read(out.path(), "weeks/2026-W45.html");
    assert!(first.contains("nothing was logged in 2026-W44"), "{first}");
    assert!(deltas(&first).is_empty());
}

// ---------------------------------------------------------------- 6. more links

#[test]
fn links_resolve_with_an_as_of_past_the_last_note() {
    // The as-of week (2026-W46) and month (2026-12) have no notes, so no pages:
    // the navigation must point at pages that exist.
    let vault = Vault::new()
        .file("daily/2026-11-02.md", "- 1h #email inbox\n")
        .file("daily/2026-11-03.md", "- 2h #system macro\n");
    let out = tempfile::tempdir().unwrap();
    let run = run_in(
        vault.path(),
        &[
            "build",
            ".",
            "-o",
            out.path().to_str().unwrap(),
            "--as-of",
            "2026-12-02",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    check_links(out.path());
    let index = read(out.path(), "index.html");
    assert!(
        index.contains(r#"<a href="weeks/2026-W45.html">Open the weekly review"#),
        "{index}"
    );
    let months = read(out.path(), "months.html");
    assert!(
        months.contains(r#"<a href="months/2026-11.html">2026-11</a>"#),
        "{months}"
    );
}

#[test]
fn a_tag_carried_only_by_planned_work_is_not_a_broken_link() {
    let vault = Vault::new().file(
        "daily/2026-11-02.md",
        "- 1h #email inbox\n- [ ] 30m #someday a plan\n",
    );
    let site = built(vault.path());
    check_links(site.path());
    assert!(!site.path().join("tags/someday.html").exists());
    let day = read(site.path(), "days/2026-11-02.html");
    assert!(day.contains(r"<td><span>#someday</span></td>"), "{day}");
}

/// Issue 13, pages that summarise: a tag or outcome page lists its latest 50
/// activities and its figures per year; past 50, each year gets an archive
/// page listing every activity of that year, and links resolve.
#[test]
fn tag_and_outcome_pages_list_the_latest_50_and_archive_each_year() {
    let mut vault = Vault::new().file(
        "outcomes/Launch.md",
        "---\ntype: outcome\ntarget: 5\n---\n# Launch\n",
    );
    // 40 days in 2025 and 30 in 2026, one #writing item each linking the outcome.
    let days = (1..=40)
        .map(|d| jiff::civil::date(2025, 1, 1) + jiff::Span::new().days(d))
        .chain((1..=30).map(|d| jiff::civil::date(2026, 1, 1) + jiff::Span::new().days(d)));
    for day in days {
        vault = vault.file(
            &format!("daily/{day}.md"),
            format!("- 30m #writing/essay draft of {day} [[Launch]]\n"),
        );
    }
    let site = built(vault.path());
    check_links(site.path());
    for page in [
        "tags/writing.html",
        "tags/writing/essay.html",
        "outcomes/outcomes/launch.html",
    ] {
        let html = read(site.path(), page);
        assert_eq!(html.matches("draft of").count(), 50, "{page}");
        assert!(
            html.contains("draft of 2026-01-31"),
            "{page}: the latest first"
        );
        assert!(
            !html.contains("draft of 2025-01-02"),
            "{page}: the oldest only in its archive"
        );
        assert!(html.contains("the latest 50 of 70 activities"), "{page}");
    }
    let archive = read(site.path(), "archive/tags/writing/2025.html");
    assert_eq!(archive.matches("draft of").count(), 40, "{archive}");
    assert!(archive.contains("40 activities in 2025"), "{archive}");
    let archive = read(site.path(), "archive/outcomes/outcomes/launch/2026.html");
    assert_eq!(archive.matches("draft of").count(), 30, "{archive}");
    // A tag with few activities lists them all, with no archive.
    let vault = Vault::new().file("daily/2026-11-02.md", "- 1h #email inbox\n");
    let site = built(vault.path());
    assert!(read(site.path(), "tags/email.html").contains("inbox"));
    assert!(!site.path().join("archive").exists());
}

// Issue 14, charts: "trends that use the full width". The example vault
// starts in August: its year page draws the weeks with notes (W33 to W46),
// not 53 weeks with five at the end, and says which weeks these are.
#[test]
fn a_young_vaults_year_charts_span_the_weeks_with_notes() {
    let html = snapshot_of("years/2026.html");
    assert!(
        html.contains("Weeks W33 to W46, those of this year with notes."),
        "{html}"
    );
    let desc_of = |kind: &str| {
        let chart = &html[html.find(&format!("viz-{kind}\"")).expect(kind)..];
        let desc = &chart[chart.find("<desc>").unwrap() + 6..];
        desc[..desc.find("</desc>").unwrap()].to_owned()
    };
    let trend = desc_of("lines");
    assert!(trend.starts_with("index — W33: "), "{trend}");
    assert!(!trend.contains("W32") && !trend.contains("W47"), "{trend}");
    let bars = desc_of("bars");
    assert!(
        bars.starts_with("W33: ") && bars.ends_with("W46: 26.1 h"),
        "{bars}"
    );
}

/// Issue 13, site bytes: a fortnight's hours per day are one bar a day,
/// each linking to its day; its weeks' pages keep the days split by category.
#[test]
fn a_fortnight_draws_one_bar_a_day_and_its_weeks_split_them_by_category() {
    let vault = Vault::new()
        .file(
            "daily/2026-11-02.md",
            "- 1h #email inbox\n- 2h #system macro\n",
        )
        .file("daily/2026-11-03.md", "- 2h #system macro\n");
    let out = built(vault.path());
    let fortnight = read(out.path(), "fortnights/2026-F23.html");
    assert!(
        fortnight.contains("<title>Hours logged per day in 2026-F23</title>"),
        "{fortnight}"
    );
    assert!(!fortnight.contains("viz-stacked-bars"), "{fortnight}");
    assert!(
        fortnight.contains(r#"<a href="../days/2026-11-02.html"><rect class="bar" "#),
        "{fortnight}"
    );
    let week = read(out.path(), "weeks/2026-W45.html");
    assert!(
        week.contains("<title>Hours logged per day in 2026-W45, by category</title>"),
        "{week}"
    );
}

//! First contact (issue 12, SPEC 9 (v2)): `check` on a noisy vault prints
//! what a person reads: errors in full, three warnings of each code and a
//! count, a summary by code, the coverage paragraph and what to do.

use std::path::Path;

use crate::vault::Vault;

/// tests/fixtures/noisy, copied into a temporary vault (with extra files).
fn noisy(extra: &[(&str, &str)]) -> Vault {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/noisy");
    let mut vault = Vault::new();
    for entry in walk(&root) {
        let relative = entry
            .strip_prefix(&root)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        vault = vault.file(&relative, std::fs::read(&entry).unwrap());
    }
    for (path, text) in extra {
        vault = vault.file(path, text);
    }
    vault
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// SPEC 9 (v2): a vault with hundreds of unresolved links and no timed
/// activity reads in under 60 lines, ending with what to do.
#[test]
fn check_of_a_noisy_vault_is_short_and_ends_with_what_to_do() {
    let run = noisy(&[]).run(&["check", "--as-of", "2026-10-11"]);
    assert_eq!(run.code, Some(1), "one error: {}", run.stderr);
    insta::assert_snapshot!("check_noisy", run.stderr);
    let lines = run.stderr.lines().count();
    assert!(lines < 60, "{lines} lines");
    assert_eq!(run.stderr.matches("warning[unresolved-link]").count(), 3);
    assert!(
        run.stderr
            .contains("… and 458 more unresolved-link warnings")
    );
    assert!(run.stderr.contains("error[invalid-yaml]"), "errors in full");
    assert!(run.stderr.contains("no done activity has a duration"));
    assert!(run.stderr.contains("#reveiw (80, did you mean #review?)"));
    let advice = run.stderr.find("what to do:").unwrap();
    assert!(advice > run.stderr.find("checked ").unwrap());
}

/// SPEC 9 (v2): `--verbose` prints every warning in full.
#[test]
fn check_verbose_prints_every_warning() {
    let run = noisy(&[]).run(&["check", "--verbose", "--as-of", "2026-10-11"]);
    assert_eq!(run.stderr.matches("warning[unresolved-link]").count(), 461);
    assert!(!run.stderr.contains("more unresolved-link"));
}

/// SPEC 9 (v2) allow: the allowed code is in no output, and the summary counts it.
#[test]
fn check_with_allow_counts_what_it_silenced() {
    let vault = noisy(&[("leverage.yaml", "allow: [unresolved-link]\n")]);
    let run = vault.run(&["check", "--as-of", "2026-10-11"]);
    insta::assert_snapshot!("check_noisy_allowed", run.stderr);
    assert!(!run.stderr.contains("warning[unresolved-link]"));
    assert!(run.stderr.contains("unresolved-link  461 allowed"));
    let export = vault.export(&["--as-of", "2026-10-11"]);
    assert!(
        export["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] != "unresolved-link")
    );
}

/// SPEC 9 (v2) coverage: shares of done activities timed, categorized (by
/// rule) and linked; no advice when the picture is sound.
#[test]
fn coverage_paragraph_of_a_sound_vault() {
    let vault = Vault::new()
        .file(
            "daily/2026-11-02.md",
            "- #email 10m [[Goal]]\n- EAP meeting 20m\n- #code 1h\n- [category:: strategy] 30m\n",
        )
        .file("outcomes/Goal.md", "");
    let run = vault.run(&["check", "--as-of", "2026-11-02"]);
    insta::assert_snapshot!("coverage_sound", run.stderr);
    assert!(!run.stderr.contains("what to do"));
}

/// SPEC 9 (v2): a folder without Markdown says so and names the folder; a
/// folder without daily notes says how many Markdown files it read and the
/// naming rule.
#[test]
fn an_empty_or_wrong_folder_says_so() {
    let empty = Vault::new().dir("pictures");
    let run = empty.run(&["check", "--as-of", "2026-11-02"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("nothing read: . holds no Markdown file"),
        "{}",
        run.stderr
    );
    let downloads = Vault::new()
        .file("README.md", "# a program\n")
        .file("notes/meeting notes.md", "- #x talked\n");
    let run = downloads.run(&["check", "--as-of", "2026-11-02"]);
    assert!(
        run.stderr
            .contains("none of the 2 Markdown files is a daily note"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`2026-11-02.md`"), "{}", run.stderr);
}

/// `build` prints the same coverage lines, without the block to paste.
#[test]
fn build_prints_the_coverage_lines() {
    let vault = noisy(&[]);
    let run = vault.run(&["build", "--as-of", "2026-10-11"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("timed            0 of 361 done activities (0 %)")
    );
    assert!(run.stderr.contains("no done activity has a duration"));
    assert!(!run.stderr.contains("categories:"));
    assert!(run.stderr.lines().count() < 60, "{}", run.stderr);
}

/// `leverage tags`: unmapped tags first by hours, the rule of each mapped
/// one, a likely typo named; `--format yaml` a block that maps them.
#[test]
fn tags_lists_every_tag_with_its_rule_and_typos() {
    let vault = Vault::new().file(
        "daily/2026-11-02.md",
        "- #reveiw of the brief 30m\n- #reveiw again 15m\n- #garden 1h\n- #client/acme 2h\n- #review 1h\n- #team-meetings 20m\n",
    );
    let run = vault.run(&["tags", "--as-of", "2026-11-02"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    insta::assert_snapshot!("tags_text", run.stdout);
    assert!(run.stdout.contains("did you mean #review?"));
    let yaml = vault.run(&["tags", "--format", "yaml", "--as-of", "2026-11-02"]);
    insta::assert_snapshot!("tags_yaml", yaml.stdout);
    // The block, pasted, maps the typo and the guessed tag.
    let pasted = Vault::new().file("leverage.yaml", &yaml.stdout).file(
        "daily/2026-11-02.md",
        "- #reveiw 30m\n- #team-meetings 20m\n",
    );
    let doc = pasted.export(&["--as-of", "2026-11-02"]);
    assert_eq!(doc["activities"][0]["category"], "strategy");
    assert_eq!(doc["activities"][1]["category"], "coordination");
    assert!(doc["diagnostics"].as_array().unwrap().is_empty(), "{doc}");
}

/// Issue 12 item 9: 195 minutes read 3.3 h in the terminal report, the
/// Markdown report, the day page and the week page (half up, one formatter).
#[test]
fn one_rounding_in_every_view() {
    let vault = Vault::new().file("daily/2026-11-04.md", "- #code 3h15m\n");
    let report = vault.run(&["report", "--last", "1", "--as-of", "2026-11-04"]);
    assert!(report.stdout.contains("3.3h"), "{}", report.stdout);
    assert!(!report.stdout.contains("3.2h"), "{}", report.stdout);
    let markdown = vault.run(&[
        "report",
        "--last",
        "1",
        "--format",
        "markdown",
        "--as-of",
        "2026-11-04",
    ]);
    assert!(markdown.stdout.contains("3.3h"), "{}", markdown.stdout);
    let run = vault.run(&["build", "--as-of", "2026-11-04"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for page in ["_site/days/2026-11-04.html", "_site/weeks/2026-W45.html"] {
        let html = std::fs::read_to_string(vault.path().join(page)).unwrap();
        assert!(html.contains("3.3"), "{page}");
        assert!(!html.contains("3.2 h") && !html.contains(">3.2<"), "{page}");
    }
}

/// SPEC 9 (v2) on the site: the problems page groups by code with counts,
/// each group folded in `<details>`, no JavaScript; the menu shows a quiet
/// count of errors, not "Problems (462)"; the dashboard has the coverage card.
#[test]
fn site_groups_problems_and_shows_coverage() {
    let vault = noisy(&[]);
    let run = vault.run(&["build", "--as-of", "2026-10-11"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = |path: &str| std::fs::read_to_string(vault.path().join("_site").join(path)).unwrap();
    let problems = page("problems.html");
    assert_eq!(
        problems.matches("<details class=\"problem-group\"").count(),
        2
    );
    // The error's group comes first, open; the warnings' folded.
    let invalid = problems.find("id=\"invalid-yaml\" open").unwrap();
    let unresolved = problems.find("id=\"unresolved-link\">").unwrap();
    assert!(invalid < unresolved);
    assert!(problems.contains("461 warnings"));
    assert!(!problems.contains("<script"));
    let index = page("index.html");
    assert!(!index.contains("Problems (462)"));
    assert!(index.contains("Problems <span class=\"count\" title=\"1 error\">1</span>"));
    assert!(index.contains("What was read"));
    assert!(index.contains("0 by tag, 161 by keyword"));
    assert!(index.contains("did you mean #review?"));
    assert!(index.contains("<pre><code>categories:"));
}

/// The formula page shows the rules of the config in force (issue 12 item
/// 5): weights, kinds, the unlinked factor, the busy-day rule, and a worked
/// example from the vault's own data.
#[test]
fn formula_page_follows_the_config() {
    let vault = Vault::new()
        .file(
            "leverage.yaml",
            "categories:\n  deep:\n    kind: compounding\n    value: 0.8\n    tags: [focus]\n  shallow:\n    kind: linear\n    value: 0.1\n    tags: [email]\ntargets: {deep: 0.6, shallow: 0.4}\nunlinked_factor: 0.25\nbusy_day: {min_hours: 7, max_compounding_share: 0.2}\n",
        )
        .file("daily/2026-11-02.md", "- #focus 1h30m wrote the plan\n");
    let run = vault.run(&["build", "--as-of", "2026-11-02"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let html = std::fs::read_to_string(vault.path().join("_site/formulas.html")).unwrap();
    let start = html.find("<h1>").unwrap();
    let end = html.find("</main>").unwrap_or(html.len());
    insta::assert_snapshot!("formulas_custom_config", &html[start..end]);
    assert!(html.contains("<td>deep</td><td>compounding</td><td class=\"num\">0.8</td>"));
    assert!(html.contains("<code>unlinked_factor</code> = 0.25"));
    assert!(html.contains("at least 7 h logged and a compounding share under 20 %"));
    assert!(html.contains("1.5 × 0.8 × 0.25 = <strong>0.3</strong>"));
    let index = std::fs::read_to_string(vault.path().join("_site/index.html")).unwrap();
    assert!(index.contains("href=\"formulas.html\""));
}

/// Issue 12 item 6, SPEC 5 (v2) `direction: down`: lead time falling from
/// 10 to 5 days is progress. The terminal prints the metric's own movement
/// with its unit and the shift per hour with the hours behind it; the site
/// shows the fall as progress toward the target.
#[test]
fn a_falling_outcome_reads_as_progress() {
    let vault = Vault::new()
        .file(
            "outcomes/Lead Time.md",
            "---\nmetric: Lead time\nunit: days\nbaseline: 10\ntarget: 2\ndirection: down\n---\n",
        )
        .file(
            "daily/2026-11-03.md",
            "- #build 2h automated deploys [[Lead Time]]\n- lead time now [[Lead Time]] [value:: 8]\n",
        )
        .file(
            "daily/2026-11-10.md",
            "- #build 1h30m cut the review queue [[Lead Time]]\n- lead time now [[Lead Time]] [value:: 5]\n",
        );
    let report = vault.run(&["report", "--last", "2", "--as-of", "2026-11-12"]);
    let line = report
        .stdout
        .lines()
        .find(|line| line.contains("Lead Time"))
        .unwrap_or_else(|| panic!("{}", report.stdout));
    assert!(line.contains("-5 days"), "{line}");
    assert!(
        line.contains("1.43 days less per hour over 3.5 h"),
        "{line}"
    );
    let run = vault.run(&["build", "--as-of", "2026-11-12"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = std::fs::read_to_string(vault.path().join("_site/outcomes/outcomes/lead-time.html"))
        .unwrap();
    // (10 − 5) ÷ |2 − 10| = 62.5 %, drawn as progress.
    assert!(page.contains("<desc>63 %</desc>"), "{page}");
    // The card: the figure big, the words under it.
    assert!(
        page.contains("<div class=\"figure\">1.43</div>")
            && page.contains(">days less per hour over 3.5 h</a>"),
        "{page}"
    );
}

/// Issue 12 item 5: every headline card and every figure's column header
/// links to the section of `formulas.html` that says how it is computed, and
/// each of those sections exists.
#[test]
fn cards_and_column_headers_link_to_their_formula() {
    let vault = Vault::new()
        .file(
            "outcomes/Launch.md",
            "---\nmetric: Signups\nunit: signups\ntarget: 10\n---\n",
        )
        .file(
            "daily/2026-11-02.md",
            "- #writing 1h drafted the page [[Launch]]\n- #email 30m inbox\n",
        )
        .file("daily/2026-11-03.md", "- signups [[Launch]] [value:: 4]\n");
    let run = vault.run(&["build", "--as-of", "2026-11-03"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let read = |path: &str| std::fs::read_to_string(vault.path().join("_site").join(path)).unwrap();
    let formulas = read("formulas.html");
    let anchors = |html: &str| -> Vec<String> {
        html.split("class=\"help\" href=\"")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
            .collect()
    };
    for (page, labels) in [
        (
            "index.html",
            &[
                "hours logged",
                "compounding share",
                "leverage index",
                "off-target",
                "shift per hour",
            ][..],
        ),
        (
            "weeks/2026-W45.html",
            &["leverage-h", "share", "shift per hour"][..],
        ),
        (
            "days/2026-11-02.html",
            &["hours logged", "leverage-h", "category"][..],
        ),
        ("months.html", &["compounding", "index"][..]),
    ] {
        let html = read(page);
        for label in labels {
            assert!(
                html.contains(&format!("{label}</a>")),
                "{page}: {label} is not a link"
            );
        }
        let links = anchors(&html);
        assert!(!links.is_empty(), "{page}");
        for link in links {
            let (file, id) = link.split_once('#').unwrap();
            assert!(file.ends_with("formulas.html"), "{page}: {link}");
            assert!(
                formulas.contains(&format!("id=\"{id}\"")),
                "{page}: no section {id}"
            );
        }
    }
}

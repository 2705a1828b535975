//! SPEC 6b (v2) on tests/fixtures/opportunities/, every figure worked out by
//! hand below. The fixture: Mondays of W33 to W48 of 2026 (no note at all in
//! W34), read as of Sunday 2026-11-29, so W48 is a whole week and the window
//! of recurring work is W37 (Monday 2026-09-07) to W48.
//!
//! Every Monday note holds: `#call` with a nested 60-minute item (the tag is
//! only inherited: left out); `Paperwork 45m` (untagged: left out); `#writing
//! 2h` (compounding: left out); `#email` 2h15m up to W41, then 50m; `#support`
//! 1h30m in W35 to W41; `#support/tickets` 75m from W43; `#meeting` 2h in W46
//! to W48 (3 weeks only). Fridays of W45 to W48: `#report` 30m (4 weeks, 120
//! minutes only). Systems: Referral CRM `#system` 3h, 1h/month (W38); Gmail
//! filters `#automation #email` 2h, 1h/week (Wed W41); support macros
//! `#automation #support` 1h30m, 2h/week (Tue W42); report template
//! `#template #report` 1h, 4h/month (Wed W46).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::vault::run_in;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/opportunities")
}

fn export() -> Value {
    let run = run_in(&fixture(), &["export", "--as-of", "2026-11-29"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn verified(doc: &Value, file: &str) -> Value {
    doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file"] == file && a["saves"].is_object())
        .unwrap_or_else(|| panic!("a system in {file}"))["saves"]["verified"]
        .clone()
}

/// SPEC 6b (v2) recurring linear work. B = the median of the systems' own
/// minutes 60, 90, 120, 180 = (90 + 120) / 2 = 105.
/// - `#email`: W37 to W41 5 × 135 = 675, W42 to W48 7 × 50 = 350; 1025 min in
///   12 weeks; 1025 / 12 = 85.42 → 85; payback 105 / (85 / 2) = 2.47 → 2.5.
/// - `#support`: W37 to W41 5 × 90 = 450 (W35 and W36 are before the window);
///   450 / 12 = 37.5 → 38 (half up); 105 / 19 = 5.53 → 5.5.
/// - `#support/tickets`: W43 to W48 6 × 75 = 450: 38 and 5.5 too, after
///   `support` by tag. The first own tag groups as written.
#[test]
fn opportunities_of_the_fixture() {
    let doc = export();
    assert_eq!(
        doc["opportunities"],
        json!([
            {"tag": "email", "minutes": 1025, "weeks": 12, "minutes_per_week": 85, "payback_weeks": 2.5},
            {"tag": "support", "minutes": 450, "weeks": 5, "minutes_per_week": 38, "payback_weeks": 5.5},
            {"tag": "support/tickets", "minutes": 450, "weeks": 6, "minutes_per_week": 38, "payback_weeks": 5.5}
        ])
    );
}

/// SPEC 6b (v2) verified savings of the fixture's four systems.
#[test]
fn verified_savings_of_the_fixture() {
    let doc = export();
    // Gmail filters, W41: before W33 to W40, 7 weeks of 135 and W34 without a
    // note: 945 / 8 = 118.1 → 118. After: the whole weeks W42 to W48 (7, the
    // as-of Sunday makes W48 whole), 50 each: 50. Measured 118 − 50 = 68
    // against 60 claimed: the savings hold.
    assert_eq!(
        verified(&doc, "daily/2026-10-07.md"),
        json!({"status": "measured", "target": "email", "before": 118, "after": 50,
               "measured_minutes_per_week": 68, "claimed_minutes_per_week": 60})
    );
    // Support macros, W42: #automation is compounding, so #support is the
    // target. Before W34 to W41: W34 0, W35 to W41 7 × 90: 630 / 8 = 78.75 →
    // 79. After W43 to W48: 75 of #support/tickets, a descendant. Measured 4
    // against 120 claimed: they do not.
    assert_eq!(
        verified(&doc, "daily/2026-10-13.md"),
        json!({"status": "measured", "target": "support", "before": 79, "after": 75,
               "measured_minutes_per_week": 4, "claimed_minutes_per_week": 120})
    );
    // Report template, W46: #template is compounding, #report maps to no
    // category (uncategorized, linear). Only W47 and W48 after: too early.
    // 4h/month = 240 × 7 / 30 = 56 min/week.
    assert_eq!(
        verified(&doc, "daily/2026-11-11.md"),
        json!({"status": "too_early", "target": "report", "before": null, "after": null,
               "measured_minutes_per_week": null, "claimed_minutes_per_week": 56})
    );
    // Referral CRM: #system is its only tag, and compounding: unverifiable.
    // 1h/month = 60 × 7 / 30 = 14 min/week.
    assert_eq!(
        verified(&doc, "daily/2026-09-16.md"),
        json!({"status": "unverifiable", "target": null, "before": null, "after": null,
               "measured_minutes_per_week": null, "claimed_minutes_per_week": 14})
    );
}

/// SPEC 6b (v2): the window and the after weeks move with the as-of date. On
/// Saturday 2026-11-28 W48 is not whole: the Gmail filters' after is W42 to
/// W47, still 50.
#[test]
fn a_saturday_as_of_leaves_its_week_out_of_after() {
    let run = run_in(&fixture(), &["export", "--as-of", "2026-11-28"]);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let filters = verified(&doc, "daily/2026-10-07.md");
    assert_eq!(
        (filters["before"].clone(), filters["after"].clone()),
        (json!(118), json!(50))
    );
    // Report template: W47 only after W46 (W48 not whole).
    assert_eq!(verified(&doc, "daily/2026-11-11.md")["status"], "too_early");
}

fn run(args: &[&str]) -> String {
    let run = run_in(&fixture(), args);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    run.stdout
}

/// `leverage opportunities`: the compounding test as the heading, the table
/// in the order of SPEC 6b, then each system's claim against the log.
#[test]
fn the_opportunities_command_prints_the_table_and_the_ledger() {
    // The fixture's leverage.yaml says `as_of: 2026-11-29`.
    let text = run(&["opportunities"]);
    assert!(
        text.starts_with("Done again and again, by hand: 2026-W37 to 2026-W48"),
        "{text}"
    );
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|line| line.trim_start().starts_with('#'))
        .map(|line| {
            line.split("   ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(
        rows,
        [
            ["#email", "1 h 25 min", "12/12", "17 h 5 min", "2.5 weeks"],
            ["#support", "38 min", "5/12", "7 h 30 min", "5.5 weeks"],
            [
                "#support/tickets",
                "38 min",
                "6/12",
                "7 h 30 min",
                "5.5 weeks"
            ],
        ]
    );
    assert!(
        text.contains("1 h 45 min (the median of your 4 timed systems)"),
        "{text}"
    );
    assert!(
        text.contains(
            "claimed 1 h/week; measured 1 h 8 min/week over 7 weeks after, against 8 before"
        ),
        "{text}"
    );
    assert!(
        text.contains("claimed 2 h/week; measured 4 min/week over 6 weeks after, against 8 before"),
        "{text}"
    );
    assert!(
        text.contains("claimed 56 min/week; too early to measure: 2 whole weeks"),
        "{text}"
    );
    assert!(text.contains("claimed 14 min/week; unverifiable"), "{text}");
}

/// `--format markdown`: tables to paste into a review note, where a tag or a
/// link must not become one of the note's own.
#[test]
fn the_markdown_tables_make_no_tags_or_links_in_the_review_note() {
    let text = run(&[
        "opportunities",
        "--as-of",
        "2026-11-29",
        "--format",
        "markdown",
    ]);
    assert!(
        text.contains("| `#email` | 1 h 25 min | 12/12 | 17 h 5 min | 2.5 weeks |"),
        "{text}"
    );
    assert!(
        text.contains(
            "| 2026-10-13 | Support macros for the ten commonest tickets \\#automation \\#support \
             1h30m \\[saves:: 2h/week\\] | `#support` | 2 h/week | 4 min/week (6 weeks after, 8 before) |"
        ),
        "{text}"
    );
    assert!(text.contains("| 2026-11-11 | Report template"), "{text}");
    assert!(text.contains("| 56 min/week | too early |"), "{text}");
}

/// `explain` of a system: claimed against measured, and the weeks listed. As
/// of Friday 2026-11-27, W48 is not whole: 5 weeks after.
#[test]
fn explain_lists_the_weeks_before_and_after_a_system() {
    let text = run(&["explain", "daily/2026-10-13.md:5", "--as-of", "2026-11-27"]);
    assert!(
        text.contains(
            "verified  claimed 2 h/week; measured 4 min/week over 5 weeks after, against 8 before"
        ),
        "{text}"
    );
    assert!(text.contains("target #support:"), "{text}");
    assert!(
        text.contains(
            "before  2026-W34 0 · 2026-W35 90 · 2026-W36 90 · 2026-W37 90 · 2026-W38 90 · \
             2026-W39 90 · 2026-W40 90 · 2026-W41 90 (mean 79 min/week)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "after   2026-W43 75 · 2026-W44 75 · 2026-W45 75 · 2026-W46 75 · 2026-W47 75 \
             (mean 75 min/week)"
        ),
        "{text}"
    );
}

/// The site: the dashboard's Opportunities card (top three, a strip of 12
/// weeks each, the payback) and the systems page as the compounding ledger.
#[test]
fn the_site_shows_the_card_and_the_ledger() {
    let out = tempfile::tempdir().unwrap();
    let run = run_in(
        &fixture(),
        &[
            "build",
            "-o",
            out.path().to_str().unwrap(),
            "--as-of",
            "2026-11-29",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    let card = &index[index.find("<h2>Opportunities</h2>").expect("the card")..];
    let card = &card[..card.find("</section>").unwrap()];
    assert_eq!(card.matches(r#"class="viz viz-strip""#).count(), 3);
    assert_eq!(
        card.matches(r#"<rect class="bar""#).count(),
        36,
        "12 weeks each"
    );
    assert!(
        card.contains(r#"<a class="tag" href="tags/email.html">#email</a>"#),
        "{card}"
    );
    assert!(card.contains("<td class=\"num\">1 h 25 min</td>"), "{card}");
    assert!(card.contains("<td class=\"num\">2.5 weeks</td>"), "{card}");
    assert!(
        card.contains("<title>2026-W37: 2 h 15 min</title>"),
        "{card}"
    );

    let systems = std::fs::read_to_string(out.path().join("systems.html")).unwrap();
    // Claimed and measured side by side in the table.
    assert!(
        systems.contains(r#"<td class="num" data-label="claimed">1 h/week</td><td class="num" data-label="measured">1 h 8 min/week</td>"#),
        "{systems}"
    );
    assert!(
        systems.contains(
            r#"<td class="num" data-label="claimed">56 min/week</td><td class="num" data-label="measured"><span class="badge">too early</span></td>"#
        ),
        "{systems}"
    );
    // The sentences, a badge each, and a chart per system with a target.
    assert!(
        systems.contains(
            "claimed 1 h/week; measured 1 h 8 min/week over 7 weeks after, against 8 before. \
             <span class=\"badge ok\">holds</span>"
        ),
        "{systems}"
    );
    assert!(
        systems.contains(
            "claimed 2 h/week; measured 4 min/week over 6 weeks after, against 8 before. \
             <span class=\"badge warn\">falls short</span>"
        ),
        "{systems}"
    );
    assert_eq!(systems.matches(r#"class="viz viz-ledger""#).count(), 3);
    assert_eq!(
        systems.matches(r#"<rect class="bar after""#).count(),
        7 + 6 + 2
    );
    assert!(systems.contains(">mean 1 h 19 min<"), "{systems}");
    // No script, and nothing loaded from elsewhere.
    assert!(!systems.contains("<script") && !index.contains("<script"));
}

/// SPEC 6b on the example vault (as of Friday 2026-11-13, so W45 is the last
/// whole week): opportunities, a measured system whose savings hold, one
/// whose savings do not, and one too early.
#[test]
fn the_example_vault_shows_every_status() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = run_in(root, &["export", "example-vault", "--as-of", "2026-11-13"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    // #email: 2h30m + 2h20m = 290 min in each summer week W35 to W39, then the
    // logged weeks W40 to W46 (first own tag #email, linear; the two systems
    // tagged #email are compounding): 1450 + 345 + 270 + 240 + 225 + 180 + 285 +
    // 120 = 3115 min in 12 weeks: 259.6 → 260 min/week; B = the median of 8
    // timed systems (60 60 60 90 90 120 120 120) = 90: 90 / 130 = 0.69 → 0.7.
    assert_eq!(
        doc["opportunities"][0],
        json!({"tag": "email", "minutes": 3115, "weeks": 12, "minutes_per_week": 260, "payback_weeks": 0.7})
    );
    // Gmail filters, W41: before W33 to W39 7 × 290 and W40 345: 2375 / 8 =
    // 296.9 → 297; after W42 to W45: (300 + 225 + 180 + 285) / 4 = 247.5 → 248.
    // 49 measured against 120 claimed: the savings do not hold.
    assert_eq!(
        verified(&doc, "daily/2026-10-05.md"),
        json!({"status": "measured", "target": "email", "before": 297, "after": 248,
               "measured_minutes_per_week": 49, "claimed_minutes_per_week": 120})
    );
    // The Zapier automation, W41: #invoice 7 × 75 and W40 60: 585 / 8 = 73.1
    // → 73; after (90 + 45 + 45 + 0) / 4 = 45. 28 against 1h/month = 14: they hold.
    assert_eq!(
        verified(&doc, "daily/2026-10-07.md"),
        json!({"status": "measured", "target": "invoice", "before": 73, "after": 45,
               "measured_minutes_per_week": 28, "claimed_minutes_per_week": 14})
    );
    // The text-expander snippets, W42: only W43 to W45 after, too early.
    assert_eq!(verified(&doc, "daily/2026-10-14.md")["status"], "too_early");
}

/// SPEC 10: every note string the card and the ledger print is escaped, the
/// tag in the SVG strips and charts included.
#[test]
fn the_card_and_the_ledger_escape_note_strings() {
    let mut vault = crate::vault::Vault::new().file(
        "daily/2026-09-30.md",
        "- Built it <script>alert(1)</script> #automation #[[x <b>y</b>]] 1h [saves:: 1h/week]\n",
    );
    for day in [
        "2026-09-07",
        "2026-09-14",
        "2026-09-21",
        "2026-10-05",
        "2026-10-12",
        "2026-10-19",
        "2026-10-26",
    ] {
        vault = vault.file(
            &format!("daily/{day}.md"),
            "- Chore #[[x <b>y</b>]] 1h30m\n",
        );
    }
    let out = tempfile::tempdir().unwrap();
    let run = vault.run(&[
        "build",
        "-o",
        out.path().to_str().unwrap(),
        "--as-of",
        "2026-11-01",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    let systems = std::fs::read_to_string(out.path().join("systems.html")).unwrap();
    assert!(index.contains("#x &lt;b&gt;y&lt;/b&gt;"), "{index}");
    assert!(systems.contains("viz-ledger"), "{systems}");
    for page in [&index, &systems] {
        assert!(
            !page.contains("<b>y") && !page.contains("<script>"),
            "{page}"
        );
    }
}

/// The systems page draws the before/after chart of the latest 24 systems
/// only (years of `saves::` items made it a page of hundreds of charts); the
/// ledger's table lists every one.
#[test]
fn the_systems_page_draws_the_latest_systems_and_lists_them_all() {
    let mut vault = crate::vault::Vault::new();
    let start = jiff::civil::date(2026, 1, 5);
    for week in 0..30 {
        let day = start + jiff::Span::new().weeks(week);
        vault = vault.file(
            &format!("daily/{day}.md"),
            format!("- 1h filter number {week} #automation #email [saves:: 30m/week]\n- 2h inbox #email\n"),
        );
    }
    let run = vault.run(&["build", "--as-of", "2026-08-30"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = std::fs::read_to_string(vault.path().join("_site/systems.html")).unwrap();
    assert_eq!(page.matches("<section class=\"system").count(), 24);
    assert!(page.contains("The latest 24 of 30 systems are drawn below"));
    // Every system is a row of the table, the first one too; only the
    // latest are drawn.
    assert!(
        page.contains("filter number 0<"),
        "the oldest is in the table"
    );
    assert!(!page.contains("filter number 5</h2>"), "not drawn");
    assert!(page.contains("filter number 6</h2>"), "drawn");
}

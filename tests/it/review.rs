//! Issue 14's cadence reviews on the example vault (`--as-of 2026-11-13`):
//! the month page as the outputs-to-outcomes review, the quarter page as the
//! strategy review, outcomes moved on every period page, backlinks, and a
//! fresh vault's example outcome.

use crate::site::built;
use crate::vault::{Vault, example_vault};

/// A page's text without tags or SVG, whitespace collapsed: what a reader sees.
fn words(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<svg") {
        text.push_str(&rest[..at]);
        rest = rest[at..]
            .find("</svg>")
            .map_or("", |end| &rest[at + end + 6..]);
    }
    text.push_str(rest);
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&#x27;", "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn page(site: &std::path::Path, path: &str) -> String {
    std::fs::read_to_string(site.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// Issue 14 item 1: the month page is the outputs-to-outcomes review.
#[test]
fn the_month_page_maps_each_outcome_to_its_hours_shift_per_hour_and_the_work_that_fed_it() {
    let site = built(&example_vault());
    let html = page(site.path(), "months/2026-10.html");
    let text = words(&html);
    // Newsletter Growth in October: 310 on 10-01 (its first check-in, none
    // before) to 395 on 10-30 = +85 subscribers, for 345 minutes of linked
    // work (5.75 h): 85 / 5.75 = 14.78 per hour.
    assert!(
        text.contains("Newsletter Growth hours 5.8 h shift +85 subscribers shift per hour 14.78 subscribers per hour over 5.8 h check-ins 3, latest 395 subscribers"),
        "{text}"
    );
    // First Hire has one check-in and nothing before it: no shift to show.
    assert!(text.contains("First Hire hours 5.8 h shift no earlier check-in to compare with"));
    // The work that fed it, each linking to its day; the rest counted.
    assert!(html.contains(r#"<a class="date" href="../days/2026-10-29.html">2026-10-29</a>"#));
    assert!(
        text.contains("11 more"),
        "Studio Revenue has 19 linked activities in October"
    );
}

// Issue 14 item 1: the quarter page is the strategy review.
#[test]
fn the_quarter_page_reviews_strategy() {
    let site = built(&example_vault());
    let text = words(&page(site.path(), "quarters/2026-Q4.html"));
    // Compounding share per month (the months' own cards agree).
    assert!(
        text.contains("October 151.5 28 % 38 % November 61.2 44 % 25 %"),
        "{text}"
    );
    // Portfolio Refresh reached its target of 3 case studies on 10-23.
    assert!(text.contains("Achieved Portfolio Refresh (target reached, 23 Oct )"));
    assert!(text.contains("Neglected at its end First Hire Dropped none"));
    // Systems built: the Gmail filters of 10-05 claim 2 h/week; 5 whole
    // weeks to the as-of date give back 10 h for 1 h built (10×), and the
    // log measures 49 min/week.
    assert!(
        text.contains("2026-10-05 1h 2h/week 10 h 10× measured 49 min/week"),
        "{text}"
    );
    assert!(text.contains("2026-10-14 1h 30m/day 15 h 15× too early to measure"));
}

// Issue 14 item 3: every period page shows the outcomes moved, their shift
// with the unit, and the shift per hour with the hours behind it.
#[test]
fn every_period_page_shows_the_outcomes_moved_with_units_and_hours() {
    let site = built(&example_vault());
    for (path, expected) in [
        (
            "weeks/2026-W46.html",
            "Referral Pipeline 3.3 +1 leads 0.31 leads per hour over 3.3 h",
        ),
        (
            "fortnights/2026-F23.html",
            "Newsletter Growth 3 +347 subscribers 115.67 subscribers per hour over 3 h",
        ),
        (
            "months/2026-11.html",
            "Newsletter Growth hours 3 h shift +347 subscribers shift per hour 115.67 subscribers per hour over 3 h",
        ),
        (
            "quarters/2026-Q4.html",
            "Newsletter Growth 8.8 +432 subscribers 49.37 subscribers per hour over 8.8 h",
        ),
        // Under two hours of work: no per-hour figure from chance.
        (
            "weeks/2026-W46.html",
            "Newsletter Growth 1 +130 subscribers too few hours (1 h)",
        ),
    ] {
        let text = words(&page(site.path(), path));
        assert!(text.contains(expected), "{path}: {text}");
    }
}

// Issue 14: the example outcome `init` writes is not neglected on a fresh
// vault (the neglect rule waits for a log 14 days long), and an outcome with
// a target but no check-in does not read "no target".
#[test]
fn a_fresh_vault_neglects_nothing_and_a_target_without_check_ins_is_no_missing_target() {
    let vault = Vault::new().file("outcomes/Goal.md", "---\ntarget: 5\nunit: leads\n---\n");
    assert_eq!(vault.run(&["init", "."]).code, Some(0));
    let vault = vault.file("daily/2026-11-13.md", "- 1h #plan week\n");
    let export = vault.export(&["--as-of", "2026-11-13"]);
    let neglected: Vec<bool> = export["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["neglected"].as_bool().unwrap())
        .collect();
    assert_eq!(neglected, [false, false]);
    let site = built(vault.path());
    let example = page(site.path(), "outcomes/outcomes/example-outcome.html");
    assert!(!example.contains("neglected"), "{example}");
    let goal = page(site.path(), "outcomes/outcomes/goal.html");
    assert!(!goal.contains("no target"), "{goal}");
    assert!(goal.contains("no check-in yet"), "{goal}");
    // Fourteen days of log later, the untouched outcomes are neglected.
    let vault = vault.file("daily/2026-11-27.md", "- 1h #plan week\n");
    let export = vault.export(&["--as-of", "2026-11-27"]);
    assert!(
        export["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["neglected"] == true)
    );
}

// Issue 14 item 4: note and outcome pages list what links to them, days
// newest first, each linking to its page.
#[test]
fn note_and_outcome_pages_list_their_backlinks() {
    let site = built(&example_vault());
    let acme = page(site.path(), "notes/pages/Acme Corp.html");
    let text = words(&acme);
    // The six days whose items or prose link [[Acme Corp]]; its own link to
    // itself is none.
    assert!(
        text.contains("Linked from Days Fri 13 Nov 2026 Thu 29 Oct 2026 Mon 12 Oct 2026 Mon 5 Oct 2026 Wed 30 Sep 2026 Mon 28 Sep 2026"),
        "{text}"
    );
    assert!(acme.contains(r#"<li><a href="../../days/2026-10-29.html">Thu 29 Oct 2026</a></li>"#));
    let hire = words(&page(site.path(), "outcomes/outcomes/first-hire.html"));
    assert!(hire.contains("Notes Weekly review template"), "{hire}");
    // A plain item's link in a Vault of its own: a page nothing links to says so.
    let vault = Vault::new()
        .file("pages/Lonely.md", "# Lonely\n")
        .file("pages/Hub.md", "# Hub\n\nSee [[Spoke]].\n")
        .file("pages/Spoke.md", "# Spoke\n")
        .file("daily/2026-11-12.md", "- 1h #plan met [[Spoke]]\n");
    let site = built(vault.path());
    assert!(
        words(&page(site.path(), "notes/pages/Lonely.html"))
            .contains("Linked from No note links here.")
    );
    assert!(
        words(&page(site.path(), "notes/pages/Spoke.html"))
            .contains("Linked from Days Thu 12 Nov 2026 Notes Hub")
    );
}

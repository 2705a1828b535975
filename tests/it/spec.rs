//! SPEC.md sections 3 to 8, held against `leverage export --format json`.
//!
//! Every vault here is written by hand from SPEC.md's rules, and every figure
//! is worked out by hand in the comments next to it (not read off the tool).
//! Default configuration unless a test says otherwise, so (SPEC 6):
//! coordination linear 0.0, execution linear 0.25, leverage compounding 1.0,
//! strategy compounding 1.0, uncategorized linear 0.0; targets 0.2 / 0.3 /
//! 0.3 / 0.2 (uncategorized 0); unlinked factor 0.5; busy at >= 360 minutes
//! with a compounding share < 0.10.

use serde_json::{Value, json};

use crate::vault::Vault;

// ---------------------------------------------------------------- helpers

/// The activity at `file:line`; panics (listing what there is) when missing.
fn act<'a>(doc: &'a Value, file: &str, line: u64) -> &'a Value {
    doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file"] == file && a["line"] == line)
        .unwrap_or_else(|| panic!("no activity at {file}:{line} in {:#}", doc["activities"]))
}

/// The lines of `file` that are activities, in export order.
fn lines(doc: &Value, file: &str) -> Vec<u64> {
    doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["file"] == file)
        .map(|a| a["line"].as_u64().unwrap())
        .collect()
}

/// The row of `list` (`days`, `weeks`, `outcomes`, …) whose `key` is `id`.
fn row<'a>(doc: &'a Value, list: &str, key: &str, id: &str) -> &'a Value {
    doc[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == id)
        .unwrap_or_else(|| panic!("no {list} row {id} in {:#}", doc[list]))
}

fn day<'a>(doc: &'a Value, id: &str) -> &'a Value {
    row(doc, "days", "id", id)
}

fn outcome<'a>(doc: &'a Value, id: &str) -> &'a Value {
    row(doc, "outcomes", "id", id)
}

/// The ids (or `key`s) of a list, in order.
fn ids(doc: &Value, list: &str, key: &str) -> Vec<String> {
    doc[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_str().unwrap().to_owned())
        .collect()
}

/// A JSON array of strings.
fn strs(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

/// A number or null, as `Option<f64>`, so that `2` and `2.0` compare equal.
fn num(value: &Value) -> Option<f64> {
    if value.is_null() {
        None
    } else {
        Some(
            value
                .as_f64()
                .unwrap_or_else(|| panic!("not a number: {value}")),
        )
    }
}

/// `(file, line, severity)` of every diagnostic, in export order.
fn diags(doc: &Value) -> Vec<(String, u64, String)> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn d(file: &str, line: u64, severity: &str) -> (String, u64, String) {
    (file.to_owned(), line, severity.to_owned())
}

const ONBOARDING: &str = "---\ntitle: Client Onboarding\n---\n# Client Onboarding\n";
const REFERRALS: &str = "---\naliases: [Referrals, \"Word of mouth\"]\n---\n";

// ------------------------------------------------------------ section 4

/// SPEC 4 Status: `[ ]` planned, `[x]`/`[X]`/plain done, `[-]` cancelled and
/// ignored; Logseq `DONE` done, `TODO`/`LATER`/`NOW`/`DOING` planned,
/// `CANCELED`/`CANCELLED` cancelled; the marker is not part of the text; any
/// list marker (`-`, `*`, `+`, `1.`); paragraphs and headings are not activities.
#[test]
fn status_forms() {
    let note = "\
- [ ] planned box #code 30m
- [x] done box #code 30m
- [X] done capital box #code 30m
- plain item #code 30m
- [-] cancelled box #code 30m
- DONE logseq done #code 30m
- TODO logseq todo #code 30m
- LATER logseq later #code 30m
- NOW logseq now #code 30m
- DOING logseq doing #code 30m
- CANCELED logseq canceled #code 30m
- CANCELLED logseq cancelled #code 30m

* star bullet #code 30m

+ plus bullet #code 30m

1. ordered item #code 30m

A paragraph #code 30m is not an activity.

## A heading #code 30m is not one either

- an item with neither tag nor duration
";
    let vault = Vault::new().file("daily/2026-11-02.md", note);
    let doc = vault.export(&[]);
    let f = "daily/2026-11-02.md";
    // Cancelled (5, 11, 12), the paragraph (20), the heading (22) and the bare
    // item (24) are not activities.
    assert_eq!(lines(&doc, f), [1, 2, 3, 4, 6, 7, 8, 9, 10, 14, 16, 18]);
    for planned in [1, 7, 8, 9, 10] {
        assert_eq!(act(&doc, f, planned)["status"], "planned", "line {planned}");
        // Leverage-hours exist only for done activities (SPEC 6 "for a done, timed activity").
        assert!(act(&doc, f, planned)["leverage_hours"].is_null());
    }
    for done in [2, 3, 4, 6, 14, 16, 18] {
        let a = act(&doc, f, done);
        assert_eq!(a["status"], "done", "line {done}");
        // p = 30/60 h × 0.25 (execution) × 0.5 (unlinked) = 0.0625 → 0.06
        assert_eq!(num(&a["leverage_hours"]), Some(0.06), "line {done}");
    }
    assert_eq!(act(&doc, f, 1)["text"], "planned box #code 30m");
    assert_eq!(act(&doc, f, 2)["text"], "done box #code 30m");
    assert_eq!(act(&doc, f, 6)["text"], "logseq done #code 30m");
    assert_eq!(act(&doc, f, 7)["text"], "logseq todo #code 30m");
    assert_eq!(act(&doc, f, 10)["text"], "logseq doing #code 30m");

    // Done: 7 × 30 = 210 minutes, all execution. Planned: 5 × 30 = 150.
    // Σp = 7 × 0.0625 = 0.4375; index = 100 × 0.4375 / (210/60) = 12.5.
    // off_target = ½ (|0 − 0.2| + |1 − 0.3| + |0 − 0.3| + |0 − 0.2|) = ½ × 1.4 = 0.7.
    let day = day(&doc, "2026-11-02");
    assert_eq!(day["minutes"], json!(210));
    assert_eq!(day["planned_minutes"], json!(150));
    assert_eq!(day["untimed"], json!(0));
    assert_eq!(day["by_category"], json!({"execution": 210}));
    assert_eq!(num(&day["compounding_share"]), Some(0.0));
    assert_eq!(num(&day["alignment"]), Some(0.0));
    assert_eq!(num(&day["index"]), Some(12.5));
    assert_eq!(num(&day["off_target"]), Some(0.7));
    assert_eq!(day["busy"], json!(false));
    // Only done activities carry a tag into `tags`: 7 activities, 210 minutes.
    assert_eq!(
        doc["tags"],
        json!([{"tag": "code", "minutes": 210, "activities": 7}])
    );
}

/// SPEC 4 Tags: after start/space/`(`, letters of any script, digits, `_`,
/// `-`, `/`, at least one non-digit, lower-cased; never in code spans or link
/// targets. SPEC 8 `tags`: done activities only, ancestors counted once per
/// activity, sorted by name; an activity's tags in order, without repeats.
#[test]
fn tags() {
    let note = "\
---
tags: [daily, journal]
---
- Café #Écriture 10m
- 日本語 #日本語 10m
- Issue #123 fixed #ok 10m
- a#b is no tag, (#paren) is #Mixed-Case_tag 10m
- `#incode` span, [x](#anchor) target, https://example.com/a(#frag) url #real 10m
- #1st #code #CODE 10m
- #a/b/c 10m
- #a/b 10m
- #a 10m
- #a/x #a/y 10m
- [ ] #onlyplanned 10m
- #untimedtag
- #tag. and #comma, 10m
";
    let vault = Vault::new().file("daily/2026-11-03.md", note);
    let doc = vault.export(&[]);
    let f = "daily/2026-11-03.md";
    let tags_at = |line| strs(&act(&doc, f, line)["tags"]);
    assert_eq!(tags_at(4), ["écriture"]);
    assert_eq!(tags_at(5), ["日本語"]);
    assert_eq!(tags_at(6), ["ok"]);
    assert_eq!(tags_at(7), ["paren", "mixed-case_tag"]);
    assert_eq!(tags_at(8), ["real"]);
    assert_eq!(tags_at(9), ["1st", "code"]);
    // The first mapped tag decides: `1st` maps to nothing, `code` is execution.
    assert_eq!(act(&doc, f, 9)["category"], "execution");
    assert_eq!(tags_at(10), ["a/b/c"]);
    assert_eq!(tags_at(13), ["a/x", "a/y"]);
    assert_eq!(tags_at(14), ["onlyplanned"]);
    assert_eq!(tags_at(15), ["untimedtag"]);
    assert_eq!(tags_at(16), ["tag", "comma"]);
    assert_eq!(act(&doc, f, 4)["category"], "uncategorized");
    assert_eq!(act(&doc, f, 4)["kind"], "linear");

    // Done, timed: lines 4–13 and 16, 10 minutes each; line 15 untimed; line 14 planned.
    // a: lines 10, 11, 12, 13 (13 carries a/x and a/y but counts once) = 40 min, 4.
    // a/b: lines 10, 11 = 20, 2. No `onlyplanned` (planned), no `daily`/`journal`
    // (front-matter tags are note tags). Byte order: digits, ASCII, then é, 日.
    assert_eq!(
        doc["tags"],
        json!([
            {"tag": "1st", "minutes": 10, "activities": 1},
            {"tag": "a", "minutes": 40, "activities": 4},
            {"tag": "a/b", "minutes": 20, "activities": 2},
            {"tag": "a/b/c", "minutes": 10, "activities": 1},
            {"tag": "a/x", "minutes": 10, "activities": 1},
            {"tag": "a/y", "minutes": 10, "activities": 1},
            {"tag": "code", "minutes": 10, "activities": 1},
            {"tag": "comma", "minutes": 10, "activities": 1},
            {"tag": "mixed-case_tag", "minutes": 10, "activities": 1},
            {"tag": "ok", "minutes": 10, "activities": 1},
            {"tag": "paren", "minutes": 10, "activities": 1},
            {"tag": "real", "minutes": 10, "activities": 1},
            {"tag": "tag", "minutes": 10, "activities": 1},
            {"tag": "untimedtag", "minutes": 0, "activities": 1},
            {"tag": "écriture", "minutes": 10, "activities": 1},
            {"tag": "日本語", "minutes": 10, "activities": 1},
        ])
    );
    // 11 timed done × 10 = 110; 1 untimed; 10 planned.
    let day = day(&doc, "2026-11-03");
    assert_eq!(day["minutes"], json!(110));
    assert_eq!(day["untimed"], json!(1));
    assert_eq!(day["planned_minutes"], json!(10));
}

/// SPEC 4 Durations: every token form, the standalone rule, clock
/// ranges (hyphen, en dash, spaced, across midnight), sums, the `time::` /
/// `duration::` override, and fractions of a minute rounded half up.
#[test]
fn durations() {
    let note = "\
- a 90m #x
- b 90min #x
- c 90mins #x
- d 2h #x
- e 1.5h #x
- f 2hr #x
- g 2hrs #x
- h 1h30m #x
- i 1h30 #x
- j 1h 30m #x
- k costs $2m over 2mo, x90m and 90mx #x
- l (45m) and [20m] #x
- m took 30m, then 15m. Then 5m; and 5m: done #x
- 09:00-10:30 n #x
- 9:00\u{2013}10:30 o #x
- 9:00 - 10:30 p #x
- 23:30-00:15 q #x
- 22:00-01:00 r #x
- 09:00-10:00 s plus 30m #x
- t 1h 30m [time:: 45m] #x
- u 2h (duration:: 1h) #x
- v 0.025h #x
- w at 09:00-10:00 #x
- [x] 09:00-09:30 y #x
- DONE 10:00-10:20 z #x
- time:: 45m
- aa [TIME:: 1h] 3h #x
- ab 1.5h. #x
";
    let vault = Vault::new().file("daily/2026-11-04.md", note);
    let doc = vault.export(&[]);
    let f = "daily/2026-11-04.md";
    let expected: [(u64, Option<u64>); 28] = [
        (1, Some(90)),
        (2, Some(90)),
        (3, Some(90)),
        (4, Some(120)),
        (5, Some(90)),   // 1.5 × 60
        (6, Some(120)),  // 2hr
        (7, Some(120)),  // 2hrs
        (8, Some(90)),   // 1h30m
        (9, Some(90)),   // 1h30
        (10, Some(90)),  // 1h 30m
        (11, None),      // $2m, 2mo, x90m, 90mx: none stands alone
        (12, Some(65)),  // (45m) + [20m]
        (13, Some(55)),  // 30 + 15 + 5 + 5, followed by , . ; :
        (14, Some(90)),  // 09:00-10:30
        (15, Some(90)),  // en dash
        (16, Some(90)),  // spaced hyphen
        (17, Some(45)),  // 23:30 → 00:15 crosses midnight: 30 + 15
        (18, Some(180)), // 22:00 → 01:00: 120 + 60
        (19, Some(90)),  // range 60 + token 30 add up
        (20, Some(45)),  // time:: alone counts, not 1h 30m
        (21, Some(60)),  // duration:: alone counts, not 2h
        (22, Some(2)),   // 0.025 × 60 = 1.5 minutes, half up → 2
        (23, Some(60)),  // SPEC 4 (v2): a clock range counts anywhere in the text
        (24, Some(30)),  // leading once the box is removed
        (25, Some(20)),  // leading once the marker is removed
        (26, Some(45)),  // `time:: 45m` as the whole item text
        (27, Some(60)),  // keys are case-insensitive: TIME:: wins over 3h
        (28, Some(90)),  // followed by `.`
    ];
    for (line, minutes) in expected {
        assert_eq!(
            act(&doc, f, line)["minutes"],
            json!(minutes),
            "minutes of line {line}: {}",
            act(&doc, f, line)["text"]
        );
    }
    assert_eq!(strs(&act(&doc, f, 26)["tags"]), Vec::<&str>::new());
    assert_eq!(act(&doc, f, 26)["category"], "uncategorized");
    // Untimed done activities have no leverage-hours.
    assert!(act(&doc, f, 11)["leverage_hours"].is_null());
    // Lines 1–10: 7 × 90 + 3 × 120 = 990. Then 65 + 55 + 90 + 90 + 90 + 45 + 180 + 90 + 45 + 60
    // + 60 + 2 + 30 + 20 + 45 + 60 + 90 = 1117 (line 23's 60: v2 reads clock ranges
    // anywhere). Total 2107; line 11 untimed.
    let day = day(&doc, "2026-11-04");
    assert_eq!(day["minutes"], json!(2107));
    assert_eq!(day["untimed"], json!(1));
    assert_eq!(day["by_category"], json!({"uncategorized": 2107}));
}

/// SPEC 4 Inline fields: `key:: value` as the whole text, `[key:: value]`,
/// `(key:: value)`; keys case-insensitive; a field's value is not read for
/// tags, durations or links (only `time::`/`duration::` values are durations).
#[test]
fn inline_fields() {
    let note = "\
- time:: 25m
- bracket form #email [category:: strategy] 10m
- paren form #email (Category:: leverage) 10m
- #automation 60m (saves:: 2h/week) (note:: 30m #notatag) [source:: [[Client Onboarding]]]
- #call 10m [[Client Onboarding]] (VALUE:: 7)
";
    let vault = Vault::new()
        .file("outcomes/Client Onboarding.md", ONBOARDING)
        .file("daily/2026-11-05.md", note);
    let doc = vault.export(&[]);
    let f = "daily/2026-11-05.md";
    assert_eq!(act(&doc, f, 1)["minutes"], json!(25));
    assert_eq!(act(&doc, f, 1)["category"], "uncategorized");
    assert_eq!(act(&doc, f, 2)["category"], "strategy");
    assert_eq!(act(&doc, f, 2)["kind"], "compounding");
    assert_eq!(strs(&act(&doc, f, 2)["tags"]), ["email"]);
    assert_eq!(act(&doc, f, 3)["category"], "leverage");
    // 60 minutes: neither the saves' 2h nor the note's 30m count.
    let a = act(&doc, f, 4);
    assert_eq!(a["minutes"], json!(60));
    assert_eq!(strs(&a["tags"]), ["automation"]);
    assert_eq!(strs(&a["outcomes"]), Vec::<&str>::new());
    assert_eq!(a["saves"]["minutes"], json!(120));
    assert_eq!(a["saves"]["per_days"], json!(7));
    // VALUE:: 7 is a check-in dated by the note.
    let o = outcome(&doc, "outcomes/client-onboarding");
    assert_eq!(num(&o["current"]), Some(7.0));
    assert_eq!(o["checkins"][0]["date"], "2026-11-05");
    assert_eq!(o["checkins"][0]["source"], "daily/2026-11-05.md:5");
}

/// SPEC 4 Inheritance: nested items are their own activities and inherit their
/// ancestors' tags and outcome links, added after their own; an item's text is
/// its own first paragraph, plain. SPEC 6 figures for the day, by hand.
#[test]
fn nested_items_inherit_tags_and_links() {
    let note = "\
- Client work #client [[Client Onboarding]]
  - drafted the email #email 30m
    - deeper #review 15m [[Referral Pipeline]]
  - no own tags 20m
  - **bold** and _em_ [site](https://example.com) [[Acme|the client]]
- Workshop #planning
  - time:: 45m
- Unrelated 10m
";
    let vault = Vault::new()
        .file("outcomes/Client Onboarding.md", ONBOARDING)
        .file("outcomes/Referral Pipeline.md", REFERRALS)
        .file("pages/Acme.md", "# Acme\n")
        .file("daily/2026-11-06.md", note);
    let doc = vault.export(&[]);
    let f = "daily/2026-11-06.md";
    let co = "outcomes/client-onboarding";
    let rp = "outcomes/referral-pipeline";
    // SPEC 4 (v2) Details: line 5 has no signal of its own, so it is a detail
    // of line 1 (v1 made it an activity by inheritance).
    assert_eq!(lines(&doc, f), [1, 2, 3, 4, 6, 7, 8]);

    let parent = act(&doc, f, 1);
    assert_eq!(strs(&parent["tags"]), ["client"]);
    assert_eq!(strs(&parent["outcomes"]), [co]);
    assert!(parent["minutes"].is_null());

    let email = act(&doc, f, 2);
    assert_eq!(strs(&email["tags"]), ["email", "client"]);
    assert_eq!(email["category"], "coordination"); // own `email` before inherited `client`
    assert_eq!(strs(&email["outcomes"]), [co]);
    assert_eq!(email["text"], "drafted the email #email 30m");

    let deeper = act(&doc, f, 3);
    assert_eq!(strs(&deeper["tags"]), ["review", "email", "client"]);
    assert_eq!(deeper["category"], "strategy");
    assert_eq!(strs(&deeper["outcomes"]), [rp, co]);
    // 15/60 × 1.0 × 1 (linked) = 0.25
    assert_eq!(num(&deeper["leverage_hours"]), Some(0.25));

    let plain = act(&doc, f, 4);
    assert_eq!(strs(&plain["tags"]), ["client"]);
    assert_eq!(plain["category"], "execution");
    // 20/60 × 0.25 × 1 = 0.0833… → 0.08
    assert_eq!(num(&plain["leverage_hours"]), Some(0.08));

    // The detail's link is to a page: it adds nothing to line 1's outcomes.
    assert_eq!(strs(&act(&doc, f, 1)["outcomes"]), [co]);

    assert_eq!(strs(&act(&doc, f, 7)["tags"]), ["planning"]);
    assert_eq!(act(&doc, f, 7)["category"], "strategy");
    // 45/60 × 1.0 × 0.5 (unlinked) = 0.375 → 0.38
    assert_eq!(num(&act(&doc, f, 7)["leverage_hours"]), Some(0.38));
    assert_eq!(act(&doc, f, 8)["category"], "uncategorized");

    // The day, timed done: 30 coord (linked), 15 strategy (linked), 20 execution
    // (linked), 45 strategy (unlinked), 10 uncategorized (unlinked): M = 120.
    // compounding = 60/120 = 0.5; alignment = 65/120 = 0.54166… → 0.5417.
    // Σp = 0 + 0.25 + 0.08333… + 0.375 + 0 = 0.70833…; index = 100 × 0.70833 / 2 = 35.42.
    // shares .25 / .16667 / 0 / .5 / .08333 against .2 / .3 / .3 / .2 / 0:
    // ½ (.05 + .13333 + .3 + .3 + .08333) = 0.43333 → 0.4333.
    let day = day(&doc, "2026-11-06");
    assert_eq!(day["minutes"], json!(120));
    assert_eq!(day["untimed"], json!(2));
    assert_eq!(
        day["by_category"],
        json!({"coordination": 30, "execution": 20, "strategy": 60, "uncategorized": 10})
    );
    assert_eq!(num(&day["compounding_share"]), Some(0.5));
    assert_eq!(num(&day["alignment"]), Some(0.5417));
    assert_eq!(num(&day["index"]), Some(35.42));
    assert_eq!(num(&day["off_target"]), Some(0.4333));
    // An outside link (https) and a page link are not problems.
    assert_eq!(diags(&doc), []);
}

/// SPEC 4 at any depth, Logseq style: tab-indented items in a `YYYY_MM_DD`
/// journal are nested activities on their own lines, inheriting tags.
#[test]
fn tab_indented_logseq_items() {
    let note =
        "- DONE Parent #planning\n\t- child 30m\n\t\t- grandchild #email 15m\n\t- TODO later 10m\n";
    let vault = Vault::new().file("journals/2026_11_02.md", note);
    let doc = vault.export(&[]);
    let f = "journals/2026_11_02.md";
    assert_eq!(lines(&doc, f), [1, 2, 3, 4]);
    assert!(act(&doc, f, 1)["minutes"].is_null());
    assert_eq!(act(&doc, f, 2)["text"], "child 30m");
    assert_eq!(strs(&act(&doc, f, 2)["tags"]), ["planning"]);
    assert_eq!(act(&doc, f, 2)["category"], "strategy");
    assert_eq!(strs(&act(&doc, f, 3)["tags"]), ["email", "planning"]);
    assert_eq!(act(&doc, f, 3)["category"], "coordination");
    assert_eq!(act(&doc, f, 4)["status"], "planned");
    assert_eq!(act(&doc, f, 4)["date"], "2026-11-02");
    // Done and timed: 30 strategy + 15 coordination; 10 planned.
    let day = day(&doc, "2026-11-02");
    assert_eq!(
        day["by_category"],
        json!({"coordination": 15, "strategy": 30})
    );
    assert_eq!(day["planned_minutes"], json!(10));
}

/// SPEC 4 Outcome links and Resolution: wikilinks with alias, heading, embed and
/// folder path; relative Markdown links, `.md` optional, percent-decoded; file
/// name before title and aliases; several matches: shortest path, then byte
/// order, with a warning; page links ignored; unresolved links warn.
#[test]
fn outcome_links_and_resolution() {
    let note = "\
- a [[Client Onboarding]] #x 10m
- b [[client onboarding|the onboarding]] #x 10m
- c [[Client Onboarding#Plan]] #x 10m
- d ![[Client Onboarding]] #x 10m
- e [[outcomes/Client Onboarding]] #x 10m
- f [[OUTCOMES/client onboarding.md]] #x 10m
- g [text](../outcomes/Client%20Onboarding.md) #x 10m
- h [text](../outcomes/Referral%20Pipeline) #x 10m
- i [[Referrals]] and [[word of mouth]] #x 10m
- j [[The Big Bet]] #x 10m
- k [[Ambig]] #x 10m
- l [[Dup]] #x 10m
- m [[Acme]] #x 10m
- n [[Nowhere]] #x 10m
- o [[Referral Pipeline]] then [[Client Onboarding]] #x 10m
";
    let vault = Vault::new()
        .file("outcomes/Client Onboarding.md", ONBOARDING)
        .file("outcomes/Referral Pipeline.md", REFERRALS)
        .file(
            "goals/Big Bet.md",
            "---\ntype: outcome\ntitle: The Big Bet\n---\n",
        )
        .file("outcomes/Ambig.md", "")
        .file("outcomes/sub/Ambig.md", "")
        .file("outcomes/aa/Dup.md", "")
        .file("outcomes/bb/Dup.md", "")
        .file("pages/Acme.md", "# Acme\n")
        .file("daily/2026-11-09.md", note);
    let doc = vault.export(&[]);
    let f = "daily/2026-11-09.md";
    let outcomes_at = |line| strs(&act(&doc, f, line)["outcomes"]);
    for line in 1..=7 {
        assert_eq!(
            outcomes_at(line),
            ["outcomes/client-onboarding"],
            "line {line}"
        );
    }
    assert_eq!(act(&doc, f, 2)["text"], "b the onboarding #x 10m");
    assert_eq!(outcomes_at(8), ["outcomes/referral-pipeline"]);
    // Two aliases of one outcome: listed once.
    assert_eq!(outcomes_at(9), ["outcomes/referral-pipeline"]);
    assert_eq!(outcomes_at(10), ["goals/big-bet"]);
    // outcomes/Ambig.md (16 bytes) is shorter than outcomes/sub/Ambig.md.
    assert_eq!(outcomes_at(11), ["outcomes/ambig"]);
    // Same length: aa before bb.
    assert_eq!(outcomes_at(12), ["outcomes/aa/dup"]);
    assert_eq!(outcomes_at(13), Vec::<&str>::new());
    assert_eq!(outcomes_at(14), Vec::<&str>::new());
    assert_eq!(
        outcomes_at(15),
        ["outcomes/referral-pipeline", "outcomes/client-onboarding"]
    );
    // Lines 1–12 and 15 link an outcome: alignment = 13 × 10 / 150 = 0.86666… → 0.8667.
    assert_eq!(num(&day(&doc, "2026-11-09")["alignment"]), Some(0.8667));
    assert_eq!(
        diags(&doc),
        [
            d(f, 11, "warning"),
            d(f, 12, "warning"),
            d(f, 14, "warning")
        ]
    );
    // The column is where the link starts: `- k ` is 4 bytes.
    assert_eq!(doc["diagnostics"][0]["column"], json!(5));
}

/// SPEC 4 Resolution order: the file name wins over another note's title.
#[test]
fn file_name_wins_over_title() {
    let vault = Vault::new()
        .file(
            "goals/Big Bet.md",
            "---\ntype: outcome\ntitle: The Big Bet\n---\n",
        )
        .file("pages/The Big Bet.md", "A page, not an outcome.\n")
        .file(
            "outcomes/Hire.md",
            "---\naliases: Recruiting, hiring-plan\n---\n",
        )
        .file(
            "daily/2026-11-09.md",
            "- [[The Big Bet]] #x 10m\n- [[hiring-plan]] #x 10m\n",
        );
    let doc = vault.export(&[]);
    let f = "daily/2026-11-09.md";
    assert_eq!(strs(&act(&doc, f, 1)["outcomes"]), Vec::<&str>::new());
    // `aliases` as a comma- or space-separated string (SPEC 2).
    assert_eq!(strs(&act(&doc, f, 2)["outcomes"]), ["outcomes/hire"]);
    assert_eq!(diags(&doc), []);
}

/// SPEC 4 Category: `category::` wins; else the first mapped tag in order of
/// appearance, own before inherited; a nested tag tries `a/b/c`, `a/b`, `a`.
#[test]
fn category_rule() {
    let note = "\
- #foo #meeting #system 10m
- #system/notion 10m
- #unknown/email 10m
- #client/acme/invoice 10m
- #email 10m [category:: strategy]
- #Follow-Up 10m
- 10m nothing
- Parent #system
  - child #email 10m
  - child two 10m
";
    let vault = Vault::new().file("daily/2026-11-10.md", note);
    let doc = vault.export(&[]);
    let f = "daily/2026-11-10.md";
    let cat = |line| act(&doc, f, line)["category"].as_str().unwrap().to_owned();
    assert_eq!(cat(1), "coordination");
    assert_eq!(cat(2), "leverage");
    assert_eq!(cat(3), "uncategorized"); // `unknown/email` → `unknown`, never `email`
    assert_eq!(cat(4), "execution");
    assert_eq!(cat(5), "strategy");
    assert_eq!(cat(6), "coordination");
    assert_eq!(cat(7), "uncategorized");
    assert_eq!(cat(9), "coordination");
    assert_eq!(cat(10), "leverage");
    assert_eq!(act(&doc, f, 2)["kind"], "compounding");
    assert_eq!(act(&doc, f, 1)["kind"], "linear");
    // 10 timed done items: coord 1, 6, 9 = 30; leverage 2, 10 = 20; uncat 3, 7 = 20;
    // execution 4 = 10; strategy 5 = 10. They add up to 90.
    assert_eq!(
        day(&doc, "2026-11-10")["by_category"],
        json!({"coordination": 30, "execution": 10, "leverage": 20, "strategy": 10, "uncategorized": 20})
    );
}

/// SPEC 7 + 4: given categories replace the defaults as a whole, and a nested
/// tag in a category's list catches deeper tags.
#[test]
fn configured_categories_replace_the_defaults() {
    let config = "\
categories:
  deep:
    kind: compounding
    value: 0.5
    tags: [deep/work]
";
    let vault = Vault::new().file("leverage.yaml", config).file(
        "daily/2026-11-10.md",
        "- #deep/work/focus 60m\n- #deep 60m\n- #email 60m\n",
    );
    let doc = vault.export(&[]);
    let f = "daily/2026-11-10.md";
    assert_eq!(act(&doc, f, 1)["category"], "deep");
    assert_eq!(act(&doc, f, 1)["kind"], "compounding");
    // 1 h × 0.5 × 0.5 (unlinked) = 0.25
    assert_eq!(num(&act(&doc, f, 1)["leverage_hours"]), Some(0.25));
    assert_eq!(act(&doc, f, 2)["category"], "uncategorized");
    assert_eq!(act(&doc, f, 3)["category"], "uncategorized");
    // compounding 60 of 180 = 0.3333; index = 100 × 0.25 / 3 = 8.33
    let day = day(&doc, "2026-11-10");
    assert_eq!(num(&day["compounding_share"]), Some(0.3333));
    assert_eq!(num(&day["index"]), Some(8.33));
}

// ------------------------------------------------------------ section 5

/// SPEC 5 Outcome id: path without `.md`, lower-cased, runs of other
/// characters than letters, digits and `/` to `-`, trimmed; collisions: the
/// later path in byte order gets `-2`, `-3`, with a warning. `title` defaults
/// to the file name. List items in outcome notes and pages are not activities.
#[test]
fn outcome_ids() {
    let vault = Vault::new()
        .file(
            "outcomes/Referral Pipeline.md",
            "- #code 30m in an outcome\n",
        )
        .file("outcomes/Q4 \u{2014} Revenue (EUR)!.md", "")
        .file("outcomes/Café Ünïcode.md", "")
        .file("projects/Launch.md", "---\ntype: outcome\n---\n")
        .file("outcomes/FOO_BAR.md", "")
        .file("outcomes/Foo Bar.md", "")
        .file("outcomes/foo-bar.md", "")
        .file("pages/Page.md", "- #code 30m in a page\n")
        .file("daily/2026-11-02.md", "Nothing logged.\n");
    let doc = vault.export(&[]);
    // Byte order of the paths: FOO_BAR.md < Foo Bar.md < foo-bar.md ('O' < 'o', 'F' < 'f').
    assert_eq!(
        ids(&doc, "outcomes", "id"),
        [
            "outcomes/café-ünïcode",
            "outcomes/foo-bar",
            "outcomes/foo-bar-2",
            "outcomes/foo-bar-3",
            "outcomes/q4-revenue-eur",
            "outcomes/referral-pipeline",
            "projects/launch",
        ]
    );
    assert_eq!(
        ids(&doc, "outcomes", "title")[1..4],
        ["FOO_BAR", "Foo Bar", "foo-bar"]
    );
    assert_eq!(
        outcome(&doc, "outcomes/q4-revenue-eur")["title"],
        "Q4 \u{2014} Revenue (EUR)!"
    );
    assert_eq!(outcome(&doc, "projects/launch")["status"], "active");
    assert_eq!(doc["activities"], json!([]));
    assert_eq!(
        diags(&doc),
        [
            d("outcomes/Foo Bar.md", 1, "warning"),
            d("outcomes/foo-bar.md", 1, "warning")
        ]
    );
}

/// SPEC 5 Check-ins and figures: front-matter and `value::` check-ins; current =
/// latest date (a tie goes to the daily note); baseline = `baseline:` else the
/// earliest; shift, leverage per hour, progress (not clamped); `value::` with no
/// or several outcomes warns; planned items give no check-in.
#[test]
fn checkins_and_outcome_figures() {
    let onboarding = "\
---
baseline: 1
target: 5
checkins:
  - {date: 2026-11-01, value: 2}
  - date: 2026-11-05
    value: 3
    note: first clients
---
";
    // Listed latest first: `current` is the latest by date, not the last listed.
    let newsletter = "\
---
target: 200
checkins:
  - {date: 2026-10-15, value: 130}
  - {date: 2026-10-01, value: 100}
---
";
    let daily = "\
- Called the client #call 30m [[Client Onboarding]] [value:: 4]
- Built the checklist #system 90m [[Client Onboarding]]
- [ ] planned check #call 10m [[Client Onboarding]] [value:: 9]
- Orphan value #call 10m [value:: 5]
- Two outcomes #call 10m [[Client Onboarding]] [[Newsletter]] [value:: 6]
- Wrote the issue #writing 7h [[Newsletter]]
- Looked at the overshoot #review [[Overshoot]]
";
    let vault = Vault::new()
        .file("outcomes/Client Onboarding.md", onboarding)
        .file("outcomes/Newsletter.md", newsletter)
        .file("outcomes/Dormant.md", "---\nstatus: dropped\ntarget: 10\n---\n")
        .file(
            "outcomes/Achieved.md",
            "---\nstatus: achieved\nbaseline: 10\ntarget: 0\ncheckins:\n  - {date: 2026-11-01, value: 4}\n---\n",
        )
        .file(
            "outcomes/Overshoot.md",
            "---\nbaseline: 0\ntarget: 2\ncheckins:\n  - {date: 2026-11-02, value: 5}\n---\n",
        )
        .file("daily/2026-11-05.md", daily);
    let doc = vault.export(&["--as-of", "2026-11-05"]);
    let f = "daily/2026-11-05.md";

    // Client Onboarding: check-ins 11-01 = 2, 11-05 = 3 (front-matter), 11-05 = 4
    // (line 1). Latest date 11-05, tie → the daily note's 4. Baseline 1, shift 3.
    // Invested: lines 1, 2, 5 = 30 + 90 + 10 = 130 (line 3 planned).
    // leverage/h = 3 / (130/60) = 1.384615… → 1.3846; progress = 3 / (5 − 1) = 0.75.
    let co = outcome(&doc, "outcomes/client-onboarding");
    assert_eq!(co["title"], "Client Onboarding");
    assert_eq!(num(&co["baseline"]), Some(1.0));
    assert_eq!(num(&co["target"]), Some(5.0));
    assert_eq!(num(&co["current"]), Some(4.0));
    assert_eq!(co["invested_minutes"], json!(130));
    assert_eq!(num(&co["shift"]), Some(3.0));
    assert_eq!(num(&co["leverage_per_hour"]), Some(1.3846));
    assert_eq!(num(&co["progress"]), Some(0.75));
    assert_eq!(co["neglected"], json!(false));
    let checkins: Vec<(String, Option<f64>)> = co["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["date"].as_str().unwrap().to_owned(), num(&c["value"])))
        .collect();
    assert_eq!(checkins.len(), 3, "{checkins:?}");
    for expected in [
        ("2026-11-01", 2.0),
        ("2026-11-05", 3.0),
        ("2026-11-05", 4.0),
    ] {
        assert!(
            checkins.contains(&(expected.0.to_owned(), Some(expected.1))),
            "{expected:?} in {checkins:?}"
        );
    }
    let from_daily = co["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| num(&c["value"]) == Some(4.0))
        .unwrap();
    assert_eq!(from_daily["source"], "daily/2026-11-05.md:1");

    // Newsletter: no baseline → earliest check-in 100; current 130; shift 30.
    // Invested: line 5 (10) + line 6 (420) = 430. 30 / (430/60) = 4.18604… → 4.186.
    // progress = 30 / (200 − 100) = 0.3.
    let nl = outcome(&doc, "outcomes/newsletter");
    assert_eq!(num(&nl["baseline"]), Some(100.0));
    assert_eq!(num(&nl["current"]), Some(130.0));
    assert_eq!(nl["invested_minutes"], json!(430));
    assert_eq!(num(&nl["shift"]), Some(30.0));
    assert_eq!(num(&nl["leverage_per_hour"]), Some(4.186));
    assert_eq!(num(&nl["progress"]), Some(0.3));

    // Dormant: no check-ins → baseline 0, current/shift/progress null, no minutes.
    let dormant = outcome(&doc, "outcomes/dormant");
    assert_eq!(dormant["status"], "dropped");
    assert_eq!(num(&dormant["baseline"]), Some(0.0));
    assert!(dormant["current"].is_null());
    assert!(dormant["shift"].is_null());
    assert!(dormant["leverage_per_hour"].is_null());
    assert!(dormant["progress"].is_null());
    assert_eq!(dormant["invested_minutes"], json!(0));
    assert_eq!(dormant["neglected"], json!(false)); // only active outcomes are neglected

    // Achieved, a metric going down: SPEC 5 (v2) the target (0) is below the
    // baseline (10), so `direction` is `down` and shift = 10 − 4 = 6, progress
    // 6 / |0 − 10| = 0.6.
    let achieved = outcome(&doc, "outcomes/achieved");
    assert_eq!(achieved["status"], "achieved");
    assert_eq!(achieved["direction"], "down");
    assert_eq!(num(&achieved["shift"]), Some(6.0));
    assert_eq!(num(&achieved["progress"]), Some(0.6));
    assert!(achieved["leverage_per_hour"].is_null()); // no minutes

    // Overshoot: 5 / (2 − 0) = 2.5, not clamped to 1. Linked by an untimed done
    // activity only: 0 minutes, but not neglected.
    let overshoot = outcome(&doc, "outcomes/overshoot");
    assert_eq!(num(&overshoot["progress"]), Some(2.5));
    assert_eq!(overshoot["invested_minutes"], json!(0));
    assert!(overshoot["leverage_per_hour"].is_null());
    assert_eq!(overshoot["neglected"], json!(false));

    // Outcomes sorted by id.
    assert_eq!(
        ids(&doc, "outcomes", "id"),
        [
            "outcomes/achieved",
            "outcomes/client-onboarding",
            "outcomes/dormant",
            "outcomes/newsletter",
            "outcomes/overshoot",
        ]
    );
    // `value::` on line 4 (no outcome) and line 5 (two outcomes) warn.
    assert_eq!(diags(&doc), [d(f, 4, "warning"), d(f, 5, "warning")]);
}

// ------------------------------------------------------------ section 6

/// SPEC 6 Neglect: an active outcome is neglected when no done activity linked
/// it in the 14 days ending on the as-of date (as-of − 13 to as-of).
#[test]
fn neglect_window_edges() {
    let vault = Vault::new()
        .file("outcomes/Start.md", "")
        .file("outcomes/Before.md", "")
        .file("outcomes/Planned.md", "")
        .file("outcomes/Last.md", "")
        .file("outcomes/Never.md", "")
        .file("outcomes/Dropped.md", "---\nstatus: dropped\n---\n")
        .file("daily/2026-11-06.md", "- #x 10m [[Before]]\n")
        .file("daily/2026-11-07.md", "- #x 10m [[Start]]\n")
        .file(
            "daily/2026-11-20.md",
            "- [ ] #x 10m [[Planned]]\n- #x 10m [[Last]]\n",
        );
    // As-of 2026-11-20 (latest daily note): the window is 11-07 … 11-20.
    let doc = vault.export(&["--as-of", "2026-11-20"]);
    assert_eq!(doc["as_of"], "2026-11-20");
    let neglected = |doc: &Value, id: &str| outcome(doc, id)["neglected"].as_bool().unwrap();
    assert!(!neglected(&doc, "outcomes/start")); // 11-07: the first day of the window
    assert!(neglected(&doc, "outcomes/before")); // 11-06: one day too early
    assert!(neglected(&doc, "outcomes/planned")); // only a planned item
    assert!(!neglected(&doc, "outcomes/last")); // on the as-of date
    assert!(neglected(&doc, "outcomes/never"));
    assert!(!neglected(&doc, "outcomes/dropped"));

    // As-of 2026-11-19: the window is 11-06 … 11-19; 11-20 is after it.
    let doc = vault.export(&["--as-of", "2026-11-19"]);
    assert_eq!(doc["as_of"], "2026-11-19");
    assert!(!neglected(&doc, "outcomes/before"));
    assert!(!neglected(&doc, "outcomes/start"));
    assert!(neglected(&doc, "outcomes/last"));
}

/// SPEC 6 figures over weeks, months and quarters: sums of the days, the index
/// with the alignment factor, off-target, and the 4 / 2 decimal rounding of SPEC 8.
#[test]
fn figures_of_a_week() {
    // Week 2026-W45 (Mon 11-02 … Sun 11-08).
    let vault = Vault::new()
        .file("outcomes/Goal.md", "")
        .file(
            "daily/2026-11-02.md",
            "- #email 40m\n- #system 50m [[Goal]]\n- #planning 30m\n",
        )
        .file(
            "daily/2026-11-04.md",
            "- #client 20m [[Goal]]\n- #review\n- [ ] #system 1h\n",
        );
    let doc = vault.export(&[]);
    // Timed done: email 40 (unlinked), system 50 (linked), planning 30
    // (unlinked), client 20 (linked). M = 140.
    // by_category: coordination 40, leverage 50, strategy 30, execution 20.
    // compounding = 80/140 = 0.571428… → 0.5714; alignment = 70/140 = 0.5.
    // p: 0 + 50/60 × 1 × 1 + 30/60 × 1 × 0.5 + 20/60 × 0.25 × 1
    //  = 0.833333 + 0.25 + 0.083333 = 1.166667; index = 100 × 1.166667 / (140/60) = 50.
    // shares 0.285714 / 0.142857 / 0.357143 / 0.214286 vs .2 / .3 / .3 / .2:
    // ½ (0.085714 + 0.157143 + 0.057143 + 0.014286) = ½ × 0.314286 = 0.157143 → 0.1571.
    let week = row(&doc, "weeks", "id", "2026-W45");
    assert_eq!(week["start"], "2026-11-02");
    assert_eq!(week["end"], "2026-11-08");
    assert_eq!(week["minutes"], json!(140));
    assert_eq!(week["planned_minutes"], json!(60));
    assert_eq!(week["untimed"], json!(1));
    assert_eq!(
        week["by_category"],
        json!({"coordination": 40, "execution": 20, "leverage": 50, "strategy": 30})
    );
    assert_eq!(num(&week["compounding_share"]), Some(0.5714));
    assert_eq!(num(&week["alignment"]), Some(0.5));
    assert_eq!(num(&week["index"]), Some(50.0));
    assert_eq!(num(&week["off_target"]), Some(0.1571));
    assert!(week.get("busy").is_none(), "weeks have no `busy`");
    // The month and the quarter hold the same two days.
    for (list, id) in [("months", "2026-11"), ("quarters", "2026-Q4")] {
        let r = row(&doc, list, "id", id);
        for key in [
            "minutes",
            "by_category",
            "compounding_share",
            "index",
            "off_target",
        ] {
            assert_eq!(r[key], week[key], "{id} {key}");
        }
    }
    // Day 11-04: client 20 timed, review untimed, system planned.
    let quiet = day(&doc, "2026-11-04");
    assert_eq!(quiet["minutes"], json!(20));
    assert_eq!(quiet["untimed"], json!(1));
    assert_eq!(quiet["planned_minutes"], json!(60));
    let day2 = day(&doc, "2026-11-02");
    // 11-02: M = 120; compounding 80/120 = 0.6667; p = 0.8333 + 0.25 = 1.0833;
    // index = 100 × 1.0833 / 2 = 54.17.
    assert_eq!(num(&day2["compounding_share"]), Some(0.6667));
    assert_eq!(num(&day2["index"]), Some(54.17));
    // leverage-hours: 50 min linked leverage = 0.8333… → 0.83.
    assert_eq!(
        num(&act(&doc, "daily/2026-11-02.md", 2)["leverage_hours"]),
        Some(0.83)
    );
}

/// SPEC 6 busy days: M ≥ 6 × 60 and compounding share < 0.10, at both edges;
/// planned minutes do not count; weeks have no `busy`.
#[test]
fn busy_days_edges() {
    let vault = Vault::new()
        .file("daily/2026-11-02.md", "- #meeting 6h\n")
        .file("daily/2026-11-03.md", "- #meeting 5h 59m\n")
        .file("daily/2026-11-04.md", "- #meeting 360m\n- #system 40m\n")
        .file("daily/2026-11-05.md", "- #meeting 361m\n- #system 39m\n")
        .file("daily/2026-11-06.md", "- #meeting 5h\n- [ ] #meeting 2h\n");
    let doc = vault.export(&[]);
    let busy = |id| day(&doc, id)["busy"].as_bool().unwrap();
    assert!(busy("2026-11-02")); // 360 min, share 0: exactly the minimum
    assert!(!busy("2026-11-03")); // 359 min
    assert!(!busy("2026-11-04")); // 400 min, share 40/400 = 0.10: not below 0.10
    assert!(busy("2026-11-05")); // 400 min, share 39/400 = 0.0975
    assert!(!busy("2026-11-06")); // 300 done; the planned 120 do not count
    assert_eq!(
        num(&day(&doc, "2026-11-05")["compounding_share"]),
        Some(0.0975)
    );
    assert_eq!(day(&doc, "2026-11-03")["minutes"], json!(359));
}

/// SPEC 7 `busy_day` and `unlinked_factor` change the figures.
#[test]
fn configured_busy_day_and_unlinked_factor() {
    let config = "busy_day:\n  min_hours: 1\n  max_compounding_share: 0.5\nunlinked_factor: 0.25\n";
    let vault = Vault::new()
        .file("leverage.yaml", config)
        .file("daily/2026-11-02.md", "- #meeting 40m\n- #system 20m\n");
    let doc = vault.export(&[]);
    // 60 min ≥ 1 h, share 20/60 = 0.3333 < 0.5 → busy.
    let day = day(&doc, "2026-11-02");
    assert_eq!(day["busy"], json!(true));
    // p = 20/60 × 1.0 × 0.25 = 0.083333 → 0.08; index = 100 × 0.083333 / 1 = 8.33.
    assert_eq!(
        num(&act(&doc, "daily/2026-11-02.md", 2)["leverage_hours"]),
        Some(0.08)
    );
    assert_eq!(num(&day["index"]), Some(8.33));
}

/// SPEC 6 Compounding returns: accrued = rate × floor(days to as-of ÷ period
/// days) for day 1, week 7, month 30, quarter 91, year 365; payback = accrued ÷
/// own minutes, null when untimed.
#[test]
fn saves_accrual_and_payback() {
    let vault = Vault::new()
        .file("daily/2025-11-20.md", "- Asset #asset 1h (saves:: 1h30m/year)\n")
        .file("daily/2026-08-21.md", "- Process #process 91m (saves:: 1h/quarter)\n")
        .file("daily/2026-08-22.md", "- Process two #process 91m (saves:: 1h/quarter)\n")
        .file("daily/2026-10-21.md", "- Script #automation 45m (saves:: 30m/month)\n")
        .file("daily/2026-10-22.md", "- Script two #automation 45m (saves:: 30m/month)\n")
        .file(
            "daily/2026-11-06.md",
            "- Onboarding checklist #system 150m (saves:: 2h/week)\n- Untimed system #system (saves:: 1h/week)\n",
        )
        .file("daily/2026-11-13.md", "- Template #template 60m [saves:: 2h/week]\n")
        .file("daily/2026-11-14.md", "- Macro #automation 30m (saves:: 2h/week)\n")
        .file("daily/2026-11-17.md", "- Filter #automation 10m (saves:: 10m/day)\n")
        .file("daily/2026-11-20.md", "Today.\n");
    let doc = vault.export(&["--as-of", "2026-11-20"]);
    assert_eq!(doc["as_of"], "2026-11-20");
    // Only the accrual here: `verified` (SPEC 6b) has its own tests.
    let saves = |file: &str, line| {
        let mut saves = act(&doc, file, line)["saves"].clone();
        saves.as_object_mut().map(|s| s.remove("verified"));
        saves
    };
    // 2025-11-20 → 2026-11-20: 365 days (no 29 February) → 1 year → 90; 90/60 = 1.5.
    assert_eq!(
        saves("daily/2025-11-20.md", 1),
        json!({"minutes": 90, "per_days": 365, "accrued_minutes": 90, "payback": 1.5})
    );
    // 2026-08-21 → 11-20: 10 + 30 + 31 + 20 = 91 days → 1 quarter → 60; 60/91 = 0.65934 → 0.6593.
    assert_eq!(
        saves("daily/2026-08-21.md", 1),
        json!({"minutes": 60, "per_days": 91, "accrued_minutes": 60, "payback": 0.6593})
    );
    // 2026-08-22: 90 days → 0 quarters.
    assert_eq!(saves("daily/2026-08-22.md", 1)["accrued_minutes"], json!(0));
    // 2026-10-21 → 11-20: 10 + 20 = 30 days → 1 month → 30; 30/45 = 0.6667.
    assert_eq!(
        saves("daily/2026-10-21.md", 1),
        json!({"minutes": 30, "per_days": 30, "accrued_minutes": 30, "payback": 0.6667})
    );
    // 2026-10-22: 29 days → 0.
    assert_eq!(saves("daily/2026-10-22.md", 1)["accrued_minutes"], json!(0));
    // 11-06 → 11-20: 14 days → 2 weeks → 240; 240/150 = 1.6 (SPEC 8's example).
    assert_eq!(
        saves("daily/2026-11-06.md", 1),
        json!({"minutes": 120, "per_days": 7, "accrued_minutes": 240, "payback": 1.6})
    );
    // Untimed: 2 × 60 accrued, payback null.
    assert_eq!(
        saves("daily/2026-11-06.md", 2),
        json!({"minutes": 60, "per_days": 7, "accrued_minutes": 120, "payback": null})
    );
    // 11-13: 7 days → 1 week → 120; 120/60 = 2.
    assert_eq!(
        saves("daily/2026-11-13.md", 1)["accrued_minutes"],
        json!(120)
    );
    assert_eq!(num(&saves("daily/2026-11-13.md", 1)["payback"]), Some(2.0));
    // 11-14: 6 days → 0; payback 0.
    assert_eq!(saves("daily/2026-11-14.md", 1)["accrued_minutes"], json!(0));
    assert_eq!(num(&saves("daily/2026-11-14.md", 1)["payback"]), Some(0.0));
    // 11-17: 3 days × 10 = 30; 30/10 = 3.
    assert_eq!(
        saves("daily/2026-11-17.md", 1),
        json!({"minutes": 10, "per_days": 1, "accrued_minutes": 30, "payback": 3.0})
    );

    // --as-of 2026-11-12: 11-06 is 6 days back → 0; 10-21 → 11-12: 22 days → 0 months.
    let doc = vault.export(&["--as-of", "2026-11-12"]);
    let accrued = |file: &str| act(&doc, file, 1)["saves"]["accrued_minutes"].clone();
    assert_eq!(accrued("daily/2026-11-06.md"), json!(0));
    assert_eq!(accrued("daily/2026-10-21.md"), json!(0));
    // SPEC 3 (v2): 11-13 and 11-17 are after the as-of date: no activities,
    // and done there is a `future-done` warning.
    assert!(lines(&doc, "daily/2026-11-13.md").is_empty());
    assert!(lines(&doc, "daily/2026-11-17.md").is_empty());
    assert!(
        diags(&doc).contains(&d("daily/2026-11-13.md", 1, "warning")),
        "{:?}",
        diags(&doc)
    );
}

// ------------------------------------------------------------ section 3

/// SPEC 3 Periods: ISO weeks with week-year rules (2027-01-01 is in
/// 2026-W53), months, quarters; a period is reported when a daily note falls
/// in it, even with no activity; periods sorted by id. The as-of date is the
/// latest daily note's (an outcome named like a date is not one).
#[test]
fn periods_and_week_years() {
    let vault = Vault::new()
        .file("daily/2026-09-30.md", "- #system 30m\n")
        .file("daily/2026-11-01.md", "- #meeting 60m\n")
        .file("daily/2026-11-02.md", "- #code 120m\n")
        .file("daily/2026-11-03.md", "A quiet day.\n")
        .file("daily/2026-12-31.md", "- #planning 45m\n")
        .file("daily/2027-01-01.md", "- #email 15m\n")
        .file("daily/2027-01-04.md", "- #review 10m\n")
        .file("outcomes/2027-01-05 Launch.md", "");
    let doc = vault.export(&["--as-of", "2027-01-04"]);
    assert_eq!(doc["as_of"], "2027-01-04");
    assert_eq!(
        ids(&doc, "days", "id"),
        [
            "2026-09-30",
            "2026-11-01",
            "2026-11-02",
            "2026-11-03",
            "2026-12-31",
            "2027-01-01",
            "2027-01-04"
        ]
    );
    // 09-30 Wed → W40 (09-28 … 10-04); 11-01 Sun → W44; 11-02 Mon → W45;
    // 12-31 Thu and 01-01 Fri → 2026-W53 (12-28 … 2027-01-03); 01-04 Mon → 2027-W01.
    let weeks: Vec<(String, String, String, u64)> = doc["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["id"].as_str().unwrap().to_owned(),
                w["start"].as_str().unwrap().to_owned(),
                w["end"].as_str().unwrap().to_owned(),
                w["minutes"].as_u64().unwrap(),
            )
        })
        .collect();
    let w = |id: &str, start: &str, end: &str, minutes| {
        (id.to_owned(), start.to_owned(), end.to_owned(), minutes)
    };
    assert_eq!(
        weeks,
        [
            w("2026-W40", "2026-09-28", "2026-10-04", 30),
            w("2026-W44", "2026-10-26", "2026-11-01", 60),
            w("2026-W45", "2026-11-02", "2026-11-08", 120),
            w("2026-W53", "2026-12-28", "2027-01-03", 60),
            w("2027-W01", "2027-01-04", "2027-01-10", 10),
        ]
    );
    // No note in October: no 2026-10 row, although W40 reaches into it.
    assert_eq!(
        ids(&doc, "months", "id"),
        ["2026-09", "2026-11", "2026-12", "2027-01"]
    );
    let minutes = |list: &str, id: &str| row(&doc, list, "id", id)["minutes"].clone();
    assert_eq!(minutes("months", "2026-11"), json!(180));
    assert_eq!(minutes("months", "2027-01"), json!(25));
    assert_eq!(
        ids(&doc, "quarters", "id"),
        ["2026-Q3", "2026-Q4", "2027-Q1"]
    );
    assert_eq!(minutes("quarters", "2026-Q3"), json!(30));
    assert_eq!(minutes("quarters", "2026-Q4"), json!(225));
    assert_eq!(minutes("quarters", "2027-Q1"), json!(25));

    // 2026-W53: planning 45 (unlinked), email 15. compounding 45/60 = 0.75;
    // index = 100 × (0.75 × 1 × 0.5) / 1 = 37.5; off target
    // ½ (|.25 − .2| + .3 + .3 + |.75 − .2|) = ½ × 1.2 = 0.6.
    let w53 = row(&doc, "weeks", "id", "2026-W53");
    assert_eq!(num(&w53["compounding_share"]), Some(0.75));
    assert_eq!(num(&w53["index"]), Some(37.5));
    assert_eq!(num(&w53["off_target"]), Some(0.6));
    // 2026-Q4: 60 coordination + 120 execution + 45 strategy = 225.
    // compounding 45/225 = 0.2; p = 2 × 0.25 × 0.5 + 0.375 = 0.625;
    // index = 100 × 0.625 / 3.75 = 16.666… → 16.67;
    // off target ½ (|.2667 − .2| + |.5333 − .3| + .3 + |.2 − .2|) = ½ × 0.6 = 0.3.
    let q4 = row(&doc, "quarters", "id", "2026-Q4");
    assert_eq!(num(&q4["compounding_share"]), Some(0.2));
    assert_eq!(num(&q4["index"]), Some(16.67));
    assert_eq!(num(&q4["off_target"]), Some(0.3));

    // A daily note with nothing in it is still a day, with null ratios.
    assert_eq!(
        *day(&doc, "2026-11-03"),
        json!({"id": "2026-11-03", "minutes": 0, "planned_minutes": 0, "untimed": 0,
               "by_category": {}, "compounding_share": null, "alignment": null,
               "index": null, "off_target": null, "busy": false})
    );
}

/// SPEC 3 Dates: front-matter `date:` (a timestamp keeps its date), else the
/// file name in four forms followed by a non-digit or the end; front-matter
/// wins with a warning; an impossible date is an error and the note a page;
/// two daily notes with one date both count, with a warning.
#[test]
fn dates_of_notes() {
    let vault = Vault::new()
        .file("daily/2026-11-02 Monday.md", "- #x 1m\n")
        .file("journals/2026_11_03.md", "- #x 2m\n")
        .file("daily/2026.11.04.md", "- #x 3m\n")
        .file("daily/20261105.md", "- #x 4m\n")
        .file(
            "daily/Friday.md",
            "---\ndate: 2026-11-06T09:30:00Z\n---\n- #x 5m\n",
        )
        // SPEC 3 (v2): outside a journal folder, `date:` means "created".
        .file(
            "notes/Created.md",
            "---\ndate: 2026-11-06\n---\n- #x 10m in a page\n",
        )
        .file(
            "daily/2026-11-09.md",
            "---\ndate: 2026-11-07\n---\n- #x 6m\n",
        )
        .file("daily/202611081.md", "- #x 7m in a page\n")
        .file("daily/2026-02-30.md", "- #x 8m in a page\n")
        .file("daily/2026-11-02.md", "- #x 9m\n");
    let doc = vault.export(&["--as-of", "2026-11-07"]);
    let dated: Vec<(String, String, u64)> = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["date"].as_str().unwrap().to_owned(),
                a["file"].as_str().unwrap().to_owned(),
                a["minutes"].as_u64().unwrap(),
            )
        })
        .collect();
    let e = |date: &str, file: &str, minutes| (date.to_owned(), file.to_owned(), minutes);
    // Sorted by date, then file ("daily/2026-11-02 Monday.md" < "daily/2026-11-02.md": ' ' < '.').
    assert_eq!(
        dated,
        [
            e("2026-11-02", "daily/2026-11-02 Monday.md", 1),
            e("2026-11-02", "daily/2026-11-02.md", 9),
            e("2026-11-03", "journals/2026_11_03.md", 2),
            e("2026-11-04", "daily/2026.11.04.md", 3),
            e("2026-11-05", "daily/20261105.md", 4),
            e("2026-11-06", "daily/Friday.md", 5),
            e("2026-11-07", "daily/2026-11-09.md", 6),
        ]
    );
    assert_eq!(day(&doc, "2026-11-02")["minutes"], json!(10));
    assert_eq!(doc["as_of"], "2026-11-07");
    let problems = diags(&doc);
    assert!(
        problems.contains(&d("daily/2026-02-30.md", 1, "error")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|(file, _, s)| file == "daily/2026-11-09.md" && s == "warning"),
        "front-matter date differs from the file name: {problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|(file, _, s)| file.starts_with("daily/2026-11-02") && s == "warning"),
        "two daily notes dated 2026-11-02: {problems:?}"
    );
    // SPEC 3 (v2): in a journal folder, a name that is no date is a warning.
    assert!(
        problems.contains(&d("daily/202611081.md", 1, "warning")),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 4, "{problems:?}");
}

// ------------------------------------------------------------ section 1

/// SPEC 1: hidden folders, `node_modules`, the output folder and `ignore:`
/// globs are not read; `type: outcome` makes an outcome anywhere, and
/// `outcome_dirs` replaces the default folder.
#[test]
fn vault_walk_and_note_kinds() {
    let vault = Vault::new()
        .file(
            "leverage.yaml",
            "outcome_dirs: [goals]\nignore: [\"drafts/**\"]\noutput: public\n",
        )
        .file(
            "daily/2026-11-02.md",
            "- #x 10m [[Goal]] [[Outcome Folder Note]]\n",
        )
        .file(".obsidian/2026-11-02.md", "- #x 100m\n")
        .file(".trash/2026-11-02.md", "- #x 100m\n")
        .file("node_modules/pkg/2026-11-02.md", "- #x 100m\n")
        .file("public/2026-11-02.md", "- #x 100m\n")
        .file("drafts/2026-11-02.md", "- #x 100m\n")
        .file("daily/notes.txt", "- #x 100m\n")
        .file("goals/Goal.md", "")
        .file("outcomes/Outcome Folder Note.md", "");
    let doc = vault.export(&[]);
    assert_eq!(lines(&doc, "daily/2026-11-02.md"), [1]);
    assert_eq!(doc["activities"].as_array().unwrap().len(), 1);
    assert_eq!(day(&doc, "2026-11-02")["minutes"], json!(10));
    // `outcomes/` is no longer an outcome folder: that note is a page.
    assert_eq!(
        strs(&act(&doc, "daily/2026-11-02.md", 1)["outcomes"]),
        ["goals/goal"]
    );
    assert_eq!(ids(&doc, "outcomes", "id"), ["goals/goal"]);
}

// ------------------------------------------------------------ section 8

/// SPEC 8 Sorting: activities by date, file, line (whatever the order of the
/// files' names); diagnostics by file, line, column; keys present.
#[test]
fn sorting_and_shape() {
    let vault = Vault::new()
        .file("b/2026-11-02.md", "- #x 1m\n- #x 2m [[Missing two]]\n")
        .file("a/2026-11-03.md", "- #x 3m [[Missing three]]\n")
        .file("a/2026-11-02.md", "- #x 4m [[Missing]] [[Missing too]]\n")
        .file("c/2026-11-01.md", "- #x 5m\n");
    let doc = vault.export(&[]);
    let order: Vec<(String, u64)> = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["file"].as_str().unwrap().to_owned(),
                a["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let p = |file: &str, line| (file.to_owned(), line);
    assert_eq!(
        order,
        [
            p("c/2026-11-01.md", 1),
            p("a/2026-11-02.md", 1),
            p("b/2026-11-02.md", 1),
            p("b/2026-11-02.md", 2),
            p("a/2026-11-03.md", 1),
        ]
    );
    // Diagnostics: duplicate dates and unresolved links, by file, line, column.
    let keys: Vec<(String, u64, u64)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // `[[Missing]]` at column 9 before `[[Missing too]]` at column 21, same line.
    assert!(
        keys.contains(&("a/2026-11-02.md".to_owned(), 1, 9)),
        "{keys:?}"
    );
    assert!(
        keys.contains(&("a/2026-11-02.md".to_owned(), 1, 21)),
        "{keys:?}"
    );
    let top: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "as_of",
        "activities",
        "outcomes",
        "days",
        "weeks",
        "months",
        "quarters",
        "tags",
        "diagnostics",
    ] {
        assert!(top.contains(&key), "key {key} in {top:?}");
    }
    for d in doc["diagnostics"].as_array().unwrap() {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 6);
        for key in ["file", "line", "column", "severity", "code", "message"] {
            assert!(keys.contains(&key));
        }
    }
}

/// SPEC 8 Rounding: ratios to 4 decimals, index and leverage-hours to 2.
#[test]
fn rounding() {
    // Day: strategy 10m (unlinked), coordination 20m → M = 30.
    // compounding = 10/30 = 0.33333… → 0.3333; alignment 0.
    // p = 10/60 × 1 × 0.5 = 0.083333 → leverage_hours 0.08;
    // index = 100 × 0.083333 / 0.5 = 16.666… → 16.67;
    // shares: coordination 0.6667, strategy 0.3333:
    // ½ (0.46667 + 0.3 + 0.3 + 0.13333) = ½ × 1.2 = 0.6.
    let vault = Vault::new().file("daily/2026-11-02.md", "- #review 10m\n- #email 20m\n");
    let doc = vault.export(&[]);
    let day = day(&doc, "2026-11-02");
    assert_eq!(num(&day["compounding_share"]), Some(0.3333));
    assert_eq!(num(&day["index"]), Some(16.67));
    assert_eq!(num(&day["off_target"]), Some(0.6));
    assert_eq!(
        num(&act(&doc, "daily/2026-11-02.md", 1)["leverage_hours"]),
        Some(0.08)
    );
    // Minutes are integers in the JSON text, not 30.0.
    assert!(day["minutes"].is_u64());

    // Exact halves round half up (away from zero), as a person rounds:
    // compounding = 1/32 = 0.03125 → 0.0313;
    // leverage-hours = 30/60 × 0.25 × 1 (linked) = 0.125 → 0.13.
    let vault = Vault::new()
        .file("outcomes/Goal.md", "")
        .file("daily/2026-11-03.md", "- #review 1m\n- #email 31m\n")
        .file("daily/2026-11-04.md", "- #code 30m [[Goal]]\n");
    let doc = vault.export(&[]);
    assert_eq!(
        num(&row(&doc, "days", "id", "2026-11-03")["compounding_share"]),
        Some(0.0313)
    );
    assert_eq!(
        num(&act(&doc, "daily/2026-11-04.md", 1)["leverage_hours"]),
        Some(0.13)
    );
    // index = 100 × 0.125 / 0.5 = 25.
    assert_eq!(
        num(&row(&doc, "days", "id", "2026-11-04")["index"]),
        Some(25.0)
    );
}

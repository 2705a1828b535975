//! Real vaults: `tests/fixtures/obsidian` and `tests/fixtures/logseq` copy
//! the conventions (not the content) of an Obsidian vault and a Logseq graph
//! that nobody wrote for `leverage`. Each is checked, exported and built; the
//! figures below are worked out by hand from the SPEC's rules.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::vault::run_in;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn export(name: &str) -> Value {
    // Pinned to the day of the fixture's last note (SPEC 3 (v2) as-of).
    let as_of = match name {
        "obsidian" => "2026-11-05",
        _ => "2026-11-04",
    };
    let run = run_in(
        &fixture(name),
        &["export", "--format", "json", "--as-of", as_of],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("the export is JSON")
}

/// The activity written on `line` of `file`.
fn act<'a>(doc: &'a Value, file: &str, line: u64) -> &'a Value {
    doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file"] == file && a["line"] == line)
        .unwrap_or_else(|| panic!("no activity at {file}:{line}"))
}

fn find<'a>(doc: &'a Value, list: &str, key: &str, id: &str) -> &'a Value {
    doc[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item[key] == id)
        .unwrap_or_else(|| panic!("no {list} {id}"))
}

fn ids(doc: &Value, list: &str, key: &str) -> Vec<String> {
    doc[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[key].as_str().unwrap().to_owned())
        .collect()
}

fn files(doc: &Value) -> BTreeSet<String> {
    ids(doc, "activities", "file").into_iter().collect()
}

fn count(doc: &Value, status: &str) -> usize {
    doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] == status)
        .count()
}

/// Builds the fixture into a new folder outside it, and checks what every
/// real vault's site needs: an index, a page per day, working relative links.
fn build(name: &str, days: &[&str]) {
    let vault = fixture(name);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = run_in(
        &vault,
        &["build", ".", "-o", site.to_str().unwrap(), "--strict"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        !vault.join("_site").exists(),
        "the vault itself is never written"
    );
    assert!(site.join("index.html").is_file());
    let mut written: Vec<String> = std::fs::read_dir(site.join("days"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let expected: Vec<String> = days.iter().map(|day| format!("{day}.html")).collect();
    assert_eq!(written, expected, "one page per daily note, no more");
    for day in days {
        let page = site.join("days").join(format!("{day}.html"));
        assert_links_resolve(&page);
    }
}

/// Every relative `href` and `src` of the page names a file of the site.
fn assert_links_resolve(page: &Path) {
    let html = std::fs::read_to_string(page).unwrap();
    let folder = page.parent().unwrap();
    let mut checked = 0;
    for attribute in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attribute) {
            let start = at + attribute.len();
            let target = &html[start..start + html[start..].find('"').unwrap()];
            let path = target.split(['#', '?']).next().unwrap();
            if path.is_empty() || target.contains(':') {
                continue;
            }
            let file = folder.join(percent_decode(path));
            assert!(file.is_file(), "{}: broken link {target}", page.display());
            checked += 1;
        }
    }
    assert!(checked > 5, "{}: only {checked} links", page.display());
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(Ok(byte)) = text
                .get(i + 1..i + 3)
                .map(|hex| u8::from_str_radix(hex, 16))
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

// ---------------------------------------------------------------- Obsidian

/// Daily Notes in `Daily/`, Periodic Notes, templates with `{{date}}` and
/// Templater placeholders, `status: draft` on a page, `.obsidian/` and
/// `.trash/`: a clean check, not a single diagnostic.
#[test]
fn obsidian_check_is_clean() {
    let run = run_in(&fixture("obsidian"), &["check", "--deny-warnings"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // 4 daily notes; 2 outcomes in `Outcomes/` and 1 `type: outcome` in
    // `Projects/`; pages: a weekly and a monthly note, 2 templates, a person,
    // a client, a Zettelkasten note. Nothing from `.trash/` or `.obsidian/`.
    assert!(
        run.stderr.starts_with(
            "checked 14 notes (4 daily, 3 outcomes, 7 pages): 21 activities, 0 errors, 0 warnings\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn obsidian_export_by_hand() {
    let doc = export("obsidian");
    let d2 = "Daily/2026-11-02.md";
    assert_eq!(doc["as_of"], "2026-11-05");
    assert_eq!(doc["diagnostics"], json!([]));
    // Only daily notes have activities: not the deleted ones in `.trash/`,
    // the weekly `2026-W45` or monthly `2026-11` note, templates, pages.
    assert_eq!(
        files(&doc),
        BTreeSet::from(["02", "03", "04", "05"].map(|day| format!("Daily/2026-11-{day}.md")))
    );
    assert_eq!(
        ids(&doc, "days", "id"),
        ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"]
    );
    assert_eq!(ids(&doc, "weeks", "id"), ["2026-W45"]);
    assert_eq!(doc["activities"].as_array().unwrap().len(), 21);
    // `- [ ]` in the list, in a nested list and in a `> [!todo]` callout.
    assert_eq!(count(&doc, "planned"), 3);
    assert_eq!(count(&doc, "done"), 18);

    // Tab-indented children: their own line, the parent's nested tag and link.
    let wireframes = act(&doc, d2, 15);
    assert_eq!(wireframes["text"], "1h30m wireframes for the dashboard");
    assert_eq!(wireframes["minutes"], 90);
    assert_eq!(wireframes["tags"], json!(["client/acme/design"]));
    assert_eq!(wireframes["category"], "execution");
    assert_eq!(wireframes["outcomes"], json!(["outcomes/acme-retainer"]));
    let minutes = act(&doc, d2, 17);
    assert_eq!(minutes["status"], "planned");
    assert_eq!(
        minutes["tags"],
        json!(["followup", "meeting", "client/acme/design"])
    );
    // The parent names the outcome by its alias text: `[[Acme Retainer|Acme]]`.
    assert_eq!(
        act(&doc, d2, 14)["text"],
        "#client/acme/design Acme portal redesign"
    );
    // A task list inside a callout: a planned and a done activity; `[[Priya]]`
    // is an alias of `People/Priya Shah.md`.
    assert_eq!(act(&doc, d2, 21)["status"], "planned");
    assert_eq!(act(&doc, d2, 22)["minutes"], 20);
    assert_eq!(act(&doc, d2, 22)["category"], "coordination");
    // The block id `^onb1` is not part of the text; `saves::` is read.
    let checklist = act(&doc, d2, 13);
    assert_eq!(
        checklist["text"],
        "2h Client onboarding checklist #system Client Onboarding [saves:: 1h/week]"
    );
    assert_eq!(checklist["saves"]["per_days"], 7);

    // Every form of link resolves: `[[Referral Pipeline#Q1 goal]]` to a
    // `type: outcome` note outside `Outcomes/`, `[[Outcomes/Acme Retainer]]`,
    // `![[Client Onboarding#Checklist]]`, a Markdown link with `%20`.
    let d3 = "Daily/2026-11-03.md";
    assert_eq!(
        act(&doc, d3, 6)["outcomes"],
        json!(["projects/referral-pipeline"])
    );
    assert_eq!(
        act(&doc, d3, 8)["outcomes"],
        json!(["outcomes/acme-retainer"])
    );
    assert_eq!(
        act(&doc, d3, 9)["outcomes"],
        json!(["outcomes/client-onboarding"])
    );
    let d4 = "Daily/2026-11-04.md";
    assert_eq!(
        act(&doc, d4, 9)["outcomes"],
        json!(["outcomes/acme-retainer"])
    );
    // A nested tag finds its category through its ancestor `automation`.
    assert_eq!(act(&doc, d4, 8)["category"], "leverage");
    // `(time:: 20m)` is the duration; `[-]` is not an activity.
    assert_eq!(act(&doc, d4, 10)["minutes"], 20);
    assert!(
        doc["activities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["file"] != d4 || a["line"] != 11)
    );
    // `[[2026-W45]]` and `![[diagram.png|300]]` resolve to a page and an
    // attachment: fine, but no outcome, so the work counts half.
    let d5 = "Daily/2026-11-05.md";
    assert_eq!(act(&doc, d5, 6)["outcomes"], json!([]));
    assert_eq!(act(&doc, d5, 6)["leverage_hours"], 0.38);
    assert_eq!(act(&doc, d5, 7)["leverage_hours"], 0.5);

    // Monday: done and timed 45 (email) + 120 (system) + 90 + 45 (meeting)
    // + 20 (invoice) = 320; planned 20 + 60 + 15 = 95; the parent untimed.
    // Leverage-hours: 2 × 1 + 1.5 × 0.25 = 2.375 over 5⅓ hours = 44.53.
    let monday = find(&doc, "days", "id", "2026-11-02");
    assert_eq!(monday["minutes"], 320);
    assert_eq!(monday["planned_minutes"], 95);
    assert_eq!(monday["untimed"], 1);
    assert_eq!(
        monday["by_category"],
        json!({"coordination": 110, "execution": 90, "leverage": 120})
    );
    assert_eq!(monday["index"], 44.53);
    assert_eq!(monday["alignment"], 0.7969); // 255 / 320
    // Thursday: 120 + 30 linked to Acme, 45 review and 60 process unlinked.
    let thursday = find(&doc, "days", "id", "2026-11-05");
    assert_eq!(thursday["minutes"], 255);
    assert_eq!(thursday["alignment"], 0.5882); // 150 / 255
    // The week: 320 + 390 + 320 + 255.
    let week = find(&doc, "weeks", "id", "2026-W45");
    assert_eq!(week["minutes"], 1285);
    assert_eq!(week["planned_minutes"], 95);
    assert_eq!(week["untimed"], 2);

    assert_eq!(
        ids(&doc, "outcomes", "id"),
        [
            "outcomes/acme-retainer",
            "outcomes/client-onboarding",
            "projects/referral-pipeline"
        ]
    );
    // Acme: 90 + 45 (Mon) + 180 (Tue) + 240 (Wed) + 120 + 30 (Thu); nothing
    // from the weekly note's or the trash's "8h".
    let acme = find(&doc, "outcomes", "id", "outcomes/acme-retainer");
    assert_eq!(acme["invested_minutes"], 705);
    assert_eq!(acme["current"], 2500);
    assert_eq!(acme["progress"], 0.625);
    let onboarding = find(&doc, "outcomes", "id", "outcomes/client-onboarding");
    assert_eq!(onboarding["invested_minutes"], 210); // 120 + 30 + 60
    let referrals = find(&doc, "outcomes", "id", "projects/referral-pipeline");
    assert_eq!(referrals["invested_minutes"], 180); // 120 + 60
    assert_eq!(
        referrals["checkins"],
        json!([{"date": "2026-11-03", "value": 2, "source": "Daily/2026-11-03.md:7"}])
    );
    // Nested tags count toward their ancestors: every `#client/acme/…` item.
    let client = find(&doc, "tags", "tag", "client");
    assert_eq!(
        (client["minutes"].clone(), client["activities"].clone()),
        (json!(705), json!(8))
    );
}

#[test]
fn obsidian_build() {
    build(
        "obsidian",
        &["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"],
    );
}

// ----------------------------------------------------------------- Logseq

/// Logseq's own folder (backups in `logseq/bak/` and `logseq/version-files/`)
/// and `.org` files are not read. The one warning is deliberate: Logseq makes a
/// page for every `[[link]]` without writing a file, and `leverage` cannot tell.
#[test]
fn logseq_check_has_one_deliberate_warning() {
    let run = run_in(&fixture("logseq"), &["check"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "journals/2026_11_02.md:7:14: warning[unresolved-link]: link to `How to Take Smart Notes` does not resolve to any note\n"
        ),
        "{}",
        run.stderr
    );
    // 3 journals; 3 pages made outcomes by `type:: outcome`; Priya Shah,
    // deep work, contents. SPEC 4 (v2): the untagged block under Standup is
    // a detail, no activity (v1 counted 18).
    // SPEC 9 (v2): the summary, then the coverage paragraph.
    assert!(
        run.stderr.contains(
            "\nchecked 9 notes (3 daily, 3 outcomes, 3 pages): 17 activities, 0 errors, 1 warning\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches(": warning[").count(), 1);
    let strict = run_in(&fixture("logseq"), &["check", "--deny-warnings"]);
    assert_eq!(strict.code, Some(1));
}

#[test]
fn logseq_export_by_hand() {
    let doc = export("logseq");
    let (j2, j3, j4) = (
        "journals/2026_11_02.md",
        "journals/2026_11_03.md",
        "journals/2026_11_04.md",
    );
    assert_eq!(doc["as_of"], "2026-11-04");
    // Not the backups of 2026-11-03 and 2026-11-04, not the `.org` journal of 2026-11-05.
    assert_eq!(files(&doc), BTreeSet::from([j2, j3, j4].map(String::from)));
    assert_eq!(
        ids(&doc, "days", "id"),
        ["2026-11-02", "2026-11-03", "2026-11-04"]
    );
    assert_eq!(doc["activities"].as_array().unwrap().len(), 17);

    // Markers: DONE and plain blocks done; TODO, LATER, NOW, DOING planned;
    // CANCELED gone. The marker is not part of the text.
    let statuses: Vec<(u64, &str)> = [1, 3, 5, 7, 8, 9]
        .iter()
        .map(|&line| (line, act(&doc, j2, line)["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            (1, "done"),
            (3, "done"),
            (5, "planned"),
            (7, "planned"),
            (8, "planned"),
            (9, "planned")
        ]
    );
    assert_eq!(count(&doc, "planned"), 5);
    assert!(
        doc["activities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["file"] != j2 || a["line"] != 11),
        "CANCELED is not an activity"
    );
    assert_eq!(act(&doc, j2, 8)["text"], "Inbox zero #email 30m");

    // A TAB-indented child with `time::` on its next line inherits its
    // parent's tag, and links its own outcome.
    let targets = act(&doc, j2, 3);
    assert_eq!(targets["minutes"], 60);
    assert_eq!(targets["tags"], json!(["planning"]));
    assert_eq!(targets["category"], "strategy");
    assert_eq!(targets["outcomes"], json!(["pages/referral-pipeline"]));
    assert_eq!(act(&doc, j2, 5)["minutes"], 45);
    assert_eq!(act(&doc, j2, 5)["tags"], json!(["writing", "planning"]));

    // `[[Acme]]` and `[[Priya]]` are `alias::` page properties; the children
    // of `[[Acme]] #client/acme` inherit both, two tabs deep too.
    assert_eq!(act(&doc, j3, 4)["outcomes"], json!(["pages/acme-retainer"]));
    let api = act(&doc, j3, 5);
    assert_eq!(api["tags"], json!(["build", "client/acme"]));
    assert_eq!(api["outcomes"], json!(["pages/acme-retainer"]));
    assert_eq!(api["minutes"], 180);
    let minutes = act(&doc, j3, 7);
    assert_eq!(minutes["status"], "planned");
    assert_eq!(
        minutes["tags"],
        json!(["followup", "meeting", "client/acme"])
    );
    // SPEC 4 (v2): `#[[deep work]]` is a tag and a link to the page `deep work`
    // (v1 read no tag).
    let reading = act(&doc, j3, 8);
    assert_eq!(reading["tags"], json!(["deep work"]));
    assert_eq!(reading["category"], "uncategorized");
    assert_eq!(reading["minutes"], 30);

    // Block properties under the first line: `time::`, `saves::`; Logseq's
    // own `id::`, `collapsed::` and `:LOGBOOK:` are not in the text.
    let automation = act(&doc, j4, 1);
    assert_eq!(automation["minutes"], 120);
    assert_eq!(automation["saves"]["minutes"], 60);
    assert_eq!(
        automation["text"],
        "Automate the onboarding emails #automation Client Onboarding time:: 2h saves:: 1h/week"
    );
    assert_eq!(act(&doc, j4, 5)["text"], "Standup #meeting 15m");
    assert_eq!(act(&doc, j4, 9)["text"], "Weekly review #review time:: 40m");
    assert_eq!(act(&doc, j4, 9)["minutes"], 40);

    // Page properties: `type:: outcome`, `title::`, `target::`.
    assert_eq!(
        ids(&doc, "outcomes", "id"),
        [
            "pages/acme-retainer",
            "pages/client-onboarding",
            "pages/referral-pipeline"
        ]
    );
    let acme = find(&doc, "outcomes", "id", "pages/acme-retainer");
    assert_eq!(acme["target"], 4000);
    assert_eq!(acme["invested_minutes"], 315); // 90 + 180 + 45; the TODO's 20 is planned
    let referrals = find(&doc, "outcomes", "id", "pages/referral-pipeline");
    assert_eq!(referrals["title"], "Referral Pipeline");
    assert_eq!(referrals["invested_minutes"], 120); // 60 + 60
    // `value:: 2` as a block property, on an item linking one outcome and a person.
    assert_eq!(
        referrals["checkins"],
        json!([{"date": "2026-11-03", "value": 2, "source": "journals/2026_11_03.md:1"}])
    );
    // Without `baseline::`, the baseline is the earliest check-in (SPEC 5): no shift yet.
    assert_eq!(referrals["shift"], 0.0);
    assert_eq!(referrals["progress"], 0.0);

    // Monday: 90 (execution, linked) + 60 (strategy, linked) done; planned
    // 45 (TODO) + 30 (NOW); leverage-hours 1.5 × 0.25 + 1 = 1.375 over 2.5 h.
    let monday = find(&doc, "days", "id", "2026-11-02");
    assert_eq!(monday["minutes"], 150);
    assert_eq!(monday["planned_minutes"], 75);
    assert_eq!(monday["index"], 55.0);
    // Tuesday: 60 + 180 + 45 linked, 30 not: 285 / 315.
    let tuesday = find(&doc, "days", "id", "2026-11-03");
    assert_eq!(tuesday["minutes"], 315);
    assert_eq!(tuesday["alignment"], 0.9048);
    assert_eq!(
        tuesday["by_category"],
        json!({"coordination": 45, "execution": 180, "leverage": 60, "uncategorized": 30})
    );
    // Wednesday: 120 + 15 + 10 + 40, counted once despite the backup copy.
    assert_eq!(find(&doc, "days", "id", "2026-11-04")["minutes"], 185);
}

#[test]
fn logseq_build() {
    build("logseq", &["2026-11-02", "2026-11-03", "2026-11-04"]);
}

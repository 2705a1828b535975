use super::*;
use std::fmt::Write as _;

fn read(path: &str, text: &str, body: usize) -> Extracted {
    let config = Config::default();
    let date = "2026-11-04".parse().ok();
    extract(
        path,
        text,
        body,
        Context {
            date,
            config: &config,
        },
    )
}

fn items(body: &str) -> Vec<Item> {
    let extracted = read("daily/2026-11-02.md", body, 0);
    extracted.items
}

fn one(body: &str) -> Item {
    let mut all = items(body);
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

// Issue 14 item 6: the site shows the item's words; tags, durations,
// fields, clock ranges and outcome links are in their own columns. The
// text (SPEC 8 `text`) keeps them.
#[test]
fn words_leave_out_the_markup() {
    let words = |body: &str| one(body).shown.words(|_| true);
    assert_eq!(
        words("- 2h Wrote the draft #writing [[Launch]]\n"),
        "Wrote the draft"
    );
    assert_eq!(
        words("- 09:00-10:30 Planning (duration:: 1h) #plan [saves:: 1h/month]\n"),
        "Planning"
    );
    assert_eq!(
        words("- [[Launch]] 742 subscribers #content [value:: 742]\n"),
        "742 subscribers"
    );
    assert_eq!(words("- review #review\n  time:: 40m\n"), "review");
    assert_eq!(
        words("- call `#not-a-tag` #[[Big Client]] 1h\n"),
        "call #not-a-tag"
    );
    // A link inside the sentence is a word of it.
    assert_eq!(
        words("- Looked at where [[A]] and [[B]] stand #review 1h\n"),
        "Looked at where A and B stand"
    );
    // A link after a connective ends the sentence: dropping it would
    // leave "Fernweh onboarding via".
    assert_eq!(
        words("- 1h Fernweh onboarding via [[Launch]] #client\n"),
        "Fernweh onboarding via Launch"
    );
    assert_eq!(
        words("- #jira triaged tickets VIA [[Beacon]] [[Delta]]\n"),
        "triaged tickets VIA Beacon"
    );
    // `for` can end a sentence: the link goes.
    assert_eq!(
        words("- 45m told him what I'm looking for [[Pipeline]] #chat\n"),
        "told him what I'm looking for"
    );
    assert_eq!(words("- Via [[Launch]] #client\n"), "Via Launch");
    // A link the caller keeps (no outcome) stays a word.
    let item = one("- Met [[Alice]] 1h #meeting\n");
    assert_eq!(item.shown.words(|_| false), "Met Alice");
    assert_eq!(item.text, "Met Alice 1h #meeting");
}

#[test]
fn statuses() {
    let all = items(
        "- [ ] plan #email 1h\n- [x] did #email\n- [X] did too #email\n- plain #email\n- [-] dropped #email\n",
    );
    let statuses: Vec<_> = all.iter().map(|i| i.status).collect();
    assert_eq!(
        statuses,
        [Status::Planned, Status::Done, Status::Done, Status::Done]
    );
    assert_eq!(all[0].minutes, Some(60));
}

#[test]
fn logseq_markers_set_status_and_leave_the_text() {
    let all = items(
        "- DONE shipped #client\n- TODO call #call\n- LATER x #email\n- NOW y #email\n- DOING z #email\n- CANCELED w #email\n- DONEish #email\n",
    );
    let read: Vec<_> = all.iter().map(|i| (i.status, i.text.as_str())).collect();
    assert_eq!(
        read,
        [
            (Status::Done, "shipped #client"),
            (Status::Planned, "call #call"),
            (Status::Planned, "x #email"),
            (Status::Planned, "y #email"),
            (Status::Planned, "z #email"),
            (Status::Done, "DONEish #email"),
        ]
    );
}

#[test]
fn only_tagged_or_timed_list_items_are_activities() {
    let all = items(
        "#email 1h paragraph\n\n# Heading #email\n\n- plain item\n- 30m untagged\n- #tag untimed\n",
    );
    let texts: Vec<_> = all.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["30m untagged", "#tag untimed"]);
    assert_eq!(all[1].minutes, None);
}

#[test]
fn nested_items_inherit_tags_and_links_after_their_own() {
    let all = items(
        "- #client [[Acme]] Acme redesign\n  - 2h wireframes #design\n    - 30m notes [[Spec]]\n  - #meeting 1h review\n",
    );
    assert_eq!(all.len(), 4);
    assert_eq!(all[1].tags, ["design", "client"]);
    assert_eq!(all[2].tags, ["design", "client"]);
    assert_eq!(all[3].tags, ["meeting", "client"]);
    let links = read("d.md", "- #client [[Acme]] x\n  - 2h [[Spec]]\n", 0);
    assert_eq!(links.items[1].links, [1, 0]);
    assert_eq!(links.links[0].target, Target::Wiki("Acme".into()));
    // The item's text is its own first paragraph only.
    assert_eq!(all[0].text, "#client Acme Acme redesign");
}

#[test]
fn tab_indented_items_are_on_their_own_line() {
    let all = items("- a #x\n\t- b 1h\n\t- c\n\t\t- d 2h\n\n> - [ ] e #y\n");
    let lines: Vec<_> = all.iter().map(|i| (i.line, i.text.as_str())).collect();
    // SPEC 4 (v2): `c` has no signal of its own: a detail, no activity.
    assert_eq!(lines, [(1, "a #x"), (2, "b 1h"), (4, "d 2h"), (6, "e #y")]);
}

#[test]
fn text_leaves_out_what_logseq_and_obsidian_hide() {
    let item = one(
        "- DONE review #review ^abc-123\n  id:: 65f1c2a4-1b2c\n  collapsed:: true\n  :LOGBOOK:\n  CLOCK: [2026-11-04 Wed 16:00:00]--[2026-11-04 Wed 16:40:00] =>  00:40:00\n  :END:\n  time:: 40m\n",
    );
    assert_eq!(item.text, "review #review time:: 40m");
    assert_eq!(item.minutes, Some(40));
    assert_eq!(one("- ^not-an-id #x\n").text, "^not-an-id #x");
    assert_eq!(one("- 2^x #x ^\n").text, "2^x #x ^");
}

#[test]
fn tags_never_come_from_code_or_links() {
    let item = one("- `#code` [#linked](x.md) [[#Heading]] https://x.org/#frag #real 1h\n");
    assert_eq!(item.tags, ["real"]);
    let block = items("- #real\n\n  ```\n  #fenced 2h\n  ```\n");
    assert_eq!(block.len(), 1);
    assert_eq!(block[0].minutes, None);
}

#[test]
fn durations_add_up_unless_a_time_field_says_otherwise() {
    assert_eq!(one("- 09:00-10:30 #call and 30m more\n").minutes, Some(120));
    assert_eq!(one("- #call 1h 30m\n").minutes, Some(90));
    assert_eq!(one("- #call 3h [time:: 45m]\n").minutes, Some(45));
    assert_eq!(one("- #call 3h (duration:: 1h)\n").minutes, Some(60));
    assert_eq!(one("- #call\n  time:: 2h\n").minutes, Some(120));
    assert_eq!(one("- time:: 20m\n").minutes, Some(20));
    assert_eq!(one("- 23:30-00:15 #ops\n").minutes, Some(45));
}

#[test]
fn links_between_many_fields_stay_linear() {
    // Checking every link against every field took minutes on such a line.
    let mut text = String::from("- #x ");
    for i in 0..20_000 {
        write!(text, "[[n{i}]] [k{i}:: [[in{i}]]] ").unwrap();
    }
    let extracted = read("d.md", &text, 0);
    assert_eq!(extracted.items[0].links.len(), 20_000);
    let first = &extracted.links[extracted.items[0].links[0]];
    assert_eq!((first.line, first.column), (1, 6));
}

#[test]
fn field_values_are_not_read_for_tags_links_or_durations() {
    let extracted = read(
        "d.md",
        "- #review 1h [note:: #nottag 2h [[Nowhere]]] [category:: strategy]\n",
        0,
    );
    let item = &extracted.items[0];
    assert_eq!(item.tags, ["review"]);
    assert_eq!(item.minutes, Some(60));
    assert!(item.links.is_empty());
    assert_eq!(
        item.category.as_ref().map(|c| c.value.as_str()),
        Some("strategy")
    );
}

#[test]
fn value_and_saves_fields() {
    let item = one("- #system 2h built it [saves:: 2h/week] [value:: 3]\n");
    assert_eq!(
        item.saves,
        Some(Saves {
            minutes: 120,
            per_days: 7
        })
    );
    assert_eq!(item.value.as_ref().map(|v| v.value), Some(3.0));
    let extracted = read("d.md", "- #x [value:: lots] (saves:: sometimes)\n", 0);
    assert_eq!(
        extracted.diagnostics.len(),
        2,
        "{:?}",
        extracted.diagnostics
    );
    assert_eq!(
        extracted.diagnostics[0].to_string(),
        "d.md:1:15: warning[invalid-field]: `value::` must be a number, found `lots`"
    );
}

#[test]
fn links_of_every_form() {
    let extracted = read(
        "daily/2026/d.md",
        "- #x [[A|alias]] [[B#Head]] ![[C]] [[folder/D]] [m](../../outcomes/Studio%20Revenue.md) [w](https://x.org) [p](pic.png) [[img.png]]\n",
        0,
    );
    let targets: Vec<_> = extracted.links.iter().map(|l| l.target.clone()).collect();
    assert_eq!(
        targets,
        [
            Target::Wiki("A".into()),
            Target::Wiki("B".into()),
            Target::Wiki("C".into()),
            Target::Wiki("folder/D".into()),
            Target::Path("outcomes/Studio Revenue.md".into()),
            Target::Wiki("img.png".into()),
        ]
    );
    assert_eq!(
        extracted.items[0].text,
        "#x alias B#Head C folder/D m w p img.png"
    );
    assert_eq!(
        (extracted.links[1].line, extracted.links[1].column),
        (1, 18)
    );
}

#[test]
fn links_leaving_the_vault_are_warnings() {
    let extracted = read(
        "daily/d.md",
        "- #x [a](../../etc/passwd) [b](/etc/passwd)\n",
        0,
    );
    assert!(extracted.links.is_empty());
    assert_eq!(extracted.diagnostics.len(), 2);
    assert!(
        extracted.diagnostics[0]
            .message()
            .contains("outside the vault")
    );
}

#[test]
fn lines_are_the_items_own() {
    let extracted = read(
        "d.md",
        "---\ndate: 2026-11-02\n---\n# Day\n\n- #a\n  - #b 1h\n",
        24,
    );
    let lines: Vec<_> = extracted.items.iter().map(|i| i.line).collect();
    assert_eq!(lines, [6, 7]);
}

#[test]
fn deep_nesting_and_long_lines_are_fine() {
    let mut deep = String::new();
    for depth in 0..2000 {
        deep.push_str(&"  ".repeat(depth));
        let _ = writeln!(deep, "- #t{depth} 1m");
    }
    let all = items(&deep);
    assert!(!all.is_empty());
    let long = format!("- {}\n", "#tag ".repeat(200_000));
    assert_eq!(one(&long).tags, ["tag"]);
}

fn read_with(text: &str, config: &Config) -> Extracted {
    let date = "2026-11-04".parse().ok();
    extract("journals/2026_11_04.md", text, 0, Context { date, config })
}

fn lines(extracted: &Extracted) -> Vec<u32> {
    extracted.items.iter().map(|item| item.line).collect()
}

fn targets(extracted: &Extracted, item: &Item) -> Vec<String> {
    item.links
        .iter()
        .map(|&link| match &extracted.links[link].target {
            Target::Wiki(name) | Target::Path(name) => name.clone(),
        })
        .collect()
}

// SPEC 4 (v2) Details: talking points nested under an activity are one activity.
#[test]
fn details_are_part_of_the_activity_above() {
    let mut note = String::from("- [[Team]] week\n  - #1on1 with Lee 30m [[Lee]]\n");
    for point in 0..10 {
        let _ = writeln!(note, "    - talking point {point}");
    }
    note.push_str("    - hiring plan [[Team health]]\n      - deeper [[Deep]]\n");
    note.push_str("- a note to self\n  - nested under no activity [[Nowhere]]\n");
    let extracted = read("d.md", &note, 0);
    assert_eq!(lines(&extracted), [2]);
    let item = &extracted.items[0];
    // Own, then details' (in order), then inherited.
    assert_eq!(
        targets(&extracted, item),
        ["Lee", "Team health", "Deep", "Team"]
    );
    assert_eq!((item.own_links, item.detail_links), (1, 2));
    let why: Vec<_> = extracted.skipped.iter().map(|s| (s.line, s.why)).collect();
    assert_eq!(why[0], (1, Why::NoSignal));
    assert_eq!(why[1], (3, Why::DetailOf(2)));
    assert_eq!(why.last(), Some(&(16, Why::NoSignal)));
    // `[[Nowhere]]` is in no activity's links: it could change no figure.
    assert!(extracted.items.iter().all(|item| !item.links.contains(&4)));
}

// SPEC 4 (v2) Inheritance: an enclosing activity's links include its details'.
#[test]
fn nested_activities_inherit_the_details_links() {
    let extracted = read(
        "d.md",
        "- #review 1h\n  - context [[Goal]]\n  - #writing 30m notes\n",
        0,
    );
    assert_eq!(lines(&extracted), [1, 3]);
    assert_eq!(targets(&extracted, &extracted.items[1]), ["Goal"]);
    assert_eq!(extracted.items[1].tags, ["writing", "review"]);
}

// SPEC 4 (v2) What is an activity: every kind of signal of its own.
#[test]
fn signals_of_its_own() {
    let extracted = read(
        "d.md",
        "- parent\n  - #tag\n  - 20 mins\n  - x [time:: 1h]\n  - [ ] box\n  - LATER marker\n  - clocked\n    :LOGBOOK:\n    CLOCK: [2026-11-04 Wed 09:00:00]\n    :END:\n  - plain\n",
        0,
    );
    assert_eq!(lines(&extracted), [2, 3, 4, 5, 6, 7]);
}

// SPEC 4 (v2) What is an activity: lists under an activity heading.
#[test]
fn activity_headings() {
    let note = "# Monday\n- not listed\n## 📝 Work log:\n- wrote the spec [[Spec]]\n  - a detail\n### Morning\n- still listed\n## Notes\n- not listed either\n";
    let extracted = read("d.md", note, 0);
    assert_eq!(lines(&extracted), [4, 7]);
    let mut off = Config::default();
    off.activity_headings.clear();
    assert!(read_with(note, &off).items.is_empty());
    let mut every = Config::default();
    every.activity_headings = vec!["*".into()];
    assert_eq!(lines(&read_with(note, &every)), [2, 4, 7, 9]);
    // A Logseq heading block lists its children.
    let logseq = read("d.md", "- ## Done\n\t- shipped it\n\t\t- detail\n", 0);
    assert_eq!(lines(&logseq), [2]);
}

// SPEC 4 (v2) Never activities: empty, image, file embed, quote, code, rule.
#[test]
fn never_activities() {
    let mut every = Config::default();
    every.activity_headings = vec!["*".into()];
    let note = "- #trip\n  - ![](photo.png)\n  -\n  - ![[scan.pdf]]\n  - > quoted #x\n  - ```\n    code 2h\n    ```\n  - ***\n  - ![[Packing list]]\n";
    let extracted = read_with(note, &every);
    assert_eq!(lines(&extracted), [1]);
    let never = extracted
        .skipped
        .iter()
        .filter(|s| s.why == Why::Never)
        .count();
    assert_eq!(never, 6);
    // An embed of a note is a link, so a detail.
    assert_eq!(
        extracted.skipped.last().map(|s| s.why),
        Some(Why::DetailOf(1))
    );
    // The file embed's link counts for nothing.
    assert_eq!(targets(&extracted, &extracted.items[0]), ["Packing list"]);
}

// SPEC 4 (v2) Lazy continuation.
#[test]
fn lazy_continuation_is_a_warning() {
    let extracted = read(
        "d.md",
        "- #a first\nsecond 1h\n  indented #b\nthird line\n",
        0,
    );
    assert_eq!(extracted.items.len(), 1);
    assert_eq!(extracted.items[0].minutes, Some(60));
    let found: Vec<String> = extracted
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "d.md:2:1: warning[lazy-continuation]: this line continues the item above; start it with `- ` to make it an activity of its own"
        ]
    );
}

// SPEC 4 (v2) Status: upper-case markers followed by a space; WAITING planned.
#[test]
fn markers_are_upper_case_words() {
    let all = items(
        "- Now, the plan #x\n- WAITING for Bo #x\n- DONE: #x\n- done it #x\n- #### DONE morning block (9am to 9:30am)\n",
    );
    let read: Vec<_> = all.iter().map(|i| (i.status, i.text.as_str())).collect();
    assert_eq!(
        read,
        [
            (Status::Done, "Now, the plan #x"),
            (Status::Planned, "for Bo #x"),
            (Status::Done, "DONE: #x"),
            (Status::Done, "done it #x"),
            // A heading block is read like any block: marker and duration.
            (Status::Done, "morning block (9am to 9:30am)"),
        ]
    );
    assert_eq!(all[4].minutes, Some(30));
}

// SPEC 4 (v2) Status: the Obsidian Tasks plugin's dates.
#[test]
fn tasks_plugin_dates() {
    let all = items(
        "- [ ] write report 2 hours #writing 📅 2026-11-01 ✅ 2026-11-03\n- [ ] call #call ❌ 2026-11-02\n- [ ] plan #plan ⏳ 2026-11-09 🛫 2026-11-08 ➕ 2026-11-01\n",
    );
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].status, Status::Done);
    assert_eq!(all[0].done_on, "2026-11-03".parse().ok());
    assert_eq!(all[0].minutes, Some(120));
    assert_eq!(all[0].text, "write report 2 hours #writing");
    assert_eq!((all[1].status, all[1].done_on), (Status::Planned, None));
    assert_eq!(all[1].text, "plan #plan");
}

// SPEC 4 (v2) Tags: `#[[Multi Word]]` is a tag and a link.
#[test]
fn bracketed_tags_are_tags_and_links() {
    let extracted = read("d.md", "- met #[[Deep Work]] and x#[[Not]] #solo\n", 0);
    let item = &extracted.items[0];
    assert_eq!(item.tags, ["deep work", "solo"]);
    assert_eq!(targets(&extracted, item), ["Deep Work", "Not"]);
}

// SPEC 4 (v2) Outlines are read as outlines in a Logseq graph.
#[test]
fn logseq_outlines_are_never_code() {
    let mut config = Config::default();
    config.logseq = Some(crate::logseq::Logseq::default());
    let note = "title:: x\n## Standup\n\t\t- #sync 15m after a heading\n- ---\n\t- #ops 1h under a rule\n\t  time:: 2h\n- DONE #a\n  - #b 5m\n";
    let extracted = read_with(note, &config);
    let found: Vec<_> = extracted
        .items
        .iter()
        .map(|i| (i.line, i.minutes))
        .collect();
    assert_eq!(
        found,
        [(3, Some(15)), (5, Some(120)), (7, None), (8, Some(5))]
    );
    assert_eq!(extracted.items[3].tags, ["b", "a"]);
    // Outside a Logseq graph CommonMark rules: indented code.
    assert_eq!(lines(&read("d.md", note, 0)), [7, 8]);
}

// SPEC 4 (v2) Logseq clocks.
#[test]
fn logbook_clocks() {
    let block = |clocks: &str, extra: &str| {
        format!("- DONE write #writing{extra}\n  :LOGBOOK:\n{clocks}  :END:\n")
    };
    let clock =
        |from: &str, to: &str, total: &str| format!("  CLOCK: [{from}]--[{to}] =>  {total}\n");
    let mut clocks = clock(
        "2026-11-04 Wed 09:00:05",
        "2026-11-04 Wed 10:30:00",
        "01:29:55",
    );
    clocks += &clock(
        "2026-11-04 Wed 11:00:00",
        "2026-11-04 Wed 11:00:20",
        "00:00:20",
    );
    clocks += &clock(
        "2026-11-04 Wed 14:00:00",
        "2026-11-04 Wed 14:30:10",
        "00:30:10",
    );
    let extracted = read("d.md", &block(&clocks, ""), 0);
    // 5395 + 1810 seconds = 120.08 minutes; the 20 s toggle does not count.
    assert_eq!(extracted.items[0].minutes, Some(120));
    assert_eq!(extracted.items[0].text, "write #writing");
    assert!(extracted.diagnostics.is_empty());
    // Written durations win, then `time::`.
    assert_eq!(
        read("d.md", &block(&clocks, " 45m"), 0).items[0].minutes,
        Some(45)
    );
    let other = clock(
        "2026-11-03 Tue 23:00:00",
        "2026-11-04 Wed 00:30:00",
        "01:30:00",
    );
    let long = clock(
        "2026-11-04 Wed 08:00:00",
        "2026-11-04 Wed 22:30:00",
        "14:30:00",
    );
    let extracted = read("d.md", &block(&(other + &long), ""), 0);
    assert_eq!(extracted.items.len(), 1);
    assert_eq!(extracted.items[0].minutes, None);
    let codes: Vec<_> = extracted.diagnostics.iter().map(Diagnostic::code).collect();
    assert_eq!(codes, ["clock-other-day", "long-duration"]);
    // A block that is only a drawer is empty: no activity.
    let empty = read(
        "d.md",
        "- :LOGBOOK:\n  CLOCK: [2026-11-04 Wed 09:00:00]\n  :END:\n",
        0,
    );
    assert!(empty.items.is_empty());
    // A running clock is a signal with no time.
    let running = read(
        "d.md",
        "- NOW writing\n  :LOGBOOK:\n  CLOCK: [2026-11-04 Wed 09:00:00]\n  :END:\n  - detail\n",
        0,
    );
    assert_eq!(lines(&running), [1]);
    assert_eq!(running.items[0].minutes, None);
}

// SPEC 5 (v2): a done item with `value::` is a check-in, activity or not.
#[test]
fn checkins_need_no_tag() {
    let extracted = read(
        "d.md",
        "- Team NPS now [[Team health]] [value:: 42]\n  - because [[Other]]\n- [ ] later [[Team health]] [value:: 50]\n",
        0,
    );
    assert!(extracted.items.iter().all(|item| item.line == 3));
    assert_eq!(extracted.checkins.len(), 1);
    let checkin = &extracted.checkins[0];
    assert_eq!(checkin.value.as_ref().map(|v| v.value), Some(42.0));
    // Not the links of the items nested under it.
    let names: Vec<_> = checkin
        .value_links
        .iter()
        .map(|&l| extracted.links[l].target.clone())
        .collect();
    assert_eq!(names, [Target::Wiki("Team health".into())]);
}

proptest::proptest! {
    // SPEC 4 Tags and Durations: code spans are never read.
    #[test]
    fn durations_in_code_are_never_read(h in 0_u32..24, m in 0_u32..60) {
        let text = format!("- #x `{h}h{m}m` `{h}:00-{h}:30` `{h} hours` done\n");
        proptest::prop_assert_eq!(one(&text).minutes, None);
    }
}

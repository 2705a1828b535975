//! A deterministic generator of realistic vaults, for benchmarks: daily notes
//! for every day of N years ending on [`END`], 60 outcome notes with metrics
//! and check-ins, and a few pages. Shared by `examples/gen_vault` and
//! `benches/stages.rs` (included with `#[path]`).
//!
//! The same `years` always gives the same bytes: a fixed seed and a tiny
//! PRNG of our own, no clock, no hash-map order.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use jiff::ToSpan as _;
use jiff::civil::{Date, date};

/// The last daily note of every generated vault.
pub const END: Date = date(2026, 11, 13);

/// What was written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub notes: usize,
    pub daily: usize,
    pub bytes: u64,
}

/// `SplitMix64`: tiny, fast, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn percent(&mut self, chance: usize) -> bool {
        self.below(100) < chance
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The default tags of SPEC 6, per category, with a few words of work for each.
const WORK: [(&[&str], &[&str]); 4] = [
    (
        &[
            "email",
            "inbox",
            "meeting",
            "call",
            "admin",
            "followup",
            "follow-up",
            "slack",
            "chat",
            "invoice",
            "invoices",
            "scheduling",
            "status",
        ],
        &[
            "Inbox and replies",
            "Weekly sync with the team",
            "Chased the unpaid invoice",
            "Call with the accountant",
            "Rescheduled the workshop",
            "Status update to the client",
            "Sorted the shared drive",
            "Answered questions in the community chat",
            "Booked travel for the conference",
            "Expense receipts",
        ],
    ),
    (
        &[
            "delivery", "deliver", "billable", "client", "task", "tasks", "project", "build",
            "code", "coding", "ops", "support",
        ],
        &[
            "Landing page revisions",
            "Fixed the checkout bug",
            "Sprint work on the mobile app",
            "Migrated the database",
            "Wrote the API integration",
            "Design review of the dashboard",
            "Support tickets",
            "Deployed the release",
            "Reworked the onboarding screens",
            "Prepared the client presentation",
        ],
    ),
    (
        &[
            "system",
            "systems",
            "automation",
            "automate",
            "template",
            "process",
            "deal",
            "sales",
            "relationship",
            "network",
            "referral",
            "asset",
            "content",
            "writing",
            "hiring",
            "delegation",
            "delegate",
        ],
        &[
            "Built the proposal template",
            "Automated the weekly report",
            "Wrote a newsletter issue",
            "Coffee with a former client",
            "Drafted the case study",
            "Interviewed a designer",
            "Documented the release process",
            "Recorded a course lesson",
            "Sent referral thank-you notes",
            "Handed the bookkeeping to the assistant",
        ],
    ),
    (
        &[
            "decision", "strategy", "planning", "plan", "review", "retro", "research",
        ],
        &[
            "Weekly review",
            "Planned the quarter",
            "Decided on the pricing change",
            "Retro on the last project",
            "Researched competitors",
            "Thought about the next hire",
            "Read the market report",
            "Sketched the roadmap",
        ],
    ),
];

/// Tags no category maps: their items are `uncategorized`.
const UNKNOWN_TAGS: [&str; 8] = [
    "reading", "health", "family", "errand", "learning", "garden", "music", "travel",
];
const CLIENTS: [&str; 6] = [
    "acme",
    "northwind",
    "globex",
    "initech",
    "umbrella",
    "hooli",
];
const UNKNOWN_WORK: [&str; 6] = [
    "Read two chapters",
    "Run in the park",
    "Picked up the kids",
    "Groceries and the post office",
    "Practised the guitar",
    "Watered the garden",
];

const SUBJECTS: [&str; 12] = [
    "Referral",
    "Onboarding",
    "Newsletter",
    "Pricing",
    "Hiring",
    "Portfolio",
    "Podcast",
    "Course",
    "Community",
    "Automation",
    "Partnership",
    "Workshop",
];
const ASPECTS: [&str; 5] = ["Pipeline", "System", "Growth", "Playbook", "Launch"];
const UNITS: [&str; 6] = ["clients", "subscribers", "steps", "euros", "hours", "leads"];

const PAGES: [&str; 20] = [
    "Acme Corp",
    "Northwind",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Reading list",
    "Weekly review template",
    "Pricing notes",
    "Tools",
    "Ideas",
    "Contacts",
    "Recipes",
    "Travel checklist",
    "Bookkeeping",
    "Studio handbook",
    "Interview questions",
    "Newsletter archive",
    "Course outline",
    "Workshop agenda",
];

const PROSE: [&str; 12] = [
    "Slow start, then a good focused block before lunch.",
    "Too many small interruptions today; batching email helped in the afternoon.",
    "A client asked for a change that should have been in the template from the start.",
    "Felt like a **maker** day: long stretches, few meetings.",
    "Energy dipped after lunch, so I did the admin then.",
    "The new process saved me an hour this week, by my count.",
    "Spent too long on the inbox again. Next week: two fixed slots.",
    "Good conversation about referrals; worth writing up properly.",
    "Mostly delivery. Nothing compounding, and that is fine once in a while.",
    "Tried the `focus mode` setting in the editor; it works.",
    "Rain all day, which made it easy to stay at the desk.",
    "Wrapped up loose ends before the weekend.",
];

/// An outcome note's name and what it measures.
struct Outcome {
    title: String,
    alias: Option<String>,
    unit: &'static str,
    /// The running value of its metric, bumped by check-ins written in daily notes.
    value: u32,
}

/// Writes a vault of `years` years of daily notes (365 a year) ending on
/// [`END`] into `dir`, which is created when missing.
pub fn generate(dir: &Path, years: u32) -> io::Result<Stats> {
    let mut rng = Rng(0x1E7E_4A6E_2026_1113);
    let mut stats = Stats::default();
    let days = i64::from(years) * 365;
    let start = END
        .checked_sub((days - 1).days())
        .expect("the start is a valid date");

    let mut outcomes: Vec<Outcome> = Vec::new();
    for (i, subject) in SUBJECTS.iter().enumerate() {
        for (j, aspect) in ASPECTS.iter().enumerate() {
            let title = format!("{subject} {aspect}");
            let alias =
                ((i + j) % 4 == 0).then(|| format!("{} {}", aspect, subject.to_lowercase()));
            outcomes.push(Outcome {
                title,
                alias,
                unit: UNITS[(i * 5 + j) % UNITS.len()],
                value: ((i * 7 + j * 3) % 10) as u32,
            });
        }
    }

    let mut write = |relative: String, text: &str| -> io::Result<()> {
        let path = dir.join(relative);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)?;
        }
        fs::write(&path, text)?;
        stats.notes += 1;
        stats.bytes += text.len() as u64;
        Ok(())
    };

    for (i, outcome) in outcomes.iter().enumerate() {
        let text = outcome_note(&mut rng, outcome, i, start, days);
        write(format!("outcomes/{}.md", outcome.title), &text)?;
    }
    for (i, page) in PAGES.iter().enumerate() {
        let mut text = String::new();
        if i.is_multiple_of(3) {
            let _ = writeln!(text, "---\ntags: [people]\n---");
        }
        let _ = writeln!(text, "# {page}\n\n{}\n", PROSE[i % PROSE.len()]);
        for k in 0..rng.between(2, 6) {
            let _ = writeln!(text, "- Note {k} about {page}");
        }
        write(format!("pages/{page}.md"), &text)?;
    }

    let mut day = start;
    for n in 0..days {
        // Each stretch of about two months works on a handful of outcomes.
        let focus = (n / 61) as usize;
        let text = daily_note(&mut rng, day, &mut outcomes, focus);
        write(format!("daily/{day}.md"), &text)?;
        stats.daily += 1;
        day = day.tomorrow().expect("dates before the year 9999");
    }
    Ok(stats)
}

/// An outcome note whose check-ins spread over the `span` days from `start`.
fn outcome_note(rng: &mut Rng, outcome: &Outcome, index: usize, start: Date, span: i64) -> String {
    let mut text = String::from("---\n");
    if index.is_multiple_of(3) {
        let _ = writeln!(text, "title: {}", outcome.title);
    }
    if let Some(alias) = &outcome.alias {
        let _ = writeln!(text, "aliases:\n  - {alias}");
    }
    let status = match index % 10 {
        7 => "achieved",
        9 => "dropped",
        _ => "active",
    };
    let _ = writeln!(text, "status: {status}");
    let _ = writeln!(
        text,
        "metric: {} won through the {}",
        capitalise(outcome.unit),
        outcome.title.to_lowercase()
    );
    let _ = writeln!(text, "unit: {}", outcome.unit);
    let _ = writeln!(text, "baseline: {}", outcome.value);
    let _ = writeln!(
        text,
        "target: {}",
        outcome.value + 20 + (index % 5) as u32 * 10
    );
    let due = END
        .checked_add(((index % 12) as i64 * 30 + 15).days())
        .expect("a valid date");
    let _ = writeln!(text, "due: {due}");
    let _ = writeln!(text, "checkins:");
    let count = rng.between(2, 6);
    let mut value = outcome.value;
    for k in 0..count {
        let offset = span * k as i64 / count as i64 + rng.below(20) as i64;
        let on = start.checked_add(offset.days()).expect("a valid date");
        value += rng.between(0, 3) as u32;
        let _ = writeln!(text, "  - date: {on}\n    value: {value}");
        if k % 2 == 0 {
            let _ = writeln!(text, "    note: Counted at the review");
        }
    }
    let _ = writeln!(text, "---\n# {}\n", outcome.title);
    let _ = writeln!(
        text,
        "Why this matters: every {} here keeps paying, long after the hours that went into it.\n",
        outcome.unit.trim_end_matches('s')
    );
    let _ = writeln!(text, "## Steps\n");
    for k in 1..=rng.between(3, 7) {
        let done = if rng.percent(50) { "x" } else { " " };
        let _ = writeln!(
            text,
            "- [{done}] Step {k} of the {}",
            outcome.title.to_lowercase()
        );
    }
    let _ = writeln!(
        text,
        "\nSee also [[{}]] and the [[Weekly review template]].",
        PAGES[index % PAGES.len()]
    );
    text
}

fn daily_note(rng: &mut Rng, day: Date, outcomes: &mut [Outcome], focus: usize) -> String {
    let mut text = String::new();
    let _ = write!(text, "---\ndate: {day}\n");
    if rng.percent(30) {
        let _ = writeln!(
            text,
            "tags: [daily, {}]",
            day.strftime("%B").to_string().to_lowercase()
        );
    }
    if rng.percent(20) {
        let _ = writeln!(text, "mood: {}", rng.between(1, 5));
    }
    let _ = writeln!(text, "---");
    let _ = writeln!(text, "# {}\n", day.strftime("%A, %-d %B %Y"));
    let sentences = rng.between(1, 3);
    for _ in 0..sentences {
        let _ = write!(text, "{} ", rng.pick(&PROSE));
    }
    let _ = writeln!(text, "\n");
    if rng.percent(50) {
        let _ = writeln!(text, "## Log\n");
    }
    let activities = rng.between(6, 14);
    let mut written = 0;
    let mut clock = 8 * 60 + rng.below(4) * 15;
    // One list marker per note, as people write.
    let marker = match rng.below(20) {
        0 | 1 => "* ",
        2 => "+ ",
        3 => "1. ",
        _ => "- ",
    };
    while written < activities {
        text.push_str(&activity(rng, outcomes, focus, &mut clock, "", marker));
        written += 1;
        // Nested items: details of the work above, inheriting its tags and links.
        if rng.percent(15) && written < activities {
            let indent = *rng.pick(&["  ", "    ", "\t"]);
            for _ in 0..rng.between(1, 2) {
                text.push_str(&activity(rng, outcomes, focus, &mut clock, indent, "- "));
                written += 1;
            }
        }
    }
    if rng.percent(25) {
        let _ = writeln!(
            text,
            "\nTomorrow: start with the {}.",
            rng.pick(&["inbox", "proposal", "review", "deep work"])
        );
    }
    text
}

/// One list item, as a line.
fn activity(
    rng: &mut Rng,
    outcomes: &mut [Outcome],
    focus: usize,
    clock: &mut usize,
    indent: &str,
    marker: &str,
) -> String {
    let nested = !indent.is_empty();
    let mut line = String::from(indent);
    line.push_str(marker);
    let status = rng.below(100);
    let planned = status < 12;
    if planned {
        line.push_str(if rng.percent(80) { "[ ] " } else { "TODO " });
    } else if status < 30 {
        line.push_str("[x] ");
    } else if status < 32 {
        line.push_str("[-] ");
    } else if status < 34 {
        line.push_str("DONE ");
    }

    let minutes = *rng.pick(&[15u32, 20, 30, 45, 60, 75, 90, 105, 120, 150, 180]);
    let timed = !rng.percent(8);
    let mut field_time = false;
    // Clock ranges lead the text; other durations go anywhere.
    let mut duration = String::new();
    if timed {
        match rng.below(16) {
            0..=2 => {
                let from = *clock;
                let to = from + minutes as usize;
                let dash = *rng.pick(&["-", "–", " - "]);
                duration = format!("{}-{}", hm(from, true), hm(to, false)).replacen('-', dash, 1);
            }
            3 => duration = format!("{minutes}m"),
            4 => duration = format!("{minutes}min"),
            5 => duration = format!("{minutes}mins"),
            6 | 7 => duration = hours_form(minutes, rng),
            8 => {
                duration = format!(
                    "{}hr{}",
                    minutes.div_ceil(60),
                    if minutes > 60 { "s" } else { "" }
                );
            }
            9 => duration = format!("{}hrs", minutes.div_ceil(60)),
            10 => field_time = true,
            _ => duration = compact(minutes, rng),
        }
    }
    *clock += minutes as usize + 15;
    let work = rng.below(100);
    let (tag, words) = if work < 10 {
        (
            rng.pick(&UNKNOWN_TAGS).to_string(),
            *rng.pick(&UNKNOWN_WORK),
        )
    } else {
        let (tags, words) = WORK[match work {
            10..=39 => 0,
            40..=69 => 1,
            70..=87 => 2,
            _ => 3,
        }];
        let mut tag = rng.pick(tags).to_string();
        if tag == "client" && rng.percent(60) {
            tag = format!("client/{}", rng.pick(&CLIENTS));
        }
        (tag, *rng.pick(words))
    };
    let mut parts: Vec<String> = Vec::new();
    if duration.contains(':') {
        parts.push(duration.clone());
    }
    if nested && rng.percent(40) {
        // A nested detail often has only a duration: it inherits the tags.
        parts.push(format!(
            "{} detail",
            words.split(' ').next().unwrap_or("Work")
        ));
    } else {
        parts.push(words.to_owned());
        parts.push(format!("#{tag}"));
        if rng.percent(15) {
            parts.push(format!("#{}", rng.pick(&UNKNOWN_TAGS)));
        }
    }
    if !duration.is_empty() && !duration.contains(':') {
        let at = if rng.percent(50) { 0 } else { parts.len() };
        parts.insert(at, duration.clone());
    }
    let mut linked = None;
    if rng.percent(30) {
        let index = (focus * 7 + rng.below(8) * 5 + rng.below(2)) % outcomes.len();
        let outcome = &outcomes[index];
        let written = match rng.below(10) {
            0 => format!("[[{}|that project]]", outcome.title),
            1 => format!("[[outcomes/{}]]", outcome.title),
            2 => format!(
                "[the plan](../outcomes/{}.md)",
                outcome.title.replace(' ', "%20")
            ),
            3 => format!("[[{}#Steps]]", outcome.title),
            4 => outcome
                .alias
                .as_ref()
                .map_or_else(|| format!("![[{}]]", outcome.title), |a| format!("[[{a}]]")),
            _ => format!("[[{}]]", outcome.title),
        };
        parts.push(written);
        linked = Some(index);
    } else if rng.percent(4) {
        parts.push(format!("with [[{}]]", rng.pick(&PAGES)));
    }
    if field_time {
        parts.push(format!("[time:: {}]", compact(minutes, rng)));
    }
    if let Some(index) = linked
        && !planned
        && rng.percent(6)
    {
        outcomes[index].value += rng.between(1, 3) as u32;
        parts.push(format!("[value:: {}]", outcomes[index].value));
    }
    if !planned && rng.percent(2) {
        let per = rng.pick(&["day", "week", "month", "quarter", "year"]);
        parts.push(format!(
            "[saves:: {}/{per}]",
            compact(rng.between(1, 8) as u32 * 15, rng)
        ));
    }
    if rng.percent(5) {
        parts.push("(see `notes.txt`)".to_owned());
    }
    line.push_str(&parts.join(" "));
    line.push('\n');
    line
}

fn hm(minutes: usize, pad: bool) -> String {
    let (h, m) = ((minutes / 60) % 24, minutes % 60);
    if pad || h >= 10 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h}:{m:02}")
    }
}

/// `1.5h`, `2h`.
fn hours_form(minutes: u32, rng: &mut Rng) -> String {
    if minutes.is_multiple_of(60) {
        format!("{}h", minutes / 60)
    } else if minutes.is_multiple_of(30) {
        format!("{}.5h", minutes / 60)
    } else {
        compact(minutes, rng)
    }
}

/// `45m`, `2h`, `1h30m`, `1h30`, `1h 30m`.
fn compact(minutes: u32, rng: &mut Rng) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => match rng.below(3) {
            0 => format!("{h}h{m}m"),
            1 => format!("{h}h{m}"),
            _ => format!("{h}h {m}m"),
        },
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

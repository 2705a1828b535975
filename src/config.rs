//! `leverage.yaml` → [`Config`], every key with its default (SPEC section 7).
//! Unknown keys are warnings and invalid values errors at their line; a bad
//! key falls back to its default so the rest of the vault still compiles.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Serialize;

use crate::logseq::Logseq;

mod read;

pub use read::read;

pub const FILE_NAME: &str = "leverage.yaml";
pub const UNCATEGORIZED: &str = "uncategorized";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Linear,
    Compounding,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Linear => "linear",
            Kind::Compounding => "compounding",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    pub name: String,
    pub kind: Kind,
    /// How much an hour of it is worth, between 0 and 1.
    pub value: f64,
    pub tags: Vec<String>,
    /// SPEC 4 (v2): whole words or phrases, lower case, that choose this
    /// category when no tag maps.
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BusyDay {
    pub min_hours: f64,
    pub max_compounding_share: f64,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub outcome_dirs: Vec<String>,
    pub ignore: Vec<String>,
    pub follow_links: bool,
    /// Notes larger than this many bytes are skipped with a diagnostic
    /// (issue 15: a 200 MB note took 6 GB of memory). `max_note_size: 10MB`.
    pub max_note_size: u64,
    /// In the config's order; `uncategorized` is always the last.
    pub categories: Vec<Category>,
    /// Category name → share of time aimed for.
    pub targets: BTreeMap<String, f64>,
    /// Category name → share of time of a typical professional.
    pub reference: BTreeMap<String, f64>,
    pub unlinked_factor: f64,
    pub busy_day: BusyDay,
    pub output: String,
    pub templates: Option<String>,
    pub daily_folder: String,
    pub daily_format: String,
    pub daily_template: Option<String>,
    /// SPEC 9 (v2): diagnostic codes that are not reported.
    pub allow: Vec<String>,
    /// SPEC 4/7 (v2): headings whose lists are activities, item by item,
    /// lower-cased; `*` means every top-level item of every daily note.
    pub activity_headings: Vec<String>,
    /// SPEC 3 (v2) `as_of`: "today" for a frozen vault (after `--as-of`,
    /// before `SOURCE_DATE_EPOCH` and the clock).
    pub as_of: Option<jiff::civil::Date>,
    /// The keys the file sets (the rest are defaults): `leverage new` lets
    /// Obsidian's daily-note settings fill in what the file leaves out.
    pub given: BTreeSet<String>,
    /// The vault is a Logseq graph (SPEC 1): not a key of the file, found
    /// beside it by [`read`]; every stage that reads notes as Logseq does
    /// asks here.
    pub logseq: Option<Logseq>,
    ignore_set: Gitignore,
    tag_categories: HashMap<String, usize>,
}

/// SPEC 6 (v2) table: name, kind, value, default tags, default keywords
/// (keywords separated by `,`: some are phrases).
const DEFAULT_CATEGORIES: [(&str, Kind, f64, &str, &str); 4] = [
    (
        "coordination",
        Kind::Linear,
        0.0,
        "email inbox meeting call admin followup follow-up slack chat invoice invoices scheduling status 1on1 1-1 standup sync",
        "meeting, meetings, call, calls, email, emails, inbox, slack, standup, stand-up, sync, 1:1, 1on1, one-on-one, admin, invoice, invoicing, scheduling, follow-up, status update",
    ),
    (
        "execution",
        Kind::Linear,
        0.25,
        "delivery deliver billable client project build code coding ops support bug bugfix fix deploy release",
        "fix, fixed, fixing, bug, bugs, debug, debugging, implement, implemented, implementing, deploy, deployed, deploying, release, ship, shipped, deliver, delivered, code review",
    ),
    (
        "leverage",
        Kind::Compounding,
        1.0,
        "system systems automation automate template process deal sales relationship network referral asset content writing hiring delegation delegate",
        "automate, automated, automation, template, checklist, playbook, documentation, hire, hiring, interview, delegate, delegated, referral, partnership, newsletter, blog post",
    ),
    (
        "strategy",
        Kind::Compounding,
        1.0,
        "decision strategy planning plan review retro research okr roadmap retrospective",
        "plan, planning, roadmap, strategy, decide, decision, retro, retrospective, review, research, okr, okrs",
    ),
];

/// The default keywords of a default category, by name (SPEC 7 (v2): a
/// category given without `keywords` keeps these).
fn default_keywords(name: &str) -> Vec<String> {
    DEFAULT_CATEGORIES
        .iter()
        .find(|category| category.0 == name)
        .map(|category| keyword_list(category.4))
        .unwrap_or_default()
}

fn keyword_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|keyword| keyword.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|keyword| !keyword.is_empty())
        .map(|keyword| keyword.to_lowercase())
        .collect()
}
/// `10MB` → 10,000,000; `512 KiB` → 524,288; `2048` → 2,048.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let number: u64 = text[..digits].parse().ok()?;
    let unit = text[digits..].trim().to_ascii_lowercase();
    let factor: u64 = match unit.as_str() {
        "" | "b" => 1,
        "kb" | "k" => 1_000,
        "mb" | "m" => 1_000_000,
        "gb" | "g" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(factor)
}

const DEFAULT_TARGETS: [f64; 4] = [0.2, 0.3, 0.3, 0.2];
const DEFAULT_REFERENCE: [f64; 4] = [0.6, 0.3, 0.0, 0.1];

/// 10 MB: a year of daily notes is a few MB in all; a single note this
/// large is an export or a pasted dump, not a note.
pub const DEFAULT_MAX_NOTE_SIZE: u64 = 10_000_000;

const KEYS: &[&str] = &[
    "title",
    "outcome_dirs",
    "ignore",
    "follow_links",
    "max_note_size",
    "categories",
    "targets",
    "reference",
    "unlinked_factor",
    "busy_day",
    "output",
    "templates",
    "daily_folder",
    "daily_format",
    "daily_template",
    "allow",
    "activity_headings",
    "as_of",
];

/// SPEC 7 (v2): the headings under which people list what they did.
const DEFAULT_ACTIVITY_HEADINGS: [&str; 9] = [
    "log",
    "logs",
    "work log",
    "worklog",
    "time log",
    "done",
    "did",
    "what i did",
    "getting done",
];

impl Default for Config {
    fn default() -> Self {
        let categories = DEFAULT_CATEGORIES
            .iter()
            .map(|&(name, kind, value, tags, keywords)| Category {
                name: name.to_owned(),
                kind,
                value,
                tags: tags.split(' ').map(str::to_owned).collect(),
                keywords: keyword_list(keywords),
            })
            .collect();
        let shares = |values: [f64; 4]| {
            DEFAULT_CATEGORIES
                .iter()
                .zip(values)
                .map(|(category, share)| (category.0.to_owned(), share))
                .collect()
        };
        let mut config = Config {
            title: "Leverage".to_owned(),
            outcome_dirs: vec!["outcomes".to_owned()],
            ignore: Vec::new(),
            follow_links: false,
            max_note_size: DEFAULT_MAX_NOTE_SIZE,
            categories,
            targets: shares(DEFAULT_TARGETS),
            reference: shares(DEFAULT_REFERENCE),
            unlinked_factor: 0.5,
            busy_day: BusyDay {
                min_hours: 6.0,
                max_compounding_share: 0.10,
            },
            output: "_site".to_owned(),
            templates: None,
            daily_folder: "daily".to_owned(),
            daily_format: "YYYY-MM-DD".to_owned(),
            daily_template: None,
            allow: Vec::new(),
            activity_headings: DEFAULT_ACTIVITY_HEADINGS
                .iter()
                .map(|&heading| heading.to_owned())
                .collect(),
            as_of: None,
            given: BTreeSet::new(),
            logseq: None,
            ignore_set: Gitignore::empty(),
            tag_categories: HashMap::new(),
        };
        config.finish(&mut Vec::new(), "");
        config
    }
}

impl Config {
    pub fn category_index(&self, name: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.name == name)
    }

    pub fn category_names(&self) -> Vec<&str> {
        self.categories.iter().map(|c| c.name.as_str()).collect()
    }

    pub fn uncategorized(&self) -> usize {
        self.category_index(UNCATEGORIZED)
            .expect("finish() always adds `uncategorized`")
    }

    /// SPEC 4 Category: the category a tag maps to; a nested tag `a/b/c`
    /// tries `a/b/c`, then `a/b`, then `a`.
    pub fn category_of_tag(&self, tag: &str) -> Option<usize> {
        self.mapped_tag(tag).map(|(index, _)| index)
    }

    /// Like [`Config::category_of_tag`], with the mapped tag that matched
    /// (the tag itself or the ancestor it fell back to).
    pub fn mapped_tag<'t>(&self, tag: &'t str) -> Option<(usize, &'t str)> {
        crate::tag::and_ancestors(tag)
            .find_map(|candidate| Some((*self.tag_categories.get(candidate)?, candidate)))
    }

    /// Whether the vault is a Logseq graph (a `logseq/` folder with
    /// `config.edn`): its outlines and file names are read as Logseq reads them.
    pub fn is_logseq(&self) -> bool {
        self.logseq.is_some()
    }

    /// Whether a vault-relative path (with `/`) is left out by the `ignore:`
    /// globs, as git would leave it out: a path in an ignored folder is
    /// ignored whatever a later `!` says (git cannot take it back either).
    pub fn is_ignored(&self, path: &str, folder: bool) -> bool {
        let folders = path.match_indices('/').map(|(end, _)| (&path[..end], true));
        folders
            .chain([(path, folder)])
            .any(|(path, folder)| self.ignore_set.matched(path, folder).is_ignore())
    }

    /// SPEC 4 (v2): whether a heading's text names an activity list.
    pub fn is_activity_heading(&self, heading: &str) -> bool {
        let name = heading_name(heading);
        !name.is_empty() && self.activity_headings.contains(&name)
    }

    /// SPEC 4 (v2): whether every top-level item of a daily note is an activity.
    pub fn every_item_is_an_activity(&self) -> bool {
        self.activity_headings.iter().any(|heading| heading == "*")
    }

    /// Whether a vault-relative path lies in one of the `outcome_dirs`.
    pub fn in_outcome_dir(&self, path: &str) -> bool {
        self.outcome_dirs.iter().any(|dir| {
            let dir = dir.trim_matches('/');
            path.len() > dir.len()
                && path.as_bytes()[dir.len()] == b'/'
                && path[..dir.len()].eq_ignore_ascii_case(dir)
        })
    }
}

/// A heading as `activity_headings` compares it: lower-cased, without the
/// emoji, spaces and punctuation around it (`📝 Work log:` is `work log`);
/// `*` stays `*`.
pub fn heading_name(heading: &str) -> String {
    let trimmed = heading.trim();
    if trimmed == "*" {
        return trimmed.to_owned();
    }
    trimmed
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The `ignore:` globs with gitignore's semantics, by the `ignore` crate: a
/// pattern without `/` (but at its end) matches at any depth, a leading or
/// inner `/` anchors it at the vault root, a trailing `/` matches folders
/// only, `!` takes a path back out of an earlier pattern, and a folder's match
/// covers everything in it.
pub(crate) fn compile_ignore(patterns: &[String]) -> (Gitignore, Vec<String>) {
    let mut builder = GitignoreBuilder::new(".");
    let mut problems = Vec::new();
    for pattern in patterns {
        if let Err(error) = builder.add_line(None, pattern.trim()) {
            problems.push(format!("invalid ignore glob `{pattern}`: {error}"));
        }
    }
    let set = builder.build().unwrap_or_else(|error| {
        problems.push(format!("invalid ignore globs: {error}"));
        Gitignore::empty()
    });
    (set, problems)
}

/// The known word nearest to a misspelt one, when it is close enough to be a
/// typo (a key, a diagnostic code, a tag). Damerau-Levenshtein from `strsim`,
/// so a swap of two letters (`reveiw`) counts as one edit.
pub fn closest<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    known
        .into_iter()
        .filter(|candidate| *candidate != word)
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|&(distance, candidate)| distance <= 2.max(candidate.chars().count() / 4))
        .min()
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_spec_table() {
        let config = Config::default();
        assert_eq!(
            config.category_names(),
            [
                "coordination",
                "execution",
                "leverage",
                "strategy",
                "uncategorized"
            ]
        );
        assert_eq!(config.categories[1].value, 0.25);
        assert_eq!(config.categories[2].kind, Kind::Compounding);
        assert_eq!(config.targets["leverage"], 0.3);
        assert_eq!(config.reference["coordination"], 0.6);
        assert_eq!(config.unlinked_factor, 0.5);
        assert_eq!(config.busy_day.min_hours, 6.0);
        assert_eq!(config.busy_day.max_compounding_share, 0.10);
        assert_eq!(config.output, "_site");
        assert_eq!(config.outcome_dirs, ["outcomes"]);
        assert_eq!(config.daily_folder, "daily");
        assert_eq!(config.daily_format, "YYYY-MM-DD");
    }

    #[test]
    fn nested_tags_fall_back_to_their_ancestors() {
        let config = Config::default();
        let name = |tag| {
            config
                .category_of_tag(tag)
                .map(|i| config.categories[i].name.as_str())
        };
        assert_eq!(name("client/acme/urgent"), Some("execution"));
        assert_eq!(name("follow-up"), Some("coordination"));
        assert_eq!(name("errand"), None);
        assert_eq!(name("errand/email"), None);
    }

    #[test]
    fn unknown_keys_warn_and_bad_values_error_at_their_line() {
        let (config, diagnostics) = Config::parse("title: Mine\ntitel: x\nunlinked_factor: 2\n");
        assert_eq!(config.title, "Mine");
        assert_eq!(config.unlinked_factor, 0.5, "a bad value keeps the default");
        let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "leverage.yaml:2:1: warning[unknown-key]: unknown config key `titel`",
                "leverage.yaml:3:18: error[invalid-value]: `unlinked_factor` must be between 0 and 1, found 2",
            ]
        );
        assert_eq!(
            diagnostics[0].hint().as_deref(),
            Some("did you mean `title`?")
        );
    }

    /// SPEC 9 (v2) allow: known codes kept, an unknown one warns with the code it is like.
    #[test]
    fn allow_keeps_known_codes_and_suggests_for_typos() {
        let (config, diagnostics) =
            Config::parse("allow: [unresolved-link, Date-Mismatch, unresolved-links]\n");
        assert_eq!(config.allow, ["unresolved-link", "date-mismatch"]);
        let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "leverage.yaml:1:8: warning[unknown-code]: `allow` names an unknown diagnostic code `unresolved-links`"
            ]
        );
        assert_eq!(
            diagnostics[0].hint().as_deref(),
            Some("did you mean `unresolved-link`?")
        );
    }

    #[test]
    fn given_categories_replace_the_defaults() {
        let text = "categories:\n  deep:\n    kind: compounding\n    value: 1\n    tags: [focus, '#deep']\n  shallow:\n    kind: linear\n    value: 0\n    tags: email\ntargets: {deep: 0.5, shallow: 0.5}\n";
        let (config, diagnostics) = Config::parse(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            config.category_names(),
            ["deep", "shallow", "uncategorized"]
        );
        assert_eq!(config.category_of_tag("deep"), Some(0));
        assert_eq!(config.category_of_tag("email"), Some(1));
        assert_eq!(config.category_of_tag("meeting"), None);
    }

    /// SPEC 7 (v2) keywords: a given category keeps the default keywords of the
    /// default category of its name unless it gives its own; a new name has none.
    #[test]
    fn given_categories_keep_default_keywords_unless_they_give_theirs() {
        let text = "categories:\n  coordination:\n    tags: [email]\n  strategy:\n    kind: compounding\n    value: 1\n    keywords: [Quarterly Plan, okr]\n  deep:\n    tags: [focus]\n";
        let (config, diagnostics) = Config::parse(text);
        assert!(
            diagnostics.iter().all(|d| d.code() != "unknown-key"),
            "{diagnostics:?}"
        );
        assert!(
            config.categories[0]
                .keywords
                .contains(&"standup".to_owned())
        );
        assert_eq!(config.categories[1].keywords, ["quarterly plan", "okr"]);
        assert!(config.categories[2].keywords.is_empty());
    }

    /// SPEC 6 (v2) table: new default tags, `task` and `tasks` removed.
    #[test]
    fn default_tags_follow_the_v2_table() {
        let config = Config::default();
        let name = |tag| {
            config
                .category_of_tag(tag)
                .map(|i| config.categories[i].name.as_str())
        };
        for (tag, category) in [
            ("1on1", "coordination"),
            ("1-1", "coordination"),
            ("standup", "coordination"),
            ("sync", "coordination"),
            ("bugfix", "execution"),
            ("deploy", "execution"),
            ("release", "execution"),
            ("okr", "strategy"),
            ("roadmap", "strategy"),
            ("retrospective", "strategy"),
        ] {
            assert_eq!(name(tag), Some(category), "{tag}");
        }
        assert_eq!(name("task"), None);
        assert_eq!(name("tasks"), None);
        assert!(config.categories[3].keywords.contains(&"okrs".to_owned()));
    }

    #[test]
    fn invalid_kind_is_an_error_at_the_nested_key() {
        let (_, diagnostics) = Config::parse("categories:\n  deep:\n    kind: sometimes\n");
        assert_eq!(
            diagnostics[0].to_string().split(": ").next(),
            Some("leverage.yaml:3:11")
        );
    }

    #[test]
    fn invalid_yaml_is_located() {
        let (_, diagnostics) = Config::parse("title: [x\n");
        assert!(diagnostics[0].is_error());
        assert!(diagnostics[0].message().starts_with("invalid YAML"));
    }

    #[test]
    fn ignore_globs_are_gitignore_style() {
        let (config, diagnostics) =
            Config::parse("ignore: ['templates/**', '*.excalidraw.md', 'drafts/', '/top.md']\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(config.is_ignored("templates/Daily.md", false));
        assert!(config.is_ignored("deep/in/x.excalidraw.md", false));
        assert!(config.is_ignored("a/drafts/b.md", false));
        assert!(config.is_ignored("a/drafts", true));
        assert!(config.is_ignored("top.md", false));
        assert!(!config.is_ignored("sub/top.md", false));
        assert!(!config.is_ignored("daily/2026-11-02.md", false));
    }

    // SPEC 1 `ignore:` globs are gitignore's: `!` takes a path back out, a
    // trailing `/` is for folders only, an inner `/` anchors at the root, and
    // nothing comes back out of an ignored folder (as in git).
    #[test]
    fn ignore_globs_have_gitignore_negation_folders_and_anchors() {
        let (config, diagnostics) = Config::parse(
            "ignore: ['*.md', '!daily/*.md', 'notes/', 'a/b.md', 'old/', '!old/keep.md']\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(config.is_ignored("page.md", false));
        assert!(!config.is_ignored("daily/2026-11-02.md", false));
        assert!(config.is_ignored("daily/sub/2026-11-02.md", false));
        assert!(config.is_ignored("x/notes", true));
        assert!(!config.is_ignored("x/notes", false), "a file named notes");
        assert!(config.is_ignored("a/b.md", false));
        assert!(config.is_ignored("old/keep.md", false));
        let (config, _) = Config::parse("ignore: ['a/b.txt', '/top.txt']\n");
        assert!(config.is_ignored("a/b.txt", false));
        assert!(
            !config.is_ignored("x/a/b.txt", false),
            "anchored by its inner /"
        );
        assert!(!config.is_ignored("x/top.txt", false));
    }

    #[test]
    fn a_bad_ignore_glob_is_a_located_error() {
        let (_, diagnostics) = Config::parse("ignore: ['a{b']\n");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(diagnostics[0].is_error());
        assert!(
            diagnostics[0].message().contains("invalid ignore glob"),
            "{}",
            diagnostics[0].message()
        );
    }

    #[test]
    fn outcome_dirs_match_whole_folder_names() {
        let config = Config::default();
        assert!(config.in_outcome_dir("outcomes/a.md"));
        assert!(config.in_outcome_dir("Outcomes/a.md"));
        assert!(!config.in_outcome_dir("outcomes-old/a.md"));
        assert!(!config.in_outcome_dir("outcomes.md"));
    }
}

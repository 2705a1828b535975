//! `leverage.yaml` → [`Config`], every key with its default (SPEC section 7).
//! Unknown keys are warnings and invalid values errors at their line; a bad
//! key falls back to its default so the rest of the vault still compiles.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Serialize;
use yaml_serde::{Mapping, Value};

use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind, Severity};
use crate::logseq::Logseq;
use crate::yaml;

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
    ignore_set: GlobSet,
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
            ignore_set: GlobSet::empty(),
            tag_categories: HashMap::new(),
        };
        config.finish(&mut Vec::new(), "");
        config
    }
}

impl Config {
    /// Reads `leverage.yaml` from the vault root; a missing file means the defaults.
    pub fn load(vault: &Path) -> (Config, Vec<Diagnostic>) {
        let (_, config, diagnostics) = read(vault);
        (config, diagnostics)
    }

    /// Reads the text of a `leverage.yaml`.
    pub fn parse(text: &str) -> (Config, Vec<Diagnostic>) {
        let mut config = Config::default();
        let mut diagnostics = Vec::new();
        let root = match yaml::parse(text) {
            Ok(Value::Mapping(root)) => root,
            Ok(Value::Null) => Mapping::new(),
            Ok(other) => {
                diagnostics.push(Diagnostic::error(
                    FILE_NAME,
                    (1, 1),
                    DiagnosticKind::NotAMapping {
                        found: yaml::type_name(&other),
                        config: true,
                    },
                ));
                return (config, diagnostics);
            }
            Err(error) => {
                diagnostics.push(Diagnostic::error(
                    FILE_NAME,
                    (error.line, error.column),
                    DiagnosticKind::InvalidYaml {
                        detail: error.message,
                        config: true,
                    },
                ));
                return (config, diagnostics);
            }
        };
        let mut reader = Reader {
            text,
            diagnostics: &mut diagnostics,
        };
        for (key, value) in &root {
            let Some(key) = key.as_str() else {
                reader.error(&[], "config keys must be strings", None);
                continue;
            };
            config.given.insert(key.to_owned());
            match key {
                "title" => reader.string(key, value, &mut config.title),
                "output" => reader.string(key, value, &mut config.output),
                "daily_folder" => reader.string(key, value, &mut config.daily_folder),
                "daily_format" => reader.daily_format(value, &mut config.daily_format),
                "templates" => reader.optional_string(key, value, &mut config.templates),
                "daily_template" => reader.optional_string(key, value, &mut config.daily_template),
                "outcome_dirs" => reader.strings(key, value, &mut config.outcome_dirs),
                "ignore" => reader.strings(key, value, &mut config.ignore),
                "follow_links" => reader.boolean(key, value, &mut config.follow_links),
                "max_note_size" => reader.size(key, value, &mut config.max_note_size),
                "unlinked_factor" => reader.share(&[key], value, &mut config.unlinked_factor),
                "busy_day" => reader.busy_day(value, &mut config.busy_day),
                "categories" => reader.categories(value, &mut config.categories),
                "targets" => reader.shares(key, value, &mut config.targets),
                "reference" => reader.shares(key, value, &mut config.reference),
                "allow" => reader.allow(value, &mut config.allow),
                "activity_headings" => {
                    reader.strings(key, value, &mut config.activity_headings);
                    for heading in &mut config.activity_headings {
                        *heading = heading_name(heading);
                    }
                }
                "as_of" => reader.date(key, value, &mut config.as_of),
                unknown => {
                    reader.unknown_key(&[unknown], KEYS);
                }
            }
        }
        if root.contains_key("categories") {
            // The default splits name the default categories: keep only what still exists.
            for (key, shares) in [
                ("targets", &mut config.targets),
                ("reference", &mut config.reference),
            ] {
                if !root.contains_key(key) {
                    shares.retain(|name, _| config.categories.iter().any(|c| &c.name == name));
                }
            }
            if !root.contains_key("targets") && config.targets.is_empty() {
                diagnostics.push(
                    located_warning(text, &["categories"], "your categories have no `targets`")
                        .with_hint("add `targets:` with a share per category, or off-target compares against nothing"),
                );
            }
        }
        config.finish(&mut diagnostics, text);
        (config, diagnostics)
    }

    /// Derives the lookup tables and checks what spans several keys.
    fn finish(&mut self, diagnostics: &mut Vec<Diagnostic>, text: &str) {
        if !self.categories.iter().any(|c| c.name == UNCATEGORIZED) {
            self.categories.push(Category {
                name: UNCATEGORIZED.to_owned(),
                kind: Kind::Linear,
                value: 0.0,
                tags: Vec::new(),
                keywords: Vec::new(),
            });
        }
        self.tag_categories.clear();
        for (index, category) in self.categories.iter().enumerate() {
            for tag in &category.tags {
                let tag = tag.trim_start_matches('#').to_lowercase();
                if let Some(&first) = self.tag_categories.get(&tag) {
                    let first = &self.categories[first].name;
                    diagnostics.push(
                        located_warning(
                            text,
                            &["categories", &category.name, "tags"],
                            format!("tag `{tag}` is in both `{first}` and `{}`", category.name),
                        )
                        .with_hint(format!("the first wins: `{tag}` counts as `{first}`")),
                    );
                } else {
                    self.tag_categories.insert(tag, index);
                }
            }
        }
        for (key, shares) in [("targets", &self.targets), ("reference", &self.reference)] {
            for name in shares.keys() {
                if self.category_index(name).is_none() {
                    diagnostics.push(
                        located_warning(
                            text,
                            &[key, name],
                            format!("`{key}` names an unknown category `{name}`"),
                        )
                        .with_hint(format!("categories: {}", self.category_names().join(", "))),
                    );
                }
            }
            let sum: f64 = shares.values().sum();
            if !shares.is_empty() && (sum - 1.0).abs() > 0.005 {
                diagnostics.push(
                    located_warning(
                        text,
                        &[key],
                        format!("the shares of `{key}` add up to {sum:.2}, not 1"),
                    )
                    .with_hint("shares are parts of the whole week, e.g. 0.3 for 30 %"),
                );
            }
        }
        let (ignore_set, problems) = compile_ignore(&self.ignore);
        self.ignore_set = ignore_set;
        for problem in problems {
            let kind = DiagnosticKind::InvalidValue {
                key: "ignore".to_owned(),
                problem,
            };
            diagnostics.push(located(text, &["ignore"], kind, Severity::Error));
        }
    }

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

    /// Whether a vault-relative path (with `/`) matches an `ignore:` glob.
    pub fn is_ignored(&self, path: &str) -> bool {
        self.ignore_set.is_match(path)
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

/// Reads `leverage.yaml` from the vault root: its text (when there is one),
/// the config, and its problems. A missing file means the defaults. Whether
/// the vault is a Logseq graph is found here too (`Config::logseq`).
pub fn read(vault: &Path) -> (Option<String>, Config, Vec<Diagnostic>) {
    let (text, mut config, diagnostics) = read_file(vault);
    config.logseq = Logseq::detect(vault);
    (text, config, diagnostics)
}

fn read_file(vault: &Path) -> (Option<String>, Config, Vec<Diagnostic>) {
    match std::fs::read_to_string(vault.join(FILE_NAME)) {
        Ok(text) => {
            let (config, diagnostics) = Config::parse(&text);
            (Some(text), config, diagnostics)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            (None, Config::default(), Vec::new())
        }
        Err(error) => (
            None,
            Config::default(),
            vec![
                Diagnostic::error(
                    FILE_NAME,
                    (1, 1),
                    DiagnosticKind::Unreadable {
                        error: error.to_string(),
                    },
                )
                .with_hint("the defaults are used instead"),
            ],
        ),
    }
}

/// gitignore-style globs: a pattern without `/` matches at any depth, a leading
/// `/` anchors at the vault root, and a folder's match covers everything in it.
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

fn compile_ignore(patterns: &[String]) -> (GlobSet, Vec<String>) {
    let mut builder = GlobSetBuilder::new();
    let mut problems = Vec::new();
    for pattern in patterns {
        let trimmed = pattern.trim().trim_end_matches('/');
        if trimmed.is_empty() {
            continue;
        }
        let anchored = trimmed.contains('/');
        let base = trimmed.trim_start_matches('/');
        let base = if anchored {
            base.to_owned()
        } else {
            format!("**/{base}")
        };
        for glob in [base.clone(), format!("{base}/**")] {
            match GlobBuilder::new(&glob).literal_separator(true).build() {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(error) => {
                    problems.push(format!("invalid ignore glob `{pattern}`: {}", error.kind()));
                    break;
                }
            }
        }
    }
    let set = builder.build().unwrap_or_else(|error| {
        problems.push(format!("invalid ignore globs: {error}"));
        GlobSet::empty()
    });
    (set, problems)
}

fn located(text: &str, path: &[&str], kind: DiagnosticKind, severity: Severity) -> Diagnostic {
    let (line, column) =
        yaml::key_position(text, path).map_or((1, 1), |(line, column)| (line + 1, column));
    Diagnostic::new(severity, FILE_NAME, (line, column), kind)
}

/// Config values that disagree with each other: a warning at the first key.
fn located_warning(text: &str, path: &[&str], problem: impl Into<String>) -> Diagnostic {
    let kind = DiagnosticKind::InconsistentConfig {
        problem: problem.into(),
    };
    located(text, path, kind, Severity::Warning)
}

/// Reads typed values out of the YAML tree, reporting at the key's position.
struct Reader<'a> {
    text: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, path: &[&str], problem: &str, hint: Option<&str>) {
        let kind = DiagnosticKind::InvalidValue {
            key: path.join("."),
            problem: problem.to_owned(),
        };
        let mut diagnostic = located(self.text, path, kind, Severity::Error);
        diagnostic.context = hint.map(str::to_owned);
        self.diagnostics.push(diagnostic);
    }

    /// An unknown key, reported at the key itself, with the known ones.
    fn unknown_key(&mut self, path: &[&str], known: &[&'static str]) {
        let (line, column) = yaml::key_and_value_position(self.text, path)
            .map_or((1, 1), |(line, key, _)| (line + 1, key));
        let last = path.last().copied().unwrap_or_default();
        let kind = DiagnosticKind::UnknownKey {
            key: path.join("."),
            known: known.to_vec(),
            suggestion: closest(last, known.iter().copied()),
        };
        self.diagnostics
            .push(Diagnostic::warning(FILE_NAME, (line, column), kind));
    }

    fn wrong_type(&mut self, path: &[&str], expected: &'static str, value: &Value) {
        let kind = DiagnosticKind::WrongType {
            key: path.join("."),
            expected,
            found: yaml::type_name(value).to_owned(),
        };
        let diagnostic = located(self.text, path, kind, Severity::Error)
            .with_hint("the default is used instead");
        self.diagnostics.push(diagnostic);
    }

    fn string(&mut self, key: &str, value: &Value, slot: &mut String) {
        match yaml::scalar_text(value) {
            Some(text) if !text.trim().is_empty() => *slot = text,
            _ => self.wrong_type(&[key], "a non-empty string", value),
        }
    }

    fn optional_string(&mut self, key: &str, value: &Value, slot: &mut Option<String>) {
        match value {
            Value::Null => *slot = None,
            _ => match yaml::scalar_text(value) {
                Some(text) => *slot = Some(text),
                None => self.wrong_type(&[key], "a string", value),
            },
        }
    }

    fn strings(&mut self, key: &str, value: &Value, slot: &mut Vec<String>) {
        let items = match value {
            Value::Null => Some(Vec::new()),
            Value::Sequence(items) => items.iter().map(yaml::scalar_text).collect(),
            other => yaml::scalar_text(other).map(|text| vec![text]),
        };
        match items {
            Some(items) => *slot = items,
            None => self.wrong_type(&[key], "a list of strings", value),
        }
    }

    /// SPEC 9 (v2) `allow`: known codes are kept; an unknown one is a
    /// warning (with the code it is likely a typo of) and is left out.
    fn allow(&mut self, value: &Value, slot: &mut Vec<String>) {
        let mut codes = Vec::new();
        self.strings("allow", value, &mut codes);
        let known = crate::diagnostic::codes();
        for code in codes {
            let code = code.trim().to_lowercase();
            if known.contains(&code.as_str()) {
                if !slot.contains(&code) {
                    slot.push(code);
                }
                continue;
            }
            let (line, column) = yaml::key_position(self.text, &["allow"])
                .map_or((1, 1), |(line, column)| (line + 1, column));
            let suggestion = closest(&code, known.iter().copied());
            self.diagnostics.push(Diagnostic::warning(
                FILE_NAME,
                (line, column),
                DiagnosticKind::UnknownCode { code, suggestion },
            ));
        }
    }

    /// A size in bytes: a number, or a number and a unit, `10MB`, `512 KiB`
    /// (`KB`, `MB`, `GB` are powers of 1000, `KiB`, `MiB`, `GiB` of 1024).
    fn size(&mut self, key: &str, value: &Value, slot: &mut u64) {
        match yaml::scalar_text(value).as_deref().and_then(parse_size) {
            Some(bytes) if bytes > 0 => *slot = bytes,
            _ => self.wrong_type(&[key], "a size such as 10MB", value),
        }
    }

    /// A date `YYYY-MM-DD`, or nothing.
    fn date(&mut self, key: &str, value: &Value, slot: &mut Option<jiff::civil::Date>) {
        if value.is_null() {
            *slot = None;
            return;
        }
        match yaml::scalar_text(value).map(|text| text.trim().parse()) {
            Some(Ok(date)) => *slot = Some(date),
            _ => self.wrong_type(&[key], "a date YYYY-MM-DD", value),
        }
    }

    fn boolean(&mut self, key: &str, value: &Value, slot: &mut bool) {
        match value {
            Value::Bool(b) => *slot = *b,
            _ => self.wrong_type(&[key], "true or false", value),
        }
    }

    /// A number between 0 and 1.
    fn share(&mut self, path: &[&str], value: &Value, slot: &mut f64) {
        match value.as_f64() {
            Some(x) if (0.0..=1.0).contains(&x) => *slot = x,
            Some(x) => self.error(
                path,
                &format!("`{}` must be between 0 and 1, found {x}", path.join(".")),
                Some("write shares as fractions: 0.3 for 30 %"),
            ),
            None => self.wrong_type(path, "a number between 0 and 1", value),
        }
    }

    fn daily_format(&mut self, value: &Value, slot: &mut String) {
        let mut format = slot.clone();
        self.string("daily_format", value, &mut format);
        if ["YYYY", "MM", "DD"]
            .iter()
            .all(|part| format.contains(part))
        {
            *slot = format;
        } else {
            self.error(
                &["daily_format"],
                &format!("`daily_format` must contain YYYY, MM and DD, found `{format}`"),
                Some("e.g. YYYY-MM-DD (Obsidian) or YYYY_MM_DD (Logseq)"),
            );
        }
    }

    fn busy_day(&mut self, value: &Value, slot: &mut BusyDay) {
        let Value::Mapping(map) = value else {
            return self.wrong_type(
                &["busy_day"],
                "a mapping with min_hours and max_compounding_share",
                value,
            );
        };
        for (key, value) in map {
            match key.as_str() {
                Some("min_hours") => match value.as_f64() {
                    Some(hours) if (0.0..=24.0).contains(&hours) => slot.min_hours = hours,
                    _ => self.error(
                        &["busy_day", "min_hours"],
                        "`busy_day.min_hours` must be a number of hours between 0 and 24",
                        None,
                    ),
                },
                Some("max_compounding_share") => {
                    self.share(
                        &["busy_day", "max_compounding_share"],
                        value,
                        &mut slot.max_compounding_share,
                    );
                }
                other => {
                    let name = other.unwrap_or("?");
                    self.unknown_key(&["busy_day", name], &["min_hours", "max_compounding_share"]);
                }
            }
        }
    }

    fn shares(&mut self, key: &str, value: &Value, slot: &mut BTreeMap<String, f64>) {
        let Value::Mapping(map) = value else {
            return self.wrong_type(&[key], "a mapping of category to share", value);
        };
        let mut shares = BTreeMap::new();
        for (name, share) in map {
            let Some(name) = yaml::scalar_text(name) else {
                continue;
            };
            let mut parsed = f64::NAN;
            self.share(&[key, &name], share, &mut parsed);
            if !parsed.is_nan() {
                shares.insert(name, parsed);
            }
        }
        *slot = shares;
    }

    fn categories(&mut self, value: &Value, slot: &mut Vec<Category>) {
        let Value::Mapping(map) = value else {
            return self.wrong_type(
                &["categories"],
                "a mapping of name to {kind, value, tags}",
                value,
            );
        };
        let mut categories = Vec::new();
        for (name, definition) in map {
            let Some(name) = yaml::scalar_text(name) else {
                continue;
            };
            let Value::Mapping(definition) = definition else {
                self.wrong_type(
                    &["categories", &name],
                    "a mapping with kind, value, tags and keywords",
                    definition,
                );
                continue;
            };
            let mut category = Category {
                name: name.clone(),
                kind: Kind::Linear,
                value: 0.0,
                tags: Vec::new(),
                keywords: default_keywords(&name),
            };
            for (key, field) in definition {
                match key.as_str() {
                    Some("kind") => match field.as_str() {
                        Some("linear") => category.kind = Kind::Linear,
                        Some("compounding") => category.kind = Kind::Compounding,
                        _ => self.error(
                            &["categories", &name, "kind"],
                            &format!(
                                "`kind` of category `{name}` must be `linear` or `compounding`"
                            ),
                            Some("linear work returns value once; compounding work keeps paying"),
                        ),
                    },
                    Some("value") => {
                        self.share(&["categories", &name, "value"], field, &mut category.value);
                    }
                    Some("tags") => {
                        let mut tags = Vec::new();
                        self.strings("tags", field, &mut tags);
                        category.tags = tags
                            .iter()
                            .flat_map(|tags| tags.split([',', ' ']))
                            .filter(|tag| !tag.is_empty())
                            .map(|tag| tag.trim_start_matches('#').to_lowercase())
                            .collect();
                    }
                    Some("keywords") => {
                        let mut keywords = Vec::new();
                        self.strings("keywords", field, &mut keywords);
                        category.keywords = keywords.iter().flat_map(|k| keyword_list(k)).collect();
                    }
                    other => {
                        let field_name = other.unwrap_or("?");
                        self.unknown_key(
                            &["categories", &name, field_name],
                            &["kind", "value", "tags", "keywords"],
                        );
                    }
                }
            }
            categories.push(category);
        }
        if categories.is_empty() {
            self.error(
                &["categories"],
                "`categories` is empty",
                Some("the default categories are used"),
            );
        } else {
            *slot = categories;
        }
    }
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
        assert!(config.is_ignored("templates/Daily.md"));
        assert!(config.is_ignored("deep/in/x.excalidraw.md"));
        assert!(config.is_ignored("a/drafts/b.md"));
        assert!(config.is_ignored("top.md"));
        assert!(!config.is_ignored("sub/top.md"));
        assert!(!config.is_ignored("daily/2026-11-02.md"));
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

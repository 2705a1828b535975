//! What was read (SPEC 9 (v2) coverage): notes by kind, activities, the share
//! of done activities that are timed, categorized (and by which rule) and
//! linked; and, when the picture is thin, what to do about it. `check`,
//! `build` and the dashboard show the same figures and the same advice.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::category::Rule;
use crate::config::Config;
use crate::parse::Kind;
use crate::resolve::Journal;

/// Advice is given when fewer than this share of done activities are timed…
const TIMED_AT_LEAST: f64 = 0.5;
/// …or more than this share are uncategorized.
const UNCATEGORIZED_AT_MOST: f64 = 1.0 / 3.0;
/// How many unmapped tags the advice names.
const TOP_TAGS: usize = 5;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    pub markdown_files: usize,
    pub daily: usize,
    pub outcomes: usize,
    pub pages: usize,
    pub activities: usize,
    pub done: usize,
    pub timed: usize,
    pub categorized: usize,
    pub by_field: usize,
    pub by_tag: usize,
    pub by_keyword: usize,
    pub linked: usize,
    /// Tags of done activities that map to no category, most used first.
    pub unmapped: Vec<UnmappedTag>,
    /// Lines of advice, each a sentence; empty when the picture is sound.
    pub advice: Vec<String>,
    /// The `categories:` block that maps the top unmapped tags, to paste
    /// into `leverage.yaml` (empty when there is nothing to map).
    pub yaml: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnmappedTag {
    pub tag: String,
    pub activities: usize,
    pub minutes: u64,
    /// The category the tag likely belongs to (a keyword of it, or the
    /// mapped tag it is a likely typo of), when one is likely.
    pub guess: Option<String>,
}

impl Coverage {
    pub fn of(journal: &Journal, config: &Config) -> Coverage {
        let count = |kind| journal.notes.iter().filter(|n| n.kind == kind).count();
        let mut coverage = Coverage {
            markdown_files: journal.notes.len(),
            daily: count(Kind::Daily),
            outcomes: count(Kind::Outcome),
            pages: count(Kind::Page),
            activities: journal.activities.len(),
            ..Coverage::default()
        };
        let mut unmapped: HashMap<&str, (usize, u64)> = HashMap::new();
        for activity in journal.activities.iter().filter(|a| a.is_done()) {
            coverage.done += 1;
            coverage.timed += usize::from(activity.minutes.is_some());
            coverage.linked += usize::from(!activity.outcomes.is_empty());
            match activity.rule {
                Rule::Field => coverage.by_field += 1,
                Rule::Tag { .. } => coverage.by_tag += 1,
                Rule::Keyword(_) => coverage.by_keyword += 1,
                Rule::None => {}
            }
            for tag in &activity.tags {
                if config.category_of_tag(tag).is_none() {
                    let entry = unmapped.entry(tag.as_str()).or_default();
                    entry.0 += 1;
                    entry.1 += u64::from(activity.minutes.unwrap_or(0));
                }
            }
        }
        coverage.categorized = coverage.by_field + coverage.by_tag + coverage.by_keyword;
        let mut unmapped: Vec<UnmappedTag> = unmapped
            .into_iter()
            .map(|(tag, (activities, minutes))| UnmappedTag {
                tag: tag.to_owned(),
                activities,
                minutes,
                guess: guess(tag, config),
            })
            .collect();
        unmapped.sort_by(|a, b| {
            (b.minutes, b.activities)
                .cmp(&(a.minutes, a.activities))
                .then_with(|| a.tag.cmp(&b.tag))
        });
        coverage.unmapped = unmapped;
        coverage.advise(config);
        coverage
    }

    pub fn share(&self, count: usize) -> Option<f64> {
        (self.done > 0).then(|| count as f64 / self.done as f64)
    }

    fn advise(&mut self, config: &Config) {
        if self.markdown_files == 0 {
            return;
        }
        if self.daily == 0 {
            self.advice.push(format!(
                "none of the {} is a daily note: a daily note is named by its date \
                 (`2026-11-02.md`, `2026_11_02.md`, `2026-11-02 Monday.md`), or lies in a \
                 journal folder (`{}`, `journals`, `diary`, …) with a date at the start of its \
                 name or a front-matter `date:`",
                if self.markdown_files == 1 {
                    "1 Markdown file".to_owned()
                } else {
                    format!("{} Markdown files", self.markdown_files)
                },
                config.daily_folder
            ));
            return;
        }
        if self.done == 0 {
            self.advice.push(
                "no done activity yet: an activity is a list item in a daily note with a #tag, \
                 a duration or a task box, e.g. `- #client 45m drafted the proposal`"
                    .to_owned(),
            );
            return;
        }
        let how = "write the time on the items you log (`- 45m call with Lee`, \
                   `[time:: 1h]`, `09:00-10:30`, or Logseq's clock)";
        if self.timed == 0 {
            self.advice.push(format!(
                "no done activity has a duration, so there are no hours and no ratios: {how}"
            ));
        } else if self.share(self.timed).is_some_and(|s| s < TIMED_AT_LEAST) {
            self.advice.push(format!(
                "only {} of done activities have a duration, so hours and every ratio rest on \
                 {}: {how}",
                percent(self.share(self.timed)),
                plural(self.timed, "activity")
            ));
        }
        let uncategorized = self.done - self.categorized;
        if self
            .share(uncategorized)
            .is_some_and(|s| s > UNCATEGORIZED_AT_MOST)
        {
            let top: Vec<&UnmappedTag> = self.unmapped.iter().take(TOP_TAGS).collect();
            if top.is_empty() {
                self.advice.push(format!(
                    "{} of done activities are uncategorized and carry no tag: tag them \
                     (`#meeting`, `#client`, `#system`, `#planning`) or add `keywords` to a \
                     category in leverage.yaml",
                    percent(self.share(uncategorized))
                ));
            } else {
                let named: Vec<String> = top
                    .iter()
                    .map(|t| match typo_of(&t.tag, config) {
                        Some(mapped) => {
                            format!("#{} ({}, did you mean #{mapped}?)", t.tag, t.activities)
                        }
                        None => format!("#{} ({})", t.tag, t.activities),
                    })
                    .collect();
                self.advice.push(format!(
                    "{} of done activities are uncategorized; the most used tags that map to no \
                     category are {}: map them in leverage.yaml (`leverage tags --format yaml` \
                     prints the block to paste, `leverage tags` every tag)",
                    percent(self.share(uncategorized)),
                    named.join(", ")
                ));
                self.yaml = categories_yaml(config, &top);
            }
        }
    }

    /// The plain-text paragraph `check` ends with (and, shorter, `build`).
    pub fn render(&self, folder: &str, long: bool) -> String {
        let mut out = String::new();
        if self.markdown_files == 0 {
            let _ = writeln!(
                out,
                "nothing read: {folder} holds no Markdown file (`.md`); point leverage at your \
                 vault's folder"
            );
            return out;
        }
        if self.done > 0 {
            let _ = writeln!(
                out,
                "  timed        {:>5} of {} done activities ({})",
                self.timed,
                self.done,
                percent(self.share(self.timed))
            );
            let _ = writeln!(
                out,
                "  categorized  {:>5} ({}): {} by tag, {} by keyword, {} by category::",
                self.categorized,
                percent(self.share(self.categorized)),
                self.by_tag,
                self.by_keyword,
                self.by_field
            );
            let _ = writeln!(
                out,
                "  linked       {:>5} ({}) link an outcome",
                self.linked,
                percent(self.share(self.linked))
            );
        }
        if self.advice.is_empty() {
            return out;
        }
        let _ = writeln!(out, "what to do:");
        for advice in &self.advice {
            out.push_str(&wrap(advice, "  - ", "    "));
        }
        if long && !self.yaml.is_empty() {
            let _ = writeln!(out, "  leverage.yaml:");
            for line in self.yaml.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        out
    }
}

/// One tag of `leverage tags`: what carries it, and how it is categorized.
#[derive(Debug, Clone, Serialize)]
pub struct TagLine {
    pub tag: String,
    /// Done activities carrying the tag as written.
    pub activities: usize,
    pub minutes: u64,
    /// The category the config maps it to, and the mapped tag that matched
    /// (itself, or an ancestor); `None` when unmapped.
    pub category: Option<(String, String)>,
    /// For an unmapped tag: the mapped tag it is likely a typo of.
    pub typo_of: Option<String>,
    /// For an unmapped tag: the category it likely belongs to.
    pub guess: Option<String>,
}

/// Every tag of the done activities: unmapped ones first, each group by
/// hours, then activities, then name.
pub fn tag_lines(journal: &Journal, config: &Config) -> Vec<TagLine> {
    let mut counts: HashMap<&str, (usize, u64)> = HashMap::new();
    for activity in journal.activities.iter().filter(|a| a.is_done()) {
        for tag in &activity.tags {
            let entry = counts.entry(tag.as_str()).or_default();
            entry.0 += 1;
            entry.1 += u64::from(activity.minutes.unwrap_or(0));
        }
    }
    let mut lines: Vec<TagLine> = counts
        .into_iter()
        .map(|(tag, (activities, minutes))| {
            let category = config
                .mapped_tag(tag)
                .map(|(index, mapped)| (config.categories[index].name.clone(), mapped.to_owned()));
            let unmapped = category.is_none();
            TagLine {
                tag: tag.to_owned(),
                activities,
                minutes,
                category,
                typo_of: unmapped
                    .then(|| typo_of(tag, config).map(str::to_owned))
                    .flatten(),
                guess: unmapped.then(|| guess(tag, config)).flatten(),
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        (a.category.is_some(), b.minutes, b.activities)
            .cmp(&(b.category.is_some(), a.minutes, a.activities))
            .then_with(|| a.tag.cmp(&b.tag))
    });
    lines
}

/// The category an unmapped tag likely belongs to: one whose keyword is the
/// tag's own words (`#meetings`), else that of the mapped tag it is a likely
/// typo of (`#reveiw`).
pub fn guess(tag: &str, config: &Config) -> Option<String> {
    let words = tag.replace(['/', '-', '_'], " ");
    let by_keyword = config.categories.iter().find(|category| {
        category
            .keywords
            .iter()
            .any(|k| crate::category::contains_word(&words, k))
    });
    if let Some(category) = by_keyword {
        return Some(category.name.clone());
    }
    let typo = typo_of(tag, config)?;
    config
        .category_of_tag(typo)
        .map(|index| config.categories[index].name.clone())
}

/// The mapped tag an unmapped one is a likely typo of: one edit away (a swap
/// of two letters is one), two for long tags. Stricter than config keys:
/// short tags one edit apart are often different words.
pub fn typo_of<'c>(tag: &str, config: &'c Config) -> Option<&'c str> {
    let length = tag.chars().count();
    if length < 5 {
        return None;
    }
    let most = if length >= 8 { 2 } else { 1 };
    config
        .categories
        .iter()
        .flat_map(|category| category.tags.iter())
        .map(|mapped| (strsim::damerau_levenshtein(tag, mapped), mapped.as_str()))
        .filter(|&(distance, mapped)| distance > 0 && distance <= most && mapped.len() >= 3)
        .min()
        .map(|(_, mapped)| mapped)
}

/// A `categories:` block for `leverage.yaml`: every category of the config
/// in force, its tags with the guessed ones added; tags with no guess are
/// listed in a comment, for the reader to place.
pub fn categories_yaml(config: &Config, tags: &[&UnmappedTag]) -> String {
    let mut out = String::from("categories:\n");
    for category in &config.categories {
        if category.name == crate::config::UNCATEGORIZED {
            continue;
        }
        let mut names: Vec<&str> = category.tags.iter().map(String::as_str).collect();
        names.extend(
            tags.iter()
                .filter(|t| t.guess.as_deref() == Some(category.name.as_str()))
                .map(|t| t.tag.as_str()),
        );
        let head = format!(
            "  {}: {{kind: {}, value: {}, tags: [",
            yaml_word(&category.name),
            category.kind.as_str(),
            category.value,
        );
        let words: Vec<String> = names.iter().map(|t| yaml_word(t)).collect();
        out.push_str(&flow_list(head, &words, "]}"));
    }
    let unplaced: Vec<String> = tags
        .iter()
        .filter(|t| t.guess.is_none())
        .map(|t| t.tag.clone())
        .collect();
    if !unplaced.is_empty() {
        let _ = writeln!(
            out,
            "  # add to the list they belong to: {}",
            unplaced.join(", ")
        );
    }
    out
}

/// `head`, the items separated by commas, and `tail`, broken between items
/// so that no line passes 80 columns (a flow collection may span lines when
/// its next lines are indented deeper: the block reads in a terminal and on
/// a phone). Never inside an item: a line break in a quoted scalar would
/// read as a space.
fn flow_list(head: String, items: &[String], tail: &str) -> String {
    const WIDTH: usize = 80;
    const INDENT: &str = "      ";
    let mut out = head;
    let mut column = out.chars().count();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 == items.len() {
            format!("{item}{tail}")
        } else {
            format!("{item},")
        };
        let width = piece.chars().count();
        if i > 0 {
            if column + 1 + width > WIDTH {
                out.push('\n');
                out.push_str(INDENT);
                column = INDENT.len();
            } else {
                out.push(' ');
                column += 1;
            }
        }
        out.push_str(&piece);
        column += width;
    }
    if items.is_empty() {
        out.push_str(tail);
    }
    out.push('\n');
    out
}

/// A tag or name as a YAML flow scalar: quoted unless plainly safe.
fn yaml_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/'))
        && !word.starts_with('-')
        && word.parse::<f64>().is_err()
        && !matches!(
            word.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "''"))
    }
}

/// Words wrapped at 100 columns, the first line after `first`, the rest after `rest`.
fn wrap(text: &str, first: &str, rest: &str) -> String {
    const WIDTH: usize = 100;
    let mut out = String::from(first);
    let mut column = first.chars().count();
    let mut line_empty = true;
    for word in text.split(' ') {
        let length = word.chars().count();
        if !line_empty && column + 1 + length > WIDTH {
            out.push('\n');
            out.push_str(rest);
            column = rest.chars().count();
            line_empty = true;
        }
        if !line_empty {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += length;
        line_empty = false;
    }
    out.push('\n');
    out
}

fn plural(count: usize, noun: &str) -> String {
    match (count, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{count} {stem}ies"),
        (_, None) => format!("{count} {noun}s"),
    }
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "-".to_owned(), |s| format!("{:.0} %", s * 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_of_mapped_tags_are_found_and_placed() {
        let config = Config::default();
        assert_eq!(typo_of("reveiw", &config), Some("review"));
        assert_eq!(typo_of("meetng", &config), Some("meeting"));
        assert_eq!(typo_of("play", &config), None, "short words differ");
        assert_eq!(typo_of("review", &config), None);
        assert_eq!(guess("reveiw", &config).as_deref(), Some("strategy"));
        assert_eq!(
            guess("team-meetings", &config).as_deref(),
            Some("coordination")
        );
        assert_eq!(guess("garden", &config), None);
    }

    #[test]
    fn the_yaml_block_parses_and_maps_the_guessed_tags() {
        let config = Config::default();
        let tags = [
            UnmappedTag {
                tag: "reveiw".into(),
                activities: 3,
                minutes: 0,
                guess: guess("reveiw", &config),
            },
            UnmappedTag {
                tag: "garden".into(),
                activities: 2,
                minutes: 0,
                guess: None,
            },
        ];
        let yaml = categories_yaml(&config, &tags.iter().collect::<Vec<_>>());
        let (parsed, diagnostics) = Config::parse(&yaml);
        assert!(diagnostics.is_empty(), "{diagnostics:?}\n{yaml}");
        let name = |tag| {
            parsed
                .category_of_tag(tag)
                .map(|i| parsed.categories[i].name.clone())
        };
        assert_eq!(name("reveiw").as_deref(), Some("strategy"));
        assert_eq!(name("email").as_deref(), Some("coordination"));
        assert_eq!(name("1-1").as_deref(), Some("coordination"));
        assert!(
            yaml.contains("# add to the list they belong to: garden"),
            "{yaml}"
        );
        // It reads in a terminal and on a phone: no line past 80 columns.
        assert!(
            yaml.lines().all(|line| line.chars().count() <= 80),
            "{yaml}"
        );
    }

    #[test]
    fn a_flow_list_breaks_between_items_only() {
        let items: Vec<String> = (0..30).map(|i| format!("'tag {i}, x'")).collect();
        let text = flow_list("  a: {tags: [".into(), &items, "]}");
        assert!(text.lines().count() > 1);
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{line}");
            assert_eq!(line.matches('\'').count() % 2, 0, "a quote split: {line}");
        }
        assert!(flow_list("[".into(), &[], "]").starts_with("[]"));
    }
}

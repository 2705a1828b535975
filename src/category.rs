//! SPEC 4 Category (v2), in one place: `category::` wins, else the first
//! mapped tag, else the first category one of whose keywords is among the
//! item's own words, else `uncategorized`; and which of these rules chose.

use std::fmt;

use crate::config::Config;

/// Which rule chose an activity's category (`explain`, coverage and `tags` say it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `category:: NAME`.
    Field,
    /// The first tag the config maps: the tag as written, and the mapped tag
    /// it matched (itself, or an ancestor of a nested tag).
    Tag { tag: String, mapped: String },
    /// A keyword of the category among the item's own words.
    Keyword(String),
    /// Nothing chose: `uncategorized`.
    None,
}

impl Rule {
    /// One word for tables: `field`, `tag`, `keyword`, `none`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Rule::Field => "field",
            Rule::Tag { .. } => "tag",
            Rule::Keyword(_) => "keyword",
            Rule::None => "none",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Field => f.write_str("set by `category::`"),
            Rule::Tag { tag, mapped } if tag == mapped => write!(f, "by the tag #{tag}"),
            Rule::Tag { tag, mapped } => write!(f, "by the tag #{tag}, as #{mapped}"),
            Rule::Keyword(keyword) => write!(f, "by the keyword \"{keyword}\""),
            Rule::None => f.write_str("no tag or keyword maps to a category"),
        }
    }
}

/// The category (index into `Config::categories`) and the rule that chose
/// it. `field` is the item's `category::` value when it names a category;
/// `tags` are own then inherited; `words` are the item's own words
/// ([`own_words`]).
pub fn choose(
    config: &Config,
    field: Option<usize>,
    tags: &[String],
    words: &str,
) -> (usize, Rule) {
    if let Some(index) = field {
        return (index, Rule::Field);
    }
    for tag in tags {
        if let Some((index, mapped)) = config.mapped_tag(tag) {
            return (
                index,
                Rule::Tag {
                    tag: tag.clone(),
                    mapped: mapped.to_owned(),
                },
            );
        }
    }
    if !words.is_empty() {
        let lower = words.to_lowercase();
        for (index, category) in config.categories.iter().enumerate() {
            if let Some(keyword) = category.keywords.iter().find(|k| contains_word(&lower, k)) {
                return (index, Rule::Keyword(keyword.clone()));
            }
        }
    }
    (config.uncategorized(), Rule::None)
}

/// The item's own words, for keywords: `masked` is its first paragraph with
/// code, link texts and fields already blanked; tags and bare URLs are left
/// out here, and runs of white space collapse to one space.
pub fn own_words(masked: &str) -> String {
    masked
        .split_whitespace()
        .filter(|token| {
            !token.trim_start_matches(['(', '[']).starts_with('#') && !token.contains("://")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `keyword` (lower case) occurs in `text` (lower case) as a whole
/// word or phrase: neither preceded nor followed by a letter, digit, `_` or
/// `-`, so `call` is not in `on-call` and `sync` not in `data_sync`.
pub fn contains_word(text: &str, keyword: &str) -> bool {
    let in_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    !keyword.is_empty()
        && text.match_indices(keyword).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + keyword.len()..].chars().next();
            !before.is_some_and(in_word) && !after.is_some_and(in_word)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(config: &Config, tags: &[&str], words: &str) -> (String, String) {
        let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
        let (index, rule) = choose(config, None, &tags, &own_words(words));
        (config.categories[index].name.clone(), rule.to_string())
    }

    // SPEC 4 (v2) Category: keywords decide when no tag maps.
    #[test]
    fn keywords_choose_when_no_tag_maps() {
        let config = Config::default();
        assert_eq!(
            name(&config, &[], "EAP Meeting with finance"),
            ("coordination".into(), "by the keyword \"meeting\"".into())
        );
        assert_eq!(
            name(&config, &["errand"], "Fixed the login bug"),
            ("execution".into(), "by the keyword \"fixed\"".into())
        );
        assert_eq!(
            name(&config, &["system"], "meeting"),
            ("leverage".into(), "by the tag #system".into())
        );
        assert_eq!(
            name(&config, &["client/acme"], ""),
            (
                "execution".into(),
                "by the tag #client/acme, as #client".into()
            )
        );
        assert_eq!(
            name(&config, &[], "1:1 with Lee"),
            ("coordination".into(), "by the keyword \"1:1\"".into())
        );
        assert_eq!(
            name(&config, &[], "wrote the code review notes"),
            ("execution".into(), "by the keyword \"code review\"".into())
        );
    }

    // SPEC 4 (v2) Category: whole words only, never inside identifiers.
    #[test]
    fn keywords_match_whole_words_not_inside_identifiers() {
        let config = Config::default();
        for words in [
            "on-call rotation",
            "data_sync job",
            "recall",
            "emailing",
            "#meeting",
            "https://example.com/meeting",
        ] {
            assert_eq!(name(&config, &[], words).0, "uncategorized", "{words}");
        }
        assert_eq!(name(&config, &[], "Call, then lunch").0, "coordination");
        assert_eq!(name(&config, &[], "(standup)").0, "coordination");
        assert!(contains_word("quick sync.", "sync"));
        assert!(!contains_word("sync-up", "sync"));
    }

    #[test]
    fn own_words_leave_out_tags_and_urls() {
        assert_eq!(
            own_words("  #x  planning   (#y) see https://a.b/c  [#z] done "),
            "planning see done"
        );
    }
}

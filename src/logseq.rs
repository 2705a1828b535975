//! Whether the vault is a Logseq graph, and the one setting of Logseq's
//! `logseq/config.edn` the tool reads (SPEC 1, 3 and 4). Found once, with the
//! config, and carried in `Config::logseq` to every stage that reads notes
//! the way Logseq does (outlines, namespace file names, journal names).

use std::path::Path;

/// A Logseq graph: a vault whose `logseq/` folder holds `config.edn`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Logseq {
    /// `:journal/file-name-format`, translated to the config's `daily_format`
    /// tokens (`yyyy_MM_dd` → `YYYY_MM_DD`); `None` when the key is absent
    /// (Logseq's default `yyyy_MM_dd` is one of the name dates anyway) or
    /// uses tokens other than year, month and day.
    pub journal_format: Option<String>,
}

impl Logseq {
    /// The graph at the vault root, if it is one. Only this reads the disk.
    pub fn detect(vault: &Path) -> Option<Logseq> {
        let edn = std::fs::read_to_string(vault.join("logseq").join("config.edn")).ok()?;
        Some(Logseq::from_edn(&edn))
    }

    /// Reads `:journal/file-name-format "…"` out of the EDN text: that one key,
    /// so no EDN parser. A commented-out line (`;`) does not count.
    pub fn from_edn(edn: &str) -> Logseq {
        const KEY: &str = ":journal/file-name-format";
        let journal_format = edn
            .lines()
            .map(|line| line.split_once(';').map_or(line, |(code, _)| code))
            .find_map(|line| {
                let after = &line[line.find(KEY)? + KEY.len()..];
                let quoted = after.trim_start().strip_prefix('"')?;
                quoted.split_once('"').map(|(value, _)| value)
            })
            .and_then(daily_format);
        Logseq { journal_format }
    }
}

/// A date-fns pattern (`yyyy_MM_dd`, `yyyy-MM-dd`, `yyyyMMdd`) as
/// `daily_format` tokens, when it holds only year, month and day (each once)
/// and literal punctuation.
fn daily_format(pattern: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = pattern;
    let mut seen = [false; 3];
    while let Some(c) = rest.chars().next() {
        let token = [("yyyy", "YYYY", 0), ("MM", "MM", 1), ("dd", "DD", 2)]
            .into_iter()
            .find(|(written, _, _)| rest.starts_with(written));
        if let Some((written, ours, slot)) = token {
            let next = rest[written.len()..].chars().next();
            if seen[slot] || next == c.into() {
                return None;
            }
            seen[slot] = true;
            out.push_str(ours);
            rest = &rest[written.len()..];
        } else if c.is_alphanumeric() || c == '\'' {
            // Another token (`MMM`, `EEE`, quoted text): not a plain name date.
            return None;
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (seen == [true; 3]).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_the_journal_file_name_format() {
        // SPEC 3 (v2): `:journal/file-name-format` from logseq/config.edn.
        let edn = "{:meta/version 1\n ;; :journal/file-name-format \"yyyy.MM.dd\"\n :journal/page-title-format \"MMM do, yyyy\"\n :journal/file-name-format \"dd-MM-yyyy\"\n}";
        assert_eq!(
            Logseq::from_edn(edn).journal_format.as_deref(),
            Some("DD-MM-YYYY")
        );
        assert_eq!(Logseq::from_edn("{}").journal_format, None);
    }

    #[test]
    fn a_graph_is_a_vault_whose_logseq_folder_holds_config_edn() {
        let vault = tempfile::tempdir().unwrap();
        assert_eq!(crate::config::read(vault.path()).1.logseq, None);
        std::fs::create_dir(vault.path().join("logseq")).unwrap();
        assert!(!crate::config::read(vault.path()).1.is_logseq());
        std::fs::write(vault.path().join("logseq/config.edn"), "{}").unwrap();
        assert!(crate::config::read(vault.path()).1.is_logseq());
    }

    #[test]
    fn patterns_other_than_year_month_day_are_not_name_formats() {
        assert_eq!(daily_format("yyyy_MM_dd").as_deref(), Some("YYYY_MM_DD"));
        assert_eq!(daily_format("yyyyMMdd").as_deref(), Some("YYYYMMDD"));
        for pattern in [
            "MMM do, yyyy",
            "yyyy-MM",
            "yyyy_MM_dd_EEE",
            "yyyyy-MM-dd",
            "",
        ] {
            assert_eq!(daily_format(pattern), None, "{pattern}");
        }
    }
}

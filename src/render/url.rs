//! The site's stable URLs, in one place. Paths are site-relative and
//! unencoded; pages link to them through [`root`] and [`encode`], so every
//! link is relative and works from `file://` and any sub-path.

use jiff::civil::Date;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::period::Period;

pub fn day(date: Date) -> String {
    format!("days/{date}.html")
}

/// The link from one page to another in the same folder: its file name.
pub fn sibling(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `weeks/2026-W45.html`, `months/2026-11.html`, `quarters/2026-Q4.html`, `years/2026.html`.
pub fn period(period: Period) -> String {
    let folder = period.kind.plural();
    format!("{folder}/{period}.html")
}

/// The index of every period of `kind`: `weeks.html`, `months.html`,
/// `quarters.html`, `years.html`. At the top level, beside the folders, so
/// that no tag or outcome called `index` can take its place.
pub fn periods(kind: crate::period::Kind) -> String {
    format!("{}.html", kind.plural())
}

/// The dashboard.
pub const INDEX: &str = "index.html";

/// The systems ledger (SPEC 6b).
pub const SYSTEMS: &str = "systems.html";

/// The problems found in the notes.
pub const PROBLEMS: &str = "problems.html";

/// How each figure is computed.
pub const FORMULAS: &str = "formulas.html";

/// The index of every outcome.
pub const OUTCOMES: &str = "outcomes.html";

/// The index of every tag.
pub const TAGS: &str = "tags.html";

/// The id's `/` are folders: `outcomes/outcomes/referral-pipeline.html`.
pub fn outcome(id: &str) -> String {
    fit(format!("outcomes/{id}.html"))
}

/// Whether a page of the site is an outcome's.
pub fn is_outcome(path: &str) -> bool {
    path.starts_with("outcomes/")
}

/// Nested tags are folders: `tags/client/acme.html`.
pub fn tag(tag: &str) -> String {
    fit(format!("tags/{tag}.html"))
}

/// One year of a tag's activities: `archive/tags/client/acme/2025.html`. Under
/// its own folder, so that no tag (`client/2025`) can take the same path.
pub fn tag_archive(tag: &str, year: i16) -> String {
    fit(format!("archive/tags/{tag}/{year}.html"))
}

/// One year of the activities linking an outcome: `archive/outcomes/{id}/2025.html`.
pub fn outcome_archive(id: &str, year: i16) -> String {
    fit(format!("archive/outcomes/{id}/{year}.html"))
}

/// `notes/pages/Acme Corp.html` for `pages/Acme Corp.md`.
pub fn note(path: &str) -> String {
    fit(format!("notes/{}.html", crate::parse::strip_md(path)))
}

/// The longest file or folder name file systems take (ext4, APFS, NTFS: 255
/// bytes, or UTF-16 units, which is no more than bytes for these names).
pub const MAX_NAME: usize = 255;

/// A site path whose every part fits in [`MAX_NAME`] bytes: a longer part
/// (a note named with 252 bytes, whose `.md` becomes `.html`; 84 CJK
/// characters; a 251-character tag) is cut at a character boundary and
/// ends with `~` and a hash of the whole part, keeping its extension, so the
/// name stays the same from build to build and two long names that share
/// their start stay apart. Every page path and every link goes through here.
pub fn fit(path: String) -> String {
    if path.split('/').all(|part| part.len() <= MAX_NAME) {
        return path;
    }
    path.split('/')
        .map(|part| {
            if part.len() <= MAX_NAME {
                return part.to_owned();
            }
            let (stem, extension) = match part.rsplit_once('.') {
                Some((stem, extension)) if extension.len() <= 8 => (stem, extension),
                _ => (part, ""),
            };
            let hash = format!("~{:016x}", stable_hash(part.as_bytes()));
            let dot = usize::from(!extension.is_empty());
            let mut keep = MAX_NAME - hash.len() - dot - extension.len();
            while !stem.is_char_boundary(keep) {
                keep -= 1;
            }
            let mut short = format!("{}{hash}", &stem[..keep]);
            if !extension.is_empty() {
                short.push('.');
                short.push_str(extension);
            }
            short
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A hash that stays the same across runs, platforms and Rust versions
/// (64-bit FNV-1a): for names shortened to fit the file system and for the
/// marker's record of the pages written, both of which are written to disk.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// How many folders deep a site path is.
pub fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// The relative way back to the site's root from a page `depth` folders deep.
pub fn root(depth: usize) -> String {
    "../".repeat(depth)
}

/// What [`encode`] leaves as it is: ASCII letters and digits, and `/-_.~`
/// (RFC 3986's unreserved characters, and the path's own separator).
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a site path for an `href`, keeping `/`.
pub fn encode(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn stable_urls() {
        let day_ = date(2026, 11, 4);
        assert_eq!(day(day_), "days/2026-11-04.html");
        for (kind, expected) in [
            (crate::period::Kind::Week, "weeks/2026-W45.html"),
            (crate::period::Kind::Month, "months/2026-11.html"),
            (crate::period::Kind::Quarter, "quarters/2026-Q4.html"),
            (crate::period::Kind::Year, "years/2026.html"),
        ] {
            assert_eq!(period(Period::containing(kind, day_)), expected);
        }
        assert_eq!(
            outcome("outcomes/referral-pipeline"),
            "outcomes/outcomes/referral-pipeline.html"
        );
        assert_eq!(tag("client/acme"), "tags/client/acme.html");
        assert_eq!(periods(crate::period::Kind::Week), "weeks.html");
        assert_eq!(note("pages/Acme Corp.md"), "notes/pages/Acme Corp.html");
    }

    // Issue 15 item 3: every name the site makes fits the file system.
    #[test]
    fn item_3_long_names_are_shortened_stably() {
        let long = "n".repeat(252);
        let page = note(&format!("pages/{long}.md"));
        let name = page.rsplit('/').next().unwrap();
        assert!(name.len() <= MAX_NAME, "{page}");
        assert!(
            std::path::Path::new(name)
                .extension()
                .is_some_and(|e| e == "html")
        );
        assert!(page.starts_with("notes/pages/nnnn"), "{page}");
        assert_eq!(page, note(&format!("pages/{long}.md")), "stable");
        assert_ne!(page, note(&format!("pages/{long}x.md")), "apart");
        let cjk = "漢".repeat(84);
        let page = note(&format!("{cjk}.md"));
        assert!(page.split('/').all(|part| part.len() <= MAX_NAME), "{page}");
        assert!(std::str::from_utf8(page.as_bytes()).is_ok());
        let tag_page = tag(&format!("{}/short", "t".repeat(251)));
        assert!(
            tag_page.split('/').all(|part| part.len() <= MAX_NAME),
            "{tag_page}"
        );
        assert!(tag_page.ends_with("/short.html"), "{tag_page}");
        assert_eq!(note("pages/Acme Corp.md"), "notes/pages/Acme Corp.html");
    }

    #[test]
    fn hrefs_are_relative_and_encoded() {
        assert_eq!(root(depth("days/2026-11-04.html")), "../");
        assert_eq!(root(depth("index.html")), "");
        assert_eq!(
            encode("notes/pages/Acme Corp.html"),
            "notes/pages/Acme%20Corp.html"
        );
        assert_eq!(encode("tags/café.html"), "tags/caf%C3%A9.html");
    }
}

//! The site's stable URLs, in one place. Paths are site-relative and
//! unencoded; pages link to them through [`root`] and [`encode`], so every
//! link is relative and works from `file://` and any sub-path.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::period::Period;

pub fn day(date: Date) -> String {
    format!("days/{date}.html")
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
    format!("{}s.html", kind.name())
}

/// The index of every outcome.
pub const OUTCOMES: &str = "outcomes.html";

/// The index of every tag.
pub const TAGS: &str = "tags.html";

/// The id's `/` are folders: `outcomes/outcomes/referral-pipeline.html`.
pub fn outcome(id: &str) -> String {
    format!("outcomes/{id}.html")
}

/// Nested tags are folders: `tags/client/acme.html`.
pub fn tag(tag: &str) -> String {
    format!("tags/{tag}.html")
}

/// One year of a tag's activities: `archive/tags/client/acme/2025.html`. Under
/// its own folder, so that no tag (`client/2025`) can take the same path.
pub fn tag_archive(tag: &str, year: i16) -> String {
    format!("archive/tags/{tag}/{year}.html")
}

/// One year of the activities linking an outcome: `archive/outcomes/{id}/2025.html`.
pub fn outcome_archive(id: &str, year: i16) -> String {
    format!("archive/outcomes/{id}/{year}.html")
}

/// `notes/pages/Acme Corp.html` for `pages/Acme Corp.md`.
pub fn note(path: &str) -> String {
    format!("notes/{}.html", crate::parse::strip_md(path))
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

/// Percent-encodes a site path for an `href`, keeping `/`.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
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

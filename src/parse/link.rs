//! SPEC 4 Outcome links: what a link destination names.

use pulldown_cmark::LinkType;

use crate::parse::activity::Target;

/// What a link destination is, read from a note in `folder`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkRead {
    /// A note of the vault, by name or by path.
    Note(Target),
    /// A web or mail address.
    External,
    /// A relative path that climbs out of the vault, or an absolute one.
    Outside,
    /// Anything else: an attachment, an in-page anchor, another scheme.
    Other,
}

/// SPEC 4 Outcome links: wikilinks and embeds by name; Markdown links to
/// notes by path relative to the note's folder (`.md` optional, percent-decoded).
pub fn read_link(folder: &str, link_type: LinkType, destination: &str) -> LinkRead {
    if let LinkType::WikiLink { .. } = link_type {
        let name = destination
            .split(['#', '^', '|'])
            .next()
            .unwrap_or_default()
            .trim();
        return if name.is_empty() {
            LinkRead::Other
        } else {
            LinkRead::Note(Target::Wiki(name.to_owned()))
        };
    }
    if !matches!(
        link_type,
        LinkType::Inline | LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
    ) {
        return LinkRead::Other;
    }
    let lower = destination.to_ascii_lowercase();
    if ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
    {
        return LinkRead::External;
    }
    let destination = destination.split(['#', '?']).next().unwrap_or_default();
    let has_scheme = destination.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if destination.is_empty() || has_scheme {
        return LinkRead::Other;
    }
    let decoded = percent_decode(destination);
    if is_attachment(&decoded) {
        return LinkRead::Other;
    }
    join(folder, &decoded).map_or(LinkRead::Outside, |path| LinkRead::Note(Target::Path(path)))
}

/// SPEC 4: whether a link's target names an attachment, not a note: its last
/// part ends in a file extension other than `.md` (`img/chart.png`,
/// `[[Plan.pdf]]`, but not `[[Mr. Smith]]` nor `notes/a.md`). The one rule
/// for reading links, never-activities and resolution.
pub fn is_attachment(target: &str) -> bool {
    let name = target.rsplit('/').next().unwrap_or(target);
    name.rsplit_once('.').is_some_and(|(_, extension)| {
        !extension.eq_ignore_ascii_case("md") && is_file_extension(extension)
    })
}

/// Whether the text after a dot looks like a file extension (`png`), not a
/// sentence (`[[Mr. Smith]]`).
fn is_file_extension(extension: &str) -> bool {
    (1..=5).contains(&extension.len()) && extension.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Joins a relative link to a folder, resolving `.` and `..`; `None` when it
/// leaves the vault.
fn join(folder: &str, link: &str) -> Option<String> {
    if link.starts_with('/') || link.starts_with('\\') {
        return None;
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|part| !part.is_empty()).collect();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// `%20` and the like decoded (by `percent-encoding`); an invalid escape
/// stays as written, and bytes that are no UTF-8 become `�`.
pub(crate) fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::is_attachment;

    // SPEC 4: an attachment is a file that is not a note, by its extension.
    #[test]
    fn attachments_are_known_by_an_extension_other_than_md() {
        for target in ["img/chart.png", "Plan.PDF", "a.b/c.jpeg", "x.tar"] {
            assert!(is_attachment(target), "{target}");
        }
        for target in [
            "notes/a.md",
            "Mr. Smith",
            "Goal",
            "v1.2/Goal",
            "a.png/Goal",
            "e.g. this",
        ] {
            assert!(!is_attachment(target), "{target}");
        }
    }
}

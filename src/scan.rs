//! The vault walk (SPEC section 1): which files are notes, read in parallel.
//! With `render`'s writes, the only stage that touches the file system.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind, LineIndex};

/// One note's bytes, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Vault-relative, with `/` separators.
    pub path: String,
    pub text: String,
}

/// Every `*.md` note of the vault, sorted by path, and the problems met on the
/// way. `output` (absolute, like `vault`) is never read.
pub fn scan(vault: &Path, config: &Config, output: &Path) -> (Vec<Source>, Vec<Diagnostic>) {
    let (paths, mut diagnostics) = note_paths(vault, config, output);
    let read: Vec<Result<Source, Diagnostic>> = paths
        .par_iter()
        .map(|(relative, absolute, identity)| {
            read(relative, absolute, *identity, config.max_note_size)
        })
        .collect();
    let mut sources = Vec::with_capacity(read.len());
    for result in read {
        match result {
            Ok(source) => sources.push(source),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (sources, diagnostics)
}

/// Which file the walk found at a path (device and inode on Unix), to check
/// that the file opened later is that one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Identity(Option<(u64, u64)>);

impl Identity {
    /// The identity of what is at `path` now, links followed; none when nothing is.
    pub fn of_path(path: &Path) -> Option<Identity> {
        std::fs::metadata(path).ok().map(|meta| Identity::of(&meta))
    }

    fn of(meta: &std::fs::Metadata) -> Identity {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Identity(Some((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            Identity(None)
        }
    }

    /// Whether `other` is the same file; always, where there is no way to tell.
    fn matches(self, other: Identity) -> bool {
        match (self.0, other.0) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// The notes' paths (vault-relative and absolute) and which file the walk
/// found there, sorted, without reading them.
pub fn note_paths(
    vault: &Path,
    config: &Config,
    output: &Path,
) -> (Vec<(String, PathBuf, Identity)>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut paths = Vec::new();
    for entry in walk(vault, config, output) {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_markdown(entry.path()) => {
                let identity = entry.metadata().map(|meta| Identity::of(&meta));
                paths.push((
                    relative_path(vault, entry.path()),
                    entry.into_path(),
                    identity.unwrap_or_default(),
                ));
            }
            Ok(_) => {}
            Err(error) => diagnostics.push(walk_problem(vault, &error)),
        }
    }
    paths.sort_unstable();
    let paths = skip_sync_copies(paths, &mut diagnostics);
    (paths, diagnostics)
}

/// SPEC 1 (v2): copies made by sync tools are skipped, each with a warning
/// at the copy naming its original, so a day is never counted twice.
fn skip_sync_copies(
    paths: Vec<(String, PathBuf, Identity)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf, Identity)> {
    let names: HashSet<String> = paths.iter().map(|(path, ..)| path.to_lowercase()).collect();
    let exists = |path: &str| names.contains(&path.to_lowercase());
    paths
        .into_iter()
        .filter(|(path, ..)| match sync_copy_of(path, exists) {
            Some(original) => {
                diagnostics.push(Diagnostic::warning(
                    path,
                    (1, 1),
                    DiagnosticKind::SyncCopy { original },
                ));
                false
            }
            None => true,
        })
        .collect()
}

/// The original of a sync tool's copy, when `path` names one: Syncthing's
/// `x.sync-conflict-20231102-…`, Dropbox's `x (conflicted copy 2023-02-05)`
/// (also `x (Ana's conflicted copy …)`), other tools' `conflict` plus a date,
/// and iCloud's or Finder's `x 2` beside an existing `x` (`exists` says).
pub fn sync_copy_of(path: &str, exists: impl Fn(&str) -> bool) -> Option<String> {
    let (folder, file) = path.rsplit_once('/').map_or(("", path), |(f, n)| (f, n));
    let (stem, extension) = file.rsplit_once('.').unwrap_or((file, ""));
    let in_folder = |stem: &str| {
        let name = if extension.is_empty() {
            stem.to_owned()
        } else {
            format!("{stem}.{extension}")
        };
        if folder.is_empty() {
            name
        } else {
            format!("{folder}/{name}")
        }
    };
    let lower = stem.to_lowercase();
    // Byte offsets of `lower` match `stem` only when lower-casing kept the
    // lengths, which it does for the ASCII markers searched for.
    let marker = lower
        .find(".sync-conflict-")
        .or_else(|| {
            let at = lower.find("conflict")?;
            has_date(&lower[at..]).then_some(at)
        })
        .filter(|_| lower.len() == stem.len());
    if let Some(at) = marker {
        let mut original = &stem[..at];
        if let Some(paren) = original.rfind(['(', '[']) {
            // `x (conflicted copy …)`, `x (Ana's conflicted copy …)`: the
            // bracket the marker stands in, not one closed before it.
            if !original[paren..].contains([')', ']']) {
                original = &original[..paren];
            }
        }
        let original = original.trim_end_matches([' ', '-', '_', '.']);
        return (!original.is_empty()).then(|| in_folder(original));
    }
    let (base, number) = stem.rsplit_once(' ')?;
    let numbered = matches!(number.len(), 1 | 2)
        && !number.starts_with('0')
        && number != "1"
        && number.bytes().all(|b| b.is_ascii_digit());
    let original = in_folder(base);
    (numbered && !base.is_empty() && exists(&original)).then_some(original)
}

/// Whether `text` holds a date: eight digits in a row, or `YYYY-MM-DD` with
/// `-`, `_` or `.` between.
fn has_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|start| {
        let digits = |range: std::ops::Range<usize>| {
            bytes
                .get(start + range.start..start + range.end)
                .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
        };
        let separated = digits(0..4)
            && matches!(bytes.get(start + 4), Some(b'-' | b'_' | b'.'))
            && digits(5..7)
            && bytes.get(start + 7) == bytes.get(start + 4)
            && digits(8..10);
        separated || digits(0..8)
    })
}

/// The walk of the vault that the build reads, and that `watch` watches:
/// one filter ([`is_skipped`]), links followed only when the config says so.
pub fn walk<'a>(
    vault: &'a Path,
    config: &'a Config,
    output: &'a Path,
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> + 'a {
    WalkDir::new(vault)
        .follow_links(config.follow_links)
        .into_iter()
        .filter_entry(move |entry| {
            entry.depth() == 0
                || !is_skipped(
                    vault,
                    config,
                    output,
                    entry.path(),
                    entry.file_type().is_dir(),
                )
        })
}

/// Whether the entry at `path` (below `vault`) is left out of the build, with
/// all it holds: hidden files and folders (`.obsidian`, `.trash`,
/// `.Trash-0`), `node_modules`, the output folder, Logseq's own `logseq/`
/// folder, and the config's `ignore` globs. The one rule for `scan` and `watch`.
/// Logseq's folder, beside `journals/` and `pages/`, is known by its
/// `config.edn`: like `.obsidian/` it holds the app's files, among them
/// backup copies of notes (`logseq/bak/`, `logseq/version-files/`) that would
/// count twice.
pub fn is_skipped(vault: &Path, config: &Config, output: &Path, path: &Path, folder: bool) -> bool {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name == "node_modules"
        || path == output
        || (folder && name == "logseq" && path.join("config.edn").is_file())
        || config.is_ignored(&relative_path(vault, path), folder)
}

/// Whether a file name is a note's (`.md`, any case).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("md"))
}

pub fn relative_path(vault: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(vault).unwrap_or(path);
    let parts: Vec<_> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// Reads one note: opened once, and the opened file checked, not the path
/// again. It must be the file the walk found (`identity`): a note swapped for
/// a link to `/etc/passwd` between the walk and the read is not published. A
/// note over `max_size` bytes is a diagnostic and is not read (a 200 MB note
/// took 6 GB), nor is a file that is not UTF-8.
pub fn read(
    relative: &str,
    absolute: &Path,
    identity: Identity,
    max_size: u64,
) -> Result<Source, Diagnostic> {
    use std::io::Read as _;
    let unreadable = |error: std::io::Error| {
        Diagnostic::error(
            relative,
            (1, 1),
            DiagnosticKind::Unreadable {
                error: error.to_string(),
            },
        )
    };
    let too_large = |size: u64| {
        Diagnostic::error(
            relative,
            (1, 1),
            DiagnosticKind::NoteTooLarge {
                size,
                limit: max_size,
            },
        )
    };
    let file = std::fs::File::open(absolute).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() || !identity.matches(Identity::of(&meta)) {
        return Err(Diagnostic::error(
            relative,
            (1, 1),
            DiagnosticKind::NoteReplaced,
        ));
    }
    if meta.len() > max_size {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A note still growing is read no further than the limit.
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes)
        .map(|text| Source {
            path: relative.to_owned(),
            text,
        })
        .map_err(|error| {
            let valid = error.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&error.as_bytes()[..valid]).unwrap_or_default();
            Diagnostic::error(
                relative,
                LineIndex::new(prefix).position(valid),
                DiagnosticKind::NotUtf8,
            )
        })
}

fn walk_problem(vault: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error
        .path()
        .map_or_else(String::new, |path| relative_path(vault, path));
    if let Some(ancestor) = error.loop_ancestor() {
        Diagnostic::error(
            &path,
            (1, 1),
            DiagnosticKind::SymlinkLoop {
                target: relative_path(vault, ancestor),
            },
        )
    } else {
        Diagnostic::warning(
            &path,
            (1, 1),
            DiagnosticKind::Unreadable {
                error: error.to_string(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &[u8]) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn walks_notes_and_skips_what_the_spec_excludes() {
        let vault = tempfile::tempdir().unwrap();
        let root = vault.path();
        for path in [
            "daily/2026-11-02.md",
            "Notes/B.MD",
            ".obsidian/x.md",
            ".trash/old.md",
            "node_modules/pkg/readme.md",
            "_site/days/x.md",
            "templates/Daily.md",
            "daily/notes.txt",
        ] {
            write(root, path, b"text");
        }
        std::fs::create_dir_all(root.join("folder.md")).unwrap();
        let (config, _) = Config::parse("ignore: ['templates/']\n");
        let (sources, diagnostics) = scan(root, &config, &root.join("_site"));
        let paths: Vec<_> = sources.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["Notes/B.MD", "daily/2026-11-02.md"]);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn logseq_folder_with_its_config_is_skipped() {
        let vault = tempfile::tempdir().unwrap();
        let root = vault.path();
        for path in [
            "journals/2026_11_04.md",
            "logseq/config.edn",
            "logseq/bak/journals/2026_11_04/2026-11-04T16_20_11.123Z.Desktop.md",
            "logseq/version-files/base/journals/2026_11_04.md",
            "notes/logseq/tips.md",
        ] {
            write(root, path, b"- DONE #x 1h");
        }
        let (sources, _) = scan(root, &Config::default(), &root.join("_site"));
        let paths: Vec<_> = sources.iter().map(|s| s.path.as_str()).collect();
        // A folder named `logseq` without `config.edn` is the user's own.
        assert_eq!(paths, ["journals/2026_11_04.md", "notes/logseq/tips.md"]);
    }

    #[test]
    fn sync_copies_are_skipped_with_a_warning_naming_the_original() {
        // SPEC 1 (v2) sync copies.
        let vault = tempfile::tempdir().unwrap();
        let root = vault.path();
        for path in [
            "journals/2023_02_05.md",
            "journals/2023_02_05 2.md",
            "journals/2023_02_06 3.md",
            "daily/2026-11-02.sync-conflict-20261102-101010-ABCDEFG.md",
            "daily/2026-11-03 (conflicted copy 2026-11-03).md",
            "daily/2026-11-04 (Ana's conflicted copy 2026-11-04).md",
            "pages/Plan-conflict-20261105.md",
            "pages/Conflict resolution.md",
            "pages/Chapter 2.md",
        ] {
            write(root, path, b"- #x 1h");
        }
        let (sources, diagnostics) = scan(root, &Config::default(), &root.join("_site"));
        let paths: Vec<_> = sources.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "journals/2023_02_05.md",
                // No `2023_02_06.md` beside it: not a copy.
                "journals/2023_02_06 3.md",
                "pages/Chapter 2.md",
                "pages/Conflict resolution.md",
            ]
        );
        let mut messages: Vec<_> = diagnostics.iter().map(ToString::to_string).collect();
        messages.sort();
        assert_eq!(
            messages,
            [
                "daily/2026-11-02.sync-conflict-20261102-101010-ABCDEFG.md:1:1: warning[sync-copy]: a sync tool's copy of daily/2026-11-02.md, not read",
                "daily/2026-11-03 (conflicted copy 2026-11-03).md:1:1: warning[sync-copy]: a sync tool's copy of daily/2026-11-03.md, not read",
                "daily/2026-11-04 (Ana's conflicted copy 2026-11-04).md:1:1: warning[sync-copy]: a sync tool's copy of daily/2026-11-04.md, not read",
                "journals/2023_02_05 2.md:1:1: warning[sync-copy]: a sync tool's copy of journals/2023_02_05.md, not read",
                "pages/Plan-conflict-20261105.md:1:1: warning[sync-copy]: a sync tool's copy of pages/Plan.md, not read",
            ]
        );
    }

    #[test]
    fn invalid_utf8_is_an_error_at_its_position() {
        let vault = tempfile::tempdir().unwrap();
        write(vault.path(), "bad.md", b"ok\nab\xff\n");
        write(vault.path(), "good.md", b"fine");
        let (sources, diagnostics) = scan(
            vault.path(),
            &Config::default(),
            &vault.path().join("_site"),
        );
        assert_eq!(sources.len(), 1);
        assert_eq!(
            diagnostics[0].to_string(),
            "bad.md:2:3: error[not-utf8]: the note is not valid UTF-8 and is skipped"
        );
    }

    // Issue 15 item 10: open once, check the opened file.
    #[cfg(unix)]
    #[test]
    fn item_10_a_note_swapped_for_a_link_after_the_walk_is_not_read() {
        let top = tempfile::tempdir().unwrap();
        let vault = top.path().join("vault");
        write(&vault, "daily/2026-11-02.md", b"- 1h #email");
        let secret = top.path().join("passwd");
        std::fs::write(&secret, "root:x:0:0").unwrap();
        let (paths, _) = note_paths(&vault, &Config::default(), &vault.join("_site"));
        let (relative, absolute, identity) = &paths[0];
        // Between the walk and the read, the note becomes a link.
        std::fs::remove_file(absolute).unwrap();
        std::os::unix::fs::symlink(&secret, absolute).unwrap();
        let error = read(relative, absolute, *identity, u64::MAX).unwrap_err();
        assert_eq!(error.code(), "note-replaced");
    }

    // Issue 15 item 11: notes over `max_note_size` are a diagnostic, not read.
    #[test]
    fn item_11_notes_over_the_size_limit_are_skipped() {
        let vault = tempfile::tempdir().unwrap();
        write(vault.path(), "big.md", &vec![b'x'; 2_000]);
        write(vault.path(), "small.md", b"- 1h #x");
        let (config, problems) = Config::parse("max_note_size: 1KB\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.max_note_size, 1_000);
        let (sources, diagnostics) = scan(vault.path(), &config, &vault.path().join("_site"));
        assert_eq!(sources.len(), 1);
        assert_eq!(
            diagnostics[0].to_string(),
            "big.md:1:1: error[note-too-large]: the note is 2000 bytes, over the \
             1000-byte `max_note_size`, and is skipped"
        );
        assert_eq!(Config::default().max_note_size, 10_000_000);
        assert_eq!(crate::config::parse_size("512 KiB"), Some(524_288));
        assert_eq!(crate::config::parse_size("10MB"), Some(10_000_000));
        assert_eq!(crate::config::parse_size("ten"), None);
        let (_, problems) = Config::parse("max_note_size: lots\n");
        assert_eq!(problems.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_diagnostics_not_hangs() {
        let vault = tempfile::tempdir().unwrap();
        write(vault.path(), "a/n.md", b"x");
        std::os::unix::fs::symlink(vault.path().join("a"), vault.path().join("a/loop")).unwrap();
        let (sources, diagnostics) = scan(
            vault.path(),
            &Config::default(),
            &vault.path().join("_site"),
        );
        assert_eq!(sources.len(), 1, "links are not followed by default");
        assert!(diagnostics.is_empty());

        let (config, _) = Config::parse("follow_links: true\n");
        let (sources, diagnostics) = scan(vault.path(), &config, &vault.path().join("_site"));
        assert_eq!(sources.len(), 1);
        assert!(diagnostics[0].message().contains("loop"), "{diagnostics:?}");
    }
}

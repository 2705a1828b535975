//! The marker (`.leverage-site`), which makes a folder ours and lists the
//! pages we wrote with their size and hash, and its companion the stat file
//! (`.leverage-stats`), which says what each page looked like on disk just
//! after we wrote it, so that an unchanged page is known without reading it.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// The file that marks a folder as ours, and lists the pages we wrote.
pub const MARKER: &str = ".leverage-site";
pub(super) const MARKER_HEADER: &str =
    "# written by leverage: the pages below are removed when no longer produced\n";
/// The marker's line saying what the site was built from (a digest of the
/// inputs, see [`super::Output::unchanged`]). Versioned: a marker without it, or of
/// another version, only means that the next build renders every page.
pub(super) const INPUT_LINE: &str = "# input v1 ";
/// The stat file: each page's size, times and inode as we left it.
pub const STATS: &str = ".leverage-stats";
/// Its first line. Versioned: a file without it, or of another version, is
/// ignored (every page is then read and hashed once, as before it existed).
const STATS_HEADER: &str = "# leverage stats v1\n";
/// The stat file while it is written, renamed over [`STATS`] when whole.
pub(super) const STATS_NEXT: &str = ".leverage-stats.next";

/// What the marker remembers of a page we wrote: its size and a hash of its
/// bytes. Content, not time stamps, so that two builds of the same vault
/// write the same marker (a `_site` kept in git does not churn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub(super) len: u64,
    pub(super) hash: u64,
}

impl Stamp {
    pub(super) fn new(bytes: &[u8]) -> Stamp {
        Stamp {
            len: bytes.len() as u64,
            hash: crate::render::url::stable_hash(bytes),
        }
    }
}

/// The pages a marker in `folder` lists, with their stamps; none without one.
pub(super) fn read_marker(folder: &Path) -> BTreeMap<String, Option<Stamp>> {
    let Ok(text) = fs::read_to_string(folder.join(MARKER)) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let mut parts = line.rsplitn(3, '\t');
            let (hash, len, path) = (parts.next(), parts.next(), parts.next());
            let hash = hash.map(|hash| u64::from_str_radix(hash, 16));
            match (path, len.map(str::parse), hash) {
                (Some(path), Some(Ok(len)), Some(Ok(hash))) => {
                    (path.to_owned(), Some(Stamp { len, hash }))
                }
                // A marker of an earlier version: pages without a stamp.
                _ => (line.to_owned(), None),
            }
        })
        .collect()
}

/// The input digest a marker in `folder` records, if it has one of this version.
pub(super) fn read_input(folder: &Path) -> Option<u64> {
    let text = fs::read_to_string(folder.join(MARKER)).ok()?;
    let line = text
        .lines()
        .take(3)
        .find_map(|line| line.strip_prefix(INPUT_LINE))?;
    u64::from_str_radix(line, 16).ok()
}

/// What a page looked like on disk right after we wrote (or checked) it: its
/// size, modification and status-change times to the nanosecond, and its
/// inode. Any write to the file by anyone changes the status-change time
/// (which no user can set back) and a replaced file has another inode, so a
/// page whose stat is the one recorded still holds the bytes the marker's
/// hash was taken of. The one blind spot is a same-size write within the
/// same tick of the file system's clock as ours, before we took the stat.
/// Kept apart from the marker: times differ between two builds of the same
/// vault, and the marker must not (a `_site` kept in git does not churn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileStat {
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
}

impl FileStat {
    pub(super) fn of(meta: &fs::Metadata) -> FileStat {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            FileStat {
                len: meta.len(),
                modified: (meta.mtime(), meta.mtime_nsec()),
                changed: (meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let since = |time: std::io::Result<std::time::SystemTime>| {
                time.ok()
                    .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or((0, 0), |d| {
                        (d.as_secs() as i64, i64::from(d.subsec_nanos()))
                    })
            };
            FileStat {
                len: meta.len(),
                modified: since(meta.modified()),
                changed: since(meta.created()),
                inode: 0,
            }
        }
    }

    /// The stat of the file at `path`, when it is a file (links not followed).
    pub(super) fn at(path: &Path) -> Option<FileStat> {
        fs::symlink_metadata(path)
            .ok()
            .filter(fs::Metadata::is_file)
            .map(|meta| FileStat::of(&meta))
    }

    pub(super) fn len(self) -> u64 {
        self.len
    }
}

/// The stat file in `folder`: empty when missing, of another version, or
/// unreadable; a line that does not parse is left out.
pub(super) fn read_stats(folder: &Path) -> HashMap<String, FileStat> {
    let Ok(text) = fs::read_to_string(folder.join(STATS)) else {
        return HashMap::new();
    };
    let Some(lines) = text.strip_prefix(STATS_HEADER) else {
        return HashMap::new();
    };
    lines
        .lines()
        .filter_map(|line| {
            let mut parts = line.rsplitn(7, '\t');
            let mut number = || parts.next()?.parse::<i64>().ok();
            let inode = number()?;
            let changed = (number()?, number()?);
            let modified = (number()?, number()?);
            let len = number()?;
            let path = parts.next()?;
            let stat = FileStat {
                len: u64::try_from(len).ok()?,
                modified: (modified.1, modified.0),
                changed: (changed.1, changed.0),
                inode: inode as u64,
            };
            Some((path.to_owned(), stat))
        })
        .collect()
}

/// The stat file's text for `stats`, sorted by path.
pub(super) fn stats_text(stats: &HashMap<String, FileStat>) -> String {
    let mut pages: Vec<(&String, &FileStat)> = stats.iter().collect();
    pages.sort_unstable_by_key(|(path, _)| *path);
    let mut text = String::from(STATS_HEADER);
    for (path, stat) in pages {
        let _ = writeln!(
            text,
            "{path}\t{}\t{}\t{}\t{}\t{}\t{}",
            stat.len,
            stat.modified.0,
            stat.modified.1,
            stat.changed.0,
            stat.changed.1,
            stat.inode.cast_signed()
        );
    }
    text
}

use super::*;

const VAULT: &str = "/home/maya/notes";

fn filter(config: &str) -> Filter {
    let (config, diagnostics) = Config::parse(config);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    Filter::new(
        Path::new(VAULT),
        &Path::new(VAULT).join("_site"),
        &config,
        ["daily/2026-11-02.md", "archive/2025/old.md", "top.md"],
    )
}

fn classify(filter: &Filter, relative: &str) -> Option<Change> {
    filter.classify(&Path::new(VAULT).join(relative), false)
}

fn note(path: &str) -> Change {
    Change::Note(path.to_owned())
}

#[test]
fn notes_config_and_templates_count() {
    let filter = filter("templates: site-templates\n");
    assert_eq!(
        classify(&filter, "daily/2026-11-02.md"),
        Some(note("daily/2026-11-02.md"))
    );
    assert_eq!(classify(&filter, "Inbox.MD"), Some(note("Inbox.MD")));
    assert_eq!(
        classify(&filter, "pages/Reading list.md"),
        Some(note("pages/Reading list.md"))
    );
    assert_eq!(classify(&filter, "leverage.yaml"), Some(Change::Config));
    assert_eq!(
        classify(&filter, "site-templates/day.html"),
        Some(Change::Template("site-templates/day.html".into()))
    );
    assert_eq!(
        classify(&filter, "site-templates"),
        Some(Change::Template("site-templates".into())),
        "the folder itself, removed or renamed"
    );
}

#[test]
fn other_files_do_not_count() {
    let filter = filter("");
    for path in [
        "daily/notes.txt",
        "image.png",
        "pages/leverage.yaml",
        "leverage.yml",
        "templates/day.html",
        "4913",
        "daily/4913",
    ] {
        assert_eq!(classify(&filter, path), None, "{path}");
    }
    assert_eq!(filter.classify(Path::new("/elsewhere/a.md"), false), None);
    assert_eq!(filter.classify(Path::new(VAULT), true), None);
}

#[test]
fn editors_temporary_files_never_count() {
    let filter = filter("templates: site-templates\n");
    for path in [
        // vim: the write probe, swap files, backups
        "daily/4913",
        "daily/.2026-11-02.md.swp",
        "daily/.2026-11-02.md.swx",
        "daily/2026-11-02.md.swp",
        "daily/2026-11-02.md~",
        // emacs: lock and autosave
        "daily/.#2026-11-02.md",
        "daily/#2026-11-02.md#",
        // JetBrains safe write
        "daily/2026-11-02.md___jb_tmp___",
        "daily/2026-11-02.md___jb_old___",
        // hidden files of any tool
        "daily/.2026-11-02.md.tmp.1234",
        ".DS_Store",
        // sed -i, Chrome
        "daily/2026-11-02.md.tmp",
        "daily/x.md.crswap",
        // the same in the templates folder
        "site-templates/4913",
        "site-templates/day.html~",
        "site-templates/.day.html.swp",
    ] {
        assert_eq!(classify(&filter, path), None, "{path}");
    }
}

#[test]
fn hidden_folders_output_node_modules_and_ignored_paths_do_not_count() {
    let filter = filter("ignore: ['drafts/', '*.excalidraw.md']\n");
    for path in [
        ".obsidian/workspace.json",
        ".obsidian/plugins/x/README.md",
        ".trash/old.md",
        ".git/index.lock",
        "_site/index.html",
        "_site/notes/daily/2026-11-02.md",
        "_site",
        "node_modules/pkg/README.md",
        "drafts/idea.md",
        "drawing.excalidraw.md",
    ] {
        assert_eq!(classify(&filter, path), None, "{path}");
    }
    // An output folder elsewhere: the vault's `_site` is just a folder then.
    let (config, _) = Config::parse("");
    let elsewhere = Filter::new(Path::new(VAULT), Path::new("/tmp/site"), &config, []);
    assert_eq!(
        elsewhere.classify(Path::new("/tmp/site/days/x.md"), false),
        None
    );
    assert_eq!(
        classify(&elsewhere, "_site/x.md"),
        Some(note("_site/x.md")),
        "only the output folder itself is left out"
    );
}

#[test]
fn folders_of_notes_count_when_they_come_or_go() {
    let filter = filter("");
    // Moved out of the vault: the path is gone, but the last build read notes in it.
    assert_eq!(
        classify(&filter, "archive"),
        Some(Change::Folder("archive".into()))
    );
    assert_eq!(
        classify(&filter, "archive/2025"),
        Some(Change::Folder("archive/2025".into()))
    );
    assert_eq!(
        classify(&filter, "arch"),
        None,
        "a prefix of a name is not a folder"
    );
    assert_eq!(classify(&filter, "pictures"), None);
    // Created or moved in: the event or the disk says it is a folder.
    assert_eq!(
        filter.classify(&Path::new(VAULT).join("journal"), true),
        Some(Change::Folder("journal".into()))
    );
    assert_eq!(
        filter.classify(&Path::new(VAULT).join(".obsidian"), true),
        None
    );
}

#[test]
fn temporary_names() {
    for name in [
        "4913",
        ".x.md.swp",
        "x.swp",
        "x.SWP",
        "x.swx",
        "x.md~",
        ".#x.md",
        "#x.md#",
        "x.md___jb_tmp___",
        "x.md___jb_old___",
        ".hidden",
    ] {
        assert!(is_temporary(name), "{name}");
    }
    for name in [
        "2026-11-02.md",
        "4913.md",
        "#tag.md",
        "#",
        "notes~draft.md",
        "base.html",
    ] {
        assert!(!is_temporary(name), "{name}");
    }
}

#[test]
fn reads_are_not_changes() {
    assert!(!is_change(&EventKind::Access(AccessKind::Open(
        AccessMode::Any
    ))));
    assert!(!is_change(&EventKind::Access(AccessKind::Close(
        AccessMode::Read
    ))));
    assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
        MetadataKind::AccessTime
    ))));
    assert!(is_change(&EventKind::Access(AccessKind::Close(
        AccessMode::Write
    ))));
    assert!(is_change(&EventKind::Modify(ModifyKind::Metadata(
        MetadataKind::WriteTime
    ))));
    assert!(is_change(&EventKind::Modify(ModifyKind::Data(
        notify::event::DataChange::Any
    ))));
    assert!(is_change(&EventKind::Modify(ModifyKind::Name(
        notify::event::RenameMode::Both
    ))));
    assert!(is_change(&EventKind::Create(CreateKind::File)));
    assert!(is_change(&EventKind::Remove(RemoveKind::Any)));
}

#[test]
fn snapshots_see_what_poll_events_miss() {
    let vault = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(vault.path()).unwrap();
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("daily/2026-11-02.md", "- #email 30m\n");
    write("daily/2026-11-03.md", "- #email 30m\n");
    write("leverage.yaml", "title: A\n");
    write("_site/index.html", "<p>");
    write(".obsidian/workspace.json", "{}");
    write("daily/notes.txt", "x");
    let (config, _) = Config::parse("");
    let filter = Filter::new(&root, &root.join("_site"), &config, []);
    let before = Snapshot::take(&filter);
    assert_eq!(before.0.len(), 3, "{before:?}");

    // Within the same second, and even with the same time: a new size shows.
    write("daily/2026-11-02.md", "- #email 45m longer\n");
    std::fs::remove_file(root.join("daily/2026-11-03.md")).unwrap();
    write("daily/2026-11-04.md", "- #email 30m\n");
    write("_site/index.html", "<p>changed");
    write(".obsidian/workspace.json", "{\"changed\": 1}");
    write("daily/notes.txt", "changed");
    let changes = before.changes(&Snapshot::take(&filter), &filter);
    assert_eq!(
        changes.to_string(),
        "daily/2026-11-02.md, daily/2026-11-03.md, daily/2026-11-04.md"
    );
    let after = Snapshot::take(&filter);
    assert!(after.changes(&Snapshot::take(&filter), &filter).is_empty());
}

// Issue 15 item 12: `chmod 644` on an unreadable note is a change.
#[test]
fn item_12_permission_changes_are_changes() {
    for kind in [
        MetadataKind::Permissions,
        MetadataKind::Ownership,
        MetadataKind::Any,
    ] {
        assert!(is_change(&EventKind::Modify(ModifyKind::Metadata(kind))));
    }
}

// Issue 15 item 12: only files are editors' temporary files.
#[test]
fn item_12_folders_named_like_temporary_files_count() {
    let filter = filter("");
    for name in ["archive.tmp", "old~", "notes.swp"] {
        assert_eq!(
            filter.classify(&Path::new(VAULT).join(name), true),
            Some(Change::Folder(name.into())),
            "{name}"
        );
        assert_eq!(classify(&filter, name), None, "{name} as a file");
    }
    assert_eq!(
        classify(&filter, "archive.tmp/2025/old.md"),
        Some(note("archive.tmp/2025/old.md"))
    );
}

// Issue 15 item 4: the watcher's rule is the build's (scan::is_skipped).
#[test]
fn item_4_the_watch_skips_what_the_build_skips() {
    let vault = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(vault.path()).unwrap();
    std::fs::create_dir_all(root.join("logseq")).unwrap();
    std::fs::write(root.join("logseq/config.edn"), "{}").unwrap();
    let (config, _) = Config::parse("ignore: ['drafts/']\n");
    let filter = Filter::new(&root, &root.join("_site"), &config, []);
    for path in [
        "logseq/bak/journals/x.md",
        ".Trash-0/files/x.md",
        "drafts/a/b.md",
        "node_modules/x/y.md",
        "_site/notes/x.md",
    ] {
        assert_eq!(filter.classify(&root.join(path), false), None, "{path}");
    }
    assert_eq!(
        filter.classify(&root.join("journals/2026_11_04.md"), false),
        Some(note("journals/2026_11_04.md"))
    );
    assert_eq!(filter.classify(Path::new("/etc/passwd"), false), None);
}

#[test]
fn failed_rebuilds_are_retried_with_backoff() {
    assert_eq!(backoff(None), Duration::from_secs(1));
    assert_eq!(
        backoff(Some(Duration::from_secs(8))),
        Duration::from_secs(16)
    );
    assert_eq!(
        backoff(Some(Duration::from_secs(50))),
        Duration::from_secs(60)
    );
    let io = anyhow::Error::new(std::io::Error::from_raw_os_error(24)).context("writing");
    assert!(may_clear(&io));
    assert!(!may_clear(&anyhow::anyhow!("a template failed")));
    let gone = anyhow::Error::new(crate::build::VaultGone("/v".into()));
    assert!(!may_clear(&gone));
}

#[test]
fn changes_print_as_a_short_list() {
    let one: Changes = [Change::Note("daily/a.md".into())].into_iter().collect();
    assert_eq!(one.to_string(), "daily/a.md");
    let three: Changes = [
        Change::Config,
        Change::Note("daily/a.md".into()),
        Change::Folder("archive".into()),
    ]
    .into_iter()
    .collect();
    assert_eq!(three.to_string(), "archive/, daily/a.md, leverage.yaml");
    let many: Changes = (0..200)
        .map(|i| Change::Note(format!("daily/{i:03}.md")))
        .collect();
    assert_eq!(many.to_string(), "daily/000.md, daily/001.md and 198 more");
}

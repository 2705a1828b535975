//! The Tera templates: built into the binary, each overridable by a file of
//! the same name in the vault's `templates:` folder.

use std::path::Path;

use tera::{Context, Tera};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind};

/// The built-in templates, by file name.
const BUILT_IN: [(&str, &str); 11] = [
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("day.html", include_str!("../../templates/day.html")),
    ("week.html", include_str!("../../templates/week.html")),
    ("period.html", include_str!("../../templates/period.html")),
    ("outcome.html", include_str!("../../templates/outcome.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("note.html", include_str!("../../templates/note.html")),
    ("systems.html", include_str!("../../templates/systems.html")),
    (
        "problems.html",
        include_str!("../../templates/problems.html"),
    ),
];
const STYLE: &str = include_str!("../../templates/style.css");

pub struct Templates {
    tera: Tera,
    style: String,
    /// A hash of every template's text and the style sheet: the same for
    /// the same templates, so a rebuild can tell that they did not change.
    fingerprint: u64,
}

impl Templates {
    /// The built-in templates, with the vault's overrides where it has them.
    /// An override that cannot be read or compiled is a diagnostic, and the
    /// built-in template is used in its place.
    pub fn load(vault: &Path, config: &Config) -> (Templates, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let folder = config.templates.as_ref().map(|folder| vault.join(folder));
        let read = |name: &str| -> Option<(String, String)> {
            let folder = folder.as_ref()?;
            let text = std::fs::read_to_string(folder.join(name)).ok()?;
            let shown = config.templates.as_deref().map_or_else(
                || name.to_owned(),
                |f| format!("{}/{name}", f.trim_end_matches('/')),
            );
            Some((shown, text))
        };
        if let Some(folder) = &folder
            && !folder.is_dir()
        {
            diagnostics.push(
                Diagnostic::warning(
                    crate::config::FILE_NAME,
                    (1, 1),
                    DiagnosticKind::MissingTemplates {
                        folder: folder.display().to_string(),
                    },
                )
                .with_hint("the built-in templates are used"),
            );
        }
        let mut sources: Vec<(&str, String)> = BUILT_IN
            .iter()
            .map(|&(name, text)| (name, text.to_owned()))
            .collect();
        for (name, text) in &mut sources {
            if let Some((shown, own)) = read(name) {
                // Check the override on its own against the built-ins before taking it.
                let mut trial = Tera::new();
                let mut candidate: Vec<(&str, &str)> = BUILT_IN
                    .iter()
                    .copied()
                    .filter(|(n, _)| n != name)
                    .collect();
                candidate.push((name, &own));
                match trial.add_raw_templates(candidate) {
                    Ok(()) => *text = own,
                    Err(error) => diagnostics.push(
                        Diagnostic::error(
                            &shown,
                            (1, 1),
                            DiagnosticKind::TemplateError {
                                detail: one_line(&error),
                            },
                        )
                        .with_hint("the built-in template is used instead"),
                    ),
                }
            }
        }
        let mut tera = Tera::new();
        tera.add_raw_templates(sources.iter().map(|(name, text)| (*name, text.as_str())))
            .expect("the built-in templates compile, and every override was checked");
        let style = read("style.css").map_or_else(|| STYLE.to_owned(), |(_, own)| own);
        let fingerprint = fingerprint(sources.iter().map(|(n, t)| (*n, t.as_str())), &style);
        (
            Templates {
                tera,
                style,
                fingerprint,
            },
            diagnostics,
        )
    }

    /// Only the built-in templates.
    pub fn built_in() -> Templates {
        let mut tera = Tera::new();
        tera.add_raw_templates(BUILT_IN)
            .expect("the built-in templates compile");
        Templates {
            tera,
            style: STYLE.to_owned(),
            fingerprint: fingerprint(BUILT_IN.into_iter(), STYLE),
        }
    }

    pub fn render(&self, name: &str, context: &Context) -> Result<String, tera::Error> {
        self.tera.render(name, context)
    }

    pub fn style(&self) -> &str {
        &self.style
    }

    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

fn fingerprint<'a>(templates: impl Iterator<Item = (&'a str, &'a str)>, style: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::hash::DefaultHasher::new();
    for (name, text) in templates {
        (name, text).hash(&mut hasher);
    }
    style.hash(&mut hasher);
    hasher.finish()
}

fn one_line(error: &tera::Error) -> String {
    let text = error.to_string();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

//! The Tera templates: built into the binary, each overridable by a file of
//! the same name in the vault's `templates:` folder.

use std::path::Path;

use tera::{Context, Tera};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind};

/// The built-in templates, by file name.
const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    (
        "compounding.html",
        include_str!("../../templates/compounding.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("day.html", include_str!("../../templates/day.html")),
    ("week.html", include_str!("../../templates/week.html")),
    ("period.html", include_str!("../../templates/period.html")),
    ("outcome.html", include_str!("../../templates/outcome.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
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
            .map(|&(name, text)| (name, compact(text)))
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
        let sources: Vec<(&str, String)> = BUILT_IN
            .iter()
            .map(|&(name, text)| (name, compact(text)))
            .collect();
        let mut tera = Tera::new();
        tera.add_raw_templates(sources.iter().map(|(name, text)| (*name, text.as_str())))
            .expect("the built-in templates compile");
        Templates {
            tera,
            style: STYLE.to_owned(),
            fingerprint: fingerprint(sources.iter().map(|(n, t)| (*n, t.as_str())), STYLE),
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

/// A built-in template without the whitespace that is only there for its
/// reader: each line loses its indentation, blank lines go, and a line made
/// only of `{% … %}` tags loses its newline (Jinja's `lstrip_blocks` and
/// `trim_blocks`). Our templates hold no `<pre>`, so nothing shown changes,
/// and a 10-year site is not a third whitespace. A vault's own override is
/// taken as it is written.
fn compact(template: &str) -> String {
    let only_tags = |mut line: &str| {
        while let Some(rest) = line.strip_prefix("{%") {
            match rest.find("%}") {
                Some(end) => line = &rest[end + 2..],
                None => return false,
            }
        }
        line.is_empty()
    };
    let mut out = String::with_capacity(template.len());
    for line in template.lines().map(str::trim_start) {
        if line.is_empty() {
            continue;
        }
        out.push_str(line);
        if !only_tags(line) {
            out.push('\n');
        }
    }
    out
}

fn one_line(error: &tera::Error) -> String {
    let text = error.to_string();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_drops_only_the_whitespace_a_reader_needs() {
        let template = "<ul>\n  {% for t in tags %}\n    <li>{{ t }}</li>\n\n  {% endfor %}\n</ul>\n{% if a %}<p>x</p>{% endif %}\nafter\n";
        assert_eq!(
            compact(template),
            "<ul>\n{% for t in tags %}<li>{{ t }}</li>\n{% endfor %}</ul>\n{% if a %}<p>x</p>{% endif %}\nafter\n"
        );
    }

    #[test]
    fn compact_templates_render_the_same_text() {
        let mut context = Context::new();
        context.insert("tags", &["a", "b"]);
        let template = "<ul>\n  {% for t in tags %}\n    <li>{{ t }}</li>\n  {% endfor %}\n</ul>\n";
        let mut tera = Tera::new();
        tera.add_raw_templates([("t", compact(template).as_str())])
            .unwrap();
        assert_eq!(
            tera.render("t", &context).unwrap(),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        );
    }
}

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
    ("periods.html", include_str!("../../templates/periods.html")),
    (
        "outcomes.html",
        include_str!("../../templates/outcomes.html"),
    ),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("systems.html", include_str!("../../templates/systems.html")),
    (
        "problems.html",
        include_str!("../../templates/problems.html"),
    ),
    (
        "formulas.html",
        include_str!("../../templates/formulas.html"),
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
                super::filters::register(&mut trial);
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
        super::filters::register(&mut tera);
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
        super::filters::register(&mut tera);
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

/// WCAG AA for the palette of `style.css`, light and dark (issue 14): text
/// 4.5:1 against the backgrounds it sits on, chart marks 3:1 (WCAG 1.4.11).
/// The colours are read from the style sheet itself, so a change there that
/// breaks contrast fails here.
#[cfg(test)]
mod contrast {
    use std::collections::BTreeMap;

    use super::STYLE;

    /// The custom properties of the first `:root` block after `from`.
    fn root_block(from: &str) -> BTreeMap<String, String> {
        let start = from.find(":root {").expect("a :root block") + ":root {".len();
        let end = start + from[start..].find('}').expect("a closed block");
        from[start..end]
            .split(';')
            .filter_map(|declaration| {
                let (name, value) = declaration.split_once(':')?;
                let name = name.split("*/").last()?.trim();
                name.starts_with("--")
                    .then(|| (name.to_owned(), value.trim().to_owned()))
            })
            .collect()
    }

    /// (theme, its colours): dark is light with the dark block's overrides.
    fn themes() -> Vec<(&'static str, BTreeMap<String, String>)> {
        let light = root_block(STYLE);
        let dark_at = STYLE
            .find("prefers-color-scheme: dark")
            .expect("a dark theme");
        let mut dark = light.clone();
        dark.extend(root_block(&STYLE[dark_at..]));
        vec![("light", light), ("dark", dark)]
    }

    fn rgb(hex: &str) -> [f64; 3] {
        let hex = hex.trim_start_matches('#');
        let hex: String = if hex.len() == 3 {
            hex.chars().flat_map(|c| [c, c]).collect()
        } else {
            hex.to_owned()
        };
        assert_eq!(hex.len(), 6, "a #rrggbb colour: {hex}");
        let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        [channel(0), channel(2), channel(4)]
    }

    /// WCAG 2 relative luminance.
    fn luminance(hex: &str) -> f64 {
        let linear = |c: f64| {
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = rgb(hex).map(linear);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    pub(super) fn ratio(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    const CATEGORIES: [&str; 6] = [
        "--cat-coordination",
        "--cat-execution",
        "--cat-leverage",
        "--cat-strategy",
        "--cat-uncategorized",
        "--cat-other",
    ];

    #[test]
    fn the_ratio_is_wcags() {
        assert!((ratio("#000", "#fff") - 21.0).abs() < 1e-9);
        assert!((ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
    }

    #[test]
    fn text_is_aa_in_both_themes() {
        let mut failures = Vec::new();
        for (theme, colours) in themes() {
            let colour = |name: &str| colours.get(name).map_or(name, String::as_str).to_owned();
            let mut pairs: Vec<(String, String)> = Vec::new();
            for text in ["--fg", "--muted", "--accent", "--ok", "--warn", "--bad"] {
                for background in ["--bg", "--surface"] {
                    pairs.push((text.into(), background.into()));
                }
            }
            // Tags: muted text on their pill.
            pairs.push(("--muted".into(), "--code-bg".into()));
            // The share printed inside each category's segment (`.viz .share`).
            pairs.extend(CATEGORIES.map(|c| (share_text(&colours), c.into())));
            for (text, background) in pairs {
                let r = ratio(&colour(&text), &colour(&background));
                if r < 4.5 {
                    failures.push(format!("{theme}: {text} on {background} is {r:.2}:1"));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn chart_marks_are_aa_in_both_themes() {
        let mut failures = Vec::new();
        for (theme, colours) in themes() {
            let marks = CATEGORIES.iter().chain(&[
                "--bar",
                "--series-0",
                "--series-1",
                "--accent",
                "--target",
                // The charts' axis line, and the edge of the pale hours bars
                // behind an outcome's check-ins (their fill is a background).
                "--axis",
                "--hours-edge",
            ]);
            for mark in marks {
                for background in ["--bg", "--surface"] {
                    let r = ratio(&colours[*mark], &colours[background]);
                    if r < 3.0 {
                        failures.push(format!("{theme}: {mark} on {background} is {r:.2}:1"));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    /// The colour of the share labels drawn on category segments.
    fn share_text(colours: &BTreeMap<String, String>) -> String {
        colours
            .get("--on-cat")
            .cloned()
            .unwrap_or_else(|| "#fff".to_owned())
    }
}

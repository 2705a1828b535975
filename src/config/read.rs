//! Reading `leverage.yaml`: typed values out of the YAML tree, each problem
//! located at its key, and the checks that span several keys.

use std::path::Path;

use yaml_serde::{Mapping, Value};

use std::collections::BTreeMap;

use super::{
    BusyDay, Category, Config, FILE_NAME, KEYS, Kind, UNCATEGORIZED, closest, compile_ignore,
    default_keywords, heading_name, keyword_list, parse_size,
};
use crate::diagnostic::{Diagnostic, Kind as DiagnosticKind, Severity};
use crate::logseq::Logseq;
use crate::yaml;

impl Config {
    /// Reads `leverage.yaml` from the vault root; a missing file means the defaults.
    pub fn load(vault: &Path) -> (Config, Vec<Diagnostic>) {
        let (_, config, diagnostics) = read(vault);
        (config, diagnostics)
    }

    /// Reads the text of a `leverage.yaml`.
    pub fn parse(text: &str) -> (Config, Vec<Diagnostic>) {
        let mut config = Config::default();
        let mut diagnostics = Vec::new();
        let root = match yaml::parse(text) {
            Ok(Value::Mapping(root)) => root,
            Ok(Value::Null) => Mapping::new(),
            Ok(other) => {
                diagnostics.push(Diagnostic::error(
                    FILE_NAME,
                    (1, 1),
                    DiagnosticKind::NotAMapping {
                        found: yaml::type_name(&other),
                        config: true,
                    },
                ));
                return (config, diagnostics);
            }
            Err(error) => {
                diagnostics.push(Diagnostic::error(
                    FILE_NAME,
                    (error.line, error.column),
                    DiagnosticKind::InvalidYaml {
                        detail: error.message,
                        config: true,
                    },
                ));
                return (config, diagnostics);
            }
        };
        let mut reader = Reader {
            text,
            diagnostics: &mut diagnostics,
        };
        for (key, value) in &root {
            let Some(key) = key.as_str() else {
                reader.error(&[], "config keys must be strings", None);
                continue;
            };
            config.given.insert(key.to_owned());
            match key {
                "title" => reader.string(key, value, &mut config.title),
                "output" => reader.string(key, value, &mut config.output),
                "daily_folder" => reader.string(key, value, &mut config.daily_folder),
                "daily_format" => reader.daily_format(value, &mut config.daily_format),
                "templates" => reader.optional_string(key, value, &mut config.templates),
                "daily_template" => reader.optional_string(key, value, &mut config.daily_template),
                "outcome_dirs" => reader.strings(key, value, &mut config.outcome_dirs),
                "ignore" => reader.strings(key, value, &mut config.ignore),
                "follow_links" => reader.boolean(key, value, &mut config.follow_links),
                "max_note_size" => reader.size(key, value, &mut config.max_note_size),
                "unlinked_factor" => reader.share(&[key], value, &mut config.unlinked_factor),
                "busy_day" => reader.busy_day(value, &mut config.busy_day),
                "categories" => reader.categories(value, &mut config.categories),
                "targets" => reader.shares(key, value, &mut config.targets),
                "reference" => reader.shares(key, value, &mut config.reference),
                "allow" => reader.allow(value, &mut config.allow),
                "activity_headings" => {
                    reader.strings(key, value, &mut config.activity_headings);
                    for heading in &mut config.activity_headings {
                        *heading = heading_name(heading);
                    }
                }
                "as_of" => reader.date(key, value, &mut config.as_of),
                unknown => {
                    reader.unknown_key(&[unknown], KEYS);
                }
            }
        }
        if root.contains_key("categories") {
            // The default splits name the default categories: keep only what still exists.
            for (key, shares) in [
                ("targets", &mut config.targets),
                ("reference", &mut config.reference),
            ] {
                if !root.contains_key(key) {
                    shares.retain(|name, _| config.categories.iter().any(|c| &c.name == name));
                }
            }
            if !root.contains_key("targets") && config.targets.is_empty() {
                diagnostics.push(
                    located_warning(text, &["categories"], "your categories have no `targets`")
                        .with_hint("add `targets:` with a share per category, or off-target compares against nothing"),
                );
            }
        }
        config.finish(&mut diagnostics, text);
        (config, diagnostics)
    }

    /// Derives the lookup tables and checks what spans several keys.
    pub(super) fn finish(&mut self, diagnostics: &mut Vec<Diagnostic>, text: &str) {
        if !self.categories.iter().any(|c| c.name == UNCATEGORIZED) {
            self.categories.push(Category {
                name: UNCATEGORIZED.to_owned(),
                kind: Kind::Linear,
                value: 0.0,
                tags: Vec::new(),
                keywords: Vec::new(),
            });
        }
        self.tag_categories.clear();
        for (index, category) in self.categories.iter().enumerate() {
            for tag in &category.tags {
                let tag = tag.trim_start_matches('#').to_lowercase();
                if let Some(&first) = self.tag_categories.get(&tag) {
                    let first = &self.categories[first].name;
                    diagnostics.push(
                        located_warning(
                            text,
                            &["categories", &category.name, "tags"],
                            format!("tag `{tag}` is in both `{first}` and `{}`", category.name),
                        )
                        .with_hint(format!("the first wins: `{tag}` counts as `{first}`")),
                    );
                } else {
                    self.tag_categories.insert(tag, index);
                }
            }
        }
        for (key, shares) in [("targets", &self.targets), ("reference", &self.reference)] {
            for name in shares.keys() {
                if self.category_index(name).is_none() {
                    diagnostics.push(
                        located_warning(
                            text,
                            &[key, name],
                            format!("`{key}` names an unknown category `{name}`"),
                        )
                        .with_hint(format!("categories: {}", self.category_names().join(", "))),
                    );
                }
            }
            let sum: f64 = shares.values().sum();
            if !shares.is_empty() && (sum - 1.0).abs() > 0.005 {
                diagnostics.push(
                    located_warning(
                        text,
                        &[key],
                        format!("the shares of `{key}` add up to {sum:.2}, not 1"),
                    )
                    .with_hint("shares are parts of the whole week, e.g. 0.3 for 30 %"),
                );
            }
        }
        let (ignore_set, problems) = compile_ignore(&self.ignore);
        self.ignore_set = ignore_set;
        for problem in problems {
            let kind = DiagnosticKind::InvalidValue {
                key: "ignore".to_owned(),
                problem,
            };
            diagnostics.push(located(text, &["ignore"], kind, Severity::Error));
        }
    }
}

/// Reads `leverage.yaml` from the vault root: its text (when there is one),
/// the config, and its problems. A missing file means the defaults. Whether
/// the vault is a Logseq graph is found here too (`Config::logseq`).
pub fn read(vault: &Path) -> (Option<String>, Config, Vec<Diagnostic>) {
    let (text, mut config, diagnostics) = read_file(vault);
    config.logseq = Logseq::detect(vault);
    (text, config, diagnostics)
}

fn read_file(vault: &Path) -> (Option<String>, Config, Vec<Diagnostic>) {
    match std::fs::read_to_string(vault.join(FILE_NAME)) {
        Ok(text) => {
            let (config, diagnostics) = Config::parse(&text);
            (Some(text), config, diagnostics)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            (None, Config::default(), Vec::new())
        }
        Err(error) => (
            None,
            Config::default(),
            vec![
                Diagnostic::error(
                    FILE_NAME,
                    (1, 1),
                    DiagnosticKind::Unreadable {
                        error: error.to_string(),
                    },
                )
                .with_hint("the defaults are used instead"),
            ],
        ),
    }
}

fn located(text: &str, path: &[&str], kind: DiagnosticKind, severity: Severity) -> Diagnostic {
    let (line, column) =
        yaml::key_position(text, path).map_or((1, 1), |(line, column)| (line + 1, column));
    Diagnostic::new(severity, FILE_NAME, (line, column), kind)
}

/// Config values that disagree with each other: a warning at the first key.
fn located_warning(text: &str, path: &[&str], problem: impl Into<String>) -> Diagnostic {
    let kind = DiagnosticKind::InconsistentConfig {
        problem: problem.into(),
    };
    located(text, path, kind, Severity::Warning)
}

/// Reads typed values out of the YAML tree, reporting at the key's position.
struct Reader<'a> {
    text: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, path: &[&str], problem: &str, hint: Option<&str>) {
        let kind = DiagnosticKind::InvalidValue {
            key: path.join("."),
            problem: problem.to_owned(),
        };
        let mut diagnostic = located(self.text, path, kind, Severity::Error);
        diagnostic.context = hint.map(str::to_owned);
        self.diagnostics.push(diagnostic);
    }

    /// An unknown key, reported at the key itself, with the known ones.
    fn unknown_key(&mut self, path: &[&str], known: &[&'static str]) {
        let (line, column) = yaml::key_and_value_position(self.text, path)
            .map_or((1, 1), |(line, key, _)| (line + 1, key));
        let last = path.last().copied().unwrap_or_default();
        let kind = DiagnosticKind::UnknownKey {
            key: path.join("."),
            known: known.to_vec(),
            suggestion: closest(last, known.iter().copied()),
        };
        self.diagnostics
            .push(Diagnostic::warning(FILE_NAME, (line, column), kind));
    }

    fn wrong_type(&mut self, path: &[&str], expected: &'static str, value: &Value) {
        let kind = DiagnosticKind::WrongType {
            key: path.join("."),
            expected,
            found: yaml::type_name(value).to_owned(),
        };
        let diagnostic = located(self.text, path, kind, Severity::Error)
            .with_hint("the default is used instead");
        self.diagnostics.push(diagnostic);
    }

    fn string(&mut self, key: &str, value: &Value, slot: &mut String) {
        match yaml::scalar_text(value) {
            Some(text) if !text.trim().is_empty() => *slot = text,
            _ => self.wrong_type(&[key], "a non-empty string", value),
        }
    }

    fn optional_string(&mut self, key: &str, value: &Value, slot: &mut Option<String>) {
        match value {
            Value::Null => *slot = None,
            _ => match yaml::scalar_text(value) {
                Some(text) => *slot = Some(text),
                None => self.wrong_type(&[key], "a string", value),
            },
        }
    }

    fn strings(&mut self, key: &str, value: &Value, slot: &mut Vec<String>) {
        let items = match value {
            Value::Null => Some(Vec::new()),
            Value::Sequence(items) => items.iter().map(yaml::scalar_text).collect(),
            other => yaml::scalar_text(other).map(|text| vec![text]),
        };
        match items {
            Some(items) => *slot = items,
            None => self.wrong_type(&[key], "a list of strings", value),
        }
    }

    /// SPEC 9 (v2) `allow`: known codes are kept; an unknown one is a
    /// warning (with the code it is likely a typo of) and is left out.
    fn allow(&mut self, value: &Value, slot: &mut Vec<String>) {
        let mut codes = Vec::new();
        self.strings("allow", value, &mut codes);
        let known = crate::diagnostic::codes();
        for code in codes {
            let code = code.trim().to_lowercase();
            if known.contains(&code.as_str()) {
                if !slot.contains(&code) {
                    slot.push(code);
                }
                continue;
            }
            let (line, column) = yaml::key_position(self.text, &["allow"])
                .map_or((1, 1), |(line, column)| (line + 1, column));
            let suggestion = closest(&code, known.iter().copied());
            self.diagnostics.push(Diagnostic::warning(
                FILE_NAME,
                (line, column),
                DiagnosticKind::UnknownCode { code, suggestion },
            ));
        }
    }

    /// A size in bytes: a number, or a number and a unit, `10MB`, `512 KiB`
    /// (`KB`, `MB`, `GB` are powers of 1000, `KiB`, `MiB`, `GiB` of 1024).
    fn size(&mut self, key: &str, value: &Value, slot: &mut u64) {
        match yaml::scalar_text(value).as_deref().and_then(parse_size) {
            Some(bytes) if bytes > 0 => *slot = bytes,
            _ => self.wrong_type(&[key], "a size such as 10MB", value),
        }
    }

    /// A date `YYYY-MM-DD`, or nothing.
    fn date(&mut self, key: &str, value: &Value, slot: &mut Option<jiff::civil::Date>) {
        if value.is_null() {
            *slot = None;
            return;
        }
        match yaml::scalar_text(value).map(|text| text.trim().parse()) {
            Some(Ok(date)) => *slot = Some(date),
            _ => self.wrong_type(&[key], "a date YYYY-MM-DD", value),
        }
    }

    fn boolean(&mut self, key: &str, value: &Value, slot: &mut bool) {
        match value {
            Value::Bool(b) => *slot = *b,
            _ => self.wrong_type(&[key], "true or false", value),
        }
    }

    /// A number between 0 and 1.
    fn share(&mut self, path: &[&str], value: &Value, slot: &mut f64) {
        match value.as_f64() {
            Some(x) if (0.0..=1.0).contains(&x) => *slot = x,
            Some(x) => self.error(
                path,
                &format!("`{}` must be between 0 and 1, found {x}", path.join(".")),
                Some("write shares as fractions: 0.3 for 30 %"),
            ),
            None => self.wrong_type(path, "a number between 0 and 1", value),
        }
    }

    fn daily_format(&mut self, value: &Value, slot: &mut String) {
        let mut format = slot.clone();
        self.string("daily_format", value, &mut format);
        if ["YYYY", "MM", "DD"]
            .iter()
            .all(|part| format.contains(part))
        {
            *slot = format;
        } else {
            self.error(
                &["daily_format"],
                &format!("`daily_format` must contain YYYY, MM and DD, found `{format}`"),
                Some("e.g. YYYY-MM-DD (Obsidian) or YYYY_MM_DD (Logseq)"),
            );
        }
    }

    fn busy_day(&mut self, value: &Value, slot: &mut BusyDay) {
        let Value::Mapping(map) = value else {
            return self.wrong_type(
                &["busy_day"],
                "a mapping with min_hours and max_compounding_share",
                value,
            );
        };
        for (key, value) in map {
            match key.as_str() {
                Some("min_hours") => match value.as_f64() {
                    Some(hours) if (0.0..=24.0).contains(&hours) => slot.min_hours = hours,
                    _ => self.error(
                        &["busy_day", "min_hours"],
                        "`busy_day.min_hours` must be a number of hours between 0 and 24",
                        None,
                    ),
                },
                Some("max_compounding_share") => {
                    self.share(
                        &["busy_day", "max_compounding_share"],
                        value,
                        &mut slot.max_compounding_share,
                    );
                }
                other => {
                    let name = other.unwrap_or("?");
                    self.unknown_key(&["busy_day", name], &["min_hours", "max_compounding_share"]);
                }
            }
        }
    }

    fn shares(&mut self, key: &str, value: &Value, slot: &mut BTreeMap<String, f64>) {
        let Value::Mapping(map) = value else {
            return self.wrong_type(&[key], "a mapping of category to share", value);
        };
        let mut shares = BTreeMap::new();
        for (name, share) in map {
            let Some(name) = yaml::scalar_text(name) else {
                continue;
            };
            let mut parsed = f64::NAN;
            self.share(&[key, &name], share, &mut parsed);
            if !parsed.is_nan() {
                shares.insert(name, parsed);
            }
        }
        *slot = shares;
    }

    fn categories(&mut self, value: &Value, slot: &mut Vec<Category>) {
        let Value::Mapping(map) = value else {
            return self.wrong_type(
                &["categories"],
                "a mapping of name to {kind, value, tags}",
                value,
            );
        };
        let mut categories = Vec::new();
        for (name, definition) in map {
            let Some(name) = yaml::scalar_text(name) else {
                continue;
            };
            let Value::Mapping(definition) = definition else {
                self.wrong_type(
                    &["categories", &name],
                    "a mapping with kind, value, tags and keywords",
                    definition,
                );
                continue;
            };
            let mut category = Category {
                name: name.clone(),
                kind: Kind::Linear,
                value: 0.0,
                tags: Vec::new(),
                keywords: default_keywords(&name),
            };
            for (key, field) in definition {
                match key.as_str() {
                    Some("kind") => match field.as_str() {
                        Some("linear") => category.kind = Kind::Linear,
                        Some("compounding") => category.kind = Kind::Compounding,
                        _ => self.error(
                            &["categories", &name, "kind"],
                            &format!(
                                "`kind` of category `{name}` must be `linear` or `compounding`"
                            ),
                            Some("linear work returns value once; compounding work keeps paying"),
                        ),
                    },
                    Some("value") => {
                        self.share(&["categories", &name, "value"], field, &mut category.value);
                    }
                    Some("tags") => {
                        let mut tags = Vec::new();
                        self.strings("tags", field, &mut tags);
                        category.tags = tags
                            .iter()
                            .flat_map(|tags| tags.split([',', ' ']))
                            .filter(|tag| !tag.is_empty())
                            .map(|tag| tag.trim_start_matches('#').to_lowercase())
                            .collect();
                    }
                    Some("keywords") => {
                        let mut keywords = Vec::new();
                        self.strings("keywords", field, &mut keywords);
                        category.keywords = keywords.iter().flat_map(|k| keyword_list(k)).collect();
                    }
                    other => {
                        let field_name = other.unwrap_or("?");
                        self.unknown_key(
                            &["categories", &name, field_name],
                            &["kind", "value", "tags", "keywords"],
                        );
                    }
                }
            }
            categories.push(category);
        }
        if categories.is_empty() {
            self.error(
                &["categories"],
                "`categories` is empty",
                Some("the default categories are used"),
            );
        } else {
            *slot = categories;
        }
    }
}

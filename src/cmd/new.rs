//! `leverage new`: today's daily note (or another day's) from the vault's
//! template, where and how the vault already names its daily notes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::civil::Date;
use leverage::config::Config;
use leverage::period::{Kind, Period};

use super::init::create_new;
use crate::cli::NewArgs;

const DEFAULT_TEMPLATE: &str = "---\ndate: {{date}}\n---\n# {{weekday}}, {{date}}\n\n- ";

/// Where daily notes go and what they start from.
#[derive(Debug, PartialEq, Eq)]
struct DailySettings {
    folder: String,
    format: String,
    template: Option<String>,
}

pub fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let vault = &args.vault.vault;
    if !vault.is_dir() {
        anyhow::bail!("no vault at `{}`: it is not a folder", vault.display());
    }
    let (config, _) = Config::load(vault);
    let settings = settings(
        &config,
        std::fs::read_to_string(vault.join(".obsidian/daily-notes.json"))
            .ok()
            .as_deref(),
    );
    let date = args.date.unwrap_or_else(|| jiff::Zoned::now().date());
    let path = note_path(vault, &settings, date);
    let template = match &settings.template {
        Some(template) => {
            let file = if Path::new(template).extension().is_some() {
                template.clone()
            } else {
                format!("{template}.md")
            };
            std::fs::read_to_string(vault.join(&file)).unwrap_or_else(|error| {
                eprintln!(
                    "warning: cannot read the daily template `{file}` ({error}); using a plain one"
                );
                DEFAULT_TEMPLATE.to_owned()
            })
        }
        None => DEFAULT_TEMPLATE.to_owned(),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if create_new(&path, &fill(&template, date, &stem))? {
        eprintln!("created {}", path.display());
    } else {
        eprintln!("{} exists; it is left as it is", path.display());
    }
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// The vault's own settings win; Obsidian's daily-notes plugin settings fill
/// in what `leverage.yaml` leaves out.
fn settings(config: &Config, obsidian: Option<&str>) -> DailySettings {
    let obsidian: serde_json::Value = obsidian
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default();
    let from_obsidian = |key: &str| {
        obsidian
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let pick = |key: &str, own: &str, theirs: &str| {
        if config.given.contains(key) {
            Some(own.to_owned())
        } else {
            from_obsidian(theirs).or_else(|| Some(own.to_owned()))
        }
    };
    DailySettings {
        folder: pick("daily_folder", &config.daily_folder, "folder")
            .unwrap_or_default()
            .trim_matches('/')
            .to_owned(),
        format: pick("daily_format", &config.daily_format, "format").unwrap_or_default(),
        template: if config.given.contains("daily_template") {
            config.daily_template.clone()
        } else {
            from_obsidian("template").or_else(|| config.daily_template.clone())
        },
    }
}

fn note_path(vault: &Path, settings: &DailySettings, date: Date) -> PathBuf {
    let name = settings
        .format
        .replace("YYYY", &format!("{:04}", date.year()))
        .replace("MM", &format!("{:02}", date.month()))
        .replace("DD", &format!("{:02}", date.day()));
    let mut path = vault.to_path_buf();
    if !settings.folder.is_empty() {
        path.push(&settings.folder);
    }
    path.push(format!("{name}.md"));
    path
}

/// Fills `{{date}}`, `{{weekday}}`, `{{week}}` and `{{title}}` (spaces inside the braces allowed).
fn fill(template: &str, date: Date, title: &str) -> String {
    let values = [
        ("date", date.to_string()),
        ("weekday", date.strftime("%A").to_string()),
        ("week", Period::containing(Kind::Week, date).to_string()),
        ("title", title.to_owned()),
    ];
    let mut out = template.to_owned();
    for (key, value) in &values {
        out = out
            .replace(&format!("{{{{{key}}}}}"), value)
            .replace(&format!("{{{{ {key} }}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn placeholders_are_filled() {
        let text = fill(
            "date: {{date}}\n# {{ weekday }} ({{week}}) {{title}}",
            date(2026, 11, 22),
            "2026-11-22",
        );
        assert_eq!(text, "date: 2026-11-22\n# Sunday (2026-W47) 2026-11-22");
    }

    #[test]
    fn obsidian_settings_fill_what_the_config_leaves_out() {
        let obsidian = r#"{"folder": "Journal/", "format": "YYYY/MM/YYYY-MM-DD", "template": "Templates/Day"}"#;
        let (config, _) = Config::parse("title: x\n");
        let found = settings(&config, Some(obsidian));
        assert_eq!(
            found,
            DailySettings {
                folder: "Journal".into(),
                format: "YYYY/MM/YYYY-MM-DD".into(),
                template: Some("Templates/Day".into())
            }
        );
        assert_eq!(
            note_path(Path::new("v"), &found, date(2026, 11, 2)),
            Path::new("v/Journal/2026/11/2026-11-02.md")
        );

        let (config, _) = Config::parse("daily_folder: journals\ndaily_format: YYYY_MM_DD\n");
        let found = settings(&config, Some(obsidian));
        assert_eq!(
            (found.folder.as_str(), found.format.as_str()),
            ("journals", "YYYY_MM_DD")
        );
        assert_eq!(
            note_path(Path::new("v"), &found, date(2026, 11, 2)),
            Path::new("v/journals/2026_11_02.md")
        );
    }

    #[test]
    fn defaults_without_either() {
        let found = settings(&Config::default(), None);
        assert_eq!(
            note_path(Path::new("v"), &found, date(2026, 1, 5)),
            Path::new("v/daily/2026-01-05.md")
        );
    }
}

//! How each figure is computed (issue 12): the rules of SPEC 6 with the
//! numbers of the config in force, and a worked example from the vault.

use serde_json::{Value, json};
use tera::Context;

use crate::render::site::Site;

impl Site<'_> {
    pub(crate) fn formulas(&self) -> Context {
        let config = self.config;
        let categories: Vec<Value> = config
            .categories
            .iter()
            .map(|c| {
                json!({
                    "name": c.name,
                    "kind": c.kind.as_str(),
                    "value": crate::format::decimal(c.value, 2),
                    "tags": c.tags.join(", "),
                    "keywords": c.keywords.join(", "),
                    "target": config.targets.get(&c.name).map(|t| super::percent(*t)),
                })
            })
            .collect();
        // The latest done, timed activity: its leverage-hours, step by step.
        let example = self.report.example.as_ref().map(|(at, rule)| {
            let a = &self.report.activities[*at];
            let category = &config.categories[a.category_index];
            let minutes = a.minutes.unwrap_or(0);
            let linked = !a.outcomes.is_empty();
            let factor = if linked { 1.0 } else { config.unlinked_factor };
            let result = a.leverage_hours.unwrap_or(0.0);
            json!({
                "text": a.text,
                "place": format!("{}:{}", a.file, a.line),
                "minutes": minutes,
                "hours": crate::format::decimal(f64::from(minutes) / 60.0, 2),
                "category": category.name,
                "rule": rule,
                "value": crate::format::decimal(category.value, 2),
                "linked": linked,
                "factor": crate::format::decimal(factor, 2),
                "result": crate::format::decimal(result, 2),
            })
        });
        page! {
            "page_title": "How each figure is computed",
            "categories": categories,
            "unlinked_factor": crate::format::decimal(config.unlinked_factor, 2),
            "busy_hours": crate::format::decimal(config.busy_day.min_hours, 1),
            "busy_share": super::percent(config.busy_day.max_compounding_share),
            "neglect_days": crate::score::NEGLECT_DAYS + 1,
            "example": example,
        }
    }
}

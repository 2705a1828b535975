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
                    "value": c.value,
                    "tags": c.tags.join(", "),
                    "keywords": c.keywords.join(", "),
                    "target": config.targets.get(&c.name),
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
                // The step the formula multiplies: hours, not minutes.
                "hours": f64::from(minutes) / 60.0,
                "category": category.name,
                "rule": rule,
                "value": category.value,
                "linked": linked,
                "factor": factor,
                "result": result,
            })
        });
        page! {
            "page_title": "How each figure is computed",
            "categories": categories,
            "unlinked_factor": config.unlinked_factor,
            "busy_hours": config.busy_day.min_hours,
            "busy_share": config.busy_day.max_compounding_share,
            "neglect_days": crate::score::NEGLECT_DAYS + 1,
            "example": example,
        }
    }
}

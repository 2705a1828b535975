//! The problems page: every diagnostic of the vault.

use serde_json::{Value, json};
use tera::Context;

use crate::render::site::Site;

impl Site<'_> {
    pub(crate) fn problems(&self) -> Context {
        let problems: Vec<Value> = self
            .report
            .diagnostics
            .iter()
            .map(|d| {
                json!({
                    "place": format!("{}:{}:{}", d.file, d.line, d.column),
                    "severity": d.severity,
                    "message": d.message,
                    "code": d.code,
                    "hint": d.hint,
                })
            })
            .collect();
        page! { "page_title": "Problems", "problems": problems, "errors": self.report.errors(), "warnings": self.report.warnings() }
    }
}

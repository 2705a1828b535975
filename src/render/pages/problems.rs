//! The problems page: the diagnostics grouped by code (SPEC 9 (v2)), errors
//! first, each group folded in a `<details>` with its count; no JavaScript.

use serde_json::{Value, json};
use tera::Context;

use crate::render::site::Site;
use crate::report::DiagnosticRow;

impl Site<'_> {
    pub(crate) fn problems(&self) -> Context {
        let mut groups: Vec<(&'static str, Vec<&DiagnosticRow>)> = Vec::new();
        for row in &self.report.diagnostics {
            match groups.iter_mut().find(|(code, _)| *code == row.code) {
                Some((_, rows)) => rows.push(row),
                None => groups.push((row.code, vec![row])),
            }
        }
        let errors_of = |rows: &[&DiagnosticRow]| {
            rows.iter()
                .filter(|row| row.severity == crate::diagnostic::Severity::Error)
                .count()
        };
        // Errors first, then the largest groups, then by code.
        groups.sort_by(|a, b| {
            (errors_of(&b.1) > 0, b.1.len())
                .cmp(&(errors_of(&a.1) > 0, a.1.len()))
                .then(a.0.cmp(b.0))
        });
        let groups: Vec<Value> = groups
            .iter()
            .map(|(code, rows)| {
                let errors = errors_of(rows);
                json!({
                    "code": code,
                    "count": rows.len(),
                    "errors": errors,
                    "warnings": rows.len() - errors,
                    "problems": rows.iter().map(|d| json!({
                        "place": format!("{}:{}:{}", d.file, d.line, d.column),
                        "severity": d.severity,
                        "message": d.message,
                        "hint": d.hint,
                    })).collect::<Vec<Value>>(),
                })
            })
            .collect();
        let allowed: Vec<Value> = self
            .report
            .allowed
            .iter()
            .map(|(code, count)| json!({ "code": code, "count": count }))
            .collect();
        page! {
            "page_title": "Problems",
            "groups": groups,
            "allowed": allowed,
            "errors": self.report.errors(),
            "warnings": self.report.warnings(),
        }
    }
}

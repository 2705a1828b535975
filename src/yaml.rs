//! Small helpers over `yaml_serde` shared by the config and front-matter
//! readers: parse with a located error, and find the line a key sits on, so a
//! bad value is reported at its place in the user's file.

use yaml_serde::Value;

use crate::diagnostic::LineIndex;

/// A YAML syntax error at a 1-based line and column of the parsed text.
pub struct SyntaxError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// Parses YAML into a generic value; an empty document is `Null`.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    yaml_serde::from_str::<Value>(text).map_err(|error| {
        // The position is found again from the byte offset, counting lines the
        // way every diagnostic does (`\n` only): YAML also ends a line at a
        // lone `\r`, NEL, LS and PS, so its own line number can lie past the
        // end of the file.
        let (line, column) = error.location().map_or((1, 1), |at| {
            let mut offset = at.index().min(text.len());
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            LineIndex::new(text).position(offset)
        });
        // yaml_serde appends " at line L column C"; we print the position ourselves.
        let message = error.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        SyntaxError {
            line,
            column,
            message,
        }
    })
}

/// Where the value of the key at `path` (mapping keys from the top) starts:
/// a 0-based line of `text` and a 1-based character column. Falls back to the
/// deepest key found, so a diagnostic always lands near its cause.
pub fn key_position(text: &str, path: &[&str]) -> Option<(u32, u32)> {
    key_and_value_position(text, path).map(|(line, _, value)| (line, value))
}

/// Like [`key_position`], with the column of the key itself: (line, key column, value column).
pub fn key_and_value_position(text: &str, path: &[&str]) -> Option<(u32, u32, u32)> {
    let mut found = None;
    let mut parent_indent: Option<usize> = None;
    let mut depth = 0;
    for (number, line) in text.lines().enumerate() {
        if depth == path.len() {
            break;
        }
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if parent_indent.is_some_and(|parent| indent <= parent) {
            // Left the parent's block without finding the key.
            break;
        }
        let Some(rest) = strip_key(content, path[depth]) else {
            continue;
        };
        let value_start = line.len() - rest.trim_start().len();
        let column = line[..value_start.min(line.len())].chars().count() + 1;
        let key_column = line[..indent].chars().count() + 1;
        found = Some((number as u32, key_column as u32, column as u32));
        parent_indent = Some(indent);
        depth += 1;
    }
    found
}

/// `key: rest` (the key bare or quoted) gives `rest`.
fn strip_key<'t>(content: &'t str, key: &str) -> Option<&'t str> {
    let content = content.strip_prefix("- ").unwrap_or(content);
    [key.to_owned(), format!("\"{key}\""), format!("'{key}'")]
        .iter()
        .find_map(|form| content.strip_prefix(form.as_str()))
        .and_then(|rest| rest.strip_prefix(':'))
        .filter(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r']))
}

/// A scalar as text (strings, numbers and booleans), for keys whose value is words.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A number, or a string holding one.
pub fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64().filter(|x| x.is_finite()),
        Value::String(s) => crate::parse::inline::number(s),
        _ => None,
    }
}

/// A YAML type name for messages.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys() {
        let text = "title: x\nbusy_day:\n  # comment\n  min_hours: lots\n";
        assert_eq!(key_position(text, &["title"]), Some((0, 8)));
        assert_eq!(
            key_position(text, &["busy_day", "min_hours"]),
            Some((3, 14))
        );
        assert_eq!(key_position(text, &["busy_day", "nope"]), Some((1, 10)));
        assert_eq!(key_position(text, &["missing"]), None);
    }

    /// Found by fuzzing: lone carriage returns are line breaks to YAML, not
    /// to an editor, and the error landed on line 116 of a 17-line note.
    #[test]
    fn syntax_errors_are_located_on_the_files_own_lines() {
        let text = "a: x\r\r\r\r\r\r\r\r\r\r\nb: [unclosed\n";
        let Err(error) = parse(text) else {
            panic!("expected an error");
        };
        assert!(error.line <= 3, "line {} of a 3-line text", error.line);
        let text = "a: \u{2028}\u{2028}\u{85}é\nb: {c\n";
        let Err(error) = parse(text) else {
            panic!("expected an error");
        };
        assert!(error.line <= 3, "line {} of a 3-line text", error.line);
    }

    #[test]
    fn syntax_errors_are_located() {
        let Err(error) = parse("a: 1\nb: [unclosed\n") else {
            panic!("expected an error");
        };
        assert!(error.line >= 2, "line {}", error.line);
        assert!(!error.message.contains(" at line "), "{}", error.message);
    }
}

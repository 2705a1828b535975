//! The Tera filters that format numbers and dates, registered in one place
//! (the way Zola registers its own). Contexts carry numbers (minutes as
//! integers, shares as fractions, dates as ISO dates) and templates format
//! them here, so a vault's template override can reformat a figure, and the
//! site rounds exactly as the terminal and the Markdown report do: every
//! filter is a thin wrapper over [`crate::format`] (SPEC 8, half up).
//!
//! Each filter passes `none` through, so `{{ x | percent or "–" }}` shows a
//! dash for a figure that has no value.

// Tera's filter signature takes the keyword arguments by value.
#![allow(clippy::needless_pass_by_value)]

use jiff::civil::Date;
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::format;

/// Registers every filter on `tera`.
pub(super) fn register(tera: &mut Tera) {
    tera.register_filter("hours", hours);
    tera.register_filter("duration", duration);
    tera.register_filter("percent", percent);
    tera.register_filter("decimal", decimal);
    tera.register_filter("fixed", fixed);
    tera.register_filter("signed", signed);
    tera.register_filter("date", date);
}

/// A number out of a value, or `None` for `none`; anything else is an error
/// that names the filter.
fn number(value: &Value, filter: &str) -> TeraResult<Option<f64>> {
    if value.is_none() {
        return Ok(None);
    }
    value.as_f64().map(Some).ok_or_else(|| {
        tera::Error::message(format!(
            "the `{filter}` filter takes a number, not {}",
            value.name()
        ))
    })
}

fn minutes(value: &Value, filter: &str) -> TeraResult<Option<u64>> {
    Ok(number(value, filter)?.map(|m| m.max(0.0).round() as u64))
}

fn places(kwargs: &Kwargs, default: usize) -> TeraResult<usize> {
    Ok(kwargs.get::<usize>("places")?.unwrap_or(default))
}

fn text(value: Option<String>) -> Value {
    value.map_or_else(Value::none, Value::from)
}

/// Minutes → hours with one decimal, no trailing `.0`: 195 → "3.3", 180 →
/// "3". `fixed=true` keeps the `.0` for aligned columns.
fn hours(value: &Value, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let fixed = kwargs.get::<bool>("fixed")?.unwrap_or(false);
    Ok(text(minutes(value, "hours")?.map(|m| {
        if fixed {
            format::hours_fixed(m)
        } else {
            format::hours(m)
        }
    })))
}

/// Minutes → "1h 30m", "45m", "2h"; 0 or `none` → none.
fn duration(value: &Value, _: Kwargs, _: &State) -> TeraResult<Value> {
    Ok(text(
        minutes(value, "duration")?
            .filter(|&m| m > 0)
            .map(format::duration),
    ))
}

/// A share (0.346) → "35 %"; `places=1` → "34.6 %".
fn percent(value: &Value, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let places = places(&kwargs, 0)?;
    Ok(text(
        number(value, "percent")?.map(|share| format::percent(share, places)),
    ))
}

/// At most `places` decimals (default 2), trailing zeros dropped.
fn decimal(value: &Value, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let places = places(&kwargs, 2)?;
    Ok(text(
        number(value, "decimal")?.map(|v| format::decimal(v, places)),
    ))
}

/// Exactly `places` decimals (default 1).
fn fixed(value: &Value, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let places = places(&kwargs, 1)?;
    Ok(text(
        number(value, "fixed")?.map(|v| format::fixed(v, places)),
    ))
}

/// A change with its sign: "+1.5", "-0.3", "0"; at most
/// `places` decimals (default 1).
fn signed(value: &Value, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let places = places(&kwargs, 1)?;
    Ok(text(
        number(value, "signed")?.map(|v| format::signed(v, places)),
    ))
}

/// An ISO date ("2026-11-12") → `format` (strftime, default "%a %-d %b %Y").
fn date(value: &Value, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    if value.is_none() {
        return Ok(Value::none());
    }
    let shape = kwargs.get::<&str>("format")?.unwrap_or("%a %-d %b %Y");
    let day: Date = value.as_str().and_then(|s| s.parse().ok()).ok_or_else(|| {
        tera::Error::message(format!(
            "the `date` filter takes an ISO date, not {}",
            value.name()
        ))
    })?;
    Ok(Value::from(day.strftime(shape).to_string()))
}

#[cfg(test)]
mod tests {
    use tera::{Context, Tera};

    fn render(template: &str, context: &Context) -> String {
        let mut tera = Tera::new();
        super::register(&mut tera);
        tera.add_raw_templates([("t", template)]).unwrap();
        tera.render("t", context).unwrap()
    }

    fn with(key: &'static str, value: impl serde::Serialize) -> Context {
        let mut context = Context::new();
        context.insert(key, &value);
        context
    }

    // Issue 12 item 7: the site rounds as the terminal and `report` do.
    #[test]
    fn hours_round_half_up_as_everywhere() {
        assert_eq!(render("{{ m | hours }}", &with("m", 195u64)), "3.3");
        assert_eq!(render("{{ m | hours }}", &with("m", 180u64)), "3");
        assert_eq!(
            render("{{ m | hours(fixed=true) }}", &with("m", 180u64)),
            "3.0"
        );
        assert_eq!(render("{{ m | hours }}", &with("m", 0u64)), "0");
    }

    #[test]
    fn none_passes_through_for_a_dash() {
        let none = with("x", None::<f64>);
        for filter in [
            "hours", "duration", "percent", "decimal", "fixed", "signed", "date",
        ] {
            assert_eq!(
                render(&format!("{{{{ x | {filter} or \"–\" }}}}"), &none),
                "–",
                "{filter}"
            );
        }
    }

    #[test]
    fn duration_reads_as_hours_and_minutes() {
        assert_eq!(render("{{ m | duration }}", &with("m", 90u32)), "1h 30m");
        assert_eq!(render("{{ m | duration }}", &with("m", 45u32)), "45m");
        assert_eq!(render("{{ m | duration }}", &with("m", 120u32)), "2h");
        assert_eq!(render("{{ m | duration or \"\" }}", &with("m", 0u32)), "");
    }

    #[test]
    fn percent_of_a_share() {
        assert_eq!(render("{{ s | percent }}", &with("s", 0.346)), "35 %");
        assert_eq!(
            render("{{ s | percent(places=1) }}", &with("s", 0.3465)),
            "34.7 %"
        );
        assert_eq!(render("{{ s | percent }}", &with("s", 1u8)), "100 %");
    }

    #[test]
    fn decimal_fixed_and_signed() {
        assert_eq!(render("{{ v | decimal }}", &with("v", 0.1 + 0.2)), "0.3");
        assert_eq!(render("{{ v | decimal }}", &with("v", 5.0)), "5");
        assert_eq!(
            render("{{ v | decimal(places=1) }}", &with("v", 3.25)),
            "3.3"
        );
        assert_eq!(render("{{ v | fixed }}", &with("v", 2.0)), "2.0");
        assert_eq!(render("{{ v | fixed(places=2) }}", &with("v", 2.0)), "2.00");
        assert_eq!(render("{{ v | signed }}", &with("v", 1.54)), "+1.5");
        assert_eq!(render("{{ v | signed }}", &with("v", -0.26)), "-0.3");
        assert_eq!(render("{{ v | signed }}", &with("v", 0.01)), "0");
    }

    #[test]
    fn dates_from_iso() {
        let day = jiff::civil::date(2026, 11, 12);
        assert_eq!(render("{{ d }}", &with("d", day)), "2026-11-12");
        assert_eq!(render("{{ d | date }}", &with("d", day)), "Thu 12 Nov 2026");
        assert_eq!(
            render("{{ d | date(format=\"%-d %b\") }}", &with("d", day)),
            "12 Nov"
        );
    }

    #[test]
    fn a_wrong_type_is_an_error_naming_the_filter() {
        let mut tera = Tera::new();
        super::register(&mut tera);
        tera.add_raw_templates([("t", "{{ x | hours }}")]).unwrap();
        let error = tera.render("t", &with("x", "soon")).unwrap_err();
        assert!(format!("{error:?}").contains("hours"), "{error:?}");
    }
}

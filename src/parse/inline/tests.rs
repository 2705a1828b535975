use super::duration::DAY_MINUTES;
use super::*;
use crate::diagnostic::Kind;
use proptest::prelude::*;

fn tag_names(text: &str) -> Vec<String> {
    tags(text).into_iter().map(|t| t.name).collect()
}

fn minutes(text: &str) -> Vec<u32> {
    let (found, problems) = durations(text);
    assert!(problems.is_empty(), "{text:?}: {problems:?}");
    found.iter().map(|d| d.minutes).collect()
}

fn problems(text: &str) -> Vec<String> {
    let (found, problems) = durations(text);
    assert!(found.is_empty(), "{text:?}: {found:?}");
    problems.into_iter().map(|p| p.kind.to_string()).collect()
}

fn keys_values(text: &str) -> Vec<(String, String)> {
    fields(text).into_iter().map(|f| (f.key, f.value)).collect()
}

fn kv(key: &str, value: &str) -> (String, String) {
    (key.to_owned(), value.to_owned())
}

#[test]
fn tag_at_start_after_space_and_after_paren() {
    assert_eq!(
        tags("#system built (#deal) and #a"),
        vec![
            Tag {
                written: None,
                name: "system".into(),
                at: 0,
                end: 7
            },
            Tag {
                written: None,
                name: "deal".into(),
                at: 15,
                end: 20
            },
            Tag {
                written: None,
                name: "a".into(),
                at: 26,
                end: 28
            },
        ]
    );
}

#[test]
fn tag_needs_space_or_paren_before_it() {
    assert!(tags("learning C# today").is_empty());
    assert!(tags("see https://x.org/#frag").is_empty());
    assert!(tags("x[#tag]").is_empty());
    assert_eq!(tag_names("#a#b"), ["a"]);
}

#[test]
fn nothing_in_a_bare_url_is_a_tag() {
    assert!(tags("https://x.org/a(#frag)").is_empty());
    assert!(tags("(see https://x.org/a_(#b)) ok").is_empty());
    assert_eq!(tag_names("https://x.org/(#a) #b (#c)"), ["b", "c"]);
    assert_eq!(tag_names("ratio 2:// (#a)"), ["a"]);
}

#[test]
fn tag_needs_a_character_that_is_not_a_digit() {
    assert!(tags("issue #123").is_empty());
    assert!(tags("issue #١٢٣").is_empty());
    assert_eq!(tag_names("#123abc"), ["123abc"]);
    assert_eq!(tag_names("#2026-q4"), ["2026-q4"]);
    assert_eq!(tag_names("#_"), ["_"]);
}

// Issue 15 item 12: tags in NFC, without invisible characters.
#[test]
fn item_12_tags_are_normalised_with_the_written_form_kept() {
    let found = tags(
        "#ad\u{200d}min #admin #cafe\u{301} #caf\u{e9} #\u{645}\u{6cc}\u{200c}\u{631}\u{648}\u{645}",
    );
    let names: Vec<&str> = found.iter().map(|tag| tag.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "admin",
            "admin",
            "caf\u{e9}",
            "caf\u{e9}",
            "\u{645}\u{6cc}\u{200c}\u{631}\u{648}\u{645}"
        ]
    );
    assert_eq!(found[0].written.as_deref(), Some("ad\u{200d}min"));
    assert_eq!(found[1].written, None);
    assert_eq!(found[2].written.as_deref(), Some("cafe\u{301}"));
    assert_eq!(found[3].written, None);
    assert_eq!(found[4].written, None, "a Persian ZWNJ is spelling");
}

#[test]
fn tag_is_lower_cased() {
    assert_eq!(tag_names("#Deal #SALES/Q4"), ["deal", "sales/q4"]);
}

#[test]
fn nested_tags_lose_trailing_slashes_and_dashes() {
    assert_eq!(tag_names("#a/b/c"), ["a/b/c"]);
    assert_eq!(tag_names("#a/b/ #c- #d/-/"), ["a/b", "c", "d"]);
    assert!(tags("#/ #- #--/").is_empty());
}

#[test]
fn nested_tags_have_no_empty_parts() {
    assert_eq!(
        tag_names("#/a #a//b #//a///b/ #a/-//b"),
        ["a", "a/b", "a/b", "a/-/b"]
    );
    assert!(tags("#// #/123").is_empty());
}

#[test]
fn tag_ends_at_punctuation() {
    assert_eq!(tag_names("#tag. #tag, #tag; (#tag) #tag's"), ["tag"; 5]);
}

#[test]
fn headings_and_bare_hashes_are_not_tags() {
    assert!(tags("# heading").is_empty());
    assert!(tags("##tag").is_empty());
    assert!(tags("#").is_empty());
}

#[test]
fn tags_in_any_script() {
    assert_eq!(tag_names("#café"), ["café"]);
    assert_eq!(tag_names("#Café"), ["café"]);
    // Counted in NFC (issue 15 item 12): the decomposed `é` is the `é` tag.
    assert_eq!(tag_names("#cafe\u{301} x"), ["caf\u{e9}"]);
    assert_eq!(tag_names("#日本語"), ["日本語"]);
    assert_eq!(tag_names("#Проект"), ["проект"]);
    assert_eq!(tag_names("#हिन्दी"), ["हिन्दी"]);
    assert_eq!(tag_names("#ที่ทำงาน"), ["ที่ทำงาน"]);
    assert_eq!(tag_names("#می\u{200C}خواهم"), ["می\u{200C}خواهم"]);
    assert_eq!(tag_names("x\u{3000}#日本"), ["日本"]);
}

#[test]
fn whole_text_field() {
    let field = fields("  Time:: 2h  ");
    assert_eq!(
        field,
        vec![Field {
            key: "time".into(),
            value: "2h".into(),
            span: 2..11,
            value_span: 9..11,
        }]
    );
}

#[test]
fn whole_text_field_only_when_it_is_the_whole_text() {
    assert!(fields("met Bob, time:: 2h").is_empty());
    assert!(fields("see [[Note]] time:: 2h").is_empty());
    assert!(fields(" :: 2h").is_empty());
    assert_eq!(keys_values("time spent:: 2h"), [kv("time spent", "2h")]);
}

#[test]
fn bracketed_fields_anywhere() {
    let found = fields("call [Time:: 90m] with (Category:: admin)");
    assert_eq!(
        found,
        vec![
            Field {
                key: "time".into(),
                value: "90m".into(),
                span: 5..17,
                value_span: 13..16,
            },
            Field {
                key: "category".into(),
                value: "admin".into(),
                span: 23..41,
                value_span: 35..40,
            },
        ]
    );
}

#[test]
fn bracketed_value_counts_nested_brackets_of_its_kind() {
    assert_eq!(keys_values("[time:: [[x]]]"), [kv("time", "[[x]]")]);
    assert_eq!(keys_values("(value:: f(x)) y"), [kv("value", "f(x)")]);
    assert_eq!(keys_values("[note:: a (b] c)"), [kv("note", "a (b")]);
    assert_eq!(keys_values("[a:: x]]"), [kv("a", "x")]);
}

#[test]
fn unclosed_bracket_is_no_field() {
    assert!(fields("[time:: 2h").is_empty());
    assert!(fields("did x (time:: 2h").is_empty());
    assert!(fields("[time:: [[x]]").is_empty());
    assert_eq!(keys_values("[a:: [b] (c:: d)"), [kv("c", "d")]);
}

#[test]
fn key_rules() {
    assert_eq!(keys_values("[Time Spent :: 1h]"), [kv("time spent", "1h")]);
    assert_eq!(
        keys_values("[saves-per_week2:: x]"),
        [kv("saves-per_week2", "x")]
    );
    assert!(fields("[ time:: 1h]").is_empty());
    assert!(fields("[time: 1h]").is_empty());
    assert!(fields("[[Note]]").is_empty());
    assert_eq!(keys_values("[k::]"), [kv("k", "")]);
}

#[test]
fn fields_do_not_nest_and_bracketed_ones_win() {
    assert_eq!(keys_values("[a:: (b:: c)]"), [kv("a", "(b:: c)")]);
    assert_eq!(
        keys_values("time:: 2h (category:: admin)"),
        [kv("category", "admin")]
    );
}

#[test]
fn every_duration_form() {
    for (text, expected) in [
        ("90m", 90),
        ("90min", 90),
        ("90mins", 90),
        ("2h", 120),
        ("1.5h", 90),
        ("2hr", 120),
        ("2hrs", 120),
        ("1h30m", 90),
        ("1h30", 90),
        ("1h30min", 90),
        ("1h30mins", 90),
        ("1.5hrs", 90),
        ("0m", 0),
    ] {
        assert_eq!(minutes(text), [expected], "{text}");
    }
}

#[test]
fn separate_tokens_add_up() {
    let found = minutes("wrote 1h 30m");
    assert_eq!(found, [60, 30]);
    assert_eq!(found.iter().sum::<u32>(), 90);
}

#[test]
fn duration_spans() {
    let (found, _) = durations("spent 2h (1h30m) on it");
    let spans: Vec<_> = found.into_iter().map(|d| d.span).collect();
    assert_eq!(spans, [6..8, 10..15]);
}

#[test]
fn duration_must_stand_alone() {
    for text in [
        "$2m", "2mo", "a2h", "2hours", "x-2h", "2h-3h", "1.5h30m", "2h.5", "2h/", "1h30x", "2.h",
        ".5h",
    ] {
        assert_eq!(minutes(text), [] as [u32; 0], "{text}");
    }
    for text in [
        "2h,",
        "(2h)",
        "[2h]",
        "2h.",
        "2h;",
        "2h:",
        "x 2h y",
        "2h\tx",
        "x\u{a0}2h",
        // SPEC 4 (v2): case-insensitive, `~`, decimal comma.
        "2H",
        "~2h",
        "(~2h)",
        "1,5h 30m",
    ] {
        assert_eq!(minutes(text).iter().sum::<u32>(), 120, "{text}");
    }
    assert_eq!(minutes("[90m]"), [90]);
}

#[test]
fn fractions_of_a_minute_round_half_up() {
    assert_eq!(minutes("1.5h"), [90]);
    assert_eq!(minutes("0.5m"), [1]);
    assert_eq!(minutes("0.25m"), [0]);
    assert_eq!(minutes("1.01h"), [61]);
    assert_eq!(minutes("0.025h"), [2]);
    assert_eq!(minutes("0.0249h"), [1]);
    assert_eq!(minutes("0.008333333333333333334h"), [1]);
    assert_eq!(minutes("0.008333333333333333333h"), [0]);
}

#[test]
fn more_than_a_day_is_a_problem() {
    assert_eq!(minutes("24h"), [1440]);
    assert_eq!(minutes("1440m"), [1440]);
    assert_eq!(
        problems("25h"),
        ["duration of 25 hours is longer than a day"]
    );
    assert_eq!(
        problems("1441m"),
        ["duration of 24.02 hours is longer than a day"]
    );
    assert_eq!(
        problems("24h30m"),
        ["duration of 24.5 hours is longer than a day"]
    );
    let (_, found) = durations("x 123456789012345678901234567890m");
    assert_eq!(
        found,
        vec![DurationProblem {
            span: 2..33,
            kind: Kind::TooLarge,
        }]
    );
    assert!(found[0].kind.hint().is_some());
    assert_eq!(problems("99999999999999999999h"), ["duration is too large"]);
    assert_eq!(minutes("000000000000000000000000000090m"), [90]);
}

#[test]
fn leading_clock_range() {
    assert_eq!(minutes("09:00-10:30 standup"), [90]);
    assert_eq!(minutes("9:00\u{2013}10:30 standup"), [90]);
    assert_eq!(minutes("9:00 - 10:30"), [90]);
    assert_eq!(minutes("  9:00 -10:30: standup"), [90]);
    assert_eq!(minutes("9:00-9:00"), [0]);
    assert_eq!(minutes("09:00-10:30, prep 30m"), [90, 30]);
    let (found, _) = durations(" 9:00 - 10:30 x");
    assert_eq!(found[0].span, 1..13);
}

#[test]
fn clock_range_crossing_midnight() {
    assert_eq!(minutes("23:30-00:15"), [45]);
    assert_eq!(minutes("22:00-1:00"), [180]);
}

#[test]
fn impossible_clock_is_a_problem() {
    let (found, problems) = durations("25:00-26:00 x");
    assert!(found.is_empty());
    assert_eq!(
        problems,
        vec![DurationProblem {
            span: 0..5,
            kind: Kind::InvalidClock {
                clock: "25:00".into()
            },
        }]
    );
    let (found, problems) = durations("9:00-9:75");
    assert!(found.is_empty());
    assert_eq!(problems[0].kind.to_string(), "invalid clock time 9:75");
    assert_eq!(problems[0].span, 5..9);
}

#[test]
fn single_times_and_garbled_clocks_are_no_duration() {
    for text in [
        "9:00",
        "at 9am",
        "9:0-10:00",
        "100:00-101:00",
        "9-10",
        "Round 1 - 25",
        "x9:00-10:00",
    ] {
        assert_eq!(durations(text), (vec![], vec![]), "{text}");
    }
}

// SPEC 4 (v2) Durations: clock ranges anywhere, with am/pm and `to`.
#[test]
fn clock_ranges_anywhere() {
    for (text, expected) in [
        ("Sync with Ana 14:00-15:00", 60),
        ("standup 9:00 - 10:30", 90),
        ("Deep work (08:30-09:45)", 75),
        ("10:00 to 17:30 workshop", 450),
        ("9:00 AM - 10:30 AM call", 90),
        ("9am-10:30am", 90),
        ("9am - 10am", 60),
        ("9:30-11am", 90),
        ("11:30-1pm lunch", 90),
        ("9-10am", 60),
        ("10pm-1am", 180),
        ("9 a.m. - 5 p.m.", 480),
        ("09:00-10:30am", 90),
        ("5:30 to 6:30pm", 60),
        ("11:30AM to 2pm: Meeting", 150),
        ("9 to 10AM: Travel", 60),
        ("08:45-12:13 (3 hours and 28 minutes)(208)", 208),
        ("0800-0825 email", 25),
    ] {
        assert_eq!(minutes(text), [expected], "{text}");
    }
    assert_eq!(problems("x 25:00-26:00"), ["invalid clock time 25:00"]);
    assert_eq!(problems("x 13pm-2pm"), ["invalid clock time 13pm"]);
}

// SPEC 4 (v2): `0800-0825` only at the start; years are no clocks.
#[test]
fn four_digit_ranges_only_at_the_start() {
    assert_eq!(minutes("#email 0800-0825 inbox"), [25]);
    assert!(minutes("review 0800-0825").is_empty());
    assert!(minutes("1990-2000 retrospective").is_empty());
    assert_eq!(field_minutes("0800-0825"), (Some(25), vec![]));
}

// SPEC 4 (v2) Durations: spaced forms at the start, the end, or in brackets.
#[test]
fn spaced_forms_at_the_edges() {
    for (text, expected) in [
        ("45 mins standup", 45),
        ("#client 2 hours drafting", 120),
        ("drafting the proposal 1.5 hrs", 90),
        ("drafting 1 hr 15 min", 75),
        ("drafting 1 hour 30 minutes #client", 90),
        ("wrote the doc **(3 hours)** then stopped", 180),
        ("reviewed PRs [15 mins] and lunch", 15),
        ("reviewed (~1 hour) and lunch", 60),
        ("Round 1 - 25 min", 25),
        ("3 Hours: migration", 180),
        ("call with Bo, 30 minutes.", 30),
        ("2 h deep work", 120),
        ("one 1h 15 min", 75),
        ("1h 15 min drafting", 60),
    ] {
        assert_eq!(minutes(text).iter().sum::<u32>(), expected, "{text}");
    }
}

// SPEC 4 (v2): "every 2 hours" in prose stays prose.
#[test]
fn spaced_forms_in_prose_are_no_durations() {
    for text in [
        "stretch every 2 hours during the day",
        "a 2 hour drive to Lyon",
        "after 45 mins of waiting it worked",
        "meet (in 3 hours or so) again",
    ] {
        assert!(minutes(text).is_empty(), "{text}");
    }
}

// SPEC 4 (v2): estimates count nothing.
#[test]
fn estimates_are_no_durations() {
    for text in [
        "research 1-2 hours",
        "(6\u{2013}8 hours)",
        "1-2h refactor",
        "~1-2h",
        "1.5-2 hrs",
    ] {
        assert!(minutes(text).is_empty(), "{text}");
    }
}

#[test]
fn field_minutes_adds_durations_or_reads_a_bare_integer() {
    assert_eq!(field_minutes("2h"), (Some(120), vec![]));
    assert_eq!(field_minutes("1h 30m"), (Some(90), vec![]));
    assert_eq!(field_minutes(" 90 "), (Some(90), vec![]));
    assert_eq!(field_minutes("09:00-10:30"), (Some(90), vec![]));
    assert_eq!(field_minutes("0"), (Some(0), vec![]));
    assert_eq!(field_minutes("soon"), (None, vec![]));
    assert_eq!(field_minutes(""), (None, vec![]));
    // SPEC 4 (v2): one grammar for text and fields.
    assert_eq!(field_minutes("45 mins"), (Some(45), vec![]));
    assert_eq!(field_minutes("about 1 hr 15 min"), (Some(75), vec![]));
    assert_eq!(field_minutes("9am-10am"), (Some(60), vec![]));
}

#[test]
fn field_minutes_problems() {
    let (total, problems) = field_minutes("30h");
    assert_eq!(total, None);
    assert_eq!(
        problems[0].kind.to_string(),
        "duration of 30 hours is longer than a day"
    );
    let (total, problems) = field_minutes(" 2000");
    assert_eq!(total, None);
    assert_eq!(problems[0].span, 1..5);
    let (total, problems) = field_minutes("25:00-26:00");
    assert_eq!((total, problems.len()), (None, 1));
}

#[test]
fn saves_reads_duration_per_period() {
    assert_eq!(saves("2h/week"), Ok((120, 7)));
    assert_eq!(saves("30m / day"), Ok((30, 1)));
    assert_eq!(saves("1h30m/month"), Ok((90, 30)));
    assert_eq!(saves("1.5h/Quarter"), Ok((90, 91)));
    assert_eq!(saves(" 15min/years "), Ok((15, 365)));
    assert_eq!(saves("2h/WEEKS"), Ok((120, 7)));
    assert_eq!(saves("30h/month"), Ok((1800, 30)));
}

#[test]
fn saves_errors() {
    for value in [
        "2h",
        "2h/fortnight",
        "2 hours/week",
        "2h 30m/week",
        "/week",
        "2h/",
        "x2h/week",
        "2h/s",
        "90/day",
    ] {
        assert!(saves(value).is_err(), "{value}");
    }
    assert_eq!(
        saves("30h/day").map_err(|kind| kind.to_string()),
        Err("duration of 30 hours is longer than a day".to_owned())
    );
    assert_eq!(
        saves("/week").map_err(|kind| kind.to_string()),
        Err("expected a duration per period, like `2h/week`, found `/week`".to_owned())
    );
    assert_eq!(
        saves("2 hours/week").map_err(|kind| kind.to_string()),
        Err("`2 hours` is not a duration, like `2h/week`".to_owned())
    );
    assert_eq!(
        saves("2h/fortnight").map_err(|kind| kind.to_string()),
        Err("unknown period `fortnight`, expected day, week, month, quarter or year".to_owned())
    );
}

#[test]
fn numbers() {
    for (text, expected) in [
        ("42", 42.0),
        (" 7 ", 7.0),
        ("-3.5", -3.5),
        ("+2", 2.0),
        ("1,234.5", 1234.5),
        ("1,234,567", 1_234_567.0),
        ("1_000", 1000.0),
        ("0.25", 0.25),
    ] {
        assert_eq!(number(text), Some(expected), "{text}");
    }
    for text in [
        "", "-", "12%", "5 kg", "5kg", "1,5", "1,2345", "1234,567", "1.", ".5", "1__0", "_1", "1_",
        "1.2.3", "--1", "1e5", "inf", "NaN", "1,_234",
    ] {
        assert_eq!(number(text), None, "{text}");
    }
}

#[test]
fn pathological_inputs_stay_linear() {
    // Each would take minutes if any scan restarted from every position.
    let n = 200_000;
    assert!(fields(&"[a:: ".repeat(n)).is_empty());
    assert!(fields(&"(a ".repeat(n)).is_empty());
    assert_eq!(fields(&"[a:: [".repeat(n)).len(), 0);
    assert!(tags(&"#1".repeat(n)).is_empty());
    assert!(durations(&" 1".repeat(n)).0.is_empty());
    assert!(durations(&"1.".repeat(n)).0.is_empty());
    assert_eq!(durations(&format!("{}m", "0".repeat(n))).0[0].minutes, 0);
    assert_eq!(number(&"1".repeat(n)), None);
}

fn on_boundaries(text: &str, span: &Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn check_everything(text: &str) {
    for tag in tags(text) {
        assert!(text.is_char_boundary(tag.at) && text[tag.at..].starts_with('#'));
        assert!(!tag.name.is_empty());
    }
    for field in fields(text) {
        assert!(on_boundaries(text, &field.span));
        assert!(on_boundaries(text, &field.value_span));
        assert!(field.span.start <= field.value_span.start);
        assert!(field.value_span.end <= field.span.end);
        assert_eq!(text[field.value_span.clone()], field.value);
    }
    let (found, problems) = durations(text);
    for span in found
        .iter()
        .map(|d| &d.span)
        .chain(problems.iter().map(|p| &p.span))
    {
        assert!(on_boundaries(text, span));
    }
    assert!(found.iter().all(|d| d.minutes <= 1440));
    let (_, problems) = field_minutes(text);
    assert!(problems.iter().all(|p| on_boundaries(text, &p.span)));
    if let Ok((minutes, per_days)) = saves(text) {
        assert!(u64::from(minutes) <= DAY_MINUTES * u64::from(per_days));
    }
    let _ = number(text);
}

proptest! {
    #[test]
    fn nothing_panics_and_spans_are_sound(text in any::<String>()) {
        check_everything(&text);
    }

    #[test]
    fn nothing_panics_on_near_misses(
        text in "[0-9hmrsin:.\u{2013}\\-\\[\\]()# a-zé日\u{94d}_,/%+]{0,40}"
    ) {
        check_everything(&text);
    }

    #[test]
    fn minutes_round_trip(n in 0_u32..=1440) {
        prop_assert_eq!(minutes(&format!("{n}m")), [n]);
        prop_assert_eq!(minutes(&format!("({n}min)")), [n]);
    }

    #[test]
    fn hours_and_minutes_round_trip(h in 0_u32..24, m in 0_u32..60) {
        prop_assert_eq!(minutes(&format!("x {h}h{m}m y")), [h * 60 + m]);
        prop_assert_eq!(minutes(&format!("{h}h{m}")), [h * 60 + m]);
        prop_assert_eq!(minutes(&format!("{h}.{m}h")), [
            // Exact decimal arithmetic: h.m hours, rounded half up.
            u32::try_from((u64::from(h) * 60 * 10_u64.pow(digits(m)) + u64::from(m) * 60
                + 10_u64.pow(digits(m)) / 2) / 10_u64.pow(digits(m))).unwrap()
        ]);
    }

    #[test]
    fn clock_ranges_round_trip(from in 0_u32..1440, to in 0_u32..1440) {
        let text = format!("{}:{:02}-{:02}:{:02} x", from / 60, from % 60, to / 60, to % 60);
        prop_assert_eq!(minutes(&text), [(to + 1440 - from) % 1440]);
    }

    // SPEC 4 (v2): no duration is read inside a word or a bare URL.
    #[test]
    fn no_duration_inside_a_word_or_url(
        word in "[a-zA-Z_]{1,6}",
        h in 0_u32..24,
        m in 0_u32..60,
    ) {
        for text in [
            format!("{word}{h}h{m}m"),
            format!("{h}h{m}mx{word}"),
            format!("{word}{h}:{m:02}-{h}:{m:02}"),
            format!("{word}{h} hours"),
            format!("{h}-{m} hours"),
            format!("https://x.org/{h}h/{m}min?t={h}:{m:02}-{h}:{m:02}"),
            format!("see https://x.org/{word}/{m}m ok"),
        ] {
            prop_assert!(durations(&text).0.is_empty(), "{}", text);
        }
    }

    // SPEC 4 (v2): durations written in different forms add up.
    #[test]
    fn forms_add_up(
        h in 0_u32..5,
        m in 0_u32..60,
        spaced in 0_u32..300,
        from in 0_u32..1440,
        to in 0_u32..1440,
    ) {
        let range = (to + 1440 - from) % 1440;
        let text = format!(
            "{h}h{m}m review [{spaced} mins] sync {}:{:02} - {}:{:02} #x",
            from / 60, from % 60, to / 60, to % 60
        );
        prop_assert_eq!(minutes(&text).iter().sum::<u32>(), h * 60 + m + spaced + range);
        let text = format!("#x {h} hr {m} min on the spec {h}H{m}");
        prop_assert_eq!(minutes(&text).iter().sum::<u32>(), 2 * (h * 60 + m));
    }

    #[test]
    fn tags_round_trip(w in "\\p{L}[\\p{L}\\p{Nd}_]{0,12}") {
        prop_assert_eq!(tag_names(&format!("x #{w} y")), [normalise_tag(w.to_lowercase()).0]);
    }
}

fn digits(n: u32) -> u32 {
    n.checked_ilog10().unwrap_or(0) + 1
}

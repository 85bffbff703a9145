use super::*;
use crate::domain::pack::tests::EXAMPLE;
use crate::domain::pack::{AnswerOption, KnowledgeCheck, Pack, PlacementOption, PlacementQuestion};

fn example() -> Pack {
    Pack::from_json(EXAMPLE).expect("the documented example parses")
}

type Mutation = fn(&mut Pack);

fn module(p: &mut Pack) -> &mut Module {
    &mut p.tracks[0].modules[0]
}

fn second_module(p: &mut Pack, id: &str) {
    let mut copy = p.tracks[0].modules[0].clone();
    copy.id = id.into();
    for (n, unit) in copy.units.iter_mut().enumerate() {
        unit.id = format!("{id}-unit-{n}");
    }
    for (n, scenario) in copy.scenarios.iter_mut().enumerate() {
        scenario.id = format!("{id}-scenario-{n}");
    }
    p.tracks[0].modules.push(copy);
}

#[test]
fn the_example_is_clean() {
    let report = validate(&example());
    assert!(report.problems.is_empty(), "{:#?}", report.lines());
}

/// One rule per row: a change to the clean example, and the exact line the validator must print.
#[test]
fn each_rule_reports_an_exact_located_message() {
    let cases: Vec<(&str, Mutation, &str)> = vec![
        ("pack id", |p| p.id = "Tiny Demo".into(),
         "pack: id \"Tiny Demo\" is not a valid id: use lowercase letters, digits and single hyphens, at most 48 characters"),
        ("empty pack id", |p| p.id = "".into(), "pack: id is empty"),
        ("version", |p| p.version = "1.0".into(),
         "pack: version \"1.0\" is not a semantic version such as 1.0.0"),
        ("format", |p| p.format = 0, "pack: format is 0; this version of Fluency reads formats 1 to 2"),
        ("title", |p| p.title = "  ".into(), "pack: title is empty"),
        ("long title", |p| p.title = "x".repeat(200),
         "pack: title is 200 characters long; the limit is 160"),
        ("language", |p| p.language = "en_GB".into(),
         "pack: language \"en_GB\" is not a language tag such as en or zh-CN"),
        ("no tracks", |p| p.tracks.clear(), "pack: the pack has no tracks"),
        ("reserved track id", |p| p.tracks[0].id = "review".into(),
         "track \"review\": track id \"review\" is taken by one of Learn's own pages (/learn/review); choose another"),
        ("duplicate track", |p| { let t = p.tracks[0].clone(); p.tracks.push(t); },
         "track \"basics\": duplicate track id \"basics\""),
        ("audience", |p| p.tracks[0].audience.clear(),
         "track \"basics\": audience is empty: name at least one role"),
        ("no modules", |p| p.tracks[0].modules.clear(), "track \"basics\": the track has no modules"),
        ("duplicate module", |p| { let m = p.tracks[0].modules[0].clone(); p.tracks[0].modules.push(m); },
         "track \"basics\" › module \"checking-output\": duplicate id \"checking-output\": already used by module \"checking-output\""),
        ("duplicate unit", |p| { let u = module(p).units[0].clone(); module(p).units.push(u); },
         "track \"basics\" › module \"checking-output\" › unit \"checking-output-why\": duplicate id \"checking-output-why\": already used by unit \"checking-output-why\""),
        ("objectives", |p| module(p).objectives.truncate(1),
         "track \"basics\" › module \"checking-output\": the module has 1 learning objectives; it needs 2 to 5"),
        ("too many objectives", |p| module(p).objectives = vec![crate::domain::pack::Objective::Text("Do a thing".into()); 6],
         "track \"basics\" › module \"checking-output\": the module has 6 learning objectives; it needs 2 to 5"),
        ("module minutes", |p| module(p).minutes = 0,
         "track \"basics\" › module \"checking-output\": estimated minutes is 0"),
        ("no units", |p| module(p).units.clear(),
         "track \"basics\" › module \"checking-output\": the module has no units"),
        ("no check", |p| module(p).check = KnowledgeCheck { questions: vec![] },
         "track \"basics\" › module \"checking-output\": the knowledge check has no questions"),
        ("no scenario", |p| module(p).scenarios.clear(),
         "track \"basics\" › module \"checking-output\": the module has no scenario exercise"),
        ("unknown prerequisite", |p| module(p).prerequisites = vec!["ghost".into()],
         "track \"basics\" › module \"checking-output\": prerequisite \"ghost\" is not a module in this pack"),
        ("self prerequisite", |p| module(p).prerequisites = vec!["checking-output".into()],
         "track \"basics\" › module \"checking-output\": prerequisites form a cycle: checking-output → checking-output"),
        ("cycle of two", |p| {
            second_module(p, "alpha");
            p.tracks[0].modules[0].prerequisites = vec!["alpha".into()];
            p.tracks[0].modules[1].prerequisites = vec!["checking-output".into()];
        }, "track \"basics\" › module \"alpha\": prerequisites form a cycle: alpha → checking-output → alpha"),
        ("no correct option", |p| { for o in &mut module(p).check.questions[2].options { o.correct = false; } },
         "track \"basics\" › module \"checking-output\" › question 3: no option is marked correct"),
        ("two correct in single", |p| { for o in &mut module(p).check.questions[0].options { o.correct = true; } },
         "track \"basics\" › module \"checking-output\" › question 1: 2 options are marked correct; a single-choice question needs exactly one"),
        ("two correct in true/false", |p| { for o in &mut module(p).check.questions[2].options { o.correct = true; } },
         "track \"basics\" › module \"checking-output\" › question 3: 2 options are marked correct; a true/false question needs exactly one"),
        ("true/false ids", |p| module(p).check.questions[2].options[0].id = "yes".into(),
         "track \"basics\" › module \"checking-output\" › question 3: a true/false question needs exactly two options, with ids \"true\" and \"false\""),
        ("missing feedback", |p| module(p).check.questions[1].options[2].feedback = "".into(),
         "track \"basics\" › module \"checking-output\" › question 2 › option 3: feedback is empty: say why this option is right or wrong"),
        ("one option", |p| module(p).check.questions[0].options.truncate(1),
         "track \"basics\" › module \"checking-output\" › question 1: the question has 1 options; it needs at least 2"),
        ("duplicate option id", |p| module(p).check.questions[0].options[1].id = "a".into(),
         "track \"basics\" › module \"checking-output\" › question 1 › option 2: duplicate option id \"a\""),
        ("duplicate question id", |p| module(p).check.questions[1].id = "q1".into(),
         "track \"basics\" › module \"checking-output\" › question 2: duplicate question id \"q1\""),
        ("scenario question id clash", |p| module(p).scenarios[0].questions[0].id = "q1".into(),
         "track \"basics\" › module \"checking-output\" › scenario \"checking-output-report\" › question 1: duplicate question id \"q1\""),
        ("empty prompt", |p| module(p).check.questions[0].prompt = "".into(),
         "track \"basics\" › module \"checking-output\" › question 1: prompt is empty"),
        ("empty explanation", |p| module(p).check.questions[0].explanation = "".into(),
         "track \"basics\" › module \"checking-output\" › question 1: explanation is empty"),
        ("javascript link", |p| module(p).units[0].body.push_str("\n\n[x](javascript:alert(1))"),
         "track \"basics\" › module \"checking-output\" › unit \"checking-output-why\": link to \"javascript:alert(1)\" uses the scheme \"javascript\"; only http, https and mailto are allowed"),
        ("data link", |p| module(p).units[0].body.push_str("\n\n[x](DATA:text/html,hi)"),
         "track \"basics\" › module \"checking-output\" › unit \"checking-output-why\": link to \"DATA:text/html,hi\" uses the scheme \"data\"; only http, https and mailto are allowed"),
        ("relative link", |p| module(p).units[0].body.push_str("\n\n[x](/learn)"),
         "track \"basics\" › module \"checking-output\" › unit \"checking-output-why\": link to \"/learn\" has no scheme; write a full http, https or mailto address"),
        ("link in scenario", |p| module(p).scenarios[0].situation.push_str(" [x](vbscript:x)"),
         "track \"basics\" › module \"checking-output\" › scenario \"checking-output-report\": link to \"vbscript:x\" uses the scheme \"vbscript\"; only http, https and mailto are allowed"),
        ("huge body", |p| module(p).units[0].body = "word ".repeat(20_000),
         "track \"basics\" › module \"checking-output\" › unit \"checking-output-why\": body is 98 KB; the limit is 64 KB"),
        ("empty body", |p| module(p).units[0].body = "\n".into(),
         "track \"basics\" › module \"checking-output\" › unit \"checking-output-why\": body is empty"),
        ("source scheme", |p| module(p).units[0].sources[0].url = Some("ftp://x.org/a".into()),
         "track \"basics\" › module \"checking-output\" › unit \"checking-output-why\": source 1 links to \"ftp://x.org/a\"; sources must be http or https addresses"),
        ("bank too small", |p| p.tracks[0].certification.assessment_size = 3,
         "track \"basics\": the final-assessment bank has 2 questions, fewer than the assessment size of 3"),
        ("assessment size zero", |p| p.tracks[0].certification.assessment_size = 0,
         "track \"basics\": the final assessment has 0 questions; set its size to at least 1"),
        ("pass mark", |p| p.tracks[0].certification.pass_mark = 101,
         "track \"basics\": pass mark is 101; it must be a percentage from 1 to 100"),
        ("required module unknown", |p| p.tracks[0].certification.required_modules.push("ghost".into()),
         "track \"basics\": required module \"ghost\" is not a module of this track"),
        ("validity", |p| p.tracks[0].certification.validity_months = 0,
         "track \"basics\": validity is 0 months; certificates would expire at once"),
        ("bank question", |p| { for o in &mut p.tracks[0].certification.bank[0].options { o.correct = false; } },
         "track \"basics\" › final-assessment bank › question 1: no option is marked correct"),
        ("unknown objective", |p| module(p).check.questions[0].objectives = vec!["ghost".into()],
         "track \"basics\" › module \"checking-output\" › question 1: \"ghost\" is not an objective of this module"),
        ("objective of another module in a check", |p| { second_module(p, "second"); p.tracks[0].modules[1].objectives[0] = crate::domain::pack::Objective::Identified { id: "second-o1".into(), text: "Other".into() }; module(p).check.questions[0].objectives = vec!["second-o1".into()]; },
         "track \"basics\" › module \"checking-output\" › question 1: \"second-o1\" is not an objective of this module"),
        ("duplicate objective id", |p| module(p).objectives[1] = module(p).objectives[0].clone(),
         "track \"basics\" › module \"checking-output\": duplicate objective id \"checking-output-o1\""),
        ("placement module", |p| p.placement = vec![PlacementQuestion {
            id: "p1".into(), prompt: "Your work?".into(),
            options: vec![
                PlacementOption { id: "a".into(), text: "Lead".into(), points_to: Some(crate::domain::pack::Audience::Leader), knows_modules: vec!["ghost".into()] },
                PlacementOption { id: "b".into(), text: "Build".into(), points_to: Some(crate::domain::pack::Audience::Technical), knows_modules: vec![] },
            ],
        }],
         "placement › question 1 › option 1: \"ghost\" is not a module in this pack"),
    ];
    for (name, mutate, want) in cases {
        let mut pack = example();
        mutate(&mut pack);
        let report = validate(&pack);
        let errors: Vec<String> = report.errors().map(|p| p.to_string()).collect();
        assert!(
            errors.iter().any(|line| line == want),
            "case {name:?}: expected\n  {want}\ngot\n  {errors:#?}"
        );
    }
}

#[test]
fn warnings_are_not_errors() {
    let cases: Vec<(&str, Mutation, &str)> = vec![
        ("short check", |p| module(p).check.questions.truncate(3),
         "track \"basics\" › module \"checking-output\": the knowledge check has 3 questions; 5 or more give a fairer score"),
        ("raw html", |p| module(p).units[0].body.push_str("\n\n<b>bold</b>"),
         "track \"basics\" › module \"checking-output\" › unit \"checking-output-why\": body contains HTML tags, which learners will see as plain text"),
        ("minutes", |p| module(p).minutes = 1,
         "track \"basics\" › module \"checking-output\": estimated 1 minutes, less than its units' 4 minutes"),
        ("tag", |p| module(p).units[0].tags.push("Not A Slug".into()),
         "track \"basics\" › module \"checking-output\" › unit \"checking-output-why\": tag \"Not A Slug\" is not a slug; tags are matched exactly, so keep them lowercase with hyphens"),
        ("validity", |p| p.tracks[0].certification.validity_months = 600,
         "track \"basics\": validity of 600 months is over 10 years; AI practice changes faster than that"),
        ("all correct", |p| { for o in &mut module(p).check.questions[1].options { o.correct = true; } },
         "track \"basics\" › module \"checking-output\" › question 2: every option is marked correct, so choosing everything always passes"),
        ("no outcomes", |p| p.tracks[0].outcomes.clear(), "track \"basics\": the track lists no outcomes"),
        ("a question without objectives", |p| module(p).check.questions[0].objectives.clear(),
         "track \"basics\" › module \"checking-output\" › question 1: the question names no objective it tests, so spaced review cannot show recall for it"),
        ("an untested objective", |p| module(p).objectives.push(crate::domain::pack::Objective::Identified { id: "checking-output-o3".into(), text: "Explain a third thing".into() }),
         "track \"basics\" › module \"checking-output\": objective \"checking-output-o3\" is tested by no question, so its recall cannot be measured"),
        ("unclosed emphasis", |p| module(p).units[0].body.push_str("\n\n**术语：**说明"),
         "track \"basics\" › module \"checking-output\" › unit \"checking-output-why\": body shows \"**\" as text: an emphasis did not close. Put punctuation outside the markers, as in **term**: or **术语**："),
    ];
    for (name, mutate, want) in cases {
        let mut pack = example();
        mutate(&mut pack);
        let report = validate(&pack);
        assert!(!report.has_errors(), "case {name:?}: {:#?}", report.lines());
        let warnings: Vec<String> = report.warnings().map(|p| p.to_string()).collect();
        assert_eq!(
            warnings.first(),
            Some(&want.to_owned()),
            "case {name:?}: {warnings:#?}"
        );
    }
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut pack = example();
    pack.id = "".into();
    module(&mut pack).check.questions[0].options[0].feedback = "".into();
    module(&mut pack).scenarios.clear();
    let report = validate(&pack);
    assert_eq!(report.errors().count(), 3, "{:#?}", report.lines());
}

#[test]
fn problems_name_the_field_to_jump_to() {
    let mut pack = example();
    module(&mut pack).check.questions[0].options[1].feedback = "".into();
    let problem = validate(&pack).problems.remove(0);
    assert_eq!(problem.field, Some("feedback"));
    assert_eq!(
        problem.location,
        vec![
            Segment::Track("basics".into()),
            Segment::Module("checking-output".into()),
            Segment::Question(1),
            Segment::Option(2),
        ]
    );
}

#[test]
fn slug_table() {
    let cases = [
        ("a", true),
        ("llm-evaluation", true),
        ("v2-intro-3", true),
        ("", false),
        ("-a", false),
        ("a-", false),
        ("a--b", false),
        ("A", false),
        ("a_b", false),
        ("é", false),
        (&"a".repeat(49), false),
    ];
    for (id, want) in cases {
        assert_eq!(is_slug(id), want, "{id:?}");
    }
}

#[test]
fn cycles_are_found_once_each() {
    let graph: BTreeMap<&str, Vec<&str>> = BTreeMap::from([
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["d"]),
        ("e", vec!["a"]),
    ]);
    assert_eq!(find_cycles(&graph), vec![vec!["a", "b", "c"], vec!["d"]]);
}

/// A small deterministic generator, so the property test needs no extra dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const HOSTILE_STRINGS: [&str; 10] = [
    "",
    " ",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "- a\n  - b\n    - c\n      - d",
    "\u{0}\u{202e}\u{fffd}",
    "生成式人工智能",
    "{{{{",
    "| a |\n|---|\n| b |",
    "-1",
];

fn mutate(value: &mut serde_json::Value, rng: &mut Rng) {
    use serde_json::Value;
    match value {
        Value::Object(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = &keys[rng.below(keys.len())];
            match rng.below(4) {
                0 => {
                    map.remove(key);
                }
                1 => {
                    map.insert(key.clone(), Value::Null);
                }
                _ => {
                    if let Some(child) = map.get_mut(key) {
                        mutate(child, rng);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = rng.below(items.len());
            match rng.below(4) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let copy = items[i].clone();
                    items.push(copy);
                }
                _ => mutate(&mut items[i], rng),
            }
        }
        Value::String(s) => *s = HOSTILE_STRINGS[rng.below(HOSTILE_STRINGS.len())].to_owned(),
        Value::Number(_) => {
            *value = serde_json::json!([0, 1, u32::MAX, -5, 1.5])[rng.below(5)].clone();
        }
        Value::Bool(b) => *b = !*b,
        _ => {}
    }
}

/// Property: whatever a pack file holds, parsing and validating it returns instead of panicking,
/// and a pack that parses but is changed always gets a report (possibly empty) with located lines.
#[test]
fn never_panics_on_mutated_packs() {
    let base: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut parsed = 0;
    for _ in 0..3_000 {
        let mut value = base.clone();
        for _ in 0..=rng.below(6) {
            mutate(&mut value, &mut rng);
        }
        let text = value.to_string();
        if let Ok(pack) = Pack::from_json(&text) {
            parsed += 1;
            let report = validate(&pack);
            for line in report.lines() {
                assert!(line.contains(": "), "{line}");
            }
            let _ = pack.content_hash();
        }
    }
    assert!(
        parsed > 300,
        "only {parsed} mutated packs parsed; the test would prove little"
    );
}

#[test]
fn never_panics_on_truncated_text() {
    for end in (0..EXAMPLE.len()).step_by(7) {
        if EXAMPLE.is_char_boundary(end) {
            let _ = Pack::from_json(&EXAMPLE[..end]).map(|p| validate(&p));
        }
    }
}

#[test]
fn hostile_option_text_is_shortened_in_messages() {
    let mut pack = example();
    module(&mut pack).check.questions[0].options[1] = AnswerOption {
        id: "a".repeat(500),
        text: "t".into(),
        correct: false,
        feedback: "f".into(),
    };
    module(&mut pack).check.questions[0].options[0].id = "a".repeat(500);
    let lines = validate(&pack).lines();
    assert!(lines.iter().all(|l| l.chars().count() < 300), "{lines:#?}");
}

#[test]
fn a_very_long_markdown_line_is_a_warning_not_an_error() {
    let cases = [
        ("x".repeat(60_000), true),
        (
            format!("{}\n\n{}", "word ".repeat(900), "word ".repeat(900)),
            false,
        ),
        ("x".repeat(limits::MARKDOWN_LINE_CHARS), false),
        ("x".repeat(limits::MARKDOWN_LINE_CHARS + 1), true),
    ];
    for (body, warned) in cases {
        let mut pack = example();
        module(&mut pack).units[0].body = body.clone();
        let report = validate(&pack);
        assert_eq!(report.errors().count(), 0, "{:#?}", report.lines());
        let long = report
            .warnings()
            .filter(|p| p.to_string().contains("without a line break"))
            .count();
        assert_eq!(long, usize::from(warned), "{} chars", body.len());
    }
}

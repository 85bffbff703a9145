use super::*;
use crate::domain::pack::tests::EXAMPLE;
use crate::domain::pack::{AnswerOption, Module};

fn example() -> Pack {
    Pack::from_json(EXAMPLE).expect("the documented example parses")
}

fn module(p: &mut Pack) -> &mut Module {
    &mut p.tracks[0].modules[0]
}

fn scenario(p: &mut Pack) -> &mut Vec<Question> {
    &mut p.tracks[0].modules[0].scenarios[0].questions
}

fn option(id: &str, text: &str, correct: bool) -> AnswerOption {
    AnswerOption {
        id: id.into(),
        text: text.into(),
        correct,
        feedback: format!("Feedback that explains option {id} in its own words."),
    }
}

fn question(id: &str, kind: QuestionKind, options: Vec<AnswerOption>) -> Question {
    Question {
        id: id.into(),
        kind,
        prompt: "Which answer fits the case best?".into(),
        options,
        explanation: "Because of the reasons in the unit.".into(),
        objectives: Vec::new(),
    }
}

fn true_false(id: &str, answer: bool) -> Question {
    question(
        id,
        QuestionKind::TrueFalse,
        vec![
            AnswerOption {
                feedback: "Feedback on the answer True.".into(),
                ..option("true", "True", answer)
            },
            AnswerOption {
                feedback: "Feedback on the answer False.".into(),
                ..option("false", "False", !answer)
            },
        ],
    )
}

fn lines(pack: &Pack) -> Vec<String> {
    lint(pack).iter().map(|p| p.to_string()).collect()
}

type Mutation = fn(&mut Pack);

const CHECK: &str = "track \"basics\" › module \"checking-output\"";
const SCENARIO: &str =
    "track \"basics\" › module \"checking-output\" › scenario \"checking-output-report\"";

#[test]
fn the_documented_example_is_clean() {
    assert_eq!(lines(&example()), Vec::<String>::new());
}

/// One rule per row: a change to the clean example, and an exact line the linter must print.
#[test]
fn each_rule_reports_an_exact_located_message() {
    let cases: Vec<(&str, Mutation, String)> = vec![
        (
            "the key is the longest in most of a set",
            |p| {
                for q in scenario(p).iter_mut().take(3) {
                    for o in &mut q.options {
                        if o.correct {
                            o.text.push_str(", carefully and in full detail");
                        }
                    }
                }
            },
            format!("{SCENARIO}: in this scenario, the correct option is the longest in 3 of 5 single-answer questions: a learner who picks the longest option gains (guideline 24: keep options about equal in length; shorten keys rather than pad distractors)"),
        ),
        (
            "the key is the shortest in most of a set",
            |p| {
                for q in scenario(p).iter_mut() {
                    for o in &mut q.options {
                        if o.correct {
                            o.text = "Check".into();
                        }
                    }
                }
            },
            format!("{SCENARIO}: in this scenario, the correct option is the shortest in 5 of 5 single-answer questions: a learner who picks the shortest option gains (guideline 24: vary which option is longest)"),
        ),
        (
            "the key sits in one position",
            |p| {
                for q in scenario(p).iter_mut() {
                    let key = q.options.iter().position(|o| o.correct).unwrap();
                    q.options.swap(0, key);
                }
            },
            format!("{SCENARIO}: in this scenario, the correct option is option 1 in 5 of 5 questions: vary its position (guideline 20)"),
        ),
        (
            "multiple-answer keys all start at the first option",
            |p| {
                let q = question(
                    "q6",
                    QuestionKind::Multiple,
                    vec![
                        option("a", "Dates", true),
                        option("b", "Fonts", false),
                        option("c", "Sources", true),
                    ],
                );
                module(p).check.questions.push(q);
            },
            format!("{CHECK}: in this knowledge check, every one of the 2 multiple-answer questions has option 1 among its correct options: let some keys start later (guideline 20)"),
        ),
        (
            "true/false keys far from balanced",
            |p| {
                let bank = &mut p.tracks[0].certification.bank;
                bank.clear();
                bank.extend((1..=4).map(|n| true_false(&format!("b{n}"), n == 4)));
                bank.push(true_false("b5", false));
            },
            "track \"basics\" › final-assessment bank: in this final-assessment bank, 4 of 5 true/false questions are answered \"False\": balance them, so that always answering \"False\" does not pay".into(),
        ),
        (
            "a conspicuously long key",
            |p| module(p).check.questions[0].options[1].text = "Likely text, one word after another, from patterns in its training data".into(),
            format!("{CHECK} › question 1 › option 2: the correct option is 71 characters long and the longest distractor 14: a conspicuously long key gives the answer away (guideline 28d)"),
        ),
        (
            "all of the above",
            |p| module(p).check.questions[1].options[1].text = "All of the above".into(),
            format!("{CHECK} › question 2 › option 2: \"all of the above\" lets a learner who spots two right options answer without reading the rest (guideline 26): write a complete option instead"),
        ),
        (
            "none of the above",
            |p| module(p).check.questions[0].options[0].text = "None of the above.".into(),
            format!("{CHECK} › question 1 › option 1: \"none of the above\" tests only what the answer is not (guideline 25): write a complete option instead"),
        ),
        (
            "duplicate options",
            |p| module(p).check.questions[0].options[0].text = "likely TEXT!".into(),
            format!("{CHECK} › question 1 › option 2: option 2 is the same as option 1: make every option a distinct answer (guideline 22)"),
        ),
        (
            "near-duplicate options",
            |p| {
                let q = &mut scenario(p)[1];
                q.options[2].text = "The summarys total, because it is newer".into();
            },
            format!("{SCENARIO} › question 2 › option 3: option 3 is nearly the same as option 1: make every option a distinct answer (guideline 22)"),
        ),
        (
            "absolute words only in distractors",
            |p| scenario(p)[2].options[0].text = "The vendor, who is always responsible".into(),
            format!("{SCENARIO} › question 3 › option 1: \"always\" appears only in distractors, so a test-wise learner rules them out (guideline 28a): drop the absolute word or use such words in keys too"),
        ),
        (
            "a negative stem",
            |p| module(p).check.questions[4].prompt = "Who is not responsible for what you send?".into(),
            format!("{CHECK} › question 5: the prompt is negative (\"not\"): ask the question positively, or keep the negation and emphasise it as **not** (guideline 17)"),
        ),
        (
            "a contracted negative stem",
            |p| module(p).check.questions[4].prompt = "Who can’t you blame for what you send?".into(),
            format!("{CHECK} › question 5: the prompt is negative (\"n't\"): ask the question positively, or keep the negation and emphasise it as **not** (guideline 17)"),
        ),
        (
            "feedback that does not say why",
            |p| module(p).check.questions[0].options[0].feedback = "Wrong.".into(),
            format!("{CHECK} › question 1 › option 1: the feedback \"Wrong.\" does not say why: explain what makes this option right or wrong"),
        ),
        (
            "feedback repeated across options",
            |p| {
                let q = &mut module(p).check.questions[0];
                q.options[1].feedback = q.options[0].feedback.to_uppercase();
            },
            format!("{CHECK} › question 1 › option 2: the feedback repeats option 1's word for word: say why this option in particular is right or wrong"),
        ),
        (
            "a bank a test-wise learner passes",
            |p| {
                let bank = &mut p.tracks[0].certification.bank;
                bank.clear();
                for n in 1..=4 {
                    bank.push(question(
                        &format!("b{n}"),
                        QuestionKind::Single,
                        vec![
                            option("a", "Short", false),
                            option("b", "A good deal longer", n != 4),
                            option("c", "Brief", n == 4),
                        ],
                    ));
                }
                p.tracks[0].certification.assessment_size = 3;
            },
            "track \"basics\" › final-assessment bank: in this final-assessment bank, picking the longest option answers 3 of 4 questions correctly without any knowledge of the content, so a draw of 3 can reach the 3 needed to pass: remove the cues flagged above".into(),
        ),
    ];
    for (name, mutate, want) in cases {
        let mut pack = example();
        mutate(&mut pack);
        let got = lines(&pack);
        assert!(
            got.contains(&want),
            "case {name:?}: expected\n  {want}\ngot\n  {got:#?}"
        );
    }
}

#[test]
fn an_emphasised_negation_is_accepted() {
    for prompt in [
        "Who is **not** responsible for what you send?",
        "Who is *NOT* responsible for what you send?",
        "Which of these is _never_ a reason to skip a check?",
        "Who **can't** you blame for what you send?",
    ] {
        let mut pack = example();
        module(&mut pack).check.questions[4].prompt = prompt.into();
        assert_eq!(lines(&pack), Vec::<String>::new(), "{prompt}");
    }
}

#[test]
fn words_inside_other_words_are_not_flagged() {
    let mut pack = example();
    // "note", "notably", "nevertheless" and "alwaysOn" are not the words "not", "never" or "always".
    module(&mut pack).check.questions[4].prompt =
        "Who notably answers, nevertheless, for what you send?".into();
    scenario(&mut pack)[2].options[0].text = "The vendor of the alwaysOn assistant".into();
    assert_eq!(lines(&pack), Vec::<String>::new());
}

#[test]
fn chinese_word_lists_apply_to_chinese_packs() {
    let mut pack = example();
    pack.language = "zh-CN".into();
    module(&mut pack).check.questions[0].options[0].text = "以上都是".into();
    module(&mut pack).check.questions[4].prompt = "谁不是要为你发出的内容负责的人？".into();
    let got = lines(&pack);
    assert!(got.contains(&format!("{CHECK} › question 1 › option 1: \"以上都是\" lets a learner who spots two right options answer without reading the rest (guideline 26): write a complete option instead")), "{got:#?}");
    assert!(got.contains(&format!("{CHECK} › question 5: the prompt is negative (\"不是\"): ask the question positively, or keep the negation and emphasise it as **不是** (guideline 17)")), "{got:#?}");
    // English words mean nothing in a Chinese pack.
    let mut pack = example();
    pack.language = "zh-CN".into();
    module(&mut pack).check.questions[4].prompt = "Who is not responsible?".into();
    assert_eq!(lines(&pack), Vec::<String>::new());
}

#[test]
fn chinese_lengths_count_characters() {
    let mut pack = example();
    pack.language = "zh-CN".into();
    let q = &mut module(&mut pack).check.questions[0];
    q.options[0].text = "经过核实的事实".into();
    q.options[1].text = "根据训练数据中的规律，一个词接一个词地预测最可能出现的文字".into();
    let got = lines(&pack);
    assert!(got.contains(&format!("{CHECK} › question 1 › option 2: the correct option is 29 characters long and the longest distractor 7: a conspicuously long key gives the answer away (guideline 28d)")), "{got:#?}");
}

/// Each strategy, played on a set built so that it scores a known number.
#[test]
fn testwise_strategies_table() {
    let single = |id: &str, texts: [&str; 3], key: usize| {
        question(
            id,
            QuestionKind::Single,
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| option(&i.to_string(), t, i == key))
                .collect(),
        )
    };
    let multiple = |id: &str, texts: [&str; 4], keys: [usize; 2]| {
        question(
            id,
            QuestionKind::Multiple,
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| option(&i.to_string(), t, keys.contains(&i)))
                .collect(),
        )
    };
    let set = vec![
        // Longest key, in position 1.
        single("s1", ["a much longer one", "short", "tiny"], 0),
        // Longest key, in position 2.
        single("s2", ["short", "a much longer one", "tiny"], 1),
        // Short key, in position 1.
        single("s3", ["tiny", "a much longer one", "short"], 0),
        true_false("t1", false),
        true_false("t2", false),
        true_false("t3", true),
        // The two longest are the keys, and they sit at positions 2 and 3.
        multiple("m1", ["aa", "longest one", "second longest", "b"], [1, 2]),
        // Keys at 1 and 4: no window, not the longest.
        multiple("m2", ["x", "longest one", "second longest", "y"], [0, 3]),
    ];
    let cases = [
        // s1, s2, t1, t2, m1.
        (Strategy::Longest, 5),
        // s3 ("tiny" is shortest and the key), t3 ("True"), and no multiple-answer item (m1's
        // shortest two are 1 and 4, m2's are 1 and 4: right for m2).
        (Strategy::Shortest, 3),
        // Position 1: s1, s3, t3 ("true" comes first), m2 no (window 1-2). Position 2: s2, t1, t2,
        // m1 (window 2-3). Best: 4.
        (Strategy::Position, 4),
        (Strategy::AlwaysFalse, 2),
        (Strategy::KLongest, 1),
        // Singles: longest 2 or position 1 → 2; true/false: false → 2; multiple: 1. Total 5.
        (Strategy::Combined, 5),
    ];
    for (strategy, want) in cases {
        assert_eq!(testwise_score(&set, strategy), want, "{strategy:?}");
    }
    assert_eq!(testwise_score(&[], Strategy::Combined), 0);
}

#[test]
fn hostile_input_is_linted_without_panicking() {
    let mut pack = example();
    let long = "word ".repeat(400);
    let q = &mut module(&mut pack).check.questions[0];
    q.options = (0..8)
        .map(|i| option(&i.to_string(), &format!("{long}{i}"), i == 7))
        .collect();
    q.options.push(option("empty", "", false));
    q.prompt = "**".repeat(1000);
    let got = lines(&pack);
    assert!(
        got.iter().any(|l| l.contains("nearly the same as")),
        "{got:#?}"
    );
}

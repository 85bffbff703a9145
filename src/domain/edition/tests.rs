use super::*;
use crate::domain::pack::tests::EXAMPLE;

fn source() -> Pack {
    Pack::from_json(EXAMPLE).unwrap()
}

/// A complete, current edition of the example: every text replaced, every structure kept.
fn translated() -> Pack {
    let source = source();
    let mut edition = source.clone();
    edition.language = "zh-CN".into();
    edition.title = "小型示例课程包".into();
    for track in &mut edition.tracks {
        track.title = format!("【中】{}", track.title);
        for module in &mut track.modules {
            for unit in &mut module.units {
                unit.body = format!("## 为什么要核查\n\n{}", unit.body.len());
            }
        }
    }
    mark_translated(&source, &mut edition, None);
    edition
}

fn lines(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn a_faithful_edition_has_no_structural_differences() {
    assert_eq!(
        lines(&structural_differences(&source(), &translated())),
        Vec::<String>::new()
    );
}

/// One difference per row, and the exact located error it must produce.
#[test]
fn each_structural_difference_is_a_located_error() {
    type Mutation = fn(&mut Pack);
    let q = "track \"basics\" › module \"checking-output\"";
    let cases: Vec<(&str, Mutation, String)> = vec![
        ("version", |p| p.version = "2.0.0".into(),
         "pack: edition: version is \"2.0.0\" here but \"1.0.0\" in the source".into()),
        ("same language", |p| p.language = "en".into(),
         "pack: edition: the language is \"en\", the same as the source's".into()),
        ("no record", |p| p.edition = None,
         "pack: edition: the pack does not say which source version it translates".into()),
        ("a key moved", |p| {
            let options = &mut p.tracks[0].modules[0].check.questions[0].options;
            options[0].correct = true;
            options[1].correct = false;
        }, format!("{q} › question 1 › option 1: edition: correct is true here but false in the source")),
        ("a kind changed", |p| p.tracks[0].modules[0].check.questions[4].kind = crate::domain::pack::QuestionKind::Scenario,
         format!("{q} › question 5: edition: kind is Scenario here but Single in the source")),
        ("an option reordered", |p| p.tracks[0].modules[0].check.questions[1].options.swap(0, 1),
         format!("{q} › question 2: edition: option 1 is \"b\" here but \"a\" in the source")),
        ("a question missing", |p| { p.tracks[0].modules[0].check.questions.pop(); },
         format!("{q}: edition: 4 questions here, 5 in the source")),
        ("a unit renamed", |p| p.tracks[0].modules[0].units[0].id = "other".into(),
         format!("{q}: edition: unit 1 is \"other\" here but \"checking-output-why\" in the source")),
        ("a rule changed", |p| p.tracks[0].certification.pass_mark = 70,
         "track \"basics\": edition: pass_mark is 70 here but 80 in the source".into()),
        ("a bank key", |p| {
            for o in &mut p.tracks[0].certification.bank[1].options { o.correct = !o.correct; }
        }, "track \"basics\" › final-assessment bank › question 2 › option 1: edition: correct is false here but true in the source".into()),
        ("a prerequisite", |p| p.tracks[0].modules[0].prerequisites.push("x".into()),
         format!("{q}: edition: prerequisites is [\"x\"] here but [] in the source")),
        ("a source address", |p| p.tracks[0].modules[0].units[0].sources[0].url = None,
         format!("{q} › unit \"checking-output-why\": edition: sources is [None] here but [Some(\"https://example.org\")] in the source")),
    ];
    for (name, mutate, want) in cases {
        let mut edition = translated();
        mutate(&mut edition);
        let got = lines(&structural_differences(&source(), &edition));
        assert!(
            got.contains(&want),
            "case {name:?}: expected\n  {want}\ngot\n  {got:#?}"
        );
    }
}

#[test]
fn status_counts_untranslated_and_stale_items_per_kind() {
    let source = source();
    let edition = translated();
    let status = status(&source, &edition);
    assert!(status.is_current(), "{status:?}");
    assert_eq!(status.counts[&ItemKind::Unit], (1, 1));
    assert_eq!(
        status.counts[&ItemKind::Question],
        (12, 12),
        "5 check, 5 scenario, 2 bank"
    );

    // The trainer changes one English unit: exactly that unit is stale.
    let mut changed = source.clone();
    changed.tracks[0].modules[0].units[0]
        .body
        .push_str("\n\nOne more sentence.");
    let status = super::status(&changed, &edition);
    assert_eq!(status.stale, vec!["unit:checking-output-why".to_owned()]);
    assert!(status.untranslated.is_empty());
    assert_eq!(status.counts[&ItemKind::Unit], (0, 1));

    // A new question in the source is untranslated until the translator marks it.
    let mut added = source.clone();
    let mut q = added.tracks[0].modules[0].check.questions[0].clone();
    q.id = "q9".into();
    added.tracks[0].modules[0].check.questions.push(q);
    let status = super::status(&added, &edition);
    assert_eq!(
        status.untranslated,
        vec!["question:checking-output/q9".to_owned()]
    );

    // Marking the fixed item makes the edition current again.
    let mut fixed = edition.clone();
    mark_translated(
        &changed,
        &mut fixed,
        Some(&["unit:checking-output-why".to_owned()]),
    );
    let status = super::status(&changed, &fixed);
    assert!(status.stale.is_empty(), "{status:?}");
}

#[test]
fn fingerprints_follow_text_not_structure() {
    let source = source();
    let before = items(&source);
    let mut reworded = source.clone();
    reworded.tracks[0].modules[0].check.questions[0].options[0]
        .feedback
        .push('!');
    let after = items(&reworded);
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a.fingerprint != b.fingerprint)
        .map(|(a, _)| a.key.as_str())
        .collect();
    assert_eq!(changed, vec!["question:checking-output/q1"]);
    // Keys are unique.
    let keys: std::collections::BTreeSet<&str> = before.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys.len(), before.len());
}

#[test]
fn a_source_pack_hashes_as_before_editions_existed() {
    // `edition` is left out of a source pack's canonical JSON, so its content hash is unchanged.
    assert!(!source().canonical_json().contains("\"edition\""));
    assert!(translated().canonical_json().contains("\"edition\""));
}

#[test]
fn every_item_has_text_fields_that_can_be_set() {
    let mut edition = translated();
    for item in items(&source()) {
        let fields = texts(&edition, &item.key);
        assert!(!fields.is_empty(), "{}", item.key);
        let (field, _) = fields[0];
        assert!(set_text(
            &mut edition,
            &item.key,
            field,
            format!("译文 {}", item.key)
        ));
        assert_eq!(
            texts(&edition, &item.key)[0].1,
            format!("译文 {}", item.key)
        );
    }
    assert!(texts(&edition, "unit:nope").is_empty());
    assert!(!set_text(
        &mut edition,
        "question:checking-output/q1",
        TextField::OptionText(9),
        "x".into()
    ));
    // Text changes never change structure.
    assert!(structural_differences(&source(), &edition).is_empty());
}

#[test]
fn question_fields_list_prompt_options_and_explanation() {
    let fields: Vec<TextField> = texts(&source(), "question:checking-output/q1")
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(
        fields,
        vec![
            TextField::Prompt,
            TextField::OptionText(0),
            TextField::OptionFeedback(0),
            TextField::OptionText(1),
            TextField::OptionFeedback(1),
            TextField::Explanation
        ]
    );
}

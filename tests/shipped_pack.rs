//! The shipped curriculum: it validates, it has the promised shape, and it teaches every required
//! topic in the track where it belongs.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use fluency::domain::pack::{word_count, Audience, Pack, Track};
use fluency::domain::validate::validate;

fn shipped() -> Pack {
    let text =
        std::fs::read_to_string("public/packs/fluency-core.json").expect("the shipped pack exists");
    Pack::from_json(&text).expect("the shipped pack parses")
}

fn track_for(pack: &Pack, audience: Audience) -> &Track {
    pack.tracks
        .iter()
        .find(|t| t.is_for(audience))
        .unwrap_or_else(|| panic!("no track for {audience:?}"))
}

#[test]
fn validates_with_no_errors() {
    let pack = shipped();
    let report = validate(&pack);
    let errors: Vec<String> = report.errors().map(|p| p.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let warnings: Vec<String> = report.warnings().map(|p| p.to_string()).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn has_a_foundation_and_three_role_tracks() {
    let pack = shipped();
    let cases = [
        (Audience::Everyone, 3),
        (Audience::Leader, 4),
        (Audience::Technical, 4),
        (Audience::Frontline, 4),
    ];
    for (audience, min_modules) in cases {
        let track = track_for(&pack, audience);
        assert!(
            track.modules.len() >= min_modules,
            "{}: {} modules",
            track.id,
            track.modules.len()
        );
    }
    assert_eq!(
        pack.tracks[0].audience,
        vec![Audience::Everyone],
        "Foundation comes first"
    );
}

#[test]
fn every_module_meets_the_minimums() {
    let pack = shipped();
    for track in &pack.tracks {
        assert!(
            track.certification.bank.len() >= 12,
            "{}: bank of {}",
            track.id,
            track.certification.bank.len()
        );
        for module in &track.modules {
            let at = format!("{} › {}", track.id, module.id);
            assert!(
                module.units.len() >= 3,
                "{at}: {} units",
                module.units.len()
            );
            assert!(
                module.check.questions.len() >= 5,
                "{at}: {} check questions",
                module.check.questions.len()
            );
            assert!(!module.scenarios.is_empty(), "{at}: no scenario");
            for unit in &module.units {
                let words = word_count(&unit.body);
                // Units on the law (the EU AI Act) run longer than the others; 1,200 words is
                // still one sitting of about six minutes.
                assert!(
                    (300..=1_200).contains(&words),
                    "{at} › {}: {words} words",
                    unit.id
                );
            }
            let questions = module
                .check
                .questions
                .iter()
                .chain(module.scenarios.iter().flat_map(|s| &s.questions))
                .chain(&track.certification.bank);
            for question in questions {
                for option in &question.options {
                    assert!(
                        !option.feedback.trim().is_empty(),
                        "{at} › {}: option {} has no feedback",
                        question.id,
                        option.id
                    );
                }
            }
        }
    }
}

fn question_words(q: &fluency::domain::pack::Question) -> usize {
    word_count(&q.prompt)
        + word_count(&q.explanation)
        + q.options
            .iter()
            .map(|o| word_count(&o.text) + word_count(&o.feedback))
            .sum::<usize>()
}

#[test]
fn totals_at_least_35000_words() {
    let pack = shipped();
    let mut words = 0;
    let mut unit_words = 0;
    for track in &pack.tracks {
        for module in &track.modules {
            unit_words += module
                .units
                .iter()
                .map(|u| word_count(&u.body))
                .sum::<usize>();
            words += module
                .scenarios
                .iter()
                .map(|s| word_count(&s.situation))
                .sum::<usize>();
            words += module
                .check
                .questions
                .iter()
                .chain(module.scenarios.iter().flat_map(|s| &s.questions))
                .map(question_words)
                .sum::<usize>();
        }
        words += track
            .certification
            .bank
            .iter()
            .map(question_words)
            .sum::<usize>();
    }
    words += unit_words;
    println!("curriculum: {words} words in all, {unit_words} in unit bodies");
    assert!(words >= 35_000, "{words} words");
}

/// Each required topic, and the audience of the track that must teach it.
const TOPICS: &[(&str, Audience)] = &[
    // Seed 000: the four pillars and the culture around them.
    ("adoption-pillars", Audience::Leader),
    ("empathy-first", Audience::Leader),
    ("progress-over-perfection", Audience::Leader),
    ("psychological-safety", Audience::Leader),
    ("chestertons-fence", Audience::Leader),
    ("metrics-illuminate", Audience::Leader),
    // Seed 001: LEVERS.
    ("levers", Audience::Leader),
    ("levers-ten-times", Audience::Leader),
    ("extrinsic-rewards", Audience::Leader),
    // Seed 002: why integration fails; AI as a basic skill.
    ("why-ai-fails", Audience::Everyone),
    ("ai-basic-skill", Audience::Everyone),
    ("layered-training", Audience::Leader),
    ("innovation-labs", Audience::Leader),
    ("measuring-success", Audience::Leader),
    ("case-stories", Audience::Leader),
    // Seed 003: empathic AI.
    ("empathic-ai-uses", Audience::Frontline),
    ("empathic-ai-risks", Audience::Frontline),
    ("empathic-ai-risks", Audience::Leader),
    // Seed 004: HR's ten actions and the IBM IBV figures.
    ("hr-ten-actions", Audience::Leader),
    ("ibm-ibv-figures", Audience::Leader),
    ("manager-role", Audience::Leader),
    ("people-skills", Audience::Leader),
    ("human-in-the-loop", Audience::Technical),
    ("guardrails", Audience::Technical),
    ("llm-evaluation", Audience::Technical),
    // Topics for everyone.
    ("genai-basics", Audience::Everyone),
    ("hallucination", Audience::Everyone),
    ("verification", Audience::Everyone),
    ("privacy", Audience::Everyone),
    ("bias-fairness", Audience::Everyone),
    ("human-decision", Audience::Everyone),
    ("tool-feedback", Audience::Everyone),
    // What each role track is about.
    ("strategy", Audience::Leader),
    ("change-management", Audience::Leader),
    ("governance", Audience::Leader),
    ("ethics", Audience::Leader),
    ("leading-through-fear", Audience::Leader),
    ("building", Audience::Technical),
    ("evaluation", Audience::Technical),
    ("deployment", Audience::Technical),
    ("security", Audience::Technical),
    ("integration", Audience::Technical),
    ("use-cases", Audience::Frontline),
    ("checking-output", Audience::Frontline),
    ("escalation", Audience::Frontline),
    ("customer-facing", Audience::Frontline),
];

#[test]
fn every_required_topic_is_taught_in_its_track() {
    let pack = shipped();
    let mut tags: BTreeMap<Audience, BTreeSet<&str>> = BTreeMap::new();
    for track in &pack.tracks {
        for audience in &track.audience {
            let set = tags.entry(*audience).or_default();
            for unit in track.modules.iter().flat_map(|m| &m.units) {
                set.extend(unit.tags.iter().map(String::as_str));
            }
        }
    }
    let missing: Vec<String> = TOPICS
        .iter()
        .filter(|(tag, audience)| !tags.get(audience).is_some_and(|set| set.contains(tag)))
        .map(|(tag, audience)| format!("{tag} in the {audience:?} track"))
        .collect();
    assert!(missing.is_empty(), "untaught topics: {missing:#?}");
}

#[test]
fn seed_figures_are_stated_with_their_source() {
    let pack = shipped();
    let leadership = track_for(&pack, Audience::Leader);
    let text: String = leadership
        .modules
        .iter()
        .flat_map(|m| &m.units)
        .filter(|u| u.tags.iter().any(|t| t == "ibm-ibv-figures"))
        .map(|u| u.body.as_str())
        .collect();
    for figure in [
        "95%",
        "75%",
        "60%",
        "46%",
        "54%",
        "45%",
        "40%",
        "1.4 billion",
        "87%",
        "62%",
        "22%",
        "10%",
        "65%",
        "72%",
        "41%",
        "12th",
    ] {
        assert!(
            text.contains(figure),
            "the IBM IBV units do not state {figure}"
        );
    }
    assert!(text.contains("IBM"), "the figures must name their source");
}

/// The small packs the end-to-end journeys stand in for the shipped one must be valid too, or a
/// journey would test the error page instead of the feature.
#[test]
fn end_to_end_fixture_packs_validate() {
    let dir = std::path::Path::new("end2end/tests/fixtures/packs");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("the fixture folder exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("readable fixture");
            let pack = Pack::from_json(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            let errors: Vec<String> = validate(&pack).errors().map(|p| p.to_string()).collect();
            assert!(errors.is_empty(), "{path:?}: {errors:#?}");
            checked += 1;
        }
    }
    assert!(checked >= 1);
}

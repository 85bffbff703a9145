//! The shipped curriculum's assessments measure learning: no test-wise strategy passes them,
//! every unit names its sources, placement measures placement, certificates require what their
//! modules build on, and certificates and reports from the first published version keep verifying.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use fluency::domain::certification::{required_modules, version_update};
use fluency::domain::credential::{read_certificate, Certificates, Verdict};
use fluency::domain::history::{PackHistory, PublishedVersion};
use fluency::domain::item_lint::{testwise_score, Strategy};
use fluency::domain::pack::{Audience, Pack, Question};
use fluency::domain::progress::Progress;
use fluency::domain::report::parse_signed;
use fluency::domain::schema::Schema;

fn shipped() -> Pack {
    Pack::from_json(&std::fs::read_to_string("public/packs/fluency-core.json").unwrap()).unwrap()
}

fn published_1_0_0() -> Pack {
    Pack::from_json(include_str!("fixtures/fluency-core-1.0.0.json")).unwrap()
}

fn history() -> PackHistory {
    PackHistory::from_json(&std::fs::read_to_string("public/packs/history.json").unwrap()).unwrap()
}

/// A set of questions a learner is scored on, named, with a final's draw size and pass mark.
type Set<'a> = (String, &'a [Question], Option<(usize, u8)>);

/// Every set of questions a learner is scored on: checks, scenarios and final banks.
fn sets(pack: &Pack) -> Vec<Set<'_>> {
    let mut out = Vec::new();
    for track in &pack.tracks {
        for module in &track.modules {
            out.push((
                format!("check {}", module.id),
                module.check.questions.as_slice(),
                None,
            ));
            for scenario in &module.scenarios {
                out.push((
                    format!("scenario {}", scenario.id),
                    scenario.questions.as_slice(),
                    None,
                ));
            }
        }
        let rules = &track.certification;
        out.push((
            format!("final {}", track.id),
            rules.bank.as_slice(),
            Some((rules.assessment_size as usize, rules.pass_mark)),
        ));
    }
    out
}

/// A learner who reads nothing and plays the cues (longest or shortest option, one position,
/// always "False", the k longest, or the best of them per kind of item) answers fewer than half
/// of every set, and no draw of a final can reach its pass mark.
#[test]
fn test_wise_strategies_fail_every_set() {
    let pack = shipped();
    let mut failures = Vec::new();
    for (name, questions, draw) in sets(&pack) {
        let best = Strategy::ALL
            .iter()
            .map(|&s| (testwise_score(questions, s), s))
            .max_by_key(|&(score, _)| score);
        if let (Some((score, strategy)), Some(_)) = (best, draw) {
            println!(
                "{name}: best cue strategy {strategy:?} answers {score} of {}",
                questions.len()
            );
        }
        for strategy in Strategy::ALL {
            let score = testwise_score(questions, strategy);
            if score * 2 >= questions.len() {
                failures.push(format!(
                    "{name}: {strategy:?} answers {score} of {}",
                    questions.len()
                ));
            }
            if let Some((size, pass_mark)) = draw {
                let need = (usize::from(pass_mark) * size).div_ceil(100);
                // The best draw takes every item the strategy gets right.
                if score.min(size) >= need {
                    failures.push(format!(
                        "{name}: {strategy:?} can pass a draw of {size} ({score} right, {need} needed)"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_key_is_rarely_the_longest_and_sits_in_every_position() {
    let pack = shipped();
    let (mut single, mut longest) = (0, 0);
    let mut positions: BTreeMap<usize, usize> = BTreeMap::new();
    for (_, questions, _) in sets(&pack) {
        for q in questions
            .iter()
            .filter(|q| q.kind.is_single_answer() && q.options.len() > 2)
        {
            let lengths: Vec<usize> = q.options.iter().map(|o| o.text.chars().count()).collect();
            let max = lengths.iter().max().copied().unwrap_or(0);
            let key = q.options.iter().position(|o| o.correct).unwrap();
            single += 1;
            if lengths[key] == max && lengths.iter().filter(|l| **l == max).count() == 1 {
                longest += 1;
            }
            *positions.entry(key).or_default() += 1;
        }
    }
    println!("key strictly longest in {longest} of {single}; key positions {positions:?}");
    assert!(longest * 3 < single, "{longest} of {single}");
    for position in 0..4 {
        let share = positions.get(&position).copied().unwrap_or(0);
        assert!(
            share * 6 > single,
            "position {} holds {share} of {single}",
            position + 1
        );
    }
}

#[test]
fn every_unit_names_its_sources_consistently() {
    let pack = shipped();
    let mut by_url: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut by_title: BTreeMap<&str, BTreeSet<Option<&str>>> = BTreeMap::new();
    for track in &pack.tracks {
        for module in &track.modules {
            for unit in &module.units {
                assert!(!unit.sources.is_empty(), "{} cites no source", unit.id);
                for source in &unit.sources {
                    by_title
                        .entry(source.title.as_str())
                        .or_default()
                        .insert(source.url.as_deref());
                    if let Some(url) = &source.url {
                        by_url.entry(url).or_default().insert(&source.title);
                    }
                }
            }
        }
    }
    for (url, titles) in &by_url {
        assert_eq!(
            titles.len(),
            1,
            "{url} is cited under several titles: {titles:#?}"
        );
    }
    for (title, urls) in &by_title {
        assert_eq!(
            urls.len(),
            1,
            "{title} is cited with different addresses: {urls:#?}"
        );
    }
}

/// Everyone takes a Foundation module on the EU AI Act, whose units cite the Regulation and its
/// articles and say which date of the text they teach.
#[test]
fn the_foundation_teaches_the_eu_ai_act_with_articles() {
    let pack = shipped();
    let foundation = pack
        .tracks
        .iter()
        .find(|t| t.is_for(Audience::Everyone))
        .unwrap();
    let module = foundation.module("eu-ai-act").expect("an eu-ai-act module");
    assert!(foundation
        .certification
        .required_modules
        .contains(&module.id));
    for unit in &module.units {
        assert!(
            unit.sources.iter().any(|s| s.title.contains("2024/1689")
                && s.url.as_deref() == Some("https://eur-lex.europa.eu/eli/reg/2024/1689/oj")),
            "{} does not cite the Regulation on EUR-Lex",
            unit.id
        );
        assert!(
            unit.body.contains("Article "),
            "{} cites no article",
            unit.id
        );
        assert!(
            unit.body.contains("November 2026"),
            "{} does not date the text it teaches",
            unit.id
        );
    }
    // Each role track teaches the Act where that role needs it.
    for audience in [Audience::Leader, Audience::Technical, Audience::Frontline] {
        let track = pack.tracks.iter().find(|t| t.is_for(audience)).unwrap();
        assert!(
            track
                .modules
                .iter()
                .any(|m| m.prerequisites.iter().any(|p| p == "eu-ai-act")),
            "{} has no module building on the AI Act",
            track.id
        );
    }
}

/// Role questions ask about the job; knowledge questions mark modules as known and never vote.
#[test]
fn placement_knowledge_answers_never_vote_for_a_role() {
    let pack = shipped();
    let (mut role, mut knowledge) = (0, 0);
    for question in &pack.placement {
        let tests_knowledge = question.options.iter().any(|o| !o.knows_modules.is_empty());
        if tests_knowledge {
            knowledge += 1;
            assert!(
                question.options.iter().all(|o| o.points_to.is_none()),
                "{}: a knowledge question votes for a role",
                question.id
            );
        } else {
            role += 1;
            assert!(
                question.options.iter().all(|o| o.points_to.is_some()),
                "{}: a role question with an answer that points nowhere",
                question.id
            );
        }
    }
    assert!(
        role >= 3 && knowledge >= 3,
        "{role} role and {knowledge} knowledge questions"
    );
}

/// A role track's certificate requires the modules its modules build on, in other tracks too,
/// transitively: no Frontline certificate without the Foundation modules Frontline builds on.
#[test]
fn role_certificates_require_their_cross_track_prerequisites() {
    let pack = shipped();
    for audience in [Audience::Leader, Audience::Technical, Audience::Frontline] {
        let track = pack.tracks.iter().find(|t| t.is_for(audience)).unwrap();
        let required: BTreeSet<&str> = required_modules(&pack, track)
            .iter()
            .map(|(_, m)| m.id.as_str())
            .collect();
        for id in ["genai-essentials", "eu-ai-act"] {
            assert!(required.contains(id), "{} does not require {id}", track.id);
        }
        // Closed under prerequisites.
        for (_, module) in required_modules(&pack, track) {
            for prerequisite in &module.prerequisites {
                assert!(
                    required.contains(prerequisite.as_str()),
                    "{} misses {prerequisite}",
                    track.id
                );
            }
        }
    }
}

/// The history of published versions lists 1.0.0 exactly as it was published, and the pack served
/// now, so that certificates earned against either verify.
#[test]
fn the_history_records_every_published_version() {
    let history = history();
    let old = published_1_0_0();
    let first = history
        .find_version("fluency-core", "1.0.0")
        .expect("1.0.0 is recorded");
    let recomputed = PublishedVersion::of(&old, &first.published, first.notes.clone());
    assert_eq!(first, &recomputed);
    let current = shipped();
    let entry = history
        .find_version(&current.id, &current.version)
        .unwrap_or_else(|| {
            panic!(
                "{} {} is not in public/packs/history.json: record it with `cargo run --example publish_pack`",
                current.id, current.version
            )
        });
    assert_eq!(
        entry,
        &PublishedVersion::of(&current, &entry.published, entry.notes.clone()),
        "the shipped pack changed after it was recorded: record it again with `cargo run --example publish_pack`"
    );
    assert!(entry.note("en").is_some() && entry.note("zh-CN").is_some());
}

/// What a learner's browser held under 1.0.0, recorded from that release
/// (`end2end/tools/record-1.0.0-learner.mjs`).
fn recorded_storage() -> BTreeMap<String, String> {
    serde_json::from_str(include_str!(
        "../end2end/tests/fixtures/v1.0.0/storage.json"
    ))
    .unwrap()
}

fn envelope_data<T: serde::de::DeserializeOwned>(text: &str) -> T {
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    serde_json::from_value(value["data"].clone()).unwrap()
}

#[test]
fn a_1_0_0_certificate_still_verifies_and_names_its_version() {
    let storage = recorded_storage();
    let certificates: Certificates = envelope_data(&storage["fluency.certificates"]);
    let issued = &certificates.issued[0];
    let current = shipped();
    let history = history();
    let now = issued.claims.issued_at + 86_400_000;
    assert_eq!(issued.claims.pack_version, "1.0.0");
    let only_current = |id: &str, version: &str, hash: &str| {
        id == current.id && version == current.version && hash == current.content_hash()
    };
    assert_eq!(issued.verify(now, only_current), Verdict::UnknownPack);
    assert_eq!(
        issued.verify(now, history.knows_or_current(&current)),
        Verdict::Valid
    );
    // The verify link the old release printed reads and verifies the same way.
    let link: serde_json::Value = serde_json::from_str(include_str!(
        "../end2end/tests/fixtures/v1.0.0/certificate.json"
    ))
    .unwrap();
    let from_link = read_certificate(link["verify"].as_str().unwrap()).unwrap();
    assert_eq!(
        from_link.verify(now, history.knows_or_current(&current)),
        Verdict::Valid
    );
    // The fingerprints it carries are the ones the history recorded for 1.0.0.
    let recorded = history.find_version("fluency-core", "1.0.0").unwrap();
    for (module, fingerprint) in &issued.claims.module_hashes {
        assert_eq!(recorded.modules.get(module), Some(fingerprint), "{module}");
    }
    // It stands (a minor version), and the holder is told what is new.
    let foundation = current.track("foundation").unwrap();
    let update = version_update(&current, foundation, [&issued.claims], now).unwrap();
    assert_eq!(
        (update.from.as_str(), update.to.as_str()),
        ("1.0.0", current.version.as_str())
    );
    let changes = update.changes.unwrap();
    assert!(changes.iter().any(|c| matches!(c,
        fluency::domain::certification::ModuleChange::Added { id, .. } if id == "eu-ai-act")));
}

#[test]
fn a_1_0_0_report_still_imports() {
    let text = include_str!("../end2end/tests/fixtures/v1.0.0/report.json");
    let signed = parse_signed(text).unwrap();
    let current = shipped();
    let report = signed.verify(history().knows_or_current(&current)).unwrap();
    assert_eq!(report.pack_version, "1.0.0");
}

/// Progress stored under 1.0.0 migrates with nothing lost: every record keeps its id, each module
/// finished under the old rule now lists exactly what the new one adds, and the rest stays done.
#[test]
fn progress_from_1_0_0_keeps_everything_and_shows_what_is_new() {
    let storage = recorded_storage();
    let stored = &storage[&format!("fluency.{}.fluency-core", Progress::KEY)];
    let progress: Progress = envelope_data(stored);
    let current = shipped();
    let old = published_1_0_0();
    assert!(
        progress.orphans(&current).is_empty(),
        "{:?}",
        progress.orphans(&current)
    );
    let foundation = current.track("foundation").unwrap();
    let before = old.track("foundation").unwrap();
    for module in &foundation.modules {
        let left = progress.module_remaining(module, foundation.certification.pass_mark);
        match before.module(&module.id) {
            Some(old_module) => {
                assert!(!left.check, "{}: its passed check still counts", module.id);
                let new_units: Vec<&str> = module
                    .units
                    .iter()
                    .filter(|u| old_module.unit(&u.id).is_none())
                    .map(|u| u.id.as_str())
                    .collect();
                assert_eq!(
                    left.units, new_units,
                    "{}: only new units are left",
                    module.id
                );
                assert_eq!(
                    left.scenarios.len(),
                    module.scenarios.len(),
                    "{}",
                    module.id
                );
            }
            None => assert_eq!(left.units.len(), module.units.len(), "{} is new", module.id),
        }
    }
}

#[test]
fn words_per_track() {
    let pack = shipped();
    for track in &pack.tracks {
        let words: usize = track
            .modules
            .iter()
            .flat_map(|m| &m.units)
            .map(|u| fluency::domain::pack::word_count(&u.body))
            .sum();
        println!(
            "{}: {} modules, {words} words in units",
            track.id,
            track.modules.len()
        );
        assert!(words > 8_000, "{}: {words}", track.id);
    }
}

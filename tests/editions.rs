//! The shipped language editions: the manifest lists each one, every edition matches its source
//! (ids, keys, kinds, objectives and rules), is current, validates and passes the item-writing
//! linter with its own language's word lists, and is recorded in the history of published versions.
#![cfg(not(target_arch = "wasm32"))]

use fluency::domain::edition::{status, structural_differences};
use fluency::domain::history::PackHistory;
use fluency::domain::item_lint::{testwise_score, Strategy};
use fluency::domain::manifest::{Manifest, Reason};
use fluency::domain::pack::Pack;
use fluency::domain::validate::validate;

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn pack_at(url: &str) -> Pack {
    let path = format!("public{url}");
    Pack::from_json(&read(&path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn manifest() -> Manifest {
    Manifest::from_json(&read("public/packs/index.json")).unwrap()
}

#[test]
fn the_manifest_lists_english_and_simplified_chinese() {
    let manifest = manifest();
    let core = manifest
        .pack("fluency-core")
        .expect("the shipped pack is listed");
    assert_eq!(core.language, "en");
    let source = pack_at(&core.url);
    assert_eq!(
        core.version, source.version,
        "the manifest names the source's version"
    );
    let languages: Vec<&str> = core.editions.iter().map(|e| e.language.as_str()).collect();
    assert_eq!(languages, ["zh-CN"]);
    assert_eq!(core.choose("zh-CN", false).reason, Reason::Edition);
    assert_eq!(core.choose("en", false).reason, Reason::Source);
}

#[test]
fn every_edition_matches_its_source_and_is_current() {
    let manifest = manifest();
    for entry in &manifest.packs {
        let source = pack_at(&entry.url);
        for edition_entry in &entry.editions {
            let edition = pack_at(&edition_entry.url);
            assert_eq!(edition.language, edition_entry.language);
            let differences: Vec<String> = structural_differences(&source, &edition)
                .iter()
                .map(|p| p.to_string())
                .collect();
            assert!(
                differences.is_empty(),
                "{}: {differences:#?}",
                edition_entry.url
            );
            let status = status(&source, &edition);
            assert!(
                status.is_current(),
                "{}: {} untranslated, {} stale: {:?}",
                edition_entry.url,
                status.untranslated.len(),
                status.stale.len(),
                status
                    .stale
                    .iter()
                    .chain(&status.untranslated)
                    .take(5)
                    .collect::<Vec<_>>()
            );
        }
    }
}

/// Both editions validate with no error and no warning: the linter's Chinese word lists and
/// character lengths apply to the Chinese edition.
#[test]
fn every_edition_validates_and_passes_the_item_linter() {
    let manifest = manifest();
    for entry in &manifest.packs {
        let urls = std::iter::once(&entry.url).chain(entry.editions.iter().map(|e| &e.url));
        for url in urls {
            let pack = pack_at(url);
            let lines = validate(&pack).lines();
            assert!(lines.is_empty(), "{url}: {lines:#?}");
            for track in &pack.tracks {
                let bank = &track.certification.bank;
                let best = Strategy::ALL
                    .iter()
                    .map(|s| testwise_score(bank, *s))
                    .max()
                    .unwrap_or(0);
                assert!(
                    best * 2 < bank.len() && best < 8,
                    "{url} › {}: {best}",
                    track.id
                );
            }
        }
    }
}

/// Certificates earned with an edition verify anywhere: each edition is in the history.
#[test]
fn every_edition_is_recorded_in_the_history() {
    let history = PackHistory::from_json(&read("public/packs/history.json")).unwrap();
    for entry in &manifest().packs {
        let urls = std::iter::once(&entry.url).chain(entry.editions.iter().map(|e| &e.url));
        for url in urls {
            let pack = pack_at(url);
            assert!(
                history.knows(&pack.id, &pack.version, &pack.content_hash()),
                "{url} ({} {}) is not recorded: run `cargo run --example publish_pack`",
                pack.language,
                pack.version
            );
        }
    }
}

/// The Chinese edition is Chinese: every unit body is mostly Han characters, and true/false items
/// read 对/错 (the interface uses 正确 for its own verdicts).
#[test]
fn the_chinese_edition_is_written_in_chinese() {
    let manifest = manifest();
    let core = manifest.pack("fluency-core").unwrap();
    let edition = core
        .editions
        .iter()
        .find(|e| e.language == "zh-CN")
        .unwrap();
    let pack = pack_at(&edition.url);
    let han = |s: &str| {
        s.chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count()
    };
    let mut characters = 0;
    for track in &pack.tracks {
        for module in &track.modules {
            for unit in &module.units {
                let letters = unit.body.chars().filter(|c| c.is_alphabetic()).count();
                assert!(
                    han(&unit.body) * 2 > letters,
                    "{} is not mostly Chinese",
                    unit.id
                );
                characters += unit.body.chars().count();
            }
            let questions = module
                .check
                .questions
                .iter()
                .chain(module.scenarios.iter().flat_map(|s| &s.questions))
                .chain(&track.certification.bank);
            for q in questions.filter(|q| q.kind == fluency::domain::pack::QuestionKind::TrueFalse)
            {
                let texts: Vec<&str> = q.options.iter().map(|o| o.text.as_str()).collect();
                assert_eq!(texts, ["对", "错"], "{}", q.id);
            }
        }
    }
    println!("zh-CN unit bodies: {characters} characters");
}

/// A certificate names the edition it was earned in: its language is in the signed claims (and the
/// Open Badge's `inLanguage`), its evidence reads in that language, and the history finds the same
/// language from the pack hash, which is how certificates issued before the claim existed are read.
#[test]
fn a_certificate_names_the_language_of_its_edition() {
    use fluency::domain::calendar::UTC;
    use fluency::domain::credential::{claims_for, sign, Attestation};
    use fluency::domain::open_badge::credential;
    use fluency::domain::progress::Progress;

    let history = PackHistory::from_json(&read("public/packs/history.json")).unwrap();
    let manifest = manifest();
    let core = manifest.pack("fluency-core").unwrap();
    let urls = std::iter::once(&core.url).chain(core.editions.iter().map(|e| &e.url));
    // (edition language, a phrase its evidence sentence contains)
    let mut seen = Vec::new();
    for url in urls {
        let pack = pack_at(url);
        let track = &pack.tracks[0];
        let attestation = Attestation {
            full_name: "Lin Mei".into(),
            email: None,
        };
        let claims = claims_for(
            &pack,
            track,
            &Progress::default(),
            attestation,
            "urn:uuid:00000000-0000-4000-8000-000000000000".into(),
            1_790_000_000_000,
            &UTC,
        );
        assert_eq!(claims.pack_language, pack.language, "{url}");
        let phrase = if pack.language.starts_with("zh") {
            "必修模块"
        } else {
            "required modules"
        };
        assert!(
            claims.evidence.contains(phrase),
            "{url}: {}",
            claims.evidence
        );
        let recorded = history
            .find(&claims.pack_id, &claims.pack_version, &claims.pack_hash)
            .map(|v| v.language.as_str());
        assert_eq!(recorded, Some(pack.language.as_str()), "{url}");
        let mut issued_before_the_claim = claims.clone();
        issued_before_the_claim.pack_language.clear();
        assert_eq!(
            issued_before_the_claim.edition_language(&history),
            Some(pack.language.as_str()),
            "{url}"
        );
        let badge = credential(&sign(claims, &[3; 32]), "https://example.org/verify");
        assert_eq!(
            badge["credentialSubject"]["achievement"]["inLanguage"],
            pack.language.as_str(),
            "{url}"
        );
        seen.push(pack.language.clone());
    }
    assert_eq!(seen, ["en", "zh-CN"]);
}

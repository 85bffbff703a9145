//! Checks a pack file from the command line, as the Studio's validation panel does, and shows how a
//! test-wise learner would score on each set of questions.
//!
//! ```sh
//! cargo run --example lint_pack -- public/packs/fluency-core.json
//! cargo run --example lint_pack -- public/packs/fluency-core.zh-CN.json --edition-of public/packs/fluency-core.json
//! ```
//!
//! With `--edition-of SOURCE`, the pack is also checked as a language edition of SOURCE: every
//! structural difference is listed, and how many items are translated, stale or untranslated.
//!
//! Prints every error and warning (one per line, errors first), then one line per knowledge check,
//! scenario and final-assessment bank with each strategy's score. Exits with 1 when the pack has
//! errors or warnings, 2 when it cannot be read.

use fluency::domain::edition::{status, structural_differences};
use fluency::domain::item_lint::{testwise_score, Strategy};
use fluency::domain::pack::{Pack, Question};
use fluency::domain::validate::validate;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first().cloned() else {
        eprintln!("usage: lint_pack PACK.json [--edition-of SOURCE.json]");
        std::process::exit(2);
    };
    let read = |path: &str| match std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| Pack::from_json(&text).map_err(|e| e.to_string()))
    {
        Ok(pack) => pack,
        Err(message) => {
            eprintln!("{path}: {message}");
            std::process::exit(2);
        }
    };
    let pack = read(&path);
    let report = validate(&pack);
    for line in report.lines() {
        println!("{line}");
    }
    let mut differences = 0;
    if let (Some("--edition-of"), Some(source_path)) =
        (args.get(1).map(String::as_str), args.get(2))
    {
        let source = read(source_path);
        for problem in structural_differences(&source, &pack) {
            differences += 1;
            println!("{problem}");
        }
        let status = status(&source, &pack);
        let counts: Vec<String> = status
            .counts
            .iter()
            .map(|(kind, (done, total))| format!("{kind:?} {done} of {total}"))
            .collect();
        println!(
            "edition: {}; {} stale, {} untranslated",
            counts.join(", "),
            status.stale.len(),
            status.untranslated.len()
        );
    }
    let row = |name: String, questions: &[Question]| {
        let scores: Vec<String> = Strategy::ALL
            .iter()
            .map(|s| format!("{:?} {}", s, testwise_score(questions, *s)))
            .collect();
        println!("{name:<60} n={:<3} {}", questions.len(), scores.join(", "));
    };
    for track in &pack.tracks {
        for module in &track.modules {
            row(format!("check {}", module.id), &module.check.questions);
            for scenario in &module.scenarios {
                row(format!("scenario {}", scenario.id), &scenario.questions);
            }
        }
        row(format!("bank {}", track.id), &track.certification.bank);
    }
    if !report.problems.is_empty() || differences > 0 {
        std::process::exit(1);
    }
}

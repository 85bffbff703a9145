use super::*;
use crate::domain::credential::{sign, Claims};
use crate::domain::progress::{scenario_key, Attempt};

pub(crate) const SHIPPED: &str = include_str!("../../../public/packs/fluency-core.json");
const SEED: [u8; 32] = [3; 32];
const DAY: i64 = 86_400_000;

pub(crate) fn pack() -> Pack {
    Pack::from_json(SHIPPED).unwrap()
}

fn knows(pack: &Pack) -> impl Fn(&str, &str, &str) -> bool + '_ {
    move |id, version, hash| id == pack.id && version == pack.version && hash == pack.content_hash()
}

/// Progress with the first module of the first track complete (units, check, then scenario) and a
/// failed check on the second.
fn progress(pack: &Pack) -> Progress {
    let mut p = Progress::new(pack);
    let first = &pack.tracks[0].modules[0];
    for (i, unit) in first.units.iter().enumerate() {
        p.complete_unit(&unit.id, 10 * DAY + i as i64);
    }
    let attempt = |id: &str, at, correct| Attempt {
        id: id.into(),
        at,
        correct,
        total: 5,
        answers: Vec::new(),
    };
    p.record_attempt(&check_key(&first.id), attempt("a1", 11 * DAY, 2));
    p.record_attempt(&check_key(&first.id), attempt("a2", 12 * DAY, 5));
    for scenario in &first.scenarios {
        p.record_attempt(&scenario_key(&scenario.id), attempt("s1", 12 * DAY - 5, 5));
    }
    let second = &pack.tracks[0].modules[1];
    p.record_attempt(&check_key(&second.id), attempt("b1", 13 * DAY, 1));
    p
}

fn sharer() -> Sharer {
    Sharer {
        name: "  Zhang Wei ".into(),
        team: "Support".into(),
        email: " ".into(),
    }
}

#[test]
fn build_reports_modules_tracks_and_certificates() {
    let pack = pack();
    let p = progress(&pack);
    let claims = Claims {
        id: "cert-1".into(),
        learner_name: "Zhang Wei".into(),
        email_hash: None,
        email_salt: None,
        track_id: "frontline".into(),
        track_title: "Frontline".into(),
        pack_id: pack.id.clone(),
        pack_version: pack.version.clone(),
        pack_hash: pack.content_hash(),
        pack_language: pack.language.clone(),
        issued_at: 20 * DAY,
        expires_at: 750 * DAY,
        scores: Default::default(),
        evidence: String::new(),
        self_attested: true,
        issuer: String::new(),
        module_hashes: Default::default(),
    };
    let mut other_pack = claims.clone();
    other_pack.pack_id = "elsewhere".into();
    let certificates = Certificates {
        issued: vec![sign(claims, &SEED), sign(other_pack, &SEED)],
    };
    let report = Report::build(&pack, &p, &certificates, &sharer(), 30 * DAY);
    assert_eq!(report.name, "Zhang Wei");
    assert_eq!(report.team.as_deref(), Some("Support"));
    assert_eq!(report.email, None);
    assert_eq!(report.produced_at, 30 * DAY);
    assert_eq!(report.last_activity, Some(13 * DAY));
    assert_eq!(
        report.modules.len(),
        2,
        "only started modules are listed; the pack names the rest"
    );
    assert!(pack.module_count() > 2);
    let first = &report.modules[0];
    assert_eq!(
        first.completed_at,
        Some(12 * DAY),
        "the passing check completes it"
    );
    assert_eq!(first.best, Some(100));
    assert_eq!(report.modules[1].completed_at, None);
    assert_eq!(report.modules[1].best, Some(20));
    assert_eq!(report.tracks.len(), pack.tracks.len());
    assert!(report.tracks[0].percent > 0 && !report.tracks[0].complete);
    assert_eq!(
        report.certificates.len(),
        1,
        "only this pack's certificates"
    );
    assert_eq!(report.certificates[0].track_id, "frontline");
}

fn signed() -> SignedReport {
    let pack = pack();
    Report::build(
        &pack,
        &progress(&pack),
        &Certificates::default(),
        &sharer(),
        30 * DAY,
    )
    .sign(&SEED)
}

#[test]
fn a_signed_report_verifies_from_file_and_link() {
    let pack = pack();
    let signed = signed();
    assert!(signed.report.learner.starts_with("did:key:z6Mk"));
    let from_file = parse_signed(&signed.to_file()).unwrap();
    assert_eq!(
        from_file.clone().verify(knows(&pack)),
        Ok(signed.report.clone())
    );
    let link = format!(
        "https://fluency.example/team/import#{}",
        signed.to_fragment()
    );
    assert_eq!(parse_link(&link).unwrap(), signed);
    assert_eq!(parse_link(&signed.to_fragment()).unwrap(), signed);
}

#[test]
fn rejection_table() {
    let pack = pack();
    let good = signed();
    let other = Report::build(
        &pack,
        &Progress::default(),
        &Certificates::default(),
        &sharer(),
        1,
    )
    .sign(&[8; 32]);
    type Change = fn(&mut SignedReport);
    type Check = fn(&ReportError) -> bool;
    let cases: Vec<(&str, Change, Check)> = vec![
        (
            "name",
            |r| r.report.name.push('!'),
            |e| *e == ReportError::Tampered,
        ),
        (
            "score",
            |r| r.report.modules[0].best = Some(1),
            |e| *e == ReportError::Tampered,
        ),
        (
            "completion",
            |r| r.report.tracks[0].complete = true,
            |e| *e == ReportError::Tampered,
        ),
        (
            "date",
            |r| r.report.produced_at += 1,
            |e| *e == ReportError::Tampered,
        ),
        (
            "signature",
            |r| r.signature = "AAAA".into(),
            |e| *e == ReportError::Tampered,
        ),
        (
            "learner",
            |r| r.report.learner = "did:web:x".into(),
            |e| *e == ReportError::Tampered,
        ),
        (
            "format",
            |r| r.report.format = 2,
            |e| *e == ReportError::UnsupportedFormat(2),
        ),
    ];
    for (name, change, check) in cases {
        let mut report = good.clone();
        change(&mut report);
        let err = report.verify(knows(&pack)).unwrap_err();
        assert!(check(&err), "{name}: {err:?}");
    }
    let mut swapped = good.clone();
    swapped.report.learner = other.report.learner.clone();
    assert_eq!(swapped.verify(knows(&pack)), Err(ReportError::Tampered));

    let mut unknown = Report::build(
        &pack,
        &Progress::default(),
        &Certificates::default(),
        &sharer(),
        1,
    );
    unknown.pack_version = "9.9.9".into();
    let err = unknown.sign(&SEED).verify(knows(&pack)).unwrap_err();
    assert!(matches!(err, ReportError::UnknownPack { ref version, .. } if version == "9.9.9"));
    assert!(err.to_string().contains("9.9.9"));
}

#[test]
fn unreadable_input_is_malformed_with_a_reason() {
    let cases = [
        "",
        "not json",
        "{}",
        r#"{"report":{"format":1},"signature":""}"#,
    ];
    for text in cases {
        for result in parse_file(text) {
            assert!(matches!(result, Err(ReportError::Malformed(_))), "{text:?}");
        }
    }
    // A list of numbers says what it found, once.
    assert_eq!(
        parse_file("[1,2]"),
        vec![Err(ReportError::NotAReport {
            entry: 1,
            found: "1".into()
        })]
    );
    assert_eq!(
        parse_signed(r#"{"report":{"format":3,"extra":1},"signature":""}"#),
        Err(ReportError::UnsupportedFormat(3))
    );
    assert!(matches!(
        parse_link("https://x/team/import#%%%"),
        Err(ReportError::Malformed(_))
    ));
    assert!(matches!(
        parse_link("https://x/team/import#bm90IGpzb24"),
        Err(ReportError::Malformed(_))
    ));
}

#[test]
fn a_file_may_hold_a_bundle_of_reports() {
    let a = signed();
    let text = format!(
        "\u{feff}[{},{{\"bad\":1}}]",
        serde_json::to_string(&a).unwrap()
    );
    let results = parse_file(&text);
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].as_ref().unwrap(), &a);
    assert!(results[1].is_err());
}

#[test]
fn canonical_bytes_sort_keys_and_escape_like_json_stringify() {
    let mut report = signed().report;
    report.name = "Zoë \"Q\" O'Brien, 张伟\n".into();
    let text = String::from_utf8(report.canonical_bytes()).unwrap();
    assert!(
        text.starts_with(r#"{"certificates":[],"email":null,"format":1,"last_activity":"#),
        "{text}"
    );
    assert!(
        text.contains(r#""name":"Zoë \"Q\" O'Brien, 张伟\n""#),
        "{text}"
    );
    assert!(!text.contains(": "));
}

/// A report signed by `end2end/team-reports.mjs` with Node's own Ed25519 and JSON.stringify: the
/// bench's generated reports and the Rust verifier must agree byte for byte.
#[test]
fn a_report_signed_by_node_verifies() {
    let text = include_str!("node-vector.json");
    let signed = parse_signed(text).unwrap();
    assert!(
        signed.signature_is_valid(),
        "node's canonical bytes differ from ours"
    );
    assert!(signed.report.name.contains('张'));
    let mut changed = signed.clone();
    changed.report.modules[0].best = Some(1);
    assert!(!changed.signature_is_valid());
}

/// The shipped pack as published at 1.0.0, which the Node vector was signed against.
fn pack_1_0_0() -> Pack {
    Pack::from_json(include_str!(
        "../../../tests/fixtures/fluency-core-1.0.0.json"
    ))
    .unwrap()
}

#[test]
fn node_computes_the_same_pack_hash() {
    let signed = parse_signed(include_str!("node-vector.json")).unwrap();
    let published = pack_1_0_0();
    assert_eq!(signed.report.pack_hash, published.content_hash());
    assert_eq!(
        signed.verify(knows(&published)).map(|r| r.modules.len()),
        Ok(published.module_count())
    );
}

/// A report made with 1.0.0 still imports once the site serves a later version: the history of
/// published versions vouches for it. Without the history it would be an unknown pack.
#[test]
fn a_1_0_0_report_imports_after_a_new_release() {
    let signed = parse_signed(include_str!("node-vector.json")).unwrap();
    let current = pack();
    assert_ne!(current.version, "1.0.0");
    let history = crate::domain::history::PackHistory::from_json(include_str!(
        "../../../public/packs/history.json"
    ))
    .unwrap();
    assert_eq!(
        signed
            .clone()
            .verify(knows(&current))
            .map(|r| r.pack_version),
        Err(ReportError::UnknownPack {
            pack: "fluency-core".into(),
            version: "1.0.0".into()
        })
    );
    let report = signed.verify(history.knows_or_current(&current)).unwrap();
    assert_eq!(report.pack_version, "1.0.0");
}

#[test]
fn canonical_bytes_equal_the_sorted_value_form() {
    let mut report = signed().report;
    report
        .certificates
        .push(crate::domain::report::CertificateReport {
            expires_at: 9,
            id: "c".into(),
            issued_at: 1,
            track_id: "t".into(),
        });
    report.email = Some("a@b.c".into());
    let via_value = serde_json::to_value(&report)
        .unwrap()
        .to_string()
        .into_bytes();
    assert_eq!(report.canonical_bytes(), via_value);
}

#[test]
fn signature_parts_check_the_same_way() {
    let good = signed();
    let parts = good.signature_parts().unwrap();
    assert!(parts.verify());
    assert_eq!(parts.message, good.report.canonical_bytes());
    let mut bad = good.clone();
    bad.report.name.push('x');
    assert!(!bad.signature_parts().unwrap().verify());
    assert_eq!(
        bad.clone()
            .verify_with(true, knows(&pack()))
            .map(|r| r.name),
        Ok(bad.report.name.clone())
    );
    let mut garbled = good;
    garbled.signature = "AAAA".into();
    assert_eq!(garbled.signature_parts(), None);
}

#[test]
fn absurd_bundles_are_refused_early_with_one_reason() {
    let zeros = |n: usize| format!("[{}0]", "0,".repeat(n - 1));
    let objects = |n: usize| format!("[{}{{}}]", "{},".repeat(n - 1));
    let cases: Vec<(&str, String, ReportError)> = vec![
        (
            "4,000,000 zeros",
            zeros(4_000_000),
            ReportError::NotAReport {
                entry: 1,
                found: "0".into(),
            },
        ),
        (
            "a string where a report should be",
            format!("[{{}}, \"{}\"]", "x".repeat(100)),
            ReportError::NotAReport {
                entry: 2,
                found: format!("\"{}…\"", "x".repeat(16)),
            },
        ),
        (
            "a nested list",
            "[[1,2]]".into(),
            ReportError::NotAReport {
                entry: 1,
                found: "[…]".into(),
            },
        ),
        (
            "one object more than the cap",
            objects(MAX_BUNDLE_REPORTS + 1),
            ReportError::TooManyEntries {
                limit: MAX_BUNDLE_REPORTS,
            },
        ),
        (
            "a bare number",
            "12345".into(),
            ReportError::NotAReport {
                entry: 1,
                found: "12345".into(),
            },
        ),
    ];
    for (name, text, want) in cases {
        assert_eq!(parse_file(&text), vec![Err(want)], "{name}");
    }
    // At the cap, every entry is judged on its own.
    assert_eq!(
        parse_file(&objects(MAX_BUNDLE_REPORTS)).len(),
        MAX_BUNDLE_REPORTS
    );
    let empty = parse_file("[]");
    assert!(
        matches!(&empty[..], [Err(ReportError::Malformed(m))] if m.contains("empty list")),
        "{empty:?}"
    );
    let broken = parse_file("[{}, ");
    assert!(
        matches!(&broken[..], [Err(ReportError::Malformed(_))]),
        "{broken:?}"
    );
}

/// The 30 MB bundle of 15,000,000 zeros that once overflowed the wasm's memory: one refusal,
/// quickly (the shape check stops at the first entry).
#[test]
fn a_thirty_megabyte_bundle_of_zeros_is_one_refusal() {
    let text = format!("[{}0]", "0,".repeat(15_000_000 - 1));
    assert!(text.len() < MAX_REPORT_FILE_BYTES);
    let results = parse_bytes(text.as_bytes());
    assert_eq!(results.len(), 1);
    assert!(matches!(
        results[0],
        Err(ReportError::NotAReport { entry: 1, .. })
    ));
}

/// A batch packs each entry's parts exactly as [`SignedReport::signature_parts`] gives them, and
/// judges each entry as [`SignedReport::signature_is_valid`] does.
#[test]
fn a_signature_batch_holds_each_entrys_parts() {
    let good = signed();
    let mut tampered = good.clone();
    tampered.report.name.push('x');
    let mut bad_signature = good.clone();
    bad_signature.signature = "AAAA".into();
    let mut bad_key = good.clone();
    bad_key.report.learner = "did:key:nope".into();
    let cases: Vec<(&str, Option<&SignedReport>, bool, bool)> = vec![
        // name, entry, checkable, valid
        ("a good report", Some(&good), true, true),
        (
            "a report changed after signing",
            Some(&tampered),
            true,
            false,
        ),
        (
            "a signature that does not decode",
            Some(&bad_signature),
            false,
            false,
        ),
        ("a key that does not decode", Some(&bad_key), false, false),
        ("no report at all", None, false, false),
        ("a good report after the others", Some(&good), true, true),
    ];
    let mut batch = SignatureBatch::with_capacity(cases.len());
    for (_, entry, _, _) in &cases {
        batch.push(*entry);
    }
    assert_eq!(batch.len(), cases.len());
    assert_eq!(batch.keys.len(), 32 * cases.len());
    assert_eq!(batch.signatures.len(), 64 * cases.len());
    assert_eq!(batch.offsets.len(), cases.len() + 1);
    assert_eq!(
        batch.offsets.last().copied(),
        Some(batch.messages.len() as u32)
    );
    for (i, (name, entry, checkable, valid)) in cases.iter().enumerate() {
        assert_eq!(batch.checkable[i], *checkable, "{name}");
        assert_eq!(batch.verify(i), *valid, "{name}");
        let expected = entry.and_then(SignedReport::signature_parts);
        assert_eq!(batch.parts(i), expected, "{name}");
        if !checkable {
            assert_eq!(
                batch.offsets[i],
                batch.offsets[i + 1],
                "{name}: no signed bytes"
            );
        }
    }
    assert_eq!(batch.parts(cases.len()), None);
    assert!(SignatureBatch::with_capacity(0).is_empty());
}

/// A clean bundle is read in one pass and gives the same reports as reading each entry alone.
#[test]
fn a_clean_bundle_reads_like_its_entries() {
    let a = signed();
    let mut b = signed();
    b.report.name = "Someone else".into();
    let text = serde_json::to_string(&vec![a.clone(), b.clone()]).unwrap();
    assert_eq!(parse_file(&text), vec![Ok(a.clone()), Ok(b)]);
    // A report of another format in the bundle sends it the slow way, which says so per entry.
    let mut newer = a.clone();
    newer.report.format = REPORT_FORMAT + 1;
    let text = serde_json::to_string(&vec![a.clone(), newer]).unwrap();
    assert_eq!(
        parse_file(&text),
        vec![
            Ok(a),
            Err(ReportError::UnsupportedFormat(REPORT_FORMAT + 1))
        ]
    );
}

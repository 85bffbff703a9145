use std::collections::BTreeMap;

use super::*;
use crate::domain::credential::{Claims, SignedCertificate};
use crate::domain::profile::Profile;
use crate::domain::progress::Attempt;

const DAY: Millis = DAY_MS;
/// 2026-12-01T00:00:00Z, the tests' "now".
const NOW: Millis = 1_796_083_200_000;

fn progress(pack: &str, units: &[(&str, Millis)], attempts: &[(&str, Millis)]) -> Progress {
    let mut p = Progress {
        pack_id: pack.into(),
        ..Progress::default()
    };
    for (unit, at) in units {
        p.complete_unit(unit, *at);
    }
    for (id, at) in attempts {
        p.record_attempt(
            "check:m1",
            Attempt {
                id: (*id).into(),
                at: *at,
                correct: 5,
                total: 5,
                answers: Vec::new(),
            },
        );
    }
    p
}

fn certificate(id: &str, issued_at: Millis) -> SignedCertificate {
    SignedCertificate {
        claims: Claims {
            id: id.into(),
            learner_name: "Ana".into(),
            email_hash: None,
            email_salt: None,
            track_id: "foundation".into(),
            track_title: "Foundation".into(),
            pack_id: "core".into(),
            pack_version: "1.0.0".into(),
            pack_hash: "sha256:00".into(),
            pack_language: String::new(),
            issued_at,
            expires_at: issued_at + 365 * DAY,
            scores: BTreeMap::new(),
            evidence: String::new(),
            self_attested: true,
            issuer: String::new(),
            module_hashes: BTreeMap::new(),
        },
        signature: String::new(),
    }
}

fn certificates(list: &[(&str, Millis)]) -> Certificates {
    Certificates {
        issued: list.iter().map(|(id, at)| certificate(id, *at)).collect(),
    }
}

fn backup_of(progress: &[Progress], certs: &Certificates, at: Millis) -> Backup {
    let mut backup = Backup::new(
        Profile::default(),
        progress
            .iter()
            .map(|p| (p.pack_id.clone(), p.clone()))
            .collect(),
        at,
    );
    backup.certificates = certs.clone();
    backup
}

#[test]
fn backup_reminder_table() {
    let old = NOW - 8 * DAY;
    let recent = NOW - 2 * DAY;
    let just_over = NOW - REMIND_AFTER_MS - 1;
    let exactly = NOW - REMIND_AFTER_MS;
    let none = certificates(&[]);
    // (what, progress, certificates, what a backup covered, dismissed at, expected reminder)
    type Case<'a> = (
        &'a str,
        Vec<Progress>,
        Certificates,
        Option<Backup>,
        Option<Millis>,
        Option<(usize, Millis)>,
    );
    let cases: Vec<Case> = vec![
        ("nothing done", vec![], none.clone(), None, None, None),
        (
            "recent work only",
            vec![progress("core", &[("u1", recent)], &[("a1", recent)])],
            none.clone(),
            None,
            None,
            None,
        ),
        (
            "a unit over 7 days old",
            vec![progress("core", &[("u1", old), ("u2", recent)], &[])],
            none.clone(),
            None,
            None,
            Some((2, old)),
        ),
        (
            "exactly 7 days is not over",
            vec![progress("core", &[("u1", exactly)], &[])],
            none.clone(),
            None,
            None,
            None,
        ),
        (
            "a millisecond over",
            vec![progress("core", &[("u1", just_over)], &[])],
            none.clone(),
            None,
            None,
            Some((1, just_over)),
        ),
        (
            "an old attempt",
            vec![progress("core", &[], &[("a1", old)])],
            none.clone(),
            None,
            None,
            Some((1, old)),
        ),
        (
            "an old certificate",
            vec![],
            certificates(&[("c1", old)]),
            None,
            None,
            Some((1, old)),
        ),
        (
            "everything old is in a backup; new work is recent",
            vec![progress("core", &[("u1", old), ("u2", recent)], &[])],
            certificates(&[("c1", old)]),
            Some(backup_of(
                &[progress("core", &[("u1", old)], &[])],
                &certificates(&[("c1", old)]),
                old,
            )),
            None,
            None,
        ),
        (
            "a backup of another pack does not cover this one",
            vec![progress("core", &[("u1", old)], &[])],
            none.clone(),
            Some(backup_of(
                &[progress("other", &[("u1", old)], &[])],
                &none,
                old,
            )),
            None,
            Some((1, old)),
        ),
        (
            "dismissed yesterday",
            vec![progress("core", &[("u1", old)], &[])],
            none.clone(),
            None,
            Some(NOW - DAY),
            None,
        ),
        (
            "dismissed over a week ago: reminded again",
            vec![progress("core", &[("u1", old)], &[])],
            none.clone(),
            None,
            Some(NOW - 8 * DAY),
            Some((1, old)),
        ),
        (
            "two packs count together",
            vec![
                progress("core", &[("u1", old)], &[]),
                progress("other", &[("x", recent)], &[("b", old - DAY)]),
            ],
            none.clone(),
            None,
            None,
            Some((3, old - DAY)),
        ),
    ];
    for (what, progress, certs, backup, dismissed, want) in cases {
        let mut keeping = Safekeeping {
            reminder_dismissed_at: dismissed,
            ..Safekeeping::default()
        };
        if let Some(backup) = &backup {
            keeping.record_backup(backup);
        }
        let got =
            backup_reminder(&progress, &certs, &keeping, NOW).map(|r| (r.uncovered, r.oldest));
        assert_eq!(got, want, "{what}");
    }
}

#[test]
fn a_backup_records_what_it_covered_and_when() {
    let p = progress("core", &[("u1", 1), ("u2", 2)], &[("a1", 3)]);
    let mut keeping = Safekeeping::default();
    keeping.record_backup(&backup_of(&[p], &certificates(&[("c1", 4)]), 50));
    keeping.record_backup(&backup_of(&[], &certificates(&[]), 40));
    let covered = &keeping.covered["core"];
    assert_eq!(covered.units.iter().collect::<Vec<_>>(), ["u1", "u2"]);
    assert_eq!(covered.attempts.iter().collect::<Vec<_>>(), ["a1"]);
    assert!(keeping.certificates.contains("c1"));
    assert_eq!(
        keeping.last_backup_at,
        Some(50),
        "an older backup never moves the time back"
    );
}

#[test]
fn asking_for_persistence_table() {
    let asked_after_unit = Safekeeping {
        persist_asked: BTreeMap::from([(PersistMoment::UnitCompleted, 5)]),
        ..Safekeeping::default()
    };
    let cases = [
        (
            "never asked, a unit done",
            Safekeeping::default(),
            PersistMoment::UnitCompleted,
            false,
            true,
        ),
        (
            "already persistent",
            Safekeeping::default(),
            PersistMoment::UnitCompleted,
            true,
            false,
        ),
        (
            "asked after a unit: not again",
            asked_after_unit.clone(),
            PersistMoment::UnitCompleted,
            false,
            false,
        ),
        (
            "asked after a unit, now a certificate",
            asked_after_unit.clone(),
            PersistMoment::CertificateIssued,
            false,
            true,
        ),
        (
            "a certificate, but already persistent",
            asked_after_unit,
            PersistMoment::CertificateIssued,
            true,
            false,
        ),
    ];
    for (what, keeping, moment, persisted, want) in cases {
        assert_eq!(
            should_ask_persist(&keeping, moment, persisted),
            want,
            "{what}"
        );
    }
}

fn sample(n: u8) -> Safekeeping {
    let mut keeping = Safekeeping::default();
    let p = progress("core", &[(&format!("u{n}"), 1)], &[(&format!("a{n}"), 2)]);
    keeping.record_backup(&backup_of(
        &[p],
        &certificates(&[(&format!("c{n}"), 3)]),
        i64::from(n) * 10,
    ));
    keeping.reminder_dismissed_at = Some(i64::from(n) * 7 % 5);
    keeping
        .persist_asked
        .insert(PersistMoment::UnitCompleted, 100 - i64::from(n));
    if n % 2 == 0 {
        keeping.auto_file = Some(AutoFile {
            name: (n != 2).then(|| format!("file-{n}.json")),
            at: i64::from(n % 3),
        });
    }
    keeping
}

#[test]
fn merging_is_commutative_associative_and_idempotent() {
    let all: Vec<Safekeeping> = (0..5).map(sample).collect();
    for a in &all {
        assert_eq!(a.merge(a), *a, "idempotent");
        for b in &all {
            assert_eq!(a.merge(b), b.merge(a), "commutative");
            for c in &all {
                assert_eq!(a.merge(b).merge(c), a.merge(&b.merge(c)), "associative");
            }
        }
    }
    let merged = all[1].merge(&all[3]);
    assert_eq!(
        merged.covered["core"].units.len(),
        2,
        "the union of what both covered"
    );
    assert_eq!(merged.last_backup_at, Some(30));
    assert_eq!(
        merged.persist_asked[&PersistMoment::UnitCompleted],
        97,
        "the first time asked"
    );
}

#[test]
fn the_latest_file_setting_wins() {
    let chose = Safekeeping {
        auto_file: Some(AutoFile {
            name: Some("fluency.json".into()),
            at: 10,
        }),
        ..Safekeeping::default()
    };
    let stopped = Safekeeping {
        auto_file: Some(AutoFile { name: None, at: 20 }),
        ..Safekeeping::default()
    };
    assert_eq!(chose.auto_file_name(), Some("fluency.json"));
    assert_eq!(chose.merge(&stopped).auto_file_name(), None);
    assert_eq!(stopped.merge(&chose).auto_file_name(), None);
    assert_eq!(
        Safekeeping::default().merge(&chose).auto_file_name(),
        Some("fluency.json")
    );
}

#[test]
fn stored_form_round_trips_and_older_fields_default() {
    let keeping = sample(4);
    let raw = crate::domain::schema::encode(&keeping);
    let back = crate::domain::schema::decode::<Safekeeping>(&raw)
        .unwrap()
        .value;
    assert_eq!(back, keeping);
    let minimal =
        crate::domain::schema::decode::<Safekeeping>(r#"{"schema":1,"data":{}}"#).unwrap();
    assert_eq!(minimal.value, Safekeeping::default());
}

#[test]
fn byte_counts_for_people() {
    let cases = [
        (0.0, "0 B"),
        (999.0, "999 B"),
        (1000.0, "1.0 KB"),
        (1_536_000.0, "1.5 MB"),
        (2.5e9, "2.5 GB"),
        (3.0e13, "30000.0 GB"),
        (-5.0, "0 B"),
    ];
    for (bytes, want) in cases {
        assert_eq!(format_bytes(bytes), want, "{bytes}");
    }
}

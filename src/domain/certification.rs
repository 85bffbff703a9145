//! Certification rules: what a learner still needs for a track's certificate, when a certificate
//! expires, how its status reads on a given day, and when and why a learner must recertify.
//! Signing and verification build on these.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::pack::{Module, Pack, Track};
use super::progress::{check_key, final_key, scenario_key, Millis, Progress};
use super::semver::Version;

pub use super::calendar::{expiry, status, Date, Status, EXPIRING_SOON_DAYS};

/// One requirement of a track's certificate, and whether it is met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    /// A module with all its units read, its check passed and its scenarios passed: one of the
    /// track's required modules, or a module they build on (in this track or another).
    Module {
        /// The track that holds the module, for links.
        track: String,
        id: String,
        done: bool,
    },
    /// The final assessment at or above the pass mark.
    FinalAssessment { passed: bool },
    /// The learner's typed name and honesty statement, given when issuing.
    Attestation { given: bool },
}

impl Requirement {
    pub fn is_met(&self) -> bool {
        match self {
            Requirement::Module { done, .. } => *done,
            Requirement::FinalAssessment { passed } => *passed,
            Requirement::Attestation { given } => *given,
        }
    }
}

/// The modules a track's certificate requires, in learning order: every prerequisite the required
/// modules build on, transitively and in any track, then the required modules themselves. Each
/// comes with the track that holds it. Unknown ids and cycles (which the validator reports) are
/// skipped, so this never loops.
pub fn required_modules<'a>(pack: &'a Pack, track: &'a Track) -> Vec<(&'a Track, &'a Module)> {
    fn visit<'a>(
        pack: &'a Pack,
        id: &str,
        seen: &mut std::collections::BTreeSet<String>,
        out: &mut Vec<(&'a Track, &'a Module)>,
    ) {
        if !seen.insert(id.to_owned()) {
            return;
        }
        let Some((track, module)) = pack.find_module(id) else {
            return;
        };
        for prerequisite in &module.prerequisites {
            visit(pack, prerequisite, seen, out);
        }
        out.push((track, module));
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for id in &track.certification.required_modules {
        visit(pack, id, &mut seen, &mut out);
    }
    // Learning order: other tracks' modules first, in pack order, then this track's.
    out.sort_by_key(|(t, m)| {
        let ti = pack.tracks.iter().position(|x| x.id == t.id);
        let mi = t.modules.iter().position(|x| x.id == m.id);
        (t.id == track.id, ti, mi)
    });
    out
}

/// The checklist for a track: every requirement, in the order a learner meets them. When the learner
/// is recertifying, work done before the previous certificate no longer counts for the final
/// assessment or for this track's modules that changed since.
pub fn checklist(
    pack: &Pack,
    track: &Track,
    progress: &Progress,
    attested: bool,
    renewal: Option<&Renewal>,
) -> Vec<Requirement> {
    let pass_mark = track.certification.pass_mark;
    let since = renewal.map_or(Millis::MIN, |r| r.since);
    let mut list: Vec<Requirement> = required_modules(pack, track)
        .into_iter()
        .map(|(holder, module)| {
            let own_mark = holder.certification.pass_mark;
            let redo = holder.id == track.id && renewal.is_some_and(|r| r.must_redo(&module.id));
            let fresh = || {
                progress.passed_since(&check_key(&module.id), own_mark, since)
                    && module
                        .scenarios
                        .iter()
                        .all(|s| progress.passed_since(&scenario_key(&s.id), own_mark, since))
            };
            Requirement::Module {
                track: holder.id.clone(),
                id: module.id.clone(),
                done: progress.is_module_complete(module, own_mark) && (!redo || fresh()),
            }
        })
        .collect();
    list.push(Requirement::FinalAssessment {
        passed: progress.passed_since(&final_key(&track.id), pass_mark, since),
    });
    list.push(Requirement::Attestation { given: attested });
    list
}

/// Whether every requirement is met.
pub fn is_eligible(
    pack: &Pack,
    track: &Track,
    progress: &Progress,
    attested: bool,
    renewal: Option<&Renewal>,
) -> bool {
    checklist(pack, track, progress, attested, renewal)
        .iter()
        .all(Requirement::is_met)
}

/// Whether the learner may take the final assessment: every required module is complete.
pub fn may_take_final(
    pack: &Pack,
    track: &Track,
    progress: &Progress,
    renewal: Option<&Renewal>,
) -> bool {
    checklist(pack, track, progress, false, renewal)
        .iter()
        .filter(|r| matches!(r, Requirement::Module { .. }))
        .all(Requirement::is_met)
}

/// A short, stable fingerprint of a module's content (its canonical JSON), stored in certificates
/// so that a later pack version can tell which modules changed.
pub fn module_fingerprint(module: &Module) -> String {
    let canonical = serde_json::to_value(module)
        .map(|v| v.to_string())
        .unwrap_or_default();
    Sha256::digest(canonical.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How a module differs from the one a certificate was issued against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleChange {
    Added { id: String, title: String },
    Changed { id: String, title: String },
    Removed { id: String },
}

/// Why a learner's certificate for a track needs renewing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenewalReason {
    /// The certificate's validity has run out.
    Lapsed,
    /// The pack's major version moved on since the certificate was issued.
    NewMajorVersion { from: String, to: String },
    /// A newer minor or patch version came out and the learner chose to renew early; their
    /// certificate would have stood until it expired.
    EarlyForNewVersion { from: String, to: String },
}

/// A due recertification: why, since when earlier work stops counting, and what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renewal {
    pub reason: RenewalReason,
    /// The previous certificate's id and issue time.
    pub previous: String,
    pub since: Millis,
    /// `None` when the previous certificate predates module fingerprints, so changes are unknown.
    pub changes: Option<Vec<ModuleChange>>,
}

impl Renewal {
    /// Whether a module's knowledge check must be passed again: it changed or is new, or the
    /// changes are unknown.
    pub fn must_redo(&self, module_id: &str) -> bool {
        self.changes.as_ref().is_none_or(|changes| {
            changes.iter().any(|c| match c {
                ModuleChange::Added { id, .. } | ModuleChange::Changed { id, .. } => {
                    id == module_id
                }
                ModuleChange::Removed { .. } => false,
            })
        })
    }
}

/// The modules of `track` that differ from the fingerprints a certificate recorded.
pub fn module_changes(track: &Track, recorded: &BTreeMap<String, String>) -> Vec<ModuleChange> {
    let mut changes: Vec<ModuleChange> = track
        .modules
        .iter()
        .filter_map(|m| match recorded.get(&m.id) {
            None => Some(ModuleChange::Added {
                id: m.id.clone(),
                title: m.title.clone(),
            }),
            Some(hash) if *hash != module_fingerprint(m) => Some(ModuleChange::Changed {
                id: m.id.clone(),
                title: m.title.clone(),
            }),
            Some(_) => None,
        })
        .collect();
    changes.extend(
        recorded
            .keys()
            .filter(|id| track.module(id).is_none())
            .map(|id| ModuleChange::Removed { id: id.clone() }),
    );
    changes
}

/// What the renewal rules need to know of a certificate already issued. Certificates
/// (`credential::Claims`) implement it; the rules live here and do not depend on how certificates
/// are signed, so `credential` builds on `certification` and never the other way round.
pub trait IssuedCertificate {
    /// The certificate's own id.
    fn certificate_id(&self) -> &str;
    fn pack_id(&self) -> &str;
    fn pack_version(&self) -> &str;
    fn track_id(&self) -> &str;
    /// When it was issued, in milliseconds since the epoch.
    fn issued_at(&self) -> Millis;
    /// When it expires, in milliseconds since the epoch.
    fn expires_at(&self) -> Millis;
    /// Module id → [`module_fingerprint`] when issued; empty for certificates that predate them.
    fn module_hashes(&self) -> &BTreeMap<String, String>;
}

/// Whether the learner must recertify for a track, judged from their newest certificate for it in
/// this pack. `None` when they never certified, or their newest certificate still stands.
pub fn renewal<'a, C: IssuedCertificate + 'a>(
    pack: &Pack,
    track: &Track,
    issued: impl IntoIterator<Item = &'a C>,
    now: Millis,
) -> Option<Renewal> {
    let latest = issued
        .into_iter()
        .filter(|c| c.pack_id() == pack.id && c.track_id() == track.id)
        .max_by_key(|c| c.issued_at())?;
    let major = |v: &str| Version::parse(v).map(|v| v.major);
    let reason = if major(latest.pack_version()) < major(&pack.version) {
        RenewalReason::NewMajorVersion {
            from: latest.pack_version().to_owned(),
            to: pack.version.clone(),
        }
    } else if status(latest.expires_at(), now) == Status::Expired {
        RenewalReason::Lapsed
    } else {
        return None;
    };
    let hashes = latest.module_hashes();
    Some(Renewal {
        reason,
        previous: latest.certificate_id().to_owned(),
        since: latest.issued_at(),
        changes: (!hashes.is_empty()).then(|| module_changes(track, hashes)),
    })
}

/// A newer version of the pack than the one the learner's newest certificate for a track was
/// earned against, within the same major version: the certificate stands until it expires, and
/// the learner is told what is new and may renew early. See `docs/publishing.md` for the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionUpdate {
    /// The version the certificate was earned against.
    pub from: String,
    /// The version loaded now.
    pub to: String,
    /// The certificate's id.
    pub previous: String,
    /// When it was issued, and when it expires (milliseconds since the epoch).
    pub issued_at: Millis,
    pub expires_at: Millis,
    /// Modules added, changed or removed since; `None` when the certificate predates fingerprints.
    pub changes: Option<Vec<ModuleChange>>,
}

impl VersionUpdate {
    /// The recertification a learner goes through when they choose to renew early: a fresh final
    /// assessment, and fresh checks and scenarios for the modules that changed.
    pub fn early_renewal(&self) -> Renewal {
        Renewal {
            reason: RenewalReason::EarlyForNewVersion {
                from: self.from.clone(),
                to: self.to.clone(),
            },
            previous: self.previous.clone(),
            since: self.issued_at,
            changes: self.changes.clone(),
        }
    }
}

/// Whether a newer version within the same major version has come out since the learner's newest
/// certificate for `track` in this pack. `None` when they never certified, their certificate is on
/// the current version, or a renewal is due anyway ([`renewal`] says why).
pub fn version_update<'a, C: IssuedCertificate + 'a>(
    pack: &Pack,
    track: &Track,
    issued: impl IntoIterator<Item = &'a C> + Clone,
    now: Millis,
) -> Option<VersionUpdate> {
    if renewal(pack, track, issued.clone(), now).is_some() {
        return None;
    }
    let latest = issued
        .into_iter()
        .filter(|c| c.pack_id() == pack.id && c.track_id() == track.id)
        .max_by_key(|c| c.issued_at())?;
    let (from, to) = (
        Version::parse(latest.pack_version())?,
        Version::parse(&pack.version)?,
    );
    let hashes = latest.module_hashes();
    (from < to).then(|| VersionUpdate {
        from: latest.pack_version().to_owned(),
        to: pack.version.clone(),
        previous: latest.certificate_id().to_owned(),
        issued_at: latest.issued_at(),
        expires_at: latest.expires_at(),
        changes: (!hashes.is_empty()).then(|| module_changes(track, hashes)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pack::tests::EXAMPLE;
    use crate::domain::pack::Pack;
    use crate::domain::progress::{check_key, scenario_key, Attempt};

    const DAY_MS: i64 = 86_400_000;

    fn date(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn checklist_follows_the_track_rules() {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let track = &pack.tracks[0];
        let module = &track.modules[0];
        let mut progress = Progress::new(&pack);
        let unmet = |p: &Progress, attested| {
            checklist(&pack, track, p, attested, None)
                .into_iter()
                .filter(|r| !r.is_met())
                .count()
        };
        assert_eq!(unmet(&progress, false), 3);
        assert!(!may_take_final(&pack, track, &progress, None));

        progress.complete_unit(&module.units[0].id, 1);
        let attempt = |id: &str, correct| Attempt {
            id: id.into(),
            at: 2,
            correct,
            total: 5,
            answers: Vec::new(),
        };
        progress.record_attempt(&check_key(&module.id), attempt("c", 4));
        assert!(
            !may_take_final(&pack, track, &progress, None),
            "the module's scenario is still to pass"
        );
        let scenario = scenario_key(&module.scenarios[0].id);
        progress.record_attempt(&scenario, attempt("s", 4));
        assert!(may_take_final(&pack, track, &progress, None));
        assert_eq!(unmet(&progress, false), 2);

        progress.record_attempt(&final_key(&track.id), attempt("f1", 3));
        assert_eq!(unmet(&progress, true), 1, "60% is under the 80% pass mark");
        progress.record_attempt(&final_key(&track.id), attempt("f2", 5));
        assert!(
            !is_eligible(&pack, track, &progress, false, None),
            "the attestation is still missing"
        );
        assert!(is_eligible(&pack, track, &progress, true, None));
    }

    /// What a certificate records, without signing it (signing is `credential`'s business).
    #[derive(Debug, Clone)]
    struct Held {
        id: String,
        pack_id: String,
        pack_version: String,
        track_id: String,
        issued_at: Millis,
        expires_at: Millis,
        module_hashes: BTreeMap<String, String>,
    }

    impl IssuedCertificate for Held {
        fn certificate_id(&self) -> &str {
            &self.id
        }
        fn pack_id(&self) -> &str {
            &self.pack_id
        }
        fn pack_version(&self) -> &str {
            &self.pack_version
        }
        fn track_id(&self) -> &str {
            &self.track_id
        }
        fn issued_at(&self) -> Millis {
            self.issued_at
        }
        fn expires_at(&self) -> Millis {
            self.expires_at
        }
        fn module_hashes(&self) -> &BTreeMap<String, String> {
            &self.module_hashes
        }
    }

    fn claims_at(pack: &Pack, issued_at: Millis, version: &str) -> Held {
        let track = &pack.tracks[0];
        Held {
            id: format!("cert-{issued_at}"),
            pack_id: pack.id.clone(),
            pack_version: version.into(),
            track_id: track.id.clone(),
            issued_at,
            expires_at: expiry(
                issued_at,
                track.certification.validity_months,
                &crate::domain::calendar::UTC,
            ),
            module_hashes: track
                .modules
                .iter()
                .map(|m| (m.id.clone(), module_fingerprint(m)))
                .collect(),
        }
    }

    #[test]
    fn renewal_table() {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let track = &pack.tracks[0];
        let issued = date(2026, 1, 10).to_millis();
        let valid_until = expiry(
            issued,
            track.certification.validity_months,
            &crate::domain::calendar::UTC,
        );
        let current = pack.version.clone();
        let older_major = "0.1.0".to_owned();
        let cases: Vec<(&str, Vec<Held>, Millis, Option<RenewalReason>)> = vec![
            ("never certified", vec![], issued, None),
            (
                "still valid",
                vec![claims_at(&pack, issued, &current)],
                issued + DAY_MS,
                None,
            ),
            (
                "lapsed",
                vec![claims_at(&pack, issued, &current)],
                valid_until,
                Some(RenewalReason::Lapsed),
            ),
            (
                "new major version",
                vec![claims_at(&pack, issued, &older_major)],
                issued + DAY_MS,
                Some(RenewalReason::NewMajorVersion {
                    from: older_major.clone(),
                    to: current.clone(),
                }),
            ),
            (
                "a newer certificate on the current version stands",
                vec![
                    claims_at(&pack, issued, &older_major),
                    claims_at(&pack, issued + DAY_MS, &current),
                ],
                issued + 2 * DAY_MS,
                None,
            ),
        ];
        for (name, certificates, now, want) in cases {
            let got = renewal(&pack, track, &certificates, now).map(|r| r.reason);
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn module_changes_name_exactly_what_moved() {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let before = claims_at(&pack, 1, &pack.version).module_hashes;
        let mut track = pack.tracks[0].clone();
        assert_eq!(module_changes(&track, &before), vec![]);

        let first = track.modules[0].id.clone();
        track.modules[0].units[0]
            .body
            .push_str("\n\nOne more sentence.");
        let mut added = track.modules[0].clone();
        added.id = "brand-new".into();
        added.title = "Brand new".into();
        track.modules.push(added);
        let mut recorded = before.clone();
        recorded.insert("retired".into(), "0011223344556677".into());
        assert_eq!(
            module_changes(&track, &recorded),
            vec![
                ModuleChange::Changed {
                    id: first.clone(),
                    title: track.modules[0].title.clone()
                },
                ModuleChange::Added {
                    id: "brand-new".into(),
                    title: "Brand new".into()
                },
                ModuleChange::Removed {
                    id: "retired".into()
                },
            ]
        );
    }

    #[test]
    fn recertifying_asks_for_fresh_work_where_it_matters() {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let track = &pack.tracks[0];
        let module = &track.modules[0];
        let pass = |id: &str, at| Attempt {
            id: id.into(),
            at,
            correct: 5,
            total: 5,
            answers: Vec::new(),
        };
        let scenario = scenario_key(&module.scenarios[0].id);
        let mut progress = Progress::new(&pack);
        progress.complete_unit(&module.units[0].id, 1);
        progress.record_attempt(&check_key(&module.id), pass("c1", 2));
        progress.record_attempt(&scenario, pass("s1", 2));
        progress.record_attempt(&final_key(&track.id), pass("f1", 3));
        assert!(is_eligible(&pack, track, &progress, true, None));

        let unchanged = Renewal {
            reason: RenewalReason::Lapsed,
            previous: "cert-1".into(),
            since: 10,
            changes: Some(vec![]),
        };
        let unmet = |p: &Progress, r: &Renewal| {
            checklist(&pack, track, p, true, Some(r))
                .into_iter()
                .filter(|x| !x.is_met())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            unmet(&progress, &unchanged),
            vec![Requirement::FinalAssessment { passed: false }],
            "a lapsed certificate needs only a new final assessment"
        );
        let changed = Renewal {
            changes: Some(vec![ModuleChange::Changed {
                id: module.id.clone(),
                title: module.title.clone(),
            }]),
            ..unchanged.clone()
        };
        assert_eq!(unmet(&progress, &changed).len(), 2);
        assert!(!may_take_final(&pack, track, &progress, Some(&changed)));
        let unknown = Renewal {
            changes: None,
            ..unchanged.clone()
        };
        assert!(unknown.must_redo(&module.id));

        progress.record_attempt(&check_key(&module.id), pass("c2", 11));
        assert!(
            !may_take_final(&pack, track, &progress, Some(&changed)),
            "a changed module's scenario is also taken again"
        );
        progress.record_attempt(&scenario, pass("s2", 11));
        assert!(may_take_final(&pack, track, &progress, Some(&changed)));
        progress.record_attempt(&final_key(&track.id), pass("f2", 12));
        assert!(is_eligible(&pack, track, &progress, true, Some(&changed)));
    }

    /// A role track's certificate also needs the modules its modules build on, in other tracks
    /// too, transitively: a Frontline-style track whose module builds on a Foundation module that
    /// builds on another.
    #[test]
    fn a_certificate_needs_cross_track_prerequisites() {
        let mut pack = Pack::from_json(EXAMPLE).unwrap();
        let base = pack.tracks[0].clone();
        let rename = |module: &mut Module, id: &str, prerequisites: &[&str]| {
            module.id = id.into();
            module.prerequisites = prerequisites.iter().map(|p| (*p).to_owned()).collect();
            for (n, unit) in module.units.iter_mut().enumerate() {
                unit.id = format!("{id}-u{n}");
            }
            for (n, scenario) in module.scenarios.iter_mut().enumerate() {
                scenario.id = format!("{id}-s{n}");
            }
        };
        let mut foundation = base.clone();
        foundation.id = "foundation".into();
        let mut second = foundation.modules[0].clone();
        rename(&mut foundation.modules[0], "essentials", &[]);
        rename(&mut second, "law", &["essentials"]);
        foundation.modules.push(second);
        foundation.certification.required_modules = vec!["essentials".into(), "law".into()];
        let mut role = base.clone();
        role.id = "frontline".into();
        rename(&mut role.modules[0], "at-work", &["law"]);
        role.certification.required_modules = vec!["at-work".into()];
        pack.tracks = vec![foundation, role];
        let track = &pack.tracks[1];

        let ids: Vec<(&str, &str)> = required_modules(&pack, track)
            .iter()
            .map(|(t, m)| (t.id.as_str(), m.id.as_str()))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("foundation", "essentials"),
                ("foundation", "law"),
                ("frontline", "at-work")
            ]
        );

        let pass = |id: &str| Attempt {
            id: id.into(),
            at: 5,
            correct: 5,
            total: 5,
            answers: Vec::new(),
        };
        let mut progress = Progress::new(&pack);
        let finish = |p: &mut Progress, module: &Module| {
            for unit in &module.units {
                p.complete_unit(&unit.id, 1);
            }
            p.record_attempt(&check_key(&module.id), pass(&format!("c-{}", module.id)));
            for scenario in &module.scenarios {
                p.record_attempt(
                    &scenario_key(&scenario.id),
                    pass(&format!("s-{}", scenario.id)),
                );
            }
        };
        finish(&mut progress, &track.modules[0]);
        progress.record_attempt(&final_key(&track.id), pass("final"));
        assert!(
            !is_eligible(&pack, track, &progress, true, None),
            "the Foundation modules it builds on are missing"
        );
        let missing: Vec<Requirement> = checklist(&pack, track, &progress, true, None)
            .into_iter()
            .filter(|r| !r.is_met())
            .collect();
        assert_eq!(
            missing,
            vec![
                Requirement::Module {
                    track: "foundation".into(),
                    id: "essentials".into(),
                    done: false
                },
                Requirement::Module {
                    track: "foundation".into(),
                    id: "law".into(),
                    done: false
                },
            ]
        );
        let foundation = pack.tracks[0].clone();
        for module in &foundation.modules {
            finish(&mut progress, module);
        }
        assert!(is_eligible(&pack, track, &progress, true, None));
    }

    #[test]
    fn prerequisite_cycles_do_not_loop() {
        let mut pack = Pack::from_json(EXAMPLE).unwrap();
        let id = pack.tracks[0].modules[0].id.clone();
        pack.tracks[0].modules[0].prerequisites = vec![id.clone(), "ghost".into()];
        let track = &pack.tracks[0];
        let ids: Vec<&str> = required_modules(&pack, track)
            .iter()
            .map(|(_, m)| m.id.as_str())
            .collect();
        assert_eq!(ids, vec![id.as_str()]);
    }

    #[test]
    fn a_minor_version_offers_early_renewal_without_asking_for_it() {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let track = &pack.tracks[0];
        let issued = date(2026, 11, 23).to_millis();
        let mut newer = pack.clone();
        newer.version = "1.1.0".into();
        newer.tracks[0].modules[0].units[0].body.push_str(" More.");
        let certificates = vec![claims_at(&pack, issued, "1.0.0")];
        let day_after = issued + DAY_MS;
        let newer_track = &newer.tracks[0];
        assert_eq!(renewal(&newer, newer_track, &certificates, day_after), None);
        let update = version_update(&newer, newer_track, &certificates, day_after).unwrap();
        assert_eq!(
            (update.from.as_str(), update.to.as_str()),
            ("1.0.0", "1.1.0")
        );
        assert_eq!(
            update.changes,
            Some(vec![ModuleChange::Changed {
                id: track.modules[0].id.clone(),
                title: track.modules[0].title.clone(),
            }])
        );
        let early = update.early_renewal();
        assert_eq!(
            early.reason,
            RenewalReason::EarlyForNewVersion {
                from: "1.0.0".into(),
                to: "1.1.0".into()
            }
        );
        assert!(early.must_redo(&track.modules[0].id));
        // Nothing to say on the same version, and a lapsed certificate is a renewal, not an update.
        assert_eq!(version_update(&pack, track, &certificates, day_after), None);
        let lapsed = expiry(
            issued,
            track.certification.validity_months,
            &crate::domain::calendar::UTC,
        );
        assert_eq!(
            version_update(&newer, newer_track, &certificates, lapsed),
            None
        );
        // A major version asks for renewal instead.
        let mut major = newer.clone();
        major.version = "2.0.0".into();
        assert_eq!(
            version_update(&major, &major.tracks[0], &certificates, day_after),
            None
        );
    }
}

//! Personal backups: everything a learner has done, in one file they keep. Importing merges record by
//! record, so a backup can add what is missing but never take away what is there.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::credential::{Certificates, IssuerKey};
use super::pack::Audience;
use super::profile::{Language, Profile, Role, ThemePreference};
use super::progress::Progress;
use super::review::ReviewLog;

/// Marks a file as a Fluency backup, so that other JSON is refused with a clear message.
pub const BACKUP_KIND: &str = "fluency-backup";
pub const BACKUP_VERSION: u32 = 1;
/// Backups larger than this are refused before parsing.
pub const MAX_BACKUP_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub kind: String,
    pub version: u32,
    pub exported_at: i64,
    pub profile: Profile,
    /// Progress per pack id.
    pub progress: BTreeMap<String, Progress>,
    /// The key that signs the learner's certificates. Only ever stored here and in the browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_key: Option<IssuerKey>,
    #[serde(default)]
    pub certificates: Certificates,
    /// The spaced-review log per pack id; merged like progress (the union of the reviews).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reviews: BTreeMap<String, ReviewLog>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("the file is {bytes} bytes, over the {limit}-byte limit for a backup")]
    TooLarge { bytes: usize, limit: usize },
    #[error("this is not a Fluency backup ({0})")]
    NotABackup(String),
    #[error("this backup was made by a newer version of Fluency (backup version {0})")]
    TooNew(u32),
}

impl Backup {
    pub fn new(profile: Profile, progress: BTreeMap<String, Progress>, exported_at: i64) -> Backup {
        Backup {
            kind: BACKUP_KIND.to_owned(),
            version: BACKUP_VERSION,
            exported_at,
            profile,
            progress,
            issuer_key: None,
            certificates: Certificates::default(),
            reviews: BTreeMap::new(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Backup, BackupError> {
        if text.len() > MAX_BACKUP_BYTES {
            return Err(BackupError::TooLarge {
                bytes: text.len(),
                limit: MAX_BACKUP_BYTES,
            });
        }
        if let Some(found) = super::pack::non_object_literal(text) {
            return Err(BackupError::NotABackup(format!(
                "the file holds {found}, where a backup is one JSON object; choose a fluency-backup-….json file"
            )));
        }
        #[derive(Deserialize)]
        struct Header {
            kind: Option<String>,
            version: Option<u32>,
        }
        let header: Header =
            serde_json::from_str(text).map_err(|e| BackupError::NotABackup(e.to_string()))?;
        if header.kind.as_deref() != Some(BACKUP_KIND) {
            return Err(BackupError::NotABackup(
                "it has no \"kind\": \"fluency-backup\" field".into(),
            ));
        }
        match header.version {
            Some(v) if v > BACKUP_VERSION => return Err(BackupError::TooNew(v)),
            None => return Err(BackupError::NotABackup("it has no version".into())),
            _ => {}
        }
        serde_json::from_str(text).map_err(|e| BackupError::NotABackup(e.to_string()))
    }
}

/// What importing a backup would change for one pack, shown before anything is applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPreview {
    pub pack_id: String,
    pub new_units: usize,
    pub new_attempts: usize,
    pub newer_position: bool,
    pub newer_placement: bool,
}

impl ImportPreview {
    pub fn changes_anything(&self) -> bool {
        self.new_units > 0 || self.new_attempts > 0 || self.newer_position || self.newer_placement
    }
}

/// A profile setting a backup would bring back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileField {
    Name(String),
    Role(Role),
    Path(Audience),
    Language(Language),
    Theme(ThemePreference),
}

/// The profile after restoring `incoming` over `current`, by the rule every restore follows: it adds
/// what is missing and never takes away or overwrites what is there. A setting counts as missing
/// when it was never chosen: no name, no role, no path, no language, or the theme left to follow
/// the system.
pub fn merge_profile(current: &Profile, incoming: &Profile) -> Profile {
    let mut merged = current.clone();
    if merged.display_name.trim().is_empty() {
        merged.display_name = Profile::clean_name(&incoming.display_name);
    }
    merged.role = merged.role.or(incoming.role);
    merged.path = merged.path.or(incoming.path);
    merged.language = merged.language.or(incoming.language);
    if merged.theme == ThemePreference::System {
        merged.theme = incoming.theme;
    }
    merged
}

/// The settings [`merge_profile`] would bring back, in the order the profile page lists them.
pub fn profile_changes(current: &Profile, incoming: &Profile) -> Vec<ProfileField> {
    let merged = merge_profile(current, incoming);
    let mut changes = Vec::new();
    if merged.display_name != current.display_name {
        changes.push(ProfileField::Name(merged.display_name.clone()));
    }
    if let (Some(role), None) = (merged.role, current.role) {
        changes.push(ProfileField::Role(role));
    }
    if let (Some(path), None) = (merged.path, current.path) {
        changes.push(ProfileField::Path(path));
    }
    if let (Some(language), None) = (merged.language, current.language) {
        changes.push(ProfileField::Language(language));
    }
    if merged.theme != current.theme {
        changes.push(ProfileField::Theme(merged.theme));
    }
    changes
}

/// Everything a restore would change, shown before anything is applied: per pack, the profile
/// settings it fills in, the certificates it adds and whether it brings back the signing key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestorePreview {
    pub packs: Vec<ImportPreview>,
    pub profile: Vec<ProfileField>,
    pub new_certificates: usize,
    /// The backup holds a signing key and this browser has none.
    pub restores_key: bool,
    /// Reviews in the backup that this browser's review logs do not have ([`new_reviews`]).
    pub new_reviews: usize,
}

impl RestorePreview {
    pub fn changes_anything(&self) -> bool {
        self.packs.iter().any(ImportPreview::changes_anything)
            || !self.profile.is_empty()
            || self.new_certificates > 0
            || self.restores_key
            || self.new_reviews > 0
    }
}

/// Compares what this browser holds with a backup: progress per pack (`current`, by pack id), the
/// profile, the certificates and whether a signing key is stored.
pub fn restore_preview(
    current: &BTreeMap<String, Progress>,
    profile: &Profile,
    certificates: &Certificates,
    has_key: bool,
    backup: &Backup,
) -> RestorePreview {
    RestorePreview {
        packs: preview(current, backup),
        profile: profile_changes(profile, &backup.profile),
        new_certificates: backup
            .certificates
            .issued
            .iter()
            .filter(|c| certificates.find(&c.claims.id).is_none())
            .count(),
        restores_key: !has_key
            && backup
                .issuer_key
                .as_ref()
                .is_some_and(|k| k.seed_bytes().is_some()),
        new_reviews: 0,
    }
}

/// How many of a backup's reviews the current review logs (by pack id) lack.
pub fn new_reviews(current: &BTreeMap<String, ReviewLog>, backup: &Backup) -> usize {
    backup
        .reviews
        .iter()
        .map(|(pack_id, incoming)| {
            let ours = current.get(pack_id).cloned().unwrap_or_default();
            ours.merge(incoming).reviews.len() - ours.reviews.len()
        })
        .sum()
}

/// Compares the current progress with a backup's, pack by pack.
pub fn preview(current: &BTreeMap<String, Progress>, backup: &Backup) -> Vec<ImportPreview> {
    backup
        .progress
        .iter()
        .map(|(pack_id, incoming)| {
            let empty = Progress::default();
            let ours = current.get(pack_id).unwrap_or(&empty);
            let merged = ours.merge(incoming);
            let count_attempts = |p: &Progress| p.attempts.values().map(Vec::len).sum::<usize>();
            ImportPreview {
                pack_id: pack_id.clone(),
                new_units: merged.units.len() - ours.units.len(),
                new_attempts: count_attempts(&merged) - count_attempts(ours),
                newer_position: merged.position != ours.position,
                newer_placement: merged.placement != ours.placement,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::progress::Attempt;

    fn progress(units: &[(&str, i64)], attempts: &[(&str, &str, i64)]) -> Progress {
        let mut p = Progress {
            pack_id: "core".into(),
            pack_version: "1.0.0".into(),
            ..Progress::default()
        };
        for (unit, at) in units {
            p.complete_unit(unit, *at);
        }
        for (key, id, at) in attempts {
            p.record_attempt(
                key,
                Attempt {
                    id: (*id).into(),
                    at: *at,
                    correct: 4,
                    total: 5,
                    answers: Vec::new(),
                },
            );
        }
        p
    }

    #[test]
    fn round_trips_through_json() {
        let backup = Backup::new(
            Profile::default().with_name("Ana"),
            BTreeMap::from([(
                "core".to_owned(),
                progress(&[("u1", 5)], &[("check:m", "a", 6)]),
            )]),
            42,
        );
        assert_eq!(Backup::from_json(&backup.to_json()).unwrap(), backup);
    }

    #[test]
    fn refuses_what_is_not_a_backup() {
        let cases = [
            ("not json", "not a Fluency backup"),
            (
                "[1, 2]",
                "the file holds […], where a backup is one JSON object",
            ),
            ("7", "the file holds 7"),
            ("{}", "no \"kind\""),
            (r#"{"kind":"something-else","version":1}"#, "no \"kind\""),
            (r#"{"kind":"fluency-backup"}"#, "no version"),
            (r#"{"kind":"fluency-backup","version":9}"#, "newer version"),
            (
                r#"{"kind":"fluency-backup","version":1,"profile":{}}"#,
                "missing field",
            ),
        ];
        for (text, expected) in cases {
            let err = Backup::from_json(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{text}: {err}");
        }
        let huge = " ".repeat(MAX_BACKUP_BYTES + 1);
        assert!(matches!(
            Backup::from_json(&huge),
            Err(BackupError::TooLarge { .. })
        ));
    }

    #[test]
    fn a_restore_into_an_empty_browser_brings_back_the_whole_profile() {
        let saved = Profile {
            display_name: "Mei Lin".into(),
            role: Some(Role::Learner),
            language: Some(Language::SimplifiedChinese),
            theme: ThemePreference::Dark,
            path: Some(Audience::Technical),
        };
        let backup = Backup::new(saved.clone(), BTreeMap::new(), 1);
        let empty = Profile::default();
        assert_eq!(merge_profile(&empty, &backup.profile), saved);
        assert_eq!(
            profile_changes(&empty, &backup.profile),
            vec![
                ProfileField::Name("Mei Lin".into()),
                ProfileField::Role(Role::Learner),
                ProfileField::Path(Audience::Technical),
                ProfileField::Language(Language::SimplifiedChinese),
                ProfileField::Theme(ThemePreference::Dark),
            ]
        );
        let preview = restore_preview(
            &BTreeMap::new(),
            &empty,
            &Certificates::default(),
            false,
            &backup,
        );
        assert!(
            preview.changes_anything(),
            "the profile alone is worth restoring"
        );
    }

    #[test]
    fn a_restore_never_overwrites_what_is_set() {
        let mine = Profile {
            display_name: "Ana".into(),
            role: Some(Role::Manager),
            language: Some(Language::English),
            theme: ThemePreference::Light,
            path: None,
        };
        let theirs = Profile {
            display_name: "Someone".into(),
            role: Some(Role::Learner),
            language: Some(Language::SimplifiedChinese),
            theme: ThemePreference::Dark,
            path: Some(Audience::Leader),
        };
        let merged = merge_profile(&mine, &theirs);
        assert_eq!(
            merged,
            Profile {
                path: Some(Audience::Leader),
                ..mine.clone()
            }
        );
        assert_eq!(
            profile_changes(&mine, &theirs),
            vec![ProfileField::Path(Audience::Leader)]
        );
        assert_eq!(profile_changes(&merged, &theirs), vec![]);
    }

    #[test]
    fn certificates_and_the_key_alone_are_changes_worth_applying() {
        use crate::domain::credential::{sign, Claims};
        let claims = Claims {
            id: "c1".into(),
            learner_name: "Ana".into(),
            email_hash: None,
            email_salt: None,
            track_id: "t".into(),
            track_title: "T".into(),
            pack_id: "p".into(),
            pack_version: "1.0.0".into(),
            pack_hash: "h".into(),
            pack_language: "".into(),
            issued_at: 1,
            expires_at: 2,
            scores: BTreeMap::new(),
            evidence: String::new(),
            self_attested: true,
            issuer: String::new(),
            module_hashes: BTreeMap::new(),
        };
        let mut backup = Backup::new(Profile::default(), BTreeMap::new(), 1);
        backup.certificates.issued.push(sign(claims, &[1; 32]));
        backup.issuer_key = Some(IssuerKey::from_seed(&[1; 32], 1));
        let none = restore_preview(
            &BTreeMap::new(),
            &Profile::default(),
            &Certificates::default(),
            false,
            &backup,
        );
        assert_eq!((none.new_certificates, none.restores_key), (1, true));
        assert!(none.changes_anything());
        let all = restore_preview(
            &BTreeMap::new(),
            &Profile::default(),
            &backup.certificates,
            true,
            &backup,
        );
        assert!(!all.changes_anything());
    }

    #[test]
    fn preview_counts_only_what_is_new() {
        let current = BTreeMap::from([(
            "core".to_owned(),
            progress(&[("u1", 5)], &[("check:m", "a", 6)]),
        )]);
        let backup = Backup::new(
            Profile::default(),
            BTreeMap::from([
                (
                    "core".to_owned(),
                    progress(
                        &[("u1", 1), ("u2", 2)],
                        &[("check:m", "a", 6), ("check:m", "b", 7)],
                    ),
                ),
                ("other-pack".to_owned(), progress(&[("x", 1)], &[])),
            ]),
            9,
        );
        let previews = preview(&current, &backup);
        assert_eq!(previews.len(), 2);
        assert_eq!((previews[0].new_units, previews[0].new_attempts), (1, 1));
        assert_eq!(previews[1].pack_id, "other-pack");
        assert_eq!(previews[1].new_units, 1);
        assert!(previews.iter().all(ImportPreview::changes_anything));

        let same = Backup::new(Profile::default(), current.clone(), 10);
        assert!(
            !preview(&current, &same)[0].changes_anything(),
            "importing what you have changes nothing"
        );
    }

    #[test]
    fn a_backup_round_trip_keeps_and_merges_the_review_log() {
        use crate::domain::review::{Grade, Review};
        let review = |id: &str, at| Review {
            id: id.into(),
            card: "m/q1".into(),
            at,
            grade: Grade::Good,
            fingerprint: "00".into(),
        };
        let mut ours = ReviewLog::new("core");
        ours.record(review("a", 1));
        let mut theirs = ours.clone();
        theirs.record(review("b", 2));
        let mut backup = Backup::new(Profile::default(), BTreeMap::new(), 3);
        backup.reviews.insert("core".into(), theirs.clone());
        let text = backup.to_json();
        let back = Backup::from_json(&text).unwrap();
        assert_eq!(back.reviews["core"], theirs, "the file carries the log");
        let current = BTreeMap::from([("core".to_owned(), ours.clone())]);
        assert_eq!(new_reviews(&current, &back), 1);
        assert_eq!(new_reviews(&BTreeMap::new(), &back), 2);
        assert_eq!(ours.merge(&back.reviews["core"]).reviews.len(), 2);
        // A backup from before reviews existed reads with an empty log.
        let mut old =
            serde_json::to_value(Backup::new(Profile::default(), BTreeMap::new(), 3)).unwrap();
        old.as_object_mut().unwrap().remove("reviews");
        assert!(Backup::from_json(&old.to_string())
            .unwrap()
            .reviews
            .is_empty());
    }
}

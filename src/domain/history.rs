//! The published versions of packs: `public/packs/history.json`, beside the manifest.
//!
//! Certificates and progress reports name the pack they were earned against by id, version and
//! content hash. Without a record of what was published, every new version would turn earlier
//! certificates into "unknown pack". The history keeps, for each published version, its id,
//! version, language, content hash and the module fingerprints that certificates name, plus a short
//! note of what changed for learners. Verification and the Team import accept any version listed
//! here, and say which one a certificate was earned against and which is current.
//!
//! Recertification follows semantic versioning as `docs/publishing.md` defines it: a MAJOR bump
//! asks every holder to recertify; MINOR and PATCH releases leave certificates standing until they
//! expire, and holders are told what is new and may renew early.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::certification::module_fingerprint;
use super::pack::Pack;
use super::semver::Version;

/// The history file's format.
pub const HISTORY_FORMAT: u32 = 1;

/// Where the shipped app serves the history, next to the manifest.
pub const HISTORY_URL: &str = "/packs/history.json";

/// Every published version of every pack the site has served.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackHistory {
    pub format: u32,
    /// Oldest first, as published.
    pub versions: Vec<PublishedVersion>,
}

/// One published version of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedVersion {
    pub id: String,
    /// Semantic version, `MAJOR.MINOR.PATCH`.
    pub version: String,
    /// BCP 47 tag of the content language.
    pub language: String,
    /// `sha256:` + hex, as [`Pack::content_hash`] computes it.
    pub hash: String,
    /// The day it was published, `YYYY-MM-DD`.
    pub published: String,
    /// Module id → fingerprint ([`module_fingerprint`]), for every module of the pack.
    pub modules: BTreeMap<String, String>,
    /// What changed for learners, by BCP 47 language tag. Empty for the first version.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
}

/// Why a history file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    #[error("the history file is not valid: {0}")]
    Syntax(String),
    #[error(
        "history format {found} is newer than this version of Fluency understands ({supported})"
    )]
    FormatTooNew { found: u32, supported: u32 },
}

impl PublishedVersion {
    /// The entry a pack gets when it is published on `published` (`YYYY-MM-DD`).
    pub fn of(pack: &Pack, published: &str, notes: BTreeMap<String, String>) -> PublishedVersion {
        PublishedVersion {
            id: pack.id.clone(),
            version: pack.version.clone(),
            language: pack.language.clone(),
            hash: pack.content_hash(),
            published: published.to_owned(),
            modules: pack
                .tracks
                .iter()
                .flat_map(|t| &t.modules)
                .map(|m| (m.id.clone(), module_fingerprint(m)))
                .collect(),
            notes,
        }
    }

    /// The note for a language, falling back to its primary subtag, then to English, then to any.
    pub fn note(&self, language: &str) -> Option<&str> {
        let primary = language.split('-').next().unwrap_or_default();
        self.notes
            .get(language)
            .or_else(|| {
                self.notes
                    .iter()
                    .find(|(tag, _)| tag.split('-').next() == Some(primary))
                    .map(|(_, n)| n)
            })
            .or_else(|| self.notes.get("en"))
            .or_else(|| self.notes.values().next())
            .map(String::as_str)
    }
}

impl PackHistory {
    /// Parses a history file, refusing a newer format with a message.
    pub fn from_json(text: &str) -> Result<PackHistory, HistoryError> {
        #[derive(Deserialize)]
        struct FormatOnly {
            format: Option<u32>,
        }
        let syntax = |e: serde_json::Error| HistoryError::Syntax(e.to_string());
        let probe: FormatOnly = serde_json::from_str(text).map_err(syntax)?;
        if let Some(found) = probe.format.filter(|f| *f > HISTORY_FORMAT) {
            return Err(HistoryError::FormatTooNew {
                found,
                supported: HISTORY_FORMAT,
            });
        }
        serde_json::from_str(text).map_err(syntax)
    }

    /// The published version a certificate or report names, if the site published it.
    pub fn find(&self, id: &str, version: &str, hash: &str) -> Option<&PublishedVersion> {
        self.versions
            .iter()
            .find(|v| v.id == id && v.version == version && v.hash == hash)
    }

    /// The published entry for a pack version, whatever its hash or language (the source's comes
    /// first, as it is published first).
    pub fn find_version(&self, id: &str, version: &str) -> Option<&PublishedVersion> {
        self.versions
            .iter()
            .find(|v| v.id == id && v.version == version)
    }

    /// Whether a pack version was published here: the check verification and the Team import use.
    pub fn knows(&self, id: &str, version: &str, hash: &str) -> bool {
        self.find(id, version, hash).is_some()
    }

    /// The check verification and the Team import use: a version this site published, or the
    /// pack loaded now (which may be a newer build than the history, or a trainer's pack).
    pub fn knows_or_current<'a>(
        &'a self,
        current: &'a Pack,
    ) -> impl Fn(&str, &str, &str) -> bool + 'a {
        // The current pack's hash serialises and hashes the whole pack: computed only when a
        // report is not of a published version, and then once.
        let hash = std::cell::OnceCell::new();
        move |id, version, h| {
            self.knows(id, version, h)
                || (id == current.id
                    && version == current.version
                    && h == hash.get_or_init(|| current.content_hash()).as_str())
        }
    }

    /// The newest published version of a pack (by semantic version).
    pub fn latest(&self, id: &str) -> Option<&PublishedVersion> {
        self.versions
            .iter()
            .filter(|v| v.id == id)
            .max_by_key(|v| Version::parse(&v.version))
    }

    /// Published versions of a pack newer than `version`, oldest first: what a holder of a
    /// certificate earned against `version` has not seen yet.
    pub fn newer_than(&self, id: &str, version: &str) -> Vec<&PublishedVersion> {
        let from = Version::parse(version);
        let mut newer: Vec<&PublishedVersion> = self
            .versions
            .iter()
            .filter(|v| v.id == id && Version::parse(&v.version) > from)
            .collect();
        newer.sort_by_key(|v| Version::parse(&v.version));
        newer
    }

    /// Adds (or replaces) the entry for a pack's version in one language (each language edition
    /// has an entry of its own), keeping the list in publishing order.
    pub fn record(&mut self, entry: PublishedVersion) {
        match self.versions.iter_mut().find(|v| {
            v.id == entry.id && v.version == entry.version && v.language == entry.language
        }) {
            Some(existing) => *existing = entry,
            None => self.versions.push(entry),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pack::tests::EXAMPLE;

    fn history() -> PackHistory {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let mut old = pack.clone();
        old.version = "1.0.0".into();
        old.tracks[0].modules[0].units[0].body.push_str(" Old.");
        let mut newer = pack.clone();
        newer.version = "1.1.0".into();
        let mut history = PackHistory {
            format: HISTORY_FORMAT,
            versions: vec![],
        };
        history.record(PublishedVersion::of(&old, "2026-11-01", BTreeMap::new()));
        history.record(PublishedVersion::of(
            &newer,
            "2026-12-01",
            BTreeMap::from([
                ("en".into(), "Scenarios now count.".into()),
                ("zh-CN".into(), "情景练习现在计入。".into()),
            ]),
        ));
        history
    }

    #[test]
    fn finds_exactly_the_published_versions() {
        let history = history();
        let old = &history.versions[0];
        let cases = [
            ("tiny-demo", "1.0.0", old.hash.as_str(), true),
            ("tiny-demo", "1.0.0", "sha256:00", false),
            ("tiny-demo", "1.1.0", old.hash.as_str(), false),
            ("other", "1.0.0", old.hash.as_str(), false),
        ];
        for (id, version, hash, want) in cases {
            assert_eq!(
                history.knows(id, version, hash),
                want,
                "{id} {version} {hash}"
            );
        }
        assert_eq!(history.latest("tiny-demo").unwrap().version, "1.1.0");
        assert_eq!(history.latest("other"), None);
        let newer: Vec<&str> = history
            .newer_than("tiny-demo", "1.0.0")
            .iter()
            .map(|v| v.version.as_str())
            .collect();
        assert_eq!(newer, vec!["1.1.0"]);
        assert!(history.newer_than("tiny-demo", "1.1.0").is_empty());
    }

    #[test]
    fn records_fingerprints_of_every_module() {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let entry = PublishedVersion::of(&pack, "2026-12-01", BTreeMap::new());
        assert_eq!(entry.hash, pack.content_hash());
        assert_eq!(
            entry.modules.get("checking-output").map(String::as_str),
            Some(module_fingerprint(&pack.tracks[0].modules[0]).as_str())
        );
    }

    #[test]
    fn notes_fall_back_by_language() {
        let history = history();
        let entry = &history.versions[1];
        let cases = [
            ("en", Some("Scenarios now count.")),
            ("zh-CN", Some("情景练习现在计入。")),
            ("zh-TW", Some("情景练习现在计入。")),
            ("nl", Some("Scenarios now count.")),
        ];
        for (language, want) in cases {
            assert_eq!(entry.note(language), want, "{language}");
        }
        assert_eq!(history.versions[0].note("en"), None);
    }

    #[test]
    fn parsing_round_trips_and_refuses_newer_formats() {
        let history = history();
        let text = serde_json::to_string_pretty(&history).unwrap();
        assert_eq!(PackHistory::from_json(&text), Ok(history));
        assert_eq!(
            PackHistory::from_json(r#"{"format": 9, "versions": []}"#),
            Err(HistoryError::FormatTooNew {
                found: 9,
                supported: 1
            })
        );
        assert!(matches!(
            PackHistory::from_json("[]"),
            Err(HistoryError::Syntax(_))
        ));
    }

    #[test]
    fn recording_a_version_again_replaces_it() {
        let mut history = history();
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let mut again = pack.clone();
        again.version = "1.1.0".into();
        again.title = "Renamed".into();
        history.record(PublishedVersion::of(&again, "2026-12-02", BTreeMap::new()));
        assert_eq!(history.versions.len(), 2);
        assert_eq!(history.versions[1].published, "2026-12-02");
    }
}

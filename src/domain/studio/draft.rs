//! A draft: a pack being edited, with where it came from and a revision that detects other tabs.

use serde::{Deserialize, Serialize};

use crate::domain::pack::{Pack, FORMAT_VERSION};
use crate::domain::schema::Schema;

/// A pack being edited in the browser. Stored once per draft, under `fluency.draft.<id>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The draft's local id; also its storage scope.
    pub id: String,
    pub pack: Pack,
    /// Incremented by every save, for display and diagnostics.
    pub revision: u64,
    /// A random id of this saved state, new on every save.
    #[serde(default)]
    pub stamp: u64,
    /// The stamp of the state this one was edited from. A tab compares it with the last state it
    /// saw in storage to tell whether another tab built on its work or raced it.
    #[serde(default)]
    pub parent: u64,
    /// Milliseconds since the epoch of the last save.
    pub saved_at: i64,
    /// Version and content hash of the pack it came from, when it came from one.
    #[serde(default)]
    pub origin: Option<OriginRef>,
    /// For a language edition: the pack it translates, which the translation view compares it
    /// with to find untranslated and stale items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// Where the source of a translation lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SourceRef {
    /// Another draft in this browser, as it is now.
    Draft { id: String },
    /// A pack the site publishes, by its same-origin path.
    Published { url: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginRef {
    pub version: String,
    pub hash: String,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            id: String::new(),
            pack: empty_pack("new-pack"),
            revision: 0,
            stamp: 0,
            parent: 0,
            saved_at: 0,
            origin: None,
            source: None,
        }
    }
}

impl Schema for Draft {
    const KEY: &'static str = "draft";
    const VERSION: u32 = 1;
}

/// The pack a draft started from, stored once under `fluency.draft-origin.<id>` so that compare
/// and the version bump can see it, and autosave does not rewrite it on every keystroke.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DraftOrigin {
    pub pack: Option<Pack>,
}

impl Schema for DraftOrigin {
    const KEY: &'static str = "draft-origin";
    const VERSION: u32 = 1;
}

/// The list of drafts, for the Studio home, under `fluency.drafts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DraftIndex {
    pub drafts: Vec<DraftSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub id: String,
    pub title: String,
    pub version: String,
    pub saved_at: i64,
}

impl Schema for DraftIndex {
    const KEY: &'static str = "drafts";
    const VERSION: u32 = 1;
}

impl DraftIndex {
    /// Adds or refreshes the entry for `draft`, newest first.
    pub fn upsert(&mut self, draft: &Draft) {
        self.drafts.retain(|d| d.id != draft.id);
        self.drafts.insert(
            0,
            DraftSummary {
                id: draft.id.clone(),
                title: draft.pack.title.clone(),
                version: draft.pack.version.clone(),
                saved_at: draft.saved_at,
            },
        );
    }

    pub fn remove(&mut self, id: &str) {
        self.drafts.retain(|d| d.id != id);
    }
}

impl Draft {
    /// A draft that starts from `pack`, remembering it as its origin.
    pub fn from_pack(id: String, pack: Pack, now: i64) -> Draft {
        let origin = Some(OriginRef {
            version: pack.version.clone(),
            hash: pack.content_hash(),
        });
        Draft {
            id,
            pack,
            revision: 0,
            stamp: 0,
            parent: 0,
            saved_at: now,
            origin,
            source: None,
        }
    }

    /// A translation of `source` into `language`: a copy of `start` (a published edition in that
    /// language, or the source itself) that records what it translates. Items copied from a
    /// published edition keep its translation record; items copied from the source are
    /// untranslated until the translator marks them.
    pub fn translation(
        id: String,
        source: &Pack,
        source_ref: SourceRef,
        start: Option<Pack>,
        language: &str,
        now: i64,
    ) -> Draft {
        let from_edition = start.filter(|p| p.id == source.id && p.edition.is_some());
        let mut pack = from_edition.clone().unwrap_or_else(|| source.clone());
        pack.language = language.to_owned();
        if from_edition.is_none() {
            pack.edition = Some(crate::domain::edition::Edition {
                source_language: source.language.clone(),
                source_version: source.version.clone(),
                source_hash: source.content_hash(),
                translated: Default::default(),
            });
        }
        let mut draft = Draft::from_pack(id, pack, now);
        draft.source = Some(source_ref);
        draft
    }

    /// A draft of a brand-new, empty pack.
    pub fn new_empty(id: String, now: i64) -> Draft {
        Draft {
            pack: empty_pack("new-pack"),
            saved_at: now,
            id,
            ..Draft::default()
        }
    }

    /// The size of the draft as stored, in bytes, for quota messages.
    pub fn stored_bytes(&self) -> usize {
        serde_json::to_string(self).map(|s| s.len()).unwrap_or(0)
    }
}

/// A draft id from a clock value and a random number, in the slug alphabet.
pub fn draft_id(now: i64, random: u64) -> String {
    format!("d{:x}{:04x}", now.max(0), random & 0xffff)
}

/// A pack with nothing in it yet; the validator lists what it still needs.
pub fn empty_pack(id: &str) -> Pack {
    Pack {
        format: FORMAT_VERSION,
        id: id.to_owned(),
        version: "0.1.0".to_owned(),
        title: "New pack".to_owned(),
        language: "en".to_owned(),
        description: String::new(),
        placement: Vec::new(),
        tracks: Vec::new(),
        edition: None,
    }
}

/// What a tab does when another tab saves the same draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incoming {
    /// The other tab saved what this tab shows: nothing to do but note the new stamp.
    Same,
    /// The other tab built on this tab's last state and this tab has nothing unsaved: follow it.
    Adopt,
    /// Following would lose work (unsaved here, or saved here and overwritten by a tab that never
    /// saw it): the trainer chooses.
    Conflict,
}

/// Decides what to do with `theirs`, given the stamp this tab last saw in storage (`synced`), whether
/// this tab has unsaved changes, and whether both show the same pack.
pub fn on_other_tab_save(synced: u64, theirs: &Draft, unsaved: bool, same_pack: bool) -> Incoming {
    if same_pack {
        Incoming::Same
    } else if theirs.parent == synced && !unsaved {
        Incoming::Adopt
    } else {
        Incoming::Conflict
    }
}

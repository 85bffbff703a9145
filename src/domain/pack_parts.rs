//! The curriculum served in parts, so that a page fetches only what it shows.
//!
//! A pack file `/packs/NAME.json` (any pack or language edition the manifest lists) is also served
//! as:
//!
//! - `/packs/NAME/outline.json`: an [`Outline`], the whole pack with each track's heavy content left
//!   out ([`outline_track`]): every track, module, unit and scenario keeps its id, title and
//!   minutes, modules keep their summary, objectives and prerequisites, and the placement questions
//!   stay; unit text, sources, questions, scenario situations and the final assessment's bank go.
//!   That is enough for the catalogue, the dashboard, progress percentages and prerequisites.
//! - `/packs/NAME/track-ID.json`: a [`TrackPart`], one track in full.
//!
//! `examples/split_packs.rs` writes them at build time from the pack files themselves, so they can
//! never drift from the packs. Every part carries the whole pack's content hash
//! ([`Pack::content_hash`]), and [`PartialPack`] refuses parts of another pack, so parts of two
//! builds are never mixed. Once every track is in, [`PartialPack::whole`] is the pack itself, equal
//! to the file it was split from, with the same content hash: certificates and reports name the
//! same pack either way.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::pack::{Pack, Track};

/// The format of the parts this build reads and writes.
pub const PARTS_FORMAT: u32 = 1;

/// A pack without its tracks' heavy content; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    pub parts: u32,
    /// The whole pack's content hash, `sha256:` + hex.
    pub hash: String,
    /// The pack, with every track as [`outline_track`] leaves it.
    pub pack: Pack,
}

/// One track of a pack, in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackPart {
    pub parts: u32,
    /// The whole pack's content hash, as in its [`Outline`].
    pub hash: String,
    pub track: Track,
}

/// Why a part cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartsError {
    #[error("the curriculum parts are in format {found}, newer than this version of Fluency reads ({supported})")]
    FormatTooNew { found: u32, supported: u32 },
    #[error("the track part belongs to another version of the pack ({found}, not {expected})")]
    OtherPack { expected: String, found: String },
    #[error("the pack has no track {0}")]
    UnknownTrack(String),
    #[error("the curriculum part cannot be read: {0}")]
    Unreadable(String),
}

/// Whether an id can name a file: letters, digits, `-` and `_` only, which is what the validator
/// accepts for ids anyway.
fn is_file_safe(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `/packs/NAME/` for a pack file `/packs/NAME.json`; `None` for anything else.
pub fn parts_dir(pack_url: &str) -> Option<String> {
    let name = pack_url.strip_prefix("/packs/")?.strip_suffix(".json")?;
    let safe = !name.is_empty()
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    safe.then(|| format!("/packs/{name}/"))
}

/// Where a pack file's outline is served.
pub fn outline_url(pack_url: &str) -> Option<String> {
    parts_dir(pack_url).map(|dir| format!("{dir}outline.json"))
}

/// Where one track of a pack file is served.
pub fn track_url(pack_url: &str, track_id: &str) -> Option<String> {
    if !is_file_safe(track_id) {
        return None;
    }
    parts_dir(pack_url).map(|dir| format!("{dir}track-{track_id}.json"))
}

/// A track without its heavy content: see the module docs for what stays.
pub fn outline_track(track: &Track) -> Track {
    let mut outline = track.clone();
    outline.certification.bank.clear();
    for module in &mut outline.modules {
        module.check.questions.clear();
        for unit in &mut module.units {
            unit.body.clear();
            unit.sources.clear();
            unit.tags.clear();
        }
        for scenario in &mut module.scenarios {
            scenario.situation.clear();
            scenario.questions.clear();
        }
    }
    outline
}

/// Splits a pack into its outline and one part per track.
pub fn split(pack: &Pack) -> (Outline, Vec<TrackPart>) {
    let hash = pack.content_hash();
    let mut outline = pack.clone();
    outline.tracks = pack.tracks.iter().map(outline_track).collect();
    let tracks = pack
        .tracks
        .iter()
        .map(|track| TrackPart {
            parts: PARTS_FORMAT,
            hash: hash.clone(),
            track: track.clone(),
        })
        .collect();
    (
        Outline {
            parts: PARTS_FORMAT,
            hash,
            pack: outline,
        },
        tracks,
    )
}

fn check_format(found: u32) -> Result<(), PartsError> {
    if found > PARTS_FORMAT {
        return Err(PartsError::FormatTooNew {
            found,
            supported: PARTS_FORMAT,
        });
    }
    Ok(())
}

impl Outline {
    pub fn from_json(text: &str) -> Result<Outline, PartsError> {
        let outline: Outline =
            serde_json::from_str(text).map_err(|e| PartsError::Unreadable(e.to_string()))?;
        check_format(outline.parts)?;
        Ok(outline)
    }
}

impl TrackPart {
    pub fn from_json(text: &str) -> Result<TrackPart, PartsError> {
        let part: TrackPart =
            serde_json::from_str(text).map_err(|e| PartsError::Unreadable(e.to_string()))?;
        check_format(part.parts)?;
        Ok(part)
    }
}

/// A pack assembled from its outline and whichever tracks have arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialPack {
    outline: Outline,
    tracks: BTreeMap<String, Track>,
}

impl PartialPack {
    pub fn new(outline: Outline) -> PartialPack {
        PartialPack {
            outline,
            tracks: BTreeMap::new(),
        }
    }

    /// The whole pack's content hash.
    pub fn hash(&self) -> &str {
        &self.outline.hash
    }

    /// The pack as far as the outline goes (every track outlined).
    pub fn outline(&self) -> &Pack {
        &self.outline.pack
    }

    /// Whether the pack has a track with this id.
    pub fn has_track(&self, track_id: &str) -> bool {
        self.outline.pack.track(track_id).is_some()
    }

    /// Adds a track that arrived. Refuses a part of another pack or version, or of a track the
    /// outline does not list.
    pub fn add(&mut self, part: TrackPart) -> Result<(), PartsError> {
        if part.hash != self.outline.hash {
            return Err(PartsError::OtherPack {
                expected: self.outline.hash.clone(),
                found: part.hash,
            });
        }
        if !self.has_track(&part.track.id) {
            return Err(PartsError::UnknownTrack(part.track.id));
        }
        self.tracks.insert(part.track.id.clone(), part.track);
        Ok(())
    }

    /// Whether a track has arrived in full.
    pub fn is_loaded(&self, track_id: &str) -> bool {
        self.tracks.contains_key(track_id)
    }

    /// The ids of the tracks that have not arrived yet, in the pack's order.
    pub fn missing(&self) -> Vec<&str> {
        self.outline
            .pack
            .tracks
            .iter()
            .map(|t| t.id.as_str())
            .filter(|id| !self.tracks.contains_key(*id))
            .collect()
    }

    /// The pack with the given tracks in full (those that have arrived) and the rest outlined.
    pub fn view<'a>(&self, full: impl IntoIterator<Item = &'a str>) -> Pack {
        let mut pack = self.outline.pack.clone();
        for id in full {
            if let (Some(slot), Some(track)) = (
                pack.tracks.iter_mut().find(|t| t.id == id),
                self.tracks.get(id),
            ) {
                *slot = track.clone();
            }
        }
        pack
    }

    /// The whole pack, once every track has arrived.
    pub fn whole(&self) -> Option<Pack> {
        self.missing()
            .is_empty()
            .then(|| self.view(self.tracks.keys().map(String::as_str)))
    }
}

#[cfg(test)]
mod tests;

//! The pack manifest, `public/packs/index.json`: the packs a site publishes, each with its
//! language editions, and the choice of which edition a learner reads.
//!
//! ```json
//! { "packs": [ { "id": "fluency-core", "title": "Fluency core curriculum", "version": "1.1.0",
//!                "language": "en", "url": "/packs/fluency-core.json",
//!                "editions": [ { "language": "zh-CN", "title": "Fluency 核心课程",
//!                                "url": "/packs/fluency-core.zh-CN.json" } ] } ] }
//! ```

use serde::{Deserialize, Serialize};

/// Where the list of published packs is served from.
pub const MANIFEST_URL: &str = "/packs/index.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub packs: Vec<ManifestPack>,
}

/// One published pack, in its source language, with its editions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestPack {
    pub id: String,
    pub title: String,
    /// The source's version; an edition of another version is out of date.
    #[serde(default)]
    pub version: String,
    /// BCP 47 tag of the source's language.
    #[serde(default = "english")]
    pub language: String,
    /// Same-origin path of the pack file, such as `/packs/fluency-core.json`.
    pub url: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<ManifestEdition>,
}

fn english() -> String {
    "en".to_owned()
}

/// A language edition of a pack: the same pack, translated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEdition {
    pub language: String,
    #[serde(default)]
    pub title: String,
    pub url: String,
}

/// Which file a learner reads, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub url: String,
    /// The language of the text in that file.
    pub language: String,
    pub reason: Reason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The reader's language is the source's, or they chose to read the source.
    Source,
    /// An edition in the reader's language.
    Edition,
    /// No edition in the reader's language: the source is shown, and the learner is told.
    Missing,
}

/// Whether two BCP 47 tags name the same language for reading: equal ignoring case, or the same
/// primary subtag when one of them has no region (`zh` reads `zh-CN`).
pub fn same_language(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let primary = |t: &str| t.split('-').next().unwrap_or_default().to_ascii_lowercase();
    let bare = |t: &str| !t.contains('-');
    primary(a) == primary(b) && (bare(a) || bare(b))
}

/// Only same-origin paths under `/packs/` are fetched, whatever the manifest says.
pub fn is_local_pack_path(url: &str) -> bool {
    url.starts_with("/packs/") && !url.contains("..") && !url.contains("//") && !url.contains('\\')
}

impl ManifestPack {
    /// The file to read for a reader of `language`; `prefer_source` when they asked to read the
    /// source language instead of an edition.
    pub fn choose(&self, language: &str, prefer_source: bool) -> Choice {
        let source = |reason| Choice {
            url: self.url.clone(),
            language: self.language.clone(),
            reason,
        };
        if same_language(language, &self.language) || prefer_source {
            return source(Reason::Source);
        }
        match self
            .editions
            .iter()
            .find(|e| same_language(language, &e.language) && is_local_pack_path(&e.url))
        {
            Some(edition) => Choice {
                url: edition.url.clone(),
                language: edition.language.clone(),
                reason: Reason::Edition,
            },
            None => source(Reason::Missing),
        }
    }
}

impl Manifest {
    pub fn from_json(text: &str) -> Result<Manifest, String> {
        serde_json::from_str(text).map_err(|e| format!("the pack manifest is not valid: {e}"))
    }

    pub fn pack(&self, id: &str) -> Option<&ManifestPack> {
        self.packs.iter().find(|p| p.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> ManifestPack {
        Manifest::from_json(
            r#"{"packs":[{"id":"core","title":"Core","version":"1.1.0","language":"en","url":"/packs/core.json",
                "editions":[{"language":"zh-CN","title":"核心","url":"/packs/core.zh-CN.json"},
                            {"language":"nl","url":"https://elsewhere.example/core.nl.json"}]}]}"#,
        )
        .unwrap()
        .packs
        .remove(0)
    }

    #[test]
    fn choosing_an_edition_table() {
        let pack = entry();
        let cases = [
            ("en", false, "/packs/core.json", Reason::Source),
            ("en-GB", false, "/packs/core.json", Reason::Source),
            ("zh-CN", false, "/packs/core.zh-CN.json", Reason::Edition),
            ("zh", false, "/packs/core.zh-CN.json", Reason::Edition),
            ("zh-CN", true, "/packs/core.json", Reason::Source),
            ("fr", false, "/packs/core.json", Reason::Missing),
            // An edition elsewhere is never fetched.
            ("nl", false, "/packs/core.json", Reason::Missing),
        ];
        for (language, prefer_source, url, reason) in cases {
            let choice = pack.choose(language, prefer_source);
            assert_eq!(
                (choice.url.as_str(), choice.reason),
                (url, reason),
                "{language}"
            );
        }
    }

    #[test]
    fn older_manifests_still_read() {
        let manifest =
            Manifest::from_json(r#"{"packs":[{"id":"a","title":"A","url":"/packs/a.json"}]}"#)
                .unwrap();
        assert_eq!(manifest.packs[0].language, "en");
        assert!(manifest.packs[0].editions.is_empty());
        assert!(Manifest::from_json("[]").is_err());
    }

    #[test]
    fn only_local_pack_paths() {
        for (url, ok) in [
            ("/packs/a.json", true),
            ("/packs/../secret.json", false),
            ("//evil.example/packs/a.json", false),
            ("https://evil.example/packs/a.json", false),
            ("/other/a.json", false),
            ("/packs\\a.json", false),
        ] {
            assert_eq!(is_local_pack_path(url), ok, "{url}");
        }
    }
}

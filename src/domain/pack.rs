//! The curriculum pack: one versioned format for the shipped curriculum, trainers' drafts and
//! imports, and the content that certificates point at (by id, version and content hash).
//!
//! The format is documented in `docs/pack-format.md` and described by `public/schema/pack.schema.json`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The pack format this build writes. Format 2 added objective ids, the objectives each question
/// tests, and language editions; this build also reads format 1 (objectives as plain text).
pub const FORMAT_VERSION: u32 = 2;
/// The oldest pack format this build reads.
pub const OLDEST_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub format: u32,
    pub id: String,
    /// Semantic version, `MAJOR.MINOR.PATCH`.
    pub version: String,
    pub title: String,
    /// BCP 47 tag of the content language, such as `en` or `zh-CN`.
    pub language: String,
    pub description: String,
    /// Questions of the "not sure which track" self-assessment. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub placement: Vec<PlacementQuestion>,
    pub tracks: Vec<Track>,
    /// Set when this pack is a language edition of another pack with the same id: which source
    /// version it translates, and from which text of each item (`domain::edition`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<super::edition::Edition>,
}

/// Who a track is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Everyone,
    Leader,
    Technical,
    Frontline,
}

impl Audience {
    pub const ALL: [Audience; 4] = [
        Audience::Everyone,
        Audience::Leader,
        Audience::Technical,
        Audience::Frontline,
    ];

    /// The name used in pack files, and as a form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::Leader => "leader",
            Audience::Technical => "technical",
            Audience::Frontline => "frontline",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub id: String,
    pub title: String,
    pub audience: Vec<Audience>,
    pub summary: String,
    pub outcomes: Vec<String>,
    pub modules: Vec<Module>,
    pub certification: Certification,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    /// Percentage, 1–100, for the final assessment and every knowledge check of the track.
    pub pass_mark: u8,
    pub required_modules: Vec<String>,
    /// How many questions the final assessment draws from the bank.
    pub assessment_size: u32,
    pub bank: Vec<Question>,
    pub validity_months: u32,
    /// Whether a learner whose recall for the track is above 0.9 may renew a certificate that is
    /// expiring or has lapsed with a short review session (the track's due cards, at most 20, passed
    /// at the pass mark) instead of the full final assessment. Off by default.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub review_renewal: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// What a learner can do after the module (2 to 5). Questions name the ones they test.
    pub objectives: Vec<Objective>,
    pub minutes: u32,
    #[serde(default)]
    pub prerequisites: Vec<String>,
    pub units: Vec<Unit>,
    pub check: KnowledgeCheck,
    pub scenarios: Vec<Scenario>,
}

/// A learning objective. Format 2 gives each one a stable id, which questions refer to; a format 1
/// pack wrote objectives as plain text, and those read with the id `<module id>-o<n>` (n counted
/// from 1) and are written back as they were, so that older packs keep their content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Objective {
    Identified { id: String, text: String },
    Text(String),
}

impl Objective {
    /// The objective's id; `position` is its 0-based place in its module, for format 1 text.
    pub fn id(&self, module_id: &str, position: usize) -> String {
        match self {
            Objective::Identified { id, .. } => id.clone(),
            Objective::Text(_) => legacy_objective_id(module_id, position),
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Objective::Identified { text, .. } | Objective::Text(text) => text,
        }
    }

    pub fn text_mut(&mut self) -> &mut String {
        match self {
            Objective::Identified { text, .. } | Objective::Text(text) => text,
        }
    }
}

/// The id a format 1 objective reads with: `<module id>-o<n>`, n counted from 1.
pub fn legacy_objective_id(module_id: &str, position: usize) -> String {
    format!("{module_id}-o{}", position + 1)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    /// Markdown. Raw HTML in it is shown as text, never interpreted.
    pub body: String,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeCheck {
    pub questions: Vec<Question>,
}

/// A short workplace story with questions about what to do in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    /// Markdown.
    pub situation: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one correct option.
    Single,
    /// One or more correct options; all must be chosen, and nothing else.
    Multiple,
    /// Two options, `true` and `false`.
    TrueFalse,
    /// A single-answer question about a scenario.
    Scenario,
}

impl QuestionKind {
    /// Whether exactly one option may be correct.
    pub fn is_single_answer(self) -> bool {
        !matches!(self, QuestionKind::Multiple)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<AnswerOption>,
    pub explanation: String,
    /// Ids of the learning objectives the question tests: of its own module for a check or
    /// scenario question, of the track's modules (or what they build on) for a bank question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    /// Why this option is right or wrong, shown after the learner answers.
    pub feedback: String,
}

/// A placement question. A *role question* asks about the learner's job: each option points towards
/// one audience. A *knowledge question* asks what the learner knows: its options point nowhere, and
/// the right answer names the modules it shows the learner knows. A knowledge answer never votes for
/// a role, so knowing less is never read as belonging to one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementQuestion {
    pub id: String,
    pub prompt: String,
    pub options: Vec<PlacementOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementOption {
    pub id: String,
    pub text: String,
    /// The role this answer points to (role questions); absent on knowledge questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_to: Option<Audience>,
    /// Modules this answer suggests the learner already knows (the right answer of a knowledge
    /// question). Always written, even when empty, so that packs hash as they did before
    /// knowledge questions existed.
    #[serde(default)]
    pub knows_modules: Vec<String>,
}

impl PlacementQuestion {
    /// Whether this is a knowledge question: no option points to a role.
    pub fn is_knowledge(&self) -> bool {
        self.options.iter().all(|o| o.points_to.is_none())
    }
}

/// Why a pack file could not even be parsed. Validation problems are reported separately. Each
/// says what was found and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackParseError {
    #[error("the file is {bytes} bytes, over the {limit}-byte limit for a pack; choose the pack file itself, not an archive or a bundle")]
    TooLarge { bytes: usize, limit: usize },
    #[error("this pack uses pack format {found}, newer than this version of Fluency reads (format {supported}); update Fluency, or ask the trainer for a pack in format {supported}")]
    FormatTooNew { found: u32, supported: u32 },
    #[error("the file holds {found}, not a pack: a pack file is one JSON object, starting with {{; choose the file the Studio exported")]
    NotAnObject {
        /// What the file holds instead, as a short JSON literal (`[…]`, `42`, `"text…"`).
        found: String,
    },
    #[error("the file is not valid JSON (line {line}, column {column}: {message}); check that the whole file was saved or copied")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the file is JSON but does not follow the pack format (line {line}, column {column}: {message}); export it again from the Studio")]
    Shape {
        line: usize,
        column: usize,
        message: String,
    },
}

/// When `text` is JSON whose top level is not an object, a short literal of what it is instead
/// (`[…]`, `42`, `"text…"`, `null`); `None` for an object or text that is not JSON at all.
pub fn non_object_literal(text: &str) -> Option<String> {
    let value: serde_json::Value = match text.trim_start().chars().next() {
        Some('{') | None => return None,
        Some('[') => return Some("[…]".into()),
        Some(_) => serde_json::from_str(text).ok()?,
    };
    let literal = value.to_string();
    let head: String = literal.chars().take(18).collect();
    Some(if head.len() < literal.len() {
        format!("{head}…")
    } else {
        head
    })
}

/// The largest pack file accepted, in bytes. The shipped curriculum is well under a tenth of it.
pub const MAX_PACK_BYTES: usize = 4 * 1024 * 1024;

impl Pack {
    /// Parses pack JSON, refusing oversized input before parsing it.
    pub fn from_json(text: &str) -> Result<Pack, PackParseError> {
        if text.len() > MAX_PACK_BYTES {
            return Err(PackParseError::TooLarge {
                bytes: text.len(),
                limit: MAX_PACK_BYTES,
            });
        }
        // Read the format first so that a newer pack gets a clear message instead of a field error.
        #[derive(Deserialize)]
        struct FormatOnly {
            format: Option<u32>,
        }
        if let Some(found) = non_object_literal(text) {
            return Err(PackParseError::NotAnObject { found });
        }
        let syntax = |e: serde_json::Error| {
            let (line, column) = (e.line(), e.column());
            // serde_json ends its message with the position, which the fields already carry.
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_owned();
            if e.is_data() {
                PackParseError::Shape {
                    line,
                    column,
                    message,
                }
            } else {
                PackParseError::Syntax {
                    line,
                    column,
                    message,
                }
            }
        };
        let probe: FormatOnly = serde_json::from_str(text).map_err(syntax)?;
        if let Some(found) = probe.format.filter(|f| *f > FORMAT_VERSION) {
            return Err(PackParseError::FormatTooNew {
                found,
                supported: FORMAT_VERSION,
            });
        }
        serde_json::from_str(text).map_err(syntax)
    }

    /// The canonical serialisation: JSON with object keys sorted and no insignificant whitespace.
    /// Two packs that are equal as values always produce the same bytes.
    pub fn canonical_json(&self) -> String {
        // serde_json's `Value` keeps objects in a BTreeMap (the `preserve_order` feature is off), so
        // converting through it sorts every object's keys.
        serde_json::to_value(self)
            .map(|v| v.to_string())
            .unwrap_or_default()
    }

    /// `sha256:` followed by the hex SHA-256 of the canonical serialisation.
    pub fn content_hash(&self) -> String {
        let digest = Sha256::digest(self.canonical_json().as_bytes());
        let mut out = String::with_capacity(7 + 64);
        out.push_str("sha256:");
        for byte in digest {
            out.push(char::from_digit((byte >> 4) as u32, 16).unwrap_or('0'));
            out.push(char::from_digit((byte & 0xf) as u32, 16).unwrap_or('0'));
        }
        out
    }

    pub fn track(&self, id: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.id == id)
    }

    /// Finds a module anywhere in the pack, with the track that holds it.
    pub fn find_module(&self, id: &str) -> Option<(&Track, &Module)> {
        self.tracks
            .iter()
            .find_map(|t| t.modules.iter().find(|m| m.id == id).map(|m| (t, m)))
    }

    pub fn module_count(&self) -> usize {
        self.tracks.iter().map(|t| t.modules.len()).sum()
    }

    pub fn unit_count(&self) -> usize {
        self.tracks
            .iter()
            .flat_map(|t| &t.modules)
            .map(|m| m.units.len())
            .sum()
    }
}

impl Track {
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// Estimated minutes for the whole track.
    pub fn minutes(&self) -> u32 {
        self.modules.iter().map(|m| m.minutes).sum()
    }

    pub fn is_for(&self, audience: Audience) -> bool {
        self.audience.contains(&audience)
    }
}

impl Module {
    pub fn unit(&self, id: &str) -> Option<(usize, &Unit)> {
        self.units.iter().enumerate().find(|(_, u)| u.id == id)
    }

    /// The module's objectives with their ids.
    pub fn objective_ids(&self) -> Vec<(String, &str)> {
        self.objectives
            .iter()
            .enumerate()
            .map(|(n, o)| (o.id(&self.id, n), o.text()))
            .collect()
    }
}

/// Counts words the way a reader would: whitespace-separated runs that contain a letter or digit,
/// plus each CJK character, which stands for a word on its own.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .map(|token| {
            let cjk = token.chars().filter(|c| is_cjk(*c)).count();
            let rest_has_word = token.chars().any(|c| c.is_alphanumeric() && !is_cjk(c));
            cjk + usize::from(rest_has_word)
        })
        .sum()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The small example from docs/pack-format.md. The doc test below keeps the two in step.
    pub(crate) const EXAMPLE: &str = include_str!("../../docs/examples/tiny-pack.json");

    #[test]
    fn the_documented_example_parses() {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        assert_eq!(pack.id, "tiny-demo");
        assert_eq!(pack.tracks.len(), 1);
        let doc = include_str!("../../docs/pack-format.md");
        assert!(
            doc.contains(EXAMPLE.trim()),
            "docs/pack-format.md must embed docs/examples/tiny-pack.json verbatim"
        );
    }

    #[test]
    fn hash_is_stable_across_key_order_and_whitespace() {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let reordered: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
        let pretty = serde_json::to_string_pretty(&reordered).unwrap();
        let again = Pack::from_json(&pretty).unwrap();
        assert_eq!(pack.content_hash(), again.content_hash());
        assert!(pack.content_hash().starts_with("sha256:"));
        assert_eq!(pack.content_hash().len(), 7 + 64);

        let mut changed = pack.clone();
        changed.tracks[0].modules[0].units[0].body.push('!');
        assert_ne!(pack.content_hash(), changed.content_hash());
    }

    #[test]
    fn audience_names_match_the_file_format() {
        for audience in Audience::ALL {
            let json = serde_json::to_string(&audience).unwrap();
            assert_eq!(json, format!("\"{}\"", audience.as_str()));
        }
    }

    #[test]
    fn canonical_json_sorts_keys() {
        let pack = Pack::from_json(EXAMPLE).unwrap();
        let canonical = pack.canonical_json();
        assert!(
            canonical.starts_with(r#"{"description":"#),
            "{}",
            &canonical[..40]
        );
        assert!(!canonical.contains('\n'));
    }

    #[test]
    fn parse_errors_are_specific() {
        let too_big = " ".repeat(MAX_PACK_BYTES + 1);
        assert!(matches!(
            Pack::from_json(&too_big),
            Err(PackParseError::TooLarge { .. })
        ));
        assert_eq!(
            Pack::from_json(r#"{"format": 7}"#),
            Err(PackParseError::FormatTooNew {
                found: 7,
                supported: 2
            })
        );
        let err = Pack::from_json("{\n  \"format\": 1,\n  oops }").unwrap_err();
        assert!(
            matches!(err, PackParseError::Syntax { line: 3, .. }),
            "{err:?}"
        );
        let err = Pack::from_json(r#"{"format":1,"id":"x"}"#).unwrap_err();
        assert!(
            matches!(&err, PackParseError::Shape { message, .. } if message.contains("missing field")),
            "{err:?}"
        );
    }

    /// Every refusal names what was found and what to do, and none contradicts itself.
    #[test]
    fn parse_messages_say_what_was_found_and_what_to_do() {
        let cases = [
            (
                r#"{"format": 3, "id": "x"}"#,
                "this pack uses pack format 3, newer than this version of Fluency reads (format 2); update Fluency, or ask the trainer for a pack in format 2",
            ),
            (
                r#"[{"format": 1}]"#,
                "the file holds […], not a pack: a pack file is one JSON object, starting with {; choose the file the Studio exported",
            ),
            (
                "42",
                "the file holds 42, not a pack: a pack file is one JSON object, starting with {; choose the file the Studio exported",
            ),
            (
                r#""a very long string that goes on""#,
                "the file holds \"a very long strin…, not a pack: a pack file is one JSON object, starting with {; choose the file the Studio exported",
            ),
            (
                "{\n  \"format\": 1,\n  oops }",
                "the file is not valid JSON (line 3, column 3: key must be a string); check that the whole file was saved or copied",
            ),
            (
                r#"{"format": "one"}"#,
                "the file is JSON but does not follow the pack format (line 1, column 16: invalid type: string \"one\", expected u32); export it again from the Studio",
            ),
        ];
        for (text, want) in cases {
            let err = Pack::from_json(text).unwrap_err().to_string();
            assert_eq!(err, want, "{text}");
            assert!(!err.contains("not a Fluency pack"), "{err}");
            assert!(!err.contains("trailing characters"), "{err}");
        }
    }

    #[test]
    fn word_count_table() {
        let cases = [
            ("", 0),
            ("one two  three", 3),
            ("- a list item", 3),
            ("## Heading — with dash", 3),
            ("生成式人工智能", 7),
            ("AI 工具", 3),
        ];
        for (text, want) in cases {
            assert_eq!(word_count(text), want, "{text:?}");
        }
    }
}

//! Signed progress reports: what a learner chooses to share with a manager, signed with the same
//! Ed25519 key as their certificates, so the manager's copy of Fluency can check it offline.
//!
//! The signed bytes are the report as JSON with sorted keys and no whitespace (the same rule as
//! certificate claims), so any tool that sorts keys the same way can produce a report.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::credential::{base64url_decode, base64url_encode, did_key, public_key_of, Certificates};
use super::pack::Pack;
use super::progress::{check_key, scenario_key, Millis, Progress};

/// The report format this build writes and reads.
pub const REPORT_FORMAT: u32 = 1;
/// A larger file cannot be one report (or a bundle of them); it is refused before parsing.
pub const MAX_REPORT_FILE_BYTES: usize = 32 * 1024 * 1024;
/// The most reports one bundle file may hold. A real report is at least a few hundred bytes, so a
/// file within [`MAX_REPORT_FILE_BYTES`] holds far fewer; more entries means it is not a bundle.
pub const MAX_BUNDLE_REPORTS: usize = 50_000;

/// One module: when it was completed (every unit read and the check passed) and the best check score.
///
/// Fields of every report type are declared in alphabetical order, so that serialising the struct
/// directly yields the canonical bytes (sorted keys) without building a `Value` first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleReport {
    pub best: Option<u8>,
    pub completed_at: Option<Millis>,
    pub id: String,
}

/// One track: its completion percentage and whether every module in it is complete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackReport {
    pub complete: bool,
    pub id: String,
    pub percent: u8,
}

/// A certificate the learner holds, without the certificate's own details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateReport {
    pub expires_at: Millis,
    pub id: String,
    pub issued_at: Millis,
    pub track_id: String,
}

/// Everything a report says. All of it is covered by the signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub certificates: Vec<CertificateReport>,
    pub email: Option<String>,
    pub format: u32,
    pub last_activity: Option<Millis>,
    /// The learner's `did:key`; its key signs the report.
    pub learner: String,
    pub modules: Vec<ModuleReport>,
    pub name: String,
    pub pack_hash: String,
    pub pack_id: String,
    pub pack_version: String,
    pub produced_at: Millis,
    pub team: Option<String>,
    pub tracks: Vec<TrackReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedReport {
    pub report: Report,
    /// Base64url Ed25519 signature over [`Report::canonical_bytes`].
    pub signature: String,
}

/// What an Ed25519 verifier needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureParts {
    pub public_key: [u8; 32],
    pub signature: [u8; 64],
    pub message: Vec<u8>,
}

impl SignatureParts {
    pub fn verify(&self) -> bool {
        VerifyingKey::from_bytes(&self.public_key).is_ok_and(|key| {
            key.verify(&self.message, &Signature::from_bytes(&self.signature))
                .is_ok()
        })
    }
}

/// Signature checks for many reports, packed into flat arrays for a verifier outside this module
/// (the browser's Ed25519 in a worker), which then takes a few large copies instead of three small
/// ones per report. Entry `i` is the `i`-th report [`SignatureBatch::push`]ed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureBatch {
    /// 32 bytes per entry: the Ed25519 public key of the report's `did:key` (zeros when the key
    /// cannot be decoded).
    pub keys: Vec<u8>,
    /// 64 bytes per entry: the signature (zeros when it cannot be decoded).
    pub signatures: Vec<u8>,
    /// Every entry's signed bytes ([`Report::canonical_bytes`]), end to end; empty for an entry
    /// that cannot be checked.
    pub messages: Vec<u8>,
    /// Entries + 1 byte positions into `messages`: entry `i` is `offsets[i]..offsets[i + 1]`.
    pub offsets: Vec<u32>,
    /// Per entry: whether its key and signature could be decoded at all. An entry that could not
    /// is invalid whatever a verifier says about its zeros.
    pub checkable: Vec<bool>,
}

impl SignatureBatch {
    /// An empty batch with room for `n` entries of about a kilobyte each.
    pub fn with_capacity(n: usize) -> SignatureBatch {
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        SignatureBatch {
            keys: Vec::with_capacity(32 * n),
            signatures: Vec::with_capacity(64 * n),
            messages: Vec::with_capacity(1024 * n),
            offsets,
            checkable: Vec::with_capacity(n),
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.checkable.len()
    }

    /// Whether the batch has no entries.
    pub fn is_empty(&self) -> bool {
        self.checkable.is_empty()
    }

    /// Adds one entry: the report's parts (its signed bytes written straight into `messages`, not
    /// built apart and copied), or an entry that cannot be checked for `None` (a report that was
    /// not even read), for a report whose key or signature cannot be decoded, and for one whose
    /// signed bytes would end past 4 GiB into `messages`, which the offsets cannot address.
    pub fn push(&mut self, signed: Option<&SignedReport>) {
        let start = self.messages.len();
        let decoded = signed.and_then(|s| {
            let key = public_key_of(&s.report.learner)?;
            let signature: [u8; 64] = base64url_decode(&s.signature)?.try_into().ok()?;
            serde_json::to_writer(&mut self.messages, &s.report).ok()?;
            let end = u32::try_from(self.messages.len()).ok()?;
            Some((key, signature, end))
        });
        let (key, signature, end) = decoded.unwrap_or_else(|| {
            self.messages.truncate(start);
            ([0; 32], [0; 64], self.offsets.last().copied().unwrap_or(0))
        });
        self.keys.extend_from_slice(&key);
        self.signatures.extend_from_slice(&signature);
        self.offsets.push(end);
        self.checkable.push(decoded.is_some());
    }

    /// Entry `i`'s parts, as [`SignedReport::signature_parts`] gives them; `None` when it cannot be
    /// checked or there is no such entry.
    pub fn parts(&self, i: usize) -> Option<SignatureParts> {
        if !*self.checkable.get(i)? {
            return None;
        }
        let (from, to) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        Some(SignatureParts {
            public_key: self.keys[32 * i..32 * i + 32].try_into().ok()?,
            signature: self.signatures[64 * i..64 * i + 64].try_into().ok()?,
            message: self.messages[from..to].to_vec(),
        })
    }

    /// Whether entry `i`'s signature is valid, checked with the domain's own verifier.
    pub fn verify(&self, i: usize) -> bool {
        self.parts(i).is_some_and(|p| p.verify())
    }
}

/// Why a report was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("this is not a Fluency progress report ({0}); ask the learner to share it again")]
    Malformed(String),
    #[error("the report was written in format {0}, which this version of Fluency cannot read; update Fluency")]
    UnsupportedFormat(u32),
    #[error("the signature does not match: the report was changed after it was signed")]
    Tampered,
    #[error(
        "the report is for curriculum {pack} {version}, which this copy of Fluency does not have"
    )]
    UnknownPack { pack: String, version: String },
    #[error("the file lists more than {limit} entries, more than one file of reports can hold; split it into smaller files")]
    TooManyEntries { limit: usize },
    #[error("entry {entry} of the file is {found}, not a report (a report is a JSON object); ask the learner to share the report again")]
    NotAReport {
        /// 1-based position in the bundle.
        entry: usize,
        /// What was there, as a short JSON literal (`0`, `"text…"`, `[…]`, `null`).
        found: String,
    },
}

/// What the learner fills in before sharing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sharer {
    pub name: String,
    pub team: String,
    pub email: String,
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// When a module was completed: the latest of its units' completions and its first passing check and
/// scenarios.
pub(crate) fn completed_at(
    progress: &Progress,
    module: &super::pack::Module,
    pass_mark: u8,
) -> Option<Millis> {
    if !progress.is_module_complete(module, pass_mark) {
        return None;
    }
    let units = module
        .units
        .iter()
        .filter_map(|u| progress.units.get(&u.id).copied());
    let first_pass = |key: String| {
        progress
            .attempts
            .get(&key)
            .and_then(|list| list.iter().find(|a| a.passes(pass_mark)).map(|a| a.at))
    };
    let check = first_pass(check_key(&module.id));
    let scenarios = module
        .scenarios
        .iter()
        .filter_map(|s| first_pass(scenario_key(&s.id)));
    units.chain(check).chain(scenarios).max()
}

impl Report {
    /// The report for the shipped pack's progress and the learner's certificates from that pack.
    pub fn build(
        pack: &Pack,
        progress: &Progress,
        certificates: &Certificates,
        sharer: &Sharer,
        now: Millis,
    ) -> Report {
        let mut modules: Vec<ModuleReport> = Vec::new();
        for track in &pack.tracks {
            let pass_mark = track.certification.pass_mark;
            for module in &track.modules {
                if modules.iter().any(|m| m.id == module.id) {
                    continue;
                }
                let completed_at = completed_at(progress, module, pass_mark);
                let best = progress.best(&check_key(&module.id)).map(|a| a.percent());
                // Modules not started say nothing a manager needs (the pack lists them all), and
                // leaving them out keeps a report link short enough for a readable QR code.
                if completed_at.is_none() && best.is_none() {
                    continue;
                }
                modules.push(ModuleReport {
                    id: module.id.clone(),
                    completed_at,
                    best,
                });
            }
        }
        let tracks = pack
            .tracks
            .iter()
            .map(|track| TrackReport {
                id: track.id.clone(),
                percent: progress.track_percent(track),
                complete: track
                    .modules
                    .iter()
                    .all(|m| progress.is_module_complete(m, track.certification.pass_mark)),
            })
            .collect();
        let certificates = certificates
            .issued
            .iter()
            .filter(|c| c.claims.pack_id == pack.id)
            .map(|c| CertificateReport {
                id: c.claims.id.clone(),
                track_id: c.claims.track_id.clone(),
                issued_at: c.claims.issued_at,
                expires_at: c.claims.expires_at,
            })
            .collect();
        Report {
            format: REPORT_FORMAT,
            learner: String::new(),
            name: sharer.name.trim().to_owned(),
            team: optional(&sharer.team),
            email: optional(&sharer.email),
            pack_id: pack.id.clone(),
            pack_version: pack.version.clone(),
            pack_hash: pack.content_hash(),
            produced_at: now,
            last_activity: progress.activity().last().copied(),
            modules,
            tracks,
            certificates,
        }
    }

    /// The bytes that are signed: JSON with sorted keys and no whitespace. The fields are declared
    /// in key order, so this is the struct serialised as it is (a test checks it against `Value`).
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Signs the report; the learner field is set to the key's did:key.
    pub fn sign(mut self, seed: &[u8; 32]) -> SignedReport {
        let key = SigningKey::from_bytes(seed);
        self.learner = did_key(key.verifying_key().as_bytes());
        let signature = key.sign(&self.canonical_bytes());
        SignedReport {
            report: self,
            signature: base64url_encode(&signature.to_bytes()),
        }
    }
}

/// The `did:key` a seed signs reports as.
pub fn learner_id(seed: &[u8; 32]) -> String {
    did_key(SigningKey::from_bytes(seed).verifying_key().as_bytes())
}

impl SignedReport {
    /// The file a learner downloads: pretty JSON (key order does not matter for the signature).
    pub fn to_file(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The compact form carried in a link's fragment.
    pub fn to_fragment(&self) -> String {
        base64url_encode(serde_json::to_string(self).unwrap_or_default().as_bytes())
    }

    /// The public key, signature and signed bytes, for a verifier outside this module (the
    /// browser's own Ed25519); `None` when the key or signature cannot even be decoded.
    pub fn signature_parts(&self) -> Option<SignatureParts> {
        Some(SignatureParts {
            public_key: public_key_of(&self.report.learner)?,
            signature: base64url_decode(&self.signature)?.try_into().ok()?,
            message: self.report.canonical_bytes(),
        })
    }

    pub fn signature_is_valid(&self) -> bool {
        self.signature_parts().is_some_and(|parts| parts.verify())
    }

    /// Checks the format, the signature and the pack, in that order.
    pub fn verify(
        self,
        knows_pack: impl Fn(&str, &str, &str) -> bool,
    ) -> Result<Report, ReportError> {
        let valid = self.signature_is_valid();
        self.verify_with(valid, knows_pack)
    }

    /// Like [`SignedReport::verify`], with the signature already checked elsewhere.
    pub fn verify_with(
        self,
        signature_valid: bool,
        knows_pack: impl Fn(&str, &str, &str) -> bool,
    ) -> Result<Report, ReportError> {
        if self.report.format != REPORT_FORMAT {
            return Err(ReportError::UnsupportedFormat(self.report.format));
        }
        if !signature_valid {
            return Err(ReportError::Tampered);
        }
        let r = &self.report;
        if !knows_pack(&r.pack_id, &r.pack_version, &r.pack_hash) {
            return Err(ReportError::UnknownPack {
                pack: r.pack_id.clone(),
                version: r.pack_version.clone(),
            });
        }
        Ok(self.report)
    }
}

fn malformed(error: impl std::fmt::Display) -> ReportError {
    ReportError::Malformed(error.to_string())
}

/// Reads one signed report from JSON text, without checking it.
pub fn parse_signed(text: &str) -> Result<SignedReport, ReportError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(malformed)?;
    signed_from_value(value)
}

fn signed_from_value(value: serde_json::Value) -> Result<SignedReport, ReportError> {
    // Read the format first, so a newer report says so instead of failing on unknown fields.
    match value.pointer("/report/format").and_then(|f| f.as_u64()) {
        Some(format) if format != u64::from(REPORT_FORMAT) => {
            return Err(ReportError::UnsupportedFormat(
                u32::try_from(format).unwrap_or(u32::MAX),
            ))
        }
        _ => {}
    }
    serde_json::from_value(value).map_err(malformed)
}

/// What a bundle entry is, judged without keeping any of it.
enum EntryShape {
    Object,
    Other(String),
}

impl<'de> serde::Deserialize<'de> for EntryShape {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Probe;
        impl<'de> serde::de::Visitor<'de> for Probe {
            type Value = EntryShape;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<EntryShape, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(EntryShape::Object)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<EntryShape, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(EntryShape::Other("[…]".into()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<EntryShape, E> {
                Ok(EntryShape::Other(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<EntryShape, E> {
                Ok(EntryShape::Other(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<EntryShape, E> {
                Ok(EntryShape::Other(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<EntryShape, E> {
                Ok(EntryShape::Other(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<EntryShape, E> {
                let head: String = v.chars().take(16).collect();
                let more = if head.len() < v.len() { "…" } else { "" };
                Ok(EntryShape::Other(format!("\"{head}{more}\"")))
            }
            fn visit_unit<E>(self) -> Result<EntryShape, E> {
                Ok(EntryShape::Other("null".into()))
            }
        }
        deserializer.deserialize_any(Probe)
    }
}

/// Checks that a bundle is an array of at most [`MAX_BUNDLE_REPORTS`] objects, reading it once
/// without allocating anything per entry, and stopping at the first entry that is not an object.
/// Returns the number of entries.
fn check_bundle_shape(text: &str) -> Result<usize, ReportError> {
    /// Counts entries; a problem found is left in the slot and parsing stops with an error.
    struct Bundle<'a>(&'a mut Option<ReportError>);
    impl<'de> serde::de::Visitor<'de> for Bundle<'_> {
        type Value = usize;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of reports")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
            let mut entries = 0;
            while let Some(shape) = seq.next_element::<EntryShape>()? {
                let problem = if entries == MAX_BUNDLE_REPORTS {
                    ReportError::TooManyEntries {
                        limit: MAX_BUNDLE_REPORTS,
                    }
                } else if let EntryShape::Other(found) = shape {
                    ReportError::NotAReport {
                        entry: entries + 1,
                        found,
                    }
                } else {
                    entries += 1;
                    continue;
                };
                *self.0 = Some(problem);
                return Err(serde::de::Error::custom("stopped"));
            }
            Ok(entries)
        }
    }
    let mut problem = None;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let counted = serde::Deserializer::deserialize_seq(&mut deserializer, Bundle(&mut problem))
        .and_then(|entries| deserializer.end().map(|()| entries));
    match (problem, counted) {
        // Stopped early on purpose: what follows the bad entry is never read.
        (Some(problem), _) => Err(problem),
        (None, Ok(entries)) => Ok(entries),
        (None, Err(error)) => Err(malformed(error)),
    }
}

/// A bundle in which every entry is a well-formed signed report, read in one pass; an error for
/// anything else, including more than [`MAX_BUNDLE_REPORTS`] entries (it stops there, so it never
/// holds more than that many).
fn parse_clean_bundle(text: &str) -> Result<Vec<SignedReport>, serde_json::Error> {
    struct Clean;
    impl<'de> serde::de::Visitor<'de> for Clean {
        type Value = Vec<SignedReport>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of reports")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut all = Vec::new();
            while let Some(report) = seq.next_element::<SignedReport>()? {
                if all.len() == MAX_BUNDLE_REPORTS {
                    return Err(serde::de::Error::custom("too many entries"));
                }
                all.push(report);
            }
            Ok(all)
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let all = serde::Deserializer::deserialize_seq(&mut deserializer, Clean)?;
    deserializer.end()?;
    Ok(all)
}

/// Reads a file: one signed report, or a JSON array of them (a bundle). Each entry stands alone.
/// A clean bundle (every entry a well-formed report, at most [`MAX_BUNDLE_REPORTS`] of them) is
/// read in one pass. Otherwise the bundle's shape is checked ([`check_bundle_shape`]): more than
/// [`MAX_BUNDLE_REPORTS`] entries, or an entry that is not an object, refuses the whole file with
/// one result before any entry is parsed on its own.
pub fn parse_file(text: &str) -> Vec<Result<SignedReport, ReportError>> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('[') {
        if let Ok(all) = parse_clean_bundle(text) {
            if !all.is_empty() && all.iter().all(|s| s.report.format == REPORT_FORMAT) {
                return all.into_iter().map(Ok).collect();
            }
        }
    }
    if text.trim_start().starts_with('[') {
        match check_bundle_shape(text) {
            Ok(0) => {
                return vec![Err(ReportError::Malformed(
                    "the file is an empty list, with no report in it".into(),
                ))]
            }
            Ok(_) => {}
            Err(problem) => return vec![Err(problem)],
        }
    }
    // Anything odd goes the slow way, which judges each entry alone.
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(items)) => items.into_iter().map(signed_from_value).collect(),
        Ok(value @ serde_json::Value::Object(_)) => vec![signed_from_value(value)],
        Ok(other) => {
            let literal = other.to_string();
            let head: String = literal.chars().take(18).collect();
            vec![Err(ReportError::NotAReport {
                entry: 1,
                found: if head.len() < literal.len() {
                    format!("{head}…")
                } else {
                    head
                },
            })]
        }
        Err(error) => vec![Err(malformed(error))],
    }
}

/// Like [`parse_file`], for a file's raw bytes.
pub fn parse_bytes(bytes: &[u8]) -> Vec<Result<SignedReport, ReportError>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_file(text),
        Err(error) => vec![Err(malformed(error))],
    }
}

/// Reads a shared link (or a bare fragment).
pub fn parse_link(link: &str) -> Result<SignedReport, ReportError> {
    let fragment = link.trim().rsplit_once('#').map_or(link.trim(), |(_, f)| f);
    let bytes = base64url_decode(fragment)
        .ok_or_else(|| ReportError::Malformed("the link is incomplete".into()))?;
    let text = String::from_utf8(bytes).map_err(malformed)?;
    parse_signed(&text)
}

#[cfg(test)]
mod tests;

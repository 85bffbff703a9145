//! Signed certificates that anyone can verify offline: the claims, their canonical form, Ed25519
//! signatures, `did:key` identifiers and the compact encoding carried in a verify link's fragment.
//!
//! The domain never creates randomness: the browser supplies key seeds, salts and ids.

use std::collections::BTreeMap;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::calendar::{expiry, status, Status, Zone};
use super::certification::{module_fingerprint, required_modules, IssuedCertificate};
use super::history::PackHistory;
use super::pack::{Pack, Track};
use super::progress::{check_key, final_key, Millis, Progress};
use super::schema::Schema;

/// The multicodec prefix of an Ed25519 public key, as used in `did:key`.
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58 (Bitcoin alphabet), as multibase `z` uses.
pub fn base58_encode(bytes: &[u8]) -> String {
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    let mut digits: Vec<u8> = Vec::new();
    for &byte in &bytes[zeros..] {
        let mut carry = u32::from(byte);
        for digit in digits.iter_mut() {
            carry += u32::from(*digit) << 8;
            *digit = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut out = "1".repeat(zeros);
    out.extend(digits.iter().rev().map(|d| BASE58[usize::from(*d)] as char));
    out
}

/// A base58 digit's value: [`BASE58`] by ranges, rather than searched along (a did:key has 48
/// digits, and the Team page decodes 10,000 of them).
fn base58_value(c: u8) -> Option<u32> {
    let value = match c {
        b'1'..=b'9' => c - b'1',
        b'A'..=b'H' => c - b'A' + 9,
        b'J'..=b'N' => c - b'J' + 17,
        b'P'..=b'Z' => c - b'P' + 22,
        b'a'..=b'k' => c - b'a' + 33,
        b'm'..=b'z' => c - b'm' + 44,
        _ => return None,
    };
    Some(u32::from(value))
}

pub fn base58_decode(text: &str) -> Option<Vec<u8>> {
    let zeros = text.bytes().take_while(|b| *b == b'1').count();
    let mut bytes: Vec<u8> = Vec::new();
    for c in text.bytes().skip(zeros) {
        let mut carry = base58_value(c)?;
        for byte in bytes.iter_mut() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut out = vec![0; zeros];
    out.extend(bytes.iter().rev());
    Some(out)
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5), safe in URL fragments.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(BASE64URL[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// A base64url digit's value: [`BASE64URL`] by ranges, rather than searched along.
fn base64url_value(c: u8) -> Option<u32> {
    let value = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let value = base64url_value(*c)?;
            n |= value << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// 16 bytes as a lower-case, hyphenated UUID string (`8-4-4-4-12` hex digits, RFC 9562 §4).
pub(crate) fn hyphenated(bytes: &[u8; 16]) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A random UUID, version 4 (RFC 9562 §5.4), lower-case and hyphenated, from 16 bytes the browser's
/// cryptographic random source supplied. Certificate ids take this form.
pub fn uuid_v4(mut random: [u8; 16]) -> String {
    random[6] = (random[6] & 0x0f) | 0x40;
    random[8] = (random[8] & 0x3f) | 0x80;
    hyphenated(&random)
}

/// A name-based UUID, version 8 (RFC 9562 §5.8, laid out as its Appendix B.2 example): the first 16
/// bytes of SHA-256 over `name`, with the version and variant bits set. The same name always gives
/// the same UUID.
pub fn uuid_from_name(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    hyphenated(&bytes)
}

/// Whether `text` is a hyphenated UUID (8-4-4-4-12 hex digits, either case).
pub fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// The `did:key` of an Ed25519 public key.
pub fn did_key(public_key: &[u8; 32]) -> String {
    let mut bytes = ED25519_PUB.to_vec();
    bytes.extend_from_slice(public_key);
    format!("did:key:z{}", base58_encode(&bytes))
}

/// The Ed25519 public key inside a `did:key`, if it is one.
pub fn public_key_of(did: &str) -> Option<[u8; 32]> {
    let bytes = base58_decode(did.strip_prefix("did:key:z")?)?;
    let key = bytes.strip_prefix(&ED25519_PUB)?;
    key.try_into().ok()
}

/// Whether `address` has the shape of an e-mail address: one `@` with something before it, a domain
/// after it with a dot that neither starts nor ends it, no spaces, and at most 254 characters (the
/// limit of RFC 5321's forward path). A shape check only: whether the address reaches anyone is not
/// something a certificate can know. Surrounding whitespace is ignored, as [`email_hash`] ignores it.
pub fn is_plausible_email(address: &str) -> bool {
    let address = address.trim();
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    address.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && !address.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// A salted SHA-256 of an e-mail address, so a credential can be matched to an address that is
/// presented later without revealing it. The address is trimmed and lower-cased first, then the salt
/// is appended: the order Open Badges uses for its `identityHash`, so both carry the same digest.
pub fn email_hash(email: &str, salt: &str) -> String {
    let digest = Sha256::digest(format!("{}{salt}", email.trim().to_lowercase()).as_bytes());
    format!(
        "sha256:{}",
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    )
}

/// What a certificate says. Everything here is covered by the signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub id: String,
    pub learner_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_salt: Option<String>,
    pub track_id: String,
    pub track_title: String,
    pub pack_id: String,
    pub pack_version: String,
    pub pack_hash: String,
    /// BCP 47 tag of the edition the learner studied and was assessed in (`"en"`, `"zh-CN"`).
    /// Empty in certificates issued before editions existed: the published history, looked up by
    /// [`Claims::pack_hash`], gives it for those.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pack_language: String,
    pub issued_at: Millis,
    pub expires_at: Millis,
    /// Best percentages: `check:<module>` and `final:<track>` keys.
    pub scores: BTreeMap<String, u8>,
    pub evidence: String,
    /// Self-attested and not proctored: always true for certificates Fluency issues.
    pub self_attested: bool,
    /// The issuer's `did:key`; its key signs the claims.
    pub issuer: String,
    /// Module id → [`module_fingerprint`] of the track's modules when issued, so that a later pack
    /// version can say which modules changed. Absent in certificates issued before it existed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub module_hashes: BTreeMap<String, String>,
}

impl Claims {
    /// The BCP 47 tag of the edition the certificate was earned in: the signed claim, or for a
    /// certificate issued before that claim existed, the language the history of published
    /// versions records for its pack hash. `None` when neither knows.
    pub fn edition_language<'a>(&'a self, history: &'a PackHistory) -> Option<&'a str> {
        if !self.pack_language.is_empty() {
            return Some(&self.pack_language);
        }
        history
            .find(&self.pack_id, &self.pack_version, &self.pack_hash)
            .map(|v| v.language.as_str())
    }

    /// The bytes that are signed: JSON with sorted keys and no whitespace.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json::to_value(self)
            .map(|v| v.to_string().into_bytes())
            .unwrap_or_default()
    }
}

/// What the learner states when issuing: their full name and, optionally, a salted e-mail hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attestation {
    pub full_name: String,
    /// `(hash, salt)` from [`email_hash`].
    pub email: Option<(String, String)>,
}

impl IssuedCertificate for Claims {
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

/// The claims for a track's certificate, from the pack and the learner's progress. The caller has
/// checked eligibility; the id comes from the browser's random source ([`uuid_v4`]). The expiry is
/// the same local date and time `validity_months` later in the learner's zone.
pub fn claims_for(
    pack: &Pack,
    track: &Track,
    progress: &Progress,
    attestation: Attestation,
    id: String,
    issued_at: Millis,
    zone: &impl Zone,
) -> Claims {
    let mut scores = BTreeMap::new();
    for module in &track.modules {
        if let Some(best) = progress.best(&check_key(&module.id)) {
            scores.insert(check_key(&module.id), best.percent());
        }
    }
    if let Some(best) = progress.best(&final_key(&track.id)) {
        scores.insert(final_key(&track.id), best.percent());
    }
    let rules = &track.certification;
    let (email_hash, email_salt) = attestation.email.unzip();
    Claims {
        id,
        learner_name: attestation.full_name,
        email_hash,
        email_salt,
        track_id: track.id.clone(),
        track_title: track.title.clone(),
        pack_id: pack.id.clone(),
        pack_version: pack.version.clone(),
        pack_hash: pack.content_hash(),
        pack_language: pack.language.clone(),
        issued_at,
        expires_at: expiry(issued_at, rules.validity_months, zone),
        scores,
        evidence: evidence_text(
            &pack.language,
            required_modules(pack, track).len(),
            rules.pass_mark,
        ),
        self_attested: true,
        issuer: String::new(),
        module_hashes: track
            .modules
            .iter()
            .map(|m| (m.id.clone(), module_fingerprint(m)))
            .collect(),
    }
}

/// The certificate's evidence sentence, in the edition's language so that it reads like the rest of
/// the certificate: Chinese for `zh*` editions, English otherwise. `modules` counts the required
/// modules including those they build on; `pass_mark` is a percentage.
pub fn evidence_text(language: &str, modules: usize, pass_mark: u8) -> String {
    if language.split('-').next() == Some("zh") {
        format!(
            "已完成 {modules} 个必修模块（含其前置模块），每项知识检测和情景练习均不低于 {pass_mark}%；期末测评已通过。"
        )
    } else {
        format!(
            "{modules} required modules completed (including the modules they build on), with every knowledge check and scenario exercise at or above {pass_mark}%; final assessment passed."
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedCertificate {
    pub claims: Claims,
    /// Base64url Ed25519 signature over [`Claims::canonical_bytes`].
    pub signature: String,
}

/// Signs claims with the key derived from a 32-byte seed; the issuer field is set to its did:key.
pub fn sign(mut claims: Claims, seed: &[u8; 32]) -> SignedCertificate {
    let key = SigningKey::from_bytes(seed);
    claims.issuer = did_key(key.verifying_key().as_bytes());
    let signature = key.sign(&claims.canonical_bytes());
    SignedCertificate {
        claims,
        signature: base64url_encode(&signature.to_bytes()),
    }
}

/// The outcome of checking a certificate, in the order the checks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The link or file could not be read as a certificate at all.
    Unreadable,
    /// The signature does not match the claims: something was changed after signing.
    Tampered,
    /// Signed and intact, but past its expiry date.
    Expired,
    /// Signed and intact, but the pack version it names is not one this app knows.
    UnknownPack,
    Valid,
}

impl SignedCertificate {
    /// The compact form for a verify link's fragment.
    pub fn to_fragment(&self) -> String {
        base64url_encode(serde_json::to_string(self).unwrap_or_default().as_bytes())
    }

    pub fn from_fragment(fragment: &str) -> Option<SignedCertificate> {
        let bytes = base64url_decode(fragment.trim_start_matches('#'))?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Whether the signature matches the claims and the issuer's key.
    pub fn signature_is_valid(&self) -> bool {
        let Some(key) =
            public_key_of(&self.claims.issuer).and_then(|k| VerifyingKey::from_bytes(&k).ok())
        else {
            return false;
        };
        let Some(signature) = base64url_decode(&self.signature)
            .and_then(|s| <[u8; 64]>::try_from(s.as_slice()).ok())
            .map(|s| Signature::from_bytes(&s))
        else {
            return false;
        };
        key.verify(&self.claims.canonical_bytes(), &signature)
            .is_ok()
    }

    /// Checks signature, expiry and pack, given a way to recognise known pack versions.
    pub fn verify(&self, now: Millis, knows_pack: impl Fn(&str, &str, &str) -> bool) -> Verdict {
        if !self.signature_is_valid() {
            return Verdict::Tampered;
        }
        if status(self.claims.expires_at, now) == Status::Expired {
            return Verdict::Expired;
        }
        let c = &self.claims;
        if !knows_pack(&c.pack_id, &c.pack_version, &c.pack_hash) {
            return Verdict::UnknownPack;
        }
        Verdict::Valid
    }
}

/// The learner's signing key, created on first use. It is stored locally and goes into the learner's
/// backup, nowhere else.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IssuerKey {
    /// Base64url of the 32-byte Ed25519 seed.
    pub seed: String,
    pub created_at: Millis,
}

impl IssuerKey {
    pub fn from_seed(seed: &[u8; 32], created_at: Millis) -> IssuerKey {
        IssuerKey {
            seed: base64url_encode(seed),
            created_at,
        }
    }

    pub fn seed_bytes(&self) -> Option<[u8; 32]> {
        base64url_decode(&self.seed)?.try_into().ok()
    }
}

impl Schema for IssuerKey {
    const KEY: &'static str = "issuer-key";
    const VERSION: u32 = 1;
}

/// Every certificate the learner has issued, newest last. Old ones stay in the history.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Certificates {
    pub issued: Vec<SignedCertificate>,
}

impl Schema for Certificates {
    const KEY: &'static str = "certificates";
    const VERSION: u32 = 1;
}

impl Certificates {
    pub fn find(&self, id: &str) -> Option<&SignedCertificate> {
        self.issued.iter().find(|c| c.claims.id == id)
    }

    /// Adds certificates that are not there yet (by id); used when importing a backup.
    pub fn merge(&self, other: &Certificates) -> Certificates {
        let mut merged = self.clone();
        for certificate in &other.issued {
            if merged.find(&certificate.claims.id).is_none() {
                merged.issued.push(certificate.clone());
            }
        }
        merged.issued.sort_by_key(|c| c.claims.issued_at);
        merged
    }
}

/// The largest certificate file the verify page reads; real ones are about 1 KB.
pub const MAX_CERTIFICATE_FILE_BYTES: usize = 64 * 1024;

/// Reads a certificate from what a verifier has: a verify link, a bare fragment, or the contents of
/// a downloaded certificate file (its JSON). `None` when it is none of these.
pub fn read_certificate(text: &str) -> Option<SignedCertificate> {
    let text = text.trim();
    if text.len() > MAX_CERTIFICATE_FILE_BYTES {
        return None;
    }
    if text.starts_with('{') {
        return serde_json::from_str(text).ok();
    }
    let fragment = text.rsplit_once('#').map_or(text, |(_, f)| f);
    SignedCertificate::from_fragment(fragment)
}

impl SignedCertificate {
    /// The downloadable certificate file: the signed certificate as readable JSON.
    pub fn to_file(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Reads a verify link (or a bare fragment) and checks it.
pub fn verify_link(
    link: &str,
    now: Millis,
    knows_pack: impl Fn(&str, &str, &str) -> bool,
) -> Verdict {
    match read_certificate(link) {
        Some(certificate) => certificate.verify(now, knows_pack),
        None => Verdict::Unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shapes() {
        let cases = [
            ("amara@example.org", true),
            ("  Amara.Okafor+certs@mail.example.co.uk ", true),
            ("a@b.c", true),
            ("not-an-email", false),
            ("", false),
            ("@example.org", false),
            ("amara@", false),
            ("amara@example", false),
            ("amara@.example.org", false),
            ("amara@example.org.", false),
            ("amara@example..org", false),
            ("amara@@example.org", false),
            ("am ara@example.org", false),
            ("amara@exa mple.org", false),
        ];
        for (address, expected) in cases {
            assert_eq!(is_plausible_email(address), expected, "{address:?}");
        }
        let long = format!("{}@example.org", "a".repeat(243));
        assert_eq!(long.len(), 255);
        assert!(!is_plausible_email(&long));
        assert!(is_plausible_email(&long[1..]));
    }

    const SEED: [u8; 32] = [7; 32];
    const DAY: i64 = 86_400_000;

    fn claims() -> Claims {
        Claims {
            id: "cert-1".into(),
            learner_name: "Amara Okafor".into(),
            email_hash: Some(email_hash("amara@example.org", "salt")),
            email_salt: Some("salt".into()),
            track_id: "frontline".into(),
            track_title: "Frontline application".into(),
            pack_id: "fluency-core".into(),
            pack_version: "1.0.0".into(),
            pack_hash: "sha256:abc".into(),
            pack_language: "en".into(),
            issued_at: 1_000 * DAY,
            expires_at: 1_730 * DAY,
            scores: BTreeMap::from([("final:frontline".into(), 90)]),
            evidence: "4 modules, 4 checks passed, final 90%".into(),
            self_attested: true,
            issuer: String::new(),
            module_hashes: BTreeMap::new(),
        }
    }

    fn known(id: &str, version: &str, _hash: &str) -> bool {
        id == "fluency-core" && version == "1.0.0"
    }

    #[test]
    fn uuids_have_their_version_and_variant() {
        let random = uuid_v4([0xff; 16]);
        assert_eq!(random, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
        let named = uuid_from_name("fluency achievement fluency-core/frontline");
        assert!(is_uuid(&named), "{named}");
        assert_eq!(&named[14..15], "8");
        assert!(matches!(&named[19..20], "8" | "9" | "a" | "b"), "{named}");
        assert_eq!(
            named,
            uuid_from_name("fluency achievement fluency-core/frontline")
        );
        for (text, want) in [
            ("3f2a8c1e-5b7d-4e9a-8c6f-0d1e2f3a4b5c", true),
            ("3F2A8C1E-5B7D-4E9A-8C6F-0D1E2F3A4B5C", true),
            ("cert-0123456789abcdef", false),
            ("3f2a8c1e5b7d4e9a8c6f0d1e2f3a4b5c", false),
            ("3f2a8c1e-5b7d-4e9a-8c6f-0d1e2f3a4b5g", false),
            ("", false),
        ] {
            assert_eq!(is_uuid(text), want, "{text}");
        }
    }

    #[test]
    fn base58_known_vectors() {
        let cases: [(&[u8], &str); 4] = [
            (b"", ""),
            (&[0, 0, 1], "112"),
            (b"hello world", "StV1DL6CwTryKyV"),
            (&[0xff; 4], "7YXq9G"),
        ];
        for (bytes, text) in cases {
            assert_eq!(base58_encode(bytes), text);
            assert_eq!(base58_decode(text).unwrap(), bytes);
        }
        assert_eq!(base58_decode("0OIl"), None);
    }

    /// Every byte: a digit's value by ranges is its place in the alphabet, and anything else is
    /// no digit.
    #[test]
    fn digit_values_are_places_in_the_alphabets() {
        type Value = fn(u8) -> Option<u32>;
        let alphabets: [(&str, &[u8], Value); 2] = [
            ("base58", BASE58, base58_value),
            ("base64url", BASE64URL, base64url_value),
        ];
        for (name, alphabet, value) in alphabets {
            for c in 0..=u8::MAX {
                let place = alphabet.iter().position(|a| *a == c).map(|p| p as u32);
                assert_eq!(value(c), place, "{name}: byte {c}");
            }
        }
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40u8 {
            let bytes: Vec<u8> = (0..len)
                .map(|i| i.wrapping_mul(37).wrapping_add(250))
                .collect();
            let text = base64url_encode(&bytes);
            assert!(!text.contains(['+', '/', '=']), "{text}");
            assert_eq!(base64url_decode(&text).unwrap(), bytes, "length {len}");
        }
        assert_eq!(base64url_encode(b"hi?"), "aGk_");
        assert_eq!(base64url_decode("a"), None);
        assert_eq!(base64url_decode("a*bc"), None);
    }

    #[test]
    fn did_key_matches_the_spec_example() {
        // The did:key specification's Ed25519 example: multibase z + base58btc(0xed01 + key).
        let did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        let key = public_key_of(did).unwrap();
        assert_eq!(did_key(&key), did);
        assert_eq!(
            public_key_of("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"),
            None,
            "a secp256k1 key"
        );
        assert_eq!(public_key_of("did:web:example.org"), None);
    }

    #[test]
    fn email_hashes_are_salted_and_normalised() {
        assert_eq!(
            email_hash(" Amara@Example.org ", "s"),
            email_hash("amara@example.org", "s")
        );
        assert_ne!(
            email_hash("amara@example.org", "s"),
            email_hash("amara@example.org", "t")
        );
        // Address then salt, as Open Badges' identityHash expects.
        assert_eq!(
            email_hash("Amara@example.org", "salt"),
            "sha256:c71cec1c3fb642916cb27cb9acbb831700830fa3c2d958a01b418e20ca839332"
        );
    }

    #[test]
    fn a_signed_certificate_verifies_and_survives_the_link() {
        let signed = sign(claims(), &SEED);
        assert!(signed.claims.issuer.starts_with("did:key:z6Mk"));
        let now = 1_001 * DAY;
        assert_eq!(signed.verify(now, known), Verdict::Valid);
        let link = format!("https://verify.example/verify#{}", signed.to_fragment());
        assert_eq!(verify_link(&link, now, known), Verdict::Valid);
        assert_eq!(
            SignedCertificate::from_fragment(&signed.to_fragment()).unwrap(),
            signed
        );
    }

    #[test]
    fn verdict_table() {
        let signed = sign(claims(), &SEED);
        let now = 1_001 * DAY;
        let other_key = sign(claims(), &[9; 32]);
        let cases: Vec<(&str, SignedCertificate, Millis, Verdict)> = vec![
            ("intact", signed.clone(), now, Verdict::Valid),
            ("expired", signed.clone(), 1_730 * DAY, Verdict::Expired),
            (
                "name changed",
                {
                    let mut c = signed.clone();
                    c.claims.learner_name.push('!');
                    c
                },
                now,
                Verdict::Tampered,
            ),
            (
                "score changed",
                {
                    let mut c = signed.clone();
                    c.claims.scores.insert("final:frontline".into(), 100);
                    c
                },
                now,
                Verdict::Tampered,
            ),
            (
                "expiry extended",
                {
                    let mut c = signed.clone();
                    c.claims.expires_at += DAY;
                    c
                },
                now,
                Verdict::Tampered,
            ),
            (
                "issuer swapped",
                {
                    let mut c = signed.clone();
                    c.claims.issuer = other_key.claims.issuer.clone();
                    c
                },
                now,
                Verdict::Tampered,
            ),
            (
                "signature garbled",
                {
                    let mut c = signed.clone();
                    c.signature = "AAAA".into();
                    c
                },
                now,
                Verdict::Tampered,
            ),
            (
                "unknown pack",
                {
                    let c = claims();
                    let mut c2 = c.clone();
                    c2.pack_version = "9.0.0".into();
                    sign(c2, &SEED)
                },
                now,
                Verdict::UnknownPack,
            ),
        ];
        for (name, certificate, at, want) in cases {
            assert_eq!(certificate.verify(at, known), want, "{name}");
        }
    }

    #[test]
    fn a_certificate_reads_from_a_link_a_fragment_or_a_file() {
        let signed = sign(claims(), &SEED);
        let fragment = signed.to_fragment();
        let cases = [
            format!("https://x.example/verify#{fragment}"),
            format!("  #{fragment}\n"),
            fragment.clone(),
            signed.to_file(),
        ];
        for text in cases {
            assert_eq!(read_certificate(&text).as_ref(), Some(&signed), "{text}");
        }
        let mut edited = signed.to_file();
        edited = edited.replace("Amara", "Bmara");
        assert_eq!(
            read_certificate(&edited).map(|c| c.verify(1_001 * DAY, known)),
            Some(Verdict::Tampered)
        );
        for junk in ["", "{", "{\"claims\": 1}", "#", &"A".repeat(70_000)] {
            assert_eq!(read_certificate(junk), None, "{junk:.20}");
        }
    }

    #[test]
    fn one_changed_character_in_a_link_is_caught() {
        let signed = sign(claims(), &SEED);
        let fragment = signed.to_fragment();
        let now = 1_001 * DAY;
        let mut caught = 0;
        for i in (0..fragment.len()).step_by(7) {
            let mut bytes = fragment.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let tampered = String::from_utf8(bytes).unwrap();
            let verdict = verify_link(&tampered, now, known);
            assert_ne!(verdict, Verdict::Valid, "change at {i} went unnoticed");
            caught += 1;
        }
        assert!(caught > 20);
        assert_eq!(verify_link("not a link", now, known), Verdict::Unreadable);
    }
}

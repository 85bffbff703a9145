//! Open Badges 3.0: a Fluency certificate re-expressed as an `OpenBadgeCredential` (W3C Verifiable
//! Credentials Data Model 2.0) with a Data Integrity proof using the `eddsa-jcs-2022` cryptosuite,
//! so that wallets, LMSs and standard verifiers accept it without contacting any server.
//!
//! The proof follows the cryptosuite exactly: the proof configuration and the credential are each
//! canonicalised with JCS (RFC 8785), hashed with SHA-256, and the two hashes, configuration first,
//! are signed with the learner's Ed25519 key. The JSON-LD contexts are referenced by URL only; a
//! verifier resolves them from its own bundled copies (see `end2end/fixtures/openbadges/`).

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::certification::Date;
use super::credential::{
    base58_decode, base58_encode, is_uuid, public_key_of, uuid_from_name, SignedCertificate,
};
use super::progress::Millis;

pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";

/// Why an Open Badge could not be produced or checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadgeError {
    #[error("this certificate was signed by a different key than the one in this browser")]
    ForeignKey,
    #[error("the credential has no eddsa-jcs-2022 proof")]
    NoProof,
    #[error("the proof does not match the credential")]
    BadSignature,
}

/// JSON Canonicalization Scheme (RFC 8785): no whitespace, object members sorted by their UTF-16
/// code units, strings escaped as ECMAScript's `JSON.stringify` does. Integers print as integers;
/// the credentials built here contain no fractional numbers.
pub fn jcs(value: &Value) -> String {
    let mut out = String::new();
    write_jcs(value, &mut out);
    out
}

fn write_jcs(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            out.push('{');
            for (i, (key, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_jcs(member, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_jcs(item, out);
            }
            out.push(']');
        }
        Value::String(text) => write_string(text, out),
        // serde_json already escapes strings and prints integers, null and booleans exactly as
        // ECMAScript does.
        other => out.push_str(&other.to_string()),
    }
}

fn write_string(text: &str, out: &mut String) {
    out.push_str(&Value::String(text.to_owned()).to_string());
}

/// An RFC 3339 UTC timestamp with second precision, as `validFrom` and `created` use.
pub fn timestamp(at: Millis) -> String {
    let seconds = at.div_euclid(1000).rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_millis(at).iso(),
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// The OB 3.0 `identityHash` of an e-mail address: `sha256$` and the hex digest of the trimmed,
/// lower-cased address followed by the salt. Fluency's own certificates store the same digest.
pub fn identity_hash(claims_hash: &str) -> String {
    format!(
        "sha256${}",
        claims_hash.strip_prefix("sha256:").unwrap_or(claims_hash)
    )
}

/// The credential's `id`: `urn:uuid:` (RFC 9562) and the certificate's own id, which is a random
/// version 4 UUID for certificates issued since ids took that form. Older certificates (ids such as
/// `cert-0123456789abcdef`) get a version 8 UUID derived from their id, so the same certificate
/// always yields the same credential id.
pub fn credential_id(certificate_id: &str) -> String {
    if is_uuid(certificate_id) {
        format!("urn:uuid:{}", certificate_id.to_ascii_lowercase())
    } else {
        format!(
            "urn:uuid:{}",
            uuid_from_name(&format!("fluency certificate {certificate_id}"))
        )
    }
}

/// The achievement's `id`: a version 8 UUID (RFC 9562) derived from the pack and track ids, the
/// same for every learner who completes that track of that pack.
pub fn achievement_id(pack_id: &str, track_id: &str) -> String {
    format!(
        "urn:uuid:{}",
        uuid_from_name(&format!("fluency achievement {pack_id}/{track_id}"))
    )
}

/// The human-readable text of a badge, in one language.
struct BadgeText {
    /// BCP 47 tag of the language the text is written in.
    language: &'static str,
    name: String,
    description: &'static str,
    achievement: String,
    criteria: String,
    evidence_name: &'static str,
    evidence: String,
}

/// The badge's text in the certificate's edition language when Fluency has that language (English
/// and Chinese today), otherwise in English.
fn badge_text(c: &super::credential::Claims, scores: &str) -> BadgeText {
    let (title, pack, version, hash) = (&c.track_title, &c.pack_id, &c.pack_version, &c.pack_hash);
    if c.pack_language.split('-').next() == Some("zh") {
        BadgeText {
            language: "zh-CN",
            name: format!("{title}：自我声明的完成"),
            description: "学习者自己颁发的 Fluency 证书。任何改动都会被发现，但它是自我声明的，也无人监考。",
            achievement: format!("完成 Fluency AI 素养课程中的“{title}”学习方向（课程包 {pack}，版本 {version}）。"),
            criteria: format!(
                "自我声明，无人监考。学习者完成了课程包 {pack} 版本 {version}（内容 {hash}）中该学习方向的全部必修模块，\
                 每个模块的知识检测和一次期末测评都达到或超过该学习方向的及格线，填写了全名并确认了诚信声明。\
                 Fluency 完全在学习者的浏览器里运行：测评时没有其他人在场观察。"
            ),
            evidence_name: "Fluency 证书及其核验链接",
            evidence: format!("{} 最好成绩：{scores}。", c.evidence),
        }
    } else {
        BadgeText {
            language: "en",
            name: format!("{title}: self-attested completion"),
            description: "A self-issued Fluency certificate. It is tamper-evident but self-attested and not proctored.",
            achievement: format!(
                "Completion of the {title} track of the Fluency AI-literacy curriculum (pack {pack} version {version})."
            ),
            criteria: format!(
                "Self-attested and not proctored. The learner completed every required module of \
                 the track in curriculum pack {pack} version {version} (content {hash}), passed each module's \
                 knowledge check and a final assessment at or above the track's pass mark, typed \
                 their full name and confirmed an honesty statement. Fluency runs entirely in the \
                 learner's browser: nobody else observed the assessment."
            ),
            evidence_name: "Fluency certificate and its verify link",
            evidence: format!("{} Best scores: {scores}.", c.evidence),
        }
    }
}

/// The unsigned credential for a certificate. Every statement in it is true of a self-attested,
/// unproctored completion: the learner is both issuer and subject, and the criteria say so. Its text
/// is in the language of the edition the learner was assessed in (see [`badge_text`]), and the
/// achievement's `inLanguage` says which, when the certificate records it.
pub fn credential(certificate: &SignedCertificate, verify_link: &str) -> Value {
    let c = &certificate.claims;
    let scores = c
        .scores
        .iter()
        .map(|(key, percent)| format!("{key} {percent}%"))
        .collect::<Vec<_>>()
        .join(", ");
    let text = badge_text(c, &scores);
    let mut subject = json!({
        "id": c.issuer,
        "type": ["AchievementSubject"],
        "achievement": {
            "id": achievement_id(&c.pack_id, &c.track_id),
            "type": ["Achievement"],
            "achievementType": "CertificateOfCompletion",
            "name": c.track_title,
            "description": text.achievement,
            "criteria": { "narrative": text.criteria },
        },
    });
    let primary = |tag: &str| tag.split('-').next().unwrap_or_default().to_owned();
    if !c.pack_language.is_empty() && primary(&c.pack_language) == primary(text.language) {
        // Open Badges 3.0 Achievement.inLanguage (schema.org/inLanguage): the language of the
        // achievement's name, description and criteria. Said only when the text really is in the
        // edition's language: a track title in a language Fluency has no badge text for is not.
        subject["achievement"]["inLanguage"] = json!(c.pack_language);
    }
    if let (Some(hash), Some(salt)) = (&c.email_hash, &c.email_salt) {
        subject["identifier"] = json!([{
            "type": "IdentityObject",
            "identityHash": identity_hash(hash),
            "identityType": "emailAddress",
            "hashed": true,
            "salt": salt,
        }]);
    }
    json!({
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id(&c.id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": text.name,
        "description": text.description,
        "issuer": {
            "id": c.issuer,
            "type": ["Profile"],
            "name": c.learner_name,
        },
        "validFrom": timestamp(c.issued_at),
        "validUntil": timestamp(c.expires_at),
        "credentialSubject": subject,
        "evidence": [{
            "id": verify_link,
            "type": ["Evidence"],
            "name": text.evidence_name,
            "narrative": text.evidence,
        }],
    })
}

/// The `eddsa-jcs-2022` hash data (W3C Data Integrity EdDSA Cryptosuites v1.0, REC 15 May 2025,
/// §3.3.4): SHA-256 of the canonical proof configuration, then SHA-256 of the canonical unsecured
/// document. `proof_config` is used exactly as given, less its `proofValue`: nothing is added to it.
fn hash_data(unsecured: &Value, proof_config: &Value) -> Vec<u8> {
    let mut config = proof_config.clone();
    if let Some(config) = config.as_object_mut() {
        config.remove("proofValue");
    }
    let mut data = Sha256::digest(jcs(&config).as_bytes()).to_vec();
    data.extend_from_slice(&Sha256::digest(jcs(unsecured).as_bytes()));
    data
}

/// Whether a document's `@context` starts with every value of the proof's `@context`, in the same
/// order (§3.3.2 step 4.1). A single context counts as a list of one.
fn context_starts_with(document: &Value, proof: &Value) -> bool {
    let as_list = |value: &Value| match value {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    let (document, proof) = (as_list(document), as_list(proof));
    proof.len() <= document.len() && document.iter().zip(&proof).all(|(d, p)| d == p)
}

/// Adds a Data Integrity proof made with the learner's key. The key must be the one that signed the
/// certificate, so the badge's issuer is the certificate's issuer.
pub fn sign_credential(
    mut document: Value,
    seed: &[u8; 32],
    created: Millis,
) -> Result<Value, BadgeError> {
    let key = SigningKey::from_bytes(seed);
    let did = super::credential::did_key(key.verifying_key().as_bytes());
    if document.pointer("/issuer/id").and_then(Value::as_str) != Some(did.as_str()) {
        return Err(BadgeError::ForeignKey);
    }
    let fragment = did.trim_start_matches("did:key:");
    let mut proof = Map::new();
    // The cryptosuite copies the document's contexts into the proof, and verifiers hash the proof
    // with them, so they stay in the emitted proof too.
    if let Some(context) = document.get("@context") {
        proof.insert("@context".into(), context.clone());
    }
    proof.insert("type".into(), "DataIntegrityProof".into());
    proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
    proof.insert("created".into(), timestamp(created).into());
    proof.insert(
        "verificationMethod".into(),
        format!("{did}#{fragment}").into(),
    );
    proof.insert("proofPurpose".into(), "assertionMethod".into());
    let mut unsecured = document.clone();
    if let Some(map) = unsecured.as_object_mut() {
        map.remove("proof");
    }
    let signature = key.sign(&hash_data(&unsecured, &Value::Object(proof.clone())));
    proof.insert(
        "proofValue".into(),
        format!("z{}", base58_encode(&signature.to_bytes())).into(),
    );
    // OB 3.0's schema expects a list of proofs (a proof set), which Data Integrity allows.
    if let Some(map) = document.as_object_mut() {
        map.insert("proof".into(), Value::Array(vec![Value::Object(proof)]));
    }
    Ok(document)
}

/// Checks an `eddsa-jcs-2022` proof whose verification method is a `did:key`, following the Verify
/// Proof algorithm of W3C Data Integrity EdDSA Cryptosuites v1.0 (REC, 15 May 2025, §3.3.2) step by
/// step: the proof options are the proof less `proofValue`, used as they are; when they carry an
/// `@context`, the document's must start with it, and the unsecured document takes it. Nothing is
/// copied from the document into the proof, so a proof whose `@context` was removed or changed fails.
/// With a proof set, the first proof is checked. The app's own verify page uses the compact
/// certificate instead; this keeps the badge honest in host tests.
///
/// # Errors
/// [`BadgeError::NoProof`] when there is no `DataIntegrityProof` with the `eddsa-jcs-2022` suite and
/// `assertionMethod` purpose; [`BadgeError::BadSignature`] for anything that does not verify.
pub fn verify_credential(document: &Value) -> Result<(), BadgeError> {
    let proof = match document.get("proof") {
        Some(Value::Array(proofs)) => proofs.first(),
        other => other,
    }
    .and_then(Value::as_object)
    .ok_or(BadgeError::NoProof)?;
    let field = |name: &str| proof.get(name).and_then(Value::as_str);
    if field("type") != Some("DataIntegrityProof")
        || field("cryptosuite") != Some(CRYPTOSUITE)
        || field("proofPurpose") != Some("assertionMethod")
    {
        return Err(BadgeError::NoProof);
    }
    let method = field("verificationMethod").ok_or(BadgeError::NoProof)?;
    let did = method.split('#').next().unwrap_or_default();
    let key = public_key_of(did)
        .and_then(|k| VerifyingKey::from_bytes(&k).ok())
        .ok_or(BadgeError::BadSignature)?;
    let signature = field("proofValue")
        .and_then(|v| v.strip_prefix('z'))
        .and_then(base58_decode)
        .and_then(|bytes| <[u8; 64]>::try_from(bytes.as_slice()).ok())
        .map(|bytes| Signature::from_bytes(&bytes))
        .ok_or(BadgeError::BadSignature)?;
    let mut unsecured = document.clone();
    let map = unsecured.as_object_mut().ok_or(BadgeError::NoProof)?;
    map.remove("proof");
    if let Some(proof_context) = proof.get("@context") {
        let starts = map
            .get("@context")
            .is_some_and(|context| context_starts_with(context, proof_context));
        if !starts {
            return Err(BadgeError::BadSignature);
        }
        map.insert("@context".into(), proof_context.clone());
    }
    key.verify(
        &hash_data(&unsecured, &Value::Object(proof.clone())),
        &signature,
    )
    .map_err(|_| BadgeError::BadSignature)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::credential::{sign, Claims};

    const SEED: [u8; 32] = [7; 32];

    fn certificate() -> SignedCertificate {
        let claims = Claims {
            id: "cert-00ff".into(),
            learner_name: "Amara Okafor".into(),
            email_hash: Some(crate::domain::credential::email_hash(
                "a@example.org",
                "pepper",
            )),
            email_salt: Some("pepper".into()),
            track_id: "frontline".into(),
            track_title: "Frontline".into(),
            pack_id: "fluency-core".into(),
            pack_version: "1.2.0".into(),
            pack_hash: "sha256:abc".into(),
            pack_language: "en".into(),
            issued_at: 1_790_000_000_000,
            expires_at: 1_821_000_000_000,
            scores: BTreeMap::from([("final:frontline".into(), 90)]),
            evidence: "3 required modules completed.".into(),
            self_attested: true,
            issuer: String::new(),
            module_hashes: BTreeMap::new(),
        };
        sign(claims, &SEED)
    }

    fn badge() -> Value {
        let unsigned = credential(&certificate(), "https://fluency.example/verify#x");
        sign_credential(unsigned, &SEED, 1_790_000_000_000).unwrap()
    }

    #[test]
    fn jcs_sorts_members_by_utf16_code_units() {
        let value: Value = serde_json::from_str(
            r#"{"€":1,"\r":2,"\ufb33":3,"1":4,"😀":5,"\u0080":6,"ö":7,"b":[true,null,"x\u0001\"/"]}"#,
        )
        .unwrap();
        assert_eq!(
            jcs(&value),
            "{\"\\r\":2,\"1\":4,\"b\":[true,null,\"x\\u0001\\\"/\"],\"\u{80}\":6,\"ö\":7,\"€\":1,\"😀\":5,\"\u{fb33}\":3}"
        );
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (1_790_000_000_000, "2026-09-21T14:13:20Z"),
            (86_399_999, "1970-01-01T23:59:59Z"),
        ];
        for (at, expected) in cases {
            assert_eq!(timestamp(at), expected);
        }
    }

    #[test]
    fn a_signed_badge_verifies_and_any_change_breaks_it() {
        let signed = badge();
        assert_eq!(verify_credential(&signed), Ok(()));
        let edits: [(&str, Value); 4] = [
            ("/issuer/name", "Someone Else".into()),
            ("/credentialSubject/achievement/name", "Leadership".into()),
            ("/validUntil", "2099-01-01T00:00:00Z".into()),
            ("/proof/0/created", "2020-01-01T00:00:00Z".into()),
        ];
        for (pointer, replacement) in edits {
            let mut tampered = signed.clone();
            *tampered.pointer_mut(pointer).unwrap() = replacement;
            assert_eq!(
                verify_credential(&tampered),
                Err(BadgeError::BadSignature),
                "{pointer}"
            );
        }
    }

    #[test]
    fn the_badge_describes_a_self_attested_completion_truthfully() {
        let signed = badge();
        assert_eq!(signed["@context"], json!([VC_CONTEXT, OB_CONTEXT]));
        assert_eq!(
            signed["type"],
            json!(["VerifiableCredential", "OpenBadgeCredential"])
        );
        let achievement = &signed["credentialSubject"]["achievement"];
        assert_eq!(achievement["achievementType"], "CertificateOfCompletion");
        assert!(achievement["criteria"]["narrative"]
            .as_str()
            .unwrap()
            .starts_with("Self-attested and not proctored."));
        assert_eq!(signed["issuer"]["id"], signed["credentialSubject"]["id"]);
        assert_eq!(signed["validFrom"], "2026-09-21T14:13:20Z");
        let identifier = &signed["credentialSubject"]["identifier"][0];
        assert_eq!(identifier["salt"], "pepper");
        assert!(identifier["identityHash"]
            .as_str()
            .unwrap()
            .starts_with("sha256$"));
        let method = signed["proof"][0]["verificationMethod"].as_str().unwrap();
        let (did, fragment) = method.split_once('#').unwrap();
        assert_eq!(did, signed["issuer"]["id"]);
        assert_eq!(format!("did:key:{fragment}"), did);
    }

    #[test]
    fn the_badge_speaks_the_language_of_the_edition_it_was_earned_in() {
        // (edition language, inLanguage expected, start of the criteria narrative)
        let cases = [
            ("en", Some("en"), "Self-attested and not proctored."),
            ("zh-CN", Some("zh-CN"), "自我声明，无人监考。"),
            ("", None, "Self-attested and not proctored."),
            ("nl", None, "Self-attested and not proctored."),
        ];
        for (language, in_language, narrative) in cases {
            let mut certificate = certificate();
            certificate.claims.pack_language = language.into();
            let badge = credential(&certificate, "https://fluency.example/verify#x");
            let achievement = &badge["credentialSubject"]["achievement"];
            assert_eq!(
                achievement.get("inLanguage").and_then(Value::as_str),
                in_language,
                "{language}"
            );
            assert!(
                achievement["criteria"]["narrative"]
                    .as_str()
                    .unwrap()
                    .starts_with(narrative),
                "{language}"
            );
            let signed = sign_credential(badge, &SEED, 1_790_000_000_000).unwrap();
            assert_eq!(verify_credential(&signed), Ok(()), "{language}");
        }
    }

    /// Each change a verifier following the REC must reject, as a JSON pointer edit of a signed badge.
    #[test]
    fn tampered_proofs_fail_as_the_rec_requires() {
        let signed = badge();
        let other = {
            let unsigned = credential(&certificate(), "https://fluency.example/verify#other");
            sign_credential(unsigned, &SEED, 1_790_000_000_001).unwrap()
        };
        let other_did = crate::domain::credential::did_key(
            SigningKey::from_bytes(&[9; 32]).verifying_key().as_bytes(),
        );
        type Edit = Box<dyn Fn(&mut Value)>;
        let cases: Vec<(&str, Edit, BadgeError)> = vec![
            (
                "proof @context removed",
                Box::new(|d| {
                    d["proof"][0].as_object_mut().unwrap().remove("@context");
                }),
                BadgeError::BadSignature,
            ),
            (
                "proof @context cut to its first entry",
                Box::new(|d| d["proof"][0]["@context"] = json!([VC_CONTEXT])),
                BadgeError::BadSignature,
            ),
            (
                "proof @context reordered",
                Box::new(|d| d["proof"][0]["@context"] = json!([OB_CONTEXT, VC_CONTEXT])),
                BadgeError::BadSignature,
            ),
            (
                "document @context no longer starts with the proof's",
                Box::new(|d| d["@context"] = json!([OB_CONTEXT, VC_CONTEXT])),
                BadgeError::BadSignature,
            ),
            (
                "document @context removed",
                Box::new(|d| {
                    d.as_object_mut().unwrap().remove("@context");
                }),
                BadgeError::BadSignature,
            ),
            (
                "a member added to the proof",
                Box::new(|d| d["proof"][0]["domain"] = json!("https://evil.example")),
                BadgeError::BadSignature,
            ),
            (
                "created moved",
                Box::new(|d| d["proof"][0]["created"] = json!("2020-01-01T00:00:00Z")),
                BadgeError::BadSignature,
            ),
            (
                "another key named as the verification method",
                Box::new(move |d| {
                    let fragment = other_did.trim_start_matches("did:key:").to_owned();
                    d["proof"][0]["verificationMethod"] = json!(format!("{other_did}#{fragment}"));
                }),
                BadgeError::BadSignature,
            ),
            (
                "a proof value from another badge",
                Box::new(move |d| {
                    d["proof"][0]["proofValue"] = other["proof"][0]["proofValue"].clone()
                }),
                BadgeError::BadSignature,
            ),
            (
                "proof value not base58btc multibase",
                Box::new(|d| {
                    let value = d["proof"][0]["proofValue"]
                        .as_str()
                        .unwrap()
                        .replacen('z', "u", 1);
                    d["proof"][0]["proofValue"] = json!(value);
                }),
                BadgeError::BadSignature,
            ),
            (
                "subject swapped",
                Box::new(|d| d["credentialSubject"]["id"] = json!("did:example:someone")),
                BadgeError::BadSignature,
            ),
            (
                "another cryptosuite named",
                Box::new(|d| d["proof"][0]["cryptosuite"] = json!("eddsa-rdfc-2022")),
                BadgeError::NoProof,
            ),
            (
                "another proof type",
                Box::new(|d| d["proof"][0]["type"] = json!("Ed25519Signature2020")),
                BadgeError::NoProof,
            ),
            (
                "another proof purpose",
                Box::new(|d| d["proof"][0]["proofPurpose"] = json!("authentication")),
                BadgeError::NoProof,
            ),
            (
                "proof removed",
                Box::new(|d| {
                    d.as_object_mut().unwrap().remove("proof");
                }),
                BadgeError::NoProof,
            ),
            (
                "proof is not an object",
                Box::new(|d| d["proof"] = json!(["not a proof"])),
                BadgeError::NoProof,
            ),
        ];
        for (name, edit, want) in cases {
            let mut tampered = signed.clone();
            edit(&mut tampered);
            assert_eq!(verify_credential(&tampered), Err(want), "{name}");
        }
        // A single proof object (not a set) verifies the same way.
        let mut single = signed.clone();
        single["proof"] = signed["proof"][0].clone();
        assert_eq!(verify_credential(&single), Ok(()));
    }

    #[test]
    fn credential_and_achievement_ids_use_urn_uuid() {
        let is_urn_uuid = |id: &str| {
            id.strip_prefix("urn:uuid:")
                .is_some_and(crate::domain::credential::is_uuid)
        };
        // A certificate whose id is already a UUID keeps it.
        let mut current = certificate().claims;
        current.id = "3f2a8c1e-5b7d-4e9a-8c6f-0d1e2f3a4b5c".into();
        let current = crate::domain::credential::sign(current, &SEED);
        let unsigned = credential(&current, "https://x.example/verify#x");
        assert_eq!(
            unsigned["id"],
            "urn:uuid:3f2a8c1e-5b7d-4e9a-8c6f-0d1e2f3a4b5c"
        );
        // An older id ("cert-…") gets a stable version 8 UUID.
        let old = credential(&certificate(), "https://x.example/verify#x");
        let old_id = old["id"].as_str().unwrap();
        assert!(is_urn_uuid(old_id), "{old_id}");
        assert_eq!(&old_id[9 + 14..9 + 15], "8", "version 8: {old_id}");
        assert_eq!(old_id, credential_id("cert-00ff"));
        assert_ne!(old_id, credential_id("cert-00fe"));
        let achievement = old["credentialSubject"]["achievement"]["id"]
            .as_str()
            .unwrap();
        assert!(is_urn_uuid(achievement), "{achievement}");
        assert_eq!(achievement, achievement_id("fluency-core", "frontline"));
        assert_ne!(achievement, achievement_id("fluency-core", "leader"));
        for value in [&old, &unsigned] {
            assert!(!value.to_string().contains("urn:fluency"), "{value}");
        }
    }

    #[test]
    fn a_certificate_with_an_old_id_still_verifies_and_makes_a_valid_badge() {
        let old = certificate();
        assert_eq!(old.claims.id, "cert-00ff");
        assert_eq!(
            old.verify(old.claims.issued_at + 1, |_, _, _| true),
            crate::domain::credential::Verdict::Valid
        );
        assert_eq!(verify_credential(&badge()), Ok(()));
    }

    #[test]
    fn a_different_key_cannot_sign_someone_elses_certificate() {
        let unsigned = credential(&certificate(), "https://x.example/verify#x");
        assert_eq!(
            sign_credential(unsigned, &[9; 32], 0),
            Err(BadgeError::ForeignKey)
        );
    }

    #[test]
    fn no_email_means_no_identifier() {
        let mut plain = certificate();
        plain.claims.email_hash = None;
        plain.claims.email_salt = None;
        let unsigned = credential(&plain, "https://x.example/verify#x");
        assert!(unsigned["credentialSubject"].get("identifier").is_none());
    }
}

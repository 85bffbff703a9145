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
use super::credential::{base58_decode, base58_encode, public_key_of, SignedCertificate};
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

/// The unsigned credential for a certificate. Every statement in it is true of a self-attested,
/// unproctored completion: the learner is both issuer and subject, and the criteria say so.
pub fn credential(certificate: &SignedCertificate, verify_link: &str) -> Value {
    let c = &certificate.claims;
    let mut subject = json!({
        "id": c.issuer,
        "type": ["AchievementSubject"],
        "achievement": {
            "id": format!("urn:fluency:{}:{}", c.pack_id, c.track_id),
            "type": ["Achievement"],
            "achievementType": "CertificateOfCompletion",
            "name": c.track_title,
            "description": format!(
                "Completion of the {} track of the Fluency AI-literacy curriculum (pack {} version {}).",
                c.track_title, c.pack_id, c.pack_version
            ),
            "criteria": {
                "narrative": format!(
                    "Self-attested and not proctored. The learner completed every required module of \
                     the track in curriculum pack {} version {} (content {}), passed each module's \
                     knowledge check and a final assessment at or above the track's pass mark, typed \
                     their full name and confirmed an honesty statement. Fluency runs entirely in the \
                     learner's browser: nobody else observed the assessment.",
                    c.pack_id, c.pack_version, c.pack_hash
                ),
            },
        },
    });
    if let (Some(hash), Some(salt)) = (&c.email_hash, &c.email_salt) {
        subject["identifier"] = json!([{
            "type": "IdentityObject",
            "identityHash": identity_hash(hash),
            "identityType": "emailAddress",
            "hashed": true,
            "salt": salt,
        }]);
    }
    let scores = c
        .scores
        .iter()
        .map(|(key, percent)| format!("{key} {percent}%"))
        .collect::<Vec<_>>()
        .join(", ");
    json!({
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": format!("urn:fluency:certificate:{}", c.id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": format!("{}: self-attested completion", c.track_title),
        "description": "A self-issued Fluency certificate. It is tamper-evident but self-attested and not proctored.",
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
            "name": "Fluency certificate and its verify link",
            "narrative": format!("{} Best scores: {scores}.", c.evidence),
        }],
    })
}

/// The `eddsa-jcs-2022` hash data: SHA-256 of the canonical proof configuration (without
/// `proofValue`, and carrying the document's `@context` as the cryptosuite requires), then SHA-256
/// of the canonical document without its proof.
fn hash_data(document: &Value, proof_config: &Value) -> Vec<u8> {
    let mut config = proof_config.clone();
    if let Some(config) = config.as_object_mut() {
        config.remove("proofValue");
        if let (false, Some(context)) = (config.contains_key("@context"), document.get("@context"))
        {
            config.insert("@context".into(), context.clone());
        }
    }
    let mut unsecured = document.clone();
    if let Some(map) = unsecured.as_object_mut() {
        map.remove("proof");
    }
    let mut data = Sha256::digest(jcs(&config).as_bytes()).to_vec();
    data.extend_from_slice(&Sha256::digest(jcs(&unsecured).as_bytes()));
    data
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
    let signature = key.sign(&hash_data(&document, &Value::Object(proof.clone())));
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

/// Checks an `eddsa-jcs-2022` proof whose verification method is a `did:key`, the way any
/// conforming verifier would. The app's own verify page uses the compact certificate instead;
/// this keeps the badge honest in host tests.
pub fn verify_credential(document: &Value) -> Result<(), BadgeError> {
    let proof = match document.get("proof") {
        Some(Value::Array(proofs)) => proofs.first(),
        other => other,
    }
    .ok_or(BadgeError::NoProof)?;
    if proof.get("cryptosuite").and_then(Value::as_str) != Some(CRYPTOSUITE) {
        return Err(BadgeError::NoProof);
    }
    let method = proof
        .get("verificationMethod")
        .and_then(Value::as_str)
        .ok_or(BadgeError::NoProof)?;
    let did = method.split('#').next().unwrap_or_default();
    let key = public_key_of(did)
        .and_then(|k| VerifyingKey::from_bytes(&k).ok())
        .ok_or(BadgeError::BadSignature)?;
    let signature = proof
        .get("proofValue")
        .and_then(Value::as_str)
        .and_then(|v| v.strip_prefix('z'))
        .and_then(base58_decode)
        .and_then(|bytes| <[u8; 64]>::try_from(bytes.as_slice()).ok())
        .map(|bytes| Signature::from_bytes(&bytes))
        .ok_or(BadgeError::BadSignature)?;
    key.verify(&hash_data(document, proof), &signature)
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

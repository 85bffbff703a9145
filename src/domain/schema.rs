//! Storage schemas: the versioned envelope every stored value travels in, and step-by-step migrations.
//!
//! The browser layer (`crate::storage`) only moves strings in and out of localStorage; every decision
//! about what a stored string means lives here, so that it can be tested on the host.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A value that Fluency stores under its own key, with a schema number that only ever grows.
pub trait Schema: Serialize + DeserializeOwned + Default {
    /// The key suffix; the storage layer adds the `fluency.` prefix.
    const KEY: &'static str;
    /// The schema this build writes. Data with a higher number is refused, never overwritten.
    const VERSION: u32;

    /// Turns data written with schema `from` into data of schema `from + 1`.
    /// Called once per step, so that each migration only knows about its neighbour.
    fn upgrade(from: u32, data: Value) -> Result<Value, String> {
        let _ = data;
        Err(format!("no migration is defined from schema {from}"))
    }
}

/// What every stored key holds, as read: the data stays a JSON tree until it has been migrated.
/// Read it with any JSON reader (the storage module uses `gloo-storage`), then [`decode_envelope`].
#[derive(Debug, Clone, Deserialize)]
pub struct Envelope {
    schema: u32,
    data: Value,
}

/// Why a stored string could not become a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the stored data is not readable ({0})")]
    Unreadable(String),
    #[error("the stored data was written by a newer version of Fluency (schema {found}; this version knows up to {supported}). Update the page or use the newer version.")]
    TooNew { found: u32, supported: u32 },
    #[error("the stored data could not be upgraded from schema {from}: {reason}")]
    Migration { from: u32, reason: String },
}

impl DecodeError {
    /// Whether the original string should be kept aside as a backup before the key is reused.
    /// Newer data is left exactly where it is instead: the newer version can still read it.
    pub fn needs_backup(&self) -> bool {
        !matches!(self, DecodeError::TooNew { .. })
    }
}

/// A successfully decoded value, with the schema it was stored under.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    pub value: T,
    pub stored_schema: u32,
}

impl<T> Decoded<T> {
    /// True when the value was upgraded and should be written back in the current schema.
    pub fn was_migrated(&self, current: u32) -> bool {
        self.stored_schema != current
    }
}

/// The envelope as written: the value is serialized straight into it, with no detour through a
/// JSON tree.
#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    schema: u32,
    data: &'a T,
}

/// A value in the current envelope, ready for any JSON writer; [`encode`] writes it as text.
pub fn envelope<S: Schema>(value: &S) -> impl Serialize + '_ {
    EnvelopeOut {
        schema: S::VERSION,
        data: value,
    }
}

/// Wraps a value in the current envelope.
pub fn encode<S: Schema>(value: &S) -> String {
    serde_json::to_string(&envelope(value)).unwrap_or_default()
}

/// Reads an envelope and runs every migration step from its schema up to the current one.
pub fn decode<S: Schema>(raw: &str) -> Result<Decoded<S>, DecodeError> {
    let envelope: Envelope =
        serde_json::from_str(raw).map_err(|e| DecodeError::Unreadable(e.to_string()))?;
    decode_envelope(envelope)
}

/// Runs every migration step from an envelope's schema up to the current one.
pub fn decode_envelope<S: Schema>(envelope: Envelope) -> Result<Decoded<S>, DecodeError> {
    if envelope.schema > S::VERSION {
        return Err(DecodeError::TooNew {
            found: envelope.schema,
            supported: S::VERSION,
        });
    }
    if envelope.schema == 0 {
        return Err(DecodeError::Unreadable("schema 0 does not exist".into()));
    }
    let mut data = envelope.data;
    for from in envelope.schema..S::VERSION {
        data = S::upgrade(from, data).map_err(|reason| DecodeError::Migration { from, reason })?;
    }
    let value = serde_json::from_value(data).map_err(|e| DecodeError::Unreadable(e.to_string()))?;
    Ok(Decoded {
        value,
        stored_schema: envelope.schema,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A schema with a real history, to prove that migrations run in order, one step at a time.
    /// v1: `{"name": "Ada Lovelace"}`; v2 split the name; v3 added a list of tags.
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Person {
        first: String,
        last: String,
        tags: Vec<String>,
    }

    impl Schema for Person {
        const KEY: &'static str = "person";
        const VERSION: u32 = 3;

        fn upgrade(from: u32, data: Value) -> Result<Value, String> {
            match from {
                1 => {
                    let name = data["name"].as_str().ok_or("name is missing")?;
                    let (first, last) = name.split_once(' ').unwrap_or((name, ""));
                    Ok(json!({ "first": first, "last": last }))
                }
                2 => {
                    let mut data = data;
                    data["tags"] = json!([]);
                    Ok(data)
                }
                other => Err(format!("unknown schema {other}")),
            }
        }
    }

    fn ada() -> Person {
        Person {
            first: "Ada".into(),
            last: "Lovelace".into(),
            tags: vec![],
        }
    }

    #[test]
    fn migrates_from_every_earlier_schema() {
        let cases = [
            (r#"{"schema":1,"data":{"name":"Ada Lovelace"}}"#, 1),
            (
                r#"{"schema":2,"data":{"first":"Ada","last":"Lovelace"}}"#,
                2,
            ),
            (
                r#"{"schema":3,"data":{"first":"Ada","last":"Lovelace","tags":[]}}"#,
                3,
            ),
        ];
        for (raw, schema) in cases {
            let decoded = decode::<Person>(raw).unwrap();
            assert_eq!(decoded.value, ada(), "from schema {schema}");
            assert_eq!(decoded.stored_schema, schema);
            assert_eq!(decoded.was_migrated(Person::VERSION), schema != 3);
        }
    }

    #[test]
    fn round_trips_through_the_envelope() {
        let raw = encode(&ada());
        assert!(raw.starts_with(r#"{"schema":3,"#), "{raw}");
        assert_eq!(decode::<Person>(&raw).unwrap().value, ada());
    }

    #[test]
    fn refuses_and_classifies_bad_input() {
        type Expect = fn(&DecodeError) -> bool;
        let cases: [(&str, Expect); 6] = [
            ("not json", |e| matches!(e, DecodeError::Unreadable(_))),
            ("", |e| matches!(e, DecodeError::Unreadable(_))),
            (r#"{"data":{}}"#, |e| {
                matches!(e, DecodeError::Unreadable(_))
            }),
            (r#"{"schema":0,"data":{}}"#, |e| {
                matches!(e, DecodeError::Unreadable(_))
            }),
            (r#"{"schema":9,"data":{}}"#, |e| {
                *e == DecodeError::TooNew {
                    found: 9,
                    supported: 3,
                }
            }),
            (r#"{"schema":1,"data":{"nom":"x"}}"#, |e| {
                matches!(e, DecodeError::Migration { from: 1, .. })
            }),
        ];
        for (raw, check) in cases {
            let err = decode::<Person>(raw).unwrap_err();
            assert!(check(&err), "{raw:?} gave {err:?}");
        }
    }

    #[test]
    fn newer_data_is_not_backed_up_but_garbage_is() {
        assert!(!DecodeError::TooNew {
            found: 2,
            supported: 1
        }
        .needs_backup());
        assert!(DecodeError::Unreadable("x".into()).needs_backup());
    }

    #[test]
    fn too_new_message_tells_the_user_what_to_do() {
        let msg = DecodeError::TooNew {
            found: 4,
            supported: 3,
        }
        .to_string();
        assert!(msg.contains("newer version"), "{msg}");
        assert!(msg.contains("schema 4"), "{msg}");
    }
}

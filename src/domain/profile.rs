//! The learner profile: who is using this browser, what they came for, and how they like the app to look.
//! It is stored locally under the `profile` key; see [`crate::domain::schema`] for the envelope.

use serde::{Deserialize, Serialize};

use serde_json::Value;

use super::pack::Audience;
use super::schema::Schema;

/// The longest display name we keep. Longer input is trimmed, never rejected silently.
pub const MAX_NAME_CHARS: usize = 80;

/// Which part of Fluency a visitor came for. It decides where the home page sends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An employee following a learning path.
    Learner,
    /// A trainer who authors curriculum packs.
    Trainer,
    /// A manager who checks the team's completion.
    Manager,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Learner, Role::Trainer, Role::Manager];

    /// The route each role starts from.
    pub fn home_path(self) -> &'static str {
        match self {
            Role::Learner => "/learn",
            Role::Trainer => "/studio",
            Role::Manager => "/team",
        }
    }
}

/// The UI languages with a complete message catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "zh-CN")]
    SimplifiedChinese,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::SimplifiedChinese];

    /// The BCP 47 tag, as used in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::SimplifiedChinese => "zh-CN",
        }
    }

    /// The language's own name, so that a reader of either language can find theirs.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::SimplifiedChinese => "简体中文",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// A language's own name for a BCP 47 tag (`"zh-CN"` → `"简体中文"`, `"en-GB"` → `"English"`),
    /// or the tag itself when there is no catalogue for it (`"nl"` → `"nl"`; `"zh-TW"` → `"zh-TW"`,
    /// since Traditional Chinese is not 简体中文).
    pub fn name_of(tag: &str) -> String {
        Language::from_tag(tag)
            .or_else(|| Language::from_tag(tag.split('-').next().unwrap_or_default()))
            .map(|l| l.native_name().to_owned())
            .unwrap_or_else(|| tag.to_owned())
    }

    /// Picks a catalogue language for a browser's preferred language list (e.g. `navigator.languages`).
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Language {
        for tag in preferred {
            let primary = tag.split('-').next().unwrap_or_default();
            if primary.eq_ignore_ascii_case("zh") {
                return Language::SimplifiedChinese;
            }
            if primary.eq_ignore_ascii_case("en") {
                return Language::English;
            }
        }
        Language::English
    }
}

/// The colour theme. `System` follows `prefers-color-scheme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemePreference {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemePreference {
    pub const ALL: [ThemePreference; 3] = [
        ThemePreference::System,
        ThemePreference::Light,
        ThemePreference::Dark,
    ];

    /// The value of `<html data-theme>`; `None` removes the attribute so the media query decides.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            ThemePreference::System => None,
            ThemePreference::Light => Some("light"),
            ThemePreference::Dark => Some("dark"),
        }
    }

    /// The theme a one-click toggle switches to, given what the screen shows now.
    pub fn toggled(self, system_is_dark: bool) -> ThemePreference {
        let showing_dark = match self {
            ThemePreference::System => system_is_dark,
            ThemePreference::Light => false,
            ThemePreference::Dark => true,
        };
        if showing_dark {
            ThemePreference::Light
        } else {
            ThemePreference::Dark
        }
    }
}

/// Everything Fluency remembers about the person at this browser. There is no account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Profile {
    pub display_name: String,
    pub role: Option<Role>,
    /// `None` until the visitor chooses; the browser's languages decide meanwhile.
    pub language: Option<Language>,
    pub theme: ThemePreference,
    /// The learning path: the role track after the Foundation. `None` until chosen.
    #[serde(default)]
    pub path: Option<Audience>,
}

impl Profile {
    /// Normalises a typed name: trims whitespace, collapses inner runs, drops control characters
    /// and caps the length.
    pub fn clean_name(input: &str) -> String {
        let mut cleaned = String::new();
        for word in input.split_whitespace() {
            if !cleaned.is_empty() {
                cleaned.push(' ');
            }
            cleaned.extend(word.chars().filter(|c| !c.is_control()));
        }
        cleaned.chars().take(MAX_NAME_CHARS).collect()
    }

    pub fn with_name(mut self, input: &str) -> Profile {
        self.display_name = Profile::clean_name(input);
        self
    }

    /// The language to show: the stored choice, or the browser's preference.
    pub fn effective_language<'a>(&self, browser: impl IntoIterator<Item = &'a str>) -> Language {
        self.language
            .unwrap_or_else(|| Language::negotiate(browser))
    }
}

impl Schema for Profile {
    const KEY: &'static str = "profile";
    /// 1: name, role, language, theme. 2: adds the learning path.
    const VERSION: u32 = 2;

    fn upgrade(from: u32, data: Value) -> Result<Value, String> {
        match (from, data) {
            (1, Value::Object(mut fields)) => {
                fields.insert("path".into(), Value::Null);
                Ok(Value::Object(fields))
            }
            (1, _) => Err("a version 1 profile must be an object".into()),
            (other, _) => Err(format!("no migration is defined from schema {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_named_in_itself_whatever_its_region() {
        let cases = [
            ("en", "English"),
            ("en-GB", "English"),
            ("zh-CN", "简体中文"),
            ("ZH-cn", "简体中文"),
            ("zh-TW", "zh-TW"),
            ("nl", "nl"),
            ("", ""),
        ];
        for (tag, name) in cases {
            assert_eq!(Language::name_of(tag), name, "{tag}");
        }
    }

    #[test]
    fn clean_name_table() {
        let cases = [
            ("  Ada   Lovelace ", "Ada Lovelace"),
            ("", ""),
            ("\u{0007}Bell\tName", "Bell Name"),
            ("李  雷", "李 雷"),
        ];
        for (input, want) in cases {
            assert_eq!(Profile::clean_name(input), want, "input {input:?}");
        }
        let long = "x".repeat(200);
        assert_eq!(Profile::clean_name(&long).chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn language_negotiation_table() {
        let cases: [(&[&str], Language); 5] = [
            (&["zh-CN", "en"], Language::SimplifiedChinese),
            (&["zh-TW"], Language::SimplifiedChinese),
            (&["nl-NL", "en-GB"], Language::English),
            (&["fr"], Language::English),
            (&[], Language::English),
        ];
        for (prefs, want) in cases {
            assert_eq!(
                Language::negotiate(prefs.iter().copied()),
                want,
                "{prefs:?}"
            );
        }
    }

    #[test]
    fn language_tags_round_trip() {
        for lang in Language::ALL {
            assert_eq!(Language::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Language::from_tag("de"), None);
    }

    #[test]
    fn theme_toggle_table() {
        let cases = [
            (ThemePreference::System, false, ThemePreference::Dark),
            (ThemePreference::System, true, ThemePreference::Light),
            (ThemePreference::Light, true, ThemePreference::Dark),
            (ThemePreference::Dark, false, ThemePreference::Light),
        ];
        for (from, system_dark, want) in cases {
            assert_eq!(from.toggled(system_dark), want);
        }
    }

    #[test]
    fn profile_serialises_with_stable_names() {
        let profile = Profile {
            display_name: "Mei".into(),
            role: Some(Role::Manager),
            language: Some(Language::SimplifiedChinese),
            theme: ThemePreference::Dark,
            path: Some(Audience::Technical),
        };
        let json = serde_json::to_string(&profile).unwrap();
        assert_eq!(
            json,
            r#"{"display_name":"Mei","role":"manager","language":"zh-CN","theme":"dark","path":"technical"}"#
        );
    }

    #[test]
    fn migrates_from_every_earlier_schema() {
        use crate::domain::schema::decode;
        let cases = [
            (
                r#"{"schema":1,"data":{"display_name":"Mei","role":"learner","language":"zh-CN","theme":"dark"}}"#,
                1,
            ),
            (
                r#"{"schema":2,"data":{"display_name":"Mei","role":"learner","language":"zh-CN","theme":"dark","path":null}}"#,
                2,
            ),
        ];
        for (raw, schema) in cases {
            let decoded = decode::<Profile>(raw).unwrap();
            assert_eq!(decoded.stored_schema, schema);
            assert_eq!(decoded.value.display_name, "Mei");
            assert_eq!(decoded.value.role, Some(Role::Learner));
            assert_eq!(decoded.value.path, None);
        }
        let broken = decode::<Profile>(r#"{"schema":1,"data":[1,2]}"#).unwrap_err();
        assert!(broken.to_string().contains("must be an object"), "{broken}");
    }
}

//! The interface text, in every language Fluency speaks.
//!
//! The text lives in locale files, `locales/<BCP 47 tag>.toml`, one per language: `en` is the
//! source, and every other file has exactly its keys. `build.rs` compiles them into a `Msg` enum and
//! one `match` per locale and section, and fails the build, naming file and key, when a locale
//! misses a key, adds one, or changes a `{parameter}`. Parameters are filled by [`format`]. Adding a
//! language is a new locale file and a [`Language`] variant (see `docs/translating.md`).
//!
//! Why generated code and not `leptos_i18n`: measured on this app's setup (Leptos 0.8, trunk
//! 0.21, wasm-opt -Oz), `leptos_i18n` 0.6 costs 33.4 KB gzip with its `csr` feature alone and 72 KB
//! with its defaults, against 11.8 KB for the same 42 messages as generated `match` code; the shell
//! has 150 KB in all. `docs/performance.md` has the figures.

use crate::domain::profile::Language;

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// The text of `msg` in `lang`.
///
/// The shell's messages (header, home, not-found page, storage notices) are compiled into the
/// first download. The rest live in the lazily loaded areas, which call [`load_area_messages`]
/// before they render; until then an area message reads as an empty string. A test checks that the
/// shell's source files use shell messages only.
pub fn text(lang: Language, msg: Msg) -> &'static str {
    shell_text(lang, msg).unwrap_or_else(|| area_text(lang, msg))
}

/// Whether `msg` is one of the shell's messages.
pub fn is_shell_message(msg: Msg) -> bool {
    shell_en(msg).is_some()
}

fn shell_text(lang: Language, msg: Msg) -> Option<&'static str> {
    shell_in(lang.tag(), msg)
}

type Lookup = fn(Language, Msg) -> &'static str;

/// The area messages, once an area has loaded them. Held as a function pointer so that the shell's
/// code never refers to the area strings and the build can move them out of the first download.
static AREA_MESSAGES: std::sync::OnceLock<Lookup> = std::sync::OnceLock::new();

/// Makes every message available. Code in the lazily loaded areas calls this before it renders.
pub fn load_area_messages() {
    let _ = AREA_MESSAGES.set(area_messages);
}

fn area_messages(lang: Language, msg: Msg) -> &'static str {
    areas_in(lang.tag(), msg)
}

fn area_text(lang: Language, msg: Msg) -> &'static str {
    AREA_MESSAGES.get().map_or("", |lookup| lookup(lang, msg))
}

/// Every message, wherever it lives, for tests.
#[cfg(test)]
fn full(lang: Language, msg: Msg) -> &'static str {
    shell_text(lang, msg).unwrap_or_else(|| area_messages(lang, msg))
}

/// The text of `msg` with each `{name}` replaced by its value. Values are often other people's
/// text (names, teams, titles); one that could change the direction of the sentence around it is
/// isolated first ([`crate::domain::identity::isolate_plain`]), so a right-to-left name or a stray
/// override reads as itself and leaves the rest of the message alone.
pub fn format(lang: Language, msg: Msg, args: &[(&str, &str)]) -> String {
    let mut out = text(lang, msg).to_owned();
    for (name, value) in args {
        out = out.replace(
            &format!("{{{name}}}"),
            &crate::domain::identity::isolate_plain(value),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            found.insert(rest[start + 1..start + len].to_owned());
            rest = &rest[start + len + 1..];
        }
        found
    }

    fn english(msg: Msg) -> &'static str {
        full(Language::English, msg)
    }

    fn chinese(msg: Msg) -> &'static str {
        full(Language::SimplifiedChinese, msg)
    }

    /// The minority variants `docs/glossary.zh-CN.md` §5 retired: the interface uses the same
    /// Chinese terms as the lessons.
    #[test]
    fn the_chinese_catalogue_uses_the_glossary_terms() {
        let retired = [
            ("课程路径", "学习方向"),
            ("情境", "情景"),
            ("知识检查", "知识检测"),
            ("先修模块", "前置模块"),
            ("分级测试", "定位题"),
            ("签发", "颁发"),
            ("验证链接", "核验链接"),
            ("参考来源", "资料来源"),
            ("经理", "管理者"),
        ];
        for &msg in Msg::ALL {
            for (old, new) in retired {
                assert!(
                    !chinese(msg).contains(old),
                    "{msg:?} says {old}; the glossary term is {new}"
                );
            }
        }
    }

    /// Each interface language has a locale file, and each locale file is a language the
    /// interface offers: a new file without a `Language` variant (or the reverse) is caught here.
    #[test]
    fn the_locale_files_are_the_interface_languages() {
        let offered: Vec<&str> = Language::ALL.iter().map(|l| l.tag()).collect();
        assert_eq!(LOCALES, offered.as_slice());
    }

    #[test]
    fn every_message_is_present_in_every_language_exactly_once() {
        for &msg in Msg::ALL {
            for lang in Language::ALL {
                assert!(
                    !full(lang, msg).trim().is_empty(),
                    "{msg:?} is empty in {lang:?}"
                );
                let shell = shell_text(lang, msg);
                let area = area_messages(lang, msg);
                assert!(
                    shell.is_some() == area.is_empty(),
                    "{msg:?} must be either a shell or an area message in {lang:?}"
                );
            }
            assert_eq!(
                shell_en(msg).is_some(),
                shell_zh_cn(msg).is_some(),
                "{msg:?} is a shell message in one language only"
            );
        }
    }

    #[test]
    fn area_messages_appear_once_the_areas_load_them() {
        load_area_messages();
        assert_eq!(text(Language::English, Msg::LearnTitle), "Learn");
        assert_eq!(
            text(Language::English, Msg::NotFoundTitle),
            "Page not found"
        );
    }

    /// The shell (everything outside the lazily loaded areas) may only use shell messages, or it
    /// would show empty text until an area loads.
    #[test]
    fn the_shell_uses_shell_messages_only() {
        let shell_sources = [
            ("app.rs", include_str!("app.rs")),
            ("components/header.rs", include_str!("components/header.rs")),
            (
                "components/notices.rs",
                include_str!("components/notices.rs"),
            ),
            (
                "components/page_title.rs",
                include_str!("components/page_title.rs"),
            ),
            ("pages/home.rs", include_str!("pages/home.rs")),
            ("pages/not_found.rs", include_str!("pages/not_found.rs")),
            ("state/i18n.rs", include_str!("state/i18n.rs")),
            ("state/notices.rs", include_str!("state/notices.rs")),
            ("state/profile.rs", include_str!("state/profile.rs")),
            ("state/updates.rs", include_str!("state/updates.rs")),
            ("storage.rs", include_str!("storage.rs")),
        ];
        let mut used = 0;
        for (file, source) in shell_sources {
            for (at, _) in source.match_indices("Msg::") {
                let name: String = source[at + 5..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                let msg = Msg::ALL
                    .iter()
                    .find(|m| format!("{m:?}") == name)
                    .unwrap_or_else(|| panic!("{file} uses unknown message {name}"));
                assert!(
                    is_shell_message(*msg),
                    "{file} uses {name}, which is not a shell message"
                );
                used += 1;
            }
        }
        assert!(used > 20, "found only {used} message uses in the shell");
    }

    #[test]
    fn chinese_is_translated_not_copied() {
        let same_on_purpose = [Msg::AppName, Msg::StatStreakDays];
        for &msg in Msg::ALL {
            if same_on_purpose.contains(&msg) {
                continue;
            }
            assert_ne!(
                english(msg),
                chinese(msg),
                "{msg:?} is not translated into Chinese"
            );
        }
    }

    #[test]
    fn both_languages_use_the_same_parameters() {
        for &msg in Msg::ALL {
            assert_eq!(
                placeholders(english(msg)),
                placeholders(chinese(msg)),
                "{msg:?} has different parameters"
            );
        }
    }

    #[test]
    fn parameters_that_could_turn_the_sentence_are_isolated() {
        load_area_messages();
        let cases = [
            ("Dana Reyes", "Dana Reyes was removed."),
            (
                "Dana Reyes\u{202E}",
                "\u{2068}Dana Reyes\u{202E}\u{2069} was removed.",
            ),
            ("ليلى", "\u{2068}ليلى\u{2069} was removed."),
        ];
        for (name, want) in cases {
            let text = format(Language::English, Msg::TeamRemoved, &[("name", name)]);
            assert_eq!(text, want, "{name:?}");
        }
    }

    #[test]
    fn format_fills_parameters() {
        load_area_messages();
        let cases = [
            (Language::English, "Unit 2 of 5"),
            (Language::SimplifiedChinese, "第 2 单元，共 5 个"),
        ];
        for (lang, want) in cases {
            assert_eq!(
                format(lang, Msg::LearnUnitOf, &[("n", "2"), ("total", "5")]),
                want
            );
        }
    }
}

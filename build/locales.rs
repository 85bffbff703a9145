//! Locale files (`locales/<tag>.toml`): parsing, checking against the source locale, and the Rust
//! code generated from them. Used by `build.rs`, and by `tests/locales.rs` to show that each
//! mistake a translator can make stops the build with a message naming file and key.

use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The locale every other is checked against.
pub const SOURCE: &str = "en";
/// The sections of a locale file: messages in the first download, and in the lazily loaded areas.
pub const SECTIONS: [&str; 2] = ["shell", "areas"];

/// One parsed locale file.
pub struct Locale {
    pub tag: String,
    /// Per section, `(key, text)` in file order.
    pub sections: Vec<Vec<(String, String)>>,
}

/// Parses one locale file: `tag` is its BCP 47 tag (the file's stem), `text` its contents.
/// Errors name the file and say what is wrong.
pub fn parse_locale(tag: &str, text: &str) -> Result<Locale, String> {
    let name = format!("locales/{tag}.toml");
    let tag = tag.to_owned();
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| format!("{name}: not valid TOML: {e}"))?;
    let mut sections = Vec::new();
    for key in table.keys() {
        if !SECTIONS.contains(&key.as_str()) {
            return Err(format!(
                "{name}: [{key}] is not a section; the sections are [shell] and [areas]"
            ));
        }
    }
    for section in SECTIONS {
        let Some(values) = table.get(section).and_then(|v| v.as_table()) else {
            return Err(format!("{name}: the [{section}] section is missing"));
        };
        let mut messages = Vec::new();
        for (key, value) in values {
            let Some(text) = value.as_str() else {
                return Err(format!("{name}: [{section}] {key} is not a string"));
            };
            if !is_identifier(key) {
                return Err(format!(
                    "{name}: [{section}] {key} is not a key: keys are Msg variant names (letters and digits, starting with a capital)"
                ));
            }
            if text.trim().is_empty() {
                return Err(format!("{name}: [{section}] {key} is empty"));
            }
            messages.push((key.clone(), text.to_owned()));
        }
        sections.push(messages);
    }
    Ok(Locale { tag, sections })
}

fn is_identifier(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_uppercase())
        && key.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The `{name}` parameters of a text. A brace not followed by a lowercase name and `}` is text.
pub fn parameters(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        if let Some(end) = rest.find('}') {
            let name = &rest[..end];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                found.insert(name);
            }
        }
    }
    found
}

/// Everything in which `other` disagrees with the source locale, one message per problem.
pub fn compare(source: &Locale, other: &Locale) -> Vec<String> {
    let mut problems = Vec::new();
    let file = format!("locales/{}.toml", other.tag);
    for (i, section) in SECTIONS.iter().enumerate() {
        let theirs: std::collections::BTreeMap<&str, &str> = other.sections[i]
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let ours: BTreeSet<&str> = source.sections[i].iter().map(|(k, _)| k.as_str()).collect();
        for (key, text) in &source.sections[i] {
            match theirs.get(key.as_str()) {
                None => {
                    let elsewhere = other.sections[1 - i].iter().any(|(k, _)| k == key);
                    problems.push(if elsewhere {
                        format!("{file}: {key} belongs in [{section}], as in locales/{SOURCE}.toml")
                    } else {
                        format!("{file}: [{section}] {key} is missing")
                    });
                }
                Some(translated) => {
                    let (want, got) = (parameters(text), parameters(translated));
                    if want != got {
                        problems.push(format!(
                            "{file}: [{section}] {key} has parameters {got:?}; locales/{SOURCE}.toml has {want:?}"
                        ));
                    }
                }
            }
        }
        for key in theirs.keys() {
            let in_source_elsewhere = source.sections[1 - i].iter().any(|(k, _)| k == key);
            if !ours.contains(key) && !in_source_elsewhere {
                problems.push(format!(
                    "{file}: [{section}] {key} is not in locales/{SOURCE}.toml (add it there first, or remove it)"
                ));
            }
        }
    }
    problems
}

/// A Rust string literal for `text`.
fn literal(text: &str) -> String {
    format!("{text:?}")
}

fn function_suffix(tag: &str) -> String {
    tag.to_ascii_lowercase().replace('-', "_")
}

/// The Rust source of the catalogue: `Msg`, `Msg::ALL`, `LOCALES`, and the lookups per locale.
pub fn generate(locales: &[Locale]) -> String {
    let source = &locales[0];
    let mut out = String::from("// Generated by build.rs from locales/*.toml. Do not edit.\n\n");
    out.push_str("/// A key in the message catalogue (`locales/*.toml`). Each variant's doc is its English text.\n");
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum Msg {\n");
    for section in &source.sections {
        for (key, text) in section {
            let doc = text.replace('\n', " ");
            let _ = writeln!(out, "    #[doc = {}]\n    {key},", literal(&doc));
        }
    }
    out.push_str("}\n\nimpl Msg {\n    /// Every key, for tests that walk the whole catalogue.\n    pub const ALL: &'static [Msg] = &[\n");
    for section in &source.sections {
        for (key, _) in section {
            let _ = writeln!(out, "        Msg::{key},");
        }
    }
    out.push_str("    ];\n}\n\n/// The BCP 47 tags of the locale files, the source (`en`) first.\npub const LOCALES: &[&str] = &[");
    out.push_str(
        &locales
            .iter()
            .map(|l| literal(&l.tag))
            .collect::<Vec<_>>()
            .join(", "),
    );
    out.push_str("];\n");
    for locale in locales {
        let suffix = function_suffix(&locale.tag);
        let _ = writeln!(
            out,
            "\n/// The shell's messages in `{}`.\n#[allow(clippy::too_many_lines)]\nfn shell_{suffix}(msg: Msg) -> Option<&'static str> {{\n    match msg {{",
            locale.tag
        );
        for (key, text) in &locale.sections[0] {
            let _ = writeln!(out, "        Msg::{key} => Some({}),", literal(text));
        }
        out.push_str("        _ => None,\n    }\n}\n");
        let _ = writeln!(
            out,
            "\n/// The areas' messages in `{}`.\n#[allow(clippy::too_many_lines)]\nfn areas_{suffix}(msg: Msg) -> &'static str {{\n    match msg {{",
            locale.tag
        );
        for (key, text) in &locale.sections[1] {
            let _ = writeln!(out, "        Msg::{key} => {},", literal(text));
        }
        out.push_str("        _ => \"\",\n    }\n}\n");
    }
    // Lookups by tag: the source's text for a tag without a locale file.
    out.push_str("\n/// The shell's text of `msg` in the locale `tag`; `None` for an area message.\nfn shell_in(tag: &str, msg: Msg) -> Option<&'static str> {\n    match tag {\n");
    for locale in &locales[1..] {
        let _ = writeln!(
            out,
            "        {} => shell_{}(msg),",
            literal(&locale.tag),
            function_suffix(&locale.tag)
        );
    }
    let _ = writeln!(
        out,
        "        _ => shell_{}(msg),\n    }}\n}}",
        function_suffix(SOURCE)
    );
    out.push_str("\n/// The areas' text of `msg` in the locale `tag`; empty for a shell message.\nfn areas_in(tag: &str, msg: Msg) -> &'static str {\n    match tag {\n");
    for locale in &locales[1..] {
        let _ = writeln!(
            out,
            "        {} => areas_{}(msg),",
            literal(&locale.tag),
            function_suffix(&locale.tag)
        );
    }
    let _ = writeln!(
        out,
        "        _ => areas_{}(msg),\n    }}\n}}",
        function_suffix(SOURCE)
    );
    out
}

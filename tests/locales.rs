//! The locale files' rules, as `build.rs` applies them: each mistake a translator can make in a
//! copy of the shipped files stops the build with a message that names the file and the key, and the
//! shipped files themselves have none.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../build/locales.rs"]
#[allow(dead_code)]
mod locales;

use locales::{compare, generate, parameters, parse_locale, Locale};

fn shipped(tag: &str) -> String {
    std::fs::read_to_string(format!("locales/{tag}.toml")).unwrap()
}

fn source() -> Locale {
    parse_locale("en", &shipped("en")).unwrap()
}

/// The Chinese file with `edit` applied to its text, checked against the source.
fn problems_after(edit: impl Fn(&str) -> String) -> Result<Vec<String>, String> {
    let edited = edit(&shipped("zh-CN"));
    let zh = parse_locale("zh-CN", &edited)?;
    Ok(compare(&source(), &zh))
}

#[test]
fn the_shipped_locales_agree_with_the_source() {
    assert_eq!(problems_after(|t| t.to_owned()), Ok(vec![]));
}

/// The text without the line that defines `key`.
fn drop_line(key: &'static str) -> impl Fn(&str) -> String {
    move |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with(&format!("{key} = ")))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[test]
fn each_mistake_is_named_with_its_file_and_key() {
    // (what the translator did, the edit, the message expected)
    type Edit = Box<dyn Fn(&str) -> String>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "a key left out",
            Box::new(drop_line("XapiTitle")),
            "locales/zh-CN.toml: [areas] XapiTitle is missing",
        ),
        (
            "a key the source does not have",
            Box::new(|t: &str| t.replacen("[areas]\n", "[areas]\nXapiTitel = \"学习记录\"\n", 1)),
            "locales/zh-CN.toml: [areas] XapiTitel is not in locales/en.toml (add it there first, or remove it)",
        ),
        (
            "a parameter translated",
            Box::new(|t: &str| t.replace("{org} 希望接收", "{组织} 希望接收")),
            "locales/zh-CN.toml: [areas] XapiAsked has parameters {}; locales/en.toml has {\"org\"}",
        ),
        (
            "a parameter misspelt",
            Box::new(|t: &str| t.replace("{org} 希望接收", "{orgs} 希望接收")),
            "locales/zh-CN.toml: [areas] XapiAsked has parameters {\"orgs\"}; locales/en.toml has {\"org\"}",
        ),
        (
            "a shell message moved to the areas",
            Box::new(|t: &str| {
                let line = t.lines().find(|l| l.starts_with("AppName = ")).unwrap().to_owned();
                drop_line("AppName")(t).replacen("[areas]\n", &format!("[areas]\n{line}\n"), 1)
            }),
            "locales/zh-CN.toml: AppName belongs in [shell], as in locales/en.toml",
        ),
    ];
    for (what, edit, expected) in cases {
        let problems = problems_after(edit).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(
            problems.iter().any(|p| p == expected),
            "{what}: expected {expected:?}, got {problems:?}"
        );
    }
}

#[test]
fn a_file_that_cannot_be_read_is_refused_with_its_name() {
    let cases = [
        (
            "XapiTitle = \"unclosed",
            "locales/zh-CN.toml: not valid TOML",
        ),
        (
            "[shell]\nAppName = \"Fluency\"\n",
            "locales/zh-CN.toml: the [areas] section is missing",
        ),
        (
            "[shell]\n[areas]\n[extra]\n",
            "locales/zh-CN.toml: [extra] is not a section",
        ),
        (
            "[shell]\nAppName = 3\n[areas]\n",
            "locales/zh-CN.toml: [shell] AppName is not a string",
        ),
        (
            "[shell]\nAppName = \"  \"\n[areas]\n",
            "locales/zh-CN.toml: [shell] AppName is empty",
        ),
        (
            "[shell]\napp_name = \"Fluency\"\n[areas]\n",
            "locales/zh-CN.toml: [shell] app_name is not a key",
        ),
    ];
    for (text, expected) in cases {
        match parse_locale("zh-CN", text) {
            Ok(_) => panic!("{text:?} was accepted"),
            Err(message) => assert!(message.starts_with(expected), "{text:?}: {message}"),
        }
    }
}

#[test]
fn parameters_are_lowercase_names_in_braces_and_other_braces_are_text() {
    let cases: [(&str, &[&str]); 5] = [
        ("Hello {name}", &["name"]),
        ("{done} of {total}", &["done", "total"]),
        ("A pack file is one JSON object that starts with {.", &[]),
        ("{Name} and { spaced }", &[]),
        ("{a}{a}", &["a"]),
    ];
    for (text, expected) in cases {
        let found: Vec<&str> = parameters(text).into_iter().collect();
        assert_eq!(found, expected, "{text}");
    }
}

#[test]
fn the_generated_catalogue_has_every_key_once_and_each_locale_a_lookup() {
    let locales = vec![source(), parse_locale("zh-CN", &shipped("zh-CN")).unwrap()];
    let code = generate(&locales);
    let keys = locales[0].sections.iter().map(Vec::len).sum::<usize>();
    assert_eq!(
        code.matches("        Msg::").count(),
        keys * 3,
        "in ALL, then once per locale"
    );
    for function in [
        "fn shell_en(",
        "fn areas_en(",
        "fn shell_zh_cn(",
        "fn areas_zh_cn(",
        "fn shell_in(",
        "fn areas_in(",
    ] {
        assert_eq!(code.matches(function).count(), 1, "{function}");
    }
    assert!(code.contains("pub const LOCALES: &[&str] = &[\"en\", \"zh-CN\"];"));
}

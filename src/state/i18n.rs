//! The current UI language, and short-hands to look up catalogue text reactively.

use leptos::prelude::*;

use crate::domain::profile::Language;
use crate::i18n::{self, Msg};

#[derive(Clone, Copy)]
pub struct I18n {
    pub language: Memo<Language>,
}

impl I18n {
    /// Catalogue text; reading it inside a reactive closure re-renders on language change.
    pub fn t(&self, msg: Msg) -> &'static str {
        i18n::text(self.language.get(), msg)
    }

    pub fn f(&self, msg: Msg, args: &[(&str, &str)]) -> String {
        i18n::format(self.language.get(), msg, args)
    }

    /// Catalogue text as a signal for views. Every call site shares this one closure type, which
    /// keeps the wasm small: a `move ||` closure per message would be compiled once per message.
    pub fn s(&self, msg: Msg) -> Signal<&'static str> {
        let this = *self;
        Signal::derive(move || this.t(msg))
    }

    /// Formatted catalogue text as a signal, with the values for its `{name}` parameters.
    pub fn sf(&self, msg: Msg, args: Vec<(&'static str, String)>) -> Signal<String> {
        let this = *self;
        Signal::derive(move || {
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            this.f(msg, &args)
        })
    }
}

pub fn provide_i18n_context(language: Memo<Language>) -> I18n {
    let i18n = I18n { language };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The browser's preferred languages, best first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

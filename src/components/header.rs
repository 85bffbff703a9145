//! The site header: brand, the three areas, language and theme.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::profile::Language;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::profile::{system_prefers_dark, use_profile};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/" attr:class="brand">
                    <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                        <rect width="32" height="32" rx="9" class="brand-mark-bg"/>
                        <path d="M10 23V9h12M10 16h9" class="brand-mark-f"/>
                    </svg>
                    <span>{i18n.s(Msg::AppName)}</span>
                </A>
                <nav class="primary-nav" aria-label=i18n.s(Msg::NavMain)>
                    <ul>
                        <li><A href="/learn">{i18n.s(Msg::NavLearn)}</A></li>
                        <li><A href="/studio">{i18n.s(Msg::NavStudio)}</A></li>
                        <li><A href="/team">{i18n.s(Msg::NavTeam)}</A></li>
                    </ul>
                </nav>
                <div class="header-tools">
                    <LanguageSelect/>
                    <ThemeToggle/>
                    <A href="/profile" attr:class="profile-link">
                        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="icon">
                            <circle cx="12" cy="8" r="4"/>
                            <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/>
                        </svg>
                        <span class="profile-label">{i18n.s(Msg::NavProfile)}</span>
                    </A>
                </div>
            </div>
        </header>
    }
}

#[component]
fn LanguageSelect() -> impl IntoView {
    let i18n = use_i18n();
    let profile = use_profile();
    view! {
        <label class="visually-hidden" for="language-select">{i18n.s(Msg::LanguageLabel)}</label>
        <select
            id="language-select"
            class="select compact"
            on:change=move |ev| {
                if let Some(lang) = Language::from_tag(&event_target_value(&ev)) {
                    profile.update(|p| p.language = Some(lang));
                }
            }
        >
            {Language::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <option
                            value=lang.tag()
                            lang=lang.tag()
                            selected=move || i18n.language.get() == lang
                        >
                            {lang.native_name()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn ThemeToggle() -> impl IntoView {
    let i18n = use_i18n();
    let profile = use_profile();
    // Which theme the screen shows now decides what the button offers.
    let showing_dark = move || {
        use crate::domain::profile::ThemePreference as T;
        match profile.with(|p| p.theme) {
            T::System => system_prefers_dark(),
            T::Light => false,
            T::Dark => true,
        }
    };
    let label = move || {
        if showing_dark() {
            i18n.t(Msg::ThemeToggleToLight)
        } else {
            i18n.t(Msg::ThemeToggleToDark)
        }
    };
    view! {
        <button
            type="button"
            class="icon-button"
            aria-label=label
            title=label
            on:click=move |_| {
                let dark = system_prefers_dark();
                profile.update(|p| p.theme = p.theme.toggled(dark));
            }
        >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="icon">
                <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z"/>
            </svg>
        </button>
    }
}

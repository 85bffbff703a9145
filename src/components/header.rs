//! The site header: brand, the three areas, language and theme.

use leptos::prelude::*;

use crate::domain::profile::Language;
use crate::i18n::Msg;
use crate::site::Area;
use crate::state::i18n::use_i18n;
use crate::state::nav::use_nav;
use crate::state::profile::{system_prefers_dark, use_profile};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let nav = use_nav();
    // Marks the link to the area being shown, as the header's current page.
    let current = move |area: Area| move || (nav.area() == Some(area)).then_some("page");
    view! {
        <header class="site-header">
            <div class="bar">
                <a href="/" class="brand" aria-current=current(Area::Home)>
                    <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                        <rect width="32" height="32" rx="9" class="brand-mark-bg"/>
                        <path d="M10 23V9h12M10 16h9" class="brand-mark-f"/>
                    </svg>
                    <span>{i18n.s(Msg::AppName)}</span>
                </a>
                <nav class="primary-nav" aria-label=i18n.s(Msg::NavMain)>
                    <ul>
                        <li><a href="/learn" aria-current=current(Area::Learn)>{i18n.s(Msg::NavLearn)}</a></li>
                        <li><a href="/studio" aria-current=current(Area::Studio)>{i18n.s(Msg::NavStudio)}</a></li>
                        <li><a href="/team" aria-current=current(Area::Team)>{i18n.s(Msg::NavTeam)}</a></li>
                    </ul>
                </nav>
                <div class="header-tools">
                    <LanguageSelect/>
                    <ThemeToggle/>
                    <a href="/profile" class="profile-link" aria-current=current(Area::Profile)>
                        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="icon">
                            <circle cx="12" cy="8" r="4"/>
                            <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/>
                        </svg>
                        <span class="profile-label">{i18n.s(Msg::NavProfile)}</span>
                    </a>
                </div>
            </div>
        </header>
    }
}

/// The language menu. In the page's first frame only the language in use is named: each language
/// is named in its own script ("简体中文" on an English page), and laying out a script the page's
/// font lacks makes the browser search the system's fonts for one that has it. On the first frame
/// of the English home page that search was most of the frame's cost (about 60 ms at 4x CPU,
/// docs/performance.md). The other names wait in `data-name`, and the boot script writes them in
/// once that frame has been drawn (tools/boot.mjs, 4c), before anyone can open the menu.
#[component]
fn LanguageSelect() -> impl IntoView {
    let i18n = use_i18n();
    let profile = use_profile();
    let first = i18n.language.get_untracked();
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
                            data-name=lang.native_name()
                        >
                            {if lang == first { lang.native_name() } else { "" }}
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

//! The profile page: name, role, language, theme, backups, storage and learning records.

pub mod records;

use leptos::prelude::*;

use crate::components::backup::BackupPanel;
use crate::components::page_title::PageTitle;
use crate::components::safekeeping::StorageDurability;
use crate::domain::profile::{Language, Profile, Role, ThemePreference, MAX_NAME_CHARS};
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::profile::use_profile;
use crate::storage;

fn role_msg(role: Role) -> Msg {
    match role {
        Role::Learner => Msg::RoleLearner,
        Role::Trainer => Msg::RoleTrainer,
        Role::Manager => Msg::RoleManager,
    }
}

fn theme_msg(theme: ThemePreference) -> Msg {
    match theme {
        ThemePreference::System => Msg::ThemeSystem,
        ThemePreference::Light => Msg::ThemeLight,
        ThemePreference::Dark => Msg::ThemeDark,
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let profile = use_profile();

    let roles = Role::ALL
        .into_iter()
        .map(|role| {
            choice(
                "role",
                format!("role-{role:?}").to_lowercase(),
                i18n.s(role_msg(role)),
                None,
                move |p| p.role == Some(role),
                move |p| p.role = Some(role),
            )
        })
        .collect_view();

    let languages = [
        None,
        Some(Language::English),
        Some(Language::SimplifiedChinese),
    ]
    .into_iter()
    .map(|value| {
        let label = Signal::derive(move || match value {
            Some(lang) => lang.native_name(),
            None => i18n.t(Msg::ProfileLanguageAuto),
        });
        let id = value.map_or("language-auto".to_owned(), |l| {
            format!("language-{}", l.tag().to_lowercase())
        });
        choice(
            "language",
            id,
            label,
            value.map(Language::tag),
            move |p| p.language == value,
            move |p| p.language = value,
        )
    })
    .collect_view();

    let themes = ThemePreference::ALL
        .into_iter()
        .map(|theme| {
            choice(
                "theme",
                format!("theme-{theme:?}").to_lowercase(),
                i18n.s(theme_msg(theme)),
                None,
                move |p| p.theme == theme,
                move |p| p.theme = theme,
            )
        })
        .collect_view();

    let backups = storage::backup_keys();
    let health = storage::health();

    view! {
        <section class="page narrow">
            <header class="page-header">
                <PageTitle text=i18n.sf(Msg::ProfileTitle, vec![])/>
                <p class="lead">{i18n.s(Msg::ProfileIntro)}</p>
            </header>
            <form class="card form" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="display-name">{i18n.s(Msg::ProfileName)}</label>
                    <input
                        id="display-name"
                        type="text"
                        autocomplete="name"
                        maxlength=MAX_NAME_CHARS.to_string()
                        aria-describedby="display-name-hint"
                        prop:value=move || profile.with(|p| p.display_name.clone())
                        on:input=move |ev| {
                            let typed: String = event_target_value(&ev).chars().take(MAX_NAME_CHARS).collect();
                            profile.update(|p| p.display_name = typed);
                        }
                        on:blur=move |_| profile.update(|p| p.display_name = Profile::clean_name(&p.display_name))
                    />
                    <p class="hint" id="display-name-hint">{i18n.s(Msg::ProfileNameHint)}</p>
                </div>
                <fieldset class="field">
                    <legend>{i18n.s(Msg::ProfileRole)}</legend>
                    <div class="choices">{roles}</div>
                </fieldset>
                <fieldset class="field">
                    <legend>{i18n.s(Msg::ProfileLanguage)}</legend>
                    <div class="choices">{languages}</div>
                </fieldset>
                <fieldset class="field">
                    <legend>{i18n.s(Msg::ProfileTheme)}</legend>
                    <div class="choices">{themes}</div>
                </fieldset>
                <p class="saved-state" role="status">
                    {move || (profile.saves() > 0).then(|| i18n.t(Msg::ProfileSaved))}
                </p>
            </form>
            <records::RecordsPanel/>
            <BackupPanel/>
            <section class="card quiet" aria-labelledby="storage-heading">
                <h2 id="storage-heading">{i18n.s(Msg::ProfileStorageTitle)}</h2>
                <p>
                    {move || i18n.t(match health {
                        storage::Health::Persistent => Msg::ProfileStoragePersistent,
                        storage::Health::Full => Msg::ProfileStorageFull,
                        storage::Health::MemoryOnly => Msg::ProfileStorageMemory,
                    })}
                </p>
                <StorageDurability/>
                <h3>{i18n.s(Msg::ProfileBackupsTitle)}</h3>
                {if backups.is_empty() {
                    view! { <p class="muted">{i18n.s(Msg::ProfileBackupsNone)}</p> }.into_any()
                } else {
                    let items = backups.iter().map(|k| view! { <li><code>{k.clone()}</code></li> }).collect_view();
                    view! {
                        <p>{i18n.s(Msg::ProfileBackupsSome)}</p>
                        <ul class="plain">{items}</ul>
                    }
                    .into_any()
                }}
            </section>
        </section>
    }
}

/// One pill of a radio group that edits the profile.
fn choice(
    name: &'static str,
    id: String,
    label: Signal<&'static str>,
    lang: Option<&'static str>,
    chosen: impl Fn(&Profile) -> bool + Send + Sync + 'static,
    pick: impl Fn(&mut Profile) + 'static,
) -> impl IntoView {
    let profile = use_profile();
    view! {
        <div class="choice">
            <input
                type="radio"
                name=name
                id=id.clone()
                prop:checked=move || profile.with(&chosen)
                on:change=move |_| profile.update(&pick)
            />
            <label for=id lang=lang>{label}</label>
        </div>
    }
}

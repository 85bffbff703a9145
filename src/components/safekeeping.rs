//! What the Profile page says about keeping the learner's data: the last backup and the automatic
//! backup file (inside the backup card), and whether the browser may clear the data, how much
//! space it uses, and how installing protects it (in the storage card).

use leptos::prelude::*;

use crate::domain::calendar::local_date;
use crate::domain::safekeeping::format_bytes;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::progress::LocalZone;
use crate::state::safekeeping::{use_safekeeping, FileState};
use crate::storage;

/// The last backup, and the automatic backup file where the browser supports one.
#[component]
pub fn BackupStatus() -> impl IntoView {
    let i18n = use_i18n();
    let safekeeping = use_safekeeping();
    let last = move || match safekeeping.with(|k| k.last_backup_at) {
        Some(at) => i18n.f(
            Msg::BackupLast,
            &[("date", &local_date(at, &LocalZone).iso())],
        ),
        None => i18n.t(Msg::BackupNever).to_owned(),
    };
    let name = move || safekeeping.with(|k| k.auto_file_name().unwrap_or_default().to_owned());
    let file = move || {
        match safekeeping.file() {
        FileState::Checking => None,
        FileState::Unsupported => Some(
            view! { <p class="muted">{i18n.s(Msg::AutoFileUnsupported)}</p> }.into_any(),
        ),
        FileState::Off => Some(
            view! {
                <p>{i18n.s(Msg::AutoFileIntro)}</p>
                <div class="actions">
                    <button type="button" class="button secondary" on:click=move |_| safekeeping.choose_file()>
                        {i18n.s(Msg::AutoFileChoose)}
                    </button>
                </div>
            }
            .into_any(),
        ),
        FileState::Active { written_at } => {
            let written = written_at.map(|at| {
                let time = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64))
                    .to_locale_time_string(i18n.language.get().tag())
                    .as_string()
                    .unwrap_or_default();
                i18n.f(Msg::AutoFileWritten, &[("time", &time)])
            });
            Some(
                view! {
                    <p>{i18n.f(Msg::AutoFileActive, &[("name", &name())])}</p>
                    {written.map(|text| view! { <p class="meta" data-testid="auto-file-written">{text}</p> })}
                    <div class="actions">
                        <button type="button" class="button secondary small" on:click=move |_| safekeeping.stop_file()>
                            {i18n.s(Msg::AutoFileStop)}
                        </button>
                    </div>
                }
                .into_any(),
            )
        }
        FileState::Lapsed => Some(
            view! {
                <p>{i18n.f(Msg::AutoFileLapsed, &[("name", &name())])}</p>
                <div class="actions">
                    <button type="button" class="button primary small" on:click=move |_| safekeeping.grant_file()>
                        {i18n.s(Msg::AutoFileGrant)}
                    </button>
                    <button type="button" class="button secondary small" on:click=move |_| safekeeping.stop_file()>
                        {i18n.s(Msg::AutoFileStop)}
                    </button>
                </div>
            }
            .into_any(),
        ),
        FileState::Failed(reason) => Some(
            view! {
                <p class="notice error" role="alert">{i18n.f(Msg::AutoFileFailed, &[("reason", &reason)])}</p>
                <div class="actions">
                    <button type="button" class="button secondary small" on:click=move |_| safekeeping.choose_file()>
                        {i18n.s(Msg::AutoFileChoose)}
                    </button>
                </div>
            }
            .into_any(),
        ),
    }
    };
    view! {
        <p class="meta" data-testid="last-backup">{last}</p>
        <h3>{i18n.s(Msg::AutoFileTitle)}</h3>
        {file}
    }
}

/// Whether the browser may clear Fluency's data, the space it uses, and how installing helps.
#[component]
pub fn StorageDurability() -> impl IntoView {
    let i18n = use_i18n();
    let safekeeping = use_safekeeping();
    let usage = LocalResource::new(storage::estimate);
    // Asked from here: a refusal is said here, beside the button, where the learner is looking,
    // once the browser has answered.
    let refused = RwSignal::new(false);
    let state = move || {
        match safekeeping.persisted() {
        None => None,
        Some(true) => Some(
            view! { <p class="durable" data-testid="durability">{i18n.s(Msg::StorageDurable)}</p> }
                .into_any(),
        ),
        Some(false) => Some(
            view! {
                <p data-testid="durability">{i18n.s(Msg::StorageMayClear)}</p>
                <div class="actions">
                    <button type="button" class="button secondary small" on:click=move |_| {
                        refused.set(false);
                        safekeeping.ask_persist_here(move |answer| refused.set(answer == Some(false)));
                    }>
                        {i18n.s(Msg::StorageAskPersist)}
                    </button>
                </div>
                <p class="meta" role="status" data-testid="persist-answer">
                    {move || refused.get().then(|| i18n.t(Msg::PersistDeniedHere))}
                </p>
            }
            .into_any(),
        ),
    }
    };
    let space = move || {
        let (used, quota) = usage.get().flatten()?;
        Some(view! {
            <p class="meta">
                {i18n.f(Msg::StorageUsage, &[("used", &format_bytes(used)), ("available", &format_bytes(quota))])}
            </p>
        })
    };
    view! {
        {state}
        {space}
        <h3>{i18n.s(Msg::InstallTitle)}</h3>
        <p>{i18n.s(Msg::InstallSafari)}</p>
        <p>{i18n.s(Msg::InstallOther)}</p>
    }
}

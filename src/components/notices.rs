//! The list of app-wide notices, announced to assistive technology as they appear.

use leptos::prelude::*;

use crate::i18n;
use crate::state::i18n::use_i18n;
use crate::state::notices::{use_notices, Notice, Tone};
use crate::storage;

#[component]
pub fn NoticeList() -> impl IntoView {
    let notices = use_notices();
    view! {
        <div class="notices" role="region" aria-label="Notices" aria-live="polite">
            <For each=move || notices.list() key=|n| n.id let:notice>
                <NoticeCard notice=notice/>
            </For>
        </div>
    }
}

#[component]
fn NoticeCard(notice: Notice) -> impl IntoView {
    let notices = use_notices();
    let i18n = use_i18n();
    let id = notice.id;
    let message = notice.message;
    let args = notice.args.clone();
    let text = move || {
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        i18n::format(i18n.language.get(), message, &args)
    };
    let role = if notice.tone == Tone::Error {
        "alert"
    } else {
        "status"
    };
    let download = notice.download.clone().map(|file| {
        view! {
            <button
                type="button"
                class="button secondary small"
                on:click=move |_| {
                    if let Err(error) = storage::download_text(&file.file_name, "text/plain", &file.contents) {
                        leptos::logging::warn!("download failed: {error}");
                    }
                }
            >
                {i18n.s(i18n::Msg::NoticeDownloadOriginal)}
            </button>
        }
    });
    let action = notice.action.map(|action| {
        view! {
            <button
                type="button"
                class="button primary small"
                on:click=move |_| {
                    notices.dismiss(id);
                    (action.run)();
                }
            >
                {i18n.s(action.label)}
            </button>
        }
    });
    let on_dismiss = notice.on_dismiss;
    view! {
        <div class=format!("notice {}", notice.tone.as_str()) role=role>
            <p>{text}</p>
            <div class="notice-actions">
                {download}
                {action}
                <button type="button" class="button ghost small" on:click=move |_| {
                    notices.dismiss(id);
                    if let Some(hook) = on_dismiss {
                        hook();
                    }
                }>
                    {i18n.s(i18n::Msg::Dismiss)}
                </button>
            </div>
        </div>
    }
}

//! `/learn/open`: a learner opens a pack a trainer sent (a file) or one the site lists in its pack
//! manifest. The pack is validated first; its progress is kept separately, under its pack id.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::preview::PackView;
use crate::components::page_title::PageTitle;
use crate::domain::manifest::{is_local_pack_path, Manifest, MANIFEST_URL};
use crate::domain::pack::{Pack, MAX_PACK_BYTES};
use crate::domain::validate::validate;
use crate::i18n::Msg;
use crate::state::curriculum::{fetch_pack_text, fetch_text};
use crate::state::i18n::use_i18n;
use crate::state::notices::Notices;
use crate::state::progress::provide_progress_context;

#[derive(Clone, PartialEq)]
enum Opened {
    Refused(String),
    Ready(Arc<Pack>),
}

fn accept(text: &str, i18n: crate::state::i18n::I18n) -> Opened {
    match Pack::from_json(text) {
        Err(e) => Opened::Refused(crate::pages::studio::home::pack_parse_message(i18n, &e)),
        Ok(pack) => {
            let report = validate(&pack);
            let first = report.errors().next().map(|p| p.to_string());
            match first {
                Some(first) => {
                    let count = report.errors().count().to_string();
                    Opened::Refused(i18n.f(
                        Msg::StudioOpenRefused,
                        &[("count", count.as_str()), ("first", first.as_str())],
                    ))
                }
                None => Opened::Ready(Arc::new(pack)),
            }
        }
    }
}

#[component]
pub fn OpenPackPage() -> impl IntoView {
    let i18n = use_i18n();
    let opened = RwSignal::new(None::<Opened>);
    let manifest = LocalResource::new(|| async {
        let text = fetch_text(MANIFEST_URL).await?;
        Manifest::from_json(&text)
    });
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        if file.size() > MAX_PACK_BYTES as f64 {
            let kb = ((file.size() / 1024.0).ceil() as u64).to_string();
            let limit = (MAX_PACK_BYTES / 1024).to_string();
            opened.set(Some(Opened::Refused(i18n.f(
                Msg::StudioFileTooLarge,
                &[("size", kb.as_str()), ("limit", limit.as_str())],
            ))));
            return;
        }
        spawn_local(async move {
            let outcome = match crate::storage::read_file_text(&file).await {
                Some(text) => accept(&text, i18n),
                None => Opened::Refused(i18n.t(Msg::StudioFileUnreadable).to_owned()),
            };
            opened.set(Some(outcome));
        });
    };
    let open_listed = move |url: String| {
        spawn_local(async move {
            let outcome = match fetch_pack_text(&url).await {
                Ok(text) => accept(&text, i18n),
                Err(reason) => Opened::Refused(reason),
            };
            opened.set(Some(outcome));
        });
    };
    let listed = move || {
        manifest.get().map(|result| match result {
            Ok(manifest) => manifest
                .packs
                .into_iter()
                .filter(|entry| is_local_pack_path(&entry.url))
                .map(|entry| {
                    let url = entry.url.clone();
                    let label = i18n.sf(Msg::StudioOpenListed, vec![("title", entry.title.clone())]);
                    view! {
                        <li>
                            <button type="button" class="button secondary small" data-pack=entry.id on:click=move |_| open_listed(url.clone())>
                                {label}
                            </button>
                        </li>
                    }
                })
                .collect_view()
                .into_any(),
            Err(_) => ().into_any(),
        })
    };
    let shown = move || {
        opened.get().map(|o| match o {
            Opened::Refused(message) => {
                view! { <p class="notice error" role="alert">{message}</p> }.into_any()
            }
            Opened::Ready(pack) => view! { <OpenedPack pack/> }.into_any(),
        })
    };
    view! {
        <section class="page">
            <header class="page-header">
                <PageTitle text=i18n.sf(Msg::StudioOpenTitle, vec![])/>
                <p class="lead">{i18n.s(Msg::StudioOpenIntro)}</p>
            </header>
            <div class="two-col">
                <section class="card" aria-labelledby="open-file-heading">
                    <h2 id="open-file-heading">{i18n.s(Msg::StudioOpenFileTitle)}</h2>
                    <div class="field">
                        <label for="open-pack-file">{i18n.s(Msg::StudioChooseFile)}</label>
                        <input id="open-pack-file" type="file" accept=".json,application/json" on:change=on_file/>
                    </div>
                </section>
                <section class="card" aria-labelledby="listed-heading">
                    <h2 id="listed-heading">{i18n.s(Msg::StudioListedTitle)}</h2>
                    <ul class="plain-list">{listed}</ul>
                </section>
            </div>
            {shown}
        </section>
    }
}

/// The opened pack with its own progress, stored under its pack id.
#[component]
fn OpenedPack(pack: Arc<Pack>) -> impl IntoView {
    let notices = expect_context::<Notices>();
    provide_progress_context(notices, &pack.id);
    view! { <PackView pack/> }
}

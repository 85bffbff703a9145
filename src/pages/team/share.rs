//! "Share my progress": the learner sees exactly what a report holds, then downloads it as a signed
//! file or copies a link that carries it in the fragment.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::components::qr_code::QrCode;
use crate::domain::credential::IssuerKey;
use crate::domain::pack::Pack;
use crate::domain::report::{learner_id, Report, Sharer};
use crate::i18n::Msg;
use crate::pages::learn::gate::WithPack;
use crate::state::certify::use_certify;
use crate::state::i18n::use_i18n;
use crate::state::notices::use_notices;
use crate::state::profile::{report_save_error, use_profile};
use crate::state::progress::{now, use_progress};
use crate::storage;

#[component]
pub fn SharePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page narrow">
            <header class="page-header">
                <PageTitle text=i18n.sf(Msg::ShareTitle, vec![])/>
                <p class="lead">{i18n.s(Msg::ShareIntro)}</p>
            </header>
            <WithPack page=|pack| view! { <ShareForm pack=pack/> }/>
        </section>
    }
}

#[component]
fn ShareForm(pack: Arc<Pack>) -> impl IntoView {
    let i18n = use_i18n();
    let profile = use_profile();
    let progress = use_progress();
    let certify = use_certify();
    let notices = use_notices();
    let name = RwSignal::new(profile.with(|p| p.display_name.clone()));
    let team = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Msg>);
    let link = RwSignal::new(None::<String>);
    let key = StoredValue::new(storage::load::<IssuerKey>().value.seed_bytes());

    let preview_pack = pack.clone();
    let report = Memo::new(move |_| {
        let sharer = Sharer {
            name: name.get(),
            team: team.get(),
            email: email.get(),
        };
        let mut report =
            certify.with(|c| progress.with(|p| Report::build(&preview_pack, p, c, &sharer, now())));
        if let Some(seed) = key.get_value() {
            report.learner = learner_id(&seed);
        }
        report
    });

    // Signs the report shown, with the learner's key (created on first use).
    let signed = move || {
        if name.get_untracked().trim().is_empty() {
            error.set(Some(Msg::ShareNeedName));
            return None;
        }
        let Some(seed) = key.get_value().or_else(|| certify.seed()) else {
            error.set(Some(Msg::ShareNoKey));
            return None;
        };
        key.set_value(Some(seed));
        error.set(None);
        let mut report = report.get_untracked();
        report.produced_at = now();
        Some(report.sign(&seed))
    };
    let download = move |_| {
        let Some(signed) = signed() else { return };
        let day = crate::domain::calendar::local_date(
            signed.report.produced_at,
            &crate::state::progress::LocalZone,
        )
        .iso();
        let file = format!(
            "fluency-progress-{}-{day}.json",
            file_slug(&signed.report.name)
        );
        if let Err(e) = storage::download_text(&file, "application/json", &signed.to_file()) {
            report_save_error(&notices, &e);
        }
    };
    let make_link = move |_| {
        let Some(signed) = signed() else { return };
        let origin = window().location().origin().unwrap_or_default();
        link.set(Some(format!(
            "{origin}/team/import#{}",
            signed.to_fragment()
        )));
    };

    let summary_pack = pack.clone();
    let summary = move || {
        let report = report.get();
        let done = report
            .modules
            .iter()
            .filter(|m| m.completed_at.is_some())
            .count();
        let tracks = report
            .tracks
            .iter()
            .map(|t| {
                let title = summary_pack
                    .track(&t.id)
                    .map_or(t.id.clone(), |t| t.title.clone());
                let text = i18n.f(
                    Msg::SharePreviewTrack,
                    &[("track", &title), ("percent", &t.percent.to_string())],
                );
                view! { <li>{text}</li> }
            })
            .collect_view();
        let json = serde_json::to_string_pretty(&report).unwrap_or_default();
        view! {
            <ul class="checklist">
                <li>{i18n.f(Msg::SharePreviewModules, &[("done", &done.to_string()), ("total", &summary_pack.module_count().to_string())])}</li>
                {tracks}
                <li>{i18n.f(Msg::SharePreviewCerts, &[("count", &report.certificates.len().to_string())])}</li>
                {(!report.learner.is_empty()).then(|| view! {
                    <li class="key-line">{i18n.f(Msg::SharePreviewKey, &[("key", &report.learner)])}</li>
                })}
            </ul>
            <details>
                <summary>{i18n.s(Msg::SharePreviewExact)}</summary>
                <pre class="report-json">{json}</pre>
            </details>
        }
    };

    view! {
        <form class="card form" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="share-name">{i18n.s(Msg::ShareName)}</label>
                <input id="share-name" type="text" autocomplete="name" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="share-team">{i18n.s(Msg::ShareTeam)}</label>
                <input id="share-team" type="text" prop:value=move || team.get()
                    on:input=move |ev| team.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="share-email">{i18n.s(Msg::ShareEmail)}</label>
                <input id="share-email" type="email" autocomplete="email" prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))/>
            </div>
        </form>
        <section class="card" aria-labelledby="share-preview">
            <h2 id="share-preview">{i18n.s(Msg::SharePreviewTitle)}</h2>
            {summary}
            {move || error.get().map(|msg| view! { <p class="form-error" role="alert">{i18n.s(msg)}</p> })}
            <div class="actions">
                <button type="button" class="button primary" on:click=download>{i18n.s(Msg::ShareDownload)}</button>
                <button type="button" class="button secondary" on:click=make_link>{i18n.s(Msg::ShareMakeLink)}</button>
            </div>
            {move || link.get().map(|href| view! {
                <div class="field">
                    <label for="share-link">{i18n.s(Msg::ShareLink)}</label>
                    <input id="share-link" type="text" readonly prop:value=href.clone()/>
                    <p class="meta">{i18n.s(Msg::ShareLinkHint)}</p>
                </div>
                {if crate::domain::qr::encode(&href).is_some() {
                    view! {
                        <div class="share-qr">
                            <QrCode text=href.clone() label=i18n.s(Msg::ShareQrLabel)/>
                            <p class="meta">{i18n.s(Msg::ShareQrHint)}</p>
                        </div>
                    }.into_any()
                } else {
                    view! { <p class="meta">{i18n.s(Msg::ShareQrTooLong)}</p> }.into_any()
                }}
            })}
        </section>
    }
}

/// A file-name-safe version of a name: letters and digits kept, anything else becomes `-`.
fn file_slug(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches('-').to_owned();
    if slug.is_empty() {
        "learner".into()
    } else {
        slug
    }
}

use leptos::prelude::*;
use leptos_router::components::A;

use super::audience_label;
use super::gate::WithPack;
use crate::components::page_title::PageTitle;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

#[component]
pub fn CatalogPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <WithPack page=move |pack| {
            let cards = pack
                .tracks
                .iter()
                .map(|track| {
                    let href = format!("/learn/{}", track.id);
                    let title = track.title.clone();
                    let modules = track.modules.len().to_string();
                    let minutes = track.minutes().to_string();
                    let badges = track
                        .audience
                        .iter()
                        .map(|a| {
                            let msg = audience_label(*a);
                            view! { <span class="badge">{move || i18n.t(msg)}</span> }
                        })
                        .collect_view();
                    view! {
                        <li class="card track-card">
                            <div class="badges">{badges}</div>
                            <h2><A href=href>{title}</A></h2>
                            <p>{track.summary.clone()}</p>
                            <p class="meta">
                                <span>{move || i18n.f(Msg::LearnModules, &[("count", &modules)])}</span>
                                <span aria-hidden="true">" · "</span>
                                <span>{move || i18n.f(Msg::LearnMinutes, &[("count", &minutes)])}</span>
                            </p>
                        </li>
                    }
                })
                .collect_view();
            let pack_title = pack.title.clone();
            view! {
                <section class="page">
                    <header class="page-header">
                        <p class="eyebrow">{pack_title}</p>
                        <PageTitle text=Signal::derive(move || i18n.t(Msg::LearnTitle).to_owned())/>
                        <p class="lead">{move || i18n.t(Msg::LearnIntro)}</p>
                    </header>
                    <h2 class="visually-hidden">{move || i18n.t(Msg::LearnTracks)}</h2>
                    <ul class="card-grid">{cards}</ul>
                </section>
            }
        }/>
    }
}

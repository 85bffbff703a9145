use leptos::prelude::*;
use leptos_router::components::A;

use super::audience_badges;
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
                    let badges = audience_badges(&track.audience);
                    view! {
                        <li class="card track-card">
                            <div class="badges">{badges}</div>
                            <h2><A href=href>{title}</A></h2>
                            <p>{track.summary.clone()}</p>
                            <p class="meta">
                                <span>{i18n.sf(Msg::LearnModules, vec![("count", modules.clone())])}</span>
                                <span aria-hidden="true">" · "</span>
                                <span>{i18n.sf(Msg::LearnMinutes, vec![("count", minutes.clone())])}</span>
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
                        <PageTitle text=i18n.sf(Msg::LearnTitle, vec![])/>
                        <p class="lead">{i18n.s(Msg::LearnIntro)}</p>
                    </header>
                    <h2 class="visually-hidden">{i18n.s(Msg::LearnTracks)}</h2>
                    <ul class="card-grid">{cards}</ul>
                </section>
            }
        }/>
    }
}

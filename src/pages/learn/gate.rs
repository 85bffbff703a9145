//! Waits for the curriculum and hands it to a page, with a loading state and a retryable error.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::domain::pack::Pack;
use crate::i18n::Msg;
use crate::state::curriculum::use_curriculum;
use crate::state::i18n::use_i18n;

/// Renders `page` with the loaded pack.
#[component]
pub fn WithPack<V: IntoView + 'static>(
    page: impl Fn(Arc<Pack>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let curriculum = use_curriculum();
    let i18n = use_i18n();
    move || match curriculum.pack.get() {
        None => view! {
            <div class="page loading" aria-busy="true">
                <div class="spinner" aria-hidden="true"></div>
                <p role="status">{i18n.s(Msg::LearnLoadingPack)}</p>
            </div>
        }
        .into_any(),
        Some(Ok(pack)) => page(pack).into_any(),
        Some(Err(reason)) => {
            let reason = reason.clone();
            view! {
                <section class="page narrow empty-state">
                    <PageTitle text=i18n.sf(Msg::LearnTitle, vec![])/>
                    <p class="notice error" role="alert">
                        {i18n.sf(Msg::LearnLoadFailed, vec![("reason", reason.clone())])}
                    </p>
                    <button type="button" class="button primary" on:click=move |_| curriculum.pack.refetch()>
                        {i18n.s(Msg::LearnRetry)}
                    </button>
                </section>
            }
            .into_any()
        }
    }
}

/// Shown when a link points at a track, module or unit that the pack does not have.
#[component]
pub fn MissingContent() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page narrow empty-state">
            <PageTitle text=i18n.sf(Msg::NotFoundTitle, vec![])/>
            <p class="lead">{i18n.s(Msg::LearnNotFound)}</p>
            <leptos_router::components::A href="/learn" attr:class="button primary">
                {i18n.s(Msg::LearnBackToCatalog)}
            </leptos_router::components::A>
        </section>
    }
}

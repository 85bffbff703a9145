use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page narrow empty-state">
            <p class="eyebrow">"404"</p>
            <PageTitle text=i18n.sf(Msg::NotFoundTitle, vec![])/>
            <p class="lead">{i18n.s(Msg::NotFoundBody)}</p>
            <a href="/" class="button primary">{i18n.s(Msg::NotFoundHome)}</a>
        </section>
    }
}

/// Shown in place of an area whose code could not be fetched (offline, or a newer build replaced
/// it on the server). Nothing stored is touched; a reload fetches the current build.
#[component]
pub fn AreaLoadFailedPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page narrow empty-state" role="alert">
            <PageTitle text=i18n.sf(Msg::AreaLoadFailedTitle, vec![])/>
            <p class="lead">{i18n.s(Msg::AreaLoadFailedBody)}</p>
            <button type="button" class="button primary" on:click=|_| {
                let _ = window().location().reload();
            }>{i18n.s(Msg::AreaReload)}</button>
        </section>
    }
}

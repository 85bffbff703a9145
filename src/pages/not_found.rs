use leptos::prelude::*;
use leptos_router::components::A;

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
            <A href="/" attr:class="button primary">{i18n.s(Msg::NotFoundHome)}</A>
        </section>
    }
}

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

#[component]
pub fn TeamPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <header class="page-header">
                <p class="eyebrow">{i18n.s(Msg::RoleManager)}</p>
                <PageTitle text=i18n.sf(Msg::TeamTitle, vec![])/>
                <p class="lead">{i18n.s(Msg::TeamIntro)}</p>
            </header>
            <div class="card empty-card">
                <h2>{i18n.s(Msg::TeamEmptyTitle)}</h2>
                <p>{i18n.s(Msg::TeamEmptyBody)}</p>
            </div>
            <h2>{i18n.s(Msg::TeamHowTitle)}</h2>
            <ol class="steps">
                <li>{i18n.s(Msg::TeamHow1)}</li>
                <li>{i18n.s(Msg::TeamHow2)}</li>
                <li>{i18n.s(Msg::TeamHow3)}</li>
            </ol>
        </section>
    }
}

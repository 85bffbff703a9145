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
                <p class="eyebrow">{move || i18n.t(Msg::RoleManager)}</p>
                <PageTitle text=Signal::derive(move || i18n.t(Msg::TeamTitle).to_owned())/>
                <p class="lead">{move || i18n.t(Msg::TeamIntro)}</p>
            </header>
            <div class="card empty-card">
                <h2>{move || i18n.t(Msg::TeamEmptyTitle)}</h2>
                <p>{move || i18n.t(Msg::TeamEmptyBody)}</p>
            </div>
            <h2>{move || i18n.t(Msg::TeamHowTitle)}</h2>
            <ol class="steps">
                <li>{move || i18n.t(Msg::TeamHow1)}</li>
                <li>{move || i18n.t(Msg::TeamHow2)}</li>
                <li>{move || i18n.t(Msg::TeamHow3)}</li>
            </ol>
        </section>
    }
}

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::domain::profile::Role;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::nav::use_nav;
use crate::state::profile::use_profile;

fn role_text(role: Role) -> (Msg, Msg) {
    match role {
        Role::Learner => (Msg::RoleLearner, Msg::RoleLearnerBlurb),
        Role::Trainer => (Msg::RoleTrainer, Msg::RoleTrainerBlurb),
        Role::Manager => (Msg::RoleManager, Msg::RoleManagerBlurb),
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let profile = use_profile();
    let nav = use_nav();
    let cards = Role::ALL
        .into_iter()
        .map(|role| {
            let (name, blurb) = role_text(role);
            let chosen = move || profile.with(|p| p.role == Some(role));
            view! {
                <li>
                    <button
                        type="button"
                        class="role-card"
                        class:chosen=chosen
                        aria-pressed=move || chosen().to_string()
                        on:click=move |_| {
                            profile.update(|p| p.role = Some(role));
                            nav.navigate(role.home_path());
                        }
                    >
                        <span class="role-icon" aria-hidden="true">{role_icon(role)}</span>
                        <span class="role-name">{i18n.s(name)}</span>
                        <span class="role-blurb">{i18n.s(blurb)}</span>
                        <Show when=chosen>
                            <span class="badge">{i18n.s(Msg::HomeCurrentRole)}</span>
                        </Show>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="hero">
            <div class="hero-inner">
                <PageTitle text=i18n.sf(Msg::HomeTitle, vec![])/>
                <p class="lead">{i18n.s(Msg::HomeIntro)}</p>
            </div>
        </section>
        <section class="page" aria-labelledby="choose-role">
            <h2 id="choose-role">{i18n.s(Msg::HomeChooseRole)}</h2>
            <p class="muted">{i18n.s(Msg::HomeRoleHint)}</p>
            <ul class="role-grid">{cards}</ul>
            <div class="two-col">
                <div>
                    <h2>{i18n.s(Msg::HomeStepsTitle)}</h2>
                    <ol class="steps">
                        <li>{i18n.s(Msg::HomeStep1)}</li>
                        <li>{i18n.s(Msg::HomeStep2)}</li>
                        <li>{i18n.s(Msg::HomeStep3)}</li>
                    </ol>
                </div>
                <div class="card quiet">
                    <h2>{i18n.s(Msg::HomePrivacyTitle)}</h2>
                    <p>{move || {
                        let shared = crate::state::privacy::use_records_shared().is_some_and(|s| s.0.get());
                        i18n.t(if shared { Msg::HomePrivacyRecords } else { Msg::HomePrivacyBody })
                    }}</p>
                </div>
            </div>
        </section>
    }
}

fn role_icon(role: Role) -> impl IntoView {
    let path = match role {
        Role::Learner => "M4 6l8-3 8 3-8 3-8-3zm3 3v5c0 1.7 2.2 3 5 3s5-1.3 5-3V9",
        Role::Trainer => "M4 20l4-1 11-11-3-3L5 16l-1 4zm10-13l3 3",
        Role::Manager => "M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3 2.7-5 6-5s6 2 6 5m0-5c.6-.2 1.3-.3 2-.3 3.3 0 6 2 6 5",
    };
    view! {
        <svg viewBox="0 0 24 24" class="icon" focusable="false"><path d=path/></svg>
    }
}

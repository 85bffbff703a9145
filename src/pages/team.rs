//! The Team area: managers import learners' signed progress reports and see the team's completion.
//! Learners reach "Share my progress" from here too.

pub mod charts;
pub mod drop;
pub mod import;
pub mod lrs;
pub mod roster;
pub mod share;
pub mod verify;

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page_title::PageTitle;
use crate::domain::pack::Pack;
use crate::i18n::Msg;
use crate::pages::learn::gate::WithPack;
use crate::state::i18n::use_i18n;
use crate::state::notices::use_notices;
use crate::state::progress::{now, LocalZone};
use crate::state::team::TeamState;

#[component]
pub fn TeamPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page team-page">
            <header class="page-header">
                <p class="eyebrow">{i18n.s(Msg::RoleManager)}</p>
                <PageTitle text=i18n.sf(Msg::TeamTitle, vec![])/>
                <p class="lead">{i18n.s(Msg::TeamIntro)}</p>
                <p><A href="/team/share">{i18n.s(Msg::TeamShareCta)}</A></p>
            </header>
            <WithPack page=|pack| view! { <TeamDashboard pack=pack/> }/>
        </section>
    }
}

#[component]
fn TeamDashboard(pack: Arc<Pack>) -> impl IntoView {
    let i18n = use_i18n();
    let team = TeamState::load(use_notices());
    let rows_pack = pack.clone();
    let rows = Memo::new(move |_| team.with(|t| t.rows(&rows_pack, now(), &LocalZone)));
    let empty = move || team.with(|t| t.members.is_empty());
    let (p1, p2, p3, p4) = (pack.clone(), pack.clone(), pack.clone(), pack.clone());
    view! {
        <import::ImportPanel pack=pack team=team/>
        <lrs::LrsPanel pack=p4 team=team/>
        <Show when=empty>
            <div class="card empty-card">
                <h2>{i18n.s(Msg::TeamEmptyTitle)}</h2>
                <p>{i18n.s(Msg::TeamEmptyBody)}</p>
                <h3>{i18n.s(Msg::TeamHowTitle)}</h3>
                <ol class="steps">
                    <li>{i18n.s(Msg::TeamHow1)}</li>
                    <li>{i18n.s(Msg::TeamHow2)}</li>
                    <li>{i18n.s(Msg::TeamHow3)}</li>
                </ol>
            </div>
        </Show>
        <roster::RosterPanel pack=p1 team=team rows=rows/>
        <charts::TrackCharts pack=p2 team=team rows=rows/>
        <charts::ModuleStats pack=p3 team=team/>
    }
}

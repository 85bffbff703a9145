//! The learner's views of the curriculum: catalogue, track, module and unit reader.

pub mod catalog;
pub mod check;
pub mod dashboard;
pub mod gate;
pub mod module;
pub mod placement;
pub mod review;
pub mod track;
pub mod unit;

use leptos::prelude::*;

use leptos_router::params::ParamsMap;

use crate::domain::pack::{Audience, Module, Pack, Track};
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

pub fn audience_label(audience: Audience) -> Msg {
    match audience {
        Audience::Everyone => Msg::LearnAudienceEveryone,
        Audience::Leader => Msg::LearnAudienceLeader,
        Audience::Technical => Msg::LearnAudienceTechnical,
        Audience::Frontline => Msg::LearnAudienceFrontline,
    }
}

/// One badge per audience a track is written for.
pub fn audience_badges(audiences: &[Audience]) -> impl IntoView {
    let i18n = use_i18n();
    audiences
        .iter()
        .map(|a| view! { <span class="badge">{i18n.s(audience_label(*a))}</span> })
        .collect_view()
}

/// The track and module named by the route's `:track` and `:module` parameters, if the pack has them.
pub fn route_module(pack: &Pack, params: Memo<ParamsMap>) -> Option<(Track, Module)> {
    params.with(|p| {
        let track = pack.track(&p.get("track")?)?;
        let module = track.module(&p.get("module")?)?;
        Some((track.clone(), module.clone()))
    })
}

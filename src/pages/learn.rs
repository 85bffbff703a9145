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

/// The language of the pack text on the page (BCP 47), provided by `gate::WithPack`. It differs
/// from the interface's when no edition exists in the reader's language, or they chose the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentLang(pub String);

/// The pack text's language, when a page shows pack text.
pub fn content_lang() -> Option<String> {
    use_context::<ContentLang>().map(|c| c.0)
}

/// Text from the pack (a title, a summary, an option), marked with its language and isolated from
/// the text around it.
#[component]
pub fn PackText(#[prop(into)] text: String) -> impl IntoView {
    view! { <bdi lang=content_lang()>{text}</bdi> }
}

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

//! A unit: title, id, minutes, tags and the Markdown body, with a live preview rendered by the
//! learner's own renderer.

use leptos::prelude::*;

use super::fields::{getter, lines, number, setter, Field, Kind};
use super::session::Session;
use crate::components::markdown::Markdown;
use crate::domain::pack::{Pack, Unit};
use crate::domain::studio::text::{parse_sources, sources_text};
use crate::domain::studio::tree::NodeRef;
use crate::domain::validate::limits;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

fn unit(p: &Pack, t: usize, m: usize, u: usize) -> Option<&Unit> {
    p.tracks.get(t)?.modules.get(m)?.units.get(u)
}

fn unit_mut(p: &mut Pack, t: usize, m: usize, u: usize) -> Option<&mut Unit> {
    p.tracks.get_mut(t)?.modules.get_mut(m)?.units.get_mut(u)
}

#[component]
pub fn UnitEditor(session: Session, t: usize, m: usize, u: usize) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::Unit(t, m, u);
    let body = Memo::new(move |_| {
        session.draft.with(|d| {
            unit(&d.pack, t, m, u)
                .map(|x| x.body.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <div class="unit-editor">
            <Field session node field="title" label=i18n.s(Msg::StudioFieldTitle)
                get=getter(move |p| unit(p, t, m, u).map(|x| x.title.clone()))
                set=setter(move |p, v| { unit_mut(p, t, m, u)?.title = v; Some(()) })/>
            <div class="field-row">
                <Field session node field="id" label=i18n.s(Msg::StudioFieldId) hint=i18n.s(Msg::StudioIdHint)
                    get=getter(move |p| unit(p, t, m, u).map(|x| x.id.clone()))
                    set=setter(move |p, v| { unit_mut(p, t, m, u)?.id = v; Some(()) })/>
                <Field session node field="minutes" label=i18n.s(Msg::StudioFieldMinutes) kind=Kind::Number
                    get=getter(move |p| unit(p, t, m, u).map(|x| x.minutes.to_string()))
                    set=setter(move |p, v| { unit_mut(p, t, m, u)?.minutes = number(&v); Some(()) })/>
            </div>
            <Field session node field="tags" label=i18n.s(Msg::StudioFieldTags) kind=Kind::Text { rows: 2 } hint=i18n.s(Msg::StudioOnePerLine)
                get=getter(move |p| unit(p, t, m, u).map(|x| x.tags.join("\n")))
                set=setter(move |p, v| { unit_mut(p, t, m, u)?.tags = lines(&v); Some(()) })/>
            <Field session node field="sources" label=i18n.s(Msg::StudioFieldSources) kind=Kind::Text { rows: 2 } hint=i18n.s(Msg::StudioSourcesHint)
                get=getter(move |p| unit(p, t, m, u).map(|x| sources_text(&x.sources)))
                set=setter(move |p, v| { unit_mut(p, t, m, u)?.sources = parse_sources(&v); Some(()) })/>
            <div class="markdown-split">
                <Field session node field="body" label=i18n.s(Msg::StudioFieldBody) kind=Kind::Text { rows: 18 } hint=i18n.s(Msg::StudioBodyHint)
                    get=getter(move |p| unit(p, t, m, u).map(|x| x.body.clone()))
                    set=setter(move |p, v| { unit_mut(p, t, m, u)?.body = v; Some(()) })/>
                <section class="live-preview" aria-labelledby="live-preview-heading">
                    <h3 id="live-preview-heading">{i18n.s(Msg::StudioLivePreview)}</h3>
                    <div class="preview-frame" data-testid="live-preview">
                        {move || {
                            let source = body.get();
                            if source.len() > limits::BODY_BYTES {
                                view! { <p class="notice warning">{i18n.s(Msg::StudioTooLongToPreview)}</p> }.into_any()
                            } else {
                                view! { <Markdown source/> }.into_any()
                            }
                        }}
                    </div>
                </section>
            </div>
        </div>
    }
}

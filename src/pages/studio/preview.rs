//! The learner's view of a pack that is not the shipped one: a trainer's draft (with throwaway
//! progress) or a pack file a learner opened (with progress kept under its pack id).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::markdown::Markdown;
use crate::components::page_title::PageTitle;
use crate::components::quiz::Quiz;
use crate::domain::pack::Pack;
use crate::domain::progress::{check_key, scenario_key};
use crate::domain::studio::draft::Draft;
use crate::domain::validate::limits;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::notices::Notices;
use crate::state::progress::{now, provide_throwaway_progress_context, use_progress};
use crate::storage;

/// What the reader is looking at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Unit(usize, usize, usize),
    Check(usize, usize),
    Scenario(usize, usize, usize),
}

/// Markdown over the validator's size limit is not rendered: a pasted 10 MB body would freeze the
/// page, and such a pack can never be published anyway.
fn guarded(source: String, limit: usize, i18n: crate::state::i18n::I18n) -> AnyView {
    if source.len() > limit {
        view! { <p class="notice warning">{i18n.s(Msg::StudioTooLongToPreview)}</p> }.into_any()
    } else {
        view! { <Markdown source/> }.into_any()
    }
}

/// The pack as a learner sees it: the outline, one unit or quiz at a time, rendered by the
/// learner's own Markdown renderer and quiz. Uses whatever progress the context provides.
#[component]
pub fn PackView(pack: Arc<Pack>) -> impl IntoView {
    let i18n = use_i18n();
    let progress = use_progress();
    let first = pack.tracks.iter().enumerate().find_map(|(t, track)| {
        track
            .modules
            .iter()
            .position(|m| !m.units.is_empty())
            .map(|m| Place::Unit(t, m, 0))
    });
    let place = RwSignal::new(first);
    let outline = pack
        .tracks
        .iter()
        .enumerate()
        .map(|(t, track)| {
            let modules = track
                .modules
                .iter()
                .enumerate()
                .map(|(m, module)| {
                    let mut items: Vec<(Place, String)> = module
                        .units
                        .iter()
                        .enumerate()
                        .map(|(u, unit)| (Place::Unit(t, m, u), unit.title.clone()))
                        .collect();
                    items.push((Place::Check(t, m), i18n.t(Msg::LearnCheckTitle).to_owned()));
                    items.extend(
                        module
                            .scenarios
                            .iter()
                            .enumerate()
                            .map(|(s, sc)| (Place::Scenario(t, m, s), sc.title.clone())),
                    );
                    let untitled = i18n.t(Msg::StudioUntitled);
                    let items = items
                        .into_iter()
                        .map(|(p, title)| {
                            let title = if title.trim().is_empty() { untitled.to_owned() } else { title };
                            view! {
                                <li>
                                    <button type="button" class="link-button"
                                        aria-current=move || (place.get() == Some(p)).then_some("page")
                                        on:click=move |_| place.set(Some(p))>
                                        {title}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <li>
                            <span class="outline-module">{module.title.clone()}</span>
                            <ul>{items}</ul>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li>
                    <span class="outline-track">{track.title.clone()}</span>
                    <ul>{modules}</ul>
                </li>
            }
        })
        .collect_view();

    let content_pack = pack.clone();
    let content = move || {
        let pack = &content_pack;
        match place.get() {
            None => view! { <p>{i18n.s(Msg::StudioPreviewEmpty)}</p> }.into_any(),
            Some(Place::Unit(t, m, u)) => {
                let Some(unit) = pack
                    .tracks
                    .get(t)
                    .and_then(|x| x.modules.get(m))
                    .and_then(|x| x.units.get(u))
                else {
                    return ().into_any();
                };
                let unit_id = unit.id.clone();
                let done = {
                    let unit_id = unit_id.clone();
                    Signal::derive(move || progress.with(|p| p.is_unit_complete(&unit_id)))
                };
                view! {
                    <article>
                        <h2>{unit.title.clone()}</h2>
                        {guarded(unit.body.clone(), limits::BODY_BYTES, i18n)}
                        <button type="button" class="button secondary" disabled=done
                            on:click=move |_| progress.update(|p| p.complete_unit(&unit_id, now()))>
                            {move || if done.get() { i18n.t(Msg::LearnCompleted) } else { i18n.t(Msg::LearnMarkComplete) }}
                        </button>
                    </article>
                }
                .into_any()
            }
            Some(Place::Check(t, m)) => {
                let Some((track, module)) = pack
                    .tracks
                    .get(t)
                    .and_then(|x| x.modules.get(m).map(|y| (x, y)))
                else {
                    return ().into_any();
                };
                view! {
                    <article>
                        <h2>{format!("{} · {}", module.title, i18n.t(Msg::LearnCheckTitle))}</h2>
                        <Quiz questions=module.check.questions.clone() pass_mark=track.certification.pass_mark quiz_key=check_key(&module.id)/>
                    </article>
                }
                .into_any()
            }
            Some(Place::Scenario(t, m, s)) => {
                let Some((track, sc)) = pack.tracks.get(t).and_then(|x| {
                    x.modules
                        .get(m)
                        .and_then(|y| y.scenarios.get(s))
                        .map(|y| (x, y))
                }) else {
                    return ().into_any();
                };
                view! {
                    <article>
                        <h2>{sc.title.clone()}</h2>
                        {guarded(sc.situation.clone(), limits::SITUATION_BYTES, i18n)}
                        <Quiz questions=sc.questions.clone() pass_mark=track.certification.pass_mark quiz_key=scenario_key(&sc.id)/>
                    </article>
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="pack-view">
            <nav class="card pack-outline" aria-label=i18n.s(Msg::StudioOutline)>
                <ul>{outline}</ul>
            </nav>
            <div class="card pack-content">{content}</div>
        </div>
    }
}

/// `/studio/draft/:draft/preview`: the draft as a learner sees it, with progress that is thrown
/// away when the page closes.
#[component]
pub fn PreviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("draft").unwrap_or_default());
    let draft = storage::load_scoped::<Draft>(Some(&id)).value;
    let notices = expect_context::<Notices>();
    provide_throwaway_progress_context(notices, &draft.pack.id);
    let back = format!("/studio/draft/{id}");
    let title = draft.pack.title.clone();
    let found = draft.id == id;
    view! {
        <section class="page">
            <header class="page-header">
                <p class="eyebrow"><A href=back>{i18n.s(Msg::StudioBackToEditor)}</A></p>
                <PageTitle text=i18n.sf(Msg::StudioPreviewTitle, vec![("title", title)])/>
                <p class="notice info">{i18n.s(Msg::StudioPreviewThrowaway)}</p>
            </header>
            {found.then(|| view! { <PackView pack=Arc::new(draft.pack)/> })}
        </section>
    }
}

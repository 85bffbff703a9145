//! `/studio/draft/:draft/translate`: a language edition beside its source, item by item. The
//! translator sees what is untranslated and what is stale (the source changed after it was
//! translated), edits the translation, and marks items as translated. The rules are in
//! `domain::edition`; this page only lays them out.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::session::{open_session, Session};
use crate::components::page_title::PageTitle;
use crate::domain::edition::{
    items, mark_translated, set_text, status, texts, ItemKind, TextField,
};
use crate::domain::pack::Pack;
use crate::domain::studio::draft::{Draft, SourceRef};
use crate::i18n::Msg;
use crate::state::curriculum::fetch_text;
use crate::state::i18n::{use_i18n, I18n};
use crate::storage;

/// Items shown at once: a unit body is long, and a page of 400 editors would crawl.
const PAGE: usize = 12;

/// The source a translation draft compares itself with: another draft as it is now, or a
/// published pack. `None` when it cannot be found.
pub async fn load_source(source: Option<SourceRef>) -> Option<Arc<Pack>> {
    match source? {
        SourceRef::Draft { id } => {
            let draft = storage::load_scoped::<Draft>(Some(&id)).value;
            (draft.id == id).then(|| Arc::new(draft.pack))
        }
        SourceRef::Published { url } => {
            let text = fetch_text(&url).await.ok()?;
            Pack::from_json(&text).ok().map(Arc::new)
        }
    }
}

pub fn kind_label(kind: ItemKind) -> Msg {
    match kind {
        ItemKind::Pack => Msg::StudioItemPack,
        ItemKind::Track => Msg::StudioItemTracks,
        ItemKind::Module => Msg::StudioItemModules,
        ItemKind::Unit => Msg::StudioItemUnits,
        ItemKind::Scenario => Msg::StudioItemScenarios,
        ItemKind::Question => Msg::StudioItemQuestions,
        ItemKind::Placement => Msg::StudioItemPlacement,
    }
}

fn field_label(i18n: I18n, field: TextField) -> String {
    let numbered = |msg: Msg, n: usize| format!("{} {}", i18n.t(msg), n + 1);
    match field {
        TextField::Title => i18n.t(Msg::StudioFieldTitle).to_owned(),
        TextField::Description => i18n.t(Msg::StudioFieldDescription).to_owned(),
        TextField::Summary => i18n.t(Msg::StudioFieldSummary).to_owned(),
        TextField::Outcome(n) => numbered(Msg::StudioFieldOutcomes, n),
        TextField::Objective(n) => numbered(Msg::StudioFieldObjectives, n),
        TextField::Body => i18n.t(Msg::StudioFieldBody).to_owned(),
        TextField::SourceTitle(n) => numbered(Msg::StudioFieldSources, n),
        TextField::Situation => i18n.t(Msg::StudioFieldSituation).to_owned(),
        TextField::Prompt => i18n.t(Msg::StudioFieldPrompt).to_owned(),
        TextField::Explanation => i18n.t(Msg::StudioFieldExplanation).to_owned(),
        TextField::OptionText(n) => numbered(Msg::StudioOptionTextN, n),
        TextField::OptionFeedback(n) => numbered(Msg::StudioOptionFeedbackN, n),
    }
}

/// Long fields get a text area, short ones a line.
fn is_long(field: TextField) -> bool {
    matches!(
        field,
        TextField::Body
            | TextField::Situation
            | TextField::Description
            | TextField::Summary
            | TextField::Explanation
            | TextField::OptionFeedback(_)
    )
}

#[component]
pub fn TranslatePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("draft").unwrap_or_default());
    match open_session(&id) {
        Some(session) => view! { <Translate session/> }.into_any(),
        None => view! {
            <section class="page narrow empty-state">
                <PageTitle text=i18n.sf(Msg::StudioDraftMissing, vec![])/>
                <A href="/studio" attr:class="button primary">{i18n.s(Msg::StudioBackHome)}</A>
            </section>
        }
        .into_any(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    NeedsWork,
    All,
}

#[component]
fn Translate(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let id = session.id();
    let source_ref = session.draft.with_untracked(|d| d.source.clone());
    let source = LocalResource::new(move || load_source(source_ref.clone()));
    let heading = Signal::derive(move || {
        let title = session.draft.with(|d| d.pack.title.clone());
        i18n.f(Msg::StudioTranslateTitle, &[("title", title.as_str())])
    });
    let show = RwSignal::new(Show::NeedsWork);
    let page = RwSignal::new(0usize);
    let editor_href = format!("/studio/draft/{id}");

    let body = move || {
        let Some(source) = source.get() else {
            return view! { <p role="status">{i18n.s(Msg::LearnLoadingPack)}</p> }.into_any();
        };
        let Some(source) = source else {
            return view! { <p class="notice error" role="alert">{i18n.s(Msg::StudioSourceMissing)}</p> }.into_any();
        };
        let for_status = source.clone();
        let current = Memo::new(move |_| {
            session.settled.track();
            session
                .draft
                .with_untracked(|d| status(&for_status, &d.pack))
        });
        let all_items = items(&source);
        let counts = move || {
            current.with(|s| {
                s.counts
                    .iter()
                    .map(|(kind, (done, total))| {
                        let text = i18n.f(
                            Msg::StudioTranslateProgress,
                            &[
                                ("kind", i18n.t(kind_label(*kind))),
                                ("done", &done.to_string()),
                                ("total", &total.to_string()),
                            ],
                        );
                        view! { <li>{text}</li> }
                    })
                    .collect_view()
            })
        };
        let source_language = source.language.clone();
        let listed = move || {
            let wanted = show.get();
            let (untranslated, stale) = current.with(|s| (s.untranslated.clone(), s.stale.clone()));
            let chosen: Vec<_> = all_items
                .iter()
                .filter(|item| {
                    wanted == Show::All
                        || untranslated.contains(&item.key)
                        || stale.contains(&item.key)
                })
                .cloned()
                .collect();
            let total = chosen.len();
            let first = (page.get() * PAGE).min(total.saturating_sub(1) / PAGE * PAGE);
            let shown: Vec<_> = chosen.into_iter().skip(first).take(PAGE).collect();
            if shown.is_empty() {
                return view! { <p class="notice success">{i18n.s(Msg::StudioNothingToTranslate)}</p> }.into_any();
            }
            let rows = shown
                .into_iter()
                .map(|item| {
                    let key = item.key.clone();
                    let state = if untranslated.contains(&key) {
                        ("badge", Msg::StudioItemUntranslated)
                    } else if stale.contains(&key) {
                        ("badge warning", Msg::StudioItemStale)
                    } else {
                        ("badge success", Msg::StudioItemCurrent)
                    };
                    let source_fields = texts(&source, &key);
                    let heading = source_fields.first().map(|(_, t)| t.clone()).unwrap_or_default();
                    let fields = source_fields
                        .into_iter()
                        .map(|(field, original)| {
                            let key = key.clone();
                            let dom_id = format!("tr-{}-{field:?}", key.replace([':', '/'], "-"))
                                .to_lowercase()
                                .replace(['(', ')'], "");
                            let label = field_label(i18n, field);
                            let get_key = key.clone();
                            let value = move || {
                                session.draft.with(|d| {
                                    texts(&d.pack, &get_key)
                                        .into_iter()
                                        .find(|(f, _)| *f == field)
                                        .map(|(_, t)| t)
                                        .unwrap_or_default()
                                })
                            };
                            let on_input = move |ev: leptos::ev::Event| {
                                let text = event_target_value(&ev);
                                let key = key.clone();
                                session.edit(move |p| {
                                    set_text(p, &key, field, text);
                                });
                            };
                            let control = if is_long(field) {
                                view! { <textarea id=dom_id.clone() rows="4" prop:value=value on:input=on_input></textarea> }.into_any()
                            } else {
                                view! { <input id=dom_id.clone() type="text" prop:value=value on:input=on_input/> }.into_any()
                            };
                            view! {
                                <div class="translate-field">
                                    <div class="source-text">
                                        <p class="eyebrow">{label.clone()}</p>
                                        <p class="original" lang=source_language.clone()>{original}</p>
                                    </div>
                                    <div class="field">
                                        <label for=dom_id>{label}</label>
                                        {control}
                                    </div>
                                </div>
                            }
                        })
                        .collect_view();
                    let mark_key = key.clone();
                    let for_mark = source.clone();
                    let mark = move |_| {
                        let key = mark_key.clone();
                        let source = for_mark.clone();
                        session.edit_step(move |p| mark_translated(&source, p, Some(&[key])));
                        session.settle_now();
                    };
                    let kind = i18n.t(kind_label(item.kind));
                    view! {
                        <li class="card translate-item" data-key=key.clone()>
                            <header class="translate-item-head">
                                <h3><span class="eyebrow">{kind}</span> " " <bdi lang=source_language.clone()>{heading}</bdi></h3>
                                <span class=state.0>{i18n.t(state.1)}</span>
                            </header>
                            {fields}
                            <button type="button" class="button secondary small" on:click=mark>{i18n.s(Msg::StudioMarkTranslated)}</button>
                        </li>
                    }
                })
                .collect_view();
            let pages = total.div_ceil(PAGE);
            let here = first / PAGE;
            let page_text = i18n.f(
                Msg::StudioTranslatePage,
                &[
                    ("page", &(here + 1).to_string()),
                    ("pages", &pages.to_string()),
                    ("total", &total.to_string()),
                ],
            );
            view! {
                <ol class="plain translate-list">{rows}</ol>
                <nav class="pagination" aria-label=i18n.t(Msg::TeamPagination)>
                    <button type="button" class="button secondary small" disabled=here == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>{i18n.s(Msg::TeamPrevPage)}</button>
                    <span class="meta">{page_text}</span>
                    <button type="button" class="button secondary small" disabled=here + 1 >= pages on:click=move |_| page.update(|p| *p += 1)>{i18n.s(Msg::TeamNextPage)}</button>
                </nav>
            }
            .into_any()
        };
        view! {
            <section class="card" aria-labelledby="translate-progress">
                <h2 id="translate-progress">{i18n.s(Msg::StudioTranslation)}</h2>
                <ul class="plain translate-counts" data-testid="translate-counts">{counts}</ul>
                <div class="toolbar" role="group" aria-label=i18n.s(Msg::StudioTranslation)>
                    <button type="button" class="button small" class:primary=move || show.get() == Show::NeedsWork class:secondary=move || show.get() != Show::NeedsWork
                        aria-pressed=move || (show.get() == Show::NeedsWork).to_string()
                        on:click=move |_| { show.set(Show::NeedsWork); page.set(0); }>{i18n.s(Msg::StudioShowNeedsWork)}</button>
                    <button type="button" class="button small" class:primary=move || show.get() == Show::All class:secondary=move || show.get() != Show::All
                        aria-pressed=move || (show.get() == Show::All).to_string()
                        on:click=move |_| { show.set(Show::All); page.set(0); }>{i18n.s(Msg::StudioShowAll)}</button>
                </div>
            </section>
            {listed}
        }
        .into_any()
    };

    view! {
        <section class="page studio-translate">
            <header class="page-header">
                <p class="eyebrow"><A href=editor_href>{i18n.s(Msg::StudioBackToEditor)}</A></p>
                <PageTitle text=heading/>
                <p class="lead">{i18n.s(Msg::StudioTranslateIntro)}</p>
            </header>
            {body}
        </section>
    }
}

/// In the editor: a link to the translation view for an edition, or a way to start translating
/// this draft into another language (from the site's published edition when there is one).
#[component]
pub fn TranslateControl(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = leptos_router::hooks::use_navigate();
    let id = session.id();
    if session.draft.with_untracked(|d| d.source.is_some()) {
        let href = format!("/studio/draft/{id}/translate");
        return view! {
            <a href=href class="button secondary small" on:click=move |_| session.flush()>{i18n.s(Msg::StudioTranslation)}</a>
        }
        .into_any();
    }
    let current = session.draft.with_untracked(|d| d.pack.language.clone());
    let choices: Vec<crate::domain::profile::Language> = crate::domain::profile::Language::ALL
        .into_iter()
        .filter(|l| !crate::domain::manifest::same_language(l.tag(), &current))
        .collect();
    let Some(first) = choices.first().copied() else {
        return ().into_any();
    };
    let chosen = RwSignal::new(first.tag().to_owned());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        session.flush();
        let language = chosen.get_untracked();
        let source = session.draft.with_untracked(|d| d.pack.clone());
        let source_id = session.id();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let start = published_edition(&source.id, &language).await;
            match super::session::create_translation(&source_id, &source, start, &language) {
                Ok(new) => navigate(
                    &format!("/studio/draft/{new}/translate"),
                    Default::default(),
                ),
                Err((error, bytes)) => {
                    problem.set(Some(super::storage_problem(i18n, &error, bytes)))
                }
            }
            busy.set(false);
        });
    };
    let options = choices
        .into_iter()
        .map(|l| view! { <option value=l.tag() lang=l.tag()>{l.native_name()}</option> })
        .collect_view();
    view! {
        <form class="translate-start" on:submit=start>
            <label for="translate-into">{i18n.s(Msg::StudioTranslateInto)}</label>
            <select id="translate-into" on:change=move |ev| chosen.set(event_target_value(&ev))>{options}</select>
            <button type="submit" class="button secondary small" disabled=move || busy.get()>{i18n.s(Msg::StudioStartTranslation)}</button>
            <p class="form-error" role="alert">{move || problem.get()}</p>
        </form>
    }
    .into_any()
}

/// The site's published edition of pack `id` in `language`, if the manifest lists one.
async fn published_edition(id: &str, language: &str) -> Option<Pack> {
    use crate::domain::manifest::{Manifest, Reason, MANIFEST_URL};
    let manifest = Manifest::from_json(&fetch_text(MANIFEST_URL).await.ok()?).ok()?;
    let choice = manifest.pack(id)?.choose(language, false);
    if choice.reason != Reason::Edition {
        return None;
    }
    Pack::from_json(&fetch_text(&choice.url).await.ok()?).ok()
}

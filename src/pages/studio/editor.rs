//! The editor for one draft: the tree, the selected node's fields, the validation panel, export,
//! the save state and the choice when another tab changed the same draft.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::export::ExportPanel;
use super::metadata::{ModuleMeta, PackMeta, TrackMeta};
use super::question_editor::{Lens, QuestionEditor};
use super::session::{open_session, SaveState, Session};
use super::translate::TranslateControl;
use super::tree::Tree;
use super::unit_editor::UnitEditor;
use super::validation_panel::ValidationPanel;
use crate::components::page_title::PageTitle;
use crate::domain::pack::Pack;
use crate::domain::studio::tree::{NodeKind, NodeRef};
use crate::domain::validate::validate;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

#[component]
pub fn EditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("draft").unwrap_or_default());
    match open_session(&id) {
        Some(session) => view! { <Editor session/> }.into_any(),
        None => view! {
            <section class="page narrow empty-state">
                <PageTitle text=i18n.sf(Msg::StudioDraftMissing, vec![])/>
                <A href="/studio" attr:class="button primary">{i18n.s(Msg::StudioBackHome)}</A>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn Editor(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let report = Memo::new(move |_| {
        session.settled.track();
        session.draft.with_untracked(|d| validate(&d.pack))
    });
    let id = session.id();
    let title = Signal::derive(move || session.draft.with(|d| d.pack.title.clone()));
    let heading = Signal::derive(move || {
        let title = title.get();
        i18n.f(Msg::StudioEditing, &[("title", title.as_str())])
    });

    let save_state = move || {
        let (class, text) = match session.save_state.get() {
            SaveState::Saved => ("save-state saved", i18n.t(Msg::StudioSaved).to_owned()),
            SaveState::Pending => ("save-state pending", i18n.t(Msg::StudioSaving).to_owned()),
            SaveState::Full { kb } => {
                let kb = kb.to_string();
                (
                    "save-state failed",
                    i18n.f(Msg::StudioQuota, &[("size", kb.as_str())]),
                )
            }
            SaveState::Failed(reason) => (
                "save-state failed",
                i18n.f(Msg::StudioSaveFailed, &[("reason", reason.as_str())]),
            ),
        };
        view! { <p class=class role="status" data-testid="save-state">{text}</p> }
    };

    let conflict = move || {
        session.conflict.get().map(|_| {
            view! {
                <div class="notice warning conflict" role="alert">
                    <p>{i18n.s(Msg::StudioConflict)}</p>
                    <button type="button" class="button primary small" on:click=move |_| session.keep_mine()>
                        {i18n.s(Msg::StudioKeepMine)}
                    </button>
                    " "
                    <button type="button" class="button secondary small" on:click=move |_| session.take_theirs()>
                        {i18n.s(Msg::StudioTakeTheirs)}
                    </button>
                </div>
            }
        })
    };

    let detail = move || {
        let node = session.selected.get();
        let kind = match node.kind() {
            NodeKind::Pack => Msg::StudioKindPack,
            NodeKind::Track => Msg::StudioKindTrack,
            NodeKind::Module => Msg::StudioKindModule,
            NodeKind::Unit => Msg::StudioKindUnit,
            NodeKind::Question => Msg::StudioKindQuestion,
        };
        let body = match node {
            NodeRef::Pack => view! { <PackMeta session/> }.into_any(),
            NodeRef::Track(t) => view! { <TrackMeta session t/> }.into_any(),
            NodeRef::Module(t, m) => view! { <ModuleMeta session t m/> }.into_any(),
            NodeRef::Unit(t, m, u) => view! { <UnitEditor session t m u/> }.into_any(),
            NodeRef::Question(t, m, q) => {
                let lens = Lens {
                    get: Arc::new(move |p: &Pack| {
                        p.tracks.get(t)?.modules.get(m)?.check.questions.get(q)
                    }),
                    get_mut: Arc::new(move |p: &mut Pack| {
                        p.tracks
                            .get_mut(t)?
                            .modules
                            .get_mut(m)?
                            .check
                            .questions
                            .get_mut(q)
                    }),
                };
                let heading = i18n.sf(Msg::StudioCheckQuestionN, vec![("n", (q + 1).to_string())]);
                view! { <QuestionEditor session node prefix="" lens heading/> }.into_any()
            }
        };
        view! {
            <h2 id="detail-heading" tabindex="-1">{i18n.s(kind)}</h2>
            {body}
        }
    };

    let preview_href = format!("/studio/draft/{id}/preview");
    let compare_href = format!("/studio/draft/{id}/compare");
    view! {
        <section class="page studio-editor">
            <header class="page-header">
                <p class="eyebrow"><A href="/studio">{i18n.s(Msg::StudioBackHome)}</A></p>
                <PageTitle text=heading/>
                <div class="toolbar" role="group" aria-label=i18n.s(Msg::StudioEditorActions)>
                    <button type="button" class="button secondary small" disabled=move || !session.can_undo() on:click=move |_| session.undo()>
                        {i18n.s(Msg::StudioUndo)}
                    </button>
                    <button type="button" class="button secondary small" disabled=move || !session.can_redo() on:click=move |_| session.redo()>
                        {i18n.s(Msg::StudioRedo)}
                    </button>
                    <a href=preview_href class="button secondary small" on:click=move |_| session.flush()>{i18n.s(Msg::StudioPreview)}</a>
                    <a href=compare_href class="button secondary small" on:click=move |_| session.flush()>{i18n.s(Msg::StudioCompare)}</a>
                    <TranslateControl session/>
                </div>
                {save_state}
            </header>
            {conflict}
            <div class="studio-layout">
                <Tree session/>
                <section class="card studio-detail" aria-labelledby="detail-heading">{detail}</section>
                <div class="studio-side">
                    <ValidationPanel session report/>
                    <ExportPanel session report/>
                </div>
            </div>
        </section>
    }
}

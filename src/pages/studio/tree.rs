//! The pack's outline: tracks → modules → units and questions. Select a node to edit it; the
//! toolbar adds, moves and deletes relative to the selection. Rows can also be dragged among their
//! siblings.

use leptos::prelude::*;

use super::session::Session;
use crate::domain::pack::QuestionKind;
use crate::domain::studio::tree::{Edit, NodeRef};
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

#[derive(Clone, PartialEq)]
struct ModuleOutline {
    title: String,
    units: Vec<String>,
    questions: Vec<String>,
}

#[derive(Clone, PartialEq)]
struct TrackOutline {
    title: String,
    modules: Vec<ModuleOutline>,
}

#[component]
pub fn Tree(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let outline = Memo::new(move |_| {
        session.draft.with(|d| {
            let tracks: Vec<TrackOutline> = d
                .pack
                .tracks
                .iter()
                .map(|t| TrackOutline {
                    title: t.title.clone(),
                    modules: t
                        .modules
                        .iter()
                        .map(|m| ModuleOutline {
                            title: m.title.clone(),
                            units: m.units.iter().map(|u| u.title.clone()).collect(),
                            questions: m.check.questions.iter().map(|q| q.prompt.clone()).collect(),
                        })
                        .collect(),
                })
                .collect();
            (d.pack.title.clone(), tracks)
        })
    });
    let dragged = RwSignal::new(None::<NodeRef>);
    let selected = session.selected;

    let row = move |node: NodeRef, kind: Msg, title: String| {
        let title = if title.trim().is_empty() {
            i18n.t(Msg::StudioUntitled).to_owned()
        } else {
            title
        };
        let draggable = (node != NodeRef::Pack).then_some("true");
        view! {
            <div
                class="tree-row"
                class:selected=move || selected.get() == node
                draggable=draggable
                on:dragstart=move |_| dragged.set(Some(node))
                on:dragover=move |ev| ev.prevent_default()
                on:drop=move |ev| {
                    ev.prevent_default();
                    if let Some(from) = dragged.get_untracked() {
                        if from.parent() == node.parent() && from.kind() == node.kind() && from != node {
                            let to = index_of(node);
                            session.apply(Edit::MoveTo(from, to));
                        }
                    }
                    dragged.set(None);
                }
            >
                <button
                    type="button"
                    class="tree-select"
                    aria-current=move || (selected.get() == node).then_some("true")
                    on:click=move |_| selected.set(node)
                >
                    <span class="tree-kind">{i18n.s(kind)}</span>
                    " "
                    <span class="tree-title">{title}</span>
                </button>
            </div>
        }
    };

    let tree = move || {
        let (pack_title, tracks) = outline.get();
        let tracks = tracks
            .into_iter()
            .enumerate()
            .map(|(t, track)| {
                let modules = track
                    .modules
                    .into_iter()
                    .enumerate()
                    .map(|(m, module)| {
                        let units = module
                            .units
                            .into_iter()
                            .enumerate()
                            .map(|(u, title)| view! { <li>{row(NodeRef::Unit(t, m, u), Msg::StudioKindUnit, title)}</li> })
                            .collect_view();
                        let questions = module
                            .questions
                            .into_iter()
                            .enumerate()
                            .map(|(q, title)| view! { <li>{row(NodeRef::Question(t, m, q), Msg::StudioKindQuestion, title)}</li> })
                            .collect_view();
                        view! {
                            <li>
                                {row(NodeRef::Module(t, m), Msg::StudioKindModule, module.title)}
                                <ul>{units}{questions}</ul>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li>
                        {row(NodeRef::Track(t), Msg::StudioKindTrack, track.title)}
                        <ul>{modules}</ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="tree">
                <li>
                    {row(NodeRef::Pack, Msg::StudioKindPack, pack_title)}
                    <ul>{tracks}</ul>
                </li>
            </ul>
        }
    };

    let track_of = move || match selected.get() {
        NodeRef::Pack => None,
        NodeRef::Track(t) | NodeRef::Module(t, _) => Some(t),
        NodeRef::Unit(t, ..) | NodeRef::Question(t, ..) => Some(t),
    };
    let module_of = move || match selected.get() {
        NodeRef::Module(t, m) | NodeRef::Unit(t, m, _) | NodeRef::Question(t, m, _) => Some((t, m)),
        _ => None,
    };
    let not_pack = move || selected.get() != NodeRef::Pack;

    view! {
        <nav class="studio-tree" aria-labelledby="tree-heading">
            <h2 id="tree-heading">{i18n.s(Msg::StudioTreeTitle)}</h2>
            <div class="toolbar" role="group" aria-label=i18n.s(Msg::StudioTreeActions)>
                <button type="button" class="button secondary small" on:click=move |_| session.apply(Edit::AddTrack)>
                    {i18n.s(Msg::StudioAddTrack)}
                </button>
                <button type="button" class="button secondary small" disabled=move || track_of().is_none()
                    on:click=move |_| if let Some(t) = track_of() { session.apply(Edit::AddModule(t)) }>
                    {i18n.s(Msg::StudioAddModule)}
                </button>
                <button type="button" class="button secondary small" disabled=move || module_of().is_none()
                    on:click=move |_| if let Some((t, m)) = module_of() { session.apply(Edit::AddUnit(t, m)) }>
                    {i18n.s(Msg::StudioAddUnit)}
                </button>
                <button type="button" class="button secondary small" disabled=move || module_of().is_none()
                    on:click=move |_| if let Some((t, m)) = module_of() { session.apply(Edit::AddQuestion(t, m, QuestionKind::Single)) }>
                    {i18n.s(Msg::StudioAddQuestion)}
                </button>
                <button type="button" class="button secondary small" disabled=move || !not_pack()
                    on:click=move |_| session.apply(Edit::Move(selected.get_untracked(), -1))>
                    {i18n.s(Msg::StudioMoveUp)}
                </button>
                <button type="button" class="button secondary small" disabled=move || !not_pack()
                    on:click=move |_| session.apply(Edit::Move(selected.get_untracked(), 1))>
                    {i18n.s(Msg::StudioMoveDown)}
                </button>
                <button type="button" class="button secondary small danger" disabled=move || !not_pack()
                    on:click=move |_| session.apply(Edit::Delete(selected.get_untracked()))>
                    {i18n.s(Msg::StudioDeleteNode)}
                </button>
            </div>
            {tree}
        </nav>
    }
}

fn index_of(node: NodeRef) -> usize {
    match node {
        NodeRef::Pack => 0,
        NodeRef::Track(i) | NodeRef::Module(_, i) => i,
        NodeRef::Unit(_, _, i) | NodeRef::Question(_, _, i) => i,
    }
}

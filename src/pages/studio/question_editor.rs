//! A question of any kind, with its options, which are correct, and per-option feedback. The same
//! editor serves knowledge checks, scenario questions and the final-assessment bank through a lens.

use std::sync::Arc;

use leptos::prelude::*;

use super::fields::{getter, setter, Field, Kind};
use super::session::Session;
use crate::domain::pack::{AnswerOption, Pack, Question, QuestionKind};
use crate::domain::studio::tree::{
    field_dom_id, new_question, objective_choices, toggle_objective, NodeRef,
};
use crate::domain::validate::limits;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

type Find = dyn Fn(&Pack) -> Option<&Question> + Send + Sync;
type FindMut = dyn Fn(&mut Pack) -> Option<&mut Question> + Send + Sync;

/// Finds the question in a pack, for reading and for writing.
#[derive(Clone)]
pub struct Lens {
    pub get: Arc<Find>,
    pub get_mut: Arc<FindMut>,
}

const KINDS: [(QuestionKind, &str, Msg); 4] = [
    (QuestionKind::Single, "single", Msg::StudioKindSingle),
    (QuestionKind::Multiple, "multiple", Msg::StudioKindMultiple),
    (
        QuestionKind::TrueFalse,
        "true_false",
        Msg::StudioKindTrueFalse,
    ),
    (QuestionKind::Scenario, "scenario", Msg::StudioKindScenario),
];

#[component]
pub fn QuestionEditor(
    session: Session,
    node: NodeRef,
    /// Prepended to field names, so that several questions under one node get distinct ids.
    #[prop(into)]
    prefix: String,
    lens: Lens,
    /// The question's heading, such as "Question 2".
    #[prop(into)]
    heading: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let prefix_for_options = prefix.clone();
    let name = move |field: &str| format!("{prefix}{field}");
    let read = {
        let get = lens.get.clone();
        move |f: fn(&Question) -> String| {
            let get = get.clone();
            getter(move |p| get(p).map(f))
        }
    };
    let write = {
        let get_mut = lens.get_mut.clone();
        move |f: fn(&mut Question, String)| {
            let get_mut = get_mut.clone();
            setter(move |p, v| {
                f(get_mut(p)?, v);
                Some(())
            })
        }
    };
    let kind_id = field_dom_id(node, &name("kind"));
    let get = lens.get.clone();
    let kind = Memo::new(move |_| {
        session
            .draft
            .with(|d| get(&d.pack).map(|q| q.kind).unwrap_or(QuestionKind::Single))
    });
    let get = lens.get.clone();
    let option_count = Memo::new(move |_| {
        session
            .draft
            .with(|d| get(&d.pack).map(|q| q.options.len()).unwrap_or(0))
    });
    let get_mut = lens.get_mut.clone();
    let on_kind = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let Some(new_kind) = KINDS.iter().find(|k| k.1 == value).map(|k| k.0) else {
            return;
        };
        let get_mut = get_mut.clone();
        session.edit_step(move |p| {
            if let Some(q) = get_mut(p) {
                let was_true_false = q.kind == QuestionKind::TrueFalse;
                q.kind = new_kind;
                if new_kind == QuestionKind::TrueFalse {
                    q.options = new_question(String::new(), new_kind).options;
                } else if was_true_false {
                    for o in &mut q.options {
                        o.id = if o.id == "true" {
                            "a".into()
                        } else {
                            "b".into()
                        };
                    }
                }
            }
        });
    };
    let kind_options = KINDS
        .iter()
        .map(|(k, value, label)| {
            let k = *k;
            view! { <option value=*value selected=move || kind.get() == k>{i18n.s(*label)}</option> }
        })
        .collect_view();

    let lens_for_options = lens.clone();
    let options = move || {
        let count = option_count.get();
        (0..count)
            .map(|i| {
                let lens = lens_for_options.clone();
                let prefix = prefix_for_options.clone();
                view! { <OptionEditor session node prefix lens i kind/> }
            })
            .collect_view()
    };
    let get_mut = lens.get_mut.clone();
    let add_option = move |_| {
        let get_mut = get_mut.clone();
        session.edit_step(move |p| {
            if let Some(q) = get_mut(p) {
                let taken: Vec<String> = q.options.iter().map(|o| o.id.clone()).collect();
                let id = ('a'..='z')
                    .map(String::from)
                    .find(|c| !taken.contains(c))
                    .unwrap_or_else(|| format!("o{}", q.options.len() + 1));
                q.options.push(AnswerOption {
                    id,
                    text: String::new(),
                    correct: false,
                    feedback: String::new(),
                });
            }
        });
    };
    let can_add =
        move || kind.get() != QuestionKind::TrueFalse && option_count.get() < limits::OPTIONS;

    view! {
        <fieldset class="question-editor">
            <legend>{heading}</legend>
            <div class="field-row">
                <div class="field">
                    <label for=kind_id.clone()>{i18n.s(Msg::StudioFieldKind)}</label>
                    <select id=kind_id on:change=on_kind>{kind_options}</select>
                </div>
                <Field session node field=name("id") label=i18n.s(Msg::StudioFieldId)
                    get=read(|q| q.id.clone()) set=write(|q, v| q.id = v)/>
            </div>
            <Field session node field=name("prompt") label=i18n.s(Msg::StudioFieldPrompt) kind=Kind::Text { rows: 3 }
                get=read(|q| q.prompt.clone()) set=write(|q, v| q.prompt = v)/>
            <div class="options" id=field_dom_id(node, &name("options")) tabindex="-1">{options}</div>
            <button type="button" class="button secondary small" disabled=move || !can_add() on:click=add_option>
                {i18n.s(Msg::StudioAddOption)}
            </button>
            <Field session node field=name("explanation") label=i18n.s(Msg::StudioFieldExplanation) kind=Kind::Text { rows: 2 }
                get=read(|q| q.explanation.clone()) set=write(|q, v| q.explanation = v)/>
            <ObjectivePicker session node id=field_dom_id(node, &name("objectives")) lens=lens.clone()/>
        </fieldset>
    }
}

/// Checkboxes for the objectives the question tests, among those it may test
/// ([`objective_choices`]). Spaced review shows recall per objective from them.
#[component]
fn ObjectivePicker(session: Session, node: NodeRef, id: String, lens: Lens) -> impl IntoView {
    let i18n = use_i18n();
    let choices = Memo::new(move |_| session.draft.with(|d| objective_choices(&d.pack, node)));
    let get = lens.get.clone();
    let named = Memo::new(move |_| {
        session.draft.with(|d| {
            get(&d.pack)
                .map(|q| q.objectives.clone())
                .unwrap_or_default()
        })
    });
    let hint_id = format!("{id}-hint");
    let box_prefix = id.clone();
    let boxes = move || {
        let list = choices.get();
        if list.is_empty() {
            return view! { <p class="meta">{i18n.s(Msg::StudioNoObjectives)}</p> }.into_any();
        }
        let several_modules = list.iter().any(|c| c.module != list[0].module);
        list.into_iter()
            .enumerate()
            .map(|(n, choice)| {
                let box_id = format!("{box_prefix}-{n}");
                let objective = choice.id.clone();
                let checked = {
                    let objective = objective.clone();
                    move || named.with(|ids| ids.contains(&objective))
                };
                let get_mut = lens.get_mut.clone();
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    let objective = objective.clone();
                    let get_mut = get_mut.clone();
                    let choices = choices.get_untracked();
                    session.edit_step(move |p| {
                        if let Some(q) = get_mut(p) {
                            toggle_objective(q, &choices, &objective, on);
                        }
                    });
                };
                let module = several_modules.then(|| view! { <span class="meta">" · "{choice.module.clone()}</span> });
                view! {
                    <div class="field checkbox">
                        <input type="checkbox" id=box_id.clone() prop:checked=checked on:change=toggle/>
                        <label for=box_id>{choice.text.clone()}{module}</label>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <fieldset class="objective-picker" id=id tabindex="-1" aria-describedby=hint_id.clone()>
            <legend>{i18n.s(Msg::StudioQuestionObjectives)}</legend>
            <p class="meta" id=hint_id.clone()>{i18n.s(Msg::StudioQuestionObjectivesHint)}</p>
            {boxes}
        </fieldset>
    }
}

#[component]
fn OptionEditor(
    session: Session,
    node: NodeRef,
    prefix: String,
    lens: Lens,
    /// 0-based position.
    i: usize,
    kind: Memo<QuestionKind>,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = i + 1;
    let field = move |f: &str| format!("{prefix}o{n}-{f}");
    let get = lens.get.clone();
    let option = move |p: &Pack| -> Option<AnswerOption> { get(p)?.options.get(i).cloned() };
    let text_get = {
        let option = option.clone();
        getter(move |p| option(p).map(|o| o.text))
    };
    let feedback_get = {
        let option = option.clone();
        getter(move |p| option(p).map(|o| o.feedback))
    };
    let gm = lens.get_mut.clone();
    let text_set = setter(move |p, v| {
        gm(p)?.options.get_mut(i)?.text = v;
        Some(())
    });
    let gm = lens.get_mut.clone();
    let feedback_set = setter(move |p, v| {
        gm(p)?.options.get_mut(i)?.feedback = v;
        Some(())
    });
    let correct_id = field_dom_id(node, &field("correct"));
    let is_correct = {
        let option = option.clone();
        move || {
            session
                .draft
                .with(|d| option(&d.pack).map(|o| o.correct).unwrap_or(false))
        }
    };
    let gm = lens.get_mut.clone();
    let on_correct = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        let gm = gm.clone();
        session.edit_step(move |p| {
            if let Some(q) = gm(p) {
                let single = q.kind.is_single_answer();
                for (j, o) in q.options.iter_mut().enumerate() {
                    if j == i {
                        o.correct = checked;
                    } else if single && checked {
                        o.correct = false;
                    }
                }
            }
        });
    };
    let gm = lens.get_mut.clone();
    let remove = move |_| {
        let gm = gm.clone();
        session.edit_step(move |p| {
            if let Some(q) = gm(p) {
                if i < q.options.len() {
                    q.options.remove(i);
                }
            }
        });
    };
    let heading = i18n.sf(Msg::StudioOptionN, vec![("n", n.to_string())]);
    let remove_label = i18n.sf(Msg::StudioRemoveOptionN, vec![("n", n.to_string())]);
    let fixed = move || kind.get() == QuestionKind::TrueFalse;
    view! {
        <fieldset class="option-editor">
            <legend>{heading}</legend>
            <Field session node field=field("text") label=i18n.s(Msg::StudioFieldOptionText) get=text_get set=text_set/>
            <div class="field check">
                <input id=correct_id.clone() type="checkbox" prop:checked=is_correct on:change=on_correct/>
                <label for=correct_id>{i18n.s(Msg::StudioFieldCorrect)}</label>
            </div>
            <Field session node field=field("feedback") label=i18n.s(Msg::StudioFieldFeedback) kind=Kind::Text { rows: 2 }
                get=feedback_get set=feedback_set/>
            <button type="button" class="button secondary small" aria-label=remove_label disabled=fixed on:click=remove>
                {i18n.s(Msg::StudioRemoveOption)}
            </button>
        </fieldset>
    }
}

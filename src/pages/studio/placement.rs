//! The pack's placement questions: in a role question each option points towards an audience; in a
//! knowledge question no option does, and the right answer names the modules the learner knows.

use leptos::prelude::*;

use super::fields::{getter, lines, setter, Field, Kind};
use super::session::Session;
use crate::domain::pack::{Audience, Pack, PlacementOption, PlacementQuestion};
use crate::domain::studio::tree::{fresh_id, NodeRef};
use crate::i18n::Msg;
use crate::pages::learn::audience_label;
use crate::state::i18n::use_i18n;

fn question(p: &Pack, q: usize) -> Option<&PlacementQuestion> {
    p.placement.get(q)
}

fn question_mut(p: &mut Pack, q: usize) -> Option<&mut PlacementQuestion> {
    p.placement.get_mut(q)
}

fn option_mut(p: &mut Pack, q: usize, o: usize) -> Option<&mut PlacementOption> {
    p.placement.get_mut(q)?.options.get_mut(o)
}

#[component]
pub fn PlacementEditor(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::Pack;
    let shape = Memo::new(move |_| {
        session.draft.with(|d| {
            d.pack
                .placement
                .iter()
                .map(|q| q.options.len())
                .collect::<Vec<_>>()
        })
    });
    let questions = move || {
        shape
            .get()
            .into_iter()
            .enumerate()
            .map(|(q, options)| {
                let n = q + 1;
                let options = (0..options)
                    .map(|o| {
                        let m = o + 1;
                        let select_id = format!("f-pack-p{n}-o{m}-points-to");
                        let current = move || {
                            session.draft.with(|d| {
                                question(&d.pack, q)
                                    .and_then(|x| x.options.get(o))
                                    .and_then(|x| x.points_to)
                            })
                        };
                        let none = view! { <option value="" selected=move || current().is_none()>{i18n.s(Msg::StudioPointsToNone)}</option> };
                        let choices = Audience::ALL
                            .into_iter()
                            .map(|who| {
                                view! { <option value=who.as_str() selected=move || current() == Some(who)>{i18n.s(audience_label(who))}</option> }
                            })
                            .collect_view();
                        let on_change = move |ev: leptos::ev::Event| {
                            let value = event_target_value(&ev);
                            let who = Audience::ALL.into_iter().find(|a| a.as_str() == value);
                            session.edit_step(move |p| {
                                if let Some(x) = option_mut(p, q, o) {
                                    x.points_to = who;
                                }
                            });
                        };
                        let legend = i18n.sf(Msg::StudioOptionN, vec![("n", m.to_string())]);
                        view! {
                            <fieldset class="option-editor">
                                <legend>{legend}</legend>
                                <Field session node field=format!("p{n}-o{m}-text") label=i18n.s(Msg::StudioFieldOptionText)
                                    get=getter(move |p| question(p, q)?.options.get(o).map(|x| x.text.clone()))
                                    set=setter(move |p, v| { option_mut(p, q, o)?.text = v; Some(()) })/>
                                <div class="field">
                                    <label for=select_id.clone()>{i18n.s(Msg::StudioFieldPointsTo)}</label>
                                    <select id=select_id on:change=on_change>{none}{choices}</select>
                                </div>
                                <Field session node field=format!("p{n}-o{m}-knows") label=i18n.s(Msg::StudioFieldKnows) kind=Kind::Text { rows: 2 } hint=i18n.s(Msg::StudioOneIdPerLine)
                                    get=getter(move |p| question(p, q)?.options.get(o).map(|x| x.knows_modules.join("\n")))
                                    set=setter(move |p, v| { option_mut(p, q, o)?.knows_modules = lines(&v); Some(()) })/>
                            </fieldset>
                        }
                    })
                    .collect_view();
                let add_option = move |_| {
                    session.edit_step(move |p| {
                        if let Some(x) = question_mut(p, q) {
                            let taken = x.options.iter().map(|o| o.id.clone()).collect();
                            x.options.push(PlacementOption {
                                id: fresh_id("o", &taken),
                                text: String::new(),
                                points_to: None,
                                knows_modules: Vec::new(),
                            });
                        }
                    })
                };
                let remove = move |_| {
                    session.edit_step(move |p| {
                        if q < p.placement.len() {
                            p.placement.remove(q);
                        }
                    })
                };
                let legend = i18n.sf(Msg::StudioPlacementN, vec![("n", n.to_string())]);
                let remove_label = i18n.sf(Msg::StudioRemovePlacementN, vec![("n", n.to_string())]);
                view! {
                    <fieldset class="question-editor">
                        <legend>{legend}</legend>
                        <Field session node field=format!("p{n}-prompt") label=i18n.s(Msg::StudioFieldPrompt) kind=Kind::Text { rows: 2 }
                            get=getter(move |p| question(p, q).map(|x| x.prompt.clone()))
                            set=setter(move |p, v| { question_mut(p, q)?.prompt = v; Some(()) })/>
                        {options}
                        <div class="toolbar">
                            <button type="button" class="button secondary small" on:click=add_option>{i18n.s(Msg::StudioAddOption)}</button>
                            <button type="button" class="button secondary small" aria-label=remove_label on:click=remove>{i18n.s(Msg::StudioRemoveOption)}</button>
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
    };
    let add = move |_| {
        session.edit_step(|p| {
            let taken = p.placement.iter().map(|q| q.id.clone()).collect();
            let id = fresh_id("placement", &taken);
            p.placement.push(PlacementQuestion {
                id,
                prompt: String::new(),
                options: Vec::new(),
            });
        })
    };
    view! {
        <section id="f-pack-placement" tabindex="-1" aria-labelledby="placement-heading">
            <h3 id="placement-heading">{i18n.s(Msg::StudioPlacementTitle)}</h3>
            <p class="hint">{i18n.s(Msg::StudioPlacementHint)}</p>
            {questions}
            <button type="button" class="button secondary small" on:click=add>{i18n.s(Msg::StudioAddPlacement)}</button>
        </section>
    }
}

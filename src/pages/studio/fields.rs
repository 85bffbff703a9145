//! Labelled form fields bound to one place in the draft through a getter and a setter.

use std::sync::Arc;

use leptos::prelude::*;

use super::session::Session;
use crate::domain::pack::Pack;
pub use crate::domain::studio::text::{lines, number};
use crate::domain::studio::tree::{field_dom_id, NodeRef};

pub type Getter = Arc<dyn Fn(&Pack) -> String + Send + Sync>;
pub type Setter = Arc<dyn Fn(&mut Pack, String) + Send + Sync>;

pub fn getter(f: impl Fn(&Pack) -> Option<String> + Send + Sync + 'static) -> Getter {
    Arc::new(move |p| f(p).unwrap_or_default())
}

pub fn setter(f: impl Fn(&mut Pack, String) -> Option<()> + Send + Sync + 'static) -> Setter {
    Arc::new(move |p, v| {
        let _ = f(p, v);
    })
}

/// How a field is edited.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Line,
    Text { rows: u32 },
    Number,
}

/// A text, number or multi-line field. Its DOM id follows `tree::field_dom_id`, so the validation
/// panel can focus it.
#[component]
pub fn Field(
    session: Session,
    node: NodeRef,
    /// The field name the validator uses, such as `title` (or `o2-feedback` for an option's).
    #[prop(into)]
    field: String,
    #[prop(into)] label: Signal<&'static str>,
    get: Getter,
    set: Setter,
    #[prop(default = Kind::Line)] kind: Kind,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    let id = field_dom_id(node, &field);
    // The first keystroke after focusing a field records one undo step for the whole edit.
    let armed = StoredValue::new(true);
    let hint_id = format!("{id}-hint");
    let described = hint.is_some().then(|| hint_id.clone());
    let value = move || session.draft.with(|d| get(&d.pack));
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let set = set.clone();
        if armed.get_value() {
            armed.set_value(false);
            session.edit_step(move |p| set(p, text));
        } else {
            session.edit(move |p| set(p, text));
        }
    };
    let on_focus = move |_| armed.set_value(true);
    let control = match kind {
        Kind::Text { rows } => view! {
            <textarea id=id.clone() rows=rows aria-describedby=described.clone() prop:value=value on:input=on_input on:focus=on_focus></textarea>
        }
        .into_any(),
        Kind::Number => view! {
            <input id=id.clone() type="number" min="0" inputmode="numeric" aria-describedby=described.clone() prop:value=value on:input=on_input on:focus=on_focus/>
        }
        .into_any(),
        Kind::Line => view! {
            <input id=id.clone() type="text" aria-describedby=described.clone() prop:value=value on:input=on_input on:focus=on_focus/>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            {control}
        </div>
    }
}

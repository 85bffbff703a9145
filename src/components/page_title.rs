//! The page's one `<h1>`, which also names the browser tab.

use std::cell::Cell;

use leptos::html;
use leptos::prelude::*;

use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

/// The main heading. It can take focus so that route changes can move focus to it.
#[component]
pub fn PageTitle(
    /// The heading text, reactive so that it follows the language.
    #[prop(into)]
    text: Signal<String>,
    /// The language of the text when it is not the interface's (pack text in another language).
    #[prop(default = None)]
    lang: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let app = i18n.t(Msg::AppName);
        document().set_title(&format!("{} · {app}", text.get()));
    });
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move |_| {
        if let Some(element) = heading.get() {
            // The effect can run before the heading is attached to the document, and focusing a
            // detached element does nothing; wait a frame.
            request_animation_frame(move || {
                if element.is_connected() && claim_heading_focus() {
                    let _ = element.focus();
                }
            });
        }
    });
    view! { <h1 tabindex="-1" node_ref=heading lang=lang>{text}</h1> }
}

thread_local! {
    static FOCUS_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Asks the next page heading to take focus.
pub fn request_heading_focus() {
    FOCUS_PENDING.with(|pending| pending.set(true));
}

/// Takes the pending request, if any.
pub fn claim_heading_focus() -> bool {
    FOCUS_PENDING.with(|pending| pending.replace(false))
}

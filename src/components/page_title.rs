//! The page's one `<h1>`, which also names the browser tab.

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

/// The main heading. It can take focus so that route changes can move focus to it.
#[component]
pub fn PageTitle(
    /// The heading text, reactive so that it follows the language.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let app = i18n.t(Msg::AppName);
        document().set_title(&format!("{} · {app}", text.get()));
    });
    view! { <h1 tabindex="-1">{text}</h1> }
}

//! Renders trainer Markdown by building DOM nodes from the domain's safe node tree.
//! No string is ever parsed as HTML here: text always becomes text nodes.

use leptos::prelude::*;

use crate::domain::markdown::{render, render_inline, Align, Element, Node};

/// Markdown from a pack, rendered safely.
#[component]
pub fn Markdown(
    /// The Markdown source.
    #[prop(into)]
    source: String,
) -> impl IntoView {
    let nodes = render(&source);
    let lang = use_context::<crate::pages::learn::ContentLang>().map(|c| c.0);
    view! { <div class="prose" lang=lang>{nodes_view(&nodes)}</div> }
}

/// One line of pack text with inline emphasis only (a question's prompt), rendered safely.
#[component]
pub fn InlineMarkdown(
    /// The Markdown source.
    #[prop(into)]
    source: String,
) -> impl IntoView {
    let lang = use_context::<crate::pages::learn::ContentLang>().map(|c| c.0);
    view! { <bdi lang=lang>{nodes_view(&render_inline(&source))}</bdi> }
}

fn nodes_view(nodes: &[Node]) -> Vec<AnyView> {
    nodes.iter().map(node_view).collect()
}

fn align_class(align: Align) -> &'static str {
    match align {
        Align::None => "",
        Align::Left => "align-left",
        Align::Center => "align-center",
        Align::Right => "align-right",
    }
}

fn node_view(node: &Node) -> AnyView {
    let (element, children) = match node {
        Node::Text(text) => return text.clone().into_any(),
        Node::Element(element, children) => (element, children),
    };
    let inner = nodes_view(children);
    match element {
        Element::Paragraph => view! { <p>{inner}</p> }.into_any(),
        Element::Heading(2) => view! { <h2>{inner}</h2> }.into_any(),
        Element::Heading(3) => view! { <h3>{inner}</h3> }.into_any(),
        Element::Heading(4) => view! { <h4>{inner}</h4> }.into_any(),
        Element::Heading(5) => view! { <h5>{inner}</h5> }.into_any(),
        Element::Heading(_) => view! { <h6>{inner}</h6> }.into_any(),
        Element::BlockQuote => view! { <blockquote>{inner}</blockquote> }.into_any(),
        Element::List(None) => view! { <ul>{inner}</ul> }.into_any(),
        Element::List(Some(start)) => {
            let start = *start as i64;
            view! { <ol start=start>{inner}</ol> }.into_any()
        }
        Element::Item => view! { <li>{inner}</li> }.into_any(),
        Element::CodeBlock => view! { <pre tabindex="0"><code>{inner}</code></pre> }.into_any(),
        Element::Table => {
            view! { <div class="table-scroll" tabindex="0"><table>{inner}</table></div> }.into_any()
        }
        Element::TableHead => view! { <thead><tr>{inner}</tr></thead> }.into_any(),
        Element::TableRow => view! { <tr>{inner}</tr> }.into_any(),
        Element::TableCell {
            header: true,
            align,
        } => view! { <th scope="col" class=align_class(*align)>{inner}</th> }.into_any(),
        Element::TableCell {
            header: false,
            align,
        } => view! { <td class=align_class(*align)>{inner}</td> }.into_any(),
        Element::Emphasis => view! { <em>{inner}</em> }.into_any(),
        Element::Strong => view! { <strong>{inner}</strong> }.into_any(),
        Element::Strikethrough => view! { <del>{inner}</del> }.into_any(),
        Element::InlineCode => view! { <code>{inner}</code> }.into_any(),
        Element::Link {
            href: Some(href),
            title,
        } => {
            let title = (!title.is_empty()).then(|| title.clone());
            view! {
                <a href=href.clone() title=title target="_blank" rel="noopener noreferrer nofollow">
                    {inner}
                </a>
            }
            .into_any()
        }
        Element::Link { href: None, .. } => {
            view! { <span class="blocked-link">{inner}</span> }.into_any()
        }
        Element::LineBreak => view! { <br/> }.into_any(),
        Element::Rule => view! { <hr/> }.into_any(),
    }
}

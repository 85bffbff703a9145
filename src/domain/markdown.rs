//! Trainer Markdown, turned into a small tree of safe nodes.
//!
//! The view layer builds DOM nodes from this tree; nothing is ever parsed as HTML. Raw HTML in the
//! source becomes plain text, images become their alt text, links keep only http, https and mailto
//! targets, and nesting deeper than [`MAX_DEPTH`] is flattened so that hostile input cannot exhaust
//! the stack while rendering.

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};

/// Containers nested deeper than this keep their text but lose their structure.
pub const MAX_DEPTH: usize = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Paragraph,
    /// 2 to 6: level 1 is the page's own title, so `#` becomes a level-2 heading.
    Heading(u8),
    BlockQuote,
    /// `Some(n)` for an ordered list starting at `n`.
    List(Option<u64>),
    Item,
    CodeBlock,
    Table,
    TableHead,
    TableRow,
    TableCell {
        header: bool,
        align: Align,
    },
    Emphasis,
    Strong,
    Strikethrough,
    InlineCode,
    /// `href` is `None` when the target's scheme is not allowed; the text is kept.
    Link {
        href: Option<String>,
        title: String,
    },
    LineBreak,
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element, Vec<Node>),
    Text(String),
}

/// The schemes a link may use.
pub const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Returns the URL when its scheme is allowed. Relative and scheme-less URLs are refused too,
/// so that a pack cannot point inside the app or at another origin without saying so.
pub fn safe_href(url: &str) -> Option<String> {
    scheme_of(url)
        .filter(|scheme| ALLOWED_SCHEMES.contains(&scheme.as_str()))
        .map(|_| url.trim().to_owned())
}

/// The scheme as a browser would see it: surrounding whitespace ignored, tabs and newlines inside
/// removed, case folded.
pub fn scheme_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c.is_ascii_whitespace() || c.is_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

fn parser(source: &str) -> Parser<'_> {
    Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
}

/// Every link and image target in the source, in order, for the validator.
pub fn link_targets(source: &str) -> Vec<String> {
    parser(source)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

struct Frame {
    /// `None` for a container we keep only the text of (too deep, an image, unsupported syntax).
    element: Option<Element>,
    children: Vec<Node>,
}

/// Parses Markdown into safe nodes.
pub fn render(source: &str) -> Vec<Node> {
    let mut stack = vec![Frame {
        element: None,
        children: Vec::new(),
    }];
    let mut aligns: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut cell_index = 0usize;

    for event in parser(source) {
        match event {
            Event::Start(tag) => {
                let element = match tag {
                    Tag::Paragraph | Tag::HtmlBlock => Some(Element::Paragraph),
                    Tag::Heading { level, .. } => Some(Element::Heading((level as u8).max(2))),
                    Tag::BlockQuote(_) => Some(Element::BlockQuote),
                    Tag::CodeBlock(_) => Some(Element::CodeBlock),
                    Tag::List(start) => Some(Element::List(start)),
                    Tag::Item => Some(Element::Item),
                    Tag::Table(table_aligns) => {
                        aligns = table_aligns;
                        Some(Element::Table)
                    }
                    Tag::TableHead => {
                        in_head = true;
                        cell_index = 0;
                        Some(Element::TableHead)
                    }
                    Tag::TableRow => {
                        cell_index = 0;
                        Some(Element::TableRow)
                    }
                    Tag::TableCell => {
                        let align = match aligns.get(cell_index) {
                            Some(Alignment::Left) => Align::Left,
                            Some(Alignment::Center) => Align::Center,
                            Some(Alignment::Right) => Align::Right,
                            _ => Align::None,
                        };
                        cell_index += 1;
                        Some(Element::TableCell {
                            header: in_head,
                            align,
                        })
                    }
                    Tag::Emphasis => Some(Element::Emphasis),
                    Tag::Strong => Some(Element::Strong),
                    Tag::Strikethrough => Some(Element::Strikethrough),
                    Tag::Link {
                        dest_url, title, ..
                    } => Some(Element::Link {
                        href: safe_href(&dest_url),
                        title: title.into_string(),
                    }),
                    _ => None,
                };
                // The root frame does not count towards the depth.
                let element = element.filter(|_| stack.len() <= MAX_DEPTH);
                stack.push(Frame {
                    element,
                    children: Vec::new(),
                });
            }
            Event::End(end) => {
                if matches!(end, TagEnd::TableHead) {
                    in_head = false;
                }
                if stack.len() > 1 {
                    if let Some(frame) = stack.pop() {
                        close(&mut stack, frame);
                    }
                }
            }
            Event::Text(text)
            | Event::Html(text)
            | Event::InlineHtml(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text)
            | Event::FootnoteReference(text) => push_text(&mut stack, &text),
            Event::Code(code) => push(
                &mut stack,
                Node::Element(Element::InlineCode, vec![Node::Text(code.into_string())]),
            ),
            Event::SoftBreak => push_text(&mut stack, " "),
            Event::HardBreak => push(&mut stack, Node::Element(Element::LineBreak, vec![])),
            Event::Rule => push(&mut stack, Node::Element(Element::Rule, vec![])),
            Event::TaskListMarker(done) => push_text(&mut stack, if done { "☑ " } else { "☐ " }),
        }
    }
    while stack.len() > 1 {
        if let Some(frame) = stack.pop() {
            close(&mut stack, frame);
        }
    }
    stack.pop().map(|root| root.children).unwrap_or_default()
}

fn close(stack: &mut [Frame], frame: Frame) {
    let Some(parent) = stack.last_mut() else {
        return;
    };
    match frame.element {
        Some(element) => parent.children.push(Node::Element(element, frame.children)),
        None => parent.children.extend(frame.children),
    }
}

fn push(stack: &mut [Frame], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

/// Appends text, joining it to a preceding text node so the DOM gets fewer nodes.
fn push_text(stack: &mut [Frame], text: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(previous)) = top.children.last_mut() {
            previous.push_str(text);
        } else {
            top.children.push(Node::Text(text.to_owned()));
        }
    }
}

/// Parses a one-line Markdown text, such as a question's prompt, keeping only inline emphasis:
/// `*emphasis*`, `**strong**`, `~~strikethrough~~` and `` `code` ``. Block structure (paragraphs,
/// headings, list markers) and links are reduced to their text, so a prompt always reads as one
/// line of text that may stress a word ("Which of these is **not** …").
pub fn render_inline(source: &str) -> Vec<Node> {
    fn flatten(nodes: Vec<Node>, out: &mut Vec<Node>) {
        for node in nodes {
            match node {
                Node::Text(text) => push_text(out, &text),
                Node::Element(
                    element @ (Element::Emphasis
                    | Element::Strong
                    | Element::Strikethrough
                    | Element::InlineCode),
                    children,
                ) => {
                    let mut inner = Vec::new();
                    flatten(children, &mut inner);
                    out.push(Node::Element(element, inner));
                }
                Node::Element(Element::LineBreak | Element::Rule, _) => push_text(out, " "),
                Node::Element(element, children) => {
                    let block = !matches!(element, Element::Link { .. });
                    if block && !out.is_empty() {
                        push_text(out, " ");
                    }
                    flatten(children, out);
                }
            }
        }
    }
    fn push_text(out: &mut Vec<Node>, text: &str) {
        match out.last_mut() {
            Some(Node::Text(previous)) => previous.push_str(text),
            _ => out.push(Node::Text(text.to_owned())),
        }
    }
    let mut out = Vec::new();
    flatten(render(source), &mut out);
    out
}

/// The plain text of a tree, for word counts and accessible summaries.
pub fn plain_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    let mut pending: Vec<&Node> = nodes.iter().rev().collect();
    while let Some(node) = pending.pop() {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(_, children) => {
                out.push(' ');
                pending.extend(children.iter().rev());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Node {
        Node::Text(s.into())
    }
    fn el(e: Element, children: Vec<Node>) -> Node {
        Node::Element(e, children)
    }

    #[test]
    fn scheme_table() {
        let cases = [
            ("https://example.org", Some("https")),
            ("HTTP://EXAMPLE.ORG", Some("http")),
            ("mailto:a@b.c", Some("mailto")),
            ("javascript:alert(1)", Some("javascript")),
            (" JaVaScRiPt:alert(1)", Some("javascript")),
            ("java\tscript:alert(1)", Some("javascript")),
            ("java\nscript:alert(1)", Some("javascript")),
            ("\u{1}javascript:alert(1)", Some("javascript")),
            ("data:text/html,<script>", Some("data")),
            ("vbscript:msgbox", Some("vbscript")),
            ("/relative/path", None),
            ("//evil.example", None),
            ("#anchor", None),
            ("", None),
        ];
        for (url, want) in cases {
            assert_eq!(scheme_of(url).as_deref(), want, "{url:?}");
        }
    }

    #[test]
    fn only_allowed_links_keep_their_target() {
        let cases = [
            ("[a](https://example.org)", Some("https://example.org")),
            ("[a](mailto:x@example.org)", Some("mailto:x@example.org")),
            ("[a](javascript:alert(1))", None),
            ("[a](data:text/html;base64,PHNjcmlwdD4=)", None),
            ("[a](/learn)", None),
            ("<javascript:alert(1)>", None),
        ];
        for (source, want) in cases {
            let nodes = render(source);
            let Node::Element(Element::Paragraph, children) = &nodes[0] else {
                panic!("{source}: {nodes:?}")
            };
            let Node::Element(Element::Link { href, .. }, _) = &children[0] else {
                panic!("{source}: {children:?}")
            };
            assert_eq!(href.as_deref(), want, "{source}");
        }
    }

    #[test]
    fn raw_html_becomes_text() {
        let cases = [
            "<script>alert(1)</script>",
            "Hello <img src=x onerror=alert(1)> there",
            "<div onclick=\"x()\">block</div>",
        ];
        for source in cases {
            let nodes = render(source);
            let shown = plain_text(&nodes);
            assert!(
                shown.contains('<') && shown.contains('>'),
                "{source:?} lost its markup text: {shown:?}"
            );
            fn no_links_or_code(nodes: &[Node]) -> bool {
                nodes.iter().all(|n| match n {
                    Node::Text(_) => true,
                    Node::Element(Element::Link { .. }, _) => false,
                    Node::Element(_, c) => no_links_or_code(c),
                })
            }
            assert!(no_links_or_code(&nodes), "{source:?}: {nodes:?}");
        }
    }

    #[test]
    fn renders_the_supported_syntax() {
        let nodes = render(
            "# Title\n\nSome *em* and **strong** and `code`.\n\n> quote\n\n1. one\n2. two\n",
        );
        assert_eq!(nodes[0], el(Element::Heading(2), vec![text("Title")]));
        assert_eq!(
            nodes[1],
            el(
                Element::Paragraph,
                vec![
                    text("Some "),
                    el(Element::Emphasis, vec![text("em")]),
                    text(" and "),
                    el(Element::Strong, vec![text("strong")]),
                    text(" and "),
                    el(Element::InlineCode, vec![text("code")]),
                    text("."),
                ]
            )
        );
        assert!(matches!(&nodes[2], Node::Element(Element::BlockQuote, _)));
        assert!(
            matches!(&nodes[3], Node::Element(Element::List(Some(1)), items) if items.len() == 2)
        );
    }

    #[test]
    fn tables_keep_header_and_alignment() {
        let nodes = render("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
        let Node::Element(Element::Table, parts) = &nodes[0] else {
            panic!("{nodes:?}")
        };
        let Node::Element(Element::TableHead, head) = &parts[0] else {
            panic!("{parts:?}")
        };
        assert!(matches!(
            &head[0],
            Node::Element(
                Element::TableCell {
                    header: true,
                    align: Align::Left
                },
                _
            )
        ));
        let Node::Element(Element::TableRow, row) = &parts[1] else {
            panic!("{parts:?}")
        };
        assert!(matches!(
            &row[1],
            Node::Element(
                Element::TableCell {
                    header: false,
                    align: Align::Right
                },
                _
            )
        ));
    }

    #[test]
    fn images_become_alt_text() {
        let nodes = render("![a chart](https://example.org/x.png)");
        assert_eq!(nodes, vec![el(Element::Paragraph, vec![text("a chart")])]);
    }

    fn depth(nodes: &[Node]) -> usize {
        // Iterative, so the test itself cannot overflow.
        let mut max = 0;
        let mut pending: Vec<(&Node, usize)> = nodes.iter().map(|n| (n, 1)).collect();
        while let Some((node, d)) = pending.pop() {
            max = max.max(d);
            if let Node::Element(_, children) = node {
                pending.extend(children.iter().map(|c| (c, d + 1)));
            }
        }
        max
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let mut source = String::new();
        for level in 0..2000 {
            source.push_str(&"  ".repeat(level));
            source.push_str("- item\n");
        }
        let nodes = render(&source);
        assert!(depth(&nodes) <= MAX_DEPTH + 2, "depth {}", depth(&nodes));
        assert_eq!(plain_text(&nodes).matches("item").count(), 2000);

        let quotes = ">".repeat(5000) + " deep";
        let nodes = render(&quotes);
        assert!(depth(&nodes) <= MAX_DEPTH + 2);
        assert!(plain_text(&nodes).contains("deep"));
    }

    #[test]
    fn link_targets_lists_links_and_images() {
        assert_eq!(
            link_targets("[a](https://x.org) ![b](data:image/png;base64,AA) <mailto:a@b.c>"),
            vec!["https://x.org", "data:image/png;base64,AA", "mailto:a@b.c"]
        );
    }

    #[test]
    fn inline_rendering_keeps_emphasis_and_drops_blocks() {
        let cases: Vec<(&str, Vec<Node>)> = vec![
            ("Plain prompt?", vec![text("Plain prompt?")]),
            (
                "Which is **not** a reason?",
                vec![
                    text("Which is "),
                    el(Element::Strong, vec![text("not")]),
                    text(" a reason?"),
                ],
            ),
            (
                "The `reason` field *changes*",
                vec![
                    text("The "),
                    el(Element::InlineCode, vec![text("reason")]),
                    text(" field "),
                    el(Element::Emphasis, vec![text("changes")]),
                ],
            ),
            ("# Heading-like prompt", vec![text("Heading-like prompt")]),
            ("1. Listed prompt", vec![text("Listed prompt")]),
            ("A [link](https://x.org) here", vec![text("A link here")]),
            ("<b>raw</b>", vec![text("<b>raw</b>")]),
            ("", vec![]),
        ];
        for (source, want) in cases {
            assert_eq!(render_inline(source), want, "{source:?}");
        }
    }
}

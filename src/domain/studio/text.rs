//! How list fields are written in the editor's text boxes: one item per line, and unit sources as
//! `title | address`.

use crate::domain::pack::Source;

/// Splits a text box into one item per line. Empty lines are kept (the validator reports them), so
/// that the text round-trips exactly while the trainer is typing a new line.
/// A module's objectives after editing them as one per line: each line keeps the id of the
/// objective in its place (so questions that test it still do), and new lines get new ids
/// (`<module id>-o<n>`, the first n not taken).
pub fn objectives_from_lines(
    module_id: &str,
    existing: &[crate::domain::pack::Objective],
    text: &str,
) -> Vec<crate::domain::pack::Objective> {
    use crate::domain::pack::{legacy_objective_id, Objective};
    let mut taken: Vec<String> = existing
        .iter()
        .enumerate()
        .map(|(n, o)| o.id(module_id, n))
        .collect();
    lines(text)
        .into_iter()
        .enumerate()
        .map(|(n, line)| match existing.get(n) {
            Some(Objective::Identified { id, .. }) => Objective::Identified {
                id: id.clone(),
                text: line,
            },
            Some(Objective::Text(_)) => Objective::Text(line),
            None => {
                let id = (n..)
                    .map(|k| legacy_objective_id(module_id, k))
                    .find(|id| !taken.contains(id))
                    .unwrap_or_default();
                taken.push(id.clone());
                Objective::Identified { id, text: line }
            }
        })
        .collect()
}

pub fn lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split('\n').map(str::to_owned).collect()
}

/// Sources as one line each: `title | https://address`, or just the title.
pub fn sources_text(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| match &s.url {
            Some(url) => format!("{} | {url}", s.title),
            None => s.title.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn parse_sources(text: &str) -> Vec<Source> {
    lines(text)
        .into_iter()
        .map(|line| match line.rsplit_once(" | ") {
            Some((title, url)) => Source {
                title: title.to_owned(),
                url: Some(url.trim().to_owned()).filter(|u| !u.is_empty()),
            },
            None => Source {
                title: line,
                url: None,
            },
        })
        .collect()
}

/// Parses a number field; an empty or invalid entry counts as 0, which the validator reports.
pub fn number<T: std::str::FromStr + Default>(text: &str) -> T {
    text.trim().parse().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_round_trip_while_typing() {
        let cases: [(&str, Vec<&str>); 4] = [
            ("", vec![]),
            ("one", vec!["one"]),
            ("one\n", vec!["one", ""]),
            ("a\nb", vec!["a", "b"]),
        ];
        for (text, want) in cases {
            assert_eq!(lines(text), want, "{text:?}");
            assert_eq!(lines(text).join("\n"), text);
        }
    }

    #[test]
    fn sources_table() {
        let cases = [
            ("Report", "Report", None),
            (
                "Report | https://example.org",
                "Report",
                Some("https://example.org"),
            ),
            ("A | B | https://x.org", "A | B", Some("https://x.org")),
            ("Empty | ", "Empty", None),
        ];
        for (text, title, url) in cases {
            let parsed = parse_sources(text);
            assert_eq!(parsed.len(), 1);
            assert_eq!(parsed[0].title, title, "{text:?}");
            assert_eq!(parsed[0].url.as_deref(), url, "{text:?}");
        }
        let two = parse_sources("A | https://a.org\nB");
        assert_eq!(sources_text(&two), "A | https://a.org\nB");
    }

    #[test]
    fn numbers_default_to_zero() {
        assert_eq!(number::<u32>(" 12 "), 12);
        assert_eq!(number::<u32>(""), 0);
        assert_eq!(number::<u8>("300"), 0);
        assert_eq!(number::<u32>("-1"), 0);
    }
}

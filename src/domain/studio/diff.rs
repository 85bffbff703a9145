//! What changed between two versions of a pack, unit by unit and question by question, and the
//! semantic-version bump that calls for. The same list tells certified learners what is new.

use std::collections::BTreeMap;

use crate::domain::pack::{Pack, Question, Unit};
use crate::domain::semver::Version;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    Unit,
    Question,
}

/// One unit or question that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub item: ItemKind,
    /// Where it is (in the newer pack when it exists there): the module id, and for questions the
    /// quiz it belongs to (`check`, `scenario:<id>` or `final:<track>`).
    pub place: String,
    pub id: String,
    /// The title (units) or prompt (questions), from the newer pack when it exists there.
    pub title: String,
}

type Items<'a, T> = BTreeMap<(String, String), (&'a T, String)>;

fn units(pack: &Pack) -> Items<'_, Unit> {
    let mut out = BTreeMap::new();
    for t in &pack.tracks {
        for m in &t.modules {
            for u in &m.units {
                out.insert((String::new(), u.id.clone()), (u, m.id.clone()));
            }
        }
    }
    out
}

/// Questions keyed by (quiz, id), because question ids are only unique within their quiz.
fn questions(pack: &Pack) -> Items<'_, Question> {
    let mut out = BTreeMap::new();
    for t in &pack.tracks {
        for m in &t.modules {
            for q in &m.check.questions {
                out.insert((format!("check:{}", m.id), q.id.clone()), (q, m.id.clone()));
            }
            for s in &m.scenarios {
                for q in &s.questions {
                    out.insert(
                        (format!("scenario:{}", s.id), q.id.clone()),
                        (q, m.id.clone()),
                    );
                }
            }
        }
        for q in &t.certification.bank {
            out.insert((format!("final:{}", t.id), q.id.clone()), (q, t.id.clone()));
        }
    }
    out
}

fn compare<T: PartialEq>(
    item: ItemKind,
    old: &Items<'_, T>,
    new: &Items<'_, T>,
    title: impl Fn(&T) -> String,
    out: &mut Vec<Change>,
) {
    let place = |key: &(String, String), parent: &str| {
        if key.0.is_empty() {
            parent.to_owned()
        } else {
            key.0.clone()
        }
    };
    for (key, (value, parent)) in new {
        let kind = match old.get(key) {
            None => ChangeKind::Added,
            Some((before, before_parent)) if *before != *value || before_parent != parent => {
                ChangeKind::Changed
            }
            Some(_) => continue,
        };
        out.push(Change {
            kind,
            item,
            place: place(key, parent),
            id: key.1.clone(),
            title: title(value),
        });
    }
    for (key, (value, parent)) in old {
        if !new.contains_key(key) {
            out.push(Change {
                kind: ChangeKind::Removed,
                item,
                place: place(key, parent),
                id: key.1.clone(),
                title: title(value),
            });
        }
    }
}

/// Every unit and question added, removed or changed from `old` to `new`: units first, then
/// questions, each group in id order.
pub fn diff(old: &Pack, new: &Pack) -> Vec<Change> {
    let mut out = Vec::new();
    compare(
        ItemKind::Unit,
        &units(old),
        &units(new),
        |u| u.title.clone(),
        &mut out,
    );
    compare(
        ItemKind::Question,
        &questions(old),
        &questions(new),
        |q| q.prompt.clone(),
        &mut out,
    );
    out.sort_by(|a, b| (a.item, &a.place, &a.id).cmp(&(b.item, &b.place, &b.id)));
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

/// The bump a change calls for, by the rule in `docs/publishing.md`: adding or removing content, or
/// changing what a track's certificate requires (its rules or the modules' prerequisites), is
/// minor: new certificates follow the new requirements and earlier ones stand until they expire.
/// Any other edit is a patch. Major (every holder must recertify) is never proposed: only a person
/// can judge that the previous assessment or what it taught was wrong, and the export dialog says
/// so.
pub fn propose_bump(old: &Pack, new: &Pack) -> Bump {
    if old.canonical_json() == new.canonical_json() {
        return Bump::None;
    }
    let ids = |p: &Pack| -> Vec<String> {
        p.tracks
            .iter()
            .flat_map(|t| {
                std::iter::once(format!("t:{}", t.id))
                    .chain(t.modules.iter().map(|m| format!("m:{}", m.id)))
            })
            .collect()
    };
    let requirements = |p: &Pack| -> Vec<String> {
        p.tracks
            .iter()
            .map(|t| {
                let c = &t.certification;
                let prerequisites: Vec<&Vec<String>> =
                    t.modules.iter().map(|m| &m.prerequisites).collect();
                format!(
                    "{}|{:?}|{}|{}|{}|{:?}",
                    t.id,
                    c.required_modules,
                    c.pass_mark,
                    c.assessment_size,
                    c.validity_months,
                    prerequisites
                )
            })
            .collect()
    };
    let structure_changed = ids(old) != ids(new) || requirements(old) != requirements(new);
    let changes = diff(old, new);
    if structure_changed || changes.iter().any(|c| c.kind != ChangeKind::Changed) {
        Bump::Minor
    } else {
        Bump::Patch
    }
}

/// The version after `bump`; an unparsable version restarts at 0.1.0.
pub fn bumped(version: &str, bump: Bump) -> String {
    let Some(v) = Version::parse(version) else {
        return "0.1.0".to_owned();
    };
    match bump {
        Bump::None => v,
        Bump::Patch => v.bump_patch(),
        Bump::Minor => v.bump_minor(),
        Bump::Major => v.bump_major(),
    }
    .to_string()
}

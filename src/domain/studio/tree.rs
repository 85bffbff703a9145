//! The pack as a tree the editor walks (tracks → modules → units and knowledge-check questions), the
//! edits trainers make on it, and an undo history.

use std::collections::BTreeSet;

use crate::domain::pack::{
    AnswerOption, Audience, Certification, KnowledgeCheck, Module, Pack, Question, QuestionKind,
    Track, Unit,
};
use crate::domain::validate::Segment;

/// A place in the tree, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeRef {
    Pack,
    Track(usize),
    Module(usize, usize),
    Unit(usize, usize, usize),
    /// A knowledge-check question of a module.
    Question(usize, usize, usize),
}

/// What a node is, for labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Pack,
    Track,
    Module,
    Unit,
    Question,
}

impl NodeRef {
    pub fn kind(self) -> NodeKind {
        match self {
            NodeRef::Pack => NodeKind::Pack,
            NodeRef::Track(..) => NodeKind::Track,
            NodeRef::Module(..) => NodeKind::Module,
            NodeRef::Unit(..) => NodeKind::Unit,
            NodeRef::Question(..) => NodeKind::Question,
        }
    }

    /// A stable string for DOM ids and URLs, such as `u-0-1-2`.
    pub fn key(self) -> String {
        match self {
            NodeRef::Pack => "pack".into(),
            NodeRef::Track(t) => format!("t-{t}"),
            NodeRef::Module(t, m) => format!("m-{t}-{m}"),
            NodeRef::Unit(t, m, u) => format!("u-{t}-{m}-{u}"),
            NodeRef::Question(t, m, q) => format!("q-{t}-{m}-{q}"),
        }
    }

    pub fn parse_key(key: &str) -> Option<NodeRef> {
        let mut parts = key.split('-');
        let tag = parts.next()?;
        let nums: Vec<usize> = parts.map(|p| p.parse().ok()).collect::<Option<_>>()?;
        Some(match (tag, nums.as_slice()) {
            ("pack", []) => NodeRef::Pack,
            ("t", [t]) => NodeRef::Track(*t),
            ("m", [t, m]) => NodeRef::Module(*t, *m),
            ("u", [t, m, u]) => NodeRef::Unit(*t, *m, *u),
            ("q", [t, m, q]) => NodeRef::Question(*t, *m, *q),
            _ => return None,
        })
    }

    /// The node's own position among its siblings.
    fn index(self) -> usize {
        match self {
            NodeRef::Pack => 0,
            NodeRef::Track(i) | NodeRef::Module(_, i) => i,
            NodeRef::Unit(_, _, i) | NodeRef::Question(_, _, i) => i,
        }
    }

    fn with_index(self, i: usize) -> NodeRef {
        match self {
            NodeRef::Pack => NodeRef::Pack,
            NodeRef::Track(_) => NodeRef::Track(i),
            NodeRef::Module(t, _) => NodeRef::Module(t, i),
            NodeRef::Unit(t, m, _) => NodeRef::Unit(t, m, i),
            NodeRef::Question(t, m, _) => NodeRef::Question(t, m, i),
        }
    }

    /// The node that holds this one.
    pub fn parent(self) -> Option<NodeRef> {
        match self {
            NodeRef::Pack => None,
            NodeRef::Track(_) => Some(NodeRef::Pack),
            NodeRef::Module(t, _) => Some(NodeRef::Track(t)),
            NodeRef::Unit(t, m, _) | NodeRef::Question(t, m, _) => Some(NodeRef::Module(t, m)),
        }
    }
}

/// One edit of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    AddTrack,
    AddModule(usize),
    AddUnit(usize, usize),
    AddQuestion(usize, usize, QuestionKind),
    Rename(NodeRef, String),
    Delete(NodeRef),
    /// Moves a node among its siblings by `offset` positions (−1 up, +1 down), clamped.
    Move(NodeRef, isize),
    /// Moves a node to another position among its siblings (drag and drop).
    MoveTo(NodeRef, usize),
}

/// Every module, unit and scenario id in the pack: they share one namespace.
fn content_ids(pack: &Pack) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for t in &pack.tracks {
        for m in &t.modules {
            ids.insert(m.id.clone());
            ids.extend(m.units.iter().map(|u| u.id.clone()));
            ids.extend(m.scenarios.iter().map(|s| s.id.clone()));
        }
    }
    ids
}

/// `base-1`, `base-2`, … : the first that `taken` lacks.
pub fn fresh_id(base: &str, taken: &BTreeSet<String>) -> String {
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_else(|| base.to_owned())
}

pub fn new_question(id: String, kind: QuestionKind) -> Question {
    let option = |id: &str, text: &str| AnswerOption {
        id: id.into(),
        text: text.into(),
        correct: false,
        feedback: String::new(),
    };
    let options = match kind {
        QuestionKind::TrueFalse => vec![option("true", "True"), option("false", "False")],
        _ => vec![option("a", ""), option("b", "")],
    };
    Question {
        id,
        kind,
        prompt: String::new(),
        options,
        explanation: String::new(),
        objectives: Vec::new(),
    }
}

fn new_track(id: String) -> Track {
    Track {
        id,
        title: "New track".into(),
        audience: vec![Audience::Everyone],
        summary: String::new(),
        outcomes: Vec::new(),
        modules: Vec::new(),
        certification: Certification {
            pass_mark: 80,
            required_modules: Vec::new(),
            assessment_size: 1,
            bank: Vec::new(),
            validity_months: 24,
            review_renewal: false,
        },
    }
}

fn new_module(id: String) -> Module {
    Module {
        id,
        title: "New module".into(),
        summary: String::new(),
        objectives: Vec::new(),
        minutes: 10,
        prerequisites: Vec::new(),
        units: Vec::new(),
        check: KnowledgeCheck {
            questions: Vec::new(),
        },
        scenarios: Vec::new(),
    }
}

fn new_unit(id: String) -> Unit {
    Unit {
        id,
        title: "New unit".into(),
        minutes: 5,
        body: String::new(),
        sources: Vec::new(),
        tags: Vec::new(),
    }
}

fn move_in<T>(items: &mut [T], from: usize, to: usize) -> Option<usize> {
    if from >= items.len() {
        return None;
    }
    let to = to.min(items.len() - 1);
    if from < to {
        items[from..=to].rotate_left(1);
    } else {
        items[to..=from].rotate_right(1);
    }
    Some(to)
}

/// The node's title as shown in the tree: a question's prompt, everything else its title.
pub fn title_of(pack: &Pack, node: NodeRef) -> Option<&str> {
    Some(match node {
        NodeRef::Pack => &pack.title,
        NodeRef::Track(t) => &pack.tracks.get(t)?.title,
        NodeRef::Module(t, m) => &pack.tracks.get(t)?.modules.get(m)?.title,
        NodeRef::Unit(t, m, u) => &pack.tracks.get(t)?.modules.get(m)?.units.get(u)?.title,
        NodeRef::Question(t, m, q) => {
            &pack
                .tracks
                .get(t)?
                .modules
                .get(m)?
                .check
                .questions
                .get(q)?
                .prompt
        }
    })
}

/// Applies one edit. Returns the node to select afterwards, or `None` when the edit did not apply
/// (a stale reference), in which case the pack is unchanged.
pub fn apply(pack: &mut Pack, edit: Edit) -> Option<NodeRef> {
    match edit {
        Edit::AddTrack => {
            let taken = pack.tracks.iter().map(|t| t.id.clone()).collect();
            pack.tracks.push(new_track(fresh_id("track", &taken)));
            Some(NodeRef::Track(pack.tracks.len() - 1))
        }
        Edit::AddModule(t) => {
            let id = fresh_id("module", &content_ids(pack));
            let track = pack.tracks.get_mut(t)?;
            track.modules.push(new_module(id.clone()));
            track.certification.required_modules.push(id);
            Some(NodeRef::Module(t, track.modules.len() - 1))
        }
        Edit::AddUnit(t, m) => {
            let id = fresh_id("unit", &content_ids(pack));
            let module = pack.tracks.get_mut(t)?.modules.get_mut(m)?;
            module.units.push(new_unit(id));
            Some(NodeRef::Unit(t, m, module.units.len() - 1))
        }
        Edit::AddQuestion(t, m, kind) => {
            let module = pack.tracks.get_mut(t)?.modules.get_mut(m)?;
            let mut taken: BTreeSet<String> = module
                .check
                .questions
                .iter()
                .map(|q| q.id.clone())
                .collect();
            for s in &module.scenarios {
                taken.extend(s.questions.iter().map(|q| q.id.clone()));
            }
            let question = new_question(fresh_id("q", &taken), kind);
            module.check.questions.push(question);
            Some(NodeRef::Question(t, m, module.check.questions.len() - 1))
        }
        Edit::Rename(node, title) => {
            let slot = match node {
                NodeRef::Pack => &mut pack.title,
                NodeRef::Track(t) => &mut pack.tracks.get_mut(t)?.title,
                NodeRef::Module(t, m) => &mut pack.tracks.get_mut(t)?.modules.get_mut(m)?.title,
                NodeRef::Unit(t, m, u) => {
                    &mut pack
                        .tracks
                        .get_mut(t)?
                        .modules
                        .get_mut(m)?
                        .units
                        .get_mut(u)?
                        .title
                }
                NodeRef::Question(t, m, q) => {
                    &mut pack
                        .tracks
                        .get_mut(t)?
                        .modules
                        .get_mut(m)?
                        .check
                        .questions
                        .get_mut(q)?
                        .prompt
                }
            };
            *slot = title;
            Some(node)
        }
        Edit::Delete(node) => {
            match node {
                NodeRef::Pack => return None,
                NodeRef::Track(t) => {
                    (t < pack.tracks.len()).then_some(())?;
                    pack.tracks.remove(t);
                }
                NodeRef::Module(t, m) => {
                    let track = pack.tracks.get_mut(t)?;
                    (m < track.modules.len()).then_some(())?;
                    let removed = track.modules.remove(m);
                    track
                        .certification
                        .required_modules
                        .retain(|id| *id != removed.id);
                }
                NodeRef::Unit(t, m, u) => {
                    let units = &mut pack.tracks.get_mut(t)?.modules.get_mut(m)?.units;
                    (u < units.len()).then_some(())?;
                    units.remove(u);
                }
                NodeRef::Question(t, m, q) => {
                    let questions =
                        &mut pack.tracks.get_mut(t)?.modules.get_mut(m)?.check.questions;
                    (q < questions.len()).then_some(())?;
                    questions.remove(q);
                }
            }
            node.parent()
        }
        Edit::Move(node, offset) => {
            let to = node.index().saturating_add_signed(offset);
            apply(pack, Edit::MoveTo(node, to))
        }
        Edit::MoveTo(node, to) => {
            let from = node.index();
            let to = match node {
                NodeRef::Pack => return None,
                NodeRef::Track(_) => move_in(&mut pack.tracks, from, to)?,
                NodeRef::Module(t, _) => move_in(&mut pack.tracks.get_mut(t)?.modules, from, to)?,
                NodeRef::Unit(t, m, _) => move_in(
                    &mut pack.tracks.get_mut(t)?.modules.get_mut(m)?.units,
                    from,
                    to,
                )?,
                NodeRef::Question(t, m, _) => move_in(
                    &mut pack.tracks.get_mut(t)?.modules.get_mut(m)?.check.questions,
                    from,
                    to,
                )?,
            };
            Some(node.with_index(to))
        }
    }
}

/// The pack with an undo and a redo stack of whole snapshots: simple, and cheap enough for packs of
/// the shipped size at the depth kept.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    undo: Vec<Pack>,
    redo: Vec<Pack>,
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

impl History {
    /// How many steps back are kept.
    pub const DEPTH: usize = 50;

    pub fn new() -> History {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// Applies `edit` to `pack`, recording the state before it. Edits that do not apply leave no step.
    pub fn apply(&mut self, pack: &mut Pack, edit: Edit) -> Option<NodeRef> {
        let before = pack.clone();
        let selected = apply(pack, edit)?;
        self.record(before);
        Some(selected)
    }

    /// Records `before` as an undo step (for field edits committed as one step).
    pub fn record(&mut self, before: Pack) {
        self.undo.push(before);
        if self.undo.len() > Self::DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self, pack: &mut Pack) -> bool {
        match self.undo.pop() {
            Some(previous) => {
                self.redo.push(std::mem::replace(pack, previous));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self, pack: &mut Pack) -> bool {
        match self.redo.pop() {
            Some(next) => {
                self.undo.push(std::mem::replace(pack, next));
                true
            }
            None => false,
        }
    }
}

/// Where a validation problem lives in the tree, for "jump to the field". Problems in scenarios,
/// the bank or placement land on their module or track (or the pack).
pub fn locate(pack: &Pack, location: &[Segment]) -> NodeRef {
    let mut node = NodeRef::Pack;
    let mut in_scenario = false;
    for segment in location {
        node = match (segment, node) {
            (Segment::Track(id), NodeRef::Pack) => {
                match pack.tracks.iter().position(|t| t.id == *id) {
                    Some(t) => NodeRef::Track(t),
                    None => return node,
                }
            }
            (Segment::Module(id), NodeRef::Track(t)) => {
                match pack.tracks[t].modules.iter().position(|m| m.id == *id) {
                    Some(m) => NodeRef::Module(t, m),
                    None => return node,
                }
            }
            (Segment::Unit(id), NodeRef::Module(t, m)) => {
                match pack.tracks[t].modules[m]
                    .units
                    .iter()
                    .position(|u| u.id == *id)
                {
                    Some(u) => NodeRef::Unit(t, m, u),
                    None => return node,
                }
            }
            (Segment::Scenario(_), _) | (Segment::Bank, _) | (Segment::Placement, _) => {
                in_scenario = true;
                node
            }
            (Segment::Question(n), NodeRef::Module(t, m)) if !in_scenario => {
                NodeRef::Question(t, m, n.saturating_sub(1))
            }
            _ => node,
        };
    }
    node
}

/// One objective a question may name: its id, its text, and the title of the module it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectiveChoice {
    pub id: String,
    pub text: String,
    pub module: String,
}

/// The objectives a question under `node` may test, as the validator allows them: a knowledge-check
/// question (`Question` node) or a scenario question (`Module` node) tests its own module's; a
/// final-assessment question (`Track` node) any module the certificate requires, the track's own and
/// those they build on ([`crate::domain::certification::required_modules`]), in that order.
pub fn objective_choices(pack: &Pack, node: NodeRef) -> Vec<ObjectiveChoice> {
    let of = |module: &Module| {
        module
            .objective_ids()
            .into_iter()
            .map(|(id, text)| ObjectiveChoice {
                id,
                text: text.to_owned(),
                module: module.title.clone(),
            })
            .collect::<Vec<_>>()
    };
    let module = |t: usize, m: usize| pack.tracks.get(t).and_then(|x| x.modules.get(m));
    match node {
        NodeRef::Question(t, m, _) | NodeRef::Module(t, m) => {
            module(t, m).map(of).unwrap_or_default()
        }
        NodeRef::Track(t) => pack
            .tracks
            .get(t)
            .map(|track| {
                crate::domain::certification::required_modules(pack, track)
                    .into_iter()
                    .flat_map(|(_, m)| of(m))
                    .collect()
            })
            .unwrap_or_default(),
        NodeRef::Pack | NodeRef::Unit(..) => Vec::new(),
    }
}

/// Sets whether a question names objective `id`, keeping the order of `choices` (then any ids the
/// question named that are not among them, as they were).
pub fn toggle_objective(question: &mut Question, choices: &[ObjectiveChoice], id: &str, on: bool) {
    let mut named: BTreeSet<String> = question.objectives.iter().cloned().collect();
    if on {
        named.insert(id.to_owned());
    } else {
        named.remove(id);
    }
    let mut ordered: Vec<String> = choices
        .iter()
        .filter(|c| named.contains(&c.id))
        .map(|c| c.id.clone())
        .collect();
    for old in &question.objectives {
        if named.contains(old) && !ordered.contains(old) {
            ordered.push(old.clone());
        }
    }
    question.objectives = ordered;
}

/// The DOM id of a field in the editor, so a problem can focus it: `f-<node key>-<field>`.
pub fn field_dom_id(node: NodeRef, field: &str) -> String {
    format!("f-{}-{}", node.key(), field.replace('_', "-"))
}

/// The node a problem belongs to and the DOM id of its field (option fields carry the option's
/// 1-based number, as in `f-q-0-0-1-o2-feedback`).
pub fn problem_target(pack: &Pack, location: &[Segment], field: Option<&str>) -> (NodeRef, String) {
    let node = locate(pack, location);
    let option = match (node, location.last()) {
        (NodeRef::Question(..), Some(Segment::Option(n))) => Some(*n),
        _ => None,
    };
    let field = field.unwrap_or("title");
    let id = match option {
        Some(n) => field_dom_id(node, &format!("o{n}-{field}")),
        None => field_dom_id(node, field),
    };
    (node, id)
}

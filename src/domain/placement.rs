//! The "not sure" self-assessment: which track fits, and which modules the learner seems to know.

use std::collections::{BTreeMap, BTreeSet};

use super::pack::{Audience, Pack};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub audience: Audience,
    /// The track written for that audience, if the pack has one.
    pub track_id: Option<String>,
    /// How many answers pointed at each role.
    pub scores: BTreeMap<Audience, u32>,
    pub known_modules: BTreeSet<String>,
}

/// Role audiences in the order used to break a tie that the first answer does not settle.
const ROLES: [Audience; 3] = [Audience::Leader, Audience::Technical, Audience::Frontline];

/// Recommends a track from placement answers (question id → chosen option id). The role most answers
/// point to wins; a tie goes to the role the first answered question pointed to, then to the order
/// leader, technical, frontline. Returns `None` when no answer points to a role.
pub fn recommend(pack: &Pack, answers: &BTreeMap<String, String>) -> Option<Recommendation> {
    let mut scores: BTreeMap<Audience, u32> = BTreeMap::new();
    let mut known_modules = BTreeSet::new();
    let mut first_pointer = None;
    for question in &pack.placement {
        let Some(option) = answers
            .get(&question.id)
            .and_then(|chosen| question.options.iter().find(|o| &o.id == chosen))
        else {
            continue;
        };
        if let Some(role) = option.points_to.filter(|a| ROLES.contains(a)) {
            *scores.entry(role).or_default() += 1;
            first_pointer.get_or_insert(role);
        }
        known_modules.extend(option.knows_modules.iter().cloned());
    }
    let best = scores.values().copied().max()?;
    let tied: Vec<Audience> = ROLES
        .into_iter()
        .filter(|a| scores.get(a) == Some(&best))
        .collect();
    let audience = first_pointer
        .filter(|a| tied.contains(a))
        .or_else(|| tied.first().copied())?;
    let track_id = pack
        .tracks
        .iter()
        .find(|t| t.is_for(audience))
        .map(|t| t.id.clone());
    Some(Recommendation {
        audience,
        track_id,
        scores,
        known_modules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pack::tests::EXAMPLE;
    use crate::domain::pack::{PlacementOption, PlacementQuestion};

    fn pack() -> Pack {
        let mut pack = Pack::from_json(EXAMPLE).unwrap();
        let option = |id: &str, to: Option<Audience>, knows: &[&str]| PlacementOption {
            id: id.into(),
            text: id.into(),
            points_to: to,
            knows_modules: knows.iter().map(|s| (*s).to_owned()).collect(),
        };
        pack.placement = (1..=4)
            .map(|n| PlacementQuestion {
                id: format!("p{n}"),
                prompt: "?".into(),
                options: vec![
                    option("lead", Some(Audience::Leader), &[]),
                    option("tech", Some(Audience::Technical), &[]),
                    option("front", Some(Audience::Frontline), &[]),
                    option("all", Some(Audience::Everyone), &[]),
                ],
            })
            .collect();
        // A knowledge question: the right answer marks a module as known and votes for nobody.
        pack.placement.push(PlacementQuestion {
            id: "k1".into(),
            prompt: "What does a language model predict?".into(),
            options: vec![
                option("right", None, &["checking-output"]),
                option("wrong", None, &[]),
                option("unsure", None, &[]),
            ],
        });
        pack.tracks[0].audience = vec![Audience::Technical];
        pack
    }

    fn answers(list: &[(&str, &str)]) -> BTreeMap<String, String> {
        list.iter()
            .map(|(q, o)| ((*q).to_owned(), (*o).to_owned()))
            .collect()
    }

    #[test]
    fn recommendation_table() {
        let pack = pack();
        type Case<'a> = (Vec<(&'a str, &'a str)>, Option<Audience>);
        let cases: Vec<Case> = vec![
            (vec![], None),
            (vec![("p1", "all")], None),
            (
                vec![("p1", "lead"), ("p2", "lead"), ("p3", "tech")],
                Some(Audience::Leader),
            ),
            (
                vec![("p1", "front"), ("p2", "tech"), ("p3", "tech")],
                Some(Audience::Technical),
            ),
            // A tie goes to the first answer's role...
            (
                vec![("p1", "front"), ("p2", "lead")],
                Some(Audience::Frontline),
            ),
            // ...unless that role is not among the tied ones.
            (
                vec![
                    ("p1", "front"),
                    ("p2", "lead"),
                    ("p3", "tech"),
                    ("p4", "tech"),
                ],
                Some(Audience::Technical),
            ),
            // Unknown questions and options are ignored.
            (
                vec![("p9", "lead"), ("p1", "nope"), ("p2", "tech")],
                Some(Audience::Technical),
            ),
        ];
        for (given, want) in cases {
            let got = recommend(&pack, &answers(&given)).map(|r| r.audience);
            assert_eq!(got, want, "{given:?}");
        }
    }

    /// Knowing less is never read as belonging to a role: whatever the knowledge answers, the
    /// scores come from the role answers alone.
    #[test]
    fn knowledge_answers_never_vote() {
        let pack = pack();
        for knowledge in ["right", "wrong", "unsure"] {
            let r = recommend(&pack, &answers(&[("p1", "lead"), ("k1", knowledge)])).unwrap();
            assert_eq!(
                r.scores,
                BTreeMap::from([(Audience::Leader, 1)]),
                "{knowledge}"
            );
        }
        assert_eq!(recommend(&pack, &answers(&[("k1", "right")])), None);
    }

    #[test]
    fn names_the_track_and_the_known_modules() {
        let pack = pack();
        let r = recommend(
            &pack,
            &answers(&[("p1", "tech"), ("p2", "tech"), ("k1", "right")]),
        )
        .unwrap();
        assert_eq!(r.track_id.as_deref(), Some("basics"));
        assert_eq!(
            r.known_modules,
            BTreeSet::from(["checking-output".to_owned()])
        );
        assert_eq!(r.scores[&Audience::Technical], 2);
        let r = recommend(&pack, &answers(&[("p1", "tech"), ("k1", "wrong")])).unwrap();
        assert!(r.known_modules.is_empty());
        let r = recommend(&pack, &answers(&[("p1", "lead")])).unwrap();
        assert_eq!(r.track_id, None, "the example pack has no leader track");
    }
}

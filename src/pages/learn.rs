//! The learner's views of the curriculum: catalogue, track, module and unit reader.

pub mod catalog;
pub mod gate;
pub mod module;
pub mod track;
pub mod unit;

use crate::domain::pack::Audience;
use crate::i18n::Msg;

pub fn audience_label(audience: Audience) -> Msg {
    match audience {
        Audience::Everyone => Msg::LearnAudienceEveryone,
        Audience::Leader => Msg::LearnAudienceLeader,
        Audience::Technical => Msg::LearnAudienceTechnical,
        Audience::Frontline => Msg::LearnAudienceFrontline,
    }
}

//! One page per file. Pages read contexts and call the domain; they hold no rules of their own.

pub mod certificate;
pub mod certificates;
pub mod certify;
pub mod home;
pub mod learn;
pub mod not_found;
pub mod profile;
pub mod studio;
pub mod team;
pub mod verify;

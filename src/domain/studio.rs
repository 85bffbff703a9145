//! The Studio's domain: drafts of packs as trainers edit them, tree edits with undo, the difference
//! between two versions of a pack, and the version bump that difference calls for.

pub mod diff;
pub mod draft;
pub mod text;
pub mod tree;

#[cfg(test)]
mod tests;

//! Small view pieces shared by several pages.

pub mod backup;
pub mod header;
pub mod markdown;
pub mod notices;
pub mod page_title;
pub mod qr_code;
pub mod quiz;
pub mod safekeeping;

//! Messages for the user that outlive a single page: storage problems, failed saves, other tabs.

use leptos::prelude::*;

use crate::i18n::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    Error,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Info => "info",
            Tone::Warning => "warning",
            Tone::Error => "error",
        }
    }
}

/// A file the user can download from a notice, such as unreadable data that was set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub file_name: String,
    pub contents: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u32,
    pub tone: Tone,
    pub message: Msg,
    /// Values for the message's `{name}` parameters.
    pub args: Vec<(&'static str, String)>,
    pub download: Option<Download>,
}

#[derive(Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    next_id: StoredValue<u32>,
}

impl Notices {
    pub fn list(&self) -> Vec<Notice> {
        self.list.get()
    }

    /// Adds a notice unless the same one is already showing.
    pub fn push(
        &self,
        tone: Tone,
        message: Msg,
        args: Vec<(&'static str, String)>,
        download: Option<Download>,
    ) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        self.list.update(|list| {
            let duplicate = list.iter().any(|n| n.message == message && n.args == args);
            if !duplicate {
                list.push(Notice {
                    id,
                    tone,
                    message,
                    args,
                    download,
                });
            }
        });
    }

    pub fn say(&self, tone: Tone, message: Msg) {
        self.push(tone, message, Vec::new(), None);
    }

    pub fn dismiss(&self, id: u32) {
        self.list.update(|list| list.retain(|n| n.id != id));
    }
}

pub fn provide_notices_context() -> Notices {
    let notices = Notices {
        list: RwSignal::new(Vec::new()),
        next_id: StoredValue::new(1),
    };
    provide_context(notices);
    notices
}

pub fn use_notices() -> Notices {
    expect_context::<Notices>()
}

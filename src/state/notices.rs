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

/// Something to do from a notice: a button with its label, and what it runs when pressed. The
/// notice closes once the action has run.
///
/// A plain function, not a closure: the areas offer actions too, and a closure stored here would
/// keep its code (and all it calls) in the first download, since the build splits the wasm by
/// what each part refers to. An area's function finds its state where that area keeps it.
#[derive(Debug, Clone, Copy)]
pub struct NoticeAction {
    pub label: Msg,
    pub run: fn(),
}

#[derive(Debug, Clone)]
pub struct Notice {
    pub id: u32,
    pub tone: Tone,
    pub message: Msg,
    /// Values for the message's `{name}` parameters.
    pub args: Vec<(&'static str, String)>,
    pub download: Option<Download>,
    pub action: Option<NoticeAction>,
    /// Runs when the learner dismisses the notice (not when its action closes it).
    pub on_dismiss: Option<fn()>,
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
        self.add(Notice {
            id,
            tone,
            message,
            args,
            download,
            action: None,
            on_dismiss: None,
        });
    }

    /// Adds a notice with a button that does something, unless one with the same message is
    /// already showing. `on_dismiss` runs if the learner dismisses it instead.
    pub fn offer(
        &self,
        tone: Tone,
        message: Msg,
        args: Vec<(&'static str, String)>,
        action: NoticeAction,
        on_dismiss: Option<fn()>,
    ) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        self.add(Notice {
            id,
            tone,
            message,
            args,
            download: None,
            action: Some(action),
            on_dismiss,
        });
    }

    fn add(&self, notice: Notice) {
        self.list.update(|list| {
            let duplicate = list
                .iter()
                .any(|n| n.message == notice.message && n.args == notice.args);
            if !duplicate {
                list.push(notice);
            }
        });
    }

    /// Closes every notice with this message, if any is showing.
    pub fn withdraw(&self, message: Msg) {
        if self
            .list
            .with_untracked(|l| l.iter().any(|n| n.message == message))
        {
            self.list
                .update(|list| list.retain(|n| n.message != message));
        }
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

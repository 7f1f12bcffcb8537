//! The record of everything a plugin did: suite calls, actions and violations.
//!
//! The later check catalogue reads these records as evidence.

use std::sync::Mutex;

/// One call a plugin made into a host suite.
#[derive(Clone, Debug, PartialEq)]
pub struct SuiteCall {
    /// Suite name, e.g. `"OfxPropertySuite"`.
    pub suite: &'static str,
    /// Function name, e.g. `"propSetInt"`.
    pub function: &'static str,
    /// The raw handle value passed as first argument (0 if none).
    pub handle: usize,
    /// The property or parameter name involved, when there is one.
    pub name: Option<String>,
    /// The status returned to the plugin.
    pub status: i32,
}

/// One action the host sent to the plugin.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionCall {
    /// The action name, e.g. `"OfxActionLoad"`.
    pub action: String,
    /// The raw handle the action was sent to (0 for plugin-wide actions).
    pub handle: usize,
    /// The status the plugin returned.
    pub status: i32,
    /// How long the plugin took to return (wall-clock time of its main
    /// entry, the suite calls it made included).
    pub duration: std::time::Duration,
}

/// A message a plugin posted through the message suite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// `"message"` or `"setPersistentMessage"`.
    pub function: String,
    /// The raw handle the message was posted on (0 for none).
    pub handle: usize,
    /// The message type, e.g. `"OfxMessageError"`.
    pub message_type: String,
    /// The message id (may be empty).
    pub id: String,
    /// The formatted text.
    pub text: String,
}

/// A rule the plugin broke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViolationKind {
    /// A plugin wrote a property only the host may write.
    HostOnlyPropertyWrite,
    /// A function was called in an action where the spec forbids it.
    WrongAction,
    /// An image was fetched and never released.
    LeakedImage,
    /// Image memory was left allocated.
    LeakedMemory,
    /// A lock left unbalanced: a mutex unlocked by a thread that does not
    /// hold it, `paramEditBegin` blocks still open at DestroyInstance.
    /// (Unlocking image memory that is not locked has no effect, as the spec
    /// says: that is a note, not a violation.)
    UnbalancedLock,
    /// A handle that was never valid, or was freed, was passed to the host.
    BadHandle,
    /// A suite function panicked inside the host (a host bug, recorded so it is seen).
    HostPanic,
    /// An action returned a status the spec does not allow for it (e.g.
    /// `kOfxStatReplyDefault` from render, or from describe, which must be
    /// trapped).
    BadStatus,
    /// An image was fetched at another time than the action's without the
    /// host, the effect and the clip all flagging temporal clip access.
    TemporalAccess,
    /// Clip preferences asked for a depth, components or pixel aspect ratio
    /// that the clip, the plugin or the host does not support.
    BadClipPreferences,
    /// A value of the wrong kind or outside its choices was passed to a
    /// parameter (e.g. a value set on a group, a choice index beyond the
    /// options, a derivative asked of an integer).
    BadValue,
    /// The plugin kept writing parameters in answer to the notifications of
    /// its own writes (`OfxChangePluginEdited`): in a host that sends them
    /// it would never stop.
    PluginEditLoop,
    /// The pixels of an input image changed between `clipGetImage` and
    /// `clipReleaseImage`: the plugin wrote into an image it may only read.
    InputWritten,
    /// The plugin changed the reference count of an OpenCL object the host
    /// made for a render (its command queue, the images' memory objects):
    /// released what it did not retain, or retained without releasing.
    GpuReferenceCount,
    /// An OpenGL texture handed out by `clipLoadTexture` was not freed
    /// with `clipFreeTexture` before the render action returned.
    LeakedTexture,
    /// The plugin left an OpenGL error set (`glGetError`) when its OpenGL
    /// render returned.
    GlError,
}

/// A recorded violation with human-readable evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// What kind of rule was broken.
    pub kind: ViolationKind,
    /// Evidence: which function, handle and name were involved.
    pub detail: String,
}

/// One record of the session's journal, in the order things happened.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// The host is about to send an action.
    ActionBegin {
        /// The action name.
        action: String,
        /// The raw handle it is sent to.
        handle: usize,
    },
    /// The action returned.
    ActionEnd(ActionCall),
    /// A suite call the plugin made.
    Suite(SuiteCall),
    /// A rule the plugin broke.
    Violation(Violation),
    /// Something the host decided on the plugin's behalf (e.g. rendering
    /// tiles one at a time because the plugin is not fully thread safe).
    Note(String),
}

/// A thread-safe log of one host session.
#[derive(Default)]
pub struct Log {
    journal: Mutex<Journal>,
    messages: Mutex<Vec<Message>>,
}

/// Every entry once, in order, with the positions of each kind of entry,
/// so that the per-kind views neither copy the entries nor scan the rest.
#[derive(Default)]
struct Journal {
    entries: Vec<Entry>,
    suite_calls: Vec<usize>,
    actions: Vec<usize>,
    violations: Vec<usize>,
}

impl Journal {
    /// The entries at `positions` that `pick` accepts (all of them, as the
    /// positions are recorded with their kind).
    fn at<'a, T: 'a>(
        &'a self,
        positions: &'a [usize],
        pick: fn(&'a Entry) -> Option<&'a T>,
    ) -> impl DoubleEndedIterator<Item = &'a T> {
        positions
            .iter()
            .filter_map(move |&i| pick(&self.entries[i]))
    }
    fn suite_calls(&self) -> impl Iterator<Item = &SuiteCall> {
        self.at(&self.suite_calls, |e| match e {
            Entry::Suite(c) => Some(c),
            _ => None,
        })
    }
    fn actions_from(&self, from: usize) -> impl DoubleEndedIterator<Item = &ActionCall> {
        self.at(&self.actions[from..], |e| match e {
            Entry::ActionEnd(a) => Some(a),
            _ => None,
        })
    }
    fn violations(&self) -> impl Iterator<Item = &Violation> {
        self.at(&self.violations, |e| match e {
            Entry::Violation(v) => Some(v),
            _ => None,
        })
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether every entry is also printed to standard error as it is recorded:
/// set `OFXHOST_TRACE` to anything but `0` or the empty string. A plugin
/// that kills the process takes the log with it; the trace shows what led
/// there.
pub fn tracing() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| {
        std::env::var_os("OFXHOST_TRACE").is_some_and(|v| !v.is_empty() && v != "0")
    })
}

/// The environment variable naming a file in which the host keeps, before
/// each action it sends, which action of which plugin that is. A plugin that
/// kills the process takes the log with it; the file still says where it
/// was (`ofx` reads it to report crashes of its child processes).
pub const ACTION_FILE_ENV: &str = "OFXHOST_ACTION_FILE";

/// Writes "`action` of `plugin`" over the contents of the file
/// [`ACTION_FILE_ENV`] names, when it is set.
pub(crate) fn mark_action(plugin: &str, action: &str) {
    use std::io::{Seek, Write};
    static FILE: std::sync::OnceLock<Option<Mutex<std::fs::File>>> = std::sync::OnceLock::new();
    let file = FILE.get_or_init(|| {
        let path = std::env::var_os(ACTION_FILE_ENV).filter(|p| !p.is_empty())?;
        std::fs::File::create(path).ok().map(Mutex::new)
    });
    if let Some(f) = file {
        let mut f = lock(f);
        // Unbuffered writes: what reaches the kernel survives the process.
        let _ = f.set_len(0);
        let _ = f.rewind();
        let _ = f.write_all(format!("{action} of {plugin}").as_bytes());
    }
}

impl Entry {
    /// The entry on one line, as the trace prints it.
    pub fn line(&self) -> String {
        let status = |s: i32| crate::error::status_name(s);
        match self {
            Entry::ActionBegin { action, handle } => format!("action {action} -> {handle:#x}"),
            Entry::ActionEnd(a) => format!(
                "action {} <- {} ({:.3} ms)",
                a.action,
                status(a.status),
                a.duration.as_secs_f64() * 1e3
            ),
            Entry::Suite(c) => format!(
                "  {}.{}({:#x}{}) = {}",
                c.suite,
                c.function,
                c.handle,
                c.name
                    .as_ref()
                    .map(|n| format!(", {n}"))
                    .unwrap_or_default(),
                status(c.status)
            ),
            Entry::Violation(v) => format!("VIOLATION {:?}: {}", v.kind, v.detail),
            Entry::Note(n) => format!("note: {n}"),
        }
    }
}

impl Log {
    /// Appends an entry to the journal (and prints it when tracing).
    fn record(&self, entry: Entry) {
        if tracing() {
            eprintln!("ofx-host: {}", entry.line());
        }
        let mut j = lock(&self.journal);
        let at = j.entries.len();
        match &entry {
            Entry::Suite(_) => j.suite_calls.push(at),
            Entry::ActionEnd(_) => j.actions.push(at),
            Entry::Violation(_) => j.violations.push(at),
            Entry::ActionBegin { .. } | Entry::Note(_) => {}
        }
        j.entries.push(entry);
    }
    /// Appends a suite call.
    pub fn suite_call(&self, call: SuiteCall) {
        self.record(Entry::Suite(call));
    }
    /// Records that an action is about to be sent (journal only).
    pub fn action_begin(&self, action: &str, handle: usize) {
        self.record(Entry::ActionBegin {
            action: action.to_string(),
            handle,
        });
    }
    /// Appends an action that returned.
    pub fn action(&self, call: ActionCall) {
        self.record(Entry::ActionEnd(call));
    }
    /// Appends a violation.
    pub fn violation(&self, kind: ViolationKind, detail: impl Into<String>) {
        self.record(Entry::Violation(Violation {
            kind,
            detail: detail.into(),
        }));
    }
    /// Appends a host note.
    pub fn note(&self, text: impl Into<String>) {
        self.record(Entry::Note(text.into()));
    }
    /// A copy of the journal: actions, suite calls, violations and notes in
    /// the order they happened.
    pub fn journal(&self) -> Vec<Entry> {
        lock(&self.journal).entries.clone()
    }
    /// The last call of `action` that has returned, if any (for its status
    /// and duration).
    pub fn last_action(&self, action: &str) -> Option<ActionCall> {
        lock(&self.journal)
            .actions_from(0)
            .rev()
            .find(|a| a.action == action)
            .cloned()
    }
    /// The statuses of every action sent so far named `action`, in order.
    pub fn action_statuses(&self, action: &str) -> Vec<i32> {
        lock(&self.journal)
            .actions_from(0)
            .filter(|a| a.action == action)
            .map(|a| a.status)
            .collect()
    }
    /// The violations of one kind so far.
    pub fn violations_of(&self, kind: ViolationKind) -> Vec<Violation> {
        lock(&self.journal)
            .violations()
            .filter(|v| v.kind == kind)
            .cloned()
            .collect()
    }
    /// Appends a message.
    pub fn message(&self, m: Message) {
        if tracing() {
            eprintln!("ofx-host:   {} {}: {}", m.function, m.message_type, m.text);
        }
        lock(&self.messages).push(m);
    }
    /// A copy of every message so far.
    pub fn messages(&self) -> Vec<Message> {
        lock(&self.messages).clone()
    }
    /// A copy of every suite call so far.
    pub fn suite_calls(&self) -> Vec<SuiteCall> {
        lock(&self.journal).suite_calls().cloned().collect()
    }
    /// A copy of every action so far.
    pub fn actions(&self) -> Vec<ActionCall> {
        lock(&self.journal).actions_from(0).cloned().collect()
    }
    /// How many actions have returned so far: a mark for
    /// [`Log::actions_since`].
    pub fn action_count(&self) -> usize {
        lock(&self.journal).actions.len()
    }
    /// A copy of the actions that returned after the first `mark` (an
    /// earlier [`Log::action_count`]); all of them if the log was cleared
    /// since. Unlike slicing [`Log::actions`], it copies only those.
    pub fn actions_since(&self, mark: usize) -> Vec<ActionCall> {
        let j = lock(&self.journal);
        let from = if mark <= j.actions.len() { mark } else { 0 };
        j.actions_from(from).cloned().collect()
    }
    /// A copy of every violation so far.
    pub fn violations(&self) -> Vec<Violation> {
        lock(&self.journal).violations().cloned().collect()
    }
    /// Forgets everything recorded so far.
    pub fn clear(&self) {
        *lock(&self.journal) = Journal::default();
        lock(&self.messages).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ofx_str;

    fn call(action: &str, status: i32) -> ActionCall {
        ActionCall {
            action: action.to_string(),
            handle: 1,
            status,
            duration: std::time::Duration::from_micros(5),
        }
    }

    #[test]
    fn each_view_holds_its_kind_in_journal_order() {
        let log = Log::default();
        let suite = |function: &'static str, status: i32| SuiteCall {
            suite: ofx_str(ofx_sys::kOfxPropertySuite),
            function,
            handle: 7,
            name: Some(ofx_str(ofx_sys::kOfxPropLabel).to_string()),
            status,
        };
        log.action_begin(ofx_str(ofx_sys::kOfxActionLoad), 0);
        log.suite_call(suite("propGetString", 0));
        log.violation(ViolationKind::BadHandle, "stale");
        log.note("between");
        log.action(call(ofx_str(ofx_sys::kOfxActionLoad), 0));
        log.suite_call(suite("propSetInt", 8));
        log.violation(ViolationKind::BadValue, "NaN");
        assert_eq!(log.journal().len(), 7);
        assert_eq!(
            log.suite_calls(),
            vec![suite("propGetString", 0), suite("propSetInt", 8)]
        );
        assert_eq!(
            log.actions(),
            vec![call(ofx_str(ofx_sys::kOfxActionLoad), 0)]
        );
        assert_eq!(
            log.last_action(ofx_str(ofx_sys::kOfxActionLoad)),
            Some(call(ofx_str(ofx_sys::kOfxActionLoad), 0))
        );
        assert_eq!(log.last_action(ofx_str(ofx_sys::kOfxActionUnload)), None);
        assert_eq!(log.violations().len(), 2);
        let bad = log.violations_of(ViolationKind::BadValue);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].detail, "NaN");
        log.clear();
        assert!(log.journal().is_empty() && log.suite_calls().is_empty());
        assert!(log.violations().is_empty() && log.action_count() == 0);
    }

    #[test]
    fn actions_since_a_mark_are_only_the_newer_ones() {
        let log = Log::default();
        log.action(call(ofx_str(ofx_sys::kOfxActionLoad), 0));
        let mark = log.action_count();
        assert_eq!(mark, 1);
        log.action(call(ofx_str(ofx_sys::kOfxImageEffectActionRender), 0));
        log.action(call(ofx_str(ofx_sys::kOfxImageEffectActionRender), 1));
        let newer = log.actions_since(mark);
        assert_eq!(
            newer,
            vec![
                call(ofx_str(ofx_sys::kOfxImageEffectActionRender), 0),
                call(ofx_str(ofx_sys::kOfxImageEffectActionRender), 1)
            ]
        );
        assert!(log.actions_since(log.action_count()).is_empty());
        // A mark from before a clear is past the end: everything since.
        log.clear();
        log.action(call(ofx_str(ofx_sys::kOfxActionUnload), 0));
        assert_eq!(
            log.actions_since(3),
            vec![call(ofx_str(ofx_sys::kOfxActionUnload), 0)]
        );
    }
}

//! The error type of the host's Rust API.

use std::fmt;

use ofx_sys::OfxStatus;

/// What went wrong when driving a plugin from Rust.
///
/// A plugin's misbehaviour that the host survives (an unreleased image, a
/// host-only property written) is not an error here: it is recorded as a
/// [`Violation`](crate::log::Violation) in the session log. `HostError` is
/// for requests that could not be carried out.
#[derive(Clone, Debug, PartialEq)]
pub enum HostError {
    /// The binary or bundle could not be opened, or exports no plugin.
    Load(String),
    /// No plugin, context, clip or parameter of that name.
    NotFound(String),
    /// The plugin answered an action with an error status.
    Action {
        /// The action, e.g. `"OfxActionLoad"`.
        action: String,
        /// The status the plugin returned.
        status: OfxStatus,
    },
    /// The request itself is wrong: a value of the wrong type, an empty
    /// window, an inverted rectangle.
    Invalid(String),
    /// The emulated host, or the plugin, does not support what was asked
    /// (render scale without multi-resolution support, a context the host
    /// does not offer...).
    Unsupported(String),
}

impl HostError {
    /// The OFX status that best describes the error, for callers that
    /// answer a plugin.
    pub fn status(&self) -> OfxStatus {
        match self {
            HostError::Load(_) => ofx_sys::kOfxStatFailed,
            HostError::NotFound(_) => ofx_sys::kOfxStatErrUnknown,
            HostError::Action { status, .. } => *status,
            HostError::Invalid(_) => ofx_sys::kOfxStatErrValue,
            HostError::Unsupported(_) => ofx_sys::kOfxStatErrUnsupported,
        }
    }
}

/// The message of a caught panic: its `String` or `&str` payload, or
/// `"a panic"` for any other payload. The one place the host reads one.
///
/// ```
/// let p = std::panic::catch_unwind(|| panic!("bad {}", 1)).unwrap_err();
/// assert_eq!(ofx_host::error::panic_message(p.as_ref()), "bad 1");
/// ```
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic".into())
}

/// The C name of a status code (`"kOfxStatFailed"`), or its number.
pub fn status_name(status: OfxStatus) -> String {
    let known = [
        (ofx_sys::kOfxStatOK, "kOfxStatOK"),
        (ofx_sys::kOfxStatFailed, "kOfxStatFailed"),
        (ofx_sys::kOfxStatErrFatal, "kOfxStatErrFatal"),
        (ofx_sys::kOfxStatErrUnknown, "kOfxStatErrUnknown"),
        (
            ofx_sys::kOfxStatErrMissingHostFeature,
            "kOfxStatErrMissingHostFeature",
        ),
        (ofx_sys::kOfxStatErrUnsupported, "kOfxStatErrUnsupported"),
        (ofx_sys::kOfxStatErrExists, "kOfxStatErrExists"),
        (ofx_sys::kOfxStatErrFormat, "kOfxStatErrFormat"),
        (ofx_sys::kOfxStatErrMemory, "kOfxStatErrMemory"),
        (ofx_sys::kOfxStatErrBadHandle, "kOfxStatErrBadHandle"),
        (ofx_sys::kOfxStatErrBadIndex, "kOfxStatErrBadIndex"),
        (ofx_sys::kOfxStatErrValue, "kOfxStatErrValue"),
        (ofx_sys::kOfxStatReplyYes, "kOfxStatReplyYes"),
        (ofx_sys::kOfxStatReplyNo, "kOfxStatReplyNo"),
        (ofx_sys::kOfxStatReplyDefault, "kOfxStatReplyDefault"),
        (ofx_sys::kOfxStatErrImageFormat, "kOfxStatErrImageFormat"),
        (ofx_sys::kOfxStatGPUOutOfMemory, "kOfxStatGPUOutOfMemory"),
        (ofx_sys::kOfxStatGPURenderFailed, "kOfxStatGPURenderFailed"),
    ];
    known
        .iter()
        .find(|(s, _)| *s == status)
        .map_or_else(|| format!("status {status}"), |(_, n)| (*n).to_string())
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostError::Load(m) => write!(f, "cannot load plugin: {m}"),
            HostError::NotFound(m) => write!(f, "not found: {m}"),
            HostError::Action { action, status } => {
                write!(f, "{action} failed with {}", status_name(*status))
            }
            HostError::Invalid(m) => write!(f, "invalid request: {m}"),
            HostError::Unsupported(m) => write!(f, "unsupported: {m}"),
        }
    }
}

impl std::error::Error for HostError {}

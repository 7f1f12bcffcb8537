//! The error type shared by every fallible call in this crate.
//!
//! Each variant corresponds to one OpenFX error status, so an error raised
//! anywhere in a plugin maps to exactly one status code when it crosses the C
//! boundary. Errors carry an optional human-readable message, which the entry
//! points post to the host's message suite when one is available.

use core::fmt;
use std::borrow::Cow;

use ofx_sys as sys;

/// The kind of failure, one per OpenFX error status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `kOfxStatFailed`: the operation failed for a reason with no closer status.
    Failed,
    /// `kOfxStatErrFatal`: an unrecoverable error; the host should stop using the plugin.
    Fatal,
    /// `kOfxStatErrUnknown`: an unknown object, name or property was referenced.
    Unknown,
    /// `kOfxStatErrMissingHostFeature`: the host lacks a feature the plugin requires.
    MissingHostFeature,
    /// `kOfxStatErrUnsupported`: the requested operation is not supported.
    Unsupported,
    /// `kOfxStatErrExists`: something with that name already exists.
    Exists,
    /// `kOfxStatErrFormat`: a value had the wrong format.
    Format,
    /// `kOfxStatErrMemory`: memory could not be allocated.
    Memory,
    /// `kOfxStatErrBadHandle`: a handle was null, stale or of the wrong kind.
    BadHandle,
    /// `kOfxStatErrBadIndex`: an index into a multi-dimensional property was out of range.
    BadIndex,
    /// `kOfxStatErrValue`: a value was out of range or otherwise illegal.
    Value,
    /// `kOfxStatErrImageFormat`: an image did not have the layout, depth or
    /// components that were expected of it.
    ImageFormat,
    /// `kOfxStatGPUOutOfMemory`: a GPU render ran out of memory.
    GpuOutOfMemory,
    /// `kOfxStatGPURenderFailed`: a GPU render failed.
    GpuRenderFailed,
    /// `kOfxStatUnlicensed`: the plugin is not licensed to run on this host.
    Unlicensed,
}

impl ErrorKind {
    /// The OpenFX status code this kind is reported as.
    pub const fn status(self) -> sys::OfxStatus {
        match self {
            ErrorKind::Failed => sys::kOfxStatFailed,
            ErrorKind::Fatal => sys::kOfxStatErrFatal,
            ErrorKind::Unknown => sys::kOfxStatErrUnknown,
            ErrorKind::MissingHostFeature => sys::kOfxStatErrMissingHostFeature,
            ErrorKind::Unsupported => sys::kOfxStatErrUnsupported,
            ErrorKind::Exists => sys::kOfxStatErrExists,
            ErrorKind::Format => sys::kOfxStatErrFormat,
            ErrorKind::Memory => sys::kOfxStatErrMemory,
            ErrorKind::BadHandle => sys::kOfxStatErrBadHandle,
            ErrorKind::BadIndex => sys::kOfxStatErrBadIndex,
            ErrorKind::Value => sys::kOfxStatErrValue,
            ErrorKind::ImageFormat => sys::kOfxStatErrImageFormat,
            ErrorKind::GpuOutOfMemory => sys::kOfxStatGPUOutOfMemory,
            ErrorKind::GpuRenderFailed => sys::kOfxStatGPURenderFailed,
            ErrorKind::Unlicensed => sys::kOfxStatUnlicensed,
        }
    }

    /// The kind for an error status returned by a host, or `None` for the
    /// statuses that are not errors (OK and the three replies).
    pub const fn from_status(status: sys::OfxStatus) -> Option<ErrorKind> {
        Some(match status {
            sys::kOfxStatFailed => ErrorKind::Failed,
            sys::kOfxStatErrFatal => ErrorKind::Fatal,
            sys::kOfxStatErrUnknown => ErrorKind::Unknown,
            sys::kOfxStatErrMissingHostFeature => ErrorKind::MissingHostFeature,
            sys::kOfxStatErrUnsupported => ErrorKind::Unsupported,
            sys::kOfxStatErrExists => ErrorKind::Exists,
            sys::kOfxStatErrFormat => ErrorKind::Format,
            sys::kOfxStatErrMemory => ErrorKind::Memory,
            sys::kOfxStatErrBadHandle => ErrorKind::BadHandle,
            sys::kOfxStatErrBadIndex => ErrorKind::BadIndex,
            sys::kOfxStatErrValue => ErrorKind::Value,
            sys::kOfxStatErrImageFormat => ErrorKind::ImageFormat,
            sys::kOfxStatGPUOutOfMemory => ErrorKind::GpuOutOfMemory,
            sys::kOfxStatGPURenderFailed => ErrorKind::GpuRenderFailed,
            sys::kOfxStatUnlicensed => ErrorKind::Unlicensed,
            _ => return None,
        })
    }

    /// A short English description of the kind.
    pub const fn describe(self) -> &'static str {
        match self {
            ErrorKind::Failed => "operation failed",
            ErrorKind::Fatal => "fatal error",
            ErrorKind::Unknown => "unknown object or name",
            ErrorKind::MissingHostFeature => "the host lacks a required feature",
            ErrorKind::Unsupported => "unsupported operation",
            ErrorKind::Exists => "already exists",
            ErrorKind::Format => "badly formatted value",
            ErrorKind::Memory => "out of memory",
            ErrorKind::BadHandle => "bad handle",
            ErrorKind::BadIndex => "index out of range",
            ErrorKind::Value => "illegal value",
            ErrorKind::ImageFormat => "unexpected image format",
            ErrorKind::GpuOutOfMemory => "GPU out of memory",
            ErrorKind::GpuRenderFailed => "GPU render failed",
            ErrorKind::Unlicensed => "plugin is unlicensed",
        }
    }
}

/// An error from a plugin or from a host call, with its OpenFX status and an
/// optional message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: Option<Cow<'static, str>>,
}

impl Error {
    /// An error of the given kind without a message.
    pub const fn new(kind: ErrorKind) -> Self {
        Error {
            kind,
            message: None,
        }
    }

    /// An error of the given kind with a message for the user.
    pub fn with_message(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Error {
            kind,
            message: Some(message.into()),
        }
    }

    /// `kOfxStatFailed` with a message: the usual way for an effect to fail.
    pub fn failed(message: impl Into<Cow<'static, str>>) -> Self {
        Error::with_message(ErrorKind::Failed, message)
    }

    /// `kOfxStatErrValue` with a message.
    pub fn value(message: impl Into<Cow<'static, str>>) -> Self {
        Error::with_message(ErrorKind::Value, message)
    }

    /// `kOfxStatErrImageFormat` with a message.
    pub fn image_format(message: impl Into<Cow<'static, str>>) -> Self {
        Error::with_message(ErrorKind::ImageFormat, message)
    }

    /// `kOfxStatErrUnknown` with a message.
    pub fn unknown(message: impl Into<Cow<'static, str>>) -> Self {
        Error::with_message(ErrorKind::Unknown, message)
    }

    /// `kOfxStatErrBadHandle` with a message.
    pub fn bad_handle(message: impl Into<Cow<'static, str>>) -> Self {
        Error::with_message(ErrorKind::BadHandle, message)
    }

    /// `kOfxStatErrMissingHostFeature` with a message.
    pub fn missing_host_feature(message: impl Into<Cow<'static, str>>) -> Self {
        Error::with_message(ErrorKind::MissingHostFeature, message)
    }

    /// The error for a non-OK status returned by a host function, or `None`
    /// when the status is not an error. `what` names the call for the message.
    pub fn from_status(status: sys::OfxStatus, what: &str) -> Option<Self> {
        let kind = ErrorKind::from_status(status).or(
            if status == sys::kOfxStatOK
                || status == sys::kOfxStatReplyYes
                || status == sys::kOfxStatReplyNo
                || status == sys::kOfxStatReplyDefault
            {
                None
            } else {
                Some(ErrorKind::Failed)
            },
        )?;
        Some(Error::with_message(
            kind,
            format!("{what} returned status {status} ({})", kind.describe()),
        ))
    }

    /// Adds context in front of the message, keeping the kind.
    #[must_use]
    pub fn context(self, what: impl fmt::Display) -> Self {
        let message = match &self.message {
            Some(m) => format!("{what}: {m}"),
            None => format!("{what}: {}", self.kind.describe()),
        };
        Error {
            kind: self.kind,
            message: Some(message.into()),
        }
    }

    /// The kind of error.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The status code reported to the host for this error.
    pub const fn status(&self) -> sys::OfxStatus {
        self.kind.status()
    }

    /// The message, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) => f.write_str(m),
            None => f.write_str(self.kind.describe()),
        }
    }
}

impl std::error::Error for Error {}

/// The result type of every fallible call in this crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_status() {
        let kinds = [
            ErrorKind::Failed,
            ErrorKind::Fatal,
            ErrorKind::Unknown,
            ErrorKind::MissingHostFeature,
            ErrorKind::Unsupported,
            ErrorKind::Exists,
            ErrorKind::Format,
            ErrorKind::Memory,
            ErrorKind::BadHandle,
            ErrorKind::BadIndex,
            ErrorKind::Value,
            ErrorKind::ImageFormat,
            ErrorKind::GpuOutOfMemory,
            ErrorKind::GpuRenderFailed,
            ErrorKind::Unlicensed,
        ];
        for kind in kinds {
            assert_eq!(ErrorKind::from_status(kind.status()), Some(kind));
        }
    }

    #[test]
    fn non_error_statuses_are_not_errors() {
        for s in [
            sys::kOfxStatOK,
            sys::kOfxStatReplyYes,
            sys::kOfxStatReplyNo,
            sys::kOfxStatReplyDefault,
        ] {
            assert!(Error::from_status(s, "call").is_none());
        }
        let e = Error::from_status(9999, "propGetInt").unwrap();
        assert_eq!(e.kind(), ErrorKind::Failed);
        assert!(e.to_string().contains("propGetInt"));
    }
}

//! Calls into the message, progress and timeline suites.

use std::ffi::{CStr, CString, c_void};

use ofx_sys as sys;

use super::check;
use super::suites::suites;
use crate::error::{Error, Result};

fn text(s: &str) -> CString {
    CString::new(s.replace('\0', " ")).unwrap_or_default()
}

/// Posts a message through Message V2 or V1; `handle` may be null.
/// Returns the host's status (for questions, kOfxStatReplyYes/No).
pub(crate) fn message(handle: *mut c_void, kind: &CStr, msg: &str) -> Result<sys::OfxStatus> {
    let s = suites()?;
    let f = s
        .message_v2
        .and_then(|m| m.message)
        .or_else(|| s.message_v1.and_then(|m| m.message))
        .ok_or_else(|| Error::missing_host_feature("the host has no message suite"))?;
    let m = text(msg);
    // SAFETY: the format is "%s" with exactly one NUL-terminated string argument.
    Ok(unsafe {
        f(
            handle,
            kind.as_ptr(),
            c"".as_ptr(),
            c"%s".as_ptr(),
            m.as_ptr(),
        )
    })
}

/// Sets a persistent message (Message V2).
pub(crate) fn set_persistent(handle: *mut c_void, kind: &CStr, msg: &str) -> Result<()> {
    let s = suites()?;
    let f = s
        .message_v2
        .and_then(|m| m.setPersistentMessage)
        .ok_or_else(|| Error::missing_host_feature("the host has no message suite V2"))?;
    let m = text(msg);
    // SAFETY: "%s" with one NUL-terminated string argument.
    let st = unsafe {
        f(
            handle,
            kind.as_ptr(),
            c"".as_ptr(),
            c"%s".as_ptr(),
            m.as_ptr(),
        )
    };
    check(st, || "setPersistentMessage".into())
}

/// Clears the persistent message (Message V2).
pub(crate) fn clear_persistent(handle: *mut c_void) -> Result<()> {
    let s = suites()?;
    let f = s
        .message_v2
        .and_then(|m| m.clearPersistentMessage)
        .ok_or_else(|| Error::missing_host_feature("the host has no message suite V2"))?;
    // SAFETY: valid effect handle.
    check(unsafe { f(handle) }, || "clearPersistentMessage".into())
}

/// Starts a progress bar (V2 when present, else V1).
pub(crate) fn progress_start(handle: *mut c_void, label: &str, id: &str) -> Result<()> {
    let s = suites()?;
    let l = text(label);
    if let Some(f) = s.progress_v2.and_then(|p| p.progressStart) {
        let i = text(id);
        // SAFETY: valid handle and NUL-terminated strings.
        return check(unsafe { f(handle, l.as_ptr(), i.as_ptr()) }, || {
            "progressStart".into()
        });
    }
    let f = s
        .progress_v1
        .and_then(|p| p.progressStart)
        .ok_or_else(|| Error::missing_host_feature("the host has no progress suite"))?;
    // SAFETY: as above.
    check(unsafe { f(handle, l.as_ptr()) }, || "progressStart".into())
}

/// Updates progress; `Ok(false)` means the user asked to abort.
pub(crate) fn progress_update(handle: *mut c_void, value: f64) -> Result<bool> {
    let s = suites()?;
    let f = s
        .progress_v2
        .and_then(|p| p.progressUpdate)
        .or_else(|| s.progress_v1.and_then(|p| p.progressUpdate))
        .ok_or_else(|| Error::missing_host_feature("the host has no progress suite"))?;
    // SAFETY: valid handle.
    let st = unsafe { f(handle, value) };
    if st == sys::kOfxStatReplyNo {
        return Ok(false);
    }
    check(st, || "progressUpdate".into())?;
    Ok(true)
}

/// Ends progress.
pub(crate) fn progress_end(handle: *mut c_void) -> Result<()> {
    let s = suites()?;
    let f = s
        .progress_v2
        .and_then(|p| p.progressEnd)
        .or_else(|| s.progress_v1.and_then(|p| p.progressEnd))
        .ok_or_else(|| Error::missing_host_feature("the host has no progress suite"))?;
    // SAFETY: valid handle.
    check(unsafe { f(handle) }, || "progressEnd".into())
}

fn timeline() -> Result<sys::OfxTimeLineSuiteV1> {
    let s = suites()?;
    s.timeline
        .map(|t| *t)
        .ok_or_else(|| Error::missing_host_feature("the host has no timeline suite"))
}

/// The timeline's current time.
pub(crate) fn time(handle: *mut c_void) -> Result<f64> {
    let f = timeline()?
        .getTime
        .ok_or_else(|| Error::missing_host_feature("timeline getTime"))?;
    let mut t = 0.0;
    // SAFETY: valid handle and out pointer.
    check(unsafe { f(handle, &mut t) }, || "getTime".into())?;
    Ok(t)
}

/// Moves the timeline.
pub(crate) fn goto_time(handle: *mut c_void, t: f64) -> Result<()> {
    let f = timeline()?
        .gotoTime
        .ok_or_else(|| Error::missing_host_feature("timeline gotoTime"))?;
    // SAFETY: valid handle.
    check(unsafe { f(handle, t) }, || "gotoTime".into())
}

/// The timeline's bounds.
pub(crate) fn time_bounds(handle: *mut c_void) -> Result<[f64; 2]> {
    let f = timeline()?
        .getTimeBounds
        .ok_or_else(|| Error::missing_host_feature("timeline getTimeBounds"))?;
    let (mut a, mut b) = (0.0, 0.0);
    // SAFETY: valid handle and out pointers.
    check(unsafe { f(handle, &mut a, &mut b) }, || {
        "getTimeBounds".into()
    })?;
    Ok([a, b])
}

//! The `extern "C"` side: suite tables handed to plugins.
//!
//! This is one of the few modules of the crate allowed to use `unsafe`. Every
//! suite function goes through [`guard`], which catches panics (answering
//! `kOfxStatFailed` and recording a [`ViolationKind::HostPanic`]) and logs the
//! call with its status.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::config::MultiThread;
use crate::log::{SuiteCall, ViolationKind};
use crate::state;

pub mod custom_interp;
pub mod draw_suite;
pub mod image_effect;
pub mod interact;
pub mod opengl_render;
pub mod parameter_suite;
pub mod plugin_calls;
pub mod property;
pub mod suites;
pub mod variadic_shim;

/// Runs a suite function body, catching panics and logging the call.
///
/// `name` is the property or parameter name involved, if any.
pub fn guard(
    suite: &'static str,
    function: &'static str,
    handle: usize,
    name: Option<String>,
    body: impl FnOnce() -> ofx_sys::OfxStatus,
) -> ofx_sys::OfxStatus {
    let status = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(s) => s,
        Err(_) => {
            state::log().violation(
                ViolationKind::HostPanic,
                format!("{suite}.{function} panicked (handle {handle:#x})"),
            );
            ofx_sys::kOfxStatFailed
        }
    };
    state::log().suite_call(SuiteCall {
        suite,
        function,
        handle,
        name,
        status,
    });
    status
}

/// Reads a C string argument; `None` for null or non-UTF-8 text.
///
/// # Safety
/// `p` is null or points to a NUL-terminated string valid for this call.
pub unsafe fn c_str<'a>(p: *const c_char) -> Option<&'a str> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null, and the caller promises a NUL-terminated string.
    unsafe { CStr::from_ptr(p) }.to_str().ok()
}

/// The host's `fetchSuite`: the suite table for `name`/`version`, or null for
/// a suite this host does not provide (as the spec lets a host answer), or
/// that the session's [`HostConfig`](crate::config::HostConfig) lists as
/// missing. The multi-thread suite is the one the session's
/// [`MultiThread`] names.
///
/// # Safety
/// `name` is null or a NUL-terminated string.
pub unsafe extern "C" fn fetch_suite(
    host: ofx_sys::OfxPropertySetHandle,
    name: *const c_char,
    version: c_int,
) -> *const c_void {
    // SAFETY: the plugin passes a C string per the OfxHost contract.
    let suite_name = unsafe { c_str(name) }.map(str::to_owned);
    let mut out: *const c_void = std::ptr::null();
    guard(
        "OfxHost",
        "fetchSuite",
        host as usize,
        suite_name.clone(),
        || {
            let session = state::session_by_host(host as usize).or_else(state::current_session);
            if let (Some(s), Some(n)) = (&session, suite_name.as_deref())
                && s.config.suite_missing(n, version)
            {
                return ofx_sys::kOfxStatErrUnsupported;
            }
            let mt = session
                .as_ref()
                .map_or(MultiThread::default(), |s| s.config.multi_thread);
            out = match (suite_name.as_deref(), version) {
                (Some("OfxImageEffectSuite"), 1) => {
                    &image_effect::IMAGE_EFFECT_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxMultiThreadSuite"), 1) if mt == MultiThread::Unsupported => {
                    &suites::DUMMY_MULTI_THREAD_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxMultiThreadSuite"), 1) // ofx-literal: a pattern
                    if matches!(mt, MultiThread::CallingThreadOnce(_)) =>
                {
                    &suites::CALLING_THREAD_MULTI_THREAD_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxPropertySuite"), 1) => {
                    &property::PROPERTY_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxMemorySuite"), 1) => {
                    &suites::MEMORY_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxMultiThreadSuite"), 1) => {
                    &suites::MULTI_THREAD_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxMessageSuite"), 1) => {
                    &suites::MESSAGE_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxMessageSuite"), 2) => {
                    &suites::MESSAGE_SUITE_V2 as *const _ as *const c_void
                }
                (Some("OfxProgressSuite"), 1) => {
                    &suites::PROGRESS_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxProgressSuite"), 2) => {
                    &suites::PROGRESS_SUITE_V2 as *const _ as *const c_void
                }
                (Some("OfxParameterSuite"), 1) => {
                    &parameter_suite::PARAMETER_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxParametricParameterSuite"), 1) => {
                    &parameter_suite::PARAMETRIC_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxTimeLineSuite"), 1) => {
                    &suites::TIMELINE_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxInteractSuite"), 1) => {
                    &interact::INTERACT_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxDrawSuite"), 1) => {
                    &draw_suite::DRAW_SUITE_V1 as *const _ as *const c_void
                }
                (Some("OfxImageEffectOpenGLRenderSuite"), 1) // ofx-literal: a pattern
                    if session.as_ref().is_some_and(|s| s.config.gpu.opengl) =>
                {
                    &opengl_render::OPENGL_RENDER_SUITE_V1 as *const _ as *const c_void
                }
                // Dialog and the rest are not provided: the spec lets a
                // host answer null.
                _ => std::ptr::null(),
            };
            if out.is_null() {
                ofx_sys::kOfxStatErrUnsupported
            } else {
                ofx_sys::kOfxStatOK
            }
        },
    );
    out
}

//! Rust ends of the C shim (`shim/variadic.c`) for the C-variadic
//! parameter and message functions, and the shim's entry points.
//!
//! The shim asks [`ofxhost_param_kind`] how to read its `va_list`, then
//! forwards the collected pointers or values to [`ofxhost_param_get`] /
//! [`ofxhost_param_set`]; messages arrive formatted in [`ofxhost_message`].

use std::ffi::{CStr, c_char, c_double, c_int, c_void};

use ofx_sys::{OfxBytes, OfxParamHandle, OfxStatus};

use super::{c_str, guard};
use crate::handle::Handle;
use crate::log::{Message, ViolationKind};
use crate::param_values::{ParamKind, ParamValue};
use crate::state;
use crate::types::ofx_str;

unsafe extern "C" {
    /// `paramGetValue(handle, ...)`.
    pub fn ofxhost_shim_paramGetValue(param: OfxParamHandle, ...) -> OfxStatus;
    /// `paramGetValueAtTime(handle, time, ...)`.
    pub fn ofxhost_shim_paramGetValueAtTime(param: OfxParamHandle, time: f64, ...) -> OfxStatus;
    /// `paramGetDerivative(handle, time, ...)`.
    pub fn ofxhost_shim_paramGetDerivative(param: OfxParamHandle, time: f64, ...) -> OfxStatus;
    /// `paramGetIntegral(handle, time1, time2, ...)`.
    pub fn ofxhost_shim_paramGetIntegral(
        param: OfxParamHandle,
        time1: f64,
        time2: f64,
        ...
    ) -> OfxStatus;
    /// `paramSetValue(handle, ...)`.
    pub fn ofxhost_shim_paramSetValue(param: OfxParamHandle, ...) -> OfxStatus;
    /// `paramSetValueAtTime(handle, time, ...)`.
    pub fn ofxhost_shim_paramSetValueAtTime(param: OfxParamHandle, time: f64, ...) -> OfxStatus;
    /// Message suite `message(handle, type, id, format, ...)`.
    pub fn ofxhost_shim_message(
        handle: *mut c_void,
        message_type: *const c_char,
        id: *const c_char,
        format: *const c_char,
        ...
    ) -> OfxStatus;
    /// Message suite V2 `setPersistentMessage(handle, type, id, format, ...)`.
    pub fn ofxhost_shim_setPersistentMessage(
        handle: *mut c_void,
        message_type: *const c_char,
        id: *const c_char,
        format: *const c_char,
        ...
    ) -> OfxStatus;
}

/// The kind of the parameter `param` (a [`ParamKind`] discriminant), or -1
/// for a bad handle.
#[unsafe(no_mangle)]
pub extern "C" fn ofxhost_param_kind(param: *mut c_void) -> c_int {
    std::panic::catch_unwind(|| {
        state::with_param(Handle::from_raw(param as usize), |p| p.curve.kind as c_int).unwrap_or(-1)
    })
    .unwrap_or(-1)
}

/// Values live on instances: a value function given a parameter of a
/// descriptor's set is refused with `kOfxStatErrBadHandle` and logged.
fn refuse_descriptor(function: &str, raw: usize) -> Option<OfxStatus> {
    let name = crate::param_sets::descriptor_param_name(Handle::from_raw(raw))?;
    state::log().violation(
        ViolationKind::WrongAction,
        format!(
            "OfxParameterSuite.{function} on '{name}', a descriptor's parameter (values live on instances)"
        ),
    );
    Some(ofx_sys::kOfxStatErrBadHandle)
}

/// Whether a plugin may write parameter values in `action`: the
/// instance-changed bracket and interacts (as the spec says), plus create
/// instance and sync private data, where plugins commonly settle their
/// values and every host allows it.
fn plugin_may_write_in(action: &str) -> bool {
    action.starts_with("OfxInteractAction")
        || [
            ofx_sys::kOfxActionInstanceChanged,
            ofx_sys::kOfxActionBeginInstanceChanged,
            ofx_sys::kOfxActionEndInstanceChanged,
            ofx_sys::kOfxActionCreateInstance,
            ofx_sys::kOfxActionSyncPrivateData,
        ]
        .iter()
        .any(|a| a.to_bytes() == action.as_bytes())
}

const GET_FNS: [&str; 4] = [
    "paramGetValue",
    "paramGetValueAtTime",
    "paramGetDerivative",
    "paramGetIntegral",
];

/// Writes a parameter's value (mode 0/1), derivative (2) or integral (3)
/// through the `n_outs` out pointers the shim collected.
///
/// # Safety
/// `outs` points to `n_outs` pointers, each valid for a write of the type
/// the parameter kind implies.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ofxhost_param_get(
    param: *mut c_void,
    mode: c_int,
    t1: c_double,
    t2: c_double,
    outs: *const *mut c_void,
    n_outs: c_int,
) -> OfxStatus {
    let raw = param as usize;
    let function = GET_FNS.get(mode as usize).copied().unwrap_or("paramGet?");
    guard(
        ofx_str(ofx_sys::kOfxParameterSuite),
        function,
        raw,
        None,
        || {
            if let Some(status) = refuse_descriptor(function, raw) {
                return status;
            }
            let got = state::with_param(Handle::from_raw(raw), |p| {
                let kind = p.curve.kind;
                if kind == ParamKind::NoValue {
                    return Err(ofx_sys::kOfxStatErrValue);
                }
                let value = match mode {
                    0 => p.curve.value_at(t1),
                    1 => p.curve.value_at(t1),
                    2 | 3 if matches!(kind.numeric_shape(), Some((_, true))) => {
                        ParamValue::Numeric(if mode == 2 {
                            p.curve.derivative(t1)
                        } else {
                            p.curve.integral(t1, t2)
                        })
                    }
                    _ => return Err(ofx_sys::kOfxStatErrUnsupported),
                };
                Ok((kind, value))
            });
            let (kind, value) = match got {
                Err(_) => return ofx_sys::kOfxStatErrBadHandle,
                Ok(Err(s)) => {
                    // Logged outside `with_param`: the log takes the state lock.
                    let why = if s == ofx_sys::kOfxStatErrValue {
                        "a parameter without a value (group, page, push button or parametric)"
                    } else {
                        "a parameter that is not double-valued"
                    };
                    state::log().violation(
                        ViolationKind::BadValue,
                        format!("OfxParameterSuite.{function} of {why}"),
                    );
                    return s;
                }
                Ok(Ok(v)) => v,
            };
            let n = usize::try_from(n_outs).unwrap_or(0);
            // SAFETY: the shim passes `n_outs` collected pointers.
            let outs = unsafe { std::slice::from_raw_parts(outs, n) };
            if outs.iter().any(|p| p.is_null()) {
                return ofx_sys::kOfxStatErrValue;
            }
            match (kind.numeric_shape(), value) {
                (Some((count, is_double)), ParamValue::Numeric(v)) => {
                    for (k, out) in outs.iter().take(count).enumerate() {
                        let x = v.get(k).copied().unwrap_or(0.0);
                        if is_double {
                            // SAFETY: double kinds take `double*` out arguments.
                            unsafe { (*out as *mut c_double).write(x) };
                        } else {
                            // SAFETY: int kinds take `int*` out arguments.
                            unsafe { (*out as *mut c_int).write(x as c_int) };
                        }
                    }
                    ofx_sys::kOfxStatOK
                }
                (None, ParamValue::Text(_)) | (None, ParamValue::Bytes(_)) => {
                    // A custom parameter between two keys asks the plugin's
                    // interpolation callback, when it registered one.
                    let custom = if kind == ParamKind::Custom {
                        custom_between_keys(raw, t1)
                    } else {
                        None
                    };
                    // Strings and bytes point into the stored value, which lives
                    // until the parameter is next set or destroyed.
                    let st = state::with_param(Handle::from_raw(raw), |p| {
                        let keyed = !p.curve.key_times().is_empty();
                        if let Some(v) = custom {
                            p.curve.set(None, ParamValue::Text(v));
                        } else if keyed {
                            // Store the evaluated value so the pointer stays valid.
                            let v = p.curve.value_at(t1);
                            p.curve.set(None, v);
                        }
                        p.curve.stored_ptr()
                    });
                    match st {
                        Ok(Some((ptr, len))) => {
                            if kind == ParamKind::Bytes {
                                let b = OfxBytes {
                                    data: ptr as *const _,
                                    length: len as _,
                                };
                                // SAFETY: bytes params take an `OfxBytes*` out argument.
                                unsafe { (outs[0] as *mut OfxBytes).write(b) };
                            } else {
                                // SAFETY: string kinds take a `char**` out argument.
                                unsafe {
                                    (outs[0] as *mut *const c_char).write(ptr as *const c_char)
                                };
                            }
                            ofx_sys::kOfxStatOK
                        }
                        _ => ofx_sys::kOfxStatErrBadHandle,
                    }
                }
                _ => ofx_sys::kOfxStatErrValue,
            }
        },
    )
}

/// The value of custom parameter `raw` at `time` from its plugin's
/// interpolation callback, when `time` lies strictly between two keys and
/// the parameter has a callback; `None` otherwise (or when the callback
/// fails, which is logged).
fn custom_between_keys(raw: usize, time: f64) -> Option<std::ffi::CString> {
    let h = Handle::from_raw(raw);
    let (name, props, set, keys) = state::with_param(h, |p| {
        let keys = p.curve.key_times();
        let after = keys.iter().position(|k| *k > time)?;
        if after == 0 || keys[after - 1] == time {
            return None;
        }
        let (t0, t1) = (keys[after - 1], keys[after]);
        let text = |t: f64| match p.curve.value_at(t) {
            ParamValue::Text(c) => c.to_string_lossy().into_owned(),
            _ => String::new(),
        };
        Some((
            p.name.clone(),
            p.props?,
            p.set?,
            (t0, t1, text(t0), text(t1)),
        ))
    })
    .ok()??;
    let callback = state::with_property_set(props, |s| {
        s.get_pointer(ofx_str(ofx_sys::kOfxParamPropCustomInterpCallbackV1), 0)
            .ok()
    })
    .ok()??;
    if callback == 0 {
        return None;
    }
    let (t0, t1, from, to) = keys;
    let amount = (time - t0) / (t1 - t0);
    match super::custom_interp::call_callback(
        callback,
        set.raw(),
        &name,
        (&from, &to),
        (t0, t1),
        time,
        amount,
    ) {
        Ok(v) => std::ffi::CString::new(v).ok(),
        Err(e) => {
            state::log().violation(
                ViolationKind::BadStatus,
                format!("the interpolation callback of custom parameter '{name}' failed: {e}"),
            );
            None
        }
    }
}

/// Sets a parameter's value (or a key at `time` when `at_time` is non-zero)
/// from the components the shim read.
///
/// # Safety
/// `ints` and `doubles` point to 4 values each; `ptr` is null or, for string
/// kinds, a NUL-terminated string and, for bytes, an `OfxBytes*`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ofxhost_param_set(
    param: *mut c_void,
    at_time: c_int,
    time: c_double,
    ints: *const c_int,
    doubles: *const c_double,
    ptr: *const c_void,
) -> OfxStatus {
    let raw = param as usize;
    let function = if at_time != 0 {
        "paramSetValueAtTime"
    } else {
        "paramSetValue"
    };
    guard(
        ofx_str(ofx_sys::kOfxParameterSuite),
        function,
        raw,
        None,
        || {
            if let Some(status) = refuse_descriptor(function, raw) {
                return status;
            }
            let Ok(kind) = state::with_param(Handle::from_raw(raw), |p| p.curve.kind) else {
                return ofx_sys::kOfxStatErrBadHandle;
            };
            // The spec lets plugins set values in instance-changed and the
            // other interactive actions, never while rendering.
            let rendering = state::current_frame().is_some_and(|f| {
                let a = f.action.as_bytes();
                a == ofx_sys::kOfxImageEffectActionRender.to_bytes()
                    || a == ofx_sys::kOfxImageEffectActionBeginSequenceRender.to_bytes()
                    || a == ofx_sys::kOfxImageEffectActionEndSequenceRender.to_bytes()
            });
            if rendering {
                crate::state::log().violation(
                    crate::log::ViolationKind::WrongAction,
                    format!("OfxParameterSuite.{function} while rendering"),
                );
                return ofx_sys::kOfxStatFailed;
            }
            // Other actions that answer questions (regions, identity, clip
            // preferences, frames needed...) may run on any thread and must not
            // change the instance: the write is done, as hosts do, and logged.
            if let Some(action) = state::current_frame()
                .map(|f| f.action)
                .filter(|a| !plugin_may_write_in(a))
            {
                state::log().violation(
                ViolationKind::WrongAction,
                format!("OfxParameterSuite.{function} in {action}: the spec allows it in instance-changed and interacts"),
            );
            }
            let value = match kind.numeric_shape() {
                Some((n, true)) => {
                    // SAFETY: the shim passes 4 doubles.
                    let d = unsafe { std::slice::from_raw_parts(doubles, 4) };
                    ParamValue::Numeric(d[..n].to_vec())
                }
                Some((n, false)) => {
                    // SAFETY: the shim passes 4 ints.
                    let i = unsafe { std::slice::from_raw_parts(ints, 4) };
                    ParamValue::Numeric(i[..n].iter().map(|&x| f64::from(x)).collect())
                }
                None if kind == ParamKind::Bytes => {
                    if ptr.is_null() {
                        return ofx_sys::kOfxStatErrValue;
                    }
                    // SAFETY: bytes params pass an `OfxBytes*`.
                    let b = unsafe { &*(ptr as *const OfxBytes) };
                    if b.data.is_null() && b.length != 0 {
                        return ofx_sys::kOfxStatErrValue;
                    }
                    let data = if b.length == 0 {
                        Vec::new()
                    } else {
                        // SAFETY: `data` points to `length` bytes per OfxBytes.
                        unsafe { std::slice::from_raw_parts(b.data, b.length) }.to_vec()
                    };
                    ParamValue::Bytes(data)
                }
                None if kind == ParamKind::NoValue => {
                    state::log().violation(
                    ViolationKind::BadValue,
                    format!("OfxParameterSuite.{function} on a parameter without a value (group, page, push button or parametric)"),
                );
                    return ofx_sys::kOfxStatErrValue;
                }
                None => {
                    if ptr.is_null() {
                        return ofx_sys::kOfxStatErrValue;
                    }
                    // SAFETY: string kinds pass a NUL-terminated string.
                    ParamValue::Text(unsafe { CStr::from_ptr(ptr as *const c_char) }.to_owned())
                }
            };
            if let Err(why) = crate::param_sets::check_plugin_value(Handle::from_raw(raw), &value) {
                state::log().violation(
                    ViolationKind::BadValue,
                    format!("OfxParameterSuite.{function}: {why}"),
                );
                return ofx_sys::kOfxStatErrValue;
            }
            // On a parameter with keys, paramSetValue keys the current time (the
            // action's time, else the timeline's), as a host does when a user
            // edits an animated parameter; without keys it sets the constant.
            let now = state::current_frame()
                .and_then(|f| f.time)
                .unwrap_or_else(|| super::suites::timeline_state().0);
            // A parameter that does not animate takes no keys: a key asked of it
            // sets its value (as hosts do), with a note in the log.
            let animates = crate::param_sets::animates(Handle::from_raw(raw));
            if at_time != 0 && !animates {
                state::log().note(format!(
                "OfxParameterSuite.{function} on a parameter that does not animate: set as its value"
            ));
            }
            let set = state::with_param(Handle::from_raw(raw), |p| {
                let at = if at_time != 0 && animates {
                    Some(time)
                } else if at_time != 0 || p.curve.key_times().is_empty() {
                    None
                } else {
                    Some(now)
                };
                p.curve.set(at, value)
            });
            match set {
                Ok(()) => {
                    crate::param_sets::sync_animating(Handle::from_raw(raw));
                    crate::param_sets::note_plugin_write(Handle::from_raw(raw));
                    ofx_sys::kOfxStatOK
                }
                Err(_) => ofx_sys::kOfxStatErrBadHandle,
            }
        },
    )
}

/// Records a message formatted by the shim.
///
/// # Safety
/// The string arguments are null or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ofxhost_message(
    function: *const c_char,
    handle: *mut c_void,
    message_type: *const c_char,
    id: *const c_char,
    text: *const c_char,
) -> OfxStatus {
    // SAFETY: every argument is null or a C string (the shim's own or the plugin's).
    let (f, ty, id, text) =
        unsafe { (c_str(function), c_str(message_type), c_str(id), c_str(text)) };
    let f = if f == Some("setPersistentMessage") {
        "setPersistentMessage"
    } else {
        "message"
    };
    guard(
        ofx_str(ofx_sys::kOfxMessageSuite),
        f,
        handle as usize,
        ty.map(str::to_owned),
        || {
            let Some(ty) = ty else {
                state::log().violation(
                    ViolationKind::BadHandle,
                    format!("{f} without a message type"),
                );
                return ofx_sys::kOfxStatErrValue;
            };
            state::log().message(Message {
                function: f.to_string(),
                handle: handle as usize,
                message_type: ty.to_string(),
                id: id.unwrap_or("").to_string(),
                text: text.unwrap_or("").to_string(),
            });
            // A question gets "yes" from a non-interactive host; others are OK.
            if ty == ofx_str(ofx_sys::kOfxMessageQuestion) {
                ofx_sys::kOfxStatReplyYes
            } else {
                ofx_sys::kOfxStatOK
            }
        },
    )
}

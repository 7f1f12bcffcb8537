//! `OfxParameterSuiteV1` and `OfxParametricParameterSuiteV1`.
//!
//! The variadic value functions come from the C shim
//! ([`super::variadic_shim`]); everything else is here. Parameter sets and
//! their parameters live in [`crate::param_sets`].

use std::ffi::{c_char, c_int, c_uint};

use ofx_sys::{
    OfxParamHandle, OfxParamSetHandle, OfxParameterSuiteV1, OfxParametricParameterSuiteV1,
    OfxPropertySetHandle, OfxRangeD, OfxStatus, OfxTime,
};

use super::variadic_shim::{
    ofxhost_shim_paramGetDerivative, ofxhost_shim_paramGetIntegral, ofxhost_shim_paramGetValue,
    ofxhost_shim_paramGetValueAtTime, ofxhost_shim_paramSetValue, ofxhost_shim_paramSetValueAtTime,
};
use super::{c_str, guard};
use crate::handle::{Handle, HandleError};
use crate::log::ViolationKind;
use crate::param_sets;
use crate::state;
use crate::types::ofx_str;

const SUITE: &str = ofx_str(ofx_sys::kOfxParameterSuite);
const PARAMETRIC: &str = ofx_str(ofx_sys::kOfxParametricParameterSuite);

/// The parameter suite handed to plugins.
pub static PARAMETER_SUITE_V1: OfxParameterSuiteV1 = OfxParameterSuiteV1 {
    paramDefine: Some(param_define),
    paramGetHandle: Some(param_get_handle),
    paramSetGetPropertySet: Some(param_set_get_property_set),
    paramGetPropertySet: Some(param_get_property_set),
    paramGetValue: Some(ofxhost_shim_paramGetValue),
    paramGetValueAtTime: Some(ofxhost_shim_paramGetValueAtTime),
    paramGetDerivative: Some(ofxhost_shim_paramGetDerivative),
    paramGetIntegral: Some(ofxhost_shim_paramGetIntegral),
    paramSetValue: Some(ofxhost_shim_paramSetValue),
    paramSetValueAtTime: Some(ofxhost_shim_paramSetValueAtTime),
    paramGetNumKeys: Some(param_get_num_keys),
    paramGetKeyTime: Some(param_get_key_time),
    paramGetKeyIndex: Some(param_get_key_index),
    paramDeleteKey: Some(param_delete_key),
    paramDeleteAllKeys: Some(param_delete_all_keys),
    paramCopy: Some(param_copy),
    paramEditBegin: Some(param_edit_begin),
    paramEditEnd: Some(param_edit_end),
};

/// The parametric parameter suite handed to plugins. Curves do not animate
/// (the host says so with `OfxParamHostPropSupportsParametricAnimation` 0):
/// the time arguments are accepted and ignored.
pub static PARAMETRIC_SUITE_V1: OfxParametricParameterSuiteV1 = OfxParametricParameterSuiteV1 {
    parametricParamGetValue: Some(parametric_get_value),
    parametricParamGetNControlPoints: Some(parametric_get_n),
    parametricParamGetNthControlPoint: Some(parametric_get_nth),
    parametricParamSetNthControlPoint: Some(parametric_set_nth),
    parametricParamAddControlPoint: Some(parametric_add),
    parametricParamDeleteControlPoint: Some(parametric_delete),
    parametricParamDeleteAllControlPoints: Some(parametric_delete_all),
};

fn bad_handle(suite: &str, function: &str, what: &str, raw: usize, e: HandleError) -> OfxStatus {
    state::log().violation(
        ViolationKind::BadHandle,
        format!("{suite}.{function} on {e:?} {what} handle {raw:#x}"),
    );
    ofx_sys::kOfxStatErrBadHandle
}

/// Writes `value` through `out` when it is not null.
///
/// # Safety
/// `out` is null or valid for a write of `T`.
unsafe fn put<T>(out: *mut T, value: T) {
    if !out.is_null() {
        // SAFETY: non-null, and the caller promises it is writable.
        unsafe { out.write(value) };
    }
}

fn in_describe_in_context() -> bool {
    state::current_frame().is_some_and(|f| {
        f.action.as_bytes() == ofx_sys::kOfxImageEffectActionDescribeInContext.to_bytes()
    })
}

unsafe extern "C" fn param_define(
    set: OfxParamSetHandle,
    param_type: *const c_char,
    name: *const c_char,
    props_out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = set as usize;
    // SAFETY: the plugin passes C strings (or null, refused below).
    let (ty, n) = unsafe { (c_str(param_type), c_str(name)) };
    guard(SUITE, "paramDefine", raw, n.map(str::to_owned), || {
        // SAFETY: null or writable per the suite contract.
        unsafe { put(props_out, std::ptr::null_mut()) };
        let (Some(ty), Some(n)) = (ty, n) else {
            return ofx_sys::kOfxStatErrValue;
        };
        let found = state::lock()
            .param_sets
            .get(Handle::from_raw(raw))
            .map(|e| e.descriptor);
        match found {
            Err(e) => return bad_handle(SUITE, "paramDefine", "parameter set", raw, e),
            Ok(false) => {
                state::log().violation(
                    ViolationKind::WrongAction,
                    format!("{SUITE}.paramDefine of '{n}' on an instance's parameter set"),
                );
                return ofx_sys::kOfxStatErrValue;
            }
            Ok(true) => {}
        }
        if !in_describe_in_context() {
            state::log().violation(
                ViolationKind::WrongAction,
                format!("{SUITE}.paramDefine of '{n}' outside describe-in-context"),
            );
            return ofx_sys::kOfxStatErrUnsupported;
        }
        match param_sets::define(Handle::from_raw(raw), ty, n) {
            Ok((_, props)) => {
                // SAFETY: null or writable per the suite contract.
                unsafe { put(props_out, props.raw() as OfxPropertySetHandle) };
                ofx_sys::kOfxStatOK
            }
            Err(s) => {
                if s == ofx_sys::kOfxStatErrUnknown {
                    state::log().note(format!(
                        "{SUITE}.paramDefine: unknown parameter type '{ty}' for '{n}'"
                    ));
                }
                s
            }
        }
    })
}

unsafe extern "C" fn param_get_handle(
    set: OfxParamSetHandle,
    name: *const c_char,
    param: *mut OfxParamHandle,
    props_out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = set as usize;
    // SAFETY: the plugin passes a C string (or null, refused below).
    let n = unsafe { c_str(name) };
    guard(SUITE, "paramGetHandle", raw, n.map(str::to_owned), || {
        // SAFETY: null or writable per the suite contract.
        unsafe {
            put(param, std::ptr::null_mut());
            put(props_out, std::ptr::null_mut());
        }
        let Some(n) = n else {
            return ofx_sys::kOfxStatErrValue;
        };
        if param.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        let found = {
            let st = state::lock();
            st.param_sets.get(Handle::from_raw(raw)).map(|e| {
                e.params
                    .iter()
                    .find(|(pn, _)| pn == n)
                    .and_then(|(_, h)| Some((*h, st.params.get(*h).ok()?.props)))
            })
        };
        match found {
            Err(e) => bad_handle(SUITE, "paramGetHandle", "parameter set", raw, e),
            Ok(None) => ofx_sys::kOfxStatErrUnknown,
            Ok(Some((h, props))) => {
                // SAFETY: checked non-null / null-or-writable above.
                unsafe {
                    put(param, h.raw() as OfxParamHandle);
                    if let Some(p) = props {
                        put(props_out, p.raw() as OfxPropertySetHandle);
                    }
                }
                ofx_sys::kOfxStatOK
            }
        }
    })
}

unsafe extern "C" fn param_set_get_property_set(
    set: OfxParamSetHandle,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = set as usize;
    guard(SUITE, "paramSetGetPropertySet", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        let found = state::lock()
            .param_sets
            .get(Handle::from_raw(raw))
            .map(|e| e.props);
        match found {
            Ok(p) => {
                // SAFETY: checked non-null.
                unsafe { put(out, p.raw() as OfxPropertySetHandle) };
                ofx_sys::kOfxStatOK
            }
            Err(e) => {
                // SAFETY: checked non-null.
                unsafe { put(out, std::ptr::null_mut()) };
                bad_handle(SUITE, "paramSetGetPropertySet", "parameter set", raw, e)
            }
        }
    })
}

unsafe extern "C" fn param_get_property_set(
    param: OfxParamHandle,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = param as usize;
    guard(SUITE, "paramGetPropertySet", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        // SAFETY: checked non-null.
        unsafe { put(out, std::ptr::null_mut()) };
        match state::with_param(Handle::from_raw(raw), |p| p.props) {
            Ok(Some(p)) => {
                // SAFETY: checked non-null.
                unsafe { put(out, p.raw() as OfxPropertySetHandle) };
                ofx_sys::kOfxStatOK
            }
            Ok(None) => ofx_sys::kOfxStatErrUnsupported,
            Err(e) => bad_handle(SUITE, "paramGetPropertySet", "parameter", raw, e),
        }
    })
}

/// Runs `f` on a parameter, answering a bad handle with its status.
fn on_param(
    function: &'static str,
    raw: usize,
    f: impl FnOnce(&mut state::ParamEntry) -> OfxStatus,
) -> OfxStatus {
    match state::with_param(Handle::from_raw(raw), f) {
        Ok(s) => s,
        Err(e) => bad_handle(SUITE, function, "parameter", raw, e),
    }
}

unsafe extern "C" fn param_get_num_keys(param: OfxParamHandle, out: *mut c_uint) -> OfxStatus {
    let raw = param as usize;
    guard(SUITE, "paramGetNumKeys", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        on_param("paramGetNumKeys", raw, |p| {
            let n = p.curve.key_times().len() as c_uint;
            // SAFETY: checked non-null.
            unsafe { put(out, n) };
            ofx_sys::kOfxStatOK
        })
    })
}

unsafe extern "C" fn param_get_key_time(
    param: OfxParamHandle,
    nth: c_uint,
    out: *mut OfxTime,
) -> OfxStatus {
    let raw = param as usize;
    guard(SUITE, "paramGetKeyTime", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        on_param("paramGetKeyTime", raw, |p| {
            match p.curve.key_times().get(nth as usize) {
                Some(t) => {
                    // SAFETY: checked non-null.
                    unsafe { put(out, *t) };
                    ofx_sys::kOfxStatOK
                }
                None => ofx_sys::kOfxStatErrBadIndex,
            }
        })
    })
}

unsafe extern "C" fn param_get_key_index(
    param: OfxParamHandle,
    time: OfxTime,
    direction: c_int,
    out: *mut c_int,
) -> OfxStatus {
    let raw = param as usize;
    guard(SUITE, "paramGetKeyIndex", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        on_param("paramGetKeyIndex", raw, |p| {
            let keys = p.curve.key_times();
            let found = match direction {
                0 => keys.iter().position(|t| *t == time),
                d if d < 0 => keys.iter().rposition(|t| *t < time),
                _ => keys.iter().position(|t| *t > time),
            };
            match found {
                Some(i) => {
                    // SAFETY: checked non-null.
                    unsafe { put(out, i as c_int) };
                    ofx_sys::kOfxStatOK
                }
                None => ofx_sys::kOfxStatFailed,
            }
        })
    })
}

unsafe extern "C" fn param_delete_key(param: OfxParamHandle, time: OfxTime) -> OfxStatus {
    let raw = param as usize;
    guard(SUITE, "paramDeleteKey", raw, None, || {
        let s = on_param("paramDeleteKey", raw, |p| {
            if p.curve.delete_key(time) {
                ofx_sys::kOfxStatOK
            } else {
                ofx_sys::kOfxStatErrBadIndex
            }
        });
        param_sets::sync_animating(Handle::from_raw(raw));
        s
    })
}

unsafe extern "C" fn param_delete_all_keys(param: OfxParamHandle) -> OfxStatus {
    let raw = param as usize;
    guard(SUITE, "paramDeleteAllKeys", raw, None, || {
        let s = on_param("paramDeleteAllKeys", raw, |p| {
            p.curve.delete_all_keys();
            ofx_sys::kOfxStatOK
        });
        param_sets::sync_animating(Handle::from_raw(raw));
        s
    })
}

unsafe extern "C" fn param_copy(
    to: OfxParamHandle,
    from: OfxParamHandle,
    offset: OfxTime,
    range: *const OfxRangeD,
) -> OfxStatus {
    let raw = to as usize;
    // SAFETY: null or a valid range per the suite contract.
    let range = unsafe { range.as_ref() }.map(|r| (r.min, r.max));
    guard(SUITE, "paramCopy", raw, None, || {
        let src = match state::with_param(Handle::from_raw(from as usize), |p| p.clone()) {
            Ok(p) => p,
            Err(e) => return bad_handle(SUITE, "paramCopy", "source parameter", from as usize, e),
        };
        let dst = match state::with_param(Handle::from_raw(raw), |p| {
            (p.name.clone(), p.type_name.clone(), p.curve.kind)
        }) {
            Ok(d) => d,
            Err(e) => return bad_handle(SUITE, "paramCopy", "parameter", raw, e),
        };
        if dst.1 != src.type_name || dst.2 != src.curve.kind {
            // Logged outside `with_param`: the log takes the state lock.
            state::log().note(format!(
                "{SUITE}.paramCopy from '{}' ({}) to '{}' ({}): types differ",
                src.name, src.type_name, dst.0, dst.1
            ));
            return ofx_sys::kOfxStatErrValue;
        }
        let s = on_param("paramCopy", raw, |dst| {
            let keys = src.curve.key_times();
            if keys.is_empty() {
                let v = src.curve.value_at(0.0);
                dst.curve.delete_all_keys();
                dst.curve.set(None, v);
            } else {
                if range.is_none() {
                    dst.curve.delete_all_keys();
                }
                for t in keys {
                    if range.is_some_and(|(a, b)| t < a || t > b) {
                        continue;
                    }
                    dst.curve.set_key(t + offset, src.curve.value_at(t));
                }
            }
            dst.curves = src.curves.clone();
            ofx_sys::kOfxStatOK
        });
        param_sets::sync_animating(Handle::from_raw(raw));
        s
    })
}

unsafe extern "C" fn param_edit_begin(set: OfxParamSetHandle, name: *const c_char) -> OfxStatus {
    let raw = set as usize;
    // SAFETY: null or a C string.
    let n = unsafe { c_str(name) }.map(str::to_owned);
    guard(SUITE, "paramEditBegin", raw, n, || {
        let r = state::lock()
            .param_sets
            .get_mut(Handle::from_raw(raw))
            .map(|e| e.edit_depth += 1);
        match r {
            Ok(()) => ofx_sys::kOfxStatOK,
            Err(e) => bad_handle(SUITE, "paramEditBegin", "parameter set", raw, e),
        }
    })
}

unsafe extern "C" fn param_edit_end(set: OfxParamSetHandle) -> OfxStatus {
    let raw = set as usize;
    guard(SUITE, "paramEditEnd", raw, None, || {
        let r = state::lock()
            .param_sets
            .get_mut(Handle::from_raw(raw))
            .map(|e| {
                if e.edit_depth == 0 {
                    false
                } else {
                    e.edit_depth -= 1;
                    true
                }
            });
        match r {
            Ok(true) => ofx_sys::kOfxStatOK,
            Ok(false) => {
                state::log().violation(
                    ViolationKind::UnbalancedLock,
                    format!("{SUITE}.paramEditEnd without a matching paramEditBegin"),
                );
                ofx_sys::kOfxStatFailed
            }
            Err(e) => bad_handle(SUITE, "paramEditEnd", "parameter set", raw, e),
        }
    })
}

// ------------------------------------------------------------ parametric

/// Runs `f` on curve `curve` of a parametric parameter (curves sized to the
/// parameter's dimension first).
fn on_curve(
    function: &'static str,
    raw: usize,
    curve: c_int,
    f: impl FnOnce(&mut Vec<(f64, f64)>) -> OfxStatus,
) -> OfxStatus {
    let h = Handle::from_raw(raw);
    let probe = state::with_param(h, |p| (p.type_name.clone(), p.clone()));
    let (ty, entry) = match probe {
        Ok(v) => v,
        Err(e) => return bad_handle(PARAMETRIC, function, "parameter", raw, e),
    };
    if ty != ofx_str(ofx_sys::kOfxParamTypeParametric) {
        state::log().note(format!(
            "{PARAMETRIC}.{function} on '{}', a {ty}",
            entry.name
        ));
        return ofx_sys::kOfxStatErrBadHandle;
    }
    let dim = param_sets::parametric_dimension(&entry);
    let Ok(index) = usize::try_from(curve) else {
        return ofx_sys::kOfxStatErrBadIndex;
    };
    if index >= dim {
        return ofx_sys::kOfxStatErrBadIndex;
    }
    match state::with_param(h, |p| {
        if p.curves.len() < dim {
            p.curves.resize(dim, Vec::new());
        }
        f(&mut p.curves[index])
    }) {
        Ok(s) => s,
        Err(e) => bad_handle(PARAMETRIC, function, "parameter", raw, e),
    }
}

/// Evaluates control points (sorted by position) at `x`: linear between
/// points, constant beyond the ends, zero without points.
pub fn evaluate_curve(points: &[(f64, f64)], x: f64) -> f64 {
    let Some(first) = points.first() else {
        return 0.0;
    };
    if x <= first.0 {
        return first.1;
    }
    let after = points.partition_point(|(px, _)| *px <= x);
    if after >= points.len() {
        return points[points.len() - 1].1;
    }
    let (x0, y0) = points[after - 1];
    let (x1, y1) = points[after];
    if x1 == x0 {
        return y1;
    }
    y0 + (y1 - y0) * (x - x0) / (x1 - x0)
}

fn insert_sorted(points: &mut Vec<(f64, f64)>, key: f64, value: f64) {
    let i = points.partition_point(|(x, _)| *x < key);
    if points.get(i).is_some_and(|(x, _)| *x == key) {
        points[i].1 = value;
    } else {
        points.insert(i, (key, value));
    }
}

unsafe extern "C" fn parametric_get_value(
    param: OfxParamHandle,
    curve: c_int,
    _time: OfxTime,
    position: f64,
    out: *mut f64,
) -> OfxStatus {
    let raw = param as usize;
    guard(PARAMETRIC, "parametricParamGetValue", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        on_curve("parametricParamGetValue", raw, curve, |pts| {
            // SAFETY: checked non-null.
            unsafe { put(out, evaluate_curve(pts, position)) };
            ofx_sys::kOfxStatOK
        })
    })
}

unsafe extern "C" fn parametric_get_n(
    param: OfxParamHandle,
    curve: c_int,
    _time: f64,
    out: *mut c_int,
) -> OfxStatus {
    let raw = param as usize;
    guard(
        PARAMETRIC,
        "parametricParamGetNControlPoints",
        raw,
        None,
        || {
            if out.is_null() {
                return ofx_sys::kOfxStatErrValue;
            }
            on_curve("parametricParamGetNControlPoints", raw, curve, |pts| {
                // SAFETY: checked non-null.
                unsafe { put(out, pts.len() as c_int) };
                ofx_sys::kOfxStatOK
            })
        },
    )
}

unsafe extern "C" fn parametric_get_nth(
    param: OfxParamHandle,
    curve: c_int,
    _time: f64,
    nth: c_int,
    key: *mut f64,
    value: *mut f64,
) -> OfxStatus {
    let raw = param as usize;
    guard(
        PARAMETRIC,
        "parametricParamGetNthControlPoint",
        raw,
        None,
        || {
            if key.is_null() || value.is_null() {
                return ofx_sys::kOfxStatErrValue;
            }
            on_curve("parametricParamGetNthControlPoint", raw, curve, |pts| {
                match usize::try_from(nth).ok().and_then(|i| pts.get(i)) {
                    Some((x, y)) => {
                        // SAFETY: both checked non-null.
                        unsafe {
                            put(key, *x);
                            put(value, *y);
                        }
                        ofx_sys::kOfxStatOK
                    }
                    None => ofx_sys::kOfxStatErrBadIndex,
                }
            })
        },
    )
}

unsafe extern "C" fn parametric_set_nth(
    param: OfxParamHandle,
    curve: c_int,
    _time: f64,
    nth: c_int,
    key: f64,
    value: f64,
    _add_key: bool,
) -> OfxStatus {
    let raw = param as usize;
    guard(
        PARAMETRIC,
        "parametricParamSetNthControlPoint",
        raw,
        None,
        || {
            on_curve(
                "parametricParamSetNthControlPoint",
                raw,
                curve,
                |pts| match usize::try_from(nth).ok().filter(|i| *i < pts.len()) {
                    Some(i) => {
                        pts.remove(i);
                        insert_sorted(pts, key, value);
                        ofx_sys::kOfxStatOK
                    }
                    None => ofx_sys::kOfxStatErrBadIndex,
                },
            )
        },
    )
}

unsafe extern "C" fn parametric_add(
    param: OfxParamHandle,
    curve: c_int,
    _time: f64,
    key: f64,
    value: f64,
    _add_key: bool,
) -> OfxStatus {
    let raw = param as usize;
    guard(
        PARAMETRIC,
        "parametricParamAddControlPoint",
        raw,
        None,
        || {
            if !key.is_finite() || !value.is_finite() {
                return ofx_sys::kOfxStatErrValue;
            }
            on_curve("parametricParamAddControlPoint", raw, curve, |pts| {
                insert_sorted(pts, key, value);
                ofx_sys::kOfxStatOK
            })
        },
    )
}

unsafe extern "C" fn parametric_delete(
    param: OfxParamHandle,
    curve: c_int,
    nth: c_int,
) -> OfxStatus {
    let raw = param as usize;
    guard(
        PARAMETRIC,
        "parametricParamDeleteControlPoint",
        raw,
        None,
        || {
            on_curve(
                "parametricParamDeleteControlPoint",
                raw,
                curve,
                |pts| match usize::try_from(nth).ok().filter(|i| *i < pts.len()) {
                    Some(i) => {
                        pts.remove(i);
                        ofx_sys::kOfxStatOK
                    }
                    None => ofx_sys::kOfxStatErrBadIndex,
                },
            )
        },
    )
}

unsafe extern "C" fn parametric_delete_all(param: OfxParamHandle, curve: c_int) -> OfxStatus {
    let raw = param as usize;
    guard(
        PARAMETRIC,
        "parametricParamDeleteAllControlPoints",
        raw,
        None,
        || {
            on_curve("parametricParamDeleteAllControlPoints", raw, curve, |pts| {
                pts.clear();
                ofx_sys::kOfxStatOK
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_interpolate_linearly_and_hold_at_the_ends() {
        let mut pts = Vec::new();
        insert_sorted(&mut pts, 1.0, 1.0);
        insert_sorted(&mut pts, 0.0, 0.0);
        insert_sorted(&mut pts, 0.5, 0.25);
        assert_eq!(pts, [(0.0, 0.0), (0.5, 0.25), (1.0, 1.0)]);
        assert_eq!(evaluate_curve(&pts, 0.25), 0.125);
        assert_eq!(evaluate_curve(&pts, 0.75), 0.625);
        assert_eq!(evaluate_curve(&pts, -1.0), 0.0);
        assert_eq!(evaluate_curve(&pts, 2.0), 1.0);
        assert_eq!(evaluate_curve(&[], 0.3), 0.0);
        insert_sorted(&mut pts, 0.5, 0.5);
        assert_eq!(pts.len(), 3, "a point at an existing position replaces it");
        assert_eq!(evaluate_curve(&pts, 0.5), 0.5);
    }
}

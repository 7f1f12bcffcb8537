//! Parameter-suite calls: the only place where ofx-plugin calls the host's
//! parameter suite.

use std::ffi::{CStr, CString};
use std::ptr;

use ofx_sys as sys;

use super::check;
use super::props::PropSet;
use super::suites::suites;
use crate::error::{Error, Result};

fn c_name(name: &str) -> Result<CString> {
    CString::new(name)
        .map_err(|_| Error::value(format!("parameter name {name:?} contains a NUL byte")))
}

/// The property set of a parameter set (holds e.g. the plugin page order).
pub(crate) fn param_set_props(set: sys::OfxParamSetHandle) -> Result<PropSet> {
    if set.is_null() {
        return Err(Error::bad_handle("null parameter set handle"));
    }
    let suite = suites()?.parameter;
    let f = suite
        .paramSetGetPropertySet
        .ok_or_else(|| Error::missing_host_feature("paramSetGetPropertySet is missing"))?;
    let mut props: sys::OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: `set` is a non-null handle the host gave us; `props` is a valid
    // out-pointer for the duration of the call.
    let status = unsafe { f(set, &mut props) };
    check(status, || "paramSetGetPropertySet".to_owned())?;
    PropSet::new(props)
}

/// Defines a parameter of the given type; returns its descriptor properties.
pub(crate) fn define(set: sys::OfxParamSetHandle, kind: &CStr, name: &str) -> Result<PropSet> {
    let cname = c_name(name)?;
    let suite = suites()?.parameter;
    let f = suite
        .paramDefine
        .ok_or_else(|| Error::missing_host_feature("paramDefine is missing"))?;
    let mut props: sys::OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: `set` is a parameter-set handle from the host, the strings are
    // NUL-terminated and outlive the call, `props` is a valid out-pointer.
    let status = unsafe { f(set, kind.as_ptr(), cname.as_ptr(), &mut props) };
    check(status, || format!("paramDefine({name:?})"))?;
    PropSet::new(props)
}

/// Looks up an instance parameter by name: its handle and property set.
pub(crate) fn get_handle(
    set: sys::OfxParamSetHandle,
    name: &str,
) -> Result<(sys::OfxParamHandle, PropSet)> {
    let cname = c_name(name)?;
    let suite = suites()?.parameter;
    let f = suite
        .paramGetHandle
        .ok_or_else(|| Error::missing_host_feature("paramGetHandle is missing"))?;
    let mut handle: sys::OfxParamHandle = ptr::null_mut();
    let mut props: sys::OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: as in `define`; both out-pointers are valid for the call.
    let status = unsafe { f(set, cname.as_ptr(), &mut handle, &mut props) };
    check(status, || format!("parameter {name:?}: paramGetHandle"))?;
    if handle.is_null() {
        return Err(Error::bad_handle(format!(
            "parameter {name:?}: host returned a null handle"
        )));
    }
    Ok((handle, PropSet::new(props)?))
}

/// Reads `N` doubles (N = 1..=4), at the current time or at `time`.
pub(crate) fn get_doubles<const N: usize>(
    h: sys::OfxParamHandle,
    time: Option<f64>,
    name: &str,
) -> Result<[f64; N]> {
    let suite = suites()?.parameter;
    let mut v = [0.0f64; N];
    let p = v.as_mut_ptr();
    let status = match time {
        None => {
            let f = suite
                .paramGetValue
                .ok_or_else(|| Error::missing_host_feature("paramGetValue is missing"))?;
            // SAFETY: `h` is a parameter handle from the host whose type was
            // checked to take N doubles; each pointer addresses one f64 of `v`.
            unsafe {
                match N {
                    1 => f(h, p),
                    2 => f(h, p, p.add(1)),
                    3 => f(h, p, p.add(1), p.add(2)),
                    4 => f(h, p, p.add(1), p.add(2), p.add(3)),
                    _ => sys::kOfxStatErrValue,
                }
            }
        }
        Some(t) => {
            let f = suite
                .paramGetValueAtTime
                .ok_or_else(|| Error::missing_host_feature("paramGetValueAtTime is missing"))?;
            // SAFETY: as above.
            unsafe {
                match N {
                    1 => f(h, t, p),
                    2 => f(h, t, p, p.add(1)),
                    3 => f(h, t, p, p.add(1), p.add(2)),
                    4 => f(h, t, p, p.add(1), p.add(2), p.add(3)),
                    _ => sys::kOfxStatErrValue,
                }
            }
        }
    };
    check(status, || format!("parameter {name:?}: get value"))?;
    Ok(v)
}

/// Reads `N` C ints (N = 1..=3), at the current time or at `time`.
pub(crate) fn get_ints<const N: usize>(
    h: sys::OfxParamHandle,
    time: Option<f64>,
    name: &str,
) -> Result<[i32; N]> {
    let suite = suites()?.parameter;
    let mut v = [0 as std::ffi::c_int; N];
    let p = v.as_mut_ptr();
    let status = match time {
        None => {
            let f = suite
                .paramGetValue
                .ok_or_else(|| Error::missing_host_feature("paramGetValue is missing"))?;
            // SAFETY: `h` was type-checked to take N ints; each pointer
            // addresses one c_int of `v`.
            unsafe {
                match N {
                    1 => f(h, p),
                    2 => f(h, p, p.add(1)),
                    3 => f(h, p, p.add(1), p.add(2)),
                    _ => sys::kOfxStatErrValue,
                }
            }
        }
        Some(t) => {
            let f = suite
                .paramGetValueAtTime
                .ok_or_else(|| Error::missing_host_feature("paramGetValueAtTime is missing"))?;
            // SAFETY: as above.
            unsafe {
                match N {
                    1 => f(h, t, p),
                    2 => f(h, t, p, p.add(1)),
                    3 => f(h, t, p, p.add(1), p.add(2)),
                    _ => sys::kOfxStatErrValue,
                }
            }
        }
    };
    check(status, || format!("parameter {name:?}: get value"))?;
    Ok(v)
}

/// Sets `N` doubles (N = 1..=4), now or as a key at `time`. Doubles are
/// passed by value, as C's default argument promotion expects.
pub(crate) fn set_doubles<const N: usize>(
    h: sys::OfxParamHandle,
    time: Option<f64>,
    v: [f64; N],
    name: &str,
) -> Result<()> {
    crate::interact::check_not_drawing(|| format!("parameter {name:?}: set value"))?;
    let suite = suites()?.parameter;
    let status = match time {
        None => {
            let f = suite
                .paramSetValue
                .ok_or_else(|| Error::missing_host_feature("paramSetValue is missing"))?;
            // SAFETY: `h` was type-checked to take N doubles, passed by value.
            unsafe {
                match N {
                    1 => f(h, v[0]),
                    2 => f(h, v[0], v[1]),
                    3 => f(h, v[0], v[1], v[2]),
                    4 => f(h, v[0], v[1], v[2], v[3]),
                    _ => sys::kOfxStatErrValue,
                }
            }
        }
        Some(t) => {
            let f = suite
                .paramSetValueAtTime
                .ok_or_else(|| Error::missing_host_feature("paramSetValueAtTime is missing"))?;
            // SAFETY: as above.
            unsafe {
                match N {
                    1 => f(h, t, v[0]),
                    2 => f(h, t, v[0], v[1]),
                    3 => f(h, t, v[0], v[1], v[2]),
                    4 => f(h, t, v[0], v[1], v[2], v[3]),
                    _ => sys::kOfxStatErrValue,
                }
            }
        }
    };
    check(status, || format!("parameter {name:?}: set value"))
}

/// Sets `N` C ints (N = 1..=3), now or as a key at `time`.
pub(crate) fn set_ints<const N: usize>(
    h: sys::OfxParamHandle,
    time: Option<f64>,
    v: [i32; N],
    name: &str,
) -> Result<()> {
    crate::interact::check_not_drawing(|| format!("parameter {name:?}: set value"))?;
    let suite = suites()?.parameter;
    let v: [std::ffi::c_int; N] = v;
    let status = match time {
        None => {
            let f = suite
                .paramSetValue
                .ok_or_else(|| Error::missing_host_feature("paramSetValue is missing"))?;
            // SAFETY: `h` was type-checked to take N ints, passed by value.
            unsafe {
                match N {
                    1 => f(h, v[0]),
                    2 => f(h, v[0], v[1]),
                    3 => f(h, v[0], v[1], v[2]),
                    _ => sys::kOfxStatErrValue,
                }
            }
        }
        Some(t) => {
            let f = suite
                .paramSetValueAtTime
                .ok_or_else(|| Error::missing_host_feature("paramSetValueAtTime is missing"))?;
            // SAFETY: as above.
            unsafe {
                match N {
                    1 => f(h, t, v[0]),
                    2 => f(h, t, v[0], v[1]),
                    3 => f(h, t, v[0], v[1], v[2]),
                    _ => sys::kOfxStatErrValue,
                }
            }
        }
    };
    check(status, || format!("parameter {name:?}: set value"))
}

/// Number of keyframes.
pub(crate) fn num_keys(h: sys::OfxParamHandle, name: &str) -> Result<usize> {
    let f = suites()?
        .parameter
        .paramGetNumKeys
        .ok_or_else(|| Error::missing_host_feature("paramGetNumKeys is missing"))?;
    let mut n: std::ffi::c_uint = 0;
    // SAFETY: valid handle and out-pointer.
    let status = unsafe { f(h, &mut n) };
    check(status, || format!("parameter {name:?}: paramGetNumKeys"))?;
    Ok(n as usize)
}

/// Time of the `nth` keyframe.
pub(crate) fn key_time(h: sys::OfxParamHandle, nth: usize, name: &str) -> Result<f64> {
    let f = suites()?
        .parameter
        .paramGetKeyTime
        .ok_or_else(|| Error::missing_host_feature("paramGetKeyTime is missing"))?;
    let nth = std::ffi::c_uint::try_from(nth)
        .map_err(|_| Error::value(format!("parameter {name:?}: key index {nth} too large")))?;
    let mut t = 0.0;
    // SAFETY: valid handle and out-pointer.
    let status = unsafe { f(h, nth, &mut t) };
    check(status, || {
        format!("parameter {name:?}: paramGetKeyTime({nth})")
    })?;
    Ok(t)
}

/// Index of the keyframe at (direction 0), before (-1) or after (1) `time`;
/// `None` when there is none.
pub(crate) fn key_index(
    h: sys::OfxParamHandle,
    time: f64,
    direction: std::ffi::c_int,
    name: &str,
) -> Result<Option<usize>> {
    let f = suites()?
        .parameter
        .paramGetKeyIndex
        .ok_or_else(|| Error::missing_host_feature("paramGetKeyIndex is missing"))?;
    let mut i: std::ffi::c_int = -1;
    // SAFETY: valid handle and out-pointer.
    let status = unsafe { f(h, time, direction, &mut i) };
    if status == sys::kOfxStatFailed {
        return Ok(None);
    }
    check(status, || {
        format!("parameter {name:?}: paramGetKeyIndex({time})")
    })?;
    Ok(usize::try_from(i).ok())
}

/// Deletes the key at `time`.
pub(crate) fn delete_key(h: sys::OfxParamHandle, time: f64, name: &str) -> Result<()> {
    crate::interact::check_not_drawing(|| format!("parameter {name:?}: delete keys"))?;
    let f = suites()?
        .parameter
        .paramDeleteKey
        .ok_or_else(|| Error::missing_host_feature("paramDeleteKey is missing"))?;
    // SAFETY: valid handle.
    let status = unsafe { f(h, time) };
    check(status, || {
        format!("parameter {name:?}: paramDeleteKey({time})")
    })
}

/// Deletes every key.
pub(crate) fn delete_all_keys(h: sys::OfxParamHandle, name: &str) -> Result<()> {
    crate::interact::check_not_drawing(|| format!("parameter {name:?}: delete keys"))?;
    let f = suites()?
        .parameter
        .paramDeleteAllKeys
        .ok_or_else(|| Error::missing_host_feature("paramDeleteAllKeys is missing"))?;
    // SAFETY: valid handle.
    let status = unsafe { f(h) };
    check(status, || format!("parameter {name:?}: paramDeleteAllKeys"))
}

/// Opens (`begin`) or closes an undo/redo edit block on a parameter set.
pub(crate) fn edit(set: sys::OfxParamSetHandle, begin: Option<&str>) -> Result<()> {
    let suite = suites()?.parameter;
    let status = match begin {
        Some(label) => {
            let f = suite
                .paramEditBegin
                .ok_or_else(|| Error::missing_host_feature("paramEditBegin is missing"))?;
            let label = c_name(label)?;
            // SAFETY: valid set handle, NUL-terminated label living for the call.
            unsafe { f(set, label.as_ptr()) }
        }
        None => {
            let f = suite
                .paramEditEnd
                .ok_or_else(|| Error::missing_host_feature("paramEditEnd is missing"))?;
            // SAFETY: valid set handle.
            unsafe { f(set) }
        }
    };
    check(status, || "paramEditBegin/End".to_owned())
}

/// Reads a string-valued parameter (String, StrChoice, Custom).
pub(crate) fn get_string(h: sys::OfxParamHandle, time: Option<f64>, name: &str) -> Result<String> {
    let suite = suites()?.parameter;
    let mut p: *const std::ffi::c_char = ptr::null();
    let status = match time {
        None => {
            let f = suite
                .paramGetValue
                .ok_or_else(|| Error::missing_host_feature("paramGetValue is missing"))?;
            // SAFETY: `h` was type-checked to be string-valued; the host
            // writes one `const char*` through the pointer.
            unsafe { f(h, &mut p as *mut *const std::ffi::c_char) }
        }
        Some(t) => {
            let f = suite
                .paramGetValueAtTime
                .ok_or_else(|| Error::missing_host_feature("paramGetValueAtTime is missing"))?;
            // SAFETY: as above.
            unsafe { f(h, t, &mut p as *mut *const std::ffi::c_char) }
        }
    };
    check(status, || format!("parameter {name:?}: get value"))?;
    if p.is_null() {
        return Err(Error::value(format!(
            "parameter {name:?}: the host returned a null string"
        )));
    }
    // SAFETY: the host returned a NUL-terminated string that stays valid at
    // least until the next call on this parameter; it is copied at once.
    Ok(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// Sets a string-valued parameter, now or as a key at `time`.
pub(crate) fn set_string(
    h: sys::OfxParamHandle,
    time: Option<f64>,
    v: &str,
    name: &str,
) -> Result<()> {
    crate::interact::check_not_drawing(|| format!("parameter {name:?}: set value"))?;
    let suite = suites()?.parameter;
    let c = CString::new(v)
        .map_err(|_| Error::value(format!("parameter {name:?}: value contains a NUL byte")))?;
    let status = match time {
        None => {
            let f = suite
                .paramSetValue
                .ok_or_else(|| Error::missing_host_feature("paramSetValue is missing"))?;
            // SAFETY: string-valued parameter; the C string outlives the call.
            unsafe { f(h, c.as_ptr()) }
        }
        Some(t) => {
            let f = suite
                .paramSetValueAtTime
                .ok_or_else(|| Error::missing_host_feature("paramSetValueAtTime is missing"))?;
            // SAFETY: as above.
            unsafe { f(h, t, c.as_ptr()) }
        }
    };
    check(status, || format!("parameter {name:?}: set value"))
}

/// Derivative (`t2 == None`) at `t1`, or integral over `t1..t2`, of `N`
/// doubles.
pub(crate) fn calculus<const N: usize>(
    h: sys::OfxParamHandle,
    t1: f64,
    t2: Option<f64>,
    name: &str,
) -> Result<[f64; N]> {
    let suite = suites()?.parameter;
    let mut v = [0.0f64; N];
    let p = v.as_mut_ptr();
    let status = match t2 {
        None => {
            let f = suite
                .paramGetDerivative
                .ok_or_else(|| Error::missing_host_feature("paramGetDerivative is missing"))?;
            // SAFETY: double-valued parameter of N dimensions; pointers into `v`.
            unsafe {
                match N {
                    1 => f(h, t1, p),
                    2 => f(h, t1, p, p.add(1)),
                    3 => f(h, t1, p, p.add(1), p.add(2)),
                    _ => sys::kOfxStatErrValue,
                }
            }
        }
        Some(t2) => {
            let f = suite
                .paramGetIntegral
                .ok_or_else(|| Error::missing_host_feature("paramGetIntegral is missing"))?;
            // SAFETY: as above.
            unsafe {
                match N {
                    1 => f(h, t1, t2, p),
                    2 => f(h, t1, t2, p, p.add(1)),
                    3 => f(h, t1, t2, p, p.add(1), p.add(2)),
                    _ => sys::kOfxStatErrValue,
                }
            }
        }
    };
    check(status, || {
        format!("parameter {name:?}: derivative/integral")
    })?;
    Ok(v)
}

/// Copies `from` (optionally only keys within `range`) onto `to`, shifted by
/// `offset`.
pub(crate) fn copy(
    to: sys::OfxParamHandle,
    from: sys::OfxParamHandle,
    offset: f64,
    range: Option<(f64, f64)>,
    name: &str,
) -> Result<()> {
    let f = suites()?
        .parameter
        .paramCopy
        .ok_or_else(|| Error::missing_host_feature("paramCopy is missing"))?;
    let r = range.map(|(min, max)| sys::OfxRangeD { min, max });
    let rp = r
        .as_ref()
        .map_or(ptr::null(), |r| r as *const sys::OfxRangeD);
    // SAFETY: both handles come from the host; `rp` is null or points to a
    // range living until the call returns.
    let status = unsafe { f(to, from, offset, rp) };
    check(status, || format!("parameter {name:?}: paramCopy"))
}

/// The parametric parameter suite, or an error naming what needed it.
fn parametric(what: &str) -> Result<&'static sys::OfxParametricParameterSuiteV1> {
    let s = suites()?;
    match &s.parametric {
        Some(p) => Ok(p.get()),
        None => Err(Error::missing_host_feature(format!(
            "{what}: the host has no parametric parameter suite"
        ))),
    }
}

/// Curve `curve` of a parametric parameter evaluated at `x`, at `time`.
pub(crate) fn parametric_value(
    h: sys::OfxParamHandle,
    curve: usize,
    time: f64,
    x: f64,
    name: &str,
) -> Result<f64> {
    let f = parametric(name)?
        .parametricParamGetValue
        .ok_or_else(|| Error::missing_host_feature("parametricParamGetValue is missing"))?;
    let c = curve_index(curve, name)?;
    let mut v = 0.0;
    // SAFETY: valid handle and out-pointer.
    let status = unsafe { f(h, c, time, x, &mut v) };
    check(status, || {
        format!("parameter {name:?}: parametricParamGetValue(curve {curve}, {x})")
    })?;
    Ok(v)
}

fn curve_index(curve: usize, name: &str) -> Result<std::ffi::c_int> {
    std::ffi::c_int::try_from(curve)
        .map_err(|_| Error::value(format!("parameter {name:?}: curve {curve} too large")))
}

/// The control points `(x, y)` of curve `curve` at `time`.
pub(crate) fn parametric_points(
    h: sys::OfxParamHandle,
    curve: usize,
    time: f64,
    name: &str,
) -> Result<Vec<(f64, f64)>> {
    let s = parametric(name)?;
    let count = s.parametricParamGetNControlPoints.ok_or_else(|| {
        Error::missing_host_feature("parametricParamGetNControlPoints is missing")
    })?;
    let nth = s.parametricParamGetNthControlPoint.ok_or_else(|| {
        Error::missing_host_feature("parametricParamGetNthControlPoint is missing")
    })?;
    let c = curve_index(curve, name)?;
    let mut n: std::ffi::c_int = 0;
    // SAFETY: valid handle and out-pointer.
    let status = unsafe { count(h, c, time, &mut n) };
    check(status, || {
        format!("parameter {name:?}: parametricParamGetNControlPoints(curve {curve})")
    })?;
    let mut out = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
    for i in 0..n.max(0) {
        let (mut x, mut y) = (0.0, 0.0);
        // SAFETY: valid handle and out-pointers to locals.
        let status = unsafe { nth(h, c, time, i, &mut x, &mut y) };
        check(status, || {
            format!("parameter {name:?}: parametricParamGetNthControlPoint(curve {curve}, {i})")
        })?;
        out.push((x, y));
    }
    Ok(out)
}

/// Adds a control point to curve `curve` (a key at `time` when `key`).
pub(crate) fn parametric_add(
    h: sys::OfxParamHandle,
    curve: usize,
    time: f64,
    point: (f64, f64),
    key: bool,
    name: &str,
) -> Result<()> {
    let f = parametric(name)?
        .parametricParamAddControlPoint
        .ok_or_else(|| Error::missing_host_feature("parametricParamAddControlPoint is missing"))?;
    let c = curve_index(curve, name)?;
    // SAFETY: valid handle; plain values.
    let status = unsafe { f(h, c, time, point.0, point.1, key) };
    check(status, || {
        format!("parameter {name:?}: parametricParamAddControlPoint(curve {curve})")
    })
}

/// Deletes every control point of curve `curve`.
pub(crate) fn parametric_clear(h: sys::OfxParamHandle, curve: usize, name: &str) -> Result<()> {
    let f = parametric(name)?
        .parametricParamDeleteAllControlPoints
        .ok_or_else(|| {
            Error::missing_host_feature("parametricParamDeleteAllControlPoints is missing")
        })?;
    let c = curve_index(curve, name)?;
    // SAFETY: valid handle.
    let status = unsafe { f(h, c) };
    check(status, || {
        format!("parameter {name:?}: parametricParamDeleteAllControlPoints(curve {curve})")
    })
}

/// The `OfxCustomParamInterpFuncV1` a host calls for a custom parameter
/// whose interpolation is `I`: reads the two values and the amount, writes
/// `I::interpolate`'s answer. Panics and errors become statuses.
///
/// # Safety
/// Called by the host with the property sets the OFX API defines for this
/// callback (or null ones, refused).
pub(crate) unsafe extern "C" fn custom_interpolation<I: crate::param::CustomInterpolation>(
    _set: sys::OfxParamSetHandle,
    in_args: sys::OfxPropertySetHandle,
    out_args: sys::OfxPropertySetHandle,
) -> sys::OfxStatus {
    let run = || -> Result<()> {
        let i = PropSet::new(in_args)?;
        let o = PropSet::new(out_args)?;
        let from = i.get_string(sys::kOfxParamPropCustomValue, 0)?;
        let to = i.get_string(sys::kOfxParamPropCustomValue, 1)?;
        let amount = i.get_double(sys::kOfxParamPropInterpolationAmount, 0)?;
        let v = I::interpolate(&from, &to, amount);
        o.set_string(sys::kOfxParamPropCustomValue, 0, &v)
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(Ok(())) => sys::kOfxStatOK,
        Ok(Err(e)) => e.status(),
        Err(p) => {
            crate::unwind::drop_payload(p);
            sys::kOfxStatFailed
        }
    }
}

/// Stores the interpolation callback of `I` in a custom parameter's
/// descriptor.
pub(crate) fn set_custom_interpolation<I: crate::param::CustomInterpolation>(
    props: &PropSet,
) -> Result<()> {
    let f: sys::OfxCustomParamInterpFuncV1 = custom_interpolation::<I>;
    props.set_pointer(
        sys::kOfxParamPropCustomInterpCallbackV1,
        0,
        f as *const () as *mut std::ffi::c_void,
    )
}

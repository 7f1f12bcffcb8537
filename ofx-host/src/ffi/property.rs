//! `OfxPropertySuiteV1`: the `extern "C"` functions over [`crate::props`].

use std::ffi::{c_char, c_double, c_int, c_void};

use ofx_sys::{OfxPropertySetHandle, OfxPropertySuiteV1, OfxStatus};

use super::{c_str, guard};
use crate::handle::Handle;
use crate::log::ViolationKind;
use crate::props::{PropError, PropertySet, Writer};
use crate::state;
use crate::types::ofx_str;

const SUITE: &str = ofx_str(ofx_sys::kOfxPropertySuite);

/// The property suite table handed to plugins.
pub static PROPERTY_SUITE_V1: OfxPropertySuiteV1 = OfxPropertySuiteV1 {
    propSetPointer: Some(prop_set_pointer),
    propSetString: Some(prop_set_string),
    propSetDouble: Some(prop_set_double),
    propSetInt: Some(prop_set_int),
    propSetPointerN: Some(prop_set_pointer_n),
    propSetStringN: Some(prop_set_string_n),
    propSetDoubleN: Some(prop_set_double_n),
    propSetIntN: Some(prop_set_int_n),
    propGetPointer: Some(prop_get_pointer),
    propGetString: Some(prop_get_string),
    propGetDouble: Some(prop_get_double),
    propGetInt: Some(prop_get_int),
    propGetPointerN: Some(prop_get_pointer_n),
    propGetStringN: Some(prop_get_string_n),
    propGetDoubleN: Some(prop_get_double_n),
    propGetIntN: Some(prop_get_int_n),
    propReset: Some(prop_reset),
    propGetDimension: Some(prop_get_dimension),
};

/// Shared body of every property function: logs, resolves the handle and the
/// name, runs `f` on the set and maps errors to statuses (recording
/// violations).
fn run(
    function: &'static str,
    handle: OfxPropertySetHandle,
    property: *const c_char,
    f: impl FnOnce(&mut PropertySet, &str) -> Result<(), PropError>,
) -> OfxStatus {
    // SAFETY: the plugin passes a NUL-terminated property name (or null).
    let name = unsafe { c_str(property) };
    let raw = handle as usize;
    guard(SUITE, function, raw, name.map(str::to_owned), || {
        let Some(name) = name else {
            return ofx_sys::kOfxStatErrUnknown;
        };
        match state::with_property_set(Handle::from_raw(raw), |set| f(set, name)) {
            Err(e) => {
                state::log().violation(
                    ViolationKind::BadHandle,
                    format!("{SUITE}.{function}({name}) on {e:?} property set handle {raw:#x}"),
                );
                ofx_sys::kOfxStatErrBadHandle
            }
            Ok(Ok(())) => ofx_sys::kOfxStatOK,
            Ok(Err(e)) => {
                if e == PropError::HostOnly {
                    state::log().violation(
                        ViolationKind::HostOnlyPropertyWrite,
                        format!("{SUITE}.{function} wrote host-only property {name}"),
                    );
                }
                e.status()
            }
        }
    })
}

fn index(i: c_int) -> Result<usize, PropError> {
    usize::try_from(i).map_err(|_| PropError::BadIndex)
}

unsafe extern "C" fn prop_set_pointer(
    h: OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    v: *mut c_void,
) -> OfxStatus {
    run("propSetPointer", h, p, |s, n| {
        s.set_pointer(n, index(i)?, v as usize, Writer::Plugin)
    })
}

unsafe extern "C" fn prop_set_string(
    h: OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    v: *const c_char,
) -> OfxStatus {
    run("propSetString", h, p, |s, n| {
        if v.is_null() {
            return Err(PropError::BadIndex);
        }
        // SAFETY: non-null; the plugin passes a NUL-terminated string.
        let value = unsafe { std::ffi::CStr::from_ptr(v) }.to_owned();
        s.set_cstring(n, index(i)?, value, Writer::Plugin)
    })
}

unsafe extern "C" fn prop_set_double(
    h: OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    v: c_double,
) -> OfxStatus {
    run("propSetDouble", h, p, |s, n| {
        s.set_double(n, index(i)?, v, Writer::Plugin)
    })
}

unsafe extern "C" fn prop_set_int(
    h: OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    v: c_int,
) -> OfxStatus {
    run("propSetInt", h, p, |s, n| {
        s.set_int(n, index(i)?, v, Writer::Plugin)
    })
}

/// Copies `count` items from a plugin array; errors on a negative count or a
/// null array with a non-zero count.
///
/// # Safety
/// `ptr` is null or points to `count` readable items.
unsafe fn read_array<'a, T>(ptr: *const T, count: c_int) -> Result<&'a [T], PropError> {
    let n = index(count)?;
    if n == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(PropError::BadIndex);
    }
    // SAFETY: non-null, and the caller promises `n` readable items.
    Ok(unsafe { std::slice::from_raw_parts(ptr, n) })
}

unsafe extern "C" fn prop_set_pointer_n(
    h: OfxPropertySetHandle,
    p: *const c_char,
    c: c_int,
    v: *const *mut c_void,
) -> OfxStatus {
    run("propSetPointerN", h, p, |s, n| {
        // SAFETY: the plugin passes `c` pointers.
        let vals: Vec<usize> = unsafe { read_array(v, c) }?
            .iter()
            .map(|&x| x as usize)
            .collect();
        s.set_pointer_n(n, &vals, Writer::Plugin)
    })
}

unsafe extern "C" fn prop_set_string_n(
    h: OfxPropertySetHandle,
    p: *const c_char,
    c: c_int,
    v: *const *const c_char,
) -> OfxStatus {
    run("propSetStringN", h, p, |s, n| {
        // SAFETY: the plugin passes `c` string pointers.
        let ptrs = unsafe { read_array(v, c) }?;
        let mut strs = Vec::with_capacity(ptrs.len());
        for &sp in ptrs {
            // SAFETY: each entry is a NUL-terminated string (null is rejected).
            strs.push(unsafe { c_str(sp) }.ok_or(PropError::BadIndex)?.to_owned());
        }
        let refs: Vec<&str> = strs.iter().map(String::as_str).collect();
        s.set_string_n(n, &refs, Writer::Plugin)
    })
}

unsafe extern "C" fn prop_set_double_n(
    h: OfxPropertySetHandle,
    p: *const c_char,
    c: c_int,
    v: *const c_double,
) -> OfxStatus {
    run("propSetDoubleN", h, p, |s, n| {
        // SAFETY: the plugin passes `c` doubles.
        let vals = unsafe { read_array(v, c) }?;
        s.set_double_n(n, vals, Writer::Plugin)
    })
}

unsafe extern "C" fn prop_set_int_n(
    h: OfxPropertySetHandle,
    p: *const c_char,
    c: c_int,
    v: *const c_int,
) -> OfxStatus {
    run("propSetIntN", h, p, |s, n| {
        // SAFETY: the plugin passes `c` ints.
        let vals = unsafe { read_array(v, c) }?;
        s.set_int_n(n, vals, Writer::Plugin)
    })
}

/// Writes `value` through a plugin's out pointer.
///
/// # Safety
/// `out` is null or valid for a write of `T`.
unsafe fn write_out<T>(out: *mut T, value: T) -> Result<(), PropError> {
    if out.is_null() {
        return Err(PropError::BadIndex);
    }
    // SAFETY: non-null and the caller promises it is writable.
    unsafe { out.write(value) };
    Ok(())
}

/// Writes the first `count` of `values` to a plugin array.
///
/// # Safety
/// `out` is null or valid for `count` writes of `T`.
unsafe fn write_array<T: Copy>(out: *mut T, count: c_int, values: &[T]) -> Result<(), PropError> {
    let n = index(count)?;
    if n > values.len() {
        return Err(PropError::BadIndex);
    }
    if n > 0 && out.is_null() {
        return Err(PropError::BadIndex);
    }
    for (k, v) in values[..n].iter().enumerate() {
        // SAFETY: k < n and the caller promises `n` writable slots.
        unsafe { out.add(k).write(*v) };
    }
    Ok(())
}

unsafe extern "C" fn prop_get_pointer(
    h: OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    out: *mut *mut c_void,
) -> OfxStatus {
    // SAFETY: the plugin passes a writable out pointer.
    run("propGetPointer", h, p, |s, n| unsafe {
        write_out(out, s.get_pointer(n, index(i)?)? as *mut c_void)
    })
}

unsafe extern "C" fn prop_get_string(
    h: OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    out: *mut *mut c_char,
) -> OfxStatus {
    run("propGetString", h, p, |s, n| {
        // The pointer targets the CString owned by the store: it stays valid
        // until the value is next set or the set is destroyed.
        let ptr = s.get_cstr(n, index(i)?)?.as_ptr() as *mut c_char;
        // SAFETY: the plugin passes a writable out pointer.
        unsafe { write_out(out, ptr) }
    })
}

unsafe extern "C" fn prop_get_double(
    h: OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    out: *mut c_double,
) -> OfxStatus {
    // SAFETY: the plugin passes a writable out pointer.
    run("propGetDouble", h, p, |s, n| unsafe {
        write_out(out, s.get_double(n, index(i)?)?)
    })
}

unsafe extern "C" fn prop_get_int(
    h: OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    out: *mut c_int,
) -> OfxStatus {
    // SAFETY: the plugin passes a writable out pointer.
    run("propGetInt", h, p, |s, n| unsafe {
        write_out(out, s.get_int(n, index(i)?)?)
    })
}

unsafe extern "C" fn prop_get_pointer_n(
    h: OfxPropertySetHandle,
    p: *const c_char,
    c: c_int,
    out: *mut *mut c_void,
) -> OfxStatus {
    run("propGetPointerN", h, p, |s, n| {
        let v: Vec<*mut c_void> = s
            .get_pointer_n(n)?
            .into_iter()
            .map(|x| x as *mut c_void)
            .collect();
        // SAFETY: the plugin passes room for `c` pointers.
        unsafe { write_array(out, c, &v) }
    })
}

unsafe extern "C" fn prop_get_string_n(
    h: OfxPropertySetHandle,
    p: *const c_char,
    c: c_int,
    out: *mut *mut c_char,
) -> OfxStatus {
    run("propGetStringN", h, p, |s, n| {
        let dim = s.dimension(n)?;
        let mut v = Vec::with_capacity(dim);
        for k in 0..dim {
            v.push(s.get_cstr(n, k)?.as_ptr() as *mut c_char);
        }
        // SAFETY: the plugin passes room for `c` string pointers.
        unsafe { write_array(out, c, &v) }
    })
}

unsafe extern "C" fn prop_get_double_n(
    h: OfxPropertySetHandle,
    p: *const c_char,
    c: c_int,
    out: *mut c_double,
) -> OfxStatus {
    // SAFETY: the plugin passes room for `c` doubles.
    run("propGetDoubleN", h, p, |s, n| unsafe {
        write_array(out, c, &s.get_double_n(n)?)
    })
}

unsafe extern "C" fn prop_get_int_n(
    h: OfxPropertySetHandle,
    p: *const c_char,
    c: c_int,
    out: *mut c_int,
) -> OfxStatus {
    // SAFETY: the plugin passes room for `c` ints.
    run("propGetIntN", h, p, |s, n| unsafe {
        write_array(out, c, &s.get_int_n(n)?)
    })
}

unsafe extern "C" fn prop_reset(h: OfxPropertySetHandle, p: *const c_char) -> OfxStatus {
    run("propReset", h, p, |s, n| {
        if !s.get(n).ok_or(PropError::Unknown)?.plugin_write {
            return Err(PropError::HostOnly);
        }
        s.reset(n)
    })
}

unsafe extern "C" fn prop_get_dimension(
    h: OfxPropertySetHandle,
    p: *const c_char,
    out: *mut c_int,
) -> OfxStatus {
    run("propGetDimension", h, p, |s, n| {
        let d = c_int::try_from(s.dimension(n)?).map_err(|_| PropError::BadIndex)?;
        // SAFETY: the plugin passes a writable out pointer.
        unsafe { write_out(out, d) }
    })
}

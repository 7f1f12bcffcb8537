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

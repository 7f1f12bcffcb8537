//! Typed access to host property sets.
//!
//! [`PropSet`] is the one place where property names meet the property
//! suite. Callers pass the `ofx_sys` name constants; the wrappers check the
//! status of every call and say which property failed.

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::ptr;

use ofx_sys as sys;

use super::check;
use super::suites::{SuitePtr, suites};
use crate::error::{Error, Result};
use crate::scope::{Entered, Scope};

/// A property set handle together with the property suite that reads it,
/// and the [`Scope`] of the object it belongs to when it can outlive the
/// action that handed it over.
#[derive(Clone)]
pub(crate) struct PropSet {
    handle: sys::OfxPropertySetHandle,
    suite: SuitePtr<sys::OfxPropertySuiteV1>,
    scope: Option<Scope>,
    /// What the set belongs to, for messages: `clip "Source"`.
    label: Option<std::sync::Arc<str>>,
}

// SAFETY: a property set handle is an opaque token the host validates; the
// property suite may be called from any thread (hosts serialise internally),
// and the OFX threading rules about which actions may run concurrently are
// enforced by the types above this layer.
unsafe impl Send for PropSet {}
// SAFETY: as above.
unsafe impl Sync for PropSet {}

impl std::fmt::Debug for PropSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("PropSet").field(&self.handle).finish()
    }
}

/// Reads a function pointer out of the suite or fails with a message.
macro_rules! func {
    ($suite:expr, $name:ident) => {
        $suite.$name.ok_or_else(|| {
            Error::missing_host_feature(concat!(
                "the host's property suite has no ",
                stringify!($name)
            ))
        })?
    };
}

fn count(n: usize, name: &CStr) -> Result<c_int> {
    c_int::try_from(n).map_err(|_| Error::value(format!("too many values for {name:?}")))
}

impl PropSet {
    /// Wraps a handle received from the host, rejecting null.
    pub(crate) fn new(handle: sys::OfxPropertySetHandle) -> Result<Self> {
        if handle.is_null() {
            return Err(Error::bad_handle("the host passed a null property set"));
        }
        Ok(PropSet {
            handle,
            suite: suites()?.property,
            scope: None,
            label: None,
        })
    }

    /// The same set, named `label` in the messages of its errors.
    pub(crate) fn labelled(mut self, label: impl Into<std::sync::Arc<str>>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Wraps a handle that belongs to the object of `scope`: every call
    /// through it fails cleanly once that scope has ended.
    pub(crate) fn scoped(handle: sys::OfxPropertySetHandle, scope: &Scope) -> Result<Self> {
        let mut p = PropSet::new(handle)?;
        p.scope = Some(scope.clone());
        Ok(p)
    }

    /// The scope the property set belongs to, if it has one.
    pub(crate) fn scope(&self) -> Option<&Scope> {
        self.scope.as_ref()
    }

    /// Enters the property set's scope for one host call (see
    /// [`Scope::enter`]); `what` names the handle in the error.
    pub(crate) fn enter(&self, what: impl FnOnce() -> String) -> Result<Option<Entered<'_>>> {
        self.scope.as_ref().map(|s| s.enter(what)).transpose()
    }

    /// Enters the scope for one call on property `name`.
    fn live(&self, name: &CStr) -> Result<Option<Entered<'_>>> {
        self.enter(|| {
            format!(
                "{} (accessing {})",
                self.label.as_deref().unwrap_or("a property set"),
                name.to_string_lossy()
            )
        })
    }

    /// The raw handle, for passing back to the host.
    pub(crate) fn handle(&self) -> sys::OfxPropertySetHandle {
        self.handle
    }

    /// Names a failed call for its error message. Builds the text only on
    /// failure: property access is on the render fast path.
    fn what<'a>(&self, call: &'static str, name: &'a CStr) -> impl FnOnce() -> String + 'a {
        move || format!("{call}({})", name.to_string_lossy())
    }

    /// The number of values a property holds.
    pub(crate) fn dimension(&self, name: &CStr) -> Result<usize> {
        let f = func!(self.suite, propGetDimension);
        let _live = self.live(name)?;
        let mut n: c_int = 0;
        // SAFETY: valid handle and NUL-terminated name; `n` is a valid out pointer.
        let status = unsafe { f(self.handle, name.as_ptr(), &mut n) };
        check(status, self.what("propGetDimension", name))?;
        usize::try_from(n).map_err(|_| Error::value(format!("negative dimension for {name:?}")))
    }

    /// Reads one int.
    pub(crate) fn get_int(&self, name: &CStr, index: usize) -> Result<i32> {
        let f = func!(self.suite, propGetInt);
        let _live = self.live(name)?;
        let mut v: c_int = 0;
        // SAFETY: valid handle, NUL-terminated name, valid out pointer.
        let status = unsafe { f(self.handle, name.as_ptr(), count(index, name)?, &mut v) };
        check(status, self.what("propGetInt", name))?;
        Ok(v)
    }

    /// Reads one int as a boolean (non-zero is true).
    pub(crate) fn get_bool(&self, name: &CStr, index: usize) -> Result<bool> {
        Ok(self.get_int(name, index)? != 0)
    }

    /// Reads one double.
    pub(crate) fn get_double(&self, name: &CStr, index: usize) -> Result<f64> {
        let f = func!(self.suite, propGetDouble);
        let _live = self.live(name)?;
        let mut v = 0.0;
        // SAFETY: valid handle, NUL-terminated name, valid out pointer.
        let status = unsafe { f(self.handle, name.as_ptr(), count(index, name)?, &mut v) };
        check(status, self.what("propGetDouble", name))?;
        Ok(v)
    }

    /// Reads one pointer.
    pub(crate) fn get_pointer(&self, name: &CStr, index: usize) -> Result<*mut c_void> {
        let f = func!(self.suite, propGetPointer);
        let _live = self.live(name)?;
        let mut v: *mut c_void = ptr::null_mut();
        // SAFETY: valid handle, NUL-terminated name, valid out pointer.
        let status = unsafe { f(self.handle, name.as_ptr(), count(index, name)?, &mut v) };
        check(status, self.what("propGetPointer", name))?;
        Ok(v)
    }

    /// Reads one string, copied out of the host's storage.
    pub(crate) fn get_string(&self, name: &CStr, index: usize) -> Result<String> {
        self.with_cstr(name, index, |s| s.to_string_lossy().into_owned())
    }

    /// Reads one string and passes it, borrowed, to `f`: no allocation, for
    /// comparing enum-like values on the fast path.
    pub(crate) fn with_cstr<R>(
        &self,
        name: &CStr,
        index: usize,
        f: impl FnOnce(&CStr) -> R,
    ) -> Result<R> {
        let get = func!(self.suite, propGetString);
        let _live = self.live(name)?;
        let mut v: *mut c_char = ptr::null_mut();
        // SAFETY: valid handle, NUL-terminated name, valid out pointer.
        let status = unsafe { get(self.handle, name.as_ptr(), count(index, name)?, &mut v) };
        check(status, self.what("propGetString", name))?;
        if v.is_null() {
            return Err(Error::value(format!(
                "the host returned a null string for {name:?}"
            )));
        }
        // SAFETY: the host returned a NUL-terminated string it keeps alive at
        // least until the property is next written; `f` uses it at once and
        // cannot keep it (the borrow ends with this call).
        let s = unsafe { CStr::from_ptr(v) };
        Ok(f(s))
    }

    /// Reads every int of a property.
    pub(crate) fn get_ints(&self, name: &CStr) -> Result<Vec<i32>> {
        let n = self.dimension(name)?;
        (0..n).map(|i| self.get_int(name, i)).collect()
    }

    /// Reads every string of a property.
    pub(crate) fn get_strings(&self, name: &CStr) -> Result<Vec<String>> {
        let n = self.dimension(name)?;
        (0..n).map(|i| self.get_string(name, i)).collect()
    }

    /// Reads exactly `N` doubles, e.g. a rectangle or a point.
    /// One host call (`propGetDoubleN`) on the fast path.
    pub(crate) fn get_double_array<const N: usize>(&self, name: &CStr) -> Result<[f64; N]> {
        let f = func!(self.suite, propGetDoubleN);
        let _live = self.live(name)?;
        let mut out = [0.0; N];
        // SAFETY: valid handle and name; `out` has room for exactly N values.
        let status = unsafe {
            f(
                self.handle,
                name.as_ptr(),
                count(N, name)?,
                out.as_mut_ptr(),
            )
        };
        check(status, self.what("propGetDoubleN", name))?;
        Ok(out)
    }

    /// Reads exactly `N` ints, e.g. a rectangle.
    /// One host call (`propGetIntN`) on the fast path.
    pub(crate) fn get_int_array<const N: usize>(&self, name: &CStr) -> Result<[i32; N]> {
        let f = func!(self.suite, propGetIntN);
        let _live = self.live(name)?;
        let mut out = [0; N];
        // SAFETY: valid handle and name; `out` has room for exactly N values.
        let status = unsafe {
            f(
                self.handle,
                name.as_ptr(),
                count(N, name)?,
                out.as_mut_ptr(),
            )
        };
        check(status, self.what("propGetIntN", name))?;
        Ok(out)
    }

    /// Writes one int.
    pub(crate) fn set_int(&self, name: &CStr, index: usize, value: i32) -> Result<()> {
        let f = func!(self.suite, propSetInt);
        let _live = self.live(name)?;
        // SAFETY: valid handle and NUL-terminated name.
        let status = unsafe { f(self.handle, name.as_ptr(), count(index, name)?, value) };
        check(status, self.what("propSetInt", name))
    }

    /// Writes one boolean as an int.
    pub(crate) fn set_bool(&self, name: &CStr, index: usize, value: bool) -> Result<()> {
        self.set_int(name, index, i32::from(value))
    }

    /// Writes one double.
    pub(crate) fn set_double(&self, name: &CStr, index: usize, value: f64) -> Result<()> {
        let f = func!(self.suite, propSetDouble);
        let _live = self.live(name)?;
        // SAFETY: valid handle and NUL-terminated name.
        let status = unsafe { f(self.handle, name.as_ptr(), count(index, name)?, value) };
        check(status, self.what("propSetDouble", name))
    }

    /// Writes one pointer.
    pub(crate) fn set_pointer(&self, name: &CStr, index: usize, value: *mut c_void) -> Result<()> {
        let f = func!(self.suite, propSetPointer);
        let _live = self.live(name)?;
        // SAFETY: valid handle and NUL-terminated name; the host stores the
        // pointer value without dereferencing it.
        let status = unsafe { f(self.handle, name.as_ptr(), count(index, name)?, value) };
        check(status, self.what("propSetPointer", name))
    }

    /// Writes one string; the host copies it.
    pub(crate) fn set_string(&self, name: &CStr, index: usize, value: &str) -> Result<()> {
        let f = func!(self.suite, propSetString);
        let _live = self.live(name)?;
        let value = CString::new(value)
            .map_err(|_| Error::value(format!("a string for {name:?} contains a NUL byte")))?;
        // SAFETY: valid handle, NUL-terminated name and value; the host copies
        // the value before returning.
        let status = unsafe {
            f(
                self.handle,
                name.as_ptr(),
                count(index, name)?,
                value.as_ptr(),
            )
        };
        check(status, self.what("propSetString", name))
    }

    /// Writes all the ints of a property at once.
    pub(crate) fn set_ints(&self, name: &CStr, values: &[i32]) -> Result<()> {
        let f = func!(self.suite, propSetIntN);
        let _live = self.live(name)?;
        // SAFETY: valid handle and name; `values` holds `len` ints.
        let status = unsafe {
            f(
                self.handle,
                name.as_ptr(),
                count(values.len(), name)?,
                values.as_ptr(),
            )
        };
        check(status, self.what("propSetIntN", name))
    }

    /// Writes all the doubles of a property at once.
    pub(crate) fn set_doubles(&self, name: &CStr, values: &[f64]) -> Result<()> {
        let f = func!(self.suite, propSetDoubleN);
        let _live = self.live(name)?;
        // SAFETY: valid handle and name; `values` holds `len` doubles.
        let status = unsafe {
            f(
                self.handle,
                name.as_ptr(),
                count(values.len(), name)?,
                values.as_ptr(),
            )
        };
        check(status, self.what("propSetDoubleN", name))
    }

    /// Writes a list of strings, one per index (the host copies each).
    pub(crate) fn set_strings<S: AsRef<str>>(&self, name: &CStr, values: &[S]) -> Result<()> {
        for (i, v) in values.iter().enumerate() {
            self.set_string(name, i, v.as_ref())?;
        }
        Ok(())
    }
}

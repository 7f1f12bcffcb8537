//! The Rust half of the ofx-sys ABI check: declarations of the C functions in
//! `c/abi_check.c`, used by this crate's tests. The crate exists only for those
//! tests.

use std::ffi::{c_char, c_double, c_int, c_void};

use ofx_sys::{OfxHost, OfxParamHandle, OfxPlugin, OfxStatus, OfxTime};

unsafe extern "C" {
    /// Fills a plugin record as a C plugin would.
    pub fn abi_fill_plugin(p: *mut OfxPlugin);
    /// The host pointer the C `setHost` last received.
    pub fn abi_host_seen() -> *mut OfxHost;
    /// Calls `fetchSuite` through a host record, from C.
    pub fn abi_call_fetch_suite(
        host: *const OfxHost,
        name: *const c_char,
        version: c_int,
    ) -> *const c_void;
    /// Calls a plugin's `mainEntry` from C with null handle and arguments.
    pub fn abi_call_main_entry(p: *const OfxPlugin, action: *const c_char) -> OfxStatus;
    /// A C variadic function shaped like `paramGetValue` for a 3D double.
    pub fn abi_param_get_value_3d(param: OfxParamHandle, ...) -> OfxStatus;
    /// A C variadic function shaped like `paramSetValueAtTime` for two ints.
    pub fn abi_param_set_value_at_time_2i(param: OfxParamHandle, time: OfxTime, ...) -> OfxStatus;
    /// The time the last call above received.
    pub fn abi_last_time() -> c_double;
    /// One of the two ints the last call above received.
    pub fn abi_last_int(i: c_int) -> c_int;
    /// A C variadic function shaped like `paramGetIntegral` for a double.
    pub fn abi_param_get_integral_1d(
        param: OfxParamHandle,
        t1: OfxTime,
        t2: OfxTime,
        ...
    ) -> OfxStatus;
    /// A C variadic function shaped like the message suite's `message`.
    pub fn abi_message(
        handle: *mut c_void,
        kind: *const c_char,
        id: *const c_char,
        format: *const c_char,
        ...
    ) -> OfxStatus;
    /// The text the last `abi_message` call formatted.
    pub fn abi_last_message() -> *const c_char;
    /// A size or offset as the C compiler computes it.
    pub fn abi_layout(what: c_int) -> usize;
}

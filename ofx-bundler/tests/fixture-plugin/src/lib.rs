//! Minimal OFX binary used by ofx-bundler's bundling test: it exports one plugin
//! record, `org.ofx-rs.test.Fixture`, whose entry point replies "default" to
//! every action.

use std::ffi::{c_char, c_int, c_void};

use ofx_sys::{OfxHost, OfxPlugin, OfxPropertySetHandle, OfxStatus};

/// Wrapper making the plugin record usable as a `static`.
struct Record(OfxPlugin);

// SAFETY: the record only holds pointers to static strings and function
// pointers, and is never written after initialisation.
unsafe impl Sync for Record {}

unsafe extern "C" fn set_host(_host: *mut OfxHost) {}

unsafe extern "C" fn main_entry(
    _action: *const c_char,
    _handle: *const c_void,
    _in_args: OfxPropertySetHandle,
    _out_args: OfxPropertySetHandle,
) -> OfxStatus {
    ofx_sys::kOfxStatReplyDefault
}

static PLUGIN: Record = Record(OfxPlugin {
    pluginApi: c"OfxImageEffectPluginAPI".as_ptr(),
    apiVersion: 1,
    pluginIdentifier: c"org.ofx-rs.test.Fixture".as_ptr(),
    pluginVersionMajor: 1,
    pluginVersionMinor: 2,
    setHost: Some(set_host),
    mainEntry: Some(main_entry),
});

/// Number of plugins in this binary.
#[unsafe(no_mangle)]
pub extern "C" fn OfxGetNumberOfPlugins() -> c_int {
    1
}

/// The `nth` plugin record, or null when out of range.
#[unsafe(no_mangle)]
pub extern "C" fn OfxGetPlugin(nth: c_int) -> *const OfxPlugin {
    if nth == 0 { &PLUGIN.0 } else { std::ptr::null() }
}

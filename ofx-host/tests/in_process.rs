//! Enumerating an in-process plugin binary (no dlopen).

use std::ffi::c_int;

use ofx_host::binary_lock::{BinaryKey, BinaryLock};
use ofx_host::loader::InProcessBinary;
use ofx_sys::*;

struct SyncPlugin(OfxPlugin);
// SAFETY: the plugin struct is immutable static data (string literals and
// function pointers).
unsafe impl Sync for SyncPlugin {}

unsafe extern "C" fn main_entry(
    _action: *const std::ffi::c_char,
    _handle: *const std::ffi::c_void,
    _in: OfxPropertySetHandle,
    _out: OfxPropertySetHandle,
) -> OfxStatus {
    kOfxStatReplyDefault
}

static PLUGINS: [SyncPlugin; 2] = [
    SyncPlugin(OfxPlugin {
        pluginApi: c"OfxImageEffectPluginAPI".as_ptr(),
        apiVersion: 1,
        pluginIdentifier: c"org.test.invert".as_ptr(),
        pluginVersionMajor: 1,
        pluginVersionMinor: 2,
        setHost: None,
        mainEntry: Some(main_entry),
    }),
    SyncPlugin(OfxPlugin {
        pluginApi: c"OfxImageEffectPluginAPI".as_ptr(),
        apiVersion: 1,
        pluginIdentifier: c"org.test.blur".as_ptr(),
        pluginVersionMajor: 3,
        pluginVersionMinor: 0,
        setHost: None,
        mainEntry: Some(main_entry),
    }),
];

unsafe extern "C" fn get_plugin(n: c_int) -> *mut OfxPlugin {
    match PLUGINS.get(n as usize) {
        Some(p) => &p.0 as *const OfxPlugin as *mut OfxPlugin,
        None => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn count() -> c_int {
    2
}

#[test]
fn enumerates_plugins_and_holds_the_binary() {
    // SAFETY: the functions above follow the OfxGetPlugin contract.
    let bin = unsafe { InProcessBinary::new(get_plugin, Some(count), None) };
    let p = bin.plugins();
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].id, "org.test.invert");
    assert_eq!((p[0].version_major, p[0].version_minor), (1, 2));
    assert_eq!(p[1].id, "org.test.blur");
    assert_eq!(p[1].api, "OfxImageEffectPluginAPI");
    assert!(bin.raw_plugin(2).is_null());
    let key = BinaryKey::InProcess(get_plugin as OfxGetPluginFn as usize);
    assert!(
        BinaryLock::try_acquire(key.clone()).is_none(),
        "held while the session lives"
    );
    drop(bin);
    assert!(BinaryLock::try_acquire(key).is_some());
}

//! Calls from the host into a plugin binary: its exported functions, the
//! `setHost` and `mainEntry` members of its `OfxPlugin` records, and opening
//! a binary with `dlopen`.
//!
//! Soundness rests on the binary following the OFX contract (as for any
//! host loading any plugin): the driver only hands in function pointers and
//! `OfxPlugin` records that came from a plugin binary's exports.

use std::ffi::{CStr, c_int, c_void};
use std::path::Path;

use ofx_sys::{
    OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxHost, OfxPlugin, OfxPluginEntryPoint,
    OfxPropertySetHandle, OfxSetHostFn, OfxStatus,
};

/// Sends `action` to a plugin's `mainEntry`.
pub fn main_entry(
    entry: OfxPluginEntryPoint,
    action: &CStr,
    handle: usize,
    in_args: usize,
    out_args: usize,
) -> OfxStatus {
    // SAFETY: `entry` is a plugin's mainEntry (module contract); the action
    // string outlives the call, handles are host-issued values the plugin
    // only passes back to host suites.
    unsafe {
        entry(
            action.as_ptr(),
            handle as *const c_void,
            in_args as OfxPropertySetHandle,
            out_args as OfxPropertySetHandle,
        )
    }
}

/// Calls the binary's `OfxSetHost` export.
pub fn ofx_set_host(f: OfxSetHostFn, host: &OfxHost) -> OfxStatus {
    // SAFETY: `f` is the binary's OfxSetHost (module contract); `host` lives
    // as long as the session, which outlives every use the plugin makes of it.
    unsafe { f(host) }
}

/// Calls the binary's `OfxGetNumberOfPlugins` export.
pub fn number_of_plugins(f: OfxGetNumberOfPluginsFn) -> c_int {
    // SAFETY: `f` is the binary's OfxGetNumberOfPlugins (module contract).
    unsafe { f() }
}

/// What `OfxGetPlugin(index)` returned: the record, with its strings read.
pub struct PluginRecord {
    /// The record (its function pointers are used by the driver).
    pub record: OfxPlugin,
    /// `pluginApi`.
    pub api: String,
    /// `pluginIdentifier`.
    pub id: String,
}

/// Calls the binary's `OfxGetPlugin` export and reads the record; `None`
/// when it returns null.
pub fn get_plugin(f: OfxGetPluginFn, index: c_int) -> Option<PluginRecord> {
    // SAFETY: `f` is the binary's OfxGetPlugin (module contract), called
    // with an index below the count.
    let p = unsafe { f(index) };
    let record = read_plugin(p)?;
    Some(PluginRecord {
        api: plugin_string(record.pluginApi),
        id: plugin_string(record.pluginIdentifier),
        record,
    })
}

/// The fields of an `OfxPlugin` record, copied out; `None` for null.
fn read_plugin(p: *mut OfxPlugin) -> Option<OfxPlugin> {
    // SAFETY: non-null results of OfxGetPlugin point to a valid OfxPlugin
    // that lives as long as the binary (module contract).
    unsafe { p.as_ref() }.copied()
}

/// A C string from an `OfxPlugin` record (empty for null).
fn plugin_string(p: *const std::ffi::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: non-null strings in an OfxPlugin record are static C strings.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// The `OfxHost` record handed to a binary, at a stable address.
pub struct HostRecord(Box<OfxHost>);

// SAFETY: the record holds a handle value (an integer disguised as a
// pointer, never dereferenced by the host) and a function pointer; it is
// never mutated after creation, so sharing it between threads is sound.
unsafe impl Send for HostRecord {}
// SAFETY: as above: immutable after creation.
unsafe impl Sync for HostRecord {}

impl HostRecord {
    /// A host record naming `host_props` and the host's `fetchSuite`.
    pub fn new(host_props: usize) -> HostRecord {
        HostRecord(Box::new(OfxHost {
            host: host_props as OfxPropertySetHandle,
            fetchSuite: Some(super::fetch_suite),
        }))
    }

    /// The record.
    pub fn get(&self) -> &OfxHost {
        &self.0
    }
}

/// Calls a plugin record's `setHost`.
pub fn set_host(f: unsafe extern "C" fn(*mut OfxHost), host: &OfxHost) {
    // SAFETY: `f` is the record's setHost (module contract). The plugin
    // receives a `*mut` by the C signature but must not write through it;
    // the struct lives as long as the session.
    unsafe { f(host as *const OfxHost as *mut OfxHost) }
}

/// The three exports of a binary opened with `dlopen`, and the library
/// (which must outlive every use of them).
pub struct Opened {
    /// The open library.
    pub library: libloading::Library,
    /// `OfxGetPlugin`.
    pub get_plugin: OfxGetPluginFn,
    /// `OfxGetNumberOfPlugins`.
    pub count: OfxGetNumberOfPluginsFn,
    /// `OfxSetHost`, when exported.
    pub set_host: Option<OfxSetHostFn>,
}

/// Opens a plugin binary and looks up its exports.
pub fn open(path: &Path) -> Result<Opened, String> {
    // SAFETY: loading a plugin binary runs its initialisers; that is what a
    // host does, and the caller asked for this binary.
    let library = unsafe { libloading::Library::new(path) }
        .map_err(|e| format!("{}: {e}", path.display()))?;
    // SAFETY: the symbols are looked up with the signatures the OFX API
    // gives them.
    let (get_plugin, count, set_host) = unsafe {
        let get_plugin = *library
            .get::<OfxGetPluginFn>(b"OfxGetPlugin\0")
            .map_err(|e| format!("{}: no OfxGetPlugin export: {e}", path.display()))?;
        let count = *library
            .get::<OfxGetNumberOfPluginsFn>(b"OfxGetNumberOfPlugins\0")
            .map_err(|e| format!("{}: no OfxGetNumberOfPlugins export: {e}", path.display()))?;
        let set_host = library
            .get::<OfxSetHostFn>(b"OfxSetHost\0")
            .ok()
            .map(|s| *s);
        (get_plugin, count, set_host)
    };
    Ok(Opened {
        library,
        get_plugin,
        count,
        set_host,
    })
}

/// The entry point stored at `address` in a pointer property by a plugin
/// (`kOfxImageEffectPluginPropOverlayInteractV1`/`V2`,
/// `kOfxParamPropInteractV1`); `None` for null.
///
/// Soundness rests on the OFX contract, as for `mainEntry`: those
/// properties must point to an `OfxPluginEntryPoint` of the plugin binary.
pub fn entry_point_at(address: usize) -> Option<OfxPluginEntryPoint> {
    if address == 0 {
        return None;
    }
    // SAFETY: a non-null function address the plugin published as an
    // entry point (module contract); function pointers and `usize` have
    // the same size on every supported target.
    Some(unsafe { std::mem::transmute::<usize, OfxPluginEntryPoint>(address) })
}

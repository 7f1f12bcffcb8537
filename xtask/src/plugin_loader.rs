//! Reads the plugin identifiers out of a built OFX binary by loading it and
//! calling its `OfxGetNumberOfPlugins` / `OfxGetPlugin` exports.
//!
//! This is the only module of xtask that uses `unsafe`.

use std::ffi::{CStr, c_char, c_int, c_uint};
use std::path::Path;

/// One plugin as reported by the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginRecord {
    /// The plugin identifier, e.g. `org.example.Gain`.
    pub identifier: String,
    /// The plugin API string, normally `OfxImageEffectPluginAPI`.
    pub api: String,
    /// Major version of the plugin.
    pub version_major: u32,
    /// Minor version of the plugin.
    pub version_minor: u32,
}

/// Mirror of the leading fields of the C `OfxPlugin` record that we read.
/// The layout matches the OFX 1.x header; the function-pointer fields after
/// the versions are not touched.
#[repr(C)]
struct RawPlugin {
    plugin_api: *const c_char,
    api_version: c_int,
    plugin_identifier: *const c_char,
    plugin_version_major: c_uint,
    plugin_version_minor: c_uint,
}

/// Converts a possibly-null C string from the plugin into an owned string.
///
/// # Safety
/// `ptr` must be null or point to a NUL-terminated string that stays valid
/// for the duration of the call.
unsafe fn owned(ptr: *const c_char, what: &str) -> crate::Result<String> {
    if ptr.is_null() {
        return Err(format!("plugin reports a null {what}"));
    }
    // SAFETY: non-null, and the caller guarantees NUL-termination and validity.
    let text = unsafe { CStr::from_ptr(ptr) };
    Ok(text.to_string_lossy().into_owned())
}

/// Loads the OFX binary at `path` and lists the plugins it exports.
///
/// Loading runs the library's initialisers, so only call this on binaries
/// you have just built yourself (the bundler does) or otherwise trust.
pub fn read_plugins(path: &Path) -> crate::Result<Vec<PluginRecord>> {
    // SAFETY: loading a library runs its static initialisers; the bundler only
    // loads the cdylib it has just built from the user's own crate, which is
    // the same code an OFX host would load.
    let library = unsafe { libloading::Library::new(path) }
        .map_err(|e| format!("loading {}: {e}", path.display()))?;
    // SAFETY: the OFX API declares `int OfxGetNumberOfPlugins(void)`; the
    // symbol type below matches it.
    let count_fn =
        unsafe { library.get::<unsafe extern "C" fn() -> c_int>(b"OfxGetNumberOfPlugins\0") }
            .map_err(|e| format!("{}: no OfxGetNumberOfPlugins export: {e}", path.display()))?;
    // SAFETY: the OFX API declares `OfxPlugin *OfxGetPlugin(int nth)`; we read
    // the result through a prefix of the same layout.
    let get_fn = unsafe {
        library.get::<unsafe extern "C" fn(c_int) -> *const RawPlugin>(b"OfxGetPlugin\0")
    }
    .map_err(|e| format!("{}: no OfxGetPlugin export: {e}", path.display()))?;
    // SAFETY: calling an exported OFX entry point with no arguments, as any
    // host does before anything else.
    let count = unsafe { count_fn() };
    if count < 0 {
        return Err(format!("{}: negative plugin count {count}", path.display()));
    }
    let mut plugins = Vec::with_capacity(count as usize);
    for nth in 0..count {
        // SAFETY: `nth` is within 0..count as the OFX API requires.
        let raw = unsafe { get_fn(nth) };
        if raw.is_null() {
            return Err(format!(
                "{}: OfxGetPlugin({nth}) returned null",
                path.display()
            ));
        }
        // SAFETY: the plugin owns a valid `OfxPlugin` record at `raw` while the
        // library stays loaded, which it does until the end of this function.
        let record = unsafe { &*raw };
        plugins.push(PluginRecord {
            // SAFETY: OFX requires these to be NUL-terminated static strings.
            identifier: unsafe { owned(record.plugin_identifier, "pluginIdentifier") }?,
            // SAFETY: as above.
            api: unsafe { owned(record.plugin_api, "pluginApi") }?,
            version_major: record.plugin_version_major,
            version_minor: record.plugin_version_minor,
        });
    }
    Ok(plugins)
}

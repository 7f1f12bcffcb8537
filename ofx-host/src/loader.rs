//! Finding and opening plugin binaries.
//!
//! Bundle layout and `OFX_PLUGIN_PATH`-style scanning are plain path logic.
//! A [`PluginBinary`] is either linked into this process (given by its
//! `OfxGetPlugin` function, no `dlopen`) or opened from a file with
//! `dlopen` (through `ffi::plugin_calls::open`).

use std::ffi::{CStr, c_int};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ofx_sys::{OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxPlugin, OfxSetHostFn};

use crate::binary_lock::{BinaryKey, BinaryLock};

/// The `Contents/<arch>` directory name of a bundle for this platform.
pub const ARCH_DIR: &str = if cfg!(all(target_os = "linux", target_arch = "x86_64")) {
    "Linux-x86-64"
} else if cfg!(all(target_os = "linux", target_arch = "aarch64")) {
    "Linux-aarch64"
} else if cfg!(target_os = "macos") {
    "MacOS"
} else if cfg!(all(windows, target_pointer_width = "64")) {
    "Win64"
} else {
    "Linux-x86"
};

/// The binary inside a `.ofx.bundle`: `Contents/<arch>/<name>.ofx`, where
/// `<name>` is the bundle's name without `.bundle`. `None` if `bundle` is not
/// named `*.ofx.bundle`.
pub fn bundle_binary(bundle: &Path) -> Option<PathBuf> {
    let name = bundle.file_name()?.to_str()?;
    let stem = name.strip_suffix(".bundle")?;
    if !stem.ends_with(".ofx") {
        return None;
    }
    Some(bundle.join("Contents").join(ARCH_DIR).join(stem))
}

/// Every `.ofx.bundle` under `dirs`, searched recursively as hosts search
/// `OFX_PLUGIN_PATH`: entries whose name starts with `@` are skipped, and a
/// bundle's own contents are not searched further. Sorted, for stable output.
pub fn scan_plugin_path<P: AsRef<Path>>(dirs: &[P]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if name.starts_with('@') || !path.is_dir() {
                continue;
            }
            if name.ends_with(".ofx.bundle") {
                out.push(path);
            } else {
                walk(&path, out);
            }
        }
    }
    let mut out = Vec::new();
    for d in dirs {
        walk(d.as_ref(), &mut out);
    }
    out.sort();
    out
}

/// The most plugins the host enumerates in one binary. A larger count from
/// `OfxGetNumberOfPlugins` is refused, not trusted: a plugin answering
/// `INT_MAX` would otherwise have the host call `OfxGetPlugin` billions of
/// times.
pub const MAX_PLUGINS: usize = 4096;

/// Splits a plugin reference into an identifier and a major version:
/// `"org.x.Blur@3"` names major version 3 of `org.x.Blur`, `"org.x.Blur"`
/// names no version (the highest one). A suffix after `@` that is not a
/// number is part of the identifier. The one place this syntax is read.
///
/// ```
/// use ofx_host::loader::parse_plugin_ref;
/// assert_eq!(parse_plugin_ref("org.x.Blur@3"), ("org.x.Blur", Some(3)));
/// assert_eq!(parse_plugin_ref("org.x.Blur"), ("org.x.Blur", None));
/// assert_eq!(parse_plugin_ref("a@b"), ("a@b", None));
/// ```
pub fn parse_plugin_ref(name: &str) -> (&str, Option<u32>) {
    match name.rsplit_once('@') {
        Some((id, major)) if !id.is_empty() => match major.parse() {
            Ok(major) => (id, Some(major)),
            Err(_) => (name, None),
        },
        _ => (name, None),
    }
}

/// What `OfxGetNumberOfPlugins` answered, read once per binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluginCount {
    /// A count the host enumerates (1 when the binary exports no count).
    Usable(usize),
    /// A negative count: nothing is enumerated.
    Negative(i32),
    /// A count above [`MAX_PLUGINS`]: refused, nothing is enumerated.
    TooMany(i32),
}

impl PluginCount {
    /// How many indices the host asks `OfxGetPlugin` for.
    pub fn usable(self) -> usize {
        match self {
            PluginCount::Usable(n) => n,
            PluginCount::Negative(_) | PluginCount::TooMany(_) => 0,
        }
    }

    /// Why nothing is enumerated, for a note; `None` for a usable count.
    pub fn refusal(self) -> Option<String> {
        match self {
            PluginCount::Usable(_) => None,
            PluginCount::Negative(n) => Some(format!(
                "OfxGetNumberOfPlugins returned {n}, a negative count: no plugin is enumerated"
            )),
            PluginCount::TooMany(n) => Some(format!(
                "OfxGetNumberOfPlugins returned {n}, more than the {MAX_PLUGINS} plugins this \
                 host enumerates in one binary: the count is refused"
            )),
        }
    }

    fn from_raw(n: c_int) -> PluginCount {
        match usize::try_from(n) {
            Err(_) => PluginCount::Negative(n),
            Ok(n) if n <= MAX_PLUGINS => PluginCount::Usable(n),
            Ok(_) => PluginCount::TooMany(n),
        }
    }
}

/// What a plugin's `OfxPlugin` struct says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginInfo {
    /// Index in the binary (`OfxGetPlugin(index)`).
    pub index: usize,
    /// The API, e.g. `"OfxImageEffectPluginAPI"`.
    pub api: String,
    /// The API version.
    pub api_version: i32,
    /// The unique identifier, e.g. `"org.example.invert"`.
    pub id: String,
    /// Major version.
    pub version_major: u32,
    /// Minor version.
    pub version_minor: u32,
}

/// A plugin binary: linked into this process and given by its exported
/// functions, or opened from a file. Holding one holds the binary's
/// [`BinaryLock`] (and keeps an opened library loaded).
pub struct InProcessBinary {
    get_plugin: OfxGetPluginFn,
    count: Option<OfxGetNumberOfPluginsFn>,
    // What the count function answered, asked once.
    counted: OnceLock<PluginCount>,
    /// The binary's `OfxSetHost`, when it exports one.
    pub set_host: Option<OfxSetHostFn>,
    _lock: BinaryLock,
    // Declared last: dropped after everything that may point into it.
    _library: Option<libloading::Library>,
}

/// The name for either kind of plugin binary.
pub type PluginBinary = InProcessBinary;

impl InProcessBinary {
    /// Opens the binary of a `.ofx.bundle` directory (or a binary file
    /// given directly) with `dlopen`, after taking exclusive hold of it
    /// (waiting for another session that holds it).
    pub fn open(path: &Path) -> Result<InProcessBinary, String> {
        let binary = if path.is_dir() {
            bundle_binary(path).ok_or_else(|| format!("{} is not a .ofx.bundle", path.display()))?
        } else {
            path.to_path_buf()
        };
        let canonical = binary
            .canonicalize()
            .map_err(|e| format!("{}: {e}", binary.display()))?;
        let lock = BinaryLock::acquire(BinaryKey::Path(canonical.clone()));
        let opened = crate::ffi::plugin_calls::open(&canonical)?;
        Ok(InProcessBinary {
            get_plugin: opened.get_plugin,
            count: Some(opened.count),
            counted: OnceLock::new(),
            set_host: opened.set_host,
            _lock: lock,
            _library: Some(opened.library),
        })
    }

    /// The binary's `OfxGetPlugin`.
    pub fn get_plugin_fn(&self) -> OfxGetPluginFn {
        self.get_plugin
    }

    /// The binary's `OfxGetNumberOfPlugins`, when it has one.
    pub fn count_fn(&self) -> Option<OfxGetNumberOfPluginsFn> {
        self.count
    }
}

impl InProcessBinary {
    /// Takes exclusive hold of the binary whose `OfxGetPlugin` is
    /// `get_plugin` (waiting for another session that holds it).
    ///
    /// # Safety
    /// The functions must be a plugin binary's `OfxGetPlugin`,
    /// `OfxGetNumberOfPlugins` and `OfxSetHost` exports, following the OFX
    /// contract (valid, static `OfxPlugin` structs for indices below the
    /// count).
    pub unsafe fn new(
        get_plugin: OfxGetPluginFn,
        count: Option<OfxGetNumberOfPluginsFn>,
        set_host: Option<OfxSetHostFn>,
    ) -> Self {
        let lock = BinaryLock::acquire(BinaryKey::InProcess(get_plugin as usize));
        InProcessBinary {
            get_plugin,
            count,
            counted: OnceLock::new(),
            set_host,
            _lock: lock,
            _library: None,
        }
    }

    /// Like [`InProcessBinary::new`], for the driver, whose own constructor
    /// carries the contract.
    pub(crate) fn from_exports(
        get_plugin: OfxGetPluginFn,
        count: Option<OfxGetNumberOfPluginsFn>,
        set_host: Option<OfxSetHostFn>,
    ) -> Self {
        let lock = BinaryLock::acquire(BinaryKey::InProcess(get_plugin as usize));
        InProcessBinary {
            get_plugin,
            count,
            counted: OnceLock::new(),
            set_host,
            _lock: lock,
            _library: None,
        }
    }

    /// What `OfxGetNumberOfPlugins` answered (`Usable(1)` when the binary
    /// exports no count). The binary is asked once; later calls return the
    /// same answer. A host calls `OfxSetHost` before this.
    pub fn plugin_count(&self) -> PluginCount {
        *self.counted.get_or_init(|| match self.count {
            None => PluginCount::Usable(1),
            Some(f) => PluginCount::from_raw(crate::ffi::plugin_calls::number_of_plugins(f)),
        })
    }

    /// Number of plugins the host enumerates: the binary's count, asked
    /// once, or 0 when it is negative or above [`MAX_PLUGINS`].
    pub fn count(&self) -> usize {
        self.plugin_count().usable()
    }

    /// The `OfxPlugin` struct at `index`, or null.
    pub fn raw_plugin(&self, index: usize) -> *mut OfxPlugin {
        if index >= self.count() {
            return std::ptr::null_mut();
        }
        // SAFETY: `new`'s contract: a real OfxGetPlugin, index below count.
        unsafe { (self.get_plugin)(index as c_int) }
    }

    /// What every plugin of the binary says about itself (null entries are
    /// skipped).
    pub fn plugins(&self) -> Vec<PluginInfo> {
        let text = |p: *const std::ffi::c_char| {
            if p.is_null() {
                String::new()
            } else {
                // SAFETY: non-null strings in an OfxPlugin are C strings.
                unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
            }
        };
        (0..self.count())
            .filter_map(|index| {
                let p = self.raw_plugin(index);
                // SAFETY: non-null results of OfxGetPlugin point to a valid
                // static OfxPlugin.
                let p = unsafe { p.as_ref() }?;
                Some(PluginInfo {
                    index,
                    api: text(p.pluginApi),
                    api_version: p.apiVersion,
                    id: text(p.pluginIdentifier),
                    version_major: p.pluginVersionMajor,
                    version_minor: p.pluginVersionMinor,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_layout_and_scan_skip_at_names() {
        assert_eq!(
            bundle_binary(Path::new("/x/Foo.ofx.bundle")),
            Some(PathBuf::from(format!(
                "/x/Foo.ofx.bundle/Contents/{ARCH_DIR}/Foo.ofx"
            )))
        );
        assert_eq!(bundle_binary(Path::new("/x/Foo.bundle")), None);
        let root = std::env::temp_dir().join(format!("ofx-host-scan-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for d in [
            "a/A.ofx.bundle/Contents",
            "a/b/B.ofx.bundle",
            "@skip/C.ofx.bundle",
            "c/@D.ofx.bundle",
            "e/notabundle",
        ] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        let found = scan_plugin_path(&[&root]);
        let _ = std::fs::remove_dir_all(&root);
        let names: Vec<_> = found
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["A.ofx.bundle", "B.ofx.bundle"]);
    }
}

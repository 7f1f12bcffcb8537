//! Keeps the plugin binary mapped until the process exits.
//!
//! Rust's standard library registers per-thread destructors inside the
//! binary that runs Rust code: `std::thread::current`, panic messages,
//! `thread_local!` values with `Drop` and rayon's worker registry all leave
//! a destructor on the threads they ran on, host threads included. A host
//! that unloads the binary (`dlclose`, `FreeLibrary`) while one of its
//! threads is alive would make that thread jump into unmapped code when it
//! exits. The official HostSupport library unloads a binary when its last
//! plugin is released, so this is not hypothetical.
//!
//! The fix is the one Rust's documentation recommends for dynamic
//! libraries: never let the binary be unmapped. The first time the host
//! hands over its record, the binary takes one reference on itself that is
//! never released (`RTLD_NODELETE` on Unix, a pinned module handle on
//! Windows). Unloading then runs the OpenFX unload action as before, and the
//! host's own `dlclose` becomes a no-op.

use std::sync::OnceLock;

/// Pins the binary holding this function in memory, once per process.
///
/// Returns whether the binary is pinned. Failing is not fatal: the plugin
/// works as before, and only a host that unloads it while its threads live
/// is at risk.
pub(crate) fn pin_this_binary() -> bool {
    static PINNED: OnceLock<bool> = OnceLock::new();
    *PINNED.get_or_init(imp::pin)
}

#[cfg(unix)]
mod imp {
    use std::ffi::{c_char, c_int, c_void};

    /// `Dl_info` from `<dlfcn.h>`: the same four fields on Linux and macOS.
    #[repr(C)]
    struct DlInfo {
        dli_fname: *const c_char,
        dli_fbase: *mut c_void,
        dli_sname: *const c_char,
        dli_saddr: *mut c_void,
    }

    unsafe extern "C" {
        fn dladdr(addr: *const c_void, info: *mut DlInfo) -> c_int;
        fn dlopen(filename: *const c_char, flag: c_int) -> *mut c_void;
    }

    #[cfg(target_vendor = "apple")]
    const FLAGS: c_int = 0x2 /* RTLD_NOW */ | 0x10 /* RTLD_NOLOAD */ | 0x80 /* RTLD_NODELETE */;
    #[cfg(not(target_vendor = "apple"))]
    const FLAGS: c_int = 0x2 /* RTLD_NOW */ | 0x4 /* RTLD_NOLOAD */ | 0x1000 /* RTLD_NODELETE */;

    pub(super) fn pin() -> bool {
        let mut info = DlInfo {
            dli_fname: std::ptr::null(),
            dli_fbase: std::ptr::null_mut(),
            dli_sname: std::ptr::null(),
            dli_saddr: std::ptr::null_mut(),
        };
        let anchor = pin as fn() -> bool as *const c_void;
        // SAFETY: `anchor` is the address of a function in this binary and
        // `info` is a valid, writable `Dl_info`.
        if unsafe { dladdr(anchor, &mut info) } == 0 || info.dli_fname.is_null() {
            return false;
        }
        // SAFETY: `dli_fname` is the NUL-terminated path of the binary that
        // is already loaded; with RTLD_NOLOAD this only adds a reference to
        // it and marks it never to be unloaded. The handle is deliberately
        // never closed.
        !unsafe { dlopen(info.dli_fname, FLAGS) }.is_null()
    }
}

#[cfg(windows)]
mod imp {
    use std::ffi::c_void;

    const FROM_ADDRESS: u32 = 0x4; // GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS
    const PIN: u32 = 0x1; // GET_MODULE_HANDLE_EX_FLAG_PIN

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetModuleHandleExW(flags: u32, name: *const u16, module: *mut *mut c_void) -> i32;
    }

    pub(super) fn pin() -> bool {
        let anchor = pin as fn() -> bool as *const u16;
        let mut module = std::ptr::null_mut();
        // SAFETY: with FROM_ADDRESS the name argument is an address inside
        // this module, and `module` is a valid out-pointer; PIN keeps the
        // module loaded until the process ends.
        unsafe { GetModuleHandleExW(FROM_ADDRESS | PIN, anchor, &mut module) != 0 }
    }
}

#[cfg(not(any(unix, windows)))]
mod imp {
    pub(super) fn pin() -> bool {
        false
    }
}

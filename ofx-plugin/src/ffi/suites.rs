//! The host record and the suites fetched from it.
//!
//! A plugin binary talks to one host at a time. The host record arrives
//! through `OfxSetHost` or a plugin's `setHost`, and the suites are fetched
//! during `kOfxActionLoad`. Both stay valid until `kOfxActionUnload`, which is
//! what makes the copies kept here sound to use in between.

use std::ffi::{CStr, c_int, c_void};
use std::sync::RwLock;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

use ofx_sys as sys;

use crate::error::{Error, ErrorKind, Result};

/// A pointer to a host suite. The host keeps suites alive and immutable from
/// load to unload, and suite functions may be called from any thread.
#[derive(Clone, Copy)]
pub(crate) struct SuitePtr<T: 'static>(&'static T);

// SAFETY: a suite is an immutable table of function pointers that the host
// guarantees callable from any thread between load and unload.
unsafe impl<T> Send for SuitePtr<T> {}
// SAFETY: as above; the table is never written through this pointer.
unsafe impl<T> Sync for SuitePtr<T> {}

impl<T> SuitePtr<T> {
    /// The suite table, which lives as long as the program.
    pub(crate) fn get(&self) -> &'static T {
        self.0
    }
}

impl<T> std::ops::Deref for SuitePtr<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0
    }
}

/// The suites a plugin uses. Required ones are always present; optional
/// ones are `None` when the host does not provide them.
#[derive(Clone, Copy)]
pub(crate) struct Suites {
    /// The host's own property set, describing it.
    pub host_props: sys::OfxPropertySetHandle,
    pub property: SuitePtr<sys::OfxPropertySuiteV1>,
    pub image_effect: SuitePtr<sys::OfxImageEffectSuiteV1>,
    pub parameter: SuitePtr<sys::OfxParameterSuiteV1>,
    pub memory: SuitePtr<sys::OfxMemorySuiteV1>,
    pub multi_thread: SuitePtr<sys::OfxMultiThreadSuiteV1>,
    pub message_v1: Option<SuitePtr<sys::OfxMessageSuiteV1>>,
    pub message_v2: Option<SuitePtr<sys::OfxMessageSuiteV2>>,
    pub progress_v1: Option<SuitePtr<sys::OfxProgressSuiteV1>>,
    pub progress_v2: Option<SuitePtr<sys::OfxProgressSuiteV2>>,
    pub timeline: Option<SuitePtr<sys::OfxTimeLineSuiteV1>>,
    pub parametric: Option<SuitePtr<sys::OfxParametricParameterSuiteV1>>,
    pub interact: Option<SuitePtr<sys::OfxInteractSuiteV1>>,
    pub draw: Option<SuitePtr<sys::OfxDrawSuiteV1>>,
    /// Loads clip images as OpenGL textures (`ofxGPURender.h`).
    pub opengl: Option<SuitePtr<sys::OfxImageEffectOpenGLRenderSuiteV1>>,
    /// Compiles OpenCL programs through the host (`ofxGPURender.h`).
    pub opencl_program: Option<SuitePtr<sys::OfxOpenCLProgramSuiteV1>>,
}

// SAFETY: the host property set handle is valid from load to unload and the
// property suite may be called on it from any thread.
unsafe impl Send for Suites {}
// SAFETY: as above.
unsafe impl Sync for Suites {}

#[derive(Clone, Copy)]
struct HostPtr(*const sys::OfxHost);
// SAFETY: the host record is immutable and outlives the plugin's use of it.
unsafe impl Send for HostPtr {}
// SAFETY: as above.
unsafe impl Sync for HostPtr {}

static HOST: RwLock<Option<HostPtr>> = RwLock::new(None);
/// The suites of the current load, read on every host call: an atomic
/// pointer rather than a lock, so that render threads never contend. Each
/// load leaks one small `Suites` value (a reader may still hold the previous
/// pointer when a new load replaces it), which is bounded by the number of
/// load actions.
static SUITES: AtomicPtr<Suites> = AtomicPtr::new(std::ptr::null_mut());

/// Records the host record handed over by `OfxSetHost` or `setHost`.
pub(crate) fn set_host(host: *const sys::OfxHost) -> Result<()> {
    if host.is_null() {
        return Err(Error::bad_handle("the host passed a null OfxHost"));
    }
    // Before any Rust code can leave a thread destructor on a host thread.
    super::pin::pin_this_binary();
    *HOST.write().unwrap_or_else(|e| e.into_inner()) = Some(HostPtr(host));
    Ok(())
}

/// The address of the current host record, which tells hosts apart (a
/// binary may be loaded by several in a process's life).
pub(crate) fn host_id() -> Option<usize> {
    HOST.read()
        .unwrap_or_else(|e| e.into_inner())
        .map(|h| h.0.addr())
}

/// Fetches one suite, or `None` when the host lacks it.
fn fetch<T>(host: &sys::OfxHost, name: &CStr, version: c_int) -> Option<SuitePtr<T>> {
    let fetch_suite = host.fetchSuite?;
    // SAFETY: fetchSuite is the host's function, called with its own property
    // set and a NUL-terminated name, as the API requires.
    let ptr: *const c_void = unsafe { fetch_suite(host.host, name.as_ptr(), version) };
    // SAFETY: a non-null suite pointer points to a suite struct of the named
    // version, which the host keeps alive until the plugin is unloaded.
    unsafe { ptr.cast::<T>().as_ref() }.map(SuitePtr)
}

/// Fetches every suite, failing with `kOfxStatErrMissingHostFeature` and a
/// message naming them when a required suite is missing.
pub(crate) fn load() -> Result<Suites> {
    let host = HOST
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .ok_or_else(|| {
            Error::missing_host_feature("the host sent kOfxActionLoad before setting the host")
        })?;
    // SAFETY: set_host rejected null, and the host keeps its record alive.
    let host = unsafe { &*host.0 };
    if host.fetchSuite.is_none() {
        return Err(Error::missing_host_feature(
            "the host record has no fetchSuite function",
        ));
    }
    let mut missing = Vec::new();
    macro_rules! required {
        ($name:expr, $version:expr) => {{
            let s = fetch(host, $name, $version);
            if s.is_none() {
                missing.push(format!("{} v{}", $name.to_string_lossy(), $version));
            }
            s
        }};
    }
    let property = required!(sys::kOfxPropertySuite, 1);
    let image_effect = required!(sys::kOfxImageEffectSuite, 1);
    let parameter = required!(sys::kOfxParameterSuite, 1);
    let memory = required!(sys::kOfxMemorySuite, 1);
    let multi_thread = required!(sys::kOfxMultiThreadSuite, 1);
    let (Some(property), Some(image_effect), Some(parameter), Some(memory), Some(multi_thread)) =
        (property, image_effect, parameter, memory, multi_thread)
    else {
        return Err(Error::with_message(
            ErrorKind::MissingHostFeature,
            format!("the host lacks required suites: {}", missing.join(", ")),
        ));
    };
    let suites = Suites {
        host_props: host.host,
        property,
        image_effect,
        parameter,
        memory,
        multi_thread,
        message_v1: fetch(host, sys::kOfxMessageSuite, 1),
        message_v2: fetch(host, sys::kOfxMessageSuite, 2),
        progress_v1: fetch(host, sys::kOfxProgressSuite, 1),
        progress_v2: fetch(host, sys::kOfxProgressSuite, 2),
        timeline: fetch(host, sys::kOfxTimeLineSuite, 1),
        parametric: fetch(host, sys::kOfxParametricParameterSuite, 1),
        interact: fetch(host, sys::kOfxInteractSuite, 1),
        draw: fetch(host, sys::kOfxDrawSuite, 1),
        opengl: fetch(host, sys::kOfxOpenGLRenderSuite, 1),
        opencl_program: fetch(host, sys::kOfxOpenCLProgramSuite, 1),
    };
    SUITES.store(Box::into_raw(Box::new(suites)), Ordering::Release);
    LOADS.fetch_add(1, Ordering::AcqRel);
    Ok(suites)
}

/// How many plugins of this binary are loaded: each plugin of a bundle gets
/// its own load and unload, and the suites must outlive the last of them.
static LOADS: AtomicUsize = AtomicUsize::new(0);

/// Forgets the suites when the last loaded plugin of the binary unloads.
pub(crate) fn unload() {
    let prev = LOADS
        .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
        .unwrap_or(0);
    if prev <= 1 {
        SUITES.store(std::ptr::null_mut(), Ordering::Release);
    }
}

/// The suites fetched at load, or an error outside load..unload.
pub(crate) fn suites() -> Result<Suites> {
    let p = SUITES.load(Ordering::Acquire);
    // SAFETY: a non-null pointer comes from Box::into_raw in `load` and is
    // never freed, and the value behind it is never written after publication.
    match unsafe { p.as_ref() } {
        Some(s) => Ok(*s),
        None => Err(Error::with_message(
            ErrorKind::BadHandle,
            "host suites are not available: the plugin is not loaded",
        )),
    }
}

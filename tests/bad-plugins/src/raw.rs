//! The raw C calls of the bad plugins: host and suite pointers, property
//! access, clips, images and image memory.
//!
//! Every helper here trusts what the host hands over (suite tables, handles,
//! image descriptions), as a C plugin would. They are crate-private and used
//! only by these deliberately broken test plugins.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

use ofx_sys::{
    OfxHost, OfxImageClipHandle, OfxImageEffectHandle, OfxImageEffectSuiteV1, OfxImageMemoryHandle,
    OfxMemorySuiteV1, OfxParamHandle, OfxParamSetHandle, OfxParameterSuiteV1, OfxPlugin,
    OfxPluginEntryPoint, OfxPropertySetHandle, OfxPropertySuiteV1, OfxStatus,
};

use crate::Result;

static HOST: AtomicPtr<OfxHost> = AtomicPtr::new(ptr::null_mut());
static PROPS: AtomicPtr<OfxPropertySuiteV1> = AtomicPtr::new(ptr::null_mut());
static EFFECT: AtomicPtr<OfxImageEffectSuiteV1> = AtomicPtr::new(ptr::null_mut());
static PARAMS: AtomicPtr<OfxParameterSuiteV1> = AtomicPtr::new(ptr::null_mut());
static MEMORY: AtomicPtr<OfxMemorySuiteV1> = AtomicPtr::new(ptr::null_mut());

/// The plugin table handed out by `OfxGetPlugin`.
pub(crate) struct PluginTable(pub(crate) [OfxPlugin; 47]);

// SAFETY: the table is never written after initialisation, and its pointers
// are to `'static` C strings and functions.
unsafe impl Sync for PluginTable {}

impl PluginTable {
    pub(crate) fn get(&'static self, nth: c_int) -> *mut OfxPlugin {
        match usize::try_from(nth).ok().and_then(|i| self.0.get(i)) {
            // The host only reads the struct; the C signature says `*mut`.
            Some(p) => ptr::from_ref(p).cast_mut(),
            None => ptr::null_mut(),
        }
    }

    pub(crate) fn id(&'static self, nth: usize) -> Option<&'static CStr> {
        let p = self.0.get(nth)?;
        // SAFETY: every identifier is one of the `'static` C-string literals
        // given to `plugin`.
        Some(unsafe { CStr::from_ptr(p.pluginIdentifier) })
    }
}

unsafe extern "C" fn set_host_v1(host: *mut OfxHost) {
    store_host(host);
}

/// One plugin entry of the table, at version 1.0.
pub(crate) const fn plugin(id: &'static CStr, main: OfxPluginEntryPoint) -> OfxPlugin {
    plugin_version(id, 1, main)
}

/// One plugin entry of the table, at version `major`.0.
pub(crate) const fn plugin_version(
    id: &'static CStr,
    major: u32,
    main: OfxPluginEntryPoint,
) -> OfxPlugin {
    OfxPlugin {
        pluginApi: ofx_sys::kOfxImageEffectPluginApi.as_ptr(),
        apiVersion: 1,
        pluginIdentifier: id.as_ptr(),
        pluginVersionMajor: major,
        pluginVersionMinor: 0,
        setHost: Some(set_host_v1),
        mainEntry: Some(main),
    }
}

/// Remembers the host structure (it outlives the plugin, per the spec).
pub(crate) fn store_host(host: *const OfxHost) {
    HOST.store(host.cast_mut(), Ordering::Release);
}

/// The suite `name` at `version` from the host (null when it has none).
pub(crate) fn fetch_suite(name: &CStr, version: c_int) -> *const c_void {
    let host = HOST.load(Ordering::Acquire);
    // SAFETY: the host set a valid OfxHost before load.
    let Some(host) = (unsafe { host.as_ref() }) else {
        return ptr::null();
    };
    let Some(fetch) = host.fetchSuite else {
        return ptr::null();
    };
    // SAFETY: fetchSuite is the host's function, called with its own host
    // property set and a C string.
    unsafe { fetch(host.host, name.as_ptr(), version) }
}

/// The host's description (`OfxHost::host`).
pub(crate) fn host_props() -> Result<Props> {
    let host = HOST.load(Ordering::Acquire);
    // SAFETY: a non-null pointer here is the OfxHost the host set, which
    // outlives the plugin.
    let host = unsafe { host.as_ref() }.ok_or(MISSING)?;
    Ok(Props(host.host))
}

/// A C string argument as UTF-8, if it is one.
pub(crate) fn c_str<'a>(p: *const c_char) -> Option<&'a str> {
    if p.is_null() {
        return None;
    }
    // SAFETY: the host passes NUL-terminated action names.
    unsafe { CStr::from_ptr(p) }.to_str().ok()
}

/// The load action: fetch the property and image-effect suites (and the
/// parameter and memory suites, which only the SetParamInRender and
/// LeakedScratch plugins use).
pub(crate) fn load() -> Result<()> {
    let host = HOST.load(Ordering::Acquire);
    if host.is_null() {
        return Err(ofx_sys::kOfxStatErrMissingHostFeature);
    }
    // SAFETY: the host set a valid OfxHost before load.
    let host = unsafe { &*host };
    let fetch = host
        .fetchSuite
        .ok_or(ofx_sys::kOfxStatErrMissingHostFeature)?;
    // SAFETY: fetchSuite is the host's function, called with its own host
    // property set and 'static suite names.
    let props = unsafe { fetch(host.host, ofx_sys::kOfxPropertySuite.as_ptr(), 1) };
    // SAFETY: as above.
    let effect = unsafe { fetch(host.host, ofx_sys::kOfxImageEffectSuite.as_ptr(), 1) };
    if props.is_null() || effect.is_null() {
        return Err(ofx_sys::kOfxStatErrMissingHostFeature);
    }
    // SAFETY: as above.
    let params = unsafe { fetch(host.host, ofx_sys::kOfxParameterSuite.as_ptr(), 1) };
    PARAMS.store(params.cast_mut().cast(), Ordering::Release);
    // SAFETY: as above.
    let memory = unsafe { fetch(host.host, ofx_sys::kOfxMemorySuite.as_ptr(), 1) };
    MEMORY.store(memory.cast_mut().cast(), Ordering::Release);
    PROPS.store(props.cast_mut().cast(), Ordering::Release);
    EFFECT.store(effect.cast_mut().cast(), Ordering::Release);
    Ok(())
}

fn props_suite() -> Result<&'static OfxPropertySuiteV1> {
    let p = PROPS.load(Ordering::Acquire);
    // SAFETY: a suite table from fetchSuite lives as long as the host.
    unsafe { p.as_ref() }.ok_or(ofx_sys::kOfxStatErrMissingHostFeature)
}

fn effect_suite() -> Result<&'static OfxImageEffectSuiteV1> {
    let p = EFFECT.load(Ordering::Acquire);
    // SAFETY: a suite table from fetchSuite lives as long as the host.
    unsafe { p.as_ref() }.ok_or(ofx_sys::kOfxStatErrMissingHostFeature)
}

pub(crate) fn param_suite() -> Result<&'static OfxParameterSuiteV1> {
    let p = PARAMS.load(Ordering::Acquire);
    // SAFETY: a suite table from fetchSuite lives as long as the host.
    unsafe { p.as_ref() }.ok_or(ofx_sys::kOfxStatErrMissingHostFeature)
}

fn check(status: OfxStatus) -> Result<()> {
    if status == ofx_sys::kOfxStatOK {
        Ok(())
    } else {
        Err(status)
    }
}

const MISSING: OfxStatus = ofx_sys::kOfxStatErrMissingHostFeature;

/// A property set handle given by the host.
#[derive(Clone, Copy)]
pub(crate) struct Props(pub(crate) OfxPropertySetHandle);

impl Props {
    pub(crate) fn set_string(&self, name: &CStr, index: c_int, value: &CStr) -> Result<()> {
        let f = props_suite()?.propSetString.ok_or(MISSING)?;
        // SAFETY: host function, host handle, NUL-terminated strings.
        check(unsafe { f(self.0, name.as_ptr(), index, value.as_ptr()) })
    }

    pub(crate) fn set_int(&self, name: &CStr, index: c_int, value: c_int) -> Result<()> {
        let f = props_suite()?.propSetInt.ok_or(MISSING)?;
        // SAFETY: host function, host handle, NUL-terminated name.
        check(unsafe { f(self.0, name.as_ptr(), index, value) })
    }

    pub(crate) fn set_double(&self, name: &CStr, index: c_int, value: f64) -> Result<()> {
        let f = props_suite()?.propSetDouble.ok_or(MISSING)?;
        // SAFETY: host function, host handle, NUL-terminated name.
        check(unsafe { f(self.0, name.as_ptr(), index, value) })
    }

    pub(crate) fn get_double(&self, name: &CStr, index: c_int) -> Result<f64> {
        let f = props_suite()?.propGetDouble.ok_or(MISSING)?;
        let mut v = 0.0;
        // SAFETY: host function, host handle, a valid out pointer.
        check(unsafe { f(self.0, name.as_ptr(), index, &mut v) })?;
        Ok(v)
    }

    pub(crate) fn get_int4(&self, name: &CStr) -> Result<[i32; 4]> {
        let f = props_suite()?.propGetIntN.ok_or(MISSING)?;
        let mut v = [0 as c_int; 4];
        // SAFETY: host function, host handle, room for 4 ints.
        check(unsafe { f(self.0, name.as_ptr(), 4, v.as_mut_ptr()) })?;
        Ok(v)
    }

    pub(crate) fn get_string(&self, name: &CStr) -> Result<String> {
        let f = props_suite()?.propGetString.ok_or(MISSING)?;
        let mut v: *mut c_char = ptr::null_mut();
        // SAFETY: host function, host handle, a valid out pointer.
        check(unsafe { f(self.0, name.as_ptr(), 0, &mut v) })?;
        Ok(c_str(v).unwrap_or("").to_owned())
    }

    pub(crate) fn set_pointer(&self, name: &CStr, index: c_int, value: *mut c_void) -> Result<()> {
        let f = props_suite()?.propSetPointer.ok_or(MISSING)?;
        // SAFETY: host function, host handle, NUL-terminated name.
        check(unsafe { f(self.0, name.as_ptr(), index, value) })
    }

    pub(crate) fn get_pointer(&self, name: &CStr) -> Result<*mut c_void> {
        let f = props_suite()?.propGetPointer.ok_or(MISSING)?;
        let mut v: *mut c_void = ptr::null_mut();
        // SAFETY: host function, host handle, a valid out pointer.
        check(unsafe { f(self.0, name.as_ptr(), 0, &mut v) })?;
        Ok(v)
    }

    pub(crate) fn get_int(&self, name: &CStr) -> Result<c_int> {
        let f = props_suite()?.propGetInt.ok_or(MISSING)?;
        let mut v = 0;
        // SAFETY: host function, host handle, a valid out pointer.
        check(unsafe { f(self.0, name.as_ptr(), 0, &mut v) })?;
        Ok(v)
    }
}

/// The effect's property set.
pub(crate) fn effect_props(effect: *const c_void) -> Result<Props> {
    let f = effect_suite()?.getPropertySet.ok_or(MISSING)?;
    let mut p: OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: host function, the effect handle the host passed, out pointer.
    check(unsafe { f(effect as OfxImageEffectHandle, &mut p) })?;
    Ok(Props(p))
}

/// A clip's property set.
pub(crate) fn clip_props(clip: OfxImageClipHandle) -> Result<Props> {
    let f = effect_suite()?.clipGetPropertySet.ok_or(MISSING)?;
    let mut p: OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: host function, a clip handle the host gave, out pointer.
    check(unsafe { f(clip, &mut p) })?;
    Ok(Props(p))
}

/// Defines a clip and returns its property set.
pub(crate) fn clip_define(effect: *const c_void, name: &CStr) -> Result<Props> {
    let f = effect_suite()?.clipDefine.ok_or(MISSING)?;
    let mut p: OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: host function, host handle, C string, out pointer.
    check(unsafe { f(effect as OfxImageEffectHandle, name.as_ptr(), &mut p) })?;
    Ok(Props(p))
}

/// Allocates `bytes` with the memory suite for `effect` (and never frees
/// them: only the LeakedScratch plugin calls it).
pub(crate) fn scratch_alloc(effect: *const c_void, bytes: usize) -> Result<*mut c_void> {
    let p = MEMORY.load(Ordering::Acquire);
    // SAFETY: a suite table from fetchSuite lives as long as the host.
    let suite = unsafe { p.as_ref() }.ok_or(MISSING)?;
    let f = suite.memoryAlloc.ok_or(MISSING)?;
    let mut data: *mut c_void = ptr::null_mut();
    // SAFETY: host function, the effect handle the host passed, out pointer.
    check(unsafe { f(effect.cast_mut(), bytes, &mut data) })?;
    Ok(data)
}

/// The effect's parameter set.
pub(crate) fn param_set(effect: *const c_void) -> Result<OfxParamSetHandle> {
    let f = effect_suite()?.getParamSet.ok_or(MISSING)?;
    let mut set: OfxParamSetHandle = ptr::null_mut();
    // SAFETY: host function, the effect handle the host passed, out pointer.
    check(unsafe { f(effect as OfxImageEffectHandle, &mut set) })?;
    Ok(set)
}

/// Defines a parameter of type `kind` (an `OfxParamType...` name) called
/// `name` (in describe-in-context), and returns its property set.
pub(crate) fn param_define(effect: *const c_void, kind: &CStr, name: &CStr) -> Result<Props> {
    let f = param_suite()?.paramDefine.ok_or(MISSING)?;
    let set = param_set(effect)?;
    let mut props: OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: host function, host handle, 'static C strings, out pointer.
    check(unsafe { f(set, kind.as_ptr(), name.as_ptr(), &mut props) })?;
    Ok(Props(props))
}

/// The instance's parameter `name`.
pub(crate) fn param_handle(effect: *const c_void, name: &CStr) -> Result<OfxParamHandle> {
    let get = param_suite()?.paramGetHandle.ok_or(MISSING)?;
    let set = param_set(effect)?;
    let mut h: OfxParamHandle = ptr::null_mut();
    // SAFETY: host function, host handle, C string, out pointer (the
    // property-set out pointer may be null).
    check(unsafe { get(set, name.as_ptr(), &mut h, ptr::null_mut()) })?;
    Ok(h)
}

/// The value at `time` of the instance's double parameter `name`.
pub(crate) fn param_double_at(effect: *const c_void, name: &CStr, time: f64) -> Result<f64> {
    let f = param_suite()?.paramGetValueAtTime.ok_or(MISSING)?;
    let h = param_handle(effect, name)?;
    let mut v = 0.0f64;
    // SAFETY: host function; a double parameter writes one double through
    // the one pointer passed.
    check(unsafe { f(h, time, &mut v as *mut f64) })?;
    Ok(v)
}

/// The value at `time` of the instance's boolean parameter `name`.
pub(crate) fn param_bool_at(effect: *const c_void, name: &CStr, time: f64) -> Result<bool> {
    let f = param_suite()?.paramGetValueAtTime.ok_or(MISSING)?;
    let h = param_handle(effect, name)?;
    let mut v: c_int = 0;
    // SAFETY: host function; a boolean parameter writes one int through the
    // one pointer passed.
    check(unsafe { f(h, time, &mut v as *mut c_int) })?;
    Ok(v != 0)
}

/// Sets the instance's double parameter `name` to `value`.
pub(crate) fn param_set_double(effect: *const c_void, name: &CStr, value: f64) -> Result<()> {
    let set_value = param_suite()?.paramSetValue.ok_or(MISSING)?;
    let h = param_handle(effect, name)?;
    // SAFETY: host function; a double parameter takes one double.
    check(unsafe { set_value(h, value) })
}

/// An instance's clip by name.
pub(crate) fn clip_handle(effect: *const c_void, name: &CStr) -> Result<OfxImageClipHandle> {
    let f = effect_suite()?.clipGetHandle.ok_or(MISSING)?;
    let mut c: OfxImageClipHandle = ptr::null_mut();
    // SAFETY: host function, host handle, C string, out pointer (the
    // property-set out pointer may be null).
    check(unsafe {
        f(
            effect as OfxImageEffectHandle,
            name.as_ptr(),
            &mut c,
            ptr::null_mut(),
        )
    })?;
    Ok(c)
}

/// A fetched image and what the plugin needs to address its pixels.
pub(crate) struct Image {
    handle: OfxPropertySetHandle,
    data: *mut u8,
    row_bytes: isize,
    pub(crate) bounds: [i32; 4],
    pub(crate) bytes_per_pixel: usize,
    /// `kOfxImageEffectPropOpenCLImage` (null unless the host handed an
    /// OpenCL image).
    pub(crate) cl_image: *mut c_void,
}

impl Image {
    /// `clipGetImage` at `time` (no region), with its description read.
    pub(crate) fn fetch(clip: OfxImageClipHandle, time: f64) -> Result<Image> {
        let f = effect_suite()?.clipGetImage.ok_or(MISSING)?;
        let mut h: OfxPropertySetHandle = ptr::null_mut();
        // SAFETY: host function, host clip handle, null region, out pointer.
        check(unsafe { f(clip, time, ptr::null(), &mut h) })?;
        let p = Props(h);
        let describe = || -> Result<Image> {
            let comps = match p
                .get_string(ofx_sys::kOfxImageEffectPropComponents)?
                .as_str()
            {
                "OfxImageComponentRGBA" => 4,
                "OfxImageComponentRGB" => 3,
                "OfxImageComponentAlpha" => 1,
                _ => return Err(ofx_sys::kOfxStatErrImageFormat),
            };
            let size = match p
                .get_string(ofx_sys::kOfxImageEffectPropPixelDepth)?
                .as_str()
            {
                "OfxBitDepthByte" => 1,
                "OfxBitDepthShort" | "OfxBitDepthHalf" => 2,
                "OfxBitDepthFloat" => 4,
                _ => return Err(ofx_sys::kOfxStatErrImageFormat),
            };
            Ok(Image {
                handle: h,
                data: p.get_pointer(ofx_sys::kOfxImagePropData)?.cast(),
                row_bytes: p.get_int(ofx_sys::kOfxImagePropRowBytes)? as isize,
                bounds: p.get_int4(ofx_sys::kOfxImagePropBounds)?,
                bytes_per_pixel: comps * size,
                cl_image: p
                    .get_pointer(ofx_sys::kOfxImageEffectPropOpenCLImage)
                    .unwrap_or(ptr::null_mut()),
            })
        };
        describe().inspect_err(|_| {
            if let Ok(release) = effect_suite().and_then(|s| s.clipReleaseImage.ok_or(MISSING)) {
                // SAFETY: releasing the handle fetched above.
                unsafe { release(h) };
            }
        })
    }

    /// `clipReleaseImage`.
    pub(crate) fn release(self) {
        if let Ok(f) = effect_suite().and_then(|s| s.clipReleaseImage.ok_or(MISSING)) {
            // SAFETY: releasing a handle this image fetched.
            unsafe { f(self.handle) };
        }
    }

    /// The `cl_mem` of an OpenCL render: the image when the host handed
    /// one, else the buffer in `kOfxImagePropData`.
    pub(crate) fn cl_mem(&self) -> *mut c_void {
        if self.cl_image.is_null() {
            self.data.cast()
        } else {
            self.cl_image
        }
    }

    /// The signed row bytes.
    pub(crate) fn row_bytes(&self) -> isize {
        self.row_bytes
    }

    /// The address of pixel (x, y) if it lies inside the bounds.
    pub(crate) fn pixel(&self, x: i32, y: i32) -> Option<*const u8> {
        let b = self.bounds;
        (x >= b[0] && x < b[2] && y >= b[1] && y < b[3])
            .then(|| self.unchecked_pixel(x, y).cast_const())
    }

    /// The address of pixel (x, y), computed as a C plugin does, with no
    /// bounds check.
    pub(crate) fn unchecked_pixel(&self, x: i32, y: i32) -> *mut u8 {
        let off = (y - self.bounds[1]) as isize * self.row_bytes
            + (x - self.bounds[0]) as isize * self.bytes_per_pixel as isize;
        self.data.wrapping_offset(off)
    }

    /// The address of pixel (x, y) as a plugin assuming packed bottom-up
    /// rows computes it (wrong unless the row bytes are `width * bpp`).
    pub(crate) fn packed_pixel(&self, x: i32, y: i32) -> *mut u8 {
        let b = self.bounds;
        let width = (b[2] - b[0]) as isize;
        let off =
            ((y - b[1]) as isize * width + (x - b[0]) as isize) * self.bytes_per_pixel as isize;
        self.data.wrapping_offset(off)
    }

    /// The address of pixel (x, y) as a plugin assuming the bounds start at
    /// the origin computes it (wrong unless x1 = y1 = 0).
    pub(crate) fn origin_pixel(&self, x: i32, y: i32) -> *mut u8 {
        let off = y as isize * self.row_bytes + x as isize * self.bytes_per_pixel as isize;
        self.data.wrapping_offset(off)
    }
}

/// Reads one byte at `p` and throws it away, as a careless plugin peeking
/// at a neighbour would.
pub(crate) fn peek_byte(p: *const u8) {
    // SAFETY: deliberately not guaranteed: this is the out-of-bounds read
    // the ReadAboveTop plugin exists to make. The host that tests it puts a
    // guard page there and reports the fault.
    let v = unsafe { ptr::read_volatile(p) };
    std::hint::black_box(v);
}

/// Flips every bit of the byte at `p`, writing through a pointer the host
/// gave for reading.
pub(crate) fn invert_byte(p: *mut u8) {
    // SAFETY: `p` is the first pixel inside the source image's bounds, so
    // the byte is mapped and writable (the host's input buffers are plain
    // memory); writing it breaks the OpenFX contract, not memory safety, and
    // is what the WriteIntoInput plugin exists to do.
    unsafe { ptr::write_volatile(p, !ptr::read_volatile(p)) };
}

/// Copies one pixel of `n` bytes.
pub(crate) fn copy_pixel(from: *const u8, to: *mut u8, n: usize) {
    // SAFETY: for the control plugin, both addresses come from the host's
    // image descriptions for pixels inside the images. The WriteAboveTop,
    // AssumesPackedRows and AssumesOrigin plugins deliberately break this:
    // that is what they exist for, and the host testing them runs them in a
    // child process with guard pages.
    unsafe { ptr::copy_nonoverlapping(from, to, n) };
}

/// `imageMemoryAlloc`.
pub(crate) fn memory_alloc(effect: *const c_void, bytes: usize) -> Result<OfxImageMemoryHandle> {
    let f = effect_suite()?.imageMemoryAlloc.ok_or(MISSING)?;
    let mut m: OfxImageMemoryHandle = ptr::null_mut();
    // SAFETY: host function, host handle, out pointer.
    check(unsafe { f(effect as OfxImageEffectHandle, bytes, &mut m) })?;
    Ok(m)
}

/// `imageMemoryLock`.
pub(crate) fn memory_lock(m: OfxImageMemoryHandle) -> Result<*mut c_void> {
    let f = effect_suite()?.imageMemoryLock.ok_or(MISSING)?;
    let mut p: *mut c_void = ptr::null_mut();
    // SAFETY: host function, a handle from imageMemoryAlloc, out pointer.
    check(unsafe { f(m, &mut p) })?;
    Ok(p)
}

/// `imageMemoryUnlock`.
pub(crate) fn memory_unlock(m: OfxImageMemoryHandle) -> Result<()> {
    let f = effect_suite()?.imageMemoryUnlock.ok_or(MISSING)?;
    // SAFETY: host function, a handle from imageMemoryAlloc.
    check(unsafe { f(m) })
}

/// `imageMemoryFree`.
pub(crate) fn memory_free(m: OfxImageMemoryHandle) -> Result<()> {
    let f = effect_suite()?.imageMemoryFree.ok_or(MISSING)?;
    // SAFETY: host function, a handle from imageMemoryAlloc.
    check(unsafe { f(m) })
}

//! A test plugin written directly against `ofx_sys`: it copies its Source
//! clip to its Output clip byte for byte (any depth, components and layout,
//! within the render window), and can be told to break rules on purpose.
//!
//! One binary per test file; sessions on it are serialised by the host's
//! binary lock, so the mode is set after the session is made.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicPtr, AtomicU32, AtomicUsize, Ordering};

use ofx_sys::*;

/// Misbehaviours, as bit flags.
pub static MODE: AtomicU32 = AtomicU32::new(0);
/// Leak the source image in render.
pub const LEAK_IMAGE: u32 = 1;
/// Release the source image twice in render.
pub const RELEASE_TWICE: u32 = 1 << 1;
/// Call clipDefine in create instance.
pub const DEFINE_IN_CREATE: u32 = 1 << 2;
/// Fetch the source image in get region of definition.
pub const IMAGE_IN_ROD: u32 = 1 << 3;
/// Return ReplyDefault from render (after copying).
pub const RENDER_DEFAULT: u32 = 1 << 4;
/// Exercise image memory in render, with one unlock too many.
pub const MEMORY: u32 = 1 << 5;
/// Allocate image memory in create instance and never free it.
pub const LEAK_MEMORY: u32 = 1 << 6;
/// Sleep in render and count renders in flight.
pub const SLOW: u32 = 1 << 7;
/// Fetch the source at time - 1 in render.
pub const TEMPORAL: u32 = 1 << 8;
/// Fetch the source image in instance changed.
pub const IMAGE_IN_CHANGED: u32 = 1 << 9;
/// Declare no temporal clip access.
pub const NO_TEMPORAL_FLAG: u32 = 1 << 10;
/// Declare InstanceSafe instead of FullySafe.
pub const INSTANCE_SAFE: u32 = 1 << 11;

/// Statuses the plugin saw from host calls it was told to make, by name.
pub static RECORD: Mutex<Vec<(String, OfxStatus)>> = Mutex::new(Vec::new());
/// Most renders in flight at once.
pub static MAX_IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

static HOST: AtomicPtr<OfxHost> = AtomicPtr::new(std::ptr::null_mut());
static PROPS: AtomicPtr<OfxPropertySuiteV1> = AtomicPtr::new(std::ptr::null_mut());
static FX: AtomicPtr<OfxImageEffectSuiteV1> = AtomicPtr::new(std::ptr::null_mut());

/// Clears the mode and the records.
pub fn reset(mode: u32) {
    MODE.store(mode, Ordering::SeqCst);
    RECORD.lock().unwrap().clear();
    MAX_IN_FLIGHT.store(0, Ordering::SeqCst);
    IN_FLIGHT.store(0, Ordering::SeqCst);
}

fn record(name: &str, s: OfxStatus) {
    RECORD.lock().unwrap().push((name.to_string(), s));
}

fn mode(flag: u32) -> bool {
    MODE.load(Ordering::SeqCst) & flag != 0
}

fn props() -> &'static OfxPropertySuiteV1 {
    // SAFETY: set in Load from fetchSuite, which returns a static table;
    // actions that use it come after Load.
    unsafe { &*PROPS.load(Ordering::SeqCst) }
}

fn fx() -> &'static OfxImageEffectSuiteV1 {
    // SAFETY: as for `props`.
    unsafe { &*FX.load(Ordering::SeqCst) }
}

fn set_str(p: OfxPropertySetHandle, name: &CStr, i: c_int, v: &CStr) -> OfxStatus {
    // SAFETY: host property suite called with NUL-terminated strings.
    unsafe { props().propSetString.unwrap()(p, name.as_ptr(), i, v.as_ptr()) }
}

fn set_int(p: OfxPropertySetHandle, name: &CStr, i: c_int, v: c_int) -> OfxStatus {
    // SAFETY: host property suite called with a NUL-terminated name.
    unsafe { props().propSetInt.unwrap()(p, name.as_ptr(), i, v) }
}

fn get_int(p: OfxPropertySetHandle, name: &CStr, i: c_int) -> c_int {
    let mut v = 0;
    // SAFETY: out pointer to a local.
    unsafe { props().propGetInt.unwrap()(p, name.as_ptr(), i, &mut v) };
    v
}

fn get_ints<const N: usize>(p: OfxPropertySetHandle, name: &CStr) -> [c_int; N] {
    let mut v = [0; N];
    // SAFETY: out pointer to N ints.
    unsafe { props().propGetIntN.unwrap()(p, name.as_ptr(), N as c_int, v.as_mut_ptr()) };
    v
}

fn get_double(p: OfxPropertySetHandle, name: &CStr, i: c_int) -> f64 {
    let mut v = 0.0;
    // SAFETY: out pointer to a local.
    unsafe { props().propGetDouble.unwrap()(p, name.as_ptr(), i, &mut v) };
    v
}

fn get_str(p: OfxPropertySetHandle, name: &CStr) -> String {
    let mut v: *mut c_char = std::ptr::null_mut();
    // SAFETY: out pointer to a local; the host's string lives as long as
    // the property set, and is copied at once.
    unsafe {
        if props().propGetString.unwrap()(p, name.as_ptr(), 0, &mut v) != kOfxStatOK || v.is_null()
        {
            return String::new();
        }
        CStr::from_ptr(v).to_string_lossy().into_owned()
    }
}

fn get_ptr(p: OfxPropertySetHandle, name: &CStr) -> *mut c_void {
    let mut v: *mut c_void = std::ptr::null_mut();
    // SAFETY: out pointer to a local.
    unsafe { props().propGetPointer.unwrap()(p, name.as_ptr(), 0, &mut v) };
    v
}

unsafe extern "C" fn set_host(h: *mut OfxHost) {
    HOST.store(h, Ordering::SeqCst);
}

/// The plugin's entry point.
unsafe extern "C" fn main_entry(
    action: *const c_char,
    handle: *const c_void,
    in_args: OfxPropertySetHandle,
    out_args: OfxPropertySetHandle,
) -> OfxStatus {
    // SAFETY: the host passes a NUL-terminated action name.
    let action = unsafe { CStr::from_ptr(action) };
    let effect = handle as OfxImageEffectHandle;
    catch_unwind(AssertUnwindSafe(|| {
        dispatch(action, effect, in_args, out_args)
    }))
    .unwrap_or(kOfxStatFailed)
}

fn dispatch(
    action: &CStr,
    effect: OfxImageEffectHandle,
    in_args: OfxPropertySetHandle,
    _out_args: OfxPropertySetHandle,
) -> OfxStatus {
    if action == kOfxActionLoad {
        return load();
    }
    if action == kOfxActionDescribe {
        return describe(effect);
    }
    if action == kOfxImageEffectActionDescribeInContext {
        return describe_in_context(effect);
    }
    if action == kOfxActionCreateInstance {
        if mode(DEFINE_IN_CREATE) {
            let mut p = std::ptr::null_mut();
            // SAFETY: out pointer to a local.
            let s = unsafe { fx().clipDefine.unwrap()(effect, c"Extra".as_ptr(), &mut p) };
            record("clipDefine", s);
        }
        if mode(LEAK_MEMORY) {
            let mut m = std::ptr::null_mut();
            // SAFETY: out pointer to a local.
            let s = unsafe { fx().imageMemoryAlloc.unwrap()(effect, 64, &mut m) };
            record("imageMemoryAlloc", s);
        }
        return kOfxStatOK;
    }
    if action == kOfxActionDestroyInstance {
        return kOfxStatOK;
    }
    if action == kOfxImageEffectActionGetRegionOfDefinition && mode(IMAGE_IN_ROD) {
        record(
            "clipGetImage in RoD",
            fetch_and_release(effect, get_double(in_args, kOfxPropTime, 0)),
        );
        return kOfxStatReplyDefault;
    }
    if action == kOfxActionInstanceChanged && mode(IMAGE_IN_CHANGED) {
        record(
            "clipGetImage in InstanceChanged",
            fetch_and_release(effect, get_double(in_args, kOfxPropTime, 0)),
        );
        return kOfxStatOK;
    }
    if action == kOfxImageEffectActionRender {
        return render(effect, in_args);
    }
    kOfxStatReplyDefault
}

fn load() -> OfxStatus {
    let host = HOST.load(Ordering::SeqCst);
    if host.is_null() {
        return kOfxStatErrMissingHostFeature;
    }
    // SAFETY: the host record given to setHost lives for the session.
    let host = unsafe { &*host };
    let fetch = host.fetchSuite.unwrap();
    // SAFETY: fetchSuite called with the host's own handle and suite names.
    let (p, f) = unsafe {
        (
            fetch(host.host, kOfxPropertySuite.as_ptr(), 1),
            fetch(host.host, kOfxImageEffectSuite.as_ptr(), 1),
        )
    };
    if p.is_null() || f.is_null() {
        return kOfxStatErrMissingHostFeature;
    }
    PROPS.store(p as *mut OfxPropertySuiteV1, Ordering::SeqCst);
    FX.store(f as *mut OfxImageEffectSuiteV1, Ordering::SeqCst);
    kOfxStatOK
}

fn effect_props(effect: OfxImageEffectHandle) -> OfxPropertySetHandle {
    let mut p = std::ptr::null_mut();
    // SAFETY: out pointer to a local.
    unsafe { fx().getPropertySet.unwrap()(effect, &mut p) };
    p
}

fn describe(effect: OfxImageEffectHandle) -> OfxStatus {
    let p = effect_props(effect);
    set_str(p, kOfxPropLabel, 0, c"Copy");
    set_str(
        p,
        kOfxImageEffectPropSupportedContexts,
        0,
        kOfxImageEffectContextFilter,
    );
    set_str(
        p,
        kOfxImageEffectPropSupportedContexts,
        1,
        kOfxImageEffectContextGeneral,
    );
    for (i, d) in [
        kOfxBitDepthByte,
        kOfxBitDepthShort,
        kOfxBitDepthHalf,
        kOfxBitDepthFloat,
    ]
    .iter()
    .enumerate()
    {
        set_str(p, kOfxImageEffectPropSupportedPixelDepths, i as c_int, d);
    }
    set_int(p, kOfxImageEffectPropSupportsTiles, 0, 1);
    set_int(p, kOfxImageEffectPropSupportsMultiResolution, 0, 1);
    set_int(
        p,
        kOfxImageEffectPropTemporalClipAccess,
        0,
        c_int::from(!mode(NO_TEMPORAL_FLAG)),
    );
    let safety = if mode(INSTANCE_SAFE) {
        kOfxImageEffectRenderInstanceSafe
    } else {
        kOfxImageEffectRenderFullySafe
    };
    set_str(p, kOfxImageEffectPluginRenderThreadSafety, 0, safety);
    // Plugins built on the C++ Support library fetch the parameter set of
    // the plain descriptor.
    let mut set = std::ptr::null_mut();
    // SAFETY: out pointer to a local.
    record("describe getParamSet", unsafe {
        fx().getParamSet.unwrap()(effect, &mut set)
    });
    record("describe param set non-null", c_int::from(!set.is_null()));
    kOfxStatOK
}

fn describe_in_context(effect: OfxImageEffectHandle) -> OfxStatus {
    for name in [c"Source", c"Output"] {
        let mut p = std::ptr::null_mut();
        // SAFETY: out pointer to a local.
        let s = unsafe { fx().clipDefine.unwrap()(effect, name.as_ptr(), &mut p) };
        if s != kOfxStatOK {
            return s;
        }
        for (i, c) in [
            kOfxImageComponentRGBA,
            kOfxImageComponentRGB,
            kOfxImageComponentAlpha,
        ]
        .iter()
        .enumerate()
        {
            set_str(p, kOfxImageEffectPropSupportedComponents, i as c_int, c);
        }
        if name == c"Source" {
            set_int(
                p,
                kOfxImageEffectPropTemporalClipAccess,
                0,
                c_int::from(!mode(NO_TEMPORAL_FLAG)),
            );
        }
    }
    kOfxStatOK
}

fn clip(effect: OfxImageEffectHandle, name: &CStr) -> OfxImageClipHandle {
    let mut c = std::ptr::null_mut();
    // SAFETY: out pointer to a local; null props pointer is allowed.
    unsafe { fx().clipGetHandle.unwrap()(effect, name.as_ptr(), &mut c, std::ptr::null_mut()) };
    c
}

fn get_image(c: OfxImageClipHandle, t: f64) -> (OfxStatus, OfxPropertySetHandle) {
    let mut img = std::ptr::null_mut();
    // SAFETY: out pointer to a local; null region means the default.
    let s = unsafe { fx().clipGetImage.unwrap()(c, t, std::ptr::null(), &mut img) };
    (s, img)
}

fn release(img: OfxPropertySetHandle) -> OfxStatus {
    // SAFETY: plain host call; bad handles are the host's to refuse.
    unsafe { fx().clipReleaseImage.unwrap()(img) }
}

fn fetch_and_release(effect: OfxImageEffectHandle, t: f64) -> OfxStatus {
    let (s, img) = get_image(clip(effect, c"Source"), t);
    if s == kOfxStatOK {
        release(img);
    }
    s
}

/// An image as the plugin sees it.
struct View {
    data: *mut u8,
    row_bytes: isize,
    bounds: [c_int; 4],
    bpp: usize,
    depth: String,
    comps: String,
}

fn view(img: OfxPropertySetHandle) -> View {
    let depth = get_str(img, kOfxImageEffectPropPixelDepth);
    let comps = get_str(img, kOfxImageEffectPropComponents);
    let size = match depth.as_str() {
        "OfxBitDepthByte" => 1,
        "OfxBitDepthShort" | "OfxBitDepthHalf" => 2,
        _ => 4,
    };
    let n = match comps.as_str() {
        "OfxImageComponentRGBA" => 4,
        "OfxImageComponentRGB" => 3,
        _ => 1,
    };
    View {
        data: get_ptr(img, kOfxImagePropData) as *mut u8,
        row_bytes: get_int(img, kOfxImagePropRowBytes, 0) as isize,
        bounds: get_ints::<4>(img, kOfxImagePropBounds),
        bpp: size * n,
        depth,
        comps,
    }
}

impl View {
    fn contains(&self, x: c_int, y: c_int) -> bool {
        x >= self.bounds[0] && x < self.bounds[2] && y >= self.bounds[1] && y < self.bounds[3]
    }
    fn at(&self, x: c_int, y: c_int) -> *mut u8 {
        let off = (y - self.bounds[1]) as isize * self.row_bytes
            + (x - self.bounds[0]) as isize * self.bpp as isize;
        self.data.wrapping_offset(off)
    }
}

fn render(effect: OfxImageEffectHandle, in_args: OfxPropertySetHandle) -> OfxStatus {
    if mode(SLOW) {
        let now = IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
        MAX_IN_FLIGHT.fetch_max(now, Ordering::SeqCst);
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    let status = render_inner(effect, in_args);
    if mode(SLOW) {
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
    status
}

fn render_inner(effect: OfxImageEffectHandle, in_args: OfxPropertySetHandle) -> OfxStatus {
    let time = get_double(in_args, kOfxPropTime, 0);
    let w = get_ints::<4>(in_args, kOfxImageEffectPropRenderWindow);
    let src_time = if mode(TEMPORAL) { time - 1.0 } else { time };
    let (s1, src) = get_image(clip(effect, c"Source"), src_time);
    if mode(TEMPORAL) {
        record("temporal clipGetImage", s1);
    }
    let (s2, dst) = get_image(clip(effect, c"Output"), time);
    if s2 != kOfxStatOK {
        if s1 == kOfxStatOK {
            release(src);
        }
        return kOfxStatFailed;
    }
    let d = view(dst);
    if s1 == kOfxStatOK {
        let s = view(src);
        if s.depth != d.depth || s.comps != d.comps {
            release(src);
            release(dst);
            return kOfxStatErrImageFormat;
        }
        for y in w[1]..w[3] {
            for x in w[0]..w[2] {
                if !d.contains(x, y) {
                    continue;
                }
                // SAFETY: (x, y) is inside the output bounds, and inside the
                // source bounds when read; the host's pointers and row bytes
                // describe those pixels.
                unsafe {
                    if s.contains(x, y) {
                        std::ptr::copy_nonoverlapping(s.at(x, y), d.at(x, y), d.bpp);
                    } else {
                        std::ptr::write_bytes(d.at(x, y), 0, d.bpp);
                    }
                }
            }
        }
        if !mode(LEAK_IMAGE) {
            release(src);
        }
        if mode(RELEASE_TWICE) {
            record("second clipReleaseImage", release(src));
        }
    }
    release(dst);
    if mode(MEMORY) {
        exercise_memory(effect);
    }
    if mode(RENDER_DEFAULT) {
        return kOfxStatReplyDefault;
    }
    kOfxStatOK
}

fn exercise_memory(effect: OfxImageEffectHandle) {
    let f = fx();
    let mut m = std::ptr::null_mut();
    // SAFETY: each call gets out pointers to locals and the handle the host
    // returned; the memory is written only while locked, within its 64 bytes.
    unsafe {
        record("alloc", f.imageMemoryAlloc.unwrap()(effect, 64, &mut m));
        let (mut p1, mut p2, mut p3) = (
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
        record("lock1", f.imageMemoryLock.unwrap()(m, &mut p1));
        let fresh = std::slice::from_raw_parts(p1 as *const u8, 64);
        record(
            "fresh pattern",
            c_int::from(fresh.iter().all(|&b| b == 0xCD)),
        );
        (p1 as *mut u8).write_bytes(0x5A, 64);
        record("lock2", f.imageMemoryLock.unwrap()(m, &mut p2));
        record("same address when nested", c_int::from(p1 == p2));
        record("unlock1", f.imageMemoryUnlock.unwrap()(m));
        record("unlock2", f.imageMemoryUnlock.unwrap()(m));
        record("unlock3", f.imageMemoryUnlock.unwrap()(m));
        record("relock", f.imageMemoryLock.unwrap()(m, &mut p3));
        record("moved after full unlock", c_int::from(p3 != p1));
        record(
            "contents kept",
            c_int::from(
                (p3 as *const u8).read() == 0x5A && (p3 as *const u8).add(63).read() == 0x5A,
            ),
        );
        record("aligned 16", c_int::from((p3 as usize).is_multiple_of(16)));
        // The old block stays the host's until the next move or the free,
        // filled with another pattern.
        let stale = std::slice::from_raw_parts(p1 as *const u8, 64);
        record(
            "stale pattern",
            c_int::from(stale.iter().all(|&b| b == 0xDD)),
        );
        record("unlock4", f.imageMemoryUnlock.unwrap()(m));
        record("free", f.imageMemoryFree.unwrap()(m));
        record("free again", f.imageMemoryFree.unwrap()(m));
        let mut p4 = std::ptr::null_mut();
        record("lock after free", f.imageMemoryLock.unwrap()(m, &mut p4));
        // A large block, twice: the second comes from the host's pool of
        // mappings, and must hold the pattern again, not the first's bytes.
        const LARGE: usize = 3 << 20;
        for _ in 0..2 {
            let mut big = std::ptr::null_mut();
            let mut p = std::ptr::null_mut();
            record(
                "large alloc",
                f.imageMemoryAlloc.unwrap()(effect, LARGE, &mut big),
            );
            record("large lock", f.imageMemoryLock.unwrap()(big, &mut p));
            let bytes = std::slice::from_raw_parts_mut(p as *mut u8, LARGE);
            record(
                "large pattern",
                c_int::from(bytes.iter().all(|&b| b == 0xCD)),
            );
            bytes.fill(0x11);
            record("large unlock", f.imageMemoryUnlock.unwrap()(big));
            record("large free", f.imageMemoryFree.unwrap()(big));
        }
    }
}

struct SyncPlugin(OfxPlugin);
// SAFETY: immutable static data: string literals and function pointers.
unsafe impl Sync for SyncPlugin {}

static PLUGIN: SyncPlugin = SyncPlugin(OfxPlugin {
    pluginApi: c"OfxImageEffectPluginAPI".as_ptr(),
    apiVersion: 1,
    pluginIdentifier: c"org.test.copy".as_ptr(),
    pluginVersionMajor: 1,
    pluginVersionMinor: 0,
    setHost: Some(set_host),
    mainEntry: Some(main_entry),
});

/// `OfxGetPlugin`.
pub unsafe extern "C" fn get_plugin(n: c_int) -> *mut OfxPlugin {
    if n == 0 {
        &PLUGIN.0 as *const OfxPlugin as *mut OfxPlugin
    } else {
        std::ptr::null_mut()
    }
}

/// `OfxGetNumberOfPlugins`.
pub unsafe extern "C" fn count() -> c_int {
    1
}

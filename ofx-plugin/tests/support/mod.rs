//! A minimal in-process host for ofx-plugin's own tests, used until the
//! ofx-host crate's driver lands. It keeps property sets in hash maps and
//! hands out pointers to its own structs as OFX handles.
#![allow(dead_code, clippy::undocumented_unsafe_blocks)]

use std::collections::HashMap;
use std::ffi::{CStr, CString, c_char, c_int, c_uint, c_void};
use std::ptr;
use std::sync::Mutex;

use ofx_sys as sys;

/// One property value.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    I(i32),
    D(f64),
    S(CString),
    P(usize),
}

/// A property set.
#[derive(Default)]
pub struct Props(pub Mutex<HashMap<String, Vec<V>>>);

impl Props {
    pub fn boxed() -> *mut Props {
        Box::into_raw(Box::default())
    }
    pub fn set(&self, name: &CStr, v: Vec<V>) {
        self.0
            .lock()
            .unwrap()
            .insert(name.to_string_lossy().into_owned(), v);
    }
    pub fn get(&self, name: &CStr) -> Option<Vec<V>> {
        self.0
            .lock()
            .unwrap()
            .get(&*name.to_string_lossy())
            .cloned()
    }
    pub fn string(&self, name: &CStr) -> Option<String> {
        match self.get(name)?.first()? {
            V::S(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        }
    }
    pub fn strings(&self, name: &CStr) -> Vec<String> {
        self.get(name)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| match v {
                V::S(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    }
    pub fn int(&self, name: &CStr) -> Option<i32> {
        match self.get(name)?.first()? {
            V::I(i) => Some(*i),
            _ => None,
        }
    }
}

fn ps<'a>(h: sys::OfxPropertySetHandle) -> &'a Props {
    unsafe { &*h.cast::<Props>() }
}
fn key(p: *const c_char) -> String {
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

fn set_at(h: sys::OfxPropertySetHandle, p: *const c_char, i: c_int, v: V) -> sys::OfxStatus {
    if h.is_null() {
        return sys::kOfxStatErrBadHandle;
    }
    let mut m = ps(h).0.lock().unwrap();
    let e = m.entry(key(p)).or_default();
    let i = i as usize;
    if e.len() <= i {
        e.resize(i + 1, v.clone());
    }
    e[i] = v;
    sys::kOfxStatOK
}

fn get_at(h: sys::OfxPropertySetHandle, p: *const c_char, i: c_int) -> Result<V, sys::OfxStatus> {
    if h.is_null() {
        return Err(sys::kOfxStatErrBadHandle);
    }
    let m = ps(h).0.lock().unwrap();
    let e = m.get(&key(p)).ok_or(sys::kOfxStatErrUnknown)?;
    e.get(i as usize).cloned().ok_or(sys::kOfxStatErrBadIndex)
}

unsafe extern "C" fn set_int(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    v: c_int,
) -> sys::OfxStatus {
    set_at(h, p, i, V::I(v))
}
unsafe extern "C" fn set_double(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    v: f64,
) -> sys::OfxStatus {
    set_at(h, p, i, V::D(v))
}
unsafe extern "C" fn set_pointer(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    v: *mut c_void,
) -> sys::OfxStatus {
    set_at(h, p, i, V::P(v as usize))
}
unsafe extern "C" fn set_string(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    v: *const c_char,
) -> sys::OfxStatus {
    set_at(h, p, i, V::S(unsafe { CStr::from_ptr(v) }.to_owned()))
}
unsafe extern "C" fn set_int_n(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    n: c_int,
    v: *const c_int,
) -> sys::OfxStatus {
    let vals = unsafe { std::slice::from_raw_parts(v, n as usize) };
    ps(h)
        .0
        .lock()
        .unwrap()
        .insert(key(p), vals.iter().map(|&x| V::I(x)).collect());
    sys::kOfxStatOK
}
unsafe extern "C" fn set_double_n(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    n: c_int,
    v: *const f64,
) -> sys::OfxStatus {
    let vals = unsafe { std::slice::from_raw_parts(v, n as usize) };
    ps(h)
        .0
        .lock()
        .unwrap()
        .insert(key(p), vals.iter().map(|&x| V::D(x)).collect());
    sys::kOfxStatOK
}
unsafe extern "C" fn set_string_n(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    n: c_int,
    v: *const *const c_char,
) -> sys::OfxStatus {
    let vals = unsafe { std::slice::from_raw_parts(v, n as usize) };
    let vals = vals
        .iter()
        .map(|&s| V::S(unsafe { CStr::from_ptr(s) }.to_owned()))
        .collect();
    ps(h).0.lock().unwrap().insert(key(p), vals);
    sys::kOfxStatOK
}
unsafe extern "C" fn get_int(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    out: *mut c_int,
) -> sys::OfxStatus {
    match get_at(h, p, i) {
        Ok(V::I(v)) => {
            unsafe { *out = v };
            sys::kOfxStatOK
        }
        Ok(_) => sys::kOfxStatErrValue,
        Err(e) => e,
    }
}
unsafe extern "C" fn get_double(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    out: *mut f64,
) -> sys::OfxStatus {
    match get_at(h, p, i) {
        Ok(V::D(v)) => {
            unsafe { *out = v };
            sys::kOfxStatOK
        }
        Ok(_) => sys::kOfxStatErrValue,
        Err(e) => e,
    }
}
unsafe extern "C" fn get_pointer(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    out: *mut *mut c_void,
) -> sys::OfxStatus {
    match get_at(h, p, i) {
        Ok(V::P(v)) => {
            unsafe { *out = v as *mut c_void };
            sys::kOfxStatOK
        }
        Ok(_) => sys::kOfxStatErrValue,
        Err(e) => e,
    }
}
unsafe extern "C" fn get_string(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    i: c_int,
    out: *mut *mut c_char,
) -> sys::OfxStatus {
    if h.is_null() {
        return sys::kOfxStatErrBadHandle;
    }
    let m = ps(h).0.lock().unwrap();
    match m.get(&key(p)).and_then(|e| e.get(i as usize)) {
        // The CString lives in the map until the property is written again.
        Some(V::S(s)) => {
            unsafe { *out = s.as_ptr().cast_mut() };
            sys::kOfxStatOK
        }
        Some(_) => sys::kOfxStatErrValue,
        None => sys::kOfxStatErrUnknown,
    }
}
unsafe extern "C" fn get_int_n(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    n: c_int,
    out: *mut c_int,
) -> sys::OfxStatus {
    for i in 0..n {
        let st = unsafe { get_int(h, p, i, out.add(i as usize)) };
        if st != sys::kOfxStatOK {
            return st;
        }
    }
    sys::kOfxStatOK
}
unsafe extern "C" fn get_double_n(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    n: c_int,
    out: *mut f64,
) -> sys::OfxStatus {
    for i in 0..n {
        let st = unsafe { get_double(h, p, i, out.add(i as usize)) };
        if st != sys::kOfxStatOK {
            return st;
        }
    }
    sys::kOfxStatOK
}
unsafe extern "C" fn get_dimension(
    h: sys::OfxPropertySetHandle,
    p: *const c_char,
    out: *mut c_int,
) -> sys::OfxStatus {
    match ps(h).0.lock().unwrap().get(&key(p)) {
        Some(e) => {
            unsafe { *out = e.len() as c_int };
            sys::kOfxStatOK
        }
        None => sys::kOfxStatErrUnknown,
    }
}
unsafe extern "C" fn reset(h: sys::OfxPropertySetHandle, p: *const c_char) -> sys::OfxStatus {
    ps(h).0.lock().unwrap().remove(&key(p));
    sys::kOfxStatOK
}

/// An effect (descriptor or instance).
pub struct Effect {
    pub props: *mut Props,
    pub params: *mut Props,
    pub clips: Mutex<HashMap<String, *mut Clip>>,
}

/// A clip, with the image it serves.
pub struct Clip {
    pub props: *mut Props,
    pub image: Mutex<Option<TestImage>>,
}

/// Pixel data served by a clip.
pub struct TestImage {
    pub data: Vec<u8>,
    /// Byte offset of the pixel at (x1, y1) from the start of `data`.
    pub origin: usize,
    pub bounds: [i32; 4],
    pub row_bytes: i32,
}

impl TestImage {
    /// Byte offset of pixel (x, y) (4 bytes per pixel).
    pub fn at(&self, x: i32, y: i32) -> usize {
        let dy = (y - self.bounds[1]) as isize * self.row_bytes as isize;
        let dx = (x - self.bounds[0]) as isize * 4;
        (self.origin as isize + dy + dx) as usize
    }
    pub fn get(&self, x: i32, y: i32) -> [u8; 4] {
        let o = self.at(x, y);
        self.data[o..o + 4].try_into().unwrap()
    }
    pub fn set(&mut self, x: i32, y: i32, v: [u8; 4]) {
        let o = self.at(x, y);
        self.data[o..o + 4].copy_from_slice(&v);
    }
}

impl Effect {
    pub fn new(context: &CStr) -> *mut Effect {
        let props = Props::boxed();
        unsafe { &*props }.set(
            sys::kOfxImageEffectPropContext,
            vec![V::S(context.to_owned())],
        );
        Box::into_raw(Box::new(Effect {
            props,
            params: Props::boxed(),
            clips: Mutex::new(HashMap::new()),
        }))
    }
    pub fn props<'a>(e: *mut Effect) -> &'a Props {
        unsafe { &*(*e).props }
    }
    pub fn add_clip<'a>(e: *mut Effect, name: &str) -> &'a Clip {
        let c = Box::into_raw(Box::new(Clip {
            props: Props::boxed(),
            image: Mutex::new(None),
        }));
        unsafe { &*e }
            .clips
            .lock()
            .unwrap()
            .insert(name.to_owned(), c);
        unsafe { &*c }
    }
    pub fn clip<'a>(e: *mut Effect, name: &str) -> Option<&'a Clip> {
        let c = *unsafe { &*e }.clips.lock().unwrap().get(name)?;
        Some(unsafe { &*c })
    }
}

fn eff<'a>(h: sys::OfxImageEffectHandle) -> &'a Effect {
    unsafe { &*h.cast::<Effect>() }
}

unsafe extern "C" fn get_property_set(
    h: sys::OfxImageEffectHandle,
    out: *mut sys::OfxPropertySetHandle,
) -> sys::OfxStatus {
    if h.is_null() {
        return sys::kOfxStatErrBadHandle;
    }
    unsafe { *out = eff(h).props.cast() };
    sys::kOfxStatOK
}
unsafe extern "C" fn get_param_set(
    h: sys::OfxImageEffectHandle,
    out: *mut sys::OfxParamSetHandle,
) -> sys::OfxStatus {
    unsafe { *out = eff(h).params.cast() };
    sys::kOfxStatOK
}
unsafe extern "C" fn clip_define(
    h: sys::OfxImageEffectHandle,
    name: *const c_char,
    out: *mut sys::OfxPropertySetHandle,
) -> sys::OfxStatus {
    let c = Box::into_raw(Box::new(Clip {
        props: Props::boxed(),
        image: Mutex::new(None),
    }));
    eff(h).clips.lock().unwrap().insert(key(name), c);
    unsafe { *out = (*c).props.cast() };
    sys::kOfxStatOK
}
unsafe extern "C" fn clip_get_handle(
    h: sys::OfxImageEffectHandle,
    name: *const c_char,
    out: *mut sys::OfxImageClipHandle,
    props: *mut sys::OfxPropertySetHandle,
) -> sys::OfxStatus {
    match eff(h).clips.lock().unwrap().get(&key(name)) {
        Some(&c) => {
            unsafe { *out = c.cast() };
            if !props.is_null() {
                unsafe { *props = (*c).props.cast() };
            }
            sys::kOfxStatOK
        }
        None => sys::kOfxStatErrUnknown,
    }
}
unsafe extern "C" fn clip_get_property_set(
    c: sys::OfxImageClipHandle,
    out: *mut sys::OfxPropertySetHandle,
) -> sys::OfxStatus {
    unsafe { *out = (*c.cast::<Clip>()).props.cast() };
    sys::kOfxStatOK
}

/// Counts of images fetched and released.
pub static IMAGES: Mutex<(usize, usize)> = Mutex::new((0, 0));

unsafe extern "C" fn clip_get_image(
    c: sys::OfxImageClipHandle,
    _t: f64,
    _r: *const sys::OfxRectD,
    out: *mut sys::OfxPropertySetHandle,
) -> sys::OfxStatus {
    let clip = unsafe { &*c.cast::<Clip>() };
    let mut img = clip.image.lock().unwrap();
    let Some(img) = img.as_mut() else {
        return sys::kOfxStatFailed;
    };
    let p = Props::boxed();
    let pr = unsafe { &*p };
    let data = unsafe { img.data.as_mut_ptr().add(img.origin) };
    pr.set(sys::kOfxImagePropData, vec![V::P(data as usize)]);
    pr.set(
        sys::kOfxImagePropBounds,
        img.bounds.iter().map(|&x| V::I(x)).collect(),
    );
    pr.set(
        sys::kOfxImagePropRegionOfDefinition,
        img.bounds.iter().map(|&x| V::I(x)).collect(),
    );
    pr.set(sys::kOfxImagePropRowBytes, vec![V::I(img.row_bytes)]);
    pr.set(
        sys::kOfxImageEffectPropPixelDepth,
        vec![V::S(sys::kOfxBitDepthByte.to_owned())],
    );
    pr.set(
        sys::kOfxImageEffectPropComponents,
        vec![V::S(sys::kOfxImageComponentRGBA.to_owned())],
    );
    pr.set(
        sys::kOfxImageEffectPropRenderScale,
        vec![V::D(0.5), V::D(0.5)],
    );
    pr.set(sys::kOfxImagePropPixelAspectRatio, vec![V::D(2.0)]);
    IMAGES.lock().unwrap().0 += 1;
    unsafe { *out = p.cast() };
    sys::kOfxStatOK
}
unsafe extern "C" fn clip_release_image(h: sys::OfxPropertySetHandle) -> sys::OfxStatus {
    drop(unsafe { Box::from_raw(h.cast::<Props>()) });
    IMAGES.lock().unwrap().1 += 1;
    sys::kOfxStatOK
}
unsafe extern "C" fn abort(_h: sys::OfxImageEffectHandle) -> c_int {
    0
}

/// Messages posted through the message suite.
pub static MESSAGES: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

// Stable Rust cannot define a C-variadic function, so the mock takes the one
// string argument ofx-plugin always passes (format "%s") as a fixed
// parameter; on x86_64/aarch64 Linux a pointer passed variadically lands in
// the same register. (ofx-host will handle variadics properly.)
unsafe extern "C" fn message(
    _h: *mut c_void,
    ty: *const c_char,
    _id: *const c_char,
    fmt: *const c_char,
    s: *const c_char,
) -> sys::OfxStatus {
    assert_eq!(unsafe { CStr::from_ptr(fmt) }, c"%s");
    MESSAGES.lock().unwrap().push((key(ty), key(s)));
    sys::kOfxStatOK
}

unsafe extern "C" fn num_cpus(n: *mut c_uint) -> sys::OfxStatus {
    unsafe { *n = 3 };
    sys::kOfxStatOK
}

unsafe extern "C" fn memory_alloc(
    _h: *mut c_void,
    n: usize,
    out: *mut *mut c_void,
) -> sys::OfxStatus {
    let b: Box<[u8]> = vec![0xAB; n].into_boxed_slice();
    let p = Box::into_raw(b) as *mut u8;
    AllocMap::insert(&mut *ALLOCS.lock().unwrap(), p as usize, n);
    unsafe { *out = p.cast() };
    sys::kOfxStatOK
}
unsafe extern "C" fn memory_free(p: *mut c_void) -> sys::OfxStatus {
    let Some(n) = AllocMap::remove(&mut *ALLOCS.lock().unwrap(), &(p as usize)) else {
        return sys::kOfxStatErrBadHandle;
    };
    drop(unsafe { Box::from_raw(ptr::slice_from_raw_parts_mut(p.cast::<u8>(), n)) });
    sys::kOfxStatOK
}
/// Live host allocations (address → size), memory and image memory alike.
pub static ALLOCS: Mutex<Option<HashMap<usize, usize>>> = Mutex::new(None);
/// Image memory lock counts by handle.
pub static LOCKS: Mutex<Vec<(usize, i32)>> = Mutex::new(Vec::new());

trait AllocMap {
    fn insert(&mut self, k: usize, v: usize);
    fn remove(&mut self, k: &usize) -> Option<usize>;
}
impl AllocMap for Option<HashMap<usize, usize>> {
    fn insert(&mut self, k: usize, v: usize) {
        self.get_or_insert_default().insert(k, v);
    }
    fn remove(&mut self, k: &usize) -> Option<usize> {
        self.get_or_insert_default().remove(k)
    }
}
pub fn live_allocs() -> usize {
    ALLOCS.lock().unwrap().as_ref().map_or(0, |m| m.len())
}
fn lock_count(h: usize, d: i32) -> i32 {
    let mut l = LOCKS.lock().unwrap();
    if let Some(e) = l.iter_mut().find(|e| e.0 == h) {
        e.1 += d;
        e.1
    } else {
        l.push((h, d));
        d
    }
}
pub fn locks_of(h: usize) -> i32 {
    lock_count(h, 0)
}
unsafe extern "C" fn image_memory_alloc(
    _e: sys::OfxImageEffectHandle,
    n: usize,
    out: *mut sys::OfxImageMemoryHandle,
) -> sys::OfxStatus {
    let mut p = ptr::null_mut();
    unsafe { memory_alloc(ptr::null_mut(), n, &mut p) };
    unsafe { *out = p.cast() };
    sys::kOfxStatOK
}
unsafe extern "C" fn image_memory_free(h: sys::OfxImageMemoryHandle) -> sys::OfxStatus {
    if locks_of(h as usize) != 0 {
        return sys::kOfxStatErrBadHandle;
    }
    unsafe { memory_free(h.cast()) }
}
unsafe extern "C" fn image_memory_lock(
    h: sys::OfxImageMemoryHandle,
    out: *mut *mut c_void,
) -> sys::OfxStatus {
    lock_count(h as usize, 1);
    unsafe { *out = h.cast() };
    sys::kOfxStatOK
}
unsafe extern "C" fn image_memory_unlock(h: sys::OfxImageMemoryHandle) -> sys::OfxStatus {
    lock_count(h as usize, -1);
    sys::kOfxStatOK
}

/// Whether the MultiThread suite is a dummy that fails every call (like Resolve's).
pub static DUMMY_THREADS: Mutex<bool> = Mutex::new(false);

unsafe extern "C" fn multi_thread(
    f: Option<sys::OfxThreadFunctionV1>,
    n: c_uint,
    arg: *mut c_void,
) -> sys::OfxStatus {
    if *DUMMY_THREADS.lock().unwrap() {
        return sys::kOfxStatFailed;
    }
    let f = f.unwrap();
    let arg = arg as usize;
    std::thread::scope(|s| {
        for i in 0..n {
            s.spawn(move || {
                INDEX.with(|c| c.set(Some(i)));
                unsafe { f(i, n, arg as *mut c_void) }
            });
        }
    });
    sys::kOfxStatOK
}
thread_local! {
    static INDEX: std::cell::Cell<Option<u32>> = const { std::cell::Cell::new(None) };
}
unsafe extern "C" fn thread_index(out: *mut c_uint) -> sys::OfxStatus {
    match INDEX.with(|i| i.get()) {
        Some(i) => {
            unsafe { *out = i };
            sys::kOfxStatOK
        }
        None => sys::kOfxStatFailed,
    }
}
unsafe extern "C" fn is_spawned() -> c_int {
    INDEX.with(|i| i.get()).is_some() as c_int
}
unsafe extern "C" fn mutex_create(m: *mut sys::OfxMutexHandle, _n: c_int) -> sys::OfxStatus {
    unsafe { *m = Box::into_raw(Box::new(0i32)).cast() };
    sys::kOfxStatOK
}
unsafe extern "C" fn mutex_destroy(m: sys::OfxMutexHandle) -> sys::OfxStatus {
    drop(unsafe { Box::from_raw(m.cast::<i32>()) });
    sys::kOfxStatOK
}
/// Mutex lock depth, for checking that guards unlock (single-threaded tests).
unsafe extern "C" fn mutex_lock(m: sys::OfxMutexHandle) -> sys::OfxStatus {
    unsafe { *m.cast::<i32>() += 1 };
    sys::kOfxStatOK
}
unsafe extern "C" fn mutex_unlock(m: sys::OfxMutexHandle) -> sys::OfxStatus {
    unsafe { *m.cast::<i32>() -= 1 };
    sys::kOfxStatOK
}
unsafe extern "C" fn mutex_try_lock(m: sys::OfxMutexHandle) -> sys::OfxStatus {
    if unsafe { *m.cast::<i32>() } > 0 {
        return sys::kOfxStatFailed;
    }
    unsafe { mutex_lock(m) }
}

/// Persistent message state and progress/timeline calls.
pub static PERSISTENT: Mutex<Option<(String, String)>> = Mutex::new(None);
pub static PROGRESS: Mutex<Vec<String>> = Mutex::new(Vec::new());
unsafe extern "C" fn set_persistent(
    _h: *mut c_void,
    ty: *const c_char,
    _id: *const c_char,
    fmt: *const c_char,
    s: *const c_char,
) -> sys::OfxStatus {
    assert_eq!(unsafe { CStr::from_ptr(fmt) }, c"%s");
    *PERSISTENT.lock().unwrap() = Some((key(ty), key(s)));
    sys::kOfxStatOK
}
unsafe extern "C" fn clear_persistent(_h: *mut c_void) -> sys::OfxStatus {
    *PERSISTENT.lock().unwrap() = None;
    sys::kOfxStatOK
}
unsafe extern "C" fn progress_start(_h: *mut c_void, l: *const c_char) -> sys::OfxStatus {
    PROGRESS.lock().unwrap().push(format!("start {}", key(l)));
    sys::kOfxStatOK
}
unsafe extern "C" fn progress_update(_h: *mut c_void, v: f64) -> sys::OfxStatus {
    PROGRESS.lock().unwrap().push(format!("update {v}"));
    if v > 0.9 {
        sys::kOfxStatReplyNo
    } else {
        sys::kOfxStatOK
    }
}
unsafe extern "C" fn progress_end(_h: *mut c_void) -> sys::OfxStatus {
    PROGRESS.lock().unwrap().push("end".into());
    sys::kOfxStatOK
}
pub static TIME: Mutex<f64> = Mutex::new(0.0);
unsafe extern "C" fn get_time(_h: *mut c_void, t: *mut f64) -> sys::OfxStatus {
    unsafe { *t = *TIME.lock().unwrap() };
    sys::kOfxStatOK
}
unsafe extern "C" fn goto_time(_h: *mut c_void, t: f64) -> sys::OfxStatus {
    *TIME.lock().unwrap() = t;
    sys::kOfxStatOK
}
unsafe extern "C" fn time_bounds(_h: *mut c_void, a: *mut f64, b: *mut f64) -> sys::OfxStatus {
    unsafe {
        *a = 1.0;
        *b = 24.0
    };
    sys::kOfxStatOK
}

/// Which suites the host offers.
#[derive(Clone, Copy)]
pub struct Offer {
    pub parameter: bool,
    pub message: bool,
}

static OFFER: Mutex<Offer> = Mutex::new(Offer {
    parameter: true,
    message: true,
});

fn leak<T>(t: T) -> *const c_void {
    Box::leak(Box::new(t)) as *const T as *const c_void
}

unsafe extern "C" fn fetch_suite(
    _h: sys::OfxPropertySetHandle,
    name: *const c_char,
    version: c_int,
) -> *const c_void {
    let name = unsafe { CStr::from_ptr(name) };
    let offer = *OFFER.lock().unwrap();
    // SAFETY for zeroed: every suite struct is a table of Option<fn>.
    if name == sys::kOfxPropertySuite && version == 1 {
        let mut s: sys::OfxPropertySuiteV1 = unsafe { std::mem::zeroed() };
        s.propSetInt = Some(set_int);
        s.propSetDouble = Some(set_double);
        s.propSetPointer = Some(set_pointer);
        s.propSetString = Some(set_string);
        s.propSetIntN = Some(set_int_n);
        s.propSetDoubleN = Some(set_double_n);
        s.propSetStringN = Some(set_string_n);
        s.propGetInt = Some(get_int);
        s.propGetDouble = Some(get_double);
        s.propGetPointer = Some(get_pointer);
        s.propGetString = Some(get_string);
        s.propGetDimension = Some(get_dimension);
        s.propGetIntN = Some(get_int_n);
        s.propGetDoubleN = Some(get_double_n);
        s.propReset = Some(reset);
        return leak(s);
    }
    if name == sys::kOfxImageEffectSuite && version == 1 {
        let mut s: sys::OfxImageEffectSuiteV1 = unsafe { std::mem::zeroed() };
        s.getPropertySet = Some(get_property_set);
        s.getParamSet = Some(get_param_set);
        s.clipDefine = Some(clip_define);
        s.clipGetHandle = Some(clip_get_handle);
        s.clipGetPropertySet = Some(clip_get_property_set);
        s.clipGetImage = Some(clip_get_image);
        s.clipReleaseImage = Some(clip_release_image);
        s.abort = Some(abort);
        s.imageMemoryAlloc = Some(image_memory_alloc);
        s.imageMemoryFree = Some(image_memory_free);
        s.imageMemoryLock = Some(image_memory_lock);
        s.imageMemoryUnlock = Some(image_memory_unlock);
        return leak(s);
    }
    if name == sys::kOfxParameterSuite && version == 1 && offer.parameter {
        return leak(unsafe { std::mem::zeroed::<sys::OfxParameterSuiteV1>() });
    }
    if name == sys::kOfxMemorySuite && version == 1 {
        let mut s: sys::OfxMemorySuiteV1 = unsafe { std::mem::zeroed() };
        s.memoryAlloc = Some(memory_alloc);
        s.memoryFree = Some(memory_free);
        return leak(s);
    }
    if name == sys::kOfxMultiThreadSuite && version == 1 {
        let mut s: sys::OfxMultiThreadSuiteV1 = unsafe { std::mem::zeroed() };
        s.multiThreadNumCPUs = Some(num_cpus);
        s.multiThread = Some(multi_thread);
        s.multiThreadIndex = Some(thread_index);
        s.multiThreadIsSpawnedThread = Some(is_spawned);
        s.mutexCreate = Some(mutex_create);
        s.mutexDestroy = Some(mutex_destroy);
        s.mutexLock = Some(mutex_lock);
        s.mutexUnLock = Some(mutex_unlock);
        s.mutexTryLock = Some(mutex_try_lock);
        return leak(s);
    }
    if name == sys::kOfxMessageSuite && version == 1 && offer.message {
        let mut s: sys::OfxMessageSuiteV1 = unsafe { std::mem::zeroed() };
        type Msg = unsafe extern "C" fn(
            *mut c_void,
            *const c_char,
            *const c_char,
            *const c_char,
            *const c_char,
        ) -> sys::OfxStatus;
        type VarMsg = unsafe extern "C" fn(
            *mut c_void,
            *const c_char,
            *const c_char,
            *const c_char,
            ...
        ) -> sys::OfxStatus;
        s.message = Some(unsafe { std::mem::transmute::<Msg, VarMsg>(message as Msg) });
        return leak(s);
    }
    if name == sys::kOfxMessageSuite && version == 2 && offer.message {
        let mut s: sys::OfxMessageSuiteV2 = unsafe { std::mem::zeroed() };
        type Msg = unsafe extern "C" fn(
            *mut c_void,
            *const c_char,
            *const c_char,
            *const c_char,
            *const c_char,
        ) -> sys::OfxStatus;
        type VarMsg = unsafe extern "C" fn(
            *mut c_void,
            *const c_char,
            *const c_char,
            *const c_char,
            ...
        ) -> sys::OfxStatus;
        s.message = Some(unsafe { std::mem::transmute::<Msg, VarMsg>(message as Msg) });
        s.setPersistentMessage =
            Some(unsafe { std::mem::transmute::<Msg, VarMsg>(set_persistent as Msg) });
        s.clearPersistentMessage = Some(clear_persistent);
        return leak(s);
    }
    if name == sys::kOfxProgressSuite && version == 1 && offer.message {
        let mut s: sys::OfxProgressSuiteV1 = unsafe { std::mem::zeroed() };
        s.progressStart = Some(progress_start);
        s.progressUpdate = Some(progress_update);
        s.progressEnd = Some(progress_end);
        return leak(s);
    }
    if name == sys::kOfxTimeLineSuite && version == 1 && offer.message {
        let mut s: sys::OfxTimeLineSuiteV1 = unsafe { std::mem::zeroed() };
        s.getTime = Some(get_time);
        s.gotoTime = Some(goto_time);
        s.getTimeBounds = Some(time_bounds);
        return leak(s);
    }
    ptr::null()
}

/// Builds a host record offering the given suites.
pub fn host(offer: Offer) -> *mut sys::OfxHost {
    *OFFER.lock().unwrap() = offer;
    let props = Props::boxed();
    let p = unsafe { &*props };
    p.set(
        sys::kOfxPropName,
        vec![V::S(c"org.test.MockHost".to_owned())],
    );
    p.set(sys::kOfxPropVersion, vec![V::I(1), V::I(2), V::I(3)]);
    p.set(sys::kOfxImageEffectPropSupportsTiles, vec![V::I(1)]);
    p.set(
        sys::kOfxImageEffectPropSupportedContexts,
        vec![V::S(sys::kOfxImageEffectContextFilter.to_owned())],
    );
    Box::into_raw(Box::new(sys::OfxHost {
        host: props.cast(),
        fetchSuite: Some(fetch_suite),
    }))
}

/// Calls a plugin's main entry.
pub fn call(
    plugin: &sys::OfxPlugin,
    action: &CStr,
    handle: *const c_void,
    in_args: *mut Props,
    out_args: *mut Props,
) -> sys::OfxStatus {
    let f = plugin.mainEntry.unwrap();
    unsafe { f(action.as_ptr(), handle, in_args.cast(), out_args.cast()) }
}

//! Parameter values through the C-variadic shim, one parameter of every type:
//! each is set and read back with the C argument types OFX gives it
//! (`double` for double kinds, `int` for ints, booleans and choices,
//! `const char*` for strings, `OfxBytes*` for bytes), keys set through
//! `paramSetValueAtTime`, a plugin's `paramSetValue` on a keyed parameter,
//! values the host refuses (and logs), an edit block left open at destroy,
//! and the descriptor's parameters as `param_sets::describe` reports them.

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicPtr, Ordering};

use ofx_host::Changed;
use ofx_host::Context;
use ofx_host::driver::{HostConfig, Instance, Session};
use ofx_host::log::ViolationKind;
use ofx_host::param_sets;
use ofx_host::param_values::{ParamKind, ParamValue};
use ofx_host::testing::Handle;
use ofx_host::testing::PARAMETER_SUITE_V1;
use ofx_sys::*;

const P: &OfxParameterSuiteV1 = &PARAMETER_SUITE_V1;

/// Statuses the plugin got, by label.
static SEEN: Mutex<Vec<(String, OfxStatus)>> = Mutex::new(Vec::new());
static PROPS: AtomicPtr<OfxPropertySuiteV1> = AtomicPtr::new(std::ptr::null_mut());
static FX: AtomicPtr<OfxImageEffectSuiteV1> = AtomicPtr::new(std::ptr::null_mut());
static HOST: AtomicPtr<OfxHost> = AtomicPtr::new(std::ptr::null_mut());
/// One test at a time: the records above are global.
static SERIAL: Mutex<()> = Mutex::new(());

/// Every type, with the name the plugin gives it.
const TYPES: [(&str, &str); 18] = [
    ("OfxParamTypeInteger", "int"),
    ("OfxParamTypeDouble", "double"),
    ("OfxParamTypeBoolean", "bool"),
    ("OfxParamTypeChoice", "choice"),
    ("OfxParamTypeStrChoice", "strChoice"),
    ("OfxParamTypeRGBA", "rgba"),
    ("OfxParamTypeRGB", "rgb"),
    ("OfxParamTypeDouble2D", "double2D"),
    ("OfxParamTypeInteger2D", "int2D"),
    ("OfxParamTypeDouble3D", "double3D"),
    ("OfxParamTypeInteger3D", "int3D"),
    ("OfxParamTypeString", "string"),
    ("OfxParamTypeCustom", "custom"),
    ("OfxParamTypeBytes", "bytes"),
    ("OfxParamTypeGroup", "group"),
    ("OfxParamTypePage", "page"),
    ("OfxParamTypePushButton", "poke"),
    ("OfxParamTypeParametric", "curve"),
];

/// Parameters defined besides one of each type: a push button, and three
/// spatial doubles whose defaults say where they are.
const EXTRA: [(&str, &str); 4] = [
    ("OfxParamTypePushButton", "open"),
    ("OfxParamTypeDouble2D", "centre"),
    ("OfxParamTypeDouble", "width"),
    ("OfxParamTypeDouble2D", "corner"),
];

fn seen(label: &str, s: OfxStatus) {
    SEEN.lock().unwrap().push((label.to_string(), s));
}

fn seen_of(label: &str) -> Vec<OfxStatus> {
    SEEN.lock()
        .unwrap()
        .iter()
        .filter(|(l, _)| l == label)
        .map(|(_, s)| *s)
        .collect()
}

fn props() -> &'static OfxPropertySuiteV1 {
    // SAFETY: stored at load from fetchSuite, which returns a static table.
    unsafe { &*PROPS.load(Ordering::SeqCst) }
}

fn fx() -> &'static OfxImageEffectSuiteV1 {
    // SAFETY: as for `props`.
    unsafe { &*FX.load(Ordering::SeqCst) }
}

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

fn set_str(p: OfxPropertySetHandle, name: &str, i: c_int, v: &str) -> OfxStatus {
    let (n, v) = (c(name), c(v));
    // SAFETY: C strings that live across the call.
    unsafe { props().propSetString.unwrap()(p, n.as_ptr(), i, v.as_ptr()) }
}

fn get_str(p: OfxPropertySetHandle, name: &str) -> (OfxStatus, String) {
    let n = c(name);
    let mut v: *mut c_char = std::ptr::null_mut();
    // SAFETY: an out pointer to a local; the host's string is copied at once.
    unsafe {
        let s = props().propGetString.unwrap()(p, n.as_ptr(), 0, &mut v);
        let text = if v.is_null() {
            String::new()
        } else {
            CStr::from_ptr(v).to_string_lossy().into_owned()
        };
        (s, text)
    }
}

fn set_double(p: OfxPropertySetHandle, name: &str, i: c_int, v: f64) -> OfxStatus {
    let n = c(name);
    // SAFETY: a C string that lives across the call.
    unsafe { props().propSetDouble.unwrap()(p, n.as_ptr(), i, v) }
}

fn param_set_of(effect: *const c_void) -> OfxParamSetHandle {
    let mut ps: OfxParamSetHandle = std::ptr::null_mut();
    // SAFETY: an out pointer to a local.
    unsafe { fx().getParamSet.unwrap()(effect as OfxImageEffectHandle, &mut ps) };
    ps
}

/// A parameter's handle and property set, through `paramGetHandle`.
fn handle(set: OfxParamSetHandle, name: &str) -> (OfxStatus, OfxParamHandle, OfxPropertySetHandle) {
    let n = c(name);
    let mut h: OfxParamHandle = std::ptr::null_mut();
    let mut ps: OfxPropertySetHandle = std::ptr::null_mut();
    // SAFETY: a C string and out pointers to locals.
    let s = unsafe { P.paramGetHandle.unwrap()(set, n.as_ptr(), &mut h, &mut ps) };
    (s, h, ps)
}

fn describe_in_context(effect: *const c_void) -> OfxStatus {
    let e = effect as OfxImageEffectHandle;
    for clip in ["Source", "Output"] {
        let n = c(clip);
        let mut cp: OfxPropertySetHandle = std::ptr::null_mut();
        // SAFETY: a C string and an out pointer to a local.
        unsafe { fx().clipDefine.unwrap()(e, n.as_ptr(), &mut cp) };
        set_str(
            cp,
            "OfxImageEffectPropSupportedComponents",
            0,
            "OfxImageComponentRGBA",
        );
    }
    let set = param_set_of(effect);
    for (ty, name) in TYPES.iter().copied().chain(EXTRA) {
        let (t, n) = (c(ty), c(name));
        let mut p: OfxPropertySetHandle = std::ptr::null_mut();
        // SAFETY: C strings and an out pointer to a local.
        let s = unsafe { P.paramDefine.unwrap()(set, t.as_ptr(), n.as_ptr(), &mut p) };
        seen(&format!("define {name}"), s);
        match name {
            "double" if s == kOfxStatOK => {
                set_str(p, "OfxParamPropHint", 0, "a hint");
                set_str(p, "OfxParamPropParent", 0, "group");
                set_double(p, "OfxParamPropMin", 0, -1.0);
                set_double(p, "OfxParamPropMax", 0, 100.0);
                set_double(p, "OfxParamPropDisplayMax", 0, 10.0);
                // Values live on instances, not on descriptors.
                let (_, h, _) = handle(set, "double");
                let mut x = 0.0f64;
                // SAFETY: a double parameter takes a double* / a double.
                unsafe {
                    seen(
                        "descriptor get",
                        P.paramGetValue.unwrap()(h, &mut x as *mut f64),
                    );
                    seen("descriptor set", P.paramSetValue.unwrap()(h, 1.0f64));
                }
            }
            "int3D" => {
                let n = c("OfxParamPropAnimates");
                // SAFETY: a C string that lives across the call.
                let st = unsafe { props().propSetInt.unwrap()(p, n.as_ptr(), 0, 0) };
                seen("int3D does not animate", st);
            }
            "choice" => {
                for (k, o) in ["a", "b", "c"].iter().enumerate() {
                    set_str(p, "OfxParamPropChoiceOption", k as c_int, o);
                }
            }
            // A position and a size given in normalised coordinates, and a
            // position given in canonical ones.
            "centre" | "width" | "corner" => {
                let (ty, system, default): (&str, &str, &[f64]) = match name {
                    "centre" => (
                        "OfxParamDoubleTypeXYAbsolute",
                        "OfxParamCoordinatesNormalised",
                        &[0.5, 0.25],
                    ),
                    "width" => (
                        "OfxParamDoubleTypeX",
                        "OfxParamCoordinatesNormalised",
                        &[0.1],
                    ),
                    _ => (
                        "OfxParamDoubleTypeXYAbsolute",
                        "OfxParamCoordinatesCanonical",
                        &[3.0, 4.0],
                    ),
                };
                set_str(p, "OfxParamPropDoubleType", 0, ty);
                set_str(p, "OfxParamPropDefaultCoordinateSystem", 0, system);
                for (k, v) in default.iter().enumerate() {
                    set_double(p, "OfxParamPropDefault", k as c_int, *v);
                }
            }
            "strChoice" => {
                for (k, (o, en)) in [("First", "one"), ("Second", "two")].iter().enumerate() {
                    set_str(p, "OfxParamPropChoiceOption", k as c_int, o);
                    set_str(p, "OfxParamPropChoiceEnum", k as c_int, en);
                }
                // No default: the host starts at the first enum.
            }
            _ => {}
        }
    }
    kOfxStatOK
}

fn instance_changed(effect: *const c_void, in_args: OfxPropertySetHandle) -> OfxStatus {
    let set = param_set_of(effect);
    let (_, changed) = get_str(in_args, "OfxPropName");
    let (_, reason) = get_str(in_args, "OfxPropChangeReason");
    let (_, ty) = get_str(in_args, "OfxPropType");
    let n = c("OfxPropTime");
    let mut t = f64::NAN;
    // SAFETY: an out pointer to a local.
    unsafe { props().propGetDouble.unwrap()(in_args, n.as_ptr(), 0, &mut t) };
    seen(&format!("changed {changed} {reason}"), kOfxStatOK);
    seen(&format!("args of {changed}: {ty} at {t}"), kOfxStatOK);
    match changed.as_str() {
        "poke" => {
            let (_, d, _) = handle(set, "double");
            // SAFETY: a double parameter takes one double.
            let s = unsafe { P.paramSetValue.unwrap()(d, 42.0f64) };
            seen("plugin set double", s);
        }
        "open" => {
            let label = c("left open");
            // SAFETY: the instance's own set and a C string.
            let s = unsafe { P.paramEditBegin.unwrap()(set, label.as_ptr()) };
            seen("edit begin", s);
        }
        _ => {}
    }
    kOfxStatOK
}

unsafe extern "C" fn set_host(host: *mut OfxHost) {
    HOST.store(host, Ordering::SeqCst);
}

unsafe extern "C" fn main_entry(
    action: *const c_char,
    handle: *const c_void,
    in_args: OfxPropertySetHandle,
    _out: OfxPropertySetHandle,
) -> OfxStatus {
    catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the host passes a C string action.
        let action = unsafe { CStr::from_ptr(action) }.to_bytes();
        if action == kOfxActionLoad.to_bytes() {
            let host = HOST.load(Ordering::SeqCst);
            // SAFETY: the host set its OfxHost before load; fetchSuite with
            // the host's own handle and suite names.
            unsafe {
                let fetch = (*host).fetchSuite.unwrap();
                let h = (*host).host;
                PROPS.store(
                    fetch(h, kOfxPropertySuite.as_ptr(), 1) as *mut _,
                    Ordering::SeqCst,
                );
                FX.store(
                    fetch(h, kOfxImageEffectSuite.as_ptr(), 1) as *mut _,
                    Ordering::SeqCst,
                );
            }
            kOfxStatOK
        } else if action == kOfxActionDescribe.to_bytes() {
            let mut p: OfxPropertySetHandle = std::ptr::null_mut();
            // SAFETY: an out pointer to a local.
            unsafe { fx().getPropertySet.unwrap()(handle as OfxImageEffectHandle, &mut p) };
            set_str(
                p,
                "OfxImageEffectPropSupportedContexts",
                0,
                Context::Filter.ofx_name(),
            );
            set_str(
                p,
                "OfxImageEffectPropSupportedPixelDepths",
                0,
                "OfxBitDepthFloat",
            );
            kOfxStatOK
        } else if action == kOfxImageEffectActionDescribeInContext.to_bytes() {
            describe_in_context(handle)
        } else if action == kOfxImageEffectActionGetRegionOfDefinition.to_bytes() {
            // Writing a value while answering a question breaks a rule.
            let (_, h, _) = self::handle(param_set_of(handle), "int");
            // SAFETY: an integer parameter takes one int.
            let s = unsafe { P.paramSetValue.unwrap()(h, 9 as c_int) };
            seen("set in region of definition", s);
            kOfxStatReplyDefault
        } else if action == kOfxActionInstanceChanged.to_bytes() {
            instance_changed(handle, in_args)
        } else if action == kOfxActionCreateInstance.to_bytes()
            || action == kOfxActionDestroyInstance.to_bytes()
        {
            kOfxStatOK
        } else {
            kOfxStatReplyDefault
        }
    }))
    .unwrap_or(kOfxStatFailed)
}

struct SyncPlugin(OfxPlugin);
// SAFETY: immutable static data: string literals and function pointers.
unsafe impl Sync for SyncPlugin {}

static PLUGIN: SyncPlugin = SyncPlugin(OfxPlugin {
    pluginApi: c"OfxImageEffectPluginAPI".as_ptr(),
    apiVersion: 1,
    pluginIdentifier: c"org.test.paramValues".as_ptr(),
    pluginVersionMajor: 1,
    pluginVersionMinor: 0,
    setHost: Some(set_host),
    mainEntry: Some(main_entry),
});

unsafe extern "C" fn get_plugin(i: c_int) -> *mut OfxPlugin {
    if i == 0 {
        &PLUGIN.0 as *const OfxPlugin as *mut OfxPlugin
    } else {
        std::ptr::null_mut()
    }
}

unsafe extern "C" fn count() -> c_int {
    1
}

fn with_instance(f: impl FnOnce(&Session, &mut Instance<'_>)) {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    SEEN.lock().unwrap().clear();
    let s = Session::in_process(get_plugin, Some(count), None, HostConfig::default()).unwrap();
    let p = s.plugin("org.test.paramValues").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    f(&s, &mut inst);
}

fn param(inst: &Instance<'_>, name: &str) -> OfxParamHandle {
    let set = inst.param_set_handle().unwrap() as OfxParamSetHandle;
    let (s, h, _) = handle(set, name);
    assert_eq!(s, kOfxStatOK, "{name}");
    h
}

fn num(v: &[f64]) -> ParamValue {
    ParamValue::Numeric(v.to_vec())
}

/// Violations of `kind` in the process-wide log (suite calls made by the
/// test thread outside any action land there) whose text has `needle`.
fn logged(kind: ViolationKind, needle: &str) -> usize {
    ofx_host::testing::log()
        .violations_of(kind)
        .iter()
        .filter(|v| v.detail.contains(needle))
        .count()
}

#[test]
fn every_type_round_trips_through_the_shim_with_its_c_types() {
    with_instance(|_, inst| {
        let h = |n: &str| param(inst, n);
        let (mut i, mut j, mut k) = (0 as c_int, 0 as c_int, 0 as c_int);
        let (mut x, mut y, mut z, mut w) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        let set = P.paramSetValue.unwrap();
        let get = P.paramGetValue.unwrap();
        // SAFETY: live handles of the instance; each call passes the C types
        // the parameter's kind takes (values to set, pointers to locals to get).
        unsafe {
            assert_eq!(set(h("int"), -7 as c_int), kOfxStatOK);
            assert_eq!(get(h("int"), &mut i as *mut c_int), kOfxStatOK);
            assert_eq!(i, -7);

            assert_eq!(set(h("double"), 2.5f64), kOfxStatOK);
            assert_eq!(get(h("double"), &mut x as *mut f64), kOfxStatOK);
            assert_eq!(x, 2.5);

            assert_eq!(set(h("bool"), 1 as c_int), kOfxStatOK);
            assert_eq!(get(h("bool"), &mut i as *mut c_int), kOfxStatOK);
            assert_eq!(i, 1);

            assert_eq!(set(h("choice"), 2 as c_int), kOfxStatOK);
            assert_eq!(get(h("choice"), &mut i as *mut c_int), kOfxStatOK);
            assert_eq!(i, 2);

            let two = c("two");
            assert_eq!(set(h("strChoice"), two.as_ptr()), kOfxStatOK);
            let mut sp: *const c_char = std::ptr::null();
            assert_eq!(
                get(h("strChoice"), &mut sp as *mut *const c_char),
                kOfxStatOK
            );
            assert_eq!(CStr::from_ptr(sp), two.as_c_str());

            assert_eq!(set(h("rgba"), 0.1f64, 0.2f64, 0.3f64, 0.4f64), kOfxStatOK);
            assert_eq!(
                get(
                    h("rgba"),
                    &mut x as *mut f64,
                    &mut y as *mut f64,
                    &mut z as *mut f64,
                    &mut w as *mut f64
                ),
                kOfxStatOK
            );
            assert_eq!([x, y, z, w], [0.1, 0.2, 0.3, 0.4]);

            assert_eq!(set(h("rgb"), 0.5f64, 0.25f64, 0.125f64), kOfxStatOK);
            assert_eq!(
                get(
                    h("rgb"),
                    &mut x as *mut f64,
                    &mut y as *mut f64,
                    &mut z as *mut f64
                ),
                kOfxStatOK
            );
            assert_eq!([x, y, z], [0.5, 0.25, 0.125]);

            assert_eq!(set(h("double2D"), -1.5f64, 3.0f64), kOfxStatOK);
            assert_eq!(
                get(h("double2D"), &mut x as *mut f64, &mut y as *mut f64),
                kOfxStatOK
            );
            assert_eq!([x, y], [-1.5, 3.0]);

            assert_eq!(set(h("int2D"), 11 as c_int, -12 as c_int), kOfxStatOK);
            assert_eq!(
                get(h("int2D"), &mut i as *mut c_int, &mut j as *mut c_int),
                kOfxStatOK
            );
            assert_eq!([i, j], [11, -12]);

            assert_eq!(set(h("double3D"), 1.0f64, 2.0f64, 3.5f64), kOfxStatOK);
            assert_eq!(
                get(
                    h("double3D"),
                    &mut x as *mut f64,
                    &mut y as *mut f64,
                    &mut z as *mut f64
                ),
                kOfxStatOK
            );
            assert_eq!([x, y, z], [1.0, 2.0, 3.5]);

            assert_eq!(
                set(h("int3D"), 4 as c_int, 5 as c_int, 6 as c_int),
                kOfxStatOK
            );
            assert_eq!(
                get(
                    h("int3D"),
                    &mut i as *mut c_int,
                    &mut j as *mut c_int,
                    &mut k as *mut c_int
                ),
                kOfxStatOK
            );
            assert_eq!([i, j, k], [4, 5, 6]);

            for name in ["string", "custom"] {
                let text = c(&format!("text of {name}"));
                assert_eq!(set(h(name), text.as_ptr()), kOfxStatOK);
                let mut sp: *const c_char = std::ptr::null();
                assert_eq!(get(h(name), &mut sp as *mut *const c_char), kOfxStatOK);
                assert_eq!(CStr::from_ptr(sp), text.as_c_str(), "{name}");
            }

            let data = [1u8, 0, 255, 7];
            let b = OfxBytes {
                data: data.as_ptr(),
                length: data.len(),
            };
            assert_eq!(set(h("bytes"), &b as *const OfxBytes), kOfxStatOK);
            let mut out = OfxBytes {
                data: std::ptr::null(),
                length: 0,
            };
            assert_eq!(get(h("bytes"), &mut out as *mut OfxBytes), kOfxStatOK);
            assert_eq!(std::slice::from_raw_parts(out.data, out.length), data);
        }
        // The host sees what the plugin set.
        let expect = [
            ("int", num(&[-7.0])),
            ("double", num(&[2.5])),
            ("bool", num(&[1.0])),
            ("choice", num(&[2.0])),
            ("strChoice", ParamValue::from("two")),
            ("rgba", num(&[0.1, 0.2, 0.3, 0.4])),
            ("rgb", num(&[0.5, 0.25, 0.125])),
            ("double2D", num(&[-1.5, 3.0])),
            ("int2D", num(&[11.0, -12.0])),
            ("double3D", num(&[1.0, 2.0, 3.5])),
            ("int3D", num(&[4.0, 5.0, 6.0])),
            ("string", ParamValue::from("text of string")),
            ("custom", ParamValue::from("text of custom")),
            ("bytes", ParamValue::Bytes(vec![1, 0, 255, 7])),
        ];
        for (name, v) in expect {
            assert_eq!(inst.param_value(name, 0.0).unwrap(), v, "{name}");
        }
        // Plugin writes sent no instance-changed.
        assert!(
            SEEN.lock()
                .unwrap()
                .iter()
                .all(|(l, _)| !l.starts_with("changed"))
        );
        // A host edit: one instance-changed, type parameter, user edited,
        // at the project's first frame (no time given).
        inst.set_param("int", num(&[3.0])).unwrap();
        assert_eq!(seen_of("changed int OfxChangeUserEdited"), [kOfxStatOK]);
        assert_eq!(
            SEEN.lock()
                .unwrap()
                .iter()
                .filter(|(l, _)| l.starts_with("args of int: OfxTypeParameter at "))
                .count(),
            1
        );
        inst.set_param_at("double", Some(7.0), num(&[1.0])).unwrap();
        assert_eq!(
            seen_of("args of double: OfxTypeParameter at 7"),
            [kOfxStatOK]
        );
    });
}

#[test]
fn keys_set_through_the_shim_interpolate_by_kind_and_plugin_sets_key_the_action_time() {
    with_instance(|s, inst| {
        let set_at = P.paramSetValueAtTime.unwrap();
        let get_at = P.paramGetValueAtTime.unwrap();
        let (rgb, i2, d) = (
            param(inst, "rgb"),
            param(inst, "int2D"),
            param(inst, "double"),
        );
        let (mut x, mut y, mut z) = (0.0f64, 0.0f64, 0.0f64);
        let (mut i, mut j) = (0 as c_int, 0 as c_int);
        // SAFETY: live handles; values and out pointers of each kind's C types.
        unsafe {
            assert_eq!(set_at(rgb, 0.0, 0.0f64, 1.0f64, 0.0f64), kOfxStatOK);
            assert_eq!(set_at(rgb, 4.0, 1.0f64, 0.0f64, 0.5f64), kOfxStatOK);
            assert_eq!(
                get_at(
                    rgb,
                    1.0,
                    &mut x as *mut f64,
                    &mut y as *mut f64,
                    &mut z as *mut f64
                ),
                kOfxStatOK
            );
            assert_eq!([x, y, z], [0.25, 0.75, 0.125], "colours interpolate");
            assert_eq!(set_at(i2, 0.0, 1 as c_int, 10 as c_int), kOfxStatOK);
            assert_eq!(set_at(i2, 4.0, 3 as c_int, 30 as c_int), kOfxStatOK);
            assert_eq!(
                get_at(i2, 3.9, &mut i as *mut c_int, &mut j as *mut c_int),
                kOfxStatOK
            );
            assert_eq!([i, j], [1, 10], "ints hold the previous key");
            assert_eq!(
                get_at(i2, 4.0, &mut i as *mut c_int, &mut j as *mut c_int),
                kOfxStatOK
            );
            assert_eq!([i, j], [3, 30]);
            // The derivative of an RGB, per component.
            assert_eq!(
                P.paramGetDerivative.unwrap()(
                    rgb,
                    2.0,
                    &mut x as *mut f64,
                    &mut y as *mut f64,
                    &mut z as *mut f64
                ),
                kOfxStatOK
            );
            assert_eq!([x, y, z], [0.25, -0.25, 0.125]);
            // Host-side keys on the double, then the plugin sets it in an
            // instance-changed at time 3: a third key, at 3.
            set_at(d, 0.0, 0.0f64);
            set_at(d, 10.0, 10.0f64);
        }
        inst.instance_changed(Changed::Param("poke"), 3.0).unwrap();
        assert_eq!(seen_of("plugin set double"), [kOfxStatOK]);
        assert_eq!(seen_of("changed poke OfxChangeUserEdited"), [kOfxStatOK]);
        assert_eq!(seen_of("args of poke: OfxTypeParameter at 3"), [kOfxStatOK]);
        assert_eq!(
            param_sets::key_times(Handle::from_raw(inst.param_set_handle().unwrap()), "double")
                .unwrap(),
            [0.0, 3.0, 10.0]
        );
        assert_eq!(inst.param_value("double", 3.0).unwrap(), num(&[42.0]));
        assert_eq!(inst.param_value("double", 6.5).unwrap(), num(&[26.0]));
        // The plugin's own write sent no instance-changed for "double".
        assert!(seen_of("changed double OfxChangeUserEdited").is_empty());
        // A key asked of a parameter that does not animate sets its value.
        assert_eq!(seen_of("int3D does not animate"), [kOfxStatOK]);
        let i3 = param(inst, "int3D");
        let mut n: std::ffi::c_uint = 9;
        // SAFETY: a live Integer3D handle: three ints in; an out pointer to a local.
        unsafe {
            assert_eq!(
                set_at(i3, 5.0, 1 as c_int, 2 as c_int, 3 as c_int),
                kOfxStatOK
            );
            assert_eq!(P.paramGetNumKeys.unwrap()(i3, &mut n), kOfxStatOK);
        }
        assert_eq!(n, 0);
        assert_eq!(
            inst.param_value("int3D", -100.0).unwrap(),
            num(&[1.0, 2.0, 3.0])
        );
        // The host keeps OfxParamPropIsAnimating in step with the keys.
        let set = inst.param_set_handle().unwrap() as OfxParamSetHandle;
        let animating = |name: &str| {
            let (_, _, ps) = handle(set, name);
            let n = c("OfxParamPropIsAnimating");
            let mut v: c_int = -1;
            // SAFETY: a live property set and an out pointer to a local.
            let st = unsafe { props().propGetInt.unwrap()(ps, n.as_ptr(), 0, &mut v) };
            assert_eq!(st, kOfxStatOK, "{name}");
            v
        };
        assert_eq!((animating("double"), animating("int")), (1, 0));
        // SAFETY: a live parameter handle.
        assert_eq!(unsafe { P.paramDeleteAllKeys.unwrap()(d) }, kOfxStatOK);
        assert_eq!(animating("double"), 0);
        inst.set_param_at("int", Some(2.0), num(&[5.0])).unwrap();
        assert_eq!(animating("int"), 1);
        inst.set_param("int", num(&[6.0])).unwrap();
        assert_eq!(animating("int"), 0, "a constant value replaces the keys");
        // Only the two value calls the plugin made on a descriptor broke rules.
        let v = s.log().violations();
        assert!(
            v.len() == 2
                && v.iter()
                    .all(|v| v.detail.contains("descriptor's parameter")),
            "{v:?}"
        );
    });
}

#[test]
fn values_of_the_wrong_kind_are_refused_and_logged_without_a_host_panic() {
    with_instance(|_, inst| {
        let set = P.paramSetValue.unwrap();
        let get = P.paramGetValue.unwrap();
        let (mut i, mut x) = (0 as c_int, 0.0f64);
        let before_value = logged(ViolationKind::BadValue, "");
        // SAFETY: live handles; the values are of each kind's C type, only
        // out of what the parameter accepts (or asked of a valueless one).
        unsafe {
            assert_eq!(set(param(inst, "choice"), 3 as c_int), kOfxStatErrValue);
            assert_eq!(set(param(inst, "choice"), -1 as c_int), kOfxStatErrValue);
            let zz = c("zz");
            assert_eq!(set(param(inst, "strChoice"), zz.as_ptr()), kOfxStatErrValue);
            for name in ["group", "page", "poke", "curve"] {
                assert_eq!(
                    set(param(inst, name), 1 as c_int),
                    kOfxStatErrValue,
                    "{name}"
                );
                assert_eq!(
                    get(param(inst, name), &mut i as *mut c_int),
                    kOfxStatErrValue,
                    "{name}"
                );
            }
            assert_eq!(
                P.paramGetDerivative.unwrap()(param(inst, "int"), 0.0, &mut x as *mut f64),
                kOfxStatErrUnsupported
            );
            assert_eq!(
                P.paramGetIntegral.unwrap()(param(inst, "choice"), 0.0, 1.0, &mut x as *mut f64),
                kOfxStatErrUnsupported
            );
        }
        // 3 choices + 8 valueless + 2 not double-valued, each logged.
        assert!(logged(ViolationKind::BadValue, "") >= before_value + 13);
        assert!(logged(ViolationKind::BadValue, "index 3 names none") >= 1);
        assert!(logged(ViolationKind::BadValue, "'zz' is not one of") >= 1);
        assert_eq!(logged(ViolationKind::HostPanic, "paramGetValue"), 0);
        // Nothing changed.
        assert_eq!(inst.param_value("choice", 0.0).unwrap(), num(&[0.0]));
        assert_eq!(
            inst.param_value("strChoice", 0.0).unwrap(),
            ParamValue::from("one")
        );
    });
}

#[test]
fn normalised_spatial_defaults_start_in_canonical_coordinates() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    SEEN.lock().unwrap().clear();
    let mut config = HostConfig::default();
    config.project.extent = OfxPointD { x: 200.0, y: 100.0 };
    config.project.offset = OfxPointD { x: 10.0, y: 20.0 };
    let s = Session::in_process(get_plugin, Some(count), None, config).unwrap();
    let p = s.plugin("org.test.paramValues").unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let value = |name: &str| inst.param_value(name, 0.0).unwrap();
    // A position: scaled by the extent and moved by the offset.
    assert_eq!(value("centre"), ParamValue::from([110.0, 45.0]));
    // A size: scaled only.
    assert_eq!(value("width"), ParamValue::from(20.0));
    // Canonical defaults are kept as they are.
    assert_eq!(value("corner"), ParamValue::from([3.0, 4.0]));
}

#[test]
fn set_choice_picks_the_option_by_its_label_for_both_choice_kinds() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    SEEN.lock().unwrap().clear();
    let s = Session::in_process(get_plugin, Some(count), None, HostConfig::default()).unwrap();
    let p = s.plugin("org.test.paramValues").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.set_choice("choice", "c").unwrap();
    assert_eq!(
        inst.param_value("choice", 0.0).unwrap(),
        ParamValue::from(2)
    );
    // A string choice takes the enum string of the labelled option.
    inst.set_choice("strChoice", "Second").unwrap();
    assert_eq!(
        inst.param_value("strChoice", 0.0).unwrap(),
        ParamValue::from("two")
    );
    let e = inst
        .set_choice("strChoice", "Third")
        .unwrap_err()
        .to_string();
    assert!(e.contains("options: First, Second"), "{e}");

    // From text, as `ofx render --param` gives it: the label, or the enum
    // string itself.
    inst.set_param_text("strChoice", "First").unwrap();
    assert_eq!(
        inst.param_value("strChoice", 0.0).unwrap(),
        ParamValue::from("one")
    );
    inst.set_param_text("strChoice", "two").unwrap();
    assert_eq!(
        inst.param_value("strChoice", 0.0).unwrap(),
        ParamValue::from("two")
    );
}

#[test]
fn an_edit_block_left_open_is_reported_when_the_instance_is_destroyed() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    SEEN.lock().unwrap().clear();
    let s = Session::in_process(get_plugin, Some(count), None, HostConfig::default()).unwrap();
    let log = s.shared_log();
    {
        let p = s.plugin("org.test.paramValues").unwrap();
        let mut inst = p.create_instance(Context::Filter).unwrap();
        inst.set_param("poke", num(&[])).unwrap_err();
        inst.instance_changed(Changed::Param("open"), 0.0).unwrap();
        assert_eq!(seen_of("edit begin"), [kOfxStatOK]);
        assert_eq!(inst.param_edit_depth(), 1);
        assert!(log.violations_of(ViolationKind::UnbalancedLock).is_empty());
    }
    let v = log.violations_of(ViolationKind::UnbalancedLock);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].detail.contains("1 paramEditBegin block"), "{v:?}");
}

#[test]
fn describe_reports_every_type_of_the_descriptor_and_the_suite_agrees() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    SEEN.lock().unwrap().clear();
    let s = Session::in_process(get_plugin, Some(count), None, HostConfig::default()).unwrap();
    let p = s.plugin("org.test.paramValues").unwrap();
    let ctx = p.describe_in_context(Context::Filter).unwrap();
    let set_raw = ctx.param_set.expect("a parameter set");
    let info = param_sets::describe(Handle::from_raw(set_raw)).unwrap();
    assert_eq!(info.len(), TYPES.len() + EXTRA.len());
    for (ty, name) in TYPES {
        let pi = info.iter().find(|p| p.name == name).expect(name);
        assert_eq!(pi.type_name, ty);
        assert_eq!(pi.kind, ParamKind::from_type_name(ty).unwrap());
        assert_eq!(seen_of(&format!("define {name}")), [kOfxStatOK], "{name}");
        // The suite hands out the same property set: its type reads back.
        let (st, h, ps) = handle(set_raw as OfxParamSetHandle, name);
        assert_eq!(st, kOfxStatOK);
        assert!(!h.is_null() && !ps.is_null());
        assert_eq!(
            get_str(ps, "OfxParamPropType"),
            (kOfxStatOK, ty.to_string())
        );
        assert_eq!(get_str(ps, "OfxPropName"), (kOfxStatOK, name.to_string()));
    }
    assert_eq!(seen_of("descriptor get"), [kOfxStatErrBadHandle]);
    assert_eq!(seen_of("descriptor set"), [kOfxStatErrBadHandle]);
    assert_eq!(
        s.log()
            .violations_of(ViolationKind::WrongAction)
            .iter()
            .filter(|v| v.detail.contains("a descriptor's parameter"))
            .count(),
        2
    );
    let get = |n: &str| info.iter().find(|p| p.name == n).unwrap();
    let d = get("double");
    assert_eq!((d.hint.as_str(), d.parent.as_str()), ("a hint", "group"));
    assert_eq!((d.min.clone(), d.max.clone()), (vec![-1.0], vec![100.0]));
    assert_eq!(d.display_max, [10.0]);
    assert!(d.animates);
    assert_eq!(get("strChoice").options, ["First", "Second"]);
    assert_eq!(get("strChoice").default, Some(ParamValue::from("one")));
    assert_eq!(get("choice").options, ["a", "b", "c"]);
    assert_eq!(get("bytes").default, None);
    assert_eq!(get("group").default, None);
    // The set's own property set is reachable and typed.
    let mut sp: OfxPropertySetHandle = std::ptr::null_mut();
    // SAFETY: a live descriptor set and an out pointer to a local.
    let st = unsafe { P.paramSetGetPropertySet.unwrap()(set_raw as OfxParamSetHandle, &mut sp) };
    assert_eq!(st, kOfxStatOK);
    assert!(!sp.is_null());
    // A name the plugin did not define.
    let (st, h, ps) = handle(set_raw as OfxParamSetHandle, "nope");
    assert_eq!(st, kOfxStatErrUnknown);
    assert!(h.is_null() && ps.is_null());
}

#[test]
fn a_value_written_while_answering_a_question_is_kept_and_logged() {
    with_instance(|s, inst| {
        inst.region_of_definition(0.0, OfxPointD { x: 1.0, y: 1.0 })
            .unwrap();
        assert_eq!(seen_of("set in region of definition"), [kOfxStatOK]);
        assert_eq!(inst.param_value("int", 0.0).unwrap(), num(&[9.0]));
        let v = s.log().violations_of(ViolationKind::WrongAction);
        assert!(
            v.iter().any(|v| v
                .detail
                .contains("paramSetValue in OfxImageEffectActionGetRegionOfDefinition")),
            "{v:?}"
        );
    });
}

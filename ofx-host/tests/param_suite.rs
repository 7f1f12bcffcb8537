//! The parameter and parametric parameter suites, driven through a test
//! plugin written against `ofx_sys`: every parameter type defined with its
//! properties, values set by the host and read by the plugin (and the other
//! way round), keys, paramCopy, edit blocks, parametric curves, and the
//! errors a plugin gets for bad names, types, handles and actions.

use std::ffi::{CStr, CString, c_char, c_int, c_uint, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicPtr, Ordering};

use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{HostConfig, RenderRequest, Session};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_host::log::ViolationKind;
use ofx_host::param_values::{ParamKind, ParamValue};
use ofx_host::testing::{PARAMETER_SUITE_V1, PARAMETRIC_SUITE_V1};
use ofx_sys::*;

/// What the plugin saw: (label, value) pairs.
static SEEN: Mutex<Vec<(String, f64)>> = Mutex::new(Vec::new());
static PROPS: AtomicPtr<OfxPropertySuiteV1> = AtomicPtr::new(std::ptr::null_mut());
static FX: AtomicPtr<OfxImageEffectSuiteV1> = AtomicPtr::new(std::ptr::null_mut());
static HOST: AtomicPtr<OfxHost> = AtomicPtr::new(std::ptr::null_mut());

fn seen(label: &str, v: f64) {
    SEEN.lock().unwrap().push((label.to_string(), v));
}

fn seen_values(label: &str) -> Vec<f64> {
    SEEN.lock()
        .unwrap()
        .iter()
        .filter(|(l, _)| l == label)
        .map(|(_, v)| *v)
        .collect()
}

fn props() -> &'static OfxPropertySuiteV1 {
    // SAFETY: set at load from fetchSuite, which returns a static table.
    unsafe { &*PROPS.load(Ordering::SeqCst) }
}

fn fx() -> &'static OfxImageEffectSuiteV1 {
    // SAFETY: as for `props`.
    unsafe { &*FX.load(Ordering::SeqCst) }
}

const P: &OfxParameterSuiteV1 = &PARAMETER_SUITE_V1;
const PP: &OfxParametricParameterSuiteV1 = &PARAMETRIC_SUITE_V1;

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

fn set_str(p: OfxPropertySetHandle, name: &str, i: c_int, v: &str) -> OfxStatus {
    let (n, v) = (c(name), c(v));
    // SAFETY: C strings that live across the call.
    unsafe { props().propSetString.unwrap()(p, n.as_ptr(), i, v.as_ptr()) }
}

fn set_int(p: OfxPropertySetHandle, name: &str, i: c_int, v: c_int) -> OfxStatus {
    let n = c(name);
    // SAFETY: a C string that lives across the call.
    unsafe { props().propSetInt.unwrap()(p, n.as_ptr(), i, v) }
}

fn set_double(p: OfxPropertySetHandle, name: &str, i: c_int, v: f64) -> OfxStatus {
    let n = c(name);
    // SAFETY: a C string that lives across the call.
    unsafe { props().propSetDouble.unwrap()(p, n.as_ptr(), i, v) }
}

fn define(set: OfxParamSetHandle, ty: &str, name: &str) -> (OfxStatus, OfxPropertySetHandle) {
    let (t, n) = (c(ty), c(name));
    let mut props: OfxPropertySetHandle = std::ptr::null_mut();
    // SAFETY: C strings and an out pointer to a local.
    let s = unsafe { P.paramDefine.unwrap()(set, t.as_ptr(), n.as_ptr(), &mut props) };
    (s, props)
}

fn handle(set: OfxParamSetHandle, name: &str) -> (OfxStatus, OfxParamHandle) {
    let n = c(name);
    let mut h: OfxParamHandle = std::ptr::null_mut();
    // SAFETY: a C string and an out pointer to a local; no property set asked.
    let s = unsafe { P.paramGetHandle.unwrap()(set, n.as_ptr(), &mut h, std::ptr::null_mut()) };
    (s, h)
}

fn param_set_of(effect: *const c_void) -> OfxParamSetHandle {
    let mut ps: OfxParamSetHandle = std::ptr::null_mut();
    // SAFETY: an out pointer to a local.
    unsafe { fx().getParamSet.unwrap()(effect as OfxImageEffectHandle, &mut ps) };
    ps
}

/// Defines one parameter of every type, with properties.
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
    let types = [
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
        ("OfxParamTypePushButton", "button"),
        ("OfxParamTypeParametric", "curve"),
    ];
    for (ty, name) in types {
        let (s, p) = define(set, ty, name);
        seen(&format!("define {name}"), f64::from(s));
        if s == kOfxStatOK {
            set_str(p, "OfxPropLabel", 0, &format!("Label of {name}"));
        }
    }
    let (_, p) = define(set, "OfxParamTypeDouble", "double copy");
    seen("define double copy", 0.0);
    set_double(p, "OfxParamPropDefault", 0, 2.0);
    let prop = |name: &str| {
        let (s, h) = handle(set, name);
        assert_eq!(s, kOfxStatOK);
        let mut ps: OfxPropertySetHandle = std::ptr::null_mut();
        // SAFETY: an out pointer to a local.
        unsafe { P.paramGetPropertySet.unwrap()(h, &mut ps) };
        (h, ps)
    };
    let (_, d) = prop("double");
    seen(
        "set double default",
        f64::from(set_double(d, "OfxParamPropDefault", 0, 0.5)),
    );
    set_double(d, "OfxParamPropMin", 0, -1.0);
    set_double(d, "OfxParamPropMax", 0, 10.0);
    seen(
        "set digits on double",
        f64::from(set_int(d, "OfxParamPropDigits", 0, 3)),
    );
    let (_, i2) = prop("int2D");
    set_int(i2, "OfxParamPropDefault", 0, 3);
    set_int(i2, "OfxParamPropDefault", 1, 4);
    seen(
        "set second dimension label",
        f64::from(set_str(i2, "OfxParamPropDimensionLabel", 1, "height")),
    );
    let (_, ch) = prop("choice");
    for (k, o) in ["a", "b", "c"].iter().enumerate() {
        set_str(ch, "OfxParamPropChoiceOption", k as c_int, o);
    }
    set_int(ch, "OfxParamPropDefault", 0, 1);
    // The display order, on both kinds of choice (1.5).
    seen(
        "set choice order",
        f64::from(set_int(ch, "OfxParamPropChoiceOrder", 2, 0)),
    );
    let (_, sc) = prop("strChoice");
    seen(
        "set string choice order",
        f64::from(set_int(sc, "OfxParamPropChoiceOrder", 1, 5)),
    );
    let (_, st) = prop("string");
    set_str(st, "OfxParamPropDefault", 0, "hello");
    let (_, b) = prop("bool");
    seen(
        "set digits on bool",
        f64::from(set_int(b, "OfxParamPropDigits", 0, 3)),
    );
    seen(
        "set default on bool",
        f64::from(set_int(b, "OfxParamPropDefault", 0, 1)),
    );
    let (_, pg) = prop("page");
    set_str(pg, "OfxParamPropPageChild", 0, "double");
    set_str(pg, "OfxParamPropPageChild", 1, "int");
    let (curve, cp) = prop("curve");
    set_int(cp, "OfxParamPropParametricDimension", 0, 2);
    // SAFETY: a parametric parameter handle from the host.
    unsafe {
        let add = PP.parametricParamAddControlPoint.unwrap();
        seen("add point", f64::from(add(curve, 0, 0.0, 0.0, 0.0, false)));
        add(curve, 0, 0.0, 1.0, 2.0, false);
        add(curve, 1, 0.0, 0.5, 1.0, false);
        seen(
            "add point to curve 2",
            f64::from(add(curve, 2, 0.0, 0.5, 1.0, false)),
        );
    }
    // Errors.
    seen(
        "define duplicate",
        f64::from(define(set, "OfxParamTypeDouble", "double").0),
    );
    seen(
        "define unknown type",
        f64::from(define(set, "OfxParamTypeNoSuch", "x").0),
    );
    seen("get unknown handle", f64::from(handle(set, "nope").0));
    kOfxStatOK
}

fn value_of_double(h: OfxParamHandle) -> (OfxStatus, f64) {
    let mut v = 0.0f64;
    // SAFETY: a double parameter takes one double* out argument.
    let s = unsafe { P.paramGetValue.unwrap()(h, &mut v as *mut f64) };
    (s, v)
}

fn instance_changed(effect: *const c_void, in_args: OfxPropertySetHandle) -> OfxStatus {
    let set = param_set_of(effect);
    let mut name: *mut c_char = std::ptr::null_mut();
    let n = c("OfxPropName");
    // SAFETY: an out pointer to a local; the host's string is copied at once.
    let changed = unsafe {
        props().propGetString.unwrap()(in_args, n.as_ptr(), 0, &mut name);
        CStr::from_ptr(name).to_string_lossy().into_owned()
    };
    seen(&format!("changed {changed}"), 1.0);
    match changed.as_str() {
        "double" => {
            let (s, h) = handle(set, "double");
            assert_eq!(s, kOfxStatOK);
            let (s, v) = value_of_double(h);
            seen(
                "double read by plugin",
                if s == kOfxStatOK { v } else { f64::NAN },
            );
            // The plugin answers by setting another parameter, in an edit block.
            let (_, copy) = handle(set, "double copy");
            let label = c("echo");
            // SAFETY: a double parameter takes one double; the set handle is the host's.
            unsafe {
                seen(
                    "edit begin",
                    f64::from(P.paramEditBegin.unwrap()(set, label.as_ptr())),
                );
                seen(
                    "plugin set",
                    f64::from(P.paramSetValue.unwrap()(copy, v * 2.0)),
                );
                seen("edit end", f64::from(P.paramEditEnd.unwrap()(set)));
            }
        }
        "int2D" => {
            let (_, h) = handle(set, "int2D");
            let (mut a, mut b) = (0 as c_int, 0 as c_int);
            // SAFETY: an Integer2D parameter takes two int* out arguments.
            let s =
                unsafe { P.paramGetValue.unwrap()(h, &mut a as *mut c_int, &mut b as *mut c_int) };
            seen("int2D status", f64::from(s));
            seen("int2D a", f64::from(a));
            seen("int2D b", f64::from(b));
        }
        "string" => {
            let (_, h) = handle(set, "string");
            let mut v: *const c_char = std::ptr::null();
            // SAFETY: a string parameter takes one char** out argument; the
            // host's string is read at once.
            let len = unsafe {
                P.paramGetValue.unwrap()(h, &mut v as *mut *const c_char);
                CStr::from_ptr(v).to_bytes().len()
            };
            seen("string length", len as f64);
        }
        _ => {}
    }
    kOfxStatOK
}

fn render(effect: *const c_void) -> OfxStatus {
    let set = param_set_of(effect);
    let (_, h) = handle(set, "double");
    // SAFETY: a double parameter takes one double.
    let s = unsafe { P.paramSetValue.unwrap()(h, 9.0f64) };
    seen("set in render", f64::from(s));
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
            // SAFETY: the host set its OfxHost before load.
            let fetch = unsafe { (*host).fetchSuite.unwrap() };
            // SAFETY: fetchSuite with the host's own handle and suite names.
            unsafe {
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
            return kOfxStatOK;
        }
        if action == kOfxActionDescribe.to_bytes() {
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
            return kOfxStatOK;
        }
        if action == kOfxImageEffectActionDescribeInContext.to_bytes() {
            return describe_in_context(handle);
        }
        if action == kOfxActionCreateInstance.to_bytes() {
            // Defining a parameter on an instance is refused.
            let set = param_set_of(handle);
            seen(
                "define on instance",
                f64::from(define(set, "OfxParamTypeDouble", "late").0),
            );
            let (_, h) = self::handle(set, "double");
            let mut ps: OfxPropertySetHandle = std::ptr::null_mut();
            // SAFETY: an out pointer to a local.
            unsafe { P.paramGetPropertySet.unwrap()(h, &mut ps) };
            seen(
                "instance label write",
                f64::from(set_str(ps, "OfxPropLabel", 0, "Renamed")),
            );
            seen(
                "instance default write",
                f64::from(set_double(ps, "OfxParamPropDefault", 0, 7.0)),
            );
            return kOfxStatOK;
        }
        if action == kOfxActionInstanceChanged.to_bytes() {
            return instance_changed(handle, in_args);
        }
        if action == kOfxImageEffectActionRender.to_bytes() {
            return render(handle);
        }
        if action == kOfxActionDestroyInstance.to_bytes() {
            return kOfxStatOK;
        }
        kOfxStatReplyDefault
    }))
    .unwrap_or(kOfxStatFailed)
}

struct SyncPlugin(OfxPlugin);
// SAFETY: immutable static data: string literals and function pointers.
unsafe impl Sync for SyncPlugin {}

static PLUGIN: SyncPlugin = SyncPlugin(OfxPlugin {
    pluginApi: c"OfxImageEffectPluginAPI".as_ptr(),
    apiVersion: 1,
    pluginIdentifier: c"org.test.params".as_ptr(),
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

/// One test at a time: the plugin's records are global.
static SERIAL: Mutex<()> = Mutex::new(());

fn with_instance(f: impl FnOnce(&Session, &mut ofx_host::driver::Instance<'_>)) {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    SEEN.lock().unwrap().clear();
    let s = Session::in_process(get_plugin, Some(count), None, HostConfig::default()).unwrap();
    let p = s.plugin("org.test.params").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    f(&s, &mut inst);
}

fn instance_param(inst: &ofx_host::driver::Instance<'_>, name: &str) -> OfxParamHandle {
    let set = inst.param_set_handle().unwrap() as OfxParamSetHandle;
    let (s, h) = handle(set, name);
    assert_eq!(s, kOfxStatOK, "{name}");
    h
}

#[test]
fn every_type_is_defined_with_its_properties() {
    with_instance(|s, inst| {
        let params = inst.params().unwrap();
        assert_eq!(params.len(), 19);
        for p in &params {
            if p.name != "double copy" {
                assert_eq!(
                    seen_values(&format!("define {}", p.name)),
                    [0.0],
                    "{}",
                    p.name
                );
            }
            if p.name != "double copy" && p.name != "double" {
                assert_eq!(p.label, format!("Label of {}", p.name));
            }
        }
        let get = |n: &str| params.iter().find(|p| p.name == n).unwrap();
        assert_eq!(get("double").type_name, "OfxParamTypeDouble");
        assert_eq!(get("double").default, Some(ParamValue::from(0.5)));
        assert_eq!(
            (get("double").min.clone(), get("double").max.clone()),
            (vec![-1.0], vec![10.0])
        );
        assert_eq!(get("double").props.get_int("OfxParamPropDigits", 0), Ok(3));
        assert_eq!(get("int2D").default, Some(ParamValue::from([3.0, 4.0])));
        assert_eq!(
            get("int2D")
                .props
                .get_string_n("OfxParamPropDimensionLabel")
                .unwrap(),
            ["x", "height"]
        );
        assert_eq!(get("choice").options, ["a", "b", "c"]);
        assert_eq!(get("choice").default, Some(ParamValue::from(1.0)));
        assert_eq!(get("bool").default, Some(ParamValue::from(1.0)));
        assert_eq!(get("string").default, Some(ParamValue::from("hello")));
        assert_eq!(get("rgba").kind, ParamKind::Rgba);
        assert_eq!(get("group").kind, ParamKind::NoValue);
        assert_eq!(
            get("page")
                .props
                .get_string_n("OfxParamPropPageChild")
                .unwrap(),
            ["double", "int"]
        );
        // Instance values start at the defaults.
        assert_eq!(
            inst.param_value("int2D", 0.0).unwrap(),
            ParamValue::from([3.0, 4.0])
        );
        assert_eq!(
            inst.param_value("string", 0.0).unwrap(),
            ParamValue::from("hello")
        );
        // Property errors: a property outside the type's set.
        assert_eq!(
            seen_values("set digits on bool"),
            [f64::from(kOfxStatErrUnknown)]
        );
        assert_eq!(seen_values("set digits on double"), [0.0]);
        assert_eq!(seen_values("set second dimension label"), [0.0]);
        assert_eq!(seen_values("set choice order"), [0.0]);
        assert_eq!(seen_values("set string choice order"), [0.0]);
        // Definition errors.
        assert_eq!(
            seen_values("define duplicate"),
            [f64::from(kOfxStatErrExists)]
        );
        assert_eq!(
            seen_values("define unknown type"),
            [f64::from(kOfxStatErrUnknown)]
        );
        assert_eq!(
            seen_values("get unknown handle"),
            [f64::from(kOfxStatErrUnknown)]
        );
        assert_eq!(
            seen_values("define on instance"),
            [f64::from(kOfxStatErrValue)]
        );
        assert!(
            s.log()
                .violations_of(ViolationKind::WrongAction)
                .iter()
                .any(|v| v.detail.contains("paramDefine of 'late'")),
            "{:?}",
            s.log().violations()
        );
        // On an instance the plugin may relabel, not change the default.
        assert_eq!(seen_values("instance label write"), [0.0]);
        assert_eq!(
            seen_values("instance default write"),
            [f64::from(kOfxStatErrValue)]
        );
        assert_eq!(get("double").label, "Renamed");
    });
}

#[test]
fn host_values_reach_the_plugin_and_plugin_values_reach_the_host() {
    with_instance(|s, inst| {
        inst.set_param("double", 1.25).unwrap();
        assert_eq!(
            seen_values("changed double"),
            [1.0],
            "one instance-changed per edit"
        );
        assert_eq!(seen_values("double read by plugin"), [1.25]);
        // The plugin set "double copy" to twice the value, in a balanced edit block.
        assert_eq!(seen_values("plugin set"), [0.0]);
        assert_eq!(
            (seen_values("edit begin"), seen_values("edit end")),
            (vec![0.0], vec![0.0])
        );
        assert_eq!(inst.param_edit_depth(), 0);
        assert_eq!(
            inst.param_value("double copy", 0.0).unwrap(),
            ParamValue::from(2.5)
        );
        inst.set_param_text("int2D", "7, -2").unwrap();
        assert_eq!(
            (
                seen_values("int2D status"),
                seen_values("int2D a"),
                seen_values("int2D b")
            ),
            (vec![0.0], vec![7.0], vec![-2.0])
        );
        inst.set_param_text("string", "four").unwrap();
        assert_eq!(seen_values("string length"), [4.0]);
        inst.set_param_text("choice", "c").unwrap();
        assert_eq!(
            inst.param_value("choice", 0.0).unwrap(),
            ParamValue::from(2.0)
        );
        inst.set_choice("choice", "b").unwrap();
        assert_eq!(
            inst.param_value("choice", 0.0).unwrap(),
            ParamValue::from(1)
        );
        let e = inst.set_choice("choice", "d").unwrap_err().to_string();
        assert!(e.contains("options: a, b, c"), "{e}");
        // The host refuses values that do not fit, with the reason.
        let e = inst.set_param_text("choice", "d").unwrap_err().to_string();
        assert!(e.contains("options"), "{e}");
        let e = inst.set_param("double", 11.0).unwrap_err();
        assert!(e.to_string().contains("range"), "{e}");
        let e = inst.set_param("rgb", 1.0).unwrap_err();
        assert!(e.to_string().contains("3 value"), "{e}");
        let e = inst.set_param_text("nope", "1").unwrap_err().to_string();
        assert!(e.contains("'nope'") && e.contains("double"), "{e}");
        let e = inst.set_param_text("group", "1").unwrap_err().to_string();
        assert!(e.contains("no value"), "{e}");
        // Rejected edits sent no instance-changed.
        assert_eq!(seen_values("changed double"), [1.0]);
        // Only the two rule breaks of create-instance were logged.
        assert!(
            s.log().violations().len() == 2,
            "{:?}",
            s.log().violations()
        );
    });
}

#[test]
fn keys_interpolate_and_can_be_queried_copied_and_deleted() {
    with_instance(|_, inst| {
        inst.set_param_at("double", Some(0.0), 0.0).unwrap();
        inst.set_param_at("double", Some(10.0), 5.0).unwrap();
        inst.set_param_at("int", Some(0.0), 1.0).unwrap();
        inst.set_param_at("int", Some(10.0), 3.0).unwrap();
        let d = instance_param(inst, "double");
        let i = instance_param(inst, "int");
        let (mut n, mut t, mut idx) = (0 as c_uint, 0.0f64, 0 as c_int);
        let (mut x, mut k) = (0.0f64, 0 as c_int);
        // SAFETY: live handles; out pointers to locals of the types each
        // parameter kind takes.
        unsafe {
            assert_eq!(P.paramGetNumKeys.unwrap()(d, &mut n), kOfxStatOK);
            assert_eq!(n, 2);
            assert_eq!(P.paramGetKeyTime.unwrap()(d, 1, &mut t), kOfxStatOK);
            assert_eq!(t, 10.0);
            assert_eq!(
                P.paramGetKeyTime.unwrap()(d, 2, &mut t),
                kOfxStatErrBadIndex
            );
            assert_eq!(
                P.paramGetKeyIndex.unwrap()(d, 10.0, 0, &mut idx),
                kOfxStatOK
            );
            assert_eq!(idx, 1);
            assert_eq!(
                P.paramGetKeyIndex.unwrap()(d, 5.0, -1, &mut idx),
                kOfxStatOK
            );
            assert_eq!(idx, 0);
            assert_eq!(P.paramGetKeyIndex.unwrap()(d, 5.0, 1, &mut idx), kOfxStatOK);
            assert_eq!(idx, 1);
            assert_eq!(
                P.paramGetKeyIndex.unwrap()(d, 5.0, 0, &mut idx),
                kOfxStatFailed
            );
            assert_eq!(
                P.paramGetKeyIndex.unwrap()(d, 10.0, 1, &mut idx),
                kOfxStatFailed
            );
            assert_eq!(
                P.paramGetValueAtTime.unwrap()(d, 4.0, &mut x as *mut f64),
                kOfxStatOK
            );
            assert_eq!(x, 2.0, "linear between keys");
            assert_eq!(
                P.paramGetValueAtTime.unwrap()(i, 9.0, &mut k as *mut c_int),
                kOfxStatOK
            );
            assert_eq!(k, 1, "ints hold until the next key");
            assert_eq!(
                P.paramGetDerivative.unwrap()(d, 4.0, &mut x as *mut f64),
                kOfxStatOK
            );
            assert_eq!(x, 0.5);
            assert_eq!(
                P.paramGetIntegral.unwrap()(d, 0.0, 10.0, &mut x as *mut f64),
                kOfxStatOK
            );
            assert_eq!(x, 25.0);
            // Copy the double's keys, shifted by 100, to its twin; the range
            // keeps only the key at 10.
            let twin = instance_param(inst, "double copy");
            let range = OfxRangeD {
                min: 5.0,
                max: 20.0,
            };
            assert_eq!(P.paramCopy.unwrap()(twin, d, 100.0, &range), kOfxStatOK);
            assert_eq!(P.paramGetNumKeys.unwrap()(twin, &mut n), kOfxStatOK);
            assert_eq!(n, 1);
            assert_eq!(P.paramGetKeyTime.unwrap()(twin, 0, &mut t), kOfxStatOK);
            assert_eq!(t, 110.0);
            assert_eq!(
                P.paramCopy.unwrap()(i, d, 0.0, std::ptr::null()),
                kOfxStatErrValue
            );
            // Deleting keys.
            assert_eq!(P.paramDeleteKey.unwrap()(d, 3.0), kOfxStatErrBadIndex);
            assert_eq!(P.paramDeleteKey.unwrap()(d, 0.0), kOfxStatOK);
            assert_eq!(P.paramGetNumKeys.unwrap()(d, &mut n), kOfxStatOK);
            assert_eq!(n, 1);
            assert_eq!(P.paramDeleteAllKeys.unwrap()(d), kOfxStatOK);
            assert_eq!(P.paramGetNumKeys.unwrap()(d, &mut n), kOfxStatOK);
            assert_eq!(n, 0);
        }
        assert_eq!(
            inst.param_value("double", 50.0).unwrap(),
            ParamValue::from(5.0)
        );
    });
}

#[test]
fn edit_blocks_balance_and_parametric_curves_keep_their_points() {
    with_instance(|_, inst| {
        let set = inst.param_set_handle().unwrap() as OfxParamSetHandle;
        let label = c("block");
        // SAFETY: the instance's live parameter set.
        unsafe {
            assert_eq!(P.paramEditBegin.unwrap()(set, label.as_ptr()), kOfxStatOK);
            assert_eq!(P.paramEditBegin.unwrap()(set, label.as_ptr()), kOfxStatOK);
            assert_eq!(inst.param_edit_depth(), 2);
            assert_eq!(P.paramEditEnd.unwrap()(set), kOfxStatOK);
            assert_eq!(P.paramEditEnd.unwrap()(set), kOfxStatOK);
            assert_eq!(P.paramEditEnd.unwrap()(set), kOfxStatFailed);
        }
        assert_eq!(inst.param_edit_depth(), 0);
        // Outside any action, the call is logged in the process-wide log.
        assert!(
            ofx_host::testing::log()
                .violations_of(ViolationKind::UnbalancedLock)
                .iter()
                .any(|v| v.detail.contains("paramEditEnd"))
        );
        // The descriptor's control points were copied to the instance.
        assert_eq!(seen_values("add point"), [0.0]);
        assert_eq!(
            seen_values("add point to curve 2"),
            [f64::from(kOfxStatErrBadIndex)]
        );
        let curve = instance_param(inst, "curve");
        let (mut n, mut v, mut key) = (0 as c_int, 0.0f64, 0.0f64);
        // SAFETY: a live parametric parameter; out pointers to locals.
        unsafe {
            assert_eq!(
                PP.parametricParamGetNControlPoints.unwrap()(curve, 0, 0.0, &mut n),
                kOfxStatOK
            );
            assert_eq!(n, 2);
            assert_eq!(
                PP.parametricParamGetValue.unwrap()(curve, 0, 0.0, 0.25, &mut v),
                kOfxStatOK
            );
            assert_eq!(v, 0.5);
            assert_eq!(
                PP.parametricParamGetValue.unwrap()(curve, 1, 0.0, 0.9, &mut v),
                kOfxStatOK
            );
            assert_eq!(v, 1.0, "constant beyond the last point");
            assert_eq!(
                PP.parametricParamGetNthControlPoint.unwrap()(curve, 0, 0.0, 1, &mut key, &mut v),
                kOfxStatOK
            );
            assert_eq!((key, v), (1.0, 2.0));
            assert_eq!(
                PP.parametricParamSetNthControlPoint.unwrap()(curve, 0, 0.0, 1, 0.5, 1.0, false),
                kOfxStatOK
            );
            assert_eq!(
                PP.parametricParamGetValue.unwrap()(curve, 0, 0.0, 0.25, &mut v),
                kOfxStatOK
            );
            assert_eq!(v, 0.5);
            assert_eq!(
                PP.parametricParamDeleteControlPoint.unwrap()(curve, 0, 5),
                kOfxStatErrBadIndex
            );
            assert_eq!(
                PP.parametricParamDeleteControlPoint.unwrap()(curve, 0, 0),
                kOfxStatOK
            );
            assert_eq!(
                PP.parametricParamDeleteAllControlPoints.unwrap()(curve, 1),
                kOfxStatOK
            );
            assert_eq!(
                PP.parametricParamGetNControlPoints.unwrap()(curve, 1, 0.0, &mut n),
                kOfxStatOK
            );
            assert_eq!(n, 0);
            assert_eq!(
                PP.parametricParamGetValue.unwrap()(curve, 2, 0.0, 0.5, &mut v),
                kOfxStatErrBadIndex
            );
            // A parametric function on a double parameter is refused.
            let d = instance_param(inst, "double");
            assert_eq!(
                PP.parametricParamGetNControlPoints.unwrap()(d, 0, 0.0, &mut n),
                kOfxStatErrBadHandle
            );
        }
    });
}

#[test]
fn bad_handles_and_values_set_while_rendering_are_refused() {
    let stale;
    {
        let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        SEEN.lock().unwrap().clear();
        let s = Session::in_process(get_plugin, Some(count), None, HostConfig::default()).unwrap();
        let p = s.plugin("org.test.params").unwrap();
        let mut inst = p.create_instance(Context::Filter).unwrap();
        let r = Rect::new(0, 0, 4, 4);
        inst.connect_image(
            "Source",
            ImageBuffer::new(Layout::packed(r, Depth::F32, Components::Rgba)),
        )
        .unwrap();
        inst.render(&RenderRequest::at(0.0)).unwrap();
        assert_eq!(seen_values("set in render"), [f64::from(kOfxStatFailed)]);
        assert!(
            s.log()
                .violations_of(ViolationKind::WrongAction)
                .iter()
                .any(|v| v.detail.contains("while rendering")),
            "{:?}",
            s.log().violations()
        );
        assert_eq!(
            inst.param_value("double", 0.0).unwrap(),
            ParamValue::from(0.5)
        );
        stale = instance_param(&inst, "double");
    }
    let mut x = 0.0f64;
    let mut n: c_uint = 0;
    let mut ps: OfxPropertySetHandle = std::ptr::null_mut();
    // SAFETY: stale and made-up handles are what is tested; out pointers to locals.
    unsafe {
        assert_eq!(
            P.paramGetValue.unwrap()(stale, &mut x as *mut f64),
            kOfxStatErrBadHandle
        );
        assert_eq!(
            P.paramGetNumKeys.unwrap()(stale, &mut n),
            kOfxStatErrBadHandle
        );
        assert_eq!(
            P.paramGetPropertySet.unwrap()(stale, &mut ps),
            kOfxStatErrBadHandle
        );
        assert!(ps.is_null());
        let junk = 0x5eed_0005usize as OfxParamSetHandle;
        assert_eq!(
            P.paramSetGetPropertySet.unwrap()(junk, &mut ps),
            kOfxStatErrBadHandle
        );
        assert_eq!(
            P.paramEditEnd.unwrap()(std::ptr::null_mut()),
            kOfxStatErrBadHandle
        );
        assert_eq!(
            P.paramDeleteAllKeys.unwrap()(std::ptr::null_mut()),
            kOfxStatErrBadHandle
        );
    }
}

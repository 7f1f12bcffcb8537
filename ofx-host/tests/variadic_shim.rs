//! The C shim for the variadic parameter and message functions, called
//! through function pointers of the `ofx_sys` suite types, for every
//! parameter type.

use std::ffi::{CStr, c_char, c_int};

use ofx_host::log::ViolationKind;
use ofx_host::param_values::ParamKind;
use ofx_host::testing::variadic_shim::*;
use ofx_host::testing::{self as state, ParamEntry};
use ofx_sys::*;

type GetFn = unsafe extern "C" fn(OfxParamHandle, ...) -> OfxStatus;
type GetAtFn = unsafe extern "C" fn(OfxParamHandle, f64, ...) -> OfxStatus;
type IntegralFn = unsafe extern "C" fn(OfxParamHandle, f64, f64, ...) -> OfxStatus;

// The pointer types the suite tables of ofx_sys hold.
const GET: GetFn = ofxhost_shim_paramGetValue;
const SET: GetFn = ofxhost_shim_paramSetValue;
const GET_AT: GetAtFn = ofxhost_shim_paramGetValueAtTime;
const SET_AT: GetAtFn = ofxhost_shim_paramSetValueAtTime;
const DERIV: GetAtFn = ofxhost_shim_paramGetDerivative;
const INTEGRAL: IntegralFn = ofxhost_shim_paramGetIntegral;

fn param(kind: ParamKind) -> OfxParamHandle {
    state::add_param(ParamEntry::new(&format!("{kind:?}"), kind)).raw() as OfxParamHandle
}

#[test]
fn suite_field_types_accept_the_shim() {
    let s = OfxParameterSuiteV1 {
        paramGetValue: Some(ofxhost_shim_paramGetValue),
        paramGetValueAtTime: Some(ofxhost_shim_paramGetValueAtTime),
        paramGetDerivative: Some(ofxhost_shim_paramGetDerivative),
        paramGetIntegral: Some(ofxhost_shim_paramGetIntegral),
        paramSetValue: Some(ofxhost_shim_paramSetValue),
        paramSetValueAtTime: Some(ofxhost_shim_paramSetValueAtTime),
        ..unsafe_zeroed_param_suite()
    };
    let p = param(ParamKind::Integer);
    let mut v: c_int = 0;
    // SAFETY: live param handle; an Integer param takes one int / one int*.
    unsafe {
        assert_eq!(s.paramSetValue.unwrap()(p, 42 as c_int), kOfxStatOK);
        assert_eq!(
            s.paramGetValue.unwrap()(p, &mut v as *mut c_int),
            kOfxStatOK
        );
    }
    assert_eq!(v, 42);
}

fn unsafe_zeroed_param_suite() -> OfxParameterSuiteV1 {
    // SAFETY: the suite struct holds only `Option<fn>` fields, for which all
    // zero bits are `None`.
    unsafe { std::mem::zeroed() }
}

#[test]
fn int_like_kinds() {
    for kind in [ParamKind::Integer, ParamKind::Boolean, ParamKind::Choice] {
        let p = param(kind);
        let mut v: c_int = -7;
        // SAFETY: one int in, one int* out.
        unsafe {
            assert_eq!(SET(p, 1 as c_int), kOfxStatOK);
            assert_eq!(GET(p, &mut v as *mut c_int), kOfxStatOK);
            assert_eq!(v, 1, "{kind:?}");
            assert_eq!(SET_AT(p, 0.0, 1 as c_int), kOfxStatOK);
            assert_eq!(SET_AT(p, 10.0, 5 as c_int), kOfxStatOK);
            assert_eq!(GET_AT(p, 9.5, &mut v as *mut c_int), kOfxStatOK);
            assert_eq!(v, 1, "{kind:?} is constant between keys");
            assert_eq!(GET_AT(p, 10.0, &mut v as *mut c_int), kOfxStatOK);
            assert_eq!(v, 5);
            assert_eq!(DERIV(p, 5.0, &mut v as *mut c_int), kOfxStatErrUnsupported);
        }
    }
    let p = param(ParamKind::Integer2D);
    let (mut a, mut b): (c_int, c_int) = (0, 0);
    // SAFETY: two ints in, two int* out.
    unsafe {
        assert_eq!(SET(p, 3 as c_int, -4 as c_int), kOfxStatOK);
        assert_eq!(
            GET(p, &mut a as *mut c_int, &mut b as *mut c_int),
            kOfxStatOK
        );
    }
    assert_eq!((a, b), (3, -4));
    let p = param(ParamKind::Integer3D);
    let mut c: c_int = 0;
    // SAFETY: three ints in, three int* out.
    unsafe {
        assert_eq!(SET(p, 3 as c_int, -4 as c_int, 9 as c_int), kOfxStatOK);
        let st = GET(
            p,
            &mut a as *mut c_int,
            &mut b as *mut c_int,
            &mut c as *mut c_int,
        );
        assert_eq!(st, kOfxStatOK);
    }
    assert_eq!((a, b, c), (3, -4, 9));
}

#[test]
fn double_kinds_interpolate_with_derivative_and_integral() {
    let p = param(ParamKind::Double);
    let mut v = 0.0f64;
    // SAFETY: doubles in, double* out.
    unsafe {
        assert_eq!(SET_AT(p, 0.0, 0.0f64), kOfxStatOK);
        assert_eq!(SET_AT(p, 10.0, 20.0f64), kOfxStatOK);
        assert_eq!(GET_AT(p, 2.5, &mut v as *mut f64), kOfxStatOK);
        assert_eq!(v, 5.0);
        assert_eq!(DERIV(p, 2.5, &mut v as *mut f64), kOfxStatOK);
        assert_eq!(v, 2.0);
        assert_eq!(INTEGRAL(p, 0.0, 10.0, &mut v as *mut f64), kOfxStatOK);
        assert_eq!(v, 100.0);
    }
    for (kind, n) in [
        (ParamKind::Double2D, 2),
        (ParamKind::Rgb, 3),
        (ParamKind::Double3D, 3),
        (ParamKind::Rgba, 4),
    ] {
        let p = param(kind);
        let mut o = [0.0f64; 4];
        let [o0, o1, o2, o3] = o.each_mut().map(|x| x as *mut f64);
        // SAFETY: `n` doubles in and `n` double* out, matching the kind; the
        // extra arguments of the smaller kinds are never read.
        unsafe {
            let st = match n {
                2 => SET_AT(p, 4.0, 1.5f64, 2.5f64),
                3 => SET_AT(p, 4.0, 1.5f64, 2.5f64, 3.5f64),
                _ => SET_AT(p, 4.0, 1.5f64, 2.5f64, 3.5f64, 4.5f64),
            };
            assert_eq!(st, kOfxStatOK);
            let st = match n {
                2 => GET_AT(p, 4.0, o0, o1),
                3 => GET_AT(p, 4.0, o0, o1, o2),
                _ => GET_AT(p, 4.0, o0, o1, o2, o3),
            };
            assert_eq!(st, kOfxStatOK);
        }
        let want = [1.5, 2.5, 3.5, 4.5];
        assert_eq!(o[..n], want[..n], "{kind:?}");
        assert!(
            o[n..].iter().all(|&x| x == 0.0),
            "{kind:?} wrote too many components"
        );
    }
}

#[test]
fn string_kinds_and_bytes() {
    for kind in [ParamKind::String, ParamKind::StrChoice, ParamKind::Custom] {
        let p = param(kind);
        let mut out: *const c_char = std::ptr::null();
        // SAFETY: a char* in, a char** out; the returned string lives in the host.
        unsafe {
            assert_eq!(SET(p, c"hello world".as_ptr()), kOfxStatOK);
            assert_eq!(GET(p, &mut out as *mut *const c_char), kOfxStatOK);
            assert_eq!(CStr::from_ptr(out), c"hello world", "{kind:?}");
        }
    }
    let p = param(ParamKind::Bytes);
    let data = [1u8, 2, 3, 250];
    let input = OfxBytes {
        data: data.as_ptr(),
        length: data.len(),
    };
    let mut out = OfxBytes {
        data: std::ptr::null(),
        length: 0,
    };
    // SAFETY: an OfxBytes* in and out; the returned bytes live in the host.
    unsafe {
        assert_eq!(SET(p, &input as *const OfxBytes), kOfxStatOK);
        assert_eq!(GET(p, &mut out as *mut OfxBytes), kOfxStatOK);
        assert_eq!(std::slice::from_raw_parts(out.data, out.length), data);
    }
}

#[test]
fn bad_handles_and_valueless_params() {
    let mut v: c_int = 0;
    let garbage = 0x5555_0000_0105usize as OfxParamHandle;
    // SAFETY: the shim checks handles before reading the va_list further.
    unsafe {
        assert_eq!(GET(garbage, &mut v as *mut c_int), kOfxStatErrBadHandle);
        assert_eq!(SET(std::ptr::null_mut(), 1 as c_int), kOfxStatErrBadHandle);
        let group = param(ParamKind::NoValue);
        assert_eq!(SET(group, 1 as c_int), kOfxStatErrValue);
    }
}

#[test]
fn messages_are_formatted_and_captured() {
    let handle = 0x77usize as *mut std::ffi::c_void;
    // SAFETY: printf-style format with matching arguments.
    unsafe {
        let st = ofxhost_shim_message(
            handle,
            c"OfxMessageError".as_ptr(),
            c"id1".as_ptr(),
            c"frame %d of %s: %.2f".as_ptr(),
            3 as c_int,
            c"clip".as_ptr(),
            0.5f64,
        );
        assert_eq!(st, kOfxStatOK);
        let st = ofxhost_shim_setPersistentMessage(
            handle,
            c"OfxMessageWarning".as_ptr(),
            c"".as_ptr(),
            c"%s".as_ptr(),
            c"sticky".as_ptr(),
        );
        assert_eq!(st, kOfxStatOK);
        let q = ofxhost_shim_message(
            handle,
            c"OfxMessageQuestion".as_ptr(),
            c"".as_ptr(),
            c"ok?".as_ptr(),
        );
        assert_eq!(q, kOfxStatReplyYes);
    }
    let msgs = state::log().messages();
    assert!(msgs.iter().any(|m| m.function == "message"
        && m.handle == 0x77
        && m.message_type == "OfxMessageError"
        && m.id == "id1"
        && m.text == "frame 3 of clip: 0.50"));
    assert!(
        msgs.iter()
            .any(|m| m.function == "setPersistentMessage" && m.text == "sticky")
    );
    assert!(
        !state::log()
            .violations()
            .iter()
            .any(|v| v.kind == ViolationKind::HostPanic)
    );
}

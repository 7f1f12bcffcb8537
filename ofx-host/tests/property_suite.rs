//! The property suite through its C function pointers, as a plugin sees it.

use std::ffi::{CStr, c_char, c_int, c_void};

use ofx_host::log::ViolationKind;
use ofx_host::props::PropertySet;
use ofx_host::testing as state;
use ofx_host::testing::Handle;
use ofx_host::testing::fetch_suite;
use ofx_sys::*;

fn suite() -> &'static OfxPropertySuiteV1 {
    // SAFETY: the name is a valid C string; a non-null result points to a
    // static suite table of that version.
    let p = unsafe { fetch_suite(std::ptr::null_mut(), c"OfxPropertySuite".as_ptr(), 1) };
    assert!(!p.is_null());
    // SAFETY: fetch_suite returned the static OfxPropertySuiteV1.
    unsafe { &*(p as *const OfxPropertySuiteV1) }
}

fn set(kind: &str) -> OfxPropertySetHandle {
    state::add_property_set(PropertySet::from_table(kind).unwrap()).raw() as OfxPropertySetHandle
}

#[test]
fn unknown_suite_or_version_is_null() {
    // SAFETY: valid C strings.
    unsafe {
        assert!(fetch_suite(std::ptr::null_mut(), c"OfxPropertySuite".as_ptr(), 2).is_null());
        assert!(fetch_suite(std::ptr::null_mut(), c"OfxNoSuchSuite".as_ptr(), 1).is_null());
    }
}

#[test]
fn typed_get_set_and_error_codes() {
    let s = suite();
    let h = set("EffectDescriptor");
    let tiles = c"OfxImageEffectPropSupportsTiles".as_ptr();
    let mut i: c_int = -1;
    let mut d: f64 = 0.0;
    // SAFETY: h is a live handle, names are C strings, out pointers are valid.
    unsafe {
        assert_eq!(s.propGetInt.unwrap()(h, tiles, 0, &mut i), kOfxStatOK);
        assert_eq!(i, 1, "spec default for SupportsTiles");
        assert_eq!(s.propSetInt.unwrap()(h, tiles, 0, 0), kOfxStatOK);
        assert_eq!(s.propGetInt.unwrap()(h, tiles, 0, &mut i), kOfxStatOK);
        assert_eq!(i, 0);
        assert_eq!(
            s.propGetDouble.unwrap()(h, tiles, 0, &mut d),
            kOfxStatErrUnknown
        );
        assert_eq!(
            s.propGetInt.unwrap()(h, tiles, 1, &mut i),
            kOfxStatErrBadIndex
        );
        assert_eq!(
            s.propGetInt.unwrap()(h, tiles, -1, &mut i),
            kOfxStatErrBadIndex
        );
        assert_eq!(
            s.propGetInt.unwrap()(h, c"NoSuchProperty".as_ptr(), 0, &mut i),
            kOfxStatErrUnknown
        );
        assert_eq!(s.propReset.unwrap()(h, tiles), kOfxStatOK);
        assert_eq!(s.propGetInt.unwrap()(h, tiles, 0, &mut i), kOfxStatOK);
        assert_eq!(i, 1);
    }
}

#[test]
fn variable_dimension_and_string_lifetime() {
    let s = suite();
    let h = set("EffectDescriptor");
    let ctx = c"OfxImageEffectPropSupportedContexts".as_ptr();
    let vals = [
        c"OfxImageEffectContextFilter".as_ptr(),
        c"OfxImageEffectContextGeneral".as_ptr(),
    ];
    let mut dim: c_int = -1;
    let mut out: [*mut c_char; 2] = [std::ptr::null_mut(); 2];
    // SAFETY: live handle, valid arrays of the stated lengths.
    unsafe {
        assert_eq!(
            s.propSetStringN.unwrap()(h, ctx, 2, vals.as_ptr()),
            kOfxStatOK
        );
        assert_eq!(s.propGetDimension.unwrap()(h, ctx, &mut dim), kOfxStatOK);
        assert_eq!(dim, 2);
        assert_eq!(
            s.propGetStringN.unwrap()(h, ctx, 2, out.as_mut_ptr()),
            kOfxStatOK
        );
        assert_eq!(
            s.propGetStringN.unwrap()(h, ctx, 3, out.as_mut_ptr()),
            kOfxStatErrBadIndex
        );
        // Setting an unrelated property must not move the returned strings.
        assert_eq!(
            s.propSetString.unwrap()(h, c"OfxPropLabel".as_ptr(), 0, c"Invert".as_ptr()),
            kOfxStatOK
        );
        assert_eq!(CStr::from_ptr(out[0]), c"OfxImageEffectContextFilter");
        assert_eq!(CStr::from_ptr(out[1]), c"OfxImageEffectContextGeneral");
        // Shrink by setting index 0 only via SetN of one.
        assert_eq!(
            s.propSetStringN.unwrap()(h, ctx, 1, vals.as_ptr()),
            kOfxStatOK
        );
        assert_eq!(s.propGetDimension.unwrap()(h, ctx, &mut dim), kOfxStatOK);
        assert_eq!(dim, 1);
        let mut ptr: *mut c_void = std::ptr::null_mut();
        let marker = 0x1234usize as *mut c_void;
        let idata = c"OfxPropInstanceData".as_ptr();
        let inst = set("EffectInstance");
        assert_eq!(
            s.propSetPointer.unwrap()(inst, idata, 0, marker),
            kOfxStatOK
        );
        assert_eq!(
            s.propGetPointer.unwrap()(inst, idata, 0, &mut ptr),
            kOfxStatOK
        );
        assert_eq!(ptr, marker);
    }
}

#[test]
fn host_only_write_is_err_value_and_a_violation() {
    let s = suite();
    let h = set("EffectInstance");
    // SAFETY: live handle and C strings.
    let st = unsafe {
        s.propSetString.unwrap()(h, c"OfxImageEffectPropContext".as_ptr(), 0, c"x".as_ptr())
    };
    assert_eq!(st, kOfxStatErrValue);
    assert!(
        state::log()
            .violations()
            .iter()
            .any(|v| v.kind == ViolationKind::HostOnlyPropertyWrite
                && v.detail.contains("OfxImageEffectPropContext"))
    );
    let calls = state::log().suite_calls();
    assert!(calls.iter().any(|c| c.function == "propSetString"
        && c.handle == h as usize
        && c.status == kOfxStatErrValue
        && c.name.as_deref() == Some("OfxImageEffectPropContext")));
}

#[test]
fn bad_and_stale_handles() {
    let s = suite();
    let h = set("ClipInstance");
    let name = c"OfxPropLabel".as_ptr();
    let mut dim: c_int = 0;
    // SAFETY: the host never dereferences handles, so garbage values are safe to pass.
    unsafe {
        assert_eq!(s.propGetDimension.unwrap()(h, name, &mut dim), kOfxStatOK);
        state::remove_property_set(Handle::from_raw(h as usize)).unwrap();
        assert_eq!(
            s.propGetDimension.unwrap()(h, name, &mut dim),
            kOfxStatErrBadHandle
        );
        assert_eq!(
            s.propGetDimension.unwrap()(std::ptr::null_mut(), name, &mut dim),
            kOfxStatErrBadHandle
        );
        let garbage = 0xdead_beef_usize as OfxPropertySetHandle;
        assert_eq!(
            s.propSetInt.unwrap()(garbage, name, 0, 1),
            kOfxStatErrBadHandle
        );
    }
    assert!(
        state::log()
            .violations()
            .iter()
            .any(|v| v.kind == ViolationKind::BadHandle)
    );
}

#[test]
fn guard_catches_panics() {
    let st = ofx_host::testing::guard("Test", "boom", 0, None, || panic!("deliberate"));
    assert_eq!(st, kOfxStatFailed);
    assert!(
        state::log()
            .violations()
            .iter()
            .any(|v| v.kind == ViolationKind::HostPanic && v.detail.contains("boom"))
    );
}

//! Calls across the C boundary in both directions, through the types ofx-sys
//! declares, and checks every value that comes back.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::mem::{MaybeUninit, offset_of, size_of};
use std::ptr;

use ofx_abi_tests::*;
use ofx_sys::*;

#[test]
fn c_and_rust_agree_on_host_and_plugin_layouts() {
    // SAFETY: abi_layout only computes sizeof/offsetof.
    let c = |what| unsafe { abi_layout(what) };
    assert_eq!(c(0), size_of::<OfxHost>());
    assert_eq!(c(1), offset_of!(OfxHost, fetchSuite));
    assert_eq!(c(2), size_of::<OfxPlugin>());
    assert_eq!(c(3), offset_of!(OfxPlugin, pluginVersionMinor));
    assert_eq!(c(4), offset_of!(OfxPlugin, setHost));
    assert_eq!(c(5), offset_of!(OfxPlugin, mainEntry));
    assert_eq!(c(6), size_of::<OfxRectD>());
}

#[test]
fn a_plugin_record_filled_in_c_reads_back_in_rust() {
    let mut plugin = MaybeUninit::<OfxPlugin>::zeroed();
    // SAFETY: the C function writes every field of the record it is given.
    let plugin = unsafe {
        abi_fill_plugin(plugin.as_mut_ptr());
        plugin.assume_init()
    };
    // SAFETY: the C side stored pointers to string literals.
    let (api, id) = unsafe {
        (
            CStr::from_ptr(plugin.pluginApi),
            CStr::from_ptr(plugin.pluginIdentifier),
        )
    };
    assert_eq!(api, kOfxImageEffectPluginApi);
    assert_eq!(plugin.apiVersion, kOfxImageEffectPluginApiVersion);
    assert_eq!(id, c"org.openfx.abi.Check");
    assert_eq!(plugin.pluginVersionMajor, 3);
    assert_eq!(plugin.pluginVersionMinor, 4_000_000_000);

    // Call the C entry point through the ofx-sys function pointer type.
    let main_entry = plugin.mainEntry.expect("mainEntry set");
    // SAFETY: the C entry point accepts null handles and argument sets.
    let load = unsafe {
        main_entry(
            kOfxActionLoad.as_ptr(),
            ptr::null(),
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    assert_eq!(load, kOfxStatOK);
    // SAFETY: as above.
    let other = unsafe {
        main_entry(
            kOfxActionUnload.as_ptr(),
            ptr::null(),
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    assert_eq!(other, kOfxStatReplyDefault);

    // And setHost receives exactly the pointer we pass.
    let mut host = OfxHost {
        host: ptr::null_mut(),
        fetchSuite: None,
    };
    // SAFETY: the C setHost only stores the pointer.
    unsafe { (plugin.setHost.unwrap())(&mut host) };
    // SAFETY: reads the stored pointer back.
    assert_eq!(unsafe { abi_host_seen() }, &raw mut host);
}

static SUITE_MARKER: u64 = 0x5eed;

unsafe extern "C" fn rust_fetch_suite(
    host: OfxPropertySetHandle,
    name: *const c_char,
    version: c_int,
) -> *const c_void {
    // SAFETY: the C caller passes a NUL-terminated suite name.
    let name = unsafe { CStr::from_ptr(name) };
    if host.is_null() || name != kOfxPropertySuite || version != 1 {
        return ptr::null();
    }
    (&raw const SUITE_MARKER).cast()
}

unsafe extern "C" fn rust_main_entry(
    action: *const c_char,
    handle: *const c_void,
    _in_args: OfxPropertySetHandle,
    _out_args: OfxPropertySetHandle,
) -> OfxStatus {
    // SAFETY: the C caller passes a NUL-terminated action name.
    let action = unsafe { CStr::from_ptr(action) };
    match (action == kOfxActionDescribe, handle.is_null()) {
        (true, true) => kOfxStatOK,
        (false, _) => kOfxStatReplyDefault,
        (true, false) => kOfxStatErrBadHandle,
    }
}

#[test]
fn c_calls_rust_through_host_and_plugin_records() {
    let mut props = 0u8;
    let host = OfxHost {
        host: (&raw mut props).cast(),
        fetchSuite: Some(rust_fetch_suite),
    };
    // SAFETY: the host record and the name outlive the calls.
    let (found, wrong_version) = unsafe {
        (
            abi_call_fetch_suite(&host, kOfxPropertySuite.as_ptr(), 1),
            abi_call_fetch_suite(&host, kOfxPropertySuite.as_ptr(), 2),
        )
    };
    assert_eq!(found, (&raw const SUITE_MARKER).cast());
    assert!(wrong_version.is_null());

    let plugin = OfxPlugin {
        pluginApi: kOfxImageEffectPluginApi.as_ptr(),
        apiVersion: 1,
        pluginIdentifier: c"org.example.Rust".as_ptr(),
        pluginVersionMajor: 1,
        pluginVersionMinor: 0,
        setHost: None,
        mainEntry: Some(rust_main_entry),
    };
    // SAFETY: the record and action names outlive the calls.
    unsafe {
        assert_eq!(
            abi_call_main_entry(&plugin, kOfxActionDescribe.as_ptr()),
            kOfxStatOK
        );
        assert_eq!(
            abi_call_main_entry(&plugin, kOfxActionLoad.as_ptr()),
            kOfxStatReplyDefault
        );
    }
}

#[test]
fn rust_calls_c_variadic_functions_through_suite_pointers() {
    let mut param_storage = 0u8;
    let param: OfxParamHandle = (&raw mut param_storage).cast();
    let suite = OfxParameterSuiteV1 {
        paramDefine: None,
        paramGetHandle: None,
        paramSetGetPropertySet: None,
        paramGetPropertySet: None,
        paramGetValue: Some(abi_param_get_value_3d),
        paramGetValueAtTime: None,
        paramGetDerivative: None,
        paramGetIntegral: Some(abi_param_get_integral_1d),
        paramSetValue: None,
        paramSetValueAtTime: Some(abi_param_set_value_at_time_2i),
        paramGetNumKeys: None,
        paramGetKeyTime: None,
        paramGetKeyIndex: None,
        paramDeleteKey: None,
        paramDeleteAllKeys: None,
        paramCopy: None,
        paramEditBegin: None,
        paramEditEnd: None,
    };
    let (mut a, mut b, mut c) = (0.0f64, 0.0f64, 0.0f64);
    // SAFETY: the C function writes one double through each of three pointers.
    let status =
        unsafe { (suite.paramGetValue.unwrap())(param, &raw mut a, &raw mut b, &raw mut c) };
    assert_eq!(status, kOfxStatOK);
    assert_eq!((a, b, c), (1.5, -2.25, 1e300));
    // SAFETY: a null param is rejected before the variadic arguments are read.
    let status = unsafe { (suite.paramGetValue.unwrap())(ptr::null_mut()) };
    assert_eq!(status, kOfxStatErrBadHandle);

    // SAFETY: the C function reads a double and two ints.
    let status =
        unsafe { (suite.paramSetValueAtTime.unwrap())(param, 12.5, -7 as c_int, 1 << 30 as c_int) };
    assert_eq!(status, kOfxStatOK);
    // SAFETY: plain reads of what the C side recorded.
    unsafe {
        assert_eq!(abi_last_time(), 12.5);
        assert_eq!((abi_last_int(0), abi_last_int(1)), (-7, 1 << 30));
    }

    let mut integral = 0.0f64;
    // SAFETY: the C function writes one double.
    let status = unsafe { (suite.paramGetIntegral.unwrap())(param, 2.0, 10.5, &raw mut integral) };
    assert_eq!(status, kOfxStatOK);
    assert_eq!(integral, 8.5);
}

#[test]
fn the_message_suite_pointer_passes_printf_arguments() {
    let suite = OfxMessageSuiteV2 {
        message: Some(abi_message),
        setPersistentMessage: Some(abi_message),
        clearPersistentMessage: None,
    };
    // SAFETY: the format string matches the arguments.
    unsafe {
        (suite.message.unwrap())(
            ptr::null_mut(),
            kOfxMessageError.as_ptr(),
            c"id.1".as_ptr(),
            c"%s at %d: %.2f".as_ptr(),
            c"frame".as_ptr(),
            42 as c_int,
            0.5f64,
        );
    }
    // SAFETY: the C side returns a NUL-terminated static buffer.
    let text = unsafe { CStr::from_ptr(abi_last_message()) };
    assert_eq!(text, c"OfxMessageError|id.1|frame at 42: 0.50");
}

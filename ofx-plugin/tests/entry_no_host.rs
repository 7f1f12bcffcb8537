//! Entry-point behaviour that needs no host: the plugin record, the bundle
//! exports, and the statuses the trampolines give before a host is set.

use std::ffi::CStr;
use std::ptr;

use ofx_plugin::{
    Context, ContextDescriptor, EffectDescriptor, ImageEffect, InstanceContext, Render, Result,
};
use ofx_sys as sys;

struct Nothing;

impl ImageEffect for Nothing {
    fn describe(_d: &mut EffectDescriptor) -> Result<()> {
        Ok(())
    }
    fn describe_in_context(_d: &mut ContextDescriptor, _c: Context) -> Result<()> {
        Ok(())
    }
    fn create_instance(_i: &InstanceContext) -> Result<Self> {
        Ok(Nothing)
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
}

struct Other;
impl ImageEffect for Other {
    fn describe(_d: &mut EffectDescriptor) -> Result<()> {
        panic!("describe exploded")
    }
    fn describe_in_context(_d: &mut ContextDescriptor, _c: Context) -> Result<()> {
        Ok(())
    }
    fn create_instance(_i: &InstanceContext) -> Result<Self> {
        Ok(Other)
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
}

ofx_plugin::plugin!(
    Nothing,
    id = "org.test.Nothing",
    version = "2.7",
    label = "Nothing"
);
ofx_plugin::plugin!(Other, id = "org.test.Other", version = "1.0");

ofx_plugin::bundle!(Nothing, Other);

fn record(n: i32) -> &'static sys::OfxPlugin {
    let p = OfxGetPlugin(n);
    assert!(!p.is_null(), "plugin {n} missing");
    // SAFETY: non-null records point to statics.
    unsafe { &*p }
}

#[test]
fn bundle_exports_records_in_order_and_null_out_of_range() {
    assert_eq!(OfxGetNumberOfPlugins(), 2);
    let a = record(0);
    // SAFETY: the record's strings are static C strings.
    let id = unsafe { CStr::from_ptr(a.pluginIdentifier) };
    assert_eq!(id, c"org.test.Nothing");
    assert_eq!((a.pluginVersionMajor, a.pluginVersionMinor), (2, 7));
    // SAFETY: as above.
    let api = unsafe { CStr::from_ptr(a.pluginApi) };
    assert_eq!(api, sys::kOfxImageEffectPluginApi);
    assert_eq!(a.apiVersion, 1);
    // SAFETY: as above.
    let id = unsafe { CStr::from_ptr(record(1).pluginIdentifier) };
    assert_eq!(id, c"org.test.Other");
    assert!(OfxGetPlugin(2).is_null());
    assert!(OfxGetPlugin(-1).is_null());
}

#[test]
fn each_plugin_has_its_own_trampolines() {
    let (a, b) = (record(0), record(1));
    assert_ne!(
        a.mainEntry.map(|f| f as usize),
        b.mainEntry.map(|f| f as usize)
    );
    assert!(a.setHost.is_some() && b.setHost.is_some());
}

#[test]
fn null_host_is_rejected() {
    assert_eq!(OfxSetHost(ptr::null()), sys::kOfxStatErrBadHandle);
}

#[test]
fn unknown_action_replies_default_and_null_action_is_bad_handle() {
    let entry = record(0).mainEntry.unwrap();
    // SAFETY: arguments as the API allows for an unknown action.
    let st = unsafe {
        entry(
            c"org.test.NoSuchAction".as_ptr(),
            ptr::null(),
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    assert_eq!(st, sys::kOfxStatReplyDefault);
    // SAFETY: a null action is handled before any dereference.
    let st = unsafe { entry(ptr::null(), ptr::null(), ptr::null_mut(), ptr::null_mut()) };
    assert_eq!(st, sys::kOfxStatErrBadHandle);
}

#[test]
fn plugin_macro_sets_identity() {
    use ofx_plugin::Plugin;
    assert_eq!(Nothing::ID, c"org.test.Nothing");
    assert_eq!(Nothing::LABEL, Some("Nothing"));
    assert_eq!(Other::LABEL, None);
    assert_eq!(Other::GROUP, None);
}

/// An overlay of `Nothing`, to call its generated entry point bare.
struct Bare;

impl ofx_plugin::interact::Interact for Bare {
    type Effect = Nothing;
    fn create(_: &ofx_plugin::interact::InteractContext<'_, Nothing>) -> Result<Self> {
        Ok(Bare)
    }
    fn draw(
        &mut self,
        _: &ofx_plugin::interact::InteractContext<'_, Nothing>,
        _: &ofx_plugin::interact::DrawArgs,
        _: &mut ofx_plugin::interact::DrawContext<'_>,
    ) -> Result<()> {
        Ok(())
    }
}

#[test]
fn an_interact_entry_rejects_null_calls_cleanly() {
    let entry = ofx_plugin::interact::InteractEntry::of::<Bare, Nothing>().entry_point();
    let call = |action: *const std::ffi::c_char, handle: *const std::ffi::c_void| {
        // SAFETY: the entry point checks every argument before using it;
        // null property sets are allowed for these calls.
        unsafe { entry(action, handle, ptr::null_mut(), ptr::null_mut()) }
    };
    assert_eq!(call(ptr::null(), ptr::null()), sys::kOfxStatErrBadHandle);
    assert_eq!(
        call(sys::kOfxInteractActionDraw.as_ptr(), ptr::null()),
        sys::kOfxStatFailed,
        "a null interact handle: a failure, the one error status interacts answer"
    );
}

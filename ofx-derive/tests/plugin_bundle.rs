//! Two plugins registered with `#[derive(Plugin)]` and exported with
//! `bundle!`, read back through the C ABI: the records the host sees, and the
//! label and grouping written at describe.
//!
//! Until ofx-host's driver lands this uses ofx-plugin's in-process mock host
//! (its tests/support module), which records what the plugin writes.

#[path = "../../ofx-plugin/tests/support/mod.rs"]
mod support;

use std::ffi::CStr;
use std::ptr;

use ofx_plugin::{
    Context, ContextDescriptor, EffectDescriptor, ImageEffect, InstanceContext, Plugin, RenderArgs,
    Result,
};
use ofx_sys as sys;
use support::{Effect, Offer};

/// A do-nothing effect body shared by both plugins.
macro_rules! effect {
    ($ty:ident) => {
        impl ImageEffect for $ty {
            fn describe(_d: &mut EffectDescriptor) -> Result<()> {
                Ok(())
            }
            fn describe_in_context(_d: &mut ContextDescriptor, _c: Context) -> Result<()> {
                Ok(())
            }
            fn create_instance(_i: &InstanceContext) -> Result<Self> {
                Ok($ty)
            }
            fn render(&self, _i: &InstanceContext, _a: &RenderArgs) -> Result<()> {
                Ok(())
            }
        }
    };
}

#[derive(Plugin)]
#[ofx(
    id = "org.example.Gain",
    version = "1.2",
    label = "Gain",
    group = "Color"
)]
struct Gain;
effect!(Gain);

#[derive(Plugin)]
#[ofx(id = "org.example.Blur", version = "3", label = "Soft Blur")]
struct Blur;
effect!(Blur);

ofx_plugin::bundle!(Gain, Blur);

fn record(n: i32) -> &'static sys::OfxPlugin {
    let p = OfxGetPlugin(n);
    assert!(!p.is_null(), "plugin {n} missing");
    // SAFETY: non-null records returned by OfxGetPlugin are statics.
    unsafe { &*p }
}

fn cstr(p: *const std::ffi::c_char) -> &'static str {
    // SAFETY: record strings are static NUL-terminated C strings.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap()
}

#[test]
fn derived_constants() {
    assert_eq!(Gain::ID, c"org.example.Gain");
    assert_eq!((Gain::VERSION_MAJOR, Gain::VERSION_MINOR), (1, 2));
    assert_eq!((Gain::LABEL, Gain::GROUP), (Some("Gain"), Some("Color")));
    assert_eq!((Blur::VERSION_MAJOR, Blur::VERSION_MINOR), (3, 0));
    assert_eq!((Blur::LABEL, Blur::GROUP), (Some("Soft Blur"), None));
}

#[test]
fn records_through_the_c_abi() {
    assert_eq!(OfxGetNumberOfPlugins(), 2);
    let expect = [("org.example.Gain", 1, 2), ("org.example.Blur", 3, 0)];
    for (n, (id, major, minor)) in expect.into_iter().enumerate() {
        let r = record(n as i32);
        assert_eq!(cstr(r.pluginApi), "OfxImageEffectPluginAPI");
        assert_eq!(r.apiVersion, 1);
        assert_eq!(cstr(r.pluginIdentifier), id);
        assert_eq!((r.pluginVersionMajor, r.pluginVersionMinor), (major, minor));
        assert!(r.setHost.is_some() && r.mainEntry.is_some());
    }
    assert!(OfxGetPlugin(2).is_null());
    assert!(OfxGetPlugin(-1).is_null());
}

#[test]
fn label_and_grouping_at_describe() {
    let host = support::host(Offer {
        parameter: true,
        message: true,
    });
    assert_eq!(OfxSetHost(host), sys::kOfxStatOK);
    let expect = [(0, "Gain", Some("Color")), (1, "Soft Blur", None)];
    for (n, label, group) in expect {
        let p = record(n);
        // SAFETY: setHost takes the host record built above, which lives forever.
        unsafe { (p.setHost.unwrap())(host) };
        let load = support::call(
            p,
            sys::kOfxActionLoad,
            ptr::null(),
            ptr::null_mut(),
            ptr::null_mut(),
        );
        assert_eq!(load, sys::kOfxStatOK);
        let desc = Effect::new(c"");
        let status = support::call(
            p,
            sys::kOfxActionDescribe,
            desc.cast(),
            ptr::null_mut(),
            ptr::null_mut(),
        );
        assert_eq!(status, sys::kOfxStatOK);
        let props = Effect::props(desc);
        assert_eq!(props.string(sys::kOfxPropLabel).as_deref(), Some(label));
        assert_eq!(
            props
                .string(sys::kOfxImageEffectPluginPropGrouping)
                .as_deref(),
            group
        );
    }
}

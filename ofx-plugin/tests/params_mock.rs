//! Parameters against the mock host, whose parameter suite has no
//! functions: every parameter call must fail with a clear error, never
//! crash. (Full parameter tests run through ofx-host.)

mod support;

use std::ptr;
use std::sync::Mutex;

use ofx_plugin::param::{DoubleParam, ParamValue};
use ofx_plugin::{
    Context, ContextDescriptor, EffectDescriptor, ErrorKind, ImageEffect, InstanceChangedArgs,
    InstanceContext, RenderArgs, Result, Trapped,
};
use ofx_sys as sys;
use support::{Effect, Offer, Props, V};

static LOG: Mutex<Vec<(ErrorKind, String)>> = Mutex::new(Vec::new());

struct P;

impl ImageEffect for P {
    fn describe(_d: &mut EffectDescriptor) -> Result<()> {
        Ok(())
    }
    fn describe_in_context(_d: &mut ContextDescriptor, _c: Context) -> Result<()> {
        Ok(())
    }
    fn create_instance(_i: &InstanceContext) -> Result<Self> {
        Ok(P)
    }
    fn render(&self, _i: &InstanceContext, _a: &RenderArgs) -> Result<()> {
        Ok(())
    }
    fn instance_changed(&self, i: &InstanceContext, _a: &InstanceChangedArgs) -> Result<Trapped> {
        let r = i.param::<DoubleParam>("gain").and_then(|p| p.value());
        let e = r.expect_err("the mock has no parameter functions");
        LOG.lock().unwrap().push((e.kind(), e.to_string()));
        Ok(Trapped::Yes)
    }
}

ofx_plugin::plugin!(P, id = "org.test.ParamsMock", version = (1, 0));
ofx_plugin::bundle!(P);

#[test]
fn missing_parameter_functions_give_clear_errors() {
    let host = support::host(Offer {
        parameter: true,
        message: true,
    });
    assert_eq!(OfxSetHost(host), sys::kOfxStatOK);
    // SAFETY: record 0 exists.
    let p = unsafe { &*OfxGetPlugin(0) };
    let null = ptr::null_mut();
    assert_eq!(
        support::call(p, sys::kOfxActionLoad, ptr::null(), null, null),
        sys::kOfxStatOK
    );
    let inst = Effect::new(sys::kOfxImageEffectContextFilter);
    assert_eq!(
        support::call(p, sys::kOfxActionCreateInstance, inst.cast(), null, null),
        sys::kOfxStatOK
    );
    let a = Props::boxed();
    // SAFETY: just allocated.
    let r = unsafe { &*a };
    r.set(
        sys::kOfxPropType,
        vec![V::S(sys::kOfxTypeParameter.to_owned())],
    );
    r.set(sys::kOfxPropName, vec![V::S(c"gain".to_owned())]);
    r.set(
        sys::kOfxPropChangeReason,
        vec![V::S(sys::kOfxChangeUserEdited.to_owned())],
    );
    r.set(sys::kOfxPropTime, vec![V::D(0.0)]);
    assert_eq!(
        support::call(p, sys::kOfxActionInstanceChanged, inst.cast(), a, null),
        sys::kOfxStatOK
    );
    let log = LOG.lock().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].0, ErrorKind::MissingHostFeature, "{:?}", log[0]);
    assert!(log[0].1.contains("paramSetGetPropertySet"), "{:?}", log[0]);
}

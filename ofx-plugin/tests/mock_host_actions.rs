//! The out-arguments of trapped actions, and the instance-data type check,
//! driven through the C ABI with the mock host.

mod support;

use std::ffi::CStr;
use std::ptr;

use ofx_plugin::geometry::RectD;
use ofx_plugin::{
    ClipPreferencesSetter, Context, ContextDescriptor, EffectDescriptor, FramesNeededArgs,
    FramesNeededSetter, Identity, ImageEffect, InstanceContext, IsIdentityArgs, Premultiplication,
    RegionOfDefinitionArgs, RegionsOfInterestArgs, RenderArgs, Result, RoiSetter, Trapped,
};
use ofx_sys as sys;
use support::{Effect, Offer, Props, V};

struct Shift;

static EVENTS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

impl ImageEffect for Shift {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Filter, Context::General])?
            .no_spatial_awareness(false)?
            .obsolete(true)?;
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, c: Context) -> Result<()> {
        assert_eq!(c, d.context());
        d.source_clip()?;
        d.output_clip()?;
        Ok(())
    }
    fn create_instance(_i: &InstanceContext) -> Result<Self> {
        Ok(Shift)
    }
    fn render(&self, _i: &InstanceContext, _a: &RenderArgs) -> Result<()> {
        Ok(())
    }
    fn region_of_definition(
        &self,
        _i: &InstanceContext,
        a: &RegionOfDefinitionArgs,
    ) -> Result<Option<RectD>> {
        Ok(Some(RectD::new(a.time, -a.render_scale.x, 100.0, 50.0)))
    }
    fn regions_of_interest(
        &self,
        i: &InstanceContext,
        a: &RegionsOfInterestArgs,
        rois: &mut RoiSetter<'_>,
    ) -> Result<Trapped> {
        rois.set_grown(&i.source_clip()?, a, 10.0)?;
        Ok(Trapped::Yes)
    }
    fn frames_needed(
        &self,
        i: &InstanceContext,
        a: &FramesNeededArgs,
        f: &mut FramesNeededSetter<'_>,
    ) -> Result<Trapped> {
        f.set(&i.source_clip()?, &[[a.time - 1.0, a.time + 1.0]])?;
        Ok(Trapped::Yes)
    }
    fn time_domain(&self, _i: &InstanceContext) -> Result<Option<[f64; 2]>> {
        Ok(Some([3.0, 9.0]))
    }
    fn clip_preferences(
        &self,
        i: &InstanceContext,
        p: &mut ClipPreferencesSetter<'_>,
    ) -> Result<Trapped> {
        p.set_depth(&i.output_clip()?, ofx_plugin::pixel::BitDepth::F32)?;
        p.set_premultiplication(Premultiplication::UnPreMultiplied)?;
        p.set_frame_varying(true)?;
        p.set_preferred_colourspaces(&i.source_clip()?, &["ACEScg", "srgb"])?;
        Ok(Trapped::Yes)
    }
    fn is_identity(&self, _i: &InstanceContext, a: &IsIdentityArgs) -> Result<Identity> {
        if a.time > 5.0 {
            Ok(Identity::Clip {
                name: "Source".into(),
                time: a.time - 5.0,
            })
        } else {
            Ok(Identity::No)
        }
    }
    fn begin_sequence_render(
        &self,
        _i: &InstanceContext,
        a: &ofx_plugin::SequenceRenderArgs,
    ) -> Result<Trapped> {
        EVENTS.lock().unwrap().push(format!(
            "begin {:?} {} {} {:?}",
            a.frame_range,
            a.frame_step,
            a.interactive,
            [a.render_scale.x, a.render_scale.y]
        ));
        Ok(Trapped::Yes)
    }
    fn begin_instance_changed(
        &self,
        _i: &InstanceContext,
        r: ofx_plugin::ChangeReason,
    ) -> Result<Trapped> {
        EVENTS.lock().unwrap().push(format!("changes {r:?}"));
        Ok(Trapped::Yes)
    }
    fn output_colourspace(
        &self,
        _i: &InstanceContext,
        preferred: &[String],
    ) -> Result<Option<String>> {
        Ok(preferred.last().cloned())
    }
}

struct Other;
impl ImageEffect for Other {
    fn describe(_d: &mut EffectDescriptor) -> Result<()> {
        Ok(())
    }
    fn describe_in_context(_d: &mut ContextDescriptor, _c: Context) -> Result<()> {
        Ok(())
    }
    fn create_instance(_i: &InstanceContext) -> Result<Self> {
        Ok(Other)
    }
    fn render(&self, _i: &InstanceContext, _a: &RenderArgs) -> Result<()> {
        Ok(())
    }
}

ofx_plugin::plugin!(Shift, id = "org.test.Shift", version = (1, 0));
ofx_plugin::plugin!(Other, id = "org.test.Shift", version = (2, 0));
ofx_plugin::bundle!(Shift, Other);

fn plugin(n: i32) -> &'static sys::OfxPlugin {
    // SAFETY: records are statics.
    unsafe { &*OfxGetPlugin(n) }
}

fn props(entries: &[(&CStr, Vec<V>)]) -> *mut Props {
    let p = Props::boxed();
    for (k, v) in entries {
        // SAFETY: just allocated.
        unsafe { &*p }.set(k, v.clone());
    }
    p
}

fn get(p: *mut Props, name: &CStr) -> Option<Vec<V>> {
    // SAFETY: live box.
    unsafe { &*p }.get(name)
}

#[test]
fn trapped_actions_write_their_out_args() {
    let host = support::host(Offer {
        parameter: true,
        message: true,
    });
    assert_eq!(OfxSetHost(host), sys::kOfxStatOK);
    let p = plugin(0);
    let call = |a: &CStr, h: *mut Effect, i: *mut Props, o: *mut Props| {
        support::call(p, a, h.cast(), i, o)
    };
    let none = ptr::null_mut();
    assert_eq!(
        call(sys::kOfxActionLoad, none, ptr::null_mut(), ptr::null_mut()),
        sys::kOfxStatOK
    );
    let desc = Effect::new(c"");
    assert_eq!(
        call(
            sys::kOfxActionDescribe,
            desc,
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    assert_eq!(
        Effect::props(desc).int(sys::kOfxImageEffectPluginPropObsolete),
        Some(1)
    );
    assert_eq!(
        Effect::props(desc)
            .string(sys::kOfxImageEffectPropNoSpatialAwareness)
            .as_deref(),
        Some("false")
    );
    let inst = Effect::new(sys::kOfxImageEffectContextGeneral);
    let ctx = props(&[(
        sys::kOfxImageEffectPropContext,
        vec![V::S(sys::kOfxImageEffectContextGeneral.to_owned())],
    )]);
    assert_eq!(
        call(
            sys::kOfxImageEffectActionDescribeInContext,
            inst,
            ctx,
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    assert_eq!(
        call(
            sys::kOfxActionCreateInstance,
            inst,
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );

    let scale = (
        sys::kOfxImageEffectPropRenderScale,
        vec![V::D(0.5), V::D(0.5)],
    );
    let out = Props::boxed();
    let i = props(&[(sys::kOfxPropTime, vec![V::D(2.0)]), scale.clone()]);
    assert_eq!(
        call(
            sys::kOfxImageEffectActionGetRegionOfDefinition,
            inst,
            i,
            out
        ),
        sys::kOfxStatOK
    );
    assert_eq!(
        get(out, sys::kOfxImageEffectPropRegionOfDefinition),
        Some(vec![V::D(2.0), V::D(-0.5), V::D(100.0), V::D(50.0)])
    );

    let i = props(&[
        (sys::kOfxPropTime, vec![V::D(2.0)]),
        scale.clone(),
        (
            sys::kOfxImageEffectPropRegionOfInterest,
            vec![V::D(0.0), V::D(1.0), V::D(20.0), V::D(30.0)],
        ),
    ]);
    assert_eq!(
        call(sys::kOfxImageEffectActionGetRegionsOfInterest, inst, i, out),
        sys::kOfxStatOK
    );
    assert_eq!(
        get(out, c"OfxImageClipPropRoI_Source"),
        Some(vec![V::D(-10.0), V::D(-9.0), V::D(30.0), V::D(40.0)])
    );

    let i = props(&[(sys::kOfxPropTime, vec![V::D(4.0)])]);
    assert_eq!(
        call(sys::kOfxImageEffectActionGetFramesNeeded, inst, i, out),
        sys::kOfxStatOK
    );
    assert_eq!(
        get(out, c"OfxImageClipPropFrameRange_Source"),
        Some(vec![V::D(3.0), V::D(5.0)])
    );

    assert_eq!(
        call(
            sys::kOfxImageEffectActionGetTimeDomain,
            inst,
            ptr::null_mut(),
            out
        ),
        sys::kOfxStatOK
    );
    assert_eq!(
        get(out, sys::kOfxImageEffectPropFrameRange),
        Some(vec![V::D(3.0), V::D(9.0)])
    );

    assert_eq!(
        call(
            sys::kOfxImageEffectActionGetClipPreferences,
            inst,
            ptr::null_mut(),
            out
        ),
        sys::kOfxStatOK
    );
    assert_eq!(
        get(out, c"OfxImageClipPropDepth_Output"),
        Some(vec![V::S(sys::kOfxBitDepthFloat.to_owned())])
    );
    assert_eq!(
        get(out, sys::kOfxImageEffectPropPreMultiplication),
        Some(vec![V::S(sys::kOfxImageUnPreMultiplied.to_owned())])
    );
    assert_eq!(
        get(out, sys::kOfxImageEffectFrameVarying),
        Some(vec![V::I(1)])
    );

    let identity_args = |t: f64| {
        props(&[
            (sys::kOfxPropTime, vec![V::D(t)]),
            scale.clone(),
            (
                sys::kOfxImageEffectPropRenderWindow,
                vec![V::I(0), V::I(0), V::I(4), V::I(4)],
            ),
            (
                sys::kOfxImageEffectPropFieldToRender,
                vec![V::S(sys::kOfxImageFieldNone.to_owned())],
            ),
        ])
    };
    let o2 = Props::boxed();
    assert_eq!(
        call(
            sys::kOfxImageEffectActionIsIdentity,
            inst,
            identity_args(1.0),
            o2
        ),
        sys::kOfxStatReplyDefault
    );
    assert_eq!(get(o2, sys::kOfxPropName), None);
    assert_eq!(
        call(
            sys::kOfxImageEffectActionIsIdentity,
            inst,
            identity_args(7.0),
            o2
        ),
        sys::kOfxStatOK
    );
    assert_eq!(
        get(o2, sys::kOfxPropName),
        Some(vec![V::S(c"Source".to_owned())])
    );
    assert_eq!(get(o2, sys::kOfxPropTime), Some(vec![V::D(2.0)]));

    let i = props(&[(
        sys::kOfxImageClipPropPreferredColourspaces,
        vec![V::S(c"srgb".to_owned()), V::S(c"ACEScg".to_owned())],
    )]);
    assert_eq!(
        call(sys::kOfxImageEffectActionGetOutputColourspace, inst, i, out),
        sys::kOfxStatOK
    );
    assert_eq!(
        get(out, sys::kOfxImageClipPropColourspace),
        Some(vec![V::S(c"ACEScg".to_owned())])
    );

    let i = props(&[
        (
            sys::kOfxImageEffectPropFrameRange,
            vec![V::D(1.0), V::D(10.0)],
        ),
        (sys::kOfxImageEffectPropFrameStep, vec![V::D(1.0)]),
        (sys::kOfxPropIsInteractive, vec![V::I(1)]),
        scale.clone(),
    ]);
    assert_eq!(
        call(
            sys::kOfxImageEffectActionBeginSequenceRender,
            inst,
            i,
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    assert_eq!(
        call(
            sys::kOfxImageEffectActionEndSequenceRender,
            inst,
            i,
            ptr::null_mut()
        ),
        sys::kOfxStatReplyDefault
    );
    let i = props(&[(
        sys::kOfxPropChangeReason,
        vec![V::S(sys::kOfxChangeTime.to_owned())],
    )]);
    assert_eq!(
        call(
            sys::kOfxActionBeginInstanceChanged,
            inst,
            i,
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    assert_eq!(
        call(sys::kOfxActionEndInstanceChanged, inst, i, ptr::null_mut()),
        sys::kOfxStatReplyDefault
    );
    for a in [
        sys::kOfxActionBeginInstanceEdit,
        sys::kOfxActionEndInstanceEdit,
        sys::kOfxActionPurgeCaches,
        sys::kOfxActionSyncPrivateData,
        c"OfxActionSomethingNew",
    ] {
        assert_eq!(
            call(a, inst, ptr::null_mut(), ptr::null_mut()),
            sys::kOfxStatReplyDefault,
            "{a:?}"
        );
    }
    assert_eq!(
        EVENTS.lock().unwrap().clone(),
        vec!["begin [1.0, 10.0] 1 true [0.5, 0.5]", "changes Time"]
    );

    // The instance belongs to Shift: Other's entry must refuse it, not
    // reinterpret it.
    let other = plugin(1);
    assert_eq!(
        support::call(
            other,
            sys::kOfxActionPurgeCaches,
            inst.cast(),
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatErrBadHandle
    );
    assert_eq!(
        support::call(
            other,
            sys::kOfxActionDestroyInstance,
            inst.cast(),
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatErrBadHandle
    );
    assert_eq!(
        call(
            sys::kOfxActionDestroyInstance,
            inst,
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    // Each plugin of a bundle is loaded and unloaded on its own: unloading
    // one must leave the suites to the other.
    let other_call = |a: &CStr, h: *mut Effect| {
        support::call(other, a, h.cast(), ptr::null_mut(), ptr::null_mut())
    };
    assert_eq!(other_call(sys::kOfxActionLoad, none), sys::kOfxStatOK);
    assert_eq!(
        call(
            sys::kOfxActionUnload,
            none,
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    assert_eq!(
        other_call(sys::kOfxActionDescribe, Effect::new(c"")),
        sys::kOfxStatOK
    );
    assert_eq!(other_call(sys::kOfxActionUnload, none), sys::kOfxStatOK);
    assert_ne!(
        other_call(sys::kOfxActionDescribe, Effect::new(c"")),
        sys::kOfxStatOK,
        "after the last unload the suites are gone"
    );
}

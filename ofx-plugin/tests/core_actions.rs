//! Every trapped action of a plugin written with ofx-plugin, driven by
//! ofx-host over the C ABI: the typed in-arguments the effect receives and
//! the out-arguments the host reads back, the status contract of untrapped
//! actions, and the type check of the instance data.

mod common;

use std::sync::Mutex;

use ofx_host::Changed;
use ofx_host::ClipName;
use ofx_host::Rect;
use ofx_host::driver::RenderRequest;
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_plugin::geometry::RectD;
use ofx_plugin::prelude::*;
use ofx_plugin::{
    ChangeReason, ClipPreferencesSetter, FramesNeededArgs, FramesNeededSetter, IsIdentityArgs,
    Premultiplication, RegionOfDefinitionArgs, RegionsOfInterestArgs, RoiSetter,
    SequenceRenderArgs, Trapped,
};
use ofx_sys::{OfxPointD, OfxRectD};

static EVENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn event(e: String) {
    EVENTS.lock().unwrap().push(e);
}

/// An effect that traps every action and reports what it was given.
#[derive(Plugin)]
#[ofx(id = "org.test.core.Shift", version = "1.0")]
struct Shift {
    source: Clip,
    output: Clip,
}

impl ImageEffect for Shift {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Filter, Context::General])?
            .supported_pixel_depths(&[BitDepth::F32, BitDepth::U8])?
            .temporal_clip_access(true)?
            .overlay_interact(overlay, false)?;
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, c: Context) -> Result<()> {
        event(format!("describe in {c:?}"));
        d.params().define_double("offset")?.interact(overlay);
        d.source_clip()?
            .supported_components(&[PixelComponents::Rgba])?
            .supports_tiles(false)?
            .optional(true)?;
        d.output_clip()?
            .supported_components(&[PixelComponents::Rgba])?;
        Ok(())
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Shift {
            source: i.source_clip()?,
            output: i.output_clip()?,
        })
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        let w = r.window();
        event(format!(
            "render t={} window={:?} scale={}",
            r.time(),
            [w.x1, w.y1, w.x2, w.y2],
            r.render_scale().x
        ));
        let _ = r.output()?;
        Ok(())
    }
    fn region_of_definition(
        &self,
        _: &InstanceContext,
        a: &RegionOfDefinitionArgs,
    ) -> Result<Option<RectD>> {
        Ok(Some(RectD::new(a.time, -a.render_scale.x, 100.0, 50.0)))
    }
    fn regions_of_interest(
        &self,
        _: &InstanceContext,
        a: &RegionsOfInterestArgs,
        rois: &mut RoiSetter<'_>,
    ) -> Result<Trapped> {
        rois.set_grown(&self.source, a, 10.0)?;
        Ok(Trapped::Yes)
    }
    fn frames_needed(
        &self,
        _: &InstanceContext,
        a: &FramesNeededArgs,
        f: &mut FramesNeededSetter<'_>,
    ) -> Result<Trapped> {
        f.set(&self.source, &[[a.time - 1.0, a.time + 1.0]])?;
        Ok(Trapped::Yes)
    }
    fn time_domain(&self, _: &InstanceContext) -> Result<Option<[f64; 2]>> {
        Ok(Some([3.0, 9.0]))
    }
    fn clip_preferences(
        &self,
        _: &InstanceContext,
        p: &mut ClipPreferencesSetter<'_>,
    ) -> Result<Trapped> {
        p.set_depth(&self.output, BitDepth::U8)?;
        p.set_premultiplication(Premultiplication::UnPreMultiplied)?;
        p.set_frame_varying(true)?;
        Ok(Trapped::Yes)
    }
    fn is_identity(&self, _: &InstanceContext, a: &IsIdentityArgs) -> Result<Identity> {
        Ok(if a.time > 5.0 {
            Identity::Clip {
                name: "Source".into(),
                time: a.time - 5.0,
            }
        } else {
            Identity::No
        })
    }
    fn begin_sequence_render(
        &self,
        _: &InstanceContext,
        a: &SequenceRenderArgs,
    ) -> Result<Trapped> {
        event(format!(
            "begin sequence {:?} step {}",
            a.frame_range, a.frame_step
        ));
        Ok(Trapped::Yes)
    }
    fn end_sequence_render(&self, _: &InstanceContext, a: &SequenceRenderArgs) -> Result<Trapped> {
        event(format!("end sequence {:?}", a.frame_range));
        Ok(Trapped::Yes)
    }
    fn begin_instance_changed(&self, _: &InstanceContext, r: ChangeReason) -> Result<Trapped> {
        event(format!("begin changes {r:?}"));
        Ok(Trapped::Yes)
    }
    fn output_colourspace(
        &self,
        _: &InstanceContext,
        preferred: &[String],
    ) -> Result<Option<String>> {
        Ok(preferred.last().cloned())
    }
    fn instance_changed(
        &self,
        _: &InstanceContext,
        a: &ofx_plugin::InstanceChangedArgs,
    ) -> Result<Trapped> {
        event(format!("changed {:?} {} at {}", a.kind, a.name, a.time));
        Ok(Trapped::Yes)
    }
}

/// An interact entry point, only passed through (never called here).
unsafe extern "C" fn overlay(
    _action: *const std::ffi::c_char,
    _handle: *const std::ffi::c_void,
    _in: ofx_sys::OfxPropertySetHandle,
    _out: ofx_sys::OfxPropertySetHandle,
) -> ofx_sys::OfxStatus {
    ofx_sys::kOfxStatReplyDefault
}

/// A second plugin of the same binary, to hand it the other's instance.
#[derive(Plugin)]
#[ofx(id = "org.test.core.Other", version = "1.0")]
struct Other;

impl ImageEffect for Other {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        common::filter_only(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        common::filter_clips(d)
    }
    fn create_instance(_: &InstanceContext) -> Result<Self> {
        Ok(Other)
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
}

ofx_plugin::bundle!(Shift, Other);

fn source() -> ImageBuffer {
    let r = Rect::new(0, 0, 100, 50);
    ImageBuffer::new(Layout::packed(r, Depth::F32, Components::Rgba))
}

#[test]
fn trapped_actions_reach_the_effect_and_answer_the_host() {
    EVENTS.lock().unwrap().clear();
    let s = ofx_host::in_process!().unwrap();
    let p = s.plugin("org.test.core.Shift").unwrap();
    let mut inst = p.create_instance(ofx_host::Context::Filter).unwrap();
    inst.connect_image(ClipName::SOURCE, source()).unwrap();
    let half = OfxPointD { x: 0.5, y: 0.5 };
    assert_eq!(
        inst.region_of_definition(2.0, half).unwrap(),
        OfxRectD {
            x1: 2.0,
            y1: -0.5,
            x2: 100.0,
            y2: 50.0
        }
    );
    let window = OfxRectD {
        x1: 10.0,
        y1: 10.0,
        x2: 20.0,
        y2: 30.0,
    };
    let rois = inst.regions_of_interest(0.0, half, window).unwrap();
    assert_eq!(
        rois["Source"],
        OfxRectD {
            x1: 0.0,
            y1: 0.0,
            x2: 30.0,
            y2: 40.0
        },
        "the window grown by 10 canonical units"
    );
    let frames = inst.frames_needed(4.0).unwrap();
    assert_eq!(
        (frames["Source"][0].min, frames["Source"][0].max),
        (3.0, 5.0)
    );
    let prefs = inst.clip_preferences().unwrap();
    assert_eq!(prefs.clips["Output"].depth, Depth::U8);
    assert_eq!(
        prefs.premultiplication,
        ofx_host::Premultiplication::UnPreMultiplied
    );
    assert!(prefs.frame_varying);
    let w = Rect::new(0, 0, 10, 10);
    let one = OfxPointD { x: 1.0, y: 1.0 };
    assert_eq!(
        inst.is_identity(7.0, one, w).unwrap(),
        Some(("Source".to_string(), 2.0))
    );
    assert_eq!(inst.is_identity(3.0, one, w).unwrap(), None);
    inst.instance_changed(Changed::Clip("Source"), 1.0).unwrap();
    let req = RenderRequest::at(0.0).window(w);
    inst.render_sequence(&[1.0, 2.0], &req).unwrap();
    let events = EVENTS.lock().unwrap().clone();
    let expect = [
        "describe in Filter",
        "begin changes UserEdited",
        "changed Clip Source at 1",
        "begin sequence [1.0, 2.0] step 1",
        "render t=1 window=[0, 0, 10, 10] scale=1",
        "render t=2 window=[0, 0, 10, 10] scale=1",
        "end sequence [1.0, 2.0]",
    ];
    for e in expect {
        assert!(events.iter().any(|x| x == e), "missing {e:?} in {events:?}");
    }
    // GetOutputColourspace: the effect picks the last preferred space.
    use ofx_host::props::{Dimension, PropType, PropertySet, Writer};
    let mut in_args = PropertySet::empty("inArgs:GetOutputColourspace");
    in_args.define(
        "OfxImageClipPropPreferredColourspaces",
        PropType::String,
        Dimension::Variable,
        false,
    );
    in_args
        .set_string_n(
            "OfxImageClipPropPreferredColourspaces",
            &["srgb_tx", "ACEScg"],
            Writer::Host,
        )
        .unwrap();
    let mut out_args = PropertySet::empty("outArgs:GetOutputColourspace");
    out_args.define(
        "OfxImageClipPropColourspace",
        PropType::String,
        Dimension::Fixed(1),
        true,
    );
    let (i, o) = (
        ofx_host::testing::add_property_set(in_args),
        ofx_host::testing::add_property_set(out_args),
    );
    let status = inst.call_action(
        ofx_sys::kOfxImageEffectActionGetOutputColourspace,
        Some(i.raw()),
        Some(o.raw()),
    );
    assert_eq!(status, ofx_sys::kOfxStatOK);
    let chosen =
        ofx_host::testing::with_property_set(o, |p| p.get_string("OfxImageClipPropColourspace", 0))
            .unwrap()
            .unwrap();
    assert_eq!(chosen, "ACEScg");
    // Clip descriptor flags reach the host.
    let ctx = p.describe_in_context(ofx_host::Context::Filter).unwrap();
    let src = &ctx.clips.iter().find(|(n, _)| n == "Source").unwrap().1;
    assert_eq!(src.get_int("OfxImageEffectPropSupportsTiles", 0), Ok(0));
    assert_eq!(src.get_int("OfxImageClipPropOptional", 0), Ok(1));
    // Interact entry points pass through to the host untouched.
    let entry = overlay as *const () as usize;
    assert_eq!(
        p.descriptor()
            .get_pointer("OfxImageEffectPluginPropOverlayInteractV1", 0),
        Ok(entry)
    );
    let offset = inst
        .params()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "offset")
        .unwrap();
    assert_eq!(
        offset.props.get_pointer("OfxParamPropInteractV1", 0),
        Ok(entry)
    );
    // Every trapped action answered OK; the host saw no rule broken.
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn untrapped_actions_answer_reply_default_and_instances_are_type_checked() {
    let s = ofx_host::in_process!().unwrap();
    let shift = s.plugin("org.test.core.Shift").unwrap();
    let other = s.plugin("org.test.core.Other").unwrap();
    let inst = other.create_instance(ofx_host::Context::Filter).unwrap();
    // Other traps nothing but render: the queries answer "reply default".
    for action in [
        ofx_sys::kOfxActionPurgeCaches,
        ofx_sys::kOfxActionSyncPrivateData,
        ofx_sys::kOfxActionBeginInstanceEdit,
        ofx_sys::kOfxActionEndInstanceEdit,
        c"OfxActionNoSuchAction",
    ] {
        assert_eq!(
            inst.call_action(action, None, None),
            ofx_sys::kOfxStatReplyDefault,
            "{action:?}"
        );
    }
    // Shift's entry point given Other's instance refuses it.
    let status = shift.call_action(ofx_sys::kOfxActionPurgeCaches, inst.handle(), None, None);
    assert_eq!(status, ofx_sys::kOfxStatErrBadHandle);
}

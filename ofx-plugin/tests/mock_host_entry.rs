//! Drives plugins through the C ABI with a small in-process mock host
//! (tests/support), until ofx-host's driver lands.

mod support;

use std::ffi::c_void;
use std::ptr;
use std::sync::Mutex;

use ofx_plugin::geometry::{RectD, RectI};
use ofx_plugin::pixel::{PixelComponents as Components, Rgba};
use ofx_plugin::{
    ChangedKind, Context, ContextDescriptor, EffectDescriptor, ErrorKind, HostInfo, ImageEffect,
    InstanceChangedArgs, InstanceContext, RenderArgs, RenderThreadSafety, Result, Trapped,
};
use ofx_sys as sys;
use rayon::prelude::*;
use support::{Effect, Offer, Props, TestImage, V};

/// Tests share the process-wide host state: run them one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

/// What the last render saw: (bounds, row bytes) of source and output.
static SEEN: Mutex<Vec<([i32; 4], isize)>> = Mutex::new(Vec::new());
static FLAGS: Mutex<Option<(bool, bool, [i32; 4])>> = Mutex::new(None);
static GEOM: Mutex<Option<(RectI, RectD)>> = Mutex::new(None);
static CHANGED: Mutex<Vec<(String, bool)>> = Mutex::new(Vec::new());

struct Invert {
    source: ofx_plugin::Clip,
    output: ofx_plugin::Clip,
}

impl ImageEffect for Invert {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Filter])?
            .render_thread_safety(RenderThreadSafety::FullySafe)?
            .supports_tiles(true)?
            .cpu_render_supported(true)?
            .version(&[1, 2])?;
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, _c: Context) -> Result<()> {
        d.source_clip()?
            .supported_components(&[Components::Rgba, Components::Alpha])?
            .optional(false)?;
        d.output_clip()?.supported_components(&[Components::Rgba])?;
        Ok(())
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Invert {
            source: i.source_clip()?,
            output: i.output_clip()?,
        })
    }
    fn render(&self, _i: &InstanceContext, args: &RenderArgs) -> Result<()> {
        if args.time < 0.0 {
            panic!("negative time {}", args.time);
        }
        let w = args.render_window;
        *FLAGS.lock().unwrap() = Some((
            args.thumbnail,
            args.no_spatial_awareness,
            [w.x1, w.y1, w.x2, w.y2],
        ));
        let src = self.source.image(args.time)?;
        let mut dst = self.output.image(args.time)?;
        let b = |r: RectI| [r.x1, r.y1, r.x2, r.y2];
        let px = src.canonical_to_pixel(RectD::new(1.0, 1.0, 9.0, 9.0))?;
        let canon = src.pixel_to_canonical(RectI::new(0, 0, 3, 5))?;
        *GEOM.lock().unwrap() = Some((px, canon));
        let wrong = src.view::<Rgba<f32>>().unwrap_err();
        assert_eq!(wrong.kind(), ErrorKind::ImageFormat);
        let s = src.view::<Rgba<u8>>()?;
        let mut d = dst.view_mut::<Rgba<u8>>(args.render_window)?;
        d.par_rows_mut(args.render_window).for_each(|(y, row)| {
            for (x, px) in row {
                let p = s.pixel(x, y).copied().unwrap_or_default();
                *px = Rgba::new(255 - p.r, 255 - p.g, 255 - p.b, p.a);
            }
        });
        let mut seen = SEEN.lock().unwrap();
        seen.clear();
        seen.push((b(src.bounds()), src.row_bytes()));
        seen.push((b(dst.bounds()), dst.row_bytes()));
        Ok(())
    }
    fn instance_changed(&self, _i: &InstanceContext, a: &InstanceChangedArgs) -> Result<Trapped> {
        CHANGED
            .lock()
            .unwrap()
            .push((a.name.clone(), a.kind == ChangedKind::Param));
        Ok(Trapped::Yes)
    }
}

ofx_plugin::plugin!(
    Invert,
    id = "org.test.Invert",
    version = (1, 2),
    label = "Invert"
);
ofx_plugin::bundle!(Invert);

fn plugin() -> &'static sys::OfxPlugin {
    // SAFETY: index 0 exists; records are statics.
    unsafe { &*OfxGetPlugin(0) }
}

fn props(entries: &[(&std::ffi::CStr, Vec<V>)]) -> *mut Props {
    let p = Props::boxed();
    for (k, v) in entries {
        // SAFETY: just allocated.
        unsafe { &*p }.set(k, v.clone());
    }
    p
}

fn load(offer: Offer) -> sys::OfxStatus {
    let host = support::host(offer);
    assert_eq!(OfxSetHost(host), sys::kOfxStatOK);
    let p = plugin();
    // SAFETY: setHost takes the host record.
    unsafe { (p.setHost.unwrap())(host) };
    support::call(
        p,
        sys::kOfxActionLoad,
        ptr::null(),
        ptr::null_mut(),
        ptr::null_mut(),
    )
}

fn image(bounds: [i32; 4], bottom_up: bool) -> TestImage {
    let w = (bounds[2] - bounds[0]) as usize;
    let h = (bounds[3] - bounds[1]) as usize;
    let stride = w * 4 + 8;
    let (origin, row_bytes) = if bottom_up {
        (stride * (h - 1), -(stride as i32))
    } else {
        (0, stride as i32)
    };
    TestImage {
        data: vec![0; stride * h],
        origin,
        bounds,
        row_bytes,
    }
}

/// Load, describe, describe in context and create an instance.
fn instance() -> *mut Effect {
    assert_eq!(
        load(Offer {
            parameter: true,
            message: true
        }),
        sys::kOfxStatOK
    );
    let p = plugin();
    let desc = Effect::new(c"");
    assert_eq!(
        support::call(
            p,
            sys::kOfxActionDescribe,
            desc.cast(),
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    let dp = Effect::props(desc);
    assert_eq!(dp.string(sys::kOfxPropLabel).as_deref(), Some("Invert"));
    assert_eq!(
        dp.strings(sys::kOfxImageEffectPropSupportedContexts),
        vec!["OfxImageEffectContextFilter"]
    );
    assert_eq!(
        dp.string(sys::kOfxImageEffectPluginRenderThreadSafety)
            .as_deref(),
        Some("OfxImageEffectRenderFullySafe")
    );
    assert_eq!(
        dp.string(sys::kOfxImageEffectPropCPURenderSupported)
            .as_deref(),
        Some("true")
    );
    assert_eq!(dp.get(sys::kOfxPropVersion), Some(vec![V::I(1), V::I(2)]));

    let inst = Effect::new(sys::kOfxImageEffectContextFilter);
    let in_args = props(&[(
        sys::kOfxImageEffectPropContext,
        vec![V::S(sys::kOfxImageEffectContextFilter.to_owned())],
    )]);
    assert_eq!(
        support::call(
            p,
            sys::kOfxImageEffectActionDescribeInContext,
            inst.cast(),
            in_args,
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    let src = Effect::clip(inst, "Source").expect("Source clip defined");
    // SAFETY: clip props are live boxes.
    let sp = unsafe { &*src.props };
    assert_eq!(
        sp.strings(sys::kOfxImageEffectPropSupportedComponents),
        vec!["OfxImageComponentRGBA", "OfxImageComponentAlpha"]
    );
    assert_eq!(sp.int(sys::kOfxImageClipPropOptional), Some(0));
    assert!(Effect::clip(inst, "Output").is_some());

    assert_eq!(
        support::call(
            p,
            sys::kOfxActionCreateInstance,
            inst.cast(),
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    inst
}

fn render_args(time: f64) -> *mut Props {
    props(&[
        (sys::kOfxPropTime, vec![V::D(time)]),
        (
            sys::kOfxImageEffectPropRenderWindow,
            vec![V::I(-1), V::I(-2), V::I(3), V::I(3)],
        ),
        (
            sys::kOfxImageEffectPropRenderScale,
            vec![V::D(1.0), V::D(1.0)],
        ),
        (
            sys::kOfxImageEffectPropFieldToRender,
            vec![V::S(sys::kOfxImageFieldNone.to_owned())],
        ),
        (
            sys::kOfxImageEffectPropThumbnailRender,
            vec![V::S(c"true".to_owned())],
        ),
        (
            sys::kOfxImageEffectPropNoSpatialAwareness,
            vec![V::S(c"false".to_owned())],
        ),
    ])
}

#[test]
fn full_lifecycle_statuses_and_images() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let inst = instance();
    let p = plugin();
    let h: *const c_void = inst.cast();
    let mut src = image([-3, -2, 5, 4], false);
    for y in -2..4 {
        for x in -3..5 {
            src.set(x, y, [(x + 10) as u8, (y + 20) as u8, 7, 200]);
        }
    }
    *Effect::clip(inst, "Source").unwrap().image.lock().unwrap() = Some(src);
    *Effect::clip(inst, "Output").unwrap().image.lock().unwrap() =
        Some(image([-3, -2, 5, 4], true));
    let before = *support::IMAGES.lock().unwrap();
    assert_eq!(
        support::call(
            p,
            sys::kOfxImageEffectActionRender,
            h,
            render_args(1.0),
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    let after = *support::IMAGES.lock().unwrap();
    assert_eq!(after.0 - before.0, 2, "two images fetched");
    assert_eq!(after.1 - before.1, 2, "both released by the guards");
    assert_eq!(*FLAGS.lock().unwrap(), Some((true, false, [-1, -2, 3, 3])));
    {
        let out = Effect::clip(inst, "Output").unwrap().image.lock().unwrap();
        let out = out.as_ref().unwrap();
        for y in -2..4 {
            for x in -3..5 {
                let inside = (-1..3).contains(&x) && (-2..3).contains(&y);
                let want = if inside {
                    [255 - (x + 10) as u8, 255 - (y + 20) as u8, 248, 200]
                } else {
                    [0; 4]
                };
                assert_eq!(out.get(x, y), want, "pixel ({x}, {y})");
            }
        }
    }
    assert_eq!(
        *GEOM.lock().unwrap(),
        Some((RectI::new(0, 0, 3, 5), RectD::new(0.0, 0.0, 12.0, 10.0))),
        "render scale 0.5 and PAR 2 from the image"
    );
    let seen = SEEN.lock().unwrap().clone();
    assert_eq!(seen, vec![([-3, -2, 5, 4], 40), ([-3, -2, 5, 4], -40)]);

    // Untrapped actions reply default.
    let rod_in = props(&[
        (sys::kOfxPropTime, vec![V::D(1.0)]),
        (
            sys::kOfxImageEffectPropRenderScale,
            vec![V::D(1.0), V::D(1.0)],
        ),
    ]);
    let out = Props::boxed();
    for a in [
        sys::kOfxImageEffectActionGetRegionOfDefinition,
        sys::kOfxActionPurgeCaches,
        sys::kOfxActionSyncPrivateData,
        sys::kOfxImageEffectActionGetClipPreferences,
        sys::kOfxImageEffectActionGetTimeDomain,
    ] {
        assert_eq!(
            support::call(p, a, h, rod_in, out),
            sys::kOfxStatReplyDefault,
            "{a:?}"
        );
    }
    // Instance changed is trapped and receives the name and kind.
    let ic = props(&[
        (
            sys::kOfxPropType,
            vec![V::S(sys::kOfxTypeParameter.to_owned())],
        ),
        (sys::kOfxPropName, vec![V::S(c"amount".to_owned())]),
        (
            sys::kOfxPropChangeReason,
            vec![V::S(sys::kOfxChangeUserEdited.to_owned())],
        ),
        (sys::kOfxPropTime, vec![V::D(3.0)]),
        (
            sys::kOfxImageEffectPropRenderScale,
            vec![V::D(1.0), V::D(1.0)],
        ),
    ]);
    assert_eq!(
        support::call(p, sys::kOfxActionInstanceChanged, h, ic, ptr::null_mut()),
        sys::kOfxStatOK
    );
    assert_eq!(
        CHANGED.lock().unwrap().last().cloned(),
        Some(("amount".to_owned(), true))
    );

    // Host description.
    let info = HostInfo::get().unwrap();
    assert_eq!(info.name, "org.test.MockHost");
    assert_eq!(info.version, vec![1, 2, 3]);
    assert!(info.supports_tiles);
    assert!(!info.supports_overlays);
    assert_eq!(ofx_plugin::thread::num_cpus(), 3);

    // A panic in render becomes kOfxStatFailed with a message.
    support::MESSAGES.lock().unwrap().clear();
    assert_eq!(
        support::call(
            p,
            sys::kOfxImageEffectActionRender,
            h,
            render_args(-1.0),
            ptr::null_mut()
        ),
        sys::kOfxStatFailed
    );
    let msgs = support::MESSAGES.lock().unwrap().clone();
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0].0, "OfxMessageError");
    assert!(msgs[0].1.contains("negative time -1"), "{msgs:?}");

    // Render with no image available fails with the host's error, not ReplyDefault.
    *Effect::clip(inst, "Source").unwrap().image.lock().unwrap() = None;
    assert_eq!(
        support::call(
            p,
            sys::kOfxImageEffectActionRender,
            h,
            render_args(1.0),
            ptr::null_mut()
        ),
        sys::kOfxStatFailed
    );

    assert_eq!(
        support::call(
            p,
            sys::kOfxActionDestroyInstance,
            h,
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    // The instance data pointer is cleared; a second destroy is refused.
    assert_eq!(
        Effect::props(inst).get(sys::kOfxPropInstanceData),
        Some(vec![V::P(0)])
    );
    assert_ne!(
        support::call(
            p,
            sys::kOfxActionDestroyInstance,
            h,
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
}

#[test]
fn missing_required_suite_fails_load() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    assert_eq!(
        load(Offer {
            parameter: false,
            message: true
        }),
        sys::kOfxStatErrMissingHostFeature
    );
}

#[test]
fn missing_optional_message_suite_degrades() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    assert_eq!(
        load(Offer {
            parameter: true,
            message: false
        }),
        sys::kOfxStatOK
    );
    assert!(!HostInfo::has_message_suite());
    let p = plugin();
    let inst = Effect::new(sys::kOfxImageEffectContextFilter);
    let in_args = props(&[(
        sys::kOfxImageEffectPropContext,
        vec![V::S(sys::kOfxImageEffectContextFilter.to_owned())],
    )]);
    support::call(
        p,
        sys::kOfxImageEffectActionDescribeInContext,
        inst.cast(),
        in_args,
        ptr::null_mut(),
    );
    assert_eq!(
        support::call(
            p,
            sys::kOfxActionCreateInstance,
            inst.cast(),
            ptr::null_mut(),
            ptr::null_mut()
        ),
        sys::kOfxStatOK
    );
    support::MESSAGES.lock().unwrap().clear();
    // Panic without a message suite: still kOfxStatFailed, no crash.
    assert_eq!(
        support::call(
            p,
            sys::kOfxImageEffectActionRender,
            inst.cast(),
            render_args(-2.0),
            ptr::null_mut()
        ),
        sys::kOfxStatFailed
    );
    assert!(support::MESSAGES.lock().unwrap().is_empty());
}

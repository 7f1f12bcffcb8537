//! The rules of `docs/safety.md` that are checked at run time, broken on
//! purpose by plugins driven through ofx-host over the C ABI: each misuse
//! gets an error status and a message naming the rule, the host sees no
//! call with a stale handle, and the process survives.
//!
//! The compile-time rules are in `tests/compile_fail/`.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

use ofx_host::Changed;
use ofx_host::ClipName;
use ofx_host::Rect;
use ofx_host::driver::{HostConfig, OutputLayout, RenderRequest, Session};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_host::log::ViolationKind;
use ofx_plugin::param::DoubleParam;
use ofx_plugin::prelude::*;
use ofx_sys::{OfxRectI, kOfxStatErrBadHandle, kOfxStatFailed, kOfxStatOK};

/// Sessions of this binary share the statics below: one test at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn session() -> Session {
    ofx_host::in_process!(HostConfig::default()).unwrap()
}

const ONE: ofx_sys::OfxPointD = ofx_sys::OfxPointD { x: 1.0, y: 1.0 };

// ------------------------------------------------------------------ misuse

/// What `Misuse` does wrong in its next action.
static MODE: AtomicU32 = AtomicU32::new(NORMAL);
const NORMAL: u32 = 0;
const TWO_OUTPUTS: u32 = 1;
const OUTPUT_AS_INPUT: u32 = 2;
const FOREIGN_CLIP: u32 = 3;
const STALE_HANDLES: u32 = 4;
const STALE_DESCRIPTOR: u32 = 5;
const STASH: u32 = 6;
const OUTPUT_AGAIN_AFTER_DROP: u32 = 7;

/// Handles an instance kept for later, as a careless author might.
static KEPT: Mutex<Option<(Clip, DoubleParam)>> = Mutex::new(None);
/// A clip descriptor kept after describe-in-context.
static KEPT_DESCRIPTOR: Mutex<Option<ClipDescriptor>> = Mutex::new(None);

/// A filter that copies its source, or breaks one rule (see [`MODE`]).
#[derive(Plugin)]
#[ofx(id = "org.test.safety.Misuse", version = "1.0")]
struct Misuse {
    source: Clip,
    gain: DoubleParam,
}

impl ImageEffect for Misuse {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Filter])?
            .supported_pixel_depths(&[BitDepth::F32])?
            .render_thread_safety(RenderThreadSafety::FullySafe)?
            .supports_tiles(true)?;
        Ok(())
    }

    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        let mut source = d.source_clip()?;
        source.supported_components(&[PixelComponents::Rgba])?;
        if MODE.load(Ordering::SeqCst) == STASH {
            *KEPT_DESCRIPTOR.lock().unwrap() = Some(source);
        }
        d.output_clip()?
            .supported_components(&[PixelComponents::Rgba])?;
        d.params().define_double("gain")?.default(1.0);
        Ok(())
    }

    fn create_instance(i: &InstanceContext) -> Result<Self> {
        let fx = Misuse {
            source: i.source_clip()?,
            gain: i.param("gain")?,
        };
        if MODE.load(Ordering::SeqCst) == STASH {
            *KEPT.lock().unwrap() = Some((fx.source.clone(), fx.gain.clone()));
        }
        Ok(fx)
    }

    fn render(&self, r: &Render<'_>) -> Result<()> {
        match MODE.load(Ordering::SeqCst) {
            TWO_OUTPUTS => {
                let _first = r.output()?;
                let _second = r.output()?;
                Ok(())
            }
            OUTPUT_AS_INPUT => {
                let output = r.instance().output_clip()?;
                r.input(&output).map(drop)
            }
            FOREIGN_CLIP | STALE_HANDLES => {
                let (clip, param) = KEPT.lock().unwrap().clone().expect("a kept clip");
                // Every use fails, and none reaches the host.
                let depth = clip.pixel_depth().map(drop);
                let value = param.value().map(drop);
                let image = r.input(&clip).map(drop);
                assert_eq!(value.is_err(), depth.is_err());
                depth.and(value).and(image)
            }
            STALE_DESCRIPTOR => {
                let mut d = KEPT_DESCRIPTOR
                    .lock()
                    .unwrap()
                    .take()
                    .expect("a kept descriptor");
                d.optional(true).map(drop)
            }
            OUTPUT_AGAIN_AFTER_DROP => {
                // One output at a time: after the first is released, a second
                // fetch is fine.
                drop(r.output()?);
                copy(self, r)
            }
            _ => copy(self, r),
        }
    }
}

fn copy(fx: &Misuse, r: &Render<'_>) -> Result<()> {
    let src = r.input(&fx.source)?;
    let k = fx.gain.value_at(r.time())? as f32;
    let mut out = r.output()?;
    out.view_mut::<Rgba<f32>>()?
        .par_rows_from(&src.view::<Rgba<f32>>()?, |row, s| {
            for (o, i) in row.iter_mut().zip(s) {
                *o = i.scale(k);
            }
        });
    Ok(())
}

fn source() -> ImageBuffer {
    let bounds = Rect::new(0, 0, 8, 6);
    ImageBuffer::from_fn(
        Layout::packed(bounds, Depth::F32, Components::Rgba),
        |x, y| [x as f32 * 0.1, y as f32 * 0.1, 0.5, 1.0],
    )
}

/// An instance of `Misuse` with its source connected, created while the
/// plugin does `mode` (which it keeps doing only in create and describe).
fn misuse<'p>(p: &'p ofx_host::driver::Plugin<'p>, mode: u32) -> ofx_host::driver::Instance<'p> {
    MODE.store(mode, Ordering::SeqCst);
    let mut inst = p.create_instance(ofx_host::Context::Filter).unwrap();
    MODE.store(NORMAL, Ordering::SeqCst);
    inst.connect_image(ClipName::SOURCE, source()).unwrap();
    inst
}

/// Renders `inst` while the plugin does `mode`, and checks that the render
/// fails with `status` and a message containing `rule`, and that the host
/// saw nothing worse: no call with a bad or stale handle, no rule it checks
/// broken.
fn expect_refused(
    s: &Session,
    inst: &ofx_host::driver::Instance<'_>,
    mode: u32,
    status: i32,
    rule: &str,
) {
    s.log().clear();
    MODE.store(mode, Ordering::SeqCst);
    let got = inst
        .render(&RenderRequest::at(0.0))
        .map_or_else(|e| e.status(), |_| kOfxStatOK);
    MODE.store(NORMAL, Ordering::SeqCst);
    let texts: Vec<String> = s.log().messages().into_iter().map(|m| m.text).collect();
    let text = texts.join("\n");
    assert_eq!(got, status, "{text}");
    assert!(text.contains(rule), "{text}");
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn a_second_output_while_the_first_is_alive_is_refused() {
    let _g = serial();
    let s = session();
    let p = s.plugin("org.test.safety.Misuse").unwrap();
    let inst = misuse(&p, NORMAL);
    let rule = "one writable view of its output at a time";
    expect_refused(&s, &inst, TWO_OUTPUTS, kOfxStatFailed, rule);
    // Released images are counted; the first output was released too.
    drop(inst);
    assert!(s.leaks().is_clean(), "{:?}", s.leaks());
    // After the first output is dropped, a second fetch works.
    let inst = misuse(&p, NORMAL);
    MODE.store(OUTPUT_AGAIN_AFTER_DROP, Ordering::SeqCst);
    let again = inst.render(&RenderRequest::at(0.0));
    MODE.store(NORMAL, Ordering::SeqCst);
    assert!(again.is_ok(), "{again:?}");
}

#[test]
fn the_output_clip_cannot_be_read_as_an_input() {
    let _g = serial();
    let s = session();
    let p = s.plugin("org.test.safety.Misuse").unwrap();
    let inst = misuse(&p, NORMAL);
    let rule = "the output clip cannot be read as an input";
    expect_refused(&s, &inst, OUTPUT_AS_INPUT, kOfxStatFailed, rule);
}

#[test]
fn a_clip_of_another_instance_cannot_feed_this_render() {
    let _g = serial();
    let s = session();
    let p = s.plugin("org.test.safety.Misuse").unwrap();
    let other = misuse(&p, STASH);
    let inst = misuse(&p, NORMAL);
    let rule = "not to the instance running this action";
    expect_refused(&s, &inst, FOREIGN_CLIP, kOfxStatErrBadHandle, rule);
    drop(other);
    *KEPT.lock().unwrap() = None;
}

#[test]
fn handles_kept_past_destroy_fail_before_reaching_the_host() {
    let _g = serial();
    let s = session();
    let p = s.plugin("org.test.safety.Misuse").unwrap();
    drop(misuse(&p, STASH));
    let mut inst = misuse(&p, NORMAL);
    // The plugin refuses the stale handles itself: the host, which would
    // log any call with one, sees none.
    let rule = "clip \"Source\" (accessing OfxImageEffectPropPixelDepth) belongs to an instance of org.test.safety.Misuse, which ended with kOfxActionDestroyInstance";
    expect_refused(&s, &inst, STALE_HANDLES, kOfxStatErrBadHandle, rule);
    assert!(s.log().violations_of(ViolationKind::BadHandle).is_empty());
    // The parameter of the live instance still works.
    inst.set_param("gain", 2.0).unwrap();
    let out = inst.render(&RenderRequest::at(0.0)).unwrap();
    assert_eq!(out.get(3, 2), Some([0.6, 0.4, 1.0, 2.0]));
    *KEPT.lock().unwrap() = None;
}

#[test]
fn a_descriptor_kept_past_its_describe_action_fails_cleanly() {
    let _g = serial();
    let s = session();
    let p = s.plugin("org.test.safety.Misuse").unwrap();
    let inst = misuse(&p, STASH);
    *KEPT.lock().unwrap() = None;
    let rule = "the descriptor of clip \"Source\" (accessing OfxImageClipPropOptional) belongs to a descriptor of org.test.safety.Misuse, which ended with kOfxImageEffectActionDescribeInContext";
    expect_refused(&s, &inst, STALE_DESCRIPTOR, kOfxStatErrBadHandle, rule);
}

// ------------------------------------------------------- tall output image

/// The addresses of the rows `Tall` wrote, with their y.
static TALL_ROWS: Mutex<Vec<(i32, usize)>> = Mutex::new(Vec::new());

/// A generator of 8-bit mattes that writes each row's y (mod 251) into it
/// and records where the row was.
#[derive(Plugin)]
#[ofx(id = "org.test.safety.Tall", version = "1.0")]
struct Tall;

impl ImageEffect for Tall {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Generator])?
            .supported_pixel_depths(&[BitDepth::U8])?
            .supports_tiles(true)?;
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        d.output_clip()?
            .supported_components(&[PixelComponents::Alpha])?;
        Ok(())
    }
    fn create_instance(_: &InstanceContext) -> Result<Self> {
        Ok(Tall)
    }
    fn region_of_definition(
        &self,
        _: &InstanceContext,
        _: &RegionOfDefinitionArgs,
    ) -> Result<Option<RectD>> {
        Ok(Some(RectD::new(0.0, TALL.y1.into(), 1.0, TALL.y2.into())))
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        let mut out = r.output()?;
        out.view_mut::<Alpha<u8>>()?
            .rows_mut()
            .for_each(|(y, row)| {
                TALL_ROWS.lock().unwrap().push((y, row.as_ptr() as usize));
                for px in row.into_slice() {
                    px.a = y.rem_euclid(251) as u8;
                }
            });
        Ok(())
    }
}

/// One column of 2^32 - 4 rows: more than `i32` can count.
const TALL: OfxRectI = Rect::new(0, i32::MIN + 2, 1, i32::MAX - 1).ofx();

#[test]
fn output_windows_of_images_taller_than_two_to_the_31_rows_stay_inside_the_buffer() {
    let _g = serial();
    let s = session();
    let p = s.plugin("org.test.safety.Tall").unwrap();
    let inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    // Windows at the top, the bottom and the middle of the bounds; with
    // 32-bit offsets the top one pointed below the buffer.
    for (y1, y2) in [(TALL.y2 - 5, TALL.y2), (TALL.y1, TALL.y1 + 3), (-2, 2)] {
        TALL_ROWS.lock().unwrap().clear();
        let window = OfxRectI {
            x1: 0,
            y1,
            x2: 1,
            y2,
        };
        let req = RenderRequest::at(0.0).window(window).output(OutputLayout {
            bounds: Some(TALL),
            ..OutputLayout::default()
        });
        let out = inst.render(&req).unwrap();
        assert_eq!(out.row_bytes(), 1);
        let base = out.data_ptr() as usize;
        let len = out.layout().byte_len();
        assert_eq!(len as u64, (1u64 << 32) - 4);
        let rows = TALL_ROWS.lock().unwrap().clone();
        assert_eq!(rows.len(), (y2 - y1) as usize, "{window:?}");
        for (y, addr) in rows {
            let expected = base as u64 + (i64::from(y) - i64::from(TALL.y1)) as u64;
            assert_eq!(addr as u64, expected, "row {y}");
            assert!(
                (base..base + len).contains(&addr),
                "row {y} outside the buffer"
            );
            assert_eq!(
                out.pixel_bytes(0, y),
                Some(&[y.rem_euclid(251) as u8][..]),
                "row {y}"
            );
        }
        // The rows next to the window were not written.
        for y in [y1 - 1, y2] {
            if (TALL.y1..TALL.y2).contains(&y) {
                assert_eq!(out.pixel_bytes(0, y), Some(&[0u8][..]), "row {y}");
            }
        }
    }
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

// ------------------------------------------- panics with panicking payloads

/// A panic payload whose `Drop` panics again: dropped outside a
/// `catch_unwind`, it would unwind out of `extern "C"` and abort the host.
struct Bomb;

impl Drop for Bomb {
    fn drop(&mut self) {
        panic!("the payload's drop panics too");
    }
}

/// Where `Bombs` panics (an index into [`ACTIONS`], or `usize::MAX`).
static PANIC_IN: AtomicUsize = AtomicUsize::new(usize::MAX);

/// Every action an effect implements, and the two kinds of worker a render
/// may run.
const ACTIONS: &[&str] = &[
    "describe",
    "describe_in_context",
    "create_instance",
    "render",
    "region_of_definition",
    "regions_of_interest",
    "frames_needed",
    "time_domain",
    "clip_preferences",
    "is_identity",
    "begin_sequence_render",
    "end_sequence_render",
    "instance_changed",
    "begin_instance_changed",
    "end_instance_changed",
    "purge_caches",
    "sync_private_data",
    "begin_instance_edit",
    "end_instance_edit",
    "output_colourspace",
    "destroy_instance",
    "thread_suite_job",
    "parallel_rows_worker",
];

fn maybe_explode(action: &str) {
    let i = PANIC_IN.load(Ordering::SeqCst);
    if ACTIONS.get(i) == Some(&action) {
        std::panic::panic_any(Bomb);
    }
}

/// A generator that panics, with a [`Bomb`], in the action [`PANIC_IN`]
/// names.
#[derive(Plugin)]
#[ofx(id = "org.test.safety.Bombs", version = "1.0")]
struct Bombs {
    _size: DoubleParam,
}

impl Drop for Bombs {
    fn drop(&mut self) {
        maybe_explode("destroy_instance");
    }
}

impl ImageEffect for Bombs {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        maybe_explode("describe");
        d.supported_contexts(&[Context::Generator, Context::General])?
            .supported_pixel_depths(&[BitDepth::F32])?
            .supports_tiles(true)?
            .render_thread_safety(RenderThreadSafety::FullySafe)?;
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        maybe_explode("describe_in_context");
        d.output_clip()?
            .supported_components(&[PixelComponents::Rgba])?;
        d.params().define_double("size")?.default(1.0);
        Ok(())
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        maybe_explode("create_instance");
        Ok(Bombs {
            _size: i.param("size")?,
        })
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        maybe_explode("render");
        ofx_plugin::thread::run(2, &|_, _| maybe_explode("thread_suite_job"))?;
        let mut out = r.output()?;
        out.view_mut::<Rgba<f32>>()?.par_rows(|row| {
            maybe_explode("parallel_rows_worker");
            row.fill(Rgba::new(1.0, 0.5, 0.25, 1.0));
        });
        Ok(())
    }
    fn region_of_definition(
        &self,
        _: &InstanceContext,
        _: &RegionOfDefinitionArgs,
    ) -> Result<Option<RectD>> {
        maybe_explode("region_of_definition");
        Ok(None)
    }
    fn regions_of_interest(
        &self,
        _: &InstanceContext,
        _: &RegionsOfInterestArgs,
        _: &mut RoiSetter<'_>,
    ) -> Result<Trapped> {
        maybe_explode("regions_of_interest");
        Ok(Trapped::No)
    }
    fn frames_needed(
        &self,
        _: &InstanceContext,
        _: &FramesNeededArgs,
        _: &mut FramesNeededSetter<'_>,
    ) -> Result<Trapped> {
        maybe_explode("frames_needed");
        Ok(Trapped::No)
    }
    fn time_domain(&self, _: &InstanceContext) -> Result<Option<[f64; 2]>> {
        maybe_explode("time_domain");
        Ok(None)
    }
    fn clip_preferences(
        &self,
        _: &InstanceContext,
        _: &mut ClipPreferencesSetter<'_>,
    ) -> Result<Trapped> {
        maybe_explode("clip_preferences");
        Ok(Trapped::No)
    }
    fn is_identity(&self, _: &InstanceContext, _: &IsIdentityArgs) -> Result<Identity> {
        maybe_explode("is_identity");
        Ok(Identity::No)
    }
    fn begin_sequence_render(
        &self,
        _: &InstanceContext,
        _: &SequenceRenderArgs,
    ) -> Result<Trapped> {
        maybe_explode("begin_sequence_render");
        Ok(Trapped::No)
    }
    fn end_sequence_render(&self, _: &InstanceContext, _: &SequenceRenderArgs) -> Result<Trapped> {
        maybe_explode("end_sequence_render");
        Ok(Trapped::No)
    }
    fn instance_changed(
        &self,
        _: &InstanceContext,
        _: &InstanceChangedArgs<'_>,
    ) -> Result<Trapped> {
        maybe_explode("instance_changed");
        Ok(Trapped::No)
    }
    fn begin_instance_changed(&self, _: &InstanceContext, _: ChangeReason) -> Result<Trapped> {
        maybe_explode("begin_instance_changed");
        Ok(Trapped::No)
    }
    fn end_instance_changed(&self, _: &InstanceContext, _: ChangeReason) -> Result<Trapped> {
        maybe_explode("end_instance_changed");
        Ok(Trapped::No)
    }
    fn purge_caches(&self, _: &InstanceContext) -> Result<Trapped> {
        maybe_explode("purge_caches");
        Ok(Trapped::No)
    }
    fn sync_private_data(&self, _: &InstanceContext) -> Result<Trapped> {
        maybe_explode("sync_private_data");
        Ok(Trapped::No)
    }
    fn begin_instance_edit(&self, _: &InstanceContext) -> Result<Trapped> {
        maybe_explode("begin_instance_edit");
        Ok(Trapped::No)
    }
    fn end_instance_edit(&self, _: &InstanceContext) -> Result<Trapped> {
        maybe_explode("end_instance_edit");
        Ok(Trapped::No)
    }
    fn output_colourspace(&self, _: &InstanceContext, _: &[String]) -> Result<Option<String>> {
        maybe_explode("output_colourspace");
        Ok(None)
    }
}

ofx_plugin::bundle!(Misuse, Tall, Bombs);

/// The status of the action `action` sent to a fresh `Bombs` (the
/// describe actions and create-instance on a fresh session).
fn status_of(action: &str) -> i32 {
    let s = session();
    let plugin = s.plugin("org.test.safety.Bombs");
    if action == "describe" {
        return plugin.err().map_or(kOfxStatOK, |e| e.status());
    }
    let p = plugin.expect("describe");
    let inst = match p.create_instance(ofx_host::Context::General) {
        Ok(i) => i,
        Err(e) => return e.status(),
    };
    let window = Rect::new(0, 0, 300, 200);
    let req = RenderRequest::at(0.0).window(window);
    let status = |r: std::result::Result<(), ofx_host::error::HostError>| {
        r.map_or_else(|e| e.status(), |()| kOfxStatOK)
    };
    let action_status = |name: &std::ffi::CStr, in_args: Option<usize>, out_args: Option<usize>| {
        inst.call_action(name, in_args, out_args)
    };
    match action {
        // Sent by create_instance, which succeeded.
        "describe_in_context" | "create_instance" => kOfxStatOK,
        "render" | "thread_suite_job" | "parallel_rows_worker" => {
            status(inst.render(&req).map(drop))
        }
        "region_of_definition" => status(inst.region_of_definition(0.0, ONE).map(drop)),
        "regions_of_interest" => status(
            inst.regions_of_interest(
                0.0,
                ONE,
                ofx_sys::OfxRectD {
                    x1: 0.0,
                    y1: 0.0,
                    x2: 10.0,
                    y2: 10.0,
                },
            )
            .map(drop),
        ),
        "frames_needed" => status(inst.frames_needed(0.0).map(drop)),
        "time_domain" => status(inst.time_domain().map(drop)),
        "clip_preferences" => status(inst.clip_preferences().map(drop)),
        "is_identity" => status(inst.is_identity(0.0, ONE, window).map(drop)),
        "begin_sequence_render" | "end_sequence_render" => {
            status(inst.render_sequence(&[0.0], &req).map(drop))
        }
        "instance_changed" | "begin_instance_changed" | "end_instance_changed" => {
            status(inst.instance_changed(Changed::Param("size"), 0.0))
        }
        "purge_caches" => action_status(ofx_sys::kOfxActionPurgeCaches, None, None),
        "sync_private_data" => action_status(ofx_sys::kOfxActionSyncPrivateData, None, None),
        "begin_instance_edit" => action_status(ofx_sys::kOfxActionBeginInstanceEdit, None, None),
        "end_instance_edit" => action_status(ofx_sys::kOfxActionEndInstanceEdit, None, None),
        "output_colourspace" => {
            let mut in_args = ofx_host::props::PropertySet::empty("OutputColourspaceIn");
            in_args.define(
                "OfxImageClipPropPreferredColourspaces",
                ofx_host::props::PropType::String,
                ofx_host::props::Dimension::Variable,
                false,
            );
            let in_h = ofx_host::testing::add_property_set(in_args);
            let mut out_args = ofx_host::props::PropertySet::empty("OutputColourspaceOut");
            out_args.define(
                "OfxImageClipPropColourspace",
                ofx_host::props::PropType::String,
                ofx_host::props::Dimension::Fixed(1),
                true,
            );
            let out_h = ofx_host::testing::add_property_set(out_args);
            action_status(
                ofx_sys::kOfxImageEffectActionGetOutputColourspace,
                Some(in_h.raw()),
                Some(out_h.raw()),
            )
        }
        "destroy_instance" => {
            drop(inst);
            let destroys: Vec<i32> = s
                .log()
                .actions()
                .into_iter()
                .filter(|a| a.action == "OfxActionDestroyInstance")
                .map(|a| a.status)
                .collect();
            *destroys.last().expect("a destroy action")
        }
        other => panic!("no way to send {other}"),
    }
}

#[test]
fn a_panic_whose_payload_panics_when_dropped_fails_the_action_and_the_host_survives() {
    let _g = serial();
    // With no panic every action answers as usual.
    PANIC_IN.store(usize::MAX, Ordering::SeqCst);
    for action in ACTIONS {
        let st = status_of(action);
        assert!(
            [kOfxStatOK, ofx_sys::kOfxStatReplyDefault].contains(&st),
            "{action} without a panic: {st}"
        );
    }
    for (i, action) in ACTIONS.iter().enumerate() {
        PANIC_IN.store(i, Ordering::SeqCst);
        let st = status_of(action);
        PANIC_IN.store(usize::MAX, Ordering::SeqCst);
        assert_eq!(st, kOfxStatFailed, "{action}");
    }
    // The process is still here, and the plugin still renders.
    assert_eq!(status_of("render"), kOfxStatOK);
}

#[test]
fn input_output_and_render_may_be_shared_with_scoped_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<InputImage<'static>>();
    send_sync::<OutputImage<'static>>();
    send_sync::<Render<'static>>();
    send_sync::<Clip>();
    send_sync::<DoubleParam>();
}

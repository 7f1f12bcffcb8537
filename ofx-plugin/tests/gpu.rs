//! The GPU side of the API through ofx-host's OpenCL host (pocl here and in
//! CI): what a render and a sequence are told, the device images and their
//! layout, the pixel views refused on a GPU render, the host's offer, a
//! `needed` API the host lacks, and the OpenGL context actions.

mod common;

use std::sync::Mutex;

use ofx_host::ClipName;
use ofx_host::Rect;
use ofx_host::driver::{Backend as HostBackend, GpuOffer, HostConfig, RenderRequest};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_plugin::gpu::{GpuEnabled, HostGpu};
use ofx_plugin::prelude::*;
use ofx_plugin::{HostInfo, SequenceRenderArgs, Trapped};

static EVENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn event(e: String) {
    EVENTS.lock().unwrap().push(e);
}

fn take_events() -> Vec<String> {
    std::mem::take(&mut *EVENTS.lock().unwrap())
}

/// Declares OpenCL (both kinds) and OpenGL, and reports what it is given.
#[derive(Plugin)]
#[ofx(id = "org.test.gpu.Probe", version = "1.0")]
struct Probe {
    source: Clip,
}

impl ImageEffect for Probe {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        common::filter_only(d)?;
        d.supported_pixel_depths(&[BitDepth::F32, BitDepth::U8])?
            .opencl_buffers(GpuSupport::Yes)?
            .opencl_images(true)?
            .opengl_render(GpuSupport::Yes)?;
        event(format!("host offers {:?}", HostInfo::get()?.gpu));
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        common::filter_clips(d)
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Probe {
            source: i.source_clip()?,
        })
    }
    fn begin_sequence_render(
        &self,
        _: &InstanceContext,
        a: &SequenceRenderArgs,
    ) -> Result<Trapped> {
        event(format!("begin sequence on {:?}", a.gpu));
        Ok(Trapped::Yes)
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        event(format!("render on {:?}", r.gpu_enabled()));
        match r.backend()? {
            Backend::Cpu => {
                let src = r.input(&self.source)?;
                let mut out = r.output()?;
                out.view_mut::<Rgba<f32>>()?
                    .par_rows_from(&src.view::<Rgba<f32>>()?, |row, s| row.copy_from_slice(s));
            }
            Backend::OpenClBuffers(cl) => {
                // Pixel views of device memory are refused, cleanly.
                event(format!(
                    "input view: {}",
                    r.input(&self.source).unwrap_err()
                ));
                event(format!("output view: {}", r.output().unwrap_err()));
                let src = cl.input(&self.source)?;
                let out = cl.output()?;
                // One output at a time, on the GPU as on the CPU.
                event(format!("second output: {}", cl.output().unwrap_err()));
                let (s, o) = (src.layout(), out.layout());
                event(format!(
                    "buffers: source {:?} rows {} {:?}, output {:?} window {:?}, distinct {}",
                    s.bounds,
                    s.row_bytes,
                    s.depth,
                    o.bounds,
                    o.window,
                    src.mem() != out.mem()
                ));
            }
            Backend::OpenClImages(cl) => {
                let src = cl.input(&self.source)?;
                event(format!(
                    "images: rows {} {:?}",
                    src.layout().row_bytes,
                    src.layout().bounds
                ));
            }
            other => event(format!("unexpected {other:?}")),
        }
        Ok(())
    }
    fn opengl_context_attached(&self, _: &InstanceContext) -> Result<Trapped> {
        event("GL attached".into());
        Ok(Trapped::Yes)
    }
    fn opengl_context_detached(&self, _: &InstanceContext) -> Result<Trapped> {
        event("GL detached".into());
        Ok(Trapped::Yes)
    }
}

/// Cannot render without CUDA.
#[derive(Plugin)]
#[ofx(id = "org.test.gpu.NeedsCuda", version = "1.0")]
struct NeedsCuda;

impl ImageEffect for NeedsCuda {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        common::filter_only(d)?;
        d.cuda_render(GpuSupport::Needed)?;
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        common::filter_clips(d)
    }
    fn create_instance(_: &InstanceContext) -> Result<Self> {
        Ok(NeedsCuda)
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
}

ofx_plugin::bundle!(Probe, NeedsCuda);

/// The tests share the event list: one at a time.
static TURN: Mutex<()> = Mutex::new(());

fn source() -> ImageBuffer {
    ImageBuffer::from_fn(
        Layout::packed(Rect::new(-2, 1, 6, 5), Depth::F32, Components::Rgba),
        |x, y| [x as f32, y as f32, 0.5, 1.0],
    )
}

#[test]
fn a_render_on_opencl_buffers_gets_device_images_and_no_pixel_views() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let s = ofx_host::in_process!(HostConfig::default().gpu(GpuOffer::opencl())).unwrap();
    let p = s.plugin("org.test.gpu.Probe").unwrap();
    let mut fx = p.create_instance(ofx_host::Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, source()).unwrap();
    take_events();
    let req = RenderRequest::at(0.0).window(Rect::new(0, 2, 4, 4));
    fx.render(&req.clone().backend(HostBackend::OpenClBuffers))
        .unwrap();
    let ev = take_events();
    assert!(
        ev.contains(&"begin sequence on OpenCl".to_owned()),
        "{ev:#?}"
    );
    assert!(ev.contains(&"render on OpenCl".to_owned()), "{ev:#?}");
    let refused = |what: &str| {
        ev.iter().any(|e| {
            e.starts_with(what) && e.contains("device memory, fetched through Render::backend()")
        })
    };
    assert!(refused("input view") && refused("output view"), "{ev:#?}");
    assert!(
        ev.iter()
            .any(|e| e.starts_with("second output") && e.contains("already fetched")),
        "{ev:#?}"
    );
    // Bounds and row bytes as the host gives them: packed rows of 8 RGBA
    // floats; this host's output covers just the render window.
    assert!(
        ev.contains(
            &"buffers: source RectI { x1: -2, y1: 1, x2: 6, y2: 5 } rows 128 F32, \
              output RectI { x1: 0, y1: 2, x2: 4, y2: 4 } window RectI { x1: 0, y1: 2, x2: 4, y2: 4 }, \
              distinct true"
                .to_owned()
        ),
        "{ev:#?}"
    );

    // Images: the same effect, told apart by the output image.
    fx.render(&req.clone().backend(HostBackend::OpenClImages))
        .unwrap();
    let ev = take_events();
    assert!(
        ev.contains(&"images: rows 0 RectI { x1: -2, y1: 1, x2: 6, y2: 5 }".to_owned()),
        "{ev:#?}"
    );
    // And the CPU when the host enables nothing.
    let out = fx.render(&req).unwrap();
    assert!(take_events().contains(&"render on Cpu".to_owned()));
    assert_eq!(out.get(1, 3), Some([1.0, 3.0, 0.5, 1.0]));
    assert!(s.log().violations().is_empty());
}

#[test]
fn the_host_offer_is_typed() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    take_events();
    let s = ofx_host::in_process!(HostConfig::default().gpu(GpuOffer {
        opencl_buffers: true,
        opencl_images: false,
        opengl: true,
        cuda: false,
        metal: false,
    }))
    .unwrap();
    s.plugin("org.test.gpu.Probe").unwrap();
    let want = HostGpu {
        opengl: true,
        opencl_buffers: true,
        cpu: true,
        ..HostGpu::default()
    };
    assert!(take_events().contains(&format!("host offers {want:?}")));
}

#[test]
fn a_needed_api_the_host_lacks_fails_describe_with_missing_host_feature() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let s = ofx_host::in_process!(HostConfig::default().gpu(GpuOffer::opencl())).unwrap();
    let e = s
        .plugin("org.test.gpu.NeedsCuda")
        .err()
        .expect("describe fails");
    let text = format!("{e:?}");
    let want = format!("status: {}", ofx_sys::kOfxStatErrMissingHostFeature);
    assert!(
        text.contains("OfxActionDescribe") && text.contains(&want),
        "{text}"
    );
}

#[test]
fn the_opengl_context_actions_reach_the_effect() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let s = ofx_host::in_process!().unwrap();
    let p = s.plugin("org.test.gpu.Probe").unwrap();
    let fx = p.create_instance(ofx_host::Context::Filter).unwrap();
    take_events();
    let attached = fx.call_action(ofx_sys::kOfxActionOpenGLContextAttached, None, None);
    // The header's literal string, with its leading "k".
    assert_eq!(
        ofx_sys::kOfxActionOpenGLContextDetached,
        c"kOfxActionOpenGLContextDetached"
    );
    let detached = fx.call_action(ofx_sys::kOfxActionOpenGLContextDetached, None, None);
    assert_eq!(
        (attached, detached),
        (ofx_sys::kOfxStatOK, ofx_sys::kOfxStatOK)
    );
    assert_eq!(take_events(), ["GL attached", "GL detached"]);
    let _ = GpuEnabled::Cpu;
}

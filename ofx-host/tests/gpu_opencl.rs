//! OpenCL rendering through the host, on whatever OpenCL platform is
//! installed (pocl in CI): negotiation, `cl_mem` images handed out on the
//! host's queue, the read-back, the reference counts, and the CPU retry.
//!
//! These tests fail, not skip, when no OpenCL platform is present: CI
//! installs one (`.ci/run`).

use ofx_bad_plugins::{Fault, id_of};
use ofx_host::driver::{Backend, GpuOffer};
use ofx_host::log::ViolationKind;
use ofx_host::prelude::*;
use ofx_sys::{OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxSetHostFn};

/// The session's journal as text, for failure messages and notes.
fn text(log: &ofx_host::log::Log) -> String {
    log.journal()
        .iter()
        .map(|e| e.line())
        .collect::<Vec<_>>()
        .join("\n")
}

fn session(offer: GpuOffer) -> Session {
    Session::in_process(
        ofx_bad_plugins::get_plugin as OfxGetPluginFn,
        Some(ofx_bad_plugins::number_of_plugins as OfxGetNumberOfPluginsFn),
        Some(ofx_bad_plugins::set_host as OfxSetHostFn),
        HostConfig::default().gpu(offer),
    )
    .unwrap()
}

/// A source with a different value in every channel of every pixel, with
/// bounds away from the origin.
fn source(depth: Depth, components: Components) -> ImageBuffer {
    ImageBuffer::from_fn(
        Layout::packed(Rect::new(-3, 2, 14, 11), depth, components),
        |x, y| {
            let v = (x + 3) as f32 / 17.0;
            let w = (y - 2) as f32 / 9.0;
            [v, w, 1.0 - v, (v + w) / 2.0]
        },
    )
}

/// Renders the plugin on `backend` over a window, and on the CPU.
fn render_both(
    p: &Plugin<'_>,
    backend: Backend,
    depth: Depth,
    components: Components,
) -> (Result<ImageBuffer, HostError>, ImageBuffer, Option<Backend>) {
    let mut fx = p.create_instance(Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, source(depth, components))
        .unwrap();
    let req = RenderRequest::at(0.0).window(Rect::new(-1, 3, 9, 10));
    let gpu = fx.render(&req.clone().backend(backend));
    let rendered_on = fx.last_backend();
    let cpu = fx.render(&req).unwrap();
    (gpu, cpu, rendered_on)
}

#[test]
fn host_description_advertises_the_offer() {
    let s = session(GpuOffer {
        opencl_buffers: true,
        opencl_images: false,
        opengl: true,
        cuda: false,
        metal: true,
    });
    let h = s.host_properties();
    for (name, v) in [
        ("OfxImageEffectPropOpenCLRenderSupported", "true"),
        ("OfxImageEffectPropOpenCLSupported", "false"),
        ("OfxImageEffectPropOpenGLRenderSupported", "true"),
        ("OfxImageEffectPropCudaRenderSupported", "false"),
        ("OfxImageEffectPropMetalRenderSupported", "true"),
    ] {
        assert_eq!(h.get_string(name, 0).unwrap(), v, "{name}");
    }
}

/// Renders the OpenClCopy plugin on `backend` and on the CPU at every depth
/// and each of `components`: the same pixels, rendered on `backend`, with
/// the source's pixel at `probe` (a real copy, not zeros), and no violation.
fn renders_the_cpu_pixels(backend: Backend, components: &[Components], probe: (i32, i32)) {
    let s = session(GpuOffer::opencl());
    let p = s.plugin(id_of(Fault::OpenClCopy)).unwrap();
    for depth in [Depth::U8, Depth::U16, Depth::Half, Depth::F32] {
        for &comps in components {
            let (gpu, cpu, on) = render_both(&p, backend, depth, comps);
            let gpu = gpu.unwrap_or_else(|e| panic!("{depth} {comps}: {e:?}\n{}", text(s.log())));
            assert_eq!(on, Some(backend));
            gpu.compare(&cpu, Rect::new(-1, 3, 9, 10), 0.0)
                .unwrap_or_else(|m| panic!("{depth} {comps}: {m}"));
            assert_eq!(
                gpu.get(probe.0, probe.1),
                source(depth, comps).get(probe.0, probe.1)
            );
        }
    }
    assert!(s.log().violations().is_empty(), "{}", text(s.log()));
}

#[test]
fn opencl_buffers_render_the_cpu_pixels_at_every_depth() {
    renders_the_cpu_pixels(
        Backend::OpenClBuffers,
        &[Components::Rgba, Components::Rgb, Components::Alpha],
        (0, 5),
    );
}

#[test]
fn opencl_images_render_the_cpu_pixels_for_rgba_and_alpha() {
    renders_the_cpu_pixels(
        Backend::OpenClImages,
        &[Components::Rgba, Components::Alpha],
        (2, 7),
    );
}

#[test]
fn opencl_images_refuse_rgb_cleanly() {
    let s = session(GpuOffer::opencl());
    let (gpu, _, _) = render_both(
        &s.plugin(id_of(Fault::OpenClCopy)).unwrap(),
        Backend::OpenClImages,
        Depth::F32,
        Components::Rgb,
    );
    assert!(
        matches!(gpu, Err(HostError::Unsupported(ref m)) if m.contains("RGB")),
        "{gpu:?}"
    );
}

#[test]
fn a_backend_the_host_does_not_advertise_is_an_error() {
    let s = session(GpuOffer {
        opencl_images: true,
        ..GpuOffer::default()
    });
    let (gpu, _, _) = render_both(
        &s.plugin(id_of(Fault::OpenClCopy)).unwrap(),
        Backend::OpenClBuffers,
        Depth::F32,
        Components::Rgba,
    );
    assert!(
        matches!(gpu, Err(HostError::Unsupported(ref m)) if m.contains("does not advertise")),
        "{gpu:?}"
    );
}

#[test]
fn a_plugin_without_opencl_renders_on_the_cpu() {
    let s = session(GpuOffer::opencl());
    let (gpu, cpu, on) = render_both(
        &s.plugin(id_of(Fault::None)).unwrap(),
        Backend::OpenClBuffers,
        Depth::F32,
        Components::Rgba,
    );
    assert_eq!(on, Some(Backend::Cpu));
    gpu.unwrap()
        .compare(&cpu, Rect::new(-1, 3, 9, 10), 0.0)
        .unwrap();
    assert!(text(s.log()).contains("rendering on the CPU"));
}

#[test]
fn gpu_render_failed_is_retried_on_the_cpu() {
    let s = session(GpuOffer::opencl());
    let (gpu, cpu, on) = render_both(
        &s.plugin(id_of(Fault::GpuRenderFails)).unwrap(),
        Backend::OpenClBuffers,
        Depth::F32,
        Components::Rgba,
    );
    assert_eq!(on, Some(Backend::Cpu));
    gpu.unwrap()
        .compare(&cpu, Rect::new(-1, 3, 9, 10), 0.0)
        .unwrap();
    assert!(
        text(s.log()).contains("rendering again on the CPU"),
        "{}",
        text(s.log())
    );
}

#[test]
fn releasing_the_host_queue_is_a_violation_and_the_host_survives() {
    let s = session(GpuOffer::opencl());
    let p = s.plugin(id_of(Fault::ReleasesHostQueue)).unwrap();
    for _ in 0..2 {
        let (gpu, cpu, _) = render_both(&p, Backend::OpenClBuffers, Depth::U8, Components::Rgba);
        gpu.unwrap()
            .compare(&cpu, Rect::new(-1, 3, 9, 10), 0.0)
            .unwrap();
    }
    let v = s.log().violations_of(ViolationKind::GpuReferenceCount);
    assert_eq!(v.len(), 2, "{}", text(s.log()));
    assert!(v[0].detail.contains("command queue"), "{v:?}");
    assert!(v[0].detail.contains("released"), "{v:?}");
}

#[test]
fn the_legal_plugin_leaves_every_reference_count_as_it_was() {
    let s = session(GpuOffer::opencl());
    let p = s.plugin(id_of(Fault::OpenClCopy)).unwrap();
    for backend in [Backend::OpenClBuffers, Backend::OpenClImages] {
        let (gpu, _, _) = render_both(&p, backend, Depth::F32, Components::Rgba);
        gpu.unwrap();
    }
    assert!(
        s.log()
            .violations_of(ViolationKind::GpuReferenceCount)
            .is_empty(),
        "{}",
        text(s.log())
    );
}

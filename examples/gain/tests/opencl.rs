//! Gain on OpenCL through ofx-host (pocl on this machine and in CI, which
//! installs it: these tests fail rather than skip without OpenCL). Every
//! render is compared with the CPU render of the same instance, at every
//! depth and component type the backend supports, with the bounds and row
//! bytes the host gives.

use gain::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};
use ofx_host::driver::{Backend, GpuOffer};
use ofx_host::log::ViolationKind;
use ofx_host::prelude::*;

mod common;

use common::{journal, settings, source};

const GAIN: &str = "org.ofx-rs.examples.Gain";

/// Renders every setting on `backend` and on the CPU, and compares them
/// within `tolerance(depth)`.
fn compare_with_cpu(backend: Backend, components: &[Components], tolerance: impl Fn(Depth) -> f32) {
    let s = in_process!(HostConfig::default().gpu(GpuOffer::opencl())).unwrap();
    let p = s.plugin(GAIN).unwrap();
    let window = Rect::new(-1, 3, 9, 10);
    for depth in [Depth::U8, Depth::U16, Depth::Half, Depth::F32] {
        for &comps in components {
            if backend == Backend::OpenClImages
                && (depth, comps) == (Depth::Half, Components::Alpha)
            {
                // pocl's read_imagef/write_imagef on CL_A + CL_HALF_FLOAT
                // images give zeros (even for a plain copy, while the host's
                // clEnqueueCopyImage of the same images is right): a pocl
                // limitation, left out here (docs/gpu.md).
                continue;
            }
            for params in settings() {
                let mut fx = p.create_instance(Context::Filter).unwrap();
                for (name, v) in &params {
                    fx.set_param(name, v.clone()).unwrap();
                }
                fx.connect_image(ClipName::SOURCE, source(depth, comps))
                    .unwrap();
                let req = RenderRequest::at(0.0).window(window);
                let what = format!("{depth} {comps} {params:?}");
                let gpu = fx
                    .render(&req.clone().backend(backend))
                    .unwrap_or_else(|e| panic!("{what}: {e:?}\n{}", journal(&s)));
                // Rendered by the kernel, not retried on the CPU.
                assert_eq!(fx.last_backend(), Some(backend), "{what}\n{}", journal(&s));
                let cpu = fx.render(&req).unwrap();
                gpu.compare(&cpu, window, tolerance(depth))
                    .unwrap_or_else(|m| panic!("{what}: {m}"));
            }
        }
    }
    // No violation, except counts found *higher* after the host's clFinish,
    // which pocl's lingering references to finished commands cause from
    // time to time (the plugin retains nothing); a plugin releasing a host
    // object shows as a *lower* count, which fails.
    let v = s.log().violations();
    assert!(
        v.iter()
            .all(|v| v.kind == ViolationKind::GpuReferenceCount && v.detail.contains("higher")),
        "{}",
        journal(&s)
    );
}

#[test]
fn opencl_buffers_give_the_cpu_pixels_exactly_at_every_depth() {
    compare_with_cpu(
        Backend::OpenClBuffers,
        &[Components::Rgba, Components::Rgb, Components::Alpha],
        |_| 0.0,
    );
}

/// OpenCL images hold normalised values, and OpenCL rounds the write of an
/// integer channel to nearest even where the CPU rounds halves up: integer
/// depths agree within one step; floats and halves exactly. (OpenCL has no
/// RGB images.)
#[test]
fn opencl_images_give_the_cpu_pixels_within_one_integer_step() {
    compare_with_cpu(
        Backend::OpenClImages,
        &[Components::Rgba, Components::Alpha],
        |d| match d {
            Depth::U8 => 1.0 / 255.0 + 1e-6,
            Depth::U16 => 1.0 / 65535.0 + 1e-7,
            _ => 0.0,
        },
    );
}

#[test]
fn gain_declares_both_opencl_flags_and_the_host_sees_them() {
    let s = in_process!(HostConfig::default().gpu(GpuOffer::opencl())).unwrap();
    let p = s.plugin(GAIN).unwrap();
    let d = p.descriptor();
    assert_eq!(
        d.get_string("OfxImageEffectPropOpenCLRenderSupported", 0)
            .unwrap(),
        "true"
    );
    assert_eq!(
        d.get_string("OfxImageEffectPropOpenCLSupported", 0)
            .unwrap(),
        "true"
    );
}

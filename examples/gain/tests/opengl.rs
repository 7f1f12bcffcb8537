//! Gain on OpenGL through ofx-host (Mesa's llvmpipe through EGL on this
//! machine and in CI: these tests fail rather than skip without it). Every
//! render is compared with the CPU render of the same instance, RGBA (the
//! one component type OpenGL renders) at every depth, with bounds away from
//! the origin, a window smaller than them, and a render scale.

use gain::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};
use ofx_host::driver::{Backend, GpuOffer};
use ofx_host::prelude::*;

mod common;

use common::{journal, settings, source};

const GAIN: &str = "org.ofx-rs.examples.Gain";

fn opengl() -> GpuOffer {
    GpuOffer {
        opengl: true,
        ..GpuOffer::default()
    }
}

/// How far the OpenGL render may be from the CPU's.
///
/// * Plain gains at integer depths: exactly. The shader recovers the
///   integer from the normalised texel, scales, clamps and rounds halves up
///   in integer units as the CPU does; the texture write of `v / white`
///   then rounds back to `v`.
/// * Premultiplied input at integer depths: one step. The shader works in
///   normalised units as the CPU does, but the texture write rounds to
///   nearest (ties are the GL's choice) where the CPU rounds halves up
///   (llvmpipe: a few u8 pixels differ by one step, u16 none).
/// * Floats: plain gains exactly (one multiplication); premultiplied within
///   1e-6, as a GL's division may be a reciprocal and a multiplication
///   (llvmpipe's is exact).
/// * Half floats: one half step at the values used (below 4: 2^-9). The
///   CPU rounds `f32` to half to nearest even; Mesa's llvmpipe truncates
///   when it writes a `GL_RGBA16F` target (other GLs may round).
fn tolerance(depth: Depth, premultiplied: bool) -> f32 {
    match (depth, premultiplied) {
        (Depth::U8, false) | (Depth::U16, false) | (Depth::F32, false) => 0.0,
        (Depth::U8, true) => 1.0 / 255.0 + 1e-6,
        (Depth::U16, true) => 1.0 / 65535.0 + 1e-7,
        (Depth::F32, true) => 1e-6,
        (Depth::Half, _) => 1.0 / 512.0,
    }
}

#[test]
fn opengl_gives_the_cpu_pixels_at_every_depth_window_and_scale() {
    let s = in_process!(HostConfig::default().gpu(opengl())).unwrap();
    let p = s.plugin(GAIN).unwrap();
    let requests = [
        RenderRequest::at(0.0).window(Rect::new(-1, 3, 9, 10)),
        RenderRequest::at(0.0).scale(0.5),
    ];
    for depth in [Depth::U8, Depth::U16, Depth::Half, Depth::F32] {
        for params in settings() {
            for req in &requests {
                let mut fx = p.create_instance(Context::Filter).unwrap();
                for (name, v) in &params {
                    fx.set_param(name, v.clone()).unwrap();
                }
                fx.connect_image(ClipName::SOURCE, source(depth, Components::Rgba))
                    .unwrap();
                let what = format!("{depth} {params:?} scale {:?}", req.scale);
                let gpu = fx
                    .render(&req.clone().backend(Backend::OpenGl))
                    .unwrap_or_else(|e| panic!("{what}: {e:?}\n{}", journal(&s)));
                // Drawn by the shader, not retried on the CPU.
                assert_eq!(
                    fx.last_backend(),
                    Some(Backend::OpenGl),
                    "{what}\n{}",
                    journal(&s)
                );
                let cpu = fx.render(req).unwrap();
                let premultiplied = params.iter().any(|(n, _)| *n == "premultiplied");
                // All of the output's bounds: the shader wrote nothing
                // outside the window either.
                gpu.compare(&cpu, cpu.bounds(), tolerance(depth, premultiplied))
                    .unwrap_or_else(|m| panic!("{what}: {m}"));
            }
        }
    }
    let v = s.log().violations();
    assert!(v.is_empty(), "{}", journal(&s));
}

#[test]
fn gain_declares_opengl_and_the_host_sees_it() {
    let s = in_process!(HostConfig::default().gpu(opengl())).unwrap();
    let p = s.plugin(GAIN).unwrap();
    assert_eq!(
        p.descriptor()
            .get_string("OfxImageEffectPropOpenGLRenderSupported", 0)
            .unwrap(),
        "true"
    );
}

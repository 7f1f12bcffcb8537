//! OpenGL rendering through the host, on Mesa's surfaceless EGL platform
//! (llvmpipe in CI): negotiation, textures handed out by the OpenGL render
//! suite, the output framebuffer and its read-back, the attached and
//! detached actions, leaks, and the CPU retry.
//!
//! These tests fail, not skip, when Mesa's EGL is missing: CI installs it
//! (`.ci/run`).

use std::ffi::c_void;

use ofx_bad_plugins::{Fault, id_of};
use ofx_host::driver::{Backend, GpuOffer, OutputLayout};
use ofx_host::log::{Entry, ViolationKind};
use ofx_host::prelude::*;
use ofx_sys::{OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxSetHostFn};

/// The session's journal as text, for failure messages.
fn text(log: &ofx_host::log::Log) -> String {
    log.journal()
        .iter()
        .map(|e| e.line())
        .collect::<Vec<_>>()
        .join("\n")
}

fn session() -> Session {
    Session::in_process(
        ofx_bad_plugins::get_plugin as OfxGetPluginFn,
        Some(ofx_bad_plugins::number_of_plugins as OfxGetNumberOfPluginsFn),
        Some(ofx_bad_plugins::set_host as OfxSetHostFn),
        HostConfig::default().gpu(GpuOffer::all()),
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

/// The requests rendered: a window inside the source with output bounds
/// larger than the window (and offset from it), whose outside is filled
/// so that stray writes show; and a window larger than the source.
fn requests() -> [RenderRequest; 2] {
    let mut inside = RenderRequest::at(0.0)
        .window(Rect::new(-1, 3, 9, 10))
        .output(OutputLayout {
            bounds: Some(Rect::new(-4, 1, 12, 13).into()),
            ..OutputLayout::default()
        });
    inside.fill_outside = Some(0x5A);
    let beyond = RenderRequest::at(0.0).window(Rect::new(-6, 0, 17, 13));
    [inside, beyond]
}

#[test]
fn opengl_renders_the_cpu_pixels_at_every_depth() {
    let s = session();
    let p = s.plugin(id_of(Fault::OpenGlCopy)).unwrap();
    for depth in [Depth::U8, Depth::U16, Depth::Half, Depth::F32] {
        let mut fx = p.create_instance(Context::Filter).unwrap();
        fx.connect_image(ClipName::SOURCE, source(depth, Components::Rgba))
            .unwrap();
        for req in requests() {
            let gl = fx
                .render(&req.clone().backend(Backend::OpenGl))
                .unwrap_or_else(|e| panic!("{depth}: {e:?}\n{}", text(s.log())));
            assert_eq!(fx.last_backend(), Some(Backend::OpenGl), "{depth}");
            let cpu = fx.render(&req).unwrap();
            assert_eq!(gl.bounds(), cpu.bounds());
            gl.compare(&cpu, cpu.bounds(), depth.quantum())
                .unwrap_or_else(|m| panic!("{depth} {:?}: {m}", req.window));
            // A real copy: the source's pixel, not zeros.
            let src = source(depth, Components::Rgba);
            let (a, b) = (gl.get(2, 7).unwrap(), src.get(2, 7).unwrap());
            assert!(
                a.iter()
                    .zip(b)
                    .all(|(x, y)| (x - y).abs() <= depth.quantum()),
                "{depth}: {a:?} vs {b:?}"
            );
        }
    }
    assert!(s.log().violations().is_empty(), "{}", text(s.log()));
}

#[test]
fn an_input_is_converted_to_the_depth_the_plugin_asks_for() {
    // The source's images are u8 (as clipGetImage would give them); the
    // plugin asks for its source in the output's depth, f32.
    let s = session();
    let p = s.plugin(id_of(Fault::OpenGlCopy)).unwrap();
    let mut fx = p.create_instance(Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, source(Depth::F32, Components::Rgba))
        .unwrap();
    fx.set_input_layout(
        ClipName::SOURCE,
        ofx_host::driver::InputLayout {
            depth: Some(Depth::U8),
            ..Default::default()
        },
    )
    .unwrap();
    let window = Rect::new(-1, 3, 9, 10);
    let gl = fx
        .render(
            &RenderRequest::at(0.0)
                .window(window)
                .backend(Backend::OpenGl),
        )
        .unwrap_or_else(|e| panic!("{e:?}\n{}", text(s.log())));
    assert_eq!(gl.layout().depth, Depth::F32);
    let bytes = source(Depth::F32, Components::Rgba).to_layout(Layout::packed(
        Rect::new(-3, 2, 14, 11),
        Depth::U8,
        Components::Rgba,
    ));
    for y in 3..10 {
        for x in -1..9 {
            let (a, b) = (gl.get(x, y).unwrap(), bytes.get(x, y).unwrap());
            assert!(
                a.iter().zip(b).all(|(p, q)| (p - q).abs() < 1e-6),
                "({x},{y}): {a:?} vs the u8 source {b:?}"
            );
        }
    }
    let loads: Vec<_> = s
        .log()
        .journal()
        .into_iter()
        .filter_map(|e| match e {
            Entry::Suite(c) if c.function == "clipLoadTexture" => Some(c.name),
            _ => None,
        })
        .collect();
    assert_eq!(
        loads,
        [None, Some("OfxBitDepthFloat".to_string())],
        "{}",
        text(s.log())
    );
    assert!(s.log().violations().is_empty(), "{}", text(s.log()));
}

#[test]
fn attached_comes_before_the_first_render_and_detached_before_destroy() {
    let s = session();
    let p = s.plugin(id_of(Fault::OpenGlCopy)).unwrap();
    let mut fx = p.create_instance(Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, source(Depth::F32, Components::Rgba))
        .unwrap();
    // The instance says what the descriptor declared.
    assert_eq!(
        fx.props()
            .get_string("OfxImageEffectPropOpenGLRenderSupported", 0)
            .unwrap(),
        "true"
    );
    let req = RenderRequest::at(0.0).backend(Backend::OpenGl);
    fx.render(&req).unwrap();
    fx.render(&req).unwrap();
    drop(fx);
    let actions: Vec<String> = s
        .log()
        .journal()
        .into_iter()
        .filter_map(|e| match e {
            Entry::ActionBegin { action, .. } => Some(action),
            _ => None,
        })
        .collect();
    let at = |name: &str| -> Vec<usize> {
        actions
            .iter()
            .enumerate()
            .filter(|(_, a)| *a == name)
            .map(|(i, _)| i)
            .collect()
    };
    let attached = at("OfxActionOpenGLContextAttached");
    let detached = at("kOfxActionOpenGLContextDetached");
    let renders = at("OfxImageEffectActionRender");
    let destroy = at("OfxActionDestroyInstance");
    assert_eq!(attached.len(), 1, "{actions:?}");
    assert_eq!(detached.len(), 1, "{actions:?}");
    assert_eq!(renders.len(), 2, "{actions:?}");
    assert!(attached[0] < renders[0], "{actions:?}");
    assert!(renders[1] < detached[0], "{actions:?}");
    assert!(detached[0] < destroy[0], "{actions:?}");
    assert!(s.log().violations().is_empty(), "{}", text(s.log()));
}

#[test]
fn a_texture_not_freed_is_a_violation() {
    let s = session();
    let req = RenderRequest::at(0.0).window(Rect::new(-1, 3, 9, 10));
    // The control frees both textures; LeaksTexture keeps its source's.
    for (fault, leaks) in [(Fault::OpenGlCopy, 0), (Fault::LeaksTexture, 1)] {
        let p = s.plugin(id_of(fault)).unwrap();
        let mut fx = p.create_instance(Context::Filter).unwrap();
        fx.connect_image(ClipName::SOURCE, source(Depth::U8, Components::Rgba))
            .unwrap();
        let gl = fx.render(&req.clone().backend(Backend::OpenGl)).unwrap();
        assert_eq!(fx.last_backend(), Some(Backend::OpenGl));
        gl.compare(&fx.render(&req).unwrap(), Rect::new(-1, 3, 9, 10), 0.0)
            .unwrap();
        let v = s.log().violations_of(ViolationKind::LeakedTexture);
        assert_eq!(v.len(), leaks, "{fault:?}: {}", text(s.log()));
        assert!(v.iter().all(|v| v.detail.contains("'Source'")), "{v:?}");
    }
    assert_eq!(s.log().violations().len(), 1, "{}", text(s.log()));
}

#[test]
fn a_gl_error_left_set_is_a_violation() {
    let s = session();
    let p = s.plugin(id_of(Fault::LeavesGlError)).unwrap();
    let mut fx = p.create_instance(Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, source(Depth::Half, Components::Rgba))
        .unwrap();
    let req = RenderRequest::at(0.0).window(Rect::new(-1, 3, 9, 10));
    let gl = fx.render(&req.clone().backend(Backend::OpenGl)).unwrap();
    gl.compare(&fx.render(&req).unwrap(), Rect::new(-1, 3, 9, 10), 0.0)
        .unwrap();
    let v = s.log().violations_of(ViolationKind::GlError);
    assert_eq!(v.len(), 1, "{}", text(s.log()));
    // GL_INVALID_ENUM.
    assert!(v[0].detail.contains("0x500"), "{v:?}");
    assert_eq!(s.log().violations().len(), 1, "{}", text(s.log()));
}

#[test]
fn rgb_and_alpha_clips_are_refused_on_opengl() {
    let s = session();
    let p = s.plugin(id_of(Fault::OpenGlCopy)).unwrap();
    for comps in [Components::Rgb, Components::Alpha] {
        let mut fx = p.create_instance(Context::Filter).unwrap();
        fx.connect_image(ClipName::SOURCE, source(Depth::F32, comps))
            .unwrap();
        let r = fx.render(&RenderRequest::at(0.0).backend(Backend::OpenGl));
        assert!(
            matches!(r, Err(HostError::Unsupported(ref m)) if m.contains("RGBA only")),
            "{comps}: {r:?}"
        );
    }
}

#[test]
fn a_texture_loaded_outside_render_is_refused() {
    let s = session();
    let p = s.plugin(id_of(Fault::TextureOutsideRender)).unwrap();
    let mut fx = p.create_instance(Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, source(Depth::F32, Components::Rgba))
        .unwrap();
    fx.render(&RenderRequest::at(0.0).backend(Backend::OpenGl))
        .unwrap();
    let v = s.log().violations_of(ViolationKind::WrongAction);
    assert_eq!(v.len(), 1, "{}", text(s.log()));
    assert!(
        v[0].detail.contains("clipLoadTexture") && v[0].detail.contains("BeginSequenceRender"),
        "{v:?}"
    );
    let refused = s.log().journal().into_iter().any(|e| {
        matches!(e, Entry::Suite(c) if c.function == "clipLoadTexture" && c.status == ofx_sys::kOfxStatFailed)
    });
    assert!(refused, "{}", text(s.log()));
}

#[test]
fn gpu_render_failed_on_opengl_is_retried_on_the_cpu() {
    let s = session();
    let p = s.plugin(id_of(Fault::GpuRenderFails)).unwrap();
    let mut fx = p.create_instance(Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, source(Depth::F32, Components::Rgba))
        .unwrap();
    let req = RenderRequest::at(0.0).window(Rect::new(-1, 3, 9, 10));
    let gl = fx.render(&req.clone().backend(Backend::OpenGl)).unwrap();
    assert_eq!(fx.last_backend(), Some(Backend::Cpu));
    gl.compare(&fx.render(&req).unwrap(), Rect::new(-1, 3, 9, 10), 0.0)
        .unwrap();
    assert!(
        text(s.log()).contains("the opengl render failed"),
        "{}",
        text(s.log())
    );
}

#[test]
fn bad_texture_handles_are_refused_with_a_message() {
    let suite = &ofx_host::testing::OPENGL_RENDER_SUITE_V1;
    let bogus = 0x7e57_0000_usize as *mut c_void;
    // SAFETY: the host's suite functions take any handle value and check
    // it; the out pointer is valid.
    unsafe {
        assert_eq!(
            suite.clipFreeTexture.unwrap()(bogus.cast()),
            ofx_sys::kOfxStatErrBadHandle
        );
        let mut out = std::ptr::null_mut();
        assert_eq!(
            suite.clipLoadTexture.unwrap()(
                bogus.cast(),
                0.0,
                std::ptr::null(),
                std::ptr::null(),
                &mut out
            ),
            ofx_sys::kOfxStatErrBadHandle
        );
        assert!(out.is_null());
        assert_eq!(
            suite.flushResources.unwrap()(),
            ofx_sys::kOfxStatReplyDefault
        );
    }
    let log = ofx_host::testing::log();
    let said: Vec<_> = log
        .violations_of(ViolationKind::BadHandle)
        .into_iter()
        .filter(|v| v.detail.contains("0x7e570000"))
        .collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[0].detail.contains("clipFreeTexture"), "{said:?}");
    assert!(said[1].detail.contains("clipLoadTexture"), "{said:?}");
}

#[test]
fn a_plugin_that_does_not_render_on_the_cpu_gets_opengl_instead() {
    let s = session();
    let p = s.plugin(id_of(Fault::OpenGlOnly)).unwrap();
    let mut fx = p.create_instance(Context::Filter).unwrap();
    let src = source(Depth::F32, Components::Rgba);
    fx.connect_image(ClipName::SOURCE, src.clone()).unwrap();
    let window = Rect::new(-1, 3, 9, 10);
    // A CPU render asked for: the plugin says it cannot, so the host
    // renders on the GPU API both sides have, and says so.
    let out = fx
        .render(&RenderRequest::at(0.0).window(window))
        .unwrap_or_else(|e| panic!("{e:?}\n{}", text(s.log())));
    assert_eq!(fx.last_backend(), Some(Backend::OpenGl));
    out.compare(&src, window, 0.0).unwrap();
    assert!(
        text(s.log()).contains("does not render on the CPU"),
        "{}",
        text(s.log())
    );
    assert!(s.log().violations().is_empty(), "{}", text(s.log()));
    // An RGB render cannot go on OpenGL, its only GPU API: refused, with
    // the reason, before any action reaches the plugin.
    let mut rgb = p.create_instance(Context::Filter).unwrap();
    rgb.connect_image(ClipName::SOURCE, source(Depth::F32, Components::Rgb))
        .unwrap();
    let e = rgb
        .render(&RenderRequest::at(0.0).window(window))
        .unwrap_err();
    assert!(
        matches!(&e, HostError::Unsupported(m) if m.contains("no GPU API can take this render") && m.contains("RGBA only")),
        "{e:?}"
    );
    drop(rgb);
    // One session per binary at a time: the next waits for this one.
    drop(fx);
    drop(p);
    drop(s);

    // On a host that offers no GPU API, the render is refused as a host
    // limitation before any action reaches the plugin.
    let cpu_only = Session::in_process(
        ofx_bad_plugins::get_plugin as OfxGetPluginFn,
        Some(ofx_bad_plugins::number_of_plugins as OfxGetNumberOfPluginsFn),
        Some(ofx_bad_plugins::set_host as OfxSetHostFn),
        HostConfig::default(),
    )
    .unwrap();
    let p = cpu_only.plugin(id_of(Fault::OpenGlOnly)).unwrap();
    let mut fx = p.create_instance(Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, src).unwrap();
    let e = fx
        .render(&RenderRequest::at(0.0).window(window))
        .unwrap_err();
    assert!(
        matches!(&e, HostError::Unsupported(m) if m.contains("does not render on the CPU")),
        "{e:?}"
    );
}

#[test]
fn writing_into_an_input_texture_is_a_violation() {
    let s = session();
    let p = s.plugin(id_of(Fault::WritesInputTexture)).unwrap();
    let mut fx = p.create_instance(Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, source(Depth::U8, Components::Rgba))
        .unwrap();
    fx.render(
        &RenderRequest::at(0.0)
            .window(Rect::new(-1, 3, 9, 10))
            .backend(Backend::OpenGl),
    )
    .unwrap();
    let written = s
        .log()
        .violations()
        .into_iter()
        .filter(|v| v.kind == ViolationKind::InputWritten)
        .count();
    assert_eq!(written, 1, "{}", text(s.log()));
    assert!(text(s.log()).contains("input texture of clip 'Source' changed"));

    // The same render by the plugin that only reads its textures: none.
    let p = s.plugin(id_of(Fault::OpenGlCopy)).unwrap();
    let mut fx = p.create_instance(Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, source(Depth::U8, Components::Rgba))
        .unwrap();
    let before = s.log().violations().len();
    fx.render(
        &RenderRequest::at(0.0)
            .window(Rect::new(-1, 3, 9, 10))
            .backend(Backend::OpenGl),
    )
    .unwrap();
    assert_eq!(s.log().violations().len(), before, "{}", text(s.log()));
}

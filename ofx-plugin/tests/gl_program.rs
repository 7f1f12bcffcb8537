//! [`GlProgram`] through ofx-host's OpenGL host (Mesa's llvmpipe through
//! EGL here and in CI): a shader pass renders the pixels the CPU would, one
//! program shared by instances links once per attached context, and a
//! shader that does not compile sends the render back to the CPU with the
//! GL's log.

mod common;

use std::sync::{LazyLock, Mutex};

use ofx_host::driver::{Backend as HostBackend, GpuOffer, HostConfig, RenderRequest, Session};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_host::{ClipName, Rect};
use ofx_plugin::gpu::{GlProgram, Uniform};
use ofx_plugin::prelude::*;

/// The factors both plugins apply.
const K: [f32; 4] = [2.0, 0.5, 1.0, 1.0];

const SCALE: &str = "uniform vec4 k;
void main() {
    gl_FragColor = ofx_fetch(source, source_bounds, ofx_pixel()) * k;
}
";

/// One program for every instance of `Scale` (it is `Sync`).
static SCALE_PROGRAM: LazyLock<GlProgram> = LazyLock::new(|| GlProgram::new(SCALE, &["source"]));
/// The same with a typo.
static BROKEN_PROGRAM: LazyLock<GlProgram> =
    LazyLock::new(|| GlProgram::new(&SCALE.replace("* k", "* kk"), &["source"]));

fn describe(d: &mut EffectDescriptor) -> Result<()> {
    common::filter_only(d)?;
    d.supported_pixel_depths(&[BitDepth::F32])?
        .opengl_render(GpuSupport::Yes)?;
    Ok(())
}

/// Multiplies by `K` with `program` on OpenGL, or on the CPU.
fn render(program: &GlProgram, source: &Clip, r: &Render<'_>) -> Result<()> {
    if let Backend::OpenGl(gl) = r.backend()? {
        let (src, out) = (gl.input(source)?, gl.output()?);
        return program.draw(&gl, &out, &[("source", &src)], &[("k", Uniform::Vec4(K))]);
    }
    let src = r.input(source)?;
    let mut out = r.output()?;
    out.view_mut::<Rgba<f32>>()?
        .par_rows_from(&src.view::<Rgba<f32>>()?, |row, s| {
            for (o, p) in row.iter_mut().zip(s) {
                *o = Rgba::new(p.r * K[0], p.g * K[1], p.b * K[2], p.a * K[3]);
            }
        });
    Ok(())
}

#[derive(Plugin)]
#[ofx(id = "org.test.gl.Scale", version = "1.0")]
struct Scale {
    source: Clip,
}

impl ImageEffect for Scale {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        describe(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        common::filter_clips(d)
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Scale {
            source: i.source_clip()?,
        })
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        render(&SCALE_PROGRAM, &self.source, r)
    }
}

#[derive(Plugin)]
#[ofx(id = "org.test.gl.Broken", version = "1.0")]
struct Broken {
    source: Clip,
}

impl ImageEffect for Broken {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        describe(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        common::filter_clips(d)
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Broken {
            source: i.source_clip()?,
        })
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        render(&BROKEN_PROGRAM, &self.source, r)
    }
}

ofx_plugin::bundle!(Scale, Broken);

/// One session at a time: they share the process's plugins.
static TURN: Mutex<()> = Mutex::new(());

fn source() -> ImageBuffer {
    ImageBuffer::from_fn(
        Layout::packed(Rect::new(-4, 3, 12, 9), Depth::F32, Components::Rgba),
        |x, y| [x as f32 * 0.25, y as f32 * 0.5, 0.75, 1.0],
    )
}

fn opengl() -> HostConfig {
    HostConfig::default().gpu(GpuOffer {
        opengl: true,
        ..GpuOffer::default()
    })
}

fn journal(s: &Session) -> String {
    let j = s.log().journal();
    j.iter().map(|e| e.line()).collect::<Vec<_>>().join("\n")
}

#[test]
fn one_program_renders_the_cpu_pixels_for_instances_attached_one_after_another() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let s = ofx_host::in_process!(opengl()).unwrap();
    let p = s.plugin("org.test.gl.Scale").unwrap();
    // A window over the source's edge: pixels it does not cover are black.
    let req = RenderRequest::at(0.0).window(Rect::new(-6, 4, 10, 12));
    // The second instance is attached after the first was detached
    // (destroyed), and gets a program linked anew.
    for round in 0..2 {
        let mut fx = p.create_instance(ofx_host::Context::Filter).unwrap();
        fx.connect_image(ClipName::SOURCE, source()).unwrap();
        let cpu = fx.render(&req).unwrap();
        let gl = fx
            .render(&req.clone().backend(HostBackend::OpenGl))
            .unwrap_or_else(|e| panic!("{e:?}\n{}", journal(&s)));
        assert_eq!(
            fx.last_backend(),
            Some(HostBackend::OpenGl),
            "{}",
            journal(&s)
        );
        gl.compare(&cpu, cpu.bounds(), 0.0)
            .unwrap_or_else(|m| panic!("round {round}: {m}"));
    }
    let j = journal(&s);
    assert_eq!(
        j.matches("OfxActionOpenGLContextAttached ->").count(),
        2,
        "{j}"
    );
    assert_eq!(
        j.matches("kOfxActionOpenGLContextDetached ->").count(),
        2,
        "{j}"
    );
    assert!(s.log().violations().is_empty(), "{j}");
}

#[test]
fn a_shader_that_does_not_compile_sends_the_render_to_the_cpu_with_the_log() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let s = ofx_host::in_process!(opengl()).unwrap();
    let p = s.plugin("org.test.gl.Broken").unwrap();
    let mut fx = p.create_instance(ofx_host::Context::Filter).unwrap();
    fx.connect_image(ClipName::SOURCE, source()).unwrap();
    let req = RenderRequest::at(0.0);
    let cpu = fx.render(&req).unwrap();
    let retried = fx
        .render(&req.clone().backend(HostBackend::OpenGl))
        .unwrap();
    assert_eq!(fx.last_backend(), Some(HostBackend::Cpu), "{}", journal(&s));
    retried.compare(&cpu, cpu.bounds(), 0.0).unwrap();
    // The error posted to the user carries the GL's log, which names the
    // undeclared uniform on the author's line 3.
    let m = s.log().messages();
    assert!(
        m.iter().any(|m| m.message_type == "OfxMessageError"
            && m.text.contains("did not compile")
            && m.text.contains("kk")
            && m.text.contains(":3(")),
        "{m:#?}"
    );
}

//! [`GlProgram`]: a GLSL fragment shader run as one pass over the render
//! window of an OpenGL render, without `unsafe` in the effect.
//!
//! # Programs belong to a context
//!
//! A GL program exists in the context it was linked in. The host attaches
//! a context to an instance (`OfxActionOpenGLContextAttached`) before its
//! first OpenGL render, and detaches it (with the context still current)
//! before destroying the instance or the context. The entry point gives
//! each attachment a process-wide number that is never reused, and a
//! [`GlProgram`] keeps one linked program per number. On the detached
//! action, after the effect's own
//! [`opengl_context_detached`](crate::ImageEffect::opengl_context_detached),
//! the framework deletes every program linked under that number (the
//! context is current then), so nothing is left for the effect to free,
//! and a program is never used in a context other than its own.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, ErrorKind, Result};
use crate::ffi::gl_pass::{self, ActiveUniform, Pass, PassTexture};
use crate::geometry::RectI;
use crate::instance::InstanceContext;

pub use crate::ffi::gl_pass::Uniform;

use super::{OpenGl, Texture};

/// `GL_TEXTURE_2D`, the one texture target a pass samples.
const TEXTURE_2D: u32 = 0x0DE1;

/// The prelude's own text (the inputs' declarations follow it).
const PRELUDE: &str = "#version 120
uniform ivec2 ofx_output_origin;
ivec2 ofx_pixel() { return ofx_output_origin + ivec2(gl_FragCoord.xy); }
vec4 ofx_fetch(sampler2D image, ivec4 bounds, ivec2 pixel) {
    if (any(lessThan(pixel, bounds.xy)) || any(greaterThanEqual(pixel, bounds.zw)))
        return vec4(0.0);
    return texture2D(image, (vec2(pixel - bounds.xy) + 0.5) / vec2(bounds.zw - bounds.xy));
}
";

/// A GLSL 1.20 fragment shader that an OpenGL render draws over its render
/// window: made once per effect, compiled and linked on its first
/// [`draw`](GlProgram::draw) in each OpenGL context.
///
/// # The prelude
///
/// The effect's source is compiled after a prelude that declares, for
/// OpenFX pixel coordinates (integers, `x` right and `y` up, as on the CPU):
///
/// * `#version 120`, so the source has no `#version` line;
/// * `ivec2 ofx_pixel()`: the output pixel the invocation writes;
/// * `vec4 ofx_fetch(sampler2D image, ivec4 bounds, ivec2 pixel)`: the
///   texel of `pixel` in a texture covering `bounds` (`x1, y1, x2, y2`),
///   or transparent black outside them;
/// * for each input named at [`new`](GlProgram::new), say `source`,
///   `uniform sampler2D source;` and `uniform ivec4 source_bounds;`, which
///   each draw sets from the input's texture.
///
/// The shader writes `gl_FragColor`, in normalised units: the output
/// texture clamps to `[0, 1]` and rounds at integer depths.
///
/// ```glsl
/// uniform float gain;
/// void main() {
///     gl_FragColor = ofx_fetch(source, source_bounds, ofx_pixel()) * gain;
/// }
/// ```
///
/// # Threads
///
/// The value is `Sync`: its programs are behind a lock, held while a draw
/// sets uniforms and draws. The host renders OpenGL frames one at a time
/// on the thread its context is current on.
pub struct GlProgram {
    fragment: String,
    inputs: Vec<String>,
    linked: Mutex<Vec<Linked>>,
}

/// A program linked in one context.
struct Linked {
    context: u64,
    program: u32,
    uniforms: Vec<ActiveUniform>,
}

impl std::fmt::Debug for GlProgram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GlProgram")
            .field("inputs", &self.inputs)
            .finish_non_exhaustive()
    }
}

/// The input texture of a draw, in the terms the pass needs.
pub(crate) struct PassInput<'a> {
    pub(crate) name: &'a str,
    pub(crate) texture: u32,
    pub(crate) target: u32,
    pub(crate) bounds: RectI,
}

impl GlProgram {
    /// A program from GLSL 1.20 fragment source (without `#version`; see
    /// [the prelude](GlProgram#the-prelude)) sampling the inputs `inputs`,
    /// each a GLSL name. Nothing is compiled until the first draw.
    pub fn new(fragment: &str, inputs: &[&str]) -> GlProgram {
        GlProgram {
            fragment: fragment.to_owned(),
            inputs: inputs.iter().map(|s| (*s).to_owned()).collect(),
            linked: Mutex::new(Vec::new()),
        }
    }

    /// The fragment shader as compiled: the prelude, then the effect's
    /// source from its line 1.
    pub fn fragment_source(&self) -> String {
        let mut s = PRELUDE.to_owned();
        for name in &self.inputs {
            s.push_str(&format!(
                "uniform sampler2D {name};\nuniform ivec4 {name}_bounds;\n"
            ));
        }
        // Mesa and the GLSL 1.20 text disagree on whether the line after
        // `#line n` is n or n + 1: "#line 0" makes it 1 in Mesa.
        s.push_str("#line 0\n");
        s.push_str(&self.fragment);
        s
    }

    /// Draws the shader over the render window of `output` (the render's
    /// output texture, which the host bound as the framebuffer), with each
    /// of `inputs` bound to the sampler of its name and `uniforms` set by
    /// name. The GL state it changes (program, viewport, active texture
    /// unit and bindings, enables, colour mask) is restored.
    ///
    /// The first draw in a context compiles and links the program.
    ///
    /// # Errors
    /// * [`GpuRenderFailed`](ErrorKind::GpuRenderFailed): the shader did
    ///   not compile or link (with the GL's log), OpenGL 2.0 is missing,
    ///   an input texture is not a `GL_TEXTURE_2D`, no framebuffer is
    ///   bound, or the GL raised an error; the host may render on the CPU
    ///   instead. [`GpuOutOfMemory`](ErrorKind::GpuOutOfMemory) when it
    ///   ran out of memory.
    /// * [`Value`](ErrorKind::Value): `output` is an input texture, an
    ///   input is not one named at [`new`](GlProgram::new) (or is given
    ///   twice, or is missing), an input name is not a GLSL name, or a
    ///   uniform is not an active uniform of the program or has another
    ///   type.
    pub fn draw(
        &self,
        gl: &OpenGl<'_>,
        output: &Texture<'_>,
        inputs: &[(&str, &Texture<'_>)],
        uniforms: &[(&str, Uniform)],
    ) -> Result<()> {
        if !output.is_output() {
            return Err(Error::value(
                "GlProgram::draw writes the render's output texture; an input texture was given",
            ));
        }
        let context = context_of(gl.instance());
        let layout = output.layout();
        let inputs: Vec<PassInput<'_>> = inputs
            .iter()
            .map(|(name, t)| PassInput {
                name,
                texture: t.texture().index,
                target: t.texture().target,
                bounds: t.layout().bounds,
            })
            .collect();
        self.draw_in(context, layout.bounds, layout.window, &inputs, uniforms)
    }

    /// [`draw`](GlProgram::draw) in context `context` into the bound
    /// framebuffer, whose texel (0, 0) is pixel `(bounds.x1, bounds.y1)`.
    pub(crate) fn draw_in(
        &self,
        context: u64,
        bounds: RectI,
        window: RectI,
        inputs: &[PassInput<'_>],
        uniforms: &[(&str, Uniform)],
    ) -> Result<()> {
        self.check_inputs(inputs)?;
        if window.x2 <= window.x1 || window.y2 <= window.y1 {
            return Ok(());
        }
        if gl_pass::framebuffer_binding()? == 0 {
            return Err(Error::with_message(
                ErrorKind::GpuRenderFailed,
                "no framebuffer is bound: the host must bind the output texture's \
                 framebuffer before the render action",
            ));
        }
        let mut linked = self.linked.lock().unwrap_or_else(|e| e.into_inner());
        // A program of this context, unless the GL no longer knows its name
        // (a host that changed contexts without the attach and detach
        // actions): then it is linked again.
        let known = linked.iter().position(|l| l.context == context);
        let at = match known.filter(|&at| gl_pass::is_program(linked[at].program).unwrap_or(false))
        {
            Some(at) => at,
            None => {
                if let Some(at) = known {
                    let stale = linked.remove(at);
                    registry().retain(|e| *e != (stale.context, stale.program));
                }
                linked.retain(|l| is_live(l.context, l.program));
                linked.push(self.link(context)?);
                linked.len() - 1
            }
        };
        let l = &linked[at];
        let find = |name: &str| l.uniforms.iter().find(|u| u.name == name);
        let mut values = Vec::with_capacity(uniforms.len() + inputs.len() + 1);
        if let Some(u) = find("ofx_output_origin") {
            values.push((u.location, Uniform::IVec2([bounds.x1, bounds.y1])));
        }
        let mut textures = Vec::with_capacity(inputs.len());
        for i in inputs {
            textures.push(PassTexture {
                texture: i.texture,
                sampler: find(i.name).map_or(-1, |u| u.location),
            });
            if let Some(u) = find(&format!("{}_bounds", i.name)) {
                let b = i.bounds;
                values.push((u.location, Uniform::IVec4([b.x1, b.y1, b.x2, b.y2])));
            }
        }
        for (name, value) in uniforms {
            let u = find(name)
                .filter(|_| !self.is_reserved(name))
                .ok_or_else(|| {
                    Error::value(format!(
                        "{name:?} is not an active uniform of the program (a name the program \
                     does not declare, one the compiler removed as unused, or one the \
                     prelude sets)"
                    ))
                })?;
            if !value.accepts(u.gl_type) {
                return Err(Error::value(format!(
                    "uniform {name:?} is a {} in the shader, and {value:?} was given",
                    gl_pass::type_name(u.gl_type)
                )));
            }
            values.push((u.location, *value));
        }
        gl_pass::draw(&Pass {
            program: l.program,
            viewport: [
                window.x1 - bounds.x1,
                window.y1 - bounds.y1,
                window.x2 - window.x1,
                window.y2 - window.y1,
            ],
            textures: &textures,
            uniforms: &values,
        })
    }

    /// Compiles and links in the current context, registering the program
    /// under `context` for the detached action to delete.
    fn link(&self, context: u64) -> Result<Linked> {
        let source = self.fragment_source();
        let program = gl_pass::link(&[&source])?;
        let uniforms = match gl_pass::active_uniforms(program) {
            Ok(u) => u,
            Err(e) => {
                gl_pass::delete_program(program).ok();
                return Err(e);
            }
        };
        registry().push((context, program));
        Ok(Linked {
            context,
            program,
            uniforms,
        })
    }

    /// Names the prelude sets itself.
    fn is_reserved(&self, name: &str) -> bool {
        name.starts_with("ofx_")
            || self
                .inputs
                .iter()
                .any(|i| name == i || name.strip_suffix("_bounds") == Some(i))
    }

    fn check_inputs(&self, inputs: &[PassInput<'_>]) -> Result<()> {
        for name in &self.inputs {
            if !is_glsl_name(name) {
                return Err(Error::value(format!(
                    "input name {name:?} is not a GLSL name (letters, digits and _, \
                     not starting with a digit, gl_ or ofx_)"
                )));
            }
            match inputs.iter().filter(|i| i.name == name).count() {
                1 => {}
                0 => {
                    return Err(Error::value(format!(
                        "the program samples input {name:?}, which the draw did not give"
                    )));
                }
                n => {
                    return Err(Error::value(format!("input {name:?} was given {n} times")));
                }
            }
        }
        if let Some(i) = inputs
            .iter()
            .find(|i| !self.inputs.iter().any(|n| n == i.name))
        {
            return Err(Error::value(format!(
                "input {:?} is not one of the program's inputs {:?}",
                i.name, self.inputs
            )));
        }
        if let Some(i) = inputs.iter().find(|i| i.target != TEXTURE_2D) {
            return Err(Error::with_message(
                ErrorKind::GpuRenderFailed,
                format!(
                    "input {:?} is a texture of target {:#06x}; GlProgram samples \
                     GL_TEXTURE_2D only",
                    i.name, i.target
                ),
            ));
        }
        Ok(())
    }
}

fn is_glsl_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && !b[0].is_ascii_digit()
        && !name.starts_with("gl_")
        && !name.starts_with("ofx_")
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// The programs linked in live contexts: (context number, program name).
fn registry() -> std::sync::MutexGuard<'static, Vec<(u64, u32)>> {
    static LIVE: Mutex<Vec<(u64, u32)>> = Mutex::new(Vec::new());
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

fn is_live(context: u64, program: u32) -> bool {
    registry().contains(&(context, program))
}

static NEXT_CONTEXT: AtomicU64 = AtomicU64::new(1);

/// A number for a newly attached context, never used before.
pub(crate) fn new_context() -> u64 {
    NEXT_CONTEXT.fetch_add(1, Ordering::Relaxed)
}

/// The number of the context attached to the instance. A host that renders
/// with OpenGL without attaching a context first gets one number for the
/// instance until it detaches.
fn context_of(i: &InstanceContext) -> u64 {
    let now = i.gl_context.load(Ordering::Acquire);
    if now != 0 {
        return now;
    }
    let fresh = new_context();
    match i
        .gl_context
        .compare_exchange(0, fresh, Ordering::AcqRel, Ordering::Acquire)
    {
        Ok(_) => fresh,
        Err(other) => other,
    }
}

/// The context-attached action: the instance's programs start afresh.
pub(crate) fn context_attached(i: &InstanceContext) {
    i.gl_context.store(new_context(), Ordering::Release);
}

/// The context-detached action (the context still current): deletes the
/// programs linked in it.
pub(crate) fn context_detached(i: &InstanceContext) {
    forget_context(i.gl_context.swap(0, Ordering::AcqRel));
}

/// Deletes the programs linked under `context`, which must be current.
pub(crate) fn forget_context(context: u64) {
    if context == 0 {
        return;
    }
    let doomed: Vec<u32> = {
        let mut live = registry();
        let doomed = live
            .iter()
            .filter(|(c, _)| *c == context)
            .map(|(_, p)| *p)
            .collect();
        live.retain(|(c, _)| *c != context);
        doomed
    };
    for p in doomed {
        // Nothing to report to: the action goes on, and a GL that cannot
        // delete has no programs of ours either.
        gl_pass::delete_program(p).ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gl_harness::GlContext;
    use ofx_host::Rect;
    use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
    use ofx_host::opengl::{GlFramebuffer, GlTexture as HostTexture};

    /// A texture of `depth`, `w` x `h`, with the pixels of `f`.
    fn texture(
        ctx: &GlContext,
        depth: Depth,
        (w, h): (i32, i32),
        f: impl Fn(i32, i32) -> [f32; 4],
    ) -> HostTexture {
        let l = Layout::packed(Rect::new(0, 0, w, h), depth, Components::Rgba);
        ctx.device().upload(&ImageBuffer::from_fn(l, f)).unwrap()
    }

    /// A float texture `w` x `h`, read back.
    fn read(ctx: &GlContext, t: &HostTexture, (w, h): (i32, i32)) -> Vec<[f32; 4]> {
        let l = Layout::packed(Rect::new(0, 0, w, h), Depth::F32, Components::Rgba);
        let mut img = ImageBuffer::new(l);
        ctx.device().finish().unwrap();
        ctx.device().download(t, &mut img).unwrap();
        bytemuck::cast_slice(&img.packed_rows()).to_vec()
    }

    fn input<'a>(name: &'a str, texture: u32, bounds: RectI) -> PassInput<'a> {
        PassInput {
            name,
            texture,
            target: TEXTURE_2D,
            bounds,
        }
    }

    /// An 8 x 6 float texture filled with 0.25, bound as the framebuffer.
    fn target(ctx: &GlContext) -> (HostTexture, GlFramebuffer) {
        let out = texture(ctx, Depth::F32, (8, 6), |_, _| [0.25; 4]);
        let fb = ctx.device().framebuffer(&out).unwrap();
        (out, fb)
    }

    const PIXELS: &str = "uniform float k;
void main() {
    vec4 p = ofx_fetch(source, source_bounds, ofx_pixel());
    ivec2 q = ofx_pixel();
    gl_FragColor = vec4(p.r * k, float(q.x), float(q.y), p.a);
}
";

    #[test]
    fn a_pass_writes_the_window_in_pixel_coordinates_and_black_outside_the_input() {
        let ctx = GlContext::new(4, 4).expect("Mesa's surfaceless EGL is required");
        let (out, _fb) = target(&ctx);
        // The input covers x in [-2, 4), y in [1, 5): red = 10 x + y, alpha 1.
        let src_bounds = RectI::new(-2, 1, 4, 5);
        let src = texture(&ctx, Depth::F32, (6, 4), |x, y| {
            [(10 * (x - 2) + y + 1) as f32, 0.0, 0.0, 1.0]
        });
        let program = GlProgram::new(PIXELS, &["source"]);
        let window = RectI::new(1, 2, 7, 5);
        // The output texture's texel (0, 0) is pixel (-1, -1).
        let bounds = RectI::new(-1, -1, 7, 5);
        program
            .draw_in(
                new_context(),
                bounds,
                window,
                &[input("source", src.id(), src_bounds)],
                &[("k", Uniform::Float(0.5))],
            )
            .unwrap();
        assert_eq!(ctx.error(), None);
        let got = read(&ctx, &out, (8, 6));
        for (i, p) in got.iter().enumerate() {
            let (x, y) = (i as i32 % 8 - 1, i as i32 / 8 - 1);
            let want = if x < window.x1 || x >= window.x2 || y < window.y1 || y >= window.y2 {
                [0.25; 4]
            } else if x < src_bounds.x2 && y < src_bounds.y2 {
                [(10 * x + y) as f32 * 0.5, x as f32, y as f32, 1.0]
            } else {
                [0.0, x as f32, y as f32, 0.0]
            };
            assert_eq!(*p, want, "pixel ({x}, {y})");
        }
    }

    #[test]
    fn a_pass_puts_back_the_state_it_changed() {
        let ctx = GlContext::new(4, 4).expect("Mesa's surfaceless EGL is required");
        let (out, _fb) = target(&ctx);
        let other = texture(&ctx, Depth::U8, (1, 1), |_, _| [0.5; 4]);
        let src = texture(&ctx, Depth::F32, (1, 1), |_, _| [1.0; 4]);
        // Another program current, unit 0 bound to another texture, unit 2
        // active, a viewport of its own.
        let before_program = GlProgram::new("void main() { gl_FragColor = vec4(1.0); }", &[]);
        let c = new_context();
        before_program
            .draw_in(c, RectI::new(0, 0, 8, 6), RectI::new(0, 0, 1, 1), &[], &[])
            .unwrap();
        let first = before_program.linked.lock().unwrap()[0].program;
        crate::ffi::gl_pass::set_state_for_tests(first, other.id(), 2, [1, 1, 3, 2]);
        let before = crate::ffi::gl_pass::pass_state().unwrap();
        assert_eq!(before.program, first as i32);
        assert_eq!(before.bindings[0], other.id() as i32);
        let program = GlProgram::new(PIXELS, &["source"]);
        program
            .draw_in(
                c,
                RectI::new(0, 0, 8, 6),
                RectI::new(0, 0, 8, 6),
                &[input("source", src.id(), RectI::new(0, 0, 1, 1))],
                &[("k", Uniform::Float(2.0))],
            )
            .unwrap();
        assert_eq!(crate::ffi::gl_pass::pass_state().unwrap(), before);
        assert_eq!(ctx.error(), None);
        let got = read(&ctx, &out, (8, 6));
        assert_eq!(
            got[0],
            [2.0, 0.0, 0.0, 1.0],
            "drawn with the pass's texture"
        );
        forget_context(c);
    }

    #[test]
    fn a_shader_that_does_not_compile_fails_the_render_with_its_log() {
        let ctx = GlContext::new(4, 4).expect("Mesa's surfaceless EGL is required");
        let _out = target(&ctx);
        let program = GlProgram::new(
            "void main() {\n    gl_FragColor = vec4(undeclared);\n}\n",
            &[],
        );
        let w = RectI::new(0, 0, 8, 6);
        let e = program.draw_in(new_context(), w, w, &[], &[]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::GpuRenderFailed);
        let msg = e.to_string();
        assert!(msg.contains("did not compile"), "{msg}");
        assert!(msg.contains("undeclared"), "the GL's log: {msg}");
        // The author's line 2, whatever the prelude's length.
        assert!(
            msg.contains(":2("),
            "lines counted in the author's source: {msg}"
        );
        assert_eq!(ctx.error(), None);
    }

    #[test]
    fn misnamed_or_mistyped_inputs_and_uniforms_are_value_errors() {
        let ctx = GlContext::new(4, 4).expect("Mesa's surfaceless EGL is required");
        let _out = target(&ctx);
        let kept = texture(&ctx, Depth::F32, (1, 1), |_, _| [1.0; 4]);
        let src = kept.id();
        let b = RectI::new(0, 0, 1, 1);
        let w = RectI::new(0, 0, 8, 6);
        let program = GlProgram::new(PIXELS, &["source"]);
        let c = new_context();
        let run = |inputs: &[PassInput<'_>], uniforms: &[(&str, Uniform)]| {
            let e = program.draw_in(c, w, w, inputs, uniforms).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Value, "{e}");
            e.to_string()
        };
        let k = [("k", Uniform::Float(1.0))];
        assert!(run(&[], &k).contains("did not give"));
        assert!(run(&[input("source", src, b), input("matte", src, b)], &k).contains("matte"));
        let m = run(&[input("source", src, b)], &[("kk", Uniform::Float(1.0))]);
        assert!(m.contains("not an active uniform"), "{m}");
        let m = run(&[input("source", src, b)], &[("k", Uniform::Int(1))]);
        assert!(m.contains("is a float"), "{m}");
        let m = run(
            &[input("source", src, b)],
            &[("source_bounds", Uniform::IVec4([0; 4]))],
        );
        assert!(m.contains("prelude"), "{m}");
        let bad = GlProgram::new(PIXELS, &["gl_source"]);
        let e = bad
            .draw_in(c, w, w, &[input("gl_source", src, b)], &k)
            .unwrap_err();
        assert!(e.to_string().contains("not a GLSL name"), "{e}");
        let mut rect = input("source", src, b);
        rect.target = 0x84F5; // GL_TEXTURE_RECTANGLE
        let e = program.draw_in(c, w, w, &[rect], &k).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::GpuRenderFailed);
        assert_eq!(ctx.error(), None);
        forget_context(c);
    }

    #[test]
    fn a_detached_context_deletes_its_programs_and_the_next_one_links_anew() {
        let ctx = GlContext::new(4, 4).expect("Mesa's surfaceless EGL is required");
        let _out = target(&ctx);
        let program = GlProgram::new("void main() { gl_FragColor = vec4(0.5); }", &[]);
        let w = RectI::new(0, 0, 8, 6);
        let (a, b) = (new_context(), new_context());
        program.draw_in(a, w, w, &[], &[]).unwrap();
        let first = program.linked.lock().unwrap()[0].program;
        assert!(is_live(a, first));
        assert!(crate::ffi::gl_pass::is_program(first).unwrap());
        forget_context(a);
        assert!(!is_live(a, first));
        assert!(!crate::ffi::gl_pass::is_program(first).unwrap(), "deleted");
        program.draw_in(b, w, w, &[], &[]).unwrap();
        let linked = program.linked.lock().unwrap();
        assert_eq!(linked.len(), 1, "the stale program was dropped");
        assert_eq!(linked[0].context, b);
        let second = linked[0].program;
        drop(linked);
        // A host that swapped contexts without telling: the name is
        // unknown to the GL, and the program is linked again.
        crate::ffi::gl_pass::delete_program(second).unwrap();
        program.draw_in(b, w, w, &[], &[]).unwrap();
        let third = program.linked.lock().unwrap()[0].program;
        assert!(crate::ffi::gl_pass::is_program(third).unwrap());
        assert!(is_live(b, third) && (third == second || !is_live(b, second)));
        forget_context(b);
        assert_eq!(ctx.error(), None);
    }
}

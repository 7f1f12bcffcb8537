//! Gain: multiplies every channel of its source by a factor.
//!
//! # Parameters
//!
//! | name | type | default | meaning |
//! |---|---|---|---|
//! | `gain` | double | 1 | a factor applied to every channel |
//! | `channelGains` | RGBA | (1, 1, 1, 1) | one more factor per channel |
//! | `applyToAlpha` | boolean | off | alpha is multiplied too (else it is kept) |
//! | `premultiplied` | boolean | off | the input is premultiplied: unpremultiply, apply, premultiply |
//!
//! # What it computes
//!
//! The factor of channel `c` is `gain * channelGains[c]`, computed in `f64`
//! and rounded to `f32` once; the alpha factor is 1 unless `applyToAlpha` is
//! on. Then:
//!
//! * normally, `out = in * k`, taken in the component's own units
//!   ([`ofx_plugin::pixel::convert::scale_pixels`]): integers are
//!   multiplied as `v as f32 * k`, clamped to `[0, white]` and rounded to
//!   nearest (halves up); floats are not clamped. For integers this is the
//!   normalised product, rounded once instead of three times;
//! * with `premultiplied` on and an RGBA image, each component is converted
//!   to normalised `f32` (white is 1.0), alpha becomes `a' = a * k_alpha`,
//!   and each colour component becomes `c / a * k_c * a'` where `a > 0`, and
//!   `c * k_c` where `a <= 0`; integer results are clamped to `[0, 1]` and
//!   rounded to nearest (halves up).
//!
//! Pixels of the render window that the source does not cover are
//! transparent black.
//!
//! When every factor that applies is exactly 1 the effect says it is an
//! identity (the host may skip it); if rendered anyway it copies its source.
//!
//! # Supported images
//!
//! Every depth (8- and 16-bit integers, 32-bit floats, and half floats where
//! the host offers them) and every component type (RGBA, RGB, Alpha). The
//! effect renders tiles, supports multi-resolution inputs, and is fully
//! thread-safe.
//!
//! On a GPU it renders OpenCL buffers and images (`opencl`) and OpenGL
//! textures ([`opengl`]: one GLSL shader, RGBA only, the depth and
//! components every OpenGL host renders), with the CPU's arithmetic.
//!
//! # Speed
//!
//! Each row is scaled in one vectorised pass by
//! [`ofx_plugin::pixel::convert::scale_pixels`] (premultiplied rows go
//! through cache-sized `f32` chunks with
//! [`ofx_plugin::pixel::convert::map_in_f32`]), and rows are spread over
//! the framework's workers by
//! [`par_rows_from`](ofx_plugin::pixel::ImageViewMut::par_rows_from).
#![forbid(unsafe_code)]

#[cfg(feature = "cuda")]
pub mod cuda;
#[cfg(any(feature = "opencl", feature = "cuda", feature = "metal"))]
pub mod device;
#[cfg(all(feature = "metal", target_os = "macos"))]
pub mod metal;
#[cfg(feature = "opencl")]
pub mod opencl;
pub mod opengl;

use ofx_plugin::param::{BooleanParam, DoubleParam, RgbaParam};
use ofx_plugin::pixel::convert;
use ofx_plugin::prelude::*;

/// The parameters of [`Gain`]: `#[derive(Params)]` writes their definition
/// (`GainParams::define`), the handles' fetch (`GainParams::fetch`) and a
/// snapshot of every value at a time (`GainParams::values_at`).
#[derive(Params)]
pub struct GainParams {
    /// The factor applied to every channel.
    #[param(label = "Gain", hint = "A factor applied to every channel",
            default = 1.0, range = 0.0..=1.0e6, display = 0.0..=4.0)]
    pub gain: DoubleParam,
    /// One more factor per channel (red, green, blue, alpha).
    #[param(name = "channelGains", label = "Channel gains",
            hint = "One more factor for each channel",
            default = 1.0, range = 0.0..=1.0e6, display = 0.0..=4.0)]
    pub channel_gains: RgbaParam,
    /// Whether alpha is multiplied as well.
    #[param(
        name = "applyToAlpha",
        label = "Apply to alpha",
        hint = "Multiply alpha as well; otherwise alpha is kept",
        default = false
    )]
    pub apply_to_alpha: BooleanParam,
    /// Whether the input is premultiplied by alpha.
    #[param(
        label = "Premultiplied input",
        hint = "Unpremultiply before applying the gain, and premultiply after",
        default = false
    )]
    pub premultiplied: BooleanParam,
}

impl GainParams {
    /// The factors to apply at `time`.
    pub fn factors_at(&self, time: f64) -> Result<Factors> {
        let v = self.values_at(time)?;
        let k = |c: usize| (v.gain * v.channel_gains[c]) as f32;
        Ok(Factors {
            rgba: [k(0), k(1), k(2), if v.apply_to_alpha { k(3) } else { 1.0 }],
            premultiplied: v.premultiplied,
        })
    }
}

/// The per-channel factors of one render, resolved from the parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Factors {
    /// The factors of red, green, blue and alpha (alpha's is 1 unless the
    /// gain applies to alpha).
    pub rgba: [f32; 4],
    /// Whether RGBA input is unpremultiplied before and premultiplied after.
    pub premultiplied: bool,
}

impl Factors {
    /// The factors of the channels that images with these components have,
    /// in memory order.
    pub fn for_components(&self, components: PixelComponents) -> &[f32] {
        match components {
            PixelComponents::Rgba => &self.rgba,
            PixelComponents::Rgb => &self.rgba[..3],
            PixelComponents::Alpha => &self.rgba[3..],
        }
    }

    /// Whether images with these components pass through unchanged.
    pub fn is_identity(&self, components: PixelComponents) -> bool {
        self.for_components(components).iter().all(|&k| k == 1.0)
    }
}

/// Unpremultiplies, scales and premultiplies a run of RGBA pixels given as
/// flat components.
#[inline]
fn scale_premultiplied(components: &mut [f32], k: [f32; 4]) {
    for p in components.chunks_exact_mut(4) {
        let a = p[3];
        let a2 = a * k[3];
        for i in 0..3 {
            let c = p[i];
            p[i] = if a > 0.0 { c / a * k[i] * a2 } else { c * k[i] };
        }
        p[3] = a2;
    }
}

/// The Gain effect.
#[derive(Plugin)]
#[ofx(
    id = "org.ofx-rs.examples.Gain",
    version = "1.0",
    label = "Gain",
    group = "Color"
)]
pub struct Gain {
    source: Clip,
    params: GainParams,
    /// The OpenCL program, built on the first OpenCL render of a context.
    #[cfg(feature = "opencl")]
    kernels: ofx_plugin::gpu::opencl::Kernels,
    /// The GLSL program, linked on the first OpenGL render of a context.
    gl_program: ofx_plugin::gpu::GlProgram,
    /// The CUDA module, loaded on the first CUDA render of a context.
    #[cfg(feature = "cuda")]
    cuda_kernels: ofx_plugin::gpu::cuda::CudaKernels,
    /// The Metal pipelines, built on the first Metal render of a device.
    #[cfg(all(feature = "metal", target_os = "macos"))]
    metal_kernels: ofx_plugin::gpu::metal::MetalKernels,
}

impl ImageEffect for Gain {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.description("Multiplies every channel by a gain, with a factor per channel")?
            .supported_contexts(&[Context::Filter, Context::General])?
            .supported_pixel_depths(&[BitDepth::U8, BitDepth::U16, BitDepth::F16, BitDepth::F32])?
            .render_thread_safety(RenderThreadSafety::FullySafe)?
            .supports_tiles(true)?
            .supports_multi_resolution(true)?;
        d.opengl_render(GpuSupport::Yes)?;
        #[cfg(feature = "opencl")]
        d.opencl_buffers(GpuSupport::Yes)?.opencl_images(true)?;
        #[cfg(feature = "cuda")]
        d.cuda_render(GpuSupport::Yes)?
            .cuda_streams(GpuSupport::Yes)?;
        #[cfg(all(feature = "metal", target_os = "macos"))]
        d.metal_render(GpuSupport::Yes)?;
        Ok(())
    }

    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        let all = PixelComponents::ALL;
        d.source_clip()?.supported_components(&all)?;
        d.output_clip()?.supported_components(&all)?;
        GainParams::define(d)
    }

    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Gain {
            source: i.source_clip()?,
            params: GainParams::fetch(i)?,
            gl_program: opengl::program(),
            #[cfg(feature = "opencl")]
            kernels: opencl::kernels(),
            #[cfg(feature = "cuda")]
            cuda_kernels: cuda::kernels(),
            #[cfg(all(feature = "metal", target_os = "macos"))]
            metal_kernels: metal::kernels(),
        })
    }

    fn is_identity(&self, _: &InstanceContext, args: &IsIdentityArgs) -> Result<Identity> {
        let factors = self.params.factors_at(args.time)?;
        Ok(if factors.is_identity(self.source.components()?) {
            Identity::Clip {
                name: self.source.name().to_owned(),
                time: args.time,
            }
        } else {
            Identity::No
        })
    }

    fn render(&self, r: &Render<'_>) -> Result<()> {
        let factors = self.params.factors_at(r.time())?;
        match r.backend()? {
            Backend::OpenGl(gl) => {
                return opengl::render(&self.gl_program, &gl, &self.source, &factors);
            }
            #[cfg(feature = "opencl")]
            Backend::OpenClBuffers(cl) => {
                return opencl::buffers(&self.kernels, &cl, &self.source, &factors);
            }
            #[cfg(feature = "opencl")]
            Backend::OpenClImages(cl) => {
                return opencl::images(&self.kernels, &cl, &self.source, &factors);
            }
            #[cfg(feature = "cuda")]
            Backend::Cuda(cu) => {
                return cuda::render(&self.cuda_kernels, &cu, &self.source, &factors);
            }
            #[cfg(all(feature = "metal", target_os = "macos"))]
            Backend::Metal(mtl) => {
                return metal::render(&self.metal_kernels, &mtl, &self.source, &factors);
            }
            // The host enables only what `describe` declared: the CPU.
            _ => {}
        }
        let src = r.input(&self.source)?;
        let mut out = r.output()?;
        ofx_plugin::for_each_pixel_type!(out.depth(), out.components(), |P| {
            apply::<P>(&src.view::<P>()?, &mut out.view_mut::<P>()?, &factors)
        })
    }
}

/// Fills every pixel of `dst` from the pixel of `src` at the same
/// coordinates, with the gain of `f` applied: the body of the render action,
/// usable on any views (the benchmarks call it on plain buffers).
///
/// Pixels of `dst` outside `src`'s bounds become transparent black. Rows
/// are spread over the framework's workers.
pub fn apply<P: Pixel>(src: &ImageView<'_, P>, dst: &mut ImageViewMut<'_, P>, f: &Factors) {
    let identity = f.is_identity(P::COMPONENTS);
    let premultiplied = f.premultiplied && P::COMPONENTS == PixelComponents::Rgba;
    let factors = f.for_components(P::COMPONENTS);
    let rgba = f.rgba;
    dst.par_rows_from(src, |row, src| {
        if identity {
            row.copy_from_slice(src);
        } else if premultiplied {
            convert::map_in_f32(src, row, |_, chunk| {
                scale_premultiplied(bytemuck::cast_slice_mut(chunk), rgba);
            });
        } else {
            convert::scale_pixels(src, row, factors);
        }
    });
}

ofx_plugin::bundle!(Gain);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_follow_the_components() {
        let f = Factors {
            rgba: [2.0, 3.0, 4.0, 5.0],
            premultiplied: false,
        };
        assert_eq!(
            f.for_components(PixelComponents::Rgba),
            [2.0, 3.0, 4.0, 5.0]
        );
        assert_eq!(f.for_components(PixelComponents::Rgb), [2.0, 3.0, 4.0]);
        assert_eq!(f.for_components(PixelComponents::Alpha), [5.0]);
        assert!(!f.is_identity(PixelComponents::Rgb));
        let g = Factors {
            rgba: [1.0, 1.0, 1.0, 5.0],
            premultiplied: false,
        };
        assert!(g.is_identity(PixelComponents::Rgb));
        assert!(!g.is_identity(PixelComponents::Rgba));
    }

    #[test]
    fn rows_cover_offset_sources_and_fill_the_rest_with_black() {
        // Source covers x in [2, 5) on rows 1 and 2; the window is [0, 7) x [0, 3).
        let src_px: Vec<Rgba<u8>> = (0..6).map(|i| Rgba::new(10 * i, 20, 30, 200)).collect();
        let src = ImageView::from_slice(&src_px, RectI::new(2, 1, 5, 3), 3).unwrap();
        let mut out = vec![Rgba::new(9u8, 9, 9, 9); 21];
        let mut dst = ImageViewMut::from_slice_mut(&mut out, RectI::new(0, 0, 7, 3), 7).unwrap();
        let f = Factors {
            rgba: [2.0, 0.5, 1.0, 1.0],
            premultiplied: false,
        };
        apply(&src, &mut dst, &f);
        assert!(out[..7].iter().all(|p| *p == Rgba::default()));
        assert_eq!(out[7 + 1], Rgba::default());
        assert_eq!(out[7 + 2], Rgba::new(0, 10, 30, 200));
        assert_eq!(out[7 + 4], Rgba::new(40, 10, 30, 200));
        assert_eq!(out[7 + 5], Rgba::default());
        assert_eq!(out[14 + 3], Rgba::new(80, 10, 30, 200));
    }

    /// Renders a 3x2 image of `P` through `apply` and returns it.
    fn run<P: Pixel>(src: &[P], f: &Factors) -> Vec<P> {
        let bounds = RectI::new(0, 0, 3, 2);
        let s = ImageView::from_slice(src, bounds, 3).unwrap();
        let mut out = vec![P::default(); 6];
        let mut d = ImageViewMut::from_slice_mut(&mut out, bounds, 3).unwrap();
        apply(&s, &mut d, f);
        out
    }

    #[test]
    fn premultiplied_input_is_unpremultiplied_scaled_and_premultiplied_by_the_new_alpha() {
        let src: Vec<Rgba<f32>> = (0..6)
            .map(|i| {
                let a = [0.5, 0.0, 1.0, 0.25, 0.8, -0.5][i];
                Rgba::new(0.1 * i as f32, 0.2, 0.3, a)
            })
            .collect();
        let f = Factors {
            rgba: [2.0, 0.5, 1.5, 0.6],
            premultiplied: true,
        };
        let out = run(&src, &f);
        for (p, q) in src.iter().zip(&out) {
            let a2 = p.a * 0.6;
            let want = |c: f32, k: f32| if p.a > 0.0 { c / p.a * k * a2 } else { c * k };
            assert_eq!(
                *q,
                Rgba::new(want(p.r, 2.0), want(p.g, 0.5), want(p.b, 1.5), a2)
            );
        }
        // RGB has no alpha: the option changes nothing.
        let rgb: Vec<Rgb<u16>> = (0..6).map(|i| Rgb::new(1000 * i, 20000, 65535)).collect();
        let linear = Factors {
            premultiplied: false,
            ..f
        };
        assert_eq!(run(&rgb, &f), run(&rgb, &linear));
    }

    #[test]
    fn integers_round_to_nearest_and_clamp() {
        let src: Vec<Alpha<u8>> = [0u8, 1, 100, 127, 128, 255].map(Alpha::new).to_vec();
        let f = Factors {
            rgba: [1.0, 1.0, 1.0, 1.5],
            premultiplied: false,
        };
        let want: Vec<u8> = src
            .iter()
            .map(|p| ((f32::from(p.a) * 1.5).clamp(0.0, 255.0) + 0.5) as u8)
            .collect();
        let got: Vec<u8> = run(&src, &f).iter().map(|p| p.a).collect();
        assert_eq!(got, want);
        assert_eq!(got[5], 255);
        assert_eq!(got[2], 150);
        assert_eq!(got[1], 2, "1.5 rounds half up");
    }

    #[test]
    fn an_identity_copies_the_source_bit_for_bit() {
        let src: Vec<Rgba<f32>> = (0..6)
            .map(|i| Rgba::new(0.3, -0.2, 1.7, 0.1 * i as f32))
            .collect();
        let f = Factors {
            rgba: [1.0, 1.0, 1.0, 2.0],
            premultiplied: true,
        };
        assert!(!f.is_identity(PixelComponents::Rgba));
        let f = Factors {
            rgba: [1.0; 4],
            premultiplied: true,
        };
        assert_eq!(run(&src, &f), src);
    }

    #[test]
    fn large_windows_rendered_on_several_workers_match_the_per_pixel_formula() {
        let (w, h) = (257, 131); // above the parallel threshold, odd sizes
        assert!((w * h) as u64 >= ofx_plugin::parallel::MIN_PARALLEL_PIXELS);
        let bounds = RectI::new(-5, 3, w - 5, h + 3);
        let src: Vec<Rgba<u16>> = (0..w * h)
            .map(|i| {
                Rgba::new(
                    (i * 7 % 65536) as u16,
                    (i * 13 % 65536) as u16,
                    40000,
                    30000,
                )
            })
            .collect();
        let s = ImageView::from_slice(&src, bounds, w as isize).unwrap();
        let mut out = vec![Rgba::<u16>::default(); (w * h) as usize];
        let mut d = ImageViewMut::from_slice_mut(&mut out, bounds, w as isize).unwrap();
        let f = Factors {
            rgba: [1.3, 0.7, 2.0, 1.0],
            premultiplied: false,
        };
        apply(&s, &mut d, &f);
        for (p, q) in src.iter().zip(&out) {
            let g = |c: u16, k: f32| ((f32::from(c) * k).clamp(0.0, 65535.0) + 0.5) as u16;
            assert_eq!(*q, Rgba::new(g(p.r, 1.3), g(p.g, 0.7), g(p.b, 2.0), p.a));
        }
    }

    #[test]
    fn float_rows_are_scaled_in_one_pass_without_clamping() {
        let src: Vec<Rgb<f32>> = (0..6).map(|i| Rgb::new(i as f32 - 2.0, 0.5, 3.0)).collect();
        let f = Factors {
            rgba: [1.5, -1.0, 0.25, 9.0],
            premultiplied: false,
        };
        let want: Vec<Rgb<f32>> = src
            .iter()
            .map(|p| Rgb::new(p.r * 1.5, -p.g, p.b * 0.25))
            .collect();
        assert_eq!(run(&src, &f), want);
    }
}

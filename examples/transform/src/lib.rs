//! Transform: translates, rotates, scales and skews its source about a
//! centre, with a choice of resampling filter.
//!
//! # Parameters
//!
//! | name | type | default | meaning |
//! |---|---|---|---|
//! | `translate` | double 2D (XY) | (0, 0) | the translation, in canonical pixels |
//! | `rotate` | double (angle) | 0 | the rotation in degrees, counter-clockwise |
//! | `scale` | double 2D (scale) | (1, 1) | the scale along x and y |
//! | `uniform` | double (scale) | 1 | a factor on both scales |
//! | `skewX`, `skewY` | double | 0 | the skews: `x' = x + skewX y`, `y' = y + skewY x` |
//! | `center` | double 2D (XY absolute) | the middle of the project | the centre of rotation, scale and skew (its default is normalised, (0.5, 0.5), so the host puts it in the middle of the project) |
//! | `filter` | choice | Bilinear | Nearest, Bilinear or Bicubic |
//!
//! # What it computes
//!
//! In canonical coordinates the source moves by the matrix
//! `T(translate) T(center) R(rotate) K(skew) S(scale * uniform) T(-center)`
//! ([`Placement::matrix`]). A render at render scale `s` and pixel aspect
//! ratio `par` uses the same map in pixel coordinates,
//! `P M P^-1` with `P = diag(s.x / par, s.y)` ([`Matrix3::to_pixel`]), so
//! a proxy render is the full render at a lower resolution. Each output
//! pixel is the source filtered at the inverse image of its centre; the
//! filters, the black outside the source and the rounding are stated in
//! [`resample`](mod@resample).
//!
//! When the matrix is the identity the effect says it is an identity.
//! When it is singular (a scale of zero) the output is transparent black.
//!
//! # Regions
//!
//! * Region of definition: the bounding box of the source's region of
//!   definition, grown by the filter's reach ([`Filter::support`] source
//!   pixels at the render scale), mapped by the matrix. Every pixel outside
//!   it is black, whatever the filter.
//! * Region of interest: the bounding box of the requested region mapped
//!   back by the inverse matrix, grown by the filter's reach, and clipped
//!   to the source's region of definition (nothing more is read); empty
//!   when the matrix is singular or the region misses the source.
//!
//! # Overlay
//!
//! [`TransformOverlay`] draws a centre cross, a rotation bar and two scale
//! handles where the parameters put them, and the pen drags them: the
//! centre moves `translate`, the bar turns `rotate`, the handles scale
//! `scale` along the rotated axes (see [`overlay`] for the exact rules).
//!
//! # Transform concatenation
//!
//! Where the host says it concatenates transforms (Nuke's extension, also
//! in Natron; see [`ofx_plugin::extensions`]), the effect declares it can,
//! and answers the host's get-transform action with its matrix in pixel
//! coordinates ([`ImageEffect::transform`]), so that the host can compose a
//! chain of transforms and filter the image once.
//!
//! # Supported images
//!
//! Every depth (8- and 16-bit integers, half and full floats) and component
//! type (RGBA, RGB, Alpha), through one generic function chosen by
//! [`for_each_pixel_type!`](ofx_plugin::for_each_pixel_type). The effect
//! renders tiles, supports multi-resolution, and is fully thread-safe; rows
//! are spread over the host's threads by
//! [`par_rows`](ofx_plugin::pixel::ImageViewMut::par_rows).
//!
//! # Tests and benchmarks
//!
//! * `cargo test -p transform`: through ofx-host over the C ABI
//!   (`tests/host.rs`): against a reference resampler written in the test
//!   in `f64`, at every depth and component type, bounds offset from the
//!   origin, negative row bytes, tiles and threads; exact identity and
//!   quarter turns; the regions; render scale 0.5; the get-transform
//!   action; and the overlay (`tests/overlay.rs`): its recorded drawing
//!   where the parameters put it, and pen drags moving the parameters by
//!   the exact amounts.
//! * `cargo bench -p transform --bench resample`: the resampler on plain
//!   buffers, as a ratio to a `memcpy` of the frame.
#![forbid(unsafe_code)]

mod matrix;
pub mod overlay;
pub mod resample;

pub use matrix::{Matrix3, Placement};
pub use overlay::TransformOverlay;
pub use resample::Filter;

use ofx_plugin::host::HostInfo;
use ofx_plugin::param::{ChoiceParam, Double2DParam, DoubleParam};
use ofx_plugin::prelude::*;

/// The parameters of [`Transform`]; `#[derive(Params)]` writes their
/// definition, the handles' fetch and the `values_at` snapshot.
#[derive(Params)]
pub struct TransformParams {
    /// The translation, in canonical pixels.
    #[param(label = "Translate", hint = "The translation, in canonical pixels",
            default = (0.0, 0.0), double_type = XY)]
    pub translate: Double2DParam,
    /// The rotation in degrees.
    #[param(label = "Rotate", hint = "The rotation in degrees, counter-clockwise",
            default = 0.0, display = -180.0..=180.0, double_type = Angle)]
    pub rotate: DoubleParam,
    /// The scale along x and y.
    #[param(label = "Scale", hint = "The scale along x and y",
            default = (1.0, 1.0), display = 0.0..=4.0, double_type = Scale)]
    pub scale: Double2DParam,
    /// A factor on both scales.
    #[param(label = "Uniform scale", hint = "A factor on both scales",
            default = 1.0, display = 0.0..=4.0, double_type = Scale)]
    pub uniform: DoubleParam,
    /// The skew along x.
    #[param(name = "skewX", label = "Skew X", hint = "x moves by this times y",
            default = 0.0, display = -1.0..=1.0)]
    pub skew_x: DoubleParam,
    /// The skew along y.
    #[param(name = "skewY", label = "Skew Y", hint = "y moves by this times x",
            default = 0.0, display = -1.0..=1.0)]
    pub skew_y: DoubleParam,
    /// The centre of rotation, scale and skew; its default is normalised,
    /// so it starts in the middle of whatever project the effect is in.
    #[param(label = "Center", hint = "The centre of rotation, scale and skew",
            default = (0.5, 0.5), double_type = XYAbsolute, coordinates = Normalised)]
    pub center: Double2DParam,
    /// The resampling filter.
    #[param(label = "Filter", hint = "How the source is sampled between its pixels",
            default = Filter::Bilinear)]
    pub filter: ChoiceParam<Filter>,
}

/// The parameter values at one time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Where the source goes.
    pub placement: Placement,
    /// The filter.
    pub filter: Filter,
}

/// `par`, or 1 when the host gave a pixel aspect ratio that is not a
/// positive number.
fn par_or_one(par: f64) -> f64 {
    if par > 0.0 && par.is_finite() {
        par
    } else {
        1.0
    }
}

/// The Transform effect.
#[derive(Plugin)]
#[ofx(
    id = "org.ofx-rs.examples.Transform",
    version = "1.0",
    label = "Transform",
    group = "Transform",
    overlay = TransformOverlay
)]
pub struct Transform {
    source: Clip,
    params: TransformParams,
}

impl Transform {
    /// The values at `time`.
    pub fn settings(&self, time: f64) -> Result<Settings> {
        let v = self.params.values_at(time)?;
        Ok(Settings {
            placement: Placement {
                translate: v.translate,
                rotate: v.rotate,
                scale: v.scale,
                uniform: v.uniform,
                skew: [v.skew_x, v.skew_y],
                center: v.center,
            },
            filter: v.filter,
        })
    }

    /// The source's pixel aspect ratio (1 when the host's is unusable).
    fn par(&self) -> Result<f64> {
        Ok(par_or_one(self.source.pixel_aspect_ratio()?))
    }

    /// The filter's reach in canonical units at `scale`.
    fn reach(&self, filter: Filter, scale: RenderScale) -> Result<(f64, f64)> {
        let r = PointD::new(filter.support(), filter.support()).to_canonical(scale, self.par()?);
        Ok((r.x, r.y))
    }
}

impl ImageEffect for Transform {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.description("Translate, rotate, scale and skew about a centre")?
            .supported_contexts(&[Context::Filter, Context::General])?
            .supported_pixel_depths(&[BitDepth::U8, BitDepth::U16, BitDepth::F16, BitDepth::F32])?
            .render_thread_safety(RenderThreadSafety::FullySafe)?
            .supports_tiles(true)?
            .supports_multi_resolution(true)?;
        // Only a host that knows the extension has the property.
        if HostInfo::get().is_ok_and(|h| h.can_transform) {
            d.can_transform(true)?;
        }
        Ok(())
    }

    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        let all = PixelComponents::ALL;
        d.source_clip()?
            .supported_components(&all)?
            .supports_tiles(true)?;
        d.output_clip()?.supported_components(&all)?;
        TransformParams::define(d)
    }

    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Transform {
            source: i.source_clip()?,
            params: TransformParams::fetch(i)?,
        })
    }

    fn region_of_definition(
        &self,
        _: &InstanceContext,
        args: &RegionOfDefinitionArgs,
    ) -> Result<Option<RectD>> {
        let s = self.settings(args.time)?;
        let rod = self.source.region_of_definition(args.time)?;
        let (rx, ry) = self.reach(s.filter, args.render_scale)?;
        let m = s.placement.matrix();
        Ok(Some(match m.inverse() {
            Some(_) => m.map_rect(&rod.grown(rx, ry)),
            None => RectD::new(0.0, 0.0, 0.0, 0.0),
        }))
    }

    fn regions_of_interest(
        &self,
        _: &InstanceContext,
        args: &RegionsOfInterestArgs,
        rois: &mut RoiSetter<'_>,
    ) -> Result<Trapped> {
        let s = self.settings(args.time)?;
        let rod = self.source.region_of_definition(args.time)?;
        let (rx, ry) = self.reach(s.filter, args.render_scale)?;
        let roi = s
            .placement
            .matrix()
            .inverse()
            .and_then(|inv| {
                inv.map_rect(&args.region_of_interest)
                    .grown(rx, ry)
                    .intersection(&rod)
            })
            .unwrap_or(RectD::new(0.0, 0.0, 0.0, 0.0));
        rois.set(&self.source, roi)?;
        Ok(Trapped::Yes)
    }

    fn is_identity(&self, _: &InstanceContext, args: &IsIdentityArgs) -> Result<Identity> {
        Ok(
            if self.settings(args.time)?.placement.matrix() == Matrix3::IDENTITY {
                Identity::Clip {
                    name: self.source.name().to_owned(),
                    time: args.time,
                }
            } else {
                Identity::No
            },
        )
    }

    fn transform(
        &self,
        _: &InstanceContext,
        args: &TransformArgs,
    ) -> Result<Option<TransformMatrix>> {
        let s = self.settings(args.time)?;
        let m = s
            .placement
            .matrix()
            .to_pixel(args.render_scale, self.par()?);
        Ok(Some(TransformMatrix {
            clip: self.source.name().to_owned(),
            matrix: m.m,
        }))
    }

    fn render(&self, r: &Render<'_>) -> Result<()> {
        let s = self.settings(r.time())?;
        let mut out = r.output()?;
        let inverse = s
            .placement
            .matrix()
            .to_pixel(r.render_scale(), self.par()?)
            .inverse();
        let (Some(inverse), true) = (inverse, self.source.is_connected().unwrap_or(true)) else {
            // A singular matrix or no source (general context): black.
            return ofx_plugin::for_each_pixel_type!(out.depth(), out.components(), |P| {
                out.view_mut::<P>()?.fill(P::default())
            });
        };
        let src = r.input(&self.source)?;
        ofx_plugin::for_each_pixel_type!(out.depth(), out.components(), |P| {
            render_typed::<P>(&inverse, s.filter, &src, &mut out)?
        })
    }
}

/// Resamples the source, cut to its region of definition (black beyond),
/// into the output's window.
fn render_typed<P: Pixel>(
    inverse: &Matrix3,
    filter: Filter,
    src: &InputImage<'_>,
    out: &mut OutputImage<'_>,
) -> Result<()> {
    let s = src.view::<P>()?;
    let s = match src.region_of_definition() {
        Ok(rod) => s.sub_window(rod),
        Err(_) => s,
    };
    resample::resample(inverse, filter, &s, &mut out.view_mut::<P>()?);
    Ok(())
}

ofx_plugin::bundle!(Transform);

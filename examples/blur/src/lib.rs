//! Blur: a separable Gaussian, box or triple-box blur whose cost per pixel
//! does not grow with the size.
//!
//! # Parameters
//!
//! | name | type | default | meaning |
//! |---|---|---|---|
//! | `size` | double 2D | (5, 5) | the blur's standard deviation along x and y, in canonical pixels |
//! | `filter` | choice | Gaussian | Gaussian, Box or Triple box |
//! | `boundary` | choice | Black | what the source is beyond its edges: Black or Edge clamp |
//! | `expandRoD` | boolean | on | grow the output's region of definition by the blur's support |
//!
//! Every filter blurs by the same amount for the same size: `size` is the
//! standard deviation, and the boxes are sized to have exactly that
//! variance (see [`blur_filter`] for the accuracy of each).
//!
//! # Render scale and pixel aspect ratio
//!
//! The size is in canonical pixels. At render scale `s` and pixel aspect
//! ratio `par` the standard deviation in image pixels is
//! `size.x * s.x / par` along x and `size.y * s.y` along y.
//!
//! # Regions
//!
//! * The region of interest of the source is the requested region grown by
//!   the kernel's support in pixels at the render scale (converted back to
//!   canonical units), and no more: `ceil(4 sigma)` for the Gaussian, the
//!   exact reach of the boxes.
//! * With `expandRoD` on, the region of definition is the source's grown by
//!   the same support; with it off, it is the source's.
//! * A source image smaller than the region of interest, or with bounds that
//!   do not start at the origin, is handled by the boundary choice: beyond
//!   the source's pixels the image is black, or its nearest edge pixel.
//!
//! # Rendering
//!
//! Every depth (8- and 16-bit integers, half and full floats) and component
//! type (RGBA, RGB, Alpha) is rendered by one generic function, chosen by
//! [`for_each_pixel_type!`](ofx_plugin::for_each_pixel_type). The effect
//! declares tiles, multi-resolution and full thread safety.
//!
//! * Scratch memory: the filter needs one `&mut [f32]` of
//!   [`Plan::scratch_len`] floats. It comes from the host's image memory
//!   through a [`ScratchPool`] kept in the instance, held by an RAII guard
//!   for the length of the render, and freed on purge-caches.
//! * Abort: the host's abort flag is polled between the horizontal and
//!   vertical passes; an aborted render returns OK (the host discards it).
//! * An unconnected source (general context) renders transparent black.
//!   With a size of zero on both axes the effect is an identity.
//!
//! The algorithm itself, with its accuracy, memory layout and speed, is the
//! [`blur_filter`] crate (`filters/blur-filter`), which has no host
//! dependency.
//!
//! # Tests and benchmarks
//!
//! * `cargo test -p blur`: the plugin through ofx-host over the C ABI
//!   (`tests/host.rs`: the matrix of depths, components, row layouts,
//!   bounds, render scales, tiles and threads, the regions, the validator;
//!   ignored while the host lacks the parameter suite), and the region of
//!   interest against what a render reads (`tests/regions.rs`).
//! * `cargo bench -p blur --bench blur_host`: the render action through
//!   ofx-host, and the fixed cost of a 1-pixel render.
//! * The filter's accuracy tests and its kernel bench are in
//!   `filters/blur-filter` (`cargo test -p blur-filter`,
//!   `cargo bench -p blur-filter --bench blur_speed`).
#![forbid(unsafe_code)]

#[cfg(feature = "opencl")]
pub mod opencl;

use blur_filter::{AxisFilter, BlurError, BlurSpec, Boundary, FilterKind, Plan};
use ofx_plugin::memory::ScratchPool;
use ofx_plugin::param::{BooleanParam, ChoiceParam, Double2DParam};
use ofx_plugin::prelude::*;

/// The parameters of [`Blur`]; `#[derive(Params)]` writes their definition,
/// the handles' fetch and the `values_at` snapshot.
#[derive(Params)]
pub struct BlurParams {
    /// The standard deviation along x and y, in canonical pixels.
    #[param(label = "Size",
            hint = "The blur's standard deviation along x and y, in canonical pixels",
            default = (5.0, 5.0), range = 0.0..=10_000.0, display = 0.0..=100.0)]
    pub size: Double2DParam,
    /// The filter.
    #[param(label = "Filter",
            hint = "Gaussian (recursive), one box, or three boxes (quasi-Gaussian)",
            default = FilterKind::Gaussian)]
    pub filter: ChoiceParam<FilterKind>,
    /// The boundary condition.
    #[param(label = "Boundary",
            hint = "What the source is beyond its edges: black, or its edge pixels repeated",
            default = Boundary::Black)]
    pub boundary: ChoiceParam<Boundary>,
    /// Whether the region of definition grows by the support.
    #[param(
        name = "expandRoD",
        label = "Expand RoD",
        hint = "Grow the output's region of definition by the blur's reach",
        default = true
    )]
    pub expand_rod: BooleanParam,
}

/// The parameter values at one time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlurSettings {
    /// The standard deviation along x and y, in canonical pixels.
    pub size: [f64; 2],
    /// The filter.
    pub filter: FilterKind,
    /// The boundary condition.
    pub boundary: Boundary,
    /// Whether the region of definition grows by the support.
    pub expand_rod: bool,
}

impl BlurSettings {
    /// The blur in pixels of an image at `scale` with pixel aspect ratio
    /// `par`.
    pub fn spec(&self, scale: RenderScale, par: f64) -> BlurSpec {
        let par = par_or_one(par);
        BlurSpec {
            filter: self.filter,
            boundary: self.boundary,
            sigma: [self.size[0] * scale.x / par, self.size[1] * scale.y],
        }
    }

    /// The kernel's support in canonical units at `scale` and `par`: the
    /// pixel support of each axis, converted back.
    pub fn canonical_support(&self, scale: RenderScale, par: f64) -> (f64, f64) {
        let spec = self.spec(scale, par);
        let rx = AxisFilter::new(spec.filter, spec.sigma[0]).support() as f64;
        let ry = AxisFilter::new(spec.filter, spec.sigma[1]).support() as f64;
        let p = PointD::new(rx, ry).to_canonical(scale, par_or_one(par));
        (p.x, p.y)
    }

    /// Whether the blur leaves images unchanged (a size of zero on both axes).
    pub fn is_identity(&self) -> bool {
        self.size.iter().all(|&s| s.is_nan() || s <= 0.0)
    }
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

impl BlurParams {
    /// The values at `time`.
    pub fn at(&self, time: f64) -> Result<BlurSettings> {
        let v = self.values_at(time)?;
        Ok(BlurSettings {
            size: v.size,
            filter: v.filter,
            boundary: v.boundary,
            expand_rod: v.expand_rod,
        })
    }
}

/// The Blur effect.
#[derive(Plugin)]
#[ofx(
    id = "org.ofx-rs.examples.Blur",
    version = "1.0",
    label = "Blur",
    group = "Filter"
)]
pub struct Blur {
    source: Clip,
    params: BlurParams,
    /// Host image memory for the passes, kept between renders.
    scratch: ScratchPool,
    /// The OpenCL program, built on the first OpenCL render of a context.
    #[cfg(feature = "opencl")]
    kernels: ofx_plugin::gpu::opencl::Kernels,
}

impl ImageEffect for Blur {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.description(
            "Gaussian, box or triple-box blur, at a cost per pixel independent of the size",
        )?
        .supported_contexts(&[Context::Filter, Context::General])?
        .supported_pixel_depths(&[BitDepth::U8, BitDepth::U16, BitDepth::F16, BitDepth::F32])?
        .render_thread_safety(RenderThreadSafety::FullySafe)?
        .supports_tiles(true)?
        .supports_multi_resolution(true)?;
        #[cfg(feature = "opencl")]
        d.opencl_buffers(GpuSupport::Yes)?;
        Ok(())
    }

    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        let all = PixelComponents::ALL;
        // The source takes tiles too: the RoI, not the whole frame, is read.
        d.source_clip()?
            .supported_components(&all)?
            .supports_tiles(true)?;
        d.output_clip()?.supported_components(&all)?;
        BlurParams::define(d)
    }

    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Blur {
            source: i.source_clip()?,
            params: BlurParams::fetch(i)?,
            scratch: ScratchPool::new(),
            #[cfg(feature = "opencl")]
            kernels: opencl::kernels(),
        })
    }

    fn purge_caches(&self, _: &InstanceContext) -> Result<Trapped> {
        self.scratch.purge();
        Ok(Trapped::Yes)
    }

    fn region_of_definition(
        &self,
        _: &InstanceContext,
        args: &RegionOfDefinitionArgs,
    ) -> Result<Option<RectD>> {
        let s = self.params.at(args.time)?;
        if !s.expand_rod {
            return Ok(None);
        }
        let rod = self.source.region_of_definition(args.time)?;
        let (rx, ry) = s.canonical_support(args.render_scale, self.source.pixel_aspect_ratio()?);
        Ok(Some(rod.grown(rx, ry)))
    }

    fn regions_of_interest(
        &self,
        _: &InstanceContext,
        args: &RegionsOfInterestArgs,
        rois: &mut RoiSetter<'_>,
    ) -> Result<Trapped> {
        let s = self.params.at(args.time)?;
        let (rx, ry) = s.canonical_support(args.render_scale, self.source.pixel_aspect_ratio()?);
        rois.set(&self.source, args.region_of_interest.grown(rx, ry))?;
        Ok(Trapped::Yes)
    }

    fn is_identity(&self, _: &InstanceContext, args: &IsIdentityArgs) -> Result<Identity> {
        Ok(if self.params.at(args.time)?.is_identity() {
            Identity::Clip {
                name: self.source.name().to_owned(),
                time: args.time,
            }
        } else {
            Identity::No
        })
    }

    fn render(&self, r: &Render<'_>) -> Result<()> {
        let settings = self.params.at(r.time())?;
        #[cfg(feature = "opencl")]
        if let Backend::OpenClBuffers(cl) = r.backend()? {
            return opencl::buffers(
                &self.kernels,
                &cl,
                &self.source,
                &settings,
                r.time(),
                r.render_scale(),
            );
        }
        if !self.source.is_connected().unwrap_or(true) {
            // Nothing to blur (general context): transparent black.
            let mut out = r.output()?;
            return ofx_plugin::for_each_pixel_type!(out.depth(), out.components(), |P| {
                out.view_mut::<P>()?.fill(P::default())
            });
        }
        let src = r.input(&self.source)?;
        let mut out = r.output()?;
        if out.window().is_empty() {
            return Ok(());
        }
        let par = src
            .pixel_aspect_ratio()
            .or_else(|_| self.source.pixel_aspect_ratio())?;
        let spec = settings.spec(r.render_scale(), par);
        let abort = || r.abort();
        ofx_plugin::for_each_pixel_type!(out.depth(), out.components(), |P| {
            render_typed::<P>(&spec, &src, &mut out, &self.scratch, &abort)?
        })
    }
}

/// Plans, takes scratch memory from the host (through the instance's pool),
/// and blurs.
fn render_typed<P: Pixel>(
    spec: &BlurSpec,
    src: &InputImage<'_>,
    out: &mut OutputImage<'_>,
    scratch: &ScratchPool,
    abort: &(dyn Fn() -> bool + Sync),
) -> Result<()> {
    // The pixels outside the source's region of definition are black by
    // definition: the boundary applies at whichever edge comes first.
    let s = src.view::<P>()?;
    let s = match src.region_of_definition() {
        Ok(rod) => s.sub_window(rod),
        Err(_) => s,
    };
    let window = out.window();
    let mut d = out.view_mut::<P>()?;
    let plan = Plan::new(spec, window, s.bounds(), P::COUNT, P::DEPTH);
    // The passes write every float of the scratch before reading it, so a
    // kept block's old contents do not matter.
    let outcome = scratch.with::<f32, _>(plan.scratch_len(), |buf| {
        blur_filter::blur(&plan, &s, &mut d, buf, abort)
    })?;
    match outcome {
        // The host asked to stop: it discards the output.
        Ok(()) | Err(BlurError::Aborted) => Ok(()),
        Err(e) => Err(Error::failed(e.to_string())),
    }
}

ofx_plugin::bundle!(Blur);

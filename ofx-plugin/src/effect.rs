//! The traits an effect author implements, and the typed arguments of each
//! action.

use std::ffi::CStr;

use ofx_sys as sys;

use crate::descriptor::{ContextDescriptor, EffectDescriptor};
use crate::error::{Error, Result};
use crate::image::InputImage;
use crate::instance::{Clip, InstanceContext};
use crate::render::Render;

pub use crate::geometry::{RectD, RectI, RenderScale};

/// The context an effect is described in or instantiated for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    /// Creates images from nothing.
    Generator,
    /// One source clip in, one output.
    Filter,
    /// Blends two clips over a transition parameter.
    Transition,
    /// Paints on a source with a brush mask.
    Paint,
    /// Any number of clips.
    General,
    /// Changes the timing of a source clip.
    Retimer,
}

impl Context {
    /// Every context, in the order OFX lists them.
    pub const ALL: [Context; 6] = [
        Context::Generator,
        Context::Filter,
        Context::Transition,
        Context::Paint,
        Context::General,
        Context::Retimer,
    ];

    /// The OFX string naming this context.
    pub fn as_cstr(self) -> &'static CStr {
        match self {
            Context::Generator => sys::kOfxImageEffectContextGenerator,
            Context::Filter => sys::kOfxImageEffectContextFilter,
            Context::Transition => sys::kOfxImageEffectContextTransition,
            Context::Paint => sys::kOfxImageEffectContextPaint,
            Context::General => sys::kOfxImageEffectContextGeneral,
            Context::Retimer => sys::kOfxImageEffectContextRetimer,
        }
    }

    /// Parses an OFX context string.
    pub fn from_str_ofx(s: &str) -> Result<Context> {
        Context::ALL
            .into_iter()
            .find(|c| c.as_cstr().to_bytes() == s.as_bytes())
            .ok_or_else(|| Error::value(format!("unknown image effect context {s:?}")))
    }
}

/// Identity metadata of a plugin: the identifier and version a host sees.
///
/// Implemented by `#[derive(Plugin)]` or by [`plugin!`](crate::plugin).
pub trait Plugin: ImageEffect {
    /// The unique, reverse-domain identifier, e.g. `c"org.example.Gain"`.
    const ID: &'static CStr;
    /// The major version; hosts keep plugins with different major versions apart.
    const VERSION_MAJOR: u32;
    /// The minor version.
    const VERSION_MINOR: u32;
    /// The label shown to users, set at describe unless the describe code sets its own.
    const LABEL: Option<&'static str> = None;
    /// The menu group, set at describe unless the describe code sets its own.
    const GROUP: Option<&'static str> = None;
    /// The overlay interact, registered at describe (`#[ofx(overlay = T)]`).
    const OVERLAY: Option<crate::interact::InteractEntry> = None;
}

/// Whether a default-able action was handled by the effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trapped {
    /// The effect handled the action (the host gets `kOfxStatOK`).
    Yes,
    /// The effect did not handle it (the host gets `kOfxStatReplyDefault`).
    No,
}

/// The answer of [`ImageEffect::is_identity`].
#[derive(Clone, Debug, PartialEq)]
pub enum Identity {
    /// The effect changes the image: render it.
    No,
    /// The output equals the named input clip at the given time.
    Clip {
        /// The clip to pass through.
        name: String,
        /// The time to fetch it at.
        time: f64,
    },
}

/// An image-effect type. Implement the four required functions; every other
/// action defaults to "not trapped", which the host answers with its own
/// default behaviour.
///
/// `render` takes `&self` and the type must be `Send + Sync`: hosts may call
/// render from several threads at once on one instance, as the declared
/// render thread safety allows. Mutating actions (instance changed, sync
/// private data...) also take `&self`, since a host may still be rendering;
/// keep mutable state behind a lock or atomics.
pub trait ImageEffect: Sized + Send + Sync + 'static {
    /// Describes the effect (labels, contexts, depths, flags).
    fn describe(d: &mut EffectDescriptor) -> Result<()>;
    /// Describes the clips and parameters of the effect in one context.
    fn describe_in_context(d: &mut ContextDescriptor, context: Context) -> Result<()>;
    /// Creates the instance value, kept by the host until destroy-instance.
    fn create_instance(i: &InstanceContext) -> Result<Self>;
    /// Renders one frame (or field) into the render window of the output
    /// clip. The images it reads and writes are fetched through `r`, and
    /// cannot outlive the call.
    fn render(&self, r: &Render<'_>) -> Result<()>;

    /// The region of definition of the output; `None` keeps the host's default.
    fn region_of_definition(
        &self,
        _i: &InstanceContext,
        _args: &RegionOfDefinitionArgs,
    ) -> Result<Option<RectD>> {
        Ok(None)
    }
    /// The region each input must provide; set them through `rois`.
    fn regions_of_interest(
        &self,
        _i: &InstanceContext,
        _args: &RegionsOfInterestArgs,
        _rois: &mut RoiSetter<'_>,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// The frames each input needs; set them through `frames`.
    fn frames_needed(
        &self,
        _i: &InstanceContext,
        _args: &FramesNeededArgs,
        _frames: &mut FramesNeededSetter<'_>,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// The frame range the effect can produce (general context); `None` = default.
    fn time_domain(&self, _i: &InstanceContext) -> Result<Option<[f64; 2]>> {
        Ok(None)
    }
    /// The clip preferences (components, depth, PAR, frame rate...).
    fn clip_preferences(
        &self,
        _i: &InstanceContext,
        _prefs: &mut ClipPreferencesSetter<'_>,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// Whether the effect is a pass-through at these arguments.
    fn is_identity(&self, _i: &InstanceContext, _args: &IsIdentityArgs) -> Result<Identity> {
        Ok(Identity::No)
    }
    /// Called before a sequence of renders.
    fn begin_sequence_render(
        &self,
        _i: &InstanceContext,
        _args: &SequenceRenderArgs,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// Called after a sequence of renders.
    fn end_sequence_render(
        &self,
        _i: &InstanceContext,
        _args: &SequenceRenderArgs,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// A parameter or clip changed. Images of input clips may be read here
    /// (through [`InstanceChangedArgs::input_at`]), for analysis.
    fn instance_changed(
        &self,
        _i: &InstanceContext,
        _args: &InstanceChangedArgs<'_>,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// Opens a batch of instance-changed calls.
    fn begin_instance_changed(
        &self,
        _i: &InstanceContext,
        _reason: ChangeReason,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// Closes a batch of instance-changed calls.
    fn end_instance_changed(&self, _i: &InstanceContext, _reason: ChangeReason) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// Frees caches.
    fn purge_caches(&self, _i: &InstanceContext) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// Flushes private data into parameters before the host saves.
    fn sync_private_data(&self, _i: &InstanceContext) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// A user interface opened on the instance.
    fn begin_instance_edit(&self, _i: &InstanceContext) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// The last user interface on the instance closed.
    fn end_instance_edit(&self, _i: &InstanceContext) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// The effect's render as one matrix, for a host that concatenates
    /// transforms (the extension described in
    /// [`extensions`](crate::extensions)): `Some` answers the host's
    /// get-transform action with the clip and the matrix, `None` (the
    /// default) asks to be rendered as usual. Only sent to effects that set
    /// [`EffectDescriptor::can_transform`](crate::EffectDescriptor::can_transform).
    fn transform(
        &self,
        _i: &InstanceContext,
        _args: &TransformArgs,
    ) -> Result<Option<TransformMatrix>> {
        Ok(None)
    }
    /// The host attached an OpenGL context to the instance (made current
    /// now): create the GPU objects (programs, buffers) to render with. A
    /// host calls it again only after
    /// [`opengl_context_detached`](ImageEffect::opengl_context_detached).
    fn opengl_context_attached(&self, _i: &InstanceContext) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// The host is about to destroy or change the instance's OpenGL context
    /// (still current now): free what `opengl_context_attached` created.
    fn opengl_context_detached(&self, _i: &InstanceContext) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// The output colourspace given the preferred ones; `None` = default.
    fn output_colourspace(
        &self,
        _i: &InstanceContext,
        _preferred: &[String],
    ) -> Result<Option<String>> {
        Ok(None)
    }
}

/// Which field of an interlaced frame an action is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Progressive or unfielded.
    None,
    /// Both fields.
    Both,
    /// The lower field.
    Lower,
    /// The upper field.
    Upper,
}

impl Field {
    pub(crate) fn parse(s: &str) -> Field {
        let b = s.as_bytes();
        if b == sys::kOfxImageFieldLower.to_bytes() {
            Field::Lower
        } else if b == sys::kOfxImageFieldUpper.to_bytes() {
            Field::Upper
        } else if b == sys::kOfxImageFieldBoth.to_bytes() {
            Field::Both
        } else {
            Field::None
        }
    }
}

/// Arguments of the render action.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderArgs {
    /// The frame time.
    pub time: f64,
    /// The field to render.
    pub field: Field,
    /// The pixel window to fill in the output.
    pub render_window: RectI,
    /// The render scale (x, y).
    pub render_scale: RenderScale,
    /// The host renders frames in order (1.4+).
    pub sequential: bool,
    /// The render is interactive (1.4+).
    pub interactive: bool,
    /// Draft quality is enough (1.4+).
    pub draft: bool,
    /// A thumbnail is being rendered (1.5+).
    pub thumbnail: bool,
    /// The host asks to ignore spatial parameters (1.5+).
    pub no_spatial_awareness: bool,
}

/// Arguments of the region-of-definition action.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionOfDefinitionArgs {
    /// The frame time.
    pub time: f64,
    /// The render scale.
    pub render_scale: RenderScale,
    /// A thumbnail is being rendered (1.5+).
    pub thumbnail: bool,
}

/// Arguments of the regions-of-interest action.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionsOfInterestArgs {
    /// The frame time.
    pub time: f64,
    /// The render scale.
    pub render_scale: RenderScale,
    /// The region of the output to be rendered, in canonical coordinates.
    pub region_of_interest: RectD,
    /// A thumbnail is being rendered (1.5+).
    pub thumbnail: bool,
}

/// Arguments of the frames-needed action.
#[derive(Clone, Debug, PartialEq)]
pub struct FramesNeededArgs {
    /// The frame time.
    pub time: f64,
    /// A thumbnail is being rendered (1.5+).
    pub thumbnail: bool,
}

/// Arguments of the is-identity action.
#[derive(Clone, Debug, PartialEq)]
pub struct IsIdentityArgs {
    /// The frame time.
    pub time: f64,
    /// The field to render.
    pub field: Field,
    /// The pixel window to render.
    pub render_window: RectI,
    /// The render scale.
    pub render_scale: RenderScale,
    /// A thumbnail is being rendered (1.5+).
    pub thumbnail: bool,
}

/// Arguments of the get-transform action (transform concatenation, see
/// [`extensions`](crate::extensions)).
#[derive(Clone, Debug, PartialEq)]
pub struct TransformArgs {
    /// The frame time.
    pub time: f64,
    /// The field being transformed.
    pub field: Field,
    /// The render scale the matrix is for.
    pub render_scale: RenderScale,
}

/// An effect's render as a matrix: the answer to the get-transform action.
#[derive(Clone, Debug, PartialEq)]
pub struct TransformMatrix {
    /// The name of the input clip the matrix transforms.
    pub clip: String,
    /// The 3x3 matrix, `matrix[row][column]`, mapping homogeneous pixel
    /// coordinates of the clip's image (at the action's render scale) to
    /// pixel coordinates of the output: `out = matrix * (x, y, 1)`.
    pub matrix: [[f64; 3]; 3],
}

/// Arguments of begin/end sequence render.
#[derive(Clone, Debug, PartialEq)]
pub struct SequenceRenderArgs {
    /// First and last frame of the sequence.
    pub frame_range: [f64; 2],
    /// Step between frames.
    pub frame_step: f64,
    /// The render is interactive.
    pub interactive: bool,
    /// The render scale.
    pub render_scale: RenderScale,
    /// The host renders in order (1.4+).
    pub sequential: bool,
    /// The GPU API the host enabled for the sequence; its renders run on
    /// the same.
    pub gpu: crate::gpu::GpuEnabled,
}

/// Why something changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeReason {
    /// The user edited it.
    UserEdited,
    /// The plugin changed it.
    PluginEdited,
    /// Time changed.
    Time,
}

impl ChangeReason {
    pub(crate) fn parse(s: &str) -> ChangeReason {
        let b = s.as_bytes();
        if b == sys::kOfxChangePluginEdited.to_bytes() {
            ChangeReason::PluginEdited
        } else if b == sys::kOfxChangeTime.to_bytes() {
            ChangeReason::Time
        } else {
            ChangeReason::UserEdited
        }
    }
}

/// What kind of object an instance-changed call is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangedKind {
    /// A parameter (look it up by name).
    Param,
    /// A clip (look it up by name).
    Clip,
    /// Something else, with the type string the host sent.
    Other(String),
}

/// Arguments of the instance-changed action.
#[derive(Clone)]
pub struct InstanceChangedArgs<'a> {
    /// Parameter or clip.
    pub kind: ChangedKind,
    /// The name of the changed parameter or clip.
    pub name: String,
    /// Why it changed.
    pub reason: ChangeReason,
    /// The effect's current time.
    pub time: f64,
    /// The render scale.
    pub render_scale: RenderScale,
    pub(crate) instance: &'a InstanceContext,
}

impl std::fmt::Debug for InstanceChangedArgs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InstanceChangedArgs")
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("reason", &self.reason)
            .field("time", &self.time)
            .field("render_scale", &self.render_scale)
            .finish()
    }
}

impl InstanceChangedArgs<'_> {
    /// The image of an input clip at `time`, read-only, for analysis (the
    /// instance-changed action is one of those that may fetch images). It
    /// cannot outlive the action.
    ///
    /// # Errors
    /// A clip of another instance, the output clip, or the host's refusal.
    pub fn input_at(&self, clip: &Clip, time: f64) -> Result<InputImage<'_>> {
        clip.fetch_input(self.instance, time, None, None)
    }
}

/// Sets the regions of interest of input clips.
pub struct RoiSetter<'a> {
    pub(crate) out: crate::ffi::props::PropSet,
    pub(crate) _life: std::marker::PhantomData<&'a ()>,
}

impl RoiSetter<'_> {
    /// Sets the region of interest of the named input clip.
    pub fn set(&mut self, clip: &Clip, roi: RectD) -> Result<()> {
        let name = roi_prop_name(c"OfxImageClipPropRoI_", clip.name());
        self.out
            .set_doubles(&name, &[roi.x1, roi.y1, roi.x2, roi.y2])
    }
    /// Sets the region of interest of the clip to the requested region
    /// grown by a radius given in canonical units (e.g. a blur radius).
    pub fn set_grown(
        &mut self,
        clip: &Clip,
        args: &RegionsOfInterestArgs,
        radius: f64,
    ) -> Result<()> {
        let r = args.region_of_interest;
        self.set(clip, r.grown(radius, radius))
    }
}

fn roi_prop_name(prefix: &CStr, clip: &str) -> std::ffi::CString {
    let mut v = prefix.to_bytes().to_vec();
    v.extend_from_slice(clip.as_bytes());
    std::ffi::CString::new(v).unwrap_or_default()
}

/// Sets the frames each input clip needs.
pub struct FramesNeededSetter<'a> {
    pub(crate) out: crate::ffi::props::PropSet,
    pub(crate) _life: std::marker::PhantomData<&'a ()>,
}

impl FramesNeededSetter<'_> {
    /// Sets the frame ranges (pairs of first, last) needed from the clip.
    pub fn set(&mut self, clip: &Clip, ranges: &[[f64; 2]]) -> Result<()> {
        let name = roi_prop_name(c"OfxImageClipPropFrameRange_", clip.name());
        let flat: Vec<f64> = ranges.iter().flatten().copied().collect();
        self.out.set_doubles(&name, &flat)
    }
}

/// Sets clip preferences, during the get-clip-preferences action.
pub struct ClipPreferencesSetter<'a> {
    pub(crate) out: crate::ffi::props::PropSet,
    pub(crate) _life: std::marker::PhantomData<&'a ()>,
}

/// Premultiplication state of an image or clip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Premultiplication {
    /// No alpha, or alpha is one everywhere.
    Opaque,
    /// Colour is multiplied by alpha.
    PreMultiplied,
    /// Colour is not multiplied by alpha.
    UnPreMultiplied,
}

impl Premultiplication {
    pub(crate) fn as_cstr(self) -> &'static CStr {
        match self {
            Premultiplication::Opaque => sys::kOfxImageOpaque,
            Premultiplication::PreMultiplied => sys::kOfxImagePreMultiplied,
            Premultiplication::UnPreMultiplied => sys::kOfxImageUnPreMultiplied,
        }
    }
    pub(crate) fn parse(s: &str) -> Premultiplication {
        let b = s.as_bytes();
        if b == sys::kOfxImagePreMultiplied.to_bytes() {
            Premultiplication::PreMultiplied
        } else if b == sys::kOfxImageUnPreMultiplied.to_bytes() {
            Premultiplication::UnPreMultiplied
        } else {
            Premultiplication::Opaque
        }
    }
}

impl ClipPreferencesSetter<'_> {
    fn per_clip(&mut self, prefix: &CStr, clip: &Clip, value: &CStr) -> Result<()> {
        let name = roi_prop_name(prefix, clip.name());
        self.out.set_string(&name, 0, &value.to_string_lossy())
    }
    /// Sets the components the effect wants from (or gives to) a clip.
    pub fn set_components(
        &mut self,
        clip: &Clip,
        components: crate::pixel::PixelComponents,
    ) -> Result<()> {
        let v = crate::descriptor::components_cstr(components);
        self.per_clip(c"OfxImageClipPropComponents_", clip, v)
    }
    /// Sets the pixel depth for a clip.
    pub fn set_depth(&mut self, clip: &Clip, depth: crate::pixel::BitDepth) -> Result<()> {
        self.per_clip(
            c"OfxImageClipPropDepth_",
            clip,
            crate::descriptor::depth_cstr(depth),
        )
    }
    /// Sets the pixel aspect ratio for a clip.
    pub fn set_pixel_aspect_ratio(&mut self, clip: &Clip, par: f64) -> Result<()> {
        let name = roi_prop_name(c"OfxImageClipPropPAR_", clip.name());
        self.out.set_double(&name, 0, par)
    }
    /// Sets the colourspaces the effect prefers for an input clip, best
    /// first (colour management, 1.5).
    pub fn set_preferred_colourspaces(&mut self, clip: &Clip, spaces: &[&str]) -> Result<()> {
        let name = roi_prop_name(c"OfxImageClipPropPreferredColourspaces_", clip.name());
        self.out.set_strings(&name, spaces)
    }
    /// Sets the output frame rate.
    pub fn set_frame_rate(&mut self, fps: f64) -> Result<()> {
        self.out
            .set_double(sys::kOfxImageEffectPropFrameRate, 0, fps)
    }
    /// Sets the output premultiplication.
    pub fn set_premultiplication(&mut self, p: Premultiplication) -> Result<()> {
        self.out.set_string(
            sys::kOfxImageEffectPropPreMultiplication,
            0,
            &p.as_cstr().to_string_lossy(),
        )
    }
    /// Sets the output field order, e.g. `ofx_sys::kOfxImageFieldNone`.
    pub fn set_field_order(&mut self, order: &CStr) -> Result<()> {
        self.out.set_string(
            sys::kOfxImageClipPropFieldOrder,
            0,
            &order.to_string_lossy(),
        )
    }
    /// Says whether the output can be sampled between frames.
    pub fn set_continuous_samples(&mut self, yes: bool) -> Result<()> {
        self.out
            .set_bool(sys::kOfxImageClipPropContinuousSamples, 0, yes)
    }
    /// Says whether the output changes from frame to frame.
    pub fn set_frame_varying(&mut self, yes: bool) -> Result<()> {
        self.out.set_bool(sys::kOfxImageEffectFrameVarying, 0, yes)
    }
}

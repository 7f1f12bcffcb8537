//! Instances, clips and images.

use std::ffi::c_void;
use std::sync::RwLock;

use ofx_sys as sys;

use crate::effect::{Context, Field, Premultiplication};
use crate::error::{Error, Result};
use crate::ffi::Shared;
use crate::ffi::clip;
use crate::ffi::props::PropSet;
use crate::ffi::services;
use crate::geometry::RectD;
use crate::image::{InputImage, parse_components, parse_depth};
use crate::pixel::{BitDepth, PixelComponents};
use crate::scope::Scope;

/// Kinds of user message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// A fatal error.
    Fatal,
    /// An error.
    Error,
    /// A warning.
    Warning,
    /// Information.
    Message,
    /// A log entry.
    Log,
    /// A yes/no question.
    Question,
}

impl MessageKind {
    fn as_cstr(self) -> &'static std::ffi::CStr {
        match self {
            MessageKind::Fatal => sys::kOfxMessageFatal,
            MessageKind::Error => sys::kOfxMessageError,
            MessageKind::Warning => sys::kOfxMessageWarning,
            MessageKind::Message => sys::kOfxMessageMessage,
            MessageKind::Log => sys::kOfxMessageLog,
            MessageKind::Question => sys::kOfxMessageQuestion,
        }
    }
}

/// An effect instance as the host sees it: its clips, parameters and
/// properties. Passed to every instance action.
///
/// The clips and parameters it hands out belong to the instance: once the
/// host has destroyed it, every use of them fails with a
/// [`BadHandle`](crate::ErrorKind::BadHandle) error before the host is
/// called.
pub struct InstanceContext {
    pub(crate) effect: Shared<sys::OfxImageEffectHandle>,
    pub(crate) props: PropSet,
    pub(crate) param_set: crate::param::ParamSet,
    pub(crate) context: Context,
    pub(crate) scope: Scope,
    clips: RwLock<Vec<Clip>>,
    /// The number of the OpenGL context attached to the instance (0: none),
    /// which [`GlProgram`](crate::gpu::GlProgram) keys its programs by.
    pub(crate) gl_context: std::sync::atomic::AtomicU64,
}

impl Drop for InstanceContext {
    fn drop(&mut self) {
        // The instance is gone (destroyed, or its creation failed): the
        // clips and parameters it handed out stop working.
        self.scope.end();
    }
}

impl InstanceContext {
    pub(crate) fn new(effect: sys::OfxImageEffectHandle, owner: String) -> Result<InstanceContext> {
        let scope = Scope::new(owner, "kOfxActionDestroyInstance");
        let props = PropSet::scoped(clip::effect_props(effect)?.handle(), &scope)?;
        let param_set = crate::param::ParamSet::from_raw(clip::param_set(effect)?, Some(&scope))?;
        let ctx = props.get_string(sys::kOfxImageEffectPropContext, 0)?;
        Ok(InstanceContext {
            effect: Shared(effect),
            props,
            param_set,
            context: Context::from_str_ofx(&ctx)?,
            scope,
            clips: RwLock::new(Vec::new()),
            gl_context: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// The context the instance was created in.
    pub fn context(&self) -> Context {
        self.context
    }

    /// The instance's parameter set.
    pub fn param_set(&self) -> Result<crate::param::ParamSet> {
        Ok(self.param_set.clone())
    }

    /// Fetches a typed parameter by name, checking its type.
    pub fn param<T: crate::param::Param>(&self, name: &str) -> Result<T> {
        self.param_set.param(name)
    }

    /// A clip by name (cached after the first lookup).
    pub fn clip(&self, name: &str) -> Result<Clip> {
        if let Some(c) = self
            .clips
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|c| &*c.name == name)
        {
            return Ok(c.clone());
        }
        let (handle, props) = clip::get_handle(self.effect.0, name)?;
        let c = Clip {
            handle: Shared(handle),
            props: PropSet::scoped(props.handle(), &self.scope)?.labelled(format!("clip {name:?}")),
            name: name.into(),
        };
        self.clips
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .push(c.clone());
        Ok(c)
    }
    /// The `Source` clip.
    pub fn source_clip(&self) -> Result<Clip> {
        self.clip("Source")
    }
    /// The `Output` clip.
    pub fn output_clip(&self) -> Result<Clip> {
        self.clip("Output")
    }

    /// Whether the user interface is open on the instance.
    pub fn is_interactive(&self) -> Result<bool> {
        self.props.get_bool(sys::kOfxPropIsInteractive, 0)
    }
    /// The project size in canonical coordinates.
    pub fn project_size(&self) -> Result<[f64; 2]> {
        self.props
            .get_double_array(sys::kOfxImageEffectPropProjectSize)
    }
    /// The project offset in canonical coordinates.
    pub fn project_offset(&self) -> Result<[f64; 2]> {
        self.props
            .get_double_array(sys::kOfxImageEffectPropProjectOffset)
    }
    /// The project's pixel aspect ratio.
    pub fn project_pixel_aspect_ratio(&self) -> Result<f64> {
        self.props
            .get_double(sys::kOfxImageEffectPropProjectPixelAspectRatio, 0)
    }
    /// The project's frame rate.
    pub fn frame_rate(&self) -> Result<f64> {
        self.props.get_double(sys::kOfxImageEffectPropFrameRate, 0)
    }
    /// The display colourspace the host shows the output in (colour management, 1.5).
    pub fn display_colourspace(&self) -> Result<String> {
        self.props
            .get_string(sys::kOfxImageEffectPropDisplayColourspace, 0)
    }
    /// The colour management style the host chose for this instance (1.5).
    pub fn colour_management_style(&self) -> Result<String> {
        self.props
            .get_string(sys::kOfxImageEffectPropColourManagementStyle, 0)
    }
    /// The colour management config the host uses for this instance (1.5).
    pub fn colour_management_config(&self) -> Result<String> {
        self.props
            .get_string(sys::kOfxImageEffectPropColourManagementConfig, 0)
    }

    fn handle(&self) -> *mut c_void {
        self.effect.0.cast()
    }
    /// Posts a message to the user. For questions, returns whether the answer was yes.
    pub fn message(&self, kind: MessageKind, text: &str) -> Result<bool> {
        let st = services::message(self.handle(), kind.as_cstr(), text)?;
        match st {
            s if s == sys::kOfxStatReplyYes => Ok(true),
            s if s == sys::kOfxStatReplyNo => Ok(false),
            s => crate::ffi::check(s, || "message".into()).map(|_| true),
        }
    }
    /// Sets a persistent message on the instance (Message suite V2).
    pub fn set_persistent_message(&self, kind: MessageKind, text: &str) -> Result<()> {
        services::set_persistent(self.handle(), kind.as_cstr(), text)
    }
    /// Clears the persistent message (Message suite V2).
    pub fn clear_persistent_message(&self) -> Result<()> {
        services::clear_persistent(self.handle())
    }
    /// Starts a progress bar; ended when the guard drops.
    pub fn progress(&self, label: &str, id: &str) -> Result<Progress<'_>> {
        services::progress_start(self.handle(), label, id)?;
        Ok(Progress { ctx: self })
    }
    /// The timeline's current time.
    pub fn timeline_time(&self) -> Result<f64> {
        services::time(self.handle())
    }
    /// Moves the timeline to a time.
    pub fn timeline_goto(&self, t: f64) -> Result<()> {
        services::goto_time(self.handle(), t)
    }
    /// The timeline's first and last times.
    pub fn timeline_bounds(&self) -> Result<[f64; 2]> {
        services::time_bounds(self.handle())
    }
    /// Whether the host asks the effect to stop rendering.
    pub fn abort(&self) -> bool {
        clip::abort(self.effect.0)
    }
}

/// A running progress bar; ends it when dropped.
pub struct Progress<'a> {
    ctx: &'a InstanceContext,
}

impl Progress<'_> {
    /// Reports progress in 0..=1. `Ok(false)` means the user asked to stop.
    pub fn update(&self, value: f64) -> Result<bool> {
        services::progress_update(self.ctx.handle(), value)
    }
}

impl Drop for Progress<'_> {
    fn drop(&mut self) {
        let _ = services::progress_end(self.ctx.handle());
    }
}

/// A clip of an instance.
#[derive(Clone)]
pub struct Clip {
    handle: Shared<sys::OfxImageClipHandle>,
    props: PropSet,
    name: std::sync::Arc<str>,
}

impl std::fmt::Debug for Clip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clip").field("name", &self.name).finish()
    }
}

impl Clip {
    /// The clip's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Whether an input is connected.
    pub fn is_connected(&self) -> Result<bool> {
        self.props.get_bool(sys::kOfxImageClipPropConnected, 0)
    }
    /// The pixel depth the effect sees (after clip preferences).
    pub fn pixel_depth(&self) -> Result<BitDepth> {
        self.props
            .with_cstr(sys::kOfxImageEffectPropPixelDepth, 0, parse_depth)?
    }
    /// The pixel depth of the clip's source, before mapping.
    pub fn unmapped_pixel_depth(&self) -> Result<BitDepth> {
        self.props
            .with_cstr(sys::kOfxImageClipPropUnmappedPixelDepth, 0, parse_depth)?
    }
    /// The components the effect sees (after clip preferences).
    pub fn components(&self) -> Result<PixelComponents> {
        self.props
            .with_cstr(sys::kOfxImageEffectPropComponents, 0, parse_components)?
    }
    /// The components of the clip's source, before mapping.
    pub fn unmapped_components(&self) -> Result<PixelComponents> {
        self.props.with_cstr(
            sys::kOfxImageClipPropUnmappedComponents,
            0,
            parse_components,
        )?
    }
    /// The premultiplication state.
    pub fn premultiplication(&self) -> Result<Premultiplication> {
        Ok(Premultiplication::parse(&self.props.get_string(
            sys::kOfxImageEffectPropPreMultiplication,
            0,
        )?))
    }
    /// The pixel aspect ratio.
    pub fn pixel_aspect_ratio(&self) -> Result<f64> {
        self.props.get_double(sys::kOfxImagePropPixelAspectRatio, 0)
    }
    /// The frame rate.
    pub fn frame_rate(&self) -> Result<f64> {
        self.props.get_double(sys::kOfxImageEffectPropFrameRate, 0)
    }
    /// The unmapped frame rate.
    pub fn unmapped_frame_rate(&self) -> Result<f64> {
        self.props
            .get_double(sys::kOfxImageEffectPropUnmappedFrameRate, 0)
    }
    /// The frame range.
    pub fn frame_range(&self) -> Result<[f64; 2]> {
        self.props
            .get_double_array(sys::kOfxImageEffectPropFrameRange)
    }
    /// The unmapped frame range.
    pub fn unmapped_frame_range(&self) -> Result<[f64; 2]> {
        self.props
            .get_double_array(sys::kOfxImageEffectPropUnmappedFrameRange)
    }
    /// The field order.
    pub fn field_order(&self) -> Result<Field> {
        Ok(Field::parse(
            &self.props.get_string(sys::kOfxImageClipPropFieldOrder, 0)?,
        ))
    }
    /// Whether the clip can be sampled between frames.
    pub fn continuous_samples(&self) -> Result<bool> {
        self.props
            .get_bool(sys::kOfxImageClipPropContinuousSamples, 0)
    }
    /// The colourspace of the clip's images (colour management, 1.5).
    pub fn colourspace(&self) -> Result<String> {
        self.props.get_string(sys::kOfxImageClipPropColourspace, 0)
    }
    /// The colourspaces the clip's consumer prefers (colour management, 1.5).
    pub fn preferred_colourspaces(&self) -> Result<Vec<String>> {
        self.props
            .get_strings(sys::kOfxImageClipPropPreferredColourspaces)
    }
    /// The region of definition at a time.
    pub fn region_of_definition(&self, time: f64) -> Result<RectD> {
        let _live = self.live()?;
        clip::region_of_definition(self.handle.0, time)
    }

    /// Enters the scope of the clip's instance for one host call.
    fn live(&self) -> Result<Option<crate::scope::Entered<'_>>> {
        self.props
            .scope()
            .map(|s| s.enter(|| format!("clip {:?}", &*self.name)))
            .transpose()
    }

    /// Whether this is the output clip, which is written through
    /// [`Render::output`](crate::Render::output) and never read.
    pub fn is_output(&self) -> bool {
        self.name.as_bytes() == sys::kOfxImageEffectOutputClipName.to_bytes()
    }

    /// Fetches an image of this input clip for an action that may fetch
    /// images, after checking that the clip is an input of `instance`.
    pub(crate) fn fetch_input<'a>(
        &self,
        instance: &InstanceContext,
        time: f64,
        region: Option<RectD>,
        live: Option<&'a crate::image::LiveImages>,
    ) -> Result<InputImage<'a>> {
        let _live = self.enter_input(instance)?;
        InputImage::fetch(self.handle.0, &self.name, time, region, live)
    }

    /// Checks that this is an input clip of `instance` and enters its scope
    /// for the host call that fetches an image of it.
    pub(crate) fn enter_input(
        &self,
        instance: &InstanceContext,
    ) -> Result<Option<crate::scope::Entered<'_>>> {
        self.check_owner(instance)?;
        if self.is_output() {
            return Err(Error::failed(
                "the output clip cannot be read as an input: a render writes its output \
                 through Render::output, and no action reads it",
            ));
        }
        self.live()
    }

    /// Checks that the clip belongs to `instance`.
    pub(crate) fn check_owner(&self, instance: &InstanceContext) -> Result<()> {
        match self.props.scope() {
            Some(s) if s.same(&instance.scope) => Ok(()),
            Some(s) => Err(Error::bad_handle(format!(
                "clip {:?} belongs to {}, not to the instance running this action",
                &*self.name,
                s.owner()
            ))),
            None => Err(Error::bad_handle(format!(
                "clip {:?} does not belong to an instance",
                &*self.name
            ))),
        }
    }

    /// The raw handle, for fetching the output image.
    pub(crate) fn raw(&self) -> sys::OfxImageClipHandle {
        self.handle.0
    }
}

//! Descriptors: what an effect declares at describe and describe-in-context.

use std::ffi::CStr;

use ofx_sys as sys;

use crate::effect::Context;
use crate::error::Result;
use crate::ffi::props::PropSet;
use crate::pixel::{BitDepth, PixelComponents};

/// How many instances may render concurrently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenderThreadSafety {
    /// Only one render at a time across all instances.
    Unsafe,
    /// One render at a time per instance.
    InstanceSafe,
    /// Any number of renders at once.
    FullySafe,
}

/// The OFX string for a pixel depth.
pub(crate) fn depth_cstr(d: BitDepth) -> &'static CStr {
    match d {
        BitDepth::U8 => sys::kOfxBitDepthByte,
        BitDepth::U16 => sys::kOfxBitDepthShort,
        BitDepth::F16 => sys::kOfxBitDepthHalf,
        BitDepth::F32 => sys::kOfxBitDepthFloat,
    }
}

/// The OFX string for pixel components.
pub(crate) fn components_cstr(c: PixelComponents) -> &'static CStr {
    match c {
        PixelComponents::Rgba => sys::kOfxImageComponentRGBA,
        PixelComponents::Rgb => sys::kOfxImageComponentRGB,
        PixelComponents::Alpha => sys::kOfxImageComponentAlpha,
    }
}

fn str_bool(v: bool) -> &'static str {
    if v { "true" } else { "false" }
}

fn cstrs(v: &[&CStr]) -> Vec<String> {
    v.iter().map(|c| c.to_string_lossy().into_owned()).collect()
}

/// The effect descriptor, filled in during the describe action.
pub struct EffectDescriptor {
    pub(crate) props: PropSet,
    /// The plugin type being described, when known, to check that an
    /// overlay registered here belongs to it.
    pub(crate) plugin: Option<std::any::TypeId>,
}

macro_rules! string_setters {
    ($($(#[$m:meta])* $fn:ident => $prop:ident;)*) => {$(
        $(#[$m])*
        pub fn $fn(&mut self, v: &str) -> Result<&mut Self> {
            self.props.set_string(sys::$prop, 0, v)?;
            Ok(self)
        }
    )*};
}
macro_rules! bool_setters {
    ($($(#[$m:meta])* $fn:ident => $prop:ident;)*) => {$(
        $(#[$m])*
        pub fn $fn(&mut self, v: bool) -> Result<&mut Self> {
            self.props.set_bool(sys::$prop, 0, v)?;
            Ok(self)
        }
    )*};
}

impl EffectDescriptor {
    /// Says the effect answers the host's get-transform action
    /// ([`ImageEffect::transform`](crate::ImageEffect::transform)), so that a
    /// host that concatenates transforms may ask for its matrix instead of
    /// a render. Only hosts that advertise the extension know the property
    /// ([`HostInfo::can_transform`](crate::host::HostInfo::can_transform));
    /// on any other host this returns the host's error for an unknown
    /// property, so check first.
    pub fn can_transform(&mut self, v: bool) -> Result<&mut Self> {
        self.props
            .set_bool(crate::extensions::CAN_TRANSFORM, 0, v)?;
        Ok(self)
    }
    string_setters! {
        /// The label users see.
        label => kOfxPropLabel;
        /// A short label (at most about 16 characters).
        short_label => kOfxPropShortLabel;
        /// A long label.
        long_label => kOfxPropLongLabel;
        /// The menu group, with `/` separating levels.
        grouping => kOfxImageEffectPluginPropGrouping;
        /// A description of what the effect does.
        description => kOfxPropPluginDescription;
        /// A version label such as `"1.2 beta"`.
        version_label => kOfxPropVersionLabel;
    }
    bool_setters! {
        /// Only one instance may exist at a time.
        single_instance => kOfxImageEffectPluginPropSingleInstance;
        /// The host should thread frames itself (the effect renders one frame per call).
        host_frame_threading => kOfxImageEffectPluginPropHostFrameThreading;
        /// The effect can render tiles.
        supports_tiles => kOfxImageEffectPropSupportsTiles;
        /// The effect handles inputs and outputs of different resolutions.
        supports_multi_resolution => kOfxImageEffectPropSupportsMultiResolution;
        /// The effect reads frames other than the current one.
        temporal_clip_access => kOfxImageEffectPropTemporalClipAccess;
        /// Fielded renders go through render twice.
        render_twice_always => kOfxImageEffectPluginPropFieldRenderTwiceAlways;
        /// Input clips may have different depths.
        supports_multiple_clip_depths => kOfxImageEffectPropSupportsMultipleClipDepths;
        /// Input clips may have different pixel aspect ratios.
        supports_multiple_clip_pars => kOfxImageEffectPropSupportsMultipleClipPARs;
        /// The effect is obsolete: hosts hide it from menus (1.5).
        obsolete => kOfxImageEffectPluginPropObsolete;
    }

    /// Whether the effect can render on the CPU (1.5; a `"true"`/`"false"` string property).
    pub fn cpu_render_supported(&mut self, v: bool) -> Result<&mut Self> {
        self.props
            .set_string(sys::kOfxImageEffectPropCPURenderSupported, 0, str_bool(v))?;
        Ok(self)
    }
    /// Whether the effect ignores spatial parameters so the host may treat
    /// it as position independent (1.5; a `"true"`/`"false"` string property).
    pub fn no_spatial_awareness(&mut self, v: bool) -> Result<&mut Self> {
        self.props
            .set_string(sys::kOfxImageEffectPropNoSpatialAwareness, 0, str_bool(v))?;
        Ok(self)
    }
    /// The main entry of the effect's overlay interact (V1 API, or V2 with
    /// `v2`), passed through to the host: interacts are written against the
    /// C API, in the plugin's own FFI module.
    pub fn overlay_interact(
        &mut self,
        entry: sys::OfxPluginEntryPoint,
        v2: bool,
    ) -> Result<&mut Self> {
        let name = if v2 {
            sys::kOfxImageEffectPluginPropOverlayInteractV2
        } else {
            sys::kOfxImageEffectPluginPropOverlayInteractV1
        };
        self.props
            .set_pointer(name, 0, entry as *const () as *mut std::ffi::c_void)?;
        Ok(self)
    }
    /// Registers interact `I` as the effect's overlay: the framework
    /// generates its entry point and creates an `I` for each overlay the
    /// host opens. `#[ofx(overlay = I)]` on `#[derive(Plugin)]` does the same.
    ///
    /// # Errors
    /// A [`Value`](crate::ErrorKind::Value) error when `I` belongs to
    /// another effect type than the one being described.
    pub fn overlay<I: crate::interact::Interact>(&mut self) -> Result<&mut Self> {
        if let Some(p) = self.plugin
            && p != std::any::TypeId::of::<I::Effect>()
        {
            return Err(crate::Error::value(format!(
                "the overlay {} belongs to the effect {}, not to the effect being described",
                std::any::type_name::<I>(),
                std::any::type_name::<I::Effect>()
            )));
        }
        self.set_overlay_entry(crate::interact::InteractEntry {
            main: crate::ffi::interact::main_entry::<I>,
        })
    }
    pub(crate) fn set_overlay_entry(
        &mut self,
        entry: crate::interact::InteractEntry,
    ) -> Result<&mut Self> {
        // The same entry under both names: it draws through the Draw Suite
        // when the host passes a draw context (V2 hosts), else with OpenGL.
        let ptr = entry.main as *const () as *mut std::ffi::c_void;
        self.props
            .set_pointer(sys::kOfxImageEffectPluginPropOverlayInteractV1, 0, ptr)?;
        self.props
            .set_pointer(sys::kOfxImageEffectPluginPropOverlayInteractV2, 0, ptr)?;
        Ok(self)
    }
    /// The effect version as numbers (major, minor, ...).
    pub fn version(&mut self, parts: &[i32]) -> Result<&mut Self> {
        self.props.set_ints(sys::kOfxPropVersion, parts)?;
        Ok(self)
    }
    /// The contexts the effect supports.
    pub fn supported_contexts(&mut self, contexts: &[Context]) -> Result<&mut Self> {
        let v: Vec<&CStr> = contexts.iter().map(|c| c.as_cstr()).collect();
        self.props
            .set_strings(sys::kOfxImageEffectPropSupportedContexts, &cstrs(&v))?;
        Ok(self)
    }
    /// The pixel depths the effect supports.
    pub fn supported_pixel_depths(&mut self, depths: &[BitDepth]) -> Result<&mut Self> {
        let v: Vec<&CStr> = depths.iter().map(|&d| depth_cstr(d)).collect();
        self.props
            .set_strings(sys::kOfxImageEffectPropSupportedPixelDepths, &cstrs(&v))?;
        Ok(self)
    }
    /// How renders may run concurrently.
    pub fn render_thread_safety(&mut self, s: RenderThreadSafety) -> Result<&mut Self> {
        let v = match s {
            RenderThreadSafety::Unsafe => sys::kOfxImageEffectRenderUnsafe,
            RenderThreadSafety::InstanceSafe => sys::kOfxImageEffectRenderInstanceSafe,
            RenderThreadSafety::FullySafe => sys::kOfxImageEffectRenderFullySafe,
        };
        self.props.set_string(
            sys::kOfxImageEffectPluginRenderThreadSafety,
            0,
            &v.to_string_lossy(),
        )?;
        Ok(self)
    }
    /// The sequential-render need: 0 = never, 1 = always, 2 = if possible.
    pub fn sequential_render(&mut self, v: i32) -> Result<&mut Self> {
        self.props
            .set_int(sys::kOfxImageEffectInstancePropSequentialRender, 0, v)?;
        Ok(self)
    }
    /// Parameters whose change alters the clip preferences.
    pub fn clip_preferences_slave_params(&mut self, names: &[&str]) -> Result<&mut Self> {
        self.props
            .set_strings(sys::kOfxImageEffectPropClipPreferencesSlaveParam, names)?;
        Ok(self)
    }
    /// The colour management style (e.g. `ofx_sys::kOfxImageEffectColourManagementBasic`).
    pub fn colour_management_style(&mut self, style: &CStr) -> Result<&mut Self> {
        self.props.set_string(
            sys::kOfxImageEffectPropColourManagementStyle,
            0,
            &style.to_string_lossy(),
        )?;
        Ok(self)
    }
    /// The colour management config the effect uses (e.g. an OCIO config name).
    pub fn colour_management_config(&mut self, config: &str) -> Result<&mut Self> {
        self.props
            .set_string(sys::kOfxImageEffectPropColourManagementConfig, 0, config)?;
        Ok(self)
    }
}

/// The descriptor of an effect in one context: define clips and parameters.
pub struct ContextDescriptor {
    pub(crate) effect: sys::OfxImageEffectHandle,
    pub(crate) props: PropSet,
    pub(crate) param_set: crate::param::ParamSet,
    pub(crate) context: Context,
    /// The first error a parameter builder met, returned by the action.
    pub(crate) deferred: std::cell::RefCell<Option<crate::error::Error>>,
}

impl ContextDescriptor {
    /// The context being described.
    pub fn context(&self) -> Context {
        self.context
    }
    /// The typed parameter definers (`define_double`, `define_choice_enum`,
    /// ...). Errors of their builder methods are returned by the
    /// describe-in-context action once `describe_in_context` returns.
    pub fn params(&self) -> crate::param::Definer<'_> {
        crate::param::Definer::new(Ok(self.param_set.clone()), &self.deferred)
    }
    /// The untyped parameter set (for definitions by [`ParamKind`](crate::param::ParamKind)).
    pub fn param_set(&self) -> Result<crate::param::ParamSet> {
        Ok(self.param_set.clone())
    }
    /// The first error a parameter builder kept, if any (taken).
    pub(crate) fn take_deferred(&mut self) -> Result<()> {
        match self.deferred.get_mut().take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
    /// Sets effect properties that may also be set per context (e.g. labels).
    pub fn effect(&mut self) -> EffectDescriptor {
        EffectDescriptor {
            props: self.props.clone(),
            plugin: None,
        }
    }
    /// Defines a clip by name and returns its descriptor.
    pub fn define_clip(&mut self, name: &str) -> Result<ClipDescriptor> {
        let props = crate::ffi::clip::define(self.effect, name)?;
        let props = match self.props.scope() {
            Some(s) => PropSet::scoped(props.handle(), s)?,
            None => props,
        };
        Ok(ClipDescriptor {
            props: props.labelled(format!("the descriptor of clip {name:?}")),
        })
    }
    /// Defines the `Source` clip.
    pub fn source_clip(&mut self) -> Result<ClipDescriptor> {
        self.define_clip("Source")
    }
    /// Defines the `Output` clip.
    pub fn output_clip(&mut self) -> Result<ClipDescriptor> {
        self.define_clip("Output")
    }
}

/// The descriptor of one clip.
pub struct ClipDescriptor {
    pub(crate) props: PropSet,
}

impl ClipDescriptor {
    string_setters! {
        /// The label users see.
        label => kOfxPropLabel;
    }
    bool_setters! {
        /// The clip may be left unconnected.
        optional => kOfxImageClipPropOptional;
        /// The clip is a mask (single channel).
        is_mask => kOfxImageClipPropIsMask;
        /// The clip accepts tiles.
        supports_tiles => kOfxImageEffectPropSupportsTiles;
        /// The effect reads this clip at other times.
        temporal_clip_access => kOfxImageEffectPropTemporalClipAccess;
    }
    /// The components the clip accepts.
    pub fn supported_components(&mut self, comps: &[PixelComponents]) -> Result<&mut Self> {
        let v: Vec<&CStr> = comps.iter().map(|&c| components_cstr(c)).collect();
        self.props
            .set_strings(sys::kOfxImageEffectPropSupportedComponents, &cstrs(&v))?;
        Ok(self)
    }
    /// How fields are extracted, e.g. `ofx_sys::kOfxImageFieldDoubled`.
    pub fn field_extraction(&mut self, mode: &CStr) -> Result<&mut Self> {
        self.props.set_string(
            sys::kOfxImageClipPropFieldExtraction,
            0,
            &mode.to_string_lossy(),
        )?;
        Ok(self)
    }
}

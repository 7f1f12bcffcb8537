//! The emulated host: its identity and capabilities, and the host property
//! set built from them.

use ofx_sys::OfxPointD;

use crate::image::{Components, Depth};
use crate::props::{PropertySet, Writer};
use crate::types::Context;
use crate::types::ofx_str;

/// The project an instance lives in (the `kOfxImageEffectPropProject*`,
/// pixel aspect ratio, frame rate and duration properties of instances).
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    /// Project size in canonical coordinates.
    pub size: OfxPointD,
    /// Project offset in canonical coordinates.
    pub offset: OfxPointD,
    /// Project extent in canonical coordinates.
    pub extent: OfxPointD,
    /// Pixel aspect ratio of the project (and of connected inputs unless set
    /// per clip).
    pub pixel_aspect_ratio: f64,
    /// Frames per second.
    pub frame_rate: f64,
    /// First and last frame (inclusive) of the effect and of its clips.
    pub frame_range: (f64, f64),
}

impl Default for Project {
    fn default() -> Self {
        Project {
            size: OfxPointD {
                x: 1920.0,
                y: 1080.0,
            },
            offset: OfxPointD { x: 0.0, y: 0.0 },
            extent: OfxPointD {
                x: 1920.0,
                y: 1080.0,
            },
            pixel_aspect_ratio: 1.0,
            frame_rate: 24.0,
            frame_range: (0.0, 99.0),
        }
    }
}

/// How the host's MultiThread suite behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MultiThread {
    /// A real suite: `multiThreadNumCPUs` reports this many, and
    /// `multiThread` runs its calls on a fixed set of that many host threads
    /// (made on first use, kept for the session, named `ofxhost-mt-<i>`).
    Threads(usize),
    /// A suite that runs nothing: `multiThread` fails with
    /// `kOfxStatErrUnsupported`, and one CPU is reported.
    Unsupported,
    /// A suite like DaVinci Resolve's: it reports this many CPUs, but
    /// `multiThread` calls the function once, as index 0 of 1, on the
    /// calling thread, and answers `kOfxStatOK`.
    CallingThreadOnce(usize),
}

impl Default for MultiThread {
    fn default() -> Self {
        MultiThread::Threads(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
}

/// The host to emulate. `Default` is a capable host: every depth, component
/// type and context, tiles, multi-resolution, temporal access, multiple clip
/// depths and PARs, every suite.
///
/// ```
/// use ofx_host::driver::{HostConfig, MultiThread};
/// let cfg = HostConfig {
///     supports_tiles: false,
///     multi_thread: MultiThread::Unsupported,
///     ..HostConfig::default()
/// }
/// .without_suite("OfxProgressSuite", 2);
/// assert!(cfg.suite_missing("OfxProgressSuite", 2));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct HostConfig {
    /// `kOfxPropName`: the host's unique name (e.g. `"uk.co.thefoundry.nuke"`).
    pub name: String,
    /// `kOfxPropLabel`.
    pub label: String,
    /// `kOfxPropVersion` (major, minor, micro).
    pub version: (i32, i32, i32),
    /// `kOfxPropVersionLabel`.
    pub version_label: String,
    /// `kOfxPropAPIVersion` (e.g. `[1, 5]`).
    pub api_version: Vec<i32>,
    /// `kOfxImageEffectHostPropIsBackground`.
    pub is_background: bool,
    /// `kOfxImageEffectPropSupportsOverlays`.
    pub supports_overlays: bool,
    /// `kOfxImageEffectPropSupportsMultiResolution`: render scales other than 1.
    pub multi_resolution: bool,
    /// `kOfxImageEffectPropSupportsTiles`: render windows smaller than the RoD.
    pub supports_tiles: bool,
    /// `kOfxImageEffectPropTemporalClipAccess`: images at other times.
    pub temporal_access: bool,
    /// `kOfxImageEffectPropSupportedPixelDepths`.
    pub depths: Vec<Depth>,
    /// `kOfxImageEffectPropSupportedComponents`.
    pub components: Vec<Components>,
    /// `kOfxImageEffectPropSupportedContexts` (e.g. `"OfxImageEffectContextFilter"`).
    pub contexts: Vec<Context>,
    /// `kOfxImageEffectPropMultipleClipDepths`.
    pub multiple_clip_depths: bool,
    /// `kOfxImageEffectPropSupportsMultipleClipPARs`.
    pub multiple_clip_pars: bool,
    /// `kOfxImageEffectPropSetableFrameRate`.
    pub setable_frame_rate: bool,
    /// `kOfxImageEffectPropSetableFielding`.
    pub setable_fielding: bool,
    /// `kOfxParamHostPropSupportsCustomInteract`.
    pub custom_interact: bool,
    /// `kOfxParamHostPropSupportsStringAnimation`.
    pub string_animation: bool,
    /// `kOfxParamHostPropSupportsChoiceAnimation`.
    pub choice_animation: bool,
    /// `kOfxParamHostPropSupportsBooleanAnimation`.
    pub boolean_animation: bool,
    /// `kOfxParamHostPropSupportsCustomAnimation`.
    pub custom_animation: bool,
    /// `kOfxParamHostPropSupportsStrChoice`.
    pub str_choice: bool,
    /// `kOfxParamHostPropSupportsStrChoiceAnimation`.
    pub str_choice_animation: bool,
    /// `kOfxParamHostPropSupportsParametricAnimation`.
    pub parametric_animation: bool,
    /// `kOfxParamHostPropMaxParameters` (-1: unlimited).
    pub max_parameters: i32,
    /// `kOfxParamHostPropMaxPages`.
    pub max_pages: i32,
    /// `kOfxParamHostPropPageRowColumnCount`.
    pub page_row_column_count: (i32, i32),
    /// `kOfxImageEffectInstancePropSequentialRender` on the host: 0 never
    /// sequential, 1 always, 2 sometimes.
    pub sequential_render: i32,
    /// The GPU render APIs the host description advertises (see
    /// [`GpuOffer`]; none by default).
    pub gpu: GpuOffer,
    /// `kOfxImageEffectPropCPURenderSupported` (`"false"`/`"true"`).
    pub cpu_render: bool,
    /// `kOfxImageEffectPropRenderQualityDraft`: the host may ask for drafts.
    pub render_quality_draft: bool,
    /// `kOfxImageEffectHostPropNativeOrigin`.
    pub native_origin: String,
    /// Threads a render uses when the request does not say.
    pub render_threads: usize,
    /// Suites `fetchSuite` answers null for, as (name, version).
    pub missing_suites: Vec<(String, i32)>,
    /// How the MultiThread suite behaves: a fixed set of host threads (the
    /// default, as many as the machine has cores), or one of the dummies
    /// some hosts provide.
    pub multi_thread: MultiThread,
    /// Image memory moves to a new address when it is locked again after a
    /// full unlock (the spec allows it), to catch plugins that keep stale
    /// pointers.
    pub move_unlocked_memory: bool,
    /// The byte fresh image memory (`imageMemoryAlloc`) is filled with, so
    /// that a plugin relying on zeroed memory shows it. `None` hands memory
    /// out as a production host's pool does: a reused block keeps what its
    /// last user wrote, a new one reads as zeros; no pass over the bytes.
    pub image_memory_fill: Option<u8>,
    /// Hash every input image's pixels when the plugin fetches it and again
    /// when it releases it, and log an `InputWritten` violation when they
    /// differ (inputs are shared, read-only caches in a real host). On by
    /// default; off where only speed is measured, since both passes over
    /// the pixels happen inside the plugin's action.
    pub check_input_writes: bool,
    /// After an instance-changed round in which the plugin wrote parameter
    /// values, send it instance-changed for each parameter it wrote, with
    /// reason `OfxChangePluginEdited`, as some hosts do. A plugin that
    /// answers by writing again gets another round, up to
    /// [`PLUGIN_EDIT_ROUNDS`]; then the host stops and records a
    /// `PluginEditLoop` violation: such a plugin loops forever in those
    /// hosts. Off by default.
    pub notify_plugin_edits: bool,
    /// The project instances live in.
    pub project: Project,
    /// Advertise transform concatenation (The Foundry's extension, see
    /// [`extensions`](crate::extensions)): the host descriptor says
    /// `FnOfxImageEffectCanTransform` = 1 and effect descriptors accept the
    /// property. Off by default: a host without the extension has neither.
    pub can_transform: bool,
}

/// How many rounds of plugin-edit notifications the host sends before it
/// calls the plugin's edits a loop (see [`HostConfig::notify_plugin_edits`]).
pub const PLUGIN_EDIT_ROUNDS: usize = 8;

/// The GPU render-support properties the host descriptor carries beside
/// OpenGL's and OpenCL images' (which the reference table lists on the
/// host): each is "true" or "false" as [`GpuOffer`] says.
pub const GPU_RENDER_PROPERTIES: [&str; 4] = [
    ofx_str(ofx_sys::kOfxImageEffectPropOpenCLRenderSupported),
    ofx_str(ofx_sys::kOfxImageEffectPropCudaRenderSupported),
    ofx_str(ofx_sys::kOfxImageEffectPropCudaStreamSupported),
    ofx_str(ofx_sys::kOfxImageEffectPropMetalRenderSupported),
];

/// The GPU render APIs a host advertises in its description
/// (`ofxGPURender.h`). The host enables at most one of them per render,
/// and only one the plugin declared too.
///
/// `ofxGPURender.h` contradicts itself on which OpenCL property is which;
/// this host follows the properties' own documentation (and DaVinci
/// Resolve): `kOfxImageEffectPropOpenCLRenderSupported` is OpenCL
/// *buffers* (`cl_mem` buffer in `kOfxImagePropData`),
/// `kOfxImageEffectPropOpenCLSupported` is OpenCL *images* (`cl_mem` image
/// in `kOfxImageEffectPropOpenCLImage`). The paragraph under
/// `kOfxImageEffectPropOpenCLEnabled` that says the reverse is taken as a
/// typo.
///
/// ```
/// use ofx_host::driver::{GpuOffer, HostConfig};
/// let cfg = HostConfig::default().gpu(GpuOffer { opencl_buffers: true, ..GpuOffer::default() });
/// let h = cfg.host_properties();
/// assert_eq!(h.get_string("OfxImageEffectPropOpenCLRenderSupported", 0).unwrap(), "true");
/// assert_eq!(h.get_string("OfxImageEffectPropOpenCLSupported", 0).unwrap(), "false");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GpuOffer {
    /// OpenCL buffers: `kOfxImageEffectPropOpenCLRenderSupported`.
    pub opencl_buffers: bool,
    /// OpenCL images: `kOfxImageEffectPropOpenCLSupported`.
    pub opencl_images: bool,
    /// OpenGL textures: `kOfxImageEffectPropOpenGLRenderSupported`.
    pub opengl: bool,
    /// CUDA: `kOfxImageEffectPropCudaRenderSupported` (this host cannot
    /// render with CUDA; advertising it tests a plugin's negotiation only).
    pub cuda: bool,
    /// Metal: `kOfxImageEffectPropMetalRenderSupported` (advertising only,
    /// as for CUDA).
    pub metal: bool,
}

impl GpuOffer {
    /// OpenCL buffers and images only ([`GpuOffer::all`] adds OpenGL).
    pub fn opencl() -> GpuOffer {
        GpuOffer {
            opencl_buffers: true,
            opencl_images: true,
            ..GpuOffer::default()
        }
    }

    /// Every API this host can render with: OpenCL buffers and images,
    /// and OpenGL textures (not CUDA or Metal, which it can only
    /// advertise).
    pub fn all() -> GpuOffer {
        GpuOffer {
            opengl: true,
            ..GpuOffer::opencl()
        }
    }

    /// Whether the host advertises `backend` (the CPU always).
    pub fn offers(&self, backend: Backend) -> bool {
        match backend {
            Backend::Cpu => true,
            Backend::OpenClBuffers => self.opencl_buffers,
            Backend::OpenClImages => self.opencl_images,
            Backend::OpenGl => self.opengl,
        }
    }
}

/// The backend one render asks for: the host enables it for the render
/// when it advertises it and the plugin declared it, and renders on the
/// CPU otherwise (see `RenderRequest::backend`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Backend {
    /// Host memory: no GPU API enabled.
    #[default]
    Cpu,
    /// OpenCL buffers (`kOfxImageEffectPropOpenCLRenderSupported`).
    OpenClBuffers,
    /// OpenCL images (`kOfxImageEffectPropOpenCLSupported`).
    OpenClImages,
    /// OpenGL textures (`kOfxImageEffectPropOpenGLRenderSupported`).
    OpenGl,
}

impl Backend {
    /// Every backend, CPU first.
    pub const ALL: [Backend; 4] = [
        Backend::Cpu,
        Backend::OpenClBuffers,
        Backend::OpenClImages,
        Backend::OpenGl,
    ];

    /// The name used on the command line (`cpu`, `opencl`,
    /// `opencl-images`, `opengl`).
    pub fn name(self) -> &'static str {
        match self {
            Backend::Cpu => "cpu",
            Backend::OpenClBuffers => "opencl",
            Backend::OpenClImages => "opencl-images",
            Backend::OpenGl => "opengl",
        }
    }

    /// The backend of a command-line name (see [`Backend::name`]).
    pub fn parse(name: &str) -> Option<Backend> {
        Backend::ALL.into_iter().find(|b| b.name() == name)
    }

    /// The descriptor property where a plugin (or host) says it supports
    /// this backend; `None` for the CPU.
    pub fn support_property(self) -> Option<&'static str> {
        match self {
            Backend::Cpu => None,
            Backend::OpenClBuffers => {
                Some(ofx_str(ofx_sys::kOfxImageEffectPropOpenCLRenderSupported))
            }
            Backend::OpenClImages => Some(ofx_str(ofx_sys::kOfxImageEffectPropOpenCLSupported)),
            Backend::OpenGl => Some(ofx_str(ofx_sys::kOfxImageEffectPropOpenGLRenderSupported)),
        }
    }
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Default for HostConfig {
    fn default() -> Self {
        HostConfig {
            name: "org.openfx-rs.host".into(),
            label: "ofx-host".into(),
            version: (0, 1, 0),
            version_label: "0.1.0".into(),
            api_version: vec![1, 5],
            is_background: true,
            supports_overlays: true,
            multi_resolution: true,
            supports_tiles: true,
            temporal_access: true,
            depths: vec![Depth::U8, Depth::U16, Depth::Half, Depth::F32],
            components: vec![Components::Rgba, Components::Rgb, Components::Alpha],
            contexts: vec![
                Context::Filter,
                Context::General,
                Context::Generator,
                Context::Transition,
                Context::Paint,
                Context::Retimer,
            ],
            multiple_clip_depths: true,
            multiple_clip_pars: true,
            setable_frame_rate: false,
            setable_fielding: false,
            custom_interact: true,
            string_animation: true,
            choice_animation: true,
            boolean_animation: true,
            custom_animation: true,
            str_choice: true,
            str_choice_animation: true,
            parametric_animation: false,
            max_parameters: -1,
            max_pages: 0,
            page_row_column_count: (0, 0),
            sequential_render: 2,
            gpu: GpuOffer::default(),
            cpu_render: true,
            render_quality_draft: true,
            native_origin: "kOfxImageEffectHostPropNativeOriginBottomLeft".into(),
            render_threads: 1,
            missing_suites: Vec::new(),
            multi_thread: MultiThread::default(),
            move_unlocked_memory: true,
            image_memory_fill: Some(0xCD),
            check_input_writes: true,
            notify_plugin_edits: false,
            project: Project::default(),
            can_transform: false,
        }
    }
}

impl HostConfig {
    /// The default host without the checks that pass over pixels inside the
    /// plugin's action ([`check_input_writes`](HostConfig::check_input_writes)),
    /// for benchmarks that time the action.
    pub fn timing() -> HostConfig {
        HostConfig {
            check_input_writes: false,
            ..HostConfig::default()
        }
    }

    /// The same host without suite `name` at `version` (`fetchSuite`
    /// answers null for it).
    pub fn without_suite(mut self, name: &str, version: i32) -> Self {
        self.missing_suites.push((name.to_string(), version));
        self
    }

    /// The same host with the OFX 1.5 Draw Suite offered (the default) or
    /// not. Without it, an interact's draw action carries no draw context,
    /// and an overlay draws with OpenGL in whatever context the caller has
    /// made current (as in hosts older than OpenFX 1.5).
    ///
    /// ```
    /// use ofx_host::driver::HostConfig;
    /// assert!(HostConfig::default().offers_draw_suite());
    /// assert!(!HostConfig::default().draw_suite(false).offers_draw_suite());
    /// assert!(HostConfig::default().draw_suite(false).draw_suite(true).offers_draw_suite());
    /// ```
    pub fn draw_suite(mut self, offered: bool) -> Self {
        let name = ofx_str(ofx_sys::kOfxDrawSuite);
        self.missing_suites.retain(|(n, v)| !(n == name && *v == 1));
        if !offered {
            self.missing_suites.push((name.to_string(), 1));
        }
        self
    }

    /// Whether the host offers the OFX 1.5 Draw Suite.
    pub fn offers_draw_suite(&self) -> bool {
        !self.suite_missing(ofx_str(ofx_sys::kOfxDrawSuite), 1)
    }

    /// Whether `fetchSuite` answers null for `name` at `version`.
    pub fn suite_missing(&self, name: &str, version: i32) -> bool {
        self.missing_suites
            .iter()
            .any(|(n, v)| n == name && *v == version)
    }

    /// The same host advertising the GPU APIs of `offer`.
    pub fn gpu(mut self, offer: GpuOffer) -> Self {
        self.gpu = offer;
        self
    }

    /// Whether the host offers `context`.
    pub fn supports_context(&self, context: Context) -> bool {
        self.contexts.contains(&context)
    }

    /// The host property set (`OfxHost.host`, the `ImageEffectHost` set of
    /// the reference table) for this configuration.
    pub fn host_properties(&self) -> PropertySet {
        fn b(v: bool) -> i32 {
            i32::from(v)
        }
        fn tf(v: bool) -> &'static str {
            if v { "true" } else { "false" }
        }
        let mut s = PropertySet::from_table("ImageEffectHost")
            .unwrap_or_else(|| PropertySet::empty("ImageEffectHost"));
        // Not listed on the host set by the table, but the spec makes the
        // supported depths readable on the host descriptor.
        s.define(
            ofx_str(ofx_sys::kOfxImageEffectPropSupportedPixelDepths),
            crate::props::PropType::String,
            crate::props::Dimension::Variable,
            false,
        );
        // The GPU header documents these as "whether a host or plug-in can
        // support" each API; the table lists only OpenGL's and OpenCL
        // images' on the host. Plugins built on the C++ Support library
        // read all of them.
        let g = self.gpu;
        for (name, on) in
            GPU_RENDER_PROPERTIES
                .into_iter()
                .zip([g.opencl_buffers, g.cuda, g.cuda, g.metal])
        {
            s.define(
                name,
                crate::props::PropType::String,
                crate::props::Dimension::Fixed(1),
                false,
            );
            let _ = s.set_string(name, 0, tf(on), Writer::Host);
        }
        if self.can_transform {
            s.define(
                crate::extensions::CAN_TRANSFORM,
                crate::props::PropType::Int,
                crate::props::Dimension::Fixed(1),
                false,
            );
            let _ = s.set_int(crate::extensions::CAN_TRANSFORM, 0, 1, Writer::Host);
        }
        let h = Writer::Host;
        let depths: Vec<String> = self
            .depths
            .iter()
            .map(|d| d.ofx_name().to_string_lossy().into_owned())
            .collect();
        let comps: Vec<String> = self
            .components
            .iter()
            .map(|c| c.ofx_name().to_string_lossy().into_owned())
            .collect();
        fn strs(v: &[String]) -> Vec<&str> {
            v.iter().map(String::as_str).collect()
        }
        let (ma, mi, mc) = self.version;
        // Every name below is in the table's ImageEffectHost set (or defined
        // just above); a failure would be a table/code mismatch, caught by
        // the host-properties test.
        let results = [
            s.set_string(
                ofx_str(ofx_sys::kOfxPropType),
                0,
                ofx_str(ofx_sys::kOfxTypeImageEffectHost),
                h,
            ),
            s.set_string(ofx_str(ofx_sys::kOfxPropName), 0, &self.name, h),
            s.set_string(ofx_str(ofx_sys::kOfxPropLabel), 0, &self.label, h),
            s.set_int_n(ofx_str(ofx_sys::kOfxPropVersion), &[ma, mi, mc], h),
            s.set_string(
                ofx_str(ofx_sys::kOfxPropVersionLabel),
                0,
                &self.version_label,
                h,
            ),
            s.set_int_n(ofx_str(ofx_sys::kOfxPropAPIVersion), &self.api_version, h),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectHostPropIsBackground),
                0,
                b(self.is_background),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportsOverlays),
                0,
                b(self.supports_overlays),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportsMultiResolution),
                0,
                b(self.multi_resolution),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles),
                0,
                b(self.supports_tiles),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropTemporalClipAccess),
                0,
                b(self.temporal_access),
                h,
            ),
            s.set_string_n(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportedComponents),
                &strs(&comps),
                h,
            ),
            s.set_string_n(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportedPixelDepths),
                &strs(&depths),
                h,
            ),
            s.set_string_n(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportedContexts),
                &self
                    .contexts
                    .iter()
                    .map(|c| c.ofx_name())
                    .collect::<Vec<_>>(),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportsMultipleClipDepths),
                0,
                b(self.multiple_clip_depths),
                h,
            ),
            s.set_string(
                ofx_str(ofx_sys::kOfxImageEffectPropOpenCLSupported),
                0,
                tf(self.gpu.opencl_images),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportsMultipleClipPARs),
                0,
                b(self.multiple_clip_pars),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSetableFrameRate),
                0,
                b(self.setable_frame_rate),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSetableFielding),
                0,
                b(self.setable_fielding),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxParamHostPropSupportsCustomInteract),
                0,
                b(self.custom_interact),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxParamHostPropSupportsStringAnimation),
                0,
                b(self.string_animation),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxParamHostPropSupportsChoiceAnimation),
                0,
                b(self.choice_animation),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxParamHostPropSupportsBooleanAnimation),
                0,
                b(self.boolean_animation),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxParamHostPropSupportsCustomAnimation),
                0,
                b(self.custom_animation),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxParamHostPropSupportsStrChoice),
                0,
                b(self.str_choice),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxParamHostPropSupportsStrChoiceAnimation),
                0,
                b(self.str_choice_animation),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxParamHostPropSupportsParametricAnimation),
                0,
                b(self.parametric_animation),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxParamHostPropMaxParameters),
                0,
                self.max_parameters,
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxParamHostPropMaxPages),
                0,
                self.max_pages,
                h,
            ),
            s.set_int_n(
                ofx_str(ofx_sys::kOfxParamHostPropPageRowColumnCount),
                &[self.page_row_column_count.0, self.page_row_column_count.1],
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectInstancePropSequentialRender),
                0,
                self.sequential_render,
                h,
            ),
            s.set_string(
                ofx_str(ofx_sys::kOfxImageEffectPropOpenGLRenderSupported),
                0,
                tf(self.gpu.opengl),
                h,
            ),
            s.set_string(
                ofx_str(ofx_sys::kOfxImageEffectPropCPURenderSupported),
                0,
                tf(self.cpu_render),
                h,
            ),
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropRenderQualityDraft),
                0,
                b(self.render_quality_draft),
                h,
            ),
            s.set_string(
                ofx_str(ofx_sys::kOfxImageEffectHostPropNativeOrigin),
                0,
                &self.native_origin,
                h,
            ),
        ];
        for (i, r) in results.iter().enumerate() {
            debug_assert!(r.is_ok(), "host property #{i}: {r:?}");
        }
        s
    }
}

//! OpenFX plugins that each break one rule on purpose.
//!
//! They exist to prove that the `ofx-host` checks catch what they claim to
//! catch, and the `org.ofx-rs.legal.*` ones that they fail nothing the spec
//! allows. All of them are the same small filter written straight against the
//! C ABI (`ofx_sys`), because the safe `ofx-plugin` API makes most of these
//! mistakes impossible: it copies the source pixels into the output over the
//! render window, at any depth and with any components (source and output
//! must match). Each plugin then does one thing wrong:
//!
//! | identifier | what it breaks | the check that names it |
//! |---|---|---|
//! | `org.ofx-rs.bad.Control` | nothing (the control) | none |
//! | `org.ofx-rs.bad.LeakedImage` | never releases its source image | `images-released` |
//! | `org.ofx-rs.legal.FreeWhileLocked` | nothing: locks image memory twice, unlocks once, frees it (the spec ignores outstanding locks on free) | none (a note in `image-memory-freed`) |
//! | `org.ofx-rs.bad.WriteOutsideWindow` | writes its whole output bounds, not the render window | `render-window-respected` |
//! | `org.ofx-rs.bad.PanicInRender` | panics inside its `extern "C"` entry (the process aborts) | `errors-not-aborts` |
//! | `org.ofx-rs.bad.WrongPropertyType` | sets an int property with `propSetString` | `describe-property-types` |
//! | `org.ofx-rs.bad.ReadAboveTop` | reads the row above the top row of its source | `guard-pages` |
//! | `org.ofx-rs.bad.WriteAboveTop` | writes the row above the top row of its output | `guard-pages` |
//! | `org.ofx-rs.bad.AssumesPackedRows` | addresses source rows as `width * bpp` apart, ignoring row bytes | `same-pixels-rowbytes` |
//! | `org.ofx-rs.bad.AssumesOrigin` | addresses source pixels as if the bounds started at (0, 0) | `same-pixels-bounds` |
//! | `org.ofx-rs.bad.FalseIdentity` | says it is an identity of a clip `Matte` it does not have (and renders black) | `identity-agrees` |
//! | `org.ofx-rs.bad.HangInRender` | never returns from render | any render check (the runner's timeout) |
//! | `org.ofx-rs.bad.OwnThreads` | fully thread safe, but renders on a pool of threads of its own, ignoring the host's MultiThread suite | `host-threads` |
//! | `org.ofx-rs.bad.WriteIntoInput` | writes into one pixel of its source image (inputs are read-only) | `inputs-unchanged` |
//! | `org.ofx-rs.bad.ImageInRegionOfDefinition` | fetches its source image in the region-of-definition action (images may be fetched only in render and instance changed) | every check that asks for the RoD, `render-default` first, through the host log |
//! | `org.ofx-rs.bad.UndeclaredTemporalAccess` | fetches its source at the next frame in render without declaring temporal clip access | every check that renders, `render-default` first, through the host log |
//! | `org.ofx-rs.bad.LeakedMemory` | allocates image memory in render and never frees it | `image-memory-freed` |
//! | `org.ofx-rs.legal.GpuRenderSupported` | nothing: sets the "host or plug-in" properties `OfxImageEffectPropOpenCLRenderSupported` and `OfxImageEffectPropCudaRenderSupported` to "false" on its descriptor | none |
//! | `org.ofx-rs.legal.HostExtensions` | nothing: sets Nuke and Natron extension properties this host does not know, which it refuses with `kOfxStatErrUnknown`, lists Natron's `NatronOfxImageComponentXY` among its clips' components Sony Vegas's `OfxBitDepthByteBGR` among its depths and Natron's tracker context among its contexts | none (a note in `describe-property-types`, a warning in `declared-formats`) |
//! | `org.ofx-rs.bad.SetParamInRender` | sets its parameter's value during render (values may be set in instance changed and interacts only) | every check that renders, `render-default` first, through the host log |
//! | `org.ofx-rs.bad.LeakedScratch` | allocates a memory-suite block in render and never frees it | every check that renders, `render-default` first, through the host log |
//! | `org.ofx-rs.bad.ReadsPastSourceTop` | reads the source pixel one row up wherever that row is inside the render window, without checking the source bounds (it assumes its source covers the window) | `sources-smaller-than-window` |
//! | `org.ofx-rs.legal.NeedsHostFeature` | nothing: declines Describe with `kOfxStatErrMissingHostFeature`, as a plugin needing overlays does in a host without them | none (every check is n/a) |
//! | `org.ofx-rs.legal.OptionalMask` | nothing: an optional Alpha clip `Mask` besides its source; it renders black while the mask is connected | none (for the CLI's choice of clips) |
//! | `org.ofx-rs.bad.BreaksAtParamExtremes` | fails its render (`kOfxStatFailed`) when its double `Amount` (range 0 to 1, default 0.5) is at its maximum or its boolean `Flip` (default off) is on | `render-varied-params` |
//! | `org.ofx-rs.bad.NeedsOptionalMask` | declares an optional Alpha clip `Mask`, then fails its render when the mask is disconnected (it fetches the mask's image unconditionally) | `optional-inputs` |
//! | `org.ofx-rs.bad.NeedsHostExtension` | asks the host for Natron's `NatronOfxHostIsNatron` and, refused, fails describe-in-context with `kOfxStatFailed` and no message (as openfx-misc's multi-plane plugins do), where `kOfxStatErrMissingHostFeature` would say what it needs | `describe`, once (the checks that need the context are n/a) |
//! | `org.ofx-rs.legal.DeclinesGeneral` | nothing: declares the filter and general contexts, and declines general's describe-in-context with `kOfxStatErrMissingHostFeature`, as a plugin does that needs a host feature there | none (a note in `describe`; the general context is not rendered) |
//! | `org.ofx-rs.legal.Overlay` | nothing: a `Centre` parameter and a V2 overlay drawing a handle at it with the Draw Suite, moved by the pen inside edit blocks (see [`overlay`]) | none |
//! | `org.ofx-rs.legal.OverlayWithoutEditBlock` | nothing: the overlay sets `Centre` from pen events without `paramEditBegin`/`paramEditEnd` (the spec asks for them for undo, without requiring them) | none (a note in `interacts`) |
//! | `org.ofx-rs.bad.DrawOutsideDraw` | the overlay keeps its draw context and calls `setColour` with it in pen down | `interacts` |
//! | `org.ofx-rs.bad.InteractBadStatus` | the overlay answers pen down with `kOfxStatErrValue` | `interacts` |
//! | `org.ofx-rs.bad.InteractLeak` | the overlay allocates a memory-suite block when created and never frees it | `interacts` |
//! | `org.ofx-rs.legal.OpenClCopy` | nothing: declares OpenCL buffers and images, and copies its source through the host's queue when the host enables OpenCL (on the CPU otherwise) | none |
//! | `org.ofx-rs.bad.ReleasesHostQueue` | as OpenClCopy, then releases the host's command queue, which it never retained | `gpu-reference-counts` |
//! | `org.ofx-rs.legal.GpuRenderFails` | nothing: declares OpenCL buffers and OpenGL, and answers `kOfxStatGPURenderFailed` whenever either is enabled (the host may retry on the CPU) | none (`gpu-failure-falls-back` shows the retry) |
//! | `org.ofx-rs.bad.BadGpuFlag` | sets `OfxImageEffectPropOpenCLSupported` to "needed", which only "true" and "false" are allowed for | `gpu-flag-values` |
//! | `org.ofx-rs.legal.OpenGlCopy` | nothing: declares OpenGL "true", and when the host enables OpenGL loads its source and output as textures and draws the source into the host's framebuffer (on the CPU otherwise) | none |
//! | `org.ofx-rs.legal.OpenGlOnly` | nothing: as OpenGlCopy, but declares `OfxImageEffectPropCPURenderSupported` "false" and answers `kOfxStatErrImageFormat` to a render on the CPU (as the official OpenGL example does) | none: the host renders it on OpenGL |
//! | `org.ofx-rs.bad.WritesInputTexture` | as OpenGlCopy, then overwrites one texel of its source texture (`glTexSubImage2D`) | every check that renders on OpenGL, through the host log (`InputWritten`) |
//! | `org.ofx-rs.bad.LeaksTexture` | as OpenGlCopy, but never frees its source texture | every check that renders on OpenGL, through the host log (`LeakedTexture`) |
//! | `org.ofx-rs.bad.TextureOutsideRender` | as OpenGlCopy, and loads its source as a texture in begin sequence render (textures may be loaded only in render) | every check that renders on OpenGL, through the host log (`WrongAction`) |
//! | `org.ofx-rs.bad.LeavesGlError` | as OpenGlCopy, then calls `glEnable` with a value that is no capability, leaving `GL_INVALID_ENUM` set when its render returns | `gpu-reference-counts` (`GlError`) |
//! | `org.ofx-rs.bad.FailsOnCpu` | declares OpenCL buffers "true" (not "needed"), then fails every render the host runs on the CPU | `gpu-renders-without-gpu` |
//! | `org.ofx-rs.bad.PanicInDescribe` | panics inside its `extern "C"` entry in Describe (the process aborts) | `describe` (and `ofx list` reports the crash) |
//!
//! Two more records break no rule: [`TWO_VERSIONS`], the control filter at
//! major versions 1 and 2 of one identifier, `org.ofx-rs.bad.TwoVersions`.
//! That is legal (a plugin is its identifier *and* major version; C++
//! binaries such as openfx-misc ship it) and is here so that hosts' handling
//! of versions can be tested on a real bundle. No check expects a verdict on
//! them; they come just before `PanicInDescribe`, so a listing reaches them.
//!
//! A rule the host logs as a violation (rather than one a check measures)
//! fails the check during which it was logged, with the violation as
//! evidence: see "Everything the host logs" in `docs/validator.md`.
//!
//! The binary exports `OfxGetNumberOfPlugins`/`OfxGetPlugin`/`OfxSetHost`
//! (so it also works as a bundle); [`get_plugin`], [`number_of_plugins`] and
//! [`set_host`] are the same functions for in-process tests.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};

use ofx_sys::{OfxHost, OfxPlugin, OfxPropertySetHandle, OfxStatus};

mod opencl;
mod opengl;
pub mod overlay;
mod raw;

use raw::{Image, Props};

/// The rule a plugin breaks (or, for the `legal` plugins, the spec-legal
/// oddity it shows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Breaks nothing.
    None,
    /// Fetches its source image and never releases it.
    LeakedImage,
    /// Breaks no rule: locks image memory twice, unlocks it once and frees
    /// it (`imageMemoryFree` ignores outstanding locks, says the spec).
    FreeWhileLocked,
    /// Writes every pixel of its output bounds, ignoring the render window.
    WriteOutsideWindow,
    /// Panics in render without catching it (the panic cannot unwind out of
    /// `extern "C"`, so the process aborts).
    PanicInRender,
    /// Sets `OfxImageEffectPropSupportsTiles` (an int) with `propSetString`
    /// and ignores the error.
    WrongPropertyType,
    /// For each pixel, also reads the source pixel one row up: on the top
    /// row that is outside the source bounds.
    ReadAboveTop,
    /// On the top row of the output, also writes the pixel one row up
    /// (outside the output bounds).
    WriteAboveTop,
    /// Addresses source pixels as `data + ((y - y1) * width + (x - x1)) *
    /// bpp`, as if rows were packed and bottom-up.
    AssumesPackedRows,
    /// Addresses source pixels as `data + y * rowBytes + x * bpp`, as if the
    /// bounds started at the origin.
    AssumesOrigin,
    /// Answers isIdentity with a clip `Matte` it does not have, and renders
    /// black.
    FalseIdentity,
    /// Never returns from render (sleeps forever, ignoring abort).
    HangInRender,
    /// Declares itself fully thread safe, then copies its rows on a pool of
    /// threads it starts itself (kept for later renders) instead of on the
    /// host's MultiThread suite.
    OwnThreads,
    /// Writes into the bottom-left pixel of its source image before copying
    /// it: the host's input images are the plugin's to read only.
    WriteIntoInput,
    /// Fetches (and releases) its source image in the region-of-definition
    /// action, then lets the host compute the default RoD.
    ImageInRegionOfDefinition,
    /// In render, also fetches its source at the next frame without having
    /// declared temporal clip access (and ignores the refusal).
    UndeclaredTemporalAccess,
    /// Allocates image memory in render and never frees it.
    LeakedMemory,
    /// Breaks no rule: sets `OfxImageEffectPropOpenCLRenderSupported` and
    /// `OfxImageEffectPropCudaRenderSupported` (properties of the host or
    /// the plugin) to "false" on its descriptor.
    GpuRenderSupported,
    /// Breaks no rule: sets extension properties of other hosts (Nuke's
    /// `kFnOfxImageEffectCanTransform`, Natron's
    /// `NatronOfxPropDescriptionIsMarkdown`) and carries on when this host
    /// refuses them.
    HostExtensions,
    /// Defines a double parameter `Gain` and sets its value during render.
    SetParamInRender,
    /// Allocates a memory-suite block (`OfxMemorySuite`) in render and never
    /// frees it.
    LeakedScratch,
    /// For each source pixel it copies, also reads the source pixel one row
    /// up, (x, y + 1), wherever that row is inside the render window,
    /// without checking the source bounds: it assumes its source covers the
    /// render window. With a source smaller than the window, the top row's
    /// read is past the source's top edge.
    ReadsPastSourceTop,
    /// Breaks no rule: declines the Describe action with
    /// `kOfxStatErrMissingHostFeature`, as a plugin that needs overlays does
    /// in a host without them (the official Overlay, Custom and DrawSuite
    /// examples do this in ofx-host).
    NeedsHostFeature,
    /// Breaks no rule: has an optional Alpha clip `Mask` besides its source,
    /// and renders black while the mask is connected (so a test can see
    /// whether a host connected it).
    OptionalMask,
    /// Defines a double `Amount` (range 0 to 1, default 0.5) and a boolean
    /// `Flip` (default off), and fails its render (`kOfxStatFailed`) when
    /// `Amount` is 1 or `Flip` is on: it works only at the values a test at
    /// the defaults tries.
    BreaksAtParamExtremes,
    /// Declares an optional Alpha clip `Mask` (as `OptionalMask`), but
    /// fetches the mask's image in render without asking whether it is
    /// connected, and fails when it is not.
    NeedsOptionalMask,
    /// Asks the host for one of Natron's properties and, refused, fails
    /// describe-in-context with `kOfxStatFailed` (instead of
    /// `kOfxStatErrMissingHostFeature`).
    NeedsHostExtension,
    /// Breaks no rule: declares the filter and general contexts and
    /// declines the general one in describe-in-context with
    /// `kOfxStatErrMissingHostFeature`.
    DeclinesGeneral,
    /// Breaks no rule: the overlay plugin (see [`overlay`]).
    Overlay,
    /// Breaks no rule: the overlay sets its parameter from pen events
    /// without an edit block.
    OverlayWithoutEditBlock,
    /// The overlay calls the Draw Suite in pen down, with the context of
    /// its last draw action.
    DrawOutsideDraw,
    /// The overlay answers pen down with `kOfxStatErrValue`.
    InteractBadStatus,
    /// The overlay allocates a memory-suite block when created and never
    /// frees it.
    InteractLeak,
    /// Breaks no rule: declares OpenCL buffers and images, and when the
    /// host enables OpenCL copies its source to its output with
    /// `clEnqueueCopyBufferRect` or `clEnqueueCopyImage` on the host's
    /// queue (without waiting for it).
    OpenClCopy,
    /// As [`Fault::OpenClCopy`], then releases the host's command queue,
    /// which it never retained.
    ReleasesHostQueue,
    /// Breaks no rule: declares OpenCL buffers and OpenGL, and answers
    /// `kOfxStatGPURenderFailed` whenever the host enables either.
    GpuRenderFails,
    /// Sets `OfxImageEffectPropOpenCLSupported` (OpenCL images: "true" or
    /// "false" only) to "needed".
    BadGpuFlag,
    /// Declares OpenCL buffers "true" (it can render without them, it
    /// says), then fails every render without OpenCL.
    FailsOnCpu,
    /// Breaks no rule: declares OpenGL "true", and when the host enables
    /// OpenGL loads its source and output as textures and draws the source
    /// into the host's framebuffer (a textured quad).
    OpenGlCopy,
    /// Breaks no rule: as [`Fault::OpenGlCopy`], but declares
    /// `OfxImageEffectPropCPURenderSupported` "false" and fails a render
    /// on the CPU with `kOfxStatErrImageFormat`.
    OpenGlOnly,
    /// As [`Fault::OpenGlCopy`], then overwrites one texel of its source
    /// texture.
    WritesInputTexture,
    /// As [`Fault::OpenGlCopy`], but never frees its source texture.
    LeaksTexture,
    /// As [`Fault::OpenGlCopy`], and loads its source as a texture in begin
    /// sequence render.
    TextureOutsideRender,
    /// As [`Fault::OpenGlCopy`], then leaves an OpenGL error set
    /// (`GL_INVALID_ENUM` from `glEnable`).
    LeavesGlError,
    /// Panics in Describe without catching it (the process aborts). Last in
    /// the table, so that listing the binary reaches every other plugin
    /// first.
    PanicInDescribe,
}

/// Every plugin in this binary: identifier and fault, in `OfxGetPlugin` order.
pub const PLUGINS: [(&str, Fault); 45] = [
    ("org.ofx-rs.bad.Control", Fault::None),
    ("org.ofx-rs.bad.LeakedImage", Fault::LeakedImage),
    ("org.ofx-rs.legal.FreeWhileLocked", Fault::FreeWhileLocked),
    (
        "org.ofx-rs.bad.WriteOutsideWindow",
        Fault::WriteOutsideWindow,
    ),
    ("org.ofx-rs.bad.PanicInRender", Fault::PanicInRender),
    ("org.ofx-rs.bad.WrongPropertyType", Fault::WrongPropertyType),
    ("org.ofx-rs.bad.ReadAboveTop", Fault::ReadAboveTop),
    ("org.ofx-rs.bad.WriteAboveTop", Fault::WriteAboveTop),
    ("org.ofx-rs.bad.AssumesPackedRows", Fault::AssumesPackedRows),
    ("org.ofx-rs.bad.AssumesOrigin", Fault::AssumesOrigin),
    ("org.ofx-rs.bad.FalseIdentity", Fault::FalseIdentity),
    ("org.ofx-rs.bad.HangInRender", Fault::HangInRender),
    ("org.ofx-rs.bad.OwnThreads", Fault::OwnThreads),
    ("org.ofx-rs.bad.WriteIntoInput", Fault::WriteIntoInput),
    (
        "org.ofx-rs.bad.ImageInRegionOfDefinition",
        Fault::ImageInRegionOfDefinition,
    ),
    (
        "org.ofx-rs.bad.UndeclaredTemporalAccess",
        Fault::UndeclaredTemporalAccess,
    ),
    ("org.ofx-rs.bad.LeakedMemory", Fault::LeakedMemory),
    (
        "org.ofx-rs.legal.GpuRenderSupported",
        Fault::GpuRenderSupported,
    ),
    ("org.ofx-rs.legal.HostExtensions", Fault::HostExtensions),
    ("org.ofx-rs.bad.SetParamInRender", Fault::SetParamInRender),
    ("org.ofx-rs.bad.LeakedScratch", Fault::LeakedScratch),
    (
        "org.ofx-rs.bad.ReadsPastSourceTop",
        Fault::ReadsPastSourceTop,
    ),
    ("org.ofx-rs.legal.NeedsHostFeature", Fault::NeedsHostFeature),
    ("org.ofx-rs.legal.OptionalMask", Fault::OptionalMask),
    (
        "org.ofx-rs.bad.BreaksAtParamExtremes",
        Fault::BreaksAtParamExtremes,
    ),
    ("org.ofx-rs.bad.NeedsOptionalMask", Fault::NeedsOptionalMask),
    (
        "org.ofx-rs.bad.NeedsHostExtension",
        Fault::NeedsHostExtension,
    ),
    ("org.ofx-rs.legal.DeclinesGeneral", Fault::DeclinesGeneral),
    ("org.ofx-rs.legal.Overlay", Fault::Overlay),
    (
        "org.ofx-rs.legal.OverlayWithoutEditBlock",
        Fault::OverlayWithoutEditBlock,
    ),
    ("org.ofx-rs.bad.DrawOutsideDraw", Fault::DrawOutsideDraw),
    ("org.ofx-rs.bad.InteractBadStatus", Fault::InteractBadStatus),
    ("org.ofx-rs.bad.InteractLeak", Fault::InteractLeak),
    ("org.ofx-rs.legal.OpenClCopy", Fault::OpenClCopy),
    ("org.ofx-rs.bad.ReleasesHostQueue", Fault::ReleasesHostQueue),
    ("org.ofx-rs.legal.GpuRenderFails", Fault::GpuRenderFails),
    ("org.ofx-rs.bad.BadGpuFlag", Fault::BadGpuFlag),
    ("org.ofx-rs.bad.FailsOnCpu", Fault::FailsOnCpu),
    ("org.ofx-rs.legal.OpenGlCopy", Fault::OpenGlCopy),
    ("org.ofx-rs.legal.OpenGlOnly", Fault::OpenGlOnly),
    (
        "org.ofx-rs.bad.WritesInputTexture",
        Fault::WritesInputTexture,
    ),
    ("org.ofx-rs.bad.LeaksTexture", Fault::LeaksTexture),
    (
        "org.ofx-rs.bad.TextureOutsideRender",
        Fault::TextureOutsideRender,
    ),
    ("org.ofx-rs.bad.LeavesGlError", Fault::LeavesGlError),
    ("org.ofx-rs.bad.PanicInDescribe", Fault::PanicInDescribe),
];

/// The records that share one identifier at two major versions, as
/// `(identifier, major version)` in `OfxGetPlugin` order. Both behave as
/// the control; they break no rule.
pub const TWO_VERSIONS: [(&str, u32); 2] = [
    ("org.ofx-rs.bad.TwoVersions", 1),
    ("org.ofx-rs.bad.TwoVersions", 2),
];

/// The identifier of the plugin breaking `fault`.
pub fn id_of(fault: Fault) -> &'static str {
    PLUGINS
        .iter()
        .find(|(_, f)| *f == fault)
        .map(|(id, _)| *id)
        .unwrap_or("")
}

macro_rules! entries {
    ($($fn_name:ident => $fault:expr),* $(,)?) => {
        $(
            unsafe extern "C" fn $fn_name(
                action: *const c_char,
                handle: *const c_void,
                in_args: OfxPropertySetHandle,
                out_args: OfxPropertySetHandle,
            ) -> OfxStatus {
                entry($fault, action, handle, in_args, out_args)
            }
        )*
    };
}

entries! {
    main_control => Fault::None,
    main_leaked_image => Fault::LeakedImage,
    main_free_while_locked => Fault::FreeWhileLocked,
    main_write_outside => Fault::WriteOutsideWindow,
    main_panic_in_render => Fault::PanicInRender,
    main_wrong_property_type => Fault::WrongPropertyType,
    main_read_above_top => Fault::ReadAboveTop,
    main_write_above_top => Fault::WriteAboveTop,
    main_assumes_packed_rows => Fault::AssumesPackedRows,
    main_assumes_origin => Fault::AssumesOrigin,
    main_false_identity => Fault::FalseIdentity,
    main_hang_in_render => Fault::HangInRender,
    main_own_threads => Fault::OwnThreads,
    main_write_into_input => Fault::WriteIntoInput,
    main_image_in_rod => Fault::ImageInRegionOfDefinition,
    main_undeclared_temporal => Fault::UndeclaredTemporalAccess,
    main_leaked_memory => Fault::LeakedMemory,
    main_gpu_render_supported => Fault::GpuRenderSupported,
    main_host_extensions => Fault::HostExtensions,
    main_set_param_in_render => Fault::SetParamInRender,
    main_leaked_scratch => Fault::LeakedScratch,
    main_reads_past_source_top => Fault::ReadsPastSourceTop,
    main_needs_host_feature => Fault::NeedsHostFeature,
    main_optional_mask => Fault::OptionalMask,
    main_breaks_at_param_extremes => Fault::BreaksAtParamExtremes,
    main_needs_optional_mask => Fault::NeedsOptionalMask,
    main_needs_host_extension => Fault::NeedsHostExtension,
    main_declines_general => Fault::DeclinesGeneral,
    main_overlay => Fault::Overlay,
    main_overlay_without_edit_block => Fault::OverlayWithoutEditBlock,
    main_draw_outside_draw => Fault::DrawOutsideDraw,
    main_interact_bad_status => Fault::InteractBadStatus,
    main_interact_leak => Fault::InteractLeak,
    main_opencl_copy => Fault::OpenClCopy,
    main_releases_host_queue => Fault::ReleasesHostQueue,
    main_gpu_render_fails => Fault::GpuRenderFails,
    main_bad_gpu_flag => Fault::BadGpuFlag,
    main_fails_on_cpu => Fault::FailsOnCpu,
    main_opengl_copy => Fault::OpenGlCopy,
    main_opengl_only => Fault::OpenGlOnly,
    main_writes_input_texture => Fault::WritesInputTexture,
    main_leaks_texture => Fault::LeaksTexture,
    main_texture_outside_render => Fault::TextureOutsideRender,
    main_leaves_gl_error => Fault::LeavesGlError,
    main_two_versions_1 => Fault::None,
    main_two_versions_2 => Fault::None,
    main_panic_in_describe => Fault::PanicInDescribe,
}

static TABLE: raw::PluginTable = raw::PluginTable([
    raw::plugin(c"org.ofx-rs.bad.Control", main_control),
    raw::plugin(c"org.ofx-rs.bad.LeakedImage", main_leaked_image),
    raw::plugin(c"org.ofx-rs.legal.FreeWhileLocked", main_free_while_locked),
    raw::plugin(c"org.ofx-rs.bad.WriteOutsideWindow", main_write_outside),
    raw::plugin(c"org.ofx-rs.bad.PanicInRender", main_panic_in_render),
    raw::plugin(
        c"org.ofx-rs.bad.WrongPropertyType",
        main_wrong_property_type,
    ),
    raw::plugin(c"org.ofx-rs.bad.ReadAboveTop", main_read_above_top),
    raw::plugin(c"org.ofx-rs.bad.WriteAboveTop", main_write_above_top),
    raw::plugin(
        c"org.ofx-rs.bad.AssumesPackedRows",
        main_assumes_packed_rows,
    ),
    raw::plugin(c"org.ofx-rs.bad.AssumesOrigin", main_assumes_origin),
    raw::plugin(c"org.ofx-rs.bad.FalseIdentity", main_false_identity),
    raw::plugin(c"org.ofx-rs.bad.HangInRender", main_hang_in_render),
    raw::plugin(c"org.ofx-rs.bad.OwnThreads", main_own_threads),
    raw::plugin(c"org.ofx-rs.bad.WriteIntoInput", main_write_into_input),
    raw::plugin(
        c"org.ofx-rs.bad.ImageInRegionOfDefinition",
        main_image_in_rod,
    ),
    raw::plugin(
        c"org.ofx-rs.bad.UndeclaredTemporalAccess",
        main_undeclared_temporal,
    ),
    raw::plugin(c"org.ofx-rs.bad.LeakedMemory", main_leaked_memory),
    raw::plugin(
        c"org.ofx-rs.legal.GpuRenderSupported",
        main_gpu_render_supported,
    ),
    raw::plugin(c"org.ofx-rs.legal.HostExtensions", main_host_extensions),
    raw::plugin(c"org.ofx-rs.bad.SetParamInRender", main_set_param_in_render),
    raw::plugin(c"org.ofx-rs.bad.LeakedScratch", main_leaked_scratch),
    raw::plugin(
        c"org.ofx-rs.bad.ReadsPastSourceTop",
        main_reads_past_source_top,
    ),
    raw::plugin(
        c"org.ofx-rs.legal.NeedsHostFeature",
        main_needs_host_feature,
    ),
    raw::plugin(c"org.ofx-rs.legal.OptionalMask", main_optional_mask),
    raw::plugin(
        c"org.ofx-rs.bad.BreaksAtParamExtremes",
        main_breaks_at_param_extremes,
    ),
    raw::plugin(
        c"org.ofx-rs.bad.NeedsOptionalMask",
        main_needs_optional_mask,
    ),
    raw::plugin(
        c"org.ofx-rs.bad.NeedsHostExtension",
        main_needs_host_extension,
    ),
    raw::plugin(c"org.ofx-rs.legal.DeclinesGeneral", main_declines_general),
    raw::plugin(c"org.ofx-rs.legal.Overlay", main_overlay),
    raw::plugin(
        c"org.ofx-rs.legal.OverlayWithoutEditBlock",
        main_overlay_without_edit_block,
    ),
    raw::plugin(c"org.ofx-rs.bad.DrawOutsideDraw", main_draw_outside_draw),
    raw::plugin(
        c"org.ofx-rs.bad.InteractBadStatus",
        main_interact_bad_status,
    ),
    raw::plugin(c"org.ofx-rs.bad.InteractLeak", main_interact_leak),
    raw::plugin(c"org.ofx-rs.legal.OpenClCopy", main_opencl_copy),
    raw::plugin(
        c"org.ofx-rs.bad.ReleasesHostQueue",
        main_releases_host_queue,
    ),
    raw::plugin(c"org.ofx-rs.legal.GpuRenderFails", main_gpu_render_fails),
    raw::plugin(c"org.ofx-rs.bad.BadGpuFlag", main_bad_gpu_flag),
    raw::plugin(c"org.ofx-rs.bad.FailsOnCpu", main_fails_on_cpu),
    raw::plugin(c"org.ofx-rs.legal.OpenGlCopy", main_opengl_copy),
    raw::plugin(c"org.ofx-rs.legal.OpenGlOnly", main_opengl_only),
    raw::plugin(
        c"org.ofx-rs.bad.WritesInputTexture",
        main_writes_input_texture,
    ),
    raw::plugin(c"org.ofx-rs.bad.LeaksTexture", main_leaks_texture),
    raw::plugin(
        c"org.ofx-rs.bad.TextureOutsideRender",
        main_texture_outside_render,
    ),
    raw::plugin(c"org.ofx-rs.bad.LeavesGlError", main_leaves_gl_error),
    raw::plugin_version(c"org.ofx-rs.bad.TwoVersions", 1, main_two_versions_1),
    raw::plugin_version(c"org.ofx-rs.bad.TwoVersions", 2, main_two_versions_2),
    raw::plugin(c"org.ofx-rs.bad.PanicInDescribe", main_panic_in_describe),
]);

/// `OfxGetNumberOfPlugins` for in-process use.
pub extern "C" fn number_of_plugins() -> c_int {
    TABLE.0.len() as c_int
}

/// `OfxGetPlugin` for in-process use: the `nth` plugin, or null.
pub extern "C" fn get_plugin(nth: c_int) -> *mut OfxPlugin {
    TABLE.get(nth)
}

/// `OfxSetHost` for in-process use: remembers the host for every plugin.
pub extern "C" fn set_host(host: *const OfxHost) -> OfxStatus {
    raw::store_host(host);
    ofx_sys::kOfxStatOK
}

/// Set to a number, the count the exported `OfxGetNumberOfPlugins`
/// answers instead of the real one (`-1`, `0`, `2147483647`...), so that a
/// host's handling of bad counts can be tested on a real bundle.
pub const COUNT_OVERRIDE_ENV: &str = "OFX_BAD_PLUGINS_COUNT";

/// The exported `OfxGetNumberOfPlugins` (see [`COUNT_OVERRIDE_ENV`]).
#[unsafe(no_mangle)]
pub extern "C" fn OfxGetNumberOfPlugins() -> c_int {
    std::env::var(COUNT_OVERRIDE_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| number_of_plugins())
}

/// The exported `OfxGetPlugin`.
#[unsafe(no_mangle)]
pub extern "C" fn OfxGetPlugin(nth: c_int) -> *mut OfxPlugin {
    get_plugin(nth)
}

/// The exported `OfxSetHost`.
#[unsafe(no_mangle)]
pub extern "C" fn OfxSetHost(host: *const OfxHost) -> OfxStatus {
    set_host(host)
}

fn entry(
    fault: Fault,
    action: *const c_char,
    handle: *const c_void,
    in_args: OfxPropertySetHandle,
    out_args: OfxPropertySetHandle,
) -> OfxStatus {
    let action = raw::c_str(action).unwrap_or("");
    if fault == Fault::PanicInRender && action == "OfxImageEffectActionRender" {
        // The one rule this plugin exists to break: no catch_unwind here,
        // so the panic reaches the `extern "C"` boundary and aborts.
        panic!("deliberate panic in render");
    }
    if fault == Fault::PanicInDescribe && action == "OfxActionDescribe" {
        // Likewise, while the host describes it.
        panic!("deliberate panic in describe");
    }
    catch_unwind(AssertUnwindSafe(|| {
        dispatch(fault, action, handle, in_args, out_args)
    }))
    .unwrap_or(ofx_sys::kOfxStatFailed)
}

fn dispatch(
    fault: Fault,
    action: &str,
    handle: *const c_void,
    in_args: OfxPropertySetHandle,
    out_args: OfxPropertySetHandle,
) -> OfxStatus {
    let status = match action {
        "OfxImageEffectActionDescribeInContext" if fault == Fault::NeedsHostExtension => {
            // The fault: a host without Natron's extension is refused with
            // a bare failure, no message.
            let natron = raw::host_props()
                .and_then(|h| h.get_int(c"NatronOfxHostIsNatron"))
                .unwrap_or(0);
            return if natron != 0 {
                ofx_sys::kOfxStatOK
            } else {
                ofx_sys::kOfxStatFailed
            };
        }
        "OfxImageEffectActionDescribeInContext"
            if fault == Fault::DeclinesGeneral
                && Props(in_args)
                    .get_string(ofx_sys::kOfxImageEffectPropContext)
                    .is_ok_and(|c| {
                        c.as_bytes() == ofx_sys::kOfxImageEffectContextGeneral.to_bytes()
                    }) =>
        {
            // Legal: "the context will be ignored by the host".
            return ofx_sys::kOfxStatErrMissingHostFeature;
        }
        "OfxImageEffectActionIsIdentity" if fault == Fault::FalseIdentity => {
            is_identity(in_args, out_args)
        }
        "OfxImageEffectActionGetRegionOfDefinition"
            if fault == Fault::ImageInRegionOfDefinition =>
        {
            // The rule broken: an image fetched outside render. The host
            // refuses it; the default RoD is then asked for.
            if let Ok(time) = Props(in_args).get_double(ofx_sys::kOfxPropTime, 0)
                && let Ok(clip) =
                    raw::clip_handle(handle, ofx_sys::kOfxImageEffectSimpleSourceClipName)
                && let Ok(img) = Image::fetch(clip, time)
            {
                img.release();
            }
            return ofx_sys::kOfxStatReplyDefault;
        }
        "OfxActionLoad" => raw::load().map(|()| overlay::load()),
        "OfxActionUnload" | "OfxActionCreateInstance" | "OfxActionDestroyInstance" => Ok(()),
        "OfxActionDescribe" => describe(fault, handle),
        "OfxImageEffectActionDescribeInContext" => describe_in_context(fault, handle),
        "OfxImageEffectActionRender" => render(fault, handle, in_args),
        "OfxImageEffectActionBeginSequenceRender" if fault == Fault::TextureOutsideRender => {
            opengl::load_outside_render(handle, &Props(in_args));
            Ok(())
        }
        _ => return ofx_sys::kOfxStatReplyDefault,
    };
    match status {
        Ok(()) => ofx_sys::kOfxStatOK,
        Err(s) => s,
    }
}

type Result<T> = std::result::Result<T, OfxStatus>;

/// The FalseIdentity plugin's answer: "the output is clip `Matte` at this
/// time", a clip it never defined.
fn is_identity(in_args: OfxPropertySetHandle, out_args: OfxPropertySetHandle) -> Result<()> {
    let time = Props(in_args).get_double(ofx_sys::kOfxPropTime, 0)?;
    let out = Props(out_args);
    out.set_string(ofx_sys::kOfxPropName, 0, c"Matte")?;
    out.set_double(ofx_sys::kOfxPropTime, 0, time)
}

fn describe(fault: Fault, effect: *const c_void) -> Result<()> {
    if fault == Fault::NeedsHostFeature {
        // Legal: this host lacks what the plugin needs.
        return Err(ofx_sys::kOfxStatErrMissingHostFeature);
    }
    let p = raw::effect_props(effect)?;
    let label = PLUGINS
        .iter()
        .find(|(_, f)| *f == fault)
        .map(|(id, _)| id.rsplit('.').next().unwrap_or(id))
        .unwrap_or("Bad");
    let label = std::ffi::CString::new(label).map_err(|_| ofx_sys::kOfxStatFailed)?;
    p.set_string(ofx_sys::kOfxPropLabel, 0, &label)?;
    p.set_string(ofx_sys::kOfxImageEffectPluginPropGrouping, 0, c"Test/Bad")?;
    p.set_string(
        ofx_sys::kOfxImageEffectPropSupportedContexts,
        0,
        ofx_sys::kOfxImageEffectContextFilter,
    )?;
    if fault == Fault::DeclinesGeneral {
        p.set_string(
            ofx_sys::kOfxImageEffectPropSupportedContexts,
            1,
            ofx_sys::kOfxImageEffectContextGeneral,
        )?;
    }
    for (i, d) in [
        ofx_sys::kOfxBitDepthByte,
        ofx_sys::kOfxBitDepthShort,
        ofx_sys::kOfxBitDepthHalf,
        ofx_sys::kOfxBitDepthFloat,
    ]
    .into_iter()
    .enumerate()
    {
        p.set_string(
            ofx_sys::kOfxImageEffectPropSupportedPixelDepths,
            i as c_int,
            d,
        )?;
    }
    p.set_string(
        ofx_sys::kOfxImageEffectPluginRenderThreadSafety,
        0,
        ofx_sys::kOfxImageEffectRenderFullySafe,
    )?;
    p.set_int(ofx_sys::kOfxImageEffectPropSupportsMultiResolution, 0, 1)?;
    if overlay::has_overlay(fault) {
        overlay::describe(fault, p)?;
    }
    if fault == Fault::GpuRenderSupported {
        // Legal: "host or plug-in" properties, here saying "no GPU render".
        for name in [
            ofx_sys::kOfxImageEffectPropOpenCLRenderSupported,
            ofx_sys::kOfxImageEffectPropCudaRenderSupported,
        ] {
            p.set_string(name, 0, c"false")?;
        }
    }
    if fault.is_gpu() {
        // OpenCL buffers for all of them; images too for the copiers; an
        // illegal value for BadGpuFlag.
        p.set_string(
            ofx_sys::kOfxImageEffectPropOpenCLRenderSupported,
            0,
            c"true",
        )?;
        let images: Option<&CStr> = match fault {
            Fault::OpenClCopy | Fault::ReleasesHostQueue => Some(c"true"),
            Fault::BadGpuFlag => Some(c"needed"),
            _ => None,
        };
        if let Some(v) = images {
            p.set_string(ofx_sys::kOfxImageEffectPropOpenCLSupported, 0, v)?;
        }
    }
    if fault.is_opengl() {
        p.set_string(
            ofx_sys::kOfxImageEffectPropOpenGLRenderSupported,
            0,
            c"true",
        )?;
    }
    if fault == Fault::OpenGlOnly {
        p.set_string(ofx_sys::kOfxImageEffectPropCPURenderSupported, 0, c"false")?;
    }
    if fault == Fault::HostExtensions {
        // Legal: Natron's tracker context, which this host never offers.
        p.set_string(
            ofx_sys::kOfxImageEffectPropSupportedContexts,
            1,
            c"NatronOfxImageEffectContextTracker",
        )?;
        // Legal: Sony Vegas's BGR depth, which this host never offers.
        p.set_string(
            ofx_sys::kOfxImageEffectPropSupportedPixelDepths,
            4,
            c"OfxBitDepthByteBGR",
        )?;
    }
    if fault == Fault::HostExtensions {
        // Legal: other hosts' extensions; a host that does not know them
        // may refuse them, and the plugin carries on.
        let _ = p.set_int(c"kFnOfxImageEffectCanTransform", 0, 1);
        let _ = p.set_int(c"NatronOfxPropDescriptionIsMarkdown", 0, 0);
    }
    if fault == Fault::WrongPropertyType {
        // The rule broken: an int property written as a string, and the
        // host's error ignored.
        let _ = p.set_string(ofx_sys::kOfxImageEffectPropSupportsTiles, 0, c"1");
    } else {
        p.set_int(ofx_sys::kOfxImageEffectPropSupportsTiles, 0, 1)?;
    }
    Ok(())
}

fn describe_in_context(fault: Fault, effect: *const c_void) -> Result<()> {
    if fault == Fault::SetParamInRender {
        raw::param_define(effect, ofx_sys::kOfxParamTypeDouble, c"Gain")?;
    }
    if fault == Fault::BreaksAtParamExtremes {
        let amount = raw::param_define(effect, ofx_sys::kOfxParamTypeDouble, c"Amount")?;
        amount.set_double(ofx_sys::kOfxParamPropDefault, 0, 0.5)?;
        amount.set_double(ofx_sys::kOfxParamPropMin, 0, 0.0)?;
        amount.set_double(ofx_sys::kOfxParamPropMax, 0, 1.0)?;
        raw::param_define(effect, ofx_sys::kOfxParamTypeBoolean, c"Flip")?;
    }
    if overlay::has_overlay(fault) {
        overlay::describe_in_context(fault, effect)?;
    }
    for clip in [
        ofx_sys::kOfxImageEffectSimpleSourceClipName,
        ofx_sys::kOfxImageEffectOutputClipName,
    ] {
        let p = raw::clip_define(effect, clip)?;
        for (i, c) in [
            ofx_sys::kOfxImageComponentRGBA,
            ofx_sys::kOfxImageComponentRGB,
            ofx_sys::kOfxImageComponentAlpha,
        ]
        .into_iter()
        .enumerate()
        {
            p.set_string(
                ofx_sys::kOfxImageEffectPropSupportedComponents,
                i as c_int,
                c,
            )?;
        }
        if fault == Fault::HostExtensions {
            // Legal: Natron's two-channel components, which this host
            // never offers.
            p.set_string(
                ofx_sys::kOfxImageEffectPropSupportedComponents,
                3,
                c"NatronOfxImageComponentXY",
            )?;
        }
    }
    if matches!(fault, Fault::OptionalMask | Fault::NeedsOptionalMask) {
        let p = raw::clip_define(effect, c"Mask")?;
        p.set_string(
            ofx_sys::kOfxImageEffectPropSupportedComponents,
            0,
            ofx_sys::kOfxImageComponentAlpha,
        )?;
        p.set_int(ofx_sys::kOfxImageClipPropOptional, 0, 1)?;
        p.set_int(ofx_sys::kOfxImageClipPropIsMask, 0, 1)?;
    }
    Ok(())
}

fn render(fault: Fault, effect: *const c_void, in_args: OfxPropertySetHandle) -> Result<()> {
    if fault == Fault::HangInRender {
        // The rule broken: render never returns.
        loop {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    let args = Props(in_args);
    let enabled = |name| args.get_int(name).unwrap_or(0) != 0;
    let opengl = enabled(ofx_sys::kOfxImageEffectPropOpenGLEnabled);
    let opencl = enabled(ofx_sys::kOfxImageEffectPropOpenCLEnabled);
    if (opencl || opengl) && fault == Fault::GpuRenderFails {
        // Legal: the GPU render failed; the host may render on the CPU.
        return Err(ofx_sys::kOfxStatGPURenderFailed);
    }
    if opengl {
        return opengl::render(fault, effect, &args);
    }
    if fault == Fault::OpenGlOnly {
        // Legal: it said it does not render on the CPU.
        return Err(ofx_sys::kOfxStatErrImageFormat);
    }
    if !opencl && fault == Fault::FailsOnCpu {
        // The rule broken: "true" (not "needed") promised a CPU render.
        return Err(ofx_sys::kOfxStatFailed);
    }
    let time = args.get_double(ofx_sys::kOfxPropTime, 0)?;
    let window = args.get_int4(ofx_sys::kOfxImageEffectPropRenderWindow)?;
    let out_clip = raw::clip_handle(effect, ofx_sys::kOfxImageEffectOutputClipName)?;
    let src_clip = raw::clip_handle(effect, ofx_sys::kOfxImageEffectSimpleSourceClipName)?;
    let out = Image::fetch(out_clip, time)?;
    let mut src = Image::fetch(src_clip, time).ok();
    if fault == Fault::OptionalMask {
        let mask = raw::clip_props(raw::clip_handle(effect, c"Mask")?)?;
        if mask.get_int(ofx_sys::kOfxImageClipPropConnected)? != 0 {
            // Connected: black, with the source released unused.
            if let Some(s) = src.take() {
                s.release();
            }
        }
    }
    if fault == Fault::BreaksAtParamExtremes
        && (raw::param_double_at(effect, c"Amount", time)? >= 1.0
            || raw::param_bool_at(effect, c"Flip", time)?)
    {
        // The fault: values the default render never tries fail.
        out.release();
        if let Some(s) = src {
            s.release();
        }
        return Err(ofx_sys::kOfxStatFailed);
    }
    if fault == Fault::NeedsOptionalMask {
        // The fault: the optional mask's image, fetched without asking
        // whether the clip is connected.
        match Image::fetch(raw::clip_handle(effect, c"Mask")?, time) {
            Ok(mask) => mask.release(),
            Err(status) => {
                out.release();
                if let Some(s) = src {
                    s.release();
                }
                return Err(status);
            }
        }
    }
    if fault == Fault::SetParamInRender {
        // The rule broken: a parameter value set while rendering (the host
        // refuses it; the plugin carries on).
        let _ = raw::param_set_double(effect, c"Gain", 2.0);
    }
    if fault == Fault::UndeclaredTemporalAccess
        && let Ok(next) = Image::fetch(src_clip, time + 1.0)
    {
        // The rule broken: another frame than the current one, without
        // OfxImageEffectPropTemporalClipAccess (the host refuses it).
        next.release();
    }

    if fault == Fault::FreeWhileLocked {
        // Legal: two locks, one unlock, then free (the lock left is
        // ignored, as the spec says).
        let mem = raw::memory_alloc(effect, 4096)?;
        raw::memory_lock(mem)?;
        raw::memory_lock(mem)?;
        raw::memory_unlock(mem)?;
        raw::memory_free(mem)?;
    }
    if fault == Fault::LeakedScratch {
        // The rule broken: a memory-suite block never freed.
        raw::scratch_alloc(effect, 256)?;
    }
    if fault == Fault::LeakedMemory {
        // The rule broken: memory allocated and never freed.
        let mem = raw::memory_alloc(effect, 4096)?;
        raw::memory_lock(mem)?;
        raw::memory_unlock(mem)?;
    }

    if fault == Fault::WriteIntoInput
        && let Some(s) = &src
        && let Some(p) = s.pixel(s.bounds[0], s.bounds[1])
    {
        // The rule broken: the source pixel is overwritten (with its
        // complement, so that it changes whatever it held).
        raw::invert_byte(p.cast_mut());
    }

    let ob = out.bounds;
    let region = if fault == Fault::WriteOutsideWindow {
        ob
    } else {
        [
            window[0].max(ob[0]),
            window[1].max(ob[1]),
            window[2].min(ob[2]),
            window[3].min(ob[3]),
        ]
    };
    let result = if opencl {
        opencl::copy(fault, &args, &out, src.as_ref(), region)
    } else if fault == Fault::OwnThreads {
        own_threads::copy(&out, src.as_ref(), region)
    } else {
        copy(fault, &out, src.as_ref(), region)
    };
    out.release();
    // The rule LeakedImage breaks: its source image is never released.
    if let Some(src) = src
        && fault != Fault::LeakedImage
    {
        src.release();
    }
    result
}

impl Fault {
    /// Whether the plugin declares OpenGL support.
    fn is_opengl(self) -> bool {
        matches!(
            self,
            Fault::OpenGlCopy
                | Fault::OpenGlOnly
                | Fault::WritesInputTexture
                | Fault::LeaksTexture
                | Fault::TextureOutsideRender
                | Fault::LeavesGlError
                | Fault::GpuRenderFails
        )
    }

    /// Whether the plugin declares OpenCL support.
    fn is_gpu(self) -> bool {
        matches!(
            self,
            Fault::OpenClCopy
                | Fault::ReleasesHostQueue
                | Fault::GpuRenderFails
                | Fault::BadGpuFlag
                | Fault::FailsOnCpu
        )
    }
}

mod own_threads;

fn copy(fault: Fault, out: &Image, src: Option<&Image>, region: [i32; 4]) -> Result<()> {
    if let Some(src) = src
        && src.bytes_per_pixel != out.bytes_per_pixel
    {
        return Err(ofx_sys::kOfxStatErrImageFormat);
    }
    let zero = vec![0u8; out.bytes_per_pixel];
    for y in region[1]..region[3] {
        for x in region[0]..region[2] {
            let from = src.and_then(|s| {
                let inside = s.pixel(x, y)?;
                Some(match fault {
                    // The rules broken: wrong addressing of the source.
                    Fault::AssumesPackedRows => s.packed_pixel(x, y).cast_const(),
                    Fault::AssumesOrigin => s.origin_pixel(x, y).cast_const(),
                    _ => inside,
                })
            });
            if fault == Fault::FalseIdentity {
                raw::copy_pixel(
                    zero.as_ptr(),
                    out.unchecked_pixel(x, y),
                    out.bytes_per_pixel,
                );
                continue;
            }
            if fault == Fault::WriteAboveTop && y + 1 == out.bounds[3] {
                // The rule broken: one pixel written above the output's top row.
                raw::copy_pixel(
                    zero.as_ptr(),
                    out.unchecked_pixel(x, y + 1),
                    out.bytes_per_pixel,
                );
            }
            if fault == Fault::ReadAboveTop
                && let Some(s) = src
                && from.is_some()
            {
                // The rule broken: peek at the pixel one row up without
                // checking the bounds (on the top row, that is outside).
                raw::peek_byte(s.unchecked_pixel(x, y + 1));
            }
            if fault == Fault::ReadsPastSourceTop
                && let Some(s) = src
                && from.is_some()
                && y + 1 < region[3]
            {
                // The rule broken: the row above is read because it is
                // inside the render window, as if the source covered the
                // window; the source's bounds are not checked.
                raw::peek_byte(s.unchecked_pixel(x, y + 1));
            }
            match from {
                Some(p) => raw::copy_pixel(p, out.unchecked_pixel(x, y), out.bytes_per_pixel),
                None => raw::copy_pixel(
                    zero.as_ptr(),
                    out.unchecked_pixel(x, y),
                    out.bytes_per_pixel,
                ),
            }
        }
    }
    Ok(())
}

/// The identifier C string of the `nth` plugin, for tests.
pub fn plugin_id(nth: usize) -> Option<&'static CStr> {
    TABLE.id(nth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exported_table_matches_the_list() {
        // The rule breakers in order, the two versions before the last one
        // (PanicInDescribe stays last).
        let (last, first) = PLUGINS.split_last().unwrap();
        let expected: Vec<(&str, u32)> = first
            .iter()
            .map(|(id, _)| (*id, 1))
            .chain(TWO_VERSIONS)
            .chain([(last.0, 1)])
            .collect();
        assert_eq!(number_of_plugins() as usize, expected.len());
        for (i, (id, major)) in expected.iter().enumerate() {
            assert_eq!(plugin_id(i).and_then(|c| c.to_str().ok()), Some(*id));
            // SAFETY: a non-null record of the static table.
            let record = unsafe { &*get_plugin(i as c_int) };
            assert_eq!(record.pluginVersionMajor, *major);
        }
        for (id, fault) in PLUGINS {
            assert_eq!(id_of(fault), id);
        }
        assert!(get_plugin(expected.len() as c_int).is_null());
        assert!(get_plugin(-1).is_null());
        assert!(plugin_id(expected.len()).is_none());
    }
}

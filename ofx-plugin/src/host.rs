//! The host's description: name, version and capabilities.

use ofx_sys as sys;

use crate::error::Result;
use crate::ffi::props::PropSet;
use crate::ffi::suites::suites;

/// What the host says about itself, read from its property set.
#[derive(Clone, Debug, PartialEq)]
pub struct HostInfo {
    /// The host's unique name, e.g. `uk.co.thefoundry.nuke`.
    pub name: String,
    /// The host's user-visible label.
    pub label: String,
    /// The host's version numbers.
    pub version: Vec<i32>,
    /// The host's version label.
    pub version_label: String,
    /// Whether the host is a background (command line) renderer.
    pub is_background: bool,
    /// Whether the host supports overlay interacts.
    pub supports_overlays: bool,
    /// Whether the host supports tiled rendering.
    pub supports_tiles: bool,
    /// Whether the host supports inputs and output of different sizes.
    pub supports_multi_resolution: bool,
    /// Whether effects may read clips at other times.
    pub temporal_clip_access: bool,
    /// The pixel depths the host supports.
    pub supported_pixel_depths: Vec<String>,
    /// The components the host supports.
    pub supported_components: Vec<String>,
    /// The contexts the host supports.
    pub supported_contexts: Vec<String>,
    /// Whether input clips may have different depths.
    pub supports_multiple_clip_depths: bool,
    /// Whether input clips may have different pixel aspect ratios.
    pub supports_multiple_clip_pars: bool,
    /// Whether effects may set the output frame rate in clip preferences.
    pub setable_frame_rate: bool,
    /// Whether effects may set the output fielding in clip preferences.
    pub setable_fielding: bool,
    /// The OFX API version the host implements (e.g. `[1, 5]`), if it says.
    pub api_version: Vec<i32>,
    /// Whether the host supports custom parameter interacts.
    pub supports_custom_interact: bool,
    /// Whether boolean parameters can animate.
    pub supports_boolean_animation: bool,
    /// Whether choice parameters can animate.
    pub supports_choice_animation: bool,
    /// Whether the host supports string-valued choice parameters.
    pub supports_str_choice: bool,
    /// Whether string-valued choice parameters can animate.
    pub supports_str_choice_animation: bool,
    /// Rows and columns of a parameter page.
    pub page_row_column_count: Option<[i32; 2]>,
    /// What the host offers for rendering: CPU, and which GPU APIs.
    pub gpu: crate::gpu::HostGpu,
    /// Whether the host may ask for draft-quality renders.
    pub render_quality_draft: bool,
    /// The colour management configs the host offers.
    pub colour_management_available_configs: Vec<String>,
    /// The host's colour management style, if any.
    pub colour_management_style: Option<String>,
    /// The host's native image origin (bottom-left, top-left or centre).
    pub native_origin: Option<String>,
    /// The host's sequential-render support: 0 none, 1 always, 2 optional.
    pub sequential_render: i32,
    /// Whether the host supports custom parameter animation.
    pub supports_custom_animation: bool,
    /// Whether the host supports string parameter animation.
    pub supports_string_animation: bool,
    /// Whether parameters may change after instance creation.
    pub supports_parameter_animation: bool,
    /// The maximum number of parameters (-1 = unlimited).
    pub max_parameters: i32,
    /// The maximum number of pages.
    pub max_pages: i32,
    /// Whether the host concatenates transforms (The Foundry's extension,
    /// see [`extensions`](crate::extensions)).
    pub can_transform: bool,
}

impl HostInfo {
    /// Reads the host description; available from load to unload.
    pub fn get() -> Result<HostInfo> {
        let p = PropSet::new(suites()?.host_props)?;
        let s = |n| p.get_string(n, 0).unwrap_or_default();
        let b = |n| p.get_bool(n, 0).unwrap_or(false);
        let i = |n, d| p.get_int(n, 0).unwrap_or(d);
        let ss = |n| p.get_strings(n).unwrap_or_default();
        Ok(HostInfo {
            name: p.get_string(sys::kOfxPropName, 0)?,
            label: s(sys::kOfxPropLabel),
            version: p.get_ints(sys::kOfxPropVersion).unwrap_or_default(),
            version_label: s(sys::kOfxPropVersionLabel),
            is_background: b(sys::kOfxImageEffectHostPropIsBackground),
            supports_overlays: b(sys::kOfxImageEffectPropSupportsOverlays),
            supports_tiles: b(sys::kOfxImageEffectPropSupportsTiles),
            supports_multi_resolution: b(sys::kOfxImageEffectPropSupportsMultiResolution),
            temporal_clip_access: b(sys::kOfxImageEffectPropTemporalClipAccess),
            supported_pixel_depths: ss(sys::kOfxImageEffectPropSupportedPixelDepths),
            supported_components: ss(sys::kOfxImageEffectPropSupportedComponents),
            supported_contexts: ss(sys::kOfxImageEffectPropSupportedContexts),
            supports_multiple_clip_depths: b(sys::kOfxImageEffectPropSupportsMultipleClipDepths),
            supports_multiple_clip_pars: b(sys::kOfxImageEffectPropSupportsMultipleClipPARs),
            setable_frame_rate: b(sys::kOfxImageEffectPropSetableFrameRate),
            setable_fielding: b(sys::kOfxImageEffectPropSetableFielding),
            api_version: p.get_ints(sys::kOfxPropAPIVersion).unwrap_or_default(),
            supports_custom_interact: b(sys::kOfxParamHostPropSupportsCustomInteract),
            supports_boolean_animation: b(sys::kOfxParamHostPropSupportsBooleanAnimation),
            supports_choice_animation: b(sys::kOfxParamHostPropSupportsChoiceAnimation),
            supports_str_choice: b(sys::kOfxParamHostPropSupportsStrChoice),
            supports_str_choice_animation: b(sys::kOfxParamHostPropSupportsStrChoiceAnimation),
            page_row_column_count: p
                .get_int_array(sys::kOfxParamHostPropPageRowColumnCount)
                .ok(),
            gpu: crate::gpu::HostGpu::read(&p),
            render_quality_draft: b(sys::kOfxImageEffectPropRenderQualityDraft),
            colour_management_available_configs: ss(
                sys::kOfxImageEffectPropColourManagementAvailableConfigs,
            ),
            colour_management_style: p
                .get_string(sys::kOfxImageEffectPropColourManagementStyle, 0)
                .ok(),
            native_origin: p
                .get_string(sys::kOfxImageEffectHostPropNativeOrigin, 0)
                .ok(),
            sequential_render: i(sys::kOfxImageEffectInstancePropSequentialRender, 0),
            supports_custom_animation: b(sys::kOfxParamHostPropSupportsCustomAnimation),
            supports_string_animation: b(sys::kOfxParamHostPropSupportsStringAnimation),
            supports_parameter_animation: b(sys::kOfxParamHostPropSupportsParametricAnimation),
            max_parameters: i(sys::kOfxParamHostPropMaxParameters, -1),
            max_pages: i(sys::kOfxParamHostPropMaxPages, 0),
            can_transform: b(crate::extensions::CAN_TRANSFORM),
        })
    }

    /// What the host offers for rendering (CPU and GPU APIs), without
    /// reading the rest of its description.
    pub fn gpu_offer() -> Result<crate::gpu::HostGpu> {
        Ok(crate::gpu::HostGpu::read(&PropSet::new(
            suites()?.host_props,
        )?))
    }

    /// Whether the host offers a message suite.
    pub fn has_message_suite() -> bool {
        suites().is_ok_and(|s| s.message_v1.is_some() || s.message_v2.is_some())
    }
    /// Whether the host offers persistent messages (message suite V2).
    pub fn has_persistent_messages() -> bool {
        suites().is_ok_and(|s| s.message_v2.is_some())
    }
    /// Whether the host offers a progress suite.
    pub fn has_progress_suite() -> bool {
        suites().is_ok_and(|s| s.progress_v1.is_some() || s.progress_v2.is_some())
    }
    /// Whether the host offers a timeline suite.
    pub fn has_timeline_suite() -> bool {
        suites().is_ok_and(|s| s.timeline.is_some())
    }
    /// Whether the host offers the parametric parameter suite.
    pub fn has_parametric_suite() -> bool {
        suites().is_ok_and(|s| s.parametric.is_some())
    }
}

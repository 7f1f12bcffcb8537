//! `ofxImageEffect.h`: the image-effect API — its handles, the image-effect
//! suite, and the actions, contexts, clip and image properties it defines.

use ::core::ffi::{c_char, c_int, c_void};

use crate::core::{OfxPropertySetHandle, OfxRectD, OfxStatus, OfxTime};
use crate::param::OfxParamSetHandle;

handle! {
    /// An image effect: a plugin descriptor, a per-context descriptor or an
    /// instance, depending on the action it is passed with.
    OfxImageEffectHandle => OfxImageEffectStruct
}

handle! {
    /// A clip of an image effect: an input or the output.
    OfxImageClipHandle => OfxImageClipStruct
}

handle! {
    /// A block of memory allocated from the host's image-memory pool, which
    /// must be locked to obtain its address.
    OfxImageMemoryHandle => OfxImageMemoryStruct
}

structs! {
    header = "ofxImageEffect.h";

    /// The functions specific to image effects: property and parameter sets,
    /// clips, images, abort polling and image memory.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxImageEffectSuiteV1 {
        /// Gets the property set of an effect descriptor or instance.
        pub getPropertySet: Option<unsafe extern "C" fn(imageEffect: OfxImageEffectHandle, propHandle: *mut OfxPropertySetHandle) -> OfxStatus>,
        /// Gets the parameter set of an effect descriptor or instance.
        pub getParamSet: Option<unsafe extern "C" fn(imageEffect: OfxImageEffectHandle, paramSet: *mut OfxParamSetHandle) -> OfxStatus>,
        /// Defines a clip while describing the effect in a context, returning
        /// the clip descriptor's property set.
        pub clipDefine: Option<unsafe extern "C" fn(imageEffect: OfxImageEffectHandle, name: *const c_char, propertySet: *mut OfxPropertySetHandle) -> OfxStatus>,
        /// Gets an instance's clip by name, and optionally its property set.
        pub clipGetHandle: Option<unsafe extern "C" fn(imageEffect: OfxImageEffectHandle, name: *const c_char, clip: *mut OfxImageClipHandle, propertySet: *mut OfxPropertySetHandle) -> OfxStatus>,
        /// Gets a clip's property set.
        pub clipGetPropertySet: Option<unsafe extern "C" fn(clip: OfxImageClipHandle, propHandle: *mut OfxPropertySetHandle) -> OfxStatus>,
        /// Fetches the clip's image at a time, optionally limited to a region
        /// in canonical coordinates; the image must be released.
        pub clipGetImage: Option<unsafe extern "C" fn(clip: OfxImageClipHandle, time: OfxTime, region: *const OfxRectD, imageHandle: *mut OfxPropertySetHandle) -> OfxStatus>,
        /// Releases an image fetched with `clipGetImage`.
        pub clipReleaseImage: Option<unsafe extern "C" fn(imageHandle: OfxPropertySetHandle) -> OfxStatus>,
        /// Gets a clip's region of definition at a time, in canonical coordinates.
        pub clipGetRegionOfDefinition: Option<unsafe extern "C" fn(clip: OfxImageClipHandle, time: OfxTime, bounds: *mut OfxRectD) -> OfxStatus>,
        /// Returns non-zero when the host wants the current render abandoned.
        pub abort: Option<unsafe extern "C" fn(imageEffect: OfxImageEffectHandle) -> c_int>,
        /// Allocates image memory, optionally on behalf of an instance.
        pub imageMemoryAlloc: Option<unsafe extern "C" fn(instanceHandle: OfxImageEffectHandle, nBytes: usize, memoryHandle: *mut OfxImageMemoryHandle) -> OfxStatus>,
        /// Frees image memory.
        pub imageMemoryFree: Option<unsafe extern "C" fn(memoryHandle: OfxImageMemoryHandle) -> OfxStatus>,
        /// Locks image memory and returns its address; locks nest.
        pub imageMemoryLock: Option<unsafe extern "C" fn(memoryHandle: OfxImageMemoryHandle, returnedPtr: *mut *mut c_void) -> OfxStatus>,
        /// Undoes one lock of image memory.
        pub imageMemoryUnlock: Option<unsafe extern "C" fn(memoryHandle: OfxImageMemoryHandle) -> OfxStatus>,
    }
}

constants! {
    header = "ofxImageEffect.h";

    /// The `pluginApi` string of every image-effect plugin's `OfxPlugin` record.
    str kOfxImageEffectPluginApi = c"OfxImageEffectPluginAPI";

    /// The version of the image-effect plugin API described by these declarations.
    int kOfxImageEffectPluginApiVersion = 1;

    /// Pixel components value `OfxImageComponentNone`.
    str kOfxImageComponentNone = c"OfxImageComponentNone";

    /// Pixel components value `OfxImageComponentRGBA`.
    str kOfxImageComponentRGBA = c"OfxImageComponentRGBA";

    /// Pixel components value `OfxImageComponentRGB`.
    str kOfxImageComponentRGB = c"OfxImageComponentRGB";

    /// Pixel components value `OfxImageComponentAlpha`.
    str kOfxImageComponentAlpha = c"OfxImageComponentAlpha";

    /// The `OfxImageEffectContextGenerator` context, one of the ways a host can use an image effect.
    str kOfxImageEffectContextGenerator = c"OfxImageEffectContextGenerator";

    /// The `OfxImageEffectContextFilter` context, one of the ways a host can use an image effect.
    str kOfxImageEffectContextFilter = c"OfxImageEffectContextFilter";

    /// The `OfxImageEffectContextTransition` context, one of the ways a host can use an image effect.
    str kOfxImageEffectContextTransition = c"OfxImageEffectContextTransition";

    /// The `OfxImageEffectContextPaint` context, one of the ways a host can use an image effect.
    str kOfxImageEffectContextPaint = c"OfxImageEffectContextPaint";

    /// The `OfxImageEffectContextGeneral` context, one of the ways a host can use an image effect.
    str kOfxImageEffectContextGeneral = c"OfxImageEffectContextGeneral";

    /// The `OfxImageEffectContextRetimer` context, one of the ways a host can use an image effect.
    str kOfxImageEffectContextRetimer = c"OfxImageEffectContextRetimer";

    /// Value of `OfxPropType` that marks a property set as a image effect host.
    str kOfxTypeImageEffectHost = c"OfxTypeImageEffectHost";

    /// Value of `OfxPropType` that marks a property set as a image effect.
    str kOfxTypeImageEffect = c"OfxTypeImageEffect";

    /// Value of `OfxPropType` that marks a property set as a image effect instance.
    str kOfxTypeImageEffectInstance = c"OfxTypeImageEffectInstance";

    /// Value of `OfxPropType` that marks a property set as a clip.
    str kOfxTypeClip = c"OfxTypeClip";

    /// Value of `OfxPropType` that marks a property set as a image.
    str kOfxTypeImage = c"OfxTypeImage";

    /// Action `OfxImageEffectActionGetRegionOfDefinition`: asks an effect for the region of definition of its output at a time.
    str kOfxImageEffectActionGetRegionOfDefinition = c"OfxImageEffectActionGetRegionOfDefinition";

    /// Action `OfxImageEffectActionGetRegionsOfInterest`: asks an effect which region of each input it needs to render a window of output.
    str kOfxImageEffectActionGetRegionsOfInterest = c"OfxImageEffectActionGetRegionsOfInterest";

    /// Action `OfxImageEffectActionGetTimeDomain`: asks a general-context effect for the frame range it can produce.
    str kOfxImageEffectActionGetTimeDomain = c"OfxImageEffectActionGetTimeDomain";

    /// Action `OfxImageEffectActionGetFramesNeeded`: asks an effect which frames of each input it needs to render a frame.
    str kOfxImageEffectActionGetFramesNeeded = c"OfxImageEffectActionGetFramesNeeded";

    /// Action `OfxImageEffectActionGetClipPreferences`: lets an effect choose the depth, components, aspect ratio, frame rate and premultiplication of its clips.
    str kOfxImageEffectActionGetClipPreferences = c"OfxImageEffectActionGetClipPreferences";

    /// Action `OfxImageEffectActionIsIdentity`: asks whether rendering would merely copy an input frame.
    str kOfxImageEffectActionIsIdentity = c"OfxImageEffectActionIsIdentity";

    /// Action `OfxImageEffectActionRender`: asks an effect to render a window of its output at a time.
    str kOfxImageEffectActionRender = c"OfxImageEffectActionRender";

    /// Action `OfxImageEffectActionBeginSequenceRender`: opens the rendering of a sequence of frames.
    str kOfxImageEffectActionBeginSequenceRender = c"OfxImageEffectActionBeginSequenceRender";

    /// Action `OfxImageEffectActionEndSequenceRender`: closes the rendering of a sequence of frames.
    str kOfxImageEffectActionEndSequenceRender = c"OfxImageEffectActionEndSequenceRender";

    /// Action `OfxImageEffectActionDescribeInContext`: asks an effect to define its clips and parameters for one context.
    str kOfxImageEffectActionDescribeInContext = c"OfxImageEffectActionDescribeInContext";

    /// Property `OfxImageEffectPropSupportedContexts`: enum, a variable number of values.
    ///
    /// Allowed values: `OfxImageEffectContextGenerator`, `OfxImageEffectContextFilter`, `OfxImageEffectContextTransition`, `OfxImageEffectContextPaint`, `OfxImageEffectContextGeneral`, `OfxImageEffectContextRetimer`.
    ///
    /// Carried by: EffectDescriptor (written by plugin); ImageEffectHost (written by host).
    str kOfxImageEffectPropSupportedContexts = c"OfxImageEffectPropSupportedContexts";

    /// Property `OfxImageEffectPropPluginHandle`: pointer, one value.
    str kOfxImageEffectPropPluginHandle = c"OfxImageEffectPropPluginHandle";

    /// Property `OfxImageEffectHostPropIsBackground`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxImageEffectHostPropIsBackground = c"OfxImageEffectHostPropIsBackground";

    /// Property `OfxImageEffectPluginPropSingleInstance`: bool, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin).
    str kOfxImageEffectPluginPropSingleInstance = c"OfxImageEffectPluginPropSingleInstance";

    /// Property `OfxImageEffectPluginRenderThreadSafety`: enum, one value.
    ///
    /// Allowed values: `OfxImageEffectRenderUnsafe`, `OfxImageEffectRenderInstanceSafe`, `OfxImageEffectRenderFullySafe`.
    ///
    /// Carried by: EffectDescriptor (written by plugin); EffectDescriptor (written by plugin).
    str kOfxImageEffectPluginRenderThreadSafety = c"OfxImageEffectPluginRenderThreadSafety";

    /// Value `OfxImageEffectRenderUnsafe` of `kOfxImageEffectPluginRenderThreadSafety`.
    str kOfxImageEffectRenderUnsafe = c"OfxImageEffectRenderUnsafe";

    /// Value `OfxImageEffectRenderInstanceSafe` of `kOfxImageEffectPluginRenderThreadSafety`.
    str kOfxImageEffectRenderInstanceSafe = c"OfxImageEffectRenderInstanceSafe";

    /// Value `OfxImageEffectRenderFullySafe` of `kOfxImageEffectPluginRenderThreadSafety`.
    str kOfxImageEffectRenderFullySafe = c"OfxImageEffectRenderFullySafe";

    /// Property `OfxImageEffectPluginPropHostFrameThreading`: bool, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin).
    str kOfxImageEffectPluginPropHostFrameThreading = c"OfxImageEffectPluginPropHostFrameThreading";

    /// Property `OfxImageEffectPropMultipleClipDepths`: bool, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin); ImageEffectHost (written by host).
    str kOfxImageEffectPropSupportsMultipleClipDepths = c"OfxImageEffectPropMultipleClipDepths";

    /// Property `OfxImageEffectPropSupportsMultipleClipPARs`: bool, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin); ImageEffectHost (written by host).
    str kOfxImageEffectPropSupportsMultipleClipPARs = c"OfxImageEffectPropSupportsMultipleClipPARs";

    /// Property `OfxImageEffectPropClipPreferencesSlaveParam`: string, a variable number of values.
    ///
    /// Carried by: EffectDescriptor (written by plugin).
    str kOfxImageEffectPropClipPreferencesSlaveParam = c"OfxImageEffectPropClipPreferencesSlaveParam";

    /// Property `OfxImageEffectPropSetableFrameRate`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxImageEffectPropSetableFrameRate = c"OfxImageEffectPropSetableFrameRate";

    /// Property `OfxImageEffectPropSetableFielding`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxImageEffectPropSetableFielding = c"OfxImageEffectPropSetableFielding";

    /// Property `OfxImageEffectInstancePropSequentialRender`: bool, one value.
    ///
    /// Carried by: EffectInstance (written by host); ImageEffectHost (written by host, optional for hosts).
    str kOfxImageEffectInstancePropSequentialRender = c"OfxImageEffectInstancePropSequentialRender";

    /// Property `OfxImageEffectPropSequentialRenderStatus`: bool, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropSequentialRenderStatus = c"OfxImageEffectPropSequentialRenderStatus";

    /// Value `kOfxImageEffectHostPropNativeOriginBottomLeft` of `kOfxImageEffectHostPropNativeOrigin`.
    str kOfxHostNativeOriginBottomLeft = c"kOfxImageEffectHostPropNativeOriginBottomLeft";

    /// Value `kOfxImageEffectHostPropNativeOriginTopLeft` of `kOfxImageEffectHostPropNativeOrigin`.
    str kOfxHostNativeOriginTopLeft = c"kOfxImageEffectHostPropNativeOriginTopLeft";

    /// Value `kOfxImageEffectHostPropNativeOriginCenter` of `kOfxImageEffectHostPropNativeOrigin`.
    str kOfxHostNativeOriginCenter = c"kOfxImageEffectHostPropNativeOriginCenter";

    /// Property `OfxImageEffectHostPropNativeOrigin`: enum, one value.
    ///
    /// Allowed values: `kOfxImageEffectHostPropNativeOriginBottomLeft`, `kOfxImageEffectHostPropNativeOriginTopLeft`, `kOfxImageEffectHostPropNativeOriginCenter`.
    ///
    /// Carried by: ImageEffectHost (written by host, optional for hosts).
    str kOfxImageEffectHostPropNativeOrigin = c"OfxImageEffectHostPropNativeOrigin";

    /// Property `OfxImageEffectPropInteractiveRenderStatus`: bool, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropInteractiveRenderStatus = c"OfxImageEffectPropInteractiveRenderStatus";

    /// Property `OfxImageEffectPluginPropGrouping`: string, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin).
    str kOfxImageEffectPluginPropGrouping = c"OfxImageEffectPluginPropGrouping";

    /// Property `OfxImageEffectPluginPropObsolete`: bool, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin).
    str kOfxImageEffectPluginPropObsolete = c"OfxImageEffectPluginPropObsolete";

    /// Property `OfxImageEffectPropSupportsOverlays`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxImageEffectPropSupportsOverlays = c"OfxImageEffectPropSupportsOverlays";

    /// Property `OfxImageEffectPluginPropOverlayInteractV1`: pointer, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin).
    str kOfxImageEffectPluginPropOverlayInteractV1 = c"OfxImageEffectPluginPropOverlayInteractV1";

    /// Property `OfxImageEffectPluginPropOverlayInteractV2`: pointer, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin).
    str kOfxImageEffectPluginPropOverlayInteractV2 = c"OfxImageEffectPluginPropOverlayInteractV2";

    /// Property `OfxImageEffectPropSupportsMultiResolution`: bool, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin); ImageEffectHost (written by host).
    str kOfxImageEffectPropSupportsMultiResolution = c"OfxImageEffectPropSupportsMultiResolution";

    /// Property `OfxImageEffectPropSupportsTiles`: bool, one value.
    ///
    /// Carried by: ClipInstance (written by host); EffectDescriptor (written by plugin); EffectInstance (written by host); ImageEffectHost (written by host).
    str kOfxImageEffectPropSupportsTiles = c"OfxImageEffectPropSupportsTiles";

    /// Property `OfxImageEffectPropTemporalClipAccess`: bool, one value.
    ///
    /// Carried by: ClipDescriptor (written by plugin); ClipInstance (written by host); EffectDescriptor (written by plugin); ImageEffectHost (written by host).
    str kOfxImageEffectPropTemporalClipAccess = c"OfxImageEffectPropTemporalClipAccess";

    /// Property `OfxImageEffectPropContext`: enum, one value.
    ///
    /// Allowed values: `OfxImageEffectContextGenerator`, `OfxImageEffectContextFilter`, `OfxImageEffectContextTransition`, `OfxImageEffectContextPaint`, `OfxImageEffectContextGeneral`, `OfxImageEffectContextRetimer`.
    ///
    /// Carried by: EffectInstance (written by host).
    ///
    /// Action arguments: OfxImageEffectActionDescribeInContext inArgs.
    str kOfxImageEffectPropContext = c"OfxImageEffectPropContext";

    /// Property `OfxImageEffectPropPixelDepth`: enum, one value.
    ///
    /// Allowed values: `OfxBitDepthNone`, `OfxBitDepthByte`, `OfxBitDepthShort`, `OfxBitDepthHalf`, `OfxBitDepthFloat`.
    ///
    /// Carried by: ClipInstance (written by host); Image (written by host).
    str kOfxImageEffectPropPixelDepth = c"OfxImageEffectPropPixelDepth";

    /// Property `OfxImageEffectPropComponents`: enum, one value.
    ///
    /// Allowed values: `OfxImageComponentNone`, `OfxImageComponentRGBA`, `OfxImageComponentRGB`, `OfxImageComponentAlpha`.
    ///
    /// Carried by: ClipInstance (written by host); Image (written by host).
    str kOfxImageEffectPropComponents = c"OfxImageEffectPropComponents";

    /// Property `OfxImagePropUniqueIdentifier`: string, one value.
    str kOfxImagePropUniqueIdentifier = c"OfxImagePropUniqueIdentifier";

    /// Property `OfxImageClipPropContinuousSamples`: bool, one value.
    ///
    /// Action arguments: OfxImageEffectActionGetClipPreferences outArgs.
    str kOfxImageClipPropContinuousSamples = c"OfxImageClipPropContinuousSamples";

    /// Property `OfxImageClipPropUnmappedPixelDepth`: enum, one value.
    ///
    /// Allowed values: `OfxBitDepthNone`, `OfxBitDepthByte`, `OfxBitDepthShort`, `OfxBitDepthHalf`, `OfxBitDepthFloat`.
    ///
    /// Carried by: ClipInstance (written by host).
    str kOfxImageClipPropUnmappedPixelDepth = c"OfxImageClipPropUnmappedPixelDepth";

    /// Property `OfxImageClipPropUnmappedComponents`: enum, one value.
    ///
    /// Allowed values: `OfxImageComponentNone`, `OfxImageComponentRGBA`, `OfxImageComponentRGB`, `OfxImageComponentAlpha`.
    ///
    /// Carried by: ClipInstance (written by host).
    str kOfxImageClipPropUnmappedComponents = c"OfxImageClipPropUnmappedComponents";

    /// Property `OfxImageEffectPropPreMultiplication`: enum, one value.
    ///
    /// Allowed values: `OfxImageOpaque`, `OfxImageAlphaPremultiplied`, `OfxImageAlphaUnPremultiplied`.
    ///
    /// Carried by: ClipInstance (written by host); Image (written by host).
    ///
    /// Action arguments: OfxImageEffectActionGetClipPreferences outArgs.
    str kOfxImageEffectPropPreMultiplication = c"OfxImageEffectPropPreMultiplication";

    /// Value `OfxImageOpaque` of `kOfxImageEffectPropPreMultiplication`.
    str kOfxImageOpaque = c"OfxImageOpaque";

    /// Value `OfxImageAlphaPremultiplied` of `kOfxImageEffectPropPreMultiplication`.
    str kOfxImagePreMultiplied = c"OfxImageAlphaPremultiplied";

    /// Value `OfxImageAlphaUnPremultiplied` of `kOfxImageEffectPropPreMultiplication`.
    str kOfxImageUnPreMultiplied = c"OfxImageAlphaUnPremultiplied";

    /// Property `OfxImageEffectPropSupportedPixelDepths`: enum, a variable number of values.
    ///
    /// Allowed values: `OfxBitDepthNone`, `OfxBitDepthByte`, `OfxBitDepthShort`, `OfxBitDepthHalf`, `OfxBitDepthFloat`.
    ///
    /// Carried by: EffectDescriptor (written by plugin).
    str kOfxImageEffectPropSupportedPixelDepths = c"OfxImageEffectPropSupportedPixelDepths";

    /// Property `OfxImageEffectPropSupportedComponents`: enum, a variable number of values.
    ///
    /// Allowed values: `OfxImageComponentNone`, `OfxImageComponentRGBA`, `OfxImageComponentRGB`, `OfxImageComponentAlpha`.
    ///
    /// Carried by: ClipDescriptor (written by plugin); ClipInstance (written by host); ImageEffectHost (written by host).
    str kOfxImageEffectPropSupportedComponents = c"OfxImageEffectPropSupportedComponents";

    /// Property `OfxImageClipPropOptional`: bool, one value.
    ///
    /// Carried by: ClipDescriptor (written by plugin); ClipInstance (written by host).
    str kOfxImageClipPropOptional = c"OfxImageClipPropOptional";

    /// Property `OfxImageClipPropIsMask`: bool, one value.
    ///
    /// Carried by: ClipDescriptor (written by plugin); ClipInstance (written by host).
    str kOfxImageClipPropIsMask = c"OfxImageClipPropIsMask";

    /// Property `OfxImagePropPixelAspectRatio`: double, one value.
    ///
    /// Carried by: ClipInstance (written by host); Image (written by host).
    str kOfxImagePropPixelAspectRatio = c"OfxImagePropPixelAspectRatio";

    /// Property `OfxImageEffectPropFrameRate`: double, one value.
    ///
    /// Carried by: ClipInstance (written by host); EffectInstance (written by host).
    ///
    /// Action arguments: OfxImageEffectActionGetClipPreferences outArgs.
    str kOfxImageEffectPropFrameRate = c"OfxImageEffectPropFrameRate";

    /// Property `OfxImageEffectPropUnmappedFrameRate`: double, one value.
    ///
    /// Carried by: ClipInstance (written by host).
    str kOfxImageEffectPropUnmappedFrameRate = c"OfxImageEffectPropUnmappedFrameRate";

    /// Property `OfxImageEffectPropFrameStep`: double, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs.
    str kOfxImageEffectPropFrameStep = c"OfxImageEffectPropFrameStep";

    /// Property `OfxImageEffectPropFrameRange`: double, 2 values.
    ///
    /// Carried by: ClipInstance (written by host).
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionGetFramesNeeded outArgs; OfxImageEffectActionGetTimeDomain outArgs.
    str kOfxImageEffectPropFrameRange = c"OfxImageEffectPropFrameRange";

    /// Property `OfxImageEffectPropUnmappedFrameRange`: double, 2 values.
    ///
    /// Carried by: ClipInstance (written by host).
    str kOfxImageEffectPropUnmappedFrameRange = c"OfxImageEffectPropUnmappedFrameRange";

    /// Property `OfxImageClipPropConnected`: bool, one value.
    ///
    /// Carried by: ClipInstance (written by host).
    str kOfxImageClipPropConnected = c"OfxImageClipPropConnected";

    /// Property `OfxImageEffectFrameVarying`: bool, one value.
    ///
    /// Action arguments: OfxImageEffectActionGetClipPreferences outArgs.
    str kOfxImageEffectFrameVarying = c"OfxImageEffectFrameVarying";

    /// Property `OfxImageEffectPropRenderScale`: double, 2 values.
    ///
    /// Carried by: Image (written by host).
    ///
    /// Action arguments: OfxActionInstanceChanged inArgs; OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionGetRegionOfDefinition inArgs; OfxImageEffectActionGetRegionsOfInterest inArgs; OfxImageEffectActionIsIdentity inArgs; OfxInteractActionDraw inArgs; OfxInteractActionGainFocus inArgs; OfxInteractActionKeyDown inArgs; OfxInteractActionKeyRepeat inArgs; OfxInteractActionKeyUp inArgs; OfxInteractActionLoseFocus inArgs; OfxInteractActionPenDown inArgs; OfxInteractActionPenMotion inArgs; OfxInteractActionPenUp inArgs.
    str kOfxImageEffectPropRenderScale = c"OfxImageEffectPropRenderScale";

    /// Property `OfxImageEffectPropRenderQualityDraft`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host, optional for hosts).
    ///
    /// Action arguments: OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropRenderQualityDraft = c"OfxImageEffectPropRenderQualityDraft";

    /// Property `OfxImageEffectPropNoSpatialAwareness`: enum, one value.
    ///
    /// Allowed values: `false`, `"true"`.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropNoSpatialAwareness = c"OfxImageEffectPropNoSpatialAwareness";

    /// Property `OfxImageEffectPropThumbnailRender`: enum, one value.
    ///
    /// Allowed values: `false`, `"true"`.
    ///
    /// Action arguments: OfxActionBeginInstanceChanged inArgs; OfxActionInstanceChanged inArgs; OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionGetFramesNeeded inArgs; OfxImageEffectActionGetRegionOfDefinition inArgs; OfxImageEffectActionGetRegionsOfInterest inArgs; OfxImageEffectActionIsIdentity inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropThumbnailRender = c"OfxImageEffectPropThumbnailRender";

    /// Property `OfxImageEffectPropProjectExtent`: double, 2 values.
    ///
    /// Carried by: EffectInstance (written by host).
    str kOfxImageEffectPropProjectExtent = c"OfxImageEffectPropProjectExtent";

    /// Property `OfxImageEffectPropProjectSize`: double, 2 values.
    ///
    /// Carried by: EffectInstance (written by host).
    str kOfxImageEffectPropProjectSize = c"OfxImageEffectPropProjectSize";

    /// Property `OfxImageEffectPropProjectOffset`: double, 2 values.
    ///
    /// Carried by: EffectInstance (written by host).
    str kOfxImageEffectPropProjectOffset = c"OfxImageEffectPropProjectOffset";

    /// Property `OfxImageEffectPropPixelAspectRatio`: double, one value.
    ///
    /// Carried by: EffectInstance (written by host).
    str kOfxImageEffectPropProjectPixelAspectRatio = c"OfxImageEffectPropPixelAspectRatio";

    /// Property `OfxImageEffectInstancePropEffectDuration`: double, one value.
    ///
    /// Carried by: EffectInstance (written by host).
    str kOfxImageEffectInstancePropEffectDuration = c"OfxImageEffectInstancePropEffectDuration";

    /// Property `OfxImageClipPropFieldOrder`: enum, one value.
    ///
    /// Allowed values: `OfxFieldNone`, `OfxFieldLower`, `OfxFieldUpper`.
    ///
    /// Carried by: ClipInstance (written by host).
    ///
    /// Action arguments: OfxImageEffectActionGetClipPreferences outArgs.
    str kOfxImageClipPropFieldOrder = c"OfxImageClipPropFieldOrder";

    /// Property `OfxImagePropData`: pointer, one value.
    ///
    /// Carried by: Image (written by host).
    str kOfxImagePropData = c"OfxImagePropData";

    /// Property `OfxImagePropBounds`: int, 4 values.
    ///
    /// Carried by: Image (written by host).
    str kOfxImagePropBounds = c"OfxImagePropBounds";

    /// Property `OfxImagePropRegionOfDefinition`: int, 4 values.
    ///
    /// Carried by: Image (written by host).
    str kOfxImagePropRegionOfDefinition = c"OfxImagePropRegionOfDefinition";

    /// Property `OfxImagePropRowBytes`: int, one value.
    ///
    /// Carried by: Image (written by host).
    str kOfxImagePropRowBytes = c"OfxImagePropRowBytes";

    /// Property `OfxImagePropField`: enum, one value.
    ///
    /// Allowed values: `OfxFieldNone`, `OfxFieldBoth`, `OfxFieldLower`, `OfxFieldUpper`.
    ///
    /// Carried by: Image (written by host).
    str kOfxImagePropField = c"OfxImagePropField";

    /// Property `OfxImageEffectPluginPropFieldRenderTwiceAlways`: bool, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin).
    str kOfxImageEffectPluginPropFieldRenderTwiceAlways = c"OfxImageEffectPluginPropFieldRenderTwiceAlways";

    /// Property `OfxImageClipPropFieldExtraction`: enum, one value.
    ///
    /// Allowed values: `OfxFieldNone`, `OfxFieldLower`, `OfxFieldUpper`, `OfxFieldBoth`, `OfxFieldSingle`, `OfxFieldDoubled`.
    ///
    /// Carried by: ClipDescriptor (written by plugin); ClipInstance (written by host).
    str kOfxImageClipPropFieldExtraction = c"OfxImageClipPropFieldExtraction";

    /// Property `OfxImageEffectPropFieldToRender`: enum, one value.
    ///
    /// Allowed values: `OfxFieldNone`, `OfxFieldBoth`, `OfxFieldLower`, `OfxFieldUpper`.
    ///
    /// Action arguments: OfxImageEffectActionIsIdentity inArgs.
    str kOfxImageEffectPropFieldToRender = c"OfxImageEffectPropFieldToRender";

    /// Property `OfxImageEffectPropRegionOfDefinition`: double, 4 values.
    ///
    /// Action arguments: OfxImageEffectActionGetRegionOfDefinition outArgs.
    str kOfxImageEffectPropRegionOfDefinition = c"OfxImageEffectPropRegionOfDefinition";

    /// Property `OfxImageEffectPropRegionOfInterest`: double, 4 values.
    ///
    /// Action arguments: OfxImageEffectActionGetRegionsOfInterest inArgs.
    str kOfxImageEffectPropRegionOfInterest = c"OfxImageEffectPropRegionOfInterest";

    /// Property `OfxImageEffectPropRenderWindow`: int, 4 values.
    ///
    /// Action arguments: OfxImageEffectActionIsIdentity inArgs.
    str kOfxImageEffectPropRenderWindow = c"OfxImageEffectPropRenderWindow";

    /// Value `OfxFieldNone` of `kOfxImageClipPropFieldOrder`, `kOfxImagePropField`, `kOfxImageClipPropFieldExtraction`, `kOfxImageEffectPropFieldToRender`.
    str kOfxImageFieldNone = c"OfxFieldNone";

    /// Value `OfxFieldLower` of `kOfxImageClipPropFieldOrder`, `kOfxImagePropField`, `kOfxImageClipPropFieldExtraction`, `kOfxImageEffectPropFieldToRender`.
    str kOfxImageFieldLower = c"OfxFieldLower";

    /// Value `OfxFieldUpper` of `kOfxImageClipPropFieldOrder`, `kOfxImagePropField`, `kOfxImageClipPropFieldExtraction`, `kOfxImageEffectPropFieldToRender`.
    str kOfxImageFieldUpper = c"OfxFieldUpper";

    /// Value `OfxFieldBoth` of `kOfxImagePropField`, `kOfxImageClipPropFieldExtraction`, `kOfxImageEffectPropFieldToRender`.
    str kOfxImageFieldBoth = c"OfxFieldBoth";

    /// Value `OfxFieldSingle` of `kOfxImageClipPropFieldExtraction`.
    str kOfxImageFieldSingle = c"OfxFieldSingle";

    /// Value `OfxFieldDoubled` of `kOfxImageClipPropFieldExtraction`.
    str kOfxImageFieldDoubled = c"OfxFieldDoubled";

    /// Property `OfxImageEffectPropBehaviourWhenUnlicensed`: string, one value; what an unlicensed plugin does (continue or fail).
    str kOfxImageEffectPropBehaviourWhenUnlicensed = c"OfxImageEffectPropBehaviourWhenUnlicensed";

    /// Value of `OfxImageEffectPropBehaviourWhenUnlicensed`: keep rendering, with a watermark or similar.
    str kOfxUnlicensedContinue = c"OfxUnlicensedContinue";

    /// Value of `OfxImageEffectPropBehaviourWhenUnlicensed`: fail to render.
    str kOfxUnlicensedFail = c"OfxUnlicensedFail";

    /// Name of the mandatory output clip of every image effect.
    str kOfxImageEffectOutputClipName = c"Output";

    /// Name of the main input clip in the filter, paint and general contexts.
    str kOfxImageEffectSimpleSourceClipName = c"Source";

    /// Name of the clip a transition starts from.
    str kOfxImageEffectTransitionSourceFromClipName = c"SourceFrom";

    /// Name of the clip a transition ends on.
    str kOfxImageEffectTransitionSourceToClipName = c"SourceTo";

    /// Name of the double parameter, from 0 to 1, that drives a transition.
    str kOfxImageEffectTransitionParamName = c"Transition";

    /// Name of the double parameter that gives a retimer the source time to show.
    str kOfxImageEffectRetimerParamName = c"SourceTime";

    /// Name of the image effect suite, to pass to `OfxHost::fetchSuite`.
    str kOfxImageEffectSuite = c"OfxImageEffectSuite";

    /// An image had a depth, component type or layout the receiver cannot handle.
    status kOfxStatErrImageFormat = 1000;
}

//! `ofxCore.h`: the basic types every OpenFX API shares — the host and plugin
//! records, the entry point, status codes, generic actions and properties, and
//! the rectangle, point and range types.

use ::core::ffi::{c_char, c_double, c_int, c_uint, c_void};

handle! {
    /// A set of named, typed properties: the way host and plugin exchange
    /// almost every piece of information.
    OfxPropertySetHandle => OfxPropertySetStruct
}

/// The status every API function and action returns: `kOfxStatOK` or one of
/// the other `kOfxStat*` codes.
pub type OfxStatus = c_int;

/// A time on the host's timeline, in frames.
pub type OfxTime = c_double;

/// The single entry point through which a host sends actions to a plugin.
///
/// `action` names the action, `handle` is the object it applies to (for an
/// image effect, its `OfxImageEffectHandle`), and `inArgs` / `outArgs` carry
/// the action's arguments and results.
pub type OfxPluginEntryPoint = unsafe extern "C" fn(
    action: *const c_char,
    handle: *const c_void,
    inArgs: OfxPropertySetHandle,
    outArgs: OfxPropertySetHandle,
) -> OfxStatus;

/// The signature of `OfxGetNumberOfPlugins`, which a plugin binary exports:
/// how many plugins the binary holds.
pub type OfxGetNumberOfPluginsFn = unsafe extern "C" fn() -> c_int;

/// The signature of `OfxGetPlugin`, which a plugin binary exports: the `nth`
/// plugin record of the binary, or null when `nth` is out of range.
pub type OfxGetPluginFn = unsafe extern "C" fn(nth: c_int) -> *mut OfxPlugin;

/// The signature of `OfxSetHost`, which a plugin binary may export (since
/// OpenFX 1.5): hands the host record to the binary before any plugin is
/// fetched.
pub type OfxSetHostFn = unsafe extern "C" fn(host: *const OfxHost) -> OfxStatus;

structs! {
    header = "ofxCore.h";

    /// What a host gives a plugin: its own description and a way to fetch
    /// suites of functions by name and version.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxHost {
        /// The host's property set, describing the host and its capabilities.
        pub host: OfxPropertySetHandle,
        /// Returns the named suite at the given version, or null when the host
        /// does not provide it.
        pub fetchSuite: Option<
            unsafe extern "C" fn(
                host: OfxPropertySetHandle,
                suiteName: *const c_char,
                suiteVersion: c_int,
            ) -> *const c_void,
        >,
    }

    /// The record a plugin binary publishes for each plugin it contains.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxPlugin {
        /// The API the plugin implements; `kOfxImageEffectPluginApi` for
        /// image effects.
        pub pluginApi: *const c_char,
        /// The version of that API.
        pub apiVersion: c_int,
        /// A unique identifier, in reverse-domain form by convention.
        pub pluginIdentifier: *const c_char,
        /// The plugin's major version; a change means incompatible behaviour.
        pub pluginVersionMajor: c_uint,
        /// The plugin's minor version.
        pub pluginVersionMinor: c_uint,
        /// Receives the host record before the first action.
        pub setHost: Option<unsafe extern "C" fn(host: *mut OfxHost)>,
        /// Receives every action.
        pub mainEntry: Option<OfxPluginEntryPoint>,
    }

    /// An inclusive range of integers.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
    pub struct OfxRangeI {
        /// The lower end.
        pub min: c_int,
        /// The upper end.
        pub max: c_int,
    }

    /// An inclusive range of doubles, such as a frame range.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxRangeD {
        /// The lower end.
        pub min: c_double,
        /// The upper end.
        pub max: c_double,
    }

    /// A point with integer coordinates.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
    pub struct OfxPointI {
        /// The x coordinate.
        pub x: c_int,
        /// The y coordinate.
        pub y: c_int,
    }

    /// A point with double coordinates.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxPointD {
        /// The x coordinate.
        pub x: c_double,
        /// The y coordinate.
        pub y: c_double,
    }

    /// A rectangle with integer coordinates: x1 and y1 are inside it, x2 and y2
    /// are one past its edge.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
    pub struct OfxRectI {
        /// Left edge (inclusive).
        pub x1: c_int,
        /// Bottom edge (inclusive).
        pub y1: c_int,
        /// Right edge (exclusive).
        pub x2: c_int,
        /// Top edge (exclusive).
        pub y2: c_int,
    }

    /// A rectangle with double coordinates, usually in canonical coordinates.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxRectD {
        /// Left edge.
        pub x1: c_double,
        /// Bottom edge.
        pub y1: c_double,
        /// Right edge.
        pub x2: c_double,
        /// Top edge.
        pub y2: c_double,
    }
}

constants! {
    header = "ofxCore.h";

    /// Action `OfxActionLoad`: first action a plugin receives, after the host has given it its `OfxHost`; the plugin fetches suites here.
    str kOfxActionLoad = c"OfxActionLoad";

    /// Action `OfxActionDescribe`: asks the plugin to describe itself on its descriptor property set.
    str kOfxActionDescribe = c"OfxActionDescribe";

    /// Action `OfxActionUnload`: last action a plugin receives before its binary may be unloaded.
    str kOfxActionUnload = c"OfxActionUnload";

    /// Action `OfxActionPurgeCaches`: asks an instance to free whatever memory it has cached.
    str kOfxActionPurgeCaches = c"OfxActionPurgeCaches";

    /// Action `OfxActionSyncPrivateData`: asks an instance to flush private data into its parameters before they are saved.
    str kOfxActionSyncPrivateData = c"OfxActionSyncPrivateData";

    /// Action `OfxActionCreateInstance`: tells the plugin that a new instance has been created.
    str kOfxActionCreateInstance = c"OfxActionCreateInstance";

    /// Action `OfxActionDestroyInstance`: tells the plugin that an instance is about to be destroyed.
    str kOfxActionDestroyInstance = c"OfxActionDestroyInstance";

    /// Action `OfxActionInstanceChanged`: tells an instance that a parameter or clip has changed.
    str kOfxActionInstanceChanged = c"OfxActionInstanceChanged";

    /// Action `OfxActionBeginInstanceChanged`: opens a batch of instance-changed actions.
    str kOfxActionBeginInstanceChanged = c"OfxActionBeginInstanceChanged";

    /// Action `OfxActionEndInstanceChanged`: closes a batch of instance-changed actions.
    str kOfxActionEndInstanceChanged = c"OfxActionEndInstanceChanged";

    /// Action `OfxActionBeginInstanceEdit`: tells an instance that the user has started editing it in the interface.
    str kOfxActionBeginInstanceEdit = c"OfxActionBeginInstanceEdit";

    /// Action `OfxActionEndInstanceEdit`: tells an instance that the user has stopped editing it in the interface.
    str kOfxActionEndInstanceEdit = c"OfxActionEndInstanceEdit";

    /// Property `OfxPropAPIVersion`: int, a variable number of values.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxPropAPIVersion = c"OfxPropAPIVersion";

    /// Property `OfxPropTime`: double, one value.
    ///
    /// Action arguments: OfxActionInstanceChanged inArgs; OfxImageEffectActionGetFramesNeeded inArgs; OfxImageEffectActionGetRegionOfDefinition inArgs; OfxImageEffectActionGetRegionsOfInterest inArgs; OfxImageEffectActionIsIdentity inArgs; OfxImageEffectActionRender inArgs; OfxInteractActionDraw inArgs; OfxInteractActionGainFocus inArgs; OfxInteractActionKeyDown inArgs; OfxInteractActionKeyRepeat inArgs; OfxInteractActionKeyUp inArgs; OfxInteractActionLoseFocus inArgs; OfxInteractActionPenDown inArgs; OfxInteractActionPenMotion inArgs; OfxInteractActionPenUp inArgs.
    str kOfxPropTime = c"OfxPropTime";

    /// Property `OfxPropIsInteractive`: bool, one value.
    ///
    /// Carried by: EffectInstance (written by host).
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs.
    str kOfxPropIsInteractive = c"OfxPropIsInteractive";

    /// Property `OfxPluginPropFilePath`: string, one value.
    ///
    /// Carried by: EffectDescriptor (written by host).
    str kOfxPluginPropFilePath = c"OfxPluginPropFilePath";

    /// Property `OfxPropInstanceData`: pointer, one value.
    ///
    /// Carried by: EffectInstance (written by host); InteractInstance (written by host).
    str kOfxPropInstanceData = c"OfxPropInstanceData";

    /// Property `OfxPropType`: string, one value.
    ///
    /// Carried by: ClipDescriptor (written by plugin); ClipInstance (written by host); EffectDescriptor (written by plugin); EffectInstance (written by host); Image (written by host); ImageEffectHost (written by host); ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    ///
    /// Action arguments: OfxActionInstanceChanged inArgs.
    str kOfxPropType = c"OfxPropType";

    /// Property `OfxPropName`: string, one value.
    ///
    /// Carried by: ClipDescriptor (written by plugin); ClipInstance (written by host); ImageEffectHost (written by host); ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    ///
    /// Action arguments: OfxActionInstanceChanged inArgs.
    str kOfxPropName = c"OfxPropName";

    /// Property `OfxPropVersion`: int, a variable number of values.
    ///
    /// Carried by: EffectDescriptor (written by plugin, optional for hosts); ImageEffectHost (written by host).
    str kOfxPropVersion = c"OfxPropVersion";

    /// Property `OfxPropVersionLabel`: string, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin, optional for hosts); ImageEffectHost (written by host).
    str kOfxPropVersionLabel = c"OfxPropVersionLabel";

    /// Property `OfxPropPluginDescription`: string, one value.
    ///
    /// Carried by: EffectDescriptor (written by plugin, optional for hosts).
    str kOfxPropPluginDescription = c"OfxPropPluginDescription";

    /// Property `OfxPropLabel`: string, one value.
    ///
    /// Carried by: ClipDescriptor (written by plugin); ClipInstance (written by host); EffectDescriptor (written by plugin); ImageEffectHost (written by host); ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxPropLabel = c"OfxPropLabel";

    /// Property `OfxPropIcon`: string, 2 values.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxPropIcon = c"OfxPropIcon";

    /// Property `OfxPropShortLabel`: string, one value.
    ///
    /// Carried by: ClipDescriptor (written by plugin); ClipInstance (written by host); EffectDescriptor (written by plugin); ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxPropShortLabel = c"OfxPropShortLabel";

    /// Property `OfxPropLongLabel`: string, one value.
    ///
    /// Carried by: ClipDescriptor (written by plugin); ClipInstance (written by host); EffectDescriptor (written by plugin); ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxPropLongLabel = c"OfxPropLongLabel";

    /// Property `OfxPropChangeReason`: enum, one value.
    ///
    /// Allowed values: `OfxChangeUserEdited`, `OfxChangePluginEdited`, `OfxChangeTime`.
    ///
    /// Action arguments: OfxActionBeginInstanceChanged inArgs; OfxActionEndInstanceChanged inArgs; OfxActionInstanceChanged inArgs.
    str kOfxPropChangeReason = c"OfxPropChangeReason";

    /// Property `OfxPropEffectInstance`: pointer, one value.
    ///
    /// Carried by: InteractInstance (written by host).
    ///
    /// Action arguments: OfxInteractActionDraw inArgs; OfxInteractActionGainFocus inArgs; OfxInteractActionKeyDown inArgs; OfxInteractActionKeyRepeat inArgs; OfxInteractActionKeyUp inArgs; OfxInteractActionLoseFocus inArgs; OfxInteractActionPenDown inArgs; OfxInteractActionPenMotion inArgs; OfxInteractActionPenUp inArgs.
    str kOfxPropEffectInstance = c"OfxPropEffectInstance";

    /// Property `OfxPropHostOSHandle`: pointer, one value.
    ///
    /// Carried by: ImageEffectHost (written by host, optional for hosts).
    str kOfxPropHostOSHandle = c"OfxPropHostOSHandle";

    /// Change reason `OfxChangeUserEdited`, found in `OfxPropChangeReason`.
    str kOfxChangeUserEdited = c"OfxChangeUserEdited";

    /// Change reason `OfxChangePluginEdited`, found in `OfxPropChangeReason`.
    str kOfxChangePluginEdited = c"OfxChangePluginEdited";

    /// Change reason `OfxChangeTime`, found in `OfxPropChangeReason`.
    str kOfxChangeTime = c"OfxChangeTime";

    /// Largest integer, used as the upper edge of an infinite rectangle or range.
    int kOfxFlagInfiniteMax = 2147483647;

    /// Smallest integer, used as the lower edge of an infinite rectangle or range.
    int kOfxFlagInfiniteMin = -2147483648;

    /// Pixel depth value `OfxBitDepthNone`.
    str kOfxBitDepthNone = c"OfxBitDepthNone";

    /// Pixel depth value `OfxBitDepthByte`.
    str kOfxBitDepthByte = c"OfxBitDepthByte";

    /// Pixel depth value `OfxBitDepthShort`.
    str kOfxBitDepthShort = c"OfxBitDepthShort";

    /// Pixel depth value `OfxBitDepthHalf`.
    str kOfxBitDepthHalf = c"OfxBitDepthHalf";

    /// Pixel depth value `OfxBitDepthFloat`.
    str kOfxBitDepthFloat = c"OfxBitDepthFloat";

    /// The call succeeded.
    status kOfxStatOK = 0;

    /// The call failed; the catch-all error status.
    status kOfxStatFailed = 1;

    /// An unrecoverable error: the host should stop using the plugin.
    status kOfxStatErrFatal = 2;

    /// Something named in the call (an object, property or name) is not known.
    status kOfxStatErrUnknown = 3;

    /// The host lacks a feature that the plugin cannot work without.
    status kOfxStatErrMissingHostFeature = 4;

    /// The requested operation is not supported.
    status kOfxStatErrUnsupported = 5;

    /// Something with that name already exists.
    status kOfxStatErrExists = 6;

    /// A value was in the wrong format.
    status kOfxStatErrFormat = 7;

    /// Memory could not be allocated.
    status kOfxStatErrMemory = 8;

    /// A handle was invalid: null, stale, or of the wrong kind.
    status kOfxStatErrBadHandle = 9;

    /// An index into a multi-dimensional property was out of range.
    status kOfxStatErrBadIndex = 10;

    /// A value was illegal or out of range.
    status kOfxStatErrValue = 11;

    /// A yes answer, for actions and messages that ask a question.
    status kOfxStatReplyYes = 12;

    /// A no answer, for actions and messages that ask a question.
    status kOfxStatReplyNo = 13;

    /// The plugin did not trap the action; the host applies its default behaviour.
    status kOfxStatReplyDefault = 14;

    /// The plugin is not licensed for this host or machine.
    status kOfxStatUnlicensed = 15;
}

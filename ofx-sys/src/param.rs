//! `ofxParam.h`: parameters — their handles, types, properties and the
//! parameter suite that defines them and reads and writes their values.

use ::core::ffi::{c_char, c_int, c_uchar, c_uint};

use crate::core::{OfxPropertySetHandle, OfxRangeD, OfxStatus, OfxTime};

handle! {
    /// One parameter of an effect instance.
    OfxParamHandle => OfxParamStruct
}

handle! {
    /// The set of parameters of an effect descriptor or instance.
    OfxParamSetHandle => OfxParamSetStruct
}

/// The callback a custom parameter may supply to interpolate between two
/// keyframes of its string values. `inArgs` carries the two values, their
/// times and the interpolation amount; the result goes into `outArgs`.
pub type OfxCustomParamInterpFuncV1 = unsafe extern "C" fn(
    instance: OfxParamSetHandle,
    inArgs: OfxPropertySetHandle,
    outArgs: OfxPropertySetHandle,
) -> OfxStatus;

structs! {
    header = "ofxParam.h";

    /// The value of a bytes parameter: a pointer to the data and its length.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxBytes {
        /// The first byte.
        pub data: *const c_uchar,
        /// The number of bytes.
        pub length: usize,
    }

    /// Functions to define parameters, read and write their values and keys,
    /// and group edits for undo.
    ///
    /// The value functions are C-variadic: after the fixed arguments come one
    /// pointer (to read) or value (to write) per dimension of the parameter,
    /// of the C type the parameter's kind implies.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxParameterSuiteV1 {
        /// Defines a parameter of a type and name on a descriptor's parameter set.
        pub paramDefine: Option<unsafe extern "C" fn(paramSet: OfxParamSetHandle, paramType: *const c_char, name: *const c_char, propertySet: *mut OfxPropertySetHandle) -> OfxStatus>,
        /// Gets an instance's parameter by name, and optionally its property set.
        pub paramGetHandle: Option<unsafe extern "C" fn(paramSet: OfxParamSetHandle, name: *const c_char, param: *mut OfxParamHandle, propertySet: *mut OfxPropertySetHandle) -> OfxStatus>,
        /// Gets the property set of a parameter set.
        pub paramSetGetPropertySet: Option<unsafe extern "C" fn(paramSet: OfxParamSetHandle, propHandle: *mut OfxPropertySetHandle) -> OfxStatus>,
        /// Gets the property set of a parameter.
        pub paramGetPropertySet: Option<unsafe extern "C" fn(param: OfxParamHandle, propHandle: *mut OfxPropertySetHandle) -> OfxStatus>,
        /// Reads the value at the current time (variadic: one pointer per dimension).
        pub paramGetValue: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, ...) -> OfxStatus>,
        /// Reads the value at a time (variadic: one pointer per dimension).
        pub paramGetValueAtTime: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, time: OfxTime, ...) -> OfxStatus>,
        /// Reads the derivative at a time (variadic: one pointer per dimension).
        pub paramGetDerivative: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, time: OfxTime, ...) -> OfxStatus>,
        /// Reads the integral between two times (variadic: one pointer per dimension).
        pub paramGetIntegral: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, time1: OfxTime, time2: OfxTime, ...) -> OfxStatus>,
        /// Sets the value (variadic: one value per dimension).
        pub paramSetValue: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, ...) -> OfxStatus>,
        /// Sets a keyframe value at a time (variadic: one value per dimension).
        pub paramSetValueAtTime: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, time: OfxTime, ...) -> OfxStatus>,
        /// Reads how many keyframes a parameter has.
        pub paramGetNumKeys: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, numberOfKeys: *mut c_uint) -> OfxStatus>,
        /// Reads the time of the nth keyframe.
        pub paramGetKeyTime: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, nthKey: c_uint, time: *mut OfxTime) -> OfxStatus>,
        /// Finds the keyframe at, before (direction < 0) or after (direction > 0) a time.
        pub paramGetKeyIndex: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, time: OfxTime, direction: c_int, index: *mut c_int) -> OfxStatus>,
        /// Deletes the keyframe at a time.
        pub paramDeleteKey: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, time: OfxTime) -> OfxStatus>,
        /// Deletes every keyframe of a parameter.
        pub paramDeleteAllKeys: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle) -> OfxStatus>,
        /// Copies the value and keyframes of one parameter to another of the same
        /// type, shifted by an offset and optionally limited to a frame range.
        pub paramCopy: Option<unsafe extern "C" fn(paramTo: OfxParamHandle, paramFrom: OfxParamHandle, dstOffset: OfxTime, frameRange: *const OfxRangeD) -> OfxStatus>,
        /// Opens a block of edits that the host undoes as one step.
        pub paramEditBegin: Option<unsafe extern "C" fn(paramSet: OfxParamSetHandle, name: *const c_char) -> OfxStatus>,
        /// Closes the block of edits opened with `paramEditBegin`.
        pub paramEditEnd: Option<unsafe extern "C" fn(paramSet: OfxParamSetHandle) -> OfxStatus>,
    }
}

constants! {
    header = "ofxParam.h";

    /// Name of the parameter suite, to pass to `OfxHost::fetchSuite`.
    str kOfxParameterSuite = c"OfxParameterSuite";

    /// Value of `OfxPropType` that marks a property set as a parameter.
    str kOfxTypeParameter = c"OfxTypeParameter";

    /// Value of `OfxPropType` that marks a property set as a parameter instance.
    str kOfxTypeParameterInstance = c"OfxTypeParameterInstance";

    /// Parameter type `OfxParamTypeInteger`, to pass to `paramDefine`.
    str kOfxParamTypeInteger = c"OfxParamTypeInteger";

    /// Parameter type `OfxParamTypeDouble`, to pass to `paramDefine`.
    str kOfxParamTypeDouble = c"OfxParamTypeDouble";

    /// Parameter type `OfxParamTypeBoolean`, to pass to `paramDefine`.
    str kOfxParamTypeBoolean = c"OfxParamTypeBoolean";

    /// Parameter type `OfxParamTypeChoice`, to pass to `paramDefine`.
    str kOfxParamTypeChoice = c"OfxParamTypeChoice";

    /// Parameter type `OfxParamTypeStrChoice`, to pass to `paramDefine`.
    str kOfxParamTypeStrChoice = c"OfxParamTypeStrChoice";

    /// Parameter type `OfxParamTypeRGBA`, to pass to `paramDefine`.
    str kOfxParamTypeRGBA = c"OfxParamTypeRGBA";

    /// Parameter type `OfxParamTypeRGB`, to pass to `paramDefine`.
    str kOfxParamTypeRGB = c"OfxParamTypeRGB";

    /// Parameter type `OfxParamTypeDouble2D`, to pass to `paramDefine`.
    str kOfxParamTypeDouble2D = c"OfxParamTypeDouble2D";

    /// Parameter type `OfxParamTypeInteger2D`, to pass to `paramDefine`.
    str kOfxParamTypeInteger2D = c"OfxParamTypeInteger2D";

    /// Parameter type `OfxParamTypeDouble3D`, to pass to `paramDefine`.
    str kOfxParamTypeDouble3D = c"OfxParamTypeDouble3D";

    /// Parameter type `OfxParamTypeInteger3D`, to pass to `paramDefine`.
    str kOfxParamTypeInteger3D = c"OfxParamTypeInteger3D";

    /// Parameter type `OfxParamTypeString`, to pass to `paramDefine`.
    str kOfxParamTypeString = c"OfxParamTypeString";

    /// Parameter type `OfxParamTypeCustom`, to pass to `paramDefine`.
    str kOfxParamTypeCustom = c"OfxParamTypeCustom";

    /// Parameter type `OfxParamTypeBytes`, to pass to `paramDefine`.
    str kOfxParamTypeBytes = c"OfxParamTypeBytes";

    /// Parameter type `OfxParamTypeGroup`, to pass to `paramDefine`.
    str kOfxParamTypeGroup = c"OfxParamTypeGroup";

    /// Parameter type `OfxParamTypePage`, to pass to `paramDefine`.
    str kOfxParamTypePage = c"OfxParamTypePage";

    /// Parameter type `OfxParamTypePushButton`, to pass to `paramDefine`.
    str kOfxParamTypePushButton = c"OfxParamTypePushButton";

    /// Property `OfxParamHostPropSupportsCustomAnimation`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxParamHostPropSupportsCustomAnimation = c"OfxParamHostPropSupportsCustomAnimation";

    /// Property `OfxParamHostPropSupportsStringAnimation`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxParamHostPropSupportsStringAnimation = c"OfxParamHostPropSupportsStringAnimation";

    /// Property `OfxParamHostPropSupportsBooleanAnimation`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxParamHostPropSupportsBooleanAnimation = c"OfxParamHostPropSupportsBooleanAnimation";

    /// Property `OfxParamHostPropSupportsChoiceAnimation`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxParamHostPropSupportsChoiceAnimation = c"OfxParamHostPropSupportsChoiceAnimation";

    /// Property `OfxParamHostPropSupportsCustomInteract`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxParamHostPropSupportsCustomInteract = c"OfxParamHostPropSupportsCustomInteract";

    /// Property `OfxParamHostPropMaxParameters`: int, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxParamHostPropMaxParameters = c"OfxParamHostPropMaxParameters";

    /// Property `OfxParamHostPropMaxPages`: int, one value.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxParamHostPropMaxPages = c"OfxParamHostPropMaxPages";

    /// Property `OfxParamHostPropPageRowColumnCount`: int, 2 values.
    ///
    /// Carried by: ImageEffectHost (written by host).
    str kOfxParamHostPropPageRowColumnCount = c"OfxParamHostPropPageRowColumnCount";

    /// A pseudo-parameter name that leaves a row empty when placed among a page's children.
    str kOfxParamPageSkipRow = c"OfxParamPageSkipRow";

    /// A pseudo-parameter name that leaves a column empty when placed among a page's children.
    str kOfxParamPageSkipColumn = c"OfxParamPageSkipColumn";

    /// Property `OfxParamPropInteractV1`: pointer, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropInteractV1 = c"OfxParamPropInteractV1";

    /// Property `OfxParamPropInteractSize`: double, 2 values.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropInteractSize = c"OfxParamPropInteractSize";

    /// Property `OfxParamPropInteractSizeAspect`: double, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropInteractSizeAspect = c"OfxParamPropInteractSizeAspect";

    /// Property `OfxParamPropInteractMinimumSize`: double, 2 values.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropInteractMinimumSize = c"OfxParamPropInteractMinimumSize";

    /// Property `OfxParamPropInteractPreferedSize`: int, 2 values.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropInteractPreferedSize = c"OfxParamPropInteractPreferedSize";

    /// Property `OfxParamPropType`: string, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropType = c"OfxParamPropType";

    /// Property `OfxParamPropAnimates`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropAnimates = c"OfxParamPropAnimates";

    /// Property `OfxParamPropCanUndo`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropCanUndo = c"OfxParamPropCanUndo";

    /// Property `OfxPropParamSetNeedsSyncing`: bool, one value.
    ///
    /// Carried by: ParameterSet (written by plugin).
    str kOfxPropParamSetNeedsSyncing = c"OfxPropParamSetNeedsSyncing";

    /// Property `OfxParamPropIsAnimating`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by host); ParamsByte (written by host); ParamsChoice (written by host); ParamsCustom (written by host); ParamsDouble2D3D (written by host); ParamsInt2D3D (written by host); ParamsNormalizedSpatial (written by host); ParamsParametric (written by plugin); ParamsParametric (written by host); ParamsStrChoice (written by host); ParamsString (written by host).
    str kOfxParamPropIsAnimating = c"OfxParamPropIsAnimating";

    /// Property `OfxParamPropPluginMayWrite`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropPluginMayWrite = c"OfxParamPropPluginMayWrite";

    /// Property `OfxParamPropPersistant`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropPersistant = c"OfxParamPropPersistant";

    /// Property `OfxParamPropEvaluateOnChange`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropEvaluateOnChange = c"OfxParamPropEvaluateOnChange";

    /// Property `OfxParamPropSecret`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropSecret = c"OfxParamPropSecret";

    /// Property `OfxParamPropScriptName`: string, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropScriptName = c"OfxParamPropScriptName";

    /// Property `OfxParamPropCacheInvalidation`: enum, one value.
    ///
    /// Allowed values: `OfxParamInvalidateValueChange`, `OfxParamInvalidateValueChangeToEnd`, `OfxParamInvalidateAll`.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropCacheInvalidation = c"OfxParamPropCacheInvalidation";

    /// Value `OfxParamInvalidateValueChange` of `kOfxParamPropCacheInvalidation`.
    str kOfxParamInvalidateValueChange = c"OfxParamInvalidateValueChange";

    /// Value `OfxParamInvalidateValueChangeToEnd` of `kOfxParamPropCacheInvalidation`.
    str kOfxParamInvalidateValueChangeToEnd = c"OfxParamInvalidateValueChangeToEnd";

    /// Value `OfxParamInvalidateAll` of `kOfxParamPropCacheInvalidation`.
    str kOfxParamInvalidateAll = c"OfxParamInvalidateAll";

    /// Property `OfxParamPropHint`: string, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropHint = c"OfxParamPropHint";

    /// Property `OfxParamPropDefault`: [int,, a variable number of values.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropDefault = c"OfxParamPropDefault";

    /// Property `OfxParamPropDoubleType`: enum, one value.
    ///
    /// Allowed values: `OfxParamDoubleTypePlain`, `OfxParamDoubleTypeAngle`, `OfxParamDoubleTypeScale`, `OfxParamDoubleTypeTime`, `OfxParamDoubleTypeAbsoluteTime`, `OfxParamDoubleTypeX`, `OfxParamDoubleTypeXAbsolute`, `OfxParamDoubleTypeY`, `OfxParamDoubleTypeYAbsolute`, `OfxParamDoubleTypeXY`, `OfxParamDoubleTypeXYAbsolute`.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsDouble2D3D (written by plugin).
    str kOfxParamPropDoubleType = c"OfxParamPropDoubleType";

    /// Value `OfxParamDoubleTypePlain` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypePlain = c"OfxParamDoubleTypePlain";

    /// Value `OfxParamDoubleTypeScale` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypeScale = c"OfxParamDoubleTypeScale";

    /// Value `OfxParamDoubleTypeAngle` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypeAngle = c"OfxParamDoubleTypeAngle";

    /// Value `OfxParamDoubleTypeTime` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypeTime = c"OfxParamDoubleTypeTime";

    /// Value `OfxParamDoubleTypeAbsoluteTime` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypeAbsoluteTime = c"OfxParamDoubleTypeAbsoluteTime";

    /// Value `OfxParamDoubleTypeX` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypeX = c"OfxParamDoubleTypeX";

    /// Value `OfxParamDoubleTypeY` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypeY = c"OfxParamDoubleTypeY";

    /// Value `OfxParamDoubleTypeXAbsolute` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypeXAbsolute = c"OfxParamDoubleTypeXAbsolute";

    /// Value `OfxParamDoubleTypeYAbsolute` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypeYAbsolute = c"OfxParamDoubleTypeYAbsolute";

    /// Value `OfxParamDoubleTypeXY` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypeXY = c"OfxParamDoubleTypeXY";

    /// Value `OfxParamDoubleTypeXYAbsolute` of `kOfxParamPropDoubleType`.
    str kOfxParamDoubleTypeXYAbsolute = c"OfxParamDoubleTypeXYAbsolute";

    /// Property `OfxParamPropDefaultCoordinateSystem`: enum, one value.
    ///
    /// Allowed values: `OfxParamCoordinatesCanonical`, `OfxParamCoordinatesNormalised`.
    ///
    /// Carried by: ParamsNormalizedSpatial (written by plugin).
    str kOfxParamPropDefaultCoordinateSystem = c"OfxParamPropDefaultCoordinateSystem";

    /// Value `OfxParamCoordinatesCanonical` of `kOfxParamPropDefaultCoordinateSystem`.
    str kOfxParamCoordinatesCanonical = c"OfxParamCoordinatesCanonical";

    /// Value `OfxParamCoordinatesNormalised` of `kOfxParamPropDefaultCoordinateSystem`.
    str kOfxParamCoordinatesNormalised = c"OfxParamCoordinatesNormalised";

    /// Property `OfxParamPropHasHostOverlayHandle`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropHasHostOverlayHandle = c"OfxParamPropHasHostOverlayHandle";

    /// Property `kOfxParamPropUseHostOverlayHandle`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropUseHostOverlayHandle = c"kOfxParamPropUseHostOverlayHandle";

    /// Keyframe interpolation value: hold the value until the next key.
    str kOfxParamInterpTypeConstantStep = c"OfxParamInterpTypeConstantStep";

    /// Keyframe interpolation value: interpolate linearly between keys.
    str kOfxParamInterpTypeLinear = c"OfxParamInterpTypeLinear";

    /// Keyframe interpolation value: interpolate with a smooth curve between keys.
    str kOfxParamInterpTypeSmooth = c"OfxParamInterpTypeSmooth";

    /// Name of the property that gives a keyframe's interpolation type.
    str kOfxParamInterpType = c"OfxParamInterpType";

    /// Property `OfxParamPropShowTimeMarker`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin).
    str kOfxParamPropShowTimeMarker = c"OfxParamPropShowTimeMarker";

    /// Property `OfxPluginPropParamPageOrder`: string, a variable number of values.
    str kOfxPluginPropParamPageOrder = c"OfxPluginPropParamPageOrder";

    /// Property `OfxParamPropPageChild`: string, a variable number of values.
    ///
    /// Carried by: ParamsPage (written by plugin).
    str kOfxParamPropPageChild = c"OfxParamPropPageChild";

    /// Property `OfxParamPropParent`: string, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropParent = c"OfxParamPropParent";

    /// Property `OfxParamPropGroupOpen`: bool, one value.
    ///
    /// Carried by: ParamsGroup (written by plugin).
    str kOfxParamPropGroupOpen = c"OfxParamPropGroupOpen";

    /// Property `OfxParamPropEnabled`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropEnabled = c"OfxParamPropEnabled";

    /// Property `OfxParamPropDataPtr`: pointer, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsChoice (written by plugin); ParamsCustom (written by plugin); ParamsDouble2D3D (written by plugin); ParamsGroup (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsPage (written by plugin); ParamsParametric (written by plugin); ParamsStrChoice (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropDataPtr = c"OfxParamPropDataPtr";

    /// Property `OfxParamPropChoiceOption`: string, a variable number of values.
    ///
    /// Carried by: ParamsChoice (written by plugin); ParamsStrChoice (written by plugin).
    str kOfxParamPropChoiceOption = c"OfxParamPropChoiceOption";

    /// Property `OfxParamPropChoiceOrder`: int, a variable number of values.
    ///
    /// Carried by: ParamsChoice (written by plugin).
    str kOfxParamPropChoiceOrder = c"OfxParamPropChoiceOrder";

    /// Property `OfxParamPropChoiceEnum`: bool, one value.
    ///
    /// Carried by: ParamsStrChoice (written by plugin).
    str kOfxParamPropChoiceEnum = c"OfxParamPropChoiceEnum";

    /// Property `OfxParamHostPropSupportsStrChoiceAnimation`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host, optional for hosts).
    str kOfxParamHostPropSupportsStrChoiceAnimation = c"OfxParamHostPropSupportsStrChoiceAnimation";

    /// Property `OfxParamHostPropSupportsStrChoice`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host, optional for hosts).
    str kOfxParamHostPropSupportsStrChoice = c"OfxParamHostPropSupportsStrChoice";

    /// Property `OfxParamPropMin`: [int,, a variable number of values.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropMin = c"OfxParamPropMin";

    /// Property `OfxParamPropMax`: [int,, a variable number of values.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropMax = c"OfxParamPropMax";

    /// Property `OfxParamPropDisplayMin`: [int,, a variable number of values.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsByte (written by plugin); ParamsDouble2D3D (written by plugin); ParamsInt2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin); ParamsString (written by plugin).
    str kOfxParamPropDisplayMin = c"OfxParamPropDisplayMin";

    /// Property `OfxParamPropDisplayMax`: [int,, a variable number of values.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsDouble2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin).
    str kOfxParamPropDisplayMax = c"OfxParamPropDisplayMax";

    /// Property `OfxParamPropIncrement`: double, one value.
    ///
    /// Carried by: ParamDouble1D (written by plugin); ParamsDouble2D3D (written by plugin); ParamsNormalizedSpatial (written by plugin).
    str kOfxParamPropIncrement = c"OfxParamPropIncrement";

    /// Property `OfxParamPropDigits`: int, one value.
    str kOfxParamPropDigits = c"OfxParamPropDigits";

    /// Property `OfxParamPropDimensionLabel`: string, one value.
    ///
    /// Carried by: ParamsInt2D3D (written by plugin).
    str kOfxParamPropDimensionLabel = c"OfxParamPropDimensionLabel";

    /// Property `OfxParamPropIsAutoKeying`: bool, one value.
    ///
    /// Carried by: ParamDouble1D (written by host); ParamsByte (written by host); ParamsChoice (written by host); ParamsCustom (written by host); ParamsDouble2D3D (written by host); ParamsInt2D3D (written by host); ParamsNormalizedSpatial (written by host); ParamsParametric (written by plugin); ParamsParametric (written by host); ParamsStrChoice (written by host); ParamsString (written by host).
    str kOfxParamPropIsAutoKeying = c"OfxParamPropIsAutoKeying";

    /// Property `OfxParamPropCustomCallbackV1`: pointer, one value.
    ///
    /// Carried by: ParamsCustom (written by plugin).
    str kOfxParamPropCustomInterpCallbackV1 = c"OfxParamPropCustomCallbackV1";

    /// Property `OfxParamPropStringMode`: enum, one value.
    ///
    /// Allowed values: `OfxParamStringIsSingleLine`, `OfxParamStringIsMultiLine`, `OfxParamStringIsFilePath`, `OfxParamStringIsDirectoryPath`, `OfxParamStringIsLabel`, `OfxParamStringIsRichTextFormat`.
    ///
    /// Carried by: ParamsString (written by plugin).
    str kOfxParamPropStringMode = c"OfxParamPropStringMode";

    /// Property `OfxParamPropStringFilePathExists`: bool, one value.
    ///
    /// Carried by: ParamsString (written by plugin).
    str kOfxParamPropStringFilePathExists = c"OfxParamPropStringFilePathExists";

    /// Value `OfxParamStringIsSingleLine` of `kOfxParamPropStringMode`.
    str kOfxParamStringIsSingleLine = c"OfxParamStringIsSingleLine";

    /// Value `OfxParamStringIsMultiLine` of `kOfxParamPropStringMode`.
    str kOfxParamStringIsMultiLine = c"OfxParamStringIsMultiLine";

    /// Value `OfxParamStringIsFilePath` of `kOfxParamPropStringMode`.
    str kOfxParamStringIsFilePath = c"OfxParamStringIsFilePath";

    /// Value `OfxParamStringIsDirectoryPath` of `kOfxParamPropStringMode`.
    str kOfxParamStringIsDirectoryPath = c"OfxParamStringIsDirectoryPath";

    /// Value `OfxParamStringIsLabel` of `kOfxParamPropStringMode`.
    str kOfxParamStringIsLabel = c"OfxParamStringIsLabel";

    /// Value `OfxParamStringIsRichTextFormat` of `kOfxParamPropStringMode`.
    str kOfxParamStringIsRichTextFormat = c"OfxParamStringIsRichTextFormat";

    /// Property `OfxParamPropCustomValue`: string, 2 values.
    ///
    /// Action arguments: CustomParamInterpFunc inArgs; CustomParamInterpFunc outArgs.
    str kOfxParamPropCustomValue = c"OfxParamPropCustomValue";

    /// Property `OfxParamPropInterpolationTime`: double, 2 values.
    ///
    /// Action arguments: CustomParamInterpFunc inArgs; CustomParamInterpFunc outArgs.
    str kOfxParamPropInterpolationTime = c"OfxParamPropInterpolationTime";

    /// Property `OfxParamPropInterpolationAmount`: double, one value.
    ///
    /// Action arguments: CustomParamInterpFunc inArgs.
    str kOfxParamPropInterpolationAmount = c"OfxParamPropInterpolationAmount";
}

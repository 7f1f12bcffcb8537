//! `ofxParametricParam.h`: parametric parameters, whose value is a set of
//! curves edited through control points, and the suite that reads and edits
//! those curves.

use ::core::ffi::{c_double, c_int};

use crate::core::{OfxStatus, OfxTime};
use crate::param::OfxParamHandle;

structs! {
    header = "ofxParametricParam.h";

    /// Functions to evaluate and edit the curves of a parametric parameter.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxParametricParameterSuiteV1 {
        /// Evaluates one curve at a position, at a time.
        pub parametricParamGetValue: Option<unsafe extern "C" fn(param: OfxParamHandle, curveIndex: c_int, time: OfxTime, parametricPosition: c_double, returnValue: *mut c_double) -> OfxStatus>,
        /// Reads how many control points a curve has at a time.
        pub parametricParamGetNControlPoints: Option<unsafe extern "C" fn(param: OfxParamHandle, curveIndex: c_int, time: c_double, returnValue: *mut c_int) -> OfxStatus>,
        /// Reads the position and value of the nth control point of a curve.
        pub parametricParamGetNthControlPoint: Option<unsafe extern "C" fn(param: OfxParamHandle, curveIndex: c_int, time: c_double, nthCtl: c_int, key: *mut c_double, value: *mut c_double) -> OfxStatus>,
        /// Moves the nth control point of a curve, optionally setting a key.
        pub parametricParamSetNthControlPoint: Option<unsafe extern "C" fn(param: OfxParamHandle, curveIndex: c_int, time: c_double, nthCtl: c_int, key: c_double, value: c_double, addAnimationKey: bool) -> OfxStatus>,
        /// Adds a control point to a curve, optionally setting a key.
        pub parametricParamAddControlPoint: Option<unsafe extern "C" fn(param: OfxParamHandle, curveIndex: c_int, time: c_double, key: c_double, value: c_double, addAnimationKey: bool) -> OfxStatus>,
        /// Deletes the nth control point of a curve.
        pub parametricParamDeleteControlPoint: Option<unsafe extern "C" fn(param: OfxParamHandle, curveIndex: c_int, nthCtl: c_int) -> OfxStatus>,
        /// Deletes every control point of a curve.
        pub parametricParamDeleteAllControlPoints: Option<unsafe extern "C" fn(param: OfxParamHandle, curveIndex: c_int) -> OfxStatus>,
    }
}

constants! {
    header = "ofxParametricParam.h";

    /// Name of the parametric parameter suite, to pass to `OfxHost::fetchSuite`.
    str kOfxParametricParameterSuite = c"OfxParametricParameterSuite";

    /// Parameter type `OfxParamTypeParametric`, to pass to `paramDefine`.
    str kOfxParamTypeParametric = c"OfxParamTypeParametric";

    /// Property `OfxParamPropParametricDimension`: int, one value.
    ///
    /// Carried by: ParamsParametric (written by plugin).
    str kOfxParamPropParametricDimension = c"OfxParamPropParametricDimension";

    /// Property `OfxParamPropParametricUIColour`: double, a variable number of values.
    ///
    /// Carried by: ParamsParametric (written by plugin).
    str kOfxParamPropParametricUIColour = c"OfxParamPropParametricUIColour";

    /// Property `OfxParamPropParametricInteractBackground`: pointer, one value.
    ///
    /// Carried by: ParamsParametric (written by plugin).
    str kOfxParamPropParametricInteractBackground = c"OfxParamPropParametricInteractBackground";

    /// Property `OfxParamHostPropSupportsParametricAnimation`: bool, one value.
    ///
    /// Carried by: ImageEffectHost (written by host, optional for hosts).
    str kOfxParamHostPropSupportsParametricAnimation = c"OfxParamHostPropSupportsParametricAnimation";

    /// Property `OfxParamPropParametricRange`: double, 2 values.
    ///
    /// Carried by: ParamsParametric (written by plugin).
    str kOfxParamPropParametricRange = c"OfxParamPropParametricRange";
}

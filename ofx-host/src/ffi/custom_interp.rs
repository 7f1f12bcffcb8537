//! Calling a plugin's custom-parameter interpolation callback
//! (`OfxParamPropCustomCallbackV1`), as a host does between two keys of a
//! custom parameter.

use crate::error::HostError;
use crate::handle::Handle;
use crate::param_sets::ParamInfo;
use crate::props::{Dimension, PropType, PropertySet, Writer};
use crate::state;
use crate::types::ofx_str;

/// Asks the plugin's callback for the value `amount` of the way between
/// the values `from` (at time `times.0`) and `to` (at `times.1`) of custom
/// parameter `param`, at `time`. `param_set` is the instance's parameter
/// set handle, passed through.
pub fn interpolate_custom(
    param_set: usize,
    param: &ParamInfo,
    from: &str,
    to: &str,
    times: (f64, f64),
    time: f64,
    amount: f64,
) -> Result<String, HostError> {
    let callback = param
        .props
        .get_pointer(ofx_str(ofx_sys::kOfxParamPropCustomInterpCallbackV1), 0)
        .ok()
        .filter(|p| *p != 0)
        .ok_or_else(|| {
            HostError::NotFound(format!(
                "parameter '{}' has no interpolation callback",
                param.name
            ))
        })?;
    call_callback(
        callback,
        param_set,
        &param.name,
        (from, to),
        times,
        time,
        amount,
    )
}

/// Calls the interpolation callback at address `callback` (the value of a
/// custom parameter's `OfxParamPropCustomCallbackV1`) for parameter `name`.
pub fn call_callback(
    callback: usize,
    param_set: usize,
    name: &str,
    values: (&str, &str),
    times: (f64, f64),
    time: f64,
    amount: f64,
) -> Result<String, HostError> {
    let (from, to) = values;
    let h = Writer::Host;
    let mut input = PropertySet::empty("inArgs:CustomInterp");
    input.define(
        ofx_str(ofx_sys::kOfxPropType),
        PropType::String,
        Dimension::Fixed(1),
        false,
    );
    input.define(
        ofx_str(ofx_sys::kOfxPropName),
        PropType::String,
        Dimension::Fixed(1),
        false,
    );
    input.define(
        ofx_str(ofx_sys::kOfxPropTime),
        PropType::Double,
        Dimension::Fixed(1),
        false,
    );
    input.define(
        ofx_str(ofx_sys::kOfxParamPropCustomValue),
        PropType::String,
        Dimension::Fixed(2),
        false,
    );
    input.define(
        ofx_str(ofx_sys::kOfxParamPropInterpolationTime),
        PropType::Double,
        Dimension::Fixed(2),
        false,
    );
    input.define(
        ofx_str(ofx_sys::kOfxParamPropInterpolationAmount),
        PropType::Double,
        Dimension::Fixed(1),
        false,
    );
    let set = |r: Result<(), crate::props::PropError>| {
        r.map_err(|e| HostError::Invalid(format!("{e:?}")))
    };
    set(input.set_string(
        ofx_str(ofx_sys::kOfxPropType),
        0,
        ofx_str(ofx_sys::kOfxTypeParameter),
        h,
    ))?;
    set(input.set_string(ofx_str(ofx_sys::kOfxPropName), 0, name, h))?;
    set(input.set_double(ofx_str(ofx_sys::kOfxPropTime), 0, time, h))?;
    set(input.set_string_n(ofx_str(ofx_sys::kOfxParamPropCustomValue), &[from, to], h))?;
    set(input.set_double_n(
        ofx_str(ofx_sys::kOfxParamPropInterpolationTime),
        &[times.0, times.1],
        h,
    ))?;
    set(input.set_double(
        ofx_str(ofx_sys::kOfxParamPropInterpolationAmount),
        0,
        amount,
        h,
    ))?;
    let mut output = PropertySet::empty("outArgs:CustomInterp");
    output.define(
        ofx_str(ofx_sys::kOfxParamPropCustomValue),
        PropType::String,
        Dimension::Fixed(1),
        true,
    );
    let (i, o) = (
        state::add_property_set(input),
        state::add_property_set(output),
    );
    // SAFETY: the plugin stored this pointer in OfxParamPropCustomCallbackV1,
    // whose type the OFX API fixes as OfxCustomParamInterpFuncV1; the
    // property sets are live host handles for the duration of the call.
    let status = unsafe {
        let f: ofx_sys::OfxCustomParamInterpFuncV1 = std::mem::transmute::<usize, _>(callback);
        f(
            param_set as ofx_sys::OfxParamSetHandle,
            i.raw() as ofx_sys::OfxPropertySetHandle,
            o.raw() as ofx_sys::OfxPropertySetHandle,
        )
    };
    let value = state::with_property_set(o, |p| {
        p.get_string(ofx_str(ofx_sys::kOfxParamPropCustomValue), 0)
    });
    let _ = state::remove_property_set(i);
    let _ = state::remove_property_set(Handle::from_raw(o.raw()));
    if status != ofx_sys::kOfxStatOK {
        return Err(HostError::Action {
            action: ofx_str(ofx_sys::kOfxParamPropCustomInterpCallbackV1).into(),
            status,
        });
    }
    value
        .ok()
        .and_then(|v| v.ok())
        .ok_or_else(|| HostError::Invalid("the callback wrote no value".into()))
}

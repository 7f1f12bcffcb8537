//! Calling a plugin's custom-parameter interpolation callback
//! (`OfxParamPropCustomCallbackV1`), as a host does between two keys of a
//! custom parameter.

use crate::error::HostError;
use crate::handle::Handle;
use crate::param_sets::ParamInfo;
use crate::props::{Dimension, PropType, PropertySet, Writer};
use crate::state;

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
        .get_pointer("OfxParamPropCustomCallbackV1", 0)
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
    input.define("OfxPropType", PropType::String, Dimension::Fixed(1), false);
    input.define("OfxPropName", PropType::String, Dimension::Fixed(1), false);
    input.define("OfxPropTime", PropType::Double, Dimension::Fixed(1), false);
    input.define(
        "OfxParamPropCustomValue",
        PropType::String,
        Dimension::Fixed(2),
        false,
    );
    input.define(
        "OfxParamPropInterpolationTime",
        PropType::Double,
        Dimension::Fixed(2),
        false,
    );
    input.define(
        "OfxParamPropInterpolationAmount",
        PropType::Double,
        Dimension::Fixed(1),
        false,
    );
    let set = |r: Result<(), crate::props::PropError>| {
        r.map_err(|e| HostError::Invalid(format!("{e:?}")))
    };
    set(input.set_string("OfxPropType", 0, "OfxTypeParameter", h))?;
    set(input.set_string("OfxPropName", 0, name, h))?;
    set(input.set_double("OfxPropTime", 0, time, h))?;
    set(input.set_string_n("OfxParamPropCustomValue", &[from, to], h))?;
    set(input.set_double_n("OfxParamPropInterpolationTime", &[times.0, times.1], h))?;
    set(input.set_double("OfxParamPropInterpolationAmount", 0, amount, h))?;
    let mut output = PropertySet::empty("outArgs:CustomInterp");
    output.define(
        "OfxParamPropCustomValue",
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
    let value = state::with_property_set(o, |p| p.get_string("OfxParamPropCustomValue", 0));
    let _ = state::remove_property_set(i);
    let _ = state::remove_property_set(Handle::from_raw(o.raw()));
    if status != ofx_sys::kOfxStatOK {
        return Err(HostError::Action {
            action: "OfxParamPropCustomCallbackV1".into(),
            status,
        });
    }
    value
        .ok()
        .and_then(|v| v.ok())
        .ok_or_else(|| HostError::Invalid("the callback wrote no value".into()))
}

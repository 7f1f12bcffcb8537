//! Spatial parameters: double types and normalised defaults declared with
//! `#[param(...)]`, as the host sees them, and the coordinate helpers
//! agreeing with the host's own conversion of normalised defaults.

mod common;

use std::sync::Mutex;

use ofx_host::driver::HostConfig;
use ofx_host::param_values::ParamValue as HostValue;
use ofx_plugin::coords::CoordinateMapping;
use ofx_plugin::geometry::PointD;
use ofx_plugin::param::Double2DParam;
use ofx_plugin::prelude::*;
use ofx_sys::OfxPointD;

#[derive(Params)]
struct Spatial {
    #[param(default = (0.5, 0.25), double_type = XYAbsolute, coordinates = Normalised)]
    centre: Double2DParam,
    #[param(default = (0.1, 0.2), double_type = XY, coordinates = Normalised)]
    size: Double2DParam,
    #[param(default = (3.0, 4.0), double_type = XYAbsolute, coordinates = Canonical)]
    corner: Double2DParam,
}

/// What the plugin computed with the helpers at create-instance.
static MAPPED: Mutex<Vec<PointD>> = Mutex::new(Vec::new());

#[derive(Plugin)]
#[ofx(id = "org.test.coords.Spatial")]
struct SpatialFx;

impl ImageEffect for SpatialFx {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        common::filter_only(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        common::filter_clips(d)?;
        Spatial::define(d)
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        let m = CoordinateMapping::of_instance(i, RenderScale::new(0.5, 0.5))?;
        *MAPPED.lock().unwrap() = vec![
            m.normalised_to_canonical(PointD::new(0.5, 0.25)),
            m.normalised_size_to_canonical(PointD::new(0.1, 0.2)),
            m.normalised_to_pixel(PointD::new(0.5, 0.25)),
        ];
        // The plugin reads canonical values through its typed handles.
        let p = Spatial::fetch(i)?;
        for v in [p.centre.value()?, p.size.value()?, p.corner.value()?] {
            MAPPED.lock().unwrap().push(PointD::new(v[0], v[1]));
        }
        Ok(SpatialFx)
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
}

ofx_plugin::bundle!(SpatialFx);

#[test]
fn normalised_defaults_become_canonical_values_where_the_helpers_put_them() {
    let mut cfg = HostConfig::default();
    cfg.project.offset = OfxPointD { x: 100.0, y: 50.0 };
    cfg.project.extent = OfxPointD {
        x: 1000.0,
        y: 500.0,
    };
    cfg.project.size = OfxPointD {
        x: 1000.0,
        y: 500.0,
    };
    cfg.project.pixel_aspect_ratio = 2.0;
    let s = ofx_host::in_process!(cfg).unwrap();
    let p = s.plugin("org.test.coords.Spatial").unwrap();
    let inst = p.create_instance(ofx_host::Context::Filter).unwrap();
    let v = |n| inst.param_value(n, 0.0).unwrap();
    // Positions move by the offset; sizes only scale; canonical stays.
    assert_eq!(v("centre"), HostValue::Numeric(vec![600.0, 175.0]));
    assert_eq!(v("size"), HostValue::Numeric(vec![100.0, 100.0]));
    assert_eq!(v("corner"), HostValue::Numeric(vec![3.0, 4.0]));
    assert_eq!(
        *MAPPED.lock().unwrap(),
        [
            PointD::new(600.0, 175.0),
            PointD::new(100.0, 100.0),
            // half scale, x over the 2:1 pixel aspect ratio
            PointD::new(150.0, 87.5),
            PointD::new(600.0, 175.0),
            PointD::new(100.0, 100.0),
            PointD::new(3.0, 4.0),
        ]
    );
    let params = inst.params().unwrap();
    let prop = |name: &str, prop: &std::ffi::CStr| {
        let info = params.iter().find(|p| p.name == name).unwrap();
        info.props
            .get_string(prop.to_str().unwrap(), 0)
            .unwrap_or_default()
    };
    assert_eq!(
        prop("centre", ofx_sys::kOfxParamPropDoubleType),
        "OfxParamDoubleTypeXYAbsolute"
    );
    assert_eq!(
        prop("size", ofx_sys::kOfxParamPropDefaultCoordinateSystem),
        "OfxParamCoordinatesNormalised"
    );
    assert_eq!(
        prop("corner", ofx_sys::kOfxParamPropDefaultCoordinateSystem),
        "OfxParamCoordinatesCanonical"
    );
}

//! A bundle of two plugins registered with `#[derive(Plugin)]`, with
//! parameters from `#[derive(Params)]` and `#[derive(ChoiceEnum)]`, exported
//! with `bundle!` and loaded in-process by ofx-host over the C ABI: the
//! records, labels and groupings the host reads, every derived parameter
//! with its type, default, range and options, and the `values_at` snapshot
//! against values the host sets.

use std::sync::Mutex;

use ofx_host::Rect;
use ofx_host::driver::{RenderRequest, Session};
use ofx_host::param_values::{ParamKind as HostKind, ParamValue as HostValue};
use ofx_plugin::param::{
    BooleanParam, ChoiceParam, Double2DParam, DoubleParam, IntParam, RgbaParam, StringParam,
};
use ofx_plugin::prelude::*;

/// The filter of the blur-like plugin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ChoiceEnum)]
enum Filter {
    Gaussian,
    #[choice(label = "Box filter")]
    Box,
    Triangle,
}

/// Nested group of the gain-like plugin.
#[derive(Params)]
struct Advanced {
    #[param(label = "Premultiplied", default = true)]
    premultiplied: BooleanParam,
    #[param(default = 3, range = 0..=10, display = 1..=5)]
    quality: IntParam,
}

#[derive(Params)]
struct GainParams {
    #[page(name = "main", label = "Main")]
    #[param(label = "Gain", hint = "multiplier", default = 1.5, range = 0.0..=8.0,
            display = 0.0..=4.0, increment = 0.1, digits = 3)]
    gain: DoubleParam,
    #[param(name = "channelGains", default = (1.0, 0.5, 0.25, 1.0))]
    channels: RgbaParam,
    #[group(label = "Advanced", open = false)]
    advanced: Advanced,
}

#[derive(Params)]
struct BlurParams {
    #[param(default = (4.0, 2.0), range = 0.0..=100.0)]
    size: Double2DParam,
    #[param(label = "Filter", default = Filter::Box)]
    filter: ChoiceParam<Filter>,
    #[param(default = "note", mode = MultiLine)]
    note: StringParam,
}

/// What the last render saw, as a debug string of its snapshot.
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[derive(Plugin)]
#[ofx(
    id = "org.example.Gain",
    version = "1.2",
    label = "Gain",
    group = "Color"
)]
struct Gain {
    params: GainParams,
}

#[derive(Plugin)]
#[ofx(id = "org.example.Blur", version = "3", label = "Soft Blur")]
struct Blur {
    params: BlurParams,
}

fn describe(d: &mut EffectDescriptor) -> Result<()> {
    d.supported_contexts(&[Context::Generator])?
        .supported_pixel_depths(&[BitDepth::F32])?;
    Ok(())
}

fn output(d: &mut ContextDescriptor) -> Result<()> {
    d.output_clip()?
        .supported_components(&[PixelComponents::Rgba])?;
    Ok(())
}

impl ImageEffect for Gain {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        describe(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        output(d)?;
        GainParams::define(d)
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Gain {
            params: GainParams::fetch(i)?,
        })
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        let v = self.params.values_at(r.time())?;
        SEEN.lock().unwrap().push(format!("{v:?}"));
        Ok(())
    }
}

impl ImageEffect for Blur {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        describe(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        output(d)?;
        BlurParams::define(d)
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Blur {
            params: BlurParams::fetch(i)?,
        })
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        let v = self.params.values_at(r.time())?;
        SEEN.lock().unwrap().push(format!("{v:?}"));
        Ok(())
    }
}

ofx_plugin::bundle!(Gain, Blur);

/// Sessions on this binary are serialised by the host; SEEN is shared too.
static SERIAL: Mutex<()> = Mutex::new(());

fn session() -> Session {
    ofx_host::in_process!().unwrap()
}

fn render_snapshot(inst: &ofx_host::driver::Instance<'_>, time: f64) -> String {
    SEEN.lock().unwrap().clear();
    let w = Rect::new(0, 0, 2, 2);
    inst.render(&RenderRequest::at(time).window(w)).unwrap();
    SEEN.lock().unwrap().pop().unwrap()
}

#[test]
fn records_labels_and_groupings_through_the_host() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    assert_eq!(OfxGetNumberOfPlugins(), 2);
    assert!(OfxGetPlugin(2).is_null() && OfxGetPlugin(-1).is_null());
    let s = session();
    let infos = s.plugins();
    let ids: Vec<(String, u32, u32)> = infos
        .iter()
        .map(|p| (p.id.clone(), p.version_major, p.version_minor))
        .collect();
    assert_eq!(
        ids,
        [
            ("org.example.Gain".to_string(), 1, 2),
            ("org.example.Blur".to_string(), 3, 0)
        ]
    );
    assert!(
        infos
            .iter()
            .all(|p| p.api == "OfxImageEffectPluginAPI" && p.api_version == 1)
    );
    for (id, label, group) in [
        ("org.example.Gain", "Gain", "Color"),
        ("org.example.Blur", "Soft Blur", ""),
    ] {
        let p = s.plugin(id).unwrap();
        let d = p.descriptor();
        assert_eq!(d.get_string("OfxPropLabel", 0).unwrap(), label);
        assert_eq!(
            d.get_string("OfxImageEffectPluginPropGrouping", 0)
                .unwrap_or_default(),
            group
        );
    }
}

#[test]
fn derived_parameters_appear_in_the_host_as_declared() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let s = session();
    let p = s.plugin("org.example.Gain").unwrap();
    let inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    let params = inst.params().unwrap();
    let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "gain",
            "channelGains",
            "advanced",
            "premultiplied",
            "quality",
            "main"
        ]
    );
    let get = |n: &str| params.iter().find(|p| p.name == n).unwrap();
    let gain = get("gain");
    assert_eq!(
        (gain.kind, gain.label.as_str(), gain.hint.as_str()),
        (HostKind::Double, "Gain", "multiplier")
    );
    assert_eq!(gain.default, Some(HostValue::Numeric(vec![1.5])));
    assert_eq!((gain.min.clone(), gain.max.clone()), (vec![0.0], vec![8.0]));
    assert_eq!(
        (gain.display_min.clone(), gain.display_max.clone()),
        (vec![0.0], vec![4.0])
    );
    assert_eq!(gain.props.get_double("OfxParamPropIncrement", 0), Ok(0.1));
    assert_eq!(gain.props.get_int("OfxParamPropDigits", 0), Ok(3));
    assert_eq!(
        get("channelGains").default,
        Some(HostValue::Numeric(vec![1.0, 0.5, 0.25, 1.0]))
    );
    let adv = get("advanced");
    assert_eq!(
        (adv.type_name.as_str(), adv.label.as_str()),
        ("OfxParamTypeGroup", "Advanced")
    );
    assert_eq!(adv.props.get_int("OfxParamPropGroupOpen", 0), Ok(0));
    assert_eq!(get("premultiplied").parent, "advanced");
    assert_eq!(
        get("premultiplied").default,
        Some(HostValue::Numeric(vec![1.0]))
    );
    let q = get("quality");
    assert_eq!(
        (q.parent.as_str(), q.min.clone(), q.max.clone()),
        ("advanced", vec![0.0], vec![10.0])
    );
    assert_eq!(
        (q.display_min.clone(), q.display_max.clone()),
        (vec![1.0], vec![5.0])
    );
    let page = get("main");
    assert_eq!(page.type_name, "OfxParamTypePage");
    assert_eq!(
        page.props.get_string_n("OfxParamPropPageChild").unwrap(),
        ["gain", "channelGains", "advanced"]
    );
    drop(inst);
    drop(p);
    let p = s.plugin("org.example.Blur").unwrap();
    let inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    let params = inst.params().unwrap();
    let get = |n: &str| params.iter().find(|p| p.name == n).unwrap();
    assert_eq!(
        get("filter").options,
        ["Gaussian", "Box filter", "Triangle"]
    );
    assert_eq!(get("filter").default, Some(HostValue::Numeric(vec![1.0])));
    assert_eq!(
        get("size").default,
        Some(HostValue::Numeric(vec![4.0, 2.0]))
    );
    assert_eq!(get("size").max, vec![100.0, 100.0]);
    assert_eq!(
        get("note")
            .props
            .get_string("OfxParamPropStringMode", 0)
            .unwrap(),
        "OfxParamStringIsMultiLine"
    );
}

#[test]
fn values_at_snapshots_what_the_host_set() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let s = session();
    let p = s.plugin("org.example.Gain").unwrap();
    let mut inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    assert_eq!(
        render_snapshot(&inst, 0.0),
        "GainParamsValues { gain: 1.5, channels: [1.0, 0.5, 0.25, 1.0], \
         advanced: AdvancedValues { premultiplied: true, quality: 3 } }"
    );
    inst.set_param_at("gain", Some(0.0), HostValue::Numeric(vec![2.0]))
        .unwrap();
    inst.set_param_at("gain", Some(10.0), HostValue::Numeric(vec![4.0]))
        .unwrap();
    inst.set_param_text("quality", "7").unwrap();
    inst.set_param_text("premultiplied", "false").unwrap();
    assert_eq!(
        render_snapshot(&inst, 5.0),
        "GainParamsValues { gain: 3.0, channels: [1.0, 0.5, 0.25, 1.0], \
         advanced: AdvancedValues { premultiplied: false, quality: 7 } }"
    );
    drop(inst);
    drop(p);
    let p = s.plugin("org.example.Blur").unwrap();
    let mut inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    inst.set_param_text("filter", "Triangle").unwrap();
    inst.set_param_text("size", "1.5,8").unwrap();
    inst.set_param_text("note", "hello").unwrap();
    assert_eq!(
        render_snapshot(&inst, 0.0),
        "BlurParamsValues { size: [1.5, 8.0], filter: Triangle, note: \"hello\" }"
    );
}

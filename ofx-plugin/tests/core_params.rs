//! ofx-plugin's parameter handles through ofx-host over the C ABI: values
//! at times, keys, derivative and integral, values the plugin sets inside an
//! edit block, runtime UI changes, paramCopy, and errors that name the
//! parameter. Defined with the plain-Rust `plugin!` registration.

mod common;

use std::sync::Mutex;

use ofx_host::Changed;
use ofx_host::param_values::ParamValue as HostValue;
use ofx_plugin::param::{ChoiceParam, DoubleParam, IntParam, KeySearch, ParamValue, StringParam};
use ofx_plugin::{
    ChangedKind, Context, ContextDescriptor, EffectDescriptor, ImageEffect, InstanceChangedArgs,
    InstanceContext, Render, Result, Trapped,
};

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn seen(s: String) {
    SEEN.lock().unwrap().push(s);
}

struct Knobs {
    gain: DoubleParam,
    steps: IntParam,
    mode: ChoiceParam,
    note: StringParam,
    echo: DoubleParam,
}

impl ImageEffect for Knobs {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        common::filter_only(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        common::filter_clips(d)?;
        let p = d.params();
        p.define_double("gain")?
            .label("Gain")
            .default(1.0)
            .range(0.0, 100.0);
        p.define_int("steps")?.default(2).range(0, 10);
        p.define_choice("mode")?
            .options(&["a", "b", "c"])
            .default(1);
        p.define_string("note")?.default("hi");
        p.define_double("echo")?.default(0.0);
        p.define_custom("point")?
            .default("0 0")
            .interpolation::<PointLerp>();
        Ok(())
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Knobs {
            gain: i.param("gain")?,
            steps: i.param("steps")?,
            mode: i.param("mode")?,
            note: i.param("note")?,
            echo: i.param("echo")?,
        })
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
    fn clip_preferences(
        &self,
        _: &InstanceContext,
        p: &mut ofx_plugin::ClipPreferencesSetter<'_>,
    ) -> Result<Trapped> {
        // The preference follows a parameter the plugin itself writes.
        if self.echo.value()? > 5.0 {
            p.set_premultiplication(ofx_plugin::Premultiplication::UnPreMultiplied)?;
            return Ok(Trapped::Yes);
        }
        Ok(Trapped::No)
    }
    fn instance_changed(&self, i: &InstanceContext, a: &InstanceChangedArgs) -> Result<Trapped> {
        if a.kind == ChangedKind::Param && a.name == "point" {
            let point: ofx_plugin::param::CustomParam = i.param("point")?;
            seen(format!("point at 2.5: {}", point.value_at(2.5)?));
            return Ok(Trapped::Yes);
        }
        if a.kind != ChangedKind::Param || a.name != "gain" {
            return Ok(Trapped::No);
        }
        let g = &self.gain;
        if g.key_count()? < 2 {
            return Ok(Trapped::Yes);
        }
        seen(format!(
            "gain {} at 5: {}, keys {}, key 1 at {}, before 5: {:?}, after 10: {:?}",
            g.value_at(a.time)?,
            g.value_at(5.0)?,
            g.key_count()?,
            g.key_time(1)?,
            g.key_index(5.0, KeySearch::Before)?,
            g.key_index(10.0, KeySearch::After)?,
        ));
        seen(format!(
            "slope {} area {}",
            g.derivative(5.0)?,
            g.integral(0.0, 10.0)?
        ));
        seen(format!(
            "steps {} mode {} note {:?}",
            self.steps.value()?,
            self.mode.value()?,
            self.note.value()?
        ));
        // Write back: the echo parameter, in one undo step, and the UI.
        let set = i.param_set()?;
        {
            let _block = set.edit_block("echo")?;
            self.echo.set_value(g.value_at(5.0)? * 2.0)?;
            self.steps.set_value(9)?;
        }
        self.steps.set_label("Steps (edited)")?;
        self.steps.set_enabled(false)?;
        // Errors name the parameter.
        let e = i.param::<DoubleParam>("nope").unwrap_err();
        seen(format!("{:?}: {e}", e.kind()));
        let e = i.param::<DoubleParam>("steps").unwrap_err();
        seen(format!("{:?}: {e}", e.kind()));
        Ok(Trapped::Yes)
    }
}

/// Custom values "x y", blended component by component; a value that does
/// not parse panics, which the callback must turn into an error status.
struct PointLerp;

impl ofx_plugin::param::CustomInterpolation for PointLerp {
    fn interpolate(from: &str, to: &str, amount: f64) -> String {
        let parse = |s: &str| -> Vec<f64> { s.split(' ').map(|v| v.parse().unwrap()).collect() };
        let (a, b) = (parse(from), parse(to));
        format!(
            "{} {}",
            a[0] + (b[0] - a[0]) * amount,
            a[1] + (b[1] - a[1]) * amount
        )
    }
}

ofx_plugin::plugin!(Knobs, id = "org.test.core.Knobs", version = "1.0");
ofx_plugin::bundle!(Knobs);

#[test]
fn parameter_handles_read_and_write_through_the_host() {
    let s = ofx_host::in_process!().unwrap();
    let p = s.plugin("org.test.core.Knobs").unwrap();
    let mut inst = p.create_instance(ofx_host::Context::Filter).unwrap();
    inst.set_param_text("steps", "4").unwrap();
    inst.set_param_text("mode", "c").unwrap();
    inst.set_param_text("note", "hello").unwrap();
    SEEN.lock().unwrap().clear();
    inst.set_param_at("gain", Some(0.0), HostValue::Numeric(vec![2.0]))
        .unwrap();
    SEEN.lock().unwrap().clear();
    inst.set_param_at("gain", Some(10.0), HostValue::Numeric(vec![6.0]))
        .unwrap();
    let seen = SEEN.lock().unwrap().clone();
    assert_eq!(
        seen[..3],
        [
            "gain 6 at 5: 4, keys 2, key 1 at 10, before 5: Some(0), after 10: None".to_string(),
            "slope 0.4 area 40".to_string(),
            "steps 4 mode 2 note \"hello\"".to_string(),
        ]
    );
    assert!(
        seen[3].starts_with("Unknown: ") && seen[3].contains("\"nope\""),
        "{}",
        seen[3]
    );
    assert!(
        seen[4].starts_with("Value: ") && seen[4].contains("\"steps\""),
        "{}",
        seen[4]
    );
    // What the plugin wrote, read back by the host.
    assert_eq!(
        inst.param_value("echo", 0.0).unwrap(),
        HostValue::Numeric(vec![8.0])
    );
    assert_eq!(
        inst.param_value("steps", 20.0).unwrap(),
        HostValue::Numeric(vec![9.0])
    );
    assert_eq!(
        inst.param_edit_depth(),
        0,
        "the edit block closed when dropped"
    );
    let steps = inst
        .params()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "steps")
        .unwrap();
    assert_eq!(
        (steps.label.as_str(), steps.enabled),
        ("Steps (edited)", false)
    );
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn custom_parameters_interpolate_through_their_callback() {
    use ofx_host::testing::interpolate_custom;
    let s = ofx_host::in_process!().unwrap();
    let p = s.plugin("org.test.core.Knobs").unwrap();
    let inst = p.create_instance(ofx_host::Context::Filter).unwrap();
    let point = inst
        .params()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "point")
        .unwrap();
    let set = inst.param_set_handle().unwrap();
    let v = interpolate_custom(set, &point, "0 10", "4 20", (0.0, 10.0), 2.5, 0.25).unwrap();
    assert_eq!(v, "1 12.5");
    // The host uses the callback between keys when the plugin reads a value.
    drop(inst);
    let mut inst = p.create_instance(ofx_host::Context::Filter).unwrap();
    let text = |t: &str| HostValue::Text(std::ffi::CString::new(t).unwrap());
    inst.set_param_at("point", Some(0.0), text("0 10")).unwrap();
    SEEN.lock().unwrap().clear();
    inst.set_param_at("point", Some(10.0), text("4 20"))
        .unwrap();
    assert_eq!(SEEN.lock().unwrap().clone(), ["point at 2.5: 1 12.5"]);
    // A panic in the callback is an error status, not a crash.
    let set = inst.param_set_handle().unwrap();
    let e = interpolate_custom(set, &point, "zero", "4 20", (0.0, 10.0), 2.5, 0.25).unwrap_err();
    assert_eq!(e.status(), ofx_sys::kOfxStatFailed, "{e}");
}

#[test]
fn values_the_plugin_writes_refresh_the_hosts_clip_preferences() {
    let s = ofx_host::in_process!().unwrap();
    let p = s.plugin("org.test.core.Knobs").unwrap();
    let mut inst = p.create_instance(ofx_host::Context::Filter).unwrap();
    inst.set_param_at("gain", Some(0.0), HostValue::Numeric(vec![2.0]))
        .unwrap();
    // A key set without telling the plugin, then the host's cached answer.
    let set = ofx_host::testing::Handle::from_raw(inst.param_set_handle().unwrap());
    ofx_host::param_sets::host_set_value(set, "gain", Some(10.0), HostValue::Numeric(vec![6.0]))
        .unwrap();
    let premult =
        |i: &ofx_host::driver::Instance<'_>| i.current_preferences().unwrap().premultiplication;
    assert_eq!(premult(&inst), ofx_host::Premultiplication::PreMultiplied);
    // The plugin writes echo = 8 in instance-changed: its preference changes.
    inst.instance_changed(Changed::Param("gain"), 0.0).unwrap();
    assert_eq!(premult(&inst), ofx_host::Premultiplication::UnPreMultiplied);
}

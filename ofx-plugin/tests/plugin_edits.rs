//! Notifications of a plugin's own parameter writes (`OfxChangePluginEdited`),
//! which ofx-host sends when `HostConfig::notify_plugin_edits` is on, and the
//! loop a plugin that always answers with another write falls into.

mod common;

use std::sync::Mutex;

use ofx_host::driver::{HostConfig, PLUGIN_EDIT_ROUNDS};
use ofx_host::log::ViolationKind;
use ofx_host::param_values::ParamValue as HostValue;
use ofx_plugin::param::{DoubleParam, IntParam, ParamValue};
use ofx_plugin::{
    ChangeReason, Context, ContextDescriptor, EffectDescriptor, ImageEffect, InstanceChangedArgs,
    InstanceContext, Render, Result, Trapped,
};

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
static SERIAL: Mutex<()> = Mutex::new(());

struct Linked {
    a: DoubleParam,
    b: DoubleParam,
    spin: IntParam,
}

impl ImageEffect for Linked {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        common::filter_only(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        common::filter_clips(d)?;
        let p = d.params();
        p.define_double("a")?.default(0.0);
        p.define_double("b")?.default(0.0);
        p.define_int("spin")?.default(0).range(0, 1000);
        Ok(())
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Linked {
            a: i.param("a")?,
            b: i.param("b")?,
            spin: i.param("spin")?,
        })
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
    fn instance_changed(&self, _: &InstanceContext, a: &InstanceChangedArgs) -> Result<Trapped> {
        SEEN.lock()
            .unwrap()
            .push(format!("{} {:?}", a.name, a.reason));
        match (a.name.as_str(), a.reason) {
            // b follows a, and only the user's edits of a.
            ("a", ChangeReason::UserEdited) => self.b.set_value(self.a.value()? * 2.0)?,
            // The classic mistake: answering every change with a write.
            ("spin", _) => self.spin.set_value(self.spin.value()? + 1)?,
            _ => {}
        }
        Ok(Trapped::Yes)
    }
}

ofx_plugin::plugin!(Linked, id = "org.test.core.Linked", version = "1.0");
ofx_plugin::bundle!(Linked);

fn run(notify: bool, param: &str, value: f64) -> (Vec<String>, HostValue, usize) {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let s = ofx_host::in_process!(HostConfig {
        notify_plugin_edits: notify,
        ..HostConfig::default()
    })
    .unwrap();
    let p = s.plugin("org.test.core.Linked").unwrap();
    let mut inst = p.create_instance(ofx_host::Context::Filter).unwrap();
    SEEN.lock().unwrap().clear();
    inst.set_param(param, HostValue::Numeric(vec![value]))
        .unwrap();
    let seen = SEEN.lock().unwrap().clone();
    let b = inst.param_value("b", 0.0).unwrap();
    let loops = s.log().violations_of(ViolationKind::PluginEditLoop).len();
    (seen, b, loops)
}

#[test]
fn a_plugins_own_write_is_announced_to_it_once() {
    let (seen, b, loops) = run(true, "a", 3.0);
    assert_eq!(seen, ["a UserEdited", "b PluginEdited"]);
    assert_eq!(b, HostValue::Numeric(vec![6.0]));
    assert_eq!(loops, 0);
}

#[test]
fn without_notifications_only_the_users_edit_is_sent() {
    let (seen, b, loops) = run(false, "a", 3.0);
    assert_eq!(seen, ["a UserEdited"]);
    assert_eq!(b, HostValue::Numeric(vec![6.0]), "the write itself happens");
    assert_eq!(loops, 0);
}

#[test]
fn a_plugin_that_always_writes_back_is_stopped_and_reported() {
    let (seen, _, loops) = run(true, "spin", 1.0);
    assert_eq!(seen.len(), 1 + PLUGIN_EDIT_ROUNDS, "{seen:?}");
    assert_eq!(seen[0], "spin UserEdited");
    assert!(
        seen[1..].iter().all(|s| s == "spin PluginEdited"),
        "{seen:?}"
    );
    assert_eq!(loops, 1);
}

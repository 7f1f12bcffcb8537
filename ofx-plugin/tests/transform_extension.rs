//! Transform concatenation (`ofx_plugin::extensions`) through ofx-host: a
//! plugin that declares it on a host that does not know the extension
//! fails describe cleanly; on a host that does, the host's get-transform
//! action reaches `ImageEffect::transform`, whose `None` means "render me".

mod common;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use ofx_host::driver::HostConfig;
use ofx_plugin::host::HostInfo;
use ofx_plugin::{
    Context, ContextDescriptor, EffectDescriptor, ImageEffect, InstanceContext, Render, Result,
    TransformArgs, TransformMatrix,
};
use ofx_sys::OfxPointD;

/// Whether the plugin answers with a matrix.
static ANSWER: AtomicBool = AtomicBool::new(true);
/// One session at a time: the plugin's host pointer is process-wide.
static SERIAL: Mutex<()> = Mutex::new(());

struct Shift;

impl ImageEffect for Shift {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        common::filter_only(d)?;
        // Declared whatever the host says: an unknown property on hosts
        // without the extension.
        d.can_transform(true)?;
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        common::filter_clips(d)
    }
    fn create_instance(_: &InstanceContext) -> Result<Self> {
        assert!(HostInfo::get()?.can_transform);
        Ok(Shift)
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
    fn transform(&self, _: &InstanceContext, a: &TransformArgs) -> Result<Option<TransformMatrix>> {
        Ok(ANSWER.load(Ordering::SeqCst).then(|| TransformMatrix {
            clip: "Source".into(),
            matrix: [
                [1.0, 0.0, 3.0 * a.render_scale.x],
                [0.0, 1.0, a.time],
                [0.0, 0.0, 1.0],
            ],
        }))
    }
}

ofx_plugin::plugin!(Shift, id = "org.test.core.Shift", version = "1.0");
ofx_plugin::bundle!(Shift);

#[test]
fn declaring_it_on_a_host_without_the_extension_fails_describe() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let s = ofx_host::in_process!(HostConfig::default()).unwrap();
    let e = s
        .plugin("org.test.core.Shift")
        .err()
        .expect("describe fails");
    assert!(
        matches!(e, ofx_host::error::HostError::Action { .. }),
        "{e}"
    );
}

#[test]
fn the_host_gets_the_matrix_or_a_render_request() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let s = ofx_host::in_process!(HostConfig {
        can_transform: true,
        ..HostConfig::default()
    })
    .unwrap();
    let p = s.plugin("org.test.core.Shift").unwrap();
    let inst = p.create_instance(ofx_host::Context::Filter).unwrap();
    let half = OfxPointD { x: 0.5, y: 0.5 };
    ANSWER.store(true, Ordering::SeqCst);
    let (clip, m) = inst.transform(2.0, half).unwrap().expect("a matrix");
    assert_eq!(clip, "Source");
    assert_eq!(m, [[1.0, 0.0, 1.5], [0.0, 1.0, 2.0], [0.0, 0.0, 1.0]]);
    ANSWER.store(false, Ordering::SeqCst);
    assert_eq!(inst.transform(2.0, half).unwrap(), None);
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

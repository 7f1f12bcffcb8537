//! ofx-plugin's entry points through ofx-host over the C ABI: host memory
//! guards on a host that hands out uninitialised (patterned) image memory,
//! panics and errors turned into statuses and posted messages, and a host
//! without a required suite.

use std::sync::atomic::{AtomicU32, Ordering};

use ofx_host::Rect;
use ofx_host::driver::{HostConfig, RenderRequest, Session};
use ofx_host::error::HostError;
use ofx_host::image::Depth;
use ofx_plugin::memory::{HostMemory, ImageMemory};
use ofx_plugin::prelude::*;
use ofx_sys::{OfxRectI, kOfxStatErrMissingHostFeature, kOfxStatFailed};

/// What render does: 0 probes memory, 1 panics, 2 fails with a message.
static MODE: AtomicU32 = AtomicU32::new(0);

/// Writes 1 into every output component when the memory checks pass, else 0.
#[derive(Plugin)]
#[ofx(id = "org.test.core.Probe", version = "1.0", label = "Probe")]
struct Probe {}

fn memory_checks() -> Result<bool> {
    let mut block = ImageMemory::new(4096)?;
    let zeroed = {
        let mut lock = block.lock()?;
        let zeroed = lock.as_slice().iter().all(|b| *b == 0);
        lock.as_mut_slice().fill(0x5A);
        zeroed
    };
    let kept = block.lock()?.as_slice().iter().all(|b| *b == 0x5A);
    let mut host = HostMemory::new(100)?;
    let host_zeroed = host.as_slice().iter().all(|b| *b == 0);
    host.as_mut_slice()[99] = 7;
    Ok(zeroed && kept && host_zeroed && host.as_slice()[99] == 7)
}

impl ImageEffect for Probe {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Generator])?
            .supported_pixel_depths(&[BitDepth::F32])?;
        Ok(())
    }

    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        d.output_clip()?
            .supported_components(&[PixelComponents::Rgba])?;
        Ok(())
    }

    fn create_instance(_: &InstanceContext) -> Result<Self> {
        Ok(Probe {})
    }

    fn render(&self, r: &Render<'_>) -> Result<()> {
        match MODE.load(Ordering::SeqCst) {
            1 => panic!("probe panics on purpose"),
            2 => return Err(Error::value("probe refuses on purpose")),
            _ => {}
        }
        let ok = memory_checks()?;
        let v = if ok { 1.0f32 } else { 0.0 };
        fill(r, [v; 4])
    }
}

/// Fills the render window of the output with one RGBA float value.
fn fill(r: &Render<'_>, v: [f32; 4]) -> Result<()> {
    let mut out = r.output()?;
    out.view_mut::<Rgba<f32>>()?
        .fill(Rgba::new(v[0], v[1], v[2], v[3]));
    Ok(())
}

/// What Manual read of the host's description.
static HOST_SEEN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Registered by hand, without the derive: `impl Plugin` names it.
struct Manual {}

impl Plugin for Manual {
    const ID: &'static std::ffi::CStr = c"org.test.core.Manual";
    const VERSION_MAJOR: u32 = 2;
    const VERSION_MINOR: u32 = 5;
    const LABEL: Option<&'static str> = Some("Written by hand");
    const GROUP: Option<&'static str> = Some("Tests/Manual");
}

impl ImageEffect for Manual {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        Probe::describe(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, c: Context) -> Result<()> {
        Probe::describe_in_context(d, c)
    }
    fn create_instance(_: &InstanceContext) -> Result<Self> {
        let h = ofx_plugin::HostInfo::get()?;
        HOST_SEEN.lock().unwrap().push(format!(
            "{} {:?} tiles {} multires {} temporal {} depths {:?}",
            h.name,
            h.version,
            h.supports_tiles,
            h.supports_multi_resolution,
            h.temporal_clip_access,
            h.supported_pixel_depths
        ));
        Ok(Manual {})
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        fill(r, [0.25; 4])
    }
}

ofx_plugin::bundle!(Probe, Curves, Manual);

const ID: &str = "org.test.core.Probe";

fn session(cfg: HostConfig) -> Session {
    ofx_host::in_process!(cfg).unwrap()
}

fn window() -> OfxRectI {
    Rect::new(0, 0, 4, 2).into()
}

/// The tests share MODE; run them one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn image_memory_reads_as_zeros_and_keeps_what_was_written() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    MODE.store(0, Ordering::SeqCst);
    let s = session(HostConfig::default());
    let p = s.plugin(ID).unwrap();
    let inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    let out = inst
        .render(&RenderRequest::at(0.0).window(window()))
        .unwrap();
    assert_eq!(
        out.get(3, 1),
        Some([1.0; 4]),
        "a memory check failed in render"
    );
    drop(inst);
    assert!(s.leaks().is_clean(), "{:?}", s.leaks());
}

#[test]
fn panics_and_errors_become_statuses_and_messages() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let s = session(HostConfig::default());
    let p = s.plugin(ID).unwrap();
    let inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    MODE.store(1, Ordering::SeqCst);
    let e = inst
        .render(&RenderRequest::at(0.0).window(window()))
        .unwrap_err();
    assert_eq!(e.status(), kOfxStatFailed, "{e}");
    MODE.store(2, Ordering::SeqCst);
    let e = inst
        .render(&RenderRequest::at(0.0).window(window()))
        .unwrap_err();
    assert_eq!(e.status(), ofx_sys::kOfxStatErrValue, "{e}");
    MODE.store(0, Ordering::SeqCst);
    let texts: Vec<String> = s.log().messages().into_iter().map(|m| m.text).collect();
    assert!(
        texts.iter().any(|t| t.contains(ID)
            && t.contains("panic in OfxImageEffectActionRender")
            && t.contains("probe panics on purpose")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("OfxImageEffectActionRender failed: probe refuses on purpose")),
        "{texts:?}"
    );
    // The instance still renders afterwards.
    let out = inst
        .render(&RenderRequest::at(0.0).window(window()))
        .unwrap();
    assert_eq!(out.get(0, 0), Some([1.0; 4]));
}

#[test]
fn a_missing_required_suite_fails_load_with_missing_host_feature() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    for suite in ["OfxParameterSuite", "OfxMemorySuite", "OfxMultiThreadSuite"] {
        let s = session(HostConfig::default().without_suite(suite, 1));
        match s.plugin(ID) {
            Err(HostError::Action { action, status }) => {
                assert_eq!(action, "OfxActionLoad", "{suite}");
                assert_eq!(status, kOfxStatErrMissingHostFeature, "{suite}");
            }
            Err(e) => panic!("{suite}: {e}"),
            Ok(_) => panic!("{suite}: load succeeded without it"),
        }
    }
    // Optional suites may be missing.
    let s = session(
        HostConfig::default()
            .without_suite("OfxMessageSuite", 1)
            .without_suite("OfxMessageSuite", 2)
            .without_suite("OfxProgressSuite", 1)
            .without_suite("OfxProgressSuite", 2),
    );
    let p = s.plugin(ID).unwrap();
    let inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    MODE.store(0, Ordering::SeqCst);
    assert!(
        inst.render(&RenderRequest::at(0.0).window(window()))
            .is_ok()
    );
}

/// A generator whose output is its curve evaluated at x = 0.25 and 0.75.
#[derive(Plugin)]
#[ofx(id = "org.test.core.Curves", version = "1.0")]
struct Curves {
    curve: ofx_plugin::param::ParametricParam,
}

impl ImageEffect for Curves {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Generator])?
            .supported_pixel_depths(&[BitDepth::F32])?;
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        d.output_clip()?
            .supported_components(&[PixelComponents::Rgba])?;
        d.params()
            .define_parametric("curve")?
            .dimension(2)
            .parametric_range(0.0, 1.0);
        Ok(())
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        let curve: ofx_plugin::param::ParametricParam = i.param("curve")?;
        // The instance starts with a straight line on curve 0 and a flat
        // curve 1.
        curve.clear_control_points(0)?;
        curve.add_control_point(0, 0.0, (0.0, 0.0), false)?;
        curve.add_control_point(0, 0.0, (1.0, 2.0), false)?;
        curve.add_control_point(1, 0.0, (0.5, 0.3), false)?;
        Ok(Curves { curve })
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        let t = r.time();
        let points = self.curve.control_points(0, t)?;
        let v = [
            self.curve.value_at(0, t, 0.25)? as f32,
            self.curve.value_at(0, t, 0.75)? as f32,
            self.curve.value_at(1, t, 0.9)? as f32,
            points.len() as f32,
        ];
        fill(r, v)
    }
}

#[test]
fn parametric_curves_are_read_and_written_through_the_host() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let s = session(HostConfig::default());
    let p = s.plugin("org.test.core.Curves").unwrap();
    let inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    let out = inst
        .render(&RenderRequest::at(0.0).window(window()))
        .unwrap();
    // Linear between (0, 0) and (1, 2); curve 1 is flat at 0.3; 2 points.
    assert_eq!(out.get(1, 1), Some([0.5, 1.5, 0.3, 2.0]));
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn hand_written_registration_works_like_the_derive() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let s = session(HostConfig::default());
    let info = s
        .plugins()
        .into_iter()
        .find(|p| p.id == "org.test.core.Manual")
        .unwrap();
    assert_eq!((info.version_major, info.version_minor), (2, 5));
    let p = s.plugin("org.test.core.Manual").unwrap();
    let d = p.descriptor();
    assert_eq!(d.get_string("OfxPropLabel", 0).unwrap(), "Written by hand");
    assert_eq!(
        d.get_string("OfxImageEffectPluginPropGrouping", 0).unwrap(),
        "Tests/Manual"
    );
    let inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    let out = inst
        .render(&RenderRequest::at(0.0).window(window()))
        .unwrap();
    assert_eq!(out.get(2, 1), Some([0.25; 4]));
}

#[test]
fn the_host_description_follows_the_emulated_host() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let cfg = HostConfig {
        name: "org.example.EmulatedHost".into(),
        version: (3, 1, 4),
        supports_tiles: false,
        temporal_access: false,
        depths: vec![Depth::U8, Depth::F32],
        ..HostConfig::default()
    };
    HOST_SEEN.lock().unwrap().clear();
    let s = session(cfg);
    let p = s.plugin("org.test.core.Manual").unwrap();
    let _inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    assert_eq!(
        HOST_SEEN.lock().unwrap().clone(),
        [
            "org.example.EmulatedHost [3, 1, 4] tiles false multires true temporal false \
          depths [\"OfxBitDepthByte\", \"OfxBitDepthFloat\"]"
        ]
    );
}

//! Host services through the mock host: memory, image memory, threads,
//! mutexes, messages (incl. persistent), progress and timeline.

mod support;

use std::ptr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ofx_plugin::memory::{HostMemory, ImageMemory};
use ofx_plugin::thread::{HostMutex, run};
use ofx_plugin::{
    Context, ContextDescriptor, EffectDescriptor, ImageEffect, InstanceChangedArgs,
    InstanceContext, MessageKind, RenderArgs, Result, Trapped,
};
use ofx_sys as sys;
use support::{Effect, Offer, Props, V};

static SERIAL: Mutex<()> = Mutex::new(());
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Services;

impl ImageEffect for Services {
    fn describe(_d: &mut EffectDescriptor) -> Result<()> {
        Ok(())
    }
    fn describe_in_context(_d: &mut ContextDescriptor, _c: Context) -> Result<()> {
        Ok(())
    }
    fn create_instance(_i: &InstanceContext) -> Result<Self> {
        Ok(Services)
    }
    fn render(&self, _i: &InstanceContext, _a: &RenderArgs) -> Result<()> {
        Ok(())
    }
    fn instance_changed(&self, i: &InstanceContext, a: &InstanceChangedArgs) -> Result<Trapped> {
        let mut log = LOG.lock().unwrap_or_else(|e| e.into_inner());
        match a.name.as_str() {
            "messages" => {
                i.message(MessageKind::Warning, "careful")?;
                i.set_persistent_message(MessageKind::Error, "broken input")?;
                log.push(format!("{:?}", support::PERSISTENT.lock().unwrap().clone()));
                i.clear_persistent_message()?;
                log.push(format!("{:?}", support::PERSISTENT.lock().unwrap().clone()));
            }
            "progress" => {
                let p = i.progress("Working", "work")?;
                log.push(format!("{}", p.update(0.5)?));
                log.push(format!("{}", p.update(0.95)?));
            }
            "timeline" => {
                i.timeline_goto(7.5)?;
                log.push(format!("{} {:?}", i.timeline_time()?, i.timeline_bounds()?));
            }
            "clip" => {
                let c = i.source_clip()?;
                log.push(format!(
                    "{} {} {:?} {:?} {:?} {} {:?} {:?} {:?} {}",
                    c.name(),
                    c.is_connected()?,
                    c.pixel_depth()?,
                    c.components()?,
                    c.premultiplication()?,
                    c.pixel_aspect_ratio()?,
                    c.frame_range()?,
                    c.field_order()?,
                    i.context(),
                    c.frame_rate()?,
                ));
                log.push(format!("{:?}", i.clip("Missing").unwrap_err().kind()));
                log.push(format!(
                    "{} {:?} {}",
                    c.colourspace()?,
                    c.preferred_colourspaces()?,
                    i.display_colourspace()?
                ));
            }
            "fail" => {
                let e = i
                    .set_persistent_message(MessageKind::Error, "x")
                    .unwrap_err();
                log.push(format!("{:?}", e.kind()));
            }
            _ => return Ok(Trapped::No),
        }
        Ok(Trapped::Yes)
    }
}

ofx_plugin::plugin!(Services, id = "org.test.Services", version = (1, 0));
ofx_plugin::bundle!(Services);

fn setup(offer: Offer) -> *mut Effect {
    let host = support::host(offer);
    assert_eq!(OfxSetHost(host), sys::kOfxStatOK);
    // SAFETY: record 0 exists.
    let p = unsafe { &*OfxGetPlugin(0) };
    let null = ptr::null_mut();
    assert_eq!(
        support::call(p, sys::kOfxActionLoad, ptr::null(), null, null),
        sys::kOfxStatOK
    );
    let inst = Effect::new(sys::kOfxImageEffectContextFilter);
    assert_eq!(
        support::call(p, sys::kOfxActionCreateInstance, inst.cast(), null, null),
        sys::kOfxStatOK
    );
    inst
}

fn changed(inst: *mut Effect, name: &str) -> sys::OfxStatus {
    let a = Props::boxed();
    // SAFETY: just allocated.
    let r = unsafe { &*a };
    r.set(
        sys::kOfxPropType,
        vec![V::S(sys::kOfxTypeParameter.to_owned())],
    );
    r.set(
        sys::kOfxPropName,
        vec![V::S(std::ffi::CString::new(name).unwrap())],
    );
    r.set(
        sys::kOfxPropChangeReason,
        vec![V::S(sys::kOfxChangePluginEdited.to_owned())],
    );
    r.set(sys::kOfxPropTime, vec![V::D(0.0)]);
    // SAFETY: record 0 exists.
    let p = unsafe { &*OfxGetPlugin(0) };
    support::call(
        p,
        sys::kOfxActionInstanceChanged,
        inst.cast(),
        a,
        ptr::null_mut(),
    )
}

#[test]
fn messages_progress_and_timeline() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let inst = setup(Offer {
        parameter: true,
        message: true,
    });
    LOG.lock().unwrap_or_else(|e| e.into_inner()).clear();
    support::MESSAGES.lock().unwrap().clear();
    support::PROGRESS.lock().unwrap().clear();
    assert_eq!(changed(inst, "messages"), sys::kOfxStatOK);
    assert_eq!(changed(inst, "progress"), sys::kOfxStatOK);
    assert_eq!(changed(inst, "timeline"), sys::kOfxStatOK);
    assert_eq!(changed(inst, "unknown"), sys::kOfxStatReplyDefault);
    assert_eq!(
        support::MESSAGES.lock().unwrap().clone(),
        vec![("OfxMessageWarning".to_owned(), "careful".to_owned())]
    );
    assert_eq!(
        LOG.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        vec![
            r#"Some(("OfxMessageError", "broken input"))"#.to_owned(),
            "None".to_owned(),
            "true".to_owned(),
            "false".to_owned(),
            "7.5 [1.0, 24.0]".to_owned(),
        ]
    );
    assert_eq!(
        support::PROGRESS.lock().unwrap().clone(),
        vec!["start Working", "update 0.5", "update 0.95", "end"]
    );
}

#[test]
fn clip_properties() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let inst = setup(Offer {
        parameter: true,
        message: true,
    });
    let c = Effect::add_clip(inst, "Source");
    // SAFETY: live box.
    let p = unsafe { &*c.props };
    p.set(sys::kOfxImageClipPropConnected, vec![V::I(1)]);
    p.set(
        sys::kOfxImageEffectPropPixelDepth,
        vec![V::S(sys::kOfxBitDepthHalf.to_owned())],
    );
    p.set(
        sys::kOfxImageEffectPropComponents,
        vec![V::S(sys::kOfxImageComponentAlpha.to_owned())],
    );
    p.set(
        sys::kOfxImageEffectPropPreMultiplication,
        vec![V::S(sys::kOfxImagePreMultiplied.to_owned())],
    );
    p.set(sys::kOfxImagePropPixelAspectRatio, vec![V::D(2.0)]);
    p.set(
        sys::kOfxImageEffectPropFrameRange,
        vec![V::D(5.0), V::D(15.0)],
    );
    p.set(
        sys::kOfxImageClipPropFieldOrder,
        vec![V::S(sys::kOfxImageFieldLower.to_owned())],
    );
    p.set(sys::kOfxImageEffectPropFrameRate, vec![V::D(25.0)]);
    p.set(
        sys::kOfxImageClipPropColourspace,
        vec![V::S(c"ACEScg".to_owned())],
    );
    p.set(
        sys::kOfxImageClipPropPreferredColourspaces,
        vec![V::S(c"srgb".to_owned()), V::S(c"lin".to_owned())],
    );
    Effect::props(inst).set(
        sys::kOfxImageEffectPropDisplayColourspace,
        vec![V::S(c"sRGB display".to_owned())],
    );
    LOG.lock().unwrap_or_else(|e| e.into_inner()).clear();
    assert_eq!(changed(inst, "clip"), sys::kOfxStatOK);
    assert_eq!(
        LOG.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        vec![
            "Source true F16 Alpha PreMultiplied 2 [5.0, 15.0] Lower Filter 25",
            "Unknown",
            r#"ACEScg ["srgb", "lin"] sRGB display"#,
        ]
    );
}

#[test]
fn missing_optional_suites_give_errors_not_crashes() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let inst = setup(Offer {
        parameter: true,
        message: false,
    });
    LOG.lock().unwrap_or_else(|e| e.into_inner()).clear();
    assert_eq!(changed(inst, "fail"), sys::kOfxStatOK);
    assert_eq!(
        LOG.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        vec!["MissingHostFeature"]
    );
    // A service the host lacks surfaces as that error status when returned.
    assert_eq!(
        changed(inst, "timeline"),
        sys::kOfxStatErrMissingHostFeature
    );
}

#[test]
fn memory_image_memory_threads_and_mutex() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    setup(Offer {
        parameter: true,
        message: true,
    });
    let before = support::live_allocs();
    {
        let mut m = HostMemory::new(64).unwrap();
        assert_eq!(support::live_allocs(), before + 1);
        assert!(m.as_slice().iter().all(|&b| b == 0));
        m.as_mut_slice()[63] = 9;
        assert_eq!(m.as_slice()[63], 9);
    }
    assert_eq!(support::live_allocs(), before);
    {
        let mut im = ImageMemory::new(16).unwrap();
        assert_eq!(im.len(), 16);
        {
            let mut l = im.lock().unwrap();
            let floats: &mut [f32] = l.cast_mut().unwrap();
            assert_eq!(floats.len(), 4);
            floats[3] = 1.5;
        }
        let l = im.lock().unwrap();
        assert_eq!(&l.as_slice()[12..16], &1.5f32.to_ne_bytes());
    }
    assert_eq!(
        support::live_allocs(),
        before,
        "image memory freed after unlock"
    );

    let hits = AtomicUsize::new(0);
    assert!(!ofx_plugin::thread::is_spawned_thread());
    assert_eq!(ofx_plugin::thread::thread_index(), None);
    run(4, &|i, n| {
        assert_eq!(n, 4);
        assert!(ofx_plugin::thread::is_spawned_thread());
        assert_eq!(ofx_plugin::thread::thread_index(), Some(i));
        hits.fetch_add(1 << (i * 4), Ordering::SeqCst);
    })
    .unwrap();
    assert_eq!(hits.load(Ordering::SeqCst), 0x1111);

    // A dummy MultiThread suite (fails every call): the fallback still runs.
    *support::DUMMY_THREADS.lock().unwrap() = true;
    let hits = AtomicUsize::new(0);
    run(3, &|_, _| {
        hits.fetch_add(1, Ordering::SeqCst);
    })
    .unwrap();
    *support::DUMMY_THREADS.lock().unwrap() = false;
    assert_eq!(hits.load(Ordering::SeqCst), 3);
    assert!(
        run(2, &|i, _| assert_ne!(i, 1)).is_err(),
        "a panicking thread is an error"
    );

    let m = HostMutex::new().unwrap();
    {
        let _g = m.lock().unwrap();
        assert!(m.try_lock().unwrap().is_none());
    }
    assert!(m.try_lock().unwrap().is_some(), "guard unlocked on drop");
}

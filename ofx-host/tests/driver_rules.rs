//! The rules the host enforces on a plugin, each broken on purpose by the
//! test plugin: clipDefine outside describe-in-context, stale handles,
//! leaked images, unbalanced image-memory locks, images fetched in the wrong
//! action or at another time, render statuses; and the emulated host
//! (properties, missing suites).

mod driver_support;

use std::ffi::c_void;

use driver_support as copy;
use ofx_host::ClipName;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{HostConfig, RenderRequest, Session};
use ofx_host::error::HostError;
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_host::log::{Entry, ViolationKind};
use ofx_host::testing::IMAGE_EFFECT_SUITE_V1;
use ofx_sys::*;

/// The statuses the test plugin recorded under `name`.
fn recorded(name: &str) -> Vec<OfxStatus> {
    copy::RECORD
        .lock()
        .unwrap()
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, s)| *s)
        .collect()
}

fn session(cfg: HostConfig) -> Session {
    Session::in_process(copy::get_plugin, Some(copy::count), None, cfg).expect("session")
}

fn source() -> ImageBuffer {
    let r = Rect::new(0, 0, 8, 4);
    ImageBuffer::from_fn(Layout::packed(r, Depth::U8, Components::Rgba), |x, y| {
        [x as f32 / 8.0, y as f32 / 4.0, 0.5, 1.0]
    })
}

fn suite_statuses(s: &Session, function: &str) -> Vec<OfxStatus> {
    s.log()
        .suite_calls()
        .into_iter()
        .filter(|c| c.function == function)
        .map(|c| c.status)
        .collect()
}

#[test]
fn clip_define_outside_describe_in_context_is_refused() {
    let s = session(HostConfig::default());
    copy::reset(copy::DEFINE_IN_CREATE);
    let p = s.plugin("org.test.copy").unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    assert_eq!(recorded("clipDefine"), [kOfxStatErrUnsupported]);
    let v = s.log().violations_of(ViolationKind::WrongAction);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(
        v[0].detail.contains("Extra") && v[0].detail.contains("OfxActionCreateInstance"),
        "{v:?}"
    );
    // The two clips defined in describe-in-context were accepted.
    assert_eq!(
        suite_statuses(&s, "clipDefine"),
        [kOfxStatOK, kOfxStatOK, kOfxStatErrUnsupported]
    );
    assert_eq!(inst.clip_names(), ["Source", "Output"]);
}

#[test]
fn stale_and_unknown_handles_are_refused() {
    let s = session(HostConfig::default());
    copy::reset(copy::RELEASE_TWICE);
    let p = s.plugin("org.test.copy").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.connect_image(ClipName::SOURCE, source()).unwrap();
    inst.render(&RenderRequest::at(0.0)).unwrap();
    assert_eq!(recorded("second clipReleaseImage"), [kOfxStatErrBadHandle]);
    let clip = inst.clip_raw_handle(ClipName::SOURCE).unwrap();
    let effect = inst.handle();
    drop(inst);
    let mut props: OfxPropertySetHandle = std::ptr::null_mut();
    let mut rod = OfxRectD {
        x1: 0.0,
        y1: 0.0,
        x2: 0.0,
        y2: 0.0,
    };
    let mut mem: OfxImageMemoryHandle = std::ptr::null_mut();
    let mut ptr: *mut c_void = std::ptr::null_mut();
    let fx = &IMAGE_EFFECT_SUITE_V1;
    // SAFETY: the suite functions are called with out pointers to locals;
    // the handles are stale or made up, which is what is being tested.
    let statuses = unsafe {
        [
            fx.getPropertySet.unwrap()(effect as OfxImageEffectHandle, &mut props),
            fx.clipGetPropertySet.unwrap()(clip as OfxImageClipHandle, &mut props),
            fx.clipGetRegionOfDefinition.unwrap()(clip as OfxImageClipHandle, 0.0, &mut rod),
            fx.clipGetImage.unwrap()(
                clip as OfxImageClipHandle,
                0.0,
                std::ptr::null(),
                &mut props,
            ),
            fx.clipReleaseImage.unwrap()(0x1234_5678 as OfxPropertySetHandle),
            fx.getPropertySet.unwrap()(std::ptr::null_mut(), &mut props),
            fx.imageMemoryAlloc.unwrap()(effect as OfxImageEffectHandle, 16, &mut mem),
            fx.imageMemoryLock.unwrap()(0xdead_0007 as OfxImageMemoryHandle, &mut ptr),
            fx.imageMemoryFree.unwrap()(std::ptr::null_mut()),
            // A clip handle where an effect handle is expected.
            fx.getPropertySet.unwrap()(clip as OfxImageEffectHandle, &mut props),
        ]
    };
    assert!(
        statuses.iter().all(|s| *s == kOfxStatErrBadHandle),
        "{statuses:?}"
    );
    assert!(
        mem.is_null() && ptr.is_null(),
        "outputs are nulled on failure"
    );
    // Every call with a stale handle is logged as a violation naming the
    // handle: in the host's own log, as the calls were made outside any
    // action of a session.
    let global = ofx_host::testing::lock().log.clone();
    let logged = global.violations_of(ViolationKind::BadHandle);
    for (handle, calls) in [(clip, 4), (effect, 2), (0x1234_5678, 1), (0xdead_0007, 1)] {
        let name = format!("{handle:#x}");
        assert_eq!(
            logged.iter().filter(|v| v.detail.contains(&name)).count(),
            calls,
            "{name}: {logged:#?}"
        );
    }
}

#[test]
fn a_leaked_image_is_reported_and_reclaimed() {
    let s = session(HostConfig::default());
    copy::reset(copy::LEAK_IMAGE);
    let p = s.plugin("org.test.copy").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.connect_image(ClipName::SOURCE, source()).unwrap();
    let out = inst.render(&RenderRequest::at(0.0).tiles(2, 1, 1)).unwrap();
    out.compare(&source(), out.bounds(), 0.0).unwrap();
    let leaks = s.leaks();
    assert_eq!(leaks.images_leaked, 2, "one source image per tile");
    assert_eq!(leaks.images_fetched, 4);
    assert_eq!(leaks.images_released, 2);
    assert!(!leaks.is_clean());
    let v = s.log().violations_of(ViolationKind::LeakedImage);
    assert_eq!(v.len(), 2);
    assert!(
        v[0].detail.contains("'Source'") && v[0].detail.contains("OfxImageEffectActionRender"),
        "{v:?}"
    );
}

/// A session on `cfg` in which the test plugin has rendered once, running
/// its image-memory exercise (the recorded statuses tell what it saw).
fn memory_exercised(cfg: HostConfig) -> Session {
    let s = session(cfg);
    copy::reset(copy::MEMORY);
    {
        let p = s.plugin("org.test.copy").unwrap();
        let mut inst = p.create_instance(Context::Filter).unwrap();
        inst.connect_image(ClipName::SOURCE, source()).unwrap();
        inst.render(&RenderRequest::at(0.0)).unwrap();
    }
    s
}

#[test]
fn image_memory_locks_nest_and_never_go_negative() {
    let s = memory_exercised(HostConfig::default());
    let one = |n: &str| recorded(n);
    assert_eq!(one("alloc"), [kOfxStatOK]);
    assert_eq!(one("lock1"), [kOfxStatOK]);
    assert_eq!(one("same address when nested"), [1]);
    assert_eq!(one("unlock2"), [kOfxStatOK]);
    // The third unlock has no effect (spec) and is noted.
    assert_eq!(one("unlock3"), [kOfxStatOK]);
    assert_eq!(one("moved after full unlock"), [1]);
    assert_eq!(one("contents kept"), [1]);
    assert_eq!(one("aligned 16"), [1]);
    assert_eq!(one("fresh pattern"), [1]);
    assert_eq!(one("stale pattern"), [1]);
    let ok2 = [kOfxStatOK; 2];
    for call in ["large alloc", "large lock", "large unlock", "large free"] {
        assert_eq!(one(call), ok2, "{call}");
    }
    assert_eq!(one("large pattern"), [1, 1], "fresh and pooled blocks");
    assert_eq!(one("free"), [kOfxStatOK]);
    assert_eq!(one("free again"), [kOfxStatErrBadHandle]);
    assert_eq!(one("lock after free"), [kOfxStatErrBadHandle]);
    // Legal, so a note and no violation.
    let v = s.log().violations_of(ViolationKind::UnbalancedLock);
    assert!(v.is_empty(), "{v:?}");
    let notes: Vec<String> = s
        .log()
        .journal()
        .into_iter()
        .filter_map(|e| match e {
            Entry::Note(n) if n.contains("imageMemoryUnlock") => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("no effect, as the spec says"),
        "{notes:?}"
    );
    let leaks = s.leaks();
    assert_eq!(leaks.unbalanced_unlocks, 1);
    assert_eq!(
        (
            leaks.image_memory_allocs,
            leaks.image_memory_frees,
            leaks.image_memory_live
        ),
        (3, 3, 0)
    );
}

#[test]
fn image_memory_can_be_handed_out_without_the_pattern() {
    // Held to the end: the session keeps other tests from resetting the
    // recorded statuses meanwhile.
    let _s = memory_exercised(HostConfig {
        image_memory_fill: None,
        ..HostConfig::default()
    });
    let one = |n: &str| recorded(n);
    // New blocks read as zeros, pooled ones as their last user left them.
    assert_eq!(one("fresh pattern"), [0]);
    assert_eq!(one("large pattern"), [0, 0]);
    // Everything else behaves as with the pattern.
    assert_eq!(one("contents kept"), [1]);
    assert_eq!(one("stale pattern"), [1]);
    assert_eq!(one("large free"), [kOfxStatOK; 2]);
}

#[test]
fn image_memory_left_at_destroy_is_a_leak() {
    let s = session(HostConfig::default());
    copy::reset(copy::LEAK_MEMORY);
    let p = s.plugin("org.test.copy").unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    assert_eq!(recorded("imageMemoryAlloc"), [kOfxStatOK]);
    assert_eq!(s.leaks().image_memory_live, 1);
    drop(inst);
    assert_eq!(
        s.leaks().image_memory_live,
        0,
        "reclaimed after DestroyInstance"
    );
    assert_eq!(s.log().violations_of(ViolationKind::LeakedMemory).len(), 1);
}

#[test]
fn images_only_in_render_and_user_edited_instance_changed() {
    let s = session(HostConfig::default());
    copy::reset(copy::IMAGE_IN_ROD | copy::IMAGE_IN_CHANGED);
    let p = s.plugin("org.test.copy").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.connect_image(ClipName::SOURCE, source()).unwrap();
    assert_eq!(recorded("clipGetImage in InstanceChanged"), [kOfxStatOK]);
    inst.region_of_definition(0.0, OfxPointD { x: 1.0, y: 1.0 })
        .unwrap();
    assert_eq!(recorded("clipGetImage in RoD"), [kOfxStatFailed]);
    let v = s.log().violations_of(ViolationKind::WrongAction);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(
        v[0].detail
            .contains("OfxImageEffectActionGetRegionOfDefinition")
    );
    assert!(s.leaks().is_clean());
}

#[test]
fn temporal_access_needs_the_host_the_effect_and_the_clip() {
    {
        let s = session(HostConfig::default());
        copy::reset(copy::TEMPORAL);
        let p = s.plugin("org.test.copy").unwrap();
        let mut inst = p.create_instance(Context::Filter).unwrap();
        inst.connect_image(ClipName::SOURCE, source()).unwrap();
        inst.render(&RenderRequest::at(5.0)).unwrap();
        assert_eq!(recorded("temporal clipGetImage"), [kOfxStatOK]);
        assert!(s.log().violations().is_empty());
    }
    for (cfg, mode) in [
        (
            HostConfig {
                temporal_access: false,
                ..HostConfig::default()
            },
            copy::TEMPORAL,
        ),
        (
            HostConfig::default(),
            copy::TEMPORAL | copy::NO_TEMPORAL_FLAG,
        ),
    ] {
        let s = session(cfg);
        copy::reset(mode);
        let p = s.plugin("org.test.copy").unwrap();
        let mut inst = p.create_instance(Context::Filter).unwrap();
        inst.connect_image(ClipName::SOURCE, source()).unwrap();
        inst.render(&RenderRequest::at(5.0)).unwrap();
        assert_eq!(recorded("temporal clipGetImage"), [kOfxStatFailed]);
        assert_eq!(
            s.log().violations_of(ViolationKind::TemporalAccess).len(),
            1
        );
    }
}

#[test]
fn render_must_not_answer_reply_default() {
    let s = session(HostConfig::default());
    copy::reset(copy::RENDER_DEFAULT);
    let p = s.plugin("org.test.copy").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.connect_image(ClipName::SOURCE, source()).unwrap();
    let r = inst.render(&RenderRequest::at(0.0));
    assert!(
        matches!(r, Err(HostError::Action { ref action, status }) if action == "OfxImageEffectActionRender" && status == kOfxStatReplyDefault),
        "{r:?}"
    );
    assert_eq!(s.log().violations_of(ViolationKind::BadStatus).len(), 1);
    // The sequence bracket is closed even when a frame fails.
    assert_eq!(
        s.log()
            .action_statuses("OfxImageEffectActionEndSequenceRender")
            .len(),
        1
    );
}

#[test]
fn the_plain_descriptor_has_a_parameter_set() {
    let s = session(HostConfig::default());
    copy::reset(0);
    let _p = s.plugin("org.test.copy").unwrap();
    assert_eq!(recorded("describe getParamSet"), [kOfxStatOK]);
    assert_eq!(recorded("describe param set non-null"), [1]);
}

#[test]
fn host_properties_follow_the_config() {
    let cfg = HostConfig {
        name: "com.example.host".into(),
        label: "Example".into(),
        version: (3, 2, 1),
        supports_tiles: false,
        multi_resolution: false,
        temporal_access: false,
        depths: vec![Depth::U8, Depth::F32],
        components: vec![Components::Rgba],
        contexts: vec![Context::Filter],
        multiple_clip_depths: false,
        ..HostConfig::default()
    };
    let s = session(cfg);
    let h = s.host_properties();
    assert_eq!(h.get_string("OfxPropName", 0).unwrap(), "com.example.host");
    assert_eq!(h.get_string("OfxPropLabel", 0).unwrap(), "Example");
    assert_eq!(h.get_int_n("OfxPropVersion").unwrap(), [3, 2, 1]);
    assert_eq!(h.get_int_n("OfxPropAPIVersion").unwrap(), [1, 5]);
    assert_eq!(h.get_int("OfxImageEffectPropSupportsTiles", 0), Ok(0));
    assert_eq!(
        h.get_int("OfxImageEffectPropSupportsMultiResolution", 0),
        Ok(0)
    );
    assert_eq!(h.get_int("OfxImageEffectPropTemporalClipAccess", 0), Ok(0));
    assert_eq!(h.get_int("OfxImageEffectPropMultipleClipDepths", 0), Ok(0));
    assert_eq!(
        h.get_string_n("OfxImageEffectPropSupportedPixelDepths")
            .unwrap(),
        ["OfxBitDepthByte", "OfxBitDepthFloat"]
    );
    assert_eq!(
        h.get_string_n("OfxImageEffectPropSupportedComponents")
            .unwrap(),
        ["OfxImageComponentRGBA"]
    );
    assert_eq!(
        h.get_string_n("OfxImageEffectPropSupportedContexts")
            .unwrap(),
        [Context::Filter.ofx_name()]
    );
    assert_eq!(
        h.get_string("OfxPropType", 0).unwrap(),
        "OfxTypeImageEffectHost"
    );
    // CPU rendering only: every GPU API, OpenGL's included, says "false".
    for name in ofx_host::driver::GPU_RENDER_PROPERTIES
        .iter()
        .chain(&["OfxImageEffectPropOpenGLRenderSupported"])
    {
        assert_eq!(h.get_string(name, 0).unwrap(), "false", "{name}");
    }
    // A host without tiles renders the whole RoD whatever window is asked.
    copy::reset(0);
    let p = s.plugin("org.test.copy").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.connect_image(ClipName::SOURCE, source()).unwrap();
    let out = inst
        .render(&RenderRequest::at(0.0).window(Rect::new(1, 1, 3, 3)))
        .unwrap();
    assert_eq!(out.bounds(), Rect::new(0, 0, 8, 4));
    // U8 source on a host without U16: the output stays U8 (RGBA only).
    assert_eq!(out.layout().depth, Depth::U8);
    assert!(
        inst.clip_props(ClipName::SOURCE)
            .unwrap()
            .get_int("OfxImageEffectPropSupportsTiles", 0)
            == Ok(0)
    );
    assert!(matches!(
        p.create_instance(Context::General),
        Err(HostError::Unsupported(_))
    ));
}

#[test]
fn fetch_suite_answers_null_for_missing_suites() {
    let cfg = HostConfig {
        multi_thread: ofx_host::driver::MultiThread::Unsupported,
        ..HostConfig::default()
    }
    .without_suite("OfxProgressSuite", 2);
    let s = session(cfg);
    let host = s.host_properties_handle() as OfxPropertySetHandle;
    // SAFETY: the host's own fetchSuite, with its host handle and C strings.
    let (progress2, progress1, mt) = unsafe {
        (
            ofx_host::testing::fetch_suite(host, c"OfxProgressSuite".as_ptr(), 2),
            ofx_host::testing::fetch_suite(host, c"OfxProgressSuite".as_ptr(), 1),
            ofx_host::testing::fetch_suite(host, c"OfxMultiThreadSuite".as_ptr(), 1)
                as *const OfxMultiThreadSuiteV1,
        )
    };
    assert!(progress2.is_null());
    assert!(!progress1.is_null());
    // SAFETY: a non-null table from fetchSuite; its functions take out
    // pointers to locals, and a null thread function is never called.
    let (run, cpus) = unsafe {
        let mt = &*mt;
        let mut n = 0;
        let run = mt.multiThread.unwrap()(None, 4, std::ptr::null_mut());
        mt.multiThreadNumCPUs.unwrap()(&mut n);
        (run, n)
    };
    assert_eq!(
        (run, cpus),
        (kOfxStatErrUnsupported, 1),
        "the dummy runs nothing"
    );
    // A required suite missing: the plugin refuses to load.
    drop(s);
    let s = session(HostConfig::default().without_suite("OfxImageEffectSuite", 1));
    assert_eq!(
        s.plugin("org.test.copy").err(),
        Some(HostError::Action {
            action: "OfxActionLoad".into(),
            status: kOfxStatErrMissingHostFeature
        })
    );
    assert_eq!(
        s.log().action_statuses("OfxActionLoad"),
        [kOfxStatErrMissingHostFeature]
    );
    assert!(
        s.log().action_statuses("OfxActionUnload").is_empty(),
        "no Unload after a failed Load"
    );
}

#[test]
fn query_actions_give_host_defaults() {
    let s = session(HostConfig::default());
    copy::reset(0);
    let p = s.plugin("org.test.copy").unwrap();
    assert_eq!(p.contexts(), [Context::Filter, Context::General]);
    let ctx = p.describe_in_context(Context::Filter).unwrap();
    let names: Vec<&str> = ctx.clips.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Source", "Output"]);
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.connect_image(ClipName::SOURCE, source()).unwrap();
    let one = OfxPointD { x: 1.0, y: 1.0 };
    let rod = inst.region_of_definition(0.0, one).unwrap();
    assert_eq!((rod.x1, rod.y1, rod.x2, rod.y2), (0.0, 0.0, 8.0, 4.0));
    let roi = OfxRectD {
        x1: 1.0,
        y1: 1.0,
        x2: 3.0,
        y2: 2.0,
    };
    let rois = inst.regions_of_interest(0.0, one, roi).unwrap();
    assert_eq!(rois.len(), 1);
    assert_eq!(rois["Source"].x2, 3.0);
    let frames = inst.frames_needed(7.0).unwrap();
    assert_eq!(frames["Source"][0].min, 7.0);
    assert_eq!(
        inst.is_identity(0.0, one, Rect::new(0, 0, 8, 4)).unwrap(),
        None
    );
    let props = inst.clip_props(ClipName::SOURCE).unwrap();
    assert_eq!(props.get_int("OfxImageClipPropConnected", 0), Ok(1));
    assert_eq!(
        props.get_string("OfxImageEffectPropPixelDepth", 0).unwrap(),
        "OfxBitDepthByte"
    );
}

/// Frames at times 0 to 2 only.
struct FirstFrames(std::sync::Arc<ImageBuffer>);

impl ofx_host::frames::FrameSource for FirstFrames {
    fn frame(&self, time: f64) -> Option<std::sync::Arc<ImageBuffer>> {
        (0.0..=2.0).contains(&time).then(|| self.0.clone())
    }
}

#[test]
fn a_clip_has_an_empty_region_of_definition_where_it_has_no_frame() {
    let s = session(HostConfig::default());
    let p = s.plugin("org.test.copy").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.connect(ClipName::SOURCE, FirstFrames(std::sync::Arc::new(source())))
        .unwrap();
    let clip = inst.clip_raw_handle(ClipName::SOURCE).unwrap();
    let rod_at = |time: f64| {
        let mut rod = OfxRectD {
            x1: -1.0,
            y1: -1.0,
            x2: -1.0,
            y2: -1.0,
        };
        // SAFETY: a live clip handle of this instance and an out pointer to
        // a local.
        let status = unsafe {
            IMAGE_EFFECT_SUITE_V1.clipGetRegionOfDefinition.unwrap()(
                clip as OfxImageClipHandle,
                time,
                &mut rod,
            )
        };
        (status, [rod.x1, rod.y1, rod.x2, rod.y2])
    };
    assert_eq!(rod_at(1.0), (kOfxStatOK, [0.0, 0.0, 8.0, 4.0]));
    // Before the first frame (a frame blend asks there): defined nowhere,
    // not a failure (the spec lists none for this function).
    assert_eq!(rod_at(-3.0), (kOfxStatOK, [0.0; 4]));
}

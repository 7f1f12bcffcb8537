//! Driving an in-process plugin: real pixels through every depth,
//! component type and layout; tiles on threads; the action sequence and
//! its statuses.

mod driver_support;

use driver_support as copy;
use ofx_host::ClipName;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{
    HostConfig, InputBounds, InputLayout, OutputLayout, RenderRequest, Session,
};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout, RowOrder};
use ofx_host::log::Entry;
use ofx_sys::{kOfxStatOK, kOfxStatReplyDefault};

fn session(cfg: HostConfig) -> Session {
    Session::in_process(copy::get_plugin, Some(copy::count), None, cfg).expect("session")
}

/// A pattern whose every pixel differs, exact at every depth once stored.
fn pattern(x: i32, y: i32) -> [f32; 4] {
    let f = |v: i32| ((v.rem_euclid(15)) as f32 + 1.0) / 17.0;
    [f(x), f(y), f(x + 2 * y), f(3 * x - y)]
}

/// A packed RGBA frame of `w` x `h` pixels at the origin, filled with
/// [`pattern`].
fn rgba_frame(w: i32, h: i32, depth: Depth) -> ImageBuffer {
    ImageBuffer::from_fn(
        Layout::packed(Rect::new(0, 0, w, h), depth, Components::Rgba),
        pattern,
    )
}

#[test]
fn pixels_flow_for_every_depth_components_and_layout() {
    let s = session(HostConfig::default());
    copy::reset(0);
    let p = s.plugin("org.test.copy").unwrap();
    let frame = Rect::new(-5, -3, 9, 6);
    // (input layout, output layout): packed at the frame's bounds, padded
    // and top-down (negative row bytes), RoI-sized or explicitly offset.
    let inputs = [
        InputLayout::default(),
        InputLayout {
            padding: 8,
            order: RowOrder::TopDown,
            ..InputLayout::default()
        },
        InputLayout {
            bounds: InputBounds::Fixed(Rect::new(-7, -4, 12, 8).into()),
            padding: 4,
            ..InputLayout::default()
        },
    ];
    let outputs = [
        OutputLayout::default(),
        OutputLayout {
            bounds: Some(Rect::new(-6, -4, 10, 7).into()),
            padding: 12,
            order: RowOrder::TopDown,
            guard_pages: false,
        },
        OutputLayout {
            padding: 4,
            ..OutputLayout::default()
        },
    ];
    let mut renders = 0;
    for depth in [Depth::U8, Depth::U16, Depth::Half, Depth::F32] {
        for comps in [Components::Rgba, Components::Rgb, Components::Alpha] {
            let src = ImageBuffer::from_fn(Layout::packed(frame, depth, comps), pattern);
            for (li, input) in inputs.iter().enumerate() {
                let out_layout = outputs[li];
                let mut inst = p.create_instance(Context::Filter).unwrap();
                inst.connect_with(ClipName::SOURCE, copy_source(&src), *input)
                    .unwrap();
                let prefs = inst.clip_preferences().unwrap();
                assert_eq!(prefs.clips["Output"].depth, depth);
                assert_eq!(prefs.clips["Output"].components, comps);
                let window = Rect::new(-4, -2, 8, 5);
                let out = inst
                    .render(&RenderRequest::at(0.0).window(window).output(out_layout))
                    .unwrap();
                renders += 1;
                assert_eq!(out.layout().depth, depth);
                assert_eq!(out.layout().components, comps);
                assert_eq!(out.bounds(), out_layout.bounds.unwrap_or(window.into()));
                if out_layout.order == RowOrder::TopDown {
                    assert!(out.row_bytes() < 0);
                }
                for y in window.y1..window.y2 {
                    for x in window.x1..window.x2 {
                        assert_eq!(
                            out.get(x, y),
                            src.get(x, y),
                            "{depth:?} {comps:?} layout {li} at ({x},{y})"
                        );
                    }
                }
                out.check_canaries().unwrap();
            }
        }
    }
    assert_eq!(renders, 36);
    let leaks = s.leaks();
    assert!(leaks.is_clean(), "{leaks:?}");
    assert_eq!(leaks.images_fetched, leaks.images_released);
    assert_eq!(leaks.images_fetched, 2 * 36);
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

fn copy_source(src: &ImageBuffer) -> ofx_host::driver::Still {
    ofx_host::driver::Still(std::sync::Arc::new(src.clone()))
}

#[test]
fn tiles_on_two_threads_give_the_same_pixels_as_one_render() {
    let s = session(HostConfig::default());
    copy::reset(copy::SLOW);
    let p = s.plugin("org.test.copy").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    let src = rgba_frame(40, 30, Depth::F32);
    inst.connect_image(ClipName::SOURCE, src.clone()).unwrap();
    let whole = inst.render(&RenderRequest::at(0.0)).unwrap();
    let before = s.log().action_statuses("OfxImageEffectActionRender").len();
    copy::MAX_IN_FLIGHT.store(0, std::sync::atomic::Ordering::SeqCst);
    let tiled = inst.render(&RenderRequest::at(0.0).tiles(3, 2, 2)).unwrap();
    let renders = s.log().action_statuses("OfxImageEffectActionRender");
    assert_eq!(renders.len() - before, 6, "one render action per tile");
    assert!(renders.iter().all(|st| *st == kOfxStatOK));
    assert_eq!(
        copy::MAX_IN_FLIGHT.load(std::sync::atomic::Ordering::SeqCst),
        2,
        "two tiles rendered at once"
    );
    whole.compare(&tiled, Rect::new(0, 0, 40, 30), 0.0).unwrap();
    whole.compare(&src, Rect::new(0, 0, 40, 30), 0.0).unwrap();
    // The render windows the plugin got tile the frame.
    let windows = s
        .log()
        .journal()
        .iter()
        .filter(|e| matches!(e, Entry::ActionBegin { action, .. } if action == "OfxImageEffectActionRender"))
        .count();
    assert_eq!(windows, before + 6);
}

#[test]
fn instance_safe_plugins_get_their_tiles_one_at_a_time() {
    let s = session(HostConfig::default());
    copy::reset(copy::SLOW | copy::INSTANCE_SAFE);
    let p = s.plugin("org.test.copy").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    let src = rgba_frame(20, 10, Depth::U8);
    inst.connect_image(ClipName::SOURCE, src.clone()).unwrap();
    let out = inst.render(&RenderRequest::at(0.0).tiles(2, 2, 2)).unwrap();
    out.compare(&src, Rect::new(0, 0, 20, 10), 0.0).unwrap();
    assert_eq!(
        copy::MAX_IN_FLIGHT.load(std::sync::atomic::Ordering::SeqCst),
        1
    );
    assert!(
        s.log()
            .journal()
            .iter()
            .any(|e| matches!(e, Entry::Note(n) if n.contains("one at a time"))),
        "the host says why"
    );
}

#[test]
fn render_scale_half_gives_half_size_images() {
    let src = rgba_frame(16, 8, Depth::F32);
    {
        let s = session(HostConfig::default());
        copy::reset(0);
        let p = s.plugin("org.test.copy").unwrap();
        let mut inst = p.create_instance(Context::Filter).unwrap();
        inst.connect_image(ClipName::SOURCE, src.clone()).unwrap();
        let out = inst.render(&RenderRequest::at(0.0).scale(0.5)).unwrap();
        assert_eq!(out.bounds(), Rect::new(0, 0, 8, 4));
        for y in 0..4 {
            for x in 0..8 {
                assert_eq!(
                    out.get(x, y),
                    src.get(2 * x + 1, 2 * y + 1),
                    "nearest sample at ({x},{y})"
                );
            }
        }
    }
    let no_multires = session(HostConfig {
        multi_resolution: false,
        ..HostConfig::default()
    });
    let p = no_multires.plugin("org.test.copy").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.connect_image(ClipName::SOURCE, src).unwrap();
    assert!(matches!(
        inst.render(&RenderRequest::at(0.0).scale(0.5)),
        Err(ofx_host::error::HostError::Unsupported(_))
    ));
}

#[test]
fn actions_come_in_spec_order_with_their_statuses() {
    let s = session(HostConfig::default());
    copy::reset(0);
    let log = s.shared_log();
    {
        let p = s.plugin("org.test.copy").unwrap();
        let mut inst = p.create_instance(Context::Filter).unwrap();
        let src = rgba_frame(4, 4, Depth::U8);
        inst.connect_image(ClipName::SOURCE, src).unwrap();
        inst.render_sequence(&[0.0, 1.0], &RenderRequest::default())
            .unwrap();
    }
    let seq: Vec<(String, i32)> = log
        .actions()
        .into_iter()
        .map(|a| {
            (
                a.action
                    .trim_start_matches("OfxImageEffectAction")
                    .trim_start_matches("OfxAction")
                    .to_string(),
                a.status,
            )
        })
        .collect();
    let ok = kOfxStatOK;
    let def = kOfxStatReplyDefault;
    let expected: Vec<(&str, i32)> = vec![
        ("Load", ok),
        ("Describe", ok),
        ("DescribeInContext", ok),
        ("CreateInstance", ok),
        ("BeginInstanceChanged", def),
        ("InstanceChanged", def),
        ("EndInstanceChanged", def),
        ("GetClipPreferences", def),
        ("BeginSequenceRender", def),
        ("GetRegionOfDefinition", def),
        ("GetRegionsOfInterest", def),
        ("Render", ok),
        ("GetRegionOfDefinition", def),
        ("GetRegionsOfInterest", def),
        ("Render", ok),
        ("EndSequenceRender", def),
        ("DestroyInstance", ok),
        ("Unload", def),
    ];
    let got: Vec<(&str, i32)> = seq.iter().map(|(a, s)| (a.as_str(), *s)).collect();
    assert_eq!(got, expected);
    assert!(log.violations().is_empty(), "{:?}", log.violations());
}

#[test]
fn the_log_times_each_action() {
    let s = session(HostConfig::default());
    copy::reset(copy::SLOW);
    let log = s.shared_log();
    let p = s.plugin("org.test.copy").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    let src = rgba_frame(4, 4, Depth::F32);
    inst.connect_image(ClipName::SOURCE, src).unwrap();
    let start = std::time::Instant::now();
    inst.render(&RenderRequest::default()).unwrap();
    let whole = start.elapsed();
    let renders: Vec<_> = log
        .actions()
        .into_iter()
        .filter(|a| a.action == "OfxImageEffectActionRender")
        .collect();
    assert_eq!(renders.len(), 1);
    assert_eq!(
        log.last_action("OfxImageEffectActionRender").as_ref(),
        Some(&renders[0])
    );
    assert_eq!(log.last_action("OfxImageEffectActionIsIdentity"), None);
    // The plugin sleeps 30 ms in render in this mode: the action's time
    // holds the sleep and fits inside the driver call around it.
    let d = renders[0].duration;
    assert!(d >= std::time::Duration::from_millis(30), "{d:?}");
    assert!(d <= whole, "{d:?} > {whole:?}");
    copy::reset(0);
}

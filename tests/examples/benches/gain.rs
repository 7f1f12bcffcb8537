//! Gain through ofx-host's render action, as a ratio to a memcpy of the same
//! frame measured in the same run.
//!
//! `cargo bench -p example-tests --bench gain` builds the examples in release
//! mode, loads the Gain bundle, and renders whole frames of 1920x1080 and
//! 3840x2160 RGBA at f32, u16 and u8 (whole window, one host thread; the
//! plugin spreads rows over rayon's threads). Each figure is the minimum over
//! the runs, interleaved with the memcpy runs so that both see the same
//! machine load.
//!
//! Two times are given: the render action (from the host's call of the
//! plugin's main entry to its return: fetching parameters and images and
//! the pixel loop), and the whole `Instance::render` call, which adds the
//! host's own work around the action (the region calls, allocating and
//! clearing the output image). The ratio is the action's.

use std::sync::Arc;

use example_tests::bench::{Memcpy, min_median, ms, time};
use example_tests::bundles::{self, GAIN, Profile};
use ofx_host::ClipName;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{HostConfig, RenderRequest, Session, Still};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};

const RUNS: usize = 15;

fn main() {
    let path = bundles::bundle(GAIN, Profile::Release);
    let session =
        Session::load_bundle(&path, HostConfig::timing()).expect("loading the Gain bundle");
    let plugin = session.plugin(GAIN.id).expect("describing Gain");
    println!("gain through ofx-host, RGBA, whole frame, minimum of {RUNS} runs");
    println!(
        "{:>10} {:>5} {:>10} {:>8} {:>10} {:>7}",
        "frame", "depth", "action ms", "host ms", "memcpy ms", "ratio"
    );
    for (w, h) in [(1920, 1080), (3840, 2160)] {
        for depth in [Depth::F32, Depth::U16, Depth::U8] {
            let mut instance = plugin
                .create_instance(Context::Filter)
                .expect("creating an instance");
            instance.set_param("gain", 1.5).expect("setting gain");
            let bounds = Rect::new(0, 0, w, h);
            let layout = Layout::packed(bounds, depth, Components::Rgba);
            let frame = ImageBuffer::from_fn(layout, |x, y| {
                let v = ((x ^ y) & 255) as f32 / 300.0;
                [v, 0.5 * v, 0.25 + v, 0.9]
            });
            instance
                .connect(ClipName::SOURCE, Still(Arc::new(frame)))
                .expect("connecting the source");
            let req = RenderRequest::at(0.0).window(bounds);
            let mut memcpy = Memcpy::new(layout.byte_len());
            let mut copies = Vec::new();
            let mut actions = Vec::new();
            let (whole, _) = min_median(RUNS, || {
                copies.push(memcpy.run());
                let t = time(|| {
                    instance.render(&req).expect("rendering");
                });
                let last = session.log().last_action("OfxImageEffectActionRender");
                actions.push(last.map(|a| a.duration).unwrap_or_default());
                t
            });
            let copy = copies.into_iter().min().unwrap_or_default();
            let action = actions.into_iter().min().unwrap_or_default();
            println!(
                "{:>10} {:>5} {:>10.2} {:>8.2} {:>10.2} {:>7.2}",
                format!("{w}x{h}"),
                depth.short_name(),
                ms(action),
                ms(whole),
                ms(copy),
                action.as_secs_f64() / copy.as_secs_f64()
            );
        }
    }
}

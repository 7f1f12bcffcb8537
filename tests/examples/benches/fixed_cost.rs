//! The framework's fixed cost: a 1-pixel render of Gain through the whole
//! stack (the host's render request, the render action round trip, four
//! parameter fetches, two image fetches and releases, the pixel itself).
//!
//! `cargo bench -p example-tests --bench fixed_cost` prints the minimum and
//! median over many renders.

use std::sync::Arc;

use example_tests::bench::{min_median, time};
use example_tests::bundles::{self, GAIN, Profile};
use ofx_host::ClipName;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{HostConfig, RenderRequest, Session, Still};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};

const RUNS: usize = 2000;

fn main() {
    let path = bundles::bundle(GAIN, Profile::Release);
    let session =
        Session::load_bundle(&path, HostConfig::timing()).expect("loading the Gain bundle");
    let plugin = session.plugin(GAIN.id).expect("describing Gain");
    let mut instance = plugin
        .create_instance(Context::Filter)
        .expect("creating an instance");
    instance.set_param("gain", 1.5).expect("setting gain");
    let one = Rect::new(0, 0, 1, 1);
    let frame = ImageBuffer::new(Layout::packed(one, Depth::F32, Components::Rgba));
    instance
        .connect(ClipName::SOURCE, Still(Arc::new(frame)))
        .expect("connecting the source");
    let req = RenderRequest::at(0.0).window(one);
    // Warm up: first fetches, rayon's pool, caches.
    for _ in 0..50 {
        instance.render(&req).expect("rendering");
    }
    let (min, median) = min_median(RUNS, || {
        time(|| {
            instance.render(&req).expect("rendering");
        })
    });
    println!(
        "1-pixel RGBA f32 gain render through ofx-host ({RUNS} runs): min {:.1} us, median {:.1} us",
        min.as_secs_f64() * 1e6,
        median.as_secs_f64() * 1e6
    );
}

//! The blur through ofx-host's render action, as ratios to a `memcpy` of
//! the same frame measured in the same run.
//!
//! `cargo bench -p blur --bench blur_host` (add `-- quick` for fewer
//! repetitions). The plugin is driven over the C ABI by an in-process
//! session: parameters are set as a user would, the source is connected,
//! and each figure is the best wall time of `Instance::render` (the render
//! action plus the host's own work around it: fetching and converting the
//! input, allocating the output) over the repetitions, for one render
//! action of the whole frame issued from a rayon pool of 1 or 2 threads
//! (the plugin's passes run on that pool); "action" is the render action
//! alone (the plugin's main entry, from call to return, as the host's log
//! times it: fetching images, the scratch memory and both passes). A 1x1
//! render gives the fixed cost of the whole stack.
//!
//! The `memcpy` is timed on one thread (the denominator of every ratio) and
//! on two (the frame cut in sixteen pieces), so that each size's line can
//! end with the render action's speedup from one thread to two next to
//! `memcpy`'s own: issue 5 asks the blur to gain at least as much. Each
//! `memcpy` is the best of at least [`MEMCPY_REPS`] runs whatever the
//! blur's repetitions: its first runs after the previous frame's blurs are
//! slow (CHANGELOG.md has the figures), and a slow denominator would
//! flatter every ratio.
//!
//! When the host cannot load the plugin (for example while it lacks a suite
//! ofx-plugin needs), the bench says so and measures nothing.

use std::hint::black_box;
use std::time::Duration;

use common::{Aligned, memcpy, ms, time};
use ofx_host::ClipName;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{HostConfig, RenderRequest, Session};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};

mod common;

const ID: &str = "org.ofx-rs.examples.Blur";

/// The fewest runs a `memcpy` is timed over.
const MEMCPY_REPS: usize = 20;

/// The best time of a `memcpy` of `src` into `dst` on `pool`, on as many
/// threads as the pool has.
fn memcpy_time(pool: &rayon::ThreadPool, reps: usize, src: &[u8], dst: &mut [u8]) -> Duration {
    let threads = pool.current_num_threads();
    pool.install(|| {
        time(reps.max(MEMCPY_REPS), || {
            memcpy(black_box(src), dst, threads)
        })
        .0
    })
}

fn main() {
    let reps = if std::env::args().any(|a| a == "quick") {
        3
    } else {
        7
    };
    // Image memory is handed out as a production host's pool does: without
    // the debugging pattern the test host writes over every fresh block, and
    // without moving a block (a copy) each time it is locked again.
    let config = HostConfig {
        image_memory_fill: None,
        move_unlocked_memory: false,
        ..HostConfig::timing()
    };
    let session = match Session::in_process(
        blur::OfxGetPlugin,
        Some(blur::OfxGetNumberOfPlugins),
        Some(blur::OfxSetHost),
        config,
    ) {
        Ok(s) => s,
        Err(e) => {
            println!("blur through ofx-host: not measurable: {e}");
            return;
        }
    };
    let plugin = match session.plugin(ID) {
        Ok(p) => p,
        Err(e) => {
            println!("blur through ofx-host: not measurable, the host cannot load the plugin: {e}");
            return;
        }
    };
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    let pools = [1, 2].map(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .expect("thread pool")
    });
    fx.set_param("expandRoD", false).expect("expandRoD");
    for (w, h) in [(1920, 1080), (3840, 2160)] {
        for depth in [Depth::F32, Depth::U8] {
            let bounds = Rect::new(0, 0, w, h);
            let frame =
                ImageBuffer::from_fn(Layout::packed(bounds, depth, Components::Rgba), |x, y| {
                    let v = ((x * 7 + y * 13) % 100) as f32 / 100.0;
                    [v, 1.0 - v, 0.5, 1.0]
                });
            let bytes = frame.layout().byte_len();
            let mut copy = Aligned::new(0u8, bytes);
            let src = Aligned::new(1u8, bytes);
            let [mem, mem2] = [0, 1].map(|i| memcpy_time(&pools[i], reps, &src[..], &mut copy));
            let mem_speedup = mem.as_secs_f64() / mem2.as_secs_f64();
            fx.connect_image(ClipName::SOURCE, frame).expect("connect");
            println!(
                "RGBA {depth:?} {w}x{h}: memcpy of the frame {:.3} ms, on 2 threads {:.3} ms ({mem_speedup:.2}x)",
                ms(mem),
                ms(mem2)
            );
            for size in [3.0, 20.0, 60.0] {
                fx.set_param("size", [size, size]).expect("size");
                let mut line = format!("  size {size:2}:");
                let mut actions = [Duration::MAX; 2];
                for ((threads, pool), best_action) in [1, 2].iter().zip(&pools).zip(&mut actions) {
                    // One render action on a thread of a rayon pool of that
                    // many threads: the plugin's passes run on that pool.
                    let req = RenderRequest::at(0.0);
                    let mut action = Duration::MAX;
                    let t = pool.install(|| {
                        time(reps, || {
                            black_box(fx.render(&req).expect("render"));
                            let last = session.log().last_action("OfxImageEffectActionRender");
                            action = action.min(last.map(|a| a.duration).unwrap_or_default());
                        })
                        .0
                    });
                    line += &format!(
                        " {threads} thread(s) {:8.2} ms = {:6.2}x memcpy (action {:6.2}x);",
                        ms(t),
                        t.as_secs_f64() / mem.as_secs_f64(),
                        action.as_secs_f64() / mem.as_secs_f64()
                    );
                    *best_action = action;
                }
                let speedup = actions[0].as_secs_f64() / actions[1].as_secs_f64();
                let verdict = if speedup >= mem_speedup {
                    "at least"
                } else {
                    "below"
                };
                println!(
                    "{line} action speedup {speedup:.2}x, {verdict} memcpy's {mem_speedup:.2}x"
                );
            }
        }
    }
    // The fixed cost: a small frame (the host copies the input frame at
    // each fetch), one pixel rendered.
    let small = Rect::new(0, 0, 64, 48);
    let frame = ImageBuffer::from_fn(
        Layout::packed(small, Depth::F32, Components::Rgba),
        |x, y| [x as f32 / 64.0, y as f32 / 48.0, 0.5, 1.0],
    );
    fx.connect_image(ClipName::SOURCE, frame).expect("connect");
    let one = RenderRequest::at(0.0).window(Rect::new(5, 5, 6, 6));
    let (t, _) = time(20, || {
        black_box(fx.render(&one).expect("render"));
    });
    println!(
        "1-pixel render of a 64x48 frame through the whole stack (size 60): {:.3} ms",
        ms(t)
    );
}

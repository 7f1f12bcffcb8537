//! Speed of the blur kernel, as ratios to a `memcpy` of the same frame
//! measured in the same run.
//!
//! `cargo bench -p blur --bench blur_speed`. Options after `--` narrow or
//! change the run: `quick` (fewer repetitions) or `reps=N`; `1080`, `f32`,
//! `u8`; `detail`; `sigma=X,Y`; `components=1|3` (Alpha or RGB frames
//! instead of RGBA); `filter=box|triple`; `level=avx2|baseline`, which caps
//! the instruction set; `stream=on|off`, which writes the output with or
//! without streaming stores whatever its size; `shift=N`, which starts the
//! output N pixels past a cache line (the buffers otherwise start on lines,
//! as a host's images do). For
//! 1920x1080 and 3840x2160 RGBA frames in `f32` and `u8`,
//! and sizes (Gaussian sigma) 3, 20 and 60, it prints the best time of
//! several runs on 1 and on 2 rayon threads, the ratio to the memcpy of the
//! same frame on as many threads, and each one's 1 -> 2 thread speedup next
//! to memcpy's own. The machine is shared: each figure is the minimum over
//! the repetitions, and the spread (median / minimum) is printed as noise.

use std::hint::black_box;
use std::time::Duration;

use blur::filter::{BlurSpec, Boundary, FilterKind, Plan, blur};
use common::{Aligned, memcpy, ms, time};
use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{Alpha, Component, ImageView, ImageViewMut, Pixel, Rgb, Rgba};
use ofx_plugin::simd::Level;

mod common;

/// Whether the option `name` was given.
fn flag(name: &str) -> bool {
    std::env::args().any(|a| a == name)
}

/// The text after `key=` of the option that gives it, if any.
fn value(key: &str) -> Option<String> {
    std::env::args().find_map(|a| Some(a.strip_prefix(key)?.strip_prefix('=')?.to_owned()))
}

/// The option `key=` parsed, if given and well-formed.
fn parsed<T: std::str::FromStr>(key: &str) -> Option<T> {
    value(key)?.parse().ok()
}

fn run<P: Pixel>(name: &str, w: i32, h: i32, reps: usize, pools: &[rayon::ThreadPool; 2]) {
    let bounds = RectI::new(0, 0, w, h);
    let n = (w * h) as usize;
    let mut src = Aligned::new(P::default(), n);
    for (i, p) in src.iter_mut().enumerate() {
        let v = ((i * 7919) % 1000) as f32 / 1000.0;
        for (c, out) in p.channels_mut().iter_mut().enumerate() {
            *out = P::Component::from_f32([v, 1.0 - v, 0.5, 1.0][c]);
        }
    }
    // `shift=N`: the output starts N pixels past a cache line.
    let shift = parsed("shift").unwrap_or(0);
    let mut dst = Aligned::shifted(P::default(), n, shift);
    let mut copy = Aligned::new(P::default(), n);
    let mem: Vec<(Duration, Duration)> = pools
        .iter()
        .enumerate()
        .map(|(i, p)| p.install(|| time(reps, || memcpy(black_box(&src[..]), &mut copy, i + 1))))
        .collect();
    let mb = (n * size_of::<P>()) as f64 / 1e6;
    println!(
        "{name} {w}x{h} ({mb:.0} MB): memcpy 1 thread {:.3} ms ({:.1} GB/s), 2 threads {:.3} ms, speedup {:.2}x, noise (median/min) {:.2}/{:.2}",
        ms(mem[0].0),
        2.0 * mb / 1e3 / mem[0].0.as_secs_f64(),
        ms(mem[1].0),
        mem[0].0.as_secs_f64() / mem[1].0.as_secs_f64(),
        mem[0].1.as_secs_f64() / mem[0].0.as_secs_f64(),
        mem[1].1.as_secs_f64() / mem[1].0.as_secs_f64(),
    );
    let srcv = ImageView::from_slice(&src[..], bounds, w as isize).unwrap();
    let detail = flag("detail");
    let only: Option<[f64; 2]> = value("sigma").and_then(|v| {
        let (x, y) = v.split_once(',')?;
        Some([x.parse().ok()?, y.parse().ok()?])
    });
    let only = only.map(|s| [s]);
    let stream = match value("stream").as_deref() {
        Some("on") => Some(true),
        Some("off") => Some(false),
        _ => None,
    };
    let filter = match value("filter").as_deref() {
        Some("box") => FilterKind::Box,
        Some("triple") => FilterKind::TripleBox,
        _ => FilterKind::Gaussian,
    };
    let sizes: &[[f64; 2]] = if let Some(only) = &only {
        only
    } else if detail {
        &[[3.0, 3.0], [3.0, 0.0], [0.0, 3.0], [0.0, 0.0]]
    } else {
        &[[3.0, 3.0], [20.0, 20.0], [60.0, 60.0]]
    };
    for &sigma in sizes {
        let spec = BlurSpec {
            filter,
            boundary: Boundary::Black,
            sigma,
        };
        let mut best = [Duration::ZERO; 2];
        let mut noise = [0.0; 2];
        for (i, p) in pools.iter().enumerate() {
            p.install(|| {
                let mut plan = Plan::new(&spec, bounds, bounds, P::COUNT, P::DEPTH);
                if let Some(on) = stream {
                    plan = plan.stream_output(on);
                }
                let mut scratch = Aligned::new(0.0f32, plan.scratch_len());
                let mut d = ImageViewMut::from_slice_mut(&mut dst[..], bounds, w as isize).unwrap();
                let (b, m) = time(reps, || {
                    blur(&plan, &srcv, &mut d, &mut scratch, &|| false).unwrap();
                });
                best[i] = b;
                noise[i] = m.as_secs_f64() / b.as_secs_f64();
            });
        }
        println!(
            "  {filter:?} size {sigma:?}: 1 thread {:7.2} ms = {:5.2}x memcpy; 2 threads {:7.2} ms = {:5.2}x memcpy; speedup {:.2}x (memcpy {:.2}x); noise {:.2}/{:.2}",
            ms(best[0]),
            best[0].as_secs_f64() / mem[0].0.as_secs_f64(),
            ms(best[1]),
            best[1].as_secs_f64() / mem[1].0.as_secs_f64(),
            best[0].as_secs_f64() / best[1].as_secs_f64(),
            mem[0].0.as_secs_f64() / mem[1].0.as_secs_f64(),
            noise[0],
            noise[1],
        );
    }
    black_box(&*dst);
}

fn main() {
    let cap = match value("level").as_deref() {
        Some("avx2") => Level::Avx2,
        Some("baseline") => Level::Baseline,
        _ => Level::Avx512,
    };
    ofx_plugin::simd::limit(cap, || bench(cap));
}

fn bench(cap: Level) {
    println!("instruction set: {:?}", ofx_plugin::simd::level().min(cap));
    let reps = parsed("reps").unwrap_or(if flag("quick") { 3 } else { 9 });
    let pools = [1, 2].map(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .expect("thread pool")
    });
    let small = flag("1080");
    let f32_only = flag("f32");
    let u8_only = flag("u8");
    for (w, h) in [(1920, 1080), (3840, 2160)] {
        if small && w > 1920 {
            continue;
        }
        let components = parsed("components").unwrap_or(4);
        match components {
            1 => frame::<Alpha<f32>, Alpha<u8>>("Alpha", w, h, reps, &pools, u8_only, f32_only),
            3 => frame::<Rgb<f32>, Rgb<u8>>("RGB", w, h, reps, &pools, u8_only, f32_only),
            _ => frame::<Rgba<f32>, Rgba<u8>>("RGBA", w, h, reps, &pools, u8_only, f32_only),
        }
    }
}

/// One frame size in `f32` and `u8` pixels of one shape, unless narrowed.
fn frame<F: Pixel, B: Pixel>(
    shape: &str,
    w: i32,
    h: i32,
    reps: usize,
    pools: &[rayon::ThreadPool; 2],
    u8_only: bool,
    f32_only: bool,
) {
    if !u8_only {
        run::<F>(&format!("{shape} f32"), w, h, reps, pools);
    }
    if !f32_only {
        run::<B>(&format!("{shape} u8"), w, h, reps, pools);
    }
}

//! The blur kernel ([`blur_filter::blur`]) on plain buffers, without a host,
//! as a ratio to a memcpy of the same frame in the same run.
//!
//! `cargo bench -p blur-filter --bench blur_speed` times, with criterion,
//! whole RGBA frames of 1920x1080 and 3840x2160 in `f32` and `u8`, on two
//! workers of ofx-plugin's own pool and on one (no host is loaded;
//! `parallel::set_max_workers` sets how many), next to a `memcpy` of the
//! same frame, and prints each case's mean time as a ratio to that copy's.
//! The cases are the Gaussian at sizes (sigma) 3 and 20, whose times should
//! match (the cost per pixel does not depend on the size), and the box and
//! triple box at size 20.
//!
//! Criterion's own options narrow the run: a filter such as `1080` or
//! `u8 1t` keeps the groups whose names contain it, and `--quick` measures
//! briefly. `BLUR_LEVEL=avx2` or `BLUR_LEVEL=baseline` caps the instruction
//! set (`ofx_plugin::simd::limit`). `cargo test --benches` runs each case
//! once on a small frame. The blur through the host is the plugin's
//! `cargo bench -p blur --bench blur_host`.

use std::hint::black_box;

use bench_support::criterion::{Criterion, Throughput};
use blur_filter::{BlurSpec, Boundary, FilterKind, Plan, blur};
use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{Component, ImageView, ImageViewMut, Pixel, Rgba};
use ofx_plugin::simd::{self, Level};

/// The blurs each group times, by case name.
const CASES: [(&str, FilterKind, f64); 4] = [
    ("gaussian 3", FilterKind::Gaussian, 3.0),
    ("gaussian 20", FilterKind::Gaussian, 20.0),
    ("box 20", FilterKind::Box, 20.0),
    ("triple box 20", FilterKind::TripleBox, 20.0),
];

fn frame<T: Component>(w: i32, h: i32) -> (Vec<Rgba<T>>, Vec<Rgba<T>>) {
    let n = (w * h) as usize;
    let src = (0..n)
        .map(|i| {
            let v = ((i * 7919) % 1000) as f32 / 1000.0;
            Rgba::<f32>::new(v, 1.0 - v, 0.5, 1.0).convert::<T>()
        })
        .collect();
    (src, vec![Rgba::<T>::default(); n])
}

fn group_name(w: i32, h: i32, depth: &str, threads: usize) -> String {
    format!("blur {w}x{h} {depth} {threads}t")
}

fn bench<T: Component>(c: &mut Criterion, depth: &str, w: i32, h: i32, threads: usize)
where
    Rgba<T>: Pixel,
{
    let (src, mut dst) = frame::<T>(w, h);
    let bounds = RectI::new(0, 0, w, h);
    let mut g = c.benchmark_group(group_name(w, h, depth, threads));
    g.throughput(Throughput::Bytes(
        std::mem::size_of_val(src.as_slice()) as u64
    ));
    g.bench_function("memcpy", |b| {
        b.iter(|| dst.copy_from_slice(black_box(&src)))
    });
    let s = ImageView::from_slice(&src, bounds, w as isize).expect("source view");
    for (name, filter, sigma) in CASES {
        let spec = BlurSpec {
            filter,
            boundary: Boundary::Black,
            sigma: [sigma, sigma],
        };
        let plan = Plan::new(&spec, bounds, bounds, Rgba::<T>::COUNT, Rgba::<T>::DEPTH);
        let mut scratch = vec![0.0f32; plan.scratch_len()];
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut d =
                    ImageViewMut::from_slice_mut(&mut dst, bounds, w as isize).expect("view");
                blur(&plan, &s, &mut d, &mut scratch, &|| false).expect("blur");
            })
        });
    }
    g.finish();
    black_box(&dst);
}

fn main() {
    let cap = match std::env::var("BLUR_LEVEL").as_deref() {
        Ok("avx2") => Level::Avx2,
        Ok("baseline") => Level::Baseline,
        _ => Level::Avx512,
    };
    simd::limit(cap, run);
}

fn run() {
    let mut c = bench_support::configured_criterion();
    let sizes: &[(i32, i32)] = if bench_support::full_run() {
        &[(1920, 1080), (3840, 2160)]
    } else {
        &[(64, 48)]
    };
    let mut table = bench_support::Ratios::new(format!(
        "blur_filter::blur, RGBA, black boundary, {:?}: mean time as a ratio to a memcpy of the same frame",
        simd::level()
    ));
    let cases = CASES.map(|(name, ..)| name);
    for threads in [2, 1] {
        ofx_plugin::parallel::set_max_workers(threads);
        for &(w, h) in sizes {
            bench::<f32>(&mut c, "f32", w, h, threads);
            bench::<u8>(&mut c, "u8", w, h, threads);
            for depth in ["f32", "u8"] {
                table.group(&group_name(w, h, depth, threads), "memcpy", &cases);
            }
        }
    }
    c.final_summary();
    table.print();
}

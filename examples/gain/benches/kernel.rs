//! The gain render body ([`gain::apply`]) on plain buffers, without a host,
//! as a ratio to a memcpy of the same frame in the same run.
//!
//! `cargo bench -p gain --bench kernel` times, with criterion, whole RGBA
//! frames of 1920x1080 and 3840x2160 at f32, u16 and u8, on two workers of
//! the plugin's own pool and on one (no host is loaded, so the parallel
//! helpers use that pool; `parallel::set_max_workers` sets how many), next
//! to a `memcpy` of the same frame, and prints each render's mean time as a
//! ratio to that copy's. The render through the host
//! (`cargo bench -p example-tests --bench gain`) adds the host's work around
//! the action. `cargo test --benches` runs each case once on a small frame.

use std::hint::black_box;

use bench_support::criterion::{Criterion, Throughput};
use gain::{Factors, apply};
use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{Component, ImageView, ImageViewMut, Pixel, Rgba};

fn frame<T: Component>(w: i32, h: i32) -> (Vec<Rgba<T>>, Vec<Rgba<T>>) {
    let n = (w * h) as usize;
    let src = (0..n)
        .map(|i| {
            let v = (i % 251) as f32 / 300.0;
            Rgba::<f32>::new(v, v * 0.5, 0.25 + v, 0.9).convert::<T>()
        })
        .collect();
    (src, vec![Rgba::<T>::default(); n])
}

fn group_name(w: i32, h: i32, depth: &str, threads: usize) -> String {
    format!("{w}x{h} {depth} {threads}t")
}

fn bench<T: Component>(c: &mut Criterion, depth: &str, w: i32, h: i32, threads: usize)
where
    Rgba<T>: Pixel,
{
    let (src, mut dst) = frame::<T>(w, h);
    let bounds = RectI::new(0, 0, w, h);
    let f = Factors {
        rgba: [1.5, 1.2, 0.8, 1.0],
        premultiplied: false,
    };
    let mut g = c.benchmark_group(group_name(w, h, depth, threads));
    g.throughput(Throughput::Bytes(
        std::mem::size_of_val(src.as_slice()) as u64
    ));
    g.bench_function("memcpy", |b| {
        b.iter(|| dst.copy_from_slice(black_box(&src)))
    });
    g.bench_function("gain", |b| {
        b.iter(|| {
            let s = ImageView::from_slice(&src, bounds, w as isize).expect("source view");
            let mut d = ImageViewMut::from_slice_mut(&mut dst, bounds, w as isize).expect("view");
            apply(&s, &mut d, &f);
        })
    });
    g.finish();
    black_box(&dst);
}

fn main() {
    let mut c = bench_support::configured_criterion();
    let sizes: &[(i32, i32)] = if bench_support::full_run() {
        &[(1920, 1080), (3840, 2160)]
    } else {
        &[(64, 48)]
    };
    let mut table = bench_support::Ratios::new(
        "gain::apply, RGBA, gain (1.5, 1.2, 0.8, 1): mean time as a ratio to a memcpy of the same frame",
    );
    for threads in [2, 1] {
        ofx_plugin::parallel::set_max_workers(threads);
        for &(w, h) in sizes {
            bench::<f32>(&mut c, "f32", w, h, threads);
            bench::<u16>(&mut c, "u16", w, h, threads);
            bench::<u8>(&mut c, "u8", w, h, threads);
            for depth in ["f32", "u16", "u8"] {
                table.group(&group_name(w, h, depth, threads), "memcpy", &["gain"]);
            }
        }
    }
    c.final_summary();
    table.print();
}

//! The gain render body ([`gain::apply`]) on plain buffers, without a host,
//! as a ratio to a memcpy of the same frame in the same run.
//!
//! `cargo bench -p gain --bench kernel` measures whole RGBA frames of
//! 1920x1080 and 3840x2160 at f32, u16 and u8, on two workers of the
//! plugin's own pool and on one (no host is loaded, so the parallel helpers
//! use that pool; `parallel::set_max_workers` sets how many), and prints
//! the minimum of the runs. The render through the host
//! (`cargo bench -p example-tests --bench gain`) adds the host's work around
//! the action.

use std::time::{Duration, Instant};

use gain::{Factors, apply};
use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{Component, ImageView, ImageViewMut, Pixel, Rgba};

const RUNS: usize = 21;

fn min_of(mut f: impl FnMut() -> Duration) -> Duration {
    (0..RUNS).map(|_| f()).min().unwrap_or_default()
}

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

fn bench<T: Component>(w: i32, h: i32) -> (f64, f64)
where
    Rgba<T>: Pixel,
{
    let (src, mut dst) = frame::<T>(w, h);
    let bounds = RectI::new(0, 0, w, h);
    let f = Factors {
        rgba: [1.5, 1.2, 0.8, 1.0],
        premultiplied: false,
    };
    let mut copy_dst = dst.clone();
    let mut copies = Duration::MAX;
    let render = min_of(|| {
        let t = Instant::now();
        copy_dst.copy_from_slice(&src);
        copies = copies.min(t.elapsed());
        std::hint::black_box(&mut copy_dst);
        let s = ImageView::from_slice(&src, bounds, w as isize).expect("source view");
        let mut d = ImageViewMut::from_slice_mut(&mut dst, bounds, w as isize).expect("view");
        let t = Instant::now();
        apply(&s, &mut d, &f);
        t.elapsed()
    });
    std::hint::black_box(&dst);
    (render.as_secs_f64() * 1e3, copies.as_secs_f64() * 1e3)
}

fn main() {
    println!(
        "gain::apply, RGBA, gain (1.5, 1.2, 0.8, 1), minimum of {RUNS} runs, memcpy of the same frame"
    );
    println!(
        "{:>10} {:>5} {:>8} {:>9} {:>10} {:>6}",
        "frame", "depth", "threads", "gain ms", "memcpy ms", "ratio"
    );
    for threads in [2, 1] {
        ofx_plugin::parallel::set_max_workers(threads);
        for (w, h) in [(1920, 1080), (3840, 2160)] {
            for (name, (g, m)) in [
                ("f32", bench::<f32>(w, h)),
                ("u16", bench::<u16>(w, h)),
                ("u8", bench::<u8>(w, h)),
            ] {
                println!(
                    "{:>10} {name:>5} {threads:>8} {g:>9.2} {m:>10.2} {:>6.2}",
                    format!("{w}x{h}"),
                    g / m
                );
            }
        }
    }
}

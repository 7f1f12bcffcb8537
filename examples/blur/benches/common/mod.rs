//! Timing helpers both blur benches use.

use std::time::{Duration, Instant};

use rayon::prelude::*;

/// Best and median of `reps` timed runs of `f` (after one warm-up; at
/// least one run).
pub fn time(reps: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    f();
    let mut t: Vec<Duration> = (0..reps.max(1))
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed()
        })
        .collect();
    t.sort();
    (t[0], t[t.len() / 2])
}

/// Copies `src` into `dst`: with `copy_from_slice` on one thread, else in
/// `8 threads` pieces on the current rayon pool.
pub fn memcpy<T: Copy + Send + Sync>(src: &[T], dst: &mut [T], threads: usize) {
    if threads == 1 {
        dst.copy_from_slice(src);
    } else {
        let chunk = src.len().div_ceil(threads * 8).max(1);
        dst.par_chunks_mut(chunk)
            .zip(src.par_chunks(chunk))
            .for_each(|(d, s)| d.copy_from_slice(s));
    }
}

/// A duration in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

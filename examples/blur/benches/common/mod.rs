//! Timing helpers of the host-driven blur bench.

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

/// Bytes of the cache line each [`Aligned`] buffer starts on.
const LINE: usize = 64;

/// `len` values in a buffer whose first one starts a cache line, as the
/// host's image memory does (a `Vec` starts wherever the allocator puts it,
/// often 16 bytes past a line), so that the benches time the kernels on the
/// layout they meet in a render.
pub struct Aligned<T> {
    buf: Vec<T>,
    start: usize,
    len: usize,
}

impl<T: Clone> Aligned<T> {
    /// `len` copies of `value`.
    pub fn new(value: T, len: usize) -> Aligned<T> {
        Aligned::shifted(value, len, 0)
    }

    /// `len` copies of `value`, starting `shift` elements past a cache line
    /// (fewer than 64), to measure what a host's misaligned rows cost.
    pub fn shifted(value: T, len: usize, shift: usize) -> Aligned<T> {
        // With the allocator's 16-byte alignment, one of the first LINE
        // elements starts a line for every pixel size (1 to 16 bytes);
        // should none, the allocator's start is kept.
        let shift = shift.min(LINE - 1);
        let buf = vec![value; len + 2 * LINE];
        let start = buf.as_ptr().align_offset(LINE);
        let start = if start < LINE { start } else { 0 } + shift;
        Aligned { buf, start, len }
    }
}

impl<T> std::ops::Deref for Aligned<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.buf[self.start..self.start + self.len]
    }
}

impl<T> std::ops::DerefMut for Aligned<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.buf[self.start..self.start + self.len]
    }
}

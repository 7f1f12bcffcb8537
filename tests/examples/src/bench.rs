//! Timing helpers shared by the benchmarks: repeat, keep the minimum (the
//! machine is shared, so the minimum is the figure least disturbed by
//! others), and a plain memcpy of the same bytes as the baseline.

use std::time::{Duration, Instant};

/// The minimum and median of `runs` timings of `f`.
pub fn min_median(runs: usize, mut f: impl FnMut() -> Duration) -> (Duration, Duration) {
    let mut t: Vec<Duration> = (0..runs.max(1)).map(|_| f()).collect();
    t.sort();
    (t[0], t[t.len() / 2])
}

/// Times `f` once.
pub fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

/// A plain single-threaded memcpy of `bytes` bytes between two buffers
/// whose pages are already touched: the baseline every figure is divided by.
pub struct Memcpy {
    src: Vec<u8>,
    dst: Vec<u8>,
}

impl Memcpy {
    /// Two touched buffers of `bytes` bytes.
    pub fn new(bytes: usize) -> Memcpy {
        Memcpy {
            src: vec![0x5A; bytes],
            dst: vec![0xA5; bytes],
        }
    }

    /// Copies once and returns the time it took.
    pub fn run(&mut self) -> Duration {
        let d = time(|| self.dst.copy_from_slice(&self.src));
        std::hint::black_box(&mut self.dst);
        d
    }
}

/// A duration in milliseconds, for reports.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

//! Data-parallel helpers: work split into pieces that a few workers pull.
//!
//! The image helpers ([`ImageViewMut::par_rows`](crate::pixel::ImageViewMut::par_rows),
//! [`par_rows_from`](crate::pixel::ImageViewMut::par_rows_from),
//! [`par_tiles`](crate::pixel::ImageViewMut::par_tiles)) and [`for_each`]
//! all work the same way: the work is cut into pieces (bands of rows,
//! tiles, the items of a `Vec`), and [`workers`] workers, the calling thread
//! among them, each take the next piece nobody has taken until none is
//! left. Uneven pieces balance themselves, and no piece is given to two
//! workers.
//!
//! A panic in one piece stops the others from taking new pieces; once every
//! worker has stopped, the panic continues on the calling thread, where the
//! entry point turns it into a failed action.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::unwind::{Payload, drop_payload};

/// Pieces smaller than this many pixels are not worth a thread of their own:
/// a window with fewer is rendered on the calling thread.
pub const MIN_PARALLEL_PIXELS: u64 = 1 << 14;

/// How many workers the helpers run at most.
pub fn workers() -> usize {
    rayon::current_num_threads().max(1)
}

/// Runs `work` on up to `n` workers at once, the calling thread among them,
/// and returns when all have returned. A panic in any worker continues on
/// the calling thread once all have stopped.
pub(crate) fn run_workers(n: usize, work: &(dyn Fn() + Sync)) {
    if n <= 1 {
        work();
        return;
    }
    rayon::in_place_scope(|s| {
        for _ in 1..n {
            s.spawn(|_| work());
        }
        work();
    });
}

/// A queue of `count` pieces, numbered from 0, that workers claim one at a
/// time; a panic while working on a piece closes it.
pub(crate) struct Claims {
    next: AtomicUsize,
    count: usize,
    stopped: AtomicBool,
}

impl Claims {
    pub(crate) fn new(count: usize) -> Claims {
        Claims {
            next: AtomicUsize::new(0),
            count,
            stopped: AtomicBool::new(false),
        }
    }

    /// The number of pieces.
    pub(crate) fn count(&self) -> usize {
        self.count
    }

    /// The next unclaimed piece; each number is handed out once at most.
    pub(crate) fn claim(&self) -> Option<usize> {
        if self.stopped.load(Ordering::Relaxed) {
            return None;
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        (i < self.count).then_some(i)
    }

    /// Runs `f` on claimed pieces until none are left, on `workers` workers.
    /// `f` gets the piece's number.
    ///
    /// A panic is caught on the worker where it happens, so that no panic
    /// ever unwinds through the executor: the first one continues on the
    /// calling thread once every worker has stopped, and the payloads of any
    /// others are dropped safely.
    pub(crate) fn drain(&self, workers: usize, f: &(dyn Fn(usize) + Sync)) {
        let first: Mutex<Option<Payload>> = Mutex::new(None);
        let work = || {
            while let Some(i) = self.claim() {
                if let Err(p) = catch_unwind(AssertUnwindSafe(|| f(i))) {
                    self.stopped.store(true, Ordering::Relaxed);
                    let mut slot = first.lock().unwrap_or_else(PoisonError::into_inner);
                    if slot.is_none() {
                        *slot = Some(p);
                    } else {
                        drop(slot);
                        drop_payload(p);
                    }
                }
            }
        };
        run_workers(workers.min(self.count), &work);
        if let Some(p) = first.into_inner().unwrap_or_else(PoisonError::into_inner) {
            resume_unwind(p);
        }
    }
}

/// Calls `f(index, item)` for every item, on the helpers' workers, and
/// returns when all are done. The items are handed out in order, one at a
/// time, to whichever worker is free.
///
/// ```
/// let bands: Vec<Vec<u32>> = (0..8).map(|i| vec![i; 100]).collect();
/// let total = std::sync::atomic::AtomicU32::new(0);
/// ofx_plugin::parallel::for_each(bands, |i, band| {
///     assert!(band.iter().all(|&v| v == i as u32));
///     total.fetch_add(band.iter().sum(), std::sync::atomic::Ordering::Relaxed);
/// });
/// assert_eq!(total.into_inner(), 100 * (0..8).sum::<u32>());
/// ```
pub fn for_each<T: Send>(items: Vec<T>, f: impl Fn(usize, T) + Sync) {
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let claims = Claims::new(slots.len());
    claims.drain(workers(), &|i| {
        let item = slots[i]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(item) = item {
            f(i, item);
        }
    });
}

/// How many rows each band of a `width` x `height` window gets: enough
/// bands for every worker to take several (so that uneven rows balance),
/// but none so thin that claiming it costs more than rendering it.
pub(crate) fn band_rows(width: usize, height: usize, workers: usize) -> usize {
    const MIN_BAND_PIXELS: usize = 4096;
    let by_count = height.div_ceil(workers.max(1) * 8);
    let by_size = MIN_BAND_PIXELS.div_ceil(width.max(1));
    by_count.max(by_size).clamp(1, height.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_piece_is_claimed_once() {
        let claims = Claims::new(1000);
        let seen: Vec<AtomicUsize> = (0..1000).map(|_| AtomicUsize::new(0)).collect();
        claims.drain(4, &|i| {
            seen[i].fetch_add(1, Ordering::Relaxed);
        });
        assert!(seen.iter().all(|s| s.load(Ordering::Relaxed) == 1));
        assert_eq!(claims.claim(), None);
    }

    #[test]
    fn a_panic_stops_the_claims_and_reaches_the_caller() {
        // Pieces take a millisecond each: without the stop, the workers
        // would spend half a second on the rest after the panic.
        let claims = Claims::new(2_000);
        let done = AtomicUsize::new(0);
        let r = catch_unwind(AssertUnwindSafe(|| {
            claims.drain(4, &|i| {
                if i == 1 {
                    panic!("piece one");
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
                done.fetch_add(1, Ordering::Relaxed);
            })
        }));
        let p = r.unwrap_err();
        assert_eq!(p.downcast_ref::<&str>(), Some(&"piece one"));
        let done = done.into_inner();
        assert!(done < 1_500, "the other workers went on: {done} pieces");
    }

    /// A panic payload whose `Drop` panics.
    struct Bomb;
    impl Drop for Bomb {
        fn drop(&mut self) {
            panic!("the payload's drop panics too");
        }
    }

    #[test]
    fn several_workers_panicking_with_payloads_that_panic_on_drop_do_not_abort() {
        let claims = Claims::new(64);
        let r = catch_unwind(AssertUnwindSafe(|| {
            claims.drain(4, &|_| {
                // Long enough for every worker to be inside a piece.
                std::thread::sleep(std::time::Duration::from_millis(50));
                std::panic::panic_any(Bomb);
            })
        }));
        let p = r.unwrap_err();
        assert!(p.is::<Bomb>());
        drop_payload(p);
    }

    #[test]
    fn bands_are_several_per_worker_and_not_tiny() {
        assert_eq!(band_rows(3840, 2160, 2), 135);
        assert_eq!(band_rows(10, 100, 2), 100);
        assert_eq!(band_rows(100, 0, 2), 1);
        assert_eq!(band_rows(0, 5, 2), 5);
    }
}

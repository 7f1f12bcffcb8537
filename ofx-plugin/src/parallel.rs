//! Data-parallel helpers: work split into pieces that a few workers pull,
//! on threads the host governs.
//!
//! The image helpers ([`ImageViewMut::par_rows`](crate::pixel::ImageViewMut::par_rows),
//! [`par_rows_from`](crate::pixel::ImageViewMut::par_rows_from),
//! [`par_tiles`](crate::pixel::ImageViewMut::par_tiles)) and [`for_each`]
//! all work the same way: the work is cut into pieces (bands of rows,
//! tiles, the items of a `Vec`), and [`workers`] workers each take the next
//! piece nobody has taken until none is left. Uneven pieces balance
//! themselves, and no piece is given to two workers.
//!
//! # Whose threads
//!
//! A host application decides how many threads a frame may use: it renders
//! tiles, frames and nodes at once on its own threads, and hands plugins its
//! MultiThread suite so that their inner parallelism runs on threads it
//! budgets. So the workers are, in order of preference ([`executor`] says
//! which applies):
//!
//! 1. **the calling thread alone**, when it is already one of the host's
//!    MultiThread workers: a helper called from inside another never nests;
//! 2. **the host's threads**: `multiThread` with the host's
//!    `multiThreadNumCPUs`, when the host has a real suite;
//! 3. **the framework's own pool**, when the suite is missing or a dummy (it
//!    reports one CPU, fails, or runs the function once on the calling
//!    thread, as DaVinci Resolve's does): one rayon pool per plugin binary,
//!    made on first use and shared by all its plugins, as many threads as
//!    the machine has cores, capped by the [`ENV_THREADS`] environment
//!    variable; [`set_max_workers`] caps how many of them one call uses.
//!
//! A host found to be a dummy is remembered, and the choice is posted to the
//! host's log (a `kOfxMessageLog` message) whenever it changes.
//!
//! A panic in one piece stops the others from taking new pieces; once every
//! worker has stopped, the panic continues on the calling thread, where the
//! entry point turns it into a failed action.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::ffi::thread as host;
use crate::unwind::{Payload, drop_payload};

/// Pieces smaller than this many pixels are not worth a thread of their own:
/// a window with fewer is rendered on the calling thread.
pub const MIN_PARALLEL_PIXELS: u64 = 1 << 14;

/// The environment variable that caps the size of the framework's own pool
/// (a positive integer), for users who run plugins in a host whose
/// MultiThread suite is a dummy. Read once, when the pool is first needed.
pub const ENV_THREADS: &str = "OFX_RS_THREADS";

/// Where the helpers run their work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Executor {
    /// On the calling thread only: it is one of the host's MultiThread
    /// workers already.
    Inline,
    /// On the host's MultiThread suite, with this many workers.
    HostSuite {
        /// The host's `multiThreadNumCPUs`.
        workers: usize,
    },
    /// On the framework's own pool, with this many workers.
    Pool {
        /// The pool's size, capped by [`set_max_workers`].
        workers: usize,
        /// Why the host's suite is not used.
        reason: String,
    },
}

impl Executor {
    /// How many workers it runs.
    pub fn workers(&self) -> usize {
        match self {
            Executor::Inline => 1,
            Executor::HostSuite { workers } | Executor::Pool { workers, .. } => *workers,
        }
    }
}

impl std::fmt::Display for Executor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Executor::Inline => f.write_str("the calling thread (a host MultiThread worker)"),
            Executor::HostSuite { workers } => {
                write!(f, "the host's MultiThread suite, {workers} threads")
            }
            Executor::Pool { workers, reason } => write!(
                f,
                "the plugin binary's own pool, {workers} threads ({reason})"
            ),
        }
    }
}

/// The cap set by [`set_max_workers`] (0: none).
static MAX_WORKERS: AtomicUsize = AtomicUsize::new(0);

/// Caps how many of the framework's own pool threads one call uses (0
/// removes the cap). The host's MultiThread suite, when real, is not capped:
/// the host already budgets it.
pub fn set_max_workers(n: usize) {
    MAX_WORKERS.store(n, Ordering::Relaxed);
}

/// The framework's own pool, made on first use.
fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let cap = std::env::var(ENV_THREADS)
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0);
        let size = cap.map_or(cores, |c| c.min(cores));
        rayon::ThreadPoolBuilder::new()
            .num_threads(size)
            .thread_name(|i| format!("ofx-rs-worker-{i}"))
            .build()
            .unwrap_or_else(|_| {
                // A pool of one that cannot start: run on the caller.
                rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .use_current_thread()
                    .build()
                    .expect("a pool on the current thread")
            })
    })
}

/// The multi-thread suite (by its address) found to be a dummy, and why.
static DUMMY: Mutex<Option<(usize, String)>> = Mutex::new(None);

fn dummy_reason(suite: usize) -> Option<String> {
    let d = DUMMY.lock().unwrap_or_else(PoisonError::into_inner);
    d.as_ref()
        .filter(|(s, _)| *s == suite)
        .map(|(_, r)| r.clone())
}

fn mark_dummy(suite: usize, reason: String) {
    *DUMMY.lock().unwrap_or_else(PoisonError::into_inner) = Some((suite, reason));
}

fn pool_executor(reason: String) -> Executor {
    let size = pool().current_num_threads().max(1);
    let cap = MAX_WORKERS.load(Ordering::Relaxed);
    Executor::Pool {
        workers: if cap > 0 { size.min(cap) } else { size },
        reason,
    }
}

/// Where the helpers would run their work if called now, on this thread.
pub fn executor() -> Executor {
    let Some(suite) = host::host_suite_id() else {
        return pool_executor("no host is loaded".into());
    };
    if host::is_spawned_thread() {
        return Executor::Inline;
    }
    if let Some(reason) = dummy_reason(suite) {
        return pool_executor(reason);
    }
    match host::host_cpus() {
        Some(n) if n > 1 => Executor::HostSuite { workers: n },
        Some(n) => pool_executor(format!("the host's MultiThread suite reports {n} CPU")),
        None => pool_executor("the host's MultiThread suite has no CPU count".into()),
    }
}

/// How many workers the helpers run at most, if called now.
pub fn workers() -> usize {
    executor().workers()
}

/// The executor last posted to the host's log, with the host it was posted
/// to.
static POSTED: Mutex<Option<(usize, Executor)>> = Mutex::new(None);

/// Posts the executor to the host's log when it differs from the last one
/// posted to this host.
fn note(executor: &Executor) {
    let host = crate::ffi::suites::host_id().unwrap_or_default();
    let mut last = POSTED.lock().unwrap_or_else(PoisonError::into_inner);
    let now = (host, executor.clone());
    if last.as_ref() != Some(&now) {
        *last = Some(now);
        drop(last);
        let text = format!("ofx-rs: parallel work runs on {executor}");
        let _ = crate::ffi::services::message(std::ptr::null_mut(), ofx_sys::kOfxMessageLog, &text);
    }
}

/// Runs `work` on up to `n` workers at once and returns when all have
/// returned; `work` must be safe to call any number of times (the callers'
/// work drains a queue of pieces, so a call finding it empty returns at
/// once, and one call alone does all of it).
pub(crate) fn run_workers(n: usize, work: &(dyn Fn() + Sync)) {
    let executor = executor();
    let n = n.min(executor.workers());
    if n <= 1 {
        work();
        return;
    }
    match executor {
        Executor::Inline => work(),
        Executor::HostSuite { .. } => {
            let suite = host::host_suite_id().unwrap_or_default();
            match host::run_on_host(n, work) {
                Some(run) if run.status == ofx_sys::kOfxStatOK => {
                    if run.elsewhere == 0 {
                        // The work is done (one call drains it all), but on
                        // one thread: use the pool from now on.
                        mark_dummy(
                            suite,
                            format!(
                                "the host's multiThread ran {} of {n} calls, all on the calling thread",
                                run.calls
                            ),
                        );
                    }
                    note(&executor);
                }
                other => {
                    let why = match other {
                        Some(run) => {
                            format!("the host's multiThread failed with status {}", run.status)
                        }
                        None => "the host has no multiThread".to_owned(),
                    };
                    mark_dummy(suite, why.clone());
                    // Whatever the host ran is done; the pool does the rest.
                    let fallback = pool_executor(why);
                    note(&fallback);
                    on_pool_workers(n.min(fallback.workers()), work);
                }
            }
        }
        Executor::Pool { workers, .. } => {
            note(&executor);
            on_pool_workers(n.min(workers), work);
        }
    }
}

/// Runs `work` on `n` workers of the framework's own pool.
fn on_pool_workers(n: usize, work: &(dyn Fn() + Sync)) {
    if n <= 1 {
        work();
        return;
    }
    pool().install(|| {
        rayon::in_place_scope(|s| {
            for _ in 1..n {
                s.spawn(|_| work());
            }
            work();
        })
    });
}

/// Calls `f(i)` for every `i` below `n` on the framework's own pool, each
/// once (the fallback of [`crate::thread::run`]).
pub(crate) fn on_pool(n: usize, f: &(dyn Fn(usize) + Sync)) {
    let claims = Claims::new(n);
    let work = || {
        while let Some(i) = claims.claim() {
            f(i);
        }
    };
    on_pool_workers(n.min(pool().current_num_threads().max(1)), &work);
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

//! The host's own threads, which run the plugins' `multiThread` calls.
//!
//! A host application gives plugins threads it budgets: a fixed set, shared
//! by every plugin of a session, rather than new threads per call. A
//! [`HostThreads`] is that set: `n` threads started on first use and kept
//! until the session ends, named `ofxhost-mt-<i>` (so that the validator can
//! tell them from threads a plugin starts itself). [`HostThreads::run`]
//! queues the calls of one `multiThread` and blocks until all have
//! returned; calls beyond the number of threads wait for a free one.
//!
//! [`ThreadStats`] records what the threads did, so that tests can show
//! that a plugin's work ran on the host's threads and on which.

use std::collections::{BTreeSet, VecDeque};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

/// One call to run on a host thread: the thread's index among the host's,
/// and the call.
type Task = Box<dyn FnOnce(usize) + Send + 'static>;

#[derive(Default)]
struct Queue {
    tasks: VecDeque<Task>,
    closing: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A fixed set of host threads.
pub struct HostThreads {
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for HostThreads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostThreads")
            .field("threads", &self.threads.len())
            .finish()
    }
}

/// The prefix of the names of host threads.
pub const THREAD_NAME_PREFIX: &str = "ofxhost-mt-";

impl HostThreads {
    /// Starts `n` threads (at least one).
    pub fn start(n: usize) -> std::io::Result<HostThreads> {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            ready: Condvar::new(),
        });
        let threads = (0..n.max(1))
            .map(|i| {
                let shared = shared.clone();
                std::thread::Builder::new()
                    .name(format!("{THREAD_NAME_PREFIX}{i}"))
                    .spawn(move || work(&shared, i))
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(HostThreads { shared, threads })
    }

    /// How many threads there are.
    pub fn len(&self) -> usize {
        self.threads.len()
    }

    /// Whether there are none (never: [`HostThreads::start`] starts one at
    /// least).
    pub fn is_empty(&self) -> bool {
        self.threads.is_empty()
    }

    /// Runs `calls`, each on some host thread (given the thread's index),
    /// and returns when every one has returned. Returns false when a call
    /// panicked.
    pub fn run(&self, calls: Vec<Task>) -> bool {
        let done = Arc::new((Mutex::new((calls.len(), true)), Condvar::new()));
        {
            let mut q = lock(&self.shared.queue);
            for call in calls {
                let done = done.clone();
                q.tasks.push_back(Box::new(move |thread| {
                    let ok =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| call(thread)))
                            .is_ok();
                    let (count, signal) = &*done;
                    let mut c = lock(count);
                    c.0 -= 1;
                    c.1 &= ok;
                    if c.0 == 0 {
                        signal.notify_all();
                    }
                }));
            }
        }
        self.shared.ready.notify_all();
        let (count, signal) = &*done;
        let mut c = lock(count);
        while c.0 > 0 {
            c = signal.wait(c).unwrap_or_else(PoisonError::into_inner);
        }
        c.1
    }
}

fn work(shared: &Shared, index: usize) {
    loop {
        let task = {
            let mut q = lock(&shared.queue);
            loop {
                if let Some(t) = q.tasks.pop_front() {
                    break t;
                }
                if q.closing {
                    return;
                }
                q = shared.ready.wait(q).unwrap_or_else(PoisonError::into_inner);
            }
        };
        task(index);
    }
}

impl Drop for HostThreads {
    fn drop(&mut self) {
        lock(&self.shared.queue).closing = true;
        self.shared.ready.notify_all();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// What a session's `multiThread` did, for tests and reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThreadStats {
    /// `multiThread` calls that ran their functions.
    pub multi_thread_calls: usize,
    /// Thread-function calls made by those.
    pub function_calls: usize,
    /// The names of the threads that ran them.
    pub threads: BTreeSet<String>,
    /// `multiThreadNumCPUs` calls.
    pub num_cpus_calls: usize,
}

/// The names of the process's live threads (Linux: `/proc/self/task`; a
/// thread that has exited but is still listed is left out), or `None` where
/// they cannot be listed.
pub fn process_threads() -> Option<Vec<String>> {
    let dir = std::fs::read_dir("/proc/self/task").ok()?;
    Some(
        dir.filter_map(|e| e.ok())
            .filter_map(|e| {
                // `pid (name) state ...`: the state follows the last ')'.
                let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
                let state = stat.rsplit_once(')')?.1.trim_start().chars().next()?;
                if matches!(state, 'Z' | 'X' | 'x') {
                    return None;
                }
                let name = std::fs::read_to_string(e.path().join("comm")).ok()?;
                Some(name.trim().to_owned())
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn every_call_runs_once_on_the_fixed_threads() {
        let pool = HostThreads::start(2).unwrap();
        assert_eq!(pool.len(), 2);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let calls: Vec<Task> = (0..7)
            .map(|i| {
                let seen = seen.clone();
                Box::new(move |thread: usize| {
                    let name = std::thread::current().name().unwrap_or("").to_owned();
                    lock(&seen).push((i, thread, name));
                }) as Task
            })
            .collect();
        assert!(pool.run(calls));
        let mut seen = lock(&seen).clone();
        seen.sort();
        assert_eq!(
            seen.iter().map(|s| s.0).collect::<Vec<_>>(),
            (0..7).collect::<Vec<_>>()
        );
        for (_, thread, name) in &seen {
            assert!(*thread < 2);
            assert_eq!(name, &format!("{THREAD_NAME_PREFIX}{thread}"));
        }
    }

    #[test]
    fn a_panicking_call_is_reported_and_the_others_finish() {
        let pool = HostThreads::start(2).unwrap();
        let done = Arc::new(AtomicUsize::new(0));
        let calls: Vec<Task> = (0..4)
            .map(|i| {
                let done = done.clone();
                Box::new(move |_| {
                    if i == 1 {
                        panic!("call one");
                    }
                    done.fetch_add(1, Ordering::SeqCst);
                }) as Task
            })
            .collect();
        assert!(!pool.run(calls));
        assert_eq!(done.load(Ordering::SeqCst), 3);
        // The threads are still there.
        assert!(pool.run(vec![Box::new(|_| {})]));
    }

    #[test]
    fn threads_are_listed_by_name() {
        let pool = HostThreads::start(1).unwrap();
        assert!(pool.run(vec![Box::new(|_| {})]));
        let names = process_threads().unwrap();
        assert!(names.iter().any(|n| n == "ofxhost-mt-0"), "{names:?}");
    }
}

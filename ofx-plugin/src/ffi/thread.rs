//! The host MultiThread suite: CPU count, spawned threads and mutexes.

use std::ffi::{c_uint, c_void};
use std::ptr;

use ofx_sys as sys;

use super::check;
use super::suites::suites;
use crate::error::{Error, Result};

/// The host's CPU count, or the machine's when the suite is a dummy.
pub fn num_cpus() -> usize {
    host_cpus()
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// What the host's `multiThreadNumCPUs` answers, when it answers.
pub(crate) fn host_cpus() -> Option<usize> {
    let f = suites().ok()?.multi_thread.multiThreadNumCPUs?;
    let mut n: c_uint = 0;
    // SAFETY: valid out pointer.
    let st = unsafe { f(&mut n) };
    (st == sys::kOfxStatOK).then_some(n as usize)
}

/// The address of the host's multi-thread suite table, which identifies
/// the host (a binary may be loaded by several in a process's life).
pub(crate) fn host_suite_id() -> Option<usize> {
    suites()
        .ok()
        .map(|s| std::ptr::from_ref(s.multi_thread.get()).addr())
}

/// The index of the current host thread inside [`run`], when the host says.
pub fn thread_index() -> Option<usize> {
    let f = suites().ok()?.multi_thread.multiThreadIndex?;
    let mut i: c_uint = 0;
    // SAFETY: valid out pointer.
    let st = unsafe { f(&mut i) };
    (st == sys::kOfxStatOK).then_some(i as usize)
}

/// Whether the current thread was spawned by the host's `multiThread`.
pub fn is_spawned_thread() -> bool {
    suites()
        .ok()
        .and_then(|s| s.multi_thread.multiThreadIsSpawnedThread)
        // SAFETY: no arguments.
        .is_some_and(|f| unsafe { f() } != 0)
}

/// What one `multiThread` call did with the work it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct HostRun {
    /// The status `multiThread` returned.
    pub status: sys::OfxStatus,
    /// How many times the host called the thread function.
    pub calls: usize,
    /// How many of those calls ran on a thread other than the caller's.
    pub elsewhere: usize,
}

struct HostJob<'a> {
    work: &'a (dyn Fn() + Sync),
    caller: std::thread::ThreadId,
    calls: std::sync::atomic::AtomicUsize,
    elsewhere: std::sync::atomic::AtomicUsize,
}

unsafe extern "C" fn host_job(_index: c_uint, _count: c_uint, arg: *mut c_void) {
    // SAFETY: `arg` is the `HostJob` that `run_on_host` passed to
    // `multiThread`, alive until that blocking call returns.
    let job = unsafe { &*arg.cast::<HostJob<'_>>() };
    job.calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if std::thread::current().id() != job.caller {
        job.elsewhere
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    // The work catches the panics of its own pieces; this catches anything
    // else, so that nothing unwinds into the host.
    if let Err(p) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job.work)) {
        crate::unwind::drop_payload(p);
    }
}

/// Calls `work` from `n` host threads through `multiThread`, and says what
/// the host did; `None` when the host has no `multiThread` (or no host is
/// there).
pub(crate) fn run_on_host(n: usize, work: &(dyn Fn() + Sync)) -> Option<HostRun> {
    let mt = suites().ok()?.multi_thread.multiThread?;
    let job = HostJob {
        work,
        caller: std::thread::current().id(),
        calls: Default::default(),
        elsewhere: Default::default(),
    };
    let n = c_uint::try_from(n).unwrap_or(c_uint::MAX);
    // SAFETY: the trampoline matches the thread function type, and the job
    // outlives the call, which blocks until every thread function returned.
    let status = unsafe { mt(Some(host_job), n, ptr::from_ref(&job).cast_mut().cast()) };
    Some(HostRun {
        status,
        calls: job.calls.into_inner(),
        elsewhere: job.elsewhere.into_inner(),
    })
}

struct Job<'a> {
    f: &'a (dyn Fn(usize, usize) + Sync),
    panicked: std::sync::atomic::AtomicBool,
}

unsafe extern "C" fn trampoline(index: c_uint, count: c_uint, arg: *mut c_void) {
    // SAFETY: `arg` is the `Job` passed by `run` below, alive for the call.
    let job = unsafe { &*arg.cast::<Job<'_>>() };
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        (job.f)(index as usize, count as usize)
    }));
    if let Err(p) = r {
        job.panicked
            .store(true, std::sync::atomic::Ordering::Relaxed);
        crate::unwind::drop_payload(p);
    }
}

/// Runs `f(index, count)` on `n` host threads; when the host's suite does
/// nothing (it returns an error), runs the `n` calls on the framework's own
/// pool instead (see [`crate::parallel`]).
pub fn run(n: usize, f: &(dyn Fn(usize, usize) + Sync)) -> Result<()> {
    let n = n.max(1);
    let job = Job {
        f,
        panicked: std::sync::atomic::AtomicBool::new(false),
    };
    let host = suites().ok().and_then(|s| s.multi_thread.multiThread);
    let mut done = false;
    if let Some(mt) = host {
        // SAFETY: the trampoline matches the thread function type and the
        // job outlives the blocking call.
        let st = unsafe {
            mt(
                Some(trampoline),
                n as c_uint,
                ptr::from_ref(&job).cast_mut().cast(),
            )
        };
        done = st == sys::kOfxStatOK;
    }
    if !done {
        crate::parallel::on_pool(n, &|i| {
            if let Err(p) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (job.f)(i, n)))
            {
                job.panicked
                    .store(true, std::sync::atomic::Ordering::Relaxed);
                crate::unwind::drop_payload(p);
            }
        });
    }
    if job.panicked.into_inner() {
        return Err(Error::failed("a thread function panicked"));
    }
    Ok(())
}

/// A host mutex (recursive); lock it to get a guard.
pub struct HostMutex {
    handle: sys::OfxMutexHandle,
}

// SAFETY: a host mutex is made to be shared between threads.
unsafe impl Send for HostMutex {}
// SAFETY: as above.
unsafe impl Sync for HostMutex {}

impl HostMutex {
    /// Creates a mutex.
    pub fn new() -> Result<HostMutex> {
        let f = suites()?
            .multi_thread
            .mutexCreate
            .ok_or_else(|| Error::missing_host_feature("no mutexCreate"))?;
        let mut h: sys::OfxMutexHandle = ptr::null_mut();
        // SAFETY: valid out pointer.
        check(unsafe { f(&mut h, 0) }, || "mutexCreate".into())?;
        Ok(HostMutex { handle: h })
    }
    /// Locks; the guard unlocks on drop.
    pub fn lock(&self) -> Result<HostMutexGuard<'_>> {
        let f = suites()?
            .multi_thread
            .mutexLock
            .ok_or_else(|| Error::missing_host_feature("no mutexLock"))?;
        // SAFETY: valid handle.
        check(unsafe { f(self.handle) }, || "mutexLock".into())?;
        Ok(HostMutexGuard {
            m: self,
            _not_send: std::marker::PhantomData,
        })
    }
    /// Tries to lock without blocking.
    pub fn try_lock(&self) -> Result<Option<HostMutexGuard<'_>>> {
        let f = suites()?
            .multi_thread
            .mutexTryLock
            .ok_or_else(|| Error::missing_host_feature("no mutexTryLock"))?;
        // SAFETY: valid handle.
        let st = unsafe { f(self.handle) };
        if st == sys::kOfxStatOK {
            Ok(Some(HostMutexGuard {
                m: self,
                _not_send: std::marker::PhantomData,
            }))
        } else {
            Ok(None)
        }
    }
}

impl Drop for HostMutex {
    fn drop(&mut self) {
        if let Ok(s) = suites()
            && let Some(f) = s.multi_thread.mutexDestroy
        {
            // SAFETY: destroyed once; no guard alive (they borrow self).
            unsafe { f(self.handle) };
        }
    }
}

/// A held [`HostMutex`] lock.
pub struct HostMutexGuard<'a> {
    m: &'a HostMutex,
    /// A lock is released by the thread that took it: the guard is not Send.
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Drop for HostMutexGuard<'_> {
    fn drop(&mut self) {
        if let Ok(s) = suites()
            && let Some(f) = s.multi_thread.mutexUnLock
        {
            // SAFETY: pairs the successful lock.
            unsafe { f(self.m.handle) };
        }
    }
}

//! The rule `OwnThreads` breaks: a pool of two threads of its own, started
//! at its first render and kept, renders its rows, although the host offers
//! its MultiThread suite.

use std::sync::mpsc::{Sender, channel};
use std::sync::{Mutex, OnceLock};

use super::{Fault, Image, Result};

type Job = Box<dyn FnOnce() + Send>;

fn pool() -> &'static Mutex<Vec<Sender<Job>>> {
    static POOL: OnceLock<Mutex<Vec<Sender<Job>>>> = OnceLock::new();
    POOL.get_or_init(|| {
        let senders = (0..2)
            .map(|i| {
                let (tx, rx) = channel::<Job>();
                std::thread::Builder::new()
                    .name(format!("bad-pool-{i}"))
                    .spawn(move || {
                        while let Ok(job) = rx.recv() {
                            job();
                        }
                    })
                    .expect("starting a thread");
                tx
            })
            .collect();
        Mutex::new(senders)
    })
}

/// Copies the region's two halves on the pool's two threads.
pub(super) fn copy(out: &Image, src: Option<&Image>, region: [i32; 4]) -> Result<()> {
    let mid = region[1] + (region[3] - region[1]) / 2;
    let halves = [
        [region[0], region[1], region[2], mid],
        [region[0], mid, region[2], region[3]],
    ];
    // The images outlive the jobs: each job is waited for below.
    let (out_addr, src_addr) = (
        out as *const Image as usize,
        src.map_or(0, |s| s as *const Image as usize),
    );
    let (done_tx, done_rx) = channel::<Result<()>>();
    {
        let senders = pool().lock().unwrap_or_else(|e| e.into_inner());
        for (half, tx) in halves.into_iter().zip(senders.iter()) {
            let done = done_tx.clone();
            let job: Job = Box::new(move || {
                // SAFETY: the images live until both jobs reported back.
                let (out, src) = unsafe {
                    (
                        &*(out_addr as *const Image),
                        (src_addr != 0).then(|| &*(src_addr as *const Image)),
                    )
                };
                let _ = done.send(super::copy(Fault::None, out, src, half));
            });
            tx.send(job).map_err(|_| ofx_sys::kOfxStatFailed)?;
        }
    }
    drop(done_tx);
    let mut result = Ok(());
    for r in done_rx.iter() {
        result = result.and(r);
    }
    result
}

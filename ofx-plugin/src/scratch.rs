//! Scratch memory from the host's image-memory pool, kept between renders.

use std::sync::Mutex;

use crate::error::{Error, ErrorKind, Result};
use crate::ffi::memory::ImageMemory;

/// Host image memory kept between renders, for effects that need a large
/// working buffer in every render (a separable filter's intermediate image,
/// for example).
///
/// [`ScratchPool::with`] lends a block of at least the asked size, locked
/// for the call: a block the pool keeps from an earlier call when one is
/// large enough, else a new one from `imageMemoryAlloc`. After the call the
/// block is unlocked and kept for the next one; if the call panics, it is
/// unlocked and freed instead. Concurrent renders each get their own block,
/// so the pool grows to the largest number of renders that ran at once.
///
/// Memory kept is memory the host cannot use: call [`ScratchPool::purge`]
/// when the host asks for it (the `purge_caches` action), and let the pool
/// drop with the instance.
///
/// A kept block is not cleared between calls: the slice holds whatever the
/// last call left there (zeros in a new block), so write before you read.
/// In exchange, only the first render pays for zeroing the block.
///
/// ```no_run
/// use ofx_plugin::memory::ScratchPool;
/// # fn run(pool: &ScratchPool, n: usize) -> ofx_plugin::Result<()> {
/// pool.with::<f32, _>(n, |buf| {
///     buf.fill(0.0);
///     // ... work in `buf` ...
/// })?;
/// # Ok(())
/// # }
/// ```
#[derive(Default)]
pub struct ScratchPool {
    free: Mutex<Vec<ImageMemory>>,
}

impl ScratchPool {
    /// An empty pool.
    pub const fn new() -> ScratchPool {
        ScratchPool {
            free: Mutex::new(Vec::new()),
        }
    }

    /// Runs `f` on `len` elements of type `T` of a locked block, returning
    /// what `f` returns. A `len` of 0 runs `f` on an empty slice without
    /// asking the host for memory.
    ///
    /// # Errors
    /// When the size overflows, or the host cannot allocate or lock the
    /// memory, or gives memory not aligned for `T`.
    pub fn with<T: bytemuck::Pod, R>(
        &self,
        len: usize,
        f: impl FnOnce(&mut [T]) -> R,
    ) -> Result<R> {
        let bytes = len.checked_mul(size_of::<T>()).ok_or_else(|| {
            Error::with_message(
                ErrorKind::Memory,
                format!("scratch of {len} elements overflows"),
            )
        })?;
        if bytes == 0 {
            return Ok(f(&mut []));
        }
        let mut block = self.take(bytes)?;
        let result = {
            let mut lock = block.lock()?;
            let all = &mut lock.as_mut_slice()[..bytes];
            let elems: &mut [T] = bytemuck::try_cast_slice_mut(all).map_err(|e| {
                Error::with_message(
                    ErrorKind::Memory,
                    format!("image memory cannot hold that type: {e}"),
                )
            })?;
            f(elems)
        };
        self.lock().push(block);
        Ok(result)
    }

    /// Frees every block the pool keeps (blocks lent out are kept when they
    /// come back); returns how many were freed.
    pub fn purge(&self) -> usize {
        let blocks = std::mem::take(&mut *self.lock());
        blocks.len()
    }

    /// How many blocks the pool keeps now.
    pub fn kept(&self) -> usize {
        self.lock().len()
    }

    /// The smallest kept block of at least `bytes` bytes, or a new one (the
    /// smallest kept block, too small to serve, is freed then, so that the
    /// pool does not fill with blocks of sizes no longer asked for).
    fn take(&self, bytes: usize) -> Result<ImageMemory> {
        let mut free = self.lock();
        let fitting = free
            .iter()
            .enumerate()
            .filter(|(_, b)| b.len() >= bytes)
            .min_by_key(|(_, b)| b.len())
            .map(|(i, _)| i);
        if let Some(i) = fitting {
            return Ok(free.swap_remove(i));
        }
        if let Some(i) = free
            .iter()
            .enumerate()
            .min_by_key(|(_, b)| b.len())
            .map(|(i, _)| i)
        {
            drop(free.swap_remove(i));
        }
        drop(free);
        ImageMemory::new(bytes)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<ImageMemory>> {
        self.free.lock().unwrap_or_else(|e| e.into_inner())
    }
}

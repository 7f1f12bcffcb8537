//! Streaming (non-temporal) stores, behind [`crate::simd::streaming`], and
//! software prefetch ([`crate::simd::prefetch`]).
//!
//! A plain store to memory that is not in the cache first reads the line it
//! writes (read for ownership), so writing a frame that does not fit in the
//! cache moves its bytes twice, and it evicts data the next pass wants. A
//! streaming store writes whole lines straight to memory through the
//! write-combining buffers, without reading them. The cost: the data is not
//! in the cache afterwards, and such stores are weakly ordered: the
//! intrinsics' contract is that a fence (`sfence`) must follow them before
//! anything else, even the same thread, accesses the memory they wrote.
//!
//! The types make that contract hold. A [`Streamer`] only exists inside
//! [`streaming`], which issues the fence when its closure returns or
//! unwinds, and [`Streamer::copy`] borrows its destination for the whole
//! [`streaming`] call (the lifetime `'s`), so no code can read or write
//! what was streamed until the fence has run.
//!
//! On x86-64 the 16-byte streaming store (`movntdq`) is part of the baseline
//! (SSE2), so no CPU check is needed. Elsewhere the stores are plain
//! copies.

/// Asks the CPU to bring the cache line holding `value` into the cache,
/// without waiting for it: for loops that will read memory a little
/// further on in a pattern the hardware prefetcher does not follow (or
/// follows too late). It has no effect on the program's results, and none
/// at all on CPUs other than x86-64.
#[inline(always)]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `prefetcht0` needs only SSE, part of the x86-64 baseline; it
    // reads nothing the program can see and cannot fault, and the address
    // comes from a reference.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(
            (value as *const T).cast(),
        )
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Writes slices with streaming stores; see [`crate::simd::streaming`].
///
/// `'s` is the length of the [`streaming`] call that made it: every
/// destination it writes stays borrowed until that call has issued its
/// fence.
pub struct Streamer<'s> {
    /// Not constructible outside this module, nor sendable to another
    /// thread: the fence that ends [`streaming`] orders this thread's
    /// stores only.
    _not_send: core::marker::PhantomData<*const ()>,
    /// Invariant in `'s`, so that a `&Streamer<'s>` cannot be turned into
    /// one that accepts destinations borrowed for less.
    _scope: core::marker::PhantomData<fn(&'s ()) -> &'s ()>,
}

impl<'s> Streamer<'s> {
    /// Copies `src` into `dst` (of the same length), with streaming stores
    /// for the part of `dst` that starts and ends on 16-byte boundaries and
    /// plain stores for the few bytes before and after it. For the writes
    /// to reach memory without being read first, write whole 64-byte cache
    /// lines, in order, in a short time.
    ///
    /// `dst` stays borrowed until the [`streaming`] call ends, after its
    /// fence: it cannot be read, even by this thread, while the stores may
    /// still be in flight.
    ///
    /// # Panics
    /// If the slices differ in length.
    #[inline(always)]
    pub fn copy<T: bytemuck::Pod>(&self, dst: &'s mut [T], src: &[T]) {
        assert_eq!(
            dst.len(),
            src.len(),
            "streaming copy: the source has {} elements but the destination has {}",
            src.len(),
            dst.len()
        );
        let dst: &mut [u8] = bytemuck::cast_slice_mut(dst);
        let src: &[u8] = bytemuck::cast_slice(src);
        #[cfg(target_arch = "x86_64")]
        {
            // The ends are tested first: a copy of a length the compiler
            // cannot see is a call to `memcpy`, even when it is empty.
            let head = dst.as_ptr().align_offset(16).min(dst.len());
            let (d_head, d_rest) = dst.split_at_mut(head);
            let (s_head, s_rest) = src.split_at(head);
            if head > 0 {
                d_head.copy_from_slice(s_head);
            }
            let mut d_lines = d_rest.chunks_exact_mut(16);
            let mut s_lines = s_rest.chunks_exact(16);
            for (d, s) in (&mut d_lines).zip(&mut s_lines) {
                store16(d, s);
            }
            let tail = d_lines.into_remainder();
            if !tail.is_empty() {
                tail.copy_from_slice(s_lines.remainder());
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        dst.copy_from_slice(src);
    }
}

/// One 16-byte streaming store of `src` to `dst`, which is 16-byte aligned.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn store16(dst: &mut [u8], src: &[u8]) {
    use std::arch::x86_64::{__m128i, _mm_stream_si128};
    let v: __m128i = bytemuck::pod_read_unaligned(src);
    debug_assert!(dst.len() == 16 && dst.as_ptr().align_offset(16) == 0);
    // SAFETY: `dst` is a writable 16-byte slice starting on a 16-byte
    // boundary (`copy` splits it so), which is all `movntdq` requires; SSE2
    // is part of the x86-64 baseline.
    unsafe { _mm_stream_si128(dst.as_mut_ptr().cast::<__m128i>(), v) }
}

/// Orders this thread's streaming stores before its later stores.
#[inline]
fn fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `sfence` has no preconditions; SSE is part of the x86-64
    // baseline.
    unsafe {
        std::arch::x86_64::_mm_sfence()
    }
}

/// Calls `f` with a [`Streamer`], whose [`Streamer::copy`] writes with
/// streaming (non-temporal) stores, which skip the cache: for output that
/// is larger than the cache and not read again soon, such as the rows of a
/// large output frame. They save the read of each line before it is written
/// (a third of the memory traffic of a copy) and leave the cache to the
/// data still in use; data that is read again soon should be written with
/// plain stores. Call it around the work of one task (a strip or a band
/// of rows), on the thread that does it: when `f` returns or unwinds, a
/// fence orders the streamed stores before anything the thread does next,
/// such as telling another thread the task is done. What [`Streamer::copy`]
/// writes stays borrowed until then.
///
/// ```
/// let src = vec![1.5f32; 1000];
/// let mut dst = vec![0.0f32; 1000];
/// let (a, b) = dst.split_at_mut(500);
/// ofx_plugin::simd::streaming(|s| {
///     s.copy(a, &src[..500]);
///     s.copy(b, &src[500..]);
/// });
/// assert_eq!(dst, src);
/// ```
///
/// Reading a destination before the fence does not compile:
///
/// ```compile_fail
/// let src = vec![1.5f32; 64];
/// let mut dst = vec![0.0f32; 64];
/// ofx_plugin::simd::streaming(|s| {
///     s.copy(&mut dst, &src);
///     assert_eq!(dst[0], 1.5); // the stores may still be in flight
/// });
/// ```
#[inline(always)]
pub fn streaming<'s, R>(f: impl FnOnce(&Streamer<'s>) -> R) -> R {
    struct Fence;
    impl Drop for Fence {
        fn drop(&mut self) {
            fence();
        }
    }
    let _fence = Fence;
    f(&Streamer {
        _not_send: core::marker::PhantomData,
        _scope: core::marker::PhantomData,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_every_byte_whatever_the_alignment() {
        let src: Vec<u8> = (0..300u32).map(|i| (i * 37 % 251) as u8).collect();
        for start in 0..20 {
            for len in [0, 1, 15, 16, 17, 63, 64, 65, 200, 280 - start] {
                let mut dst = vec![0xAAu8; 300];
                streaming(|s| s.copy(&mut dst[start..start + len], &src[..len]));
                assert_eq!(&dst[start..start + len], &src[..len], "{start} {len}");
                assert!(dst[..start].iter().all(|&b| b == 0xAA), "before {start}");
                assert!(dst[start + len..].iter().all(|&b| b == 0xAA), "after");
            }
        }
        let floats: Vec<f32> = (0..100).map(|i| i as f32 * 0.5).collect();
        let mut out = vec![0.0f32; 100];
        let r = streaming(|s| {
            s.copy(&mut out[3..], &floats[3..]);
            7
        });
        assert_eq!((r, &out[3..]), (7, &floats[3..]));
    }

    #[test]
    fn prefetching_changes_nothing() {
        // Every kind of reference a caller can hold: slice elements up to
        // the last one, a zero-sized value (whose address points at no
        // memory), a value on the stack, one in a page of its own.
        let data: Vec<u64> = (0..4096).collect();
        for v in &data {
            prefetch(v);
        }
        prefetch(&());
        prefetch(&[0u8; 0]);
        let local = [1.5f32; 16];
        prefetch(&local);
        let page = vec![7u8; 1 << 16];
        prefetch(&page[page.len() - 1]);
        assert_eq!(data, (0..4096).collect::<Vec<u64>>());
        assert_eq!(local, [1.5; 16]);
        assert!(page.iter().all(|&b| b == 7));
    }

    #[test]
    #[should_panic(expected = "the source has 3 elements but the destination has 2")]
    fn lengths_must_match() {
        let mut dst = [0u8; 2];
        streaming(|s| s.copy(&mut dst, &[1u8; 3]));
    }
}

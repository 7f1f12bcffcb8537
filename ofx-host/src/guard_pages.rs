//! Raw pixel memory: plain heap blocks, or `mmap`'ed blocks between two
//! `PROT_NONE` guard pages whose faults are reported by name.
//!
//! This is the only place where [`crate::image`] touches raw memory. A
//! [`Region`] owns its bytes through a raw pointer (never through a Rust
//! reference that a plugin's writes could alias), and hands out slices only
//! for the duration of a borrow of the region.
//!
//! A guarded region puts its bytes so that they *end* exactly at the trailing
//! guard page (up to the element alignment), and the bytes between the
//! leading guard page and the start of the buffer ("front slack") plus the
//! few alignment bytes at the end ("tail slack") stay accessible: the image
//! fills them with canaries. A plugin overrunning the end of the buffer
//! therefore faults on its first byte past the end; one overrunning the start
//! faults once it passes the front slack, and its writes into the slack are
//! caught by the canary check.
//!
//! The fault handler lives in `shim/guard.c` (async-signal-safe C). When an
//! access lands in a registered guard page it writes one line starting with
//! [`FAULT_PREFIX`] to stderr and leaves with [`GUARD_FAULT_EXIT_CODE`]; any
//! other fault goes to the handler installed before it (Rust's own stack
//! overflow handler, or the default action).

use std::ffi::{c_char, c_int};
use std::io;
use std::ptr::NonNull;
use std::sync::OnceLock;

/// The exit code of a process whose plugin touched a guard page.
pub const GUARD_FAULT_EXIT_CODE: i32 = 87;

/// How every guard-page diagnosis line starts.
pub const FAULT_PREFIX: &str = "ofx-host: guard page: ";

/// Alignment of heap regions (enough for any pixel component and for SIMD
/// loads a plugin may do).
const HEAP_ALIGN: usize = 64;

unsafe extern "C" {
    fn ofxhost_guard_register(
        map_lo: usize,
        map_hi: usize,
        buf_lo: usize,
        buf_hi: usize,
        stride: isize,
        top_down: c_int,
        x1: c_int,
        y1: c_int,
        x2: c_int,
        y2: c_int,
        bytes_per_pixel: c_int,
        name: *const c_char,
        name_len: usize,
    ) -> c_int;
    fn ofxhost_guard_unregister(slot: c_int);
    fn ofxhost_guard_install() -> c_int;
    fn ofxhost_guard_exit_code() -> c_int;
}

/// What the fault handler needs to describe an access to a guarded image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardGeometry {
    /// The image's name, as printed in the diagnosis (cut to 63 bytes).
    pub name: String,
    /// Bytes from one row to the next in memory (always positive).
    pub stride: usize,
    /// Rows are stored top row first (negative row bytes).
    pub top_down: bool,
    /// Pixel bounds: x1, y1, x2, y2 (x2/y2 exclusive).
    pub bounds: [i32; 4],
    /// Bytes per pixel.
    pub bytes_per_pixel: usize,
}

#[derive(Debug)]
enum Kind {
    /// Allocated with the global allocator, `alloc_len` bytes at `base`.
    Heap { alloc_len: usize },
    /// A plain read-write anonymous `mmap` of `map_len` bytes at `base`
    /// (large unguarded buffers: zero pages arrive on first touch, with no
    /// up-front clearing pass).
    Pages { map_len: usize },
    /// An `mmap` of `map_len` bytes at `base`, first and last page
    /// `PROT_NONE`; `slot` is the registry slot while registered.
    Mapped { map_len: usize, slot: Option<c_int> },
}

/// An owned block of pixel memory.
#[derive(Debug)]
pub struct Region {
    /// Start of the allocation (heap) or of the mapping (guarded).
    base: NonNull<u8>,
    /// Offset from `base` to the first byte of the buffer.
    start: usize,
    /// Length of the buffer in bytes.
    len: usize,
    /// Accessible bytes before the buffer (guarded regions only).
    front: usize,
    /// Accessible bytes after the buffer (guarded regions only).
    tail: usize,
    kind: Kind,
}

// SAFETY: a Region exclusively owns its memory (nothing else frees or
// reallocates it), and all access from safe code goes through `&self`/`&mut
// self` borrows, so moving it to another thread is sound.
unsafe impl Send for Region {}
// SAFETY: shared access only produces shared slices of the owned bytes; the
// raw pointer given to plugins is the host's documented contract (the driver
// decides who writes when), exactly like a C host's image buffer.
unsafe impl Sync for Region {}

/// Asks the kernel to back the 2 MiB-aligned part of a large block with
/// transparent huge pages: a 4K float frame is then a few dozen page faults
/// on first write instead of tens of thousands (a host's frame pool costs
/// nothing per render either). Only a hint; failures are ignored.
fn advise_huge_pages(ptr: *mut u8, len: usize) {
    const HUGE: usize = 2 << 20;
    if len < 2 * HUGE {
        return;
    }
    let start = (ptr as usize).next_multiple_of(HUGE);
    let end = (ptr as usize + len) / HUGE * HUGE;
    if end > start {
        // SAFETY: [start, end) lies inside the block just allocated and
        // owned by the caller; madvise(MADV_HUGEPAGE) changes no contents.
        unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
    }
}

/// Large unguarded mappings kept after their image is dropped, for the next
/// image of the same size, as a host's frame pool: repeated renders of a
/// big frame then clear warm memory instead of faulting fresh pages in.
mod pool {
    use std::ptr::NonNull;
    use std::sync::Mutex;

    /// At most this many bytes wait in the pool.
    const LIMIT: usize = 512 << 20;

    struct Free(Vec<(usize, usize)>);

    static FREE: Mutex<Free> = Mutex::new(Free(Vec::new()));

    /// A pooled mapping of exactly `map_len` bytes, if one waits.
    pub(super) fn take(map_len: usize) -> Option<NonNull<u8>> {
        let mut f = FREE.lock().unwrap_or_else(|e| e.into_inner());
        let i = f.0.iter().position(|(l, _)| *l == map_len)?;
        let (_, addr) = f.0.swap_remove(i);
        NonNull::new(addr as *mut u8)
    }

    /// Keeps a mapping for reuse; false when the pool is full (the caller
    /// unmaps it then).
    pub(super) fn give(base: NonNull<u8>, map_len: usize) -> bool {
        let mut f = FREE.lock().unwrap_or_else(|e| e.into_inner());
        let held: usize = f.0.iter().map(|(l, _)| l).sum();
        if held + map_len > LIMIT {
            return false;
        }
        f.0.push((map_len, base.as_ptr() as usize));
        true
    }
}

/// The system page size.
pub fn page_size() -> usize {
    static PAGE: OnceLock<usize> = OnceLock::new();
    *PAGE.get_or_init(|| {
        // SAFETY: sysconf has no preconditions.
        let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        if n > 0 { n as usize } else { 4096 }
    })
}

/// The machine's physical memory in bytes (`usize::MAX` when the system
/// does not say): no image larger than this is allocated, since mappings
/// are made without reserving swap and touching more would end in the
/// kernel killing the process instead of an error.
pub fn physical_memory() -> usize {
    static BYTES: OnceLock<usize> = OnceLock::new();
    *BYTES.get_or_init(|| {
        // SAFETY: sysconf has no preconditions.
        let pages = unsafe { libc::sysconf(libc::_SC_PHYS_PAGES) };
        if pages > 0 {
            (pages as usize).saturating_mul(page_size())
        } else {
            usize::MAX
        }
    })
}

fn install_handler() -> io::Result<()> {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    // SAFETY: the shim function only calls sigaction(2) once.
    let ok = *INSTALLED.get_or_init(|| unsafe { ofxhost_guard_install() } == 0);
    if ok {
        Ok(())
    } else {
        Err(io::Error::other("could not install the guard-page handler"))
    }
}

/// The exit code the C handler uses (checked against [`GUARD_FAULT_EXIT_CODE`]
/// by the tests).
pub fn handler_exit_code() -> i32 {
    // SAFETY: a pure function in the shim.
    unsafe { ofxhost_guard_exit_code() }
}

impl Region {
    /// A block of `len` bytes, 64-byte aligned: from the global allocator
    /// when small, from an anonymous mapping when large (a 4K float frame is
    /// not cleared byte by byte before the plugin writes it: the kernel
    /// supplies zero pages, huge ones where it can), or from the pool of
    /// mappings when one of the same size waits; `None` when memory runs out. With
    /// `fill`, every byte is that value; without, there is no pass over the
    /// bytes: a block reused from the pool keeps its previous contents
    /// (which were written, so reading them is defined) and a new one reads
    /// as zeros.
    pub fn try_new(len: usize, fill: Option<u8>) -> Option<Region> {
        // A new mapping or zeroed allocation needs no pass for a zero fill.
        let byte = fill.unwrap_or(0);
        const MAP_FROM: usize = 1 << 20;
        if len >= MAP_FROM {
            let map_len = len.div_ceil(page_size()) * page_size();
            if let Some(base) = pool::take(map_len) {
                if fill.is_some() {
                    // SAFETY: a mapping of `map_len` read-write bytes this
                    // module created and nobody else references (it left
                    // the pool).
                    unsafe { std::ptr::write_bytes(base.as_ptr(), byte, len) };
                }
                return Some(Region::pages(base, len, map_len));
            }
            // SAFETY: an anonymous private read-write mapping with no
            // address hint; the result is checked against MAP_FAILED. No
            // swap is reserved for it: its pages are zero until written, and
            // a huge image of which a plugin writes a few rows costs only
            // those rows.
            let p = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    map_len,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                    -1,
                    0,
                )
            };
            if p != libc::MAP_FAILED {
                advise_huge_pages(p.cast(), map_len);
                if let Some(base) = NonNull::new(p.cast::<u8>()) {
                    if byte != 0 {
                        // SAFETY: the fresh mapping has `map_len >= len`
                        // writable bytes.
                        unsafe { std::ptr::write_bytes(base.as_ptr(), byte, len) };
                    }
                    return Some(Region::pages(base, len, map_len));
                }
            }
        }
        let alloc_len = len.max(1);
        let layout = std::alloc::Layout::from_size_align(alloc_len, HEAP_ALIGN).ok()?;
        // SAFETY: the layout has a non-zero size.
        let ptr = unsafe {
            if byte == 0 {
                std::alloc::alloc_zeroed(layout)
            } else {
                std::alloc::alloc(layout)
            }
        };
        let base = NonNull::new(ptr)?;
        if byte != 0 {
            // SAFETY: a fresh allocation of `alloc_len >= len` bytes.
            unsafe { std::ptr::write_bytes(base.as_ptr(), byte, len) };
        }
        Some(Region {
            base,
            start: 0,
            len,
            front: 0,
            tail: 0,
            kind: Kind::Heap { alloc_len },
        })
    }

    /// An unguarded region of `len` bytes at the start of a read-write
    /// mapping of `map_len` bytes at `base`.
    fn pages(base: NonNull<u8>, len: usize, map_len: usize) -> Region {
        Region {
            base,
            start: 0,
            len,
            front: 0,
            tail: 0,
            kind: Kind::Pages { map_len },
        }
    }

    /// A zeroed block of `len` bytes between two `PROT_NONE` pages, ending
    /// at the trailing guard page; its start is aligned to `align` (a power
    /// of two no larger than a page).
    pub fn guarded(len: usize, align: usize) -> io::Result<Region> {
        install_handler()?;
        let page = page_size();
        let align = align.clamp(1, page).next_power_of_two();
        let body = (len + align - 1).div_ceil(page).max(1) * page;
        let map_len = body + 2 * page;
        // SAFETY: an anonymous private mapping with no address hint; the
        // result is checked against MAP_FAILED.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                map_len,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        let base =
            NonNull::new(p.cast::<u8>()).ok_or_else(|| io::Error::other("mmap gave null"))?;
        // SAFETY: the range [base + page, base + page + body) lies inside the
        // mapping just created.
        let rc = unsafe {
            libc::mprotect(
                p.cast::<u8>().add(page).cast(),
                body,
                libc::PROT_READ | libc::PROT_WRITE,
            )
        };
        if rc != 0 {
            let err = io::Error::last_os_error();
            // SAFETY: unmapping exactly the mapping created above.
            unsafe { libc::munmap(p, map_len) };
            return Err(err);
        }
        let end = page + body;
        let addr_end = base.as_ptr() as usize + end;
        let start_addr = (addr_end - len) & !(align - 1);
        let start = start_addr - base.as_ptr() as usize;
        Ok(Region {
            base,
            start,
            len,
            front: start - page,
            tail: end - start - len,
            kind: Kind::Mapped {
                map_len,
                slot: None,
            },
        })
    }

    /// True for a region between guard pages.
    pub fn is_guarded(&self) -> bool {
        matches!(self.kind, Kind::Mapped { .. })
    }

    /// Length of the buffer in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the buffer holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Address of the first byte of the buffer. Plugins get pointers derived
    /// from this; it is never derived from a Rust reference.
    pub fn as_ptr(&self) -> *mut u8 {
        self.base.as_ptr().wrapping_add(self.start)
    }

    /// The buffer's bytes.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: [start, start + len) is owned, initialised (zeroed at
        // creation) and readable; the borrow of self keeps it alive.
        unsafe { std::slice::from_raw_parts(self.as_ptr(), self.len) }
    }

    /// The buffer's bytes, writable.
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: as in `bytes`, and `&mut self` makes the borrow unique.
        unsafe { std::slice::from_raw_parts_mut(self.as_ptr(), self.len) }
    }

    /// The accessible bytes before the buffer (empty unless guarded).
    pub fn front_slack(&self) -> &[u8] {
        // SAFETY: [start - front, start) lies in the read-write body of the
        // mapping (front is 0 for heap regions).
        unsafe { std::slice::from_raw_parts(self.as_ptr().wrapping_sub(self.front), self.front) }
    }

    /// The accessible bytes after the buffer (empty unless guarded).
    pub fn tail_slack(&self) -> &[u8] {
        // SAFETY: [start + len, start + len + tail) lies in the read-write
        // body of the mapping (tail is 0 for heap regions).
        unsafe { std::slice::from_raw_parts(self.as_ptr().wrapping_add(self.len), self.tail) }
    }

    /// Fills both slacks with `byte`.
    pub fn fill_slack(&mut self, byte: u8) {
        let (front, tail) = (self.front, self.tail);
        // SAFETY: as in `front_slack`/`tail_slack`; `&mut self` makes the
        // borrow unique.
        unsafe {
            std::slice::from_raw_parts_mut(self.as_ptr().wrapping_sub(front), front).fill(byte);
            std::slice::from_raw_parts_mut(self.as_ptr().wrapping_add(self.len), tail).fill(byte);
        }
    }

    /// Registers (or re-registers) the geometry the fault handler prints.
    /// Does nothing for heap regions. Fails when the registry is full.
    pub fn set_geometry(&mut self, g: &GuardGeometry) -> io::Result<()> {
        let map_lo = self.base.as_ptr() as usize;
        let buf_lo = self.as_ptr() as usize;
        let Kind::Mapped { map_len, slot } = &mut self.kind else {
            return Ok(());
        };
        if let Some(old) = slot.take() {
            // SAFETY: `old` came from a successful registration of this region.
            unsafe { ofxhost_guard_unregister(old) };
        }
        let name = g.name.as_bytes();
        // SAFETY: plain values, and `name` is valid for `name.len()` bytes
        // during the call (the shim copies it).
        let s = unsafe {
            ofxhost_guard_register(
                map_lo,
                map_lo + *map_len,
                buf_lo,
                buf_lo + self.len,
                g.stride as isize,
                c_int::from(g.top_down),
                g.bounds[0],
                g.bounds[1],
                g.bounds[2],
                g.bounds[3],
                g.bytes_per_pixel as c_int,
                name.as_ptr().cast(),
                name.len(),
            )
        };
        if s < 0 {
            return Err(io::Error::other("guard-page registry is full"));
        }
        *slot = Some(s);
        Ok(())
    }

    /// Reads the byte at `offset` from the start of the buffer. The offset
    /// must lie in the region's own memory, guard pages included, or an
    /// error comes back; in a guard page the process reports the fault and
    /// exits with [`GUARD_FAULT_EXIT_CODE`].
    ///
    /// With [`Region::poke`], this lets a validator prove that its guard
    /// pages are armed, and lets tests play a stray plugin without `unsafe`.
    pub fn peek(&self, offset: isize) -> Result<u8, String> {
        let p = self.own_address(offset)?;
        // SAFETY: `p` is inside this region's own allocation or mapping.
        // Accessible bytes are initialised; a guard page faults and the
        // handler ends the process before the access completes.
        Ok(unsafe { std::ptr::read_volatile(p) })
    }

    /// Writes `value` at `offset` from the start of the buffer (only a
    /// write, no read first), with the same rules as [`Region::peek`].
    pub fn poke(&mut self, offset: isize, value: u8) -> Result<(), String> {
        let p = self.own_address(offset)?;
        // SAFETY: as in `peek`; `&mut self` means no Rust reference
        // aliases the byte.
        unsafe { std::ptr::write_volatile(p, value) };
        Ok(())
    }

    fn own_address(&self, offset: isize) -> Result<*mut u8, String> {
        let (lo, hi) = match self.kind {
            Kind::Heap { .. } | Kind::Pages { .. } => (0isize, self.len as isize),
            Kind::Mapped { map_len, .. } => (
                -(self.start as isize),
                map_len as isize - self.start as isize,
            ),
        };
        if offset < lo || offset >= hi {
            return Err(format!(
                "offset {offset} is outside this region's memory ({lo}..{hi})"
            ));
        }
        Ok(self.as_ptr().wrapping_offset(offset))
    }
}

impl Drop for Region {
    fn drop(&mut self) {
        match self.kind {
            Kind::Heap { alloc_len } => {
                if let Ok(layout) = std::alloc::Layout::from_size_align(alloc_len, HEAP_ALIGN) {
                    // SAFETY: allocated in `heap` with this very layout.
                    unsafe { std::alloc::dealloc(self.base.as_ptr(), layout) };
                }
            }
            Kind::Pages { map_len } => {
                if !pool::give(self.base, map_len) {
                    // SAFETY: unmapping exactly the mapping created in `heap`.
                    unsafe { libc::munmap(self.base.as_ptr().cast(), map_len) };
                }
            }
            Kind::Mapped { map_len, slot } => {
                if let Some(s) = slot {
                    // SAFETY: `s` came from a successful registration.
                    unsafe { ofxhost_guard_unregister(s) };
                }
                // SAFETY: unmapping exactly the mapping created in `guarded`,
                // after the handler stopped knowing about it.
                unsafe { libc::munmap(self.base.as_ptr().cast(), map_len) };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_code_matches_the_shim() {
        assert_eq!(handler_exit_code(), GUARD_FAULT_EXIT_CODE);
    }

    #[test]
    fn guarded_region_ends_at_the_trailing_guard_page() {
        let page = page_size();
        for len in [0usize, 1, 12, page - 4, page, page + 8, 3 * page + 100] {
            let r = Region::guarded(len, 4).unwrap();
            let end = r.as_ptr() as usize + r.len();
            assert!(r.tail_slack().len() < 4, "len {len}");
            assert_eq!((end + r.tail_slack().len()) % page, 0, "len {len}");
            assert_eq!(r.as_ptr() as usize % 4, 0);
            assert!(r.bytes().iter().all(|&b| b == 0));
        }
    }

    #[test]
    fn touch_refuses_foreign_offsets() {
        let mut r = Region::try_new(16, Some(0)).unwrap();
        assert!(r.peek(16).is_err());
        assert!(r.poke(-1, 1).is_err());
        assert_eq!(r.peek(15), Ok(0));
        assert_eq!(r.poke(15, 3), Ok(()));
        assert_eq!(r.bytes()[15], 3);
        let mut g = Region::guarded(16, 4).unwrap();
        let page = page_size() as isize;
        assert!(g.peek(page + 16).is_err());
        assert!(
            g.poke(-(g.front_slack().len() as isize) - page - 1, 0)
                .is_err()
        );
    }
}

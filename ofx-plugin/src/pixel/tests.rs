//! The views against a straightforward reference model, and every error of
//! checked construction.

use core::ffi::c_void;

use proptest::prelude::*;

use super::*;
use crate::ErrorKind;
use crate::geometry::RectI;

/// A pixel type whose values can be told apart by index.
trait Mark: Pixel {
    fn mark(i: usize) -> Self;
}

impl Mark for Rgba<u16> {
    fn mark(i: usize) -> Self {
        Rgba::new(i as u16, (i >> 16) as u16, 0x5A5A, (i >> 32) as u16)
    }
}

impl Mark for Rgb<u8> {
    fn mark(i: usize) -> Self {
        Rgb::new(i as u8, (i >> 8) as u8, (i >> 16) as u8)
    }
}

impl Mark for Alpha<f32> {
    fn mark(i: usize) -> Self {
        Alpha::new(i as f32)
    }
}

/// The reference model: where pixel `(x, y)` lives in a buffer holding the
/// image with the given stride (in elements), rows stored top-down when the
/// stride is negative.
#[derive(Debug, Clone, Copy)]
struct Model {
    bounds: RectI,
    stride: isize,
}

impl Model {
    fn index(&self, x: i32, y: i32) -> Option<usize> {
        let b = self.bounds;
        if !(b.x1 <= x && x < b.x2 && b.y1 <= y && y < b.y2) {
            return None;
        }
        let dx = (x - b.x1) as usize;
        let dy = (y - b.y1) as usize;
        let h = (b.y2 - b.y1) as usize;
        let row = if self.stride >= 0 { dy } else { h - 1 - dy };
        Some(row * self.stride.unsigned_abs() + dx)
    }

    fn len_needed(&self) -> usize {
        let b = self.bounds;
        let (w, h) = (b.width() as usize, b.height() as usize);
        if w == 0 || h == 0 {
            0
        } else {
            (h - 1) * self.stride.unsigned_abs() + w
        }
    }

    /// The pixels of row `y` between `x1` and `x2`, read from the buffer.
    fn row<P: Copy>(&self, buf: &[P], y: i32, x1: i32, x2: i32) -> Vec<P> {
        (x1..x2).map(|x| buf[self.index(x, y).unwrap()]).collect()
    }
}

/// The part of `b` inside `w`, as the views define it: the intersection, or
/// an empty rect with no rows.
fn clip(b: RectI, w: RectI) -> RectI {
    b.intersection(&w)
        .unwrap_or(RectI::new(b.x1, b.y1, b.x1, b.y1))
}

/// The ys the model has rows for: none when the bounds hold no pixel.
fn rows_of(b: RectI) -> core::ops::Range<i32> {
    if b.is_empty() { b.y1..b.y1 } else { b.y1..b.y2 }
}

#[derive(Debug, Clone)]
struct Case {
    model: Model,
    slack: usize,
    window: RectI,
    tile: (u32, u32),
}

fn case() -> impl Strategy<Value = Case> {
    (
        (-40i32..40, -40i32..40, 0i32..10, 0i32..10),
        0isize..4,
        any::<bool>(),
        0usize..3,
        (-8i32..8, -8i32..8, 0i32..20, 0i32..20),
        (0u32..5, 0u32..5),
    )
        .prop_map(|((x, y, w, h), pad, neg, slack, (wx, wy, ww, wh), tile)| {
            let bounds = RectI::new(x, y, x + w, y + h);
            let stride = (w as isize + pad) * if neg { -1 } else { 1 };
            let window = RectI::new(x + wx, y + wy, x + wx + ww, y + wy + wh);
            Case {
                model: Model { bounds, stride },
                slack,
                window,
                tile,
            }
        })
}

fn buffer<P: Mark>(c: &Case) -> Vec<P> {
    (0..c.model.len_needed() + c.slack).map(P::mark).collect()
}

/// Every read accessor of `view` against the model over `buf`.
fn check_reads<P: Mark>(view: ImageView<'_, P>, buf: &[P], c: &Case) -> Result<(), TestCaseError> {
    let m = c.model;
    let b = m.bounds;
    prop_assert_eq!(view.bounds(), b);
    prop_assert_eq!(view.row_bytes(), m.stride * size_of::<P>() as isize);
    for y in b.y1 - 2..b.y2 + 2 {
        let row = view.row(y);
        if b.y1 <= y && y < b.y2 && !b.is_empty() {
            prop_assert_eq!(row.map(<[P]>::to_vec), Some(m.row(buf, y, b.x1, b.x2)));
        } else {
            prop_assert!(row.is_none());
        }
        for x in b.x1 - 2..b.x2 + 2 {
            prop_assert_eq!(view.pixel(x, y), m.index(x, y).map(|i| &buf[i]));
        }
    }
    // Rows: y ascending, whatever the memory order, and back again.
    let ys: Vec<i32> = view.rows().map(|(y, _)| y).collect();
    prop_assert_eq!(ys, rows_of(b).collect::<Vec<_>>());
    for (y, row) in view.rows() {
        prop_assert_eq!(row.to_vec(), m.row(buf, y, b.x1, b.x2));
    }
    let down: Vec<i32> = view.rows().rev().map(|(y, _)| y).collect();
    prop_assert_eq!(down, rows_of(b).rev().collect::<Vec<_>>());
    prop_assert_eq!(view.rows().len(), rows_of(b).len());

    // Windows.
    let cl = clip(b, c.window);
    let sub = view.sub_window(c.window);
    prop_assert_eq!(sub.bounds(), cl);
    prop_assert_eq!(sub.row_bytes(), view.row_bytes());
    for y in b.y1 - 1..b.y2 + 1 {
        for x in b.x1 - 1..b.x2 + 1 {
            let expect = if cl.contains_point(x, y) {
                m.index(x, y).map(|i| &buf[i])
            } else {
                None
            };
            prop_assert_eq!(sub.pixel(x, y), expect);
        }
    }
    let rows_in: Vec<(i32, Vec<P>)> = view
        .rows_in(c.window)
        .map(|(y, r)| (y, r.to_vec()))
        .collect();
    let expect: Vec<(i32, Vec<P>)> = (cl.y1..cl.y2)
        .map(|y| (y, m.row(buf, y, cl.x1, cl.x2)))
        .collect();
    prop_assert_eq!(&rows_in, &expect);
    let sub: Vec<(i32, Vec<P>)> = view
        .sub_window(c.window)
        .rows()
        .map(|(y, r)| (y, r.to_vec()))
        .collect();
    prop_assert_eq!(&sub, &expect);
    Ok(())
}

/// What the writing tests store at `(x, y)`.
fn written<P: Mark>(x: i32, y: i32) -> P {
    P::mark(1_000_000 + ((x + 1000) as usize) * 4096 + (y + 1000) as usize)
}

/// Checks that exactly the pixels of `region` hold `written(x, y)` and that
/// every other element of the buffer (other pixels, padding, slack) is as
/// it was.
fn check_writes<P: Mark>(
    buf: &[P],
    orig: &[P],
    m: &Model,
    region: RectI,
) -> Result<(), TestCaseError> {
    let mut expect = orig.to_vec();
    for y in region.y1..region.y2 {
        for x in region.x1..region.x2 {
            expect[m.index(x, y).unwrap()] = written(x, y);
        }
    }
    prop_assert!(buf == expect.as_slice(), "buffer differs from the model");
    Ok(())
}

fn check_mutation<P: Mark>(c: &Case) -> Result<(), TestCaseError> {
    let m = c.model;
    let b = m.bounds;
    let orig: Vec<P> = buffer(c);
    let cl = clip(b, c.window);

    // Sequential rows, every pixel.
    let mut buf = orig.clone();
    let mut view = ImageViewMut::from_slice_mut(&mut buf, b, m.stride).unwrap();
    check_reads(view.as_view(), &orig, c)?;
    let mut seen = Vec::new();
    for (y, row) in view.rows_mut() {
        prop_assert_eq!(row.y(), y);
        prop_assert_eq!(row.x1(), b.x1);
        prop_assert_eq!(row.x_range(), b.x1..b.x2);
        seen.push(y);
        for (x, px) in row {
            *px = written(x, y);
        }
    }
    prop_assert_eq!(seen, rows_of(b).collect::<Vec<_>>());
    check_writes(&buf, &orig, &m, b)?;

    // Rows from the top, through `&mut row`.
    let mut buf = orig.clone();
    let mut view = ImageViewMut::from_slice_mut(&mut buf, b, m.stride).unwrap();
    let mut ys = Vec::new();
    for (y, mut row) in view.rows_mut().rev() {
        ys.push(y);
        for (x, px) in &mut row {
            *px = written(x, y);
        }
        if let Some(&x) = row.x_range().collect::<Vec<_>>().last() {
            prop_assert_eq!(row.at(x), Some(&written::<P>(x, y)));
            prop_assert!(row.at(x + 1).is_none() && row.at(row.x1() - 1).is_none());
        }
    }
    prop_assert_eq!(ys, rows_of(b).rev().collect::<Vec<_>>());
    check_writes(&buf, &orig, &m, b)?;

    // Single pixels.
    let mut buf = orig.clone();
    let mut view = ImageViewMut::from_slice_mut(&mut buf, b, m.stride).unwrap();
    for y in b.y1 - 1..b.y2 + 1 {
        for x in b.x1 - 1..b.x2 + 1 {
            if cl.contains_point(x, y) {
                *view.pixel_mut(x, y).unwrap() = written(x, y);
            } else if !b.contains_point(x, y) {
                prop_assert!(view.pixel_mut(x, y).is_none());
            }
        }
    }
    check_writes(&buf, &orig, &m, cl)?;

    // Parallel rows of a window, each visited once.
    let mut buf = orig.clone();
    let mut view = ImageViewMut::from_slice_mut(&mut buf, b, m.stride).unwrap();
    let visits = std::sync::atomic::AtomicUsize::new(0);
    view.sub_window_mut(c.window).par_rows(|row| {
        visits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let y = row.y();
        for (x, px) in row {
            *px = written(x, y);
        }
    });
    prop_assert_eq!(visits.into_inner(), rows_of(cl).len());
    check_writes(&buf, &orig, &m, cl)?;

    // Rows of a window, sequentially, and row_mut.
    let mut buf = orig.clone();
    let mut view = ImageViewMut::from_slice_mut(&mut buf, b, m.stride).unwrap();
    let mut sub = view.sub_window_mut(c.window);
    prop_assert_eq!(sub.bounds(), cl);
    for y in cl.y1..cl.y2 {
        let row = sub.row_mut(y).unwrap();
        for (i, px) in row.iter_mut().enumerate() {
            *px = written(cl.x1 + i as i32, y);
        }
    }
    prop_assert!(sub.row_mut(cl.y2).is_none());
    check_writes(&buf, &orig, &m, cl)?;
    let mut buf2 = orig.clone();
    let mut view = ImageViewMut::from_slice_mut(&mut buf2, b, m.stride).unwrap();
    for (y, row) in view.rows_mut_in(c.window) {
        for (x, px) in row {
            *px = written(x, y);
        }
    }
    prop_assert!(buf == buf2);

    // Tiles: disjoint, covering the window, each written through its rows.
    let mut buf = orig.clone();
    let mut view = ImageViewMut::from_slice_mut(&mut buf, b, m.stride).unwrap();
    let (tw, th) = c.tile;
    let tiles: Vec<RectI> = view
        .tiles_mut(c.window, tw, th)
        .map(|t| t.bounds())
        .collect();
    let area: u64 = tiles
        .iter()
        .map(|t| u64::from(t.width()) * u64::from(t.height()))
        .sum();
    prop_assert_eq!(area, u64::from(cl.width()) * u64::from(cl.height()));
    for (i, t) in tiles.iter().enumerate() {
        prop_assert!(!t.is_empty() && cl.contains(t));
        prop_assert!(t.width() <= tw.max(1) && t.height() <= th.max(1));
        for u in &tiles[i + 1..] {
            prop_assert!(!t.intersects(u));
        }
    }
    let seen = std::sync::Mutex::new(Vec::new());
    view.sub_window_mut(c.window)
        .par_tiles(tw, th, |i, mut tile| {
            seen.lock().unwrap().push((i, tile.bounds()));
            for (y, row) in tile.rows_mut() {
                for (x, px) in row {
                    *px = written(x, y);
                }
            }
        });
    let mut seen = seen.into_inner().unwrap();
    seen.sort_by_key(|(i, _)| *i);
    // The same tiles as `tiles_mut`, numbered in its order.
    prop_assert_eq!(seen.into_iter().map(|(_, t)| t).collect::<Vec<_>>(), tiles);
    check_writes(&buf, &orig, &m, cl)?;

    // fill and copy_from.
    let mut buf = orig.clone();
    let mut view = ImageViewMut::from_slice_mut(&mut buf, b, m.stride).unwrap();
    view.sub_window_mut(c.window).fill(P::mark(7));
    let mut expect = orig.clone();
    for y in cl.y1..cl.y2 {
        for x in cl.x1..cl.x2 {
            expect[m.index(x, y).unwrap()] = P::mark(7);
        }
    }
    prop_assert!(buf == expect);
    let mut copy = orig.clone();
    let mut dst = ImageViewMut::from_slice_mut(&mut copy, b, m.stride).unwrap();
    let src = ImageView::from_slice(&buf, b, m.stride).unwrap();
    dst.sub_window_mut(c.window).copy_from(&src);
    prop_assert!(copy == expect);
    Ok(())
}

/// Views over raw pointers see the same pixels as views over slices.
fn check_raw<P: Mark>(c: &Case) -> Result<(), TestCaseError> {
    let m = c.model;
    let b = m.bounds;
    let mut buf: Vec<P> = buffer(c);
    let h = b.height() as usize;
    let origin = if m.stride < 0 && h > 0 && b.width() > 0 {
        (h - 1) * m.stride.unsigned_abs()
    } else {
        0
    };
    let layout = RawImageLayout {
        data: buf.as_mut_ptr().wrapping_add(origin).cast::<c_void>(),
        bounds: b,
        row_bytes: m.stride * size_of::<P>() as isize,
        depth: P::DEPTH,
        components: P::COMPONENTS,
    };
    prop_assert!(layout.check::<P>().is_ok());
    {
        // SAFETY: `buf` outlives the view and is not written while it lives;
        // the layout describes rows inside it.
        let view = unsafe { ImageView::<P>::from_raw(&layout) }.unwrap();
        check_reads(view, &buf, c)?;
    }
    let orig = buf.clone();
    {
        // SAFETY: `buf` outlives the view and is only accessed through it
        // while it lives; the layout describes rows inside it.
        let mut view = unsafe { ImageViewMut::<P>::from_raw(&layout) }.unwrap();
        view.sub_window_mut(c.window).par_rows(|row| {
            let y = row.y();
            for (x, px) in row {
                *px = written(x, y);
            }
        });
    }
    check_writes(&buf, &orig, &m, clip(b, c.window))?;
    Ok(())
}

/// A view over bytes with padding that is not a whole number of pixels.
fn check_bytes(c: &Case, pad_bytes: usize) -> Result<(), TestCaseError> {
    let b = c.model.bounds;
    let (w, h) = (b.width() as usize, b.height() as usize);
    let rb_abs = (w * 3 + pad_bytes) as isize;
    let rb = if c.model.stride < 0 { -rb_abs } else { rb_abs };
    let len = if w == 0 || h == 0 {
        0
    } else {
        (h - 1) * rb.unsigned_abs() + w * 3
    } + c.slack;
    let bytes: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
    let view = ImageView::<Rgb<u8>>::from_bytes(&bytes, b, rb).unwrap();
    for y in b.y1 - 1..b.y2 + 1 {
        for x in b.x1 - 1..b.x2 + 1 {
            let expect = b.contains_point(x, y).then(|| {
                let dy = (y - b.y1) as usize;
                let row = if rb >= 0 { dy } else { h - 1 - dy };
                let i = row * rb.unsigned_abs() + (x - b.x1) as usize * 3;
                Rgb::new(bytes[i], bytes[i + 1], bytes[i + 2])
            });
            prop_assert_eq!(view.pixel(x, y).copied(), expect);
        }
    }
    let mut owned = bytes.clone();
    let mut view = ImageViewMut::<Rgb<u8>>::from_bytes_mut(&mut owned, b, rb).unwrap();
    view.fill(Rgb::new(1, 2, 3));
    for (_, row) in view.rows() {
        prop_assert!(row.iter().all(|p| *p == Rgb::new(1, 2, 3)));
    }
    let changed = owned.iter().zip(&bytes).filter(|(a, b)| a != b).count();
    prop_assert!(changed <= w * h * 3);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn views_match_the_model_rgba_u16(c in case()) {
        let buf: Vec<Rgba<u16>> = buffer(&c);
        let view = ImageView::from_slice(&buf, c.model.bounds, c.model.stride).unwrap();
        check_reads(view, &buf, &c)?;
        check_mutation::<Rgba<u16>>(&c)?;
        check_raw::<Rgba<u16>>(&c)?;
    }

    #[test]
    fn views_match_the_model_rgb_u8(c in case()) {
        let buf: Vec<Rgb<u8>> = buffer(&c);
        let view = ImageView::from_slice(&buf, c.model.bounds, c.model.stride).unwrap();
        check_reads(view, &buf, &c)?;
        check_mutation::<Rgb<u8>>(&c)?;
        check_raw::<Rgb<u8>>(&c)?;
    }

    #[test]
    fn views_match_the_model_alpha_f32(c in case()) {
        check_mutation::<Alpha<f32>>(&c)?;
        check_raw::<Alpha<f32>>(&c)?;
    }

    #[test]
    fn byte_views_with_odd_padding(c in case(), pad in 0usize..5) {
        check_bytes(&c, pad)?;
    }

    #[test]
    fn short_buffers_are_rejected(c in case()) {
        let need = c.model.len_needed();
        prop_assume!(need > 0);
        let buf: Vec<Rgba<u16>> = (0..need - 1).map(Rgba::mark).collect();
        let e = ImageView::from_slice(&buf, c.model.bounds, c.model.stride).unwrap_err();
        prop_assert_eq!(e.kind(), ErrorKind::ImageFormat);
    }
}

// ---- Checked construction: one test per error -------------------------

fn layout_of<P: Pixel>(buf: &mut [P], bounds: RectI, row_bytes: isize) -> RawImageLayout {
    RawImageLayout {
        data: buf.as_mut_ptr().cast(),
        bounds,
        row_bytes,
        depth: P::DEPTH,
        components: P::COMPONENTS,
    }
}

fn raw_error<P: Pixel>(layout: &RawImageLayout) -> String {
    let e = layout.check::<P>().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ImageFormat);
    // SAFETY: the layout is rejected before any memory is touched; no view
    // is created.
    let e2 = unsafe { ImageView::<P>::from_raw(layout) }.unwrap_err();
    // SAFETY: as above.
    let e3 = unsafe { ImageViewMut::<P>::from_raw(layout) }.unwrap_err();
    assert_eq!(e, e2);
    assert_eq!(e, e3);
    e.to_string()
}

#[test]
fn wrong_depth() {
    let mut buf = [Rgba::<u16>::default(); 4];
    let l = layout_of(&mut buf, RectI::new(0, 0, 2, 2), 16);
    assert_eq!(
        raw_error::<Rgba<u8>>(&l),
        "image has 16-bit integer components but the view expects 8-bit integer (Rgba<u8>)"
    );
}

#[test]
fn wrong_components() {
    let mut buf = [Rgb::<f32>::default(); 4];
    let l = layout_of(&mut buf, RectI::new(0, 0, 2, 2), 24);
    assert_eq!(
        raw_error::<Rgba<f32>>(&l),
        "image has RGB pixels but the view expects RGBA (Rgba<f32>)"
    );
    assert_eq!(
        raw_error::<Alpha<f32>>(&l),
        "image has RGB pixels but the view expects Alpha (Alpha<f32>)"
    );
}

#[test]
fn inverted_bounds() {
    let mut buf = [Rgba::<u8>::default(); 4];
    let l = layout_of(&mut buf, RectI::new(5, 0, 3, 2), 8);
    assert_eq!(
        raw_error::<Rgba<u8>>(&l),
        "image bounds (5, 0)-(3, 2) are inverted (x1 > x2 or y1 > y2)"
    );
    let l = layout_of(&mut buf, RectI::new(0, 1, 2, -1), 8);
    assert_eq!(
        raw_error::<Rgba<u8>>(&l),
        "image bounds (0, 1)-(2, -1) are inverted (x1 > x2 or y1 > y2)"
    );
}

#[test]
fn null_data() {
    let mut buf = [Rgba::<u8>::default(); 4];
    let mut l = layout_of(&mut buf, RectI::new(0, 0, 2, 2), 8);
    l.data = core::ptr::null_mut();
    assert_eq!(
        raw_error::<Rgba<u8>>(&l),
        "image data pointer is null for non-empty bounds (0, 0)-(2, 2)"
    );
}

#[test]
fn null_data_is_fine_for_an_empty_image() {
    for bounds in [
        RectI::new(0, 0, 0, 5),
        RectI::new(3, 3, 3, 3),
        RectI::new(-2, 4, 6, 4),
    ] {
        let l = RawImageLayout {
            data: core::ptr::null_mut(),
            bounds,
            row_bytes: -64,
            depth: BitDepth::F32,
            components: PixelComponents::Alpha,
        };
        // SAFETY: the image is empty, so no memory is described.
        let v = unsafe { ImageView::<Alpha<f32>>::from_raw(&l) }.unwrap();
        assert_eq!(v.bounds(), bounds);
        // No pixels, no rows.
        assert_eq!(v.rows().count(), 0);
        assert_eq!(v.row(bounds.y1), None);
        // SAFETY: as above.
        let mut m = unsafe { ImageViewMut::<Alpha<f32>>::from_raw(&l) }.unwrap();
        assert_eq!(m.rows_mut().count(), 0);
        assert_eq!(m.row_mut(bounds.y1), None);
        m.par_rows(|_| panic!("an empty view has no rows"));
        assert_eq!(m.pixel(bounds.x1, bounds.y1), None);
    }
}

#[test]
fn misaligned_data() {
    let mut buf = [Rgba::<f32>::default(); 8];
    let mut l = layout_of(&mut buf, RectI::new(0, 0, 2, 2), 32);
    l.data = l.data.cast::<u8>().wrapping_add(2).cast();
    let msg = raw_error::<Rgba<f32>>(&l);
    assert!(msg.starts_with("image data pointer 0x"), "{msg}");
    assert!(
        msg.ends_with(" is not aligned to the 4-byte alignment of f32 components"),
        "{msg}"
    );
}

#[test]
fn misaligned_row_bytes() {
    let mut buf = [Rgba::<f32>::default(); 8];
    let l = layout_of(&mut buf, RectI::new(0, 0, 2, 2), 34);
    assert_eq!(
        raw_error::<Rgba<f32>>(&l),
        "image row bytes 34 are not a multiple of the 4-byte alignment of f32 components"
    );
    let l = layout_of(&mut buf, RectI::new(0, 0, 1, 2), -6);
    assert_eq!(
        raw_error::<Rgba<f32>>(&l),
        "image row bytes -6 are not a multiple of the 4-byte alignment of f32 components"
    );
}

#[test]
fn row_bytes_smaller_than_a_row() {
    let mut buf = [Rgba::<f32>::default(); 8];
    let l = layout_of(&mut buf, RectI::new(0, 0, 2, 2), -28);
    assert_eq!(
        raw_error::<Rgba<f32>>(&l),
        "image row bytes -28 are smaller than a row of 2 Rgba<f32> pixels (32 bytes)"
    );
    let l = layout_of(&mut buf, RectI::new(0, 0, 2, 2), 0);
    assert_eq!(
        raw_error::<Rgba<f32>>(&l),
        "image row bytes 0 are smaller than a row of 2 Rgba<f32> pixels (32 bytes)"
    );
}

#[test]
fn image_larger_than_the_address_space() {
    let mut buf = [Rgba::<f32>::default(); 1];
    let l = layout_of(&mut buf, RectI::INFINITE, isize::MAX - 15);
    assert_eq!(
        raw_error::<Rgba<f32>>(&l),
        format!(
            "image with bounds (-2147483648, -2147483648)-(2147483647, 2147483647) and row bytes {} is larger than the address space",
            isize::MAX - 15
        )
    );
}

#[test]
fn image_wrapping_around_the_address_space() {
    let mut l = RawImageLayout {
        data: core::ptr::without_provenance_mut(usize::MAX - 15),
        bounds: RectI::new(0, 0, 4, 2),
        row_bytes: 16,
        depth: BitDepth::U8,
        components: PixelComponents::Rgba,
    };
    let msg = raw_error::<Rgba<u8>>(&l);
    assert!(
        msg.ends_with("with bounds (0, 0)-(4, 2) and row bytes 16 wraps around the address space"),
        "{msg}"
    );
    l.data = core::ptr::without_provenance_mut(16);
    l.row_bytes = -32;
    let msg = raw_error::<Rgba<u8>>(&l);
    assert_eq!(
        msg,
        "image memory at 0x10 with bounds (0, 0)-(4, 2) and row bytes -32 wraps around the address space"
    );
}

#[test]
fn slice_errors() {
    let buf = [Rgba::<u16>::default(); 5];
    let e = ImageView::from_slice(&buf, RectI::new(0, 0, 2, 3), 2).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ImageFormat);
    assert_eq!(
        e.to_string(),
        "a buffer of 5 pixels is too short for bounds (0, 0)-(2, 3) with row bytes 16: it needs 6"
    );
    let e = ImageView::from_slice(&buf, RectI::new(0, 0, 2, 3), -1).unwrap_err();
    assert_eq!(
        e.to_string(),
        "image row bytes -8 are smaller than a row of 2 Rgba<u16> pixels (16 bytes)"
    );
    let e = ImageView::from_slice(&buf, RectI::new(0, 0, 2, 3), isize::MAX).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("a row stride of {} pixels overflows", isize::MAX)
    );
    let mut m = buf;
    let e = ImageViewMut::from_slice_mut(&mut m, RectI::new(1, 0, 0, 1), 1).unwrap_err();
    assert_eq!(
        e.to_string(),
        "image bounds (1, 0)-(0, 1) are inverted (x1 > x2 or y1 > y2)"
    );
    // A negative stride needs exactly the same length.
    assert!(ImageView::from_slice(&buf, RectI::new(0, 0, 1, 3), -2).is_ok());
    assert!(ImageView::from_slice(&buf, RectI::new(0, 0, 2, 3), -2).is_err());
}

#[test]
fn byte_buffer_errors() {
    let words = [0u16; 8];
    let bytes: &[u8] = bytemuck::cast_slice(&words);
    let odd = &bytes[1..];
    let e = ImageView::<Rgb<u16>>::from_bytes(odd, RectI::new(0, 0, 1, 1), 6).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ImageFormat);
    assert!(e.to_string().starts_with("a byte buffer at 0x"), "{e}");
    assert!(
        e.to_string()
            .ends_with("is not aligned to the 2-byte alignment of u16 components"),
        "{e}"
    );
    let e = ImageView::<Rgb<u16>>::from_bytes(bytes, RectI::new(0, 0, 1, 3), 7).unwrap_err();
    assert_eq!(
        e.to_string(),
        "image row bytes 7 are not a multiple of the 2-byte alignment of u16 components"
    );
    let e = ImageView::<Rgb<u16>>::from_bytes(bytes, RectI::new(0, 0, 1, 3), -8).unwrap_err();
    assert_eq!(
        e.to_string(),
        "a buffer of 16 bytes is too short for bounds (0, 0)-(1, 3) with row bytes -8: it needs 22"
    );
    let mut owned = [0u8; 4];
    let e = ImageViewMut::<Rgba<u8>>::from_bytes_mut(&mut owned, RectI::new(0, 0, 2, 1), 8)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "a buffer of 4 bytes is too short for bounds (0, 0)-(2, 1) with row bytes 8: it needs 8"
    );
    // Empty images need no memory and no alignment.
    assert!(ImageView::<Rgb<u16>>::from_bytes(odd, RectI::new(0, 0, 0, 3), 6).is_ok());
}

#[test]
fn a_view_of_a_single_row_ignores_nothing() {
    // Row bytes equal to the row length, bounds far from the origin.
    let mut buf: Vec<Rgba<u8>> = (0..3).map(|i| Rgba::new(i, 0, 0, 0)).collect();
    let b = RectI::new(-1_000_000, 2_000_000, -999_997, 2_000_001);
    let view = ImageViewMut::from_slice_mut(&mut buf, b, 3).unwrap();
    assert_eq!(
        view.pixel(-999_998, 2_000_000),
        Some(&Rgba::new(2, 0, 0, 0))
    );
    assert_eq!(view.pixel(-999_997, 2_000_000), None);
    assert_eq!(view.pixel(i32::MIN, i32::MIN), None);
    assert_eq!(view.pixel(i32::MAX, 2_000_000), None);
    let (below, above) = view.split_at_row(i32::MAX);
    assert_eq!(below.bounds(), b);
    assert!(above.bounds().is_empty());
    let (left, right) = below.split_at_column(-999_999);
    assert_eq!(left.bounds().width(), 1);
    assert_eq!(
        right.pixel(-999_999, 2_000_000),
        Some(&Rgba::new(1, 0, 0, 0))
    );
    assert!(format!("{right:?}").contains("ImageViewMut"));
    assert!(format!("{:?}", right.into_view()).contains("row_bytes: 12"));
}

#[test]
fn send_and_sync_where_sound() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<ImageView<'static, Rgba<f32>>>();
    send_sync::<ImageViewMut<'static, Rgba<u8>>>();
    send_sync::<RowMut<'static, Rgb<u16>>>();
    send_sync::<RowsMut<'static, Alpha<u8>>>();
    send_sync::<Rows<'static, Alpha<u8>>>();
}

#[test]
fn pixel_sizes_and_names() {
    assert_eq!(pixel_bytes(BitDepth::U16, PixelComponents::Rgb), 6);
    assert_eq!(pixel_bytes(BitDepth::F32, PixelComponents::Rgba), 16);
    assert_eq!(pixel_name::<Rgb<u16>>(), "Rgb<u16>");
    assert_eq!(BitDepth::F16.to_string(), "16-bit half float");
    assert_eq!(PixelComponents::Alpha.to_string(), "Alpha");
    assert!(BitDepth::F16.is_float() && !BitDepth::U16.is_float());
    assert_eq!(BitDepth::F16.bytes(), 2);
    assert_eq!(PixelComponents::Rgb.count(), 3);
}

//! Every image layout: the raw addressing a plugin does from the data
//! pointer and row bytes must reach the same pixel `get`/`set` see.

use ofx_host::Rect;
use ofx_host::image::{
    CANARY, Components, Depth, ImageBuffer, Layout, OUTSIDE_PATTERN, RowOrder, intersect,
};

/// Every combination the checks use: depths × components × bounds × order ×
/// padding × guard pages.
fn all_layouts() -> Vec<Layout> {
    let mut out = Vec::new();
    for depth in Depth::ALL {
        for comps in Components::ALL {
            for bounds in [
                Rect::new(0, 0, 7, 5),
                Rect::new(-3, -4, 4, 2),
                Rect::new(100, 37, 105, 40),
            ] {
                for order in [RowOrder::BottomUp, RowOrder::TopDown] {
                    for pad_px in [0usize, 3] {
                        for guard in [false, true] {
                            out.push(
                                Layout::packed(bounds, depth, comps)
                                    .with_order(order)
                                    .with_padding(pad_px * depth.bytes())
                                    .with_guard_pages(guard),
                            );
                        }
                    }
                }
            }
        }
    }
    out
}

/// A value exactly representable in every depth (multiples of 1/255 with
/// small numerators are exact in u8 and u16 and within half precision).
fn pattern(x: i32, y: i32) -> [f32; 4] {
    let v = |k: i32| ((x * 7 + y * 13 + k * 31).rem_euclid(256)) as f32 / 255.0;
    [v(0), v(1), v(2), v(3)]
}

fn close(a: [f32; 4], b: [f32; 4], tol: f32) -> bool {
    a.iter().zip(&b).all(|(a, b)| (a - b).abs() <= tol)
}

/// The byte offset of pixel (x, y) from the data pointer, computed the way
/// a C plugin does: `data + (y - y1) * rowBytes + (x - x1) * bpp`.
fn plugin_offset(l: &Layout, x: i32, y: i32) -> isize {
    (y - l.bounds.y1) as isize * l.row_bytes()
        + ((x - l.bounds.x1) as usize * l.bytes_per_pixel()) as isize
}

#[test]
fn plugin_addressing_reaches_the_same_pixels_as_get() {
    for l in all_layouts() {
        let img = ImageBuffer::from_fn(l, pattern);
        let base = img.data_ptr() as isize;
        let b = l.bounds;
        let bpp = l.bytes_per_pixel() as isize;
        // Every pixel's plugin address, relative to the lowest one, must
        // index the same bytes `pixel_bytes` returns, and rows must not
        // overlap.
        let lowest = (b.y1..b.y2)
            .flat_map(|y| (b.x1..b.x2).map(move |x| (x, y)))
            .map(|(x, y)| base + plugin_offset(&l, x, y))
            .min()
            .unwrap();
        let mut seen = std::collections::HashSet::new();
        for y in b.y1..b.y2 {
            for x in b.x1..b.x2 {
                let addr = base + plugin_offset(&l, x, y);
                assert!(
                    seen.insert(addr),
                    "{}: two pixels at one address",
                    l.describe()
                );
                let via_get = img.pixel_bytes(x, y).unwrap();
                let via_ptr = via_get.as_ptr() as isize;
                assert_eq!(via_ptr, addr, "{} pixel ({x},{y})", l.describe());
                assert!(addr - lowest + bpp <= l.byte_len() as isize);
            }
        }
        // Bottom-up data pointer is the lowest address; top-down it is the
        // start of the last row in memory.
        match l.order {
            RowOrder::BottomUp => {
                assert_eq!(base, lowest, "{}", l.describe());
                assert_eq!(img.row_bytes(), l.stride() as isize);
            }
            RowOrder::TopDown => {
                assert_eq!(base - lowest, ((l.height() - 1) * l.stride()) as isize);
                assert_eq!(img.row_bytes(), -(l.stride() as isize));
            }
        }
    }
}

#[test]
fn set_then_get_round_trips_in_every_layout() {
    for l in all_layouts() {
        let img = ImageBuffer::from_fn(l, pattern);
        let tol = l.depth.quantum();
        let b = l.bounds;
        for y in b.y1..b.y2 {
            for x in b.x1..b.x2 {
                let want = match l.components {
                    Components::Rgba => pattern(x, y),
                    Components::Rgb => {
                        let p = pattern(x, y);
                        [p[0], p[1], p[2], 1.0]
                    }
                    Components::Alpha => [0.0, 0.0, 0.0, pattern(x, y)[3]],
                };
                let got = img.get(x, y).unwrap();
                assert!(
                    close(got, want, tol),
                    "{} ({x},{y}): {got:?} vs {want:?}",
                    l.describe()
                );
            }
        }
        assert_eq!(img.get(b.x2, b.y1), None);
        assert_eq!(img.get(b.x1, b.y1 - 1), None);
        assert_eq!(img.to_rgba_f32().len(), l.width() * l.height());
        img.check_canaries().unwrap();
    }
}

#[test]
fn the_same_pixels_survive_a_change_of_layout() {
    let reference = ImageBuffer::from_fn(
        Layout::packed(Rect::new(-3, -4, 4, 2), Depth::F32, Components::Rgba),
        pattern,
    );
    for l in all_layouts() {
        if l.components != Components::Rgba || l.bounds != reference.bounds() {
            continue;
        }
        let copy = reference.to_layout(l);
        let back = copy.to_layout(*reference.layout());
        back.compare(&reference, l.bounds, l.depth.quantum())
            .unwrap_or_else(|m| panic!("{}: {m}", l.describe()));
    }
}

#[test]
fn padding_canaries_name_the_image_and_row() {
    for order in [RowOrder::BottomUp, RowOrder::TopDown] {
        for guard in [false, true] {
            let l = Layout::packed(Rect::new(-2, 10, 3, 14), Depth::U16, Components::Rgb)
                .with_padding(6)
                .with_order(order)
                .with_guard_pages(guard);
            let mut img = ImageBuffer::new(l).with_name("Source");
            img.check_canaries().unwrap();
            // Pixel x2 of row 12 is the first padding byte of that row: a
            // plugin writing one pixel too far lands there.
            assert_eq!(img.peek(3, 12), Ok(CANARY));
            img.poke(3, 12, 0).unwrap();
            let err = img.check_canaries().unwrap_err();
            assert!(err.contains("\"Source\""), "{err}");
            assert!(err.contains("row y=12"), "{err}");
            assert!(err.contains("1 canary byte"), "{err}");
            img.reset_canaries();
            img.check_canaries().unwrap();
        }
    }
}

#[test]
fn slack_before_a_guarded_buffer_is_a_canary_too() {
    // 5 RGBA u8 pixels = 20 bytes: the rest of the page before the pixels is
    // slack, filled with canaries.
    let l =
        Layout::packed(Rect::new(0, 0, 5, 1), Depth::U8, Components::Rgba).with_guard_pages(true);
    let mut img = ImageBuffer::new(l).with_name("Output");
    img.check_canaries().unwrap();
    // One pixel left of the bottom-left one (bottom-up: just before the buffer).
    assert_eq!(img.peek(-1, 0), Ok(CANARY));
    img.poke(-1, 0, 7).unwrap();
    let err = img.check_canaries().unwrap_err();
    assert!(err.contains("before the first row in memory"), "{err}");
    assert!(err.contains("\"Output\""), "{err}");
}

#[test]
fn writes_outside_a_window_are_found() {
    for l in all_layouts().into_iter().filter(|l| !l.guard_pages) {
        let mut img = ImageBuffer::new(l).with_name("Output");
        let b = l.bounds;
        let window = Rect::new(b.x1 + 1, b.y1 + 1, b.x2 - 1, b.y2 - 1);
        img.fill_outside(window, OUTSIDE_PATTERN);
        // Writing inside the window is fine.
        for y in window.y1..window.y2 {
            for x in window.x1..window.x2 {
                img.set(x, y, [0.5; 4]);
            }
        }
        img.find_writes_outside(window, OUTSIDE_PATTERN)
            .unwrap_or_else(|e| panic!("{}: {e}", l.describe()));
        // One pixel just right of the window is caught and named.
        img.set(window.x2, window.y1, [0.0; 4]);
        let e = img
            .find_writes_outside(window, OUTSIDE_PATTERN)
            .unwrap_err();
        assert_eq!(e.first, (window.x2, window.y1), "{}", l.describe());
        assert_eq!(e.count, 1);
        assert!(e.to_string().contains("\"Output\""));
    }
}

#[test]
fn compare_reports_first_mismatch_and_counts() {
    let l = Layout::packed(Rect::new(-2, -2, 6, 3), Depth::F32, Components::Rgba);
    let a = ImageBuffer::from_fn(l, pattern).with_name("render");
    let mut b = a.clone();
    a.compare(&b, l.bounds, 0.0).unwrap();
    b.set(4, -1, [9.0; 4]);
    b.set(-2, 2, [0.0; 4]);
    b.set(0, 0, {
        let mut p = pattern(0, 0);
        p[1] += 1e-4;
        p
    });
    let m = a.compare(&b, l.bounds, 1e-3).unwrap_err();
    assert_eq!(m.first, (4, -1));
    assert_eq!(m.count, 2);
    assert_eq!(m.compared, 8 * 5);
    assert_eq!(m.expected, Some([9.0; 4]));
    assert!(m.max_diff >= 8.0);
    assert!(m.to_string().contains("2 of 40 pixels differ"), "{m}");
    // A window reaching outside one image counts those pixels as mismatches.
    let small = a.to_layout(l.with_bounds(intersect(l.bounds, Rect::new(0, 0, 100, 100).into())));
    let m = small.compare(&a, l.bounds, 0.0).unwrap_err();
    assert_eq!(m.actual, None);
    assert_eq!(m.first, (-2, -2));
}

#[test]
fn empty_and_inverted_bounds_hold_no_pixels() {
    for bounds in [
        Rect::new(0, 0, 0, 0),
        Rect::new(5, 5, 2, 9),
        Rect::new(-1, 3, 4, 3),
    ] {
        for guard in [false, true] {
            let l = Layout::packed(bounds, Depth::F32, Components::Rgba).with_guard_pages(guard);
            let img = ImageBuffer::new(l);
            assert_eq!(l.byte_len(), 0);
            assert!(img.to_rgba_f32().is_empty());
            assert_eq!(img.get(bounds.x1, bounds.y1), None);
            img.check_canaries().unwrap();
        }
    }
}

#[test]
fn buffers_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ImageBuffer>();
}

#[test]
fn same_format_copies_keep_every_byte_and_zero_the_rest() {
    let src_l = Layout::packed(Rect::new(-4, -3, 9, 6), Depth::Half, Components::Rgb)
        .with_order(RowOrder::TopDown)
        .with_padding(6);
    let src = ImageBuffer::from_fn(src_l, pattern);
    // Partly overlapping, other storage: the fast row copy path.
    let dst_l =
        Layout::packed(Rect::new(-6, -1, 5, 8), Depth::Half, Components::Rgb).with_padding(2);
    let dst = src.to_layout(dst_l);
    for y in dst_l.bounds.y1..dst_l.bounds.y2 {
        for x in dst_l.bounds.x1..dst_l.bounds.x2 {
            let want = src
                .pixel_bytes(x, y)
                .map(|b| b.to_vec())
                .unwrap_or_else(|| vec![0; 6]);
            assert_eq!(dst.pixel_bytes(x, y).unwrap(), &want[..], "({x},{y})");
        }
    }
    dst.check_canaries().unwrap();
    // Disjoint bounds: nothing copied, all zero.
    let far = src.to_layout(dst_l.with_bounds(Rect::new(100, 100, 102, 101)));
    assert!(far.to_rgba_f32().iter().all(|p| p[..3] == [0.0; 3]));
}

//! Unit tests of the image types: sizes, layouts, pixel access, canaries,
//! comparison and outside writes.

use ofx_sys::OfxRectI;

use super::*;
use crate::types::ofx_str;

#[test]
fn sizes_that_overflow_or_exceed_memory_are_errors_not_allocations() {
    let l = Layout::packed(rect(0, 0, 3, 2), Depth::F32, Components::Rgba).with_padding(4);
    assert_eq!(l.checked_byte_len(), Ok((3 * 16 + 4) * 2));
    // 2^30 x 2^30 RGBA f32 is 2^64 bytes: the old product wrapped to 0.
    let huge = Layout::packed(rect(0, 0, 1 << 30, 1 << 30), Depth::F32, Components::Rgba);
    assert!(matches!(
        huge.checked_byte_len(),
        Err(ImageSizeError::AddressSpace { .. })
    ));
    assert!(ImageBuffer::try_new(huge).is_err());
    // 100000 x 100000 RGBA f32 (149 GiB) fits in the address space but
    // not in this machine's memory.
    let big = Layout::packed(rect(0, 0, 100_000, 100_000), Depth::F32, Components::Rgba);
    let memory = crate::guard_pages::physical_memory();
    if memory < 160_000_000_000 {
        let err = ImageBuffer::try_new(big).unwrap_err();
        assert!(
            err.to_string()
                .contains("larger than this machine's memory"),
            "{err}"
        );
    }
}

fn rect(x1: i32, y1: i32, x2: i32, y2: i32) -> OfxRectI {
    OfxRectI { x1, y1, x2, y2 }
}

#[test]
fn names_round_trip() {
    for d in Depth::ALL {
        assert_eq!(
            Depth::from_ofx_name(d.ofx_name().to_str().unwrap()),
            Some(d)
        );
    }
    for c in Components::ALL {
        assert_eq!(
            Components::from_ofx_name(c.ofx_name().to_str().unwrap()),
            Some(c)
        );
    }
    assert_eq!(
        Depth::from_ofx_name(ofx_str(ofx_sys::kOfxBitDepthNone)),
        None
    );
    assert_eq!(
        Components::from_ofx_name(ofx_str(ofx_sys::kOfxImageComponentYUVA)),
        None
    );
}

#[test]
fn integer_depths_round_and_clamp() {
    let l = Layout::packed(rect(0, 0, 1, 1), Depth::U8, Components::Rgba);
    let mut img = ImageBuffer::new(l);
    img.set(0, 0, [0.5, -1.0, 2.0, 1.0 / 255.0 * 0.49]);
    assert_eq!(img.pixel_bytes(0, 0), Some(&[128u8, 0, 255, 0][..]));
    let l = l.with_bounds(rect(0, 0, 1, 1));
    let mut img = ImageBuffer::new(Layout {
        depth: Depth::U16,
        ..l
    });
    img.set(0, 0, [0.5, 1.5, -0.1, 1.0]);
    assert_eq!(img.get(0, 0), Some([32768.0 / 65535.0, 1.0, 0.0, 1.0]));
}

#[test]
fn floats_are_not_clamped() {
    for d in [Depth::Half, Depth::F32] {
        let mut img = ImageBuffer::new(Layout::packed(rect(0, 0, 1, 1), d, Components::Rgb));
        img.set(0, 0, [-2.0, 3.5, 0.25, 0.0]);
        assert_eq!(img.get(0, 0), Some([-2.0, 3.5, 0.25, 1.0]), "{d}");
    }
}

#[test]
fn half_rounds_to_nearest_and_floats_keep_special_values() {
    let mut h = ImageBuffer::new(Layout::packed(
        rect(0, 0, 1, 1),
        Depth::Half,
        Components::Rgba,
    ));
    h.set(0, 0, [1.0 / 3.0, f32::INFINITY, 65504.0, -0.0]);
    let v = h.get(0, 0).unwrap();
    assert_eq!(v[0], half::f16::from_f32(1.0 / 3.0).to_f32());
    assert!((v[0] - 1.0 / 3.0).abs() < Depth::Half.quantum());
    assert_eq!(v[1], f32::INFINITY);
    assert_eq!(v[2], 65504.0);
    let mut f = ImageBuffer::new(Layout::packed(
        rect(0, 0, 1, 1),
        Depth::F32,
        Components::Rgba,
    ));
    f.set(0, 0, [f32::NAN, -1e30, 1e-30, 0.5]);
    let v = f.get(0, 0).unwrap();
    assert!(v[0].is_nan());
    assert_eq!(&v[1..], &[-1e30, 1e-30, 0.5]);
    // NaN never clamps into an integer silently: u8 stores 0 for it.
    let mut b = ImageBuffer::new(Layout::packed(
        rect(0, 0, 1, 1),
        Depth::U8,
        Components::Alpha,
    ));
    b.set(0, 0, [0.0, 0.0, 0.0, f32::NAN]);
    assert_eq!(b.pixel_bytes(0, 0), Some(&[0u8][..]));
}

#[test]
fn alpha_only_keeps_the_fourth_channel() {
    let mut img = ImageBuffer::new(Layout::packed(
        rect(0, 0, 2, 1),
        Depth::F32,
        Components::Alpha,
    ));
    img.set(1, 0, [0.1, 0.2, 0.3, 0.75]);
    assert_eq!(img.get(1, 0), Some([0.0, 0.0, 0.0, 0.75]));
    assert_eq!(img.pixel_bytes(1, 0), Some(&0.75f32.to_ne_bytes()[..]));
}

#[test]
fn guard_fault_lines_parse() {
    let s = "noise\nofx-host: guard page: write above the top row of image \"Output\" at x=0 y=8 (bounds 0,0..4,8; bottom-up, address 0x10, signal SIGSEGV)\n";
    let f = GuardFault::find(s).unwrap();
    assert_eq!(f.access, "write");
    assert_eq!(f.side, "above the top row");
    assert_eq!(f.image, "Output");
    assert!(GuardFault::find("nothing here").is_none());
}

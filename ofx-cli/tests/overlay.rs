//! `ofx overlay` run as a user would, on the overlay test plugin of
//! `tests/bad-plugins` (a handle at its `Centre` parameter: a red cross
//! with 20-pixel arms, 2 pixels wide, a green 10-pixel box, white text).

mod common;

use common::{Scratch, ofx, s, text};

use std::path::{Path, PathBuf};

/// This test's own scratch folder.
fn scratch() -> Scratch {
    Scratch::new("ofx-cli-overlay")
}

/// The overlay plugin of the bad-plugins binary as a bundle in the test's
/// scratch folder `dir` (each test has its own: they run in parallel).
fn overlay_bundle(dir: &Scratch) -> PathBuf {
    common::bad_plugins_bundle(dir.dir(), "Overlays", &["org.ofx-rs.legal.Overlay"])
}

/// A 64x48 grey opaque picture.
fn grey(path: &Path) {
    image::RgbaImage::from_pixel(64, 48, image::Rgba([60, 60, 60, 255]))
        .save(path)
        .unwrap();
}

/// The PNG pixel at image-plane (x, y) (y up) of a picture `h` high.
fn at(img: &image::RgbaImage, x: u32, y: u32) -> [u8; 4] {
    img.get_pixel(x, img.height() - 1 - y).0
}

#[test]
fn overlay_draws_the_handle_where_the_pen_dragged_it() {
    let dir = scratch();
    let bundle = overlay_bundle(&dir);
    let input = dir.path("grey.png");
    grey(&input);
    let output = dir.path("overlay.png");
    let out = ofx(&[
        "overlay",
        s(&bundle),
        "org.ofx-rs.legal.Overlay",
        "-i",
        s(&input),
        "-o",
        s(&output),
        "--depth",
        "u8",
        "--param",
        "Centre=30.5,20.5",
        "--pen",
        "down:30,20",
        "--pen",
        "move:33,22",
        "--pen",
        "up:35,25",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("pen down at 30,20: trapped"), "{said}");
    assert!(said.contains("pen up at 35,25: trapped"), "{said}");
    assert!(said.contains("7 Draw Suite call(s)"), "{said}");
    let img = image::open(&output).unwrap().into_rgba8();
    // Dragged by (5, 5): the centre is (35.5, 25.5). The green box covers
    // x 30..=39, y 20..=29; the red arms x 15..=54 on rows 24 and 25,
    // y 5..=44 on columns 34 and 35; elsewhere the render (the source).
    const GREEN: [u8; 4] = [0, 255, 0, 255];
    const RED: [u8; 4] = [255, 0, 0, 255];
    const SOURCE: [u8; 4] = [60, 60, 60, 255];
    assert_eq!(at(&img, 35, 25), GREEN);
    assert_eq!(at(&img, 30, 20), GREEN);
    assert_eq!(at(&img, 39, 29), GREEN);
    assert_eq!(at(&img, 40, 25), RED);
    assert_eq!(at(&img, 54, 24), RED);
    assert_eq!(at(&img, 55, 25), SOURCE);
    assert_eq!(at(&img, 15, 25), RED);
    assert_eq!(at(&img, 14, 25), SOURCE);
    assert_eq!(at(&img, 35, 5), RED);
    assert_eq!(at(&img, 35, 4), SOURCE);
    assert_eq!(at(&img, 40, 26), SOURCE);
    assert_eq!(at(&img, 2, 2), SOURCE);
    // The key r puts the centre back at its default (960, 540), outside
    // this picture: the render is left as it was.
    let reset = dir.path("reset.png");
    let out = ofx(&[
        "overlay",
        s(&bundle),
        "org.ofx-rs.legal.Overlay",
        "-i",
        s(&input),
        "-o",
        s(&reset),
        "--depth",
        "u8",
        "--param",
        "Centre=30.5,20.5",
        "--key",
        "r",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("key down 114: trapped"));
    let img = image::open(&reset).unwrap().into_rgba8();
    assert!(img.pixels().all(|p| p.0 == SOURCE));
}

#[test]
fn overlay_refuses_an_effect_without_one_and_bad_events() {
    let dir = scratch();
    let bundle = overlay_bundle(&dir);
    let input = dir.path("grey2.png");
    grey(&input);
    let output = dir.path("none.png");
    for (id, args, says) in [
        (
            "org.ofx-rs.legal.Overlay",
            vec!["--pen", "press:1,2"],
            "--pen 'press:1,2'",
        ),
        (
            "org.ofx-rs.legal.Overlay",
            vec!["--key", "abc"],
            "--key 'abc'",
        ),
        ("org.ofx-rs.bad.Control", vec![], "no overlay interact"),
    ] {
        let mut all = vec!["overlay", s(&bundle), id, "-i", s(&input), "-o", s(&output)];
        all.extend(args);
        let out = ofx(&all);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
    }
}

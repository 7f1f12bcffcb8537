//! The `ofx` binary run as a user would, on the example bundles (built once
//! per process by `example_tests::bundles`).

mod common;

use common::{Scratch, ofx, s, text};

use std::path::{Path, PathBuf};
use std::process::Command;

use example_tests::bundles::{self, CHECKERBOARD, Example, GAIN, INVERT, Profile};

fn bundle(e: Example) -> PathBuf {
    bundles::bundle(e, Profile::Debug)
}

/// This test's own scratch folder.
fn scratch() -> Scratch {
    Scratch::new("ofx-cli-tests")
}

/// A 13x7 8-bit RGBA picture with distinct pixels, written as PNG.
fn picture(path: &Path) -> image::RgbaImage {
    let img = image::RgbaImage::from_fn(13, 7, |x, y| {
        image::Rgba([
            (x * 19 + y * 3) as u8,
            (255 - x * 11) as u8,
            (y * 36) as u8,
            (128 + x * 9) as u8,
        ])
    });
    img.save(path).unwrap();
    img
}

#[test]
fn list_and_describe_show_identifiers_clips_and_parameters() {
    let gain = bundle(GAIN);
    let dir = gain.parent().unwrap();
    let out = ofx(&["list", s(dir)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    for id in [GAIN.id, INVERT.id, CHECKERBOARD.id] {
        assert!(listed.contains(id), "{listed}");
    }
    assert!(listed.contains("contexts Generator"), "{listed}");
    let out = ofx(&["describe", s(&gain)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let d = text(&out.stdout);
    assert!(d.contains("clip Source"), "{d}");
    assert!(d.contains("param gain (Double) \"Gain\" default 1"), "{d}");
    assert!(d.contains("param channelGains (RGBA)"), "{d}");
}

#[test]
fn the_host_trace_prints_actions_and_suite_calls_as_they_happen() {
    let gain = bundle(GAIN);
    let out = Command::new(env!("CARGO_BIN_EXE_ofx"))
        .args(["describe", s(&gain)])
        .env("OFXHOST_TRACE", "1")
        .output()
        .expect("run ofx");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    for line in [
        "ofx-host: action OfxActionLoad -> 0x0",
        "ofx-host: action OfxActionLoad <- kOfxStatOK",
        "ofx-host: action OfxImageEffectActionDescribeInContext <- kOfxStatOK",
        "OfxParameterSuite.paramDefine(",
    ] {
        assert!(err.contains(line), "no {line:?} in:\n{err}");
    }
    // Without the variable, nothing is traced.
    let quiet = ofx(&["describe", s(&gain)]);
    assert!(!text(&quiet.stderr).contains("ofx-host: action"));
}

#[test]
fn render_inverts_and_scales_exactly() {
    let dir = scratch();
    let input = dir.path("in.png");
    let src = picture(&input);
    let inverted = dir.path("inverted.png");
    let out = ofx(&[
        "render",
        s(&bundle(INVERT)),
        INVERT.id,
        "--input",
        s(&input),
        "--output",
        s(&inverted),
        "--depth",
        "u8",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("13x7 u8 rgba"),
        "{}",
        text(&out.stdout)
    );
    // Both times are printed, the action's no longer than the whole render.
    let line = text(&out.stdout);
    let ms: Vec<f64> = line
        .split(" ms")
        .filter_map(|part| part.rsplit(' ').next()?.parse().ok())
        .collect();
    assert_eq!(ms.len(), 2, "{line}");
    assert!(ms[1] <= ms[0], "{line}");
    assert!(line.contains("of which the render action"), "{line}");
    let got = image::open(&inverted).unwrap().into_rgba8();
    assert_eq!(got.dimensions(), (13, 7));
    for (x, y, p) in src.enumerate_pixels() {
        let q = got.get_pixel(x, y).0;
        let want = [255 - p.0[0], 255 - p.0[1], 255 - p.0[2], p.0[3]];
        assert_eq!(q, want, "pixel ({x}, {y}) (file rows, top first)");
    }
    let halved = dir.path("halved.png");
    let out = ofx(&[
        "render",
        s(&bundle(GAIN)),
        GAIN.id,
        "-i",
        s(&input),
        "-o",
        s(&halved),
        "--depth",
        "u8",
        "--param",
        "gain=0.5",
        "--param",
        "channelGains=1,1,0.5,1",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got = image::open(&halved).unwrap().into_rgba8();
    for (x, y, p) in src.enumerate_pixels() {
        let k = [0.5, 0.5, 0.25];
        let mut want = p.0;
        for c in 0..3 {
            want[c] = (f32::from(p.0[c]) / 255.0 * k[c] * 255.0).round() as u8;
        }
        assert_eq!(got.get_pixel(x, y).0, want, "pixel ({x}, {y})");
    }
}

#[test]
fn a_generator_renders_at_the_depth_asked_for() {
    let dir = scratch();
    for (depth, want) in [
        ("u8", image::ColorType::Rgba8),
        ("u16", image::ColorType::Rgba16),
    ] {
        let path = dir.path(&format!("board-{depth}.png"));
        let out = ofx(&[
            "render",
            s(&bundle(CHECKERBOARD)),
            CHECKERBOARD.id,
            "-o",
            s(&path),
            "--size",
            "16x8",
            "--depth",
            depth,
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains(&format!("16x8 {depth} rgba")),
            "{}",
            text(&out.stdout)
        );
        assert_eq!(image::open(&path).unwrap().color(), want, "{depth}");
    }
}

#[test]
fn generators_render_frame_ranges_to_numbered_files() {
    let dir = scratch();
    let pattern = dir.path("board.####.exr");
    let out = ofx(&[
        "render",
        s(&bundle(CHECKERBOARD)),
        CHECKERBOARD.id,
        "-o",
        s(&pattern),
        "--size",
        "40x20",
        "--frames",
        "3..4",
        "--param",
        "size=8",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for f in ["board.0003.exr", "board.0004.exr"] {
        let img = exr::prelude::read_first_rgba_layer_from_file(
            dir.path(f),
            |size, _| vec![[0.0f32; 4]; size.area()],
            |px, pos, (r, g, b, a): (f32, f32, f32, f32)| px[pos.y() * 40 + pos.x()] = [r, g, b, a],
        )
        .unwrap();
        assert_eq!(img.layer_data.size.width(), 40);
        let px = &img.layer_data.channel_data.pixels;
        // Two distinct greys, opaque.
        let mut greys: Vec<u32> = px.iter().map(|p| p[0].to_bits()).collect();
        greys.sort();
        greys.dedup();
        assert_eq!(greys.len(), 2, "{f}");
        assert!(px.iter().all(|p| p[3] == 1.0));
    }
}

#[test]
fn validate_reports_a_table_and_its_verdict() {
    let out = ofx(&[
        "validate",
        s(&bundle(INVERT)),
        "--only",
        "describe",
        "--only",
        "same-pixels-tiles",
        "--only",
        "guard-pages",
    ]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let t = text(&out.stdout);
    assert!(t.contains("pass   guard-pages"), "{t}");
    assert!(t.contains("3 passed, 0 failed"), "{t}");
    let out = ofx(&["validate", "--list"]);
    assert!(text(&out.stdout).contains("instance-cycles"));
    let out = ofx(&["validate", s(&bundle(INVERT)), "--only", "no-such-check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_input_gives_one_line_and_a_nonzero_exit() {
    let dir = scratch();
    let input = dir.path("bad-in.png");
    picture(&input);
    let gain = bundle(GAIN);
    let board = bundle(CHECKERBOARD);
    let cases: [(&[&str], &str); 10] = [
        (
            &[
                "render",
                s(&gain),
                GAIN.id,
                "-i",
                "/no/such.png",
                "-o",
                "x.png",
            ],
            "no such file",
        ),
        (
            &[
                "render",
                s(&gain),
                "org.nope",
                "-i",
                s(&input),
                "-o",
                "x.png",
            ],
            "no plugin 'org.nope'",
        ),
        (
            &[
                "render",
                s(&gain),
                GAIN.id,
                "-i",
                s(&input),
                "-o",
                "x.png",
                "-p",
                "gian=2",
            ],
            "parameter 'gian'",
        ),
        (
            &[
                "render",
                s(&gain),
                GAIN.id,
                "-i",
                s(&input),
                "-o",
                "x.png",
                "-p",
                "gain=abc",
            ],
            "not a number",
        ),
        (
            &["render", s(&gain), GAIN.id, "-i", s(&input), "-o", "x.tiff"],
            "unsupported output format",
        ),
        (
            &[
                "render",
                s(&gain),
                GAIN.id,
                "-i",
                s(&input),
                "-o",
                "/no/such/folder/x.png",
            ],
            "the folder /no/such/folder does not exist",
        ),
        (
            &[
                "render",
                s(&gain),
                GAIN.id,
                "-i",
                s(&input),
                "-o",
                "x.png",
                "--context",
                "generator",
            ],
            "no context 'generator'",
        ),
        (&["describe", "/no/such.ofx.bundle"], "no such bundle"),
        (
            &[
                "render",
                s(&board),
                CHECKERBOARD.id,
                "-o",
                "x.png",
                "--size",
                "100000x100000",
            ],
            "larger than this machine's memory",
        ),
        (
            &[
                "render",
                s(&board),
                CHECKERBOARD.id,
                "-o",
                "x.png",
                "--window=0,0,1073741824,1073741824",
            ],
            "does not fit in the address space",
        ),
    ];
    for (args, says) in cases {
        let out = ofx(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("ofx: error: ") && err.contains(says),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn validate_passes_on_every_example_bundle() {
    for e in bundles::ALL {
        let out = ofx(&["validate", s(&bundle(e))]);
        assert!(
            out.status.success(),
            "{}: {}{}",
            e.id,
            text(&out.stdout),
            text(&out.stderr)
        );
        assert!(
            text(&out.stdout).contains(" 0 failed"),
            "{}",
            text(&out.stdout)
        );
    }
}

/// Runs `ofx validate BUNDLE ID --only CHECK [--verbose]` and checks its exit
/// status and that its report contains `says`.
fn expect_verdict(bundle: &Path, id: &str, check: &str, status: i32, says: &str) {
    let out = ofx(&["validate", s(bundle), id, "--only", check, "--verbose"]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(status), "{id}: {report}");
    assert!(report.contains(says), "{id}: {report}");
}

#[test]
fn validate_fails_on_a_plugin_that_breaks_a_rule() {
    let dir = scratch();
    // The control plugin passes; the one that leaks an image fails with
    // exit status 1 and names the check.
    let bundles = bad_plugin_bundle(&dir);
    let leaks = "org.ofx-rs.bad.LeakedImage";
    expect_verdict(
        &bundles,
        leaks,
        "images-released",
        1,
        "FAIL   images-released",
    );
    let control = "org.ofx-rs.bad.Control";
    expect_verdict(
        &bundles,
        control,
        "images-released",
        0,
        "pass   images-released",
    );
}

#[test]
fn list_reports_a_plugin_that_crashes_and_goes_on() {
    let dir = scratch();
    let bad = bad_plugin_bundle(&dir);
    let gain = bundle(GAIN);
    // The bad binary's last plugin aborts the process in Describe.
    let out = ofx(&["list", s(&bad), s(&gain)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    assert!(listed.contains("org.ofx-rs.bad.Control 1.0"), "{listed}");
    assert!(
        listed.contains("org.ofx-rs.bad.HangInRender 1.0"),
        "{listed}"
    );
    assert!(
        listed.contains("crashed while loading or describing (killed by signal 6)"),
        "{listed}"
    );
    assert!(listed.contains("OFXHOST_TRACE=1 ofx list"), "{listed}");
    // The bundle after it is listed all the same.
    assert!(listed.contains(GAIN.id), "{listed}");
}

#[cfg(unix)]
#[test]
fn a_plugin_that_kills_the_process_is_named_with_its_action() {
    let dir = scratch();
    let bad = bad_plugin_bundle(&dir);
    let input = dir.path("crash-in.png");
    picture(&input);
    let output = dir.path("crash-out.png");
    let cases: [(&[&str], &str); 2] = [
        (
            &["describe", s(&bad), "org.ofx-rs.bad.PanicInDescribe"],
            "in OfxActionDescribe of org.ofx-rs.bad.PanicInDescribe 1",
        ),
        (
            &[
                "render",
                s(&bad),
                "org.ofx-rs.bad.PanicInRender",
                "-i",
                s(&input),
                "-o",
                s(&output),
            ],
            "in OfxImageEffectActionRender of org.ofx-rs.bad.PanicInRender 1",
        ),
    ];
    for (args, says) in cases {
        // The plugin aborts its process; `ofx` itself survives to say where.
        let out = ofx(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        let last = err.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("ofx: error: a plugin ended the process (killed by signal 6)")
                && last.contains(says),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn an_unnamed_input_feeds_the_required_clips_and_a_mask_only_by_name() {
    let dir = scratch();
    let bad = bad_plugin_bundle(&dir);
    let input = dir.path("mask-in.png");
    let src = picture(&input);
    let id = "org.ofx-rs.legal.OptionalMask";
    // The plugin renders black while its optional Mask is connected.
    let unnamed = dir.path("mask-unnamed.png");
    let out = ofx(&[
        "render",
        s(&bad),
        id,
        "-i",
        s(&input),
        "-o",
        s(&unnamed),
        "--depth",
        "u8",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got = image::open(&unnamed).unwrap().into_rgba8();
    assert_eq!(
        got.get_pixel(5, 3),
        src.get_pixel(5, 3),
        "the source alone was connected"
    );
    let named = dir.path("mask-named.png");
    let mask = format!("Mask={}", s(&input));
    let out = ofx(&[
        "render",
        s(&bad),
        id,
        "-i",
        s(&input),
        "-i",
        &mask,
        "-o",
        s(&named),
        "--depth",
        "u8",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got = image::open(&named).unwrap().into_rgba8();
    assert_eq!(
        got.get_pixel(5, 3).0,
        [0, 0, 0, 0],
        "named, the mask was connected"
    );
}

#[test]
fn gpu_picks_the_backend_and_the_picture_is_the_same() {
    let dir = scratch();
    let bad = bad_plugin_bundle(&dir);
    let input = dir.path("gpu-in.png");
    let src = picture(&input);
    let id = "org.ofx-rs.legal.OpenClCopy";
    for (backend, said) in [
        ("cpu", "rendered on cpu"),
        ("opencl", "rendered on opencl"),
        ("opencl-images", "rendered on opencl-images"),
    ] {
        let output = dir.path(&format!("gpu-{backend}.png"));
        let out = ofx(&[
            "render",
            s(&bad),
            id,
            "-i",
            s(&input),
            "-o",
            s(&output),
            "--depth",
            "u8",
            "--gpu",
            backend,
        ]);
        assert!(out.status.success(), "{backend}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains(said), "{}", text(&out.stdout));
        let got = image::open(&output).unwrap().into_rgba8();
        assert_eq!(got, src, "{backend}: the copy differs from its source");
    }
    // A plugin without OpenCL renders on the CPU, with a warning.
    let output = dir.path("gpu-control.png");
    let out = ofx(&[
        "render",
        s(&bad),
        "org.ofx-rs.bad.Control",
        "-i",
        s(&input),
        "-o",
        s(&output),
        "--gpu",
        "opencl",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("rendered on cpu"));
    assert!(
        text(&out.stderr).contains("warning: frame 0: opencl rendering asked for, but the plugin's OfxImageEffectPropOpenCLRenderSupported is"),
        "{}",
        text(&out.stderr)
    );
    // An unknown backend is bad input: one line, status 2.
    let out = ofx(&[
        "render",
        s(&bad),
        id,
        "-i",
        s(&input),
        "-o",
        s(&output),
        "--gpu",
        "cuda",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--gpu 'cuda': use cpu, opencl, opencl-images, opengl"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn gpu_opengl_renders_the_cpu_picture() {
    let dir = scratch();
    let bad = bad_plugin_bundle(&dir);
    let input = dir.path("gpu-gl-in.png");
    let src = picture(&input);
    for depth in ["u8", "u16", "f32"] {
        for (backend, said) in [("cpu", "rendered on cpu"), ("opengl", "rendered on opengl")] {
            let output = dir.path(&format!("gpu-gl-{backend}-{depth}.png"));
            let out = ofx(&[
                "render",
                s(&bad),
                "org.ofx-rs.legal.OpenGlCopy",
                "-i",
                s(&input),
                "-o",
                s(&output),
                "--depth",
                depth,
                "--gpu",
                backend,
            ]);
            assert!(
                out.status.success(),
                "{backend} {depth}: {}",
                text(&out.stderr)
            );
            assert!(text(&out.stdout).contains(said), "{}", text(&out.stdout));
            let got = image::open(&output).unwrap().into_rgba8();
            assert_eq!(
                got, src,
                "{backend} {depth}: the copy differs from its source"
            );
        }
    }
}

#[test]
fn every_major_version_is_listed_and_id_at_major_picks_one() {
    let dir = scratch();
    let bad = bad_plugin_bundle(&dir);
    // The listing crashes at the binary's last plugin, after these two.
    let out = ofx(&["list", s(&bad)]);
    let listed = text(&out.stdout);
    for version in ["1.0", "2.0"] {
        assert!(
            listed.contains(&format!("org.ofx-rs.bad.TwoVersions {version}  ")),
            "{listed}"
        );
    }
    let describe = |name: &str| ofx(&["describe", s(&bad), name]);
    let out = describe("org.ofx-rs.bad.TwoVersions@1");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = text(&out.stdout);
    assert!(
        first.starts_with("org.ofx-rs.bad.TwoVersions 1.0 "),
        "{first}"
    );
    assert!(!first.contains("TwoVersions 2.0"), "{first}");
    // No version: the highest.
    let out = describe("org.ofx-rs.bad.TwoVersions");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("org.ofx-rs.bad.TwoVersions 2.0 "),
        "{}",
        text(&out.stdout)
    );
    // A version the bundle does not have: bad input, one line.
    let out = describe("org.ofx-rs.bad.TwoVersions@3");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("TwoVersions@3"), "{err}");
    assert!(err.contains("TwoVersions@1"), "{err}");
}

#[test]
fn a_bundle_with_no_usable_plugin_is_one_line_and_status_2() {
    let dir = scratch();
    let bad = bad_plugin_bundle(&dir);
    let input = dir.path("bad-counts-in.png");
    image::RgbaImage::new(2, 2).save(&input).unwrap();
    let output = dir.path("bad-counts-out.png");
    for (count, says) in [
        ("-1", "negative"),
        ("0", "no image-effect plugin"),
        ("2147483647", "4096"),
    ] {
        let commands: [Vec<&str>; 4] = [
            vec!["list", s(&bad)],
            vec!["describe", s(&bad)],
            vec!["validate", s(&bad)],
            vec![
                "render",
                s(&bad),
                "org.ofx-rs.bad.Control",
                "--input",
                s(&input),
                "--output",
                s(&output),
            ],
        ];
        for args in commands {
            let out = Command::new(env!("CARGO_BIN_EXE_ofx"))
                .args(&args)
                .env("OFX_BAD_PLUGINS_COUNT", count)
                .output()
                .unwrap();
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?} {count}: {err}");
            assert_eq!(err.lines().count(), 1, "{args:?} {count}: {err}");
            assert!(err.starts_with("ofx: error: "), "{args:?} {count}: {err}");
            assert!(err.contains(says), "{args:?} {count}: {err}");
        }
    }
}

/// Three of the test plugins of tests/bad-plugins as a bundle in the
/// test's scratch folder `dir`.
fn bad_plugin_bundle(dir: &Scratch) -> PathBuf {
    common::bad_plugins_bundle(
        dir.dir(),
        "BadPlugins",
        &[
            "org.ofx-rs.bad.Control",
            "org.ofx-rs.bad.LeakedImage",
            "org.ofx-rs.legal.OpenClCopy",
        ],
    )
}

#[test]
fn validate_fails_what_the_spec_forbids_and_passes_what_it_allows() {
    let dir = scratch();
    let bundles = bad_plugin_bundle(&dir);
    // Writing into an input image: inputs-unchanged fails, and the exit
    // status says so.
    let writes = "org.ofx-rs.bad.WriteIntoInput";
    expect_verdict(
        &bundles,
        writes,
        "inputs-unchanged",
        1,
        "FAIL   inputs-unchanged",
    );
    // A rule the host logs (an image fetched in the RoD action) fails the
    // check it was logged in.
    expect_verdict(
        &bundles,
        "org.ofx-rs.bad.ImageInRegionOfDefinition",
        "render-default",
        1,
        "WrongAction: OfxImageEffectSuite.clipGetImage: clip 'Source' fetched in \
         OfxImageEffectActionGetRegionOfDefinition",
    );
    // Freeing image memory that is still locked is legal: a note, exit 0.
    let frees = "org.ofx-rs.legal.FreeWhileLocked";
    expect_verdict(
        &bundles,
        frees,
        "image-memory-freed",
        0,
        "note: imageMemoryFree(",
    );
}

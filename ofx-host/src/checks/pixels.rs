//! Checks that render: memory safety of pixel access, and the same pixels
//! whatever the layout, tiling, threads; identity; regions.

use ofx_sys::{OfxRectD, OfxRectI};

use crate::driver::{InputBounds, InputLayout, OutputLayout, Plugin};
use crate::image::{Depth, ImageBuffer, OUTSIDE_PATTERN, RowOrder};
use crate::types::ofx_str;

use super::layouts::{STORAGES, Storage, grow};
use super::scene::{self, Scene};
use super::support;
use super::{Env, Verdict};

/// Opens the plugin and chooses a scene.
fn with_scene(env: &Env, f: impl FnOnce(&Plugin, &Scene) -> Verdict) -> Verdict {
    support::with_plugin(env, |_, plugin| match Scene::choose(env, plugin) {
        Ok(scene) => f(plugin, &scene),
        Err(v) => v,
    })
}

/// `render-default`: one render at default parameters succeeds and gives
/// finite values.
pub(crate) fn render_default(env: &Env) -> Verdict {
    with_scene(env, |plugin, scene| {
        let mut inst = match scene.instance(plugin) {
            Ok(i) => i,
            Err(v) => return v,
        };
        let out = match scene.render(&mut inst, &scene.request()) {
            Ok(o) => o,
            Err(e) => return Verdict::fail(format!("{}: render failed: {e}", scene.describe())),
        };
        let px = out.to_rgba_f32();
        let bad = px
            .iter()
            .filter(|p| p.iter().any(|v| !v.is_finite()))
            .count();
        if bad > 0 {
            return Verdict::fail(format!(
                "{}: {bad} of {} output pixels are NaN or infinite",
                scene.describe(),
                px.len()
            ));
        }
        let n = px.len().max(1) as f32;
        let mean = px.iter().fold([0.0f32; 4], |mut m, p| {
            for i in 0..4 {
                m[i] += p[i] / n;
            }
            m
        });
        Verdict::pass(format!(
            "{}: output {} ({} pixels), mean [{:.3}, {:.3}, {:.3}, {:.3}]",
            scene.describe(),
            out.layout().describe(),
            px.len(),
            mean[0],
            mean[1],
            mean[2],
            mean[3]
        ))
    })
}

/// `guard-pages`: renders with inputs and output between guard pages
/// (bottom-up, then top-down, so both ends of each image sit against a
/// guard page), then with padded rows whose canaries must stay intact. A
/// stray access ends the process with a named diagnosis, which the runner
/// reports as this check's failure.
pub(crate) fn guard_pages(env: &Env) -> Verdict {
    with_scene(env, |plugin, scene| {
        let mut problems = Vec::new();
        let mut done = Vec::new();
        let runs = [
            ("guarded bottom-up", RowOrder::BottomUp, true, 0),
            ("guarded top-down", RowOrder::TopDown, true, 0),
            ("padded bottom-up", RowOrder::BottomUp, false, 3),
            ("padded top-down", RowOrder::TopDown, false, 3),
        ];
        for (name, order, guard, pad) in runs {
            let padding = pad * scene.depth.bytes();
            let input = InputLayout {
                order,
                guard_pages: guard,
                padding,
                ..scene::input_layout()
            };
            let mut inst = match scene.instance_with(plugin, input) {
                Ok(i) => i,
                Err(v) => return v,
            };
            let req = scene.request().output(OutputLayout {
                order,
                guard_pages: guard,
                padding,
                ..scene::output_layout()
            });
            match scene.render(&mut inst, &req) {
                Err(e) => problems.push(format!("{name}: render failed: {e}")),
                Ok(out) => {
                    if let Err(e) = out.check_canaries() {
                        problems.push(format!("{name}: {e}"));
                    }
                    done.push(name);
                }
            }
        }
        Verdict::from_problems(
            problems,
            format!(
                "{}: no access outside the images ({}); row canaries intact",
                scene.describe(),
                done.join(", ")
            ),
        )
    })
}

/// `render-window-respected`: with the output covering the whole frame and
/// a smaller render window, nothing outside the window changes.
pub(crate) fn render_window(env: &Env) -> Verdict {
    with_scene(env, |plugin, scene| {
        if !support::supports_tiles(plugin) || !env.options.host.supports_tiles {
            return Verdict::not_applicable(
                "the plugin does not support tiles: it always renders its whole RoD",
            );
        }
        let mut inst = match scene.instance(plugin) {
            Ok(i) => i,
            Err(v) => return v,
        };
        let full = scene.window(&inst, 1.0);
        let (w, h) = (full.x2 - full.x1, full.y2 - full.y1);
        if w < 4 || h < 4 {
            return Verdict::not_applicable(format!(
                "the render area {} is too small to cut",
                fmt_rect_i(&full)
            ));
        }
        let windows = [
            OfxRectI {
                x1: full.x1 + w / 4,
                y1: full.y1 + h / 4,
                x2: full.x2 - w / 4,
                y2: full.y2 - h / 4,
            },
            OfxRectI {
                x1: full.x1,
                y1: full.y1 + h / 2,
                x2: full.x1 + w / 2,
                y2: full.y2,
            },
        ];
        let mut problems = Vec::new();
        for win in windows {
            let mut req = scene.request().window(win).output(OutputLayout {
                bounds: Some(full),
                ..scene::output_layout()
            });
            req.fill_outside = Some(OUTSIDE_PATTERN);
            match scene.render(&mut inst, &req) {
                Err(e) => problems.push(format!("window {}: render failed: {e}", fmt_rect_i(&win))),
                Ok(out) => {
                    if let Err(e) = out.find_writes_outside(win, OUTSIDE_PATTERN) {
                        problems.push(e.to_string());
                    }
                }
            }
        }
        Verdict::from_problems(
            problems,
            format!(
                "{}: windows {} and {} of {}: nothing written outside",
                scene.describe(),
                fmt_rect_i(&windows[0]),
                fmt_rect_i(&windows[1]),
                fmt_rect_i(&full)
            ),
        )
    })
}

/// Renders `scene` with inputs stored as `input` and the output as
/// `output`, over the default window.
fn render_with(
    plugin: &Plugin,
    scene: &Scene,
    input: InputLayout,
    output: OutputLayout,
    tiles: (u32, u32, usize),
) -> Result<(ImageBuffer, OfxRectI), String> {
    let mut inst = scene.instance_with(plugin, input).map_err(|v| v.evidence)?;
    let window = scene.window(&inst, 1.0);
    let req = scene
        .request()
        .window(window)
        .output(output)
        .tiles(tiles.0, tiles.1, tiles.2);
    let out = scene.render(&mut inst, &req)?;
    Ok((out, window))
}

/// Compares two renders over `window` exactly, naming the variant.
fn same(
    variant: &str,
    actual: &ImageBuffer,
    reference: &ImageBuffer,
    window: OfxRectI,
) -> Result<(), String> {
    actual
        .compare(reference, window, 0.0)
        .map_err(|m| format!("{variant}: {m}"))
}

fn storage_layouts(s: &Storage, depth: Depth) -> (InputLayout, OutputLayout) {
    (
        InputLayout {
            order: s.order,
            padding: s.padding_components * depth.bytes(),
            ..scene::input_layout()
        },
        OutputLayout {
            order: s.order,
            // The output's depth comes from the plugin's clip preferences (a
            // generator may render floats whatever the scene's depth), so
            // its padding is a whole number of components at every depth.
            padding: s.padding_components * Depth::F32.bytes(),
            ..scene::output_layout()
        },
    )
}

/// `same-pixels-rowbytes`: packed bottom-up, top-down (negative row
/// bytes), padded, and both, at every usable depth.
pub(crate) fn same_pixels_rowbytes(env: &Env) -> Verdict {
    with_scene(env, |plugin, base| {
        let mut problems = Vec::new();
        let depths = support::usable_depths(plugin, &env.options.host);
        for depth in &depths {
            let scene = base.at_depth(*depth);
            let (ri, ro) = storage_layouts(&STORAGES[0], *depth);
            let (reference, window) = match render_with(plugin, &scene, ri, ro, (1, 1, 1)) {
                Ok(r) => r,
                Err(e) => {
                    problems.push(format!("{depth} packed: {e}"));
                    continue;
                }
            };
            for s in &STORAGES[1..] {
                let (i, o) = storage_layouts(s, *depth);
                let name = format!("{depth} {}", s.name);
                match render_with(plugin, &scene, i, o, (1, 1, 1)) {
                    Err(e) => problems.push(format!("{name}: {e}")),
                    Ok((out, _)) => {
                        if let Err(e) = same(&name, &out, &reference, window) {
                            problems.push(e);
                        }
                    }
                }
            }
        }
        let names: Vec<&str> = STORAGES.iter().map(|s| s.name).collect();
        Verdict::from_problems(
            problems,
            format!(
                "{}: identical with {} rows at depths {}",
                short_scene(base),
                names.join(", "),
                depths
                    .iter()
                    .map(|d| d.short_name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}

fn short_scene(s: &Scene) -> String {
    format!(
        "{}, {}, {}x{}",
        support::short_context(s.context),
        s.components,
        s.frame.x2 - s.frame.x1,
        s.frame.y2 - s.frame.y1
    )
}

/// `same-pixels-bounds`: images whose bounds do not start at the render
/// window's corner, with the frame at the origin and at negative
/// coordinates. Where the plugin renders tiles, a window inset from the
/// frame is rendered with each input's bounds its region of interest and
/// the output's the whole frame, so that no data pointer is at the
/// window's corner; it must match the whole render there.
///
/// Every bounds stays inside its image's region of definition, as
/// `ofxImageEffect.h` says of `kOfxImagePropBounds` ("contained by the
/// RoD"): bounds past the RoD would change what a plugin that reads its
/// source's RoD (a reformat, a mirror) computes, a false failure.
pub(crate) fn same_pixels_bounds(env: &Env) -> Verdict {
    with_scene(env, |plugin, base| {
        let mut problems = Vec::new();
        let (w, h) = (base.frame.x2 - base.frame.x1, base.frame.y2 - base.frame.y1);
        let tiles_ok = support::supports_tiles(plugin) && env.options.host.supports_tiles;
        for (place, scene) in [
            ("at the origin", base.clone()),
            (
                "at negative coordinates",
                base.translated(-w / 2 - 3, -h / 2 - 5),
            ),
        ] {
            let exact = (scene::input_layout(), scene::output_layout());
            let (reference, window) = match render_with(plugin, &scene, exact.0, exact.1, (1, 1, 1))
            {
                Ok(r) => r,
                Err(e) => {
                    problems.push(format!("{place}: {e}"));
                    continue;
                }
            };
            if !tiles_ok {
                continue;
            }
            let inset = grow(window, [-7, -5, -3, -4]);
            if inset.x2 <= inset.x1 || inset.y2 <= inset.y1 {
                continue;
            }
            let input = InputLayout {
                bounds: InputBounds::RegionOfInterest,
                ..scene::input_layout()
            };
            let output = OutputLayout {
                bounds: Some(window),
                ..scene::output_layout()
            };
            let variant = format!(
                "{place}, window {} inside output bounds {}",
                rect(inset),
                rect(window)
            );
            let rendered = scene
                .instance_with(plugin, input)
                .map_err(|v| v.evidence)
                .and_then(|mut inst| {
                    let req = scene.request().window(inset).output(output);
                    scene.render(&mut inst, &req)
                });
            match rendered {
                Err(e) => problems.push(format!("{variant}: {e}")),
                Ok(out) => {
                    if let Err(e) = same(&variant, &out, &reference, inset) {
                        problems.push(e);
                    }
                }
            }
        }
        Verdict::from_problems(
            problems,
            format!(
                "{}: {}, at the origin and at negative coordinates",
                base.describe(),
                if tiles_ok {
                    "identical with inputs bounded by the region of interest and an output larger than the window"
                } else {
                    "rendered (no tiles: the bounds are the frame's)"
                }
            ),
        )
    })
}

/// `x1,y1..x2,y2`.
fn rect(r: OfxRectI) -> String {
    format!("{},{}..{},{}", r.x1, r.y1, r.x2, r.y2)
}

/// `same-pixels-tiles`: whole window, or 3 × 2 tiles rendered one by one.
pub(crate) fn same_pixels_tiles(env: &Env) -> Verdict {
    with_scene(env, |plugin, scene| {
        if !support::supports_tiles(plugin) || !env.options.host.supports_tiles {
            return Verdict::not_applicable("the plugin does not support tiles");
        }
        if let Some(why) = support::no_cpu_render(
            plugin,
            "on a GPU API this host renders the whole window in one action",
        ) {
            return Verdict::not_applicable(why);
        }
        let d = (scene::input_layout(), scene::output_layout());
        let (reference, window) = match render_with(plugin, scene, d.0, d.1, (1, 1, 1)) {
            Ok(r) => r,
            Err(e) => return Verdict::fail(format!("whole: {e}")),
        };
        let mut problems = Vec::new();
        let mut inexact = false;
        for grid in [(3u32, 2u32), (1, 5)] {
            let name = format!("{}x{} tiles", grid.0, grid.1);
            match render_with(plugin, scene, d.0, d.1, (grid.0, grid.1, 1)) {
                Err(e) => problems.push(format!("{name}: {e}")),
                Ok((out, _)) => {
                    // Float outputs may differ by the tolerance (integer
                    // outputs round to the same codes, or not at all).
                    let float = matches!(out.layout().depth, Depth::F32 | Depth::Half);
                    let tol = if float {
                        env.options.tile_tolerance
                    } else {
                        0.0
                    };
                    if same(&name, &out, &reference, window).is_err() {
                        inexact = true;
                        if let Err(m) = out.compare(&reference, window, tol) {
                            problems.push(format!("{name}: {m}"));
                        }
                    }
                }
            }
        }
        let how = if inexact {
            format!("within {} of", env.options.tile_tolerance)
        } else {
            "identical to".to_string()
        };
        Verdict::from_problems(
            problems,
            format!(
                "{}: 3x2 and 1x5 tiles {how} the whole render",
                scene.describe()
            ),
        )
    })
}

/// `same-pixels-threads`: tiles on 1 thread or N concurrent threads (only
/// for FullySafe plugins: this host renders one instance's tiles one at a
/// time otherwise).
pub(crate) fn same_pixels_threads(env: &Env) -> Verdict {
    with_scene(env, |plugin, scene| {
        if let Some(why) =
            support::no_cpu_render(plugin, "on a GPU API this host renders on one thread")
        {
            return Verdict::not_applicable(why);
        }
        let safety = support::thread_safety(plugin);
        if safety != ofx_str(ofx_sys::kOfxImageEffectRenderFullySafe) {
            return Verdict::not_applicable(format!(
                "render thread safety is {}: renders are not run concurrently",
                safety.trim_start_matches("OfxImageEffectRender")
            ));
        }
        if !support::supports_tiles(plugin) || !env.options.host.supports_tiles {
            return Verdict::not_applicable(
                "the plugin does not support tiles, so one render is one call",
            );
        }
        let n = env.options.threads.max(2);
        let d = (scene::input_layout(), scene::output_layout());
        let (reference, window) = match render_with(plugin, scene, d.0, d.1, (4, 4, 1)) {
            Ok(r) => r,
            Err(e) => return Verdict::fail(format!("1 thread: {e}")),
        };
        let mut problems = Vec::new();
        for round in 0..3 {
            match render_with(plugin, scene, d.0, d.1, (4, 4, n)) {
                Err(e) => problems.push(format!("{n} threads (round {round}): {e}")),
                Ok((out, _)) => {
                    if let Err(e) = same(
                        &format!("{n} threads (round {round})"),
                        &out,
                        &reference,
                        window,
                    ) {
                        problems.push(e);
                    }
                }
            }
        }
        Verdict::from_problems(
            problems,
            format!(
                "{}: 16 tiles on {n} threads, 3 rounds, identical to 1 thread",
                scene.describe()
            ),
        )
    })
}

/// `identity-agrees`: where isIdentity says yes, it names an input clip and
/// a finite time. The render, done anyway, is compared with that clip's
/// frame, and a difference is a note: the spec says a host does not render
/// an identity.
pub(crate) fn identity_agrees(env: &Env) -> Verdict {
    with_scene(env, |plugin, scene| {
        let mut inst = match scene.instance(plugin) {
            Ok(i) => i,
            Err(v) => return v,
        };
        let (clip, time) = match scene.is_identity(&mut inst) {
            Err(e) => return Verdict::fail(format!("isIdentity failed: {e}")),
            Ok(None) => {
                return Verdict::not_applicable("isIdentity says no at the default parameters");
            }
            Ok(Some(x)) => x,
        };
        let Some(picture) = scene.picture_of(&clip) else {
            return Verdict::fail(format!(
                "isIdentity named '{clip}', which is not an input clip (inputs: {})",
                scene.inputs.join(", ")
            ));
        };
        if !time.is_finite() {
            return Verdict::fail(format!(
                "isIdentity named '{clip}' at a time that is not finite ({time})"
            ));
        }
        // The spec: "the effect should not have its render action called".
        // A plugin may leave render undone for an identity (openfx-misc's
        // FrameHold does), so a render that disagrees is only noted.
        let named = format!("isIdentity names '{clip}' at t={time}");
        let legal = "legal: a host does not render an identity";
        let out = match scene.render(&mut inst, &scene.request()) {
            Ok(o) => o,
            Err(e) => {
                return Verdict::pass(format!(
                    "{named}\nnote: rendered anyway, it fails ({e}); {legal}"
                ));
            }
        };
        let window = out.bounds();
        let out_l = *out.layout();
        if out_l.components != picture.layout().components {
            return Verdict::not_applicable(format!(
                "identity to '{clip}', but the output is {} and the input {}",
                out_l.components,
                picture.layout().components
            ));
        }
        let expected = picture.to_layout(out_l.with_padding(0).with_order(RowOrder::BottomUp));
        let tol = out_l.depth.quantum().max(picture.layout().depth.quantum());
        match out.compare(&expected, window, tol) {
            Ok(()) => Verdict::pass(format!(
                "{named}; the render equals it over {}",
                fmt_rect_i(&window)
            )),
            Err(m) => Verdict::pass(format!(
                "{named}\nnote: rendered anyway, it differs ({m}); {legal}"
            )),
        }
    })
}

fn rect_ok(r: &OfxRectD) -> Result<(), String> {
    if [r.x1, r.y1, r.x2, r.y2].iter().any(|v| v.is_nan()) {
        return Err("has NaN".into());
    }
    if r.x1 > r.x2 || r.y1 > r.y2 {
        return Err("is inverted".into());
    }
    Ok(())
}

fn fmt_rect_i(r: &OfxRectI) -> String {
    format!("{},{}..{},{}", r.x1, r.y1, r.x2, r.y2)
}

fn fmt_rect(r: &OfxRectD) -> String {
    format!("({},{})-({},{})", r.x1, r.y1, r.x2, r.y2)
}

fn close(a: &OfxRectD, b: &OfxRectD, tol: f64) -> bool {
    let d = |x: f64, y: f64| {
        (x.is_infinite() && x == y) || (x - y).abs() <= tol || (x.abs() > 1e12 && y.abs() > 1e12)
    };
    d(a.x1, b.x1) && d(a.y1, b.y1) && d(a.x2, b.x2) && d(a.y2, b.y2)
}

/// `regions-sane`: RoD and RoIs are ordered and free of NaN at scale 1 and
/// 0.5, agree between the scales (they are canonical), and a render at 0.5
/// works when both sides support multi-resolution.
pub(crate) fn regions_sane(env: &Env) -> Verdict {
    with_scene(env, |plugin, scene| {
        let mut inst = match scene.instance(plugin) {
            Ok(i) => i,
            Err(v) => return v,
        };
        let mut problems = Vec::new();
        let mut rods = Vec::new();
        let mut rois = Vec::new();
        for scale in [1.0, 0.5] {
            match scene.region_of_definition(&mut inst, scale) {
                Err(e) => problems.push(format!("RoD at {scale}: {e}")),
                Ok(r) => {
                    if let Err(e) = rect_ok(&r) {
                        problems.push(format!("RoD at {scale} {}: {e}", fmt_rect(&r)));
                    }
                    rods.push(r);
                }
            }
            match scene.regions_of_interest(&mut inst, scale) {
                Err(e) => problems.push(format!("RoI at {scale}: {e}")),
                Ok(m) => {
                    for (clip, r) in &m {
                        if let Err(e) = rect_ok(r) {
                            problems
                                .push(format!("RoI of '{clip}' at {scale} {}: {e}", fmt_rect(r)));
                        }
                    }
                    rois.push(m);
                }
            }
        }
        if let [a, b] = rods.as_slice()
            && !close(a, b, 4.0)
        {
            problems.push(format!(
                "the RoD depends on the render scale: {} at 1, {} at 0.5 (canonical coordinates)",
                fmt_rect(a),
                fmt_rect(b)
            ));
        }
        if let [a, b] = rois.as_slice() {
            for (clip, ra) in a {
                if let Some(rb) = b.get(clip)
                    && !close(ra, rb, 4.0)
                {
                    problems.push(format!(
                        "the RoI of '{clip}' depends on the render scale: {} at 1, {} at 0.5",
                        fmt_rect(ra),
                        fmt_rect(rb)
                    ));
                }
            }
        }
        let multires = env.options.host.multi_resolution
            && plugin
                .descriptor()
                .get_int(
                    ofx_str(ofx_sys::kOfxImageEffectPropSupportsMultiResolution),
                    0,
                )
                .unwrap_or(1)
                != 0;
        let half = if multires {
            match scene.render(&mut inst, &scene.request().scale(0.5)) {
                Ok(out) => format!("; render at 0.5 gave {}", fmt_rect_i(&out.bounds())),
                Err(e) => {
                    problems.push(format!("render at scale 0.5: {e}"));
                    String::new()
                }
            }
        } else {
            "; no multi-resolution: no render at 0.5".to_string()
        };
        let roi_txt: Vec<String> = rois
            .first()
            .map(|m| {
                m.iter()
                    .map(|(c, r)| format!("{c} {}", fmt_rect(r)))
                    .collect()
            })
            .unwrap_or_default();
        Verdict::from_problems(
            problems,
            format!(
                "RoD {} at scales 1 and 0.5; RoI {}{half}",
                rods.first().map(fmt_rect).unwrap_or_default(),
                if roi_txt.is_empty() {
                    "none".to_string()
                } else {
                    roi_txt.join(", ")
                }
            ),
        )
    })
}

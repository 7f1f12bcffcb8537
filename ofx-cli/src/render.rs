//! `ofx render`: image files through a plugin.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{Backend, GpuOffer, HostConfig, Instance, Project, RenderRequest};
use ofx_host::error::HostError;
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_host::log::{Log, Message};
use ofx_sys::{OfxPointD, OfxRectI};

use crate::{Failure, imageio};

/// Arguments of `ofx render`.
#[derive(Args)]
pub struct RenderArgs {
    /// The `.ofx.bundle` directory (or the binary inside it).
    bundle: PathBuf,
    /// The plugin identifier, or `ID@MAJOR` for one major version.
    id: String,
    /// An input image (PNG or EXR), as PATH or CLIP=PATH; an unnamed input
    /// goes to every required input clip not named by another (an optional
    /// clip, such as a mask, is connected only by name).
    #[arg(long = "input", short = 'i', value_name = "[CLIP=]PATH")]
    inputs: Vec<String>,
    /// The output image (PNG or EXR); for a frame range, `#` or `%04d` in
    /// the name is replaced by the frame number.
    #[arg(long, short = 'o')]
    output: PathBuf,
    /// A parameter value, as name=value (numbers separated by commas,
    /// true/false, a choice's label or index, text).
    #[arg(long = "param", short = 'p', value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// The context: filter, general, generator, transition, paint, retimer
    /// (default: filter when the plugin has it, else generator, else its
    /// first).
    #[arg(long)]
    context: Option<String>,
    /// The depth of the input images (of the output, when there is no input):
    /// f32, u16 or u8.
    #[arg(long, default_value = "f32")]
    depth: String,
    /// The frames to render, as a..b (inclusive) or a single frame.
    #[arg(long, default_value = "0")]
    frames: String,
    /// The render scale.
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// The render window in output pixels, x1,y1,x2,y2 (default: the
    /// region of definition within the project).
    #[arg(long)]
    window: Option<String>,
    /// The project size, WxH, when there is no input image (default
    /// 1920x1080).
    #[arg(long)]
    size: Option<String>,
    /// The backend to render on: cpu, opencl (OpenCL buffers),
    /// opencl-images or opengl. The host advertises it and enables it
    /// where the plugin declares it; otherwise the CPU renders, with a
    /// warning.
    #[arg(long, default_value = "cpu", value_name = "BACKEND")]
    gpu: String,
}

fn parse_backend(s: &str) -> Result<Backend, Failure> {
    Backend::parse(s).ok_or_else(|| {
        input_err(format!(
            "--gpu '{s}': use {}",
            Backend::ALL.map(Backend::name).join(", ")
        ))
    })
}

fn input_err(m: impl Into<String>) -> Failure {
    Failure::Input(m.into())
}

fn parse_depth(s: &str) -> Result<Depth, Failure> {
    match s {
        "f32" | "float" => Ok(Depth::F32),
        "u16" | "short" => Ok(Depth::U16),
        "u8" | "byte" => Ok(Depth::U8),
        _ => Err(input_err(format!("--depth '{s}': use f32, u16 or u8"))),
    }
}

fn parse_frames(s: &str) -> Result<(i64, i64), Failure> {
    let bad = || input_err(format!("--frames '{s}': use a..b or a single frame"));
    let (a, b) = match s.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s.trim(), s.trim()),
    };
    let a: i64 = a.parse().map_err(|_| bad())?;
    let b: i64 = b.parse().map_err(|_| bad())?;
    if b < a {
        return Err(bad());
    }
    Ok((a, b))
}

fn parse_window(s: &str) -> Result<OfxRectI, Failure> {
    let bad = || input_err(format!("--window '{s}': use x1,y1,x2,y2 with x1<x2, y1<y2"));
    let v: Vec<i32> = s
        .split(',')
        .map(|p| p.trim().parse::<i32>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    match v.as_slice() {
        [x1, y1, x2, y2] if x1 < x2 && y1 < y2 => Ok(Rect::new(*x1, *y1, *x2, *y2).into()),
        _ => Err(bad()),
    }
}

fn parse_size(s: &str) -> Result<(f64, f64), Failure> {
    let bad = || input_err(format!("--size '{s}': use WxH, e.g. 1920x1080"));
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if w == 0 || h == 0 {
        return Err(bad());
    }
    Ok((f64::from(w), f64::from(h)))
}

/// The output path of frame `frame`.
fn frame_path(pattern: &Path, frame: i64, several: bool) -> Result<PathBuf, Failure> {
    let s = pattern.to_string_lossy();
    if !several {
        return Ok(pattern.to_path_buf());
    }
    if s.contains("%04d") {
        return Ok(PathBuf::from(s.replace("%04d", &format!("{frame:04}"))));
    }
    if let Some(i) = s.find('#') {
        let n = s[i..].chars().take_while(|c| *c == '#').count();
        let hashes = "#".repeat(n);
        return Ok(PathBuf::from(s.replacen(
            &hashes,
            &format!("{frame:0n$}"),
            1,
        )));
    }
    Err(input_err(format!(
        "{}: a frame range needs '#' or '%04d' in the output name",
        pattern.display()
    )))
}

/// The progress bar of a frame range on stderr: frames done, rate and time
/// left. It draws nothing when stderr is not a terminal (a log, a pipe).
fn progress_bar(total: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "[{bar:30}] {pos}/{len} frames, {per_sec}, {eta} left",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("#> "),
    );
    bar
}

pub(crate) fn host_failure(e: HostError) -> Failure {
    match e {
        HostError::NotFound(_) | HostError::Invalid(_) => Failure::Input(e.to_string()),
        _ => Failure::Failed(e.to_string()),
    }
}

/// The failure of frame `frame`'s render with error `e`, followed by what
/// the plugin said through the message suite while it failed, which tells
/// the user more than the status.
fn render_failure(frame: i64, e: &HostError, said: &[Message]) -> Failure {
    let said: Vec<&str> = said.iter().map(|m| m.text.as_str()).collect();
    if said.is_empty() {
        Failure::Failed(format!("frame {frame}: {e}"))
    } else {
        Failure::Failed(format!(
            "frame {frame}: {e}; the plugin said: {}",
            said.join("; ")
        ))
    }
}

/// Whether input clip `clip` of `inst` is optional
/// (`kOfxImageClipPropOptional`).
fn is_optional(inst: &ofx_host::driver::Instance<'_>, clip: &str) -> bool {
    let name = ofx_sys::kOfxImageClipPropOptional
        .to_str()
        .unwrap_or_default();
    inst.clip_props(clip)
        .ok()
        .and_then(|p| p.get_int(name, 0).ok())
        .is_some_and(|v| v != 0)
}

/// What a command built on `render` adds around the frames: `ofx overlay`
/// sends pen and key events before the first frame and draws the overlay
/// over each frame before it is written.
pub(crate) trait FrameHooks {
    /// Once, after the instance is set up (inputs connected, parameters
    /// set), before the first frame (at `time`, render scale `scale`).
    fn before(&mut self, inst: &mut Instance<'_>, time: f64, scale: f64) -> Result<(), Failure>;
    /// On each rendered frame, before it is written.
    fn after(
        &mut self,
        inst: &Instance<'_>,
        time: f64,
        scale: f64,
        out: &mut ImageBuffer,
    ) -> Result<(), Failure>;
}

/// `ofx render` itself: nothing around the frames.
struct Plain;

impl FrameHooks for Plain {
    fn before(&mut self, _: &mut Instance<'_>, _: f64, _: f64) -> Result<(), Failure> {
        Ok(())
    }
    fn after(
        &mut self,
        _: &Instance<'_>,
        _: f64,
        _: f64,
        _: &mut ImageBuffer,
    ) -> Result<(), Failure> {
        Ok(())
    }
}

/// Runs `ofx render`.
pub fn run(a: &RenderArgs) -> Result<(), Failure> {
    run_with(a, &mut Plain)
}

/// Runs `ofx render` with `hooks` around the frames.
pub(crate) fn run_with(a: &RenderArgs, hooks: &mut dyn FrameHooks) -> Result<(), Failure> {
    imageio::check_output_name(&a.output)?;
    let depth = parse_depth(&a.depth)?;
    let backend = parse_backend(&a.gpu)?;
    let (first, last) = parse_frames(&a.frames)?;
    let window = a.window.as_deref().map(parse_window).transpose()?;
    if !(a.scale > 0.0 && a.scale <= 1.0) {
        return Err(input_err(format!(
            "--scale {}: use a value in (0, 1]",
            a.scale
        )));
    }
    let mut params = Vec::new();
    for p in &a.params {
        let (n, v) = p
            .split_once('=')
            .ok_or_else(|| input_err(format!("--param '{p}': use name=value")))?;
        params.push((n.trim().to_string(), v.to_string()));
    }
    // Inputs first: a missing file is reported before anything loads.
    let mut inputs: Vec<(Option<String>, ImageBuffer)> = Vec::new();
    let mut pictures = Vec::new();
    for i in &a.inputs {
        let (clip, path) = match i.split_once('=') {
            Some((c, p)) if !c.contains(['/', '\\', '.']) => (Some(c.to_string()), p),
            _ => (None, i.as_str()),
        };
        let name = clip.clone().unwrap_or_else(|| "Source".into());
        let (image, picture) = imageio::read(Path::new(path), depth, &name)?;
        pictures.push(picture);
        inputs.push((clip, image));
    }
    // The project is the first input's whole picture (an EXR's display
    // window, which its pixels may not fill).
    let size = match (&a.size, pictures.first()) {
        (Some(s), _) => parse_size(s)?,
        (None, Some(&(w, h))) => (w as f64, h as f64),
        (None, None) => (1920.0, 1080.0),
    };
    let config = HostConfig {
        project: Project {
            size: OfxPointD {
                x: size.0,
                y: size.1,
            },
            extent: OfxPointD {
                x: size.0,
                y: size.1,
            },
            frame_range: (first as f64, last as f64),
            ..Project::default()
        },
        // Rendering, not checking: image memory is handed out as production
        // hosts do (`ofx validate` keeps the debugging fill and moves).
        image_memory_fill: None,
        move_unlocked_memory: false,
        check_input_writes: false,
        // The host advertises every API it can render with (OpenCL
        // buffers and images, OpenGL), whichever backend is asked for.
        gpu: GpuOffer::all(),
        // With no input, --depth is the output's: the host offers only it.
        depths: if inputs.is_empty() {
            vec![depth]
        } else {
            HostConfig::default().depths
        },
        ..HostConfig::default()
    };
    let session = crate::load(&a.bundle, config)?;
    crate::plugin_ids(&session, &a.bundle, Some(&a.id))?;
    let plugin = session.plugin(&a.id).map_err(host_failure)?;
    let contexts = plugin.contexts();
    let context = match &a.context {
        Some(c) => match crate::parse_context(c) {
            Some(full) if contexts.contains(&full) => full,
            _ => {
                let names: Vec<String> = contexts.iter().map(|c| c.ofx_name().to_owned()).collect();
                return Err(input_err(format!(
                    "{}: no context '{c}' ({})",
                    a.id,
                    crate::it_has(&names)
                )));
            }
        },
        None => [Context::Filter, Context::Generator]
            .into_iter()
            .find(|c| contexts.contains(c))
            .or_else(|| contexts.first().copied())
            .ok_or_else(|| Failure::Failed(format!("{}: declares no context", a.id)))?,
    };
    let mut inst = plugin.create_instance(context).map_err(host_failure)?;
    let input_clips = inst.input_clip_names();
    let named: Vec<String> = inputs.iter().filter_map(|(c, _)| c.clone()).collect();
    for (clip, img) in inputs {
        match clip {
            Some(c) => {
                if !input_clips.contains(&c) {
                    return Err(input_err(format!(
                        "{}: no input clip '{c}' in {} ({})",
                        a.id,
                        context,
                        crate::it_has(&input_clips)
                    )));
                }
                inst.connect_image(&c, img).map_err(host_failure)?;
            }
            None => {
                // Every input clip not named by another --input, except the
                // optional ones (masks, mostly), which only a name connects.
                let unnamed: Vec<&String> = input_clips
                    .iter()
                    .filter(|c| !named.contains(c) && !is_optional(&inst, c))
                    .collect();
                for c in unnamed {
                    inst.connect_image(c, img.clone().with_name(c.as_str()))
                        .map_err(host_failure)?;
                }
            }
        }
    }
    for (n, v) in &params {
        inst.set_param_text(n, v).map_err(host_failure)?;
    }
    hooks.before(&mut inst, first as f64, a.scale)?;
    let project = Rect::new(
        0,
        0,
        (size.0 * a.scale).ceil() as i32,
        (size.1 * a.scale).ceil() as i32,
    );
    let several = last > first;
    let total = (last - first + 1) as usize;
    let bar = if several {
        progress_bar(total)
    } else {
        indicatif::ProgressBar::hidden()
    };
    for frame in first..=last {
        let t = frame as f64;
        let window = match window {
            Some(w) => w,
            None => {
                let s = OfxPointD {
                    x: a.scale,
                    y: a.scale,
                };
                let rod = inst.region_of_definition(t, s).map_err(host_failure)?;
                let px = |v: f64, up: bool| {
                    let v = (v * a.scale).clamp(-1e9, 1e9);
                    (if up { v.ceil() } else { v.floor() }) as i32
                };
                let w = OfxRectI {
                    x1: px(rod.x1, false).max(project.x1),
                    y1: px(rod.y1, false).max(project.y1),
                    x2: px(rod.x2, true).min(project.x2),
                    y2: px(rod.y2, true).min(project.y2),
                };
                if w.x1 >= w.x2 || w.y1 >= w.y2 {
                    return Err(Failure::Failed(format!(
                        "frame {frame}: the region of definition {rod:?} is empty within the project"
                    )));
                }
                w
            }
        };
        // The output is allocated by the host at the depth the plugin asks
        // for; a window that cannot be allocated even at the input's depth is
        // the user's mistake, said in one line before anything runs.
        Layout::packed(window, depth, Components::Rgba)
            .checked_byte_len()
            .map_err(|e| {
                let w = window;
                input_err(format!(
                    "frame {frame}: the render window {},{},{},{}: {e}",
                    w.x1, w.y1, w.x2, w.y2
                ))
            })?;
        let before = session.log().action_count();
        let start = Instant::now();
        let said = session.log().messages().len();
        let mut out = inst
            .render(
                &RenderRequest::at(t)
                    .scale(a.scale)
                    .window(window)
                    .backend(backend),
            )
            .map_err(|e| render_failure(frame, &e, &session.log().messages()[said..]))?;
        let rendered_on = inst.last_backend().unwrap_or(Backend::Cpu);
        if rendered_on != backend {
            bar.suspend(|| {
                eprintln!(
                    "warning: frame {frame}: {}",
                    cpu_fallback_reason(session.log(), backend)
                )
            });
        }
        let took = start.elapsed();
        hooks.after(&inst, t, a.scale, &mut out)?;
        // The plugin's own time: its render actions (one per tile).
        let action: std::time::Duration = session
            .log()
            .actions_since(before)
            .iter()
            .filter(|c| c.action.as_bytes() == ofx_sys::kOfxImageEffectActionRender.to_bytes())
            .map(|c| c.duration)
            .sum();
        if let Some(warning) = end_frame(session.log(), frame) {
            bar.suspend(|| eprintln!("warning: {warning}"));
        }
        let path = frame_path(&a.output, frame, several)?;
        imageio::write(&path, &out)?;
        if several {
            bar.inc(1);
        } else {
            let b = out.bounds();
            println!(
                "wrote {} ({}x{} {} {}, rendered on {rendered_on} in {:.1} ms, of which the render action {:.1} ms)",
                path.display(),
                b.x2 - b.x1,
                b.y2 - b.y1,
                out.layout().depth.short_name(),
                out.layout().components.short_name(),
                took.as_secs_f64() * 1e3,
                action.as_secs_f64() * 1e3
            );
        }
    }
    if several {
        bar.finish_and_clear();
        println!("wrote {total} frames to {}", a.output.display());
    }
    Ok(())
}

/// Why a render asked for on `backend` ran on the CPU: the host's note
/// (the plugin does not declare it, or its GPU render failed).
fn cpu_fallback_reason(log: &Log, backend: Backend) -> String {
    log.journal()
        .iter()
        .rev()
        .find_map(|e| match e {
            ofx_host::log::Entry::Note(n) if n.contains("on the CPU") => Some(n.clone()),
            _ => None,
        })
        .unwrap_or_else(|| format!("asked for {backend}, rendered on the CPU"))
}

/// Ends a frame's use of the session's log: says which host rules the
/// plugin broke while rendering `frame`, if any, and forgets the frame's
/// entries, so that a long sequence does not keep every suite call of
/// every frame.
fn end_frame(log: &Log, frame: i64) -> Option<String> {
    let broken = log.violations();
    log.clear();
    let first = broken.first()?;
    Some(format!(
        "frame {frame}: the plugin broke {} host rule(s); the first: {:?}: {}",
        broken.len(),
        first.kind,
        first.detail
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ofx_host::log::{SuiteCall, ViolationKind};

    #[test]
    fn a_failed_render_says_what_the_plugin_said() {
        let e = HostError::Action {
            action: "OfxImageEffectActionRender".into(),
            status: ofx_sys::kOfxStatFailed,
        };
        let said = |text: &str| Message {
            function: "message".into(),
            handle: 1,
            message_type: "OfxMessageError".into(),
            id: String::new(),
            text: text.into(),
        };
        let text = |f: Failure| match f {
            Failure::Failed(t) => t,
            other => panic!("{other:?}"),
        };
        let quiet = text(render_failure(4, &e, &[]));
        assert!(
            quiet.starts_with("frame 4: ") && !quiet.contains("said"),
            "{quiet}"
        );
        let told = text(render_failure(
            4,
            &e,
            &[
                said("the source is u8 but the output f32"),
                said("giving up"),
            ],
        ));
        assert!(
            told.starts_with(&quiet)
                && told
                    .ends_with("; the plugin said: the source is u8 but the output f32; giving up"),
            "{told}"
        );
    }

    #[test]
    fn each_frame_reports_broken_rules_and_empties_the_log() {
        let log = Log::default();
        log.suite_call(SuiteCall {
            suite: "OfxPropertySuite",
            function: "propGetInt",
            handle: 1,
            name: None,
            status: 0,
        });
        assert_eq!(end_frame(&log, 3), None);
        assert!(log.suite_calls().is_empty(), "the frame's entries stay");
        log.violation(ViolationKind::BadHandle, "clipGetImage(0x0)");
        log.violation(ViolationKind::LeakedImage, "an image of Source");
        let warning = end_frame(&log, 4).expect("a warning");
        assert!(
            warning.starts_with("frame 4: the plugin broke 2 host rule(s)"),
            "{warning}"
        );
        assert!(
            warning.contains("BadHandle: clipGetImage(0x0)"),
            "{warning}"
        );
        assert!(log.violations().is_empty());
        assert_eq!(end_frame(&log, 5), None);
    }

    #[test]
    fn arguments_parse_or_say_why_not() {
        assert_eq!(parse_frames("3..7").ok(), Some((3, 7)));
        assert_eq!(parse_frames("5").ok(), Some((5, 5)));
        assert!(parse_frames("7..3").is_err());
        assert!(parse_window("0,0,10").is_err());
        assert_eq!(
            parse_window("1,2,3,4").ok().map(|r| (r.x1, r.y2)),
            Some((1, 4))
        );
        assert_eq!(parse_size("64x32").ok(), Some((64.0, 32.0)));
        assert!(parse_size("64").is_err());
        assert!(parse_depth("f16").is_err());
        assert_eq!(crate::parse_context("filter"), Some(Context::Filter));
        assert_eq!(
            frame_path(Path::new("out.####.png"), 7, true).ok(),
            Some(PathBuf::from("out.0007.png"))
        );
        assert_eq!(
            frame_path(Path::new("out%04d.exr"), 12, true).ok(),
            Some(PathBuf::from("out0012.exr"))
        );
        assert!(frame_path(Path::new("out.png"), 1, true).is_err());
    }
}

//! Checks of GPU rendering: the values a plugin declares, and its OpenCL
//! and OpenGL renders against its CPU render, on a host advertising OpenCL
//! buffers and images and OpenGL (rendering on whatever OpenCL platform is
//! installed, and on Mesa's headless EGL).
//!
//! Each check is not applicable when the plugin declares no GPU support;
//! those that render on the GPU are also not applicable when the host
//! cannot open a device for any API the plugin declares, or when the plugin
//! declares only APIs this host cannot run (CUDA, Metal).

use crate::config::{Backend, GpuOffer};
use crate::driver::{Instance, Plugin};
use crate::error::HostError;
use crate::image::{Depth, ImageBuffer};
use crate::log::ViolationKind;
use crate::opencl::ClDevice;
use crate::opengl::GlDevice;
use crate::props::PropertySet;
use crate::types::ofx_str;

use super::log_reading;
use super::scene::Scene;
use super::support;
use super::{Env, Verdict};

/// The descriptor properties where a plugin declares GPU support, with
/// whether "needed" is an allowed value for each.
const FLAGS: [(&str, bool); 7] = [
    (
        ofx_str(ofx_sys::kOfxImageEffectPropOpenCLRenderSupported),
        true,
    ),
    (ofx_str(ofx_sys::kOfxImageEffectPropOpenCLSupported), false),
    (
        ofx_str(ofx_sys::kOfxImageEffectPropOpenGLRenderSupported),
        true,
    ),
    (
        ofx_str(ofx_sys::kOfxImageEffectPropCudaRenderSupported),
        true,
    ),
    (
        ofx_str(ofx_sys::kOfxImageEffectPropCudaStreamSupported),
        true,
    ),
    (
        ofx_str(ofx_sys::kOfxImageEffectPropMetalRenderSupported),
        true,
    ),
    (
        ofx_str(ofx_sys::kOfxImageEffectPropCPURenderSupported),
        false,
    ),
];

/// How far a GPU render's pixels may be from the CPU render's: one
/// quantisation step of the depth, and never less than 0.2% of white (a
/// kernel may use fused multiply-adds, another operation order, or round
/// an integer depth the other way at a half step).
pub const GPU_TOLERANCE: f32 = 0.002;

fn tolerance(depth: Depth) -> f32 {
    GPU_TOLERANCE.max(depth.quantum())
}

/// The values the plugin set on its descriptor for [`FLAGS`], unset ones
/// left out.
fn declared_flags(desc: &PropertySet) -> Vec<(&'static str, bool, String)> {
    FLAGS
        .iter()
        .filter_map(|&(name, needed_ok)| {
            let v = desc.get_string(name, 0).ok()?;
            (!v.is_empty()).then_some((name, needed_ok, v))
        })
        .collect()
}

/// Whether the descriptor declares a GPU API ("true" or "needed", or any
/// value other than "false" on a GPU flag).
fn declares_gpu(desc: &PropertySet) -> bool {
    declared_flags(desc).iter().any(|(name, _, v)| {
        *name != ofx_str(ofx_sys::kOfxImageEffectPropCPURenderSupported) && v != "false"
    })
}

/// `gpu-flag-values`: every GPU flag the plugin sets is "true", "false" or
/// "needed", and "needed" only where the header allows it.
pub(crate) fn flag_values(env: &Env) -> Verdict {
    support::with_plugin(env, |_, plugin| {
        let desc = plugin.descriptor();
        if !declares_gpu(&desc) {
            return Verdict::not_applicable("the plugin declares no GPU support");
        }
        let flags = declared_flags(&desc);
        let bad: Vec<String> = flags
            .iter()
            .filter(|(_, needed_ok, v)| {
                !(v == "true" || v == "false" || (*needed_ok && v == "needed"))
            })
            .map(|(name, needed_ok, v)| {
                format!(
                    "{name} = '{v}': allowed are \"true\", \"false\"{}",
                    if *needed_ok { " and \"needed\"" } else { "" }
                )
            })
            .collect();
        if !bad.is_empty() {
            return Verdict::fail(bad.join("\n"));
        }
        Verdict::pass(
            flags
                .iter()
                .map(|(n, _, v)| format!("{n} = {v}"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    })
}

/// The backends this host renders with that the plugin declares.
fn gpu_backends(desc: &PropertySet) -> Vec<Backend> {
    [
        Backend::OpenClBuffers,
        Backend::OpenClImages,
        Backend::OpenGl,
    ]
    .into_iter()
    .filter(|b| {
        b.support_property()
            .and_then(|p| desc.get_string(p, 0).ok())
            .is_some_and(|v| v == "true" || v == "needed")
    })
    .collect()
}

/// One backend's render next to the CPU render of the same scene.
struct GpuRun {
    backend: Backend,
    /// The GPU render, or why it failed.
    gpu: Result<ImageBuffer, HostError>,
    /// The backend that rendered in the end (the CPU after a retry).
    rendered_on: Option<Backend>,
}

fn render_on(
    scene: &Scene,
    inst: &mut Instance,
    backend: Backend,
) -> Result<ImageBuffer, HostError> {
    let mut req = scene.request().backend(backend);
    req.window = Some(scene.window(inst, 1.0));
    inst.render(&req)
}

/// Why the host cannot render on `backend` here (no device), if it cannot.
fn unavailable(backend: Backend) -> Option<String> {
    let e = if backend == Backend::OpenGl {
        GlDevice::open().err()
    } else {
        ClDevice::open().err()
    };
    e.map(|e| format!("{backend}: the host has no device: {e}"))
}

/// Opens the plugin on a host advertising OpenCL and OpenGL, renders the
/// scene on the CPU and on each GPU backend the plugin declares (and the
/// host has a device for), and gives the runs to `judge`, with the scene
/// and the CPU render.
fn with_gpu_runs(
    env: &Env,
    judge: impl FnOnce(&crate::driver::Session, &Scene, ImageBuffer, Vec<GpuRun>) -> Verdict,
) -> Verdict {
    let host = env.options.host.clone().gpu(GpuOffer::all());
    support::with_plugin_on(env, host, |session, plugin: &Plugin| {
        let declared = gpu_backends(&plugin.descriptor());
        if declared.is_empty() {
            return Verdict::not_applicable(
                "the plugin declares neither OpenCL buffers, OpenCL images nor OpenGL (the GPU APIs this host renders with)",
            );
        }
        if let Some(why) = support::no_cpu_render(plugin, "no CPU render to compare with") {
            return Verdict::not_applicable(why);
        }
        let mut missing = Vec::new();
        let backends: Vec<Backend> = declared
            .into_iter()
            .filter(|&b| match unavailable(b) {
                Some(why) => {
                    missing.push(why);
                    false
                }
                None => true,
            })
            .collect();
        if backends.is_empty() {
            return Verdict::not_applicable(missing.join("; "));
        }
        let scene = match Scene::choose(env, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        let mut inst = match scene.instance(plugin) {
            Ok(i) => i,
            Err(v) => return v,
        };
        let cpu = match render_on(&scene, &mut inst, Backend::Cpu) {
            Ok(o) => o,
            Err(e) => {
                return Verdict::fail(format!("{}: the CPU render failed: {e}", scene.describe()));
            }
        };
        let runs = backends
            .into_iter()
            .map(|backend| {
                let gpu = render_on(&scene, &mut inst, backend);
                GpuRun {
                    backend,
                    gpu,
                    rendered_on: inst.last_backend(),
                }
            })
            .collect();
        drop(inst);
        judge(session, &scene, cpu, runs)
    })
}

/// `gpu-same-pixels`: each OpenCL and OpenGL render gives the CPU render's
/// pixels, within [`GPU_TOLERANCE`] (or a quantisation step of the depth).
pub(crate) fn same_pixels(env: &Env) -> Verdict {
    with_gpu_runs(env, |_, scene, cpu, runs| {
        let tol = tolerance(cpu.layout().depth);
        let window = cpu.bounds();
        let mut done = Vec::new();
        let mut problems = Vec::new();
        for r in runs {
            match (&r.gpu, r.rendered_on) {
                (Err(HostError::Unsupported(why)), _) => {
                    done.push(format!("{}: not run ({why})", r.backend));
                }
                (Err(e), _) => problems.push(format!("{}: the render failed: {e}", r.backend)),
                (Ok(_), Some(Backend::Cpu)) => done.push(format!(
                    "{}: the plugin's GPU render failed and the CPU retry rendered (see gpu-failure-falls-back)",
                    r.backend
                )),
                (Ok(img), _) => match img.compare(&cpu, window, tol) {
                    Ok(()) => done.push(format!("{}: same pixels", r.backend)),
                    Err(m) => problems.push(format!("{}: {m}", r.backend)),
                },
            }
        }
        let head = format!("{} (tolerance {tol})", scene.describe());
        if problems.is_empty() {
            Verdict::pass(format!("{head}: {}", done.join("; ")))
        } else {
            Verdict::fail(format!("{head}:\n{}", problems.join("\n")))
        }
    })
}

/// `gpu-reference-counts`: after each OpenCL render, the host's command
/// queue and the memory objects of every image have the reference counts
/// the host left (the plugin released nothing it did not retain, and kept
/// nothing); after each OpenGL render, every texture the plugin loaded was
/// freed and no GL error was left.
pub(crate) fn reference_counts(env: &Env) -> Verdict {
    with_gpu_runs(env, |session, scene, _, runs| {
        let bad = log_reading::violations(
            session.log(),
            &[
                ViolationKind::GpuReferenceCount,
                ViolationKind::LeakedTexture,
                ViolationKind::GlError,
            ],
        );
        if !bad.is_empty() {
            return Verdict::fail(log_reading::first_lines(
                &log_reading::fold_repeats(&bad),
                6,
            ));
        }
        let ran: Vec<&str> = runs
            .iter()
            .filter(|r| r.rendered_on == Some(r.backend))
            .map(|r| r.backend.name())
            .collect();
        if ran.is_empty() {
            return Verdict::not_applicable("no GPU render completed on the device");
        }
        Verdict::pass(format!(
            "{}: OpenCL queue and memory objects unchanged, OpenGL textures freed, after {}",
            scene.describe(),
            ran.join(", ")
        ))
    })
}

/// `gpu-failure-falls-back`: when the plugin answers an OpenCL or OpenGL
/// render with `kOfxStatGPURenderFailed` (or `kOfxStatGPUOutOfMemory`),
/// the host renders again on the CPU, and that render gives the CPU pixels.
pub(crate) fn failure_falls_back(env: &Env) -> Verdict {
    with_gpu_runs(env, |_, scene, cpu, runs| {
        let tol = tolerance(cpu.layout().depth);
        let retried: Vec<&GpuRun> = runs
            .iter()
            .filter(|r| r.rendered_on == Some(Backend::Cpu))
            .collect();
        if retried.is_empty() {
            return Verdict::not_applicable("no GPU render of the plugin failed: nothing to retry");
        }
        let mut lines = Vec::new();
        for r in retried {
            match &r.gpu {
                Ok(img) => match img.compare(&cpu, cpu.bounds(), tol) {
                    Ok(()) => lines.push(format!(
                        "{}: the GPU render failed, the CPU retry gave the CPU pixels",
                        r.backend
                    )),
                    Err(m) => {
                        return Verdict::fail(format!("{}: the CPU retry differs: {m}", r.backend));
                    }
                },
                Err(e) => {
                    return Verdict::fail(format!(
                        "{}: the GPU render failed and the CPU retry failed too: {e}",
                        r.backend
                    ));
                }
            }
        }
        Verdict::pass(format!("{}: {}", scene.describe(), lines.join("; ")))
    })
}

/// `gpu-renders-without-gpu`: a plugin that declares a GPU API as "true"
/// (not "needed") renders when the host enables none.
pub(crate) fn renders_without_gpu(env: &Env) -> Verdict {
    support::with_plugin(env, |_, plugin| {
        if let Some(why) = support::no_cpu_render(plugin, "no CPU render to compare with") {
            return Verdict::not_applicable(why);
        }
        let desc = plugin.descriptor();
        let optional: Vec<String> = declared_flags(&desc)
            .into_iter()
            .filter(|(n, _, v)| {
                *n != ofx_str(ofx_sys::kOfxImageEffectPropCPURenderSupported) && v == "true"
            })
            .map(|(n, _, _)| n.to_string())
            .collect();
        if optional.is_empty() {
            return Verdict::not_applicable(
                "the plugin declares no GPU API as optional (\"true\")",
            );
        }
        let scene = match Scene::choose(env, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        let mut inst = match scene.instance(plugin) {
            Ok(i) => i,
            Err(v) => return v,
        };
        match render_on(&scene, &mut inst, Backend::Cpu) {
            Ok(out) if out.to_rgba_f32().iter().flatten().all(|v| v.is_finite()) => {
                Verdict::pass(format!(
                    "{}: rendered with no GPU API enabled (declares {})",
                    scene.describe(),
                    optional.join(", ")
                ))
            }
            Ok(_) => Verdict::fail(format!(
                "{}: the render without GPU wrote NaN or infinite pixels",
                scene.describe()
            )),
            Err(e) => Verdict::fail(format!(
                "{}: declares {} \"true\" (optional), yet the render with no GPU API enabled failed: {e}",
                scene.describe(),
                optional.join(", ")
            )),
        }
    })
}

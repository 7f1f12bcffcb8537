//! Rendering: sequence brackets, tiles on threads, and the images handed to
//! the plugin by `clipGetImage`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use ofx_sys::{OfxPointD, OfxRectI, OfxStatus};

use super::actions::{CallInfo, arg_set, ok, set_rect_i, with_registered};
use super::gpu::{self, GpuSequence};
use super::instance::{Instance, OUTPUT};
use crate::config::Backend;
use crate::error::HostError;
use crate::frames::{RenderContext, to_canonical, to_pixels};
use crate::image::{ImageBuffer, Layout, RowOrder};
use crate::props::{PropertySet, Writer};
use crate::types::Field;
use crate::types::ofx_str;

/// How the output image is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct OutputLayout {
    /// Pixel bounds (default: the render window).
    pub bounds: Option<OfxRectI>,
    /// Extra bytes per row (canaries).
    pub padding: usize,
    /// Row order (top-down gives negative row bytes).
    pub order: RowOrder,
    /// Guard pages around the pixels.
    pub guard_pages: bool,
}

/// What to render.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderRequest {
    /// The frame.
    pub time: f64,
    /// The render window in output pixels (default: the RoD at this scale).
    pub window: Option<OfxRectI>,
    /// The render scale.
    pub scale: OfxPointD,
    /// The field to render.
    pub field: Field,
    /// The output image's layout.
    pub output: OutputLayout,
    /// The window is split into `tiles.0` columns by `tiles.1` rows, one
    /// render action each.
    pub tiles: (u32, u32),
    /// Threads rendering tiles at once (0: the host's `render_threads`).
    /// More than one only when the plugin is fully thread safe; otherwise
    /// the tiles run one at a time and a note says so.
    pub threads: usize,
    /// Before rendering, the output outside the window is filled with this
    /// byte, so writes outside the window can be found afterwards.
    pub fill_outside: Option<u8>,
    /// `kOfxImageEffectPropSequentialRenderStatus`.
    pub sequential: bool,
    /// `kOfxImageEffectPropInteractiveRenderStatus`.
    pub interactive: bool,
    /// `kOfxImageEffectPropRenderQualityDraft`.
    pub draft: bool,
    /// The backend asked for: enabled when the host advertises it and the
    /// plugin declares it; the CPU renders when the plugin does not. A
    /// plugin that says `kOfxImageEffectPropCPURenderSupported` "false"
    /// renders on the first GPU API both sides have (OpenGL, OpenCL
    /// buffers, OpenCL images) when the CPU is asked for. A plugin's
    /// `kOfxStatGPURenderFailed` or `kOfxStatGPUOutOfMemory` makes the host
    /// render the sequence again on the CPU, where the plugin renders there
    /// ([`Instance::last_backend`] says which one rendered). On OpenGL the
    /// window renders in one action on the calling thread (`tiles` and
    /// `threads` are ignored), and `kOfxStatErrMemory` is retried too.
    pub backend: Backend,
}

impl Default for RenderRequest {
    fn default() -> Self {
        RenderRequest {
            time: 0.0,
            window: None,
            scale: OfxPointD { x: 1.0, y: 1.0 },
            field: Field::None,
            output: OutputLayout::default(),
            tiles: (1, 1),
            threads: 0,
            fill_outside: None,
            sequential: false,
            interactive: false,
            draft: false,
            backend: Backend::Cpu,
        }
    }
}

impl RenderRequest {
    /// A whole-frame render at `time`, scale 1.
    pub fn at(time: f64) -> Self {
        RenderRequest {
            time,
            ..RenderRequest::default()
        }
    }
    /// The same request with a render window.
    pub fn window(mut self, w: impl Into<OfxRectI>) -> Self {
        self.window = Some(w.into());
        self
    }
    /// The same request at render scale `s` (both axes).
    pub fn scale(mut self, s: f64) -> Self {
        self.scale = OfxPointD { x: s, y: s };
        self
    }
    /// The same request split into `cols` × `rows` tiles on `threads` threads.
    pub fn tiles(mut self, cols: u32, rows: u32, threads: usize) -> Self {
        self.tiles = (cols.max(1), rows.max(1));
        self.threads = threads;
        self
    }
    /// The same request with this output layout.
    pub fn output(mut self, o: OutputLayout) -> Self {
        self.output = o;
        self
    }
    /// The same request asking for backend `b` (see
    /// [`RenderRequest::backend`](struct@RenderRequest)).
    pub fn backend(mut self, b: Backend) -> Self {
        self.backend = b;
        self
    }
}

fn split(window: OfxRectI, cols: u32, rows: u32) -> Vec<OfxRectI> {
    let w = i64::from(window.x2) - i64::from(window.x1);
    let h = i64::from(window.y2) - i64::from(window.y1);
    let (cols, rows) = (
        i64::from(cols.max(1)).min(w.max(1)),
        i64::from(rows.max(1)).min(h.max(1)),
    );
    let mut out = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let t = OfxRectI {
                x1: (i64::from(window.x1) + w * c / cols) as i32,
                x2: (i64::from(window.x1) + w * (c + 1) / cols) as i32,
                y1: (i64::from(window.y1) + h * r / rows) as i32,
                y2: (i64::from(window.y1) + h * (r + 1) / rows) as i32,
            };
            if t.x2 > t.x1 && t.y2 > t.y1 {
                out.push(t);
            }
        }
    }
    out
}

impl Instance<'_> {
    fn sequence_args(
        &self,
        kind: &str,
        first: f64,
        last: f64,
        req: &RenderRequest,
        gpu: Option<&GpuSequence>,
    ) -> PropertySet {
        let mut s = arg_set(
            kind,
            &[
                ofx_str(ofx_sys::kOfxImageEffectPropFrameRange),
                ofx_str(ofx_sys::kOfxImageEffectPropFrameStep),
                ofx_str(ofx_sys::kOfxPropIsInteractive),
                ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
                ofx_str(ofx_sys::kOfxImageEffectPropSequentialRenderStatus),
                ofx_str(ofx_sys::kOfxImageEffectPropInteractiveRenderStatus),
                ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
                ofx_str(ofx_sys::kOfxImageEffectPropNoSpatialAwareness),
                ofx_str(ofx_sys::kOfxImageEffectPropOpenGLEnabled),
                ofx_str(ofx_sys::kOfxImageEffectPropCudaEnabled),
                ofx_str(ofx_sys::kOfxImageEffectPropMetalEnabled),
                ofx_str(ofx_sys::kOfxImageEffectPropOpenCLEnabled),
                ofx_str(ofx_sys::kOfxImageEffectPropOpenCLCommandQueue),
            ],
            false,
        );
        gpu::set_args(&mut s, gpu);
        let h = Writer::Host;
        ok(s.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropFrameRange),
            &[first, last],
            h,
        ));
        ok(s.set_double(ofx_str(ofx_sys::kOfxImageEffectPropFrameStep), 0, 1.0, h));
        ok(s.set_int(
            ofx_str(ofx_sys::kOfxPropIsInteractive),
            0,
            i32::from(req.interactive),
            h,
        ));
        ok(s.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
            &[req.scale.x, req.scale.y],
            h,
        ));
        ok(s.set_int(
            ofx_str(ofx_sys::kOfxImageEffectPropSequentialRenderStatus),
            0,
            i32::from(req.sequential),
            h,
        ));
        ok(s.set_int(
            ofx_str(ofx_sys::kOfxImageEffectPropInteractiveRenderStatus),
            0,
            i32::from(req.interactive),
            h,
        ));
        ok(s.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
            0,
            "false",
            h,
        ));
        ok(s.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropNoSpatialAwareness),
            0,
            "false",
            h,
        ));
        s
    }

    fn sequence(
        &self,
        begin: bool,
        first: f64,
        last: f64,
        req: &RenderRequest,
        gpu: Option<&GpuSequence>,
    ) -> Result<(), HostError> {
        let (action, kind) = if begin {
            (
                ofx_sys::kOfxImageEffectActionBeginSequenceRender,
                "inArgs:BeginSequenceRender",
            )
        } else {
            (
                ofx_sys::kOfxImageEffectActionEndSequenceRender,
                "inArgs:EndSequenceRender",
            )
        };
        let args = self.sequence_args(kind, first, last, req, gpu);
        let (status, _) = with_registered(args, |h| {
            self.plugin.send(
                action,
                self.handle.raw(),
                Some(h),
                None,
                CallInfo::default(),
            )
        });
        if matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            Ok(())
        } else {
            Err(HostError::Action {
                action: action.to_string_lossy().into_owned(),
                status,
            })
        }
    }

    fn check_request(&self, req: &RenderRequest) -> Result<(), HostError> {
        let cfg = &self.plugin.shared().config;
        if !(req.scale.x > 0.0 && req.scale.y > 0.0) {
            return Err(HostError::Invalid(format!("render scale {:?}", req.scale)));
        }
        let unit = req.scale.x == 1.0 && req.scale.y == 1.0;
        let plugin_multires = self
            .plugin
            .descriptor()
            .get_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportsMultiResolution),
                0,
            )
            .unwrap_or(1)
            != 0;
        if !(unit || cfg.multi_resolution && plugin_multires) {
            return Err(HostError::Unsupported(format!(
                "render scale {}x{}: {} does not support multi-resolution",
                req.scale.x,
                req.scale.y,
                if cfg.multi_resolution {
                    "the plugin"
                } else {
                    "the host"
                }
            )));
        }
        if let Some(w) = req.window
            && (w.x2 <= w.x1 || w.y2 <= w.y1)
        {
            return Err(HostError::Invalid(format!(
                "empty or inverted render window {w:?}"
            )));
        }
        Ok(())
    }

    /// Renders one frame: begin sequence render, the render action for each
    /// tile, end sequence render. Returns the output image.
    pub fn render(&self, req: &RenderRequest) -> Result<ImageBuffer, HostError> {
        Ok(self.render_sequence(&[req.time], req)?.remove(0))
    }

    /// Renders the frames `times` between one begin / end sequence render
    /// pair (`req.time` is ignored). Returns one output image per frame.
    pub fn render_sequence(
        &self,
        times: &[f64],
        req: &RenderRequest,
    ) -> Result<Vec<ImageBuffer>, HostError> {
        if times.is_empty() {
            return Ok(Vec::new());
        }
        self.check_request(req)?;
        self.current_preferences()?;
        let backend = self.negotiate(req.backend)?;
        let result = self.render_sequence_on(times, req, backend);
        // OpenGL reports running out of memory as kOfxStatErrMemory too.
        let gpu_failed = matches!(
            result,
            Err(HostError::Action { status, .. })
                if status == ofx_sys::kOfxStatGPURenderFailed
                    || status == ofx_sys::kOfxStatGPUOutOfMemory
                    || (status == ofx_sys::kOfxStatErrMemory && backend == Backend::OpenGl)
        );
        if backend != Backend::Cpu && gpu_failed && self.renders_on_cpu() {
            // The spec lets a host retry a failed GPU render on the CPU;
            // this one does, for the whole sequence, unless the plugin
            // says it cannot render there.
            self.plugin.shared().log.note(format!(
                "the {backend} render failed ({}): rendering again on the CPU",
                result
                    .as_ref()
                    .err()
                    .map_or(String::new(), |e| crate::error::status_name(e.status()))
            ));
            return self.render_sequence_on(times, req, Backend::Cpu);
        }
        result
    }

    fn render_sequence_on(
        &self,
        times: &[f64],
        req: &RenderRequest,
        backend: Backend,
    ) -> Result<Vec<ImageBuffer>, HostError> {
        *self.rendered_with.lock().unwrap_or_else(|e| e.into_inner()) = Some(backend);
        let gpu = self.open_sequence(backend)?;
        // OpenGL: the context is current on this thread for the whole
        // sequence, and the instance is told of it before its first render.
        let _current = match &gpu {
            Some(GpuSequence::OpenGl { device }) => {
                let current = device
                    .make_current()
                    .map_err(|e| HostError::Unsupported(format!("OpenGL: {e}")))?;
                self.attach_gl(device)?;
                Some(current)
            }
            _ => None,
        };
        let first = times.iter().copied().fold(f64::INFINITY, f64::min);
        let last = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut result = self.sequence(true, first, last, req, gpu.as_ref());
        let mut out = Vec::with_capacity(times.len());
        if result.is_ok() {
            for &t in times {
                match self.render_frame(t, req, gpu.as_ref()) {
                    Ok(img) => out.push(img),
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                }
            }
            let end = self.sequence(false, first, last, req, gpu.as_ref());
            result = result.and(end);
        }
        let closed = gpu.map_or(Ok(()), |g| self.close_sequence(g));
        result?;
        closed?;
        Ok(out)
    }

    /// The backend the last render of this instance ran on: the one asked
    /// for, the CPU when the plugin did not declare it, or the CPU after a
    /// GPU render failed. `None` before any render.
    pub fn last_backend(&self) -> Option<Backend> {
        *self.rendered_with.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn render_frame(
        &self,
        time: f64,
        req: &RenderRequest,
        gpu: Option<&GpuSequence>,
    ) -> Result<ImageBuffer, HostError> {
        let shared = self.plugin.shared().clone();
        let cfg = &shared.config;
        let prefs = self.current_preferences()?;
        let out_pref = prefs
            .clips
            .get(OUTPUT)
            .copied()
            .ok_or_else(|| HostError::NotFound("the plugin defined no output clip".into()))?;
        let par = out_pref.pixel_aspect_ratio;
        let rod = self.region_of_definition(time, req.scale)?;
        let rod_px = to_pixels(rod, req.scale, par);
        // The instance's value: it starts as the descriptor's (and the
        // host's), and a plugin may change it in instance changed (1.4).
        let tiles_ok = cfg.supports_tiles
            && self
                .props()
                .get_int(ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles), 0)
                .unwrap_or(1)
                != 0;
        let mut window = req.window.unwrap_or(rod_px);
        // An OpenGL frame renders in one call on the thread holding the
        // context: the whole window, no tiles, no threads.
        let opengl = matches!(gpu, Some(GpuSequence::OpenGl { .. }));
        let mut grid = if opengl { (1, 1) } else { req.tiles };
        if !tiles_ok && (window != rod_px || grid != (1, 1)) {
            shared.log.note(format!(
                "tiles not supported by {}: rendering the whole RoD {rod_px:?} in one piece",
                if cfg.supports_tiles {
                    "the plugin"
                } else {
                    "the host"
                }
            ));
            window = rod_px;
            grid = (1, 1);
        }
        if window.x2 <= window.x1 || window.y2 <= window.y1 {
            return Err(HostError::Invalid(format!(
                "empty render window {window:?} (RoD {rod:?}); give a window for an empty or infinite RoD"
            )));
        }
        let rois =
            self.regions_of_interest(time, req.scale, to_canonical(window, req.scale, par))?;
        let bounds = if tiles_ok {
            req.output.bounds.unwrap_or(window)
        } else {
            rod_px
        };
        let layout = Layout::packed(bounds, out_pref.depth, out_pref.components)
            .with_padding(req.output.padding)
            .with_order(req.output.order)
            .with_guard_pages(req.output.guard_pages);
        let mut output = ImageBuffer::try_new(layout)
            .map_err(|e| HostError::Invalid(format!("cannot allocate the output: {e}")))?
            .with_name(format!("output at t={time}"));
        if let Some(p) = req.fill_outside {
            output.fill_outside(window, p);
        }
        let gpu_frame = match gpu {
            Some(g) => Some(self.open_frame(g, &output, window.into())?),
            None => None,
        };
        let ctx = Arc::new(RenderContext {
            instance: self.handle.raw(),
            time,
            scale: req.scale,
            field: req.field,
            window,
            output_rod: rod_px,
            output: Arc::new(output),
            premultiplication: prefs.premultiplication,
            output_par: par,
            rois,
            inputs: Mutex::new(HashMap::new()),
            gpu: gpu_frame,
        });
        let tiles = split(window, grid.0, grid.1);
        let safety = self
            .plugin
            .descriptor()
            .get_string(ofx_str(ofx_sys::kOfxImageEffectPluginRenderThreadSafety), 0)
            .unwrap_or_default();
        let wanted = if opengl {
            1
        } else if req.threads == 0 {
            cfg.render_threads.max(1)
        } else {
            req.threads
        };
        let mut threads = wanted.min(tiles.len()).max(1);
        if threads > 1 && safety != ofx_str(ofx_sys::kOfxImageEffectRenderFullySafe) {
            shared.log.note(format!(
                "{threads} threads asked for, but the plugin's render thread safety is '{safety}': tiles render one at a time"
            ));
            threads = 1;
        }
        let statuses: Vec<(OfxRectI, OfxStatus)> = if threads == 1 {
            tiles
                .iter()
                .map(|t| (*t, self.render_tile(&ctx, *t, req, gpu)))
                .collect()
        } else {
            let next = AtomicUsize::new(0);
            let results = Mutex::new(Vec::new());
            std::thread::scope(|s| {
                for _ in 0..threads {
                    s.spawn(|| {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(t) = tiles.get(i) else { break };
                            let st = self.render_tile(&ctx, *t, req, gpu);
                            results
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .push((*t, st));
                        }
                    });
                }
            });
            results.into_inner().unwrap_or_else(|e| e.into_inner())
        };
        let failed = statuses
            .iter()
            .find(|(_, s)| *s != ofx_sys::kOfxStatOK)
            .copied();
        let mut ctx = Arc::try_unwrap(ctx)
            .map_err(|_| HostError::Invalid("render context still shared".into()))?;
        let gpu_frame = ctx.gpu.take();
        let mut output = Arc::try_unwrap(ctx.output).unwrap_or_else(|arc| (*arc).clone());
        // The device copies are checked and given back whatever the status.
        let read_back = gpu_frame.map_or(Ok(()), |f| self.close_frame(f, &mut output));
        if let Some((t, s)) = failed {
            shared.log.note(format!(
                "render of tile {t:?} at t={time} returned {}",
                crate::error::status_name(s)
            ));
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxImageEffectActionRender).into(),
                status: s,
            });
        }
        read_back?;
        Ok(output)
    }

    fn render_tile(
        &self,
        ctx: &Arc<RenderContext>,
        tile: OfxRectI,
        req: &RenderRequest,
        gpu: Option<&GpuSequence>,
    ) -> OfxStatus {
        let mut args = arg_set(
            "inArgs:Render",
            &[
                ofx_str(ofx_sys::kOfxPropTime),
                ofx_str(ofx_sys::kOfxImageEffectPropFieldToRender),
                ofx_str(ofx_sys::kOfxImageEffectPropRenderWindow),
                ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
                ofx_str(ofx_sys::kOfxImageEffectPropSequentialRenderStatus),
                ofx_str(ofx_sys::kOfxImageEffectPropInteractiveRenderStatus),
                ofx_str(ofx_sys::kOfxImageEffectPropRenderQualityDraft),
                ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
                ofx_str(ofx_sys::kOfxImageEffectPropNoSpatialAwareness),
                ofx_str(ofx_sys::kOfxImageEffectPropOpenGLEnabled),
                ofx_str(ofx_sys::kOfxImageEffectPropCudaEnabled),
                ofx_str(ofx_sys::kOfxImageEffectPropMetalEnabled),
                ofx_str(ofx_sys::kOfxImageEffectPropOpenCLEnabled),
                ofx_str(ofx_sys::kOfxImageEffectPropOpenCLCommandQueue),
            ],
            false,
        );
        let h = Writer::Host;
        ok(args.set_double(ofx_str(ofx_sys::kOfxPropTime), 0, ctx.time, h));
        ok(args.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropFieldToRender),
            0,
            ctx.field.ofx_name(),
            h,
        ));
        set_rect_i(
            &mut args,
            ofx_str(ofx_sys::kOfxImageEffectPropRenderWindow),
            tile,
        );
        ok(args.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
            &[ctx.scale.x, ctx.scale.y],
            h,
        ));
        ok(args.set_int(
            ofx_str(ofx_sys::kOfxImageEffectPropSequentialRenderStatus),
            0,
            i32::from(req.sequential),
            h,
        ));
        ok(args.set_int(
            ofx_str(ofx_sys::kOfxImageEffectPropInteractiveRenderStatus),
            0,
            i32::from(req.interactive),
            h,
        ));
        ok(args.set_int(
            ofx_str(ofx_sys::kOfxImageEffectPropRenderQualityDraft),
            0,
            i32::from(req.draft),
            h,
        ));
        ok(args.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
            0,
            "false",
            h,
        ));
        ok(args.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropNoSpatialAwareness),
            0,
            "false",
            h,
        ));
        gpu::set_args(&mut args, gpu);
        with_registered(args, |a| {
            self.plugin.send(
                ofx_sys::kOfxImageEffectActionRender,
                self.handle.raw(),
                Some(a),
                None,
                CallInfo {
                    time: Some(ctx.time),
                    user_edited: false,
                    render: Some(ctx.clone()),
                },
            )
        })
        .0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ofx_sys::OfxRectD;

    #[test]
    fn split_covers_the_window_exactly() {
        let w = OfxRectI {
            x1: -3,
            y1: 2,
            x2: 10,
            y2: 9,
        };
        let tiles = split(w, 3, 2);
        assert_eq!(tiles.len(), 6);
        let area: i64 = tiles
            .iter()
            .map(|t| i64::from(t.x2 - t.x1) * i64::from(t.y2 - t.y1))
            .sum();
        assert_eq!(area, 13 * 7);
        for y in w.y1..w.y2 {
            for x in w.x1..w.x2 {
                let n = tiles
                    .iter()
                    .filter(|t| x >= t.x1 && x < t.x2 && y >= t.y1 && y < t.y2)
                    .count();
                assert_eq!(n, 1, "pixel ({x},{y}) covered {n} times");
            }
        }
        assert_eq!(
            split(
                OfxRectI {
                    x1: 0,
                    y1: 0,
                    x2: 2,
                    y2: 1
                },
                8,
                8
            )
            .len(),
            2
        );
    }

    #[test]
    fn canonical_pixel_round_trip_with_scale_and_par() {
        let s = OfxPointD { x: 0.5, y: 0.5 };
        let r = to_pixels(
            OfxRectD {
                x1: 0.0,
                y1: 0.0,
                x2: 200.0,
                y2: 100.0,
            },
            s,
            2.0,
        );
        assert_eq!(
            r,
            OfxRectI {
                x1: 0,
                y1: 0,
                x2: 50,
                y2: 50
            }
        );
        let c = to_canonical(r, s, 2.0);
        assert_eq!((c.x2, c.y2), (200.0, 100.0));
    }
}

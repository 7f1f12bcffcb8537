//! Images fetched from clips: read-only inputs and the one writable output.
//!
//! An image is fetched through the context of an action that may fetch it
//! ([`Render`](crate::Render), or the arguments of the instance-changed
//! action) and borrows that context, so it cannot outlive the action: the
//! host's buffer is released (`clipReleaseImage`) when the guard drops, and
//! no view of its pixels can be kept past that point.
//!
//! * [`InputImage`] only hands out read-only views
//!   ([`ImageView`]): inputs are the host's cache, shared with other nodes
//!   and threads, and are never written.
//! * [`OutputImage`] only hands out a writable view
//!   ([`ImageViewMut`]) of the render window of its render: a host may render
//!   other windows of the same buffer at the same time, on other threads, so
//!   the rest of the buffer is neither read nor written.

use std::ffi::CStr;
use std::ops::Range;
use std::sync::Mutex;

use ofx_sys as sys;

use crate::effect::{Field, Premultiplication};
use crate::error::{Error, Result};
use crate::ffi::clip::{self, HostLayout};
use crate::ffi::props::PropSet;
use crate::geometry::{RectD, RectI, RenderScale};
use crate::pixel::{BitDepth, ImageView, ImageViewMut, Pixel, PixelComponents, RawImageLayout};

/// An image handed over by `clipGetImage`, released when dropped.
struct Fetched {
    props: PropSet,
    layout: HostLayout,
    /// The bytes its pixels occupy (for the overlap check), or `None` for an
    /// image without pixels.
    span: Option<Range<usize>>,
}

impl Drop for Fetched {
    fn drop(&mut self) {
        clip::release_image(self.props.handle());
    }
}

impl Fetched {
    /// Reads the layout of an image the host handed over; the guard is built
    /// first, so the image is released on any error.
    fn new(props: PropSet) -> Result<Fetched> {
        let mut img = Fetched {
            props,
            layout: HostLayout(RawImageLayout {
                data: std::ptr::null_mut(),
                bounds: RectI::new(0, 0, 0, 0),
                row_bytes: 0,
                depth: BitDepth::U8,
                components: PixelComponents::Rgba,
            }),
            span: None,
        };
        let p = &img.props;
        let b: [i32; 4] = p.get_int_array(sys::kOfxImagePropBounds)?;
        let row_bytes = p.get_int(sys::kOfxImagePropRowBytes, 0)?;
        img.layout = HostLayout(RawImageLayout {
            data: clip::image_data(p)?,
            bounds: RectI::new(b[0], b[1], b[2], b[3]),
            row_bytes: isize::try_from(row_bytes)
                .map_err(|_| Error::image_format(format!("row bytes {row_bytes} do not fit")))?,
            depth: p.with_cstr(sys::kOfxImageEffectPropPixelDepth, 0, parse_depth)??,
            components: p.with_cstr(sys::kOfxImageEffectPropComponents, 0, parse_components)??,
        });
        img.span = img.layout.0.byte_span();
        Ok(img)
    }

    fn region_of_definition(&self) -> Result<RectI> {
        let b: [i32; 4] = self
            .props
            .get_int_array(sys::kOfxImagePropRegionOfDefinition)?;
        Ok(RectI::new(b[0], b[1], b[2], b[3]))
    }
    fn render_scale(&self) -> Result<RenderScale> {
        let [x, y] = self
            .props
            .get_double_array(sys::kOfxImageEffectPropRenderScale)?;
        Ok(RenderScale::new(x, y))
    }
    fn field(&self) -> Result<Field> {
        Ok(Field::parse(
            &self.props.get_string(sys::kOfxImagePropField, 0)?,
        ))
    }
    fn unique_identifier(&self) -> Result<String> {
        self.props.get_string(sys::kOfxImagePropUniqueIdentifier, 0)
    }
    fn premultiplication(&self) -> Result<Premultiplication> {
        Ok(Premultiplication::parse(&self.props.get_string(
            sys::kOfxImageEffectPropPreMultiplication,
            0,
        )?))
    }
    fn pixel_aspect_ratio(&self) -> Result<f64> {
        self.props.get_double(sys::kOfxImagePropPixelAspectRatio, 0)
    }
}

/// The images of one action that are alive, so that an output never shares
/// memory with an input: a host that hands the same buffer out as both gets
/// an error instead of a plugin writing into what it reads.
#[derive(Default)]
pub(crate) struct LiveImages {
    inner: Mutex<Spans>,
}

#[derive(Default)]
struct Spans {
    next: u64,
    inputs: Vec<(u64, Range<usize>)>,
    output: Option<Range<usize>>,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

impl LiveImages {
    fn spans(&self) -> std::sync::MutexGuard<'_, Spans> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Records an input's memory; fails if it overlaps the live output.
    fn add_input(&self, span: &Option<Range<usize>>, clip: &str) -> Result<Option<u64>> {
        let Some(span) = span else { return Ok(None) };
        let mut s = self.spans();
        if let Some(out) = &s.output
            && overlaps(out, span)
        {
            return Err(overlap_error(clip));
        }
        let id = s.next;
        s.next += 1;
        s.inputs.push((id, span.clone()));
        Ok(Some(id))
    }

    fn remove_input(&self, id: u64) {
        self.spans().inputs.retain(|(i, _)| *i != id);
    }

    /// Records the output's memory (its render window); fails if it
    /// overlaps a live input.
    fn set_output(&self, span: Option<Range<usize>>) -> Result<()> {
        let mut s = self.spans();
        if let Some(out) = &span
            && s.inputs.iter().any(|(_, i)| overlaps(i, out))
        {
            return Err(overlap_error("an input"));
        }
        s.output = span;
        Ok(())
    }

    fn clear_output(&self) {
        self.spans().output = None;
    }
}

fn overlap_error(clip: &str) -> Error {
    Error::image_format(format!(
        "the host handed out the output image and {clip} in overlapping memory: \
         an effect never writes into what it reads, so it does not render"
    ))
}

/// Implements the read-only description of an image on both image types.
macro_rules! image_info {
    ($ty:ident) => {
        impl $ty<'_> {
            /// The pixels the host's buffer holds, in pixel coordinates
            /// (`kOfxImagePropBounds`).
            pub fn bounds(&self) -> RectI {
                self.image.layout.0.bounds
            }
            /// Bytes from one row to the next (negative for rows stored
            /// top-down).
            pub fn row_bytes(&self) -> isize {
                self.image.layout.0.row_bytes
            }
            /// The component type of the pixels.
            pub fn depth(&self) -> BitDepth {
                self.image.layout.0.depth
            }
            /// Which components the pixels have.
            pub fn components(&self) -> PixelComponents {
                self.image.layout.0.components
            }
            /// The region of definition of the image, in pixels.
            pub fn region_of_definition(&self) -> Result<RectI> {
                self.image.region_of_definition()
            }
            /// The render scale the image was made at.
            pub fn render_scale(&self) -> Result<RenderScale> {
                self.image.render_scale()
            }
            /// The field the image holds.
            pub fn field(&self) -> Result<Field> {
                self.image.field()
            }
            /// The host's unique identifier for the image's content.
            pub fn unique_identifier(&self) -> Result<String> {
                self.image.unique_identifier()
            }
            /// The premultiplication state of the pixels.
            pub fn premultiplication(&self) -> Result<Premultiplication> {
                self.image.premultiplication()
            }
            /// The pixel aspect ratio.
            pub fn pixel_aspect_ratio(&self) -> Result<f64> {
                self.image.pixel_aspect_ratio()
            }
            /// Converts a canonical rectangle to this image's pixel grid
            /// (enclosing), at the image's render scale and pixel aspect ratio.
            pub fn canonical_to_pixel(&self, r: RectD) -> Result<RectI> {
                Ok(r.to_pixel_enclosing(self.render_scale()?, self.pixel_aspect_ratio()?))
            }
            /// Converts a pixel rectangle of this image to canonical
            /// coordinates.
            pub fn pixel_to_canonical(&self, r: RectI) -> Result<RectD> {
                Ok(r.to_canonical(self.render_scale()?, self.pixel_aspect_ratio()?))
            }
        }

        impl std::fmt::Debug for $ty<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let l = &self.image.layout.0;
                f.debug_struct(stringify!($ty))
                    .field("bounds", &l.bounds)
                    .field("row_bytes", &l.row_bytes)
                    .field("depth", &l.depth)
                    .field("components", &l.components)
                    .finish_non_exhaustive()
            }
        }
    };
}

/// An image of an input clip, read-only, alive until the end of the action
/// that fetched it at the latest. Released when dropped.
///
/// Its pixels are reached through [`view`](InputImage::view), checked
/// against the image's real depth, components and layout.
pub struct InputImage<'a> {
    image: Fetched,
    live: Option<(&'a LiveImages, u64)>,
}

image_info!(InputImage);

impl Drop for InputImage<'_> {
    fn drop(&mut self) {
        if let Some((live, id)) = self.live {
            live.remove_input(id);
        }
    }
}

impl<'a> InputImage<'a> {
    /// Fetches an input image, registering its memory with `live`.
    pub(crate) fn fetch(
        clip: sys::OfxImageClipHandle,
        name: &str,
        time: f64,
        region: Option<RectD>,
        live: Option<&'a LiveImages>,
    ) -> Result<InputImage<'a>> {
        let image = Fetched::new(clip::get_image(clip, time, region)?)?;
        let live = match live {
            Some(l) => l
                .add_input(&image.span, &format!("clip {name:?}"))?
                .map(|id| (l, id)),
            None => None,
        };
        Ok(InputImage { image, live })
    }

    /// A read-only view of the pixels as type `P`.
    ///
    /// # Errors
    /// [`ImageFormat`](crate::ErrorKind::ImageFormat) when `P` does not match
    /// the image's depth and components, or the host's layout is malformed.
    pub fn view<P: Pixel>(&self) -> Result<ImageView<'_, P>> {
        clip::view(&self.image.layout.0)
    }
}

/// The output image of one render, fetched by [`Render::output`](crate::Render::output).
///
/// It hands out one writable view at a time, and that view covers the render
/// window of its render and nothing else: other windows of the same buffer
/// may be rendered at the same time by other calls. Released when dropped.
pub struct OutputImage<'a> {
    image: Fetched,
    window: RectI,
    live: &'a LiveImages,
    taken: &'a std::sync::atomic::AtomicBool,
}

image_info!(OutputImage);

impl Drop for OutputImage<'_> {
    fn drop(&mut self) {
        self.live.clear_output();
        self.taken
            .store(false, std::sync::atomic::Ordering::Release);
    }
}

impl<'a> OutputImage<'a> {
    /// Fetches the output image of a render whose window is `window`.
    /// `taken` must have been claimed by the caller; it is given back when
    /// the image drops.
    pub(crate) fn fetch(
        clip: sys::OfxImageClipHandle,
        time: f64,
        window: RectI,
        live: &'a LiveImages,
        taken: &'a std::sync::atomic::AtomicBool,
    ) -> Result<OutputImage<'a>> {
        let fetched = clip::get_image(clip, time, None).and_then(Fetched::new);
        let image = match fetched {
            Ok(i) => i,
            Err(e) => {
                taken.store(false, std::sync::atomic::Ordering::Release);
                return Err(e);
            }
        };
        let window = window
            .intersection(&image.layout.0.bounds)
            .unwrap_or(RectI::new(window.x1, window.y1, window.x1, window.y1));
        // From here on the guard gives `taken` back, also on error.
        let out = OutputImage {
            image,
            window,
            live,
            taken,
        };
        let span = out.image.layout.0.window_span(window);
        live.set_output(span)?;
        Ok(out)
    }

    /// The pixels this render writes: the render window, clipped to the
    /// buffer's bounds.
    pub fn window(&self) -> RectI {
        self.window
    }

    /// The writable view of the render window, as type `P`.
    ///
    /// # Errors
    /// [`ImageFormat`](crate::ErrorKind::ImageFormat) when `P` does not match
    /// the image's depth and components, or the host's layout is malformed.
    pub fn view_mut<P: Pixel>(&mut self) -> Result<ImageViewMut<'_, P>> {
        clip::view_mut_in(&self.image.layout.0, self.window)
    }
}

/// Parses an OFX pixel depth string.
pub(crate) fn parse_depth(s: &CStr) -> Result<BitDepth> {
    Ok(if s == sys::kOfxBitDepthByte {
        BitDepth::U8
    } else if s == sys::kOfxBitDepthShort {
        BitDepth::U16
    } else if s == sys::kOfxBitDepthHalf {
        BitDepth::F16
    } else if s == sys::kOfxBitDepthFloat {
        BitDepth::F32
    } else {
        return Err(Error::image_format(format!(
            "unsupported pixel depth {:?}",
            s.to_string_lossy()
        )));
    })
}

/// Parses an OFX components string.
pub(crate) fn parse_components(s: &CStr) -> Result<PixelComponents> {
    Ok(if s == sys::kOfxImageComponentRGBA {
        PixelComponents::Rgba
    } else if s == sys::kOfxImageComponentRGB {
        PixelComponents::Rgb
    } else if s == sys::kOfxImageComponentAlpha {
        PixelComponents::Alpha
    } else {
        return Err(Error::image_format(format!(
            "unsupported pixel components {:?}",
            s.to_string_lossy()
        )));
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(data: usize, bounds: RectI, row_bytes: isize) -> RawImageLayout {
        RawImageLayout {
            data: data as *mut std::ffi::c_void,
            bounds,
            row_bytes,
            depth: BitDepth::F32,
            components: PixelComponents::Rgba,
        }
    }

    #[test]
    fn spans_cover_exactly_the_rows_of_the_window() {
        // 4x3 RGBA floats (16 bytes a pixel), rows 80 bytes apart, origin at
        // 0x10000, bounds offset from the origin of the plane.
        let b = RectI::new(10, 20, 14, 23);
        let up = layout(0x10000, b, 80);
        assert_eq!(up.byte_span(), Some(0x10000..0x10000 + 2 * 80 + 64));
        // The window's rows only: from (11, 21) to the end of (12, 22).
        let w = RectI::new(11, 21, 13, 23);
        assert_eq!(
            up.window_span(w),
            Some(0x10000 + 80 + 16..0x10000 + 160 + 48)
        );
        // Top-down rows: the origin is the last row in memory.
        let down = layout(0x10000, b, -80);
        assert_eq!(down.byte_span(), Some(0x10000 - 160..0x10000 + 64));
        assert_eq!(
            down.window_span(w),
            Some(0x10000 - 160 + 16..0x10000 - 80 + 48)
        );
        // Malformed or empty layouts have no span (their views fail).
        assert_eq!(layout(0x10000, b, 32).byte_span(), None);
        assert_eq!(
            layout(0x10000, RectI::new(0, 0, -1, 1), 80).byte_span(),
            None
        );
        assert_eq!(up.window_span(RectI::new(0, 0, 5, 5)), None);
    }

    #[test]
    fn an_output_never_shares_memory_with_a_live_input() {
        let live = LiveImages::default();
        let a = live
            .add_input(&Some(100..200), "clip \"A\"")
            .unwrap()
            .unwrap();
        live.add_input(&Some(150..250), "clip \"B\"").unwrap();
        // Inputs may overlap each other: they are only read.
        let e = live.set_output(Some(240..300)).unwrap_err();
        assert!(e.to_string().contains("overlapping memory"), "{e}");
        live.set_output(Some(250..300)).unwrap();
        let e = live.add_input(&Some(299..400), "clip \"C\"").unwrap_err();
        assert!(e.to_string().contains("clip \"C\""), "{e}");
        live.clear_output();
        live.add_input(&Some(299..400), "clip \"C\"").unwrap();
        live.remove_input(a);
        assert_eq!(live.spans().inputs.len(), 2);
        assert_eq!(live.add_input(&None, "empty").unwrap(), None);
    }
}

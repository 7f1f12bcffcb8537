//! Calls into the image-effect suite for effects, clips and images.

use std::ffi::{CString, c_void};
use std::ptr;

use ofx_sys as sys;

use super::check;
use super::props::PropSet;
use super::suites::suites;
use crate::error::{Error, Result};

macro_rules! func {
    ($suite:expr, $name:ident) => {
        $suite.$name.ok_or_else(|| {
            Error::missing_host_feature(concat!(
                "the host's image effect suite has no ",
                stringify!($name)
            ))
        })?
    };
}

fn cname(name: &str) -> Result<CString> {
    CString::new(name).map_err(|_| Error::value(format!("name {name:?} contains a NUL byte")))
}

/// The property set of an effect (descriptor or instance).
pub(crate) fn effect_props(effect: sys::OfxImageEffectHandle) -> Result<PropSet> {
    let s = suites()?.image_effect;
    let f = func!(s, getPropertySet);
    let mut h: sys::OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: the effect handle came from the host for this action; `h` is a valid out pointer.
    check(unsafe { f(effect, &mut h) }, || "getPropertySet".into())?;
    PropSet::new(h)
}

/// The parameter set of an effect.
pub(crate) fn param_set(effect: sys::OfxImageEffectHandle) -> Result<sys::OfxParamSetHandle> {
    let s = suites()?.image_effect;
    let f = func!(s, getParamSet);
    let mut h: sys::OfxParamSetHandle = ptr::null_mut();
    // SAFETY: as above.
    check(unsafe { f(effect, &mut h) }, || "getParamSet".into())?;
    if h.is_null() {
        return Err(Error::bad_handle("getParamSet returned a null handle"));
    }
    Ok(h)
}

/// Defines a clip on a descriptor and returns its property set.
pub(crate) fn define(effect: sys::OfxImageEffectHandle, name: &str) -> Result<PropSet> {
    let s = suites()?.image_effect;
    let f = func!(s, clipDefine);
    let c = cname(name)?;
    let mut h: sys::OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: valid effect handle, NUL-terminated name, valid out pointer.
    check(unsafe { f(effect, c.as_ptr(), &mut h) }, || {
        format!("clipDefine({name})")
    })?;
    PropSet::new(h)
}

/// Looks up an instance's clip by name, returning its handle and properties.
pub(crate) fn get_handle(
    effect: sys::OfxImageEffectHandle,
    name: &str,
) -> Result<(sys::OfxImageClipHandle, PropSet)> {
    let s = suites()?.image_effect;
    let f = func!(s, clipGetHandle);
    let c = cname(name)?;
    let mut h: sys::OfxImageClipHandle = ptr::null_mut();
    let mut p: sys::OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: valid effect handle, NUL-terminated name, valid out pointers.
    check(unsafe { f(effect, c.as_ptr(), &mut h, &mut p) }, || {
        format!("clipGetHandle({name})")
    })?;
    if h.is_null() {
        return Err(Error::bad_handle(format!(
            "clipGetHandle({name}) returned null"
        )));
    }
    Ok((h, PropSet::new(p)?))
}

/// Fetches an image from a clip; `region` limits the fetched area.
pub(crate) fn get_image(
    clip: sys::OfxImageClipHandle,
    time: f64,
    region: Option<crate::geometry::RectD>,
) -> Result<PropSet> {
    let region: Option<sys::OfxRectD> = region.map(Into::into);
    let s = suites()?.image_effect;
    let f = func!(s, clipGetImage);
    let mut h: sys::OfxPropertySetHandle = ptr::null_mut();
    let r = region
        .as_ref()
        .map_or(ptr::null(), |r| r as *const sys::OfxRectD);
    // SAFETY: valid clip handle; `r` is null or points to a live rect; valid out pointer.
    check(unsafe { f(clip, time, r, &mut h) }, || {
        format!("clipGetImage(time {time})")
    })?;
    PropSet::new(h)
}

/// Releases an image fetched with [`get_image`].
pub(crate) fn release_image(image: sys::OfxPropertySetHandle) {
    if let Ok(s) = suites()
        && let Some(f) = s.image_effect.clipReleaseImage
    {
        // SAFETY: the handle came from clipGetImage and is released exactly once.
        unsafe { f(image) };
    }
}

/// The region of definition of a clip at a time.
pub(crate) fn region_of_definition(
    clip: sys::OfxImageClipHandle,
    time: f64,
) -> Result<crate::geometry::RectD> {
    let s = suites()?.image_effect;
    let f = func!(s, clipGetRegionOfDefinition);
    let mut r = sys::OfxRectD {
        x1: 0.0,
        y1: 0.0,
        x2: 0.0,
        y2: 0.0,
    };
    // SAFETY: valid clip handle, valid out pointer.
    check(unsafe { f(clip, time, &mut r) }, || {
        "clipGetRegionOfDefinition".into()
    })?;
    Ok(r.into())
}

/// Asks the host whether the effect should stop.
pub(crate) fn abort(effect: sys::OfxImageEffectHandle) -> bool {
    match suites() {
        Ok(s) => match s.image_effect.abort {
            // SAFETY: valid effect handle.
            Some(f) => unsafe { f(effect) != 0 },
            None => false,
        },
        Err(_) => false,
    }
}

/// The layout of an image the host handed over, which the image types may
/// move and share between threads.
#[derive(Clone, Copy, Debug)]
pub(crate) struct HostLayout(pub(crate) crate::pixel::RawImageLayout);

// SAFETY: the layout's pointer addresses image memory that the host owns
// until `clipReleaseImage` and lets any of its render threads use. Moving or
// sharing the layout accesses nothing: every access goes through a view,
// built by `view` or `view_mut_in` below under the aliasing rules stated
// there, whose own `Send`/`Sync` follow those of slices.
unsafe impl Send for HostLayout {}
// SAFETY: as above.
unsafe impl Sync for HostLayout {}

/// A raw image data pointer read from an image property set.
pub(crate) fn image_data(props: &PropSet) -> Result<*mut c_void> {
    props.get_pointer(sys::kOfxImagePropData, 0)
}

/// A read-only view of an image's pixels.
pub(crate) fn view<'a, P: crate::pixel::Pixel>(
    layout: &crate::pixel::RawImageLayout,
) -> Result<crate::pixel::ImageView<'a, P>> {
    // SAFETY: the layout describes image memory of an input image handed
    // over by the host by clipGetImage; it stays valid until
    // clipReleaseImage, which the `InputImage` guard calls only after every
    // view borrowed from it ('a) has ended. Nobody writes it meanwhile:
    // input images have no writable view, the output image is never fetched
    // as an input, and an output that overlaps a live input is refused.
    unsafe { crate::pixel::ImageView::from_raw(layout) }
}

/// A mutable view of the pixels of an output image inside `window`.
pub(crate) fn view_mut_in<'a, P: crate::pixel::Pixel>(
    layout: &crate::pixel::RawImageLayout,
    window: crate::geometry::RectI,
) -> Result<crate::pixel::ImageViewMut<'a, P>> {
    // SAFETY: the layout describes image memory handed over by the host by
    // clipGetImage; it stays valid until clipReleaseImage, which the
    // `OutputImage` guard calls only after every view borrowed mutably from
    // it ('a) has ended, so this is the only view of its window. Within one
    // render nothing else reads or writes the window: the output image is
    // fetched once at a time and never as an input, and its memory was
    // checked not to overlap a live input. Other renders of the same image
    // write other windows (the host's rule for concurrent renders), and the
    // view never touches memory outside its window.
    unsafe { crate::pixel::ImageViewMut::from_raw_window(layout, window) }
}

//! Converting positions and sizes between the three coordinate systems of
//! OpenFX.
//!
//! * **Canonical** coordinates are what parameters, regions of definition
//!   and overlays use: full-resolution pixels with the pixel aspect ratio
//!   applied (a square-pixel space). They do not change with the render
//!   scale.
//! * **Pixel** coordinates address the image being rendered: canonical
//!   coordinates times the render scale, with x divided by the pixel aspect
//!   ratio.
//! * **Normalised** coordinates are fractions of the project: (0, 0) is the
//!   project's bottom-left corner (its offset) and (1, 1) its top-right
//!   corner. Parameter defaults may be written in them
//!   (`#[param(coordinates = Normalised)]`) so that one default fits every
//!   project format.
//!
//! Positions and sizes convert differently between canonical and
//! normalised: a position moves by the project offset, a size does not.

use crate::error::Result;
use crate::geometry::{PointD, RenderScale};
use crate::instance::InstanceContext;

/// The numbers that relate the coordinate systems for one instance at one
/// render scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CoordinateMapping {
    /// The render scale (pixels per canonical unit, before the aspect ratio).
    pub render_scale: RenderScale,
    /// The width of a pixel over its height.
    pub pixel_aspect_ratio: f64,
    /// The project's bottom-left corner, in canonical coordinates.
    pub project_offset: PointD,
    /// The project's size, in canonical coordinates.
    pub project_size: PointD,
}

impl CoordinateMapping {
    /// The mapping of an instance's project at `render_scale`, with the
    /// project's pixel aspect ratio.
    ///
    /// # Errors
    /// When the host does not report the project's size, offset or aspect
    /// ratio.
    pub fn of_instance(i: &InstanceContext, render_scale: RenderScale) -> Result<Self> {
        let [ox, oy] = i.project_offset()?;
        let [w, h] = i.project_size()?;
        Ok(CoordinateMapping {
            render_scale,
            pixel_aspect_ratio: i.project_pixel_aspect_ratio()?,
            project_offset: PointD::new(ox, oy),
            project_size: PointD::new(w, h),
        })
    }

    /// A canonical position (or length) in pixel coordinates.
    pub fn canonical_to_pixel(&self, p: PointD) -> PointD {
        p.to_pixel(self.render_scale, self.pixel_aspect_ratio)
    }
    /// A pixel position (or length) in canonical coordinates.
    pub fn pixel_to_canonical(&self, p: PointD) -> PointD {
        p.to_canonical(self.render_scale, self.pixel_aspect_ratio)
    }
    /// A normalised position in canonical coordinates.
    pub fn normalised_to_canonical(&self, p: PointD) -> PointD {
        PointD::new(
            self.project_offset.x + p.x * self.project_size.x,
            self.project_offset.y + p.y * self.project_size.y,
        )
    }
    /// A canonical position in normalised coordinates.
    pub fn canonical_to_normalised(&self, p: PointD) -> PointD {
        PointD::new(
            (p.x - self.project_offset.x) / self.project_size.x,
            (p.y - self.project_offset.y) / self.project_size.y,
        )
    }
    /// A normalised size in canonical units.
    pub fn normalised_size_to_canonical(&self, s: PointD) -> PointD {
        PointD::new(s.x * self.project_size.x, s.y * self.project_size.y)
    }
    /// A canonical size in normalised units.
    pub fn canonical_size_to_normalised(&self, s: PointD) -> PointD {
        PointD::new(s.x / self.project_size.x, s.y / self.project_size.y)
    }
    /// A normalised position in pixel coordinates.
    pub fn normalised_to_pixel(&self, p: PointD) -> PointD {
        self.canonical_to_pixel(self.normalised_to_canonical(p))
    }
    /// A pixel position in normalised coordinates.
    pub fn pixel_to_normalised(&self, p: PointD) -> PointD {
        self.canonical_to_normalised(self.pixel_to_canonical(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A 2:1 anamorphic project of 1920x1080 canonical units, offset by
    /// (100, 50), rendered at half scale.
    fn mapping() -> CoordinateMapping {
        CoordinateMapping {
            render_scale: RenderScale::new(0.5, 0.5),
            pixel_aspect_ratio: 2.0,
            project_offset: PointD::new(100.0, 50.0),
            project_size: PointD::new(1920.0, 1080.0),
        }
    }

    #[test]
    fn known_points() {
        let m = mapping();
        assert_eq!(
            m.normalised_to_canonical(PointD::new(0.5, 0.5)),
            PointD::new(1060.0, 590.0)
        );
        assert_eq!(
            m.normalised_size_to_canonical(PointD::new(0.5, 0.5)),
            PointD::new(960.0, 540.0)
        );
        // x: 1060 * 0.5 / 2, y: 590 * 0.5
        assert_eq!(
            m.normalised_to_pixel(PointD::new(0.5, 0.5)),
            PointD::new(265.0, 295.0)
        );
        assert_eq!(
            m.canonical_to_normalised(PointD::new(100.0, 50.0)),
            PointD::new(0.0, 0.0)
        );
    }

    proptest! {
        #[test]
        fn conversions_round_trip(x in -1e4f64..1e4, y in -1e4f64..1e4) {
            let m = mapping();
            let p = PointD::new(x, y);
            let close = |a: PointD, b: PointD| (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9;
            prop_assert!(close(m.pixel_to_canonical(m.canonical_to_pixel(p)), p));
            prop_assert!(close(m.normalised_to_canonical(m.canonical_to_normalised(p)), p));
            prop_assert!(close(m.pixel_to_normalised(m.normalised_to_pixel(p)), p));
            prop_assert!(close(
                m.canonical_size_to_normalised(m.normalised_size_to_canonical(p)),
                p
            ));
        }
    }
}

//! The prepared filter of one axis: identity, Gaussian or boxes, over a
//! line of lanes.

use ofx_plugin::pixel::Component;

use crate::boxes::FracBox;
use crate::deriche::Deriche;
use crate::lanes::{LANES, Lanes, load_lanes};
use crate::line::{InPlace, Sink, Split};
use crate::{FilterKind, GAUSSIAN_SUPPORT_SIGMAS};

/// The prepared filter of one axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AxisFilter {
    /// No blur along this axis.
    Identity,
    /// A recursive Gaussian.
    Gaussian {
        /// The coefficients.
        deriche: Deriche,
        /// The support in pixels.
        support: usize,
    },
    /// `passes` boxes in a row (1 or 3).
    Boxes {
        /// The box.
        boxed: FracBox,
        /// How many times it is applied.
        passes: u8,
    },
}

impl AxisFilter {
    /// The filter of `kind` with standard deviation `sigma` pixels. A sigma
    /// that is not positive (or is not finite) gives the identity.
    pub fn new(kind: FilterKind, sigma: f64) -> AxisFilter {
        if !(sigma > 0.0 && sigma.is_finite()) {
            return AxisFilter::Identity;
        }
        let sigma = sigma.min(1.0e5);
        match kind {
            FilterKind::Gaussian => AxisFilter::Gaussian {
                deriche: Deriche::new(sigma),
                support: (GAUSSIAN_SUPPORT_SIGMAS * sigma).ceil() as usize,
            },
            FilterKind::Box => AxisFilter::Boxes {
                boxed: FracBox::with_variance(sigma * sigma),
                passes: 1,
            },
            FilterKind::TripleBox => AxisFilter::Boxes {
                boxed: FracBox::with_variance(sigma * sigma / 3.0),
                passes: 3,
            },
        }
    }

    /// How far, in pixels, an output pixel reads input pixels.
    pub fn support(&self) -> usize {
        match self {
            AxisFilter::Identity => 0,
            AxisFilter::Gaussian { support, .. } => *support,
            AxisFilter::Boxes { boxed, passes } => boxed.support() * usize::from(*passes),
        }
    }

    /// How far beyond the source's edge a line must reach for the filter to
    /// see the boundary exactly. A single pass starts in the boundary's
    /// steady state; cascaded boxes also need the earlier passes' output
    /// beyond the edge, which is not constant within their reach.
    pub fn edge_extension(&self) -> usize {
        match self {
            AxisFilter::Boxes { boxed, passes } if *passes > 1 => {
                boxed.support() * usize::from(*passes - 1)
            }
            _ => 0,
        }
    }

    /// Whether the filter leaves lines unchanged.
    pub fn is_identity(&self) -> bool {
        match self {
            AxisFilter::Identity => true,
            AxisFilter::Gaussian { .. } => false,
            AxisFilter::Boxes { boxed, .. } => boxed.radius == 0 && boxed.edge == 0.0,
        }
    }

    /// The number of scratch lanes [`AxisFilter::filter_lanes`] needs for a line of
    /// `len` lanes.
    pub fn tmp_lanes(&self, len: usize) -> usize {
        match self {
            AxisFilter::Identity => 0,
            AxisFilter::Gaussian { deriche, .. } => deriche.tmp_lanes(len),
            AxisFilter::Boxes { boxed, .. } => len + 2 * (boxed.radius + 1),
        }
    }

    /// Filters one line of lanes in place. The line continues beyond its
    /// ends with zeros when `zero_before`/`zero_after` are set, else with its
    /// first/last value.
    ///
    /// # Panics
    /// If `tmp` is shorter than [`AxisFilter::tmp_lanes`].
    #[inline(always)]
    pub fn filter_lanes(
        &self,
        line: &mut [Lanes],
        tmp: &mut [Lanes],
        zero_before: bool,
        zero_after: bool,
    ) {
        match self {
            AxisFilter::Identity => {}
            AxisFilter::Gaussian { deriche, .. } => {
                deriche.filter(&mut InPlace(line), tmp, zero_before, zero_after)
            }
            AxisFilter::Boxes { boxed, passes } => {
                for _ in 0..*passes {
                    boxed.filter_line(line, tmp, zero_before, zero_after);
                }
            }
        }
    }

    /// [`AxisFilter::filter_lanes`] on a line of stored values, written to `out`
    /// (at least as long as `input`).
    ///
    /// # Panics
    /// If `tmp` is shorter than [`AxisFilter::tmp_lanes`], or `out` shorter
    /// than `input`.
    #[inline(always)]
    pub fn filter_stored<S: Component>(
        &self,
        input: &[[S; LANES]],
        out: &mut [Lanes],
        tmp: &mut [Lanes],
        zero_before: bool,
        zero_after: bool,
    ) {
        if let AxisFilter::Gaussian { deriche, .. } = self {
            let mut io = Split { input, out };
            deriche.filter(&mut io, tmp, zero_before, zero_after);
            return;
        }
        let out = &mut out[..input.len()];
        for (o, x) in out.iter_mut().zip(input) {
            *o = load_lanes(x);
        }
        self.filter_lanes(out, tmp, zero_before, zero_after);
    }

    /// [`AxisFilter::filter_lanes`] on `line`, with the output written to `sink`
    /// (last index first) rather than to the line. The Gaussian writes each
    /// output there as it computes it; the other filters run in place,
    /// then copy.
    #[inline(always)]
    pub(crate) fn filter_into_sink<K: Sink + ?Sized>(
        &self,
        line: &mut [Lanes],
        tmp: &mut [Lanes],
        zero_before: bool,
        zero_after: bool,
        sink: &mut K,
    ) {
        if let AxisFilter::Gaussian { deriche, .. } = self {
            let mut io = Split {
                input: &*line,
                out: sink,
            };
            deriche.filter(&mut io, tmp, zero_before, zero_after);
            return;
        }
        self.filter_lanes(line, tmp, zero_before, zero_after);
        for (i, v) in line.iter().enumerate().rev() {
            sink.put::<0, LANES>(i, *v);
        }
    }

    /// Filters a line of plain floats (one lane), for tests and references.
    pub fn filter_scalar(&self, line: &mut [f32], zero_before: bool, zero_after: bool) {
        let mut lanes: Vec<Lanes> = line.iter().map(|&v| [v; LANES]).collect();
        let mut tmp = vec![[0.0; LANES]; self.tmp_lanes(line.len())];
        self.filter_lanes(&mut lanes, &mut tmp, zero_before, zero_after);
        for (v, l) in line.iter_mut().zip(&lanes) {
            *v = l[0];
        }
    }
}

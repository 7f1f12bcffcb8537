//! What checking an image finds: where two images differ ([`Mismatch`]),
//! pixels written outside a window ([`OutsideWrite`]), and a guard-page
//! fault reported by a child process ([`GuardFault`]).

use std::fmt;

use ofx_sys::OfxRectI;

/// Where two images differ (see [`ImageBuffer::compare`](super::ImageBuffer::compare)).
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// Name of the compared (actual) image.
    pub image: String,
    /// The first differing pixel, in scan order from the bottom row.
    pub first: (i32, i32),
    /// The actual value there (`None` outside its bounds).
    pub actual: Option<[f32; 4]>,
    /// The expected value there (`None` outside its bounds).
    pub expected: Option<[f32; 4]>,
    /// How many pixels differ.
    pub count: usize,
    /// How many pixels were compared.
    pub compared: usize,
    /// The largest channel difference found.
    pub max_diff: f32,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (x, y) = self.first;
        write!(
            f,
            "image \"{}\": {} of {} pixels differ (max {}); first at ({x}, {y}): got {}, expected {}",
            self.image,
            self.count,
            self.compared,
            self.max_diff,
            fmt_px(self.actual),
            fmt_px(self.expected)
        )
    }
}

impl std::error::Error for Mismatch {}

fn fmt_px(p: Option<[f32; 4]>) -> String {
    match p {
        None => "nothing (outside the bounds)".into(),
        Some([r, g, b, a]) => format!("[{r:.4}, {g:.4}, {b:.4}, {a:.4}]"),
    }
}

/// Pixels outside a window that were written (see
/// [`ImageBuffer::find_writes_outside`](super::ImageBuffer::find_writes_outside)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutsideWrite {
    /// The image's name.
    pub image: String,
    /// The window outside which nothing should have changed.
    pub window: OfxRectI,
    /// The first changed pixel, in scan order from the bottom row.
    pub first: (i32, i32),
    /// How many pixels changed.
    pub count: usize,
}

impl fmt::Display for OutsideWrite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = self.window;
        write!(
            f,
            "image \"{}\": {} pixel(s) outside the window {},{}..{},{} were written, first at ({}, {})",
            self.image, self.count, w.x1, w.y1, w.x2, w.y2, self.first.0, self.first.1
        )
    }
}

impl std::error::Error for OutsideWrite {}

/// A parsed guard-page diagnosis line (what a child process printed before
/// exiting with [`crate::guard_pages::GUARD_FAULT_EXIT_CODE`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardFault {
    /// `"read"`, `"write"` or `"access"` (when the CPU does not say).
    pub access: String,
    /// `"above the top row"`, `"below the bottom row"` or `"outside the rows"`.
    pub side: String,
    /// The image's name.
    pub image: String,
    /// The whole line, for evidence.
    pub line: String,
}

impl GuardFault {
    /// Finds and parses the first diagnosis line in a child's stderr.
    pub fn find(stderr: &str) -> Option<GuardFault> {
        let prefix = crate::guard_pages::FAULT_PREFIX;
        let line = stderr.lines().find(|l| l.starts_with(prefix))?;
        let rest = &line[prefix.len()..];
        let (access, rest) = rest.split_once(' ')?;
        let (side, rest) = rest.split_once(" of image \"")?;
        let (image, _) = rest.split_once("\" at ")?;
        Some(GuardFault {
            access: access.to_owned(),
            side: side.to_owned(),
            image: image.to_owned(),
            line: line.to_owned(),
        })
    }
}

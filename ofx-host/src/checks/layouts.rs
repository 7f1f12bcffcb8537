//! The image layouts and test pictures the checks feed plugins.
//!
//! [`STORAGES`] are the four ways rows can sit in memory (bottom-up or
//! top-down, packed or padded); [`every_layout`] crosses them with every
//! depth and component type; [`tiles`] splits a render window; [`pattern`]
//! is a picture in which every pixel differs from its neighbours, so a plugin
//! that addresses the wrong pixel, row or image shows up in a comparison.

use ofx_sys::OfxRectI;

use crate::image::{Components, Depth, Layout, RowOrder};

/// One way of storing rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Storage {
    /// A short name for evidence (`packed`, `top-down`, `padded`,
    /// `top-down+padded`).
    pub name: &'static str,
    /// Row order (top-down means negative row bytes).
    pub order: RowOrder,
    /// Padding at the end of each row, in components (so typed access
    /// stays aligned); 3 makes the stride differ from any whole number of
    /// RGBA pixels.
    pub padding_components: usize,
}

impl Storage {
    /// `layout` stored this way.
    pub fn apply(&self, layout: Layout) -> Layout {
        layout
            .with_order(self.order)
            .with_padding(self.padding_components * layout.depth.bytes())
    }
}

/// Bottom-up packed (the reference), top-down, padded, both.
pub const STORAGES: [Storage; 4] = [
    Storage {
        name: "packed",
        order: RowOrder::BottomUp,
        padding_components: 0,
    },
    Storage {
        name: "top-down",
        order: RowOrder::TopDown,
        padding_components: 0,
    },
    Storage {
        name: "padded",
        order: RowOrder::BottomUp,
        padding_components: 3,
    },
    Storage {
        name: "top-down+padded",
        order: RowOrder::TopDown,
        padding_components: 3,
    },
];

/// Every depth × components × storage for `bounds`, without guard pages.
pub fn every_layout(bounds: OfxRectI) -> Vec<Layout> {
    let mut out = Vec::new();
    for depth in Depth::ALL {
        for comps in Components::ALL {
            for s in STORAGES {
                out.push(s.apply(Layout::packed(bounds, depth, comps)));
            }
        }
    }
    out
}

/// `r` grown by `[left, bottom, right, top]` pixels.
pub fn grow(r: OfxRectI, by: [i32; 4]) -> OfxRectI {
    OfxRectI {
        x1: r.x1 - by[0],
        y1: r.y1 - by[1],
        x2: r.x2 + by[2],
        y2: r.y2 + by[3],
    }
}

/// `r` moved by (dx, dy).
pub fn translate(r: OfxRectI, dx: i32, dy: i32) -> OfxRectI {
    OfxRectI {
        x1: r.x1 + dx,
        y1: r.y1 + dy,
        x2: r.x2 + dx,
        y2: r.y2 + dy,
    }
}

/// `window` split into `cols` × `rows` tiles of nearly equal size (no empty
/// tile; fewer tiles when the window is too small), bottom row first.
pub fn tiles(window: OfxRectI, cols: i32, rows: i32) -> Vec<OfxRectI> {
    let w = (window.x2 - window.x1).max(0);
    let h = (window.y2 - window.y1).max(0);
    let cols = cols.clamp(1, w.max(1));
    let rows = rows.clamp(1, h.max(1));
    let mut out = Vec::new();
    for j in 0..rows {
        for i in 0..cols {
            let t = OfxRectI {
                x1: window.x1 + w * i / cols,
                y1: window.y1 + h * j / rows,
                x2: window.x1 + w * (i + 1) / cols,
                y2: window.y1 + h * (j + 1) / rows,
            };
            if t.x2 > t.x1 && t.y2 > t.y1 {
                out.push(t);
            }
        }
    }
    out
}

/// Test picture number `seed`: each channel is a different multiple of
/// 1/255 (exact in every depth), varying with x and y and between channels,
/// with alpha never 0.
pub fn pattern(seed: u32) -> impl Fn(i32, i32) -> [f32; 4] + Send + Sync + Clone {
    move |x, y| {
        let s = seed as i64 * 53;
        let v = |k: i64| {
            ((i64::from(x) * 7 + i64::from(y) * 13 + k * 31 + s).rem_euclid(256)) as f32 / 255.0
        };
        let a = ((i64::from(x) * 3 + i64::from(y) * 5 + s).rem_euclid(200) + 55) as f32 / 255.0;
        [v(0), v(1), v(2), a]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x1: i32, y1: i32, x2: i32, y2: i32) -> OfxRectI {
        OfxRectI { x1, y1, x2, y2 }
    }

    #[test]
    fn tiles_cover_the_window_exactly_once() {
        for (w, cols, rows) in [
            (rect(0, 0, 64, 48), 3, 2),
            (rect(-7, -5, 10, 3), 4, 4),
            (rect(0, 0, 2, 1), 5, 5),
        ] {
            let ts = tiles(w, cols, rows);
            let mut hits = std::collections::HashMap::new();
            for t in &ts {
                for y in t.y1..t.y2 {
                    for x in t.x1..t.x2 {
                        *hits.entry((x, y)).or_insert(0) += 1;
                    }
                }
            }
            let area = ((w.x2 - w.x1) * (w.y2 - w.y1)) as usize;
            assert_eq!(hits.len(), area);
            assert!(hits.values().all(|&n| n == 1));
        }
        assert_eq!(tiles(rect(0, 0, 2, 1), 5, 5).len(), 2);
    }

    #[test]
    fn storages_give_the_expected_row_bytes() {
        let b = rect(0, 0, 10, 4);
        let l = Layout::packed(b, Depth::F32, Components::Rgba);
        let rb: Vec<isize> = STORAGES.iter().map(|s| s.apply(l).row_bytes()).collect();
        assert_eq!(rb, vec![160, -160, 172, -172]);
        assert_eq!(every_layout(b).len(), 4 * 3 * 4);
    }

    #[test]
    fn pattern_neighbours_differ_and_alpha_is_never_zero() {
        let p = pattern(1);
        for y in -5..5 {
            for x in -5..5 {
                assert_ne!(p(x, y), p(x + 1, y));
                assert_ne!(p(x, y), p(x, y + 1));
                assert!(p(x, y)[3] > 0.2);
            }
        }
        assert_ne!(pattern(1)(0, 0), pattern(2)(0, 0));
        assert_eq!(grow(rect(0, 0, 4, 4), [1, 2, 3, 4]), rect(-1, -2, 7, 8));
        assert_eq!(translate(rect(0, 0, 4, 4), -5, 2), rect(-5, 2, -1, 6));
    }
}

//! The stroke font of the OpenGL text fallback.
//!
//! Hosts without the Draw Suite have no text call, so the framework draws
//! text itself as line segments. Each glyph sits on a grid 4 units wide and
//! 6 high (baseline at 0), advances 6 units, and a unit is 2 screen
//! pixels: capitals are 12 pixels high. The font has upper-case Latin
//! letters (lower case is drawn in capitals), digits and common
//! punctuation; other characters leave a blank advance.

use super::draw::{HAlign, TextAlign, VAlign};
use crate::geometry::PointD;

/// Screen pixels per grid unit.
const UNIT_PX: f64 = 2.0;
/// Grid units from one glyph's origin to the next.
const ADVANCE: f64 = 6.0;
/// Cap height in grid units.
const HEIGHT: f64 = 6.0;

/// The strokes of a glyph: polylines separated by spaces, each a run of
/// `xy` digit pairs on the grid.
fn glyph(c: char) -> &'static str {
    match c.to_ascii_uppercase() {
        '0' => "0040460600 0046",
        '1' => "152620 1030",
        '2' => "064643030040",
        '3' => "06464000 1343",
        '4' => "060343 4640",
        '5' => "46060434413000",
        '6' => "460600404303",
        '7' => "064620",
        '8' => "0040460600 0343",
        '9' => "004046060343",
        'A' => "002640 1333",
        'B' => "000636453403 3443413000",
        'C' => "46060040",
        'D' => "00062644422000",
        'E' => "46060040 0333",
        'F' => "460600 0333",
        'G' => "460600404323",
        'H' => "0006 4046 0343",
        'I' => "0646 2620 0040",
        'J' => "4641301001",
        'K' => "0006 460340",
        'L' => "060040",
        'M' => "0006234640",
        'N' => "00064046",
        'O' => "0040460600",
        'P' => "0006464303",
        'Q' => "0040460600 2240",
        'R' => "0006464303 2340",
        'S' => "460603434000",
        'T' => "0646 2620",
        'U' => "06004046",
        'V' => "062046",
        'W' => "0600234046",
        'X' => "0046 0640",
        'Y' => "062346 2320",
        'Z' => "06460040",
        '-' => "1333",
        '+' => "1333 2224",
        '=' => "0242 0444",
        '.' => "2021",
        ',' => "2110",
        ':' => "2122 2425",
        '/' => "0046",
        '(' => "36242230",
        ')' => "16242210",
        '<' => "452341",
        '>' => "054301",
        '_' => "0040",
        '\'' => "2625",
        '!' => "2622 2021",
        '?' => "051636454422 2021",
        _ => "",
    }
}

/// The segments (pairs of points, for a `Lines` primitive) drawing `text`
/// at `pos`, sized in screen pixels through `pixel_scale`.
pub(crate) fn segments(
    text: &str,
    pos: PointD,
    align: TextAlign,
    pixel_scale: PointD,
) -> Vec<PointD> {
    let n = text.chars().count() as f64;
    let width = if n > 0.0 { n * ADVANCE - 2.0 } else { 0.0 };
    let x0 = match align.h {
        HAlign::Left => 0.0,
        HAlign::Centre => -width / 2.0,
        HAlign::Right => -width,
    };
    let y0 = match align.v {
        VAlign::Baseline | VAlign::Bottom => 0.0,
        VAlign::Centre => -HEIGHT / 2.0,
        VAlign::Top => -HEIGHT,
    };
    let sx = UNIT_PX * pixel_scale.x;
    let sy = UNIT_PX * pixel_scale.y;
    let mut out = Vec::new();
    for (i, c) in text.chars().enumerate() {
        let gx = x0 + i as f64 * ADVANCE;
        for stroke in glyph(c).split(' ').filter(|s| !s.is_empty()) {
            let pts: Vec<PointD> = stroke
                .as_bytes()
                .chunks_exact(2)
                .map(|xy| {
                    let x = f64::from(xy[0] - b'0');
                    let y = f64::from(xy[1] - b'0');
                    PointD::new(pos.x + (gx + x) * sx, pos.y + (y0 + y) * sy)
                })
                .collect();
            for w in pts.windows(2) {
                out.extend_from_slice(w);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_glyph_is_on_the_grid() {
        for c in (' '..='~').chain(['é']) {
            for s in glyph(c).split(' ').filter(|s| !s.is_empty()) {
                assert!(s.len() >= 4 && s.len() % 2 == 0, "{c:?}: {s:?}");
                for xy in s.as_bytes().chunks(2) {
                    assert!(xy[0] <= b'4' && xy[1] <= b'6', "{c:?}: {s:?}");
                }
            }
        }
    }

    #[test]
    fn text_is_laid_out_in_pixels_and_aligned() {
        let one = PointD::new(1.0, 1.0);
        let s = segments("L", PointD::new(10.0, 20.0), TextAlign::LEFT, one);
        // L: (0,6)-(0,0)-(4,0), two pixels per unit.
        assert_eq!(
            s,
            [(10.0, 32.0), (10.0, 20.0), (10.0, 20.0), (18.0, 20.0)]
                .map(|(x, y)| PointD::new(x, y))
        );
        let c = segments(
            "LL",
            PointD::default(),
            TextAlign::CENTRE,
            PointD::new(0.5, 1.0),
        );
        let xs: Vec<f64> = c.iter().map(|p| p.x).collect();
        let (lo, hi) = (
            xs.iter().cloned().fold(f64::MAX, f64::min),
            xs.iter().cloned().fold(f64::MIN, f64::max),
        );
        assert_eq!((lo, hi), (-5.0, 5.0));
        assert!(segments("~ ", PointD::default(), TextAlign::LEFT, one).is_empty());
    }
}

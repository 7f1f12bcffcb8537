//! Parameter values: kinds, keyframes, interpolation, derivative and integral.
//!
//! Doubles (and the double components of colours and 2D/3D doubles)
//! interpolate linearly between keys; ints, booleans, choices and strings hold
//! the value of the last key at or before the time (the first key before it).

use std::ffi::CString;

/// The value type of a parameter. The discriminants are shared with the C
/// shim (`shim/variadic.c`), which reads `va_list`s according to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum ParamKind {
    /// `OfxParamTypeInteger`: one `int`.
    Integer = 1,
    /// `OfxParamTypeDouble`: one `double`.
    Double = 2,
    /// `OfxParamTypeBoolean`: one `int`.
    Boolean = 3,
    /// `OfxParamTypeChoice`: one `int` (the option index).
    Choice = 4,
    /// `OfxParamTypeStrChoice`: one string.
    StrChoice = 5,
    /// `OfxParamTypeRGBA`: four `double`s.
    Rgba = 6,
    /// `OfxParamTypeRGB`: three `double`s.
    Rgb = 7,
    /// `OfxParamTypeDouble2D`: two `double`s.
    Double2D = 8,
    /// `OfxParamTypeInteger2D`: two `int`s.
    Integer2D = 9,
    /// `OfxParamTypeDouble3D`: three `double`s.
    Double3D = 10,
    /// `OfxParamTypeInteger3D`: three `int`s.
    Integer3D = 11,
    /// `OfxParamTypeString`: one string.
    String = 12,
    /// `OfxParamTypeCustom`: one string.
    Custom = 13,
    /// `OfxParamTypeBytes`: an `OfxBytes`.
    Bytes = 14,
    /// Group, page, push button and parametric: no value through
    /// `paramGetValue`.
    NoValue = 15,
}

impl ParamKind {
    /// The kind for an `OfxParamType...` name.
    pub fn from_type_name(name: &str) -> Option<ParamKind> {
        use ParamKind::*;
        Some(match name {
            "OfxParamTypeInteger" => Integer,
            "OfxParamTypeDouble" => Double,
            "OfxParamTypeBoolean" => Boolean,
            "OfxParamTypeChoice" => Choice,
            "OfxParamTypeStrChoice" => StrChoice,
            "OfxParamTypeRGBA" => Rgba,
            "OfxParamTypeRGB" => Rgb,
            "OfxParamTypeDouble2D" => Double2D,
            "OfxParamTypeInteger2D" => Integer2D,
            "OfxParamTypeDouble3D" => Double3D,
            "OfxParamTypeInteger3D" => Integer3D,
            "OfxParamTypeString" => String,
            "OfxParamTypeCustom" => Custom,
            "OfxParamTypeBytes" => Bytes,
            "OfxParamTypeGroup" // ofx-literal: a pattern
            | "OfxParamTypePage"
            | "OfxParamTypePushButton"
            | "OfxParamTypeParametric" => NoValue,
            _ => return None,
        })
    }

    /// Number of components and whether they are doubles (`true`), ints
    /// (`false`); `None` for string, bytes and valueless kinds.
    pub fn numeric_shape(self) -> Option<(usize, bool)> {
        use ParamKind::*;
        Some(match self {
            Integer | Boolean | Choice => (1, false),
            Integer2D => (2, false),
            Integer3D => (3, false),
            Double => (1, true),
            Double2D => (2, true),
            Rgb | Double3D => (3, true),
            Rgba => (4, true),
            _ => return None,
        })
    }

    /// A zero value of this kind.
    pub fn zero(self) -> ParamValue {
        match self.numeric_shape() {
            Some((n, _)) => ParamValue::Numeric(vec![0.0; n]),
            None if self == ParamKind::Bytes => ParamValue::Bytes(Vec::new()),
            None => ParamValue::Text(CString::default()),
        }
    }
}

/// One parameter value.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamValue {
    /// Numeric components (ints are stored exactly as doubles).
    Numeric(Vec<f64>),
    /// A string, string choice or custom value.
    Text(CString),
    /// A bytes value.
    Bytes(Vec<u8>),
}

/// A double (or a one-component numeric value).
impl From<f64> for ParamValue {
    fn from(v: f64) -> ParamValue {
        ParamValue::Numeric(vec![v])
    }
}

/// An integer (or a choice index).
impl From<i32> for ParamValue {
    fn from(v: i32) -> ParamValue {
        ParamValue::Numeric(vec![f64::from(v)])
    }
}

/// A boolean (stored as 1 or 0).
impl From<bool> for ParamValue {
    fn from(v: bool) -> ParamValue {
        ParamValue::Numeric(vec![if v { 1.0 } else { 0.0 }])
    }
}

/// A 2D, 3D, RGB or RGBA value, components in order.
impl<const N: usize> From<[f64; N]> for ParamValue {
    fn from(v: [f64; N]) -> ParamValue {
        ParamValue::Numeric(v.to_vec())
    }
}

/// An integer 2D or 3D value, components in order.
impl<const N: usize> From<[i32; N]> for ParamValue {
    fn from(v: [i32; N]) -> ParamValue {
        ParamValue::Numeric(v.iter().map(|&c| f64::from(c)).collect())
    }
}

/// A string, string choice or custom value.
///
/// # Panics
///
/// When `v` holds a NUL byte, which no OFX string can.
impl From<&str> for ParamValue {
    fn from(v: &str) -> ParamValue {
        ParamValue::Text(CString::new(v).expect("a parameter string holds no NUL byte"))
    }
}

/// A bytes value.
impl From<Vec<u8>> for ParamValue {
    fn from(v: Vec<u8>) -> ParamValue {
        ParamValue::Bytes(v)
    }
}

impl ParamValue {
    /// Reads a value of `kind` from text, as a command line gives it:
    /// numbers separated by commas for numeric kinds (`0.5` or `1,0.5,1,1`),
    /// `true`/`false`/`on`/`off`/`1`/`0` for booleans, an option's label or
    /// its index for choices (`options` lists the labels), the text itself
    /// for strings.
    pub fn parse(kind: ParamKind, text: &str, options: &[String]) -> Result<ParamValue, String> {
        let text = text.trim();
        match kind {
            ParamKind::Boolean => match text.to_ascii_lowercase().as_str() {
                "true" | "on" | "yes" | "1" => Ok(ParamValue::Numeric(vec![1.0])),
                "false" | "off" | "no" | "0" => Ok(ParamValue::Numeric(vec![0.0])),
                _ => Err(format!(
                    "'{text}' is not a boolean (true/false, on/off, 1/0)"
                )),
            },
            ParamKind::Choice => {
                if let Some(i) = options.iter().position(|o| o == text) {
                    return Ok(ParamValue::Numeric(vec![i as f64]));
                }
                match text.parse::<usize>() {
                    Ok(i) if i < options.len() => Ok(ParamValue::Numeric(vec![i as f64])),
                    _ => Err(format!(
                        "'{text}' is not one of the options {options:?} nor an index below {}",
                        options.len()
                    )),
                }
            }
            ParamKind::NoValue => Err("this parameter type has no value".to_string()),
            ParamKind::Bytes => Ok(ParamValue::Bytes(text.as_bytes().to_vec())),
            ParamKind::String | ParamKind::Custom | ParamKind::StrChoice => CString::new(text)
                .map(ParamValue::Text)
                .map_err(|_| "text with a NUL byte".to_string()),
            _ => {
                let (n, double) = kind.numeric_shape().unwrap_or((1, true));
                let parts: Vec<&str> = text.split(',').map(str::trim).collect();
                if parts.len() != n {
                    return Err(format!(
                        "'{text}' has {} value(s); this parameter takes {n}",
                        parts.len()
                    ));
                }
                let mut v = Vec::with_capacity(n);
                for p in parts {
                    let x: f64 = if double {
                        p.parse().map_err(|_| format!("'{p}' is not a number"))?
                    } else {
                        f64::from(
                            p.parse::<i32>()
                                .map_err(|_| format!("'{p}' is not a whole number"))?,
                        )
                    };
                    v.push(x);
                }
                Ok(ParamValue::Numeric(v))
            }
        }
    }
}

/// A parameter's value over time.
#[derive(Clone, Debug)]
pub struct Curve {
    /// The kind the value belongs to.
    pub kind: ParamKind,
    value: ParamValue,
    keys: Vec<(f64, ParamValue)>,
}

impl Curve {
    /// A constant, unanimated zero of `kind`.
    pub fn new(kind: ParamKind) -> Self {
        Curve {
            kind,
            value: kind.zero(),
            keys: Vec::new(),
        }
    }

    /// Sets the value: with no keys, the constant value; with keys, a key at
    /// `time` (as a host does when a user edits an animated parameter).
    pub fn set(&mut self, time: Option<f64>, value: ParamValue) {
        match time {
            Some(t) => self.set_key(t, value),
            None => self.value = value,
        }
    }

    /// Adds or replaces the key at `time`.
    pub fn set_key(&mut self, time: f64, value: ParamValue) {
        match self.keys.binary_search_by(|(t, _)| t.total_cmp(&time)) {
            Ok(i) => self.keys[i].1 = value,
            Err(i) => self.keys.insert(i, (time, value)),
        }
    }

    /// Address and length of the stored constant value's text or bytes
    /// (`None` for numeric kinds). Valid until the value is next set.
    pub fn stored_ptr(&self) -> Option<(usize, usize)> {
        match &self.value {
            ParamValue::Text(c) => Some((c.as_ptr() as usize, c.as_bytes().len())),
            ParamValue::Bytes(b) => Some((b.as_ptr() as usize, b.len())),
            ParamValue::Numeric(_) => None,
        }
    }

    /// The key times, ascending.
    pub fn key_times(&self) -> Vec<f64> {
        self.keys.iter().map(|(t, _)| *t).collect()
    }

    /// Deletes the key at exactly `time`; false if there is none.
    pub fn delete_key(&mut self, time: f64) -> bool {
        match self.keys.iter().position(|(t, _)| *t == time) {
            Some(i) => {
                let (_, v) = self.keys.remove(i);
                if self.keys.is_empty() {
                    self.value = v;
                }
                true
            }
            None => false,
        }
    }

    /// Deletes every key; the value at the first key becomes the constant.
    pub fn delete_all_keys(&mut self) {
        if let Some((_, v)) = self.keys.first() {
            self.value = v.clone();
        }
        self.keys.clear();
    }

    fn interpolates(&self) -> bool {
        matches!(self.kind.numeric_shape(), Some((_, true)))
    }

    /// The value at `time`.
    pub fn value_at(&self, time: f64) -> ParamValue {
        let k = &self.keys;
        if k.is_empty() {
            return self.value.clone();
        }
        let after = k.partition_point(|(t, _)| *t <= time);
        if after == 0 {
            return k[0].1.clone();
        }
        if after == k.len() || !self.interpolates() {
            return k[after - 1].1.clone();
        }
        let (t0, v0) = &k[after - 1];
        let (t1, v1) = &k[after];
        match (v0, v1) {
            (ParamValue::Numeric(a), ParamValue::Numeric(b)) => {
                let f = (time - t0) / (t1 - t0);
                ParamValue::Numeric(a.iter().zip(b).map(|(a, b)| a + (b - a) * f).collect())
            }
            _ => v0.clone(),
        }
    }

    /// The numeric components at `time` (zeros for non-numeric kinds).
    pub fn numeric_at(&self, time: f64) -> Vec<f64> {
        match self.value_at(time) {
            ParamValue::Numeric(v) => v,
            _ => Vec::new(),
        }
    }

    /// The derivative d value / d time at `time`, per component: the slope
    /// of the linear segment holding `time`, zero outside the keys and for
    /// kinds that do not interpolate.
    pub fn derivative(&self, time: f64) -> Vec<f64> {
        let n = self.kind.numeric_shape().map_or(0, |s| s.0);
        let k = &self.keys;
        let after = k.partition_point(|(t, _)| *t <= time);
        if !self.interpolates() || after == 0 || after >= k.len() {
            return vec![0.0; n];
        }
        match (&k[after - 1], &k[after]) {
            ((t0, ParamValue::Numeric(a)), (t1, ParamValue::Numeric(b))) => {
                a.iter().zip(b).map(|(a, b)| (b - a) / (t1 - t0)).collect()
            }
            _ => vec![0.0; n],
        }
    }

    /// The integral of the value from `t1` to `t2`, per component (exact for
    /// the piecewise-linear curve; negative when `t2 < t1`).
    pub fn integral(&self, t1: f64, t2: f64) -> Vec<f64> {
        if t2 < t1 {
            return self.integral(t2, t1).into_iter().map(|x| -x).collect();
        }
        // Breakpoints: the ends and every key strictly inside; the value is
        // linear (or constant) between consecutive breakpoints.
        let mut pts = vec![t1];
        pts.extend(
            self.keys
                .iter()
                .map(|(t, _)| *t)
                .filter(|t| *t > t1 && *t < t2),
        );
        pts.push(t2);
        let n = self.kind.numeric_shape().map_or(0, |s| s.0);
        let mut sum = vec![0.0; n];
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (va, vb) = if self.interpolates() {
                (self.numeric_at(a), self.numeric_at(b))
            } else {
                let v = self.numeric_at(a);
                (v.clone(), v)
            };
            for c in 0..n.min(va.len()).min(vb.len()) {
                sum[c] += (va[c] + vb[c]) * 0.5 * (b - a);
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_double_and_constant_int() {
        let mut d = Curve::new(ParamKind::Double2D);
        d.set_key(0.0, ParamValue::Numeric(vec![0.0, 10.0]));
        d.set_key(10.0, ParamValue::Numeric(vec![5.0, 0.0]));
        assert_eq!(d.numeric_at(4.0), [2.0, 6.0]);
        assert_eq!(d.numeric_at(-3.0), [0.0, 10.0]);
        assert_eq!(d.numeric_at(12.0), [5.0, 0.0]);
        assert_eq!(d.derivative(5.0), [0.5, -1.0]);
        assert_eq!(d.derivative(11.0), [0.0, 0.0]);
        // integral of x/2 over 0..10 = 25, of 10-x over 0..10 = 50
        assert_eq!(d.integral(0.0, 10.0), [25.0, 50.0]);
        assert_eq!(d.integral(10.0, 0.0), [-25.0, -50.0]);
        // beyond the last key the value is constant
        assert_eq!(d.integral(10.0, 12.0), [10.0, 0.0]);

        let mut i = Curve::new(ParamKind::Integer);
        i.set_key(0.0, ParamValue::Numeric(vec![1.0]));
        i.set_key(10.0, ParamValue::Numeric(vec![3.0]));
        assert_eq!(i.numeric_at(9.9), [1.0]);
        assert_eq!(i.numeric_at(10.0), [3.0]);
        assert_eq!(i.derivative(5.0), [0.0]);
        assert_eq!(i.integral(0.0, 12.0), [1.0 * 10.0 + 3.0 * 2.0]);
        assert!(i.delete_key(10.0));
        assert!(!i.delete_key(10.0));
        assert_eq!(i.key_times(), [0.0]);
        i.delete_all_keys();
        assert_eq!(i.numeric_at(100.0), [1.0]);
    }

    #[test]
    fn values_parse_from_text() {
        let opts = ["Gaussian".to_string(), "Box".to_string()];
        let num = |v: &[f64]| Ok(ParamValue::Numeric(v.to_vec()));
        assert_eq!(
            ParamValue::parse(ParamKind::Double, " 2.5 ", &[]),
            num(&[2.5])
        );
        assert_eq!(
            ParamValue::parse(ParamKind::Rgba, "1,0.5,0,1", &[]),
            num(&[1.0, 0.5, 0.0, 1.0])
        );
        assert_eq!(
            ParamValue::parse(ParamKind::Integer2D, "3, -4", &[]),
            num(&[3.0, -4.0])
        );
        assert!(ParamValue::parse(ParamKind::Integer, "1.5", &[]).is_err());
        assert!(ParamValue::parse(ParamKind::Rgb, "1,2", &[]).is_err());
        assert!(ParamValue::parse(ParamKind::Double, "abc", &[]).is_err());
        assert_eq!(
            ParamValue::parse(ParamKind::Boolean, "on", &[]),
            num(&[1.0])
        );
        assert!(ParamValue::parse(ParamKind::Boolean, "maybe", &[]).is_err());
        assert_eq!(
            ParamValue::parse(ParamKind::Choice, "Box", &opts),
            num(&[1.0])
        );
        assert_eq!(
            ParamValue::parse(ParamKind::Choice, "0", &opts),
            num(&[0.0])
        );
        assert!(ParamValue::parse(ParamKind::Choice, "2", &opts).is_err());
        assert_eq!(
            ParamValue::parse(ParamKind::String, "hello", &[]),
            Ok(ParamValue::Text(CString::new("hello").unwrap()))
        );
    }
}

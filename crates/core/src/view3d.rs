//! The trajectory figure's 3-D view: whether it is shown, where the camera looks from and how
//! heights are scaled. Its keys, defaults and ranges live here once: the CLI (`descent figure
//! trajectory --3d --azimuth A --elevation E --zoom Z --zscale log`), the page's URL
//! (`3d=1&azimuth=…`)
//! and the custom element's attributes all read and write them through [`View3d`].

use crate::error::ConfigError;
use crate::parse::{each_once, parse_number, parse_switch, parse_within};

/// One key of the 3-D view.
#[derive(Clone, Copy, Debug)]
pub struct Setting {
    /// The key (URL, attribute, CLI flag).
    pub key: &'static str,
    /// Its value in usage lines.
    pub placeholder: &'static str,
    /// What it sets, for help texts and the docs.
    pub help: &'static str,
}

/// `3d`: whether the surface is shown in 3-D.
pub const SHOWN: Setting = Setting {
    key: "3d",
    placeholder: "1",
    help: "1 shows the surface as a 3-D view you can turn instead of a contour map",
};
/// `azimuth`: the camera's direction around the vertical axis.
pub const AZIMUTH: Setting = Setting {
    key: "azimuth",
    placeholder: "DEG",
    help: "the camera's direction around the vertical axis in degrees, from -180 to 180 \
           (other values wrap around): 0 looks from the side of large w1, 90 from large w2",
};
/// `elevation`: the camera's height above the (w1, w2) plane.
pub const ELEVATION: Setting = Setting {
    key: "elevation",
    placeholder: "DEG",
    help: "the camera's angle above the (w1, w2) plane in degrees, from 0 (side on) to 90 \
           (straight down)",
};
/// `zoom`: the 3-D view's magnification.
pub const ZOOM: Setting = Setting {
    key: "zoom",
    placeholder: "X",
    help: "magnification of the 3-D view, from 0.5 to 8: 1 shows the whole box whichever way \
           it turns",
};
/// `zscale`: how E is scaled upwards (matplotlib's name for the same setting).
pub const ZSCALE: Setting = Setting {
    key: "zscale",
    placeholder: "SCALE",
    help: "how E maps to height: linear, or log for surfaces whose values span decades \
           (Rosenbrock's)",
};

/// The 3-D view's keys, in documentation order.
pub const SETTINGS: [Setting; 5] = [SHOWN, AZIMUTH, ELEVATION, ZOOM, ZSCALE];
/// The 3-D view's keys.
pub const KEYS: [&str; 5] = [SHOWN.key, AZIMUTH.key, ELEVATION.key, ZOOM.key, ZSCALE.key];

/// The camera's default azimuth: looking from the front left, as matplotlib does.
pub const DEFAULT_AZIMUTH: f64 = -60.0;
/// The camera's default elevation.
pub const DEFAULT_ELEVATION: f64 = 30.0;
/// The elevations allowed, in degrees: the camera stays above the surface's plane.
pub const ELEVATION_RANGE: [f64; 2] = [0.0, 90.0];
/// Angles are kept to this many degrees, so that links stay short.
pub const ANGLE_STEP: f64 = 0.1;
/// The default magnification: the whole box in view.
pub const DEFAULT_ZOOM: f64 = 1.0;
/// The magnifications allowed.
pub const ZOOM_RANGE: [f64; 2] = [0.5, 8.0];
/// Magnifications are kept to this precision, so that links stay short.
pub const ZOOM_STEP: f64 = 0.01;

/// How E maps to height in the 3-D view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Height {
    /// Height proportional to E.
    #[default]
    Linear,
    /// Height proportional to log10(E − min + offset), as the colour scale of a surface whose
    /// values span decades.
    Log,
}

impl Height {
    /// Every height scale, the default first.
    pub const ALL: [Height; 2] = [Height::Linear, Height::Log];

    /// The name the vocabulary uses.
    pub fn name(self) -> &'static str {
        match self {
            Height::Linear => "linear",
            Height::Log => "log",
        }
    }

    /// The names, for help texts and forms.
    pub fn names() -> Vec<&'static str> {
        Height::ALL.iter().map(|h| h.name()).collect()
    }
}

/// Where the camera looks from, in degrees: always wrapped, clamped and rounded to
/// [`ANGLE_STEP`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Orbit {
    /// Around the vertical axis, in [−180, 180).
    pub azimuth: f64,
    /// Above the (w1, w2) plane, in [`ELEVATION_RANGE`].
    pub elevation: f64,
}

impl Default for Orbit {
    fn default() -> Self {
        Orbit {
            azimuth: DEFAULT_AZIMUTH,
            elevation: DEFAULT_ELEVATION,
        }
    }
}

/// `x` rounded to [`ANGLE_STEP`].
fn round_angle(x: f64) -> f64 {
    (x / ANGLE_STEP).round() * ANGLE_STEP
}

/// An azimuth wrapped into [−180, 180) and rounded; 0 for a non-finite one.
pub fn wrap_azimuth(azimuth: f64) -> f64 {
    if !azimuth.is_finite() {
        return 0.0;
    }
    let wrapped = round_angle((azimuth + 180.0).rem_euclid(360.0) - 180.0);
    // Rounding can reach 180 again; `+ 0.0` turns −0 into 0.
    (if wrapped >= 180.0 {
        wrapped - 360.0
    } else {
        wrapped
    }) + 0.0
}

impl Orbit {
    /// The orbit at `azimuth` (wrapped) and `elevation` (clamped to [`ELEVATION_RANGE`]),
    /// both rounded to [`ANGLE_STEP`].
    pub fn new(azimuth: f64, elevation: f64) -> Orbit {
        let [low, high] = ELEVATION_RANGE;
        let elevation = if elevation.is_finite() {
            round_angle(elevation.clamp(low, high)) + 0.0
        } else {
            DEFAULT_ELEVATION
        };
        Orbit {
            azimuth: wrap_azimuth(azimuth),
            elevation,
        }
    }

    /// The orbit turned by `azimuth` and `elevation` degrees (a drag, an arrow key).
    pub fn turned(&self, azimuth: f64, elevation: f64) -> Orbit {
        Orbit::new(self.azimuth + azimuth, self.elevation + elevation)
    }
}

/// The 3-D view's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View3d {
    /// Whether the surface is shown in 3-D.
    pub shown: bool,
    /// Where the camera looks from.
    pub orbit: Orbit,
    /// Magnification, in [`ZOOM_RANGE`]: 1 shows the whole box.
    pub zoom: f64,
    /// How E maps to height.
    pub height: Height,
}

impl Default for View3d {
    fn default() -> Self {
        View3d {
            shown: false,
            orbit: Orbit::default(),
            zoom: DEFAULT_ZOOM,
            height: Height::default(),
        }
    }
}

/// `zoom` clamped to [`ZOOM_RANGE`] and rounded to [`ZOOM_STEP`]; the default when not
/// finite.
pub fn clamp_zoom(zoom: f64) -> f64 {
    if !zoom.is_finite() {
        return DEFAULT_ZOOM;
    }
    let [low, high] = ZOOM_RANGE;
    ((zoom.clamp(low, high) / ZOOM_STEP).round() * ZOOM_STEP).clamp(low, high)
}

impl View3d {
    /// Sets `key` (one of [`KEYS`]) from its text; the view is unchanged on error.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ConfigError> {
        match key {
            "3d" => self.shown = parse_switch(key, value)?,
            "azimuth" => {
                let x = parse_number(key, value)?;
                if !x.is_finite() {
                    return Err(ConfigError::OutOfRange {
                        key: key.to_owned(),
                        value: x,
                        range: "a finite number of degrees".to_owned(),
                    });
                }
                self.orbit.azimuth = wrap_azimuth(x);
            }
            "elevation" => {
                let x = parse_within(key, value, ELEVATION_RANGE, "degrees")?;
                self.orbit = Orbit::new(self.orbit.azimuth, x);
            }
            "zoom" => self.zoom = clamp_zoom(parse_within(key, value, ZOOM_RANGE, "")?),
            "zscale" => {
                self.height = Height::ALL
                    .into_iter()
                    .find(|h| h.name() == value.trim())
                    .ok_or_else(|| not_a_choice(key, value, &Height::names()))?;
            }
            _ => return Err(ConfigError::unknown_key(key, &KEYS)),
        }
        Ok(())
    }

    /// Validates `key = value` pairs of [`KEYS`], each at most once; missing keys keep their
    /// defaults.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<View3d, ConfigError> {
        let mut view = View3d::default();
        each_once(pairs, |key, value| view.set(key, value))?;
        Ok(view)
    }

    /// The text of `key`'s value, as [`View3d::set`] reads it; `None` for another key.
    pub fn value(&self, key: &str) -> Option<String> {
        Some(match key {
            "3d" => if self.shown { "1" } else { "0" }.to_owned(),
            "azimuth" => self.orbit.azimuth.to_string(),
            "elevation" => self.orbit.elevation.to_string(),
            "zoom" => self.zoom.to_string(),
            "zscale" => self.height.name().to_owned(),
            _ => return None,
        })
    }

    /// The view magnified by `factor` (the wheel, a pinch), within [`ZOOM_RANGE`].
    pub fn zoomed(&self, factor: f64) -> View3d {
        View3d {
            zoom: clamp_zoom(self.zoom * factor),
            ..*self
        }
    }

    /// The keys whose values differ from the defaults, with their texts, in [`KEYS`] order:
    /// what a link writes.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let defaults = View3d::default();
        KEYS.iter()
            .filter_map(|&key| {
                let value = self.value(key)?;
                (Some(&value) != defaults.value(key).as_ref()).then_some((key, value))
            })
            .collect()
    }
}

/// The error for `value` not among `choices` of `key`.
fn not_a_choice(key: &str, value: &str, choices: &[&str]) -> ConfigError {
    ConfigError::NotAChoice {
        key: key.to_owned(),
        value: value.to_owned(),
        choices: choices.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_write_nothing_and_every_key_round_trips() {
        assert!(View3d::default().pairs().is_empty());
        let view = View3d {
            shown: true,
            orbit: Orbit::new(135.0, 62.5),
            zoom: 2.5,
            height: Height::Log,
        };
        let pairs = view.pairs();
        assert_eq!(
            pairs,
            [
                ("3d", "1".to_owned()),
                ("azimuth", "135".to_owned()),
                ("elevation", "62.5".to_owned()),
                ("zoom", "2.5".to_owned()),
                ("zscale", "log".to_owned()),
            ]
        );
        let read = View3d::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(read, Ok(view));
    }

    #[test]
    fn angles_wrap_clamp_and_round() {
        assert_eq!(wrap_azimuth(190.0), -170.0);
        assert_eq!(wrap_azimuth(-180.0), -180.0);
        assert_eq!(wrap_azimuth(180.0), -180.0);
        assert_eq!(wrap_azimuth(179.96), -180.0);
        assert_eq!(wrap_azimuth(-720.04), 0.0);
        assert_eq!(wrap_azimuth(12.345), 12.3);
        assert_eq!(wrap_azimuth(f64::NAN), 0.0);
        let orbit = Orbit::default().turned(-150.0, 80.0);
        assert_eq!((orbit.azimuth, orbit.elevation), (150.0, 90.0));
        assert_eq!(Orbit::new(0.0, -5.0).elevation, 0.0);
        assert_eq!(Orbit::new(0.0, f64::NAN).elevation, DEFAULT_ELEVATION);
        let view = View3d::default();
        assert_eq!(view.zoomed(1.2345).zoom, 1.23);
        assert_eq!(view.zoomed(100.0).zoom, ZOOM_RANGE[1]);
        assert_eq!(view.zoomed(0.0).zoom, ZOOM_RANGE[0]);
        assert_eq!(view.zoomed(f64::NAN).zoom, DEFAULT_ZOOM);
    }

    #[test]
    fn bad_values_say_what_is_allowed() {
        let mut view = View3d::default();
        let message = |r: Result<(), ConfigError>| r.expect_err("invalid").to_string();
        assert!(message(view.set("elevation", "95")).contains("from 0 to 90"));
        assert!(message(view.set("elevation", "high")).contains("must be a number"));
        assert!(message(view.set("azimuth", "inf")).contains("finite"));
        assert!(message(view.set("3d", "yes")).contains("1 (on), 0 (off)"));
        assert!(message(view.set("zscale", "cubic")).contains("linear, log"));
        assert!(message(view.set("zoom", "9")).contains("from 0.5 to 8"));
        assert!(message(view.set("pan", "2")).contains("azimuth"));
        assert_eq!(view, View3d::default(), "nothing changed");
        let repeated = View3d::from_pairs([("azimuth", "1"), ("azimuth", "2")]);
        assert!(repeated.is_err());
    }
}

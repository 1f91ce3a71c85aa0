//! The trajectory figure's 3-D view in links: its keys (core's [`descent_core::view3d`] table)
//! read and written, for the layer keys of the figure's state
//! (`model::trajectory_state::LAYER_KEYS`).

use descent_core::error::ConfigError;
use descent_core::view3d::{self, Orbit, View3d};

use super::url::Decoder;

/// Reads the 3-D view's `key` (core's [`View3d::set`]): an elevation or zoom out of range is
/// clamped, another bad value keeps the default; either with a notice.
pub fn decode_view3d(d: &mut Decoder, key: &str, view: &mut View3d) {
    let Some(text) = d.get(key) else {
        return;
    };
    match view.set(key, text) {
        Ok(()) => {}
        Err(e @ ConfigError::OutOfRange { value, .. })
            if value.is_finite() && [view3d::ELEVATION.key, view3d::ZOOM.key].contains(&key) =>
        {
            let clamped = if key == view3d::ZOOM.key {
                view.zoom = view3d::clamp_zoom(value);
                view.zoom
            } else {
                view.orbit = Orbit::new(view.orbit.azimuth, value);
                view.orbit.elevation
            };
            d.notice(key, format!("{e}; using {clamped}"));
        }
        Err(e) => d.notice(key, format!("{e}; using the default")),
    }
}

/// The value a link writes for the 3-D view's `key`; `None` at its default.
pub fn encode_view3d(view: &View3d, key: &str) -> Option<String> {
    let value = view.value(key)?;
    (Some(&value) != View3d::default().value(key).as_ref()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 3-D view a decoder's pairs give.
    fn decoded(d: &mut Decoder) -> View3d {
        let mut view = View3d::default();
        for key in view3d::KEYS {
            decode_view3d(d, key, &mut view);
        }
        view
    }

    /// `key=value` pairs.
    fn query(link: &str) -> crate::model::url::Pairs {
        link.split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    #[test]
    fn bad_values_are_clamped_or_fall_back_with_a_notice() {
        // The 3-D view's keys: an elevation out of range is clamped, the rest fall back.
        let input = query("3d=yes&azimuth=north&elevation=120&zoom=20&zscale=log");
        let mut d = Decoder::new(&input);
        let view = decoded(&mut d);
        assert_eq!((view.shown, view.orbit), (false, Orbit::new(-60.0, 90.0)));
        assert_eq!(view.zoom, view3d::ZOOM_RANGE[1]);
        assert_eq!(view.height, view3d::Height::Log, "the good value kept");
        let keys: Vec<&str> = d.notices.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, ["3d", "azimuth", "elevation", "zoom"]);
        assert!(
            d.notices[2].message.contains("from 0 to 90")
                && d.notices[2].message.ends_with("using 90")
        );
        // Azimuths wrap without a notice.
        let input = query("3d=1&azimuth=370");
        let mut d = Decoder::new(&input);
        assert_eq!(decoded(&mut d).orbit.azimuth, 10.0);
        assert_eq!(d.notices, []);
    }

    #[test]
    fn defaults_are_left_out() {
        let mut view = View3d::default();
        assert_eq!(encode_view3d(&view, "3d"), None);
        view.shown = true;
        assert_eq!(encode_view3d(&view, "3d").as_deref(), Some("1"));
        assert_eq!(encode_view3d(&view, "azimuth"), None);
    }
}

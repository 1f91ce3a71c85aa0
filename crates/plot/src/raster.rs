//! Surfaces as RGBA byte buffers (row-major, 4 bytes per cell), ready for an `ImageData`.

use crate::colormap::{diverging, viridis};
use crate::scale::ColorScale;

/// The colour of cells whose value is NaN or infinite: an opaque mid grey, distinct from
/// every viridis and diverging colour.
pub const NON_FINITE_RGBA: [u8; 4] = [128, 128, 128, 255];

/// viridis colours of `values` through `scale`, opaque, in the order given;
/// [`NON_FINITE_RGBA`] where a value is not finite. `len = 4 · values.len()`.
pub fn surface_rgba(values: &[f64], scale: &ColorScale) -> Vec<u8> {
    let normalize = scale.normalizer();
    rgba(values, |v| normalize(v).map(viridis))
}

/// Diverging colours (blue < 0 < red, white at 0) of `values` over `[-limit, limit]`
/// (clamped), opaque; [`NON_FINITE_RGBA`] where a value is not finite. A `limit` that is not
/// positive and finite maps every finite value to the white centre.
pub fn diverging_rgba(values: &[f64], limit: f64) -> Vec<u8> {
    let usable = limit.is_finite() && limit > 0.0;
    rgba(values, |v| {
        v.is_finite()
            .then(|| diverging(if usable { v / limit } else { 0.0 }))
    })
}

/// One RGBA quadruple per value from `colour`, grey where it gives `None`.
fn rgba(values: &[f64], colour: impl Fn(f64) -> Option<[u8; 3]>) -> Vec<u8> {
    let mut bytes = vec![0; values.len() * 4];
    for (pixel, &v) in bytes.chunks_exact_mut(4).zip(values) {
        pixel.copy_from_slice(&match colour(v) {
            Some([r, g, b]) => [r, g, b, 255],
            None => NON_FINITE_RGBA,
        });
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surface_colours_follow_the_scale() {
        let scale = ColorScale::Linear {
            min: 0.0,
            max: 10.0,
        };
        let bytes = surface_rgba(&[0.0, 10.0, f64::NAN, 5.0], &scale);
        assert_eq!(bytes.len(), 16);
        assert_eq!(bytes[0..4], [0x44, 0x01, 0x54, 255]);
        assert_eq!(bytes[4..8], [0xfd, 0xe7, 0x25, 255]);
        assert_eq!(bytes[8..12], NON_FINITE_RGBA);
        let [r, g, b] = viridis(0.5);
        assert_eq!(bytes[12..16], [r, g, b, 255]);
    }

    #[test]
    fn diverging_colours_are_centred_and_clamped() {
        let bytes = diverging_rgba(&[0.0, -3.0, 3.0, 100.0, f64::INFINITY], 3.0);
        assert_eq!(bytes[0..3], diverging(0.0));
        assert_eq!(bytes[4..7], diverging(-1.0));
        assert_eq!(bytes[8..11], diverging(1.0));
        assert_eq!(bytes[12..15], diverging(1.0));
        assert_eq!(bytes[16..20], NON_FINITE_RGBA);
        assert_eq!(diverging_rgba(&[5.0], 0.0)[0..3], diverging(0.0));
    }
}

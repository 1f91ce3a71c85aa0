//! Colour maps: viridis for surfaces, a blue–white–red diverging map for the amplification
//! maps, the article's dark-to-bright trajectory blue, and the Okabe–Ito palette for series.

/// viridis (matplotlib's default map: perceptually uniform, readable in greyscale and by
/// colour-blind readers) at `t` in [0, 1], clamped; NaN gives the `t = 0` colour.
pub fn viridis(t: f64) -> [u8; 3] {
    sample_prepared(&VIRIDIS_STEPS, t)
}

/// Diverging map for signed quantities: blue at `t = -1`, near-white at 0, red at `t = +1`
/// (ColorBrewer RdBu, colour-blind safe); `t` is clamped, NaN gives the centre colour.
pub fn diverging(t: f64) -> [u8; 3] {
    let t = if t.is_nan() { 0.0 } else { t.clamp(-1.0, 1.0) };
    sample(&RD_BU, (t + 1.0) / 2.0)
}

/// The colours of a colour scale's positions t in [0, 1].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Colormap {
    /// [`viridis`].
    #[default]
    Viridis,
    /// [`diverging`] with its centre at t = 0.5: blue below, near-white at the centre, red
    /// above.
    Diverging,
}

impl Colormap {
    /// The colour at `t` in [0, 1].
    pub fn rgb(self, t: f64) -> [u8; 3] {
        match self {
            Colormap::Viridis => viridis(t),
            Colormap::Diverging => diverging(2.0 * t - 1.0),
        }
    }
}

/// The article's trajectory colour: dark blue at `t = 0` (first iteration) to bright blue at
/// `t = 1` (last iteration); `t` is clamped, NaN gives the `t = 0` colour. Draw a light halo
/// under it where it crosses dark parts of a viridis surface.
pub fn trajectory_blue(t: f64) -> [u8; 3] {
    sample(&TRAJECTORY, t)
}

/// The Okabe–Ito palette (colour-blind safe) for several series at once: blue, orange,
/// bluish green, vermillion, reddish purple, sky blue, yellow, black.
pub const PALETTE: [[u8; 3]; 8] = [
    [0x00, 0x72, 0xB2],
    [0xE6, 0x9F, 0x00],
    [0x00, 0x9E, 0x73],
    [0xD5, 0x5E, 0x00],
    [0xCC, 0x79, 0xA7],
    [0x56, 0xB4, 0xE9],
    [0xF0, 0xE4, 0x42],
    [0x00, 0x00, 0x00],
];

/// `#rrggbb` (lower case) for a colour, as CSS and SVG write it.
pub fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// Linear interpolation in a table of evenly spaced colour stops at `t` in [0, 1] (clamped).
fn sample(stops: &[[u8; 3]], t: f64) -> [u8; 3] {
    let last = stops.len() - 1;
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let position = t * last as f64;
    // `position` is ≥ 0: truncation is its floor.
    let index = (position as usize).min(last.saturating_sub(1));
    let fraction = position - index as f64;
    let (a, b) = (stops[index], stops[(index + 1).min(last)]);
    // Rounded half up by adding ½ and truncating (the value is in [0, 255]): `f64::round` is a
    // library call in WebAssembly, and this runs for every pixel of a surface.
    let mix =
        |i: usize| (f64::from(a[i]) + (f64::from(b[i]) - f64::from(a[i])) * fraction + 0.5) as u8;
    [mix(0), mix(1), mix(2)]
}

/// A colour stop and the step to the next one, as the interpolation uses them: each channel's
/// value and the next stop's minus it. Stored as `i16` (a quarter of f64's bytes in the
/// first WebAssembly module: 3 KiB for viridis, not 12) and converted exactly to f64 per
/// pixel, one instruction each.
type PreparedStop = [[i16; 2]; 3];

/// The stops of `stops` prepared for [`sample_prepared`] (at compile time).
const fn prepare<const N: usize>(stops: &[[u8; 3]; N]) -> [PreparedStop; N] {
    let mut out = [[[0; 2]; 3]; N];
    let mut i = 0;
    while i < N {
        let next = if i + 1 < N { i + 1 } else { i };
        let mut c = 0;
        while c < 3 {
            let (a, b) = (stops[i][c] as i16, stops[next][c] as i16);
            out[i][c] = [a, b - a];
            c += 1;
        }
        i += 1;
    }
    out
}

/// viridis prepared for the per-pixel interpolation of surfaces.
const VIRIDIS_STEPS: [PreparedStop; 256] = prepare(&VIRIDIS);

/// [`sample`] on prepared stops: the same arithmetic, so the same colours, without converting
/// the stops for every pixel.
fn sample_prepared(stops: &[PreparedStop], t: f64) -> [u8; 3] {
    let last = stops.len() - 1;
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let position = t * last as f64;
    // `position` is ≥ 0: truncation is its floor.
    let index = (position as usize).min(last.saturating_sub(1));
    let fraction = position - index as f64;
    let stop = &stops[index];
    let mix = |[a, step]: [i16; 2]| (f64::from(a) + f64::from(step) * fraction + 0.5) as u8;
    [mix(stop[0]), mix(stop[1]), mix(stop[2])]
}

/// ColorBrewer RdBu (11 classes), reversed so that blue comes first.
const RD_BU: [[u8; 3]; 11] = [
    [0x05, 0x30, 0x61],
    [0x21, 0x66, 0xAC],
    [0x43, 0x93, 0xC3],
    [0x92, 0xC5, 0xDE],
    [0xD1, 0xE5, 0xF0],
    [0xF7, 0xF7, 0xF7],
    [0xFD, 0xDB, 0xC7],
    [0xF4, 0xA5, 0x82],
    [0xD6, 0x60, 0x4D],
    [0xB2, 0x18, 0x2B],
    [0x67, 0x00, 0x1F],
];

/// Dark navy (ColorBrewer Blues' darkest) through a medium blue to a bright sky blue.
const TRAJECTORY: [[u8; 3]; 3] = [[0x08, 0x30, 0x6B], [0x21, 0x71, 0xB5], [0x4F, 0xC3, 0xF7]];

/// matplotlib's viridis, 256 entries (CC0, by Stéfan van der Walt and Nathaniel Smith),
/// rounded to 8 bits.
#[rustfmt::skip]
const VIRIDIS: [[u8; 3]; 256] = [
    [68, 1, 84], [68, 2, 86], [69, 4, 87], [69, 5, 89],
    [70, 7, 90], [70, 8, 92], [70, 10, 93], [70, 11, 94],
    [71, 13, 96], [71, 14, 97], [71, 16, 99], [71, 17, 100],
    [71, 19, 101], [72, 20, 103], [72, 22, 104], [72, 23, 105],
    [72, 24, 106], [72, 26, 108], [72, 27, 109], [72, 28, 110],
    [72, 29, 111], [72, 31, 112], [72, 32, 113], [72, 33, 115],
    [72, 35, 116], [72, 36, 117], [72, 37, 118], [72, 38, 119],
    [72, 40, 120], [72, 41, 121], [71, 42, 122], [71, 44, 122],
    [71, 45, 123], [71, 46, 124], [71, 47, 125], [70, 48, 126],
    [70, 50, 126], [70, 51, 127], [70, 52, 128], [69, 53, 129],
    [69, 55, 129], [69, 56, 130], [68, 57, 131], [68, 58, 131],
    [68, 59, 132], [67, 61, 132], [67, 62, 133], [66, 63, 133],
    [66, 64, 134], [66, 65, 134], [65, 66, 135], [65, 68, 135],
    [64, 69, 136], [64, 70, 136], [63, 71, 136], [63, 72, 137],
    [62, 73, 137], [62, 74, 137], [62, 76, 138], [61, 77, 138],
    [61, 78, 138], [60, 79, 138], [60, 80, 139], [59, 81, 139],
    [59, 82, 139], [58, 83, 139], [58, 84, 140], [57, 85, 140],
    [57, 86, 140], [56, 88, 140], [56, 89, 140], [55, 90, 140],
    [55, 91, 141], [54, 92, 141], [54, 93, 141], [53, 94, 141],
    [53, 95, 141], [52, 96, 141], [52, 97, 141], [51, 98, 141],
    [51, 99, 141], [50, 100, 142], [50, 101, 142], [49, 102, 142],
    [49, 103, 142], [49, 104, 142], [48, 105, 142], [48, 106, 142],
    [47, 107, 142], [47, 108, 142], [46, 109, 142], [46, 110, 142],
    [46, 111, 142], [45, 112, 142], [45, 113, 142], [44, 113, 142],
    [44, 114, 142], [44, 115, 142], [43, 116, 142], [43, 117, 142],
    [42, 118, 142], [42, 119, 142], [42, 120, 142], [41, 121, 142],
    [41, 122, 142], [41, 123, 142], [40, 124, 142], [40, 125, 142],
    [39, 126, 142], [39, 127, 142], [39, 128, 142], [38, 129, 142],
    [38, 130, 142], [38, 130, 142], [37, 131, 142], [37, 132, 142],
    [37, 133, 142], [36, 134, 142], [36, 135, 142], [35, 136, 142],
    [35, 137, 142], [35, 138, 141], [34, 139, 141], [34, 140, 141],
    [34, 141, 141], [33, 142, 141], [33, 143, 141], [33, 144, 141],
    [33, 145, 140], [32, 146, 140], [32, 146, 140], [32, 147, 140],
    [31, 148, 140], [31, 149, 139], [31, 150, 139], [31, 151, 139],
    [31, 152, 139], [31, 153, 138], [31, 154, 138], [30, 155, 138],
    [30, 156, 137], [30, 157, 137], [31, 158, 137], [31, 159, 136],
    [31, 160, 136], [31, 161, 136], [31, 161, 135], [31, 162, 135],
    [32, 163, 134], [32, 164, 134], [33, 165, 133], [33, 166, 133],
    [34, 167, 133], [34, 168, 132], [35, 169, 131], [36, 170, 131],
    [37, 171, 130], [37, 172, 130], [38, 173, 129], [39, 173, 129],
    [40, 174, 128], [41, 175, 127], [42, 176, 127], [44, 177, 126],
    [45, 178, 125], [46, 179, 124], [47, 180, 124], [49, 181, 123],
    [50, 182, 122], [52, 182, 121], [53, 183, 121], [55, 184, 120],
    [56, 185, 119], [58, 186, 118], [59, 187, 117], [61, 188, 116],
    [63, 188, 115], [64, 189, 114], [66, 190, 113], [68, 191, 112],
    [70, 192, 111], [72, 193, 110], [74, 193, 109], [76, 194, 108],
    [78, 195, 107], [80, 196, 106], [82, 197, 105], [84, 197, 104],
    [86, 198, 103], [88, 199, 101], [90, 200, 100], [92, 200, 99],
    [94, 201, 98], [96, 202, 96], [99, 203, 95], [101, 203, 94],
    [103, 204, 92], [105, 205, 91], [108, 205, 90], [110, 206, 88],
    [112, 207, 87], [115, 208, 86], [117, 208, 84], [119, 209, 83],
    [122, 209, 81], [124, 210, 80], [127, 211, 78], [129, 211, 77],
    [132, 212, 75], [134, 213, 73], [137, 213, 72], [139, 214, 70],
    [142, 214, 69], [144, 215, 67], [147, 215, 65], [149, 216, 64],
    [152, 216, 62], [155, 217, 60], [157, 217, 59], [160, 218, 57],
    [162, 218, 55], [165, 219, 54], [168, 219, 52], [170, 220, 50],
    [173, 220, 48], [176, 221, 47], [178, 221, 45], [181, 222, 43],
    [184, 222, 41], [186, 222, 40], [189, 223, 38], [192, 223, 37],
    [194, 223, 35], [197, 224, 33], [200, 224, 32], [202, 225, 31],
    [205, 225, 29], [208, 225, 28], [210, 226, 27], [213, 226, 26],
    [216, 226, 25], [218, 227, 25], [221, 227, 24], [223, 227, 24],
    [226, 228, 24], [229, 228, 25], [231, 228, 25], [234, 229, 26],
    [236, 229, 27], [239, 229, 28], [241, 229, 29], [244, 230, 30],
    [246, 230, 32], [248, 230, 33], [251, 231, 35], [253, 231, 37],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepared_viridis_is_the_interpolation_of_its_stops() {
        for i in 0..=100_000 {
            let t = f64::from(i) / 100_000.0;
            assert_eq!(viridis(t), sample(&VIRIDIS, t), "{t}");
        }
        assert_eq!(viridis(f64::NAN), [68, 1, 84]);
        assert_eq!(viridis(2.0), VIRIDIS[255]);
    }

    #[test]
    fn viridis_matches_matplotlib_at_the_ends_and_middle() {
        assert_eq!(hex(viridis(0.0)), "#440154");
        assert_eq!(hex(viridis(1.0)), "#fde725");
        assert_eq!(viridis(128.0 / 255.0), [33, 145, 140]);
        assert_eq!(viridis(-3.0), viridis(0.0));
        assert_eq!(viridis(7.0), viridis(1.0));
        assert_eq!(viridis(f64::NAN), viridis(0.0));
    }

    #[test]
    fn viridis_gets_lighter_monotonically() {
        let luma = |c: [u8; 3]| {
            0.2126 * f64::from(c[0]) + 0.7152 * f64::from(c[1]) + 0.0722 * f64::from(c[2])
        };
        let mut previous = luma(viridis(0.0));
        for i in 1..=100 {
            let next = luma(viridis(f64::from(i) / 100.0));
            assert!(next >= previous - 0.5, "luma drops at {i}");
            previous = next;
        }
    }

    #[test]
    fn diverging_is_blue_white_red() {
        let [r, g, b] = diverging(-1.0);
        assert!(b > r && b > g);
        let [r, g, b] = diverging(1.0);
        assert!(r > g && r > b);
        assert_eq!(diverging(0.0), [0xF7, 0xF7, 0xF7]);
        assert_eq!(diverging(-5.0), diverging(-1.0));
        assert_eq!(diverging(f64::NAN), diverging(0.0));
    }

    #[test]
    fn trajectory_blue_runs_dark_to_bright() {
        assert_eq!(hex(trajectory_blue(0.0)), "#08306b");
        assert_eq!(hex(trajectory_blue(1.0)), "#4fc3f7");
        let sum = |c: [u8; 3]| c.iter().map(|&v| u32::from(v)).sum::<u32>();
        assert!(sum(trajectory_blue(0.5)) > sum(trajectory_blue(0.0)));
        assert!(sum(trajectory_blue(1.0)) > sum(trajectory_blue(0.5)));
    }
}

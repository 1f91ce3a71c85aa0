//! What noise adds to the surface figure: the noiseless path as a ghost under the noisy one,
//! and at a hovered iteration the cloud of gradients the step could have drawn beside the
//! exact one.
//!
//! The cloud is drawn as update directions from the hovered point w(t): for each gradient g
//! a dot at the tip of −g (the way a gradient step would go, as this view shows it), the exact
//! −∇E as a dark arrow, and the gradient the step did use ringed. The vectors share one scale,
//! chosen so that the longest is [`CLOUD_REACH`] CSS pixels long: their spread next to the
//! exact gradient is to scale, their size in w is not (a step's length is η times it).

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::frame::Frame;
use crate::shapes::{arrow, dashed_polyline, disc, ring, Clip, Point};
use crate::theme::{Theme, HALO, INK};
use crate::PlotError;

/// The length, in CSS pixels, of the longest vector of a cloud.
pub const CLOUD_REACH: f64 = 70.0;

/// The ghost's dash pattern, in CSS pixels.
const GHOST_DASH: [f64; 2] = [5.0, 4.0];

/// The gradients a step could have drawn at one point.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientCloud {
    /// The point w(t).
    pub at: [f64; 2],
    /// The exact gradient ∇E(w(t)).
    pub exact: [f64; 2],
    /// The gradient the step used, if the run recorded it.
    pub used: Option<[f64; 2]>,
    /// The gradients it could have used (every batch of the epoch, or draws of the noise).
    pub cloud: Vec<[f64; 2]>,
    /// The colour of the dots (the run's).
    pub colour: [u8; 3],
}

/// The noiseless paths, each a thin dashed line in `colour` over a white halo, without dots.
pub fn draw_ghosts<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    ghosts: &[(Vec<[f64; 2]>, [u8; 3])],
    pixel_ratio: f64,
) -> Result<(), PlotError> {
    if frame.is_empty() {
        return Ok(());
    }
    let theme = Theme::new(pixel_ratio);
    let clip = Clip::of(frame);
    let pattern: Vec<f64> = GHOST_DASH.iter().map(|&l| theme.px(l)).collect();
    for (points, colour) in ghosts {
        let screen: Vec<Point> = points.iter().map(|&p| frame.screen_from_data(p)).collect();
        let width = theme.stroke(1.5);
        dashed_polyline(area, &clip, &screen, HALO, 0.8, width + 2, &pattern)?;
        dashed_polyline(area, &clip, &screen, *colour, 0.9, width, &pattern)?;
    }
    Ok(())
}

/// The screen offsets of −g for each of `vectors` at a common scale: the longest is `reach`
/// pixels (all zero when every vector is zero or none is finite).
fn offsets(frame: &Frame, vectors: &[[f64; 2]], reach: f64) -> Vec<Point> {
    let per_w1 = f64::from(frame.width) / (frame.x_range[1] - frame.x_range[0]);
    let per_w2 = f64::from(frame.height) / (frame.y_range[1] - frame.y_range[0]);
    // −g on the screen: right for −g1 > 0, up (smaller y) for −g2 > 0.
    let screen: Vec<Point> = vectors
        .iter()
        .map(|g| (-g[0] * per_w1, g[1] * per_w2))
        .collect();
    let longest = screen
        .iter()
        .map(|(x, y)| x.hypot(*y))
        .filter(|l| l.is_finite())
        .fold(0.0, f64::max);
    let scale = if longest > 0.0 { reach / longest } else { 0.0 };
    screen
        .into_iter()
        .map(|(x, y)| (x * scale, y * scale))
        .collect()
}

/// Draws `cloud` inside `frame`: a dot per possible gradient, the exact −∇E as an arrow and
/// the used gradient's dot ringed, from w(t) at one scale ([`CLOUD_REACH`] pixels for the
/// longest).
pub fn draw_cloud<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    cloud: &GradientCloud,
    pixel_ratio: f64,
) -> Result<(), PlotError> {
    if frame.is_empty() {
        return Ok(());
    }
    let theme = Theme::new(pixel_ratio);
    let clip = Clip::everywhere();
    let mut vectors = vec![cloud.exact];
    vectors.extend(cloud.used);
    vectors.extend_from_slice(&cloud.cloud);
    let moved = offsets(frame, &vectors, theme.px(CLOUD_REACH));
    let (x, y) = frame.screen_from_data(cloud.at);
    let tip = |(dx, dy): Point| (x + dx, y + dy);
    let radius = theme.radius(2.5);
    for &offset in &moved[1 + usize::from(cloud.used.is_some())..] {
        disc(area, tip(offset), radius + 1, HALO, 0.8)?;
        disc(area, tip(offset), radius, cloud.colour, 0.85)?;
    }
    if cloud.used.is_some() {
        let used = tip(moved[1]);
        ring(area, used, theme.radius(5.5), HALO, theme.stroke(3.0))?;
        ring(area, used, theme.radius(5.5), INK, theme.stroke(1.5))?;
    }
    let exact = tip(moved[0]);
    arrow(
        area,
        &clip,
        (x, y),
        exact,
        HALO,
        theme.stroke(4.0),
        theme.px(11.0),
    )?;
    arrow(
        area,
        &clip,
        (x, y),
        exact,
        INK,
        theme.stroke(2.0),
        theme.px(9.0),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters_svg::SVGBackend;

    fn frame() -> Frame {
        Frame {
            x: 10,
            y: 10,
            width: 200,
            height: 100,
            x_range: [0.0, 2.0],
            y_range: [0.0, 10.0],
        }
    }

    #[test]
    fn the_longest_vector_reaches_the_set_length_in_screen_space() {
        // 100 pixels per unit of w1, 10 per unit of w2.
        let moved = offsets(&frame(), &[[1.0, 0.0], [0.0, -2.0], [0.0, 0.0]], 70.0);
        assert_eq!(moved[0], (-70.0, 0.0), "−g1 points left");
        assert_eq!(
            moved[1],
            (0.0, -14.0),
            "−g2 > 0 points up, at the same scale"
        );
        assert_eq!(moved[2], (0.0, 0.0));
        assert_eq!(offsets(&frame(), &[[0.0, 0.0]], 70.0), [(0.0, 0.0)]);
    }

    #[test]
    fn clouds_and_ghosts_draw() {
        let cloud = GradientCloud {
            at: [1.0, 5.0],
            exact: [0.5, 1.0],
            used: Some([0.7, 1.5]),
            cloud: vec![[0.2, 0.9], [0.7, 1.5], [0.6, 0.4]],
            colour: [0, 114, 178],
        };
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (240, 130)).into_drawing_area();
            draw_cloud(&root, &frame(), &cloud, 1.0).expect("drawn");
            let ghost = vec![[0.0, 0.0], [1.0, 5.0], [2.0, 10.0]];
            draw_ghosts(&root, &frame(), &[(ghost, [0, 0, 0])], 1.0).expect("drawn");
            root.present().expect("presented");
        }
        assert!(svg.matches("<circle").count() >= 8, "{svg}");
        assert!(svg.contains("<polygon"), "the arrow's head");
    }
}

//! Paths on the 3-D surface: each step is draped over the drawn mesh (sampled finely enough to
//! follow its triangles) and every sample is tested against the z-buffer, so the parts behind
//! a ridge are known to be hidden.

use super::camera::Projection;
use super::mesh::Mesh;
use super::raster::Image;

/// A point of a path on the screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// Pixel position in the picture.
    pub at: (f64, f64),
    /// Whether no surface lies in front of it.
    pub visible: bool,
    /// The step it lies on: step i joins iterates i and i + 1.
    pub step: usize,
}

/// A path as the 3-D view draws it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DrapedPath {
    /// Samples along the path in order; `None` where it leaves the view (a break in the line).
    pub samples: Vec<Option<Sample>>,
    /// Each iterate; `None` outside the view or over a hole in the surface.
    pub iterates: Vec<Option<Sample>>,
}

/// Pixels of depth within which a path counts as on the surface rather than behind it.
const DEPTH_TOLERANCE: f64 = 2.0;
/// A step is sampled about every this many pixels on the screen.
const SAMPLE_SPACING: f64 = 3.0;
/// The most samples per step.
const MAX_SAMPLES_PER_STEP: usize = 256;
/// The most samples per path: a long path's steps get fewer each.
const MAX_SAMPLES: usize = 200_000;

/// The screen point and depth of data point `w` lying on the drawn surface.
fn lift(mesh: &Mesh, projection: &Projection, w: [f64; 2]) -> Option<[f64; 3]> {
    let [x, y] = mesh.box_from_data(w);
    let z = mesh.height_at([x, y])?;
    Some(projection.screen([x, y, z]))
}

/// Whether a point at pixel `(x, y)` and `depth` is in front of (or on) the surface drawn in
/// `image`: no covered pixel around it lies nearer by more than [`DEPTH_TOLERANCE`] pixels.
pub fn in_front(image: &Image, projection: &Projection, [x, y, depth]: [f64; 3]) -> bool {
    let tolerance = DEPTH_TOLERANCE / projection.scale();
    if !(x.is_finite() && y.is_finite()) {
        return false;
    }
    let (cx, cy) = (x.floor() as i64, y.floor() as i64);
    let mut farthest = f64::INFINITY;
    for dy in -1..=1 {
        for dx in -1..=1 {
            let (px, py) = (cx + dx, cy + dy);
            let depth_here = (px >= 0 && py >= 0)
                .then(|| image.depth_at(px as usize, py as usize))
                .flatten();
            farthest = farthest.min(depth_here.unwrap_or(f64::NEG_INFINITY));
        }
    }
    depth >= farthest - tolerance
}

/// `points` (the iterates in data coordinates) draped over `mesh` as `projection` shows it,
/// tested against the depths of `image` (drawn with the same projection).
pub fn drape(
    points: &[[f64; 2]],
    mesh: &Mesh,
    projection: &Projection,
    image: &Image,
) -> DrapedPath {
    let sample = |w: [f64; 2], step: usize| {
        let p = lift(mesh, projection, w)?;
        Some(Sample {
            at: (p[0], p[1]),
            visible: in_front(image, projection, p),
            step,
        })
    };
    let iterates: Vec<Option<Sample>> = points
        .iter()
        .enumerate()
        .map(|(i, &w)| sample(w, i.min(points.len().saturating_sub(2))))
        .collect();
    let budget = (MAX_SAMPLES / points.len().max(1)).clamp(1, MAX_SAMPLES_PER_STEP);
    let cell = [
        2.0 / (mesh.columns().max(2) - 1) as f64,
        2.0 / (mesh.rows().max(2) - 1) as f64,
    ];
    let mut samples = Vec::new();
    for (step, pair) in points.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        let (start, end) = (iterates[step], iterates[step + 1]);
        // Enough samples to stay within a few pixels on the screen and within a mesh cell.
        let pixels = match (start, end) {
            (Some(s), Some(e)) => (e.at.0 - s.at.0).hypot(e.at.1 - s.at.1),
            _ => 0.0,
        };
        let [ba, bb] = [mesh.box_from_data(a), mesh.box_from_data(b)];
        let cells = (bb[0] - ba[0]).abs() / cell[0] + (bb[1] - ba[1]).abs() / cell[1];
        let wanted = (pixels / SAMPLE_SPACING).max(cells).ceil();
        let count = if wanted.is_finite() {
            (wanted as usize).clamp(1, budget)
        } else {
            1
        };
        if step == 0 {
            samples.push(start.map(|s| Sample { step: 0, ..s }));
        }
        for k in 1..=count {
            let t = k as f64 / count as f64;
            let w = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
            samples.push(if k == count {
                end.map(|e| Sample { step, ..e })
            } else {
                sample(w, step)
            });
        }
    }
    DrapedPath { samples, iterates }
}

/// The pieces of a draped path to draw alike: runs of consecutive samples with the same key
/// (visibility, colour), each ending at the first sample of the next so that no gap opens
/// between them (the step across a change belongs to the earlier run); breaks where the path
/// leaves the view.
pub fn runs<K: PartialEq + Copy>(
    samples: &[Option<Sample>],
    key: impl Fn(&Sample) -> K,
) -> Vec<(K, Vec<(f64, f64)>)> {
    let mut out: Vec<(K, Vec<(f64, f64)>)> = Vec::new();
    let mut open = false;
    for sample in samples {
        let Some(s) = sample else {
            open = false;
            continue;
        };
        let k = key(s);
        match out.last_mut() {
            Some((last, points)) if open && *last == k => points.push(s.at),
            Some((_, points)) if open => {
                points.push(s.at);
                out.push((k, vec![s.at]));
            }
            _ => out.push((k, vec![s.at])),
        }
        open = true;
    }
    out.retain(|(_, points)| points.len() >= 2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(x: f64, visible: bool) -> Option<Sample> {
        Some(Sample {
            at: (x, 0.0),
            visible,
            step: 0,
        })
    }

    #[test]
    fn runs_split_where_the_key_changes_and_join_up() {
        let samples = [
            sample(0.0, true),
            sample(1.0, true),
            sample(2.0, false),
            sample(3.0, false),
            None,
            sample(5.0, false),
            sample(6.0, false),
        ];
        let pieces = runs(&samples, |s| s.visible);
        let xs: Vec<(bool, Vec<f64>)> = pieces
            .into_iter()
            .map(|(k, p)| (k, p.into_iter().map(|q| q.0).collect()))
            .collect();
        assert_eq!(
            xs,
            [
                (true, vec![0.0, 1.0, 2.0]),
                (false, vec![2.0, 3.0]),
                (false, vec![5.0, 6.0]),
            ]
        );
    }
}

//! The surface as a mesh of vertices in box coordinates: sampled on a grid whose vertices
//! include the view's edges, each with its colour position and normal. Every quad is split
//! along the diagonal [`Mesh::main_diagonal`] chooses, for drawing and for
//! [`Mesh::height_at`] alike, so a path draped with it lies exactly on the drawn surface.

use descent_core::Grid;

use super::camera::HALF_HEIGHT;
use crate::scale::ColorScale;
use descent_core::view::View;

/// A surface sampled at `columns × rows` vertices over a view.
#[derive(Clone, Debug, PartialEq)]
pub struct Mesh {
    view: View,
    /// Box x of each column, increasing from −1 to 1.
    xs: Vec<f64>,
    /// Box y of each row, decreasing from 1 (row 0: the largest w2, as in an image) to −1.
    ys: Vec<f64>,
    /// Box z of each vertex, row-major; NaN where E is not finite.
    heights: Vec<f64>,
    /// Colour position of each vertex in [0, 1]; NaN where E is not finite.
    colours: Vec<f64>,
    /// Unit normal of each vertex, pointing up.
    normals: Vec<[f64; 3]>,
}

/// The grid whose cell centres are the vertices of a `columns × rows` mesh over `view` (its
/// first and last centres on the view's edges): sample the surface on it.
pub fn vertex_grid(view: View, columns: usize, rows: usize) -> Grid {
    let widen = |[lo, hi]: [f64; 2], n: usize| {
        let half = (hi - lo) / (n.max(2) - 1) as f64 / 2.0;
        [lo - half, hi + half]
    };
    Grid {
        w1: widen(view.w1, columns),
        w2: widen(view.w2, rows),
        columns,
        rows,
    }
}

/// `n` evenly spaced values from `from` to `to`, both included.
fn spaced(from: f64, to: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| from + (to - from) * i as f64 / (n - 1) as f64)
        .collect()
}

impl Mesh {
    /// The mesh of `values` sampled on [`vertex_grid`]`(view, columns, rows)` (row 0 at the
    /// top), coloured through `colour` and raised through `height` (both map E to [0, 1]).
    /// Fewer than 2 × 2 vertices, or a value count that does not match, give an empty mesh.
    pub fn new(
        view: View,
        (columns, rows): (usize, usize),
        values: &[f64],
        colour: &ColorScale,
        height: &ColorScale,
    ) -> Mesh {
        if columns < 2 || rows < 2 || values.len() != columns * rows {
            return Mesh {
                view,
                xs: Vec::new(),
                ys: Vec::new(),
                heights: Vec::new(),
                colours: Vec::new(),
                normals: Vec::new(),
            };
        }
        let (colour_of, height_of) = (colour.normalizer(), height.normalizer());
        let heights: Vec<f64> = values
            .iter()
            .map(|&v| height_of(v).map_or(f64::NAN, |t| (2.0 * t - 1.0) * HALF_HEIGHT))
            .collect();
        let colours = values
            .iter()
            .map(|&v| colour_of(v).unwrap_or(f64::NAN))
            .collect();
        let mut mesh = Mesh {
            view,
            xs: spaced(-1.0, 1.0, columns),
            ys: spaced(1.0, -1.0, rows),
            heights,
            colours,
            normals: Vec::new(),
        };
        mesh.normals = mesh.vertex_normals();
        mesh
    }

    /// Vertices per row.
    pub fn columns(&self) -> usize {
        self.xs.len()
    }

    /// Rows of vertices.
    pub fn rows(&self) -> usize {
        self.ys.len()
    }

    /// Whether it has no quads.
    pub fn is_empty(&self) -> bool {
        self.columns() < 2 || self.rows() < 2
    }

    /// The view it spans.
    pub fn view(&self) -> View {
        self.view
    }

    /// Vertex `(column, row)`'s box point (z NaN where E is not finite).
    pub fn vertex(&self, column: usize, row: usize) -> [f64; 3] {
        [
            self.xs[column],
            self.ys[row],
            self.heights[row * self.columns() + column],
        ]
    }

    /// Vertex `(column, row)`'s colour position and normal.
    pub(crate) fn shading(&self, column: usize, row: usize) -> (f64, [f64; 3]) {
        let i = row * self.columns() + column;
        (self.colours[i], self.normals[i])
    }

    /// Every `stride`-th vertex along each side, the last included: a lighter mesh for
    /// drawing while the view turns, with the full mesh's normals.
    pub fn coarse(&self, stride: usize) -> Mesh {
        let pick = |n: usize| -> Vec<usize> {
            let mut kept: Vec<usize> = (0..n).step_by(stride.max(1)).collect();
            if kept.last() != Some(&(n.max(1) - 1)) && n > 0 {
                kept.push(n - 1);
            }
            kept
        };
        let (columns, rows) = (pick(self.columns()), pick(self.rows()));
        let cells = |c: usize, r: usize| r * self.columns() + c;
        let indices: Vec<usize> = rows
            .iter()
            .flat_map(|&r| columns.iter().map(move |&c| cells(c, r)))
            .collect();
        Mesh {
            view: self.view,
            xs: columns.iter().map(|&c| self.xs[c]).collect(),
            ys: rows.iter().map(|&r| self.ys[r]).collect(),
            heights: indices.iter().map(|&i| self.heights[i]).collect(),
            colours: indices.iter().map(|&i| self.colours[i]).collect(),
            normals: indices.iter().map(|&i| self.normals[i]).collect(),
        }
    }

    /// Box x and y of the data point `w`.
    pub fn box_from_data(&self, w: [f64; 2]) -> [f64; 2] {
        let to_box = |x: f64, [lo, hi]: [f64; 2]| 2.0 * (x - lo) / (hi - lo) - 1.0;
        [to_box(w[0], self.view.w1), to_box(w[1], self.view.w2)]
    }

    /// The data point at box x and y.
    pub fn data_from_box(&self, p: [f64; 2]) -> [f64; 2] {
        let to_data = |x: f64, [lo, hi]: [f64; 2]| lo + (x + 1.0) / 2.0 * (hi - lo);
        [to_data(p[0], self.view.w1), to_data(p[1], self.view.w2)]
    }

    /// Box z of the drawn surface above box point `(x, y)`: interpolated on the triangle of its
    /// quad that holds it; `None` outside the base or where a corner is not finite.
    pub fn height_at(&self, [x, y]: [f64; 2]) -> Option<f64> {
        if self.is_empty() || !(-1.0..=1.0).contains(&x) || !(-1.0..=1.0).contains(&y) {
            return None;
        }
        let c = self
            .xs
            .partition_point(|&v| v <= x)
            .clamp(1, self.columns() - 1)
            - 1;
        let r = self
            .ys
            .partition_point(|&v| v >= y)
            .clamp(1, self.rows() - 1)
            - 1;
        let u = (x - self.xs[c]) / (self.xs[c + 1] - self.xs[c]);
        let v = (self.ys[r] - y) / (self.ys[r] - self.ys[r + 1]);
        let z = |dc: usize, dr: usize| self.vertex(c + dc, r + dr)[2];
        let (z00, z10, z01, z11) = (z(0, 0), z(1, 0), z(0, 1), z(1, 1));
        let height = if self.main_diagonal(c, r) {
            // Triangles (c, r)–(c+1, r)–(c+1, r+1) and (c, r)–(c+1, r+1)–(c, r+1).
            if u >= v {
                z00 + u * (z10 - z00) + v * (z11 - z10)
            } else {
                z00 + v * (z01 - z00) + u * (z11 - z01)
            }
        } else if u + v <= 1.0 {
            // Triangles (c, r)–(c+1, r)–(c, r+1) and (c+1, r)–(c+1, r+1)–(c, r+1).
            z00 + u * (z10 - z00) + v * (z01 - z00)
        } else {
            z11 + (1.0 - u) * (z01 - z11) + (1.0 - v) * (z10 - z11)
        };
        height.is_finite().then_some(height)
    }

    /// Whether quad `(column, row)` is split along its diagonal from `(column, row)` to
    /// `(column + 1, row + 1)` rather than the other: the one whose ends differ less in
    /// height, so that a narrow valley or ridge running across the quads is not cut into a
    /// saw-tooth.
    pub fn main_diagonal(&self, column: usize, row: usize) -> bool {
        let z = |dc: usize, dr: usize| self.vertex(column + dc, row + dr)[2];
        let (main, other) = ((z(0, 0) - z(1, 1)).abs(), (z(1, 0) - z(0, 1)).abs());
        // NaN (a hole at a corner) keeps the main diagonal.
        main.partial_cmp(&other) != Some(std::cmp::Ordering::Greater)
    }

    /// Unit normals from central differences of the heights (one-sided at the edges and next
    /// to non-finite heights; straight up where no difference exists).
    fn vertex_normals(&self) -> Vec<[f64; 3]> {
        let (columns, rows) = (self.columns(), self.rows());
        let z = |c: usize, r: usize| self.heights[r * columns + c];
        // d z / d coordinate along one axis, from the finite neighbours of index i.
        let slope = |at: &dyn Fn(usize) -> f64, position: &[f64], i: usize| -> f64 {
            let n = position.len();
            let (lo, hi) = (i.saturating_sub(1), (i + 1).min(n - 1));
            let candidates = [(lo, hi), (i, hi), (lo, i)];
            candidates
                .into_iter()
                .filter(|&(a, b)| a != b && at(a).is_finite() && at(b).is_finite())
                .map(|(a, b)| (at(b) - at(a)) / (position[b] - position[a]))
                .next()
                .unwrap_or(0.0)
        };
        let mut normals = Vec::with_capacity(columns * rows);
        for r in 0..rows {
            for c in 0..columns {
                let dx = slope(&|k| z(k, r), &self.xs, c);
                let dy = slope(&|k| z(c, k), &self.ys, r);
                let length = (dx * dx + dy * dy + 1.0).sqrt();
                normals.push([-dx / length, -dy / length, 1.0 / length]);
            }
        }
        normals
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plane_mesh(columns: usize, rows: usize) -> Mesh {
        let view = View {
            w1: [0.0, 4.0],
            w2: [-1.0, 1.0],
        };
        let grid = vertex_grid(view, columns, rows);
        let values: Vec<f64> = (0..rows)
            .flat_map(|r| (0..columns).map(move |c| (c, r)))
            .map(|(c, r)| grid.w1_at(c) + 2.0 * grid.w2_at(r))
            .collect();
        let scale = ColorScale::Linear {
            min: -2.0,
            max: 6.0,
        };
        Mesh::new(view, (columns, rows), &values, &scale, &scale)
    }

    #[test]
    fn the_vertex_grid_puts_vertices_on_the_view_edges() {
        let grid = vertex_grid(View::ARTICLE, 5, 3);
        assert!((grid.w1_at(0) + 20.0).abs() < 1e-12 && (grid.w1_at(4) - 20.0).abs() < 1e-12);
        assert!((grid.w2_at(0) - 25.0).abs() < 1e-12 && (grid.w2_at(2) + 25.0).abs() < 1e-12);
    }

    #[test]
    fn a_plane_is_interpolated_exactly_and_tilts_its_normals() {
        let mesh = plane_mesh(9, 5);
        let scale_z = |e: f64| ((e + 2.0) / 8.0 * 2.0 - 1.0) * HALF_HEIGHT;
        for w in [[0.0, -1.0], [1.3, 0.2], [4.0, 1.0], [2.9, -0.77]] {
            let p = mesh.box_from_data(w);
            let z = mesh.height_at(p).expect("inside");
            assert!((z - scale_z(w[0] + 2.0 * w[1])).abs() < 1e-12, "{w:?}");
            let back = mesh.data_from_box(p);
            assert!((back[0] - w[0]).abs() < 1e-12 && (back[1] - w[1]).abs() < 1e-12);
        }
        assert_eq!(mesh.height_at([1.01, 0.0]), None);
        let (_, n) = mesh.shading(4, 2);
        // E rises by 2 per box unit along x (w1: 4 over 2 box units) and along y (w2: 1 per
        // box unit, twice); z rises by HALF_HEIGHT / 4 per unit of E (8 over 2 · HALF_HEIGHT).
        let (dx, dy) = (0.5 * HALF_HEIGHT, 0.5 * HALF_HEIGHT);
        let length = (dx * dx + dy * dy + 1.0f64).sqrt();
        let expected = [-dx / length, -dy / length, 1.0 / length];
        assert!(n.iter().zip(expected).all(|(a, b)| (a - b).abs() < 1e-12));
    }

    #[test]
    fn quads_split_along_the_diagonal_that_changes_least() {
        // One quad: a fold along the anti-diagonal (its ends level, the other corners not).
        let view = View {
            w1: [0.0, 1.0],
            w2: [0.0, 1.0],
        };
        let scale = ColorScale::Linear { min: 0.0, max: 2.0 };
        // Row 0 is the top (w2 = 1): corners (0,1)=0, (1,1)=2; (0,0)=2, (1,0)=0... as values
        // v00 = 1, v10 = 0, v01 = 2, v11 = 1.
        let mesh = Mesh::new(view, (2, 2), &[1.0, 0.0, 2.0, 1.0], &scale, &scale);
        assert!(mesh.main_diagonal(0, 0), "|1 − 1| < |0 − 2|");
        let z = |e: f64| (e - 1.0) * HALF_HEIGHT;
        // On the main diagonal the height is the ends' level.
        let centre = mesh.height_at([0.0, 0.0]).unwrap_or(f64::NAN);
        assert!((centre - z(1.0)).abs() < 1e-12);
        let flipped = Mesh::new(view, (2, 2), &[0.0, 1.0, 1.0, 2.0], &scale, &scale);
        assert!(
            !flipped.main_diagonal(0, 0),
            "|1 − 1| < |0 − 2| the other way"
        );
        let centre = flipped.height_at([0.0, 0.0]).unwrap_or(f64::NAN);
        assert!((centre - z(1.0)).abs() < 1e-12);
        // Corners are exact on either split.
        let corner = flipped.height_at([1.0, -1.0]).unwrap_or(f64::NAN);
        assert!((corner - z(2.0)).abs() < 1e-12);
    }

    #[test]
    fn the_coarse_mesh_keeps_the_edges() {
        let mesh = plane_mesh(10, 7);
        let coarse = mesh.coarse(4);
        assert_eq!((coarse.columns(), coarse.rows()), (4, 3));
        assert_eq!(coarse.vertex(3, 2), mesh.vertex(9, 6));
        assert_eq!(coarse.vertex(1, 1), mesh.vertex(4, 4));
        let w = [2.2, 0.4];
        let (a, b) = (
            mesh.height_at(mesh.box_from_data(w)),
            coarse.height_at(coarse.box_from_data(w)),
        );
        assert!((a.unwrap_or(0.0) - b.unwrap_or(1.0)).abs() < 1e-12);
        assert!(Mesh::new(
            View::ARTICLE,
            (1, 1),
            &[0.0],
            &plane_scale(),
            &plane_scale()
        )
        .is_empty());
    }

    fn plane_scale() -> ColorScale {
        ColorScale::Linear { min: 0.0, max: 1.0 }
    }
}

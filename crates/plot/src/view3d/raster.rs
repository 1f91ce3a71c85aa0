//! The 3-D view's z-buffer raster: the box's back panes with their grid lines, then the
//! surface's triangles, drawn into an RGBA buffer of the frame's size that any backend can
//! paint (`putImageData` in the browser, a bitmap in SVG and PNG).
//!
//! Triangles are filled with integer edge functions on a 1/16-pixel grid, and a pixel centre
//! exactly on an edge belongs to one side only (the tie-break of a sample point nudged by
//! (−ε, ε²)), so neighbouring triangles meet without cracks and without drawing a pixel twice.
//! Each covered pixel keeps the nearest surface's depth, colour position and light; the colours
//! are computed once per pixel at the end.

use super::camera::{dot, BoxPoint, Projection};
use super::mesh::Mesh;
use crate::colormap::viridis;

/// Sub-pixel steps per pixel of the vertex positions.
const SUBPIXEL: i64 = 16;
/// The largest |pixel coordinate| of a vertex: a zoomed-in view's far-away vertices are
/// clamped here, far outside any frame, so that the edge functions cannot overflow.
const MAX_COORDINATE: f64 = 1e7;

/// The back panes' fill.
const PANE: [u8; 4] = [243, 243, 243, 255];
/// Grid lines on the panes.
const PANE_GRID: [u8; 4] = [218, 218, 218, 255];

/// How the surface is lit and what is drawn behind it.
#[derive(Clone, Copy, Debug)]
pub struct Style<'a> {
    /// How strongly the light shades slopes: 0 draws the colour scale's colours unchanged.
    pub light: f64,
    /// Box positions of the grid lines on the back panes (x, y and z); `None` draws no panes.
    pub grid: Option<[&'a [f64]; 3]>,
}

/// The default strength of the light.
pub const LIGHT: f64 = 0.6;

/// A vertex on the screen, with what its pixels interpolate.
#[derive(Clone, Copy, Debug, Default)]
struct ScreenVertex {
    x: i64,
    y: i64,
    depth: f32,
    colour: f64,
    /// Light factor of the upper side and of the underside.
    front: f32,
    back: f32,
    finite: bool,
}

/// An RGBA picture of the 3-D view with its depth buffer; reused from frame to frame.
#[derive(Clone, Debug, Default)]
pub struct Image {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
    /// Depth of the nearest surface at each pixel (larger is nearer); −∞ where none.
    depth: Vec<f32>,
    colour: Vec<f64>,
    shade: Vec<f32>,
    vertices: Vec<ScreenVertex>,
}

impl Image {
    /// An empty (transparent) picture of `width × height` pixels.
    pub fn new(width: usize, height: usize) -> Image {
        let mut image = Image::default();
        image.resize(width, height);
        image
    }

    /// Makes it `width × height` pixels (transparent when the size changes; [`Image::render`]
    /// clears it anyway).
    pub fn resize(&mut self, width: usize, height: usize) {
        if (width, height) == (self.width, self.height) && !self.rgba.is_empty() {
            return;
        }
        let n = width * height;
        self.width = width;
        self.height = height;
        self.rgba.clear();
        self.rgba.resize(n * 4, 0);
        self.depth.clear();
        self.depth.resize(n, f32::NEG_INFINITY);
        self.colour.resize(n, 0.0);
        self.shade.resize(n, 1.0);
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }

    /// The RGBA bytes, row by row from the top; transparent where nothing is drawn.
    pub fn rgba(&self) -> &[u8] {
        &self.rgba
    }

    /// The depth of the surface at pixel `(x, y)`, `None` where no surface is drawn.
    pub fn depth_at(&self, x: usize, y: usize) -> Option<f64> {
        (x < self.width && y < self.height)
            .then(|| self.depth[y * self.width + x])
            .filter(|d| d.is_finite())
            .map(f64::from)
    }

    /// Draws `mesh` as `projection` sees it, with `style`'s light and panes.
    pub fn render(&mut self, mesh: &Mesh, projection: &Projection, style: &Style) {
        self.rgba.fill(0);
        self.depth.fill(f32::NEG_INFINITY);
        if let Some(grid) = style.grid {
            self.panes(projection, grid);
        }
        if mesh.is_empty() {
            return;
        }
        self.project(mesh, projection, style.light);
        for corners in triangles(mesh) {
            self.surface_triangle(corners);
        }
        self.resolve();
    }

    /// Projects the mesh's vertices and lights them.
    fn project(&mut self, mesh: &Mesh, projection: &Projection, strength: f64) {
        let light = light_direction(projection);
        let fixed = |v: f64| (v.clamp(-MAX_COORDINATE, MAX_COORDINATE) * SUBPIXEL as f64).round();
        self.vertices.clear();
        for r in 0..mesh.rows() {
            for c in 0..mesh.columns() {
                let point = mesh.vertex(c, r);
                let (colour, normal) = mesh.shading(c, r);
                let [x, y, depth] = projection.screen(point);
                let lit = dot(normal, light);
                self.vertices.push(ScreenVertex {
                    x: fixed(x) as i64,
                    y: fixed(y) as i64,
                    depth: depth as f32,
                    colour,
                    front: shade(strength, lit, light[2]),
                    back: UNDERSIDE * shade(strength, -lit, light[2]),
                    finite: point[2].is_finite() && colour.is_finite(),
                });
            }
        }
    }

    /// Fills a triangle of the surface into the depth, colour and light buffers.
    fn surface_triangle(&mut self, corners: [usize; 3]) {
        let [a, b, c] = corners.map(|i| self.vertices[i]);
        if !(a.finite && b.finite && c.finite) {
            return;
        }
        let (width, height) = (self.width, self.height);
        let (depth, colour, shade) = (&mut self.depth, &mut self.colour, &mut self.shade);
        fill_triangle([a, b, c], width, height, |i, [p, q, r], upper| {
            let z = p.depth + (q.depth - p.depth) * upper[0] + (r.depth - p.depth) * upper[1];
            if z > depth[i] {
                let (u, v) = (f64::from(upper[0]), f64::from(upper[1]));
                depth[i] = z;
                colour[i] = p.colour + (q.colour - p.colour) * u + (r.colour - p.colour) * v;
                let (sp, sq, sr) = if upper[2] > 0.0 {
                    (p.front, q.front, r.front)
                } else {
                    (p.back, q.back, r.back)
                };
                shade[i] = sp + (sq - sp) * upper[0] + (sr - sp) * upper[1];
            }
        });
    }

    /// The colours of the covered pixels.
    fn resolve(&mut self) {
        for (i, pixel) in self.rgba.chunks_exact_mut(4).enumerate() {
            if self.depth[i] > f32::NEG_INFINITY {
                let [r, g, b] = lit(viridis(self.colour[i]), self.shade[i]);
                pixel.copy_from_slice(&[r, g, b, 255]);
            }
        }
    }

    /// The floor and the two walls behind the surface, with grid lines at the tick positions.
    fn panes(&mut self, projection: &Projection, [xs, ys, zs]: [&[f64]; 3]) {
        let h = super::camera::HALF_HEIGHT;
        let toward = projection.toward();
        // The walls on the far side of the box from the camera.
        let far_x = if toward[0] > 0.0 { -1.0 } else { 1.0 };
        let far_y = if toward[1] > 0.0 { -1.0 } else { 1.0 };
        let floor = [
            [-1.0, -1.0, -h],
            [1.0, -1.0, -h],
            [1.0, 1.0, -h],
            [-1.0, 1.0, -h],
        ];
        let wall_x = [
            [far_x, -1.0, -h],
            [far_x, 1.0, -h],
            [far_x, 1.0, h],
            [far_x, -1.0, h],
        ];
        let wall_y = [
            [-1.0, far_y, -h],
            [1.0, far_y, -h],
            [1.0, far_y, h],
            [-1.0, far_y, h],
        ];
        for quad in [floor, wall_x, wall_y] {
            self.flat_quad(projection, quad, PANE);
        }
        let mut lines: Vec<(BoxPoint, BoxPoint)> = Vec::new();
        for &x in xs {
            lines.push(([x, -1.0, -h], [x, 1.0, -h]));
            lines.push(([x, far_y, -h], [x, far_y, h]));
        }
        for &y in ys {
            lines.push(([-1.0, y, -h], [1.0, y, -h]));
            lines.push(([far_x, y, -h], [far_x, y, h]));
        }
        for &z in zs {
            lines.push(([far_x, -1.0, z], [far_x, 1.0, z]));
            lines.push(([-1.0, far_y, z], [1.0, far_y, z]));
        }
        for (a, b) in lines {
            let ([ax, ay, _], [bx, by, _]) = (projection.screen(a), projection.screen(b));
            self.flat_line((ax, ay), (bx, by), PANE_GRID);
        }
    }

    /// Fills a planar quad (corners in order) with one colour, without depth.
    fn flat_quad(&mut self, projection: &Projection, quad: [BoxPoint; 4], rgba: [u8; 4]) {
        let corners = quad.map(|p| {
            let [x, y, _] = projection.screen(p);
            ScreenVertex {
                x: (x.clamp(-MAX_COORDINATE, MAX_COORDINATE) * SUBPIXEL as f64).round() as i64,
                y: (y.clamp(-MAX_COORDINATE, MAX_COORDINATE) * SUBPIXEL as f64).round() as i64,
                finite: true,
                ..ScreenVertex::default()
            }
        });
        let (width, height, pixels) = (self.width, self.height, &mut self.rgba);
        for triangle in [[0, 1, 2], [0, 2, 3]] {
            let vertices = triangle.map(|k| corners[k]);
            fill_triangle(vertices, width, height, |i, _, _| {
                pixels[4 * i..4 * i + 4].copy_from_slice(&rgba);
            });
        }
    }

    /// A one-pixel line from `a` to `b` (pixels), without depth.
    fn flat_line(&mut self, a: (f64, f64), b: (f64, f64), rgba: [u8; 4]) {
        let steps = (b.0 - a.0).abs().max((b.1 - a.1).abs()).ceil();
        if !(steps.is_finite() && steps < 1e5) {
            return;
        }
        let steps = steps as usize;
        for k in 0..=steps {
            let t = if steps == 0 {
                0.0
            } else {
                k as f64 / steps as f64
            };
            let (x, y) = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
            if x >= 0.0 && y >= 0.0 && (x as usize) < self.width && (y as usize) < self.height {
                let i = (y as usize * self.width + x as usize) * 4;
                self.rgba[i..i + 4].copy_from_slice(&rgba);
            }
        }
    }
}

/// The mesh's triangles as vertex indices: each quad split as `Mesh::height_at` splits it,
/// corners turning the same way as seen from above.
fn triangles(mesh: &Mesh) -> impl Iterator<Item = [usize; 3]> + '_ {
    let columns = mesh.columns();
    (0..mesh.rows().saturating_sub(1)).flat_map(move |r| {
        (0..columns.saturating_sub(1)).flat_map(move |c| {
            let i = r * columns + c;
            let (v00, v10, v01, v11) = (i, i + 1, i + columns, i + columns + 1);
            if mesh.main_diagonal(c, r) {
                [[v00, v10, v11], [v00, v11, v01]]
            } else {
                [[v00, v10, v01], [v10, v11, v01]]
            }
        })
    })
}

/// How much darker the underside is than the upper side under the same light.
const UNDERSIDE: f32 = 0.85;

/// The light's direction in box coordinates: from over the viewer's left shoulder, so the
/// slopes facing the viewer are lit whichever way the view turns.
fn light_direction(projection: &Projection) -> [f64; 3] {
    let (t, u, r) = (projection.toward(), projection.up(), projection.right());
    let l: [f64; 3] = std::array::from_fn(|i| t[i] + 0.6 * u[i] - 0.4 * r[i]);
    let length = dot(l, l).sqrt();
    l.map(|x| x / length)
}

/// The light factor of a face whose normal has `lit` = n·L, relative to a level face
/// (normal straight up: n·L = `level`), which keeps its colour exactly.
fn shade(strength: f64, lit: f64, level: f64) -> f32 {
    (1.0 + strength * (lit - level)).clamp(0.55, 1.3) as f32
}

/// `rgb` under light factor `s`: darker towards black below 1, lighter towards white above.
pub(crate) fn lit(rgb: [u8; 3], s: f32) -> [u8; 3] {
    if s == 1.0 {
        return rgb;
    }
    rgb.map(|c| {
        let c = f32::from(c);
        let out = if s < 1.0 {
            c * s
        } else {
            c + (255.0 - c) * (s - 1.0)
        };
        (out + 0.5).clamp(0.0, 255.0) as u8
    })
}

/// Calls `pixel(index, corners, [λ1, λ2, orientation])` for every pixel whose centre the
/// triangle covers, inside a `width × height` picture; `λ1` and `λ2` weigh the second and
/// third corners (after reordering to a positive orientation, also passed as `corners`), and
/// the orientation is +1 for a triangle whose corners were given counter-clockwise as the
/// surface's upper side is seen, −1 for its underside.
fn fill_triangle(
    corners: [ScreenVertex; 3],
    width: usize,
    height: usize,
    mut pixel: impl FnMut(usize, [ScreenVertex; 3], [f32; 3]),
) {
    let [a, b, c] = corners;
    let orient = |p: &ScreenVertex, q: &ScreenVertex, r: &ScreenVertex| {
        (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x)
    };
    let area = orient(&a, &b, &c);
    if area == 0 || width == 0 || height == 0 {
        return;
    }
    let (p, q, r, side) = if area > 0 {
        (a, b, c, 1.0)
    } else {
        (a, c, b, -1.0)
    };
    let area = area.abs();
    // Pixel x's centre is at x·16 + 8 sub-pixels: the first and last centres inside the box.
    let first = |lo: i64| {
        (lo - SUBPIXEL / 2 + SUBPIXEL - 1)
            .div_euclid(SUBPIXEL)
            .max(0)
    };
    let last = |hi: i64, n: usize| (hi - SUBPIXEL / 2).div_euclid(SUBPIXEL).min(n as i64 - 1);
    let (x0, x1) = (
        first(p.x.min(q.x).min(r.x)),
        last(p.x.max(q.x).max(r.x), width),
    );
    let (y0, y1) = (
        first(p.y.min(q.y).min(r.y)),
        last(p.y.max(q.y).max(r.y), height),
    );
    if x0 > x1 || y0 > y1 {
        return;
    }
    // Edge k is opposite corner k; its function is positive inside and equals `area` at the
    // corner. Corners run clockwise on the screen; a pixel centre on an edge belongs to the
    // triangle when that is a left edge (running up the screen) or a top edge (running right
    // along it): bias 0; otherwise the edge function must be positive (bias −1).
    let edges = [(q, r), (r, p), (p, q)];
    let start = (x0 * SUBPIXEL + SUBPIXEL / 2, y0 * SUBPIXEL + SUBPIXEL / 2);
    let mut row: [i64; 3] = [0; 3];
    let mut step_x: [i64; 3] = [0; 3];
    let mut step_y: [i64; 3] = [0; 3];
    let mut bias: [i64; 3] = [0; 3];
    for (k, (s, e)) in edges.iter().enumerate() {
        let (dx, dy) = (e.x - s.x, e.y - s.y);
        bias[k] = if dy < 0 || (dy == 0 && dx > 0) { 0 } else { -1 };
        row[k] = dx * (start.1 - s.y) - dy * (start.0 - s.x) + bias[k];
        step_x[k] = -dy * SUBPIXEL;
        step_y[k] = dx * SUBPIXEL;
    }
    let inverse = 1.0 / area as f64;
    for y in y0..=y1 {
        let mut w = row;
        let base = y as usize * width;
        for x in x0..=x1 {
            if (w[0] | w[1] | w[2]) >= 0 {
                let weight = |k: usize| ((w[k] - bias[k]) as f64 * inverse) as f32;
                pixel(base + x as usize, [p, q, r], [weight(1), weight(2), side]);
            }
            for k in 0..3 {
                w[k] += step_x[k];
            }
        }
        for k in 0..3 {
            row[k] += step_y[k];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vertex(x: f64, y: f64) -> ScreenVertex {
        ScreenVertex {
            x: (x * SUBPIXEL as f64) as i64,
            y: (y * SUBPIXEL as f64) as i64,
            finite: true,
            ..ScreenVertex::default()
        }
    }

    /// How often each pixel of a `size × size` picture is covered by `triangles`.
    fn coverage(triangles: &[[ScreenVertex; 3]], size: usize) -> Vec<u32> {
        let mut count = vec![0; size * size];
        for &t in triangles {
            fill_triangle(t, size, size, |i, _, _| count[i] += 1);
        }
        count
    }

    #[test]
    fn triangles_around_a_shared_vertex_cover_each_pixel_once() {
        // A fan of 8 triangles around a vertex on a pixel centre, with edges through pixel
        // centres in every direction: each centre inside the square is covered exactly once.
        let centre = (8.5, 8.5);
        let ring = [
            (0.5, 0.5),
            (8.5, 0.5),
            (16.5, 0.5),
            (16.5, 8.5),
            (16.5, 16.5),
            (8.5, 16.5),
            (0.5, 16.5),
            (0.5, 8.5),
        ];
        let triangles: Vec<[ScreenVertex; 3]> = (0..8)
            .map(|k| {
                let (a, b) = (ring[k], ring[(k + 1) % 8]);
                [
                    vertex(centre.0, centre.1),
                    vertex(a.0, a.1),
                    vertex(b.0, b.1),
                ]
            })
            .collect();
        let count = coverage(&triangles, 20);
        for y in 0..20 {
            for x in 0..20 {
                // Centres on the square's left and top edges belong to it, on the right and
                // bottom edges to a neighbour that is not there.
                let inside = x < 16 && y < 16;
                assert_eq!(count[y * 20 + x], u32::from(inside), "({x}, {y})");
            }
        }
    }

    #[test]
    fn a_surface_seen_from_above_covers_each_pixel_of_its_base_once() {
        // Bumps on a 31 × 31 mesh, both diagonals in use, turned 23° and seen from above: no
        // pixel centre is drawn twice (the triangles meet exactly) nor missed.
        let view = descent_core::view::View {
            w1: [-1.0, 1.0],
            w2: [-1.0, 1.0],
        };
        let grid = super::super::mesh::vertex_grid(view, 31, 31);
        let values: Vec<f64> = (0..31 * 31)
            .map(|i| (4.0 * grid.w1_at(i % 31)).sin() * (3.0 * grid.w2_at(i / 31)).cos())
            .collect();
        let scale = crate::ColorScale::fit(&values);
        let mesh = Mesh::new(view, (31, 31), &values, &scale, &scale);
        let both =
            (0..30).any(|c| mesh.main_diagonal(c, 3)) && (0..30).any(|c| !mesh.main_diagonal(c, 3));
        assert!(both, "both diagonals appear");
        let orbit = descent_core::view3d::Orbit::new(23.0, 90.0);
        let projection = Projection::new(orbit, 60.0, (75.0, 75.0));
        let mut image = Image::new(150, 150);
        image.project(&mesh, &projection, 0.0);
        let triangles: Vec<[ScreenVertex; 3]> = triangles(&mesh)
            .map(|t| t.map(|i| image.vertices[i]))
            .collect();
        let count = coverage(&triangles, 150);
        let inside = |x: f64, y: f64| {
            let p = projection.box_point(x, y, 0.0);
            p[0].abs() < 0.99 && p[1].abs() < 0.99
        };
        let mut checked = 0;
        for y in 0..150 {
            for x in 0..150 {
                let n = count[y * 150 + x];
                assert!(n <= 1, "({x}, {y}) drawn {n} times");
                if inside(x as f64 + 0.5, y as f64 + 0.5) {
                    assert_eq!(n, 1, "({x}, {y}) missed");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}

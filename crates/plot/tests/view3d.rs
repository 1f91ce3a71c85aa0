//! The 3-D view's renderer on known scenes: a bowl seen from above has the 2-D figure's
//! colours, a ridge hides the part of a path behind it, the z-buffer has no cracks along the
//! mesh's edges, a click finds the surface point under it, and the figure draws its axes,
//! paths and colour bar.

mod svg;

use descent_core::view3d::{Height, Orbit};
use descent_core::Function;
use descent_plot::raster::surface_rgba;
use descent_plot::scene::{Surface3dScene, View};
use descent_plot::surface::{Path, PathStyle};
use descent_plot::view3d::camera::{Camera, Projection, HALF_HEIGHT};
use descent_plot::view3d::figure::{self, Shot};
use descent_plot::view3d::mesh::{vertex_grid, Mesh};
use descent_plot::view3d::raster::{Image, Style, LIGHT};
use descent_plot::ColorScale;
use svg::{render, texts};

const UNIT: View = View {
    w1: [-1.0, 1.0],
    w2: [-1.0, 1.0],
};

/// `f` on the vertex grid of an `n × n` mesh over `view`.
fn sampled(view: View, n: usize, f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
    let grid = vertex_grid(view, n, n);
    (0..n)
        .flat_map(|r| (0..n).map(move |c| (c, r)))
        .map(|(c, r)| f(grid.w1_at(c), grid.w2_at(r)))
        .collect()
}

/// The lower half of a sphere: defined on the unit disc only (NaN outside).
fn sphere_bowl(w1: f64, w2: f64) -> f64 {
    -(1.0 - w1 * w1 - w2 * w2).sqrt()
}

/// A 65 × 65 bowl seen straight down at azimuth −90 (w1 to the right, w2 up, as the 2-D
/// figure), 32 pixels per box unit: vertex (c, r) lands on the centre of pixel (8 + c, 8 + r).
fn bowl_from_above(light: f64) -> (Vec<f64>, Vec<u8>, Image) {
    let values = sampled(UNIT, 65, sphere_bowl);
    let scale = ColorScale::fit(&values);
    let flat = surface_rgba(&values, &scale);
    let mesh = Mesh::new(UNIT, (65, 65), &values, &scale, &scale);
    let projection = Projection::new(Orbit::new(-90.0, 90.0), 32.0, (40.5, 40.5));
    let mut image = Image::new(81, 81);
    image.render(&mesh, &projection, &Style { light, grid: None });
    (values, flat, image)
}

/// The 3-D pixel and the 2-D cell of every vertex where both show the surface.
fn both_shown<'a>(
    values: &'a [f64],
    flat: &'a [u8],
    image: &'a Image,
) -> impl Iterator<Item = ([u8; 3], [u8; 3], usize)> + 'a {
    (0..65 * 65).filter_map(move |i| {
        let (c, r) = (i % 65, i / 65);
        let (x, y) = (8 + c, 8 + r);
        image.depth_at(x, y)?;
        values[i].is_finite().then_some(())?;
        let p = (y * 81 + x) * 4;
        let three: [u8; 3] = image.rgba()[p..p + 3].try_into().ok()?;
        let two: [u8; 3] = flat[i * 4..i * 4 + 3].try_into().ok()?;
        Some((three, two, i))
    })
}

#[test]
fn a_bowl_seen_from_above_has_the_2d_rasters_colours() {
    let (values, flat, image) = bowl_from_above(0.0);
    let mut compared = 0;
    for (three, two, i) in both_shown(&values, &flat, &image) {
        assert_eq!(three, two, "vertex {i}");
        compared += 1;
    }
    // The disc holds π·32² ≈ 3217 vertices; the few on its rim have no whole triangle.
    assert!(compared > 3000, "{compared} pixels compared");
    // Outside the disc, where the 2-D figure shows grey for no value, nothing is drawn.
    assert_eq!(image.depth_at(9, 9), None);
    assert_eq!(image.rgba()[(9 * 81 + 9) * 4 + 3], 0, "transparent");
}

#[test]
fn light_shades_slopes_and_keeps_level_ground_and_hues() {
    let (values, flat, image) = bowl_from_above(LIGHT);
    let (mut darker, mut lighter) = (0, 0);
    for (three, two, i) in both_shown(&values, &flat, &image) {
        if i == 32 * 65 + 32 {
            assert_eq!(three, two, "the level bottom of the bowl keeps its colour");
        }
        // Shading moves a colour straight towards black (darker) or white (lighter).
        let (sum3, sum2) = (
            three.iter().map(|&c| u32::from(c)).sum::<u32>(),
            two.iter().map(|&c| u32::from(c)).sum::<u32>(),
        );
        let (a, b) = if sum3 <= sum2 {
            darker += usize::from(sum3 < sum2);
            (three.map(f64::from), two.map(f64::from))
        } else {
            lighter += 1;
            (
                three.map(|c| 255.0 - f64::from(c)),
                two.map(|c| 255.0 - f64::from(c)),
            )
        };
        let k = (0..3).max_by(|&p, &q| b[p].total_cmp(&b[q])).unwrap_or(0);
        let s = a[k] / b[k].max(1.0);
        for channel in 0..3 {
            assert!(
                (a[channel] - b[channel] * s).abs() <= 1.5,
                "vertex {i}: {three:?} from {two:?}"
            );
        }
    }
    assert!(
        darker > 300 && lighter > 300,
        "{darker} darker, {lighter} lighter"
    );
}

/// A ridge 4·exp(−w1²/0.1) along w2 over [−2, 2]², and a path crossing it along w1 at
/// w2 = 0.3 from w1 = 1.8 to −1.8.
fn ridge() -> (Surface3dScene, Vec<Path>) {
    let function = Function::parse("4*exp(-w1^2/0.1)").expect("valid");
    let view = View {
        w1: [-2.0, 2.0],
        w2: [-2.0, 2.0],
    };
    let scene = Surface3dScene::new(&function, view, Height::Linear);
    let points = (0..=18).map(|k| [1.8 - 0.2 * f64::from(k), 0.3]).collect();
    let path = Path {
        points,
        style: PathStyle::Ramp,
        label: String::new(),
    };
    (scene, vec![path])
}

/// Which iterates of the ridge's path are in sight from `orbit`.
fn sight(orbit: Orbit) -> Vec<bool> {
    let (scene, paths) = ridge();
    let figure = scene.figure(Camera::new(orbit), &paths, None, 1.0, false);
    let mut image = Image::default();
    let shot = figure::render(&figure, 600, 400, &mut image);
    let draped = shot.drape(&scene.mesh, &image, &paths[0].points);
    draped
        .iterates
        .iter()
        .map(|s| s.expect("inside the view").visible)
        .collect()
}

#[test]
fn a_ridge_hides_the_part_of_a_path_behind_it() {
    let w1 = |k: usize| 1.8 - 0.2 * k as f64;
    // Seen low from the side of large w1, the part beyond the ridge (w1 < 0) is hidden.
    let from_front = sight(Orbit::new(0.0, 10.0));
    for (k, &visible) in from_front.iter().enumerate() {
        if w1(k) >= 0.19 {
            assert!(visible, "w1 = {} in front of the ridge", w1(k));
        } else if w1(k) <= -0.39 {
            assert!(!visible, "w1 = {} behind the ridge", w1(k));
        }
    }
    // From the other side the other half is hidden; from above nothing is.
    let from_back = sight(Orbit::new(180.0, 10.0));
    assert!(!from_back[0] && from_back[18]);
    assert!(sight(Orbit::new(0.0, 90.0)).iter().all(|&v| v));
}

#[test]
fn the_z_buffer_has_no_cracks_along_mesh_edges() {
    // A tilted plane from many directions: every pixel centre inside its outline is covered
    // (a crack between two triangles would leave one uncovered), and none outside. Vertices
    // sit on a 1/16-pixel grid, which moves an edge by at most √2/32 ≈ 0.044 pixels.
    const SNAP: f64 = 0.05;
    let values = sampled(UNIT, 23, |a, b| 0.4 * a - 0.3 * b);
    let scale = ColorScale::fit(&values);
    let mesh = Mesh::new(UNIT, (23, 23), &values, &scale, &scale);
    let corners = [(0, 0), (22, 0), (22, 22), (0, 22)].map(|(c, r)| mesh.vertex(c, r));
    for azimuth in [-170.0, -123.0, -90.0, -45.0, -12.5, 0.0, 33.0, 90.0, 135.0] {
        for elevation in [5.0, 27.0, 60.0, 90.0] {
            let projection = Projection::new(Orbit::new(azimuth, elevation), 90.0, (100.3, 100.7));
            let image = lit(&mesh, &projection, 200);
            let outline = corners.map(|p| {
                let [x, y, _] = projection.screen(p);
                (x, y)
            });
            for y in 0..200 {
                for x in 0..200 {
                    let centre = (x as f64 + 0.5, y as f64 + 0.5);
                    let distance = signed_distance(&outline, centre);
                    let covered = image.depth_at(x, y).is_some();
                    if distance > SNAP {
                        assert!(covered, "hole at ({x}, {y}) from {azimuth}°, {elevation}°");
                    } else if distance < -SNAP {
                        assert!(
                            !covered,
                            "outside at ({x}, {y}) from {azimuth}°, {elevation}°"
                        );
                    }
                }
            }
        }
    }
    // A bumpy surface from straight above, turned: its whole base is covered.
    let bumps = sampled(UNIT, 41, |a, b| (5.0 * a).sin() * (4.0 * b).cos());
    let scale = ColorScale::fit(&bumps);
    let mesh = Mesh::new(UNIT, (41, 41), &bumps, &scale, &scale);
    let projection = Projection::new(Orbit::new(37.0, 90.0), 70.0, (100.0, 100.0));
    let image = lit(&mesh, &projection, 200);
    let base = [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]].map(|[x, y]| {
        let [sx, sy, _] = projection.screen([x, y, 0.0]);
        (sx, sy)
    });
    for y in 0..200 {
        for x in 0..200 {
            if signed_distance(&base, (x as f64 + 0.5, y as f64 + 0.5)) > SNAP {
                assert!(image.depth_at(x, y).is_some(), "hole at ({x}, {y})");
            }
        }
    }
}

/// `mesh` drawn by `projection` under the default light on `size × size` pixels, no panes.
fn lit(mesh: &Mesh, projection: &Projection, size: usize) -> Image {
    let mut image = Image::new(size, size);
    let style = Style {
        light: LIGHT,
        grid: None,
    };
    image.render(mesh, projection, &style);
    image
}

/// How far `p` lies inside the convex polygon `outline` (negative outside), in pixels.
fn signed_distance(outline: &[(f64, f64); 4], p: (f64, f64)) -> f64 {
    let area: f64 = (0..4)
        .map(|k| {
            let (a, b) = (outline[k], outline[(k + 1) % 4]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    let sign = area.signum();
    (0..4)
        .map(|k| {
            let (a, b) = (outline[k], outline[(k + 1) % 4]);
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            sign * (dx * (p.1 - a.1) - dy * (p.0 - a.0)) / dx.hypot(dy).max(1e-12)
        })
        .fold(f64::INFINITY, f64::min)
}

/// The default view of a bowl E = w1² + w2² with a path down it, rendered on 700 × 450.
fn bowl_shot() -> (Surface3dScene, Vec<Path>, Image, Shot) {
    let function = Function::parse("w1^2 + w2^2").expect("valid");
    let scene = Surface3dScene::new(&function, UNIT, Height::Linear);
    let path = Path {
        points: vec![[-0.7, 0.6], [-0.4, 0.5], [-0.2, 0.2], [0.1, 0.0]],
        style: PathStyle::Solid([0xE6, 0x9F, 0x00]),
        label: "adam".into(),
    };
    let paths = vec![path];
    let mut image = Image::default();
    let figure = scene.figure(
        Camera::new(Orbit::default()),
        &paths,
        Some((0, 2)),
        1.0,
        false,
    );
    let shot = figure::render(&figure, 700, 450, &mut image);
    (scene, paths, image, shot)
}

#[test]
fn a_click_finds_the_surface_point_under_it() {
    let (scene, paths, image, shot) = bowl_shot();
    let draped = shot.drape(&scene.mesh, &image, &paths[0].points);
    // The path runs down the far wall, which faces the camera, to the bottom, which the near
    // rim hides. Where an iterate is in sight, a click on it finds it (the point at the
    // pixel's centre, within a pixel or so: the view is 2 wide on a box about 300 pixels
    // across); where it is hidden, the click finds the rim in front of it, nearer the camera.
    let toward = shot.projection.toward();
    let mut seen = [0, 0];
    for (w, iterate) in paths[0].points.iter().zip(&draped.iterates) {
        let iterate = iterate.expect("inside");
        let found = shot
            .data_at(&scene.mesh, &image, iterate.at.0, iterate.at.1)
            .expect("on the surface");
        let error = (found[0] - w[0]).hypot(found[1] - w[1]);
        if iterate.visible {
            assert!(error < 0.02, "{w:?}: {found:?}");
        } else {
            let nearer = (found[0] - w[0]) * toward[0] + (found[1] - w[1]) * toward[1];
            assert!(error > 0.3 && nearer > 0.0, "{w:?}: {found:?}");
        }
        seen[usize::from(iterate.visible)] += 1;
    }
    assert_eq!(seen, [2, 2], "hidden and visible iterates");
    // Off the surface (the top left corner) there is nothing to find.
    assert_eq!(shot.data_at(&scene.mesh, &image, 2.0, 2.0), None);
    // The scene's heights put E's range on the box's height.
    let bottom = scene.mesh.height_at([0.0, 0.0]).expect("centre");
    assert!((bottom + HALF_HEIGHT).abs() < 1e-3, "{bottom}");
}

#[test]
fn the_figure_draws_axes_the_path_the_marker_and_the_colour_bar() {
    let (scene, paths, image, shot) = bowl_shot();
    let figure = scene.figure(
        Camera::new(Orbit::default()),
        &paths,
        Some((0, 2)),
        1.0,
        false,
    );
    let (document, result) = render(700, 450, |root| figure::draw(root, &figure, &shot, &image));
    result.expect("drawn");
    let labels = texts(&document);
    for expected in ["w1", "w2", "E", "E(w)", "0", "1"] {
        assert!(
            labels.iter().any(|l| l == expected),
            "{expected} in {labels:?}"
        );
    }
    // The path in its colour, the marker's white disc and dark ring.
    assert!(document.contains("#E69F00"), "the path's colour");
    assert!(
        document.matches("<circle").count() >= 4 + 3,
        "dots, start ring, marker"
    );
}

// The baseline the 3-D view's frame time is measured against (performance harness, row (j)):
// the surface drawn the plain Canvas2D way, one path per quad of an n × n mesh, far quads first
// (the painter's algorithm), each filled with its viridis colour under a flat light, with the
// same orthographic camera as descent-plot's 3-D view. Himmelblau's function over [−5, 5]².
//
// `quadFrames` runs in the page (pass it to page.evaluate with its options): it draws `frames`
// views turning by 3° each onto a canvas of `width × height` pixels and returns each frame's
// milliseconds, the canvas flushed (a pixel read) before the clock stops.

export function quadFrames({ n, width, height, frames }) {
  const himmelblau = (a, b) => (a * a + b - 11) ** 2 + (a + b * b - 7) ** 2;
  // viridis at five stops, interpolated: enough for a baseline's colours.
  const stops = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const viridis = (t) => {
    const x = Math.min(Math.max(t, 0), 1) * (stops.length - 1);
    const i = Math.min(Math.floor(x), stops.length - 2);
    const f = x - i;
    return stops[i].map((c, k) => c + (stops[i + 1][k] - c) * f);
  };
  // Vertices in box coordinates: x, y in [−1, 1], z in [−0.75, 0.75] over E's range.
  const values = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) values.push(himmelblau(-5 + (10 * c) / (n - 1), 5 - (10 * r) / (n - 1)));
  }
  const min = Math.min(...values);
  const max = Math.max(...values);
  const vertex = (c, r) => [-1 + (2 * c) / (n - 1), 1 - (2 * r) / (n - 1), ((values[r * n + c] - min) / (max - min) - 0.5) * 1.5];
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  const times = [];
  for (let frame = 0; frame < frames; frame++) {
    const t0 = performance.now();
    const azimuth = ((-60 + 3 * frame) * Math.PI) / 180;
    const elevation = (30 * Math.PI) / 180;
    const right = [-Math.sin(azimuth), Math.cos(azimuth), 0];
    const up = [-Math.sin(elevation) * Math.cos(azimuth), -Math.sin(elevation) * Math.sin(azimuth), Math.cos(elevation)];
    const toward = [Math.cos(elevation) * Math.cos(azimuth), Math.cos(elevation) * Math.sin(azimuth), Math.sin(elevation)];
    const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    const scale = Math.min(width, height) / 3.2;
    const screen = (p) => [width / 2 + scale * dot(p, right), height / 2 - scale * dot(p, up), dot(p, toward)];
    const quads = [];
    for (let r = 0; r < n - 1; r++) {
      for (let c = 0; c < n - 1; c++) {
        const corners = [vertex(c, r), vertex(c + 1, r), vertex(c + 1, r + 1), vertex(c, r + 1)];
        const points = corners.map(screen);
        const depth = (points[0][2] + points[1][2] + points[2][2] + points[3][2]) / 4;
        const [a, b, d] = [corners[0], corners[1], corners[3]];
        const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
        const v = [d[0] - a[0], d[1] - a[1], d[2] - a[2]];
        const normal = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
        const length = Math.hypot(...normal) || 1;
        const light = 0.6 + 0.4 * Math.abs(dot(normal, toward) / length);
        const t = ((corners[0][2] + corners[2][2]) / 2 / 1.5) + 0.5;
        quads.push({ points, depth, colour: viridis(t).map((x) => Math.round(x * light)) });
      }
    }
    quads.sort((p, q) => p.depth - q.depth);
    context.clearRect(0, 0, width, height);
    for (const quad of quads) {
      context.beginPath();
      context.moveTo(quad.points[0][0], quad.points[0][1]);
      for (let k = 1; k < 4; k++) context.lineTo(quad.points[k][0], quad.points[k][1]);
      context.closePath();
      context.fillStyle = `rgb(${quad.colour[0]},${quad.colour[1]},${quad.colour[2]})`;
      context.fill();
    }
    context.getImageData(0, 0, 1, 1);
    times.push(performance.now() - t0);
  }
  return times;
}

// <descent-figure>: a Descent figure in any page, drawn by the same wasm module as the explorer.
//
//   <script type="module" src="descent-element.js"></script>
//   <descent-figure figure="trajectory" preset="rosenbrock" optimizer="adam" lr="0.02"></descent-figure>
//
// Attributes are the explorer's URL keys (figure, preset, function, optimizer, lr, alpha, beta,
// beta1, beta2, eps, start, steps, tol, view, log, compare, series, t, range, the 3-D view's
// 3d, azimuth, elevation, zoom, zscale, and a map's kind, grid, show, x, y). Every attribute is passed to the module as text, which ignores the keys it
// does not know; the figure redraws when any attribute changes or the element is resized. A map
// (figure="sweep") is computed at once on the page's thread: 32×32 cells unless `grid` says. Every element on a page shares one
// wasm instance. Clicking a trajectory figure's contour map moves its start point there. descent-element.css
// (optional) reserves each figure's space before it is drawn.
//
// The trajectory figure, the first steps and the amplification maps are drawn by the first
// module (descent-web.js), a map by the engine (descent-web-engine.js), loaded only on a page
// that has one. Each module is instantiated once per page, however many elements use it.
import initFirst, { drawFigure as drawFirst } from './descent-web.js';

const first = initFirst().then(() => drawFirst);
let engine;
/** `drawFigure` of the module that draws `figure`, once it is loaded. */
function drawerOf(figure) {
  if (figure !== 'sweep') return first;
  engine ??= import('./descent-web-engine.js').then(async (module) => {
    await module.default();
    return module.drawFigure;
  });
  return engine;
}

/** Attributes the element sets itself: not figure keys, and no reason to redraw. */
const OWN_ATTRIBUTES = new Set(['data-ready']);

/** Height over width of each figure. */
const ASPECT = { trajectory: 1.2, steps: 0.8, amplification: 0.32, sweep: 0.82 };

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :host { display: block; margin: 1em 0; }
  canvas { display: block; max-width: 100%; }
  p { font: 13px/1.4 system-ui, sans-serif; color: #4f5869; margin: 4px 0 0; }
  p.error { color: #b3261e; }
`);

class DescentFigure extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('part', 'canvas');
    this.message = document.createElement('p');
    this.message.setAttribute('part', 'message');
    root.append(this.canvas, this.message);
    this.canvas.addEventListener('click', (event) => this.moveStart(event));
  }

  connectedCallback() {
    this.resizeObserver = new ResizeObserver(() => this.schedule());
    this.resizeObserver.observe(this);
    // Any attribute, not a fixed list: keys the module learns later need no change here.
    this.attributeObserver = new MutationObserver((records) => {
      if (records.some((record) => !OWN_ATTRIBUTES.has(record.attributeName))) this.schedule();
    });
    this.attributeObserver.observe(this, { attributes: true });
    this.schedule();
  }

  disconnectedCallback() {
    this.resizeObserver?.disconnect();
    this.attributeObserver?.disconnect();
  }

  /** Redraws once per animation frame at most. */
  schedule() {
    cancelAnimationFrame(this.pending);
    this.pending = requestAnimationFrame(() => this.draw());
  }

  /** Every attribute as a config object (values stay text: they are data, never markup). */
  config() {
    const config = {};
    for (const { name, value } of this.attributes) {
      if (!OWN_ATTRIBUTES.has(name)) config[name] = value;
    }
    return config;
  }

  async draw() {
    const config = this.config();
    const figure = config.figure ?? 'trajectory';
    const width = Math.max(280, Math.round(this.clientWidth || 640));
    const height = Math.round(width * (ASPECT[figure] ?? 1));
    this.canvas.setAttribute('aria-label', `Descent ${figure} figure`);
    try {
      const drawFigure = await drawerOf(figure);
      this.frame = drawFigure(this.canvas, config, width, height, window.devicePixelRatio || 1);
      const notices = this.frame.notices;
      this.message.className = '';
      this.message.textContent = notices.length ? notices.join(' ') : '';
      this.dataset.ready = 'true';
    } catch (error) {
      this.message.className = 'error';
      this.message.textContent = `Descent could not draw this figure: ${error?.message ?? error}`;
    }
  }

  /** A click on a trajectory figure's surface sets the `start` attribute there. */
  moveStart(event) {
    const frame = this.frame;
    if (!frame?.surface) return;
    const { x, y, width, height, xRange, yRange } = frame.surface;
    const px = event.offsetX - x;
    const py = event.offsetY - y;
    if (px < 0 || py < 0 || px > width || py > height) return;
    const w1 = xRange[0] + (px / width) * (xRange[1] - xRange[0]);
    const w2 = yRange[1] - (py / height) * (yRange[1] - yRange[0]);
    this.setAttribute('start', `${w1.toPrecision(4)},${w2.toPrecision(4)}`);
  }
}

if (!customElements.get('descent-figure')) {
  customElements.define('descent-figure', DescentFigure);
}

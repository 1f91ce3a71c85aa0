// The front end of descent_explorer.Figure (an anywidget): a <descent-figure> element, the
// web build's custom element, whose attributes follow the model's keys. Setting a key in
// Python redraws it; a click on the surface (the element moves its `start` attribute) and the
// playback bar (`t`) set the keys in Python. scripts/python-wheel.sh puts this file after
// `DESCENT` (crates/python/js/bundle.mjs): the npm package's element, wasm-bindgen glue and
// wasm modules as text, so this one ES module loads nothing over the network
// (static/widget.js in the wheel).

/** A module from source text, as a blob: URL (memory, not a network request). */
function moduleUrl(source) {
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

/** A wasm-bindgen module whose `init()` instantiates the inlined wasm instead of fetching it. */
function inlinedModule({ glue, wasm }) {
  const glueUrl = JSON.stringify(moduleUrl(glue));
  return moduleUrl(`import init from ${glueUrl};
export * from ${glueUrl};
const bytes = Uint8Array.from(atob(${JSON.stringify(wasm)}), (c) => c.charCodeAt(0));
export default (input) => init(input ?? { module_or_path: bytes });
`);
}

/** Defines <descent-figure> once per page, its imports pointed at the inlined modules (the
 * engine stays a lazy import, instantiated only when a map is drawn). */
async function defineElement() {
  if (customElements.get('descent-figure')) return;
  let element = DESCENT.element;
  for (const module of Object.values(DESCENT.modules)) {
    const quoted = new RegExp(`(['"])${module.specifier.replace(/[.]/g, '\\.')}\\1`, 'g');
    element = element.replace(quoted, JSON.stringify(inlinedModule(module)));
  }
  await import(moduleUrl(element));
  await customElements.whenDefined('descent-figure');
}

await defineElement();

/** A key's value as the element's attribute text (`null`: no attribute). */
function attributeText(value) {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(attributeText).join(',');
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/** `"w1,w2"` as two numbers, or the text itself. */
function startValue(text) {
  const parts = text.split(',').map(Number);
  return parts.length === 2 && parts.every(Number.isFinite) ? parts : text;
}

/** The playback bar: a play button and a slider over t = 0 … steps. */
function playbackBar(model, onChange) {
  const bar = document.createElement('div');
  bar.className = 'descent-widget-playback';
  bar.style.cssText = 'display:flex;gap:8px;align-items:center;font:13px system-ui,sans-serif';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '▶ Play';
  button.setAttribute('aria-label', 'Play the run');
  const slider = document.createElement('input');
  slider.type = 'range';
  slider.min = '0';
  slider.setAttribute('aria-label', 'Iteration t');
  slider.style.flex = '1';
  const label = document.createElement('output');
  bar.append(button, slider, label);

  let playing = null;
  const steps = () => Math.max(0, Number(model.get('_steps')) || 0);
  const show = () => {
    const t = model.get('t');
    slider.max = String(steps());
    slider.value = String(t ?? steps());
    label.textContent = t === null || t === undefined ? 'all steps' : `t = ${t}`;
  };
  const setT = (t, save) => {
    model.set('t', t);
    if (save) model.save_changes();
    onChange();
    show();
  };
  const stop = () => {
    cancelAnimationFrame(playing);
    playing = null;
    button.textContent = '▶ Play';
    model.save_changes();
  };
  button.addEventListener('click', () => {
    if (playing !== null) return stop();
    const last = steps();
    const perFrame = Math.max(1, Math.round(last / 240)); // about four seconds a run
    let t = model.get('t');
    t = t === null || t === undefined || t >= last ? 0 : t;
    let saved = performance.now();
    const frame = (now) => {
      t = Math.min(last, t + perFrame);
      const save = now - saved > 100 || t >= last; // the kernel hears t ten times a second
      if (save) saved = now;
      setT(t, save);
      if (t < last) playing = requestAnimationFrame(frame);
      else stop();
    };
    button.textContent = '❚❚ Pause';
    playing = requestAnimationFrame(frame);
  });
  slider.addEventListener('input', () => setT(Number(slider.value), true));
  model.on('change:t', show);
  model.on('change:_steps', show);
  show();
  return { bar, stop: () => playing !== null && stop() };
}

function render({ model, el }) {
  const figure = document.createElement('descent-figure');
  const keys = model.get('_keys');
  const written = new Map(); // attribute → the text this widget wrote last

  const write = () => {
    for (const key of keys) {
      const text = attributeText(model.get(key));
      if (text === written.get(key)) continue;
      written.set(key, text);
      if (text === null) figure.removeAttribute(key);
      else figure.setAttribute(key, text);
    }
  };
  // After the element's next drawing (it draws in an animation frame), report its notes.
  const reportNotices = () =>
    setTimeout(() =>
      requestAnimationFrame(() => {
        const notices = figure.frame?.notices ?? [];
        if (JSON.stringify(notices) !== JSON.stringify(model.get('notices'))) {
          model.set('notices', [...notices]);
          model.save_changes();
        }
      }),
    );

  // The element moves its own `start` attribute on a click: send it to the kernel.
  const clicks = new MutationObserver(() => {
    const text = figure.getAttribute('start');
    if (text === null || text === written.get('start')) return;
    const start = startValue(text);
    written.set('start', attributeText(start)); // already drawn: no need to write it back
    model.set('start', start);
    model.save_changes();
  });
  clicks.observe(figure, { attributes: true, attributeFilter: ['start'] });

  const playback = playbackBar(model, () => write());
  const showBar = () => {
    playback.bar.style.display = (model.get('figure') ?? 'trajectory') === 'trajectory' ? 'flex' : 'none';
  };
  const changed = () => {
    write();
    showBar();
    reportNotices();
  };
  model.on('change', changed);
  write();
  showBar();
  el.append(figure, playback.bar);
  reportNotices();
  return () => {
    playback.stop();
    clicks.disconnect();
    model.off('change', changed);
  };
}

export default { render };

// Pages of another site that use Descent the two ways docs/embedding.md describes, for tests
// that serve them from a second origin: a blog's iframe in the sandbox platforms use, and a
// blog post with three <descent-figure> elements loaded from the site's origin (a CDN-like
// host). `site` is the site's URL with a trailing slash.

/**
 * A blog's Content-Security-Policy that lets it use Descent from `origin` (the site's): module
 * scripts and the wasm from there, its frames, inline styles (snippets carry `style=`).
 */
export function blogCsp(origin) {
  return (
    `default-src 'self'; script-src 'self' ${origin} 'wasm-unsafe-eval'; connect-src ${origin}; ` +
    `style-src 'self' 'unsafe-inline' ${origin}; frame-src ${origin}; img-src 'self' data:`
  );
}

/** A blog page around `body`: an empty icon (no request) and a title. */
export function blogPage(body, head = '') {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A blog post</title><link rel="icon" href="data:,">
${head}</head>
<body>${body}</body></html>
`;
}

/** What blog platforms allow an embed: scripts and pop-ups, no same-origin. */
export const SANDBOX = 'allow-scripts allow-popups';

/** A page that frames `site`?`query` in the platforms' sandbox. */
export function embedHost(site, query, { width = 720, height = 900 } = {}) {
  return blogPage(
    `<p>Blog text before the figure.</p>
<iframe src="${site}?${query}" sandbox="${SANDBOX}" width="${width}" height="${height}" title="Descent figure"></iframe>`,
  );
}

/** The three figures of the blog post: a trajectory, the first steps and a basin map. */
export const POST_FIGURES = [
  'figure="trajectory" preset="rosenbrock" optimizer="adam" lr="0.02" steps="400"',
  'figure="steps" optimizer="momentum,rmsprop" steps="4"',
  'figure="amplification"',
];

/** A blog post that loads the element and its style sheet from `site` and shows three figures. */
export function blogPost(site) {
  const figures = POST_FIGURES.map((attributes, i) => `<p>Figure ${i + 1}.</p>\n<descent-figure ${attributes}></descent-figure>`);
  return blogPage(
    `<article><h1>Three figures</h1>\n${figures.join('\n')}\n</article>`,
    `<link rel="stylesheet" href="${site}descent-element.css" crossorigin="anonymous">
<script type="module" src="${site}descent-element.js"></script>`,
  );
}

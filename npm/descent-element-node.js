// descent-explorer/element in Node, for pages rendered on a server (Astro, MDX, Docusaurus,
// VitePress): nothing to register there. The browser's copy of the module (descent-element.js)
// defines <descent-figure>, and the elements in the server's HTML upgrade when it loads.
export {};

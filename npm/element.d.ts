/**
 * `import "descent-explorer/element"` registers the custom element `<descent-figure>`: one
 * Descent figure (the trajectory on an error surface, the first steps of two optimizers, or the
 * amplification maps) drawn on a canvas by the package's wasm module. Its attributes are the
 * explorer's URL keys ({@link DescentFigureAttributes}); it redraws when one changes or its
 * width does, and a click on a trajectory figure's surface sets its `start` attribute there.
 * All elements of a page share one wasm instance. Under Node (server rendering) the import does
 * nothing: the element is defined in the browser.
 *
 * @example
 * import "descent-explorer/element";
 * import "descent-explorer/element.css"; // optional: reserves each figure's space
 * // <descent-figure figure="trajectory" preset="rosenbrock" optimizer="adam" lr="0.02"></descent-figure>
 *
 * @packageDocumentation
 */

export type { DescentFigureAttributes, FigureName, PresetName } from "./vocabulary.js";

/**
 * A `<descent-figure>` element. Configure it with attributes (text, see
 * `DescentFigureAttributes`); it sets `data-ready="true"` once it has drawn, and shows what it
 * could not use, or why it could not draw, in a note under the figure (`::part(message)`; the
 * canvas is `::part(canvas)`).
 */
export interface DescentFigureElement extends HTMLElement {}

declare global {
  interface HTMLElementTagNameMap {
    "descent-figure": DescentFigureElement;
  }
}

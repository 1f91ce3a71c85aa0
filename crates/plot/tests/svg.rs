//! Renders figures to SVG strings and reads back what they contain.

#![allow(dead_code)]

use std::collections::HashMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_svg::SVGBackend;

/// Draws on a `width × height` SVG and returns the document and what `draw` returned.
pub fn render<R>(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> R,
) -> (String, R) {
    let mut svg = String::new();
    let result;
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        result = draw(&root);
        root.present().expect("present");
    }
    (svg, result)
}

/// The attributes of every `<tag …>` element, in document order.
pub fn elements(svg: &str, tag: &str) -> Vec<HashMap<String, String>> {
    let open = format!("<{tag} ");
    svg.match_indices(&open)
        .map(|(start, _)| {
            let rest = &svg[start + open.len()..];
            let end = rest.find('>').unwrap_or(rest.len());
            attributes(&rest[..end])
        })
        .collect()
}

fn attributes(text: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let mut rest = text;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().trim_start_matches('/').to_string();
        let after = &rest[eq + 2..];
        let close = after.find('"').unwrap_or(after.len());
        map.insert(name, after[..close].to_string());
        rest = &after[(close + 1).min(after.len())..];
    }
    map
}

/// The contents of every `<text>` element, trimmed.
pub fn texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|chunk| {
            let body = &chunk[chunk.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_string())
        })
        .collect()
}

/// `<text>` elements with their attributes and content.
pub fn text_elements(svg: &str) -> Vec<(HashMap<String, String>, String)> {
    elements(svg, "text").into_iter().zip(texts(svg)).collect()
}

/// The points of a `points="x,y x,y"` attribute.
pub fn points(attribute: &str) -> Vec<(f64, f64)> {
    attribute
        .split_whitespace()
        .filter_map(|pair| {
            let (x, y) = pair.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect()
}

/// A number attribute.
pub fn number(element: &HashMap<String, String>, name: &str) -> f64 {
    element
        .get(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// Upper-case `#RRGGBB`, as plotters writes colours.
pub fn svg_colour(rgb: [u8; 3]) -> String {
    format!("#{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2])
}

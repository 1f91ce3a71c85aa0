#!/usr/bin/env python3
"""What occupies a WebAssembly module: its code and data attributed to the parts of Descent
and of Rust's standard library by function name, raw and gzip -9 (docs/performance.md,
"What the first module holds"). Needs a module that kept its names, built as the site builds
it but without wasm-bindgen (which would strip them):

    cargo build --release --target wasm32-unknown-unknown -p descent-web \
        --no-default-features --features page
    wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-reference-types \
        --enable-multivalue target/wasm32-unknown-unknown/release/descent_web.wasm -o named.wasm
    scripts/wasm-breakdown.py named.wasm [--functions N]

wasm-bindgen's descriptor functions (removed by wasm-bindgen) are left out. Each part's gzip
is of its bytes alone, so the parts add up to a little more than the module's gzip."""

import re
import sys
import zlib

# Parts, first match wins: (name, pattern over demangled function names).
PARTS = [
    ("training: data sets, CSV, models, schedules, sampling; their controls and URL keys",
     r"descent_core::(data|training|objective)|descent_web::(model::training|page::trajectory::(training|data_panel))"),
    ("the run loop (Config::run: the plain and the training run)", r"descent_core::config"),
    ("expressions: parsing (meval), compiling, evaluating", r"descent_core::(function|real|symmetric)|meval"),
    ("rest of descent-core (optimizer table and step, first steps, amplification, view)", r"descent_core"),
    ("descent-plot and plotters (figures, contours, axes, text, colour scales)", r"descent_plot|plotters"),
    ("page: the trajectory figure (controls, handlers, layers, curvature, export)", r"descent_web::page::trajectory"),
    ("page: DOM helpers and event-handler closures", r"descent_web::page::dom|core::ops::function"),
    ("page: first steps, amplification maps, links, element, shell", r"descent_web::page"),
    ("web model (figure state, URL codec, texts)", r"descent_web::model"),
    ("exports (start, drawFigure) and the JS glue crates", r"^(start|drawFigure)_|js_sys|web_sys|wasm_bindgen|console_error"),
    ("std: number formatting and parsing", r"core::(fmt|num)|Nt::core::num"),
    ("std: sorting", r"core::slice::sort"),
    ("allocator", r"dlmalloc"),
    ("libm (sin, cos, exp, log, pow) and memcpy", r"compiler_builtins"),
    ("std: collections, strings, iterators", r"."),
]

ESCAPES = {"$LT$": "<", "$GT$": ">", "$RF$": "&", "$BP$": "*", "$C$": ",", "$u20$": " ",
           "$u27$": "'", "$u5b$": "[", "$u5d$": "]", "$u7b$": "{", "$u7d$": "}", "$LP$": "(",
           "$RP$": ")", "$SP$": "@", "..": "::"}


def leb(b, i):
    """An unsigned LEB128 at `i`, and the index after it."""
    value = shift = 0
    while True:
        byte = b[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def demangle(name):
    """A Rust symbol's path (legacy `_ZN…E` or v0 `_R…` mangling), hashes dropped."""
    out, i = [], 3 if name.startswith("_ZN") else 2
    if not name.startswith(("_ZN", "_R")):
        return name
    legacy = name.startswith("_ZN")
    while i < len(name) and not (legacy and name[i] == "E"):
        crate_hash = re.match(r"Cs[0-9a-zA-Z]*_", name[i:])
        if not legacy and crate_hash:
            i += len(crate_hash.group())
            continue
        m = re.match(r"(\d+)_?" if not legacy else r"(\d+)", name[i:])
        if m and (legacy or not name[i - 1].isdigit()):
            n, j = int(m.group(1)), i + len(m.group())
            segment = name[j:j + n]
            if legacy or re.fullmatch(r"[A-Za-z_]\w*", segment):
                if not re.fullmatch(r"h[0-9a-f]{16}", segment):
                    segment = segment[1:] if segment.startswith("_$") else segment
                    for k, v in ESCAPES.items():
                        segment = segment.replace(k, v)
                    out.append(segment)
                i = j + n
                continue
            if legacy:
                break
        i += 1
    return "::".join(out)


def read(path):
    """The module's function bodies with their names, and its data segments."""
    b = open(path, "rb").read()
    i, imports, bodies, names, data = 8, 0, [], {}, b""
    while i < len(b):
        section = b[i]
        size, i = leb(b, i + 1)
        s, i = b[i:i + size], i + size
        if section == 2:  # imports: count the functions, whose indices come first
            count, j = leb(s, 0)
            for _ in range(count):
                for _ in range(2):
                    length, j = leb(s, j)
                    j += length
                kind, j = s[j], j + 1
                if kind == 0:
                    _, j = leb(s, j)
                    imports += 1
                elif kind in (1, 2):
                    j += kind == 1
                    flags, j = leb(s, j)
                    _, j = leb(s, j)
                    if flags & 1:
                        _, j = leb(s, j)
                else:
                    j += 2
        elif section == 10:
            count, j = leb(s, 0)
            for _ in range(count):
                length, j = leb(s, j)
                bodies.append(s[j:j + length])
                j += length
        elif section == 11:
            data = s
        elif section == 0:
            length, j = leb(s, 0)
            if s[j:j + length] == b"name":
                j += length
                while j < len(s):
                    kind = s[j]
                    size, j = leb(s, j + 1)
                    if kind == 1:
                        count, k = leb(s, j)
                        for _ in range(count):
                            index, k = leb(s, k)
                            length, k = leb(s, k)
                            names[index] = demangle(s[k:k + length].decode("utf8", "replace"))
                            k += length
                    j += size
    named = [(names.get(imports + n, "?"), body) for n, body in enumerate(bodies)]
    return [(n, body) for n, body in named if "wbindgen_describe" not in n], data


def gzip_kib(chunks):
    return len(zlib.compress(b"".join(chunks), 9)) / 1024


def main():
    functions, data = read(sys.argv[1])
    parts = {name: [] for name, _ in PARTS}
    for name, body in functions:
        part = next(p for p, pattern in PARTS if re.search(pattern, name))
        parts[part].append(body)
    rows = [(gzip_kib(chunks), sum(map(len, chunks)) / 1024, part) for part, chunks in parts.items()]
    rows.append((gzip_kib([data]), len(data) / 1024, "data: texts (messages, notes, labels), tables"))
    code = [body for _, body in functions]
    print(f"code and data: {(sum(map(len, code)) + len(data)) / 1024:.0f} KiB, "
          f"{gzip_kib(code + [data]):.0f} KiB gzipped\n")
    print("| part | KiB | gzipped |\n| --- | --- | --- |")
    for gz, raw, part in sorted(rows, reverse=True):
        print(f"| {part} | {raw:.0f} | {gz:.0f} |")
    if "--functions" in sys.argv:
        count = int(sys.argv[sys.argv.index("--functions") + 1])
        print()
        for name, body in sorted(functions, key=lambda f: -len(f[1]))[:count]:
            print(f"{len(body):7d}  {name[:140]}")


main()

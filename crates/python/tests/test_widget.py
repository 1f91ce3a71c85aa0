"""The widget on the Python side (its front end is tested in a real JupyterLab by
tests/jupyterlab.test.mjs): traits from the vocabulary, validation with the core's messages,
the natively drawn PNG in the mime bundle, and a front end that carries its wasm inside."""

import base64
import json
import pathlib
import re
import struct

import pytest

import descent_explorer as de
from descent_explorer import Figure


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_every_key_of_the_vocabulary_is_a_synced_trait():
    fig = Figure()
    for key, *_ in de.keys():
        assert fig.has_trait(key), key
        assert fig.trait_metadata(key, "sync"), key
        assert getattr(fig, key) is None
    assert fig._keys == [key for key, *_ in de.keys()]
    assert fig._steps == 300  # the vocabulary's default


def test_keys_set_from_python_are_validated_by_the_core():
    fig = Figure(preset="rosenbrock", optimizer="adam", lr=0.02, steps=400)
    assert fig.figure_keys() == {"preset": "rosenbrock", "optimizer": "adam", "lr": 0.02, "steps": 400}
    assert fig._steps == 400
    seen = []
    fig.observe(lambda change: seen.append((change["name"], change["new"])), names=["lr", "start"])
    fig.lr = 0.1
    fig.start = [0.5, -0.5]
    assert seen == [("lr", 0.1), ("start", [0.5, -0.5])]
    with pytest.raises(ValueError, match=r"^`lr` must be a finite number > 0, not -1$"):
        fig.lr = -1
    assert fig.lr == 0.1  # the last good value stays
    with pytest.raises(ValueError, match=r"^unknown optimizer `sgd`; choose one of gd, momentum"):
        fig.optimizer = "sgd"
    with pytest.raises(ValueError, match=r"^`beta` is not a hyperparameter of adam"):
        fig.beta = 0.9
    fig.steps = 50
    assert fig._steps == 50


def test_unknown_keys_and_figures_say_what_there_is():
    with pytest.raises(ValueError, match=r"^unknown parameter `colour`; the parameters are figure, preset, view"):
        Figure(colour="red")
    with pytest.raises(ValueError, match=r"^`figure` must be one of trajectory, steps, amplification, sweep, not `bars`$"):
        Figure(figure="bars")


@pytest.mark.parametrize(
    "keys, size",
    [
        (dict(preset="rosenbrock", optimizer="adam", lr=0.02, steps=400), (720, 860)),
        (dict(figure="steps", optimizer="momentum,adam", lr="0.01,", steps=4), (720, 576)),
        (dict(figure="amplification", beta=[0, 0.9]), (960, 310)),
        (dict(figure="sweep", preset="rosenbrock", optimizer="adam", lr=0.02, steps=100, grid=16), (720, 590)),
    ],
    ids=["trajectory", "steps", "amplification", "sweep"],
)
def test_the_mime_bundle_carries_a_natively_drawn_png(keys, size):
    fig = Figure(**keys)
    data, _ = fig._repr_mimebundle_()
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == fig.model_id
    picture = base64.b64decode(data["image/png"])
    assert png_size(picture) == size
    assert len(picture) > 8_000  # a drawn figure, not a blank image
    assert png_size(fig.png(400, 300, pixel_ratio=2)) == (400, 300)


def test_the_front_end_is_one_module_with_the_wasm_inside():
    # What it requests at run time (nothing) is tested in JupyterLab (tests/jupyterlab.test.mjs).
    esm = pathlib.Path(de.__file__).with_name("static").joinpath("widget.js").read_text()
    descent = json.loads(re.search(r"^const DESCENT = (.*);$", esm, re.M).group(1))
    assert set(descent["modules"]) == {"first", "engine"}
    for module in descent["modules"].values():
        assert base64.b64decode(module["wasm"])[:4] == b"\0asm"
        assert "export { initSync, __wbg_init as default };" in module["glue"]
        assert module["specifier"] in descent["element"]
    assert "customElements.define('descent-figure'" in descent["element"]
    assert not re.search(r"^\s*import\s", esm, re.M), "no static import: one module"
    assert esm.rstrip().endswith("export default { render };")

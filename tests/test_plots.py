"""The shared figure style and generic figure functions show what they claim."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # the test process only; notebooks keep the inline backend

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.plots import PALETTE, bar, finish, use_style


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_style_is_large_colour_blind_safe_and_korean_capable():
    use_style()
    assert mpl.rcParams["axes.titlesize"] >= 15
    assert mpl.rcParams["axes.prop_cycle"].by_key()["color"][:3] == PALETTE[:3]
    assert "NanumGothic" in mpl.rcParams["font.family"]


def test_korean_text_renders_without_missing_glyphs(recwarn):
    use_style()
    fig, ax = plt.subplots()
    finish(ax, "최근성 Recency", "빈도 (회)", "구매금액 (KRW)")
    fig.canvas.draw()
    assert not [w for w in recwarn if "missing from" in str(w.message)]


def test_bar_draws_one_bar_per_value_in_order():
    use_style()
    ax = bar(pd.Series({"VIP": 5, "Gold": 3}), title="VIP lead", xlabel="Tier", ylabel="Customers")
    assert [p.get_height() for p in ax.patches] == [5, 3]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["VIP", "Gold"]
    assert ax.get_title(loc="left") == "VIP lead"
    assert ax.get_ylabel() == "Customers"


def test_bar_refuses_what_it_cannot_draw():
    with pytest.raises(TypeError, match="pandas Series"):
        bar([1, 2], title="t", xlabel="x", ylabel="y")
    with pytest.raises(ValueError, match="empty"):
        bar(pd.Series(dtype=float), title="t", xlabel="x", ylabel="y")


def test_a_figure_needs_a_title():
    with pytest.raises(ValueError, match="title"):
        finish(plt.subplots()[1], "")


def test_what_if_box_redraws_on_every_slider_move_and_closes_figures():
    from helpers.plots import what_if_box

    def render(values):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, values["r"]])
        return pd.Series({"CLV": round(100 * values["r"] / (1.1 - values["r"]), 1)}), fig

    box = what_if_box({"r": ("Retention", 0.8, 0.5, 0.95, 0.01, ".0%")}, render, note="KRW")
    slider, out = box.children[0].children[1], box.children[1]  # [0] is the note
    assert "266.7" in out.outputs[0]["data"]["text/plain"]
    slider.value = 0.9
    assert "450.0" in out.outputs[0]["data"]["text/plain"]
    assert len(out.outputs) == 2 and "Figure" in out.outputs[1]["data"]["text/plain"]
    assert not plt.get_fignums(), "stored figures are closed"


def test_what_if_box_needs_a_slider():
    from helpers.plots import what_if_box

    with pytest.raises(ValueError, match="at least one slider"):
        what_if_box({}, lambda values: None)

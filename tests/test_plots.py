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

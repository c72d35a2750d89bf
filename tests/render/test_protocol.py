"""The renderer contract: every view type has one Renderer method, and dispatch finds it."""

from __future__ import annotations

import inspect

from hkprobono.render import protocol
from hkprobono.render.plain import PlainRenderer
from hkprobono.render.protocol import METHODS, Renderer


def test_every_view_type_has_one_method_taking_it() -> None:
    in_union = {name.strip() for name in str(protocol.View).split("|")}
    assert set(METHODS) == in_union
    methods = {n for n, f in vars(Renderer).items() if inspect.isfunction(f) and not n.startswith("_")}
    assert set(METHODS.values()) == methods
    for view, method in METHODS.items():
        assert getattr(Renderer, method).__annotations__["view"] == view, method


def test_both_renderers_have_every_method() -> None:
    from hkprobono.render.terminal import RichRenderer

    for renderer in (PlainRenderer, RichRenderer):
        missing = [m for m in METHODS.values() if not callable(getattr(renderer, m, None))]
        assert not missing, (renderer.__name__, missing)

"""The public API is what `actionplan.__all__` says: sorted, every name real, nothing left out."""

from __future__ import annotations
import __future__

import types

import actionplan


def test_all_is_sorted() -> None:
    assert actionplan.__all__ == sorted(actionplan.__all__)


def test_every_exported_name_resolves() -> None:
    # Most names are lazy (the module's __getattr__); getattr is what a user's code does.
    missing = [name for name in actionplan.__all__ if not hasattr(actionplan, name)]
    assert missing == []
    assert len(set(actionplan.__all__)) == len(actionplan.__all__)


def test_every_public_name_of_the_package_is_exported() -> None:
    for name in actionplan.__all__:
        getattr(actionplan, name)
    public = {
        name
        for name, value in vars(actionplan).items()
        if not name.startswith("_")
        # Submodules become attributes once imported; they are not API names.
        and not isinstance(value, types.ModuleType)
        and not isinstance(value, __future__._Feature)
    }
    assert sorted(public - set(actionplan.__all__)) == []

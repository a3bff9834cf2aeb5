"""Fixtures of the plugin's tests: a fresh copy of test_data/ per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pelican.plugins.bilingual.testing import TEST_DATA, Site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A copy of test_data/: two languages on Pelican's default theme."""
    shutil.copytree(TEST_DATA, tmp_path / "site")
    return Site(tmp_path / "site")

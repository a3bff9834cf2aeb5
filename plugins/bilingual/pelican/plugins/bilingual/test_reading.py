"""Reading Markdown: what Python-Markdown cannot read is one line naming the
file, and the run stops as for any other problem (no traceback)."""

from __future__ import annotations

import pytest
from pelican.plugins.bilingual.errors import BuildStopped
from pelican.plugins.bilingual.testing import Site


def test_lists_nested_too_deeply_name_the_file_and_line(site: Site, caplog):
    nested = "".join("    " * depth + "- x\n" for depth in range(400))
    site.write("content/pages/fr/profond.md", f"Title: Profond\nKey: deep\n\n{nested}")
    with pytest.raises(BuildStopped, match="problem in content"):
        site.build()
    deepest = 4 + 399  # three fields, a blank line, then the 400th item
    assert f"pages/fr/profond.md:{deepest}: lists or quotes are nested too deeply" in caplog.text
    assert "Could not process" not in caplog.text

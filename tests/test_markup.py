"""Escaping text for rich text: the same as the standard library's, without its import."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from hipcoach import markup


@given(st.text())
def test_escape_is_the_standard_librarys(text):
    assert markup.escape(text) == html.escape(text)


@given(st.text())
def test_escape_without_quotes_leaves_only_quotes_alone(text):
    assert markup.escape(text, quote=False) == html.escape(text, quote=False)


def test_markup_becomes_text():
    assert markup.escape("<img src=\"x\"> & 'y'") == (
        "&lt;img src=&quot;x&quot;&gt; &amp; &#x27;y&#x27;"
    )

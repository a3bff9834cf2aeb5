"""Production settings: everything from pelicanconf.py, plus what only the
published site needs. CI builds with this file."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

# The public address; CI may set SITEURL for another host.
SITEURL = os.environ.get("SITEURL", "https://staedtepartnerkonferenz.example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

# A missing translation stops a published build (development builds warn).
BILINGUAL_STRICT = True
DELETE_OUTPUT_DIRECTORY = True

# The README's minimal setup: two languages on Pelican's default theme.
PLUGINS = ["bilingual"]
PATH = "content"
SITENAME = "Harbour Days"
DEFAULT_LANG = "en"
BILINGUAL_LANGUAGES = {"en": {"name": "English"}, "fr": {"name": "Français"}}
BILINGUAL_SETTINGS = {"fr": {"SITENAME": "Journées du port"}}

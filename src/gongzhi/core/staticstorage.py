"""Static files under names carrying their content's hash, with compressed copies.

`collectstatic` (which `gongzhi serve` and `make demo` run before starting) writes each file as
`app.<hash>.css` beside a gzip (and brotli, when installed) copy and a manifest; templates then
name the hashed file and WhiteNoise serves it with `Cache-Control: max-age=315360000, immutable`
(a changed file gets a new name, so a browser never keeps a stale one).

Two allowances on Django's manifest storage:
- before `collectstatic` has run (the tests, a development checkout) a file missing from the
  manifest is named as it is and served from the source folders (WhiteNoise's finders), instead
  of Django's "Missing staticfiles manifest entry" error on every page;
- a stylesheet's reference to a file that is not shipped (bootstrap-icons names a .woff beside
  the .woff2 we vendor; browsers take the woff2) is left as written instead of failing
  `collectstatic`.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:  # not collected (no manifest entry, no file in STATIC_ROOT)
            return name

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if content is not None or self.exists(filename or name):
                raise
            return name  # referenced, but not shipped

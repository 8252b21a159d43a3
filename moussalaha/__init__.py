"""The Moussalaha Centre website's own logic, importable without MkDocs.

Its MkDocs plugin (plugin.py, `plugins: - moussalaha` in mkdocs.yml) adds the
site's steps to the build; the editors' tool (scripts/site.py), the tests and the scripts import it too.
Installed editable into .venv by `make` (pyproject.toml).
"""

"""The Moussalaha Centre website's own logic, importable without MkDocs.

The MkDocs hooks in scripts/hooks/ are thin entry points into this package;
the editors' tool (scripts/site.py), the tests and the scripts import it too.
Installed editable into .venv by `make` (pyproject.toml).
"""

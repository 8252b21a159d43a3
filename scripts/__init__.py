"""The maintainers' scripts; those that use the test rig (tests/support/) run
from the project's folder as modules: `.venv/bin/python -m scripts.bench`."""

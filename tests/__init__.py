"""The tests, and their rig (tests/support/): importable as `tests.…` from
the project's folder (pytest.ini's `pythonpath`, `python -m` for the scripts)."""

"""The project's tools. A package so that the tests import the shared gunicorn launcher as
`scripts.gunicorn_server`; each script still runs on its own (`python scripts/bench.py`)."""

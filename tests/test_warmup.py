"""transformations.warmup: the work done once in the gunicorn master before it forks."""

from django.template import engines

from transformations.warmup import _templates, warm_up


def test_warm_up_compiles_every_project_template_and_touches_no_database():
    # No db fixture: pytest-django fails any database access in this test.
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    names = list(_templates())
    assert "programs/program_page.html" in names
    assert "base.html" in names

    warm_up()

    compiled = {key.split("-", 1)[0] for key in loader.get_template_cache}
    assert set(names) <= compiled

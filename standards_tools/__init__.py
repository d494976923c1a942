"""Tools for the standards data that the validator and the 县市标准配置 page share: standard library only.

* :mod:`standards_tools.checks` — the checks of ``standards/`` a JSON Schema cannot express (Chinese messages);
* :mod:`standards_tools.yaml_edit` — inserting a dated entry into a county's YAML text, keeping its formatting;
* :mod:`standards_tools.configurator` — the 配置 page's requests (check, what-if, edited file), JSON in and out;
* :mod:`standards_tools.reference_households` — the fixed households that show what a change does.

This layer sits above the engine (:mod:`calculator`), which it uses and which never imports it, and below the build
(``sitebuild/``, ``hooks/``). The 配置 page downloads it as its own zip; the 测算 page never does.
"""

"""MkDocs hooks (build time). A package only so that import-linter can check the layers (pyproject.toml)."""

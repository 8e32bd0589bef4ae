"""Update Source Planner's ```update-source-trace fences for MkDocs (the
plugin ``update-source-trace``, in ``plugin``) and Sphinx (the extension
``update_source_trace.sphinx``), with the planner inside.

``python -m update_source_trace check DOCS`` checks every fence of a
documentation folder, for CI."""

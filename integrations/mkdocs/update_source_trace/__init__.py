"""Update Source Planner's fences for MkDocs (the plugin is in ``plugin``)."""

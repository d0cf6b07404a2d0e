"""One module per pipeline stage. A stage imports ``article`` and resources, never another stage."""

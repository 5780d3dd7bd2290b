"""Built-in extractor plugins, each registered through the ``fieldreport.plugins`` entry point."""
